"""Fixtures and helpers for the login, enrolment and forgot-password dialog tests.

Each test gets its own seeded mock backend over real HTTP (uvicorn on a free loopback port), a
task runner on its own thread pool (waited for in teardown, so no worker outlives the test), and
helpers to read the captcha answer and SMS codes from the server's tester controls.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backend_mock.server import ServerThread
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient
from desktop.api.types import Health, SessionCalendar
from desktop.core.tasks import TaskRunner
from tests.gui_helpers import new_pool
from tests.servers import start_server

WAIT_MS = 15_000


@dataclass
class Backend:
    """A running mock backend and a tester's client for its ``/mock`` controls."""

    url: str
    mode: Mode
    thread: ServerThread
    client: ApiClient
    clients: list[ApiClient] = field(default_factory=list)
    running: bool = True

    def new_client(self, **kwargs: object) -> ApiClient:
        """A client for the widgets under test (closed in teardown)."""
        kwargs.setdefault("retries", 0)
        c = ApiClient(self.url, **kwargs)  # type: ignore[arg-type]
        self.clients.append(c)
        return c

    def health(self) -> Health:
        return self.client.system.health()

    def stop(self) -> None:
        if self.running:
            self.running = False
            self.thread.stop()

    def close(self) -> None:
        self.stop()
        for c in [*self.clients, self.client]:
            c.close()

    # --- tester controls ------------------------------------------------------------------------------
    def captcha_answer(self, captcha_id: str) -> str:
        return self.client.mock.captcha_answer(captcha_id)

    def advance(self, seconds: float) -> None:
        self.client.mock.set_clock(advance_seconds=seconds)

    def freeze_clock(self, when: datetime) -> None:
        self.client.mock.set_clock(when, frozen=True)

    def enrolment_session(self) -> SessionCalendar:
        """The first session whose enrolment window is still ahead (or the last one)."""
        cal = self.client.system.calendar()
        upcoming = [s for s in cal.sessions if s.enrolment_open > cal.server_time]
        return upcoming[0] if upcoming else cal.sessions[-1]

    def open_enrolment_window(self) -> SessionCalendar:
        """Freeze the server clock one hour into the next enrolment window (e.g. 02-07 10:00)."""
        session = self.enrolment_session()
        self.freeze_clock(session.enrolment_open + timedelta(hours=1))
        return session

    def close_enrolment_window(self) -> SessionCalendar:
        """Freeze the server clock one day after the next window closes; return the one after it."""
        session = self.enrolment_session()
        self.freeze_clock(session.enrolment_close + timedelta(days=1))
        return self.enrolment_session()


def start_backend(db_path: Path, mode: Mode = Mode.TEST, auto_approve: bool = True) -> Backend:
    server = start_server(db_path, Settings(mode=mode, auto_approve_enrolment=auto_approve))
    return Backend(url=server.url, mode=mode, thread=server.thread, client=ApiClient(server.url, retries=0))


@pytest.fixture(name="backend_factory")
def backend_factory_fixture(tmp_path: Path) -> Iterator[Callable[..., Backend]]:
    """Start backends: ``make(mode=Mode.TEST, auto_approve=True)``; all are stopped in teardown."""
    started: list[Backend] = []

    def make(mode: Mode = Mode.TEST, auto_approve: bool = True) -> Backend:
        backend = start_backend(tmp_path / f"t{len(started)}.db", mode, auto_approve)
        started.append(backend)
        return backend

    yield make
    for backend in started:
        backend.close()


@pytest.fixture(name="backend")
def backend_fixture(backend_factory: Callable[..., Backend]) -> Backend:
    """A test-mode backend (tester controls, no demo accounts list), enrolments approved at once."""
    return backend_factory(Mode.TEST)


@pytest.fixture(name="demo_backend")
def demo_backend_fixture(backend_factory: Callable[..., Backend]) -> Backend:
    return backend_factory(Mode.DEMO)


@pytest.fixture(name="runner")
def runner_fixture(qtbot: QtBot) -> Iterator[TaskRunner]:
    """A task runner on its own pool; teardown waits for every worker and delivers their results."""
    pool = new_pool()
    runner = TaskRunner(pool=pool)
    yield runner
    assert runner.wait(WAIT_MS), "a worker was still running at the end of the test"
    QApplication.processEvents()
    pool.waitForDone(WAIT_MS)


def wait_idle(qtbot: QtBot, widget: object, timeout: int = WAIT_MS) -> None:
    """Wait until ``widget.busy`` is false (its requests have come back)."""
    qtbot.waitUntil(lambda: not widget.busy, timeout=timeout)  # type: ignore[attr-defined]
