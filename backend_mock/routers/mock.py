"""Tester controls: move the clock, read captchas and the SMS outbox, inject latency, set the
payment platform's notification faults and deliver its queued notifications at once.

Mounted only in demo and test mode: in production mode these paths do not exist.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter
from sqlalchemy import select

from backend_mock.context import CtxDep, PaymentFaults
from backend_mock.db import SessionDep
from backend_mock.errors import NotFound
from backend_mock.models import Captcha, EnrolmentApplication, SmsMessage
from backend_mock.routers.enrolment import enrolment_of
from backend_mock.routers.payplatform import NotifierDep
from backend_mock.schemas import (
    CaptchaAnswerPublic,
    ClockPublic,
    ClockUpdate,
    EnrolmentPublic,
    LatencyUpdate,
    SmsPublic,
)
from backend_mock.schemas_registration import DeliveredPublic, PaymentFaultsPublic, PaymentFaultsState
from backend_mock.services import enrolment

router = APIRouter(prefix="/mock", tags=["mock"])


def _clock(ctx: CtxDep) -> ClockPublic:
    c = ctx.clock
    return ClockPublic(now=c.now(), is_real=c.is_real, frozen=c.frozen, offset_seconds=c.offset.total_seconds())


@router.get("/clock", operation_id="mock-get_clock")
def get_clock(ctx: CtxDep) -> ClockPublic:
    return _clock(ctx)


@router.put("/clock", operation_id="mock-set_clock")
def set_clock(body: ClockUpdate, ctx: CtxDep) -> ClockPublic:
    """Set the clock to ``now`` (frozen or running), or to an offset from real time, or advance it."""
    if body.now is not None:
        ctx.clock.set(body.now, frozen=body.frozen)
    elif body.offset_seconds is not None:
        ctx.clock.reset()
        ctx.clock.advance(timedelta(seconds=body.offset_seconds))
    if body.advance_seconds is not None:
        ctx.clock.advance(timedelta(seconds=body.advance_seconds))
    return _clock(ctx)


@router.delete("/clock", operation_id="mock-reset_clock")
def reset_clock(ctx: CtxDep) -> ClockPublic:
    ctx.clock.reset()
    return _clock(ctx)


@router.get("/captchas/{captcha_id}", operation_id="mock-captcha_answer")
def captcha_answer(captcha_id: str, db: SessionDep) -> CaptchaAnswerPublic:
    row = db.get(Captcha, captcha_id)
    if row is None:
        raise NotFound("没有这个验证码", code="captcha_not_found")
    return CaptchaAnswerPublic(captcha_id=row.id, answer=row.answer)


@router.get("/sms", operation_id="mock-sms_outbox")
def sms_outbox(db: SessionDep, phone: str | None = None, limit: int = 50) -> list[SmsPublic]:
    stmt = select(SmsMessage).order_by(SmsMessage.id.desc()).limit(min(limit, 500))
    if phone:
        stmt = stmt.where(SmsMessage.phone == phone)
    return [
        SmsPublic(phone=m.phone, purpose=m.purpose, code=m.code, text=m.text, sent_at=m.sent_at)
        for m in db.scalars(stmt)
    ]


@router.put("/latency", operation_id="mock-set_latency")
def set_latency(body: LatencyUpdate, ctx: CtxDep) -> LatencyUpdate:
    """Delay every non-mock response by ``latency_ms`` (to try a slow network)."""
    ctx.controls.latency_ms = body.latency_ms
    return body


def _application(db: SessionDep, application_no: str) -> EnrolmentApplication:
    app = db.scalar(select(EnrolmentApplication).where(EnrolmentApplication.application_no == application_no))
    if app is None:
        raise NotFound("没有这个报名号", code="enrolment_not_found")
    return app


@router.post("/enrolments/{application_no}/approve", operation_id="mock-approve_enrolment")
def approve_enrolment(application_no: str, db: SessionDep, ctx: CtxDep) -> EnrolmentPublic:
    app = _application(db, application_no)
    enrolment.approve(db, ctx, app, decided_by="mock")
    db.commit()
    return enrolment_of(app)


def _faults(ctx: CtxDep, notifier: NotifierDep) -> PaymentFaultsState:
    f = ctx.controls.payment_faults
    return PaymentFaultsState(
        delay_seconds=f.delay_seconds,
        duplicate=f.duplicate,
        lost=f.lost,
        out_of_order=f.out_of_order,
        queued_notifications=notifier.queued(),
    )


@router.get("/payment-faults", operation_id="mock-payment_faults")
def payment_faults(ctx: CtxDep, notifier: NotifierDep) -> PaymentFaultsState:
    """The payment platform's notification faults, and how many notifications wait to be sent."""
    return _faults(ctx, notifier)


@router.put("/payment-faults", operation_id="mock-set_payment_faults")
def set_payment_faults(body: PaymentFaultsPublic, ctx: CtxDep, notifier: NotifierDep) -> PaymentFaultsState:
    """Delay (seconds), duplicate, lose or reorder the platform's notifications from now on."""
    ctx.controls.payment_faults = PaymentFaults(
        delay_seconds=body.delay_seconds, duplicate=body.duplicate, lost=body.lost, out_of_order=body.out_of_order
    )
    return _faults(ctx, notifier)


@router.post("/payments/deliver", operation_id="mock-deliver_notifications")
def deliver_notifications(notifier: NotifierDep) -> DeliveredPublic:
    """Send every queued notification of the payment platform now (in the order they would arrive)."""
    return DeliveredPublic(delivered=notifier.flush())
