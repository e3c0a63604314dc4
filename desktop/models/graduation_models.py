"""Item models of 毕业申请: the editable resume table (the state history reuses records_models)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from desktop.api.graduation import ResumeEntry
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.registration_models import Index

FIELDS = ("start", "end", "unit", "role")
HEADERS = (
    QT_TR_NOOP("起始年月"),
    QT_TR_NOOP("终止年月（空为至今）"),
    QT_TR_NOOP("学习或工作单位"),
    QT_TR_NOOP("职务或身份"),
)


class ResumeTableModel(QAbstractTableModel):
    """个人简历 rows the examinee edits in place: from, to (``YYYY-MM``; empty = 至今), unit, role."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self._editable = True

    # --- the list --------------------------------------------------------------------------------------
    def entries(self) -> list[ResumeEntry]:
        """The typed rows, blank rows left out, text stripped."""
        out = []
        for row in self._rows:
            start, end, unit, role = (v.strip() for v in row)
            if start or end or unit or role:
                out.append(ResumeEntry(start, end, unit, role))
        return out

    def set_entries(self, entries: Sequence[ResumeEntry]) -> None:
        self.beginResetModel()
        self._rows = [[e.start, e.end, e.unit, e.role] for e in entries]
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(["", "", "", ""])
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited.emit()

    # --- Qt's side ---------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 1 and not value:
                return tr("至今")
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("年月写成“2018-09”；终止年月留空表示至今") if index.column() < 2 else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self._editable:
            return False
        text = str(value or "").strip()
        if index.column() == 1 and text in ("至今", tr("至今")):
            text = ""
        self._rows[index.row()][index.column()] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.edited.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self._editable else base
