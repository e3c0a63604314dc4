"""证明预约 (clerks): a day's 考籍证明 appointments at the clerk's own prefecture office; the one
who came is marked 已办理 (only on the day).  Calls ``client.records.office``; the server checks
the role, the office and the day, and audits the mark.

A ``StaffPage``: the day shown is its one request (``None``: the server's today); the answer to
已办理 is the appointment, which replaces its row.  The server's clock moving changes "today".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desktop.api.records import OfficeAppointment, OfficeDay
from desktop.core.errors import present_error, user_message
from desktop.core.timefmt import date_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.staff_models import OfficeAppointmentModel
from desktop.views.staff.widgets import StaffPage
from desktop.views.widgets.answer import AnswerBanner
from desktop.views.widgets.forms import buddy_label, hint
from desktop.views.widgets.submit_dialog import confirm
from desktop.views.widgets.tables import table_view

DAY_FORMAT = QT_TR_NOOP("yyyy年M月d日 dddd")


class AppointmentsDeskPage(StaffPage):
    OBJECT_NAME = "appointmentsDeskPage"
    TITLE = QT_TR_NOOP("证明预约")
    LOADING_TEXT = QT_TR_NOOP("正在加载证明预约…")

    def setup(self) -> None:
        self.data: OfficeDay | None = None
        self.day: date | None = None  # the day asked for (None: the server's today)

    def build_content(self) -> QWidget:
        self.title_label = QLabel(tr("考籍证明预约"))
        self.title_label.setObjectName("officeTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("officeDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat(tr(DAY_FORMAT))
        self.day_edit.dateChanged.connect(self._day_chosen)
        day_label = buddy_label(tr("日期(&D)"), self.day_edit)
        today_button = QPushButton(tr("今天(&T)"))
        today_button.clicked.connect(lambda: self.show_day(None))
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
        self.serve_button = QPushButton(tr("标记已办理(&S)"))
        self.serve_button.setObjectName("serveAppointment")
        self.serve_button.clicked.connect(self.serve)
        self.hint = hint(tr("请先查验考生身份证原件，交付考籍证明后再标记已办理；只能标记当天的预约。"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.serve_button)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title_label)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.answer = AnswerBanner()  # what the last 已办理 did
        layout.addWidget(self.answer)
        layout.addLayout(bottom)
        self._update_buttons()
        return content

    # --- loading ------------------------------------------------------------------------------------------
    def show_day(self, day: date | None) -> None:
        """Show the appointments of ``day`` (None: the server's today)."""
        self.day = day
        self.refresh()

    def _day_chosen(self, chosen: QDate) -> None:
        self.show_day(date(chosen.year(), chosen.month(), chosen.day()))

    def requests(self) -> dict[str, Callable[[], Any]]:
        client, day = self.client, self.day
        return {"day": lambda: client.records.office.day(day)}

    def apply(self, results: dict[str, Any]) -> None:
        data: OfficeDay = results["day"]
        self.data = data
        self.title_label.setText(tr("考籍证明预约 · {office}").format(office=data.office_name))
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(QDate(data.day.year, data.day.month, data.day.day))
        self.day_edit.blockSignals(False)
        self.model.set_items(list(data.items))
        self._show_counts()
        if data.items:
            self.table.selectRow(0)
        self._update_buttons()

    def show_status(self, text: str) -> None:
        if text:
            self.count_label.setText(text)
        else:
            self._show_counts()

    def _show_counts(self) -> None:
        items = self.data.items if self.data is not None else ()
        waiting = sum(1 for a in items if a.status == "booked")
        served = sum(1 for a in items if a.status == "served")
        self.count_label.setText(
            tr("共 {total} 个预约：待办理 {waiting}，已办理 {served}").format(
                total=len(items), waiting=waiting, served=served
            )
        )

    # --- 已办理 ------------------------------------------------------------------------------------------------
    def selected(self) -> OfficeAppointment | None:
        row = self.table.currentIndex().row()
        return self.model.item(row) if 0 <= row < self.model.rowCount() else None

    def _update_buttons(self) -> None:
        a = self.selected()
        today = self.data is not None and self.data.day == self.data.today
        self.serve_button.setEnabled(a is not None and a.status == "booked" and today)

    def serve(self) -> QMessageBox | None:
        """Ask once, naming the examinee, then record that the certificate was handed over."""
        a = self.selected()
        if a is None or a.status != "booked":
            return None
        text = tr(
            "{name}（准考证号 {exam_no}）的预约 {number}：\n{day} {half}\n\n"
            "确认已查验身份证原件并交付考籍证明？标记后不能撤销。"
        ).format(
            name=a.name,
            exam_no=a.exam_no,
            number=a.appointment_no,
            day=date_text(a.day, weekday=True),
            half=a.half_text,
        )
        return confirm(self, tr("标记已办理"), text, tr("标记已办理(&Y)"), lambda: self._send_serve(a))

    def _send_serve(self, a: OfficeAppointment) -> None:
        client, no = self.client, a.appointment_no
        self.serve_button.setEnabled(False)
        self.runner.run(lambda: client.records.office.serve(no), self._served, self._serve_failed, owner=self)

    def _served(self, served: OfficeAppointment) -> None:
        """The answer is the appointment as it is now: it replaces its row."""
        data = self.data
        if data is not None:
            items = tuple(served if a.appointment_no == served.appointment_no else a for a in data.items)
            self.data = replace(data, items=items)
            for row, a in enumerate(self.model.items):
                if a.appointment_no == served.appointment_no:
                    self.model.replace_row(row, served)
            self._show_counts()
        self._update_buttons()
        self.answer.say(
            tr("已办理：{name}（预约号 {number}）的考籍证明已交付。").format(
                name=served.name, number=served.appointment_no
            )
        )
        self.publish(served)

    def _serve_failed(self, exc: Exception) -> None:
        self.answer.say(tr("未办理：{reason}").format(reason=user_message(exc)), error=True)
        present_error(self, exc)
        self.refresh()  # someone else may have marked it: show the day as it is
