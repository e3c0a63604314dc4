"""The gate in front of the busy paths: an ASGI middleware keyed on path prefixes.

A middleware rather than a dependency on the routers: the busy paths are named by their URL
(``Settings.waiting_room_paths``), so no router or endpoint changes, and whatever is not named —
the payment platform and its notifications, staff, tester controls, login — never queues.  It
also frees the place of an examinee who logs out, and counts the program's keep-alive
(``GET /auth/session``, sent while a person works) as activity of an admitted examinee.  On
those paths it authenticates the caller in the same transaction as the admission and hands the
session and the caller on to the endpoint (``request_state.py``; docs/waiting-room.md, "One
transaction at the gate").
"""

from __future__ import annotations

import anyio.to_thread
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend_mock import request_state
from backend_mock.auth.sessions import authenticate
from backend_mock.context import AppContext
from backend_mock.errors import ApiError, refusal
from backend_mock.i18n import Msg
from backend_mock.waiting_room import service


def waiting_message(position: int, wait_seconds: int) -> Msg:
    ahead = position - 1
    minutes = max(1, round(wait_seconds / 60))
    front = Msg("前面还有 {ahead} 人", ahead=ahead) if ahead else Msg("您是下一位")
    return Msg(
        "当前访问人数较多，您已进入排队：{front}，预计等待约 {minutes} 分钟。请勿刷新或重复登录，轮到您时自动进入",
        front=front,
        minutes=minutes,
    )


class WaitingRoomGate:
    def __init__(self, app: ASGIApp, prefix: str, paths: tuple[str, ...]) -> None:
        self.app = app
        self.prefix = prefix
        self.paths = paths
        self.logout = f"{prefix}/auth/logout"
        self.keep_alive = f"{prefix}/auth/session"

    def _busy(self, path: str) -> bool:
        if not path.startswith(self.prefix):
            return False
        rest = path[len(self.prefix) :]
        return any(rest == p or rest.startswith(p + "/") for p in self.paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if scope["method"] == "POST" and path == self.logout:
            await self._logout(scope, receive, send)
            return
        token = _bearer(scope)
        keep_alive = path == self.keep_alive
        if token is None or not (keep_alive or self._busy(path)):
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        factory: sessionmaker[Session] = state.session_factory
        ctx: AppContext = state.ctx
        db = factory()  # the request's session: the endpoint goes on with it (request_state.py)
        try:
            waiting = await anyio.to_thread.run_sync(self._check, scope, db, ctx, token, keep_alive)
            if waiting is None:
                await self.app(scope, receive, send)
                return
        finally:
            db.close()
        ticket = waiting.ticket
        message = waiting_message(ticket.position, ticket.estimated_wait_seconds)
        headers = {"Retry-After": str(ticket.refresh_seconds), service.WAITING_HEADER: "1", "Cache-Control": "no-store"}
        details = service.public(ticket, waiting.token)
        response = refusal(Request(scope), "waiting_room", message, details, status_code=503, headers=headers)
        await response(scope, receive, send)

    @staticmethod
    def _check(scope: Scope, db: Session, ctx: AppContext, token: str, keep_alive: bool) -> service.Waiting | None:
        """Authenticate the caller and, for an examinee, decide admission (or count the keep-alive)
        in one transaction; hand both on to the endpoint.  None: let the request through."""
        try:
            principal = authenticate(db, ctx, token, commit=False)
        except ApiError as refused:  # the endpoint answers it, as it would have
            request_state.hand_on(scope, db, refused)
            return None
        request_state.hand_on(scope, db, principal)
        if principal.subject_type != "examinee" or principal.must_change_password:
            db.commit()  # staff, and one-time passwords (the endpoint refuses those), never queue
            return None
        if keep_alive:
            service.keep(db, ctx, principal.subject_id)
            return None
        return service.admit(db, ctx, principal.subject_id)

    async def _logout(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the logout; when it succeeded, free the examinee's place (who it was: the caller the
        logout's authentication kept, request_state.py)."""
        status = 0

        async def noting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, noting)
        if status != 200:
            return
        caller = request_state.caller_of(scope)
        if caller is None or caller.subject_type != "examinee":
            return
        state = scope["app"].state
        factory: sessionmaker[Session] = state.session_factory
        ctx: AppContext = state.ctx
        examinee_id = caller.subject_id

        def free() -> None:
            with factory() as db:
                service.leave(db, ctx, examinee_id)

        await anyio.to_thread.run_sync(free)


def _bearer(scope: Scope) -> str | None:
    value = Headers(scope=scope).get("authorization", "")
    if value.lower().startswith("bearer "):
        return value[7:].strip() or None
    return None
