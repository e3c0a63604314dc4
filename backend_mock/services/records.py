"""考籍管理 applications: 草稿 → 已提交 → 审核中 → 通过 | 退回 (correct and submit again) | 不通过.

Kinds: information correction, exemption (with the credit cap), transfer out (locks the record
when approved), transfer in (courses for review), change of home prefecture.  Drafts are kept on
the server, so nothing typed is lost with the client.  Every rule is checked on submit and the
ones that can change meanwhile (cap, open registration, record state) again on approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, Forbidden, NotFound, Unprocessable
from backend_mock.models import (
    OPEN_STATUSES,
    PENDING_STATUSES,
    ApplicationEvent,
    ApplicationKind,
    ApplicationStatus,
    County,
    Course,
    CourseKind,
    Examinee,
    ExamSession,
    Exemption,
    Gender,
    Order,
    OrderStatus,
    PlanCourse,
    RecordApplication,
    RecordStatus,
    ScoreRecord,
    StaffRole,
    StaffUser,
)
from backend_mock.schemas_records import (
    ApplicationPublic,
    CorrectionData,
    EventPublic,
    ExemptableCoursePublic,
    ExemptionCapPublic,
    ExemptionData,
    PrefectureChangeData,
    ReviewItemPublic,
    TransferInData,
    TransferOutData,
)
from backend_mock.services import uploads
from backend_mock.services.audit import audit
from backend_mock.services.enrolment import hunan_area_codes
from backend_mock.services.idnumber import IdNumberError, parse_id_number
from backend_mock.services.masking import mask_id_number
from backend_mock.services.orders import lock_examinee, new_trade_no
from backend_mock.settings import Settings
from zikao_common.fields import name_problem
from zikao_common.idnumber import PROVINCES

KIND_TEXT = {
    ApplicationKind.CORRECTION: "信息更正",
    ApplicationKind.EXEMPTION: "课程免考",
    ApplicationKind.TRANSFER_OUT: "转出外省",
    ApplicationKind.TRANSFER_IN: "外省转入",
    ApplicationKind.PREFECTURE_CHANGE: "省内转考",
}

STATUS_TEXT = {
    ApplicationStatus.DRAFT: "草稿",
    ApplicationStatus.SUBMITTED: "已提交",
    ApplicationStatus.REVIEWING: "审核中",
    ApplicationStatus.APPROVED: "通过",
    ApplicationStatus.RETURNED: "退回",
    ApplicationStatus.REJECTED: "不通过",
}

ACTION_TEXT = {
    "create": "创建草稿",
    "submit": "提交申请",
    "resubmit": "修改后重新提交",
    "withdraw": "撤回申请",
    "start": "开始审核",
    "approve": "审核通过",
    "return": "退回修改",
    "reject": "审核不通过",
}

DATA_MODELS: dict[ApplicationKind, type[BaseModel]] = {
    ApplicationKind.CORRECTION: CorrectionData,
    ApplicationKind.EXEMPTION: ExemptionData,
    ApplicationKind.TRANSFER_OUT: TransferOutData,
    ApplicationKind.TRANSFER_IN: TransferInData,
    ApplicationKind.PREFECTURE_CHANGE: PrefectureChangeData,
}

# kinds that need at least one proof file
NEEDS_PROOF = frozenset(
    {ApplicationKind.CORRECTION, ApplicationKind.EXEMPTION, ApplicationKind.TRANSFER_OUT, ApplicationKind.TRANSFER_IN}
)
EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


def invalid(field: str, message: str, code: str = "validation_error") -> Unprocessable:
    return Unprocessable(message, code=code, details={"fields": [{"field": f"data.{field}", "message": message}]})


def parse_data(kind: ApplicationKind, raw: dict[str, Any]) -> BaseModel:
    """The kind's data model from a JSON object; field errors say which field is wrong."""
    try:
        return DATA_MODELS[kind].model_validate(raw)
    except ValidationError as exc:
        fields = [
            {"field": "data." + ".".join(str(p) for p in e["loc"]), "message": f"{'.'.join(map(str, e['loc']))}不正确"}
            for e in exc.errors()
        ]
        raise Unprocessable(
            "申请内容格式不正确：" + "；".join(f["message"] for f in fields), details={"fields": fields}
        ) from None


