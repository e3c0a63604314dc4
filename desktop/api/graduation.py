"""毕业申请 on the client: eligibility and window, the application (resume, self-assessment,
materials as uploaded file ids), and the staff's steps (``client.graduation.staff``).  No Qt here.

Materials are uploaded with ``client.records.upload`` (the one upload path) and passed by id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from desktop.api.convert import from_json
from desktop.api.endpoints import _Module
from desktop.api.records import ApplicationEvent, UploadedFile

MATERIAL_KINDS = ("id_copy", "prior_diploma", "photo", "receipt")


@dataclass(frozen=True)
class MissingCourse:
    code: str
    name: str
    kind: str
    credits: int


@dataclass(frozen=True)
class MissingReason:
    code: str  # record_status required_courses credits course_count thesis prior_diploma
    text: str
    courses: tuple[MissingCourse, ...] = ()
    missing: int | None = None


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    message: str
    level: str
    major_code: str
    major_name: str
    plan_version: str
    min_credits: int
    credits_done: int
    min_courses: int
    courses_done: int
    required_total: int
    required_done: int
    thesis_required: bool
    thesis_passed: bool
    prior_diploma_required: bool
    prior_diploma_verified: bool
    reasons: tuple[MissingReason, ...] = ()

    def reason(self, code: str) -> MissingReason | None:
        return next((r for r in self.reasons if r.code == code), None)


@dataclass(frozen=True)
class Window:
    open: bool
    session_code: str | None
    session_name: str | None
    opens_at: datetime | None
    closes_at: datetime | None
    text: str


@dataclass(frozen=True)
class ResumeEntry:
    start: str  # YYYY-MM
    end: str  # YYYY-MM, "" = 至今
    unit: str
    role: str


@dataclass(frozen=True)
class Material:
    kind: str
    kind_text: str
    required: bool
    rule: str
    file: UploadedFile | None


@dataclass(frozen=True)
class GraduationApplication:
    application_no: str
    session_code: str
    session_name: str
    status: str
    status_text: str
    resume: tuple[ResumeEntry, ...]
    self_assessment: str
    materials: tuple[Material, ...]
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    reason: str | None
    certificate_no: str | None
    editable: bool
    can_submit: bool
    events: tuple[ApplicationEvent, ...] = field(default_factory=tuple)

    def material_ids(self) -> dict[str, int | None]:
        return {m.kind: m.file.file_id if m.file else None for m in self.materials}


@dataclass(frozen=True)
class Limits:
    resume_min_entries: int
    resume_max_entries: int
    unit_max_length: int
    role_max_length: int
    self_assessment_min_length: int
    self_assessment_max_length: int


@dataclass(frozen=True)
class GraduationOverview:
    server_time: datetime
    eligibility: Eligibility
    window: Window
    application: GraduationApplication | None
    limits: Limits


@dataclass(frozen=True)
class StaffGraduation:
    exam_no: str
    name: str
    id_number_masked: str
    gender: str
    major_code: str
    major_name: str
    level: str
    prefecture_name: str
    application: GraduationApplication
    actions: tuple[str, ...]


@dataclass(frozen=True)
class StaffGraduationList:
    items: tuple[StaffGraduation, ...]
    counts: dict[str, int]


def draft_body(
    resume: list[ResumeEntry] | tuple[ResumeEntry, ...], self_assessment: str, materials: dict[str, int | None]
) -> dict[str, Any]:
    return {
        "resume": [asdict(e) for e in resume],
        "self_assessment": self_assessment,
        "materials": {k: materials.get(k) for k in MATERIAL_KINDS},
    }


class GraduationStaffApi(_Module):
    """The staff's steps; the server checks the role of each (PermissionDenied otherwise)."""

    def list(self, status: str | None = None, query: str = "") -> StaffGraduationList:
        params = {k: v for k, v in {"status": status, "q": query}.items() if v}
        return from_json(StaffGraduationList, self._c.request("GET", "/staff/graduation", params=params or None))

    def detail(self, application_no: str) -> StaffGraduation:
        return from_json(StaffGraduation, self._c.request("GET", f"/staff/graduation/{application_no}"))

    def file(self, application_no: str, file_id: int) -> bytes:
        data: bytes = self._c.request("GET", f"/staff/graduation/{application_no}/files/{file_id}", raw=True)
        return data

    def act(self, application_no: str, action: str, comment: str = "") -> StaffGraduation:
        """first_approve first_reject return confirm final_approve final_reject issue."""
        body = self._c.request("POST", f"/staff/graduation/{application_no}/{action}", json={"comment": comment})
        return from_json(StaffGraduation, body)


class GraduationApi(_Module):
    """毕业申请 of the logged-in examinee."""

    def __init__(self, client: Any) -> None:
        super().__init__(client)
        self.staff = GraduationStaffApi(client)

    def overview(self) -> GraduationOverview:
        return from_json(GraduationOverview, self._c.request("GET", "/graduation"))

    def eligibility(self) -> Eligibility:
        return from_json(Eligibility, self._c.request("GET", "/graduation/eligibility"))

    def create(
        self,
        resume: list[ResumeEntry] | tuple[ResumeEntry, ...] = (),
        self_assessment: str = "",
        materials: dict[str, int | None] | None = None,
    ) -> GraduationApplication:
        body = draft_body(resume, self_assessment, materials or {})
        return from_json(GraduationApplication, self._c.request("POST", "/graduation/applications", json=body))

    def save(
        self,
        application_no: str,
        resume: list[ResumeEntry] | tuple[ResumeEntry, ...],
        self_assessment: str,
        materials: dict[str, int | None],
    ) -> GraduationApplication:
        body = draft_body(resume, self_assessment, materials)
        path = f"/graduation/applications/{application_no}"
        return from_json(GraduationApplication, self._c.request("PUT", path, json=body))

    def submit(self, application_no: str) -> GraduationApplication:
        path = f"/graduation/applications/{application_no}/submit"
        return from_json(GraduationApplication, self._c.request("POST", path))
