"""The personal calendar (日程): every date that matters to the calling examinee."""

from __future__ import annotations

from fastapi import APIRouter

from backend_mock.api.deps import CtxDep, ExamineeDep, SessionDep
from backend_mock.deadlines import service as deadlines
from backend_mock.deadlines.schemas import PersonalCalendarPublic

router = APIRouter(prefix="/calendar", tags=["calendar"])


@router.get("/personal", operation_id="calendar-personal")
def personal(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> PersonalCalendarPublic:
    """Registration window and phases, the payment cut-off while an order is open, ticket
    printing, exam slots, score release, review window, graduation window and transfer deadlines,
    each with ``concerns`` saying whether it is about this examinee; sorted by start."""
    return deadlines.personal_calendar(db, ctx, examinee)
