"""The waiting screen a page shows in place of its content while the server's waiting room holds
the examinee (docs/desktop-core.md, "The waiting room"; the server's rules: docs/waiting-room.md).

It shows the position and an estimated wait that counts down every second and is corrected by
each poll; it polls the ticket at the interval the server asks for (plus jitter, never sooner),
with never more than one request in flight; a lost connection keeps the place (the server keeps
it for minutes) and the polls go on with a growing pause.  ``admitted`` tells the page to load
again, ``reenter`` that the ticket is no good any more (the page asks again: a new ticket or
admission), ``left`` that the person left the queue.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QPushButton, QSystemTrayIcon, QVBoxLayout, QWidget

from desktop.api.errors import ApiError, ConnectionFailed, QueueTicket, RateLimited, RequestTimeout, ServerError
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import time_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr

if TYPE_CHECKING:
    from desktop.api.client import ApiClient
    from desktop.api.waiting_room import WaitingRoomStatus

HINT = QT_TR_NOOP("请勿刷新或重复登录，轮到您时自动进入")
#: a poll goes out this much later than the interval asked for, at random (never sooner)
JITTER = (1.0, 1.2)
#: after a lost connection the pause doubles up to this (the server keeps the place 5 minutes)
MAX_BACKOFF_SECONDS = 60.0


def wait_text(seconds: float) -> str:
    """An estimated wait in words: "约 3 分 05 秒", "不到 1 分钟" at the end."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return tr("即将轮到您（不到 1 分钟）")
    minutes, rest = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return tr("约 {hours} 小时 {minutes} 分").format(hours=hours, minutes=f"{minutes:02d}")
    return tr("约 {minutes} 分 {seconds} 秒").format(minutes=minutes, seconds=f"{rest:02d}")


def position_text(position: int) -> str:
    return tr("您是下一位") if position <= 1 else tr("前面还有 %n 人", None, position - 1)


