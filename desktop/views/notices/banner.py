"""A small non-blocking banner: a message, an optional action button and a close button.

Shown at the top of the main window (in a toolbar row of its own, so it is seen on every tab)
when the page lives in one, else at the top of the page itself.  Used for "new notices since
your last login" and, when there is no system tray (e.g. offscreen), for calendar reminders.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QSizePolicy, QToolBar, QWidget

from desktop.i18n.tr import tr


class Banner(QFrame):
    closed = Signal()

    def __init__(self, text: str, action_text: str | None = None, on_action: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.setObjectName("noticeBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#noticeBanner { background: #fff7e0; border: 1px solid #f0c36d; border-radius: 4px; }")
        self.label = QLabel(text)
        self.label.setObjectName("bannerText")
        # one line: a wrapping label inside a toolbar asks for far more height than it needs
        self.label.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 1, 4, 1)
        layout.addWidget(self.label, 1)
        self.action_button: QPushButton | None = None
        if action_text:
            self.action_button = QPushButton(action_text)
            self.action_button.setObjectName("bannerAction")
            if on_action is not None:
                self.action_button.clicked.connect(on_action)
            self.action_button.clicked.connect(self.dismiss)
            layout.addWidget(self.action_button)
        self.close_button = QPushButton(tr("关闭"))
        self.close_button.setObjectName("bannerClose")
        self.close_button.setToolTip(tr("关闭这条提示"))
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button)
        self.host: QWidget | None = None

    @property
    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        host = self.host if self.host is not None and shiboken6.isValid(self.host) else self
        host.hide()
        host.deleteLater()
        self.closed.emit()


def post_banner(
    anchor: QWidget,
    fallback_layout_owner: Callable[[Banner], None],
    text: str,
    action_text: str | None = None,
    on_action: Callable[[], None] | None = None,
) -> Banner:
    """Show a banner over ``anchor``'s main window, or hand it to ``fallback_layout_owner``."""
    banner = Banner(text, action_text, on_action)
    window = anchor.window()
    if isinstance(window, QMainWindow) and window is not anchor:
        bar = QToolBar(tr("提示"), window)
        bar.setObjectName("bannerBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setStyleSheet("QToolBar#bannerBar { border: none; padding: 1px 4px; }")
        bar.addWidget(banner)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        banner.host = bar
        bar.show()
    else:
        fallback_layout_owner(banner)
    return banner
