"""软件更新 dialog: what is new and how large, download with progress, install at the next start.

Opened by ``UpdateChecker`` with an offer (or with the reason there is none); the download runs on
a worker (desktop/core/tasks.py) and nothing is installed before the user agreed
(docs/updates.md, "What the user sees").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr

if TYPE_CHECKING:  # python-tuf is imported on the worker, at the first check
    from desktop.updates.client import Offer, UpdateClient

STAGED = QT_TR_NOOP("新版本已下载并通过签名验证，下次启动程序时自动安装。")


def size_text(size: int) -> str:
    """A download size for people: 12.3 MB, 850 KB, 900 字节 (900 bytes)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return tr("%n 字节", None, size)


def refusal_text(exc: BaseException) -> str:
    """Why a check or a download was refused, in the program's language (desktop.updates.client)."""
    from desktop.updates.client import REFUSED, refusal  # imported by the worker already

    refused = refusal(exc)
    reason = tr(refused.reason)
    return tr(REFUSED).format(reason=reason) if refused.kept else reason


class _Progress(QObject):
    """Carries the worker's progress to the dialog (a queued signal: it lives on the GUI thread)."""

    changed = Signal(int, int)


class UpdateDialog(QDialog):
    """Shows an offer (or a message) and, once the user agrees, downloads and stages the update."""

    staged = Signal(str)  # the version ready for the next start

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateDialog")
        self.setWindowTitle(tr("软件更新"))
        self.setMinimumWidth(420)
        self.runner = runner
        self.client: UpdateClient | None = None
        self.message_label = QLabel()
        self.message_label.setObjectName("updateMessage")
        self.message_label.setWordWrap(True)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("updateNotes")
        self.notes_edit.setReadOnly(True)
        self.notes_edit.setMaximumHeight(140)
        self.notes_edit.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("updateProgress")
        self.progress_bar.hide()
        self.buttons = QDialogButtonBox()
        self.install_button = QPushButton(tr("下载，下次启动时安装"))
        self.install_button.setObjectName("updateInstall")
        self.install_button.hide()
        self.install_button.clicked.connect(self._download)
        self.buttons.addButton(self.install_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(tr("以后再说"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("updateClose")
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.notes_edit)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.buttons)
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._close_client)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.notes_edit.hide()
        self.install_button.hide()
        self.close_button.setText(tr("关闭"))

    def show_offer(self, client: UpdateClient, offer: Offer) -> None:
        self.client = client
        kind = tr("增量更新") if offer.is_patch else tr("完整更新")
        text = tr("有新版本 {version}（当前版本 {current}），需下载 {size}（{kind}）。\n新版本的内容：")
        self.message_label.setText(
            text.format(
                version=offer.version,
                current=client.release.version,
                size=size_text(offer.download_bytes),
                kind=kind,
            )
        )
        self.notes_edit.setPlainText(offer.notes or tr("（发布者没有写说明）"))
        self.notes_edit.show()
        self.install_button.show()
        self.install_button.setEnabled(True)

    def _download(self) -> None:
        client = self.client
        if client is None:
            return
        self.install_button.setEnabled(False)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.message_label.setText(tr("正在下载并验证新版本……"))
        emit = self._progress.changed.emit
        self.runner.run(
            lambda: client.download_and_stage(lambda done, total: emit(done, total)),
            self._staged,
            self._failed,
            owner=self,
        )

    def _show_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, total))
        self.progress_bar.setFormat(f"{size_text(done)} / {size_text(total)}")

    def _staged(self, _folder: object) -> None:
        self.progress_bar.hide()
        self.show_message(tr(STAGED))
        if self.client is not None:
            self.staged.emit(self.client.release.version)

    def _failed(self, exc: Exception) -> None:
        self.progress_bar.hide()
        self.show_message(refusal_text(exc))

    def _close_client(self) -> None:
        if self.client is not None:
            self.client.close()
