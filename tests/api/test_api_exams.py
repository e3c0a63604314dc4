"""考试信息查询 over real HTTP: history, timetable, admission ticket, room and seat assignment."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, select, update

from backend_mock.exams.service import room_and_seat
from backend_mock.masking import mask_id_number
from backend_mock.models import AuthSession, Examinee, SeatAssignment, SeatAssignmentRun
from desktop.api import ApiClient, Conflict, NotFound
from tests.fixtures.accounts import DEMO, Person, add_examinees, examinee_client
from tests.fixtures.exams import in_window, pay, registered
from tests.fixtures.registration import home_site_id, key, pick, raw, set_phase, upcoming
from tests.fixtures.servers import LiveServer

# --- helpers ----------------------------------------------------------------------------------------------


def at(server: LiveServer, instant: datetime, demo_key: str = "new") -> ApiClient:
    """Freeze the clock at ``instant`` and log the demo examinee in again (moving weeks ends logins)."""
    server.client().mock.set_clock(instant, frozen=True)
    return examinee_client(server, demo_key)


def refreshed(server: LiveServer, people: list[Person]) -> list[ApiClient]:
    """New server sessions for ``people`` valid from the clock's now (after moving it on)."""
    now = server.clock.now()
    clients = []
    with server.db() as db:
        for p in people:
            token = secrets.token_urlsafe(24)
            db.add(
                AuthSession(
                    token_hash=hashlib.sha256(token.encode()).hexdigest(),
                    subject_type="examinee",
                    subject_id=p.id,
                    created_at=now,
                    last_seen_at=now,
                    idle_minutes=24 * 60,
                    absolute_expires_at=now + timedelta(days=3),
                )
            )
            c = server.client()
            c.set_token(token)
            clients.append(c)
        db.commit()
    return clients


def refused(call: Callable[[], object], code: str) -> Conflict:
    with pytest.raises(Conflict) as info:
        call()
    assert info.value.code == code
    return info.value


# --- refusals ---------------------------------------------------------------------------------------------


def test_ticket_before_the_window_says_when_it_opens(live_server: LiveServer) -> None:
    session, _order = registered(live_server)
    client = examinee_client(live_server, "new")
    err = refused(client.exams.ticket, "ticket_not_open")
    opens = session.ticket_print_open
    assert f"{opens.year}年{opens.month}月{opens.day}日" in err.message
    assert datetime.fromisoformat(err.details["opens_at"]) == opens
    refused(client.exams.ticket_photo, "ticket_not_open")


def test_ticket_after_the_exams_is_closed(live_server: LiveServer) -> None:
    session, _order = registered(live_server)
    client = at(live_server, session.ticket_print_close + timedelta(hours=1))
    err = refused(lambda: client.exams.ticket(session.code), "ticket_closed")
    assert "已结束" in err.message


