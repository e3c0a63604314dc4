"""Item models of 报名报考: Qt's model contract (qtmodeltester) and the reasons worked out from the choice."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.api.types import CourseOption, Order, OrderItem, Registration, RegistrationOverview
from desktop.models.registration_models import (
    CourseTableModel,
    OrderTableModel,
    RegistrationTableModel,
    fee_breakdown,
    session_name,
    yuan,
)

CST = timezone(timedelta(hours=8))
T0 = datetime(2027, 2, 24, 10, 0, tzinfo=CST)
LABELS = {
    "SAT_AM": "4月10日（周六）09:00–11:30",
    "SAT_PM": "4月10日（周六）14:30–17:00",
    "SUN_AM": "4月11日（周日）09:00–11:30",
    "SUN_PM": "4月11日（周日）14:30–17:00",
}


def course(
    code: str, slot: str | None, status: str = "registrable", reason: str | None = None, kind: str = "theory"
) -> CourseOption:
    return CourseOption(
        code=code,
        name=f"课程{code}",
        credits=4,
        kind=kind,
        required=True,
        slot=slot,
        slot_label=LABELS.get(slot or ""),
        status=status,
        reason=reason,
    )


COURSES = [
    course("00041", "SAT_AM"),
    course("00155", "SAT_AM"),  # same slot as 00041
    course("00144", "SAT_PM"),
    course("00043", "SUN_AM"),
    course("00065", "SUN_PM"),
    course("00070", "SUN_PM", status="passed", reason="已通过（2026年10月，78分）"),
    course("00009", None, status="not_offered", reason="本考次未开考该课程"),
    course("00052", "SAT_PM", status="theory_not_passed", reason="须先通过理论课 00051", kind="practice"),
]


def overview(**changes: object) -> RegistrationOverview:
    values: dict[str, object] = {
        "session_code": "2027-04",
        "session_name": "2027年4月",
        "server_time": T0,
        "registration_open": datetime(2027, 2, 20, 10, tzinfo=CST),
        "registration_close": datetime(2027, 2, 27, 17, tzinfo=CST),
        "phase1_close": datetime(2027, 2, 23, tzinfo=CST),
        "phase": "phase2",
        "phase_text": "第二阶段：可选全省考点",
        "can_register": True,
        "reason": None,
        "payment_cutoff": "23:00",
        "home_prefecture_code": "4301",
        "site_id": None,
        "registered_courses": 0,
        "active_order_courses": 0,
        "max_courses": 4,
        "fee_per_course_fen": 4800,
        "record_card_fee_due_fen": 2000,
        **changes,
    }
    return RegistrationOverview(**values)  # type: ignore[arg-type]


def model_with(courses: list[CourseOption] | None = None, **kwargs: object) -> CourseTableModel:
    model = CourseTableModel()
    model.set_courses(courses or COURSES, **kwargs)  # type: ignore[arg-type]
    return model


def note(model: CourseTableModel, code: str) -> str:
    return str(model.data(model.index(model.row_of(code), CourseTableModel.NOTE)))


def checkable(model: CourseTableModel, code: str) -> bool:
    flags = model.flags(model.index(model.row_of(code), CourseTableModel.CODE))
    return bool(flags & Qt.ItemFlag.ItemIsUserCheckable)


def check(model: CourseTableModel, code: str, on: bool = True) -> bool:
    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
    return model.setData(model.index(model.row_of(code), 0), state.value, Qt.ItemDataRole.CheckStateRole)


# --- Qt's model contract ---------------------------------------------------------------------------


def test_course_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = model_with()
    check(model, "00041")
    qtmodeltester.check(model, force_py=True)
    # the tester stays connected: resets and the choice's dataChanged are checked as they happen
    check(model, "00144")
    check(model, "00041", on=False)
    model.set_courses(COURSES[:3])
    model.set_courses([])
    model.set_courses(COURSES)


def order(no: str, status: str, minutes: int, session: str = "2027-04") -> Order:
    created = T0 + timedelta(minutes=minutes)
    return Order(
        order_no=no,
        session_code=session,
        status=status,
        status_text={"pending": "待支付", "paid": "已缴费", "closed": "已关闭"}[status],
        site_id=1,
        site_name="长沙市第一中学考点",
        site_address="长沙市开福区",
        items=(OrderItem("00041", "基础会计学", "SAT_AM", LABELS["SAT_AM"], 4800),),
        course_fee_fen=4800,
        record_card_fee_fen=2000,
        amount_fen=6800,
        created_at=created,
        expires_at=created + timedelta(minutes=30),
        paid_at=created if status == "paid" else None,
        closed_at=None,
        close_reason=None,
        close_reason_text=None,
        payment_no=None,
        refund=None,
    )


def test_order_model_passes_the_model_tester_and_keeps_newest_first(qtmodeltester: ModelTester) -> None:
    model = OrderTableModel()
    model.set_items([order("A", "closed", 0), order("C", "paid", 20), order("B", "pending", 10)])
    assert [o.order_no for o in model.items] == ["C", "B", "A"]
    qtmodeltester.check(model, force_py=True)
    model.upsert(order("D", "pending", 15))  # goes between C and B
    assert [o.order_no for o in model.items] == ["C", "D", "B", "A"]
    model.upsert(order("B", "paid", 10))  # a newer state replaces the row
    assert model.item(2).status == "paid"
    assert model.data(model.index(2, 1)) == "已缴费"
    assert model.data(model.index(2, 2)) == "68.00"
    assert model.data(model.index(0, 3)) == "2027年4月"
    assert model.data(model.index(0, 5)) == "00041 基础会计学"
    assert model.data(model.index(2, 1), Qt.ItemDataRole.ForegroundRole) is not None  # status in colour
    model.set_items([])


def test_registration_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RegistrationTableModel()
    regs = [
        Registration("2026-10", "00041", "基础会计学", "SAT_AM", "10月17日", "长沙一中", "X", T0),
        Registration("2027-04", "00155", "中级财务会计", "SUN_AM", LABELS["SUN_AM"], "长沙一中", "Y", T0),
        Registration("2027-04", "00144", "企业管理概论", "SAT_PM", LABELS["SAT_PM"], "长沙一中", "Y", T0),
    ]
    model.set_items(regs)
    assert [(r.session_code, r.course_code) for r in model.items] == [
        ("2027-04", "00144"),
        ("2027-04", "00155"),
        ("2026-10", "00041"),
    ]
    qtmodeltester.check(model, force_py=True)


# --- what can be chosen, and why not ---------------------------------------------------------------


def test_server_reasons_are_shown_and_such_courses_cannot_be_ticked() -> None:
    model = model_with()
    assert note(model, "00070") == "已通过（2026年10月，78分）"
    assert note(model, "00009") == "本考次未开考该课程"
    assert note(model, "00052") == "须先通过理论课 00051"
    for code in ("00070", "00009", "00052"):
        assert not checkable(model, code)
        assert model.data(model.index(model.row_of(code), 0), Qt.ItemDataRole.CheckStateRole) is None
        assert not check(model, code)
    assert note(model, "00041") == "可报考"
    assert model.data(model.index(model.row_of("00041"), 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.selected_codes() == []


def test_a_course_in_a_taken_slot_says_with_which_course_it_clashes(qtbot: QtBot) -> None:
    model = model_with()
    with qtbot.waitSignal(model.selection_changed):
        assert check(model, "00041")
    assert model.selected_codes() == ["00041"]
    assert note(model, "00041") == "已选"
    assert not checkable(model, "00155")
    assert note(model, "00155") == "考试时间冲突：与已选的00041 课程00041同在周六上午"
    assert model.data(model.index(model.row_of("00155"), 2), Qt.ItemDataRole.ToolTipRole) == note(model, "00155")
    assert model.data(model.index(model.row_of("00155"), 1), Qt.ItemDataRole.ForegroundRole) is not None
    assert not check(model, "00155")
    # unticking frees the slot again
    assert check(model, "00041", on=False)
    assert checkable(model, "00155") and note(model, "00155") == "可报考"


def test_a_paid_or_ordered_course_blocks_its_slot() -> None:
    courses = [
        course("00041", "SAT_AM", status="registered", reason="已报考（已缴费）"),
        course("00155", "SAT_AM"),
        course("00144", "SAT_PM", status="in_order", reason="已在待支付订单中"),
        course("00043", "SAT_PM"),
        course("00065", "SUN_PM"),
    ]
    model = model_with(courses, committed_courses=2)
    assert note(model, "00155") == "考试时间冲突：与已报考的00041 课程00041同在周六上午"
    assert note(model, "00043") == "考试时间冲突：与未完成订单中的00144 课程00144同在周六下午"
    assert checkable(model, "00065")
    occupants = model.slot_occupants()
    assert occupants["SAT_AM"][1] == "registered" and occupants["SAT_PM"][1] == "in_order"


def test_the_limit_counts_registered_ordered_and_chosen_courses() -> None:
    model = model_with(committed_courses=2, max_courses=4)
    assert check(model, "00041")
    assert check(model, "00144")
    # 2 committed + 2 chosen = 4: nothing more
    assert note(model, "00043") == "每个考次最多报考4门（已报考或待缴费2门，已选2门）"
    assert not checkable(model, "00043") and not check(model, "00043")
    # the chosen ones can still be unticked, which lifts the limit
    assert checkable(model, "00041")
    assert check(model, "00041", on=False)
    assert note(model, "00043") == "可报考"
    assert check(model, "00043")


def test_four_chosen_courses_reach_the_limit_on_their_own() -> None:
    model = model_with()
    for code in ("00041", "00144", "00043", "00065"):
        assert check(model, code)
    assert model.selected_codes() == ["00041", "00144", "00043", "00065"]
    assert set(model.slot_occupants()) == {"SAT_AM", "SAT_PM", "SUN_AM", "SUN_PM"}


def test_when_the_window_is_closed_nothing_can_be_chosen() -> None:
    model = model_with(can_register=False, window_reason="2027年4月考试报考已结束")
    for c in COURSES:
        assert not checkable(model, c.code)
    # why nobody can register is said once above the table: the row says nothing, its tooltip says why
    assert note(model, "00041") == ""
    assert model.data(model.index(model.row_of("00041"), CourseTableModel.NOTE), Qt.ItemDataRole.ToolTipRole) == (
        "2027年4月考试报考已结束"
    )
    assert note(model, "00070") == "已通过（2026年10月，78分）"  # the course's own reason first


def test_new_data_keeps_the_choice_where_still_possible() -> None:
    model = model_with()
    check(model, "00041")
    check(model, "00144")
    changed = [course("00041", "SAT_AM", status="in_order"), *COURSES[1:]]
    model.set_courses(changed)
    assert model.selected_codes() == ["00144"]  # 00041 is in an order now
    model.set_courses(COURSES, keep_selection=False)
    assert model.selected_codes() == []


def test_the_states_are_worked_out_once_per_change_not_per_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    model = model_with()
    passes: list[int] = []
    occupants = model.slot_occupants
    monkeypatch.setattr(model, "slot_occupants", lambda: passes.append(1) or occupants())

    def paint() -> list[object]:
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole)
        cells = [(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
        return [model.data(model.index(r, c), role) for r, c in cells for role in roles]

    paint()
    paint()
    assert len(passes) <= 1  # the states of set_courses may still be there: none or one pass for both paints
    passes.clear()
    assert check(model, "00041")
    paint()
    assert len(passes) == 1 and note(model, "00155").startswith("考试时间冲突")
    passes.clear()
    model.set_courses(COURSES, committed_courses=3)  # the choice is kept: 3 + 1 reach the limit
    paint()
    assert note(model, "00144") == "每个考次最多报考4门（已报考或待缴费3门，已选1门）"
    assert not checkable(model, "00144")
    model.clear_selection()
    assert note(model, "00144") == "可报考" and note(model, "00155") == "可报考"
    model.committed_courses = 4  # set from outside: the states follow too
    assert note(model, "00144") == "每个考次最多报考4门（已报考或待缴费4门）"


def test_space_toggles_through_the_model() -> None:
    model = model_with()
    assert model.toggle(model.row_of("00041"))
    assert model.selected_codes() == ["00041"]
    assert model.toggle(model.row_of("00041"))
    assert model.selected_codes() == []


def test_overview_arguments() -> None:
    kwargs = CourseTableModel.for_overview(overview(registered_courses=1, active_order_courses=2, max_courses=4))
    assert kwargs == {"max_courses": 4, "committed_courses": 3, "can_register": True, "window_reason": None}


def test_invalid_indexes_give_nothing() -> None:
    model = model_with()
    assert model.data(QModelIndex()) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert not model.setData(QModelIndex(), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(0, 1), "x", Qt.ItemDataRole.EditRole)


# --- the fee --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("courses", "card_due", "total"),
    [(2, 2000, "116.00"), (1, 2000, "68.00"), (4, 0, "192.00"), (0, 2000, "0.00")],
)
def test_fee_breakdown(courses: int, card_due: int, total: str) -> None:
    fee = fee_breakdown(courses, overview(record_card_fee_due_fen=card_due))
    assert yuan(fee.total_fen) == total


def test_fee_lines_name_the_record_card_on_a_first_order() -> None:
    fee = fee_breakdown(2, overview())
    assert fee.lines() == [("课程报考费 48.00元 × 2门", "96.00元"), ("考籍证工本费（首次报考）", "20.00元")]
    assert fee_breakdown(2, overview(record_card_fee_due_fen=0)).lines() == [("课程报考费 48.00元 × 2门", "96.00元")]


def test_session_name() -> None:
    assert session_name("2027-04") == "2027年4月"
    assert session_name("2026-10") == "2026年10月"
    assert session_name("odd") == "odd"
