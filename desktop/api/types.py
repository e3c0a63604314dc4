"""What the client returns: plain, immutable dataclasses (no Qt, no HTTP)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Health:
    mode: str
    version: str
    server_time: datetime
    clock_is_real: bool

    @property
    def has_tester_controls(self) -> bool:
        return self.mode in ("demo", "test")


@dataclass(frozen=True)
class Captcha:
    captcha_id: str
    image_png: bytes
    expires_at: datetime


@dataclass(frozen=True)
class LoginSession:
    """A logged-in session (the token itself stays inside the client)."""

    kind: str  # examinee | staff
    name: str
    idle_timeout_seconds: int
    absolute_expires_at: datetime
    server_time: datetime


@dataclass(frozen=True)
class Profile:
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

    @property
    def record_status_text(self) -> str:
        return {"active": "在籍", "transferred_out": "已转出", "graduated": "已毕业"}.get(
            self.record_status, self.record_status
        )


@dataclass(frozen=True)
class County:
    code: str
    name: str


@dataclass(frozen=True)
class Prefecture:
    code: str
    name: str
    counties: tuple[County, ...]


@dataclass(frozen=True)
class Major:
    id: int
    code: str
    name: str
    level: str
    university_name: str
    plan_version: str

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}（{self.level}，{self.university_name}）"


@dataclass(frozen=True)
class SessionCalendar:
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


@dataclass(frozen=True)
class Calendar:
    server_time: datetime
    upcoming: str
    enrolment_open_session: str | None
    sessions: tuple[SessionCalendar, ...]

    def session(self, code: str) -> SessionCalendar | None:
        return next((s for s in self.sessions if s.code == code), None)

    def next_enrolment(self) -> SessionCalendar | None:
        """The session whose enrolment window is open now, or the next one to open."""
        if self.enrolment_open_session:
            return self.session(self.enrolment_open_session)
        return next((s for s in self.sessions if s.enrolment_open > self.server_time), None)


@dataclass(frozen=True)
class DemoAccount:
    account: str
    kind: str
    name: str
    description: str
    password: str


@dataclass(frozen=True)
class EnrolmentForm:
    name: str
    id_number: str
    phone: str
    county_code: str
    major_id: int
    password: str
    captcha_id: str
    captcha_answer: str


@dataclass(frozen=True)
class Enrolment:
    application_no: str
    status: str  # submitted | approved | rejected
    status_text: str
    name: str
    id_number_masked: str
    major_name: str
    session_code: str
    submitted_at: datetime
    exam_no: str | None
    reason: str | None


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    purpose: str
    code: str
    text: str
    sent_at: datetime


@dataclass(frozen=True)
class ClockState:
    now: datetime
    is_real: bool
    frozen: bool
    offset_seconds: float
