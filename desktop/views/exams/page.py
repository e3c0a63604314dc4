"""考试信息: the timetable of a session, the admission ticket and the registration history.

Two sub-tabs.  "考试安排与准考证": a session selector (the upcoming session first, then every
session registered for), the four slots of that session with course, site, room and seat, and
the 准考证 box (``TicketPanel``).  "报考历史": every session registered for (amount paid, outcome)
and, below, the courses of the chosen one.

Everything loads on a worker when the tab is first shown and on F5; until the first load is
there the page shows ``StatePage`` (loading, or the reason and 重试).  Choosing another session
loads only its timetable and ticket state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.types import Calendar, ExamHistorySession, Timetable
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.documents.render import format_datetime
from desktop.models.exams_models import HistoryCourseModel, HistorySessionModel, TimetableModel
from desktop.views.exams.ticket_panel import TicketPanel, TicketState, load_ticket
from desktop.views.widgets.state_page import StatePage

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

CHINA = timezone(timedelta(hours=8))
PERSONAL_CENTER = "个人中心"


@dataclass(frozen=True)
class SessionData:
    """One session's timetable and ticket state."""

    timetable: Timetable
    ticket: TicketState


@dataclass(frozen=True)
class PageData:
    calendar: Calendar
    history: list[ExamHistorySession]
    session: SessionData


def load_session(client: ApiClient, session_code: str | None) -> SessionData:
    """Timetable and ticket state of ``session_code`` (default: the upcoming session)."""
    timetable = client.exams.timetable(session_code)
    return SessionData(timetable, load_ticket(client, timetable.session_code))


def load_page(client: ApiClient, session_code: str | None) -> PageData:
    """Everything the tab shows (worker thread)."""
    calendar = client.system.calendar()
    history = client.exams.sessions()
    return PageData(calendar, history, load_session(client, session_code))


