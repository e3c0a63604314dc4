"""``zikao --self-test``: prove that this copy of the program works, end to end, without a person.

Testers run it on the packaged program (``dist/zikao/zikao --self-test``), CI runs it on the
bundle and from source.  In order, each step printed as it is done:

1. start the embedded demo backend (``desktop.shell.embedded``: a child process of this program, the
   same executable with ``--serve-embedded``) on a temporary data directory, so a tester's own data
   is never touched; check that it is a process of its own, answers the client that sends this
   launch's secret and refuses a request without it;
2. log in the first demo examinee through the API client; the captcha answer comes from the
   demo server's tester controls (``/mock``), the account and password from its demo list;
3. put the server clock in the registration window, create an order and pay it on the mock
   payment platform, so the registration tab has something to show and a receipt can be printed;
4. move the server clock into that session's ticket printing window (the demo server's tester
   clock; the database is a throwaway one) and log in again — moving weeks ends a login;
5. open the main window with every module tab (``MODULES``) and wait until each page has loaded;
6. render the admission ticket (准考证, with the photo) and the registration receipt (报考回执单)
   to PDF with ``desktop.documents.render``;
7. report the update root this copy trusts (its signature checked) and run the update check
   against the embedded backend (which serves no updates: the check must say so); from source or
   from a bundle never released, say why it offers no update (docs/updates.md);
8. stop the embedded backend and check that its process has exited.

Exit 0 when everything worked; otherwise exit 1 with the reason on stderr.  The steps block the
GUI thread where that is simpler (this is no interactive session) and run the event loop only
while waiting for the server or for the pages.
"""

from __future__ import annotations

import sys
import time
import traceback
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from desktop.api.client import ApiClient
    from desktop.api.types import DemoAccount, Order, SessionCalendar

BACKEND_TIMEOUT_S = 30.0
PAGE_TIMEOUT_S = 30.0
PDF_FILE_NAME = "self-test-receipt.pdf"
TICKET_FILE_NAME = "self-test-ticket.pdf"
# a moment inside the printing window (it opens 10 days before the first exam day)
TICKET_WINDOW_OFFSET = timedelta(days=1, hours=10)


class SelfTestFailed(Exception):
    """A step of the self-test did not work; the message says which and why."""


