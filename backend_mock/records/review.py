"""The reviewer's side of record applications: list with filters and counts, detail, proofs, and
the decisions (start review, approve, return, reject) — each audited; an approval applies the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.idnumber import parse_id_number
from backend_mock.models import (
    PENDING_STATUSES,
    ApplicationKind,
    ApplicationStatus,
    County,
    Course,
    Examinee,
    Exemption,
    Gender,
    OrderItem,
    OrderStatus,
    RecordApplication,
    RecordStatus,
    StaffUser,
    TransferredResult,
)
from backend_mock.records.rules import check_rules, exemption_cap, parse_data
from backend_mock.records.schemas import (
    ApplicationPublic,
    CorrectionData,
    ExemptionData,
    PrefectureChangeData,
    ReviewItemPublic,
    TransferInData,
    TransferOutData,
)
from backend_mock.records.service import (
    ACTION_TEXT,
    KIND_TEXT,
    STATUS_TEXT,
    application_public,
    require_active,
    review_item,
    staff_actor,
    transition,
)
from backend_mock.registration import orders
from backend_mock.registration.orders import lock_examinee


def _in_scope(db: Session, staff: StaffUser, application_no: str) -> tuple[RecordApplication, Examinee]:
    app = db.scalar(select(RecordApplication).where(RecordApplication.application_no == application_no))
    examinee = db.get(Examinee, app.examinee_id) if app else None
    if app is None or examinee is None or examinee.prefecture_code != staff.prefecture_code:
        raise NotFound(
            Msg("申请 {application_no} 不存在或不属于本市州", application_no=application_no),
            code="application_not_found",
        )
    return app, examinee


def review_list(
    db: Session,
    staff: StaffUser,
    status: str | None,
    kinds: Sequence[str] | None,
    query: str | None,
    page: ReviewPage | None = None,
) -> tuple[list[ReviewItemPublic], dict[str, int], int]:
    """Submitted applications of the reviewer's prefecture of the given kinds (all when empty), in a
    status, matching ``query`` (exam_no, name or application number); counts by status for those kinds."""
    scope = [Examinee.prefecture_code == staff.prefecture_code, RecordApplication.status != ApplicationStatus.DRAFT]
    if kinds:
        scope.append(RecordApplication.kind.in_([ApplicationKind(k) for k in kinds]))
    counts = {s.value: 0 for s in ApplicationStatus if s is not ApplicationStatus.DRAFT}
    for st, n in db.execute(
        select(RecordApplication.status, func.count())
        .join(Examinee, Examinee.id == RecordApplication.examinee_id)
        .where(*scope)
        .group_by(RecordApplication.status)
    ).all():
        counts[st.value] = int(n)
    joined = select(RecordApplication, Examinee).join(Examinee, Examinee.id == RecordApplication.examinee_id)
    stmt = joined.where(*scope)
    if status:
        stmt = stmt.where(RecordApplication.status == ApplicationStatus(status))
    text = (query or "").strip()
    if text:
        stmt = stmt.where(
            (Examinee.exam_no == text) | (Examinee.name == text) | (RecordApplication.application_no == text.upper())
        )
    p = page or ReviewPage()
    if p.submitted_from:
        stmt = stmt.where(
            RecordApplication.submitted_at >= datetime.combine(p.submitted_from, time(0), tzinfo=CHINA_TZ)
        )
    if p.submitted_to:
        end = datetime.combine(p.submitted_to + timedelta(days=1), time(0), tzinfo=CHINA_TZ)
        stmt = stmt.where(RecordApplication.submitted_at < end)
    matched = db.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    stmt = stmt.order_by(RecordApplication.submitted_at, RecordApplication.id)
    if p.limit is not None:
        stmt = stmt.limit(p.limit).offset(p.offset)
    rows = db.execute(stmt).all()
    return [review_item(db, a, e) for a, e in rows], counts, int(matched)


@dataclass(frozen=True)
class ReviewPage:
    """Filters by submission day (Beijing, inclusive) and one page (all when ``limit`` is None)."""

    submitted_from: date | None = None
    submitted_to: date | None = None
    limit: int | None = None
    offset: int = 0


def review_detail(db: Session, ctx: AppContext, staff: StaffUser, application_no: str) -> tuple[Any, ...]:
    app, examinee = _in_scope(db, staff, application_no)
    if app.status is ApplicationStatus.DRAFT:
        raise NotFound(
            Msg("申请 {application_no} 尚未提交", application_no=application_no), code="application_not_found"
        )
    cap = None
    if app.kind is ApplicationKind.EXEMPTION:
        code = app.data.get("course_code")
        cap = exemption_cap(db, ctx, examinee, str(code) if code else None, exclude_id=app.id)
    warnings = seat_warnings(db, ctx, examinee, app) if app.status in PENDING_STATUSES else []
    return review_item(db, app, examinee), application_public(db, app, ctx), cap, warnings


# --- never a seat and an exemption (or a transferred result) for the same course -------------------------


def _courses_done_by(app: RecordApplication) -> list[str]:
    """The courses an approval makes exempted or passed (转入)."""
    data = parse_data(app.kind, app.data)
    if isinstance(data, ExemptionData) and data.course_code:
        return [data.course_code]
    if isinstance(data, TransferInData):
        return [c.course_code.strip() for c in data.courses]
    return []


def _registrations(
    db: Session, ctx: AppContext, examinee: Examinee, app: RecordApplication
) -> list[tuple[OrderItem, str]]:
    """Live registrations (paid or in an unpaid order) of the courses this approval settles, with names."""
    found = []
    for code in _courses_done_by(app):
        course = db.get(Course, code)
        for item in orders.live_items_of_course(db, ctx, examinee.id, code):
            found.append((item, f"{code} {course.name if course else ''}".strip()))
    return found


def seat_warnings(db: Session, ctx: AppContext, examinee: Examinee, app: RecordApplication) -> list[str]:
    """What the reviewer is told before deciding (docs/rules.md#records-exemptions-transfers-certificates)."""
    texts = []
    for item, course in _registrations(db, ctx, examinee, app):
        order = item.order
        if order.status is OrderStatus.PAID:
            texts.append(
                f"该考生本次已报考此课程（已缴费）：{course}，订单{order.order_no}。"
                f"审核通过将撤销该课程的报考，报考费{item.fee_fen / 100:.2f}元原路退回，不再安排考试座位"
            )
        else:
            texts.append(
                f"该考生有未支付的订单包含此课程：{course}，订单{order.order_no}"
                f"（{orders.STATUS_TEXT[order.status]}）。订单支付或关闭前不能审核通过"
            )
    return texts


def _refuse_unpaid_registration(db: Session, ctx: AppContext, examinee: Examinee, app: RecordApplication) -> None:
    for item, course in _registrations(db, ctx, examinee, app):
        if item.order.status is not OrderStatus.PAID:
            raise Conflict(
                Msg(
                    "考生有未支付的订单{order}包含课程 {course}，请待订单支付或关闭（最长{minutes}分钟）后再审核",
                    order=item.order.order_no,
                    course=course,
                    minutes=ctx.settings.order_unpaid_timeout_minutes,
                ),
                code="course_in_unpaid_order",
                details={"order_no": item.order.order_no},
            )


def _withdraw_registrations(
    db: Session, ctx: AppContext, examinee: Examinee, app: RecordApplication, staff: StaffUser
) -> None:
    """A paid registration of an approved course is withdrawn and its fee refunded, audited by the reviewer."""
    why = f"{KIND_TEXT[app.kind]}申请{app.application_no}审核通过"
    for item, _course in _registrations(db, ctx, examinee, app):
        orders.withdraw_paid_item(db, ctx, item, f"staff:{staff.id}", why)


def review_file(db: Session, staff: StaffUser, application_no: str, file_id: int) -> tuple[bytes, str]:
    app, _examinee = _in_scope(db, staff, application_no)
    for f in app.files:
        if f.id == file_id:
            return f.data, f.content_type
    raise NotFound("该申请没有这个文件", code="file_not_found")


def decide(
    db: Session, ctx: AppContext, staff: StaffUser, application_no: str, decision: str, comment: str
) -> ApplicationPublic:
    """``start`` review, ``approve``, ``return`` (reason required) or ``reject`` (reason required).  Audited."""
    app, examinee = _in_scope(db, staff, application_no)
    lock_examinee(db, examinee.id)
    comment = comment.strip()
    # a decision needs the review started (claimed) first: until then the examinee may still
    # withdraw, and one click in the queue must not decide
    claimed = (ApplicationStatus.REVIEWING,)
    allowed = {"start": (ApplicationStatus.SUBMITTED,), "approve": claimed, "return": claimed, "reject": claimed}[
        decision
    ]
    target = {
        "start": ApplicationStatus.REVIEWING,
        "approve": ApplicationStatus.APPROVED,
        "return": ApplicationStatus.RETURNED,
        "reject": ApplicationStatus.REJECTED,
    }[decision]
    details: dict[str, Any] = {"application_no": app.application_no, "kind": app.kind.value, "from": app.status.value}
    if app.status not in allowed:
        audit(
            db, ctx, actor=f"staff:{staff.id}", action=f"record_review_{decision}", result="refused",
            examinee_id=examinee.id, details=details,
        )  # fmt: skip
        db.commit()
        if app.status is ApplicationStatus.SUBMITTED:
            raise Conflict(
                Msg("该申请尚未开始审核，请先点击“开始审核”，再{action}", action=ACTION_TEXT[decision]),
                code="review_not_started",
                details={"status": app.status.value},
            )
        raise Conflict(
            Msg("申请状态为“{status}”，不能{action}", status=STATUS_TEXT[app.status], action=ACTION_TEXT[decision]),
            code="invalid_transition",
            details={"status": app.status.value},
        )
    if decision in ("return", "reject") and not comment:
        raise Unprocessable("退回或不通过时必须填写原因，考生会看到这段说明", code="reason_required")
    if decision == "approve":
        orders.settle_examinee(db, ctx, examinee.id)  # an unpaid order past its time closes first
        try:
            require_active(examinee)
            check_rules(db, ctx, examinee, app, approving=True)
            _refuse_unpaid_registration(db, ctx, examinee, app)
        except (Conflict, Unprocessable) as exc:
            audit(
                db, ctx, actor=f"staff:{staff.id}", action="record_review_approve", result="refused",
                examinee_id=examinee.id, details={**details, "code": exc.code, "message": exc.message},
            )  # fmt: skip
            db.commit()
            raise
        _withdraw_registrations(db, ctx, examinee, app, staff)
        _apply(db, ctx, examinee, app, staff)
    if decision != "start":
        app.decided_at = ctx.clock.now()
        app.reason = comment or None
    transition(app, ctx, staff_actor(staff), decision, target, comment)
    audit(
        db, ctx, actor=f"staff:{staff.id}", action=f"record_review_{decision}", examinee_id=examinee.id,
        details={**details, "to": target.value, "comment": comment or None},
    )  # fmt: skip
    db.commit()
    return application_public(db, app, ctx)


def _apply(db: Session, ctx: AppContext, examinee: Examinee, app: RecordApplication, staff: StaffUser) -> None:
    """What an approval changes in the record."""
    data = parse_data(app.kind, app.data)
    if isinstance(data, CorrectionData):
        if data.name:
            examinee.name = data.name.strip()
        if data.id_number:
            info = parse_id_number(data.id_number)
            examinee.id_number = info.number
            examinee.birth_date = info.birth_date
        if data.gender:
            examinee.gender = Gender(data.gender)
    elif isinstance(data, ExemptionData) and data.course_code:
        db.add(
            Exemption(
                examinee_id=examinee.id,
                course_code=data.course_code,
                basis=(data.basis or "")[:100],
                granted_at=ctx.clock.now(),
            )
        )
    elif isinstance(data, TransferInData):
        for line in data.courses:
            db.add(
                TransferredResult(
                    examinee_id=examinee.id,
                    course_code=line.course_code.strip(),
                    application_id=app.id,
                    province_code=data.province_code or "",
                    score=line.score,
                    session=line.session,
                    accepted_at=ctx.clock.now(),
                )
            )
    elif isinstance(data, TransferOutData):
        examinee.record_status = RecordStatus.TRANSFERRED_OUT
    elif isinstance(data, PrefectureChangeData) and data.county_code:
        county = db.get(County, data.county_code)
        if county is not None:
            examinee.prefecture_code = county.prefecture_code
            examinee.county_code = county.code
