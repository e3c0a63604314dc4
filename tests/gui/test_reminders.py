"""Reminder timing with a controlled clock (no real waiting): which dates are announced when,
once each, with the configured lead time; the server-clock offset; the page's fallback banner
when there is no system tray (offscreen)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.api.notices import Deadline
from desktop.core.clock import ServerClock
from desktop.core.reminders import ReminderService, countdown_text, due_reminders
from desktop.core.settings import AppSettings
from desktop.core.tasks import TaskRunner
from desktop.views.notices import NoticesPage
from tests.fixtures.accounts import login
from tests.fixtures.servers import LiveServer

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 8, 20, 12, 0, tzinfo=CST)


def item(key: str, start: datetime, end: datetime | None = None, *, concerns: bool = True, kind: str = "x") -> Deadline:
    return Deadline(key, kind, f"标题{key}", start, end, concerns, "说明", None)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_countdown_texts() -> None:
    assert countdown_text(timedelta(days=3, hours=4, minutes=59)) == "还剩 3 天 4 小时"
    assert countdown_text(timedelta(hours=5, minutes=20, seconds=30)) == "还剩 5 小时 20 分"
    assert countdown_text(timedelta(minutes=12, seconds=5)) == "还剩 12 分钟"
    assert countdown_text(timedelta(seconds=20)) == "还剩 1 分钟"
    assert countdown_text(timedelta(seconds=-5)) == "还剩 0 分钟"


def test_due_only_inside_the_lead_window_and_only_for_dates_that_concern_them() -> None:
    lead = timedelta(days=1)
    deadline = item("a", T0 + timedelta(days=2))
    info = item("b", T0 + timedelta(hours=2), concerns=False)
    assert due_reminders([deadline, info], T0, lead, set()) == []
    just_before = T0 + timedelta(days=1) - timedelta(seconds=1)
    assert due_reminders([deadline], just_before, lead, set()) == []
    (r,) = due_reminders([deadline], T0 + timedelta(days=1), lead, set())
    assert r.key == "a:start" and "还剩 1 天 0 小时" in r.message and "截止" in r.message
    # at the moment itself (or after) it is too late to remind
    assert due_reminders([deadline], T0 + timedelta(days=2), lead, set()) == []
    # already sent: not again
    assert due_reminders([deadline], T0 + timedelta(days=1, hours=1), lead, {"a:start"}) == []


def test_a_window_reminds_of_its_opening_and_its_closing() -> None:
    window = item("w", T0 + timedelta(hours=3), T0 + timedelta(days=5), kind="registration")
    lead = timedelta(hours=6)
    assert [r.key for r in due_reminders([window], T0, lead, set())] == ["w:start"]
    assert "开始" in due_reminders([window], T0, lead, set())[0].message
    late = T0 + timedelta(days=4, hours=20)
    (closing,) = due_reminders([window], late, lead, {"w:start"})
    assert closing.key == "w:end" and "结束" in closing.message
    # the second phase closes with the window: one reminder, also after it was sent
    phase2 = Deadline("p2", "registration_phase2", "第二阶段", T0, T0 + timedelta(days=5), True, "", None)
    assert [r.key for r in due_reminders([window, phase2], late, lead, {"w:start"})] == ["w:end"]
    assert due_reminders([window, phase2], late, lead, {"w:start", "w:end"}) == []
    exam = item("e", T0 + timedelta(hours=1), T0 + timedelta(hours=3, minutes=30), kind="exam")
    assert [r.key for r in due_reminders([exam], T0, lead, set())] == ["e:start"]  # no "exam ends" reminder


def test_service_ticks_with_an_injected_clock(qtbot: QtBot) -> None:
    clock = FakeClock(T0)
    service = ReminderService(clock)
    seen: list[str] = []
    service.reminder.connect(lambda r: seen.append(r.key))
    service.set_lead(60)
    service.set_items([item("soon", T0 + timedelta(hours=2)), item("later", T0 + timedelta(days=3))])
    assert seen == []  # lead 1 hour: nothing within it yet
    clock.now = T0 + timedelta(hours=1, minutes=1)
    assert [r.key for r in service.tick()] == ["soon:start"]
    assert service.tick() == []  # once
    service.set_enabled(False)
    clock.now = T0 + timedelta(days=3) - timedelta(minutes=30)
    assert service.tick() == []
    service.set_enabled(True)
    assert seen == ["soon:start", "later:start"]


def test_the_lead_time_widens_what_is_due(qtbot: QtBot) -> None:
    clock = FakeClock(T0)
    service = ReminderService(clock)
    service.set_lead(60)
    service.set_items([item("d", T0 + timedelta(hours=5))])
    assert service.sent == set()
    service.set_lead(6 * 60)
    assert service.sent == {"d:start"}


def test_server_clock_applies_the_offset() -> None:
    local = FakeClock(datetime(2026, 1, 1, 0, 0, tzinfo=UTC))
    clock = ServerClock(local)
    clock.sync(datetime(2026, 8, 20, 12, 0, tzinfo=CST))  # the server is months ahead (tester clock)
    assert clock.now() == datetime(2026, 8, 20, 12, 0, tzinfo=CST)
    local.now += timedelta(minutes=10)
    assert clock.now() == datetime(2026, 8, 20, 12, 10, tzinfo=CST)


# --- the page: banner when there is no tray ---------------------------------------------------------


def test_page_reminds_through_a_banner_offscreen(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, tmp_path: Path
) -> None:
    client = ApiClient(live_server.url)
    try:
        cal_public = client.system.calendar()
        session = cal_public.session(cal_public.upcoming)
        assert session is not None
        now = session.registration_close - timedelta(hours=2)
        client.mock.set_clock(now, frozen=True)
        login(client, "010524200012")  # a demo examinee in good standing
        settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        settings.reminder_lead_minutes = 60
        local = FakeClock(datetime.now(UTC))
        clock = ServerClock(local)
        client.on_server_time = clock.sync  # as the shell does: every answer tells the server's now
        page = NoticesPage(client, runner, settings=settings, clock=clock)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.calendar is not None and not page.loading, timeout=15_000)
        assert page.calendar_view.lead_minutes == 60
        assert not page.tray_available
        reminders = [b for b in page.banners if b.text.startswith("日程提醒")]
        assert reminders == []  # registration closes in 2 hours: outside a 1-hour lead
        with qtbot.waitSignal(page.reminded, timeout=2_000) as got:
            local.now += timedelta(hours=1, minutes=5)
            page.reminders.tick()
        assert got.args[0].key == f"registration-{session.code}:end"
        (banner,) = [b for b in page.banners if b.text.startswith("日程提醒")]
        assert "报考" in banner.text and "还剩 55 分钟" in banner.text
        # changing the lead time is kept in the settings
        page.calendar_view.set_lead(3 * 24 * 60)
        assert settings.reminder_lead_minutes == 3 * 24 * 60
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    finally:
        client.close()


def test_page_reminds_through_the_tray_when_there_is_one(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(NoticesPage, "tray_available", property(lambda _self: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda _self: None)
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda _self, title, text, *_a: shown.append((title, text)))
    client = ApiClient(live_server.url)
    try:
        login(client, "010524200012")
        local = FakeClock(datetime.now(UTC))
        clock = ServerClock(local)
        client.on_server_time = clock.sync
        page = NoticesPage(client, runner, clock=clock)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.calendar is not None and not page.loading, timeout=15_000)
        upcoming = next(i for i in page.calendar.items if i.concerns and i.start > page.clock.now())
        before = len(shown)
        local.now += upcoming.start - page.clock.now() - timedelta(minutes=30)
        page.reminders.tick()
        assert len(shown) > before and shown[-1][0] == "自考日程提醒"
        assert upcoming.title in shown[-1][1] or any(upcoming.title in text for _t, text in shown[before:])
        assert not [b for b in page.banners if b.text.startswith("日程提醒")]  # the tray took it
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    finally:
        client.close()
