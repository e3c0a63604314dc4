"""Small things a person sees (issue 17's "small but visible"), each against the real backend."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOptionHeader, QTableView, QWidget
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.api.types import Order
from desktop.core.tasks import TaskRunner
from desktop.views.registration import RegistrationPage
from desktop.views.widgets.sort_arrows import SortArrowStyle
from tests.fixtures.accounts import examinee_client
from tests.fixtures.registration import home_site_id, key, set_phase, upcoming
from tests.fixtures.servers import LiveServer

WAIT = 15_000


def _pay_for(client: ApiClient, codes: list[str]) -> Order:
    order = client.registration.create_order(home_site_id(client), codes, key())
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    assert client.payplatform.confirm(payment.payment_no, "alipay").status == "paid"
    return client.registration.order(order.order_no)


def test_admission_ticket_lists_saturday_before_sunday(live_server: LiveServer) -> None:
    """Two orders, the Sunday course paid first: the ticket still runs by day and hour."""
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    session = upcoming(client)
    by_slot: dict[str, str] = {}
    for course in client.registration.courses():
        if course.registrable and course.slot:
            by_slot.setdefault(course.slot, course.code)
    assert {"SAT_AM", "SUN_PM"} <= set(by_slot)
    _pay_for(client, [by_slot["SUN_PM"]])
    _pay_for(client, [by_slot["SAT_AM"]])
    live_server.client().mock.set_clock(session.ticket_print_open + timedelta(hours=10), frozen=True)
    client = examinee_client(live_server, "new")
    ticket = client.exams.ticket()
    assert [c.slot for c in ticket.courses] == ["SAT_AM", "SUN_PM"]
    assert [(c.date, c.start) for c in ticket.courses] == sorted((c.date, c.start) for c in ticket.courses)


# --- the sort arrow -----------------------------------------------------------------------------------------


class _Recording(QProxyStyle):
    """Fusion, noting which arrow the header asked for."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.arrows: list[QStyleOptionHeader.SortIndicator] = []

    def drawPrimitive(self, element, option, painter, widget=None):  # type: ignore[no-untyped-def]
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            self.arrows.append(option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


@pytest.mark.parametrize(
    ("order", "arrow", "first"),
    [
        (Qt.SortOrder.DescendingOrder, QStyleOptionHeader.SortIndicator.SortDown, "2026年10月"),
        (Qt.SortOrder.AscendingOrder, QStyleOptionHeader.SortIndicator.SortUp, "2024年4月"),
    ],
)
def test_sort_arrow_points_the_way_the_list_runs(
    qtbot: QtBot, order: Qt.SortOrder, arrow: QStyleOptionHeader.SortIndicator, first: str
) -> None:
    recording = _Recording()
    style = SortArrowStyle(recording)
    model = QStandardItemModel()
    for session in ("2025年4月", "2026年10月", "2024年4月"):
        model.appendRow([QStandardItem(session)])
    model.setHorizontalHeaderLabels(["考次"])
    table = QTableView()
    qtbot.addWidget(table)
    table.setStyle(style)
    table.horizontalHeader().setStyle(style)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(0, order)
    table.show()
    table.horizontalHeader().grab()
    assert model.item(0).text() == first  # newest first: the arrow points down
    assert recording.arrows and set(recording.arrows) == {arrow}


# --- 报名报考: the course list before registration opens, 我的订单 ------------------------------------------


def _open_registration(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> RegistrationPage:
    page = RegistrationPage(client, runner)
    qtbot.addWidget(page)
    page.resize(1000, 720)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None and not page.loading, timeout=WAIT)
    return page


def test_course_list_says_once_that_registration_has_not_opened(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    set_phase(live_server.client(), "before")
    client = examinee_client(live_server, "midway")
    page = _open_registration(qtbot, client, runner)
    overview = page.overview
    assert overview is not None and not overview.can_register and overview.reason
    assert page.reason_label.isVisibleTo(page) and page.reason_label.text() == overview.reason  # said once, above
    model = page.course_model
    notes = [str(model.data(model.index(row, model.NOTE))) for row in range(model.rowCount())]
    assert len(notes) > 3 and overview.reason not in notes
    assert not any(overview.reason in note for note in notes)
    # per-row facts stay: a passed or not-offered course still says so
    facts = [c for c in model.courses if c.status in ("passed", "exempted", "not_offered", "theory_not_passed")]
    assert facts and all(notes[model.row_of(c.code)] == c.reason for c in facts)
    tip = model.data(model.index(model.row_of(model.courses[0].code), model.NOTE), Qt.ItemDataRole.ToolTipRole)
    assert tip  # the reason is still at hand, in the tooltip


def test_my_orders_open_on_the_most_relevant_order(qtbot: QtBot, live_server: LiveServer, runner: TaskRunner) -> None:
    set_phase(live_server.client(), "phase2")
    client = examinee_client(live_server, "new")
    by_slot: dict[str, str] = {}
    for course in client.registration.courses():
        if course.registrable and course.slot:
            by_slot.setdefault(course.slot, course.code)
    paid = _pay_for(client, [by_slot["SAT_AM"]])
    pending = client.registration.create_order(home_site_id(client), [by_slot["SUN_AM"]], key())
    page = _open_registration(qtbot, client, runner)
    page.show_orders()
    view = page.orders_view
    qtbot.waitUntil(lambda: view.orders_model.rowCount() == 2, timeout=WAIT)
    shown = page.detail_panel.order
    assert shown is not None and shown.order_no == pending.order_no  # still to be paid: shown first
    assert not view.detail_hint.isVisibleTo(view)
    rows = view.orders_table.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [view.orders_model.row_of(pending.order_no)]
    assert paid.order_no != pending.order_no


# --- one name each ------------------------------------------------------------------------------------------


def test_login_title_names_the_program_once(qtbot: QtBot, runner: TaskRunner) -> None:
    """Qt adds the display name to a title unless the title ends with it: it must end with it, once."""
    from desktop.shell.app import DISPLAY_NAME
    from desktop.views.login_dialog import LoginDialog

    dialog = LoginDialog(runner)
    qtbot.addWidget(dialog)
    title = dialog.windowTitle()
    assert title.endswith(DISPLAY_NAME) and title.count(DISPLAY_NAME) == 1 and "登录" in title


def test_tester_panel_has_one_name_in_menu_and_toolbar(qtbot: QtBot) -> None:
    from desktop.views.tester.action import TITLE, tester_action
    from desktop.views.tester.texts import TITLE as PANEL_TITLE

    owner = QWidget()
    qtbot.addWidget(owner)
    action = tester_action(owner)
    assert action.iconText() == TITLE == PANEL_TITLE == "测试人员控制台"
    assert action.text().startswith(TITLE)


# --- 报考历史 of past sessions ------------------------------------------------------------------------------


def test_history_shows_the_site_and_amount_of_past_sessions(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    from desktop.core.clock import ServerClock
    from desktop.views.exams.page import ExamsPage

    client = examinee_client(live_server, "midway")
    clock = ServerClock()
    client.on_server_time = clock.sync
    page = ExamsPage(client, runner, clock=clock)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: page.timetable is not None and not page.loading, timeout=WAIT)
    model = page.history_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    site_col, amount_col = headers.index("考点"), headers.index("缴费金额（元）")
    assert model.rowCount() >= 3
    for row in range(model.rowCount()):
        session = model.item(row)
        written = [c for c in session.courses if c.slot]
        assert written, session.session_code
        assert model.index(row, site_col).data() not in ("—", "", None), session.session_code
        amount = model.index(row, amount_col).data()
        assert amount not in ("—", "", None) and float(amount) >= 48 * len(written), (session.session_code, amount)
