"""The logged-in person's session on this PC: idle timeout with a warning, absolute expiry.

docs/rules.md#accounts-and-login: sessions end after 30 minutes without activity (15 on counter PCs), and a 60-second
warning comes first.  The server enforces the same limits on its side; this object makes the
desktop end the session *visibly* and wipe the user's data instead of waiting until the next
request is refused.

Activity is any key, mouse button, wheel or touch event anywhere in the application (an event
filter on ``QApplication``).  Once the warning is showing, only its "继续使用" button continues
the session: a mouse that happens to move must not silently cancel a warning meant for someone
who walked away.

Timing is injectable (``clock``, ``tick_ms``, ``idle_timeout_seconds``, ``warning_seconds``) so
tests run the whole cycle in about a second.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.api.types import LoginSession
from desktop.i18n.tr import tr

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)

DEFAULT_WARNING_SECONDS = 60.0


def warning_text(seconds: int) -> str:
    return tr("您已长时间未操作，将在 {seconds} 秒后自动退出。").format(seconds=seconds)


class IdleWarningDialog(QDialog):
    """The countdown warning; "继续使用" keeps the session."""

    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleWarning")
        self.setWindowTitle(tr("即将自动退出"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel()
        self.label.setObjectName("idleWarningText")
        self.label.setWordWrap(True)
        hint = QLabel(tr("为保护您的个人信息，长时间未操作时系统会自动退出登录。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.continue_button = buttons.addButton(tr("继续使用"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setDefault(True)
        buttons.accepted.connect(self.continue_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    def set_seconds(self, seconds: int) -> None:
        self.label.setText(warning_text(seconds))

    def reject(self) -> None:
        # Esc or the close button: the person is obviously here, so this also continues
        self.continue_requested.emit()


# at most this often a keep-alive goes to the server while the person is active
KEEPALIVE_SECONDS = 5 * 60


class UserSession(QObject):
    """Holds the ``LoginSession`` and ends it after inactivity (``idle_logout``) or at its end (``expired``)."""

    idle_logout = Signal()
    expired = Signal()
    warning_changed = Signal(bool)  # the idle warning appeared / went away
    # the person has been active but the server may not have heard from us for a while: the
    # shell sends a keep-alive so typing in a long form does not end the server session
    keepalive_due = Signal()

    def __init__(
        self,
        login: LoginSession,
        *,
        idle_timeout_seconds: float | None = None,
        warning_seconds: float = DEFAULT_WARNING_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = 1000,
        watch_application: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.login = login
        self.idle_timeout = float(idle_timeout_seconds or login.idle_timeout_seconds)
        self.warning_seconds = min(float(warning_seconds), self.idle_timeout)
        self._clock = clock
        self._last_activity = clock()
        self._last_keepalive = clock()
        self.keepalive_seconds = min(KEEPALIVE_SECONDS, self.idle_timeout / 3)
        # the server's absolute end, measured from the server's own "now" (no clock skew)
        self._absolute_deadline = clock() + (login.absolute_expires_at - login.server_time).total_seconds()
        self._warning_parent: QWidget | None = None
        self._dialog: IdleWarningDialog | None = None
        self._ended = False

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

        self._watched: QApplication | None = None
        app = QApplication.instance()
        if watch_application and isinstance(app, QApplication):
            app.installEventFilter(self)
            self._watched = app

    # --- reading -----------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.login.name

    @property
    def is_staff(self) -> bool:
        return self.login.kind == "staff"

    @property
    def warning_visible(self) -> bool:
        return self._dialog is not None and self._dialog.isVisible()

    @property
    def warning_dialog(self) -> IdleWarningDialog | None:
        return self._dialog

    def seconds_left(self) -> int:
        """Whole seconds until the idle logout (for the status bar)."""
        left = min(self._last_activity + self.idle_timeout, self._absolute_deadline) - self._clock()
        return max(0, math.ceil(left))

    # --- activity ------------------------------------------------------------------------------------
    def set_warning_parent(self, widget: QWidget | None) -> None:
        """The window the warning is shown over (the main window)."""
        self._warning_parent = widget

    def touch(self) -> None:
        """The person did something: restart the idle countdown and hide the warning."""
        if self._ended:
            return
        self._last_activity = self._clock()
        self._hide_warning()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # called for every event of the application: keep it cheap
        if event.type() in ACTIVITY_EVENTS and not self._ended and not self.warning_visible:
            self._last_activity = self._clock()
        return False

    def stop(self) -> None:
        """End watching (logout): no more signals, the warning goes away."""
        self._ended = True
        self._timer.stop()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        self._hide_warning()
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.deleteLater()
        self._dialog = None

    # --- the clock ----------------------------------------------------------------------------------
    def tick(self) -> None:
        """Check the time (the timer calls this every ``tick_ms``; tests may call it directly)."""
        if self._ended:
            return
        now = self._clock()
        if now >= self._absolute_deadline:
            self.stop()
            self.expired.emit()
            return
        idle_left = self._last_activity + self.idle_timeout - now
        if idle_left <= 0:
            self.stop()
            self.idle_logout.emit()
            return
        if idle_left <= self.warning_seconds:
            self._show_warning(math.ceil(idle_left))
        elif self._last_activity > self._last_keepalive and now - self._last_keepalive >= self.keepalive_seconds:
            self._last_keepalive = now
            self.keepalive_due.emit()

    def _show_warning(self, seconds: int) -> None:
        dialog = self._dialog
        if dialog is None or not shiboken6.isValid(dialog):
            parent = self._warning_parent if self._warning_parent and shiboken6.isValid(self._warning_parent) else None
            dialog = IdleWarningDialog(parent)
            dialog.continue_requested.connect(self.touch)
            self._dialog = dialog
        dialog.set_seconds(seconds)
        if not dialog.isVisible():
            dialog.open()
            dialog.continue_button.setFocus()
            self.warning_changed.emit(True)

    def _hide_warning(self) -> None:
        dialog = self._dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.hide()
            self.warning_changed.emit(False)
