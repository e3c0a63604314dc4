"""The FastAPI app factory of the mock backend."""

from __future__ import annotations

import hmac
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy import select
from starlette.types import ASGIApp, Receive, Scope, Send

from backend_mock import __version__, schema_version
from backend_mock.api import system
from backend_mock.auth import router as auth
from backend_mock.clock import Clock
from backend_mock.context import AppContext
from backend_mock.db import make_engine, make_session_factory, releasing_the_database
from backend_mock.deadlines import router as deadlines
from backend_mock.enrolment import router as enrolment
from backend_mock.errors import ERROR_RESPONSES, install_error_handlers, refusal
from backend_mock.exams import router as exams
from backend_mock.faults import FaultMiddleware, MaintenanceGate
from backend_mock.graduation import router as graduation
from backend_mock.i18n import Msg
from backend_mock.models import Base, Prefecture
from backend_mock.notices import router as notices
from backend_mock.payplatform import router as payplatform
from backend_mock.payplatform import service as payplatform_service
from backend_mock.payplatform.service import Notification, Notifier
from backend_mock.profile import router as me
from backend_mock.records import router as records
from backend_mock.records import uploads as record_uploads
from backend_mock.reference_cache import ReferenceCache
from backend_mock.registration import payments
from backend_mock.registration import router as registration
from backend_mock.registration.schemas import PaymentNotification
from backend_mock.response_language import ResponseLanguage
from backend_mock.scores import router as scores
from backend_mock.server_time import ServerTimeHeader
from backend_mock.settings import Settings
from backend_mock.shared_clock import DatabaseClock
from backend_mock.staff import router as staff
from backend_mock.tester import router as mock
from backend_mock.updates import router as updates
from backend_mock.uploads import refuse_oversized_bodies
from backend_mock.waiting_room import TESTER_PREFIX as WAITING_ROOM_CONTROLS
from backend_mock.waiting_room import install as install_waiting_room
from backend_mock.waiting_room import router as waiting_room
from zikao_common.embedded import SECRET_HEADER

log = logging.getLogger("backend_mock")

API_PREFIX = "/api/v1"
# a few threads serve requests: more only queue on the database and cost CPU (docs/backend-database.md)
WORKER_THREADS = 8


def prepare_database(
    db_url: str, settings: Settings, clock: Clock, seed_size: int | None, *, rebuild_old_schema: bool = False
) -> None:
    """Create the tables and, for an empty database, load the seed data.

    A database made by another version of the backend raises ``OldSchema``, or with
    ``rebuild_old_schema`` loses its tables and is created and seeded anew (schema_version.py).
    """
    engine = make_engine(db_url)
    try:
        if not schema_version.check(engine, db_url, rebuild=rebuild_old_schema):
            # a file of the current layout (every start after the first) needs no schema work
            Base.metadata.create_all(engine)
            schema_version.record(engine)
        factory = make_session_factory(engine)
        with factory() as db:
            empty = db.scalar(select(Prefecture.code).limit(1)) is None
            if empty and seed_size is not None:
                from backend_mock.seed import seed_database

                summary = seed_database(db, settings, clock.now(), seed_size)
                log.info("seeded database: %s", summary)
    finally:
        engine.dispose()


class MockBackendApp(FastAPI):
    """The FastAPI app; in demo and test mode the tester's fault layer wraps everything.

    It goes outside Starlette's own middleware so that it can drop a connection for real (see
    ``backend_mock.faults``) and so that no fault ever hides behind an error handler.
    """

    def build_middleware_stack(self) -> ASGIApp:
        ctx: AppContext = self.state.ctx
        stack: ASGIApp = ServerTimeHeader(super().build_middleware_stack(), ctx.clock)
        if ctx.settings.mode.has_tester_controls:
            stack = FaultMiddleware(stack, ctx, self.state.gate, API_PREFIX)
        secret: str | None = self.state.secret
        return stack if secret is None else ParentOnly(stack, secret)


PARENT_ONLY_MESSAGE = Msg(
    "这是湖南自考自助服务程序自带的演示服务，只接受启动它的程序的请求。请使用该程序，或另行启动演示服务器。"
)


class ParentOnly:
    """The embedded demo backend (``create_app(secret=...)``) answers only the program that started it.

    Every request must carry the launch's secret in ``X-Embedded-Secret``; any other is refused
    with 403 before the fault layer or a route sees it (docs/desktop-core.md, "The embedded backend").
    """

    def __init__(self, app: ASGIApp, secret: str) -> None:
        self.app = app
        self._secret = secret.encode("utf-8")
        self._header = SECRET_HEADER.lower().encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self._known(scope):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            refused = refusal(Request(scope), "not_the_parent", PARENT_ONLY_MESSAGE, status_code=403)
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _known(self, scope: Scope) -> bool:
        sent = [value for name, value in scope.get("headers", ()) if name == self._header]
        return len(sent) == 1 and hmac.compare_digest(sent[0], self._secret)


