"""Desktop reminders before each date of the personal calendar.

``due_reminders`` decides (pure, testable with any "now"): a date that concerns the person
is announced once when "now" enters ``[moment - lead, moment)`` — for a window both its opening
and its closing.  ``ReminderService`` asks it on a ``QTimer`` with "now" from the *server*
clock (``desktop.core.clock.ServerClock``: the machine's clock plus the offset every answer
tells), so a PC whose clock is wrong still reminds on time, and a tester moving the server's
clock moves the reminders; tests inject a clock and call ``tick()``.  Times are written by
``desktop.core.timefmt`` (Beijing time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.api.notices import Deadline
from desktop.core.timefmt import datetime_text
from desktop.i18n.tr import tr


@dataclass(frozen=True)
class Reminder:
    key: str  # deadline key + ":start" / ":end"
    title: str
    message: str
    moment: datetime


def countdown_text(delta: timedelta) -> str:
    """还剩 3 天 4 小时 / 还剩 5 小时 20 分 / 还剩 12 分钟 (whole units, rounded down)."""
    seconds = max(0, int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return tr("还剩 {days} 天 {hours} 小时").format(days=days, hours=hours)
    if hours:
        return tr("还剩 {hours} 小时 {minutes} 分").format(hours=hours, minutes=minutes)
    return tr("还剩 {value} 分钟").format(value=max(minutes, 1) if seconds else 0)


def _moments(item: Deadline) -> list[tuple[str, datetime, str]]:
    if item.end is None:
        return [("start", item.start, tr("截止"))]
    if item.kind == "exam":
        return [("start", item.start, tr("开考"))]
    return [("start", item.start, tr("开始")), ("end", item.end, tr("结束"))]


def due_reminders(items: Iterable[Deadline], now: datetime, lead: timedelta, sent: set[str]) -> list[Reminder]:
    """Reminders to show at ``now`` (not yet in ``sent``), earliest first.

    Two dates of one session that open or close at the same instant (the registration window
    and its second phase end together) give one reminder: the first listed.
    """
    concerning = [i for i in items if i.concerns]
    covered = {
        (i.session_code, verb, moment)
        for i in concerning
        for which, moment, verb in _moments(i)
        if f"{i.key}:{which}" in sent
    }
    found = []
    for item in concerning:
        for which, moment, verb in _moments(item):
            key = f"{item.key}:{which}"
            same = (item.session_code, verb, moment)
            if key in sent or same in covered or not (moment - lead <= now < moment):
                continue
            covered.add(same)
            when = datetime_text(moment, year=False)
            found.append(
                Reminder(
                    key,
                    item.title,
                    tr("{title}：{when}{verb}（{countdown_text}）").format(
                        title=item.title, when=when, verb=verb, countdown_text=countdown_text(moment - now)
                    ),
                    moment,
                )
            )
    return sorted(found, key=lambda r: r.moment)


class ReminderService(QObject):
    """Emits ``reminder`` for each due date, once per login (the set of sent keys lives here)."""

    reminder = Signal(object)  # Reminder

    def __init__(self, clock: Callable[[], datetime], parent: QObject | None = None, *, tick_ms: int = 30_000) -> None:
        super().__init__(parent)
        self._clock = clock
        self._items: list[Deadline] = []
        self.lead = timedelta(days=1)
        self.enabled = True
        self.sent: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)

    def set_items(self, items: Iterable[Deadline]) -> None:
        self._items = list(items)
        self.tick()

    def set_lead(self, minutes: int) -> None:
        self.lead = timedelta(minutes=minutes)
        self.tick()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self.tick()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def tick(self) -> list[Reminder]:
        if not self.enabled:
            return []
        due = due_reminders(self._items, self._clock(), self.lead, self.sent)
        for reminder in due:
            self.sent.add(reminder.key)
            self.reminder.emit(reminder)
        return due
