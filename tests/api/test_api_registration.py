"""报名报考 over real HTTP: window and phases, course rules, sites and seats, fees, order life
without payment, idempotency of order creation.  Each rule of docs/rules.md#registration-and-payment
has a test that fails when the server stops enforcing it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from pydantic import TypeAdapter
from sqlalchemy import delete, select

from backend_mock.models import County, Examinee, ExamSite, IdempotencyRecord, Order, ScoreRecord, TimetableEntry
from backend_mock.registration.schemas import SiteOptionPublic
from desktop.api import ApiClient, ApiError, Conflict, NotFound, PermissionDenied, ValidationFailed
from tests.fixtures.accounts import DEMO, add_examinees, examinee_client
from tests.fixtures.registration import advance, home_site_id, key, pick, raw, set_phase, upcoming
from tests.fixtures.servers import LiveServer


def site_in(server: LiveServer, prefecture_code: str) -> int:
    with server.db() as db:
        site_id = db.scalar(
            select(ExamSite.id)
            .join(County, County.code == ExamSite.county_code)
            .where(County.prefecture_code == prefecture_code)
            .order_by(ExamSite.id)
        )
        assert site_id is not None
        return site_id


def examinee_id(server: LiveServer, demo_key: str) -> int:
    return server.examinee(Examinee.exam_no == DEMO[demo_key].exam_no).id


# --- the window -----------------------------------------------------------------------------------


def test_before_the_window_the_server_says_when_it_opens(live_server: LiveServer) -> None:
    anon = live_server.client()
    set_phase(anon, "before")
    client = examinee_client(live_server, "new")
    ov = client.registration.overview()
    opens = upcoming(client).registration_open
    assert ov.phase == "before" and not ov.can_register
    assert f"{opens:%Y年%m月%d日 %H:%M}" in (ov.reason or "")
    assert {c.status for c in client.registration.courses()} <= {"closed", "theory_not_passed", "not_offered"}
    with pytest.raises(Conflict) as info:
        client.registration.create_order(home_site_id(client), ["13706"], key())
    assert info.value.code == "registration_not_open"
    assert f"{opens:%Y年%m月%d日 %H:%M}" in info.value.message


def test_after_the_window_registration_is_closed(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "closed")
    client = examinee_client(live_server, "new")
    ov = client.registration.overview()
    assert ov.phase == "closed" and not ov.can_register and "结束" in (ov.reason or "")
    with pytest.raises(Conflict) as info:
        client.registration.create_order(home_site_id(client), ["13706"], key())
    assert info.value.code == "registration_closed"


def test_phase1_only_home_prefecture_sites(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase1")
    client = examinee_client(live_server, "new")
    ov = client.registration.overview()
    assert ov.phase == "phase1" and ov.can_register and "本市州" in ov.phase_text
    sites = client.registration.sites()
    assert sites and {s.prefecture_code for s in sites} == {ov.home_prefecture_code} == {"4301"}
    assert client.registration.sites("4304") == []
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(site_in(live_server, "4304"), ["13706"], key())
    assert info.value.code == "site_not_allowed" and "长沙市" in info.value.message


def test_phase2_any_prefecture(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    assert client.registration.overview().phase == "phase2"
    prefectures = {s.prefecture_code for s in client.registration.sites()}
    assert len(prefectures) == 14
    assert {s.prefecture_code for s in client.registration.sites("4304")} == {"4304"}
    order = client.registration.create_order(site_in(live_server, "4304"), ["13706"], key())
    assert order.status == "pending" and order.site_id == site_in(live_server, "4304")


def test_the_site_list_is_the_schema_and_agrees_with_the_page(live_server: LiveServer) -> None:
    """/registration/sites is written from cached bytes per site: it is exactly the schema's list,
    with the seats left as they are now, the same as the 报名报考 page's sites."""
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    page = client.request("GET", "/registration/page", params={"prefecture_code": "4302"})
    assert page["sites"] == client.request("GET", "/registration/sites", params={"prefecture_code": "4302"})
    taken = home_site_id(client)
    before = {s["id"]: s for s in client.request("GET", "/registration/sites", params={"prefecture_code": "4301"})}
    client.registration.create_order(taken, ["13706"], key())
    listed = client.request("GET", "/registration/sites", params={"prefecture_code": "4301"})
    TypeAdapter(list[SiteOptionPublic]).validate_python(listed, strict=True)
    assert all(set(site) == set(SiteOptionPublic.model_fields) for site in listed)
    assert len(listed) == len(before) > 1
    now = {s["id"]: s for s in listed}
    assert now[taken]["seats_left"] == before[taken]["seats_left"] - 1
    assert all(now[i] == before[i] for i in now if i != taken)


