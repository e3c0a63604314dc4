"""The waiting room's rules (docs/waiting-room.md): admission in arrival order up to the capacity.

Everything lives in the database (``backend_mock.models.waiting_room``), so every worker process
sees one queue.  Writes that admit take the lock of the one state row (``SELECT ... FOR UPDATE``
on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises writers anyway), so two workers never
admit past the capacity.  The status poll is one indexed read; it writes only its own row.
"""

from __future__ import annotations

import functools
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Executable, Table, and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from backend_mock.context import AppContext
from backend_mock.errors import ApiError, Forbidden, NotAuthenticated
from backend_mock.i18n import Msg
from backend_mock.models import UNPAID_ORDER_STATUSES, AuthSession, Order
from backend_mock.models.waiting_room import ACTIVE, GONE, WAITING, WaitingRoomPlace, WaitingRoomState
from backend_mock.waiting_room import tickets
from backend_mock.waiting_room.tickets import Ticket

Place = WaitingRoomPlace
PLACES: Table = WaitingRoomPlace.__table__  # type: ignore[assignment]
# a poll this much earlier than the interval asked for is still accepted (clients only add jitter)
POLL_TOLERANCE = 0.8
# an active examinee's "last seen" is written at most this often (not on every request)
TOUCH_SECONDS = 30
# weight of the newest finished visit in the mean visit
VISIT_WEIGHT = 0.2


@dataclass(frozen=True)
class Waiting:
    """Not admitted: the ticket and its signed token."""

    ticket: Ticket
    token: str


def _state(db: Session, ctx: AppContext, *, lock: bool) -> WaitingRoomState:
    """The state row (made on first use with a random ticket key), locked for admission writes."""
    for _ in range(3):
        row = db.get(WaitingRoomState, 1, with_for_update=lock, populate_existing=lock)
        if row is not None:
            return row
        db.add(
            WaitingRoomState(
                id=1,
                capacity=ctx.settings.waiting_room_capacity,
                secret=secrets.token_hex(32),
                mean_visit_seconds=float(ctx.settings.waiting_room_expected_visit_seconds),
                swept_at=None,
            )
        )
        try:
            db.commit()
        except IntegrityError:  # another worker made it first
            db.rollback()
    raise RuntimeError("waiting room state row missing")


def _sweep(db: Session, ctx: AppContext, state: WaitingRoomState, now: datetime) -> None:
    """Free the places given up (idle, simulated visits over) and admit the first waiting ones.

    Run under the state row's lock.  Finding freed places scans the table, so it runs at most
    every ``waiting_room_sweep_seconds``; admitting runs every time (index on state, number).
    """
    s = ctx.settings
    if state.swept_at is None or now - state.swept_at >= timedelta(seconds=s.waiting_room_sweep_seconds):
        db.execute(
            update(Place)
            .where(
                Place.state == WAITING,
                Place.simulated.is_(False),
                Place.seen_at < now - timedelta(seconds=s.waiting_room_waiting_idle_seconds),
            )
            .values(state=GONE, examinee_id=None)
        )
        over = or_(
            and_(
                Place.simulated.is_(False), Place.seen_at < now - timedelta(minutes=s.waiting_room_active_idle_minutes)
            ),
            and_(
                Place.simulated.is_(True),
                Place.admitted_at < now - timedelta(seconds=s.waiting_room_simulated_visit_seconds),
            ),
        )
        over_rows = db.execute(select(Place.id, Place.admitted_at).where(Place.state == ACTIVE, over)).all()
        if over_rows:
            ids = [g.id for g in over_rows]
            db.execute(update(Place).where(Place.id.in_(ids)).values(state=GONE, examinee_id=None))
            for g in over_rows:
                _count_visit(state, now, g.admitted_at)
        state.swept_at = now
    active = db.scalar(select(func.count()).select_from(Place).where(Place.state == ACTIVE)) or 0
    free = state.capacity - active
    if free > 0:
        first = select(Place.id).where(Place.state == WAITING).order_by(Place.number).limit(free).scalar_subquery()
        db.execute(
            update(Place)
            .where(Place.id.in_(first), Place.state == WAITING)
            .values(state=ACTIVE, admitted_at=now, seen_at=now, next_poll_at=None)
            .execution_options(synchronize_session=False)
        )
    # the places given up that the head of the line has passed are no longer needed for positions
    head = db.scalar(_head())
    passed = Place.state == GONE if head is None else and_(Place.state == GONE, Place.number < head)
    db.execute(delete(Place).where(passed))


def _head() -> Any:
    """The number of the first waiting place (None: nobody waits): one index read."""
    return select(func.min(Place.number)).where(Place.state == WAITING)


