"""Polling one order while its payment result is on its way (every 2 s for 60 s, then stop).

The payment platform notifies the backend asynchronously, so right after paying the order may
still be 交费中.  ``OrderPoller`` asks ``client.registration.order()`` (which also makes the
server reconcile with the platform) on a worker every ``interval_ms`` until ``settled(order)``
or ``duration_ms`` have passed on the local monotonic clock (the server's clock can be moved by
testers; the waiting is the examinee's own time).  Never two requests at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from desktop.api.types import Order
from desktop.core.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.api.client import ApiClient


class OrderPoller(QObject):
    updated = Signal(object)  # Order, after every successful look
    failed = Signal(object)  # Exception of one look (polling goes on)
    finished = Signal(str, bool)  # order_no, settled (False: gave up after duration_ms)

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        order_no: str,
        settled: Callable[[Order], bool],
        *,
        interval_ms: int = 2000,
        duration_ms: int = 60_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self.order_no = order_no
        self.settled = settled
        self.duration_ms = duration_ms
        self.looks = 0
        self._in_flight = False
        self._active = False
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._look)

    @property
    def active(self) -> bool:
        return self._active

    def start(self, *, look_now: bool = True) -> None:
        """Start looking (the first look at once, or after one interval when the order was just read)."""
        if self._active:
            return
        self._active = True
        self._clock.start()
        self._timer.start()
        if look_now:
            self._look()

    def stop(self, settled: bool = False) -> None:
        if not self._active:
            return
        self._active = False
        self._timer.stop()
        self.finished.emit(self.order_no, settled)

    def _look(self) -> None:
        if not self._active or self._in_flight:
            return
        if self.looks and self._clock.elapsed() >= self.duration_ms:
            self.stop(settled=False)
            return
        self._in_flight = True
        self.looks += 1
        client, order_no = self.client, self.order_no
        self.runner.run(lambda: client.registration.order(order_no), self._got, self._failed, owner=self)

    def _got(self, order: Order) -> None:
        self._in_flight = False
        self.updated.emit(order)
        if self._active and self.settled(order):
            self.stop(settled=True)
        elif self._active and self._clock.elapsed() >= self.duration_ms:
            self.stop(settled=False)

    def _failed(self, exc: Exception) -> None:
        self._in_flight = False
        self.failed.emit(exc)
        if self._active and self._clock.elapsed() >= self.duration_ms:
            self.stop(settled=False)
