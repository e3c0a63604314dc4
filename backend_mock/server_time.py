"""``X-Server-Time`` on every answer: the server's "now" (the tester clock included).

The desktop keeps one server clock (``desktop/core/clock.py``) from this header, so every time it
shows is the server's time and a tester moving the clock is noticed on the next answer.  Cheap:
it reads the clock's last known state (``Clock.cached_now``), never the database.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend_mock.clock import Clock

HEADER = b"x-server-time"


class ServerTimeHeader:
    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((HEADER, self.clock.cached_now().isoformat().encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, stamped)