def _ahead(number: Any, head: Any) -> Any:
    """How many wait before the place ``number``: the numbers between the head and it all exist
    (see ``models.waiting_room``), less those not waiting among them (few: a range of the index)."""
    between = aliased(Place)
    not_waiting = (
        select(func.count())
        .where(between.state.in_((ACTIVE, GONE)), between.number > head, between.number < number)
        .scalar_subquery()
    )
    return number - head - not_waiting


def _arrive(db: Session, state: WaitingRoomState, now: datetime, examinee_id: int | None, **values: Any) -> Place:
    """A new place at the end of the line (under the state row's lock: numbers without gaps)."""
    place = Place(
        number=state.next_number,
        examinee_id=examinee_id,
        simulated=examinee_id is None,
        state=WAITING,
        arrived_at=now,
        seen_at=now,
        **values,
    )
    state.next_number += 1
    db.add(place)
    return place


#: a visit counted for the estimates lasts at most this long: a tester's clock jump (days) is no visit
LONGEST_VISIT_SECONDS = 2 * 3600.0


def _count_visit(state: WaitingRoomState, now: datetime, admitted_at: datetime | None) -> None:
    if admitted_at is not None:
        held = min(LONGEST_VISIT_SECONDS, max(1.0, (now - admitted_at).total_seconds()))
        state.mean_visit_seconds = (1 - VISIT_WEIGHT) * state.mean_visit_seconds + VISIT_WEIGHT * held


