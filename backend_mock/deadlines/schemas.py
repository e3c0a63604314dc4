"""Bodies of the personal calendar (日程) (``XPublic`` out)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class DeadlinePublic(BaseModel):
    # stable over refreshes (the .ics UID and the reminder bookkeeping are built from it)
    key: str
    # registration | registration_phase1 | registration_phase2 | payment_cutoff | ticket_printing |
    # exam | score_release | score_review | graduation | transfer_out | transfer_in | ...
    kind: str
    title: str
    start: datetime
    # None: a single moment (a deadline), else a window [start, end)
    end: datetime | None
    # does it concern this examinee (their registration, their order, their exam ...)
    concerns: bool
    detail: str
    session_code: str | None


class PersonalCalendarPublic(BaseModel):
    server_time: datetime
    items: list[DeadlinePublic]
