"""The application form of 毕业申请: resume table, self-assessment, one upload widget per material,
the 毕业生登记表 (preview and PDF), save and submit, and the state history with the staff's comments.

Every call runs on the task runner; a refusal of the server (what is missing, the window closed,
the state changed) is shown in the form's message line, anything unexpected through present_error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.errors import ApiError, NotFound
from desktop.api.graduation import Eligibility, GraduationApplication, Limits
from desktop.core.clock import ServerClock
from desktop.core.errors import present_error, user_message
from desktop.core.tasks import TaskRunner
from desktop.documents import render as doc
from desktop.documents.graduation_form import form_file_name, form_html
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.graduation_models import ResumeTableModel
from desktop.models.records_models import HistoryTableModel
from desktop.views.widgets.files import documents_path, save_dialog
from desktop.views.widgets.forms import hint, section_title
from desktop.views.widgets.tables import table_view
from desktop.views.widgets.upload import UploadWidget

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

STATUS_COLOURS = {
    "draft": "#4a5568",
    "submitted": "#1a4f8b",
    "returned": "#9c4221",
    "first_passed": "#276749",
    "first_failed": "#b42318",
    "confirmed": "#276749",
    "final_passed": "#276749",
    "final_failed": "#b42318",
    "issued": "#276749",
}
NEXT_STEP = {
    "draft": QT_TR_NOOP("填写完整后点击“提交申请”。"),
    "submitted": QT_TR_NOOP("等待市州自考办初审。"),
    "returned": QT_TR_NOOP("请按退回原因修改后重新提交。"),
    "first_passed": QT_TR_NOOP(
        "初审已通过：请携带身份证、毕业生登记表（本人签名）及各项材料原件到市州自考办现场确认。"
    ),
    "first_failed": QT_TR_NOOP("本次申请未通过初审，可在下一次毕业申请时间重新申请。"),
    "confirmed": QT_TR_NOOP("已现场确认，等待终审。"),
    "final_passed": QT_TR_NOOP("终审已通过，等待发放毕业证书。"),
    "final_failed": QT_TR_NOOP("本次申请终审未通过，可在下一次毕业申请时间重新申请。"),
    "issued": QT_TR_NOOP("毕业证书已发放，请按通知到市州自考办领取。"),
}


class ApplicationForm(QWidget):
    """One graduation application: edit (draft / returned), submit, follow."""

    application_changed = Signal(object)  # GraduationApplication
    form_saved = Signal(object)  # Path of the saved 毕业生登记表

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        application: GraduationApplication,
        limits: Limits,
        eligibility: Eligibility,
        parent: QWidget | None = None,
        *,
        clock: ServerClock | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("graduationForm")
        #: the server's now for the form's 打印时间 (the page's clock)
        self.clock = clock if clock is not None else ServerClock(parent=self)
        self.client = client
        self.runner = runner
        self.application = application
        self.limits = limits
        self.eligibility = eligibility
        self._busy = False
        self.last_form_html: str | None = None
        self.file_dialog: QFileDialog | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None
        self._build()
        self.show_application(application)

    # --- building ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.status_label = QLabel()
        self.status_label.setObjectName("graduationStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)

        self.resume_model = ResumeTableModel(self)
        self.resume_view = table_view(self.resume_model, "resumeTable", editable=True, accessible=tr("个人简历"))
        self.resume_view.setMinimumHeight(130)
        self.add_row_button = QPushButton(tr("添加简历(&A)"))
        self.add_row_button.setObjectName("addResumeButton")
        self.add_row_button.clicked.connect(self.add_resume_row)
        self.remove_row_button = QPushButton(tr("删除所选(&E)"))
        self.remove_row_button.setObjectName("removeResumeButton")
        self.remove_row_button.clicked.connect(self.remove_resume_row)
        resume_head = QHBoxLayout()
        resume_head.addWidget(section_title(tr("个人简历")))
        resume_hint = hint(tr("从高中起按时间顺序填写；双击单元格编辑，年月写成 2018-09，终止年月留空表示至今"))
        resume_head.addWidget(resume_hint, 1)
        resume_head.addWidget(self.add_row_button)
        resume_head.addWidget(self.remove_row_button)

        self.assessment = QPlainTextEdit()
        self.assessment.setObjectName("selfAssessment")
        self.assessment.setAccessibleName(tr("自我鉴定"))
        self.assessment.setPlaceholderText(
            tr(
                "从思想品德、学习和工作等方面写一段自我鉴定，{self_assessment_min_length}至{self_assessment_max_length}字"
            ).format(
                self_assessment_min_length=self.limits.self_assessment_min_length,
                self_assessment_max_length=self.limits.self_assessment_max_length,
            )
        )
        self.assessment.setMinimumHeight(110)
        self.assessment.setMaximumHeight(170)
        self.assessment.setTabChangesFocus(True)
        self.assessment.textChanged.connect(self._count)
        self.count_label = QLabel()
        self.count_label.setObjectName("assessmentCount")
        assess_head = QHBoxLayout()
        assess_head.addWidget(section_title(tr("自我鉴定")), 1)
        assess_head.addWidget(self.count_label)

        self.uploads: dict[str, UploadWidget] = {}
        self.material_grid = QGridLayout()
        for n, material in enumerate(self.application.materials):
            widget = UploadWidget(self.client, self.runner, self, max_files=1, title=material.kind_text)
            widget.setObjectName(f"material_{material.kind}")
            widget.setToolTip(material.rule)
            widget.drop_label.setText(tr("拖入文件或点击“添加文件”。{rule}").format(rule=material.rule))
            self.uploads[material.kind] = widget
            self.material_grid.addWidget(widget, n, 0)

        self.message = QLabel()
        self.message.setObjectName("graduationMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.save_button = QPushButton(tr("保存草稿(&S)"))
        self.save_button.setObjectName("saveDraftButton")
        self.save_button.clicked.connect(self.save)
        self.preview_button = QPushButton(tr("生成登记表(&G)"))
        self.preview_button.setObjectName("previewFormButton")
        self.preview_button.setToolTip(tr("用您的考籍信息、照片、简历和自我鉴定生成A4毕业生登记表并预览"))
        self.preview_button.clicked.connect(self.preview_form)
        self.pdf_button = QPushButton(tr("保存登记表PDF(&D)…"))
        self.pdf_button.setObjectName("saveFormButton")
        self.pdf_button.clicked.connect(self.choose_form_path)
        self.submit_button = QPushButton(tr("提交申请(&T)"))
        self.submit_button.setObjectName("submitGraduationButton")
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)

        self.history_model = HistoryTableModel(self)
        self.history_view = table_view(self.history_model, "graduationHistory")
        self.history_view.setMinimumHeight(120)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        self.edit_area = QWidget()
        edit = QVBoxLayout(self.edit_area)
        edit.setContentsMargins(0, 0, 0, 0)
        edit.addLayout(resume_head)
        edit.addWidget(self.resume_view)
        edit.addLayout(assess_head)
        edit.addWidget(self.assessment)
        edit.addWidget(section_title(tr("申请材料（每项一个文件）")))
        edit.addLayout(self.material_grid)
        layout.addWidget(self.edit_area)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(section_title(tr("办理进度")))
        layout.addWidget(self.history_view)
        self.setTabOrder(self.resume_view, self.add_row_button)
        self.setTabOrder(self.add_row_button, self.remove_row_button)
        self.setTabOrder(self.remove_row_button, self.assessment)

    # --- showing -------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy or any(w.uploading for w in self.uploads.values())

    def show_application(self, app: GraduationApplication) -> None:
        self.application = app
        colour = STATUS_COLOURS.get(app.status, "#333333")
        lines = [
            tr(
                '申请编号 {application_no}（{session_name}毕业申请）\u3000状态：<b style="color: {colour};">{esc}</b>'
            ).format(
                application_no=app.application_no,
                session_name=app.session_name,
                colour=colour,
                esc=doc.esc(app.status_text),
            ),
            doc.esc(tr(NEXT_STEP.get(app.status, ""))),
        ]
        if app.reason:
            lines.append(tr("工作人员意见：{esc}").format(esc=doc.esc(app.reason)))
        if app.certificate_no:
            lines.append(tr("毕业证书编号：<b>{esc}</b>").format(esc=doc.esc(app.certificate_no)))
        self.status_label.setText("<br/>".join(lines))
        self.resume_model.set_entries(app.resume)
        self.assessment.setPlainText(app.self_assessment)
        for material in app.materials:
            widget = self.uploads.get(material.kind)
            if widget is not None:
                widget.set_files([material.file] if material.file else [])
        self.history_model.set_items(list(app.events))
        self._set_editable(app.editable)
        self._count()

    def _set_editable(self, editable: bool) -> None:
        self.resume_model.set_editable(editable)
        self.assessment.setReadOnly(not editable)
        for widget in self.uploads.values():
            widget.set_read_only(not editable)
        for button in (self.add_row_button, self.remove_row_button, self.save_button, self.submit_button):
            button.setVisible(editable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self._busy
        for button in (self.save_button, self.submit_button, self.preview_button, self.pdf_button):
            button.setEnabled(idle)
        if self.application.editable:
            self.submit_button.setDefault(True)

    def _count(self) -> None:
        n = len(self.assessment.toPlainText().strip())
        low, high = self.limits.self_assessment_min_length, self.limits.self_assessment_max_length
        self.count_label.setText(tr("{n} / {high} 字（至少{low}字）").format(n=n, high=high, low=low))
        self.count_label.setProperty("warning", n > high)

    # --- editing -------------------------------------------------------------------------------------------
    def add_resume_row(self) -> None:
        if self.resume_model.rowCount() >= self.limits.resume_max_entries:
            self.message.setText(
                tr("个人简历最多{resume_max_entries}条").format(resume_max_entries=self.limits.resume_max_entries)
            )
            return
        row = self.resume_model.add_row()
        index = self.resume_model.index(row, 0)
        self.resume_view.setCurrentIndex(index)
        self.resume_view.edit(index)

    def remove_resume_row(self) -> None:
        self.resume_model.remove_row(self.resume_view.currentIndex().row())

    def materials(self) -> dict[str, int | None]:
        return {kind: (w.file_ids() or [None])[0] for kind, w in self.uploads.items()}

    def problems(self) -> list[str]:
        """What the server would refuse on submit, checked early for a friendly message."""
        out = []
        entries = self.resume_model.entries()
        if len(entries) < self.limits.resume_min_entries:
            out.append(
                tr("请至少填写{resume_min_entries}条个人简历").format(resume_min_entries=self.limits.resume_min_entries)
            )
        if any(not e.start or not e.unit or not e.role for e in entries):
            out.append(tr("每条简历都要填写起始年月、单位或学校、职务或身份"))
        n = len(self.assessment.toPlainText().strip())
        if n < self.limits.self_assessment_min_length:
            out.append(
                tr("自我鉴定至少{self_assessment_min_length}字（当前{n}字）").format(
                    self_assessment_min_length=self.limits.self_assessment_min_length, n=n
                )
            )
        if n > self.limits.self_assessment_max_length:
            out.append(
                tr("自我鉴定最多{self_assessment_max_length}字（当前{n}字）").format(
                    self_assessment_max_length=self.limits.self_assessment_max_length, n=n
                )
            )
        for material in self.application.materials:
            if material.required and not self.uploads[material.kind].file_ids():
                out.append(tr("请上传{kind_text}").format(kind_text=material.kind_text))
        return out

    # --- calls ---------------------------------------------------------------------------------------------
    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], doing: str) -> None:
        if self.busy:
            self.message.setText(tr("请等待文件上传或当前操作完成"))
            return
        self._busy = True
        self._update_buttons()
        self.message.setText(doing)
        self.runner.run(work, lambda result: self._finish(done, result), self._failed, owner=self)

    def _finish(self, done: Callable[[Any], None], result: Any) -> None:
        self._busy = False
        self._update_buttons()
        done(result)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self._update_buttons()
        if isinstance(exc, ApiError):
            self.message.setText(user_message(exc))
        else:
            self.message.setText(tr("操作没有完成"))
            present_error(self, exc)

    def _changed(self, app: GraduationApplication, message: str) -> None:
        self.show_application(app)
        self.message.setText(message)
        self.application_changed.emit(app)

    def _save_call(self) -> Callable[[], GraduationApplication]:
        client, no = self.client, self.application.application_no
        entries, text, materials = self.resume_model.entries(), self.assessment.toPlainText(), self.materials()
        return lambda: client.graduation.save(no, entries, text, materials)

    def save(self) -> None:
        self._run(self._save_call(), lambda app: self._changed(app, tr("草稿已保存")), tr("正在保存…"))

    def submit(self) -> None:
        problems = self.problems()
        if problems:
            self.message.setText(tr("还不能提交：") + tr("；").join(problems))
            return
        client, no, save = self.client, self.application.application_no, self._save_call()

        def work() -> GraduationApplication:
            save()
            return client.graduation.submit(no)

        self._run(work, lambda app: self._changed(app, tr("毕业申请已提交，请留意办理进度")), tr("正在提交…"))

    # --- the 毕业生登记表 ----------------------------------------------------------------------------------
    def _form_inputs(self) -> dict[str, Callable[[], Any]]:
        """The record and the photo of the application (else the record's photo): asked at once."""
        client, photo_id = self.client, self.materials()["photo"]

        def photo() -> bytes | None:
            if photo_id:
                return client.records.file(photo_id)
            try:
                return client.me.photo()
            except NotFound:  # no photo on the record either: the form shows the empty frame
                return None

        return {"profile": client.me.profile, "photo": photo}

    def _run_form(self, finish: Callable[[str], Any], done: Callable[[Any], None], doing: str) -> None:
        """Build the form's HTML on a worker, ``finish(html)`` there too, then ``done`` here.

        What was typed is read now, on the GUI thread; the record and the photo are fetched at once
        (``run_all``), then the form is rendered on a worker.
        """
        if self.busy:
            self.message.setText(tr("请等待文件上传或当前操作完成"))
            return
        app, eligibility = self.application, self.eligibility
        entries, text = self.resume_model.entries(), self.assessment.toPlainText()
        self._busy = True
        self._update_buttons()
        self.message.setText(doing)

        def fetched(results: dict[str, Any]) -> None:
            printed_at = self.clock.now()

            def work() -> Any:
                html = form_html(
                    results["profile"],
                    entries,
                    text,
                    results["photo"],
                    eligibility,
                    session_name=app.session_name,
                    application_no=app.application_no,
                    printed_at=printed_at,
                )
                return finish(html)

            self.runner.run(work, lambda result: self._finish(done, result), self._failed, owner=self)

        self.runner.run_all(self._form_inputs(), fetched, self._failed, owner=self)

    def preview_form(self) -> None:
        def show(html: str) -> None:
            self.last_form_html = html
            self.message.setText(tr("已生成毕业生登记表，请在预览中核对；可打印或保存为PDF"))
            self.preview_dialog = doc.preview_document(html, self)

        self._run_form(lambda html: html, show, tr("正在生成毕业生登记表…"))

    def choose_form_path(self) -> QFileDialog:
        path = documents_path(form_file_name(self.application.application_no))
        self.file_dialog = save_dialog(
            self, tr("保存毕业生登记表"), path, tr("PDF 文件 (*.pdf)"), "pdf", self.save_form_to
        )
        return self.file_dialog

    def save_form_to(self, path: Path) -> None:
        def saved(result: tuple[Path, str]) -> None:
            self.last_form_html = result[1]
            self.message.setText(tr("毕业生登记表已保存：{result}").format(result=result[0]))
            self.form_saved.emit(result[0])

        self._run_form(lambda html: (doc.save_pdf(html, path), html), saved, tr("正在保存毕业生登记表…"))
