"""报名报考's sentences: every time through ``desktop.core.timefmt``, in Beijing time whatever the
machine's zone, midnight as 00:00 of its own day (never 24:00), the countdown by the clock given."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from desktop.api.types import Order, RegistrationOverview
from desktop.core.clock import BEIJING
from desktop.views.registration.order_panel import OrderPanel
from desktop.views.registration.texts import phase_text, time_left_text, window_text


@pytest.fixture(autouse=True)
def machine_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This machine's clock in New York: nothing shown may depend on it."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def beijing(*args: int) -> datetime:
    return datetime(*args, tzinfo=BEIJING)  # type: ignore[misc]


def overview(phase: str) -> RegistrationOverview:
    # the server sends UTC here: 2027-02-20 02:00Z is 10:00 in Beijing; 2027-02-22 16:00Z is midnight
    return RegistrationOverview(
        session_code="2027-04",
        session_name="2027年4月",
        server_time=datetime(2027, 2, 21, 4, 0, tzinfo=UTC),
        registration_open=datetime(2027, 2, 20, 2, 0, tzinfo=UTC),
        registration_close=datetime(2027, 2, 27, 9, 0, tzinfo=UTC),
        phase1_close=datetime(2027, 2, 22, 16, 0, tzinfo=UTC),
        phase=phase,
        phase_text="",
        can_register=True,
        reason=None,
        payment_cutoff="23:00",
        home_prefecture_code="4301",
        site_id=None,
        registered_courses=0,
        active_order_courses=0,
        max_courses=4,
        fee_per_course_fen=4800,
        record_card_fee_due_fen=2000,
    )


def order(expires_at: datetime) -> Order:
    return Order(
        order_no="BK1",
        session_code="2027-04",
        status="pending",
        status_text="待支付",
        site_id=1,
        site_name="长沙市第一中学考点",
        site_address="长沙市芙蓉区",
        items=(),
        course_fee_fen=4800,
        record_card_fee_fen=0,
        amount_fen=4800,
        created_at=expires_at - timedelta(minutes=30),
        expires_at=expires_at,
        paid_at=None,
        closed_at=None,
        close_reason=None,
        close_reason_text=None,
        payment_no=None,
        refund=None,
    )


def test_the_window_and_its_phases_in_beijing_time() -> None:
    assert window_text(overview("phase1")) == (
        "2027年4月考试 报考时间 2月20日 10:00 至 2月27日 17:00，第一阶段（仅限本市州考点）至2月23日 00:00"
    )
    assert phase_text(overview("before")) == "报考尚未开始，将于2027年2月20日 10:00开放。"
    assert phase_text(overview("phase1"), "长沙市") == (
        "当前为第一阶段：只能选择本市州（长沙市）的考点；2月23日 00:00起可选择全省考点。"
    )
    assert phase_text(overview("phase2")) == "当前为第二阶段：可选择全省任意考点，报考于2月27日 17:00截止。"
    assert phase_text(overview("closed")) == "本考次报考已于2027年2月27日 17:00结束。"
    for phase in ("before", "phase1", "phase2", "closed"):
        assert "24:00" not in phase_text(overview(phase)) + window_text(overview(phase))


def test_the_countdown_uses_the_clock_it_is_given() -> None:
    expires = beijing(2027, 2, 24, 0, 0)  # midnight: the day it begins
    now = expires - timedelta(minutes=12, seconds=5)
    assert time_left_text(order(expires), now) == (
        "请在 12分05秒 内完成支付（2月24日 00:00前），逾期订单自动关闭，座位将被释放。"
    )
    assert time_left_text(order(expires), expires.astimezone(UTC)).startswith("支付时间已到")


def test_the_order_panel_counts_down_by_the_servers_clock(qtbot: QtBot) -> None:
    expires = beijing(2027, 2, 24, 10, 30)
    server_now = expires - timedelta(minutes=5)
    panel = OrderPanel(lambda: server_now)
    qtbot.addWidget(panel)
    with qtbot.assertNotEmitted(panel.expired):
        panel.set_order(order(expires))
    assert panel.status_label.text().startswith("请在 05分00秒 内完成支付（2月24日 10:30前）")
    assert "下单时间：2027年2月24日 10:00" in panel.details_label.text()
    # the server's clock passes the end (a tester moved it): the panel asks the page to look
    with qtbot.waitSignal(panel.expired, timeout=3000):
        panel.set_clock(lambda: expires + timedelta(seconds=1))
