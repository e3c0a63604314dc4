"""Server sessions, captchas, SMS outbox and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from backend_mock.models.base import Base


class AuthSession(Base):
    """A logged-in session.  Only a hash of the bearer token is stored."""

    __tablename__ = "auth_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(10))  # examinee | staff
    subject_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    idle_minutes: Mapped[int]
    absolute_expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(20))  # logout | idle | expired | password
    # logged in with a one-time password: only changing the password (or logging out) works
    password_change_required: Mapped[bool] = mapped_column(default=False)


class Captcha(Base):
    __tablename__ = "captchas"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    answer: Mapped[str] = mapped_column(String(8))
    expires_at: Mapped[datetime]
    used: Mapped[bool] = mapped_column(default=False)


class SmsMessage(Base):
    """The mock SMS outbox: every text the system "sends"."""

    __tablename__ = "sms_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # reset_password
    code: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(String(200))
    subject_id: Mapped[int | None]
    sent_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used: Mapped[bool] = mapped_column(default=False)


class AuditRecord(Base):
    """Who did what to whom, when, with what result.  Never holds a password or a full number."""

    __tablename__ = "audit_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(40), index=True)  # "examinee:12", "staff:3", "system"
    examinee_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    result: Mapped[str] = mapped_column(String(20))  # ok | refused | failed
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class LoginThrottle(Base):
    """Failure counts for account names that match no account.

    They are counted and locked exactly like real accounts so that the answers to a login never
    tell whether an account exists.
    """

    __tablename__ = "login_throttles"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
