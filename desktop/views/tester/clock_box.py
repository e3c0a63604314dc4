"""The clock part of the tester panel: the server time, set / advance / reset, one-click jumps.

Every time here is Beijing time (the server's), whatever the machine's zone: the editor shows
and sends Beijing wall time.  A move emits ``moved`` (the panel tells the pages: ``clock``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.client import ApiClient
from desktop.api.mock import ClockJump
from desktop.api.types import ClockState
from desktop.core.clock import BEIJING, to_beijing
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.tester.texts import CLOCK_HINT, clock_text, jump_tooltip

ADVANCES: tuple[tuple[str, timedelta], ...] = (
    (QT_TR_NOOP("+30 分钟"), timedelta(minutes=30)),
    (QT_TR_NOOP("+1 小时"), timedelta(hours=1)),
    (QT_TR_NOOP("+1 天"), timedelta(days=1)),
    (QT_TR_NOOP("+7 天"), timedelta(days=7)),
)
JUMP_COLUMNS = 3
EDIT_FORMAT = QT_TR_NOOP("yyyy年M月d日 HH:mm")

Report = Callable[[str, bool], None]


class ClockBox(QGroupBox):
    """Shows the server clock (ticking locally between reads) and moves it."""

    clock_changed = Signal(object)  # ClockState
    moved = Signal(object)  # ClockState: this box moved the server's clock

    def __init__(self, client: ApiClient, runner: TaskRunner, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(tr("服务器时钟"), parent)
        self.setObjectName("testerClock")
        self.client = client
        self.runner = runner
        self._report = report
        self.state: ClockState | None = None
        self._read_at = 0.0
        self.jump_buttons: dict[str, QPushButton] = {}

        self.now_label = QLabel(tr("正在读取…"))
        self.now_label.setObjectName("testerClockLabel")
        font = self.now_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.now_label.setFont(font)

        self.edit = QDateTimeEdit()
        self.edit.setObjectName("testerClockEdit")
        self.edit.setDisplayFormat(tr(EDIT_FORMAT))
        self.edit.setCalendarPopup(True)
        self.frozen_check = QCheckBox(tr("冻结(&Z)"))
        self.frozen_check.setToolTip(tr("冻结：服务器时间停在设定的时刻，直到再次设置"))
        self.set_button = QPushButton(tr("设置时间(&S)"))
        self.set_button.clicked.connect(self.set_clock)
        self.reset_button = QPushButton(tr("恢复真实时间"))
        self.reset_button.clicked.connect(self.reset_clock)
        set_row = QHBoxLayout()
        set_row.addWidget(self.edit, 1)
        set_row.addWidget(self.frozen_check)
        set_row.addWidget(self.set_button)
        set_row.addWidget(self.reset_button)

        advance_row = QHBoxLayout()
        for text, delta in ADVANCES:
            button = QPushButton(tr(text))
            button.setToolTip(tr("服务器时间前进 {step}").format(step=tr(text).lstrip("+")))
            button.clicked.connect(lambda _checked=False, d=delta: self.advance(d))
            advance_row.addWidget(button)
        advance_row.addStretch(1)

        self.jump_grid = QGridLayout()
        self.jump_grid.setHorizontalSpacing(6)
        self.jump_grid.setVerticalSpacing(4)
        hint = QLabel(tr(CLOCK_HINT))
        hint.setObjectName("testerHint")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.now_label)
        layout.addLayout(set_row)
        layout.addLayout(advance_row)
        layout.addWidget(QLabel(tr("一键跳转（下一个考次的该时间点）：")))
        layout.addLayout(self.jump_grid)
        layout.addWidget(hint)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_now)
        self._tick.start()

    # --- reading ---------------------------------------------------------------------------------
    def load(self) -> None:
        client = self.client
        self.runner.run(lambda: (client.mock.clock(), client.mock.jumps()), self._loaded, self._failed, owner=self)

    def _loaded(self, result: tuple[ClockState, list[ClockJump]]) -> None:
        state, jumps = result
        self._show_state(state)
        self._show_jumps(jumps)

    def _failed(self, exc: Exception) -> None:
        from desktop.core.errors import user_message

        self._report(tr("时钟操作失败：{reason}").format(reason=user_message(exc)), True)

    def now(self) -> datetime | None:
        """The server's time now, as last read plus the time since (unless frozen)."""
        if self.state is None:
            return None
        if self.state.frozen:
            return self.state.now
        return self.state.now + timedelta(seconds=time.monotonic() - self._read_at)

    def _show_state(self, state: ClockState) -> None:
        first = self.state is None
        self.state = state
        self._read_at = time.monotonic()
        self._show_now()
        if first or not self.edit.hasFocus():
            self._show_in_editor(state)
        self.clock_changed.emit(state)

    def _show_in_editor(self, state: ClockState) -> None:
        wall = to_beijing(state.now).replace(tzinfo=None, second=0, microsecond=0)
        self.edit.setDateTime(QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute)))

    def _show_now(self) -> None:
        now = self.now()
        if now is not None and self.state is not None:
            self.now_label.setText(clock_text(now, self.state))

    def _show_jumps(self, jumps: list[ClockJump]) -> None:
        for button in self.jump_buttons.values():
            self.jump_grid.removeWidget(button)
            button.deleteLater()
        self.jump_buttons = {}
        for index, jump in enumerate(jumps):
            button = QPushButton(jump.label)
            button.setObjectName(f"jump_{jump.name}")
            button.setToolTip(jump_tooltip(jump.label, jump.session_name, jump.at))
            button.setEnabled(jump.at is not None)
            button.clicked.connect(lambda _checked=False, name=jump.name: self.jump(name))
            self.jump_grid.addWidget(button, index // JUMP_COLUMNS, index % JUMP_COLUMNS)
            self.jump_buttons[jump.name] = button

    # --- moving ----------------------------------------------------------------------------------
    def _move(self, call: Callable[[], ClockState], done_text: str) -> None:
        client = self.client

        def work() -> tuple[ClockState, list[ClockJump]]:
            return call(), client.mock.jumps()

        def moved(result: tuple[ClockState, list[ClockJump]]) -> None:
            self._loaded(result)
            self._show_in_editor(result[0])
            self._report(
                tr("{done}：{clock}").format(done=done_text, clock=clock_text(result[0].now, result[0])), False
            )
            self.moved.emit(result[0])

        self.runner.run(work, moved, self._failed, owner=self)

    def jump(self, name: str) -> None:
        button = self.jump_buttons.get(name)
        label = button.text() if button is not None else name
        client = self.client
        self._move(
            lambda: client.mock.jump(name, frozen=self.frozen_check.isChecked()),
            tr("已跳转到“{label}”").format(label=label),
        )

    def advance(self, delta: timedelta) -> None:
        client = self.client
        self._move(lambda: client.mock.set_clock(advance_seconds=delta.total_seconds()), tr("时间已前进"))

    def set_clock(self) -> None:
        wall = self.edit.dateTime().toPython()
        assert isinstance(wall, datetime)
        target = wall.replace(tzinfo=BEIJING)  # the editor shows Beijing wall time
        frozen = self.frozen_check.isChecked()
        client = self.client
        self._move(lambda: client.mock.set_clock(target, frozen=frozen), tr("时间已设置"))

    def reset_clock(self) -> None:
        client = self.client
        self._move(client.mock.reset_clock, tr("已恢复真实时间"))
