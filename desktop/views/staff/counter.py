"""柜台 (the counter): find an examinee, see the record, verify identity, unlock, reset, print.

Counter PCs are shared, so "下一位考生" (Ctrl+N, also on the toolbar) forgets everything of the
previous examinee: the query, the results, the record, any open dialog (a revealed ID number, a
one-time password).  Nothing is written to disk here: receipts, tickets and transcripts go straight to the printer.

Unlocking and resetting a password need an identity check first (the server insists too): the
buttons say so rather than fail.

A ``StaffPage`` (``docs/desktop-core.md``): nothing to load before a search (``requests()`` is
empty); afterwards a reload (F5, a change published elsewhere, the server clock moved) asks for
the shown page of results and the shown record at once.  A write's answer (the verification, the
account's state) is applied to the record shown, and published.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ValidationFailed
from desktop.api.staff import (
    AccountState,
    ExamineeHit,
    ExamineeRecord,
    ExamineeSearch,
    OneTimePassword,
    Receipt,
    Verification,
)
from desktop.core.errors import present_error
from desktop.core.timefmt import datetime_text, time_text
from desktop.documents import render as documents
from desktop.documents.receipt import receipt_html
from desktop.documents.ticket import ticket_html
from desktop.documents.transcript import transcript_html
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.staff_models import ExamineeHitModel, ResultLineModel
from desktop.models.table import session_name, yuan
from desktop.resources.icons import icon
from desktop.views.staff.dialogs import ReasonDialog, SecretDialog, VerifyDialog
from desktop.views.staff.widgets import StaffPage
from desktop.views.widgets.forms import Refusal, buddy_label, caption, hint, text_label
from desktop.views.widgets.tables import table_view

log = logging.getLogger(__name__)

SEARCH_KEYS = (
    ("auto", QT_TR_NOOP("自动识别")),
    ("exam_no", QT_TR_NOOP("准考证号")),
    ("id_number", QT_TR_NOOP("身份证号")),
    ("name", QT_TR_NOOP("姓名")),
    ("phone", QT_TR_NOOP("手机号")),
)
SEARCH_HINT = QT_TR_NOOP(
    "输入完整的准考证号、18位身份证号或11位手机号；姓名可只输入开头几个字；准考证号可只输入开头（至少4位）。"
)
NO_RECORD_TEXT = QT_TR_NOOP("请先查询考生，然后在左侧列表中选择一名考生。")
RECORD_FIELDS = (
    (QT_TR_NOOP("姓名"), "name"),
    (QT_TR_NOOP("准考证号"), "exam_no"),
    (QT_TR_NOOP("性别"), "gender"),
    (QT_TR_NOOP("身份证号"), "id_number"),
    (QT_TR_NOOP("手机号"), "phone"),
    (QT_TR_NOOP("市州 / 区县"), "region"),
    (QT_TR_NOOP("专业"), "major"),
    (QT_TR_NOOP("主考学校"), "university"),
    (QT_TR_NOOP("考籍状态"), "record_status"),
    (QT_TR_NOOP("账号状态"), "account"),
    (QT_TR_NOOP("身份核验"), "verified"),
)


class CounterPage(StaffPage):
    OBJECT_NAME = "counterPage"
    TITLE = QT_TR_NOOP("柜台")
    LOADING_TEXT = QT_TR_NOOP("正在打开柜台…")

    def setup(self) -> None:
        self.search_result: ExamineeSearch | None = None
        self.record: ExamineeRecord | None = None
        self._query = ("", "auto")
        self._dialogs: list[QDialog] = []
        # on the window's toolbar from the start (the main window asks before the page is shown)
        self.next_action = QAction(icon("fa5s.user-plus"), tr("下一位考生(&N)"), self)
        self.next_action.setObjectName("nextExamineeAction")
        self.next_action.setIconText(tr("下一位考生"))
        self.next_action.setShortcut(QKeySequence("Ctrl+N"))
        self.next_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.next_action.setToolTip(tr("清除上一位考生的全部信息，开始接待下一位 (Ctrl+N)"))
        self.next_action.triggered.connect(self.next_examinee)

    # --- building ------------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setMaxLength(40)
        self.query_edit.setPlaceholderText(tr("准考证号 / 身份证号 / 姓名 / 手机号"))
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.returnPressed.connect(self.search)
        query_label = buddy_label(tr("查询考生(&F)"), self.query_edit)
        self.key_combo = QComboBox()
        self.key_combo.setObjectName("searchKey")
        for key, text in SEARCH_KEYS:
            self.key_combo.addItem(tr(text), key)
        self.search_button = QPushButton(tr("查询(&S)"))
        self.search_button.setObjectName("searchButton")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.next_button = QPushButton(tr("下一位考生 (Ctrl+N)"))
        self.next_button.setObjectName("nextExamineeButton")
        self.next_button.clicked.connect(self.next_action.trigger)
        top = QHBoxLayout()
        top.addWidget(query_label)
        top.addWidget(self.query_edit, 1)
        top.addWidget(self.key_combo)
        top.addWidget(self.search_button)
        top.addSpacing(16)
        top.addWidget(self.next_button)
        search_hint = hint(tr(SEARCH_HINT))

        # results (left)
        self.hits = ExamineeHitModel(self)
        self.hits_view = table_view(self.hits, "searchResults")
        self.hits_view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._hit_chosen(current.row())
        )
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.prev_button = QPushButton(tr("上一页"))
        self.prev_button.setObjectName("prevPage")
        self.prev_button.clicked.connect(lambda: self._go_page(-1))
        self.next_page_button = QPushButton(tr("下一页"))
        self.next_page_button.setObjectName("nextPage")
        self.next_page_button.clicked.connect(lambda: self._go_page(1))
        pages = QHBoxLayout()
        pages.addWidget(self.result_label, 1)
        pages.addWidget(self.prev_button)
        pages.addWidget(self.next_page_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.hits_view, 1)
        left_layout.addLayout(pages)

        # the record (right)
        self.record_stack = QStackedWidget()
        self.placeholder = QLabel(tr(NO_RECORD_TEXT))
        self.placeholder.setObjectName("stateLabel")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.record_stack.addWidget(self.placeholder)
        self.record_stack.addWidget(self._build_record())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.record_stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        left.setMinimumWidth(420)
        splitter.setSizes([620, 640])
        splitter.setChildrenCollapsible(False)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(search_hint)
        layout.addWidget(splitter, 1)
        self._show_results()
        self._set_record(None)
        return content

    def _build_record(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("recordPanel")
        box = QGroupBox(tr("考生信息（敏感号码已遮挡）"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.fields: dict[str, QLabel] = {}
        for index, (title, key) in enumerate(RECORD_FIELDS):  # two label/value pairs per row
            value = text_label(f"field_{key}")
            row, column = divmod(index, 2)
            grid.addWidget(caption(tr(title)), row, column * 2)
            grid.addWidget(value, row, column * 2 + 1)
            self.fields[key] = value

        self.verify_button = QPushButton(tr("核验身份(&V)…"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.verify)
        self.reveal_button = QPushButton(tr("查看完整身份证号(&I)…"))
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.clicked.connect(self.reveal)
        self.unlock_button = QPushButton(tr("解锁账号(&U)"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        self.reset_button = QPushButton(tr("重置密码(&P)…"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.clicked.connect(self.reset_password)
        actions = QHBoxLayout()
        for button in (self.verify_button, self.reveal_button, self.unlock_button, self.reset_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.action_hint = hint()
        self.action_hint.hide()

        self.order_combo = QComboBox()
        self.order_combo.setObjectName("paidOrders")
        self.print_button = QPushButton(tr("打印报考回执单(&R)…"))
        self.print_button.setObjectName("printReceiptButton")
        self.print_button.clicked.connect(self.print_receipt)
        printing = QHBoxLayout()
        order_label = buddy_label(tr("已缴费订单(&O)"), self.order_combo)
        printing.addWidget(order_label)
        printing.addWidget(self.order_combo, 1)
        printing.addWidget(self.print_button)
        self.ticket_button = QPushButton(tr("打印准考证(&K)…"))
        self.ticket_button.setObjectName("printTicketButton")
        self.ticket_button.clicked.connect(self.print_ticket)
        self.transcript_button = QPushButton(tr("打印成绩单(&G)…"))
        self.transcript_button.setObjectName("printTranscriptButton")
        self.transcript_button.clicked.connect(self.print_transcript)
        documents_row = QHBoxLayout()
        documents_row.addWidget(self.ticket_button)
        documents_row.addWidget(self.transcript_button)
        documents_row.addStretch(1)
        self.print_hint = hint(tr("准考证只在打印开放期间可以打印；所有打印直接送往打印机，本机不保留文件。"))

        self.results = ResultLineModel(self)
        self.results_view = table_view(self.results, "recordResults")
        header = self.results_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the course name
        self.exemptions_label = QLabel()
        self.exemptions_label.setObjectName("exemptionsLabel")
        self.exemptions_label.setWordWrap(True)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addLayout(actions)
        layout.addWidget(self.action_hint)
        layout.addLayout(printing)
        layout.addLayout(documents_row)
        layout.addWidget(self.print_hint)
        layout.addWidget(QLabel(tr("成绩与免考")))
        layout.addWidget(self.results_view, 1)
        layout.addWidget(self.exemptions_label)
        return panel

    # --- the toolbar ------------------------------------------------------------------------------------
    def toolbar_actions(self) -> list[QAction]:
        return [self.next_action]

    # --- next examinee ------------------------------------------------------------------------------------
    def next_examinee(self) -> None:
        """Forget the previous examinee: query, results, record and every dialog about them."""
        self.ensure_built()
        for dialog in self._dialogs:
            if shiboken6.isValid(dialog):
                dialog.done(QDialog.DialogCode.Rejected)
        self._dialogs.clear()
        self.query_edit.clear()
        self.key_combo.setCurrentIndex(0)
        self._query = ("", "auto")
        self.search_result = None
        self.hits.set_items([])
        self._set_record(None)
        self._show_results()
        QGuiApplication.clipboard().clear()  # a number copied from the query box goes too
        self.query_edit.setFocus()
        log.info("counter cleared for the next examinee")

    def _track(self, dialog: QDialog) -> QDialog:
        self._dialogs = [d for d in self._dialogs if shiboken6.isValid(d)]
        self._dialogs.append(dialog)
        return dialog

    # --- search -----------------------------------------------------------------------------------------
    def search(self) -> None:
        query = self.query_edit.text().strip()
        if not query:
            self.result_label.setText(tr("请输入要查询的内容"))
            self.query_edit.setFocus()
            return
        self._query = (query, str(self.key_combo.currentData()))
        self._load_page(1)

    def _go_page(self, step: int) -> None:
        if self.search_result is not None:
            self._load_page(self.search_result.page + step)

    def _load_page(self, page: int) -> None:
        query, by = self._query
        client = self.client
        self.result_label.setText(tr("正在查询…", "search"))
        self.search_button.setEnabled(False)
        self.runner.run(lambda: client.staff.search(query, by, page), self._found, self._search_failed, owner=self)

    def _found(self, result: ExamineeSearch) -> None:
        if self._query[0] != result.query:  # cleared meanwhile (下一位考生)
            self.search_button.setEnabled(True)
            return
        self.search_result = result
        self.hits.set_items(result.items)
        self._set_record(None)
        self._show_results()
        if result.total == 1:
            self.hits_view.selectRow(0)
        elif result.items:
            self.hits_view.setFocus()

    def _search_failed(self, exc: Exception) -> None:
        self.search_button.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            self.result_label.setText(exc.message)
            self.query_edit.setFocus()
            self.query_edit.selectAll()
            return
        self._show_results()
        present_error(self, exc)

    def _show_results(self) -> None:
        self.search_button.setEnabled(True)
        result = self.search_result
        if result is None:
            self.result_label.setText("")
            self.prev_button.setEnabled(False)
            self.next_page_button.setEnabled(False)
            return
        if result.total == 0:
            self.result_label.setText(tr("按{by}没有找到考生，请核对后重试").format(by=result.by_text))
        else:
            self.result_label.setText(
                tr("按{by}找到 {total} 名考生（第 {page}/{pages} 页）").format(
                    by=result.by_text, total=result.total, page=result.page, pages=result.pages
                )
            )
        self.prev_button.setEnabled(result.page > 1)
        self.next_page_button.setEnabled(result.page < result.pages)

    # --- the record ----------------------------------------------------------------------------------------
    def _hit_chosen(self, row: int) -> None:
        if not 0 <= row < self.hits.rowCount():
            return
        self.load_record(self.hits.item(row))

    def load_record(self, hit: ExamineeHit) -> None:
        client = self.client
        self.runner.run(lambda: client.staff.record(hit.id), self._record_chosen, owner=self)

    def _record_chosen(self, record: ExamineeRecord) -> None:
        result = self.search_result  # 下一位考生 meanwhile: the record is not shown
        if result is not None and any(hit.id == record.id for hit in result.items):
            self._set_record(record)

    def reload_record(self) -> None:
        if self.record is not None:
            record_id, client = self.record.id, self.client
            self.runner.run(lambda: client.staff.record(record_id), self._record_again, owner=self)

    def _record_again(self, record: ExamineeRecord) -> None:
        if self.record is not None and self.record.id == record.id:  # not cleared meanwhile
            self._set_record(record)

    # --- (re)loading: F5, a change published elsewhere, the server clock moved -------------------------
    def requests(self) -> dict[str, Callable[[], Any]]:
        """The shown page of results and the shown record (nothing before a search)."""
        client = self.client
        wanted: dict[str, Callable[[], Any]] = {}
        result = self.search_result
        if result is not None:
            (query, by), page = self._query, result.page
            wanted["search"] = lambda: client.staff.search(query, by, page)
        if self.record is not None:
            record_id = self.record.id
            wanted["record"] = lambda: client.staff.record(record_id)
        return wanted

    def apply(self, results: dict[str, Any]) -> None:
        found = results.get("search")
        if isinstance(found, ExamineeSearch) and self.search_result is not None and self._query[0] == found.query:
            self.search_result = found
            shown = self.record.id if self.record is not None else None
            self.hits.set_items(found.items)
            for row, hit in enumerate(found.items):
                if hit.id == shown:
                    self.hits_view.selectionModel().blockSignals(True)
                    self.hits_view.selectRow(row)
                    self.hits_view.selectionModel().blockSignals(False)
            self._show_results()
        record = results.get("record")
        if isinstance(record, ExamineeRecord):
            self._record_again(record)

    def show_status(self, text: str) -> None:
        if text:
            self.result_label.setText(text)
        else:
            self._show_results()

    def _set_record(self, record: ExamineeRecord | None) -> None:
        self.record = record
        if record is None:
            for label in self.fields.values():
                label.clear()
            self.results.set_items([])
            self.exemptions_label.clear()
            self.order_combo.clear()
            self.ticket_button.setEnabled(False)
            self.transcript_button.setEnabled(False)
            self.record_stack.setCurrentIndex(0)
            return
        p, account = record.profile, record.account
        values = {
            "name": p.name,
            "exam_no": p.exam_no,
            "gender": p.gender,
            "id_number": p.id_number_masked,
            "phone": p.phone_masked,
            "region": f"{p.prefecture_name} {p.county_name}",
            "major": tr("{code} {major}（{level}）").format(code=p.major_code, major=p.major_name, level=p.level),
            "university": p.university_name,
            "record_status": p.record_status_text,
            "account": self._account_text(record),
            "verified": (
                tr("已核验（{time} 前有效）").format(time=time_text(record.verified_until))
                if record.verified_until
                else tr("未核验")
            ),
        }
        for key, label in self.fields.items():
            label.setText(values[key])
        self.fields["account"].setStyleSheet("color: #b00020;" if account.locked else "")
        self.results.set_items(record.results)
        self.exemptions_label.setText(
            tr("免考：{courses}").format(
                courses=tr("；").join(
                    tr("{code} {course}（{basis}）").format(code=e.course_code, course=e.course_name, basis=e.basis)
                    for e in record.exemptions
                )
            )
            if record.exemptions
            else tr("免考：无")
        )
        self.order_combo.clear()
        for order in record.paid_orders:
            self.order_combo.addItem(
                tr("{session} · {order} · {courses}门 · {amount}元").format(
                    session=session_name(order.session_code),
                    order=order.order_no,
                    courses=order.courses,
                    amount=yuan(order.amount_fen),
                ),
                order.order_no,
            )
        self.print_button.setEnabled(bool(record.paid_orders))
        self.order_combo.setEnabled(bool(record.paid_orders))
        self.ticket_button.setEnabled(True)
        self.transcript_button.setEnabled(True)
        if not record.paid_orders:
            self.order_combo.addItem(tr("没有已缴费的订单"))
        verified = record.verified_until is not None
        self.unlock_button.setEnabled(account.locked)
        self.action_hint.setText("" if verified else tr("解锁账号、重置密码前，请先核验考生身份（查验身份证原件）。"))
        self.record_stack.setCurrentIndex(1)

    @staticmethod
    def _account_text(record: ExamineeRecord) -> str:
        account = record.account
        parts = []
        if account.locked and account.locked_until is not None:
            parts.append(tr("已锁定（至 {time}）").format(time=datetime_text(account.locked_until)))
        else:
            parts.append(tr("正常", "account not locked"))
        if account.must_change_password:
            parts.append(tr("临时密码待修改"))
        return tr("，").join(parts)

    # --- actions ------------------------------------------------------------------------------------------
    def _need_verified(self) -> bool:
        if self.record is not None and self.record.verified_until is None:
            box = QMessageBox(
                QMessageBox.Icon.Information, tr("请先核验身份"), tr("请先核验考生身份，再办理该业务。"), parent=self
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.finished.connect(lambda _r: self.verify())
            self._track(box).open()
            return True
        return False

    def verify(self) -> None:
        if self.record is None:
            return
        dialog = VerifyDialog(self)
        dialog.submitted.connect(lambda number, name: self._send_verification(dialog, number, name))
        self._track(dialog).open()

    def _send_verification(self, dialog: VerifyDialog, id_number: str, name: str) -> None:
        """A mismatch keeps the dialog open with what was typed, at the field that does not match."""
        if self.record is None:
            return
        record_id, client = self.record.id, self.client
        dialog.send(
            self.runner,
            lambda: client.staff.verify_identity(record_id, id_number, name),
            self._verified,
            refused=_mismatch,
        )

    def _verified(self, result: Verification) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, tr("身份核验"), result.message, parent=self)
        box.setObjectName("verifyResultBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._track(box).open()
        if self.record is not None:  # the answer says until when: no reload
            self._set_record(replace(self.record, verified_until=result.verified_until))
            self.publish(self.record)

    def reveal(self) -> None:
        if self.record is None:
            return
        dialog = ReasonDialog(
            tr("查看完整身份证号"),
            tr("查看完整身份证号会记入审计日志。请填写查看原因（例如：考生本人核对报名信息）："),
            tr("查看"),
            self,
        )
        dialog.reason_given.connect(lambda reason: self._send_reveal(dialog, reason))
        self._track(dialog).open()

    def _send_reveal(self, dialog: ReasonDialog, reason: str) -> None:
        if self.record is None:
            return
        record_id, client = self.record.id, self.client
        dialog.send(self.runner, lambda: client.staff.reveal_id_number(record_id, reason), self._revealed)

    def _revealed(self, number: str) -> None:
        dialog = SecretDialog(tr("完整身份证号"), tr("身份证号："), number, tr("关闭本窗口后号码不再显示。"), self)
        self._track(dialog).open()

    def unlock(self) -> None:
        if self.record is None or self._need_verified():
            return
        record_id, client = self.record.id, self.client
        self.runner.run(
            lambda: client.staff.unlock(record_id), lambda state: self._unlocked(record_id, state), owner=self
        )

    def _unlocked(self, record_id: int, state: AccountState) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, tr("解锁账号"), tr("账号已解锁，考生现在可以登录。"), parent=self
        )
        box.setObjectName("unlockedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._track(box).open()
        if self.record is not None and self.record.id == record_id:  # the answer is the account's state
            self._set_record(replace(self.record, account=state))
            self.publish(self.record)

    def reset_password(self) -> None:
        if self.record is None or self._need_verified():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("重置密码"),
            tr(
                "为考生 {name} 重置密码？\n将生成一个临时密码，考生用它登录后必须立即设置新密码；"
                "考生在其他设备上的登录会退出。"
            ).format(name=self.record.profile.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmResetBox")
        box.button(QMessageBox.StandardButton.Yes).setText(tr("重置"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("取消"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self._send_reset)
        self._track(box).open()

    def _send_reset(self) -> None:
        if self.record is None:
            return
        record_id, client = self.record.id, self.client
        self.runner.run(lambda: client.staff.reset_password(record_id), self._password_reset, owner=self)

    def _password_reset(self, otp: OneTimePassword) -> None:
        dialog = SecretDialog(
            tr("临时密码"), tr("临时密码（只显示这一次）："), otp.one_time_password, otp.message, self
        )
        self._track(dialog).open()
        self.publish(self.record)
        self.reload_record()  # the answer is the password only: the account's new state is read once

    def print_receipt(self) -> None:
        order_no = self.order_combo.currentData()
        if self.record is None or not order_no:
            return
        record_id, client = self.record.id, self.client
        self.runner.run(lambda: client.staff.receipt(record_id, str(order_no)), self._print, owner=self)

    def _print(self, receipt: Receipt) -> None:
        self._send_to_printer(receipt_html(receipt.order, receipt.profile, printed_at=self.clock.now()))

    def print_ticket(self) -> None:
        """准考证 of the examinee (the server refuses outside the printing window, and says when it opens)."""
        if self.record is None:
            return
        record_id, client = self.record.id, self.client
        self.runner.run(
            lambda: client.staff.ticket(record_id),
            lambda a: self._send_to_printer(ticket_html(a.ticket, a.photo or None, printed_at=self.clock.now())),
            lambda exc: present_error(self, exc),  # e.g. not yet open: says when it opens
            owner=self,
        )

    def print_transcript(self) -> None:
        if self.record is None:
            return
        record_id, client = self.record.id, self.client
        self.runner.run(
            lambda: client.staff.transcript(record_id),
            lambda t: self._send_to_printer(
                transcript_html(t.scores.scores, t.profile, t.progress, printed_at=self.clock.now())
            ),
            lambda exc: present_error(self, exc),
            owner=self,
        )

    def _send_to_printer(self, html: str) -> None:
        # straight to the printer: no PDF of the examinee is kept on this shared PC
        dialog = documents.print_document(html, self, printer=self.printer_for_tests)
        if isinstance(dialog, QDialog):
            self._track(dialog)

    #: tests give a PDF-file printer here; ``None`` uses the system's printers
    printer_for_tests = None


def _mismatch(result: Verification) -> Refusal | None:
    """A verification that did not match, at the fields that do not match (``None``: it matched)."""
    if result.matched:
        return None
    fields = tuple(
        name for name, ok in (("id_number", result.id_number_matches), ("name", result.name_matches)) if not ok
    )
    return Refusal(result.message, fields)
