"""报名报考: the window and its phases, which courses may be registered and why not, exam sites
with seats left, order creation and cancellation, and the lists of orders and registrations.

Every rule of docs/rules.md#registration-and-payment is checked here, on the server, whatever the
client checked before.  Numbers come from ``Settings``; "now" from the clock.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import BindParameter, Executable, Select, bindparam, literal, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from backend_mock import reference
from backend_mock.audit import audit
from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, Forbidden, NotFound, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.models import (
    UNPAID_ORDER_STATUSES,
    CloseReason,
    County,
    CourseKind,
    CourseReplacement,
    Examinee,
    ExamSession,
    ExamSite,
    Exemption,
    Order,
    OrderItem,
    OrderStatus,
    Prefecture,
    RecordStatus,
    ScoreRecord,
    SessionSite,
    TimetableEntry,
    TransferredResult,
)
from backend_mock.reference import CourseInfo, PlanLine
from backend_mock.reference_cache import cached
from backend_mock.registration import idempotency, orders
from backend_mock.registration.schemas import (
    CourseOptionPublic,
    OrderItemPublic,
    OrderPublic,
    RefundPublic,
    RegistrationOverviewPublic,
    RegistrationPagePublic,
    RegistrationPublic,
    SiteOptionPublic,
)
from backend_mock.settings import Settings

CREATE_ORDER = "create_order"
WEEKDAYS = "一二三四五六日"


# --- the session and its window ------------------------------------------------------------------------


def upcoming_session(db: Session, now: datetime) -> ExamSession:
    """The session whose exams are next (the same one ``/ref/calendar`` calls ``upcoming``), from
    the cached reference rows (reference.py): no statement."""
    session = reference.first_exam_session(db, lambda s: s["ticket_print_close"] > now)
    if session is None:
        raise NotFound("暂无可报考的考次，请关注通知公告", code="no_session")
    return session


def cutoff_at(day: date, settings: Settings) -> datetime:
    return datetime.combine(day, settings.payment_daily_cutoff, tzinfo=CHINA_TZ)


def after_cutoff(now: datetime, settings: Settings) -> bool:
    """Between the daily payment cut-off and midnight nothing is ordered or paid."""
    return now.astimezone(CHINA_TZ).time() >= settings.payment_daily_cutoff


@dataclass(frozen=True)
class Window:
    phase: str  # before | phase1 | phase2 | closed
    phase_text: str  # a Msg (translated in the response) or data
    can_register: bool
    reason: str | None
    code: str | None  # error code when it cannot


def window(session: ExamSession, now: datetime, settings: Settings) -> Window:
    opens, closes = session.registration_open, session.registration_close
    if now < opens:
        text = Msg("报考尚未开始（{opens:%Y年%m月%d日 %H:%M}开始）", opens=opens)
        reason = Msg(
            "{session}考次报考时间为{opens:%Y年%m月%d日 %H:%M}至{closes:%Y年%m月%d日 %H:%M}，请届时再来",
            session=session.name,
            opens=opens,
            closes=closes,
        )
        return Window("before", text, False, reason, "registration_not_open")
    if now >= closes:
        reason = Msg("{session}考次报考已于{closes:%Y年%m月%d日 %H:%M}结束", session=session.name, closes=closes)
        return Window("closed", Msg("本次报考已结束"), False, reason, "registration_closed")
    if now < session.phase1_close:
        phase, text = "phase1", Msg("第一阶段：仅限本市州考点（至{until}）", until=until(session.phase1_close))
    else:
        phase, text = "phase2", Msg("第二阶段：可选择全省考点")
    if after_cutoff(now, settings):
        reason = Msg(
            "每日{cutoff:%H:%M}至24:00暂停报考和缴费，请于次日0:00后再来", cutoff=settings.payment_daily_cutoff
        )
        return Window(phase, text, False, reason, "payment_cutoff")
    return Window(phase, text, True, None, None)


def until(moment: datetime) -> Msg:
    """A deadline as people say it: midnight is 24:00 of the day before."""
    if moment.time() == time(0, 0):
        return Msg("{day.month}月{day.day}日24:00", day=moment.date() - timedelta(days=1))
    return Msg("{day.month}月{day.day}日{day:%H:%M}", day=moment)


def _record_problem(examinee: Examinee) -> Msg | None:
    if examinee.record_status is RecordStatus.TRANSFERRED_OUT:
        return Msg("考籍已转出外省，不能报考")
    if examinee.record_status is RecordStatus.GRADUATED:
        return Msg("已毕业，不能再报考")
    return None


def slot_label(session: ExamSession, slot: str, settings: Settings) -> Msg:
    """Like 4月10日（周六）09:00–11:30: SAT_* on the exam Saturday, SUN_* on the Sunday after it."""
    times = {name: (start, end) for name, start, end in settings.exam_slots}
    start, end = times.get(slot, (time(0, 0), time(0, 0)))
    day = session.exam_saturday + timedelta(days=1 if slot.startswith("SUN") else 0)
    return Msg(
        "{day.month}月{day.day}日（周{weekday}）{start:%H:%M}–{end:%H:%M}",
        day=day,
        weekday=WEEKDAYS[day.weekday()],
        start=start,
        end=end,
    )


# --- where an examinee stands in a session ---------------------------------------------------------------


def with_replacements(db: Session, codes: set[str]) -> set[str]:
    """Passing (or being exempted from) an old or a new code counts for both."""
    pairs = cached(
        db,
        ("course replacements",),
        lambda: tuple(tuple(r) for r in db.execute(select(CourseReplacement.old_code, CourseReplacement.new_code))),
    )
    done = set(codes)
    changed = True
    while changed:
        changed = False
        for old, new in pairs:
            if (old in done) != (new in done):
                done |= {old, new}
                changed = True
    return done


@dataclass
class Standing:
    session: ExamSession
    now: datetime
    window: Window
    plan: list[tuple[PlanLine, CourseInfo]]
    passed: set[str]
    exempted: set[str]
    timetable: dict[str, str]  # course code → slot
    registered: dict[str, OrderItem]  # paid in this session
    in_order: dict[str, tuple[OrderItem, Order]]  # in a pending or paying order
    record_problem: str | None

    @property
    def live_count(self) -> int:
        return len(self.registered) + len(self.in_order)

    @property
    def used_slots(self) -> dict[str, str]:
        """slot → course code of paid and active-order courses."""
        used = {item.slot: code for code, item in self.registered.items()}
        used.update({item.slot: code for code, (item, _) in self.in_order.items()})
        return used

    def course(self, code: str) -> CourseInfo | None:
        return next((c for _, c in self.plan if c.code == code), None)


# The statements of the hot reads are built once (``functools.cache``) with their values as bound
# parameters: building a statement and its cache key cost more than running it
# (docs/backend-database.md, "Statements per request").


@functools.cache
def _done_query() -> Executable:
    """Passed courses of released results and results transferred in from another province (both
    True: they count as passed) and exemptions (False): one statement.  A result counts only from
    its session's release (docs/rules.md#scores-and-reviews)."""
    examinee_id: BindParameter[int] = bindparam("examinee_id")
    return union_all(
        select(literal(True), ScoreRecord.course_code)
        .join(ExamSession, ExamSession.code == ScoreRecord.session_code)
        .where(
            ScoreRecord.examinee_id == examinee_id, ScoreRecord.passed, ExamSession.score_release <= bindparam("now")
        ),
        select(literal(True), TransferredResult.course_code).where(TransferredResult.examinee_id == examinee_id),
        select(literal(False), Exemption.course_code).where(Exemption.examinee_id == examinee_id),
    )


