"""How many requests 报名报考 makes, and how many after one another (docs/desktop-core.md).

Every HTTP request of the page's client is recorded with its start and end (``RequestLog`` wraps the
client's ``requests`` session); the serial depth is the longest chain of requests each starting
after the previous one ended.  The first load is one round of requests at once; a write is its
request and at most one follow-up (the pay page, a look at the order, the sites after a seat went
back), never a reload of the whole screen: the page applies the answer.  What the page then shows
is checked against what the server says.  The session store hears ``orders`` after each change of
an order and ``registrations`` once courses are paid.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.api.types import Order
from desktop.core.store import CLOCK, ORDERS, PROFILE, REGISTRATIONS, SessionStore
from desktop.views.registration import RegistrationPage
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.gui import task_runner
from tests.fixtures.registration import set_phase
from tests.fixtures.registration_page import (
    RegistrationEnv,
    choose,
    confirm_order,
    open_payment,
    order_status,
    two_courses,
)
from tests.fixtures.request_log import RequestLog, Sent, serial_depth
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

NEW = DEMO["new"]
WAIT = 15_000
LATENCY_MS = 150
#: the screen's whole-page loads: none of them may follow a write
SCREEN_LOADS = {
    "GET /registration/page",
    "GET /registration/overview",
    "GET /registration/courses",
    "GET /orders",
    "GET /registrations",
}


@pytest.fixture
def env(qtbot: QtBot, live_server: LiveServer) -> Iterator[RegistrationEnv]:
    tester = live_server.client(retries=0)
    with task_runner() as runner:
        e = RegistrationEnv(live_server, tester, runner, qtbot)
        yield e
        for page in e.pages:
            if shiboken6.isValid(page):
                page.stop_polling()
                page.close()
                page.deleteLater()
    QApplication.processEvents()
    for c in [*e.clients, tester]:
        c.close()


def logged_in(env: RegistrationEnv) -> tuple[ApiClient, RequestLog]:
    client = env.client()
    login(client, NEW.exam_no)
    return client, RequestLog.attach(client)


def new_page(env: RegistrationEnv, client: ApiClient, store: SessionStore | None = None) -> RegistrationPage:
    page = RegistrationPage(client, env.runner, store=store)
    env.pages.append(page)
    page.resize(1000, 720)
    return page


def settle(qtbot: QtBot, env: RegistrationEnv, page: RegistrationPage) -> None:
    """Wait until nothing of the page is on its way, then a little longer (a late follow-up shows)."""
    qtbot.waitUntil(lambda: not page.busy and not page.site_picker.loading and not env.runner.busy, timeout=WAIT)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)


def names(sent: list[Sent]) -> list[str]:
    return [r.name for r in sent]


def no_screen_reload(sent: list[Sent]) -> None:
    reloads = [r.name for r in sent if r.name in SCREEN_LOADS]
    assert reloads == [], f"the screen was loaded again after a write: {names(sent)}"


def assert_matches_the_server(page: RegistrationPage, client: ApiClient, codes: list[str]) -> None:
    """What the page applied from a write's answer is what the server says now."""
    truth = client.registration.page()
    overview = page.overview
    assert overview is not None
    for attribute in ("site_id", "registered_courses", "active_order_courses", "record_card_fee_due_fen"):
        assert getattr(overview, attribute) == getattr(truth.overview, attribute), attribute
    server = {c.code: c.status for c in truth.courses}
    shown = {c.code: c.status for c in page.course_model.courses}
    for code in codes:
        assert shown[code] == server[code], code
    # every course the server lets the examinee choose now can be ticked on the page, and no other
    model = page.course_model
    selectable = {c.code for i, c in enumerate(model.courses) if model.state(i).selectable}
    assert selectable == {c.code for c in truth.courses if c.status == "registrable"}
    assert sorted(o.order_no for o in page.orders.values()) == sorted(o.order_no for o in truth.orders)
    assert {(o.order_no, o.status) for o in page.orders.values()} == {(o.order_no, o.status) for o in truth.orders}
    shown_regs = sorted((r.order_no, r.course_code) for r in page.registrations_model.items)
    assert shown_regs == sorted((r.order_no, r.course_code) for r in truth.registrations)


