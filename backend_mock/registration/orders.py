"""The life cycle of an order: seats, closing, payment results, refunds, reconciliation.

States (docs/rules.md#registration-and-payment): 待支付 pending → 交费中 paying → 已缴费 paid | 已关闭
closed; money that reaches a closed order → 退款中 refunding → 已退款 refunded.

Nothing here runs on a timer.  Every request that reads or writes orders first *settles* them
with the clock: payments the backend has no result for are reconciled with the platform's ledger
(``ctx.payments.query``), unpaid orders past ``expires_at`` close (at ``expires_at``, releasing seat
and courses), and refunds older than ``refund_delay_seconds`` complete.  Reconciling comes before
closing, so money taken in time makes the order paid even when its notification is late or lost.

Every write path locks the examinee's row first (``lock_examinee``): on PostgreSQL that queues
concurrent requests of one examinee; on SQLite ``BEGIN IMMEDIATE`` already queues all writers.
"""

from __future__ import annotations

import functools
import secrets
from datetime import datetime, timedelta

from sqlalchemy import BindParameter, Executable, bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import InstrumentedAttribute

from backend_mock.audit import audit
from backend_mock.context import AppContext
from backend_mock.i18n import Msg
from backend_mock.models import (
    LIVE_ORDER_STATUSES,
    UNPAID_ORDER_STATUSES,
    CloseReason,
    Examinee,
    ExamSession,
    ExamSite,
    Order,
    OrderItem,
    OrderStatus,
    Payment,
    PaymentStatus,
    PlatformPaymentStatus,
    Refund,
    RefundStatus,
    Seat,
    SessionSite,
)
from backend_mock.settings import Settings

SYSTEM = "system"

STATUS_TEXT = {
    OrderStatus.PENDING: Msg("待支付"),
    OrderStatus.PAYING: Msg("交费中"),
    OrderStatus.PAID: Msg("已缴费"),
    OrderStatus.CLOSED: Msg("已关闭"),
    OrderStatus.REFUNDING: Msg("退款中"),
    OrderStatus.REFUNDED: Msg("已退款"),
}

REFUND_STATUS_TEXT = {RefundStatus.REFUNDING: Msg("退款中"), RefundStatus.REFUNDED: Msg("已退款")}


def close_reason_text(reason: CloseReason, settings: Settings) -> str:
    return {
        CloseReason.CANCELLED: Msg("考生已取消订单"),
        CloseReason.EXPIRED: Msg(
            "超过{order_unpaid_timeout_minutes}分钟未支付，订单已自动关闭",
            order_unpaid_timeout_minutes=settings.order_unpaid_timeout_minutes,
        ),
        CloseReason.CUTOFF: Msg(
            "已过每日{payment_daily_cutoff:%H:%M}缴费截止时间，订单已自动关闭",
            payment_daily_cutoff=settings.payment_daily_cutoff,
        ),
        CloseReason.WINDOW_CLOSED: Msg("报考时间已结束，订单已自动关闭"),
    }[reason]


def new_trade_no(db: Session, ctx: AppContext, prefix: str, column: InstrumentedAttribute[str]) -> str:
    """``prefix`` + yyMMddHHmmss + random digits, unique in ``column`` (the column is unique too)."""
    digits = ctx.settings.trade_no_random_digits
    stamp = f"{ctx.clock.now():%y%m%d%H%M%S}"
    while True:
        candidate = f"{prefix}{stamp}{secrets.randbelow(10**digits):0{digits}d}"
        if db.scalar(select(func.count()).where(column == candidate)) == 0:
            return candidate


def lock_examinee(db: Session, examinee_id: int, *, skip_locked: bool = False) -> bool:
    """Queue behind other writers of this examinee's orders.

    SQLite has no row locks (``FOR UPDATE`` is dropped): its ``BEGIN IMMEDIATE`` already queues every
    writer (db.py), so there the lock is no statement; the examinee exists (the caller's row).
    """
    if db.get_bind().dialect.name == "sqlite":
        return True
    row = db.execute(
        select(Examinee.id).where(Examinee.id == examinee_id).with_for_update(skip_locked=skip_locked)
    ).first()
    return row is not None


# --- seats ------------------------------------------------------------------------------------------


