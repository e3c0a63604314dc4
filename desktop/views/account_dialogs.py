"""The account dialogs of the personal centre: change phone, change password, upload photo.

All three are window-modal but non-blocking (``open()``, never ``exec()``), run their request on
the task runner and show the server's refusal inline, next to the fields, so the person can fix
the input and try again.  Errors that are not about the input (network, server) go to the one
error presenter.  Passwords stay in the line edits only for the request and are cleared after it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ValidationFailed
from desktop.api.types import Profile
from desktop.core.errors import present_error
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.widgets.files import open_dialog
from desktop.views.widgets.forms import ErrorLine, add_row, caption, form_layout, hint
from desktop.views.widgets.submit_dialog import REFUSALS, SubmitDialog
from zikao_common.fields import password_shape_problem, phone_problem
from zikao_common.numbers import normalise_number

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

# What the photo must look like (docs/rules.md#profile).  Shown to the person; the server decides.
PHOTO_WIDTH = 480
PHOTO_HEIGHT = 640
PHOTO_MAX_KB = 200
PHOTO_RULES_TEMPLATE = QT_TR_NOOP(
    "照片要求：JPEG（.jpg）格式；{width}×{height} 像素（宽×高）；浅蓝色背景；文件不超过 {max_kb}KB。"
)
#: the rules in Chinese (``photo_rules()`` in the current language)
PHOTO_RULES = PHOTO_RULES_TEMPLATE.format(width=PHOTO_WIDTH, height=PHOTO_HEIGHT, max_kb=PHOTO_MAX_KB)


def photo_rules() -> str:
    """The photo rules in the current language."""
    return tr(PHOTO_RULES_TEMPLATE).format(width=PHOTO_WIDTH, height=PHOTO_HEIGHT, max_kb=PHOTO_MAX_KB)


class _FormDialog(SubmitDialog):
    """Common parts: the error line (``SubmitDialog``), OK/Cancel, a "working" state."""

    def __init__(
        self, client: ApiClient, runner: TaskRunner, title: str, object_name: str, parent: QWidget | None
    ) -> None:
        super().__init__(title, object_name, parent, delete_on_close=False)
        self.client = client
        self.runner = runner
        self.buttons = self.ok_cancel(tr("确定"), self.submit)
        ok = self.ok_button
        assert ok is not None
        self.ok_button = ok

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def refused(self, exc: Exception) -> None:
        """A failure: a refusal at its field, anything else by the error presenter (the dialog stays)."""
        if isinstance(exc, REFUSALS):
            self.errors.refusal(exc)
        else:
            present_error(self, exc)


class ChangePhoneDialog(_FormDialog):
    """Change the contact phone; asks the login password again (re-authentication)."""

    phone_changed = Signal(object)  # Profile

    def __init__(
        self, client: ApiClient, runner: TaskRunner, current_masked: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(client, runner, tr("修改手机号"), "changePhoneDialog", parent)
        intro = QLabel(tr("手机号用于接收找回密码等短信。为保护您的账号，请再次输入登录密码。"))
        intro.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(64)
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("newPhone")
        self.phone_edit.setMaxLength(11)
        self.phone_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.phone_edit.setPlaceholderText(tr("11位手机号"))
        form = form_layout()
        if current_masked:
            form.addRow(caption(tr("当前手机号")), QLabel(current_masked))
        add_row(form, tr("登录密码(&P)"), self.password_edit)
        add_row(form, tr("新手机号(&N)"), self.phone_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(400)
        self.set_fields({"password": self.password_edit, "new_phone": self.phone_edit}, {"bad_password": "password"})
        self.password_edit.setFocus()

    def submit(self) -> None:
        if self._working:
            return
        password = self.password_edit.text()
        phone = normalise_number(self.phone_edit.text())
        if not password:
            self.show_error(tr("请输入登录密码"), self.password_edit)
            return
        if problem := phone_problem(phone):
            self.show_error(problem, self.phone_edit)
            return
        client = self.client
        self.send(
            self.runner,
            lambda: client.me.change_phone(password, phone),
            self._done,
            failed=lambda _exc: self.password_edit.clear(),  # a password is never kept after a request
        )

    def _done(self, profile: Profile) -> None:
        self.password_edit.clear()
        log.info("contact phone changed")
        self.phone_changed.emit(profile)


class ChangePasswordDialog(_FormDialog):
    """Change the login password: old, new, repeat.  Other logins of the account end."""

    password_changed = Signal(str)  # the server's message

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(client, runner, tr("修改密码"), "changePasswordDialog", parent)
        self.old_edit = QLineEdit()
        self.old_edit.setObjectName("oldPassword")
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("newPassword")
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatPassword")
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(64)
        rule = hint(
            tr("新密码8–64个字符，须同时包含字母和数字，不能使用过于常见的密码。修改后，其他设备上的登录将退出。")
        )
        form = form_layout()
        for text, edit in (
            (tr("原密码(&O)"), self.old_edit),
            (tr("新密码(&N)"), self.new_edit),
            (tr("再次输入新密码(&R)"), self.repeat_edit),
        ):
            add_row(form, text, edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.set_fields(
            {"old_password": self.old_edit, "new_password": self.new_edit, "repeat": self.repeat_edit},
            {"bad_password": "old_password"},
        )
        self.old_edit.setFocus()

    def submit(self) -> None:
        if self._working:
            return
        old, new, repeat = self.old_edit.text(), self.new_edit.text(), self.repeat_edit.text()
        if not old:
            self.show_error(tr("请输入原密码"), self.old_edit)
            return
        if problem := password_shape_problem(new):
            self.show_error(problem, self.new_edit)
            return
        if new != repeat:
            self.show_error(tr("两次输入的新密码不一致"), self.repeat_edit)
            return
        if new == old:
            self.show_error(tr("新密码不能与原密码相同"), self.new_edit)
            return
        client = self.client
        self.send(self.runner, lambda: client.auth.change_password(old, new), self._done, failed=self._failed)

    def _clear_passwords(self) -> None:
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()

    def _done(self, message: str) -> None:
        self._clear_passwords()
        log.info("password changed")
        self.password_changed.emit(message)

    def _failed(self, exc: Exception) -> None:
        """Only what was refused is cleared (to be typed again); the rest stays."""
        if not isinstance(exc, REFUSALS):
            self._clear_passwords()
        elif getattr(exc, "code", "") == "bad_password":
            self.old_edit.clear()
        else:
            self.new_edit.clear()
            self.repeat_edit.clear()


@dataclass(frozen=True)
class PhotoFile:
    """What the dialog knows about a chosen file (read on a worker)."""

    path: Path
    size_bytes: int
    image: QImage | None  # None: not an image Qt can read
    format: str  # "jpeg", "png", ... as sniffed by Qt, "" when unknown

    @property
    def size_kb(self) -> int:
        return (self.size_bytes + 1023) // 1024


_MAGIC = ((b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF8", "gif"), (b"BM", "bmp"), (b"%PDF-", "pdf"))


def sniff_format(data: bytes) -> str:
    """The file type by its first bytes (like the server: never by the file name)."""
    return next((name for magic, name in _MAGIC if data.startswith(magic)), "")


def read_photo_file(path: Path) -> PhotoFile:
    """Read a chosen photo (worker thread: disk; ``QImage`` is safe off the GUI thread)."""
    data = path.read_bytes()
    image = QImage()
    loaded = image.loadFromData(data)
    return PhotoFile(
        path=path,
        size_bytes=len(data),
        image=image if loaded and not image.isNull() else None,
        format=sniff_format(data),
    )


def photo_findings(photo: PhotoFile) -> list[tuple[bool, str]]:
    """How the file compares with the rules, line by line (``True`` = fits)."""
    lines: list[tuple[bool, str]] = []
    is_jpeg = photo.format == "jpeg"
    lines.append(
        (
            is_jpeg,
            tr("格式：JPEG")
            if is_jpeg
            else tr("格式：{value}（应为JPEG）").format(value=photo.format.upper() or tr("无法识别")),
        )
    )
    if photo.image is not None:
        w, h = photo.image.width(), photo.image.height()
        fits = (w, h) == (PHOTO_WIDTH, PHOTO_HEIGHT)
        lines.append(
            (
                fits,
                tr("尺寸：{w}×{h} 像素").format(w=w, h=h)
                + (
                    ""
                    if fits
                    else tr("（应为{PHOTO_WIDTH}×{PHOTO_HEIGHT}）").format(
                        PHOTO_WIDTH=PHOTO_WIDTH, PHOTO_HEIGHT=PHOTO_HEIGHT
                    )
                ),
            )
        )
    small = photo.size_bytes <= PHOTO_MAX_KB * 1024
    lines.append(
        (
            small,
            tr("大小：{size_kb}KB").format(size_kb=photo.size_kb)
            + ("" if small else tr("（应不超过{PHOTO_MAX_KB}KB）").format(PHOTO_MAX_KB=PHOTO_MAX_KB)),
        )
    )
    return lines


class PhotoUploadDialog(QDialog):
    """Choose a JPEG, see it against the rules, upload it.

    The comparison with the rules is a hint; the file goes to the server anyway, which checks it
    (the limits are server settings and it also checks the background colour) and whose message
    is shown inline when it refuses.
    """

    photo_uploaded = Signal(object)  # Profile

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self.setObjectName("photoUploadDialog")
        self.setWindowTitle(tr("上传照片"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.photo: PhotoFile | None = None
        self._working = False
        self.file_dialog: QFileDialog | None = None

        rules = QLabel(photo_rules() + tr("\n照片将用于准考证和毕业证书，请使用近期免冠证件照。"))
        rules.setObjectName("photoRules")
        rules.setWordWrap(True)

        self.preview = QLabel(tr("尚未选择照片"))
        self.preview.setObjectName("photoPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(150, 200)

        self.file_label = QLabel()
        self.file_label.setObjectName("fileName")
        self.file_label.setWordWrap(True)
        self.findings_label = QLabel()
        self.findings_label.setObjectName("photoFindings")
        self.findings_label.setTextFormat(Qt.TextFormat.RichText)
        self.findings_label.setWordWrap(True)
        self.choose_button = QPushButton(tr("选择照片(&C)…"))
        self.choose_button.setObjectName("chooseButton")
        self.choose_button.clicked.connect(self.choose_file)
        side = QVBoxLayout()
        side.addWidget(self.choose_button)
        side.addWidget(self.file_label)
        side.addWidget(self.findings_label)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.preview)
        row.addLayout(side, 1)

        self.error_label = ErrorLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.upload_button = self.buttons.addButton(tr("上传(&U)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.upload_button.setObjectName("uploadButton")
        self.upload_button.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("取消"))
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.upload)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(rules)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.choose_button.setFocus()

    @property
    def working(self) -> bool:
        return self._working

    def choose_file(self) -> None:
        """Open a (non-blocking) file dialog for ``*.jpg``."""
        self.file_dialog = open_dialog(
            self, tr("选择证件照"), "", tr("JPEG 图片 (*.jpg *.jpeg);;所有文件 (*)"), self.set_file
        )

    def set_file(self, path: Path) -> None:
        """Use ``path``: read it on a worker, then show the preview and how it fits the rules."""
        self.error_label.clear_message()
        self.file_label.setText(path.name)
        self.findings_label.clear()
        self.preview.setText(tr("正在读取…"))
        self.photo = None
        self.upload_button.setEnabled(False)
        self.runner.run(lambda: read_photo_file(path), self._file_read, self._file_failed, owner=self)

    def _file_read(self, photo: PhotoFile) -> None:
        self.photo = photo
        if photo.image is not None:
            pixmap = QPixmap.fromImage(photo.image).scaled(
                self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self.preview.setPixmap(pixmap)
        else:
            self.preview.setText(tr("无法预览"))
        lines = []
        for fits, text in photo_findings(photo):
            mark = "✓" if fits else "✗"
            colour = "#2e7d32" if fits else "#c0392b"
            lines.append(f'<span style="color:{colour}">{mark} {text}</span>')
        self.findings_label.setText("<br>".join(lines) + tr("<br>背景颜色由服务器检查"))
        self.upload_button.setEnabled(True)
        self.upload_button.setDefault(True)
        self.upload_button.setFocus()

    def _file_failed(self, exc: Exception) -> None:
        self.preview.setText(tr("无法读取"))
        if isinstance(exc, OSError):
            self._show_error(tr("无法读取该文件：{value}").format(value=exc.strerror or exc))
        else:
            present_error(self, exc)

    def upload(self) -> None:
        if self._working or self.photo is None:
            return
        path = self.photo.path
        self._working = True
        self.error_label.clear_message()
        self.upload_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.upload_button.setText(tr("正在上传…"))
        client = self.client
        self.runner.run(lambda: client.me.upload_photo(path), self._uploaded, self._upload_failed, owner=self)

    def _end_upload(self) -> None:
        self._working = False
        self.upload_button.setText(tr("上传(&U)"))
        self.choose_button.setEnabled(True)
        self.upload_button.setEnabled(self.photo is not None)

    def _uploaded(self, profile: Profile) -> None:
        self._end_upload()
        log.info("photo uploaded")
        self.photo_uploaded.emit(profile)
        self.accept()

    def _upload_failed(self, exc: Exception) -> None:
        self._end_upload()
        if isinstance(exc, ValidationFailed):
            self._show_error(tr("照片未通过检查：") + (exc.field_errors.get("photo") or exc.message))
        elif isinstance(exc, OSError):
            self._show_error(tr("无法读取该文件：{value}").format(value=exc.strerror or exc))
        else:
            present_error(self, exc)

    def _show_error(self, text: str) -> None:
        self.error_label.show_message(text)


class OneTimePasswordChangeDialog(ChangePasswordDialog):
    """After logging in with a one-time password from the counter: choose a new password now.

    Nothing else works until then (the server refuses every other call); "取消" logs out.
    """

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(client, runner, parent)
        self.setObjectName("oneTimePasswordDialog")
        self.setWindowTitle(tr("请设置新密码"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        intro = QLabel(tr("您使用的是工作人员发放的临时密码。为保护您的账号，请先设置自己的新密码，然后才能继续使用。"))
        intro.setObjectName("oneTimePasswordIntro")
        intro.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, intro)
        form = layout.itemAt(1).layout()
        if isinstance(form, QFormLayout):
            label = form.labelForField(self.old_edit)
            if isinstance(label, QLabel):
                label.setText(tr("临时密码(&O)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("退出登录"))
