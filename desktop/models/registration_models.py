"""Item models of 报名报考: the courses to choose from, the orders, the paid registrations.

Adapters over lists of the client's dataclasses (napari ``_base_item_model`` style): no I/O, no
view.  ``CourseTableModel`` also holds the examinee's current choice and works out, from that
choice, why a course cannot be added right now (its exam slot is taken, or the limit of courses
per session is reached).  The server checks the same rules again when the order is created: the
model only spares the examinee a refused request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.api.types import CourseOption, Order, Registration, RegistrationOverview
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.table import GREY, Column, DataclassTableModel, Index, session_name, short_datetime, yuan

#: the four exam slots of a session, in timetable order
SLOTS: tuple[str, ...] = ("SAT_AM", "SAT_PM", "SUN_AM", "SUN_PM")
SLOT_NAMES = {
    "SAT_AM": QT_TR_NOOP("周六上午"),
    "SAT_PM": QT_TR_NOOP("周六下午"),
    "SUN_AM": QT_TR_NOOP("周日上午"),
    "SUN_PM": QT_TR_NOOP("周日下午"),
}
KIND_NAMES = {"theory": QT_TR_NOOP("理论课"), "practice": QT_TR_NOOP("实践课"), "thesis": QT_TR_NOOP("毕业论文")}
STATUS_TEXT = {
    "registrable": QT_TR_NOOP("可报考"),
    "passed": QT_TR_NOOP("已通过"),
    "exempted": QT_TR_NOOP("已免考"),
    "theory_not_passed": QT_TR_NOOP("须先通过对应的理论课"),
    "not_offered": QT_TR_NOOP("本考次未开考"),
    "registered": QT_TR_NOOP("已报考（已缴费）"),
    "in_order": QT_TR_NOOP("已在未完成的订单中"),
    "closed": QT_TR_NOOP("当前不在报考时间内"),
}


# --- the fee --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeBreakdown:
    """What an order of ``courses`` courses costs: 48.00 × n, plus the record card on a first order."""

    courses: int
    fee_per_course_fen: int
    record_card_fen: int

    @property
    def course_total_fen(self) -> int:
        return self.courses * self.fee_per_course_fen

    @property
    def total_fen(self) -> int:
        return self.course_total_fen + self.record_card_fen

    def lines(self) -> list[tuple[str, str]]:
        """(label, amount) lines for display."""
        rows = [
            (
                tr("课程报考费 {yuan}元 × {courses}门").format(
                    yuan=yuan(self.fee_per_course_fen), courses=self.courses
                ),
                tr("{yuan}元").format(yuan=yuan(self.course_total_fen)),
            )
        ]
        if self.record_card_fen:
            rows.append((tr("考籍证工本费（首次报考）"), tr("{yuan}元").format(yuan=yuan(self.record_card_fen))))
        return rows


def fee_breakdown(courses: int, overview: RegistrationOverview) -> FeeBreakdown:
    return FeeBreakdown(
        courses=courses,
        fee_per_course_fen=overview.fee_per_course_fen,
        record_card_fen=overview.record_card_fee_due_fen if courses > 0 else 0,
    )


# --- courses ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseState:
    """How one course stands given the current choice."""

    selected: bool
    selectable: bool  # can be ticked now (or unticked, when selected)
    reason: str | None  # why not, in Chinese


def _kind_text(course: CourseOption) -> str:
    kind = tr(KIND_NAMES.get(course.kind, course.kind))
    return tr("{kind}·必考").format(kind=kind) if course.required else tr("{kind}·选考").format(kind=kind)


class CourseTableModel(QAbstractTableModel):
    """The plan's courses for this session; registrable ones are checkable (column 0).

    Columns: 课程代码 (with the check box), 课程名称, 学分, 类型, 考试时间, 说明.  The 说明 column
    says why a course cannot be chosen: the server's reason (passed, exempted, theory not passed,
    not offered ...) or one worked out here from the current choice.  Why nobody can register now
    (the window not open yet, or over) is the page's to say once; the column stays empty for it.

    Every course's state is worked out once (one pass over the slots) and kept until the courses or
    the choice change: a paint asks ``data`` for every cell and each asks for its row's state.
    """

    CODE, NAME, CREDITS, KIND, TIME, NOTE = range(6)
    HEADERS = (
        QT_TR_NOOP("课程代码"),
        QT_TR_NOOP("课程名称"),
        QT_TR_NOOP("学分"),
        QT_TR_NOOP("类型"),
        QT_TR_NOOP("考试时间"),
        QT_TR_NOOP("说明"),
    )
    CourseRole = Qt.ItemDataRole.UserRole + 1
    StateRole = Qt.ItemDataRole.UserRole + 2

    selection_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._courses: list[CourseOption] = []
        self._selected: list[str] = []  # course codes, in the order they were ticked
        self.max_courses = 4
        self.committed_courses = 0  # paid + in active orders, this session
        self.can_register = True
        self.window_reason: str | None = None
        #: code → state for the current courses and choice (None: to be worked out)
        self._states: dict[str, CourseState] | None = None
        self._states_for: tuple[int, int, bool, str | None] | None = None

    # --- input -------------------------------------------------------------------------------------
    def set_courses(
        self,
        courses: Sequence[CourseOption],
        *,
        max_courses: int = 4,
        committed_courses: int = 0,
        can_register: bool = True,
        window_reason: str | None = None,
        keep_selection: bool = True,
    ) -> None:
        """New data from the server; the choice is kept where it is still possible."""
        self.beginResetModel()
        self._courses = list(courses)
        self.max_courses = max_courses
        self.committed_courses = committed_courses
        self.can_register = can_register
        self.window_reason = window_reason
        previous = self._selected if keep_selection else []
        self._selected = []
        self._invalidate()
        for code in previous:
            if self._state_of(code).selectable:
                self._selected.append(code)
                self._invalidate()
        self.endResetModel()
        self.selection_changed.emit()

    @classmethod
    def for_overview(cls, overview: RegistrationOverview) -> dict[str, Any]:
        """The keyword arguments of ``set_courses`` that come from the overview."""
        return {
            "max_courses": overview.max_courses,
            "committed_courses": overview.registered_courses + overview.active_order_courses,
            "can_register": overview.can_register,
            "window_reason": overview.reason,
        }

    # --- the choice ------------------------------------------------------------------------------------
    @property
    def courses(self) -> list[CourseOption]:
        return list(self._courses)

    def course(self, row: int) -> CourseOption:
        return self._courses[row]

    def row_of(self, code: str) -> int:
        return next((i for i, c in enumerate(self._courses) if c.code == code), -1)

    def selected_codes(self) -> list[str]:
        """Codes of the chosen courses, in table order."""
        chosen = set(self._selected)
        return [c.code for c in self._courses if c.code in chosen]

    def selected_courses(self) -> list[CourseOption]:
        chosen = set(self._selected)
        return [c for c in self._courses if c.code in chosen]

    def set_selected(self, code: str, selected: bool) -> bool:
        """Tick or untick ``code``; ``False`` (and nothing changes) when that is not possible now."""
        if selected == (code in self._selected):
            return True
        if selected:
            if not self._state_of(code).selectable:
                return False
            self._selected.append(code)
        else:
            self._selected.remove(code)
        self._invalidate()
        self._everything_changed()
        self.selection_changed.emit()
        return True

    def clear_selection(self) -> None:
        if self._selected:
            self._selected = []
            self._invalidate()
            self._everything_changed()
            self.selection_changed.emit()

    def slot_occupants(self) -> dict[str, tuple[CourseOption, str]]:
        """Slot → (course, how): how is ``registered`` (paid), ``in_order`` or ``selected``."""
        taken: dict[str, tuple[CourseOption, str]] = {}
        for course in self._courses:
            if course.slot and course.status in ("registered", "in_order"):
                taken.setdefault(course.slot, (course, course.status))
        chosen = set(self._selected)
        for course in self._courses:
            if course.slot and course.code in chosen:
                taken.setdefault(course.slot, (course, "selected"))
        return taken

    def state(self, row: int) -> CourseState:
        return self._state_of(self._courses[row].code)

    def _state_of(self, code: str) -> CourseState:
        key = (self.max_courses, self.committed_courses, self.can_register, self.window_reason)
        if self._states is None or self._states_for != key:
            self._states, self._states_for = self._work_out_states(), key
        return self._states.get(code) or CourseState(False, False, tr("不在本专业计划中"))

    def _invalidate(self) -> None:
        """The courses or the choice changed: the states are worked out again when next asked."""
        self._states = None

    def _work_out_states(self) -> dict[str, CourseState]:
        occupants = self.slot_occupants()
        states: dict[str, CourseState] = {}
        for course in self._courses:
            states.setdefault(course.code, self._course_state(course, occupants))
        return states

    def _course_state(self, course: CourseOption, occupants: dict[str, tuple[CourseOption, str]]) -> CourseState:
        if course.code in self._selected:
            return CourseState(True, True, None)
        if not self.can_register:
            return CourseState(False, False, course.reason or self.window_reason or tr(STATUS_TEXT["closed"]))
        if not course.registrable:
            return CourseState(False, False, course.reason or tr(STATUS_TEXT.get(course.status, course.status)))
        if course.slot is None:
            return CourseState(False, False, tr(STATUS_TEXT["not_offered"]))
        occupant = occupants.get(course.slot)
        if occupant is not None:
            other, how = occupant
            which = {"registered": tr("已报考的"), "in_order": tr("未完成订单中的"), "selected": tr("已选的")}[how]
            return CourseState(
                False,
                False,
                tr("考试时间冲突：与{which}{code} {name}同在{get}").format(
                    which=which, code=other.code, name=other.name, get=tr(SLOT_NAMES.get(course.slot, course.slot))
                ),
            )
        chosen = len(self._selected)
        if self.committed_courses + chosen >= self.max_courses:
            detail = []
            if self.committed_courses:
                detail.append(
                    tr("已报考或待缴费{committed_courses}门").format(committed_courses=self.committed_courses)
                )
            if chosen:
                detail.append(tr("已选{chosen}门").format(chosen=chosen))
            return CourseState(
                False,
                False,
                tr("每个考次最多报考{max_courses}门").format(max_courses=self.max_courses)
                + (tr("（{join}）").format(join="，".join(detail)) if detail else ""),
            )
        return CourseState(False, True, None)

    def _everything_changed(self) -> None:
        if self._courses:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._courses) - 1, len(self.HEADERS) - 1))

    # --- Qt's side ---------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._courses)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None

    def _text(self, course: CourseOption, column: int, state: CourseState) -> str:
        if column == self.CODE:
            return course.code
        if column == self.NAME:
            return course.name
        if column == self.CREDITS:
            return str(course.credits)
        if column == self.KIND:
            return _kind_text(course)
        if column == self.TIME:
            return course.slot_label or tr("本考次未开考")
        if state.selected:
            return tr("已选")
        if not self.can_register and state.reason == self.window_reason:
            return ""  # why nobody can register now is said once, above the table (the tooltip has it too)
        return state.reason or tr("可报考")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._courses):
            return None
        course = self._courses[index.row()]
        column = index.column()
        if role == self.CourseRole:
            return course
        state = self._state_of(course.code)
        if role == self.StateRole:
            return state
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(course, column, state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return state.reason or self._text(course, column, state)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CODE and course.registrable:
            return Qt.CheckState.Checked if state.selected else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not state.selected and not state.selectable:
            return QBrush(GREY)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            centred = column in (self.CODE, self.CREDITS)
            align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return tr("已选") if state.selected else (state.reason or tr("可报考"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = index.row()
        if (
            index.column() == self.CODE
            and 0 <= row < len(self._courses)
            and self._state_of(self._courses[row].code).selectable
        ):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != self.CODE:
            return False
        if not 0 <= index.row() < len(self._courses):
            return False
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked if isinstance(value, int) else value == Qt.CheckState.Checked
        )
        return self.set_selected(self._courses[index.row()].code, checked)

    def toggle(self, row: int) -> bool:
        """Tick ↔ untick the course of ``row`` (Space on any column of the row)."""
        code = self._courses[row].code
        return self.set_selected(code, code not in self._selected)


# --- orders and registrations -------------------------------------------------------------------------


WITHDRAWN = QT_TR_NOOP("（免考获批，已撤销报考并退费）")


def _courses_text(order: Order) -> str:
    return tr("、").join(f"{i.course_code} {i.course_name}{tr(WITHDRAWN) if i.withdrawn else ''}" for i in order.items)


def _status_text(order: Order) -> str:
    """A paid order with a course withdrawn (its exemption approved) says so: the refund is partial."""
    if order.status == "paid" and order.refund is not None:
        return tr("{status_text}（部分退款）").format(status_text=order.status_text)
    return order.status_text


class OrderTableModel(DataclassTableModel[Order]):
    """Every order of the examinee, newest first."""

    columns = (
        Column(QT_TR_NOOP("订单号"), lambda o: o.order_no),
        Column(QT_TR_NOOP("状态"), _status_text),
        Column(QT_TR_NOOP("金额（元）"), lambda o: o.amount_yuan, Qt.AlignmentFlag.AlignRight),
        Column(QT_TR_NOOP("考次"), lambda o: session_name(o.session_code)),
        Column(QT_TR_NOOP("下单时间"), lambda o: short_datetime(o.created_at)),
        Column(QT_TR_NOOP("课程"), _courses_text),
    )
    STATUS_COLUMN = 1
    COURSES_COLUMN = 5

    def set_items(self, items: Sequence[Order]) -> None:
        super().set_items(sorted(items, key=lambda o: o.created_at, reverse=True))

    def row_of(self, order_no: str) -> int:
        return next((i for i, o in enumerate(self._items) if o.order_no == order_no), -1)

    def upsert(self, order: Order) -> int:
        """Put the newer state of ``order`` in (or add it at its place); return its row."""
        row = self.row_of(order.order_no)
        if row >= 0:
            self._items[row] = order
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            return row
        row = next((i for i, o in enumerate(self._items) if o.created_at < order.created_at), len(self._items))
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, order)
        self.endInsertRows()
        return row

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == self.STATUS_COLUMN
            and 0 <= index.row() < len(self._items)
        ):
            colour = STATUS_COLOURS.get(self._items[index.row()].status)
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)


STATUS_COLOURS = {
    "pending": "#b7791f",
    "paying": "#2b6cb0",
    "paid": "#2f855a",
    "closed": "#718096",
    "refunding": "#c05621",
    "refunded": "#718096",
}


class RegistrationTableModel(DataclassTableModel[Registration]):
    """Every paid course of the examinee, newest session first."""

    columns = (
        Column(QT_TR_NOOP("考次"), lambda r: session_name(r.session_code)),
        Column(QT_TR_NOOP("课程代码"), lambda r: r.course_code, Qt.AlignmentFlag.AlignHCenter),
        Column(QT_TR_NOOP("课程名称"), lambda r: r.course_name),
        Column(QT_TR_NOOP("考试时间"), lambda r: r.slot_label),
        Column(QT_TR_NOOP("考点"), lambda r: r.site_name),
        Column(QT_TR_NOOP("订单号"), lambda r: r.order_no),
        Column(QT_TR_NOOP("缴费时间"), lambda r: short_datetime(r.paid_at)),
    )

    def set_items(self, items: Sequence[Registration]) -> None:
        slot_rank = {slot: i for i, slot in enumerate(SLOTS)}
        super().set_items(
            sorted(items, key=lambda r: (_reverse_code(r.session_code), slot_rank.get(r.slot, 9), r.course_code))
        )


def _reverse_code(code: str) -> tuple[int, ...]:
    """Sort key putting the newest session first."""
    digits = [int(part) for part in code.split("-") if part.isdigit()]
    return tuple(-d for d in digits)
