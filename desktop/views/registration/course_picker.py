"""Choosing courses: the plan's courses in a table, registrable ones with a check box.

Space (or a click on the box) ticks a course on any column of its row; a course that cannot be
chosen shows why in the 说明 column and in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QStyle, QTableView, QVBoxLayout, QWidget

from desktop.i18n.tr import tr
from desktop.models.registration_models import CourseTableModel


class CourseTable(QTableView):
    """A table of courses; Space toggles the current row's check box whatever the column."""

    def __init__(self, model: CourseTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("courseTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table (to the next control)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        # the short columns get the width of their widest possible text (measured once, scaled with
        # the font), not of their contents: sizing to contents asks the model for every cell's state
        # whenever the data or the choice changes
        metrics = self.fontMetrics()
        pad = metrics.averageCharWidth() * 3
        widest = {
            model.CODE: "000000",
            model.CREDITS: tr("学分"),
            model.KIND: tr("毕业论文·必考"),
            model.TIME: tr("12月31日（周六）09:00–11:30"),
        }
        check = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + pad
        for column in range(model.columnCount()):
            if column in (model.NAME, model.NOTE):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            text = max(widest[column], tr(model.HEADERS[column]), key=metrics.horizontalAdvance)
            header.resizeSection(column, metrics.horizontalAdvance(text) + pad + (check if column == model.CODE else 0))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full text is in the tooltip
        # room for three courses whatever the font size; the page gives it the height it has left
        rows = self.verticalHeader().defaultSectionSize() * 3
        self.setMinimumHeight(self.horizontalHeader().sizeHint().height() + rows)
        self.setAccessibleName(tr("课程列表"))

    def course_model(self) -> CourseTableModel:
        model = self.model()
        assert isinstance(model, CourseTableModel)
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and not event.modifiers():
            index = self.currentIndex()
            if index.isValid():
                self.course_model().toggle(index.row())
                event.accept()
                return
        super().keyPressEvent(event)


class CoursePicker(QWidget):
    """The course table with a one-line summary of the choice under it.

    Its group box's title carries the mnemonic (第二步：选择课程(&K)) that focuses the table."""

    def __init__(self, model: CourseTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coursePicker")
        self.model = model
        self.table = CourseTable(model)
        self.summary = QLabel()
        self.summary.setObjectName("courseSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        model.selection_changed.connect(self.update_summary)
        model.modelReset.connect(self.update_summary)
        self.update_summary()

    def update_summary(self) -> None:
        chosen = self.model.selected_courses()
        committed = self.model.committed_courses
        parts = [tr("已选 {len} 门").format(len=len(chosen))]
        if committed:
            parts.append(tr("本考次已报考或待缴费 {committed} 门").format(committed=committed))
        parts.append(tr("每个考次最多 {max_courses} 门").format(max_courses=self.model.max_courses))
        text = tr("，").join(parts) + tr("。")
        if chosen:
            text += tr(" 已选：") + tr("、").join(f"{c.code} {c.name}" for c in chosen)
        else:
            text += tr(" 点击方框或按空格键勾选课程。")
        self.summary.setText(text)
