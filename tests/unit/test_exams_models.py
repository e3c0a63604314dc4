"""Item models of 考试信息: Qt's model contract (qtmodeltester) and what each cell says."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.api.types import ExamHistoryCourse, ExamHistorySession, Timetable, TimetableSlot
from desktop.models.exams_models import (
    NOT_REGISTERED,
    SEAT_PENDING,
    HistoryCourseModel,
    HistorySessionModel,
    TimetableModel,
    day_text,
    outcome_summary,
    room_seat_text,
)

CST = timezone(timedelta(hours=8))
SAT = date(2027, 4, 10)
OPEN = datetime(2027, 3, 31, 0, 0, tzinfo=CST)
CLOSE = datetime(2027, 4, 11, 17, 0, tzinfo=CST)
TIMES = {"SAT_AM": ("09:00", "11:30"), "SAT_PM": ("14:30", "17:00"), "SUN_AM": ("09:00", "11:30")}
TIMES["SUN_PM"] = ("14:30", "17:00")


def slot(name: str, course: str | None, room: int | None = None, seat: int | None = None) -> TimetableSlot:
    start, end = TIMES[name]
    return TimetableSlot(
        slot=name,
        date=SAT + timedelta(days=1 if name.startswith("SUN") else 0),
        start=start,
        end=end,
        slot_label=f"{name} {start}",
        course_code=course,
        course_name=f"课程{course}" if course else None,
        site_name="长沙市第一中学考点" if course else None,
        site_address="长沙市芙蓉区" if course else None,
        room=room,
        seat=seat,
    )


def timetable(assigned: bool) -> Timetable:
    room, seat = (3, 17) if assigned else (None, None)
    return Timetable(
        session_code="2027-04",
        session_name="2027年4月",
        ticket_print_open=OPEN,
        ticket_print_close=CLOSE,
        seats_assigned=assigned,
        slots=(
            slot("SAT_AM", None),
            slot("SAT_PM", "00530", room, seat),
            slot("SUN_AM", "00019", room, seat),
            slot("SUN_PM", None),
        ),
    )


def course(code: str, outcome: str, passed: bool | None, released: bool = True) -> ExamHistoryCourse:
    return ExamHistoryCourse(
        course_code=code,
        course_name=f"课程{code}",
        slot="SAT_AM",
        slot_label="4月10日（周六）09:00–11:30",
        outcome=outcome,
        score=int(outcome) if outcome.isdigit() else None,
        grade=None,
        passed=passed,
        released=released,
    )


def session(code: str, status: str, courses: list[ExamHistoryCourse], fen: int | None) -> ExamHistorySession:
    return ExamHistorySession(
        session_code=code,
        session_name=f"{code[:4]}年{int(code[5:])}月",
        status_text=status,
        site_name="长沙市第一中学考点" if fen else None,
        site_address=None,
        amount_paid_fen=fen,
        courses=tuple(courses),
    )


HISTORY = [
    session("2025-10", "成绩已发布", [course("02197", "78", True), course("02331", "缺考", False)], None),
    session("2027-04", "待考", [course("00530", "待考", None, released=False)], 9600),
    session("2026-04", "成绩已发布", [course("04735", "45", False)], 4800),
]


def texts(model: TimetableModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_timetable_model_contract_and_seats_pending(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = TimetableModel()
    qtmodeltester.check(model)
    model.set_timetable(timetable(assigned=False), OPEN - timedelta(days=3))
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.columnCount() == 6
    assert texts(model, 0) == ["周六上午", "周六下午", "周日上午", "周日下午"]
    assert texts(model, 1)[1] == "2027年4月10日（周六）" and texts(model, 1)[2] == "2027年4月11日（周日）"
    assert texts(model, 2)[1] == "14:30–17:00"
    assert texts(model, model.COURSE_COLUMN) == [NOT_REGISTERED, "00530 课程00530", "00019 课程00019", NOT_REGISTERED]
    assert texts(model, model.SEAT_COLUMN) == ["", SEAT_PENDING, SEAT_PENDING, ""]
    assert [s.course_code for s in model.registered] == ["00530", "00019"]
    assert model.index(1, 4).data(Qt.ItemDataRole.ToolTipRole) == "长沙市第一中学考点：长沙市芙蓉区"
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed: nothing registered
    assert model.index(1, 3).data(Qt.ItemDataRole.ForegroundRole) is None


def test_timetable_model_with_seats_and_after_the_exams(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = TimetableModel()
    model.set_timetable(timetable(assigned=True), OPEN + timedelta(days=1))
    qtmodeltester.check(model)
    assert texts(model, model.SEAT_COLUMN) == ["", "第3考场 17号座位", "第3考场 17号座位", ""]
    # a session already over without seats on record (sat before this system): no "pending"
    model.set_timetable(timetable(assigned=False), CLOSE + timedelta(days=1))
    assert texts(model, model.SEAT_COLUMN) == ["", "—", "—", ""]
    model.set_timetable(None)
    assert model.rowCount() == 0 and model.timetable is None


def test_history_models(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    sessions = HistorySessionModel()
    courses = HistoryCourseModel()
    qtmodeltester.check(sessions)
    qtmodeltester.check(courses)
    sessions.set_items(HISTORY)
    qtmodeltester.check(sessions)
    assert [sessions.item(r).session_code for r in range(3)] == ["2027-04", "2026-04", "2025-10"]  # newest first
    assert sessions.row_of("2025-10") == 2 and sessions.row_of("1999-04") == -1
    row = [sessions.index(0, c).data() for c in range(sessions.columnCount())]
    assert row == ["2027年4月", "待考", "长沙市第一中学考点", "1 门", "96.00", "待考"]
    assert sessions.index(2, 4).data() == "—" and sessions.index(2, 2).data() == "—"
    assert sessions.index(2, 5).data() == "通过 1 门，未通过 1 门"
    assert sessions.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)

    courses.set_session(sessions.item(2))
    qtmodeltester.check(courses)
    assert [courses.index(r, courses.OUTCOME_COLUMN).data() for r in range(2)] == ["78", "缺考"]
    passed = courses.index(0, courses.OUTCOME_COLUMN).data(Qt.ItemDataRole.ForegroundRole)
    failed = courses.index(1, courses.OUTCOME_COLUMN).data(Qt.ItemDataRole.ForegroundRole)
    assert passed.color().name() == "#2f855a" and failed.color().name() == "#b42318"
    courses.set_session(None)
    assert courses.rowCount() == 0


def test_small_texts() -> None:
    assert day_text(date(2027, 4, 11)) == "2027年4月11日（周日）"
    assert room_seat_text(2, 5) == "第2考场 5号座位" and room_seat_text(None, None) == ""
    assert outcome_summary(HISTORY[1]) == "待考"
    assert outcome_summary(HISTORY[2]) == "未通过 1 门"
