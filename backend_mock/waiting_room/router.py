"""The waiting room's endpoints: the examinee's status poll and leaving; the tester's controls."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header

from backend_mock.api.deps import CtxDep, ExamineeDep, SessionDep, _bearer
from backend_mock.auth.sessions import token_hash
from backend_mock.errors import NotAuthenticated
from backend_mock.i18n import Msg
from backend_mock.models.waiting_room import WAITING
from backend_mock.schemas import MessagePublic
from backend_mock.waiting_room import service
from backend_mock.waiting_room.schemas import (
    CapacityUpdate,
    ClearedPublic,
    QueuePlacePublic,
    QueueTicketPublic,
    SimulatedCreate,
    WaitingRoomPublic,
    WaitingRoomStatusPublic,
)

router = APIRouter(prefix="/waiting-room", tags=["waiting_room"])
tester_router = APIRouter(prefix="/mock/waiting-room", tags=["mock"])

TICKET_HEADER = "X-Queue-Ticket"


@router.get(
    "/status",
    operation_id="waiting_room-status",
    responses={410: {"description": "queue_place_gone"}, 429: {"description": "queue_poll_too_early"}},
)
def status(
    db: SessionDep,
    ctx: CtxDep,
    x_queue_ticket: Annotated[str, Header(min_length=1, max_length=1000)],
    authorization: Annotated[str | None, Header()] = None,
) -> WaitingRoomStatusPublic:
    """How far the caller is in the queue (send the last ticket's ``token`` in ``X-Queue-Ticket``).

    Poll no sooner than the ticket's ``refresh_seconds``: earlier polls get 429 and the same ticket.
    """
    token = _bearer(authorization)
    if token is None:
        raise NotAuthenticated("请先登录", code="not_authenticated")
    result = service.poll(db, ctx, token_hash(token), x_queue_ticket)
    if result.waiting is None:
        return WaitingRoomStatusPublic(admitted=result.admitted)
    ticket = QueueTicketPublic.model_validate(service.public(result.waiting.ticket, result.waiting.token))
    return WaitingRoomStatusPublic(admitted=False, ticket=ticket)


@router.delete("/place", operation_id="waiting_room-leave")
def leave(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> MessagePublic:
    """Give up the caller's place (waiting or admitted); the next in line may enter."""
    service.leave(db, ctx, examinee.id)
    return MessagePublic(message=Msg("您已离开队列"))


def _overview(db: SessionDep, ctx: CtxDep) -> WaitingRoomPublic:
    o = service.overview(db, ctx)
    places, position = [], 0
    for p in o.first:
        if p.state == WAITING:
            position += 1
        places.append(
            QueuePlacePublic(
                position=position if p.state == WAITING else None,
                state=p.state,
                simulated=p.simulated,
                examinee_id=p.examinee_id,
                arrived_at=p.arrived_at,
                admitted_at=p.admitted_at,
                seen_at=p.seen_at,
            )
        )
    return WaitingRoomPublic(
        capacity=o.capacity,
        active=o.active,
        waiting=o.waiting,
        simulated_waiting=o.simulated_waiting,
        mean_visit_seconds=round(o.mean_visit_seconds, 1),
        places=places,
    )


@tester_router.get("", operation_id="mock-waiting_room")
def get_waiting_room(db: SessionDep, ctx: CtxDep) -> WaitingRoomPublic:
    """Capacity, counts and the first places (active first, then waiting in order)."""
    return _overview(db, ctx)


@tester_router.put("/capacity", operation_id="mock-waiting_room_capacity")
def set_capacity(body: CapacityUpdate, db: SessionDep, ctx: CtxDep) -> WaitingRoomPublic:
    service.set_capacity(db, ctx, body.capacity)
    return _overview(db, ctx)


@tester_router.post("/simulated", operation_id="mock-waiting_room_simulated")
def add_simulated(body: SimulatedCreate, db: SessionDep, ctx: CtxDep) -> WaitingRoomPublic:
    """Queue simulated examinees at the end; each enters in turn and leaves after a short visit."""
    service.add_simulated(db, ctx, body.count)
    return _overview(db, ctx)


@tester_router.delete("", operation_id="mock-waiting_room_clear")
def clear(db: SessionDep, ctx: CtxDep) -> ClearedPublic:
    """Free every place, waiting and admitted."""
    return ClearedPublic(freed=service.clear(db, ctx))
