"""Registration-day load: virtual users doing what examinees do, against a server on loopback.

    python benchmarks/load.py [--users 16] [--seconds 30] [--workers 1 2] [--db sqlite|postgresql|URL]

For each ``--workers`` value the script seeds a fresh database (SQLite file in a temporary folder,
or a new database on the PostgreSQL cluster of scripts/postgres.sh), starts the mock backend in a
subprocess (``python -m backend_mock --workers N``, test mode) on a free loopback port, moves its
clock into phase 2 of the upcoming session's registration window, then

1. baseline: ``--users`` threads call ``GET /health`` for ``--baseline-seconds`` (the cheapest
   request the server has: the framework and the network stack, no database);
2. the mix: ``--users`` virtual users, each a different seeded examinee, repeat a visit until
   ``--seconds`` have passed: captcha (+ its answer from the tester controls, as the tests do),
   login, regions and majors (catalog), registration overview, courses, sites, create an order
   (when a course is registrable), start its payment, poll the order, cancel the payment on the
   payment platform, poll again, cancel the order (so the next visit can order again), the
   timetable, logout.

Before both, one user alone calls each hot read ``--cost-rounds`` times in turn and the script
prints the median ``Server-Timing`` (the server's own time per request, no queueing behind other
users) and round trip by endpoint: what one request costs at 0 ms latency.

It prints, per request kind and overall: count, throughput, p50/p95/p99/max latency, the median
server time under load, refusals (4xx, by code) and errors (5xx, timeouts, dropped connections),
the baseline throughput and the ratio mix/baseline; and for the same mix the CPU the load
generator used (``time.process_time`` / wall) and the CPU of the server's processes (the CLI and
its workers, from /proc) and of every other program on the machine (/proc/stat), each as a share
of one core and of the machine, so a reader sees which side was the limit (or that other programs
held the cores).  The last line sums the run up.  Figures only: nothing passes or fails on time.
The load generator runs on the same cores as the server, so the figures are a floor, not the
server's capacity.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend_mock.app import prepare_database  # noqa: E402
from backend_mock.cli import SETTINGS_ENV  # noqa: E402
from backend_mock.clock import Clock  # noqa: E402
from backend_mock.db import make_engine, make_session_factory  # noqa: E402
from backend_mock.models import Examinee, RecordStatus  # noqa: E402
from backend_mock.seed import DEMO_PASSWORD  # noqa: E402
from backend_mock.settings import Mode, Settings  # noqa: E402

POSTGRES_DEFAULT = "postgresql+psycopg://zikao@127.0.0.1:54329/postgres"
KINDS = (
    "captcha",
    "captcha answer (tester)",
    "login",
    "regions",
    "majors",
    "overview",
    "courses",
    "sites",
    "create order",
    "start payment",
    "poll order",
    "cancel payment (platform)",
    "cancel order",
    "timetable",
    "logout",
)
# the reads of the personal centre and the registration page: the cost pass (GET, one user)
COST_PATHS = (
    "/health",
    "/ref/regions",
    "/ref/majors",
    "/registration/overview",
    "/registration/page",
    "/registration/courses",
    "/registration/sites",
    "/exams/timetable",
    "/me",
    "/scores",
    "/graduation",
    "/notices",
    "/auth/session",
)
_TIMING = re.compile(r"app;dur=([0-9.]+)")


def server_ms(response: requests.Response) -> float | None:
    """The server's own time for this answer (``Server-Timing: app;dur=…``, milliseconds)."""
    match = _TIMING.search(response.headers.get("Server-Timing", ""))
    return float(match.group(1)) if match else None


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    server_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    refused: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    visits: int = 0

    def record(self, kind: str, seconds: float, outcome: str | None, error: bool, server: float | None = None) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if server is not None:
                self.server_ms[kind].append(server)
            if outcome is not None:
                (self.errors if error else self.refused)[f"{kind}: {outcome}"] += 1


