"""通知公告 tab: notices (list, category filter, full-text search, reader, attachments) and
我的日程 (the personal calendar with countdowns, reminders and .ics export).

A ``ModulePage`` (``docs/desktop-core.md``): the list (with every listed notice's body), the
calendar and the notices new since the last login load at once (``requests``), so opening a
notice needs no request for its text.  The page loads as soon as it is built, whether shown or
not, so new notices since the last login are announced in a banner whichever tab is open.

Store topics: ``NOTICES`` (published here when a notice is read), ``REGISTRATIONS`` (a payment
adds exams to 我的日程) and ``CLOCK`` (a tester moved the server's clock: countdowns and
reminders follow ``self.clock``, the program's one server clock).  Every time is written by
``desktop.core.timefmt`` (Beijing time).

When the server cannot be reached the last copy (``OfflineStore``, per user, given by the shell
through ``attach_local``) is shown, marked "离线副本（只读）": search, unread filter and
attachments are off; reading, the category filter, the countdowns and the .ics export (a local
file) still work.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ConnectionFailed, RequestTimeout, ServerError
from desktop.api.notices import (
    CATEGORIES,
    NewNotices,
    Notice,
    NoticeAttachment,
    NoticeList,
    NoticeSummary,
    PersonalCalendar,
)
from desktop.core.clock import ServerClock
from desktop.core.errors import present_error, user_message
from desktop.core.offline import OfflineCopy, OfflineStore
from desktop.core.reminders import Reminder, ReminderService
from desktop.core.store import CLOCK, NOTICES, REGISTRATIONS, SessionStore
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import datetime_text
from desktop.documents.ics import build_ics
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.notices_models import NoticeTableModel
from desktop.views.notices.banner import Banner, post_banner
from desktop.views.notices.calendar_view import CalendarView
from desktop.views.notices.reader import NoticeReader
from desktop.views.page import IDLE, ModulePage
from desktop.views.widgets.files import documents_path, save_dialog
from desktop.views.widgets.forms import buddy_label, hint
from desktop.views.widgets.submit_dialog import confirm
from desktop.views.widgets.tables import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient
    from desktop.core.settings import AppSettings

log = logging.getLogger(__name__)

OFFLINE_TEXT = QT_TR_NOOP("离线副本（只读）")
ALL = QT_TR_NOOP("全部分类")
LIST_LIMIT = 200
UNREACHABLE = (ConnectionFailed, RequestTimeout, ServerError)


@dataclass
class Listing:
    """The notice list as loaded: from the server, or from the offline copy."""

    notices: NoticeList
    bodies: dict[int, Notice] = field(default_factory=dict)
    offline: bool = False
    saved_at: datetime | None = None
    reason: str = ""
    calendar: PersonalCalendar | None = None  # the copy's calendar (offline only)


@dataclass(frozen=True)
class NoticeRead:
    """``NOTICES`` payload: a notice was read; ``unread`` is how many are left unread."""

    notice: NoticeSummary
    unread: int | None


def _remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


class NoticesPage(ModulePage):
    OBJECT_NAME = "noticesPage"
    TITLE = QT_TR_NOOP("通知公告")
    LOADING_TEXT = QT_TR_NOOP("正在加载通知公告…")
    TOPICS = frozenset({NOTICES, REGISTRATIONS, CLOCK})

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
        store: SessionStore | None = None,
        clock: ServerClock | None = None,
        offline: OfflineStore | None = None,
        settings: AppSettings | None = None,
        reminder_tick_ms: int = 30_000,
    ) -> None:
        # before the base's __init__: ``setup`` uses them
        #: this user's offline copy (the shell gives it with ``attach_local``)
        self.offline_store = offline
        self.settings = settings
        self._reminder_tick_ms = reminder_tick_ms
        super().__init__(client, runner, parent, store=store, clock=clock)

    def setup(self) -> None:
        #: the copy is shown (the server could not be reached)
        self.offline = False
        self.bodies: dict[int, Notice] = {}
        self.calendar: PersonalCalendar | None = None
        self.news: NewNotices | None = None
        self.banners: list[Banner] = []
        self.file_dialog: QFileDialog | None = None
        self.total: int | None = None
        self.unread: int | None = None
        self._has_widgets = False
        self._announced = False
        self._list_only = False
        self._reading: int | None = None
        self._offline_items: tuple[NoticeSummary, ...] = ()
        self._news_banner: Banner | None = None
        #: how an attachment is opened (tests replace it)
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.no_viewer_box: QMessageBox | None = None
        # opened attachments are copied here (made on first use, on a worker; removed with the page)
        self._temp_dir = str(Path(tempfile.gettempdir()) / f"zikao-notices-{secrets.token_hex(8)}")
        self.destroyed.connect(lambda _obj=None, path=self._temp_dir: _remove_tree(path))

        self.model = NoticeTableModel(self)
        self.reminders = ReminderService(self.clock.now, self, tick_ms=self._reminder_tick_ms)
        self.reminders.reminder.connect(self.notify)
        self.tray: QSystemTrayIcon | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(30_000)
        self._countdown.timeout.connect(self._tick)
        # new notices are announced at login, whichever tab is open: load once built, shown or not
        QTimer.singleShot(0, self._load_if_idle)

    def _load_if_idle(self) -> None:
        if self.state == IDLE:
            self.refresh()

    # --- building --------------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        self.offline_label = QLabel(tr(OFFLINE_TEXT))
        self.offline_label.setObjectName("offlineLabel")
        self.offline_label.setStyleSheet(
            "#offlineLabel { background: #fdecea; color: #a12622; padding: 4px 8px; border-radius: 3px; }"
        )
        self.offline_label.hide()
        self.status_label = hint(wrap=False)
        self.status_label.hide()
        self.reconnect_button = QPushButton(tr("重新连接(&R)"))
        self.reconnect_button.setObjectName("reconnectButton")
        self.reconnect_button.clicked.connect(self.refresh)
        self.reconnect_button.hide()
        offline_row = QHBoxLayout()
        offline_row.addWidget(self.offline_label, 1)
        offline_row.addWidget(self.reconnect_button)

        # 通知公告
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        self.category_combo.addItem(tr(ALL), None)
        for category in CATEGORIES:
            self.category_combo.addItem(tr(category), category)
        self.category_combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        category_label = buddy_label(tr("分类(&C)："), self.category_combo)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(tr("搜索标题和正文，多个词用空格分开"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.search)
        self.search_edit.textChanged.connect(lambda text: self.search() if not text else None)
        search_label = buddy_label(tr("搜索(&F)："), self.search_edit)
        self.search_button = QPushButton(tr("搜索"))
        self.search_button.setObjectName("searchButton")
        self.search_button.clicked.connect(self.search)
        self.unread_box = QCheckBox(tr("只看未读(&U)"))
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

        self.table = table_view(self.model, "noticeTable", accessible=tr("通知列表"), word_wrap=False, stretch=1)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._row_changed(current.row()))
        self.count_label = hint(wrap=False)
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
        self.inner_tabs.addTab(notices_tab, tr("通知公告(&N)"))
        self.inner_tabs.addTab(self.calendar_view, tr("我的日程(&J)"))
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(10, 8, 10, 8)
        self.banner_area = QVBoxLayout()
        content_layout.addLayout(self.banner_area)
        content_layout.addLayout(offline_row)
        content_layout.addWidget(self.inner_tabs, 1)
        content_layout.addWidget(self.status_label)
        self._has_widgets = True
        self._apply_settings()
        return content

    # --- local data (the controller hands it over after login) --------------------------------------------
    def attach_local(self, store: OfflineStore | None, settings: AppSettings | None) -> None:
        """This user's offline copy and the program's settings (from the shell, after login)."""
        self.offline_store = store
        self.settings = settings
        self._apply_settings()

    def _apply_settings(self) -> None:
        if self.settings is None:
            return
        self.reminders.lead = timedelta(minutes=self.settings.reminder_lead_minutes)
        self.reminders.enabled = self.settings.reminders_enabled
        if self._has_widgets:
            self.calendar_view.set_lead(self.settings.reminder_lead_minutes)
            self.calendar_view.reminders_box.setChecked(self.settings.reminders_enabled)

    def _lead_changed(self, minutes: int) -> None:
        if self.settings is not None:
            self.settings.reminder_lead_minutes = minutes
        self.reminders.set_lead(minutes)

    def _reminders_toggled(self, enabled: bool) -> None:
        if self.settings is not None:
            self.settings.reminders_enabled = enabled
        self.reminders.set_enabled(enabled)

    # --- loading ----------------------------------------------------------------------------------------
    @property
    def category(self) -> str | None:
        value = self.category_combo.currentData() if self._has_widgets else None
        return value if isinstance(value, str) else None

    @property
    def query(self) -> str:
        return self.search_edit.text().strip() if self._has_widgets else ""

    @property
    def filtered(self) -> bool:
        return bool(self.category or self.query or (self._has_widgets and self.unread_box.isChecked()))

    def requests(self) -> dict[str, Callable[[], Any]]:
        """The list with its bodies, the calendar and (once) the news: independent, all at once.

        After a filter or a search only the list is asked for again.
        """
        client, copy_store = self.client, self.offline_store
        category, query = self.category, self.query
        unread = self._has_widgets and self.unread_box.isChecked() and not self.offline

        def notices() -> Listing:
            try:
                page = client.notices.list(
                    category=category, query=query, unread_only=unread, limit=LIST_LIMIT, with_bodies=True
                )
            except UNREACHABLE as exc:
                copy = copy_store.load() if copy_store is not None else None
                if copy is None or copy.notices is None:
                    raise
                return offline_listing(copy, user_message(exc))
            return Listing(page, page.notices())

        fns: dict[str, Callable[[], Any]] = {"notices": notices}
        if not self._list_only or self.calendar is None:
            fns["calendar"] = _unless_unreachable(client.notices.calendar)
        if not self._announced:
            fns["news"] = _unless_unreachable(client.notices.new_since_login)
        self._list_only = False
        return fns

    def apply(self, results: dict[str, Any]) -> None:
        listing: Listing = results["notices"]
        self.set_offline(listing.offline, listing.saved_at)
        self.bodies.update(listing.bodies)
        items = list(listing.notices.items)
        if listing.offline:
            self._offline_items = listing.notices.items
            if self.category:
                items = [n for n in items if n.category == self.category]
        selected = self._reading
        self.model.set_items(items)
        if listing.offline:
            self.total = self.unread = None
        else:
            self.total, self.unread = listing.notices.total, listing.notices.unread
        self._update_count()
        calendar = listing.calendar if listing.offline else results.get("calendar")
        if calendar is not None:
            self.calendar = calendar
            self.calendar_view.set_calendar(calendar, self.clock.now())
            self.reminders.set_items(calendar.items)
            self.reminders.start()
            self._countdown.start()
        row = self.model.row_of(selected) if selected is not None else None
        if row is not None:
            self.table.selectRow(row)
        if listing.offline:
            return
        self._save_copy(listing, results.get("calendar"))
        news: NewNotices | None = results.get("news")
        if news is not None:
            self._announced = True
            self.news = news
            if news.count:
                self._announce(news)

    def show_status(self, text: str) -> None:
        if self._has_widgets:
            self.status_label.setText(text)
            self.status_label.setVisible(bool(text))

    def _save_copy(self, listing: Listing, calendar: PersonalCalendar | None) -> None:
        store = self.offline_store
        if store is None:
            return
        # the bodies are kept once, by id (not again inside the list)
        notices = None if self.filtered else replace(listing.notices, bodies=())
        bodies, stamp = dict(self.bodies), listing.notices.server_time
        self.runner.run(
            lambda: store.save(stamp, notices=notices, bodies=bodies, calendar=calendar),
            on_failure=lambda exc: log.warning("offline copy not saved: %s", exc),
        )

    def set_offline(self, offline: bool, saved_at: datetime | None = None) -> None:
        self.offline = offline
        text = tr(OFFLINE_TEXT)
        if offline and saved_at is not None:
            text += tr("：服务器暂时无法连接，显示 {datetime_text} 保存的内容").format(
                datetime_text=datetime_text(saved_at)
            )
        self.offline_label.setText(text)
        self.offline_label.setVisible(offline)
        self.reconnect_button.setVisible(offline)
        for widget in (self.search_edit, self.search_button, self.unread_box):
            widget.setEnabled(not offline)
        self.reader.set_files_enabled(not offline)

    def _update_count(self) -> None:
        if self.total is None or self.unread is None:
            self.count_label.setText(tr("共 {rowCount} 条（离线副本）").format(rowCount=self.model.rowCount()))
            return
        filtered = tr(" · 搜索结果") if self.query else ""
        self.count_label.setText(
            tr("共 {total} 条{filtered} · 未读 {unread} 条").format(
                total=self.total, filtered=filtered, unread=self.unread
            )
        )

    # --- the store ---------------------------------------------------------------------------------------
    def mark_stale(self) -> None:
        self._list_only = False  # a change elsewhere: everything again, not only the list
        super().mark_stale()

    def on_topic(self, topic: str, payload: object) -> None:
        if topic == CLOCK and self.calendar is not None and self._has_widgets:
            self._tick()  # the countdowns at once, the reload follows
            self.reminders.tick()
        super().on_topic(topic, payload)

    # --- filters and search -----------------------------------------------------------------------------
    def _filters_changed(self) -> None:
        if self.offline:
            self._show_offline_filtered()
            return
        if not self.stale:
            self._list_only = True
        self.refresh()

    def search(self) -> None:
        if not self.offline:
            self._filters_changed()

    def _show_offline_filtered(self) -> None:
        category = self.category
        self.model.set_items([n for n in self._offline_items if category is None or n.category == category])
        self._update_count()

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
            self.reader.show_notice(cached, summary, tr("离线副本中没有这条通知的正文，连接服务器后可以阅读。"))
            return
        if cached is not None:
            self.reader.show_notice(cached)
            if summary.read:
                return  # the text came with the list: nothing to ask the server
        else:
            self.reader.show_notice(None, summary, tr("正在加载…"))
        client, notice_id, was_read = self.client, summary.id, summary.read

        def work() -> tuple[Notice, NoticeSummary | None]:
            notice = cached if cached is not None else client.notices.get(notice_id)
            marked = None if was_read else client.notices.mark_read(notice_id)
            return notice, marked

        def done(answer: tuple[Notice, NoticeSummary | None]) -> None:
            notice, marked = answer
            notice = replace(notice, read=notice.read or marked is not None)
            self.bodies[notice.id] = notice
            if self._reading == notice.id:
                self.reader.show_notice(notice)
            self.model.replace(marked if marked is not None else notice)
            if marked is not None:
                if self.unread is not None:
                    self.unread = max(0, self.unread - 1)
                self._update_count()
                self._news_read(marked.id)
                self.publish(NOTICES, NoticeRead(marked, self.unread))

        self.runner.run(work, done, lambda exc: self._read_failed(exc, notice_id), owner=self)

    def _read_failed(self, exc: Exception, notice_id: int) -> None:
        if isinstance(exc, UNREACHABLE):
            cached = self.bodies.get(notice_id)
            row = self.model.row_of(notice_id)
            if row is not None and self._reading == notice_id:
                self.reader.show_notice(
                    cached,
                    self.model.item(row),
                    tr("无法加载正文：{user_message}").format(user_message=user_message(exc)),
                )
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
            if self.open_url(QUrl.fromLocalFile(str(path))) is False:  # no viewer for this kind of file
                self.no_viewer_box = self._offer_save(att)
                return
            self.attachment_opened.emit(path)

        self.runner.run(work, done, lambda exc: present_error(self, exc), owner=self)

    def _offer_save(self, att: NoticeAttachment) -> QMessageBox:
        """The system could not open the file: say so, and offer 另存为."""
        kind = att.file_name.rsplit(".", 1)[-1].upper() if "." in att.file_name else ""
        text = (
            tr("这台电脑上没有能打开“{file_name}”的程序").format(file_name=att.file_name)
            + (tr("（{kind} 文件）").format(kind=kind) if kind else "")
            + tr("。\n可以先把附件另存到电脑上，再用其他程序打开它。")
        )
        return confirm(
            self, tr("无法打开附件"), text, tr("另存为(&S)…"), lambda: self.save_attachment(att), no_text=tr("关闭"),
            object_name="noViewerBox",
        )  # fmt: skip

    def save_attachment(self, att: NoticeAttachment) -> QFileDialog | None:
        notice = self.reader.notice
        if notice is None or self.offline:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        suffix = att.file_name.rsplit(".", 1)[-1].lower()
        path, filter_text = (
            str(Path(folder) / att.file_name),
            tr("{upper} 文件 (*.{suffix})").format(upper=suffix.upper(), suffix=suffix),
        )
        notice_id = notice.id
        chosen = partial(self.save_attachment_to, notice_id, att)
        self.file_dialog = save_dialog(self, tr("保存附件"), path, filter_text, suffix, chosen)
        return self.file_dialog

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
        path = documents_path(tr("自考日程.ics"))
        self.file_dialog = save_dialog(
            self, tr("导出日程"), path, tr("iCalendar 文件 (*.ics)"), "ics", self.export_calendar_to
        )
        return self.file_dialog

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
        self._news_banner = self._banner(news_text(news), tr("查看通知(&V)"), self.show_new_notices)

    def _news_read(self, notice_id: int) -> None:
        """A new notice was read: the banner names the ones still unread, or goes."""
        news = self.news
        if news is None or all(n.id != notice_id for n in news.items):
            return
        items = tuple(n for n in news.items if n.id != notice_id)
        self.news = replace(news, count=len(items), items=items)
        banner = self._news_banner
        if banner is None or banner not in self.banners:
            return
        if items:
            banner.label.setText(news_text(self.news))
        else:
            self._news_banner = None
            banner.dismiss()

    def show_new_notices(self) -> None:
        """Bring this tab and the notice list forward and open the newest new notice."""
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if isinstance(tabs, QTabWidget):  # the main window's tab holding this page (maybe in a slot)
            widget: QWidget | None = self
            while widget is not None and tabs.indexOf(widget) < 0:
                widget = widget.parentWidget()
            if widget is not None:
                tabs.setCurrentWidget(widget)
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
                self.tray.setToolTip(tr("湖南自考自助服务"))
                self.tray.messageClicked.connect(lambda: self.inner_tabs.setCurrentWidget(self.calendar_view))
            self.tray.show()
            self.tray.showMessage(tr("自考日程提醒"), reminder.message, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self._banner(tr("日程提醒：{message}").format(message=reminder.message), tr("查看日程"), self.show_calendar)
        self.reminded.emit(reminder)

    def show_calendar(self) -> None:
        self.show_new_notices()
        self.inner_tabs.setCurrentWidget(self.calendar_view)


def news_text(news: NewNotices) -> str:
    first = news.items[0].title if news.items else ""
    more = tr("等 {count} 条").format(count=news.count) if news.count > 1 else ""
    return tr("自上次登录以来有新通知：《{first}》{more}").format(first=first, more=more)


def _unless_unreachable(fn: Callable[[], Any]) -> Callable[[], Any]:
    """``fn``, or None when the server cannot be reached (the list decides: copy or failure)."""

    def call() -> Any:
        try:
            return fn()
        except UNREACHABLE:
            return None

    return call


def offline_listing(copy: OfflineCopy, reason: str) -> Listing:
    assert copy.notices is not None
    return Listing(copy.notices, dict(copy.bodies), True, copy.saved_at, reason, copy.calendar)
