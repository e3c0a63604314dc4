"""The .ics export: RFC 5545 lines (CRLF, 75-octet folding, escaping), parsed back with the
``icalendar`` package and compared with what was exported."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from desktop.api.notices import Deadline
from desktop.documents.ics import MOMENT_LENGTH, build_ics, fold
from tests.fixtures.accounts import examinee_client
from tests.fixtures.servers import LiveServer

CST = timezone(timedelta(hours=8))
STAMP = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def deadline(key: str, title: str, start: datetime, end: datetime | None, detail: str = "说明") -> Deadline:
    return Deadline(
        key=key, kind="exam", title=title, start=start, end=end, concerns=True, detail=detail, session_code="2026-04"
    )


def events(text: str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    return list(cal.walk("VEVENT"))


def check_lines(text: str) -> None:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare LF anywhere
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
        assert line.isprintable()


def test_events_parse_back_with_times_in_utc() -> None:
    long_title = "考试：" + "毛泽东思想和中国特色社会主义理论体系概论" * 3 + "（12656）"
    detail = "4月11日（周六）09:00–11:30，长沙市第一中学；请携带准考证, 身份证\n第二行"
    items = [
        deadline(
            "exam-2026-04-12656",
            long_title,
            datetime(2026, 4, 11, 9, 0, tzinfo=CST),
            datetime(2026, 4, 11, 11, 30, tzinfo=CST),
            detail,
        ),
        deadline("payment_cutoff-20260222", "缴费截止（每日23:00）", datetime(2026, 2, 22, 23, 0, tzinfo=CST), None),
    ]
    text = build_ics(items, STAMP)
    check_lines(text)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    parsed = events(text)
    assert [str(e["UID"]) for e in parsed] == [
        "exam-2026-04-12656@zikao.hunan.example",
        "payment_cutoff-20260222@zikao.hunan.example",
    ]
    exam, cutoff = parsed
    assert str(exam["SUMMARY"]) == long_title
    assert str(exam["DESCRIPTION"]) == detail
    assert exam.decoded("DTSTART") == datetime(2026, 4, 11, 1, 0, tzinfo=UTC)
    assert exam.decoded("DTEND") == datetime(2026, 4, 11, 3, 30, tzinfo=UTC)
    assert exam.decoded("DTSTAMP") == STAMP
    # a deadline is a short event at the deadline itself
    assert cutoff.decoded("DTSTART") == datetime(2026, 2, 22, 15, 0, tzinfo=UTC)
    assert cutoff.decoded("DTEND") - cutoff.decoded("DTSTART") == timedelta(minutes=30)


def test_the_same_dates_give_the_same_uids() -> None:
    item = deadline("registration-2026-10", "报考", datetime(2026, 8, 23, 10, tzinfo=CST), None)
    first = events(build_ics([item], STAMP))[0]["UID"]
    again = events(build_ics([item], STAMP + timedelta(days=3)))[0]["UID"]
    assert first == again


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=300))
def test_folding_never_splits_a_character(text: str) -> None:
    line = "SUMMARY:" + text
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == line


def test_export_of_a_real_calendar(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "midway")
    cal = client.notices.calendar()
    text = build_ics(cal.items, cal.server_time)
    check_lines(text)
    parsed = events(text)
    assert len(parsed) == len(cal.items) > 5
    by_uid = {str(e["UID"]).split("@")[0]: e for e in parsed}
    for item in cal.items:
        event = by_uid[item.key]
        assert str(event["SUMMARY"]) == item.title
        assert event.decoded("DTSTART") == item.start


def test_naive_times_are_beijing_time_and_mix_with_aware_ones() -> None:
    """A naive start (Beijing time, as everywhere in the program) is not read in the machine's zone."""
    item = deadline(
        "exam-2027-04-00041",
        "考试",
        datetime(2027, 4, 10, 9, 0),  # naive
        datetime(2027, 4, 10, 3, 30, tzinfo=UTC),  # 11:30 in Beijing
    )
    (event,) = events(build_ics([item], datetime(2027, 3, 1, 8, 0)))
    assert event.decoded("DTSTART") == datetime(2027, 4, 10, 1, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2027, 4, 10, 3, 30, tzinfo=UTC)
    assert event.decoded("DTSTAMP") == datetime(2027, 3, 1, 0, 0, tzinfo=UTC)


def test_an_end_before_the_start_becomes_a_short_event_at_the_start() -> None:
    start = datetime(2027, 2, 22, 23, 0, tzinfo=CST)
    item = deadline("payment_cutoff-20270222", "缴费截止", start, start.astimezone(UTC) - timedelta(minutes=1))
    (event,) = events(build_ics([item], STAMP))
    assert event.decoded("DTSTART") == datetime(2027, 2, 22, 15, 0, tzinfo=UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == MOMENT_LENGTH
