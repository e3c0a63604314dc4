"""The hot reads run a fixed number of SQL statements, whatever the size of the seed.

Each read is counted on the real server's engine (an SQLAlchemy ``before_cursor_execute``
listener on ``app.state.engine`` of an in-process uvicorn server) while the project's own client
calls it over HTTP.  A query per row (N+1) would make the count grow with the seed, so the same
examinee's counts on a seed of 20 and of 60 generated examinees must be equal, and each stays under
a bound far below the number of rows (docs/backend-database.md, "Statements per request"), and
SQLite's query plan of each SELECT reads no table that grows with the examinees without an index.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from backend_mock.app import create_app
from backend_mock.clock import Clock
from backend_mock.models import Course, Examinee, ExamSite, Notice
from backend_mock.reference_cache import REFERENCE_TABLES
from backend_mock.seed.demo import DEMO_EXAMINEES
from backend_mock.server import ServerThread
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient
from tests.fixtures.accounts import login

# the reads of the personal centre, the registration page and the tabs opened on a registration day
HOT_READS = (
    "/me",
    "/registration/page",
    "/registration/overview",
    "/registration/courses",
    "/registration/sites",
    "/scores",
    "/graduation",
    "/notices",
    "/exams/timetable",
    "/ref/regions",
    "/ref/majors",
    "/auth/session",
)
# statements per request, authentication and the waiting room's gate (on the busy paths) included:
# far below the rows the answers are made of
MOST_STATEMENTS = 24


@dataclass
class Counter:
    statements: list[tuple[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        with self.lock:
            self.statements.append((statement, parameters))

    def take(self) -> list[tuple[str, Any]]:
        with self.lock:
            taken, self.statements = self.statements, []
        return taken


@dataclass
class Measured:
    counts: dict[str, int]
    rows: dict[str, int]
    # per path: the tables a SELECT of it reads from start to end (SQLite's query plan says SCAN)
    scans: dict[str, set[str]]


def _scans(db_file: Path, statements: list[tuple[str, Any]]) -> set[str]:
    """The tables read in full by the SELECTs among ``statements`` (no index narrows them)."""
    found: set[str] = set()
    with closing(sqlite3.connect(db_file)) as conn:
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            for *_ids, detail in conn.execute(f"EXPLAIN QUERY PLAN {statement}", parameters or ()):
                words = str(detail).split()
                if words[0] == "SCAN" and words[1] != "CONSTANT" and not words[1].startswith("("):
                    found.add(words[1])
    return found


def _measure(tmp: Path, seed_size: int) -> Measured:
    clock = Clock()
    db_file = tmp / f"seed{seed_size}.db"
    app = create_app(f"sqlite:///{db_file}", Settings(mode=Mode.TEST), clock, seed_size)
    counter = Counter()
    with app.state.session_factory() as db:
        rows = {
            "examinees": db.scalar(select(func.count()).select_from(Examinee)) or 0,
            "sites": db.scalar(select(func.count()).select_from(ExamSite)) or 0,
            "courses": db.scalar(select(func.count()).select_from(Course)) or 0,
            "notices": db.scalar(select(func.count()).select_from(Notice)) or 0,
        }
    event.listen(app.state.engine, "before_cursor_execute", counter)
    thread = ServerThread(app).start()
    client = ApiClient(thread.url, retries=0)
    try:
        _phase2(client, clock)
        login(client, DEMO_EXAMINEES[0].exam_no)
        counts: dict[str, int] = {}
        scans: dict[str, set[str]] = {}
        for path in HOT_READS:
            client.request("GET", path)  # the first call may fill a cache: count the second
            counter.take()
            client.request("GET", path)
            statements = counter.take()
            counts[path] = len(statements)
            scans[path] = _scans(db_file, statements)
        return Measured(counts, rows, scans)
    finally:
        client.close()
        thread.stop()
        app.state.engine.dispose()


def _phase2(client: ApiClient, clock: Clock) -> None:
    """Noon of the first day of phase 2 of the upcoming session (as benchmarks/load.py runs)."""
    cal = client.request("GET", "/ref/calendar")
    session = next(s for s in cal["sessions"] if s["code"] == cal["upcoming"])
    start = datetime.fromisoformat(session["phase1_close"]) + timedelta(days=1)
    clock.set(start.replace(hour=12, minute=0, second=0, microsecond=0))


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Measured, Measured]]:
    tmp = tmp_path_factory.mktemp("statements")
    yield _measure(tmp, 20), _measure(tmp, 60)


def test_hot_reads_run_a_bounded_number_of_statements(measured: tuple[Measured, Measured]) -> None:
    small, _ = measured
    assert small.rows["examinees"] > MOST_STATEMENTS and small.rows["sites"] > MOST_STATEMENTS
    too_many = {path: n for path, n in small.counts.items() if n > MOST_STATEMENTS}
    assert not too_many, f"more than {MOST_STATEMENTS} statements for one request: {too_many}"
    assert all(n >= 1 for path, n in small.counts.items() if path != "/ref/regions" and path != "/ref/majors")


def test_hot_reads_use_an_index_for_every_table_but_reference_data(measured: tuple[Measured, Measured]) -> None:
    """A full read of a table that grows with the examinees (orders, scores, sessions of logins...) is
    a missing index; only the small reference tables (cached, reference_cache.py) may be read whole."""
    _, large = measured
    unindexed = {path: tables - REFERENCE_TABLES for path, tables in large.scans.items() if tables - REFERENCE_TABLES}
    assert not unindexed, f"tables read without an index: {unindexed}"


def test_statement_counts_do_not_grow_with_the_seed(measured: tuple[Measured, Measured]) -> None:
    small, large = measured
    assert large.rows["examinees"] >= small.rows["examinees"] + 40
    grew = {
        path: (small.counts[path], large.counts[path]) for path in HOT_READS if small.counts[path] != large.counts[path]
    }
    assert not grew, f"statements per request grew with the seed (20 → 60 examinees): {grew}"
