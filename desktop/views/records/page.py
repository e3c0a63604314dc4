"""考籍管理: my applications (correction, exemption, transfers, change of prefecture) and
record-certificate appointments.

The list and the reference data (profile, regions, exemptable courses) load together on a worker;
an application opens in the ``ApplicationEditor``.  A new application is created on the server
at once as a draft, so it is there again after a crash or at the next login.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.records import KIND_TEXT, Application
from desktop.core.errors import present_error, user_message
from desktop.core.tasks import TaskRunner
from desktop.models.records_models import ApplicationTableModel
from desktop.views.records.appointments import AppointmentsPanel
from desktop.views.records.editor import ApplicationEditor
from desktop.views.records.forms import FormContext
from desktop.views.widgets.state_page import StatePage

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

EMPTY_TEXT = "请在左侧选择一份申请，或点击“新建申请”。\n草稿保存在服务器上，退出登录后也不会丢失。"


@dataclass(frozen=True)
class RecordsData:
    context: FormContext
    applications: list[Application]


def load_records(client: ApiClient) -> RecordsData:
    profile = client.me.profile()
    regions = tuple(client.system.regions())
    courses = tuple(client.records.exemptable_courses())
    return RecordsData(FormContext(profile, regions, courses), client.records.applications())


class RecordsPage(QWidget):
    TITLE = "考籍管理"

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordsPage")
        self.client = client
        self.runner = runner
        self.context: FormContext | None = None
        self.editor: ApplicationEditor | None = None
        self._loading = False
        self._select_after_load: str | None = None
        self._started = False
        self._build()

    # --- building ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.state_page = StatePage()
        self.state_page.retry_requested.connect(self.refresh)
        self.state_label = self.state_page.label  # read by the self-test

        self.new_button = QToolButton()
        self.new_button.setObjectName("newApplicationButton")
        self.new_button.setText("新建申请(&N)")
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.new_button)
        self.new_actions: dict[str, QAction] = {}
        for kind, text in KIND_TEXT.items():
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, k=kind: self.create(k))
            self.new_actions[kind] = action
        self.new_button.setMenu(menu)
        self.list_note = QLabel()
        self.list_note.setObjectName("hint")

        self.model = ApplicationTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("applicationTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._open_row(cur.row()))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        caption = QLabel("我的申请")
        caption.setObjectName("sectionTitle")
        top.addWidget(caption)
        top.addStretch(1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.list_note)

        self.detail = QStackedWidget()
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("stateLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.detail.addWidget(self.empty_label)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([360, 720])

        self.applications_tab = QWidget()
        apps_layout = QVBoxLayout(self.applications_tab)
        apps_layout.addWidget(splitter)
        self.appointments = AppointmentsPanel(self.client, self.runner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordsTabs")
        self.tabs.addTab(self.applications_tab, "考籍申请")
        self.tabs.addTab(self.appointments, "考籍证明预约")
        self.tabs.currentChanged.connect(self._tab_changed)

        self.stack.addWidget(self.state_page)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- loading ---------------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def showEvent(self, event: QShowEvent) -> None:
        """Load when the tab is first opened (not at login)."""
        super().showEvent(event)
        if not self._started:
            self.refresh()

    def refresh(self) -> None:
        self._started = True
        if self._loading:
            return
        if self.editor is not None and (self.editor.busy or self.editor.dirty):
            self.list_note.setText("有未保存的修改，请先保存草稿再刷新")
            return
        self._loading = True
        if self.context is None:
            self.state_page.show_loading("正在加载考籍申请…")
            self.stack.setCurrentWidget(self.state_page)
        client = self.client
        self.runner.run(lambda: load_records(client), self._loaded, self._load_failed, owner=self)
        if self.appointments.loaded:
            self.appointments.refresh()

    def _loaded(self, data: RecordsData) -> None:
        self._loading = False
        self.list_note.clear()
        current = self._select_after_load or (self.editor.application.application_no if self.editor else None)
        self._select_after_load = None
        self.context = data.context
        self._close_editor()
        self.model.set_items(data.applications)
        self.stack.setCurrentWidget(self.tabs)
        if current:
            self.select(current)

    def _load_failed(self, exc: Exception) -> None:
        self._loading = False
        if self.context is None:
            self.state_page.show_failure(f"考籍申请加载失败：{user_message(exc)}")
        else:
            self.list_note.setText(f"刷新失败：{user_message(exc)}（按 F5 重试）")

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.appointments and not self.appointments.loaded and self.context:
            self.appointments.refresh(self.context.profile.prefecture_code)

    # --- the list and the editor ---------------------------------------------------------------------------
    def select(self, application_no: str) -> bool:
        row = self.model.row_of(application_no)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._open_row(row)
        return True

    def _open_row(self, row: int) -> None:
        if self.context is None or not 0 <= row < self.model.rowCount():
            return
        app = self.model.item(row)
        if self.editor is not None and self.editor.application.application_no == app.application_no:
            return
        if self.editor is not None and self.editor.dirty and not self.editor.busy:
            self.editor.save(quiet=True)  # keep what was typed before leaving it
        self._close_editor()
        editor = ApplicationEditor(self.client, self.runner, self.context, app)
        editor.application_changed.connect(self._changed)
        editor.deleted.connect(self._deleted)
        self.editor = editor
        self.detail.addWidget(editor)
        self.detail.setCurrentWidget(editor)

    def _close_editor(self) -> None:
        if self.editor is not None:
            self.detail.removeWidget(self.editor)
            self.editor.hide()
            self.editor.deleteLater()
            self.editor = None
        self.detail.setCurrentWidget(self.empty_label)

    def _changed(self, app: Application) -> None:
        items = [app if a.application_no == app.application_no else a for a in self.model.items]
        self.model.set_items(items)
        row = self.model.row_of(app.application_no)
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)

    def _deleted(self, application_no: str) -> None:
        self._close_editor()
        self.model.set_items([a for a in self.model.items if a.application_no != application_no])

    def create(self, kind: str) -> None:
        """A new draft on the server, opened at once."""
        client = self.client
        self.runner.run(
            lambda: client.records.create(kind), self._created, lambda e: present_error(self, e), owner=self
        )

    def _created(self, app: Application) -> None:
        self.model.set_items([app, *self.model.items])
        self.select(app.application_no)
        if self.editor is not None:
            self.editor.form.setFocus()
