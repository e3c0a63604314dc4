"""Many requests at once over real HTTP: the last seats of a site are never oversold, and one
examinee hammering "create order" or "pay" (same key, or new keys) gets one order, one payment."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import func, select

from backend_mock.models import Order, Payment, SessionSite
from desktop.api import ApiClient, ApiError
from tests.fixtures.accounts import Person, add_examinees
from tests.fixtures.registration import (
    home_site_id,
    key,
    live_orders_at,
    pick,
    seat_rows,
    seats_held,
    set_capacity,
    set_phase,
    upcoming,
)
from tests.fixtures.servers import LiveServer

T = TypeVar("T")
PARALLEL = 50


def fire(calls: list[Callable[[], T]]) -> list[T | ApiError]:
    """Run every call on its own thread, all released at once; results (or API errors) in order."""
    results: list[T | ApiError | None] = [None] * len(calls)
    unexpected: list[BaseException] = []
    barrier = threading.Barrier(len(calls))

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except ApiError as exc:
            results[i] = exc
        except BaseException as exc:  # reported below, never lost in the thread
            unexpected.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not unexpected, unexpected
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]


def codes(results: list[object]) -> Counter[str]:
    return Counter(r.code if isinstance(r, ApiError) else "ok" for r in results)


def clients(server: LiveServer, people: list[Person]) -> list[ApiClient]:
    return [p.client(server) for p in people]


def test_fifty_examinees_racing_for_the_last_seats_never_oversell(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    people = add_examinees(live_server, PARALLEL + 10)
    cs = clients(live_server, people)
    site = home_site_id(cs[0])
    session = upcoming(cs[0]).code
    courses = pick(cs[0].registration.courses(), 2)
    capacity = 12
    set_capacity(live_server, site, capacity)
    # ten seats go first, one by one: the race is for the last two
    for c in cs[:10]:
        c.registration.create_order(site, courses, key())
    results = fire([lambda c=c: c.registration.create_order(site, courses, key()) for c in cs[10:]])  # type: ignore[misc]

    assert codes(results) == {"ok": 2, "site_full": PARALLEL - 2}
    assert seats_held(live_server, session, site) == capacity
    assert seat_rows(live_server, session, site) == capacity
    assert live_orders_at(live_server, session, site) == capacity
    with live_server.db() as db:
        counter = db.get(SessionSite, (session, site))
        assert counter is not None and counter.seats_held <= counter.capacity
    assert all(s.seats_left == 0 for s in cs[0].registration.sites() if s.id == site)
    for c in cs:
        c.close()


def test_one_examinee_fifty_times_with_one_key_gets_one_order(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    (person,) = add_examinees(live_server, 1)
    cs = clients(live_server, [person] * PARALLEL)
    site = home_site_id(cs[0])
    session = upcoming(cs[0]).code
    courses = pick(cs[0].registration.courses(), 2)
    k = key()
    results = fire([lambda c=c: c.registration.create_order(site, courses, k) for c in cs])  # type: ignore[misc]

    assert codes(results) == {"ok": PARALLEL}
    assert len({r.order_no for r in results if not isinstance(r, ApiError)}) == 1
    with live_server.db() as db:
        assert db.scalar(select(func.count()).select_from(Order).where(Order.examinee_id == person.id)) == 1
    assert seats_held(live_server, session, site) == 1 == seat_rows(live_server, session, site)
    for c in cs:
        c.close()


def test_one_examinee_fifty_times_with_new_keys_gets_one_live_order(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    (person,) = add_examinees(live_server, 1)
    cs = clients(live_server, [person] * PARALLEL)
    site = home_site_id(cs[0])
    session = upcoming(cs[0]).code
    courses = pick(cs[0].registration.courses(), 2)
    results = fire([lambda c=c: c.registration.create_order(site, courses, key()) for c in cs])  # type: ignore[misc]

    assert codes(results) == {"ok": 1, "course_in_order": PARALLEL - 1}
    refused = next(r for r in results if isinstance(r, ApiError))
    assert "请勿重复下单" in refused.message
    assert len(cs[0].registration.orders()) == 1
    assert seats_held(live_server, session, site) == 1 == seat_rows(live_server, session, site)
    for c in cs:
        c.close()


def test_one_order_paid_from_many_windows_at_once_starts_one_payment(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    (person,) = add_examinees(live_server, 1)
    cs = clients(live_server, [person] * 20)
    order = cs[0].registration.create_order(home_site_id(cs[0]), pick(cs[0].registration.courses(), 1), key())
    k = key()
    same_key = fire([lambda c=c: c.registration.start_payment(order.order_no, "alipay", k) for c in cs])  # type: ignore[misc]
    assert codes(same_key) == {"ok": 20}
    assert len({p.payment_no for p in same_key if not isinstance(p, ApiError)}) == 1
    new_keys = fire([lambda c=c: c.registration.start_payment(order.order_no, "alipay", key()) for c in cs])  # type: ignore[misc]
    assert codes(new_keys) == {"payment_in_progress": 20}
    with live_server.db() as db:
        assert db.scalar(select(func.count()).select_from(Payment).where(Payment.examinee_id == person.id)) == 1
    for c in cs:
        c.close()
