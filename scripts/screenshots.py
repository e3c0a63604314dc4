"""Screenshots of the real windows with demo data, for the docs: ``python scripts/screenshots.py``.

Starts the mock backend on a temporary database, logs in through the client, builds the real
windows offscreen, waits until they have loaded and saves ``docs/screenshots/<name>.png``.

To add a screenshot, write a function ``shot_xxx(ctx) -> QWidget`` that returns the widget to grab
once it is ready (or the ``Path`` of an image it rendered itself, e.g. a PDF page through
``pdftoppm``), and add it to ``SHOTS``.  ``--scale 2`` renders at 200 % (checks high-DPI).

The shots in ``SCREEN_SHOTS`` show the whole screen a person sees: each runs in a child process
on a virtual screen of its own size and scale (Xvfb with openbox, as ``scripts/fit_check.py``),
with the window opened the way the program opens it (``registration_1366``: 1366×768 at 100 %,
``registration_200``: 1920×1080 at 200 %).

``--lang en`` takes them in English (docs/i18n.md) into ``docs/screenshots/en/``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDeadlineTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's program, not whichever one the venv points at

from desktop.api import ApiClient  # noqa: E402
from desktop.api.types import LoginSession  # noqa: E402
from desktop.core.tasks import TaskRunner  # noqa: E402

OUT_DIR = ROOT / "docs" / "screenshots"


@dataclass
class Context:
    """What a screenshot function gets: the server, a logged-in client, a runner."""

    url: str
    client: ApiClient
    runner: TaskRunner
    tmp: Path
    cleanups: list[Callable[[], object]] = field(default_factory=list)
    scale: float = 1.0

    def login(self, account: str, kind: str = "examinee") -> LoginSession:
        from backend_mock.seed import DEMO_PASSWORD

        cap = self.client.auth.captcha()
        answer = self.client.mock.captcha_answer(cap.captcha_id)
        return self.client.auth.login(account, DEMO_PASSWORD, cap.captcha_id, answer, kind=kind)


def wait_until(condition: Callable[[], bool], timeout_ms: int = 15_000) -> None:
    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("the window did not finish loading")
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(ms: int = 200) -> None:
    """Let layouts, style polish and pending paints happen before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


# --- the screenshots --------------------------------------------------------------------------------


def demo_login(ctx: Context, demo_key: str) -> LoginSession:
    """Log in as the demo examinee ``demo_key`` (seed/demo.py)."""
    from backend_mock.seed.demo import DEMO_EXAMINEES

    demo = next(d for d in DEMO_EXAMINEES if d.key == demo_key)
    return ctx.login(demo.exam_no)


def main_window_on(
    ctx: Context,
    login: LoginSession,
    tab: str | None,
    loaded: Callable[[Any], bool],
    height: int = 680,
    width: int = 1000,
) -> tuple[QWidget, Any]:
    """The main window of ``login`` on the tab titled ``tab`` (None: the first), once ``loaded(page)`` holds."""
    from desktop.i18n.tr import tr
    from desktop.shell.session import UserSession
    from desktop.views.main_window import MainWindow

    session = UserSession(login, watch_application=False)
    host = ctx.url.split("//", 1)[-1]
    window = MainWindow(ctx.client, ctx.runner, session, tr("内置演示服务 {netloc}").format(netloc=host))
    window.resize(width, height)
    window.show()
    page = window.show_page(tab) if tab is not None else window.current_page()
    ctx.cleanups.append(session.stop)
    ctx.cleanups.append(window.close_quietly)
    wait_until(lambda: loaded(page))
    return window, page


def shot_personal_center(ctx: Context) -> QWidget:
    """The main window on 个人中心 of a demo examinee with a photo."""
    login = demo_login(ctx, "bachelor_ready")
    window, _page = main_window_on(ctx, login, "个人中心", lambda page: page.profile is not None and not page.loading)
    return window


def shot_login(ctx: Context) -> QWidget:
    """The login dialog of a demo-mode server, with the demo accounts listed."""
    from desktop.views.login_dialog import LoginDialog

    dialog = LoginDialog(ctx.runner, demo_mode_hint=True)
    dialog.resize(680, 660)
    dialog.show()
    dialog.set_backend(ctx.client, ctx.client.system.health())
    wait_until(lambda: dialog.captcha_id is not None and not dialog.busy and dialog.demo_table.rowCount() > 0)
    dialog.demo_table.selectRow(1)
    dialog.use_selected_demo_account()
    ctx.cleanups.append(dialog.close)
    return dialog


