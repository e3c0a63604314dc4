"""``python -m desktop --self-test`` works from source: exit 0 and every step reported.

The same check runs on the packaged program in ``scripts/check_bundle.sh``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.views.main_window import MODULES

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_from_source_passes(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("ZIKAO_STARTUP_PROBE", None)
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, f"stdout:\n{out.stdout}\nstderr:\n{out.stderr}"
    assert "embedded backend ready" in out.stdout
    # a process of its own that answers the launch's secret only, stopped at the end
    assert "answers with the secret (demo), refuses without (403)" in out.stdout
    assert "embedded backend stopped" in out.stdout and "exited" in out.stdout
    assert "logged in demo examinee" in out.stdout
    for module in MODULES:
        if "examinee" in module.kinds:
            assert f"module {module.title} loaded" in out.stdout
    assert "server clock moved into the ticket printing window" in out.stdout
    assert "ticket PDF rendered" in out.stdout
    assert "receipt PDF rendered" in out.stdout
    assert "all checks passed" in out.stdout
    assert "FAILED" not in out.stderr
    # nothing left in the tester's own data folder
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.db"))


def test_self_test_reports_failure_on_stderr(tmp_path: Path) -> None:
    """A broken step exits non-zero with the reason on stderr (here: the data folder is a file)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env.pop("ZIKAO_STARTUP_PROBE", None)
    work = tmp_path / "work"
    work.mkdir()
    (work / "data").write_text("in the way", encoding="utf-8")  # the backend's data dir cannot be made
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test", "--data-dir", str(work)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode != 0
    assert "self-test FAILED" in out.stderr
    assert "embedded backend did not start" in out.stderr