def done_courses(db: Session, examinee_id: int, now: datetime) -> tuple[set[str], set[str]]:
    """(passed, exempted and not passed) course codes of an examinee at ``now``, old and new codes
    counting for both: the one rule behind registration, progress, the planner and graduation."""
    done = db.execute(_done_query(), {"examinee_id": examinee_id, "now": now}).all()
    passed = with_replacements(db, {code for is_passed, code in done if is_passed})
    exempted = with_replacements(db, {code for is_passed, code in done if not is_passed}) - passed
    return passed, exempted


@functools.cache
def _slots_query() -> Executable:
    return select(TimetableEntry.course_code, TimetableEntry.slot).where(
        TimetableEntry.session_code == bindparam("session"),
        TimetableEntry.course_code.in_(bindparam("codes", expanding=True)),
    )


@functools.cache
def _items_query() -> Executable:
    return (
        select(OrderItem, Order)
        .join(Order, Order.id == OrderItem.order_id)
        .where(
            OrderItem.examinee_id == bindparam("examinee_id"),
            OrderItem.session_code == bindparam("session"),
            OrderItem.active,
        )
    )


def standing(db: Session, ctx: AppContext, examinee: Examinee, session: ExamSession) -> Standing:
    now = ctx.clock.now()
    plan = reference.plan_courses(db, examinee.plan_id)
    passed, exempted = done_courses(db, examinee.id, now)
    codes = [course.code for _, course in plan]
    timetable: dict[str, str] = dict(db.execute(_slots_query(), {"session": session.code, "codes": codes}).all())
    registered: dict[str, OrderItem] = {}
    in_order: dict[str, tuple[OrderItem, Order]] = {}
    for item, order in db.execute(_items_query(), {"examinee_id": examinee.id, "session": session.code}):
        if order.status is OrderStatus.PAID:
            registered[item.course_code] = item
        else:
            in_order[item.course_code] = (item, order)
    return Standing(
        session=session,
        now=now,
        window=window(session, now, ctx.settings),
        plan=plan,
        passed=passed,
        exempted=exempted,
        timetable=timetable,
        registered=registered,
        in_order=in_order,
        record_problem=_record_problem(examinee),
    )