def shot_enrol(ctx: Context) -> QWidget:
    """新生报名 inside the enrolment window, partly filled in, with a photo chosen."""
    from backend_mock.seed.photos import make_photo
    from desktop.views.enrol_dialog import EnrolDialog
    from zikao_common.idnumber import make_id_number

    client = ctx.client
    cal = client.system.calendar()
    upcoming = [s for s in cal.sessions if s.enrolment_open > cal.server_time] or list(cal.sessions[-1:])
    client.mock.set_clock(upcoming[0].enrolment_open + timedelta(hours=1), frozen=True)
    ctx.cleanups.append(client.mock.reset_clock)

    dialog = EnrolDialog(client, ctx.runner)
    dialog.show()
    wait_until(lambda: dialog.reference_loaded and dialog.captcha.captcha_id is not None and not dialog.busy)
    dialog.name_edit.setText("欧阳晓光")
    dialog.id_edit.setText(make_id_number("430104", date(2001, 3, 9), 42, male=True))
    dialog.phone_edit.setText("13974112233")
    dialog.select_county("430104")
    majors = client.system.majors()
    dialog.select_major(next((m.id for m in majors if m.code == "080901"), majors[0].id))
    photo = ctx.tmp / "photo.jpg"
    photo.write_bytes(make_photo(11))
    dialog.load_photo(photo)
    wait_until(lambda: dialog.photo_ok and not dialog.busy)
    dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()))
    ctx.cleanups.append(dialog.close)
    return dialog


def _registration_window_open(ctx: Context) -> None:
    """Freeze the server clock in phase 2 of the upcoming session's registration window (before logging in)."""
    client = ctx.client
    cal = client.system.calendar()
    session = cal.session(cal.upcoming)
    assert session is not None
    at = (session.phase1_close + timedelta(days=1)).replace(hour=10, minute=30)
    client.mock.set_clock(at, frozen=True)
    ctx.cleanups.append(client.mock.reset_clock)


def _registration_window(ctx: Context, demo_key: str) -> tuple[QWidget, Any]:
    """The main window of demo examinee ``demo_key`` on 报名报考, loaded, site chosen."""
    _registration_window_open(ctx)
    window, page = main_window_on(
        ctx,
        demo_login(ctx, demo_key),
        "报名报考",
        lambda page: page.overview is not None and not page.busy and not page.site_picker.loading,
        height=760,
    )
    wait_until(lambda: page.site_picker.current_site() is not None)
    return window, page


def _two_courses(page: Any) -> list[str]:
    chosen: list[str] = []
    slots: set[str] = set()
    for course in page.course_model.courses:
        if course.registrable and course.slot and course.slot not in slots and len(chosen) < 2:
            chosen.append(course.code)
            slots.add(course.slot)
    return chosen


def shot_registration_select(ctx: Context) -> QWidget:
    """报名报考 in phase 2: a site and two courses chosen, the slots filled, the fee 116.00."""
    window, page = _registration_window(ctx, "new")
    for code in _two_courses(page):
        page.course_model.set_selected(code, True)
    page.course_picker.table.setFocus()
    return window


def _ordered(ctx: Context, demo_key: str) -> tuple[QWidget, Any, str]:
    window, page = _registration_window(ctx, demo_key)
    site = page.site_picker.current_site()
    page.submit_order(site.id, _two_courses(page))
    wait_until(lambda: page.current_panel.order is not None and not page.busy)
    return window, page, page.current_panel.order.order_no


def shot_payment(ctx: Context) -> QWidget:
    """The payment window (the mock payment platform's cashier page) of a new order."""
    _window, page, order_no = _ordered(ctx, "new")
    page.start_payment(order_no, "alipay")
    wait_until(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible())
    dialog = page.payment_dialog
    ctx.cleanups.append(lambda: dialog.reject() if dialog.isVisible() else None)
    return dialog


def shot_order_paid(ctx: Context) -> QWidget:
    """The order after paying through the payment window: 已缴费, with the receipt buttons."""
    window, page, order_no = _ordered(ctx, "exempted")
    page.start_payment(order_no, "wechat")
    wait_until(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible())
    page.payment_dialog.confirm()
    wait_until(lambda: page.order(order_no).status == "paid" and not page.busy)
    settle(300)
    return window


def _pay_two_courses(client: ApiClient) -> Any:
    """Order two registrable courses in different slots at the first site and pay (through the API)."""
    chosen: list[str] = []
    slots: set[str] = set()
    for course in client.registration.courses():
        if course.registrable and course.slot and course.slot not in slots and len(chosen) < 2:
            chosen.append(course.code)
            slots.add(course.slot)
    site = client.registration.sites()[0]
    order = client.registration.create_order(site.id, chosen, str(uuid.uuid4()))
    payment = client.registration.start_payment(order.order_no, "alipay", str(uuid.uuid4()))
    client.payplatform.confirm(payment.payment_no, "alipay")
    order = client.registration.order(order.order_no)
    assert order.status == "paid", order.status
    return order


def shot_receipt(ctx: Context) -> Path:
    """Page 1 of a 报考回执单 PDF (paid through the API), rendered with pdftoppm at 60 dpi (× scale)."""
    from backend_mock.seed.demo import DEMO_EXAMINEES
    from desktop.documents import render as documents
    from desktop.documents.receipt import receipt_html

    _registration_window_open(ctx)
    client = ctx.client
    demo = next(d for d in DEMO_EXAMINEES if d.key == "midway")
    ctx.login(demo.exam_no)
    order = _pay_two_courses(client)
    pdf = ctx.tmp / "receipt.pdf"
    documents.save_pdf(receipt_html(order, client.me.profile(), printed_at=client.system.health().server_time), pdf)
    return first_page_png(ctx, pdf)


