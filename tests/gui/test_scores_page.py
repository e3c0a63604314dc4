"""成绩管理 through the widgets, against a real mock backend over HTTP: filters, transcript export
(PDF text and CSV contents checked), a score review from the dialog to the reviewer's correction,
and 去报考 handing the suggested plan to 报名报考."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import window_text
from desktop.shell.session import UserSession
from desktop.views.main_window import MainWindow
from desktop.views.registration import RegistrationPage
from desktop.views.scores import ScoresPage
from desktop.views.scores.review_dialog import ReviewDialog
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.documents import pdf_text
from tests.fixtures.exams import clock_of
from tests.fixtures.gui import task_runner
from tests.fixtures.registration import set_phase
from tests.fixtures.scores import latest_release
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

MIDWAY = DEMO["midway"]
WAIT = 15_000


@dataclass
class Env:
    server: LiveServer
    runner: TaskRunner
    qtbot: QtBot
    clients: list[ApiClient] = field(default_factory=list)
    widgets: list[QWidget] = field(default_factory=list)

    def client(self, account: str = MIDWAY.exam_no, kind: str = "examinee") -> ApiClient:
        c = self.server.client(retries=0)
        self.clients.append(c)
        login(c, account, kind=kind)
        return c

    def open_page(self, account: str = MIDWAY.exam_no) -> ScoresPage:
        client = self.client(account)
        page = ScoresPage(client, self.runner, clock=clock_of(client))
        self.widgets.append(page)
        page.resize(1000, 700)
        page.show()
        self.qtbot.waitUntil(lambda: page.data is not None and not page.busy, timeout=WAIT)
        return page


@pytest.fixture
def env(qtbot: QtBot, live_server: LiveServer) -> Iterator[Env]:
    with task_runner() as runner:
        e = Env(live_server, runner, qtbot)
        yield e
        for widget in e.widgets:
            if shiboken6.isValid(widget):
                widget.close()
                widget.deleteLater()
    QApplication.processEvents()
    for c in e.clients:
        c.close()


def page_in_review_window(env: Env) -> tuple[str, ScoresPage]:
    """The clock two hours after the latest release; midway's page open.  Returns (session code, page)."""
    tester = env.server.client()
    env.clients.append(tester)
    session = latest_release(tester)
    env.server.clock.set(session.score_release + timedelta(hours=2), frozen=True)
    return session.code, env.open_page()


# --- the list ----------------------------------------------------------------------------------------


def test_filters_narrow_the_list(env: Env) -> None:
    page = env.open_page()
    total = page.proxy.rowCount()
    assert total == page.score_model.rowCount() > 5
    assert "共 11 条" in page.count_label.text()

    page.outcome_combo.setCurrentIndex(page.outcome_combo.findData("failed"))
    failed = page.proxy.visible_scores()
    assert failed and all(not s.passed and not s.absent for s in failed)
    assert f"显示 {len(failed)} 条" in page.count_label.text()

    page.set_filters(outcome="absent")
    assert [s.course_code for s in page.proxy.visible_scores()] == ["02326"]

    page.set_filters()
    env.qtbot.keyClicks(page.search_edit, "00023")  # typing filters as it goes
    assert {s.course_code for s in page.proxy.visible_scores()} == {"00023"}
    assert page.proxy.rowCount() == 2
    page.best_check.setChecked(True)
    (best,) = page.proxy.visible_scores()
    assert best.score == 52  # the better of 48 and 52

    page.set_filters(kind="practice")
    assert [s.course_code for s in page.proxy.visible_scores()] == ["04736"]
    code = latest_release(page.client).code
    page.set_filters(session_code=code)
    assert {s.session_code for s in page.proxy.visible_scores()} == {code}
    page.set_filters()
    assert page.proxy.rowCount() == total


def test_progress_and_plan_are_shown(env: Env) -> None:
    page = env.open_page()
    text = page.progress_summary()
    assert "已获学分：20" in text and "还差 50 学分" in text
    assert page.chart.rows()[0][:4] == ("学分", 20, 0, 50)
    assert "理论课" in page.chart.describe()
    assert page.plan is not None and page.suggestion_model.rowCount() == len(page.plan.courses)


# --- export -------------------------------------------------------------------------------------------


