"""Run blocking work (HTTP, disk) on a worker thread; get the result back on the GUI thread.

Modelled on Anki's ``QueryOp`` and Picard's ``run_task``: a view calls
``runner.run(fn, on_success, on_failure)``; ``fn`` runs in a ``QThreadPool``; the callbacks run on
the GUI thread through a queued signal.  A callback whose owner widget has been deleted is
skipped.  ``busy_changed`` drives the busy indicator.  A ``SessionEnded`` failure is also
announced through ``session_ended`` so the shell can return to the login window.

``runner.run_all({name: fn, ...}, on_success)`` runs independent requests of one screen at once
and calls ``on_success`` with every result when the last one is in (``docs/desktop-core.md``).

Lifetimes: a finished task keeps nothing.  Its function, its callbacks (and through them the
page and the data they hold) and its relay are released as soon as the callback has run, so
after a logout nothing of the previous user stays reachable from a task.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from desktop.api.errors import ApiError, SessionEnded

log = logging.getLogger(__name__)
T = TypeVar("T")

#: workers of the program's pool: requests wait on the network, not on the CPU, so a screen's
#: independent requests (up to about six) all run at once even on a 2-core machine
POOL_THREADS = 8


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class Task(Generic[T]):
    """One piece of work: ``run`` goes to the pool as a plain callable.

    Not a ``QRunnable``: PySide keeps a reference to every QRunnable given to
    ``QThreadPool.start`` that is not auto-deleted, so each finished task (and all it referred to)
    stayed alive for ever.  A callable is released by the pool once it ran.
    """

    def __init__(self, fn: Callable[[], T], owner: QObject | None = None) -> None:
        self.fn: Callable[[], T] | None = fn
        self._owner: weakref.ref[QObject] | None = weakref.ref(owner) if owner is not None else None
        self.relay: _Relay | None = _Relay()

    @property
    def owner(self) -> QObject | None:
        return self._owner() if self._owner is not None else None

    def run(self) -> None:
        fn, relay = self.fn, self.relay
        if fn is None or relay is None:
            return
        try:
            result = fn()
        except Exception as exc:
            relay.failed.emit(exc)
        else:
            relay.succeeded.emit(result)

    def release(self) -> None:
        """Drop everything this task refers to (called once its callback ran)."""
        self.fn = None
        self._owner = None
        relay, self.relay = self.relay, None
        if relay is not None and shiboken6.isValid(relay):
            try:
                relay.succeeded.disconnect()
                relay.failed.disconnect()
            except (RuntimeError, TypeError):  # nothing connected any more
                pass
            relay.deleteLater()


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    session_ended = Signal(object)  # SessionEnded
    unhandled_error = Signal(object)  # an exception no on_failure took

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        if self.pool.maxThreadCount() < POOL_THREADS:
            self.pool.setMaxThreadCount(POOL_THREADS)
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
        owner_ref = weakref.ref(owner) if owner is not None else None
        callbacks: list[Any] = [on_success, on_failure]  # emptied once used: nothing is kept

        def alive() -> bool:
            if owner_ref is None:
                return True
            current = owner_ref()
            return current is not None and shiboken6.isValid(current)

        @Slot(object)
        def done(result: Any) -> None:
            success = callbacks[0]
            callbacks.clear()
            self._finish(task)
            if success is not None and alive():
                success(result)

        @Slot(object)
        def failed(exc: Exception) -> None:
            failure = callbacks[1] if callbacks else None
            callbacks.clear()
            self._finish(task)
            if not isinstance(exc, ApiError):
                log.error("task failed", exc_info=exc)
            if isinstance(exc, SessionEnded):
                self.session_ended.emit(exc)
                return
            if not alive():
                return
            if failure is not None:
                failure(exc)
            else:
                self.unhandled_error.emit(exc)

        assert task.relay is not None
        task.relay.succeeded.connect(done)
        task.relay.failed.connect(failed)
        was_busy = self.busy
        self._running.add(task)
        if not was_busy:
            self.busy_changed.emit(True)
        # The pool gets the bound method, not the QRunnable: QThreadPool.start(QRunnable) makes the
        # pool the task's parent in Python, and a parent keeps its child until the C++ runnable is
        # deleted: never with autoDelete off (every task stayed with the pool), and not either when a
        # task ends before start() has returned (the parent is recorded after the call).  A callable
        # is let go as soon as it has run.
        self.pool.start(task.run)
        return task

    def run_all(
        self,
        fns: Mapping[str, Callable[[], Any]],
        on_success: Callable[[dict[str, Any]], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run independent ``fns`` at once; ``on_success({name: result})`` once all are in.

        The first failure goes to ``on_failure`` (once); the other results are then dropped.
        """
        pending = set(fns)
        results: dict[str, Any] = {}
        state: dict[str, Any] = {"success": on_success, "failure": on_failure, "failed": False}
        if not pending:
            if on_success is not None:
                on_success({})
            return

        def one_done(name: str, value: Any) -> None:
            pending.discard(name)
            results[name] = value
            if not pending and not state["failed"]:
                success = state["success"]
                state.clear()
                if success is not None:
                    success(results)

        def one_failed(exc: Exception) -> None:
            if state.get("failed", True):
                return
            failure = state["failure"]
            state.clear()
            state["failed"] = True
            if failure is not None:
                failure(exc)
            else:
                self.unhandled_error.emit(exc)

        for name, fn in fns.items():
            self.run(fn, lambda value, name=name: one_done(name, value), one_failed, owner=owner)

    def running_for(self, owner: QObject) -> int:
        """How many tasks run on behalf of ``owner`` (a dialog is busy while this is > 0)."""
        return sum(1 for task in self._running if task.owner is owner)

    def _finish(self, task: Task[Any]) -> None:
        self._running.discard(task)
        task.release()
        if not self._running and shiboken6.isValid(self):  # the runner may be gone at shutdown
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the workers (at shutdown and in tests)."""
        return self.pool.waitForDone(msecs)
