"""毕业申请, the staff's side: the initial review and final decision (reviewer), the on-site
confirmation at the counter (clerk), the certificate issue (reviewer).  Each action names the
roles that may take it and the states it starts from; a refused one is audited and explained.

Also the adapters that make the four steps review queues of the staff console (``QUEUES``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.context import AppContext
from backend_mock.errors import ApiError, Conflict, Forbidden, NotFound, Unprocessable
from backend_mock.graduation import rules as graduation_rules
from backend_mock.graduation import service as graduation
from backend_mock.graduation.schemas import StaffGraduationListPublic, StaffGraduationPublic
from backend_mock.i18n import Msg, enumeration
from backend_mock.masking import mask_id_number
from backend_mock.models import (
    Examinee,
    GraduationApplication,
    GraduationStatus,
    RecordStatus,
    StaffRole,
    StaffUser,
)
from backend_mock.records import uploads
from backend_mock.registration.orders import lock_examinee, new_trade_no
from backend_mock.staff.roles import ROLE_TEXT
from backend_mock.staff.schemas import Decision, QueueItemPublic

S = GraduationStatus
R = StaffRole


@dataclass(frozen=True)
class StaffAction:
    name: str
    to: GraduationStatus
    # role → the states it may take this action from
    allowed: dict[StaffRole, tuple[GraduationStatus, ...]]
    needs_reason: bool = False


ACTIONS: dict[str, StaffAction] = {
    a.name: a
    for a in (
        StaffAction("first_approve", S.FIRST_PASSED, {R.REVIEWER: (S.SUBMITTED,)}),
        StaffAction("first_reject", S.FIRST_FAILED, {R.REVIEWER: (S.SUBMITTED,)}, needs_reason=True),
        # back to the examinee for correction: from the initial review, or when the papers at the
        # counter do not match what was uploaded
        StaffAction("return", S.RETURNED, {R.REVIEWER: (S.SUBMITTED,), R.CLERK: (S.FIRST_PASSED,)}, needs_reason=True),
        StaffAction("confirm", S.CONFIRMED, {R.CLERK: (S.FIRST_PASSED,)}),
        StaffAction("final_approve", S.FINAL_PASSED, {R.REVIEWER: (S.CONFIRMED,)}),
        StaffAction("final_reject", S.FINAL_FAILED, {R.REVIEWER: (S.CONFIRMED,)}, needs_reason=True),
        StaffAction("issue", S.ISSUED, {R.REVIEWER: (S.FINAL_PASSED,)}),
    )
}


def _actor(staff: StaffUser) -> tuple[str, str]:
    return f"staff:{staff.id}", f"{ROLE_TEXT[staff.role]} {staff.name}"


def actions_for(staff: StaffUser, status: GraduationStatus) -> list[str]:
    return [a.name for a in ACTIONS.values() if status in a.allowed.get(staff.role, ())]


def _scope(staff: StaffUser) -> ColumnElement[bool]:
    return Examinee.prefecture_code == staff.prefecture_code


def _in_scope(db: Session, staff: StaffUser, application_no: str) -> tuple[GraduationApplication, Examinee]:
    app = db.scalar(
        select(GraduationApplication).where(GraduationApplication.application_no == application_no.strip().upper())
    )
    examinee = db.get(Examinee, app.examinee_id) if app else None
    if app is None or examinee is None or examinee.prefecture_code != staff.prefecture_code:
        raise NotFound(
            Msg("毕业申请 {application_no} 不存在或不属于本市州", application_no=application_no),
            code="application_not_found",
        )
    if app.status is S.DRAFT:
        raise NotFound(
            Msg("毕业申请 {application_no} 尚未提交", application_no=application_no), code="application_not_found"
        )
    return app, examinee


def staff_public(
    db: Session, ctx: AppContext, staff: StaffUser, app: GraduationApplication, examinee: Examinee
) -> StaffGraduationPublic:
    return StaffGraduationPublic(
        exam_no=examinee.exam_no,
        name=examinee.name,
        id_number_masked=mask_id_number(examinee.id_number),
        gender=examinee.gender.value,
        major_code=examinee.major.code,
        major_name=examinee.major.name,
        level=examinee.major.level.value,
        prefecture_name=examinee.prefecture.name,
        application=graduation.application_public(db, ctx, app),
        actions=actions_for(staff, app.status),  # type: ignore[arg-type]
    )


def counts(db: Session, staff: StaffUser) -> dict[str, int]:
    rows = db.execute(
        select(GraduationApplication.status, func.count())
        .join(Examinee, Examinee.id == GraduationApplication.examinee_id)
        .where(_scope(staff), GraduationApplication.status != S.DRAFT)
        .group_by(GraduationApplication.status)
    )
    return {status.value: int(n) for status, n in rows}


def _rows(
    db: Session, staff: StaffUser, status: str | None, text: str, limit: int | None = None, offset: int = 0
) -> tuple[list[tuple[GraduationApplication, Examinee]], int]:
    where: list[ColumnElement[bool]] = [_scope(staff), GraduationApplication.status != S.DRAFT]
    if status:
        try:
            where.append(GraduationApplication.status == GraduationStatus(status))
        except ValueError:
            raise ApiError("没有这个毕业申请状态", code="bad_status") from None
    text = text.strip()
    if text:
        where.append(
            (Examinee.exam_no == text)
            | (GraduationApplication.application_no == text.upper())
            | Examinee.name.startswith(text, autoescape=True)
        )
    base = select(GraduationApplication, Examinee).join(Examinee, Examinee.id == GraduationApplication.examinee_id)
    total = db.scalar(select(func.count()).select_from(base.where(*where).subquery())) or 0
    stmt = base.where(*where).order_by(GraduationApplication.submitted_at, GraduationApplication.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [(a, e) for a, e in db.execute(stmt).all()], total


def staff_list(
    db: Session, ctx: AppContext, staff: StaffUser, status: str | None, text: str
) -> StaffGraduationListPublic:
    rows, _total = _rows(db, staff, status, text)
    return StaffGraduationListPublic(
        items=[staff_public(db, ctx, staff, a, e) for a, e in rows], counts=counts(db, staff)
    )


def staff_detail(db: Session, ctx: AppContext, staff: StaffUser, application_no: str) -> StaffGraduationPublic:
    app, examinee = _in_scope(db, staff, application_no)
    return staff_public(db, ctx, staff, app, examinee)


def staff_file(db: Session, staff: StaffUser, application_no: str, file_id: int) -> tuple[bytes, str]:
    app, examinee = _in_scope(db, staff, application_no)
    if file_id not in {int(f) for f in app.materials.values() if f}:
        raise NotFound("该毕业申请没有这个文件", code="file_not_found")
    row = uploads.owned(db, examinee.id, file_id)
    return row.data, row.content_type


def act(
    db: Session, ctx: AppContext, staff: StaffUser, application_no: str, name: str, comment: str
) -> StaffGraduationPublic:
    """Take action ``name`` on the application: role, state, reason and (final approval) eligibility checked."""
    action = ACTIONS.get(name)
    if action is None:
        raise NotFound("没有这个操作", code="action_not_found")
    app, examinee = _in_scope(db, staff, application_no)
    lock_examinee(db, examinee.id)
    comment = comment.strip()
    details = {"application_no": app.application_no, "from": app.status.value, "to": action.to.value}

    def refuse(exc: Forbidden | Conflict | Unprocessable) -> None:
        audit(
            db, ctx, actor=f"staff:{staff.id}", action=f"graduation_{name}", result="refused",
            examinee_id=examinee.id, details={**details, "code": exc.code, "message": exc.message},
        )  # fmt: skip
        db.commit()
        raise exc

    what = graduation.ACTION_TEXT[name]
    if staff.role not in action.allowed:
        roles = enumeration([ROLE_TEXT[r] for r in action.allowed], alternatives=True)
        refuse(
            Forbidden(
                Msg("“{what}”仅限{roles}办理，您的角色是{role}", what=what, roles=roles, role=ROLE_TEXT[staff.role]),
                code="role_forbidden",
            )
        )
    if app.status not in action.allowed[staff.role]:
        statuses = [Msg("“{status}”", status=graduation.STATUS_TEXT[s]) for s in action.allowed[staff.role]]
        need = enumeration(statuses, alternatives=True)
        refuse(
            Conflict(
                Msg(
                    "毕业申请 {application_no} 当前为“{status}”，不能{what}（只有{need}的申请可以）",
                    application_no=app.application_no,
                    status=graduation.STATUS_TEXT[app.status],
                    what=what,
                    need=need,
                ),
                code="invalid_transition",
                details={"status": app.status.value},
            )
        )
    if action.needs_reason and len(comment) < ctx.settings.reason_min_length:
        raise Unprocessable(
            Msg("{what}时必须填写原因，考生会看到这段说明", what=what),
            code="reason_required",
            details={"fields": [{"field": "comment", "message": Msg("请填写原因")}]},
        )
    if name == "final_approve":
        try:
            graduation_rules.require_eligible(db, ctx, examinee)
        except Conflict as exc:
            refuse(exc)
        lock_examinee(db, examinee.id)  # progress ended the transaction: take the lock again
        db.refresh(app)
        if app.status not in action.allowed[staff.role]:  # another reviewer was quicker
            refuse(
                Conflict(
                    Msg("毕业申请 {application_no} 已被他人处理，请刷新", application_no=app.application_no),
                    code="invalid_transition",
                )
            )
    now = ctx.clock.now()
    if name == "issue":
        app.certificate_no = new_trade_no(
            db,
            ctx,
            ctx.settings.certificate_no_prefix,
            GraduationApplication.certificate_no,  # type: ignore[arg-type]
        )
        examinee.record_status = RecordStatus.GRADUATED
    if action.to in (S.FIRST_FAILED, S.RETURNED, S.FINAL_FAILED, S.FINAL_PASSED, S.ISSUED):
        app.decided_at = now
    if comment:
        app.reason = comment
    graduation.transition(app, ctx, _actor(staff), name, action.to, comment)
    audit(
        db, ctx, actor=f"staff:{staff.id}", action=f"graduation_{name}", examinee_id=examinee.id,
        details={**details, "comment": comment or None, "certificate_no": app.certificate_no},
    )  # fmt: skip
    db.flush()
    return staff_public(db, ctx, staff, app, examinee)


# --- the review queues of the staff console ----------------------------------------------------------------


@dataclass(frozen=True)
class QueueSteps:
    """One graduation step as a review queue: which generic decision is which action."""

    statuses: tuple[tuple[str, str], ...]
    decisions: dict[Decision, str]  # approve / return / reject → action name


def queue_item(staff: StaffUser, app: GraduationApplication, e: Examinee) -> QueueItemPublic:
    last = app.events[-1] if app.events else None
    return QueueItemPublic(
        id=app.application_no,
        reference=app.application_no,
        name=e.name,
        id_number_masked=mask_id_number(e.id_number),
        summary=f"{e.exam_no} · {e.major.code} {e.major.name}（{e.major.level.value}）",
        submitted_at=app.submitted_at or app.created_at,
        status=app.status.value,
        status_text=graduation.STATUS_TEXT[app.status],
        reason=app.reason,
        decided_by=last.actor_name if last and last.actor.startswith("staff:") else None,
        decided_at=app.decided_at,
        result=Msg("证书编号 {certificate_no}", certificate_no=app.certificate_no) if app.certificate_no else None,
        can_decide=bool(actions_for(staff, app.status)),
    )


def queue_counts(steps: QueueSteps, db: Session, staff: StaffUser) -> dict[str, int]:
    wanted = {s for s, _ in steps.statuses}
    return {k: v for k, v in counts(db, staff).items() if k in wanted}


def queue_page(
    steps: QueueSteps, db: Session, staff: StaffUser, status: str, text: str, page: int, size: int
) -> tuple[list[QueueItemPublic], int]:
    if not status:  # "all" of this queue: only the states it deals with
        rows, total = _rows(db, staff, None, text, None)
        wanted = {s for s, _ in steps.statuses}
        mine = [(a, e) for a, e in rows if a.status.value in wanted]
        return [queue_item(staff, a, e) for a, e in mine[(page - 1) * size : page * size]], len(mine)
    rows, total = _rows(db, staff, status, text, size, (page - 1) * size)
    return [queue_item(staff, a, e) for a, e in rows], total


def queue_decide(
    steps: QueueSteps,
    db: Session,
    ctx: AppContext,
    staff: StaffUser,
    item_id: str,
    decision: Decision,
    reason: str | None,
) -> QueueItemPublic:
    name = steps.decisions.get(decision)
    if name is None:
        raise ApiError("该队列不支持这个审核结论", code="bad_decision")
    act(db, ctx, staff, item_id, name, reason or "")
    app, examinee = _in_scope(db, staff, item_id)
    item = queue_item(staff, app, examinee)
    db.commit()
    return item


FIRST_REVIEW = QueueSteps(
    (
        ("submitted", Msg("待初审")),
        ("first_passed", Msg("初审通过")),
        ("first_failed", Msg("初审不通过")),
        ("returned", Msg("已退回")),
    ),
    {"approve": "first_approve", "return": "return", "reject": "first_reject"},
)
ON_SITE = QueueSteps(
    (("first_passed", Msg("待现场确认")), ("confirmed", Msg("已现场确认")), ("returned", Msg("已退回"))),
    {"approve": "confirm", "return": "return"},
)
FINAL_REVIEW = QueueSteps(
    (("confirmed", Msg("待终审")), ("final_passed", Msg("终审通过")), ("final_failed", Msg("不通过"))),
    {"approve": "final_approve", "reject": "final_reject"},
)
CERTIFICATE = QueueSteps(
    (("final_passed", Msg("待发证")), ("issued", Msg("证书已发放"))),
    {"approve": "issue"},
)