# --- the first load --------------------------------------------------------------------------------------


def test_the_first_load_is_one_round_of_requests_and_takes_about_one_round_trip(
    qtbot: QtBot, env: RegistrationEnv
) -> None:
    set_phase(env.tester, "phase2")
    client, log = logged_in(env)
    # a program that runs already (the server has answered before, Qt's widgets were made before):
    # what is measured is opening the tab, not starting the process
    warm = new_page(env, client)
    with qtbot.waitSignal(warm.loaded, timeout=WAIT):
        warm.show()
    settle(qtbot, env, warm)
    warm.hide()
    env.tester.mock.set_latency(LATENCY_MS)
    # one round trip at this latency: the quickest of a few plain requests
    trips = []
    for _ in range(3):
        started = time.monotonic()
        client.system.health()
        trips.append(time.monotonic() - started)
    round_trip = min(trips)
    log.take()

    # a new login's tab, nothing known yet (each page has its own session store); the quickest of
    # three, as for the round trip: the machine is shared, what is measured is the page's waiting
    loads = []
    for _ in range(3):
        page = new_page(env, client)
        started = time.monotonic()
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.show()
        loads.append(time.monotonic() - started)
        settle(qtbot, env, page)
        sent = log.take()
        assert sorted(names(sent)) == ["GET /ref/regions", "GET /registration/page"]
        assert serial_depth(sent) == 1, names(sent)
        assert page.site_picker.current_site() is not None  # the home sites came with the screen
        page.hide()
    time_to_data = min(loads)
    assert time_to_data <= 1.5 * round_trip, (loads, round_trip)
    page.show()
    settle(qtbot, env, page)
    log.take()

    # F5: the screen again (the regions are known), and the prefecture shown stays
    page.site_picker.prefecture_combo.setCurrentIndex(page.site_picker.prefecture_combo.findData("4302"))
    qtbot.waitUntil(lambda: getattr(page.site_picker.current_site(), "prefecture_code", "") == "4302", timeout=WAIT)
    settle(qtbot, env, page)
    log.take()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.refresh()
    settle(qtbot, env, page)
    sent = log.take()
    assert names(sent) == ["GET /registration/page"]
    assert getattr(page.site_picker.current_site(), "prefecture_code", "") == "4302"


# --- writes ---------------------------------------------------------------------------------------------------


def test_create_pay_and_confirm_apply_the_answers_without_reloading(qtbot: QtBot, env: RegistrationEnv) -> None:
    set_phase(env.tester, "phase2")
    client, log = logged_in(env)
    page = new_page(env, client)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None and not page.loading, timeout=WAIT)
    codes = two_courses(page)
    choose(qtbot, page, codes)
    settle(qtbot, env, page)
    log.take()

    # 确认报考 → 提交订单: the POST, and its answer applied
    order_no = confirm_order(qtbot, page)
    settle(qtbot, env, page)
    sent = log.take()
    assert names(sent) == ["POST /orders"]
    assert serial_depth(sent) == 1
    assert page.site_picker.fixed
    assert {c.code: c.status for c in page.course_model.courses if c.code in codes} == dict.fromkeys(codes, "in_order")
    assert_matches_the_server(page, client, codes)
    log.take()

    # 去支付: the payment, then the platform's page
    dialog = open_payment(qtbot, page)
    settle(qtbot, env, page)
    sent = log.take()
    payment_no = dialog.page.payment_no
    assert names(sent) == [f"POST /orders/{order_no}/payments", f"GET /payplatform/payments/{payment_no}"]
    assert serial_depth(sent) == 2
    no_screen_reload(sent)

    # 确认支付: the platform, then one look at the order; the paid order is applied
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()
    qtbot.waitUntil(lambda: order_status(page, order_no) == "paid", timeout=WAIT)
    settle(qtbot, env, page)
    sent = log.take()
    assert names(sent) == [f"POST /payplatform/payments/{payment_no}/confirm", f"GET /orders/{order_no}"]
    assert serial_depth(sent) == 2
    no_screen_reload(sent)
    assert sorted(r.course_code for r in page.registrations_model.items) == sorted(codes)
    assert_matches_the_server(page, client, codes)


