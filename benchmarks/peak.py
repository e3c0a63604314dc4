"""Registration day at ten times capacity, with and without the waiting room (docs/waiting-room.md).

    python benchmarks/peak.py [--quick] [--db sqlite postgresql] [--pg-workers 2] [--factor 10]

For each ``--db`` (SQLite with one worker process; PostgreSQL — the cluster of scripts/postgres.sh
or a URL — with ``--pg-workers``) the script reuses benchmarks/load.py's pieces (fresh seeded
database, server subprocess, phase 2 of the registration window, the virtual user's visit, CPU
from /proc) and

1. measures the server's capacity: a short ramp of 1, 2, 3, 4, 6, 8 … virtual users repeating
   load.py's visit back to back; the capacity is the first number of users at which the p95 of
   all requests is at least twice the p95 of one user (that p95 is the "unloaded" one);
2. releases ``--factor`` × capacity virtual examinees at once, twice, each time on a fresh
   database and server: with the waiting room off (capacity set far above the users) and on
   (capacity = the measured one, tester control ``PUT /mock/waiting-room/capacity``).  Each
   examinee logs in, enters the registration page (``GET /registration/overview``); if it is
   answered 503 with a queue ticket it polls ``GET /waiting-room/status`` (``X-Queue-Ticket``) at
   the interval the server asks for, and enters when admitted; then it does load.py's visit
   (courses, sites, order, payment started, cancelled on the platform, order polled, timetable)
   keeping its order payable, and logs out (which frees its place).

The servers are tuned through ``ZIKAO_BACKEND_SETTINGS`` (backend_mock/cli.py) so a run takes
seconds, not the minutes of a real registration day: the shortest poll interval is 1 s instead of
5 s and the visit assumed before any has ended is the one measured in the ramp instead of 300 s.

Per run it prints: the p95 of the admitted examinees' requests (from their entry to their logout)
against the unloaded p95, the p95 before admission (captcha, login), errors (5xx other than the
waiting room's 503, timeouts, dropped connections, failed polls, examinees who gave up), orders
lost or doubled (the database's new orders of each examinee against the ones it was told it
created), admissions out of arrival order (a monitor reads the queue's table every 50 ms: an
examinee seen admitted while one with a smaller arrival number still waits), the error of the
estimated waits (each queued examinee's first ticket against the time from that ticket to its
admission as the server recorded it; Σ|estimate − real| ÷ Σ real, also the median per examinee),
and the CPU of the server, the generator and other programs.  The last line sums up the run with
the waiting room on SQLite (the line before it says so).  Figures only: nothing passes or fails.
The load generator shares the cores with the server, so every figure is a floor.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import make_url, select
from sqlalchemy.exc import OperationalError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import (
    Cpu,
    Stats,
    User,
    fresh_database,
    measuring_cpu,
    median,
    mix,
    pct,
    phase2,
    seed,
    server,
)

from backend_mock.db import make_engine, make_session_factory
from backend_mock.models import Examinee, Order
from backend_mock.models.waiting_room import ACTIVE, WAITING, WaitingRoomPlace

RAMP = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64)


# --- the capacity -------------------------------------------------------------------------------


@dataclass
class Capacity:
    users: int
    p95_unloaded_ms: float
    visit_seconds: float  # the mean visit at the capacity (the waiting room's first estimate)
    levels: list[tuple[int, float, float]]  # users, p95 ms, mean visit s

    @property
    def tuned(self) -> dict[str, int]:
        """The peak servers' settings: polls at 1 s at least, the first visit assumed is the measured one."""
        return {
            "waiting_room_poll_min_seconds": 1,
            "waiting_room_expected_visit_seconds": max(1, round(self.visit_seconds)),
        }


