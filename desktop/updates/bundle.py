"""What a released bundle carries about itself: its version and the TUF root it trusts.

``scripts/release.py add`` writes both files into the top of the bundle folder before it packs
and signs it, so every copy of the program handed out (and every update) knows which version it is
and which keys it trusts (docs/updates.md).  A bundle without them was never released: it offers no
updates.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "zikao"
STAMP_FILE = "update.json"
ROOT_FILE = "update-root.json"
# beside the install folder (same volume, so a swap is a rename): the next version, the one
# replaced, and the client's TUF metadata and archive cache
NEXT_SUFFIX = ".next"
OLD_SUFFIX = ".old"
DATA_SUFFIX = ".updates"


@dataclass(frozen=True)
class InstalledRelease:
    """The released program in ``folder``: its version and its trusted root metadata file."""

    folder: Path
    version: str
    root_file: Path

    @property
    def data_folder(self) -> Path:
        return self.folder.with_name(self.folder.name + DATA_SUFFIX)

    @property
    def next_folder(self) -> Path:
        return self.folder.with_name(self.folder.name + NEXT_SUFFIX)


def install_folder() -> Path | None:
    """The folder of the packaged program that runs, or None when it runs from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def stamp(folder: Path, version: str, root_json: bytes) -> None:
    """Mark ``folder`` (a bundle about to be released) as ``version`` trusting ``root_json``."""
    (folder / STAMP_FILE).write_text(json.dumps({"app": APP_NAME, "version": version}), encoding="utf-8")
    (folder / ROOT_FILE).write_bytes(root_json)


def read_release(folder: Path) -> InstalledRelease | None:
    """The release stamped into ``folder``, or None when it carries no (readable) stamp."""
    try:
        data = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    root_file = folder / ROOT_FILE
    if not isinstance(data, dict) or data.get("app") != APP_NAME or not root_file.is_file():
        return None
    version = data.get("version")
    return InstalledRelease(folder, version, root_file) if isinstance(version, str) and version else None
