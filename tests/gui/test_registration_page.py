"""报名报考 end to end through the widgets, against a real mock backend over HTTP.

The server clock is frozen inside the upcoming session's registration window before the examinee
logs in (moving the clock by months would end a login).  Payments go through the real
``PaymentDialog`` and the mock payment platform; the database is read to check that nothing was
charged or ordered twice.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QGroupBox, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.api.mock import FAULT_ERROR, FaultRule
from desktop.api.types import PaymentFaults
from desktop.core.clock import BEIJING
from desktop.core.timefmt import datetime_text
from desktop.views.registration import RegistrationPage
from desktop.views.registration.texts import PAYING_GUARD, POLL_TIMED_OUT
from tests.fixtures.accounts import login
from tests.fixtures.documents import pdf_text
from tests.fixtures.registration import charges, deliver, set_capacity, set_phase
from tests.fixtures.registration_page import (
    NEW,
    RegistrationEnv,
    choose,
    confirm_order,
    open_payment,
    order_status,
    orders_in_db,
    payments_in_db,
    tick_with_space,
    two_courses,
)

pytestmark = pytest.mark.gui

WAIT = 15_000


# --- helpers ---------------------------------------------------------------------------------------


def visible_texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


# --- the whole way -----------------------------------------------------------------------------------


def test_register_two_courses_pay_and_save_the_receipt(
    qtbot: QtBot, registration_env: RegistrationEnv, tmp_path: Path
) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    overview = page.overview
    assert overview is not None and overview.phase == "phase2"

    # the window and phase
    assert page.window_label.text().startswith(f"{overview.session_name}考试 报考时间 ")
    assert "第一阶段（仅限本市州考点）至" in page.window_label.text()
    assert page.phase_label.text().startswith("当前为第二阶段")

    # every plan course with whether it can be registered now and if not why
    model = page.course_model
    notes = {c.code: model.data(model.index(i, model.NOTE)) for i, c in enumerate(model.courses)}
    blocked = [c for c in model.courses if not c.registrable]
    assert blocked, "the first-timer's practice courses wait for their theory courses"
    for c in blocked:
        assert notes[c.code] == c.reason and "理论课" in notes[c.code]

    # a site in another prefecture (phase 2 allows any)
    picker = page.site_picker
    assert picker.prefecture_combo.count() == 14 and picker.prefecture_combo.isEnabled()
    assert picker.prefecture_combo.currentData() == overview.home_prefecture_code
    picker.prefecture_combo.setCurrentIndex(picker.prefecture_combo.findData("4302"))
    qtbot.waitUntil(lambda: getattr(picker.current_site(), "prefecture_code", None) == "4302", timeout=WAIT)
    site = picker.current_site()
    assert site is not None and f"余座 {site.seats_left}" in picker.site_combo.currentText()

    codes = two_courses(page)
    choose(qtbot, page, codes)
    assert page.fee_total.text() == "合计：116.00元"  # 2 × 48.00 + 20.00
    assert "48.00元 × 2门" in page.fee_lines.text() and "考籍证工本费" in page.fee_lines.text()
    filled = [slot for slot, cell in page.slot_grid.cells.items() if cell.text() != "空"]
    assert len(filled) == 2
    for code in codes:
        course = model.course(model.row_of(code))
        assert course.name in page.slot_grid.text_of(course.slot or "")

    order_no = confirm_order(qtbot, page)
    panel = page.current_panel
    assert panel.status_badge.text() == "待支付"
    assert panel.pay_button.isVisible() and panel.cancel_button.isVisible()
    assert "内完成支付" in panel.status_label.text()
    assert model.selected_codes() == []  # the choice went into the order
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT)
    assert page.site_picker.fixed  # all courses of the session at this site now
    assert page.site_picker.current_site().id == site.id  # type: ignore[union-attr]

    dialog = open_payment(qtbot, page, "wechat")
    texts = visible_texts(dialog)
    assert dialog.amount_label.text() == "¥ 116.00"
    assert "湖南省教育考试院" in texts and "自学考试报考费" in texts and order_no in texts
    assert dialog.channel == "wechat"
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: order_status(page, order_no) == "paid", timeout=WAIT)
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT)

    assert panel.status_badge.text() == "已缴费"
    assert not panel.guard_shown and not panel.pay_button.isVisible()
    assert panel.save_button.isVisible() and panel.print_button.isVisible()
    assert "缴费成功" in panel.status_label.text()
    assert len(charges(registration_env.server)) == 1

    # 我的订单 lists the order and the two paid courses
    page.show_orders()
    assert page.orders_model.row_of(order_no) == 0
    assert sorted(r.course_code for r in page.registrations_model.items) == sorted(codes)
    assert page.orders_view.select_order(order_no)
    assert page.detail_panel.order is not None and page.detail_panel.order.status == "paid"

    # 保存回执单(PDF) through the (non-blocking) file dialog
    target = tmp_path / "回执单.pdf"
    file_dialog = page.save_receipt(order_no)
    assert isinstance(file_dialog, QFileDialog) and file_dialog.isVisible()
    file_dialog.selectFile(str(target))
    with qtbot.waitSignal(page.receipt_saved, timeout=WAIT):
        file_dialog.accept()
    assert target.exists()
    assert "回执单已保存" in page.detail_panel.note_label.text()
    text = pdf_text(target)
    profile = registration_env.clients[0].me.profile()
    order = page.order(order_no)
    assert order is not None and order.paid_at is not None
    for expected in (
        "湖南省高等教育自学考试",
        "报考回执单",
        profile.name,
        profile.exam_no,
        profile.id_number_masked,
        f"{overview.session_name}高等教育自学考试",
        order.site_name,
        order.site_address,
        *codes,
        *(i.course_name for i in order.items),
        *(i.slot_label for i in order.items),
        "48.00",
        "20.00",
        "116.00",
        order_no,
        f"{order.paid_at.year}年{order.paid_at.month}月{order.paid_at.day}日{order.paid_at:%H:%M}",
    ):
        assert re.sub(r"\s+", "", unicodedata.normalize("NFKC", expected)) in text, expected


def test_receipt_prints_through_the_print_dialog_and_a_printer_failure_is_explained(
    qtbot: QtBot, registration_env: RegistrationEnv, tmp_path: Path
) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page)[:1])
    order_no = confirm_order(qtbot, page)
    dialog = open_payment(qtbot, page)
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()
    qtbot.waitUntil(lambda: order_status(page, order_no) == "paid", timeout=WAIT)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    page.printer_override = printer
    qtbot.mouseClick(page.current_panel.print_button, Qt.MouseButton.LeftButton)
    # the profile (name, ID number) is asked for the first time a receipt needs it
    qtbot.waitUntil(lambda: page.print_dialog is not None, timeout=WAIT)
    print_dialog = page.print_dialog
    assert isinstance(print_dialog, QPrintDialog) and print_dialog.isVisible()
    print_dialog.accept()
    assert "报考回执单" in pdf_text(tmp_path / "printed.pdf")


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_failure_says_so_and_offers_the_pdf(
    qtbot: QtBot, registration_env: RegistrationEnv, tmp_path: Path
) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page)[:1])
    order_no = confirm_order(qtbot, page)
    dialog = open_payment(qtbot, page)
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()
    qtbot.waitUntil(lambda: order_status(page, order_no) == "paid", timeout=WAIT)

    broken = QPrinter(QPrinter.PrinterMode.HighResolution)
    broken.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    broken.setOutputFileName(str(tmp_path / "no such folder" / "x.pdf"))
    page.printer_override = broken
    page.print_receipt(order_no)
    qtbot.waitUntil(lambda: page.print_dialog is not None, timeout=WAIT)
    assert isinstance(page.print_dialog, QPrintDialog)
    page.print_dialog.accept()
    box = next(b for b in page.findChildren(QMessageBox) if b.objectName() == "printFailedBox")
    assert box.isVisible() and box.text().startswith("打印失败")
    save_instead = next(b for b in box.findChildren(QAbstractButton) if b.objectName() == "savePdfInsteadButton")
    save_instead.click()
    file_dialog = page.file_dialog
    assert file_dialog is not None and file_dialog.isVisible()
    target = tmp_path / "instead.pdf"
    file_dialog.selectFile(str(target))
    with qtbot.waitSignal(page.receipt_saved, timeout=WAIT):
        file_dialog.accept()
    assert "报考回执单" in pdf_text(target)


# --- never twice ----------------------------------------------------------------------------------------


def test_delayed_notification_shows_the_paying_guard_and_no_pay_button(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2")
    registration_env.tester.mock.set_payment_faults(PaymentFaults(delay_seconds=30))
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page))
    order_no = confirm_order(qtbot, page)
    dialog = open_payment(qtbot, page)
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()

    # the platform has the money, the notification is 30 s away: 交费中, "请勿重复支付", no pay button
    panel = page.current_panel
    assert panel.status_badge.text() == "交费中"
    assert panel.guard_shown and panel.guard_label.text() == PAYING_GUARD
    assert not panel.pay_button.isVisible() and not panel.cancel_button.isVisible()
    assert not panel.channel_box.isVisible()
    assert page.polling(order_no)
    assert "每2秒自动刷新" in panel.status_label.text()

    # polling: the order stays 交费中 while the notification is on its way
    poller = page.pollers[order_no]
    qtbot.waitUntil(lambda: poller.looks >= 2, timeout=WAIT)
    assert order_status(page, order_no) == "paying"
    assert panel.guard_shown and not panel.pay_button.isVisible()

    # the notification arrives: the next look shows 已缴费
    assert deliver(registration_env.tester) == 1
    qtbot.waitUntil(lambda: order_status(page, order_no) == "paid", timeout=WAIT)
    assert not page.polling(order_no)
    assert not panel.guard_shown and panel.status_badge.text() == "已缴费"
    assert len(charges(registration_env.server)) == 1


def test_a_second_window_sees_the_payment_in_progress_polls_then_offers_a_refresh(
    qtbot: QtBot, registration_env: RegistrationEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two program windows: the pay page is open in one; the other shows 交费中 and cannot pay."""
    monkeypatch.setattr(RegistrationPage, "POLL_INTERVAL_MS", 200)
    monkeypatch.setattr(RegistrationPage, "POLL_DURATION_MS", 1200)
    set_phase(registration_env.tester, "phase2")
    first = registration_env.open_page()
    choose(qtbot, first, two_courses(first))
    order_no = confirm_order(qtbot, first)
    dialog = open_payment(qtbot, first)  # the payment has started: the order is 交费中 on the server

    second = registration_env.open_page()
    panel = second.current_panel
    assert panel.order is not None and panel.order.order_no == order_no
    assert panel.status_badge.text() == "交费中"
    assert panel.guard_shown and not panel.pay_button.isVisible()
    assert second.polling(order_no)  # resumed on opening
    qtbot.waitUntil(lambda: not second.polling(order_no), timeout=WAIT)
    assert panel.status_label.text() == POLL_TIMED_OUT
    assert panel.refresh_button.isVisible()
    assert panel.guard_shown  # still: the result is unknown

    # a second payment of the order is refused by the server, and shown as the server says it
    second.start_payment(order_no, "alipay")
    qtbot.waitUntil(lambda: not panel.error_label.isHidden(), timeout=WAIT)
    assert panel.error_label.text().startswith("无法发起支付：")
    qtbot.waitUntil(lambda: order_no not in second._busy_orders, timeout=WAIT)

    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: order_status(second, order_no) == "paid", timeout=WAIT)
    assert panel.status_badge.text() == "已缴费" and not panel.guard_shown
    qtbot.waitUntil(lambda: order_status(first, order_no) == "paid", timeout=WAIT)
    assert len(charges(registration_env.server)) == 1
    assert len(payments_in_db(registration_env.server)) == 1


