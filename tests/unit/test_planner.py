"""Properties of the suggested plan over generated plans and histories (Hypothesis).

Each history is turned into the same ``registration.Standing`` the 报名报考 rules read, and the
planner's input is made from it exactly as the server makes it (``scores.planner_courses``), so
"never an ineligible course" is checked against the registration rules themselves as well as
against the plain rules of docs/rules.md#registration-and-payment.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from backend_mock.clock import CHINA_TZ
from backend_mock.models import Course, CourseKind, ExamSession, Order, OrderItem, OrderStatus, PlanCourse
from backend_mock.registration import planner
from backend_mock.registration import service as registration
from backend_mock.scores import service as scores
from backend_mock.settings import Settings

SETTINGS = Settings()
SLOTS = [name for name, _, _ in SETTINGS.exam_slots]
STATES = ("none", "passed", "exempted", "failed", "registered", "in_order")


@dataclass(frozen=True)
class Generated:
    standing: registration.Standing
    courses: list[planner.PlannerCourse]
    rules: planner.PlanRules
    failed: set[str]


@st.composite
def histories(draw: st.DrawFn) -> Generated:
    """A plan (theory courses, some with a practice course, maybe a thesis), a timetable and a history."""
    n_theory = draw(st.integers(1, 12))
    plan: list[tuple[PlanCourse, Course]] = []
    position = 0

    def add(code: str, kind: CourseKind, credits: int, theory: str | None = None) -> None:
        nonlocal position
        course = Course(code=code, name=f"课程{code}", credits=credits, kind=kind, theory_code=theory)
        pc = PlanCourse(course_code=code, required=draw(st.booleans()), position=position)
        position += 1
        plan.append((pc, course))

    for i in range(n_theory):
        code = f"1{i:04d}"
        add(code, CourseKind.THEORY, draw(st.integers(2, 7)))
        if draw(st.booleans()):
            add(f"2{i:04d}", CourseKind.PRACTICE, draw(st.integers(1, 3)), theory=code)
    if draw(st.booleans()):
        add("98000", CourseKind.THESIS, draw(st.sampled_from([0, 6, 8])))

    timetable = {
        c.code: slot
        for _, c in plan
        if c.kind is not CourseKind.THESIS and (slot := draw(st.sampled_from([*SLOTS, None]))) is not None
    }
    passed: set[str] = set()
    exempted: set[str] = set()
    failed: set[str] = set()
    registered: dict[str, OrderItem] = {}
    in_order: dict[str, tuple[OrderItem, Order]] = {}
    used: set[str] = set()
    order = Order(order_no="BK0000000001", status=OrderStatus.PENDING)
    for _, course in plan:
        state = draw(st.sampled_from(STATES))
        theory_ok = course.theory_code is None or course.theory_code in passed | exempted
        slot = timetable.get(course.code)
        if state in ("registered", "in_order"):
            # a live registration keeps the rules: offered, a free slot, the limit, theory first
            ok = slot is not None and slot not in used and theory_ok and len(used) < SETTINGS.max_courses_per_session
            if not ok:
                state = "none"
        if state == "passed" or (state == "exempted" and course.kind is CourseKind.THESIS):
            if theory_ok:
                passed.add(course.code)
        elif state == "exempted":
            exempted.add(course.code)
        elif state == "failed":
            failed.add(course.code)
        elif state in ("registered", "in_order") and slot is not None:
            used.add(slot)
            item = OrderItem(course_code=course.code, slot=slot)
            if state == "registered":
                registered[course.code] = item
            else:
                in_order[course.code] = (item, order)
    session = ExamSession(code="2027-04", name="2027年4月", exam_saturday=date(2027, 4, 10))
    now = datetime(2027, 2, 24, 12, 0, tzinfo=CHINA_TZ)
    standing = registration.Standing(
        session=session,
        now=now,
        window=registration.Window("closed", "", False, "报考已结束", "registration_closed"),
        plan=plan,
        passed=passed,
        exempted=exempted,
        timetable=timetable,
        registered=registered,
        in_order=in_order,
        record_problem=None,
    )
    total = sum(c.credits for _, c in plan)
    rules = planner.PlanRules(
        max_courses=SETTINGS.max_courses_per_session,
        min_credits=draw(st.integers(0, total)),
        min_courses=draw(st.integers(0, len(plan))),
    )
    return Generated(standing, scores.planner_courses(standing, SETTINGS, failed), rules, failed)


def plan_complete(g: Generated) -> bool:
    """Completion worked out from the history itself, not from the planner."""
    done = g.standing.passed | g.standing.exempted
    required_done = all(c.code in done for pc, c in g.standing.plan if pc.required)
    credits = sum(c.credits for _, c in g.standing.plan if c.code in done)
    count = sum(1 for _, c in g.standing.plan if c.code in done)
    return required_done and credits >= g.rules.min_credits and count >= g.rules.min_courses


PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(histories())
def test_never_a_slot_conflict(g: Generated) -> None:
    chosen = planner.suggest(g.courses, g.rules)
    slots = [g.standing.timetable[s.code] for s in chosen]
    assert len(slots) == len(set(slots))
    assert not set(slots) & set(g.standing.used_slots)


@PROPERTY
@given(histories())
def test_never_an_ineligible_course(g: Generated) -> None:
    chosen = planner.suggest(g.courses, g.rules)
    st_open = dataclasses.replace(g.standing, window=registration.Window("phase2", "", True, None, None))
    done = g.standing.passed | g.standing.exempted
    for suggestion in chosen:
        course = g.standing.course(suggestion.code)
        assert course is not None, "only courses of the plan"
        assert registration.course_status(st_open, course, SETTINGS)[0] == "registrable"
        # and the plain rules of docs/rules.md#registration-and-payment, independently of course_status
        assert course.code not in done
        assert course.kind is not CourseKind.THESIS
        assert course.code in g.standing.timetable
        assert course.code not in g.standing.registered and course.code not in g.standing.in_order
        if course.kind is CourseKind.PRACTICE:
            assert course.theory_code in done, "practice only after its theory course"


@PROPERTY
@given(histories())
def test_never_more_than_the_limit(g: Generated) -> None:
    chosen = planner.suggest(g.courses, g.rules)
    taken = len(g.standing.registered) + len(g.standing.in_order)
    assert len(chosen) <= SETTINGS.max_courses_per_session - taken
    assert len(chosen) <= 4
    assert len({s.code for s in chosen}) == len(chosen)


@PROPERTY
@given(histories())
def test_nothing_once_complete_and_something_while_a_required_course_can_be_taken(g: Generated) -> None:
    chosen = planner.suggest(g.courses, g.rules)
    if plan_complete(g):
        assert chosen == []
        return
    taken = len(g.standing.registered) + len(g.standing.in_order)
    free = set(SLOTS) - set(g.standing.used_slots)
    open_required = [
        c for c in g.courses if c.required and c.status == "registrable" and c.slot in free and c.kind != "thesis"
    ]
    if open_required and taken < SETTINGS.max_courses_per_session:
        assert chosen, "a required course could be taken but nothing was suggested"
        assert chosen[0].reasons[0] == planner.REQUIRED


@PROPERTY
@given(histories())
def test_every_suggestion_has_its_reasons(g: Generated) -> None:
    by_code = {c.code: c for c in g.courses}
    for s in planner.suggest(g.courses, g.rules):
        course = by_code[s.code]
        assert s.reasons and s.reason
        assert (planner.PRACTICE_UNLOCKED in s.reasons) == (course.kind == "practice")
        assert (planner.RETAKE in s.reasons) == course.failed_before
        assert s.reasons[0].startswith(planner.REQUIRED if course.required else planner.ELECTIVE)


@PROPERTY
@given(histories(), st.data())
def test_wrong_statuses_never_become_wrong_suggestions(g: Generated, data: st.DataObject) -> None:
    """Even if a status claimed "registrable" for a thesis, an unoffered course or a practice course whose
    theory is not done, the planner's own checks keep it out."""
    scrambled = [
        dataclasses.replace(c, status=data.draw(st.sampled_from(["registrable", c.status]))) for c in g.courses
    ]
    by_code = {c.code: c for c in scrambled}
    used: set[str] = set()
    for s in planner.suggest(scrambled, g.rules):
        course = by_code[s.code]
        assert course.kind != "thesis" and course.slot is not None and course.slot not in used
        used.add(course.slot)
        if course.kind == "practice" and course.theory_code:
            assert by_code[course.theory_code].status in planner.DONE


