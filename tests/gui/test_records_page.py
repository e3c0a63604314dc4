"""考籍管理 against a real mock backend: an exemption from draft to approved (the reviewer acts
through the API), a returned application corrected and resubmitted, drafts kept across logins,
appointments, and the one upload widget (drag and drop, bad files refused before sending)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.core.store import RECORDS
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import date_text
from desktop.models.records_models import (
    ApplicationTableModel,
    AppointmentTableModel,
    HistoryTableModel,
    SlotTableModel,
)
from desktop.views.records import RecordsPage
from desktop.views.records.editor import AUTOSAVE_MS, ApplicationEditor
from desktop.views.records.forms import ExemptionForm
from desktop.views.widgets.upload import UploadWidget
from tests.fixtures.accounts import DEMO, REVIEWER, login
from tests.fixtures.files import jpeg_file, pdf_bytes
from tests.fixtures.gui import confirm_box, say_yes
from tests.fixtures.records import proof
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui
NEW = DEMO["new"].exam_no


@pytest.fixture
def reviewer(live_server: LiveServer) -> Iterator[ApiClient]:
    c = ApiClient(live_server.url)
    login(c, REVIEWER, kind="staff")
    yield c
    c.close()


def open_page(qtbot: QtBot, client: ApiClient, runner: TaskRunner, account: str = NEW) -> RecordsPage:
    if not client.logged_in:
        login(client, account)
    page = RecordsPage(client, runner)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: page.context is not None and not page.loading, timeout=10_000)
    return page


def wait_idle(qtbot: QtBot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)


def new_application(qtbot: QtBot, page: RecordsPage, kind: str) -> ApplicationEditor:
    """新建申请 → ``kind``: a new application in the editor, not yet in the list (nor on the server)."""
    before = page.model.rowCount()
    page.new_actions[kind].trigger()
    qtbot.waitUntil(lambda: page.editor is not None, timeout=10_000)
    assert page.editor is not None and page.editor.is_new and page.model.rowCount() == before
    return page.editor


def upload(qtbot: QtBot, widget: UploadWidget, path: Path) -> None:
    count = len(widget.files)
    assert widget.add_path(path)
    qtbot.waitUntil(lambda: len(widget.files) == count + 1 and not widget.uploading, timeout=10_000)


# --- an exemption from draft to approved --------------------------------------------------------------


def test_exemption_from_draft_to_approved(
    qtbot: QtBot, tmp_path: Path, client: ApiClient, runner: TaskRunner, reviewer: ApiClient
) -> None:
    page = open_page(qtbot, client, runner)
    assert page.model.rowCount() == 0
    editor = new_application(qtbot, page, "exemption")
    assert editor.status_badge.text() == "新申请" and editor.submit_button.isVisible()
    form = editor.form
    assert isinstance(form, ExemptionForm)
    qtbot.waitUntil(lambda: form.cap is not None, timeout=10_000)
    form.course.setCurrentIndex(1)
    qtbot.waitUntil(lambda: form.cap is not None and form.cap.course_code == form.course.currentData(), timeout=10_000)
    cap = form.cap
    assert cap is not None
    assert f"已用 0 / 上限 {cap.allowed_credits} 学分" in form.cap_label.text()  # shown before submitting
    assert f"本课程 {cap.course_credits} 学分" in form.cap_label.text()
    form.basis.setText("全国计算机等级考试一级证书")  # keyClicks types ASCII only
    assert editor.upload is not None
    upload(qtbot, editor.upload, jpeg_file(tmp_path / "证书.jpg", (300, 200)))
    assert editor.upload.preview.pixmap() is not None and not editor.upload.preview.pixmap().isNull()
    assert editor.dirty

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.busy and "草稿已保存" in editor.saved_label.text(), timeout=10_000)
    assert page.store.published == [RECORDS]  # the draft created; saving a draft is no news
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.application.status == "submitted", timeout=10_000)
    assert page.store.published == [RECORDS, RECORDS] and not page.stale  # no reload of its own
    assert page.model.item(page.model.row_of(editor.application.application_no)).status_text == "已提交"
    assert editor.status_badge.text() == "已提交"
    assert editor.withdraw_button.isVisible() and not editor.submit_button.isVisible()
    assert editor.form.basis.isReadOnly()  # read-only once submitted
    no = editor.application.application_no

    reviewer.records.review.start(no)
    reviewer.records.review.approve(no, "证书核验无误")

    page.refresh()
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.application.status == "approved", timeout=10_000)
    editor = page.editor
    assert editor.status_badge.text() == "通过"
    assert page.model.item(page.model.row_of(no)).status_text == "通过"
    history = [
        (editor.history_model.index(r, 2).data(), editor.history_model.index(r, 4).data())
        for r in range(editor.history_model.rowCount())
    ]
    assert history == [("创建草稿", ""), ("提交申请", ""), ("开始审核", ""), ("审核通过", "证书核验无误")]
    assert "证书核验无误" in editor.reason_banner.text()
    assert not editor.save_button.isVisible() and not editor.withdraw_button.isVisible()
    wait_idle(qtbot, runner)


def test_returned_application_is_corrected_and_resubmitted(
    qtbot: QtBot, tmp_path: Path, client: ApiClient, runner: TaskRunner, reviewer: ApiClient
) -> None:
    login(client, NEW)
    app = client.records.create("correction", {"name": "周雨彤"}, [proof(client)])
    client.records.submit(app.application_no)
    reviewer.records.review.start(app.application_no)
    reviewer.records.review.return_(app.application_no, "请补充户口簿首页")
    page = open_page(qtbot, client, runner)
    assert page.select(app.application_no)
    editor = page.editor
    assert editor is not None
    assert editor.status_badge.text() == "退回"
    assert "退回原因：请补充户口簿首页" in editor.reason_banner.text()
    assert editor.submit_button.text() == "重新提交(&U)"
    assert editor.upload is not None
    upload(qtbot, editor.upload, jpeg_file(tmp_path / "户口簿.jpg", (200, 300)))
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.application.status == "submitted", timeout=10_000)
    assert editor.history_model.index(editor.history_model.rowCount() - 1, 2).data() == "修改后重新提交"
    assert len(client.records.application(app.application_no).files) == 2
    # withdraw it again: back to draft, editable
    qtbot.mouseClick(editor.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.application.status == "draft", timeout=10_000)
    assert page.store.published == [RECORDS, RECORDS]  # resubmitted, withdrawn
    assert page.model.item(page.model.row_of(app.application_no)).status == "draft"
    assert not editor.form.name.isReadOnly() and editor.save_button.isVisible()  # type: ignore[attr-defined]
    wait_idle(qtbot, runner)


def test_a_draft_is_there_again_at_the_next_login(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, runner: TaskRunner
) -> None:
    page = open_page(qtbot, client, runner)
    editor = new_application(qtbot, page, "transfer_out")
    form = editor.form
    qtbot.keyClicks(form.exam_no, "4401234567")  # type: ignore[attr-defined]
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # the first save creates the draft
    qtbot.waitUntil(lambda: not editor.is_new and not editor.busy, timeout=10_000)
    qtbot.keyClicks(form.exam_no, "89")  # type: ignore[attr-defined]
    assert editor.dirty
    qtbot.waitUntil(lambda: not editor.dirty and "草稿已保存" in editor.saved_label.text(), timeout=15_000)  # autosave
    no = editor.application.application_no
    client.auth.logout()
    page.close()

    again = ApiClient(live_server.url)
    try:
        page2 = open_page(qtbot, again, runner)
        assert page2.select(no)
        assert page2.editor is not None
        assert page2.editor.form.exam_no.text() == "440123456789"  # type: ignore[attr-defined]
        assert page2.editor.application.status_text == "草稿"
        wait_idle(qtbot, runner)
    finally:
        again.close()


def test_choosing_a_type_creates_nothing_on_the_server(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    """新建申请 opens an empty form; nothing is on the server until 保存草稿 (not even after typing
    and waiting for the autosave); 放弃 leaves nothing behind."""
    page = open_page(qtbot, client, runner)
    editor = new_application(qtbot, page, "transfer_out")
    wait_idle(qtbot, runner)
    assert client.records.applications() == [] and page.store.published == []
    assert "尚未保存" in editor.saved_label.text() and editor.delete_button.text() == "放弃(&D)"
    qtbot.keyClicks(editor.form.exam_no, "440123456789")  # type: ignore[attr-defined]
    qtbot.wait(AUTOSAVE_MS + 500)
    assert client.records.applications() == [] and not runner.busy
    assert "尚未保存" in editor.saved_label.text()

    editor.confirm_delete()  # typed: asked first
    box = editor.confirm_box
    assert box is not None and "尚未保存" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    assert client.records.applications() == [] and page.model.rowCount() == 0

    editor = new_application(qtbot, page, "transfer_out")
    qtbot.keyClicks(editor.form.exam_no, "440123456789")  # type: ignore[attr-defined]
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.is_new and not editor.busy, timeout=10_000)
    [saved] = client.records.applications()
    assert saved.application_no == editor.application.application_no and saved.data["exam_no"] == "440123456789"
    assert page.model.rowCount() == 1 and page.store.published == [RECORDS]
    wait_idle(qtbot, runner)


def test_appointment_booked_and_cancelled(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    page = open_page(qtbot, client, runner)
    page.tabs.setCurrentWidget(page.appointments)
    panel = page.appointments
    qtbot.waitUntil(lambda: panel.slot_model.rowCount() > 0, timeout=10_000)
    assert panel.office.currentText() == "长沙市自考办"
    first = panel.slot_model.item(0)
    panel.slots.selectRow(0)
    assert panel.book_button.isEnabled()
    qtbot.mouseClick(panel.book_button, Qt.MouseButton.LeftButton)
    # one click books nothing: it asks first, with the place, the day and the time
    asked = confirm_box(panel).text()
    assert "长沙市自考办" in asked and date_text(first.day, weekday=True) in asked and first.half_text in asked
    assert client.records.appointments() == []
    say_yes(panel)
    qtbot.waitUntil(lambda: panel.mine_model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: panel.slot_model.item(0).places_left == first.places_left - 1, timeout=10_000)
    assert "已预约" in panel.message.text()
    panel.mine.selectRow(0)
    assert panel.cancel_button.isEnabled()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.mine_model.item(0).appointment_no in say_yes(panel)
    qtbot.waitUntil(
        lambda: panel.mine_model.rowCount() == 1 and panel.mine_model.item(0).status == "cancelled", timeout=10_000
    )
    qtbot.waitUntil(lambda: panel.slot_model.item(0).places_left == first.places_left, timeout=10_000)
    wait_idle(qtbot, runner)


# --- the upload widget ------------------------------------------------------------------------------


@pytest.fixture
def widget(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> UploadWidget:
    login(client, NEW)
    w = UploadWidget(client, runner)
    qtbot.addWidget(w)
    w.resize(500, 200)
    w.show()
    return w


def drop(widget: UploadWidget, path: Path) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    widget.dragEnterEvent(enter)
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    widget.dropEvent(event)
    return enter.isAccepted(), event.isAccepted()


def test_drag_and_drop_uploads_with_progress(qtbot: QtBot, tmp_path: Path, widget: UploadWidget) -> None:
    path = tmp_path / "transcript.pdf"
    path.write_bytes(pdf_bytes()[:-6] + b"0" * 300_000 + b"%%EOF\n")
    seen: list[int] = []
    widget.progress.valueChanged.connect(seen.append)
    assert drop(widget, path) == (True, True)
    assert widget.uploading and widget.progress.isVisible()
    qtbot.waitUntil(lambda: len(widget.files) == 1 and not widget.uploading, timeout=10_000)
    assert widget.files[0].name == "transcript.pdf" and widget.files[0].content_type == "application/pdf"
    assert seen and seen[-1] == 100
    assert not widget.progress.isVisible()
    assert "PDF" in widget.preview.text()
    assert widget.list.item(0).text().startswith("transcript.pdf（PDF")


def test_image_preview_and_remove(qtbot: QtBot, tmp_path: Path, widget: UploadWidget) -> None:
    upload(qtbot, widget, jpeg_file(tmp_path / "scan.jpg", (400, 300)))
    assert not widget.preview.pixmap().isNull()
    widget.list.setCurrentRow(0)
    qtbot.mouseClick(widget.remove_button, Qt.MouseButton.LeftButton)
    assert widget.files == [] and widget.file_ids() == []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("photo.jpg", b"MZ\x90\x00 not an image at all", "只能上传JPEG、PNG图片或PDF文件"),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"%%EOF", "文件不能超过5MB"),
        ("cut.pdf", b"%PDF-1.4\n0000", "PDF文件不完整"),
        ("empty.png", b"", "文件是空的"),
    ],
)
def test_bad_file_gets_a_clear_message_and_is_not_sent(
    qtbot: QtBot, tmp_path: Path, widget: UploadWidget, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    messages: list[str] = []
    widget.upload_failed.connect(messages.append)
    assert drop(widget, path) == (True, True)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert expected in messages[0] and widget.message.isVisible()
    assert widget.files == [] and not widget.uploading


def test_server_refusal_is_shown_in_place(qtbot: QtBot, tmp_path: Path, widget: UploadWidget) -> None:
    from tests.fixtures.files import png_header_only

    path = tmp_path / "bomb.png"
    path.write_bytes(png_header_only(7000, 7000))
    messages: list[str] = []
    widget.upload_failed.connect(messages.append)
    assert widget.add_path(path)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages[0].startswith("服务器未接受该文件") and "像素" in messages[0]


def test_read_only_widget_refuses_drops(qtbot: QtBot, tmp_path: Path, widget: UploadWidget) -> None:
    widget.set_read_only(True)
    assert drop(widget, jpeg_file(tmp_path / "a.jpg")) == (False, False)
    assert not widget.add_button.isEnabled() and widget.files == []


# --- item models ----------------------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester, client: ApiClient, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    login(client, NEW)
    app = client.records.create("exemption", {}, [])
    apps = ApplicationTableModel()
    apps.set_items([app])
    qtmodeltester.check(apps)
    history = HistoryTableModel()
    history.set_items(list(app.events))
    qtmodeltester.check(history)
    slots = SlotTableModel()
    slots.set_items(client.records.slots("4301"))
    qtmodeltester.check(slots)
    mine = AppointmentTableModel()
    mine.set_items([client.records.book(slots.item(0).slot_id)])
    qtmodeltester.check(mine)
    assert mine.index(0, 4).data() == "已预约"


# --- forms ------------------------------------------------------------------------------------------------


def test_refused_submit_shows_the_server_message(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    page = open_page(qtbot, client, runner)
    editor = new_application(qtbot, page, "exemption")
    form = editor.form
    assert isinstance(form, ExemptionForm)
    form.course.setCurrentIndex(1)
    form.basis.setText("证书")
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.busy and bool(editor.findChildren(QMessageBox)), timeout=10_000)
    [box] = editor.findChildren(QMessageBox)
    assert box.text().startswith("请上传证明材料") and "Traceback" not in box.detailedText()
    box.close()
    assert editor.application.status == "draft" and editor.submit_button.isEnabled()
    assert client.records.application(editor.application.application_no).data["basis"] == "证书"  # saved first
    wait_idle(qtbot, runner)


def test_correction_form_checks_the_id_number_as_typed(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    page = open_page(qtbot, client, runner)
    editor = new_application(qtbot, page, "correction")
    form = editor.form
    qtbot.keyClicks(form.id_number, "43010420030315")  # type: ignore[attr-defined]
    assert "18位" in form.id_hint.text() and form.id_hint.isVisible()  # type: ignore[attr-defined]
    qtbot.keyClicks(form.id_number, "0001")  # type: ignore[attr-defined]
    assert "校验位" in form.id_hint.text()  # type: ignore[attr-defined]
    form.gender.setCurrentIndex(2)  # type: ignore[attr-defined]
    assert form.data() == {"id_number": "430104200303150001", "gender": "女"}
    wait_idle(qtbot, runner)


def test_transfer_in_courses_are_read_line_by_line() -> None:
    from desktop.views.records.forms import parse_courses

    text = "03708 中国近现代史纲要 72\n00015 英语(二)\n\nbad\n04741 计算机 网络原理 101"
    assert parse_courses(text) == [
        {"course_code": "03708", "course_name": "中国近现代史纲要", "score": 72},
        {"course_code": "00015", "course_name": "英语(二)"},
        {"course_code": "04741", "course_name": "计算机 网络原理 101"},
    ]
