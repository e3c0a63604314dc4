"""The look: the normal style sheet or the high-contrast one (docs/accessibility.md).

``apply(app, high_contrast)`` sets the sheet at once (设置 applies the choice without a restart);
``wants_high_contrast(chosen)`` is the choice of 设置, or the system's high-contrast theme where
the platform says so (Windows: Settings → Accessibility → Contrast themes; Qt 6.10's
``QAccessibilityHints.contrastPreference``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop import resources

log = logging.getLogger(__name__)

NORMAL_SHEET = "style.qss"
HIGH_CONTRAST_SHEET = "style_high_contrast.qss"


def style_sheet(high_contrast: bool) -> str:
    return resources.read_text(HIGH_CONTRAST_SHEET if high_contrast else NORMAL_SHEET)


def apply(app: QApplication, high_contrast: bool) -> None:
    """Use the high-contrast sheet (or the normal one) from now on; every window restyles at once."""
    try:
        app.setStyleSheet(style_sheet(high_contrast))
    except OSError:
        log.exception("style sheet not loaded")
    app.setProperty("highContrast", high_contrast)


def high_contrast_on(app: QApplication) -> bool:
    return bool(app.property("highContrast"))


def system_high_contrast() -> bool:
    """The system asks for high contrast (Windows' contrast themes; where Qt can tell)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    preference = getattr(accessibility(), "contrastPreference", None)
    contrast = getattr(Qt, "ContrastPreference", None)
    if preference is None or contrast is None:
        return False
    return bool(preference() == contrast.HighContrast)


def wants_high_contrast(chosen: bool) -> bool:
    return chosen or system_high_contrast()
