"""Helpers of the 报名报考 tests: put the clock into the window, log examinees in, pick courses,
add examinees (with ready sessions) straight into a test server's database.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from backend_mock.models import (
    AuditRecord,
    AuthSession,
    Examinee,
    ExamSite,
    Order,
    OrderStatus,
    PlatformCharge,
    Seat,
    SessionSite,
)
from backend_mock.seed.demo import DEMO_EXAMINEES
from desktop.api import ApiClient
from desktop.api.types import CourseOption, SessionCalendar
from tests.servers import LiveServer, login

DEMO = {d.key: d for d in DEMO_EXAMINEES}


def key() -> str:
    """A fresh Idempotency-Key."""
    return uuid.uuid4().hex


def upcoming(client: ApiClient) -> SessionCalendar:
    cal = client.system.calendar()
    session = cal.session(cal.upcoming)
    assert session is not None
    return session


def moment(client: ApiClient, phase: str, hour: int = 12) -> datetime:
    """An instant of the upcoming session's calendar: ``before``, ``phase1``, ``phase2``, ``closed``."""
    s = upcoming(client)
    if phase == "before":
        return s.registration_open - timedelta(days=1)
    if phase == "phase1":
        return s.registration_open.replace(hour=hour, minute=0)
    if phase == "phase2":
        return (s.phase1_close + timedelta(days=1)).replace(hour=hour, minute=0)
    if phase == "closed":
        return s.registration_close + timedelta(hours=1)
    raise ValueError(phase)


def set_phase(client: ApiClient, phase: str, hour: int = 12) -> datetime:
    """Freeze the server clock at ``moment(phase)`` (log in afterwards: moving months ends sessions)."""
    at = moment(client, phase, hour)
    client.mock.set_clock(at, frozen=True)
    return at


def examinee_client(server: LiveServer, demo_key: str) -> ApiClient:
    client = server.client()
    login(client, DEMO[demo_key].exam_no)
    return client


def pick(courses: list[CourseOption], n: int, *, exclude_slots: set[str] | None = None) -> list[str]:
    """``n`` registrable courses in different slots."""
    used = set(exclude_slots or ())
    chosen = []
    for course in courses:
        if course.registrable and course.slot not in used:
            chosen.append(course.code)
            used.add(course.slot or "")
        if len(chosen) == n:
            return chosen
    raise AssertionError(f"fewer than {n} registrable courses in distinct slots")


def home_site_id(client: ApiClient) -> int:
    return client.registration.sites()[0].id


def raw(client: ApiClient, method: str, path: str, **kwargs: Any) -> Any:
    """A request the typed client has no method for (tester controls of this module)."""
    return client.request(method, path, **kwargs)


def deliver(client: ApiClient) -> int:
    """Send the payment platform's queued notifications now."""
    return int(raw(client, "POST", "/mock/payments/deliver")["delivered"])


@dataclass(frozen=True)
class Person:
    id: int
    exam_no: str
    token: str

    def client(self, server: LiveServer) -> ApiClient:
        c = server.client()
        c.set_token(self.token)
        return c


def add_examinees(
    server: LiveServer, n: int, *, like: str = "new", prefecture_code: str | None = None, start: int = 0
) -> list[Person]:
    """``n`` examinees copied from the demo examinee ``like`` (same plan, no history), each with a
    server session ready (no captcha or argon2 per login), valid from the server clock's now."""
    template = server.examinee(Examinee.exam_no == DEMO[like].exam_no)
    now = server.clock.now()
    people = []
    with server.db() as db:
        for i in range(start, start + n):
            token = secrets.token_urlsafe(24)
            row = Examinee(
                exam_no=f"99{i:010d}",
                id_number=f"9{i:017d}",
                name=f"测试{i}",
                gender=template.gender,
                birth_date=template.birth_date,
                phone=f"199{i:08d}",
                prefecture_code=prefecture_code or template.prefecture_code,
                county_code=template.county_code,
                major_id=template.major_id,
                plan_id=template.plan_id,
                password_hash=template.password_hash,
                record_card_paid=False,
                enrolled_at=now - timedelta(days=30),
            )
            db.add(row)
            db.flush()
            db.add(
                AuthSession(
                    token_hash=hashlib.sha256(token.encode()).hexdigest(),
                    subject_type="examinee",
                    subject_id=row.id,
                    created_at=now,
                    last_seen_at=now,
                    idle_minutes=24 * 60,
                    absolute_expires_at=now + timedelta(days=3),
                )
            )
            people.append(Person(row.id, row.exam_no, token))
        db.commit()
    return people


def set_capacity(server: LiveServer, site_id: int, capacity: int) -> None:
    """Make a site small for the sessions still to come (the per-session counters start from it).

    Past sessions keep their counters: their seats are held by the paid orders of the seed."""
    with server.db() as db:
        db.execute(update(ExamSite).where(ExamSite.id == site_id).values(capacity=capacity))
        db.execute(
            update(SessionSite)
            .where(SessionSite.site_id == site_id, SessionSite.seats_held <= capacity)
            .values(capacity=capacity)
        )
        db.commit()


def seats_held(server: LiveServer, session_code: str, site_id: int) -> int:
    with server.db() as db:
        counter = db.get(SessionSite, (session_code, site_id))
        return counter.seats_held if counter else 0


def seat_rows(server: LiveServer, session_code: str, site_id: int) -> int:
    with server.db() as db:
        return int(
            db.scalar(
                select(func.count()).select_from(Seat).where(Seat.session_code == session_code, Seat.site_id == site_id)
            )
            or 0
        )


def live_orders_at(server: LiveServer, session_code: str, site_id: int) -> int:
    with server.db() as db:
        return int(
            db.scalar(
                select(func.count(func.distinct(Order.examinee_id))).where(
                    Order.session_code == session_code,
                    Order.site_id == site_id,
                    Order.status.in_([OrderStatus.PENDING, OrderStatus.PAYING, OrderStatus.PAID]),
                )
            )
            or 0
        )


def charges(server: LiveServer) -> list[PlatformCharge]:
    with server.db() as db:
        rows = list(db.scalars(select(PlatformCharge).order_by(PlatformCharge.id)))
        db.expunge_all()
        return rows


def audit_actions(server: LiveServer, examinee_id: int | None = None) -> list[str]:
    with server.db() as db:
        stmt = select(AuditRecord.action).order_by(AuditRecord.id)
        if examinee_id is not None:
            stmt = stmt.where(AuditRecord.examinee_id == examinee_id)
        return list(db.scalars(stmt))


def advance(client: ApiClient, minutes: float) -> None:
    """Move the server clock on, in steps shorter than the login's idle timeout (kept alive between)."""
    left = minutes
    while left > 0:
        step = min(left, 20)
        client.mock.set_clock(advance_seconds=step * 60, frozen=True)
        left -= step
        if client.logged_in:
            client.auth.keep_alive()
