"""Counter search on a 100,000-examinee database: p50/p95 per key kind, against a baseline.

    python benchmarks/staff_search.py [--size 100000] [--cache DIR] [--queries 300] [--http]

The seeded SQLite file is built once and kept in the cache folder (default
``~/.cache/zikao-bench``; the seed time is printed when it is built) and reused by later runs
while the tables stay the same (the file name carries a fingerprint of the schema).
Each key kind (exam_no exact and prefix, ID number, phone, name exact and surname prefix) is
searched with values of randomly chosen examinees, through the same function the endpoint uses
(``services.staff.find_examinees``: count + one page of 20, masked).  The baseline, measured in
the same run on the same connection, is a primary-key lookup of one examinee's exam_no; the
ratio says how many primary-key lookups one search costs.

``--http`` adds the full request path (uvicorn, a logged-in clerk, the audit write of every
search) against ``GET /staff/me`` as its baseline.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.dialects import sqlite  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from sqlalchemy.schema import CreateTable  # noqa: E402

from backend_mock.app import prepare_database  # noqa: E402
from backend_mock.clock import Clock  # noqa: E402
from backend_mock.context import AppContext  # noqa: E402
from backend_mock.db import make_engine  # noqa: E402
from backend_mock.models import Base, Examinee  # noqa: E402
from backend_mock.payplatform import service as payplatform  # noqa: E402
from backend_mock.settings import Mode, Settings  # noqa: E402
from backend_mock.staff.counter import classify_query, find_examinees  # noqa: E402

PAGE_SIZE = 20


def schema_tag() -> str:
    """A fingerprint of the tables: a cached file made for another schema is never reused."""
    ddl = "".join(str(CreateTable(t).compile(dialect=sqlite.dialect())) for t in Base.metadata.sorted_tables)
    return hashlib.sha256(ddl.encode()).hexdigest()[:10]


def database(size: int, cache: Path) -> Path:
    """The seeded file for ``size`` generated examinees, built now unless cached."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"staff_search_{size}_{schema_tag()}.db"
    for stale in cache.glob(f"staff_search_{size}_*.db"):
        if stale != path:  # made for an older schema (each is ~1.8 GB at 100,000)
            print(f"removing {stale.name} (older schema)")
            stale.unlink()
    if path.exists():
        print(f"database: {path} (cached, {path.stat().st_size / 1e6:.0f} MB)")
        return path
    partial = path.with_suffix(".part")
    for leftover in cache.glob(partial.name + "*"):
        leftover.unlink()
    print(f"seeding {size} examinees into {partial} ...", flush=True)
    start = time.perf_counter()
    prepare_database(f"sqlite:///{partial}", Settings(mode=Mode.TEST), Clock(), size)
    seconds = time.perf_counter() - start
    partial.rename(path)  # the last connection closed: SQLite has folded the WAL into the file
    print(f"seeded in {seconds:.0f} s ({size / seconds:.0f} examinees/s), {path.stat().st_size / 1e6:.0f} MB")
    return path


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50 * 1000, p95 * 1000


def timed(fn: Callable[[str], object], values: list[str]) -> list[float]:
    for value in values[:5]:  # warm the page cache and the statement cache
        fn(value)
    out = []
    for value in values:
        start = time.perf_counter()
        fn(value)
        out.append(time.perf_counter() - start)
    return out


def queries(db: Session, n: int, rng: random.Random) -> dict[str, list[str]]:
    """Search values per key kind, taken from ``n`` randomly chosen examinees."""
    top = db.scalar(select(Examinee.id).order_by(Examinee.id.desc()).limit(1)) or 1
    ids = [rng.randint(1, top) for _ in range(n)]
    rows = db.execute(
        select(Examinee.id, Examinee.exam_no, Examinee.id_number, Examinee.phone, Examinee.name).where(
            Examinee.id.in_(ids)
        )
    ).all()
    rng.shuffle(rows)
    return {
        "pk (baseline)": [str(r[0]) for r in rows],
        "exam_no": [r[1] for r in rows],
        "exam_no prefix (7)": [r[1][:7] for r in rows],
        "id_number": [r[2] for r in rows],
        "phone": [r[3] for r in rows],
        "name": [r[4] for r in rows],
        "surname prefix": [r[4][:1] for r in rows],
    }


