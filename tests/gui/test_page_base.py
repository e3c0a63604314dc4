"""The page base (desktop/views/page.py) and the task runner under it, against a real server.

A small page made for the test loads two real endpoints at once; the tests check the states a
person sees (loading, loaded, failed with 重试, offline), that the loads run concurrently, that a
store topic makes a visible page reload at once and a hidden one when shown next, and that a
finished task keeps nothing alive.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.api.mock import FaultRule
from desktop.core import store as topics
from desktop.core.store import SessionStore
from desktop.core.tasks import Task, TaskRunner
from desktop.views.page import FAILED, LOADED, OFFLINE, ModulePage
from tests.fixtures.request_log import RequestLog
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui


class DemoPage(ModulePage):
    OBJECT_NAME = "demoPage"
    TITLE = "示例"
    TOPICS = frozenset({topics.CLOCK})

    def setup(self) -> None:
        self.set_up_with = (self.client, self.runner, self.store, self.clock, self.built, self.state)
        self.applied: list[dict[str, Any]] = []

    def build_content(self) -> QWidget:
        self.label = QLabel()
        return self.label

    def requests(self) -> dict[str, Callable[[], Any]]:
        client = self.client
        return {"calendar": client.system.calendar, "regions": client.system.regions}

    def apply(self, results: dict[str, Any]) -> None:
        self.applied.append(results)
        self.label.setText(f"{results['calendar'].upcoming}：{len(results['regions'])} 个市州")


def test_the_base_names_a_page_and_sets_it_up_before_anything_is_built(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    client = live_server.client()
    page = DemoPage(client, runner)
    qtbot.addWidget(page)
    assert page.objectName() == "demoPage"
    assert page.set_up_with == (client, runner, page.store, page.clock, False, "idle")
    store = SessionStore()
    other = DemoPage(live_server.client(), runner, store=store, clock=page.clock)
    qtbot.addWidget(other)
    assert other.store is store and other.clock is page.clock and other.set_up_with[2:4] == (store, page.clock)


def test_a_page_builds_when_shown_loads_at_once_and_shows_its_data(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    client = live_server.client()
    live_server.client().mock.set_latency(300)
    log = RequestLog.attach(client)
    page = DemoPage(client, runner)
    qtbot.addWidget(page)
    assert not page.built and page.state == "idle" and not log.sent  # nothing before it is shown
    page.show()
    assert page.built and page.loading and page.stack.currentWidget() is page.state_page
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    assert page.state == LOADED and page.stack.currentWidget() is page.content
    assert "个市州" in page.label.text()
    first, second = log.take()
    assert {first.path, second.path} == {"/ref/calendar", "/ref/regions"}
    assert second.start < first.end  # the second began before the first ended: concurrent, not a chain


def test_a_failed_first_load_says_why_and_retry_loads(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    client = live_server.client()
    tester = live_server.client()
    tester.mock.set_faults([FaultRule("/ref/regions", status=500)])
    page = DemoPage(client, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.state == FAILED, timeout=10_000)
    assert page.state_label.text().startswith("示例加载失败：")
    assert "500" not in page.state_label.text() and page.retry_button.isVisibleTo(page)
    tester.mock.clear_faults()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.retry_button.click()
    assert page.state == LOADED


def test_an_unreachable_server_is_offline_not_a_crash(qtbot: QtBot, runner: TaskRunner) -> None:
    client = ApiClient("http://127.0.0.1:9", retries=0, timeout=(0.5, 0.5))
    page = DemoPage(client, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.state == OFFLINE, timeout=10_000)
    assert "无法连接到服务器" in page.state_label.text()
    assert not page.applied


def test_a_topic_reloads_a_visible_page_now_and_a_hidden_one_when_shown(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    store = SessionStore()
    page = DemoPage(live_server.client(), runner, store=store)
    other = DemoPage(live_server.client(), runner, store=store)
    qtbot.addWidget(page)
    qtbot.addWidget(other)
    for p in (page, other):
        with qtbot.waitSignal(p.loaded, timeout=10_000):
            p.show()
    other.hide()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        store.publish(topics.CLOCK)
    assert len(page.applied) == 2
    assert other.stale and len(other.applied) == 1  # hidden: not reloaded yet
    with qtbot.waitSignal(other.loaded, timeout=10_000):
        other.show()
    assert len(other.applied) == 2 and not other.stale
    store.publish(topics.ORDERS)  # a topic neither page shows
    qtbot.wait(200)
    assert len(page.applied) == 2


def test_run_all_gives_every_result_once_and_the_first_failure_once(qtbot: QtBot, runner: TaskRunner) -> None:
    got: list[dict[str, Any]] = []
    runner.run_all({"a": lambda: 1, "b": lambda: 2}, got.append)
    qtbot.waitUntil(lambda: bool(got))
    assert got == [{"a": 1, "b": 2}]

    failures: list[Exception] = []
    successes: list[Any] = []

    def boom() -> None:
        raise ValueError("x")

    runner.run_all({"a": boom, "b": boom, "c": lambda: 3}, successes.append, failures.append)
    qtbot.waitUntil(lambda: not runner.busy)
    qtbot.wait(50)
    assert len(failures) == 1 and not successes


def test_a_finished_task_keeps_nothing_alive(qtbot: QtBot, runner: TaskRunner) -> None:
    class Payload:
        pass

    owner = QLabel()
    seen: list[Any] = []
    payload = Payload()
    payload_ref = weakref.ref(payload)

    def work(p: Payload = payload) -> Payload:
        return p

    runner.run(work, lambda result: seen.append(type(result).__name__), owner=owner)
    del work, payload
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.wait(20)  # the relay's deleteLater
    gc.collect()
    assert seen == ["Payload"]
    assert payload_ref() is None, "the finished task still holds its function's data"
    assert not [o for o in gc.get_objects() if isinstance(o, Task)]
    owner.deleteLater()
