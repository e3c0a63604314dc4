"""The waiting room of the busy paths (docs/waiting-room.md): one place per examinee in arrival order.

The database is the single source of the queue, so several worker processes share one order and
one capacity: ``WaitingRoomPlace.number`` is the arrival sequence, handed out under the lock of
the one ``WaitingRoomState`` row (so it has no gaps); admission is computed by query and written
under that lock.  A place given up becomes ``gone`` and is deleted only once the head of the line
has passed it: then the numbers from the head to any waiting place all exist, and a position is
"numbers between, minus those not waiting" — a few index reads, not a count of the whole line.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from backend_mock.models.base import Base

WAITING = "waiting"
ACTIVE = "active"
GONE = "gone"  # given up (left, idle, visit over); deleted once the head of the line has passed it


class WaitingRoomPlace(Base):
    """An examinee's place: waiting (in arrival order) or active (admitted to the busy paths).

    Simulated places (tester controls) have no examinee; they wait like others and, once admitted,
    leave after a simulated visit.
    """

    __tablename__ = "waiting_room_places"
    __table_args__ = (
        # the head of the line, the places not waiting between two numbers, the active count
        Index("ix_waiting_room_places_state_number", "state", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # arrival order: 1, 2, 3 ... without gaps (WaitingRoomState.next_number)
    number: Mapped[int] = mapped_column(unique=True)
    # one place per examinee: a second login finds the same place (None: simulated, or gone)
    examinee_id: Mapped[int | None] = mapped_column(ForeignKey("examinees.id"), unique=True)
    simulated: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(8), default=WAITING)
    arrived_at: Mapped[datetime]
    admitted_at: Mapped[datetime | None]
    # the last busy request or accepted poll (idle places are freed)
    seen_at: Mapped[datetime]
    # a poll before this is answered 429 with the same ticket
    next_poll_at: Mapped[datetime | None]


class WaitingRoomState(Base):
    """The waiting room's one row (id 1): capacity, ticket key, mean visit, last sweep."""

    __tablename__ = "waiting_room_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    capacity: Mapped[int]
    # HMAC key of the tickets: random per database, shared by every worker
    secret: Mapped[str] = mapped_column(String(64))
    # how long an admitted examinee holds a place, on average (moving average of finished visits)
    mean_visit_seconds: Mapped[float]
    swept_at: Mapped[datetime | None]
    # the number the next arrival gets
    next_number: Mapped[int] = mapped_column(default=1)
