"""考籍管理: uploaded proofs, record applications with their state history, certificate appointments."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base, enum_column
from backend_mock.models.geo import Prefecture


class UploadedFile(Base):
    """A checked upload, stored under a generated name; the client's file name is never used to store.

    ``label`` is only a display name: the last part of the client's name, cut to length.  A file
    belongs to its uploader and is attached to at most one application.
    """

    __tablename__ = "uploaded_files"
    id: Mapped[int] = mapped_column(primary_key=True)
    storage_name: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(60))
    content_type: Mapped[str] = mapped_column(String(30))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    owner_examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("record_applications.id"), index=True)
    uploaded_at: Mapped[datetime]
    # when it was taken off its last application (None: never attached, or attached now); an
    # unreferenced file is deleted some hours after the later of this and ``uploaded_at``
    detached_at: Mapped[datetime | None]


class ApplicationKind(StrEnum):
    CORRECTION = "correction"  # 信息更正
    EXEMPTION = "exemption"  # 免考
    TRANSFER_OUT = "transfer_out"  # 转出外省
    TRANSFER_IN = "transfer_in"  # 外省转入
    PREFECTURE_CHANGE = "prefecture_change"  # 省内转考（变更所属市州）


class ApplicationStatus(StrEnum):
    DRAFT = "draft"  # 草稿
    SUBMITTED = "submitted"  # 已提交
    REVIEWING = "reviewing"  # 审核中
    APPROVED = "approved"  # 通过
    RETURNED = "returned"  # 退回: may be corrected and submitted again
    REJECTED = "rejected"  # 不通过


OPEN_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.REVIEWING,
    ApplicationStatus.RETURNED,
)
PENDING_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWING)
FINAL_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)


class RecordApplication(Base):
    """One application; ``data`` holds the fields of its kind (schemas_records.*Data)."""

    __tablename__ = "record_applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_no: Mapped[str] = mapped_column(String(24), unique=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    kind: Mapped[ApplicationKind] = mapped_column(enum_column(ApplicationKind))
    status: Mapped[ApplicationStatus] = mapped_column(enum_column(ApplicationStatus), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    # the last staff comment: the reason of a return or rejection, or the approval note
    reason: Mapped[str | None] = mapped_column(String(200))
    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id", cascade="all, delete-orphan"
    )
    files: Mapped[list[UploadedFile]] = relationship(order_by="UploadedFile.id")


class ApplicationEvent(Base):
    """One step of an application's history: who, when, from which state to which, and why."""

    __tablename__ = "application_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("record_applications.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(40))  # examinee:ID | staff:ID
    actor_name: Mapped[str] = mapped_column(String(40))  # 考生 / 审核员 孙立新
    action: Mapped[str] = mapped_column(String(20))  # create save submit withdraw start approve return reject
    from_status: Mapped[ApplicationStatus | None] = mapped_column(enum_column(ApplicationStatus))
    to_status: Mapped[ApplicationStatus] = mapped_column(enum_column(ApplicationStatus))
    comment: Mapped[str | None] = mapped_column(String(200))
    application: Mapped[RecordApplication] = relationship(back_populates="events")


class AppointmentSlot(Base):
    """A half-day at a prefecture office with a fixed number of places (never overbooked)."""

    __tablename__ = "appointment_slots"
    __table_args__ = (UniqueConstraint("prefecture_code", "day", "half"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    prefecture_code: Mapped[str] = mapped_column(ForeignKey("prefectures.code"))
    day: Mapped[date]
    half: Mapped[str] = mapped_column(String(2))  # am | pm
    capacity: Mapped[int]
    booked: Mapped[int] = mapped_column(default=0)
    prefecture: Mapped[Prefecture] = relationship()


class AppointmentStatus(StrEnum):
    BOOKED = "booked"  # 已预约
    CANCELLED = "cancelled"  # 已取消
    SERVED = "served"  # 已办理 (marked by the office's clerk on the day)


class Appointment(Base):
    """An examinee's appointment to collect a record certificate (考籍证明)."""

    __tablename__ = "appointments"
    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_no: Mapped[str] = mapped_column(String(24), unique=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("appointment_slots.id"))
    status: Mapped[AppointmentStatus] = mapped_column(enum_column(AppointmentStatus))
    purpose: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    served_at: Mapped[datetime | None]
    served_by: Mapped[str | None] = mapped_column(String(40))  # staff:<id> of the clerk
    slot: Mapped[AppointmentSlot] = relationship()
