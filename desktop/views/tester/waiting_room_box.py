"""The tester's controls of the server's waiting room (docs/waiting-room.md): capacity, the queue,
simulated waiting examinees, clearing it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.api.client import ApiClient
from desktop.api.waiting_room import WaitingRoomState
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import time_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.widgets.tables import setup_table

Report = Callable[[str, bool], None]
HEADERS = (QT_TR_NOOP("位置"), QT_TR_NOOP("状态"), QT_TR_NOOP("考生"), QT_TR_NOOP("到达时间"), QT_TR_NOOP("进入时间"))
STATES = {"waiting": QT_TR_NOOP("排队中"), "active": QT_TR_NOOP("已进入")}


class WaitingRoomBox(QGroupBox):
    def __init__(self, client: ApiClient, runner: TaskRunner, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(tr("排队（虚拟等候室）"), parent)
        self.setObjectName("testerWaitingRoom")
        self.client = client
        self.runner = runner
        self._report = report
        self.summary = QLabel("—")
        self.summary.setObjectName("waitingRoomSummary")
        self.summary.setWordWrap(True)
        self.capacity = QSpinBox()
        self.capacity.setObjectName("waitingRoomCapacity")
        self.capacity.setRange(1, 1_000_000)
        self.capacity.setPrefix(tr("容量 "))
        self.capacity.setSuffix(tr(" 人"))
        self.set_button = QPushButton(tr("设置容量"))
        self.set_button.clicked.connect(self.set_capacity)
        self.count = QSpinBox()
        self.count.setObjectName("waitingRoomSimulated")
        self.count.setRange(1, 10_000)
        self.count.setValue(20)
        self.count.setSuffix(tr(" 人"))
        self.add_button = QPushButton(tr("加入模拟排队考生"))
        self.add_button.clicked.connect(self.add_simulated)
        self.clear_button = QPushButton(tr("清空队列"))
        self.clear_button.clicked.connect(self.clear)
        self.refresh_button = QPushButton(tr("刷新队列"))
        self.refresh_button.clicked.connect(self.load)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("waitingRoomTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        setup_table(self.table)
        self.table.setMaximumHeight(130)
        first = QHBoxLayout()
        first.addWidget(self.capacity)
        first.addWidget(self.set_button)
        first.addWidget(self.count)
        first.addWidget(self.add_button)
        second = QHBoxLayout()
        second.addWidget(self.summary, 1)
        second.addWidget(self.clear_button)
        second.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.table)

    def load(self) -> None:
        self.runner.run(self.client.waiting_room.state, self._shown, self._failed, owner=self)

    def set_capacity(self) -> None:
        value = self.capacity.value()
        self.runner.run(lambda: self.client.waiting_room.set_capacity(value), self._changed, self._failed, owner=self)

    def add_simulated(self) -> None:
        value = self.count.value()
        self.runner.run(lambda: self.client.waiting_room.add_simulated(value), self._changed, self._failed, owner=self)

    def clear(self) -> None:
        self.runner.run(self.client.waiting_room.clear, self._cleared, self._failed, owner=self)

    def _cleared(self, freed: int) -> None:
        self._report(tr("已清空队列：释放 %n 个位置", None, freed), False)
        self.load()

    def _changed(self, state: WaitingRoomState) -> None:
        self._shown(state)
        self._report(
            tr("排队：容量 {capacity} 人，排队 {waiting} 人").format(capacity=state.capacity, waiting=state.waiting),
            False,
        )

    def _failed(self, exc: Exception) -> None:
        self._report(tr("排队设置失败：{reason}").format(reason=user_message(exc)), True)

    def _shown(self, state: WaitingRoomState) -> None:
        self.capacity.setValue(state.capacity)
        self.summary.setText(
            tr(
                "已进入 {active} / {capacity} 人，排队 {waiting} 人（其中模拟 {simulated} 人），平均办理 {seconds} 秒"
            ).format(
                active=state.active,
                capacity=state.capacity,
                waiting=state.waiting,
                simulated=state.simulated_waiting,
                seconds=round(state.mean_visit_seconds),
            )
        )
        self.table.setRowCount(len(state.places))
        for row, p in enumerate(state.places):
            who = tr("模拟考生") if p.simulated else tr("考生（编号 {id}）").format(id=p.examinee_id)
            cells = (
                str(p.position) if p.position is not None else "—",
                tr(STATES[p.state]) if p.state in STATES else p.state,
                who,
                time_text(p.arrived_at, seconds=True),
                time_text(p.admitted_at, seconds=True) if p.admitted_at else "—",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
