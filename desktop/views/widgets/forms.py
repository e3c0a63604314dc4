"""Form rows and labels the views share: a caption with its buddy (or a plain label with one), a
read-only value, a hint, a section title, the one ``QFormLayout`` style (captions right-aligned,
fields growing), and the one way a form shows what is wrong (``ErrorLine`` + ``FormErrors``: the
line keeps its room, the fields concerned are marked, what was typed stays).

The object names (``fieldCaption``, ``hint``, ``sectionTitle``) are what the style sheet styles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QWidget

from desktop.views.widgets.accessible import announce, plain


def caption(text: str, buddy: QWidget | None = None) -> QLabel:
    """The caption of a form row (``&`` marks its shortcut when it has a ``buddy``)."""
    label = QLabel(text)
    label.setObjectName("fieldCaption")
    if buddy is not None:
        label.setBuddy(buddy)
        name_after(buddy, text)
    return label


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A plain label (not styled as a caption) whose ``&`` shortcut focuses ``buddy``: a filter's
    or a dialog field's name."""
    label = QLabel(text)
    label.setBuddy(buddy)
    name_after(buddy, text)
    return label


def name_after(field: QWidget, caption_text: str) -> None:
    """A screen reader calls ``field`` by its caption (Qt finds only a buddy that is its sibling)."""
    if not field.accessibleName():
        field.setAccessibleName(plain(caption_text))


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def hint(text: str = "", *, wrap: bool = True) -> QLabel:
    """A small grey note (what to do, what happened)."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(wrap)
    return label


def text_label(name: str, *, rich: bool = False, selectable: bool = True, wrap: bool = True) -> QLabel:
    """A label the page fills in: word-wrapped, selectable with the mouse, rich text if asked."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    return label


def form_layout(parent: QWidget | None = None, *, margins: bool = True) -> QFormLayout:
    """The program's form style: captions right-aligned, fields take the width."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    if not margins:
        form.setContentsMargins(0, 0, 0, 0)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def add_row(form: QFormLayout, text: str, field: QWidget, *, plain: bool = False) -> QLabel:
    """A row ``text`` → ``field``; the caption is the field's buddy (its ``&`` shortcut focuses it).
    ``plain``: a plain label (``buddy_label``), not styled as a caption."""
    label = buddy_label(text, field) if plain else caption(text, field)
    form.addRow(label, field)
    return label


def add_value_row(form: QFormLayout, text: str, name: str) -> QLabel:
    """A read-only row: caption and a selectable value label (returned) named ``name``."""
    value = text_label(name)
    form.addRow(caption(text), value)
    return value


# --- errors under a form ---------------------------------------------------------------------------------

#: the lines an error line keeps for itself while empty (a longer message makes it taller)
ERROR_LINES = 2


class ErrorLine(QLabel):
    """A form's error line (``errorLabel``): its room is kept while it is hidden, so a message never
    moves the fields or squeezes them; a message longer than ``ERROR_LINES`` lines makes the line
    (and its window) taller, never the fields smaller."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self.hide()
        self._fit()

    @property
    def message(self) -> str:
        return "" if self.isHidden() else self.text()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.show()
        self._fit()
        announce(self, text, assertive=True)

    def clear_message(self) -> None:
        self.clear()
        self.hide()

    def _reserved(self) -> int:
        """The height of ``ERROR_LINES`` lines, padding and border included (measured, not guessed)."""
        self.ensurePolished()
        text = self.text()
        self.setText("\n".join("字" * ERROR_LINES))
        height = super().sizeHint().height()
        self.setText(text)
        return height

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() and self.width() > 0 else 0
        height = max(self._reserved(), needed)
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)
            self._grow_window()

    def _grow_window(self) -> None:
        """A window keeps to its layout's minimum size only, which leaves a taller line no room:
        the window grows instead of the fields shrinking."""
        window = self.window()
        layout = window.layout() if window is not self else None
        if layout is None or not window.isVisible():
            return
        layout.activate()
        need = layout.totalMinimumSize().height()
        if layout.hasHeightForWidth():
            need = max(need, layout.totalHeightForWidth(window.width()))
        if need > window.height():
            window.resize(window.width(), need)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()


@dataclass(frozen=True)
class Refusal:
    """An answer that says no to what was typed (a message and the fields it is about)."""

    message: str
    fields: tuple[str, ...] = ()


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FormErrors:
    """The one way a form shows what is wrong: the message in its ``ErrorLine``, the fields it is
    about marked (``invalid``, styled red) with the first focused and selected.  What was typed
    stays.  A server refusal names its fields (``ApiError.field_errors``) or has a ``code`` the
    form maps to a field (``codes``, e.g. ``bad_password`` → the password box); editing a marked
    field takes its mark off and the message with it.
    """

    def __init__(
        self,
        line: ErrorLine,
        fields: Mapping[str, QWidget] | None = None,
        codes: Mapping[str, str] | None = None,
    ) -> None:
        self.line = line
        self.fields: dict[str, QWidget] = {}
        self.codes: dict[str, str] = dict(codes or {})
        for name, widget in (fields or {}).items():
            self.add_field(name, widget)

    def add_field(self, name: str, widget: QWidget) -> None:
        self.fields[name] = widget
        for signal_name in ("textEdited", "textChanged", "valueChanged", "currentIndexChanged", "dateTimeChanged"):
            signal = getattr(widget, signal_name, None)
            if signal is not None:
                signal.connect(lambda *_a, w=widget: self._edited(w))
                break

    @property
    def message(self) -> str:
        return self.line.message

    def marked(self) -> list[str]:
        return [name for name, w in self.fields.items() if w.property("invalid")]

    def show(self, message: str, *fields: str | QWidget) -> None:
        """Show ``message`` and mark ``fields`` (names or widgets); the first gets the focus."""
        self._unmark()
        widgets = [
            self.fields[f] if isinstance(f, str) else f for f in fields if not isinstance(f, str) or f in self.fields
        ]
        for widget in widgets:
            widget.setProperty("invalid", True)
            _repolish(widget)
        self.line.show_message(message)
        if widgets:
            first = widgets[0]
            first.setFocus()
            select_all = getattr(first, "selectAll", None)
            if callable(select_all):
                select_all()

    def refusal(self, exc: Exception) -> None:
        """Show a server refusal (``ApiError``) at the fields it names."""
        field_errors: dict[str, str] = getattr(exc, "field_errors", {}) or {}
        known = {name: text for name, text in field_errors.items() if name in self.fields}
        names = list(known)
        code_field = self.codes.get(str(getattr(exc, "code", "")))
        if code_field and code_field not in names:
            names.insert(0, code_field)
        message = "；".join(dict.fromkeys(known.values())) if known else str(getattr(exc, "message", exc))
        self.show(message, *names)

    def clear(self) -> None:
        self._unmark()
        self.line.clear_message()

    def _unmark(self) -> None:
        for widget in self.fields.values():
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                _repolish(widget)

    def _edited(self, widget: QWidget) -> None:
        if widget.property("invalid"):
            widget.setProperty("invalid", False)
            _repolish(widget)
            if not self.marked():
                self.line.clear_message()
