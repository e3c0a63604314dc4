"""Responsiveness figures of the desktop client (figures, not pass/fail).

The real shell is driven as a person would: ``AppController`` shows the ``LoginDialog``, the
script types a demo examinee's account, password and captcha (the answer comes from the server's
tester controls) and clicks 登录; the ``MainWindow`` opens; every tab is shown once; 退出登录.

Backends: the embedded one (``desktop.shell.embedded``: a child process, started by the controller
as the program does, in a temporary data directory) and a separate process
(``python -m backend_mock --port P --db sqlite:///... --mode demo`` on a free port).  Each at 0
and at 150 ms injected latency (the tester latency control, ``PUT /mock/latency``).  The server
clock is moved (running, not frozen) into phase 2 of the upcoming session before the first login
so that 报名报考 can take an order.

Figures, per backend and latency:

- ``gap``: the largest interval between two ticks of a 5 ms ``QTimer`` on the GUI thread, while
  logging in (click on 登录 → first tab displayed and no request left) and while each tab is
  first shown (tab switch → data displayed, no request left, and 100 ms more for painting);
- ``time``: from the tab switch to the data displayed (a ``ModulePage``: its ``loaded`` signal /
  ``state``; a page not yet converted: ``self_test.page_state`` is "ok" and the runner is idle).
  For the first tab, from the main window opening;
- ``ratio``: ``time`` / the ideal: one round trip (the median time of one cheap ``GET /health``
  at that latency, measured in the same run) + the server time of the screen (the longest
  ``Server-Timing`` duration among its requests: requests sent at once share the server, so the
  last one answered has waited for the others' work, about what one request doing it all takes);
- ``req`` / ``depth``: the requests (``ApiClient.request``, wrapped) started in that span and
  their serial depth: the longest chain in which each request starts after the previous one
  ended (interval scheduling, greedy by end time);
- the program's first login (imports of the page modules, first use of icons and fonts) is
  reported on its own, before the same figures of a later login;
- the same for the actions of 报名报考, driven through the page's methods: create order
  (``submit_order``), start payment (``start_payment``), confirm payment (``PaymentDialog.confirm``
  → the order shows 已交费).  These run as another demo examinee per latency (an order is made
  once per examinee);
- RSS of this process after N cycles of login → every tab → logout (gc between cycles), against
  the separate-process backend so that the server's memory is not counted; growth per cycle is
  the slope of a least-squares fit over cycles 5..N.  Beside it, the number of objects the
  garbage collector tracks and of live QWidgets after each cycle (a Python-side leak shows there
  even when the allocator hides it from the RSS).

On trees where the main window builds every page at login (before the desktop core), pages that
load at login are counted in the login row and show almost no time or requests of their own.

The last line sums up the worst figures of the run::

    responsiveness: login_stall_ms=N worst_tab_ratio_150=R max_serial_depth=D rss_growth_mib_per_cycle=G

Usage::

    python benchmarks/responsiveness.py            # both backends, 0 and 150 ms, 20 RSS cycles
    python benchmarks/responsiveness.py --quick    # < 3 min on 2 cores: see below

A full run logs in three times per backend and latency (``--repeat``): each row gives the median
time and ratio of the three first visits and the largest gap and depth of any of them (one
machine shared with other work gives noisy single figures).  ``max_serial_depth`` is the
deepest of the tabs and actions (the goal's rows); the login row shows its own.

``--quick`` (about 1 min here) logs in once per configuration, keeps both backends at 150 ms (the ratio) but drops the
separate-process backend at 0 ms, runs 6 RSS cycles instead of 20 and fits the RSS slope over
cycles 2..6 instead of 5..20.  ``--cycles N`` sets the number of RSS cycles.

It runs offscreen (``QT_QPA_PLATFORM=offscreen``) unless ``DISPLAY`` is set (then on that X
server) or ``QT_QPA_PLATFORM`` says otherwise.  The script also runs on older trees of the
program (``desktop.controller`` instead of ``desktop.shell.controller`` ...): imports fall back.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import math
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


def _in_tree(name: str) -> bool:
    """Is module ``name`` part of this tree?  (An editable install may map ``desktop.*`` elsewhere.)"""
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _module(*names: str) -> Any:
    """The first of ``names`` in this tree (the layout of ``desktop/`` changed over time)."""
    for name in names:
        if _in_tree(name):
            return importlib.import_module(name)
    raise ModuleNotFoundError(names[0])


LATENCIES = (0, 150)
TICK_MS = 5
SETTLE_S = 0.1  # after a tab's data is displayed: painting and layouts still count
WAIT_S = 60.0
TABS_ACCOUNT = "midway"  # the demo examinee whose tabs are visited (a history, scores, records)
ACTION_ACCOUNTS = {0: "new", 150: "exempted"}  # one order per examinee
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


class Timeout(Exception):
    pass


# --- the GUI thread's pulse --------------------------------------------------------------------------
class Ticker:
    """A 5 ms timer on the GUI thread; ``end()`` gives the largest interval since ``begin()``."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.last = time.perf_counter()
        self.max_gap = 0.0
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def begin(self) -> None:
        self.last = time.perf_counter()
        self.max_gap = 0.0

    def end(self) -> float:
        self.tick()
        return self.max_gap * 1000


