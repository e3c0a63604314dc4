"""审核队列 (review queues): one list of queues with pending counts, one table per queue.

The queues are a small registry, ``QUEUE_VIEWS``: each entry says the title, how to list a page
of items (a client call taking the status filter, a text filter and the page) and which
decisions it offers (each a client call).  A later queue — information corrections, exemptions,
transfers, score reviews, graduation audits — is one more entry, even when its module has its
own reviewer API: its ``list_items`` and actions adapt that API to ``QueuePage`` / ``QueueItem``.
The counts per status come with each page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.api.staff import QueueItem, QueuePage, QueueStatus
from desktop.errors import present_error
from desktop.models.staff_models import QueueItemModel
from desktop.tasks import TaskRunner
from desktop.views.staff.dialogs import ReasonDialog
from desktop.views.staff.widgets import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

ListCall = Callable[["ApiClient", str | None, str, int], QueuePage]
DecideCall = Callable[["ApiClient", str, str | None], QueueItem]


@dataclass(frozen=True)
class QueueAction:
    label: str  # button text with mnemonic
    decision: str  # approve | return | reject
    needs_reason: bool
    call: DecideCall


@dataclass(frozen=True)
class QueueView:
    key: str
    title: str
    list_items: ListCall
    actions: tuple[QueueAction, ...]


def _generic_actions(key: str) -> tuple[QueueAction, ...]:
    """Approve / return / reject through the generic ``/staff/queues/{key}`` decision endpoint."""

    def decide(decision: str) -> DecideCall:
        return lambda client, item_id, reason: client.staff.decide(key, item_id, decision, reason)

    return (
        QueueAction("通过(&A)", "approve", False, decide("approve")),
        QueueAction("退回修改(&B)", "return", True, decide("return")),
        QueueAction("不通过(&J)", "reject", True, decide("reject")),
    )


def _generic_list(key: str) -> ListCall:
    return lambda client, status, text, page: client.staff.queue_items(key, status, text, page)


def _only(key: str, labels: dict[str, str]) -> tuple[QueueAction, ...]:
    """The generic decisions of ``key`` the queue offers, with its own button labels."""
    return tuple(
        QueueAction(labels[a.decision], a.decision, a.needs_reason, a.call)
        for a in _generic_actions(key)
        if a.decision in labels
    )


def _graduation(key: str, title: str, labels: dict[str, str]) -> QueueView:
    return QueueView(key, title, _generic_list(key), _only(key, labels))


#: every queue of the console, in order: one entry per queue
QUEUE_VIEWS: tuple[QueueView, ...] = (
    QueueView("enrolment", "新生报名审核", _generic_list("enrolment"), _generic_actions("enrolment")),
    _graduation(
        "graduation_first",
        "毕业申请初审",
        {"approve": "初审通过(&A)", "return": "退回修改(&B)", "reject": "初审不通过(&J)"},
    ),
    _graduation("graduation_final", "毕业申请终审", {"approve": "终审通过(&A)", "reject": "不通过(&J)"}),
    _graduation("graduation_certificate", "毕业证书发放", {"approve": "证书已发放(&A)"}),
)

DECISION_TEXT = {"approve": "通过", "return": "退回", "reject": "不通过"}


class QueuesPage(QWidget):
    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        views: tuple[QueueView, ...] = QUEUE_VIEWS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queuesPage")
        self.client = client
        self.runner = runner
        self.views = views
        self.current: QueueView | None = None
        self.page_data: QueuePage | None = None
        self._status: str | None = None
        self._build()
        if views:
            self.queue_list.setCurrentRow(0)

    def _build(self) -> None:
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("queueList")
        self.queue_list.setMaximumWidth(220)
        for view in self.views:
            item = QListWidgetItem(view.title)
            item.setData(Qt.ItemDataRole.UserRole, view.key)
            self.queue_list.addItem(item)
        self.queue_list.currentRowChanged.connect(self._queue_chosen)

        self.title_label = QLabel()
        self.title_label.setObjectName("queueTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("queueStatus")
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo.setMinimumContentsLength(8)
        self.status_combo.activated.connect(self._status_chosen)
        status_label = QLabel("状态(&T)")
        status_label.setBuddy(self.status_combo)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("queueFilter")
        self.filter_edit.setPlaceholderText("姓名开头或编号")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.returnPressed.connect(lambda: self.load(1))
        filter_label = QLabel("筛选(&F)")
        filter_label.setBuddy(self.filter_edit)
        filter_button = QPushButton("筛选")
        filter_button.clicked.connect(lambda: self.load(1))
        filters = QHBoxLayout()
        filters.addWidget(status_label)
        filters.addWidget(self.status_combo)
        filters.addSpacing(12)
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(filter_button)

        self.items = QueueItemModel(self)
        self.table = table_view(self.items, "queueItems")
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_buttons())

        self.count_label = QLabel()
        self.count_label.setObjectName("queueCount")
        self.prev_button = QPushButton("上一页")
        self.prev_button.clicked.connect(lambda: self._go(-1))
        self.next_button = QPushButton("下一页")
        self.next_button.clicked.connect(lambda: self._go(1))
        self.action_row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.prev_button)
        bottom.addWidget(self.next_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title_label)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(bottom)
        right_layout.addLayout(self.action_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.queue_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    @property
    def busy(self) -> bool:
        return self.runner.running_for(self) > 0

    # --- choosing -----------------------------------------------------------------------------------------
    def _queue_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.views):
            return
        view = self.views[row]
        self.current = view
        self._status = None  # the queue opens on its pending items
        self.title_label.setText(view.title)
        self.filter_edit.clear()
        for button in self.action_buttons.values():
            button.deleteLater()
        self.action_buttons.clear()
        while self.action_row.count():
            self.action_row.takeAt(0)
        self.action_row.addStretch(1)
        for action in view.actions:
            button = QPushButton(action.label)
            button.setObjectName(f"decide_{action.decision}")
            button.clicked.connect(lambda _checked=False, a=action: self.decide(a))
            self.action_row.addWidget(button)
            self.action_buttons[action.decision] = button
        self.load(1)

    def _status_chosen(self, index: int) -> None:
        self._status = str(self.status_combo.itemData(index))
        self.load(1)

    def _go(self, step: int) -> None:
        if self.page_data is not None:
            self.load(self.page_data.page + step)

    def refresh(self) -> None:
        self.load(self.page_data.page if self.page_data else 1)

    def load(self, page: int) -> None:
        view = self.current
        if view is None:
            return
        status, text, client = self._status, self.filter_edit.text(), self.client
        self.count_label.setText("正在加载…")
        self.runner.run(lambda: view.list_items(client, status, text, page), self._loaded, self._failed, owner=self)

    def _loaded(self, page: QueuePage) -> None:
        if self.current is None or page.key != self.current.key:
            return
        self.page_data = page
        self._status = page.status
        self.items.set_items(page.items)
        self._show_statuses(page.statuses, page.status)
        self.count_label.setText(f"共 {page.total} 件（第 {page.page}/{page.pages} 页）")
        self.prev_button.setEnabled(page.page > 1)
        self.next_button.setEnabled(page.page < page.pages)
        pending = page.statuses[0].count if page.statuses else 0
        row = self.views.index(self.current)
        item = self.queue_list.item(row)
        item.setText(f"{self.current.title}（待审 {pending}）")
        if page.items:
            self.table.selectRow(0)
        self._update_buttons()

    def _failed(self, exc: Exception) -> None:
        self.count_label.setText("加载失败")
        present_error(self, exc)

    def _show_statuses(self, statuses: tuple[QueueStatus, ...], current: str) -> None:
        self.status_combo.clear()
        for status in statuses:
            self.status_combo.addItem(f"{status.text}（{status.count}）", status.status)
        index = self.status_combo.findData(current)
        self.status_combo.setCurrentIndex(max(0, index))

    def selected(self) -> QueueItem | None:
        row = self.table.currentIndex().row()
        return self.items.item(row) if 0 <= row < self.items.rowCount() else None

    def _update_buttons(self) -> None:
        item = self.selected()
        for button in self.action_buttons.values():
            button.setEnabled(item is not None and item.can_decide)

    # --- deciding -----------------------------------------------------------------------------------------
    def decide(self, action: QueueAction) -> QDialog | None:
        item, view = self.selected(), self.current
        if item is None or view is None or not item.can_decide:
            return None
        if not action.needs_reason:
            self._send(view, action, item, None)
            return None
        dialog = ReasonDialog(
            f"{DECISION_TEXT[action.decision]}：{item.name}",
            f"请填写{DECISION_TEXT[action.decision]}的原因，申请人会看到它：",
            DECISION_TEXT[action.decision],
            self,
        )
        dialog.reason_given.connect(lambda reason: self._send(view, action, item, reason))
        dialog.open()
        return dialog

    def _send(self, view: QueueView, action: QueueAction, item: QueueItem, reason: str | None) -> None:
        client = self.client

        def done(_item: QueueItem) -> None:
            if shiboken6.isValid(self):
                self.refresh()

        self.runner.run(lambda: action.call(client, item.id, reason), done, self._decision_failed, owner=self)

    def _decision_failed(self, exc: Exception) -> None:
        present_error(self, exc)
        self.refresh()
