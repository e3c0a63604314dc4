"""An examinee's results: scores per course and session, granted exemptions, results transferred in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base
from backend_mock.models.catalog import Course


class ScoreRecord(Base):
    """One result: a numeric score (theory, thesis) or 合格/不合格 (practice), or 缺考 (absent)."""

    __tablename__ = "score_records"
    __table_args__ = (UniqueConstraint("examinee_id", "course_code", "session_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    course_code: Mapped[str] = mapped_column(ForeignKey("courses.code"))
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"))
    score: Mapped[int | None]  # 0..100; None for practice results and absences
    grade: Mapped[str | None] = mapped_column(String(6))  # 合格 不合格 优秀 良好 中等
    absent: Mapped[bool] = mapped_column(default=False)
    passed: Mapped[bool] = mapped_column(default=False)
    course: Mapped[Course] = relationship()


class Exemption(Base):
    """A course granted as exempt (免考) — counts as passed with its credits."""

    __tablename__ = "exemptions"
    __table_args__ = (UniqueConstraint("examinee_id", "course_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    course_code: Mapped[str] = mapped_column(ForeignKey("courses.code"))
    basis: Mapped[str] = mapped_column(String(100))  # the certificate or transcript it rests on
    granted_at: Mapped[datetime]
    course: Mapped[Course] = relationship()


class TransferredResult(Base):
    """A course passed in another province and accepted with an approved 外省转入 (结果 "转入").

    A result of its own kind: it counts as passed for progress and graduation (docs/rules.md#scores-and-reviews)
    and is not an exemption, so the exemption cap never counts it.
    """

    __tablename__ = "transferred_results"
    __table_args__ = (UniqueConstraint("examinee_id", "course_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    course_code: Mapped[str] = mapped_column(ForeignKey("courses.code"))
    application_id: Mapped[int] = mapped_column(ForeignKey("record_applications.id"))
    province_code: Mapped[str] = mapped_column(String(2))
    score: Mapped[int | None]  # as the other province reported it, if it did
    session: Mapped[str | None] = mapped_column(String(20))  # the other province's session, as written
    accepted_at: Mapped[datetime]
    course: Mapped[Course] = relationship()
