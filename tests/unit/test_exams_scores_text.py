"""The times 考试信息 and 成绩管理 write are Beijing time in the one format, whatever the machine's zone;
the ticket state is made from the ticket's and the photo's answers (asked for at once)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from desktop.api import Conflict, NotFound
from desktop.api.scores import PlanSuggestion, ReviewOption
from desktop.views.exams.ticket_panel import NOT_OPEN, UPLOAD_PHOTO, opening_text, state_text, ticket_state
from desktop.views.scores.page import plan_window_text
from desktop.views.scores.review_dialog import option_text

#: 2027-03-01 02:00 UTC is 10:00 in Beijing (and 21:00 of the day before in New York)
OPENS = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
CLOSES = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)  # 17:00 in Beijing


@pytest.fixture(autouse=True)
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone is New York: nothing shown may depend on it."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def plan(*, can: bool, text: str) -> PlanSuggestion:
    return PlanSuggestion(
        session_code="202704",
        session_name="2027年4月",
        registration_open=OPENS,
        registration_close=CLOSES,
        can_register_now=can,
        window_text=text,
        complete=False,
        message="",
        max_courses=4,
        courses=(),
    )


def test_the_printing_window_opens_in_beijing_time() -> None:
    assert opening_text(OPENS) == "准考证打印将于 2027年3月1日 10:00 开放"


def test_a_review_option_gives_its_deadline_in_beijing_time() -> None:
    option = ReviewOption("202610", "2026年10月", "02197", "概率论与数理统计（二）", 55, CLOSES)
    assert option_text(option).endswith("55分（3月10日 17:00截止）")


def test_the_plan_says_its_window_in_the_one_format() -> None:
    before = OPENS - timedelta(days=3)
    server = "2027年4月考次报考时间为2027年03月01日 10:00至2027年03月10日 17:00，届时可按此计划报考"
    assert plan_window_text(plan(can=False, text=server), before) == (
        "2027年4月考次报考时间为3月1日 10:00 至 3月10日 17:00，届时可按此计划报考"
    )
    assert plan_window_text(plan(can=True, text="…"), OPENS + timedelta(days=1)) == (
        "2027年4月考次正在报考，截止时间：2027年3月10日 17:00"
    )
    problem = "您的考籍状态异常，暂不能报考"  # the server's own words where no time is in them
    assert plan_window_text(plan(can=False, text=problem), before) == problem


def test_the_ticket_state_takes_the_first_refusal() -> None:
    not_open = Conflict("准考证打印尚未开放", code=NOT_OPEN, details={"opens_at": OPENS.isoformat()})
    state = ticket_state("202704", not_open, not_open)
    assert (state.code, state.ticket, state.photo) == (NOT_OPEN, None, None)
    assert state_text(state, None) == "准考证打印将于 2027年3月1日 10:00 开放，届时可在这里预览、保存为PDF和打印。"
    no_photo = Conflict("准考证需要本人照片，请先在个人中心上传照片", code=UPLOAD_PHOTO)
    assert ticket_state("202704", no_photo, no_photo).code == UPLOAD_PHOTO
    missing = NotFound("考次不存在", code="session_not_found")
    assert ticket_state("x", missing, b"\xff\xd8").code == "session_not_found"
