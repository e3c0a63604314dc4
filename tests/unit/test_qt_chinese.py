"""Qt's own dialogs speak Chinese: message boxes, button boxes, file dialogs, date boxes.

``desktop.shell.translations.install`` is what the program runs at start-up; each test installs
it and takes it away again, so the other tests keep Qt as they found it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, QStandardPaths
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.i18n.catalogues import qm_files as catalogue_qm_files
from desktop.shell import translations
from desktop.views.widgets.files import documents_folder, open_dialog, save_dialog

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def chinese_qt(qapp: QApplication) -> Iterator[translations.Installed]:
    installed = translations.install(qapp, "zh")
    assert len(installed.translators) == 2
    yield installed
    installed.remove()


def english_texts(widget: QWidget) -> list[str]:
    """The visible words of ``widget`` and its children that are English (3+ Latin letters)."""
    texts: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, (QAbstractButton, QLabel)) and child.isVisibleTo(widget):
            texts.append(child.text())
    return [text for text in texts if ENGLISH_WORD.search(text.replace("&", ""))]


def test_message_box_buttons_and_details_are_chinese(qtbot: QtBot, chinese_qt: translations.Installed) -> None:
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "提交失败", "请上传证明材料后再提交。")
    qtbot.addWidget(box)
    box.setStandardButtons(buttons.Ok | buttons.Cancel | buttons.Yes | buttons.No | buttons.Close | buttons.Retry)
    box.setDetailedText("请求编号：1")
    box.show()
    texts = [button.text() for button in box.findChildren(QAbstractButton)]
    assert "确定" in texts and "取消" in texts and any("显示详情" in text for text in texts)
    assert english_texts(box) == []


def test_button_box_is_chinese(qtbot: QtBot, chinese_qt: translations.Installed) -> None:
    buttons = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(buttons.Ok | buttons.Cancel | buttons.Save | buttons.Open | buttons.Apply | buttons.Reset)
    qtbot.addWidget(box)
    box.show()
    assert english_texts(box) == []
    assert box.button(buttons.Cancel).text() == "取消"


def test_file_dialog_is_chinese_in_documents_with_chinese_dates(
    qtbot: QtBot, chinese_qt: translations.Installed, tmp_path: Path
) -> None:
    (tmp_path / "准考证.pdf").write_bytes(b"%PDF-1.4\n" * 200)
    parent = QWidget()
    qtbot.addWidget(parent)
    # Qt's own dialog, as on Linux without a desktop theme (offscreen and Xvfb have no native one)
    dialog = save_dialog(parent, "保存准考证", str(tmp_path / "准考证.pdf"), "PDF 文件 (*.pdf)", "pdf", print)
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert english_texts(dialog) == []
    view = dialog.findChild(QTreeView, "treeView")
    assert view is not None
    model = view.model()

    def row() -> list[str]:
        root = view.rootIndex()
        names = [model.index(r, 0, root).data() for r in range(model.rowCount(root))]
        assert "准考证.pdf" in names
        r = names.index("准考证.pdf")
        return [str(model.index(r, c, root).data()) for c in range(4)]

    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) > 0)
    cells = row()
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", cells[3]), cells
    assert not ENGLISH_WORD.search(cells[1]), cells  # 1.76 KB (Qt writes "1.76 KiB", "0 bytes")
    dialog.reject()


@pytest.mark.parametrize("which", ["save", "open"])
def test_file_dialogs_start_in_documents(qtbot: QtBot, chinese_qt: translations.Installed, which: str) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    if which == "save":
        dialog = save_dialog(parent, "导出", "审计日志.csv", "CSV 文件 (*.csv)", "csv", print)
    else:
        dialog = open_dialog(parent, "选择证件照", "", "JPEG 图片 (*.jpg)", print)
    folder = documents_folder()
    assert folder and folder != os.getcwd()
    assert Path(dialog.directory().absolutePath()) == Path(folder)
    dialog.reject()


def test_date_boxes_write_chinese_dates(qtbot: QtBot, chinese_qt: translations.Installed) -> None:
    from desktop.views.staff import admin, appointments, notices_admin
    from desktop.views.tester import clock_box

    saturday = QDate(2027, 2, 20)
    for fmt in (appointments.DAY_FORMAT, admin.DATE_FORMAT, notices_admin.EDIT_FORMAT, clock_box.EDIT_FORMAT):
        edit = QDateEdit(saturday)
        qtbot.addWidget(edit)
        edit.setDisplayFormat(fmt)
        text = edit.text()
        assert text.startswith("2027年2月20日"), text
        assert not ENGLISH_WORD.search(text), text
    weekday = QDateEdit(saturday)
    qtbot.addWidget(weekday)
    weekday.setDisplayFormat(appointments.DAY_FORMAT)
    assert weekday.text() == "2027年2月20日 星期六"
    assert date(2027, 2, 20).weekday() == 5


def test_english_leaves_qt_as_it_is(qapp: QApplication) -> None:
    """English loads only the program's own catalogues (no Qt catalogue) and keeps the locale."""
    before = QLocale().name()
    installed = translations.install(qapp, "en")
    try:
        assert len(installed.translators) == len(catalogue_qm_files())
        assert not any(isinstance(t, translations.MissingStrings) for t in installed.translators)
        assert all(t.language() == "en" and "qtbase" not in t.filePath() for t in installed.translators)
        assert QLocale().name() == before
    finally:
        installed.remove()


def test_translations_are_where_the_bundle_takes_them() -> None:
    """build.spec keeps qtbase_zh_CN.qm (and drops the other languages)."""
    folder = translations.translations_dir()
    assert (folder / "qtbase_zh_CN.qm").is_file()
    spec = (Path(__file__).resolve().parents[2] / "build.spec").read_text(encoding="utf-8")
    keep_rule = re.search(r'r"\[/\\\\\]translations\[/\\\\\]\(\?!(.*?)\)\[', spec)
    assert keep_rule is not None
    assert re.fullmatch(keep_rule.group(1), "qtbase_zh_CN.qm")
    assert QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
