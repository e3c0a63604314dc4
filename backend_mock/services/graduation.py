"""毕业申请, the examinee's side: eligibility, the application window, the application itself.

Eligibility is derived from ``services.scores.progress`` (the same count of passed and exempted
courses the 学习进度 tab shows), plus the two things progress does not know: the record status
and, for 本科, the verified prior 专科 diploma.  Every missing piece is named precisely.

States: 草稿 → 已提交 → 初审通过 | 初审不通过 → 现场确认 → 终审通过 | 不通过 → 证书已发放, and 退回
(from the initial review or the counter) back to the examinee, who corrects and resubmits.  The
staff's transitions live in services/graduation_staff.py.  A draft is created and submitted only
inside the window (graduation_open .. graduation_close of a session, server clock); a returned
application may be resubmitted after the window closed, since the review follows the window.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.models import (
    OPEN_GRADUATION_STATUSES,
    Examinee,
    ExamSession,
    GraduationApplication,
    GraduationEvent,
    GraduationStatus,
    Plan,
    RecordStatus,
    UploadedFile,
)
from backend_mock.schemas_graduation import (
    EligibilityPublic,
    GraduationDraft,
    GraduationLimitsPublic,
    GraduationOverviewPublic,
    GraduationPublic,
    MaterialPublic,
    MissingCoursePublic,
    MissingReasonPublic,
    ResumeEntry,
    WindowPublic,
)
from backend_mock.schemas_notices import DeadlinePublic
from backend_mock.schemas_scores import RemainingCoursePublic
from backend_mock.services import scores, uploads
from backend_mock.services.audit import audit
from backend_mock.services.orders import lock_examinee, new_trade_no
from backend_mock.services.photos import UploadError, check_photo
from backend_mock.services.records import events_public
from backend_mock.settings import Settings

if TYPE_CHECKING:
    from backend_mock.services.deadlines import Subject

FMT = "%Y年%m月%d日 %H:%M"

STATUS_TEXT = {
    GraduationStatus.DRAFT: "草稿",
    GraduationStatus.SUBMITTED: "已提交",
    GraduationStatus.RETURNED: "退回",
    GraduationStatus.FIRST_PASSED: "初审通过",
    GraduationStatus.FIRST_FAILED: "初审不通过",
    GraduationStatus.CONFIRMED: "现场确认",
    GraduationStatus.FINAL_PASSED: "终审通过",
    GraduationStatus.FINAL_FAILED: "不通过",
    GraduationStatus.ISSUED: "证书已发放",
}

ACTION_TEXT = {
    "create": "创建草稿",
    "submit": "提交申请",
    "resubmit": "修改后重新提交",
    "first_approve": "初审通过",
    "first_reject": "初审不通过",
    "return": "退回修改",
    "confirm": "现场确认",
    "final_approve": "终审通过",
    "final_reject": "终审不通过",
    "issue": "发放毕业证书",
}

MATERIAL_TEXT = {
    "id_copy": "身份证复印件",
    "prior_diploma": "前置学历（专科）毕业证书复印件",
    "photo": "浅蓝底证件照",
    "receipt": "签字确认的毕业申请回执",
}

EDITABLE = (GraduationStatus.DRAFT, GraduationStatus.RETURNED)
_YEAR_MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")


# --- eligibility -------------------------------------------------------------------------------------------


def _plan(db: Session, examinee: Examinee) -> Plan:
    plan = db.get(Plan, examinee.plan_id)
    if plan is None:
        raise NotFound("未找到您的专业计划，请联系自考办", code="plan_not_found")
    return plan


def _courses(rows: list[RemainingCoursePublic]) -> list[MissingCoursePublic]:
    return [MissingCoursePublic(code=c.code, name=c.name, kind=c.kind, credits=c.credits) for c in rows]


def eligibility(db: Session, ctx: AppContext, examinee: Examinee) -> EligibilityPublic:
    """Whether ``examinee`` may graduate now, and if not, each missing piece (commits: reads only)."""
    progress = scores.progress(db, ctx, examinee)
    plan = _plan(db, examinee)
    reasons: list[MissingReasonPublic] = []
    if examinee.record_status is RecordStatus.TRANSFERRED_OUT:
        reasons.append(MissingReasonPublic(code="record_status", text="考籍已转出外省，不能在本省申请毕业"))
    elif examinee.record_status is RecordStatus.GRADUATED:
        reasons.append(MissingReasonPublic(code="record_status", text="您已毕业，毕业证书已发放"))
    required = [c for c in progress.remaining if c.required and c.kind != "thesis"]
    if required:
        names = "、".join(f"{c.code} {c.name}" for c in required)
        reasons.append(
            MissingReasonPublic(
                code="required_courses",
                text=f"还有{len(required)}门必考课程未通过（或未免考）：{names}",
                courses=[
                    MissingCoursePublic(code=c.code, name=c.name, kind=c.kind, credits=c.credits) for c in required
                ],
                missing=len(required),
            )
        )
    credits_done = progress.credits_passed + progress.credits_exempted
    if credits_done < progress.min_credits:
        short = progress.min_credits - credits_done
        reasons.append(
            MissingReasonPublic(
                code="credits",
                text=f"已取得{credits_done}学分，专业计划要求至少{progress.min_credits}学分，还差{short}学分",
                missing=short,
            )
        )
    courses_done = progress.courses_passed + progress.courses_exempted
    if courses_done < progress.min_courses:
        short = progress.min_courses - courses_done
        reasons.append(
            MissingReasonPublic(
                code="course_count",
                text=f"已通过（含免考）{courses_done}门课程，专业计划要求至少{progress.min_courses}门，还差{short}门",
                missing=short,
            )
        )
    thesis_total = sum(k.total for k in progress.by_kind if k.kind == "thesis")
    thesis_left = [c for c in progress.remaining if c.kind == "thesis"]
    thesis_required = progress.level == "本科" and thesis_total > 0
    if thesis_required and thesis_left:
        names = "、".join(f"{c.code} {c.name}" for c in thesis_left)
        reasons.append(
            MissingReasonPublic(
                code="thesis",
                text=f"毕业论文（设计）尚未通过：{names}",
                courses=[
                    MissingCoursePublic(code=c.code, name=c.name, kind=c.kind, credits=c.credits) for c in thesis_left
                ],
                missing=len(thesis_left),
            )
        )
    prior_required = plan.requires_prior_diploma or progress.level == "本科"
    if prior_required and not examinee.prior_diploma_verified:
        reasons.append(
            MissingReasonPublic(
                code="prior_diploma",
                text="本科毕业须有经核验的专科（或以上）前置学历记录，您的前置学历尚未核验，请持毕业证书原件到市州自考办办理核验",
            )
        )
    eligible = not reasons
    return EligibilityPublic(
        eligible=eligible,
        message=f"您已满足{progress.level}毕业条件，可在毕业申请时间内提交毕业申请"
        if eligible
        else f"您暂未满足毕业条件，还差以下{len(reasons)}项",
        level=progress.level,
        major_code=progress.major_code,
        major_name=progress.major_name,
        plan_version=progress.plan_version,
        min_credits=progress.min_credits,
        credits_done=credits_done,
        min_courses=progress.min_courses,
        courses_done=courses_done,
        required_total=progress.required_total,
        required_done=progress.required_done,
        thesis_required=thesis_required,
        thesis_passed=thesis_required and not thesis_left,
        prior_diploma_required=prior_required,
        prior_diploma_verified=examinee.prior_diploma_verified,
        reasons=reasons,
    )


def require_eligible(db: Session, ctx: AppContext, examinee: Examinee) -> EligibilityPublic:
    result = eligibility(db, ctx, examinee)
    if not result.eligible:
        raise Conflict(
            "您暂未满足毕业条件：" + "；".join(r.text for r in result.reasons),
            code="not_eligible",
            details={"reasons": [r.model_dump() for r in result.reasons]},
        )
    return result


# --- the window --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    open: bool
    session: ExamSession | None  # the open window's session, else the next one (None: none planned)


def current_window(db: Session, now: datetime) -> Window:
    session = db.scalar(
        select(ExamSession)
        .where(ExamSession.graduation_open <= now, ExamSession.graduation_close > now)
        .order_by(ExamSession.code)
        .limit(1)
    )
    if session is not None:
        return Window(True, session)
    upcoming = db.scalar(
        select(ExamSession).where(ExamSession.graduation_open > now).order_by(ExamSession.graduation_open).limit(1)
    )
    return Window(False, upcoming)


def _local(moment: datetime) -> datetime:
    return moment.astimezone(CHINA_TZ) if moment.tzinfo else moment


def window_public(win: Window) -> WindowPublic:
    s = win.session
    if s is None:
        text = "当前不在毕业申请时间内，下一次毕业申请时间尚未公布，请关注通知公告"
        return WindowPublic(open=False, session_code=None, session_name=None, opens_at=None, closes_at=None, text=text)
    span = f"{_local(s.graduation_open):{FMT}}至{_local(s.graduation_close):{FMT}}"
    text = (
        f"{s.name}毕业申请正在进行：{span}，请在截止前提交"
        if win.open
        else f"当前不在毕业申请时间内。下一次毕业申请时间：{span}"
    )
    return WindowPublic(
        open=win.open,
        session_code=s.code,
        session_name=s.name,
        opens_at=s.graduation_open,
        closes_at=s.graduation_close,
        text=text,
    )


def require_open_window(db: Session, ctx: AppContext) -> ExamSession:
    win = current_window(db, ctx.clock.now())
    if not win.open or win.session is None:
        public = window_public(win)
        raise Conflict(
            public.text,
            code="graduation_window_closed",
            details={
                "opens_at": public.opens_at.isoformat() if public.opens_at else None,
                "closes_at": public.closes_at.isoformat() if public.closes_at else None,
            },
        )
    return win.session


# --- presenting ---------------------------------------------------------------------------------------------


def material_kinds(prior_required: bool) -> tuple[str, ...]:
    return ("id_copy", "prior_diploma", "photo", "receipt") if prior_required else ("id_copy", "photo", "receipt")


def _material_rule(kind: str, settings: Settings) -> str:
    if kind == "photo":
        return (
            f"JPEG，{settings.photo_width}×{settings.photo_height}像素，浅蓝色背景，"
            f"不超过{settings.photo_max_bytes // 1024}KB"
        )
    return f"JPEG、PNG图片或PDF，不超过{settings.upload_max_bytes // (1024 * 1024)}MB"


def _prior_required(db: Session, examinee: Examinee) -> bool:
    return _plan(db, examinee).requires_prior_diploma or examinee.major.level.value == "本科"


def application_public(db: Session, ctx: AppContext, app: GraduationApplication) -> GraduationPublic:
    examinee = db.get(Examinee, app.examinee_id)
    session = db.get(ExamSession, app.session_code)
    assert examinee is not None and session is not None
    prior = _prior_required(db, examinee)
    materials = []
    for kind in material_kinds(prior):
        file_id = app.materials.get(kind)
        row = db.get(UploadedFile, file_id) if file_id else None
        materials.append(
            MaterialPublic(
                kind=kind,  # type: ignore[arg-type]
                kind_text=MATERIAL_TEXT[kind],
                required=True,
                rule=_material_rule(kind, ctx.settings),
                file=uploads.file_public(row) if row else None,
            )
        )
    return GraduationPublic(
        application_no=app.application_no,
        session_code=app.session_code,
        session_name=session.name,
        status=app.status.value,
        status_text=STATUS_TEXT[app.status],
        resume=[ResumeEntry.model_validate(e) for e in app.resume],
        self_assessment=app.self_assessment,
        materials=materials,
        created_at=app.created_at,
        updated_at=app.updated_at,
        submitted_at=app.submitted_at,
        decided_at=app.decided_at,
        reason=app.reason,
        certificate_no=app.certificate_no,
        editable=app.status in EDITABLE,
        can_submit=app.status in EDITABLE,
        events=events_public(app.events, ACTION_TEXT, STATUS_TEXT),
    )


def limits(settings: Settings) -> GraduationLimitsPublic:
    return GraduationLimitsPublic(
        resume_min_entries=settings.graduation_resume_min_entries,
        resume_max_entries=settings.graduation_resume_max_entries,
        unit_max_length=settings.graduation_resume_unit_max_length,
        role_max_length=settings.graduation_resume_role_max_length,
        self_assessment_min_length=settings.graduation_self_assessment_min_length,
        self_assessment_max_length=settings.graduation_self_assessment_max_length,
    )


def latest(db: Session, examinee_id: int) -> GraduationApplication | None:
    return db.scalar(
        select(GraduationApplication)
        .where(GraduationApplication.examinee_id == examinee_id)
        .order_by(GraduationApplication.id.desc())
        .limit(1)
    )


def overview(db: Session, ctx: AppContext, examinee: Examinee) -> GraduationOverviewPublic:
    now = ctx.clock.now()
    result = eligibility(db, ctx, examinee)
    app = latest(db, examinee.id)
    return GraduationOverviewPublic(
        server_time=now,
        eligibility=result,
        window=window_public(current_window(db, now)),
        application=application_public(db, ctx, app) if app else None,
        limits=limits(ctx.settings),
    )


# --- checking what was typed and uploaded ------------------------------------------------------------------


def _field(field: str, message: str) -> dict[str, str]:
    return {"field": field, "message": message}


def _resume_problems(
    entries: list[ResumeEntry], settings: Settings, now: datetime, complete: bool
) -> list[dict[str, str]]:
    problems = []
    if len(entries) > settings.graduation_resume_max_entries:
        problems.append(_field("resume", f"个人简历最多填写{settings.graduation_resume_max_entries}条"))
    if complete and len(entries) < settings.graduation_resume_min_entries:
        problems.append(_field("resume", f"请至少填写{settings.graduation_resume_min_entries}条个人简历"))
    this_month = f"{_local(now):%Y-%m}"
    unit_max, role_max = settings.graduation_resume_unit_max_length, settings.graduation_resume_role_max_length
    for n, e in enumerate(entries, 1):
        where = f"resume[{n - 1}]"
        if len(e.unit.strip()) > unit_max:
            problems.append(_field(where, f"第{n}条简历的单位或学校最多{unit_max}个字"))
        if len(e.role.strip()) > role_max:
            problems.append(_field(where, f"第{n}条简历的职务或身份最多{role_max}个字"))
        if not _YEAR_MONTH.match(e.start) or (e.end and not _YEAR_MONTH.match(e.end)):
            problems.append(_field(where, f"第{n}条简历的起止年月应写成“2018-09”的形式（终止年月留空表示至今）"))
            continue
        if e.end and e.end < e.start:
            problems.append(_field(where, f"第{n}条简历的终止年月早于起始年月"))
        if e.start > this_month or (e.end and e.end > this_month):
            problems.append(_field(where, f"第{n}条简历的年月不能晚于本月（{this_month}）"))
        if complete and (not e.unit.strip() or not e.role.strip()):
            problems.append(_field(where, f"第{n}条简历请填写单位或学校，以及职务或身份"))
    return problems


def _assessment_problems(text: str, settings: Settings, complete: bool) -> list[dict[str, str]]:
    n = len(text.strip())
    low, high = settings.graduation_self_assessment_min_length, settings.graduation_self_assessment_max_length
    if n > high:
        return [_field("self_assessment", f"自我鉴定最多{high}个字（当前{n}个字）")]
    if complete and n < low:
        return [_field("self_assessment", f"自我鉴定至少{low}个字（当前{n}个字）")]
    return []


def _material_problems(
    db: Session, ctx: AppContext, examinee: Examinee, app_id: int | None, materials: dict[str, Any], complete: bool
) -> list[dict[str, str]]:
    problems = []
    kinds = material_kinds(_prior_required(db, examinee))
    used_elsewhere = {
        int(fid)
        for other in db.scalars(
            select(GraduationApplication).where(
                GraduationApplication.examinee_id == examinee.id, GraduationApplication.id != (app_id or 0)
            )
        )
        for fid in other.materials.values()
        if fid
    }
    seen: set[int] = set()
    for kind, file_id in materials.items():
        if file_id is None:
            continue
        label = MATERIAL_TEXT[kind]
        if kind not in kinds:
            problems.append(_field(f"materials.{kind}", f"您的专业无须上传{label}"))
            continue
        row = uploads.owned(db, examinee.id, file_id)
        if row.application_id is not None or file_id in used_elsewhere or file_id in seen:
            problems.append(_field(f"materials.{kind}", f"{label}的文件已用于另一份申请或另一项材料，请重新上传"))
        seen.add(file_id)
        if kind == "photo":
            try:
                check_photo(row.data, ctx.settings)
            except UploadError as exc:
                problems.append(_field("materials.photo", f"{label}不符合要求：{exc.message}"))
    if complete:
        for kind in kinds:
            if not materials.get(kind):
                problems.append(_field(f"materials.{kind}", f"请上传{MATERIAL_TEXT[kind]}"))
    return problems


def check_draft(
    db: Session, ctx: AppContext, examinee: Examinee, app_id: int | None, draft: GraduationDraft, *, complete: bool
) -> None:
    """Refuse (422, every problem listed) what cannot be kept, or with ``complete`` what cannot be submitted."""
    materials = draft.materials.model_dump()
    problems = [
        *_resume_problems(draft.resume, ctx.settings, ctx.clock.now(), complete),
        *_assessment_problems(draft.self_assessment, ctx.settings, complete),
        *_material_problems(db, ctx, examinee, app_id, materials, complete),
    ]
    if problems:
        what = "毕业申请还不能提交" if complete else "毕业申请不能保存"
        raise Unprocessable(
            f"{what}：" + "；".join(p["message"] for p in problems),
            code="graduation_incomplete" if complete else "validation_error",
            details={"fields": problems},
        )


def _draft_of(app: GraduationApplication) -> GraduationDraft:
    return GraduationDraft.model_validate(
        {"resume": app.resume, "self_assessment": app.self_assessment, "materials": app.materials}
    )


def _store(app: GraduationApplication, draft: GraduationDraft) -> None:
    app.resume = [e.model_dump() for e in draft.resume]
    app.self_assessment = draft.self_assessment.strip()
    app.materials = draft.materials.model_dump()


# --- transitions -------------------------------------------------------------------------------------------


def transition(
    app: GraduationApplication,
    ctx: AppContext,
    actor: tuple[str, str],
    action: str,
    to: GraduationStatus,
    comment: str | None = None,
) -> None:
    """Move ``app`` to ``to`` and write the history line (``actor``: key, display name)."""
    now = ctx.clock.now()
    app.events.append(
        GraduationEvent(
            at=now,
            actor=actor[0],
            actor_name=actor[1],
            action=action,
            from_status=app.status if app.events else None,
            to_status=to,
            comment=comment or None,
        )
    )
    app.status = to
    app.updated_at = now


def _me(examinee: Examinee) -> tuple[str, str]:
    return f"examinee:{examinee.id}", f"考生 {examinee.name}"


def own(db: Session, examinee: Examinee, application_no: str) -> GraduationApplication:
    app = db.scalar(select(GraduationApplication).where(GraduationApplication.application_no == application_no))
    if app is None or app.examinee_id != examinee.id:
        raise NotFound(f"毕业申请 {application_no} 不存在", code="application_not_found")
    return app


def create(db: Session, ctx: AppContext, examinee: Examinee, draft: GraduationDraft) -> GraduationPublic:
    """A new draft: only inside the window, when eligible, and when no other application is going."""
    lock_examinee(db, examinee.id)
    session = require_open_window(db, ctx)
    require_eligible(db, ctx, examinee)
    going = db.scalar(
        select(GraduationApplication).where(
            GraduationApplication.examinee_id == examinee.id,
            GraduationApplication.status.in_(OPEN_GRADUATION_STATUSES),
        )
    )
    if going is not None:
        raise Conflict(
            f"您已有一份进行中的毕业申请（{going.application_no}，{STATUS_TEXT[going.status]}），请在该申请中继续",
            code="duplicate_application",
            details={"application_no": going.application_no},
        )
    check_draft(db, ctx, examinee, None, draft, complete=False)
    now = ctx.clock.now()
    app = GraduationApplication(
        application_no=new_trade_no(
            db,
            ctx,
            ctx.settings.graduation_no_prefix,
            GraduationApplication.application_no,  # type: ignore[arg-type]
        ),
        examinee_id=examinee.id,
        session_code=session.code,
        status=GraduationStatus.DRAFT,
        resume=[],
        self_assessment="",
        materials={},
        created_at=now,
        updated_at=now,
    )
    _store(app, draft)
    db.add(app)
    transition(app, ctx, _me(examinee), "create", GraduationStatus.DRAFT)
    db.flush()
    return application_public(db, ctx, app)


def save(
    db: Session, ctx: AppContext, examinee: Examinee, application_no: str, draft: GraduationDraft
) -> GraduationPublic:
    lock_examinee(db, examinee.id)
    app = own(db, examinee, application_no)
    if app.status not in EDITABLE:
        raise Conflict(f"毕业申请状态为“{STATUS_TEXT[app.status]}”，不能修改", code="not_editable")
    check_draft(db, ctx, examinee, app.id, draft, complete=False)
    _store(app, draft)
    app.updated_at = ctx.clock.now()
    db.flush()
    return application_public(db, ctx, app)


def submit(db: Session, ctx: AppContext, examinee: Examinee, application_no: str) -> GraduationPublic:
    lock_examinee(db, examinee.id)
    app = own(db, examinee, application_no)
    if app.status not in EDITABLE:
        raise Conflict(f"毕业申请状态为“{STATUS_TEXT[app.status]}”，不能提交", code="not_submittable")
    returned = app.status is GraduationStatus.RETURNED
    if not returned:
        require_open_window(db, ctx)
    require_eligible(db, ctx, examinee)
    check_draft(db, ctx, examinee, app.id, _draft_of(app), complete=True)
    app.submitted_at = ctx.clock.now()
    app.reason = None  # the return's reason stays in the history
    transition(app, ctx, _me(examinee), "resubmit" if returned else "submit", GraduationStatus.SUBMITTED)
    audit(
        db,
        ctx,
        actor=f"examinee:{examinee.id}",
        action="graduation_submit",
        examinee_id=examinee.id,
        details={"application_no": app.application_no, "resubmit": returned},
    )
    db.flush()
    return application_public(db, ctx, app)


# --- the personal calendar ---------------------------------------------------------------------------------


def graduation_dates(s: Subject) -> Iterable[DeadlinePublic]:
    """Each session's application window; it concerns the examinee when eligible or applying."""
    result = eligibility(s.db, s.ctx, s.examinee)
    app = latest(s.db, s.examinee.id)
    applying = app is not None and app.status in OPEN_GRADUATION_STATUSES
    if result.eligible:
        detail = "您已满足毕业条件：请在此期间在“毕业申请”中填写申请、上传材料并提交，之后按通知到市州自考办现场确认"
    elif result.reasons and result.reasons[0].code == "record_status":
        detail = result.reasons[0].text
    else:
        detail = "满足毕业条件的考生可在此期间申请毕业；您暂未满足：" + "；".join(r.text for r in result.reasons[:2])
    for session in s.sessions:
        yield DeadlinePublic(
            key=f"graduation-{session.code}",
            kind="graduation",
            title="毕业申请",
            start=session.graduation_open,
            end=session.graduation_close,
            concerns=result.eligible or applying,
            detail=detail,
            session_code=session.code,
        )
