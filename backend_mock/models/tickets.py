"""准考证: rooms and seats, assigned once per session when the ticket printing window opens.

The database guards the assignment: one row per examinee and session, never two examinees on one
seat of one room at one site in one session, and one ``SeatAssignmentRun`` marker per session, so
two requests that both find the window open cannot both assign (the second one's insert fails
and it reads what the first stored).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend_mock.models.base import Base


class SeatAssignmentRun(Base):
    """Marker: the rooms and seats of this session have been assigned."""

    __tablename__ = "seat_assignment_runs"
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"), primary_key=True)
    assigned_at: Mapped[datetime]
    examinees: Mapped[int]


class SeatAssignment(Base):
    """The room (考场) and seat (座位号) of one examinee at their site in one session."""

    __tablename__ = "seat_assignments"
    __table_args__ = (
        UniqueConstraint("session_code", "examinee_id", name="uq_seat_assignments_examinee"),
        UniqueConstraint("session_code", "site_id", "room", "seat", name="uq_seat_assignments_seat"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"))
    site_id: Mapped[int] = mapped_column(ForeignKey("exam_sites.id"), index=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    exam_no: Mapped[str] = mapped_column(String(12))
    room: Mapped[int]
    seat: Mapped[int]
