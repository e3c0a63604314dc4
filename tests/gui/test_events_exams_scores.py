"""考试信息 and 成绩管理 follow what happens elsewhere, through the session store, and load at once.

Each change-event pair is tried on a real main window (its store, and a server clock fed by its
client as the shell wires them) against a real mock backend over HTTP, without calling refresh:

- a payment (``registrations``): the timetable has the paid courses, 报考建议 no longer suggests them
  (the shown page reloads at once, the hidden one when it is shown next);
- a photo upload (``profile``): the ticket no longer asks for a photo;
- the tester moving the server clock (``clock``, from the ``X-Server-Time`` of the next answer):
  ticket printing opens;
- a score review request (``scores``, published by the review dialog): the list and the reviews.

And the first load of each page sends its requests at once: the longest chain of requests each
starting after the previous one ended (the serial depth) is measured from the client's requests.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from backend_mock.models import Examinee
from desktop.api import ApiClient
from desktop.core.store import CLOCK, PROFILE, REGISTRATIONS, SCORES, SessionStore
from desktop.core.tasks import TaskRunner
from desktop.shell.session import UserSession
from desktop.views.exams import ExamsPage
from desktop.views.exams.ticket_panel import NOT_OPEN, UPLOAD_PHOTO
from desktop.views.main_window import MainWindow
from desktop.views.scores import ScoresPage
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.exams import a_day_into_printing, clock_of
from tests.fixtures.files import jpeg_file
from tests.fixtures.gui import task_runner
from tests.fixtures.registration import home_site_id, key, pick, set_phase, upcoming
from tests.fixtures.request_log import RequestLog, Sent, serial_depth
from tests.fixtures.scores import latest_release
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

WAIT = 15_000
NEW = DEMO["new"]
MIDWAY = DEMO["midway"]
LATENCY_MS = 150


@dataclass
class Env:
    server: LiveServer
    tester: ApiClient
    runner: TaskRunner
    qtbot: QtBot
    clients: list[ApiClient] = field(default_factory=list)
    windows: list[MainWindow] = field(default_factory=list)
    pages: list[Any] = field(default_factory=list)
    sessions: list[UserSession] = field(default_factory=list)

    def client(self, account: str = NEW.exam_no) -> ApiClient:
        c = ApiClient(self.server.url, retries=0)
        self.clients.append(c)
        login(c, account)
        return c

    def window(self, account: str = NEW.exam_no) -> MainWindow:
        """``account``'s main window: one store, one clock fed by the client, clock moves → ``clock``."""
        client = ApiClient(self.server.url, retries=0)
        self.clients.append(client)
        clock = clock_of(client)
        user_session = UserSession(login(client, account), watch_application=False)
        self.sessions.append(user_session)
        store = SessionStore()
        clock.moved.connect(store.clock_moved, Qt.ConnectionType.QueuedConnection)
        window = MainWindow(client, self.runner, user_session, "test", store=store, clock=clock)
        self.windows.append(window)
        window.resize(1000, 700)
        window.show()
        return window

    def show(self, window: MainWindow, title: str) -> Any:
        """Switch to tab ``title``; wait until its page has loaded."""
        page = window.show_page(title)
        self.qtbot.waitUntil(lambda: page.state == "loaded" and not page.busy, timeout=WAIT)
        return page

    def pay(self, client: ApiClient, course_codes: list[str]) -> None:
        """``client`` orders ``course_codes`` of the upcoming session and pays (through the API)."""
        order = client.registration.create_order(home_site_id(client), course_codes, key())
        payment = client.registration.start_payment(order.order_no, "alipay", key())
        assert client.payplatform.confirm(payment.payment_no, "alipay").status == "paid"
        assert client.registration.order(order.order_no).status == "paid"

    def registered(self, n: int = 1) -> None:
        """NEW has paid ``n`` courses of the upcoming session (the clock in the registration window)."""
        set_phase(self.tester, "phase2")
        client = self.client()
        self.pay(client, pick(client.registration.courses(), n))


@pytest.fixture
def env(qtbot: QtBot, live_server: LiveServer) -> Iterator[Env]:
    tester = live_server.client(retries=0)
    with task_runner() as runner:
        e = Env(live_server, tester, runner, qtbot)
        yield e
        for widget in [*e.pages, *e.windows]:
            if shiboken6.isValid(widget):
                widget.close()
                widget.deleteLater()
        for session in e.sessions:
            session.stop()
        qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)
    QApplication.processEvents()
    for c in [*e.clients, tester]:
        c.close()