def course_status(st: Standing, course: CourseInfo, settings: Settings) -> tuple[str, str | None]:
    """(status, reason in words) of one plan course for this examinee now."""
    code = course.code
    if code in st.passed:
        return "passed", Msg("该课程已通过，无需再考")
    if code in st.exempted:
        return "exempted", Msg("该课程已免考")
    if code in st.registered:
        return "registered", Msg("本考次已报考并缴费")
    if code in st.in_order:
        _, order = st.in_order[code]
        status = Msg(orders.STATUS_TEXT[order.status])
        return "in_order", Msg(
            "已在订单{order}中（{status}），请完成支付或取消该订单", order=order.order_no, status=status
        )
    slot = st.timetable.get(code)
    if course.kind is CourseKind.THESIS or slot is None:
        return "not_offered", Msg("本考次不开考该课程")
    theory = course.theory_code
    if course.kind is CourseKind.PRACTICE and theory and theory not in st.passed and theory not in st.exempted:
        theory_name = next((c.name for _, c in st.plan if c.code == theory), "")
        course_label = f"{theory} {theory_name}".rstrip()
        return "theory_not_passed", Msg("须先通过理论课程 {course}", course=course_label)
    if st.record_problem:
        return "closed", st.record_problem
    if not st.window.can_register:
        return "closed", st.window.reason
    if st.live_count >= settings.max_courses_per_session:
        return "limit_reached", Msg("每个考次最多报考{limit}门课程，已达上限", limit=settings.max_courses_per_session)
    other = st.used_slots.get(slot)
    if other is not None:
        name = next((c.name for _, c in st.plan if c.code == other), "")
        return "slot_conflict", Msg(
            "与已报课程 {course} 考试时间冲突（{when}）",
            course=f"{other} {name}",
            when=slot_label(st.session, slot, settings),
        )
    return "registrable", None


def _settle(db: Session, ctx: AppContext, examinee: Examinee) -> None:
    orders.lock_examinee(db, examinee.id)
    orders.settle_examinee(db, ctx, examinee.id)


# --- overview, courses, sites ---------------------------------------------------------------------


@functools.cache
def _carried_query() -> Executable:
    return (
        select(Order.id)
        .where(
            Order.examinee_id == bindparam("examinee_id"),
            Order.status.in_(UNPAID_ORDER_STATUSES),
            Order.record_card_fee_fen > 0,
        )
        .limit(1)
    )


def record_card_fee_due(db: Session, examinee: Examinee, settings: Settings) -> int:
    """The record card is charged on the next order unless paid or carried by a live unpaid order."""
    if examinee.record_card_paid:
        return 0
    carried = db.scalar(_carried_query(), {"examinee_id": examinee.id})
    return 0 if carried is not None else settings.record_card_fee_fen


def overview(db: Session, ctx: AppContext, examinee: Examinee) -> RegistrationOverviewPublic:
    _settle(db, ctx, examinee)
    session = upcoming_session(db, ctx.clock.now())
    result = _overview(db, ctx, examinee, standing(db, ctx, examinee, session))
    db.commit()
    return result


def _overview(db: Session, ctx: AppContext, examinee: Examinee, st: Standing) -> RegistrationOverviewPublic:
    session = st.session
    seat = orders.live_seat(db, examinee.id, session.code)
    settings = ctx.settings
    can, reason = st.window.can_register, st.window.reason
    if can and st.record_problem:
        can, reason = False, st.record_problem
    if can and st.live_count >= settings.max_courses_per_session:
        limit = settings.max_courses_per_session
        reason = Msg("本考次已报考或已下单{count}门课程，已达每考次{limit}门的上限", count=st.live_count, limit=limit)
        can = False
    return RegistrationOverviewPublic(
        session_code=session.code,
        session_name=session.name,
        server_time=st.now,
        registration_open=session.registration_open,
        registration_close=session.registration_close,
        phase1_close=session.phase1_close,
        phase=st.window.phase,  # type: ignore[arg-type]
        phase_text=st.window.phase_text,
        can_register=can,
        reason=reason,
        payment_cutoff=f"{settings.payment_daily_cutoff:%H:%M}",
        home_prefecture_code=examinee.prefecture_code,
        site_id=seat.site_id if seat else None,
        registered_courses=len(st.registered),
        active_order_courses=len(st.in_order),
        max_courses=settings.max_courses_per_session,
        fee_per_course_fen=settings.fee_per_course_fen,
        record_card_fee_due_fen=record_card_fee_due(db, examinee, settings),
    )


