"""The waiting room of the busy paths (docs/waiting-room.md), over real HTTP with a real database:
capacity and arrival order, signed tickets bound to one examinee and one place, one place per
examinee, places freed by logout, leaving and idleness, and who never queues."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable

import pytest

from desktop.api import ApiClient, PermissionDenied, RateLimited, WaitingInQueue
from desktop.api.errors import QueueTicket
from tests.fixtures.accounts import Person, add_examinees, login
from tests.fixtures.registration import home_site_id, key, pick, set_phase
from tests.fixtures.servers import LiveServer

SMALL = {"waiting_room_capacity": 2, "waiting_room_poll_min_seconds": 1, "waiting_room_sweep_seconds": 0.0}


@pytest.fixture
def small(server_factory: Callable[..., LiveServer]) -> LiveServer:
    return server_factory(**SMALL)


def clients(server: LiveServer, people: list[Person]) -> list[ApiClient]:
    return [p.client(server) for p in people]


def enter(client: ApiClient) -> QueueTicket | None:
    """A busy request (成绩): None when it went through, the ticket when it was queued."""
    try:
        client.scores.progress()
    except WaitingInQueue as exc:
        assert exc.status == 503 and exc.retry_after is not None
        assert "请勿刷新或重复登录，轮到您时自动进入" in exc.message
        ticket = exc.ticket
        assert ticket is not None and exc.retry_after == ticket.refresh_seconds
        return ticket
    return None


def advance(server: LiveServer, seconds: float) -> None:
    tester = server.client()
    try:
        tester.mock.set_clock(advance_seconds=seconds)
    finally:
        tester.close()


def poll(client: ApiClient, ticket: QueueTicket, server: LiveServer) -> QueueTicket | None:
    """A poll after the ticket's interval (the tester clock moves it): None once admitted."""
    advance(server, ticket.refresh_seconds)
    status = client.waiting_room.status(ticket)
    return None if status.admitted else status.ticket


def test_capacity_admits_that_many_and_the_rest_wait_in_arrival_order(small: LiveServer) -> None:
    people = clients(small, add_examinees(small, 5))
    assert enter(people[0]) is None and enter(people[1]) is None
    tickets = [enter(c) for c in people[2:]]
    assert [t.position if t else None for t in tickets] == [1, 2, 3]
    assert tickets[0] is not None and tickets[0].estimated_wait_seconds < tickets[2].estimated_wait_seconds  # type: ignore[union-attr]
    # the admitted keep going; the waiting stay out, also on the other busy paths
    assert enter(people[0]) is None
    with pytest.raises(WaitingInQueue):
        people[2].exams.sessions()
    # one leaves: the first in line enters, the others move up (first come, first served)
    people[1].waiting_room.leave()
    t2, t3, t4 = tickets
    assert t2 and t3 and t4
    assert poll(people[3], t3, small) is not None  # the place went to the first in line, not to this one
    assert poll(people[2], t2, small) is None
    assert enter(people[2]) is None
    moved = poll(people[4], t4, small)
    assert moved is not None and moved.position == 2
    state = small.client().waiting_room.state()
    assert (state.capacity, state.active, state.waiting) == (2, 2, 2)
    assert [p.position for p in state.places if p.state == "waiting"] == [1, 2]


def _forge(ticket: QueueTicket, **changes: object) -> QueueTicket:
    """The ticket with its payload changed and the old signature kept."""
    body, _, mac = ticket.token.partition(".")
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    data.update(changes)
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return QueueTicket(f"{forged}.{mac}", 1, 0, 1, ticket.issued_at)


def test_tickets_cannot_be_forged_passed_on_reused_or_kept_past_their_time(small: LiveServer) -> None:
    people = clients(small, add_examinees(small, 4))
    enter(people[0]), enter(people[1])
    mine, theirs = enter(people[2]), enter(people[3])
    assert mine and theirs
    advance(small, 5)
    for forged in (
        _forge(mine, n=1, p=mine.position),
        _forge(mine, e=999),
        QueueTicket("x.y", 1, 0, 1, mine.issued_at),
    ):
        with pytest.raises(PermissionDenied) as refused:
            people[2].waiting_room.status(forged)
        assert refused.value.code == "queue_ticket_invalid"
    with pytest.raises(PermissionDenied) as passed_on:
        people[2].waiting_room.status(theirs)
    assert passed_on.value.code == "queue_ticket_not_yours" and "另一位考生" in passed_on.value.message
    # leaving and queueing again: a new place at the end; the old ticket is worth nothing
    people[2].waiting_room.leave()
    again = enter(people[2])
    assert again is not None and again.position == 2
    advance(small, again.refresh_seconds)
    with pytest.raises(PermissionDenied) as reused:
        people[2].waiting_room.status(mine)
    assert reused.value.code == "queue_ticket_replaced"
    advance(small, small.settings.waiting_room_waiting_idle_seconds + 1)
    with pytest.raises(PermissionDenied) as expired:
        people[2].waiting_room.status(again)
    assert expired.value.code == "queue_ticket_expired"


def test_polling_faster_than_asked_gets_429_and_the_same_ticket(small: LiveServer) -> None:
    people = clients(small, add_examinees(small, 3))
    enter(people[0]), enter(people[1])
    ticket = enter(people[2])
    assert ticket is not None
    with pytest.raises(RateLimited) as early:
        people[2].waiting_room.status(ticket)
    assert early.value.status == 429 and early.value.retry_after is not None
    assert 1 <= early.value.retry_after <= ticket.refresh_seconds
    assert QueueTicket.from_details(early.value.details) == ticket
    later = poll(people[2], ticket, small)
    assert later is not None and later.position == 1 and later.issued_at > ticket.issued_at


