"""The file dialogs of the views: a 另存为 that starts in the Documents folder, and a choose-a-file.

Both are window-modal (``open()``, not ``exec()``), delete themselves when closed and call back
with the chosen ``Path``; the caller keeps the returned dialog (tests answer it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_path(name: str) -> str:
    """``name`` in the person's Documents folder (where a save starts)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder) / name)


def save_dialog(
    parent: QWidget, title: str, path: str, filter_text: str, suffix: str, chosen: Callable[[Path], object]
) -> QFileDialog:
    """Save as ``path`` (``suffix`` added when the name has none), opened; ``chosen(path)`` on 保存."""
    dialog = QFileDialog(parent, title, path, filter_text)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix)
    return _open(dialog, chosen)


def open_dialog(
    parent: QWidget, title: str, directory: str, filter_text: str, chosen: Callable[[Path], object]
) -> QFileDialog:
    """Choose one existing file, opened; ``chosen(path)`` on 打开."""
    dialog = QFileDialog(parent, title, directory, filter_text)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _open(dialog, chosen)


def _open(dialog: QFileDialog, chosen: Callable[[Path], object]) -> QFileDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.open()
    return dialog