def _say(message: str) -> None:
    print(f"self-test: {message}", flush=True)


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the event loop until ``predicate()`` holds; ``SelfTestFailed`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise SelfTestFailed(f"timed out after {timeout_s:.0f} s waiting for {what}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def page_state(page: QWidget, runner: Any) -> str | None:
    """``None`` while ``page`` is loading, ``"ok"`` once loaded, else why its first load failed.

    Module pages follow one convention: a ``loading`` property, and a ``stack`` that shows
    ``state_page`` (with ``state_label`` saying why) until the first load succeeded.
    """
    if getattr(page, "loading", False) or runner.running_for(page) > 0:
        return None
    stack, state_page = getattr(page, "stack", None), getattr(page, "state_page", None)
    if stack is not None and state_page is not None and stack.currentWidget() is state_page:
        label = getattr(page, "state_label", None)
        return label.text() if label is not None else "the page shows no content"
    return "ok"


def _start_backend(data_dir: Path) -> tuple[Any, str]:
    from desktop.shell.embedded import EmbeddedBackend

    backend = EmbeddedBackend()
    outcome: dict[str, str] = {}
    backend.ready.connect(lambda url: outcome.setdefault("url", url))
    backend.failed.connect(lambda message: outcome.setdefault("error", message))
    started = time.monotonic()
    backend.start(data_dir)
    try:
        wait_until(lambda: bool(outcome), BACKEND_TIMEOUT_S, "the embedded backend")
    except SelfTestFailed:
        backend.stop()
        raise
    if "error" in outcome:
        backend.stop()
        raise SelfTestFailed(f"the embedded backend did not start: {outcome['error']}")
    _say(f"embedded backend ready at {outcome['url']} in {time.monotonic() - started:.1f} s (data: {data_dir})")
    try:
        _check_parent_only(backend, outcome["url"])
    except BaseException:
        backend.stop()
        raise
    return backend, outcome["url"]


def _check_parent_only(backend: Any, url: str) -> None:
    """The backend is a process of its own that answers the secret's bearer and refuses anybody else."""
    import os

    import requests

    from desktop.api.client import API_PREFIX, ApiClient

    if backend.pid is None or backend.pid == os.getpid():
        raise SelfTestFailed(f"the embedded backend does not run in a process of its own (pid {backend.pid})")
    stranger = requests.get(f"{url}{API_PREFIX}/health", timeout=10)
    if stranger.status_code != 403:
        raise SelfTestFailed(f"a request without the launch's secret got {stranger.status_code}, expected 403")
    with_secret = ApiClient(url, secret=backend.secret, retries=0)
    try:
        mode = with_secret.system.health().mode
    finally:
        with_secret.close()
    _say(f"embedded backend is process {backend.pid}: answers with the secret ({mode}), refuses without (403)")


def _stop_backend(backend: Any, url: str) -> None:
    import requests

    from desktop.api.client import API_PREFIX

    pid = backend.pid
    backend.stop()
    if backend.running:
        raise SelfTestFailed(f"the embedded backend (process {pid}) still runs after stopping it")
    try:
        requests.get(f"{url}{API_PREFIX}/health", timeout=5)
    except requests.ConnectionError:
        pass
    else:
        raise SelfTestFailed(f"something still answers at {url} after the embedded backend stopped")
    _say(f"embedded backend stopped (process {pid} exited, {url} closed)")


def _log_in(client: ApiClient) -> tuple[Any, DemoAccount, SessionCalendar]:
    health = client.system.health()
    examinee = next((a for a in client.system.demo_accounts() if a.kind == "examinee"), None)
    if examinee is None:
        raise SelfTestFailed("the demo server lists no demo examinee")
    # registration must be open for the order: freeze the clock in phase 1 of the upcoming session
    calendar = client.system.calendar()
    upcoming = calendar.session(calendar.upcoming)
    if upcoming is None:
        raise SelfTestFailed(f"the calendar has no upcoming session {calendar.upcoming!r}")
    client.mock.set_clock(upcoming.registration_open + timedelta(hours=12), frozen=True)
    login = _sign_in(client, examinee.account, examinee.password)
    _say(f"logged in demo examinee {examinee.account} ({login.name}); server {getattr(health, 'version', '')}".rstrip())
    return login, examinee, upcoming


def _sign_in(client: ApiClient, account: str, password: str) -> Any:
    captcha = client.auth.captcha()
    answer = client.mock.captcha_answer(captcha.captcha_id)
    return client.auth.login(account, password, captcha.captcha_id, answer, "examinee")


def _into_ticket_window(client: ApiClient, session: SessionCalendar, account: DemoAccount) -> Any:
    """Freeze the clock inside ``session``'s ticket printing window and log ``account`` in again."""
    at = session.ticket_print_open + TICKET_WINDOW_OFFSET
    client.mock.set_clock(at, frozen=True)
    login = _sign_in(client, account.account, account.password)
    _say(f"server clock moved into the ticket printing window ({at:%Y-%m-%d %H:%M}); logged in again")
    return login


def _paid_order(client: ApiClient) -> Order:
    courses = client.registration.courses()
    chosen: list[str] = []
    slots: set[str | None] = set()
    for course in courses:
        if course.registrable and course.slot not in slots:
            chosen.append(course.code)
            slots.add(course.slot)
        if len(chosen) == 2:
            break
    if not chosen:
        raise SelfTestFailed("no registrable course for the demo examinee")
    sites = client.registration.sites()
    if not sites:
        raise SelfTestFailed("no exam site offered to the demo examinee")
    order = client.registration.create_order(sites[0].id, chosen, uuid.uuid4().hex)
    payment = client.registration.start_payment(order.order_no, "alipay", uuid.uuid4().hex)
    client.payplatform.confirm(payment.payment_no, "alipay")
    deadline = time.monotonic() + 15
    while (order := client.registration.order(order.order_no)).status != "paid":
        if time.monotonic() > deadline:
            raise SelfTestFailed(f"order {order.order_no} still {order.status} after paying")
        client.request("POST", "/mock/payments/deliver")  # the platform's queued notifications, now
        time.sleep(0.1)
    _say(f"order {order.order_no} created and paid ({len(order.items)} courses, {order.amount_fen / 100:.2f} 元)")
    return order


def _open_every_module(client: ApiClient, login: Any, runner: Any) -> Any:
    from desktop.shell.session import UserSession
    from desktop.views.main_window import MODULES, MainWindow

    session = UserSession(login)
    window = MainWindow(client, runner, session, "self-test")
    window.show()
    expected = [m.title for m in MODULES if login.kind in m.kinds]
    if window.titles != expected:
        raise SelfTestFailed(f"the main window has tabs {window.titles}, expected {expected}")
    for title in expected:
        started = time.monotonic()
        page = window.show_page(title)  # built and loaded when first shown
        wait_until(lambda p=page: page_state(p, runner) is not None, PAGE_TIMEOUT_S, f"the page {title}")
        state = page_state(page, runner)
        if state != "ok":
            raise SelfTestFailed(f"the page {title} did not load: {state}")
        _say(f"module {title} loaded in {time.monotonic() - started:.2f} s")
    exams = window.pages.get("考试信息")
    if exams is not None and not exams.ticket_panel.available:
        raise SelfTestFailed(f"the 考试信息 tab offers no admission ticket: {exams.ticket_panel.message.text()}")
    return window, session


def _check_pdf(path: Path, what: str) -> int:
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 1000:
        raise SelfTestFailed(f"the {what} PDF {path} is not a PDF ({len(data)} bytes)")
    return len(data)


def _render_ticket(client: ApiClient, out_dir: Path) -> Path:
    from desktop.documents.render import save_pdf
    from desktop.documents.ticket import ticket_html

    ticket = client.exams.ticket()
    photo = client.exams.ticket_photo()
    if not ticket.courses:
        raise SelfTestFailed("the admission ticket lists no course")
    path = save_pdf(
        ticket_html(ticket, photo, printed_at=client.system.health().server_time), out_dir / TICKET_FILE_NAME
    )
    size = _check_pdf(path, "ticket")
    seat = ticket.courses[0]
    _say(
        f"ticket PDF rendered: {size} bytes ({ticket.session_name}, {len(ticket.courses)} courses, "
        f"room {seat.room} seat {seat.seat}, photo {len(photo)} bytes)"
    )
    return path


def _render_receipt(client: ApiClient, order: Order, out_dir: Path) -> Path:
    from desktop.documents.receipt import receipt_html
    from desktop.documents.render import save_pdf

    profile = client.me.profile()
    path = save_pdf(
        receipt_html(order, profile, printed_at=client.system.health().server_time), out_dir / PDF_FILE_NAME
    )
    _say(f"receipt PDF rendered: {_check_pdf(path, 'receipt')} bytes")
    return path


def check_updates(url: str, secret: str | None, work_dir: Path, folder: Path | None) -> None:
    """The trusted root and the update check of the program in ``folder`` (None: from source).

    It imports the update client either way, so the bundle is proved to hold python-tuf and bsdiff4.
    """
    import shutil

    from tuf.api.metadata import Metadata, Root

    from desktop.updates.bundle import read_release
    from desktop.updates.checker import no_updates_reason
    from desktop.updates.client import UpdateClient, UpdateRefused
    from zikao_common.embedded import SECRET_HEADER

    release = read_release(folder) if folder is not None else None
    reason = no_updates_reason(release, url, from_source=folder is None)
    if release is None:
        _say(f"update check: {reason} (update client loaded)")
        return
    root: Metadata[Root] = Metadata.from_file(str(release.root_file))
    try:
        root.verify_delegate(Root.type, root)
    except Exception as exc:
        raise SelfTestFailed(f"the bundled update root is not validly self-signed: {exc}") from exc
    keys = ", ".join(sorted(key_id[:8] for key_id in root.signed.keys))
    _say(f"trusted update root: version {root.signed.version}, expires {root.signed.expires:%Y-%m-%d}, keys {keys}")
    # a copy of this release on the side, so the check leaves the real one's update state alone
    assert folder is not None
    side = work_dir / "update-check" / folder.name
    side.mkdir(parents=True)
    shutil.copy(release.root_file, side / release.root_file.name)
    shutil.copy(folder / "update.json", side / "update.json")
    checked = read_release(side)
    assert checked is not None
    with UpdateClient(checked, url, headers={SECRET_HEADER: secret} if secret else None) as client:
        try:
            offer = client.check()
        except UpdateRefused as exc:
            if "没有提供软件更新" not in str(exc):
                raise SelfTestFailed(f"the update check failed: {exc}") from exc
            _say(f"update check of version {release.version}: {exc}")
            return
    raise SelfTestFailed(f"the embedded backend offered an update: {offer}")


def run(app: QApplication, work_dir: Path) -> int:
    """Run every step in ``work_dir``; 0 on success, 1 (reason on stderr) on the first failure."""
    from desktop.core.tasks import TaskRunner

    started = time.monotonic()
    backend: Any = None
    client: ApiClient | None = None
    runner = TaskRunner()
    window: Any = None
    session: Any = None
    code = 1
    try:
        frozen = bool(getattr(sys, "frozen", False))
        _say(f"Qt platform {app.platformName()}, Python {sys.version.split()[0]}, packaged={frozen}")
        backend, url = _start_backend(work_dir / "data")
        from desktop.api.client import ApiClient

        client = ApiClient(url, secret=backend.secret)
        _login, account, upcoming = _log_in(client)
        order = _paid_order(client)
        login = _into_ticket_window(client, upcoming, account)
        window, session = _open_every_module(client, login, runner)
        _render_ticket(client, work_dir)
        _render_receipt(client, order, work_dir)
        from desktop.updates.bundle import install_folder

        check_updates(url, backend.secret, work_dir, install_folder())
        client.auth.logout()
        _say("logged out")
        client.close()
        client = None
        _stop_backend(backend, url)
        backend = None
        _say(f"all checks passed in {time.monotonic() - started:.1f} s")
        code = 0
    except SelfTestFailed as exc:
        print(f"self-test FAILED: {exc}", file=sys.stderr, flush=True)
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        print(f"self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
    finally:
        if session is not None:
            session.stop()
        if window is not None:
            window.close_quietly()
            window.deleteLater()
        if not runner.wait(15_000):
            print("self-test FAILED: workers still running at the end", file=sys.stderr, flush=True)
            code = 1
        QCoreApplication.processEvents()
        if client is not None:
            client.close()
        if backend is not None:
            backend.stop()
    return code
