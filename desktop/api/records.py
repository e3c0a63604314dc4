"""考籍管理 on the client: proofs upload (with progress), applications, the credit cap, appointments,
and the reviewer's calls (``client.records.review``).  No Qt here.
"""

from __future__ import annotations

import io
import mimetypes
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.api.convert import from_json, list_from_json
from desktop.api.endpoints import _Module
from desktop.i18n.marks import QT_TR_NOOP

#: called as ``progress(bytes_sent, total_bytes)`` while a file is sent (on the calling thread)
Progress = Callable[[int, int], None]

KIND_TEXT = {
    "correction": QT_TR_NOOP("信息更正", "application kind"),
    "exemption": QT_TR_NOOP("课程免考"),
    "transfer_out": QT_TR_NOOP("转出外省"),
    "transfer_in": QT_TR_NOOP("外省转入"),
    "prefecture_change": QT_TR_NOOP("省内转考"),
}


@dataclass(frozen=True)
class UploadedFile:
    file_id: int
    name: str
    content_type: str
    size: int
    uploaded_at: datetime

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@dataclass(frozen=True)
class ApplicationEvent:
    at: datetime
    actor_name: str
    action: str
    action_text: str
    from_status: str | None
    to_status: str
    to_status_text: str
    comment: str | None


@dataclass(frozen=True)
class Application:
    application_no: str
    kind: str
    kind_text: str
    status: str
    status_text: str
    summary: str
    data: dict[str, Any]
    files: tuple[UploadedFile, ...]
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    reason: str | None
    editable: bool
    can_submit: bool
    can_withdraw: bool
    deadline_note: str | None = None
    events: tuple[ApplicationEvent, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ExemptionCap:
    total_credits: int
    allowed_credits: int
    granted_credits: int
    pending_credits: int
    course_code: str | None
    course_credits: int
    after_credits: int
    within_cap: bool
    message: str


@dataclass(frozen=True)
class ExemptableCourse:
    code: str
    name: str
    credits: int


@dataclass(frozen=True)
class ReviewItem:
    application_no: str
    kind: str
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


@dataclass(frozen=True)
class ReviewList:
    items: tuple[ReviewItem, ...]
    counts: dict[str, int]
    total: int
    matched: int = 0  # how many match the filters, over all pages


@dataclass(frozen=True)
class ReviewDetail:
    item: ReviewItem
    application: Application
    exemption_cap: ExemptionCap | None
    # what the reviewer must know before deciding (e.g. the course is registered and paid this session)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Office:
    prefecture_code: str
    prefecture_name: str
    office_name: str


@dataclass(frozen=True)
class AppointmentSlot:
    slot_id: int
    day: date
    half: str
    half_text: str
    capacity: int
    places_left: int


@dataclass(frozen=True)
class Appointment:
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


@dataclass(frozen=True)
class OfficeAppointment(Appointment):
    """An appointment as the office's clerk sees it (the examinee's numbers masked)."""

    exam_no: str = ""
    name: str = ""
    id_number_masked: str = ""
    served_at: datetime | None = None


@dataclass(frozen=True)
class OfficeDay:
    day: date
    today: date  # the server's date: only today's appointments can be marked served
    office_name: str
    items: tuple[OfficeAppointment, ...]


class ProgressReader(io.RawIOBase):
    """A body ``requests`` streams block by block, reporting how much has been read so far."""

    def __init__(self, data: bytes, progress: Progress | None) -> None:
        super().__init__()
        self._buf = io.BytesIO(data)
        self._total = len(data)
        self._progress = progress
        self.len = self._total  # requests reads the length from here (Content-Length)

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        chunk = self._buf.read(-1 if size is None else size)
        if self._progress is not None and chunk:
            self._progress(self._buf.tell(), self._total)
        return chunk

    def readinto(self, b: Any) -> int:
        chunk = self.read(len(b))
        b[: len(chunk)] = chunk
        return len(chunk)


def multipart_body(field_name: str, file_name: str, data: bytes) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body with one file part; returns (body, content type)."""
    boundary = uuid.uuid4().hex
    content_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    safe_name = file_name.replace('"', "").replace("\r", "").replace("\n", "")
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{field_name}"; filename="{safe_name}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _application(body: dict[str, Any]) -> Application:
    return from_json(Application, body)


class ReviewApi(_Module):
    """The reviewer's calls (a staff login with the reviewer role; others get PermissionDenied)."""

    def list(
        self,
        status: str | None = None,
        kind: str | tuple[str, ...] | None = None,
        query: str | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        submitted_from: str | None = None,
        submitted_to: str | None = None,
    ) -> ReviewList:
        """``kind``: one kind or several (a review queue); counts are by status for those kinds.
        ``limit``/``offset``: one page (``matched`` counts all pages); days as ``YYYY-MM-DD``."""
        kinds = [kind] if isinstance(kind, str) else list(kind or ())
        wanted = {"status": status, "kind": kinds, "q": query, "limit": limit, "offset": offset or None,
                  "submitted_from": submitted_from, "submitted_to": submitted_to}  # fmt: skip
        params = {k: v for k, v in wanted.items() if v}
        return from_json(ReviewList, self._c.request("GET", "/review/records", params=params or None))

    def detail(self, application_no: str) -> ReviewDetail:
        return from_json(ReviewDetail, self._c.request("GET", f"/review/records/{application_no}"))

    def file(self, application_no: str, file_id: int) -> bytes:
        data: bytes = self._c.request("GET", f"/review/records/{application_no}/files/{file_id}", raw=True)
        return data

    def _decide(self, application_no: str, decision: str, comment: str) -> Application:
        body = self._c.request("POST", f"/review/records/{application_no}/{decision}", json={"comment": comment})
        return _application(body)

    def start(self, application_no: str) -> Application:
        return self._decide(application_no, "start", "")

    def approve(self, application_no: str, comment: str = "") -> Application:
        return self._decide(application_no, "approve", comment)

    def return_(self, application_no: str, reason: str) -> Application:
        return self._decide(application_no, "return", reason)

    def reject(self, application_no: str, reason: str) -> Application:
        return self._decide(application_no, "reject", reason)


class OfficeApi(_Module):
    """The prefecture office clerk's calls (a staff login with the clerk role)."""

    def day(self, day: date | None = None) -> OfficeDay:
        params = {"day": day.isoformat()} if day else None
        return from_json(OfficeDay, self._c.request("GET", "/records/office/appointments", params=params))

    def serve(self, appointment_no: str) -> OfficeAppointment:
        body = self._c.request("POST", f"/records/office/appointments/{appointment_no}/serve")
        return from_json(OfficeAppointment, body)


class RecordsApi(_Module):
    """考籍管理 of the logged-in examinee."""

    def __init__(self, client: Any) -> None:
        super().__init__(client)
        self.review = ReviewApi(client)
        self.office = OfficeApi(client)

    # --- uploads ---------------------------------------------------------------------------------------
    def upload(self, path: Path | str, progress: Progress | None = None) -> UploadedFile:
        """Send a proof file; ``progress(sent, total)`` is called as the body goes out."""
        p = Path(path)
        return self.upload_bytes(p.name, p.read_bytes(), progress)

    def upload_bytes(self, name: str, data: bytes, progress: Progress | None = None) -> UploadedFile:
        body, content_type = multipart_body("file", name, data)
        reader = ProgressReader(body, progress)
        result = self._c.request("POST", "/files", data=reader, headers={"Content-Type": content_type})
        return from_json(UploadedFile, result)

    def file(self, file_id: int) -> bytes:
        data: bytes = self._c.request("GET", f"/files/{file_id}", raw=True)
        return data

    # --- applications ----------------------------------------------------------------------------------
    def applications(self) -> list[Application]:
        return list_from_json(Application, self._c.request("GET", "/records/applications"))

    def application(self, application_no: str) -> Application:
        return _application(self._c.request("GET", f"/records/applications/{application_no}"))

    def create(self, kind: str, data: dict[str, Any] | None = None, file_ids: list[int] | None = None) -> Application:
        body = {"kind": kind, "data": data or {}, "file_ids": file_ids or []}
        return _application(self._c.request("POST", "/records/applications", json=body))

    def save(self, application_no: str, data: dict[str, Any], file_ids: list[int]) -> Application:
        body = {"data": data, "file_ids": file_ids}
        return _application(self._c.request("PUT", f"/records/applications/{application_no}", json=body))

    def delete(self, application_no: str) -> None:
        self._c.request("DELETE", f"/records/applications/{application_no}")

    def submit(self, application_no: str) -> Application:
        return _application(self._c.request("POST", f"/records/applications/{application_no}/submit"))

    def withdraw(self, application_no: str) -> Application:
        return _application(self._c.request("POST", f"/records/applications/{application_no}/withdraw"))

    def exemptable_courses(self) -> list[ExemptableCourse]:
        return list_from_json(ExemptableCourse, self._c.request("GET", "/records/exemption/courses"))

    def exemption_cap(self, course_code: str | None = None, application_no: str | None = None) -> ExemptionCap:
        params = {k: v for k, v in {"course_code": course_code, "application_no": application_no}.items() if v}
        return from_json(ExemptionCap, self._c.request("GET", "/records/exemption/cap", params=params or None))

    # --- appointments ----------------------------------------------------------------------------------
    def offices(self) -> list[Office]:
        return list_from_json(Office, self._c.request("GET", "/records/appointments/offices"))

    def slots(self, prefecture_code: str) -> list[AppointmentSlot]:
        params = {"prefecture_code": prefecture_code}
        return list_from_json(AppointmentSlot, self._c.request("GET", "/records/appointments/slots", params=params))

    def appointments(self) -> list[Appointment]:
        return list_from_json(Appointment, self._c.request("GET", "/records/appointments"))

    def book(self, slot_id: int, purpose: str = "考籍证明") -> Appointment:
        body = {"slot_id": slot_id, "purpose": purpose}
        return from_json(Appointment, self._c.request("POST", "/records/appointments", json=body))

    def cancel_appointment(self, appointment_no: str) -> Appointment:
        return from_json(Appointment, self._c.request("POST", f"/records/appointments/{appointment_no}/cancel"))