def course_options(db: Session, ctx: AppContext, examinee: Examinee) -> list[CourseOptionPublic]:
    _settle(db, ctx, examinee)
    session = upcoming_session(db, ctx.clock.now())
    result = _course_options(ctx, standing(db, ctx, examinee, session))
    db.commit()
    return result


def _course_options(ctx: AppContext, st: Standing) -> list[CourseOptionPublic]:
    session = st.session
    result = []
    for pc, course in st.plan:
        if course.kind is CourseKind.THESIS:
            continue  # never sat in an exam session (the contract lists theory and practice courses)
        status, reason = course_status(st, course, ctx.settings)
        slot = st.timetable.get(course.code)
        result.append(
            CourseOptionPublic(
                code=course.code,
                name=course.name,
                credits=course.credits,
                kind=course.kind.value,
                required=pc.required,
                slot=slot,
                slot_label=slot_label(session, slot, ctx.settings) if slot else None,
                status=status,
                reason=reason,
            )
        )
    return result


@dataclass(frozen=True)
class _Site:
    """A site's fixed columns (reference data: cached, reference_cache.py), and the start of its
    JSON in a site list: the per-request part (capacity, seats left) is added to these bytes."""

    id: int
    code: str
    name: str
    address: str
    county_code: str
    county_name: str
    prefecture_code: str
    prefecture_name: str
    capacity: int
    json_head: bytes = b""


def _json_head(site: _Site) -> bytes:
    """``{"id":…,…,"prefecture_name":…`` of ``SiteOptionPublic``, without the per-request fields."""
    fixed = {name: getattr(site, name) for name in SiteOptionPublic.model_fields if name not in _PER_REQUEST}
    return json.dumps(fixed, ensure_ascii=False, separators=(",", ":"))[:-1].encode()


_PER_REQUEST = ("capacity", "seats_left")


def _all_sites(db: Session) -> tuple[_Site, ...]:
    """Every site of the province in code order, read once (a province has a few hundred)."""

    def build() -> tuple[_Site, ...]:
        stmt = (
            select(
                ExamSite.id,
                ExamSite.code,
                ExamSite.name,
                ExamSite.address,
                County.code,
                County.name,
                Prefecture.code,
                Prefecture.name,
                ExamSite.capacity,
            )
            .join(County, County.code == ExamSite.county_code)
            .join(Prefecture, Prefecture.code == County.prefecture_code)
            .order_by(ExamSite.code)
        )
        sites = [_Site(*row) for row in db.execute(stmt)]
        return tuple(replace(site, json_head=_json_head(site)) for site in sites)

    return cached(db, ("sites",), build)


@functools.cache
def _seats_query(of: str) -> Executable:
    """Capacity and seats held of a session's sites: ``all``, those of a ``prefecture`` or one ``site``."""
    stmt = select(SessionSite.site_id, SessionSite.capacity, SessionSite.seats_held).where(
        SessionSite.session_code == bindparam("session")
    )
    if of == "site":
        return stmt.where(SessionSite.site_id == bindparam("site_id"))
    if of == "prefecture":
        return (
            stmt.join(ExamSite, ExamSite.id == SessionSite.site_id)
            .join(County, County.code == ExamSite.county_code)
            .where(County.prefecture_code == bindparam("prefecture"))
        )
    return stmt


def _seats_left(
    db: Session,
    session_code: str,
    sites: Sequence[_Site],
    *,
    prefecture_code: str | None = None,
    one: int | None = None,
) -> list[tuple[_Site, int, int]]:
    """``sites`` (all, those of ``prefecture_code`` or the site ``one``) with their capacity and
    seats left in ``session_code``: one statement, reading only the rows of those sites."""
    if one is not None:
        stmt, values = _seats_query("site"), {"session": session_code, "site_id": one}
    elif prefecture_code is not None:
        stmt, values = _seats_query("prefecture"), {"session": session_code, "prefecture": prefecture_code}
    else:
        stmt, values = _seats_query("all"), {"session": session_code}
    seats = {site_id: (capacity, held) for site_id, capacity, held in db.execute(stmt, values)}
    result = []
    for site in sites:
        capacity, held = seats.get(site.id, (None, 0))
        capacity = site.capacity if capacity is None else capacity
        result.append((site, capacity, max(0, capacity - (held or 0))))
    return result


