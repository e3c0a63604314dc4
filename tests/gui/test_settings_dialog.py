"""设置 (docs/accessibility.md): the language for the next start and the high-contrast look at once,
reached and used with the keyboard from the login window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.settings import AppSettings
from desktop.core.tasks import TaskRunner
from desktop.views.login_dialog import LoginDialog
from desktop.views.settings_dialog import SettingsDialog
from desktop.views.widgets import appearance
from tests.fixtures.keyboard import alt, focused, press, wait_for_focus_in, window_manager_returns_to

pytestmark = pytest.mark.gui


@pytest.fixture
def normal_look(qapp: QApplication) -> Iterator[QApplication]:
    before = qapp.styleSheet()
    appearance.apply(qapp, False)
    yield qapp
    qapp.setStyleSheet(before)
    qapp.setProperty("highContrast", False)


def login_with_settings(qtbot: QtBot, runner: TaskRunner, settings: AppSettings) -> LoginDialog:
    dialog = LoginDialog(runner)
    qtbot.addWidget(dialog)
    dialog.settings_requested.connect(lambda: SettingsDialog(settings, dialog).open())
    dialog.show()
    window_manager_returns_to(qtbot, dialog)
    return dialog


def test_english_and_high_contrast_chosen_with_keys(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, normal_look: QApplication
) -> None:
    settings = AppSettings.in_directory(tmp_path)
    assert settings.language == "zh" and not settings.high_contrast
    login = login_with_settings(qtbot, runner, settings)
    alt(qtbot, "G")  # 设置(&G)
    dialog = wait_for_focus_in(qtbot, SettingsDialog)
    assert isinstance(dialog, SettingsDialog) and focused(qtbot) is dialog.language_combo
    assert dialog.language_combo.accessibleName() == "界面语言"
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.language_combo.currentText() == "English"
    alt(qtbot, "H")  # 高对比度(&H): applied at once (a shortcut clicks with a short animation)
    qtbot.waitUntil(dialog.contrast_check.isChecked)
    assert normal_look.styleSheet() == appearance.style_sheet(True)
    press(qtbot, Qt.Key.Key_Return)  # 确定
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settings.language == "en" and settings.high_contrast
    assert AppSettings.in_directory(tmp_path).language == "en"  # kept for the next start
    assert login.isVisible()


def test_escape_puts_the_contrast_back_and_keeps_the_language(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, normal_look: QApplication
) -> None:
    settings = AppSettings.in_directory(tmp_path)
    login_with_settings(qtbot, runner, settings)
    alt(qtbot, "G")
    dialog = wait_for_focus_in(qtbot, SettingsDialog)
    press(qtbot, Qt.Key.Key_Down)
    alt(qtbot, "H")
    qtbot.waitUntil(dialog.contrast_check.isChecked)
    assert normal_look.styleSheet() == appearance.style_sheet(True)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert normal_look.styleSheet() == appearance.style_sheet(False)
    assert settings.language == "zh" and not settings.high_contrast
