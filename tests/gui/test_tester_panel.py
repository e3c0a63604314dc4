"""The tester panel against a real server: offered from the login and main windows, a jump
moves the server clock, a reseed logs the person out with the reason, faults set in the panel
reach the server and "clear all" clears them, the SMS outbox lists the codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from backend_mock.settings import Mode
from desktop.api import ApiClient
from desktop.api.mock import FAULT_DROP
from desktop.core.clock import to_beijing
from desktop.core.settings import AppSettings
from desktop.core.store import TOPICS
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import date_text
from desktop.shell.controller import AppController
from desktop.views.tester import panel as tester_panel
from desktop.views.tester.texts import NO_CONTROLS
from tests.fixtures.accounts import demo_examinee
from tests.fixtures.servers import LiveServer
from tests.fixtures.shell import log_in_through_the_dialog

pytestmark = pytest.mark.gui

WAIT_MS = 15_000
EXAMINEE = demo_examinee(with_photo=True)


@pytest.fixture(name="make_controller")
def make_controller_fixture(tmp_path: Path, runner: TaskRunner) -> Iterator[Callable[..., AppController]]:
    made: list[AppController] = []

    def make(url: str, **kwargs: object) -> AppController:
        settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        controller = AppController(settings, tmp_path, url, runner=runner, **kwargs)  # type: ignore[arg-type]
        made.append(controller)
        controller.start()
        return controller

    yield make
    for controller in made:
        controller.shutdown()
        if controller.main_window is not None:
            controller.main_window.close_quietly()
    QApplication.sendPostedEvents()


def open_panel(qtbot: QtBot, controller: AppController) -> tester_panel.TesterPanel:
    dialog = controller.login_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.is_ready, timeout=WAIT_MS)
    assert dialog.tester_action.isVisible() and dialog.tester_button.isVisible()
    dialog.tester_button.click()
    panel = controller.tester_panel
    assert isinstance(panel, tester_panel.TesterPanel) and panel.isVisible()
    qtbot.waitUntil(
        lambda: bool(panel.clock_box.jump_buttons) and panel.scenario_box.combo.count() > 0, timeout=WAIT_MS
    )
    return panel


def test_the_panel_is_offered_from_the_login_and_the_main_window(
    qtbot: QtBot, live_server: LiveServer, make_controller: Callable[..., AppController]
) -> None:
    controller = make_controller(live_server.url)
    panel = open_panel(qtbot, controller)
    assert panel.windowTitle().startswith("测试人员控制台")
    assert panel.clock_box.state is not None and panel.clock_box.state.is_real
    assert "真实时间" in panel.clock_box.now_label.text()
    panel.close()

    window = log_in_through_the_dialog(qtbot, controller, live_server.url, EXAMINEE.exam_no)
    assert window.tester_action.isVisible() and window.tester_action in window.toolbar.actions()
    assert window.tester_action.shortcut().toString() == "Ctrl+Shift+T"
    window.tester_action.trigger()
    assert controller.tester_panel is panel and panel.isVisible(), "one panel, kept across logins"
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=WAIT_MS)


def test_a_production_server_gets_no_panel_unless_asked_and_then_a_clear_refusal(
    qtbot: QtBot, server_factory: Callable[..., LiveServer], make_controller: Callable[..., AppController]
) -> None:
    prod = server_factory(Mode.PRODUCTION)
    url = prod.url
    try:
        plain = make_controller(url)
        dialog = plain.login_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.is_ready, timeout=WAIT_MS)
        assert not dialog.tester_action.isVisible() and plain.open_tester_panel() is None

        asked = make_controller(url, tester=True)
        assert asked.login_dialog is not None
        qtbot.waitUntil(lambda: asked.login_dialog is not None and asked.login_dialog.is_ready, timeout=WAIT_MS)
        panel = asked.open_tester_panel()
        assert panel is not None
        qtbot.waitUntil(lambda: panel.available is False, timeout=WAIT_MS)
        assert panel.status_label.text() == NO_CONTROLS
        assert not panel.clock_box.isEnabled() and not panel.faults_box.isEnabled()
        qtbot.waitUntil(lambda: not asked.runner.busy, timeout=WAIT_MS)
    finally:
        prod.thread.stop()


def test_a_jump_moves_the_server_clock(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, make_controller: Callable[..., AppController]
) -> None:
    panel = open_panel(qtbot, make_controller(live_server.url))
    target = {j.name: j for j in client.mock.jumps()}["exam_day"]
    assert target.at is not None
    panel.clock_box.frozen_check.setChecked(True)
    panel.clock_box.jump_buttons["exam_day"].click()
    qtbot.waitUntil(lambda: client.mock.clock().now == target.at, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "已冻结" in panel.clock_box.now_label.text(), timeout=WAIT_MS)
    assert panel.clock_box.now_label.text().startswith(f"{date_text(target.at)} 08:00:00")  # Beijing time
    shown_in_editor = panel.clock_box.edit.dateTime().toPython()
    assert shown_in_editor == to_beijing(target.at).replace(tzinfo=None, second=0, microsecond=0)
    assert "考试当天" in panel.status_label.text()

    panel.clock_box.reset_button.click()
    qtbot.waitUntil(lambda: client.mock.clock().is_real, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "真实时间" in panel.clock_box.now_label.text(), timeout=WAIT_MS)


def test_a_reseed_logs_the_person_out_with_the_reason(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, make_controller: Callable[..., AppController]
) -> None:
    controller = make_controller(live_server.url)
    panel = open_panel(qtbot, controller)
    log_in_through_the_dialog(qtbot, controller, live_server.url, EXAMINEE.exam_no)
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=WAIT_MS)

    panel.scenario_box.select("graduation")
    panel.scenario_box.reseed_button.click()
    box = panel.scenario_box.confirm_box
    assert box is not None and "毕业季" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()  # nothing happens
    assert controller.main_window is not None and not controller.runner.busy

    panel.scenario_box.reseed_button.click()
    box = panel.scenario_box.confirm_box
    assert box is not None
    changed: list[str] = []
    panel.data_changed.connect(changed.append)
    with qtbot.waitSignal(controller.logged_out, timeout=30_000) as out:
        box.button(QMessageBox.StandardButton.Yes).click()
    message = out.args[0]
    assert "毕业季" in message and "请重新登录" in message
    assert set(changed) == TOPICS, "a new database: every page's data changed"
    dialog = controller.login_dialog
    assert dialog is not None and dialog.isVisible() and dialog.banner.text() == message
    assert controller.main_window is None
    clock = client.mock.clock()
    assert not clock.is_real and (clock.now.month, clock.now.day) in ((5, 30), (11, 20))
    qtbot.waitUntil(lambda: "已重置为“毕业季”" in panel.status_label.text(), timeout=WAIT_MS)
    # the new database takes a new login
    log_in_through_the_dialog(qtbot, controller, live_server.url, EXAMINEE.exam_no)
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=WAIT_MS)


def test_faults_set_in_the_panel_reach_the_server_and_clear_all_clears_them(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, make_controller: Callable[..., AppController]
) -> None:
    panel = open_panel(qtbot, make_controller(live_server.url))
    box = panel.faults_box
    box.path_combo.setCurrentText("/me")
    box.kind_combo.setCurrentIndex(box.kind_combo.findData(FAULT_DROP))
    assert not box.status_combo.isEnabled(), "a dropped connection has no status code"
    box.times_spin.setValue(2)
    box.add_button.click()
    qtbot.waitUntil(lambda: box.rules_table.rowCount() == 1, timeout=WAIT_MS)
    (rule,) = client.mock.faults().rules
    assert (rule.path_prefix, rule.kind, rule.times, rule.methods) == ("/me", FAULT_DROP, 2, ())

    box.latency_spin.setValue(250)
    box.jitter_spin.setValue(50)
    box.latency_button.click()
    qtbot.waitUntil(lambda: client.mock.faults().latency_ms == 250, timeout=WAIT_MS)
    box.pay_lost.setChecked(True)
    box.pay_button.click()
    qtbot.waitUntil(lambda: client.mock.payment_faults().lost, timeout=WAIT_MS)
    assert client.mock.faults().jitter_ms == 50 and len(client.mock.faults().rules) == 1

    box.clear_button.click()
    qtbot.waitUntil(lambda: not client.mock.faults().any, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: box.rules_table.rowCount() == 0 and not box.pay_lost.isChecked(), timeout=WAIT_MS)
    assert box.latency_spin.value() == 0 and panel.status_label.text() == "已清除全部故障"


def test_the_sms_outbox_lists_the_codes(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, make_controller: Callable[..., AppController]
) -> None:
    panel = open_panel(qtbot, make_controller(live_server.url))
    assert panel.sms_box.table.rowCount() == 0
    client.auth.send_reset_code(EXAMINEE.exam_no, EXAMINEE.id_number, EXAMINEE.phone)
    (sms,) = client.mock.sms_outbox()
    panel.sms_box.refresh_button.click()
    qtbot.waitUntil(lambda: panel.sms_box.table.rowCount() == 1, timeout=WAIT_MS)
    assert panel.sms_box.table.item(0, 3).text() == sms.code
    assert panel.sms_box.table.item(0, 2).text() == "找回密码"


def test_the_tester_flag_reaches_the_shell() -> None:
    from desktop.shell.app import parse_args

    assert parse_args(["--tester"])[0].tester and not parse_args([])[0].tester


def test_a_reseed_before_login_says_so_on_the_login_window(
    qtbot: QtBot, live_server: LiveServer, make_controller: Callable[..., AppController]
) -> None:
    controller = make_controller(live_server.url)
    panel = open_panel(qtbot, controller)
    dialog = controller.login_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.captcha_id is not None, timeout=WAIT_MS)
    old_captcha = dialog.captcha_id
    panel.scenario_box.select("default")
    panel.scenario_box.reseed("default")
    qtbot.waitUntil(lambda: "默认" in dialog.banner.text(), timeout=30_000)
    qtbot.waitUntil(lambda: dialog.captcha_id not in (None, old_captcha), timeout=WAIT_MS)
    log_in_through_the_dialog(qtbot, controller, live_server.url, EXAMINEE.exam_no)
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=WAIT_MS)


def test_a_clock_jump_renews_the_captcha_on_the_login_window(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, make_controller: Callable[..., AppController]
) -> None:
    """The captcha on the login window was issued at the old server time: after a jump it would be
    refused as expired, so the window fetches a new one at once and says so; the login then works."""
    controller = make_controller(live_server.url)
    panel = open_panel(qtbot, controller)
    dialog = controller.login_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.captcha_id is not None and not dialog.busy, timeout=WAIT_MS)
    before = dialog.captcha_id
    assert before is not None
    panel.clock_box.jump_buttons["exam_day"].click()
    qtbot.waitUntil(lambda: not client.mock.clock().is_real, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: dialog.captcha_id not in (None, before) and not dialog.busy, timeout=WAIT_MS)
    assert dialog.banner.isVisible() and "验证码已更新" in dialog.banner.text()
    window = log_in_through_the_dialog(qtbot, controller, live_server.url, EXAMINEE.exam_no)
    assert window.user_session.name == EXAMINEE.name
    panel.clock_box.reset_button.click()
    qtbot.waitUntil(lambda: client.mock.clock().is_real and not controller.runner.busy, timeout=WAIT_MS)
