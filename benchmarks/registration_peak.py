"""Registration peak: many examinees registering and paying at once against a server on loopback.

    python benchmarks/registration_peak.py [--examinees 1200] [--clients 24] [--sites 40]
                                           [--max-seconds 180] [--duplicate] [--delay 0]

What it does:

1. seeds a fresh SQLite database, then inserts ``--examinees`` examinees (plans with no history,
   homes spread over the 14 prefectures) each with a ready server session (no captcha/argon2);
2. starts the mock backend in its own process (``python -m backend_mock``, test mode) on a free
   loopback port, sets its clock into phase 2 of the upcoming session's window (running);
3. makes the chosen sites small (capacity ≈ 90 % of the examinees sent to them) so some sites
   fill up during the run;
4. runs one flow per examinee on ``--clients`` threads: list courses, create an order at the
   home site (10 % click twice with the same key), start the payment (10 % try a second one),
   confirm on the payment platform (10 % twice), poll the order until it is paid;
5. stops the server and inspects the database.

It prints throughput, p50/p95/p99 latencies of order creation and of payment (start + confirm),
the time from confirm to "paid", and counts of oversold seats and duplicate charges.  It prints
figures only; nothing passes or fails on time.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, update

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend_mock.app import prepare_database  # noqa: E402
from backend_mock.clock import Clock  # noqa: E402
from backend_mock.db import make_engine, make_session_factory  # noqa: E402
from backend_mock.models import (  # noqa: E402
    AuthSession,
    County,
    Examinee,
    ExamSession,
    ExamSite,
    Gender,
    Order,
    OrderStatus,
    Payment,
    PaymentStatus,
    Plan,
    PlatformCharge,
    Refund,
    Seat,
    SessionSite,
)
from backend_mock.settings import Mode, Settings  # noqa: E402
from desktop.api import ApiClient, ApiError  # noqa: E402


@dataclass(frozen=True)
class Person:
    token: str
    site_id: int


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    outcomes: Counter[str] = field(default_factory=Counter)
    requests: int = 0

    def timed(self, name: str, seconds: float) -> None:
        with self.lock:
            self.latency[name].append(seconds)
            self.requests += 1

    def count(self, outcome: str, requests: int = 0) -> None:
        with self.lock:
            self.outcomes[outcome] += 1
            self.requests += requests


def prepare(db_path: Path, n: int, n_sites: int, rng: random.Random) -> tuple[list[Person], datetime, str]:
    url = f"sqlite:///{db_path}"
    prepare_database(url, Settings(mode=Mode.TEST), Clock(), seed_size=50)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as db:
            now = Clock().now()
            session = db.scalars(
                select(ExamSession).where(ExamSession.ticket_print_close > now).order_by(ExamSession.code)
            ).first()
            assert session is not None
            start = (session.phase1_close + timedelta(days=1)).replace(hour=9, minute=0)
            plans = list(db.scalars(select(Plan).where(Plan.current)))
            counties = list(db.scalars(select(County)))
            sites_by_pref: dict[str, list[ExamSite]] = defaultdict(list)
            for site, pref in db.execute(
                select(ExamSite, County.prefecture_code).join(County, County.code == ExamSite.county_code)
            ):
                sites_by_pref[pref].append(site)
            per_pref = max(1, n_sites // len(sites_by_pref))
            chosen = {p: rng.sample(s, min(per_pref, len(s))) for p, s in sites_by_pref.items()}
            password = db.scalar(select(Examinee.password_hash).limit(1))
            people: list[Person] = []
            sent: Counter[int] = Counter()
            for i in range(n):
                county = rng.choice(counties)
                plan = rng.choice(plans)
                token = secrets.token_urlsafe(24)
                row = Examinee(
                    exam_no=f"98{i:010d}",
                    id_number=f"8{i:017d}",
                    name=f"压测{i}",
                    gender=Gender.FEMALE if i % 2 else Gender.MALE,
                    birth_date=datetime(2000, 1, 1).date(),
                    phone=f"188{i:08d}",
                    prefecture_code=county.prefecture_code,
                    county_code=county.code,
                    major_id=plan.major_id,
                    plan_id=plan.id,
                    password_hash=password,
                    record_card_paid=bool(i % 3),
                    enrolled_at=start - timedelta(days=60),
                )
                db.add(row)
                db.flush()
                db.add(
                    AuthSession(
                        token_hash=hashlib.sha256(token.encode()).hexdigest(),
                        subject_type="examinee",
                        subject_id=row.id,
                        created_at=start,
                        last_seen_at=start,
                        idle_minutes=24 * 60,
                        absolute_expires_at=start + timedelta(days=2),
                    )
                )
                site = rng.choice(chosen[county.prefecture_code])
                sent[site.id] += 1
                people.append(Person(token, site.id))
            # about 90 % of the examinees sent to a site find a seat there
            for site_id, count in sent.items():
                db.execute(update(ExamSite).where(ExamSite.id == site_id).values(capacity=max(1, count * 9 // 10)))
            db.commit()
            return people, start, session.code
    finally:
        engine.dispose()


def start_server(db_path: Path) -> tuple[subprocess.Popen[str], str]:
    cmd = [sys.executable, "-m", "backend_mock", "--db", f"sqlite:///{db_path}", "--port", "0"]
    cmd += ["--mode", "test", "--no-seed"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if match := re.search(r"listening on (http://\S+)", line):
            threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep draining the log
            return proc, match.group(1)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError("the server did not start")


def flow(url: str, person: Person, stats: Stats, rng: random.Random, deadline: float) -> None:
    if time.monotonic() > deadline:
        stats.count("skipped (time up)")
        return
    client = ApiClient(url, timeout=(3.05, 60.0), retries=0)
    client.set_token(person.token)
    try:
        t = time.perf_counter()
        courses = client.registration.courses()
        stats.timed("courses", time.perf_counter() - t)
        chosen: list[str] = []
        slots: set[str | None] = set()
        for c in courses:
            if c.registrable and c.slot not in slots and len(chosen) < rng.randint(1, 3):
                chosen.append(c.code)
                slots.add(c.slot)
        if not chosen:
            stats.count("nothing to register")
            return
        if rng.random() < 0.1:
            t = time.perf_counter()
            client.registration.sites()
            stats.timed("sites", time.perf_counter() - t)

        key = uuid.uuid4().hex
        t = time.perf_counter()
        try:
            order = client.registration.create_order(person.site_id, chosen, key)
        except ApiError as exc:
            stats.timed("create_order", time.perf_counter() - t)
            stats.count(f"create refused: {exc.code}")
            return
        stats.timed("create_order", time.perf_counter() - t)
        if rng.random() < 0.1:  # double click: same key
            again = client.registration.create_order(person.site_id, chosen, key)
            stats.count("replay same order" if again.order_no == order.order_no else "REPLAY GAVE ANOTHER ORDER", 1)

        t0 = time.perf_counter()
        payment = client.registration.start_payment(order.order_no, rng.choice(["alipay", "wechat"]), uuid.uuid4().hex)
        stats.timed("start_payment", time.perf_counter() - t0)
        if rng.random() < 0.1:  # a second window tries to pay too
            try:
                client.registration.start_payment(order.order_no, "alipay", uuid.uuid4().hex)
                stats.count("SECOND PAYMENT STARTED", 1)
            except ApiError as exc:
                stats.count(f"second payment refused: {exc.code}", 1)
        t = time.perf_counter()
        client.payplatform.confirm(payment.payment_no, payment.channel)
        stats.timed("confirm", time.perf_counter() - t)
        stats.timed("payment", time.perf_counter() - t0)
        if rng.random() < 0.1:
            client.payplatform.confirm(payment.payment_no, payment.channel)
            stats.count("confirmed twice", 1)

        t = time.perf_counter()
        for _ in range(100):
            status = client.registration.order(order.order_no).status
            stats.count("poll", 1)
            if status != "paying":
                break
            time.sleep(0.05)
        stats.timed("confirm_to_paid", time.perf_counter() - t)
        stats.count(f"order {status}")
    except ApiError as exc:
        stats.count(f"ERROR {type(exc).__name__}: {exc.code}")
    finally:
        client.close()


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def audit_database(db_path: Path, session_code: str) -> dict[str, int]:
    engine = make_engine(f"sqlite:///{db_path}")
    try:
        with make_session_factory(engine)() as db:
            oversold = 0
            for counter in db.scalars(select(SessionSite).where(SessionSite.session_code == session_code)):
                seats = db.scalar(
                    select(func.count())
                    .select_from(Seat)
                    .where(Seat.session_code == session_code, Seat.site_id == counter.site_id)
                )
                oversold += max(0, counter.seats_held - counter.capacity) + max(0, (seats or 0) - counter.capacity)
            refunded = set(db.scalars(select(Refund.payment_id)))
            kept: Counter[int] = Counter()
            for payment in db.scalars(select(Payment).where(Payment.status == PaymentStatus.SUCCEEDED)):  # all sessions
                if payment.id not in refunded:
                    kept[payment.order_id] += 1
            charges_per_order = Counter(db.scalars(select(PlatformCharge.merchant_order_no)))
            unapplied = db.scalar(
                select(func.count())
                .select_from(PlatformCharge)
                .join(Payment, Payment.payment_no == PlatformCharge.payment_no)
                .where(Payment.status != PaymentStatus.SUCCEEDED)
            )
            return {
                # this session's (the seed holds the paid orders of past sessions)
                "orders": db.scalar(select(func.count()).select_from(Order).where(Order.session_code == session_code))
                or 0,
                "paid orders": db.scalar(
                    select(func.count()).where(Order.status == OrderStatus.PAID, Order.session_code == session_code)
                )
                or 0,
                "charges": sum(charges_per_order.values()),
                "refunds": len(refunded),
                "oversold seats": oversold,
                "orders charged more than once": sum(1 for n in charges_per_order.values() if n > 1),
                "orders keeping more than one payment": sum(1 for n in kept.values() if n > 1),
                "charges not applied": unapplied or 0,
            }
    finally:
        engine.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examinees", type=int, default=1200)
    ap.add_argument("--clients", type=int, default=24)
    ap.add_argument("--sites", type=int, default=40, help="how many exam sites the examinees are sent to")
    ap.add_argument("--max-seconds", type=float, default=180)
    ap.add_argument("--duplicate", action="store_true", help="the platform sends every notification twice")
    ap.add_argument("--delay", type=float, default=0.0, help="notification delay in seconds")
    ap.add_argument("--seed", default="peak")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="zikao-peak-") as tmp:
        db_path = Path(tmp) / "peak.db"
        t = time.perf_counter()
        people, start, session_code = prepare(db_path, args.examinees, args.sites, rng)
        print(f"prepared {len(people)} examinees over {len({p.site_id for p in people})} sites "
              f"in {time.perf_counter() - t:.1f} s")  # fmt: skip
        proc, url = start_server(db_path)
        try:
            tester = ApiClient(url)
            tester.mock.set_clock(start, frozen=False)
            from desktop.api.types import PaymentFaults

            tester.mock.set_payment_faults(PaymentFaults(delay_seconds=args.delay, duplicate=args.duplicate))
            stats = Stats()
            deadline = time.monotonic() + args.max_seconds
            seeds = [rng.random() for _ in people]
            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                for person, s in zip(people, seeds, strict=True):
                    pool.submit(flow, url, person, stats, random.Random(s), deadline)
            elapsed = time.perf_counter() - t0
            queued = tester.mock.payment_faults()
            tester.close()
        finally:
            proc.send_signal(signal.SIGINT)  # the CLI stops the server cleanly on Ctrl-C
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        figures = audit_database(db_path, session_code)

    flows = sum(n for k, n in stats.outcomes.items() if k.startswith(("order ", "create refused", "nothing", "ERROR")))
    print(f"\n{args.examinees} examinees, {args.clients} client threads, server on {url} (1 process)")
    print(f"notification faults: {queued}")
    print(f"run time {elapsed:.1f} s, {stats.requests} requests -> {stats.requests / elapsed:.0f} req/s, "
          f"{flows / elapsed:.1f} examinee flows/s")  # fmt: skip
    print(f"\n{'operation':<16}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for name in ("courses", "sites", "create_order", "start_payment", "confirm", "payment", "confirm_to_paid"):
        values = stats.latency.get(name, [])
        if values:
            print(f"{name:<16}{len(values):>6}{pct(values, 50):>10.1f}{pct(values, 95):>10.1f}"
                  f"{pct(values, 99):>10.1f}{max(values) * 1000:>10.1f}")  # fmt: skip
    print("\noutcomes:")
    for outcome, n in sorted(stats.outcomes.items()):
        if outcome != "poll":
            print(f"  {outcome:<40}{n:>6}")
    print(f"  {'order polls':<40}{stats.outcomes['poll']:>6}")
    print("\ndatabase after the run:")
    for name, n in figures.items():
        print(f"  {name:<40}{n:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