def test_program_killed_after_paying_shows_paid_after_restart_with_one_charge(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2")
    registration_env.tester.mock.set_payment_faults(PaymentFaults(lost=True))  # the notification never comes
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page))
    order_no = confirm_order(qtbot, page)
    dialog = open_payment(qtbot, page)
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()
    registration_env.kill(page)  # the program dies before it saw the result
    registration_env.runner.wait()

    restarted = registration_env.open_page()  # a new program: new client, new login
    panel = restarted.current_panel
    # no result yet (the server asks the platform once the notification is overdue): the guard, polling
    assert order_status(restarted, order_no) == "paying"
    assert panel.guard_shown and not panel.pay_button.isVisible()
    assert restarted.polling(order_no)
    # the notification is overdue: reading the order makes the server ask the platform
    registration_env.tester.mock.set_clock(
        advance_seconds=registration_env.server.settings.payment_query_after_seconds + 1, frozen=True
    )
    qtbot.waitUntil(lambda: order_status(restarted, order_no) == "paid", timeout=WAIT)
    assert panel.order is not None and panel.order.order_no == order_no
    assert panel.status_badge.text() == "已缴费" and not panel.pay_button.isVisible()
    assert len(charges(registration_env.server)) == 1
    assert len(payments_in_db(registration_env.server)) == 1
    rows = orders_in_db(registration_env.server, NEW.exam_no)
    assert [r.status.value for r in rows] == ["paid"]


