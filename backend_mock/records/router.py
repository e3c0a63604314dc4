"""考籍管理: proofs upload, record applications, certificate appointments; the reviewer's API.

``POST /files`` is the one upload path for proofs (checked by content, stored under generated
names, owned by the uploader); applications refer to files by id.  Reviewer endpoints live under
``/review/records`` and answer 403 to anyone but a
reviewer (``deps.ReviewerDep``); their screens are the staff console's 审核队列.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile

from backend_mock.api.deps import ClerkDep, CtxDep, ExamineeDep, ReviewerDep, SessionDep
from backend_mock.db import done
from backend_mock.models import ApplicationKind
from backend_mock.records import appointments, uploads
from backend_mock.records import review as record_review
from backend_mock.records import rules as record_rules
from backend_mock.records import service as records
from backend_mock.records.schemas import (
    ApplicationCreate,
    ApplicationPublic,
    ApplicationUpdate,
    AppointmentCreate,
    AppointmentPublic,
    ExemptableCoursePublic,
    ExemptionCapPublic,
    FilePublic,
    KindName,
    OfficeAppointmentPublic,
    OfficeDayPublic,
    OfficePublic,
    RecordDecisionCreate,
    ReviewDetailPublic,
    ReviewListPublic,
    SlotPublic,
)
from backend_mock.schemas import DateIn
from backend_mock.uploads import read_upload

router = APIRouter(tags=["records"])

_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": "upload_too_large"},
    422: {"description": "upload_type | upload_too_large | upload_pixels | upload_corrupt | upload_pdf_incomplete"},
}


# --- uploads ----------------------------------------------------------------------------------------------


@router.post("/files", operation_id="records-upload_file", status_code=201, responses=_UPLOAD_ERRORS)
def upload_file(
    file: Annotated[UploadFile, File(description="JPEG, PNG or PDF, at most 5 MB")],
    examinee: ExamineeDep,
    db: SessionDep,
    ctx: CtxDep,
) -> FilePublic:
    data = read_upload(file, ctx.settings.upload_max_bytes)
    return done(db, lambda: uploads.file_public(uploads.store(db, ctx, examinee, file.filename, data)))


@router.get("/files/{file_id}", operation_id="records-file", response_class=Response)
def get_file(file_id: int, examinee: ExamineeDep, db: SessionDep) -> Response:
    row = done(db, lambda: uploads.owned(db, examinee.id, file_id))
    return Response(row.data, media_type=row.content_type, headers={"Cache-Control": "no-store"})


# --- applications -----------------------------------------------------------------------------------------


@router.get("/records/applications", operation_id="records-applications")
def list_applications(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> list[ApplicationPublic]:
    return done(db, lambda: records.list_mine(db, ctx, examinee))


@router.post("/records/applications", operation_id="records-create", status_code=201)
def create_application(
    body: ApplicationCreate, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep
) -> ApplicationPublic:
    """A new draft (the data may be incomplete: it is checked on submit)."""
    return done(db, lambda: records.create(db, ctx, examinee, ApplicationKind(body.kind), body.data, body.file_ids))


@router.get("/records/applications/{application_no}", operation_id="records-application")
def get_application(application_no: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> ApplicationPublic:
    return done(db, lambda: records.application_public(db, records.own_application(db, examinee, application_no), ctx))


@router.put("/records/applications/{application_no}", operation_id="records-save")
def save_application(
    application_no: str, body: ApplicationUpdate, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep
) -> ApplicationPublic:
    """Save a draft, or a returned application being corrected."""
    return done(db, lambda: records.update(db, ctx, examinee, application_no, body.data, body.file_ids))


@router.delete("/records/applications/{application_no}", operation_id="records-delete", status_code=204)
def delete_application(application_no: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> Response:
    done(db, lambda: records.delete(db, ctx, examinee, application_no))
    return Response(status_code=204)


@router.post("/records/applications/{application_no}/submit", operation_id="records-submit")
def submit_application(application_no: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> ApplicationPublic:
    return done(db, lambda: records.submit(db, ctx, examinee, application_no))


@router.post("/records/applications/{application_no}/withdraw", operation_id="records-withdraw")
def withdraw_application(application_no: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> ApplicationPublic:
    """A submitted application not yet under review goes back to draft."""
    return done(db, lambda: records.withdraw(db, ctx, examinee, application_no))


@router.get("/records/exemption/courses", operation_id="records-exemptable_courses")
def exemptable_courses(examinee: ExamineeDep, db: SessionDep) -> list[ExemptableCoursePublic]:
    return done(db, lambda: record_rules.exemptable_courses(db, examinee))


@router.get("/records/exemption/cap", operation_id="records-exemption_cap")
def exemption_cap(
    examinee: ExamineeDep,
    db: SessionDep,
    ctx: CtxDep,
    course_code: str | None = None,
    application_no: str | None = None,
) -> ExemptionCapPublic:
    """The 50 % credit cap before submitting: used, allowed, and with ``course_code`` added."""

    def work() -> ExemptionCapPublic:
        exclude = records.own_application(db, examinee, application_no).id if application_no else None
        return record_rules.exemption_cap(db, ctx, examinee, course_code, exclude_id=exclude)

    return done(db, work)


# --- appointments -----------------------------------------------------------------------------------------


@router.get("/records/appointments/offices", operation_id="records-offices")
def offices(examinee: ExamineeDep, db: SessionDep) -> list[OfficePublic]:
    return done(db, lambda: appointments.offices(db))


@router.get("/records/appointments/slots", operation_id="records-slots")
def slots(prefecture_code: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> list[SlotPublic]:
    return done(db, lambda: appointments.slots(db, ctx, prefecture_code))


@router.get("/records/appointments", operation_id="records-appointments")
def my_appointments(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> list[AppointmentPublic]:
    return done(db, lambda: appointments.mine(db, ctx, examinee))


@router.post("/records/appointments", operation_id="records-book", status_code=201)
def book(body: AppointmentCreate, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> AppointmentPublic:
    return done(db, lambda: appointments.book(db, ctx, examinee, body.slot_id, body.purpose))


@router.post("/records/appointments/{appointment_no}/cancel", operation_id="records-cancel_appointment")
def cancel_appointment(appointment_no: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> AppointmentPublic:
    return done(db, lambda: appointments.cancel(db, ctx, examinee, appointment_no))


# --- the reviewer -----------------------------------------------------------------------------------------


@router.get("/review/records", operation_id="records-review_list")
def review_list(
    reviewer: ReviewerDep,
    db: SessionDep,
    status: Literal["submitted", "reviewing", "approved", "returned", "rejected"] | None = None,
    kind: Annotated[list[KindName] | None, Query(description="one or more kinds (a queue); all when absent")] = None,
    q: str | None = None,
    submitted_from: Annotated[DateIn | None, Query(description="submitted on or after this day (Beijing)")] = None,
    submitted_to: Annotated[DateIn | None, Query(description="submitted on or before this day (Beijing)")] = None,
    limit: Annotated[
        int | None, Query(ge=1, le=100, description="a page of at most this many; all when absent")
    ] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ReviewListPublic:
    """Applications of the reviewer's prefecture (drafts excluded), filtered, one page; counts by status
    (of those kinds), ``matched`` = how many match the filters (all pages)."""
    page = record_review.ReviewPage(submitted_from, submitted_to, limit, offset)
    items, counts, matched = done(db, lambda: record_review.review_list(db, reviewer, status, kind, q, page))
    return ReviewListPublic(items=items, counts=counts, total=sum(counts.values()), matched=matched)


@router.get("/review/records/{application_no}", operation_id="records-review_detail")
def review_detail(application_no: str, reviewer: ReviewerDep, db: SessionDep, ctx: CtxDep) -> ReviewDetailPublic:
    item, application, cap, warnings = done(db, lambda: record_review.review_detail(db, ctx, reviewer, application_no))
    return ReviewDetailPublic(item=item, application=application, exemption_cap=cap, warnings=warnings)


@router.get(
    "/review/records/{application_no}/files/{file_id}", operation_id="records-review_file", response_class=Response
)
def review_file(application_no: str, file_id: int, reviewer: ReviewerDep, db: SessionDep) -> Response:
    data, content_type = done(db, lambda: record_review.review_file(db, reviewer, application_no, file_id))
    return Response(data, media_type=content_type, headers={"Cache-Control": "no-store"})


@router.post("/review/records/{application_no}/{decision}", operation_id="records-review_decide")
def review_decide(
    application_no: str,
    decision: Literal["start", "approve", "return", "reject"],
    body: RecordDecisionCreate,
    reviewer: ReviewerDep,
    db: SessionDep,
    ctx: CtxDep,
) -> ApplicationPublic:
    """开始审核 / 通过 / 退回 (reason required) / 不通过 (reason required); every decision is audited."""
    return done(db, lambda: record_review.decide(db, ctx, reviewer, application_no, decision, body.comment))


# --- the office's clerk -----------------------------------------------------------------------------------


@router.get("/records/office/appointments", operation_id="records-office_appointments")
def office_appointments(clerk: ClerkDep, db: SessionDep, ctx: CtxDep, day: date | None = None) -> OfficeDayPublic:
    """A day's 考籍证明 appointments at the clerk's prefecture office (today when no day is given)."""
    return done(db, lambda: appointments.office_day(db, ctx, clerk, day))


@router.post(
    "/records/office/appointments/{appointment_no}/serve",
    operation_id="records-serve_appointment",
    responses={
        404: {"description": "appointment_not_found"},
        409: {"description": "appointment_state | appointment_not_today"},
    },
)
def serve_appointment(appointment_no: str, clerk: ClerkDep, db: SessionDep, ctx: CtxDep) -> OfficeAppointmentPublic:
    """Mark today's appointment served (the certificate handed over); audited."""
    return done(db, lambda: appointments.serve(db, ctx, clerk, appointment_no))
