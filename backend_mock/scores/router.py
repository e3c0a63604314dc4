"""成绩管理: released scores, plan progress, the suggested plan, score reviews; and the reviewers' side.

Examinees read their own results (``/scores...``); reviewers (StaffRole reviewer, nobody else)
list and resolve the review applications (``/staff/score-reviews...``), every step audited.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from backend_mock.api.deps import CtxDep, ExamineeDep, ReviewerDep, SessionDep
from backend_mock.schemas import DateIn
from backend_mock.scores import service as scores
from backend_mock.scores.schemas import (
    PlanSuggestionPublic,
    ProgressPublic,
    ReviewCreate,
    ReviewOptionPublic,
    ReviewPublic,
    ReviewResolve,
    ScoreListPublic,
    StaffReviewPagePublic,
    StaffReviewPublic,
)

router = APIRouter(prefix="/scores", tags=["scores"])
staff_router = APIRouter(prefix="/staff/score-reviews", tags=["scores"])

_REVIEW_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "session_not_found | score_not_found"},
    409: {"description": "scores_not_released | review_window_closed | review_exists"},
    422: {"description": "not_written_course | absent"},
}
_STAFF_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "staff_only | role_forbidden"},
    404: {"description": "review_not_found"},
    409: {"description": "review_state"},
    422: {"description": "reason_required"},
}


@router.get("", operation_id="scores-list")
def list_scores(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> ScoreListPublic:
    """Every released result, newest session first, each course's best marked; sessions still to be released."""
    return scores.list_scores(db, ctx, examinee)


@router.get("/progress", operation_id="scores-progress")
def progress(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> ProgressPublic:
    return scores.progress(db, ctx, examinee)


@router.get("/plan", operation_id="scores-plan", responses={404: {"description": "no_session"}})
def plan(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> PlanSuggestionPublic:
    """The suggested courses for the next session whose registration has not closed."""
    return scores.suggest_plan(db, ctx, examinee)


@router.get("/reviews", operation_id="scores-reviews")
def reviews(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> list[ReviewPublic]:
    return scores.list_reviews(db, ctx, examinee)


@router.get("/reviews/options", operation_id="scores-review_options")
def review_options(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> list[ReviewOptionPublic]:
    """The results a review can be requested for now."""
    return scores.review_options(db, ctx, examinee)


@router.post("/reviews", operation_id="scores-request_review", status_code=201, responses=_REVIEW_ERRORS)
def request_review(body: ReviewCreate, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> ReviewPublic:
    return scores.request_review(db, ctx, examinee, body.session_code, body.course_code)


@staff_router.get("", operation_id="scores-staff_reviews", responses=_STAFF_ERRORS)
def staff_reviews(
    staff: ReviewerDep,
    db: SessionDep,
    ctx: CtxDep,
    response: Response,
    status: str | None = None,
    exam_no: Annotated[str | None, Query(max_length=12, description="exam number or its beginning")] = None,
    q: Annotated[str | None, Query(max_length=30, description="review number, exam number or name beginning")] = None,
    submitted_from: Annotated[DateIn | None, Query(description="submitted on or after this day (Beijing)")] = None,
    submitted_to: Annotated[DateIn | None, Query(description="submitted on or before this day (Beijing)")] = None,
    limit: Annotated[
        int | None, Query(ge=1, le=100, description="a page of at most this many; all when absent")
    ] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[StaffReviewPublic]:
    """The reviewer's prefecture only; the number of all matching reviews is in ``X-Total-Count``."""
    query = scores.ReviewFilter(status, exam_no, submitted_from, submitted_to, limit, offset, q)
    items, total = scores.staff_list(db, ctx, staff, query)
    response.headers["X-Total-Count"] = str(total)
    return items


@staff_router.get("/page", operation_id="scores-staff_review_page", responses=_STAFF_ERRORS)
def staff_review_page(
    staff: ReviewerDep,
    db: SessionDep,
    ctx: CtxDep,
    status: str | None = None,
    exam_no: Annotated[str | None, Query(max_length=12, description="exam number or its beginning")] = None,
    q: Annotated[str | None, Query(max_length=30, description="review number, exam number or name beginning")] = None,
    submitted_from: Annotated[DateIn | None, Query(description="submitted on or after this day (Beijing)")] = None,
    submitted_to: Annotated[DateIn | None, Query(description="submitted on or before this day (Beijing)")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> StaffReviewPagePublic:
    """One page of the queue (the reviewer's prefecture), with counts by status and the number matching."""
    query = scores.ReviewFilter(status, exam_no, submitted_from, submitted_to, limit, offset, q)
    counts = scores.staff_counts(db, staff)
    items, matched = scores.staff_list(db, ctx, staff, query)
    return StaffReviewPagePublic(items=items, counts=counts, matched=matched, limit=limit, offset=offset)


@staff_router.post("/{review_no}/start", operation_id="scores-staff_start", responses=_STAFF_ERRORS)
def staff_start(review_no: str, staff: ReviewerDep, db: SessionDep, ctx: CtxDep) -> StaffReviewPublic:
    return scores.start_review(db, ctx, staff, review_no)


@staff_router.post("/{review_no}/resolve", operation_id="scores-staff_resolve", responses=_STAFF_ERRORS)
def staff_resolve(
    review_no: str, body: ReviewResolve, staff: ReviewerDep, db: SessionDep, ctx: CtxDep
) -> StaffReviewPublic:
    """维持原成绩 (no score, or the same score) or 更正为 N with a reason (the score and its passed flag change)."""
    return scores.resolve_review(db, ctx, staff, review_no, body.corrected_score, body.reason)
