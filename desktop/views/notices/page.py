"""通知公告 tab: notices (list, category filter, full-text search, reader, attachments) and
日程 (the personal calendar with countdowns, reminders and .ics export).

Everything that touches the network or the disk runs on the task runner.  The page loads as
soon as it is built (after login), so new notices since the last login are announced in a
banner whichever tab is open.  When the server cannot be reached the last copy (``OfflineStore``,
per user) is shown, marked "离线副本（只读）": search, unread filter and attachments are off;
reading, the category filter, the countdowns and the .ics export (a local file) still work.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ConnectionFailed, RequestTimeout, ServerError
from desktop.api.notices import CATEGORIES, NewNotices, Notice, NoticeAttachment, NoticeList, PersonalCalendar
from desktop.core.clock import ServerClock
from desktop.core.errors import present_error, user_message
from desktop.core.offline import OfflineCopy, OfflineStore
from desktop.core.reminders import Reminder, ReminderService
from desktop.core.tasks import TaskRunner
from desktop.documents.ics import build_ics
from desktop.models.notices_models import NoticeTableModel
from desktop.views.notices.banner import Banner, post_banner
from desktop.views.notices.calendar_view import CalendarView
from desktop.views.notices.reader import NoticeReader
from desktop.views.widgets.state_page import StatePage

if TYPE_CHECKING:
    from desktop.api.client import ApiClient
    from desktop.core.settings import AppSettings

log = logging.getLogger(__name__)

OFFLINE_TEXT = "离线副本（只读）"
ALL = "全部分类"
PREFETCH_BODIES = 30
UNREACHABLE = (ConnectionFailed, RequestTimeout, ServerError)


@dataclass
class Loaded:
    notices: NoticeList
    calendar: PersonalCalendar | None
    bodies: dict[int, Notice] = field(default_factory=dict)
    news: NewNotices | None = None
    offline: bool = False
    saved_at: datetime | None = None
    reason: str = ""


def _remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


class NoticesPage(QWidget):
    TITLE = "通知公告"

    loaded = Signal()
    attachment_opened = Signal(object)  # Path
    attachment_saved = Signal(object)  # Path
    calendar_exported = Signal(object)  # Path
    reminded = Signal(object)  # Reminder (after it was shown)

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        store: OfflineStore | None = None,
        settings: AppSettings | None = None,
        clock: ServerClock | None = None,
        reminder_tick_ms: int = 30_000,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noticesPage")
        self.client = client
        self.runner = runner
        self.store = store
        self.settings = settings
        self.clock = clock or ServerClock()
        self.offline = False
        self.loading = False
        self.bodies: dict[int, Notice] = {}
        self.calendar: PersonalCalendar | None = None
        self.news: NewNotices | None = None
        self.banners: list[Banner] = []
        self.file_dialog: QFileDialog | None = None
        self._announced = False
        self._again = False
        self._reading: int | None = None
        #: how an attachment is opened (tests replace it)
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        # opened attachments are copied here (made on first use, on a worker; removed with the page)
        self._temp_dir = str(Path(tempfile.gettempdir()) / f"zikao-notices-{secrets.token_hex(8)}")
        self.destroyed.connect(lambda _obj=None, path=self._temp_dir: _remove_tree(path))

        self.model = NoticeTableModel(self)
        self.reminders = ReminderService(self.clock.now, self, tick_ms=reminder_tick_ms)
        self.reminders.reminder.connect(self.notify)
        self.tray: QSystemTrayIcon | None = None
        self._build()
        self._apply_settings()
        self._countdown = QTimer(self)
        self._countdown.setInterval(30_000)
        self._countdown.timeout.connect(self._tick)
        QTimer.singleShot(0, self._first_load)

    # --- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.state_page = StatePage()
        self.state_page.retry_requested.connect(self.refresh)
        self.state_page.show_loading("正在加载通知公告…")
        self.state_label = self.state_page.label  # read by the self-test and tests

        self.offline_label = QLabel(OFFLINE_TEXT)
        self.offline_label.setObjectName("offlineLabel")
        self.offline_label.setStyleSheet(
            "#offlineLabel { background: #fdecea; color: #a12622; padding: 4px 8px; border-radius: 3px; }"
        )
        self.offline_label.hide()
        self.reconnect_button = QPushButton("重新连接(&R)")
        self.reconnect_button.setObjectName("reconnectButton")
        self.reconnect_button.clicked.connect(self.refresh)
        self.reconnect_button.hide()
        offline_row = QHBoxLayout()
        offline_row.addWidget(self.offline_label, 1)
        offline_row.addWidget(self.reconnect_button)

        # 通知公告
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        self.category_combo.addItem(ALL, None)
        for category in CATEGORIES:
            self.category_combo.addItem(category, category)
        self.category_combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        category_label = QLabel("分类(&C)：")
        category_label.setBuddy(self.category_combo)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("搜索标题和正文，多个词用空格分开")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.search)
        self.search_edit.textChanged.connect(lambda text: self.search() if not text else None)
        search_label = QLabel("搜索(&F)：")
        search_label.setBuddy(self.search_edit)
        self.search_button = QPushButton("搜索")
        self.search_button.setObjectName("searchButton")
        self.search_button.clicked.connect(self.search)
        self.unread_box = QCheckBox("只看未读(&U)")
        self.unread_box.setObjectName("unreadOnly")
        self.unread_box.toggled.connect(lambda _on: self._filters_changed())
        filters = QHBoxLayout()
        filters.addWidget(category_label)
        filters.addWidget(self.category_combo)
        filters.addSpacing(12)
        filters.addWidget(search_label)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.search_button)
        filters.addWidget(self.unread_box)

        self.table = QTableView()
        self.table.setObjectName("noticeTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAccessibleName("通知列表")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._row_changed(current.row()))
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.reader = NoticeReader()
        self.reader.open_requested.connect(self.open_attachment)
        self.reader.save_requested.connect(self.save_attachment)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("noticeSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        notices_tab = QWidget()
        notices_layout = QVBoxLayout(notices_tab)
        notices_layout.setContentsMargins(0, 6, 0, 0)
        notices_layout.addLayout(filters)
        notices_layout.addWidget(splitter, 1)

        # 日程
        self.calendar_view = CalendarView()
        self.calendar_view.export_requested.connect(self.export_calendar)
        self.calendar_view.lead_changed.connect(self._lead_changed)
        self.calendar_view.reminders_toggled.connect(self._reminders_toggled)

        self.inner_tabs = QTabWidget()
        self.inner_tabs.setObjectName("noticesTabs")
        self.inner_tabs.addTab(notices_tab, "通知公告(&N)")
        self.inner_tabs.addTab(self.calendar_view, "我的日程(&J)")
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(10, 8, 10, 8)
        self.banner_area = QVBoxLayout()
        content_layout.addLayout(self.banner_area)
        content_layout.addLayout(offline_row)
        content_layout.addWidget(self.inner_tabs, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.state_page)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- local data (the controller hands it over after login) --------------------------------------------
    def attach_local(self, store: OfflineStore | None, settings: AppSettings | None) -> None:
        self.store = store
        self.settings = settings
        self._apply_settings()

    def _apply_settings(self) -> None:
        if self.settings is None:
            return
        self.calendar_view.set_lead(self.settings.reminder_lead_minutes)
        self.calendar_view.reminders_box.setChecked(self.settings.reminders_enabled)
        self.reminders.lead = timedelta(minutes=self.settings.reminder_lead_minutes)
        self.reminders.enabled = self.settings.reminders_enabled

    def _lead_changed(self, minutes: int) -> None:
        if self.settings is not None:
            self.settings.reminder_lead_minutes = minutes
        self.reminders.set_lead(minutes)

    def _reminders_toggled(self, enabled: bool) -> None:
        if self.settings is not None:
            self.settings.reminders_enabled = enabled
        self.reminders.set_enabled(enabled)

    # --- loading ----------------------------------------------------------------------------------------
    def _first_load(self) -> None:
        if not self.loading and self.model.rowCount() == 0:
            self.refresh()

    @property
    def category(self) -> str | None:
        value = self.category_combo.currentData()
        return value if isinstance(value, str) else None

    @property
    def query(self) -> str:
        return self.search_edit.text().strip()

    def refresh(self) -> None:
        if self.loading:  # filters changed while a load is on its way: load again when it is back
            self._again = True
            return
        self._again = False
        self.loading = True
        if self.stack.currentIndex() == 0:
            self.state_page.show_loading("正在加载通知公告…")
        client, store = self.client, self.store
        category, query, unread = self.category, self.query, self.unread_box.isChecked() and not self.offline
        announce = not self._announced
        known = set(self.bodies)

        def work() -> Loaded:
            try:
                notices = client.notices.list(category=category, query=query, unread_only=unread, limit=200)
                calendar = client.notices.calendar()
                bodies = {n.id: client.notices.get(n.id) for n in notices.items[:PREFETCH_BODIES] if n.id not in known}
                news = client.notices.new_since_login() if announce else None
                return Loaded(notices, calendar, bodies, news)
            except UNREACHABLE as exc:
                copy = store.load() if store is not None else None
                if copy is None or copy.notices is None:
                    raise
                return offline_loaded(copy, user_message(exc))

        self.runner.run(work, self._loaded, self._load_failed, owner=self)

    def _loaded(self, data: Loaded) -> None:
        self.loading = False
        if self._again:
            self.refresh()
            return
        self.set_offline(data.offline, data.saved_at)
        self.bodies.update(data.bodies)
        if data.calendar is not None and not data.offline:
            # offline, the copy's time is in the past: keep the offset measured last (or the PC's clock)
            self.clock.sync(data.calendar.server_time)
        items = list(data.notices.items)
        if data.offline and self.category:
            items = [n for n in items if n.category == self.category]
        selected = self._reading
        self.model.set_items(items)
        self._update_count(data.notices if not data.offline else None)
        self.stack.setCurrentIndex(1)
        if data.calendar is not None:
            self.calendar = data.calendar
            self.calendar_view.set_calendar(data.calendar, self.clock.now())
            self.reminders.set_items(data.calendar.items)
            self.reminders.start()
            self._countdown.start()
        row = self.model.row_of(selected) if selected is not None else None
        if row is not None:
            self.table.selectRow(row)
        if not data.offline:
            self._save_copy(data)
            if data.news is not None:
                self._announced = True
                self.news = data.news
                if data.news.count:
                    self._announce(data.news)
        self.loaded.emit()

    def _load_failed(self, exc: Exception) -> None:
        self.loading = False
        if self._again:
            self.refresh()
            return
        if self.stack.currentIndex() == 0:
            self.state_page.show_failure(f"通知公告加载失败：{user_message(exc)}")
        else:
            present_error(self, exc)

    def _save_copy(self, data: Loaded) -> None:
        store = self.store
        if store is None:
            return
        unfiltered = not (self.category or self.query or self.unread_box.isChecked())
        notices = data.notices if unfiltered else None
        bodies, calendar, stamp = dict(self.bodies), data.calendar, data.notices.server_time
        self.runner.run(
            lambda: store.save(stamp, notices=notices, bodies=bodies, calendar=calendar),
            on_failure=lambda exc: log.warning("offline copy not saved: %s", exc),
        )

    def set_offline(self, offline: bool, saved_at: datetime | None = None) -> None:
        self.offline = offline
        text = OFFLINE_TEXT
        if offline and saved_at is not None:
            text += f"：服务器暂时无法连接，显示 {saved_at:%m-%d %H:%M} 保存的内容"
        self.offline_label.setText(text)
        self.offline_label.setVisible(offline)
        self.reconnect_button.setVisible(offline)
        for widget in (self.search_edit, self.search_button, self.unread_box):
            widget.setEnabled(not offline)
        self.reader.set_files_enabled(not offline)

    def _update_count(self, page: NoticeList | None) -> None:
        if page is None:
            self.count_label.setText(f"共 {self.model.rowCount()} 条（离线副本）")
            return
        filtered = " · 搜索结果" if self.query else ""
        self.count_label.setText(f"共 {page.total} 条{filtered} · 未读 {page.unread} 条")

    # --- filters and search -----------------------------------------------------------------------------
    def _filters_changed(self) -> None:
        if self.offline:
            self._show_offline_filtered()
        else:
            self.refresh()

    def search(self) -> None:
        if not self.offline:
            self.refresh()

    def _show_offline_filtered(self) -> None:
        store = self.store
        if store is None:
            return
        category = self.category

        def filtered(copy: OfflineCopy | None) -> None:
            if copy is None or copy.notices is None:
                return
            self.model.set_items([n for n in copy.notices.items if category is None or n.category == category])
            self._update_count(None)

        self.runner.run(store.load, filtered, owner=self)

    # --- reading -------------------------------------------------------------------------------------------
    def _row_changed(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.reader.show_notice(None)
            self._reading = None
            return
        summary = self.model.item(row)
        self._reading = summary.id
        cached = self.bodies.get(summary.id)
        if self.offline:
            self.reader.show_notice(cached, summary, "离线副本中没有这条通知的正文，连接服务器后可以阅读。")
            return
        if cached is not None:
            self.reader.show_notice(cached)
        else:
            self.reader.show_notice(None, summary, "正在加载…")
        client, notice_id, was_read = self.client, summary.id, summary.read

        def work() -> Notice:
            notice = client.notices.get(notice_id)
            if not was_read:
                client.notices.mark_read(notice_id)
            return notice

        def done(notice: Notice) -> None:
            self.bodies[notice.id] = notice
            if self._reading == notice.id:
                self.reader.show_notice(notice)
            self.model.replace(_as_read(notice))
            self._update_count_after_read(was_read)

        self.runner.run(work, done, lambda exc: self._read_failed(exc, notice_id), owner=self)

    def _update_count_after_read(self, was_read: bool) -> None:
        if was_read:
            return
        text = self.count_label.text()
        if "未读 " in text:
            head, _, tail = text.rpartition("未读 ")
            number = tail.split(" ", 1)[0]
            if number.isdigit():
                self.count_label.setText(f"{head}未读 {max(0, int(number) - 1)} 条")

    def _read_failed(self, exc: Exception, notice_id: int) -> None:
        if isinstance(exc, UNREACHABLE):
            cached = self.bodies.get(notice_id)
            row = self.model.row_of(notice_id)
            if row is not None and self._reading == notice_id:
                self.reader.show_notice(cached, self.model.item(row), f"无法加载正文：{user_message(exc)}")
            return
        present_error(self, exc)
        if getattr(exc, "code", "") in ("notice_withdrawn", "notice_not_found"):
            self.refresh()

    def select_notice(self, notice_id: int) -> bool:
        row = self.model.row_of(notice_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    # --- attachments --------------------------------------------------------------------------------------
    def open_attachment(self, att: NoticeAttachment) -> None:
        notice = self.reader.notice
        if notice is None or self.offline:
            return
        client, folder = self.client, Path(self._temp_dir)
        notice_id = notice.id

        def work() -> Path:
            data = client.notices.attachment(notice_id, att.id)
            folder.mkdir(mode=0o700, exist_ok=True)
            target = folder / f"{notice_id}-{att.id}" / att.file_name
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(data)
            return target

        def done(path: Path) -> None:
            self.open_url(QUrl.fromLocalFile(str(path)))
            self.attachment_opened.emit(path)

        self.runner.run(work, done, lambda exc: present_error(self, exc), owner=self)

    def save_attachment(self, att: NoticeAttachment) -> QFileDialog | None:
        notice = self.reader.notice
        if notice is None or self.offline:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        suffix = att.file_name.rsplit(".", 1)[-1].lower()
        dialog = QFileDialog(self, "保存附件", str(Path(folder) / att.file_name), f"{suffix.upper()} 文件 (*.{suffix})")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        notice_id = notice.id
        dialog.fileSelected.connect(lambda name: self.save_attachment_to(notice_id, att, Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def save_attachment_to(self, notice_id: int, att: NoticeAttachment, path: Path) -> None:
        client = self.client

        def work() -> Path:
            path.write_bytes(client.notices.attachment(notice_id, att.id))
            return path

        self.runner.run(work, self.attachment_saved.emit, lambda exc: present_error(self, exc), owner=self)

    # --- calendar ---------------------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.calendar is not None:
            self.calendar_view.set_now(self.clock.now())

    def export_calendar(self) -> QFileDialog | None:
        if self.calendar is None:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(self, "导出日程", str(Path(folder) / "自考日程.ics"), "iCalendar 文件 (*.ics)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("ics")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_calendar_to(Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def export_calendar_to(self, path: Path) -> None:
        items, stamp = self.calendar_view.shown_items(), self.clock.now()

        def work() -> Path:
            path.write_bytes(build_ics(items, stamp).encode("utf-8"))
            return path

        self.runner.run(work, self.calendar_exported.emit, lambda exc: present_error(self, exc), owner=self)

    # --- announcements -------------------------------------------------------------------------------------
    def _add_local_banner(self, banner: Banner) -> None:
        self.banner_area.addWidget(banner)

    def _banner(self, text: str, action_text: str | None = None, on_action: Callable[[], None] | None = None) -> Banner:
        banner = post_banner(self, self._add_local_banner, text, action_text, on_action)
        self.banners.append(banner)
        banner.closed.connect(lambda: self.banners.remove(banner) if banner in self.banners else None)
        return banner

    def _announce(self, news: NewNotices) -> None:
        first = news.items[0].title if news.items else ""
        more = f"等 {news.count} 条" if news.count > 1 else ""
        self._banner(f"自上次登录以来有新通知：《{first}》{more}", "查看通知(&V)", self.show_new_notices)

    def show_new_notices(self) -> None:
        """Bring this tab and the notice list forward and open the newest new notice."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        if isinstance(parent, QTabWidget):
            parent.setCurrentWidget(self)
        self.inner_tabs.setCurrentIndex(0)
        if self.news and self.news.items:
            self.select_notice(self.news.items[0].id)
        self.table.setFocus()

    @property
    def tray_available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def notify(self, reminder: Reminder) -> None:
        """A reminder: the system tray's message, or (no tray) a banner in the window."""
        if self.tray_available:
            if self.tray is None:
                self.tray = QSystemTrayIcon(self.window().windowIcon() or QIcon(), self)
                self.tray.setToolTip("湖南自考自助服务")
                self.tray.messageClicked.connect(lambda: self.inner_tabs.setCurrentWidget(self.calendar_view))
            self.tray.show()
            self.tray.showMessage("自考日程提醒", reminder.message, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self._banner(f"日程提醒：{reminder.message}", "查看日程", self.show_calendar)
        self.reminded.emit(reminder)

    def show_calendar(self) -> None:
        self.show_new_notices()
        self.inner_tabs.setCurrentWidget(self.calendar_view)


def _as_read(notice: Notice) -> Notice:
    return replace(notice, read=True)


def offline_loaded(copy: OfflineCopy, reason: str) -> Loaded:
    assert copy.notices is not None
    return Loaded(copy.notices, copy.calendar, dict(copy.bodies), None, True, copy.saved_at, reason)
