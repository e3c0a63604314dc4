"""The staff console and the tester panel in English (docs/i18n.md): every window, tab and dialog of the
"staff" catalogue opened against a real seeded backend, with the English catalogues installed the way
``--lang en`` installs them, shows no Chinese except data from the server.

Data is what the server sent: every string of every API response the console's client received in the
test (names, addresses, course names, notices, the server's own messages).  Until the "examinee"
catalogue is complete, the texts its sources write (the main window, the table models, the time
formats) are waived too, and printed, so that this test says only what the staff catalogue lacks.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backend_mock.seed.demo import DEMO_EXAMINEES
from desktop.api import ApiClient
from desktop.core.tasks import TaskRunner
from desktop.i18n.catalogues import ROOT, TS_DIR, sources
from desktop.i18n.tr import tr
from desktop.shell import translations
from desktop.shell.session import UserSession
from desktop.views.main_window import MainWindow
from desktop.views.staff import AdminPage, CounterPage, QueuesPage
from desktop.views.staff.admin import CreateStaffDialog
from desktop.views.staff.dialogs import ReasonDialog, ScoreCorrectionDialog, SecretDialog, VerifyDialog
from desktop.views.tester import panel as tester_panel
from tests.fixtures.accounts import demo_examinee, login
from tests.fixtures.files import pdf_bytes

sys.path.insert(0, str(ROOT / "scripts"))
from i18n import counts

pytestmark = pytest.mark.gui

WAIT = 15_000
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
LOCKED = next(d for d in DEMO_EXAMINEES if d.locked)


# --- what the server said ----------------------------------------------------------------------------------


class ServerWords:
    """Every string of every JSON answer ``client`` receives (data, in whatever language it comes)."""

    def __init__(self, client: ApiClient) -> None:
        self.words: set[str] = set()
        client._http.hooks["response"].append(self._heard)  # watched, not changed

    def _heard(self, response: requests.Response, *_args: object, **_kwargs: object) -> None:
        if "json" in response.headers.get("Content-Type", ""):
            with suppress(ValueError):  # not JSON after all: nothing to hear
                self._collect(response.json())

    def _collect(self, value: object) -> None:
        if isinstance(value, str):
            if CJK.search(value):
                self.words.add(value)
                self.words.update(part for part in re.split(r"[\s，。；：、（）()]+", value) if CJK.search(part))
        elif isinstance(value, dict):
            for item in value.values():
                self._collect(item)
        elif isinstance(value, list):
            for item in value:
                self._collect(item)


def _literal_fragments(path: Path) -> set[str]:
    """The Chinese pieces of the string literals of one source (f-string parts, templates' text)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
            found.update(p for p in re.split(r"\{[^{}]*\}|%n|\n", node.value) if CJK.search(p))
    return found


def examinee_waiver() -> set[str]:
    """The examinee catalogue's texts while that catalogue is unfinished (none once it is finished)."""
    ts = TS_DIR / "examinee.ts"
    total, unfinished = counts(ts) if ts.is_file() else (0, 0)
    if total and not unfinished:
        return set()
    fragments: set[str] = set()
    for path in sources("examinee"):
        fragments |= _literal_fragments(path)
    return fragments


# --- what a window shows -----------------------------------------------------------------------------------


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    columns = 1 if isinstance(view, QListView) else model.columnCount(root)
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(root), 30)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def widget_texts(widget: QWidget) -> Iterator[str]:
    """Every text ``widget`` shows a person: its text, title, tooltip, placeholder, items, headers."""
    if widget.isWindow():
        yield widget.windowTitle()
    yield widget.toolTip()
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    if isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        yield widget.toPlainText()
        yield widget.placeholderText()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractSpinBox):
        yield widget.text()
        yield widget.specialValueText()
    if isinstance(widget, QProgressBar):
        yield widget.format()
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    if isinstance(widget, QMessageBox):
        yield widget.text()
        yield widget.informativeText()
    if isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget)
    for action in widget.actions():
        if action.isVisible():
            yield action.text()
            yield action.toolTip()


