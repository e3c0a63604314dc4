"""Windows open centred on their screen at a size that fits it (desktop/views/widgets/window_fit.py),
and the main window with every tab built fits a small screen (1920×1080 at 200 %: 960×540)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QTableWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.core.tasks import TaskRunner
from desktop.shell.session import UserSession
from desktop.views.main_window import MainWindow
from desktop.views.widgets import window_fit
from tests.fixtures.accounts import demo_examinee, login

pytestmark = pytest.mark.gui

#: 1920×1080 at 200 % in logical pixels, less a window frame
SMALL_SCREEN = QSize(960, 540) - window_fit.FRAME_ALLOWANCE


def test_a_window_larger_than_its_screen_opens_fitting_and_centred(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(4000, 3000)
    window_fit.show_centred(window)
    qtbot.waitExposed(window)
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)

    def centred() -> None:  # once the frame is known (none offscreen), centred exactly
        centre = window.frameGeometry().center() - available.center()
        assert abs(centre.x()) <= 1 and abs(centre.y()) <= 1, centre

    qtbot.waitUntil(centred, timeout=2000)


def test_a_small_window_keeps_its_size_and_a_dialog_centres_on_its_parent(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(500, 400)
    window_fit.show_centred(parent)
    dialog = QDialog(parent)
    QVBoxLayout(dialog).addWidget(QLabel("确认"))
    dialog.resize(200, 120)
    window_fit.place(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.size() == QSize(200, 120)
    qtbot.waitUntil(
        lambda: (dialog.frameGeometry().center() - parent.frameGeometry().center()).manhattanLength() <= 2,
        timeout=2000,
    )
    # grown for its content, it stays centred and no taller than the screen
    window_fit.place(dialog, QSize(200, 5000))
    assert dialog.screen().availableGeometry().contains(dialog.frameGeometry())
    assert dialog.height() > 120


def test_a_page_scrolls_as_a_whole_or_its_table_does_never_both(qtbot: QtBot) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidgetResizable(True)
    page = QWidget()
    layout = QVBoxLayout(page)
    heading = QLabel("报考须知")
    heading.setMinimumHeight(300)
    table = QTableWidget(30, 3)
    table.setMinimumHeight(90)
    layout.addWidget(heading)
    layout.addWidget(table, 1)
    area.setWidget(page)
    window_fit.OneScroll(area)
    area.resize(400, 300)  # smaller than the page: the page scrolls, the table shows every row
    area.show()
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0 and table.minimumHeight() > 90, timeout=2000)
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() == 0, timeout=2000)
    area.resize(400, 3000)  # room for everything: the table has its own minimum again and the page fits
    qtbot.waitUntil(lambda: table.minimumHeight() == 90 and area.verticalScrollBar().maximum() == 0, timeout=2000)
    area.resize(400, 480)  # the page fits with a short table: only the table scrolls
    qtbot.waitUntil(lambda: table.height() < 400, timeout=2000)
    assert area.verticalScrollBar().maximum() == 0 and table.verticalScrollBar().maximum() > 0


def test_the_main_window_with_every_tab_fits_a_200_percent_screen(
    qtbot: QtBot, client: ApiClient, runner: TaskRunner
) -> None:
    session = UserSession(login(client, demo_examinee(with_photo=True).exam_no), watch_application=False)
    window = MainWindow(client, runner, session, "内置演示服务 127.0.0.1:1")
    qtbot.addWidget(window)
    try:
        window.show_on_screen()
        for title in window.titles:
            window.show_page(title)
            qtbot.waitUntil(lambda: not runner.busy, timeout=15_000)
            minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
            assert minimum.width() <= SMALL_SCREEN.width() and minimum.height() <= SMALL_SCREEN.height(), (
                title,
                minimum,
            )
        available = window.screen().availableGeometry()
        assert available.contains(window.frameGeometry())  # opened maximised or at a size that fits
    finally:
        session.stop()
