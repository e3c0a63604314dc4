"""Item models of 通知公告 and 日程 (no I/O).

``NoticeTableModel``: 分类 · 标题 · 发布日期; an unread notice is bold (``FontRole``) and says
"未读" in its accessible text.  ``DeadlineTableModel``: 时间 · 事项 · 倒计时 · 与我相关, with
countdowns from a "now" the page sets (the server clock); dates that are over are grey.

Every time is written by ``desktop.core.timefmt`` (Beijing time; midnight is 00:00 of its own
day, so an instant reads the same here as on every other tab).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from desktop.api.notices import Deadline, NoticeSummary
from desktop.core.clock import to_beijing
from desktop.core.reminders import countdown_text
from desktop.core.timefmt import date_text, time_text, window_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.table import GREY, Column, DataclassTableModel

Index = QModelIndex | QPersistentModelIndex


def notice_date(n: NoticeSummary) -> str:
    return date_text(n.publish_at)


def notice_title(n: NoticeSummary) -> str:
    return n.title + (
        tr("  〔附件 {attachment_count}〕").format(attachment_count=n.attachment_count) if n.attachment_count else ""
    )


class NoticeTableModel(DataclassTableModel[NoticeSummary]):
    columns = (
        Column[NoticeSummary](QT_TR_NOOP("分类"), lambda n: tr(n.category)),  # one of CATEGORIES
        Column[NoticeSummary](QT_TR_NOOP("标题"), notice_title),
        Column[NoticeSummary](QT_TR_NOOP("发布日期"), notice_date, Qt.AlignmentFlag.AlignCenter),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self._items):
            notice = self._items[index.row()]
            if role == Qt.ItemDataRole.FontRole and not notice.read:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.AccessibleTextRole:
                text = self.columns[index.column()].text(notice)
                return tr("未读 {text}").format(text=text) if not notice.read and index.column() == 1 else text
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
                return f"{notice.title}\n{notice.publisher} · {notice_date(notice)}\n{notice.excerpt}"
        return super().data(index, role)

    def row_of(self, notice_id: int) -> int | None:
        return next((i for i, n in enumerate(self._items) if n.id == notice_id), None)

    def replace(self, notice: NoticeSummary) -> None:
        """Put a newer state of one notice in place (e.g. read after opening it)."""
        row = self.row_of(notice.id)
        if row is None:
            return
        self._items[row] = notice
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    @property
    def unread(self) -> int:
        return sum(1 for n in self._items if not n.read)


def when_text(item: Deadline) -> str:
    """2027年4月10日（周六）09:00 (a moment), …09:00–11:30 (within a day), or a window
    ``window_text``: 2月20日 10:00 至 2月23日 00:00."""
    start = to_beijing(item.start)
    moment = f"{date_text(start, weekday=True)} {time_text(start)}"
    if item.end is None:
        return moment
    end = to_beijing(item.end)
    if end.date() == start.date():
        return f"{moment}–{time_text(end)}"
    return window_text(start, end)


def status_text(item: Deadline, now: datetime) -> str:
    if item.is_past(now):
        return tr("已结束")
    if item.end is not None and item.start <= now:
        return tr("进行中，{countdown_text}结束").format(countdown_text=countdown_text(item.end - now))
    return countdown_text(item.start - now)


class DeadlineTableModel(DataclassTableModel[Deadline]):
    """The personal calendar; ``set_now`` moves the countdowns (and the grey of past dates)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now: datetime | None = None
        self.columns = (
            Column[Deadline](tr("时间"), when_text),
            Column[Deadline](tr("事项"), lambda d: d.title),
            Column[Deadline](tr("倒计时"), self._status),
            Column[Deadline](
                tr("与我相关"), lambda d: tr("是") if d.concerns else tr("供参考"), Qt.AlignmentFlag.AlignCenter
            ),
        )

    def _status(self, item: Deadline) -> str:
        return "" if self._now is None else status_text(item, self._now)

    @property
    def now(self) -> datetime | None:
        return self._now

    def set_now(self, now: datetime) -> None:
        self._now = now
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(self.columns) - 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self._items):
            item = self._items[index.row()]
            past = self._now is not None and item.is_past(self._now)
            if role == Qt.ItemDataRole.ForegroundRole and past:
                return QBrush(GREY)
            if role == Qt.ItemDataRole.FontRole and item.concerns and not past:
                font = QFont()
                font.setBold(index.column() == 1)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return item.detail
        return super().data(index, role)
