"""The order life cycle as a Hypothesis state machine over a real server.

Rules: create an order, start a payment, confirm on the platform (also twice), cancel on the
platform, deliver the queued notifications, turn the notification faults (duplicate, lost, out of
order) on and off, let time pass (orders expire), cancel an order, pay late, read the orders.
Notifications wait in the platform's queue (``delay_seconds`` of an hour) until a ``deliver`` step
sends them, so the steps decide when they arrive.

After every step the database must hold: at most one paid registration per examinee, course and
session; each paid order exactly one kept (succeeded, not refunded) payment of its amount; every
charge of the platform on a paid order, refunded/refunding, or still waiting for its
notification; seat counters equal to the examinees holding a seat, and those equal to the
examinees with a live order.  After ``settle`` (deliver, let the query interval pass, read) no
charge may be waiting any more.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule
from sqlalchemy import func, select

from backend_mock.models import (
    LIVE_ORDER_STATUSES,
    Order,
    OrderItem,
    OrderStatus,
    Payment,
    PaymentStatus,
    PlatformCharge,
    Refund,
    Seat,
    SessionSite,
)
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient, ApiError, ServerError
from desktop.api.types import PaymentFaults
from tests.fixtures.accounts import add_examinees
from tests.fixtures.registration import deliver, home_site_id, key, pick, set_phase
from tests.fixtures.servers import LiveServer, start_server

EXAMINEES = 2
HOLD = PaymentFaults(delay_seconds=3600)  # notifications wait for a deliver step

# refusals a rule may meet; anything else (and every 5xx) fails the test
CREATE_REFUSALS = {"course_in_order", "course_registered", "too_many_courses", "slot_conflict", "site_mismatch"}
PAY_REFUSALS = {"payment_in_progress", "order_paid", "order_closed"}
CANCEL_REFUSALS = {"payment_in_progress", "order_paid"}
CONFIRM_REFUSALS = {"payment_cancelled"}
PLATFORM_CANCEL_REFUSALS = {"payment_already_paid"}


class OrderLifeCycle(RuleBasedStateMachine):
    orders = Bundle("orders")
    payments = Bundle("payments")

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="zikao-sm-"))
        self.server: LiveServer = start_server(self.tmp / "server.db", Settings(mode=Mode.TEST))
        self.tester = self.server.client()
        set_phase(self.tester, "phase2", hour=10)
        self.tester.mock.set_payment_faults(HOLD)
        self.people = add_examinees(self.server, EXAMINEES)
        self.clients: list[ApiClient] = [p.client(self.server) for p in self.people]
        self.site = home_site_id(self.clients[0])
        self.courses = pick(self.clients[0].registration.courses(), 3)

    def teardown(self) -> None:
        try:
            if hasattr(self, "clients"):
                self._settle()
        finally:
            for c in getattr(self, "clients", []):
                c.close()
            if hasattr(self, "tester"):
                self.tester.close()
            if hasattr(self, "server"):
                self.server.thread.stop()
            shutil.rmtree(self.tmp, ignore_errors=True)

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def expect(exc: ApiError, allowed: set[str]) -> None:
        assert not isinstance(exc, ServerError), f"server error: {exc.technical}"
        assert exc.code in allowed, f"unexpected refusal {exc.code}: {exc.message}"

    def charge_count(self) -> int:
        with self.server.db() as db:
            return int(db.scalar(select(func.count()).select_from(PlatformCharge)) or 0)

    # --- rules ----------------------------------------------------------------------------------

    @rule(
        target=orders,
        who=st.integers(0, EXAMINEES - 1),
        chosen=st.lists(st.integers(0, 2), min_size=1, max_size=2, unique=True),
    )
    def create(self, who: int, chosen: list[int]) -> tuple[int, str] | None:
        return self._create(who, chosen)

    def _create(self, who: int, chosen: list[int]) -> tuple[int, str] | None:
        try:
            order = self.clients[who].registration.create_order(self.site, [self.courses[i] for i in chosen], key())
        except ApiError as exc:
            self.expect(exc, CREATE_REFUSALS)
            return None
        assert order.status == "pending"
        return who, order.order_no

    @rule(
        target=payments,
        who=st.integers(0, EXAMINEES - 1),
        chosen=st.lists(st.integers(0, 2), min_size=1, max_size=2, unique=True),
        confirm=st.booleans(),
    )
    def create_and_pay(self, who: int, chosen: list[int], confirm: bool) -> tuple[int, str, str] | None:
        """The usual path in one step: order, pay, (maybe) confirm on the platform."""
        payment = self._start_payment(self._create(who, chosen), "wechat")
        if payment is not None and confirm:
            self._confirm(payment)
        return payment

    @rule(target=payments, order=orders, channel=st.sampled_from(["alipay", "wechat"]))
    def start_payment(self, order: tuple[int, str] | None, channel: str) -> tuple[int, str, str] | None:
        return self._start_payment(order, channel)

    def _start_payment(self, order: tuple[int, str] | None, channel: str) -> tuple[int, str, str] | None:
        if order is None:
            return None
        who, order_no = order
        try:
            payment = self.clients[who].registration.start_payment(order_no, channel, key())
        except ApiError as exc:
            self.expect(exc, PAY_REFUSALS)
            return None
        assert self.clients[who].registration.order(order_no).status == "paying"
        return who, order_no, payment.payment_no

    @rule(payment=payments)
    def confirm(self, payment: tuple[int, str, str] | None) -> None:
        self._confirm(payment)

    def _confirm(self, payment: tuple[int, str, str] | None) -> None:
        if payment is None:
            return
        try:
            self.tester.payplatform.confirm(payment[2], "alipay")
        except ApiError as exc:
            self.expect(exc, CONFIRM_REFUSALS)

    @rule(payment=payments)
    def confirm_twice(self, payment: tuple[int, str, str] | None) -> None:
        """A double click on the platform's page never takes the money twice."""
        if payment is None:
            return
        before = self.charge_count()
        for _ in range(2):
            try:
                self.tester.payplatform.confirm(payment[2], "alipay")
            except ApiError as exc:
                self.expect(exc, CONFIRM_REFUSALS)
        assert self.charge_count() <= before + 1

    @rule(payment=payments)
    def cancel_on_platform(self, payment: tuple[int, str, str] | None) -> None:
        if payment is None:
            return
        try:
            self.tester.payplatform.cancel(payment[2])
        except ApiError as exc:
            self.expect(exc, PLATFORM_CANCEL_REFUSALS)

    @rule()
    def deliver_notifications(self) -> None:
        deliver(self.tester)

    @rule(duplicate=st.booleans(), lost=st.booleans(), out_of_order=st.booleans())
    def set_faults(self, duplicate: bool, lost: bool, out_of_order: bool) -> None:
        self.tester.mock.set_payment_faults(
            PaymentFaults(delay_seconds=HOLD.delay_seconds, duplicate=duplicate, lost=lost, out_of_order=out_of_order)
        )

    @rule()
    def expire(self) -> None:
        self._expire()

    def _expire(self) -> None:
        minutes = self.server.settings.order_unpaid_timeout_minutes + 1
        self.tester.mock.set_clock(advance_seconds=minutes * 60, frozen=True)

    @rule()
    def tick(self) -> None:
        """Let the reconciliation interval pass."""
        self._tick()

    def _tick(self) -> None:
        self.tester.mock.set_clock(advance_seconds=self.server.settings.payment_query_after_seconds, frozen=True)

    @rule(order=orders)
    def cancel(self, order: tuple[int, str] | None) -> None:
        if order is None:
            return
        who, order_no = order
        try:
            result = self.clients[who].registration.cancel_order(order_no)
        except ApiError as exc:
            self.expect(exc, CANCEL_REFUSALS)
            return
        assert result.status in ("closed", "refunding", "refunded")

    @rule(order=orders, channel=st.sampled_from(["alipay", "unionpay"]))
    def late_payment(self, order: tuple[int, str] | None, channel: str) -> None:
        """Start paying, let the order run out of time, then pay on the platform."""
        if order is None:
            return
        who, order_no = order
        try:
            payment = self.clients[who].registration.start_payment(order_no, channel, key())
        except ApiError as exc:
            self.expect(exc, PAY_REFUSALS)
            return
        self._expire()
        self.tester.payplatform.confirm(payment.payment_no, channel)

    @rule(who=st.integers(0, EXAMINEES - 1))
    def read(self, who: int) -> None:
        for order in self.clients[who].registration.orders():
            assert order.status in {s.value for s in OrderStatus}

    @rule()
    def settle(self) -> None:
        self._settle()

    def _settle(self) -> None:
        """Deliver what is queued, let the query interval pass, read: nothing may stay unsettled."""
        deliver(self.tester)
        self._tick()
        for c in self.clients:
            c.registration.orders()
        with self.server.db() as db:
            waiting = db.scalars(
                select(PlatformCharge.payment_no)
                .join(Payment, Payment.payment_no == PlatformCharge.payment_no)
                .where(Payment.status != PaymentStatus.SUCCEEDED)
            ).all()
        assert not waiting, f"charges never applied: {waiting}"

    # --- invariants ----------------------------------------------------------------------------

    @invariant()
    def at_most_one_paid_registration_per_course(self) -> None:
        with self.server.db() as db:
            rows = db.execute(
                select(Order.examinee_id, Order.session_code, OrderItem.course_code)
                .join(OrderItem, OrderItem.order_id == Order.id)
                .where(Order.status == OrderStatus.PAID)
            ).all()
        counts = Counter(tuple(r) for r in rows)
        assert all(n == 1 for n in counts.values()), counts

    @invariant()
    def each_paid_order_keeps_exactly_one_payment(self) -> None:
        with self.server.db() as db:
            for order in db.scalars(select(Order).where(Order.status == OrderStatus.PAID)):
                refunded = {r.payment_id for r in order.refunds}
                kept = [p for p in order.payments if p.status is PaymentStatus.SUCCEEDED and p.id not in refunded]
                assert len(kept) == 1, (order.order_no, [(p.payment_no, p.status) for p in order.payments])
                assert kept[0].amount_fen == order.amount_fen

    @invariant()
    def every_charge_is_kept_by_a_paid_order_or_refunded(self) -> None:
        with self.server.db() as db:
            for charge in db.scalars(select(PlatformCharge)):
                payment = db.scalar(select(Payment).where(Payment.payment_no == charge.payment_no))
                assert payment is not None and payment.amount_fen == charge.amount_fen
                refund = db.scalar(select(Refund).where(Refund.payment_id == payment.id))
                if payment.status is not PaymentStatus.SUCCEEDED:
                    # the notification is still on its way (or lost): not applied to anything yet
                    assert refund is None and payment.status is PaymentStatus.CREATED
                    continue
                order = payment.order
                if refund is not None:
                    assert refund.amount_fen == charge.amount_fen and charge.refund_no == refund.refund_no
                    assert order.status in (OrderStatus.REFUNDING, OrderStatus.REFUNDED, OrderStatus.PAID)
                else:
                    assert order.status is OrderStatus.PAID, (order.order_no, order.status)

    @invariant()
    def seats_match_live_orders(self) -> None:
        with self.server.db() as db:
            for counter in db.scalars(select(SessionSite)):
                seats = db.scalar(
                    select(func.count())
                    .select_from(Seat)
                    .where(Seat.session_code == counter.session_code, Seat.site_id == counter.site_id)
                )
                assert counter.seats_held == (seats or 0) <= counter.capacity
            holders = set(db.execute(select(Seat.examinee_id, Seat.session_code)).all())
            live = set(
                db.execute(
                    select(Order.examinee_id, Order.session_code).where(Order.status.in_(LIVE_ORDER_STATUSES))
                ).all()
            )
            assert holders == live
            for order in db.scalars(select(Order)):
                assert all(i.active == (order.status in LIVE_ORDER_STATUSES) for i in order.items)

    @invariant()
    def closed_orders_closed_in_time(self) -> None:
        with self.server.db() as db:
            for order in db.scalars(select(Order).where(Order.closed_at.is_not(None))):
                assert order.closed_at is not None and order.closed_at <= order.expires_at
                assert order.paid_at is None
            for order in db.scalars(select(Order).where(Order.status == OrderStatus.PAID)):
                assert order.paid_at is not None and order.paid_at < order.expires_at
                assert (
                    order.created_at
                    <= order.paid_at
                    <= order.created_at + timedelta(minutes=self.server.settings.order_unpaid_timeout_minutes)
                )


OrderLifeCycle.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestOrderLifeCycle = OrderLifeCycle.TestCase
