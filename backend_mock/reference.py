"""Reference rows the hot reads take from the cache instead of a statement: course names, the
courses of each plan and the exam sessions (docs/backend-database.md, "Caches").

These tables change only when the database is seeded or a tester edits them; every examinee's
registration, timetable, scores and graduation pages read them.  A plan's courses are kept as
plain values (``PlanLine``, ``CourseInfo``), not mapped objects: nothing writes through them.
``reference_cache`` keeps their columns and empties itself when a write to them commits; an exam
session found here joins the request's session as if it had been loaded, so the callers use it
like any other row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.util import identity_key

from backend_mock.models import Course, CourseKind, ExamSession, Level, Major, Plan, PlanCourse
from backend_mock.reference_cache import cached

SessionValues = dict[str, Any]


def course_names(db: Session, codes: Iterable[str]) -> dict[str, str]:
    """The names of the courses ``codes`` (codes no course has are left out)."""
    every = cached(db, ("course names",), lambda: {c: n for c, n in db.execute(select(Course.code, Course.name))})
    return {code: every[code] for code in set(codes) if code in every}


@dataclass(frozen=True, slots=True)
class PlanLine:
    """A course's line in a plan."""

    required: bool
    position: int


@dataclass(frozen=True, slots=True)
class CourseInfo:
    """A course's columns."""

    code: str
    name: str
    credits: int
    kind: CourseKind
    theory_code: str | None


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """A plan's columns."""

    id: int
    version: str
    min_credits: int
    min_courses: int
    requires_prior_diploma: bool


@dataclass(frozen=True, slots=True)
class MajorInfo:
    """A major's columns."""

    id: int
    code: str
    name: str
    level: Level


def plan_info(db: Session, plan_id: int) -> PlanInfo | None:
    """The plan ``plan_id`` (None: no such plan)."""

    def build() -> dict[int, PlanInfo]:
        columns = (Plan.id, Plan.version, Plan.min_credits, Plan.min_courses, Plan.requires_prior_diploma)
        return {row[0]: PlanInfo(*row) for row in db.execute(select(*columns))}

    return cached(db, ("plans",), build).get(plan_id)


def major_info(db: Session, major_id: int) -> MajorInfo:
    """The major ``major_id`` (an examinee's: it exists, a foreign key)."""

    def build() -> dict[int, MajorInfo]:
        return {row[0]: MajorInfo(*row) for row in db.execute(select(Major.id, Major.code, Major.name, Major.level))}

    return cached(db, ("majors by id",), build)[major_id]


def plan_courses(db: Session, plan_id: int) -> list[tuple[PlanLine, CourseInfo]]:
    """The courses of a plan in the plan's order, each with its plan line."""

    def build() -> dict[int, list[tuple[PlanLine, CourseInfo]]]:
        rows = db.execute(
            select(PlanCourse.plan_id, PlanCourse.required, PlanCourse.position, Course.code, Course.name)
            .add_columns(Course.credits, Course.kind, Course.theory_code)
            .join(Course, Course.code == PlanCourse.course_code)
            .order_by(PlanCourse.plan_id, PlanCourse.position)
        )
        plans: dict[int, list[tuple[PlanLine, CourseInfo]]] = {}
        for plan, required, position, *course in rows:
            plans.setdefault(plan, []).append((PlanLine(required, position), CourseInfo(*course)))
        return plans

    return list(cached(db, ("plan courses",), build).get(plan_id, ()))


def _session_values(db: Session) -> tuple[SessionValues, ...]:
    """Every exam session's columns, by code."""
    columns = [attr.key for attr in sa_inspect(ExamSession).column_attrs]

    def build() -> tuple[SessionValues, ...]:
        rows = db.scalars(select(ExamSession).order_by(ExamSession.code))
        return tuple({name: getattr(row, name) for name in columns} for row in rows)

    return cached(db, ("exam sessions",), build)


def _in_session(db: Session, values: SessionValues) -> ExamSession:
    """The exam session with these (cached) column values, in ``db`` as if it had loaded it."""
    known = db.identity_map.get(identity_key(ExamSession, values["code"]))
    if isinstance(known, ExamSession):
        return known
    session = ExamSession(**values)
    make_transient_to_detached(session)
    db.add(session)
    return session


def _found(db: Session, where: Callable[[SessionValues], bool], order_by: str) -> list[SessionValues]:
    return sorted((v for v in _session_values(db) if where(v)), key=lambda v: (v[order_by], v["code"]))


def exam_sessions(db: Session, where: Callable[[SessionValues], bool], *, order_by: str = "code") -> list[ExamSession]:
    """The exam sessions whose columns satisfy ``where``, ordered by the column ``order_by``."""
    return [_in_session(db, values) for values in _found(db, where, order_by)]


def first_exam_session(
    db: Session, where: Callable[[SessionValues], bool], *, order_by: str = "code"
) -> ExamSession | None:
    """The first of ``exam_sessions(db, where, order_by=...)``, or None (only it joins ``db``)."""
    found = _found(db, where, order_by)
    return _in_session(db, found[0]) if found else None


def exam_sessions_by_code(db: Session, codes: Iterable[str]) -> dict[str, ExamSession]:
    """The exam sessions of ``codes`` by code (codes no session has are left out)."""
    wanted = set(codes)
    return {s.code: s for s in exam_sessions(db, lambda v: v["code"] in wanted)}
