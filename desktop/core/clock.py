"""The one server clock of the program: "now" as the server sees it, in Beijing time.

The mock backend's clock can be moved by a tester (and a real server's clock is never exactly
ours), so no page asks the machine for the time.  ``ServerClock`` keeps the offset between the
server and this machine, learnt from every answer: the client reads the ``X-Server-Time`` header
that the server puts on each response (and ``server_time`` fields where an answer has one).
When the offset jumps by more than ``MOVE_THRESHOLD`` (a tester moved the server's clock) the
clock emits ``moved`` and the session store tells every page (``docs/desktop-core.md``).

Thread-safe: the client calls ``sync`` on worker threads.  ``now()`` is always an aware datetime
in Beijing time (UTC+8), whatever the machine's time zone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

from PySide6.QtCore import QObject, Signal

BEIJING = timezone(timedelta(hours=8), "CST")
#: an offset change beyond this is the server's clock moving, not network jitter
MOVE_THRESHOLD = timedelta(seconds=30)


def to_beijing(value: datetime) -> datetime:
    """``value`` in Beijing time (a naive datetime is taken as Beijing time already)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=BEIJING)
    return value.astimezone(BEIJING)


class ServerClock(QObject):
    """The server's "now": the machine's clock plus the last known offset."""

    #: the server's clock was moved (emitted on the thread that noticed; connect queued)
    moved = Signal()

    def __init__(
        self, local: Callable[[], datetime] = lambda: datetime.now(UTC), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._local = local
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._synced = False

    @property
    def offset(self) -> timedelta:
        with self._lock:
            return self._offset

    @property
    def synced(self) -> bool:
        with self._lock:
            return self._synced

    def sync(self, server_time: datetime) -> None:
        """The server said it is ``server_time`` now."""
        offset = to_beijing(server_time) - self._local()
        with self._lock:
            jumped = self._synced and abs(offset - self._offset) > MOVE_THRESHOLD
            self._offset = offset
            self._synced = True
        if jumped:
            self.moved.emit()

    def now(self) -> datetime:
        with self._lock:
            offset = self._offset
        return to_beijing(self._local() + offset)

    def today(self) -> date:
        return self.now().date()