def test_after_the_daily_cutoff_nothing_is_ordered(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2", hour=23)
    client = examinee_client(live_server, "new")
    ov = client.registration.overview()
    assert not ov.can_register and ov.payment_cutoff == "23:00" and "23:00" in (ov.reason or "")
    with pytest.raises(Conflict) as info:
        client.registration.create_order(home_site_id(client), ["13706"], key())
    assert info.value.code == "payment_cutoff"


# --- which courses ----------------------------------------------------------------------------------


def test_courses_passed_exempted_and_practice_after_theory(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "exempted")
    by_code = {c.code: c for c in client.registration.courses()}
    person = examinee_id(live_server, "exempted")
    with live_server.db() as db:
        passed = set(
            db.scalars(select(ScoreRecord.course_code).where(ScoreRecord.examinee_id == person, ScoreRecord.passed))
        )
    assert passed
    for code in passed & set(by_code):
        assert by_code[code].status == "passed" and by_code[code].reason
    assert by_code["00018"].status == "exempted" and by_code["00012"].status == "exempted"
    # a practice course whose theory course is exempted may be registered
    assert by_code["00019"].status == "registrable"
    for code in ("00018", *passed & set(by_code)):
        with pytest.raises(ValidationFailed) as info:
            client.registration.create_order(home_site_id(client), [code], key())
        assert info.value.code == "course_not_registrable"

    new = examinee_client(live_server, "new")
    practice = {c.code: c for c in new.registration.courses()}["00019"]
    assert practice.status == "theory_not_passed" and "00018" in (practice.reason or "")
    with pytest.raises(ValidationFailed) as info:
        new.registration.create_order(home_site_id(new), ["00019"], key())
    assert info.value.code == "course_not_registrable" and "00018" in info.value.message


def test_thesis_is_never_offered(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "midway")
    kinds = {c.kind for c in client.registration.courses()}
    assert kinds <= {"theory", "practice"}
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(home_site_id(client), ["98091"], key())
    assert info.value.code in ("course_not_registrable", "course_not_in_plan")


@pytest.mark.parametrize(("passed_code", "plan_code"), [("03706", "13706"), ("03707", "12656")])
def test_passing_a_replaced_code_counts(live_server: LiveServer, passed_code: str, plan_code: str) -> None:
    upcoming_code = upcoming(live_server.client()).code
    person = examinee_id(live_server, "new")
    with live_server.db() as db:
        past = db.scalar(
            select(TimetableEntry.session_code)
            .where(TimetableEntry.session_code < upcoming_code)
            .order_by(TimetableEntry.session_code.desc())
        )
        db.add(
            ScoreRecord(
                examinee_id=person,
                course_code=passed_code,
                session_code=past,
                score=75,
                passed=True,
            )
        )
        db.commit()
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    assert {c.code: c for c in client.registration.courses()}[plan_code].status == "passed"
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(home_site_id(client), [plan_code], key())
    assert info.value.code == "course_not_registrable"


def test_a_pass_counts_only_from_its_release(live_server: LiveServer) -> None:
    """A result nobody may see yet (its session's scores are not out) does not make a course
    "passed" in registration, as it does not in the results or the progress (docs/rules.md)."""
    set_phase(live_server.client(), "phase2")
    session = upcoming(live_server.client())
    client = examinee_client(live_server, "new")
    course = next(c for c in client.registration.courses() if c.status == "registrable")
    person = examinee_id(live_server, "new")
    with live_server.db() as db:
        db.add(
            ScoreRecord(examinee_id=person, course_code=course.code, session_code=session.code, score=80, passed=True)
        )
        db.commit()
    assert session.score_release > client.system.calendar().server_time
    assert {c.code: c for c in client.registration.courses()}[course.code].status == "registrable"
    assert client.scores.progress().courses_passed == 0


def test_course_not_in_this_sessions_timetable_is_not_offered(live_server: LiveServer) -> None:
    session_code = upcoming(live_server.client()).code
    with live_server.db() as db:
        db.execute(
            delete(TimetableEntry).where(
                TimetableEntry.session_code == session_code, TimetableEntry.course_code == "00041"
            )
        )
        db.commit()
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    course = {c.code: c for c in client.registration.courses()}["00041"]
    assert course.status == "not_offered" and course.slot is None
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(home_site_id(client), ["00041"], key())
    assert info.value.code == "course_not_registrable"


def test_only_courses_of_the_plan(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(home_site_id(client), ["02331"], key())
    assert info.value.code == "course_not_in_plan" and "02331" in info.value.message


def test_at_most_four_courses_counting_live_and_paid_orders(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    site = home_site_id(client)
    courses = client.registration.courses()
    registrable = [c.code for c in courses if c.registrable]
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(site, registrable[:5], key())
    assert info.value.code == "too_many_courses" and "4" in info.value.message

    first = pick(courses, 3)
    order = client.registration.create_order(site, first, key())
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(site, [c for c in registrable if c not in first][:2], key())
    assert info.value.code == "too_many_courses"

    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    assert client.registration.order(order.order_no).status == "paid"
    client.registration.create_order(site, pick(client.registration.courses(), 1), key())
    ov = client.registration.overview()
    assert (ov.registered_courses, ov.active_order_courses) == (3, 1)
    assert not ov.can_register and "4" in (ov.reason or "")
    statuses = {c.status for c in client.registration.courses()}
    assert "registrable" not in statuses and "limit_reached" in statuses


def test_no_two_courses_in_one_slot(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    site = home_site_id(client)
    courses = [c for c in client.registration.courses() if c.registrable]
    slot = next(c.slot for c in courses if sum(1 for d in courses if d.slot == c.slot) >= 2)
    same = [c.code for c in courses if c.slot == slot][:2]
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(site, same, key())
    assert info.value.code == "slot_conflict"

    client.registration.create_order(site, same[:1], key())
    other = {c.code: c for c in client.registration.courses()}[same[1]]
    assert other.status == "slot_conflict" and same[0] in (other.reason or "")
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(site, same[1:], key())
    assert info.value.code == "slot_conflict"


def test_all_courses_of_a_session_at_one_site(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    first, second = (s.id for s in client.registration.sites()[:2])
    courses = client.registration.courses()
    a, b, c = pick(courses, 3)
    order = client.registration.create_order(first, [a], key())
    assert client.registration.overview().site_id == first
    with pytest.raises(Conflict) as info:
        client.registration.create_order(second, [b], key())
    assert info.value.code == "site_mismatch" and info.value.details == {"site_id": first}
    other = client.registration.create_order(first, [b], key())
    client.registration.cancel_order(order.order_no)
    client.registration.cancel_order(other.order_no)
    assert client.registration.overview().site_id is None
    assert client.registration.create_order(second, [c], key()).site_id == second


# --- seats ------------------------------------------------------------------------------------------------


def seats_left(client: ApiClient, site_id: int) -> int:
    return next(s.seats_left for s in client.registration.sites() if s.id == site_id)


def test_a_seat_is_held_by_orders_and_released_when_they_close(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    site = home_site_id(client)
    start = seats_left(client, site)
    a, b = pick(client.registration.courses(), 2)
    first = client.registration.create_order(site, [a], key())
    assert seats_left(client, site) == start - 1
    second = client.registration.create_order(site, [b], key())
    assert seats_left(client, site) == start - 1, "one seat per examinee and session"
    client.registration.cancel_order(first.order_no)
    assert seats_left(client, site) == start - 1, "the other order still needs the seat"
    client.registration.cancel_order(second.order_no)
    assert seats_left(client, site) == start

    third = client.registration.create_order(site, [a], key())
    assert seats_left(client, site) == start - 1
    advance(client, 31)
    closed = client.registration.order(third.order_no)
    assert closed.status == "closed" and closed.close_reason == "expired"
    assert seats_left(client, site) == start


def test_a_full_site_is_refused_until_a_seat_comes_back(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    first, second = add_examinees(live_server, 2)
    a, b = first.client(live_server), second.client(live_server)
    site = home_site_id(a)
    with live_server.db() as db:
        db.get(ExamSite, site).capacity = 1  # type: ignore[union-attr]
        db.commit()
    course = pick(a.registration.courses(), 1)
    order = a.registration.create_order(site, course, key())
    assert seats_left(b, site) == 0
    with pytest.raises(Conflict) as info:
        b.registration.create_order(site, course, key())
    assert info.value.code == "site_full" and "座位已满" in info.value.message
    a.mock.set_clock(advance_seconds=31 * 60, frozen=True)
    # nobody read the first order: its seat comes back when the site looks full
    assert b.registration.create_order(site, course, key()).status == "pending"
    assert a.registration.order(order.order_no).status == "closed"


# --- fees -----------------------------------------------------------------------------------------------


def test_fee_per_course_and_the_record_card_on_the_first_order(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    settings = live_server.settings
    site = home_site_id(client)
    assert client.registration.overview().record_card_fee_due_fen == settings.record_card_fee_fen
    a, b, c = pick(client.registration.courses(), 3)
    first = client.registration.create_order(site, [a, b], key())
    assert first.course_fee_fen == 2 * settings.fee_per_course_fen == 9600
    assert first.record_card_fee_fen == settings.record_card_fee_fen == 2000
    assert first.amount_fen == 11600 and first.amount_yuan == "116.00"
    assert client.registration.overview().record_card_fee_due_fen == 0, "carried by the first order"
    second = client.registration.create_order(site, [c], key())
    assert (second.record_card_fee_fen, second.amount_fen) == (0, 4800)
    client.registration.cancel_order(first.order_no)
    assert client.registration.overview().record_card_fee_due_fen == 2000
    third = client.registration.create_order(site, [a], key())
    assert third.record_card_fee_fen == 2000

    payment = client.registration.start_payment(third.order_no, "wechat", key())
    client.payplatform.confirm(payment.payment_no, "wechat")
    assert client.registration.order(third.order_no).status == "paid"
    assert live_server.examinee(Examinee.exam_no == DEMO["new"].exam_no).record_card_paid
    assert client.registration.overview().record_card_fee_due_fen == 0
    client.registration.cancel_order(second.order_no)
    assert client.registration.create_order(site, [b], key()).record_card_fee_fen == 0


def test_no_record_card_fee_once_paid(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "exempted")
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    assert order.record_card_fee_fen == 0 and order.amount_fen == live_server.settings.fee_per_course_fen


# --- the order's life without payment ----------------------------------------------------------------------


def test_order_numbers_are_unique(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    site = home_site_id(client)
    course = pick(client.registration.courses(), 1)
    numbers = []
    for _ in range(6):
        order = client.registration.create_order(site, course, key())
        numbers.append(order.order_no)
        client.registration.cancel_order(order.order_no)
    assert len(set(numbers)) == 6
    assert all(re.fullmatch(r"BK\d{18}", n) for n in numbers)
    with live_server.db() as db:  # the six are all that were created now (the seed holds past sessions' orders)
        created = set(
            db.scalars(
                select(Order.order_no).where(
                    Order.examinee_id == live_server.examinee(Examinee.exam_no == DEMO["new"].exam_no).id
                )
            )
        )
        assert created == set(numbers)


def test_cancel_while_pending_releases_the_courses(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    course = pick(client.registration.courses(), 1)
    order = client.registration.create_order(home_site_id(client), course, key())
    assert {c.code: c for c in client.registration.courses()}[course[0]].status == "in_order"
    closed = client.registration.cancel_order(order.order_no)
    assert closed.status == "closed" and closed.status_text == "已关闭"
    assert closed.close_reason == "cancelled" and closed.close_reason_text and closed.closed_at
    assert client.registration.cancel_order(order.order_no).status == "closed", "cancelling twice changes nothing"
    assert {c.code: c for c in client.registration.courses()}[course[0]].status == "registrable"
    assert "order_create" in _actions(live_server) and "order_close" in _actions(live_server)


def _actions(server: LiveServer) -> list[str]:
    from tests.fixtures.registration import audit_actions

    return audit_actions(server, examinee_id(server, "new"))


def test_unpaid_order_closes_after_thirty_minutes(live_server: LiveServer) -> None:
    at = set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    minutes = live_server.settings.order_unpaid_timeout_minutes
    assert order.expires_at == at + timedelta(minutes=minutes)
    advance(client, minutes - 1)
    assert client.registration.order(order.order_no).status == "pending"
    advance(client, 1)
    closed = client.registration.orders()[0]
    assert closed.status == "closed" and closed.close_reason == "expired"
    assert closed.closed_at == order.expires_at and "30" in (closed.close_reason_text or "")
    with pytest.raises(Conflict) as info:
        client.registration.start_payment(order.order_no, "alipay", key())
    assert info.value.code == "order_closed"


def test_unpaid_order_closes_at_the_daily_cutoff(live_server: LiveServer) -> None:
    at = set_phase(live_server.client(), "phase2", hour=22)
    live_server.client().mock.set_clock(at.replace(minute=50), frozen=True)
    client = examinee_client(live_server, "new")
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    assert order.expires_at == at.replace(hour=23, minute=0)
    advance(client, 10)
    closed = client.registration.order(order.order_no)
    assert closed.status == "closed" and closed.close_reason == "cutoff" and "23:00" in (closed.close_reason_text or "")


def test_unpaid_order_closes_when_the_window_closes(live_server: LiveServer) -> None:
    close = upcoming(live_server.client()).registration_close
    live_server.client().mock.set_clock(close - timedelta(minutes=10), frozen=True)
    client = examinee_client(live_server, "new")
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    assert order.expires_at == close
    advance(client, 10)
    assert client.registration.order(order.order_no).close_reason == "window_closed"


def test_other_examinees_orders_are_invisible(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    other = examinee_client(live_server, "exempted")
    with pytest.raises(NotFound):
        other.registration.order(order.order_no)
    with pytest.raises(NotFound):
        other.registration.cancel_order(order.order_no)
    with pytest.raises(NotFound):
        other.registration.start_payment(order.order_no, "alipay", key())
    assert order.order_no not in {o.order_no for o in other.registration.orders()}  # its own (past) orders only


def test_transferred_out_examinee_cannot_register(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "transferred")
    ov = client.registration.overview()
    assert not ov.can_register and "转出" in (ov.reason or "")
    with pytest.raises(PermissionDenied) as info:
        client.registration.create_order(home_site_id(client), ["03202"], key())
    assert info.value.code == "record_inactive"


# --- Idempotency-Key ---------------------------------------------------------------------------------------


def test_order_creation_requires_an_idempotency_key(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    body = {"site_id": home_site_id(client), "course_codes": pick(client.registration.courses(), 1)}
    with pytest.raises(ValidationFailed) as info:
        raw(client, "POST", "/orders", json=body)
    assert info.value.status == 400 and info.value.code == "idempotency_key_missing"
    assert "Idempotency-Key" in info.value.message
    assert client.registration.orders() == []


def test_same_key_same_body_gives_the_first_order_again(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    site = home_site_id(client)
    start = seats_left(client, site)
    courses = pick(client.registration.courses(), 2)
    k = key()
    first = client.registration.create_order(site, courses, k)
    again = client.registration.create_order(site, list(reversed(courses)), k)
    assert again == first
    assert len(client.registration.orders()) == 1 and seats_left(client, site) == start - 1


def test_same_key_other_body_is_refused(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    site = home_site_id(client)
    a, b = pick(client.registration.courses(), 2)
    k = key()
    client.registration.create_order(site, [a], k)
    with pytest.raises(ValidationFailed) as info:
        client.registration.create_order(site, [b], k)
    assert info.value.code == "idempotency_key_reused" and "请求编号" in info.value.message
    assert len(client.registration.orders()) == 1


def test_a_key_is_forgotten_after_its_time_to_live(live_server: LiveServer) -> None:
    """After 24 h (settings) a key counts as new, and the examinee's expired records are deleted."""
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    site = home_site_id(client)
    a, b = pick(client.registration.courses(), 2)
    k = key()
    client.registration.create_order(site, [a], k)
    with live_server.db() as db:  # the first use of the key was a day and an hour ago
        record = db.scalars(select(IdempotencyRecord)).one()
        record.created_at -= timedelta(hours=25)
        db.commit()
    second = client.registration.create_order(site, [b], k)  # same key, other body: not refused any more
    assert len(client.registration.orders()) == 2
    with live_server.db() as db:
        kept = db.scalars(select(IdempotencyRecord)).all()
    assert [r.response_json["order_no"] for r in kept] == [second.order_no]


def test_a_refused_request_may_be_repeated_with_its_key(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    k = key()
    with pytest.raises(ValidationFailed):
        client.registration.create_order(home_site_id(client), ["02331"], k)
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), k)
    assert order.status == "pending"


def test_registrations_list_only_paid_courses(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    site = home_site_id(client)
    a, b = pick(client.registration.courses(), 2)
    paid = client.registration.create_order(site, [a], key())
    client.registration.create_order(site, [b], key())
    payment = client.registration.start_payment(paid.order_no, "unionpay", key())
    client.payplatform.confirm(payment.payment_no, "unionpay")
    regs = client.registration.registrations()
    assert [(r.course_code, r.order_no) for r in regs] == [(a, paid.order_no)]
    assert regs[0].slot_label and regs[0].site_name and regs[0].paid_at
    assert client.registration.registrations(session_code="1999-04") == []
    assert {c.code: c for c in client.registration.courses()}[a].status == "registered"
    with pytest.raises(Conflict) as info:
        client.registration.create_order(site, [a], key())
    assert info.value.code == "course_registered"


# --- the whole screen in one answer ---------------------------------------------------------------------


def test_the_page_is_the_screen_in_one_answer(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    screen = client.registration.page()
    overview = client.registration.overview()
    assert screen.overview == replace(overview, server_time=screen.overview.server_time)
    assert list(screen.courses) == client.registration.courses()
    assert list(screen.orders) == client.registration.orders() == []
    assert list(screen.registrations) == client.registration.registrations() == []
    # no order yet: the sites of the home prefecture to choose from
    assert screen.site is None and screen.sites_prefecture_code == overview.home_prefecture_code == "4301"
    assert list(screen.sites) == client.registration.sites("4301") and screen.sites

    # phase 2: any prefecture's sites on request
    other = client.registration.page("4302")
    assert other.sites_prefecture_code == "4302" and list(other.sites) == client.registration.sites("4302")
    assert {s.prefecture_code for s in other.sites} == {"4302"}

    # an order fixes the site of the session: the page says which, with its seats, and offers no other
    a, b = pick(client.registration.courses(), 2)
    site_id = home_site_id(client)
    order = client.registration.create_order(site_id, [a], key())
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    client.payplatform.confirm(payment.payment_no, "alipay")
    pending = client.registration.create_order(site_id, [b], key())
    screen = client.registration.page("4302")
    assert screen.site is not None and screen.site.id == site_id and screen.sites == ()
    listed = next(s for s in client.registration.sites("4301") if s.id == site_id)
    assert screen.site == listed
    assert screen.overview.site_id == site_id
    assert screen.overview.registered_courses == 1 and screen.overview.active_order_courses == 1
    assert list(screen.orders) == client.registration.orders()
    assert [o.order_no for o in screen.orders] == [pending.order_no, order.order_no]  # newest first
    assert list(screen.registrations) == client.registration.registrations()
    assert [(r.course_code, r.order_no) for r in screen.registrations] == [(a, order.order_no)]
    courses = {c.code: c.status for c in screen.courses}
    assert courses[a] == "registered" and courses[b] == "in_order"


def test_the_page_offers_the_home_sites_in_phase1_whatever_is_asked(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase1")
    client = examinee_client(live_server, "new")
    screen = client.registration.page("4302")  # not open in phase 1
    assert screen.sites_prefecture_code == "4301"
    assert screen.sites and {s.prefecture_code for s in screen.sites} == {"4301"}
    assert client.registration.page("4399").sites_prefecture_code == "4301"  # no such prefecture


def test_the_page_refuses_a_malformed_prefecture_and_strangers(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    for bad in ("43 01", "x" * 13, "4301'", "1" * 13):
        with pytest.raises(ValidationFailed):
            client.request("GET", "/registration/page", params={"prefecture_code": bad})
    with pytest.raises(ApiError) as info:
        live_server.client().registration.page()
    assert info.value.status == 401


def test_operation_ids_of_registration_and_payment(live_server: LiveServer) -> None:
    import requests

    spec = requests.get(live_server.url + "/openapi.json", timeout=10).json()
    ids = {op["operationId"] for item in spec["paths"].values() for op in item.values()}
    assert {
        "registration-overview",
        "registration-page",
        "registration-courses",
        "registration-sites",
        "registration-create_order",
        "registration-orders",
        "registration-order",
        "registration-cancel_order",
        "registration-registrations",
        "payments-start",
        "payments-notify",
        "payplatform-page",
        "payplatform-confirm",
        "payplatform-cancel",
        "mock-payment_faults",
        "mock-set_payment_faults",
        "mock-deliver_notifications",
    } <= ids
    create = spec["paths"]["/api/v1/orders"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in create["parameters"])