def _table(model: object, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def fit_height(view: QTableView) -> None:
    """Make ``view`` exactly as tall as its rows (the timetable has four: no scrolling, no gap)."""
    view.resizeRowsToContents()
    rows = sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    view.setFixedHeight(rows + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth())


class ExamsPage(QWidget):
    """The 考试信息 tab."""

    TITLE = "考试信息"

    loaded = Signal()  # after every successful (re)load of the page or of one session

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("examsPage")
        self.client = client
        self.runner = runner
        self.calendar: Calendar | None = None
        self.history: list[ExamHistorySession] = []
        self.timetable: Timetable | None = None
        self.server_offset = timedelta(0)
        self._loading = False
        self._started = False
        self._filling = False
        self.timetable_model = TimetableModel(self)
        self.history_model = HistorySessionModel(self)
        self.course_model = HistoryCourseModel(self)
        self._build()

    # --- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.state_page = StatePage()
        self.state_page.retry_requested.connect(self.refresh)
        self.state_label = self.state_page.label
        self.retry_button = self.state_page.retry_button

        self.sub_tabs = QTabWidget()
        self.sub_tabs.setObjectName("examsSubTabs")
        self.sub_tabs.addTab(self._build_schedule(), "考试安排与准考证(&A)")
        self.sub_tabs.addTab(self._build_history(), "报考历史(&H)")

        self.stack.addWidget(self.state_page)
        self.stack.addWidget(self.sub_tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _build_schedule(self) -> QWidget:
        page = QWidget()
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sessionCombo")
        self.session_combo.setMinimumContentsLength(16)
        self.session_combo.currentIndexChanged.connect(self._session_chosen)
        caption = QLabel("考次(&K)：")
        caption.setBuddy(self.session_combo)
        self.session_status = QLabel()
        self.session_status.setObjectName("hint")
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.session_combo)
        top.addSpacing(12)
        top.addWidget(self.session_status, 1)

        self.timetable_view = _table(self.timetable_model, "timetableView")
        self.timetable_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.timetable_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timetable_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.seat_note = QLabel()
        self.seat_note.setObjectName("seatNote")
        self.seat_note.setWordWrap(True)

        self.ticket_panel = TicketPanel(self.runner, self.server_now, self)
        self.ticket_panel.upload_photo_requested.connect(self.go_upload_photo)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.timetable_view)
        layout.addWidget(self.seat_note)
        layout.addWidget(self.ticket_panel)
        layout.addStretch(1)
        return page

    def _build_history(self) -> QWidget:
        page = QWidget()
        self.history_view = _table(self.history_model, "historyView")
        self.history_view.selectionModel().selectionChanged.connect(self._history_chosen)
        self.history_empty = QLabel("您还没有报考过任何考次。")
        self.history_empty.setObjectName("hint")
        self.course_caption = QLabel("本考次的课程：")
        self.course_caption.setObjectName("fieldCaption")
        self.course_view = _table(self.course_model, "historyCourseView")
        self.course_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        caption = QLabel("报考过的考次(&G)（新的在前）：")
        caption.setBuddy(self.history_view)
        layout.addWidget(caption)
        layout.addWidget(self.history_empty)
        layout.addWidget(self.history_view, 2)
        layout.addWidget(self.course_caption)
        layout.addWidget(self.course_view, 3)
        return page

    # --- loading ---------------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.refresh()
        elif self.ticket_panel.state is not None and self.ticket_panel.state.code == "photo_missing":
            self.refresh()  # back from the 个人中心: the photo may be there now

    def refresh(self) -> None:
        """(Re)load everything, keeping the chosen session."""
        if self._loading:
            return
        self._loading = True
        self._started = True
        if self.calendar is None:
            self.state_page.show_loading("正在加载考试信息…")
            self.stack.setCurrentWidget(self.state_page)
        else:
            self.session_status.setText("正在刷新…")
        client = self.client
        code = self.current_session_code()
        self.runner.run(lambda: load_page(client, code), self._loaded, self._load_failed, owner=self)

    def _loaded(self, data: PageData) -> None:
        self._loading = False
        self.calendar = data.calendar
        self.server_offset = data.calendar.server_time - datetime.now(CHINA)
        self.history = list(data.history)
        self._fill_sessions(data.calendar, data.history, data.session.timetable.session_code)
        self._fill_history()
        self._show_session(data.session)
        self.stack.setCurrentWidget(self.sub_tabs)
        self.loaded.emit()

    def _load_failed(self, exc: Exception) -> None:
        self._loading = False
        if self.calendar is None:
            self.state_page.show_failure(f"考试信息加载失败：{user_message(exc)}")
        else:
            self.session_status.setText(f"刷新失败：{user_message(exc)}（按 F5 重试）")

    def _fill_sessions(self, calendar: Calendar, history: list[ExamHistorySession], current: str) -> None:
        """The upcoming session first, then every session registered for, newest first."""
        names = {s.code: s.name for s in calendar.sessions}
        codes = [calendar.upcoming, *sorted({h.session_code for h in history} - {calendar.upcoming}, reverse=True)]
        names.update({h.session_code: h.session_name for h in history})
        self._filling = True
        self.session_combo.clear()
        for code in codes:
            label = names.get(code, code)
            self.session_combo.addItem(f"{label}（本次考试）" if code == calendar.upcoming else label, code)
        self.session_combo.setCurrentIndex(max(0, self.session_combo.findData(current)))
        self._filling = False

    def current_session_code(self) -> str | None:
        code = self.session_combo.currentData()
        return code if isinstance(code, str) else None

    def choose_session(self, code: str) -> None:
        index = self.session_combo.findData(code)
        if index < 0:
            raise LookupError(code)
        self.session_combo.setCurrentIndex(index)

    def _session_chosen(self, _index: int) -> None:
        code = self.current_session_code()
        if self._filling or code is None or self._loading:
            return
        if self.timetable is not None and self.timetable.session_code == code:
            return
        self._loading = True
        self.session_status.setText("正在加载…")
        self.ticket_panel.show_loading()
        client = self.client

        def failed(exc: Exception) -> None:
            self._loading = False
            self.session_status.setText(f"加载失败：{user_message(exc)}（按 F5 重试）")
            self.ticket_panel.show_failure(exc)

        def done(data: SessionData) -> None:
            self._loading = False
            self._show_session(data)
            self.loaded.emit()

        self.runner.run(lambda: load_session(client, code), done, failed, owner=self)

    # --- showing -----------------------------------------------------------------------------------------
    def _show_session(self, data: SessionData) -> None:
        timetable = data.timetable
        self.timetable = timetable
        self.timetable_model.set_timetable(timetable, self.server_now())
        fit_height(self.timetable_view)
        self.session_status.setText(self._status_text(timetable))
        self.seat_note.setText(self._seat_note(timetable))
        self.ticket_panel.show_state(data.ticket, timetable)

    def _status_text(self, timetable: Timetable) -> str:
        entry = next((h for h in self.history if h.session_code == timetable.session_code), None)
        count = len(self.timetable_model.registered)
        if not count:
            return "本考次没有已缴费的报考课程"
        where = f"，考点：{entry.site_name}" if entry and entry.site_name else ""
        return f"已报考 {count} 门{where}" + (f"（{entry.status_text}）" if entry else "")

    def _seat_note(self, timetable: Timetable) -> str:
        registered = self.timetable_model.registered
        if not registered:
            return ""
        if timetable.seats_assigned:
            return "考场和座位已编排，请按准考证上的考场和座位号入座。"
        if self.server_now() >= timetable.ticket_print_close:
            return "该考次考试已结束。"
        return f"考场和座位将在准考证打印开放时（{format_datetime(timetable.ticket_print_open)}）统一编排。"

    def _fill_history(self) -> None:
        chosen = self._chosen_history_code()
        self.history_model.set_items(self.history)
        self.history_empty.setVisible(not self.history)
        row = self.history_model.row_of(chosen) if chosen else -1
        if self.history:
            self.history_view.selectRow(max(row, 0))
        else:
            self.course_model.set_session(None)

    def _chosen_history_code(self) -> str | None:
        rows = self.history_view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= self.history_model.rowCount():
            return None
        return self.history_model.item(rows[0].row()).session_code

    def _history_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.history_view.selectionModel().selectedRows()
        session = self.history_model.item(rows[0].row()) if rows else None
        self.course_model.set_session(session)
        self.course_caption.setText(f"{session.session_name}考次的课程：" if session else "本考次的课程：")

    # --- the way to the photo ------------------------------------------------------------------------------
    def go_upload_photo(self) -> bool:
        """Switch to the 个人中心 tab and open its photo upload (when this page lives in the main window)."""
        window = self.window()
        pages = getattr(window, "pages", None)
        tabs = getattr(window, "tabs", None)
        center = pages.get(PERSONAL_CENTER) if isinstance(pages, dict) else None
        if center is None or not isinstance(tabs, QTabWidget):
            return False
        tabs.setCurrentWidget(center)
        opener = getattr(center, "open_upload_photo", None)
        if callable(opener):
            opener()
        return True

    def server_now(self) -> datetime:
        return datetime.now(CHINA) + self.server_offset
