"""The backend's English catalogue: every message of the code has an English form that fits it.

A new message without English (or written as an f-string, which gettext cannot look up) fails here:
run ``python scripts/server_messages.py`` and write the English form in the ``.po`` file.
"""

from __future__ import annotations

import string
import sys
from datetime import date, datetime, time
from pathlib import Path

import polib
import pytest

from backend_mock.i18n import Msg, enumeration, negotiate, render, translations
from backend_mock.waiting_room.gate import waiting_message

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from server_messages import CATALOGUE, extract


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.fixture(scope="module")
def entries() -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(CATALOGUE)) if not e.obsolete and e.msgid}


def test_every_message_of_the_code_has_an_english_form(entries: dict[str, polib.POEntry]) -> None:
    found = extract()
    assert len(found.ids) > 400  # the extractor still sees the refusals, labels and phrases
    missing = [f"{places[0]}: {msgid}" for msgid, places in found.ids.items() if not entries.get(msgid)]
    untranslated = [msgid for msgid in found.ids if msgid in entries and not entries[msgid].msgstr]
    fuzzy = [msgid for msgid in found.ids if msgid in entries and "fuzzy" in entries[msgid].flags]
    assert missing == [] and untranslated == [] and fuzzy == [], (missing, untranslated, fuzzy)


def test_no_message_is_an_f_string() -> None:
    assert extract().formatted == []  # write Msg("...{name}...", name=value): one template per message


def test_english_forms_fit_their_templates(entries: dict[str, polib.POEntry]) -> None:
    for msgid, entry in entries.items():
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in entry.msgstr), entry.msgstr
        assert _fields(entry.msgstr) <= _fields(msgid), msgid  # no parameter the code does not give
        assert "HTTP" not in entry.msgstr


def test_english_is_looked_up_by_the_standard_gettext() -> None:
    catalogue = translations("en")
    assert catalogue.gettext("请先登录") == "Please sign in first"
    assert catalogue.gettext("未收录的一句话") == "未收录的一句话"  # unknown: falls back to the msgid
    assert translations("zh").gettext("请先登录") == "请先登录"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("EN-us", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en;q=0.1, zh;q=0.9", "zh"),
        ("zh;q=0.4, en;q=0.6", "en"),
        ("zh;q=0, en", "en"),
        ("en;q=0", "zh"),
        ("fr, de;q=0.9, en;q=0.5", "en"),
        ("fr", "zh"),
        ("*", "zh"),
        ("", "zh"),
        (None, "zh"),
        ("en;q=abc, zh;q=0.5", "zh"),
        ("en;q=2", "zh"),
        ("en ; q = 0.7 , zh ; q=0.6", "en"),
    ],
)
def test_accept_language_is_negotiated_by_q_value(header: str | None, language: str) -> None:
    assert negotiate(header) == language


def test_one_message_serves_both_languages() -> None:
    closes = datetime(2027, 3, 5, 17, 0)
    msg = Msg("{session}考次报考已于{closes:%Y年%m月%d日 %H:%M}结束", session="2027年4月", closes=closes)
    assert msg == "2027年4月考次报考已于2027年03月05日 17:00结束"  # the str itself is Chinese
    assert render(msg, "zh") == msg
    assert render(msg, "en") == "Registration for the 2027年4月 session closed on 5 March 2027, 17:00"


def test_parts_are_translated_with_the_sentence() -> None:
    roles = enumeration([Msg("窗口工作人员"), Msg("审核员")])
    msg = Msg("此操作仅限{allowed}，您的角色是{role}", allowed=roles, role=Msg("管理员"))
    assert msg == "此操作仅限窗口工作人员、审核员，您的角色是管理员"
    assert render(msg, "en") == "This is for the counter clerk and reviewer role only; your role is administrator"
    choice = enumeration([Msg("草稿"), Msg("已提交"), Msg("退回")], alternatives=True)
    assert choice == "草稿、已提交、退回" and render(choice, "en") == "Draft, submitted or returned"
    fields = {"fields": [{"field": "name", "message": Msg("{label}必须填写", label=Msg("姓名"))}]}
    assert render(fields, "en") == {"fields": [{"field": "name", "message": "Name is required"}]}


def test_waiting_room_texts_in_english() -> None:
    assert render(waiting_message(4, 150), "en").startswith("Many people are using the service right now")
    assert "3 ahead of you" in render(waiting_message(4, 150), "en")
    assert "you are next" in render(waiting_message(1, 30), "en")
    assert "前面还有 3 人" in waiting_message(4, 150)


def test_dates_and_times_are_written_the_english_way() -> None:
    from backend_mock.registration.service import until

    assert render(until(datetime(2027, 4, 10, 0, 0)), "en") == "Midnight at the end of 9 April"
    assert until(datetime(2027, 4, 10, 0, 0)) == "4月9日24:00"
    slot = Msg(
        "{day.month}月{day.day}日（周{weekday}）{start:%H:%M}–{end:%H:%M}",
        day=date(2027, 4, 10),
        weekday="六",
        start=time(9),
        end=time(11, 30),
    )
    assert render(slot, "en") == "Sat 10 April, 09:00–11:30"


def test_a_message_survives_pickling() -> None:
    import pickle

    msg = Msg("每日{cutoff:%H:%M}至24:00暂停报考和缴费，请于次日0:00后再来", cutoff=time(17))
    again = pickle.loads(pickle.dumps(msg))
    assert again == msg and render(again, "en").startswith("Registration and payment pause every day from 17:00")
