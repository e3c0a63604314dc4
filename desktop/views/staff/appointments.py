"""证明预约 (clerks): a day's 考籍证明 appointments at the clerk's own prefecture office; the one
who came is marked 已办理 (only on the day).  Calls ``client.records.office``; the server checks
the role, the office and the day, and audits the mark."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.api.records import OfficeAppointment, OfficeDay
from desktop.core.errors import present_error
from desktop.core.tasks import TaskRunner
from desktop.models.staff_models import OfficeAppointmentModel
from desktop.views.staff.widgets import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient


class AppointmentsDeskPage(QWidget):
    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appointmentsDeskPage")
        self.client, self.runner = client, runner
        self.data: OfficeDay | None = None
        self.title_label = QLabel("考籍证明预约")
        self.title_label.setObjectName("officeTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("officeDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd dddd")
        self.day_edit.dateChanged.connect(lambda _d: self.load(self.day_edit.date().toPython()))
        day_label = QLabel("日期(&D)")
        day_label.setBuddy(self.day_edit)
        today_button = QPushButton("今天(&T)")
        today_button.clicked.connect(lambda: self.load(None))
        self.count_label = QLabel()
        self.count_label.setObjectName("officeCount")
        top = QHBoxLayout()
        top.addWidget(day_label)
        top.addWidget(self.day_edit)
        top.addWidget(today_button)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.model = OfficeAppointmentModel(self)
        self.table = table_view(self.model, "officeAppointments")
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_buttons())
        self.serve_button = QPushButton("标记已办理(&S)")
        self.serve_button.setObjectName("serveAppointment")
        self.serve_button.clicked.connect(self.serve)
        self.hint = QLabel("请先查验考生身份证原件，交付考籍证明后再标记已办理；只能标记当天的预约。")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.serve_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._loaded_once = False
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self.runner.running_for(self) > 0

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._loaded_once:
            self._loaded_once = True
            self.load(None)

    def refresh(self) -> None:
        self.load(self.data.day if self.data else None)

    def load(self, day: date | None) -> None:
        client = self.client
        self.count_label.setText("正在加载…")
        self.runner.run(lambda: client.records.office.day(day), self._loaded, self._failed, owner=self)

    def _loaded(self, data: OfficeDay) -> None:
        self.data = data
        self.title_label.setText(f"考籍证明预约 · {data.office_name}")
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(QDate(data.day.year, data.day.month, data.day.day))
        self.day_edit.blockSignals(False)
        self.model.set_items(list(data.items))
        waiting = sum(1 for a in data.items if a.status == "booked")
        served = sum(1 for a in data.items if a.status == "served")
        self.count_label.setText(f"共 {len(data.items)} 个预约：待办理 {waiting}，已办理 {served}")
        if data.items:
            self.table.selectRow(0)
        self._update_buttons()

    def _failed(self, exc: Exception) -> None:
        self.count_label.setText("加载失败")
        present_error(self, exc)

    def selected(self) -> OfficeAppointment | None:
        row = self.table.currentIndex().row()
        return self.model.item(row) if 0 <= row < self.model.rowCount() else None

    def _update_buttons(self) -> None:
        a = self.selected()
        today = self.data is not None and self.data.day == self.data.today
        self.serve_button.setEnabled(a is not None and a.status == "booked" and today)

    def serve(self) -> None:
        a = self.selected()
        if a is None:
            return
        client, no = self.client, a.appointment_no
        self.runner.run(lambda: client.records.office.serve(no), lambda _a: self.refresh(), self._failed, owner=self)
