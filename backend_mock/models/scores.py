"""成绩复核: an examinee's request to have a written paper checked again, and its outcome."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base, enum_column
from backend_mock.models.catalog import Course
from backend_mock.models.history import ScoreRecord


class ReviewStatus(StrEnum):
    SUBMITTED = "submitted"  # 已提交
    IN_REVIEW = "in_review"  # 复核中
    DONE = "done"  # 已完成


class ScoreReview(Base):
    """One review of one course's score in one session (at most one: the unique constraint)."""

    __tablename__ = "score_reviews"
    __table_args__ = (UniqueConstraint("examinee_id", "course_code", "session_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_no: Mapped[str] = mapped_column(String(20), unique=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    course_code: Mapped[str] = mapped_column(ForeignKey("courses.code"))
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"))
    score_record_id: Mapped[int] = mapped_column(ForeignKey("score_records.id"))
    original_score: Mapped[int]
    status: Mapped[ReviewStatus] = mapped_column(enum_column(ReviewStatus), default=ReviewStatus.SUBMITTED)
    submitted_at: Mapped[datetime]
    due_at: Mapped[datetime]  # the result is promised by then (score_review_result_days)
    started_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    reviewer: Mapped[str | None] = mapped_column(String(40))  # staff:<id> who took it / resolved it
    # None: 维持原成绩; a number: 更正为 N
    corrected_score: Mapped[int | None]
    course: Mapped[Course] = relationship()
    record: Mapped[ScoreRecord] = relationship()