def shown_texts() -> list[tuple[str, str]]:
    """(where, text) of every visible widget of every visible window."""
    found: list[tuple[str, str]] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for widget in [window, *window.findChildren(QWidget)]:
            if widget is window or widget.isVisibleTo(window):
                where = f"{type(window).__name__} › {type(widget).__name__} {widget.objectName()}".strip()
                found += [(where, text) for text in widget_texts(widget) if text]
    return found


class Walk:
    """Collects the Chinese that is neither data nor waived, window by window."""

    def __init__(self, words: ServerWords, waiver: set[str]) -> None:
        self.words = words
        self.waiver = waiver
        self.windows: list[str] = []
        self.chinese: list[str] = []
        self.waived: set[str] = set()

    @staticmethod
    def _strip(text: str, pieces: set[str]) -> str:
        """``text`` with every character that some piece covers blanked (pieces may overlap)."""
        covered = [False] * len(text)
        for piece in pieces:
            start = text.find(piece) if piece else -1
            while start >= 0:
                covered[start : start + len(piece)] = [True] * len(piece)
                start = text.find(piece, start + 1)
        return "".join(" " if done else char for char, done in zip(text, covered, strict=True))

    def _left(self, text: str) -> tuple[str, str]:
        """``text`` without data, and without data and the waived texts (mnemonics' & dropped)."""
        text = text.replace("&", "")
        waived = {piece.replace("&", "") for piece in self.waiver}
        return self._strip(text, self.words.words), self._strip(text, self.words.words | waived)

    def look(self, name: str) -> None:
        QCoreApplication.processEvents()
        self.windows.append(name)
        for where, text in shown_texts():
            without_data, left = self._left(text)
            if CJK.search(left):
                self.chinese.append(f"{name}: {where}: {text!r}")
            elif CJK.search(without_data):
                self.waived.add(text)


# --- fixtures ----------------------------------------------------------------------------------------------


@pytest.fixture
def walk(client: ApiClient) -> Walk:
    return Walk(ServerWords(client), examinee_waiver())


@pytest.fixture
def staff_window(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> Iterator[Callable[[str], MainWindow]]:
    sessions: list[UserSession] = []

    def make(username: str) -> MainWindow:
        session = UserSession(login(client, username, kind="staff"), watch_application=False)
        sessions.append(session)
        window = MainWindow(client, runner, session, "http://127.0.0.1")
        qtbot.addWidget(window)
        window.show()
        return window

    yield make
    for session in sessions:
        session.stop()


def idle(qtbot: QtBot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)
    qtbot.wait(50)


def open_one(qtbot: QtBot, parent: QWidget, cls: type) -> Any:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(cls)), timeout=WAIT)
    return next(d for d in parent.findChildren(cls) if d.isVisible())


def every_tab(qtbot: QtBot, runner: TaskRunner, walk: Walk, window: MainWindow, prefix: str) -> None:
    from PySide6.QtWidgets import QTabWidget

    for title in window.titles:
        page = window.show_page(title)
        idle(qtbot, runner)
        walk.look(f"{prefix} · {title}")
        for tabs in page.findChildren(QTabWidget):
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                idle(qtbot, runner)
                walk.look(f"{prefix} · {title} · {index}")
            tabs.setCurrentIndex(0)


def close_all(cls: type, parent: QWidget) -> None:
    for d in parent.findChildren(cls):
        if d.isVisible():
            d.close()


def assert_english(walk: Walk) -> None:
    if walk.waived:
        waived = sorted(walk.waived)
        print(f"waived until the examinee catalogue is finished ({len(waived)}):", *waived, sep="\n  ")
    assert walk.windows
    assert not walk.chinese, "Chinese in the English staff console:\n" + "\n".join(walk.chinese)


# --- the tests ---------------------------------------------------------------------------------------------


def test_the_staff_catalogue_is_finished() -> None:
    total, unfinished = counts(TS_DIR / "staff.ts")
    assert total > 300 and unfinished == 0


