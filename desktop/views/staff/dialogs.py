"""Small dialogs of the staff console: a reason, identity check, a one-time password shown once.

All are window-modal and non-blocking (``open()``) ``SubmitDialog``s: they close when the server
says yes, and show a refusal at its field with what was typed still there.  What they show of an examinee (a revealed
ID number, a one-time password) lives only in their widgets: the console closes them on
"下一位考生" and with the window at logout.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n.tr import tr
from desktop.views.widgets.forms import add_row, buddy_label, hint
from desktop.views.widgets.submit_dialog import SubmitDialog

REASON_MIN = 2


class _Dialog(SubmitDialog):
    """A staff dialog: what the clerk or reviewer typed goes to the server through ``send``
    (``SubmitDialog``); the dialog closes only when the server says yes."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None) -> None:
        super().__init__(title, object_name, parent)
        self.setMinimumWidth(420)


class ReasonDialog(_Dialog):
    """Ask for a reason (reveal a number, return or reject an application); emits ``reason_given``,
    whose receiver sends it (``send``): a refusal stays here with the reason as typed."""

    reason_given = Signal(str)

    def __init__(self, title: str, prompt: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(title, "reasonDialog", parent)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        label.setBuddy(self.reason_edit)
        buttons = self.ok_cancel(ok_text, self.submit)
        self.set_fields({"reason": self.reason_edit, "comment": self.reason_edit})
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.reason_edit.setFocus()

    def submit(self) -> None:
        reason = self.reason_edit.toPlainText().strip()
        if len(reason) < REASON_MIN:
            self.show_error(tr("请填写原因（至少{count}个字）").format(count=REASON_MIN), self.reason_edit)
            return
        self.reason_given.emit(reason)


class ScoreCorrectionDialog(ReasonDialog):
    """A corrected score and the reason for it (成绩复核); emits ``corrected(score, reason)``."""

    corrected = Signal(int, str)

    def __init__(self, title: str, original: int | None, parent: QWidget | None = None) -> None:
        super().__init__(title, tr("更正原因（记入审计日志）："), tr("更正"), parent)
        self.setObjectName("scoreCorrectionDialog")
        self.score_spin = QSpinBox()
        self.score_spin.setObjectName("correctedScore")
        self.score_spin.setRange(0, 100)
        if original is not None:
            self.score_spin.setValue(original)
        label = buddy_label(tr("更正后成绩(&S)"), self.score_spin)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.score_spin)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, row)
        self.errors.add_field("corrected_score", self.score_spin)
        self.reason_given.connect(lambda reason: self.corrected.emit(self.score_spin.value(), reason))
        self.setTabOrder(self.score_spin, self.reason_edit)
        self.score_spin.setFocus()
        self.score_spin.selectAll()


class VerifyDialog(_Dialog):
    """Type the ID number and name from the examinee's ID card; emits ``(id_number, name)``, whose
    receiver sends them (``send``): a mismatch stays here, at the field that does not match."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("核验考生身份"), "verifyDialog", parent)
        intro = QLabel(tr("请查验考生的身份证原件，并按证件输入身份证号和姓名。核验结果会记入审计日志。"))
        intro.setWordWrap(True)
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("verifyIdNumber")
        self.id_edit.setMaxLength(18)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("verifyName")
        self.name_edit.setMaxLength(30)
        form = QFormLayout()
        for text, edit in ((tr("身份证号(&I)"), self.id_edit), (tr("姓名(&N)"), self.name_edit)):
            add_row(form, text, edit, plain=True)
        buttons = self.ok_cancel(tr("核验"), self.submit)
        self.set_fields({"id_number": self.id_edit, "name": self.name_edit})
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.id_edit.setFocus()

    def submit(self) -> None:
        number, name = self.id_edit.text().strip().upper(), self.name_edit.text().strip()
        if len(number) != 18:
            self.show_error(tr("请输入完整的18位身份证号"), self.id_edit)
            return
        if not name:
            self.show_error(tr("请输入姓名"), self.name_edit)
            return
        self.submitted.emit(number, name)


class SecretDialog(_Dialog):
    """Show one secret value (a full ID number, a one-time password) in large type, once."""

    def __init__(self, title: str, label: str, value: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(title, "secretDialog", parent)
        caption = QLabel(label)
        self.value_label = QLabel(value)
        self.value_label.setObjectName("secretValue")
        # read out or written down, never copied: nothing of it stays in the clipboard
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(max(14.0, self.font().pointSizeF() * 1.8))
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2.0)
        self.value_label.setFont(font)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note_label = hint(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("关闭"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.value_label)
        layout.addWidget(note_label)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        self.value_label.clear()  # the secret leaves the screen with the dialog
        super().done(result)