def _site_public(site: _Site, capacity: int, seats_left: int) -> SiteOptionPublic:
    return SiteOptionPublic.model_construct(
        id=site.id,
        code=site.code,
        name=site.name,
        address=site.address,
        county_code=site.county_code,
        county_name=site.county_name,
        prefecture_code=site.prefecture_code,
        prefecture_name=site.prefecture_name,
        capacity=capacity,
        seats_left=seats_left,
    )


def _sites_json(rows: list[tuple[_Site, int, int]]) -> bytes:
    """The JSON of a site list: each site's cached head and its capacity and seats left (a list
    lists every open site, hundreds in phase 2: building a model of each cost more than the rest)."""
    return b"[" + b",".join(b'%s,"capacity":%d,"seats_left":%d}' % (s.json_head, c, left) for s, c, left in rows) + b"]"


def site_options_json(db: Session, ctx: AppContext, examinee: Examinee, prefecture_code: str | None) -> bytes:
    """Sites open to this examinee now (phase 1 and before: only the home prefecture), as the JSON
    of a ``SiteOptionPublic`` list."""
    _settle(db, ctx, examinee)
    now = ctx.clock.now()
    session = upcoming_session(db, now)
    orders.sweep_due(db, ctx, session.code)
    result = _sites_json(_open_sites(db, examinee, session, window(session, now, ctx.settings).phase, prefecture_code))
    db.commit()
    return result


def _open_sites(
    db: Session, examinee: Examinee, session: ExamSession, phase: str, prefecture_code: str | None
) -> list[tuple[_Site, int, int]]:
    """The sites open to the examinee in ``phase`` with their capacity and seats left."""
    prefecture_code = prefecture_code or None  # empty: every prefecture, as no choice
    if phase in ("before", "phase1"):
        if prefecture_code and prefecture_code != examinee.prefecture_code:
            return []
        prefecture_code = examinee.prefecture_code
    sites = [s for s in _all_sites(db) if prefecture_code is None or s.prefecture_code == prefecture_code]
    return _seats_left(db, session.code, sites, prefecture_code=prefecture_code) if sites else []


def site_option(db: Session, session_code: str, site_id: int) -> SiteOptionPublic | None:
    """One site with its seats left in ``session_code`` (the site an order of the session fixed)."""
    sites = [s for s in _all_sites(db) if s.id == site_id]
    rows = _seats_left(db, session_code, sites, one=site_id) if sites else []
    return _site_public(*rows[0]) if rows else None


def screen(db: Session, ctx: AppContext, examinee: Examinee, prefecture_code: str | None) -> RegistrationPagePublic:
    """Everything the 报名报考 screen shows, in one answer (one settling, one transaction): the
    window, the courses, every order and paid course, and the site fixed by an order of the session
    or else the sites of ``prefecture_code`` (default and fallback: the home prefecture)."""
    _settle(db, ctx, examinee)
    now = ctx.clock.now()
    session = upcoming_session(db, now)
    orders.sweep_due(db, ctx, session.code)
    st = standing(db, ctx, examinee, session)
    ov = _overview(db, ctx, examinee, st)
    rows = _orders_of(db, examinee.id)
    site: SiteOptionPublic | None = None
    sites: list[SiteOptionPublic] = []
    code = prefecture_code or examinee.prefecture_code
    if ov.site_id is not None:
        site = site_option(db, session.code, ov.site_id)
    else:
        open_now = _open_sites(db, examinee, session, st.window.phase, code)
        if not open_now and code != examinee.prefecture_code:  # not open now (phase 1) or unknown: the home ones
            code = examinee.prefecture_code
            open_now = _open_sites(db, examinee, session, st.window.phase, code)
        sites = [_site_public(*row) for row in open_now]
    result = RegistrationPagePublic(
        overview=ov,
        courses=_course_options(ctx, st),
        orders=orders_public(db, ctx, rows),
        registrations=_registrations(db, ctx, [o for o in rows if o.status is OrderStatus.PAID]),
        site=site,
        sites_prefecture_code=code,
        sites=sites,
    )
    db.commit()
    return result


# --- orders as the client sees them -------------------------------------------------------------------------


@functools.cache
def _orders_query() -> Select[Order]:
    """Orders with what their answers show, newest first; the caller adds its ``WHERE``."""
    return (
        select(Order)
        .options(
            selectinload(Order.items),
            selectinload(Order.payments),
            selectinload(Order.refunds),
            selectinload(Order.site),
        )
        .order_by(Order.created_at.desc(), Order.id.desc())
    )


@functools.cache
def _examinee_orders() -> Executable:
    return _orders_query().where(Order.examinee_id == bindparam("examinee_id"))