def first_page_png(ctx: Context, pdf: Path) -> Path:
    """Page 1 of ``pdf`` as a PNG next to it, through pdftoppm at 60 dpi (× scale)."""
    stem = pdf.with_suffix("")
    dpi = round(60 * ctx.scale)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )
    return stem.with_suffix(".png")


def _registered(ctx: Context, demo_key: str) -> tuple[Any, Any]:
    """Demo examinee ``demo_key`` has paid for two courses of the upcoming session (registered now
    unless already; the clock stays in the registration window); returns (demo, session calendar)."""
    from backend_mock.seed.demo import DEMO_EXAMINEES

    client = ctx.client
    demo = next(d for d in DEMO_EXAMINEES if d.key == demo_key)
    _registration_window_open(ctx)
    ctx.login(demo.exam_no)
    if not any(s.course_code for s in client.exams.timetable().slots):
        _pay_two_courses(client)
    cal = client.system.calendar()
    return demo, cal.session(cal.upcoming)


def _in_ticket_window(ctx: Context, demo_key: str) -> LoginSession:
    """``_registered``, then the server clock frozen inside the ticket printing window; logs in again."""
    demo, session = _registered(ctx, demo_key)
    ctx.client.mock.set_clock(session.ticket_print_open + timedelta(days=2, hours=9, minutes=20), frozen=True)
    return ctx.login(demo.exam_no)


def _exams_window(ctx: Context, login: LoginSession) -> QWidget:
    window, _page = main_window_on(
        ctx, login, "考试信息", lambda page: page.timetable is not None and not page.loading, height=700
    )
    return window


def _scores_window(ctx: Context, demo_key: str, sub_tab: int) -> QWidget:
    """The main window of demo examinee ``demo_key`` on 成绩管理, loaded, on sub-tab ``sub_tab``."""
    window, page = main_window_on(
        ctx, demo_login(ctx, demo_key), "成绩管理", lambda page: page.data is not None and not page.busy
    )
    page.sub_tabs.setCurrentIndex(sub_tab)
    return window


def shot_exam_info_before(ctx: Context) -> QWidget:
    """考试信息 after paying, before the ticket printing window: seats pending, the opening date."""
    demo, _session = _registered(ctx, "old_plan")
    return _exams_window(ctx, ctx.login(demo.exam_no))


def shot_exam_info(ctx: Context) -> QWidget:
    """考试信息 inside the ticket printing window: the timetable with rooms and seats, the ticket box."""
    return _exams_window(ctx, _in_ticket_window(ctx, "old_plan"))


def shot_ticket(ctx: Context) -> Path:
    """Page 1 of a 准考证 PDF, rendered with pdftoppm at 60 dpi (× scale)."""
    from desktop.documents import render as documents
    from desktop.documents.ticket import ticket_html

    _in_ticket_window(ctx, "old_plan")
    client = ctx.client
    ticket = client.exams.ticket()
    pdf = ctx.tmp / "ticket.pdf"
    documents.save_pdf(
        ticket_html(ticket, client.exams.ticket_photo(), printed_at=client.system.health().server_time), pdf
    )
    return first_page_png(ctx, pdf)


def shot_scores(ctx: Context) -> QWidget:
    """成绩管理: every released score of the midway examinee, newest session first, best results starred."""
    return _scores_window(ctx, "midway", 0)


def shot_waiting_room(ctx: Context) -> QWidget:
    """成绩管理 behind the waiting room: capacity 1, 36 simulated examinees in line ahead."""
    rooms = ctx.client.waiting_room
    rooms.set_capacity(1)
    rooms.add_simulated(37)  # one enters at once, 36 wait
    ctx.cleanups.append(lambda: rooms.set_capacity(300))
    ctx.cleanups.append(rooms.clear)
    window, _page = main_window_on(
        # not midway: the earlier shots leave it an unpaid order, and a paying examinee never queues
        ctx,
        demo_login(ctx, "diploma_ready"),
        "成绩管理",
        lambda page: page.state == "waiting" and page.waiting_view.ticket,
    )
    settle(1200)  # the countdown has ticked
    return window


def shot_plan_progress(ctx: Context) -> QWidget:
    """成绩管理 → 学习进度: credits and courses by type drawn as bars, the numbers as text."""
    return _scores_window(ctx, "midway", 1)


def shot_scores_plan(ctx: Context) -> QWidget:
    """成绩管理 → 报考建议 inside the registration window: up to 4 courses with reasons, 去报考 enabled."""
    _registration_window_open(ctx)
    return _scores_window(ctx, "midway", 2)