def measure_capacity(url: str, accounts: list[str], seconds: float, top: int) -> Capacity:
    """The ramp: the first number of users at which p95 is twice one user's."""
    levels: list[tuple[int, float, float]] = []
    for n in (n for n in RAMP if n <= min(top, len(accounts))):
        stats, elapsed = mix(url, accounts[:n], seconds)
        everything = [v for values in stats.latency.values() for v in values]
        visit = n * elapsed / max(1, stats.visits)
        levels.append((n, pct(everything, 95), visit))
        print(
            f"  ramp: {n:>3} users  p95 {levels[-1][1]:7.1f} ms  visit {visit:5.2f} s"
            f"  errors {sum(stats.errors.values())}"
        )
        if levels[-1][1] >= 2 * levels[0][1]:
            break
    else:
        print(f"  ramp: p95 did not double up to {levels[-1][0]} users; capacity taken as {levels[-1][0]}")
    n, _, visit = levels[-1]
    return Capacity(n, levels[0][1], visit, levels)


# --- the virtual examinee of the peak -----------------------------------------------------------


@dataclass
class Ticket:
    estimate: float  # estimated_wait_seconds of the first ticket
    issued_at: datetime  # server clock
    received: float  # perf_counter when the first 503 arrived


class VirtualExaminee(User):
    """One visit; a 503 with a ticket sends it to the queue, polling at the server's interval."""

    keep_order = True

    def __init__(self, base: str, account: str, run: PeakRun) -> None:
        super().__init__(base, account, run.before)
        self.run = run
        self.ticket: Ticket | None = None
        self.admitted: float | None = None  # perf_counter when it entered

    def registration_day(self) -> None:
        if self.enter():
            super().registration_day()

    def enter(self) -> bool:
        """Ask for the registration page until it is served (waiting in the queue if told to)."""
        run = self.run
        while True:
            t = time.perf_counter()
            try:
                response = self.http.get(f"{self.api}/registration/overview", timeout=60)
            except requests.RequestException as exc:
                self.stats.record("enter", time.perf_counter() - t, type(exc).__name__, error=True)
                return False
            elapsed = time.perf_counter() - t
            if response.status_code == 503 and response.headers.get("X-Waiting-Room"):
                run.queue.record("503 with a ticket", elapsed, None, error=False)
                details = response.json()["error"]["details"]
                if self.ticket is None:
                    issued = datetime.fromisoformat(details["issued_at"])
                    self.ticket = Ticket(details["estimated_wait_seconds"], issued, time.perf_counter())
                if not self.wait(details):
                    return False
                continue
            self.admitted = time.perf_counter()
            self.stats = run.admitted
            return self.answer("enter (overview)", elapsed, response) is not None

    def wait(self, details: dict[str, Any]) -> bool:
        """Poll until admitted (True) or a poll fails or the run's patience is over (False)."""
        run = self.run
        while True:
            delay = float(details["refresh_seconds"]) * random.uniform(1.0, 1.1)
            if time.monotonic() + delay > run.give_up_at:
                run.queue.record("gave up waiting", 0.0, "gave up", error=True)
                return False
            time.sleep(delay)
            headers = {"X-Queue-Ticket": details["token"]}
            t = time.perf_counter()
            try:
                response = self.http.get(f"{self.api}/waiting-room/status", headers=headers, timeout=60)
            except requests.RequestException as exc:
                run.queue.record("poll", time.perf_counter() - t, type(exc).__name__, error=True)
                return False
            elapsed = time.perf_counter() - t
            if response.status_code == 200:
                run.queue.record("poll", elapsed, None, error=False)
                body = response.json()
                if body["admitted"]:
                    return True
                details = body["ticket"]
            elif response.status_code == 429:
                run.queue.record("poll", elapsed, "queue_poll_too_early", error=False)
                details = {**response.json()["error"]["details"], "refresh_seconds": response.headers["Retry-After"]}
            else:
                run.queue.record("poll", elapsed, f"HTTP {response.status_code}", error=True)
                return False


@dataclass
class PeakRun:
    give_up_at: float
    before: Stats = field(default_factory=Stats)  # captcha and login, before entering
    admitted: Stats = field(default_factory=Stats)  # from entering to logging out
    queue: Stats = field(default_factory=Stats)  # the waiting room's 503s and polls