def _load_orders(db: Session, stmt_where: Sequence[object]) -> list[Order]:
    stmt = _orders_query().where(*stmt_where)  # type: ignore[arg-type]
    return list(db.scalars(stmt).all())


def _orders_of(db: Session, examinee_id: int) -> list[Order]:
    """Every order of one examinee (the statement built once)."""
    return list(db.scalars(_examinee_orders(), {"examinee_id": examinee_id}).all())


def orders_public(db: Session, ctx: AppContext, rows: Sequence[Order]) -> list[OrderPublic]:
    names = reference.course_names(db, (i.course_code for o in rows for i in o.items))
    sessions = reference.exam_sessions_by_code(db, {o.session_code for o in rows})
    return [order_public(o, sessions[o.session_code], names, ctx.settings) for o in rows]


def sorted_items(order: Order, settings: Settings) -> list[OrderItem]:
    """The courses of an order in timetable order."""
    slot_order = {name: i for i, (name, _, _) in enumerate(settings.exam_slots)}
    return sorted(order.items, key=lambda i: (slot_order.get(i.slot, len(slot_order)), i.course_code))


def order_public(order: Order, session: ExamSession, names: dict[str, str], settings: Settings) -> OrderPublic:
    refund = order.refunds[-1] if order.refunds else None
    payment = order.payments[-1] if order.payments else None
    return OrderPublic(
        order_no=order.order_no,
        session_code=order.session_code,
        status=order.status.value,  # type: ignore[arg-type]
        status_text=orders.STATUS_TEXT[order.status],
        site_id=order.site_id,
        site_name=order.site.name,
        site_address=order.site.address,
        items=[
            OrderItemPublic(
                course_code=i.course_code,
                course_name=names.get(i.course_code, ""),
                slot=i.slot,
                slot_label=slot_label(session, i.slot, settings),
                fee_fen=i.fee_fen,
                withdrawn=i.withdrawn_at is not None,
            )
            for i in sorted_items(order, settings)
        ],
        course_fee_fen=order.course_fee_fen,
        record_card_fee_fen=order.record_card_fee_fen,
        amount_fen=order.amount_fen,
        created_at=order.created_at,
        expires_at=order.expires_at,
        paid_at=order.paid_at,
        closed_at=order.closed_at,
        close_reason=order.close_reason.value if order.close_reason else None,  # type: ignore[arg-type]
        close_reason_text=orders.close_reason_text(order.close_reason, settings) if order.close_reason else None,
        payment_no=payment.payment_no if payment else None,
        refund=RefundPublic(
            refund_no=refund.refund_no,
            amount_fen=refund.amount_fen,
            status=refund.status.value,  # type: ignore[arg-type]
            status_text=orders.REFUND_STATUS_TEXT[refund.status],
            created_at=refund.created_at,
            completed_at=refund.completed_at,
        )
        if refund
        else None,
    )


def list_orders(db: Session, ctx: AppContext, examinee: Examinee, session_code: str | None) -> list[OrderPublic]:
    _settle(db, ctx, examinee)
    where: list[object] = [Order.examinee_id == examinee.id]
    if session_code:
        where.append(Order.session_code == session_code)
    result = orders_public(db, ctx, _load_orders(db, where))
    db.commit()
    return result


def owned_order(db: Session, examinee: Examinee, order_no: str) -> Order:
    order = db.scalar(select(Order).where(Order.order_no == order_no, Order.examinee_id == examinee.id))
    if order is None:
        raise NotFound("订单不存在", code="order_not_found")
    return order


def get_order(db: Session, ctx: AppContext, examinee: Examinee, order_no: str) -> OrderPublic:
    """The order as it truly stands: reconciled with the platform and the clock."""
    _settle(db, ctx, examinee)
    order = owned_order(db, examinee, order_no)
    (result,) = orders_public(db, ctx, [order])
    db.commit()
    return result


def list_registrations(
    db: Session, ctx: AppContext, examinee: Examinee, session_code: str | None
) -> list[RegistrationPublic]:
    _settle(db, ctx, examinee)
    where: list[object] = [Order.examinee_id == examinee.id, Order.status == OrderStatus.PAID]
    if session_code:
        where.append(Order.session_code == session_code)
    result = _registrations(db, ctx, _load_orders(db, where))
    db.commit()
    return result


