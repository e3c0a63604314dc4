"""考试信息查询: registration history, the timetable of a session and the admission ticket.

Rooms and seats are assigned lazily: the first read of a timetable or ticket at or after the
session's ``ticket_print_open`` assigns every examinee with a paid registration in that session,
per site, in ``exam_no`` order, ``exam_room_seats`` seats to a room.  Registration has closed long
before the window opens, so the set of paid examinees no longer changes and the same data always
gives the same rooms and seats.  A ``SeatAssignmentRun`` marker row (primary key: the session)
is inserted in the same transaction; racing requests queue on the session's row (``SELECT ... FOR
UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite) and the later ones read what the first stored.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import Executable, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from backend_mock import reference
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound
from backend_mock.exams.schemas import (
    ExamHistoryCoursePublic,
    ExamHistorySessionPublic,
    TicketCoursePublic,
    TicketPublic,
    TimetablePublic,
    TimetableSlotPublic,
)
from backend_mock.i18n import Msg
from backend_mock.masking import mask_id_number
from backend_mock.models import (
    UNPAID_ORDER_STATUSES,
    Examinee,
    ExamSession,
    Order,
    OrderItem,
    OrderStatus,
    ScoreRecord,
    SeatAssignment,
    SeatAssignmentRun,
    TimetableEntry,
)
from backend_mock.registration import orders
from backend_mock.registration.service import slot_label, sorted_items, upcoming_session
from backend_mock.scores.service import result_text
from backend_mock.settings import Settings

# --- rooms and seats ---------------------------------------------------------------------------------


def room_and_seat(index: int, room_seats: int) -> tuple[int, int]:
    """The ``index``-th examinee (0-based) of a site: room 1 seats 1..n, room 2 seats 1..n, ..."""
    return index // room_seats + 1, index % room_seats + 1


def assign_seats(db: Session, ctx: AppContext, session: ExamSession) -> bool:
    """Assign rooms and seats of ``session`` once its printing window is open (idempotent).

    Returns whether rooms and seats exist for the session after the call.
    """
    now = ctx.clock.now()
    if now < session.ticket_print_open:
        return False
    if db.get(SeatAssignmentRun, session.code) is not None:
        return True
    # PostgreSQL: racing requests queue here on the session's row, and the later ones then find
    # the marker (without it they deadlock on the marker's and the seats' indexes); SQLite ignores
    # FOR UPDATE (BEGIN IMMEDIATE already queues them)
    db.execute(select(ExamSession.code).where(ExamSession.code == session.code).with_for_update())
    if db.get(SeatAssignmentRun, session.code, populate_existing=True) is not None:
        return True
    rows = db.execute(
        select(Order.site_id, Examinee.id, Examinee.exam_no)
        .join(Examinee, Examinee.id == Order.examinee_id)
        .where(Order.session_code == session.code, Order.status == OrderStatus.PAID)
        .distinct()
        .order_by(Order.site_id, Examinee.exam_no)
    ).all()
    by_site: dict[int, list[tuple[int, str]]] = defaultdict(list)
    seen: set[int] = set()
    for site_id, examinee_id, exam_no in rows:
        if examinee_id in seen:  # one site per examinee and session (``Seat``); guard anyway
            continue
        seen.add(examinee_id)
        by_site[site_id].append((examinee_id, exam_no))
    try:
        db.add(SeatAssignmentRun(session_code=session.code, assigned_at=now, examinees=len(seen)))
        db.flush()
        for site_id, people in by_site.items():
            for index, (examinee_id, exam_no) in enumerate(people):
                room, seat = room_and_seat(index, ctx.settings.exam_room_seats)
                db.add(
                    SeatAssignment(
                        session_code=session.code,
                        site_id=site_id,
                        examinee_id=examinee_id,
                        exam_no=exam_no,
                        room=room,
                        seat=seat,
                    )
                )
        db.commit()
    except IntegrityError:
        # another request assigned this session first: use its rows
        db.rollback()
    return True


# The statements of the timetable and the ticket are built once, their values bound per call:
# building a statement and its cache key cost more than running it (docs/backend-database.md,
# "Statements per request").


@functools.cache
def _assignment_query() -> Executable:
    return select(SeatAssignment).where(
        SeatAssignment.examinee_id == bindparam("examinee_id"), SeatAssignment.session_code == bindparam("session")
    )


def _assignment(db: Session, examinee_id: int, session_code: str) -> SeatAssignment | None:
    found: SeatAssignment | None = db.scalar(_assignment_query(), {"examinee_id": examinee_id, "session": session_code})
    return found


# --- shared look-ups --------------------------------------------------------------------------------------


def _settle(db: Session, ctx: AppContext, examinee: Examinee) -> None:
    orders.lock_examinee(db, examinee.id)
    orders.settle_examinee(db, ctx, examinee.id)
    # release the examinee's row: assigning seats next needs every examinee's (PostgreSQL deadlocked)
    db.commit()


def _session(db: Session, ctx: AppContext, session_code: str | None) -> ExamSession:
    if not session_code:
        return upcoming_session(db, ctx.clock.now())
    session = reference.exam_sessions_by_code(db, [session_code]).get(session_code)
    if session is None:
        raise NotFound(
            Msg("考次 {session_code} 不存在，请从考次列表中选择", session_code=session_code), code="session_not_found"
        )
    return session


@functools.cache
def _paid_orders_query(of_one_session: bool) -> Executable:
    stmt = (
        select(Order)
        .where(Order.examinee_id == bindparam("examinee_id"), Order.status == OrderStatus.PAID)
        .options(selectinload(Order.items), selectinload(Order.site))
        .order_by(Order.paid_at, Order.id)
    )
    return stmt.where(Order.session_code == bindparam("session")) if of_one_session else stmt


def _paid_orders(db: Session, examinee_id: int, session_code: str | None = None) -> list[Order]:
    values: dict[str, object] = {"examinee_id": examinee_id}
    if session_code is not None:
        values["session"] = session_code
    return list(db.scalars(_paid_orders_query(session_code is not None), values))


@functools.cache
def _sat_query() -> Executable:
    """The slots of the courses an examinee has results of in a session (sat before online registration)."""
    return (
        select(TimetableEntry.slot, ScoreRecord.course_code)
        .join(
            ScoreRecord,
            (ScoreRecord.course_code == TimetableEntry.course_code)
            & (ScoreRecord.session_code == TimetableEntry.session_code),
        )
        .where(ScoreRecord.examinee_id == bindparam("examinee_id"), TimetableEntry.session_code == bindparam("session"))
    )


def _day_of(session: ExamSession, slot: str) -> date:
    return session.exam_saturday + timedelta(days=1 if slot.startswith("SUN") else 0)


def _slot_times(settings: Settings) -> dict[str, tuple[time, time]]:
    return {name: (start, end) for name, start, end in settings.exam_slots}


def _items(paid: list[Order], settings: Settings) -> list[tuple[Order, OrderItem]]:
    return [(o, i) for o in paid for i in sorted_items(o, settings) if i.active]


# --- history ----------------------------------------------------------------------------------------------


def _outcome(record: ScoreRecord | None, session: ExamSession, released: bool, now_after_exams: bool) -> str:
    if record is not None and released:
        return result_text(record)
    return Msg("成绩未发布") if now_after_exams else Msg("待考")


def history(db: Session, ctx: AppContext, examinee: Examinee) -> list[ExamHistorySessionPublic]:
    """Every session the examinee registered for (paid) or holds a result of, newest first."""
    _settle(db, ctx, examinee)
    now = ctx.clock.now()
    paid = _paid_orders(db, examinee.id)
    records = list(db.scalars(select(ScoreRecord).where(ScoreRecord.examinee_id == examinee.id)))
    codes = {o.session_code for o in paid} | {r.session_code for r in records}
    sessions = reference.exam_sessions_by_code(db, codes)
    slots = {
        (t.session_code, t.course_code): t.slot
        for t in db.scalars(select(TimetableEntry).where(TimetableEntry.session_code.in_(codes)))
    }
    names = reference.course_names(
        db, {i.course_code for o in paid for i in o.items} | {r.course_code for r in records}
    )
    by_course = {(r.session_code, r.course_code): r for r in records}
    result = []
    for code in sorted(codes, reverse=True):
        session = sessions[code]
        released = now >= session.score_release
        after_exams = now >= session.ticket_print_close
        session_orders = [o for o in paid if o.session_code == code]
        course_slots: dict[str, str | None] = {}
        for _order, item in _items(session_orders, ctx.settings):
            course_slots.setdefault(item.course_code, item.slot)
        for r in records:
            if r.session_code == code:
                course_slots.setdefault(r.course_code, slots.get((code, r.course_code)))
        slot_order = {name: i for i, (name, _, _) in enumerate(ctx.settings.exam_slots)}
        courses = []
        for course_code, slot in sorted(
            course_slots.items(), key=lambda kv: (slot_order.get(kv[1] or "", len(slot_order)), kv[0])
        ):
            record = by_course.get((code, course_code))
            shown = record if released else None
            courses.append(
                ExamHistoryCoursePublic(
                    course_code=course_code,
                    course_name=names.get(course_code, ""),
                    slot=slot,
                    slot_label=slot_label(session, slot, ctx.settings) if slot else None,
                    outcome=_outcome(record, session, released, after_exams),
                    score=shown.score if shown else None,
                    grade=shown.grade if shown else None,
                    passed=shown.passed if shown else None,
                    released=released,
                )
            )
        site = session_orders[-1].site if session_orders else None
        result.append(
            ExamHistorySessionPublic(
                session_code=code,
                session_name=session.name,
                status_text=Msg("成绩已发布") if released else Msg("成绩未发布") if after_exams else Msg("待考"),
                site_name=site.name if site else None,
                site_address=site.address if site else None,
                amount_paid_fen=sum(o.amount_fen for o in session_orders) if session_orders else None,
                courses=courses,
            )
        )
    db.commit()
    return result


# --- timetable --------------------------------------------------------------------------------------------


def timetable(db: Session, ctx: AppContext, examinee: Examinee, session_code: str | None) -> TimetablePublic:
    """The four slots of a session with the examinee's course in each (room and seat once assigned)."""
    _settle(db, ctx, examinee)
    session = _session(db, ctx, session_code)
    assigned = assign_seats(db, ctx, session)
    paid = _paid_orders(db, examinee.id, session.code)
    by_slot: dict[str, tuple[str | None, str | None, str | None]] = {}
    for order, item in _items(paid, ctx.settings):
        by_slot.setdefault(item.slot, (item.course_code, order.site.name, order.site.address))
    if not paid:  # a past session from before online registration: its results say what was sat
        entries = db.execute(_sat_query(), {"examinee_id": examinee.id, "session": session.code}).all()
        for slot, code in entries:
            by_slot.setdefault(slot, (code, None, None))
    seat = _assignment(db, examinee.id, session.code) if assigned and paid else None
    names = reference.course_names(db, {c for c, _, _ in by_slot.values() if c})
    slots = []
    for name, start, end in ctx.settings.exam_slots:
        course_code, site_name, site_address = by_slot.get(name, (None, None, None))
        slots.append(
            TimetableSlotPublic(
                slot=name,
                date=_day_of(session, name),
                start=f"{start:%H:%M}",
                end=f"{end:%H:%M}",
                slot_label=slot_label(session, name, ctx.settings),
                course_code=course_code,
                course_name=names.get(course_code) if course_code else None,
                site_name=site_name,
                site_address=site_address,
                room=seat.room if seat and course_code else None,
                seat=seat.seat if seat and course_code else None,
            )
        )
    result = TimetablePublic(
        session_code=session.code,
        session_name=session.name,
        ticket_print_open=session.ticket_print_open,
        ticket_print_close=session.ticket_print_close,
        seats_assigned=seat is not None,
        slots=slots,
    )
    db.commit()
    return result


