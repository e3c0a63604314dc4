"""The tester panel: a window of its own, reachable from the login window and the main window
(Ctrl+Shift+T), that drives the server's ``/mock`` controls through the task runner.

It outlives logins: the shell owns it.  After a reseed it emits ``database_reset`` with the
sentence the logged-out person reads on the login window.

It is not a page, but what it changes is data the pages show: after each such change it emits
``data_changed(topic)`` with the session-store topic (``desktop.core.store``) — ``clock`` when it
moved the server's clock, ``orders`` and ``registrations`` when it delivered payment
notifications, every topic after a reseed.  The shell connects it to the logged-in person's
store (``store.publish``), so the pages are current without F5.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.api.client import ApiClient
from desktop.api.mock import ReseedResult
from desktop.api.types import Health
from desktop.core.errors import user_message
from desktop.core.store import CLOCK, ORDERS, REGISTRATIONS, TOPICS
from desktop.core.tasks import TaskRunner
from desktop.i18n.tr import tr
from desktop.views.tester.clock_box import ClockBox
from desktop.views.tester.faults_box import FaultsBox
from desktop.views.tester.scenario_box import ScenarioBox, reset_message
from desktop.views.tester.sms_box import SmsBox
from desktop.views.tester.texts import MODE_NAMES, NO_CONTROLS, TITLE
from desktop.views.tester.waiting_room_box import WaitingRoomBox

ERROR_STYLE = "color: #c0392b;"
OK_STYLE = "color: #1e6b3a;"


class TesterPanel(QWidget):
    database_reset = Signal(str)  # what the logged-out person reads
    #: data the pages show changed here: the session-store topic (``desktop.core.store``)
    data_changed = Signal(str)

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("testerPanel")
        self.setWindowTitle(tr("{title} — {url}").format(title=tr(TITLE), url=client.base_url))
        self.client = client
        self.runner = runner
        self.available: bool | None = None  # None until the server said

        self.clock_box = ClockBox(client, runner, self.report)
        self.clock_box.moved.connect(lambda _state: self.data_changed.emit(CLOCK))
        self.scenario_box = ScenarioBox(client, runner, self.report)
        self.scenario_box.database_reset.connect(self._database_reset)
        self.faults_box = FaultsBox(client, runner, self.report)
        self.faults_box.delivered.connect(self._payments_delivered)
        self.sms_box = SmsBox(client, runner, self.report)
        self.waiting_room_box = WaitingRoomBox(client, runner, self.report)
        self.boxes = (self.clock_box, self.scenario_box, self.faults_box, self.sms_box, self.waiting_room_box)

        self.status_label = QLabel(tr("正在连接服务器…"))
        self.status_label.setObjectName("testerStatus")
        self.status_label.setWordWrap(True)
        self.refresh_button = QPushButton(tr("全部刷新(F5)"))
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.clicked.connect(self.load)
        close_button = QPushButton(tr("关闭"))
        close_button.clicked.connect(self.close)

        left = QVBoxLayout()
        left.addWidget(self.clock_box)
        left.addWidget(self.scenario_box)
        left.addWidget(self.sms_box, 1)
        boxes = QWidget()
        columns = QHBoxLayout(boxes)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 5)
        right = QVBoxLayout()
        right.addWidget(self.faults_box, 1)
        right.addWidget(self.waiting_room_box)
        columns.addLayout(right, 6)
        # on a screen smaller than the boxes (1366×768, 200 %, 1024×600) they scroll as one; the
        # status line and the buttons stay in view under them
        self.boxes_scroll = QScrollArea()
        self.boxes_scroll.setObjectName("testerBoxes")
        self.boxes_scroll.setWidgetResizable(True)
        self.boxes_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.boxes_scroll.setWidget(boxes)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.boxes_scroll, 1)
        layout.addLayout(bottom)
        self.resize(boxes.sizeHint().expandedTo(QSize(1180, 760)))  # made smaller to fit by the shell

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.available is None:
            self.refresh_button.setFocus()
            self.load()

    def load(self) -> None:
        """Ask whether the server has tester controls, then read everything."""
        self.runner.run(self.client.system.health, self._health, self._unreachable, owner=self)

    def _health(self, health: Health) -> None:
        self.available = health.has_tester_controls
        for box in self.boxes:
            box.setEnabled(self.available)
        if not self.available:
            self.report(tr(NO_CONTROLS), True)
            return
        mode = tr(MODE_NAMES[health.mode]) if health.mode in MODE_NAMES else health.mode
        self.report(tr("已连接 {url}（{mode}）").format(url=self.client.base_url, mode=mode), False)
        for box in self.boxes:
            box.load()

    def _unreachable(self, exc: Exception) -> None:
        self.report(tr("无法读取服务器状态：{reason}").format(reason=user_message(exc)), True)

    def report(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def _payments_delivered(self, _count: int) -> None:
        for topic in (ORDERS, REGISTRATIONS):
            self.data_changed.emit(topic)

    def _database_reset(self, result: ReseedResult) -> None:
        self.clock_box.load()
        self.faults_box.load()
        self.sms_box.load()
        for topic in sorted(TOPICS):  # a new database (and a new clock): everything changed
            self.data_changed.emit(topic)
        self.database_reset.emit(reset_message(result))
