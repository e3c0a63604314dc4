"""申请成绩复核: only the results a review can be asked for now are offered; refusals are shown in the dialog.

A request that went through is announced on the session store (``scores``): 成绩管理 shows the
review and the score's review status, 毕业申请 its eligibility (``docs/desktop-core.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.scores import Review, ReviewOption
from desktop.core.errors import user_message
from desktop.core.store import SCORES, SessionStore
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.widgets.forms import ErrorLine, add_row, hint

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

RULES = QT_TR_NOOP(
    "成绩发布后7日内可申请复核，每门课程只能申请一次；只限笔试（理论）课程，实践课、毕业论文和缺考课程不能申请。"
    "复核只核查是否漏评、漏统和加分错误，结果为“维持原成绩”或“更正为 N 分”，一般在30日内完成。"
)
NO_OPTIONS = QT_TR_NOOP("当前没有可以申请复核的成绩（不在复核申请时间内，或笔试课程都已申请过）。")


def option_text(option: ReviewOption) -> str:
    return tr("{session_name}  {course_code} {course_name}  {score}分（{datetime_text}截止）").format(
        session_name=option.session_name,
        course_code=option.course_code,
        course_name=option.course_name,
        score=option.score,
        datetime_text=datetime_text(option.review_close, year=False),
    )


class ReviewDialog(QDialog):
    submitted = Signal(object)  # Review

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        store: SessionStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(tr("申请成绩复核"))
        self.client = client
        self.runner = runner
        self.store = store  # where a submitted request is announced (``scores``)
        self.options: list[ReviewOption] = []
        self.loaded = False
        self.sending = False

        rules = hint(tr(RULES))
        self.combo = QComboBox()
        self.combo.setObjectName("reviewCourseCombo")
        self.combo.setMinimumWidth(420)
        form = QFormLayout()
        add_row(form, tr("复核课程(&K)："), self.combo, plain=True)
        self.status_label = hint(tr("正在查询可申请复核的成绩…"))
        self.error_label = ErrorLine()  # keeps its room: a message never squeezes what is above it

        self.buttons = QDialogButtonBox()
        self.submit_button = QPushButton(tr("提交申请(&S)"))
        self.submit_button.setObjectName("submitReviewButton")
        self.submit_button.setDefault(True)
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("取消(&C)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.submit_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(rules)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._update()
        self.load()

    def load(self) -> None:
        self.loaded = False
        self._update()
        self.runner.run(self.client.scores.review_options, self._options_loaded, self._load_failed, owner=self)

    def _options_loaded(self, options: list[ReviewOption]) -> None:
        self.loaded = True
        self.options = options
        self.combo.clear()
        for option in options:
            self.combo.addItem(option_text(option), (option.session_code, option.course_code))
        self.status_label.setText("" if options else tr(NO_OPTIONS))
        self.status_label.setVisible(not options)
        self._update()
        self.combo.setFocus()

    def _load_failed(self, exc: Exception) -> None:
        self.loaded = True
        self.status_label.setText(tr("查询失败：{user_message}").format(user_message=user_message(exc)))
        self._update()

    @property
    def busy(self) -> bool:
        return self.runner.running_for(self) > 0

    def choose(self, course_code: str) -> bool:
        index = next((i for i, o in enumerate(self.options) if o.course_code == course_code), -1)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        return index >= 0

    def submit(self) -> None:
        choice = self.combo.currentData()
        if self.sending or not choice:
            return
        session_code, course_code = choice
        self.sending = True
        self.error_label.clear_message()
        self._update()
        client = self.client
        self.runner.run(
            lambda: client.scores.request_review(session_code, course_code), self._done, self._failed, owner=self
        )

    def _done(self, review: Review) -> None:
        self.sending = False
        self.submitted.emit(review)
        if self.store is not None:
            self.store.publish(SCORES, review)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.sending = False
        self.error_label.show_message(tr("申请未成功：{user_message}").format(user_message=user_message(exc)))
        self._update()

    @property
    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _update(self) -> None:
        ready = self.loaded and bool(self.options) and not self.sending
        self.submit_button.setEnabled(ready)
        self.submit_button.setText(tr("正在提交…") if self.sending else tr("提交申请(&S)"))
        self.combo.setEnabled(ready)
