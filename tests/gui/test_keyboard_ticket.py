"""Printing the admission ticket to PDF with the keyboard only (docs/accessibility.md): Alt+D on
保存为 PDF, the file name typed in the file dialog, Enter."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.fixtures.documents import pdf_text
from tests.fixtures.exams import in_window
from tests.fixtures.exams_page import ExamsEnv
from tests.fixtures.keyboard import WAIT_MS, alt, press, type_text, wait_for_focus_in, window_manager_returns_to

pytestmark = pytest.mark.gui


# the file dialog asks the offscreen platform to raise it, its name completer to grab the keyboard
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_the_ticket_saved_as_pdf_with_keys_only(qtbot: QtBot, exams_env: ExamsEnv, tmp_path: Path) -> None:
    session, order = exams_env.register(2)
    exams_env.at(in_window(session))
    page = exams_env.open_page()
    window_manager_returns_to(qtbot, page)
    panel = page.ticket_panel
    qtbot.waitUntil(lambda: panel.save_button.isVisible() and panel.save_button.isEnabled(), timeout=WAIT_MS)

    alt(qtbot, "D")  # 保存为 PDF(&D)…
    dialog = wait_for_focus_in(qtbot, QFileDialog)
    target = tmp_path / "ticket.pdf"
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # the suggested name, replaced
    type_text(qtbot, str(target))
    with qtbot.waitSignal(panel.ticket_saved, timeout=WAIT_MS) as saved:
        press(qtbot, Qt.Key.Key_Return)
    assert saved.args == [target] and not (shiboken6.isValid(dialog) and dialog.isVisible())
    text = pdf_text(target)
    assert "准考证" in text
    for item in order.items:
        assert item.course_code in text