def shot_transcript(ctx: Context) -> Path:
    """Page 1 of the 成绩单 PDF of the bachelor_ready examinee, rendered with pdftoppm at 60 dpi (× scale)."""
    from backend_mock.seed.demo import DEMO_EXAMINEES
    from desktop.documents import render as documents
    from desktop.documents.transcript import transcript_html

    demo = next(d for d in DEMO_EXAMINEES if d.key == "bachelor_ready")
    ctx.login(demo.exam_no)
    client = ctx.client
    listing = client.scores.list()
    html = transcript_html(
        listing.scores, client.me.profile(), client.scores.progress(), printed_at=listing.server_time
    )
    pdf = ctx.tmp / "transcript.pdf"
    documents.save_pdf(html, pdf)
    return first_page_png(ctx, pdf)


def _notices_window(ctx: Context, demo_key: str) -> tuple[QWidget, Any]:
    """The main window of ``demo_key`` on 通知公告, loaded."""
    return main_window_on(
        ctx,
        demo_login(ctx, demo_key),
        "通知公告",
        lambda page: page.calendar is not None and not page.loading and not ctx.runner.busy,
        height=720,
        width=1100,
    )


def shot_notices(ctx: Context) -> QWidget:
    """通知公告: the list (unread in bold), one notice with an attachment open in the reader."""
    window, page = _notices_window(ctx, "midway")
    row = next(i for i, n in enumerate(page.model.items) if n.attachment_count and "时间安排" in n.title)
    page.table.selectRow(row)
    wait_until(lambda: page.reader.notice is not None and page.reader.attachments.count() > 0 and not ctx.runner.busy)
    page.table.setFocus()
    return window


def shot_calendar(ctx: Context) -> QWidget:
    """我的日程 of an examinee who has just paid for two courses (phase 2 of registration)."""
    _registration_window_open(ctx)
    demo_login(ctx, "exempted")
    _pay_two_courses(ctx.client)
    window, page = _notices_window(ctx, "exempted")
    page.inner_tabs.setCurrentWidget(page.calendar_view)
    page.calendar_view.table.setFocus()
    return window


def shot_tester_panel(ctx: Context) -> QWidget:
    """The tester panel: the clock jumped to registration phase 1, faults set, one SMS in the outbox."""
    from backend_mock.seed.demo import DEMO_EXAMINEES
    from desktop.api.mock import FAULT_DROP_AFTER, FAULT_ERROR, FaultRule
    from desktop.api.types import PaymentFaults
    from desktop.views.tester.panel import TesterPanel

    demo = next(d for d in DEMO_EXAMINEES if d.key == "bachelor_ready")
    ctx.client.auth.send_reset_code(demo.exam_no, demo.id_number, demo.phone)
    ctx.client.mock.jump("registration_phase1")
    ctx.client.mock.set_faults(
        [
            FaultRule("/orders", FAULT_ERROR, probability=0.3, status=503, retry_after_seconds=2, methods=("POST",)),
            FaultRule("/registration", FAULT_DROP_AFTER, times=2),
        ],
        latency_ms=300,
        jitter_ms=100,
    )
    ctx.client.mock.set_payment_faults(PaymentFaults(delay_seconds=5, duplicate=True))
    panel = TesterPanel(ctx.client, ctx.runner)
    panel.show()
    wait_until(lambda: panel.clock_box.jump_buttons != {} and panel.faults_box.rules_table.rowCount() == 2)
    wait_until(lambda: panel.sms_box.table.rowCount() > 0 and panel.scenario_box.combo.count() > 0)
    panel.scenario_box.select("registration_peak")
    ctx.cleanups.append(ctx.client.mock.clear_faults)
    ctx.cleanups.append(ctx.client.mock.reset_clock)
    ctx.cleanups.append(panel.close)
    return panel


def _staff_window(ctx: Context, username: str) -> Any:
    """The main window of a staff member (the console tabs of the role), shown and sized."""
    window, _page = main_window_on(
        ctx, ctx.login(username, kind="staff"), None, lambda page: True, height=760, width=1280
    )
    return window


def shot_staff_console(ctx: Context) -> QWidget:
    """柜台 of a clerk: an examinee found by exam_no, identity verified, the masked record."""
    from backend_mock.seed.demo import DEMO_EXAMINEES

    demo = next(d for d in DEMO_EXAMINEES if d.key == "locked")
    window = _staff_window(ctx, "cs_clerk")
    counter = window.page("柜台")
    counter.query_edit.setText(demo.exam_no)
    counter.search()
    wait_until(lambda: counter.record is not None and not counter.busy)
    counter.verify()  # 核验身份 through its dialog, as the clerk does
    dialog = next(d for d in counter._dialogs if d.objectName() == "verifyDialog")
    dialog.id_edit.setText(demo.id_number)
    dialog.name_edit.setText(demo.name)
    dialog.submit()
    wait_until(lambda: counter.record is not None and counter.record.verified_until is not None and not counter.busy)
    for box in list(counter._dialogs):  # the "核验通过" message box
        if shiboken6.isValid(box):
            box.done(0)
    counter.hits_view.setFocus()
    return window


def shot_staff_queue(ctx: Context) -> QWidget:
    """审核队列 of a reviewer: the enrolment application waiting for the prefecture office."""
    window = _staff_window(ctx, "cs_reviewer")
    page = window.page("审核队列")
    wait_until(lambda: page.page_data is not None and not page.busy)
    return window


