"""软件更新 in English (docs/i18n.md, docs/updates.md): the offer, the download, the refusals and the
reasons there is no update are the catalogue's English; the command line and the log stay Chinese."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.tasks import TaskRunner
from desktop.shell import translations
from desktop.updates.bundle import InstalledRelease, read_release
from desktop.updates.checker import UpdateChecker
from desktop.updates.client import UpdateClient, UpdateRefused
from desktop.updates.dialog import size_text
from tests.fixtures.updates import EXPIRED, KIB, UpdateRepository, offered_dialog, open_update_dialog

pytestmark = pytest.mark.gui

UNCHANGED = "The current version was left unchanged."


def test_sizes_take_the_plural_of_their_language(qapp: QApplication) -> None:
    assert size_text(1) == "1 字节" and size_text(900) == "900 字节"
    installed = translations.install(qapp, "en")
    try:
        assert (size_text(1), size_text(900), size_text(2048)) == ("1 byte", "900 bytes", "2 KB")
    finally:
        installed.remove()
    assert size_text(900) == "900 字节"


def test_the_offer_and_the_download_read_in_english(
    english: translations.Installed,
    qtbot: QtBot,
    update_repo: UpdateRepository,
    installed_release: InstalledRelease,
    update_checker: Callable[[], UpdateChecker],
    parent_widget: QWidget,
) -> None:
    update_repo.add("1.1.0", "修正了准考证打印", payload=os.urandom(64 * KIB))
    dialog = offered_dialog(qtbot, update_checker, parent_widget)
    size = update_repo.archive("1.1.0").stat().st_size
    assert dialog.windowTitle() == "Software update"
    assert dialog.message_label.text() == (
        f"Version 1.1.0 is available (you have 1.0.0); the download is {size_text(size)} (full download).\nWhat is new:"
    )
    assert dialog.notes_edit.toPlainText() == "修正了准考证打印"  # the publisher's notes: data
    assert (dialog.install_button.text(), dialog.close_button.text()) == ("Download, install at next start", "Not now")
    dialog.install_button.click()
    qtbot.waitUntil(lambda: dialog.close_button.text() == "Close", timeout=15_000)
    assert dialog.message_label.text().startswith("The new version was downloaded and its signature verified")
    staged = read_release(installed_release.next_folder)
    assert staged is not None and staged.version == "1.1.0"
    dialog.close()


def test_a_refusal_reads_in_english_and_says_nothing_changed(
    english: translations.Installed,
    qtbot: QtBot,
    update_repo: UpdateRepository,
    installed_release: InstalledRelease,
    update_checker: Callable[[], UpdateChecker],
    parent_widget: QWidget,
) -> None:
    update_repo.add("1.1.0", "第二版", expiration_days=EXPIRED)
    checker = update_checker()
    with qtbot.waitSignal(checker.refused, timeout=15_000) as refused:
        checker.check(parent_widget, quiet=True)
    message = refused.args[0]
    assert message.startswith("The server's update information has expired") and message.endswith(UNCHANGED)
    # the exception itself (the log, the --update-from command) keeps the Chinese source
    with UpdateClient(installed_release, checker.server_url) as client, pytest.raises(UpdateRefused) as caught:
        client.check()
    assert "已过期" in str(caught.value) and str(caught.value).endswith("当前版本未作任何改动。")
    assert not installed_release.next_folder.exists()


def test_the_reasons_for_no_update_read_in_english(
    english: translations.Installed, qtbot: QtBot, runner: TaskRunner, parent_widget: QWidget
) -> None:
    from_source = UpdateChecker(runner, "https://example.invalid", None, from_source=True)
    from_source.check(parent_widget, quiet=False)
    assert open_update_dialog(qtbot, from_source).message_label.text() == "No updates when running from source code"
    from_source.dialog.close()  # type: ignore[union-attr]
    not_released = UpdateChecker(runner, "https://example.invalid", None, from_source=False)
    not_released.check(parent_widget, quiet=False)
    dialog = open_update_dialog(qtbot, not_released)
    assert dialog.message_label.text() == "No updates: this copy of the program is not an official release"
    assert not dialog.install_button.isVisible() and dialog.close_button.text() == "Close"
    dialog.close()
