"""The tester controls of the mock backend (``/mock``): named clock jumps, rebuilding the database
as a named scenario while the server runs, request fault rules, one "clear all faults", and none
of it in production mode."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
import requests

from backend_mock.clock import china_now
from backend_mock.seed.demo import DEMO_EXAMINEES
from backend_mock.settings import Mode
from desktop.api import ApiClient, ConnectionFailed, NotFound, ServerError
from desktop.api.errors import SessionEnded
from desktop.api.mock import FAULT_DROP, FAULT_ERROR, FaultRule, PaymentFaultsState
from desktop.api.types import PaymentFaults, RegistrationOverview
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.servers import LiveServer

JUMP_NAMES = [
    "enrolment",
    "registration_phase1",
    "registration_phase2",
    "payment_cutoff",
    "ticket_window",
    "exam_day",
    "score_release",
    "review_window",
    "graduation_window",
]


def test_no_tester_controls_in_production(server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory(Mode.PRODUCTION)
    client = server.client()
    for call in (
        client.mock.faults,
        client.mock.clear_faults,
        client.mock.jumps,
        client.mock.scenarios,
        lambda: client.mock.reseed("default"),
        lambda: client.mock.set_faults([FaultRule("/", FAULT_DROP)]),
    ):
        with pytest.raises(NotFound):
            call()
    assert client.system.health().mode == "production"


def test_jumps_go_forward_to_each_named_point(client: ApiClient, live_server: LiveServer) -> None:
    jumps = {j.name: j for j in client.mock.jumps()}
    assert list(jumps) == JUMP_NAMES
    now = live_server.clock.now()
    for name in JUMP_NAMES:
        jump = jumps[name]
        assert jump.at is not None and jump.at > now and jump.label and jump.session_code
    sessions = {s.code: s for s in client.system.calendar().sessions}
    phase1 = jumps["registration_phase1"]
    session = sessions[phase1.session_code or ""]
    assert phase1.at == session.registration_open + timedelta(hours=1)
    assert jumps["registration_phase2"].at == session.phase1_close + timedelta(hours=10)
    assert (
        jumps["exam_day"].at is not None
        and jumps["exam_day"].at.date() == sessions[jumps["exam_day"].session_code or ""].exam_saturday
    )

    state = client.mock.jump("registration_phase1", frozen=True)
    assert state.frozen and state.now == phase1.at
    assert client.system.health().server_time == phase1.at
    overview = login_and_overview(live_server)
    assert overview.phase == "phase1"
    # the same jump again goes to the next session, never back
    again = client.mock.jump("registration_phase1", frozen=True)
    assert again.now > phase1.at
    with pytest.raises(NotFound):
        client.mock.jump("tomorrow")


def login_and_overview(server: LiveServer) -> RegistrationOverview:
    c = server.client()
    login(c, DEMO["new"].exam_no)
    return c.registration.overview()


def test_reseed_to_a_scenario_ends_every_login(client: ApiClient, live_server: LiveServer) -> None:
    examinee = live_server.client()
    login(examinee, DEMO["new"].exam_no)
    assert examinee.me.profile().exam_no == DEMO["new"].exam_no
    scenarios = {s.name: s for s in client.mock.scenarios()}
    assert {"default", "registration_peak", "graduation"} <= set(scenarios)
    assert scenarios["graduation"].label == "毕业季"

    before = china_now()
    result = client.mock.reseed("graduation", seed_size=2)
    assert result.label == "毕业季" and result.sessions_ended >= 1
    assert result.examinees == len(DEMO_EXAMINEES) + 2
    graduation = {j.name: j for j in client.mock.jumps()}
    assert not result.clock.is_real and result.clock.now > before
    assert result.clock.now.hour == 10 and (result.clock.now.month, result.clock.now.day) in ((5, 30), (11, 20))
    assert graduation["graduation_window"].at is not None
    with pytest.raises(SessionEnded):
        examinee.me.profile()
    login(examinee, DEMO["new"].exam_no)  # the demo people are back
    assert examinee.me.profile().exam_no == DEMO["new"].exam_no

    default = client.mock.reseed("default", seed_size=0)
    assert default.clock.is_real and default.sessions_ended == 1
    with pytest.raises(NotFound):
        client.mock.reseed("chaos")


def test_requests_in_flight_finish_before_a_reseed_and_later_ones_wait(
    client: ApiClient, live_server: LiveServer
) -> None:
    client.mock.set_latency(800)
    answers: list[int] = []
    finished: list[float] = []

    def slow_read() -> None:
        answers.append(len(client.system.regions()))
        finished.append(time.monotonic())

    reader = threading.Thread(target=slow_read)
    reader.start()
    time.sleep(0.3)  # the read is in flight (sleeping its latency inside the server)
    client.mock.reseed("default", seed_size=0)
    reseeded = time.monotonic()
    reader.join(10)
    assert answers == [14], "the request in flight was answered in full"
    assert finished[0] <= reseeded, "the reseed waited for it"
    client.mock.set_latency(0)
    assert len(client.system.regions()) == 14


def test_faults_never_touch_the_tester_controls(client: ApiClient) -> None:
    client.mock.set_faults([FaultRule("/", FAULT_DROP)], latency_ms=5000)
    started = time.monotonic()
    assert client.mock.clock().is_real
    assert time.monotonic() - started < 2
    client.mock.set_latency(0)
    quick = ApiClient(client.base_url, retries=0)
    with pytest.raises(ConnectionFailed):
        quick.system.health()
    state = client.mock.faults()
    assert state.rules[0].fired == 1


def test_fault_rules_round_trip_and_clear_all(client: ApiClient) -> None:
    rules = [
        FaultRule("/orders", FAULT_ERROR, probability=0.25, status=503, retry_after_seconds=2, methods=("POST",)),
        FaultRule("me", FAULT_DROP, times=3),
    ]
    client.mock.set_payment_faults(PaymentFaults(delay_seconds=5, duplicate=True))
    state = client.mock.set_faults(rules, latency_ms=300, jitter_ms=100)
    assert (state.latency_ms, state.jitter_ms) == (300, 100)
    assert [(r.path_prefix, r.kind, r.probability, r.methods, r.times, r.remaining) for r in state.rules] == [
        ("/orders", "error", 0.25, ("POST",), None, None),
        ("/me", "drop", 1.0, (), 3, 3),
    ]
    assert state.payment.duplicate and state.any
    cleared = client.mock.clear_faults()
    assert not cleared.any and cleared.rules == () and cleared.payment.delay_seconds == 0
    assert client.mock.payment_faults() == PaymentFaultsState()
    with pytest.raises(requests.HTTPError):
        bad = requests.put(f"{client.base_url}/api/v1/mock/faults", json={"rules": [{"probability": 2}]}, timeout=5)
        bad.raise_for_status()


def test_an_error_rate_fails_some_requests_with_the_chosen_status(client: ApiClient) -> None:
    client.mock.set_faults([FaultRule("/health", FAULT_ERROR, probability=0.5, status=500)])
    outcomes = []
    for _ in range(40):
        try:
            client.system.health()
            outcomes.append("ok")
        except ServerError as exc:
            assert exc.status == 500 and "服务器内部错误" in exc.message
            outcomes.append("error")
    assert 5 <= outcomes.count("error") <= 35
    assert client.mock.faults().rules[0].fired == outcomes.count("error")
