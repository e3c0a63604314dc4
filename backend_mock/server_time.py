"""``X-Server-Time`` and ``Server-Timing`` on every answer.

``X-Server-Time`` is the server's "now" (the tester clock included); ``Server-Timing: app;dur=…``
is how long the server worked on the request, in milliseconds (injected latency not counted:
the fault layer sits outside), which ``benchmarks/responsiveness.py`` adds to one round trip for
a screen's ideal time.

The desktop keeps one server clock (``desktop/core/clock.py``) from this header, so every time it
shows is the server's time and a tester moving the clock is noticed on the next answer.  Cheap:
it reads the clock's last known state (``Clock.cached_now``), never the database.  It also
marks the request so that a clock kept in the database is read once per request
(``shared_clock.one_read_per_request``).
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend_mock.clock import Clock
from backend_mock.shared_clock import one_read_per_request

HEADER = b"x-server-time"
TIMING = b"server-timing"


class ServerTimeHeader:
    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((HEADER, self.clock.cached_now().isoformat().encode("ascii")))
                spent = (time.perf_counter() - started) * 1000
                headers.append((TIMING, f"app;dur={spent:.1f}".encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        with one_read_per_request():
            await self.app(scope, receive, stamped)