def test_a_hand_made_history() -> None:
    """Required first, a failed course before an untried one, practice once its theory passed."""

    def c(code: str, status: str, slot: str, **kw: object) -> planner.PlannerCourse:
        values: dict[str, object] = {"name": code, "credits": 4, "kind": "theory", "required": True, **kw}
        return planner.PlannerCourse(code=code, slot=slot, status=status, **values)  # type: ignore[arg-type]

    courses = [
        c("A", "passed", "SAT_AM"),
        c("A1", "registrable", "SAT_AM", kind="practice", theory_code="A", credits=2),
        c("B", "registrable", "SAT_PM", failed_before=True),
        c("C", "registrable", "SAT_PM", credits=6),
        c("D", "registrable", "SUN_AM", required=False, credits=5),
        c("E", "theory_not_passed", "SUN_PM", kind="practice", theory_code="B"),
    ]
    chosen = planner.suggest(courses, planner.PlanRules(max_courses=4, min_credits=30, min_courses=5))
    assert [s.code for s in chosen] == ["B", "A1", "D"]
    assert chosen[0].reasons == (planner.REQUIRED, planner.RETAKE)
    assert planner.PRACTICE_UNLOCKED in chosen[1].reasons
    assert chosen[2].reasons[0].startswith(planner.ELECTIVE) and "学分较高（5学分）" in chosen[2].reasons