# --- look-ups ---------------------------------------------------------------------------------------------


def paid_open_session(db: Session, ctx: AppContext, examinee_id: int) -> ExamSession | None:
    """A session whose exams are not over yet for which the examinee has paid (name/ID are locked then)."""
    return db.scalar(
        select(ExamSession)
        .join(Order, Order.session_code == ExamSession.code)
        .where(
            Order.examinee_id == examinee_id,
            Order.status == OrderStatus.PAID,
            ExamSession.ticket_print_close > ctx.clock.now(),
        )
        .limit(1)
    )


def _plan_courses(db: Session, plan_id: int) -> list[Course]:
    return list(
        db.scalars(
            select(Course).join(PlanCourse, PlanCourse.course_code == Course.code).where(PlanCourse.plan_id == plan_id)
        )
    )


def _passed_codes(db: Session, examinee_id: int) -> set[str]:
    return set(
        db.scalars(select(ScoreRecord.course_code).where(ScoreRecord.examinee_id == examinee_id, ScoreRecord.passed))
    )


def _exempted_codes(db: Session, examinee_id: int) -> set[str]:
    return set(db.scalars(select(Exemption.course_code).where(Exemption.examinee_id == examinee_id)))


def exemptable_courses(db: Session, examinee: Examinee) -> list[ExemptableCoursePublic]:
    """Courses of the plan that may be applied for: not thesis, not passed, not exempted yet."""
    done = _passed_codes(db, examinee.id) | _exempted_codes(db, examinee.id)
    return [
        ExemptableCoursePublic(code=c.code, name=c.name, credits=c.credits)
        for c in sorted(_plan_courses(db, examinee.plan_id), key=lambda c: c.code)
        if c.kind is not CourseKind.THESIS and c.code not in done
    ]


def _course_credits(db: Session, codes: list[str]) -> int:
    if not codes:
        return 0
    return int(db.scalar(select(func.coalesce(func.sum(Course.credits), 0)).where(Course.code.in_(codes))) or 0)


def exemption_cap(
    db: Session,
    ctx: AppContext,
    examinee: Examinee,
    course_code: str | None,
    exclude_id: int | None = None,
    *,
    count_pending: bool = True,
) -> ExemptionCapPublic:
    """Exempted credits may reach ``max_exempted_credit_ratio`` of the plan's total credits.

    Counted: exemptions granted, plus (before submitting, ``count_pending``) exemption applications
    awaiting review other than ``exclude_id``, plus ``course_code``.  An approval counts only what
    is granted: the others are checked again when they are approved.
    """
    total = sum(c.credits for c in _plan_courses(db, examinee.plan_id))
    allowed = int(total * ctx.settings.max_exempted_credit_ratio)
    granted = int(
        db.scalar(
            select(func.coalesce(func.sum(Course.credits), 0))
            .join(Exemption, Exemption.course_code == Course.code)
            .where(Exemption.examinee_id == examinee.id)
        )
        or 0
    )
    pending_apps = db.scalars(
        select(RecordApplication).where(
            RecordApplication.examinee_id == examinee.id,
            RecordApplication.kind == ApplicationKind.EXEMPTION,
            RecordApplication.status.in_(PENDING_STATUSES),
            RecordApplication.id != (exclude_id or 0),
        )
    )
    pending_codes = [str(a.data.get("course_code")) for a in pending_apps if a.data.get("course_code")]
    pending = _course_credits(db, pending_codes) if count_pending else 0
    course = db.get(Course, course_code) if course_code else None
    credits = course.credits if course else 0
    after = granted + pending + credits
    within = after <= allowed
    percent = int(ctx.settings.max_exempted_credit_ratio * 100)
    if within:
        message = f"免考学分合计不超过专业计划总学分的{percent}%：申请后共{after}学分，上限{allowed}学分"
    else:
        message = (
            f"免考学分合计不能超过专业计划总学分（{total}学分）的{percent}%，即{allowed}学分；"
            f"已免考{granted}学分，审核中{pending}学分，本课程{credits}学分，合计{after}学分，超出上限"
        )
    return ExemptionCapPublic(
        total_credits=total,
        allowed_credits=allowed,
        granted_credits=granted,
        pending_credits=pending,
        course_code=course.code if course else None,
        course_credits=credits,
        after_credits=after,
        within_cap=within,
        message=message,
    )