def create_app(
    db_url: str,
    settings: Settings | None = None,
    clock: Clock | None = None,
    seed_size: int | None = 50,
    *,
    rebuild_old_schema: bool = False,
    workers: int = 1,
    secret: str | None = None,
) -> FastAPI:
    """Build the app over ``db_url``; create and seed the database when it is empty.

    ``seed_size`` is the number of generated examinees besides the demo ones (``None``: no seed).
    A database made by another version raises ``schema_version.OldSchema`` unless
    ``rebuild_old_schema`` (then it is emptied and seeded anew).
    ``workers`` > 1: this app is one of several worker processes of one server (the CLI's
    ``--workers``): the tester clock lives in the database, and tester controls that only one
    process would see (latency, faults) are refused.
    ``secret``: the app is the program's embedded demo backend and answers only requests carrying
    this secret (``ParentOnly``).
    """
    settings = settings or Settings()
    clock = clock or Clock()
    prepare_database(db_url, settings, clock, seed_size, rebuild_old_schema=rebuild_old_schema)
    engine = make_engine(db_url)
    if workers > 1 and settings.mode.has_tester_controls:
        clock = DatabaseClock(db_url)
    ctx = AppContext(settings=settings, clock=clock, payments=payplatform_service)
    ctx.controls.latency_ms = settings.injected_latency_ms
    session_factory = make_session_factory(engine)
    ReferenceCache().watch(session_factory)  # regions, majors, sites ready to send

    def deliver(note: Notification) -> None:
        """The platform's POST to our notify URL, made in-process (same handler as /payments/notify)."""
        with session_factory() as db:
            payments.handle_notification(db, ctx, PaymentNotification(**note.payload()), source="notify")

    notifier = Notifier(deliver, ctx)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        with session_factory() as db:  # orphaned proofs past their retention (then on uploads)
            await anyio.to_thread.run_sync(record_uploads.sweep_orphans, db, ctx)
        yield
        notifier.stop()  # no notification thread outlives the app
        engine.dispose()
        if isinstance(clock, DatabaseClock):
            clock.close()

    app = MockBackendApp(
        title="湖南自考自助服务 mock backend",
        version=__version__,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.notifier = notifier
    app.state.gate = MaintenanceGate()  # reseeding closes it (tester controls)
    app.state.secret = secret
    install_error_handlers(app)
    refuse_oversized_bodies(app, settings.upload_max_bytes)
    install_waiting_room(app, API_PREFIX)  # the gate of the busy paths (docs/waiting-room.md)
    app.add_middleware(ResponseLanguage)  # the server's words of an answer in English (docs/backend-messages.md)

    routers = (
        system.router,
        auth.router,
        me.router,
        enrolment.router,
        registration.router,
        registration.payments_router,
        exams.router,
        scores.router,
        scores.staff_router,
        notices.router,
        deadlines.router,
        staff.router,
        records.router,
        graduation.router,
        waiting_room.router,
        updates.router,
        # stands for an external system: present in every mode
        payplatform.router,
    )
    for router in routers:
        app.include_router(_release_the_database(router), prefix=API_PREFIX, responses=ERROR_RESPONSES)
    if settings.mode.has_tester_controls:
        # latency and faults: MockBackendApp.build_middleware_stack
        app.include_router(_release_the_database(mock.router), prefix=API_PREFIX, responses=ERROR_RESPONSES)
        app.include_router(
            _release_the_database(waiting_room.tester_router), prefix=API_PREFIX, responses=ERROR_RESPONSES
        )
        if workers > 1:
            refuse_process_local_controls(app)
    return app


def _release_the_database(router: APIRouter) -> APIRouter:
    """Wrap the router's plain-def endpoints (once: routers are module globals) so each runs on a
    worker thread and ends its database transaction there (``db.releasing_the_database``); FastAPI
    reads ``route.endpoint`` when the router is included."""
    for route in router.routes:
        if (
            isinstance(route, APIRoute)
            and not inspect.iscoroutinefunction(route.endpoint)
            and not getattr(route.endpoint, "releases_the_database", False)
        ):
            route.endpoint = releasing_the_database(route.endpoint)
    return router


# what /mock may change on a server of several worker processes: state kept in the database
SHARED_MOCK_WRITES = (
    f"{API_PREFIX}/mock/clock",
    f"{API_PREFIX}/mock/enrolments/",
    f"{API_PREFIX}{WAITING_ROOM_CONTROLS}",
)


def refuse_process_local_controls(app: FastAPI) -> None:
    """Refuse tester controls whose state lives in one process's memory (latency, faults, the
    payment notifier's queue): with several workers they would hold for a random share of requests."""

    @app.middleware("http")
    async def _single_process_only(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        if (
            request.method not in ("GET", "HEAD", "OPTIONS")
            and path.startswith(f"{API_PREFIX}/mock/")
            and not path.startswith(SHARED_MOCK_WRITES)
        ):
            message = Msg(
                "多进程运行（--workers 大于 1）时不支持此测试功能：它只会作用于其中一个进程。"
                "请用单进程后端（--workers 1）注入延迟和故障"
            )
            return refusal(request, "single_process_only", message, status_code=409)
        return await call_next(request)
