"""``QT_TR_NOOP``: marks a text for the catalogues and returns it unchanged (imports no Qt).

``pyside6-lupdate`` finds ``QT_TR_NOOP("…")`` by its name wherever it comes from; the text is
translated later, where it is shown, with ``desktop.i18n.tr.tr(value)`` (docs/i18n.md).  A text that
means something else on another screen carries a disambiguation, ``QT_TR_NOOP("通过", "review
status")``: lupdate reads it as the second argument, and ``tr`` finds it on the value it returns.
"""

from __future__ import annotations


class Marked(str):
    """A marked text that keeps its disambiguation for ``tr`` (equal to, and hashed as, its text)."""

    disambiguation: str

    def __new__(cls, text: str, disambiguation: str) -> Marked:
        marked = super().__new__(cls, text)
        marked.disambiguation = disambiguation
        return marked


def QT_TR_NOOP(text: str, disambiguation: str | None = None) -> str:  # the name lupdate looks for
    return text if disambiguation is None else Marked(text, disambiguation)
