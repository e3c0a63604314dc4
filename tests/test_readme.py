"""The README stays true: its two commands are the scripts CI runs, its demo accounts are the seed's."""

from __future__ import annotations

from pathlib import Path

from backend_mock.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def test_readme_lists_every_demo_account() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert DEMO_PASSWORD in readme
    for account in DEMO_ACCOUNTS:
        assert f"`{account.account}`" in readme, f"README misses demo account {account.account}"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in readme and "bash scripts/test.sh" in ci
    assert "bash scripts/start.sh" in readme
