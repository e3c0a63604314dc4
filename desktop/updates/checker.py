"""When and how the program looks for an update: after login, on a worker, never delaying start-up.

``UpdateChecker.check`` is called by the shell once the main window is on screen (quietly: only an
offer or a refusal is shown) and by the menu action 检查更新 (it always answers).  From source, from a
bundle that was never released and on the embedded demo server it offers nothing and says why
(docs/updates.md).

On a staff console (a counter PC) the checker is given the server's 软件更新 policy (``policy``):
while an administrator defers updates and the server's clock (``ServerClock``) is before closing
time, the check offers and stages nothing, says when it will (``deferred``), and checks again at
closing time (a timer, and at once when the tester moves the server's clock).  The examinee's
program is given no policy and is unaffected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.api import NotFound
from desktop.api.staff import UpdatePolicy
from desktop.core.clock import ServerClock
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.updates.bundle import InstalledRelease, install_folder, read_release
from desktop.updates.command import FROM_SOURCE, NOT_RELEASED
from desktop.updates.dialog import UpdateDialog, refusal_text

if TYPE_CHECKING:  # python-tuf is imported on the worker, at the first check
    from desktop.updates.client import Offer, UpdateClient

log = logging.getLogger(__name__)

EMBEDDED = QT_TR_NOOP("使用程序内置的演示服务器，不提供更新")
UP_TO_DATE = QT_TR_NOOP("已是最新版本 {version}")
DEFERRED = QT_TR_NOOP("管理员已将本机的软件更新推迟到 {time} 之后（北京时间），届时会自动再检查")
#: the longest wait of the re-check timer (it is set again when it fires before closing time)
LONGEST_WAIT = timedelta(hours=6)


@dataclass(frozen=True)
class Deferred:
    """The administrator defers updates and the server's now is before closing time."""

    closing_time: str  # "17:30"
    wait: timedelta  # from the server's now until closing time


def deferral(policy: UpdatePolicy, now: datetime) -> Deferred | None:
    """Whether ``policy`` defers updates at ``now`` (the server's Beijing time)."""
    if not policy.defer:
        return None
    hours, minutes = (int(part) for part in policy.closing_time.split(":"))
    closing = datetime.combine(now.date(), time(hours, minutes), tzinfo=now.tzinfo)
    return Deferred(policy.closing_time, closing - now) if now < closing else None


def no_updates_reason(release: InstalledRelease | None, server_url: str | None, from_source: bool) -> str | None:
    """Why this copy of the program offers no update (a ``QT_TR_NOOP`` text), or None when it can look for one."""
    if from_source:
        return FROM_SOURCE
    if release is None:
        return NOT_RELEASED
    if server_url is None:
        return EMBEDDED
    return None


class UpdateChecker(QObject):
    """Looks for an update of this program on ``server_url`` and shows what it found."""

    refused = Signal(str)  # an automatic check was refused: the reason (for the status bar)
    deferred = Signal(str)  # an automatic check was deferred by the administrator: when it will run

    def __init__(
        self,
        runner: TaskRunner,
        server_url: str | None,
        release: InstalledRelease | None = None,
        *,
        from_source: bool | None = None,
        clock: ServerClock | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.server_url = server_url
        #: read on the worker before each check: the staff console's 软件更新 policy (None elsewhere)
        self.policy: Callable[[], UpdatePolicy] | None = None
        self.clock = clock if clock is not None else ServerClock(parent=self)
        self.clock.moved.connect(self._clock_moved)
        #: a deferred check runs again at closing time
        self.recheck_timer = QTimer(self)
        self.recheck_timer.setObjectName("updateRecheck")
        self.recheck_timer.setSingleShot(True)
        self.recheck_timer.timeout.connect(self._recheck)
        self._recheck_window: QWidget | None = None
        folder = install_folder()
        self.from_source = folder is None if from_source is None else from_source
        self.release = release if release is not None or folder is None else read_release(folder)
        self.dialog: UpdateDialog | None = None

    @property
    def reason(self) -> str | None:
        return no_updates_reason(self.release, self.server_url, self.from_source)

    def check(self, window: QWidget, *, quiet: bool) -> None:
        """Look for an update on a worker; ``quiet``: say nothing unless there is one or it was refused."""
        reason = self.reason
        if reason is not None:
            log.info("update check: %s", reason)
            if not quiet:
                self._open(window).show_message(tr(reason))
            return
        release, url, policy, clock = self.release, self.server_url, self.policy, self.clock
        assert release is not None and url is not None
        self.recheck_timer.stop()
        self._recheck_window = None

        def look() -> tuple[UpdateClient, Offer | None] | Deferred:
            from desktop.updates.client import UpdateClient

            if policy is not None:
                try:
                    deferred = deferral(policy(), clock.now())  # the answer has just synced the clock
                except NotFound:  # a server without the policy defers nothing
                    deferred = None
                if deferred is not None:
                    return deferred
            client = UpdateClient(release, url)
            try:
                return client, client.check()
            except BaseException:
                client.close()
                raise

        def found(result: tuple[UpdateClient, Offer | None] | Deferred) -> None:
            if isinstance(result, Deferred):
                self._defer(window, result, quiet=quiet)
                return
            client, offer = result
            if offer is None:
                client.close()
                if not quiet:
                    self._open(window).show_message(tr(UP_TO_DATE).format(version=release.version))
                return
            self._open(window).show_offer(client, offer)

        def failed(exc: Exception) -> None:
            log.warning("update check refused: %s", exc)
            message = refusal_text(exc)
            if quiet:
                self.refused.emit(message)
            else:
                self._open(window).show_message(message)

        # the window owns the check: after a logout its answer is dropped
        self.runner.run(look, found, failed, owner=window)

    def _defer(self, window: QWidget, deferred: Deferred, *, quiet: bool) -> None:
        message = tr(DEFERRED).format(time=deferred.closing_time)
        log.info("update check deferred until %s", deferred.closing_time)
        if quiet:
            self.deferred.emit(message)
        else:
            self._open(window).show_message(message)
        wait = min(deferred.wait, LONGEST_WAIT)
        self._recheck_window = window
        self.recheck_timer.start(max(1000, int(wait.total_seconds() * 1000)))

    def forget(self) -> None:
        """The login ended: no deferred check runs for it."""
        self.recheck_timer.stop()
        self._recheck_window = None
        self.policy = None

    def _recheck(self) -> None:
        window = self._recheck_window
        if window is not None:
            self.check(window, quiet=True)

    def _clock_moved(self) -> None:
        """The server's clock was moved: a deferred check is decided again at once."""
        if self.recheck_timer.isActive():
            self.recheck_timer.stop()
            self._recheck()

    def _open(self, window: QWidget) -> UpdateDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog = UpdateDialog(self.runner, window)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.show()
        return dialog
