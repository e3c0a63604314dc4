"""新生报名 (enrolment of a new examinee, no login) and 查询报名结果 (look up an application).

Reference data (regions, majors, the calendar) and the photo are loaded on a worker.  Every field
is checked early with the shared rules (``zikao_common``) so most mistakes are explained next to
the field before anything is sent; the server checks everything again (and the photo's
light-blue background, which only it measures) and its field errors land next to the same fields.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import Conflict, NotFound, ValidationFailed
from desktop.api.types import Calendar, Enrolment, EnrolmentForm, Major, Prefecture, SessionCalendar
from desktop.core import timefmt
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.account_dialogs import PHOTO_HEIGHT, PHOTO_MAX_KB, PHOTO_WIDTH
from desktop.views.forgot_password_dialog import field_with_error
from desktop.views.login_dialog import BANNER_STYLE, ERROR_STYLE, CaptchaField, grow_to_fit
from desktop.views.widgets.files import open_dialog
from desktop.views.widgets.forms import buddy_label
from zikao_common.fields import name_problem, password_shape_problem, phone_problem
from zikao_common.idnumber import IdNumberError, IdNumberInfo, parse_id_number
from zikao_common.numbers import normalise_number

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

PHOTO_MAX_BYTES = PHOTO_MAX_KB * 1024  # the photo rules are the ones 个人中心 states (account_dialogs)
JPEG_MAGIC = b"\xff\xd8\xff"
PHOTO_RULES_TEMPLATE = QT_TR_NOOP("JPEG（.jpg）格式，{width}×{height}像素（宽×高），浅蓝色背景，不超过{max_kb}KB")


def photo_rules() -> str:
    """The photo rules in the current language."""
    return tr(PHOTO_RULES_TEMPLATE).format(width=PHOTO_WIDTH, height=PHOTO_HEIGHT, max_kb=PHOTO_MAX_BYTES // 1024)


PHOTO_RULES = PHOTO_RULES_TEMPLATE.format(width=PHOTO_WIDTH, height=PHOTO_HEIGHT, max_kb=PHOTO_MAX_BYTES // 1024)
MIN_AGE = 14
PASSWORD_RULE = QT_TR_NOOP("8–64位，须同时包含字母和数字，不能使用过于常见的密码")
WARNING_BANNER_STYLE = (
    "QLabel { background: #fdecea; border: 1px solid #f1a9a0; border-radius: 4px; padding: 6px; color: #8a1f11; }"
)

# server field name → our field key (the same names are used for client-side checks)
SERVER_FIELDS = ("name", "id_number", "phone", "county_code", "major_id", "password", "photo")


class PhotoProblem(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedPhoto:
    data: bytes
    image: QImage
    file_name: str


def read_photo(path: str | Path) -> CheckedPhoto:
    """Read and check an ID photo file (runs on a worker): size, JPEG magic bytes, 480×640.

    The checks mirror the server's so the person learns early; the server re-checks everything
    and also measures the background colour.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
        if size == 0:
            raise PhotoProblem(tr("照片文件是空的，请重新选择"))
        if size > PHOTO_MAX_BYTES:
            raise PhotoProblem(
                tr("照片不能超过{value}KB（当前{value2}KB），请压缩后重试").format(
                    value=PHOTO_MAX_BYTES // 1024, value2=(size + 1023) // 1024
                )
            )
        data = file.read_bytes()
    except OSError as exc:
        raise PhotoProblem(tr("无法读取照片文件：{value}").format(value=exc.strerror or exc)) from None
    if not data.startswith(JPEG_MAGIC):
        raise PhotoProblem(tr("照片必须是JPEG（.jpg）格式的图片"))
    image = QImage.fromData(data)
    if image.isNull():
        raise PhotoProblem(tr("照片文件已损坏或无法识别，请重新拍摄或导出"))
    if (image.width(), image.height()) != (PHOTO_WIDTH, PHOTO_HEIGHT):
        raise PhotoProblem(
            tr("照片尺寸应为{PHOTO_WIDTH}×{PHOTO_HEIGHT}像素（宽×高），当前为{width}×{height}").format(
                PHOTO_WIDTH=PHOTO_WIDTH, PHOTO_HEIGHT=PHOTO_HEIGHT, width=image.width(), height=image.height()
            )
        )
    return CheckedPhoto(data=data, image=image, file_name=file.name)


