"""考籍管理 applications: 草稿 → 已提交 → 审核中 → 通过 | 退回 (correct and submit again) | 不通过.

Kinds: information correction, exemption (with the credit cap), transfer out (locks the record
when approved), transfer in (courses for review), change of home prefecture.  Drafts are kept on
the server, so nothing typed is lost with the client.  Every rule is checked on submit and the
ones that can change meanwhile (cap, open registration, record state) again on approval; the
rules live in records/rules.py, the reviewer's side in records/review.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound
from backend_mock.i18n import Msg
from backend_mock.masking import mask_id_number
from backend_mock.models import (
    OPEN_STATUSES,
    PENDING_STATUSES,
    ApplicationEvent,
    ApplicationKind,
    ApplicationStatus,
    County,
    Course,
    Examinee,
    RecordApplication,
    RecordStatus,
    StaffUser,
)
from backend_mock.records import uploads
from backend_mock.records.rules import (
    check_rules,
    parse_data,
    transfer_confirm_by,
)
from backend_mock.records.schemas import (
    ApplicationPublic,
    EventPublic,
    ReviewItemPublic,
)
from backend_mock.registration.orders import lock_examinee, new_trade_no
from zikao_common.idnumber import PROVINCES

KIND_TEXT = {
    ApplicationKind.CORRECTION: Msg("信息更正"),
    ApplicationKind.EXEMPTION: Msg("课程免考"),
    ApplicationKind.TRANSFER_OUT: Msg("转出外省"),
    ApplicationKind.TRANSFER_IN: Msg("外省转入"),
    ApplicationKind.PREFECTURE_CHANGE: Msg("省内转考"),
}

STATUS_TEXT = {
    ApplicationStatus.DRAFT: Msg("草稿"),
    ApplicationStatus.SUBMITTED: Msg("已提交"),
    ApplicationStatus.REVIEWING: Msg("审核中"),
    ApplicationStatus.APPROVED: Msg("通过"),
    ApplicationStatus.RETURNED: Msg("退回"),
    ApplicationStatus.REJECTED: Msg("不通过"),
}

ACTION_TEXT = {
    "create": Msg("创建草稿"),
    "submit": Msg("提交申请"),
    "resubmit": Msg("修改后重新提交"),
    "withdraw": Msg("撤回申请"),
    "start": Msg("开始审核"),
    "approve": Msg("审核通过"),
    "return": Msg("退回修改"),
    "reject": Msg("审核不通过"),
}

EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


# --- presenting -------------------------------------------------------------------------------------------


def summary(db: Session, app: RecordApplication) -> str:
    d = app.data
    if app.kind is ApplicationKind.CORRECTION:
        labels = {"name": Msg("姓名"), "id_number": Msg("身份证号"), "gender": Msg("性别")}
        parts = [labels[k] for k in labels if d.get(k)]
        return Msg("更正") + "、".join(parts) if parts else Msg("（尚未填写更正内容）")
    if app.kind is ApplicationKind.EXEMPTION:
        code = d.get("course_code")
        course = db.get(Course, code) if code else None
        return (
            Msg("{code} {name}（{credits}学分）", code=course.code, name=course.name, credits=course.credits)
            if course
            else Msg("（尚未选择课程）")
        )
    if app.kind in (ApplicationKind.TRANSFER_OUT, ApplicationKind.TRANSFER_IN):
        province = PROVINCES.get(str(d.get("province_code") or ""), "")
        verb = Msg("转往") if app.kind is ApplicationKind.TRANSFER_OUT else Msg("转自")
        return f"{verb}{province}" if province else Msg("（尚未选择省份）")
    county = db.get(County, d.get("county_code")) if d.get("county_code") else None
    return (
        Msg("转至{name}{name2}", name=county.prefecture.name, name2=county.name) if county else Msg("（尚未选择区县）")
    )


def deadline_note(app: RecordApplication, ctx: AppContext) -> str | None:
    if app.status not in (*EDITABLE, *PENDING_STATUSES):
        return None
    moment = transfer_confirm_by(ctx.clock.now(), ctx.settings, app.kind)
    if moment is None:
        return None
    return Msg(
        "请于{year}年{month}月{day}日前提交并持身份证到市州自考办现场确认；逾期办理的顺延至下一考次",
        year=moment.year,
        month=moment.month,
        day=moment.day,
    )


def application_public(db: Session, app: RecordApplication, ctx: AppContext | None = None) -> ApplicationPublic:
    return ApplicationPublic(
        application_no=app.application_no,
        kind=app.kind.value,  # type: ignore[arg-type]
        kind_text=KIND_TEXT[app.kind],
        status=app.status.value,
        status_text=STATUS_TEXT[app.status],
        summary=summary(db, app),
        data=app.data,
        files=[uploads.file_public(f) for f in app.files],
        created_at=app.created_at,
        updated_at=app.updated_at,
        submitted_at=app.submitted_at,
        decided_at=app.decided_at,
        reason=app.reason,
        editable=app.status in EDITABLE,
        can_submit=app.status in EDITABLE,
        can_withdraw=app.status is ApplicationStatus.SUBMITTED,
        deadline_note=deadline_note(app, ctx) if ctx is not None else None,
        events=events_public(app.events, ACTION_TEXT, STATUS_TEXT),
    )


def events_public(
    events: Iterable[Any], action_text: Mapping[str, str], status_text: Mapping[Any, str]
) -> list[EventPublic]:
    """A state history (record or graduation application events) as the client shows it."""
    return [
        EventPublic(
            at=e.at,
            actor_name=e.actor_name,
            action=e.action,
            action_text=action_text.get(e.action, e.action),
            from_status=e.from_status.value if e.from_status else None,
            to_status=e.to_status.value,
            to_status_text=status_text[e.to_status],
            comment=e.comment,
        )
        for e in events
    ]


def review_item(db: Session, app: RecordApplication, examinee: Examinee) -> ReviewItemPublic:
    return ReviewItemPublic(
        application_no=app.application_no,
        kind=app.kind.value,  # type: ignore[arg-type]
        kind_text=KIND_TEXT[app.kind],
        status=app.status.value,
        status_text=STATUS_TEXT[app.status],
        summary=summary(db, app),
        exam_no=examinee.exam_no,
        name=examinee.name,
        id_number_masked=mask_id_number(examinee.id_number),
        prefecture_name=examinee.prefecture.name,
        submitted_at=app.submitted_at,
        updated_at=app.updated_at,
    )


# --- the examinee's side ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    key: str  # examinee:ID | staff:ID
    name: str  # shown in the history


def examinee_actor(examinee: Examinee) -> Actor:
    return Actor(f"examinee:{examinee.id}", Msg("考生 {name}", name=examinee.name))


def staff_actor(staff: StaffUser) -> Actor:
    return Actor(f"staff:{staff.id}", Msg("审核员 {name}", name=staff.name))


def transition(
    app: RecordApplication,
    ctx: AppContext,
    actor: Actor,
    action: str,
    to: ApplicationStatus,
    comment: str | None = None,
) -> None:
    now = ctx.clock.now()
    app.events.append(
        ApplicationEvent(
            at=now,
            actor=actor.key,
            actor_name=actor.name,
            action=action,
            from_status=app.status if app.events else None,
            to_status=to,
            comment=comment or None,
        )
    )
    app.status = to
    app.updated_at = now


def require_active(examinee: Examinee) -> None:
    if examinee.record_status is RecordStatus.TRANSFERRED_OUT:
        raise Conflict("考籍已转出外省，准考证号已锁定，不能再办理考籍业务", code="record_locked")
    if examinee.record_status is RecordStatus.GRADUATED:
        raise Conflict("您已毕业，考籍已归档，不能再办理考籍业务", code="record_locked")


def own_application(db: Session, examinee: Examinee, application_no: str) -> RecordApplication:
    app = db.scalar(select(RecordApplication).where(RecordApplication.application_no == application_no))
    if app is None or app.examinee_id != examinee.id:
        raise NotFound(Msg("申请 {application_no} 不存在", application_no=application_no), code="application_not_found")
    return app


def list_mine(db: Session, ctx: AppContext, examinee: Examinee) -> list[ApplicationPublic]:
    rows = db.scalars(
        select(RecordApplication)
        .where(RecordApplication.examinee_id == examinee.id)
        .order_by(RecordApplication.updated_at.desc(), RecordApplication.id.desc())
    )
    return [application_public(db, a, ctx) for a in rows]


def _other_open(db: Session, app: RecordApplication) -> RecordApplication | None:
    """Another unfinished application of the same kind (exemption: of the same course)."""
    stmt = select(RecordApplication).where(
        RecordApplication.examinee_id == app.examinee_id,
        RecordApplication.kind == app.kind,
        RecordApplication.status.in_(OPEN_STATUSES),
        RecordApplication.id != (app.id or 0),
    )
    for other in db.scalars(stmt):
        if app.kind is not ApplicationKind.EXEMPTION or (
            app.data.get("course_code") and other.data.get("course_code") == app.data.get("course_code")
        ):
            return other
    return None


def _refuse_duplicate(db: Session, app: RecordApplication) -> None:
    other = _other_open(db, app)
    if other is not None:
        what = KIND_TEXT[app.kind] + (Msg("（同一课程）") if app.kind is ApplicationKind.EXEMPTION else "")
        raise Conflict(
            Msg(
                "您已有一份未办结的{what}申请（{application_no}，{status}），请在该申请中继续",
                what=what,
                application_no=other.application_no,
                status=STATUS_TEXT[other.status],
            ),
            code="duplicate_application",
            details={"application_no": other.application_no},
        )


def create(
    db: Session, ctx: AppContext, examinee: Examinee, kind: ApplicationKind, raw: dict[str, Any], file_ids: list[int]
) -> ApplicationPublic:
    lock_examinee(db, examinee.id)
    require_active(examinee)
    data = parse_data(kind, raw)
    now = ctx.clock.now()
    app = RecordApplication(
        application_no=new_trade_no(
            db,
            ctx,
            ctx.settings.application_no_prefix,
            RecordApplication.application_no,  # type: ignore[arg-type]
        ),
        examinee_id=examinee.id,
        kind=kind,
        status=ApplicationStatus.DRAFT,
        data=data.model_dump(exclude_none=True),
        created_at=now,
        updated_at=now,
    )
    _refuse_duplicate(db, app)
    db.add(app)
    transition(app, ctx, examinee_actor(examinee), "create", ApplicationStatus.DRAFT)
    db.flush()
    uploads.attach(db, examinee.id, app.id, file_ids, ctx.settings.application_max_files, ctx.clock.now())
    db.commit()
    db.refresh(app)
    return application_public(db, app, ctx)


def update(
    db: Session, ctx: AppContext, examinee: Examinee, application_no: str, raw: dict[str, Any], file_ids: list[int]
) -> ApplicationPublic:
    """Save the draft (or the returned application being corrected)."""
    lock_examinee(db, examinee.id)
    app = own_application(db, examinee, application_no)
    if app.status not in EDITABLE:
        raise Conflict(
            Msg("申请状态为“{status}”，不能修改（可先撤回再修改）", status=STATUS_TEXT[app.status])
            if app.status is ApplicationStatus.SUBMITTED
            else Msg("申请状态为“{status}”，不能修改", status=STATUS_TEXT[app.status]),
            code="not_editable",
        )
    app.data = parse_data(app.kind, raw).model_dump(exclude_none=True)
    _refuse_duplicate(db, app)
    app.updated_at = ctx.clock.now()
    uploads.attach(db, examinee.id, app.id, file_ids, ctx.settings.application_max_files, ctx.clock.now())
    db.commit()
    db.refresh(app)
    return application_public(db, app, ctx)


def delete(db: Session, ctx: AppContext, examinee: Examinee, application_no: str) -> None:
    lock_examinee(db, examinee.id)
    app = own_application(db, examinee, application_no)
    if app.status is not ApplicationStatus.DRAFT or app.submitted_at is not None:
        raise Conflict("只能删除从未提交过的草稿", code="not_deletable")
    uploads.attach(db, examinee.id, app.id, [], ctx.settings.application_max_files, ctx.clock.now())
    db.delete(app)
    db.commit()


def submit(db: Session, ctx: AppContext, examinee: Examinee, application_no: str) -> ApplicationPublic:
    lock_examinee(db, examinee.id)
    app = own_application(db, examinee, application_no)
    if app.status not in EDITABLE:
        raise Conflict(Msg("申请状态为“{status}”，不能提交", status=STATUS_TEXT[app.status]), code="not_submittable")
    require_active(examinee)
    _refuse_duplicate(db, app)
    check_rules(db, ctx, examinee, app)
    action = "resubmit" if app.status is ApplicationStatus.RETURNED else "submit"
    app.submitted_at = ctx.clock.now()
    transition(app, ctx, examinee_actor(examinee), action, ApplicationStatus.SUBMITTED)
    audit(
        db,
        ctx,
        actor=f"examinee:{examinee.id}",
        action="record_application_submit",
        examinee_id=examinee.id,
        details={"application_no": app.application_no, "kind": app.kind.value},
    )
    db.commit()
    return application_public(db, app, ctx)


def withdraw(db: Session, ctx: AppContext, examinee: Examinee, application_no: str) -> ApplicationPublic:
    """A submitted application not yet under review goes back to draft."""
    lock_examinee(db, examinee.id)
    app = own_application(db, examinee, application_no)
    if app.status is not ApplicationStatus.SUBMITTED:
        reason = (
            Msg("审核员已开始审核")
            if app.status is ApplicationStatus.REVIEWING
            else Msg("状态为“{status}”", status=STATUS_TEXT[app.status])
        )
        raise Conflict(Msg("申请{reason}，不能撤回", reason=reason), code="not_withdrawable")
    transition(app, ctx, examinee_actor(examinee), "withdraw", ApplicationStatus.DRAFT)
    db.commit()
    return application_public(db, app, ctx)