def _ensure_session_site(db: Session, session_code: str, site: ExamSite) -> None:
    values = {"session_code": session_code, "site_id": site.id, "capacity": site.capacity, "seats_held": 0}
    dialect = db.get_bind().dialect.name
    if dialect == "sqlite":
        db.execute(sqlite.insert(SessionSite).values(values).on_conflict_do_nothing())
    elif dialect == "postgresql":
        db.execute(postgresql.insert(SessionSite).values(values).on_conflict_do_nothing())
    elif db.get(SessionSite, (session_code, site.id)) is None:
        db.add(SessionSite(**values))
        db.flush()


def take_seat(db: Session, ctx: AppContext, examinee_id: int, session_code: str, site: ExamSite) -> bool:
    """Hold one seat at ``site`` for this session, if one is left (never oversold)."""
    _ensure_session_site(db, session_code, site)
    taken = db.execute(
        update(SessionSite)
        .where(
            SessionSite.session_code == session_code,
            SessionSite.site_id == site.id,
            SessionSite.seats_held < SessionSite.capacity,
        )
        .values(seats_held=SessionSite.seats_held + 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        return False
    db.add(Seat(examinee_id=examinee_id, session_code=session_code, site_id=site.id, held_at=ctx.clock.now()))
    db.flush()
    return True


@functools.cache
def _seat() -> Executable:
    return select(Seat).where(Seat.examinee_id == bindparam("examinee_id"), Seat.session_code == bindparam("session"))


def live_seat(db: Session, examinee_id: int, session_code: str) -> Seat | None:
    seat: Seat | None = db.scalar(_seat(), {"examinee_id": examinee_id, "session": session_code})
    return seat


def release_seat_if_unused(db: Session, examinee_id: int, session_code: str) -> None:
    """Give the seat back when no live order of the session needs it any more."""
    db.flush()
    live = db.scalar(
        select(func.count())
        .select_from(Order)
        .where(
            Order.examinee_id == examinee_id,
            Order.session_code == session_code,
            Order.status.in_(LIVE_ORDER_STATUSES),
        )
    )
    if live:
        return
    seat = live_seat(db, examinee_id, session_code)
    if seat is None:
        return
    db.execute(
        update(SessionSite)
        .where(
            SessionSite.session_code == session_code, SessionSite.site_id == seat.site_id, SessionSite.seats_held > 0
        )
        .values(seats_held=SessionSite.seats_held - 1)
        .execution_options(synchronize_session=False)
    )
    db.delete(seat)
    db.flush()


# --- transitions ------------------------------------------------------------------------------------


def close_order(db: Session, ctx: AppContext, order: Order, reason: CloseReason, at: datetime, actor: str) -> None:
    """待支付/交费中 → 已关闭: the courses and (if unused) the seat are given back."""
    previous = order.status
    order.status = OrderStatus.CLOSED
    order.closed_at = at
    order.close_reason = reason
    for item in order.items:
        item.active = False
    release_seat_if_unused(db, order.examinee_id, order.session_code)
    audit(
        db,
        ctx,
        actor=actor,
        action="order_close",
        examinee_id=order.examinee_id,
        details={"order_no": order.order_no, "reason": reason.value, "from": previous.value},
    )


def _start_refund(db: Session, ctx: AppContext, order: Order, payment: Payment) -> None:
    refund = Refund(
        refund_no=new_trade_no(db, ctx, ctx.settings.refund_no_prefix, Refund.refund_no),
        order_id=order.id,
        payment_id=payment.id,
        amount_fen=payment.amount_fen,
        status=RefundStatus.REFUNDING,
        created_at=ctx.clock.now(),
    )
    db.add(refund)
    order.refunds.append(refund)
    ctx.payments.request_refund(db, ctx, payment.payment_no, refund.refund_no)
    previous = order.status
    if order.status in (OrderStatus.CLOSED, OrderStatus.REFUNDED):
        order.status = OrderStatus.REFUNDING
    audit(
        db,
        ctx,
        actor=SYSTEM,
        action="refund_start",
        examinee_id=order.examinee_id,
        details={
            "order_no": order.order_no,
            "payment_no": payment.payment_no,
            "refund_no": refund.refund_no,
            "amount_fen": refund.amount_fen,
            "order_status": previous.value,
        },
    )


def apply_charge(db: Session, ctx: AppContext, payment: Payment, charged_at: datetime, source: str) -> str:
    """The platform took the money for ``payment``: exactly once, the order becomes paid or refunding.

    Returns ``applied`` or ``duplicate`` (already known: nothing changes).
    """
    if payment.status is PaymentStatus.SUCCEEDED:
        return "duplicate"
    order = payment.order
    payment.status = PaymentStatus.SUCCEEDED
    payment.charged_at = charged_at
    payment.notified_at = ctx.clock.now()
    audit(
        db,
        ctx,
        actor=SYSTEM,
        action="payment_succeeded",
        examinee_id=order.examinee_id,
        details={"order_no": order.order_no, "payment_no": payment.payment_no, "source": source},
    )
    if order.status in UNPAID_ORDER_STATUSES and charged_at < order.expires_at:
        order.status = OrderStatus.PAID
        order.paid_at = charged_at
        if order.record_card_fee_fen:
            db.execute(
                update(Examinee)
                .where(Examinee.id == order.examinee_id)
                .values(record_card_paid=True)
                .execution_options(synchronize_session="fetch")
            )
        audit(
            db,
            ctx,
            actor=SYSTEM,
            action="order_paid",
            examinee_id=order.examinee_id,
            details={"order_no": order.order_no, "payment_no": payment.payment_no, "amount_fen": order.amount_fen},
        )
        return "applied"
    if order.status in UNPAID_ORDER_STATUSES:  # paid after it should have closed
        close_order(db, ctx, order, order.expiry_reason, order.expires_at, SYSTEM)
    _start_refund(db, ctx, order, payment)
    return "applied"


def apply_cancel(db: Session, ctx: AppContext, payment: Payment, source: str) -> str:
    """The examinee cancelled ``payment`` on the platform's page: the order may be paid again."""
    if payment.status is not PaymentStatus.CREATED:
        return "duplicate"
    order = payment.order
    payment.status = PaymentStatus.CANCELLED
    payment.notified_at = ctx.clock.now()
    audit(
        db,
        ctx,
        actor=SYSTEM,
        action="payment_cancelled",
        examinee_id=order.examinee_id,
        details={"order_no": order.order_no, "payment_no": payment.payment_no, "source": source},
    )
    others_open = any(p.status is PaymentStatus.CREATED for p in order.payments if p.id != payment.id)
    if order.status is OrderStatus.PAYING and not others_open:
        if ctx.clock.now() < order.expires_at:
            order.status = OrderStatus.PENDING
            audit(
                db,
                ctx,
                actor=SYSTEM,
                action="order_back_to_pending",
                examinee_id=order.examinee_id,
                details={"order_no": order.order_no, "payment_no": payment.payment_no},
            )
        else:
            close_order(db, ctx, order, order.expiry_reason, order.expires_at, SYSTEM)
    return "applied"


def reconcile_payment(db: Session, ctx: AppContext, payment: Payment, *, force: bool = False) -> str | None:
    """Ask the platform how ``payment`` stands and apply what it knows (a late or lost notification).

    Without ``force`` the platform is asked only once ``payment_query_after_seconds`` passed since
    the payment started or since it was last asked: the notification is expected first.
    """
    now = ctx.clock.now()
    last = payment.queried_at or payment.created_at
    if not force and now < last + timedelta(seconds=ctx.settings.payment_query_after_seconds):
        return None
    payment.queried_at = now
    answer = ctx.payments.query(db, payment.payment_no)
    if answer is None:
        return None
    if answer.status is PlatformPaymentStatus.PAID and answer.charged_at is not None:
        if answer.amount_fen != payment.amount_fen or answer.order_no != payment.order.order_no:
            audit(
                db,
                ctx,
                actor=SYSTEM,
                action="payment_reconcile_mismatch",
                result="refused",
                examinee_id=payment.examinee_id,
                details={
                    "payment_no": payment.payment_no,
                    "expected": {"order_no": payment.order.order_no, "amount_fen": payment.amount_fen},
                    "platform": {"order_no": answer.order_no, "amount_fen": answer.amount_fen},
                },
            )
            return "ignored"
        return apply_charge(db, ctx, payment, answer.charged_at, "reconcile")
    if answer.status is PlatformPaymentStatus.CANCELLED:
        return apply_cancel(db, ctx, payment, "reconcile")
    return None


def reconcile_order(db: Session, ctx: AppContext, order: Order) -> None:
    """Ask the platform at once about every payment of ``order`` without result."""
    for payment in list(order.payments):
        if payment.status is PaymentStatus.CREATED:
            reconcile_payment(db, ctx, payment, force=True)


def _close_if_due(db: Session, ctx: AppContext, order: Order) -> None:
    if order.status not in UNPAID_ORDER_STATUSES or order.expires_at > ctx.clock.now():
        return
    reconcile_order(db, ctx, order)
    if order.status in UNPAID_ORDER_STATUSES:
        close_order(db, ctx, order, order.expiry_reason, order.expires_at, SYSTEM)


def complete_refunds(db: Session, ctx: AppContext, examinee_id: int) -> None:
    delay = timedelta(seconds=ctx.settings.refund_delay_seconds)
    refunds = db.scalars(
        select(Refund)
        .join(Order, Order.id == Refund.order_id)
        .where(
            Order.examinee_id == examinee_id,
            Refund.status == RefundStatus.REFUNDING,
            Refund.created_at <= ctx.clock.now() - delay,
        )
        .order_by(Refund.id)
    ).all()
    for refund in refunds:
        refund.status = RefundStatus.REFUNDED
        refund.completed_at = refund.created_at + delay
        order = refund.order
        if order.status is OrderStatus.REFUNDING and all(r.status is RefundStatus.REFUNDED for r in order.refunds):
            order.status = OrderStatus.REFUNDED
        audit(
            db,
            ctx,
            actor=SYSTEM,
            action="refund_complete",
            examinee_id=examinee_id,
            details={"order_no": order.order_no, "refund_no": refund.refund_no, "amount_fen": refund.amount_fen},
        )


@functools.cache
def _due() -> Executable:
    """Whether a payment, an order or a refund of one examinee is due: one statement, built once
    (building it cost more than running it: docs/backend-database.md, "Statements per request")."""
    examinee_id: BindParameter[int] = bindparam("examinee_id")
    payments_due = (
        select(Payment.id)
        .where(
            Payment.examinee_id == examinee_id,
            Payment.status == PaymentStatus.CREATED,
            func.coalesce(Payment.queried_at, Payment.created_at) <= bindparam("ask_before"),
        )
        .exists()
    )
    orders_due = (
        select(Order.id)
        .where(
            Order.examinee_id == examinee_id,
            Order.status.in_(UNPAID_ORDER_STATUSES),
            Order.expires_at <= bindparam("now"),
        )
        .exists()
    )
    refunds_due = (
        select(Refund.id)
        .join(Order, Order.id == Refund.order_id)
        .where(
            Order.examinee_id == examinee_id,
            Refund.status == RefundStatus.REFUNDING,
            Refund.created_at <= bindparam("refund_before"),
        )
        .exists()
    )
    return select(or_(payments_due, orders_due, refunds_due))


def needs_settling(db: Session, ctx: AppContext, examinee_id: int) -> bool:
    """Is anything of this examinee due: a payment to ask about, an order to close, a refund to end?

    One cheap query answers for the common case (nothing to do) on every request.
    """
    now = ctx.clock.now()
    values = {
        "examinee_id": examinee_id,
        "now": now,
        "ask_before": now - timedelta(seconds=ctx.settings.payment_query_after_seconds),
        "refund_before": now - timedelta(seconds=ctx.settings.refund_delay_seconds),
    }
    return bool(db.scalar(_due(), values))


def settle_examinee(db: Session, ctx: AppContext, examinee_id: int) -> None:
    """Bring every order of one examinee to its true state at the clock's now (caller holds the lock)."""
    if not needs_settling(db, ctx, examinee_id):
        return
    open_payments = db.scalars(
        select(Payment)
        .where(Payment.examinee_id == examinee_id, Payment.status == PaymentStatus.CREATED)
        .order_by(Payment.id)
    ).all()
    for payment in open_payments:
        reconcile_payment(db, ctx, payment)
    due = db.scalars(
        select(Order)
        .where(
            Order.examinee_id == examinee_id,
            Order.status.in_(UNPAID_ORDER_STATUSES),
            Order.expires_at <= ctx.clock.now(),
        )
        .order_by(Order.id)
    ).all()
    for order in due:
        _close_if_due(db, ctx, order)
    complete_refunds(db, ctx, examinee_id)


@functools.cache
def _due_orders(by_site: bool) -> Executable:
    stmt = (
        select(Order)
        .where(
            Order.session_code == bindparam("session"),
            Order.status.in_(UNPAID_ORDER_STATUSES),
            Order.expires_at <= bindparam("now"),
        )
        .order_by(Order.expires_at)
        .limit(bindparam("limit"))
    )
    return stmt.where(Order.site_id == bindparam("site_id")) if by_site else stmt


def sweep_due(db: Session, ctx: AppContext, session_code: str, site_id: int | None = None, limit: int = 500) -> int:
    """Close other examinees' unpaid orders past their time (their seats come back).  Returns how many."""
    values = {"session": session_code, "now": ctx.clock.now(), "limit": limit, "site_id": site_id}
    stmt = _due_orders(site_id is not None)
    closed = 0
    for order in db.scalars(stmt, values).all():
        # someone else working on this examinee settles the order itself
        if lock_examinee(db, order.examinee_id, skip_locked=True):
            _close_if_due(db, ctx, order)
            closed += order.status is not OrderStatus.PENDING and order.status is not OrderStatus.PAYING
    return closed


# --- a paid course withdrawn (its exemption was approved) ------------------------------------------


def live_items_of_course(db: Session, ctx: AppContext, examinee_id: int, course_code: str) -> list[OrderItem]:
    """Live order items of this course in sessions whose exams are not over (paid or unpaid)."""
    return list(
        db.scalars(
            select(OrderItem)
            .join(Order, Order.id == OrderItem.order_id)
            .join(ExamSession, ExamSession.code == Order.session_code)
            .where(
                OrderItem.examinee_id == examinee_id,
                OrderItem.course_code == course_code,
                OrderItem.active,
                Order.status.in_(LIVE_ORDER_STATUSES),
                ExamSession.ticket_print_close > ctx.clock.now(),
            )
            .order_by(OrderItem.id)
        )
    )


def withdraw_paid_item(db: Session, ctx: AppContext, item: OrderItem, actor: str, why: str) -> Refund:
    """Take one paid course out of its order and refund its fee through the platform.

    The rule: docs/rules.md#records-exemptions-transfers-certificates (an exemption approved for a
    course registered and paid in a session whose exams are not over).
    The course no longer holds an exam place (tickets and 考试信息 list active items only); when it
    was the order's last course the order goes 退款中 and its seat is given back.  The record card
    fee is not refunded (the card stays valid).  Audited by ``actor`` (the reviewer) in the
    caller's transaction.
    """
    order = item.order
    if order.status is not OrderStatus.PAID or not item.active:
        raise ValueError("only an active course of a paid order is withdrawn")
    payment = next(p for p in reversed(order.payments) if p.status is PaymentStatus.SUCCEEDED)
    now = ctx.clock.now()
    item.active = False
    item.withdrawn_at = now
    audit(
        db, ctx, actor=actor, action="order_item_withdraw", examinee_id=order.examinee_id,
        details={"order_no": order.order_no, "course_code": item.course_code, "session_code": order.session_code,
                 "reason": why},
    )  # fmt: skip
    refund = Refund(
        refund_no=new_trade_no(db, ctx, ctx.settings.refund_no_prefix, Refund.refund_no),
        order_id=order.id,
        payment_id=payment.id,
        order_item_id=item.id,
        amount_fen=item.fee_fen,
        status=RefundStatus.REFUNDING,
        created_at=now,
    )
    db.add(refund)
    order.refunds.append(refund)
    ctx.payments.request_refund(db, ctx, payment.payment_no, refund.refund_no, item.fee_fen)
    if not any(i.active for i in order.items):
        order.status = OrderStatus.REFUNDING
        order.closed_at = now
        release_seat_if_unused(db, order.examinee_id, order.session_code)
    audit(
        db, ctx, actor=actor, action="refund_start", examinee_id=order.examinee_id,
        details={"order_no": order.order_no, "payment_no": payment.payment_no, "refund_no": refund.refund_no,
                 "amount_fen": refund.amount_fen, "course_code": item.course_code, "reason": why},
    )  # fmt: skip
    return refund
