"""Bodies of 成绩管理: scores, plan progress, the suggested plan, score reviews (``XPublic`` out).

The field names are the contract of ``desktop/api/scores.py``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from backend_mock.inputs import CodeText, MultiLineText, RequestModel


class ScorePublic(BaseModel):
    session_code: str
    session_name: str
    course_code: str
    course_name: str
    kind: Literal["theory", "practice", "thesis"]
    credits: int
    score: int | None  # theory and thesis; None for practice and absences
    grade: str | None  # 合格 / 不合格 (practice), 优秀 良好 中等 合格 不合格 (thesis)
    absent: bool
    passed: bool
    result_text: str  # 78 / 合格 / 良好（84） / 缺考
    best: bool  # the course's best result among the released ones
    review_status: str | None  # the review of this result, if one was requested


class PendingSessionPublic(BaseModel):
    """A session whose exams are over (or results are held) but whose scores are not out yet."""

    session_code: str
    session_name: str
    release_at: datetime


class ScoreListPublic(BaseModel):
    server_time: datetime
    scores: list[ScorePublic]
    pending: list[PendingSessionPublic]


class KindProgressPublic(BaseModel):
    kind: Literal["theory", "practice", "thesis"]
    kind_text: str
    total: int
    passed: int
    exempted: int
    remaining: int
    credits_total: int
    credits_done: int


class RemainingCoursePublic(BaseModel):
    code: str
    name: str
    kind: Literal["theory", "practice", "thesis"]
    credits: int
    required: bool


class ProgressPublic(BaseModel):
    major_code: str
    major_name: str
    level: str
    plan_version: str
    min_credits: int
    min_courses: int
    credits_passed: int
    credits_exempted: int
    courses_passed: int
    courses_exempted: int
    required_total: int
    required_done: int
    by_kind: list[KindProgressPublic]
    remaining: list[RemainingCoursePublic]
    complete: bool


class SuggestedCoursePublic(BaseModel):
    code: str
    name: str
    kind: Literal["theory", "practice", "thesis"]
    credits: int
    required: bool
    slot: str
    slot_label: str
    reasons: list[str]
    reason: str


class PlanSuggestionPublic(BaseModel):
    session_code: str
    session_name: str
    registration_open: datetime
    registration_close: datetime
    # the planned session is the one the 报名报考 tab registers for, and its window is open now
    can_register_now: bool
    window_text: str
    complete: bool
    message: str  # one line above the list: why these, or why none
    max_courses: int
    courses: list[SuggestedCoursePublic]


ReviewStatusText = Literal["submitted", "in_review", "done"]


class ReviewCreate(RequestModel):
    session_code: CodeText = Field(min_length=7, max_length=7)
    course_code: CodeText = Field(min_length=5, max_length=5)


class ReviewOptionPublic(BaseModel):
    """A result a review can be requested for now."""

    session_code: str
    session_name: str
    course_code: str
    course_name: str
    score: int
    review_close: datetime


class ReviewPublic(BaseModel):
    review_no: str
    session_code: str
    session_name: str
    course_code: str
    course_name: str
    original_score: int
    status: ReviewStatusText
    status_text: str
    submitted_at: datetime
    due_at: datetime
    resolved_at: datetime | None
    corrected_score: int | None
    result_text: str | None  # 维持原成绩 / 更正为 N (once 已完成)


class StaffReviewPublic(ReviewPublic):
    exam_no: str
    examinee_name: str


class StaffReviewPagePublic(BaseModel):
    """One page of the reviewer's 成绩复核 queue: the items, counts by status (of the prefecture,
    whatever the filters), how many match the filters over all pages, and the page asked for."""

    items: list[StaffReviewPublic]
    counts: dict[str, int]
    matched: int
    limit: int
    offset: int


class ReviewResolve(RequestModel):
    # None or the original score: 维持原成绩; another score: 更正为 N
    corrected_score: int | None = Field(default=None, ge=0, le=100)
    # why the score changes (required for a correction; kept in the audit record)
    reason: MultiLineText | None = Field(default=None, max_length=200)
