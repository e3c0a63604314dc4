"""The clerk's counter with the keyboard only: find → verify → unlock → next examinee (docs/accessibility.md)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from backend_mock.seed.demo import DEMO_EXAMINEES
from desktop.api import ApiClient
from desktop.core.tasks import TaskRunner
from desktop.shell.session import UserSession
from desktop.views.main_window import MainWindow
from desktop.views.staff import CounterPage
from desktop.views.staff.dialogs import VerifyDialog
from tests.fixtures.accounts import login
from tests.fixtures.keyboard import (
    WAIT_MS,
    alt,
    focused,
    press,
    tab_to,
    type_text,
    wait_for_focus_in,
    window_manager_returns_to,
)

pytestmark = pytest.mark.gui

LOCKED = next(d for d in DEMO_EXAMINEES if d.locked)


@pytest.fixture
def clerk_window(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> Iterator[MainWindow]:
    session = UserSession(login(client, "cs_clerk", kind="staff"), watch_application=False)
    window = MainWindow(client, runner, session, "http://127.0.0.1")
    qtbot.addWidget(window)
    window.show()
    window_manager_returns_to(qtbot, window)
    yield window
    session.stop()


def test_find_verify_unlock_next_with_keys_only(qtbot: QtBot, clerk_window: MainWindow) -> None:
    counter = clerk_window.page("柜台")
    assert isinstance(counter, CounterPage)
    qtbot.waitUntil(lambda: counter.query_edit.isVisible(), timeout=WAIT_MS)

    # find: Alt+F is the query box's caption shortcut; Enter searches
    alt(qtbot, "F")
    assert focused(qtbot) is counter.query_edit
    type_text(qtbot, LOCKED.exam_no)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.record is not None and not counter.busy, timeout=WAIT_MS)
    assert counter.fields["name"].text() == LOCKED.name
    assert counter.fields["account"].text().startswith("已锁定")

    # verify: Tab to 核验身份, Space opens the dialog; its first field has the focus
    tab_to(qtbot, counter.verify_button)
    press(qtbot, Qt.Key.Key_Space)
    dialog = wait_for_focus_in(qtbot, VerifyDialog)
    assert isinstance(dialog, VerifyDialog) and focused(qtbot) is dialog.id_edit
    type_text(qtbot, LOCKED.id_number)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused(qtbot) is dialog.name_edit
    type_text(qtbot, LOCKED.name)
    press(qtbot, Qt.Key.Key_Return)
    box = wait_for_focus_in(qtbot, QMessageBox)
    assert isinstance(box, QMessageBox) and "核验通过" in box.text()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT_MS)
    assert counter.fields["verified"].text().startswith("已核验")

    # unlock: Tab to 解锁账号, Space
    qtbot.waitUntil(lambda: counter.unlock_button.isEnabled() and not counter.busy, timeout=WAIT_MS)
    window_manager_returns_to(qtbot, clerk_window)
    tab_to(qtbot, counter.unlock_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: counter.record is not None and not counter.record.account.locked, timeout=WAIT_MS)
    assert counter.fields["account"].text() == "正常"
    done = wait_for_focus_in(qtbot, QMessageBox)  # the answer, read out and closed with Enter
    assert isinstance(done, QMessageBox) and "解锁" in done.text()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not done.isVisible(), timeout=WAIT_MS)
    window_manager_returns_to(qtbot, clerk_window)

    # next examinee: Ctrl+N clears the counter and puts the focus back in the query box
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: counter.record is None, timeout=WAIT_MS)
    assert counter.query_edit.text() == ""
    assert focused(qtbot) is counter.query_edit
