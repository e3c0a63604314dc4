"""What can be studied and when: courses, majors, versioned plans, exam sessions, timetables."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base, enum_column


class CourseKind(StrEnum):
    THEORY = "theory"
    PRACTICE = "practice"
    THESIS = "thesis"


class Level(StrEnum):
    DIPLOMA = "专科"
    BACHELOR = "本科"


class Course(Base):
    __tablename__ = "courses"
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    credits: Mapped[int]
    kind: Mapped[CourseKind] = mapped_column(enum_column(CourseKind))
    # for a practice course: the theory course that must be passed first
    theory_code: Mapped[str | None] = mapped_column(ForeignKey("courses.code"))


class CourseReplacement(Base):
    """An old course code replaced by a new one; passing either counts for both."""

    __tablename__ = "course_replacements"
    old_code: Mapped[str] = mapped_column(ForeignKey("courses.code"), primary_key=True)
    new_code: Mapped[str] = mapped_column(ForeignKey("courses.code"), primary_key=True)


class University(Base):
    __tablename__ = "universities"
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))


class Major(Base):
    __tablename__ = "majors"
    __table_args__ = (UniqueConstraint("code", "level"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(40))
    level: Mapped[Level] = mapped_column(enum_column(Level))
    university_code: Mapped[str] = mapped_column(ForeignKey("universities.code"))
    university: Mapped[University] = relationship()
    plans: Mapped[list[Plan]] = relationship(back_populates="major", order_by="Plan.version")


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("major_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    major_id: Mapped[int] = mapped_column(ForeignKey("majors.id"), index=True)
    version: Mapped[str] = mapped_column(String(10))  # e.g. "2018", "2024"
    min_credits: Mapped[int]
    min_courses: Mapped[int]
    requires_prior_diploma: Mapped[bool] = mapped_column(default=False)
    current: Mapped[bool] = mapped_column(default=True)  # open to new examinees
    major: Mapped[Major] = relationship(back_populates="plans")
    courses: Mapped[list[PlanCourse]] = relationship(back_populates="plan", order_by="PlanCourse.position")


class PlanCourse(Base):
    __tablename__ = "plan_courses"
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), primary_key=True)
    course_code: Mapped[str] = mapped_column(ForeignKey("courses.code"), primary_key=True)
    required: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    plan: Mapped[Plan] = relationship(back_populates="courses")
    course: Mapped[Course] = relationship()


class ExamSession(Base):
    """One 考次 (``2026-10``) with its calendar, computed from the settings when created.

    The dates are stored, not recomputed, so an administrator can move one session's window
    without touching the others.
    """

    __tablename__ = "exam_sessions"
    code: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    name: Mapped[str] = mapped_column(String(30))  # 2026年10月
    enrolment_open: Mapped[datetime]
    enrolment_close: Mapped[datetime]
    registration_open: Mapped[datetime]
    registration_close: Mapped[datetime]
    phase1_close: Mapped[datetime]
    exam_saturday: Mapped[date]
    ticket_print_open: Mapped[datetime]
    ticket_print_close: Mapped[datetime]
    score_release: Mapped[datetime]
    review_close: Mapped[datetime]
    graduation_open: Mapped[datetime]
    graduation_close: Mapped[datetime]
    timetable: Mapped[list[TimetableEntry]] = relationship(back_populates="session")


class TimetableEntry(Base):
    __tablename__ = "timetable_entries"
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"), primary_key=True)
    course_code: Mapped[str] = mapped_column(ForeignKey("courses.code"), primary_key=True)
    slot: Mapped[str] = mapped_column(String(6))  # SAT_AM SAT_PM SUN_AM SUN_PM
    session: Mapped[ExamSession] = relationship(back_populates="timetable")
    course: Mapped[Course] = relationship()
