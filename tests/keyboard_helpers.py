"""Driving the program with the keyboard only (docs/accessibility.md): keys go to the focused widget.

No mouse, no direct calls on the widgets: ``press`` sends a key to whatever has the focus, ``type``
types into it, ``tab_to`` presses Tab until ``target`` has the focus (and fails if the tab order
never gets there), ``alt`` presses an Alt+letter shortcut as a person would.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

WAIT_MS = 15_000
#: Tab presses ``tab_to`` tries before it says the tab order never reaches the target
MAX_TABS = 60


def focused(qtbot: QtBot) -> QWidget:
    """The widget the keys go to: an open menu, else the one with the keyboard focus, else the
    active window (waited for: a new window takes it a moment later)."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup
    qtbot.waitUntil(lambda: (QApplication.focusWidget() or QApplication.activeWindow()) is not None, timeout=WAIT_MS)
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(qtbot), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    """Type ``text`` into the focused widget: ASCII as key presses, Chinese as an input method
    commits it (what a pinyin IME sends once the person picks the characters)."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        widget = focused(qtbot)
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def alt(qtbot: QtBot, letter: str) -> None:
    """Alt+``letter``: the ``&`` shortcut of a button or of a field's caption."""
    press(qtbot, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)


def tab_to(qtbot: QtBot, target: QWidget, *, back: bool = False) -> int:
    """Tab (or Shift+Tab) until ``target`` has the focus; returns the presses it took."""
    key = Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab
    passed: list[str] = []
    for presses in range(MAX_TABS + 1):
        if target.hasFocus():
            return presses
        widget = focused(qtbot)
        passed.append(widget.objectName() or type(widget).__name__)
        press(qtbot, key)
    raise AssertionError(f"Tab never reaches {target.objectName() or target!r}: {' → '.join(passed[:20])}")


def choose_from_menu(qtbot: QtBot, open_it: Callable[[], None], action: QAction) -> None:
    """``open_it`` (keys) opens a menu that runs its own event loop until it closes (a tool
    button's menu): Down until ``action`` is highlighted, then Enter, from inside that loop."""
    chosen: list[BaseException | None] = []

    def choose() -> None:
        try:
            choose_in_menu(qtbot, action)
            chosen.append(None)
        except BaseException as exc:  # reported after the menu's loop has ended
            chosen.append(exc)
            menu = QApplication.activePopupWidget()
            if menu is not None:
                menu.close()

    QTimer.singleShot(0, choose)
    open_it()
    qtbot.waitUntil(lambda: bool(chosen), timeout=WAIT_MS)
    if chosen[0] is not None:
        raise chosen[0]
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=WAIT_MS)


def choose_in_menu(qtbot: QtBot, action: QAction) -> None:
    """In the open menu, Down until ``action`` is highlighted, then Enter."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=WAIT_MS)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    for _ in range(len(menu.actions()) + 1):
        if menu.activeAction() is action:
            break
        press(qtbot, Qt.Key.Key_Down)
    assert menu.activeAction() is action, f"{action.text()} is not in the menu"
    press(qtbot, Qt.Key.Key_Return)


def window_manager_returns_to(qtbot: QtBot, window: QWidget) -> None:
    """When a message box closes, a window manager activates the window under it again; Qt's
    offscreen platform has no window manager, so the test does that part (no key, no click)."""
    if not window.isActiveWindow():
        window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)


def wait_for_focus_in(qtbot: QtBot, kind: type[QWidget], where: Callable[[QWidget], bool] = lambda _w: True) -> QWidget:
    """The window of type ``kind`` that took the focus (a dialog that just opened)."""

    def inside() -> bool:
        widget = QApplication.focusWidget()
        window = widget.window() if widget is not None else None
        return isinstance(window, kind) and where(window)

    qtbot.waitUntil(inside, timeout=WAIT_MS)
    return focused(qtbot).window()
