"""One application on screen: its form, proofs, buttons for what its state allows, and its history.

A new application (``unsaved_application``) exists only here until the person asks for it: its
first 保存草稿 or 提交 creates the draft on the server.  From then on drafts live on the server:
保存草稿 stores them, and edits are also saved on their own a few seconds after typing stops, so a
crash or a logout loses at most those seconds.  提交 saves first, then submits; a returned
application is corrected here and submitted again.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.records import KIND_TEXT, Application
from desktop.core.errors import present_error
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import time_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.records_models import HistoryTableModel
from desktop.views.records.forms import FormContext, KindForm, make_form
from desktop.views.widgets.forms import hint
from desktop.views.widgets.tables import table_view
from desktop.views.widgets.upload import UploadWidget

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

AUTOSAVE_MS = 4000
NEEDS_PROOF = frozenset({"correction", "exemption", "transfer_out", "transfer_in"})
NEW_APPLICATION_TEXT = QT_TR_NOOP("尚未保存：点击“保存草稿”或“提交申请”后才会保存到服务器")


def unsaved_application(kind: str, now: datetime) -> Application:
    """A new application of ``kind`` that is not on the server yet (no number)."""
    return Application(
        application_no="",
        kind=kind,
        kind_text=tr(KIND_TEXT.get(kind, kind)),
        status="draft",
        status_text=tr("新申请"),
        summary="",
        data={},
        files=(),
        created_at=now,
        updated_at=now,
        submitted_at=None,
        decided_at=None,
        reason=None,
        editable=True,
        can_submit=True,
        can_withdraw=False,
    )


class ApplicationEditor(QWidget):
    """Shows and edits one application; tells the page when it changed or was deleted."""

    application_changed = Signal(object)  # Application
    deleted = Signal(str)  # application_no

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        context: FormContext,
        application: Application,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("applicationEditor")
        self.client = client
        self.runner = runner
        self.application = application
        self._busy = False
        self._dirty = False
        self.confirm_box: QMessageBox | None = None

        self.title = QLabel()
        self.title.setObjectName("applicationTitle")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("applicationStatus")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.status_badge)
        head.addStretch(1)

        self.deadline_label = hint()
        self.deadline_label.hide()

        self.reason_banner = QLabel()
        self.reason_banner.setObjectName("reasonBanner")
        self.reason_banner.setWordWrap(True)
        self.reason_banner.hide()

        self.form: KindForm = make_form(application.kind, context, client, runner, application.application_no)
        self.form.changed.connect(self._edited)
        self.upload: UploadWidget | None = None
        if application.kind in NEEDS_PROOF:
            self.upload = UploadWidget(client, runner, self)
            self.upload.files_changed.connect(self._edited)

        self.save_button = QPushButton(tr("保存草稿(&S)"))
        self.save_button.setObjectName("saveDraftButton")
        self.save_button.clicked.connect(self.save)
        self.submit_button = QPushButton(tr("提交申请(&U)"))
        self.submit_button.setObjectName("submitButton")
        self.submit_button.clicked.connect(self.submit)
        self.withdraw_button = QPushButton(tr("撤回申请(&W)"))
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(self.withdraw)
        self.delete_button = QPushButton(tr("删除草稿(&D)"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.confirm_delete)
        self.saved_label = hint(wrap=False)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.submit_button, self.withdraw_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addWidget(self.saved_label, 1)

        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(16, 14, 16, 14)
        card_layout.addLayout(head)
        card_layout.addWidget(self.reason_banner)
        card_layout.addWidget(self.deadline_label)
        card_layout.addWidget(self.form)
        if self.upload is not None:
            card_layout.addWidget(self.upload)
        card_layout.addLayout(buttons)

        self.history_model = HistoryTableModel(self)
        self.history = table_view(self.history_model, "historyTable", word_wrap=True)
        history_box = QGroupBox(tr("办理记录"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(card)
        layout.addWidget(history_box, 1)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._autosave_now)

        self.show_application(application, load_form=True)

    # --- showing ----------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def is_new(self) -> bool:
        """Not on the server yet: the first 保存草稿 or 提交 creates it."""
        return not self.application.application_no

    def show_application(self, app: Application, *, load_form: bool) -> None:
        self.application = app
        self.title.setText(
            tr("{kind_text}　{value}").format(kind_text=app.kind_text, value=app.application_no or tr("新申请"))
        )
        self.status_badge.setText(app.status_text)
        self.status_badge.setProperty("status", app.status)
        self.status_badge.style().unpolish(self.status_badge)
        self.status_badge.style().polish(self.status_badge)
        if app.status in ("returned", "rejected") and app.reason:
            word = tr("退回原因") if app.status == "returned" else tr("不通过原因")
            hint = tr("。请按说明修改后重新提交。") if app.status == "returned" else ""
            self.reason_banner.setText(tr("{word}：{reason}{hint}").format(word=word, reason=app.reason, hint=hint))
            self.reason_banner.show()
        elif app.status == "approved":
            self.reason_banner.setText(
                tr("审核通过") + (tr("：{reason}").format(reason=app.reason) if app.reason else tr("。"))
            )
            self.reason_banner.show()
        else:
            self.reason_banner.hide()
        self.reason_banner.setProperty("status", app.status)
        self.reason_banner.style().unpolish(self.reason_banner)
        self.reason_banner.style().polish(self.reason_banner)
        self.deadline_label.setText(app.deadline_note or "")
        self.deadline_label.setVisible(bool(app.deadline_note))
        if load_form:
            self.form.load(app.data, app.summary)
            if self.upload is not None:
                self.upload.set_files(list(app.files))
            self._dirty = False
        self.form.set_read_only(not app.editable)
        if self.upload is not None:
            self.upload.set_read_only(not app.editable)
        self.history_model.set_items(list(app.events))
        self.history.resizeRowsToContents()
        self.history.scrollToBottom()  # the latest step (and the staff's comment) first in sight
        self._update_buttons()

    def _update_buttons(self) -> None:
        app, idle = self.application, not self._busy
        self.save_button.setVisible(app.editable)
        self.saved_label.setVisible(app.editable or app.can_withdraw)
        self.submit_button.setVisible(app.can_submit)
        self.submit_button.setText(tr("重新提交(&U)") if app.status == "returned" else tr("提交申请(&U)"))
        self.withdraw_button.setVisible(app.can_withdraw)
        self.delete_button.setVisible(app.status == "draft" and app.submitted_at is None)
        self.delete_button.setText(tr("放弃(&D)") if self.is_new else tr("删除草稿(&D)"))
        for b in (self.save_button, self.submit_button, self.withdraw_button, self.delete_button):
            b.setEnabled(idle)
        if app.can_submit:
            self.submit_button.setDefault(True)

    # --- editing and saving ------------------------------------------------------------------------------
    def _edited(self) -> None:
        if not self.application.editable:
            return
        self._dirty = True
        if self.is_new:  # nothing goes to the server before it is asked for
            self.saved_label.setText(tr(NEW_APPLICATION_TEXT))
            return
        self.saved_label.setText(tr("有未保存的修改"))
        self._autosave.start()

    def _autosave_now(self) -> None:
        if self._dirty and self.application.editable:
            if self._busy or (self.upload is not None and self.upload.uploading):
                self._autosave.start()  # try again after the current request
            else:
                self.save(quiet=True)

    def _payload(self) -> tuple[dict[str, object], list[int]]:
        files = self.upload.file_ids() if self.upload is not None else []
        return self.form.data(), files

    def _start(self) -> bool:
        if self._busy or (self.upload is not None and self.upload.uploading):
            return False
        self._autosave.stop()
        self._busy = True
        self._update_buttons()
        return True

    def _finish(self) -> None:
        self._busy = False
        self._update_buttons()

    def save(self, quiet: bool = False) -> bool:
        if not self.application.editable or not self._start():
            return False
        data, files = self._payload()
        no, kind, client = self.application.application_no, self.application.kind, self.client
        self.saved_label.setText(tr("正在保存…"))
        if not no:  # the first save creates the draft
            self.runner.run(lambda: client.records.create(kind, data, files), self._saved, self._failed, owner=self)
            return True
        self.runner.run(lambda: client.records.save(no, data, files), self._saved, self._failed, owner=self)
        return True

    def _saved(self, app: Application) -> None:
        self._finish()
        self._dirty = False
        self.saved_label.setText(tr("草稿已保存（{time_text}）").format(time_text=time_text(app.updated_at)))
        self.show_application(app, load_form=False)
        self.application_changed.emit(app)

    def submit(self) -> bool:
        if not self.application.can_submit or not self._start():
            return False
        data, files = self._payload()
        no, kind, client = self.application.application_no, self.application.kind, self.client
        if not no:  # created first (and shown as the draft it is), then submitted
            self.saved_label.setText(tr("正在提交…"))
            self.runner.run(
                lambda: client.records.create(kind, data, files), self._created_to_submit, self._failed, owner=self
            )
            return True

        def work() -> Application:
            client.records.save(no, data, files)
            return client.records.submit(no)

        self.saved_label.setText(tr("正在提交…"))
        self.runner.run(work, self._submitted, self._failed, owner=self)
        return True

    def _created_to_submit(self, app: Application) -> None:
        """Created with what was typed: now submitted (nothing left to save first)."""
        self._saved(app)
        if not self._start():
            return
        no, client = app.application_no, self.client
        self.saved_label.setText(tr("正在提交…"))
        self.runner.run(lambda: client.records.submit(no), self._submitted, self._failed, owner=self)

    def _submitted(self, app: Application) -> None:
        self._finish()
        self._dirty = False
        self.saved_label.setText(tr("已提交，请等待审核"))
        self.show_application(app, load_form=False)
        self.application_changed.emit(app)

    def withdraw(self) -> bool:
        if not self.application.can_withdraw or not self._start():
            return False
        no, client = self.application.application_no, self.client
        self.runner.run(lambda: client.records.withdraw(no), self._withdrawn, self._failed, owner=self)
        return True

    def _withdrawn(self, app: Application) -> None:
        self._finish()
        self.saved_label.setText(tr("已撤回，可修改后再提交"))
        self.show_application(app, load_form=True)
        self.application_changed.emit(app)

    def confirm_delete(self) -> None:
        if self.is_new and not self._dirty:  # nothing typed, nothing on the server: just close it
            self.deleted.emit("")
            return
        if self.is_new:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                tr("放弃新申请"),
                tr("放弃这份尚未保存的{kind_text}申请吗？已填写的内容将丢失。").format(
                    kind_text=self.application.kind_text
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            yes = box.button(QMessageBox.StandardButton.Yes)
            box.buttonClicked.connect(lambda button: self.deleted.emit("") if button is yes else None)
            self.confirm_box = box
            box.open()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("删除草稿"),
            tr("确定删除草稿 {application_no} 吗？删除后不能恢复。").format(
                application_no=self.application.application_no
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self.delete() if button is yes else None)
        self.confirm_box = box
        box.open()

    def delete(self) -> bool:
        if not self._start():
            return False
        no, client = self.application.application_no, self.client
        self.runner.run(lambda: client.records.delete(no), lambda _r: self._deleted(no), self._failed, owner=self)
        return True

    def _deleted(self, no: str) -> None:
        self._finish()
        self.deleted.emit(no)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        self.saved_label.setText(tr("操作未完成"))
        present_error(self, exc)
