"""The personal calendar (日程) for examinees in different states at moved server clocks."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from backend_mock.deadlines import service as deadlines
from desktop.api import ApiClient, PermissionDenied
from desktop.api.notices import Deadline, PersonalCalendar
from tests.fixtures.accounts import DEMO, examinee_client, login
from tests.fixtures.registration import advance, home_site_id, key, pick, set_phase, upcoming
from tests.fixtures.servers import LiveServer

KINDS = {
    "registration",
    "registration_phase1",
    "registration_phase2",
    "ticket_printing",
    "score_release",
    "score_review",
    "graduation",
    "transfer_out",
    "transfer_in",
}


def of(cal: PersonalCalendar, kind: str, session_code: str | None = None) -> list[Deadline]:
    return [i for i in cal.items if i.kind == kind and (session_code is None or i.session_code == session_code)]


def one(cal: PersonalCalendar, kind: str, session_code: str | None = None) -> Deadline:
    (item,) = of(cal, kind, session_code)
    return item


def order_courses(client: ApiClient, n: int = 2) -> tuple[str, list[str]]:
    codes = pick(client.registration.courses(), n)
    order = client.registration.create_order(home_site_id(client), codes, key())
    return order.order_no, codes


def pay(client: ApiClient, order_no: str) -> None:
    payment = client.registration.start_payment(order_no, "alipay", key())
    assert client.payplatform.confirm(payment.payment_no, "alipay").status == "paid"


def calendar_at(server: LiveServer, instant: datetime, demo_key: str) -> PersonalCalendar:
    server.clock.set(instant, frozen=True)
    return examinee_client(server, demo_key).notices.calendar()


def test_before_registration_every_kind_is_there_sorted_and_in_view(live_server: LiveServer) -> None:
    s = upcoming(live_server.client())
    now = s.registration_open - timedelta(days=2)
    cal = calendar_at(live_server, now, "new")
    assert cal.server_time == now
    assert {i.kind for i in cal.items} >= KINDS
    starts = [(i.start, i.end or i.start) for i in cal.items]
    assert starts == sorted(starts)
    assert len({i.key for i in cal.items}) == len(cal.items)
    for item in cal.items:  # nothing ended more than 30 days ago, nothing further than 400 days ahead
        assert (item.end or item.start) >= now - timedelta(days=30)
        assert item.start <= now + timedelta(days=400)

    reg = one(cal, "registration", s.code)
    assert (reg.start, reg.end, reg.concerns) == (s.registration_open, s.registration_close, True)
    phase1 = one(cal, "registration_phase1", s.code)
    assert (phase1.start, phase1.end) == (s.registration_open, s.phase1_close)
    assert "长沙市" in phase1.title  # the demo examinee's home prefecture
    assert one(cal, "registration_phase2", s.code).start == s.phase1_close
    # nothing registered yet: no exams, no cut-off, printing and scores are only information
    assert of(cal, "exam") == [] and of(cal, "payment_cutoff") == []
    assert one(cal, "ticket_printing", s.code).concerns is False
    assert one(cal, "score_release", s.code).concerns is False
    review = one(cal, "score_review", s.code)
    assert (review.start, review.end) == (s.score_release, s.review_close)
    grad = one(cal, "graduation", s.code)
    assert (grad.start, grad.end) == (s.graduation_open, s.graduation_close)
    # transfer confirmation dates come from the settings' calendar of the session's month
    year = s.registration_open.year
    t_in = one(cal, "transfer_in", s.code)
    assert (t_in.start.year, t_in.start.month) == (year, 3 if s.code.endswith("04") else 9)
    assert t_in.start.day == 26


def test_open_order_brings_the_daily_cutoff_until_it_closes(live_server: LiveServer) -> None:
    noon = set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    order_no, _codes = order_courses(client)
    cal = client.notices.calendar()
    cutoff = one(cal, "payment_cutoff")
    assert cutoff.start == noon.replace(hour=23, minute=0)
    assert cutoff.concerns and cutoff.end is None
    assert "12:30" in cutoff.detail  # the order itself closes 30 minutes after creation
    assert order_no not in cutoff.detail  # no order numbers in the calendar
    # 31 minutes on the unpaid order has closed: the cut-off no longer concerns anyone
    advance(client, 31)
    assert of(client.notices.calendar(), "payment_cutoff") == []


def test_late_order_counts_down_to_the_same_evening(live_server: LiveServer) -> None:
    at_22 = set_phase(live_server.client(), "phase2", hour=22)
    client = examinee_client(live_server, "new")
    order_courses(client)
    advance(client, 20)
    cal = client.notices.calendar()
    cutoff = one(cal, "payment_cutoff")
    assert cutoff.start == at_22.replace(hour=23)
    assert "22:30" in cutoff.detail


def test_paid_registration_brings_exam_slots_printing_and_scores(live_server: LiveServer) -> None:
    s = upcoming(live_server.client())
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    order_no, codes = order_courses(client)
    pay(client, order_no)
    cal = client.notices.calendar()
    assert of(cal, "payment_cutoff") == []
    exams = of(cal, "exam", s.code)
    assert sorted(e.key.rsplit("-", 1)[-1] for e in exams) == sorted(codes)
    saturday = s.ticket_print_close.date() - timedelta(days=1)
    for exam in exams:
        assert exam.concerns and exam.end is not None
        assert exam.start.date() in (saturday, saturday + timedelta(days=1))
        assert (exam.end - exam.start) == timedelta(hours=2, minutes=30)
        assert exam.start.hour in (9, 14)
    assert one(cal, "ticket_printing", s.code).concerns is True
    assert one(cal, "score_release", s.code).concerns is True
    assert one(cal, "score_review", s.code).concerns is True

    # after the exams: still shown (greyed by the client) for 30 days, then gone
    after = s.ticket_print_close + timedelta(days=2)
    cal = calendar_at(live_server, after, "new")
    assert all(e.is_past(after) for e in of(cal, "exam", s.code))
    later = s.ticket_print_close + timedelta(days=31)
    cal = calendar_at(live_server, later, "new")
    assert of(cal, "exam", s.code) == []
    assert one(cal, "score_release", s.code).concerns is True  # not released yet


def test_transferred_examinee_cannot_register(live_server: LiveServer) -> None:
    s = upcoming(live_server.client())
    live_server.clock.set(s.registration_open - timedelta(days=1), frozen=True)
    client = live_server.client()
    login(client, DEMO["transferred"].exam_no)
    cal = client.notices.calendar()
    reg = one(cal, "registration", s.code)
    assert reg.concerns is False and "不能报考" in reg.detail


def test_history_makes_the_released_session_concern_them(live_server: LiveServer) -> None:
    cal_public = live_server.client().system.calendar()
    released = [x for x in cal_public.sessions if x.score_release <= cal_public.server_time]
    last = released[-1]
    cal = calendar_at(live_server, last.score_release + timedelta(days=1), "midway")
    review = one(cal, "score_review", last.code)
    assert review.concerns is True and review.start <= cal.server_time < (review.end or review.start)


def test_staff_have_no_personal_calendar(live_server: LiveServer) -> None:
    client = live_server.client()
    login(client, "admin", kind="staff")
    with pytest.raises(PermissionDenied):
        client.notices.calendar()


def test_a_new_source_is_one_function() -> None:
    """The sources are plain functions listed in SOURCES (what other modules extend)."""
    assert all(callable(s) for s in deadlines.SOURCES)
    assert len(set(deadlines.SOURCES)) == len(deadlines.SOURCES) == 7
