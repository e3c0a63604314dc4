"""考籍证明预约: choose the prefecture office, a day and a half-day slot with places left; cancel
until the day before.  Booking and cancelling ask once, with the place, the day and the time.
The server never overbooks; a slot that filled meanwhile is refused there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.records import Appointment, AppointmentSlot, Office
from desktop.core.errors import present_error, user_message
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import date_text
from desktop.i18n.tr import tr
from desktop.models.records_models import AppointmentTableModel, SlotTableModel
from desktop.views.widgets.forms import caption, hint
from desktop.views.widgets.submit_dialog import confirm
from desktop.views.widgets.tables import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient


class AppointmentsPanel(QWidget):
    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appointmentsPanel")
        self.client = client
        self.runner = runner
        self._busy = False
        self.loaded = False
        self.confirm_box: QMessageBox | None = None

        intro = hint(
            tr("考籍证明须本人持身份证到所选市州自考办领取。每人同时只能有一个预约；预约日前一天及以前可以取消。")
        )
        self.office = QComboBox()
        self.office.setObjectName("officeCombo")
        self.office.currentIndexChanged.connect(self.load_slots)
        office_label = caption(tr("办理地点(&O)："), self.office)
        self.slot_model = SlotTableModel(self)
        self.slots = table_view(self.slot_model, "slotTable")
        self.slots.doubleClicked.connect(lambda _i: self.book())
        self.slots.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.book_button = QPushButton(tr("预约所选时段(&B)"))
        self.book_button.setObjectName("bookButton")
        self.book_button.clicked.connect(self.book)
        self.message = hint()
        top = QHBoxLayout()
        top.addWidget(office_label)
        top.addWidget(self.office, 1)
        top.addWidget(self.book_button)
        choose = QGroupBox(tr("选择时段"))
        choose_layout = QVBoxLayout(choose)
        choose_layout.addLayout(top)
        choose_layout.addWidget(self.slots)

        self.mine_model = AppointmentTableModel(self)
        self.mine = table_view(self.mine_model, "appointmentTable")
        self.mine.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.cancel_button = QPushButton(tr("取消预约(&C)"))
        self.cancel_button.setObjectName("cancelAppointmentButton")
        self.cancel_button.clicked.connect(self.cancel)
        mine_box = QGroupBox(tr("我的预约"))
        mine_layout = QVBoxLayout(mine_box)
        mine_layout.addWidget(self.mine)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        mine_layout.addLayout(row)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(choose, 3)
        layout.addWidget(self.message)
        layout.addWidget(mine_box, 2)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------------------
    def refresh(self, home_prefecture: str | None = None) -> None:
        """Offices, my appointments and the slots of the chosen (else my own) office, all at once."""
        client = self.client
        code = self.office.currentData() or home_prefecture
        fns: dict[str, Callable[[], Any]] = {"offices": client.records.offices, "mine": client.records.appointments}
        if code:
            fns["slots"] = lambda: client.records.slots(code)
        self.runner.run_all(fns, lambda r: self._loaded(r, code), self._load_failed, owner=self)

    def _loaded(self, results: dict[str, Any], code: str | None) -> None:
        offices: list[Office] = results["offices"]
        self.loaded = True
        self.office.blockSignals(True)
        self.office.clear()
        for o in offices:
            self.office.addItem(o.office_name, o.prefecture_code)
        index = self.office.findData(code)
        self.office.setCurrentIndex(max(0, index))
        self.office.blockSignals(False)
        self.mine_model.set_items(results["mine"])
        if "slots" in results and self.office.currentData() == code:
            self._slots_loaded(results["slots"])
        else:
            self.load_slots()

    def _load_failed(self, exc: Exception) -> None:
        self.message.setText(
            tr("预约信息加载失败：{user_message}（按 F5 重试）").format(user_message=user_message(exc))
        )

    def load_slots(self, *_args: object) -> None:
        code, client = self.office.currentData(), self.client
        if not code:
            return
        self.runner.run(lambda: client.records.slots(code), self._slots_loaded, self._load_failed, owner=self)

    def _slots_loaded(self, slots: list[AppointmentSlot]) -> None:
        self.slot_model.set_items(slots)
        self._update_buttons()

    # --- booking ---------------------------------------------------------------------------------------
    def selected_slot(self) -> AppointmentSlot | None:
        rows = self.slots.selectionModel().selectedRows()
        return self.slot_model.item(rows[0].row()) if rows else None

    def selected_appointment(self) -> Appointment | None:
        rows = self.mine.selectionModel().selectedRows()
        return self.mine_model.item(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        slot = self.selected_slot()
        self.book_button.setEnabled(not self._busy and slot is not None and slot.places_left > 0)
        mine = self.selected_appointment()
        self.cancel_button.setEnabled(not self._busy and mine is not None and mine.can_cancel)

    def book(self) -> QMessageBox | None:
        """Ask once, with the place, the day and the time, before booking the selected slot."""
        slot = self.selected_slot()
        if self._busy or slot is None or slot.places_left <= 0:
            return None
        office = self.office.currentText()
        day = date_text(slot.day, weekday=True)
        text = tr(
            "预约领取考籍证明：\n地点：{office}\n时间：{day} {half_text}\n\n请本人持身份证按时到场办理。"
            "每人同时只能有一个预约；预约日前一天及以前可以取消。"
        ).format(office=office, day=day, half_text=slot.half_text)
        self.confirm_box = confirm(self, tr("预约考籍证明"), text, tr("确认预约(&Y)"), lambda: self.send_booking(slot))
        return self.confirm_box

    def send_booking(self, slot: AppointmentSlot) -> bool:
        if self._busy:
            return False
        self._busy = True
        self._update_buttons()
        client = self.client
        self.runner.run(lambda: client.records.book(slot.slot_id), self._booked, self._failed, owner=self)
        return True

    def _booked(self, a: Appointment) -> None:
        self._busy = False
        day = date_text(a.day, year=False, weekday=True)
        self.message.setText(
            tr("已预约：{office_name} {day} {half_text}（预约号 {appointment_no}）").format(
                office_name=a.office_name, day=day, half_text=a.half_text, appointment_no=a.appointment_no
            )
        )
        self.refresh()

    def cancel(self) -> QMessageBox | None:
        """Ask once, naming the appointment, before cancelling it."""
        a = self.selected_appointment()
        if self._busy or a is None or not a.can_cancel:
            return None
        day = date_text(a.day, weekday=True)
        text = tr(
            "取消预约 {appointment_no}？\n地点：{office_name}\n时间：{day} {half_text}\n\n"
            "取消后该时段的名额会让给他人；"
            "如仍需办理，请重新预约。"
        ).format(appointment_no=a.appointment_no, office_name=a.office_name, day=day, half_text=a.half_text)
        self.confirm_box = confirm(
            self, tr("取消预约"), text, tr("取消预约(&Y)"), lambda: self.send_cancel(a), no_text=tr("不取消(&N)")
        )
        return self.confirm_box

    def send_cancel(self, a: Appointment) -> bool:
        if self._busy:
            return False
        self._busy = True
        self._update_buttons()
        client = self.client
        self.runner.run(
            lambda: client.records.cancel_appointment(a.appointment_no), self._cancelled, self._failed, owner=self
        )
        return True

    def _cancelled(self, a: Appointment) -> None:
        self._busy = False
        self.message.setText(tr("已取消预约 {appointment_no}").format(appointment_no=a.appointment_no))
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self._update_buttons()
        present_error(self, exc)
        self.refresh()
