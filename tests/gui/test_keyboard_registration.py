"""Registering for two courses and paying with the keyboard only (docs/accessibility.md), against the
real backend and its demo payment platform: Tab to the course list, arrows and Space to tick,
确认报考, 提交订单, 去支付, 确认支付."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.views.registration.confirm_dialog import ConfirmOrderDialog
from desktop.views.registration.payment_dialog import PaymentDialog
from tests.fixtures.keyboard import WAIT_MS, alt, press, tab_to, wait_for_focus_in, window_manager_returns_to
from tests.fixtures.registration import charges, set_phase
from tests.fixtures.registration_page import RegistrationEnv, order_status, two_courses

pytestmark = pytest.mark.gui


def arrow_to_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    """Up/Down in the focused table until ``row`` is the current row."""
    for _ in range(table.model().rowCount() + 1):
        current = table.currentIndex().row()
        if current == row:
            return
        press(qtbot, Qt.Key.Key_Down if current < row else Qt.Key.Key_Up)
    raise AssertionError(f"the arrows never reach row {row}")


def test_register_and_pay_with_keys_only(qtbot: QtBot, registration_env: RegistrationEnv) -> None:
    set_phase(registration_env.tester, "phase2")
    page = registration_env.open_page()
    window_manager_returns_to(qtbot, page)
    qtbot.waitUntil(lambda: page.site_picker.current_site() is not None, timeout=WAIT_MS)

    table = page.course_picker.table
    tab_to(qtbot, table)
    codes = two_courses(page)
    for code in codes:
        arrow_to_row(qtbot, table, page.course_model.row_of(code))
        press(qtbot, Qt.Key.Key_Space)
    assert sorted(page.course_model.selected_codes()) == sorted(codes)
    assert page.fee_total.text() == "合计：116.00元"

    tab_to(qtbot, page.confirm_button)
    press(qtbot, Qt.Key.Key_Space)  # 确认报考
    dialog = wait_for_focus_in(qtbot, ConfirmOrderDialog)
    press(qtbot, Qt.Key.Key_Return)  # 提交订单 is the default button
    qtbot.waitUntil(lambda: page.current_panel.order is not None and not page.busy, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)
    order = page.current_panel.order
    assert order is not None and order.status == "pending"

    window_manager_returns_to(qtbot, page)
    panel = page.current_panel
    tab_to(qtbot, panel.pay_button)
    press(qtbot, Qt.Key.Key_Space)  # 去支付
    cashier = wait_for_focus_in(qtbot, PaymentDialog)
    assert isinstance(cashier, PaymentDialog) and cashier.amount_label.text() == "¥ 116.00"
    with qtbot.waitSignal(cashier.paid, timeout=WAIT_MS):
        alt(qtbot, "P")  # 确认支付(&P)
    qtbot.waitUntil(lambda: order_status(page, order.order_no) == "paid", timeout=WAIT_MS)
    assert panel.status_badge.text() == "已缴费"
    assert len(charges(registration_env.server)) == 1
