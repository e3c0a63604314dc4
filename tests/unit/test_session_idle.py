"""The idle timeout of a login: warning with countdown, "继续使用", logout; activity resets it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.api.types import LoginSession
from desktop.shell.session import UserSession

pytestmark = pytest.mark.gui

NOW = datetime(2026, 11, 2, 9, 0)


def login_session(kind: str = "examinee", idle: int = 1800, hours: float = 12) -> LoginSession:
    return LoginSession(
        kind=kind,
        name="周雨桐",
        idle_timeout_seconds=idle,
        absolute_expires_at=NOW + timedelta(hours=hours),
        server_time=NOW,
    )


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def make_session(qtbot: QtBot) -> Iterator[Callable[..., UserSession]]:
    made: list[UserSession] = []

    def make(login: LoginSession | None = None, **kwargs: object) -> UserSession:
        session = UserSession(login or login_session(), **kwargs)  # type: ignore[arg-type]
        made.append(session)
        return session

    yield make
    for session in made:
        session.stop()
        session.deleteLater()


def test_timeouts_come_from_the_login(make_session: Callable[..., UserSession]) -> None:
    examinee = make_session(login_session(idle=1800), watch_application=False)
    staff = make_session(login_session(kind="staff", idle=900), watch_application=False)
    assert examinee.idle_timeout == 1800 and examinee.warning_seconds == 60
    assert staff.idle_timeout == 900 and staff.is_staff
    assert 1799 <= examinee.seconds_left() <= 1800


def test_warning_counts_down_and_continue_keeps_the_session(
    qtbot: QtBot, make_session: Callable[..., UserSession]
) -> None:
    clock = FakeClock()
    session = make_session(clock=clock, tick_ms=60_000, watch_application=False)
    logouts: list[bool] = []
    session.idle_logout.connect(lambda: logouts.append(True))

    clock.advance(1739)
    session.tick()
    assert not session.warning_visible
    assert session.seconds_left() == 61

    clock.advance(2)  # 59 s left: the warning appears
    session.tick()
    assert session.warning_visible
    dialog = session.warning_dialog
    assert dialog is not None
    assert dialog.label.text() == "您已长时间未操作，将在 59 秒后自动退出。"
    assert dialog.continue_button.text() == "继续使用"

    clock.advance(9)
    session.tick()
    assert dialog.label.text() == "您已长时间未操作，将在 50 秒后自动退出。"
    assert session.seconds_left() == 50

    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert not session.warning_visible
    assert session.seconds_left() == 1800

    clock.advance(1800)
    session.tick()
    assert logouts == [True]
    assert not session.warning_visible


def test_key_and_mouse_activity_restart_the_countdown(qtbot: QtBot, make_session: Callable[..., UserSession]) -> None:
    clock = FakeClock()
    session = make_session(clock=clock, tick_ms=60_000)  # watches the application
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()

    clock.advance(600)
    assert session.seconds_left() == 1200
    qtbot.keyClick(edit, Qt.Key.Key_A)
    assert session.seconds_left() == 1800

    clock.advance(300)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert session.seconds_left() == 1800

    # once the warning shows, only "继续使用" continues: stray input does not dismiss it
    clock.advance(1750)
    session.tick()
    assert session.warning_visible
    qtbot.keyClick(edit, Qt.Key.Key_B)
    assert session.seconds_left() == 50
    assert session.warning_visible
    assert session.warning_dialog is not None
    session.warning_dialog.continue_button.click()
    assert session.seconds_left() == 1800

    session.stop()
    clock.advance(100)
    qtbot.keyClick(edit, Qt.Key.Key_C)  # no longer watched
    assert session.seconds_left() == 1700


def test_idle_warning_then_idle_logout_in_real_time(qtbot: QtBot, make_session: Callable[..., UserSession]) -> None:
    session = make_session(idle_timeout_seconds=1.2, warning_seconds=0.8, tick_ms=50, watch_application=False)
    warnings: list[bool] = []
    session.warning_changed.connect(warnings.append)

    qtbot.waitUntil(lambda: session.warning_visible, timeout=3_000)
    assert session.seconds_left() <= 1
    assert session.warning_dialog is not None
    assert "秒后自动退出" in session.warning_dialog.label.text()
    with qtbot.waitSignal(session.idle_logout, timeout=3_000):
        pass
    assert not session.warning_visible
    assert warnings == [True, False]
    assert session.seconds_left() == 0


def test_the_absolute_end_of_the_login_ends_the_session(qtbot: QtBot, make_session: Callable[..., UserSession]) -> None:
    clock = FakeClock()
    session = make_session(login_session(hours=0.25), clock=clock, tick_ms=60_000, watch_application=False)
    ended: list[str] = []
    session.expired.connect(lambda: ended.append("expired"))
    session.idle_logout.connect(lambda: ended.append("idle"))
    assert session.seconds_left() == 900  # the end of the login comes before the idle timeout
    for _ in range(10):
        clock.advance(100)
        session.touch()  # busy the whole time
        session.tick()
    assert ended == ["expired"]


def test_escape_on_the_warning_continues_the_session(qtbot: QtBot, make_session: Callable[..., UserSession]) -> None:
    clock = FakeClock()
    session = make_session(clock=clock, tick_ms=60_000, watch_application=False)
    clock.advance(1790)
    session.tick()
    dialog = session.warning_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not session.warning_visible
    assert session.seconds_left() == 1800


def test_keep_alive_is_due_only_after_activity(qtbot: QtBot, make_session: Callable[..., UserSession]) -> None:
    clock = FakeClock()
    session = make_session(clock=clock, tick_ms=60_000)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    due: list[float] = []
    session.keepalive_due.connect(lambda: due.append(clock.now))

    clock.advance(session.keepalive_seconds + 1)
    session.tick()
    assert due == []  # nobody did anything: nothing to tell the server

    qtbot.keyClick(edit, Qt.Key.Key_A)
    session.tick()
    assert due == [clock.now]  # active, and the last keep-alive is long ago
    clock.advance(10)
    qtbot.keyClick(edit, Qt.Key.Key_B)
    session.tick()
    assert len(due) == 1  # not again before keepalive_seconds have passed
    clock.advance(session.keepalive_seconds)
    session.tick()
    assert len(due) == 2
