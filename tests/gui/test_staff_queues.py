"""The reviewers' queues and the administrator's notices through the staff console's widgets,
against a real server: 免考 approved (the examinee then sees 通过), 成绩复核 corrected with a reason,
a notice published that an examinee then lists, a ticket printed at the counter."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from pytestqt.modeltest import ModelTester
from sqlalchemy import select

from backend_mock.models import AuditRecord
from desktop.api import ApiClient
from desktop.views.staff import CounterPage, QueuesPage
from desktop.views.staff.appointments import AppointmentsDeskPage
from desktop.views.staff.dialogs import ReasonDialog, ScoreCorrectionDialog
from desktop.views.staff.notices_admin import NoticeEditDialog, NoticesAdminPanel
from desktop.views.staff.queue_types import QueueAction
from tests.fixtures.accounts import DEMO, staff
from tests.fixtures.console import QueueEnv, find_examinee, idle, open_dialog, open_queue
from tests.fixtures.documents import pdf_text
from tests.fixtures.exams import in_window, registered
from tests.fixtures.files import png_bytes
from tests.fixtures.gui import say_yes
from tests.fixtures.records import examinee, submitted_exemption
from tests.fixtures.request_log import CountingRequests
from tests.fixtures.scores import THEORY_FAILED, fresh, requested
from tests.fixtures.staff import booked_appointment

pytestmark = pytest.mark.gui

WAIT = 15_000


def choose_status(queue_env: QueueEnv, page: QueuesPage, status: str) -> None:
    page.status_combo.setCurrentIndex(page.status_combo.findData(status))
    page.status_combo.activated.emit(page.status_combo.currentIndex())
    queue_env.qtbot.waitUntil(lambda: page.page_data is not None and page.page_data.status == status, timeout=WAIT)
    idle(queue_env, page)


def answer(queue_env: QueueEnv, page: QueuesPage, dialog: QDialog | None) -> None:
    assert dialog is not None
    queue_env.qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    idle(queue_env, page)


# --- 免考 ---------------------------------------------------------------------------------------------------


def test_reviewer_approves_an_exemption_the_examinee_then_sees(
    queue_env: QueueEnv, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    me = examinee(queue_env.server)
    app = submitted_exemption(me)
    page = open_queue(queue_env, staff(queue_env.server), "exemption")

    assert page.queue_list.currentItem().text() == "免考（待审 1）"
    assert page.status_combo.currentText() == "待审核（1）"
    item = page.selected()
    assert item is not None and item.reference == app.application_no and "课程免考" in item.summary
    qtmodeltester.check(page.items)
    # the application's data, its history and its proof
    queue_env.qtbot.waitUntil(lambda: page.detail is not None, timeout=WAIT)
    shown = page.detail_view.toPlainText()
    assert "全国计算机等级考试一级证书" in shown and "提交申请" in shown and "免考学分上限" in shown
    assert page.file_list.count() == 1 and page.view_file_button.isEnabled()
    page.save_file(tmp_path / "proof.jpg")
    queue_env.qtbot.waitUntil(lambda: (tmp_path / "proof.jpg").exists() and not page.busy, timeout=WAIT)
    assert (tmp_path / "proof.jpg").read_bytes()[:3] == b"\xff\xd8\xff"

    # 开始审核 only for a submitted one; then 通过
    assert page.action_buttons["start"].isEnabled()
    page.action_buttons["start"].click()
    queue_env.qtbot.waitUntil(
        lambda: page.page_data is not None and page.page_data.total == 0 and not page.busy, timeout=WAIT
    )
    choose_status(queue_env, page, "reviewing")
    assert not page.action_buttons["start"].isEnabled() and page.action_buttons["approve"].isEnabled()
    page.action_buttons["approve"].click()
    assert app.application_no in say_yes(page)
    queue_env.qtbot.waitUntil(
        lambda: page.page_data is not None and page.page_data.total == 0 and not page.busy, timeout=WAIT
    )
    choose_status(queue_env, page, "approved")
    assert app.application_no in [i.reference for i in page.items.items]
    assert page.queue_list.currentItem().text() == "免考（待审 0）"
    assert page.store.published == ["staff", "staff"]  # 开始审核, 通过

    # the examinee sees 通过, and the course is exempted
    seen = me.records.application(app.application_no)
    assert seen.status_text == "通过" and seen.events[-1].actor_name.startswith("审核员")
    me.close()


def emptied(queue_env: QueueEnv, page: QueuesPage) -> None:
    """The only item shown has left the list (its status changed)."""
    queue_env.qtbot.waitUntil(
        lambda: page.page_data is not None and page.page_data.total == 0 and not page.busy, timeout=WAIT
    )


def action(page: QueuesPage, decision: str) -> QueueAction:
    assert page.current is not None
    return next(a for a in page.current.actions if a.decision == decision)


def start_review(queue_env: QueueEnv, page: QueuesPage) -> None:
    """开始审核 on the selected application, then show the ones under review."""
    page.action_buttons["start"].click()
    emptied(queue_env, page)
    assert page.answer.message.startswith("已开始审核：")
    choose_status(queue_env, page, "reviewing")


def test_no_decision_before_the_review_is_started(queue_env: QueueEnv) -> None:
    """通过 / 退回 / 不通过 are off until 开始审核; nothing is asked or sent for a submitted one."""
    me = examinee(queue_env.server)
    app = submitted_exemption(me)
    page = open_queue(queue_env, staff(queue_env.server), "exemption")
    assert page.action_buttons["start"].isEnabled()
    for decision in ("approve", "return", "reject"):
        assert not page.action_buttons[decision].isEnabled()
        assert page.action_buttons[decision].toolTip() == "请先点击“开始审核”"
        assert page.decide(action(page, decision)) is None
    assert me.records.application(app.application_no).status == "submitted"
    start_review(queue_env, page)
    assert all(page.action_buttons[d].isEnabled() for d in ("approve", "return", "reject"))
    me.close()


def test_approving_asks_once_naming_the_applicant_and_says_what_it_did(queue_env: QueueEnv) -> None:
    me = examinee(queue_env.server)
    app = submitted_exemption(me)
    page = open_queue(queue_env, staff(queue_env.server), "exemption")
    start_review(queue_env, page)
    box = page.decide(action(page, "approve"))
    assert isinstance(box, QMessageBox)
    assert app.application_no in box.text() and "不能撤销" in box.text()
    box.findChild(QPushButton, "confirmNo").click()  # 取消: nothing sent
    queue_env.qtbot.wait(200)
    assert not page.busy and me.records.application(app.application_no).status == "reviewing"
    page.action_buttons["approve"].click()
    say_yes(page)
    emptied(queue_env, page)
    assert page.answer.message == f"已通过：{app_name(me)}（{app.application_no}），现为“通过”。"
    assert me.records.application(app.application_no).status == "approved"
    me.close()


def app_name(me: ApiClient) -> str:
    return me.me.profile().name


def test_a_refused_decision_keeps_the_reason_dialog_and_what_was_typed(queue_env: QueueEnv) -> None:
    me = examinee(queue_env.server)
    app = submitted_exemption(me)
    page = open_queue(queue_env, staff(queue_env.server), "exemption")
    start_review(queue_env, page)
    dialog = page.decide(action(page, "return"))
    assert isinstance(dialog, ReasonDialog)
    staff(queue_env.server).records.review.reject(app.application_no, "另一位审核员已处理")  # meanwhile, elsewhere
    dialog.reason_edit.setPlainText("证书照片不清晰，请重新上传")
    dialog.ok_button.click()
    queue_env.qtbot.waitUntil(lambda: not dialog.working and dialog.errors.message != "", timeout=WAIT)
    assert dialog.isVisible()
    assert "不能退回修改" in dialog.errors.message
    assert dialog.reason_edit.toPlainText() == "证书照片不清晰，请重新上传"
    assert dialog.errors.marked() == []  # not about a field the reviewer typed: nothing marked
    dialog.reject()
    idle(queue_env, page)
    me.close()


def test_returning_needs_a_reason_the_examinee_reads(queue_env: QueueEnv) -> None:
    me = examinee(queue_env.server)
    app = submitted_exemption(me)
    page = open_queue(queue_env, staff(queue_env.server), "exemption")
    start_review(queue_env, page)
    dialog = page.decide(action(page, "return"))
    assert isinstance(dialog, ReasonDialog)
    dialog.submit()  # empty: refused in the dialog
    assert dialog.isVisible() and "请填写原因" in dialog.error_label.text()
    dialog.reason_edit.setPlainText("证书照片不清晰，请重新上传")
    dialog.submit()
    answer(queue_env, page, dialog)
    seen = me.records.application(app.application_no)
    assert (seen.status_text, seen.reason) == ("退回", "证书照片不清晰，请重新上传")
    me.close()


def test_record_queues_keep_to_their_kinds(queue_env: QueueEnv) -> None:
    me = examinee(queue_env.server)
    submitted_exemption(me)
    page = open_queue(queue_env, staff(queue_env.server), "correction")
    assert page.page_data is not None and all("课程免考" not in i.summary for i in page.items.items)
    assert page.status_combo.currentText() == "待审核（0）"
    me.close()


# --- 成绩复核 -----------------------------------------------------------------------------------------------


def test_reviewer_corrects_a_score_with_a_reason(queue_env: QueueEnv) -> None:
    person, review, reviewer = requested(queue_env.server, THEORY_FAILED)
    page = open_queue(queue_env, reviewer, "score_review")
    page.filter_edit.setText(person.exam_no)
    page.load(1)
    queue_env.qtbot.waitUntil(lambda: not page.busy and page.items.rowCount() == 1, timeout=WAIT)
    item = page.selected()
    assert item is not None and item.reference == review.review_no and "原成绩 58" in item.summary
    assert not page.action_buttons["correct"].isEnabled()  # start first
    page.action_buttons["start"].click()
    queue_env.qtbot.waitUntil(lambda: not page.busy and page.items.rowCount() == 0, timeout=WAIT)
    choose_status(queue_env, page, "in_review")
    page.filter_edit.setText(person.exam_no)
    page.load(1)
    queue_env.qtbot.waitUntil(lambda: not page.busy and page.items.rowCount() == 1, timeout=WAIT)

    dialog = page.decide(next(a for a in page.current.actions if a.decision == "correct"))  # type: ignore[union-attr]
    assert isinstance(dialog, ScoreCorrectionDialog) and dialog.score_spin.value() == 58
    dialog.score_spin.setValue(61)
    dialog.reason_edit.setPlainText("复核发现第三题漏计分")
    dialog.submit()
    answer(queue_env, page, dialog)
    choose_status(queue_env, page, "done")
    done = next(i for i in page.items.items if i.reference == review.review_no)
    assert done.result == "更正为 61"

    mine = fresh(queue_env.server, person)
    assert mine.scores.reviews()[0].result_text == "更正为 61"
    mine.close()


# --- 管理 → 通知公告 ------------------------------------------------------------------------------------------


def notices_panel(queue_env: QueueEnv) -> NoticesAdminPanel:
    panel = NoticesAdminPanel(staff(queue_env.server, "admin"), queue_env.runner)
    queue_env.show(panel)  # loads when first shown
    queue_env.qtbot.waitUntil(lambda: panel.server_now is not None and not panel.busy, timeout=WAIT)
    return panel


def save(queue_env: QueueEnv, panel: NoticesAdminPanel, dialog: NoticeEditDialog) -> None:
    dialog.submit()
    queue_env.qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    queue_env.qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT)


def test_admin_publishes_a_notice_an_examinee_then_lists(
    queue_env: QueueEnv, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    panel = notices_panel(queue_env)
    qtmodeltester.check(panel.model)
    before = panel.model.rowCount()
    requests = CountingRequests(panel.client)
    dialog = panel.open_editor(None)
    dialog.category_combo.setCurrentText("报考通知")
    dialog.submit()  # nothing typed: refused in the dialog
    assert dialog.isVisible() and "请填写标题" in dialog.error_label.text()
    dialog.title_edit.setText("关于2026年10月自学考试补充报名的通知")
    dialog.body_edit.setPlainText("补充报名时间为10月8日至10月10日。\n请考生及时登录系统办理。")
    save(queue_env, panel, dialog)
    notice = panel.selected()
    assert notice is not None and notice.title == "关于2026年10月自学考试补充报名的通知"
    assert (notice.state, notice.category) == ("已发布", "报考通知")
    assert "补充报名时间" in panel.preview.toPlainText()
    # the answer is the new notice: it is added to the list, which is not read again
    assert panel.model.rowCount() == before + 1 and requests.calls == [("POST", "/notices/admin")]
    assert panel.store.published == ["staff"]

    image = tmp_path / "报名流程.png"
    image.write_bytes(png_bytes())
    panel.attach(image)
    queue_env.qtbot.waitUntil(
        lambda: not panel.busy and (panel.selected() or notice).attachment_count == 1, timeout=WAIT
    )
    assert "报名流程.png" in panel.preview.toPlainText()

    # a scheduled one is listed for the administrator only
    later = panel.open_editor(None)
    later.title_edit.setText("下周发布的成绩通知")
    later.body_edit.setPlainText("正文")
    later.schedule_check.setChecked(True)
    later.time_edit.setDateTime(later.time_edit.dateTime().addDays(-3))
    later.submit()  # not in the future: refused in the dialog
    assert later.isVisible() and "晚于现在" in later.error_label.text()
    later.time_edit.setDateTime(later.time_edit.dateTime().addDays(4))
    save(queue_env, panel, later)
    assert panel.selected() is not None and panel.selected().state == "待发布"  # type: ignore[union-attr]

    me = examinee(queue_env.server)
    titles = [n.title for n in me.notices.list().items]
    assert "关于2026年10月自学考试补充报名的通知" in titles and "下周发布的成绩通知" not in titles
    me.close()


def test_admin_edits_and_withdraws_a_notice(queue_env: QueueEnv) -> None:
    panel = notices_panel(queue_env)
    states = [n.state for n in panel.model.items]
    assert {"已发布", "待发布"} <= set(states)  # the seed has a scheduled one too
    scheduled = panel.model.items[states.index("待发布")]
    panel.table.selectRow(states.index("待发布"))
    now_dialog = panel.open_editor(scheduled)
    assert now_dialog.schedule_check.isChecked()
    now_dialog.schedule_check.setChecked(False)  # publish it now
    save(queue_env, panel, now_dialog)
    assert panel.selected() is not None and panel.selected().state == "已发布"  # type: ignore[union-attr]
    states = [n.state for n in panel.model.items]
    panel.table.selectRow(states.index("已发布"))
    first = panel.selected()
    assert first is not None and first.state == "已发布"
    dialog = panel.open_editor(first)
    assert dialog.title_edit.text() == first.title and not dialog.schedule_check.isEnabled()
    dialog.title_edit.setText(first.title + "（更正）")
    save(queue_env, panel, dialog)
    assert panel.selected() is not None and panel.selected().title.endswith("（更正）")  # type: ignore[union-attr]

    withdraw = panel.ask_withdraw()
    assert withdraw is not None
    withdraw.reason_edit.setPlainText("内容有误，将重新发布")
    withdraw.submit()
    queue_env.qtbot.waitUntil(lambda: not panel.busy and panel.selected().state == "已撤回", timeout=WAIT)  # type: ignore[union-attr]
    assert not panel.edit_button.isEnabled() and not panel.withdraw_button.isEnabled()
    assert "内容有误，将重新发布" in panel.preview.toPlainText()
    with queue_env.server.db() as db:
        actions = [r.action for r in db.scalars(select(AuditRecord).order_by(AuditRecord.id))]
    assert actions[-2:] == ["notice_edit", "notice_withdraw"]


# --- 柜台: the ticket and the transcript -----------------------------------------------------------------------


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def print_through_dialog(queue_env: QueueEnv, counter: CounterPage, button: QPushButton) -> None:
    button.click()
    dialog = open_dialog(queue_env.qtbot, counter, QPrintDialog)
    assert isinstance(dialog, QPrintDialog)
    dialog.accept()


def test_clerk_prints_the_ticket_in_the_printing_window(queue_env: QueueEnv, tmp_path: Path) -> None:
    session, order = registered(queue_env.server)
    queue_env.server.clock.set(in_window(session))
    new = DEMO["new"]
    counter = CounterPage(staff(queue_env.server, "cs_clerk"), queue_env.runner)
    queue_env.show(counter)
    find_examinee(queue_env.qtbot, counter, new.exam_no)
    assert counter.ticket_button.isEnabled() and counter.transcript_button.isEnabled()

    counter.printer_for_tests = pdf_printer(tmp_path / "ticket.pdf")  # type: ignore[assignment]
    print_through_dialog(queue_env, counter, counter.ticket_button)
    text = pdf_text(tmp_path / "ticket.pdf")
    assert "准考证" in text and new.exam_no in text and session.name in text
    assert all(item.course_code in text for item in order.items)
    assert new.id_number not in text  # masked on paper too

    counter.printer_for_tests = pdf_printer(tmp_path / "transcript.pdf")  # type: ignore[assignment]
    print_through_dialog(queue_env, counter, counter.transcript_button)
    assert "成绩单" in pdf_text(tmp_path / "transcript.pdf")

    counter.next_examinee()
    assert not counter.ticket_button.isEnabled() and not counter.transcript_button.isEnabled()


def test_outside_the_window_the_clerk_is_told_when_it_opens(queue_env: QueueEnv) -> None:
    registered(queue_env.server)
    counter = CounterPage(staff(queue_env.server, "cs_clerk"), queue_env.runner)
    queue_env.show(counter)
    find_examinee(queue_env.qtbot, counter, DEMO["new"].exam_no)
    counter.ticket_button.click()
    box = open_dialog(queue_env.qtbot, counter, QMessageBox)
    assert isinstance(box, QMessageBox) and "开放" in box.text()
    box.close()


# --- 证明预约 at the office ------------------------------------------------------------------------------------


def test_clerk_marks_an_appointment_served_on_the_day(queue_env: QueueEnv, qtmodeltester: ModelTester) -> None:
    me, booked = booked_appointment(queue_env.server)
    now = me.system.calendar().server_time
    queue_env.server.clock.set(datetime.combine(booked.day, time(9, 30), tzinfo=now.tzinfo))
    page = AppointmentsDeskPage(staff(queue_env.server, "cs_clerk"), queue_env.runner)
    queue_env.show(page)
    queue_env.qtbot.waitUntil(lambda: page.data is not None and not page.busy, timeout=WAIT)
    qtmodeltester.check(page.model)
    assert page.data is not None and page.data.day == booked.day
    assert "长沙" in page.title_label.text() and page.count_label.text() == "共 1 个预约：待办理 1，已办理 0"
    assert page.serve_button.isEnabled()
    page.serve_button.click()
    asked = say_yes(page)  # asked once, naming the examinee
    assert booked.appointment_no in asked and page.model.items[0].name in asked and "不能撤销" in asked
    queue_env.qtbot.waitUntil(lambda: not page.busy and page.model.items[0].status == "served", timeout=WAIT)
    assert not page.serve_button.isEnabled() and page.count_label.text().endswith("已办理 1")
    assert page.answer.message.startswith(f"已办理：{page.model.items[0].name}")

    page.day_edit.setDate(page.day_edit.date().addDays(-1))  # another day: nothing can be marked
    queue_env.qtbot.waitUntil(
        lambda: not page.busy and page.data is not None and page.data.day != booked.day, timeout=WAIT
    )
    assert not page.serve_button.isEnabled()
    assert examinee(queue_env.server).records.appointments()[0].status_text == "已办理"
