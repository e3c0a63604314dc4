"""Bodies of 考籍管理: uploads, applications (one ``*Data`` per kind), reviews, appointments.

The field names are the contract of ``desktop/api/records.py``.  Draft data may be incomplete:
every field of a ``*Data`` is optional, and completeness is checked when the application is
submitted (records/service.py), so a half-filled form can always be saved.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backend_mock.inputs import CodeText, MultiLineText, OneLineText, RequestModel


class FilePublic(BaseModel):
    file_id: int
    name: str  # display name only; stored under a generated name
    content_type: str
    size: int
    uploaded_at: datetime


class _Data(RequestModel):
    model_config = ConfigDict(extra="forbid")


class CorrectionData(_Data):
    """信息更正: the corrected values (only the fields to change)."""

    name: OneLineText | None = Field(default=None, max_length=30)
    id_number: CodeText | None = Field(default=None, max_length=30)
    gender: Literal["男", "女"] | None = None
    note: MultiLineText | None = Field(default=None, max_length=200)


class ExemptionData(_Data):
    """免考: one course of the plan and the certificate or transcript it rests on."""

    course_code: CodeText | None = Field(default=None, max_length=5)
    basis: OneLineText | None = Field(default=None, max_length=100)


class TransferOutData(_Data):
    """转出外省: the record in the destination province (it must have ≥ 1 passed course)."""

    province_code: CodeText | None = Field(default=None, max_length=2)
    exam_no: CodeText | None = Field(default=None, max_length=20)
    passed_courses: int | None = Field(default=None, ge=0, le=200)
    note: MultiLineText | None = Field(default=None, max_length=200)


class TransferInCourse(_Data):
    course_code: CodeText = Field(max_length=5)
    course_name: OneLineText = Field(max_length=60)
    score: int | None = Field(default=None, ge=0, le=100)
    session: OneLineText | None = Field(default=None, max_length=20)


class TransferInData(_Data):
    """外省转入: the record in the other province and its passed courses, for review."""

    province_code: CodeText | None = Field(default=None, max_length=2)
    exam_no: CodeText | None = Field(default=None, max_length=20)
    courses: list[TransferInCourse] = Field(default_factory=list, max_length=40)


class PrefectureChangeData(_Data):
    """省内转考: move the record to another prefecture (county) of Hunan."""

    county_code: CodeText | None = Field(default=None, max_length=6)
    reason: MultiLineText | None = Field(default=None, max_length=200)


KindName = Literal["correction", "exemption", "transfer_out", "transfer_in", "prefecture_change"]


class ApplicationCreate(RequestModel):
    kind: KindName = Field(title="申请类型")
    data: dict[str, object] = Field(default_factory=dict)
    file_ids: list[int] = Field(default_factory=list, max_length=20)


class ApplicationUpdate(RequestModel):
    data: dict[str, object] = Field(default_factory=dict)
    file_ids: list[int] = Field(default_factory=list, max_length=20)


class EventPublic(BaseModel):
    at: datetime
    actor_name: str
    action: str
    action_text: str
    from_status: str | None
    to_status: str
    to_status_text: str
    comment: str | None


class ApplicationPublic(BaseModel):
    application_no: str
    kind: KindName
    kind_text: str
    status: str
    status_text: str
    summary: str
    data: dict[str, object]
    files: list[FilePublic]
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    reason: str | None
    editable: bool
    can_submit: bool
    can_withdraw: bool
    # transfers: the on-site confirmation deadline (SessionCalendar), while the application is open
    deadline_note: str | None = None
    events: list[EventPublic]


class ExemptionCapPublic(BaseModel):
    """The 50 % rule before submitting: credits of the plan, allowed, granted, pending, this course."""

    total_credits: int
    allowed_credits: int
    granted_credits: int
    pending_credits: int
    course_code: str | None
    course_credits: int
    after_credits: int
    within_cap: bool
    message: str


class ExemptableCoursePublic(BaseModel):
    code: str
    name: str
    credits: int


class RecordDecisionCreate(RequestModel):
    comment: MultiLineText = Field(title="审核意见", default="", max_length=200)


class ReviewItemPublic(BaseModel):
    application_no: str
    kind: KindName
    kind_text: str
    status: str
    status_text: str
    summary: str
    exam_no: str
    name: str
    id_number_masked: str
    prefecture_name: str
    submitted_at: datetime | None
    updated_at: datetime


class ReviewListPublic(BaseModel):
    items: list[ReviewItemPublic]
    # by status (of the reviewer's prefecture, whatever the filters)
    counts: dict[str, int]
    total: int
    # how many match the filters (status, kind, query, days), over all pages
    matched: int = 0


class ReviewDetailPublic(BaseModel):
    item: ReviewItemPublic
    application: ApplicationPublic
    # for an exemption: the cap as it stands now
    exemption_cap: ExemptionCapPublic | None
    # what the reviewer must know before deciding (a paid registration of the course, ...)
    warnings: list[str] = Field(default_factory=list)


class OfficePublic(BaseModel):
    prefecture_code: str
    prefecture_name: str
    office_name: str


class SlotPublic(BaseModel):
    slot_id: int
    day: date
    half: str
    half_text: str
    capacity: int
    places_left: int


class AppointmentCreate(RequestModel):
    slot_id: int
    purpose: OneLineText = Field(default="考籍证明", min_length=1, max_length=60)


class AppointmentPublic(BaseModel):
    appointment_no: str
    status: str
    status_text: str
    prefecture_code: str
    office_name: str
    day: date
    half: str
    half_text: str
    purpose: str
    created_at: datetime
    cancelled_at: datetime | None
    can_cancel: bool


class OfficeAppointmentPublic(AppointmentPublic):
    """An appointment as the office's clerk sees it: who comes (masked), and whether served."""

    exam_no: str
    name: str
    id_number_masked: str
    served_at: datetime | None


class OfficeDayPublic(BaseModel):
    day: date
    today: date  # the server's date: only today's appointments can be marked served
    office_name: str
    items: list[OfficeAppointmentPublic]
