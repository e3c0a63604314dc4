"""Bodies and types every domain shares: dates given as text, a plain message, health and reference data."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator

from backend_mock.inputs import Lax

_ISO_DATE_START = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _calendar_text(value: object) -> object:
    """Dates and times come as text (2026-11-28, 2026-11-28T09:00:00+08:00).

    Pydantic's lax mode would read a number, or a text of digits, as seconds since 1970: a notice
    "published" in 1970 or an audit search "until 1970" is never what was meant (found by schemathesis).
    """
    if isinstance(value, (int, float)) or (isinstance(value, str) and not _ISO_DATE_START.match(value.strip())):
        raise ValueError("日期时间格式应为 2026-11-28 或 2026-11-28T09:00:00+08:00")
    return value


#: a date or a date-time given by a client, written as text (see ``_calendar_text``)
DateIn = Annotated[date, BeforeValidator(_calendar_text), Lax]
DateTimeIn = Annotated[datetime, BeforeValidator(_calendar_text), Lax]


class HealthPublic(BaseModel):
    status: Literal["ok"] = "ok"
    mode: str
    version: str
    server_time: datetime
    clock_is_real: bool


class MessagePublic(BaseModel):
    message: str


class CountyPublic(BaseModel):
    code: str
    name: str


class PrefecturePublic(BaseModel):
    code: str
    name: str
    counties: list[CountyPublic]


class MajorPublic(BaseModel):
    id: int
    code: str
    name: str
    level: str
    university_name: str
    plan_version: str


class SessionCalendarPublic(BaseModel):
    code: str
    name: str
    enrolment_open: datetime
    enrolment_close: datetime
    registration_open: datetime
    registration_close: datetime
    phase1_close: datetime
    exam_saturday: date
    ticket_print_open: datetime
    ticket_print_close: datetime
    score_release: datetime
    review_close: datetime
    graduation_open: datetime
    graduation_close: datetime


class CalendarPublic(BaseModel):
    server_time: datetime
    upcoming: str  # code of the session whose exams are next
    enrolment_open_session: str | None  # code of the session whose enrolment window is open now
    sessions: list[SessionCalendarPublic]


class DemoAccountPublic(BaseModel):
    account: str
    kind: str
    name: str
    description: str
    password: str
