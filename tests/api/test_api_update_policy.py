"""软件更新 policy over real HTTP: any staff member reads it, only an administrator changes it,
bad closing times are refused in words (Chinese and English) and leave it unchanged, and each
change is audited in words (docs/updates.md)."""

from __future__ import annotations

import re
from datetime import datetime, time

import pytest

from backend_mock.clock import CHINA_TZ
from backend_mock.staff.admin import ACTION_TEXT, _details_text
from desktop.api import ApiClient, PermissionDenied, ValidationFailed
from desktop.api.errors import AuthError
from tests.fixtures.accounts import login
from tests.fixtures.servers import LiveServer
from tests.fixtures.staff import staff_audit


def test_any_staff_reads_the_policy_only_an_admin_changes_it(staff_clients: dict[str, ApiClient]) -> None:
    for role in ("clerk", "reviewer", "admin"):
        policy = staff_clients[role].staff.update_policy()
        assert (policy.defer, policy.closing_time) == (False, "17:30")
    with pytest.raises(PermissionDenied) as info:
        staff_clients["examinee"].staff.update_policy()
    assert info.value.code == "staff_only"
    for role in ("clerk", "reviewer"):
        with pytest.raises(PermissionDenied):
            staff_clients[role].staff.change_update_policy(True, "18:00")
    assert staff_clients["clerk"].staff.update_policy().defer is False
    changed = staff_clients["admin"].staff.change_update_policy(True, "18:00")
    assert (changed.defer, changed.closing_time) == (True, "18:00")
    seen = staff_clients["clerk"].staff.update_policy()
    assert (seen.defer, seen.closing_time) == (True, "18:00")


def test_anonymous_is_refused(live_server: LiveServer) -> None:
    with pytest.raises(AuthError):
        live_server.client(retries=0).request("GET", "/updates/policy")


@pytest.mark.parametrize("text", ["24:00", "17:60", "1730", "17.30", "半夜", "", " ", "7:5", "17:30:00", "-1:00"])
def test_bad_closing_times_are_refused_in_words(staff_clients: dict[str, ApiClient], text: str) -> None:
    admin = staff_clients["admin"]
    with pytest.raises(ValidationFailed) as info:
        admin.staff.change_update_policy(True, text)
    assert "下班时间" in info.value.message and "closing_time" not in info.value.message
    assert admin.staff.update_policy().defer is False  # unchanged


def test_the_refusal_has_an_english_form(live_server: LiveServer) -> None:
    english = live_server.client(retries=0, language="en")
    try:
        login(english, "admin", kind="staff")
        with pytest.raises(ValidationFailed) as info:
            english.staff.change_update_policy(True, "25:00")
        message = info.value.message
        assert "closing time" in message and "24-hour clock" in message, message
        assert not re.search(r"[\u4e00-\u9fff]", message), message
    finally:
        english.close()


def test_sloppy_but_clear_times_are_taken(staff_clients: dict[str, ApiClient]) -> None:
    admin = staff_clients["admin"].staff
    assert admin.change_update_policy(True, " 9:05 ").closing_time == "09:05"
    assert admin.change_update_policy(True, "17：45").closing_time == "17:45"


def test_deferred_now_follows_the_server_clock(live_server: LiveServer) -> None:
    today = live_server.tester.system.calendar().server_time.astimezone(CHINA_TZ).date()

    def at(hours: int, minutes: int) -> datetime:
        return datetime.combine(today, time(hours, minutes), tzinfo=CHINA_TZ)

    live_server.freeze_clock(
        at(17, 20)
    )  # before the logins: a session ends 12 hours after its login (idle: 15 minutes)
    admin, clerk = live_server.new_client(), live_server.new_client()
    login(admin, "admin", kind="staff")
    login(clerk, "cs_clerk", kind="staff")
    admin.staff.change_update_policy(True, "17:30")
    live_server.freeze_clock(at(17, 29))
    before = clerk.staff.update_policy()
    assert before.deferred_now and f"{before.server_time:%H:%M}" == "17:29"
    live_server.freeze_clock(at(17, 30))
    assert not clerk.staff.update_policy().deferred_now
    admin.staff.change_update_policy(False, "17:30")
    live_server.freeze_clock(at(17, 0))
    assert not clerk.staff.update_policy().deferred_now


def test_each_change_is_audited_in_words(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    admin = staff_clients["admin"].staff
    admin.change_update_policy(True, "18:00")
    admin.change_update_policy(True, "18:00")  # no change: no record
    admin.change_update_policy(False, "18:00")
    rows = [r for r in staff_audit(live_server, "admin") if r.action == "update_policy_changed"]
    assert [r.details for r in rows] == [
        {"defer": True, "closing_time": "18:00"},
        {"defer": False, "closing_time": "18:00"},
    ]
    assert ACTION_TEXT["update_policy_changed"] == "修改软件更新设置"
    words = _details_text("update_policy_changed", rows[0].details)
    assert words == "柜台电脑推迟更新到下班后：是；下班时间：18:00"
