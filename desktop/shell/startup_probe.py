"""Start-up milestones for ``benchmarks/startup.py`` (only when ``ZIKAO_STARTUP_PROBE=1``).

Prints ``probe <name> <time.time()>`` on stdout so the benchmark can measure from process start
(and read the memory of the program and of its embedded backend's process at each milestone).
"""

from __future__ import annotations

import os
import sys
import time

ENABLED = os.environ.get("ZIKAO_STARTUP_PROBE") == "1"
_reached: set[str] = set()


def mark(name: str) -> None:
    if ENABLED:
        _reached.add(name)
        sys.stdout.write(f"probe {name} {time.time():.6f}\n")
        sys.stdout.flush()


def reached(*names: str) -> bool:
    """Every one of ``names`` was marked (always false when the probe is off)."""
    return ENABLED and _reached.issuperset(names)
