"""通知公告 as one program with the rest, against a real server: the page follows the session
store (a payment → 我的日程 lists the new exams; the tester moves the clock → countdowns and
reminders use the new time; reading a notice is announced), loads with independent requests
at once (at most 3, serial depth 1), opens a notice without asking for its text, and writes
every time in Beijing time the one way (``desktop.core.timefmt``)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.api.notices import Deadline
from desktop.core.clock import ServerClock
from desktop.core.reminders import due_reminders
from desktop.core.store import NOTICES, REGISTRATIONS, SessionStore
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import datetime_text
from desktop.models.notices_models import when_text
from desktop.views.notices import NoticesPage
from desktop.views.notices.page import NoticeRead
from tests.fixtures.accounts import examinee_client, login
from tests.fixtures.gui import task_runner
from tests.fixtures.registration import advance, home_site_id, key, pick, set_phase
from tests.fixtures.request_log import RequestLog, serial_depth
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui
WAIT = 15_000


@dataclass
class Env:
    server: LiveServer
    client: ApiClient
    runner: TaskRunner
    store: SessionStore
    clock: ServerClock
    recorder: RequestLog

    def page(self, qtbot: QtBot) -> NoticesPage:
        page = NoticesPage(self.client, self.runner, store=self.store, clock=self.clock)
        qtbot.addWidget(page)
        page.resize(1000, 640)
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.show()
        qtbot.waitUntil(lambda: not self.runner.busy, timeout=WAIT)
        return page


@pytest.fixture
def env(qtbot: QtBot, live_server: LiveServer) -> Iterator[Env]:
    """The demo examinee "new" (nothing registered yet) while registration is open, wired like
    the shell wires a login: every answer feeds the one clock, a moved clock reaches the store."""
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    store = SessionStore()
    clock = ServerClock()
    client.on_server_time = clock.sync
    clock.moved.connect(store.clock_moved, Qt.ConnectionType.QueuedConnection)
    recorder = RequestLog.attach(client)
    try:
        with task_runner() as runner:
            yield Env(live_server, client, runner, store, clock, recorder)
    finally:
        client.close()


def exams(page: NoticesPage) -> list[Deadline]:
    return [i for i in page.calendar_view.model.items if i.kind == "exam"]


def pay_for_courses(client: ApiClient, n: int = 2) -> list[str]:
    codes = pick(client.registration.courses(), n)
    order = client.registration.create_order(home_site_id(client), codes, key())
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    assert client.payplatform.confirm(payment.payment_no, "alipay").status == "paid"
    return codes


# --- change events ------------------------------------------------------------------------------------


def test_a_payment_puts_the_new_exams_into_the_calendar_without_refresh(qtbot: QtBot, env: Env) -> None:
    page = env.page(qtbot)
    page.inner_tabs.setCurrentWidget(page.calendar_view)
    assert exams(page) == []  # nothing registered yet

    codes = pay_for_courses(env.client)  # 报名报考 pays; then it publishes REGISTRATIONS
    qtbot.wait(200)
    assert exams(page) == []  # nothing told the page yet: no polling
    env.recorder.take()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        env.store.publish(REGISTRATIONS, None)
    new = exams(page)
    assert len(new) == len(codes) and all(i.concerns for i in new)
    # the reload asked for what the calendar shows, once each, at once
    calls = env.recorder.take()
    assert ("GET", "/calendar/personal") in [(r.method, r.path) for r in calls]
    assert len(calls) <= 2 and serial_depth(calls) == 1


def test_a_hidden_page_catches_up_when_shown(qtbot: QtBot, env: Env) -> None:
    page = env.page(qtbot)
    page.hide()
    pay_for_courses(env.client)
    env.store.publish(REGISTRATIONS, None)
    assert page.stale and exams(page) == []  # hidden: no request until it is looked at
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    assert len(exams(page)) == 2


def test_moving_the_clock_moves_now_countdowns_and_reminders(qtbot: QtBot, env: Env) -> None:
    page = env.page(qtbot)
    view = page.calendar_view
    before = view.model.now
    assert before is not None
    assert view.now_label.text().endswith(datetime_text(before))
    # a lead time at which nothing is due now, but the first date to come is due two hours later
    moments = sorted(r.moment for r in due_reminders(page.calendar.items, before, timedelta(days=400), set()))
    first = moments[0]
    assert first - before > timedelta(hours=3), "the seed's next date is too close for this test"
    page.reminders.lead = first - before - timedelta(hours=2) + timedelta(minutes=30)
    assert page.reminders.tick() == []
    row = next(r for r, i in enumerate(view.model.items) if i.concerns and not i.is_past(before))
    countdown = view.model.data(view.model.index(row, 2))

    with qtbot.waitSignal(page.reminded, timeout=WAIT) as reminded:
        advance(env.client, 120)  # the tester panel moves the server's clock on by two hours
    assert reminded.args[0].moment == first
    qtbot.waitUntil(lambda: not page.loading and not env.runner.busy, timeout=WAIT)
    now = view.model.now
    assert now is not None and abs(now - (before + timedelta(hours=2))) < timedelta(minutes=1)
    assert view.now_label.text().endswith(datetime_text(now))
    assert view.model.data(view.model.index(row, 2)) != countdown
    assert env.store.published.count("clock") >= 1


def test_reading_a_notice_is_published_once_and_asks_only_for_the_read_mark(qtbot: QtBot, env: Env) -> None:
    page = env.page(qtbot)
    seen: list[tuple[str, object]] = []
    env.store.changed.connect(lambda topic, payload: seen.append((topic, payload)))
    env.recorder.take()
    target = page.model.item(2)
    assert not target.read and target.id in page.bodies  # its text came with the list
    page.table.selectRow(2)
    assert page.reader.notice is not None and page.reader.notice.id == target.id  # at once, no request
    assert page.reader.body.toPlainText() == page.bodies[target.id].body
    qtbot.waitUntil(lambda: page.model.item(2).read, timeout=WAIT)
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)
    calls = [(r.method, r.path) for r in env.recorder.take()]
    assert calls == [("POST", f"/notices/{target.id}/read")]  # the read mark; no body, no reload
    ((topic, payload),) = seen
    assert topic == NOTICES and isinstance(payload, NoticeRead) and payload.notice.id == target.id
    assert payload.unread == page.unread and page.count_label.text().endswith(f"未读 {page.unread} 条")
    assert not page.loading

    # opened again (read now): no request at all
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.model.item(0).read and not env.runner.busy, timeout=WAIT)
    env.recorder.take()
    page.table.selectRow(2)
    qtbot.wait(100)
    assert env.recorder.take() == [] and page.reader.notice is not None and page.reader.notice.id == target.id

    # a notice published elsewhere (NOTICES from another page) reloads the list
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        env.store.publish(NOTICES, None)


def test_the_new_notices_banner_follows_what_was_read(qtbot: QtBot, env: Env) -> None:
    admin = env.server.client()
    login(admin, "admin", kind="staff")
    for title in ("关于考点调整的通知", "关于准考证打印的提醒"):  # published since the last login
        admin.notices.admin_create(title, "正文。", "考试公告")
    admin.close()
    page = env.page(qtbot)
    assert page.news is not None and page.news.count >= 2, "the seed has too few new notices for this test"
    (banner,) = [b for b in page.banners if b.text.startswith("自上次登录以来")]
    newest, second = page.news.items[0], page.news.items[1]
    assert f"《{newest.title}》" in banner.text
    count = page.news.count
    assert page.select_notice(newest.id)
    qtbot.waitUntil(lambda: page.news is not None and page.news.count == count - 1, timeout=WAIT)
    assert f"《{second.title}》" in banner.text and banner in page.banners  # it names what is still new
    for notice in list(page.news.items):
        assert page.select_notice(notice.id)
        qtbot.waitUntil(lambda n=notice: page.model.item(page.model.row_of(n.id) or 0).read, timeout=WAIT)
    qtbot.waitUntil(lambda: banner not in page.banners, timeout=WAIT)  # all read: the banner goes
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)


# --- requests ----------------------------------------------------------------------------------------------


def test_the_first_load_is_three_requests_at_once(qtbot: QtBot, env: Env) -> None:
    tester = env.server.client()
    tester.mock.set_latency(150)  # every answer takes a real round trip: overlap is certain
    try:
        start = time.perf_counter()
        env.client.notices.calendar()
        round_trip = time.perf_counter() - start
        env.recorder.take()

        page = NoticesPage(env.client, env.runner, store=env.store, clock=env.clock)
        qtbot.addWidget(page)
        start = time.perf_counter()
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.show()
        ready = time.perf_counter() - start
        calls = env.recorder.take()
        paths = sorted(r.path for r in calls)
        assert paths == ["/calendar/personal", "/notices", "/notices/new"]
        assert serial_depth(calls) == 1
        assert page.news is not None and page.model.rowCount() >= 12
        assert set(page.bodies) == {n.id for n in page.model.items}  # every body came with the list
        # ready in about one round trip (parallel), far from the 15 serial round trips of before
        assert ready < 3 * round_trip, (ready, round_trip)
        print(f"round trip {round_trip * 1000:.0f} ms, ready {ready * 1000:.0f} ms ({ready / round_trip:.2f}×)")

        # a filter asks for the list only
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.category_combo.setCurrentIndex(page.category_combo.findText("成绩通知"))
        assert [r.path for r in env.recorder.take()] == ["/notices"]
        qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)
    finally:
        tester.mock.set_latency(0)
        tester.close()


# --- time: one format, Beijing time ------------------------------------------------------------------------


@pytest.fixture
def new_york() -> Iterator[None]:
    """The machine is in New York (what it shows must not change)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_times_are_beijing_time_and_midnight_is_its_own_day(new_york: None) -> None:
    # 2027-02-20 10:00 to 2027-02-23 00:00 Beijing time, given in UTC
    start = datetime(2027, 2, 20, 2, 0, tzinfo=UTC)
    end = datetime(2027, 2, 22, 16, 0, tzinfo=UTC)
    window = Deadline("w", "registration", "报考", start, end, True, "", "202704")
    assert when_text(window) == "2月20日 10:00 至 2月23日 00:00"  # never "02-22 24:00"
    moment = Deadline("m", "payment_cutoff", "缴费截止", end, None, True, "", "202704")
    assert when_text(moment) == "2027年2月23日（周二） 00:00"
    exam = Deadline("e", "exam", "考试", start, start + timedelta(hours=2, minutes=30), True, "", "202704")
    assert when_text(exam) == "2027年2月20日（周六） 10:00–12:30"
    (closing,) = due_reminders([window], end - timedelta(hours=1), timedelta(hours=2), {"w:start"})
    assert "2月23日 00:00结束" in closing.message
