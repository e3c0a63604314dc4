"""Run blocking work (HTTP, disk) on a worker thread; get the result back on the GUI thread.

Modelled on Anki's ``QueryOp`` and Picard's ``run_task``: a view calls
``runner.run(fn, on_success, on_failure)``; ``fn`` runs in a ``QThreadPool``; the callbacks run on
the GUI thread through a queued signal.  A callback whose owner widget has been deleted is
skipped.  ``busy_changed`` drives the busy indicator.  A ``SessionEnded`` failure is also
announced through ``session_ended`` so the shell can return to the login window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.api.errors import ApiError, SessionEnded

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class Task(QRunnable, Generic[T]):
    def __init__(self, fn: Callable[[], T], owner: QObject | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until the callbacks ran
        self.fn = fn
        self.owner = owner
        self.relay = _Relay()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    session_ended = Signal(object)  # SessionEnded
    unhandled_error = Signal(object)  # an exception no on_failure took

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Task[Any]] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> Task[T]:
        """Run ``fn`` on a worker.  ``on_failure`` defaults to the shell's error presenter."""
        task: Task[T] = Task(fn, owner)

        def alive() -> bool:
            return owner is None or shiboken6.isValid(owner)

        @Slot(object)
        def done(result: Any) -> None:
            self._finish(task)
            if on_success is not None and alive():
                on_success(result)

        @Slot(object)
        def failed(exc: Exception) -> None:
            self._finish(task)
            if not isinstance(exc, ApiError):
                log.error("task failed", exc_info=exc)
            if isinstance(exc, SessionEnded):
                self.session_ended.emit(exc)
                return
            if not alive():
                return
            if on_failure is not None:
                on_failure(exc)
            else:
                self.unhandled_error.emit(exc)

        task.relay.succeeded.connect(done)
        task.relay.failed.connect(failed)
        was_busy = self.busy
        self._running.add(task)
        if not was_busy:
            self.busy_changed.emit(True)
        self.pool.start(task)
        return task

    def running_for(self, owner: QObject) -> int:
        """How many tasks run on behalf of ``owner`` (a dialog is busy while this is > 0)."""
        return sum(1 for task in self._running if task.owner is owner)

    def _finish(self, task: Task[Any]) -> None:
        self._running.discard(task)
        if not self._running:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the workers (at shutdown and in tests)."""
        return self.pool.waitForDone(msecs)
