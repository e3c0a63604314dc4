"""Applying for an exemption with the keyboard only (docs/accessibility.md): 新建申请 → 免考, course,
basis, a proof chosen in the file dialog by typing its path, 保存草稿, 提交申请."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.core.tasks import TaskRunner
from desktop.views.records import RecordsPage
from desktop.views.records.forms import ExemptionForm
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.files import jpeg_file
from tests.fixtures.keyboard import (
    WAIT_MS,
    alt,
    choose_from_menu,
    focused,
    press,
    tab_to,
    type_text,
    wait_for_focus_in,
    window_manager_returns_to,
)

pytestmark = pytest.mark.gui


# a menu asks the offscreen platform to grab the keyboard, a file dialog to raise itself: it cannot
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_an_exemption_applied_for_with_keys_only(
    qtbot: QtBot, tmp_path: Path, client: ApiClient, runner: TaskRunner
) -> None:
    login(client, DEMO["new"].exam_no)
    page = RecordsPage(client, runner)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    window_manager_returns_to(qtbot, page)
    qtbot.waitUntil(lambda: page.context is not None and not page.loading, timeout=WAIT_MS)

    # 新建申请(&N) opens its menu: 免考申请 in it
    choose_from_menu(qtbot, lambda: alt(qtbot, "N"), page.new_actions["exemption"])
    qtbot.waitUntil(lambda: page.editor is not None, timeout=WAIT_MS)
    window_manager_returns_to(qtbot, page)  # from the closed menu
    editor = page.editor
    assert editor is not None
    form = editor.form
    assert isinstance(form, ExemptionForm)
    qtbot.waitUntil(lambda: form.cap is not None, timeout=WAIT_MS)

    alt(qtbot, "C")  # 免考课程(&C)
    assert focused(qtbot) is form.course
    press(qtbot, Qt.Key.Key_Down)
    assert form.course.currentIndex() == 1
    qtbot.waitUntil(lambda: form.cap is not None and form.cap.course_code == form.course.currentData(), timeout=WAIT_MS)
    alt(qtbot, "B")  # 免考依据(&B)
    assert focused(qtbot) is form.basis
    type_text(qtbot, "全国计算机等级考试一级证书")
    assert form.basis.text() == "全国计算机等级考试一级证书"

    # the proof: Tab to 添加文件, Space; in the file dialog the file name box has the focus
    proof = jpeg_file(tmp_path / "certificate.jpg", (300, 200))
    assert editor.upload is not None
    tab_to(qtbot, editor.upload.add_button)
    press(qtbot, Qt.Key.Key_Space)
    dialog = wait_for_focus_in(qtbot, QFileDialog)
    type_text(qtbot, str(proof))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(editor.upload.files) == 1 and not editor.upload.uploading, timeout=WAIT_MS)
    window_manager_returns_to(qtbot, page)

    alt(qtbot, "S")  # 保存草稿(&S)
    qtbot.waitUntil(lambda: not editor.busy and "草稿已保存" in editor.saved_label.text(), timeout=WAIT_MS)
    alt(qtbot, "U")  # 提交申请(&U)
    qtbot.waitUntil(lambda: editor.application.status == "submitted", timeout=WAIT_MS)
    assert editor.status_badge.text() == "已提交"
    server_side = client.records.application(editor.application.application_no)
    assert server_side.status == "submitted" and server_side.data["basis"] == "全国计算机等级考试一级证书"
    assert [f.name for f in server_side.files] == ["certificate.jpg"]
