"""The staff console end to end against a real server: the counter, a review queue, administration,
"下一位考生", and the forced new password after a one-time password."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from backend_mock.seed import DEMO_PASSWORD
from backend_mock.seed.demo import DEMO_APPLICANT, DEMO_EXAMINEES
from desktop.api import ApiClient
from desktop.core.settings import AppSettings
from desktop.core.tasks import TaskRunner
from desktop.shell.controller import ONE_TIME_PASSWORD_MESSAGE, AppController
from desktop.shell.session import UserSession
from desktop.views.account_dialogs import OneTimePasswordChangeDialog
from desktop.views.enrol_dialog import EnrolDialog
from desktop.views.login_dialog import LoginDialog
from desktop.views.main_window import MainWindow
from desktop.views.staff import AdminPage, CounterPage, QueuesPage
from desktop.views.staff.admin import CreateStaffDialog
from desktop.views.staff.dialogs import ReasonDialog, SecretDialog, VerifyDialog
from tests.fixtures.accounts import login
from tests.fixtures.console import find_examinee, open_dialog
from tests.fixtures.documents import pdf_text
from tests.fixtures.gui import say_yes
from tests.fixtures.registration import home_site_id, key, pick, set_phase
from tests.fixtures.request_log import CountingRequests
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

LOCKED = next(d for d in DEMO_EXAMINEES if d.locked)
PLAIN = next(d for d in DEMO_EXAMINEES if d.key == "midway")
WAIT = 10_000


@pytest.fixture
def staff_window(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> Iterator[Callable[[str], MainWindow]]:
    sessions: list[UserSession] = []

    def make(username: str) -> MainWindow:
        session = UserSession(login(client, username, kind="staff"), watch_application=False)
        sessions.append(session)
        window = MainWindow(client, runner, session, "http://127.0.0.1")
        qtbot.addWidget(window)
        window.show()
        return window

    yield make
    for session in sessions:
        session.stop()


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path, live_server: LiveServer, runner: TaskRunner) -> Iterator[AppController]:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    made = AppController(settings, tmp_path, live_server.url, runner=runner)
    made.start()
    yield made
    made.shutdown()
    if made.main_window is not None:
        made.main_window.close_quietly()
    QApplication.sendPostedEvents()


def type_login(
    qtbot: QtBot, controller: AppController, server: str, account: str, password: str, kind: str = "examinee"
) -> LoginDialog:
    dialog = controller.login_dialog
    assert isinstance(dialog, LoginDialog)
    qtbot.waitUntil(lambda: dialog.is_ready and dialog.captcha_id is not None and not dialog.busy, timeout=WAIT)
    helper = ApiClient(server)
    answer = helper.mock.captcha_answer(dialog.captcha_id or "")
    helper.close()
    (dialog.staff_radio if kind == "staff" else dialog.examinee_radio).setChecked(True)
    dialog.account_edit.setText(account)
    dialog.password_edit.setText(password)
    dialog.captcha_edit.setText(answer)
    dialog.login_button.click()
    return dialog


def counter_of(window: MainWindow) -> CounterPage:
    page = window.page("柜台")
    assert isinstance(page, CounterPage)
    return page


def verify_at_the_counter(qtbot: QtBot, counter: CounterPage, id_number: str, name: str) -> None:
    counter.verify_button.click()
    dialog = open_dialog(qtbot, counter, VerifyDialog)
    assert isinstance(dialog, VerifyDialog)
    dialog.id_edit.setText(id_number)
    dialog.name_edit.setText(name)
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: counter.record is not None and counter.record.verified_until is not None and not counter.busy,
        timeout=WAIT,
    )
    box = open_dialog(qtbot, counter, QMessageBox)
    assert isinstance(box, QMessageBox) and "核验通过" in box.text()
    box.accept()


# --- the counter ------------------------------------------------------------------------------------------


def test_clerk_unlocks_a_locked_examinee_who_then_logs_in(
    qtbot: QtBot, live_server: LiveServer, controller: AppController, staff_window: Callable[[str], MainWindow]
) -> None:
    window = staff_window("cs_clerk")
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["柜台", "证明预约", "现场确认"]
    assert window.user_session.idle_timeout == 15 * 60 and window.user_session.warning_seconds == 60
    counter = counter_of(window)
    find_examinee(qtbot, counter, LOCKED.exam_no)
    assert counter.fields["name"].text() == LOCKED.name
    assert counter.fields["id_number"].text() != LOCKED.id_number  # masked
    assert counter.fields["account"].text().startswith("已锁定") and counter.unlock_button.isEnabled()
    assert counter.fields["verified"].text() == "未核验"

    counter.unlock_button.click()  # not verified yet: the console asks for the check first
    box = open_dialog(qtbot, counter, QMessageBox)
    assert isinstance(box, QMessageBox) and "核验" in box.text()
    box.accept()
    dialog = open_dialog(qtbot, counter, VerifyDialog)
    assert isinstance(dialog, VerifyDialog)
    dialog.reject()
    verify_at_the_counter(qtbot, counter, LOCKED.id_number, LOCKED.name)
    assert counter.fields["verified"].text().startswith("已核验")

    requests = CountingRequests(window.client)
    counter.unlock_button.click()
    qtbot.waitUntil(lambda: counter.record is not None and not counter.record.account.locked, timeout=WAIT)
    assert counter.fields["account"].text() == "正常" and not counter.unlock_button.isEnabled()
    # the answer is the account's state: applied to the record shown, announced, not read again
    assert [m for m, _p in requests.calls] == ["POST"] and window.store.published[-1] == "staff"

    # the examinee logs in at the self-service PC
    with qtbot.waitSignal(controller.main_window_opened, timeout=WAIT) as opened:
        type_login(qtbot, controller, live_server.url, LOCKED.exam_no, DEMO_PASSWORD)
    examinee_window = opened.args[0]
    assert isinstance(examinee_window, MainWindow) and examinee_window.user_session.name == LOCKED.name


def test_next_examinee_clears_everything_of_the_previous_one(
    qtbot: QtBot, staff_window: Callable[[str], MainWindow]
) -> None:
    window = staff_window("cs_clerk")
    counter = counter_of(window)
    assert counter.state == "loaded" and counter.requests() == {}  # nothing to load before a search
    assert counter.next_action in window.toolbar.actions()
    assert counter.next_action.shortcut().toString() == "Ctrl+N"
    find_examinee(qtbot, counter, PLAIN.name)
    counter.reveal_button.click()
    reason = open_dialog(qtbot, counter, ReasonDialog)
    assert isinstance(reason, ReasonDialog)
    reason.reason_edit.setPlainText("考生本人核对报名信息")
    reason.ok_button.click()
    secret = open_dialog(qtbot, counter, SecretDialog)
    assert isinstance(secret, SecretDialog) and secret.value_label.text() == PLAIN.id_number
    qtbot.waitUntil(lambda: not counter.busy, timeout=WAIT)
    QApplication.clipboard().setText(PLAIN.exam_no)  # the clerk copied the number from the query box

    counter.next_action.trigger()
    QApplication.sendPostedEvents()
    assert counter.record is None and counter.search_result is None
    assert counter.hits.rowCount() == 0 and counter.results.rowCount() == 0
    assert counter.query_edit.text() == "" and counter.record_stack.currentIndex() == 0
    qtbot.waitUntil(lambda: not shiboken6.isValid(secret), timeout=WAIT)  # closed and deleted
    assert PLAIN.exam_no not in QApplication.clipboard().text()
    shown = [w.text() for w in window.findChildren(QLabel)] + [w.text() for w in window.findChildren(QLineEdit)]
    for trace in (PLAIN.exam_no, PLAIN.id_number, PLAIN.name, PLAIN.id_number[-4:]):
        assert not any(trace in text for text in shown), trace


def test_search_says_what_it_searched_and_pages(
    qtbot: QtBot, qtmodeltester: ModelTester, staff_window: Callable[[str], MainWindow]
) -> None:
    counter = counter_of(staff_window("cs_clerk"))
    counter.query_edit.setText("12")
    counter.search_button.click()
    qtbot.waitUntil(lambda: not counter.busy, timeout=WAIT)
    assert "4位" in counter.result_label.text()  # refused inline, not in a box
    counter.query_edit.setText(PLAIN.exam_no[:4])
    counter.search_button.click()
    qtbot.waitUntil(lambda: counter.search_result is not None and not counter.busy, timeout=WAIT)
    assert counter.result_label.text().startswith("按准考证号开头找到")
    assert counter.hits.rowCount() >= 1
    qtmodeltester.check(counter.hits)
    counter.hits_view.selectRow(0)
    qtbot.waitUntil(lambda: counter.record is not None and not counter.busy, timeout=WAIT)
    qtmodeltester.check(counter.results)


def test_clerk_prints_the_receipt_of_a_paid_order(
    qtbot: QtBot, tmp_path: Path, live_server: LiveServer, staff_window: Callable[[str], MainWindow]
) -> None:
    new = next(d for d in DEMO_EXAMINEES if d.key == "new")
    tester = ApiClient(live_server.url)
    set_phase(tester, "phase2")
    tester.close()
    examinee = ApiClient(live_server.url)
    login(examinee, new.exam_no)
    reg = examinee.registration
    order = reg.create_order(home_site_id(examinee), pick(reg.courses(), 1), key())
    examinee.payplatform.confirm(reg.start_payment(order.order_no, "alipay", key()).payment_no, "alipay")
    examinee.close()

    counter = counter_of(staff_window("cs_clerk"))
    find_examinee(qtbot, counter, new.exam_no)
    assert counter.print_button.isEnabled() and counter.order_combo.currentData() == order.order_no
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    counter.printer_for_tests = printer  # type: ignore[assignment]
    counter.print_button.click()
    dialog = open_dialog(qtbot, counter, QPrintDialog)
    assert isinstance(dialog, QPrintDialog)
    dialog.accept()
    text = pdf_text(tmp_path / "printed.pdf")
    assert "报考回执单" in text and new.exam_no in text and order.order_no in text
    assert new.id_number not in text  # masked on paper too


# --- the one-time password ------------------------------------------------------------------------------


def test_one_time_password_is_replaced_before_the_main_window(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, controller: AppController
) -> None:
    login(client, "cs_clerk", kind="staff")
    eid = client.staff.search(PLAIN.exam_no).items[0].id
    client.staff.verify_identity(eid, PLAIN.id_number, PLAIN.name)
    otp = client.staff.reset_password(eid).one_time_password

    opened: list[MainWindow] = []
    controller.main_window_opened.connect(opened.append)
    type_login(qtbot, controller, live_server.url, PLAIN.exam_no, otp)
    qtbot.waitUntil(lambda: isinstance(controller.password_dialog, OneTimePasswordChangeDialog), timeout=WAIT)
    dialog = controller.password_dialog
    assert isinstance(dialog, OneTimePasswordChangeDialog) and dialog.isVisible()
    assert controller.main_window is None and not opened
    dialog.old_edit.setText(otp)
    dialog.new_edit.setText("Mine2027ok")
    dialog.repeat_edit.setText("Mine2027ok")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    page = opened[0].page("个人中心")
    qtbot.waitUntil(lambda: page.profile is not None, timeout=WAIT)  # the server answers again


def test_refusing_to_replace_the_one_time_password_logs_out(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, controller: AppController
) -> None:
    login(client, "cs_clerk", kind="staff")
    eid = client.staff.search(PLAIN.exam_no).items[0].id
    client.staff.verify_identity(eid, PLAIN.id_number, PLAIN.name)
    otp = client.staff.reset_password(eid).one_time_password
    dialog = type_login(qtbot, controller, live_server.url, PLAIN.exam_no, otp)
    qtbot.waitUntil(lambda: controller.password_dialog is not None, timeout=WAIT)
    assert controller.password_dialog is not None
    controller.password_dialog.reject()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.banner.text() == ONE_TIME_PASSWORD_MESSAGE, timeout=WAIT)
    assert controller.main_window is None
    app_client = controller.client
    assert app_client is not None
    qtbot.waitUntil(lambda: not app_client.logged_in, timeout=WAIT)


# --- the review queue ------------------------------------------------------------------------------------


def test_reviewer_approves_an_enrolment_the_applicant_then_logs_in_with(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    live_server: LiveServer,
    runner: TaskRunner,
    staff_window: Callable[[str], MainWindow],
) -> None:
    window = staff_window("cs_reviewer")
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["审核队列"]
    page = window.page("审核队列")
    assert isinstance(page, QueuesPage)
    qtbot.waitUntil(lambda: page.page_data is not None and not page.busy, timeout=WAIT)
    assert page.queue_list.item(0).text() == "新生报名审核（待审 1）"
    assert page.status_combo.currentText() == "待审核（1）"
    item = page.selected()
    assert item is not None and item.name == DEMO_APPLICANT.name
    assert page.action_buttons["approve"].isEnabled()
    qtmodeltester.check(page.items)

    page.action_buttons["approve"].click()
    assert page.page_data is not None and page.page_data.total == 1  # nothing sent before the question
    asked = say_yes(page)
    assert DEMO_APPLICANT.name in asked and item.reference in asked and "不能撤销" in asked
    qtbot.waitUntil(lambda: page.page_data is not None and page.page_data.total == 0 and not page.busy, timeout=WAIT)
    assert page.queue_list.item(0).text() == "新生报名审核（待审 0）"
    assert page.answer.message.startswith(f"已通过：{DEMO_APPLICANT.name}")
    page.status_combo.setCurrentIndex(page.status_combo.findData("approved"))
    page.status_combo.activated.emit(page.status_combo.currentIndex())
    qtbot.waitUntil(lambda: page.page_data is not None and page.page_data.status == "approved", timeout=WAIT)
    (approved,) = page.items.items
    assert approved.result is not None and approved.status_text == "已通过"

    # the applicant looks it up (新生报名 → 查询报名结果) and logs in with the exam_no issued
    applicant = ApiClient(live_server.url)
    enrol = EnrolDialog(applicant, runner)
    qtbot.addWidget(enrol)
    enrol.show()
    enrol.show_query(approved.reference, DEMO_APPLICANT.id_number)
    enrol.query_status()
    qtbot.waitUntil(lambda: enrol.query_result.isVisible(), timeout=WAIT)
    status = applicant.enrolment.status(approved.reference, DEMO_APPLICANT.id_number)
    assert status.status == "approved" and status.exam_no and approved.result.endswith(status.exam_no)
    assert f"准考证号：{status.exam_no}" in enrol.query_result.text()
    assert "审核通过" in enrol.query_result.text()
    login(applicant, status.exam_no)
    assert applicant.me.profile().name == DEMO_APPLICANT.name
    applicant.close()


def test_reviewer_returns_with_a_reason(
    qtbot: QtBot, client: ApiClient, staff_window: Callable[[str], MainWindow]
) -> None:
    window = staff_window("cs_reviewer")
    page = window.page("审核队列")
    assert isinstance(page, QueuesPage)
    qtbot.waitUntil(lambda: page.selected() is not None and not page.busy, timeout=WAIT)
    page.action_buttons["return"].click()
    dialog = open_dialog(qtbot, page, ReasonDialog)
    assert isinstance(dialog, ReasonDialog)
    dialog.ok_button.click()  # no reason: refused inline
    assert dialog.isVisible() and not dialog.error_label.isHidden()
    dialog.reason_edit.setPlainText("照片不是浅蓝色背景，请重新拍摄")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.page_data is not None and page.page_data.total == 0 and not page.busy, timeout=WAIT)
    counts = {s.status: s.count for s in page.page_data.statuses}
    assert counts["returned"] == 1
    item = client.staff.queue_items("enrolment", "returned").items[0]
    assert item.reason == "照片不是浅蓝色背景，请重新拍摄"


# --- administration ------------------------------------------------------------------------------------


def test_admin_browses_and_exports_the_audit_log(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path, staff_window: Callable[[str], MainWindow]
) -> None:
    window = staff_window("admin")
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["管理"]
    page = window.page("管理")
    assert isinstance(page, AdminPage)
    accounts, audit = page.accounts, page.audit
    qtbot.waitUntil(lambda: accounts.model.rowCount() >= 4 and audit.page_data is not None, timeout=WAIT)
    assert audit.model.rowCount() >= 1 and audit.action_combo.count() > 1
    qtmodeltester.check(accounts.model)
    qtmodeltester.check(audit.model)
    # an account changed: the answer replaces its row, the list is not read again
    requests = CountingRequests(window.client)
    row = next(i for i, a in enumerate(accounts.model.items) if a.username == "cs_clerk")
    accounts.table.selectRow(row)
    assert accounts.active_button.text() == "停用(&D)"
    accounts.active_button.click()
    qtbot.waitUntil(lambda: not accounts.model.item(row).active and not accounts.runner.busy, timeout=WAIT)
    assert requests.calls == [("PATCH", f"/staff/accounts/{accounts.model.item(row).id}")]
    assert accounts.active_button.text() == "启用(&E)" and window.store.published == ["staff"]
    assert accounts.answer.message.startswith("已停用") and "cs_clerk" in accounts.answer.message

    audit.actor_edit.setText("admin")
    audit.search_button.click()
    qtbot.waitUntil(
        lambda: audit.page_data is not None and all(e.actor_text == "何建国（admin）" for e in audit.page_data.items),
        timeout=WAIT,
    )
    target = tmp_path / "audit.csv"
    audit.export_to(target)
    box = open_dialog(qtbot, audit, QMessageBox)
    assert isinstance(box, QMessageBox) and str(target) in box.text()
    box.accept()
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("时间,操作人")
    qtbot.waitUntil(lambda: not audit.runner.busy, timeout=WAIT)


def test_logout_leaves_nothing_of_the_examinee_behind(
    qtbot: QtBot, tmp_path: Path, live_server: LiveServer, controller: AppController
) -> None:
    dialog = type_login(qtbot, controller, live_server.url, "cs_clerk", DEMO_PASSWORD, kind="staff")
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=WAIT)
    window = controller.main_window
    assert window is not None and window.user_session.is_staff
    counter = counter_of(window)
    find_examinee(qtbot, counter, PLAIN.exam_no)
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=WAIT)
    with qtbot.waitSignal(controller.logged_out, timeout=WAIT):
        window.logout_action.trigger()
    qtbot.waitUntil(lambda: not shiboken6.isValid(counter), timeout=WAIT)  # the console and its data are gone
    assert dialog.isVisible() and dialog.account_edit.text() != PLAIN.exam_no
    controller.settings.sync()
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.name.startswith(live_server.db_path.name):  # the server's own database
            data = path.read_bytes()
            for trace in (PLAIN.exam_no, PLAIN.name, PLAIN.id_number):
                assert trace.encode() not in data, f"{trace} left in {path.name}"


# --- a refusal keeps the dialog and what was typed -----------------------------------------------------------


def test_a_mismatch_keeps_the_verify_dialog_with_what_was_typed(
    qtbot: QtBot, staff_window: Callable[[str], MainWindow]
) -> None:
    counter = counter_of(staff_window("cs_clerk"))
    find_examinee(qtbot, counter, LOCKED.exam_no)
    counter.verify_button.click()
    dialog = open_dialog(qtbot, counter, VerifyDialog)
    assert isinstance(dialog, VerifyDialog)
    dialog.id_edit.setText(LOCKED.id_number)
    dialog.name_edit.setText("张冠李")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.working and dialog.errors.message != "", timeout=WAIT)
    assert dialog.isVisible()
    assert "姓名与考籍记录不一致" in dialog.errors.message
    assert dialog.errors.marked() == ["name"]  # the field that does not match, not the ID number
    assert (dialog.id_edit.text(), dialog.name_edit.text()) == (LOCKED.id_number, "张冠李")
    assert counter.record is not None and counter.record.verified_until is None
    assert not [b for b in counter.findChildren(QMessageBox) if b.isVisible()]  # said in the dialog, once

    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Backspace)  # editing the marked field takes the mark off
    assert dialog.errors.marked() == [] and dialog.errors.message == ""
    dialog.name_edit.setText(LOCKED.name)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: counter.record is not None and counter.record.verified_until is not None, timeout=WAIT)
    assert not dialog.isVisible() if shiboken6.isValid(dialog) else True


def test_a_refused_new_staff_account_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot, staff_window: Callable[[str], MainWindow]
) -> None:
    page = staff_window("admin").page("管理")
    assert isinstance(page, AdminPage)
    accounts = page.accounts
    qtbot.waitUntil(lambda: accounts.model.rowCount() >= 4 and not accounts.runner.busy, timeout=WAIT)
    before = accounts.model.rowCount()
    accounts.create_button.click()
    dialog = open_dialog(qtbot, accounts, CreateStaffDialog)
    assert isinstance(dialog, CreateStaffDialog)
    dialog.username_edit.setText("cs_clerk")  # taken
    dialog.name_edit.setText("王晓梅")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("reviewer"))
    dialog.prefecture_combo.setCurrentIndex(2)
    prefecture = dialog.prefecture_combo.currentData()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.working and dialog.errors.message != "", timeout=WAIT)
    assert dialog.isVisible()
    assert "已被使用" in dialog.errors.message and "username" not in dialog.errors.message
    assert dialog.errors.marked() == ["username"] and dialog.username_edit.hasFocus()
    assert (dialog.username_edit.text(), dialog.name_edit.text()) == ("cs_clerk", "王晓梅")
    assert (dialog.role_combo.currentData(), dialog.prefecture_combo.currentData()) == ("reviewer", prefecture)
    assert accounts.model.rowCount() == before

    dialog.username_edit.setText("wang_xiaomei")
    dialog.ok_button.click()
    secret = open_dialog(qtbot, accounts, SecretDialog)
    assert isinstance(secret, SecretDialog) and "王晓梅" in secret.findChild(QLabel).text()
    qtbot.waitUntil(lambda: accounts.model.rowCount() == before + 1, timeout=WAIT)
    secret.reject()


def test_resetting_a_staff_password_asks_first(qtbot: QtBot, staff_window: Callable[[str], MainWindow]) -> None:
    page = staff_window("admin").page("管理")
    assert isinstance(page, AdminPage)
    accounts = page.accounts
    qtbot.waitUntil(lambda: accounts.model.rowCount() >= 4 and not accounts.runner.busy, timeout=WAIT)
    row = next(i for i, a in enumerate(accounts.model.items) if a.username == "cs_clerk")
    accounts.table.selectRow(row)
    accounts.reset_button.click()
    asked = say_yes(accounts)
    assert "cs_clerk" in asked and "原密码随即失效" in asked
    secret = open_dialog(qtbot, accounts, SecretDialog)
    assert isinstance(secret, SecretDialog) and secret.value_label.text()
    secret.reject()
