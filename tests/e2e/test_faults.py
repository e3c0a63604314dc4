"""The client survives every injected fault: a clear Chinese message, automatic retries only
where they are safe, nothing lost or doubled.  (GUI responsiveness and the messages a person sees:
the tests at the end; the payment platform's own notification faults one by one:
test_api_payments.py.)"""

from __future__ import annotations

import contextlib
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient, ConnectionFailed, ServerError
from desktop.api.mock import FAULT_DROP, FAULT_DROP_AFTER, FAULT_ERROR, FaultRule
from desktop.api.types import PaymentFaults
from desktop.core.tasks import TaskRunner
from desktop.views.personal_center import PersonalCenter
from desktop.views.registration import RegistrationPage
from tests.fixtures.accounts import demo_examinee, login
from tests.fixtures.payments import payer_id, payments_of, ready
from tests.fixtures.registration import audit_actions, charges, home_site_id, key, pick, set_phase
from tests.fixtures.registration_page import NEW, RegistrationEnv, choose, orders_in_db, two_courses
from tests.fixtures.servers import LiveServer

WAIT_MS = 15_000
EXAMINEE = demo_examinee(with_photo=True)


def fired(client: ApiClient) -> list[int]:
    return [r.fired for r in client.mock.faults().rules]


# --- 503 + Retry-After ------------------------------------------------------------------------------------


def test_503_with_retry_after_is_waited_out_on_a_get(client: ApiClient) -> None:
    client.mock.set_faults([FaultRule("/ref/calendar", FAULT_ERROR, status=503, retry_after_seconds=1, times=2)])
    started = time.monotonic()
    calendar = client.system.calendar()
    assert calendar.sessions
    assert time.monotonic() - started >= 2.0, "waited Retry-After (1 s) before each of the two repeats"
    assert fired(client) == [2]


def test_a_long_retry_after_is_not_waited_for(live_server: LiveServer) -> None:
    client = ready(live_server)
    site, courses = home_site_id(client), pick(client.registration.courses(), 1)
    client.mock.set_faults([FaultRule("/", FAULT_ERROR, status=503, retry_after_seconds=3600)])
    for call in (client.system.calendar, lambda: client.registration.create_order(site, courses, key())):
        with pytest.raises(ServerError) as info:
            call()
        assert info.value.retry_after == 3600 and "服务器繁忙" in info.value.message
    assert fired(client) == [2], "each was sent once: the person hears at once that the server is busy"
    client.mock.clear_faults()
    assert client.registration.orders() == []


def test_503_on_a_post_without_key_is_not_repeated(client: ApiClient) -> None:
    client.mock.set_faults([FaultRule("/auth/captcha", FAULT_ERROR, status=503, retry_after_seconds=0)])
    with pytest.raises(ServerError) as info:
        client.auth.captcha()
    assert info.value.status == 503 and info.value.retry_after == 0
    assert info.value.message == "服务器繁忙，暂时无法处理请求，请稍后重试（模拟故障）"
    assert fired(client) == [1], "sent once: a POST without Idempotency-Key is never repeated by itself"


def test_503_on_an_order_creation_is_sent_again_with_the_same_key(live_server: LiveServer) -> None:
    client = ready(live_server)
    client.mock.set_faults([FaultRule("/orders", FAULT_ERROR, status=503, retry_after_seconds=0, times=1)])
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    assert fired(client) == [1]
    assert [o.order_no for o in client.registration.orders()] == [order.order_no]


# --- dropped connections ------------------------------------------------------------------------------------


def test_a_dropped_read_is_repeated_and_a_dead_server_is_named(live_server: LiveServer) -> None:
    client = live_server.client(retry_backoff=0.05)
    client.mock.set_faults([FaultRule("/ref/regions", FAULT_DROP, times=2)])
    assert len(client.system.regions()) == 14
    assert fired(client) == [2]

    client.mock.set_faults([FaultRule("/ref/regions", FAULT_DROP)])
    with pytest.raises(ConnectionFailed) as info:
        client.system.regions()
    assert "无法连接到服务器" in info.value.message and "稍后重试" in info.value.message
    assert fired(client) == [1 + client.retries]


