"""The rules of each kind of record application, checked on submit and again on approval.

Kept apart from the state transitions (records/service.py) and the reviewer's side
(records/review.py): what makes an application acceptable, including the exemption
credit cap and whether a paid registration locks the name and ID number.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend_mock import reference
from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.enrolment.service import hunan_area_codes
from backend_mock.errors import Conflict, Unprocessable, model_field_errors
from backend_mock.i18n import Msg, enumeration
from backend_mock.idnumber import IdNumberError, parse_id_number
from backend_mock.models import (
    PENDING_STATUSES,
    ApplicationKind,
    County,
    Course,
    CourseKind,
    Examinee,
    ExamSession,
    Exemption,
    Gender,
    Order,
    OrderStatus,
    RecordApplication,
    ScoreRecord,
)
from backend_mock.records.schemas import (
    CorrectionData,
    ExemptableCoursePublic,
    ExemptionCapPublic,
    ExemptionData,
    PrefectureChangeData,
    TransferInData,
    TransferOutData,
)
from backend_mock.reference import CourseInfo
from backend_mock.scores import service as scores
from backend_mock.settings import Settings
from zikao_common.fields import name_problem
from zikao_common.idnumber import PROVINCES
from zikao_common.numbers import is_ascii_digits, normalise_number

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


def invalid(field: str, message: str, code: str = "validation_error") -> Unprocessable:
    return Unprocessable(message, code=code, details={"fields": [{"field": f"data.{field}", "message": message}]})


def parse_data(kind: ApplicationKind, raw: dict[str, Any]) -> BaseModel:
    """The kind's data model from a JSON object; field errors say which field is wrong."""
    try:
        return DATA_MODELS[kind].model_validate(raw)
    except ValidationError as exc:
        fields = model_field_errors(DATA_MODELS[kind], exc.errors(), prefix="data.")
        raise Unprocessable(
            Msg("申请内容格式不正确：{problems}", problems=enumeration([f["message"] for f in fields], clauses=True)),
            details={"fields": fields},
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


def _plan_courses(db: Session, plan_id: int) -> list[CourseInfo]:
    return [course for _, course in reference.plan_courses(db, plan_id)]


def _passed_codes(db: Session, examinee_id: int) -> set[str]:
    """Passed in Hunan (any result on record) or transferred in from another province."""
    return set(
        db.scalars(select(ScoreRecord.course_code).where(ScoreRecord.examinee_id == examinee_id, ScoreRecord.passed))
    ) | scores.transferred_codes(db, examinee_id)


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
    awaiting review other than ``exclude_id``, plus ``course_code`` unless it is granted already.
    An approval counts only what is granted: the others are checked again when they are approved.
    Granted credits come from the one plan-progress calculation (``scores.done_courses``); results
    transferred in are passed results, never exemptions, so they do not count here.
    """
    plan = _plan_courses(db, examinee.plan_id)
    total = sum(c.credits for c in plan)
    allowed = int(total * ctx.settings.max_exempted_credit_ratio)
    done = scores.done_courses(db, ctx, examinee.id)
    _, granted = done.credits(plan)
    pending_apps = db.scalars(
        select(RecordApplication).where(
            RecordApplication.examinee_id == examinee.id,
            RecordApplication.kind == ApplicationKind.EXEMPTION,
            RecordApplication.status.in_(PENDING_STATUSES),
            RecordApplication.id != (exclude_id or 0),
        )
    )
    pending_codes = [
        str(a.data.get("course_code"))
        for a in pending_apps
        if a.data.get("course_code") and a.data.get("course_code") not in done.exempted
    ]
    pending = _course_credits(db, pending_codes) if count_pending else 0
    course = db.get(Course, course_code) if course_code else None
    # a course exempted (or passed) already is in the granted figure or needs no credits of the cap
    credits = course.credits if course and course.code not in done.exempted | done.passed else 0
    after = granted + pending + credits
    within = after <= allowed
    cap = ExemptionCapPublic(
        total_credits=total,
        allowed_credits=allowed,
        granted_credits=granted,
        pending_credits=pending,
        course_code=course.code if course else None,
        course_credits=credits,
        after_credits=after,
        within_cap=within,
        message="",
    )
    return cap.model_copy(update={"message": cap_message(cap, ctx.settings)})


def cap_message(cap: ExemptionCapPublic, settings: Settings) -> Msg:
    """The 50 % rule of ``cap`` in words (its ``message``; the refusal's when it is exceeded)."""
    percent = int(settings.max_exempted_credit_ratio * 100)
    if cap.within_cap:
        return Msg(
            "免考学分合计不超过专业计划总学分的{percent}%：申请后共{after}学分，上限{allowed}学分",
            percent=percent,
            after=cap.after_credits,
            allowed=cap.allowed_credits,
        )
    return Msg(
        "免考学分合计不能超过专业计划总学分（{total}学分）的{percent}%，即{allowed}学分；"
        "已免考{granted}学分，审核中{pending}学分，本课程{credits}学分，合计{after}学分，超出上限",
        total=cap.total_credits,
        percent=percent,
        allowed=cap.allowed_credits,
        granted=cap.granted_credits,
        pending=cap.pending_credits,
        credits=cap.course_credits,
        after=cap.after_credits,
    )


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
        _check_transfer_courses(db, ctx, examinee, data)
    elif isinstance(data, PrefectureChangeData):
        county = db.get(County, data.county_code) if data.county_code else None
        if county is None:
            raise invalid("county_code", "请选择转入的市州和区县")
        if county.prefecture_code == examinee.prefecture_code:
            raise invalid("county_code", Msg("您的考籍已在{name}，请选择其他市州", name=county.prefecture.name))


def _check_transfer_courses(db: Session, ctx: AppContext, examinee: Examinee, data: TransferInData) -> None:
    """Each course line: a 5-digit code of the examinee's plan, once, not passed or exempted here,
    with a passing score when a score is given (docs/rules.md#records-exemptions-transfers-certificates)."""
    plan = {c.code: c for c in _plan_courses(db, examinee.plan_id)}
    done = _passed_codes(db, examinee.id) | _exempted_codes(db, examinee.id)
    seen: set[str] = set()
    for line in data.courses:
        code = line.course_code.strip()
        if not (len(code) == 5 and is_ascii_digits(code)):
            raise invalid("courses", Msg("课程代码 {code} 应为5位数字", code=code))
        course = plan.get(code)
        if course is None:
            raise invalid("courses", Msg("课程 {code} 不在您的专业计划中，不能转入", code=code), "course_not_in_plan")
        if code in seen:
            raise invalid(
                "courses",
                Msg("课程 {code} {name}填写了两次，请删去一行", code=code, name=course.name),
                "course_repeated",
            )
        seen.add(code)
        if code in done:
            raise invalid("courses", Msg("{name}在本省已合格或已免考，无需转入", name=course.name), "course_done")
        if line.score is not None and line.score < ctx.settings.pass_score:
            raise invalid(
                "courses",
                Msg(
                    "{name}的成绩{score}分未及格（{pass_score}分及格），只能转入合格的课程",
                    name=course.name,
                    score=line.score,
                    pass_score=ctx.settings.pass_score,
                ),
                "course_not_passed",
            )


def _check_province_record(province_code: str | None, exam_no: str | None, settings: Settings) -> None:
    if not province_code or province_code not in PROVINCES:
        raise invalid("province_code", "请选择省份")
    if province_code == "43":
        raise invalid("province_code", "省内转考请使用“省内转考”申请")
    low, high = settings.other_province_exam_no_digits
    if not exam_no or not is_ascii_digits(exam_no) or not low <= len(exam_no) <= high:
        raise invalid("exam_no", Msg("请填写该省的准考证号（{low}–{high}位数字）", low=low, high=high))


def _check_correction(db: Session, ctx: AppContext, examinee: Examinee, data: CorrectionData) -> None:
    name = (data.name or "").strip()
    number = normalise_number(data.id_number or "")
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
                Msg("您已缴费报考{name}考次，考试结束前不能更正姓名或身份证号，请考试结束后再提交", name=session.name),
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
        raise invalid(
            "course_code",
            Msg("课程 {course_code} 不在您的专业计划中", course_code=data.course_code),
            "course_not_in_plan",
        )
    if course.kind is CourseKind.THESIS:
        raise invalid("course_code", "毕业论文（设计）不能免考", "course_not_exemptable")
    if data.course_code in _passed_codes(db, examinee.id):
        raise invalid("course_code", Msg("{name}已考试合格，无需免考", name=course.name), "course_passed")
    if data.course_code in _exempted_codes(db, examinee.id):
        raise invalid("course_code", Msg("{name}已免考", name=course.name), "course_exempted")
    cap = exemption_cap(db, ctx, examinee, data.course_code, exclude_id=app_id, count_pending=not approving)
    if not cap.within_cap:
        raise Conflict(cap_message(cap, ctx.settings), code="exemption_cap", details=cap.model_dump())
