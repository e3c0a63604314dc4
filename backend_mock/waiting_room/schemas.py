"""Wire shapes of the waiting room (docs/waiting-room.md)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from backend_mock.inputs import RequestModel


class QueueTicketPublic(BaseModel):
    """A waiting examinee's ticket: send ``token`` back with each poll."""

    token: str
    position: int
    estimated_wait_seconds: int
    refresh_seconds: int
    issued_at: datetime


class WaitingRoomStatusPublic(BaseModel):
    """``admitted``: the busy pages may be entered now; otherwise the new ticket."""

    admitted: bool
    ticket: QueueTicketPublic | None = None


class QueuePlacePublic(BaseModel):
    position: int | None  # waiting: 1 is next; active: None
    state: str  # waiting | active
    simulated: bool
    examinee_id: int | None
    arrived_at: datetime
    admitted_at: datetime | None
    seen_at: datetime


class WaitingRoomPublic(BaseModel):
    capacity: int
    active: int
    waiting: int
    simulated_waiting: int
    mean_visit_seconds: float
    places: list[QueuePlacePublic]


class CapacityUpdate(RequestModel):
    capacity: int = Field(ge=1, le=1_000_000)


class SimulatedCreate(RequestModel):
    count: int = Field(ge=1, le=10_000)


class ClearedPublic(BaseModel):
    freed: int
