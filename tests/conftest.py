"""Shared fixtures: a real mock backend over real HTTP on a free loopback port.

Qt runs offscreen (set before anything imports Qt).  Servers come from ``tests.servers``: each
test gets its own server, clock and copy of the seeded database.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient
from tests.processes import embedded_children
from tests.servers import LiveServer, start_server


@pytest.fixture(scope="session", autouse=True)
def no_embedded_backend_left() -> Iterator[None]:
    """No test leaves an embedded demo backend process behind (docs/desktop-core.md)."""
    yield
    left = embedded_children()
    assert not left, f"embedded backend processes still running after the tests: {left}"


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []

    def make(mode: Mode = Mode.TEST, **overrides: object) -> LiveServer:
        db_file = tmp_path / f"server{len(started)}.db"
        values: dict[str, Any] = {"auto_approve_enrolment": mode is not Mode.PRODUCTION, **overrides}
        settings = Settings(mode=mode, **values)
        server = start_server(db_file, settings)
        started.append(server)
        return server

    yield make
    for server in started:
        server.thread.stop()


@pytest.fixture
def live_server(server_factory: Callable[..., LiveServer]) -> LiveServer:
    return server_factory()


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[ApiClient]:
    c = live_server.client()
    yield c
    c.close()
