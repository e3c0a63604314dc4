"""The one way the program writes time: every date and time a person reads or prints.

Everything is Beijing time (the authority's time), whatever zone the machine is in: aware
datetimes are converted, naive ones are taken as Beijing time.  One style each, in Chinese and,
when the English catalogues are installed (``desktop.i18n.language``, docs/i18n.md), the English way:

==============  ================================  ===============================  =========================
what            function                          example                          in English
==============  ================================  ===============================  =========================
a date          ``date_text(d)``                  2027年2月20日                     20 Feb 2027
                (``weekday=True``)                2027年2月20日（周六）              Sat 20 Feb 2027
a time          ``time_text(t)``                  10:00 (``seconds=True``: 10:00:05)  the same
a date-time     ``datetime_text(dt)``             2027年2月20日 10:00               20 Feb 2027 10:00
a window        ``window_text(start, end)``       2月20日 10:00 至 2月27日 17:00      20 Feb 10:00 – 27 Feb 17:00
                (``year=True``)                   2027年2月20日 10:00 至 2月27日 17:00
a short date    ``date_text(d, year=False)``      2月20日 (in lists where the year is plain)  20 Feb
a month         ``month_text(2027, 4)``           2027年4月                         April 2027
==============  ================================  ===============================  =========================

A window leaves the year out when both ends are in the same year (the year is then said once
by whoever shows the window, or is plain from the context); across years both ends carry it.
Midnight is 00:00 of the day it begins, never "24:00" of the day before.
Official papers (desktop/documents) are Chinese in both languages: they pass ``chinese=True``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from desktop.core.clock import to_beijing
from desktop.i18n.language import is_english

WEEKDAYS = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _english(chinese: bool) -> bool:
    return not chinese and is_english()


def weekday_text(day: date, *, chinese: bool = False) -> str:
    """周六 (Sat)."""
    if _english(chinese):
        return WEEKDAYS_EN[day.weekday()]
    return f"周{WEEKDAYS[day.weekday()]}"


def date_text(value: date | datetime, *, year: bool = True, weekday: bool = False, chinese: bool = False) -> str:
    day = to_beijing(value).date() if isinstance(value, datetime) else value
    if _english(chinese):
        text = f"{day.day} {MONTHS_EN[day.month - 1]}" + (f" {day.year}" if year else "")
        return f"{weekday_text(day)} {text}" if weekday else text
    text = f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"
    return f"{text}（{weekday_text(day, chinese=True)}）" if weekday else text


def time_text(value: time | datetime, *, seconds: bool = False) -> str:
    moment = to_beijing(value).time() if isinstance(value, datetime) else value
    return f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"


def datetime_text(value: datetime, *, year: bool = True, seconds: bool = False, chinese: bool = False) -> str:
    moment = to_beijing(value)
    return f"{date_text(moment, year=year, chinese=chinese)} {time_text(moment, seconds=seconds)}"


def window_text(start: datetime, end: datetime, *, year: bool = False, chinese: bool = False) -> str:
    """2月20日 10:00 至 2月27日 17:00 (with the years when the ends are in different years).

    ``year=True`` says the year once, at the start: 2027年2月20日 10:00 至 2月27日 17:00.
    """
    begin, finish = to_beijing(start), to_beijing(end)
    joint = " – " if _english(chinese) else " 至 "
    if begin.year != finish.year:
        return f"{datetime_text(begin, chinese=chinese)}{joint}{datetime_text(finish, chinese=chinese)}"
    first = datetime_text(begin, year=year, chinese=chinese)
    return f"{first}{joint}{datetime_text(finish, year=False, chinese=chinese)}"


def month_text(year: int, month: int, *, chinese: bool = False) -> str:
    """2027年4月 (an exam session's month; April 2027)."""
    if _english(chinese):
        return f"{MONTH_NAMES_EN[month - 1]} {year}"
    return f"{year}年{month}月"
