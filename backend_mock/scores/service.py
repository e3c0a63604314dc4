"""成绩管理: released scores, plan progress, the suggested plan and score reviews.

Release is by the clock only: a session's results exist in the database before its
``score_release`` (the authority marks papers), but nobody sees them, and nothing here counts them,
until then.  Which courses may be registered is decided by ``registration.service`` (the same
``standing``/``course_status`` the 报名报考 tab uses); the planner only chooses among them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import BindParameter, Executable, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from backend_mock import reference
from backend_mock.audit import audit
from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.errors import ApiError, Conflict, NotFound, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.models import (
    CourseKind,
    Examinee,
    ExamSession,
    Order,
    OrderStatus,
    ReviewStatus,
    ScoreRecord,
    ScoreReview,
    StaffUser,
    TransferredResult,
)
from backend_mock.reference import CourseInfo, PlanInfo, PlanLine
from backend_mock.registration import orders, planner
from backend_mock.registration import service as registration
from backend_mock.scores.schemas import (
    KindProgressPublic,
    PendingSessionPublic,
    PlanSuggestionPublic,
    ProgressPublic,
    RemainingCoursePublic,
    ReviewOptionPublic,
    ReviewPublic,
    ScoreListPublic,
    ScorePublic,
    StaffReviewPublic,
    SuggestedCoursePublic,
)
from backend_mock.settings import Settings

KIND_TEXT = {"theory": Msg("理论课"), "practice": Msg("实践课"), "thesis": Msg("毕业论文")}
REVIEW_STATUS_TEXT = {
    ReviewStatus.SUBMITTED: Msg("已提交"),
    ReviewStatus.IN_REVIEW: Msg("复核中"),
    ReviewStatus.DONE: Msg("已完成"),
}
KEEP = Msg("维持原成绩")
TRANSFER_SESSION = "transfer"  # the 考次 of results transferred in (docs/rules.md#scores-and-reviews)


# --- results ------------------------------------------------------------------------------------------


def result_text(record: ScoreRecord) -> str:
    """78 / 合格 / 良好（84） / 缺考."""
    if record.absent:
        return Msg("缺考")
    if record.grade and record.score is not None:
        return f"{record.grade}（{record.score}）"
    if record.grade:
        return record.grade
    return str(record.score)


def _rank(record: ScoreRecord) -> tuple[int, int, str]:
    """Higher is better: passed first, then the higher score, then the later session."""
    return (int(record.passed), -1 if record.absent else (record.score or 0), record.session_code)


def best_records(records: Iterable[ScoreRecord]) -> dict[str, ScoreRecord]:
    """Course code → its best result: a pass, or a score; an absence or a fail without a score is never one."""
    best: dict[str, ScoreRecord] = {}
    for record in records:
        if record.absent or (not record.passed and record.score is None):
            continue
        held = best.get(record.course_code)
        if held is None or _rank(record) > _rank(held):
            best[record.course_code] = record
    return best


@functools.cache
def _released_query() -> Executable:
    return (
        select(ScoreRecord)
        .join(ExamSession, ExamSession.code == ScoreRecord.session_code)
        .where(ScoreRecord.examinee_id == bindparam("examinee_id"), ExamSession.score_release <= bindparam("now"))
        .options(selectinload(ScoreRecord.course))
        .order_by(ScoreRecord.session_code, ScoreRecord.course_code)
    )


def released_records(db: Session, ctx: AppContext, examinee_id: int) -> list[ScoreRecord]:
    """The examinee's results whose session's release time has come, oldest session first."""
    return list(db.scalars(_released_query(), {"examinee_id": examinee_id, "now": ctx.clock.now()}))


@functools.cache
def _list_queries() -> tuple[Executable, Executable, Executable, Executable]:
    """The score list's other statements, built once: reviews, transferred results, sessions sat
    whose scores are not out, sessions registered (paid)."""
    examinee_id: BindParameter[int] = bindparam("examinee_id")
    reviews = select(ScoreReview).where(ScoreReview.examinee_id == examinee_id)
    transferred = (
        select(TransferredResult)
        .where(TransferredResult.examinee_id == examinee_id)
        .options(selectinload(TransferredResult.course))
        .order_by(TransferredResult.course_code)
    )
    held = (
        select(ScoreRecord.session_code)
        .join(ExamSession, ExamSession.code == ScoreRecord.session_code)
        .where(ScoreRecord.examinee_id == examinee_id, ExamSession.score_release > bindparam("now"))
    )
    registered = select(Order.session_code).where(Order.examinee_id == examinee_id, Order.status == OrderStatus.PAID)
    return reviews, transferred, held, registered


def list_scores(db: Session, ctx: AppContext, examinee: Examinee) -> ScoreListPublic:
    now = ctx.clock.now()
    records = released_records(db, ctx, examinee.id)
    best = {r.id for r in best_records(records).values()}
    reviews_query, transferred_query, held_query, registered_query = _list_queries()
    values = {"examinee_id": examinee.id, "now": now}
    reviews = {(r.session_code, r.course_code): r for r in db.scalars(reviews_query, values)}
    sessions = reference.exam_sessions_by_code(db, {r.session_code for r in records})
    scores = [
        ScorePublic(
            session_code=r.session_code,
            session_name=sessions[r.session_code].name,
            course_code=r.course_code,
            course_name=r.course.name,
            kind=r.course.kind.value,  # type: ignore[arg-type]
            credits=r.course.credits,
            score=r.score,
            grade=r.grade,
            absent=r.absent,
            passed=r.passed,
            result_text=result_text(r),
            best=r.id in best,
            review_status=REVIEW_STATUS_TEXT[review.status]
            if (review := reviews.get((r.session_code, r.course_code)))
            else None,
        )
        for r in sorted(records, key=lambda r: (r.session_code, r.course_code), reverse=True)
    ]
    # results transferred in from another province: 结果 "转入", passed, not a session of ours
    transferred = db.scalars(transferred_query, values)
    scores += [
        ScorePublic(
            session_code=TRANSFER_SESSION,
            session_name=Msg("外省转入"),
            course_code=t.course_code,
            course_name=t.course.name,
            kind=t.course.kind.value,  # type: ignore[arg-type]
            credits=t.course.credits,
            score=t.score,
            grade=None,
            absent=False,
            passed=True,
            result_text=Msg("转入"),
            best=True,
            review_status=None,
        )
        for t in transferred
    ]
    # sessions sat (results held, or a paid registration) whose exams are over but scores not out
    held = set(db.scalars(held_query, values))
    registered = set(db.scalars(registered_query, values))
    pending = [
        PendingSessionPublic(session_code=s.code, session_name=s.name, release_at=s.score_release)
        for s in sorted(reference.exam_sessions_by_code(db, held | registered).values(), key=lambda s: s.code)
        if s.score_release > now and s.ticket_print_close <= now
    ]
    db.commit()
    return ScoreListPublic(server_time=now, scores=scores, pending=pending)


# --- plan progress ---------------------------------------------------------------------------------------


def _plan(db: Session, examinee: Examinee) -> tuple[PlanInfo, list[tuple[PlanLine, CourseInfo]]]:
    plan = reference.plan_info(db, examinee.plan_id)
    if plan is None:
        raise NotFound(Msg("未找到您的专业计划，请联系自考办"), code="plan_not_found")
    return plan, reference.plan_courses(db, plan.id)


@dataclasses.dataclass(frozen=True)
class DoneCourses:
    """What an examinee has done of the plan: the one calculation behind every credit figure."""

    passed: set[str]  # passed in Hunan (released results) or transferred in (转入)
    exempted: set[str]  # exempted and not passed

    def credits(self, courses: Iterable[CourseInfo]) -> tuple[int, int]:
        """(passed, exempted) credits of these (plan) courses."""
        listed = list(courses)
        return (
            sum(c.credits for c in listed if c.code in self.passed),
            sum(c.credits for c in listed if c.code in self.exempted),
        )


def done_courses(db: Session, ctx: AppContext, examinee_id: int) -> DoneCourses:
    """Passed (released results and results transferred in) and exempted course codes, old and new
    codes counting for both (docs/rules.md#scores-and-reviews).  Used by 学习进度, the planner,
    graduation and the exemption cap's credit figures."""
    return DoneCourses(*registration.done_courses(db, examinee_id, ctx.clock.now()))


def transferred_codes(db: Session, examinee_id: int) -> set[str]:
    return set(db.scalars(select(TransferredResult.course_code).where(TransferredResult.examinee_id == examinee_id)))


def _done_sets(db: Session, ctx: AppContext, examinee: Examinee) -> tuple[set[str], set[str]]:
    done = done_courses(db, ctx, examinee.id)
    return done.passed, done.exempted


def progress(db: Session, ctx: AppContext, examinee: Examinee) -> ProgressPublic:
    plan, courses = _plan(db, examinee)
    passed, exempted = _done_sets(db, ctx, examinee)
    by_kind: dict[str, list[tuple[PlanLine, CourseInfo]]] = defaultdict(list)
    for pc, course in courses:
        by_kind[course.kind.value].append((pc, course))
    kinds = []
    for kind in ("theory", "practice", "thesis"):
        rows = by_kind.get(kind, [])
        if not rows:
            continue
        n_passed = sum(1 for _, c in rows if c.code in passed)
        n_exempt = sum(1 for _, c in rows if c.code in exempted)
        kinds.append(
            KindProgressPublic(
                kind=kind,  # type: ignore[arg-type]
                kind_text=KIND_TEXT[kind],
                total=len(rows),
                passed=n_passed,
                exempted=n_exempt,
                remaining=len(rows) - n_passed - n_exempt,
                credits_total=sum(c.credits for _, c in rows),
                credits_done=sum(c.credits for _, c in rows if c.code in passed or c.code in exempted),
            )
        )
    entries = [_planner_course(pc, c, "passed" if c.code in passed else "exempted" if c.code in exempted else "")
               for pc, c in courses]  # fmt: skip
    rules = planner.PlanRules(ctx.settings.max_courses_per_session, plan.min_credits, plan.min_courses)
    required = [c for pc, c in courses if pc.required]
    major = reference.major_info(db, examinee.major_id)
    result = ProgressPublic(
        major_code=major.code,
        major_name=major.name,
        level=major.level.value,
        plan_version=plan.version,
        min_credits=plan.min_credits,
        min_courses=plan.min_courses,
        credits_passed=sum(c.credits for _, c in courses if c.code in passed),
        credits_exempted=sum(c.credits for _, c in courses if c.code in exempted),
        courses_passed=sum(1 for _, c in courses if c.code in passed),
        courses_exempted=sum(1 for _, c in courses if c.code in exempted),
        required_total=len(required),
        required_done=sum(1 for c in required if c.code in passed or c.code in exempted),
        by_kind=kinds,
        remaining=[
            RemainingCoursePublic(
                code=c.code,
                name=c.name,
                kind=c.kind.value,  # type: ignore[arg-type]
                credits=c.credits,
                required=pc.required,
            )
            for pc, c in courses
            if c.code not in passed and c.code not in exempted
        ],
        complete=planner.complete(entries, rules),
    )
    db.commit()
    return result


# --- the suggested plan -----------------------------------------------------------------------------------


def _planner_course(
    pc: PlanLine, course: CourseInfo, status: str, slot: str | None = None, failed: bool = False
) -> planner.PlannerCourse:
    return planner.PlannerCourse(
        code=course.code,
        name=course.name,
        credits=course.credits,
        kind=course.kind.value,
        required=pc.required,
        slot=slot,
        status=status,
        theory_code=course.theory_code,
        failed_before=failed,
        position=pc.position,
    )


def planner_courses(st: registration.Standing, settings: Settings, failed: set[str]) -> list[planner.PlannerCourse]:
    """The plan as the planner sees it, each course with its registration status as if the window were open.

    The window is the one thing the plan looks past (it is made for a session whose registration may
    open later); every other rule of ``registration.course_status`` applies.
    """
    open_window = registration.Window("phase2", "", True, None, None)
    st_open = dataclasses.replace(st, window=open_window)
    return [
        _planner_course(
            pc,
            course,
            registration.course_status(st_open, course, settings)[0],
            st.timetable.get(course.code),
            course.code in failed,
        )
        for pc, course in st.plan
    ]


def planned_session(db: Session, ctx: AppContext) -> ExamSession:
    """The next session whose registration has not closed yet."""
    now = ctx.clock.now()
    session = reference.first_exam_session(db, lambda s: s["registration_close"] > now)
    if session is None:
        raise NotFound(Msg("暂无下一考次的安排，请关注通知公告"), code="no_session")
    return session


def suggest_plan(db: Session, ctx: AppContext, examinee: Examinee) -> PlanSuggestionPublic:
    settings = ctx.settings
    orders.lock_examinee(db, examinee.id)
    orders.settle_examinee(db, ctx, examinee.id)
    now = ctx.clock.now()
    session = planned_session(db, ctx)
    st = registration.standing(db, ctx, examinee, session)
    plan = reference.plan_info(db, examinee.plan_id)
    assert plan is not None
    failed = {r.course_code for r in released_records(db, ctx, examinee.id) if not r.passed}
    entries = planner_courses(st, settings, failed - st.passed)
    rules = planner.PlanRules(settings.max_courses_per_session, plan.min_credits, plan.min_courses)
    chosen = planner.suggest(entries, rules)
    by_code = {e.code: e for e in entries}
    complete = planner.complete(entries, rules)
    window = registration.window(session, now, settings)
    is_upcoming = registration.upcoming_session(db, now).code == session.code
    can_now = is_upcoming and window.can_register and st.record_problem is None
    if st.record_problem:
        window_text = st.record_problem
    elif can_now:
        window_text = Msg(
            "{session}考次正在报考，截止时间：{closes:%Y年%m月%d日 %H:%M}",
            session=session.name,
            closes=session.registration_close,
        )
    elif now < session.registration_open:
        window_text = Msg(
            "{session}考次报考时间为{opens:%Y年%m月%d日 %H:%M}至{closes:%Y年%m月%d日 %H:%M}，届时可按此计划报考",
            session=session.name,
            opens=session.registration_open,
            closes=session.registration_close,
        )
    else:
        window_text = window.reason or Msg("当前不能报考")
    taken = sum(1 for e in entries if e.status in planner.TAKEN)
    if complete:
        message = Msg("专业计划规定的课程和学分已全部完成，无需再报考；可关注毕业申请时间。")
    elif chosen:
        limit = settings.max_courses_per_session
        message = Msg(
            "建议{name}考次报考以下{value}门课程（每考次最多{limit}门，考试时间互不冲突）。",
            name=session.name,
            value=len(chosen),
            limit=limit,
        )
    elif taken >= settings.max_courses_per_session:
        message = Msg("{name}考次已报考或下单{taken}门课程，已达上限。", name=session.name, taken=taken)
    else:
        message = Msg(
            "{name}考次没有可报考的剩余课程（未开考、须先通过理论课，或考试时间已被占用）。", name=session.name
        )
    result = PlanSuggestionPublic(
        session_code=session.code,
        session_name=session.name,
        registration_open=session.registration_open,
        registration_close=session.registration_close,
        can_register_now=can_now,
        window_text=window_text,
        complete=complete,
        message=message,
        max_courses=settings.max_courses_per_session,
        courses=[
            SuggestedCoursePublic(
                code=s.code,
                name=by_code[s.code].name,
                kind=by_code[s.code].kind,  # type: ignore[arg-type]
                credits=by_code[s.code].credits,
                required=by_code[s.code].required,
                slot=by_code[s.code].slot or "",
                slot_label=registration.slot_label(session, by_code[s.code].slot or "", settings),
                reasons=list(s.reasons),
                reason=s.reason,
            )
            for s in chosen
        ],
    )
    db.commit()
    return result


# --- score reviews ----------------------------------------------------------------------------------------


def review_public(review: ScoreReview, session: ExamSession) -> ReviewPublic:
    result = None
    if review.status is ReviewStatus.DONE:
        result = (
            KEEP
            if review.corrected_score is None
            else Msg("更正为 {corrected_score}", corrected_score=review.corrected_score)
        )
    return ReviewPublic(
        review_no=review.review_no,
        session_code=review.session_code,
        session_name=session.name,
        course_code=review.course_code,
        course_name=review.course.name,
        original_score=review.original_score,
        status=review.status.value,  # type: ignore[arg-type]
        status_text=REVIEW_STATUS_TEXT[review.status],
        submitted_at=review.submitted_at,
        due_at=review.due_at,
        resolved_at=review.resolved_at,
        corrected_score=review.corrected_score,
        result_text=result,
    )


def list_reviews(db: Session, ctx: AppContext, examinee: Examinee) -> list[ReviewPublic]:
    rows = list(
        db.scalars(
            select(ScoreReview)
            .where(ScoreReview.examinee_id == examinee.id)
            .options(selectinload(ScoreReview.course))
            .order_by(ScoreReview.submitted_at.desc(), ScoreReview.id.desc())
        )
    )
    sessions = reference.exam_sessions_by_code(db, {r.session_code for r in rows})
    result = [review_public(r, sessions[r.session_code]) for r in rows]
    db.commit()
    return result


def _reviewable(record: ScoreRecord) -> bool:
    return record.course.kind is CourseKind.THEORY and not record.absent and record.score is not None


def review_options(db: Session, ctx: AppContext, examinee: Examinee) -> list[ReviewOptionPublic]:
    """The results a review can be asked for now: written courses of a session inside its window."""
    now = ctx.clock.now()
    open_sessions = {
        s.code: s for s in reference.exam_sessions(db, lambda s: s["score_release"] <= now < s["review_close"])
    }
    if not open_sessions:
        db.commit()
        return []
    asked = {
        (r.session_code, r.course_code)
        for r in db.scalars(select(ScoreReview).where(ScoreReview.examinee_id == examinee.id))
    }
    records = db.scalars(
        select(ScoreRecord)
        .where(ScoreRecord.examinee_id == examinee.id, ScoreRecord.session_code.in_(open_sessions))
        .options(selectinload(ScoreRecord.course))
        .order_by(ScoreRecord.session_code, ScoreRecord.course_code)
    )
    result = [
        ReviewOptionPublic(
            session_code=r.session_code,
            session_name=open_sessions[r.session_code].name,
            course_code=r.course_code,
            course_name=r.course.name,
            score=r.score or 0,
            review_close=open_sessions[r.session_code].review_close,
        )
        for r in records
        if _reviewable(r) and (r.session_code, r.course_code) not in asked
    ]
    db.commit()
    return result


def request_review(
    db: Session, ctx: AppContext, examinee: Examinee, session_code: str, course_code: str
) -> ReviewPublic:
    """已提交: inside the window, a written course's score, once per course and session.  Commits."""
    settings = ctx.settings
    now = ctx.clock.now()
    session = db.get(ExamSession, session_code)
    if session is None:
        raise NotFound(Msg("考次 {session_code} 不存在", session_code=session_code), code="session_not_found")
    if now < session.score_release:
        raise Conflict(
            Msg(
                "{session}考次成绩将于{release:%Y年%m月%d日 %H:%M}发布，发布后{days}日内可申请复核",
                session=session.name,
                release=session.score_release,
                days=settings.score_review_window_days,
            ),
            code="scores_not_released",
            details={"release_at": session.score_release.isoformat()},
        )
    if now >= session.review_close:
        raise Conflict(
            Msg(
                "{session}考次成绩复核申请时间为{release:%Y年%m月%d日 %H:%M}至{closes:%Y年%m月%d日 %H:%M}，已经截止",
                session=session.name,
                release=session.score_release,
                closes=session.review_close,
            ),
            code="review_window_closed",
        )
    record = db.scalar(
        select(ScoreRecord).where(
            ScoreRecord.examinee_id == examinee.id,
            ScoreRecord.session_code == session_code,
            ScoreRecord.course_code == course_code,
        )
    )
    if record is None:
        raise NotFound(
            Msg("您在{name}考次没有课程 {course_code} 的成绩", name=session.name, course_code=course_code),
            code="score_not_found",
        )
    label = f"{record.course.code} {record.course.name}"
    if record.course.kind is not CourseKind.THEORY:
        what = KIND_TEXT[record.course.kind.value]
        raise Unprocessable(
            Msg("课程 {label} 是{what}，只有笔试（理论）课程可以申请成绩复核", label=label, what=what),
            code="not_written_course",
        )
    if record.absent or record.score is None:
        raise Unprocessable(Msg("课程 {label} 缺考，没有试卷可以复核", label=label), code="absent")
    existing = db.scalar(
        select(ScoreReview.review_no).where(
            ScoreReview.examinee_id == examinee.id,
            ScoreReview.session_code == session_code,
            ScoreReview.course_code == course_code,
        )
    )
    if existing is not None:
        raise Conflict(
            Msg(
                "课程 {label} 在{name}考次已申请过复核（{existing}），每门课程只能申请一次",
                label=label,
                name=session.name,
                existing=existing,
            ),
            code="review_exists",
            details={"review_no": existing},
        )
    review = ScoreReview(
        review_no=orders.new_trade_no(db, ctx, settings.review_no_prefix, ScoreReview.review_no),
        examinee_id=examinee.id,
        course_code=course_code,
        session_code=session_code,
        score_record_id=record.id,
        original_score=record.score,
        status=ReviewStatus.SUBMITTED,
        submitted_at=now,
        due_at=now + timedelta(days=settings.score_review_result_days),
    )
    review.course = record.course
    db.add(review)
    try:
        db.flush()
    except IntegrityError:  # the same request twice at once: the unique constraint keeps one
        db.rollback()
        raise Conflict(
            Msg("课程 {label} 已申请过复核，每门课程只能申请一次", label=label), code="review_exists"
        ) from None
    audit(
        db,
        ctx,
        actor=f"examinee:{examinee.id}",
        action="score_review_submit",
        examinee_id=examinee.id,
        details={"review_no": review.review_no, "session_code": session_code, "course_code": course_code},
    )
    result = review_public(review, session)
    db.commit()
    return result


# --- reviewers -------------------------------------------------------------------------------------------


def _staff_public(review: ScoreReview, session: ExamSession, examinee: Examinee) -> StaffReviewPublic:
    return StaffReviewPublic(
        **review_public(review, session).model_dump(), exam_no=examinee.exam_no, examinee_name=examinee.name
    )


@dataclasses.dataclass(frozen=True)
class ReviewFilter:
    """One page of the reviewer's 成绩复核 list (docs/rules.md#scores-and-reviews)."""

    status: str | None = None
    exam_no: str | None = None  # full exam number or a prefix
    submitted_from: date | None = None  # Beijing days, inclusive
    submitted_to: date | None = None
    limit: int | None = None  # None: all (older clients)
    offset: int = 0
    text: str | None = None  # a review number (FH…), an exam number (digits, or its beginning) or a name's beginning


def staff_list(
    db: Session, ctx: AppContext, staff: StaffUser, query: ReviewFilter | None = None
) -> tuple[list[StaffReviewPublic], int]:
    """Score reviews of the reviewer's own prefecture, filtered, oldest first; one page and the total."""
    q = query or ReviewFilter()
    where: list[Any] = [Examinee.prefecture_code == staff.prefecture_code]
    if q.status:
        try:
            where.append(ScoreReview.status == ReviewStatus(q.status))
        except ValueError:
            raise ApiError(Msg("状态应为 submitted、in_review 或 done"), code="bad_status") from None
    if q.exam_no and q.exam_no.strip():
        where.append(Examinee.exam_no.startswith(q.exam_no.strip(), autoescape=True))
    text = (q.text or "").strip()
    if text.upper().startswith(ctx.settings.review_no_prefix):
        where.append(ScoreReview.review_no == text.upper())
    elif text.isascii() and text.isdigit():
        where.append(Examinee.exam_no.startswith(text, autoescape=True))
    elif text:
        where.append(Examinee.name.startswith(text, autoescape=True))
    if q.submitted_from:
        where.append(ScoreReview.submitted_at >= datetime.combine(q.submitted_from, time(0), tzinfo=CHINA_TZ))
    if q.submitted_to:
        end = datetime.combine(q.submitted_to + timedelta(days=1), time(0), tzinfo=CHINA_TZ)
        where.append(ScoreReview.submitted_at < end)
    joined = select(ScoreReview, Examinee).join(Examinee, Examinee.id == ScoreReview.examinee_id).where(*where)
    total = (
        db.scalar(
            select(func.count())
            .select_from(ScoreReview)
            .join(Examinee, Examinee.id == ScoreReview.examinee_id)
            .where(*where)
        )
        or 0
    )
    stmt = joined.options(selectinload(ScoreReview.course)).order_by(ScoreReview.submitted_at, ScoreReview.id)
    if q.limit is not None:
        stmt = stmt.limit(q.limit).offset(q.offset)
    rows = db.execute(stmt).all()
    sessions = reference.exam_sessions_by_code(db, {r.session_code for r, _ in rows})
    result = [_staff_public(r, sessions[r.session_code], e) for r, e in rows]
    db.commit()
    return result, int(total)


def staff_counts(db: Session, staff: StaffUser) -> dict[str, int]:
    """Score reviews of the reviewer's prefecture by status."""
    counts = {s.value: 0 for s in ReviewStatus}
    rows = db.execute(
        select(ScoreReview.status, func.count())
        .join(Examinee, Examinee.id == ScoreReview.examinee_id)
        .where(Examinee.prefecture_code == staff.prefecture_code)
        .group_by(ScoreReview.status)
    )
    for status, n in rows:
        counts[status.value] = int(n)
    return counts


def _review(db: Session, review_no: str, staff: StaffUser | None = None) -> ScoreReview:
    """The review; a reviewer reaches only those of the own prefecture (like every other queue)."""
    review = db.scalar(select(ScoreReview).where(ScoreReview.review_no == review_no))
    examinee = db.get(Examinee, review.examinee_id) if review else None
    if review is None or (
        staff is not None and (examinee is None or examinee.prefecture_code != staff.prefecture_code)
    ):
        raise NotFound(Msg("复核申请 {review_no} 不存在或不属于本市州", review_no=review_no), code="review_not_found")
    return review


def start_review(db: Session, ctx: AppContext, staff: StaffUser, review_no: str) -> StaffReviewPublic:
    """已提交 → 复核中.  Commits."""
    review = _review(db, review_no, staff)
    if review.status is not ReviewStatus.SUBMITTED:
        raise Conflict(
            Msg(
                "复核申请 {review_no} 当前为“{review_status}”，不能再开始复核",
                review_no=review_no,
                review_status=REVIEW_STATUS_TEXT[review.status],
            ),
            code="review_state",
        )
    review.status = ReviewStatus.IN_REVIEW
    review.started_at = ctx.clock.now()
    review.reviewer = f"staff:{staff.id}"
    audit(
        db,
        ctx,
        actor=f"staff:{staff.id}",
        action="score_review_start",
        examinee_id=review.examinee_id,
        details={"review_no": review_no},
    )
    return _finish(db, review)


def resolve_review(
    db: Session, ctx: AppContext, staff: StaffUser, review_no: str, corrected: int | None, reason: str | None = None
) -> StaffReviewPublic:
    """复核中 → 已完成: 维持原成绩, or 更正为 N with a reason (the score and its passed flag change).  Commits."""
    review = _review(db, review_no, staff)
    if review.status is not ReviewStatus.IN_REVIEW:
        hint = Msg("请先开始复核") if review.status is ReviewStatus.SUBMITTED else Msg("复核已完成，不能再次处理")
        raise Conflict(
            Msg(
                "复核申请 {review_no} 当前为“{review_status}”，{hint}",
                review_no=review_no,
                review_status=REVIEW_STATUS_TEXT[review.status],
                hint=hint,
            ),
            code="review_state",
        )
    if corrected == review.original_score:
        corrected = None
    why = (reason or "").strip() or None
    if corrected is not None and (why is None or len(why) < ctx.settings.reason_min_length):
        raise Unprocessable(
            Msg("更正成绩时请填写更正原因（例如“复核发现漏计分”），它会记入审计日志"),
            code="reason_required",
            details={"fields": [{"field": "reason", "message": Msg("请填写更正原因")}]},
        )
    record = review.record
    if corrected is not None:
        record.score = corrected
        record.passed = corrected >= ctx.settings.pass_score
    review.status = ReviewStatus.DONE
    review.corrected_score = corrected
    review.resolved_at = ctx.clock.now()
    review.reviewer = f"staff:{staff.id}"
    audit(
        db,
        ctx,
        actor=f"staff:{staff.id}",
        action="score_review_resolve",
        examinee_id=review.examinee_id,
        details={
            "review_no": review_no,
            "original_score": review.original_score,
            "corrected_score": corrected,
            "result": KEEP if corrected is None else Msg("更正为 {corrected}", corrected=corrected),
            "reason": why,
        },
    )
    return _finish(db, review)


def _finish(db: Session, review: ScoreReview) -> StaffReviewPublic:
    session = db.get(ExamSession, review.session_code)
    examinee = db.get(Examinee, review.examinee_id)
    assert session is not None and examinee is not None
    result = _staff_public(review, session, examinee)
    db.commit()
    return result
