"""The calendar of an exam session, computed from the settings, and "which session is now"."""

from __future__ import annotations

import calendar as _cal
from datetime import date, datetime, time, timedelta

from backend_mock.clock import CHINA_TZ
from backend_mock.models import ExamSession
from backend_mock.settings import MonthDayTime, Settings


def _at(year: int, point: MonthDayTime) -> datetime:
    return datetime.combine(date(year, point.month, point.day), point.at, tzinfo=CHINA_TZ)


def nth_saturday(year: int, month: int, n: int) -> date:
    first_weekday, _ = _cal.monthrange(year, month)  # Monday = 0
    first_saturday = 1 + (5 - first_weekday) % 7
    return date(year, month, first_saturday + 7 * (n - 1))


def session_code(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def parse_session_code(code: str) -> tuple[int, int]:
    year, month = code.split("-")
    return int(year), int(month)


def build_session(code: str, settings: Settings) -> ExamSession:
    """A new ``ExamSession`` row with every date of its calendar."""
    year, month = parse_session_code(code)
    cal = settings.calendar_for(month)
    saturday = nth_saturday(year, month, cal.exam_saturday_ordinal)
    sunday = saturday + timedelta(days=1)
    last_slot_end = settings.exam_slots[-1][2]
    reg_open = _at(year, cal.registration_open)
    phase1_close = datetime.combine(
        reg_open.date() + timedelta(days=settings.registration_phase1_days), time(0, 0), tzinfo=CHINA_TZ
    )
    exam_end = datetime.combine(sunday, last_slot_end, tzinfo=CHINA_TZ)
    release = datetime.combine(
        sunday + timedelta(days=settings.score_release_days_after_exam), time(10, 0), tzinfo=CHINA_TZ
    )
    return ExamSession(
        code=code,
        name=f"{year}年{month}月",
        enrolment_open=_at(year, cal.enrolment_open),
        enrolment_close=_at(year, cal.enrolment_close),
        registration_open=reg_open,
        registration_close=_at(year, cal.registration_close),
        phase1_close=phase1_close,
        exam_saturday=saturday,
        ticket_print_open=datetime.combine(
            saturday - timedelta(days=settings.ticket_printing_days_before), time(0, 0), tzinfo=CHINA_TZ
        ),
        ticket_print_close=exam_end,
        score_release=release,
        review_close=release + timedelta(days=settings.score_review_window_days),
        graduation_open=_at(year, cal.graduation_open),
        graduation_close=_at(year, cal.graduation_close),
    )


def session_codes_around(now: datetime, settings: Settings, past: int, future: int) -> list[str]:
    """Codes of sessions around ``now``, oldest first: ``past`` sessions whose exams are over, the
    next session whose exams have not ended yet, and ``future`` more after it."""
    codes = [session_code(y, m) for y in range(now.year - past, now.year + future + 2) for m in (4, 10)]
    upcoming = next(i for i, c in enumerate(codes) if build_session(c, settings).ticket_print_close > now)
    return codes[max(0, upcoming - past) : upcoming + 1 + future]
