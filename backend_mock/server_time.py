"""``X-Server-Time``, ``Server-Timing`` and ``X-Request-Id`` on every answer.

``X-Request-Id`` names the request for support: the client's own (``desktop/api/client.py`` sends
one with every request and shows it as 请求编号 with a refusal), or a new one when it sent none
or one that is not a short id.

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

import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend_mock.clock import Clock
from backend_mock.shared_clock import one_read_per_request

HEADER = b"x-server-time"
TIMING = b"server-timing"
REQUEST_ID = b"x-request-id"
_REQUEST_ID = re.compile(rb"[A-Za-z0-9-]{1,64}")


def request_id(scope: Scope) -> bytes:
    """The request's id: the client's when it is a short id, else a new one."""
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID and _REQUEST_ID.fullmatch(value):
            return bytes(value)
    return uuid.uuid4().hex[:16].encode("ascii")


class ServerTimeHeader:
    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()
        rid = request_id(scope)

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((HEADER, self.clock.cached_now().isoformat().encode("ascii")))
                spent = (time.perf_counter() - started) * 1000
                headers.append((TIMING, f"app;dur={spent:.1f}".encode("ascii")))
                headers.append((REQUEST_ID, rid))
                message = {**message, "headers": headers}
            await send(message)

        with one_read_per_request():
            await self.app(scope, receive, stamped)