# --- change events -----------------------------------------------------------------------------------


def test_a_payment_updates_the_timetable_and_the_suggested_plan(qtbot: QtBot, env: Env) -> None:
    set_phase(env.tester, "phase2")
    window = env.window()
    scores: ScoresPage = env.show(window, "成绩管理")
    assert scores.plan is not None and scores.plan.can_register_now
    wanted = [c.code for c in scores.plan.courses[:2]]
    assert len(wanted) == 2
    exams: ExamsPage = env.show(window, "考试信息")
    assert exams.timetable_model.registered == []
    loads = {"exams": 0, "scores": 0}
    exams.loaded.connect(lambda: loads.__setitem__("exams", loads["exams"] + 1))
    scores.loaded.connect(lambda: loads.__setitem__("scores", loads["scores"] + 1))

    env.pay(window.client, wanted)  # paid elsewhere (here through the API): 报名报考 announces it
    with qtbot.waitSignal(exams.loaded, timeout=WAIT):  # shown: reloads at once
        window.store.publish(REGISTRATIONS)
    assert {s.course_code for s in exams.timetable_model.registered} == set(wanted)
    assert exams.session_status.text().startswith("已报考 2 门")

    # hidden: not reloaded yet, but stale; shown next, it is current
    assert scores.stale and loads["scores"] == 0
    assert set(wanted) <= {c.code for c in scores.plan.courses}
    with qtbot.waitSignal(scores.loaded, timeout=WAIT):
        window.show_page("成绩管理")
    assert not scores.stale and loads == {"exams": 1, "scores": 1}
    assert scores.plan is not None
    assert not set(wanted) & {c.code for c in scores.plan.courses}  # no longer suggested: paid

    # the other way round: 成绩管理 shown reloads at once, 考试信息 hidden when shown next
    more = [scores.plan.courses[0].code]
    env.pay(window.client, more)
    with qtbot.waitSignal(scores.loaded, timeout=WAIT):
        window.store.publish(REGISTRATIONS)
    assert scores.plan is not None and more[0] not in {c.code for c in scores.plan.courses}
    assert exams.stale and len(exams.timetable_model.registered) == 2
    with qtbot.waitSignal(exams.loaded, timeout=WAIT):
        window.show_page("考试信息")
    assert {s.course_code for s in exams.timetable_model.registered} == {*wanted, *more}
    assert loads == {"exams": 2, "scores": 2}


def test_a_photo_upload_gives_the_ticket_its_photo(qtbot: QtBot, env: Env, tmp_path: Path) -> None:
    env.registered(1)
    with env.server.db() as db:
        db.execute(update(Examinee).where(Examinee.exam_no == NEW.exam_no).values(photo=None, photo_name=None))
        db.commit()
    env.tester.mock.set_clock(a_day_into_printing(upcoming(env.tester)), frozen=True)
    window = env.window()
    exams: ExamsPage = env.show(window, "考试信息")
    state = exams.ticket_panel.state
    assert state is not None and state.code == UPLOAD_PHOTO and not exams.ticket_panel.available

    window.client.me.upload_photo(jpeg_file(tmp_path / "me.jpg"))  # in 个人中心 (here through the API)
    with qtbot.waitSignal(exams.loaded, timeout=WAIT):
        window.store.publish(PROFILE)
    assert exams.ticket_panel.available
    state = exams.ticket_panel.state
    assert state is not None and state.photo and state.photo.startswith(b"\xff\xd8")  # a JPEG on the ticket


def test_the_clock_moving_into_the_printing_window_opens_ticket_printing(qtbot: QtBot, env: Env) -> None:
    env.registered(1)
    window = env.window()
    exams: ExamsPage = env.show(window, "考试信息")
    state = exams.ticket_panel.state
    assert state is not None and state.code == NOT_OPEN and not exams.ticket_panel.available
    assert CLOCK not in window.store.published

    env.tester.mock.set_clock(a_day_into_printing(upcoming(env.tester)), frozen=True)  # the tester moves it
    with qtbot.waitSignal(exams.loaded, timeout=WAIT):
        # moving weeks ends the login: logging in again, the answers carry the server's new time
        login(window.client, NEW.exam_no)
    assert CLOCK in window.store.published
    assert exams.ticket_panel.available
    assert "已编排" in exams.seat_note.text()


