"""Injected faults and the maintenance gate: the outermost layer of the app in demo and test mode.

``FaultMiddleware`` wraps the whole app (outside Starlette's error middleware, so it sees the
server's own ``send``) and, for every request except ``/mock`` ones, in this order:

1. waits while the database is being reseeded (``MaintenanceGate``), so no request meets a
   half-empty database;
2. sleeps the injected latency (with jitter);
3. applies the first tester fault rule that fires: an error answer (with ``Retry-After``), a
   dropped connection before the request runs, or one dropped after it ran and committed.

Dropping a connection "without an answer" needs the transport, which ASGI does not expose:
uvicorn's ``send`` is a bound method of its request cycle, which holds it.  When it cannot be
found (another server), the fallback starts an answer and never finishes it: the server closes
the connection and the client sees a broken answer, which is as much a dropped connection to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend_mock.context import AppContext, FaultKind, FaultRule
from backend_mock.errors import refusal
from backend_mock.i18n import Msg

log = logging.getLogger("backend_mock.faults")

FAULT_MESSAGES = {
    429: Msg("请求过于频繁，请稍后再试（模拟故障）"),
    500: Msg("服务器内部错误，请稍后重试（模拟故障）"),
    502: Msg("网关错误，服务器暂时无法访问，请稍后重试（模拟故障）"),
    503: Msg("服务器繁忙，暂时无法处理请求，请稍后重试（模拟故障）"),
    504: Msg("网关超时，请稍后重试（模拟故障）"),
}


class MaintenanceGate:
    """Lets requests through unless the database is being rebuilt; then they wait for it."""

    def __init__(self) -> None:
        self._open = asyncio.Event()
        self._open.set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._in_flight = 0
        self._lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def request(self) -> AsyncIterator[None]:
        while not self._open.is_set():
            await self._open.wait()
        self._in_flight += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.set()

    @contextlib.asynccontextmanager
    async def closed(self, timeout: float = 30.0) -> AsyncIterator[None]:
        """Stop new requests and wait for those in flight (at most ``timeout`` s), then run the body."""
        async with self._lock:
            self._open.clear()
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._idle.wait(), timeout)
                if self._in_flight:
                    log.warning("rebuilding the database with %d requests still running", self._in_flight)
                yield
            finally:
                self._open.set()


def _transport_of(send: Send) -> asyncio.Transport | None:
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    return transport if isinstance(transport, asyncio.Transport) else None


async def _drop(send: Send) -> None:
    """Close the connection without an answer."""
    transport = _transport_of(send)
    if transport is None:
        # another server: start an answer that never ends; the server closes the connection
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"64")]})
        return
    transport.abort()
    # let the server notice the disconnection before the app returns (else it logs an error)
    for _ in range(3):
        await asyncio.sleep(0)


async def _discard(_message: Message) -> None:
    return None


class FaultMiddleware:
    def __init__(self, app: ASGIApp, ctx: AppContext, gate: MaintenanceGate, api_prefix: str) -> None:
        self.app = app
        self.ctx = ctx
        self.gate = gate
        self.api_prefix = api_prefix
        self.mock_prefix = f"{api_prefix}/mock"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(self.mock_prefix):
            await self.app(scope, receive, send)
            return
        async with self.gate.request():
            controls = self.ctx.controls
            delay = controls.delay_seconds()
            if delay:
                await asyncio.sleep(delay)
            relative = path.removeprefix(self.api_prefix) or "/"
            rule = controls.pick_fault(scope["method"], relative)
            if rule is None:
                await self.app(scope, receive, send)
                return
            log.info("fault %s on %s %s", rule.kind.value, scope["method"], path)
            await self._apply(rule, scope, receive, send)

    async def _apply(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        if rule.kind is FaultKind.ERROR:
            message = FAULT_MESSAGES.get(rule.status, Msg("服务器出错了，请稍后重试（模拟故障）"))
            headers = {} if rule.retry_after_seconds is None else {"Retry-After": str(rule.retry_after_seconds)}
            response = refusal(Request(scope), "fault_injected", message, status_code=rule.status, headers=headers)
            await response(scope, receive, send)
            return
        if rule.kind is FaultKind.DROP_AFTER:
            await self.app(scope, receive, _discard)
        await _drop(send)
