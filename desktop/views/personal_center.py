"""个人中心: the examinee's own record, photo and account settings.

Everything shown comes from the server as the server masks it (ID number ``430***********123X``,
phone ``138****1234``); the full numbers never reach this widget.  A ``ModulePage``
(``docs/desktop-core.md``): the profile and the photo are two independent requests that run at once
(a missing photo is not an error); while they load the page says so, and a failure is shown in
place with a retry button.  A new photo or phone is shown from the server's answer and published
(``PROFILE``): 考试信息 (the ticket's photo), 报名报考, 考籍管理 and 毕业申请 are then current.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.api import NotFound
from desktop.api.types import Profile
from desktop.core.errors import user_message
from desktop.core.store import PROFILE
from desktop.core.timefmt import date_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.account_dialogs import ChangePasswordDialog, ChangePhoneDialog, PhotoUploadDialog
from desktop.views.page import ModulePage
from desktop.views.widgets.forms import add_value_row, form_layout, hint

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

_Dialog = TypeVar("_Dialog", ChangePhoneDialog, ChangePasswordDialog, PhotoUploadDialog)

PHOTO_SIZE = (150, 200)  # display size, 3:4 like the 480×640 photo
NO_PHOTO_TEXT = QT_TR_NOOP("尚未上传照片")


def load_photo(client: ApiClient) -> QImage | None:
    """The stored photo, decoded (worker thread; ``QImage`` is safe off the GUI thread).

    Asked at once with the profile, not after it: no photo yet is a ``NotFound``, not an error.
    """
    try:
        data = client.me.photo()
    except NotFound:
        return None
    image = QImage()
    if data and image.loadFromData(data) and not image.isNull():
        return image
    return None


# (object name, label) of the rows of the record, in display order
FIELDS: tuple[tuple[str, str], ...] = (
    ("exam_no", QT_TR_NOOP("准考证号")),
    ("id_number", QT_TR_NOOP("身份证号")),
    ("gender", QT_TR_NOOP("性别")),
    ("phone", QT_TR_NOOP("手机号")),
    ("region", QT_TR_NOOP("所属市州/区县")),
    ("major", QT_TR_NOOP("报考专业")),
    ("level", QT_TR_NOOP("层次")),
    ("university", QT_TR_NOOP("主考学校")),
    ("plan_version", QT_TR_NOOP("专业计划版本")),
    ("record_status", QT_TR_NOOP("考籍状态")),
    ("enrolled_at", QT_TR_NOOP("入籍日期")),
)


def field_values(p: Profile) -> dict[str, str]:
    return {
        "exam_no": p.exam_no,
        "id_number": p.id_number_masked,
        "gender": p.gender,
        "phone": p.phone_masked,
        "region": f"{p.prefecture_name} / {p.county_name}",
        "major": f"{p.major_code} {p.major_name}",
        "level": p.level,
        "university": p.university_name,
        "plan_version": p.plan_version,
        "record_status": tr(p.record_status_text),
        "enrolled_at": date_text(p.enrolled_at),
    }


class PersonalCenter(ModulePage):
    """The 个人中心 tab."""

    profile_loaded = Signal(object)  # Profile, after every successful (re)load or change

    OBJECT_NAME = "personalCenter"
    TITLE = QT_TR_NOOP("个人信息")  # the failure reads "个人信息加载失败：…"
    LOADING_TEXT = QT_TR_NOOP("正在加载个人信息…")
    TOPICS = frozenset({PROFILE})

    def setup(self) -> None:
        self.profile: Profile | None = None
        self._photo: QImage | None = None
        self.dialog: ChangePhoneDialog | ChangePasswordDialog | PhotoUploadDialog | None = None
        self.message_box: QMessageBox | None = None

    # --- building ------------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        # the record
        self.content_page = QWidget()
        self.photo_label = QLabel(tr(NO_PHOTO_TEXT))
        self.photo_label.setObjectName("photo")
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setFixedSize(*PHOTO_SIZE)
        self.photo_label.setAccessibleName(tr("证件照"))
        self.upload_button = QPushButton(tr("上传照片(&U)"))
        self.upload_button.setObjectName("uploadPhotoButton")
        self.upload_button.clicked.connect(self.open_upload_photo)
        photo_column = QVBoxLayout()
        photo_column.setSpacing(10)
        photo_column.addWidget(self.photo_label)
        photo_column.addWidget(self.upload_button)
        photo_column.addStretch(1)

        self.name_label = QLabel()
        self.name_label.setObjectName("nameLabel")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
        name_row = QHBoxLayout()
        name_row.setSpacing(12)
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.status_badge)
        name_row.addStretch(1)

        form = form_layout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        self.values: dict[str, QLabel] = {
            key: add_value_row(form, tr("{text}：").format(text=tr(text)), f"value_{key}") for key, text in FIELDS
        }

        self.phone_button = QPushButton(tr("修改手机号(&P)"))
        self.phone_button.setObjectName("changePhoneButton")
        self.phone_button.clicked.connect(self.open_change_phone)
        self.password_button = QPushButton(tr("修改密码(&W)"))
        self.password_button.setObjectName("changePasswordButton")
        self.password_button.clicked.connect(self.open_change_password)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.phone_button)
        buttons.addWidget(self.password_button)
        buttons.addStretch(1)

        self.refresh_note = hint(wrap=False)

        details = QVBoxLayout()
        details.addLayout(name_row)
        details.addSpacing(6)
        details.addLayout(form)
        details.addSpacing(8)
        details.addLayout(buttons)
        details.addWidget(self.refresh_note)
        details.addStretch(1)

        card = QFrame()
        card.setObjectName("card")
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        card_layout = QGridLayout(card)
        card_layout.setContentsMargins(20, 20, 20, 20)
        card_layout.setHorizontalSpacing(24)
        card_layout.addLayout(photo_column, 0, 0)
        card_layout.addLayout(details, 0, 1)
        card_layout.setColumnStretch(1, 1)

        content_layout = QVBoxLayout(self.content_page)
        content_layout.addWidget(card)
        content_layout.addStretch(1)

        QWidget.setTabOrder(self.upload_button, self.phone_button)
        QWidget.setTabOrder(self.phone_button, self.password_button)
        return self.content_page

    # --- loading: the profile and the photo at once ----------------------------------------------------
    def requests(self) -> dict[str, Callable[[], Any]]:
        client = self.client
        return {"profile": client.me.profile, "photo": lambda: load_photo(client)}

    def apply(self, results: dict[str, Any]) -> None:
        self._photo = results["photo"]
        self.show_profile(results["profile"])

    def show_status(self, text: str) -> None:
        self.refresh_note.setText(text)

    def show_profile(self, profile: Profile) -> None:
        self.profile = profile
        self.name_label.setText(profile.name)
        self.status_badge.setText(tr(profile.record_status_text))
        self.status_badge.setProperty("status", profile.record_status)
        self.status_badge.style().unpolish(self.status_badge)
        self.status_badge.style().polish(self.status_badge)
        for key, text in field_values(profile).items():
            self.values[key].setText(text)
        self._show_photo()
        self.profile_loaded.emit(profile)

    def _show_photo(self) -> None:
        has_photo = self.profile is not None and self.profile.has_photo and self._photo is not None
        if has_photo and self._photo is not None:
            pixmap = QPixmap.fromImage(self._photo).scaled(
                self.photo_label.size() * self.devicePixelRatioF(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self.photo_label.setPixmap(pixmap)
            self.photo_label.setProperty("empty", False)
            self.upload_button.setText(tr("更换照片(&U)"))
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(tr(NO_PHOTO_TEXT))
            self.photo_label.setProperty("empty", True)
            self.upload_button.setText(tr("上传照片(&U)"))
        self.photo_label.style().unpolish(self.photo_label)
        self.photo_label.style().polish(self.photo_label)

    # --- actions ---------------------------------------------------------------------------------------
    def open_change_phone(self) -> ChangePhoneDialog:
        dialog = ChangePhoneDialog(self.client, self.runner, self.profile.phone_masked if self.profile else "", self)
        dialog.phone_changed.connect(self._phone_changed)
        return self._open(dialog)

    def open_change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.client, self.runner, self)
        dialog.password_changed.connect(self._password_changed)
        return self._open(dialog)

    def open_upload_photo(self) -> PhotoUploadDialog:
        dialog = PhotoUploadDialog(self.client, self.runner, self)
        dialog.photo_uploaded.connect(self._photo_uploaded)
        return self._open(dialog)

    def _open(self, dialog: _Dialog) -> _Dialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _phone_changed(self, profile: Profile) -> None:
        self.show_profile(profile)
        self.publish(PROFILE, profile)
        self._inform(
            tr("手机号已修改"), tr("手机号已修改为 {phone_masked}。").format(phone_masked=profile.phone_masked)
        )

    def _password_changed(self, message: str) -> None:
        self._inform(tr("密码已修改"), message or tr("密码已修改，其他设备上的登录已退出。"))

    def _photo_uploaded(self, profile: Profile) -> None:
        """The answer is the profile; the photo shown is the stored one (the server re-encodes it)."""
        self.profile = profile
        self.publish(PROFILE, profile)
        self._inform(tr("照片已上传"), tr("照片已通过检查并保存。"))
        client = self.client
        self.runner.run(lambda: load_photo(client), self._photo_loaded, self._photo_failed, owner=self)

    def _photo_loaded(self, photo: QImage | None) -> None:
        self._photo = photo
        if self.profile is not None:
            self.show_profile(self.profile)

    def _photo_failed(self, exc: Exception) -> None:
        self.show_status(tr("照片暂时无法显示：{user_message}（按 F5 重试）").format(user_message=user_message(exc)))

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()
