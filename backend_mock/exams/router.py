"""考试信息查询: registration history, timetables and the admission ticket (准考证)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from backend_mock.api.deps import CtxDep, ExamineeDep, SessionDep
from backend_mock.exams import service as exams
from backend_mock.exams.schemas import ExamHistorySessionPublic, TicketPublic, TimetablePublic

router = APIRouter(prefix="/exams", tags=["exams"])

_TICKET_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "session_not_found"},
    409: {"description": "ticket_not_open | ticket_closed | no_paid_registration | photo_missing"},
}


@router.get("/sessions", operation_id="exams-sessions")
def sessions(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> list[ExamHistorySessionPublic]:
    """Every session the examinee registered for, newest first, with courses, amount and outcomes."""
    return exams.history(db, ctx, examinee)


@router.get("/timetable", operation_id="exams-timetable", responses={404: {"description": "session_not_found"}})
def timetable(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, session_code: str | None = None) -> TimetablePublic:
    """The four slots of a session (default: the upcoming one) with the examinee's courses."""
    return exams.timetable(db, ctx, examinee, session_code)


@router.get("/ticket", operation_id="exams-ticket", responses=_TICKET_ERRORS)
def ticket(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, session_code: str | None = None) -> TicketPublic:
    return exams.ticket(db, ctx, examinee, session_code)


@router.get(
    "/ticket/photo",
    operation_id="exams-ticket_photo",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}}, **_TICKET_ERRORS},
)
def ticket_photo(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, session_code: str | None = None) -> Response:
    data = exams.ticket_photo(db, ctx, examinee, session_code)
    return Response(data, media_type="image/jpeg", headers={"Cache-Control": "no-store"})
