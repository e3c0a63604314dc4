"""``tr``: a text of the program in the current language (docs/i18n.md).

Every text a person reads goes through here: ``tr("已保存")``; with values,
``tr("共{count}门课程").format(count=n)`` (never an f-string: the catalogue holds the template); with
a number that changes the English form, ``tr("%n 门课程", None, n)`` (Qt's numerus forms; lupdate
sees only the positional ``n``).  All texts live in one context, so the same Chinese is translated
once for the whole program; where it means something else on one screen, that call gives a
disambiguation, ``tr("通过", "score result")``, or the marked text carries one
(``desktop.i18n.marks.QT_TR_NOOP``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the language installed at start (the Chinese source when none is installed)."""
    if disambiguation is None:
        disambiguation = getattr(text, "disambiguation", None)  # a marks.Marked text
    return QCoreApplication.translate("", text, disambiguation, n)
