"""毕业申请: eligibility and window, the examinee's application; the staff's steps under /staff/graduation.

Materials are uploaded through the one upload path (``POST /files``) and referred to by id.  Staff
endpoints take any staff login and check the role per action (initial review and final decision:
reviewer; on-site confirmation: clerk; certificate issue: reviewer), each step audited.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response

from backend_mock.api.deps import CtxDep, ExamineeDep, SessionDep, StaffDep
from backend_mock.db import done
from backend_mock.graduation import rules as graduation_rules
from backend_mock.graduation import service as graduation
from backend_mock.graduation import staff as graduation_staff
from backend_mock.graduation.schemas import (
    EligibilityPublic,
    GraduationDraft,
    GraduationOverviewPublic,
    GraduationPublic,
    StaffActionCreate,
    StaffActionName,
    StaffGraduationListPublic,
    StaffGraduationPublic,
)

router = APIRouter(tags=["graduation"])

StatusName = Literal[
    "submitted", "returned", "first_passed", "first_failed", "confirmed", "final_passed", "final_failed", "issued"
]


@router.get("/graduation", operation_id="graduation-overview")
def overview(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> GraduationOverviewPublic:
    """Eligibility (each missing piece named), the window (or the next one's dates), the current application."""
    return done(db, lambda: graduation.overview(db, ctx, examinee))


@router.get("/graduation/eligibility", operation_id="graduation-eligibility")
def eligibility(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> EligibilityPublic:
    return done(db, lambda: graduation_rules.eligibility(db, ctx, examinee))


@router.post("/graduation/applications", operation_id="graduation-create", status_code=201)
def create(body: GraduationDraft, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> GraduationPublic:
    """A new draft: inside the window, when eligible, with no other application going."""
    return done(db, lambda: graduation.create(db, ctx, examinee, body))


@router.put("/graduation/applications/{application_no}", operation_id="graduation-save")
def save(
    application_no: str, body: GraduationDraft, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep
) -> GraduationPublic:
    """Save a draft, or a returned application being corrected."""
    return done(db, lambda: graduation.save(db, ctx, examinee, application_no, body))


@router.post("/graduation/applications/{application_no}/submit", operation_id="graduation-submit")
def submit(application_no: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> GraduationPublic:
    """Everything checked again on the server: window, eligibility, resume, self-assessment, materials."""
    return done(db, lambda: graduation.submit(db, ctx, examinee, application_no))


# --- staff ------------------------------------------------------------------------------------------------


@router.get("/staff/graduation", operation_id="graduation-staff_list")
def staff_list(
    user: StaffDep, db: SessionDep, ctx: CtxDep, status: StatusName | None = None, q: str = ""
) -> StaffGraduationListPublic:
    """Submitted applications of the caller's prefecture, filtered by status / exam_no / name; counts."""
    return done(db, lambda: graduation_staff.staff_list(db, ctx, user, status, q))


@router.get("/staff/graduation/{application_no}", operation_id="graduation-staff_detail")
def staff_detail(application_no: str, user: StaffDep, db: SessionDep, ctx: CtxDep) -> StaffGraduationPublic:
    return done(db, lambda: graduation_staff.staff_detail(db, ctx, user, application_no))


@router.get(
    "/staff/graduation/{application_no}/files/{file_id}",
    operation_id="graduation-staff_file",
    response_class=Response,
)
def staff_file(application_no: str, file_id: int, user: StaffDep, db: SessionDep) -> Response:
    data, content_type = done(db, lambda: graduation_staff.staff_file(db, user, application_no, file_id))
    return Response(data, media_type=content_type, headers={"Cache-Control": "no-store"})


@router.post("/staff/graduation/{application_no}/{action}", operation_id="graduation-staff_act")
def staff_act(
    application_no: str, action: StaffActionName, body: StaffActionCreate, user: StaffDep, db: SessionDep, ctx: CtxDep
) -> StaffGraduationPublic:
    """初审通过 / 初审不通过 / 退回 / 现场确认 / 终审通过 / 终审不通过 / 发放证书 (role and state checked)."""
    return done(db, lambda: graduation_staff.act(db, ctx, user, application_no, action, body.comment))