class QueueMonitor:
    """Reads the queue's table every ``every`` seconds: arrival numbers, admission times, and
    examinees seen admitted while someone who arrived before them still waits."""

    def __init__(self, db_url: str, every: float = 0.05) -> None:
        self.engine = make_engine(db_url)
        self.every = every
        self.number: dict[int, int] = {}
        self.admitted_at: dict[int, datetime] = {}
        self.out_of_order: set[int] = set()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self) -> None:
        places = WaitingRoomPlace
        query = select(places.number, places.examinee_id, places.state, places.admitted_at).where(
            places.examinee_id.is_not(None)
        )
        with make_session_factory(self.engine)() as db:
            while not self.stop.is_set():
                try:
                    rows = db.execute(query).all()
                    db.commit()
                except OperationalError:  # SQLite busy: the next look
                    db.rollback()
                    rows = []
                waiting = [r.number for r in rows if r.state == WAITING]
                head = min(waiting, default=None)
                for r in rows:
                    self.number.setdefault(r.examinee_id, r.number)
                    if r.state == ACTIVE and r.admitted_at is not None:
                        self.admitted_at.setdefault(r.examinee_id, r.admitted_at)
                        if head is not None and r.number > head:
                            self.out_of_order.add(r.examinee_id)
                self.stop.wait(self.every)

    def __enter__(self) -> QueueMonitor:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(10)
        self.engine.dispose()


def examinee_ids(db_url: str, accounts: list[str]) -> tuple[dict[str, int], set[str]]:
    """Each account's examinee id, and the order numbers already in the database."""
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as db:
            ids = dict(db.execute(select(Examinee.exam_no, Examinee.id).where(Examinee.exam_no.in_(accounts))).all())
            orders = set(db.scalars(select(Order.order_no)))
            return {str(k): int(v) for k, v in ids.items()}, orders
    finally:
        engine.dispose()


def orders_checked(db_url: str, ids: dict[str, int], before: set[str], users: list[VirtualExaminee]) -> tuple[int, int]:
    """(lost, doubled): orders an examinee was told of that are not in the database, and new
    orders in the database no examinee was told of (or more than one for one examinee)."""
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as db:
            rows = db.execute(select(Order.examinee_id, Order.order_no)).all()
    finally:
        engine.dispose()
    new: dict[int, set[str]] = {}
    for examinee_id, order_no in rows:
        if order_no not in before:
            new.setdefault(examinee_id, set()).add(order_no)
    lost = doubled = 0
    for user in users:
        stored = new.pop(ids[user.account], set())
        told = set(user.orders)
        lost += len(told - stored)
        doubled += len(stored - told) + max(0, len(told) - 1)
    doubled += sum(len(v) for v in new.values())
    return lost, doubled


@dataclass
class PeakResult:
    label: str
    users: int
    capacity: int
    p95_unloaded_ms: float
    p95_admitted_ms: float
    p95_before_ms: float
    errors: int
    lost: int
    doubled: int
    out_of_order: int
    queued: int
    eta_error_pct: float
    eta_median_pct: float
    eta_client_pct: float
    cpu: Cpu
    wall: float
    entered: int
    not_observed: int
    error_kinds: dict[str, int]
    orders: int