def shot_audit_log(ctx: Context) -> QWidget:
    """管理 → 审计日志 of the administrator, after the clerk's work above and an unlock."""
    from backend_mock.seed.demo import DEMO_EXAMINEES

    demo = next(d for d in DEMO_EXAMINEES if d.key == "locked")
    clerk = ApiClient(ctx.url)
    staff_ctx = Context(url=ctx.url, client=clerk, runner=ctx.runner, tmp=ctx.tmp)
    staff_ctx.login("cs_clerk", kind="staff")
    examinee_id = clerk.staff.search(demo.exam_no).items[0].id
    clerk.staff.reveal_id_number(examinee_id, "考生本人核对报名信息")
    clerk.staff.verify_identity(examinee_id, demo.id_number, demo.name)
    clerk.staff.unlock(examinee_id)
    clerk.close()
    window = _staff_window(ctx, "admin")
    page = window.page("管理")
    page.tabs.setCurrentWidget(page.audit)
    wait_until(
        lambda: page.audit.page_data is not None and page.audit.action_combo.count() > 1 and not page.audit.runner.busy
    )
    return window


def _staff_client(ctx: Context, username: str) -> ApiClient:
    """Another logged-in client (a second person working at the same time), closed at the end."""
    other = ApiClient(ctx.url)
    Context(url=ctx.url, client=other, runner=ctx.runner, tmp=ctx.tmp).login(username, kind="staff")
    ctx.cleanups.append(other.close)
    return other


def shot_staff_queue_exemption(ctx: Context) -> QWidget:
    """审核队列 → 免考: an examinee's exemption with its certificate scan, the cap and the history."""
    client = ctx.client
    demo_login(ctx, "midway")
    scan = _certificate_scan(ctx.tmp / "cet4.jpg").read_bytes()
    app = client.records.create(
        "exemption",
        {"course_code": "00015", "basis": "大学英语四级证书（CET-4，2019年6月，512分）"},
        [client.records.upload_bytes("CET4证书.jpg", scan).file_id],
    )
    client.records.submit(app.application_no)
    client.auth.logout()
    window = _staff_window(ctx, "cs_reviewer")
    page = window.page("审核队列")
    wait_until(lambda: page.page_data is not None and not page.busy)
    page.queue_list.setCurrentRow([v.key for v in page.views].index("exemption"))
    wait_until(lambda: page.page_data is not None and page.page_data.key == "exemption" and not page.busy)
    wait_until(lambda: page.detail is not None and not page.busy)
    page.table.setFocus()
    return window


def shot_admin_notices(ctx: Context) -> QWidget:
    """管理 → 通知公告: published, scheduled and withdrawn notices, one selected with an attachment."""
    from datetime import timedelta

    admin = _staff_client(ctx, "admin")
    now = admin.notices.list(limit=1).server_time
    admin.notices.admin_create(
        "关于2026年下半年毕业申请办理的通知",
        "毕业申请将于下月开放，请符合条件的考生提前准备材料。",
        "毕业办理",
        publish_at=now + timedelta(days=3),
    )
    wrong = admin.notices.admin_create("考场安排（草稿误发）", "本条为误发。", "考试公告")
    admin.notices.admin_withdraw(wrong.id, "误发，内容以后续通知为准")
    made = admin.notices.admin_create(
        "关于2026年10月自学考试补充报名的通知",
        "补充报名时间为10月8日9:00至10月10日17:00。\n请尚未报考的考生及时登录系统办理，逾期不再补报。",
        "报考通知",
    )
    admin.notices.admin_add_attachment(made.id, _certificate_scan(ctx.tmp / "报名流程图.jpg"))
    window = _staff_window(ctx, "admin")
    page = window.page("管理")
    page.tabs.setCurrentWidget(page.notices)
    panel = page.notices
    wait_until(lambda: panel.server_now is not None and not panel.busy)
    ids = [n.id for n in panel.model.items]
    panel.table.selectRow(ids.index(made.id))
    panel.table.setFocus()
    return window


def _records_window(ctx: Context, demo_key: str) -> tuple[QWidget, Any]:
    """The main window of demo examinee ``demo_key`` on 考籍管理, loaded."""
    return main_window_on(
        ctx,
        demo_login(ctx, demo_key),
        "考籍管理",
        lambda page: page.context is not None and not page.loading,
        height=800,
        width=1100,
    )


def _certificate_scan(path: Path) -> Path:
    from backend_mock.seed.records import make_certificate_scan

    path.write_bytes(make_certificate_scan())
    return path


def shot_records_form(ctx: Context) -> QWidget:
    """考籍管理: a new exemption being filled in, the credit cap shown, a certificate scan uploaded."""
    window, page = _records_window(ctx, "exempted")
    page.create("exemption")
    wait_until(lambda: page.editor is not None and page.editor.form.cap is not None)
    editor = page.editor
    form = editor.form
    form.course.setCurrentIndex(form.course.findData("00065") if form.course.findData("00065") > 0 else 1)
    wait_until(lambda: form.cap is not None and form.cap.course_code == form.course.currentData())
    form.basis.setText("自学考试以外的高校课程成绩单（统计学，82分）")
    editor.upload.add_path(_certificate_scan(ctx.tmp / "成绩单扫描件.jpg"))
    wait_until(lambda: len(editor.upload.files) == 1 and not editor.upload.uploading)
    editor.save()
    wait_until(lambda: not editor.busy)
    return window