# --- presenting -------------------------------------------------------------------------------------------


def summary(db: Session, app: RecordApplication) -> str:
    d = app.data
    if app.kind is ApplicationKind.CORRECTION:
        labels = {"name": "姓名", "id_number": "身份证号", "gender": "性别"}
        parts = [labels[k] for k in labels if d.get(k)]
        return "更正" + "、".join(parts) if parts else "（尚未填写更正内容）"
    if app.kind is ApplicationKind.EXEMPTION:
        code = d.get("course_code")
        course = db.get(Course, code) if code else None
        return f"{course.code} {course.name}（{course.credits}学分）" if course else "（尚未选择课程）"
    if app.kind in (ApplicationKind.TRANSFER_OUT, ApplicationKind.TRANSFER_IN):
        province = PROVINCES.get(str(d.get("province_code") or ""), "")
        verb = "转往" if app.kind is ApplicationKind.TRANSFER_OUT else "转自"
        return f"{verb}{province}" if province else "（尚未选择省份）"
    county = db.get(County, d.get("county_code")) if d.get("county_code") else None
    return f"转至{county.prefecture.name}{county.name}" if county else "（尚未选择区县）"


def transfer_confirm_by(now: datetime, settings: Settings, kind: ApplicationKind) -> datetime | None:
    """The next on-site confirmation deadline of a transfer (SessionCalendar): 02-15 / 08-15 for
    transfers out, 03-26 / 09-26 for transfers in.  Later ones count for the session after."""
    if kind not in (ApplicationKind.TRANSFER_OUT, ApplicationKind.TRANSFER_IN):
        return None
    candidates = []
    for year in (now.year, now.year + 1):
        for cal in (settings.april, settings.october):
            point = cal.transfer_out_confirm_by if kind is ApplicationKind.TRANSFER_OUT else cal.transfer_in_confirm_by
            candidates.append(datetime.combine(date(year, point.month, point.day), point.at, tzinfo=CHINA_TZ))
    return min(c for c in candidates if c > now)


def deadline_note(app: RecordApplication, ctx: AppContext) -> str | None:
    if app.status not in (*EDITABLE, *PENDING_STATUSES):
        return None
    moment = transfer_confirm_by(ctx.clock.now(), ctx.settings, app.kind)
    if moment is None:
        return None
    return (
        f"请于{moment.year}年{moment.month}月{moment.day}日前提交并持身份证到市州自考办现场确认；"
        "逾期办理的顺延至下一考次"
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
        events=[
            EventPublic(
                at=e.at,
                actor_name=e.actor_name,
                action=e.action,
                action_text=ACTION_TEXT.get(e.action, e.action),
                from_status=e.from_status.value if e.from_status else None,
                to_status=e.to_status.value,
                to_status_text=STATUS_TEXT[e.to_status],
                comment=e.comment,
            )
            for e in app.events
        ],
    )


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
    return Actor(f"examinee:{examinee.id}", f"考生 {examinee.name}")


def staff_actor(staff: StaffUser) -> Actor:
    return Actor(f"staff:{staff.id}", f"审核员 {staff.name}")


