"""The one clock every rule reads.

Real time by default.  In demo and test mode the ``/mock/clock`` endpoints set it to a fixed
instant or shift it by an offset so testers can move through a session's calendar.  All times are
China Standard Time (UTC+8, no daylight saving), kept as aware datetimes.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), name="CST")


def china_now() -> datetime:
    return datetime.now(CHINA_TZ)


class Clock:
    """Gives "now"; can be frozen at an instant or shifted by an offset (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._frozen_at: datetime | None = None

    def now(self) -> datetime:
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return china_now() + self._offset

    def cached_now(self) -> datetime:
        """``now()`` from the state last read (no database read where the state lives there)."""
        return Clock.now(self)

    def set(self, instant: datetime, *, frozen: bool = False) -> None:
        """Make ``now()`` return ``instant``: frozen there, or running on from it."""
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=CHINA_TZ)
        with self._lock:
            if frozen:
                self._frozen_at = instant
                self._offset = timedelta(0)
            else:
                self._frozen_at = None
                self._offset = instant - china_now()

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += delta
            else:
                self._offset += delta

    def reset(self) -> None:
        with self._lock:
            self._offset = timedelta(0)
            self._frozen_at = None

    @property
    def is_real(self) -> bool:
        with self._lock:
            return self._frozen_at is None and self._offset == timedelta(0)

    @property
    def frozen(self) -> bool:
        with self._lock:
            return self._frozen_at is not None

    @property
    def offset(self) -> timedelta:
        with self._lock:
            return self._offset
