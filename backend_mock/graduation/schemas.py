"""Schemas of 毕业申请: eligibility, the window, the application and the staff's view of it."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backend_mock.inputs import CodeText, MultiLineText, OneLineText, RequestModel
from backend_mock.records.schemas import EventPublic, FilePublic

MaterialKind = Literal["id_copy", "prior_diploma", "photo", "receipt"]
ReasonCode = Literal["record_status", "required_courses", "credits", "course_count", "thesis", "prior_diploma"]
StaffActionName = Literal[
    "first_approve", "first_reject", "return", "confirm", "final_approve", "final_reject", "issue"
]


class MissingCoursePublic(BaseModel):
    code: str
    name: str
    kind: str
    credits: int


class MissingReasonPublic(BaseModel):
    code: ReasonCode
    text: str  # what is missing, in one sentence the examinee can act on
    courses: list[MissingCoursePublic] = []
    missing: int | None = None  # credits or courses still missing


class EligibilityPublic(BaseModel):
    eligible: bool
    message: str
    level: str
    major_code: str
    major_name: str
    plan_version: str
    min_credits: int
    credits_done: int  # passed + exempted, courses of the plan
    min_courses: int
    courses_done: int
    required_total: int
    required_done: int
    thesis_required: bool
    thesis_passed: bool
    prior_diploma_required: bool
    prior_diploma_verified: bool
    reasons: list[MissingReasonPublic]


class WindowPublic(BaseModel):
    open: bool
    session_code: str | None
    session_name: str | None
    opens_at: datetime | None
    closes_at: datetime | None
    text: str


class ResumeEntry(RequestModel):
    """One line of the 个人简历: from–to (``YYYY-MM``; an empty ``end`` is 至今), unit or school, role."""

    model_config = ConfigDict(extra="forbid")
    start: CodeText = Field(max_length=7)
    end: CodeText = Field(default="", max_length=7)
    unit: OneLineText = Field(default="", max_length=100)
    role: OneLineText = Field(default="", title="职务", max_length=50)


class MaterialsIn(RequestModel):
    """Uploaded file ids (``POST /files``) per material; ``None`` = not uploaded yet."""

    model_config = ConfigDict(extra="forbid")
    id_copy: int | None = None
    prior_diploma: int | None = None
    photo: int | None = None
    receipt: int | None = None


class GraduationDraft(RequestModel):
    """What the examinee types and uploads; checked fully only on submit (a draft may be incomplete)."""

    model_config = ConfigDict(extra="forbid")
    resume: list[ResumeEntry] = Field(default_factory=list, max_length=50)
    self_assessment: MultiLineText = Field(default="", max_length=4000)
    materials: MaterialsIn = Field(default_factory=MaterialsIn)


class MaterialPublic(BaseModel):
    kind: MaterialKind
    kind_text: str
    required: bool
    rule: str  # e.g. the photo rules
    file: FilePublic | None


class GraduationPublic(BaseModel):
    application_no: str
    session_code: str
    session_name: str
    status: str
    status_text: str
    resume: list[ResumeEntry]
    self_assessment: str
    materials: list[MaterialPublic]
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    reason: str | None
    certificate_no: str | None
    editable: bool
    can_submit: bool
    events: list[EventPublic]


class GraduationLimitsPublic(BaseModel):
    resume_min_entries: int
    resume_max_entries: int
    unit_max_length: int
    role_max_length: int
    self_assessment_min_length: int
    self_assessment_max_length: int


class GraduationOverviewPublic(BaseModel):
    """Everything the 毕业申请 tab shows: eligibility, the window, the current application, the limits."""

    server_time: datetime
    eligibility: EligibilityPublic
    window: WindowPublic
    application: GraduationPublic | None
    limits: GraduationLimitsPublic


# --- staff ------------------------------------------------------------------------------------------------


class StaffGraduationPublic(BaseModel):
    exam_no: str
    name: str
    id_number_masked: str
    gender: str
    major_code: str
    major_name: str
    level: str
    prefecture_name: str
    application: GraduationPublic
    actions: list[StaffActionName]  # what the calling staff member may do now


class StaffGraduationListPublic(BaseModel):
    items: list[StaffGraduationPublic]
    counts: dict[str, int]


class StaffActionCreate(RequestModel):
    comment: MultiLineText = Field(title="审核意见", default="", max_length=200)
