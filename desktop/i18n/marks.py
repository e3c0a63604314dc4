"""``QT_TR_NOOP``: marks a text for the catalogues and returns it unchanged (imports no Qt).

``pyside6-lupdate`` finds ``QT_TR_NOOP("…")`` by its name wherever it comes from; the text is
translated later, where it is shown, with ``desktop.i18n.tr.tr(value)`` (docs/i18n.md).
"""

from __future__ import annotations


def QT_TR_NOOP(text: str) -> str:  # the name lupdate looks for
    return text
