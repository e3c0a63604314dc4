"""考试信息: the timetable of a session, the admission ticket and the registration history.

Two sub-tabs.  "考试安排与准考证": a session selector (the upcoming session first, then every
session registered for), the four slots of that session with course, site, room and seat, and
the 准考证 box (``TicketPanel``).  "报考历史": every session registered for (amount paid, outcome)
and, below, the courses of the chosen one.

A ``ModulePage`` (``docs/desktop-core.md``): the calendar, the history, the timetable, the ticket
and its photo are five independent requests sent at once (the upcoming session needs no code, so
nothing waits for the calendar).  Choosing another session loads only that session, its three
requests again at once.  The page is stale when a payment adds courses (``registrations``), a
photo is uploaded (``profile``: the ticket's photo) or the server's clock moves (``clock``: the
printing window may have opened or closed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.types import Calendar, ExamHistorySession, Timetable
from desktop.core.errors import user_message
from desktop.core.store import CLOCK, PROFILE, REGISTRATIONS
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.exams_models import HistoryCourseModel, HistorySessionModel, TimetableModel
from desktop.views.exams.ticket_panel import TicketPanel, TicketState, ticket_requests, ticket_state
from desktop.views.page import ModulePage
from desktop.views.widgets.forms import buddy_label, caption, hint
from desktop.views.widgets.tables import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

PERSONAL_CENTER = QT_TR_NOOP("个人中心")


def session_requests(client: ApiClient, session_code: str | None) -> dict[str, Callable[[], Any]]:
    """Timetable, ticket and photo of ``session_code`` (None: the upcoming session), independent."""
    return {"timetable": lambda: client.exams.timetable(session_code), **ticket_requests(client, session_code)}


def session_state(results: dict[str, Any]) -> tuple[Timetable, TicketState]:
    """The timetable and the ticket state from the answers of ``session_requests``."""
    timetable: Timetable = results["timetable"]
    return timetable, ticket_state(timetable.session_code, results["ticket"], results["photo"])


def fit_height(view: QTableView) -> None:
    """Make ``view`` exactly as tall as its rows (the timetable has four: no scrolling, no gap)."""
    view.resizeRowsToContents()
    rows = sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    view.setFixedHeight(rows + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth())


class ExamsPage(ModulePage):
    """The 考试信息 tab."""

    OBJECT_NAME = "examsPage"
    TITLE = QT_TR_NOOP("考试信息")
    LOADING_TEXT = QT_TR_NOOP("正在加载考试信息…")
    TOPICS = frozenset({REGISTRATIONS, PROFILE, CLOCK})

    def setup(self) -> None:
        self.calendar: Calendar | None = None
        self.history: list[ExamHistorySession] = []
        self.timetable: Timetable | None = None
        #: the session asked for (None: the upcoming one, whichever that is when the page loads)
        self._chosen: str | None = None
        #: every session load (the page's or one session's) gets the next number; only the
        #: latest one is shown (a reload never overwrites a session chosen meanwhile)
        self._session_seq = 0
        self._reload_seq = 0
        self._session_loading = False  # one session's own load is in flight
        self._session_text = ""
        self._filling = False
        self.timetable_model = TimetableModel(self)
        self.history_model = HistorySessionModel(self)
        self.course_model = HistoryCourseModel(self)

    # --- building --------------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        self._sub_tabs = QTabWidget()
        self._sub_tabs.setObjectName("examsSubTabs")
        self._sub_tabs.addTab(self._build_schedule(), tr("考试安排与准考证(&A)"))
        self._sub_tabs.addTab(self._build_history(), tr("报考历史(&H)"))
        return self._sub_tabs

    @property
    def sub_tabs(self) -> QTabWidget:
        self.ensure_built()
        return self._sub_tabs

    def _build_schedule(self) -> QWidget:
        page = QWidget()
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sessionCombo")
        self.session_combo.setMinimumContentsLength(16)
        self.session_combo.currentIndexChanged.connect(self._session_chosen)
        session_label = buddy_label(tr("考次(&K)："), self.session_combo)
        self.session_status = hint(wrap=False)
        top = QHBoxLayout()
        top.addWidget(session_label)
        top.addWidget(self.session_combo)
        top.addSpacing(12)
        top.addWidget(self.session_status, 1)

        self.timetable_view = table_view(self.timetable_model, "timetableView", alternating=True, word_wrap=False)
        self.timetable_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.timetable_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timetable_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.seat_note = QLabel()
        self.seat_note.setObjectName("seatNote")
        self.seat_note.setWordWrap(True)

        self.ticket_panel = TicketPanel(self.runner, self.clock.now, page)
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
        self.history_view = table_view(self.history_model, "historyView", alternating=True, word_wrap=False)
        self.history_view.selectionModel().selectionChanged.connect(self._history_chosen)
        self.history_empty = hint(tr("您还没有报考过任何考次。"), wrap=False)
        self.course_caption = caption(tr("本考次的课程："))
        self.course_view = table_view(self.course_model, "historyCourseView", alternating=True, word_wrap=False)
        self.course_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        history_label = buddy_label(tr("报考过的考次(&G)（新的在前）："), self.history_view)
        layout.addWidget(history_label)
        layout.addWidget(self.history_empty)
        layout.addWidget(self.history_view, 2)
        layout.addWidget(self.course_caption)
        layout.addWidget(self.course_view, 3)
        return page

    # --- loading ---------------------------------------------------------------------------------------
    def requests(self) -> dict[str, Callable[[], Any]]:
        """Calendar, history and the chosen session (timetable, ticket, photo): all at once."""
        client = self.client
        self._session_seq += 1
        self._reload_seq = self._session_seq
        self._session_loading = False  # this reload loads the chosen session too
        return {
            "calendar": client.system.calendar,
            "history": client.exams.sessions,
            **session_requests(client, self._chosen),
        }

    def apply(self, results: dict[str, Any]) -> None:
        self.calendar = results["calendar"]
        self.history = list(results["history"])
        timetable, ticket = session_state(results)
        current = self._reload_seq == self._session_seq  # no other session was chosen meanwhile
        self._fill_sessions(self.calendar, self.history, timetable.session_code if current else self._chosen)
        self._fill_history()
        if current:
            self._show_session(timetable, ticket)

    def show_status(self, text: str) -> None:
        self.session_status.setText(text or self._session_text)

    def _fill_sessions(self, calendar: Calendar, history: list[ExamHistorySession], current: str | None) -> None:
        """The upcoming session first, then every session registered for, newest first."""
        names = {s.code: s.name for s in calendar.sessions}
        codes = [calendar.upcoming, *sorted({h.session_code for h in history} - {calendar.upcoming}, reverse=True)]
        names.update({h.session_code: h.session_name for h in history})
        self._filling = True
        self.session_combo.clear()
        for code in codes:
            label = names.get(code, code)
            self.session_combo.addItem(
                tr("{label}（本次考试）").format(label=label) if code == calendar.upcoming else label, code
            )
        index = max(0, self.session_combo.findData(current))
        self.session_combo.setCurrentIndex(index)
        self._filling = False
        self._chosen = None if index == 0 else self.current_session_code()

    def current_session_code(self) -> str | None:
        code = self.session_combo.currentData()
        return code if isinstance(code, str) else None

    def choose_session(self, code: str) -> None:
        index = self.session_combo.findData(code)
        if index < 0:
            raise LookupError(code)
        self.session_combo.setCurrentIndex(index)

    def _session_chosen(self, index: int) -> None:
        code = self.current_session_code()
        if self._filling or code is None:
            return
        self._chosen = None if index == 0 else code  # the first entry is the upcoming session
        shown = self.timetable is not None and self.timetable.session_code == code
        if shown and not self.loading and not self._session_loading:
            return
        self._load_session(code)

    def _load_session(self, code: str) -> None:
        """Only this session's timetable, ticket and photo (at once); the rest stays as it is."""
        self._session_seq += 1
        seq = self._session_seq
        self._session_loading = True
        self._session_text = ""
        self.session_status.setText(tr("正在加载…"))
        self.ticket_panel.show_loading()

        def done(results: dict[str, Any]) -> None:
            if seq != self._session_seq:
                return  # another session was chosen meanwhile, or a reload took over
            self._session_loading = False
            self._show_session(*session_state(results))
            self.loaded.emit()

        def failed(exc: Exception) -> None:
            if seq != self._session_seq:
                return
            self._session_loading = False
            self.session_status.setText(
                tr("加载失败：{user_message}（按 F5 重试）").format(user_message=user_message(exc))
            )
            self.ticket_panel.show_failure(exc)

        self.runner.run_all(session_requests(self.client, code), done, failed, owner=self)

    # --- showing -----------------------------------------------------------------------------------------
    def _show_session(self, timetable: Timetable, ticket: TicketState) -> None:
        self.timetable = timetable
        self.timetable_model.set_timetable(timetable, self.clock.now())
        fit_height(self.timetable_view)
        self._session_text = self._status_text(timetable)
        self.session_status.setText(self._session_text)
        self.seat_note.setText(self._seat_note(timetable))
        self.ticket_panel.show_state(ticket, timetable)

    def _status_text(self, timetable: Timetable) -> str:
        entry = next((h for h in self.history if h.session_code == timetable.session_code), None)
        count = len(self.timetable_model.registered)
        if not count:
            return tr("本考次没有已缴费的报考课程")
        where = tr("，考点：{site_name}").format(site_name=entry.site_name) if entry and entry.site_name else ""
        return tr("已报考 %n 门{where}", None, count).format(where=where) + (
            tr("（{status_text}）").format(status_text=entry.status_text) if entry else ""
        )

    def _seat_note(self, timetable: Timetable) -> str:
        registered = self.timetable_model.registered
        if not registered:
            return ""
        if timetable.seats_assigned:
            return tr("考场和座位已编排，请按准考证上的考场和座位号入座。")
        if self.clock.now() >= timetable.ticket_print_close:
            return tr("该考次考试已结束。")
        return tr("考场和座位将在准考证打印开放时（{datetime_text}）统一编排。").format(
            datetime_text=datetime_text(timetable.ticket_print_open)
        )

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
        self.course_caption.setText(
            tr("{session_name}考次的课程：").format(session_name=session.session_name)
            if session
            else tr("本考次的课程：")
        )

    # --- the way to the photo ------------------------------------------------------------------------------
    def go_upload_photo(self) -> bool:
        """Switch to the 个人中心 tab and open its photo upload (when this page lives in the main window).

        The main window builds its tabs when first shown: ``show_page`` builds 个人中心 if need be,
        switches to it and returns it.  The upload publishes ``profile``, which reloads this page.
        """
        show_page = getattr(self.window(), "show_page", None)
        if not callable(show_page):
            return False
        center = show_page(PERSONAL_CENTER)
        if center is None:
            return False
        opener = getattr(center, "open_upload_photo", None)
        if callable(opener):
            opener()
        return True
