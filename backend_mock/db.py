"""Engine and sessions (the request's session is a dependency: api/deps.py).

SQLite is the default store.  Its write transactions start with ``BEGIN IMMEDIATE`` and a busy
timeout: with deferred transactions concurrent writers fail with "database is locked" instead of
queueing, and seat holds must queue (docs/backend-database.md).  The threads of one process queue
for that lock on a Python lock first (``WriterQueue``).  Any other SQLAlchemy URL works.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio.to_thread
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    is_sqlite = url.startswith("sqlite")
    kwargs: dict[str, Any] = {}
    if is_sqlite:
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        if make_url(url).database not in (None, "", ":memory:"):
            # one connection per request in flight; keep the pool larger than the thread pool
            kwargs["pool_size"] = 20
            kwargs["max_overflow"] = 20
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # let SQLAlchemy, not pysqlite, emit BEGIN so we can make it IMMEDIATE
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    WriterQueue().serve(engine)


class WriterQueue:
    """The threads of one process take SQLite's write lock one after the other, woken at once.

    Every transaction begins with ``BEGIN IMMEDIATE`` (the write lock).  A thread that finds it
    taken sleeps in SQLite's busy handler, whose naps grow to 100 ms whatever the holder does: under
    the registration-day mix two thirds of the worker threads' time went there, while a transaction
    lasts a few milliseconds (benchmarks/load.py).  So a thread first waits here, on a Python lock
    released when the holder commits or rolls back, and only then asks SQLite — which still queues
    other processes (several workers, a script) with its busy timeout.  The wait here is bounded by
    the same timeout: past it the thread goes on to SQLite as before, so nothing can wait longer
    than without the queue.
    """

    TIMEOUT_SECONDS = 10.0
    _HELD = "zikao.write_lock"

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def serve(self, engine: Engine) -> None:
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._end)
        event.listen(engine, "rollback", self._end)
        # a transaction the pool ends (a connection given back or dropped unfinished)
        event.listen(engine.pool, "reset", self._reset_by_pool)
        event.listen(engine.pool, "invalidate", self._dropped_by_pool)
        event.listen(engine.pool, "close", self._closed_by_pool)

    def _begin(self, conn: Any) -> None:
        if not conn.info.get(self._HELD) and self._lock.acquire(timeout=self.TIMEOUT_SECONDS):
            conn.info[self._HELD] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self._release(conn.info)
            raise

    def _end(self, conn: Any) -> None:
        if conn.invalidated:  # the pool's invalidate event gave it back; ``info`` would reconnect
            return
        self._release(conn.info)

    # each with the event's own signature: SQLAlchemy takes another one for the pre-2.0 form and
    # warns on every call
    def _reset_by_pool(self, _dbapi_connection: Any, connection_record: Any, _reset_state: Any) -> None:
        self._ended_by_pool(connection_record)

    def _dropped_by_pool(self, _dbapi_connection: Any, connection_record: Any, _exception: Any) -> None:
        self._ended_by_pool(connection_record)

    def _closed_by_pool(self, _dbapi_connection: Any, connection_record: Any) -> None:
        self._ended_by_pool(connection_record)

    def _ended_by_pool(self, record: Any) -> None:
        if record is not None:
            self._release(record.info)

    def _release(self, info: dict[str, Any]) -> None:
        if info.pop(self._HELD, False):
            self._lock.release()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)

    @event.listens_for(factory, "after_flush")
    def _wrote(session: Session, _context: Any) -> None:
        session.info["wrote"] = True

    @event.listens_for(factory, "after_transaction_end")
    def _ended(session: Session, transaction: Any) -> None:
        if transaction.parent is None:
            session.info.pop("wrote", None)

    return factory


def end_read_transaction(session: Session) -> None:
    """End the transaction an endpoint left open: commit a read (keeps what it loaded), roll back
    anything else (what closing the session would have done)."""
    if not session.in_transaction():
        return
    if session.new or session.dirty or session.deleted or session.info.get("wrote"):
        session.rollback()
    else:
        session.commit()


def releasing_the_database(endpoint: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    """Wrap a plain ``def`` endpoint: it runs on a worker thread, and when it returns its database
    transaction ends in that thread; FastAPI then sees a coroutine.

    An endpoint that returns inside a transaction (a read: on SQLite ``BEGIN IMMEDIATE`` holds the
    write lock) must not keep the lock until another thread is free, while every thread may be
    waiting for that lock: 10 s stalls and "database is locked" 500s with 16 users
    (benchmarks/load.py).  The rule "commit or close before returning" (docs/backend-database.md),
    applied to every endpoint.  And because FastAPI sees a coroutine, it checks the answer on the
    event loop instead of hopping to a second worker thread for it (one hop fewer per request;
    checking a model instance the endpoint built is cheap).
    """

    def call(kwargs: dict[str, Any]) -> Any:
        result = endpoint(**kwargs)
        for value in kwargs.values():
            if isinstance(value, Session):
                end_read_transaction(value)
        return result

    @functools.wraps(endpoint)
    async def run(**kwargs: Any) -> Any:
        return await anyio.to_thread.run_sync(call, kwargs)

    run.releases_the_database = True  # type: ignore[attr-defined]
    return run


T = TypeVar("T")


def done(db: Session, work: Callable[[], T]) -> T:
    """Run ``work`` and end its transaction before returning, whatever happened.

    Building a response may lazy-load rows, which on SQLite opens a ``BEGIN IMMEDIATE``
    transaction: left open across the thread hop to the session's cleanup it blocks every other
    writer (docs/backend-database.md).  So every endpoint here commits (or rolls back) itself.
    """
    try:
        result = work()
    except BaseException:
        db.rollback()
        raise
    db.commit()
    return result
