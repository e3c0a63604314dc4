"""The program's own settings: one typed registry over ``QSettings``.

Like Picard's ``options.py``: every setting is declared once, with its key, type and default, as
a descriptor on ``AppSettings``; code reads and writes plain attributes
(``settings.server_url = "..."``) and never spells a key or converts a ``QVariant`` itself.

What is *not* here on purpose: passwords, tokens, ID or phone numbers.  ``last_account`` accepts
only an exam number (准考证号, 12 digits); anything else (e.g. an ID number typed as the account)
is stored as empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

EXAM_NO_RE = re.compile(r"^[0-9]{12}$")  # ASCII only (\d takes every script's digits)
LANGUAGES = ("zh", "en")


class Option(Generic[T]):
    """One setting: a key in ``QSettings``, a default and a conversion from what was stored."""

    def __init__(
        self, key: str, default: T, convert: Callable[[Any], T], check: Callable[[T], T] | None = None
    ) -> None:
        self.key = key
        self.default = default
        self._convert = convert
        self._check = check
        self.name = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, obj: AppSettings, owner: type) -> T: ...
    def __get__(self, obj: AppSettings | None, owner: type) -> Option[T] | T:
        if obj is None:
            return self
        raw = obj.qsettings.value(self.key)
        if raw is None:
            return self.default
        try:
            value = self._convert(raw)
            return self._check(value) if self._check else value
        except (TypeError, ValueError):
            return self.default

    def __set__(self, obj: AppSettings, value: T) -> None:
        if self._check:
            value = self._check(value)
        obj.qsettings.setValue(self.key, value)


def _text(raw: Any) -> str:
    return raw if isinstance(raw, str) else str(raw)


def _bytes(raw: Any) -> bytes:
    if isinstance(raw, QByteArray):
        return bytes(raw.data())
    if isinstance(raw, bytes | bytearray):
        return bytes(raw)
    raise TypeError(f"not bytes: {type(raw).__name__}")


def _exam_no_only(value: str) -> str:
    value = value.strip()
    return value if EXAM_NO_RE.match(value) else ""


def _language(value: str) -> str:
    return value if value in LANGUAGES else LANGUAGES[0]


#: reminder lead times offered in 日程 (minutes)
REMINDER_LEADS = (60, 3 * 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60)


def _lead(value: int) -> int:
    return value if value in REMINDER_LEADS else 24 * 60


class AppSettings:
    """The settings of one installation (or one ``--data-dir``)."""

    #: base URL of the server; empty = start the embedded demo server
    server_url = Option[str]("connection/server_url", "", _text, str.strip)
    #: the exam number used last (never a password, never an ID number)
    last_account = Option[str]("login/last_account", "", _text, _exam_no_only)
    #: ``QMainWindow.saveGeometry()`` of the main window
    window_geometry = Option[bytes]("ui/window_geometry", b"", _bytes)
    #: UI language, ``zh`` or ``en`` (docs/i18n.md); takes effect at the next start
    language = Option[str]("ui/language", "zh", _text, _language)
    #: the high-contrast look (设置; docs/accessibility.md), applied at once
    high_contrast = Option[bool]("ui/high_contrast", False, lambda raw: str(raw).lower() in ("true", "1"))
    #: how long before a date of the personal calendar a reminder comes (minutes)
    reminder_lead_minutes = Option[int]("reminders/lead_minutes", 24 * 60, int, _lead)
    #: desktop reminders on or off
    reminders_enabled = Option[bool]("reminders/enabled", True, lambda raw: str(raw).lower() in ("true", "1"))
    #: random per installation: the names of per-user folders are salted hashes, never numbers
    install_salt = Option[str]("local/salt", "", _text)

    def __init__(self, qsettings: QSettings) -> None:
        self.qsettings = qsettings

    @classmethod
    def in_directory(cls, data_dir: Path) -> AppSettings:
        """Settings kept as ``settings.ini`` in ``data_dir`` (so ``--data-dir`` isolates everything)."""
        return cls(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))

    @classmethod
    def options(cls) -> dict[str, Option[Any]]:
        return {name: value for name, value in vars(cls).items() if isinstance(value, Option)}

    def reset(self, name: str) -> None:
        self.qsettings.remove(self.options()[name].key)

    def sync(self) -> None:
        self.qsettings.sync()
