"""Start-up milestones for ``benchmarks/startup.py`` (only when ``ZIKAO_STARTUP_PROBE=1``).

Prints ``probe <name> <time.time()>`` on stdout so the benchmark can measure from process start.
"""

from __future__ import annotations

import os
import sys
import time

ENABLED = os.environ.get("ZIKAO_STARTUP_PROBE") == "1"


def mark(name: str) -> None:
    if ENABLED:
        sys.stdout.write(f"probe {name} {time.time():.6f}\n")
        sys.stdout.flush()
