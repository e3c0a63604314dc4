"""Paying over real HTTP through the mock payment platform: never two charges, notifications
applied exactly once after checking order number and amount, reconciliation of lost
notifications, refunds of late payments, and the platform's tester faults."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from backend_mock.models import PaymentStatus
from backend_mock.payplatform.service import signature
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient, Conflict, NotFound, PermissionDenied, ValidationFailed
from desktop.api.mock import PaymentFaultsState
from desktop.api.types import Order, PaymentFaults
from tests.fixtures.accounts import examinee_client
from tests.fixtures.payments import payer_id, payments_of, ready
from tests.fixtures.registration import (
    advance,
    audit_actions,
    charges,
    deliver,
    home_site_id,
    key,
    pick,
    raw,
)
from tests.fixtures.servers import LiveServer


def new_order(client: ApiClient, n: int = 1) -> Order:
    return client.registration.create_order(home_site_id(client), pick(client.registration.courses(), n), key())


def signed(server: LiveServer, **fields: Any) -> dict[str, Any]:
    body = {"notify_id": uuid.uuid4().hex, "channel": "alipay", "event_at": server.clock.now().isoformat(), **fields}
    return {**body, "signature": signature(body, server.settings.payment_notify_key)}


# --- the happy path ---------------------------------------------------------------------------------------


def test_pending_paying_paid(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client, 2)
    assert (order.status, order.status_text, order.payment_no) == ("pending", "待支付", None)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    assert payment.status == "created" and payment.amount_fen == order.amount_fen == 11600
    paying = client.registration.order(order.order_no)
    assert (paying.status, paying.status_text, paying.payment_no) == ("paying", "交费中", payment.payment_no)

    page = client.payplatform.page(payment.payment_no)
    assert page.status == "awaiting" and page.amount_fen == 11600
    assert page.merchant == "湖南省教育考试院" and page.subject.endswith("自学考试报考费")
    assert set(page.channels) == {"alipay", "wechat", "unionpay"}
    assert client.payplatform.confirm(payment.payment_no, "wechat").status == "paid"

    paid = client.registration.order(order.order_no)
    assert (paid.status, paid.status_text) == ("paid", "已缴费")
    assert paid.paid_at == live_server.clock.now() and paid.refund is None
    assert payments_of(live_server, order.order_no) == [(payment.payment_no, PaymentStatus.SUCCEEDED)]
    assert len(charges(live_server)) == 1
    actions = audit_actions(live_server, payer_id(live_server))
    for action in ("order_create", "payment_start", "payment_succeeded", "order_paid"):
        assert action in actions
    assert "platform_charge" in audit_actions(live_server)


def test_paid_order_cannot_be_withdrawn_or_paid_again(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    with pytest.raises(Conflict) as info:
        client.registration.cancel_order(order.order_no)
    assert info.value.code == "order_paid" and "不能退报" in info.value.message
    with pytest.raises(Conflict) as info:
        client.registration.start_payment(order.order_no, "alipay", key())
    assert info.value.code == "order_paid"
    assert client.registration.order(order.order_no).status == "paid"


def test_unknown_channel_is_refused(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    with pytest.raises(ValidationFailed) as info:
        client.registration.start_payment(order.order_no, "bitcoin", key())
    assert info.value.code == "bad_channel"
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    with pytest.raises(ValidationFailed):
        client.payplatform.confirm(payment.payment_no, "bitcoin")
    with pytest.raises(NotFound):
        client.payplatform.page("ZF000")


# --- idempotency and the 交费中 guard ---------------------------------------------------------------------------


def test_payment_start_requires_a_key_and_replays_it(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    with pytest.raises(ValidationFailed) as info:
        raw(client, "POST", f"/orders/{order.order_no}/payments", json={"channel": "alipay"})
    assert info.value.status == 400 and info.value.code == "idempotency_key_missing"
    k = key()
    first = client.registration.start_payment(order.order_no, "alipay", k)
    assert client.registration.start_payment(order.order_no, "alipay", k) == first
    with pytest.raises(ValidationFailed) as info:
        client.registration.start_payment(order.order_no, "wechat", k)
    assert info.value.code == "idempotency_key_reused"
    assert len(payments_of(live_server, order.order_no)) == 1


def test_while_paying_no_second_payment_no_new_order_no_cancel(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client, 2)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    with pytest.raises(Conflict) as info:
        client.registration.start_payment(order.order_no, "wechat", key())
    assert info.value.code == "payment_in_progress"
    assert info.value.message.startswith("该订单正在交费中，请勿重复支付")
    assert info.value.details == {"payment_no": payment.payment_no}
    with pytest.raises(Conflict) as info:
        client.registration.create_order(order.site_id, [order.items[0].course_code], key())
    assert info.value.code == "course_in_order"
    with pytest.raises(Conflict) as info:
        client.registration.cancel_order(order.order_no)
    assert info.value.code == "payment_in_progress"
    # a second program window sees the same guard
    other = examinee_client(live_server, "new")
    with pytest.raises(Conflict):
        other.registration.start_payment(order.order_no, "alipay", key())
    assert len(payments_of(live_server, order.order_no)) == 1 and charges(live_server) == []


def test_platform_confirm_charges_once(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    clients = [live_server.client() for _ in range(8)]
    barrier = threading.Barrier(len(clients))
    pages: list[str] = []

    def confirm(c: ApiClient) -> None:
        barrier.wait()
        pages.append(c.payplatform.confirm(payment.payment_no, "alipay").status)

    threads = [threading.Thread(target=confirm, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert pages == ["paid"] * len(clients)
    assert client.payplatform.confirm(payment.payment_no, "alipay").status == "paid"
    assert len(charges(live_server)) == 1
    assert client.registration.order(order.order_no).status == "paid"
    assert payments_of(live_server, order.order_no) == [(payment.payment_no, PaymentStatus.SUCCEEDED)]


# --- notifications ----------------------------------------------------------------------------------------------


def test_duplicate_notifications_are_applied_once(live_server: LiveServer) -> None:
    client = ready(live_server)
    client.mock.set_payment_faults(PaymentFaults(delay_seconds=600, duplicate=True))
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    assert client.registration.order(order.order_no).status == "paying", "the notification is still on its way"
    assert deliver(client) == 2
    assert client.registration.order(order.order_no).status == "paid"
    actions = audit_actions(live_server, payer_id(live_server))
    assert actions.count("order_paid") == 1 and actions.count("payment_notify_duplicate") == 1
    assert len(charges(live_server)) == 1


def test_delayed_notification_keeps_the_order_paying_and_the_guard_up(live_server: LiveServer) -> None:
    client = ready(live_server)
    client.mock.set_payment_faults(PaymentFaults(delay_seconds=600))
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    assert client.registration.order(order.order_no).status == "paying"
    assert client.mock.payment_faults().delay_seconds == 600
    # paying again asks the platform first: it has the money, so the answer is "already paid"
    with pytest.raises(Conflict) as info:
        client.registration.start_payment(order.order_no, "alipay", key())
    assert info.value.code == "order_paid"
    assert client.registration.order(order.order_no).status == "paid"
    assert deliver(client) == 1
    assert len(charges(live_server)) == 1 and client.registration.order(order.order_no).status == "paid"


def test_lost_notification_is_reconciled_after_a_restart(live_server: LiveServer) -> None:
    client = ready(live_server)
    client.mock.set_payment_faults(PaymentFaults(lost=True))
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    assert client.registration.order(order.order_no).status == "paying"
    assert raw(client, "GET", "/mock/payment-faults")["queued_notifications"] == 0
    client.close()  # the program is killed

    restarted = examinee_client(live_server, "new")
    restarted.mock.set_clock(advance_seconds=live_server.settings.payment_query_after_seconds, frozen=True)
    (seen,) = restarted.registration.orders()
    assert seen.status == "paid" and seen.paid_at is not None
    assert len(charges(live_server)) == 1
    assert payments_of(live_server, order.order_no) == [(payment.payment_no, PaymentStatus.SUCCEEDED)]


def test_stale_notifications_out_of_order_change_nothing(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    first = client.registration.start_payment(order.order_no, "alipay", key())
    client.mock.set_payment_faults(PaymentFaults(delay_seconds=600, out_of_order=True))
    client.payplatform.cancel(first.payment_no)  # its notification is held back
    assert client.registration.order(order.order_no).status == "paying"
    # paying again asks the platform, learns of the cancel, and starts a new payment
    second = client.registration.start_payment(order.order_no, "wechat", key())
    assert second.payment_no != first.payment_no
    client.payplatform.confirm(second.payment_no, "wechat")  # its notification overtakes the cancel
    assert deliver(client) == 2
    assert client.registration.order(order.order_no).status == "paid"
    assert payments_of(live_server, order.order_no) == [
        (first.payment_no, PaymentStatus.CANCELLED),
        (second.payment_no, PaymentStatus.SUCCEEDED),
    ]
    actions = audit_actions(live_server, payer_id(live_server))
    assert actions.index("payment_notify_duplicate") > actions.index("order_paid"), "the stale cancel came last"
    # a stale cancel of the paid payment posted now changes nothing either
    body = signed(live_server, payment_no=second.payment_no, order_no=order.order_no, amount_fen=order.amount_fen,
                  status="cancelled")  # fmt: skip
    assert raw(client, "POST", "/payments/notify", json=body)["result"] == "duplicate"
    assert client.registration.order(order.order_no).status == "paid"
    assert len(charges(live_server)) == 1


def test_out_of_order_notifications_arrive_by_themselves(live_server: LiveServer) -> None:
    client = ready(live_server)
    client.mock.set_payment_faults(PaymentFaults(out_of_order=True))
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    deadline = time.monotonic() + live_server.settings.payment_out_of_order_hold_seconds + 10
    while raw(client, "GET", "/mock/payment-faults")["queued_notifications"]:
        assert time.monotonic() < deadline, "the held notification was never sent"
        time.sleep(0.1)
    live_server.clock.advance(timedelta(seconds=1))  # still inside the query interval: no reconciliation
    assert client.registration.order(order.order_no).status == "paid"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"amount_fen": 1}, "amount_mismatch"),
        ({"order_no": "BK000000000000000000"}, "order_mismatch"),
        ({"payment_no": "ZF000000000000000000"}, "unknown_payment"),
    ],
)
def test_notifications_that_do_not_match_are_ignored_and_audited(
    live_server: LiveServer, change: dict[str, Any], reason: str
) -> None:
    client = ready(live_server)
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    fields = {"payment_no": payment.payment_no, "order_no": order.order_no, "amount_fen": order.amount_fen}
    ack = raw(client, "POST", "/payments/notify", json=signed(live_server, **{**fields, **change}, status="succeeded"))
    assert ack == {"result": "ignored", "detail": reason}
    assert client.registration.order(order.order_no).status == "paying"
    assert payments_of(live_server, order.order_no) == [(payment.payment_no, PaymentStatus.CREATED)]
    assert "payment_notify_ignored" in audit_actions(live_server)


def test_notifications_must_be_signed(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    body = signed(live_server, payment_no=payment.payment_no, order_no=order.order_no, amount_fen=order.amount_fen,
                  status="cancelled")  # fmt: skip
    with pytest.raises(PermissionDenied) as info:
        raw(client, "POST", "/payments/notify", json={**body, "signature": "0" * 64})
    assert info.value.code == "bad_signature"
    assert client.registration.order(order.order_no).status == "paying"
    # the same notification correctly signed goes through
    assert raw(client, "POST", "/payments/notify", json=body)["result"] == "applied"
    assert client.registration.order(order.order_no).status == "pending"


# --- late payments, refunds and cancelled payments -------------------------------------------------------------


def test_a_payment_after_the_order_closed_is_refunded(live_server: LiveServer) -> None:
    client = ready(live_server)
    site = home_site_id(client)
    order = new_order(client)
    seats = next(s.seats_left for s in client.registration.sites() if s.id == site)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    advance(client, 31)
    assert client.registration.order(order.order_no).status == "closed"
    client.payplatform.confirm(payment.payment_no, "alipay")  # the examinee pays late

    refunding = client.registration.order(order.order_no)
    assert (refunding.status, refunding.status_text) == ("refunding", "退款中")
    assert refunding.close_reason == "expired" and refunding.paid_at is None
    assert refunding.refund is not None and refunding.refund.amount_fen == order.amount_fen
    assert refunding.refund.status == "refunding" and refunding.refund.refund_no.startswith("TK")
    assert next(s.seats_left for s in client.registration.sites() if s.id == site) == seats + 1
    assert {c.code: c for c in client.registration.courses()}[order.items[0].course_code].status == "registrable"
    assert client.registration.registrations() == []

    delay = live_server.settings.refund_delay_seconds
    client.mock.set_clock(advance_seconds=delay, frozen=True)
    refunded = client.registration.order(order.order_no)
    assert (refunded.status, refunded.status_text) == ("refunded", "已退款")
    assert refunded.refund is not None and refunded.refund.status_text == "已退款"
    assert refunded.refund.completed_at == refunded.refund.created_at + timedelta(seconds=delay)
    actions = audit_actions(live_server, payer_id(live_server))
    assert "refund_start" in actions and "refund_complete" in actions
    assert len(charges(live_server)) == 1 and charges(live_server)[0].refund_no == refunded.refund.refund_no


def test_late_payment_to_an_order_nobody_read_is_refunded(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    live_server.clock.advance(timedelta(minutes=45))
    client.payplatform.confirm(payment.payment_no, "alipay")
    client.close()  # its login ran out meanwhile
    again = examinee_client(live_server, "new")
    seen = again.registration.order(order.order_no)
    assert seen.status == "refunding" and seen.closed_at == order.expires_at and seen.close_reason == "expired"


def test_money_taken_in_time_is_kept_even_if_the_notification_comes_after_expiry(live_server: LiveServer) -> None:
    client = ready(live_server)
    client.mock.set_payment_faults(PaymentFaults(delay_seconds=600))
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    advance(client, 29)
    client.payplatform.confirm(payment.payment_no, "alipay")
    advance(client, 5)  # past expires_at, notification still on its way
    assert client.registration.order(order.order_no).status == "paid"
    assert deliver(client) == 1
    final = client.registration.order(order.order_no)
    assert final.status == "paid" and final.refund is None


def test_closing_asks_the_platform_even_right_after_a_question(live_server: LiveServer) -> None:
    """An order about to close asks the platform first, whatever the query interval says."""
    client = ready(live_server)
    client.mock.set_payment_faults(PaymentFaults(delay_seconds=600))
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    live_server.clock.advance(timedelta(minutes=29, seconds=50))
    assert client.registration.order(order.order_no).status == "paying"  # asked: nothing paid yet
    client.payplatform.confirm(payment.payment_no, "alipay")  # paid 10 s before the order closes
    live_server.clock.advance(timedelta(seconds=15))
    assert client.registration.order(order.order_no).status == "paid"


def test_cancel_on_the_platform_page_returns_the_order_to_pending(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    assert client.payplatform.cancel(payment.payment_no).status == "cancelled"
    assert client.registration.order(order.order_no).status == "pending"
    with pytest.raises(Conflict) as info:
        client.payplatform.confirm(payment.payment_no, "alipay")
    assert info.value.code == "payment_cancelled"
    again = client.registration.start_payment(order.order_no, "unionpay", key())
    client.payplatform.confirm(again.payment_no, "unionpay")
    with pytest.raises(Conflict) as info:
        client.payplatform.cancel(again.payment_no)
    assert info.value.code == "payment_already_paid"
    assert client.registration.order(order.order_no).status == "paid"
    assert len(charges(live_server)) == 1


def test_cancel_on_the_platform_after_expiry_closes_the_order(live_server: LiveServer) -> None:
    client = ready(live_server)
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    live_server.clock.advance(timedelta(minutes=31))
    client.payplatform.cancel(payment.payment_no)
    client.close()
    seen = examinee_client(live_server, "new").registration.order(order.order_no)
    assert seen.status == "closed" and seen.close_reason == "expired"


# --- tester controls and shutdown ----------------------------------------------------------------------------------


def test_payment_faults_round_trip(live_server: LiveServer) -> None:
    client = live_server.client()
    assert client.mock.payment_faults() == PaymentFaultsState()
    faults = PaymentFaults(delay_seconds=2.5, duplicate=True, lost=False, out_of_order=True)
    expected = PaymentFaultsState(delay_seconds=2.5, duplicate=True, lost=False, out_of_order=True)
    assert client.mock.set_payment_faults(faults) == expected
    assert client.mock.payment_faults() == expected
    with pytest.raises(ValidationFailed):
        raw(client, "PUT", "/mock/payment-faults", json={"delay_seconds": -1})


def test_the_platform_exists_in_production_mode_without_tester_controls(
    server_factory: Callable[..., LiveServer],
) -> None:
    server = server_factory(Mode.PRODUCTION)
    client = server.client()
    with pytest.raises(NotFound) as info:
        client.payplatform.page("ZF1")
    assert info.value.code == "payment_not_found"
    with pytest.raises(NotFound) as info:
        client.mock.payment_faults()
    assert info.value.code == "not_found"


def test_no_notifier_thread_outlives_the_server(server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory()
    client = ready(server)
    client.mock.set_payment_faults(PaymentFaults(delay_seconds=600))
    order = new_order(client)
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    assert any(t.name == "payplatform-notifier" for t in threading.enumerate())
    server.thread.stop()
    assert not any(t.name == "payplatform-notifier" for t in threading.enumerate())


def test_a_notification_the_merchant_could_not_take_is_sent_again(caplog: pytest.LogCaptureFixture) -> None:
    from backend_mock.clock import Clock
    from backend_mock.context import AppContext
    from backend_mock.payplatform import service as payplatform
    from backend_mock.payplatform.service import Notification, Notifier

    settings = Settings(mode=Mode.TEST, payment_notify_retry_seconds=0.05)
    ctx = AppContext(settings=settings, clock=Clock(), payments=payplatform)
    received: list[str] = []
    done = threading.Event()

    def deliver(note: Notification) -> None:
        received.append(note.notify_id)
        if len(received) == 1:
            raise RuntimeError("merchant busy")
        done.set()

    notifier = Notifier(deliver, ctx)
    try:
        notifier.send(Notification("n1", "ZF1", "BK1", 4800, "succeeded", "alipay", ctx.clock.now()))
        assert done.wait(5)
        assert received == ["n1", "n1"] and "merchant did not take" in caplog.text
    finally:
        notifier.stop()
