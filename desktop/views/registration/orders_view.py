"""我的订单: every order and every paid course, of this and past sessions.

The orders table on top, the chosen order's details (an ``OrderPanel``) beside it, the paid
courses (registrations) under it.  The page fills the models and handles the panel's buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.api.types import Order
from desktop.i18n.tr import tr
from desktop.models.registration_models import OrderTableModel, RegistrationTableModel
from desktop.views.registration.order_panel import OrderPanel
from desktop.views.widgets.forms import buddy_label, hint
from desktop.views.widgets.tables import table_view

#: orders that still want something of the examinee (to pay, or to wait for the payment)
OPEN_STATUSES = ("pending", "paying")


class OrdersView(QWidget):
    order_selected = Signal(object)  # Order | None

    def __init__(
        self, orders: OrderTableModel, registrations: RegistrationTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersView")
        self.orders_model = orders
        self.registrations_model = registrations

        self.orders_table = table_view(
            orders,
            "ordersTable",
            accessible=tr("订单列表"),
            alternating=True,
            word_wrap=False,
            stretch=orders.COURSES_COLUMN,
        )
        self.orders_table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full text is in the tooltip
        self.orders_caption = buddy_label(tr("订单(&L)：选择一个订单查看详情"), self.orders_table)
        self.empty_label = hint(tr("您还没有订单。"), wrap=False)

        self.registrations_table = table_view(
            registrations,
            "registrationsTable",
            accessible=tr("已报考课程"),
            alternating=True,
            word_wrap=False,
            stretch=2,
        )
        for table in (self.orders_table, self.registrations_table):
            table.setTabKeyNavigation(False)  # Tab leaves the table (to the next control)
            table.horizontalHeader().setHighlightSections(False)
        self.registrations_caption = buddy_label(tr("已报考课程(&G)（已缴费，含以往考次）"), self.registrations_table)

        self.detail_panel = OrderPanel()
        self.detail_panel.setObjectName("orderDetailPanel")
        self.detail_hint = hint(tr("选择上方列表中的订单，这里显示订单详情。"))
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_hint)
        detail_layout.addWidget(self.detail_panel)
        detail_layout.addStretch(1)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setWidget(detail)
        detail_scroll.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 22)  # ~22 characters

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.orders_caption)
        top_layout.addWidget(self.empty_label)
        top_layout.addWidget(self.orders_table, 1)
        top_split = QSplitter(Qt.Orientation.Horizontal)
        top_split.addWidget(top)
        top_split.addWidget(detail_scroll)
        top_split.setStretchFactor(0, 3)
        top_split.setStretchFactor(1, 2)
        top_split.setChildrenCollapsible(False)
        self.top_split = top_split
        self._sized = False

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.registrations_caption)
        bottom_layout.addWidget(self.registrations_table, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top_split)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(split)

        self.orders_table.selectionModel().selectionChanged.connect(self._selection_changed)
        orders.modelReset.connect(self._models_changed)
        orders.rowsInserted.connect(self._models_changed)
        self._models_changed()
        QWidget.setTabOrder(self.orders_table, self.detail_panel)
        QWidget.setTabOrder(self.detail_panel, self.registrations_table)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the list gets 60 % of the width, once the layout has given it one
            self._sized = True
            QTimer.singleShot(0, self, self._split_sizes)

    def _split_sizes(self) -> None:
        width = self.top_split.width()
        self.top_split.setSizes([width * 3 // 5, width - width * 3 // 5])

    def _models_changed(self) -> None:
        self.empty_label.setVisible(self.orders_model.rowCount() == 0)
        if self.detail_panel.order is not None:
            row = self.orders_model.row_of(self.detail_panel.order.order_no)
            if row >= 0:
                self.detail_panel.set_order(self.orders_model.item(row))
                self.orders_table.selectRow(row)
                return
            self.detail_panel.set_order(None)
        first = self.most_relevant_row()
        if first >= 0:  # the detail pane never starts empty while there are orders
            self.orders_table.selectRow(first)
            return
        self.detail_hint.setVisible(self.detail_panel.order is None)

    def most_relevant_row(self) -> int:
        """The order to show first: the newest one still to be paid, else the newest (the list runs newest first)."""
        items = [self.orders_model.item(row) for row in range(self.orders_model.rowCount())]
        open_rows = [row for row, order in enumerate(items) if order.status in OPEN_STATUSES]
        return open_rows[0] if open_rows else (0 if items else -1)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.orders_table.selectionModel().selectedRows()
        order: Order | None = self.orders_model.item(rows[0].row()) if rows else None
        self.detail_panel.set_order(order)
        self.detail_hint.setVisible(order is None)
        self.order_selected.emit(order)

    def select_order(self, order_no: str) -> bool:
        row = self.orders_model.row_of(order_no)
        if row < 0:
            return False
        self.orders_table.selectRow(row)
        return True
