"""The waiting screen of a busy tab (docs/desktop-core.md, "The waiting room"), driven with qtbot
against a real server whose waiting room holds one examinee: the tab waits in line, polls one
request at a time, enters by itself when the place frees, survives a lost connection, the person
can leave the queue, and the other tabs of the main window stay usable meanwhile."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.api.mock import FAULT_DROP, FaultRule
from desktop.core.store import SessionStore
from desktop.core.tasks import TaskRunner
from desktop.shell.session import UserSession
from desktop.views.main_window import MainWindow
from desktop.views.page import WAITING
from desktop.views.scores import ScoresPage
from desktop.views.widgets.waiting_room import HINT, WaitingRoomView
from tests.fixtures.accounts import DEMO, add_examinees, login
from tests.fixtures.exams import clock_of
from tests.fixtures.gui import task_runner
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

MIDWAY = DEMO["midway"]
WAIT = 15_000
TINY = {
    "waiting_room_capacity": 1,
    "waiting_room_poll_min_seconds": 1,
    "waiting_room_poll_max_seconds": 1,
    "waiting_room_sweep_seconds": 0.0,
}


@dataclass
class Env:
    server: LiveServer
    runner: TaskRunner
    qtbot: QtBot
    clients: list[ApiClient] = field(default_factory=list)
    widgets: list[QWidget] = field(default_factory=list)

    def tester(self) -> ApiClient:
        c = self.server.client()
        self.clients.append(c)
        return c

    def occupant(self) -> ApiClient:
        """Someone who took the one place first."""
        c = add_examinees(self.server, 1)[0].client(self.server)
        self.clients.append(c)
        c.scores.progress()
        return c

    def waiting_page(self) -> tuple[ScoresPage, WaitingRoomView]:
        client = self.server.client(retries=0)
        self.clients.append(client)
        login(client, MIDWAY.exam_no)
        page = ScoresPage(client, self.runner, clock=clock_of(client))
        self.widgets.append(page)
        page.resize(1000, 700)
        page.show()
        self.qtbot.waitUntil(lambda: page.state == WAITING, timeout=WAIT)
        view = page.waiting_view
        assert view is not None and page.stack.currentWidget() is view
        return page, view


@pytest.fixture
def env(qtbot: QtBot, server_factory: object) -> Iterator[Env]:
    server = server_factory(**TINY)  # type: ignore[operator]
    with task_runner() as runner:
        e = Env(server, runner, qtbot)
        yield e
        for widget in e.widgets:
            if shiboken6.isValid(widget):
                widget.close()
                widget.deleteLater()
    QApplication.processEvents()
    for c in e.clients:
        c.close()


def test_the_tab_waits_in_line_and_enters_by_itself_when_the_place_frees(env: Env) -> None:
    occupant = env.occupant()
    page, view = env.waiting_page()
    assert view.position_label.text() == "您是下一位"
    assert view.hint.text() == HINT and "预计等待" in view.wait_label.text()
    assert page.data is None  # nothing of the page was shown
    # it keeps polling, one request at a time, and the GUI stays free meanwhile
    env.qtbot.waitUntil(lambda: view.polls >= 3, timeout=WAIT)
    assert view.max_in_flight == 1 and page.state == WAITING
    page.refresh()  # F5 while waiting sends nothing
    assert page.state == WAITING and not page.loading
    occupant.waiting_room.leave()
    env.qtbot.waitUntil(lambda: page.data is not None and not page.busy, timeout=WAIT)
    assert page.stack.currentWidget() is page.content and page.state == "loaded"
    assert env.tester().waiting_room.state().active == 1


def test_a_lost_connection_keeps_the_place(env: Env) -> None:
    occupant = env.occupant()
    page, view = env.waiting_page()
    tester = env.tester()
    tester.mock.set_faults([FaultRule(path_prefix="/waiting-room/status", kind=FAULT_DROP, times=2)])
    env.qtbot.waitUntil(lambda: "网络连接中断" in view.note.text(), timeout=WAIT)
    assert page.state == WAITING and env.tester().waiting_room.state().waiting == 1
    occupant.waiting_room.leave()
    env.qtbot.waitUntil(lambda: page.data is not None and not page.busy, timeout=30_000)
    assert view.max_in_flight == 1


def test_leaving_the_queue_frees_the_place_and_retry_queues_again(env: Env) -> None:
    env.occupant()
    page, view = env.waiting_page()
    env.qtbot.waitUntil(lambda: view.polls >= 1, timeout=WAIT)
    view.leave_button.click()
    env.qtbot.waitUntil(lambda: page.state == "failed", timeout=WAIT)
    assert "您已离开队列" in page.state_label.text() and page.retry_button.isVisible()
    assert env.tester().waiting_room.state().waiting == 0
    assert view.max_in_flight == 1
    page.retry_button.click()
    env.qtbot.waitUntil(lambda: page.state == WAITING, timeout=WAIT)
    assert view.position_label.text() == "您是下一位"


def test_other_tabs_stay_usable_while_a_busy_tab_waits(env: Env) -> None:
    env.occupant()
    client = env.server.client(retries=0)
    env.clients.append(client)
    clock = clock_of(client)
    session = UserSession(login(client, MIDWAY.exam_no), watch_application=False)
    store = SessionStore()
    clock.moved.connect(store.clock_moved, Qt.ConnectionType.QueuedConnection)
    window = MainWindow(client, env.runner, session, "test", store=store, clock=clock)
    window.show()
    try:
        scores = window.show_page("成绩管理")
        env.qtbot.waitUntil(lambda: scores.state == WAITING, timeout=WAIT)
        notices = window.show_page("通知公告")
        env.qtbot.waitUntil(lambda: notices.state == "loaded", timeout=WAIT)
        assert scores.state == WAITING  # still in line, polling in the background
        polls = scores.waiting_view.polls
        env.qtbot.waitUntil(lambda: scores.waiting_view.polls > polls, timeout=WAIT)
    finally:
        session.stop()
        window.close_quietly()
        window.deleteLater()