def _ticket(
    ctx: AppContext, place_id: int, examinee_id: int, ahead: int, mean_visit: float, capacity: int, now: datetime
) -> Ticket:
    """Position ``ahead + 1``; wait = position × mean visit ÷ capacity; poll after a tenth of it."""
    s = ctx.settings
    position = ahead + 1
    wait = math.ceil(position * mean_visit / max(1, capacity))
    refresh = min(s.waiting_room_poll_max_seconds, max(s.waiting_room_poll_min_seconds, wait // 10))
    return Ticket(place_id, examinee_id, position, wait, refresh, now)


def _issue(db: Session, ctx: AppContext, place: Place, state: WaitingRoomState, now: datetime) -> Waiting:
    """A fresh ticket for a waiting place; the next poll is due after its interval.  Commits."""
    head = _head().scalar_subquery()
    ahead = db.scalar(select(_ahead(place.number, head))) or 0
    assert place.examinee_id is not None
    ticket = _ticket(ctx, place.id, place.examinee_id, ahead, state.mean_visit_seconds, state.capacity, now)
    _mark_polled(db, place.id, ticket, now)
    token = tickets.sign(ticket, state.secret)
    db.commit()
    return Waiting(ticket, token)


def _mark_polled(db: Session, place_id: int, ticket: Ticket, now: datetime) -> None:
    due = now + timedelta(seconds=ticket.refresh_seconds * POLL_TOLERANCE)
    db.connection().execute(update(PLACES).where(PLACES.c.id == place_id).values(seen_at=now, next_poll_at=due))


def _enter(db: Session, ctx: AppContext, examinee_id: int, now: datetime) -> Waiting | None:
    """Take (or keep) the examinee's place and admit whom the capacity allows.  Commits."""
    state = _state(db, ctx, lock=True)
    place = db.scalar(select(Place).where(Place.examinee_id == examinee_id))
    if place is None:
        place = _arrive(db, state, now, examinee_id)
        db.flush()
    _sweep(db, ctx, state, now)
    db.refresh(place)
    if place.state == ACTIVE:
        place.seen_at = now
        db.commit()
        return None
    return _issue(db, ctx, place, state, now)


@functools.cache
def _place_query() -> Executable:
    """The examinee's place (built once, on the table: see ``_poll_query``)."""
    return select(PLACES.c.id, PLACES.c.state, PLACES.c.seen_at).where(PLACES.c.examinee_id == bindparam("examinee_id"))


@functools.cache
def _poll_query() -> Executable:
    """The poll's one read: session, state row, place and its position (built once, on the tables
    rather than the classes: the ORM's part of running it cost more than the database's)."""
    sessions, rooms, places = (c.__table__ for c in (AuthSession, WaitingRoomState, Place))
    between = places.alias("between")
    head = select(func.min(places.c.number)).where(places.c.state == WAITING).scalar_subquery()
    not_waiting = (
        select(func.count())
        .where(between.c.state.in_((ACTIVE, GONE)), between.c.number > head, between.c.number < places.c.number)
        .correlate(places)
        .scalar_subquery()
    )
    return (
        select(
            sessions.c.subject_type,
            sessions.c.subject_id,
            sessions.c.ended_at,
            sessions.c.absolute_expires_at,
            sessions.c.last_seen_at,
            sessions.c.idle_minutes,
            rooms.c.secret,
            rooms.c.capacity,
            rooms.c.mean_visit_seconds,
            rooms.c.swept_at,
            places.c.id,
            places.c.state,
            places.c.next_poll_at,
            (places.c.number - head - not_waiting).label("ahead"),
        )
        .select_from(
            sessions.outerjoin(rooms, rooms.c.id == 1).outerjoin(places, places.c.examinee_id == sessions.c.subject_id)
        )
        .where(sessions.c.token_hash == bindparam("token_hash"))
    )


def admit(db: Session, ctx: AppContext, examinee_id: int) -> Waiting | None:
    """The gate of an examinee's busy request: None lets it through, ``Waiting`` answers 503 with
    the ticket.  Runs inside the transaction that authenticated the examinee (gate.py); commits.

    An examinee with an unpaid order (inside the cashier) is admitted at once, whatever the queue.
    """
    now = ctx.clock.now()
    row = db.connection().execute(_place_query(), {"examinee_id": examinee_id}).first()
    if row is not None and row.state == ACTIVE:
        _touch(db, row, now)
        db.commit()
        return None
    unpaid = db.scalar(
        select(exists().where(Order.examinee_id == examinee_id, Order.status.in_(UNPAID_ORDER_STATUSES)))
    )
    db.commit()  # end the read before the write transaction (SQLite: one writer)
    if unpaid:
        _let_in(db, ctx, examinee_id, now)
        return None
    return _enter(db, ctx, examinee_id, now)


def keep(db: Session, ctx: AppContext, examinee_id: int) -> None:
    """The program's keep-alive (a person working in a form): an admitted examinee stays admitted.
    Runs inside the transaction that authenticated the examinee (gate.py); commits."""
    row = db.connection().execute(_place_query(), {"examinee_id": examinee_id}).first()
    if row is not None and row.state == ACTIVE:
        _touch(db, row, ctx.clock.now())
    db.commit()


def _touch(db: Session, place: Any, now: datetime) -> None:
    """An active place was seen now: written at most every ``TOUCH_SECONDS``."""
    if now - place.seen_at >= timedelta(seconds=TOUCH_SECONDS):
        db.connection().execute(update(PLACES).where(PLACES.c.id == place.id).values(seen_at=now))


def _let_in(db: Session, ctx: AppContext, examinee_id: int, now: datetime) -> None:
    """Admit an examinee inside the cashier at once, past the capacity and the line: the payment
    and the paid order afterwards are never behind the queue.  Commits."""
    state = _state(db, ctx, lock=True)
    place = db.scalar(select(Place).where(Place.examinee_id == examinee_id))
    if place is None:
        place = _arrive(db, state, now, examinee_id)
    place.state, place.admitted_at, place.seen_at, place.next_poll_at = ACTIVE, now, now, None
    db.commit()


@dataclass(frozen=True)
class PollResult:
    admitted: bool
    waiting: Waiting | None = None


class PollTooEarly(ApiError):
    status_code = 429
    code = "queue_poll_too_early"


class PlaceGone(ApiError):
    status_code = 410
    code = "queue_place_gone"


def poll(db: Session, ctx: AppContext, token_hash: str, token: str) -> PollResult:
    """A waiting program asks how far it is: one indexed read; writes only when it is admitted or
    its poll is accepted.  Raises 401/403 (session, ticket), 410 (place freed), 429 (too early)."""
    now = ctx.clock.now()
    row = db.connection().execute(_poll_query(), {"token_hash": token_hash}).first()
    if (
        row is None
        or row.ended_at is not None
        or now >= row.absolute_expires_at
        or now - row.last_seen_at >= timedelta(minutes=row.idle_minutes)
    ):
        db.commit()
        raise NotAuthenticated("登录已失效，请重新登录", code="session_invalid")
    if row.subject_type != "examinee":
        db.commit()
        raise Forbidden("该功能仅供考生使用", code="examinee_only")
    if row.secret is None:  # the state row was emptied (reseed): no ticket of before is valid
        db.commit()
        _state(db, ctx, lock=False)
        raise _invalid()
    ticket = tickets.verify(token, row.secret)
    if ticket is None:
        db.commit()
        raise _invalid()
    if now - ticket.issued_at > timedelta(seconds=ctx.settings.waiting_room_waiting_idle_seconds):
        db.commit()
        raise Forbidden("排队凭证已过期，请重新进入页面", code="queue_ticket_expired")
    if ticket.examinee_id != row.subject_id:
        db.commit()
        raise Forbidden("此排队凭证属于另一位考生，不能使用。请在本人登录后重新进入页面", code="queue_ticket_not_yours")
    if row.id is None:
        db.commit()
        raise PlaceGone(
            Msg("您的排队位置已释放（已离开队列，或长时间未响应）。请重新进入页面，将重新排队"), code="queue_place_gone"
        )
    if ticket.place_id != row.id:
        db.commit()
        raise Forbidden("此排队凭证已被新的凭证取代，请使用最新的凭证", code="queue_ticket_replaced")
    if row.state == ACTIVE:
        db.commit()
        return PollResult(admitted=True)
    if row.next_poll_at is not None and now < row.next_poll_at:
        db.commit()
        wait = max(1, math.ceil((row.next_poll_at - now).total_seconds()))
        error = PollTooEarly(
            Msg("查询过于频繁，请 {wait} 秒后再查询排队进度", wait=wait),
            code="queue_poll_too_early",
            details=public(ticket, token),
        )
        error.headers = {"Retry-After": str(wait), WAITING_HEADER: "1"}
        raise error
    sweep_due = row.swept_at is None or now - row.swept_at >= timedelta(seconds=ctx.settings.waiting_room_sweep_seconds)
    # near the head (only then are the admitted counted) or freed places due to be looked for
    near = row.ahead < row.capacity and row.ahead < row.capacity - _active(db)
    if near or sweep_due:
        db.commit()
        result = _enter(db, ctx, row.subject_id, now)
        return PollResult(admitted=result is None, waiting=result)
    ticket = _ticket(ctx, row.id, row.subject_id, row.ahead, row.mean_visit_seconds, row.capacity, now)
    _mark_polled(db, row.id, ticket, now)
    db.commit()
    return PollResult(admitted=False, waiting=Waiting(ticket, tickets.sign(ticket, row.secret)))


WAITING_HEADER = "X-Waiting-Room"


def _active(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Place).where(Place.state == ACTIVE)) or 0


def _invalid() -> Forbidden:
    return Forbidden("排队凭证无效（可能已被修改或已过期）。请重新进入页面", code="queue_ticket_invalid")


def public(ticket: Ticket, token: str) -> dict[str, object]:
    """The machine-readable ticket of an answer (503 ``details``, poll body, 429 ``details``)."""
    return {
        "token": token,
        "position": ticket.position,
        "estimated_wait_seconds": ticket.estimated_wait_seconds,
        "refresh_seconds": ticket.refresh_seconds,
        "issued_at": ticket.issued_at.isoformat(),
    }


def leave(db: Session, ctx: AppContext, examinee_id: int) -> None:
    """Give the examinee's place up (leaving the queue, logging out); the next in line may enter."""
    now = ctx.clock.now()
    state = _state(db, ctx, lock=True)
    place = db.scalar(select(Place).where(Place.examinee_id == examinee_id))
    if place is not None:
        if place.state == ACTIVE:
            _count_visit(state, now, place.admitted_at)
        place.state, place.examinee_id = GONE, None
        db.flush()
        _sweep(db, ctx, state, now)
    db.commit()


# --- tester controls ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    capacity: int
    active: int
    waiting: int
    simulated_waiting: int
    mean_visit_seconds: float
    first: list[Place]


def overview(db: Session, ctx: AppContext, limit: int = 50) -> Overview:
    now = ctx.clock.now()
    state = _state(db, ctx, lock=True)
    _sweep(db, ctx, state, now)
    db.commit()
    counts = {state: n for state, n in db.execute(select(Place.state, func.count()).group_by(Place.state))}
    simulated = db.scalar(select(func.count()).where(Place.state == WAITING, Place.simulated.is_(True))) or 0
    first = list(db.scalars(select(Place).where(Place.state != GONE).order_by(Place.state, Place.number).limit(limit)))
    db.commit()
    return Overview(
        capacity=state.capacity,
        active=counts.get(ACTIVE, 0),
        waiting=counts.get(WAITING, 0),
        simulated_waiting=simulated,
        mean_visit_seconds=state.mean_visit_seconds,
        first=first,
    )


def set_capacity(db: Session, ctx: AppContext, capacity: int) -> None:
    state = _state(db, ctx, lock=True)
    state.capacity = capacity
    state.swept_at = None
    _sweep(db, ctx, state, ctx.clock.now())
    db.commit()


def add_simulated(db: Session, ctx: AppContext, count: int) -> None:
    """Queue ``count`` simulated examinees at the end (they wait, enter and leave by themselves)."""
    now = ctx.clock.now()
    state = _state(db, ctx, lock=True)
    for _ in range(count):
        _arrive(db, state, now, None)
    db.flush()
    _sweep(db, ctx, state, now)
    db.commit()


def clear(db: Session, ctx: AppContext) -> int:
    """Empty the waiting room (active and waiting places); returns how many places were freed."""
    _state(db, ctx, lock=True)
    freed = db.scalar(select(func.count()).select_from(Place).where(Place.state != GONE)) or 0
    db.execute(delete(Place))
    db.commit()
    return freed
