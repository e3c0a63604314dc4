"""审核队列 (review queues): one list of queues with pending counts, one table per queue.

The queues are a small registry, ``QUEUE_VIEWS``: each entry (``queue_types.QueueView``) says
the title, how to list a page of items (a client call taking the status filter, a text filter
and the page), which actions it offers (each a client call) and, optionally, how to show an
item's data, history and files.  A queue served by the generic ``/staff/queues/{key}``
endpoints (新生报名审核; the server registry ``services/staff_queues.QUEUES``) uses
``_generic_list`` / ``_generic_actions``; a queue whose module has its own reviewer API (record
applications, score reviews: ``module_queues``) adapts that API, so every decision keeps one
server path.  The counts per status come with each page.

A ``StaffPage`` (``docs/desktop-core.md``): a (re)load asks at once for the open queue's page and
every other queue's pending count; choosing a queue, a status, a filter or a page loads that page.
A decision answers with the item as it is now: the row is updated (or leaves the list when its
status no longer matches the filter) and the counts move, without reloading the queue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.api import Conflict, NotFound
from desktop.api.staff import QueueItem, QueuePage, QueueStatus
from desktop.core.errors import present_error, user_message
from desktop.documents import render as documents
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.staff_models import QueueItemModel
from desktop.views.staff.dialogs import ReasonDialog, ScoreCorrectionDialog
from desktop.views.staff.module_queues import (
    ORIGINAL_SCORE,
    SCORE_REVIEW_QUEUE,
    graduation_detail,
    graduation_file,
    record_queue,
)
from desktop.views.staff.queue_types import (
    Answer,
    DecideCall,
    ListCall,
    QueueAction,
    QueueDetail,
    QueueFile,
    QueueView,
)
from desktop.views.staff.widgets import StaffPage
from desktop.views.widgets.answer import AnswerBanner
from desktop.views.widgets.files import save_dialog
from desktop.views.widgets.forms import buddy_label
from desktop.views.widgets.submit_dialog import SubmitDialog, confirm
from desktop.views.widgets.tables import table_view
from zikao_common.numbers import is_ascii_digits

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

__all__ = ["ON_SITE_VIEWS", "QUEUE_VIEWS", "OnSiteConfirmationPage", "QueueAction", "QueueView", "QueuesPage"]


def _generic_actions(key: str) -> tuple[QueueAction, ...]:
    """Approve / return / reject through the generic ``/staff/queues/{key}`` decision endpoint."""

    def decide(decision: str) -> DecideCall:
        return lambda client, item, answer: client.staff.decide(key, item.id, decision, answer.reason)

    return (
        QueueAction(QT_TR_NOOP("通过(&A)"), "approve", False, decide("approve"), consequence=APPROVED),
        QueueAction(QT_TR_NOOP("退回修改(&B)"), "return", True, decide("return")),
        QueueAction(QT_TR_NOOP("不通过(&J)"), "reject", True, decide("reject")),
    )


def _generic_list(key: str) -> ListCall:
    return lambda client, status, text, page: client.staff.queue_items(key, status, text, page)


def _only(key: str, labels: dict[str, str], consequences: dict[str, str] | None = None) -> tuple[QueueAction, ...]:
    """The generic decisions of ``key`` the queue offers, with its own button labels (and what
    its approval does, when that is more than the generic one says)."""
    said = consequences or {}
    return tuple(
        replace(a, label=labels[a.decision], consequence=said.get(a.decision, a.consequence))
        for a in _generic_actions(key)
        if a.decision in labels
    )


def _graduation(key: str, title: str, labels: dict[str, str], consequences: dict[str, str] | None = None) -> QueueView:
    actions = _only(key, labels, consequences)
    return QueueView(key, title, _generic_list(key), actions, graduation_detail, graduation_file)


#: what an approval does that cannot be undone (asked once, with the applicant's name)
APPROVED = QT_TR_NOOP("通过后申请人会看到结果；此操作不能撤销。")


#: every queue of the console, in order: one entry per queue
QUEUE_VIEWS: tuple[QueueView, ...] = (
    QueueView("enrolment", QT_TR_NOOP("新生报名审核"), _generic_list("enrolment"), _generic_actions("enrolment")),
    record_queue("correction", QT_TR_NOOP("信息更正", "review queue"), ("correction",)),
    record_queue("exemption", QT_TR_NOOP("免考", "review queue"), ("exemption",)),
    record_queue("transfer", QT_TR_NOOP("转考"), ("transfer_out", "transfer_in", "prefecture_change")),
    SCORE_REVIEW_QUEUE,
    _graduation(
        "graduation_first",
        QT_TR_NOOP("毕业申请初审"),
        {
            "approve": QT_TR_NOOP("初审通过(&A)"),
            "return": QT_TR_NOOP("退回修改(&B)"),
            "reject": QT_TR_NOOP("初审不通过(&J)"),
        },
    ),
    _graduation(
        "graduation_final",
        QT_TR_NOOP("毕业申请终审"),
        {"approve": QT_TR_NOOP("终审通过(&A)"), "reject": QT_TR_NOOP("不通过(&J)")},
        {"approve": QT_TR_NOOP("终审通过后即制作毕业证书，申请人会看到结果；此操作不能撤销。")},
    ),
    _graduation(
        "graduation_certificate",
        QT_TR_NOOP("毕业证书发放"),
        {"approve": QT_TR_NOOP("证书已发放(&A)")},
        {"approve": QT_TR_NOOP("将登记毕业证书已交到申请人手中，申请随即办结；此操作不能撤销。")},
    ),
)

#: the clerk's queue: the on-site check of graduation applications (originals seen at the counter)
ON_SITE_VIEWS: tuple[QueueView, ...] = (
    _graduation(
        "graduation_on_site",
        QT_TR_NOOP("毕业现场确认"),
        {"approve": QT_TR_NOOP("现场确认通过(&A)"), "return": QT_TR_NOOP("退回修改(&B)")},
        {"approve": QT_TR_NOOP("确认已核对申请人的原件，申请随即送终审；此操作不能撤销。")},
    ),
)


def decision_text(decision: str) -> str:
    """A decision as a word (the reason dialog's title and button); "decision": the verb, not the status."""
    words = {
        "approve": tr("通过", "decision"),
        "return": tr("退回", "decision"),
        "reject": tr("不通过", "decision"),
        "correct": tr("更正成绩"),
    }
    return words.get(decision, decision)


def action_text(action: QueueAction) -> str:
    """A button's label as words: 「初审通过(&A)」 → 「初审通过」."""
    return re.sub(r"\(&.\)|&|…", "", tr(action.label))


class QueuesPage(StaffPage):
    CONTENT_FIRST = True  # requests() reads the filter and the page shown
    OBJECT_NAME = "queuesPage"
    TITLE = QT_TR_NOOP("审核队列")
    LOADING_TEXT = QT_TR_NOOP("正在加载审核队列…")
    #: the queues this page lists
    VIEWS: ClassVar[tuple[QueueView, ...]] = QUEUE_VIEWS

    def setup(self) -> None:
        self.views = self.VIEWS
        self.current: QueueView | None = self.views[0] if self.views else None
        self.page_data: QueuePage | None = None
        self.detail: QueueDetail | None = None
        self._detail_for: str | None = None
        self._status: str | None = None

    def build_content(self) -> QWidget:
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("queueList")
        self.queue_list.setMaximumWidth(220)
        for view in self.views:
            item = QListWidgetItem(tr(view.title))
            item.setData(Qt.ItemDataRole.UserRole, view.key)
            self.queue_list.addItem(item)

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
        status_label = buddy_label(tr("状态(&T)"), self.status_combo)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("queueFilter")
        self.filter_edit.setPlaceholderText(tr("姓名或编号"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.returnPressed.connect(lambda: self.load(1))
        filter_label = buddy_label(tr("筛选(&F)"), self.filter_edit)
        filter_button = QPushButton(tr("筛选"))
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
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._selection_changed())
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # 内容 takes the room left, no side scrolling
        self.table.setWordWrap(False)

        self.count_label = QLabel()
        self.count_label.setObjectName("queueCount")
        self.prev_button = QPushButton(tr("上一页"))
        self.prev_button.clicked.connect(lambda: self._go(-1))
        self.next_button = QPushButton(tr("下一页"))
        self.next_button.clicked.connect(lambda: self._go(1))
        self.action_row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.prev_button)
        bottom.addWidget(self.next_button)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.title_label)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(bottom)
        self.answer = AnswerBanner()  # what the last decision did (never silence)
        top_layout.addWidget(self.answer)
        top_layout.addLayout(self.action_row)

        self.detail_pane = self._build_detail()
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(top)
        vertical.addWidget(self.detail_pane)
        vertical.setStretchFactor(0, 1)
        vertical.setStretchFactor(1, 1)
        vertical.setChildrenCollapsible(False)
        vertical.setSizes([300, 340])  # a queue page is a few rows; the detail needs the room

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.queue_list)
        splitter.addWidget(vertical)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(splitter)
        if self.views:  # the first queue is open; the first load brings its page
            self.queue_list.setCurrentRow(0)
            self._open_view(self.views[0])
        self.queue_list.currentRowChanged.connect(self._queue_chosen)
        return content

    def _build_detail(self) -> QWidget:
        """The selected item's data and history, and its files (查看 / 另存为)."""
        self.detail_view = QTextBrowser()
        self.detail_view.setObjectName("queueDetail")
        self.detail_view.setOpenLinks(False)
        self.file_list = QListWidget()
        self.file_list.setObjectName("queueFiles")
        self.file_list.setMaximumWidth(260)
        self.file_list.currentRowChanged.connect(lambda _row: self._update_file_buttons())
        self.file_list.itemActivated.connect(lambda _item: self.view_file())
        files_label = buddy_label(tr("证明材料(&M)"), self.file_list)
        self.view_file_button = QPushButton(tr("查看(&V)"))
        self.view_file_button.setObjectName("viewFile")
        self.view_file_button.clicked.connect(lambda: self.view_file())
        self.save_file_button = QPushButton(tr("另存为(&E)…"))
        self.save_file_button.setObjectName("saveFile")
        self.save_file_button.clicked.connect(self._ask_save_path)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.view_file_button)
        file_buttons.addWidget(self.save_file_button)
        files = QVBoxLayout()
        files.addWidget(files_label)
        files.addWidget(self.file_list, 1)
        files.addLayout(file_buttons)
        pane = QWidget()
        pane.setObjectName("queueDetailPane")
        row = QHBoxLayout(pane)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.detail_view, 1)
        row.addLayout(files)
        self._update_file_buttons()
        return pane

    # --- (re)loading: the open queue's page and the other queues' pending counts, at once ----------------
    def requests(self) -> dict[str, Callable[[], Any]]:
        view = self.current
        if view is None:
            return {}
        client, status, text = self.client, self._status, self.filter_edit.text()
        page = self.page_data.page if self.page_data is not None and self.page_data.key == view.key else 1
        wanted: dict[str, Callable[[], Any]] = {"page": lambda: view.list_items(client, status, text, page)}
        for other in self.views:
            if other is not view:
                wanted[f"pending:{other.key}"] = _pending_call(client, other)
        return wanted

    def apply(self, results: dict[str, Any]) -> None:
        for view in self.views:
            pending = results.get(f"pending:{view.key}")
            if pending is not None and view is not self.current:
                self._show_pending(view, pending)
        page = results.get("page")
        if isinstance(page, QueuePage):
            if self.current is not None and page.key == self.current.key:
                self._show_page(page)
            else:  # another queue was chosen meanwhile
                self.load(1)

    def show_status(self, text: str) -> None:
        if text:
            self.count_label.setText(text)
        else:
            self._show_count()

    # --- choosing -----------------------------------------------------------------------------------------
    def _queue_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.views):
            return
        self._open_view(self.views[row])
        if self.ever_loaded:
            self.load(1)
        # else: the first load is on its way (and loads the chosen queue when it is in)

    def _open_view(self, view: QueueView) -> None:
        self.current = view
        self._status = None  # the queue opens on its pending items
        self.title_label.setText(tr(view.title))
        self.filter_edit.clear()
        for button in self.action_buttons.values():
            button.deleteLater()
        self.action_buttons.clear()
        while self.action_row.count():
            self.action_row.takeAt(0)
        self.action_row.addStretch(1)
        for action in view.actions:
            button = QPushButton(tr(action.label))
            button.setObjectName(f"decide_{action.decision}")
            button.clicked.connect(lambda _checked=False, a=action: self.decide(a))
            self.action_row.addWidget(button)
            self.action_buttons[action.decision] = button
        self.detail_pane.setVisible(view.detail is not None)
        self._show_detail(None)
        self._update_buttons()

    def _status_chosen(self, index: int) -> None:
        self._status = str(self.status_combo.itemData(index))
        self.load(1)

    def _go(self, step: int) -> None:
        if self.page_data is not None:
            self.load(self.page_data.page + step)

    def load(self, page: int) -> None:
        """One page of the open queue (a queue, a status, a filter or a page was chosen)."""
        view = self.current
        if view is None:
            return
        status, text, client = self._status, self.filter_edit.text(), self.client
        self.count_label.setText(tr("正在加载…"))
        self.runner.run(
            lambda: view.list_items(client, status, text, page), self._page_in, self._page_failed, owner=self
        )

    def _page_in(self, page: QueuePage) -> None:
        if self.current is not None and page.key == self.current.key:
            self._show_page(page)

    def _page_failed(self, exc: Exception) -> None:
        self.count_label.setText(tr("加载失败"))
        present_error(self, exc)

    def _show_page(self, page: QueuePage, select_row: int = 0) -> None:
        self.page_data = page
        self._status = page.status
        self.items.set_items(page.items)
        self._show_statuses(page.statuses, page.status)
        self._show_count()
        if page.items:
            self.table.selectRow(min(select_row, len(page.items) - 1))
        self._selection_changed()

    def _show_count(self) -> None:
        page, view = self.page_data, self.current
        if page is None or view is None:
            return
        self.count_label.setText(
            tr("共 {total} 件（第 {page}/{pages} 页）").format(total=page.total, page=page.page, pages=page.pages)
        )
        self.prev_button.setEnabled(page.page > 1)
        self.next_button.setEnabled(page.page < page.pages)
        self._show_pending(view, page.statuses[0].count if page.statuses else 0)

    def _show_pending(self, view: QueueView, pending: int) -> None:
        item = self.queue_list.item(self.views.index(view))
        item.setText(tr("{queue}（待审 {pending}）").format(queue=tr(view.title), pending=pending))

    def _show_statuses(self, statuses: tuple[QueueStatus, ...], current: str) -> None:
        self.status_combo.clear()
        for status in statuses:
            self.status_combo.addItem(
                tr("{status}（{count}）").format(status=tr(status.text), count=status.count), status.status
            )
        index = self.status_combo.findData(current)
        self.status_combo.setCurrentIndex(max(0, index))

    def selected(self) -> QueueItem | None:
        row = self.table.currentIndex().row()
        return self.items.item(row) if 0 <= row < self.items.rowCount() else None

    def _selection_changed(self) -> None:
        self._update_buttons()
        self._load_detail()

    def _update_buttons(self) -> None:
        item = self.selected()
        actions = {a.decision: a for a in self.current.actions} if self.current else {}
        start = actions.get("start")
        unclaimed = item is not None and start is not None and start.applies(item)
        for decision, button in self.action_buttons.items():
            enabled = item is not None and actions[decision].applies(item)
            button.setEnabled(enabled)
            # why a decision is off: the review has to be started (claimed) first
            button.setToolTip(
                tr("请先点击“{action}”").format(action=action_text(start))
                if unclaimed and not enabled and start
                else ""
            )

    # --- the selected item's detail and files -------------------------------------------------------------
    def _load_detail(self) -> None:
        item, view = self.selected(), self.current
        if item is None or view is None or view.detail is None:
            self._show_detail(None)
            return
        if self._detail_for == item.id and self.detail is not None:
            return
        self._detail_for = item.id
        self.detail_view.setPlainText(tr("正在加载…"))
        self.file_list.clear()
        fetch, client, item_id = view.detail, self.client, item.id

        def shown(detail: QueueDetail) -> None:
            if self._detail_for == item_id:
                self._show_detail(detail)

        self.runner.run(lambda: fetch(client, item_id), shown, self._detail_failed, owner=self)

    def _detail_failed(self, exc: Exception) -> None:
        self.detail_view.setPlainText(tr("加载失败"))
        present_error(self, exc)

    def _show_detail(self, detail: QueueDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self._detail_for = None
            self.detail_view.clear()
        else:
            self.detail_view.setHtml(detail.html)
        self.file_list.clear()
        for f in detail.files if detail else ():
            entry = QListWidgetItem(tr("{name}（{size} KB）").format(name=f.name, size=max(1, f.size // 1024)))
            entry.setData(Qt.ItemDataRole.UserRole, f.file_id)
            self.file_list.addItem(entry)
        if self.file_list.count():
            self.file_list.setCurrentRow(0)
        self._update_file_buttons()

    def selected_file(self) -> QueueFile | None:
        row = self.file_list.currentRow()
        files = self.detail.files if self.detail else ()
        return files[row] if 0 <= row < len(files) else None

    def _update_file_buttons(self) -> None:
        f = self.selected_file()
        self.view_file_button.setEnabled(f is not None and f.is_image)
        self.save_file_button.setEnabled(f is not None)

    def _fetch_file(self, f: QueueFile, then: Callable[[bytes], None]) -> None:
        view, item = self.current, self.selected()
        if view is None or view.file is None or item is None:
            return
        fetch, client, item_id = view.file, self.client, item.id
        self.runner.run(lambda: fetch(client, item_id, f.file_id), then, None, owner=self)

    def view_file(self) -> None:
        """Show an image proof in a window (nothing written to disk); PDFs are saved and opened elsewhere."""
        f = self.selected_file()
        if f is None or not f.is_image:
            return

        def show(data: bytes) -> None:
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            dialog = QDialog(self)
            dialog.setObjectName("proofViewer")
            dialog.setWindowTitle(f.name)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            label = QLabel()
            label.setPixmap(pixmap)
            area = QScrollArea()
            area.setWidget(label)
            layout = QVBoxLayout(dialog)
            layout.addWidget(area)
            dialog.resize(min(pixmap.width() + 40, 1000), min(pixmap.height() + 40, 760))
            dialog.open()

        self._fetch_file(f, show)

    def _ask_save_path(self) -> None:
        f = self.selected_file()
        if f is None:
            return
        suffix = Path(f.name).suffix.lstrip(".")
        filter_text = tr("{kind} 文件 (*.{suffix})").format(kind=suffix.upper(), suffix=suffix) if suffix else ""
        save_dialog(self, tr("另存证明材料"), f.name, filter_text, suffix, self.save_file)

    def save_file(self, path: Path) -> None:
        f = self.selected_file()
        if f is None:
            return

        def write(data: bytes) -> None:
            self.runner.run(lambda: documents.save_file(data, path), None, None, owner=self)

        self._fetch_file(f, write)

    # --- deciding -----------------------------------------------------------------------------------------
    def decide(self, action: QueueAction) -> QDialog | None:
        """Ask what the action needs (a reason, a score) or, if it cannot be undone, whether it is
        meant, naming the applicant; then send it.  Returns the dialog or box asked in, if any."""
        item, view = self.selected(), self.current
        if item is None or view is None or not action.applies(item):
            return None
        what = decision_text(action.decision)
        if action.needs_score:
            original = self._original_score(item)
            score_dialog = ScoreCorrectionDialog(tr("{what}：{name}").format(what=what, name=item.name), original, self)
            score_dialog.corrected.connect(
                lambda score, reason: self._send(view, action, item, Answer(reason=reason, score=score), score_dialog)
            )
            score_dialog.open()
            return score_dialog
        if not action.needs_reason:
            if not action.consequence:
                self._send(view, action, item, Answer())
                return None
            words = action_text(action)
            text = tr("{what}：{name}（{reference}）\n{summary}\n\n{consequence}").format(
                what=words,
                name=item.name,
                reference=item.reference,
                summary=item.summary,
                consequence=tr(action.consequence),
            )
            return confirm(self, words, text, words, lambda: self._send(view, action, item, Answer()))
        dialog = ReasonDialog(
            tr("{what}：{name}").format(what=what, name=item.name),
            tr("请填写{what}的原因，申请人会看到它：").format(what=what),
            what,
            self,
        )
        dialog.reason_given.connect(lambda reason: self._send(view, action, item, Answer(reason=reason), dialog))
        dialog.open()
        return dialog

    @staticmethod
    def _original_score(item: QueueItem) -> int | None:
        marker = tr(ORIGINAL_SCORE)  # as the queue item's summary writes it (module_queues)
        if marker not in item.summary:
            return None
        digits = item.summary.split(marker, 1)[1].split(" ", 1)[0]
        return int(digits) if is_ascii_digits(digits) else None

    def _send(
        self, view: QueueView, action: QueueAction, item: QueueItem, answer: Answer, dialog: SubmitDialog | None = None
    ) -> None:
        """Send the decision; asked in a dialog, the dialog sends it and stays open on a refusal."""
        client = self.client
        for button in self.action_buttons.values():
            button.setEnabled(False)  # one decision at a time; the answer enables them again

        def call() -> QueueItem:
            return action.call(client, item, answer)

        def done(after: QueueItem) -> None:
            self.apply_decision(view, item, after, action)

        if dialog is None:
            self.runner.run(call, done, self._decision_failed, owner=self)
            return

        def failed(exc: Exception) -> None:
            self._update_buttons()
            if isinstance(exc, Conflict | NotFound):  # someone else may have decided it
                self.refresh()

        dialog.rejected.connect(self._update_buttons)
        dialog.send(self.runner, call, done, failed=failed)

    def apply_decision(
        self, view: QueueView, before: QueueItem, after: QueueItem, action: QueueAction | None = None
    ) -> None:
        """The decision's answer: the item's row changes (or leaves the filtered list), the counts
        move, and the answer line says what was done to whom."""
        self.publish(after)
        if action is not None:
            self.answer.say(
                tr("已{action}：{name}（{reference}），现为“{status}”。").format(
                    action=action_text(action), name=before.name, reference=before.reference, status=after.status_text
                )
            )
        page = self.page_data
        if view is not self.current or page is None or page.key != view.key:
            self._update_buttons()
            return
        rows = [i.id for i in page.items]
        if before.id not in rows:
            self._update_buttons()
            return
        row = rows.index(before.id)
        counts = {s.status: s.count for s in page.statuses}
        if after.status != before.status:
            if before.status in counts:
                counts[before.status] = max(0, counts[before.status] - 1)
            if after.status in counts:
                counts[after.status] += 1
        items = list(page.items)
        total = page.total
        self._detail_for = None
        if after.status == page.status:
            items[row] = after
        else:
            del items[row]
            total = max(0, total - 1)
        statuses = tuple(replace(s, count=counts.get(s.status, s.count)) for s in page.statuses)
        self.page_data = replace(page, items=tuple(items), total=total, statuses=statuses)
        if not items and page.page > 1:
            self.load(page.page - 1)  # the last one of this page: the page before
            return
        if after.status == page.status:
            self.items.replace_row(row, after)
        else:
            self.items.remove_row(row)
        self._show_statuses(statuses, page.status)
        self._show_count()
        if items:
            self.table.selectRow(min(row, len(items) - 1))
        self._selection_changed()

    def _decision_failed(self, exc: Exception) -> None:
        self.answer.say(tr("未办理：{reason}").format(reason=user_message(exc)), error=True)
        present_error(self, exc)
        self.refresh()  # someone else may have decided it: show the queue as it is


def _pending_call(client: ApiClient, view: QueueView) -> Callable[[], int | None]:
    return lambda: _pending(client, view)


def _pending(client: ApiClient, view: QueueView) -> int | None:
    """A queue's pending count for the list (a hint: ``None`` when it cannot be read now)."""
    try:
        page = view.list_items(client, None, "", 1)
    except Exception:  # opening the queue shows the error
        return None
    return page.statuses[0].count if page.statuses else 0


class OnSiteConfirmationPage(QueuesPage):
    """现场确认 for counter clerks: the graduation applications waiting for the on-site check."""

    OBJECT_NAME = "onSitePage"
    TITLE = QT_TR_NOOP("现场确认")
    LOADING_TEXT = QT_TR_NOOP("正在加载现场确认…")
    VIEWS = ON_SITE_VIEWS
