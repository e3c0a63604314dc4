"""The login dialog driven through its widgets against a real mock live_server."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from backend_mock.seed import DEMO_ACCOUNTS, DEMO_PASSWORD
from backend_mock.seed.demo import DEMO_EXAMINEES, DemoExaminee
from desktop.api.types import LoginSession
from desktop.core.tasks import TaskRunner
from desktop.views.login_dialog import CAPTCHA_EXPIRED_TEXT, STARTING_TEXT, LoginDialog
from tests.fixtures.gui import wait_idle
from tests.fixtures.servers import LiveServer
from zikao_common.idnumber import check_digit

pytestmark = pytest.mark.gui

MakeDialog = Callable[..., LoginDialog]
LOCKED_RE = re.compile(r"已锁定，请于\d{2}月\d{2}日 \d{2}:\d{2}后再试")
_FIRST17 = "43010219950909521"
BAD_CHECK_DIGIT = _FIRST17 + ("0" if check_digit(_FIRST17) != "0" else "1")


def demo(key: str) -> DemoExaminee:
    return next(d for d in DEMO_EXAMINEES if d.key == key)


@pytest.fixture(name="make_dialog")
def make_dialog_fixture(qtbot: QtBot, runner: TaskRunner) -> MakeDialog:
    def make(live_server: LiveServer | None = None, demo_mode_hint: bool = False) -> LoginDialog:
        dialog = LoginDialog(runner, demo_mode_hint)
        qtbot.addWidget(dialog)
        dialog.show()
        if live_server is not None:
            dialog.set_backend(live_server.new_client(), live_server.health())
            wait_captcha(qtbot, dialog)
        return dialog

    return make


def wait_captcha(qtbot: QtBot, dialog: LoginDialog) -> str:
    qtbot.waitUntil(lambda: dialog.captcha_id is not None and not dialog.busy, timeout=15_000)
    assert dialog.captcha_id is not None
    return dialog.captcha_id


def fill(
    qtbot: QtBot, dialog: LoginDialog, live_server: LiveServer, account: str, password: str, answer: str | None = None
) -> str:
    """Type the form like a person; return the captcha id used."""
    captcha_id = wait_captcha(qtbot, dialog)
    dialog.account_edit.clear()
    qtbot.keyClicks(dialog.account_edit, account)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    dialog.captcha_edit.clear()
    qtbot.keyClicks(dialog.captcha_edit, answer if answer is not None else live_server.captcha_answer(captcha_id))
    return captcha_id


def attempt(qtbot: QtBot, dialog: LoginDialog, live_server: LiveServer, account: str, password: str) -> str:
    """One failing attempt through the widgets; return the error shown."""
    fill(qtbot, dialog, live_server, account, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    wait_captcha(qtbot, dialog)
    return dialog.error_text()


def test_form_is_disabled_until_the_backend_is_ready(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer
) -> None:
    dialog = make_dialog()
    assert dialog.status_label.text() == STARTING_TEXT
    assert dialog.status_label.isVisible()
    for widget in (dialog.account_edit, dialog.password_edit, dialog.captcha_edit, dialog.login_button):
        assert not widget.isEnabled()
    dialog.submit()  # nothing to send to, nothing happens
    assert not dialog.busy
    assert not dialog.demo_box.isVisible()

    dialog.set_backend(live_server.new_client(), live_server.health())
    wait_captcha(qtbot, dialog)
    assert not dialog.status_label.isVisible()
    for widget in (dialog.account_edit, dialog.password_edit, dialog.captcha_edit, dialog.login_button):
        assert widget.isEnabled()
    pixmap = dialog.captcha.image.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.demo_box.isVisible()  # test mode: no demo accounts


def test_backend_error_keeps_the_form_disabled(make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    dialog.set_backend_error("内置服务启动失败：端口被占用")
    assert dialog.status_label.text() == "内置服务启动失败：端口被占用"
    assert not dialog.login_button.isEnabled()


def test_login_with_exam_no_emits_logged_in(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    person = demo("midway")
    fill(qtbot, dialog, live_server, person.exam_no, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=15_000) as blocker:
        qtbot.keyClick(dialog.captcha_edit, Qt.Key.Key_Return)  # Enter presses 登录
    session = blocker.args[0]
    assert isinstance(session, LoginSession)
    assert session.kind == "examinee"
    assert session.name == person.name
    assert dialog.password_edit.text() == ""
    assert dialog.result() == LoginDialog.DialogCode.Accepted


def test_login_with_id_number(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    person = demo("new")
    fill(qtbot, dialog, live_server, person.id_number.lower(), DEMO_PASSWORD)  # a lower-case x is fine
    with qtbot.waitSignal(dialog.logged_in, timeout=15_000) as blocker:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].name == person.name


def test_switching_between_examinee_and_staff_empties_the_account(make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    dialog.account_edit.setText(demo("new").exam_no)
    dialog.staff_radio.setChecked(True)
    assert dialog.account_edit.text() == ""  # an exam number is no staff account
    dialog.account_edit.setText("cs_clerk")
    dialog.examinee_radio.setChecked(True)
    assert dialog.account_edit.text() == ""
    dialog.account_edit.setText(demo("new").exam_no)
    dialog.clear_account()  # what the shell does at logout
    assert dialog.account_edit.text() == ""


def test_staff_login(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    dialog.staff_radio.setChecked(True)
    assert dialog.account_label.text() == "工作人员账号(&A)"
    assert not dialog.enrol_button.isVisible()
    fill(qtbot, dialog, live_server, "cs_clerk", DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=15_000) as blocker:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].kind == "staff"
    dialog.examinee_radio.setChecked(True)
    assert dialog.account_label.text() == "准考证号或身份证号(&A)"


def test_wrong_password_shows_attempts_left_clears_password_and_reloads_captcha(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer
) -> None:
    dialog = make_dialog(live_server)
    used = fill(qtbot, dialog, live_server, demo("midway").exam_no, "Wrong1234")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    new_id = wait_captcha(qtbot, dialog)
    assert dialog.error_text() == "账号或密码错误，还可尝试4次"
    assert dialog.error_label.isVisible()
    assert dialog.password_edit.text() == ""
    assert dialog.captcha_edit.text() == ""
    assert new_id != used
    assert dialog.login_button.isEnabled()


def test_double_click_sends_one_request(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    account = demo("midway").exam_no
    fill(qtbot, dialog, live_server, account, "Wrong1234")
    qtbot.mouseDClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    dialog.submit()
    assert not dialog.login_button.isEnabled()  # disabled while the request is in flight
    wait_captcha(qtbot, dialog)
    assert dialog.error_text() == "账号或密码错误，还可尝试4次"  # one failure counted, not several
    assert attempt(qtbot, dialog, live_server, account, "Wrong1234") == "账号或密码错误，还可尝试3次"


def test_five_failures_lock_the_account_until_30_minutes_pass(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer
) -> None:
    dialog = make_dialog(live_server)
    account = demo("midway").exam_no
    for left in (4, 3, 2, 1):
        assert attempt(qtbot, dialog, live_server, account, "Wrong1234") == f"账号或密码错误，还可尝试{left}次"
    message = attempt(qtbot, dialog, live_server, account, "Wrong1234")
    assert LOCKED_RE.search(message), message
    assert dialog.password_edit.text() == ""
    # locked: even the right password is refused, with the same time
    assert attempt(qtbot, dialog, live_server, account, DEMO_PASSWORD) == message

    live_server.advance(31 * 60)
    qtbot.mouseClick(dialog.captcha.refresh, Qt.MouseButton.LeftButton)  # the old one expired with the clock
    fill(qtbot, dialog, live_server, account, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_seeded_locked_account_says_when_it_unlocks(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer
) -> None:
    dialog = make_dialog(live_server)
    message = attempt(qtbot, dialog, live_server, demo("locked").exam_no, DEMO_PASSWORD)
    assert LOCKED_RE.search(message), message


def test_unknown_account_gets_the_same_answers_as_a_known_one(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer
) -> None:
    dialog = make_dialog(live_server)
    known = demo("midway").exam_no
    unknown = "439912345678"
    for left in (4, 3, 2, 1):
        expected = f"账号或密码错误，还可尝试{left}次"
        assert attempt(qtbot, dialog, live_server, known, "Wrong1234") == expected
        assert attempt(qtbot, dialog, live_server, unknown, "Wrong1234") == expected
    known_locked = attempt(qtbot, dialog, live_server, known, "Wrong1234")
    unknown_locked = attempt(qtbot, dialog, live_server, unknown, "Wrong1234")
    assert LOCKED_RE.search(known_locked) and LOCKED_RE.search(unknown_locked)
    assert re.sub(r"\d", "0", known_locked) == re.sub(r"\d", "0", unknown_locked)


def test_expired_captcha(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    account = demo("midway").exam_no
    used = fill(qtbot, dialog, live_server, account, DEMO_PASSWORD)
    live_server.advance(6 * 60)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert wait_captcha(qtbot, dialog) != used
    assert dialog.error_text() == CAPTCHA_EXPIRED_TEXT  # a new one is there already, and it says so
    assert dialog.password_edit.text() == ""
    assert dialog.captcha_edit.hasFocus() or not QApplication.focusWindow()

    fill(qtbot, dialog, live_server, account, DEMO_PASSWORD)  # the new captcha works
    with qtbot.waitSignal(dialog.logged_in, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_reused_and_wrong_captcha(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    account = demo("midway").exam_no
    captcha_id = fill(qtbot, dialog, live_server, account, DEMO_PASSWORD)
    # someone else uses this captcha first (e.g. a replayed request)
    other = live_server.new_client()
    other.auth.login(account, DEMO_PASSWORD, captcha_id, live_server.captcha_answer(captcha_id))
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    wait_captcha(qtbot, dialog)
    assert dialog.error_text() == "验证码已失效，请点击图片换一张后重新输入"

    answer = live_server.captcha_answer(wait_captcha(qtbot, dialog))
    wrong = "2345" if answer != "2345" else "3456"
    fill(qtbot, dialog, live_server, account, DEMO_PASSWORD, answer=wrong)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    wait_captcha(qtbot, dialog)
    assert dialog.error_text() == "验证码输入错误，请看清新图片后重新输入"


@pytest.mark.parametrize(
    ("account", "password", "answer", "message"),
    [
        ("", "Hunan2026", "ABCD", "请输入准考证号或身份证号"),
        ("12345", "Hunan2026", "ABCD", "请输入12位准考证号或18位身份证号"),
        (BAD_CHECK_DIGIT, "Hunan2026", "ABCD", "身份证号校验位不正确"),
        ("430102199502305217", "Hunan2026", "ABCD", "出生日期 19950230 不存在"),
        ("242110000012", "", "ABCD", "请输入密码"),
        ("242110000012", "Hunan2026", "AB", "验证码应为4个字母或数字"),
    ],
)
def test_checks_before_sending(
    qtbot: QtBot,
    make_dialog: MakeDialog,
    live_server: LiveServer,
    account: str,
    password: str,
    answer: str,
    message: str,
) -> None:
    dialog = make_dialog(live_server)
    captcha_id = fill(qtbot, dialog, live_server, account, password, answer=answer)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert message in dialog.error_text()
    assert not dialog.busy and dialog.captcha_id == captcha_id  # nothing was sent


def test_server_down_gives_a_connection_message(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    fill(qtbot, dialog, live_server, demo("midway").exam_no, DEMO_PASSWORD)
    live_server.stop()
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert "无法连接到服务器" in dialog.error_text()
    assert dialog.password_edit.text() == ""
    assert "加载失败" in dialog.captcha.image.text()
    assert dialog.login_button.isEnabled()


def test_demo_accounts_are_listed_in_demo_mode(qtbot: QtBot, make_dialog: MakeDialog, demo_server: LiveServer) -> None:
    dialog = make_dialog(demo_server, demo_mode_hint=True)
    wait_idle(qtbot, dialog)
    assert dialog.demo_box.isVisible()
    table = dialog.demo_table
    assert table.rowCount() == len(DEMO_ACCOUNTS)
    accounts = [table.model().index(row, 0).data() for row in range(table.rowCount())]
    assert "cs_clerk" in accounts
    assert DEMO_PASSWORD in dialog.demo_password_label.text()

    # double-click a staff row: staff login, account filled, focus on the password
    row = accounts.index("cs_clerk")
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.staff_radio.isChecked()
    assert dialog.account_edit.text() == "cs_clerk"

    # Enter on an examinee row fills the account and does not press 登录
    person = demo("midway")
    table.setFocus()
    table.setCurrentCell(accounts.index(person.exam_no), 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.examinee_radio.isChecked()
    assert dialog.account_edit.text() == person.exam_no
    assert dialog.error_text() == "" and not dialog.busy

    fill(qtbot, dialog, demo_server, person.exam_no, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_demo_hint_is_withdrawn_when_the_server_is_not_in_demo_mode(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer
) -> None:
    dialog = make_dialog(demo_mode_hint=True)
    assert dialog.demo_box.isVisible()
    dialog.set_backend(live_server.new_client(), live_server.health())
    wait_captcha(qtbot, dialog)
    assert not dialog.demo_box.isVisible()


def test_show_message_and_reset(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    dialog.show_message("您已安全退出，请重新登录")
    assert dialog.banner.isVisible() and dialog.banner.text() == "您已安全退出，请重新登录"
    first = fill(qtbot, dialog, live_server, demo("midway").exam_no, "secret123")
    dialog.reset()
    assert dialog.password_edit.text() == "" and dialog.captcha_edit.text() == ""
    assert wait_captcha(qtbot, dialog) != first
    assert dialog.account_edit.text() == demo("midway").exam_no


def test_keyboard_order_and_mnemonics(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.account_edit.setFocus()
    for expected in (dialog.password_edit, dialog.captcha_edit, dialog.login_button):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.password_edit
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.captcha_edit


def test_demo_applicant_opens_the_enrolment_lookup(
    qtbot: QtBot, make_dialog: MakeDialog, demo_server: LiveServer
) -> None:
    from backend_mock.seed.demo import DEMO_APPLICANT

    dialog = make_dialog(demo_server, demo_mode_hint=True)
    wait_idle(qtbot, dialog)
    table = dialog.demo_table
    accounts = [table.model().index(row, 0).data() for row in range(table.rowCount())]
    table.setFocus()
    table.setCurrentCell(accounts.index(DEMO_APPLICANT.id_number), 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    enrol = dialog.enrol_dialog
    assert enrol is not None and enrol.isVisible()
    assert enrol.query_id_edit.text() == DEMO_APPLICANT.id_number
    assert dialog.account_edit.text() != DEMO_APPLICANT.id_number  # not a login account
    enrol.close()
