"""Start-up figures: process start → login window shown, and → embedded backend ready.

Beside them, in the same run, a bare PySide6 window (QApplication + one widget shown) gives the
baseline; the script prints medians and the ratios against that baseline.

    python benchmarks/startup.py [--runs 7]

The program reports its milestones when ``ZIKAO_STARTUP_PROBE=1`` is set: it prints
``probe <name> <time.time()>`` lines and quits once the backend is ready.  The first run of the
program seeds a new database (reported separately); the others start on the seeded file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("hello"); w.show()
def shown():
    print("probe login_shown", time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def run(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    start = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, check=False)
    marks = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "probe":
            marks[parts[1]] = (float(parts[2]) - start) * 1000
    if not marks:
        raise RuntimeError(f"no probe output from {cmd}: {out.stderr[-2000:]}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), ZIKAO_STARTUP_PROBE="1")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        program = [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)]
        first = run(program, env)
        bare, login, ready = [], [], []
        for _ in range(args.runs):
            bare.append(run([sys.executable, "-c", BARE], env)["login_shown"])
            marks = run(program, env)
            login.append(marks["login_shown"])
            ready.append(marks["backend_ready"])
    b, lg, rd = statistics.median(bare), statistics.median(login), statistics.median(ready)
    print(f"runs: {args.runs} (medians, milliseconds from process start)")
    print(f"bare PySide6 window shown      {b:8.0f} ms   (baseline)")
    print(f"login window shown             {lg:8.0f} ms   ratio {lg / b:5.2f}")
    print(f"embedded backend ready         {rd:8.0f} ms   ratio {rd / b:5.2f}")
    print(
        f"first run (creates and seeds the database): login {first['login_shown']:.0f} ms, "
        f"backend ready {first['backend_ready']:.0f} ms"
    )


if __name__ == "__main__":
    main()
