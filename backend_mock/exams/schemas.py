"""Bodies of 考试信息查询: registration history, timetable, admission ticket (``XPublic`` out).

The field names are the contract of ``desktop/api/types.py`` (ExamHistorySession, ExamHistoryCourse,
Timetable, TimetableSlot, Ticket, TicketCourse).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel


class ExamHistoryCoursePublic(BaseModel):
    course_code: str
    course_name: str
    slot: str | None
    slot_label: str | None
    # the result once released: "78", "合格", "缺考" ...; else 待考 / 成绩未发布
    outcome: str
    score: int | None
    grade: str | None
    passed: bool | None
    released: bool


class ExamHistorySessionPublic(BaseModel):
    session_code: str
    session_name: str
    # 待考 | 成绩未发布 | 成绩已发布
    status_text: str
    site_name: str | None
    site_address: str | None
    # None when no payment is on record (history carried over from before the online system)
    amount_paid_fen: int | None
    courses: list[ExamHistoryCoursePublic]


class TimetableSlotPublic(BaseModel):
    slot: str
    date: date
    start: str  # 09:00
    end: str  # 11:30
    slot_label: str
    course_code: str | None
    course_name: str | None
    site_name: str | None
    site_address: str | None
    room: int | None
    seat: int | None


class TimetablePublic(BaseModel):
    session_code: str
    session_name: str
    ticket_print_open: datetime
    ticket_print_close: datetime
    seats_assigned: bool
    slots: list[TimetableSlotPublic]


class TicketCoursePublic(BaseModel):
    course_code: str
    course_name: str
    slot: str
    date: date
    start: str
    end: str
    slot_label: str
    room: int
    seat: int


class TicketPublic(BaseModel):
    session_code: str
    session_name: str
    name: str
    exam_no: str
    id_number_masked: str
    site_name: str
    site_address: str
    courses: list[TicketCoursePublic]
    rules: list[str]
    photo_available: bool
    print_open: datetime
    print_close: datetime
