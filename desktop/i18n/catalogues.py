"""Which sources go into which English catalogue, and compiling the catalogues (docs/i18n.md).

The catalogues are Qt Linguist files in the repository, ``desktop/i18n/en/<name>.ts``; their ``.qm``
files are never committed: ``scripts/build.py`` compiles them into the bundle (``desktop/i18n/qm``),
and a program run from source compiles them into a cache folder when the ``.ts`` is newer.
``python scripts/i18n.py update`` refreshes the catalogues from the code (``pyside6-lupdate``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent.parent
TS_DIR = PACKAGE / "en"
#: where the build puts the compiled catalogues inside the bundle
BUNDLED_QM_DIR = PACKAGE / "qm"

#: catalogue name → the sources (folders or files, relative to the project root) it is made from;
#: every desktop source belongs to exactly one catalogue (tests/gui/test_english_examinee.py)
CATALOGUES: dict[str, tuple[str, ...]] = {
    "examinee": (
        "desktop/__init__.py",
        "desktop/views/__init__.py",
        "desktop/views/login_dialog.py",
        "desktop/views/forgot_password_dialog.py",
        "desktop/views/enrol_dialog.py",
        "desktop/views/main_window.py",
        "desktop/views/personal_center.py",
        "desktop/views/account_dialogs.py",
        "desktop/views/settings_dialog.py",
        "desktop/views/page.py",
        "desktop/views/registration",
        "desktop/views/exams",
        "desktop/views/scores",
        "desktop/views/records",
        "desktop/views/graduation",
        "desktop/views/notices",
        "desktop/shell",
        "desktop/core",
        "desktop/models",
        "desktop/api",
        "desktop/updates",  # offered by the main window (系统 → 检查更新)
    ),
    "staff": (
        "desktop/views/staff",
        "desktop/views/tester",
        "desktop/views/widgets",
    ),
}


def sources(name: str) -> list[Path]:
    """The Python files of catalogue ``name``."""
    found: list[Path] = []
    for entry in CATALOGUES[name]:
        path = ROOT / entry
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return found


def ts_files() -> list[Path]:
    return [TS_DIR / f"{name}.ts" for name in CATALOGUES]


def _lrelease() -> list[str]:
    import PySide6

    binary = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    return [str(binary)]


def compile_to(folder: Path) -> list[Path]:
    """Compile every catalogue into ``folder`` (``<name>.qm``); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ts in ts_files():
        if not ts.is_file():
            continue
        qm = folder / f"{ts.stem}.qm"
        subprocess.run([*_lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def _source_cache_dir() -> Path:
    """A cache folder per checkout and catalogue content, so stale ``.qm`` files are never used."""
    digest = hashlib.sha256()
    for ts in ts_files():
        if ts.is_file():
            digest.update(ts.name.encode())
            digest.update(ts.read_bytes())
    return Path(tempfile.gettempdir()) / "zikao-i18n" / digest.hexdigest()[:16]


def qm_files() -> list[Path]:
    """The compiled English catalogues: the bundle's, or compiled now from the ``.ts`` files."""
    if getattr(sys, "frozen", False):
        return sorted(BUNDLED_QM_DIR.glob("*.qm"))
    folder = _source_cache_dir()
    present = sorted(folder.glob("*.qm"))
    if len(present) == len([ts for ts in ts_files() if ts.is_file()]):
        return present
    # compiled beside, then renamed: a program starting at the same time never reads half a file
    staging = folder.with_name(f"{folder.name}.{os.getpid()}")
    try:
        compile_to(staging)
        os.replace(staging, folder)
    except OSError:
        if not folder.is_dir():  # not another process's finished folder: a real failure
            log.exception("English catalogues not compiled")
            return []
        shutil.rmtree(staging, ignore_errors=True)
    except subprocess.CalledProcessError:
        log.exception("English catalogues not compiled")
        return []
    return sorted(folder.glob("*.qm"))
