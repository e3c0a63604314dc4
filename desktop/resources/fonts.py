"""Which installed font draws Simplified Chinese, for the screen and for documents."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFontDatabase

BASE_POINT_SIZE = 10.5

# families that draw Simplified Chinese well, best first (Windows, macOS, Linux)
UI_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
)

# for PDFs: families that also embed cleanly with Unicode maps (text stays extractable)
DOCUMENT_FAMILIES = (
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimSun",
)


def cjk_family(preferred: Sequence[str] = UI_FAMILIES) -> str | None:
    """The first installed family of ``preferred``, else any that writes Simplified Chinese."""
    installed = set(QFontDatabase.families())
    for family in preferred:
        if family in installed:
            return family
    for family in sorted(installed):
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family):
            return family
    return None