def peak(
    label: str, db_url: str, workers: int, accounts: list[str], capacity: int, cap: Capacity, patience: float
) -> PeakResult:
    """Release every account at once against a fresh server with the waiting room's capacity."""
    ids, before = examinee_ids(db_url, accounts)
    log: list[str] = []
    cpu: list[Cpu] = []
    with server(db_url, workers, log, cap.tuned) as (url, pid):
        phase2(url)
        requests.put(
            f"{url}/api/v1/mock/waiting-room/capacity", json={"capacity": capacity}, timeout=30
        ).raise_for_status()
        run = PeakRun(give_up_at=time.monotonic() + patience)
        users = [VirtualExaminee(url, a, run) for a in accounts]
        go = threading.Event()

        def one(user: VirtualExaminee) -> None:
            go.wait()
            try:
                user.visit()
            finally:
                user.close()

        threads = [threading.Thread(target=one, args=(u,)) for u in users]
        for t in threads:
            t.start()
        with QueueMonitor(db_url) as monitor, measuring_cpu(pid, cpu):
            t0 = time.perf_counter()
            go.set()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
    lost, doubled = orders_checked(db_url, ids, before, users)

    errors = [run.before.errors, run.admitted.errors, run.queue.errors]
    admitted = [v for values in run.admitted.latency.values() for v in values]
    early = [v for values in run.before.latency.values() for v in values]
    queued = [u for u in users if u.ticket is not None and u.admitted is not None]
    server_pct, client_pct, server_err, server_real = [], [], 0.0, 0.0
    client_err = client_real = 0.0
    not_observed = 0
    for u in queued:
        assert u.ticket is not None and u.admitted is not None
        client = u.admitted - u.ticket.received
        client_err += abs(u.ticket.estimate - client)
        client_real += client
        client_pct.append(abs(u.ticket.estimate - client) / max(client, 1e-3) * 100)
        at = monitor.admitted_at.get(ids[u.account])
        if at is None:
            not_observed += 1
            continue
        real = max(0.0, (at - u.ticket.issued_at).total_seconds())
        server_err += abs(u.ticket.estimate - real)
        server_real += real
        server_pct.append(abs(u.ticket.estimate - real) / max(real, 1e-3) * 100)
    kinds: dict[str, int] = {}
    for counter in errors:
        for what, n in counter.items():
            kinds[what] = kinds.get(what, 0) + n
    return PeakResult(
        label=label,
        users=len(users),
        capacity=capacity,
        p95_unloaded_ms=cap.p95_unloaded_ms,
        p95_admitted_ms=pct(admitted, 95) if admitted else float("nan"),
        p95_before_ms=pct(early, 95) if early else float("nan"),
        errors=sum(sum(c.values()) for c in errors),
        lost=lost,
        doubled=doubled,
        out_of_order=len(monitor.out_of_order),
        queued=len(queued),
        eta_error_pct=server_err / server_real * 100 if server_real else float("nan"),
        eta_median_pct=median(server_pct),
        eta_client_pct=client_err / client_real * 100 if client_real else float("nan"),
        cpu=cpu[0],
        wall=wall,
        entered=sum(1 for u in users if u.admitted is not None),
        not_observed=not_observed,
        error_kinds=kinds,
        orders=sum(len(u.orders) for u in users),
    )


