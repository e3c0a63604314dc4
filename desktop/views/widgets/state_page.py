"""The loading / failed state a module page shows before its data is there."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.i18n.tr import tr


class StatePage(QWidget):
    """ "正在加载…" while a page loads; the reason and a 重试 button when loading failed."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("stateLabel")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.retry_button = QPushButton(tr("重试(&T)"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.retry_requested)
        self.retry_button.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_loading(self, text: str) -> None:
        self.retry_button.hide()
        self.label.setText(text)

    def show_failure(self, text: str) -> None:
        self.label.setText(text)
        self.retry_button.show()
        self.retry_button.setFocus()
