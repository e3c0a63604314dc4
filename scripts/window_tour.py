"""Every window and dialog of the program, opened one after another: the tour the checks share.

``scripts/fit_check.py`` (does each window fit the screen?) and ``scripts/a11y_check.py`` (can a
screen reader name each control?) open the same windows the same way: login, forgot password,
enrolment, the main window of an examinee with every tab and sub-tab built, the staff console of
each staff role with its pages and dialogs, the tester panel, the cashier, the confirmations, the
account dialogs ...  against a real mock backend.  A ``Checker`` opens them and hands each window,
as it is shown, to its ``inspect`` function (what is wrong with it: a list of problems).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import timedelta
from pathlib import Path
from typing import Any

MIN_COURSE_ROWS = 8  # at 1366×768, maximised

#: what is wrong with a top-level window as it is shown now (empty: nothing)
Inspect = Callable[[Any], list[str]]


# --- the backend and the screen --------------------------------------------------------------------


def seed_database(path: Path) -> None:
    from backend_mock.app import create_app
    from backend_mock.settings import Mode, Settings

    app = create_app(f"sqlite:///{path}", Settings(mode=Mode.DEMO), seed_size=5)
    app.state.engine.dispose()


@contextmanager
def x_server(display: int, width: int, height: int) -> Iterator[dict[str, str]]:
    """Xvfb on ``:display`` at ``width``×``height`` with openbox; yields the environment for Qt."""
    socket = Path(f"/tmp/.X11-unix/X{display}")
    if socket.exists():
        raise RuntimeError(f"display :{display} is in use (choose another with --display)")
    xvfb = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wm: subprocess.Popen[bytes] | None = None
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            if xvfb.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb :{display} did not start")
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        if shutil.which("openbox"):
            wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.7)  # openbox takes over the root window
        yield env
    finally:
        for process in (wm, xvfb):
            if process is not None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@contextmanager
def offscreen_screen(tmp: Path, width: int, height: int) -> Iterator[dict[str, str]]:
    """Qt's offscreen platform with one screen of ``width``×``height`` (no window manager)."""
    config = tmp / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "fit", "x": 0, "y": 0, "width": width, "height": height}]}))
    yield {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}


# --- opening windows -------------------------------------------------------------------------------


class Checker:
    """Opens windows and checks them; collects the failures."""

    def __init__(self, url: str, runner: Any, label: str, inspect: Inspect, *, extras: bool = True) -> None:
        self.url = url
        self.inspect = inspect
        #: the scenarios' own findings about fitting (``extra``) count; the fit check wants them
        self.extras = extras
        self.runner = runner
        self.label = label
        self.windows = 0
        self.failures: list[tuple[str, list[str]]] = []
        self.cleanups: list[Callable[[], object]] = []
        self.client = self.new_client()

    def new_client(self) -> Any:
        from desktop.api import ApiClient

        client = ApiClient(self.url)
        self.cleanups.append(client.close)
        return client

    def cleanup(self) -> None:
        self.runner.wait()
        for step in reversed(self.cleanups):
            with suppress(Exception):
                step()
        self.cleanups.clear()
        settle(100)
        self.client = self.new_client()

    # --- waiting -------------------------------------------------------------------------------------
    def idle(self, timeout_ms: int = 20_000) -> None:
        wait_until(lambda: not self.runner.busy, timeout_ms)
        settle(250)

    def login(self, account: str, kind: str = "examinee") -> Any:
        from backend_mock.seed import DEMO_PASSWORD

        cap = self.client.auth.captcha()
        answer = self.client.mock.captcha_answer(cap.captcha_id)
        return self.client.auth.login(account, DEMO_PASSWORD, cap.captcha_id, answer, kind=kind)

    # --- checking ------------------------------------------------------------------------------------
    def check(self, name: str, window: Any, extra: list[str] | None = None) -> None:
        """Check the top-level ``window`` as it is now; count it."""
        settle_window(window)
        self.windows += 1
        problems = list(extra or []) if self.extras else []
        if not window.isVisible():
            problems.append("closed itself before it could be checked")
        problems += self.inspect(window)
        print(f"checked {name}: {len(problems)} problems", flush=True)
        if problems:
            self.failures.append((name, problems))

    def opened(self, before: set[int], timeout_ms: int = 10_000) -> Any:
        """The window that appeared since ``before`` (ids of the visible top-level widgets)."""
        found: list[Any] = []

        def appeared() -> bool:
            found[:] = [w for w in visible_windows() if id(w) not in before and not w.geometry().isEmpty()]
            return bool(found)

        wait_until(appeared, timeout_ms)
        return found[-1]

    def main_window(self, login: Any) -> Any:
        """The main window for ``login``, opened the way the program opens it."""
        from desktop.i18n.tr import tr
        from desktop.shell.controller import bring_to_front
        from desktop.shell.session import UserSession
        from desktop.views.main_window import MainWindow

        session = UserSession(login, watch_application=False)
        server = tr("内置演示服务 {netloc}").format(netloc=self.url.split("//", 1)[-1])  # as the shell names it
        window = MainWindow(self.client, self.runner, session, server)
        self.cleanups.append(session.stop)
        self.cleanups.append(window.close_quietly)
        show = getattr(window, "show_on_screen", None)  # as the shell opens it (desktop/shell/controller.py)
        if show is not None:
            show()
        bring_to_front(window)
        self.idle()
        return window

    def every_tab(self, window: Any, prefix: str, after: Callable[[str, Any], None] | None = None) -> None:
        """Show each tab of ``window`` (and each sub-tab of its page), check the window on each."""
        from PySide6.QtWidgets import QTabWidget

        for title in window.titles:
            page = window.show_page(title)
            self.idle()
            self.check(f"{prefix}·{title}", window)
            for tabs in page.findChildren(QTabWidget):
                if not tabs.isVisibleTo(window):
                    continue
                for index in range(1, tabs.count()):
                    tabs.setCurrentIndex(index)
                    self.idle()
                    self.check(f"{prefix}·{title}·{tabs.tabText(index).split('(')[0]}", window)
                tabs.setCurrentIndex(0)
            if after is not None:
                after(title, page)

    def dialog(self, name: str, open_it: Callable[[], object], close: Callable[[Any], object] | None = None) -> Any:
        """Open a window with ``open_it`` (returns anything), check the window that appeared, close it."""
        before = {id(w) for w in visible_windows()}
        open_it()
        dialog = self.opened(before)
        self.idle()
        self.check(name, dialog)
        if close is not None:
            close(dialog)
        else:
            dialog.close()
        settle(100)
        return dialog


