"""成绩管理: the score list (filter, sort, best results, transcript export), plan progress drawn as a
chart, the suggested plan for the next session (handed to 报名报考 in one step) and score reviews.

A ``ModulePage`` (``docs/desktop-core.md``): the list, the progress, the reviews and the suggested
plan are four independent requests sent at once.  The page is stale when a payment changes what
the plan suggests (``registrations``), a review is requested or a score changes (``scores``), an
exemption is decided (``records``: the progress) or the server's clock moves (``clock``: releases,
the registration window).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ApiError, NotFound
from desktop.api.scores import PlanSuggestion, Progress, Review, ScoreList
from desktop.api.types import Profile
from desktop.core.errors import user_message
from desktop.core.store import CLOCK, RECORDS, REGISTRATIONS, SCORES
from desktop.core.timefmt import datetime_text, window_text
from desktop.documents import render as documents
from desktop.documents.transcript import transcript_csv, transcript_file_name, transcript_html
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.scores_models import (
    KINDS,
    OUTCOMES,
    ReviewTableModel,
    ScoreFilterProxy,
    ScoreTableModel,
    SuggestionTableModel,
)
from desktop.views.page import ModulePage
from desktop.views.scores.progress_chart import ProgressChart
from desktop.views.scores.review_dialog import ReviewDialog
from desktop.views.widgets.files import documents_path, save_dialog
from desktop.views.widgets.forms import buddy_label, hint, text_label
from desktop.views.widgets.tables import table_view

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScoresData:
    scores: ScoreList
    progress: Progress
    reviews: list[Review]
    plan: PlanSuggestion | None
    plan_problem: str | None


def plan_or_refusal(client: ApiClient) -> PlanSuggestion | NotFound:
    """The suggested plan, or why there is none (no next session on the calendar yet; worker thread)."""
    try:
        return client.scores.plan()
    except NotFound as exc:
        return exc


def plan_window_text(plan: PlanSuggestion, now: datetime) -> str:
    """When the plan's session can be registered for, in the program's one time format.

    The server says it in its own words; the two sentences that carry times are said again here
    with ``timefmt`` (a record problem or another reason is the server's text as it is).
    """
    name = plan.session_name
    if plan.can_register_now:
        return tr("{name}考次正在报考，截止时间：{datetime_text}").format(
            name=name, datetime_text=datetime_text(plan.registration_close)
        )
    if now < plan.registration_open and plan.window_text.startswith(tr("{name}考次报考时间为").format(name=name)):
        return tr("{name}考次报考时间为{window_text}，届时可按此计划报考").format(
            name=name, window_text=window_text(plan.registration_open, plan.registration_close)
        )
    return plan.window_text


class ScoresPage(ModulePage):
    """The 成绩管理 tab."""

    OBJECT_NAME = "scoresPage"
    TITLE = QT_TR_NOOP("成绩管理")
    LOADING_TEXT = QT_TR_NOOP("正在加载成绩…")
    TOPICS = frozenset({REGISTRATIONS, SCORES, RECORDS, CLOCK})

    exported = Signal(object)  # Path of a saved transcript (PDF or CSV)
    #: 去报考: the suggested course codes, for the 报名报考 tab (the main window connects it)
    register_requested = Signal(list)

    def setup(self) -> None:
        self.data: ScoresData | None = None
        self.profile: Profile | None = None
        self.file_dialog: QFileDialog | None = None
        self.review_dialog: ReviewDialog | None = None

        self.score_model = ScoreTableModel(self)
        self.proxy = ScoreFilterProxy(self)
        self.proxy.setSourceModel(self.score_model)
        self.review_model = ReviewTableModel(self)
        self.suggestion_model = SuggestionTableModel(self)

    # --- building --------------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        self._sub_tabs = QTabWidget()
        self._sub_tabs.setObjectName("scoresTabs")
        self._sub_tabs.addTab(self._build_list(), tr("成绩查询(&C)"))
        self._sub_tabs.addTab(self._build_progress(), tr("学习进度(&P)"))
        self._sub_tabs.addTab(self._build_plan(), tr("报考建议(&J)"))
        self._sub_tabs.addTab(self._build_reviews(), tr("成绩复核(&V)"))
        self.refresh_note = hint()
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(8, 8, 8, 8)
        content_layout.addWidget(self._sub_tabs, 1)
        content_layout.addWidget(self.refresh_note)
        self.content_page = content
        return content

    @property
    def sub_tabs(self) -> QTabWidget:
        """The four sub-tabs (built on first use: 毕业申请 may open one before this page was shown)."""
        self.ensure_built()
        return self._sub_tabs

    def _build_list(self) -> QWidget:
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sessionFilter")
        self.outcome_combo = QComboBox()
        self.outcome_combo.setObjectName("outcomeFilter")
        for key, text in OUTCOMES.items():
            self.outcome_combo.addItem(tr(text), key)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindFilter")
        for key, text in KINDS.items():
            self.kind_combo.addItem(tr(text), key)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("scoreSearch")
        self.search_edit.setPlaceholderText(tr("课程代码或名称"))
        self.search_edit.setClearButtonEnabled(True)
        self.best_check = QCheckBox(tr("只看每门课程最好成绩(&B)"))
        self.best_check.setObjectName("bestOnly")
        bar = QHBoxLayout()
        for text, widget in (
            (tr("考次(&I)："), self.session_combo),
            (tr("结果(&U)："), self.outcome_combo),
            (tr("类型(&Y)："), self.kind_combo),
            (tr("搜索(&Q)："), self.search_edit),
        ):
            label = buddy_label(text, widget)
            bar.addWidget(label)
            bar.addWidget(widget, 2 if widget is self.search_edit else 0)
        bar.addWidget(self.best_check)
        self.session_combo.currentIndexChanged.connect(self.apply_filters)
        self.outcome_combo.currentIndexChanged.connect(self.apply_filters)
        self.kind_combo.currentIndexChanged.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.apply_filters)
        self.best_check.toggled.connect(self.apply_filters)

        self.score_table = table_view(self.proxy, "scoreTable", alternating=True)
        self.score_table.setSortingEnabled(True)
        self.score_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.pending_label = text_label("windowReason", selectable=False)
        self.count_label = hint()

        self.pdf_button = QPushButton(tr("导出成绩单PDF(&D)…"))
        self.pdf_button.setObjectName("exportPdfButton")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button = QPushButton(tr("导出CSV(&E)…"))
        self.csv_button.setObjectName("exportCsvButton")
        self.csv_button.clicked.connect(self.export_csv)
        self.review_button = QPushButton(tr("申请成绩复核(&F)…"))
        self.review_button.setObjectName("requestReviewButton")
        self.review_button.clicked.connect(self.open_review_dialog)
        self.export_note = hint()
        self.export_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.csv_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.score_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.export_note)
        self.pending_label.hide()
        QWidget.setTabOrder(self.search_edit, self.best_check)
        QWidget.setTabOrder(self.best_check, self.score_table)
        return page

    def _build_progress(self) -> QWidget:
        self.plan_title = text_label("windowLabel", selectable=False)
        self.chart = ProgressChart()
        self.progress_text = hint()
        self.progress_text.setObjectName("progressText")
        self.progress_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remaining_label = hint()
        self.remaining_label.setObjectName("remainingCourses")
        frame = QFrame()
        frame.setObjectName("windowBanner")
        frame_layout = QVBoxLayout(frame)
        frame_layout.addWidget(self.plan_title)
        frame_layout.addWidget(self.chart)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(frame)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.remaining_label)
        layout.addStretch(1)
        return page

    def _build_plan(self) -> QWidget:
        self.plan_message = text_label("windowLabel", selectable=False)
        self.plan_window = text_label("windowReason", selectable=False)
        self.suggestion_table = table_view(self.suggestion_model, "suggestionTable", alternating=True)
        self.register_button = QPushButton(tr("去报考(&G)"))
        self.register_button.setObjectName("goRegisterButton")
        self.register_button.clicked.connect(self.go_register)
        self.register_hint = hint()
        row = QHBoxLayout()
        row.addWidget(self.register_hint, 1)
        row.addWidget(self.register_button)
        rules = hint(
            tr(
                "建议按专业计划排列：必考课优先、此前未通过的课程优先、学分较高的优先；"
                "同一考试时间只安排一门，实践课须先通过对应的理论课。"
            )
        )
        banner = QFrame()
        banner.setObjectName("windowBanner")
        banner_layout = QVBoxLayout(banner)
        banner_layout.setContentsMargins(14, 10, 14, 10)
        banner_layout.addWidget(self.plan_message)
        banner_layout.addWidget(self.plan_window)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(banner)
        layout.addWidget(self.suggestion_table, 1)
        layout.addLayout(row)
        layout.addWidget(rules)
        return page

    def _build_reviews(self) -> QWidget:
        intro = hint(
            tr(
                "成绩发布后7日内，可对笔试（理论）课程申请复核，每门课程只能申请一次。"
                "复核状态：已提交 → 复核中 → 已完成（维持原成绩，或更正为新的分数）。"
            )
        )
        self.review_table = table_view(self.review_model, "reviewTable", alternating=True)
        self.review_button2 = QPushButton(tr("申请成绩复核(&A)…"))
        self.review_button2.setObjectName("requestReviewButton2")
        self.review_button2.clicked.connect(self.open_review_dialog)
        self.review_note = hint()
        row = QHBoxLayout()
        row.addWidget(self.review_note, 1)
        row.addWidget(self.review_button2)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.review_table, 1)
        layout.addLayout(row)
        return page

    # --- loading -----------------------------------------------------------------------------------------
    def requests(self) -> dict[str, Callable[[], Any]]:
        client = self.client
        return {
            "scores": client.scores.list,
            "progress": client.scores.progress,
            "reviews": client.scores.reviews,
            "plan": lambda: plan_or_refusal(client),
        }

    def apply(self, results: dict[str, Any]) -> None:
        answer = results["plan"]
        plan, problem = (None, user_message(answer)) if isinstance(answer, ApiError) else (answer, None)
        data = ScoresData(results["scores"], results["progress"], list(results["reviews"]), plan, problem)
        self.data = data
        self._show_scores(data.scores)
        self._show_progress(data.progress)
        self._show_plan(data.plan, data.plan_problem)
        self.review_model.set_items(data.reviews)
        self.review_note.setText(
            tr("共{len}项复核申请。").format(len=len(data.reviews)) if data.reviews else tr("尚未申请过成绩复核。")
        )

    def show_status(self, text: str) -> None:
        self.refresh_note.setText(text)

    # --- the list ------------------------------------------------------------------------------------------
    def _show_scores(self, listing: ScoreList) -> None:
        current = self.session_combo.currentData()
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        self.session_combo.addItem(tr("全部考次"), "")
        sessions = sorted({(s.session_code, s.session_name) for s in listing.scores}, reverse=True)
        for code, name in sessions:
            self.session_combo.addItem(name, code)
        index = self.session_combo.findData(current) if current else 0
        self.session_combo.setCurrentIndex(max(0, index))
        self.session_combo.blockSignals(False)
        self.score_model.set_items(listing.scores)
        pending = tr("；").join(
            tr("{session_name}考次成绩将于{datetime_text}发布").format(
                session_name=p.session_name, datetime_text=datetime_text(p.release_at)
            )
            for p in listing.pending
        )
        self.pending_label.setText(pending)
        self.pending_label.setVisible(bool(pending))
        has_scores = bool(listing.scores)
        self.pdf_button.setEnabled(has_scores)
        self.csv_button.setEnabled(has_scores)
        self.apply_filters()

    def set_filters(
        self,
        *,
        session_code: str = "",
        outcome: str = "all",
        kind: str = "all",
        text: str = "",
        best_only: bool = False,
    ) -> None:
        """Set the filter widgets (the table follows)."""
        combos = ((self.session_combo, session_code), (self.outcome_combo, outcome), (self.kind_combo, kind))
        for combo, value in combos:
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.search_edit.setText(text)
        self.best_check.setChecked(best_only)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.proxy.set_filters(
            session_code=self.session_combo.currentData() or None,
            outcome=self.outcome_combo.currentData() or "all",
            kind=self.kind_combo.currentData() or "all",
            text=self.search_edit.text(),
            best_only=self.best_check.isChecked(),
        )
        total = self.score_model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            self.count_label.setText(tr("暂无已发布的成绩。"))
        else:
            self.count_label.setText(
                tr("显示 {shown} 条，共 %n 条成绩（★ 为该课程最好成绩）", None, total).format(shown=shown)
            )

    # --- progress ------------------------------------------------------------------------------------------
    def _show_progress(self, p: Progress) -> None:
        self.plan_title.setText(
            tr("{major_code} {major_name}（{level}）{plan_version}版专业计划").format(
                major_code=p.major_code, major_name=p.major_name, level=p.level, plan_version=p.plan_version
            )
        )
        self.chart.set_progress(p)
        lines = [
            tr(
                "已获学分：{credits_done}（通过 {credits_passed}，免考 {credits_exempted}）"
                "，计划最低 {min_credits} 学分"
            ).format(
                credits_done=p.credits_done,
                credits_passed=p.credits_passed,
                credits_exempted=p.credits_exempted,
                min_credits=p.min_credits,
            )
            + (
                tr("，已达到")
                if p.credits_done >= p.min_credits
                else tr("，还差 %n 学分", None, p.min_credits - p.credits_done)
            ),
            tr(
                "已完成课程：{courses_done} 门（通过 {courses_passed}，免考 {courses_exempted}）"
                "，计划最少 {min_courses} 门；必考课已完成 {required_done}/{required_total} "
                "门"
            ).format(
                courses_done=p.courses_done,
                courses_passed=p.courses_passed,
                courses_exempted=p.courses_exempted,
                min_courses=p.min_courses,
                required_done=p.required_done,
                required_total=p.required_total,
            ),
        ]
        for k in p.by_kind:
            lines.append(
                tr(
                    "{kind_text}：共 %n 门，通过 {passed}，免考 {exempted}，"
                    "未完成 {remaining}（学分 {credits_done}/{credits_total}）",
                    None,
                    k.total,
                ).format(
                    kind_text=tr(k.kind_text),
                    passed=k.passed,
                    exempted=k.exempted,
                    remaining=k.remaining,
                    credits_done=k.credits_done,
                    credits_total=k.credits_total,
                )
            )
        if p.complete:
            lines.append(tr("专业计划规定的课程和学分已全部完成。"))
        self.progress_text.setText("\n".join(lines))
        if p.remaining:
            elective = tr("（选考）")
            names = tr("、").join(f"{c.code} {c.name}{'' if c.required else elective}" for c in p.remaining)
            self.remaining_label.setText(
                tr("未完成的课程（{len}门）：{names}").format(len=len(p.remaining), names=names)
            )
        else:
            self.remaining_label.setText(tr("没有未完成的课程。"))

    def progress_summary(self) -> str:
        return self.progress_text.text()

    # --- the suggested plan ------------------------------------------------------------------------------
    def _show_plan(self, plan: PlanSuggestion | None, problem: str | None) -> None:
        if plan is None:
            self.plan_message.setText(problem or tr("暂无报考建议。"))
            self.plan_window.setText("")
            self.suggestion_model.set_items([])
            self.register_button.setEnabled(False)
            self.register_hint.setText("")
            return
        self.plan_message.setText(plan.message)
        when = plan_window_text(plan, self.clock.now())
        self.plan_window.setText(when)
        # open: the window in the banner's calm colour; closed or not open yet: in red
        self.plan_window.setObjectName("phaseLabel" if plan.can_register_now else "windowReason")
        self.plan_window.style().unpolish(self.plan_window)
        self.plan_window.style().polish(self.plan_window)
        self.suggestion_model.set_items(plan.courses)
        can = plan.can_register_now and bool(plan.courses)
        self.register_button.setEnabled(can)
        if can:
            self.register_hint.setText(
                tr("点击“去报考”，在报名报考页面中将自动勾选以上课程，核对考点和费用后确认报考。")
            )
        elif plan.courses:
            self.register_hint.setText(when)
        else:
            self.register_hint.setText("")

    @property
    def plan(self) -> PlanSuggestion | None:
        return self.data.plan if self.data else None

    def go_register(self) -> None:
        """去报考: hand the suggested courses to 报名报考 (only while its window is open)."""
        plan = self.plan
        if plan is None or not plan.courses:
            return
        if not plan.can_register_now:
            self.register_hint.setText(plan_window_text(plan, self.clock.now()))
            return
        self.register_requested.emit([c.code for c in plan.courses])

    # --- reviews -------------------------------------------------------------------------------------------
    def open_review_dialog(self) -> ReviewDialog:
        if self.review_dialog is not None and self.review_dialog.isVisible():
            return self.review_dialog
        dialog = ReviewDialog(self.client, self.runner, self, store=self.store)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self._review_submitted)
        dialog.destroyed.connect(lambda: setattr(self, "review_dialog", None))
        self.review_dialog = dialog
        dialog.open()
        return dialog

    def _review_submitted(self, review: Review) -> None:
        """The dialog publishes ``scores`` next, and that reloads this page (list and reviews)."""
        log.info("score review %s submitted", review.review_no)
        self.export_note.setText(
            tr(
                "已提交 {course_code} {course_name} 的成绩复核申请（编号 {review_no}），可在“成绩复核”中查看进度。"
            ).format(course_code=review.course_code, course_name=review.course_name, review_no=review.review_no)
        )
        self.sub_tabs.setCurrentIndex(3)

    # --- export --------------------------------------------------------------------------------------------
    def _ask_path(self, title: str, suffix: str, filter_text: str, then: Callable[[Path], None]) -> QFileDialog:
        name = (
            transcript_file_name(self.profile, suffix) if self.profile else tr("成绩单.{suffix}").format(suffix=suffix)
        )
        self.file_dialog = save_dialog(self, title, documents_path(name), filter_text, suffix, then)
        return self.file_dialog

    def export_pdf(self) -> QFileDialog:
        return self._ask_path(tr("导出成绩单"), "pdf", tr("PDF 文件 (*.pdf)"), self.save_transcript_to)

    def export_csv(self) -> QFileDialog:
        return self._ask_path(tr("导出成绩（CSV）"), "csv", tr("CSV 文件 (*.csv)"), self.save_csv_to)

    def save_transcript_to(self, path: Path) -> None:
        data = self.data
        if data is None:
            return
        now = self.clock.now()

        def render(profile: Profile) -> bytes:
            return documents.render_pdf(transcript_html(data.scores.scores, profile, data.progress, printed_at=now))

        self._save(path, render)

    def save_csv_to(self, path: Path) -> None:
        data = self.data
        if data is None:
            return
        self._save(path, lambda profile: transcript_csv(data.scores.scores, profile))

    def _save(self, path: Path, make: Callable[[Profile], bytes]) -> None:
        client, known = self.client, self.profile

        def work() -> tuple[Path, Profile]:
            profile = known or client.me.profile()
            return documents.save_file(make(profile), path), profile

        def done(result: tuple[Path, Profile]) -> None:
            saved, self.profile = result
            self.export_note.setText(tr("已保存：{saved}").format(saved=saved))
            self.exported.emit(saved)

        def failed(exc: Exception) -> None:
            text = documents.pdf_error_message(exc, path) if isinstance(exc, OSError) else user_message(exc)
            self.export_note.setText(tr("未保存：{text}").format(text=text))

        self.runner.run(work, done, failed, owner=self)