def _event(
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


def _require_active(examinee: Examinee) -> None:
    if examinee.record_status is RecordStatus.TRANSFERRED_OUT:
        raise Conflict("考籍已转出外省，准考证号已锁定，不能再办理考籍业务", code="record_locked")
    if examinee.record_status is RecordStatus.GRADUATED:
        raise Conflict("您已毕业，考籍已归档，不能再办理考籍业务", code="record_locked")


def own_application(db: Session, examinee: Examinee, application_no: str) -> RecordApplication:
    app = db.scalar(select(RecordApplication).where(RecordApplication.application_no == application_no))
    if app is None or app.examinee_id != examinee.id:
        raise NotFound(f"申请 {application_no} 不存在", code="application_not_found")
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
        what = KIND_TEXT[app.kind] + ("（同一课程）" if app.kind is ApplicationKind.EXEMPTION else "")
        raise Conflict(
            f"您已有一份未办结的{what}申请（{other.application_no}，{STATUS_TEXT[other.status]}），请在该申请中继续",
            code="duplicate_application",
            details={"application_no": other.application_no},
        )


def create(
    db: Session, ctx: AppContext, examinee: Examinee, kind: ApplicationKind, raw: dict[str, Any], file_ids: list[int]
) -> ApplicationPublic:
    lock_examinee(db, examinee.id)
    _require_active(examinee)
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
    _event(app, ctx, examinee_actor(examinee), "create", ApplicationStatus.DRAFT)
    db.flush()
    uploads.attach(db, examinee.id, app.id, file_ids, ctx.settings.application_max_files)
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
            f"申请状态为“{STATUS_TEXT[app.status]}”，不能修改"
            + ("（可先撤回再修改）" if app.status is ApplicationStatus.SUBMITTED else ""),
            code="not_editable",
        )
    app.data = parse_data(app.kind, raw).model_dump(exclude_none=True)
    _refuse_duplicate(db, app)
    app.updated_at = ctx.clock.now()
    uploads.attach(db, examinee.id, app.id, file_ids, ctx.settings.application_max_files)
    db.commit()
    db.refresh(app)
    return application_public(db, app, ctx)


def delete(db: Session, ctx: AppContext, examinee: Examinee, application_no: str) -> None:
    lock_examinee(db, examinee.id)
    app = own_application(db, examinee, application_no)
    if app.status is not ApplicationStatus.DRAFT or app.submitted_at is not None:
        raise Conflict("只能删除从未提交过的草稿", code="not_deletable")
    uploads.attach(db, examinee.id, app.id, [], ctx.settings.application_max_files)
    db.delete(app)
    db.commit()


def submit(db: Session, ctx: AppContext, examinee: Examinee, application_no: str) -> ApplicationPublic:
    lock_examinee(db, examinee.id)
    app = own_application(db, examinee, application_no)
    if app.status not in EDITABLE:
        raise Conflict(f"申请状态为“{STATUS_TEXT[app.status]}”，不能提交", code="not_submittable")
    _require_active(examinee)
    _refuse_duplicate(db, app)
    check_rules(db, ctx, examinee, app)
    action = "resubmit" if app.status is ApplicationStatus.RETURNED else "submit"
    app.submitted_at = ctx.clock.now()
    _event(app, ctx, examinee_actor(examinee), action, ApplicationStatus.SUBMITTED)
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
            "审核员已开始审核" if app.status is ApplicationStatus.REVIEWING else f"状态为“{STATUS_TEXT[app.status]}”"
        )
        raise Conflict(f"申请{reason}，不能撤回", code="not_withdrawable")
    _event(app, ctx, examinee_actor(examinee), "withdraw", ApplicationStatus.DRAFT)
    db.commit()
    return application_public(db, app, ctx)


# --- the rules of each kind -------------------------------------------------------------------------------


def check_rules(
    db: Session, ctx: AppContext, examinee: Examinee, app: RecordApplication, *, approving: bool = False
) -> None:
    """Everything a complete application must satisfy (on submit; the changing ones again on approval)."""
    data = parse_data(app.kind, app.data)
    if app.kind in NEEDS_PROOF and not app.files:
        raise invalid("files", "请上传证明材料（身份证、户口簿、证书或成绩单等的扫描件或照片）", "proof_missing")
    if isinstance(data, CorrectionData):
        _check_correction(db, ctx, examinee, data)
    elif isinstance(data, ExemptionData):
        _check_exemption(db, ctx, examinee, data, app.id, approving)
    elif isinstance(data, TransferOutData):
        _check_province_record(data.province_code, data.exam_no, ctx.settings)
        if not data.passed_courses:
            raise invalid("passed_courses", "转出需要转入省已有至少1门合格课程的考籍", "no_passed_course")
    elif isinstance(data, TransferInData):
        _check_province_record(data.province_code, data.exam_no, ctx.settings)
        if not data.courses:
            raise invalid("courses", "请至少填写1门在外省已合格的课程")
        for course in data.courses:
            if not (len(course.course_code) == 5 and course.course_code.isdigit()):
                raise invalid("courses", f"课程代码 {course.course_code} 应为5位数字")
    elif isinstance(data, PrefectureChangeData):
        county = db.get(County, data.county_code) if data.county_code else None
        if county is None:
            raise invalid("county_code", "请选择转入的市州和区县")
        if county.prefecture_code == examinee.prefecture_code:
            raise invalid("county_code", f"您的考籍已在{county.prefecture.name}，请选择其他市州")


