"""The personal calendar (日程): every date that matters to one examinee, from the server clock.

Each kind of date comes from one *source*: a function ``Subject -> Iterable[DeadlinePublic]``
listed in ``SOURCES``.  A module that adds deadlines (record applications, score reviews,
graduation eligibility ...) adds one function and one line there; the rest (the window of
shown dates, sorting, the client's countdowns, reminders and .ics export) needs no change.

Dates of sessions come from the stored ``ExamSession`` rows (an administrator may have moved
one session's window); the transfer confirmation dates are not stored per session, so they
come from the settings' calendar of the session's month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.deadlines.schemas import DeadlinePublic, PersonalCalendarPublic
from backend_mock.graduation import service as graduation
from backend_mock.i18n import Msg
from backend_mock.models import (
    UNPAID_ORDER_STATUSES,
    Course,
    Examinee,
    ExamSession,
    Order,
    OrderStatus,
    RecordStatus,
    ScoreRecord,
)
from backend_mock.notices.calendar import parse_session_code
from backend_mock.registration import orders
from backend_mock.registration.service import cutoff_at, slot_label, until


@dataclass
class Subject:
    """What a source may look at: the examinee, the clock, the sessions in view, their orders."""

    db: Session
    ctx: AppContext
    examinee: Examinee
    now: datetime
    sessions: list[ExamSession]

    @property
    def active(self) -> bool:
        return self.examinee.record_status is RecordStatus.ACTIVE

    @cached_property
    def paid_orders(self) -> list[Order]:
        return list(
            self.db.scalars(
                select(Order)
                .where(Order.examinee_id == self.examinee.id, Order.status == OrderStatus.PAID)
                .options(selectinload(Order.items), selectinload(Order.site))
                .order_by(Order.id)
            )
        )

    @cached_property
    def open_orders(self) -> list[Order]:
        return list(
            self.db.scalars(
                select(Order)
                .where(Order.examinee_id == self.examinee.id, Order.status.in_(UNPAID_ORDER_STATUSES))
                .order_by(Order.expires_at)
            )
        )

    @cached_property
    def sat_sessions(self) -> set[str]:
        """Sessions the examinee registered for (paid) or holds a result of."""
        scored = self.db.scalars(
            select(ScoreRecord.session_code).where(ScoreRecord.examinee_id == self.examinee.id).distinct()
        )
        return {o.session_code for o in self.paid_orders} | set(scored)


Source = Callable[[Subject], Iterable[DeadlinePublic]]


def _item(
    key: str,
    kind: str,
    title: str,
    start: datetime,
    end: datetime | None,
    *,
    concerns: bool,
    detail: str,
    session: ExamSession | None,
) -> DeadlinePublic:
    return DeadlinePublic(
        key=key,
        kind=kind,
        title=title,
        start=start,
        end=end,
        concerns=concerns,
        detail=detail,
        session_code=session.code if session else None,
    )


# --- the sources ------------------------------------------------------------------------------------------


def registration_dates(s: Subject) -> Iterable[DeadlinePublic]:
    prefecture = s.examinee.prefecture.name
    for session in s.sessions:
        why = "" if s.active else Msg("（您的考籍状态不能报考）")
        yield _item(
            f"registration-{session.code}",
            "registration",
            Msg("{name}考次报考", name=session.name),
            session.registration_open,
            session.registration_close,
            concerns=s.active,
            detail=Msg(
                "网上报考和缴费时间；每日{payment_daily_cutoff:%H:%M}至24:00暂停{why}",
                payment_daily_cutoff=s.ctx.settings.payment_daily_cutoff,
                why=why,
            ),
            session=session,
        )
        yield _item(
            f"registration_phase1-{session.code}",
            "registration_phase1",
            Msg("报考第一阶段：仅限{prefecture}考点", prefecture=prefecture),
            session.registration_open,
            session.phase1_close,
            concerns=s.active,
            detail=Msg(
                "第一阶段只能选择本市州（{prefecture}）的考点，至{value}",
                prefecture=prefecture,
                value=until(session.phase1_close),
            ),
            session=session,
        )
        yield _item(
            f"registration_phase2-{session.code}",
            "registration_phase2",
            Msg("报考第二阶段：可选全省考点"),
            session.phase1_close,
            session.registration_close,
            concerns=s.active,
            detail=Msg("第二阶段可以选择全省任一市州的考点（考位有限，先到先得）"),
            session=session,
        )


def payment_cutoff(s: Subject) -> Iterable[DeadlinePublic]:
    """The next daily cut-off, while an order waits for payment."""
    if not s.open_orders:
        return
    settings = s.ctx.settings
    local = s.now.astimezone(CHINA_TZ)
    cutoff = cutoff_at(local.date(), settings)
    if local >= cutoff:
        cutoff = cutoff_at(local.date() + timedelta(days=1), settings)
    first = s.open_orders[0]
    closes = min(first.expires_at, cutoff)
    yield _item(
        f"payment_cutoff-{cutoff:%Y%m%d}",
        "payment_cutoff",
        Msg("缴费截止（每日{payment_daily_cutoff:%H:%M}）", payment_daily_cutoff=settings.payment_daily_cutoff),
        cutoff,
        None,
        concerns=True,
        detail=Msg(
            "您有待支付的报考订单，未缴费将于{closes:%Y年%m月%d日 %H:%M}自动关闭，报考不成功；请及时缴费", closes=closes
        ),
        session=None,
    )


def ticket_printing(s: Subject) -> Iterable[DeadlinePublic]:
    for session in s.sessions:
        paid = any(o.session_code == session.code for o in s.paid_orders)
        yield _item(
            f"ticket_printing-{session.code}",
            "ticket_printing",
            Msg("{name}考次准考证打印", name=session.name),
            session.ticket_print_open,
            session.ticket_print_close,
            concerns=paid,
            detail=Msg("在“考试信息”中打印A4准考证，考试时携带准考证和身份证原件")
            if paid
            else Msg("已缴费报考的考生可在此期间打印准考证"),
            session=session,
        )


def exam_slots(s: Subject) -> Iterable[DeadlinePublic]:
    by_code = {x.code: x for x in s.sessions}
    items = [(o, i) for o in s.paid_orders if o.session_code in by_code for i in o.items if i.active]
    if not items:
        return
    names = dict(
        s.db.execute(select(Course.code, Course.name).where(Course.code.in_({i.course_code for _, i in items}))).all()
    )
    times = {name: (start, end) for name, start, end in s.ctx.settings.exam_slots}
    for order, item in items:
        session = by_code[order.session_code]
        start_t, end_t = times.get(item.slot, (time(0, 0), time(0, 0)))
        day: date = session.exam_saturday + timedelta(days=1 if item.slot.startswith("SUN") else 0)
        yield _item(
            f"exam-{session.code}-{item.course_code}",
            "exam",
            Msg("考试：{value}（{course_code}）", value=names.get(item.course_code, ""), course_code=item.course_code),
            datetime.combine(day, start_t, tzinfo=CHINA_TZ),
            datetime.combine(day, end_t, tzinfo=CHINA_TZ),
            concerns=True,
            detail=f"{slot_label(session, item.slot, s.ctx.settings)}，{order.site.name}",
            session=session,
        )


def score_dates(s: Subject) -> Iterable[DeadlinePublic]:
    for session in s.sessions:
        sat = session.code in s.sat_sessions
        yield _item(
            f"score_release-{session.code}",
            "score_release",
            Msg("{name}考次成绩发布", name=session.name),
            session.score_release,
            None,
            concerns=sat,
            detail=Msg("成绩发布后可在“成绩管理”中查询") if sat else Msg("参加本次考试的考生可查询成绩"),
            session=session,
        )
        yield _item(
            f"score_review-{session.code}",
            "score_review",
            Msg("{name}考次成绩复核申请", name=session.name),
            session.score_release,
            session.review_close,
            concerns=sat,
            detail=Msg(
                "对笔试成绩有疑问可在此期间申请复核，结果在{score_review_result_days}天内答复",
                score_review_result_days=s.ctx.settings.score_review_result_days,
            ),
            session=session,
        )


def _confirm_by(session: ExamSession, s: Subject, which: str) -> datetime:
    year, month = parse_session_code(session.code)
    point = getattr(s.ctx.settings.calendar_for(month), which)
    return datetime.combine(date(year, point.month, point.day), point.at, tzinfo=CHINA_TZ)


def transfer_dates(s: Subject) -> Iterable[DeadlinePublic]:
    # an open transfer application (record module) makes these concern the examinee: that module
    # adds its own source with concerns=True for its applications
    for session in s.sessions:
        for kind, which, title in (
            ("transfer_out", "transfer_out_confirm_by", Msg("转出确认截止")),
            ("transfer_in", "transfer_in_confirm_by", Msg("转入确认截止")),
        ):
            yield _item(
                f"{kind}-{session.code}",
                kind,
                Msg("{name}考次{title}", name=session.name, title=title),
                _confirm_by(session, s, which),
                None,
                concerns=False,
                detail=Msg("办理转考（转出/转入）的考生须在此时间前到市州自考办确认"),
                session=session,
            )


#: every source of the personal calendar (one line per source)
SOURCES: tuple[Source, ...] = (
    registration_dates,
    payment_cutoff,
    ticket_printing,
    exam_slots,
    score_dates,
    graduation.graduation_dates,
    transfer_dates,
)


def _in_view(item: DeadlinePublic, earliest: datetime, latest: datetime) -> bool:
    return (item.end or item.start) >= earliest and item.start <= latest


def personal_calendar(
    db: Session, ctx: AppContext, examinee: Examinee, sources: tuple[Source, ...] = SOURCES
) -> PersonalCalendarPublic:
    """Every date of ``sources`` that ended at most ``calendar_past_days`` ago and starts within
    ``calendar_future_days``, sorted by start (then end, then title)."""
    orders.lock_examinee(db, examinee.id)
    orders.settle_examinee(db, ctx, examinee.id)  # an order past its cut-off is closed first
    now = ctx.clock.now()
    earliest = now - timedelta(days=ctx.settings.calendar_past_days)
    latest = now + timedelta(days=ctx.settings.calendar_future_days)
    sessions = [
        x
        for x in db.scalars(select(ExamSession).order_by(ExamSession.code))
        if max(x.graduation_close, x.review_close) >= earliest and x.enrolment_open <= latest
    ]
    subject = Subject(db=db, ctx=ctx, examinee=examinee, now=now, sessions=sessions)
    items = [item for source in sources for item in source(subject) if _in_view(item, earliest, latest)]
    items.sort(key=lambda i: (i.start, i.end or i.start, i.title))
    db.commit()
    return PersonalCalendarPublic(server_time=now, items=items)