def report(title: str, results: dict[str, tuple[list[float], float]], baseline: str) -> None:
    base_p50, _ = percentiles(results[baseline][0])
    print(f"\n{title}")
    print(f"{'key':<22}{'p50 ms':>9}{'p95 ms':>9}{'× baseline p50':>16}{'matches (mean)':>16}")
    for kind, (samples, matches) in results.items():
        p50, p95 = percentiles(samples)
        print(f"{kind:<22}{p50:9.3f}{p95:9.3f}{p50 / base_p50:16.1f}{matches:16.1f}")


def measure_db(path: Path, values: dict[str, list[str]]) -> None:
    ctx = AppContext(settings=Settings(mode=Mode.TEST), clock=Clock(), payments=payplatform)
    engine = make_engine(f"sqlite:///{path}")
    results: dict[str, tuple[list[float], float]] = {}
    with Session(engine) as db:
        matches: list[int] = []

        def pk(value: str) -> object:
            return db.scalar(select(Examinee.exam_no).where(Examinee.id == int(value)))

        def search_as(by: str) -> Callable[[str], object]:
            def run(value: str) -> object:
                items, total = find_examinees(db, classify_query(ctx, value, by), 1, PAGE_SIZE)
                matches.append(total)
                return items

            return run

        results["pk (baseline)"] = (timed(pk, values["pk (baseline)"]), 1.0)
        for kind, by in (
            ("exam_no", "exam_no"),
            ("exam_no prefix (7)", "exam_no"),
            ("id_number", "id_number"),
            ("phone", "phone"),
            ("name", "name"),
            ("surname prefix", "name"),
        ):
            matches.clear()
            samples = timed(search_as(by), values[kind])
            results[kind] = (samples, statistics.mean(matches))
        db.rollback()
    engine.dispose()
    report("search through services.staff.find_examinees (count + first page of 20):", results, "pk (baseline)")


def measure_http(path: Path, values: dict[str, list[str]]) -> None:
    import shutil
    import tempfile

    from backend_mock.app import create_app
    from backend_mock.server import ServerThread
    from desktop.api import ApiClient

    # a copy: the audit records of the searches must not grow the cached file
    work = Path(tempfile.mkdtemp(prefix="zikao-bench-"))
    copy = work / "bench.db"
    shutil.copy(path, copy)
    thread = ServerThread(create_app(f"sqlite:///{copy}", Settings(mode=Mode.TEST), seed_size=None)).start()
    client = ApiClient(thread.url, retries=0)
    try:
        cap = client.auth.captcha()
        client.auth.login("cs_clerk", "Hunan2026", cap.captcha_id, client.mock.captcha_answer(cap.captcha_id), "staff")
        results: dict[str, tuple[list[float], float]] = {}
        results["GET /staff/me (baseline)"] = (timed(lambda _v: client.staff.me(), values["exam_no"][:100]), 1.0)
        for kind, by in (("exam_no", "exam_no"), ("id_number", "id_number"), ("phone", "phone"), ("name", "name")):
            found: list[int] = []

            def run(value: str, by: str = by, found: list[int] = found) -> object:
                result = client.staff.search(value, by=by)
                found.append(result.total)
                return result

            results[kind] = (timed(run, values[kind][:100]), statistics.mean(found))
        report("full HTTP request (auth, search, audit record, JSON):", results, "GET /staff/me (baseline)")
    finally:
        client.close()
        thread.stop()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000, help="generated examinees (besides the demo ones)")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "zikao-bench")
    ap.add_argument("--queries", type=int, default=300, help="searches per key kind")
    ap.add_argument("--http", action="store_true", help="also measure the full HTTP request")
    args = ap.parse_args(argv)
    path = database(args.size, args.cache)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as db:
        total = db.scalar(select(Examinee.id).order_by(Examinee.id.desc()).limit(1))
        values = queries(db, args.queries, random.Random(9))
    engine.dispose()
    print(f"{total} examinees; {len(values['exam_no'])} searches per key kind")
    measure_db(path, values)
    if args.http:
        measure_http(path, values)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
