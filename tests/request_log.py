"""Counting a client's requests: what it sent, when, and how deep the chains of them were.

Used by the tests that check a screen's requests run at once (serial depth) and that a write is
not followed by a full reload.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from desktop.api import ApiClient


@dataclass(frozen=True)
class Sent:
    """One HTTP request the client sent: what, and when it started and ended (monotonic seconds)."""

    method: str
    path: str  # without /api/v1 and the query
    start: float
    end: float

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


def serial_depth(requests: list[Sent]) -> int:
    """The longest chain of requests each starting after the previous one ended (1: all at once)."""
    ordered = sorted(requests, key=lambda r: r.start)
    depth: list[int] = []
    for i, r in enumerate(ordered):
        before = [depth[j] for j in range(i) if ordered[j].end <= r.start]
        depth.append(1 + max(before, default=0))
    return max(depth, default=0)


@dataclass
class RequestLog:
    """Records every HTTP request of one ``ApiClient`` (wraps its ``requests`` session)."""

    sent: list[Sent] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def attach(cls, client: ApiClient) -> RequestLog:
        log = cls()
        http = client._http  # the one requests.Session of the client: every attempt goes through it
        send: Callable[..., Any] = http.request

        def recorded(method: str, url: str, *args: Any, **kwargs: Any) -> Any:
            start = time.monotonic()
            try:
                return send(method, url, *args, **kwargs)
            finally:
                path = urlsplit(url).path.removeprefix("/api/v1")
                with log._lock:
                    log.sent.append(Sent(method.upper(), path, start, time.monotonic()))

        http.request = recorded  # type: ignore[method-assign]
        return log

    def take(self) -> list[Sent]:
        """The requests recorded since the last ``take`` (in the order they started)."""
        with self._lock:
            taken, self.sent = self.sent, []
        return sorted(taken, key=lambda r: r.start)
