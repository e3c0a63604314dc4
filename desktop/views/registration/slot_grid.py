"""The four exam slots of a session as a 2×2 grid (周六/周日 × 上午/下午), filling as courses are chosen."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from desktop.api.types import CourseOption
from desktop.core.timefmt import date_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.registration_models import SLOT_NAMES, SLOTS

HOW_TEXT = {"selected": QT_TR_NOOP("已选"), "registered": QT_TR_NOOP("已报考"), "in_order": QT_TR_NOOP("待缴费")}


class SlotCell(QLabel):
    """One slot: the course name on one line (elided to the cell's width; full text in the tooltip)
    and its state under it."""

    def __init__(self) -> None:
        super().__init__()
        self._lines: tuple[str, ...] = (tr("空"),)
        self.setObjectName("slotCell")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 8)

    def set_lines(self, *lines: str) -> None:
        self._lines = lines
        self._elide()

    def full_text(self) -> str:
        return "\n".join(self._lines)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(20, self.contentsRect().width() - 8)
        metrics = self.fontMetrics()
        self.setText("\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in self._lines))


class SlotGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slotGrid")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for column, text in enumerate((tr("上午 09:00–11:30"), tr("下午 14:30–17:00")), start=1):
            head = QLabel(text)
            head.setObjectName("slotHeader")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, column)
        self.day_labels: dict[str, QLabel] = {}
        for row, (day, text) in enumerate((("SAT", tr("周六")), ("SUN", tr("周日"))), start=1):
            head = QLabel(text)
            head.setObjectName("slotHeader")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, row, 0)
            self.day_labels[day] = head
        self.cells: dict[str, SlotCell] = {}
        for i, slot in enumerate(SLOTS):
            cell = SlotCell()
            grid.addWidget(cell, 1 + i // 2, 1 + i % 2)
            self.cells[slot] = cell
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.show_slots({})

    def set_dates(self, courses: list[CourseOption]) -> None:
        """Put the exam days' dates under 周六/周日, taken from the courses' slot labels (4月10日（周六）…)."""
        for day, weekday in (("SAT", tr("周六")), ("SUN", tr("周日"))):
            label = next((c.slot_label for c in courses if c.slot and c.slot.startswith(day) and c.slot_label), None)
            match = re.match(r"^(\d+)月(\d+)日", label or "")  # the server's label: 4月10日（周六）09:00–11:30
            when = date_text(date(2000, int(match.group(1)), int(match.group(2))), year=False) if match else ""
            self.day_labels[day].setText(f"{weekday}\n{when}" if match else weekday)

    def show_slots(self, occupants: dict[str, tuple[CourseOption, str]]) -> None:
        """``occupants``: slot → (course, how) as ``CourseTableModel.slot_occupants()`` gives it."""
        for slot, cell in self.cells.items():
            occupant = occupants.get(slot)
            if occupant is None:
                cell.set_lines(tr("空"))
                cell.setProperty("state", "free")
                cell.setAccessibleName(tr("{SLOT_NAMES}：空").format(SLOT_NAMES=tr(SLOT_NAMES[slot])))
            else:
                course, how = occupant
                cell.set_lines(course.name, tr(HOW_TEXT.get(how, how)))
                cell.setProperty("state", how)
                cell.setAccessibleName(
                    tr("{SLOT_NAMES}：{code} {name}（{get}）").format(
                        SLOT_NAMES=tr(SLOT_NAMES[slot]),
                        code=course.code,
                        name=course.name,
                        get=tr(HOW_TEXT.get(how, how)),
                    )
                )
            cell.setToolTip(cell.accessibleName())
            cell.style().unpolish(cell)
            cell.style().polish(cell)

    def text_of(self, slot: str) -> str:
        """The full (not elided) text of a slot."""
        return self.cells[slot].full_text()
