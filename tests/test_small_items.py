"""Small things a person sees (issue 17's "small but visible"), each against the real backend."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOptionHeader, QTableView
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.api.types import Order
from desktop.views.widgets.sort_arrows import SortArrowStyle
from tests.registration_helpers import examinee_client, home_site_id, key, set_phase, upcoming
from tests.servers import LiveServer


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
