"""The one table-view factory of the views: read-only rows, one selected at a time, sized to content.

Every list of the program (applications, history, slots, resume, orders, scores...) is a
``QTableView`` set up the same way; ``table_view`` makes it so pages do not repeat the dozen lines.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

#: what starts editing a cell of an editable table (the graduation resume)
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def table_view(
    model: QAbstractItemModel | None = None,
    name: str = "",
    *,
    editable: bool = False,
    accessible: str = "",
    alternating: bool = False,
    word_wrap: bool | None = None,
) -> QTableView:
    """A table of whole rows, one selected at a time, columns sized to their contents, the last one
    stretched, no row numbers; read-only unless ``editable`` (then cells edit on double click or typing)."""
    view = QTableView()
    if name:
        view.setObjectName(name)
    if model is not None:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternating)
    if word_wrap is not None:
        view.setWordWrap(word_wrap)
    if accessible:
        view.setAccessibleName(accessible)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view