def wait_until(predicate: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> float:
    """Run a (nested) event loop until ``predicate()``; returns when it held (perf_counter)."""
    if predicate():
        return time.perf_counter()
    loop = QEventLoop()
    outcome: dict[str, float] = {}
    deadline = time.perf_counter() + timeout_s

    def check() -> None:
        if "at" in outcome or "timeout" in outcome:
            return
        try:
            held = predicate()
        except Exception:  # a widget deleted meanwhile: look again
            held = False
        if held:
            outcome["at"] = time.perf_counter()
            loop.quit()
        elif time.perf_counter() > deadline:
            outcome["timeout"] = 1.0
            loop.quit()

    checker = QTimer()
    checker.setTimerType(Qt.TimerType.PreciseTimer)
    checker.setInterval(TICK_MS)
    checker.timeout.connect(check)
    checker.start()
    loop.exec()
    checker.stop()
    if "at" not in outcome:
        raise Timeout(f"timed out after {timeout_s:.0f} s waiting for {what}")
    return outcome["at"]


def pause(seconds: float) -> None:
    end = time.perf_counter() + seconds
    wait_until(lambda: time.perf_counter() >= end, "a pause")


# --- requests ----------------------------------------------------------------------------------------
Call = tuple[float, float, str, str, float]  # start, end, method, path, server ms (Server-Timing)
_seen = threading.local()  # the Server-Timing durations of the answers this thread received


def _server_ms(value: str) -> float:
    """``app;dur=12.5`` → 12.5 (0 when the server does not say)."""
    for part in value.split(";"):
        name, _, number = part.strip().partition("=")
        if name == "dur":
            try:
                return float(number)
            except ValueError:
                return 0.0
    return 0.0


class Recorder:
    """Wraps ``ApiClient.request``: every request of a tracked client, with its start and end and
    the server's own time for it (its ``Server-Timing`` header, read off ``requests``)."""

    def __init__(self, client_cls: Any) -> None:
        self.calls: list[Call] = []
        self.tracked: set[int] = set()
        original = client_cls.request
        recorder = self
        session_request = requests.Session.request

        def http(session: Any, *args: Any, **kwargs: Any) -> Any:
            response = session_request(session, *args, **kwargs)
            durations = getattr(_seen, "durations", None)
            if durations is not None:
                durations.append(_server_ms(response.headers.get("Server-Timing", "")))
            return response

        requests.Session.request = http  # type: ignore[method-assign]

        def request(client: Any, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
            if id(client) not in recorder.tracked:
                return original(client, method, path, *args, **kwargs)
            start = time.perf_counter()
            _seen.durations = []
            try:
                return original(client, method, path, *args, **kwargs)
            finally:
                server = sum(_seen.durations)
                _seen.durations = None
                recorder.calls.append((start, time.perf_counter(), method, path, server))

        client_cls.request = request

    def track(self, client: Any) -> None:
        self.tracked = {id(client)}

    def between(self, start: float, end: float) -> list[Call]:
        return [c for c in list(self.calls) if start <= c[0] <= end]


def server_time(calls: list[Call]) -> float:
    """The server's time for a screen's ``calls``: the longest ``Server-Timing`` among them.

    Requests sent at once share the server (one worker, one database): the last one to be
    answered has waited for the work of the others, so the longest is about the time one request
    doing all of that work would take.  (The sum would count the waiting twice.)
    """
    return max((c[4] for c in calls), default=0.0)


def serial_depth(calls: list[Call]) -> int:
    """The most requests that form a chain, each starting after the previous one ended."""
    depth, last_end = 0, -math.inf
    for start, end, *_ in sorted(calls, key=lambda c: c[1]):
        if start >= last_end:
            depth += 1
            last_end = end
    return depth


# --- the program ---------------------------------------------------------------------------------------
@dataclass
class Program:
    """The modules of this tree of the program (old trees: other module paths)."""

    controller: Any = field(default_factory=lambda: _module("desktop.shell.controller", "desktop.controller"))
    app: Any = field(default_factory=lambda: _module("desktop.shell.app", "desktop.app"))
    settings: Any = field(default_factory=lambda: _module("desktop.core.settings", "desktop.settings"))
    tasks: Any = field(default_factory=lambda: _module("desktop.core.tasks", "desktop.tasks"))
    self_test: Any = field(default_factory=lambda: _module("desktop.shell.self_test", "desktop.self_test"))
    client: Any = field(default_factory=lambda: _module("desktop.api.client"))
    module_page: Any = None

    def __post_init__(self) -> None:
        page = _module("desktop.views.page") if _in_tree("desktop.views.page") else None
        self.module_page = getattr(page, "ModulePage", None)


@dataclass
class Row:
    what: str
    gap_ms: float
    time_ms: float | None = None
    ratio: float | None = None
    requests: int = 0
    depth: int = 0
    note: str = ""
    is_tab: bool = False


@dataclass
class Config:
    backend: str
    latency: int
    ideal_ms: float = 0.0  # one round trip: the median GET /health at this latency
    rows: list[Row] = field(default_factory=list)

    def ideal(self, calls: list[Call]) -> float:
        """One round trip + the server's time for what the screen asked (its ``Server-Timing``)."""
        return self.ideal_ms + server_time(calls)


class Bench:
    def __init__(self, program: Program, work: Path) -> None:
        self.p = program
        self.work = work
        self.ticker = Ticker()
        self.recorder = Recorder(program.client.ApiClient)
        self.controller: Any = None
        self.helper: Any = None
        self.accounts: dict[str, tuple[str, str]] = {}  # key -> (account, password)
        self.process: subprocess.Popen[bytes] | None = None
        self.objects: list[tuple[int, int]] = []  # after each RSS cycle: Python objects, QWidgets

    # --- backends ------------------------------------------------------------------------------------
    def start_controller(self, kind: str) -> None:
        data_dir = self.work / kind
        data_dir.mkdir(parents=True, exist_ok=True)
        url: str | None = None
        if kind == "process":
            url = self._start_process(data_dir)
        ini = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        settings = self.p.settings.AppSettings(ini)
        runner = self.p.tasks.TaskRunner()
        self.controller = self.p.controller.AppController(settings, data_dir, url, runner=runner)
        self.controller.start()
        wait_until(lambda: self.controller.client is not None, "the client", 180)
        client = self.controller.client
        self.recorder.track(client)
        dialog = self.controller.login_dialog
        wait_until(lambda: dialog.is_ready, "the backend", 180)
        # the embedded backend answers only the program's secret (a separate process needs none)
        self.helper = self.p.client.ApiClient(client.base_url, secret=getattr(client, "secret", None))
        self._learn_accounts()
        self._into_registration_window()

    def _start_process(self, data_dir: Path) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        db = data_dir / "process.db"
        log = (data_dir / "backend.log").open("wb")
        cmd = [sys.executable, "-m", "backend_mock", "--port", str(port), "--db", f"sqlite:///{db}", "--mode", "demo"]
        self.process = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        probe = self.p.client.ApiClient(url, retries=0)
        deadline = time.monotonic() + 180
        try:
            while True:
                try:
                    probe.system.health()
                    return url
                except Exception as exc:
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        log_name = data_dir / "backend.log"
                        raise RuntimeError(f"the backend process did not start: see {log_name}") from exc
                    time.sleep(0.2)
        finally:
            probe.close()

    def stop_controller(self) -> None:
        if self.controller is not None:
            self.controller.shutdown()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()
            self.controller = None
        if self.helper is not None:
            self.helper.close()
            self.helper = None
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def _learn_accounts(self) -> None:
        from backend_mock.seed.demo import DEMO_EXAMINEES

        passwords = {a.account: a.password for a in self.helper.system.demo_accounts() if a.kind == "examinee"}
        for examinee in DEMO_EXAMINEES:
            if examinee.exam_no in passwords:
                self.accounts[examinee.key] = (examinee.exam_no, passwords[examinee.exam_no])

    def _into_registration_window(self) -> None:
        calendar = self.helper.system.calendar()
        upcoming = calendar.session(calendar.upcoming)
        if upcoming is None:
            return
        at = (upcoming.phase1_close + timedelta(days=1)).replace(hour=10, minute=0)
        self.helper.mock.set_clock(at, frozen=False)  # running: the client's clock offset stays put
        dialog = self.controller.login_dialog
        dialog.load_captcha()  # the one shown was made before the clock moved: expired now
        wait_until(lambda: dialog.captcha_id is not None and self.idle(), "a new captcha")

    def set_latency(self, ms: int) -> float:
        """Set the injected latency; return the ideal (median GET /health) in ms."""
        self.helper.mock.set_latency(ms)
        self.helper.system.health()  # a warm connection
        times = []
        for _ in range(5):
            start = time.perf_counter()
            self.helper.system.health()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    # --- the shell ---------------------------------------------------------------------------------------
    @property
    def runner(self) -> Any:
        return self.controller.runner

    def idle(self) -> bool:
        return not self.runner.busy

    def page_done(self, page: QWidget) -> str | None:
        """None while ``page`` loads; "ok" or why it failed."""
        mp = self.p.module_page
        if mp is not None and isinstance(page, mp):
            if page.state == "loaded":
                return "ok"
            if page.state in ("failed", "offline"):
                return page.state_label.text() or page.state
            return None
        return self.p.self_test.page_state(page, self.runner)

    def log_in(self, key: str, config: Config | None) -> Any:
        account, password = self.accounts[key]
        dialog = self.controller.login_dialog
        wait_until(lambda: dialog.is_ready and dialog.captcha_id is not None and self.idle(), "the login dialog")
        answer = self.helper.mock.captcha_answer(dialog.captcha_id)
        dialog.examinee_radio.setChecked(True)
        dialog.account_edit.setText(account)
        dialog.password_edit.setText(password)
        dialog.captcha_edit.setText(answer)
        opened: list[tuple[Any, float]] = []

        def on_opened(window: Any) -> None:
            opened.append((window, time.perf_counter()))

        self.controller.main_window_opened.connect(on_opened)
        marks: dict[str, float] = {}

        def click() -> None:
            marks["t0"] = time.perf_counter()
            dialog.login_button.click()

        self.ticker.begin()
        QTimer.singleShot(0, click)
        try:
            wait_until(lambda: bool(opened) or bool(dialog.error_text()), "the main window")
            if not opened:
                raise RuntimeError(f"login of {account} failed: {dialog.error_text()}")
        finally:
            self.controller.main_window_opened.disconnect(on_opened)
        window, t_open = opened[0]
        title = window.tabs.tabText(window.tabs.currentIndex())
        page = window.pages[title]
        shown = self._wait_page(page)
        t_idle = wait_until(self.idle, "the login's requests")
        pause(SETTLE_S)
        gap = self.ticker.end()
        if config is not None:
            calls = self.recorder.between(marks["t0"], t_idle)
            total = (t_idle - marks["t0"]) * 1000
            config.rows.append(Row("登录 (login)", gap, total, None, len(calls), serial_depth(calls)))
            t_shown, state = shown
            # the first tab is shown with the window, right after the login's answer
            answers = [c[1] for c in self.recorder.between(marks["t0"], t_open) if c[3].startswith("/auth/login")]
            t_open = answers[-1] if answers else t_open
            calls = self.recorder.between(t_open, t_idle)
            tab_ms = (t_shown - t_open) * 1000
            config.rows.append(
                Row(
                    title,
                    gap,
                    tab_ms,
                    tab_ms / config.ideal(calls),
                    len(calls),
                    serial_depth(calls),
                    _note(state),
                    True,
                )
            )
        return window

    def _wait_page(self, page: QWidget) -> tuple[float, str]:
        loaded: list[float] = []
        signal = getattr(page, "loaded", None)
        if signal is not None and self.p.module_page is not None and isinstance(page, self.p.module_page):
            signal.connect(lambda: loaded.append(time.perf_counter()))
        states: list[str] = []

        def done() -> bool:
            if not page.isVisible():  # a page added to a shown tab is shown once the event loop ran
                return False
            state = self.page_done(page)
            if state is None:
                return False
            states.append(state)
            return True

        at = wait_until(done, f"the page {page.objectName()}")
        return (loaded[0] if loaded else at), states[-1]

    def visit(self, window: Any, index: int, config: Config | None) -> None:
        title = window.tabs.tabText(index)
        marks: dict[str, float] = {}

        def switch() -> None:
            marks["t0"] = time.perf_counter()
            window.tabs.setCurrentIndex(index)

        self.ticker.begin()
        QTimer.singleShot(0, switch)
        wait_until(lambda: "t0" in marks and title in window.pages, f"the tab {title}")
        page = window.pages[title]
        t_shown, state = self._wait_page(page)
        t_idle = wait_until(self.idle, f"the requests of {title}")
        pause(SETTLE_S)
        gap = self.ticker.end()
        if config is not None:
            calls = self.recorder.between(marks["t0"], t_idle)
            ms = (t_shown - marks["t0"]) * 1000
            config.rows.append(
                Row(title, gap, ms, ms / config.ideal(calls), len(calls), serial_depth(calls), _note(state), True)
            )

    def log_out(self, window: Any) -> None:
        import shiboken6

        dialog = self.controller.login_dialog
        window.logout_action.trigger()
        wait_until(lambda: self.controller.main_window is None and not shiboken6.isValid(window), "the logout")
        wait_until(lambda: dialog.captcha_id is not None and self.idle(), "the login dialog after logout")

    def every_tab(self, window: Any, config: Config | None) -> None:
        for index in range(window.tabs.count()):
            if index != window.tabs.currentIndex():
                self.visit(window, index, config)

    # --- 报名报考 actions ------------------------------------------------------------------------------
    def actions(self, config: Config) -> None:
        key = ACTION_ACCOUNTS[config.latency]
        window = self.log_in(key, None)
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        if "报名报考" not in titles:
            config.rows.append(Row("报名报考 actions", 0, note="no 报名报考 tab"))
            self.log_out(window)
            return
        self.visit(window, titles.index("报名报考"), None)
        page = window.pages["报名报考"]
        picker = getattr(page, "site_picker", None)
        try:
            if picker is not None:
                wait_until(lambda: picker.current_site() is not None and not picker.loading, "a site")
                site = picker.current_site()
            codes = _two_courses(page)
            submit, start_payment = getattr(page, "submit_order", None), getattr(page, "start_payment", None)
            if picker is None or not codes or submit is None or start_payment is None:
                raise Timeout("the page has no site picker, no registrable course or no submit_order/start_payment")

            def created() -> bool:
                panel = getattr(page, "current_panel", None)
                return panel is not None and panel.order is not None and self.idle() and not page.loading

            self._action(config, "下单 (create order)", lambda: submit(site.id, codes), created)
            order_no = page.current_panel.order.order_no

            def payment_open() -> bool:
                dialog = getattr(page, "payment_dialog", None)
                return dialog is not None and dialog.isVisible() and self.idle()

            self._action(config, "去支付 (start payment)", lambda: start_payment(order_no, "alipay"), payment_open)
            dialog = page.payment_dialog

            def paid() -> bool:
                order = page.order(order_no)
                return order is not None and order.status == "paid" and self.idle() and not page.loading

            self._action(config, "确认支付 (confirm payment)", dialog.confirm, paid)
        except Timeout as exc:
            config.rows.append(Row("报名报考 actions", 0, note=f"not measured: {exc}"))
        self.log_out(window)

    def _action(self, config: Config, what: str, act: Callable[[], None], done: Callable[[], bool]) -> None:
        marks: dict[str, float] = {}

        def go() -> None:
            marks["t0"] = time.perf_counter()
            act()

        self.ticker.begin()
        QTimer.singleShot(0, go)
        at = wait_until(lambda: "t0" in marks and done(), what)
        pause(SETTLE_S)
        gap = self.ticker.end()
        calls = self.recorder.between(marks["t0"], at)
        ms = (at - marks["t0"]) * 1000
        config.rows.append(Row(what, gap, ms, ms / config.ideal(calls), len(calls), serial_depth(calls)))

    # --- runs ----------------------------------------------------------------------------------------------
    def measure(self, backend: str, latencies: tuple[int, ...], *, cold: bool = False) -> list[Config]:
        """Login, every tab, logout, then the actions, at each latency.

        ``cold``: one pass before, reported on its own: the program's first login imports each
        page's modules and uses icons and fonts for the first time.
        """
        self.start_controller(backend)
        configs = []
        try:
            for index, latency in enumerate(latencies):
                ideal = self.set_latency(latency)
                if cold and index == 0:
                    title = f"{backend} backend, first login of the program (imports, first use)"
                    first = Config(title, latency, ideal)
                    window = self.log_in(TABS_ACCOUNT, first)
                    self.every_tab(window, first)
                    self.log_out(window)
                    configs.append(first)
                passes = []
                for run in range(self.repeat):
                    config = Config(f"{backend} backend", latency, ideal)
                    window = self.log_in(TABS_ACCOUNT, config)
                    self.every_tab(window, config)
                    self.log_out(window)
                    if run == 0:
                        self.actions(config)  # an order is made once per examinee
                    passes.append(config)
                configs.append(merged(passes))
            self.set_latency(0)
        finally:
            self.stop_controller()
        return configs

    #: logins per backend and latency whose figures are merged (``merged``)
    repeat = 1

    def rss_cycles(self, cycles: int) -> list[float]:
        self.start_controller("process")
        rss = []
        try:
            self.set_latency(0)
            for _ in range(cycles):
                window = self.log_in(TABS_ACCOUNT, None)
                self.every_tab(window, None)
                self.log_out(window)
                del window
                self.recorder.calls.clear()  # this benchmark's own log must not count
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                gc.collect()
                rss.append(rss_mib())
                self.objects.append((len(gc.get_objects()), len(QApplication.allWidgets())))
        finally:
            self.stop_controller()
        return rss


def merged(passes: list[Config]) -> Config:
    """One config from several passes: per row the median time and ratio, the largest gap and depth."""
    if len(passes) == 1:
        return passes[0]
    first = passes[0]
    out = Config(f"{first.backend} (median of {len(passes)} logins; gap, depth: the worst)", first.latency)
    out.ideal_ms = statistics.median(p.ideal_ms for p in passes)
    for row in first.rows:
        same = [r for p in passes for r in p.rows if r.what == row.what]
        times = [r.time_ms for r in same if r.time_ms is not None]
        ratios = [r.ratio for r in same if r.ratio is not None]
        out.rows.append(
            Row(
                row.what,
                max(r.gap_ms for r in same),
                statistics.median(times) if times else None,
                statistics.median(ratios) if ratios else None,
                row.requests,
                max(r.depth for r in same),
                row.note,
                row.is_tab,
            )
        )
    return out


def _note(state: str) -> str:
    return "" if state == "ok" else f"state: {state[:60]}"


def _two_courses(page: Any) -> list[str]:
    model = getattr(page, "course_model", None)
    chosen: list[str] = []
    slots: set[str] = set()
    for course in getattr(model, "courses", []):
        if course.registrable and course.slot and course.slot not in slots:
            chosen.append(course.code)
            slots.add(course.slot)
        if len(chosen) == 2:
            break
    return chosen


def rss_mib() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * PAGE_SIZE / 2**20
    except OSError:  # not Linux: the peak is the best we have
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def slope(values: list[float], first: int) -> float:
    """Least-squares slope of ``values`` (cycle 1, 2 ...) over cycles ``first``..end."""
    points = [(i + 1, v) for i, v in enumerate(values) if i + 1 >= first]
    if len(points) < 2:
        return 0.0
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den


# --- output -----------------------------------------------------------------------------------------------
def _w(text: str, width: int) -> str:
    """Pad ``text`` to ``width`` terminal columns (CJK characters take two)."""
    cols = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(0, width - cols)


def print_config(config: Config) -> None:
    head = f"{config.backend}, latency {config.latency} ms — ideal (GET /health) {config.ideal_ms:.1f} ms"
    print(f"\n== {head} ==")
    print(f"{_w('what', 28)} {'gap ms':>7} {'time ms':>8} {'ratio':>7} {'req':>4} {'depth':>5}  note")
    for r in config.rows:
        t = f"{r.time_ms:8.0f}" if r.time_ms is not None else f"{'-':>8}"
        ratio = f"{r.ratio:7.2f}" if r.ratio is not None else f"{'-':>7}"
        print(f"{_w(r.what, 28)} {r.gap_ms:7.0f} {t} {ratio} {r.requests:4d} {r.depth:5d}  {r.note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer cycles, 0 ms on the embedded backend only")
    parser.add_argument("--cycles", type=int, default=None, help="RSS cycles (default 20, --quick 6)")
    parser.add_argument(
        "--repeat", type=int, default=None, help="logins per backend and latency, merged (default 3, --quick 1)"
    )
    args = parser.parse_args()
    cycles = args.cycles or (6 if args.quick else 20)
    fit_from = 2 if args.quick else 5

    started = time.monotonic()
    program = Program()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    program.app.configure_appearance(app)
    work = Path(tempfile.mkdtemp(prefix="zikao-responsiveness-"))
    bench = Bench(program, work)
    bench.repeat = max(1, args.repeat or (1 if args.quick else 3))
    configs: list[Config] = []
    try:
        configs += bench.measure("embedded", LATENCIES, cold=True)
        configs += bench.measure("process", (150,) if args.quick else LATENCIES)
        rss = bench.rss_cycles(cycles)
    finally:
        bench.stop_controller()
        shutil.rmtree(work, ignore_errors=True)

    print(f"platform {app.platformName()}, {os.cpu_count()} cores, {'quick' if args.quick else 'full'} run")
    for config in configs:
        print_config(config)
    growth = slope(rss, fit_from)
    print(f"\n== RSS after each of {cycles} cycles (login → every tab → logout, separate-process backend) ==")
    print(" ".join(f"{v:.1f}" for v in rss) + " MiB")
    print(f"growth: {growth:.2f} MiB/cycle (least squares over cycles {fit_from}..{cycles})")
    print("Python objects / QWidgets alive after each cycle: " + " ".join(f"{o}/{w}" for o, w in bench.objects))
    print(f"elapsed {time.monotonic() - started:.0f} s")

    login_stall = max(r.gap_ms for c in configs for r in c.rows if r.what.startswith("登录"))
    ratios = [r.ratio for c in configs if c.latency == 150 for r in c.rows if r.is_tab and r.ratio is not None]
    # the goal is for tabs and actions (a login is the login request and then the first tab's loads)
    depth = max(r.depth for c in configs for r in c.rows if not r.what.startswith("登录"))
    print(
        f"responsiveness: login_stall_ms={login_stall:.0f} worst_tab_ratio_150={max(ratios, default=0.0):.2f} "
        f"max_serial_depth={depth} rss_growth_mib_per_cycle={growth:.2f}"
    )


if __name__ == "__main__":
    main()
