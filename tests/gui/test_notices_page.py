"""The 通知公告 tab against a real server: list and unread marks, category filter, search, the
reader, attachments (open and save), the new-notices banner, 我的日程 with its .ics export, the
offline copy (server stopped → copy shown read-only) and its wipe at logout."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import icalendar
import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from backend_mock.seed import DEMO_PASSWORD
from desktop.api import ApiClient
from desktop.core.offline import OfflineStore
from desktop.core.settings import AppSettings
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import date_text
from desktop.models.notices_models import DeadlineTableModel, NoticeTableModel
from desktop.shell.controller import AppController
from desktop.views.login_dialog import LoginDialog
from desktop.views.main_window import MainWindow
from desktop.views.notices import NoticesPage
from desktop.views.notices.page import OFFLINE_TEXT
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.gui import say_yes, task_runner
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui
WAIT = 15_000
EXAMINEE = DEMO["midway"]


@dataclass
class Env:
    server: LiveServer
    client: ApiClient
    runner: TaskRunner
    tmp: Path

    def page(self, qtbot: QtBot, store: OfflineStore | None = None, *, owned: bool = True) -> NoticesPage:
        page = NoticesPage(self.client, self.runner, offline=store)
        if owned:  # closed by pytest-qt after the test
            qtbot.addWidget(page)
        page.resize(1000, 640)
        page.show()
        qtbot.waitUntil(lambda: page.calendar is not None and not page.loading and not self.runner.busy, timeout=WAIT)
        return page


@pytest.fixture
def env(qtbot: QtBot, tmp_path: Path, live_server: LiveServer) -> Iterator[Env]:
    server = live_server
    client = server.client()
    login(client, EXAMINEE.exam_no)
    try:
        with task_runner() as runner:
            yield Env(server, client, runner, tmp_path)
    finally:
        client.close()


def bold(page: NoticesPage, row: int) -> bool:
    font = page.model.data(page.model.index(row, 1), Qt.ItemDataRole.FontRole)
    return isinstance(font, QFont) and font.bold()


def test_list_reader_and_read_marks(qtbot: QtBot, env: Env) -> None:
    page = env.page(qtbot)
    assert page.stack.currentIndex() == 1 and not page.offline_label.isVisibleTo(page)
    rows = page.model.rowCount()
    assert rows >= 12 and all(bold(page, r) for r in range(rows))
    assert page.count_label.text() == f"共 {rows} 条 · 未读 {rows} 条"
    first = page.model.item(0)
    assert page.model.data(page.model.index(0, 0)) == first.category
    assert page.model.data(page.model.index(0, 2)) == date_text(first.publish_at)  # e.g. 2027年2月20日

    page.table.selectRow(1)
    target = page.model.item(1)
    qtbot.waitUntil(lambda: page.reader.notice is not None and page.reader.notice.id == target.id, timeout=WAIT)
    qtbot.waitUntil(lambda: not bold(page, 1), timeout=WAIT)
    assert page.reader.title.text() == target.title
    assert page.reader.body.toPlainText() == env.client.notices.get(target.id).body
    assert target.category in page.reader.meta.text()
    assert page.count_label.text().endswith(f"未读 {rows - 1} 条")
    # the server knows
    assert [n.id for n in env.client.notices.list().items if n.read] == [target.id]
    assert bold(page, 0)
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)


def test_category_filter_and_search(qtbot: QtBot, env: Env) -> None:
    page = env.page(qtbot)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.category_combo.setCurrentIndex(page.category_combo.findText("成绩通知"))
    assert page.model.rowCount() >= 1
    assert {n.category for n in page.model.items} == {"成绩通知"}

    # a second change while the first load is on its way wins
    page.category_combo.setCurrentIndex(page.category_combo.findText("考试公告"))
    page.category_combo.setCurrentIndex(page.category_combo.findText("政策文件"))
    qtbot.waitUntil(lambda: not page.loading and not env.runner.busy, timeout=WAIT)
    assert page.model.rowCount() >= 1 and {n.category for n in page.model.items} == {"政策文件"}

    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.category_combo.setCurrentIndex(0)
    page.search_edit.setText("包过")
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert [n.title for n in page.model.items] == ["关于防范自学考试诈骗的提醒"]
    assert "搜索结果" in page.count_label.text()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.search_edit.clear()  # clearing the search shows everything again
    assert page.model.rowCount() >= 12
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)


def test_attachments_open_and_save(qtbot: QtBot, env: Env) -> None:
    page = env.page(qtbot, owned=False)  # deleted by the test
    opened: list[QUrl] = []
    page.open_url = opened.append
    row = next(i for i, n in enumerate(page.model.items) if n.attachment_count and "时间安排" in n.title)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.reader.attachments.count() == 1 and page.reader.open_button.isEnabled(), timeout=WAIT)
    att = page.reader.current_attachment()
    assert att is not None and att.file_name.endswith(".pdf")

    with qtbot.waitSignal(page.attachment_opened, timeout=WAIT) as got:
        page.reader.open_button.click()
    path = got.args[0]
    assert isinstance(path, Path) and path.read_bytes().startswith(b"%PDF-") and path.name == att.file_name
    assert opened == [QUrl.fromLocalFile(str(path))]

    target = env.tmp / "保存的附件.pdf"
    page.reader.save_button.click()
    dialog = page.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.selectFile(str(target))
    with qtbot.waitSignal(page.attachment_saved, timeout=WAIT):
        dialog.accept()
    assert target.read_bytes() == path.read_bytes()
    temp_dir = Path(page._temp_dir)
    assert temp_dir.exists()
    page.close()
    page.deleteLater()
    qtbot.waitUntil(lambda: not temp_dir.exists(), timeout=WAIT)  # the temporary copies go with the page


def test_no_viewer_for_an_attachment_says_so_and_offers_save_as(qtbot: QtBot, env: Env) -> None:
    """打开 on a machine with no program for the file: the person is told, and 另存为 is offered."""
    page = env.page(qtbot)
    asked: list[QUrl] = []

    def no_viewer(url: QUrl) -> bool:
        asked.append(url)
        return False  # what QDesktopServices.openUrl answers when nothing can open the file

    page.open_url = no_viewer
    opened: list[object] = []
    page.attachment_opened.connect(opened.append)
    row = next(i for i, n in enumerate(page.model.items) if n.attachment_count and "时间安排" in n.title)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.reader.attachments.count() == 1 and page.reader.open_button.isEnabled(), timeout=WAIT)
    att = page.reader.current_attachment()
    assert att is not None
    page.reader.open_button.click()
    qtbot.waitUntil(lambda: page.no_viewer_box is not None and page.no_viewer_box.isVisible(), timeout=WAIT)
    assert len(asked) == 1 and not opened
    asked_text = say_yes(page, "noViewerBox")
    assert att.file_name in asked_text and "另存" in asked_text
    dialog = page.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    target = env.tmp / "附件.pdf"
    dialog.selectFile(str(target))
    with qtbot.waitSignal(page.attachment_saved, timeout=WAIT):
        dialog.accept()
    assert target.read_bytes().startswith(b"%PDF-")


def test_new_notices_banner_opens_the_notice(qtbot: QtBot, env: Env) -> None:
    window_client = env.client
    page = env.page(qtbot)
    assert page.news is not None and page.news.count >= 1
    (banner,) = [b for b in page.banners if b.text.startswith("自上次登录以来")]
    newest, count = page.news.items[0], page.news.count
    assert newest.title in banner.text
    assert banner.action_button is not None
    banner.action_button.click()
    assert page.inner_tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: page.reader.notice is not None, timeout=WAIT)
    assert page.reader.notice is not None and page.reader.notice.id == newest.id
    assert banner not in page.banners
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)
    assert window_client.notices.new_since_login().count == count - 1
    assert page.news.count == count - 1 and newest.id not in [n.id for n in page.news.items]


def test_calendar_view_and_ics_export(qtbot: QtBot, env: Env) -> None:
    page = env.page(qtbot)
    view = page.calendar_view
    page.inner_tabs.setCurrentWidget(view)
    assert page.calendar is not None
    assert view.model.rowCount() == len(page.calendar.items)
    now = view.model.now
    assert now is not None
    texts = [view.model.data(view.model.index(r, 2)) for r in range(view.model.rowCount())]
    assert any(t.startswith("还剩 ") for t in texts)
    current = view.table.currentIndex()
    assert current.isValid() and not view.model.item(current.row()).is_past(now)  # the next date is selected
    view.mine_only.setChecked(True)
    assert all(i.concerns for i in view.model.items) and view.model.rowCount() < len(page.calendar.items)

    target = env.tmp / "日程.ics"
    view.export_button.click()
    dialog = page.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.selectFile(str(target))
    with qtbot.waitSignal(page.calendar_exported, timeout=WAIT):
        dialog.accept()
    parsed = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(parsed.walk("VEVENT"))
    assert len(events) == view.model.rowCount()
    assert b"\r\n" in target.read_bytes()


def test_models_pass_the_model_tester(qtmodeltester: ModelTester, qtbot: QtBot, env: Env) -> None:
    notices = NoticeTableModel()
    notices.set_items(env.client.notices.list().items)
    qtmodeltester.check(notices, force_py=True)
    cal = env.client.notices.calendar()
    deadlines = DeadlineTableModel()
    deadlines.set_items(cal.items)
    deadlines.set_now(cal.server_time)
    qtmodeltester.check(deadlines, force_py=True)


def test_offline_copy_is_shown_read_only_when_the_server_is_gone(qtbot: QtBot, env: Env) -> None:
    store = OfflineStore(env.tmp / "users" / "abc")
    page = env.page(qtbot, store)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.reader.notice is not None and not env.runner.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: store.path.exists(), timeout=WAIT)
    online_titles = [n.title for n in page.model.items]
    calendar_rows = page.calendar_view.model.rowCount()
    saved = store.path.read_text(encoding="utf-8")
    for secret in (EXAMINEE.exam_no, EXAMINEE.phone, EXAMINEE.name):
        assert secret not in saved  # no personal numbers (nor the name) in the copy
    assert json.loads(saved)["calendar"]["items"]

    env.server.thread.stop()  # the server goes away
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.refresh()
    assert page.offline and page.offline_label.isVisibleTo(page)
    assert page.offline_label.text().startswith(OFFLINE_TEXT)
    assert page.reconnect_button.isVisibleTo(page)
    assert [n.title for n in page.model.items] == online_titles
    assert page.calendar_view.model.rowCount() == calendar_rows
    # read-only: no search, no unread filter, no attachments
    assert not page.search_edit.isEnabled() and not page.search_button.isEnabled() and not page.unread_box.isEnabled()
    row = next(i for i, n in enumerate(page.model.items) if n.attachment_count)
    page.table.selectRow(row)
    assert page.reader.notice is not None  # bodies were kept
    assert not page.reader.open_button.isEnabled() and not page.reader.save_button.isEnabled()
    # the category filter still works, on the copy
    page.category_combo.setCurrentIndex(page.category_combo.findText("政策文件"))
    qtbot.waitUntil(lambda: {n.category for n in page.model.items} == {"政策文件"}, timeout=WAIT)

    # a page built from scratch (nothing in memory) shows the same copy
    fresh = NoticesPage(env.client, env.runner, offline=store)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitUntil(lambda: fresh.offline and fresh.calendar is not None, timeout=WAIT)
    assert fresh.model.rowCount() == len(online_titles)
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)


def test_without_a_copy_the_failure_says_why(qtbot: QtBot, env: Env) -> None:
    env.server.thread.stop()
    page = NoticesPage(env.client, env.runner, offline=OfflineStore(env.tmp / "users" / "none"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.state_page.retry_button.isVisibleTo(page), timeout=WAIT)
    assert "无法连接" in page.state_label.text()
    qtbot.waitUntil(lambda: not env.runner.busy, timeout=WAIT)


def test_logout_wipes_the_users_copy(qtbot: QtBot, tmp_path: Path, live_server: LiveServer) -> None:
    server = live_server
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with task_runner() as runner:
        settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        controller = AppController(settings, data_dir, server.url, runner=runner)
        try:
            controller.start()
            dialog = controller.login_dialog
            assert isinstance(dialog, LoginDialog)
            qtbot.waitUntil(lambda: dialog.is_ready and dialog.captcha_id is not None, timeout=WAIT)
            helper = ApiClient(server.url)
            answer = helper.mock.captcha_answer(dialog.captcha_id or "")
            helper.close()
            dialog.account_edit.setText(EXAMINEE.exam_no)
            dialog.password_edit.setText(DEMO_PASSWORD)
            dialog.captcha_edit.setText(answer)
            with qtbot.waitSignal(controller.main_window_opened, timeout=WAIT) as opened:
                dialog.login_button.click()
            window = opened.args[0]
            assert isinstance(window, MainWindow)
            page = window.page("通知公告")
            store = controller.offline_store
            assert store is not None and page.offline_store is store and page.settings is settings
            assert page.store is window.store and page.clock is window.clock  # the login's store, the one clock
            qtbot.waitUntil(lambda: store.path.exists(), timeout=WAIT)
            # the folder name is a salted hash: no number on disk
            assert EXAMINEE.exam_no not in str(store.path) and len(settings.install_salt) == 32
            # the new-notices banner sits in the main window, above the tabs
            qtbot.waitUntil(lambda: any(b.text.startswith("自上次登录") for b in page.banners), timeout=WAIT)
            banner = page.banners[0]
            assert banner.window() is window

            with qtbot.waitSignal(controller.logged_out, timeout=WAIT):
                window.logout_action.trigger()
            qtbot.waitUntil(lambda: not store.folder.exists(), timeout=WAIT)
            qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=WAIT)
            assert not any((data_dir / "users").iterdir())
        finally:
            controller.shutdown()
            QApplication.sendPostedEvents()
    server.thread.stop()
