"""Icons from qtawesome's Font Awesome 5 fonts, loaded on first use.

Every icon of the program is a Font Awesome 5 icon (the prefixes in ``ICON_FONTS``).  qtawesome
would load all twelve of its bundled fonts (6 MB) on the first icon; it is told to load only these,
which makes the first icon cheaper, and the packaged program leaves the other font files out
(``build.spec``).  ``tests/unit/test_icons.py`` checks that every icon name in the code uses one of them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

#: qtawesome prefixes of the fonts the program uses: Font Awesome 5 regular, solid and brands
ICON_FONTS = ("fa5", "fa5s", "fa5b")
#: file-name start of those fonts inside qtawesome/fonts (build.spec keeps only these)
ICON_FONT_FILES = "fontawesome5-"


def _qtawesome() -> Any:
    os.environ.setdefault("QT_API", "pyside6")  # QtPy must use the binding we use
    import qtawesome

    if qtawesome._resource["iconic"] is None:  # before the first icon: load only our fonts
        qtawesome._BUNDLED_FONTS = tuple(f for f in qtawesome._BUNDLED_FONTS if f[0] in ICON_FONTS)
    return qtawesome


def load_library() -> None:
    """Import qtawesome (and QtPy) now: safe on a worker thread; the fonts load at the first icon."""
    _qtawesome()


def icon(name: str, color: str = "#2b5797") -> QIcon:
    """The qtawesome icon ``name`` (e.g. ``"fa5s.user"``).  qtawesome is imported on first use: ~0.2 s."""
    prefix = name.partition(".")[0]
    if prefix not in ICON_FONTS:
        raise ValueError(f"icon {name!r}: only Font Awesome 5 icons ({', '.join(ICON_FONTS)}) are bundled")
    result: QIcon = _qtawesome().icon(name, color=color)
    return result
