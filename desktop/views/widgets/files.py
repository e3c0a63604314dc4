"""The file dialogs of the views: a 另存为 and a choose-a-file, both starting in the Documents folder.

Both are window-modal (``open()``, not ``exec()``), delete themselves when closed and call back
with the chosen ``Path``; the caller keeps the returned dialog (tests answer it).  See
docs/desktop-core.md ("Chinese everywhere, codes nowhere").

Where the platform has no file dialog of its own (Linux without a desktop theme, as under a bare
window manager) Qt draws one: its words come from Qt's Chinese translation
(``desktop/shell/translations.py``), and ``ChineseFileColumns`` writes its 修改日期 and 大小 columns
the program's way (Qt writes those in the system's locale, English on such machines).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

from desktop.core.timefmt import datetime_text

#: QFileSystemModel's columns
SIZE_COLUMN, DATE_COLUMN = 1, 3


def documents_folder() -> str:
    """The person's Documents folder (where every file dialog starts)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def documents_path(name: str) -> str:
    """``name`` in the person's Documents folder (where a save starts)."""
    return str(Path(documents_folder()) / name)


class ChineseFileColumns(QIdentityProxyModel):
    """Qt's file list with its dates as 2026年12月3日 11:28 and its sizes as 12.5 KB / 0 字节."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        source = self.sourceModel()
        if role == Qt.ItemDataRole.DisplayRole and isinstance(source, QFileSystemModel):
            column = index.column()
            if column in (SIZE_COLUMN, DATE_COLUMN):
                info = source.fileInfo(self.mapToSource(index))
                if column == DATE_COLUMN:
                    modified = info.lastModified().toSecsSinceEpoch()
                    return datetime_text(datetime.fromtimestamp(modified, UTC))
                if info.isFile():
                    return QLocale().formattedDataSize(info.size(), 2, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
        return super().data(index, role)


def save_dialog(
    parent: QWidget, title: str, path: str, filter_text: str, suffix: str, chosen: Callable[[Path], object]
) -> QFileDialog:
    """Save as ``path`` (``suffix`` added when the name has none), opened; ``chosen(path)`` on 保存.

    A bare file name is put in the Documents folder.
    """
    if not Path(path).is_absolute():
        path = documents_path(path)
    dialog = _dialog(parent, title, path, filter_text)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix)
    return _open(dialog, chosen)


def open_dialog(
    parent: QWidget, title: str, directory: str, filter_text: str, chosen: Callable[[Path], object]
) -> QFileDialog:
    """Choose one existing file, opened; ``chosen(path)`` on 打开.

    It starts in ``directory``, or in the Documents folder when that is empty.
    """
    dialog = _dialog(parent, title, directory or documents_folder(), filter_text)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _open(dialog, chosen)


def _dialog(parent: QWidget, title: str, path: str, filter_text: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, path, filter_text)
    dialog.setProxyModel(ChineseFileColumns(dialog))  # only Qt's own dialog uses it; a native one ignores it
    return dialog


def _open(dialog: QFileDialog, chosen: Callable[[Path], object]) -> QFileDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.open()
    return dialog