def test_a_dropped_post_without_key_is_not_repeated(client: ApiClient) -> None:
    client.mock.set_faults([FaultRule("/auth/captcha", FAULT_DROP_AFTER)])
    with pytest.raises(ConnectionFailed):
        client.auth.captcha()
    assert fired(client) == [1]


def test_an_order_whose_answer_was_lost_after_commit_is_not_doubled(live_server: LiveServer) -> None:
    client = ready(live_server)
    courses = client.registration.courses()
    site = home_site_id(client)
    # once: the client sends it again with the same key by itself and gets the order it created
    client.mock.set_faults([FaultRule("/orders", FAULT_DROP_AFTER, methods=("POST",), times=1)])
    first = client.registration.create_order(site, pick(courses, 1), key())
    assert fired(client) == [1]
    assert [o.order_no for o in client.registration.orders()] == [first.order_no]
    client.registration.cancel_order(first.order_no)

    # every answer lost: the person sees "cannot connect", tries again later with the same key
    again = key()
    client.mock.set_faults([FaultRule("/orders", FAULT_DROP_AFTER, methods=("POST",))])
    with pytest.raises(ConnectionFailed) as info:
        client.registration.create_order(site, pick(courses, 1), again)
    assert info.value.code == "dropped"
    assert fired(client) == [1 + client.retries]
    client.mock.clear_faults()
    second = client.registration.create_order(site, pick(courses, 1), again)
    live = [o for o in client.registration.orders() if o.status == "pending"]
    assert [o.order_no for o in live] == [second.order_no], "one order, however often it was sent"


def test_a_payment_start_whose_answer_was_lost_is_not_doubled(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    client.mock.set_faults([FaultRule(f"/orders/{order.order_no}/payments", FAULT_DROP_AFTER, times=2)])
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    assert fired(client) == [2]
    assert [no for no, _status in payments_of(live_server, order.order_no)] == [payment.payment_no]


def test_a_keyed_post_to_a_server_that_is_not_there_is_not_repeated_on_top_of_urllib3() -> None:
    dead = ApiClient("http://127.0.0.1:9", retries=1, retry_backoff=0)
    with pytest.raises(ConnectionFailed) as info:
        dead.registration.create_order(1, ["00015"], key())
    assert info.value.code == "connection" and "无法连接到服务器" in info.value.message


# --- payment notifications: delayed, duplicated, reordered and a flaky network, all at once ------------------


def test_all_notification_faults_at_once_end_the_order_paid_exactly_once(live_server: LiveServer) -> None:
    client = ready(live_server)
    client.mock.set_payment_faults(PaymentFaults(delay_seconds=0.5, duplicate=True, out_of_order=True))
    client.mock.set_faults(
        [FaultRule("/orders", FAULT_DROP, methods=("GET",), probability=0.3)], latency_ms=50, jitter_ms=40
    )
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 2), key())
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    deadline = time.monotonic() + 20
    status = "paying"
    while status != "paid" and time.monotonic() < deadline:  # the client polls as the payment dialog does
        with contextlib.suppress(ConnectionFailed):
            status = client.registration.order(order.order_no).status
        time.sleep(0.2)
    assert status == "paid"
    while client.mock.faults().payment.queued_notifications:  # let the copies arrive too
        time.sleep(0.2)
    client.mock.clear_faults()
    assert len(charges(live_server)) == 1
    assert audit_actions(live_server, payer_id(live_server)).count("order_paid") == 1
    assert sorted(r.course_code for r in client.registration.registrations()) == sorted(
        i.course_code for i in order.items
    )


# --- what a person sees -------------------------------------------------------------------------------------


