"""软件更新 policy in the GUI: the administrator changes it in the admin console; a counter PC's
check after login defers before closing time and offers the update after it, with the server's
clock moved by the tester controls (docs/updates.md)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backend_mock.clock import CHINA_TZ
from backend_mock.seed import DEMO_PASSWORD
from desktop.api import ApiClient
from desktop.core.clock import ServerClock
from desktop.core.settings import AppSettings
from desktop.core.tasks import TaskRunner
from desktop.shell.controller import AppController
from desktop.shell.session import UserSession
from desktop.updates.checker import DEFERRED, UpdateChecker
from desktop.views.login_dialog import LoginDialog
from desktop.views.main_window import MainWindow
from desktop.views.staff import AdminPage
from tests.fixtures.accounts import demo_examinee, login
from tests.fixtures.servers import LiveServer
from tests.fixtures.staff import staff_audit
from tests.fixtures.updates import make_repository

pytestmark = pytest.mark.gui

WAIT = 15_000
KIB = 1024


@pytest.fixture
def admin_window(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> Iterator[MainWindow]:
    session = UserSession(login(client, "admin", kind="staff"), watch_application=False)
    window = MainWindow(client, runner, session, "http://127.0.0.1")
    qtbot.addWidget(window)
    window.show()
    yield window
    session.stop()


def test_the_admin_sees_and_changes_the_policy(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, admin_window: MainWindow
) -> None:
    page = admin_window.page("管理")
    assert isinstance(page, AdminPage)
    box = page.update_policy
    qtbot.waitUntil(lambda: box.policy is not None, timeout=WAIT)
    assert not box.defer_check.isChecked() and box.closing_edit.text() == "17:30"
    assert "不推迟" in box.state_label.text()

    # a time that is no time: refused inline in words, what was typed stays, nothing changes
    box.defer_check.setChecked(True)
    box.closing_edit.setText("25:00")
    box.save_button.click()
    qtbot.waitUntil(lambda: bool(box.error_label.message), timeout=WAIT)
    assert "下班时间" in box.error_label.message and "17:30" in box.error_label.message
    assert "closing_time" not in box.error_label.message
    assert box.closing_edit.text() == "25:00"
    assert client.staff.update_policy().defer is False

    box.closing_edit.setText("18:15")
    box.save_button.click()
    qtbot.waitUntil(lambda: bool(box.answer.message), timeout=WAIT)
    assert box.answer.message.startswith("已保存") and "18:15" in box.answer.message
    assert not box.error_label.message
    assert "18:15" in box.state_label.text() and "修改" in box.state_label.text()
    assert admin_window.store.published == ["staff"]
    saved = client.staff.update_policy()
    assert (saved.defer, saved.closing_time) == (True, "18:15")
    (row,) = [r for r in staff_audit(live_server, "admin") if r.action == "update_policy_changed"]
    assert row.details == {"defer": True, "closing_time": "18:15"}


def test_a_counter_pc_defers_before_closing_time_and_offers_after(
    qtbot: QtBot, tmp_path: Path, server_factory: Callable[..., LiveServer], runner: TaskRunner
) -> None:
    repo = make_repository(tmp_path)
    installed = repo.install(repo.add("1.0.0", "第一版", payload=os.urandom(16 * KIB)))
    repo.add("1.1.0", "修正了准考证打印", payload=os.urandom(32 * KIB))
    server = server_factory(update_repository=repo.folder)
    today = server.tester.system.calendar().server_time.astimezone(CHINA_TZ).date()

    def at(hours: int, minutes: int) -> datetime:
        return datetime.combine(today, time(hours, minutes), tzinfo=CHINA_TZ)

    server.freeze_clock(at(17, 20))  # before the logins: a session ends 12 hours after its login (idle: 15 minutes)
    admin = server.new_client()
    login(admin, "admin", kind="staff")
    admin.staff.change_update_policy(True, "17:30")

    clock = ServerClock()
    clerk = server.new_client(on_server_time=clock.sync)
    login(clerk, "cs_clerk", kind="staff")
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    checker = UpdateChecker(runner, server.url, installed, from_source=False, clock=clock)
    checker.policy = clerk.staff.update_policy
    said: list[str] = []
    checker.deferred.connect(said.append)

    server.freeze_clock(at(17, 29))  # the tester control: one minute before closing time
    checker.check(window, quiet=True)  # the check after login
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT)
    assert said == [DEFERRED.format(time="17:30")]
    assert "管理员已将本机的软件更新推迟到 17:30 之后" in said[0]
    assert checker.dialog is None and not installed.next_folder.exists()
    assert checker.recheck_timer.isActive() and 1000 <= checker.recheck_timer.interval() <= 60_000

    # 系统 → 检查更新 tells the same
    checker.check(window, quiet=False)
    qtbot.waitUntil(lambda: checker.dialog is not None and checker.dialog.isVisible(), timeout=WAIT)
    assert checker.dialog is not None
    assert checker.dialog.message_label.text() == DEFERRED.format(time="17:30")
    assert not checker.dialog.install_button.isVisible()
    checker.dialog.close()

    # the tester moves the server's clock past closing time: the client notices at its next answer,
    # and the deferred check runs again at once and offers the update
    server.freeze_clock(at(17, 31))
    clerk.staff.me()
    qtbot.waitUntil(lambda: checker.dialog is not None and checker.dialog.install_button.isVisible(), timeout=WAIT)
    assert checker.dialog is not None
    assert checker.dialog.message_label.text().startswith("有新版本 1.1.0（当前版本 1.0.0）")
    assert not checker.recheck_timer.isActive()
    checker.dialog.close()


def test_without_deferral_a_counter_pc_is_offered_at_once(
    qtbot: QtBot, tmp_path: Path, server_factory: Callable[..., LiveServer], runner: TaskRunner
) -> None:
    repo = make_repository(tmp_path)
    installed = repo.install(repo.add("1.0.0", "第一版", payload=os.urandom(16 * KIB)))
    repo.add("1.1.0", "第二版", payload=os.urandom(16 * KIB))
    server = server_factory(update_repository=repo.folder)
    clock = ServerClock()
    clerk = server.new_client(on_server_time=clock.sync)
    login(clerk, "cs_clerk", kind="staff")
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    checker = UpdateChecker(runner, server.url, installed, from_source=False, clock=clock)
    checker.policy = clerk.staff.update_policy
    said: list[str] = []
    checker.deferred.connect(said.append)
    checker.check(window, quiet=True)
    qtbot.waitUntil(lambda: checker.dialog is not None and checker.dialog.install_button.isVisible(), timeout=WAIT)
    assert said == [] and not checker.recheck_timer.isActive()
    assert checker.dialog is not None
    checker.dialog.close()


@pytest.mark.parametrize(("account", "kind", "reads_policy"), [("cs_clerk", "staff", True), (None, "examinee", False)])
def test_only_the_staff_console_reads_the_policy(
    qtbot: QtBot,
    live_server: LiveServer,
    runner: TaskRunner,
    tmp_path: Path,
    account: str | None,
    kind: str,
    reads_policy: bool,
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    controller = AppController(settings, tmp_path, live_server.url, runner=runner)
    try:
        controller.start()
        dialog = controller.login_dialog
        assert isinstance(dialog, LoginDialog)
        qtbot.waitUntil(lambda: dialog.is_ready and dialog.captcha_id is not None, timeout=WAIT)
        if kind == "staff":
            dialog.staff_radio.click()
        answer = live_server.tester.mock.captcha_answer(dialog.captcha_id or "")
        dialog.account_edit.setText(account or demo_examinee(with_photo=False).exam_no)
        dialog.password_edit.setText(DEMO_PASSWORD)
        dialog.captcha_edit.setText(answer)
        with qtbot.waitSignal(controller.main_window_opened, timeout=WAIT):
            dialog.login_button.click()
        checker = controller.updates
        assert checker is not None and (checker.policy is not None) == reads_policy
        if checker.policy is not None:
            assert checker.policy().closing_time == "17:30"  # the clerk's own client reads it
    finally:
        controller.shutdown()
        if controller.main_window is not None:
            controller.main_window.close_quietly()
        QApplication.sendPostedEvents()
