"""日程 (the deadline radar): the personal calendar with countdowns, reminders and .ics export."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.notices import Deadline, PersonalCalendar
from desktop.core.settings import REMINDER_LEADS
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.notices_models import DeadlineTableModel, status_text, when_text
from desktop.views.widgets.forms import hint
from desktop.views.widgets.tables import table_view

LEAD_TEXT = {
    60: QT_TR_NOOP("1 小时"),
    180: QT_TR_NOOP("3 小时"),
    1440: QT_TR_NOOP("1 天"),
    4320: QT_TR_NOOP("3 天"),
    10080: QT_TR_NOOP("7 天"),
}


class CalendarView(QWidget):
    export_requested = Signal()
    lead_changed = Signal(int)  # minutes
    reminders_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarView")
        self.calendar: PersonalCalendar | None = None
        self.model = DeadlineTableModel(self)

        self.now_label = hint(wrap=False)
        self.mine_only = QCheckBox(tr("只看与我相关(&M)"))
        self.mine_only.setObjectName("mineOnly")
        self.mine_only.toggled.connect(lambda _on: self._fill())
        self.reminders_box = QCheckBox(tr("桌面提醒(&D)"))
        self.reminders_box.setObjectName("remindersEnabled")
        self.reminders_box.setChecked(True)
        self.reminders_box.toggled.connect(self.reminders_toggled)
        lead_label = QLabel(tr("提前(&A)："))
        self.lead_combo = QComboBox()
        self.lead_combo.setObjectName("leadCombo")
        for minutes in REMINDER_LEADS:
            self.lead_combo.addItem(
                tr(LEAD_TEXT[minutes]) if minutes in LEAD_TEXT else tr("%n 分钟", None, minutes),
                minutes,
            )
        lead_label.setBuddy(self.lead_combo)
        self.set_lead(24 * 60)
        self.lead_combo.currentIndexChanged.connect(lambda _i: self.lead_changed.emit(self.lead_minutes))
        self.export_button = QPushButton(tr("导出到日历(&E)…"))
        self.export_button.setObjectName("exportIcs")
        self.export_button.setToolTip(tr("保存为 .ics 文件，可导入 Outlook、手机日历等"))
        self.export_button.clicked.connect(self.export_requested)

        top = QHBoxLayout()
        top.addWidget(self.now_label, 1)
        top.addWidget(self.mine_only)
        top.addWidget(self.reminders_box)
        top.addWidget(lead_label)
        top.addWidget(self.lead_combo)
        top.addWidget(self.export_button)

        self.table = table_view(self.model, "deadlineTable", alternating=True, word_wrap=False, stretch=1)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_detail())

        self.detail = QLabel()
        self.detail.setObjectName("deadlineDetail")
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(44)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    @property
    def lead_minutes(self) -> int:
        return int(self.lead_combo.currentData())

    def set_lead(self, minutes: int) -> None:
        index = self.lead_combo.findData(minutes)
        self.lead_combo.setCurrentIndex(max(0, index))

    def set_calendar(self, calendar: PersonalCalendar, now: datetime) -> None:
        self.calendar = calendar
        self._fill()
        self.set_now(now)

    def shown_items(self) -> list[Deadline]:
        items = list(self.calendar.items) if self.calendar else []
        return [i for i in items if i.concerns] if self.mine_only.isChecked() else items

    def _fill(self) -> None:
        self.model.set_items(self.shown_items())
        now = self.model.now
        if now is not None:  # select the next date to come
            row = next((r for r, i in enumerate(self.model.items) if not i.is_past(now)), 0)
            if self.model.rowCount():
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_detail()

    def set_now(self, now: datetime) -> None:
        first = self.model.now is None
        self.model.set_now(now)
        self.now_label.setText(tr("当前时间（北京时间）{datetime_text}").format(datetime_text=datetime_text(now)))
        if first:
            self._fill()
        self._show_detail()

    def _show_detail(self) -> None:
        index = self.table.currentIndex()
        now = self.model.now
        if not index.isValid() or now is None:
            self.detail.clear()
            return
        item = self.model.item(index.row())
        self.detail.setText(
            tr("{title}\u3000{when_text}\u3000{status_text}\n{detail}").format(
                title=item.title, when_text=when_text(item), status_text=status_text(item, now), detail=item.detail
            )
        )
