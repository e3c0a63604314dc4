"""A table model over a list of the client's dataclasses, and the texts its columns show.

Every module's list (orders, scores, notices, applications, queue items ...) is a
``DataclassTableModel`` subclass naming its ``Column``s: rows are items, ``ItemRole`` gives the item.
No I/O, no view (napari ``_base_item_model`` style).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.core import timefmt
from desktop.i18n.tr import tr

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
#: the colour of text for what is over, closed or not applicable
GREY = QColor("#8a94a3")


def yuan(fen: int) -> str:
    """Fen → "48.00"."""
    return f"{fen / 100:.2f}"


def session_name(code: str, *, chinese: bool = False) -> str:
    """``2027-04`` → ``2027年4月`` (``timefmt.month_text``; ``chinese``: so in English too)."""
    try:
        year, month = code.split("-")
        return timefmt.month_text(int(year), int(month), chinese=chinese)
    except ValueError:
        return code


def short_datetime(value: datetime | None) -> str:
    """A list's date-time: ``timefmt.datetime_text`` in Beijing time (empty for none)."""
    return "" if value is None else timefmt.datetime_text(value)


# --- a table over a list of dataclasses ---------------------------------------------------------------


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


class DataclassTableModel(QAbstractTableModel, Generic[T]):
    """Rows are items of a list, columns are ``Column``s.  ``ItemRole`` gives the item itself."""

    ItemRole = Qt.ItemDataRole.UserRole + 1
    columns: tuple[Column[T], ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []

    # --- the list --------------------------------------------------------------------------------
    @property
    def items(self) -> list[T]:
        return list(self._items)

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._items[row]

    # --- Qt's side ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role == self.ItemRole:
            return item
        return None
