"""The shell: login window → main window → back to the login window, and the server behind them.

``AppController`` owns the things that live as long as the program (the task runner, the one
``ApiClient``, the login dialog, the embedded server) and the things that live as long as one
login (the ``UserSession`` and the ``MainWindow``).  Ending a login — the logout action, the idle
timeout, a session the server ended, closing the window — always goes through ``_end_login``:
the main window and every page in it are deleted, the token is dropped, and the login dialog
comes back saying why.

Start-up order matters for how fast the program feels: the embedded backend's process was started
before Qt was imported (``desktop.shell.embedded_process``); the login dialog is shown first, and
only then is that backend given its data folder (``desktop.shell.embedded``) or, with ``--server``,
the server contacted.  The dialog stays disabled until ``set_backend``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import shiboken6
from PySide6.QtCore import QByteArray, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from desktop.api.errors import SessionEnded
from desktop.core.clock import ServerClock
from desktop.core.errors import present_error, user_message
from desktop.core.settings import EXAM_NO_RE, AppSettings
from desktop.core.store import CLOCK, SessionStore
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.shell import startup_probe

if TYPE_CHECKING:
    from desktop.api.client import ApiClient
    from desktop.api.types import Health, LoginSession  # annotations only (loaded after the login window)
    from desktop.core.offline import OfflineStore
    from desktop.shell.embedded import EmbeddedBackend
    from desktop.shell.session import UserSession
    from desktop.updates.checker import UpdateChecker
    from desktop.views.login_dialog import LoginDialog
    from desktop.views.main_window import MainWindow
    from desktop.views.tester.panel import TesterPanel

log = logging.getLogger(__name__)

LOGOUT_MESSAGE = QT_TR_NOOP("您已安全退出，本机上的个人信息已清除。")
IDLE_MESSAGE = QT_TR_NOOP("由于长时间未操作，您已自动退出，请重新登录。")
EXPIRED_MESSAGE = QT_TR_NOOP("登录时间已到，请重新登录。")
ONE_TIME_PASSWORD_MESSAGE = QT_TR_NOOP("需要先设置新密码才能使用本系统，请重新登录并设置新密码。")


def _default_login_dialog(runner: TaskRunner, demo_mode_hint: bool) -> LoginDialog:
    from desktop.views.login_dialog import LoginDialog

    return LoginDialog(runner, demo_mode_hint=demo_mode_hint)


def bring_to_front(widget: QWidget) -> None:
    """Show (centred, at a size that fits its screen), raise and activate ``widget`` (headless
    platforms cannot raise: they warn)."""
    from desktop.views.widgets.window_fit import show_centred

    show_centred(widget)
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        widget.raise_()
    widget.activateWindow()


def server_label_for(url: str, embedded: bool) -> str:
    """What the status bar says about the server."""
    if embedded:
        return tr("内置演示服务 {netloc}").format(netloc=urlsplit(url).netloc)
    return url


class AppController(QObject):
    """Orchestrates login, main window, logout and the server; see the module docstring."""

    main_window_opened = Signal(object)  # MainWindow
    logged_out = Signal(str)  # why (the message shown on the login dialog)
    quit_requested = Signal()  # the person closed the program

    def __init__(
        self,
        settings: AppSettings,
        data_dir: Path,
        server_url: str | None = None,
        *,
        runner: TaskRunner | None = None,
        login_dialog_factory: Callable[[TaskRunner, bool], LoginDialog] = _default_login_dialog,
        session_factory: Callable[[LoginSession], UserSession] | None = None,
        tester: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.server_url = (server_url or "").strip() or None
        self.runner = runner or TaskRunner(self)
        self._login_dialog_factory = login_dialog_factory
        self._session_factory = session_factory
        self.client: ApiClient | None = None
        #: the server's "now" for every page, dialog and document (kept from every answer)
        self.clock = ServerClock(parent=self)
        self.health: Health | None = None
        self.server_label = ""
        self.embedded: EmbeddedBackend | None = None
        self.login_dialog: LoginDialog | None = None
        self.main_window: MainWindow | None = None
        self.user_session: UserSession | None = None
        self.offline_store: OfflineStore | None = None
        # the tester panel: offered with --tester, or when the server has tester controls
        self.tester_requested = tester
        self.tester_panel: TesterPanel | None = None
        # the new-password dialog after a login with a one-time password (before the main window)
        self.password_dialog: QDialog | None = None
        # looks for signed updates after each login (desktop.updates.checker)
        self.updates: UpdateChecker | None = None
        self._quitting = False
        self.runner.session_ended.connect(self._session_ended)
        self.runner.unhandled_error.connect(self._unhandled_error)
        # a tester moving the server's clock outdates the captcha on the login window
        self.clock.moved.connect(self._clock_moved, Qt.ConnectionType.QueuedConnection)

    def open_settings(self, parent: QWidget) -> None:
        """设置 over ``parent`` (window-modal, not blocking): language and contrast."""
        from desktop.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    @property
    def uses_embedded_server(self) -> bool:
        return self.server_url is None

    # --- start ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Show the login dialog now; start or contact the server right after it is on screen."""
        dialog = self._login_dialog_factory(self.runner, self.uses_embedded_server)
        dialog.logged_in.connect(self._logged_in)
        dialog.rejected.connect(self._login_rejected)
        dialog.tester_action.triggered.connect(self.open_tester_panel)
        dialog.settings_requested.connect(lambda: self.open_settings(dialog))
        if self.settings.last_account and not dialog.account_edit.text():
            dialog.account_edit.setText(self.settings.last_account)
        self.login_dialog = dialog
        if startup_probe.ENABLED:
            dialog.captcha.shown.connect(lambda: self._probe("captcha_shown"))
        dialog.show()
        QTimer.singleShot(0, lambda: startup_probe.mark("login_shown"))
        QTimer.singleShot(0, self._start_backend)

    def _start_backend(self) -> None:
        if self._quitting:
            return
        if self.server_url is not None:
            from desktop.shell import embedded_process

            unused = embedded_process.take_early()
            if unused is not None:  # started at launch, but a server is set in the settings
                self.runner.run(unused.stop, on_failure=lambda exc: log.warning("embedded backend: %s", exc))
            self._connect(self.server_url)
            return
        from desktop.shell.embedded import EmbeddedBackend

        self.embedded = EmbeddedBackend(self)
        self.embedded.ready.connect(self._connect)
        self.embedded.failed.connect(self._backend_failed)
        log.info("starting the embedded backend in %s", self.data_dir)
        self.embedded.start(self.data_dir)

    def _connect(self, url: str) -> None:
        """Make the one client for ``url`` and check the server answers (on a worker)."""
        from desktop.api.client import ApiClient

        if self.client is not None:
            self.client.close()
        secret = self.embedded.secret if self.embedded is not None else None
        client = ApiClient(url, on_server_time=self.clock.sync, secret=secret, language=self.settings.language)
        self.client = client
        self.server_label = server_label_for(url, self.uses_embedded_server)
        log.info("using server %s", url)

        def healthy(health: Health) -> None:
            self.health = health
            if self.login_dialog is not None:
                self.login_dialog.set_backend(client, health)
                self.login_dialog.tester_action.setVisible(self.tester_available)
            startup_probe.mark("backend_ready")
            from desktop.shell.preload import preload

            def preload_failed(exc: Exception) -> None:
                log.warning("preloading the pages failed: %s", exc)
                self._probe("pages_preloaded")

            # the first login must not import the pages on the GUI thread (~0.4 s frozen)
            self.runner.run(preload, lambda _spent: self._probe("pages_preloaded"), preload_failed)

        def unhealthy(exc: Exception) -> None:
            self._backend_failed(
                tr("无法连接服务器 {url}：{user_message}").format(url=url, user_message=user_message(exc))
            )

        self.runner.run(client.system.health, healthy, unhealthy)

    def _probe(self, milestone: str) -> None:
        """``benchmarks/startup.py``: mark ``milestone``; quit once the captcha is shown and the pages imported."""
        startup_probe.mark(milestone)
        if startup_probe.reached("captcha_shown", "pages_preloaded"):
            self.quit()

    def _backend_failed(self, message: str) -> None:
        log.warning("backend not available: %s", message)
        if self.login_dialog is not None:
            self.login_dialog.set_backend_error(message)
        if startup_probe.ENABLED:
            startup_probe.mark("backend_failed")
            self.quit()

    # --- login ---------------------------------------------------------------------------------------
    def _logged_in(self, session: LoginSession) -> None:
        if self.client is None or self.main_window is not None:
            return
        if session.must_change_password:
            self._ask_new_password(session)
            return
        self._open_main_window(session)

    def _ask_new_password(self, session: LoginSession) -> None:
        """A one-time password from the counter: a new password first, then the main window."""
        from desktop.views.account_dialogs import OneTimePasswordChangeDialog

        assert self.client is not None
        dialog = OneTimePasswordChangeDialog(self.client, self.runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        changed: list[bool] = []
        dialog.password_changed.connect(lambda _message: changed.append(True))

        def finished(_result: int) -> None:
            self.password_dialog = None
            if self._quitting:
                return
            if changed:
                self._open_main_window(replace(session, must_change_password=False))
                return
            log.info("one-time password not replaced: logging out")
            if self.login_dialog is not None:
                self.login_dialog.show_message(ONE_TIME_PASSWORD_MESSAGE)
                bring_to_front(self.login_dialog)
            self._logout_on_server(then=self._login_dialog_ready)

        dialog.finished.connect(finished)
        self.password_dialog = dialog
        bring_to_front(dialog)

    def _open_main_window(self, session: LoginSession) -> None:
        from desktop.shell.session import UserSession
        from desktop.views.main_window import MainWindow

        self._remember_account(session)
        user_session = self._session_factory(session) if self._session_factory else UserSession(session)
        user_session.setParent(self)
        user_session.idle_logout.connect(lambda: self.logout(IDLE_MESSAGE))
        user_session.expired.connect(lambda: self.logout(EXPIRED_MESSAGE))
        user_session.keepalive_due.connect(self._keep_alive)
        self.user_session = user_session

        store = SessionStore()
        # a tester moving the server's clock (noticed on any answer, on a worker) reaches the pages
        self.clock.moved.connect(store.clock_moved, Qt.ConnectionType.QueuedConnection)
        window = MainWindow(self.client, self.runner, user_session, self.server_label, store=store, clock=self.clock)
        window.logout_requested.connect(lambda: self.logout(LOGOUT_MESSAGE))
        window.close_requested.connect(self.quit)
        window.tester_action.setVisible(self.tester_available)
        window.tester_action.triggered.connect(self.open_tester_panel)
        window.settings_requested.connect(lambda: self.open_settings(window))
        geometry = self.settings.window_geometry
        if geometry:
            window.restoreGeometry(QByteArray(geometry))
        self.main_window = window
        self._attach_local_data(window, session)
        window.show_on_screen()
        bring_to_front(window)
        log.info("main window opened (%s)", session.kind)
        self.main_window_opened.emit(window)
        self._offer_updates(window, staff=session.kind == "staff")

    def _offer_updates(self, window: MainWindow, *, staff: bool) -> None:
        """Look for a signed update once the main window is up (on a worker; docs/updates.md); on a
        staff console (a counter PC) the administrator's 软件更新 policy may defer it."""
        from desktop.updates.checker import UpdateChecker

        if self.updates is None:
            self.updates = UpdateChecker(self.runner, self.server_url, clock=self.clock, parent=self)
            self.updates.refused.connect(self._update_refused)
            self.updates.deferred.connect(self._update_deferred)
        checker = self.updates
        client = self.client
        checker.policy = client.staff.update_policy if staff and client is not None else None
        window.update_action.triggered.connect(lambda: checker.check(window, quiet=False))
        QTimer.singleShot(0, window, lambda: checker.check(window, quiet=True))

    def _update_refused(self, message: str) -> None:
        if self.main_window is not None:
            self.main_window.statusBar().showMessage(tr("软件更新：{message}").format(message=message), 15_000)

    def _update_deferred(self, message: str) -> None:
        if self.main_window is not None:  # stays until the check at closing time says otherwise
            self.main_window.statusBar().showMessage(tr("软件更新：{message}").format(message=message))

    def _attach_local_data(self, window: MainWindow, session: LoginSession) -> None:
        """Give pages that keep an offline copy (``attach_local``) this user's store and the settings."""
        from desktop.core.offline import new_salt, store_for

        if not self.settings.install_salt:
            self.settings.install_salt = new_salt()
        account = self.login_dialog.account_edit.text() if self.login_dialog is not None else session.name
        store = store_for(self.data_dir, self.settings.install_salt, session.kind, account)
        self.offline_store = store
        settings = self.settings

        def attach(_title: str, page: QWidget) -> None:
            attach_local = getattr(page, "attach_local", None)
            if callable(attach_local):
                attach_local(store, settings)

        window.page_built.connect(attach)
        for title, page in window.pages.items():
            attach(title, page)

    def _keep_alive(self) -> None:
        client = self.client
        if client is None:
            return
        # a lost keep-alive is harmless (the next one or any request will do); an ended session
        # reaches session_ended through the runner like any other refusal
        self.runner.run(client.auth.keep_alive, on_failure=lambda exc: log.info("keep-alive failed: %s", exc))

    def _remember_account(self, session: LoginSession) -> None:
        """Keep the exam number for the next start (never an ID number, never a password)."""
        if session.kind != "examinee" or self.login_dialog is None:
            return
        account = self.login_dialog.account_edit.text().strip()
        if EXAM_NO_RE.match(account):
            self.settings.last_account = account

    # --- the tester panel ----------------------------------------------------------------------------
    @property
    def tester_available(self) -> bool:
        return self.tester_requested or (self.health is not None and self.health.has_tester_controls)

    def open_tester_panel(self) -> TesterPanel | None:
        """Show the tester panel (made on first use, for the current server)."""
        client = self.client
        if client is None or not self.tester_available:
            return None
        from desktop.views.tester.panel import TesterPanel

        panel = self.tester_panel
        if panel is None or not shiboken6.isValid(panel) or panel.client is not client:
            if panel is not None and shiboken6.isValid(panel):
                panel.close()
                panel.deleteLater()
            panel = TesterPanel(client, self.runner)
            panel.database_reset.connect(self._database_reset)
            panel.data_changed.connect(self._tester_changed)
            self.tester_panel = panel
        bring_to_front(panel)
        return panel

    def _clock_moved(self) -> None:
        dialog = self.login_dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible() and self.main_window is None:
            dialog.server_clock_moved()

    def _tester_changed(self, topic: str) -> None:
        """A tester changed data the pages show: the logged-in user's pages hear it once."""
        window = self.main_window
        if window is None or topic == CLOCK:
            return  # a moved clock reaches the store already (ServerClock.moved, from the answer)
        window.store.publish(topic)

    def _database_reset(self, message: str) -> None:
        """A tester rebuilt the server's database: every login there has ended, ours too."""
        if self.client is not None:
            self.client.set_token(None)  # the server forgot it already
        if self.main_window is not None:
            self.logout(message)
        elif self.login_dialog is not None:
            self.login_dialog.show_message(message)
            self.login_dialog.reset()

    # --- ending a login ------------------------------------------------------------------------------
    def logout(self, message: str = LOGOUT_MESSAGE) -> None:
        """End the login on the server and here; show the login dialog with ``message``."""
        if self.main_window is None:
            return
        log.info("logging out: %s", message)
        self._end_login()
        dialog = self.login_dialog
        if dialog is not None:
            # nothing of who was logged in stays on screen (the exam number is kept in the settings
            # for the next program start only: ``_remember_account``)
            dialog.clear_account()
            dialog.show_message(message)
            bring_to_front(dialog)
        # The dialog gets a new captcha only once the old token is gone, so a new login can never
        # race with the logout of the old one.
        self._logout_on_server(then=self._login_dialog_ready)
        self.logged_out.emit(message)

    def _session_ended(self, exc: SessionEnded) -> None:
        """The server refused a request: the session is over there already."""
        if self.main_window is None:
            return
        log.info("session ended by the server (%s)", exc.code)
        if self.client is not None:
            self.client.set_token(None)
        self.logout(exc.message)

    def _end_login(self) -> None:
        """Delete the main window (and all user data in it) and the user session."""
        window, self.main_window = self.main_window, None
        session, self.user_session = self.user_session, None
        store, self.offline_store = self.offline_store, None
        if self.updates is not None:
            self.updates.forget()  # a deferred check belongs to the login that made it
        if store is not None:
            # the user's offline copy goes with the login (it refuses writes from now on)
            self.runner.run(store.wipe, on_failure=lambda exc: log.warning("offline copy not wiped: %s", exc))
        if session is not None:
            session.stop()
            session.deleteLater()
        if window is not None and shiboken6.isValid(window):
            self.settings.window_geometry = bytes(window.saveGeometry().data())
            window.close_quietly()
            window.deleteLater()

    def _logout_on_server(self, then: Callable[[], None] | None = None) -> None:
        client = self.client
        if client is None:
            return

        def finished(_result: Any = None) -> None:
            if then is not None:
                then()

        def failed(exc: Exception) -> None:
            log.info("server logout failed (token dropped anyway): %s", exc)
            finished()

        if not client.logged_in:
            finished()
            return
        self.runner.run(client.auth.logout, finished, failed)

    def _login_dialog_ready(self) -> None:
        if self.login_dialog is not None and not self._quitting:
            self.login_dialog.reset()

    # --- quitting ------------------------------------------------------------------------------------
    def quit(self) -> None:
        """Log out (if logged in) and quit the program."""
        if self._quitting:
            return
        self._quitting = True
        log.info("quitting")
        if self.password_dialog is not None and shiboken6.isValid(self.password_dialog):
            self.password_dialog.close()
        if self.main_window is not None:
            self._end_login()
        self._logout_on_server()
        if self.login_dialog is not None:
            self.login_dialog.hide()
        if self.tester_panel is not None and shiboken6.isValid(self.tester_panel):
            self.tester_panel.hide()
        self.quit_requested.emit()  # main() connects this to QApplication.quit

    def _login_rejected(self) -> None:
        if self.main_window is None:
            self.quit()

    def shutdown(self) -> None:
        """After the event loop: wait for the workers, stop the server, save settings."""
        self._quitting = True
        if self.main_window is not None:
            self._end_login()
            self._logout_on_server()
        if not self.runner.wait(15_000):
            log.warning("workers still running at shutdown")
        if self.client is not None:
            self.client.close()
        if self.embedded is not None:
            self.embedded.stop()
        if self.login_dialog is not None and shiboken6.isValid(self.login_dialog):
            self.login_dialog.deleteLater()
            self.login_dialog = None
        if self.tester_panel is not None and shiboken6.isValid(self.tester_panel):
            self.tester_panel.deleteLater()
            self.tester_panel = None
        self.settings.sync()
        log.info("shut down")

    # --- errors --------------------------------------------------------------------------------------
    def _unhandled_error(self, exc: Exception) -> None:
        parent: QWidget | None = self.main_window or self.login_dialog
        present_error(parent, exc)