def open_centre(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> PersonalCenter:
    centre = PersonalCenter(client, runner)
    qtbot.addWidget(centre)
    centre.show()
    return centre


def ticking(interval_ms: int = 50) -> tuple[QTimer, list[int]]:
    """A GUI-thread timer counting its ticks: few ticks mean a blocked GUI."""
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    return timer, ticks


@pytest.mark.gui
def test_latency_with_jitter_keeps_the_gui_responsive(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    client = live_server.client()
    login(client, EXAMINEE.exam_no)
    client.mock.set_latency(400, jitter_ms=300)
    timer, ticks = ticking()
    centre = open_centre(qtbot, client, runner)
    page = RegistrationPage(client, runner)
    qtbot.addWidget(page)
    page.show()
    started = time.monotonic()
    qtbot.waitUntil(lambda: centre.profile is not None and page.overview is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)
    elapsed = time.monotonic() - started
    timer.stop()
    client.mock.set_latency(0)
    assert elapsed >= 0.2, "the answers were delayed"
    assert len(ticks) >= 0.5 * elapsed / 0.05, f"the GUI thread was blocked: {len(ticks)} ticks in {elapsed:.1f} s"
    assert centre.name_label.text() == EXAMINEE.name


@pytest.mark.gui
def test_an_error_answer_is_shown_in_place_and_retry_works(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    client = live_server.client()
    login(client, EXAMINEE.exam_no)
    client.mock.set_faults([FaultRule("/me", FAULT_ERROR, status=500, times=1)])
    centre = open_centre(qtbot, client, runner)
    qtbot.waitUntil(lambda: not centre.loading and centre.retry_button.isVisible(), timeout=WAIT_MS)
    assert centre.state_label.text() == "个人信息加载失败：服务器内部错误，请稍后重试（模拟故障）"
    assert fired(client) == [1], "a 500 is not repeated by itself: the person decides"
    centre.retry_button.click()
    qtbot.waitUntil(lambda: centre.profile is not None and not centre.loading, timeout=WAIT_MS)


@pytest.mark.gui
def test_a_dropped_connection_says_so_without_freezing(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    client = live_server.client(retry_backoff=0.2)
    login(client, EXAMINEE.exam_no)
    client.mock.set_faults([FaultRule("/me", FAULT_DROP)])
    timer, ticks = ticking()
    started = time.monotonic()
    centre = open_centre(qtbot, client, runner)
    qtbot.waitUntil(lambda: not centre.loading and centre.retry_button.isVisible(), timeout=WAIT_MS)
    elapsed = time.monotonic() - started
    timer.stop()
    text = centre.state_label.text()
    assert text.startswith("个人信息加载失败：无法连接到服务器") and "稍后重试" in text
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    # the profile and the photo (both under /me) are asked at once, each tried again before giving up
    assert fired(client) == [2 * (1 + client.retries)], "the reads were tried again before giving up"
    assert len(ticks) >= 0.5 * elapsed / 0.05, "the GUI kept running while the client retried"
    client.mock.clear_faults()
    centre.retry_button.click()
    qtbot.waitUntil(lambda: centre.profile is not None and not centre.loading, timeout=WAIT_MS)


@pytest.mark.gui
def test_an_order_whose_answers_are_lost_offers_a_resubmit_that_makes_one_order(
    qtbot: QtBot,
    registration_env: RegistrationEnv,
) -> None:
    env = registration_env
    set_phase(env.tester, "phase2")
    client = env.client(retries=1, retry_backoff=0.05)
    login(client, NEW.exam_no)
    page = env.open_page(client=client)
    choose(qtbot, page, two_courses(page))
    env.tester.mock.set_faults([FaultRule("/orders", FAULT_DROP_AFTER, methods=("POST",))])
    dialog = page.open_confirm()
    assert dialog is not None
    dialog.accept()
    qtbot.waitUntil(lambda: page.retry_create_button.isVisible(), timeout=WAIT_MS)
    assert "无法连接到服务器" in page.create_error_text and "不会重复下单" in page.create_error_text
    assert fired(env.tester) == [2], "sent twice with one key (the client's own retry), created once"
    env.tester.mock.clear_faults()
    qtbot.mouseClick(page.retry_create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_panel.order is not None and not page.busy, timeout=WAIT_MS)
    rows = orders_in_db(env.server, NEW.exam_no)
    assert len(rows) == 1 and page.current_panel.order is not None
    assert page.current_panel.order.order_no == rows[0].order_no
