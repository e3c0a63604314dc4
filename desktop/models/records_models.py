"""Item models of 考籍管理: my applications, an application's state history, appointment slots and
my appointments.  Adapters over the client's dataclasses (no I/O, no view)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop.api.records import Application, ApplicationEvent, Appointment, AppointmentSlot
from desktop.core import timefmt
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.table import Column, DataclassTableModel, Index, short_datetime

STATUS_COLOURS = {
    "draft": "#4a5568",
    "submitted": "#1a4f8b",
    "reviewing": "#744210",
    "approved": "#276749",
    "returned": "#9c4221",
    "rejected": "#b42318",
    "booked": "#276749",
    "cancelled": "#718096",
}


def day_text(day: date) -> str:
    """``2027-04-10`` → ``4月10日（周六）`` (``timefmt.date_text``, short, with the weekday)."""
    return timefmt.date_text(day, year=False, weekday=True)


class _StatusColoured(DataclassTableModel[Any]):
    STATUS_COLUMN = -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.STATUS_COLUMN:
            status = getattr(self._items[index.row()], "status", "")
            colour = STATUS_COLOURS.get(status)
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)


class ApplicationTableModel(_StatusColoured):
    """My applications, most recently changed first."""

    columns = (
        Column(QT_TR_NOOP("类型"), lambda a: a.kind_text),
        Column(QT_TR_NOOP("状态"), lambda a: a.status_text),
        Column(QT_TR_NOOP("内容"), lambda a: a.summary),
        Column(QT_TR_NOOP("更新时间"), lambda a: short_datetime(a.updated_at)),
        Column(QT_TR_NOOP("申请编号"), lambda a: a.application_no),
    )
    STATUS_COLUMN = 1

    def set_items(self, items: Sequence[Application]) -> None:
        super().set_items(sorted(items, key=lambda a: a.updated_at, reverse=True))

    def row_of(self, application_no: str) -> int:
        return next((i for i, a in enumerate(self._items) if a.application_no == application_no), -1)


class HistoryTableModel(DataclassTableModel[ApplicationEvent]):
    """The state history of one application, oldest first, with the staff's comments."""

    columns = (
        Column(QT_TR_NOOP("时间"), lambda e: short_datetime(e.at)),
        Column(QT_TR_NOOP("办理人"), lambda e: e.actor_name),
        Column(QT_TR_NOOP("操作"), lambda e: e.action_text),
        Column(QT_TR_NOOP("状态"), lambda e: e.to_status_text),
        Column(QT_TR_NOOP("说明"), lambda e: e.comment or ""),
    )


class SlotTableModel(DataclassTableModel[AppointmentSlot]):
    """Bookable half-days of one office with the places left."""

    columns = (
        Column(QT_TR_NOOP("日期"), lambda s: day_text(s.day)),
        Column(QT_TR_NOOP("时段"), lambda s: s.half_text),
        Column(
            QT_TR_NOOP("剩余名额"),
            lambda s: f"{s.places_left} / {s.capacity}" if s.places_left else tr("已约满"),
            Qt.AlignmentFlag.AlignCenter,
        ),
    )

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._items[index.row()].places_left <= 0:
            return base & ~Qt.ItemFlag.ItemIsEnabled
        return base


class AppointmentTableModel(_StatusColoured):
    columns = (
        Column(QT_TR_NOOP("预约号"), lambda a: a.appointment_no),
        Column(QT_TR_NOOP("办理地点"), lambda a: a.office_name),
        Column(QT_TR_NOOP("日期"), lambda a: day_text(a.day)),
        Column(QT_TR_NOOP("时段"), lambda a: a.half_text),
        Column(QT_TR_NOOP("状态"), lambda a: a.status_text),
    )
    STATUS_COLUMN = 4

    def set_items(self, items: Sequence[Appointment]) -> None:
        super().set_items(list(items))
