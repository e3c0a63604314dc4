"""毕业申请: the application with its resume, self-assessment, materials and state history."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base, enum_column


class GraduationStatus(StrEnum):
    DRAFT = "draft"  # 草稿
    SUBMITTED = "submitted"  # 已提交
    RETURNED = "returned"  # 退回: corrected and submitted again
    FIRST_PASSED = "first_passed"  # 初审通过
    FIRST_FAILED = "first_failed"  # 初审不通过
    CONFIRMED = "confirmed"  # 现场确认
    FINAL_PASSED = "final_passed"  # 终审通过
    FINAL_FAILED = "final_failed"  # 不通过
    ISSUED = "issued"  # 证书已发放


#: an application in one of these is still going: the examinee cannot start another
OPEN_GRADUATION_STATUSES = (
    GraduationStatus.DRAFT,
    GraduationStatus.SUBMITTED,
    GraduationStatus.RETURNED,
    GraduationStatus.FIRST_PASSED,
    GraduationStatus.CONFIRMED,
    GraduationStatus.FINAL_PASSED,
)


class GraduationApplication(Base):
    """One application for one graduation window (``session_code``: the session whose window it is).

    ``resume`` is a list of ``{"start", "end", "unit", "role"}``; ``materials`` maps a material kind
    (id_copy, prior_diploma, photo, receipt) to the id of an uploaded file of the examinee.
    """

    __tablename__ = "graduation_applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_no: Mapped[str] = mapped_column(String(24), unique=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"))
    status: Mapped[GraduationStatus] = mapped_column(enum_column(GraduationStatus), index=True)
    resume: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    self_assessment: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    # the last staff comment the examinee should read (reason of a return or refusal, or a note)
    reason: Mapped[str | None] = mapped_column(String(200))
    certificate_no: Mapped[str | None] = mapped_column(String(24))
    events: Mapped[list[GraduationEvent]] = relationship(
        back_populates="application", order_by="GraduationEvent.id", cascade="all, delete-orphan"
    )


class GraduationEvent(Base):
    """One step of an application's history: who, when, from which state to which, and the comment."""

    __tablename__ = "graduation_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("graduation_applications.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(40))  # examinee:ID | staff:ID
    actor_name: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[GraduationStatus | None] = mapped_column(enum_column(GraduationStatus))
    to_status: Mapped[GraduationStatus] = mapped_column(enum_column(GraduationStatus))
    comment: Mapped[str | None] = mapped_column(String(200))
    application: Mapped[GraduationApplication] = relationship(back_populates="events")
