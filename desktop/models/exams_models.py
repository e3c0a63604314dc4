"""Item models of 考试信息: the timetable of one session and the registration history.

Adapters over the client's dataclasses (no I/O, no view), built on the ``DataclassTableModel`` of
报名报考.  The history is master–detail: ``HistorySessionModel`` lists the sessions registered
for (amount paid, outcome in short), ``HistoryCourseModel`` the courses of the chosen one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.api.types import ExamHistoryCourse, ExamHistorySession, Timetable, TimetableSlot
from desktop.core import timefmt
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.registration_models import SLOT_NAMES
from desktop.models.table import Column, DataclassTableModel, Index, session_name, yuan

SEAT_PENDING = QT_TR_NOOP("座位待分配，准考证打印开放后可见")
NOT_REGISTERED = QT_TR_NOOP("本场未报考")
NO_SEAT_RECORD = "—"
PASSED_COLOUR = "#2f855a"
FAILED_COLOUR = "#b42318"
PENDING_COLOUR = "#8a94a3"


def day_text(value: date) -> str:
    """``2027-04-10`` → ``2027年4月10日（周六）`` (``timefmt.date_text`` with the weekday)."""
    return timefmt.date_text(value, weekday=True)


def room_seat_text(room: int | None, seat: int | None) -> str:
    return tr("第{room}考场 {seat}号座位").format(room=room, seat=seat) if room is not None and seat is not None else ""


# --- the timetable ---------------------------------------------------------------------------------------


class TimetableModel(DataclassTableModel[TimetableSlot]):
    """The four slots of one session with the examinee's course, site, room and seat in each.

    A registered course without a seat says when the seat will be known (``SEAT_PENDING``) while
    the session's exams are still ahead; for a session already over it shows no seat (``—``).
    """

    COURSE_COLUMN = 3
    SEAT_COLUMN = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timetable: Timetable | None = None
        self._over = False
        self.columns = (
            Column(tr("场次"), lambda s: tr(SLOT_NAMES.get(s.slot, s.slot))),
            Column(tr("日期"), lambda s: day_text(s.date)),
            Column(tr("时间"), lambda s: f"{s.start}–{s.end}"),
            Column(tr("课程"), self._course_text),
            Column(tr("考点"), lambda s: s.site_name or ""),
            Column(tr("考场 / 座位"), self._seat_text),
        )

    def set_timetable(self, timetable: Timetable | None, server_time: datetime | None = None) -> None:
        """Show ``timetable``; ``server_time`` tells whether its exams are over (no seat will come)."""
        self.timetable = timetable
        self._over = bool(timetable and server_time and server_time >= timetable.ticket_print_close)
        self.set_items(timetable.slots if timetable else ())

    @property
    def registered(self) -> list[TimetableSlot]:
        return [s for s in self._items if s.course_code]

    @staticmethod
    def _course_text(slot: TimetableSlot) -> str:
        if not slot.course_code:
            return tr(NOT_REGISTERED)
        return f"{slot.course_code} {slot.course_name or ''}".strip()

    def _seat_text(self, slot: TimetableSlot) -> str:
        if not slot.course_code:
            return ""
        if slot.room is not None and slot.seat is not None:
            return room_seat_text(slot.room, slot.seat)
        return NO_SEAT_RECORD if self._over else tr(SEAT_PENDING)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < len(self._items):
            slot = self._items[index.row()]
            if not slot.course_code or (index.column() == self.SEAT_COLUMN and slot.room is None):
                return QBrush(QColor(PENDING_COLOUR))
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 0 <= index.row() < len(self._items):
            slot = self._items[index.row()]
            if index.column() == 4 and slot.site_address:
                return tr("{site_name}：{site_address}").format(
                    site_name=slot.site_name, site_address=slot.site_address
                )
        return super().data(index, role)


# --- the history ----------------------------------------------------------------------------------------


def outcome_summary(session: ExamHistorySession) -> str:
    """ "通过 2 门，未通过 1 门" once results are out; else the session's state (待考 / 成绩未发布)."""
    released = [c for c in session.courses if c.released]
    if not released:
        return session.status_text
    passed = sum(1 for c in released if c.passed)
    failed = len(released) - passed
    parts = ([tr("通过 {passed} 门").format(passed=passed)] if passed else []) + (
        [tr("未通过 {failed} 门").format(failed=failed)] if failed else []
    )
    return tr("，").join(parts)


def amount_text(session: ExamHistorySession) -> str:
    return yuan(session.amount_paid_fen) if session.amount_paid_fen is not None else "—"


class HistorySessionModel(DataclassTableModel[ExamHistorySession]):
    """Every session registered for, newest first."""

    columns = (
        Column(QT_TR_NOOP("考次"), lambda s: session_name(s.session_code)),
        Column(QT_TR_NOOP("状态"), lambda s: s.status_text),
        Column(QT_TR_NOOP("考点"), lambda s: s.site_name or "—"),
        Column(
            QT_TR_NOOP("报考课程"), lambda s: tr("{len} 门").format(len=len(s.courses)), Qt.AlignmentFlag.AlignHCenter
        ),
        Column(QT_TR_NOOP("缴费金额（元）"), amount_text, Qt.AlignmentFlag.AlignRight),
        Column(QT_TR_NOOP("结果"), outcome_summary),
    )

    def set_items(self, items: Sequence[ExamHistorySession]) -> None:
        super().set_items(sorted(items, key=lambda s: s.session_code, reverse=True))

    def row_of(self, session_code: str) -> int:
        return next((i for i, s in enumerate(self._items) if s.session_code == session_code), -1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 4:
            return tr("“—”：这次报考没有网上缴费记录（网上报考系统启用以前的考次）")
        return super().headerData(section, orientation, role)


def outcome_colour(course: ExamHistoryCourse) -> str | None:
    if not course.released or course.passed is None:
        return PENDING_COLOUR
    return PASSED_COLOUR if course.passed else FAILED_COLOUR


class HistoryCourseModel(DataclassTableModel[ExamHistoryCourse]):
    """The courses of one session of the history with their outcome (成绩 / 合格 / 缺考 / 待考)."""

    OUTCOME_COLUMN = 3

    columns = (
        Column(QT_TR_NOOP("课程代码"), lambda c: c.course_code, Qt.AlignmentFlag.AlignHCenter),
        Column(QT_TR_NOOP("课程名称"), lambda c: c.course_name),
        Column(QT_TR_NOOP("考试时间"), lambda c: c.slot_label or "—"),
        Column(QT_TR_NOOP("成绩 / 结果"), lambda c: c.outcome, Qt.AlignmentFlag.AlignHCenter),
    )

    def set_session(self, session: ExamHistorySession | None) -> None:
        self.set_items(session.courses if session else ())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == self.OUTCOME_COLUMN
            and 0 <= index.row() < len(self._items)
        ):
            colour = outcome_colour(self._items[index.row()])
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)
