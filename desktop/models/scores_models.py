"""Item models of 成绩管理: the score list (with a filter/sort proxy), score reviews, the suggested plan.

Adapters over the client's dataclasses, no I/O.  ``ScoreFilterProxy`` filters by session, outcome,
kind and text, can show only each course's best result, and sorts numbers as numbers
(``SortRole``): a score column sorted as text would put 100 before 58.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.api.scores import Review, Score, SuggestedCourse
from desktop.core import timefmt
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.table import Column, DataclassTableModel, session_name, short_datetime

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight
CENTER = Qt.AlignmentFlag.AlignHCenter
RED = QColor("#b3261e")
GREEN = QColor("#1e7b34")
GREY = QColor("#8a94a3")

#: outcome filter keys → what they keep
OUTCOMES = {
    "all": QT_TR_NOOP("全部结果"),
    "passed": QT_TR_NOOP("通过", "score result"),
    "failed": QT_TR_NOOP("未通过"),
    "absent": QT_TR_NOOP("缺考"),
}
KINDS = {
    "all": QT_TR_NOOP("全部类型"),
    "theory": QT_TR_NOOP("理论课"),
    "practice": QT_TR_NOOP("实践课"),
    "thesis": QT_TR_NOOP("毕业论文"),
}


def outcome_key(score: Score) -> str:
    if score.absent:
        return "absent"
    return "passed" if score.passed else "failed"


def best_scores(scores: Sequence[Score]) -> list[Score]:
    """Each course's best result (the server marks it), in course-code order."""
    return sorted((s for s in scores if s.best), key=lambda s: s.course_code)


class ScoreTableModel(DataclassTableModel[Score]):
    SortRole = Qt.ItemDataRole.UserRole + 2

    columns = (
        Column[Score](QT_TR_NOOP("考次"), lambda s: session_name(s.session_code)),
        Column[Score](QT_TR_NOOP("课程代码"), lambda s: s.course_code, CENTER),
        Column[Score](QT_TR_NOOP("课程名称"), lambda s: s.course_name),
        Column[Score](QT_TR_NOOP("类型"), lambda s: tr(s.kind_text), CENTER),
        Column[Score](QT_TR_NOOP("学分"), lambda s: str(s.credits), RIGHT),
        Column[Score](QT_TR_NOOP("成绩"), lambda s: s.result_text, RIGHT),
        Column[Score](QT_TR_NOOP("结果"), lambda s: tr(s.outcome_text), CENTER),
        Column[Score](QT_TR_NOOP("最好成绩"), lambda s: "★" if s.best else "", CENTER),
        Column[Score](QT_TR_NOOP("复核"), lambda s: s.review_status or "", CENTER),
    )
    RESULT_COLUMN = 5
    OUTCOME_COLUMN = 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        score = self.item(index.row())
        column = index.column()
        if role == self.SortRole:
            return self._sort_key(score, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.RESULT_COLUMN, self.OUTCOME_COLUMN):
            return QBrush(GREY if score.absent else GREEN if score.passed else RED)
        if role == Qt.ItemDataRole.ToolTipRole and column == 7 and score.best:
            return tr("该课程已发布成绩中最好的一次")
        return super().data(index, role)

    @staticmethod
    def _sort_key(score: Score, column: int) -> Any:
        if column == 0:
            return score.session_code
        if column == 4:
            return score.credits
        if column == 5:  # absent lowest, then the number (practice: 合格 as 60, 不合格 as 0)
            if score.absent:
                return -1
            if score.score is not None:
                return score.score
            return 60 if score.passed else 0
        if column == 6:
            return {"passed": 2, "failed": 1, "absent": 0}[outcome_key(score)]
        if column == 7:
            return int(score.best)
        return ScoreTableModel.columns[column].text(score)


class ScoreFilterProxy(QSortFilterProxyModel):
    """Session, outcome, kind and text filters, best results only; numeric sorting."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session_code: str | None = None
        self.outcome = "all"
        self.kind = "all"
        self.text = ""
        self.best_only = False
        self.setSortRole(ScoreTableModel.SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filters(
        self,
        *,
        session_code: str | None = None,
        outcome: str = "all",
        kind: str = "all",
        text: str = "",
        best_only: bool = False,
    ) -> None:
        new_api = hasattr(self, "beginFilterChange")  # Qt >= 6.9; invalidateRowsFilter() before
        if new_api:
            self.beginFilterChange()
        self.session_code = session_code or None
        self.outcome = outcome
        self.kind = kind
        self.text = text.strip().casefold()
        self.best_only = best_only
        if new_api:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ScoreTableModel) or source_parent.isValid():
            return False
        score = model.item(source_row)
        if self.session_code and score.session_code != self.session_code:
            return False
        if self.outcome != "all" and outcome_key(score) != self.outcome:
            return False
        if self.kind != "all" and score.kind != self.kind:
            return False
        if self.best_only and not score.best:
            return False
        return not self.text or self.text in score.course_code or self.text in score.course_name.casefold()

    def visible_scores(self) -> list[Score]:
        model = self.sourceModel()
        assert isinstance(model, ScoreTableModel)
        return [model.item(self.mapToSource(self.index(row, 0)).row()) for row in range(self.rowCount())]


def _result_date(review: Review) -> str:
    """When it was resolved, or by when the result is due."""
    if review.resolved_at is not None:
        return timefmt.date_text(review.resolved_at)
    return tr("预计{date_text}前").format(date_text=timefmt.date_text(review.due_at))


class ReviewTableModel(DataclassTableModel[Review]):
    columns = (
        Column[Review](QT_TR_NOOP("申请编号"), lambda r: r.review_no),
        Column[Review](QT_TR_NOOP("考次"), lambda r: session_name(r.session_code)),
        Column[Review](QT_TR_NOOP("课程"), lambda r: f"{r.course_code} {r.course_name}"),
        Column[Review](QT_TR_NOOP("原成绩"), lambda r: str(r.original_score), RIGHT),
        Column[Review](QT_TR_NOOP("状态"), lambda r: r.status_text, CENTER),
        Column[Review](QT_TR_NOOP("复核结果"), lambda r: r.result_text or "—", CENTER),
        Column[Review](QT_TR_NOOP("申请时间"), lambda r: short_datetime(r.submitted_at)),
        Column[Review](QT_TR_NOOP("结果日期"), _result_date),
    )

    def row_of(self, review_no: str) -> int:
        return next((i for i, r in enumerate(self.items) if r.review_no == review_no), -1)


class SuggestionTableModel(DataclassTableModel[SuggestedCourse]):
    columns = (
        Column[SuggestedCourse](QT_TR_NOOP("课程代码"), lambda c: c.code, CENTER),
        Column[SuggestedCourse](QT_TR_NOOP("课程名称"), lambda c: c.name),
        Column[SuggestedCourse](
            QT_TR_NOOP("类型"),
            lambda c: tr(KINDS.get(c.kind, c.kind)),
        ),
        Column[SuggestedCourse](QT_TR_NOOP("学分"), lambda c: str(c.credits), RIGHT),
        Column[SuggestedCourse](QT_TR_NOOP("考试时间"), lambda c: c.slot_label),
        Column[SuggestedCourse](QT_TR_NOOP("建议理由"), lambda c: c.reason),
    )