class WaitingRoomView(QWidget):
    admitted = Signal()
    reenter = Signal()
    left = Signal()

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingRoom")
        self.client = client
        self.runner = runner
        self.ticket: QueueTicket | None = None
        self.in_flight = 0  # requests of this screen on the way (at most 1)
        self.max_in_flight = 0  # the most there ever were at once (tests)
        self.polls = 0
        self._deadline = 0.0  # monotonic time the estimated wait ends
        self._backoff = 0.0
        self._leaving = False
        self._active = False

        self.title = QLabel(tr("当前访问人数较多，您正在排队"))
        self.title.setObjectName("queueTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.position_label = QLabel()
        self.position_label.setObjectName("queuePosition")
        font = self.position_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        self.position_label.setFont(font)
        self.wait_label = QLabel()
        self.wait_label.setObjectName("queueWait")
        self.hint = QLabel(tr(HINT))
        self.hint.setObjectName("queueHint")
        self.note = QLabel()
        self.note.setObjectName("queueNote")
        self.note.setWordWrap(True)
        self.leave_button = QPushButton(tr("离开队列(&L)"))
        self.leave_button.setObjectName("leaveQueueButton")
        self.leave_button.clicked.connect(self.leave)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.title, self.position_label, self.wait_label, self.hint, self.note):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addSpacing(12)
        layout.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

        self.poll_timer = QTimer(self)
        self.poll_timer.setSingleShot(True)
        self.poll_timer.timeout.connect(self.poll)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self._tick)

    # --- the ticket ------------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._active

    def start(self, ticket: QueueTicket) -> None:
        """Wait in line with ``ticket`` (a page's request was answered with it)."""
        self._active, self._leaving, self._backoff = True, False, 0.0
        self.leave_button.setEnabled(True)
        self.note.clear()
        self._take(ticket)
        self.tick_timer.start()

    def stop(self) -> None:
        self._active = False
        self.poll_timer.stop()
        self.tick_timer.stop()

    def _take(self, ticket: QueueTicket, *, delay: float | None = None) -> None:
        """Show ``ticket`` and plan the next poll after its interval (or ``delay``), with jitter."""
        self.ticket = ticket
        self._deadline = time.monotonic() + ticket.estimated_wait_seconds
        self.position_label.setText(position_text(ticket.position))
        self._tick()
        self.title.setToolTip(tr("排队凭证签发于 {time}").format(time=time_text(ticket.issued_at, seconds=True)))
        wait = ticket.refresh_seconds if delay is None else delay
        self._schedule(wait)

    def _schedule(self, seconds: float) -> None:
        if self._active:
            self.poll_timer.start(int(seconds * random.uniform(*JITTER) * 1000))

    def _tick(self) -> None:
        self.wait_label.setText(tr("预计等待：{wait}").format(wait=wait_text(self._deadline - time.monotonic())))

    # --- polling --------------------------------------------------------------------------------------
    def poll(self) -> None:
        ticket = self.ticket
        if not self._active or ticket is None or self.in_flight:
            return
        self._sending()
        self.polls += 1
        self.runner.run(lambda: self.client.waiting_room.status(ticket), self._polled, self._poll_failed, owner=self)

    def _sending(self) -> None:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _polled(self, status: WaitingRoomStatus) -> None:
        self.in_flight -= 1
        self._backoff = 0.0
        self.note.clear()
        if self._leaving:
            self._send_leave()
            return
        if not self._active:
            return
        if status.admitted or status.ticket is None:
            self.stop()
            self.admitted.emit()
            return
        self._take(status.ticket)

    def _poll_failed(self, exc: Exception) -> None:
        self.in_flight -= 1
        if self._leaving:
            self._send_leave()
            return
        if not self._active or self.ticket is None:
            return
        if isinstance(exc, RateLimited):
            # too early (a clock of ours ran fast): the same ticket, and when to ask again
            same = QueueTicket.from_details(exc.details) or self.ticket
            self._take(same, delay=exc.retry_after or same.refresh_seconds)
        elif isinstance(exc, ConnectionFailed | RequestTimeout | ServerError):
            # the place is kept on the server; ask again later, later each time
            self._backoff = min(MAX_BACKOFF_SECONDS, max(float(self.ticket.refresh_seconds), self._backoff * 2))
            self.note.setText(tr("网络连接中断，正在重新连接。您的排队位置会保留，请勿关闭程序"))
            self._schedule(self._backoff)
        elif isinstance(exc, ApiError):
            # the place was freed or the ticket is no good any more: the page asks again
            self.stop()
            self.reenter.emit()
        else:
            raise exc

    # --- leaving ---------------------------------------------------------------------------------------
    def leave(self) -> None:
        """Give up the place (after the poll on the way, if one is: one request at a time)."""
        self.stop()
        self._leaving = True
        self.leave_button.setEnabled(False)
        self.note.setText(tr("正在离开队列…"))
        if not self.in_flight:
            self._send_leave()

    def _send_leave(self) -> None:
        self._sending()
        self.runner.run(self.client.waiting_room.leave, self._left, self._leave_failed, owner=self)

    def _left(self, _result: object) -> None:
        self.in_flight -= 1
        self._leaving = False
        self.left.emit()

    def _leave_failed(self, exc: Exception) -> None:
        self.in_flight -= 1
        self._leaving = False
        self.leave_button.setEnabled(True)
        self.note.setText(tr("未能离开队列：{reason}。您仍在排队中").format(reason=user_message(exc)))
        if self.ticket is not None:
            self._active = True
            self.tick_timer.start()
            self._schedule(self.ticket.refresh_seconds)


def announce_admission(widget: QWidget, title: str, tray: QSystemTrayIcon | None) -> QSystemTrayIcon | None:
    """Tell a person whose window is minimised that it is their turn (a tray message, when the
    system has a tray); returns the tray icon to keep."""
    window = widget.window()
    if not window.isMinimized() or not QSystemTrayIcon.isSystemTrayAvailable():
        return tray
    if tray is None:
        tray = QSystemTrayIcon(window.windowIcon() or QIcon(), widget)
        tray.setToolTip(tr("湖南自考自助服务"))
        tray.messageClicked.connect(window.showNormal)
    tray.show()
    where = tr("“{title}”").format(title=title) if title else tr("页面")
    tray.showMessage(
        tr("轮到您了"),
        tr("已进入{where}，请回到程序继续办理").format(where=where),
        QSystemTrayIcon.MessageIcon.Information,
        15_000,
    )
    return tray
