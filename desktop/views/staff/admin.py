"""管理 (administrators): staff accounts and the audit log (browse with filters, export as CSV)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ValidationFailed
from desktop.api.staff import ROLE_TEXT, AuditAction, AuditFilter, AuditPage, StaffAccount, StaffAccountCreated
from desktop.api.types import Prefecture
from desktop.core.errors import present_error
from desktop.core.tasks import TaskRunner
from desktop.models.staff_models import AuditEntryModel, StaffAccountModel
from desktop.views.staff.dialogs import SecretDialog
from desktop.views.staff.notices_admin import NoticesAdminPanel
from desktop.views.staff.widgets import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient


class CreateStaffDialog(QDialog):
    """New staff account: username, name, role, prefecture; emits the four values."""

    submitted = Signal(str, str, str, str)

    def __init__(self, prefectures: list[Prefecture], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createStaffDialog")
        self.setWindowTitle("新建工作人员账号")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.username_edit.setPlaceholderText("小写字母开头，3–30位小写字母、数字或下划线")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("staffName")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role")
        for role, text in ROLE_TEXT.items():
            self.role_combo.addItem(text, role)
        self.prefecture_combo = QComboBox()
        self.prefecture_combo.setObjectName("prefecture")
        for pref in prefectures:
            self.prefecture_combo.addItem(pref.name, pref.code)
        form = QFormLayout()
        for text, widget in (
            ("账号(&U)", self.username_edit),
            ("姓名(&N)", self.name_edit),
            ("角色(&R)", self.role_combo),
            ("所属市州(&P)", self.prefecture_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("创建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("创建后会显示一个临时密码（只显示一次），该工作人员首次登录时必须修改。"))
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def submit(self) -> None:
        username, name = self.username_edit.text().strip(), self.name_edit.text().strip()
        if not username or not name:
            self.error_label.setText("请填写账号和姓名")
            self.error_label.show()
            return
        self.submitted.emit(
            username, name, str(self.role_combo.currentData()), str(self.prefecture_combo.currentData())
        )
        self.accept()


class StaffAccountsPanel(QWidget):
    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffAccountsPanel")
        self.client = client
        self.runner = runner
        self.model = StaffAccountModel(self)
        self.table = table_view(self.model, "staffAccounts")
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_buttons())
        self.create_button = QPushButton("新建账号(&N)…")
        self.create_button.clicked.connect(self.create)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("newRole")
        for role, text in ROLE_TEXT.items():
            self.role_combo.addItem(text, role)
        self.role_button = QPushButton("改为该角色(&G)")
        self.role_button.clicked.connect(self.change_role)
        self.active_button = QPushButton("停用(&D)")
        self.active_button.setObjectName("toggleActive")
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button = QPushButton("重置密码(&P)")
        self.reset_button.clicked.connect(self.reset_password)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        row.addWidget(self.role_combo)
        row.addWidget(self.role_button)
        row.addWidget(self.active_button)
        row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._update_buttons()

    def refresh(self) -> None:
        client = self.client
        self.runner.run(client.staff.accounts, self._loaded, owner=self)

    def _loaded(self, accounts: list[StaffAccount]) -> None:
        current = self.selected()
        self.model.set_items(accounts)
        if current is not None:
            for row, account in enumerate(accounts):
                if account.id == current.id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> StaffAccount | None:
        row = self.table.currentIndex().row()
        return self.model.item(row) if 0 <= row < self.model.rowCount() else None

    def _update_buttons(self) -> None:
        account = self.selected()
        for button in (self.role_button, self.active_button, self.reset_button):
            button.setEnabled(account is not None)
        if account is not None:
            self.active_button.setText("停用(&D)" if account.active else "启用(&E)")
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(account.role)))

    def create(self) -> None:
        client = self.client
        self.runner.run(client.system.regions, self._open_create, owner=self)

    def _open_create(self, prefectures: list[Prefecture]) -> None:
        dialog = CreateStaffDialog(prefectures, self)
        dialog.submitted.connect(self._send_create)
        dialog.open()

    def _send_create(self, username: str, name: str, role: str, prefecture: str) -> None:
        client = self.client
        self.runner.run(
            lambda: client.staff.create_account(username, name, role, prefecture), self._show_password, owner=self
        )

    def _show_password(self, created: StaffAccountCreated) -> None:
        SecretDialog(
            "临时密码", f"{created.account.name}（{created.account.username}）的临时密码：",
            created.one_time_password, created.message, self,
        ).open()  # fmt: skip
        self.refresh()

    def change_role(self) -> None:
        account, role = self.selected(), str(self.role_combo.currentData())
        if account is None or account.role == role:
            return
        client = self.client
        self.runner.run(
            lambda: client.staff.update_account(account.id, role=role), self._changed, self._failed, owner=self
        )

    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        client, active = self.client, not account.active
        self.runner.run(
            lambda: client.staff.update_account(account.id, active=active), self._changed, self._failed, owner=self
        )

    def reset_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        client = self.client
        self.runner.run(
            lambda: client.staff.reset_account_password(account.id), self._show_password, self._failed, owner=self
        )

    def _changed(self, _account: StaffAccount) -> None:
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        present_error(self, exc)
        self.refresh()


class AuditLogPanel(QWidget):
    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogPanel")
        self.client = client
        self.runner = runner
        self.page_data: AuditPage | None = None
        self._actions_loaded = False

        self.actor_edit = QLineEdit()
        self.actor_edit.setObjectName("auditActor")
        self.actor_edit.setPlaceholderText("工作人员账号，或 system")
        self.exam_no_edit = QLineEdit()
        self.exam_no_edit.setObjectName("auditExamNo")
        self.exam_no_edit.setMaxLength(12)
        self.exam_no_edit.setPlaceholderText("12位准考证号")
        self.action_combo = QComboBox()
        self.action_combo.setObjectName("auditAction")
        self.action_combo.addItem("全部操作", "")
        self.dates_check = QCheckBox("日期(&T)")
        self.dates_check.setObjectName("auditDates")
        self.from_edit = QDateEdit()
        self.from_edit.setObjectName("auditFrom")
        self.to_edit = QDateEdit()
        self.to_edit.setObjectName("auditTo")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
        self.from_edit.setDate(QDate.currentDate().addDays(-30))
        self.dates_check.toggled.connect(self.from_edit.setEnabled)
        self.dates_check.toggled.connect(self.to_edit.setEnabled)
        self.search_button = QPushButton("查询(&Q)")
        self.search_button.setObjectName("auditSearch")
        self.search_button.clicked.connect(lambda: self.load(1))
        self.export_button = QPushButton("导出CSV(&E)…")
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.choose_export_file)

        filters = QHBoxLayout()
        for text, widget in (
            ("操作人(&W)", self.actor_edit),
            ("考生(&X)", self.exam_no_edit),
            ("操作(&A)", self.action_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1)
        filters.addWidget(self.dates_check)
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel("至"))
        filters.addWidget(self.to_edit)
        filters.addWidget(self.search_button)
        filters.addWidget(self.export_button)
        for edit in (self.actor_edit, self.exam_no_edit):
            edit.returnPressed.connect(lambda: self.load(1))

        self.model = AuditEntryModel(self)
        self.table = table_view(self.model, "auditTable")
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")
        self.prev_button = QPushButton("上一页")
        self.prev_button.clicked.connect(lambda: self._go(-1))
        self.next_button = QPushButton("下一页")
        self.next_button.clicked.connect(lambda: self._go(1))
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.prev_button)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def current_filter(self) -> AuditFilter:
        dates = self.dates_check.isChecked()
        return AuditFilter(
            actor=self.actor_edit.text().strip(),
            exam_no=self.exam_no_edit.text().strip(),
            action=str(self.action_combo.currentData() or ""),
            date_from=self._date(self.from_edit) if dates else None,
            date_to=self._date(self.to_edit) if dates else None,
        )

    @staticmethod
    def _date(edit: QDateEdit) -> date:
        d = edit.date()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        if not self._actions_loaded:
            client = self.client
            self.runner.run(client.staff.audit_actions, self._actions, owner=self)
        self.load(self.page_data.page if self.page_data else 1)

    def _actions(self, actions: list[AuditAction]) -> None:
        self._actions_loaded = True
        for action in actions:
            self.action_combo.addItem(action.text, action.action)

    def _go(self, step: int) -> None:
        if self.page_data is not None:
            self.load(self.page_data.page + step)

    def load(self, page: int) -> None:
        flt, client = self.current_filter(), self.client
        self.count_label.setText("正在加载…")
        self.runner.run(lambda: client.staff.audit(flt, page), self._loaded, self._failed, owner=self)

    def _loaded(self, page: AuditPage) -> None:
        self.page_data = page
        self.model.set_items(page.items)
        self.count_label.setText(f"共 {page.total} 条（第 {page.page}/{page.pages} 页）")
        self.prev_button.setEnabled(page.page > 1)
        self.next_button.setEnabled(page.page < page.pages)

    def _failed(self, exc: Exception) -> None:
        self.count_label.setText(exc.message if isinstance(exc, ValidationFailed) else "加载失败")
        if not isinstance(exc, ValidationFailed):
            present_error(self, exc)

    # --- export ---------------------------------------------------------------------------------------
    def choose_export_file(self) -> QFileDialog:
        dialog = QFileDialog(self, "导出审计日志", str(Path.home() / f"审计日志_{date.today():%Y%m%d}.csv"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("CSV 文件 (*.csv)")
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> None:
        flt, client = self.current_filter(), self.client

        def work() -> Path:
            path.write_bytes(client.staff.audit_csv(flt))
            return path

        self.runner.run(work, self._exported, owner=self)

    def _exported(self, path: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "导出完成", f"审计日志已导出到：\n{path}", parent=self)
        box.setObjectName("exportedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.load(1)  # the export itself is now in the log


class AdminPage(QWidget):
    """管理: 工作人员账号, 通知公告 and 审计日志 as tabs; all load when the page is first shown."""

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminPage")
        self.accounts = StaffAccountsPanel(client, runner)
        self.notices = NoticesAdminPanel(client, runner)
        self.audit = AuditLogPanel(client, runner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.accounts, "工作人员账号")
        self.tabs.addTab(self.notices, "通知公告")
        self.tabs.addTab(self.audit, "审计日志")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._loaded = False

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        self.accounts.refresh()
        self.notices.refresh()
        self.audit.refresh()