def test_cancelling_applies_the_answer_and_only_asks_for_fresh_seats(qtbot: QtBot, env: RegistrationEnv) -> None:
    set_phase(env.tester, "phase2")
    client, log = logged_in(env)
    page = new_page(env, client)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None and not page.loading, timeout=WAIT)
    codes = two_courses(page)
    choose(qtbot, page, codes)
    order_no = confirm_order(qtbot, page)
    settle(qtbot, env, page)
    log.take()

    page.cancel_order(order_no)
    qtbot.waitUntil(lambda: order_status(page, order_no) == "closed", timeout=WAIT)
    settle(qtbot, env, page)
    sent = log.take()
    assert names(sent)[0] == f"POST /orders/{order_no}/cancel"
    assert names(sent)[1:] == ["GET /registration/sites"]  # the seat went back: the sites with fresh seats
    assert serial_depth(sent) == 2
    no_screen_reload(sent)
    assert not page.site_picker.fixed and page.site_picker.current_site() is not None
    assert_matches_the_server(page, client, codes)


# --- the session store ---------------------------------------------------------------------------------------


def test_the_store_hears_orders_and_registrations_when_an_order_is_paid(qtbot: QtBot, env: RegistrationEnv) -> None:
    set_phase(env.tester, "phase2")
    client, log = logged_in(env)
    store = SessionStore()
    heard: list[tuple[str, object]] = []
    store.changed.connect(lambda topic, payload: heard.append((topic, payload)))
    page = new_page(env, client, store)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None and not page.loading, timeout=WAIT)
    settle(qtbot, env, page)
    log.take()
    codes = two_courses(page)
    choose(qtbot, page, codes)
    order_no = confirm_order(qtbot, page)
    settle(qtbot, env, page)
    assert [t for t, _ in heard] == [ORDERS]
    created = heard[0][1]
    assert isinstance(created, Order) and created.order_no == order_no and created.status == "pending"

    heard.clear()
    dialog = open_payment(qtbot, page)
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()
    qtbot.waitUntil(lambda: REGISTRATIONS in [t for t, _ in heard], timeout=WAIT)
    settle(qtbot, env, page)
    topics = [t for t, _ in heard]
    assert topics[-2:] == [ORDERS, REGISTRATIONS]
    assert topics.count(REGISTRATIONS) == 1
    paid = heard[-1][1]
    assert isinstance(paid, Order) and paid.order_no == order_no and paid.status == "paid"
    # the page's own news did not make it load the screen again
    no_screen_reload(log.take())


def test_a_change_made_elsewhere_reloads_the_screen(qtbot: QtBot, env: RegistrationEnv) -> None:
    set_phase(env.tester, "phase2")
    client, log = logged_in(env)
    store = SessionStore()
    page = new_page(env, client, store)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None and not page.loading, timeout=WAIT)
    settle(qtbot, env, page)
    log.take()

    # another window ordered: this tab is told (no payload) and shows it
    other = env.client()
    login(other, NEW.exam_no)
    codes = two_courses(page)
    site = page.site_picker.current_site()
    assert site is not None
    order = other.registration.create_order(site.id, codes, "elsewhere-1")
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        store.publish(ORDERS)
    settle(qtbot, env, page)
    assert names(log.take()) == ["GET /registration/page"]
    assert order_status(page, order.order_no) == "pending" and page.site_picker.fixed

    page.profile = None
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        store.publish(PROFILE)
    settle(qtbot, env, page)
    assert names(log.take()) == ["GET /registration/page"]  # the profile is asked for by the receipt

    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        store.publish(CLOCK)
    settle(qtbot, env, page)
    assert names(log.take()) == ["GET /registration/page"]

    # a hidden tab loads when it is shown next
    page.hide()
    store.publish(ORDERS)
    qtbot.wait(200)
    assert log.take() == []
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    settle(qtbot, env, page)
    assert names(log.take()) == ["GET /registration/page"]