def visible_windows() -> list[Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog)
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowType() in kinds]


def wait_until(condition: Callable[[], bool], timeout_ms: int = 15_000) -> None:
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("the window did not finish loading")
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle_window(window: Any) -> None:
    """Wait until the window manager has placed and framed ``window`` (and layouts settled)."""
    handle = window.windowHandle()
    with suppress(TimeoutError):  # a window that never gets there is reported by the checks
        wait_until(lambda: window.isVisible() and window.frameGeometry().width() > 0, 5000)
        wait_until(lambda: handle is None or handle.isExposed(), 3000)
    last = None
    for _ in range(20):
        settle(100)
        now = (window.frameGeometry().getRect(), window.geometry().getRect())
        if now == last:
            return
        last = now


def describe(widget: Any) -> str:
    text = getattr(widget, "text", None)
    label = text().replace("&", "") if callable(text) else ""
    return label or widget.accessibleName() or widget.objectName() or type(widget).__name__


def rect_text(rect: Any) -> str:
    return f"{rect.width()}×{rect.height()}+{rect.x()}+{rect.y()}"


# --- the windows ------------------------------------------------------------------------------------


def open_registration_window(c: Checker) -> None:
    """Freeze the server clock in phase 2 of the upcoming session's registration window."""
    cal = c.client.system.calendar()
    session = cal.session(cal.upcoming)
    at = (session.phase1_close + timedelta(days=1)).replace(hour=10, minute=30)
    c.client.mock.set_clock(at, frozen=True)
    reset = c.client.mock.reset_clock
    c.cleanups.insert(1, reset)  # before the client closes (cleanups run last first)


def scenario_login(c: Checker) -> None:
    from desktop.shell.controller import bring_to_front
    from desktop.views.login_dialog import LoginDialog

    dialog = LoginDialog(c.runner, demo_mode_hint=True)
    c.cleanups.append(dialog.close)
    bring_to_front(dialog)
    settle(200)
    c.check("登录（启动中）", dialog)
    dialog.set_backend(c.client, c.client.system.health())
    wait_until(lambda: dialog.captcha_id is not None and not dialog.busy and dialog.demo_table.rowCount() > 0)
    c.check("登录", dialog)
    dialog.account_edit.setText("cs_clerk")
    dialog.staff_radio.setChecked(True)
    dialog.account_edit.setText("cs_clerk")
    dialog.password_edit.setText("wrong-password")
    dialog.captcha_edit.setText(c.client.mock.captcha_answer(dialog.captcha_id))
    dialog.submit()
    wait_until(lambda: not dialog.busy and bool(dialog.error_text()) and dialog.captcha_id is not None)
    c.check("登录（密码错误后）", dialog)
    dialog.examinee_radio.setChecked(True)
    c.dialog("忘记密码", dialog.open_forgot_password)

    def enrol_query(enrol: Any) -> None:
        enrol.show_query(id_number="")
        c.check("新生报名·查询报名结果", enrol)
        enrol.close()

    c.dialog("新生报名", dialog.open_enrolment, enrol_query)
    c.dialog("设置", lambda: settings_dialog(c, dialog).open(), lambda box: box.reject())