def shot_records_history(ctx: Context) -> QWidget:
    """考籍管理: an exemption returned once, corrected, resubmitted and approved — its state history."""
    from backend_mock.seed import DEMO_PASSWORD

    client = ctx.client
    demo_login(ctx, "midway")
    scan = _certificate_scan(ctx.tmp / "transcript.jpg").read_bytes()
    # 概率论与数理统计(二), not passed yet by this demo examinee (00015 is taken by shot_staff_queue_exemption)
    course = "02197"
    app = client.records.create(
        "exemption",
        {"course_code": course, "basis": "普通高校课程成绩单（概率论与数理统计，2019年6月，85分）"},
        [client.records.upload_bytes("成绩单.jpg", scan).file_id],
    )
    no = client.records.submit(app.application_no).application_no
    reviewer = ApiClient(ctx.url)
    ctx.cleanups.append(reviewer.close)
    cap = reviewer.auth.captcha()
    answer = reviewer.mock.captcha_answer(cap.captcha_id)
    reviewer.auth.login("cs_reviewer", DEMO_PASSWORD, cap.captcha_id, answer, "staff")
    reviewer.records.review.start(no)
    reviewer.records.review.return_(no, "成绩单照片反光，分数看不清，请重新拍摄后上传")
    files = [client.records.upload_bytes("成绩单（重拍）.jpg", scan).file_id]
    client.records.save(no, dict(app.data), files)
    client.records.submit(no)
    reviewer.records.review.start(no)
    reviewer.records.review.approve(no, "已核验证书原件，同意免考")
    client.auth.logout()
    window, page = _records_window(ctx, "midway")
    page.select(no)
    wait_until(lambda: page.editor is not None and not ctx.runner.busy)
    return window


def _graduation_window_open(ctx: Context) -> None:
    """Freeze the server clock two days into the next graduation window (before logging in)."""
    client = ctx.client
    cal = client.system.calendar()
    opens = min(s.graduation_open for s in cal.sessions if s.graduation_open > cal.server_time)
    client.mock.set_clock((opens + timedelta(days=2)).replace(hour=10, minute=0), frozen=True)
    ctx.cleanups.append(client.mock.reset_clock)


def _graduation_window(ctx: Context, demo_key: str, height: int = 680, move: bool = True) -> tuple[QWidget, Any]:
    if move:
        _graduation_window_open(ctx)
    return main_window_on(
        ctx,
        demo_login(ctx, demo_key),
        "毕业申请",
        lambda page: page.overview is not None and not page.busy and not ctx.runner.busy,
        height=height,
    )


def shot_graduation_eligibility(ctx: Context) -> QWidget:
    """毕业申请 of the midway examinee in the window: which courses, credits and the thesis are missing."""
    window, _page = _graduation_window(ctx, "midway")
    return window


def _graduation_draft(ctx: Context) -> Any:
    """The bachelor_ready examinee's draft with resume, self-assessment and every material uploaded."""
    from backend_mock.seed.records import make_certificate_scan
    from desktop.api.graduation import ResumeEntry

    _graduation_window_open(ctx)
    client = ctx.client
    demo_login(ctx, "bachelor_ready")
    existing = client.graduation.overview().application
    if existing is not None:  # made by an earlier screenshot of this run
        return existing
    scan = make_certificate_scan()
    up = client.records.upload_bytes
    materials = {
        "id_copy": up("身份证复印件.jpg", scan).file_id,
        "prior_diploma": up("专科毕业证书.jpg", scan).file_id,
        "photo": up("证件照.jpg", client.me.photo()).file_id,
        "receipt": up("毕业申请回执（已签名）.jpg", scan).file_id,
    }
    resume = [
        ResumeEntry("2011-09", "2014-06", "长沙市第十一中学", "学生"),
        ResumeEntry("2014-09", "2017-06", "湖南信息职业技术学院（专科）", "学生"),
        ResumeEntry("2017-07", "", "长沙拓维软件有限公司", "软件开发工程师"),
    ]
    text = (
        "本人热爱祖国，遵纪守法，在职参加高等教育自学考试以来，合理安排工作与学习时间，按专业计划完成了全部课程，"
        "系统学习了数据结构、操作系统、计算机网络、数据库系统原理等专业课程，并将所学用于实际开发工作。"
        "毕业论文围绕校园信息系统的设计与实现展开，提高了分析和解决问题的能力。今后将继续学习，不断提高专业水平。"
    )
    return client.graduation.create(resume, text, materials)


def shot_graduation_application(ctx: Context) -> QWidget:
    """毕业申请 of an eligible examinee: the filled-in draft (resume, self-assessment, materials)."""
    _graduation_draft(ctx)
    ctx.client.auth.logout()
    window, _page = _graduation_window(ctx, "bachelor_ready", height=900, move=False)
    return window


