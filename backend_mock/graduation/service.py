"""毕业申请, the examinee's side: the overview (eligibility, window, application), the application
itself and the graduation dates of the personal calendar.  The rules (eligibility, the window, what
a draft must hold) live in graduation/rules.py.

States: 草稿 → 已提交 → 初审通过 | 初审不通过 → 现场确认 → 终审通过 | 不通过 → 证书已发放, and 退回
(from the initial review or the counter) back to the examinee, who corrects and resubmits.  The
staff's transitions live in graduation/staff.py.  A draft is created and submitted only
inside the window (graduation_open .. graduation_close of a session, server clock); a returned
application may be resubmitted after the window closed, since the review follows the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.context import AppContext
from backend_mock.deadlines.schemas import DeadlinePublic
from backend_mock.errors import Conflict, NotFound
from backend_mock.graduation.rules import (
    MATERIAL_TEXT,
    check_draft,
    current_window,
    eligibility,
    material_kinds,
    material_rule,
    prior_required,
    require_eligible,
    require_open_window,
    window_public,
)
from backend_mock.graduation.schemas import (
    GraduationDraft,
    GraduationLimitsPublic,
    GraduationOverviewPublic,
    GraduationPublic,
    MaterialPublic,
    ResumeEntry,
)
from backend_mock.i18n import Msg, enumeration
from backend_mock.models import (
    OPEN_GRADUATION_STATUSES,
    Examinee,
    ExamSession,
    GraduationApplication,
    GraduationEvent,
    GraduationStatus,
    UploadedFile,
)
from backend_mock.records import uploads
from backend_mock.records.service import events_public
from backend_mock.registration.orders import lock_examinee, new_trade_no
from backend_mock.settings import Settings

if TYPE_CHECKING:
    from backend_mock.deadlines.service import Subject

STATUS_TEXT = {
    GraduationStatus.DRAFT: Msg("草稿"),
    GraduationStatus.SUBMITTED: Msg("已提交"),
    GraduationStatus.RETURNED: Msg("退回"),
    GraduationStatus.FIRST_PASSED: Msg("初审通过"),
    GraduationStatus.FIRST_FAILED: Msg("初审不通过"),
    GraduationStatus.CONFIRMED: Msg("现场确认"),
    GraduationStatus.FINAL_PASSED: Msg("终审通过"),
    GraduationStatus.FINAL_FAILED: Msg("不通过"),
    GraduationStatus.ISSUED: Msg("证书已发放"),
}

ACTION_TEXT = {
    "create": Msg("创建草稿"),
    "submit": Msg("提交申请"),
    "resubmit": Msg("修改后重新提交"),
    "first_approve": Msg("初审通过"),
    "first_reject": Msg("初审不通过"),
    "return": Msg("退回修改"),
    "confirm": Msg("现场确认"),
    "final_approve": Msg("终审通过"),
    "final_reject": Msg("终审不通过"),
    "issue": Msg("发放毕业证书"),
}

EDITABLE = (GraduationStatus.DRAFT, GraduationStatus.RETURNED)


# --- presenting ---------------------------------------------------------------------------------------------


def application_public(db: Session, ctx: AppContext, app: GraduationApplication) -> GraduationPublic:
    examinee = db.get(Examinee, app.examinee_id)
    session = db.get(ExamSession, app.session_code)
    assert examinee is not None and session is not None
    prior = prior_required(db, examinee)
    materials = []
    for kind in material_kinds(prior):
        file_id = app.materials.get(kind)
        row = db.get(UploadedFile, file_id) if file_id else None
        materials.append(
            MaterialPublic(
                kind=kind,  # type: ignore[arg-type]
                kind_text=MATERIAL_TEXT[kind],
                required=True,
                rule=material_rule(kind, ctx.settings),
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
        raise NotFound(
            Msg("毕业申请 {application_no} 不存在", application_no=application_no), code="application_not_found"
        )
    return app


def create(db: Session, ctx: AppContext, examinee: Examinee, draft: GraduationDraft) -> GraduationPublic:
    """A new draft: only inside the window, when eligible, and when no other application is going."""
    session = require_open_window(db, ctx)
    require_eligible(db, ctx, examinee)  # reads progress, which ends its transaction: lock after it
    lock_examinee(db, examinee.id)
    going = db.scalar(
        select(GraduationApplication).where(
            GraduationApplication.examinee_id == examinee.id,
            GraduationApplication.status.in_(OPEN_GRADUATION_STATUSES),
        )
    )
    if going is not None:
        raise Conflict(
            Msg(
                "您已有一份进行中的毕业申请（{application_no}，{status}），请在该申请中继续",
                application_no=going.application_no,
                status=STATUS_TEXT[going.status],
            ),
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
        raise Conflict(Msg("毕业申请状态为“{status}”，不能修改", status=STATUS_TEXT[app.status]), code="not_editable")
    check_draft(db, ctx, examinee, app.id, draft, complete=False)
    _store(app, draft)
    app.updated_at = ctx.clock.now()
    db.flush()
    return application_public(db, ctx, app)


def _submittable(db: Session, examinee: Examinee, application_no: str) -> GraduationApplication:
    app = own(db, examinee, application_no)
    if app.status not in EDITABLE:
        raise Conflict(
            Msg("毕业申请状态为“{status}”，不能提交", status=STATUS_TEXT[app.status]), code="not_submittable"
        )
    return app


def submit(db: Session, ctx: AppContext, examinee: Examinee, application_no: str) -> GraduationPublic:
    app = _submittable(db, examinee, application_no)
    returned = app.status is GraduationStatus.RETURNED
    if not returned:
        require_open_window(db, ctx)
    require_eligible(db, ctx, examinee)  # reads progress, which ends its transaction: lock after it
    lock_examinee(db, examinee.id)
    app = _submittable(db, examinee, application_no)  # again, under the lock
    returned = app.status is GraduationStatus.RETURNED
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
        detail: str = Msg(
            "您已满足毕业条件：请在此期间在“毕业申请”中填写申请、上传材料并提交，之后按通知到市州自考办现场确认"
        )
    elif result.reasons and result.reasons[0].code == "record_status":
        detail = result.reasons[0].text
    else:
        missing = enumeration([r.text for r in result.reasons[:2]], clauses=True)
        detail = Msg("满足毕业条件的考生可在此期间申请毕业；您暂未满足：{missing}", missing=missing)
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
