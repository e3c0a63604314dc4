"""Paying an order: start a payment on the platform, and take the platform's notifications.

A notification is applied exactly once, after its signature, payment number, order number and
amount were checked; anything that does not match is ignored and audited.  Duplicates and stale
notifications that arrive out of order change nothing (``Payment.status`` leaves ``created`` only
once).  Money that reaches an order that has closed is refunded (``orders.apply_charge``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.models import Examinee, ExamSession, OrderStatus, Payment, PaymentStatus
from backend_mock.registration import idempotency, orders
from backend_mock.registration.schemas import NotificationAckPublic, PaymentNotification, PaymentPublic
from backend_mock.registration.service import owned_order

START_PAYMENT = "start_payment"


def payment_public(payment: Payment, order_no: str) -> PaymentPublic:
    return PaymentPublic(
        payment_no=payment.payment_no,
        order_no=order_no,
        amount_fen=payment.amount_fen,
        channel=payment.channel,
        status=payment.status.value,  # type: ignore[arg-type]
        created_at=payment.created_at,
    )


def start_payment(
    db: Session, ctx: AppContext, examinee: Examinee, order_no: str, channel: str, key: str | None
) -> idempotency.Outcome:
    """待支付 → 交费中: open a payment on the platform.  Commits.

    Refused while a payment of the order is in progress (the platform has not charged it), once
    paid, and once closed.  The same ``Idempotency-Key`` with the same body replays the answer.
    """
    settings = ctx.settings
    key = idempotency.require_key(key, ctx)
    req_hash = idempotency.request_hash({"order_no": order_no, "channel": channel})

    orders.lock_examinee(db, examinee.id)
    replay = idempotency.find(db, ctx, examinee.id, START_PAYMENT, key, req_hash)
    if replay is not None:
        db.commit()
        return replay

    orders.settle_examinee(db, ctx, examinee.id)
    order = owned_order(db, examinee, order_no)
    if order.status is OrderStatus.PAYING:  # paid meanwhile? then say so rather than "in progress"
        orders.reconcile_order(db, ctx, order)
    if channel not in settings.payment_channels:
        raise Unprocessable(
            Msg("不支持的支付方式：{channel}", channel=channel),
            code="bad_channel",
            details={"fields": [{"field": "channel", "message": Msg("请选择支付方式")}]},
        )
    if order.status is OrderStatus.PAYING:
        current = next((p.payment_no for p in reversed(order.payments) if p.status is PaymentStatus.CREATED), None)
        db.commit()  # keep what settling found
        raise Conflict(
            "该订单正在交费中，请勿重复支付。如已付款，请稍候刷新订单状态；如未付款，可回到支付页面继续支付或取消支付",
            code="payment_in_progress",
            details={"payment_no": current},
        )
    if order.status is OrderStatus.PAID:
        db.commit()
        raise Conflict("该订单已缴费，无需再次支付", code="order_paid")
    if order.status is not OrderStatus.PENDING:
        db.commit()
        raise Conflict(
            Msg(
                "订单{status}，不能支付；如需报考请重新选课下单",
                status=orders.STATUS_TEXT[order.status],
            ),
            code="order_closed",
        )

    now = ctx.clock.now()
    payment = Payment(
        payment_no=orders.new_trade_no(db, ctx, settings.payment_no_prefix, Payment.payment_no),
        order_id=order.id,
        examinee_id=examinee.id,
        channel=channel,
        amount_fen=order.amount_fen,
        status=PaymentStatus.CREATED,
        created_at=now,
    )
    order.payments.append(payment)
    session = db.get(ExamSession, order.session_code)
    ctx.payments.open_payment(
        db,
        ctx,
        payment_no=payment.payment_no,
        order_no=order.order_no,
        amount_fen=payment.amount_fen,
        subject=settings.payment_subject.format(session_name=session.name if session else order.session_code),
        channel=channel,
    )
    order.status = OrderStatus.PAYING
    audit(
        db,
        ctx,
        actor=f"examinee:{examinee.id}",
        action="payment_start",
        examinee_id=examinee.id,
        details={"order_no": order.order_no, "payment_no": payment.payment_no, "channel": channel},
    )
    db.flush()
    body = payment_public(payment, order.order_no).model_dump(mode="json")
    idempotency.remember(db, ctx, examinee.id, START_PAYMENT, key, req_hash, body)
    db.commit()
    return idempotency.Outcome(body)


def _ignored(db: Session, ctx: AppContext, reason: str, note: PaymentNotification, examinee_id: int | None) -> str:
    audit(
        db,
        ctx,
        actor="payplatform",
        action="payment_notify_ignored",
        result="refused",
        examinee_id=examinee_id,
        details={"reason": reason, **note.model_dump(exclude={"signature"})},
    )
    db.commit()
    return reason


def handle_notification(db: Session, ctx: AppContext, note: PaymentNotification, source: str) -> NotificationAckPublic:
    """Apply one notification of the platform, exactly once.  Commits."""
    fields = note.model_dump(exclude={"signature"})
    if not ctx.payments.verify(fields, note.signature, ctx.settings.payment_notify_key):
        return NotificationAckPublic(result="ignored", detail=_ignored(db, ctx, "bad_signature", note, None))
    examinee_id = db.scalar(select(Payment.examinee_id).where(Payment.payment_no == note.payment_no))
    if examinee_id is None:
        return NotificationAckPublic(result="ignored", detail=_ignored(db, ctx, "unknown_payment", note, None))
    orders.lock_examinee(db, examinee_id)
    payment = db.scalars(
        select(Payment).where(Payment.payment_no == note.payment_no).execution_options(populate_existing=True)
    ).one()
    if note.order_no != payment.order.order_no:
        return NotificationAckPublic(result="ignored", detail=_ignored(db, ctx, "order_mismatch", note, examinee_id))
    if note.amount_fen != payment.amount_fen:
        return NotificationAckPublic(result="ignored", detail=_ignored(db, ctx, "amount_mismatch", note, examinee_id))
    try:
        event_at = datetime.fromisoformat(note.event_at)
    except ValueError:
        return NotificationAckPublic(result="ignored", detail=_ignored(db, ctx, "bad_time", note, examinee_id))
    if event_at.tzinfo is None:
        event_at = event_at.replace(tzinfo=CHINA_TZ)
    if note.status == "succeeded":
        result = orders.apply_charge(db, ctx, payment, event_at, source)
    else:
        result = orders.apply_cancel(db, ctx, payment, source)
    if result == "duplicate":
        audit(
            db,
            ctx,
            actor="payplatform",
            action="payment_notify_duplicate",
            result="ignored",
            examinee_id=examinee_id,
            details={"notify_id": note.notify_id, "payment_no": note.payment_no, "status": note.status},
        )
    db.commit()
    return NotificationAckPublic(result="applied" if result == "applied" else "duplicate")
