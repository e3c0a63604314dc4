"""The one way the program writes time: every date and time a person reads or prints.

Everything is Beijing time (the authority's time), whatever zone the machine is in: aware
datetimes are converted, naive ones are taken as Beijing time.  One style each:

==============  ================================  ===============================
what            function                          example
==============  ================================  ===============================
a date          ``date_text(d)``                  2027年2月20日 (``weekday=True``: 2027年2月20日（周六）)
a time          ``time_text(t)``                  10:00 (``seconds=True``: 10:00:05)
a date-time     ``datetime_text(dt)``             2027年2月20日 10:00
a window        ``window_text(start, end)``       2月20日 10:00 至 2月27日 17:00
                (``year=True``)                   2027年2月20日 10:00 至 2月27日 17:00
a short date    ``date_text(d, year=False)``      2月20日 (in lists where the year is plain)
==============  ================================  ===============================

A window leaves the year out when both ends are in the same year (the year is then said once
by whoever shows the window, or is plain from the context); across years both ends carry it.
Midnight is 00:00 of the day it begins, never "24:00" of the day before.
"""

from __future__ import annotations

from datetime import date, datetime, time

from desktop.core.clock import to_beijing

WEEKDAYS = "一二三四五六日"


def weekday_text(day: date) -> str:
    """周六."""
    return f"周{WEEKDAYS[day.weekday()]}"


def date_text(value: date | datetime, *, year: bool = True, weekday: bool = False) -> str:
    day = to_beijing(value).date() if isinstance(value, datetime) else value
    text = f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"
    return f"{text}（{weekday_text(day)}）" if weekday else text


def time_text(value: time | datetime, *, seconds: bool = False) -> str:
    moment = to_beijing(value).time() if isinstance(value, datetime) else value
    return f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"


def datetime_text(value: datetime, *, year: bool = True, seconds: bool = False) -> str:
    moment = to_beijing(value)
    return f"{date_text(moment, year=year)} {time_text(moment, seconds=seconds)}"


def window_text(start: datetime, end: datetime, *, year: bool = False) -> str:
    """2月20日 10:00 至 2月27日 17:00 (with the years when the ends are in different years).

    ``year=True`` says the year once, at the start: 2027年2月20日 10:00 至 2月27日 17:00.
    """
    begin, finish = to_beijing(start), to_beijing(end)
    if begin.year != finish.year:
        return f"{datetime_text(begin)} 至 {datetime_text(finish)}"
    return f"{datetime_text(begin, year=year)} 至 {datetime_text(finish, year=False)}"


def month_text(year: int, month: int) -> str:
    """2027年4月 (an exam session's month)."""
    return f"{year}年{month}月"