def _registrations(db: Session, ctx: AppContext, rows: Sequence[Order]) -> list[RegistrationPublic]:
    """The paid courses of the paid orders ``rows``."""
    names = reference.course_names(db, (i.course_code for o in rows for i in o.items))
    sessions = reference.exam_sessions_by_code(db, {o.session_code for o in rows})
    return [
        RegistrationPublic(
            session_code=o.session_code,
            course_code=i.course_code,
            course_name=names.get(i.course_code, ""),
            slot=i.slot,
            slot_label=slot_label(sessions[o.session_code], i.slot, ctx.settings),
            site_name=o.site.name,
            order_no=o.order_no,
            paid_at=o.paid_at or o.created_at,
        )
        for o in rows
        for i in sorted_items(o, ctx.settings)
        if i.active  # a course withdrawn after its exemption was approved is no registration
    ]


# --- creating and cancelling -----------------------------------------------------------------------------


def _expiry(created: datetime, session: ExamSession, settings: Settings) -> tuple[datetime, CloseReason]:
    """The earliest of: 30 minutes unpaid, today's payment cut-off, the end of the window."""
    candidates = [
        (created + timedelta(minutes=settings.order_unpaid_timeout_minutes), CloseReason.EXPIRED),
        (cutoff_at(created.astimezone(CHINA_TZ).date(), settings), CloseReason.CUTOFF),
        (session.registration_close, CloseReason.WINDOW_CLOSED),
    ]
    return min(candidates, key=lambda c: c[0])


def _refuse_courses(st: Standing, codes: list[str], settings: Settings) -> None:
    """Raise the first rule a chosen course breaks, naming the course and what to do."""
    problems = []
    for code in codes:
        course = st.course(code)
        if course is None:
            raise Unprocessable(
                Msg("课程 {code} 不在您的专业计划中", code=code),
                code="course_not_in_plan",
                details={"course_code": code},
            )
        status, reason = course_status(st, course, settings)
        if status != "registrable":
            problems.append((code, course.name, status, reason))
    if not problems:
        return
    details = {"courses": [{"course_code": c, "status": s, "reason": r} for c, _, s, r in problems]}
    code, name, status, reason = problems[0]
    label = f"{code} {name}"
    if status == "in_order":
        raise Conflict(
            Msg("课程 {label} {reason}；请勿重复下单", label=label, reason=reason),
            code="course_in_order",
            details=details,
        )
    if status == "registered":
        raise Conflict(
            Msg("课程 {label} 本考次已报考并缴费，不能重复报考", label=label), code="course_registered", details=details
        )
    if status == "limit_reached":
        raise Unprocessable(
            Msg("课程 {label}：{reason}", label=label, reason=reason), code="too_many_courses", details=details
        )
    if status == "slot_conflict":
        raise Unprocessable(
            Msg("课程 {label}：{reason}", label=label, reason=reason), code="slot_conflict", details=details
        )
    raise Unprocessable(
        Msg("课程 {label} 不能报考：{reason}", label=label, reason=reason),
        code="course_not_registrable",
        details=details,
    )


