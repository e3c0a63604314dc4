"""The threads of one process queue for SQLite's write lock on a Python lock (db.WriterQueue):
woken as soon as the holder's transaction ends, however it ends."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text

from backend_mock.db import make_engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = make_engine(f"sqlite:///{tmp_path / 'queue.db'}")
    with made.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    yield made
    made.dispose()


def _begin_in_thread(engine: Engine) -> tuple[threading.Thread, threading.Event]:
    """A thread that begins a transaction (and commits at once); the event is set once it began."""
    began = threading.Event()

    def run() -> None:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (2)"))
            began.set()

    thread = threading.Thread(target=run, name="writer-queue-second")
    thread.start()
    return thread, began


@pytest.mark.parametrize("ending", ["commit", "rollback", "close", "invalidate"])
def test_a_waiting_writer_goes_on_as_soon_as_the_holder_ends(engine: Engine, ending: str) -> None:
    holder = engine.connect()
    transaction = holder.begin()
    holder.execute(text("INSERT INTO t VALUES (1)"))
    begins: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("BEGIN") and threading.current_thread().name == "writer-queue-second":
            begins.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    thread, began = _begin_in_thread(engine)
    try:
        assert not began.wait(0.3), "a second writer began while the first held the lock"
        # it waits in the queue, not inside SQLite's BEGIN (whose busy handler naps up to 100 ms)
        assert begins == []
        if ending == "commit":
            transaction.commit()
        elif ending == "rollback":
            transaction.rollback()
        elif ending == "close":  # given back to the pool unfinished: the pool rolls it back
            holder.close()
        else:  # dropped by the pool (a broken connection)
            holder.invalidate()
        assert began.wait(5), "the second writer never began"
        assert begins == ["BEGIN IMMEDIATE"]
    finally:
        if holder.invalidated:
            transaction.rollback()  # SQLAlchemy wants the dead transaction ended before closing
        holder.close()
        thread.join(10)
    with engine.connect() as conn:
        rows = sorted(n for (n,) in conn.execute(text("SELECT n FROM t")))
    assert rows == ([1, 2] if ending == "commit" else [2])


def test_a_failed_begin_gives_the_queue_back(engine: Engine, tmp_path: Path) -> None:
    """A BEGIN that SQLite refuses (another process holds its lock) leaves the queue free."""
    other_process = make_engine(f"sqlite:///{tmp_path / 'queue.db'}")  # its own queue, as another process
    holder = other_process.connect()
    holder.begin()
    try:
        blocked = engine.connect()
        blocked.connection.driver_connection.execute("PRAGMA busy_timeout=50")  # type: ignore[union-attr]
        with pytest.raises(Exception, match="locked"):
            blocked.begin()
        blocked.close()
    finally:
        holder.close()
        other_process.dispose()
    thread, began = _begin_in_thread(engine)
    assert began.wait(2), "the queue stayed taken after a failed BEGIN"
    thread.join(10)


def test_the_pool_takes_the_queue_listeners_without_complaint(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    """Each pool listener has its event's own signature: one SQLAlchemy reads as the pre-2.0 form
    warns on every check-in, and under warnings-as-errors the pool logs a failed reset each time."""
    with caplog.at_level(logging.WARNING, logger="sqlalchemy.pool"):
        for _ in range(3):
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        broken = engine.connect()
        transaction = broken.begin()
        broken.invalidate()
        transaction.rollback()
        broken.close()
    assert [r.getMessage() for r in caplog.records] == []