def test_clerk_console_in_english(
    qtbot: QtBot,
    english: translations.Installed,
    walk: Walk,
    runner: TaskRunner,
    staff_window: Callable[[str], MainWindow],
) -> None:
    window = staff_window("cs_clerk")
    every_tab(qtbot, runner, walk, window, "clerk")
    counter = window.page(window.titles[0])
    assert isinstance(counter, CounterPage)
    window.show_page(window.titles[0])
    counter.search()  # nothing typed: the page says what to do
    walk.look("counter · empty search")
    counter.query_edit.setText(LOCKED.exam_no)
    counter.search_button.click()
    qtbot.waitUntil(lambda: counter.record is not None and not counter.busy, timeout=WAIT)
    walk.look("counter · record")

    counter.unlock_button.click()  # not verified: asks for the check first
    box = open_one(qtbot, counter, QMessageBox)
    walk.look("counter · verify first")
    box.accept()
    dialog = open_one(qtbot, counter, VerifyDialog)
    dialog.ok_button.click()  # nothing typed: refused at the field
    walk.look("verify dialog · refused")
    dialog.id_edit.setText(LOCKED.id_number)
    dialog.name_edit.setText(LOCKED.name)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: counter.record is not None and counter.record.verified_until is not None, timeout=WAIT)
    open_one(qtbot, counter, QMessageBox)
    walk.look("counter · verified")
    close_all(QMessageBox, counter)

    counter.reveal()
    reason = open_one(qtbot, counter, ReasonDialog)
    walk.look("reveal · reason")
    reason.reason_edit.setPlainText("考生本人核对报名信息")
    reason.ok_button.click()
    open_one(qtbot, counter, SecretDialog)
    walk.look("reveal · number")
    close_all(SecretDialog, counter)

    counter.reset_password()
    open_one(qtbot, counter, QMessageBox)
    walk.look("counter · reset password?")
    close_all(QMessageBox, counter)
    assert_english(walk)


def test_reviewer_console_in_english(
    qtbot: QtBot,
    english: translations.Installed,
    walk: Walk,
    runner: TaskRunner,
    staff_window: Callable[[str], MainWindow],
) -> None:
    window = staff_window("cs_reviewer")
    page = window.page(window.titles[0])
    assert isinstance(page, QueuesPage)
    window.show_page(window.titles[0])
    for row in range(page.queue_list.count()):
        page.queue_list.setCurrentRow(row)
        qtbot.waitUntil(lambda: page.page_data is not None and not page.busy, timeout=WAIT)
        idle(qtbot, runner)
        walk.look(f"queue {row}")
        for status in range(1, page.status_combo.count()):
            page.status_combo.setCurrentIndex(status)
            page.status_combo.activated.emit(status)
            idle(qtbot, runner)
            walk.look(f"queue {row} · status {status}")
    page.queue_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: page.selected() is not None and not page.busy, timeout=WAIT)
    idle(qtbot, runner)
    page.action_buttons["return"].click()
    dialog = open_one(qtbot, page, ReasonDialog)
    dialog.ok_button.click()  # no reason: refused inline
    walk.look("return · reason refused")
    dialog.close()
    page.action_buttons["approve"].click()
    open_one(qtbot, page, QMessageBox)
    walk.look("approve · confirm")
    close_all(QMessageBox, page)
    item = page.selected()
    assert item is not None
    score = ScoreCorrectionDialog(tr("{what}：{name}").format(what=tr("更正成绩"), name=item.name), 58, page)
    score.open()
    walk.look("score correction")
    score.close()
    assert_english(walk)


