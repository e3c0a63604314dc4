"""Tester controls: move the clock (also by named jumps), rebuild the database as a named scenario,
read captchas and the SMS outbox, inject latency and request faults, set the payment platform's
notification faults and deliver its queued notifications at once.  ``DELETE /mock/faults``
clears every fault.

Mounted only in demo and test mode: in production mode these paths do not exist.
"""

from __future__ import annotations

from datetime import timedelta

import anyio.to_thread
from fastapi import APIRouter, Request
from sqlalchemy import select

from backend_mock.api.deps import CtxDep, NotifierDep, SessionDep
from backend_mock.clock import china_now
from backend_mock.context import ArmedFault, FaultRule, PaymentFaults
from backend_mock.enrolment import service as enrolment
from backend_mock.enrolment.schemas import EnrolmentPublic
from backend_mock.errors import Conflict, NotFound
from backend_mock.faults import MaintenanceGate
from backend_mock.i18n import Msg
from backend_mock.models import Captcha, EnrolmentApplication, ExamSession, SmsMessage
from backend_mock.payplatform.service import Notifier
from backend_mock.tester import scenarios
from backend_mock.tester.schemas import (
    CaptchaAnswerPublic,
    ClockJumpCreate,
    ClockJumpPublic,
    ClockPublic,
    ClockUpdate,
    DeliveredPublic,
    FaultRulePublic,
    FaultRuleState,
    FaultsState,
    FaultsUpdate,
    LatencyUpdate,
    PaymentFaultsPublic,
    PaymentFaultsState,
    ReseedCreate,
    ReseedPublic,
    ScenarioPublic,
    SmsPublic,
)

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


@router.get("/clock/jumps", operation_id="mock-clock_jumps")
def clock_jumps(db: SessionDep, ctx: CtxDep) -> list[ClockJumpPublic]:
    """The named points of the calendar (registration phase 1 ... graduation), each the next one after now."""
    return [
        ClockJumpPublic(name=j.name, label=j.label, session_code=j.session_code, session_name=j.session_name, at=j.at)
        for j in scenarios.jumps(db, ctx.settings, ctx.clock.now())
    ]


@router.post("/clock/jump", operation_id="mock-jump_clock")
def jump_clock(body: ClockJumpCreate, db: SessionDep, ctx: CtxDep) -> ClockPublic:
    """Move the clock to the next point called ``name`` (see ``/mock/clock/jumps``)."""
    kind = scenarios.JUMP_BY_NAME.get(body.name)
    if kind is None:
        raise NotFound(Msg("没有名为 {name} 的时间点", name=body.name), code="jump_not_found")
    jump = scenarios.next_jump(kind, db.scalars(select(ExamSession)), ctx.settings, ctx.clock.now())
    if jump.at is None:
        raise Conflict(Msg("数据库中没有此后的“{label}”：请先重置数据库", label=kind.label), code="jump_unavailable")
    ctx.clock.set(jump.at, frozen=body.frozen)
    return _clock(ctx)


@router.get("/scenarios", operation_id="mock-scenarios")
def list_scenarios() -> list[ScenarioPublic]:
    return [
        ScenarioPublic(name=s.name, label=s.label, description=s.description, seed_size=s.seed_size)
        for s in scenarios.SCENARIOS
    ]


@router.post("/reseed", operation_id="mock-reseed")
async def reseed(body: ReseedCreate, request: Request, ctx: CtxDep) -> ReseedPublic:
    """Empty the database and seed it as the scenario says; every login ends.

    Other requests wait while this runs (they never see a half-built database).
    """
    scenario = scenarios.SCENARIO_BY_NAME.get(body.scenario)
    if scenario is None:
        raise NotFound(Msg("没有名为 {scenario} 的场景", scenario=body.scenario), code="scenario_not_found")
    size = scenario.seed_size if body.seed_size is None else body.seed_size
    state = request.app.state
    gate: MaintenanceGate = state.gate
    notifier: Notifier = state.notifier

    def rebuild() -> tuple[int, int]:
        from backend_mock.seed import seed_database

        instant = scenarios.scenario_instant(scenario, ctx.settings, china_now())
        notifier.discard_queued()
        with state.session_factory() as db:
            ended = scenarios.empty_database(db)
            summary = seed_database(db, ctx.settings, instant or china_now(), size)
        if instant is None:
            ctx.clock.reset()
        else:
            ctx.clock.set(instant)
        return ended, summary.examinees

    async with gate.closed():
        ended, examinees = await anyio.to_thread.run_sync(rebuild)
    return ReseedPublic(
        scenario=scenario.name, label=scenario.label, clock=_clock(ctx), examinees=examinees, sessions_ended=ended
    )


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
    """Delay every non-mock response by ``latency_ms`` ± ``jitter_ms`` (to try a slow network)."""
    ctx.controls.latency_ms = body.latency_ms
    ctx.controls.jitter_ms = body.jitter_ms
    return body


def _rule_state(armed: ArmedFault) -> FaultRuleState:
    r = armed.rule
    return FaultRuleState(
        path_prefix=r.path_prefix,
        kind=r.kind,
        probability=r.probability,
        status=r.status,
        retry_after_seconds=r.retry_after_seconds,
        methods=sorted(r.methods),  # type: ignore[arg-type]
        times=r.times,
        fired=armed.fired,
        remaining=armed.remaining,
    )


def _rule(body: FaultRulePublic) -> FaultRule:
    prefix = "/" + body.path_prefix.strip().strip("/") if body.path_prefix.strip("/ ") else "/"
    return FaultRule(
        path_prefix=prefix,
        kind=body.kind,
        probability=body.probability,
        status=body.status,
        retry_after_seconds=body.retry_after_seconds,
        methods=frozenset(body.methods),
        times=body.times,
    )


def _faults_state(ctx: CtxDep, notifier: NotifierDep) -> FaultsState:
    c = ctx.controls
    return FaultsState(
        latency_ms=c.latency_ms,
        jitter_ms=c.jitter_ms,
        rules=[_rule_state(a) for a in c.faults()],
        payment=_faults(ctx, notifier),
    )


@router.get("/faults", operation_id="mock-faults")
def get_faults(ctx: CtxDep, notifier: NotifierDep) -> FaultsState:
    """Every injected fault: latency, request faults (with how often each fired), payment faults."""
    return _faults_state(ctx, notifier)


@router.put("/faults", operation_id="mock-set_faults")
def set_faults(body: FaultsUpdate, ctx: CtxDep, notifier: NotifierDep) -> FaultsState:
    """Replace the latency and the request fault rules (payment faults: ``/mock/payment-faults``).

    Rules are tried in order; the first one that matches the path (and method) and fires by its
    probability applies.  ``/mock`` itself is never faulted.
    """
    ctx.controls.latency_ms = body.latency_ms
    ctx.controls.jitter_ms = body.jitter_ms
    ctx.controls.set_faults([_rule(r) for r in body.rules])
    return _faults_state(ctx, notifier)


@router.delete("/faults", operation_id="mock-clear_faults")
def clear_faults(ctx: CtxDep, notifier: NotifierDep) -> FaultsState:
    """No latency, no request faults, no payment faults."""
    ctx.controls.clear()
    return _faults_state(ctx, notifier)


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
    return enrolment.enrolment_of(app)


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