def test_double_clicking_confirm_creates_one_order(qtbot: QtBot, registration_env: RegistrationEnv) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page))
    qtbot.mouseDClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    dialogs = [d for d in page.findChildren(QWidget) if d.objectName() == "confirmOrderDialog" and d.isVisible()]
    assert len(dialogs) == 1
    dialog = page.confirm_dialog
    assert dialog is not None
    qtbot.mouseDClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # the intent is sent again while the first is on its way: ignored
    site = page.site_picker.current_site()
    assert site is not None
    page.submit_order(site.id, two_courses(page))
    assert not page.confirm_button.isEnabled() and page.confirm_button.text() == "正在提交订单…"
    qtbot.waitUntil(lambda: page.current_panel.order is not None and not page.busy, timeout=WAIT)
    assert len(orders_in_db(registration_env.server, NEW.exam_no)) == 1
    assert page.orders_model.rowCount() == 1


def test_a_timeout_is_retried_with_the_same_key_and_makes_one_order(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2")
    slow = registration_env.client(timeout=(3.05, 1.5))  # under 2 s of injected latency, over a loaded login
    login(slow, NEW.exam_no)
    page = registration_env.open_page(client=slow)
    codes = two_courses(page)
    choose(qtbot, page, codes)
    registration_env.tester.mock.set_latency(2000)  # the answer comes after the client stopped waiting
    confirm_order_dialog = page.open_confirm()
    assert confirm_order_dialog is not None
    confirm_order_dialog.accept()
    qtbot.waitUntil(lambda: page.retry_create_button.isVisible(), timeout=WAIT)
    assert "重新提交" in page.create_error_text and "不会重复下单" in page.create_error_text
    intent = page._create_intent
    assert intent is not None
    registration_env.tester.mock.set_latency(0)
    qtbot.wait(1500)  # the first request is still being handled by the server meanwhile
    qtbot.mouseClick(page.retry_create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_panel.order is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    rows = orders_in_db(registration_env.server, NEW.exam_no)
    assert len(rows) == 1  # the retry was answered with the order of the first attempt
    assert page.current_panel.order is not None and page.current_panel.order.order_no == rows[0].order_no


# --- what can be chosen ---------------------------------------------------------------------------------


def test_phase1_offers_only_the_home_prefecture(qtbot: QtBot, registration_env: RegistrationEnv) -> None:
    set_phase(registration_env.tester, "phase1")
    page = registration_env.open_page()
    overview = page.overview
    assert overview is not None and overview.phase == "phase1"
    combo = page.site_picker.prefecture_combo
    assert combo.count() == 1 and combo.currentData() == overview.home_prefecture_code == NEW.county_code[:4]
    assert not combo.isEnabled()
    assert "第一阶段只能选择本市州" in page.site_picker.hint_label.text()
    assert page.phase_label.text().startswith("当前为第一阶段")
    qtbot.waitUntil(lambda: page.site_picker.current_site() is not None, timeout=WAIT)
    assert all(s.prefecture_code == overview.home_prefecture_code for s in page.site_picker.loaded_sites())


def test_a_course_whose_slot_is_taken_cannot_be_chosen_and_says_why(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    model = page.course_model
    by_slot: dict[str, list[str]] = {}
    for c in model.courses:
        if c.registrable and c.slot:
            by_slot.setdefault(c.slot, []).append(c.code)
    slot, (first, second, *_) = next((s, codes) for s, codes in by_slot.items() if len(codes) >= 2)
    tick_with_space(qtbot, page, first)
    tick_with_space(qtbot, page, second)  # refused
    assert model.selected_codes() == [first]
    note = model.data(model.index(model.row_of(second), model.NOTE))
    first_name = model.course(model.row_of(first)).name
    assert note.startswith("考试时间冲突") and first_name in note
    flags = model.flags(model.index(model.row_of(second), 0))
    assert not flags & Qt.ItemFlag.ItemIsUserCheckable
    assert first_name in page.slot_grid.text_of(slot)


def test_before_the_window_it_says_when_it_opens(qtbot: QtBot, registration_env: RegistrationEnv) -> None:
    set_phase(registration_env.tester, "before")
    page = registration_env.open_page()
    overview = page.overview
    assert overview is not None and not overview.can_register
    assert page.phase_label.text().startswith("报考尚未开始，将于")
    assert page.reason_label.isVisibleTo(page) and page.reason_label.text() == overview.reason
    assert not page.confirm_button.isEnabled()
    assert not page.site_picker.site_combo.isEnabled()
    model = page.course_model
    assert not any(model.state(row).selectable for row in range(model.rowCount()))


def test_after_the_window_it_says_it_is_closed(qtbot: QtBot, registration_env: RegistrationEnv) -> None:
    set_phase(registration_env.tester, "closed")
    page = registration_env.open_page()
    assert "报考已于" in page.phase_label.text() and "结束" in page.phase_label.text()
    assert not page.confirm_button.isEnabled()


def test_a_full_site_is_refused_with_the_servers_message(qtbot: QtBot, registration_env: RegistrationEnv) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page))
    site = page.site_picker.current_site()
    assert site is not None
    set_capacity(registration_env.server, site.id, 0)  # someone took the last seat meanwhile
    order_dialog = page.open_confirm()
    assert order_dialog is not None
    order_dialog.accept()
    qtbot.waitUntil(lambda: bool(page.create_error_text), timeout=WAIT)
    assert page.create_error_text.startswith("报考未成功：")
    assert "座" in page.create_error_text or "满" in page.create_error_text
    assert not page.retry_create_button.isVisible()  # not a network problem: no retry of the same
    qtbot.waitUntil(lambda: not page.busy and not page.site_picker.loading, timeout=WAIT)
    assert orders_in_db(registration_env.server, NEW.exam_no) == []


def test_cancel_an_unpaid_order(qtbot: QtBot, registration_env: RegistrationEnv) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page))
    order_no = confirm_order(qtbot, page)
    qtbot.mouseClick(page.current_panel.cancel_button, Qt.MouseButton.LeftButton)
    box = page.message_box
    assert box is not None and box.isVisible() and order_no in box.text()
    yes = next(b for b in box.buttons() if b.text().startswith("取消订单"))
    yes.click()
    qtbot.waitUntil(lambda: order_status(page, order_no) == "closed", timeout=WAIT)
    panel = page.current_panel
    assert panel.status_badge.text() == "已关闭"
    assert "考生已取消订单" in panel.status_label.text()
    assert not panel.pay_button.isVisible()
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT)
    assert not page.site_picker.fixed  # the seat went back, another site may be chosen