def _check_province_record(province_code: str | None, exam_no: str | None, settings: Settings) -> None:
    if not province_code or province_code not in PROVINCES:
        raise invalid("province_code", "请选择省份")
    if province_code == "43":
        raise invalid("province_code", "省内转考请使用“省内转考”申请")
    low, high = settings.other_province_exam_no_digits
    if not exam_no or not exam_no.isdigit() or not low <= len(exam_no) <= high:
        raise invalid("exam_no", f"请填写该省的准考证号（{low}–{high}位数字）")


def _check_correction(db: Session, ctx: AppContext, examinee: Examinee, data: CorrectionData) -> None:
    name = (data.name or "").strip()
    number = (data.id_number or "").strip().upper()
    changes = {
        "name": bool(name) and name != examinee.name,
        "id_number": bool(number) and number != examinee.id_number,
        "gender": bool(data.gender) and data.gender != examinee.gender.value,
    }
    if not any(changes.values()):
        raise invalid("name", "请至少填写一项与现有信息不同的更正内容（姓名、身份证号或性别）", "nothing_to_correct")
    if changes["name"] and (problem := name_problem(name)):
        raise invalid("name", problem)
    is_male = examinee.gender is Gender.MALE if not data.gender else data.gender == Gender.MALE.value
    if changes["id_number"]:
        try:
            info = parse_id_number(number, hunan_area_codes(db), ctx.clock.now().date())
        except IdNumberError as exc:
            raise invalid("id_number", exc.message, f"id_number_{exc.reason}") from None
        taken = db.scalar(select(Examinee.id).where(Examinee.id_number == info.number, Examinee.id != examinee.id))
        if taken is not None:
            raise invalid("id_number", "该身份证号已有考籍，请到市州自考办核实", "id_number_taken")
        if info.is_male != is_male:
            raise invalid("gender", "性别与身份证号第17位不一致，请一并更正性别", "gender_mismatch")
    elif changes["gender"]:
        current = parse_id_number(examinee.id_number)
        if current.is_male != is_male:
            raise invalid("gender", "性别与身份证号第17位不一致：如身份证号有误，请一并更正", "gender_mismatch")
    if changes["name"] or changes["id_number"]:
        session = paid_open_session(db, ctx, examinee.id)
        if session is not None:
            raise Conflict(
                f"您已缴费报考{session.name}考次，考试结束前不能更正姓名或身份证号，请考试结束后再提交",
                code="locked_by_registration",
            )


def _check_exemption(
    db: Session, ctx: AppContext, examinee: Examinee, data: ExemptionData, app_id: int | None, approving: bool
) -> None:
    if not data.course_code:
        raise invalid("course_code", "请选择申请免考的课程")
    if not (data.basis or "").strip():
        raise invalid("basis", "请填写免考依据（证书名称或已合格课程）")
    codes = {c.code: c for c in _plan_courses(db, examinee.plan_id)}
    course = codes.get(data.course_code)
    if course is None:
        raise invalid("course_code", f"课程 {data.course_code} 不在您的专业计划中", "course_not_in_plan")
    if course.kind is CourseKind.THESIS:
        raise invalid("course_code", "毕业论文（设计）不能免考", "course_not_exemptable")
    if data.course_code in _passed_codes(db, examinee.id):
        raise invalid("course_code", f"{course.name}已考试合格，无需免考", "course_passed")
    if data.course_code in _exempted_codes(db, examinee.id):
        raise invalid("course_code", f"{course.name}已免考", "course_exempted")
    cap = exemption_cap(db, ctx, examinee, data.course_code, exclude_id=app_id, count_pending=not approving)
    if not cap.within_cap:
        raise Conflict(cap.message, code="exemption_cap", details=cap.model_dump())


# --- the reviewer's side ----------------------------------------------------------------------------------


