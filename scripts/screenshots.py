"""Screenshots of the real windows with demo data, for the docs: ``python scripts/screenshots.py``.

Starts the mock backend on a temporary database, logs in through the client, builds the real
windows offscreen, waits until they have loaded and saves ``docs/screenshots/<name>.png``.

To add a screenshot, write a function ``shot_xxx(ctx) -> QWidget`` that returns the widget to grab
once it is ready (or the ``Path`` of an image it rendered itself, e.g. a PDF page through
``pdftoppm``), and add it to ``SHOTS``.  ``--scale 2`` renders at 200 % (checks high-DPI).
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

from PySide6.QtCore import QDeadlineTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.api import ApiClient
from desktop.api.types import LoginSession
from desktop.tasks import TaskRunner

ROOT = Path(__file__).resolve().parent.parent
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

    def login(self, account: str) -> LoginSession:
        from backend_mock.seed import DEMO_PASSWORD

        cap = self.client.auth.captcha()
        answer = self.client.mock.captcha_answer(cap.captcha_id)
        return self.client.auth.login(account, DEMO_PASSWORD, cap.captcha_id, answer)


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


def shot_personal_center(ctx: Context) -> QWidget:
    """The main window on 个人中心 of a demo examinee with a photo."""
    from backend_mock.seed.demo import DEMO_EXAMINEES
    from desktop.session import UserSession
    from desktop.views.main_window import MainWindow

    demo = next(d for d in DEMO_EXAMINEES if d.key == "bachelor_ready")
    session = UserSession(ctx.login(demo.exam_no), watch_application=False)
    host = ctx.url.split("//", 1)[-1]
    window = MainWindow(ctx.client, ctx.runner, session, f"内置演示服务 {host}")
    window.resize(1000, 680)
    window.show()
    page = window.page("个人中心")
    wait_until(lambda: page.profile is not None and not page.loading)
    ctx.cleanups.append(session.stop)
    ctx.cleanups.append(window.close_quietly)
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
    from backend_mock.seed.demo import DEMO_EXAMINEES
    from desktop.session import UserSession
    from desktop.views.main_window import MainWindow

    _registration_window_open(ctx)
    demo = next(d for d in DEMO_EXAMINEES if d.key == demo_key)
    session = UserSession(ctx.login(demo.exam_no), watch_application=False)
    host = ctx.url.split("//", 1)[-1]
    window = MainWindow(ctx.client, ctx.runner, session, f"内置演示服务 {host}")
    window.resize(1000, 760)
    window.show()
    page = window.page("报名报考")
    window.tabs.setCurrentWidget(page)
    wait_until(lambda: page.overview is not None and not page.busy and not page.site_picker.loading)
    wait_until(lambda: page.site_picker.current_site() is not None)
    ctx.cleanups.append(session.stop)
    ctx.cleanups.append(window.close_quietly)
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
    page.choose_scroll.verticalScrollBar().setValue(0)
    return window


def shot_receipt(ctx: Context) -> Path:
    """Page 1 of a 报考回执单 PDF (paid through the API), rendered with pdftoppm at 60 dpi (× scale)."""
    from backend_mock.seed.demo import DEMO_EXAMINEES
    from desktop import documents
    from desktop.views.registration.receipt import receipt_html

    _registration_window_open(ctx)
    client = ctx.client
    demo = next(d for d in DEMO_EXAMINEES if d.key == "midway")
    ctx.login(demo.exam_no)
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
    pdf = ctx.tmp / "receipt.pdf"
    documents.save_pdf(receipt_html(order, client.me.profile(), client.system.health().server_time), pdf)
    stem = ctx.tmp / "receipt"
    dpi = round(60 * ctx.scale)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )
    return stem.with_suffix(".png")


def _records_window(ctx: Context, demo_key: str) -> tuple[QWidget, Any]:
    """The main window of demo examinee ``demo_key`` on 考籍管理, loaded."""
    from backend_mock.seed.demo import DEMO_EXAMINEES
    from desktop.session import UserSession
    from desktop.views.main_window import MainWindow

    demo = next(d for d in DEMO_EXAMINEES if d.key == demo_key)
    session = UserSession(ctx.login(demo.exam_no), watch_application=False)
    host = ctx.url.split("//", 1)[-1]
    window = MainWindow(ctx.client, ctx.runner, session, f"内置演示服务 {host}")
    window.resize(1100, 800)
    window.show()
    page = window.page("考籍管理")
    window.tabs.setCurrentWidget(page)
    wait_until(lambda: page.context is not None and not page.loading)
    ctx.cleanups.append(session.stop)
    ctx.cleanups.append(window.close_quietly)
    return window, page


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
    from backend_mock.seed.demo import DEMO_EXAMINEES

    client = ctx.client
    ctx.login(next(d.exam_no for d in DEMO_EXAMINEES if d.key == "midway"))
    scan = _certificate_scan(ctx.tmp / "cet4.jpg").read_bytes()
    course = "00015"  # 英语(二), not passed yet by this demo examinee
    app = client.records.create(
        "exemption",
        {"course_code": course, "basis": "大学英语四级证书（CET-4，2019年6月，512分）"},
        [client.records.upload_bytes("CET4证书.jpg", scan).file_id],
    )
    no = client.records.submit(app.application_no).application_no
    reviewer = ApiClient(ctx.url)
    ctx.cleanups.append(reviewer.close)
    cap = reviewer.auth.captcha()
    answer = reviewer.mock.captcha_answer(cap.captcha_id)
    reviewer.auth.login("cs_reviewer", DEMO_PASSWORD, cap.captcha_id, answer, "staff")
    reviewer.records.review.start(no)
    reviewer.records.review.return_(no, "证书照片反光，成绩看不清，请重新拍摄后上传")
    files = [client.records.upload_bytes("CET4证书（重拍）.jpg", scan).file_id]
    client.records.save(no, dict(app.data), files)
    client.records.submit(no)
    reviewer.records.review.start(no)
    reviewer.records.review.approve(no, "已核验证书原件，同意免考")
    client.auth.logout()
    window, page = _records_window(ctx, "midway")
    page.select(no)
    wait_until(lambda: page.editor is not None and not ctx.runner.busy)
    return window


SHOTS: list[tuple[str, Callable[[Context], QWidget | Path]]] = [
    ("login", shot_login),
    ("enrol", shot_enrol),
    ("personal_center", shot_personal_center),
    ("registration_select", shot_registration_select),
    ("payment", shot_payment),
    ("order_paid", shot_order_paid),
    ("receipt", shot_receipt),
    ("records_form", shot_records_form),
    ("records_history", shot_records_history),
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
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    from desktop.app import configure_appearance, set_application_names

    set_application_names()
    app = QApplication([sys.argv[0]])
    configure_appearance(app)

    wanted = [(name, fn) for name, fn in SHOTS if not args.names or name in args.names]
    args.out.mkdir(parents=True, exist_ok=True)
    runner = TaskRunner()
    with mock_server() as (url, tmp):
        for name, make in wanted:
            client = ApiClient(url)
            ctx = Context(url=url, client=client, runner=runner, tmp=tmp, scale=args.scale)
            try:
                made = make(ctx)
                suffix = "" if args.scale == 1.0 else f"@{args.scale:g}x"
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


if __name__ == "__main__":
    sys.exit(main())
