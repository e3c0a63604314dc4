"""考试信息 end to end through the widgets, against a real mock backend over HTTP.

The examinee registers and pays through the API with the clock in the registration window; then
the tester clock is frozen before, inside or after the ticket printing window and the examinee
logs in again (moving the clock by weeks ends a login) before the tab is opened.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from backend_mock.models import Examinee, SeatAssignment
from desktop.api import ApiClient
from desktop.core.store import PROFILE, SessionStore
from desktop.core.timefmt import datetime_text
from desktop.documents import render as documents
from desktop.models.exams_models import SEAT_PENDING, room_seat_text
from desktop.shell.session import UserSession
from desktop.views.exams import ExamsPage
from desktop.views.main_window import MainWindow
from desktop.views.personal_center import PersonalCenter
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.documents import assert_a4, assert_fonts_embedded, pdf_text
from tests.fixtures.exams import a_day_into_printing, clock_of
from tests.fixtures.exams_page import ExamsEnv
from tests.fixtures.files import jpeg_file
from tests.fixtures.registration import set_phase, upcoming
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

WAIT = 15_000
NEW = DEMO["new"]


def main_window(exams_env: ExamsEnv, account: str = NEW.exam_no) -> MainWindow:
    """The main window of ``account`` with its store and a clock fed by its client (as the shell makes it)."""
    client = ApiClient(exams_env.server.url, retries=0)
    exams_env.clients.append(client)
    clock = clock_of(client)
    user_session = UserSession(login(client, account), watch_application=False)
    exams_env.sessions.append(user_session)
    store = SessionStore()
    clock.moved.connect(store.clock_moved, Qt.ConnectionType.QueuedConnection)
    window = MainWindow(client, exams_env.runner, user_session, "test", store=store, clock=clock)
    exams_env.qtbot.addWidget(window)
    window.show()
    return window


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def seat_texts(page: ExamsPage) -> dict[str, str]:
    """course code → the text of the 考场 / 座位 column."""
    model = page.timetable_model
    return {
        slot.course_code: model.index(row, model.SEAT_COLUMN).data()
        for row, slot in enumerate(model.items)
        if slot.course_code
    }


def seat_in_db(server: LiveServer, exam_no: str, session_code: str) -> tuple[int, int]:
    with server.db() as db:
        examinee_id = db.scalar(select(Examinee.id).where(Examinee.exam_no == exam_no))
        row = db.scalar(
            select(SeatAssignment).where(
                SeatAssignment.examinee_id == examinee_id, SeatAssignment.session_code == session_code
            )
        )
        assert row is not None
        return row.room, row.seat


def visible_ticket_buttons(page: ExamsPage) -> set[str]:
    panel = page.ticket_panel
    buttons = (panel.preview_button, panel.save_button, panel.print_button, panel.upload_button)
    return {b.objectName() for b in buttons if b.isVisibleTo(page)}


def save_ticket(qtbot: QtBot, page: ExamsPage, target: Path) -> Path:
    """保存为 PDF → choose ``target`` in the file dialog → wait until it is written."""
    qtbot.mouseClick(page.ticket_panel.save_button, Qt.MouseButton.LeftButton)
    dialog = page.ticket_panel.file_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(target))
    with qtbot.waitSignal(page.ticket_panel.ticket_saved, timeout=WAIT) as saved:
        dialog.accept()
    assert saved.args == [target]
    return target


# --- timetable ------------------------------------------------------------------------------------------


def test_timetable_shows_seats_only_once_printing_opens(qtbot: QtBot, exams_env: ExamsEnv) -> None:
    session, order = exams_env.register(2)
    page = exams_env.open_page()
    codes = {i.course_code for i in order.items}
    assert page.session_combo.currentData() == session.code
    assert page.session_combo.currentText().startswith(session.name)
    assert set(seat_texts(page)) == codes
    assert set(seat_texts(page).values()) == {SEAT_PENDING}
    courses = [page.timetable_model.index(r, page.timetable_model.COURSE_COLUMN).data() for r in range(4)]
    assert courses.count("本场未报考") == 2
    opens = datetime_text(session.ticket_print_open)
    assert f"考场和座位将在准考证打印开放时（{opens}）统一编排" in page.seat_note.text()
    # before the window: the ticket box gives the opening date, no ticket buttons
    assert f"准考证打印将于 {opens} 开放" in page.ticket_panel.message.text()
    assert visible_ticket_buttons(page) == set()

    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    room, seat = seat_in_db(exams_env.server, NEW.exam_no, session.code)
    assert seat_texts(page) == {code: room_seat_text(room, seat) for code in codes}
    assert "已编排" in page.seat_note.text()
    assert page.ticket_panel.available
    assert "准考证已可打印" in page.ticket_panel.message.text()
    assert visible_ticket_buttons(page) == {"previewTicketButton", "saveTicketButton", "printTicketButton"}


def test_a_past_session_and_the_history(qtbot: QtBot, exams_env: ExamsEnv) -> None:
    page = exams_env.open_page(DEMO["midway"].exam_no)
    history = exams_env.client(DEMO["midway"].exam_no).exams.sessions()
    assert len(history) >= 2
    # the selector: the upcoming session, then every session registered for
    combo = [page.session_combo.itemData(i) for i in range(page.session_combo.count())]
    assert combo[1:] == [h.session_code for h in history if h.session_code != combo[0]]
    past = history[0]
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.choose_session(past.session_code)
    assert page.timetable is not None and page.timetable.session_code == past.session_code
    shown = {s.course_code for s in page.timetable_model.registered}
    assert shown == {c.course_code for c in past.courses if c.slot}
    assert shown and "—" not in set(seat_texts(page).values())  # the paid past session was seated
    assert "已结束" in page.ticket_panel.message.text()
    assert visible_ticket_buttons(page) == set()

    # 报考历史: one row per session, newest first; the courses of the chosen one with outcomes
    page.sub_tabs.setCurrentIndex(1)
    model = page.history_model
    assert [model.item(r).session_code for r in range(model.rowCount())] == [h.session_code for h in history]
    outcomes: list[str] = []
    for row in range(model.rowCount()):
        page.history_view.selectRow(row)
        courses = page.course_model
        assert [courses.item(r).course_code for r in range(courses.rowCount())] == [
            c.course_code for c in history[row].courses
        ]
        outcomes += [courses.index(r, courses.OUTCOME_COLUMN).data() for r in range(courses.rowCount())]
        assert model.index(row, 0).data() == history[row].session_name
    assert "缺考" in outcomes and "78" in outcomes
    assert page.history_empty.isHidden()


def test_the_history_has_the_new_registration_with_the_amount_paid(qtbot: QtBot, exams_env: ExamsEnv) -> None:
    session, order = exams_env.register(2)
    page = exams_env.open_page()
    model = page.history_model
    assert model.rowCount() == 1
    assert model.item(0).session_code == session.code
    assert model.index(0, 4).data() == f"{order.amount_fen / 100:.2f}"
    assert model.index(0, 1).data() == "待考"
    assert {page.course_model.item(r).course_code for r in range(page.course_model.rowCount())} == {
        i.course_code for i in order.items
    }


# --- the ticket -------------------------------------------------------------------------------------------


def test_the_ticket_pdf_carries_the_examinee_courses_rooms_and_seats(
    qtbot: QtBot, exams_env: ExamsEnv, tmp_path: Path
) -> None:
    session, order = exams_env.register(3)
    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    target = save_ticket(qtbot, page, tmp_path / "准考证.pdf")
    assert str(target) in page.ticket_panel.note.text()
    assert_a4(target)
    assert_fonts_embedded(target)
    images = subprocess.run(["pdfimages", "-list", str(target)], check=True, capture_output=True, text=True).stdout
    assert len(images.splitlines()) == 3, images  # two header lines + the photo

    me = exams_env.server.examinee(Examinee.exam_no == NEW.exam_no)
    ticket = page.ticket_panel.state.ticket if page.ticket_panel.state else None
    assert ticket is not None
    room, seat = seat_in_db(exams_env.server, NEW.exam_no, session.code)
    text = pdf_text(target)
    masked = ticket.id_number_masked
    assert masked.startswith(me.id_number[:3]) and masked.endswith(me.id_number[-4:])
    assert me.id_number not in text
    expected = ["准考证", me.name, me.exam_no, masked, order.site_name, "考试须知"]
    # each course on its row: code, name, room and seat side by side
    expected += [f"{i.course_code}{i.course_name}第{room}考场{seat}号" for i in order.items]
    expected += ["身份证", "30分钟", "手机"]  # the exam-day rules, numbers from the server's settings
    for words in expected:
        assert squeezed(words) in text, words


def test_the_ticket_prints_through_the_print_dialog_and_previews(
    qtbot: QtBot, exams_env: ExamsEnv, tmp_path: Path
) -> None:
    session, _order = exams_env.register(1)
    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    page.ticket_panel.printer_override = printer
    qtbot.mouseClick(page.ticket_panel.print_button, Qt.MouseButton.LeftButton)
    dialog = page.ticket_panel.print_dialog
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    dialog.accept()
    assert "准考证" in pdf_text(tmp_path / "printed.pdf")
    assert page.ticket_panel.note.text() == "准考证已发送到打印机。"

    qtbot.mouseClick(page.ticket_panel.preview_button, Qt.MouseButton.LeftButton)
    preview = page.ticket_panel.print_dialog
    assert isinstance(preview, QPrintPreviewDialog) and preview.isVisible()
    assert "准考证" in preview.windowTitle()
    preview.close()


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_failure_says_so_and_the_pdf_can_still_be_saved(
    qtbot: QtBot, exams_env: ExamsEnv, tmp_path: Path
) -> None:
    session, _order = exams_env.register(1)
    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    # a printer that cannot print: its output goes to a folder that does not exist
    broken = QPrinter(QPrinter.PrinterMode.HighResolution)
    broken.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    broken.setOutputFileName(str(tmp_path / "no such folder" / "x.pdf"))
    page.ticket_panel.printer_override = broken
    page.ticket_panel.print_ticket()
    assert isinstance(page.ticket_panel.print_dialog, QPrintDialog)
    page.ticket_panel.print_dialog.accept()
    boxes = [b for b in page.findChildren(QMessageBox) if b.objectName() == "printFailedBox"]
    assert len(boxes) == 1 and boxes[0].isVisible() and boxes[0].text().startswith("打印失败")
    save_instead = next(b for b in boxes[0].findChildren(QAbstractButton) if b.objectName() == "savePdfInsteadButton")
    save_instead.click()
    dialog = page.ticket_panel.file_dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "instead.pdf"
    dialog.selectFile(str(target))
    with qtbot.waitSignal(page.ticket_panel.ticket_saved, timeout=WAIT):
        dialog.accept()
    assert "准考证" in pdf_text(target)
    assert page.ticket_panel.available  # the tab still offers the ticket


def test_without_a_printer_the_tab_says_so_and_offers_the_pdf(
    qtbot: QtBot, exams_env: ExamsEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, _order = exams_env.register(1)
    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    monkeypatch.setattr(documents, "printers_available", lambda: False)
    qtbot.mouseClick(page.ticket_panel.print_button, Qt.MouseButton.LeftButton)
    box = page.ticket_panel.print_dialog
    assert isinstance(box, QMessageBox) and box.isVisible() and box.text() == documents.NO_PRINTER_MESSAGE
    next(b for b in box.findChildren(QAbstractButton) if b.objectName() == "savePdfInsteadButton").click()
    assert page.ticket_panel.file_dialog is not None and page.ticket_panel.file_dialog.isVisible()
    page.ticket_panel.file_dialog.reject()


def test_saving_into_a_missing_folder_says_so_in_the_box(qtbot: QtBot, exams_env: ExamsEnv, tmp_path: Path) -> None:
    session, _order = exams_env.register(1)
    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    page.ticket_panel.save_to(tmp_path / "gone" / "t.pdf")
    qtbot.waitUntil(lambda: page.ticket_panel.error.isVisibleTo(page), timeout=WAIT)
    assert page.ticket_panel.error.text().startswith("准考证未保存：文件夹不存在")


# --- no ticket, and why ---------------------------------------------------------------------------------------


def test_an_unpaid_registration_gives_no_ticket_and_says_why(qtbot: QtBot, exams_env: ExamsEnv) -> None:
    session, order = exams_env.register(1, pay=False)
    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    text = page.ticket_panel.message.text()
    assert "未缴费" in text and order.order_no in text
    assert visible_ticket_buttons(page) == set()
    assert page.timetable_model.registered == []
    assert page.session_status.text() == "本考次没有已缴费的报考课程"


def test_no_registration_says_so(qtbot: QtBot, exams_env: ExamsEnv) -> None:
    set_phase(exams_env.tester, "phase2")
    session = upcoming(exams_env.tester)
    page = exams_env.open_page()
    assert f"您在{session.name}考次还没有已缴费的报考课程" in page.ticket_panel.message.text()
    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    assert "没有已缴费的报考课程" in page.ticket_panel.message.text()
    assert visible_ticket_buttons(page) == set()
    assert page.history_model.rowCount() == 0 and not page.history_empty.isHidden()


def test_no_photo_asks_for_one_and_the_button_leads_to_the_personal_centre(
    qtbot: QtBot, exams_env: ExamsEnv, tmp_path: Path
) -> None:
    session, _order = exams_env.register(1)
    with exams_env.server.db() as db:
        db.execute(update(Examinee).where(Examinee.exam_no == NEW.exam_no).values(photo=None, photo_name=None))
        db.commit()
    exams_env.at(a_day_into_printing(session))
    window = main_window(exams_env)
    page = window.show_page("考试信息")
    assert isinstance(page, ExamsPage)
    qtbot.waitUntil(lambda: page.timetable is not None and not page.loading, timeout=WAIT)
    assert "请先在个人中心上传照片" in page.ticket_panel.message.text()
    assert visible_ticket_buttons(page) == {"uploadPhotoButton"}

    qtbot.mouseClick(page.ticket_panel.upload_button, Qt.MouseButton.LeftButton)
    center = window.current_page()
    assert isinstance(center, PersonalCenter) and window.pages["个人中心"] is center
    assert center.dialog is not None and center.dialog.isVisible()  # the photo upload dialog
    center.dialog.reject()
    qtbot.waitUntil(lambda: not exams_env.runner.busy, timeout=WAIT)

    window.client.me.upload_photo(jpeg_file(tmp_path / "me.jpg"))  # uploaded (here through the API)
    window.store.publish(PROFILE)  # what 个人中心 announces after an upload
    assert page.stale and not page.loading  # hidden: it looks again when shown
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        window.show_page("考试信息")
    assert page.ticket_panel.available
    qtbot.waitUntil(lambda: not exams_env.runner.busy, timeout=WAIT)
    window.close_quietly()


def test_f5_reloads_and_a_failed_first_load_offers_retry(qtbot: QtBot, exams_env: ExamsEnv) -> None:
    session, _order = exams_env.register(1)
    page = exams_env.open_page()
    assert not page.ticket_panel.available
    exams_env.at(a_day_into_printing(session))
    login(page.client, NEW.exam_no)  # the login ended when the clock moved on by weeks
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.refresh()
    assert page.ticket_panel.available

    broken = ApiClient("http://127.0.0.1:9", retries=0)  # nothing listens there
    exams_env.clients.append(broken)
    failing = ExamsPage(broken, exams_env.runner)
    exams_env.pages.append(failing)
    failing.show()
    qtbot.waitUntil(lambda: not failing.loading and failing.retry_button.isVisible(), timeout=WAIT)
    assert failing.stack.currentWidget() is failing.state_page
    assert failing.state_label.text().startswith("考试信息加载失败：")


def test_mnemonics_are_unique_and_clear_of_the_main_window_menus(qtbot: QtBot, exams_env: ExamsEnv) -> None:
    session, _order = exams_env.register(1)
    exams_env.at(a_day_into_printing(session))
    page = exams_env.open_page()
    keys: list[str] = []
    for widget in page.findChildren(QWidget):
        text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
        if not widget.isHidden() and "&" in text:
            keys.append(re.search(r"&(\w)", text).group(1).upper())  # type: ignore[union-attr]
    keys += [re.search(r"&(\w)", page.sub_tabs.tabText(i)).group(1).upper() for i in range(2)]  # type: ignore[union-attr]
    assert len(keys) == len(set(keys)), keys
    assert {"K", "A", "H", "G", "V", "D", "P"} <= set(keys)
    assert "S" not in keys and "M" not in keys  # the main window's menus 系统(&S) 功能(&M)
    assert page.ticket_panel.save_button.isDefault()