def test_one_place_per_examinee_a_second_login_or_a_restart_finds_the_same_place(small: LiveServer) -> None:
    people = add_examinees(small, 3)
    first = clients(small, people)
    enter(first[0]), enter(first[1])
    ticket = enter(first[2])
    assert ticket is not None and ticket.position == 1
    # the program restarts: a new client logs in again (password, captcha) and asks again
    restarted = small.client(retries=0)
    login(restarted, people[2].exam_no)
    again = enter(restarted)
    assert again is not None and again.position == 1
    state = restarted.waiting_room.state()
    assert state.waiting == 1 and [p.examinee_id for p in state.places if p.state == "waiting"] == [people[2].id]
    # the ticket of the first login is still this examinee's (one place, not two)
    advance(small, again.refresh_seconds)
    assert first[2].waiting_room.status(again).ticket is not None


def test_logging_out_frees_the_place_for_the_next_in_line(small: LiveServer) -> None:
    people = clients(small, add_examinees(small, 3))
    enter(people[0]), enter(people[1])
    ticket = enter(people[2])
    assert ticket is not None
    people[0].auth.logout()
    assert poll(people[2], ticket, small) is None
    assert enter(people[2]) is None
    assert people[2].waiting_room.state().active == 2


def test_an_idle_examinee_gives_the_place_up(server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory(**SMALL, waiting_room_waiting_idle_seconds=3600)
    people = clients(server, add_examinees(server, 3))
    enter(people[0]), enter(people[1])
    ticket = enter(people[2])
    assert ticket is not None
    idle = server.settings.waiting_room_active_idle_minutes * 60

    def admitted() -> bool:
        nonlocal ticket
        status = people[2].waiting_room.status(ticket)  # type: ignore[arg-type]
        ticket = status.ticket or ticket
        return status.admitted

    advance(server, idle - 60)
    enter(people[0])  # people[0] is busy
    people[1].auth.keep_alive()  # people[1] works in a form: its program's keep-alive counts
    advance(server, 61)
    assert not admitted()  # both still hold their places
    advance(server, idle - 120)
    enter(people[0])
    assert not admitted()
    advance(server, 61)  # people[1] has done nothing for the idle time now
    assert admitted()
    assert enter(people[0]) is None and enter(people[2]) is None
    # the idle one queues again at the end
    back = enter(people[1])
    assert back is not None and back.position == 1


def test_who_never_queues_the_cashier_payment_notifications_staff_and_tester(
    server_factory: Callable[..., LiveServer],
) -> None:
    server = server_factory(**SMALL)
    set_phase(server.client(), "phase2")
    buyer = add_examinees(server, 1)[0].client(server)
    order = buyer.registration.create_order(home_site_id(buyer), pick(buyer.registration.courses(), 1), key())
    buyer.waiting_room.leave()  # the buyer's place is gone; the unpaid order is what counts
    others = clients(server, add_examinees(server, 3, start=100))
    enter(others[0]), enter(others[1])
    assert enter(others[2]) is not None  # full
    # inside the cashier: reading the order, starting the payment, paying, reading it paid
    assert buyer.registration.order(order.order_no).status == "pending"
    payment = buyer.registration.start_payment(order.order_no, "alipay", key())
    assert buyer.payplatform.confirm(payment.payment_no, "alipay").status == "paid"  # the notification arrives
    assert buyer.registration.order(order.order_no).status == "paid"
    # the one who paid stays in (admitted past the capacity); the queue did not move for it
    assert [o.status for o in buyer.registration.orders()] == ["paid"]
    state = server.client().waiting_room.state()
    assert (state.active, state.waiting) == (3, 1)
    # the platform's notify URL answers itself (here: a bad signature), never the waiting room
    with pytest.raises(PermissionDenied) as notify:
        server.client(retries=0).request("POST", "/payments/notify", json={**NOTIFICATION, "order_no": order.order_no})
    assert notify.value.code == "bad_signature"
    # staff pass the gate (the examinee endpoint refuses them itself); the tester controls answer
    staff = server.client(retries=0)
    login(staff, "cs_clerk", kind="staff")
    with pytest.raises(PermissionDenied) as refused:
        staff.scores.progress()
    assert refused.value.code == "examinee_only"
    assert server.client().waiting_room.state().waiting == 1


NOTIFICATION = {
    "notify_id": "n1",
    "channel": "alipay",
    "event_at": "2027-01-01T10:00:00+08:00",
    "payment_no": "ZF1",
    "status": "succeeded",
    "amount_fen": 1,
    "signature": "forged",
}


def test_the_client_hears_the_waiting_room_at_once_and_does_not_retry_it(
    server_factory: Callable[..., LiveServer],
) -> None:
    # Retry-After 2: urllib3 would sleep and retry (3 retries: 6 s); a poll within 1.6 s is too early
    settings = {**SMALL, "waiting_room_poll_min_seconds": 2, "waiting_room_poll_max_seconds": 2}
    server = server_factory(**settings)
    people = clients(server, add_examinees(server, 3))
    assert all(c.retries == 3 for c in people)
    enter(people[0]), enter(people[1])
    started = time.monotonic()
    ticket = enter(people[2])
    assert ticket is not None and ticket.refresh_seconds == 2
    assert time.monotonic() - started < 1.5
    with pytest.raises(RateLimited):
        people[2].waiting_room.status(ticket)
    assert time.monotonic() - started < 1.5
