"""The one upload widget: file dialog or drag and drop, checks before sending, progress, preview.

Used by every form that takes proofs.  A chosen file is checked here first with the rules the
server enforces (zikao_common.uploads: type by content, size, complete PDF) so a bad file gets a
clear message without a round trip; then it is sent on a worker with a progress bar.  The server
checks again (pixel count, re-encoding) and its refusal is shown in the same place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.errors import ApiError
from desktop.api.records import UploadedFile
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.widgets.files import open_dialog
from desktop.views.widgets.forms import caption
from zikao_common.uploads import MAX_UPLOAD_BYTES, PDF_EOF_WINDOW, SNIFF_BYTES, size_text, upload_problem

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

RULES_TEXT = QT_TR_NOOP("JPEG、PNG图片或PDF文件，每个不超过{mb}MB")
FILE_FILTER = QT_TR_NOOP("证明材料 (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)")


def rules_text() -> str:
    """The upload rules in the current language."""
    return tr(RULES_TEXT).format(mb=MAX_UPLOAD_BYTES // (1024 * 1024))


PREVIEW_SIZE = (136, 100)


class LocalFileProblem(Exception):
    """The file was refused here, before anything was sent."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Sent:
    file: UploadedFile
    data: bytes  # kept for the preview


def read_checked(path: Path, max_bytes: int = MAX_UPLOAD_BYTES) -> bytes:
    """The file's bytes if it may be uploaded; else ``LocalFileProblem`` saying why (worker thread)."""
    try:
        size = path.stat().st_size
        if size > max_bytes or size == 0:
            problem = upload_problem(b"", size, max_bytes=max_bytes)
            raise LocalFileProblem(problem or tr("文件不能上传"))
        data = path.read_bytes()
    except OSError as exc:
        raise LocalFileProblem(tr("无法读取该文件：{reason}").format(reason=exc.strerror or exc)) from None
    problem = upload_problem(data[:SNIFF_BYTES], len(data), data[-PDF_EOF_WINDOW:], max_bytes)
    if problem:
        raise LocalFileProblem(problem)
    return data


