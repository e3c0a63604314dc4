"""The one way to write time (``desktop.core.timefmt``): every function, midnight, windows across
years, and aware datetimes of other zones written in Beijing time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core import timefmt
from desktop.core.clock import BEIJING, to_beijing

NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = timezone(timedelta(hours=5, minutes=30))


# --- each function ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 2, 15), "周一"),
        (date(2027, 2, 16), "周二"),
        (date(2027, 2, 17), "周三"),
        (date(2027, 2, 18), "周四"),
        (date(2027, 2, 19), "周五"),
        (date(2027, 2, 20), "周六"),
        (date(2027, 2, 21), "周日"),
    ],
)
def test_weekday_text(day: date, expected: str) -> None:
    assert timefmt.weekday_text(day) == expected


def test_date_text_styles() -> None:
    day = date(2027, 2, 20)
    assert timefmt.date_text(day) == "2027年2月20日"
    assert timefmt.date_text(day, weekday=True) == "2027年2月20日（周六）"
    assert timefmt.date_text(day, year=False) == "2月20日"
    assert timefmt.date_text(day, year=False, weekday=True) == "2月20日（周六）"
    assert timefmt.date_text(date(2027, 11, 3)) == "2027年11月3日"  # no leading zeros


def test_time_text_styles() -> None:
    assert timefmt.time_text(time(10, 0)) == "10:00"
    assert timefmt.time_text(time(9, 5, 7)) == "09:05"
    assert timefmt.time_text(time(9, 5, 7), seconds=True) == "09:05:07"
    assert timefmt.time_text(datetime(2027, 2, 20, 17, 30, tzinfo=BEIJING)) == "17:30"


def test_datetime_text_styles() -> None:
    moment = datetime(2027, 2, 20, 10, 0, 5, tzinfo=BEIJING)
    assert timefmt.datetime_text(moment) == "2027年2月20日 10:00"
    assert timefmt.datetime_text(moment, year=False) == "2月20日 10:00"
    assert timefmt.datetime_text(moment, seconds=True) == "2027年2月20日 10:00:05"


def test_window_text_in_one_year_says_no_year() -> None:
    start = datetime(2027, 2, 20, 10, 0, tzinfo=BEIJING)
    end = datetime(2027, 2, 27, 17, 0, tzinfo=BEIJING)
    assert timefmt.window_text(start, end) == "2月20日 10:00 至 2月27日 17:00"


def test_window_text_across_years_gives_both_years() -> None:
    start = datetime(2026, 12, 28, 9, 0, tzinfo=BEIJING)
    end = datetime(2027, 1, 5, 17, 0, tzinfo=BEIJING)
    assert timefmt.window_text(start, end) == "2026年12月28日 09:00 至 2027年1月5日 17:00"


def test_window_across_years_only_in_beijing_time() -> None:
    # 2026-12-31 16:30 UTC is already 2027 in Beijing: one year, so no year is said
    start = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)
    end = datetime(2027, 1, 2, 9, 0, tzinfo=BEIJING)
    assert timefmt.window_text(start, end) == "1月1日 00:30 至 1月2日 09:00"


def test_month_text() -> None:
    assert timefmt.month_text(2027, 4) == "2027年4月"
    assert timefmt.month_text(2026, 10) == "2026年10月"


# --- midnight -------------------------------------------------------------------------------------------


def test_midnight_is_00_00_of_its_own_day() -> None:
    midnight = datetime(2027, 2, 21, 0, 0, tzinfo=BEIJING)
    assert timefmt.time_text(midnight) == "00:00"
    assert timefmt.datetime_text(midnight) == "2027年2月21日 00:00"
    assert timefmt.date_text(midnight, weekday=True) == "2027年2月21日（周日）"
    # a window that ends at midnight ends on the new day, at 00:00
    start = datetime(2027, 2, 20, 9, 0, tzinfo=BEIJING)
    assert timefmt.window_text(start, midnight) == "2月20日 09:00 至 2月21日 00:00"
    # the new year's midnight, reached from UTC
    new_year = datetime(2026, 12, 31, 16, 0, tzinfo=UTC)
    assert timefmt.datetime_text(new_year) == "2027年1月1日 00:00"


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)))
def test_no_time_is_ever_24_00(moment: datetime) -> None:
    text = timefmt.datetime_text(moment, seconds=True)
    hour = int(text.split(" ")[1].split(":")[0])
    assert 0 <= hour <= 23
    beijing = moment.astimezone(BEIJING)
    assert text == f"{beijing.year}年{beijing.month}月{beijing.day}日 {beijing:%H:%M:%S}"


# --- other zones ----------------------------------------------------------------------------------------


def test_aware_datetimes_of_other_zones_are_written_in_beijing_time() -> None:
    beijing = datetime(2027, 2, 20, 10, 0, tzinfo=BEIJING)
    for zone in (UTC, NEW_YORK, KOLKATA, ZoneInfo("Europe/Berlin")):
        there = beijing.astimezone(zone)
        assert there.hour != 10  # really another wall-clock time
        assert timefmt.datetime_text(there) == "2027年2月20日 10:00", zone
        assert timefmt.time_text(there) == "10:00", zone
        assert timefmt.date_text(there, weekday=True) == "2027年2月20日（周六）", zone


def test_the_date_is_beijing_s_date() -> None:
    # 20:00 on Friday in New York is 09:00 on Saturday in Beijing
    friday_evening = datetime(2027, 2, 19, 20, 0, tzinfo=NEW_YORK)
    assert timefmt.date_text(friday_evening, weekday=True) == "2027年2月20日（周六）"
    assert timefmt.datetime_text(friday_evening, year=False) == "2月20日 09:00"
    # across a daylight-saving change of New York: Beijing has none
    summer = datetime(2027, 7, 1, 20, 0, tzinfo=NEW_YORK)
    assert timefmt.datetime_text(summer) == "2027年7月2日 08:00"


def test_window_of_ends_in_two_zones() -> None:
    start = datetime(2027, 2, 20, 2, 0, tzinfo=UTC)  # 10:00 Beijing
    end = datetime(2027, 2, 27, 4, 0, tzinfo=NEW_YORK)  # 17:00 Beijing
    assert timefmt.window_text(start, end) == "2月20日 10:00 至 2月27日 17:00"


def test_naive_datetimes_are_beijing_time() -> None:
    naive = datetime(2027, 2, 20, 10, 0)
    assert to_beijing(naive) == datetime(2027, 2, 20, 10, 0, tzinfo=BEIJING)
    assert timefmt.datetime_text(naive) == "2027年2月20日 10:00"
    assert to_beijing(datetime(2027, 2, 20, 2, 0, tzinfo=UTC)).utcoffset() == timedelta(hours=8)
