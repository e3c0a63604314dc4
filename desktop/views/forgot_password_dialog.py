"""忘记密码: exam_no + ID number + registered phone → SMS code → new password.

The server answers "sent" whether or not the three match (it never reveals who is registered), so
the dialog shows the server's message as it is.  A new code can be asked for after 60 seconds.
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api import RateLimited, ValidationFailed
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.login_dialog import grow_to_fit
from desktop.views.widgets.forms import buddy_label
from zikao_common.fields import password_shape_problem, phone_problem
from zikao_common.idnumber import IdNumberError, parse_id_number
from zikao_common.numbers import is_ascii_digits, normalise_number

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

RESEND_SECONDS = 60
SMS_CODE_LENGTH = 6
ERROR_STYLE = "color: #c0392b;"
INFO_STYLE = "color: #1d6b3a;"
PASSWORD_RULE = QT_TR_NOOP("8–64位，须同时包含字母和数字，不能使用过于常见的密码")


def field_with_error(widget: QWidget, wrap: bool = True) -> tuple[QWidget, QLabel]:
    """``widget`` with a red message line under it (hidden while empty).

    ``wrap=False`` keeps the message on one line: inside tab widgets Qt underestimates the height
    of wrapped labels and squeezes the fields instead.
    """
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    error = QLabel()
    error.setStyleSheet(ERROR_STYLE)
    error.setWordWrap(wrap)
    error.hide()
    layout.addWidget(error)
    return box, error


def exam_no_problem(exam_no: str) -> str | None:
    exam_no = normalise_number(exam_no)
    if not exam_no:
        return tr("请输入准考证号")
    if len(exam_no) != 12 or not is_ascii_digits(exam_no):
        return tr("准考证号应为12位数字")
    return None


def id_number_problem(id_number: str) -> str | None:
    if not id_number.strip():
        return tr("请输入身份证号")
    try:
        parse_id_number(id_number)
    except IdNumberError as exc:
        return exc.message
    return None


class ForgotPasswordDialog(QDialog):
    """Reset a forgotten examinee password with an SMS code; emits ``password_reset(exam_no)``."""

    password_reset = Signal(str)  # exam_no

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._sending = False
        self._resetting = False
        self._countdown = 0
        self.success_box: QMessageBox | None = None

        self.setWindowTitle(tr("忘记密码"))
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._build()

    def _build(self) -> None:
        intro = QLabel(tr("请填写报名时登记的准考证号、身份证号和手机号，短信验证码将发送到登记的手机号。"))
        intro.setWordWrap(True)

        self.exam_no_edit = QLineEdit()
        self.exam_no_edit.setMaxLength(12)
        self.exam_no_edit.setPlaceholderText(tr("12位数字"))
        self.id_number_edit = QLineEdit()
        self.id_number_edit.setMaxLength(18)
        self.id_number_edit.setPlaceholderText(tr("18位身份证号"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(11)
        self.phone_edit.setPlaceholderText(tr("报名时登记的11位手机号"))
        self.send_button = QPushButton(tr("获取验证码(&G)"))
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.send_code)
        self.send_message = QLabel()
        self.send_message.setObjectName("sendMessage")
        self.send_message.setStyleSheet(INFO_STYLE)
        self.send_message.setWordWrap(True)
        self.send_message.hide()

        self.sms_code_edit = QLineEdit()
        self.sms_code_edit.setMaxLength(SMS_CODE_LENGTH)
        self.sms_code_edit.setPlaceholderText(tr("6位数字"))
        self.new_password_edit = QLineEdit()
        self.new_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password_edit.setMaxLength(64)
        self.new_password_edit.setPlaceholderText(tr(PASSWORD_RULE))
        self.new_password_edit.setToolTip(tr(PASSWORD_RULE))
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setMaxLength(64)
        self.repeat_edit.setPlaceholderText(tr("再输入一次新密码"))

        self.errors: dict[str, QLabel] = {}
        step1 = QGroupBox(tr("第一步：核对身份"))
        form1 = QFormLayout(step1)
        for label, name, edit in (
            (tr("准考证号(&E)"), "exam_no", self.exam_no_edit),
            (tr("身份证号(&I)"), "id_number", self.id_number_edit),
            (tr("注册手机号(&M)"), "phone", self.phone_edit),
        ):
            box, self.errors[name] = field_with_error(edit)
            caption = buddy_label(label, edit)
            form1.addRow(caption, box)
            edit.textEdited.connect(lambda _text, n=name: self._clear_field_error(n))
        send_row = QHBoxLayout()
        send_row.addWidget(self.send_button)
        send_row.addWidget(self.send_message, 1)
        form1.addRow("", send_row)

        step2 = QGroupBox(tr("第二步：设置新密码"))
        form2 = QFormLayout(step2)
        for label, name, edit in (
            (tr("短信验证码(&S)"), "sms_code", self.sms_code_edit),
            (tr("新密码(&N)"), "new_password", self.new_password_edit),
            (tr("确认新密码(&A)"), "repeat", self.repeat_edit),
        ):
            box, self.errors[name] = field_with_error(edit)
            caption = buddy_label(label, edit)
            form2.addRow(caption, box)
            edit.textEdited.connect(lambda _text, n=name: self._clear_field_error(n))

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox()
        self.reset_button = self.buttons.addButton(tr("重置密码(&R)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.reset_button.setDefault(True)
        self.reset_button.clicked.connect(self.reset_password)
        cancel = self.buttons.addButton(tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(step1)
        layout.addWidget(step2)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

        chain = [
            self.exam_no_edit,
            self.id_number_edit,
            self.phone_edit,
            self.send_button,
            self.sms_code_edit,
            self.new_password_edit,
            self.repeat_edit,
            self.reset_button,
            cancel,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.exam_no_edit.setFocus()

    # --- public ---------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._runner.running_for(self) > 0

    @property
    def countdown(self) -> int:
        """Seconds until a new code may be asked for (0: now)."""
        return self._countdown

    def field_error(self, name: str) -> str:
        """The message shown next to field ``name`` ("" when none)."""
        label = self.errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def send_code(self) -> None:
        if self._sending or self._countdown > 0:
            return
        self._clear_errors()
        if not self._check_identity():
            return
        exam_no, id_number, phone = self._identity()
        self._sending = True
        self.send_button.setEnabled(False)
        self.send_button.setText(tr("正在发送…"))
        client = self._client
        self._runner.run(
            lambda: client.auth.send_reset_code(exam_no, id_number, phone),
            self._code_sent,
            self._send_failed,
            owner=self,
        )

    def reset_password(self) -> None:
        if self._resetting:
            return
        self._clear_errors()
        ok = self._check_identity()
        code = normalise_number(self.sms_code_edit.text())
        password = self.new_password_edit.text()
        first_bad: QLineEdit | None = None
        if not (len(code) == SMS_CODE_LENGTH and is_ascii_digits(code)):
            self._set_field_error(
                "sms_code", tr("请输入短信中的6位数字验证码") if not code else tr("短信验证码应为6位数字")
            )
            first_bad = self.sms_code_edit
        if problem := password_shape_problem(password):
            self._set_field_error("new_password", problem)
            first_bad = first_bad or self.new_password_edit
        elif self.repeat_edit.text() != password:
            self._set_field_error("repeat", tr("两次输入的新密码不一致"))
            first_bad = first_bad or self.repeat_edit
        if not ok:
            return
        if first_bad is not None:
            first_bad.setFocus()
            return
        exam_no, id_number, phone = self._identity()
        self._resetting = True
        self.reset_button.setEnabled(False)
        self.reset_button.setText(tr("正在提交…"))
        client = self._client
        self._runner.run(
            lambda: client.auth.reset_password(exam_no, id_number, phone, code, password),
            lambda message: self._reset_done(exam_no, message),
            self._reset_failed,
            owner=self,
        )

    # --- internals ------------------------------------------------------------------------------------

    def _identity(self) -> tuple[str, str, str]:
        return (
            normalise_number(self.exam_no_edit.text()),
            normalise_number(self.id_number_edit.text()),
            normalise_number(self.phone_edit.text()),
        )

    def _check_identity(self) -> bool:
        exam_no, id_number, phone = self._identity()
        checks = (
            ("exam_no", self.exam_no_edit, exam_no_problem(exam_no)),
            ("id_number", self.id_number_edit, id_number_problem(id_number)),
            ("phone", self.phone_edit, phone_problem(phone) if phone else tr("请输入注册手机号")),
        )
        first_bad: QLineEdit | None = None
        for name, edit, problem in checks:
            if problem:
                self._set_field_error(name, problem)
                first_bad = first_bad or edit
        if first_bad is not None:
            first_bad.setFocus()
            return False
        return True

    def _set_field_error(self, name: str, message: str) -> None:
        label = self.errors[name]
        label.setText(message)
        label.show()
        grow_to_fit(self)

    def _clear_field_error(self, name: str) -> None:
        self.errors[name].clear()
        self.errors[name].hide()

    def _clear_errors(self) -> None:
        for name in self.errors:
            self._clear_field_error(name)
        self.error_label.clear()
        self.error_label.hide()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        grow_to_fit(self)

    def _code_sent(self, message: str) -> None:
        self._sending = False
        self.send_message.setStyleSheet(INFO_STYLE)
        self.send_message.setText(message)
        self.send_message.show()
        grow_to_fit(self)
        self._start_countdown(RESEND_SECONDS)
        self.sms_code_edit.setFocus()

    def _send_failed(self, exc: Exception) -> None:
        self._sending = False
        wait = 0
        if isinstance(exc, RateLimited) and isinstance(exc.details, dict):
            try:
                wait = int(exc.details.get("retry_after") or 0)
            except (TypeError, ValueError):
                wait = 0
        if wait > 0:
            self.send_message.setStyleSheet(ERROR_STYLE)
            self.send_message.setText(user_message(exc))
            self.send_message.show()
            self._start_countdown(wait)
            return
        self._restore_send_button()
        self._show_server_error(exc)

    def _start_countdown(self, seconds: int) -> None:
        self._countdown = seconds
        self._tick_text()
        self._timer.start()

    def _tick(self) -> None:
        self._countdown = max(0, self._countdown - 1)
        if self._countdown == 0:
            self._timer.stop()
            self._restore_send_button()
        else:
            self._tick_text()

    def _tick_text(self) -> None:
        self.send_button.setEnabled(False)
        self.send_button.setText(tr("重新获取（{countdown}秒）").format(countdown=self._countdown))

    def _restore_send_button(self) -> None:
        self.send_button.setEnabled(True)
        self.send_button.setText(tr("重新获取验证码(&G)") if not self.send_message.isHidden() else tr("获取验证码(&G)"))

    def _show_server_error(self, exc: Exception) -> None:
        fields = exc.field_errors if isinstance(exc, ValidationFailed) else {}
        shown = False
        for name, message in fields.items():
            if name in self.errors:
                self._set_field_error(name, message)
                shown = True
        if not shown:
            self._show_error(user_message(exc))

    def _reset_done(self, exam_no: str, message: str) -> None:
        self._resetting = False
        self.new_password_edit.clear()
        self.repeat_edit.clear()
        self._timer.stop()
        log.info("password reset done")
        self.password_reset.emit(exam_no)
        box = QMessageBox(
            QMessageBox.Icon.Information, tr("密码已重置"), message, QMessageBox.StandardButton.Ok, self.parentWidget()
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.success_box = box
        box.open()
        self.accept()

    def _reset_failed(self, exc: Exception) -> None:
        self._resetting = False
        self.reset_button.setEnabled(True)
        self.reset_button.setText(tr("重置密码(&R)"))
        code = getattr(exc, "code", "")
        if code in ("sms_code_wrong", "sms_code_expired"):
            self._set_field_error("sms_code", user_message(exc))
            self.sms_code_edit.setFocus()
            self.sms_code_edit.selectAll()
            return
        if code == "weak_password":
            self._set_field_error("new_password", user_message(exc))
            self.new_password_edit.clear()
            self.repeat_edit.clear()
            self.new_password_edit.setFocus()
            return
        self._show_server_error(exc)