def test_transcript_pdf_and_csv(env: Env, tmp_path: Path) -> None:
    page = env.open_page()
    best = [s for s in page.score_model.items if s.best]

    pdf = tmp_path / "成绩单.pdf"
    with env.qtbot.waitSignal(page.exported, timeout=WAIT) as saved:
        page.save_transcript_to(pdf)
    assert saved.args == [pdf]
    text = pdf_text(pdf)
    assert "课程成绩单" in text and MIDWAY.name in text and MIDWAY.exam_no in text
    for s in best:
        assert s.course_name.replace(" ", "") in text
    assert "已通过课程6门" in text

    out = tmp_path / "成绩单.csv"
    with env.qtbot.waitSignal(page.exported, timeout=WAIT):
        page.save_csv_to(out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["姓名", MIDWAY.name, "准考证号", MIDWAY.exam_no]
    assert rows[1][:3] == ["序号", "课程代码", "课程名称"]
    body = {r[1]: r for r in rows[2:]}
    assert set(body) == {s.course_code for s in best}
    assert body["00023"][5:7] == ["52", "未通过"]
    assert body["02331"][2:7] == ["数据结构", "理论课", "3", "71", "通过"]
    assert "已保存" in page.export_note.text()


def test_export_to_a_folder_that_does_not_exist_says_so(env: Env, tmp_path: Path) -> None:
    page = env.open_page()
    target = tmp_path / "missing" / "成绩单.csv"
    page.save_csv_to(target)
    env.qtbot.waitUntil(lambda: "未保存" in page.export_note.text(), timeout=WAIT)
    assert "文件夹不存在" in page.export_note.text()
    assert not target.exists()


# --- a review, end to end ---------------------------------------------------------------------------------


def open_dialog(env: Env, page: ScoresPage) -> ReviewDialog:
    dialog = page.open_review_dialog()
    env.qtbot.waitUntil(lambda: dialog.loaded and not dialog.busy, timeout=WAIT)
    return dialog


def test_review_request_from_the_dialog_to_the_corrected_score(env: Env) -> None:
    code, page = page_in_review_window(env)

    dialog = open_dialog(env, page)
    offered = [(o.session_code, o.course_code) for o in dialog.options]
    assert offered == [(code, "02197")]  # the practice course and older sessions are not offered
    assert dialog.submit_button.isEnabled()
    assert dialog.choose("02197")
    dialog.submit_button.click()
    env.qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    # the dialog announces the request (``scores``) and the page, shown, reloads at once
    env.qtbot.waitUntil(lambda: not page.busy and page.review_model.rowCount() == 1, timeout=WAIT)
    assert page.store.published == ["scores"]
    review = page.review_model.item(0)
    assert (review.course_code, review.status_text, review.original_score) == ("02197", "已提交", 55)
    assert page.sub_tabs.currentIndex() == 3
    listed = next(s for s in page.score_model.items if s.course_code == "02197")
    assert listed.review_status == "已提交"

    reviewer = env.client("cs_reviewer", kind="staff")
    reviewer.scores.staff_start(review.review_no)
    reviewer.scores.staff_resolve(review.review_no, 61, "复核发现漏计分")
    page.refresh()
    env.qtbot.waitUntil(lambda: not page.busy and page.review_model.item(0).status == "done", timeout=WAIT)
    assert page.review_model.data(page.review_model.index(0, 5)) == "更正为 61"
    corrected = next(s for s in page.score_model.items if s.course_code == "02197")
    assert (corrected.score, corrected.passed, corrected.review_status) == (61, True, "已完成")

    again = open_dialog(env, page)  # nothing left to ask for
    assert again.options == [] and not again.submit_button.isEnabled()
    assert "当前没有可以申请复核的成绩" in again.status_label.text()
    again.reject()


def test_a_refused_review_is_shown_in_the_dialog(env: Env) -> None:
    code, page = page_in_review_window(env)
    dialog = open_dialog(env, page)
    env.client().scores.request_review(code, "02197")  # asked meanwhile from elsewhere
    dialog.submit_button.click()
    env.qtbot.waitUntil(lambda: bool(dialog.error_text), timeout=WAIT)
    assert "申请未成功" in dialog.error_text and "只能申请一次" in dialog.error_text
    assert dialog.isVisible()
    dialog.reject()


# --- 去报考 ---------------------------------------------------------------------------------------------


def test_go_register_ticks_the_suggested_courses_in_the_registration_tab(env: Env) -> None:
    set_phase(env.server.client(), "phase2")
    client = env.client()
    login_session = login(client, MIDWAY.exam_no)
    session = UserSession(login_session, watch_application=False)
    window = MainWindow(client, env.runner, session, "测试")
    env.widgets.append(window)
    window.show()
    page: ScoresPage = window.show_page("成绩管理")
    env.qtbot.waitUntil(lambda: page.data is not None and not page.busy, timeout=WAIT)
    assert page.plan is not None and page.plan.can_register_now
    assert page.register_button.isEnabled()
    wanted = [c.code for c in page.plan.courses]

    page.register_button.click()
    registration: RegistrationPage = window.page("报名报考")
    assert window.current_page() is registration
    env.qtbot.waitUntil(lambda: registration.overview is not None and not registration.busy, timeout=WAIT)
    assert sorted(registration.course_model.selected_codes()) == sorted(wanted)

    registration.course_model.clear_selection()  # again, now that 报名报考 has loaded: ticked at once
    window.show_page("成绩管理")
    page.register_button.click()
    assert window.current_page() is registration
    assert sorted(registration.course_model.selected_codes()) == sorted(wanted)
    session.stop()
    window.close_quietly()


def test_go_register_while_registration_is_closed_says_when_it_opens(env: Env) -> None:
    set_phase(env.server.client(), "before")
    page = env.open_page()
    plan = page.plan
    assert plan is not None and plan.courses and not plan.can_register_now
    assert not page.register_button.isEnabled()
    when = window_text(plan.registration_open, plan.registration_close)
    assert page.register_hint.text() == f"{plan.session_name}考次报考时间为{when}，届时可按此计划报考"
    assert page.plan_window.text() == page.register_hint.text()
    with env.qtbot.assertNotEmitted(page.register_requested):
        page.go_register()