def report(r: PeakResult) -> None:
    c = r.cpu
    print(f"\n=== {r.label}: {r.users} examinees at once, capacity {r.capacity}, {r.wall:.1f} s ===")
    print(
        f"p95 of admitted examinees' requests {r.p95_admitted_ms:.1f} ms against {r.p95_unloaded_ms:.1f} ms unloaded"
        f" (x{r.p95_admitted_ms / r.p95_unloaded_ms:.2f}); before admission (captcha, login) {r.p95_before_ms:.1f} ms"
    )
    print(f"entered {r.entered} of {r.users}, of whom {r.queued} waited in the queue")
    print(f"errors (5xx, timeouts, dropped, failed polls, gave up): {r.errors}")
    for what, n in sorted(r.error_kinds.items()):
        print(f"  {what:<50}{n:>6}")
    print(
        f"orders lost {r.lost}, doubled {r.doubled} (database against the {r.orders} orders the examinees"
        " were told they made)"
    )
    print(f"admissions out of arrival order: {r.out_of_order} (queue table read every 50 ms)")
    if r.queued:
        print(
            f"estimated waits against real ones (server's admission time): error {r.eta_error_pct:.0f}% "
            f"(Σ|est−real|/Σreal), median per examinee {r.eta_median_pct:.0f}%; against the admission the"
            f" examinee saw (poll delay included) {r.eta_client_pct:.0f}%"
            + (f"; {r.not_observed} admissions not seen by the monitor" if r.not_observed else "")
        )
    else:
        print("estimated waits: nobody waited")
    print(
        f"CPU: server {c.share(c.server)}, load generator {c.share(c.generator)}, other programs {c.share(c.others)}"
        + (" (PostgreSQL's own processes among the other programs)" if r.label.startswith("postgresql") else "")
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a short ramp and a small peak (about 2 minutes)")
    ap.add_argument(
        "--db", nargs="+", default=["sqlite"], help="sqlite, postgresql (scripts/postgres.sh) or a PostgreSQL URL"
    )
    ap.add_argument("--pg-workers", type=int, default=2, help="server worker processes on PostgreSQL")
    ap.add_argument("--factor", type=int, default=10, help="examinees released = factor × measured capacity")
    ap.add_argument("--ramp-seconds", type=float, default=None, help="length of each ramp step (default 6, quick 3)")
    ap.add_argument("--max-users", type=int, default=None, help="most examinees released (default 240, quick 80)")
    ap.add_argument("--patience", type=float, default=None, help="seconds an examinee waits at most (300, quick 90)")
    args = ap.parse_args()
    ramp_seconds = args.ramp_seconds or (3.0 if args.quick else 6.0)
    max_users = args.max_users or (80 if args.quick else 240)
    patience = args.patience or (90.0 if args.quick else 300.0)
    seed_size = max_users + 20

    results: list[PeakResult] = []
    with tempfile.TemporaryDirectory(prefix="zikao-peak-") as tmp:
        for kind in args.db:
            workers = 1 if kind == "sqlite" else args.pg_workers
            try:
                with fresh_database(kind, Path(tmp), "ramp") as db_url:
                    db_name = make_url(db_url).get_backend_name()
                    where = f"{db_name}, {workers} worker(s)"
                    print(f"\n### {where}: capacity ramp ({ramp_seconds:.0f} s a step)")
                    accounts = seed(db_url, seed_size)
                    log: list[str] = []
                    with server(db_url, workers, log) as (url, _pid):
                        phase2(url)
                        cap = measure_capacity(url, accounts, ramp_seconds, max(1, max_users // args.factor))
            except OperationalError as exc:
                print(f"\n### {kind}: no database ({str(exc).splitlines()[0][:120]}); skipped")
                continue
            users = min(args.factor * cap.users, len(accounts), max_users)
            print(
                f"capacity {cap.users} users (p95 {cap.levels[-1][1]:.1f} ms against {cap.p95_unloaded_ms:.1f} ms"
                f" for one), mean visit {cap.visit_seconds:.2f} s; releasing {users} examinees"
                + ("" if users == args.factor * cap.users else f" (not {args.factor}x: --max-users or the seed)")
            )
            print(
                "peak servers tuned (ZIKAO_BACKEND_SETTINGS): shortest poll interval 1 s (not 5 s), first assumed"
                f" visit {cap.tuned['waiting_room_expected_visit_seconds']} s (not 300 s)"
            )
            for on in (False, True):
                name = f"{where}, waiting room {'on' if on else 'off'}"
                with fresh_database(kind, Path(tmp), "on" if on else "off") as db_url:
                    peak_accounts = seed(db_url, seed_size)[:users]
                    capacity = cap.users if on else users + 1000
                    result = peak(name, db_url, workers, peak_accounts, capacity, cap, patience)
                report(result)
                results.append(result)
    last = next((r for r in results if r.label.startswith("sqlite") and r.label.endswith("on")), None)
    if last is None:
        last = results[-1] if results else None
    if last is None:
        print("no run")
        return 1
    print(f"the last line sums up: {last.label}")
    print(
        f"peak: users={last.users} capacity={last.capacity} p95_admitted_ms={last.p95_admitted_ms:.1f}"
        f" p95_unloaded_ms={last.p95_unloaded_ms:.1f} errors={last.errors} lost_orders={last.lost + last.doubled}"
        f" out_of_order={last.out_of_order} eta_error_pct={last.eta_error_pct:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
