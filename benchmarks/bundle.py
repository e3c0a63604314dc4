"""The packaged program beside the program run from source: size, file count and start-up times.

    python scripts/build.py            # first: builds dist/zikao/
    python benchmarks/bundle.py [--runs 5]

Prints the bundle's size on disk and its file count, then, measured in the same run with the
runs interleaved, the medians of process start → login window shown and → embedded backend
ready (``ZIKAO_STARTUP_PROBE=1``, as in ``benchmarks/startup.py``, whose ``run`` does the
measuring) for ``dist/zikao/zikao`` and for ``python -m desktop``, and packaged/source ratios.
Both start on an already seeded database (one warm-up run each seeds it).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from startup import run  # noqa: E402  (benchmarks/startup.py)


def _load_build_script() -> object:
    """scripts/build.py, loaded by path (a top-level ``build`` would be PyPA's ``build`` package)."""
    spec = importlib.util.spec_from_file_location("zikao_build_script", ROOT / "scripts" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_build: Any = _load_build_script()
BUNDLE: Path = _build.BUNDLE
EXECUTABLE: Path = _build.EXECUTABLE
bundle_size = _build.bundle_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not EXECUTABLE.is_file():
        print(f"no packaged program at {EXECUTABLE}: run `python scripts/build.py` first", file=sys.stderr)
        return 1
    size, files = bundle_size(BUNDLE)
    print(f"bundle {BUNDLE}: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) on disk, {files} files")

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), ZIKAO_STARTUP_PROBE="1")
    times: dict[str, dict[str, list[float]]] = {
        "packaged": {"login_shown": [], "backend_ready": []},
        "source": {"login_shown": [], "backend_ready": []},
    }
    with tempfile.TemporaryDirectory() as packaged_dir, tempfile.TemporaryDirectory() as source_dir:
        programs = {
            "packaged": [str(EXECUTABLE), "--data-dir", packaged_dir],
            "source": [sys.executable, "-m", "desktop", "--data-dir", source_dir],
        }
        for cmd in programs.values():  # warm-up: seeds each database, fills the file cache
            run(cmd, env)
        for _ in range(args.runs):
            for name, cmd in programs.items():
                marks = run(cmd, env)
                for mark, values in times[name].items():
                    values.append(marks[mark])
    print(f"runs: {args.runs} each, interleaved (medians, milliseconds from process start)")
    print(f"{'':24}{'packaged':>10}{'source':>10}{'ratio':>8}")
    for mark, label in (("login_shown", "login window shown"), ("backend_ready", "embedded backend ready")):
        packaged = statistics.median(times["packaged"][mark])
        source = statistics.median(times["source"][mark])
        print(f"{label:24}{packaged:8.0f}ms{source:8.0f}ms{packaged / source:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
