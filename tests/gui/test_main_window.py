"""The main window and the shell around it (login → main window → logout), against a real server."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from backend_mock.seed import DEMO_PASSWORD
from desktop.api import ApiClient
from desktop.api.types import LoginSession
from desktop.core.settings import AppSettings
from desktop.core.tasks import TaskRunner
from desktop.shell.controller import IDLE_MESSAGE, LOGOUT_MESSAGE, AppController, server_label_for
from desktop.shell.session import UserSession
from desktop.views.exams import ExamsPage
from desktop.views.graduation import GraduationPage
from desktop.views.login_dialog import LoginDialog
from desktop.views.main_window import MODULES, NO_MODULES_TEXT, MainWindow, format_seconds
from desktop.views.notices import NoticesPage
from desktop.views.personal_center import PersonalCenter
from desktop.views.records import RecordsPage
from desktop.views.registration import RegistrationPage
from desktop.views.scores import ScoresPage
from tests.fixtures.accounts import login
from tests.fixtures.servers import LiveServer
from tests.fixtures.shell import EXAMINEE, log_in_through_the_dialog

pytestmark = pytest.mark.gui


@pytest.fixture
def open_window(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> Iterator[Callable[..., MainWindow]]:
    sessions: list[UserSession] = []

    def make(**session_kwargs: object) -> MainWindow:
        login_session = login(client, EXAMINEE.exam_no)
        session = UserSession(login_session, **session_kwargs)  # type: ignore[arg-type]
        sessions.append(session)
        window = MainWindow(client, runner, session, "内置演示服务 127.0.0.1:1")
        qtbot.addWidget(window)
        window.show()
        page = window.page("个人中心")
        qtbot.waitUntil(lambda: page.profile is not None and not page.loading, timeout=10_000)
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)  # 通知公告 loads at once too
        return window

    yield make
    for session in sessions:
        session.stop()


# --- the window -------------------------------------------------------------------------------------


MODULE_ORDER = ("个人中心", "报名报考", "考试信息", "成绩管理", "考籍管理", "毕业申请", "通知公告")
#: the page class of each tab built so far
PAGE_CLASSES = {
    "个人中心": PersonalCenter,
    "报名报考": RegistrationPage,
    "考试信息": ExamsPage,
    "成绩管理": ScoresPage,
    "考籍管理": RecordsPage,
    "毕业申请": GraduationPage,
    "通知公告": NoticesPage,
}


def test_one_tab_per_module(qtbot: QtBot, open_window: Callable[..., MainWindow]) -> None:
    window = open_window()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [title for title in MODULE_ORDER if title in PAGE_CLASSES]  # the order the users asked for
    assert len(titles) == len([m for m in MODULES if "examinee" in m.kinds])
    assert window.tabs.currentIndex() == 0  # 个人中心: what the examinee sees after logging in
    # only the tab on screen (and 通知公告, which works for every tab) is built at login
    assert set(window.pages) <= {titles[0], "通知公告"}
    qtbot.waitUntil(lambda: "通知公告" in window.pages)
    for index, title in enumerate(titles):
        window.tabs.setCurrentIndex(index)
        assert isinstance(window.current_page(), PAGE_CLASSES[title])
        assert window.pages[title].parent() is window.tabs.widget(index).widget()  # in the tab's scroll area
    assert set(window.pages) == set(titles)
    qtbot.waitUntil(lambda: all(not window.tabs.tabIcon(i).isNull() for i in range(window.tabs.count())))


def test_the_registration_tab_loads_when_it_is_first_opened(
    qtbot: QtBot, runner: TaskRunner, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    page = window.page("报名报考")
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert page.overview is None and not page.loading  # nothing asked while the tab was never shown
    window.module_actions[1].trigger()  # Ctrl+2
    assert window.current_page() is page
    qtbot.waitUntil(lambda: page.overview is not None and not page.busy, timeout=10_000)
    assert page.window_label.text().startswith(page.overview.session_name)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)


def test_graduation_opens_the_study_plan_in_scores(
    qtbot: QtBot, runner: TaskRunner, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    graduation, scores = window.page("毕业申请"), window.page("成绩管理")
    graduation.scores_requested.emit(2)  # 查看报考建议
    assert window.current_page() is scores and scores.sub_tabs.currentIndex() == 2
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)


def test_staff_get_the_console_not_the_examinee_tabs(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    session = UserSession(login(client, "cs_clerk", kind="staff"), watch_application=False)
    window = MainWindow(client, runner, session, "http://example.org")
    qtbot.addWidget(window)
    window.show()
    assert window.titles == ["柜台", "证明预约", "现场确认"]  # a clerk's tabs
    assert window.name_label.text() == "工作人员：赵敏"
    assert not runner.busy  # nothing asked the server for an examinee's profile
    session.stop()


def test_a_login_without_modules_says_so(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    session = UserSession(login(client, "cs_clerk", kind="staff"), watch_application=False)
    window = MainWindow(client, runner, session, "http://example.org", modules=MODULES[:2])
    qtbot.addWidget(window)
    window.show()
    assert window.pages == {} and window.tabs.count() == 0
    central = window.centralWidget()
    assert isinstance(central, QLabel) and central.text() == NO_MODULES_TEXT
    session.stop()


def test_status_bar_shows_server_user_and_time_left(qtbot: QtBot, open_window: Callable[..., MainWindow]) -> None:
    window = open_window()
    assert window.server_label.text() == "服务器：内置演示服务 127.0.0.1:1"
    assert window.name_label.text() == f"考生：{EXAMINEE.name}"
    assert window.windowTitle() == f"{EXAMINEE.name} — 湖南自考自助服务"
    first = window.time_label.text()
    assert first in ("剩余时间 30:00", "剩余时间 29:59")
    qtbot.waitUntil(lambda: window.time_label.text() not in ("剩余时间 30:00", first), timeout=3_000)
    assert window.time_label.text().startswith("剩余时间 29:5")
    assert format_seconds(3725) == "1:02:05" and format_seconds(59) == "00:59"


def test_logout_from_the_main_window_emits_logout_requested(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    assert window.logout_action.shortcut().toString() == "Ctrl+Shift+Q"
    assert window.logout_action in window.toolbar.actions()
    with qtbot.waitSignal(window.logout_requested, timeout=1_000):
        window.logout_action.trigger()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2_000)
    with qtbot.waitSignal(window.logout_requested, timeout=1_000):
        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_f5_refreshes_the_current_page(qtbot: QtBot, client: ApiClient, open_window: Callable[..., MainWindow]) -> None:
    window = open_window()
    page = window.page("个人中心")
    client.me.change_phone(DEMO_PASSWORD, "13700001111")  # changed behind the window's back
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2_000)
    with qtbot.waitSignal(page.profile_loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert page.values["phone"].text() == "137****1111"


def test_gui_keeps_handling_events_while_a_request_is_slow(
    qtbot: QtBot, client: ApiClient, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    page = window.page("个人中心")
    assert not window.busy_visible
    client.mock.set_latency(1500)

    ticks: list[bool] = []  # one entry per timer tick: was the busy indicator showing?
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(window.busy_visible and page.loading))
    timer.start()
    with qtbot.waitSignal(page.profile_loaded, timeout=15_000):
        window.refresh_action.trigger()
        assert window.busy_visible
    timer.stop()

    # profile + photo: two requests of at least 1.5 s each, 50 ms ticks → about 60 ticks
    assert len(ticks) >= 30, f"the GUI thread was blocked: only {len(ticks)} ticks"
    assert sum(ticks) >= 30, "the busy indicator was not shown while the request was in flight"
    qtbot.waitUntil(lambda: not window.busy_visible, timeout=2_000)
    client.mock.set_latency(0)


# --- the shell --------------------------------------------------------------------------------------


@pytest.fixture
def controller_factory(
    qtbot: QtBot, tmp_path: Path, live_server: LiveServer, runner: TaskRunner
) -> Iterator[Callable[..., AppController]]:
    made: list[AppController] = []

    def make(**kwargs: object) -> AppController:
        settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        controller = AppController(settings, tmp_path, live_server.url, runner=runner, **kwargs)  # type: ignore[arg-type]
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
        if controller.main_window is not None:
            controller.main_window.close_quietly()
    QApplication.sendPostedEvents()


def test_login_logout_cycle(
    qtbot: QtBot, live_server: LiveServer, controller_factory: Callable[..., AppController]
) -> None:
    controller = controller_factory()
    controller.start()
    dialog = controller.login_dialog
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()

    window = log_in_through_the_dialog(qtbot, controller, live_server.url)
    assert window.isVisible() and not dialog.isVisible()
    assert window.server_label.text() == f"服务器：{live_server.url}"
    assert controller.settings.last_account == EXAMINEE.exam_no
    page = window.page("个人中心")
    qtbot.waitUntil(lambda: page.profile is not None, timeout=10_000)
    assert controller.client is not None and controller.client.logged_in

    with qtbot.waitSignal(controller.logged_out, timeout=5_000) as out:
        window.logout_action.trigger()
    assert out.args == [LOGOUT_MESSAGE]
    assert controller.main_window is None and controller.user_session is None
    assert dialog.isVisible() and dialog.banner.text() == LOGOUT_MESSAGE
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=5_000)  # window and pages deleted
    # the token is gone (after the server was told) and the dialog has a fresh captcha
    client = controller.client
    assert client is not None
    qtbot.waitUntil(lambda: dialog.captcha_id is not None and not client.logged_in, timeout=10_000)
    assert dialog.password_edit.text() == ""


def test_a_session_ended_by_the_server_returns_to_login(
    qtbot: QtBot, live_server: LiveServer, controller_factory: Callable[..., AppController]
) -> None:
    controller = controller_factory()
    controller.start()
    window = log_in_through_the_dialog(qtbot, controller, live_server.url)
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10_000)

    elsewhere = ApiClient(live_server.url)  # the same person changes the password on another PC
    login(elsewhere, EXAMINEE.exam_no)
    elsewhere.auth.change_password(DEMO_PASSWORD, "Changed2027x")
    elsewhere.close()

    with qtbot.waitSignal(controller.logged_out, timeout=10_000) as out:
        window.refresh_action.trigger()
    assert out.args == ["密码已修改，请用新密码重新登录"]
    assert controller.login_dialog is not None and controller.login_dialog.banner.text() == out.args[0]
    assert controller.main_window is None


def test_idle_logout_returns_to_login(
    qtbot: QtBot, live_server: LiveServer, controller_factory: Callable[..., AppController]
) -> None:
    def short_session(login_session: LoginSession) -> UserSession:
        return UserSession(login_session, idle_timeout_seconds=1.0, warning_seconds=0.5, tick_ms=50)

    controller = controller_factory(session_factory=short_session)
    controller.start()
    log_in_through_the_dialog(qtbot, controller, live_server.url)
    session = controller.user_session
    assert session is not None
    qtbot.waitUntil(lambda: session.warning_visible, timeout=3_000)
    with qtbot.waitSignal(controller.logged_out, timeout=3_000) as out:
        pass
    assert out.args == [IDLE_MESSAGE]
    assert controller.main_window is None
    assert controller.login_dialog is not None and controller.login_dialog.isVisible()


def test_closing_the_main_window_logs_out_and_quits(
    qtbot: QtBot, live_server: LiveServer, controller_factory: Callable[..., AppController]
) -> None:
    controller = controller_factory()
    controller.start()
    window = log_in_through_the_dialog(qtbot, controller, live_server.url)
    client = controller.client
    assert client is not None
    with qtbot.waitSignal(controller.quit_requested, timeout=2_000):
        window.close()
    assert controller.main_window is None
    assert controller.login_dialog is not None and not controller.login_dialog.isVisible()
    qtbot.waitUntil(lambda: not client.logged_in, timeout=10_000)


def test_settings_keep_the_exam_number_only(tmp_path: Path) -> None:
    settings = AppSettings.in_directory(tmp_path)
    settings.last_account = EXAMINEE.exam_no
    assert settings.last_account == EXAMINEE.exam_no
    settings.last_account = "43010420030315017X"  # an ID number is personal: not kept
    assert settings.last_account == ""
    settings.window_geometry = b"\x01\x02geometry"
    settings.server_url = " http://example.org:8000 "
    settings.language = "fr"
    settings.sync()
    again = AppSettings.in_directory(tmp_path)
    assert again.window_geometry == b"\x01\x02geometry"
    assert again.server_url == "http://example.org:8000"
    assert again.language == "zh"
    assert set(AppSettings.options()) == {
        "server_url",
        "last_account",
        "window_geometry",
        "language",
        "high_contrast",
        "reminder_lead_minutes",
        "reminders_enabled",
        "install_salt",
    }
    text = (tmp_path / "settings.ini").read_text("utf-8")
    assert DEMO_PASSWORD not in text


def test_server_labels() -> None:
    assert server_label_for("http://127.0.0.1:53124", embedded=True) == "内置演示服务 127.0.0.1:53124"
    assert server_label_for("https://zikao.example.cn", embedded=False) == "https://zikao.example.cn"


def test_embedded_backend_starts_and_stops(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.shell.embedded import EmbeddedBackend

    backend = EmbeddedBackend(seed_size=2)
    with qtbot.waitSignal(backend.ready, timeout=30_000) as ready:
        backend.start(tmp_path / "data")
    url = ready.args[0]
    assert url.startswith("http://127.0.0.1:") and backend.running
    assert (tmp_path / "data" / "zikao-mock.db").exists()
    client = ApiClient(url, secret=backend.secret)
    health = client.system.health()
    assert health.mode == "demo"
    assert client.system.demo_accounts()
    client.close()
    backend.stop()
    assert not backend.running


def test_main_shows_the_login_window_and_quits(qtbot: QtBot, tmp_path: Path, live_server: LiveServer) -> None:
    from desktop.shell.app import main

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, style, level = app.font(), app.styleSheet(), logging.getLogger().level
    seen: list[str] = []

    def poll() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()]
        if dialogs and dialogs[0].is_ready:
            seen.append(dialogs[0].windowTitle())
            dialogs[0].reject()  # closing the login window ends the program
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(app.quit)
    safety.start(20_000)
    try:
        code = main(["--server", live_server.url, "--data-dir", str(tmp_path / "data")])
    finally:
        safety.stop()
        from desktop.core.logging_setup import teardown_logging

        teardown_logging()
        logging.getLogger().setLevel(level)
        app.setFont(font)
        app.setStyleSheet(style)
        app.setQuitOnLastWindowClosed(True)
        QApplication.sendPostedEvents()
    assert code == 0
    assert seen and "登录" in seen[0]
    assert (tmp_path / "data" / "logs" / "zikao-desktop.log").exists()


def test_the_login_window_comes_before_the_heavy_imports() -> None:
    """Importing the shell must not pull in the backend, FastAPI, SQLAlchemy or qtawesome."""
    heavy = ("backend_mock", "fastapi", "uvicorn", "sqlalchemy", "qtawesome")
    code = (
        "import sys\n"
        "import desktop.shell.app, desktop.shell.controller, desktop.shell.session, desktop.shell.embedded\n"
        "import desktop.shell.embedded_process\n"
        "import desktop.views.login_dialog, desktop.views.main_window, desktop.views.personal_center\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == ""
