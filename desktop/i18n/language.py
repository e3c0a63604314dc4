"""The language the program speaks now: ``"zh"`` (the default) or ``"en"`` (docs/i18n.md).

Set once at start by ``desktop.shell.translations.install``; read where a format differs by language
and no catalogue can say it (``desktop.core.timefmt`` writes dates the English way).  No Qt import,
so the core and the item models may ask.
"""

from __future__ import annotations

CHINESE = "zh"
ENGLISH = "en"

_current = CHINESE


def current() -> str:
    """``"en"`` when English is installed, else ``"zh"``."""
    return _current


def is_english() -> bool:
    return _current == ENGLISH


def set_current(language: str) -> str:
    """Make ``language`` the current one (anything but ``"en"`` is Chinese); returns the one before."""
    global _current
    before, _current = _current, (ENGLISH if language == ENGLISH else CHINESE)
    return before
