"""毕业申请 against a real mock backend: an eligible examinee fills in and submits the application
(resume, self-assessment, materials, the 毕业生登记表 as PDF), the staff return it, it is corrected and
resubmitted, and after the staff's steps through the API the examinee sees 证书已发放; an examinee
who is not eligible sees what is missing; outside the window, the next window's dates."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.core.store import GRADUATION
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import date_text
from desktop.views.graduation import GraduationPage
from desktop.views.graduation.form import ApplicationForm
from desktop.views.graduation.page import PLAN_TAB, PROGRESS_TAB
from desktop.views.widgets.upload import UploadWidget
from tests.fixtures.accounts import staff
from tests.fixtures.documents import pdf_text
from tests.fixtures.files import jpeg_file, pdf_bytes
from tests.fixtures.graduation import ASSESSMENT, RESUME, future_window, person
from tests.fixtures.gui import say_yes
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui


def open_page(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> GraduationPage:
    page = GraduationPage(client, runner)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None and not page.busy, timeout=10_000)
    return page


def upload(qtbot: QtBot, widget: UploadWidget, path: Path) -> None:
    assert widget.add_path(path)
    qtbot.waitUntil(lambda: len(widget.files) == 1 and not widget.uploading, timeout=10_000)


def wait_form(qtbot: QtBot, form: ApplicationForm) -> None:
    qtbot.waitUntil(lambda: not form.busy, timeout=15_000)


def test_an_eligible_examinee_applies_and_follows_it_to_the_certificate(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, tmp_path: Path
) -> None:
    client = person(live_server, "bachelor_ready", future_window(live_server)[0] + timedelta(hours=1))
    page = open_page(qtbot, client, runner)
    assert "已满足本科毕业条件" in page.eligibility_status.text()
    assert "前置学历：已核验" in page.eligibility_summary.text() and page.reasons_label.isHidden()
    assert "正在进行" in page.window_label.text()
    assert page.start_button.isVisibleTo(page)

    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.form is not None, timeout=10_000)
    form = page.form
    assert form is not None and form.application.status == "draft"
    assert page.store.published == [GRADUATION] and not page.stale  # news for others, no reload here
    assert list(form.uploads) == ["id_copy", "prior_diploma", "photo", "receipt"]

    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)  # nothing filled in yet
    assert "还不能提交" in form.message.text() and "请上传浅蓝底证件照" in form.message.text()

    model = form.resume_model
    for entry in RESUME:
        row = model.add_row()
        for column, value in enumerate((entry.start, entry.end, entry.unit, entry.role)):
            model.setData(model.index(row, column), value)
    form.assessment.setFocus()
    form.assessment.insertPlainText(ASSESSMENT)  # what an input method commits (keyClicks is ASCII only)
    assert "/ 800 字" in form.count_label.text()
    pdf = tmp_path / "身份证.pdf"
    pdf.write_bytes(pdf_bytes())
    upload(qtbot, form.uploads["id_copy"], pdf)
    upload(qtbot, form.uploads["prior_diploma"], jpeg_file(tmp_path / "diploma.jpg", (600, 400), (240, 240, 240)))
    upload(qtbot, form.uploads["photo"], jpeg_file(tmp_path / "photo.jpg"))
    upload(qtbot, form.uploads["receipt"], jpeg_file(tmp_path / "receipt.jpg", (600, 800), (250, 250, 250)))
    assert form.problems() == []

    with qtbot.waitSignal(form.form_saved, timeout=20_000) as saved:
        form.save_form_to(tmp_path / "登记表.pdf")
    text = pdf_text(saved.args[0])
    assert "陈思远" in text and "湖南星辰软件有限公司" in text and form.application.application_no in text
    assert form.last_form_html is not None and "data:image/jpeg;base64," in form.last_form_html
    qtbot.mouseClick(form.preview_button, Qt.MouseButton.LeftButton)  # 生成登记表: the print preview
    qtbot.waitUntil(lambda: form.preview_dialog is not None and form.preview_dialog.isVisible(), timeout=15_000)
    assert form.preview_dialog is not None and "毕业生登记表" in form.preview_dialog.windowTitle()
    form.preview_dialog.close()

    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.application.status == "submitted", timeout=15_000)
    assert page.store.published[-1] == GRADUATION and not page.stale
    assert "已提交" in form.status_label.text() and not form.submit_button.isVisibleTo(form)
    assert form.assessment.isReadOnly()
    no = form.application.application_no

    reviewer = staff(live_server, "cs_reviewer")
    reviewer.graduation.staff.act(no, "return", "回执未签名，请签名后重新上传")
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy and form.application.status == "returned", timeout=10_000)
    assert "回执未签名" in form.status_label.text() and form.submit_button.isVisibleTo(form)
    receipt = form.uploads["receipt"]
    receipt.list.setCurrentRow(0)
    receipt.remove_selected()
    upload(qtbot, receipt, jpeg_file(tmp_path / "signed.jpg", (600, 800), (245, 245, 240)))
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.application.status == "submitted", timeout=15_000)

    clerk = staff(live_server, "cs_clerk")
    reviewer.graduation.staff.act(no, "first_approve", "材料齐全")
    clerk.graduation.staff.act(no, "confirm", "原件核对无误")
    reviewer.graduation.staff.act(no, "final_approve")
    reviewer.graduation.staff.act(no, "issue", "请到长沙市自考办领取毕业证书")
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy and form.application.status == "issued", timeout=10_000)
    status = form.status_label.text()
    assert "证书已发放" in status and form.application.certificate_no and form.application.certificate_no in status
    assert "请到长沙市自考办领取毕业证书" in status
    history = form.history_model
    texts = [history.data(history.index(r, 3)) for r in range(history.rowCount())]
    assert texts == ["草稿", "已提交", "退回", "已提交", "初审通过", "现场确认", "终审通过", "证书已发放"]
    assert history.data(history.index(5, 4)) == "原件核对无误"
    assert "已毕业" in page.eligibility_status.text() or "毕业证书已发放" in page.reasons_label.text()


def test_a_midway_examinee_sees_what_is_missing_and_the_way_to_the_plan(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    client = person(live_server, "midway", future_window(live_server)[0] + timedelta(hours=1))
    page = open_page(qtbot, client, runner)
    assert "暂未满足" in page.eligibility_status.text()
    reasons = page.reasons_label.text()
    assert "必考课程未通过" in reasons and "02326 操作系统" in reasons and "还差" in reasons and "毕业论文" in reasons
    assert not page.start_button.isVisibleTo(page) and page.form is None
    with qtbot.waitSignal(page.scores_requested) as plan:
        qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    assert plan.args == [PLAN_TAB]
    with qtbot.waitSignal(page.scores_requested) as progress:
        page.progress_button.click()
    assert progress.args == [PROGRESS_TAB]


def test_outside_the_window_the_next_dates_are_shown(qtbot: QtBot, live_server: LiveServer, runner: TaskRunner) -> None:
    opens, _closes = future_window(live_server)
    client = person(live_server, "bachelor_ready", opens - timedelta(days=3))
    page = open_page(qtbot, client, runner)
    assert "下一次毕业申请时间" in page.window_label.text()
    assert f"下一次毕业申请时间：{date_text(opens)} {opens:%H:%M} 至 " in page.window_label.text()
    assert not page.start_button.isVisibleTo(page)
    assert "请在毕业申请时间内" in page.application_hint.text()


def test_the_reviewer_decides_graduation_steps_in_the_review_console(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    from desktop.views.staff import QueuesPage
    from tests.fixtures.graduation import ready_draft

    me = person(live_server, "bachelor_ready", future_window(live_server)[0] + timedelta(hours=1))
    no = me.graduation.submit(ready_draft(me).application_no).application_no
    reviewer = staff(live_server, "cs_reviewer")
    page = QueuesPage(reviewer, runner)
    qtbot.addWidget(page)
    page.show()
    titles = [page.queue_list.item(i).text().split("（")[0] for i in range(page.queue_list.count())]
    graduation = [t for t in titles if t.startswith("毕业")]
    assert graduation == ["毕业申请初审", "毕业申请终审", "毕业证书发放"]  # the clerk's 现场确认 is not the reviewer's
    page.queue_list.setCurrentRow(titles.index("毕业申请初审"))
    qtbot.waitUntil(lambda: page.page_data is not None and page.page_data.key == "graduation_first", timeout=10_000)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    item = page.selected()
    assert item is not None and item.reference == no and item.name == "陈思远"
    assert set(page.action_buttons) == {"approve", "return", "reject"}
    assert page.action_buttons["approve"].text() == "初审通过(&A)"
    page.action_buttons["approve"].click()
    assert "陈思远" in say_yes(page)
    qtbot.waitUntil(lambda: not page.busy and page.page_data is not None and page.page_data.total == 0, timeout=10_000)
    assert me.graduation.overview().application.status_text == "初审通过"  # type: ignore[union-attr]
    page.queue_list.setCurrentRow(titles.index("毕业证书发放"))
    qtbot.waitUntil(
        lambda: page.page_data is not None and page.page_data.key == "graduation_certificate", timeout=10_000
    )
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert set(page.action_buttons) == {"approve"}


def test_the_clerk_confirms_on_site_in_the_counter_console(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    from desktop.views.staff.queues import OnSiteConfirmationPage
    from tests.fixtures.graduation import ready_draft

    me = person(live_server, "bachelor_ready", future_window(live_server)[0] + timedelta(hours=1))
    no = me.graduation.submit(ready_draft(me).application_no).application_no
    staff(live_server, "cs_reviewer").staff.decide("graduation_first", no, "approve")
    page = OnSiteConfirmationPage(staff(live_server, "cs_clerk"), runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.page_data is not None and not page.busy, timeout=10_000)
    assert page.page_data is not None and page.page_data.key == "graduation_on_site"
    item = page.selected()
    assert item is not None and item.reference == no
    # the clerk checks the originals against what was submitted: resume, self-assessment, materials
    qtbot.waitUntil(lambda: page.detail is not None and not page.busy, timeout=10_000)
    assert page.detail is not None
    application = me.graduation.overview().application
    assert application is not None
    assert application.self_assessment in page.detail_view.toPlainText()
    assert application.resume[0].unit in page.detail_view.toPlainText()
    assert {f.file_id for f in page.detail.files} == {m.file.file_id for m in application.materials if m.file}
    assert set(page.action_buttons) == {"approve", "return"}
    page.action_buttons["approve"].click()
    assert "原件" in say_yes(page)
    qtbot.waitUntil(lambda: not page.busy and page.page_data is not None and page.page_data.total == 0, timeout=10_000)
    assert me.graduation.overview().application.status_text == "现场确认"  # type: ignore[union-attr]


def test_times_are_beijing_time_whatever_the_machine_zone(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's dates and hours are the authority's (UTC+8), also on a machine set to New York."""
    opens, closes = future_window(live_server)  # naive: Beijing time, as the server keeps them
    client = person(live_server, "bachelor_ready", opens - timedelta(days=3))
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        page = open_page(qtbot, client, runner)
        text = page.window_label.text()
    finally:
        monkeypatch.undo()
        time.tzset()
    same_year = opens.year == closes.year
    end = f"{closes.month}月{closes.day}日 {closes:%H:%M}"
    assert f"{date_text(opens)} {opens:%H:%M} 至 {end if same_year else date_text(closes)}" in text
    assert "24:00" not in text
