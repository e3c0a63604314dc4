"""考籍证明 appointments: a prefecture office, a working day, a half-day slot with limited places.

Places are taken with one conditional ``UPDATE ... WHERE booked < capacity`` (like exam seats in
registration/orders.py), so a slot is never overbooked, also under concurrent requests.  Slots are
created on first look for the bookable days (tomorrow onwards, working days only).  An
appointment can be cancelled until the day before.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound
from backend_mock.i18n import Msg
from backend_mock.masking import mask_id_number
from backend_mock.models import Appointment, AppointmentSlot, AppointmentStatus, Examinee, Prefecture, StaffUser
from backend_mock.records.schemas import (
    AppointmentPublic,
    OfficeAppointmentPublic,
    OfficeDayPublic,
    OfficePublic,
    SlotPublic,
)
from backend_mock.registration.orders import lock_examinee, new_trade_no

STATUS_TEXT = {
    AppointmentStatus.BOOKED: Msg("已预约"),
    AppointmentStatus.CANCELLED: Msg("已取消"),
    AppointmentStatus.SERVED: Msg("已办理"),
}


def office_name(prefecture: Prefecture) -> str:
    return f"{prefecture.name}自考办"


def offices(db: Session) -> list[OfficePublic]:
    return [
        OfficePublic(prefecture_code=p.code, prefecture_name=p.name, office_name=office_name(p))
        for p in db.scalars(select(Prefecture).order_by(Prefecture.code))
    ]


def bookable_days(ctx: AppContext) -> list[date]:
    """Working days from tomorrow, ``appointment_days_ahead`` calendar days ahead."""
    today = ctx.clock.now().date()
    days = (today + timedelta(days=n) for n in range(1, ctx.settings.appointment_days_ahead + 1))
    return [d for d in days if d.weekday() < 5]


def _half_text(ctx: AppContext) -> dict[str, str]:
    return dict(ctx.settings.appointment_halves)


def _ensure_slots(db: Session, ctx: AppContext, prefecture_code: str) -> None:
    rows = [
        {
            "prefecture_code": prefecture_code,
            "day": day,
            "half": half,
            "capacity": ctx.settings.appointment_places_per_slot,
            "booked": 0,
        }
        for day in bookable_days(ctx)
        for half, _text in ctx.settings.appointment_halves
    ]
    dialect = db.get_bind().dialect.name
    if dialect == "sqlite":
        db.execute(sqlite.insert(AppointmentSlot).values(rows).on_conflict_do_nothing())
    elif dialect == "postgresql":
        db.execute(postgresql.insert(AppointmentSlot).values(rows).on_conflict_do_nothing())
    else:
        for values in rows:
            if not db.scalar(
                select(AppointmentSlot.id).filter_by(
                    prefecture_code=prefecture_code, day=values["day"], half=values["half"]
                )
            ):
                db.add(AppointmentSlot(**values))
        db.flush()


def slots(db: Session, ctx: AppContext, prefecture_code: str) -> list[SlotPublic]:
    if db.get(Prefecture, prefecture_code) is None:
        raise NotFound("请选择湖南省的市州", code="prefecture_not_found")
    _ensure_slots(db, ctx, prefecture_code)
    db.commit()
    days = bookable_days(ctx)
    texts = _half_text(ctx)
    order = {half: i for i, (half, _t) in enumerate(ctx.settings.appointment_halves)}
    rows = db.scalars(
        select(AppointmentSlot).where(AppointmentSlot.prefecture_code == prefecture_code, AppointmentSlot.day.in_(days))
    )
    return [
        SlotPublic(
            slot_id=s.id,
            day=s.day,
            half=s.half,
            half_text=texts.get(s.half, s.half),
            capacity=s.capacity,
            places_left=max(0, s.capacity - s.booked),
        )
        for s in sorted(rows, key=lambda s: (s.day, order.get(s.half, 9)))
    ]


def _can_cancel(ctx: AppContext, appointment: Appointment) -> bool:
    return appointment.status is AppointmentStatus.BOOKED and ctx.clock.now().date() < appointment.slot.day


def appointment_public(ctx: AppContext, a: Appointment) -> AppointmentPublic:
    return AppointmentPublic(
        appointment_no=a.appointment_no,
        status=a.status.value,
        status_text=STATUS_TEXT[a.status],
        prefecture_code=a.slot.prefecture_code,
        office_name=office_name(a.slot.prefecture),
        day=a.slot.day,
        half=a.slot.half,
        half_text=_half_text(ctx).get(a.slot.half, a.slot.half),
        purpose=a.purpose,
        created_at=a.created_at,
        cancelled_at=a.cancelled_at,
        can_cancel=_can_cancel(ctx, a),
    )


def mine(db: Session, ctx: AppContext, examinee: Examinee) -> list[AppointmentPublic]:
    rows = db.scalars(select(Appointment).where(Appointment.examinee_id == examinee.id).order_by(Appointment.id.desc()))
    return [appointment_public(ctx, a) for a in rows]


def book(db: Session, ctx: AppContext, examinee: Examinee, slot_id: int, purpose: str) -> AppointmentPublic:
    lock_examinee(db, examinee.id)
    slot = db.get(AppointmentSlot, slot_id)
    if slot is None or slot.day not in bookable_days(ctx):
        raise NotFound("该预约时段不存在或已不可预约，请重新选择", code="slot_not_found")
    today = ctx.clock.now().date()
    current = db.scalar(
        select(Appointment)
        .join(AppointmentSlot, AppointmentSlot.id == Appointment.slot_id)
        .where(
            Appointment.examinee_id == examinee.id,
            Appointment.status == AppointmentStatus.BOOKED,
            AppointmentSlot.day >= today,
        )
    )
    if current is not None:
        raise Conflict(
            Msg(
                "您已预约{day.month}月{day.day}日（{appointment_no}），如需改约请先取消原预约",
                day=current.slot.day,
                appointment_no=current.appointment_no,
            ),
            code="appointment_exists",
        )
    taken = db.execute(
        update(AppointmentSlot)
        .where(AppointmentSlot.id == slot_id, AppointmentSlot.booked < AppointmentSlot.capacity)
        .values(booked=AppointmentSlot.booked + 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise Conflict("该时段已约满，请选择其他时段", code="slot_full")
    appointment = Appointment(
        appointment_no=new_trade_no(db, ctx, ctx.settings.appointment_no_prefix, Appointment.appointment_no),  # type: ignore[arg-type]
        examinee_id=examinee.id,
        slot_id=slot_id,
        status=AppointmentStatus.BOOKED,
        purpose=purpose.strip() or "考籍证明",
        created_at=ctx.clock.now(),
    )
    db.add(appointment)
    audit(
        db, ctx, actor=f"examinee:{examinee.id}", action="appointment_book", examinee_id=examinee.id,
        details={"slot_id": slot_id},
    )  # fmt: skip
    db.commit()
    db.refresh(appointment)
    return appointment_public(ctx, appointment)


def cancel(db: Session, ctx: AppContext, examinee: Examinee, appointment_no: str) -> AppointmentPublic:
    lock_examinee(db, examinee.id)
    appointment = db.scalar(select(Appointment).where(Appointment.appointment_no == appointment_no))
    if appointment is None or appointment.examinee_id != examinee.id:
        raise NotFound(Msg("预约 {appointment_no} 不存在", appointment_no=appointment_no), code="appointment_not_found")
    if appointment.status is not AppointmentStatus.BOOKED:
        raise Conflict("该预约已取消", code="appointment_cancelled")
    if not _can_cancel(ctx, appointment):
        raise Conflict("预约当天及之后不能取消，只能在预约日的前一天及以前取消", code="too_late_to_cancel")
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = ctx.clock.now()
    db.execute(
        update(AppointmentSlot)
        .where(AppointmentSlot.id == appointment.slot_id, AppointmentSlot.booked > 0)
        .values(booked=AppointmentSlot.booked - 1)
        .execution_options(synchronize_session=False)
    )
    audit(
        db, ctx, actor=f"examinee:{examinee.id}", action="appointment_cancel", examinee_id=examinee.id,
        details={"appointment_no": appointment_no},
    )  # fmt: skip
    db.commit()
    db.refresh(appointment)
    return appointment_public(ctx, appointment)


# --- the office's clerk -----------------------------------------------------------------------------------


def _office_public(ctx: AppContext, a: Appointment, examinee: Examinee) -> OfficeAppointmentPublic:
    return OfficeAppointmentPublic(
        **appointment_public(ctx, a).model_dump(),
        exam_no=examinee.exam_no,
        name=examinee.name,
        id_number_masked=mask_id_number(examinee.id_number),
        served_at=a.served_at,
    )


def office_day(db: Session, ctx: AppContext, staff: StaffUser, day: date | None) -> OfficeDayPublic:
    """A day's appointments at the clerk's own prefecture office (today when ``day`` is None)."""
    today = ctx.clock.now().date()
    wanted = day or today
    prefecture = db.get(Prefecture, staff.prefecture_code)
    assert prefecture is not None
    rows = db.execute(
        select(Appointment, Examinee)
        .join(AppointmentSlot, AppointmentSlot.id == Appointment.slot_id)
        .join(Examinee, Examinee.id == Appointment.examinee_id)
        .where(AppointmentSlot.prefecture_code == staff.prefecture_code, AppointmentSlot.day == wanted)
        .order_by(AppointmentSlot.half, Appointment.id)
    ).all()
    order = {"am": 0, "pm": 1}
    items = sorted((_office_public(ctx, a, e) for a, e in rows), key=lambda i: order.get(i.half, 9))
    return OfficeDayPublic(day=wanted, today=today, office_name=office_name(prefecture), items=items)


def serve(db: Session, ctx: AppContext, staff: StaffUser, appointment_no: str) -> OfficeAppointmentPublic:
    """Mark today's appointment at the clerk's office as served (the certificate handed over).  Audited."""
    found = db.execute(
        select(Appointment, Examinee)
        .join(AppointmentSlot, AppointmentSlot.id == Appointment.slot_id)
        .join(Examinee, Examinee.id == Appointment.examinee_id)
        .where(Appointment.appointment_no == appointment_no, AppointmentSlot.prefecture_code == staff.prefecture_code)
    ).first()
    if found is None:
        raise NotFound(
            Msg("本自考办没有预约 {appointment_no}", appointment_no=appointment_no), code="appointment_not_found"
        )
    appointment, examinee = found
    today = ctx.clock.now().date()
    problem = None
    if appointment.status is not AppointmentStatus.BOOKED:
        problem = (
            Msg(
                "预约 {appointment_no} 当前为“{status}”，不能再标记办理",
                appointment_no=appointment_no,
                status=STATUS_TEXT[appointment.status],
            ),
            "appointment_state",
        )
    elif appointment.slot.day != today:
        problem = (
            Msg(
                "预约 {appointment_no} 的日期是 {day:%Y-%m-%d}，只能在预约当天标记办理",
                appointment_no=appointment_no,
                day=appointment.slot.day,
            ),
            "appointment_not_today",
        )
    details = {"appointment_no": appointment_no, "day": appointment.slot.day.isoformat()}
    if problem is not None:
        audit(
            db, ctx, actor=f"staff:{staff.id}", action="appointment_served", result="refused",
            examinee_id=examinee.id, details={**details, "code": problem[1], "message": problem[0]},
        )  # fmt: skip
        db.commit()
        raise Conflict(problem[0], code=problem[1])
    appointment.status = AppointmentStatus.SERVED
    appointment.served_at = ctx.clock.now()
    appointment.served_by = f"staff:{staff.id}"
    audit(db, ctx, actor=f"staff:{staff.id}", action="appointment_served", examinee_id=examinee.id, details=details)
    result = _office_public(ctx, appointment, examinee)
    db.commit()
    return result
