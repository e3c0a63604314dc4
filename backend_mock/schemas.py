"""Request and response bodies (``XCreate`` in, ``XPublic`` out)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from backend_mock.inputs import CodeText, Lax, OneLineText, RequestModel

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


class CaptchaPublic(BaseModel):
    captcha_id: str
    image_png_base64: str
    expires_at: datetime


class LoginCreate(RequestModel):
    kind: Literal["examinee", "staff"] = Field(default="examinee", title="登录身份")
    account: CodeText = Field(min_length=1, max_length=40)
    password: OneLineText = Field(min_length=1, max_length=128)
    captcha_id: OneLineText = Field(min_length=1, max_length=64)
    captcha_answer: CodeText = Field(min_length=1, max_length=16)


class SessionPublic(BaseModel):
    token: str
    kind: Literal["examinee", "staff"]
    name: str
    idle_timeout_seconds: int
    absolute_expires_at: datetime
    server_time: datetime
    # staff only: clerk | reviewer | admin
    role: str | None = None
    # logged in with a one-time password: change it (POST /auth/password) before anything else
    must_change_password: bool = False


class SessionStatePublic(BaseModel):
    kind: Literal["examinee", "staff"]
    idle_timeout_seconds: int
    absolute_expires_at: datetime
    server_time: datetime


class PasswordChange(RequestModel):
    old_password: OneLineText = Field(min_length=1, max_length=128)
    new_password: OneLineText = Field(min_length=1, max_length=128)


class ResetCodeCreate(RequestModel):
    exam_no: CodeText = Field(min_length=1, max_length=20)
    id_number: CodeText = Field(min_length=1, max_length=20)
    phone: CodeText = Field(min_length=1, max_length=20)


class PasswordReset(ResetCodeCreate):
    sms_code: CodeText = Field(min_length=1, max_length=10)
    new_password: OneLineText = Field(min_length=1, max_length=128)


class PhoneChange(RequestModel):
    password: OneLineText = Field(min_length=1, max_length=128)
    new_phone: CodeText = Field(min_length=1, max_length=20)


class MessagePublic(BaseModel):
    message: str


class ProfilePublic(BaseModel):
    exam_no: str
    name: str
    gender: str
    id_number_masked: str
    phone_masked: str
    prefecture_code: str
    prefecture_name: str
    county_code: str
    county_name: str
    major_code: str
    major_name: str
    level: str
    university_name: str
    plan_version: str
    record_status: str
    has_photo: bool
    enrolled_at: datetime


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


class EnrolmentPublic(BaseModel):
    application_no: str
    status: Literal["submitted", "approved", "returned", "rejected"]
    status_text: str
    name: str
    id_number_masked: str
    major_name: str
    session_code: str
    submitted_at: datetime
    exam_no: str | None
    reason: str | None


class ClockPublic(BaseModel):
    now: datetime
    is_real: bool
    frozen: bool
    offset_seconds: float


class ClockUpdate(RequestModel):
    now: DateTimeIn | None = None
    offset_seconds: float | None = None
    advance_seconds: float | None = None
    frozen: bool = False


class CaptchaAnswerPublic(BaseModel):
    captcha_id: str
    answer: str


class SmsPublic(BaseModel):
    phone: str
    purpose: str
    code: str
    text: str
    sent_at: datetime


class LatencyUpdate(RequestModel):
    latency_ms: int = Field(ge=0, le=120_000)
    jitter_ms: int = Field(default=0, ge=0, le=60_000)