class _ProgressRelay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to the progress bar."""

    progress = Signal(int, int)


class UploadWidget(QFrame):
    """A list of uploaded proofs with 添加 / 移除, a drop zone, a progress bar and a preview."""

    files_changed = Signal()
    upload_failed = Signal(str)  # the message shown

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        max_files: int = 5,
        title: str = QT_TR_NOOP("证明材料"),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uploadWidget")
        self.setAcceptDrops(True)
        self.client = client
        self.runner = runner
        self.max_files = max_files
        self._files: list[UploadedFile] = []
        self._data: dict[int, bytes] = {}  # file id → bytes, for previews
        self._uploading = False
        self._read_only = False
        self.file_dialog: QFileDialog | None = None

        title_label = caption(tr("{title}：").format(title=tr(title)))
        self.drop_label = QLabel(tr("将文件拖到这里，或点击“添加文件”。{rules}").format(rules=rules_text()))
        self.drop_label.setObjectName("dropZone")
        self.drop_label.setWordWrap(True)
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_button = QPushButton(tr("添加文件(&F)…"))
        self.add_button.setObjectName("addFileButton")
        self.add_button.clicked.connect(self.choose_file)
        self.remove_button = QPushButton(tr("移除(&V)"))
        self.remove_button.setObjectName("removeFileButton")
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)

        self.list = QListWidget()
        self.list.setObjectName("fileList")
        self.list.setAccessibleName(tr("已上传的证明材料"))
        self.list.setMaximumHeight(66)
        self.list.currentRowChanged.connect(self._selected)
        self.preview = QLabel(tr("无预览"))
        self.preview.setObjectName("filePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(*PREVIEW_SIZE)

        self.progress = QProgressBar()
        self.progress.setObjectName("uploadProgress")
        self.progress.setRange(0, 100)
        self.progress.setFormat(tr("正在上传 %p%"))
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("uploadError")
        self.message.setWordWrap(True)
        self.message.hide()
        self._relay = _ProgressRelay(self)
        self._relay.progress.connect(self._show_progress)

        buttons = QHBoxLayout()
        buttons.addWidget(title_label)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.drop_label)
        left.addWidget(self.list)
        left.addWidget(self.progress)
        left.addWidget(self.message)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 8, 8, 8)
        row.addLayout(left, 1)
        row.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)

    # --- state -------------------------------------------------------------------------------------
    @property
    def uploading(self) -> bool:
        return self._uploading

    @property
    def files(self) -> list[UploadedFile]:
        return list(self._files)

    def file_ids(self) -> list[int]:
        return [f.file_id for f in self._files]

    def set_files(self, files: list[UploadedFile] | tuple[UploadedFile, ...]) -> None:
        self._files = list(files)
        self._data = {k: v for k, v in self._data.items() if k in self.file_ids()}
        self._refill()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.setAcceptDrops(not read_only)
        self.drop_label.setVisible(not read_only)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        self._update_buttons()

    def _refill(self) -> None:
        self.list.clear()
        for f in self._files:
            kind = "PDF" if f.content_type == "application/pdf" else tr("图片")
            item = QListWidgetItem(
                tr("{name}（{kind}，{size}）").format(name=f.name, kind=kind, size=size_text(f.size))
            )
            item.setData(Qt.ItemDataRole.UserRole, f.file_id)
            self.list.addItem(item)
        if self._files:
            self.list.setCurrentRow(len(self._files) - 1)
        else:
            self._show_preview(None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = not self._read_only and not self._uploading
        self.add_button.setEnabled(editable and len(self._files) < self.max_files)
        self.remove_button.setEnabled(editable and self.list.currentRow() >= 0)

    # --- adding ------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        self.file_dialog = open_dialog(self, tr("选择证明材料"), "", tr(FILE_FILTER), self.add_path)

    def add_path(self, path: Path) -> bool:
        """Check ``path`` and send it (on a worker); False when nothing was started."""
        if self._read_only or self._uploading:
            return False
        if len(self._files) >= self.max_files:
            self._show_message(tr("最多上传{count}个文件，请先移除不需要的文件").format(count=self.max_files))
            return False
        self._uploading = True
        self._update_buttons()
        self.message.hide()
        self.progress.setValue(0)
        self.progress.show()
        client, relay = self.client, self._relay

        def work() -> Sent:
            data = read_checked(path)
            sent = client.records.upload_bytes(path.name, data, progress=relay.progress.emit)
            return Sent(sent, data)

        self.runner.run(work, self._sent, self._failed, owner=self)
        return True

    def _show_progress(self, sent: int, total: int) -> None:
        if total > 0:
            self.progress.setValue(min(100, sent * 100 // total))

    def _sent(self, result: Sent) -> None:
        self._uploading = False
        self.progress.hide()
        self._data[result.file.file_id] = result.data
        self._files.append(result.file)
        self._refill()
        self.files_changed.emit()

    def _failed(self, exc: Exception) -> None:
        self._uploading = False
        self.progress.hide()
        self._update_buttons()
        if isinstance(exc, LocalFileProblem):
            message = exc.message
        elif isinstance(exc, ApiError):
            message = tr("服务器未接受该文件：{reason}").format(reason=user_message(exc))
        else:
            log.error("upload failed", exc_info=exc)
            message = user_message(exc)
        self._show_message(message)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.upload_failed.emit(text)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if self._read_only or row < 0 or row >= len(self._files):
            return
        del self._files[row]
        self._refill()
        self.files_changed.emit()

    # --- preview ---------------------------------------------------------------------------------------
    def _selected(self, row: int) -> None:
        self._update_buttons()
        if not 0 <= row < len(self._files):
            self._show_preview(None)
            return
        f = self._files[row]
        if not f.is_image:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("PDF文件\n（无预览）"))
            return
        if f.file_id in self._data:
            self._show_preview(self._data[f.file_id])
            return
        self.preview.setText(tr("正在加载预览…"))
        client = self.client
        self.runner.run(
            lambda: client.records.file(f.file_id),
            lambda data: self._fetched(f.file_id, data),
            self._no_preview,
            owner=self,
        )

    def _fetched(self, file_id: int, data: bytes) -> None:
        self._data[file_id] = data
        current = self.list.currentRow()
        if 0 <= current < len(self._files) and self._files[current].file_id == file_id:
            self._show_preview(data)

    def _no_preview(self, _exc: Exception) -> None:
        self.preview.setText(tr("无法加载预览"))

    def _show_preview(self, data: bytes | None) -> None:
        image = QImage()
        if data is None or not image.loadFromData(data) or image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("无预览"))
            return
        pixmap = QPixmap.fromImage(image).scaled(
            self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(pixmap)

    # --- drag and drop ----------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if not self._read_only and urls and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if not urls or self._read_only:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_path(Path(urls[0].toLocalFile()))
