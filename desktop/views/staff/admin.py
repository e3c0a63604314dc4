"""管理 (administrators): staff accounts, notices, the audit log (browse with filters, export as CSV)
and the 软件更新 policy of counter PCs (``UpdatePolicyBox``, its own tab).

``AdminPage`` is a ``StaffPage``: its first load asks at once for the accounts, the audit log's
operations and its first page; 通知公告 (``NoticesAdminPanel``) loads when its tab is first shown
and is reloaded with the page.  A write to an account answers with the account, which replaces
(or adds) its row.  The audit log's date filter starts at the server's today (``self.clock``),
not the machine's, and follows the server's clock while the filter is off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
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
from desktop.core.clock import ServerClock
from desktop.core.errors import present_error, user_message
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.staff_models import AuditEntryModel, StaffAccountModel
from desktop.views.page import IDLE
from desktop.views.staff.dialogs import SecretDialog
from desktop.views.staff.notices_admin import NoticesAdminPanel
from desktop.views.staff.update_policy import UpdatePolicyBox
from desktop.views.staff.widgets import StaffPage
from desktop.views.widgets.answer import AnswerBanner
from desktop.views.widgets.files import documents_path, save_dialog
from desktop.views.widgets.forms import add_row, buddy_label
from desktop.views.widgets.submit_dialog import SubmitDialog, confirm
from desktop.views.widgets.tables import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient


class CreateStaffDialog(SubmitDialog):
    """New staff account: username, name, role, prefecture; emits the four values, whose receiver
    sends them (``send``): a refusal (a username taken) stays here with everything typed."""

    submitted = Signal(str, str, str, str)

    def __init__(self, prefectures: list[Prefecture], parent: QWidget | None = None) -> None:
        super().__init__(tr("新建工作人员账号"), "createStaffDialog", parent)
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.username_edit.setPlaceholderText(tr("小写字母开头，3–30位小写字母、数字或下划线"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("staffName")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role")
        for role, text in ROLE_TEXT.items():
            self.role_combo.addItem(tr(text), role)
        self.prefecture_combo = QComboBox()
        self.prefecture_combo.setObjectName("prefecture")
        for pref in prefectures:
            self.prefecture_combo.addItem(pref.name, pref.code)
        form = QFormLayout()
        for text, widget in (
            (tr("账号(&U)"), self.username_edit),
            (tr("姓名(&N)"), self.name_edit),
            (tr("角色(&R)"), self.role_combo),
            (tr("所属市州(&P)"), self.prefecture_combo),
        ):
            add_row(form, text, widget, plain=True)
        buttons = self.ok_cancel(tr("创建"), self.submit)
        self.set_fields(
            {
                "username": self.username_edit,
                "name": self.name_edit,
                "role": self.role_combo,
                "prefecture_code": self.prefecture_combo,
            },
            {"username_taken": "username"},
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("创建后会显示一个临时密码（只显示一次），该工作人员首次登录时必须修改。")))
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def submit(self) -> None:
        username, name = self.username_edit.text().strip(), self.name_edit.text().strip()
        if not username:
            self.show_error(tr("请填写账号"), "username")
            return
        if not name:
            self.show_error(tr("请填写姓名"), "name")
            return
        self.submitted.emit(
            username, name, str(self.role_combo.currentData()), str(self.prefecture_combo.currentData())
        )


Publish = Callable[[object], None]
DATE_FORMAT = QT_TR_NOOP("yyyy年M月d日")
#: the audit log's date filter, when switched on, starts this many days before the server's today
AUDIT_DAYS = 30


def _no_publish(_payload: object) -> None:
    pass


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StaffAccountsPanel(QWidget):
    """The staff accounts (filled by ``AdminPage``); each change answers with the account."""

    def __init__(
        self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None, *, publish: Publish = _no_publish
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staffAccountsPanel")
        self.client = client
        self.runner = runner
        self._publish = publish
        self.create_dialog: CreateStaffDialog | None = None
        self.model = StaffAccountModel(self)
        self.table = table_view(self.model, "staffAccounts")
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_buttons())
        self.create_button = QPushButton(tr("新建账号(&N)…"))
        self.create_button.clicked.connect(self.new_account)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("newRole")
        for role, text in ROLE_TEXT.items():
            self.role_combo.addItem(tr(text), role)
        self.role_button = QPushButton(tr("改为该角色(&G)"))
        self.role_button.clicked.connect(self.change_role)
        self.active_button = QPushButton(tr("停用(&D)"))
        self.active_button.setObjectName("toggleActive")
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button = QPushButton(tr("重置密码(&P)"))
        self.reset_button.clicked.connect(self.reset_password)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        row.addWidget(self.role_combo)
        row.addWidget(self.role_button)
        row.addWidget(self.active_button)
        row.addWidget(self.reset_button)
        self.answer = AnswerBanner()  # what the last change did
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.answer)
        layout.addLayout(row)
        self._update_buttons()

    def refresh(self) -> None:
        client = self.client
        self.runner.run(client.staff.accounts, self.show_accounts, owner=self)

    def show_accounts(self, accounts: list[StaffAccount]) -> None:
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
            self.active_button.setText(tr("停用(&D)") if account.active else tr("启用(&E)"))
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(account.role)))

    def new_account(self) -> None:
        client = self.client
        self.runner.run(client.system.regions, self._open_create, owner=self)

    def _open_create(self, prefectures: list[Prefecture]) -> None:
        dialog = CreateStaffDialog(prefectures, self)
        dialog.submitted.connect(lambda *values: self._send_create(dialog, *values))
        self.create_dialog = dialog
        dialog.open()

    def _send_create(self, dialog: CreateStaffDialog, username: str, name: str, role: str, prefecture: str) -> None:
        client = self.client
        dialog.send(
            self.runner, lambda: client.staff.create_account(username, name, role, prefecture), self._show_password
        )

    def _show_password(self, created: StaffAccountCreated) -> None:
        SecretDialog(
            tr("临时密码"),
            tr("{name}（{username}）的临时密码：").format(name=created.account.name, username=created.account.username),
            created.one_time_password,
            created.message,
            self,
        ).open()
        self._changed(
            created.account,
            tr("已为 {name}（{username}）生成临时密码。").format(
                name=created.account.name, username=created.account.username
            ),
        )

    def change_role(self) -> None:
        account, role = self.selected(), str(self.role_combo.currentData())
        if account is None or account.role == role:
            return
        client = self.client
        self.runner.run(
            lambda: client.staff.update_account(account.id, role=role),
            lambda changed: self._changed(
                changed,
                tr("已将 {name}（{username}）改为{role}。").format(
                    name=changed.name,
                    username=changed.username,
                    role=tr(ROLE_TEXT[changed.role]) if changed.role in ROLE_TEXT else changed.role,
                ),
            ),
            self._failed,
            owner=self,
        )

    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        client, active = self.client, not account.active
        self.runner.run(
            lambda: client.staff.update_account(account.id, active=active),
            lambda changed: self._changed(
                changed,
                (
                    tr("已启用 {name}（{username}）的账号。")
                    if changed.active
                    else tr("已停用 {name}（{username}）的账号。")
                ).format(name=changed.name, username=changed.username),
            ),
            self._failed,
            owner=self,
        )

    def reset_password(self) -> QMessageBox | None:
        """Ask once, naming the account, then give it a one-time password."""
        account = self.selected()
        if account is None:
            return None
        text = tr(
            "为 {name}（{username}）重置密码？\n将生成一个临时密码（只显示一次），原密码随即失效，"
            "该工作人员用临时密码登录后必须立即设置新密码。"
        ).format(name=account.name, username=account.username)
        return confirm(self, tr("重置密码"), text, tr("重置(&Y)"), lambda: self._send_reset(account))

    def _send_reset(self, account: StaffAccount) -> None:
        client = self.client
        self.runner.run(
            lambda: client.staff.reset_account_password(account.id), self._show_password, self._failed, owner=self
        )

    def _changed(self, account: StaffAccount, said: str = "") -> None:
        """A write's answer: the account as it is now replaces its row (a new one is added), and
        the answer line says what was done."""
        if said:
            self.answer.say(said)
        ids = [a.id for a in self.model.items]
        if account.id in ids:
            row = ids.index(account.id)
            self.model.replace_row(row, account)
        else:
            row = self.model.rowCount()
            self.model.insert_row(row, account)
        self.table.selectRow(row)
        self._update_buttons()
        self._publish(account)

    def _failed(self, exc: Exception) -> None:
        self.answer.say(tr("未完成：{reason}").format(reason=user_message(exc)), error=True)
        present_error(self, exc)
        self.refresh()


class AuditLogPanel(QWidget):
    """The audit log (its first page filled by ``AdminPage``): filters, pages, CSV export."""

    def __init__(
        self, client: ApiClient, runner: TaskRunner, clock: ServerClock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogPanel")
        self.client = client
        self.runner = runner
        self.clock = clock
        self.page_data: AuditPage | None = None
        self.actions_loaded = False

        self.actor_edit = QLineEdit()
        self.actor_edit.setObjectName("auditActor")
        self.actor_edit.setPlaceholderText(tr("工作人员账号，或 system"))
        self.exam_no_edit = QLineEdit()
        self.exam_no_edit.setObjectName("auditExamNo")
        self.exam_no_edit.setMaxLength(12)
        self.exam_no_edit.setPlaceholderText(tr("12位准考证号"))
        self.action_combo = QComboBox()
        self.action_combo.setObjectName("auditAction")
        self.action_combo.addItem(tr("全部操作"), "")
        self.dates_check = QCheckBox(tr("日期(&T)"))
        self.dates_check.setObjectName("auditDates")
        self.from_edit = QDateEdit()
        self.from_edit.setObjectName("auditFrom")
        self.to_edit = QDateEdit()
        self.to_edit.setObjectName("auditTo")
        self.from_edit.setAccessibleName(tr("起始日期"))
        self.to_edit.setAccessibleName(tr("截止日期"))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(tr(DATE_FORMAT))
            edit.setEnabled(False)
        self.follow_server_date()
        self.dates_check.toggled.connect(self.from_edit.setEnabled)
        self.dates_check.toggled.connect(self.to_edit.setEnabled)
        self.search_button = QPushButton(tr("查询(&Q)", "search"))
        self.search_button.setObjectName("auditSearch")
        self.search_button.clicked.connect(lambda: self.load(1))
        self.export_button = QPushButton(tr("导出CSV(&E)…"))
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.choose_export_file)

        filters = QHBoxLayout()
        for text, widget in (
            (tr("操作人(&W)"), self.actor_edit),
            (tr("考生(&X)"), self.exam_no_edit),
            (tr("操作(&A)"), self.action_combo),
        ):
            label = buddy_label(text, widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1)
        filters.addWidget(self.dates_check)
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel(tr("至")))
        filters.addWidget(self.to_edit)
        filters.addWidget(self.search_button)
        filters.addWidget(self.export_button)
        for line in (self.actor_edit, self.exam_no_edit):
            line.returnPressed.connect(lambda: self.load(1))

        self.model = AuditEntryModel(self)
        self.table = table_view(self.model, "auditTable")
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")
        self.prev_button = QPushButton(tr("上一页"))
        self.prev_button.clicked.connect(lambda: self._go(-1))
        self.next_button = QPushButton(tr("下一页"))
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

    def follow_server_date(self) -> None:
        """While the date filter is off, its dates are the 30 days up to the server's today."""
        if self.dates_check.isChecked():
            return  # the administrator's own dates stay
        today = self.clock.today()
        self.to_edit.setDate(_qdate(today))
        self.from_edit.setDate(_qdate(today - timedelta(days=AUDIT_DAYS)))

    def refresh(self) -> None:
        """The shown page again (with the operations, if they are not in yet)."""
        if not self.actions_loaded:
            client = self.client
            self.runner.run(client.staff.audit_actions, self.show_actions, owner=self)
        self.load(self.page_data.page if self.page_data else 1)

    def show_actions(self, actions: list[AuditAction]) -> None:
        if self.actions_loaded:
            return
        self.actions_loaded = True
        for action in actions:
            self.action_combo.addItem(action.text, action.action)

    def _go(self, step: int) -> None:
        if self.page_data is not None:
            self.load(self.page_data.page + step)

    def load(self, page: int) -> None:
        flt, client = self.current_filter(), self.client
        self.count_label.setText(tr("正在加载…"))
        self.runner.run(lambda: client.staff.audit(flt, page), self.show_page, self._failed, owner=self)

    def show_page(self, page: AuditPage) -> None:
        self.page_data = page
        self.model.set_items(page.items)
        self.count_label.setText(
            tr("共 {total} 条（第 {page}/{pages} 页）").format(total=page.total, page=page.page, pages=page.pages)
        )
        self.prev_button.setEnabled(page.page > 1)
        self.next_button.setEnabled(page.page < page.pages)

    def _failed(self, exc: Exception) -> None:
        self.count_label.setText(exc.message if isinstance(exc, ValidationFailed) else tr("加载失败"))
        if not isinstance(exc, ValidationFailed):
            present_error(self, exc)

    # --- export ---------------------------------------------------------------------------------------
    def default_export_path(self) -> Path:
        """审计日志_<the server's date>.csv in the Documents folder."""
        return Path(documents_path(tr("审计日志_{date}.csv").format(date=f"{self.clock.today():%Y%m%d}")))

    def choose_export_file(self) -> QFileDialog:
        path = str(self.default_export_path())
        return save_dialog(self, tr("导出审计日志"), path, tr("CSV 文件 (*.csv)"), "csv", self.export_to)

    def export_to(self, path: Path) -> None:
        flt, client = self.current_filter(), self.client

        def work() -> Path:
            path.write_bytes(client.staff.audit_csv(flt))
            return path

        self.runner.run(work, self._exported, owner=self)

    def _exported(self, path: Path) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("导出完成"),
            tr("审计日志已导出到：\n{path}").format(path=path),
            parent=self,
        )
        box.setObjectName("exportedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.load(1)  # the export itself is now in the log


class AdminPage(StaffPage):
    """管理: 工作人员账号, 通知公告, 审计日志 and 软件更新 as tabs."""

    CONTENT_FIRST = True  # requests() reads the filter and the page shown
    OBJECT_NAME = "adminPage"
    TITLE = QT_TR_NOOP("管理")
    LOADING_TEXT = QT_TR_NOOP("正在加载管理…")

    def build_content(self) -> QWidget:
        self.accounts = StaffAccountsPanel(self.client, self.runner, publish=self.publish)
        self.notices = NoticesAdminPanel(
            self.client, self.runner, store=self.store, clock=self.clock, publish=self.publish
        )
        self.audit = AuditLogPanel(self.client, self.runner, self.clock)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.accounts, tr("工作人员账号", "list of accounts"))
        self.tabs.addTab(self.notices, tr("通知公告"))
        self.tabs.addTab(self.audit, tr("审计日志"))
        self.update_policy = UpdatePolicyBox(self.client, self.runner, self.publish)
        updates = QWidget()
        layout = QVBoxLayout(updates)
        layout.addWidget(self.update_policy)
        layout.addStretch(1)
        self.tabs.addTab(updates, tr("软件更新"))
        return self.tabs

    def requests(self) -> dict[str, Callable[[], Any]]:
        client, audit = self.client, self.audit
        flt, page = audit.current_filter(), audit.page_data.page if audit.page_data else 1
        wanted: dict[str, Callable[[], Any]] = {
            "accounts": client.staff.accounts,
            "audit": lambda: client.staff.audit(flt, page),
            "policy": client.staff.update_policy,
        }
        if not audit.actions_loaded:
            wanted["actions"] = client.staff.audit_actions
        return wanted

    def apply(self, results: dict[str, Any]) -> None:
        self.accounts.show_accounts(results["accounts"])
        if "actions" in results:
            self.audit.show_actions(results["actions"])
        self.audit.follow_server_date()
        self.audit.show_page(results["audit"])
        self.update_policy.show_policy(results["policy"])

    def show_status(self, text: str) -> None:
        if text:
            self.audit.count_label.setText(text)

    def refresh(self) -> None:
        """The accounts and the audit log, and 通知公告 once it has been shown."""
        super().refresh()
        if self.notices.state != IDLE:
            self.notices.refresh()
