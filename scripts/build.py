"""Build the packaged program (Linux and Windows): PyInstaller with build.spec into dist/zikao/.

    python scripts/build.py            # then: dist/zikao/zikao --self-test  (zikao.exe on Windows)

Prints the bundle's size on disk and its file count at the end.  Exit status is PyInstaller's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "zikao"
EXECUTABLE = BUNDLE / ("zikao.exe" if sys.platform == "win32" else "zikao")


def bundle_size(folder: Path = BUNDLE) -> tuple[int, int]:
    """(bytes on disk, number of files) of ``folder``; bytes counted in allocated blocks where known."""
    size = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            st = path.stat()
            blocks = getattr(st, "st_blocks", None)
            size += blocks * 512 if blocks is not None else st.st_size
            files += 1
    return size, files


def main() -> int:
    started = time.monotonic()
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        os.environ.get("ZIKAO_BUILD_LOG_LEVEL", "WARN"),
        "--distpath",
        str(DIST),
        "--workpath",
        str(ROOT / "build"),
        str(ROOT / "build.spec"),
    ]
    print("running:", " ".join(cmd), flush=True)
    code = subprocess.call(cmd, cwd=ROOT)
    if code != 0:
        print(f"PyInstaller failed (exit {code})", file=sys.stderr)
        return code
    if not EXECUTABLE.is_file():
        print(f"PyInstaller made no {EXECUTABLE}", file=sys.stderr)
        return 1
    size, files = bundle_size()
    print(f"built {EXECUTABLE.relative_to(ROOT)} in {time.monotonic() - started:.0f} s")
    print(f"bundle {BUNDLE.relative_to(ROOT)}: {size / 1e6:.1f} MB on disk, {files} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
