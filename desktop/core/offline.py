"""The offline copy of 通知公告 and 日程: kept per user, shown read-only when the server is away.

Where: ``<data dir>/users/<key>/offline.json``.  The folder name is a salted hash (random salt
per installation) of the login kind and account, so no exam or ID number appears on disk and
one person's copy is never shown to another who logs in on the same PC.

What it keeps, and why:

* the notice list and the bodies fetched (public documents, the same for everybody) and which
  of them this person has read — to read them again while the server cannot be reached;
* the personal calendar: titles, times, whether a date concerns the person, and the detail text
  (course names and the exam site — what one needs to get to an exam).  It never holds an exam
  number, ID number, phone number, order number, name or photo: the server puts none of them in
  notices or calendar items, and the copy stores nothing else;
* no attachment files (opening or saving one needs the server anyway; files on disk would be
  left behind by a crash).

When it goes: logout (every kind: the button, the idle timeout, a session the server ended,
closing the program) deletes the whole folder (docs/rules.md#accounts-and-login: logout wipes the user's local data).
So the copy serves the session — the server going away while the person is logged in, or a
page built again — and survives only a crash, until that person's next login or logout.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.api.convert import from_json
from desktop.api.notices import Notice, NoticeList, PersonalCalendar, to_json

log = logging.getLogger(__name__)

FILE_NAME = "offline.json"
VERSION = 1


def user_key(salt: str, kind: str, account: str) -> str:
    """A folder name for one login: no number can be read back from it."""
    return hashlib.sha256(f"{salt}\0{kind}\0{account.strip().upper()}".encode()).hexdigest()[:24]


@dataclass
class OfflineCopy:
    saved_at: datetime | None = None
    notices: NoticeList | None = None
    bodies: dict[int, Notice] = field(default_factory=dict)
    calendar: PersonalCalendar | None = None


class OfflineStore:
    """Reads and writes one user's copy (thread-safe: writes run on the task runner)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._wiped = False

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    def load(self) -> OfflineCopy | None:
        with self._lock:
            if self._wiped or not self.path.exists():
                return None
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                log.warning("offline copy unreadable; ignored")
                return None
        if data.get("version") != VERSION:
            return None
        try:
            return OfflineCopy(
                saved_at=datetime.fromisoformat(data["saved_at"]) if data.get("saved_at") else None,
                notices=from_json(NoticeList, data["notices"]) if data.get("notices") else None,
                bodies={int(k): from_json(Notice, v) for k, v in (data.get("bodies") or {}).items()},
                calendar=from_json(PersonalCalendar, data["calendar"]) if data.get("calendar") else None,
            )
        except (KeyError, TypeError, ValueError):
            log.warning("offline copy of an unexpected shape; ignored")
            return None

    def save(
        self,
        saved_at: datetime,
        *,
        notices: NoticeList | None = None,
        bodies: dict[int, Notice] | None = None,
        calendar: PersonalCalendar | None = None,
    ) -> None:
        """Merge what is given into the copy (what is not given stays as it was)."""
        current = self.load() or OfflineCopy()
        merged_bodies = {**current.bodies, **(bodies or {})}
        payload: dict[str, Any] = {
            "version": VERSION,
            "saved_at": saved_at.isoformat(),
            "notices": to_json(notices or current.notices),
            "bodies": {str(k): to_json(v) for k, v in merged_bodies.items()},
            "calendar": to_json(calendar or current.calendar),
        }
        text = json.dumps(payload, ensure_ascii=False)
        with self._lock:
            if self._wiped:  # a late write after logout must not bring the data back
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.path)

    def wipe(self) -> None:
        """Delete the copy and its folder; later writes are ignored."""
        with self._lock:
            self._wiped = True
            shutil.rmtree(self.folder, ignore_errors=True)


def store_for(data_dir: Path, salt: str, kind: str, account: str) -> OfflineStore:
    return OfflineStore(data_dir / "users" / user_key(salt, kind, account))


def new_salt() -> str:
    return secrets.token_hex(16)