def shot_graduation_form(ctx: Context) -> Path:
    """Page 1 of the 毕业生登记表 PDF of the bachelor_ready examinee, rendered with pdftoppm at 60 dpi (× scale)."""
    from desktop.documents import render as documents
    from desktop.documents.graduation_form import form_html

    app = _graduation_draft(ctx)
    client = ctx.client
    html = form_html(
        client.me.profile(),
        app.resume,
        app.self_assessment,
        client.me.photo(),
        client.graduation.eligibility(),
        session_name=app.session_name,
        application_no=app.application_no,
        printed_at=client.system.health().server_time,
    )
    pdf = ctx.tmp / "graduation_form.pdf"
    documents.save_pdf(html, pdf)
    return first_page_png(ctx, pdf)


def shot_after_payment(ctx: Context) -> Path:
    """我的日程 and 报考建议 right after paying on 报名报考 in the same window, without pressing F5.

    Both tabs are loaded first; then 去报考 on 报考建议 opens 报名报考 with the suggested courses,
    they are ordered and paid through the payment window, and the two tabs are shown again.
    """
    from PySide6.QtGui import QColor, QImage, QPainter

    _registration_window_open(ctx)
    window, scores = main_window_on(
        ctx, demo_login(ctx, "midway"), "成绩管理", lambda p: p.data is not None and not p.busy, height=720, width=1100
    )
    scores.sub_tabs.setCurrentIndex(2)
    wait_until(lambda: scores.plan is not None and not scores.busy)
    notices = window.show_page("通知公告")
    wait_until(lambda: notices.calendar is not None and not notices.loading)
    notices.inner_tabs.setCurrentWidget(notices.calendar_view)
    window.show_page("成绩管理")
    scores.go_register()
    page = window.current_page()
    wait_until(
        lambda: (
            page.overview is not None
            and not page.busy
            and not page.site_picker.loading
            and page.site_picker.current_site() is not None
        )
    )
    page.submit_order(page.site_picker.current_site().id, page.course_model.selected_codes())
    wait_until(lambda: page.current_panel.order is not None and not page.busy)
    order_no = page.current_panel.order.order_no
    page.start_payment(order_no, "alipay")
    wait_until(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible())
    page.payment_dialog.confirm()
    wait_until(lambda: page.order(order_no).status == "paid" and not page.busy and not ctx.runner.busy)
    shots = []
    for title, ready in (
        ("通知公告", lambda: not notices.loading and not notices.stale),
        ("成绩管理", lambda: not scores.loading and not scores.stale),
    ):
        window.show_page(title)
        wait_until(lambda ready=ready: ready() and not ctx.runner.busy)
        settle(300)
        shot = window.grab().toImage()
        shot.setDevicePixelRatio(1.0)  # composed pixel for pixel (at --scale 2 the grab is 2×)
        shots.append(shot)
    gap = 16
    width = sum(s.width() for s in shots) + gap
    height = max(s.height() for s in shots)
    combined = QImage(width, height, QImage.Format.Format_ARGB32)
    combined.fill(QColor("#ffffff"))
    painter = QPainter(combined)
    painter.drawImage(0, 0, shots[0])
    painter.drawImage(shots[0].width() + gap, 0, shots[1])
    painter.end()
    path = ctx.tmp / "after_payment.png"
    combined.save(str(path))
    return path


def shot_registration_screen(ctx: Context) -> Path:
    """The whole screen with 报名报考 of a new examinee (two courses ticked), opened as the program opens it."""
    from PySide6.QtGui import QGuiApplication

    from desktop.i18n.tr import tr
    from desktop.shell.controller import bring_to_front
    from desktop.shell.session import UserSession
    from desktop.views.main_window import MainWindow

    _registration_window_open(ctx)
    session = UserSession(demo_login(ctx, "new"), watch_application=False)
    label = tr("内置演示服务 {netloc}").format(netloc=ctx.url.split("//", 1)[-1])
    window = MainWindow(ctx.client, ctx.runner, session, label)
    ctx.cleanups.append(session.stop)
    ctx.cleanups.append(window.close_quietly)
    window.show_on_screen()  # as the shell opens it (desktop/shell/controller.py)
    bring_to_front(window)
    page = window.show_page("报名报考")
    wait_until(lambda: page.overview is not None and not page.busy and not page.site_picker.loading)
    wait_until(lambda: page.site_picker.current_site() is not None and not ctx.runner.busy)
    for code in _two_courses(page):
        page.course_model.set_selected(code, True)
    page.course_picker.table.setFocus()
    settle(800)  # the window manager's frame and the layouts
    screen = window.screen() or QGuiApplication.primaryScreen()
    path = ctx.tmp / "registration_screen.png"
    grab = screen.grabWindow(0) if QGuiApplication.platformName() == "xcb" else window.grab()
    grab.save(str(path))
    return path


