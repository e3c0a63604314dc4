"""The English catalogues (docs/i18n.md): refresh them from the code, or say how complete they are.

    python scripts/i18n.py update    # pyside6-lupdate: new texts in, removed texts out
    python scripts/i18n.py check     # per catalogue: texts, finished, unfinished (exit 1 if any unfinished)

Catalogues and their sources: ``desktop/i18n/catalogues.py``.  Translate with Qt Linguist
(``pyside6-linguist desktop/i18n/en/staff.ts``) or in a text editor.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.i18n.catalogues import CATALOGUES, TS_DIR, sources  # noqa: E402


def lupdate() -> list[str]:
    import PySide6

    binary = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    return [str(binary)]


def update() -> int:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for name in CATALOGUES:
        files = [str(path.relative_to(ROOT)) for path in sources(name)]
        ts = str((TS_DIR / f"{name}.ts").relative_to(ROOT))
        # no line numbers: a catalogue changes only when a text does, so merges stay clean
        cmd = [*lupdate(), *files, "-ts", ts, "-no-obsolete", "-locations", "none",
               "-source-language", "zh_CN", "-target-language", "en"]  # fmt: skip
        subprocess.run(cmd, cwd=ROOT, check=True)
    return 0


def counts(ts: Path) -> tuple[int, int]:
    """(texts, unfinished) of one catalogue."""
    total = unfinished = 0
    for message in ET.parse(ts).getroot().iter("message"):
        total += 1
        translation = message.find("translation")
        forms = [] if translation is None else [translation, *translation.findall("numerusform")]
        text = "".join((form.text or "") for form in forms).strip()
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            unfinished += 1
    return total, unfinished


def check() -> int:
    missing = 0
    for name in CATALOGUES:
        ts = TS_DIR / f"{name}.ts"
        total, unfinished = counts(ts) if ts.is_file() else (0, 0)
        print(f"{name}: {total} texts, {total - unfinished} finished, {unfinished} unfinished")
        missing += unfinished
    return 1 if missing else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit({"update": update, "check": check}[command]())
