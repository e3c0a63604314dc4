"""Every request dependency of the API: the database session, the app context, who is calling
(examinee, staff by role), and the parameters several endpoints read the same way."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, TypeVar

import anyio.to_thread
from fastapi import Depends, Header, Query, Request
from sqlalchemy.orm import Session, sessionmaker

from backend_mock import request_state
from backend_mock.auth.sessions import Principal, authenticate
from backend_mock.context import AppContext
from backend_mock.errors import Forbidden
from backend_mock.i18n import Msg, enumeration
from backend_mock.models import Examinee, StaffRole, StaffUser
from backend_mock.payplatform.service import Notifier
from backend_mock.registration.idempotency import HEADER as IDEMPOTENCY_HEADER
from backend_mock.schemas import DateIn
from backend_mock.staff.admin import AuditFilter
from backend_mock.staff.roles import ROLE_TEXT


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One session per request; committed by the service, closed when the request is done.

    ``async`` on purpose: the session is made and closed on the event loop, not on a worker
    thread.  A request whose endpoint returns inside a transaction (a read: on SQLite ``BEGIN
    IMMEDIATE`` holds the write lock) must not need a free thread to end it: under load every
    thread may be waiting for that very lock (benchmarks/load.py: 10 s stalls and "database is
    locked" 500s with 16 users).  Making and closing a session does no blocking work worth a thread.
    """
    opened = request_state.session_of(request.scope)
    if opened is not None:  # the waiting room's gate opened it (and closes it)
        yield opened
        return
    factory: sessionmaker[Session] = request.app.state.session_factory
    session = factory()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_db)]


# Dependencies that do no blocking work are ``async``: FastAPI runs a plain ``def`` dependency on a
# worker thread, and each such hop costs more CPU than the work (docs/backend-database.md,
# "Statements per request").


async def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


CtxDep = Annotated[AppContext, Depends(get_ctx)]


def _bearer(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


# The bearer token as sent; declared on each authenticating dependency (one node fewer per route
# than a dependency of its own: FastAPI analyses every route's tree at start-up and walks it on
# every request — docs/backend-database.md, "Statements per request").
Authorization = Annotated[str | None, Header()]


async def _authenticated(request: Request, db: Session, authorization: str | None) -> Principal:
    """The caller, authenticated once per request whichever dependencies ask.

    On a busy path the waiting room's gate has authenticated the caller already (request_state.py);
    elsewhere the lookup runs on a worker thread and its outcome is kept for the rest of the request."""
    known = request_state.caller_of(request.scope)
    if known is not None:
        return known
    ctx: AppContext = request.app.state.ctx
    principal = await anyio.to_thread.run_sync(authenticate, db, ctx, _bearer(authorization))
    request_state.keep_caller(request.scope, principal)
    return principal


def _usable(principal: Principal) -> Principal:
    """Refused while the one-time password a clerk gave out has not been changed."""
    if principal.must_change_password:
        raise Forbidden("您正在使用工作人员发放的临时密码，请先修改密码后再继续使用", code="password_change_required")
    return principal


async def get_any_principal(request: Request, db: SessionDep, authorization: Authorization = None) -> Principal:
    """The caller, also one who still has to replace a one-time password (logout, password change)."""
    return await _authenticated(request, db, authorization)


async def get_principal(request: Request, db: SessionDep, authorization: Authorization = None) -> Principal:
    """The caller; refused while the one-time password a clerk gave out has not been changed."""
    return _usable(await _authenticated(request, db, authorization))


AnyPrincipalDep = Annotated[Principal, Depends(get_any_principal)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]


_Person = TypeVar("_Person", Examinee, StaffUser)


async def _caller(db: Session, kind: type[_Person], subject_id: int) -> _Person | None:
    """The calling person: the row authentication loaded with the session (``authenticate`` keeps
    it in ``db.info``), else read on a worker thread with the database released before the
    endpoint runs.

    Loading the row opens a transaction (``BEGIN IMMEDIATE`` on SQLite: the write lock).  Held
    across the hop to the endpoint's thread it deadlocks under load: every pool thread waits for
    the lock while the holder waits for a thread (docs/backend-database.md).  So commit there.
    """
    known = db.info.get("caller")
    if isinstance(known, kind) and known.id == subject_id and not db.in_transaction():
        return known

    def load() -> _Person | None:
        person = db.get(kind, subject_id)
        db.commit()
        return person

    return await anyio.to_thread.run_sync(load)


async def get_examinee(request: Request, db: SessionDep, authorization: Authorization = None) -> Examinee:
    """The calling examinee, with the database released before the endpoint runs (``_caller``)."""
    principal = _usable(await _authenticated(request, db, authorization))
    if principal.subject_type != "examinee":
        raise Forbidden("该功能仅供考生使用", code="examinee_only")
    examinee = await _caller(db, Examinee, principal.subject_id)
    if examinee is None:
        raise Forbidden("考生账号不存在", code="examinee_only")
    return examinee


ExamineeDep = Annotated[Examinee, Depends(get_examinee)]


def staff_member(*roles: StaffRole) -> Callable[..., Awaitable[StaffUser]]:
    """A dependency giving the calling staff member, refused (403) unless their role is in ``roles``.

    The server decides who may do what: an examinee's token never reaches a staff endpoint, a
    disabled account is refused at once, and each endpoint names the roles it serves.
    """

    async def dependency(request: Request, db: SessionDep, authorization: Authorization = None) -> StaffUser:
        principal = _usable(await _authenticated(request, db, authorization))
        if principal.subject_type != "staff":
            raise Forbidden("该功能仅供工作人员使用", code="staff_only")
        user = await _caller(db, StaffUser, principal.subject_id)
        if user is None or not user.active:
            raise Forbidden("工作人员账号已停用，请联系管理员", code="staff_disabled")
        if roles and user.role not in roles:
            allowed = enumeration([ROLE_TEXT[r] for r in roles], alternatives=True)
            raise Forbidden(
                Msg("此操作仅限{allowed}，您的角色是{role}", allowed=allowed, role=ROLE_TEXT[user.role]),
                code="role_forbidden",
            )
        return user

    return dependency


StaffDep = Annotated[StaffUser, Depends(staff_member())]
ClerkDep = Annotated[StaffUser, Depends(staff_member(StaffRole.CLERK))]
ReviewerDep = Annotated[StaffUser, Depends(staff_member(StaffRole.REVIEWER))]
AdminDep = Annotated[StaffUser, Depends(staff_member(StaffRole.ADMIN))]


async def get_notifier(request: Request) -> Notifier:
    notifier: Notifier = request.app.state.notifier
    return notifier


NotifierDep = Annotated[Notifier, Depends(get_notifier)]


async def idempotency_key(request: Request) -> str | None:
    """The header as sent: missing or malformed keys get the service's 400 with its explanation."""
    return request.headers.get(IDEMPOTENCY_HEADER)


IdempotencyKey = Annotated[str | None, Depends(idempotency_key)]


async def audit_filter(
    actor: Annotated[str, Query(max_length=30, description="staff username, system, anonymous or examinee")] = "",
    exam_no: Annotated[str, Query(max_length=12)] = "",
    action: Annotated[str, Query(max_length=40)] = "",
    date_from: DateIn | None = None,
    date_to: Annotated[DateIn | None, Query(description="inclusive")] = None,
) -> AuditFilter:
    return AuditFilter(actor=actor, exam_no=exam_no, action=action, date_from=date_from, date_to=date_to)


AuditFilterDep = Annotated[AuditFilter, Depends(audit_filter)]
