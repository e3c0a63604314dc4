"""软件更新 in the GUI: the check after login, the dialog, the download with progress (docs/updates.md)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backend_mock.seed import DEMO_PASSWORD
from desktop.api import ApiClient
from desktop.core.settings import AppSettings
from desktop.core.tasks import TaskRunner
from desktop.shell.controller import AppController
from desktop.updates.bundle import InstalledRelease, read_release
from desktop.updates.checker import FROM_SOURCE, UpdateChecker
from desktop.updates.dialog import STAGED, size_text
from desktop.views.login_dialog import LoginDialog
from desktop.views.main_window import MainWindow
from tests.fixtures.accounts import demo_examinee
from tests.fixtures.servers import LiveServer
from tests.fixtures.updates import EXPIRED, KIB, UpdateRepository, offered_dialog, open_update_dialog

pytestmark = pytest.mark.gui

EXAMINEE = demo_examinee(with_photo=False)


def test_after_login_from_source_nothing_is_offered_and_the_menu_says_why(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, tmp_path: Path
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    controller = AppController(settings, tmp_path, live_server.url, runner=runner)
    try:
        controller.start()
        dialog = controller.login_dialog
        assert isinstance(dialog, LoginDialog)
        qtbot.waitUntil(lambda: dialog.is_ready and dialog.captcha_id is not None, timeout=10_000)
        helper = ApiClient(live_server.url)
        answer = helper.mock.captcha_answer(dialog.captcha_id or "")
        helper.close()
        dialog.account_edit.setText(EXAMINEE.exam_no)
        dialog.password_edit.setText(DEMO_PASSWORD)
        dialog.captcha_edit.setText(answer)
        with qtbot.waitSignal(controller.main_window_opened, timeout=10_000) as opened:
            dialog.login_button.click()
        main = opened.args[0]
        assert isinstance(main, MainWindow)
        checker = controller.updates
        assert checker is not None and checker.reason == FROM_SOURCE
        qtbot.wait(200)
        assert checker.dialog is None  # the automatic check says nothing from source
        main.update_action.trigger()
        update_dialog = open_update_dialog(qtbot, checker)
        assert update_dialog.message_label.text() == FROM_SOURCE
        assert not update_dialog.install_button.isVisible()
        update_dialog.close()
    finally:
        controller.shutdown()
        if controller.main_window is not None:
            controller.main_window.close_quietly()
        QApplication.sendPostedEvents()


def test_the_dialog_says_what_is_new_downloads_with_progress_and_stages(
    qtbot: QtBot,
    update_repo: UpdateRepository,
    installed_release: InstalledRelease,
    update_checker: Callable[[], UpdateChecker],
    parent_widget: QWidget,
) -> None:
    update_repo.add("1.1.0", "修正了准考证打印\n报考回执单加上了二维码", payload=os.urandom(512 * KIB))
    dialog = offered_dialog(qtbot, update_checker, parent_widget)
    size = update_repo.archive("1.1.0").stat().st_size
    assert dialog.message_label.text().startswith(
        f"有新版本 1.1.0（当前版本 1.0.0），需下载 {size_text(size)}（完整更新）"
    )
    assert dialog.notes_edit.toPlainText() == "修正了准考证打印\n报考回执单加上了二维码"
    assert not installed_release.next_folder.exists()  # nothing before the user agreed
    dialog.install_button.click()
    qtbot.waitUntil(lambda: dialog.message_label.text() == STAGED, timeout=15_000)
    assert dialog.progress_bar.maximum() == size and dialog.progress_bar.value() == size
    staged = read_release(installed_release.next_folder)
    assert staged is not None and staged.version == "1.1.0"
    assert read_release(installed_release.folder) == installed_release
    dialog.close()


def test_a_tampered_download_is_refused_in_the_dialog(
    qtbot: QtBot,
    update_repo: UpdateRepository,
    installed_release: InstalledRelease,
    update_checker: Callable[[], UpdateChecker],
    parent_widget: QWidget,
) -> None:
    update_repo.add("1.1.0", "第二版", payload=os.urandom(64 * KIB))
    archive = update_repo.archive("1.1.0")
    data = bytearray(archive.read_bytes())
    data[-100] ^= 0x01
    archive.write_bytes(bytes(data))
    checker = update_checker()
    checker.check(parent_widget, quiet=False)
    dialog = open_update_dialog(qtbot, checker)
    qtbot.waitUntil(dialog.install_button.isVisible, timeout=15_000)
    dialog.install_button.click()
    qtbot.waitUntil(lambda: "可能被篡改" in dialog.message_label.text(), timeout=15_000)
    assert dialog.message_label.text().endswith("当前版本未作任何改动。")
    assert not dialog.install_button.isVisible()
    assert not installed_release.next_folder.exists()
    dialog.close()


def test_an_automatic_check_refused_goes_to_the_status_bar_not_a_dialog(
    qtbot: QtBot,
    update_repo: UpdateRepository,
    update_checker: Callable[[], UpdateChecker],
    parent_widget: QWidget,
) -> None:
    update_repo.add("1.1.0", "第二版", expiration_days=EXPIRED)
    checker = update_checker()
    with qtbot.waitSignal(checker.refused, timeout=15_000) as refused:
        checker.check(parent_widget, quiet=True)
    assert "已过期" in refused.args[0]
    assert checker.dialog is None


def test_the_self_test_reports_the_trusted_root_and_the_check(
    update_repo: UpdateRepository,
    installed_release: InstalledRelease,
    server_factory: Callable[..., LiveServer],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.shell.self_test import SelfTestFailed, check_updates

    plain = server_factory()  # serves no updates, like the embedded backend
    check_updates(plain.url, None, tmp_path / "one", installed_release.folder)
    said = capsys.readouterr().out
    assert "trusted update root: version 1, expires " in said
    assert "update check of version 1.0.0: 服务器没有提供软件更新。" in said
    assert not installed_release.data_folder.exists()  # the real copy's update state is left alone

    check_updates(plain.url, None, tmp_path / "two", None)
    assert "update check: 从源代码运行，不提供更新 (update client loaded)" in capsys.readouterr().out

    update_repo.add("1.1.0", "第二版")
    offering = server_factory(update_repository=update_repo.folder)
    with pytest.raises(SelfTestFailed, match="offered an update"):
        check_updates(offering.url, None, tmp_path / "three", installed_release.folder)
