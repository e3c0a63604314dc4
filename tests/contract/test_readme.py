"""The README stays true: its two commands are the scripts CI runs, its demo accounts are the seed's."""

from __future__ import annotations

import re
from pathlib import Path

from backend_mock.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


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


def anchor(heading: str) -> str:
    """The fragment GitHub gives a Markdown heading: lower case, punctuation dropped, blanks → '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_pointers_to_the_docs_resolve() -> None:
    """Comments point to docs/<file>.md#<section>; each such file and section exists, and every
    Markdown document the code names at all is one the repository holds (README.md or docs/)."""
    pointer = re.compile(r"docs/([\w-]+\.md)(?:#([\w-]+))?")
    any_document = re.compile(r"(?<![\w/-])((?:docs/)?[\w-]+\.md)\b")
    held = {"README.md", *(f"docs/{doc.name}" for doc in (ROOT / "docs").glob("*.md"))}
    anchors: dict[str, set[str]] = {}
    for doc in (ROOT / "docs").glob("*.md"):
        headings = re.findall(r"^#+ (.+)$", doc.read_text(encoding="utf-8"), flags=re.MULTILINE)
        anchors[doc.name] = {anchor(h) for h in headings}
    checked = 0
    for folder in ("desktop", "backend_mock", "zikao_common", "tests", "scripts", "benchmarks"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in (".py", ".sh") or path.name == "test_readme.py":
                continue
            text = path.read_text(encoding="utf-8")
            outside = sorted(set(any_document.findall(text)) - held)
            assert not outside, f"{path} names documents the repository does not hold: {outside}"
            for name, fragment in pointer.findall(text):
                assert name in anchors, f"{path}: docs/{name} does not exist"
                assert not fragment or fragment in anchors[name], f"{path}: docs/{name} has no section #{fragment}"
                checked += 1
    assert checked, "no pointer to docs/ found: the pattern is wrong"


def test_readme_links_the_project_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in ("architecture.md", "rules.md", "desktop-core.md", "backend-database.md", "testing.md"):
        assert doc in readme and (ROOT / "docs" / doc).is_file(), doc


def test_every_test_path_named_exists() -> None:
    """A test file or folder the README, the docs, the scripts or the config name is there (tests move)."""
    named = re.compile(r"tests/[\w/]+(?:\.py|\.toml|/)")
    sources = [ROOT / "README.md", ROOT / "pyproject.toml", ROOT / ".ci" / "run", *(ROOT / "docs").glob("*.md")]
    for folder in ("desktop", "backend_mock", "zikao_common", "tests", "scripts", "benchmarks"):
        sources += [p for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".sh", ".toml")]
    checked = 0
    for source in sources:
        for path in named.findall(source.read_text(encoding="utf-8")):
            assert (ROOT / path).exists(), f"{source.relative_to(ROOT)} names {path}, which does not exist"
            checked += 1
    assert checked > 10, "hardly any test path found: the pattern is wrong"
