"""Helpers for the GUI tests: a real mock backend over HTTP, logging in, picking demo examinees.

Each test module declares its own small fixtures on top of these context managers (importing
fixtures across modules confuses linters and pytest alike).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.db import make_engine
from backend_mock.models import Examinee
from backend_mock.seed.demo import DEMO_EXAMINEES, DemoExaminee
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient
from desktop.core.tasks import TaskRunner
from tests.servers import database_url, start_server


@contextmanager
def running_server(tmp_path: Path, **overrides: object) -> Iterator[str]:
    """A seeded mock backend (test mode) on a free loopback port; yields its URL."""
    settings = Settings(mode=Mode.TEST, auto_approve_enrolment=True, **overrides)  # type: ignore[arg-type]
    server = start_server(tmp_path / "t.db", settings)
    try:
        yield server.url
    finally:
        server.thread.stop()


#: every pool made for a test, kept for the whole run: a QThreadPool the garbage collector destroys
#: waits in its destructor for its workers while holding the GIL, so one late worker that needs the
#: GIL (say, a timer of an earlier test's widget started a request) would hang the run for ever
_POOLS: list[QThreadPool] = []


def new_pool() -> QThreadPool:
    """A thread pool for one test, never destroyed before the end of the run (see ``_POOLS``)."""
    pool = QThreadPool()
    _POOLS.append(pool)
    return pool


@contextmanager
def task_runner() -> Iterator[TaskRunner]:
    """A runner on its own thread pool; no worker is left running afterwards."""
    pool = new_pool()
    runner = TaskRunner(pool=pool)
    try:
        yield runner
    finally:
        assert runner.wait(20_000), "a worker is still running"
        pool.waitForDone(20_000)


def demo_examinee(*, with_photo: bool) -> DemoExaminee:
    """An active, unlocked demo examinee with or without a photo."""
    for examinee in DEMO_EXAMINEES:
        if examinee.photo is with_photo and not examinee.locked and examinee.record_status.value == "active":
            return examinee
    raise LookupError(f"the seed has no demo examinee with photo={with_photo}")


def full_id_number(tmp_path: Path, exam_no: str) -> str:
    """The unmasked ID number of ``exam_no``, straight from the server's database."""
    engine = make_engine(database_url(tmp_path / "t.db"))
    try:
        with Session(engine) as db:
            number = db.scalar(select(Examinee.id_number).where(Examinee.exam_no == exam_no))
    finally:
        engine.dispose()
    assert number, exam_no
    return str(number)


def jpeg_file(path: Path, size: tuple[int, int] = (480, 640), colour: tuple[int, int, int] = (120, 180, 235)) -> Path:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=85)
    path.write_bytes(out.getvalue())
    return path


def label_texts(widget: QWidget) -> list[str]:
    """The text of every label inside ``widget`` (and of the widget, if it is a label)."""
    labels = widget.findChildren(QLabel)
    if isinstance(widget, QLabel):
        labels.append(widget)
    return [label.text() for label in labels]


# --- fixtures of the main-window and personal-centre tests (import them by name) -----------------


@pytest.fixture(name="server")
def server_fixture(tmp_path: Path) -> Iterator[str]:
    """A seeded test-mode server whose database is ``tmp_path / "t.db"`` (see full_id_number)."""
    with running_server(tmp_path) as url:
        yield url


@pytest.fixture(name="client")
def client_fixture(server: str) -> Iterator[ApiClient]:
    c = ApiClient(server)
    yield c
    c.close()


@pytest.fixture(name="runner")
def runner_fixture(qtbot: QtBot, server: str) -> Iterator[TaskRunner]:
    with task_runner() as r:
        yield r


def confirm_box(parent: QWidget, name: str = "confirmBox") -> QMessageBox:
    """The question an action asked before it was sent (``widgets.submit_dialog.confirm``), open."""
    boxes = [b for b in parent.findChildren(QMessageBox, name) if b.isVisible()]
    assert len(boxes) == 1, f"expected one open {name}, found {len(boxes)}"
    return boxes[0]


def say_yes(parent: QWidget, name: str = "confirmBox") -> str:
    """Answer the open question with its yes button; returns what it asked."""
    box = confirm_box(parent, name)
    text = box.text()
    yes = box.findChild(QPushButton, "confirmYes")
    assert yes is not None
    yes.click()
    return text
