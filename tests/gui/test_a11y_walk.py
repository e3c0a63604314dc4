"""What a screen reader hears (docs/accessibility.md): every window walked through ``QAccessible``.

The walk is ``scripts/a11y_check.py``'s over the tour of ``scripts/window_tour.py`` (login, forgot
password, enrolment, 设置, the examinee's main window with every tab, every staff role, the tester
panel, the dialogs) against a real demo backend; no focusable control may be without a name.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from a11y_check import inspector, unnamed_controls
from window_tour import seed_database, tour

from desktop.views.widgets.accessible import NameOnShow, name_controls
from desktop.views.widgets.forms import form_layout


@pytest.fixture
def styled_app(qapp: QApplication) -> Iterator[QApplication]:
    """The program's look and naming on the test application, taken off again afterwards."""
    from desktop.shell.app import configure_appearance

    font, style_sheet = qapp.font(), qapp.styleSheet()
    configure_appearance(qapp)
    yield qapp
    for watcher in qapp.findChildren(NameOnShow):
        qapp.removeEventFilter(watcher)
        watcher.deleteLater()
    qapp.setStyleSheet(style_sheet)
    qapp.setFont(font)


def boxed_form(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QLineEdit]:
    """A form whose field sits in a box with its error line (Qt's own buddy lookup misses it)."""
    window = QWidget()
    qtbot.addWidget(window)
    form = form_layout(window)
    named = QLineEdit()
    box = QWidget()
    row = QHBoxLayout(box)
    row.addWidget(named)
    row.addWidget(QLabel(""))
    form.addRow("准考证号(&E)：", box)
    loose = QLineEdit()
    holder = QWidget()
    QVBoxLayout(holder).addWidget(loose)
    form.addRow(holder)
    return window, named, loose


def test_the_walk_finds_a_field_without_a_name(qtbot: QtBot) -> None:
    window, _named, _loose = boxed_form(qtbot)
    window.show()
    qtbot.waitExposed(window)
    found = unnamed_controls(window)
    assert len(found) == 2, found  # neither field: the caption is not the box's sibling's buddy
    assert all("EditableText" in where for _identity, where in found)


def test_a_field_is_named_after_its_caption_and_a_tab_page_after_its_tab(qtbot: QtBot) -> None:
    window, named, loose = boxed_form(qtbot)
    name_controls(window)
    assert named.accessibleName() == "准考证号"
    window.show()
    qtbot.waitExposed(window)
    assert len(unnamed_controls(window)) == 1  # the named field is no longer listed
    assert loose.accessibleName() == ""  # nothing a sighted person reads beside it: still unnamed

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    page = QLineEdit()
    tabs.addTab(page, "成绩查询(&S)")
    name_controls(tabs)
    assert page.accessibleName() == "成绩查询"


def test_every_control_of_every_window_has_a_name(qtbot: QtBot, styled_app: QApplication, tmp_path: Path) -> None:
    db = tmp_path / "tour.db"
    seed_database(db)
    unnamed: list[str] = []
    texts: dict[str, str] = {}
    before = set(map(id, QApplication.topLevelWidgets()))
    try:
        checker = tour(db, "a11y-test", inspector(unnamed, texts), extras=False)
    finally:  # no window of the tour (an idle warning, a closed dialog) stays for the tests after this one
        for widget in QApplication.topLevelWidgets():
            if id(widget) not in before:
                widget.close()
                widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert checker.failures == [], checker.failures  # every scenario opened its windows
    assert checker.windows >= 40
    assert unnamed == []
    assert texts, "the walk read the windows' texts"


def test_the_form_layout_caption_is_found_through_a_nested_layout(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    form = QFormLayout(window)
    edit = QLineEdit()
    row = QHBoxLayout()
    row.addWidget(edit)
    form.addRow("手机号：", row)
    name_controls(window)
    assert edit.accessibleName() == "手机号"
