"""The waiting room's status poll: server time per request against ``GET /health`` (docs/waiting-room.md).

    python benchmarks/waiting_room.py [--queue 5000] [--pollers 200] [--rounds 5]

A mock backend (test mode, SQLite file, in this process on a loopback port) gets a queue of
``--queue`` simulated examinees (tester controls) and capacity 1; ``--pollers`` examinees (sessions
written straight into the database) then ask for a busy page and are queued behind them.  Each
round moves the tester clock past the poll interval and every poller polls once (the accepted
poll: one indexed read and the write of its own row), then at once again (too early: 429 and the
same ticket), and ``GET /health`` (no database) and ``GET /auth/session`` (the lightest request
with a database: the session read and its "last seen" written) are asked as often.  Server time
is the ``Server-Timing: app`` the server reports (from the first middleware to the answer's
start); the client's round trip is printed beside it.  Goal: the poll ≤ 1 ms of server time.
The load generator shares the cores with the server: on a busy machine every figure grows, the
ratios much less.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import secrets
import statistics
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from backend_mock.app import create_app  # noqa: E402
from backend_mock.clock import Clock  # noqa: E402
from backend_mock.db import make_engine  # noqa: E402
from backend_mock.models import AuthSession, Examinee  # noqa: E402
from backend_mock.server import ServerThread  # noqa: E402
from backend_mock.settings import Mode, Settings  # noqa: E402

TIMING = re.compile(r"app;dur=([0-9.]+)")


def add_pollers(db_url: str, n: int, now: object) -> list[str]:
    """``n`` examinees copied from the first seeded one, each with a session; their tokens."""
    engine = make_engine(db_url)
    tokens = []
    with Session(engine) as db:
        template = db.scalars(select(Examinee).order_by(Examinee.id)).first()
        assert template is not None
        for i in range(n):
            row = Examinee(
                exam_no=f"98{i:010d}",
                id_number=f"8{i:017d}",
                name=f"排队{i}",
                gender=template.gender,
                birth_date=template.birth_date,
                phone=f"198{i:08d}",
                prefecture_code=template.prefecture_code,
                county_code=template.county_code,
                major_id=template.major_id,
                plan_id=template.plan_id,
                password_hash=template.password_hash,
                record_card_paid=False,
                enrolled_at=template.enrolled_at,
            )
            db.add(row)
            db.flush()
            token = secrets.token_urlsafe(24)
            db.add(
                AuthSession(
                    token_hash=hashlib.sha256(token.encode()).hexdigest(),
                    subject_type="examinee",
                    subject_id=row.id,
                    created_at=now,
                    last_seen_at=now,
                    idle_minutes=24 * 60,
                    absolute_expires_at=now + timedelta(days=3),  # type: ignore[operator]
                )
            )
            tokens.append(token)
        db.commit()
    engine.dispose()
    return tokens


def server_ms(response: requests.Response) -> float:
    match = TIMING.search(response.headers.get("Server-Timing", ""))
    assert match, response.headers
    return float(match.group(1))


def summary(name: str, server: list[float], trip: list[float]) -> str:
    s, t = sorted(server), sorted(trip)

    def p95(v: list[float]) -> float:
        return v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]

    return (
        f"{name:<24} n={len(s):5d}  server p50 {statistics.median(s):6.2f} ms  p95 {p95(s):6.2f} ms  "
        f"mean {statistics.fmean(s):6.2f} ms   round trip p50 {statistics.median(t):6.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queue", type=int, default=5000, help="simulated examinees ahead in the queue")
    parser.add_argument("--pollers", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'waiting_room.db'}"
        clock = Clock()
        app = create_app(db_url, Settings(mode=Mode.TEST, waiting_room_capacity=1), clock=clock, seed_size=5)
        tokens = add_pollers(db_url, args.pollers, clock.now())
        with ServerThread(app) as thread, requests.Session() as http:
            api = f"{thread.url}/api/v1"
            http.post(f"{api}/mock/waiting-room/simulated", json={"count": max(1, args.queue)}).raise_for_status()
            tickets: dict[str, str] = {}
            for token in tokens:
                answer = http.get(f"{api}/scores/progress", headers={"Authorization": f"Bearer {token}"})
                assert answer.status_code == 503, answer.text
                tickets[token] = answer.json()["error"]["details"]["token"]
            interval = max(int(answer.headers["Retry-After"]), 1)
            print(
                f"queue: {args.queue} simulated + {args.pollers} pollers waiting (capacity 1), "
                f"poll interval {interval} s, last position {answer.json()['error']['details']['position']}"
            )
            kinds = ("poll", "early", "health", "session")
            times: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in kinds}

            def timed(kind: str, response: requests.Response, started: float) -> requests.Response:
                times[kind][0].append(server_ms(response))
                times[kind][1].append((perf_counter() - started) * 1000)
                return response

            for _ in range(args.rounds):
                http.put(f"{api}/mock/clock", json={"advance_seconds": 60 + 1}).raise_for_status()
                for token in tokens:
                    headers = {"Authorization": f"Bearer {token}", "X-Queue-Ticket": tickets[token]}
                    started = perf_counter()
                    polled = timed("poll", http.get(f"{api}/waiting-room/status", headers=headers), started)
                    assert polled.status_code == 200, polled.text
                    tickets[token] = polled.json()["ticket"]["token"]
                    headers["X-Queue-Ticket"] = tickets[token]
                    started = perf_counter()
                    early = timed("early", http.get(f"{api}/waiting-room/status", headers=headers), started)
                    assert early.status_code == 429, early.text
                    started = perf_counter()
                    timed("health", http.get(f"{api}/health"), started)
                    started = perf_counter()
                    auth = {"Authorization": f"Bearer {token}"}
                    timed("session", http.get(f"{api}/auth/session", headers=auth), started)
            state = http.get(f"{api}/mock/waiting-room").json()
        app.state.engine.dispose()

    print(summary("GET /health", *times["health"]))
    print(summary("GET /auth/session", *times["session"]))
    print(summary("poll (accepted, 200)", *times["poll"]))
    print(summary("poll (too early, 429)", *times["early"]))
    health = statistics.median(times["health"][0])
    poll = statistics.median(times["poll"][0])
    early = statistics.median(times["early"][0])
    session = statistics.median(times["session"][0])
    print(f"queue after the rounds: {state['active']} active, {state['waiting']} waiting")
    goal = "met" if poll <= 1.0 else "missed"
    print(
        f"waiting_room: poll_server_ms={poll:.2f} early_server_ms={early:.2f} health_server_ms={health:.2f} "
        f"session_server_ms={session:.2f} ratio={poll / health:.1f} goal_1ms={goal}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
