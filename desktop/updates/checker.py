"""When and how the program looks for an update: after login, on a worker, never delaying start-up.

``UpdateChecker.check`` is called by the shell once the main window is on screen (quietly: only an
offer or a refusal is shown) and by the menu action 检查更新 (it always answers).  From source, from a
bundle that was never released and on the embedded demo server it offers nothing and says why
(docs/updates.md).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

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

    def __init__(
        self,
        runner: TaskRunner,
        server_url: str | None,
        release: InstalledRelease | None = None,
        *,
        from_source: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.server_url = server_url
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
        release, url = self.release, self.server_url
        assert release is not None and url is not None

        def look() -> tuple[UpdateClient, Offer | None]:
            from desktop.updates.client import UpdateClient

            client = UpdateClient(release, url)
            try:
                return client, client.check()
            except BaseException:
                client.close()
                raise

        def found(result: tuple[UpdateClient, Offer | None]) -> None:
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

    def _open(self, window: QWidget) -> UpdateDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog = UpdateDialog(self.runner, window)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.show()
        return dialog
