"""成绩管理 over HTTP: released scores, plan progress, the suggested plan, score reviews.

The reviewers' methods (``staff_*``) need a staff login with the reviewer role; the server answers
anybody else with ``Forbidden``.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime

from desktop.api.convert import from_json, list_from_json
from desktop.api.endpoints import _Module
from desktop.i18n.marks import QT_TR_NOOP

KIND_TEXT = {"theory": QT_TR_NOOP("理论课"), "practice": QT_TR_NOOP("实践课"), "thesis": QT_TR_NOOP("毕业论文")}


@dataclass(frozen=True)
class Score:
    session_code: str
    session_name: str
    course_code: str
    course_name: str
    kind: str  # theory | practice | thesis
    credits: int
    score: int | None
    grade: str | None
    absent: bool
    passed: bool
    result_text: str  # 78 / 合格 / 良好（84） / 缺考
    best: bool  # the course's best result
    review_status: str | None  # 已提交 / 复核中 / 已完成, if a review was requested

    @property
    def kind_text(self) -> str:
        return KIND_TEXT.get(self.kind, self.kind)

    @property
    def outcome_text(self) -> str:
        """通过 / 未通过 / 缺考."""
        if self.absent:
            return QT_TR_NOOP("缺考")
        return QT_TR_NOOP("通过", "score result") if self.passed else QT_TR_NOOP("未通过")


@dataclass(frozen=True)
class PendingSession:
    session_code: str
    session_name: str
    release_at: datetime


@dataclass(frozen=True)
class ScoreList:
    server_time: datetime
    scores: tuple[Score, ...]
    pending: tuple[PendingSession, ...]


@dataclass(frozen=True)
class KindProgress:
    kind: str
    kind_text: str
    total: int
    passed: int
    exempted: int
    remaining: int
    credits_total: int
    credits_done: int


@dataclass(frozen=True)
class RemainingCourse:
    code: str
    name: str
    kind: str
    credits: int
    required: bool


@dataclass(frozen=True)
class Progress:
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
    by_kind: tuple[KindProgress, ...]
    remaining: tuple[RemainingCourse, ...]
    complete: bool

    @property
    def credits_done(self) -> int:
        return self.credits_passed + self.credits_exempted

    @property
    def courses_done(self) -> int:
        return self.courses_passed + self.courses_exempted


@dataclass(frozen=True)
class SuggestedCourse:
    code: str
    name: str
    kind: str
    credits: int
    required: bool
    slot: str
    slot_label: str
    reasons: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class PlanSuggestion:
    session_code: str
    session_name: str
    registration_open: datetime
    registration_close: datetime
    can_register_now: bool
    window_text: str
    complete: bool
    message: str
    max_courses: int
    courses: tuple[SuggestedCourse, ...]


@dataclass(frozen=True)
class ReviewOption:
    session_code: str
    session_name: str
    course_code: str
    course_name: str
    score: int
    review_close: datetime


@dataclass(frozen=True)
class Review:
    review_no: str
    session_code: str
    session_name: str
    course_code: str
    course_name: str
    original_score: int
    status: str  # submitted | in_review | done
    status_text: str  # 已提交 | 复核中 | 已完成
    submitted_at: datetime
    due_at: datetime
    resolved_at: datetime | None
    corrected_score: int | None
    result_text: str | None  # 维持原成绩 | 更正为 N


@dataclass(frozen=True)
class StaffReview(Review):
    exam_no: str = ""
    examinee_name: str = ""


@dataclass(frozen=True)
class StaffReviewPage:
    """One page of the reviewer's 成绩复核 queue (the reviewer's prefecture)."""

    items: tuple[StaffReview, ...]
    counts: dict[str, int]  # by status, whatever the filters
    matched: int  # how many match the filters, over all pages
    limit: int
    offset: int


class ScoresApi(_Module):
    """成绩管理: ``client.scores``."""

    def list(self) -> ScoreList:
        return from_json(ScoreList, self._c.request("GET", "/scores"))

    def progress(self) -> Progress:
        return from_json(Progress, self._c.request("GET", "/scores/progress"))

    def plan(self) -> PlanSuggestion:
        """The suggested courses for the next session whose registration has not closed."""
        return from_json(PlanSuggestion, self._c.request("GET", "/scores/plan"))

    def reviews(self) -> builtins.list[Review]:
        return list_from_json(Review, self._c.request("GET", "/scores/reviews"))

    def review_options(self) -> builtins.list[ReviewOption]:
        """The results a review can be requested for now (written courses inside their window)."""
        return list_from_json(ReviewOption, self._c.request("GET", "/scores/reviews/options"))

    def request_review(self, session_code: str, course_code: str) -> Review:
        body = {"session_code": session_code, "course_code": course_code}
        return from_json(Review, self._c.request("POST", "/scores/reviews", json=body))

    # --- reviewers -----------------------------------------------------------------------------------
    def staff_reviews(self, status: str | None = None) -> builtins.list[StaffReview]:
        params = {"status": status} if status else None
        return list_from_json(StaffReview, self._c.request("GET", "/staff/score-reviews", params=params))

    def staff_review_page(
        self,
        status: str | None = None,
        exam_no: str | None = None,
        *,
        limit: int = 20,
        offset: int = 0,
        submitted_from: str | None = None,
        submitted_to: str | None = None,
        query: str | None = None,
    ) -> StaffReviewPage:
        """One page filtered on the server (days as ``YYYY-MM-DD``; ``query``: a review number, an exam
        number or its beginning, or a name's beginning)."""
        wanted = {"status": status, "exam_no": exam_no, "q": query, "limit": limit, "offset": offset,
                  "submitted_from": submitted_from, "submitted_to": submitted_to}  # fmt: skip
        params = {k: v for k, v in wanted.items() if v not in (None, "")}
        return from_json(StaffReviewPage, self._c.request("GET", "/staff/score-reviews/page", params=params))

    def staff_start(self, review_no: str) -> StaffReview:
        return from_json(StaffReview, self._c.request("POST", f"/staff/score-reviews/{review_no}/start"))

    def staff_resolve(
        self, review_no: str, corrected_score: int | None = None, reason: str | None = None
    ) -> StaffReview:
        """维持原成绩 (``None``) or 更正为 ``corrected_score`` (a reason is required then)."""
        body = {"corrected_score": corrected_score, "reason": reason}
        return from_json(StaffReview, self._c.request("POST", f"/staff/score-reviews/{review_no}/resolve", json=body))
