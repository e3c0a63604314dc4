"""The 毕业申请 tab: am I eligible (or exactly what is missing, with a way to the study plan), the
application window (or the next one's dates), and the application itself (views/graduation/form.py).

A ``ModulePage`` (``docs/desktop-core.md``): everything comes from one request
(``client.graduation.overview``); the server decides eligibility and the window, the page only
shows them, in Beijing time and the one time format (``desktop.core.timefmt``).  It is current
after a change elsewhere: an exemption approved or a record application submitted (``RECORDS``),
scores, paid registrations, the profile, the server's clock.  Its own changes (a draft created,
saved, submitted) publish ``GRADUATION``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.graduation import Eligibility, GraduationApplication, GraduationOverview, Window
from desktop.core.errors import user_message
from desktop.core.store import CLOCK, GRADUATION, PROFILE, RECORDS, REGISTRATIONS, SCORES
from desktop.core.timefmt import window_text
from desktop.documents import render as doc
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.graduation.form import ApplicationForm
from desktop.views.page import ModulePage
from desktop.views.widgets.forms import text_label

#: sub-tabs of 成绩管理 the eligibility view links to
PROGRESS_TAB, PLAN_TAB = 1, 2


def summary_text(e: Eligibility) -> str:
    parts = [
        tr("{major_code} {major_name}（{level}，{plan_version}版计划）").format(
            major_code=e.major_code, major_name=e.major_name, level=e.level, plan_version=e.plan_version
        ),
        tr("已取得 {credits_done} / {min_credits} 学分").format(credits_done=e.credits_done, min_credits=e.min_credits),
        tr("合格课程 {courses_done} / {min_courses} 门").format(courses_done=e.courses_done, min_courses=e.min_courses),
        tr("必考课程已完成 {required_done} / {required_total} 门").format(
            required_done=e.required_done, required_total=e.required_total
        ),
    ]
    if e.thesis_required:
        parts.append(tr("毕业论文：") + (tr("已通过") if e.thesis_passed else tr("未通过")))
    if e.prior_diploma_required:
        parts.append(tr("前置学历：") + (tr("已核验") if e.prior_diploma_verified else tr("未核验")))
    return tr("；").join(parts)


def window_message(window: Window) -> str:
    """The application window in words: open until when, or when the next one opens."""
    if window.opens_at is None or window.closes_at is None:
        return window.text  # none planned: the server says where to look
    span = window_text(window.opens_at, window.closes_at, year=True)
    if window.open:
        return tr("{value}毕业申请正在进行：{span}，请在截止前提交").format(value=window.session_name or "", span=span)
    return tr("当前不在毕业申请时间内。下一次毕业申请时间：{span}").format(span=span)


class GraduationPage(ModulePage):
    OBJECT_NAME = "graduationPage"
    TITLE = QT_TR_NOOP("毕业申请")
    LOADING_TEXT = QT_TR_NOOP("正在检查毕业条件…")
    TOPICS = frozenset({GRADUATION, RECORDS, SCORES, REGISTRATIONS, PROFILE, CLOCK})

    #: open 成绩管理 on this sub-tab (学习进度 / 报考建议); the main window connects it
    scores_requested = Signal(int)

    def setup(self) -> None:
        self.overview: GraduationOverview | None = None
        self.form: ApplicationForm | None = None

    # --- building ------------------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        self.eligibility_box = QGroupBox(tr("毕业资格"))
        self.eligibility_status = text_label("eligibilityStatus", rich=True)
        self.eligibility_summary = text_label("eligibilitySummary")
        self.reasons_label = text_label("missingReasons", rich=True)
        self.progress_button = QPushButton(tr("查看学习进度(&P)"))
        self.progress_button.setObjectName("openProgressButton")
        self.progress_button.clicked.connect(lambda: self.scores_requested.emit(PROGRESS_TAB))
        self.plan_button = QPushButton(tr("查看报考建议(&J)"))
        self.plan_button.setObjectName("openPlanButton")
        self.plan_button.clicked.connect(lambda: self.scores_requested.emit(PLAN_TAB))
        links = QHBoxLayout()
        links.addWidget(self.progress_button)
        links.addWidget(self.plan_button)
        links.addStretch(1)
        box = QVBoxLayout(self.eligibility_box)
        box.addWidget(self.eligibility_status)
        box.addWidget(self.eligibility_summary)
        box.addWidget(self.reasons_label)
        box.addLayout(links)

        self.window_label = text_label("windowLabel", rich=True)
        self.window_banner = QFrame()  # styled like the registration window's banner
        self.window_banner.setObjectName("windowBanner")
        banner = QVBoxLayout(self.window_banner)
        banner.setContentsMargins(12, 8, 12, 8)
        banner.addWidget(self.window_label)

        self.application_box = QGroupBox(tr("毕业申请"))
        self.application_hint = text_label("applicationHint")
        self.start_button = QPushButton(tr("填写毕业申请(&N)"))
        self.start_button.setObjectName("startGraduationButton")
        self.start_button.clicked.connect(self.start)
        self.form_holder = QVBoxLayout()
        app_layout = QVBoxLayout(self.application_box)
        app_layout.addWidget(self.application_hint)
        app_layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        app_layout.addLayout(self.form_holder)

        inner = QWidget()
        inner.setObjectName("graduationContent")
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.eligibility_box)
        layout.addWidget(self.window_banner)
        layout.addWidget(self.application_box)
        layout.addStretch(1)
        self.inner = inner
        return inner  # the tab scrolls the page as a whole (main_window: one scroll per tab)

    # --- loading -------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return super().busy or (self.form is not None and self.form.busy)

    def requests(self) -> dict[str, Callable[[], Any]]:
        return {"overview": self.client.graduation.overview}

    def apply(self, results: dict[str, Any]) -> None:
        overview: GraduationOverview = results["overview"]
        self.overview = overview
        self._show_eligibility(overview.eligibility)
        self.window_label.setText(doc.esc(window_message(overview.window)))
        self._show_application(overview)

    def show_status(self, text: str) -> None:
        if text or self.application_hint.text().startswith((tr("正在刷新"), tr("刷新失败"))):
            self._hint(text)

    def _show_eligibility(self, e: Eligibility) -> None:
        colour = "#276749" if e.eligible else "#b42318"
        self.eligibility_status.setText(f'<b style="color: {colour};">{doc.esc(e.message)}</b>')
        self.eligibility_summary.setText(summary_text(e))
        items = "".join(f"<li>{doc.esc(r.text)}</li>" for r in e.reasons)
        self.reasons_label.setText(f"<ol style='margin: 0;'>{items}</ol>" if items else "")
        self.reasons_label.setVisible(bool(items))
        self.plan_button.setVisible(not e.eligible)

    def _show_application(self, overview: GraduationOverview) -> None:
        app = overview.application
        eligible, window = overview.eligibility.eligible, overview.window
        can_start = (app is None or app.status in ("first_failed", "final_failed")) and eligible and window.open
        self.start_button.setVisible(can_start)
        if app is None:
            self._drop_form()
            if can_start:
                hint = tr("您可以现在填写毕业申请：个人简历、自我鉴定和申请材料，生成毕业生登记表后提交。")
            elif not eligible:
                hint = tr("满足毕业条件后才能申请毕业。")
            else:
                hint = tr("请在毕业申请时间内填写和提交申请。")
            self._hint(hint)
            return
        self._hint(tr("上一份申请未通过，您可以重新申请。") if can_start else "")
        self._open_form(app)

    def _hint(self, text: str) -> None:
        self.application_hint.setText(text)
        self.application_hint.setVisible(bool(text))

    def _drop_form(self) -> None:
        if self.form is not None:
            self.form.setParent(None)
            self.form.deleteLater()
            self.form = None

    def _open_form(self, app: GraduationApplication) -> None:
        assert self.overview is not None
        form = self.form
        if form is not None and form.application.application_no == app.application_no:
            form.eligibility = self.overview.eligibility
            if form.busy or form.application == app:
                return  # unchanged on the server (or being saved): keep what is being typed
            form.show_application(app)
            return
        self._drop_form()
        self.form = ApplicationForm(
            self.client,
            self.runner,
            app,
            self.overview.limits,
            self.overview.eligibility,
            self.application_box,
            clock=self.clock,
        )
        self.form.application_changed.connect(self._application_changed)
        self.form_holder.addWidget(self.form)

    def _application_changed(self, app: GraduationApplication) -> None:
        self.start_button.hide()
        self._hint("")
        self.publish(GRADUATION, app)

    # --- starting ------------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.busy:
            return
        self.start_button.setEnabled(False)
        self._hint(tr("正在创建毕业申请草稿…"))
        self.runner.run(self.client.graduation.create, self._started_app, self._start_failed, owner=self)

    def _started_app(self, app: GraduationApplication) -> None:
        self.start_button.setEnabled(True)
        self.start_button.hide()
        self._hint(tr("草稿已创建：填写个人简历和自我鉴定，上传材料，生成登记表核对后提交。"))
        self._open_form(app)
        assert self.form is not None
        self.form.add_row_button.setFocus()
        self.publish(GRADUATION, app)

    def _start_failed(self, exc: Exception) -> None:
        self.start_button.setEnabled(True)
        self._hint(user_message(exc))