class User:
    """One virtual user: a keep-alive HTTP session and the examinee it logs in as."""

    keep_order = False  # True: the visit leaves its order payable instead of cancelling it

    def __init__(self, base: str, account: str, stats: Stats) -> None:
        self.api = f"{base}/api/v1"
        self.account = account
        self.stats = stats
        self.http = requests.Session()
        self.orders: list[str] = []  # the order numbers the server said it created

    def call(self, kind: str, method: str, path: str, **kwargs: Any) -> Any:
        """One request, timed; returns the JSON body of a 2xx answer, else None."""
        kwargs.setdefault("timeout", 60)
        t = time.perf_counter()
        try:
            response = self.http.request(method, f"{self.api}{path}", **kwargs)
        except requests.RequestException as exc:
            self.stats.record(kind, time.perf_counter() - t, type(exc).__name__, error=True)
            return None
        return self.answer(kind, time.perf_counter() - t, response)

    def answer(self, kind: str, elapsed: float, response: requests.Response) -> Any:
        """Record an answer (2xx, refusal or error); its JSON body if it is a 2xx, else None."""
        spent = server_ms(response)
        if response.status_code >= 500:
            self.stats.record(kind, elapsed, f"HTTP {response.status_code}", error=True, server=spent)
            return None
        if response.status_code >= 400:
            try:
                code = response.json()["error"]["code"]
            except (ValueError, KeyError, TypeError):
                code = f"HTTP {response.status_code}"
            self.stats.record(kind, elapsed, code, error=False, server=spent)
            return None
        self.stats.record(kind, elapsed, None, error=False, server=spent)
        return response.json() if response.content else {}

    def visit(self) -> None:
        cap = self.call("captcha", "POST", "/auth/captcha")
        if cap is None:
            return
        answer = self.call("captcha answer (tester)", "GET", f"/mock/captchas/{cap['captcha_id']}")
        if answer is None:
            return
        body = {
            "kind": "examinee",
            "account": self.account,
            "password": DEMO_PASSWORD,
            "captcha_id": cap["captcha_id"],
            "captcha_answer": answer["answer"],
        }
        session = self.call("login", "POST", "/auth/login", json=body)
        if session is None:
            return
        self.http.headers["Authorization"] = f"Bearer {session['token']}"
        try:
            self.registration_day()
        finally:
            self.call("logout", "POST", "/auth/logout")
            self.http.headers.pop("Authorization", None)
            with self.stats.lock:
                self.stats.visits += 1

    def registration_day(self) -> None:
        self.call("regions", "GET", "/ref/regions")
        self.call("majors", "GET", "/ref/majors")
        self.call("overview", "GET", "/registration/overview")
        courses = self.call("courses", "GET", "/registration/courses") or []
        sites = self.call("sites", "GET", "/registration/sites") or []
        chosen = [c["code"] for c in courses if c["status"] == "registrable"][:1]
        if chosen and sites:
            key = {"Idempotency-Key": uuid.uuid4().hex}
            order = self.call(
                "create order", "POST", "/orders", json={"site_id": sites[0]["id"], "course_codes": chosen}, headers=key
            )
            if order is not None:
                no = order["order_no"]
                self.orders.append(no)
                pay = {"Idempotency-Key": uuid.uuid4().hex}
                payment = self.call(
                    "start payment", "POST", f"/orders/{no}/payments", json={"channel": "alipay"}, headers=pay
                )
                self.call("poll order", "GET", f"/orders/{no}")
                if payment is not None:  # the examinee closes the cashier page: the platform cancels
                    self.call(
                        "cancel payment (platform)", "POST", f"/payplatform/payments/{payment['payment_no']}/cancel"
                    )
                self.call("poll order", "GET", f"/orders/{no}")
                if not self.keep_order:
                    self.call("cancel order", "POST", f"/orders/{no}/cancel")
        self.call("timetable", "GET", "/exams/timetable")

    def close(self) -> None:
        self.http.close()


# --- the server ---------------------------------------------------------------------------------


