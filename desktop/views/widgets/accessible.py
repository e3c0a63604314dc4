"""What a screen reader hears (docs/accessibility.md): names for controls, announcements for news.

- ``name_controls(root)`` gives every focusable widget under ``root`` that has no accessible name the
  name a sighted person reads beside it: its label's text (a buddy anywhere in the window, or the
  caption of its ``QFormLayout`` row), the title of its tab, the title of its group box, its
  placeholder.  Qt itself only finds a buddy that is the widget's sibling, so a field wrapped in a
  box with its error line has no name without this.  ``install(app)`` calls it for every window
  as it is shown; ``ModulePage`` calls it when it builds its widgets (a tab's page is built late).
- ``announce(widget, text)``: a status or error line that changed is read out (a polite live
  region), where the platform supports announcements; its accessible name follows the text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

MNEMONIC = re.compile(r"\(&.\)|&(?=[^&])")


def plain(text: str) -> str:
    """A caption as words: no ``&`` shortcut mark, no ``(&E)``, no closing colon, no markup."""
    text = re.sub(r"<[^>]+>", "", MNEMONIC.sub("", text))
    return text.strip().rstrip("：:").strip()


def tab_title(widget: QWidget) -> str:
    """The title of the tab ``widget`` is the page of, or ""."""
    stack = widget.parentWidget()
    tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
    if isinstance(tabs, QTabWidget) and tabs.indexOf(widget) >= 0:
        return plain(tabs.tabText(tabs.indexOf(widget)))
    return ""


def enclosing_title(widget: QWidget) -> str:
    """The title of the nearest tab page or group box around ``widget``, or ""."""
    current = widget.parentWidget()
    while current is not None:
        title = tab_title(current)
        if title:
            return title
        if isinstance(current, QGroupBox) and current.title():
            return plain(current.title())
        current = current.parentWidget()
    return ""


def form_caption(widget: QWidget, root: QWidget) -> str:
    """The caption of the ``QFormLayout`` row that holds ``widget`` (or the box it sits in)."""
    current: QWidget | None = widget
    for _ in range(3):
        if current is None or current is root:
            return ""
        parent = current.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(current)
            if isinstance(label, QLabel) and plain(label.text()):
                return plain(label.text())
            # the field may sit in a row's nested layout
            for row in range(layout.rowCount()):
                field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                nested = field.layout() if field is not None else None
                if nested is not None and nested.indexOf(current) >= 0:
                    label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                    text = label.widget() if label is not None else None
                    if isinstance(text, QLabel) and plain(text.text()):
                        return plain(text.text())
        current = parent
    return ""


def context_name(widget: QWidget, root: QWidget, buddies: dict[int, QLabel]) -> str:
    """The name a sighted person would give ``widget``, from what is around it."""
    label = buddies.get(id(widget))
    if label is not None and plain(label.text()):
        return plain(label.text())
    owner = widget.parentWidget()
    if isinstance(owner, QComboBox | QAbstractSpinBox):  # the text box of an editable combo box
        return owner.accessibleName() or context_name(owner, root, buddies)
    name = form_caption(widget, root)
    if name:
        return name
    name = tab_title(widget)
    if name:
        return name
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return plain(widget.placeholderText())
    if isinstance(widget, QTabWidget | QAbstractScrollArea | QAbstractItemView):
        name = enclosing_title(widget) or plain(widget.window().windowTitle().split(" — ")[0])
    if isinstance(widget, QLabel):
        return ""  # a label names itself by its text
    return name


def name_controls(root: QWidget) -> None:
    """Name every focusable widget under ``root`` (``root`` included) that has no accessible name."""
    buddies = {id(label.buddy()): label for label in root.findChildren(QLabel) if label.buddy() is not None}
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.accessibleName() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        name = context_name(widget, root, buddies)
        if name:
            widget.setAccessibleName(name)


class NameOnShow(QObject):
    """Names the controls of every window as it is shown (``install``): dialogs need no call of their own."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            name_controls(watched)
        return False


def install(app: QApplication) -> None:
    """Name the controls of each window when it is shown (``desktop.shell.app.configure_appearance``)."""
    if app.findChild(NameOnShow) is None:
        app.installEventFilter(NameOnShow(app))


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Tell a screen reader that ``widget`` now says ``text`` (an error line: ``assertive``)."""
    if not text:
        return
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.NameChanged))
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive if assertive else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
