"""管理 → 通知公告: the administrator lists every notice (also scheduled and withdrawn ones),
publishes (now or at a set time), edits, withdraws with a reason and adds attachments.

Everything goes through the notices module's admin API (``client.notices.admin_*``), which
checks the role and writes the audit record.  Attachments are picked with a file dialog: the
records' ``UploadWidget`` uploads proofs to ``/files`` for the examinee's own applications, while
a notice's attachment belongs to one existing notice (its own endpoint), so it does not fit.

A ``StaffPage`` inside 管理 (``AdminPage`` reloads it with itself, so it lists no topics of its
own): it loads when its tab is first shown; each write answers with the notice as it is now,
which replaces (or adds) its row.  Times are the server's (``self.clock``), in Beijing time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.api.notices import CATEGORIES, AdminNotice
from desktop.core.clock import BEIJING, ServerClock, to_beijing
from desktop.core.errors import present_error
from desktop.core.store import SessionStore
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.staff_models import AdminNoticeModel
from desktop.views.staff.dialogs import ReasonDialog
from desktop.views.staff.widgets import StaffPage
from desktop.views.widgets.files import open_dialog
from desktop.views.widgets.forms import add_row
from desktop.views.widgets.submit_dialog import SubmitDialog
from desktop.views.widgets.tables import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

SendCall = Callable[[dict[str, Any]], AdminNotice]
WITHDRAWN = QT_TR_NOOP("已撤回")  # the server's states; tr(state) where shown
SCHEDULED = QT_TR_NOOP("待发布")
PUBLISHED = QT_TR_NOOP("已发布")
EDIT_FORMAT = QT_TR_NOOP("yyyy年M月d日 HH:mm")


class NoticeEditDialog(SubmitDialog):
    """A new notice or changes to one: category, title, body, publish time; sends and reports ``saved``."""

    saved = Signal(object)  # AdminNotice

    def __init__(
        self,
        runner: TaskRunner,
        send: SendCall,
        now: datetime,
        notice: AdminNotice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("修改通知公告") if notice else tr("发布新通知"), "noticeEditDialog", parent)
        self.setMinimumSize(620, 480)
        self.runner, self.write, self.notice = runner, send, notice
        self.tz = BEIJING  # times are the server's (Beijing time)
        now = to_beijing(now)
        self.now = now
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("noticeCategory")
        self.category_combo.addItems(CATEGORIES)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("noticeTitle")
        self.title_edit.setMaxLength(120)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("noticeBody")
        self.body_edit.setTabChangesFocus(True)
        self.schedule_check = QCheckBox(tr("定时发布(&S)"))
        self.schedule_check.setObjectName("noticeSchedule")
        self.time_edit = QDateTimeEdit()
        self.time_edit.setObjectName("noticePublishAt")
        self.time_edit.setAccessibleName(tr("发布时间"))
        self.time_edit.setDisplayFormat(tr(EDIT_FORMAT))
        self.time_edit.setCalendarPopup(True)
        self.schedule_check.toggled.connect(self.time_edit.setEnabled)
        start = now.replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
        if notice is not None:
            self.category_combo.setCurrentText(notice.category)
            self.title_edit.setText(notice.title)
            self.body_edit.setPlainText(notice.body)
            if notice.state == SCHEDULED:
                start = to_beijing(notice.publish_at)
                self.schedule_check.setChecked(True)
            else:  # already public: its publish time stays as it is
                self.schedule_check.setEnabled(False)
        self.time_edit.setDateTime(
            QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute))
        )
        self.time_edit.setEnabled(self.schedule_check.isChecked())
        timing = QHBoxLayout()
        timing.addWidget(self.schedule_check)
        timing.addWidget(self.time_edit)
        timing.addStretch(1)
        form = QFormLayout()
        for text, widget in ((tr("分类(&C)"), self.category_combo), (tr("标题(&T)"), self.title_edit)):
            add_row(form, text, widget, plain=True)
        add_row(form, tr("正文(&B)"), self.body_edit, plain=True)
        form.addRow(tr("发布时间"), timing)
        buttons = self.ok_cancel(tr("保存") if notice else tr("发布"), self.submit)
        self.set_fields(
            {
                "category": self.category_combo,
                "title": self.title_edit,
                "body": self.body_edit,
                "publish_at": self.time_edit,
            }
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(QLabel(tr("不勾选“定时发布”即立即发布；发布、修改、撤回都会记入审计日志。")))
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.title_edit.setFocus()

    def fields(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "category": self.category_combo.currentText(),
            "title": self.title_edit.text().strip(),
            "body": self.body_edit.toPlainText().strip(),
        }
        if self.schedule_check.isChecked():
            wall = self.time_edit.dateTime().toPython()
            assert isinstance(wall, datetime)
            values["publish_at"] = wall.replace(tzinfo=self.tz)  # the editor shows Beijing wall time
        elif self.notice is not None and self.notice.state == SCHEDULED:
            values["publish_at"] = self.now  # no longer scheduled: published now
        return values

    def submit(self) -> None:
        values = self.fields()
        if len(values["title"]) < 2:
            self.show_error(tr("请填写标题（至少2个字）"), "title")
            return
        if not values["body"]:
            self.show_error(tr("请填写正文"), "body")
            return
        if self.schedule_check.isChecked() and values["publish_at"] <= self.now:
            self.show_error(tr("定时发布的时间应晚于现在；要立即发布请取消“定时发布”"), "publish_at")
            return
        write = self.write
        super().send(self.runner, lambda: write(values), self.saved.emit)


class NoticesAdminPanel(StaffPage):
    OBJECT_NAME = "noticesAdminPanel"
    TITLE = QT_TR_NOOP("通知公告")
    LOADING_TEXT = QT_TR_NOOP("正在加载通知公告…")
    TOPICS: ClassVar[frozenset[str]] = frozenset()  # reloaded by 管理 (AdminPage) with the rest

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        store: SessionStore | None = None,
        clock: ServerClock | None = None,
        publish: Callable[[object], None] | None = None,
    ) -> None:
        #: who announces this panel's writes (管理 does it for its panels: it has shown them already)
        self._announce = publish if publish is not None else self.publish
        super().__init__(client, runner, parent, store=store, clock=clock)

    def setup(self) -> None:
        self.server_now: datetime | None = None

    def build_content(self) -> QWidget:
        self.model = AdminNoticeModel(self)
        self.table = table_view(self.model, "adminNotices")
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._selection_changed())
        self.preview = QTextBrowser()
        self.preview.setObjectName("noticePreview")

        self.new_button = QPushButton(tr("发布新通知(&N)…"))
        self.new_button.setObjectName("newNotice")
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button = QPushButton(tr("修改(&E)…"))
        self.edit_button.setObjectName("editNotice")
        self.edit_button.clicked.connect(lambda: self.open_editor(self.selected()))
        self.withdraw_button = QPushButton(tr("撤回(&W)…"))
        self.withdraw_button.setObjectName("withdrawNotice")
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.attach_button = QPushButton(tr("添加附件(&T)…"))
        self.attach_button.setObjectName("attachNotice")
        self.attach_button.clicked.connect(self._choose_attachment)
        refresh = QPushButton(tr("刷新(&R)"))
        refresh.clicked.connect(self.refresh)
        self.status_label = QLabel()
        self.status_label.setObjectName("noticesStatus")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.withdraw_button, self.attach_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.status_label)
        buttons.addWidget(refresh)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self._selection_changed()
        return content

    # --- loading --------------------------------------------------------------------------------------------
    def requests(self) -> dict[str, Callable[[], Any]]:
        return {"notices": self.client.notices.admin_list}

    def apply(self, results: dict[str, Any]) -> None:
        notices: list[AdminNotice] = results["notices"]
        current = self.selected()
        self.server_now = self.clock.now()
        self.model.set_items(notices)
        self._show_counts()
        ids = [n.id for n in notices]
        if notices:
            self.table.selectRow(ids.index(current.id) if current is not None and current.id in ids else 0)
        self._selection_changed()

    def show_status(self, text: str) -> None:
        if text:
            self.status_label.setText(text)
        else:
            self._show_counts()

    def _show_counts(self) -> None:
        notices = self.model.items
        counts = {state: sum(1 for n in notices if n.state == state) for state in (PUBLISHED, SCHEDULED, WITHDRAWN)}
        self.status_label.setText(
            tr("，").join(tr("{state} {count}").format(state=tr(s), count=n) for s, n in counts.items())
        )

    def _saved(self, notice: AdminNotice) -> None:
        """A write's answer: the notice as it is now replaces its row (a new one comes first)."""
        ids = [n.id for n in self.model.items]
        if notice.id in ids:
            row = ids.index(notice.id)
            self.model.replace_row(row, notice)
        else:
            row = 0
            self.model.insert_row(0, notice)
        self._show_counts()
        self.table.selectRow(row)
        self._selection_changed()
        self._announce(notice)

    def _write_failed(self, exc: Exception) -> None:
        self._show_counts()
        present_error(self, exc)

    def selected(self) -> AdminNotice | None:
        row = self.table.currentIndex().row()
        return self.model.item(row) if 0 <= row < self.model.rowCount() else None

    def _selection_changed(self) -> None:
        notice = self.selected()
        open_ = notice is not None and notice.state != WITHDRAWN
        self.edit_button.setEnabled(open_)
        self.withdraw_button.setEnabled(open_)
        self.attach_button.setEnabled(open_)
        if notice is None:
            self.preview.clear()
            return
        files = "".join(
            "<li>{}</li>".format(
                tr("{name}（{size} KB）").format(name=escape(a.file_name), size=max(1, a.size // 1024))
            )
            for a in notice.attachments
        )
        withdrawn = (
            "<p><b>{}</b>{}</p>".format(
                tr("已于 {time} 撤回：").format(time=datetime_text(notice.withdrawn_at)),
                escape(notice.withdrawn_reason or ""),
            )
            if notice.withdrawn_at
            else ""
        )
        body = "<br>".join(escape(line) for line in notice.body.splitlines())
        state, attachments = tr("（{state}）").format(state=tr(notice.state)), tr("附件")
        self.preview.setHtml(
            f"<h3>{escape(notice.title)}</h3><p>{escape(notice.category)} · {escape(notice.publisher)} · "
            f"{datetime_text(notice.publish_at)}{state}</p>{withdrawn}<p>{body}</p>"
            + (f"<p><b>{attachments}</b></p><ul>{files}</ul>" if files else "")
        )

    # --- actions ------------------------------------------------------------------------------------------
    def open_editor(self, notice: AdminNotice | None) -> NoticeEditDialog:
        client = self.client
        if notice is None:

            def send(v: dict[str, Any]) -> AdminNotice:
                return client.notices.admin_create(v["title"], v["body"], v["category"], publish_at=v.get("publish_at"))

        else:
            notice_id = notice.id

            def send(v: dict[str, Any]) -> AdminNotice:
                return client.notices.admin_update(notice_id, **v)

        dialog = NoticeEditDialog(self.runner, send, self.clock.now(), notice, self)
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def ask_withdraw(self) -> ReasonDialog | None:
        notice = self.selected()
        if notice is None or notice.state == WITHDRAWN:
            return None
        dialog = ReasonDialog(
            tr("撤回：{title}").format(title=notice.title),
            tr("请填写撤回原因（记入审计日志）；撤回后考生不再能查看这条通知："),
            tr("撤回"),
            self,
        )
        client, notice_id = self.client, notice.id
        dialog.reason_given.connect(
            lambda reason: dialog.send(
                self.runner, lambda: client.notices.admin_withdraw(notice_id, reason), self._saved
            )
        )
        dialog.open()
        return dialog

    def _choose_attachment(self) -> None:
        open_dialog(self, tr("添加附件"), "", tr("附件 (*.pdf *.png *.jpg *.jpeg)"), self.attach)

    def attach(self, path: Path) -> None:
        notice = self.selected()
        if notice is None:
            return
        client, notice_id = self.client, notice.id
        self.status_label.setText(tr("正在上传附件…"))
        self.runner.run(
            lambda: client.notices.admin_add_attachment(notice_id, path),
            self._saved,
            self._write_failed,
            owner=self,
        )