def settings_dialog(c: Checker, parent: Any) -> Any:
    """设置 over ``parent``, with settings in a folder of its own (the tester's stay untouched)."""
    import tempfile

    from desktop.core.settings import AppSettings
    from desktop.views.settings_dialog import SettingsDialog

    folder = tempfile.TemporaryDirectory(prefix="zikao-tour-settings-")
    c.cleanups.append(folder.cleanup)
    return SettingsDialog(AppSettings.in_directory(Path(folder.name)), parent)


def scenario_tester(c: Checker) -> None:
    from desktop.shell.controller import bring_to_front
    from desktop.views.tester.panel import TesterPanel

    panel = TesterPanel(c.client, c.runner)
    c.cleanups.append(panel.close)
    bring_to_front(panel)
    wait_until(lambda: panel.clock_box.jump_buttons != {} and panel.scenario_box.combo.count() > 0)
    c.idle()
    c.check("测试人员控制台", panel)


def course_rows(page: Any) -> int:
    table = page.course_picker.table
    row = table.rowHeight(0) if table.model().rowCount() else table.verticalHeader().defaultSectionSize()
    return table.viewport().height() // max(1, row)


def scenario_examinee(c: Checker) -> None:
    from backend_mock.seed.demo import DEMO_EXAMINEES

    open_registration_window(c)
    demo = next(d for d in DEMO_EXAMINEES if d.key == "midway")
    window = c.main_window(c.login(demo.exam_no))

    def after(title: str, page: Any) -> None:
        if title == "个人中心":
            c.dialog("修改手机号", page.open_change_phone)
            c.dialog("修改密码", page.open_change_password)
            c.dialog("上传照片", page.open_upload_photo)
        elif title == "成绩管理":
            c.dialog("申请成绩复核", page.open_review_dialog)
        elif title == "考籍管理":
            page.create("exemption")
            wait_until(lambda: page.editor is not None)
            c.idle()
            c.check("主窗口·考籍管理·新建申请", window)

    c.every_tab(window, "考生主窗口", after)
    registration(c, window)

    from desktop.shell.session import IdleWarningDialog

    idle = IdleWarningDialog(window)
    idle.set_seconds(60)
    c.cleanups.append(idle.close)
    c.dialog("即将自动退出", idle.open)


def registration(c: Checker, window: Any) -> None:
    page = window.show_page("报名报考")
    page.sub_tabs.setCurrentIndex(0)
    c.idle()
    wait_until(lambda: page.site_picker.current_site() is not None and not page.site_picker.loading)
    chosen: list[str] = []
    slots: set[str] = set()
    for course in page.course_model.courses:
        if course.registrable and course.slot and course.slot not in slots and len(chosen) < 2:
            chosen.append(course.code)
            slots.add(course.slot)
    for code in chosen:
        page.course_model.set_selected(code, True)
    c.idle()
    c.check("考生主窗口·报名报考（已选课程）", window)
    if c.label.startswith("1366×768@1"):
        window.showMaximized()
        c.idle()
        rows = course_rows(page)
        extra = [f"the course list shows {rows} rows (at least {MIN_COURSE_ROWS})"] if rows < MIN_COURSE_ROWS else []
        c.check("考生主窗口·报名报考（最大化）", window, extra)
        window.showNormal()
        c.idle()
    c.dialog("确认报考", page.open_confirm, lambda dialog: dialog.accept())
    wait_until(lambda: page.current_panel.order is not None and not page.busy)
    c.idle()
    c.check("考生主窗口·报名报考（待支付）", window)
    order_no = page.current_panel.order.order_no
    c.dialog("取消订单（确认）", lambda: page.ask_cancel(order_no), lambda box: box.reject())
    before = {id(w) for w in visible_windows()}
    page.start_payment(order_no, "alipay")
    cashier = c.opened(before)
    c.idle()
    c.check("收银台", cashier)
    pay = [b for b in page.current_panel.findChildren(type(page.confirm_button)) if b.isVisibleTo(window)]
    shown = [b for b in pay if not b.visibleRegion().isEmpty()]
    extra = [] if shown or not pay else ["the order card is scrolled out of view while the cashier is open"]
    cashier.reject()
    c.idle()
    c.check("考生主窗口·报名报考（收银台关闭后）", window, extra)


