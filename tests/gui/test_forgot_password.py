"""忘记密码 through the widgets: SMS code from the mock outbox, new password, then login."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from backend_mock.seed import DEMO_PASSWORD
from backend_mock.seed.demo import DEMO_EXAMINEES, DemoExaminee
from desktop.core.tasks import TaskRunner
from desktop.views.forgot_password_dialog import ForgotPasswordDialog
from desktop.views.login_dialog import LoginDialog
from tests.fixtures.gui import wait_idle
from tests.fixtures.servers import LiveServer
from zikao_common.idnumber import check_digit

pytestmark = pytest.mark.gui

NEW_PASSWORD = "Xiangjiang2027"


def demo(key: str) -> DemoExaminee:
    return next(d for d in DEMO_EXAMINEES if d.key == key)


def fill_identity(qtbot: QtBot, dialog: ForgotPasswordDialog, person: DemoExaminee) -> None:
    for edit, text in (
        (dialog.exam_no_edit, person.exam_no),
        (dialog.id_number_edit, person.id_number),
        (dialog.phone_edit, person.phone),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)


def fill_new_password(
    qtbot: QtBot, dialog: ForgotPasswordDialog, code: str, password: str, repeat: str | None = None
) -> None:
    for edit, text in (
        (dialog.sms_code_edit, code),
        (dialog.new_password_edit, password),
        (dialog.repeat_edit, password if repeat is None else repeat),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)


def send_code(qtbot: QtBot, dialog: ForgotPasswordDialog, live_server: LiveServer, phone: str) -> str:
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    messages = live_server.tester.mock.sms_outbox(phone)
    assert messages, "no SMS was sent"
    return messages[0].code


def make(qtbot: QtBot, live_server: LiveServer, runner: TaskRunner) -> ForgotPasswordDialog:
    dialog = ForgotPasswordDialog(live_server.new_client(), runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_reset_end_to_end_then_login_with_the_new_password(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    person = demo("midway")
    login = LoginDialog(runner)
    qtbot.addWidget(login)
    login.show()
    login.set_backend(live_server.new_client(), live_server.health())
    qtbot.waitUntil(lambda: login.captcha_id is not None)

    qtbot.mouseClick(login.forgot_button, Qt.MouseButton.LeftButton)
    dialog = login.forgot_dialog
    assert isinstance(dialog, ForgotPasswordDialog) and dialog.isVisible()
    fill_identity(qtbot, dialog, person)
    code = send_code(qtbot, dialog, live_server, person.phone)
    assert dialog.send_message.text() == "如果填写的信息与报名信息一致，验证码已发送到您的手机，10分钟内有效"
    assert not dialog.send_button.isEnabled()
    assert 55 <= dialog.countdown <= 60
    assert "秒" in dialog.send_button.text()
    assert len(code) == 6 and code.isdigit()

    fill_new_password(qtbot, dialog, code, NEW_PASSWORD)
    with qtbot.waitSignal(dialog.password_reset, timeout=15_000) as blocker:
        qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [person.exam_no]
    box = dialog.success_box
    assert isinstance(box, QMessageBox)
    assert box.text() == "密码已重置，请用新密码登录"
    assert not dialog.isVisible()
    box.close()

    # back on the login dialog: account filled, banner shown, the new password works
    assert login.account_edit.text() == person.exam_no
    assert "密码已重置" in login.banner.text()
    qtbot.waitUntil(lambda: login.captcha_id is not None and not login.busy)
    qtbot.keyClicks(login.password_edit, DEMO_PASSWORD)  # the old one no longer works
    qtbot.keyClicks(login.captcha_edit, live_server.captcha_answer(login.captcha_id or ""))
    qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: login.captcha_id is not None and not login.busy)
    assert login.error_text() == "账号或密码错误，还可尝试4次"

    qtbot.keyClicks(login.password_edit, NEW_PASSWORD)
    qtbot.keyClicks(login.captcha_edit, live_server.captcha_answer(login.captcha_id or ""))
    with qtbot.waitSignal(login.logged_in, timeout=15_000) as signed_in:
        qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    assert signed_in.args[0].name == person.name


def test_early_checks(qtbot: QtBot, live_server: LiveServer, runner: TaskRunner) -> None:
    dialog = make(qtbot, live_server, runner)
    first17 = "43010219950909521"
    wrong = first17 + ("0" if check_digit(first17) != "0" else "1")
    qtbot.keyClicks(dialog.exam_no_edit, "12345")
    qtbot.keyClicks(dialog.id_number_edit, wrong)
    qtbot.keyClicks(dialog.phone_edit, "23800001111")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy  # nothing sent
    assert dialog.field_error("exam_no") == "准考证号应为12位数字"
    assert "校验位不正确" in dialog.field_error("id_number")
    assert dialog.field_error("phone") == "手机号应为11位数字，以1开头"

    fill_identity(qtbot, dialog, demo("midway"))
    fill_new_password(qtbot, dialog, "12ab", "abcdefgh")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert dialog.field_error("exam_no") == ""
    assert dialog.field_error("sms_code") == "短信验证码应为6位数字"
    assert dialog.field_error("new_password") == "密码必须同时包含字母和数字"

    fill_new_password(qtbot, dialog, "123456", NEW_PASSWORD, repeat=NEW_PASSWORD + "x")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert dialog.field_error("repeat") == "两次输入的新密码不一致"
    assert dialog.new_password_edit.echoMode() == dialog.new_password_edit.EchoMode.Password


def test_wrong_and_expired_sms_code(qtbot: QtBot, live_server: LiveServer, runner: TaskRunner) -> None:
    person = demo("exempted")
    dialog = make(qtbot, live_server, runner)
    fill_identity(qtbot, dialog, person)
    code = send_code(qtbot, dialog, live_server, person.phone)

    wrong = "000000" if code != "000000" else "111111"
    fill_new_password(qtbot, dialog, wrong, NEW_PASSWORD)
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.field_error("sms_code") == "短信验证码不正确，请核对或重新获取"
    assert dialog.isVisible() and dialog.reset_button.isEnabled()

    live_server.advance(11 * 60)
    fill_new_password(qtbot, dialog, code, NEW_PASSWORD)
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.field_error("sms_code") == "短信验证码已过期，请重新获取"


def test_common_password_is_refused_next_to_the_field(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    person = demo("new")
    dialog = make(qtbot, live_server, runner)
    fill_identity(qtbot, dialog, person)
    code = send_code(qtbot, dialog, live_server, person.phone)
    fill_new_password(qtbot, dialog, code, "Password123")  # right shape, but too common
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.field_error("new_password") == "该密码过于常见，容易被猜中，请换一个"
    assert dialog.new_password_edit.text() == ""


def test_asking_again_within_60_seconds_is_refused_with_the_wait(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    person = demo("midway")
    first = make(qtbot, live_server, runner)
    fill_identity(qtbot, first, person)
    send_code(qtbot, first, live_server, person.phone)
    qtbot.mouseClick(first.send_button, Qt.MouseButton.LeftButton)  # counting down: ignored
    assert not first.busy

    second = make(qtbot, live_server, runner)  # a second window gets round the button
    fill_identity(qtbot, second, person)
    qtbot.mouseClick(second.send_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, second)
    assert "验证码发送过于频繁" in second.send_message.text()
    assert 0 < second.countdown <= 60
    assert not second.send_button.isEnabled()
    assert len(live_server.tester.mock.sms_outbox(person.phone)) == 1


def test_countdown_ends_and_the_button_comes_back(qtbot: QtBot, live_server: LiveServer, runner: TaskRunner) -> None:
    person = demo("midway")
    dialog = make(qtbot, live_server, runner)
    fill_identity(qtbot, dialog, person)
    send_code(qtbot, dialog, live_server, person.phone)
    for _ in range(dialog.countdown):  # run the one-second timer without waiting a minute
        dialog._tick()
    QApplication.processEvents()
    assert dialog.countdown == 0
    assert dialog.send_button.isEnabled()
    assert dialog.send_button.text() == "重新获取验证码(&G)"
