"""A payment on 报名报考 reaches the other tabs of the main window without a refresh.

Through the real main window (its session store and clock): 考试信息 and 成绩管理 → 报考建议 are
opened first (so they have loaded what was true before), then the suggested courses are handed
to 报名报考 (去报考), ordered and paid through the payment window.  Back on 考试信息 the timetable
shows the paid courses and 报考建议 no longer suggests them, and nobody pressed F5: the page
publishes ``registrations`` and those tabs listen to it (docs/desktop-core.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.core.store import ORDERS, REGISTRATIONS
from desktop.core.tasks import TaskRunner
from desktop.shell.session import UserSession
from desktop.views.main_window import MainWindow
from desktop.views.registration import RegistrationPage
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.registration import set_phase
from tests.fixtures.registration_page import confirm_order, open_payment, order_status
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

NEW = DEMO["new"]
WAIT = 15_000


@pytest.fixture
def window(qtbot: QtBot, live_server: LiveServer, runner: TaskRunner) -> Iterator[MainWindow]:
    set_phase(live_server.client(retries=0), "phase2")  # before logging in: moving the clock ends logins
    client = ApiClient(live_server.url, retries=0)
    session = UserSession(login(client, NEW.exam_no), watch_application=False)
    main = MainWindow(client, runner, session, "内置演示服务 127.0.0.1:1")
    qtbot.addWidget(main)
    main.resize(1100, 760)
    main.show()
    yield main
    page = main.pages.get("报名报考")
    if isinstance(page, RegistrationPage) and shiboken6.isValid(page):
        page.stop_polling()
    session.stop()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)
    main.close()
    QApplication.processEvents()
    client.close()


def shown_when_back(qtbot: QtBot, page: QWidget, holds: Callable[[], bool], what: str) -> None:
    """Wait until ``holds()`` on ``page`` (a tab that listens to the store's ``registrations``)."""
    assert REGISTRATIONS in type(page).TOPICS, f"{what} does not listen to registrations"
    qtbot.waitUntil(holds, timeout=WAIT)


def test_a_payment_shows_on_the_timetable_and_leaves_the_advice_without_a_refresh(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner
) -> None:
    store = window.store
    # 考试信息 first: nothing registered for the upcoming session yet
    exams = window.show_page("考试信息")
    qtbot.waitUntil(lambda: exams.timetable is not None and not exams.loading, timeout=WAIT)
    assert all(s.course_code is None for s in exams.timetable.slots)

    # 成绩管理 → 报考建议: the courses suggested for this session
    scores = window.show_page("成绩管理")
    scores.sub_tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: scores.plan is not None and not scores.loading, timeout=WAIT)
    suggested = sorted(c.code for c in scores.plan.courses)
    assert suggested, scores.plan_message.text()

    # 去报考: 报名报考 opens with the suggested courses ticked; order and pay them
    scores.go_register()
    registration = window.current_page()
    assert isinstance(registration, RegistrationPage)
    qtbot.waitUntil(
        lambda: registration.overview is not None and not registration.loading and not registration.site_picker.loading,
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: registration.site_picker.current_site() is not None, timeout=WAIT)
    assert registration.course_model.selected_codes() == [
        c.code for c in registration.course_model.courses if c.code in suggested
    ]
    assert sorted(registration.course_model.selected_codes()) == suggested
    order_no = confirm_order(qtbot, registration)
    dialog = open_payment(qtbot, registration)
    published_before = list(store.published)
    with qtbot.waitSignal(dialog.paid, timeout=WAIT):
        dialog.confirm()
    qtbot.waitUntil(lambda: order_status(registration, order_no) == "paid", timeout=WAIT)
    news = store.published[len(published_before) :]
    assert ORDERS in news and news.count(REGISTRATIONS) == 1
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)

    # back on 考试信息: the paid courses are on the timetable (no F5)
    window.show_page("考试信息")

    def timetable_has_them() -> bool:
        table = exams.timetable
        return table is not None and sorted(s.course_code for s in table.slots if s.course_code) == suggested

    shown_when_back(qtbot, exams, timetable_has_them, "考试信息")

    # 成绩管理 → 报考建议: the paid courses are no longer suggested (no F5)
    window.show_page("成绩管理")

    def advice_left_them() -> bool:
        plan = scores.plan
        return plan is not None and not scores.loading and not {c.code for c in plan.courses} & set(suggested)

    shown_when_back(qtbot, scores, advice_left_them, "成绩管理（报考建议）")
    assert scores.sub_tabs.currentIndex() == 2