#: shots of the whole screen: name → (width, height, scale) of the virtual screen they run on
SCREEN_SHOTS: dict[str, tuple[int, int, float]] = {
    "registration_1366": (1366, 768, 1.0),
    "registration_200": (1920, 1080, 2.0),
}


SHOTS: list[tuple[str, Callable[[Context], QWidget | Path]]] = [
    ("login", shot_login),
    ("enrol", shot_enrol),
    ("personal_center", shot_personal_center),
    ("registration_select", shot_registration_select),
    ("payment", shot_payment),
    ("order_paid", shot_order_paid),
    ("receipt", shot_receipt),
    ("exam_info_before", shot_exam_info_before),
    ("exam_info", shot_exam_info),
    ("ticket", shot_ticket),
    ("scores", shot_scores),
    ("waiting_room", shot_waiting_room),
    ("plan_progress", shot_plan_progress),
    ("scores_plan", shot_scores_plan),
    ("transcript", shot_transcript),
    ("notices", shot_notices),
    ("calendar", shot_calendar),
    ("tester_panel", shot_tester_panel),
    ("staff_console", shot_staff_console),
    ("staff_queue", shot_staff_queue),
    ("audit_log", shot_audit_log),
    ("staff_queue_exemption", shot_staff_queue_exemption),
    ("admin_notices", shot_admin_notices),
    ("records_form", shot_records_form),
    ("records_history", shot_records_history),
    ("graduation_eligibility", shot_graduation_eligibility),
    ("graduation_application", shot_graduation_application),
    ("graduation_form", shot_graduation_form),
    # last: it pays for the midway examinee, whom earlier shots show before any payment
    ("after_payment", shot_after_payment),
    *((name, shot_registration_screen) for name in SCREEN_SHOTS),
]


# --- running ----------------------------------------------------------------------------------------


@contextmanager
def mock_server() -> Iterator[tuple[str, Path]]:
    from backend_mock.app import create_app
    from backend_mock.server import ServerThread
    from backend_mock.settings import Mode, Settings

    with tempfile.TemporaryDirectory(prefix="zikao-shots-") as tmp:
        app = create_app(f"sqlite:///{Path(tmp) / 'shots.db'}", Settings(mode=Mode.DEMO), seed_size=5)
        server = ServerThread(app).start()
        try:
            yield server.url, Path(tmp)
        finally:
            server.stop()
            app.state.engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these screenshots (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio, e.g. 2 for 200 %%")
    parser.add_argument("--out", type=Path, help="where to save (default docs/screenshots, English: its en/)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="the program's language (default zh)")
    parser.add_argument("--display", type=int, default=71, help="X display for the whole-screen shots (default :71)")
    parser.add_argument("--on-screen", action="store_true", help=argparse.SUPPRESS)  # inside a screen shot's X
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = OUT_DIR / "en" if args.lang == "en" else OUT_DIR
    if not args.on_screen:
        screens = [name for name in SCREEN_SHOTS if not args.names or name in args.names]
        others = [name for name in args.names if name not in SCREEN_SHOTS]
        for name in screens:
            if (code := screen_shot(name, args)) != 0:
                return code
        if args.names and not others:
            return 0
        args.names = others
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    from desktop.shell import translations
    from desktop.shell.app import configure_appearance, set_application_names

    set_application_names()
    app = QApplication([sys.argv[0]])
    configure_appearance(app)
    translations.install(app, args.lang)
    set_application_names()  # again: the display name in the language just installed

    wanted = [(name, fn) for name, fn in SHOTS if (name in args.names if args.names else name not in SCREEN_SHOTS)]
    args.out.mkdir(parents=True, exist_ok=True)
    runner = TaskRunner()
    with mock_server() as (url, tmp):
        for name, make in wanted:
            client = ApiClient(url)
            ctx = Context(url=url, client=client, runner=runner, tmp=tmp, scale=args.scale)
            try:
                made = make(ctx)
                suffix = "" if args.scale == 1.0 or args.on_screen else f"@{args.scale:g}x"
                path = args.out / f"{name}{suffix}.png"
                if isinstance(made, Path):  # an image made outside Qt (a rendered PDF page)
                    shutil.copyfile(made, path)
                else:
                    settle()
                    if not made.grab().save(str(path)):
                        raise OSError(f"could not write {path}")
                print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            finally:
                runner.wait()
                for cleanup in reversed(ctx.cleanups):
                    cleanup()
                client.close()
    runner.wait()
    del app
    return 0


def screen_shot(name: str, args: argparse.Namespace) -> int:
    """Run the whole-screen shot ``name`` in a child process on its own virtual screen."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from window_tour import x_server

    width, height, scale = SCREEN_SHOTS[name]
    if shutil.which("Xvfb") is None:
        print(f"skipped {name}: it needs Xvfb (a {width}×{height} screen)", file=sys.stderr)
        return 0
    with x_server(args.display, width, height) as env:
        env = {**env, "QT_SCALE_FACTOR": f"{scale:g}", "PYTHONPATH": str(ROOT)}
        command = [sys.executable, __file__, "--on-screen", "--lang", args.lang, "--out", str(args.out), name]
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
