"""The server's waiting room over HTTP (docs/waiting-room.md): poll the ticket, leave the queue,
and the tester's controls (``/mock/waiting-room``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.api.convert import from_json
from desktop.api.endpoints import _Module
from desktop.api.errors import QueueTicket


@dataclass(frozen=True)
class WaitingRoomStatus:
    """``admitted``: the busy pages may be entered now; otherwise the new ticket."""

    admitted: bool
    ticket: QueueTicket | None = None


@dataclass(frozen=True)
class QueuePlace:
    position: int | None  # waiting: 1 is next; active: None
    state: str  # waiting | active
    simulated: bool
    examinee_id: int | None
    arrived_at: datetime
    admitted_at: datetime | None
    seen_at: datetime


@dataclass(frozen=True)
class WaitingRoomState:
    capacity: int
    active: int
    waiting: int
    simulated_waiting: int
    mean_visit_seconds: float
    places: list[QueuePlace]


TICKET_HEADER = "X-Queue-Ticket"


class WaitingRoomApi(_Module):
    def status(self, ticket: QueueTicket) -> WaitingRoomStatus:
        """One poll: admitted, or the new ticket.  Too early: ``RateLimited`` with the same ticket."""
        data: dict[str, Any] = self._c.request(
            "GET", "/waiting-room/status", headers={TICKET_HEADER: ticket.token}, timeout=(3.05, 10.0)
        )
        return WaitingRoomStatus(
            admitted=bool(data.get("admitted")), ticket=QueueTicket.from_details(data.get("ticket"))
        )

    def leave(self) -> None:
        self._c.request("DELETE", "/waiting-room/place")

    # --- tester controls ---------------------------------------------------------------------------
    def state(self) -> WaitingRoomState:
        return from_json(WaitingRoomState, self._c.request("GET", "/mock/waiting-room"))

    def set_capacity(self, capacity: int) -> WaitingRoomState:
        return from_json(
            WaitingRoomState, self._c.request("PUT", "/mock/waiting-room/capacity", json={"capacity": capacity})
        )

    def add_simulated(self, count: int) -> WaitingRoomState:
        return from_json(
            WaitingRoomState, self._c.request("POST", "/mock/waiting-room/simulated", json={"count": count})
        )

    def clear(self) -> int:
        return int(self._c.request("DELETE", "/mock/waiting-room")["freed"])
