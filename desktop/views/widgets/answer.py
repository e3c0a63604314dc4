"""The answer to an action (``AnswerBanner``): what was done, in words, where the action was taken.

An action never ends in silence: the page says what happened (「已通过：张三（XS2026…）」) in a
banner that stays ``SHOWN_MS`` and then fades out.  A failure says so in red and stays until the
next answer.  The banner keeps its room while hidden, so nothing below it jumps.
"""

from __future__ import annotations

from PySide6.QtCore import QPropertyAnimation, Qt, QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QSizePolicy, QWidget

from desktop.views.widgets.accessible import announce

SHOWN_MS = 8000
FADE_MS = 700


class AnswerBanner(QLabel):
    def __init__(self, parent: QWidget | None = None, *, object_name: str = "answerBanner") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(1.0)
        self.setGraphicsEffect(self._effect)
        self._fade = QPropertyAnimation(self._effect, b"opacity", self)
        self._fade.setDuration(FADE_MS)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.finished.connect(self._faded)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self._fade.start)
        self.hide()

    @property
    def message(self) -> str:
        return "" if self.isHidden() else self.text()

    def say(self, text: str, *, error: bool = False) -> None:
        """Show ``text``; a success fades after ``SHOWN_MS``, a failure stays."""
        self._fade.stop()
        self._effect.setOpacity(1.0)
        self.setProperty("kind", "error" if error else "ok")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.show()
        announce(self, text, assertive=error)
        if error:
            self._timer.stop()
        else:
            self._timer.start()

    def _faded(self) -> None:
        self.hide()
        self._effect.setOpacity(1.0)