@dataclass(frozen=True)
class ReferenceData:
    regions: list[Prefecture]
    majors: list[Major]
    calendar: Calendar


def load_reference_data(client: ApiClient) -> ReferenceData:
    return ReferenceData(client.system.regions(), client.system.majors(), client.system.calendar())


def window_text(session: SessionCalendar) -> str:
    """2026年12月1日 09:00 至 2027年1月10日 17:00 (the year said once when both ends share it)."""
    return timefmt.window_text(session.enrolment_open, session.enrolment_close, year=True)


def closed_text(calendar: Calendar) -> str:
    upcoming = calendar.next_enrolment()
    if upcoming is None:
        return tr("现在不在新生报名时间内，下一次报名时间请关注通知公告。")
    return tr("现在不在新生报名时间内，下一次报名时间为{window_text}（{name}）。").format(
        window_text=window_text(upcoming), name=upcoming.name
    )


class EnrolDialog(QDialog):
    """新生报名 and 查询报名结果 in two tabs; emits ``enrolled(Enrolment)`` after a submission."""

    enrolled = Signal(object)  # Enrolment

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._reference: ReferenceData | None = None
        self._area_codes: frozenset[str] | None = None
        self._window_open = False
        self._submitting = False
        self._querying = False
        self._photo: CheckedPhoto | None = None
        self._photo_generation = 0
        self.submitted: Enrolment | None = None  # the application once sent

        self.setWindowTitle(tr("新生报名"))
        self.setObjectName("enrolDialog")
        self._build()
        self._update_enabled()
        self.captcha.set_client(client)
        self._runner.run(
            lambda: load_reference_data(client), self._reference_loaded, self._reference_failed, owner=self
        )

    # --- building ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_enrol_tab(), tr("新生报名(&1)"))
        self.tabs.addTab(self._build_query_tab(), tr("查询报名结果(&2)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.setMinimumWidth(760)

    def _build_enrol_tab(self) -> QWidget:
        self.banner = QLabel(tr("正在加载报名信息…"))
        self.banner.setObjectName("enrolBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(20)
        self.name_edit.setPlaceholderText(tr("与身份证一致"))
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(18)
        self.id_edit.setPlaceholderText(tr("18位，最后一位可能是X"))
        self.gender_display = QLineEdit()
        self.gender_display.setReadOnly(True)
        self.gender_display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.gender_display.setPlaceholderText(tr("根据身份证号自动识别"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(11)
        self.phone_edit.setPlaceholderText(tr("11位手机号，用于接收通知和找回密码"))
        self.prefecture_combo = QComboBox()
        self.county_combo = QComboBox()
        self.prefecture_combo.currentIndexChanged.connect(self._prefecture_changed)
        self.county_combo.currentIndexChanged.connect(lambda _i: self._clear_field_error("county_code"))
        region_row = QWidget()
        region_layout = QHBoxLayout(region_row)
        region_layout.setContentsMargins(0, 0, 0, 0)
        region_layout.addWidget(self.prefecture_combo, 1)
        region_layout.addWidget(self.county_combo, 1)
        self.major_combo = QComboBox()
        self.major_combo.currentIndexChanged.connect(self._major_changed)
        self.major_info = QLabel()
        self.major_info.setObjectName("majorInfo")
        self.major_info.setStyleSheet("color: #555555;")
        self.major_info.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(64)
        self.password_edit.setPlaceholderText(tr(PASSWORD_RULE))
        self.password_edit.setToolTip(tr(PASSWORD_RULE))
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setMaxLength(64)
        self.repeat_edit.setPlaceholderText(tr("再输入一次密码"))
        self.captcha = CaptchaField(self._runner, tr("换一张(&H)"))

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        rows: list[tuple[str, str, QWidget, QWidget]] = [
            (tr("姓名(&N)"), "name", self.name_edit, self.name_edit),
            (tr("身份证号(&I)"), "id_number", self.id_edit, self.id_edit),
            (tr("性别"), "", self.gender_display, self.gender_display),
            (tr("手机号(&M)"), "phone", self.phone_edit, self.phone_edit),
            (tr("市州 / 区县(&R)"), "county_code", region_row, self.prefecture_combo),
            (tr("报考专业(&J)"), "major_id", self.major_combo, self.major_combo),
            (tr("登录密码(&P)"), "password", self.password_edit, self.password_edit),
            (tr("确认密码(&A)"), "password_repeat", self.repeat_edit, self.repeat_edit),
            (tr("验证码(&C)"), "captcha", self.captcha, self.captcha.edit),
        ]
        for caption, key, widget, buddy in rows:
            label = buddy_label(caption, buddy)
            if not key:
                form.addRow(label, widget)
                continue
            box, self.errors[key] = field_with_error(widget, wrap=False)
            box_layout = box.layout()
            if key == "major_id" and box_layout is not None:
                box_layout.addWidget(self.major_info)
            form.addRow(label, box)
        for key, edit in (
            ("name", self.name_edit),
            ("id_number", self.id_edit),
            ("phone", self.phone_edit),
            ("password", self.password_edit),
            ("password_repeat", self.repeat_edit),
            ("captcha", self.captcha.edit),
        ):
            edit.textEdited.connect(lambda _text, k=key: self._clear_field_error(k))
        self.id_edit.textChanged.connect(self._id_text_changed)
        self.id_edit.editingFinished.connect(self._check_id_now)

        # photo column
        self.photo_preview = QLabel(
            tr("照片预览\n\n{PHOTO_WIDTH}×{PHOTO_HEIGHT}\n浅蓝色背景").format(
                PHOTO_WIDTH=PHOTO_WIDTH, PHOTO_HEIGHT=PHOTO_HEIGHT
            )
        )
        self.photo_preview.setObjectName("photoPreview")
        self.photo_preview.setFixedSize(150, 200)
        self.photo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_preview.setStyleSheet("QLabel { border: 1px dashed #8aa4c0; color: #667788; }")
        self.photo_button = QPushButton(tr("选择照片(&O)…"))
        self.photo_button.setAutoDefault(False)
        self.photo_button.clicked.connect(self.choose_photo)
        photo_hint = QLabel(tr("证件照要求：") + photo_rules())
        photo_hint.setWordWrap(True)
        photo_hint.setStyleSheet("color: #555555;")
        photo_box = QGroupBox(tr("证件照"))
        photo_layout = QVBoxLayout(photo_box)
        photo_layout.addWidget(self.photo_preview, 0, Qt.AlignmentFlag.AlignHCenter)
        photo_layout.addWidget(self.photo_button)
        self.photo_name = QLabel()
        self.photo_name.setWordWrap(True)
        photo_layout.addWidget(self.photo_name)
        photo_error_box, self.errors["photo"] = field_with_error(photo_hint)
        photo_layout.addWidget(photo_error_box)
        photo_layout.addStretch(1)
        photo_box.setFixedWidth(220)

        form_column = QVBoxLayout()
        form_column.addLayout(form)
        form_column.addStretch(1)  # spare height goes below the form, not between its rows
        columns = QHBoxLayout()
        columns.addLayout(form_column, 1)
        columns.addWidget(photo_box)

        self.error_banner = QLabel()
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setStyleSheet(WARNING_BANNER_STYLE)
        self.error_banner.setWordWrap(True)
        self.error_banner.hide()

        self.submit_button = QPushButton(tr("提交报名(&S)"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        close_button = QPushButton(tr("关闭"))
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(close_button)

        self.form_page = QWidget()
        form_layout = QVBoxLayout(self.form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(columns)

        # result page
        self.result_page = QWidget()
        result_box = QGroupBox(tr("报名结果"))
        result_form = QFormLayout(result_box)
        self.result_application_no = QLabel()
        self.result_status = QLabel()
        self.result_exam_no = QLabel()
        self.result_exam_no.setObjectName("resultExamNo")
        font = self.result_exam_no.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.result_exam_no.setFont(font)
        for label in (self.result_application_no, self.result_status, self.result_exam_no):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_form.addRow(tr("报名号："), self.result_application_no)
        result_form.addRow(tr("审核状态："), self.result_status)
        result_form.addRow(tr("准考证号："), self.result_exam_no)
        self.result_hint = QLabel()
        self.result_hint.setObjectName("resultHint")
        self.result_hint.setWordWrap(True)
        self.result_hint.setStyleSheet(BANNER_STYLE)
        self.done_button = QPushButton(tr("完成(&D)"))
        self.done_button.clicked.connect(self.accept)
        result_layout = QVBoxLayout(self.result_page)
        result_layout.addWidget(result_box)
        result_layout.addWidget(self.result_hint)
        result_layout.addStretch(1)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        result_layout.addLayout(done_row)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.form_page)
        self.pages.addWidget(self.result_page)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error_banner)
        self._buttons_row = QWidget()
        self._buttons_row.setLayout(buttons)
        layout.addWidget(self._buttons_row)

        chain = [
            self.name_edit,
            self.id_edit,
            self.phone_edit,
            self.prefecture_combo,
            self.county_combo,
            self.major_combo,
            self.password_edit,
            self.repeat_edit,
            self.captcha.edit,
            self.captcha.refresh,
            self.photo_button,
            self.submit_button,
            close_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.name_edit.setFocus()
        return tab

    def _build_query_tab(self) -> QWidget:
        self.query_application_edit = QLineEdit()
        self.query_application_edit.setMaxLength(20)
        self.query_application_edit.setPlaceholderText(tr("报名成功时显示的报名号，如 XS20270208123456"))
        self.query_id_edit = QLineEdit()
        self.query_id_edit.setMaxLength(18)
        self.query_id_edit.setPlaceholderText(tr("报名时填写的身份证号"))
        self.query_button = QPushButton(tr("查询(&Q)", "enrolment status"))
        self.query_button.setAutoDefault(False)
        self.query_button.clicked.connect(self.query_status)
        self.query_errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for caption, key, edit in (
            (tr("报名号(&B)"), "application_no", self.query_application_edit),
            (tr("身份证号(&D)"), "id_number", self.query_id_edit),
        ):
            box, self.query_errors[key] = field_with_error(edit)
            label = buddy_label(caption, edit)
            form.addRow(label, box)
            edit.textEdited.connect(lambda _t, k=key: self._clear_query_error(k))
            edit.returnPressed.connect(self.query_status)
        form.addRow("", self.query_button)
        self.query_result = QLabel()
        self.query_result.setObjectName("queryResult")
        self.query_result.setWordWrap(True)
        self.query_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.query_result.setStyleSheet(BANNER_STYLE)
        self.query_result.hide()
        self.query_error = QLabel()
        self.query_error.setStyleSheet(ERROR_STYLE)
        self.query_error.setWordWrap(True)
        self.query_error.hide()
        tab = QWidget()
        layout = QVBoxLayout(tab)
        intro = QLabel(tr("已提交新生报名的考生，可凭报名号和身份证号查询审核结果和准考证号。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.query_result)
        layout.addWidget(self.query_error)
        layout.addStretch(1)
        return tab

    # --- public ---------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._runner.running_for(self) > 0 or self.captcha.busy

    @property
    def window_open(self) -> bool:
        """Reference data loaded and an enrolment window open now."""
        return self._window_open

    @property
    def reference_loaded(self) -> bool:
        return self._reference is not None

    @property
    def photo_ok(self) -> bool:
        return self._photo is not None

    def field_error(self, key: str) -> str:
        """The message shown next to field ``key`` ("" when none)."""
        label = self.errors.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def banner_text(self) -> str:
        return self.banner.text()

    def error_text(self) -> str:
        return "" if self.error_banner.isHidden() else self.error_banner.text()

    def select_county(self, county_code: str) -> bool:
        """Choose the prefecture and county of ``county_code`` in the combos."""
        for i in range(self.prefecture_combo.count()):
            if county_code.startswith(str(self.prefecture_combo.itemData(i) or "-")):
                self.prefecture_combo.setCurrentIndex(i)
                j = self.county_combo.findData(county_code)
                if j >= 0:
                    self.county_combo.setCurrentIndex(j)
                    return True
        return False

    def select_major(self, major_id: int) -> bool:
        i = self.major_combo.findData(major_id)
        if i >= 0:
            self.major_combo.setCurrentIndex(i)
        return i >= 0

    def choose_photo(self) -> None:
        """Open a (non-blocking) file dialog for the ID photo."""
        open_dialog(self, tr("选择证件照"), "", tr("JPEG 照片 (*.jpg *.jpeg *.JPG *.JPEG)"), self.load_photo)

    def load_photo(self, path: str | Path) -> None:
        """Read and check the photo at ``path`` on a worker, then show it."""
        self._clear_field_error("photo")
        self._photo = None
        self._photo_generation += 1
        generation = self._photo_generation
        self.photo_name.setText(tr("正在检查照片…"))

        def check() -> CheckedPhoto | PhotoProblem:
            try:
                return read_photo(path)
            except PhotoProblem as exc:  # an expected answer, not a program fault
                return exc

        self._runner.run(
            check,
            lambda result: self._photo_checked(generation, result),
            lambda exc: self._photo_failed(generation, exc),
            owner=self,
        )

    def validate(self) -> bool:
        """Check every field early; show each problem next to its field.  True when all are fine."""
        self._clear_errors()
        problems: dict[str, str] = {}
        if problem := name_problem(self.name_edit.text()):
            problems["name"] = problem
        id_problem, _info = self._id_check(self.id_edit.text())
        if id_problem:
            problems["id_number"] = id_problem
        if problem := phone_problem(self.phone_edit.text()):
            problems["phone"] = problem
        if not self.county_combo.currentData():
            problems["county_code"] = tr("请选择报考所在的市州和区县")
        if self.major_combo.currentData() is None:
            problems["major_id"] = tr("请选择报考专业")
        password = self.password_edit.text()
        if problem := password_shape_problem(password):
            problems["password"] = problem
        elif self.repeat_edit.text() != password:
            problems["password_repeat"] = tr("两次输入的密码不一致")
        if self._photo is None:
            problems["photo"] = self.field_error("photo") or tr("请选择符合要求的证件照")
        if problem := self.captcha.problem():
            problems["captcha"] = problem
        for key, message in problems.items():
            self._set_field_error(key, message)
        if problems:
            self._focus_field(next(iter(problems)))
        return not problems

    def submit(self) -> None:
        if self._submitting or not self._window_open:
            return
        if not self.validate():
            return
        assert self._photo is not None
        captcha_id, answer = self.captcha.take()
        form = EnrolmentForm(
            name=self.name_edit.text().strip(),
            id_number=normalise_number(self.id_edit.text()),
            phone=normalise_number(self.phone_edit.text()),
            county_code=str(self.county_combo.currentData()),
            major_id=int(self.major_combo.currentData()),
            password=self.password_edit.text(),
            captcha_id=captcha_id,
            captcha_answer=answer,
        )
        photo = self._photo.data
        self._submitting = True
        self.submit_button.setText(tr("正在提交…"))
        self._hide_error_banner()
        self._update_enabled()
        client = self._client
        log.info("enrolment submitted")
        self._runner.run(lambda: client.enrolment.submit(form, photo), self._submitted, self._submit_failed, owner=self)

    def query_status(self) -> None:
        if self._querying:
            return
        for key in self.query_errors:
            self._clear_query_error(key)
        self.query_error.hide()
        application_no = self.query_application_edit.text().strip().upper()
        id_number = normalise_number(self.query_id_edit.text())
        bad = False
        if not application_no:
            self._set_query_error("application_no", tr("请输入报名号"))
            bad = True
        problem, _info = self._id_check(id_number, check_area=False)
        if problem:
            self._set_query_error("id_number", problem)
            bad = True
        if bad:
            return
        self._querying = True
        self.query_button.setEnabled(False)
        self.query_button.setText(tr("正在查询…", "enrolment status"))
        client = self._client
        self._runner.run(
            lambda: client.enrolment.status(application_no, id_number), self._query_done, self._query_failed, owner=self
        )

    def show_query(self, application_no: str = "", id_number: str = "") -> None:
        """Switch to 查询报名结果, optionally with the fields filled in."""
        self.tabs.setCurrentIndex(1)
        if application_no:
            self.query_application_edit.setText(application_no)
        if id_number:
            self.query_id_edit.setText(id_number)
        (self.query_id_edit if application_no else self.query_application_edit).setFocus()

    def show_result(self, enrolment: Enrolment) -> None:
        """Show a submitted application (the form is done)."""
        self.submitted = enrolment
        self.result_application_no.setText(enrolment.application_no)
        self.result_status.setText(enrolment.status_text)
        if enrolment.exam_no:
            self.result_exam_no.setText(enrolment.exam_no)
            self.result_hint.setText(
                tr(
                    "报名成功！您的准考证号是 {exam_no}。请用准考证号或身份证号登录，密码为报名时设置的登录密码。"
                ).format(exam_no=enrolment.exam_no)
            )
        else:
            self.result_exam_no.setText(tr("审核通过后分配"))
            reason = tr("原因：{reason}。").format(reason=enrolment.reason) if enrolment.reason else ""
            self.result_hint.setText(
                tr(
                    "请记下报名号 {application_no}。{reason}审核结果可在“查询报名结果”中查看，"
                    "审核通过后请用准考证号或身份证号登录。"
                ).format(application_no=enrolment.application_no, reason=reason)
            )
        self.pages.setCurrentWidget(self.result_page)
        self._buttons_row.hide()
        self.error_banner.hide()
        self.banner.hide()
        self.done_button.setDefault(True)
        self.done_button.setFocus()

    # --- internals ------------------------------------------------------------------------------------

    def _update_enabled(self) -> None:
        ready = self._reference is not None and self._window_open
        self.form_page.setEnabled(ready and not self._submitting)
        self.submit_button.setEnabled(ready and not self._submitting)

    def _today(self) -> date | None:
        return self._reference.calendar.server_time.date() if self._reference else None

    def _id_check(self, text: str, check_area: bool = True) -> tuple[str | None, IdNumberInfo | None]:
        text = text.strip()
        if not text:
            return tr("请输入身份证号"), None
        try:
            info = parse_id_number(text, self._area_codes if check_area else None, self._today())
        except IdNumberError as exc:
            return exc.message, None
        today = self._today()
        if check_area and today is not None and (today - info.birth_date).days // 365 < MIN_AGE:
            return tr("报名人须年满{MIN_AGE}周岁，请核对身份证号中的出生日期").format(MIN_AGE=MIN_AGE), info
        return None, info

    def _id_text_changed(self, text: str) -> None:
        if len(text.strip()) == 18:
            self._check_id_now()
        else:
            self.gender_display.clear()

    def _check_id_now(self) -> None:
        text = self.id_edit.text()
        if not text.strip():
            self.gender_display.clear()
            return
        problem, info = self._id_check(text)
        self.gender_display.setText((tr("男") if info.is_male else tr("女")) if info else "")
        if problem:
            self._set_field_error("id_number", problem)
        else:
            self._clear_field_error("id_number")

    def _prefecture_changed(self, _index: int) -> None:
        self._clear_field_error("county_code")
        self.county_combo.clear()
        code = self.prefecture_combo.currentData()
        prefecture = next((p for p in (self._reference.regions if self._reference else []) if p.code == code), None)
        if prefecture is None:
            self.county_combo.addItem(tr("请先选择市州"), None)
            self.county_combo.setEnabled(False)
            return
        self.county_combo.setEnabled(True)
        self.county_combo.addItem(tr("请选择区县"), None)
        for county in prefecture.counties:
            self.county_combo.addItem(county.name, county.code)

    def _major_changed(self, _index: int) -> None:
        self._clear_field_error("major_id")
        major_id = self.major_combo.currentData()
        major = next((m for m in (self._reference.majors if self._reference else []) if m.id == major_id), None)
        if major is None:
            self.major_info.setText("")
            self.major_info.hide()
            return
        self.major_info.setText(
            tr("层次：{level}　主考学校：{university_name}　专业计划：{plan_version}版").format(
                level=major.level, university_name=major.university_name, plan_version=major.plan_version
            )
        )
        self.major_info.show()

    def _reference_loaded(self, data: ReferenceData) -> None:
        self._reference = data
        self._area_codes = frozenset(c.code for p in data.regions for c in p.counties)
        self.prefecture_combo.blockSignals(True)
        self.prefecture_combo.clear()
        self.prefecture_combo.addItem(tr("请选择市州"), None)
        for prefecture in data.regions:
            self.prefecture_combo.addItem(prefecture.name, prefecture.code)
        self.prefecture_combo.blockSignals(False)
        self._prefecture_changed(0)
        self.major_combo.blockSignals(True)
        self.major_combo.clear()
        self.major_combo.addItem(tr("请选择报考专业"), None)
        for major in data.majors:
            label = tr("{code} {name}（{level}，{university_name}）").format(
                code=major.code, name=major.name, level=major.level, university_name=major.university_name
            )
            self.major_combo.addItem(label, major.id)
        self.major_combo.blockSignals(False)
        self._major_changed(0)

        calendar = data.calendar
        self._window_open = calendar.enrolment_open_session is not None
        if self._window_open:
            session = calendar.next_enrolment()
            when = tr("，报名时间为{window_text}").format(window_text=window_text(session)) if session else ""
            name = session.name if session else calendar.enrolment_open_session
            self._show_banner(
                tr("{name}新生报名正在进行{when}。姓名和身份证号须与本人身份证一致。").format(name=name, when=when),
                warning=False,
            )
        else:
            self._show_banner(closed_text(calendar), warning=True)
        if self.id_edit.text().strip():
            self._check_id_now()
        self._update_enabled()
        if self._window_open:
            self.captcha.reload()  # only now: outside the window nobody can submit

    def _reference_failed(self, exc: Exception) -> None:
        self._show_banner(
            tr("报名信息加载失败：{user_message} 请关闭后重试。").format(user_message=user_message(exc)), warning=True
        )
        self._update_enabled()

    def _show_banner(self, text: str, warning: bool) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(WARNING_BANNER_STYLE if warning else BANNER_STYLE)
        self.banner.show()
        grow_to_fit(self)

    def _photo_checked(self, generation: int, result: CheckedPhoto | PhotoProblem) -> None:
        if generation != self._photo_generation:
            return
        if isinstance(result, PhotoProblem):
            self._photo_failed(generation, result)
            return
        photo = result
        self._photo = photo
        self.photo_preview.setPixmap(
            QPixmap.fromImage(photo.image).scaled(
                self.photo_preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.photo_name.setText(
            tr("{file_name}（{value}KB）").format(file_name=photo.file_name, value=(len(photo.data) + 1023) // 1024)
        )

    def _photo_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._photo_generation:
            return
        self._photo = None
        self.photo_preview.setPixmap(QPixmap())
        self.photo_preview.setText(
            tr("照片预览\n\n{PHOTO_WIDTH}×{PHOTO_HEIGHT}\n浅蓝色背景").format(
                PHOTO_WIDTH=PHOTO_WIDTH, PHOTO_HEIGHT=PHOTO_HEIGHT
            )
        )
        self.photo_name.setText("")
        message = exc.message if isinstance(exc, PhotoProblem) else user_message(exc)
        self._set_field_error("photo", message)

    def _submitted(self, enrolment: Enrolment) -> None:
        self._submitting = False
        self.submit_button.setText(tr("提交报名(&S)"))
        self.password_edit.clear()
        self.repeat_edit.clear()
        self._update_enabled()
        self.show_result(enrolment)
        self.enrolled.emit(enrolment)

    def _submit_failed(self, exc: Exception) -> None:
        self._submitting = False
        self.submit_button.setText(tr("提交报名(&S)"))
        code = getattr(exc, "code", "")
        if isinstance(exc, Conflict) and code == "enrolment_closed":
            self._window_open = False
            self._show_banner(user_message(exc), warning=True)
        self._update_enabled()
        self.captcha.reload()  # the one-use captcha is spent
        if isinstance(exc, ValidationFailed) and code.startswith("captcha"):
            self._set_field_error("captcha", user_message(exc))
            self._focus_field("captcha")
            return
        fields = (
            {k: v for k, v in exc.field_errors.items() if k in SERVER_FIELDS}
            if isinstance(exc, ValidationFailed)
            else {}
        )
        if fields:
            for key, message in fields.items():
                self._set_field_error(key, message)
            if "photo" in fields:
                self._photo = None
            self._focus_field(next(iter(fields)))
            return
        self._show_error_banner(user_message(exc))

    def _query_done(self, enrolment: Enrolment) -> None:
        self._querying = False
        self.query_button.setEnabled(True)
        self.query_button.setText(tr("查询(&Q)", "enrolment status"))
        lines = [
            tr("报名号：{application_no}").format(application_no=enrolment.application_no),
            tr("姓名：{name}（身份证号 {id_number_masked}）").format(
                name=enrolment.name, id_number_masked=enrolment.id_number_masked
            ),
            tr("报考专业：{major_name}（{session_code}考次）").format(
                major_name=enrolment.major_name, session_code=enrolment.session_code
            ),
            tr("审核状态：{status_text}").format(status_text=enrolment.status_text),
        ]
        if enrolment.exam_no:
            lines.append(tr("准考证号：{exam_no}（请用准考证号或身份证号登录）").format(exam_no=enrolment.exam_no))
        if enrolment.reason:
            lines.append(tr("原因：{reason}").format(reason=enrolment.reason))
        self.query_result.setText("\n".join(lines))
        self.query_result.show()

    def _query_failed(self, exc: Exception) -> None:
        self._querying = False
        self.query_button.setEnabled(True)
        self.query_button.setText(tr("查询(&Q)", "enrolment status"))
        self.query_result.hide()
        if isinstance(exc, NotFound):
            self.query_error.setText(user_message(exc))
        else:
            self.query_error.setText(tr("查询失败：{user_message}").format(user_message=user_message(exc)))
        self.query_error.show()

    def _set_field_error(self, key: str, message: str) -> None:
        label = self.errors[key]
        label.setText(message)
        label.show()
        grow_to_fit(self)

    def _clear_field_error(self, key: str) -> None:
        label = self.errors.get(key)
        if label is not None:
            label.clear()
            label.hide()

    def _clear_errors(self) -> None:
        for key in self.errors:
            if key != "photo":  # a refused photo stays explained until another is chosen
                self._clear_field_error(key)
        self._hide_error_banner()

    def _focus_field(self, key: str) -> None:
        widget = {
            "name": self.name_edit,
            "id_number": self.id_edit,
            "phone": self.phone_edit,
            "county_code": self.county_combo if self.county_combo.isEnabled() else self.prefecture_combo,
            "major_id": self.major_combo,
            "password": self.password_edit,
            "password_repeat": self.repeat_edit,
            "photo": self.photo_button,
            "captcha": self.captcha.edit,
        }.get(key)
        if widget is not None:
            widget.setFocus()

    def _show_error_banner(self, text: str) -> None:
        self.error_banner.setText(text)
        self.error_banner.show()
        grow_to_fit(self)

    def _hide_error_banner(self) -> None:
        self.error_banner.clear()
        self.error_banner.hide()

    def _set_query_error(self, key: str, message: str) -> None:
        self.query_errors[key].setText(message)
        self.query_errors[key].show()

    def _clear_query_error(self, key: str) -> None:
        self.query_errors[key].clear()
        self.query_errors[key].hide()
