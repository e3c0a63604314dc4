"""Form rows and labels the views share: a caption with its buddy (or a plain label with one), a
read-only value, a hint, a section title, and the one ``QFormLayout`` style (captions right-aligned,
fields growing).

The object names (``fieldCaption``, ``hint``, ``sectionTitle``) are what the style sheet styles.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def caption(text: str, buddy: QWidget | None = None) -> QLabel:
    """The caption of a form row (``&`` marks its shortcut when it has a ``buddy``)."""
    label = QLabel(text)
    label.setObjectName("fieldCaption")
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A plain label (not styled as a caption) whose ``&`` shortcut focuses ``buddy``: a filter's
    or a dialog field's name."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


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