# --- the admission ticket ---------------------------------------------------------------------------------


def exam_day_rules(settings: Settings) -> list[str]:
    return [
        "考生须携带打印的准考证和本人有效居民身份证原件参加每一科考试，二者缺一不得入场。",
        f"请于每科考试开始前{settings.exam_arrive_early_minutes}分钟到达考场，凭准考证和身份证对号入座，"
        "并将准考证和身份证放在桌面右上角以便查验。",
        f"考试开始{settings.exam_late_entry_minutes}分钟后不得进入考场。",
        "严禁携带手机、智能手表、智能手环、耳机等各类通讯和电子设备，以及书籍、笔记、资料进入考场座位；"
        "已带入考场的须关闭电源后放在指定位置。",
        "只准携带黑色字迹签字笔、2B铅笔、橡皮、直尺等必要文具；允许使用计算器的科目以考试要求为准。",
        "考试期间遵守考场纪律，服从监考人员管理；违纪作弊者按《国家教育考试违规处理办法》处理。",
    ]


@dataclass(frozen=True)
class _TicketState:
    session: ExamSession
    paid: list[Order]


def _ticket_state(db: Session, ctx: AppContext, examinee: Examinee, session_code: str | None) -> _TicketState:
    """The session of the ticket, or the refusal that says why there is no ticket (in this order:
    window not open, window closed, no paid registration, no photo)."""
    _settle(db, ctx, examinee)
    session = _session(db, ctx, session_code)
    now = ctx.clock.now()
    if now < session.ticket_print_open:
        opens = session.ticket_print_open
        raise Conflict(
            Msg(
                "{name}考次准考证打印将于{opens.year}年{opens.month}月{opens.day}日 {opens:%H:%M}开放，请届时再来打印",
                name=session.name,
                opens=opens,
            ),
            code="ticket_not_open",
            details={"opens_at": opens.isoformat(), "session_code": session.code},
        )
    if now >= session.ticket_print_close:
        raise Conflict(
            Msg("{name}考次考试已结束，准考证打印已关闭", name=session.name),
            code="ticket_closed",
            details={"closed_at": session.ticket_print_close.isoformat(), "session_code": session.code},
        )
    paid = _paid_orders(db, examinee.id, session.code)
    if not paid:
        unpaid = db.scalar(
            select(Order.order_no)
            .where(
                Order.examinee_id == examinee.id,
                Order.session_code == session.code,
                Order.status.in_(UNPAID_ORDER_STATUSES),
            )
            .limit(1)
        )
        # an unpaid order closes by itself (30 minutes, the cut-off, the end of registration),
        # so in the printing window it is usually closed: say so
        closed = db.scalar(
            select(Order.order_no)
            .where(
                Order.examinee_id == examinee.id,
                Order.session_code == session.code,
                Order.status == OrderStatus.CLOSED,
            )
            .order_by(Order.id.desc())
            .limit(1)
        )
        if unpaid is not None:
            message = Msg("订单{order}未缴费，无法打印准考证；请先完成缴费", order=unpaid)
        elif closed is not None:
            message = Msg("订单{order}未缴费，已关闭，报考未成功，无法打印准考证", order=closed)
        else:
            message = Msg("您在{session}考次没有已缴费的报考课程，无法打印准考证", session=session.name)
        raise Conflict(
            message,
            code="no_paid_registration",
            details={"session_code": session.code, "unpaid_order_no": unpaid or closed},
        )
    if examinee.photo is None:
        raise Conflict("准考证需要本人照片，请先在个人中心上传照片", code="photo_missing")
    return _TicketState(session, paid)


