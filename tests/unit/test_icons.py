"""Every icon the program names is a Font Awesome 5 icon that qtawesome knows.

Only those fonts are loaded (and bundled): an icon from another font would fail at run time in
the packaged program, so this test reads every icon name out of the code and draws it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.resources.icons import ICON_FONT_FILES, ICON_FONTS, icon

ROOT = Path(__file__).resolve().parents[2]
# a qtawesome name in a string literal: prefix.name (e.g. "fa5s.user", "mdi6.home")
NAME = re.compile(r"""["']((?:fa5|fa5s|fa5b|fa6|fa6s|fa6b|ei|mdi|mdi6|ph|ri|msc)\.[a-z0-9-]+)["']""")


def icon_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        names.update(NAME.findall(path.read_text(encoding="utf-8")))
    return names


def test_the_code_names_icons() -> None:
    assert len(icon_names()) >= 5  # the pattern still finds the program's icons


@pytest.mark.parametrize("name", sorted(icon_names()))
def test_icon_is_from_a_bundled_font_and_draws(qtbot: QtBot, name: str) -> None:
    assert name.partition(".")[0] in ICON_FONTS, f"{name}: use a Font Awesome 5 icon (fa5, fa5s, fa5b)"
    drawn = icon(name)
    assert not drawn.isNull()
    assert not drawn.pixmap(16, 16).toImage().isNull()


def test_other_fonts_are_refused(qtbot: QtBot) -> None:
    with pytest.raises(ValueError, match="Font Awesome 5"):
        icon("mdi6.home")


def test_only_the_program_fonts_are_loaded(qtbot: QtBot) -> None:
    import qtawesome

    icon("fa5s.user")
    loaded = [font[0] for font in qtawesome._BUNDLED_FONTS]
    assert loaded == list(ICON_FONTS)
    assert all(font[1].startswith(ICON_FONT_FILES) for font in qtawesome._BUNDLED_FONTS)
