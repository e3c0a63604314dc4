"""The staff console and the tester panel as one program with the rest (``docs/desktop-core.md``),
against a real server: the audit log's dates are the server's, the tester panel says what it
changed (``data_changed``), a queue decision is applied from its answer without reloading the queue,
and times read in Beijing time whatever the machine's zone."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from backend_mock.seed.demo import DEMO_EXAMINEES
from desktop.api import ApiClient
from desktop.api.staff import AuditEntry
from desktop.core.clock import BEIJING, ServerClock
from desktop.core.store import CLOCK, STAFF, SessionStore
from desktop.core.tasks import TaskRunner
from desktop.models.staff_models import AuditEntryModel
from desktop.views.page import LOADED
from desktop.views.staff import AdminPage, CounterPage, QueuesPage
from desktop.views.tester import panel as tester_panel
from tests.fixtures.accounts import login
from tests.fixtures.gui import say_yes
from tests.fixtures.request_log import CountingRequests
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

PLAIN = next(d for d in DEMO_EXAMINEES if d.key == "midway")

WAIT = 15_000


def day_of(edit_date: QDate) -> date:
    return date(edit_date.year(), edit_date.month(), edit_date.day())


@pytest.fixture
def shown(qtbot: QtBot) -> Iterator[Callable[[Any], Any]]:
    widgets: list[Any] = []

    def show(widget: Any) -> Any:
        qtbot.addWidget(widget)
        widget.resize(1100, 720)
        widget.show()
        widgets.append(widget)
        return widget

    yield show
    for widget in widgets:
        if shiboken6.isValid(widget):
            widget.close()


# --- the audit log's dates are the server's -----------------------------------------------------------------


def test_the_audit_date_filter_starts_at_the_server_date_and_follows_its_clock(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, shown: Callable[[Any], Any]
) -> None:
    clock = ServerClock()
    store = SessionStore()
    clock.moved.connect(store.clock_moved, Qt.ConnectionType.QueuedConnection)  # as the shell does
    admin = ApiClient(live_server.url, on_server_time=clock.sync)
    # the tester sets the server's clock 45 days ahead, late in the evening (before the login:
    # a jump of days would end a session)
    real = admin.mock.clock().now.astimezone(BEIJING)
    evening = (real + timedelta(days=45)).replace(hour=23, minute=57, second=0, microsecond=0)
    admin.mock.set_clock(evening, frozen=True)
    login(admin, "admin", kind="staff")
    assert clock.today() == evening.date() != date.today()

    page = shown(AdminPage(admin, runner, store=store, clock=clock))
    qtbot.waitUntil(lambda: page.state == LOADED and page.audit.page_data is not None and not page.busy, timeout=WAIT)
    audit = page.audit
    assert not audit.dates_check.isChecked()
    assert day_of(audit.to_edit.date()) == evening.date()
    assert day_of(audit.from_edit.date()) == evening.date() - timedelta(days=30)
    assert audit.default_export_path().name == f"审计日志_{evening:%Y%m%d}.csv"

    # the server's clock passes midnight: the page hears it (clock → store) and its dates follow
    admin.mock.set_clock(evening + timedelta(minutes=5), frozen=True)
    admin.staff.me()  # any answer tells the clock
    qtbot.waitUntil(lambda: CLOCK in store.published, timeout=WAIT)
    tomorrow = evening.date() + timedelta(days=1)
    qtbot.waitUntil(lambda: day_of(audit.to_edit.date()) == tomorrow and not page.busy, timeout=WAIT)
    assert audit.default_export_path().name == f"审计日志_{tomorrow:%Y%m%d}.csv"

    # dates the administrator chose stay as they are
    audit.dates_check.setChecked(True)
    audit.to_edit.setDate(QDate(2026, 1, 5))
    page.refresh()
    qtbot.waitUntil(lambda: page.state == LOADED and not page.busy, timeout=WAIT)
    assert day_of(audit.to_edit.date()) == date(2026, 1, 5)
    admin.mock.reset_clock()
    admin.close()


# --- the tester panel says what it changed ---------------------------------------------------------------


def test_the_tester_panel_says_clock_when_it_moves_the_clock(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, runner: TaskRunner, shown: Callable[[Any], Any]
) -> None:
    panel = shown(tester_panel.TesterPanel(client, runner))
    qtbot.waitUntil(lambda: bool(panel.clock_box.jump_buttons) and not runner.busy, timeout=WAIT)
    store = SessionStore()
    panel.data_changed.connect(store.publish)  # what the integrator does with the user's store
    assert store.published == [], "reading the clock changes nothing"

    with qtbot.waitSignal(panel.data_changed, timeout=WAIT) as changed:
        panel.clock_box.advance(timedelta(hours=1))
    assert changed.args == [CLOCK]
    assert store.published == [CLOCK]
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)

    with qtbot.waitSignal(panel.data_changed, timeout=WAIT) as changed:
        panel.clock_box.reset_button.click()
    assert changed.args == [CLOCK]
    qtbot.waitUntil(lambda: client.mock.clock().is_real and not runner.busy, timeout=WAIT)


# --- a decision is applied from its answer ---------------------------------------------------------------


def test_a_queue_decision_updates_the_list_from_the_answer_without_a_reload(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, shown: Callable[[Any], Any]
) -> None:
    reviewer = ApiClient(live_server.url)
    login(reviewer, "cs_reviewer", kind="staff")
    requests = CountingRequests(reviewer)
    page = shown(QueuesPage(reviewer, runner))
    qtbot.waitUntil(lambda: page.page_data is not None and not page.busy, timeout=WAIT)
    # the first load asks for the open queue's page and every other queue's count at once
    listed = [path for _method, path in requests.calls]
    assert "/staff/queues/enrolment/items" in listed and "/staff/score-reviews/page" in listed  # paged on the server
    assert page.queue_list.item(0).text() == "新生报名审核（待审 1）"
    counts = {s.status: s.count for s in page.page_data.statuses}
    item = page.selected()
    assert item is not None and page.items.rowCount() == 1

    requests.calls.clear()
    with qtbot.waitSignal(page.store.changed, timeout=WAIT) as published:
        page.action_buttons["approve"].click()
        say_yes(page)
    qtbot.waitUntil(lambda: page.items.rowCount() == 0 and not page.busy, timeout=WAIT)
    assert published.args[0] == STAFF and published.args[1].status == "approved"
    # one request: the decision; the queue is not read again
    assert requests.calls == [("POST", f"/staff/queues/enrolment/items/{item.id}/decision")]
    assert page.page_data is not None and page.page_data.total == 0
    moved = {s.status: s.count for s in page.page_data.statuses}
    assert moved["submitted"] == counts["submitted"] - 1 and moved["approved"] == counts["approved"] + 1
    assert page.status_combo.currentText() == "待审核（0）"
    assert page.queue_list.item(0).text() == "新生报名审核（待审 0）"
    assert page.count_label.text().startswith("共 0 件")
    assert not page.action_buttons["approve"].isEnabled()
    # and the server agrees with what the page shows
    assert reviewer.staff.queue_items("enrolment", "approved").items[0].id == item.id
    reviewer.close()


# --- nothing to load before a search; F5 reloads what is shown, at once ------------------------------------


def test_the_counter_loads_nothing_before_a_search_and_reloads_what_it_shows(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, shown: Callable[[Any], Any]
) -> None:
    clerk = ApiClient(live_server.url)
    login(clerk, "cs_clerk", kind="staff")
    requests = CountingRequests(clerk)
    counter = shown(CounterPage(clerk, runner))
    qtbot.waitUntil(lambda: counter.state == LOADED, timeout=WAIT)
    assert counter.requests() == {} and requests.calls == []
    assert counter.stack.currentWidget() is counter.content

    counter.query_edit.setText(PLAIN.name)
    counter.search_button.click()
    qtbot.waitUntil(lambda: counter.search_result is not None and not counter.busy, timeout=WAIT)
    counter.hits_view.selectRow(0)
    qtbot.waitUntil(lambda: counter.record is not None and not counter.busy, timeout=WAIT)
    assert set(counter.requests()) == {"search", "record"}
    requests.calls.clear()
    counter.refresh()
    qtbot.waitUntil(lambda: counter.state == LOADED and not counter.busy, timeout=WAIT)
    assert sorted(m for m, _p in requests.calls) == ["GET", "GET"] and len(requests.calls) == 2
    assert counter.record is not None and counter.hits.rowCount() >= 1
    clerk.close()


# --- Beijing time, in words, whatever the machine's zone ------------------------------------------------


@pytest.fixture
def new_york() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_audit_log_reads_in_beijing_time_and_in_words(new_york: None) -> None:
    entry = AuditEntry(
        id=1,
        at=datetime(2027, 2, 19, 16, 0, 5, tzinfo=UTC),  # 2027-02-20 00:00:05 in Beijing
        actor="examinee:1",
        actor_text="考生本人（010327100001）",
        exam_no="010327100001",
        examinee_name="周雨桐",
        action="record_application_submit",
        action_text="提交考籍申请",  # the server words every action (tests/api/test_audit_words.py)
        result="ok",
        result_text="成功",
        details="申请编号：KJ261203164408313624；申请类型：课程免考",
    )
    model = AuditEntryModel()
    model.set_items([entry])
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[0] == "2027年2月20日 00:00:05"
    assert row[3] == "提交考籍申请"
    assert row[5] == "申请编号：KJ261203164408313624；申请类型：课程免考"


def test_a_notice_saved_in_admin_is_shown_from_the_answer_and_nothing_reloads(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, shown: Callable[[Any], Any]
) -> None:
    admin = ApiClient(live_server.url)
    login(admin, "admin", kind="staff")
    page = shown(AdminPage(admin, runner))
    qtbot.waitUntil(lambda: page.state == LOADED and not page.busy, timeout=WAIT)
    panel = page.notices
    assert panel.state == "idle", "通知公告 loads when its tab is first shown"
    page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.state == LOADED and not panel.busy, timeout=WAIT)
    rows = panel.model.rowCount()
    requests = CountingRequests(admin)
    dialog = panel.open_editor(None)
    dialog.title_edit.setText("关于考场调整的通知")
    dialog.body_edit.setPlainText("部分考场有调整，请以准考证为准。")
    dialog.submit()
    qtbot.waitUntil(lambda: panel.model.rowCount() == rows + 1 and not runner.busy, timeout=WAIT)
    assert requests.calls == [("POST", "/notices/admin")]  # neither the page nor the panel reloaded
    selected = panel.selected()
    assert selected is not None and selected.title == "关于考场调整的通知"
    assert page.store.published == [STAFF]
    admin.close()
