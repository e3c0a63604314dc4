"""Change events between 考籍管理, 毕业申请 and 个人中心, and their parallel first loads.

One test per change-event pair, in a real main window over a real mock backend (one store for the
login): what one page changes, the page that shows it is current the next time it is looked at,
without F5.  And each page's first load asks its independent requests at once: the intervals of
every request are recorded around ``ApiClient.request`` and the longest chain of requests, each
starting after the previous one ended (the serial depth), is at most 2.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.core.store import PROFILE, RECORDS
from desktop.core.tasks import TaskRunner
from desktop.shell.session import UserSession
from desktop.views.graduation import GraduationPage
from desktop.views.main_window import MainWindow
from desktop.views.personal_center import PersonalCenter
from desktop.views.records import RecordsPage
from desktop.views.records.forms import ExemptionForm
from tests.fixtures.accounts import DEMO, REVIEWER, demo_examinee, login
from tests.fixtures.files import jpeg_file
from tests.fixtures.request_log import RequestLog, serial_depth
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

WAIT = 15_000
LATENCY_MS = 150
#: 操作系统: a required course the midway examinee has not passed, exemptable
MISSING_COURSE = "02326"


@pytest.fixture
def open_window(qtbot: QtBot, runner: TaskRunner) -> Iterator[Callable[[ApiClient, str], MainWindow]]:
    sessions: list[UserSession] = []

    def make(client: ApiClient, exam_no: str) -> MainWindow:
        session = UserSession(login(client, exam_no), watch_application=False)
        sessions.append(session)
        window = MainWindow(client, runner, session, "test")
        qtbot.addWidget(window)
        window.resize(1100, 800)
        window.show()
        return window

    yield make
    for session in sessions:
        session.stop()


def show_loaded(qtbot: QtBot, window: MainWindow, title: str) -> Any:
    page = window.show_page(title)
    qtbot.waitUntil(lambda: page.state == "loaded" and not page.busy, timeout=WAIT)
    return page


# --- 考籍管理 → RECORDS → 毕业申请 -----------------------------------------------------------------------


def test_an_exemption_submitted_in_records_makes_graduation_current(
    qtbot: QtBot, tmp_path: Path, live_server: LiveServer, runner: TaskRunner, open_window: Any
) -> None:
    client = live_server.client()
    window = open_window(client, DEMO["midway"].exam_no)
    graduation: GraduationPage = show_loaded(qtbot, window, "毕业申请")
    assert f"{MISSING_COURSE} 操作系统" in graduation.reasons_label.text()
    credits_before = graduation.overview.eligibility.credits_done  # type: ignore[union-attr]

    records: RecordsPage = show_loaded(qtbot, window, "考籍管理")
    records.new_actions["exemption"].trigger()
    qtbot.waitUntil(lambda: records.editor is not None and not runner.busy, timeout=WAIT)
    editor = records.editor
    assert editor is not None and isinstance(editor.form, ExemptionForm)
    form = editor.form
    form.course.setCurrentIndex(form.course.findData(MISSING_COURSE))
    form.basis.setText("普通高校课程成绩单（操作系统，88分）")
    assert editor.upload is not None and editor.upload.add_path(jpeg_file(tmp_path / "成绩单.jpg", (300, 200)))
    qtbot.waitUntil(lambda: len(editor.upload.files) == 1 and not editor.upload.uploading, timeout=WAIT)  # type: ignore[union-attr]

    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)  # the credit cap of the chosen course
    calls = RequestLog.attach(client).sent
    editor.submit()
    qtbot.waitUntil(lambda: editor.application.status == "submitted" and not runner.busy, timeout=WAIT)
    no = editor.application.application_no
    # the answer is applied: the list shows it, nothing is loaded again
    assert records.model.item(records.model.row_of(no)).status == "submitted"
    assert [r.name for r in calls] == [  # created only now, with what was typed; then submitted
        "POST /records/applications",
        f"POST /records/applications/{no}/submit",
    ]
    assert records.store.published == [RECORDS, RECORDS]  # the draft created, then submitted
    assert graduation.stale and not records.stale  # heard by 毕业申请 (hidden), not by the page itself

    reviewer = live_server.client()
    login(reviewer, REVIEWER, kind="staff")
    reviewer.records.review.start(no)
    reviewer.records.review.approve(no, "成绩单核验无误")
    reviewer.close()

    del calls[:]
    with qtbot.waitSignal(graduation.loaded, timeout=WAIT):
        window.show_page("毕业申请")  # looked at again: no F5
    assert [r.name for r in calls] == ["GET /graduation"]
    assert f"{MISSING_COURSE} 操作系统" not in graduation.reasons_label.text()
    eligibility = graduation.overview.eligibility  # type: ignore[union-attr]
    assert eligibility.credits_done == credits_before + 4
    assert f"已取得 {eligibility.credits_done} / " in graduation.eligibility_summary.text()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)


# --- 个人中心 → PROFILE → 考籍管理, 毕业申请 ----------------------------------------------------------------


def test_a_photo_uploaded_in_the_personal_centre_is_published(
    qtbot: QtBot, tmp_path: Path, live_server: LiveServer, runner: TaskRunner, open_window: Any
) -> None:
    client = live_server.client()
    window = open_window(client, demo_examinee(with_photo=False).exam_no)
    center: PersonalCenter = show_loaded(qtbot, window, "个人中心")
    assert center.profile is not None and not center.profile.has_photo
    records: RecordsPage = show_loaded(qtbot, window, "考籍管理")
    graduation: GraduationPage = show_loaded(qtbot, window, "毕业申请")
    assert records.context is not None and not records.context.profile.has_photo
    window.show_page("个人中心")

    heard: list[tuple[str, object]] = []
    window.store.changed.connect(lambda topic, payload: heard.append((topic, payload)))
    calls = RequestLog.attach(client).sent
    dialog = center.open_upload_photo()
    dialog.set_file(jpeg_file(tmp_path / "photo.jpg"))
    qtbot.waitUntil(lambda: dialog.upload_button.isEnabled(), timeout=WAIT)
    dialog.upload()
    qtbot.waitUntil(lambda: bool(heard) and not center.busy, timeout=WAIT)
    assert [topic for topic, _payload in heard] == [PROFILE]
    assert getattr(heard[0][1], "has_photo", False)
    # 个人中心 shows the answer and the stored photo: no reload of its own
    assert [r.name for r in calls] == ["PUT /me/photo", "GET /me/photo"]
    pixmap = center.photo_label.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert records.stale and graduation.stale and not center.stale
    if center.message_box is not None and shiboken6.isValid(center.message_box):
        center.message_box.close()

    with qtbot.waitSignal(records.loaded, timeout=WAIT):
        window.show_page("考籍管理")
    assert records.context is not None and records.context.profile.has_photo
    with qtbot.waitSignal(graduation.loaded, timeout=WAIT):
        window.show_page("毕业申请")
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)


# --- first loads run at once --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_class", "demo_key", "expected"),
    [
        (
            RecordsPage,
            "new",
            {"GET /me", "GET /ref/regions", "GET /records/exemption/courses", "GET /records/applications"},
        ),
        (PersonalCenter, "midway", {"GET /me", "GET /me/photo"}),
        (GraduationPage, "midway", {"GET /graduation"}),
    ],
)
def test_a_first_load_asks_its_requests_at_once(
    qtbot: QtBot,
    live_server: LiveServer,
    runner: TaskRunner,
    page_class: type[RecordsPage | PersonalCenter | GraduationPage],
    demo_key: str,
    expected: set[str],
) -> None:
    client = live_server.client()
    login(client, DEMO[demo_key].exam_no)
    client.mock.set_latency(LATENCY_MS)
    try:
        single = []
        for _ in range(3):  # one round trip at this latency
            started = time.monotonic()
            client.me.profile()
            single.append(time.monotonic() - started)
        round_trip = statistics.median(single)

        calls = RequestLog.attach(client).sent
        page: QWidget = page_class(client, runner)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.show()
        qtbot.waitUntil(lambda: page.state == "loaded" and not runner.busy, timeout=WAIT)  # type: ignore[attr-defined]
    finally:
        client.mock.set_latency(0)
    names = {r.name for r in calls}
    assert expected <= names, names
    first = [c for c in calls if c.name in expected]
    assert serial_depth(first) <= 2, first
    assert serial_depth(first) == 1  # all of them independent: at once
    span = max(c.end for c in first) - min(c.start for c in first)
    depth = serial_depth(first)
    print(f"{page_class.__name__}: {len(first)} requests, depth {depth}, {span:.3f} s; one {round_trip:.3f} s")
    assert span <= 1.5 * round_trip + 0.25, f"{span:.3f} s for {len(first)} requests, one takes {round_trip:.3f} s"
    client.close()


def test_the_appointments_tab_asks_offices_appointments_and_slots_at_once(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner
) -> None:
    client = live_server.client()
    login(client, DEMO["new"].exam_no)
    page = RecordsPage(client, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.state == "loaded" and not runner.busy, timeout=WAIT)
    client.mock.set_latency(LATENCY_MS)
    try:
        calls = RequestLog.attach(client).sent
        page.tabs.setCurrentWidget(page.appointments)
        qtbot.waitUntil(lambda: page.appointments.slot_model.rowCount() > 0 and not runner.busy, timeout=WAIT)
    finally:
        client.mock.set_latency(0)
    assert sorted(r.name for r in calls if not r.name.startswith("PUT /mock")) == [
        "GET /records/appointments",
        "GET /records/appointments/offices",
        "GET /records/appointments/slots",
    ]
    assert serial_depth([c for c in calls if not c.name.startswith("PUT /mock")]) == 1
    client.close()
