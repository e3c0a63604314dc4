"""The reader pane: title, category · publisher · date, the text, and the attachments with
打开 (a temporary copy opened by the system's viewer) and 另存为 (a file dialog)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.api.notices import Notice, NoticeAttachment, NoticeSummary
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.widgets.forms import hint

EMPTY_TEXT = QT_TR_NOOP("在左侧选择一条通知阅读。")


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class NoticeReader(QWidget):
    open_requested = Signal(object)  # NoticeAttachment
    save_requested = Signal(object)  # NoticeAttachment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeReader")
        self.notice: Notice | None = None
        self.title = QLabel(tr(EMPTY_TEXT))
        self.title.setObjectName("readerTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("#readerTitle { font-size: 15pt; font-weight: bold; }")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = hint(wrap=False)
        self.body = QTextBrowser()
        self.body.setObjectName("readerBody")
        self.body.setOpenExternalLinks(False)
        self.body.setAccessibleName(tr("通知正文"))
        self.attachments_label = QLabel(tr("附件(&F)："))
        self.attachments = QListWidget()
        self.attachments.setObjectName("attachmentList")
        self.attachments.setMaximumHeight(86)
        self.attachments_label.setBuddy(self.attachments)
        self.attachments.itemDoubleClicked.connect(lambda _item: self._emit(self.open_requested))
        self.attachments.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.open_button = QPushButton(tr("打开(&O)"))
        self.open_button.setObjectName("openAttachment")
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.save_button = QPushButton(tr("另存为(&S)…"))
        self.save_button.setObjectName("saveAttachment")
        self.save_button.clicked.connect(lambda: self._emit(self.save_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.attachments_label)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.attachments)
        self.files_enabled = True
        self.show_notice(None)

    def show_notice(self, notice: Notice | None, summary: NoticeSummary | None = None, note: str = "") -> None:
        """Show ``notice`` (or only what the list knows, ``summary``, with ``note`` in place of the text)."""
        self.notice = notice
        shown = notice or summary
        if shown is None:
            self.title.setText(tr(EMPTY_TEXT))
            self.meta.clear()
            self.body.clear()
        else:
            self.title.setText(shown.title)
            self.meta.setText(
                tr("{category} · {publisher} · 发布于 {datetime_text}").format(
                    category=tr(shown.category),
                    publisher=shown.publisher,
                    datetime_text=datetime_text(shown.publish_at),
                )
            )
            self.body.setPlainText(notice.body if notice is not None else note)
        self.attachments.clear()
        for att in notice.attachments if notice is not None else ():
            item = QListWidgetItem(
                tr("{file_name}（{size_text}）").format(file_name=att.file_name, size_text=size_text(att.size))
            )
            item.setData(Qt.ItemDataRole.UserRole, att)
            self.attachments.addItem(item)
        if self.attachments.count():
            self.attachments.setCurrentRow(0)
        has_files = self.attachments.count() > 0
        self.attachments.setVisible(has_files)
        self.attachments_label.setVisible(has_files)
        self.open_button.setVisible(has_files)
        self.save_button.setVisible(has_files)
        self._update_buttons()

    def set_files_enabled(self, enabled: bool) -> None:
        self.files_enabled = enabled
        self._update_buttons()

    def current_attachment(self) -> NoticeAttachment | None:
        item = self.attachments.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, NoticeAttachment) else None

    def _update_buttons(self) -> None:
        ok = self.files_enabled and self.current_attachment() is not None
        self.open_button.setEnabled(ok)
        self.save_button.setEnabled(ok)

    def _emit(self, signal: Signal) -> None:
        att = self.current_attachment()
        if att is not None and self.files_enabled:
            signal.emit(att)  # type: ignore[attr-defined]
