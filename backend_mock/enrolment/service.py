"""新生报名: a new person applies; the prefecture office approves and an exam_no is issued.

exam_no = 2 digits prefecture + 2 digits county + 3 digits term (YY + 1 April / 2 October)
+ 5 digits serial.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.auth.passwords import hash_password, password_problem
from backend_mock.context import AppContext
from backend_mock.enrolment.schemas import EnrolmentPublic
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.idnumber import IdNumberError, parse_id_number
from backend_mock.masking import mask_id_number
from backend_mock.models import (
    County,
    EnrolmentApplication,
    EnrolmentStatus,
    Examinee,
    ExamSession,
    Gender,
    Major,
    Plan,
)
from backend_mock.photos import UploadError, check_photo
from zikao_common.fields import name_problem, phone_problem
from zikao_common.numbers import normalise_number


@dataclass(frozen=True)
class EnrolmentForm:
    name: str
    id_number: str
    phone: str
    county_code: str
    major_id: int
    password: str


def _invalid(field: str, message: str, code: str = "validation_error") -> Unprocessable:
    return Unprocessable(message, code=code, details={"fields": [{"field": field, "message": message}]})


def open_enrolment_session(db: Session, ctx: AppContext) -> ExamSession | None:
    now = ctx.clock.now()
    return db.scalar(select(ExamSession).where(ExamSession.enrolment_open <= now, ExamSession.enrolment_close > now))


def next_enrolment_session(db: Session, ctx: AppContext) -> ExamSession | None:
    return db.scalar(
        select(ExamSession)
        .where(ExamSession.enrolment_open > ctx.clock.now())
        .order_by(ExamSession.enrolment_open)
        .limit(1)
    )


def hunan_area_codes(db: Session) -> frozenset[str]:
    return frozenset(db.scalars(select(County.code)))


def submit(db: Session, ctx: AppContext, form: EnrolmentForm, photo: bytes) -> EnrolmentApplication:
    """Check every field, then file the application (approved at once in demo mode).  Commits."""
    session = open_enrolment_session(db, ctx)
    if session is None:
        upcoming = next_enrolment_session(db, ctx)
        hint = (
            Msg(
                "下一次新生报名时间为{enrolment_open:%Y年%m月%d日 %H:%M}至{enrolment_close:%m月%d日 %H:%M}",
                enrolment_open=upcoming.enrolment_open,
                enrolment_close=upcoming.enrolment_close,
            )
            if upcoming
            else Msg("请关注通知公告")
        )
        raise Conflict(Msg("现在不在新生报名时间内。{hint}", hint=hint), code="enrolment_closed")
    name = form.name.strip()
    if problem := name_problem(name):
        raise _invalid("name", problem)
    try:
        info = parse_id_number(form.id_number, hunan_area_codes(db), ctx.clock.now().date())
    except IdNumberError as exc:
        raise _invalid("id_number", exc.message, code=f"id_number_{exc.reason}") from None
    age = (ctx.clock.now().date() - info.birth_date).days // 365
    if age < 14:
        raise _invalid("id_number", "报名人须年满14周岁，请核对身份证号中的出生日期")
    phone = normalise_number(form.phone)  # stored as compared: ASCII digits
    if problem := phone_problem(phone):
        raise _invalid("phone", problem)
    county = db.get(County, form.county_code)
    if county is None:
        raise _invalid("county_code", "请选择报考所在的市州和区县")
    major = db.get(Major, form.major_id)
    if major is None:
        raise _invalid("major_id", "请选择报考专业")
    plan = db.scalar(select(Plan).where(Plan.major_id == major.id, Plan.current.is_(True)).limit(1))
    if plan is None:
        raise _invalid("major_id", Msg("专业“{name}”暂停招收新生，请选择其他专业", name=major.name))
    if problem := password_problem(form.password, ctx.settings):
        raise _invalid("password", problem, code="weak_password")
    try:
        stored = check_photo(photo, ctx.settings)
    except UploadError as exc:
        raise _invalid("photo", exc.message, code=f"photo_{exc.reason}") from None
    if db.scalar(select(Examinee.id).where(Examinee.id_number == info.number)) is not None:
        raise Conflict("该身份证号已有准考证号，请直接登录；忘记准考证号可用身份证号登录", code="already_examinee")
    pending = db.scalar(
        select(EnrolmentApplication).where(
            EnrolmentApplication.id_number == info.number,
            EnrolmentApplication.status == EnrolmentStatus.SUBMITTED,
        )
    )
    if pending is not None:
        raise Conflict(
            Msg(
                "该身份证号已提交过报名（报名号{application_no}），正在等待审核，无需重复提交",
                application_no=pending.application_no,
            ),
            code="already_submitted",
        )
    app = EnrolmentApplication(
        application_no=f"XS{ctx.clock.now():%Y%m%d}{secrets.randbelow(10**6):06d}",
        name=name,
        id_number=info.number,
        gender=Gender.MALE if info.is_male else Gender.FEMALE,
        birth_date=info.birth_date,
        phone=phone,
        prefecture_code=county.prefecture_code,
        county_code=county.code,
        major_id=major.id,
        password_hash=hash_password(form.password, ctx.settings),
        photo=stored.data,
        photo_name=stored.name,
        session_code=session.code,
        submitted_at=ctx.clock.now(),
    )
    db.add(app)
    db.flush()
    audit(db, ctx, actor="anonymous", action="enrolment_submitted", details={"application_no": app.application_no})
    if ctx.settings.auto_approve_enrolment:
        approve(db, ctx, app, decided_by="system:auto")
    db.commit()
    return app


def _term(session_code: str) -> str:
    year, month = session_code.split("-")
    return f"{year[2:]}{1 if month == '04' else 2}"


def issue_exam_no(db: Session, county: County, session_code: str) -> str:
    prefix = f"{county.prefecture_code[2:]}{county.exam_no_code}{_term(session_code)}"
    highest = db.scalar(select(func.max(Examinee.exam_no)).where(Examinee.exam_no.like(f"{prefix}%")))
    serial = int(highest[-5:]) + 1 if highest else 1
    if serial > 99999:
        raise Conflict("本考次该区县准考证号已用完，请联系自考办", code="exam_no_exhausted")
    return f"{prefix}{serial:05d}"


def approve(db: Session, ctx: AppContext, app: EnrolmentApplication, decided_by: str) -> Examinee:
    if app.status != EnrolmentStatus.SUBMITTED:
        raise Conflict("该报名已审核过", code="already_decided")
    county = db.get(County, app.county_code)
    assert county is not None
    plan = db.scalar(select(Plan).where(Plan.major_id == app.major_id, Plan.current.is_(True)).limit(1))
    if plan is None:
        raise Conflict("该专业暂停招收新生", code="major_closed")
    examinee = Examinee(
        exam_no=issue_exam_no(db, county, app.session_code),
        id_number=app.id_number,
        name=app.name,
        gender=app.gender,
        birth_date=app.birth_date,
        phone=app.phone,
        prefecture_code=app.prefecture_code,
        county_code=app.county_code,
        major_id=app.major_id,
        plan_id=plan.id,
        photo=app.photo,
        photo_name=app.photo_name,
        password_hash=app.password_hash,
        enrolled_at=ctx.clock.now(),
    )
    db.add(examinee)
    db.flush()
    app.status = EnrolmentStatus.APPROVED
    app.examinee_id = examinee.id
    app.decided_at = ctx.clock.now()
    app.decided_by = decided_by
    audit(
        db,
        ctx,
        actor=decided_by,
        action="enrolment_approved",
        examinee_id=examinee.id,
        details={"application_no": app.application_no, "exam_no": examinee.exam_no},
    )
    return examinee


def reject(
    db: Session,
    ctx: AppContext,
    app: EnrolmentApplication,
    decided_by: str,
    reason: str,
    status: EnrolmentStatus = EnrolmentStatus.REJECTED,
) -> None:
    """Refuse the application for good (``REJECTED``) or send it back to be corrected (``RETURNED``)."""
    if app.status != EnrolmentStatus.SUBMITTED:
        raise Conflict("该报名已审核过", code="already_decided")
    app.status = status
    app.decided_at = ctx.clock.now()
    app.decided_by = decided_by
    app.reason = reason
    action = "enrolment_returned" if status is EnrolmentStatus.RETURNED else "enrolment_rejected"
    audit(db, ctx, actor=decided_by, action=action, details={"application_no": app.application_no, "reason": reason})


def find_application(db: Session, application_no: str, id_number: str) -> EnrolmentApplication:
    app = db.scalar(
        select(EnrolmentApplication).where(
            EnrolmentApplication.application_no == normalise_number(application_no),
            EnrolmentApplication.id_number == normalise_number(id_number),
        )
    )
    if app is None:
        raise NotFound("没有找到该报名记录，请核对报名号和身份证号", code="enrolment_not_found")
    return app


def status_text(status: EnrolmentStatus) -> str:
    return {
        EnrolmentStatus.SUBMITTED: Msg("待审核"),
        EnrolmentStatus.APPROVED: Msg("审核通过，已分配准考证号"),
        EnrolmentStatus.RETURNED: Msg("已退回，请按退回原因修改后重新报名"),
        EnrolmentStatus.REJECTED: Msg("审核未通过"),
    }[status]


def enrolment_of(app: EnrolmentApplication) -> EnrolmentPublic:
    return EnrolmentPublic(
        application_no=app.application_no,
        status=app.status.value,  # type: ignore[arg-type]
        status_text=status_text(app.status),
        name=app.name,
        id_number_masked=mask_id_number(app.id_number),
        major_name=app.major.name,
        session_code=app.session_code,
        submitted_at=app.submitted_at,
        exam_no=app.examinee.exam_no if app.examinee else None,
        reason=app.reason,
    )
