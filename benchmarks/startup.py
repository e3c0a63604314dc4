"""Start-up figures: process start → login window shown, → embedded backend ready, and memory.

Beside them, in the same run, a bare PySide6 window (QApplication + one widget shown) gives the
baseline; the script prints medians and the ratios against that baseline.

    python benchmarks/startup.py [--runs 7] [--compare ../other-checkout]

``--compare`` starts another checkout's program too (its own code, this interpreter), its runs
interleaved with this one's, so both see the same load on the machine.

The program reports its milestones when ``ZIKAO_STARTUP_PROBE=1`` is set: it prints
``probe <name> <time.time()>`` lines (``desktop/shell/startup_probe.py``) — ``login_shown``,
``backend_listening`` (the embedded backend's process said it listens), ``backend_ready`` (the
server answered ``/health``), ``captcha_shown`` (the login window shows a
captcha: the person can log in) and ``pages_preloaded`` (the main window's modules are imported) —
and quits after the last two.  At ``captcha_shown`` and ``pages_preloaded`` the script reads the
resident memory (RSS, Linux ``/proc``) of the GUI process alone and, separately, of its child
processes (the embedded backend).  A program that marks only ``backend_ready`` (before the
embedded backend was a process of its own) is measured there instead.

The first run of the program seeds a new database (reported separately); the others start on the
seeded file.

Each checkout's own packages are byte-compiled first (``compileall``, into the ``__pycache__``
folders git ignores), as an installed program is: with ``PYTHONDONTWRITEBYTECODE=1`` in the
environment every start would otherwise compile some 130 modules again (about 0.2 s of the
backend's start), which no person's program does.  ``--no-compile`` measures without.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import threading
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
MIB = 2**20
ROOT = Path(__file__).resolve().parent.parent
# where memory is read; the first of the pair the program marks is "ready"
MEMORY_MARKS = ("captcha_shown", "pages_preloaded", "backend_ready")


def rss(pid: int) -> int | None:
    """Resident memory of ``pid`` in bytes (``None``: gone, or no ``/proc`` here)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    """The direct child processes of ``pid`` (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def run(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> dict[str, float]:
    """Milliseconds from process start to each milestone; ``rss_gui@<mark>``/``rss_child@<mark>`` in bytes."""
    start = time.time()
    process = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.extend(process.stderr or ()), daemon=True)
    reader.start()
    marks: dict[str, float] = {}
    try:
        assert process.stdout is not None
        for line in process.stdout:
            parts = line.split()
            if len(parts) != 3 or parts[0] != "probe":
                continue
            marks[parts[1]] = (float(parts[2]) - start) * 1000
            if parts[1] in MEMORY_MARKS:
                gui = rss(process.pid)
                child = sum(filter(None, (rss(c) for c in children(process.pid))))
                if gui is not None:
                    marks[f"rss_gui@{parts[1]}"] = gui
                    marks[f"rss_child@{parts[1]}"] = child
        process.wait(180)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    reader.join(5)
    if not marks:
        raise RuntimeError(f"no probe output from {cmd}: {''.join(stderr)[-2000:]}")
    return marks


def byte_compile(root: Path) -> None:
    """The checkout's own packages compiled to bytecode, as an installed program is."""
    for package in ("desktop", "backend_mock", "zikao_common"):
        if (root / package).is_dir() and not compileall.compile_dir(root / package, quiet=1):
            raise RuntimeError(f"{root / package} does not compile")


def ready_mark(marks: dict[str, float]) -> str:
    return "captcha_shown" if "captcha_shown" in marks else "backend_ready"


def report(title: str, first: dict[str, float], runs: list[dict[str, float]], bare: float) -> None:
    def median(key: str) -> float | None:
        values = [marks[key] for marks in runs if key in marks]
        return statistics.median(values) if values else None

    ready = ready_mark(runs[0])
    print(f"{title}:")
    rows = [
        ("login window shown", "login_shown"),
        ("embedded backend listens", "backend_listening"),
        ("backend answers /health", "backend_ready"),
        ("embedded backend ready (captcha)", "captcha_shown"),
        ("main window's modules imported", "pages_preloaded"),
    ]
    for label, key in rows:
        value = median(key)
        if value is not None:
            print(f"  {label:34} {value:8.0f} ms   ratio {value / bare:5.2f}")
    print(f"  memory (RSS, MiB) of the GUI process alone, of its child processes apart (ready = {ready}):")
    for key in (ready, "pages_preloaded"):
        gui, child = median(f"rss_gui@{key}"), median(f"rss_child@{key}")
        if gui is not None and child is not None:
            print(f"    at {key:18} GUI process {gui / MIB:6.1f}   embedded backend process {child / MIB:6.1f}")
    first_ready = ready_mark(first)
    print(
        f"  first run (creates and seeds the database): login {first['login_shown']:.0f} ms, "
        f"ready ({first_ready}) {first.get(first_ready, float('nan')):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--compare",
        metavar="DIR",
        type=Path,
        help="also start the program of another checkout (e.g. the previous version), its runs interleaved",
    )
    parser.add_argument(
        "--no-compile",
        action="store_true",
        help="do not byte-compile the checkouts first (then PYTHONDONTWRITEBYTECODE=1 means compiling at every start)",
    )
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), ZIKAO_STARTUP_PROBE="1")
    checkouts = {"this checkout": ROOT}
    if args.compare:
        checkouts[f"compared: {args.compare}"] = args.compare.resolve()
    if not args.no_compile:
        for root in checkouts.values():
            byte_compile(root)
    with tempfile.TemporaryDirectory() as tmp:
        programs = {}
        for n, (title, root) in enumerate(checkouts.items()):
            (Path(tmp) / str(n)).mkdir()
            programs[title] = (root, [sys.executable, "-m", "desktop", "--data-dir", str(Path(tmp) / str(n))])
        first = {title: run(cmd, env, root) for title, (root, cmd) in programs.items()}
        bare: list[float] = []
        runs: dict[str, list[dict[str, float]]] = {title: [] for title in programs}
        for _ in range(args.runs):
            bare.append(run([sys.executable, "-c", BARE], env)["login_shown"])
            for title, (root, cmd) in programs.items():
                runs[title].append(run(cmd, env, root))
    b = statistics.median(bare)
    print(f"runs: {args.runs} (medians, milliseconds from process start; ratios against the bare window)")
    print("bytecode: " + ("as the environment leaves it" if args.no_compile else "compiled first, as installed"))
    print(f"bare PySide6 window shown            {b:8.0f} ms   (baseline)")
    for title in programs:
        report(title, first[title], runs[title], b)


if __name__ == "__main__":
    main()
