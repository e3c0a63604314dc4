"""Reference data kept ready to send: regions, majors and the exam sites of each session.

These tables change only when the database is seeded or reseeded (docs/backend-database.md,
"Caches"), while every examinee reads them on every registration day.  So the first request
builds the answer (regions, majors: the JSON bytes themselves; sites: their fixed columns, the
seats left are read per request) and later requests reuse it.

Invalidation: the session factory's events notice every write to a reference table, by the unit
of work (``after_flush``) or by a statement (``do_orm_execute``: bulk inserts, ``DELETE`` of a
reseed), and the commit of such a transaction empties the cache.  A reader that began before
that commit cannot store what it read: each entry is stored only under the generation it was
read in, and the commit moves the generation on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from backend_mock.models import (
    County,
    Course,
    CourseReplacement,
    ExamSession,
    ExamSite,
    Major,
    Plan,
    PlanCourse,
    Prefecture,
    University,
)

T = TypeVar("T")

#: the tables the cached answers are made of
REFERENCE_TABLES: frozenset[str] = frozenset(
    m.__tablename__
    for m in (Prefecture, County, ExamSite, Major, Plan, PlanCourse, University, Course, CourseReplacement, ExamSession)
)
_CHANGED = "reference_changed"
_CACHE = "reference_cache"


def cached(db: Session, key: tuple[Any, ...], build: Callable[[], T]) -> T:
    """The value under ``key`` in the cache of ``db``'s app, built with ``db`` on first use.

    A session not made by an app's factory (a script's, a test's) has no cache: built each time.
    """
    cache: ReferenceCache | None = db.info.get(_CACHE)
    return build() if cache is None else cache.get(key, build)


class ReferenceCache:
    """Values computed from the reference tables, by key; emptied when those tables change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[tuple[Any, ...], Any] = {}
        self._generation = 0

    def get(self, key: tuple[Any, ...], build: Callable[[], T]) -> T:
        """The value under ``key``, built (and kept) on first use."""
        with self._lock:
            if key in self._values:
                value: T = self._values[key]
                return value
            generation = self._generation
        value = build()
        with self._lock:
            if generation == self._generation:  # nothing changed while it was built
                self._values[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._generation += 1

    def watch(self, factory: sessionmaker[Session]) -> None:
        """Serve the sessions of ``factory`` (``cached``) and empty the cache whenever one of them
        commits a write to a reference table."""
        from sqlalchemy import event

        factory.configure(info={_CACHE: self})

        @event.listens_for(factory, "after_flush")
        def _flushed(session: Session, _context: Any) -> None:
            for obj in (*session.new, *session.dirty, *session.deleted):
                table = getattr(type(obj), "__tablename__", None)
                if table in REFERENCE_TABLES:
                    session.info[_CHANGED] = True
                    return

        @event.listens_for(factory, "do_orm_execute")
        def _executed(state: ORMExecuteState) -> None:
            if state.is_insert or state.is_update or state.is_delete:
                table = getattr(state.statement, "table", None)
                if isinstance(table, Table) and table.name in REFERENCE_TABLES:
                    state.session.info[_CHANGED] = True

        @event.listens_for(factory, "after_commit")
        def _committed(session: Session) -> None:
            if session.info.pop(_CHANGED, False):
                self.clear()

        @event.listens_for(factory, "after_soft_rollback")
        def _rolled_back(session: Session, _previous: Any) -> None:
            session.info.pop(_CHANGED, None)