def _in_scope(db: Session, staff: StaffUser, application_no: str) -> tuple[RecordApplication, Examinee]:
    app = db.scalar(select(RecordApplication).where(RecordApplication.application_no == application_no))
    examinee = db.get(Examinee, app.examinee_id) if app else None
    if app is None or examinee is None or examinee.prefecture_code != staff.prefecture_code:
        raise NotFound(f"申请 {application_no} 不存在或不属于本市州", code="application_not_found")
    return app, examinee


def review_list(
    db: Session, staff: StaffUser, status: str | None, kind: str | None, query: str | None
) -> tuple[list[ReviewItemPublic], dict[str, int]]:
    base = (
        select(RecordApplication, Examinee)
        .join(Examinee, Examinee.id == RecordApplication.examinee_id)
        .where(Examinee.prefecture_code == staff.prefecture_code, RecordApplication.status != ApplicationStatus.DRAFT)
    )
    counts = {s.value: 0 for s in ApplicationStatus if s is not ApplicationStatus.DRAFT}
    for st, n in db.execute(
        select(RecordApplication.status, func.count())
        .join(Examinee, Examinee.id == RecordApplication.examinee_id)
        .where(Examinee.prefecture_code == staff.prefecture_code, RecordApplication.status != ApplicationStatus.DRAFT)
        .group_by(RecordApplication.status)
    ).all():
        counts[st.value] = int(n)
    stmt = base
    if status:
        stmt = stmt.where(RecordApplication.status == ApplicationStatus(status))
    if kind:
        stmt = stmt.where(RecordApplication.kind == ApplicationKind(kind))
    if query:
        stmt = stmt.where((Examinee.exam_no == query.strip()) | (Examinee.name == query.strip()))
    rows = db.execute(stmt.order_by(RecordApplication.submitted_at, RecordApplication.id)).all()
    return [review_item(db, a, e) for a, e in rows], counts


def review_detail(db: Session, ctx: AppContext, staff: StaffUser, application_no: str) -> tuple[Any, ...]:
    app, examinee = _in_scope(db, staff, application_no)
    if app.status is ApplicationStatus.DRAFT:
        raise NotFound(f"申请 {application_no} 尚未提交", code="application_not_found")
    cap = None
    if app.kind is ApplicationKind.EXEMPTION:
        code = app.data.get("course_code")
        cap = exemption_cap(db, ctx, examinee, str(code) if code else None, exclude_id=app.id)
    return review_item(db, app, examinee), application_public(db, app, ctx), cap


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
    allowed = {
        "start": (ApplicationStatus.SUBMITTED,),
        "approve": PENDING_STATUSES,
        "return": PENDING_STATUSES,
        "reject": PENDING_STATUSES,
    }[decision]
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
        raise Conflict(
            f"申请状态为“{STATUS_TEXT[app.status]}”，不能{ACTION_TEXT[decision]}",
            code="invalid_transition",
            details={"status": app.status.value},
        )
    if decision in ("return", "reject") and not comment:
        raise Unprocessable("退回或不通过时必须填写原因，考生会看到这段说明", code="reason_required")
    if decision == "approve":
        try:
            _require_active(examinee)
            check_rules(db, ctx, examinee, app, approving=True)
        except (Conflict, Unprocessable) as exc:
            audit(
                db, ctx, actor=f"staff:{staff.id}", action="record_review_approve", result="refused",
                examinee_id=examinee.id, details={**details, "code": exc.code},
            )  # fmt: skip
            db.commit()
            raise
        _apply(db, ctx, examinee, app, staff)
    if decision != "start":
        app.decided_at = ctx.clock.now()
        app.reason = comment or None
    _event(app, ctx, staff_actor(staff), decision, target, comment)
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
    elif isinstance(data, TransferOutData):
        examinee.record_status = RecordStatus.TRANSFERRED_OUT
    elif isinstance(data, PrefectureChangeData) and data.county_code:
        county = db.get(County, data.county_code)
        if county is not None:
            examinee.prefecture_code = county.prefecture_code
            examinee.county_code = county.code


def require_reviewer(staff: StaffUser | None) -> StaffUser:
    if staff is None or not staff.active:
        raise Forbidden("工作人员账号不存在或已停用", code="staff_only")
    if staff.role is not StaffRole.REVIEWER:
        raise Forbidden("审核考籍申请需要审核员权限", code="reviewer_only")
    return staff
