"""考籍管理: my applications (correction, exemption, transfers, change of prefecture) and
record-certificate appointments.

A ``ModulePage`` (``docs/desktop-core.md``): the list and the reference data (profile, regions,
exemptable courses) are four independent requests that run at once; an application opens in the
``ApplicationEditor``.  A new application is only on screen until its first 保存草稿 or 提交
creates the draft on the server (choosing a type under 新建申请 creates nothing); from then on it
is there again after a crash or at the next login.  A write answers with the application: the page
shows it and publishes ``RECORDS`` (毕业申请 and 成绩管理 are then current), it does not reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.records import KIND_TEXT, Application
from desktop.core.store import CLOCK, PROFILE, RECORDS
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.records_models import ApplicationTableModel
from desktop.views.page import ModulePage
from desktop.views.records.appointments import AppointmentsPanel
from desktop.views.records.editor import NEW_APPLICATION_TEXT, ApplicationEditor, unsaved_application
from desktop.views.records.forms import FormContext
from desktop.views.widgets.forms import hint, section_title
from desktop.views.widgets.tables import table_view

EMPTY_TEXT = QT_TR_NOOP("请在左侧选择一份申请，或点击“新建申请”。\n草稿保存在服务器上，退出登录后也不会丢失。")
UNSAVED_TEXT = QT_TR_NOOP("有未保存的修改，请先保存草稿再刷新")


class RecordsPage(ModulePage):
    OBJECT_NAME = "recordsPage"
    TITLE = QT_TR_NOOP("考籍管理")
    LOADING_TEXT = QT_TR_NOOP("正在加载考籍申请…")
    TOPICS = frozenset({RECORDS, PROFILE, CLOCK})

    def setup(self) -> None:
        self.context: FormContext | None = None
        self.editor: ApplicationEditor | None = None
        self._select_after_load: str | None = None

    # --- building ------------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        self.new_button = QToolButton()
        self.new_button.setObjectName("newApplicationButton")
        self.new_button.setText(tr("新建申请(&N)"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.new_button)
        self.new_actions: dict[str, QAction] = {}
        for kind, text in KIND_TEXT.items():
            action = menu.addAction(tr(text))
            action.triggered.connect(lambda _c=False, k=kind: self.create(k))
            self.new_actions[kind] = action
        self.new_button.setMenu(menu)
        self.list_note = hint(wrap=False)

        self.model = ApplicationTableModel(self)
        self.table = table_view(self.model, "applicationTable")
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._open_row(cur.row()))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(section_title(tr("我的申请")))
        top.addStretch(1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.list_note)

        self.detail = QStackedWidget()
        self.empty_label = QLabel(tr(EMPTY_TEXT))
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
        self.tabs.addTab(self.applications_tab, tr("考籍申请"))
        self.tabs.addTab(self.appointments, tr("考籍证明预约"))
        self.tabs.currentChanged.connect(self._tab_changed)
        return self.tabs

    # --- loading: profile, regions, exemptable courses and the applications, all at once -----------
    def requests(self) -> dict[str, Callable[[], Any]]:
        client = self.client
        return {
            "profile": client.me.profile,
            "regions": client.system.regions,
            "courses": client.records.exemptable_courses,
            "applications": client.records.applications,
        }

    def refresh(self) -> None:
        self.ensure_built()
        if self.editor is not None and (self.editor.busy or self.editor.dirty):
            self.list_note.setText(tr(UNSAVED_TEXT))  # what was typed is not thrown away by a reload
            return
        was_loading = self.loading
        super().refresh()
        if self.appointments.loaded and not was_loading:
            self.appointments.refresh()

    def apply(self, results: dict[str, Any]) -> None:
        current = self._select_after_load or (self.editor.application.application_no if self.editor else None)
        self._select_after_load = None
        self.context = FormContext(results["profile"], tuple(results["regions"]), tuple(results["courses"]), self.clock)
        self._close_editor()
        self.model.set_items(results["applications"])
        if current:
            self.select(current)

    def show_status(self, text: str) -> None:
        self.list_note.setText(text)

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
        self._open_editor(app)

    def _open_editor(self, app: Application) -> None:
        if self.context is None:
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
        """The editor's answer (saved, submitted, withdrawn): shown in the list; a new state is news."""
        before = next((a for a in self.model.items if a.application_no == app.application_no), None)
        if before is None:  # a new application's first save created it
            items = [app, *self.model.items]
        else:
            items = [app if a.application_no == app.application_no else a for a in self.model.items]
        self.model.set_items(items)
        row = self.model.row_of(app.application_no)
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)
        if before is None or before.status != app.status:  # submitted or withdrawn, not a draft saved
            self.publish(RECORDS, app)

    def _deleted(self, application_no: str) -> None:
        self._close_editor()
        self.model.set_items([a for a in self.model.items if a.application_no != application_no])

    def create(self, kind: str) -> None:
        """A new application of ``kind`` in the editor; the server hears of it at its first save."""
        if self.context is None:
            return
        self.table.clearSelection()
        self._open_editor(unsaved_application(kind, self.clock.now()))
        if self.editor is not None:
            self.editor.saved_label.setText(tr(NEW_APPLICATION_TEXT))
            self.editor.form.setFocus()
