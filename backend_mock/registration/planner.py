"""The suggested plan for the next exam session: a pure function over plain data.

The registration rules decide which plan courses *may* be registered (``registration.course_status``
gives every course its status); the planner only chooses among the ``registrable`` ones: at most
``max_courses`` minus what is already registered or ordered, never two in one exam slot, nothing
once the plan is complete.  It checks the structural rules again itself (slot taken, practice
before its theory course, thesis) so a wrong status can never turn into a wrong suggestion, and it
gives every suggestion its reasons in words an examinee understands.

No database, no clock: the Hypothesis properties in ``tests/unit/test_planner.py`` run it over
generated histories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backend_mock.i18n import Msg, enumeration

#: statuses (from ``registration.course_status``) that count as done
DONE = frozenset({"passed", "exempted"})
#: statuses of courses already taken up in the session: they hold a slot and count towards the limit
TAKEN = frozenset({"registered", "in_order"})
#: a course of at least this many credits is "学分较高"
HIGH_CREDITS = 5

REQUIRED = Msg("必考课")
ELECTIVE = Msg("选考课，可补足学分")
PRACTICE_UNLOCKED = Msg("理论课已通过，可报考实践课")
RETAKE = Msg("此前未通过，建议尽快重考")
HIGH = Msg("学分较高")


@dataclass(frozen=True)
class PlannerCourse:
    """One course of the examinee's plan, as the planner sees it."""

    code: str
    name: str
    credits: int
    kind: str  # theory | practice | thesis
    required: bool
    slot: str | None  # the exam slot in the session planned for (None: not offered)
    status: str  # registration status: registrable, passed, exempted, registered, in_order, ...
    theory_code: str | None = None  # practice: the theory course to pass first
    failed_before: bool = False  # sat (or was absent) without passing
    position: int = 0  # order in the plan


@dataclass(frozen=True)
class PlanRules:
    max_courses: int
    min_credits: int
    min_courses: int


@dataclass(frozen=True)
class Suggestion:
    code: str
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return enumeration(list(self.reasons), clauses=True)


def done(courses: Sequence[PlannerCourse]) -> list[PlannerCourse]:
    return [c for c in courses if c.status in DONE]


def complete(courses: Sequence[PlannerCourse], rules: PlanRules) -> bool:
    """Every required course passed or exempted, and the plan's minimum credits and courses reached."""
    finished = done(courses)
    if any(c.required and c.status not in DONE for c in courses):
        return False
    return sum(c.credits for c in finished) >= rules.min_credits and len(finished) >= rules.min_courses


def _theory_done(course: PlannerCourse, by_code: dict[str, PlannerCourse]) -> bool:
    if course.kind != "practice" or not course.theory_code:
        return True
    theory = by_code.get(course.theory_code)
    return theory is not None and theory.status in DONE


def candidates(courses: Sequence[PlannerCourse]) -> list[PlannerCourse]:
    """The courses that could be suggested at all (before the limit and the slots)."""
    by_code = {c.code: c for c in courses}
    return [
        c
        for c in courses
        if c.status == "registrable" and c.kind != "thesis" and c.slot is not None and _theory_done(c, by_code)
    ]


def _reasons(course: PlannerCourse, credits_short: int) -> tuple[str, ...]:
    reasons = [REQUIRED if course.required else ELECTIVE]
    if course.kind == "practice":
        reasons.append(PRACTICE_UNLOCKED)
    if course.failed_before:
        reasons.append(RETAKE)
    if course.credits >= HIGH_CREDITS:
        reasons.append(Msg("{high}（{credits}学分）", high=HIGH, credits=course.credits))
    if not course.required and credits_short > 0:
        reasons[0] = Msg("{elective}（还差{short}学分）", elective=ELECTIVE, short=credits_short)
    return tuple(reasons)


def suggest(courses: Sequence[PlannerCourse], rules: PlanRules) -> list[Suggestion]:
    """Up to the free places of the session, one course per free slot, best first.

    Order of preference: required courses, then courses failed before, then more credits, then the
    plan's order.  Electives only while credits (or courses) are still short of the plan's minimum.
    """
    if complete(courses, rules):
        return []
    taken = [c for c in courses if c.status in TAKEN]
    room = rules.max_courses - len(taken)
    if room <= 0:
        return []
    used = {c.slot for c in taken if c.slot}
    finished = done(courses)
    credits_short = max(0, rules.min_credits - sum(c.credits for c in finished) - sum(c.credits for c in taken))
    courses_short = max(0, rules.min_courses - len(finished) - len(taken))
    ranked = sorted(
        candidates(courses),
        key=lambda c: (not c.required, not c.failed_before, -c.credits, c.position, c.code),
    )
    chosen: list[Suggestion] = []
    for course in ranked:
        if len(chosen) >= room:
            break
        if course.slot is None or course.slot in used:
            continue
        if not course.required and credits_short <= 0 and courses_short <= 0:
            continue  # the electives are not needed any more
        used.add(course.slot)
        chosen.append(Suggestion(course.code, _reasons(course, credits_short)))
        if not course.required:
            credits_short = max(0, credits_short - course.credits)
            courses_short = max(0, courses_short - 1)
    return chosen