def test_a_review_request_is_announced_and_the_scores_follow(qtbot: QtBot, env: Env) -> None:
    env.server.clock.set(latest_release(env.tester).score_release + timedelta(hours=2), frozen=True)
    window = env.window(MIDWAY.exam_no)
    scores: ScoresPage = env.show(window, "成绩管理")
    assert scores.review_model.rowCount() == 0
    dialog = scores.open_review_dialog()
    qtbot.waitUntil(lambda: dialog.loaded and not dialog.busy, timeout=WAIT)
    assert dialog.choose("02197")
    with qtbot.waitSignal(window.store.changed, timeout=WAIT) as announced:
        dialog.submit_button.click()
    assert announced.args is not None and announced.args[0] == SCORES
    qtbot.waitUntil(lambda: scores.state == "loaded" and scores.review_model.rowCount() == 1, timeout=WAIT)
    assert scores.review_model.item(0).course_code == "02197"
    listed = next(s for s in scores.score_model.items if s.course_code == "02197")
    assert listed.review_status == "已提交"


# --- the first load sends its requests at once -----------------------------------------------------


def round_trip(client: ApiClient) -> float:
    """One request's round trip (the best of three)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        client.system.calendar()
        best = min(best, time.perf_counter() - start)
    return best


def first_load(env: Env, page: Any, recorder: RequestLog) -> tuple[list[Sent], float]:
    env.pages.append(page)
    page.resize(1000, 700)
    start = time.perf_counter()
    with env.qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    elapsed = time.perf_counter() - start
    env.qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    return recorder.take(), elapsed


EXAMS_REQUESTS = ["/exams/sessions", "/exams/ticket", "/exams/ticket/photo", "/exams/timetable", "/ref/calendar"]
SESSION_REQUESTS = ["/exams/ticket", "/exams/ticket/photo", "/exams/timetable"]
SCORES_REQUESTS = ["/scores", "/scores/plan", "/scores/progress", "/scores/reviews"]


def paths(sent: list[Sent]) -> list[str]:
    return sorted(r.path for r in sent)


def test_the_first_loads_send_their_requests_at_once(qtbot: QtBot, env: Env) -> None:
    env.registered(2)
    env.tester.mock.set_clock(a_day_into_printing(upcoming(env.tester)), frozen=True)  # the ticket and its photo too
    client = env.client()
    env.tester.mock.set_latency(LATENCY_MS)  # a slow network: 150 ms more on every answer
    try:
        rtt = round_trip(client)
        recorder = RequestLog.attach(client)
        exams = ExamsPage(client, env.runner, clock=clock_of(client))
        intervals, exams_time = first_load(env, exams, recorder)
        assert exams.ticket_panel.available
        assert paths(intervals) == EXAMS_REQUESTS
        exams_depth = serial_depth(intervals)

        scores = ScoresPage(client, env.runner, clock=clock_of(client))
        intervals, scores_time = first_load(env, scores, recorder)
        assert paths(intervals) == SCORES_REQUESTS
        scores_depth = serial_depth(intervals)
    finally:
        env.tester.mock.set_latency(0)
    print(
        f"\nround trip {rtt * 1000:.0f} ms; first load: 考试信息 {exams_time * 1000:.0f} ms, serial depth "
        f"{exams_depth}; 成绩管理 {scores_time * 1000:.0f} ms, serial depth {scores_depth}"
    )
    assert exams_depth <= 2 and scores_depth <= 2
    # chained, five requests would take five round trips; at once, little more than one
    assert exams_time < 3 * rtt and scores_time < 3 * rtt


def test_choosing_another_session_loads_only_that_session_at_once(qtbot: QtBot, env: Env) -> None:
    client = env.client(MIDWAY.exam_no)
    exams = ExamsPage(client, env.runner, clock=clock_of(client))
    recorder = RequestLog.attach(client)
    first_load(env, exams, recorder)
    assert exams.timetable is not None
    past = next(h.session_code for h in exams.history if h.session_code != exams.timetable.session_code)
    with qtbot.waitSignal(exams.loaded, timeout=WAIT):
        exams.choose_session(past)
    intervals = recorder.take()
    assert paths(intervals) == SESSION_REQUESTS
    assert serial_depth(intervals) == 1
    assert exams.timetable.session_code == past
