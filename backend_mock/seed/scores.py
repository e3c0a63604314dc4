"""Seed data of 成绩管理: one finished score review, so the demo shows the whole review flow.

The bachelor_ready demo examinee asked for a review of a written course in the newest session
whose review has had time to finish by ``now`` (submitted a day after the release, resolved
``DEMO_REVIEW_DAYS`` later: 维持原成绩).  Other demo examinees are left free to ask for one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.models import Course, CourseKind, Examinee, ExamSession, ReviewStatus, ScoreRecord, ScoreReview
from backend_mock.seed.demo import DEMO_EXAMINEES
from backend_mock.settings import Settings

DEMO_REVIEWER = "staff:2"  # cs_reviewer (the staff rows are numbered in DEMO_STAFF order)
DEMO_REVIEW_DAYS = 12


def seed_reviews(db: Session, settings: Settings, now: datetime) -> int:
    """Add the demo's finished review (if its dates fit before ``now``); returns how many were added."""
    demo = next(d for d in DEMO_EXAMINEES if d.key == "bachelor_ready")
    examinee_id = db.scalar(select(Examinee.id).where(Examinee.exam_no == demo.exam_no))
    rows = db.execute(
        select(ScoreRecord, ExamSession)
        .join(ExamSession, ExamSession.code == ScoreRecord.session_code)
        .join(Course, Course.code == ScoreRecord.course_code)
        .where(
            ScoreRecord.examinee_id == examinee_id,
            Course.kind == CourseKind.THEORY,
            ScoreRecord.score.is_not(None),
        )
        .order_by(ExamSession.code.desc(), ScoreRecord.course_code)
    ).all()
    finished_by_now = [(r, s) for r, s in rows if s.score_release + timedelta(days=1 + DEMO_REVIEW_DAYS) <= now]
    if not finished_by_now:
        return 0
    record, session = finished_by_now[0]
    submitted = session.score_release + timedelta(days=1)
    db.add(
        ScoreReview(
            review_no=f"{settings.review_no_prefix}{submitted:%y%m%d%H%M%S}000001",
            examinee_id=record.examinee_id,
            course_code=record.course_code,
            session_code=record.session_code,
            score_record_id=record.id,
            original_score=record.score or 0,
            status=ReviewStatus.DONE,
            submitted_at=submitted,
            due_at=submitted + timedelta(days=settings.score_review_result_days),
            started_at=submitted + timedelta(days=2),
            resolved_at=submitted + timedelta(days=DEMO_REVIEW_DAYS),
            reviewer=DEMO_REVIEWER,
            corrected_score=None,
        )
    )
    return 1
