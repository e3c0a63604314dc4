"""The page base every tab and console page uses (``docs/desktop-core.md``).

A page says what it shows and where its data comes from; the base does the rest:

- ``build_content()`` makes the page's widgets, when the page is first shown (not at login);
- ``requests()`` names the page's independent loads (``{name: callable}``): they run at once on
  workers (``TaskRunner.run_all``) and ``apply(results)`` fills the widgets on the GUI thread;
- the states ``idle`` → ``loading`` → ``loaded``, or ``failed`` / ``offline`` with the reason and a
  重试 button while nothing was shown yet; a reload after that keeps the content and reports a
  failure in ``status_text`` (the page decides where to show it: ``show_status``);
- ``TOPICS``: the session-store topics that make the page stale.  A visible stale page reloads at
  once, a hidden one when it is shown next; no F5 is needed after a change made elsewhere.  A
  page announces its own changes with ``publish`` (it is not reloaded by its own news) and may
  apply a payload itself by overriding ``on_topic``.
- ``waiting``: a load was answered by the server's waiting room (503 with a queue ticket): the
  waiting screen (``widgets.waiting_room``) takes the content's place, polls, and the page loads
  again by itself once admitted; nothing else of the page is sent meanwhile;
- ``loading`` / ``busy`` / ``loaded`` and the ``stack`` / ``state_page`` pair keep the module-page
  convention the self-test and the screenshots read.

``store`` and ``clock`` come from the main window (one per login / one per program); a page made
on its own (tests) gets private ones.  A page names itself with ``OBJECT_NAME`` and makes its own
attributes (models, state) in ``setup()``: it needs no ``__init__`` of its own unless it takes
more constructor arguments (then it keeps them and passes the rest on).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop.api.errors import ConnectionFailed, QueueTicket, RequestTimeout, WaitingInQueue
from desktop.core.clock import ServerClock
from desktop.core.errors import user_message
from desktop.core.store import SessionStore
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.widgets.accessible import name_controls
from desktop.views.widgets.state_page import StatePage
from desktop.views.widgets.waiting_room import WaitingRoomView, announce_admission

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from desktop.api.client import ApiClient

IDLE, LOADING, LOADED, FAILED, OFFLINE = "idle", "loading", "loaded", "failed", "offline"
WAITING = "waiting"
LEFT_QUEUE_TEXT = QT_TR_NOOP("您已离开队列。需要使用本页时，请点“重试”重新排队")


class ModulePage(QWidget):
    """A module's page: lazy content, parallel loads, states, retry, store topics."""

    #: what the page is (the failure text says "<TITLE>加载失败")
    TITLE: ClassVar[str] = ""
    LOADING_TEXT: ClassVar[str] = QT_TR_NOOP("正在加载…")
    #: ``requests()`` reads the page's own widgets (a filter, a page number): build them first
    CONTENT_FIRST: ClassVar[bool] = False
    #: store topics that make this page stale (``desktop.core.store``)
    TOPICS: ClassVar[frozenset[str]] = frozenset()
    #: the page's object name (the self-test, the screenshots and the tests find it by it)
    OBJECT_NAME: ClassVar[str] = ""

    loaded = Signal()  # after every successful (re)load
    state_changed = Signal(str)

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        store: SessionStore | None = None,
        clock: ServerClock | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self.store = store if store is not None else SessionStore(self)
        if clock is None:  # a page on its own (tests): a clock of its own, fed by its client
            clock = ServerClock(parent=self)
            if client.on_server_time is None:
                client.on_server_time = clock.sync
        self.clock = clock
        self.state = IDLE
        self.status_text = ""
        self.ever_loaded = False
        self._stale = False
        self._publishing = False
        self._content: QWidget | None = None
        self.waiting_view: WaitingRoomView | None = None
        self._tray: QSystemTrayIcon | None = None

        self.stack = QStackedWidget()
        self.state_page = StatePage()
        self.state_page.retry_requested.connect(self.refresh)
        self.state_label = self.state_page.label
        self.retry_button = self.state_page.retry_button
        self.stack.addWidget(self.state_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.store.changed.connect(self._store_changed)
        if self.OBJECT_NAME:
            self.setObjectName(self.OBJECT_NAME)
        self.setup()

    # --- what a page provides ----------------------------------------------------------------------
    def setup(self) -> None:
        """The page's own attributes (state, models), made once at the end of the base's
        ``__init__``: ``client``, ``runner``, ``store`` and ``clock`` are there; nothing is built
        or loading yet."""

    def build_content(self) -> QWidget:
        """The page's widgets (called once, before the first load)."""
        raise NotImplementedError

    def requests(self) -> dict[str, Callable[[], Any]]:
        """The page's independent loads, by name (run at once on workers)."""
        return {}

    def apply(self, results: dict[str, Any]) -> None:
        """Fill the widgets with ``results`` (GUI thread)."""

    def show_status(self, text: str) -> None:
        """A reload's progress or failure while the content is shown (default: nowhere else)."""

    # --- lifecycle ------------------------------------------------------------------------------------
    @property
    def content(self) -> QWidget:
        self.ensure_built()
        assert self._content is not None
        return self._content

    @property
    def built(self) -> bool:
        return self._content is not None

    def ensure_built(self) -> None:
        if self._content is None:
            self._content = self.build_content()
            self.stack.addWidget(self._content)
            name_controls(self._content)  # what a screen reader calls each control (docs/accessibility.md)

    @property
    def loading(self) -> bool:
        return self.state == LOADING

    @property
    def busy(self) -> bool:
        return self.loading or self.runner.running_for(self) > 0

    @property
    def stale(self) -> bool:
        return self._stale

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.state == IDLE or (self._stale and not self.loading):
            self.refresh()
        self.ensure_built()

    def refresh(self) -> None:
        """(Re)load the page; a reload keeps what is shown until the new data is there.

        The first time, the requests go out before the widgets are built (unless
        ``CONTENT_FIRST``): building a page takes the GUI thread tens of milliseconds, which then
        pass while the answers travel.  The answers are applied after the build in any case
        (they come back through queued signals).
        """
        if self.loading or self.state == WAITING:
            self._stale = True  # a change arrived while loading: load once more afterwards
            return
        if self.CONTENT_FIRST:
            self.ensure_built()
        self._stale = False
        self._set_state(LOADING)
        loads = self.requests()
        if loads:
            self.runner.run_all(loads, self._loaded, self._failed, owner=self)
        self.ensure_built()
        if not self.ever_loaded:
            self.state_page.show_loading(tr(self.LOADING_TEXT))
            self.stack.setCurrentWidget(self.state_page)
        else:
            self.status_text = tr("正在刷新…")
            self.show_status(self.status_text)
        if not loads:
            self._loaded({})

    def _loaded(self, results: dict[str, Any]) -> None:
        self.apply(results)
        self.ever_loaded = True
        self.status_text = ""
        self.stack.setCurrentWidget(self.content)
        self._set_state(LOADED)
        self.show_status("")
        self.loaded.emit()
        if self._stale and self.isVisible():
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, WaitingInQueue) and (ticket := exc.ticket) is not None:
            self.wait_in_line(ticket)
            return
        offline = isinstance(exc, ConnectionFailed | RequestTimeout)
        message = user_message(exc)
        if not self.ever_loaded:
            self._set_state(OFFLINE if offline else FAILED)
            prefix = tr("{TITLE}加载失败：").format(TITLE=tr(self.TITLE)) if self.TITLE else tr("加载失败：")
            self.state_page.show_failure(prefix + message)
            self.stack.setCurrentWidget(self.state_page)
        else:
            self._set_state(OFFLINE if offline else LOADED)
            self.status_text = tr("刷新失败：{message}（按 F5 重试）").format(message=message)
            self.show_status(self.status_text)

    # --- the server's waiting room -----------------------------------------------------------------
    def wait_in_line(self, ticket: QueueTicket) -> None:
        """Show the waiting screen in place of the content until the server admits this examinee."""
        if self.waiting_view is None:
            self.waiting_view = WaitingRoomView(self.client, self.runner)
            self.waiting_view.admitted.connect(self._admitted)
            self.waiting_view.reenter.connect(self._reenter)
            self.waiting_view.left.connect(self._left_queue)
            self.stack.addWidget(self.waiting_view)
        self._set_state(WAITING)
        self.stack.setCurrentWidget(self.waiting_view)
        self.waiting_view.start(ticket)

    def _admitted(self) -> None:
        self._tray = announce_admission(self, tr(self.TITLE), self._tray)
        self._reenter()

    def _reenter(self) -> None:
        """Load again, as the person was about to (admitted, or the ticket must be renewed)."""
        self._set_state(LOADED if self.ever_loaded else IDLE)
        self.refresh()
        if self.ever_loaded:
            self.stack.setCurrentWidget(self.content)

    def _left_queue(self) -> None:
        self._set_state(FAILED)
        self.state_page.show_failure(tr(LEFT_QUEUE_TEXT))
        self.stack.setCurrentWidget(self.state_page)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # --- the store ---------------------------------------------------------------------------------------
    def mark_stale(self) -> None:
        """This page's data changed elsewhere: reload now if visible, else when shown next."""
        if self.state == IDLE:
            return  # never loaded: the first show loads anyway
        self._stale = True
        if self.isVisible() and not self.loading:
            self.refresh()

    def publish(self, topic: str, payload: object = None) -> None:
        """Announce a change this page made (it shows it already: it does not reload itself)."""
        self._publishing = True
        try:
            self.store.publish(topic, payload)
        finally:
            self._publishing = False

    def on_topic(self, topic: str, payload: object) -> None:
        """A topic of ``TOPICS`` arrived from elsewhere; the default reloads (``mark_stale``).

        A page that can apply the payload itself (an order, an application) overrides this.
        """
        self.mark_stale()

    def _store_changed(self, topic: str, payload: object) -> None:
        if topic in self.TOPICS and not self._publishing:
            self.on_topic(topic, payload)