def test_admin_console_in_english(
    qtbot: QtBot,
    english: translations.Installed,
    walk: Walk,
    runner: TaskRunner,
    staff_window: Callable[[str], MainWindow],
) -> None:
    window = staff_window("admin")
    every_tab(qtbot, runner, walk, window, "admin")
    admin = window.page(window.titles[0])
    assert isinstance(admin, AdminPage)
    window.show_page(window.titles[0])
    admin.tabs.setCurrentWidget(admin.accounts)
    idle(qtbot, runner)
    admin.accounts.new_account()
    idle(qtbot, runner)
    dialog = open_one(qtbot, admin.accounts, CreateStaffDialog)
    dialog.ok_button.click()  # nothing typed: refused at the field
    walk.look("new staff account")
    dialog.close()
    admin.accounts.table.selectRow(0)
    box = admin.accounts.reset_password()
    assert box is not None
    walk.look("reset staff password?")
    box.close()
    admin.tabs.setCurrentWidget(admin.notices)
    idle(qtbot, runner)
    admin.notices.table.selectRow(0)
    idle(qtbot, runner)
    walk.look("notices · selected")
    editor = admin.notices.open_editor(None)
    editor.submit()  # nothing typed: refused at the field
    walk.look("new notice · refused")
    editor.close()
    notice = admin.notices.selected()
    assert notice is not None
    editor = admin.notices.open_editor(notice)
    walk.look("edit notice")
    editor.close()
    withdraw = admin.notices.ask_withdraw()
    assert withdraw is not None
    walk.look("withdraw notice")
    withdraw.close()
    assert_english(walk)


def test_tester_panel_in_english(
    qtbot: QtBot, english: translations.Installed, walk: Walk, client: ApiClient, runner: TaskRunner
) -> None:
    panel = tester_panel.TesterPanel(client, runner)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.clock_box.jump_buttons != {} and panel.scenario_box.combo.count() > 0, timeout=WAIT)
    idle(qtbot, runner)
    walk.look("tester panel")
    panel.scenario_box.ask_reseed()
    open_one(qtbot, panel, QMessageBox)
    walk.look("reset database?")
    close_all(QMessageBox, panel)
    assert_english(walk)


def test_without_a_catalogue_the_console_stays_chinese(
    qtbot: QtBot,
    runner: TaskRunner,
    staff_window: Callable[[str], MainWindow],
) -> None:
    """No English installed: ``tr`` gives every source text back, and the console shows it."""
    import xml.etree.ElementTree as ET

    for message in ET.parse(TS_DIR / "staff.ts").getroot().iter("message"):
        source = message.findtext("source") or ""
        comment = message.findtext("comment")
        assert tr(source, comment) == source
    window = staff_window("cs_clerk")
    counter = window.page(window.titles[0])
    assert isinstance(counter, CounterPage)
    assert counter.search_button.text() == "查询(&S)"
    assert counter.next_action.toolTip() == "清除上一位考生的全部信息，开始接待下一位 (Ctrl+N)"


def test_shared_widgets_in_english(
    qtbot: QtBot, english: translations.Installed, walk: Walk, client: ApiClient, runner: TaskRunner, tmp_path: Path
) -> None:
    """The upload box (with an uploaded PDF) and the waiting room, as the examinee's pages show them."""
    from datetime import UTC, datetime

    from desktop.api.errors import QueueTicket
    from desktop.views.widgets.upload import UploadWidget
    from desktop.views.widgets.waiting_room import WaitingRoomView

    login(client, demo_examinee(with_photo=True).exam_no)
    upload = UploadWidget(client, runner)
    qtbot.addWidget(upload)
    upload.show()
    walk.look("upload · empty")
    path = tmp_path / "transcript.pdf"
    path.write_bytes(pdf_bytes())
    assert upload.add_path(path)
    qtbot.waitUntil(lambda: len(upload.files) == 1 and not upload.uploading, timeout=WAIT)
    walk.look("upload · one PDF")
    upload.close()

    room = WaitingRoomView(client, runner)
    qtbot.addWidget(room)
    room.show()
    room.start(
        QueueTicket("t", position=3, estimated_wait_seconds=200, refresh_seconds=600, issued_at=datetime.now(UTC))
    )
    walk.look("waiting room")
    assert room.position_label.text() == "2 people ahead of you"
    room.stop()
    assert_english(walk)