def create_order(
    db: Session, ctx: AppContext, examinee: Examinee, site_id: int, course_codes: list[str], key: str | None
) -> idempotency.Outcome:
    """Check every rule, hold the seat, create the order.  Commits.

    A repeated ``Idempotency-Key`` with the same body gives the first answer back (replayed)
    without doing anything.
    """
    settings = ctx.settings
    key = idempotency.require_key(key, ctx)
    codes = [c.strip() for c in course_codes]
    req_hash = idempotency.request_hash({"site_id": site_id, "course_codes": sorted(codes)})

    orders.lock_examinee(db, examinee.id)
    db.refresh(examinee)  # loaded before the lock: record_card_paid may have changed since
    replay = idempotency.find(db, ctx, examinee.id, CREATE_ORDER, key, req_hash)
    if replay is not None:
        db.commit()
        return replay

    orders.settle_examinee(db, ctx, examinee.id)
    now = ctx.clock.now()
    session = upcoming_session(db, now)
    st = standing(db, ctx, examinee, session)
    if st.record_problem:
        raise Forbidden(st.record_problem, code="record_inactive")
    if not st.window.can_register:
        raise Conflict(st.window.reason or Msg("现在不能报考"), code=st.window.code or "registration_closed")

    if len(set(codes)) != len(codes):
        raise Unprocessable("所选课程有重复，请检查后重新提交", code="duplicate_course")
    room = settings.max_courses_per_session - st.live_count
    if len(codes) > room:
        raise Unprocessable(
            Msg(
                "每个考次最多报考{max_courses_per_session}门课程：本考次已报考或已下单{live_count}"
                "门，本次最多还能选{value}门",
                max_courses_per_session=settings.max_courses_per_session,
                live_count=st.live_count,
                value=max(room, 0),
            ),
            code="too_many_courses",
        )
    _refuse_courses(st, codes, settings)
    slots: dict[str, str] = {}
    for code in codes:
        slot = st.timetable[code]
        if slot in slots:
            when = slot_label(session, slot, settings)
            raise Unprocessable(
                Msg(
                    "课程 {slot} 与 {code} 考试时间冲突（{when}），同一时间只能报考一门",
                    slot=slots[slot],
                    code=code,
                    when=when,
                ),
                code="slot_conflict",
            )
        slots[slot] = code

    site = db.get(ExamSite, site_id)
    if site is None:
        raise Unprocessable("考点不存在，请重新选择考点", code="site_not_found")
    county = db.get(County, site.county_code)
    if st.window.phase == "phase1" and county is not None and county.prefecture_code != examinee.prefecture_code:
        raise Unprocessable(
            Msg(
                "第一阶段（至{value}）只能选择本市州（{name}）的考点，第二阶段可选择全省考点",
                value=until(session.phase1_close),
                name=examinee.prefecture.name,
            ),
            code="site_not_allowed",
        )
    seat = orders.live_seat(db, examinee.id, session.code)
    if seat is not None and seat.site_id != site.id:
        held = db.get(ExamSite, seat.site_id)
        raise Conflict(
            Msg(
                "同一考次的所有课程须在同一考点考试：您本考次已选择{value}，请选择该考点",
                value=held.name if held else "其他考点",
            ),
            code="site_mismatch",
            details={"site_id": seat.site_id},
        )
    # when the site looks full, seats of orders that ran out of time come back first
    if (
        seat is None
        and not orders.take_seat(db, ctx, examinee.id, session.code, site)
        and not (
            orders.sweep_due(db, ctx, session.code, site.id)
            and orders.take_seat(db, ctx, examinee.id, session.code, site)
        )
    ):
        db.rollback()
        raise Conflict(Msg("{name}座位已满，请选择其他考点", name=site.name), code="site_full")

    card_fee = record_card_fee_due(db, examinee, settings)
    course_fee = settings.fee_per_course_fen * len(codes)
    expires_at, expiry_reason = _expiry(now, session, settings)
    order = Order(
        order_no=orders.new_trade_no(db, ctx, settings.order_no_prefix, Order.order_no),
        examinee_id=examinee.id,
        session_code=session.code,
        site_id=site.id,
        status=OrderStatus.PENDING,
        course_fee_fen=course_fee,
        record_card_fee_fen=card_fee,
        amount_fen=course_fee + card_fee,
        created_at=now,
        expires_at=expires_at,
        expiry_reason=expiry_reason,
    )
    order.items = [
        OrderItem(
            examinee_id=examinee.id,
            session_code=session.code,
            course_code=code,
            slot=st.timetable[code],
            fee_fen=settings.fee_per_course_fen,
            active=True,
        )
        for code in codes
    ]
    order.payments = []
    order.refunds = []
    order.site = site
    db.add(order)
    try:
        db.flush()
    except IntegrityError:  # the live-course index: another order took these courses meanwhile
        db.rollback()
        raise Conflict("所选课程已在其他订单中，请勿重复下单", code="course_in_order") from None
    audit(
        db,
        ctx,
        actor=f"examinee:{examinee.id}",
        action="order_create",
        examinee_id=examinee.id,
        details={
            "order_no": order.order_no,
            "site_id": site.id,
            "courses": codes,
            "amount_fen": order.amount_fen,
        },
    )
    names = {c.code: c.name for _, c in st.plan}
    body = order_public(order, session, names, settings).model_dump(mode="json")
    idempotency.remember(db, ctx, examinee.id, CREATE_ORDER, key, req_hash, body)
    db.commit()
    return idempotency.Outcome(body)


def cancel_order(db: Session, ctx: AppContext, examinee: Examinee, order_no: str) -> OrderPublic:
    """待支付 → 已关闭.  Paying and paid orders cannot be cancelled here.  Commits."""
    _settle(db, ctx, examinee)
    order = owned_order(db, examinee, order_no)
    if order.status is OrderStatus.PAYING:
        orders.reconcile_order(db, ctx, order)
    if order.status is OrderStatus.PAYING:
        db.commit()
        raise Conflict(
            "该订单正在交费中，不能取消。如不想支付，请先在支付页面取消支付，或等待订单超时自动关闭",
            code="payment_in_progress",
        )
    if order.status is OrderStatus.PAID:
        raise Conflict("已缴费的课程不能退报", code="order_paid")
    if order.status is OrderStatus.PENDING:
        orders.close_order(db, ctx, order, CloseReason.CANCELLED, ctx.clock.now(), f"examinee:{examinee.id}")
    (result,) = orders_public(db, ctx, [order])
    db.commit()
    return result