def test_unpaid_order_gives_no_ticket_and_says_why(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    session = upcoming(client)
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    refused(lambda: client.exams.ticket(session.code), "ticket_not_open")
    # by the printing window the unpaid order has closed by itself: the refusal names it
    client = at(live_server, in_window(session))
    err = refused(client.exams.ticket, "no_paid_registration")
    assert "未缴费" in err.message and order.order_no in err.message
    assert err.details["unpaid_order_no"] == order.order_no


def test_no_registration_gives_no_ticket(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    session = upcoming(live_server.client())
    client = at(live_server, in_window(session))
    err = refused(client.exams.ticket, "no_paid_registration")
    assert "没有已缴费" in err.message


def test_no_photo_asks_for_one(live_server: LiveServer) -> None:
    session, _order = registered(live_server)
    with live_server.db() as db:
        db.execute(update(Examinee).where(Examinee.exam_no == DEMO["new"].exam_no).values(photo=None, photo_name=None))
        db.commit()
    client = at(live_server, in_window(session))
    err = refused(client.exams.ticket, "photo_missing")
    assert "请先在个人中心上传照片" in err.message
    refused(client.exams.ticket_photo, "photo_missing")


# --- the ticket -------------------------------------------------------------------------------------------


def test_ticket_content(live_server: LiveServer) -> None:
    session, order = registered(live_server, n=3)
    client = at(live_server, in_window(session))
    me = live_server.examinee(Examinee.exam_no == DEMO["new"].exam_no)
    ticket = client.exams.ticket()
    assert (ticket.session_code, ticket.name, ticket.exam_no) == (session.code, me.name, me.exam_no)
    assert ticket.id_number_masked == mask_id_number(me.id_number) != me.id_number
    assert ticket.id_number_masked.startswith(me.id_number[:3]) and ticket.id_number_masked.endswith(me.id_number[-4:])
    assert ticket.site_name == order.site_name and ticket.site_address == order.site_address
    assert [c.course_code for c in ticket.courses] == [i.course_code for i in order.items]
    for course in ticket.courses:
        assert course.room >= 1 and course.seat >= 1 and course.course_name
        assert course.date in (session.exam_saturday, session.exam_saturday + timedelta(days=1))
        assert course.start in ("09:00", "14:30")
    assert len({(c.room, c.seat) for c in ticket.courses}) == 1  # one seat for the whole session
    rules = "\n".join(ticket.rules)
    for words in ("准考证", "身份证", "30分钟", "15分钟", "手机", "智能手表", "笔记"):
        assert words in rules
    assert ticket.photo_available
    # the full ID number never leaves the server
    body = json.dumps(raw(client, "GET", "/exams/ticket"), ensure_ascii=False)
    assert me.id_number not in body
    photo = client.exams.ticket_photo()
    assert photo[:2] == b"\xff\xd8" and photo == me.photo


# --- timetable --------------------------------------------------------------------------------------------


def test_timetable_has_rooms_and_seats_only_once_assigned(live_server: LiveServer) -> None:
    session, order = registered(live_server)
    client = examinee_client(live_server, "new")
    before = client.exams.timetable()
    assert before.session_code == session.code and not before.seats_assigned
    assert [s.slot for s in before.slots] == ["SAT_AM", "SAT_PM", "SUN_AM", "SUN_PM"]
    mine = {s.course_code: s for s in before.slots if s.course_code}
    assert set(mine) == {i.course_code for i in order.items}
    for item in order.items:
        slot = mine[item.course_code]
        assert slot.slot == item.slot and slot.site_name == order.site_name
        assert (slot.room, slot.seat) == (None, None)
    free = [s for s in before.slots if s.course_code is None]
    assert len(free) == 2 and all(s.site_name is None for s in free)
    with live_server.db() as db:
        assert db.get(SeatAssignmentRun, session.code) is None

    client = at(live_server, in_window(session))
    after = client.exams.timetable(session.code)
    assert after.seats_assigned
    for slot in after.slots:
        if slot.course_code:
            assert slot.room is not None and slot.seat is not None
        else:
            assert slot.room is None and slot.seat is None
    with live_server.db() as db:
        assert db.get(SeatAssignmentRun, session.code) is not None
    # the ticket shows the same room and seat
    ticket = client.exams.ticket()
    assigned = next(s for s in after.slots if s.course_code)
    assert {(c.room, c.seat) for c in ticket.courses} == {(assigned.room, assigned.seat)}


def test_unknown_session_is_not_found(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "new")
    with pytest.raises(NotFound) as info:
        client.exams.timetable("1999-04")
    assert info.value.code == "session_not_found"


# --- assignment ---------------------------------------------------------------------------------------------


def test_assignment_is_deterministic_and_unique(server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory(exam_room_seats=2)
    set_phase(server.client(), "phase2")
    session = upcoming(server.client())
    people = add_examinees(server, 5)
    site_id = home_site_id(people[0].client(server))
    for p in people:
        c = p.client(server)
        assert home_site_id(c) == site_id
        pay(c, 1)

    server.client().mock.set_clock(in_window(session), frozen=True)
    clients = refreshed(server, people)
    # all at once: only one request assigns, the others read what it stored
    results: dict[int, tuple[int | None, int | None]] = {}
    errors: list[BaseException] = []

    def read(i: int, c: ApiClient) -> None:
        try:
            slot = next(s for s in c.exams.timetable().slots if s.course_code)
            results[i] = (slot.room, slot.seat)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=read, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors

    with server.db() as db:
        rows = list(
            db.scalars(
                select(SeatAssignment)
                .where(SeatAssignment.session_code == session.code, SeatAssignment.site_id == site_id)
                .order_by(SeatAssignment.exam_no)
            )
        )
    assert {p.exam_no for p in people} <= {r.exam_no for r in rows}
    seats = [(r.room, r.seat) for r in rows]
    assert len(seats) == len(set(seats))  # never two examinees on one seat
    # exam_no order, two seats to a room: the same data always gives the same seats
    assert seats == [room_and_seat(i, 2) for i in range(len(rows))]
    assert max(r.room for r in rows) >= 3
    by_exam_no = {r.exam_no: (r.room, r.seat) for r in rows}
    for i, p in enumerate(people):
        assert results[i] == by_exam_no[p.exam_no]
    # reading again assigns nothing new; assigning again from the same data gives the same seats
    again = clients[0].exams.timetable()
    assert (next(s for s in again.slots if s.course_code).room, results[0][1]) == results[0]
    with server.db() as db:
        db.execute(delete(SeatAssignment))
        db.execute(delete(SeatAssignmentRun))
        db.commit()
    clients[-1].exams.timetable()
    with server.db() as db:
        redone = {
            r.exam_no: (r.room, r.seat)
            for r in db.scalars(select(SeatAssignment).where(SeatAssignment.session_code == session.code))
        }
    assert {n: redone[n] for n in by_exam_no} == by_exam_no


# --- history ---------------------------------------------------------------------------------------------


def test_history_lists_past_sessions_with_outcomes(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "midway")
    history = client.exams.sessions()
    assert len(history) >= 2
    codes = [h.session_code for h in history]
    assert codes == sorted(codes, reverse=True)
    outcomes = [c.outcome for h in history for c in h.courses]
    assert "缺考" in outcomes and "78" in outcomes
    for h in history:
        assert h.status_text == "成绩已发布" and h.courses
        for c in h.courses:
            assert c.released and c.course_name
    failed = [c for h in history for c in h.courses if c.score is not None and c.score < 60]
    assert failed and not any(c.passed for c in failed)


def test_history_shows_a_new_registration_as_upcoming(live_server: LiveServer) -> None:
    session, order = registered(live_server)
    client = examinee_client(live_server, "new")
    (latest, *_rest) = client.exams.sessions()
    assert latest.session_code == session.code and latest.status_text == "待考"
    assert latest.amount_paid_fen == order.amount_fen and latest.site_name == order.site_name
    assert {c.course_code for c in latest.courses} == {i.course_code for i in order.items}
    assert all(c.outcome == "待考" and c.score is None for c in latest.courses)

    client = at(live_server, session.ticket_print_close + timedelta(days=1))
    (latest, *_rest) = client.exams.sessions()
    assert latest.status_text == "成绩未发布"
    assert all(c.outcome == "成绩未发布" for c in latest.courses)