def scenario_one_time_password(c: Checker) -> None:
    from desktop.shell.controller import bring_to_front
    from desktop.views.account_dialogs import OneTimePasswordChangeDialog

    dialog = OneTimePasswordChangeDialog(c.client, c.runner)
    c.cleanups.append(dialog.close)
    bring_to_front(dialog)
    c.check("设置新密码（一次性密码登录后）", dialog)


def scenario_clerk(c: Checker) -> None:
    from desktop.i18n.tr import tr
    from desktop.views.staff.dialogs import ReasonDialog, SecretDialog, VerifyDialog

    window = c.main_window(c.login("cs_clerk", kind="staff"))
    c.every_tab(window, "柜台人员主窗口")
    counter = window.show_page("柜台")
    c.dialog("核验身份", lambda: VerifyDialog(counter).open())
    # the dialogs with the texts the counter page gives them (desktop/views/staff/counter.py)
    why = tr("查看完整身份证号会记入审计日志。请填写查看原因（例如：考生本人核对报名信息）：")
    c.dialog("查看完整身份证号", lambda: ReasonDialog(tr("查看完整身份证号"), why, tr("查看"), counter).open())
    # the message is the server's (in the language asked for); the tour writes an English one
    secret = (tr("临时密码"), tr("临时密码（只显示这一次）："), "Ab3dE5fG", "Tell the examinee in person.")
    c.dialog("临时密码", lambda: SecretDialog(*secret, counter).open())


def scenario_reviewer(c: Checker) -> None:
    from desktop.i18n.tr import tr
    from desktop.views.staff.dialogs import ReasonDialog, ScoreCorrectionDialog
    from desktop.views.staff.queues import decision_text

    window = c.main_window(c.login("cs_reviewer", kind="staff"))
    c.every_tab(window, "审核员主窗口")
    queues = window.show_page("审核队列")
    # the dialogs with the texts the queues give them (desktop/views/staff/queues.py); 张三: a name
    what = decision_text("return")
    title = tr("{what}：{name}").format(what=what, name="张三")
    reason = (title, tr("请填写{what}的原因，申请人会看到它：").format(what=what), what)
    c.dialog("退回（原因）", lambda: ReasonDialog(*reason, queues).open())
    correct = tr("{what}：{name}").format(what=decision_text("correct"), name="张三")
    c.dialog("成绩更正", lambda: ScoreCorrectionDialog(correct, 58, queues).open())


def scenario_admin(c: Checker) -> None:
    window = c.main_window(c.login("admin", kind="staff"))
    c.every_tab(window, "管理员主窗口")
    admin = window.show_page("管理")
    admin.tabs.setCurrentWidget(admin.accounts)
    c.idle()
    c.dialog("新建工作人员账号", admin.accounts.new_account)
    admin.tabs.setCurrentWidget(admin.notices)
    c.idle()
    c.dialog("发布新通知", lambda: admin.notices.open_editor(None))


SCENARIOS: tuple[tuple[str, Callable[[Checker], None]], ...] = (
    ("login", scenario_login),
    ("tester", scenario_tester),
    ("examinee", scenario_examinee),
    ("one_time_password", scenario_one_time_password),
    ("clerk", scenario_clerk),
    ("reviewer", scenario_reviewer),
    ("admin", scenario_admin),
)


def run_scenarios(checker: Checker, only: list[str] | None = None) -> None:
    """Every scenario of ``SCENARIOS`` (or ``only`` these); a scenario that breaks is a failure."""
    import traceback

    for name, scenario in SCENARIOS:
        if only and name not in only:
            continue
        try:
            scenario(checker)
        except Exception as exc:  # a scenario that breaks is a finding, not the end of the run
            where = traceback.extract_tb(exc.__traceback__)
            at = " < ".join(f"{f.name}:{f.lineno}" for f in reversed(where) if f.filename == __file__)
            checker.failures.append((f"[{name}]", [f"could not be checked: {exc!r} at {at}"]))
        finally:
            checker.cleanup()


def tour(db: Path, label: str, inspect: Inspect, only: list[str] | None = None, *, extras: bool = True) -> Checker:
    """In this process's QApplication: a demo backend on ``db``, every window handed to ``inspect``."""
    from backend_mock.app import create_app
    from backend_mock.server import ServerThread
    from backend_mock.settings import Mode, Settings
    from desktop.core.tasks import TaskRunner

    backend = create_app(f"sqlite:///{db}", Settings(mode=Mode.DEMO), seed_size=None)
    server = ServerThread(backend).start()
    checker = Checker(server.url, TaskRunner(), label, inspect, extras=extras)
    try:
        run_scenarios(checker, only)
    finally:
        checker.runner.wait()
        server.stop()
        backend.state.engine.dispose()
    return checker
