"""The tester clock of a server with several worker processes: kept in the database.

Each uvicorn worker is a process with its own memory, so an in-memory ``Clock`` moved through
``/mock/clock`` would move for one worker only and requests would see different "nows" depending
on the worker they reach.  ``DatabaseClock`` reads the clock's state (an offset or a frozen
instant) from the ``tester_clock`` row on every call and changes it in a locked transaction, so
all workers agree.  A single-process server keeps the in-memory ``Clock`` (no query per "now").

Within one request the row is read once (``one_read_per_request``, entered by the
``Server-Timing`` middleware for every request): the request's later "nows" run on from that
state, as a single-process server's would; a change made by this process (``/mock/clock``) is
seen at once, one made by another worker from the next request on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from backend_mock.clock import Clock
from backend_mock.models import TesterClockState

# the clocks whose row this request has read (a set shared by the request's worker threads:
# anyio copies the context, and the copy refers to the same set)
_read_in_request: ContextVar[set[int] | None] = ContextVar("clock_read_in_request", default=None)


@contextmanager
def one_read_per_request() -> Iterator[None]:
    token = _read_in_request.set(set())
    try:
        yield
    finally:
        _read_in_request.reset(token)


class DatabaseClock(Clock):
    def __init__(self, db_url: str) -> None:
        super().__init__()
        # its own engine: on SQLite without the app's BEGIN IMMEDIATE, so reading the clock never
        # queues for the write lock (a change of the clock is a rare tester action)
        sqlite = db_url.startswith("sqlite")
        self._engine = create_engine(db_url, connect_args={"timeout": 30} if sqlite else {}, pool_size=4)

    def _row(self, db: Session, *, for_update: bool) -> TesterClockState:
        row = db.get(TesterClockState, 1, with_for_update=for_update)
        if row is None:
            row = TesterClockState(id=1, offset_seconds=0.0, frozen_at=None)
            db.add(row)
        with self._lock:
            self._offset = timedelta(seconds=row.offset_seconds or 0.0)
            self._frozen_at = row.frozen_at
        return row

    def _load(self) -> None:
        read = _read_in_request.get()
        if read is not None and id(self) in read:
            return
        with Session(self._engine) as db:
            self._row(db, for_update=False)
        if read is not None:
            read.add(id(self))

    def _change(self, change: str, *args: object, **kwargs: object) -> None:
        """Run ``Clock.<change>`` on the stored state and store the result, in one locked transaction."""
        with Session(self._engine) as db:
            row = self._row(db, for_update=True)
            getattr(super(), change)(*args, **kwargs)
            with self._lock:
                row.offset_seconds = self._offset.total_seconds()
                row.frozen_at = self._frozen_at
            db.commit()

    def close(self) -> None:
        self._engine.dispose()

    def now(self) -> datetime:
        self._load()
        return super().now()

    def set(self, instant: datetime, *, frozen: bool = False) -> None:
        self._change("set", instant, frozen=frozen)

    def advance(self, delta: timedelta) -> None:
        self._change("advance", delta)

    def reset(self) -> None:
        self._change("reset")

    @property
    def is_real(self) -> bool:
        self._load()
        return super().is_real

    @property
    def frozen(self) -> bool:
        self._load()
        return super().frozen

    @property
    def offset(self) -> timedelta:
        self._load()
        return super().offset