def test_closing_the_cashier_says_the_order_waits_and_until_when(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page))
    order_no = confirm_order(qtbot, page)
    dialog = open_payment(qtbot, page)
    panel = page.current_panel
    assert panel.note_label.text() == ""
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.payment_dialog is None and not page.busy, timeout=WAIT)
    order = page.order(order_no)
    assert order is not None and order.status == "pending"
    note = panel.note_label.text()
    assert note.startswith(f"已取消本次支付，订单 {order_no} 仍未支付")
    assert f"请在{datetime_text(order.expires_at)}前" in note and panel.note_label.isVisible()
    assert panel.pay_button.isVisible() and panel.pay_button.isEnabled()  # and it can be paid again


# --- keyboard -------------------------------------------------------------------------------------------


def test_mnemonics_are_unique_and_the_tab_order_follows_the_steps(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    page.sub_tabs.setCurrentIndex(0)
    keys: list[str] = []
    for widget in page.choose_tab.findChildren(QWidget):
        text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
        text = widget.title() if isinstance(widget, QGroupBox) else text
        if widget.isVisibleTo(page) and "&" in text:
            keys.append(re.search(r"&(\w)", text).group(1).upper())  # type: ignore[union-attr]
    keys += [re.search(r"&(\w)", page.sub_tabs.tabText(i)).group(1).upper() for i in range(2)]  # type: ignore[union-attr]
    assert len(keys) == len(set(keys)), keys
    assert {"Z", "X", "D", "K", "B", "J", "O"} <= set(keys)
    assert "S" not in keys and "M" not in keys  # the main window's menus 系统(&S) 功能(&M)

    order: list[QWidget] = []
    current: QWidget = page.site_picker.prefecture_combo
    for _ in range(12):
        following = current.nextInFocusChain()
        assert following is not None
        current = following
        order.append(current)
    site_index = order.index(page.site_picker.site_combo)
    assert order.index(page.course_picker.table) > site_index
    assert order.index(page.confirm_button) > order.index(page.course_picker.table)


# --- closing and refunds --------------------------------------------------------------------------------


def move_on(registration_env: RegistrationEnv, page: RegistrationPage, minutes: float) -> None:
    """Move the server clock on in steps shorter than the idle timeout, keeping the page's login alive."""
    left = minutes
    while left > 0:
        step = min(left, 20)
        registration_env.tester.mock.set_clock(advance_seconds=step * 60, frozen=True)
        page.client.auth.keep_alive()
        left -= step


def test_an_unpaid_order_closes_and_says_why(qtbot: QtBot, registration_env: RegistrationEnv) -> None:
    set_phase(registration_env.tester, "phase2", hour=10)
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page))
    order_no = confirm_order(qtbot, page)
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT)
    move_on(registration_env, page, 31)
    page.refresh()  # F5 (or the countdown reaching zero) asks the server, which closes the order
    qtbot.waitUntil(lambda: order_status(page, order_no) == "closed", timeout=WAIT)
    panel = page.current_panel
    assert panel.status_badge.text() == "已关闭"
    assert "超过30分钟未支付" in panel.status_label.text() and "座位已释放" in panel.status_label.text()
    assert not panel.pay_button.isVisible()
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT)
    assert not page.site_picker.fixed
    assert all(page.course_model.course(r).status != "in_order" for r in range(page.course_model.rowCount()))


