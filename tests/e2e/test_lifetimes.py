"""Nothing of a user outlives the logout (``docs/desktop-core.md``, Lifetimes).

Through the real shell against a real server: log in through the login dialog, show every tab
until its page has loaded, log out, collect the garbage, then look at every object Python still
has: no page or other widget of ``desktop.views`` (but the login dialog and what is in it), no
item model of ``desktop.models``, no task or relay of ``desktop.core.tasks``, no session store, no
user session, no offline copy and no data object of ``desktop.api`` (the profile, orders, scores,
notices …) may be left.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backend_mock.seed import DEMO_PASSWORD
from backend_mock.seed.demo import DEMO_EXAMINEES
from desktop.api import ApiClient
from desktop.api.types import Captcha, DemoAccount, Health
from desktop.core.offline import OfflineStore
from desktop.core.settings import AppSettings
from desktop.core.store import SessionStore
from desktop.core.tasks import Task, TaskRunner, _Relay
from desktop.shell.controller import AppController
from desktop.shell.self_test import page_state
from desktop.shell.session import UserSession
from desktop.views.login_dialog import LoginDialog
from desktop.views.main_window import MainWindow
from desktop.views.page import ModulePage
from tests.fixtures.registration import moment
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

WAIT = 20_000
#: the demo examinee with the most to show (a history, scores, records)
EXAMINEE = next(e for e in DEMO_EXAMINEES if e.key == "midway")
#: data objects that are no user's: the server's health, the login dialog's captcha, the demo list
NOT_PERSONAL = (Health, Captcha, DemoAccount)


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path, live_server: LiveServer, runner: TaskRunner) -> Iterator[AppController]:
    tester = ApiClient(live_server.url)  # 报名报考 has something to show in phase 2 of the upcoming session
    tester.mock.set_clock(moment(tester, "phase2"), frozen=False)
    tester.close()
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    made = AppController(settings, tmp_path, live_server.url, runner=runner)
    yield made
    made.shutdown()
    if made.main_window is not None:
        made.main_window.close_quietly()
    QApplication.sendPostedEvents()


def log_in(qtbot: QtBot, controller: AppController, server: str, account: str, kind: str = "examinee") -> MainWindow:
    dialog = controller.login_dialog
    assert isinstance(dialog, LoginDialog)
    qtbot.waitUntil(lambda: dialog.is_ready and dialog.captcha_id is not None and not dialog.busy, timeout=WAIT)
    helper = ApiClient(server)
    answer = helper.mock.captcha_answer(dialog.captcha_id or "")
    helper.close()
    (dialog.staff_radio if kind == "staff" else dialog.examinee_radio).setChecked(True)
    dialog.account_edit.setText(account)
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.captcha_edit.setText(answer)
    opened: list[MainWindow] = []
    controller.main_window_opened.connect(opened.append)
    dialog.login_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    controller.main_window_opened.disconnect(opened.append)
    return opened.pop()


def page_loaded(page: QWidget, runner: TaskRunner) -> str | None:
    """None while loading; "ok" or why the first load failed."""
    if isinstance(page, ModulePage):
        return None if page.state in ("idle", "loading") else ("ok" if page.state == "loaded" else page.state)
    return page_state(page, runner)


def visit_every_tab(qtbot: QtBot, window: MainWindow, runner: TaskRunner) -> list[str]:
    titles = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        title = window.tabs.tabText(index)
        titles.append(title)
        page = window.pages[title]

        def shown_and_loaded(p: QWidget = page) -> bool:
            # a page built now is shown once the event loop ran (it loads when shown)
            return p.isVisible() and page_loaded(p, runner) is not None and not runner.busy

        qtbot.waitUntil(shown_and_loaded, timeout=WAIT)
        assert page_loaded(page, runner) == "ok", title
    return titles


def log_out(qtbot: QtBot, controller: AppController, runner: TaskRunner) -> None:
    dialog = controller.login_dialog
    assert dialog is not None and controller.main_window is not None
    deleted: list[bool] = []
    controller.main_window.destroyed.connect(lambda: deleted.append(True))
    with qtbot.waitSignal(controller.logged_out, timeout=WAIT):
        controller.main_window.logout_action.trigger()
    qtbot.waitUntil(lambda: bool(deleted), timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.captcha_id is not None and not runner.busy, timeout=WAIT)


def _in_dialog(obj: QObject, dialog: LoginDialog) -> bool:
    """Is ``obj`` the login dialog or inside it (it lives as long as the program)?"""
    current: QObject | None = obj
    while current is not None:
        if current is dialog:
            return True
        current = current.parent()
    return False


def _collect(runner: TaskRunner) -> None:
    # a worker may still be returning from a task whose callback already ran: Qt lets go of the
    # task once run() has returned
    assert runner.wait(10_000)
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        gc.collect()


def _of_a_user(obj: object, dialog: LoginDialog | None) -> str | None:
    """The name of ``obj`` if it is something a login may hold (else None)."""
    cls = type(obj)
    module = getattr(cls, "__module__", "")
    if not isinstance(module, str):  # a metatype's __module__ is a descriptor
        return None
    name = f"{module}.{cls.__qualname__}"
    if isinstance(obj, Task | _Relay | SessionStore | UserSession | OfflineStore):
        return name
    if isinstance(obj, QObject) and module.startswith(("desktop.views", "desktop.models")):
        if not shiboken6.isValid(obj):
            return f"{name} (deleted in Qt, still referenced in Python)"
        return None if dialog is not None and _in_dialog(obj, dialog) else name
    if (
        module.startswith("desktop.api")
        and dataclasses.is_dataclass(obj)
        and not isinstance(obj, type)
        and not isinstance(obj, NOT_PERSONAL)
    ):
        return name
    return None


def alive_before(runner: TaskRunner) -> list[object]:
    """What other tests of this run left (module constants, their widgets): not this login's.

    The objects themselves are kept (so that no id is reused by an object of this test)."""
    _collect(runner)
    return [obj for obj in gc.get_objects() if _of_a_user(obj, None) is not None]


def left_alive(dialog: LoginDialog, runner: TaskRunner, before: list[object]) -> list[str]:
    """What of the logged-out user Python still has (after collecting the garbage)."""
    _collect(runner)
    known = {id(obj) for obj in before}
    found = [_of_a_user(obj, dialog) for obj in gc.get_objects() if id(obj) not in known]
    return sorted(name for name in found if name is not None)


def referrers_of(name: str) -> str:
    """Who holds the first object called ``name`` (for the failure message)."""
    objects = gc.get_objects()
    for obj in objects:
        cls = type(obj)
        if f"{getattr(cls, '__module__', '')}.{cls.__qualname__}" == name.split(" ")[0]:
            holders = [type(r).__qualname__ for r in gc.get_referrers(obj) if r is not objects]
            return f"{name} held by {holders[:6]}"
    return name


def test_nothing_of_the_user_is_alive_after_logout(
    qtbot: QtBot, live_server: LiveServer, controller: AppController, runner: TaskRunner
) -> None:
    before = alive_before(runner)
    controller.start()
    dialog = controller.login_dialog
    assert dialog is not None
    log_in(qtbot, controller, live_server.url, EXAMINEE.exam_no)
    titles = visit_every_tab(qtbot, controller.main_window, runner)  # type: ignore[arg-type]
    assert len(titles) >= 7
    # the search finds what a login holds (so that finding nothing afterwards means something)
    held = set(left_alive(dialog, runner, before))
    assert {
        "desktop.views.main_window.MainWindow",
        "desktop.views.personal_center.PersonalCenter",
        "desktop.core.store.SessionStore",
        "desktop.shell.session.UserSession",
        "desktop.api.types.Profile",
    } <= held, held
    log_out(qtbot, controller, runner)

    alive = left_alive(dialog, runner, before)
    assert alive == [], "\n".join(referrers_of(name) for name in dict.fromkeys(alive))
    assert dialog.account_edit.text() == "" and dialog.password_edit.text() == ""


def test_several_logins_leave_nothing(
    qtbot: QtBot, live_server: LiveServer, controller: AppController, runner: TaskRunner
) -> None:
    """Logins of two examinees and a clerk: after the last logout nothing of any of them is left."""
    before = alive_before(runner)
    controller.start()
    dialog = controller.login_dialog
    assert dialog is not None
    people = [(e.exam_no, "examinee") for key in ("midway", "new") for e in DEMO_EXAMINEES if e.key == key]
    for account, kind in [*people, ("cs_clerk", "staff")]:
        window = log_in(qtbot, controller, live_server.url, account, kind)
        visit_every_tab(qtbot, window, runner)
        del window
        log_out(qtbot, controller, runner)
        assert dialog.account_edit.text() == ""
    alive = left_alive(dialog, runner, before)
    assert alive == [], "\n".join(referrers_of(name) for name in dict.fromkeys(alive))


def test_the_account_field_is_empty_after_logout_and_when_switching_kind(
    qtbot: QtBot, live_server: LiveServer, controller: AppController, runner: TaskRunner
) -> None:
    controller.start()
    dialog = controller.login_dialog
    assert dialog is not None
    log_in(qtbot, controller, live_server.url, EXAMINEE.exam_no)
    assert controller.settings.last_account == EXAMINEE.exam_no  # kept for the next start only
    log_out(qtbot, controller, runner)
    assert dialog.account_edit.text() == ""

    dialog.account_edit.setText(EXAMINEE.exam_no)
    dialog.staff_radio.setChecked(True)
    assert dialog.account_edit.text() == ""
    dialog.account_edit.setText("cs_clerk")
    dialog.examinee_radio.setChecked(True)
    assert dialog.account_edit.text() == ""

    # a staff login and logout: the field is empty again, on the staff form
    log_in(qtbot, controller, live_server.url, "cs_clerk", kind="staff")
    log_out(qtbot, controller, runner)
    assert dialog.account_edit.text() == ""
