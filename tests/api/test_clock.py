"""The one server clock (``desktop.core.clock.ServerClock``): its offset, ``moved`` beyond the
threshold, and against a real mock backend: the ``X-Server-Time`` of every answer sets it, and a
tester moving the server's clock by days is noticed on the next answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.api import ApiClient
from desktop.api.errors import ApiError
from desktop.core.clock import BEIJING, MOVE_THRESHOLD, ServerClock
from tests.fixtures.servers import LiveServer

START = datetime(2027, 2, 19, 20, 0, tzinfo=UTC)  # Saturday 04:00 in Beijing
#: how far two clocks read a moment apart may be (a request's round trip on the loopback)
SLACK = timedelta(seconds=5)


class FakeLocal:
    """The machine's clock, moved by hand."""

    def __init__(self, now: datetime) -> None:
        self.value = now

    def __call__(self) -> datetime:
        return self.value


def make_clock(now: datetime = START) -> tuple[ServerClock, FakeLocal, list[int]]:
    local = FakeLocal(now)
    clock = ServerClock(local)
    moves: list[int] = []
    clock.moved.connect(lambda: moves.append(1))
    return clock, local, moves


# --- the offset -----------------------------------------------------------------------------------------


def test_before_any_answer_the_clock_is_the_machine_s_in_beijing_time() -> None:
    clock, _, _ = make_clock()
    assert not clock.synced
    assert clock.offset == timedelta(0)
    assert clock.now() == START
    assert clock.now().utcoffset() == timedelta(hours=8)
    assert clock.now().hour == 4


def test_sync_keeps_the_offset_and_now_runs_on_with_the_machine() -> None:
    clock, local, _ = make_clock()
    server = START + timedelta(days=3, hours=5, minutes=7)
    clock.sync(server)
    assert clock.synced
    assert clock.offset == timedelta(days=3, hours=5, minutes=7)
    assert clock.now() == server
    assert clock.now().tzinfo is BEIJING
    local.value += timedelta(minutes=10)
    assert clock.now() == server + timedelta(minutes=10)
    assert clock.offset == timedelta(days=3, hours=5, minutes=7)


def test_the_server_s_zone_does_not_matter() -> None:
    server = datetime(2027, 3, 1, 9, 30, tzinfo=BEIJING)
    for zone in (BEIJING, UTC, ZoneInfo("America/New_York")):
        clock, _, _ = make_clock()
        clock.sync(server.astimezone(zone))
        assert clock.now() == server and clock.now().hour == 9, zone


def test_today_is_beijing_s_date() -> None:
    clock, _, _ = make_clock()  # Friday 20:00 UTC
    assert clock.today() == date(2027, 2, 20)
    clock.sync(datetime(2027, 2, 20, 23, 59, 59, tzinfo=BEIJING))
    assert clock.today() == date(2027, 2, 20)
    clock.sync(datetime(2027, 2, 21, 0, 0, tzinfo=BEIJING))
    assert clock.today() == date(2027, 2, 21)


# --- moved ------------------------------------------------------------------------------------------------


def test_the_first_answer_is_no_move() -> None:
    clock, _, moves = make_clock()
    clock.sync(START + timedelta(days=40))
    assert moves == []


def test_jitter_within_the_threshold_is_no_move() -> None:
    clock, local, moves = make_clock()
    clock.sync(START)
    clock.sync(START + timedelta(seconds=2))
    clock.sync(START - timedelta(seconds=3))
    clock.sync(START + timedelta(seconds=20))
    clock.sync(START + timedelta(seconds=20) + MOVE_THRESHOLD)  # exactly the threshold off the last: jitter
    local.value += timedelta(hours=2)  # the machine's time passing is no move either
    clock.sync(START + timedelta(hours=2, seconds=40))
    assert moves == []