@contextmanager
def fresh_database(kind: str, tmp: Path, name: str) -> Iterator[str]:
    """A new empty database: a SQLite file in ``tmp`` or a database on a PostgreSQL cluster."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / (name + '.db')}"
        return
    maintenance = make_url(POSTGRES_DEFAULT if kind in ("postgres", "postgresql") else kind)
    maintenance = maintenance.set(drivername="postgresql+psycopg")
    db_name = f"zikao_load_{os.getpid()}_{name}"
    admin = create_engine(maintenance, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}"'))
        conn.execute(text(f'CREATE DATABASE "{db_name}"'))
    try:
        yield maintenance.set(database=db_name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        admin.dispose()


def seed(db_url: str, size: int) -> list[str]:
    """Seed the database; the exam numbers of the active examinees who can log in."""
    prepare_database(db_url, Settings(mode=Mode.TEST), Clock(), seed_size=size)
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as db:
            rows = db.scalars(
                select(Examinee.exam_no)
                .where(Examinee.record_status == RecordStatus.ACTIVE, Examinee.locked_until.is_(None))
                .order_by(Examinee.id)
            )
            return [str(r) for r in rows]
    finally:
        engine.dispose()


@contextmanager
def server(
    db_url: str, workers: int, log: list[str], settings: dict[str, Any] | None = None
) -> Iterator[tuple[str, int]]:
    """The backend in a subprocess (its URL and process id); its output lines are appended to ``log``.

    ``settings``: Settings fields to tune (``ZIKAO_BACKEND_SETTINGS``, backend_mock/cli.py).
    """
    cmd = [sys.executable, "-m", "backend_mock", "--db", db_url, "--port", "0", "--mode", "test", "--no-seed"]
    cmd += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if settings:
        env[SETTINGS_ENV] = json.dumps(settings)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    url = None
    for line in proc.stdout:
        log.append(line)
        if match := re.search(r"listening on (http://\S+)", line):
            url = match.group(1)
            break
    drain = threading.Thread(target=lambda: log.extend(proc.stdout or ()), daemon=True)
    drain.start()
    try:
        if url is None:
            raise RuntimeError("the server did not start:\n" + "".join(log))
        deadline = time.monotonic() + 60
        while True:  # the worker processes may still be importing
            try:
                requests.get(f"{url}/api/v1/health", timeout=5).raise_for_status()
                break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url, proc.pid
    finally:
        proc.send_signal(signal.SIGINT)  # the CLI (and the worker supervisor) stop cleanly on Ctrl-C
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        drain.join(5)
        proc.stdout.close()


def phase2(url: str) -> None:
    """Run the server's clock from noon of the first day of phase 2 of the upcoming session."""
    cal = requests.get(f"{url}/api/v1/ref/calendar", timeout=10).json()
    session = next(s for s in cal["sessions"] if s["code"] == cal["upcoming"])
    from datetime import datetime

    start = datetime.fromisoformat(session["phase1_close"]) + timedelta(days=1)
    at = start.replace(hour=12, minute=0, second=0, microsecond=0)
    requests.put(
        f"{url}/api/v1/mock/clock", json={"now": at.isoformat(), "frozen": False}, timeout=10
    ).raise_for_status()


