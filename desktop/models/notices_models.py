"""Item models of 通知公告 and 日程 (no I/O).

``NoticeTableModel``: 分类 · 标题 · 发布日期; an unread notice is bold (``FontRole``) and says
"未读" in its accessible text.  ``DeadlineTableModel``: 时间 · 事项 · 倒计时 · 与我相关, with
countdowns from a "now" the page sets (the server clock); dates that are over are grey.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from desktop.api.notices import Deadline, NoticeSummary
from desktop.core.reminders import countdown_text
from desktop.models.table import GREY, Column, DataclassTableModel

Index = QModelIndex | QPersistentModelIndex
WEEKDAYS = "一二三四五六日"


def notice_date(n: NoticeSummary) -> str:
    return f"{n.publish_at:%Y-%m-%d}"


def notice_title(n: NoticeSummary) -> str:
    return n.title + (f"  〔附件 {n.attachment_count}〕" if n.attachment_count else "")


class NoticeTableModel(DataclassTableModel[NoticeSummary]):
    columns = (
        Column[NoticeSummary]("分类", lambda n: n.category),
        Column[NoticeSummary]("标题", notice_title),
        Column[NoticeSummary]("发布日期", notice_date, Qt.AlignmentFlag.AlignCenter),
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
                return f"未读 {text}" if not notice.read and index.column() == 1 else text
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


def end_text(end: datetime) -> str:
    """An end as people say it: midnight is 24:00 of the day before."""
    if end.hour == 0 and end.minute == 0:
        return f"{end - timedelta(days=1):%m-%d} 24:00"
    return f"{end:%m-%d %H:%M}"


def when_text(item: Deadline) -> str:
    start = f"{item.start:%Y-%m-%d}（周{WEEKDAYS[item.start.weekday()]}）{item.start:%H:%M}"
    if item.end is None:
        return start
    if item.end.date() == item.start.date():
        return f"{start}–{item.end:%H:%M}"
    return f"{start} 至 {end_text(item.end)}"


def status_text(item: Deadline, now: datetime) -> str:
    if item.is_past(now):
        return "已结束"
    if item.end is not None and item.start <= now:
        return f"进行中，{countdown_text(item.end - now)}结束"
    return countdown_text(item.start - now)


class DeadlineTableModel(DataclassTableModel[Deadline]):
    """The personal calendar; ``set_now`` moves the countdowns (and the grey of past dates)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now: datetime | None = None
        self.columns = (
            Column[Deadline]("时间", when_text),
            Column[Deadline]("事项", lambda d: d.title),
            Column[Deadline]("倒计时", self._status),
            Column[Deadline]("与我相关", lambda d: "是" if d.concerns else "供参考", Qt.AlignmentFlag.AlignCenter),
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
