"""The server side of one login: argon2id verify time with the old and the configured parameters.

    python benchmarks/login_hash.py [--runs 21]

Measures, with the backend's own functions (``backend_mock/auth/passwords.py``) and runs
interleaved, the median wall and CPU time of verifying the demo password against a hash made with
argon2-cffi's defaults (m=64 MiB, t=3, p=4: what the backend used before the cost became a
setting) and against one made with ``Settings.password_hashing`` (OWASP's minimum unless the
``ZIKAO_ARGON2_*`` variables say otherwise), the first login after the change (verify the old
hash, then make the new one: ``accounts.login`` rehashes) and the old/new ratio.
Figures only: nothing passes or fails on time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from argon2 import PasswordHasher

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend_mock.auth.passwords import hash_password, needs_rehash, verify_password  # noqa: E402
from backend_mock.seed import DEMO_PASSWORD  # noqa: E402
from backend_mock.settings import Settings  # noqa: E402

OLD = {"memory_cost": 65536, "time_cost": 3, "parallelism": 4}  # argon2-cffi's defaults


def _timed(action: object) -> tuple[float, float]:
    """(wall ms, CPU ms of this process) of one call of ``action``."""
    assert callable(action)
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    settings = Settings()
    cost = settings.password_hashing
    old_hash = PasswordHasher(**OLD).hash(DEMO_PASSWORD)
    new_hash = hash_password(DEMO_PASSWORD, settings)
    assert needs_rehash(old_hash, settings) and not needs_rehash(new_hash, settings)

    def first_login() -> None:  # what accounts.login does for a hash with the old parameters
        assert verify_password(old_hash, DEMO_PASSWORD)
        if needs_rehash(old_hash, settings):
            hash_password(DEMO_PASSWORD, settings)

    cases = {
        "old": lambda: verify_password(old_hash, DEMO_PASSWORD),
        "new": lambda: verify_password(new_hash, DEMO_PASSWORD),
        "rehash": first_login,
    }
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for action in cases.values():  # warm-up
        _timed(action)
    for _ in range(args.runs):
        for name, action in cases.items():
            figures[name].append(_timed(action))

    def medians(name: str) -> tuple[float, float]:
        return statistics.median(w for w, _ in figures[name]), statistics.median(c for _, c in figures[name])

    (old_wall, old_cpu), (new_wall, new_cpu), (re_wall, re_cpu) = medians("old"), medians("new"), medians("rehash")
    print(f"runs: {args.runs} each, interleaved (medians)")
    print(f"old params: m={OLD['memory_cost']} KiB, t={OLD['time_cost']}, p={OLD['parallelism']}")
    print(f"new params: m={cost.memory_kib} KiB, t={cost.time_cost}, p={cost.parallelism} (Settings.password_hashing)")
    print(f"login verify ms (old params) / (new params): {old_wall:.1f} / {new_wall:.1f} = {old_wall / new_wall:.2f}x")
    print(f"login verify CPU ms (old params) / (new params): {old_cpu:.1f} / {new_cpu:.1f} = {old_cpu / new_cpu:.2f}x")
    print(f"first login after the change (verify old + rehash): {re_wall:.1f} ms, CPU {re_cpu:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