def cpu_seconds(root: int) -> float:
    """User + system CPU seconds of process ``root`` and all its descendants so far (Linux /proc).

    A worker that already exited is not counted; the server's workers live as long as the run.
    """
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    spent: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        # after the command: state ppid ... utime (field 14) stime (15), counted from "state" = 3
        parent[int(entry.name)] = int(fields[1])
        spent[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parent.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(spent.get(pid, 0.0) for pid in tree)


def machine_cpu_seconds() -> float:
    """CPU seconds every program on the machine has used since boot (Linux /proc/stat; idle and
    I/O wait excluded)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


@dataclass
class Cpu:
    """CPU used during one phase: the generator (this process), the server's process tree and
    everything else on the machine (other programs sharing the cores)."""

    wall: float
    generator: float
    server: float
    machine: float

    @property
    def others(self) -> float:
        return max(0.0, self.machine - self.generator - self.server)

    def share(self, seconds: float) -> str:
        cores = os.cpu_count() or 1
        return f"{seconds / self.wall:.2f} core ({seconds / self.wall / cores:.0%} of {cores})"


@contextmanager
def measuring_cpu(server_pid: int, into: list[Cpu]) -> Iterator[None]:
    w, g, srv, m = time.perf_counter(), time.process_time(), cpu_seconds(server_pid), machine_cpu_seconds()
    yield
    into.append(
        Cpu(
            time.perf_counter() - w,
            time.process_time() - g,
            cpu_seconds(server_pid) - srv,
            machine_cpu_seconds() - m,
        )
    )


# --- running and reporting ----------------------------------------------------------------------


def cost(url: str, pid: int, account: str, rounds: int) -> dict[str, tuple[float, float, float]]:
    """One user alone calls each of COST_PATHS ``rounds`` times in a row.

    Per path: the median server time (``Server-Timing``), the median round trip and the server's
    CPU per request (its processes' CPU over the ``rounds`` calls: unlike the times, not inflated
    when other programs share the cores), all in milliseconds.
    """
    user = User(url, account, Stats())
    out: dict[str, tuple[float, float, float]] = {}
    try:
        cap = user.call("captcha", "POST", "/auth/captcha")
        answer = user.call("captcha", "GET", f"/mock/captchas/{cap['captcha_id']}")
        body = {"kind": "examinee", "account": account, "password": DEMO_PASSWORD}
        body |= {"captcha_id": cap["captcha_id"], "captcha_answer": answer["answer"]}
        session = user.call("login", "POST", "/auth/login", json=body)
        user.http.headers["Authorization"] = f"Bearer {session['token']}"
        for path in COST_PATHS:  # warm up: first calls import, compile and fill caches
            user.call(path, "GET", path)
        stats = user.stats = Stats()
        for path in COST_PATHS:
            before = cpu_seconds(pid)
            for _ in range(rounds):
                user.call(path, "GET", path)
            spent = (cpu_seconds(pid) - before) / rounds * 1000
            out[path] = (median(stats.server_ms[path]), median([v * 1000 for v in stats.latency[path]]), spent)
        if stats.errors or stats.refused:
            print(f"cost pass: refused {dict(stats.refused)}, errors {dict(stats.errors)}")
        user.call("logout", "POST", "/auth/logout")
    finally:
        user.close()
    return out


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def report_cost(figures: dict[str, tuple[float, float, float]], rounds: int) -> None:
    print(f"\n--- cost per request, one user alone, {rounds} calls of each (ms) ---")
    print(f"{'GET':<26}{'server':>9}{'round trip':>12}{'server CPU':>12}")
    for path, (srv, rtt, cpu) in figures.items():
        print(f"{path:<26}{srv:>9.2f}{rtt:>12.2f}{cpu:>12.2f}")
    reads = [f for path, f in figures.items() if path != "/health"]
    print(
        f"reads: median server time {median([f[0] for f in reads]):.2f} ms (worst {max(f[0] for f in reads):.2f}),"
        f" server CPU {median([f[2] for f in reads]):.2f} ms (worst {max(f[2] for f in reads):.2f})"
    )


def baseline(url: str, users: int, seconds: float) -> tuple[int, float, list[float]]:
    """``users`` threads calling GET /health for ``seconds``: (requests, elapsed, latencies)."""
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop() -> None:
        mine: list[float] = []
        with requests.Session() as http:
            while time.monotonic() < deadline:
                t = time.perf_counter()
                http.get(f"{url}/api/v1/health", timeout=60).raise_for_status()
                mine.append(time.perf_counter() - t)
        with lock:
            latencies.extend(mine)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=loop) for _ in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), time.perf_counter() - t0, latencies


def mix(url: str, accounts: list[str], seconds: float) -> tuple[Stats, float]:
    stats = Stats()
    deadline = time.monotonic() + seconds

    def loop(account: str) -> None:
        user = User(url, account, stats)
        try:
            while time.monotonic() < deadline:
                user.visit()
        finally:
            user.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(a,)) for a in accounts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats, time.perf_counter() - t0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def row(name: str, values: list[float], elapsed: float, server: list[float] | None = None) -> str:
    return (
        f"{name:<26}{len(values):>7}{len(values) / elapsed:>9.1f}{pct(values, 50):>9.1f}{pct(values, 95):>9.1f}"
        f"{pct(values, 99):>9.1f}{max(values) * 1000:>9.1f}{median(server or []):>10.2f}"
    )


@dataclass
class Result:
    workers: int
    db_kind: str
    mix_rps: float
    ratio: float
    p95: float
    errors: int
    generator_share: float
    server_share: float
    others_share: float


def report(
    workers: int,
    db_kind: str,
    users: int,
    base: tuple[int, float, list[float]],
    run: tuple[Stats, float],
    cpu: list[Cpu],
) -> Result:
    n_base, t_base, lat_base = base
    stats, elapsed = run
    everything = [v for values in stats.latency.values() for v in values]
    base_rps = n_base / t_base
    mix_rps = len(everything) / elapsed
    print(f"\n=== {workers} worker process(es), {db_kind}, {users} virtual users, {elapsed:.0f} s ===")
    print(f"{'request':<26}{'n':>7}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'server ms':>10}")
    print(row("baseline GET /health", lat_base, t_base))
    for kind in KINDS:
        if stats.latency.get(kind):
            print(row(kind, stats.latency[kind], elapsed, stats.server_ms.get(kind)))
    if everything:
        print(row("ALL (mix)", everything, elapsed, [v for vs in stats.server_ms.values() for v in vs]))
    print(f"visits completed: {stats.visits} ({stats.visits / elapsed:.2f}/s)")
    print(
        f"throughput: mix {mix_rps:.1f} req/s, baseline {base_rps:.1f} req/s, "
        f"ratio mix/baseline {mix_rps / base_rps:.2f}"
    )
    print(f"errors (5xx, timeouts, dropped): {sum(stats.errors.values())}")
    for what, n in sorted(stats.errors.items()):
        print(f"  {what:<50}{n:>6}")
    print(f"refusals (4xx): {sum(stats.refused.values())}")
    for what, n in sorted(stats.refused.items()):
        print(f"  {what:<50}{n:>6}")
    for phase, c in zip(("baseline", "mix"), cpu, strict=True):
        print(
            f"CPU during the {phase}: load generator {c.share(c.generator)}, server {c.share(c.server)},"
            f" other programs {c.share(c.others)}"
            f" ({c.server / max(1, len(lat_base) if phase == 'baseline' else len(everything)) * 1000:.2f} ms"
            f" of server CPU per request)"
        )
    mix_cpu = cpu[1]
    return Result(
        workers,
        db_kind,
        mix_rps,
        mix_rps / base_rps,
        pct(everything, 95),
        sum(stats.errors.values()),
        mix_cpu.generator / mix_cpu.wall,
        mix_cpu.server / mix_cpu.wall,
        mix_cpu.others / mix_cpu.wall,
    )


def summary(results: list[Result]) -> str:
    """One line: each run's throughput, ratio, p95, errors and who used the CPU; what extra workers bought."""
    parts = [
        f"{r.workers}w {r.db_kind}: {r.mix_rps:.0f} req/s (ratio {r.ratio:.2f}), p95 {r.p95:.0f} ms, "
        f"{r.errors} errors, CPU server {r.server_share:.2f} / generator {r.generator_share:.2f}"
        f" / other programs {r.others_share:.2f} core"
        for r in results
    ]
    first = results[0]
    for r in results[1:]:
        if r.db_kind == first.db_kind and r.workers != first.workers:
            parts.append(f"{r.workers} vs {first.workers} workers: x{r.mix_rps / first.mix_rps:.2f} req/s")
    return "summary: " + "; ".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--users", type=int, default=16, help="virtual users (each a different examinee)")
    ap.add_argument("--seconds", type=float, default=30, help="length of the mix")
    ap.add_argument("--baseline-seconds", type=float, default=5)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server worker processes, one run each")
    ap.add_argument("--db", default="sqlite", help="sqlite (default), postgresql (scripts/postgres.sh) or a URL")
    ap.add_argument("--seed-size", type=int, default=60, help="generated examinees besides the demo ones")
    ap.add_argument("--cost-rounds", type=int, default=30, help="calls of each read in the one-user pass (0: skip)")
    args = ap.parse_args()
    if not 1 <= args.seconds <= 600 or not 1 <= args.users <= 200:
        ap.error("--seconds must be 1..600 and --users 1..200 (a bounded run on loopback)")

    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="zikao-load-") as tmp:
        for workers in args.workers:
            with fresh_database(args.db, Path(tmp), f"w{workers}") as db_url:
                accounts = seed(db_url, args.seed_size)
                if len(accounts) < args.users:
                    ap.error(f"only {len(accounts)} examinees can log in: raise --seed-size")
                log: list[str] = []
                cpu: list[Cpu] = []
                with server(db_url, workers, log) as (url, pid):
                    phase2(url)
                    figures = cost(url, pid, accounts[-1], args.cost_rounds) if args.cost_rounds else {}
                    with measuring_cpu(pid, cpu):
                        base = baseline(url, args.users, args.baseline_seconds)
                    with measuring_cpu(pid, cpu):
                        run = mix(url, accounts[: args.users], args.seconds)
                db_kind = make_url(db_url).get_backend_name()
                if figures:
                    report_cost(figures, args.cost_rounds)
                results.append(report(workers, db_kind, args.users, base, run, cpu))
                # what the server logged about its errors (the last line of each traceback)
                causes = Counter(line.strip() for line in log if re.match(r"^[\w.]+(Error|Exception)\b", line))
                for cause, n in causes.most_common(5):
                    print(f"  server log: {n} x {cause[:150]}")
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
