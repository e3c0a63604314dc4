"""Server sessions: opaque bearer tokens (only their hash is stored), idle and absolute timeouts."""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Executable, Table, and_, bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from backend_mock.context import AppContext
from backend_mock.errors import NotAuthenticated
from backend_mock.i18n import Msg
from backend_mock.models import AuthSession, Examinee, StaffUser


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is calling: an examinee or a staff member, and through which session."""

    subject_type: str  # examinee | staff
    subject_id: int
    token_hash: str
    # logged in with a one-time password that has not been changed yet
    must_change_password: bool = False

    @property
    def actor(self) -> str:
        return f"{self.subject_type}:{self.subject_id}"


def open_session(
    db: Session,
    ctx: AppContext,
    subject_type: str,
    subject_id: int,
    idle_minutes: int,
    *,
    password_change_required: bool = False,
) -> tuple[str, AuthSession]:
    token = secrets.token_urlsafe(32)
    now = ctx.clock.now()
    row = AuthSession(
        token_hash=token_hash(token),
        subject_type=subject_type,
        subject_id=subject_id,
        created_at=now,
        last_seen_at=now,
        idle_minutes=idle_minutes,
        absolute_expires_at=now + timedelta(hours=ctx.settings.session_absolute_hours),
        password_change_required=password_change_required,
    )
    db.add(row)
    return token, row


_ENDED_MESSAGES = {
    "logout": ("session_ended", Msg("您已退出登录，请重新登录")),
    "idle": ("session_idle", Msg("由于长时间未操作，您已自动退出，请重新登录")),
    "expired": ("session_expired", Msg("登录已超过{hours}小时，请重新登录")),
    "password": ("session_ended", Msg("密码已修改，请用新密码重新登录")),
    "locked": ("session_ended", Msg("账号已被锁定，请联系自考办")),
}


def _refuse(reason: str, ctx: AppContext) -> NotAuthenticated:
    code, message = _ENDED_MESSAGES.get(reason, ("session_ended", Msg("登录已失效，请重新登录")))
    return NotAuthenticated(Msg(message.template, hours=ctx.settings.session_absolute_hours), code=code)


SESSIONS: Table = AuthSession.__table__  # type: ignore[assignment]


@functools.cache
def _lookup() -> Executable:
    """The session and its examinee or staff member (role included) in one SELECT, built once: the
    dependency that needs the person finds it in the session's identity map (deps.py).  Building a
    statement and its cache key cost more than running it (docs/backend-database.md)."""
    return (
        select(AuthSession, Examinee, StaffUser)
        .outerjoin(Examinee, and_(AuthSession.subject_type == "examinee", Examinee.id == AuthSession.subject_id))
        .outerjoin(StaffUser, and_(AuthSession.subject_type == "staff", StaffUser.id == AuthSession.subject_id))
        .where(AuthSession.token_hash == bindparam("token_hash"))
    )


@functools.cache
def _touch() -> Executable:
    """The idle timer's refresh: one UPDATE on the table (the same row, the same value as the object)."""
    return update(SESSIONS).where(SESSIONS.c.token_hash == bindparam("hash")).values(last_seen_at=bindparam("now"))


def authenticate(db: Session, ctx: AppContext, token: str | None, *, commit: bool = True) -> Principal:
    """The caller behind a bearer token; refreshes the idle timer.  Commits, unless ``commit`` is
    false and the session is valid: then the caller goes on in the same transaction and ends it
    (the waiting room's gate)."""
    if not token:
        raise NotAuthenticated("请先登录", code="not_authenticated")
    found = db.execute(_lookup(), {"token_hash": token_hash(token)}).first()
    if found is None:
        raise NotAuthenticated("登录已失效，请重新登录", code="session_invalid")
    row = found[0]
    # the identity map holds objects weakly: keep the person for the rest of the request
    db.info["caller"] = found[1] if found[1] is not None else found[2]
    if row is None:
        raise NotAuthenticated("登录已失效，请重新登录", code="session_invalid")
    now = ctx.clock.now()
    if row.ended_at is None:
        if now >= row.absolute_expires_at:
            row.ended_at, row.end_reason = now, "expired"
        elif now - row.last_seen_at >= timedelta(minutes=row.idle_minutes):
            row.ended_at, row.end_reason = now, "idle"
    if row.ended_at is not None:
        reason = row.end_reason or "logout"
        db.commit()
        raise _refuse(reason, ctx)
    db.connection().execute(_touch(), {"hash": row.token_hash, "now": now})
    set_committed_value(row, "last_seen_at", now)
    db.info["caller_session"] = row  # the endpoint's ``db.get(AuthSession, ...)`` finds it
    principal = Principal(row.subject_type, row.subject_id, row.token_hash, row.password_change_required)
    if commit:
        db.commit()  # releases the connection before the endpoint runs
    return principal


def end_session(db: Session, ctx: AppContext, hash_: str, reason: str) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.token_hash == hash_, AuthSession.ended_at.is_(None))
        .values(ended_at=ctx.clock.now(), end_reason=reason)
    )


def end_all_sessions(
    db: Session, ctx: AppContext, subject_type: str, subject_id: int, reason: str, keep: str | None = None
) -> None:
    stmt = update(AuthSession).where(
        AuthSession.subject_type == subject_type,
        AuthSession.subject_id == subject_id,
        AuthSession.ended_at.is_(None),
    )
    if keep is not None:
        stmt = stmt.where(AuthSession.token_hash != keep)
    db.execute(stmt.values(ended_at=ctx.clock.now(), end_reason=reason))
