"""成绩管理 over real HTTP: release by the clock, best results, plan progress, the planner endpoint,
score reviews (window edges, written courses only, once per course) and the reviewers' API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from backend_mock.models import AuditRecord
from desktop.api import AuthError, Conflict, NotFound, PermissionDenied, ValidationFailed
from tests.fixtures.accounts import examinee_client, staff
from tests.fixtures.registration import set_phase
from tests.fixtures.scores import (
    ABSENT,
    MINUTE,
    PRACTICE,
    THEORY_FAILED,
    THEORY_PASSED,
    freeze,
    fresh,
    latest_released,
    person_with_results,
    requested,
)
from tests.fixtures.servers import LiveServer

# --- the list and release by the clock ----------------------------------------------------------------


def test_scores_of_a_session_appear_only_from_its_release(live_server: LiveServer) -> None:
    session = latest_released(live_server)
    person = person_with_results(live_server, session)

    freeze(live_server, session.release - MINUTE)
    listing = fresh(live_server, person).scores.list()
    assert all(s.session_code != session.code for s in listing.scores)
    assert [(p.session_code, p.release_at) for p in listing.pending] == [(session.code, session.release)]
    progress = fresh(live_server, person).scores.progress()
    assert progress.courses_passed == 0  # an unreleased pass counts for nothing yet

    freeze(live_server, session.release)
    listing = fresh(live_server, person).scores.list()
    mine = {s.course_code: s for s in listing.scores if s.session_code == session.code}
    assert set(mine) == {THEORY_FAILED, THEORY_PASSED, PRACTICE, ABSENT}
    assert listing.pending == ()
    assert (mine[THEORY_FAILED].result_text, mine[THEORY_FAILED].passed) == ("58", False)
    assert mine[PRACTICE].result_text == "不合格" and mine[PRACTICE].kind == "practice"
    assert mine[ABSENT].result_text == "缺考" and mine[ABSENT].absent
    assert fresh(live_server, person).scores.progress().courses_passed == 1


def test_results_read_as_the_rules_say_and_the_best_of_each_course_is_marked(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "midway")
    scores = client.scores.list().scores
    maths = sorted((s for s in scores if s.course_code == "00023"), key=lambda s: s.session_code)
    assert [s.score for s in maths] == [48, 52]  # failed twice: the better attempt is the best
    assert [s.best for s in maths] == [False, True]
    # one best per course that has a pass or a score; an absence or a fail without a score is never the best
    scored = {s.course_code for s in scores if s.passed or s.score is not None}
    assert sum(s.best for s in scores) == len(scored) and {s.course_code for s in scores if s.best} == scored
    absent = next(s for s in scores if s.course_code == "02326")
    assert (absent.result_text, absent.outcome_text) == ("缺考", "缺考") and not absent.best
    practice = next(s for s in scores if s.course_code == "04736")
    assert (practice.result_text, practice.passed) == ("不合格", False) and not practice.best
    assert [s.session_code for s in scores] == sorted((s.session_code for s in scores), reverse=True)

    thesis = next(s for s in examinee_client(live_server, "bachelor_ready").scores.list().scores if s.kind == "thesis")
    assert thesis.result_text == "良好（84）" and thesis.passed


def test_progress_counts_passed_exempted_and_remaining_by_kind(live_server: LiveServer) -> None:
    ready = examinee_client(live_server, "bachelor_ready").scores.progress()
    assert ready.complete
    assert ready.courses_exempted == 1 and ready.credits_done >= ready.min_credits
    assert ready.required_done == ready.required_total

    midway = examinee_client(live_server, "midway").scores.progress()
    assert not midway.complete
    kinds = {k.kind: k for k in midway.by_kind}
    assert set(kinds) == {"theory", "practice", "thesis"}
    for k in midway.by_kind:
        assert k.passed + k.exempted + k.remaining == k.total
    assert sum(k.remaining for k in midway.by_kind) == len(midway.remaining)
    assert not {"02331", "04735", "04737", "04741", "03708", "03709"} & {r.code for r in midway.remaining}
    assert {"00023", "02197", "02326", "04736", "98091"} <= {r.code for r in midway.remaining}
    assert (midway.courses_passed, midway.courses_exempted) == (6, 0)
    assert kinds["thesis"].remaining == 1


# --- the suggested plan ---------------------------------------------------------------------------------


def test_plan_suggests_registrable_courses_in_distinct_slots_with_reasons(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "midway")
    plan = client.scores.plan()
    assert plan.can_register_now and not plan.complete
    assert 1 <= len(plan.courses) <= 4
    assert len({c.slot for c in plan.courses}) == len(plan.courses)
    registrable = {c.code for c in client.registration.courses() if c.registrable}
    assert {c.code for c in plan.courses} <= registrable
    for course in plan.courses:
        assert course.reasons and course.reason == "；".join(course.reasons)
        if course.kind == "practice":
            assert "理论课已通过，可报考实践课" in course.reasons
    assert any("必考课" in c.reasons for c in plan.courses)


def test_plan_before_the_window_names_it_and_nothing_once_complete(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "before")
    plan = examinee_client(live_server, "midway").scores.plan()
    assert not plan.can_register_now
    opens = plan.registration_open
    assert f"{opens:%Y年%m月%d日 %H:%M}" in plan.window_text
    assert plan.courses  # planned ahead all the same

    done = examinee_client(live_server, "bachelor_ready").scores.plan()
    assert done.complete and done.courses == ()
    assert "已全部完成" in done.message


# --- reviews: the window, the course, once -------------------------------------------------------------------


def test_review_window_edges(live_server: LiveServer) -> None:
    session = latest_released(live_server)
    person = person_with_results(live_server, session)

    freeze(live_server, session.release - MINUTE)
    with pytest.raises(Conflict) as early:
        fresh(live_server, person).scores.request_review(session.code, THEORY_FAILED)
    assert early.value.code == "scores_not_released"
    assert fresh(live_server, person).scores.review_options() == []

    freeze(live_server, session.release)
    options = fresh(live_server, person).scores.review_options()
    assert {(o.session_code, o.course_code) for o in options} == {
        (session.code, THEORY_FAILED),
        (session.code, THEORY_PASSED),
    }
    review = fresh(live_server, person).scores.request_review(session.code, THEORY_FAILED)
    assert (review.status, review.status_text, review.original_score) == ("submitted", "已提交", 58)
    assert review.due_at == session.release + timedelta(days=live_server.settings.score_review_result_days)

    freeze(live_server, session.review_close - MINUTE)
    assert fresh(live_server, person).scores.request_review(session.code, THEORY_PASSED).status == "submitted"
    assert fresh(live_server, person).scores.review_options() == []

    freeze(live_server, session.review_close)
    with pytest.raises(Conflict) as late:
        fresh(live_server, person).scores.request_review(session.code, THEORY_PASSED)
    assert late.value.code == "review_window_closed"
    assert "已经截止" in late.value.message


def test_only_written_courses_and_only_once(live_server: LiveServer) -> None:
    session = latest_released(live_server)
    person = person_with_results(live_server, session)
    freeze(live_server, session.release + timedelta(hours=1))
    scores = fresh(live_server, person).scores

    with pytest.raises(ValidationFailed) as practice:
        scores.request_review(session.code, PRACTICE)
    assert practice.value.code == "not_written_course"
    assert "只有笔试（理论）课程" in practice.value.message
    with pytest.raises(ValidationFailed) as absent:
        scores.request_review(session.code, ABSENT)
    assert absent.value.code == "absent"
    with pytest.raises(NotFound) as missing:
        scores.request_review(session.code, "04747")
    assert missing.value.code == "score_not_found"

    first = scores.request_review(session.code, THEORY_FAILED)
    with pytest.raises(Conflict) as again:
        scores.request_review(session.code, THEORY_FAILED)
    assert again.value.code == "review_exists"
    assert first.review_no in again.value.message
    assert [r.review_no for r in scores.reviews()] == [first.review_no]
    listed = {s.course_code: s for s in scores.list().scores if s.session_code == session.code}
    assert listed[THEORY_FAILED].review_status == "已提交"
    assert listed[THEORY_PASSED].review_status is None


# --- reviewers -------------------------------------------------------------------------------------------------


def test_reviewer_corrects_a_score_and_the_score_changes(live_server: LiveServer) -> None:
    person, review, reviewer = requested(live_server, THEORY_FAILED)

    waiting = reviewer.scores.staff_reviews(status="submitted")
    listed = next(r for r in waiting if r.review_no == review.review_no)
    assert listed.exam_no == person.exam_no

    with pytest.raises(Conflict) as not_started:
        reviewer.scores.staff_resolve(review.review_no, 61)
    assert not_started.value.code == "review_state"
    assert reviewer.scores.staff_start(review.review_no).status_text == "复核中"
    assert fresh(live_server, person).scores.reviews()[0].status_text == "复核中"

    with pytest.raises(ValidationFailed) as no_reason:
        reviewer.scores.staff_resolve(review.review_no, 61)
    assert no_reason.value.code == "reason_required"
    done = reviewer.scores.staff_resolve(review.review_no, 61, "复核发现漏计分")
    assert (done.status_text, done.result_text, done.corrected_score) == ("已完成", "更正为 61", 61)
    with pytest.raises(Conflict):
        reviewer.scores.staff_resolve(review.review_no, 70, "再次更正")

    mine = fresh(live_server, person).scores
    assert mine.reviews()[0].result_text == "更正为 61"
    corrected = next(s for s in mine.list().scores if s.course_code == THEORY_FAILED)
    assert (corrected.score, corrected.passed, corrected.result_text) == (61, True, "61")
    assert mine.progress().courses_passed == 2

    with live_server.db() as db:
        actions = list(
            db.scalars(
                select(AuditRecord.actor).where(
                    AuditRecord.examinee_id == person.id, AuditRecord.action.like("score_review_%")
                )
            )
        )
    assert actions[0] == f"examinee:{person.id}"
    assert len(actions) == 3 and all(a.startswith("staff:") for a in actions[1:])


def test_reviewer_keeps_the_score(live_server: LiveServer) -> None:
    person, review, reviewer = requested(live_server, THEORY_PASSED)
    reviewer.scores.staff_start(review.review_no)
    done = reviewer.scores.staff_resolve(review.review_no, 75)  # the same score: nothing to correct
    assert (done.result_text, done.corrected_score) == ("维持原成绩", None)
    kept = next(s for s in fresh(live_server, person).scores.list().scores if s.course_code == THEORY_PASSED)
    assert kept.score == 75


def test_only_reviewers_reach_the_review_desk(live_server: LiveServer) -> None:
    examinee = examinee_client(live_server, "midway")
    clerk = staff(live_server, "cs_clerk")
    admin = staff(live_server, "admin")
    for who, code in ((examinee, "staff_only"), (clerk, "role_forbidden"), (admin, "role_forbidden")):
        with pytest.raises(PermissionDenied) as refused:
            who.scores.staff_reviews()
        assert refused.value.code == code
        with pytest.raises(PermissionDenied):
            who.scores.staff_resolve("FH000", 61)
    with pytest.raises(AuthError):
        live_server.client().scores.staff_reviews()
    reviewer = staff(live_server, "cs_reviewer")
    assert isinstance(reviewer.scores.staff_reviews(), list)
    with pytest.raises(NotFound):
        reviewer.scores.staff_start("FH000")
    with pytest.raises(PermissionDenied):  # and the examinee side is for examinees only
        reviewer.scores.list()


def test_demo_examinee_is_inside_a_review_window_or_told_why_not(live_server: LiveServer) -> None:
    """The demo's midway examinee can ask for a review of a written course right after a release."""
    session = latest_released(live_server)
    freeze(live_server, session.release + timedelta(days=1))
    client = examinee_client(live_server, "midway")
    options = client.scores.review_options()
    assert options and all(o.session_code == session.code for o in options)


def test_the_demo_shows_a_finished_review(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "bachelor_ready")
    (review,) = client.scores.reviews()
    assert (review.status_text, review.result_text) == ("已完成", "维持原成绩")
    assert review.resolved_at is not None and review.resolved_at <= live_server.clock.now()
    listed = next(
        s
        for s in client.scores.list().scores
        if (s.session_code, s.course_code) == (review.session_code, review.course_code)
    )
    assert listed.review_status == "已完成" and listed.score == review.original_score
