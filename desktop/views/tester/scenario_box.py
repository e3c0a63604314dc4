"""Rebuild the server's database as a named scenario (after a confirmation)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desktop.api.client import ApiClient
from desktop.api.mock import ReseedResult, Scenario
from desktop.core.errors import present_error
from desktop.core.tasks import TaskRunner
from desktop.i18n.tr import tr
from desktop.views.widgets.forms import buddy_label

Report = Callable[[str, bool], None]


def reset_message(result: ReseedResult) -> str:
    """What the person who was logged in reads on the login window."""
    return tr("测试人员已将服务器数据库重置为场景“{scenario}”，所有登录均已结束，请重新登录。").format(
        scenario=result.label
    )


class ScenarioBox(QGroupBox):
    database_reset = Signal(object)  # ReseedResult

    def __init__(self, client: ApiClient, runner: TaskRunner, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(tr("数据场景"), parent)
        self.setObjectName("testerScenarios")
        self.client = client
        self.runner = runner
        self._report = report
        self.scenarios: list[Scenario] = []
        self.confirm_box: QMessageBox | None = None

        self.combo = QComboBox()
        self.combo.setObjectName("scenarioCombo")
        self.combo.currentIndexChanged.connect(self._show_description)
        label = buddy_label(tr("场景(&N)"), self.combo)
        self.description = QLabel()
        self.description.setObjectName("testerHint")
        self.description.setWordWrap(True)
        self.reseed_button = QPushButton(tr("重置数据库(&R)…"))
        self.reseed_button.setObjectName("reseedButton")
        self.reseed_button.clicked.connect(self.ask_reseed)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.reseed_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.description)

    def load(self) -> None:
        self.runner.run(self.client.mock.scenarios, self._loaded, self._failed, owner=self)

    def _loaded(self, scenarios: list[Scenario]) -> None:
        current = self.combo.currentData()
        self.scenarios = scenarios
        self.combo.blockSignals(True)
        self.combo.clear()
        for s in scenarios:
            self.combo.addItem(s.label, s.name)
        self.combo.blockSignals(False)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(0, index))
        self._show_description()

    def _failed(self, exc: Exception) -> None:
        from desktop.core.errors import user_message

        self._report(tr("数据场景操作失败：{reason}").format(reason=user_message(exc)), True)

    def _show_description(self) -> None:
        name = self.combo.currentData()
        scenario = next((s for s in self.scenarios if s.name == name), None)
        self.description.setText(scenario.description if scenario else "")

    def select(self, name: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(name))

    def ask_reseed(self) -> None:
        name = self.combo.currentData()
        if not name:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("重置数据库"))
        box.setText(tr("确定将服务器数据库重置为场景“{scenario}”吗？").format(scenario=self.combo.currentText()))
        box.setInformativeText(
            tr("服务器上的全部数据（订单、报名、修改过的资料）将被删除并重新生成，所有用户都会被退出登录。")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("重置(&Y)"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("取消"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._confirmed(box, name))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox, name: str) -> None:
        self.confirm_box = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.reseed(name)

    def reseed(self, name: str) -> None:
        self.reseed_button.setEnabled(False)
        self._report(tr("正在重置数据库…"), False)
        client = self.client
        self.runner.run(lambda: client.mock.reseed(name), self._reseeded, self._reseed_failed, owner=self)

    def _reseeded(self, result: ReseedResult) -> None:
        self.reseed_button.setEnabled(True)
        self._report(
            tr("已重置为“{scenario}”：{examinees} 名考生，结束了 {sessions} 个登录。").format(
                scenario=result.label, examinees=result.examinees, sessions=result.sessions_ended
            ),
            False,
        )
        self.database_reset.emit(result)

    def _reseed_failed(self, exc: Exception) -> None:
        self.reseed_button.setEnabled(True)
        self._failed(exc)
        present_error(self, exc, tr("重置数据库失败"))