def test_a_jump_beyond_the_threshold_is_a_move() -> None:
    clock, _, moves = make_clock()
    clock.sync(START)
    clock.sync(START + MOVE_THRESHOLD + timedelta(seconds=1))
    assert len(moves) == 1
    clock.sync(START + MOVE_THRESHOLD + timedelta(seconds=3))  # settled there
    assert len(moves) == 1
    clock.sync(START - timedelta(days=2))  # moved back
    assert len(moves) == 2
    assert clock.now() == START - timedelta(days=2)


def test_the_machine_s_clock_being_set_is_a_move_of_the_offset() -> None:
    """The offset jumps when the machine's clock is changed; now() stays the server's."""
    clock, local, moves = make_clock()
    clock.sync(START)
    local.value += timedelta(hours=8)  # somebody set the machine's clock: the server did not move
    assert clock.now() == START + timedelta(hours=8)  # (until the next answer says otherwise)
    clock.sync(START)
    assert clock.now() == START
    assert len(moves) == 1  # the offset changed by hours: every shown time is to be recomputed


# --- against a real server -----------------------------------------------------------------------------------


def close(a: datetime, b: datetime) -> bool:
    return abs(a - b) <= SLACK


def test_every_answer_sets_the_clock_to_the_server_s_tester_clock(live_server: LiveServer) -> None:
    tester = live_server.client()
    # the server lives months away from the machine's time, so a clock left on the machine's fails
    away = datetime.now(BEIJING).replace(microsecond=0) + timedelta(days=97, hours=5)
    tester.mock.set_clock(away, frozen=True)

    clock = ServerClock()
    moves: list[int] = []
    clock.moved.connect(lambda: moves.append(1))
    client = ApiClient(live_server.url, on_server_time=clock.sync)
    try:
        assert not clock.synced
        client.system.health()
        assert clock.synced
        assert close(clock.now(), live_server.clock.now()), (clock.now(), live_server.clock.now())
        assert close(clock.now(), away)
        assert clock.now().utcoffset() == timedelta(hours=8)
        client.system.calendar()  # answers without a move: no move
        assert moves == []

        # a tester moves the server's clock by days: the next answer of our client says so
        tester.mock.set_clock(advance_seconds=timedelta(days=3).total_seconds(), frozen=True)
        assert moves == []  # not told yet (the tester's client is another)
        client.system.calendar()
        assert moves == [1]
        assert close(clock.now(), live_server.clock.now())
        assert close(clock.now(), away + timedelta(days=3))

        # and back to real time
        tester.mock.reset_clock()
        client.system.health()
        assert moves == [1, 1]
        assert close(clock.now(), datetime.now(UTC))
    finally:
        client.close()
        tester.close()


def test_an_error_answer_sets_the_clock_too(live_server: LiveServer) -> None:
    live_server.clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=BEIJING), frozen=True)
    clock = ServerClock()
    client = ApiClient(live_server.url, on_server_time=clock.sync)
    try:
        with pytest.raises(ApiError):
            client.me.profile()  # not logged in: 401, still with X-Server-Time
        assert clock.synced
        assert close(clock.now(), datetime(2027, 3, 1, 9, 0, tzinfo=BEIJING))
    finally:
        client.close()


def test_every_answer_says_the_server_time_and_how_long_the_server_worked(live_server: LiveServer) -> None:
    """``X-Server-Time`` feeds the desktop's clock; ``Server-Timing`` is what the responsiveness
    benchmark adds to one round trip (injected latency is not server work)."""
    import requests

    from backend_mock.server_time import TIMING

    helper = live_server.client()
    helper.mock.set_latency(200)
    try:
        response = requests.get(f"{live_server.url}/api/v1/ref/calendar", timeout=10)
    finally:
        helper.mock.set_latency(0)
    assert response.status_code == 200
    stamp = datetime.fromisoformat(response.headers["X-Server-Time"])
    assert abs((stamp - live_server.clock.now()).total_seconds()) < 5
    name, _, dur = response.headers[TIMING.decode()].partition(";dur=")
    assert name == "app" and 0 < float(dur) < 200, response.headers[TIMING.decode()]