def test_a_payment_after_the_order_closed_becomes_a_visible_refund(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2", hour=10)
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page))
    order_no = confirm_order(qtbot, page)
    dialog = open_payment(qtbot, page)
    move_on(registration_env, page, 31)  # the examinee leaves the payment page open for too long
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()  # the platform takes the money anyway
    qtbot.waitUntil(lambda: order_status(page, order_no) == "refunding", timeout=WAIT)
    panel = page.current_panel
    assert panel.status_badge.text() == "退款中"
    order = page.order(order_no)
    assert order is not None and order.refund is not None
    assert order.refund.refund_no in panel.status_label.text()
    assert "原路退回" in panel.status_label.text() and "116.00元" in panel.status_label.text()
    assert not panel.guard_shown and not panel.pay_button.isVisible()
    assert len(charges(registration_env.server)) == 1


def test_a_lost_answer_to_starting_the_payment_is_retried_with_the_same_key(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2")
    slow = registration_env.client(timeout=(3.05, 1.5))  # under 2 s of injected latency, over a loaded login
    login(slow, NEW.exam_no)
    page = registration_env.open_page(client=slow)
    choose(qtbot, page, two_courses(page))
    order_no = confirm_order(qtbot, page)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    panel = page.current_panel

    registration_env.tester.mock.set_latency(2000)
    qtbot.mouseClick(panel.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.error_label.isHidden(), timeout=WAIT)
    assert "同一次支付请求不会重复扣款" in panel.error_label.text()
    assert page.payment_dialog is None
    registration_env.tester.mock.set_latency(0)
    qtbot.wait(1500)  # the server is still handling the first request meanwhile

    panel.channel_buttons["unionpay"].setChecked(True)  # a different channel: still the same request
    qtbot.mouseClick(panel.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible(), timeout=WAIT)
    dialog = page.payment_dialog
    assert dialog is not None and dialog.channel == "unionpay"  # chosen again on the payment page
    assert len(payments_in_db(registration_env.server)) == 1  # the retry got the payment of the first attempt
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()
    qtbot.waitUntil(lambda: order_status(page, order_no) == "paid", timeout=WAIT)
    assert len(charges(registration_env.server)) == 1


#: the screen's request answered once with "busy"
BUSY_ONCE = FaultRule("/registration/page", FAULT_ERROR, status=503, retry_after_seconds=0, times=1)


# --- the page's states (ModulePage) ------------------------------------------------------------------------


def test_a_failed_first_load_says_why_and_retries_and_a_failed_reload_keeps_the_screen(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    set_phase(registration_env.tester, "phase2")
    registration_env.tester.mock.set_faults([BUSY_ONCE])
    client = registration_env.client()
    login(client, NEW.exam_no)
    page = RegistrationPage(client, registration_env.runner)
    registration_env.pages.append(page)
    page.show()
    qtbot.waitUntil(lambda: page.state == "failed", timeout=WAIT)
    assert page.stack.currentWidget() is page.state_page
    text = page.state_label.text()
    assert text.startswith("报名报考加载失败：") and "503" not in text and "/registration" not in text
    assert page.retry_button.isVisible()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.state == "loaded", timeout=WAIT)
    assert page.stack.currentWidget() is page.content and page.overview is not None

    registration_env.tester.mock.set_faults([BUSY_ONCE])
    page.refresh()  # F5 while the server is busy: the screen stays, the banner says so
    qtbot.waitUntil(lambda: page.refresh_note.text().startswith("刷新失败："), timeout=WAIT)
    assert page.stack.currentWidget() is page.content
    assert "按 F5 重试" in page.refresh_note.text() and "503" not in page.refresh_note.text()
    page.refresh()
    qtbot.waitUntil(lambda: page.refresh_note.text() == "" and not page.loading, timeout=WAIT)


def test_the_countdown_and_every_time_are_the_servers_in_beijing_time(
    qtbot: QtBot, registration_env: RegistrationEnv
) -> None:
    """The server's clock is frozen months away from this machine's: the countdown follows the server."""
    set_phase(registration_env.tester, "phase2", hour=10)
    page = registration_env.open_page()
    choose(qtbot, page, two_courses(page)[:1])
    confirm_order(qtbot, page)
    order = page.current_panel.order
    assert order is not None
    left = order.expires_at - page.clock.now()
    assert 29 * 60 < left.total_seconds() <= 30 * 60  # not "closed long ago" by the machine's clock
    assert "29分" in page.current_panel.status_label.text() or "30分" in page.current_panel.status_label.text()
    until = order.expires_at.astimezone(BEIJING)
    assert f"{until.month}月{until.day}日 {until:%H:%M}前" in page.current_panel.status_label.text()
    assert "24:00" not in visible_texts(page)