def ticket(db: Session, ctx: AppContext, examinee: Examinee, session_code: str | None) -> TicketPublic:
    state = _ticket_state(db, ctx, examinee, session_code)
    session = state.session
    assign_seats(db, ctx, session)
    seat = _assignment(db, examinee.id, session.code)
    if seat is None:  # paid after the assignment ran: cannot happen once registration has closed
        raise Conflict("考场和座位尚未编排，请稍后再试", code="seats_not_assigned")
    items = _items(state.paid, ctx.settings)
    names = reference.course_names(db, {i.course_code for _, i in items})
    times = _slot_times(ctx.settings)
    site = state.paid[-1].site
    courses = []
    for _order, item in items:
        start, end = times.get(item.slot, (time(0, 0), time(0, 0)))
        courses.append(
            TicketCoursePublic(
                course_code=item.course_code,
                course_name=names.get(item.course_code, ""),
                slot=item.slot,
                date=_day_of(session, item.slot),
                start=f"{start:%H:%M}",
                end=f"{end:%H:%M}",
                slot_label=slot_label(session, item.slot, ctx.settings),
                room=seat.room,
                seat=seat.seat,
            )
        )
    courses.sort(key=lambda c: (c.date, c.start, c.course_code))  # by the day and hour, whichever order paid for it
    result = TicketPublic(
        session_code=session.code,
        session_name=session.name,
        name=examinee.name,
        exam_no=examinee.exam_no,
        id_number_masked=mask_id_number(examinee.id_number),
        site_name=site.name,
        site_address=site.address,
        courses=courses,
        rules=exam_day_rules(ctx.settings),
        photo_available=examinee.photo is not None,
        print_open=session.ticket_print_open,
        print_close=session.ticket_print_close,
    )
    db.commit()
    return result


def ticket_photo(db: Session, ctx: AppContext, examinee: Examinee, session_code: str | None) -> bytes:
    """The photo printed on the ticket (only while a ticket can be printed)."""
    _ticket_state(db, ctx, examinee, session_code)
    db.commit()
    assert examinee.photo is not None  # checked by _ticket_state
    return examinee.photo
