"""The main window after login: one tab per module, logout and refresh, a status bar.

Modules are listed in ``MODULES`` as (title, icon, page class): adding a module's tab is one line.
A tab's page is built when the tab is first shown (``page(title)`` builds it on demand), so
logging in builds one page, not all of them.  Pages get this login's ``SessionStore`` and the
program's ``ServerClock`` (``desktop/views/page.py``).  A module page may have a ``refresh()``
method; "刷新" (F5) calls it on the current page.

The window owns nothing that outlives the login: the shell deletes it on logout, and with it
every page and whatever user data they hold.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import ServerClock
from desktop.core.store import SessionStore
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.resources.icons import icon
from desktop.views.page import ModulePage
from desktop.views.tester.action import tester_action
from desktop.views.widgets import window_fit
from desktop.views.widgets.accessible import name_controls

if TYPE_CHECKING:
    from desktop.api.client import ApiClient
    from desktop.shell.session import UserSession

APP_TITLE = QT_TR_NOOP("湖南自考自助服务")
#: the size the window opens at on a large screen; on a smaller one it opens maximised
PREFERRED_SIZE = QSize(1280, 860)


@runtime_checkable
class Refreshable(Protocol):
    def refresh(self) -> None: ...


@runtime_checkable
class HasToolbarActions(Protocol):
    """A page whose actions belong on the window's toolbar (e.g. the counter's 下一位考生)."""

    def toolbar_actions(self) -> list[QAction]: ...


STAFF = frozenset({"staff"})


@dataclass(frozen=True)
class Module:
    title: str
    icon: str  # a qtawesome name
    #: the page class, "package.module:Class": imported when the tab is built, after login (the
    #: login window must come up fast, before any page module is imported)
    page: str
    object_name: str
    kinds: frozenset[str] = frozenset({"examinee"})  # who gets the tab: "examinee" and/or "staff"
    # staff roles that get the tab (None: every role); the server checks each call again
    roles: frozenset[str] | None = None
    #: built right after the window is on screen, not when first shown: the page works for every
    #: tab (通知公告 announces new notices and sends deadline reminders whichever tab is open)
    background: bool = False

    def build(
        self, client: ApiClient, runner: TaskRunner, store: SessionStore | None = None, clock: ServerClock | None = None
    ) -> QWidget:
        module_name, _, class_name = self.page.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        if issubclass(cls, ModulePage):
            page: QWidget = cls(client, runner, store=store, clock=clock)
        else:
            page = cls(client, runner)
        return page

    def for_login(self, kind: str, role: str | None) -> bool:
        return kind in self.kinds and (self.roles is None or role in self.roles)


#: the tabs of the main window, in order: one line per module
MODULES: tuple[Module, ...] = (
    Module(QT_TR_NOOP("个人中心"), "fa5s.user", "desktop.views.personal_center:PersonalCenter", "personalCenterTab"),
    Module(
        QT_TR_NOOP("报名报考"), "fa5s.clipboard-list", "desktop.views.registration:RegistrationPage", "registrationTab"
    ),
    Module(QT_TR_NOOP("考试信息"), "fa5s.calendar-alt", "desktop.views.exams:ExamsPage", "examsTab"),
    Module(QT_TR_NOOP("成绩管理"), "fa5s.chart-bar", "desktop.views.scores:ScoresPage", "scoresTab"),
    Module(QT_TR_NOOP("考籍管理"), "fa5s.folder-open", "desktop.views.records:RecordsPage", "recordsTab"),
    Module(QT_TR_NOOP("毕业申请"), "fa5s.graduation-cap", "desktop.views.graduation:GraduationPage", "graduationTab"),
    Module(QT_TR_NOOP("通知公告"), "fa5s.bullhorn", "desktop.views.notices:NoticesPage", "noticesTab", background=True),
    Module(
        QT_TR_NOOP("柜台"), "fa5s.id-card", "desktop.views.staff:CounterPage", "counterTab", STAFF, frozenset({"clerk"})
    ),
    Module(
        QT_TR_NOOP("证明预约"),
        "fa5s.calendar-check",
        "desktop.views.staff.appointments:AppointmentsDeskPage",
        "appointmentsTab",
        STAFF,
        frozenset({"clerk"}),
    ),
    Module(
        QT_TR_NOOP("现场确认"),
        "fa5s.user-check",
        "desktop.views.staff.queues:OnSiteConfirmationPage",
        "onSiteTab",
        STAFF,
        frozenset({"clerk"}),
    ),
    Module(
        QT_TR_NOOP("审核队列"),
        "fa5s.tasks",
        "desktop.views.staff:QueuesPage",
        "queuesTab",
        STAFF,
        frozenset({"reviewer"}),
    ),
    Module(
        QT_TR_NOOP("管理"), "fa5s.user-shield", "desktop.views.staff:AdminPage", "adminTab", STAFF, frozenset({"admin"})
    ),
)

NO_MODULES_TEXT = QT_TR_NOOP("当前账号暂无可用的功能。")


def format_seconds(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


class MainWindow(QMainWindow):
    logout_requested = Signal()
    settings_requested = Signal()  # 设置 (the shell opens desktop/views/settings_dialog.py)
    #: a tab's page was built (title, page): the shell gives it this user's offline store
    page_built = Signal(str, QWidget)
    #: the window was closed by the person (the shell logs out and quits)
    close_requested = Signal()

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        user_session: UserSession,
        server_label: str,
        parent: QWidget | None = None,
        *,
        modules: tuple[Module, ...] = MODULES,
        store: SessionStore | None = None,
        clock: ServerClock | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.client = client
        self.runner = runner
        self.user_session = user_session
        self.server_label_text = server_label
        self._closing_quietly = False
        # the program's name once, at the end (Qt adds the display name unless the title ends with it)
        self.setWindowTitle(f"{user_session.name} — {tr(APP_TITLE)}")
        self.setWindowIcon(icon("fa5s.graduation-cap"))
        self.resize(PREFERRED_SIZE)
        user_session.set_warning_parent(self)

        # one login's store (deleted with this window) and the program's server clock
        self.store = store if store is not None else SessionStore(self)
        self.store.setParent(self)
        self.clock = clock if clock is not None else ServerClock(parent=self)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("moduleTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setIconSize(QSize(16, 16))
        #: the pages built so far, by title: a page is built when its tab is first shown
        self.pages: dict[str, QWidget] = {}
        self._slots: dict[str, QWidget] = {}
        login = user_session.login
        self.modules = tuple(m for m in modules if m.for_login(login.kind, login.role))
        for module in self.modules:
            # a page larger than a small screen (200 %, 1024×600) scrolls as a whole; on a screen it
            # fits the page fills the tab and only its lists scroll
            slot = QScrollArea()
            slot.setObjectName(f"{module.object_name}Slot")
            slot.setWidgetResizable(True)
            slot.setFrameShape(QFrame.Shape.NoFrame)
            slot.viewport().setAutoFillBackground(False)  # the tabs' background, not the system grey
            holder = QWidget()
            holder.setObjectName(f"{module.object_name}Holder")
            slot_layout = QVBoxLayout(holder)
            slot_layout.setContentsMargins(0, 0, 0, 0)
            slot.setWidget(holder)
            holder.setAutoFillBackground(False)  # setWidget turns it on: the system grey
            window_fit.OneScroll(slot)  # the page scrolls, or its lists do: never both
            self.tabs.addTab(slot, tr(module.title))
            self._slots[module.title] = slot
        if self.modules:
            self.setCentralWidget(self.tabs)
        else:
            empty = QLabel(tr(NO_MODULES_TEXT))
            empty.setObjectName("stateLabel")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setCentralWidget(empty)

        self._build_actions(self.modules)
        name_controls(self)  # the tabs' pages by their titles (docs/accessibility.md)
        self._build_status_bar()
        self.tabs.currentChanged.connect(self._tab_shown)
        # icons after the window is on screen: qtawesome's first use costs ~0.1 s
        QTimer.singleShot(0, self._set_tab_icons)
        if self.modules:
            self._tab_shown(self.tabs.currentIndex())
        for module in self.modules:
            if module.background:
                QTimer.singleShot(50, lambda title=module.title: self._build_in_background(title))

        runner.busy_changed.connect(self._set_busy)
        self._set_busy(runner.busy)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.update_time_left)
        self._clock.start()
        self.update_time_left()
        self.tabs.setFocus()

    # --- building ------------------------------------------------------------------------------------
    def _build_actions(self, modules: tuple[Module, ...]) -> None:
        self.refresh_action = QAction(icon("fa5s.sync-alt"), tr("刷新(&R)"), self)
        self.refresh_action.setObjectName("refreshAction")
        self.refresh_action.setIconText(tr("刷新"))  # toolbar text without the "(R)" of the menu
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setToolTip(tr("重新从服务器加载当前页面 (F5)"))
        self.refresh_action.triggered.connect(self.refresh_current)

        self.logout_action = QAction(icon("fa5s.sign-out-alt"), tr("退出登录(&L)"), self)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.setIconText(tr("退出登录"))
        self.logout_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.logout_action.setToolTip(tr("退出登录并清除本机上的个人信息 (Ctrl+Shift+Q)"))
        self.logout_action.triggered.connect(self.logout_requested)

        self.close_action = QAction(tr("退出程序(&X)"), self)
        self.close_action.setObjectName("quitAction")
        self.close_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.close_action.triggered.connect(self.close)

        self.settings_action = QAction(tr("设置(&G)…"), self)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setToolTip(tr("界面语言、高对比度 (Ctrl+,)"))
        self.settings_action.triggered.connect(self.settings_requested)

        # shown by the shell when the server has tester controls or with --tester
        self.tester_action = tester_action(self)

        # the shell answers it (desktop.updates.checker; docs/updates.md)
        self.update_action = QAction(tr("检查更新(&U)"), self)
        self.update_action.setObjectName("updateAction")
        self.update_action.setToolTip(tr("查看是否有经过签名的新版本"))

        menu = self.menuBar().addMenu(tr("系统(&S)"))
        menu.addAction(self.refresh_action)
        menu.addAction(self.tester_action)
        menu.addAction(self.update_action)
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(self.logout_action)
        menu.addAction(self.close_action)

        self.module_actions: list[QAction] = []
        modules_menu = self.menuBar().addMenu(tr("功能(&M)"))
        for index, module in enumerate(modules):
            action = QAction(tr(module.title), self)
            if index < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            modules_menu.addAction(action)
            self.module_actions.append(action)

        toolbar = QToolBar(tr("工具栏"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(16, 16))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.tester_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # a page's own toolbar actions go before this when the page is built (_page_built)
        self._spacer_action = toolbar.addWidget(spacer)
        self.user_label = QLabel(f"{self.user_session.name}")
        self.user_label.setObjectName("toolbarUser")
        toolbar.addWidget(self.user_label)
        toolbar.addAction(self.logout_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.server_label = QLabel(tr("服务器：{server_label_text}").format(server_label_text=self.server_label_text))
        self.server_label.setObjectName("serverLabel")
        role = tr("工作人员") if self.user_session.is_staff else tr("考生")
        self.name_label = QLabel(tr("{role}：{name}").format(role=role, name=self.user_session.name))
        self.name_label.setObjectName("userLabel")
        self.time_label = QLabel()
        self.time_label.setObjectName("timeLeftLabel")
        self.time_label.setToolTip(tr("无操作时自动退出的剩余时间；任何键盘或鼠标操作都会重新计时"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyIndicator")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setAccessibleName(tr("正在与服务器通信"))
        self.busy_bar.hide()
        bar.addWidget(self.server_label)
        bar.addPermanentWidget(self.busy_bar)
        bar.addPermanentWidget(self.name_label)
        bar.addPermanentWidget(self.time_label)

    # --- opening ----------------------------------------------------------------------------------------
    def show_on_screen(self) -> None:
        """Show the window as the program opens it: where it was last (``restoreGeometry``) when that
        fits its screen now; else at ``PREFERRED_SIZE`` centred, or maximised where that does not fit."""
        available = window_fit.screen_of(self).availableGeometry()
        restored = self.testAttribute(Qt.WidgetAttribute.WA_Moved) and not self.isMaximized()
        if restored and available.contains(self.frameGeometry()):
            self.show()
            return
        room = window_fit.room_for(self)
        if self.isMaximized() or PREFERRED_SIZE.width() > room.width() or PREFERRED_SIZE.height() > room.height():
            window_fit.place(self, PREFERRED_SIZE)  # where 还原 (un-maximise) brings it: fitting, centred
            self.showMaximized()
            return
        window_fit.show_centred(self, PREFERRED_SIZE)

    # --- behaviour -------------------------------------------------------------------------------------
    @property
    def busy_visible(self) -> bool:
        return not self.busy_bar.isHidden()

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)

    def update_time_left(self) -> None:
        self.time_label.setText(
            tr("剩余时间 {format_seconds}").format(format_seconds=format_seconds(self.user_session.seconds_left()))
        )

    def current_page(self) -> QWidget | None:
        index = self.tabs.currentIndex()
        if not 0 <= index < len(self.modules):
            return None
        return self._ensure_page(self.modules[index].title)

    @property
    def titles(self) -> list[str]:
        """The tabs of this login, in order (built or not)."""
        return [m.title for m in self.modules]

    def page(self, title: str) -> Any:
        """The page of tab ``title``, built now if it was not yet (KeyError: no such tab)."""
        if title not in self._slots:
            raise KeyError(title)
        return self._ensure_page(title)

    def show_page(self, title: str) -> Any:
        """Switch to tab ``title`` and return its page (None: this login has no such tab)."""
        if title not in self._slots:
            return None
        page = self._ensure_page(title)
        self.tabs.setCurrentWidget(self._slots[title])
        return page

    def _tab_shown(self, index: int) -> None:
        if 0 <= index < len(self.modules):
            self._ensure_page(self.modules[index].title)

    def _ensure_page(self, title: str) -> QWidget:
        page = self.pages.get(title)
        if page is not None:
            return page
        module = next(m for m in self.modules if m.title == title)
        page = module.build(self.client, self.runner, self.store, self.clock)
        page.setObjectName(page.objectName() or module.object_name)
        holder = self._slots[title]
        assert isinstance(holder, QScrollArea)
        layout = holder.widget().layout()
        assert layout is not None
        layout.addWidget(page)
        self.pages[title] = page
        request = getattr(page, "register_requested", None)  # 成绩管理's 去报考 → 报名报考 with courses ticked
        if request is not None:
            request.connect(self.open_registration)
        scores = getattr(page, "scores_requested", None)  # 毕业申请 → 学习进度 / 报考建议
        if scores is not None:
            scores.connect(self.open_scores)
        if isinstance(page, HasToolbarActions):
            for action in page.toolbar_actions():
                self.toolbar.insertAction(self._spacer_action, action)
        self.page_built.emit(title, page)
        return page

    def _build_in_background(self, title: str) -> None:
        if not self._closing_quietly:
            self._ensure_page(title)

    def _set_tab_icons(self) -> None:
        for index, module in enumerate(self.modules):
            self.tabs.setTabIcon(index, icon(module.icon))
            if index < len(self.module_actions):
                self.module_actions[index].setIcon(icon(module.icon))

    def open_registration(self, course_codes: list[str]) -> None:
        """Show 报名报考 with ``course_codes`` ticked (where the registration rules allow it)."""
        page = self.show_page("报名报考")
        if page is not None:
            page.preselect_courses(course_codes)

    def open_scores(self, sub_tab: int) -> None:
        """Show 成绩管理 on one of its sub-tabs (学习进度, 报考建议 ...)."""
        page = self.show_page("成绩管理")
        if page is not None:
            sub_tabs = getattr(page, "sub_tabs", None)
            if sub_tabs is not None:
                sub_tabs.setCurrentIndex(sub_tab)

    def refresh_current(self) -> None:
        page = self.current_page()
        if isinstance(page, Refreshable):
            page.refresh()

    def close_quietly(self) -> None:
        """Close without asking the shell to quit (the shell itself ends the session)."""
        self._closing_quietly = True
        self._clock.stop()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_quietly:
            self.close_requested.emit()
        self._clock.stop()
        event.accept()
