"""The one table-view factory of the views: read-only rows, one selected at a time, sized to content.

Every list of the program (applications, history, slots, resume, orders, scores...) is a
``QTableView`` set up the same way; ``table_view`` makes it so pages do not repeat the dozen lines
(``setup_table`` sets up a view made otherwise, e.g. a ``QTableWidget``).
"""

from __future__ import annotations

from typing import TypedDict, TypeVar, Unpack

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

V = TypeVar("V", bound=QTableView)
SelectionMode = QAbstractItemView.SelectionMode

#: what starts editing a cell of an editable table (the graduation resume)
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


class TableOptions(TypedDict, total=False):
    """``setup_table``'s options, which ``table_view`` passes on."""

    editable: bool
    accessible: str
    alternating: bool
    word_wrap: bool | None
    stretch: int | None
    selection: SelectionMode


def table_view(model: QAbstractItemModel | None = None, name: str = "", **options: Unpack[TableOptions]) -> QTableView:
    """A table of whole rows, one selected at a time, columns sized to their contents, the last one
    stretched, no row numbers; read-only unless ``editable`` (then cells edit on double click or typing).
    The options are ``setup_table``'s."""
    view = QTableView()
    if name:
        view.setObjectName(name)
    if model is not None:
        view.setModel(model)
    return setup_table(view, **options)


def setup_table(
    view: V,
    *,
    editable: bool = False,
    accessible: str = "",
    alternating: bool = False,
    word_wrap: bool | None = None,
    stretch: int | None = None,
    selection: SelectionMode = SelectionMode.SingleSelection,
) -> V:
    """Set up ``view`` (a ``QTableView`` or a ``QTableWidget`` with its columns) as ``table_view``
    does.  ``stretch``: this column takes the free width instead of the last one; ``selection``:
    several rows may be selected (``ExtendedSelection``)."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.setEditTriggers(EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternating)
    # Tab leaves the table for the next control (the arrows move between rows and cells): a table
    # that kept Tab for its cells would trap a keyboard user (docs/accessibility.md)
    view.setTabKeyNavigation(False)
    if word_wrap is not None:
        view.setWordWrap(word_wrap)
    if accessible:
        view.setAccessibleName(accessible)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
