"""The login window: examinee or staff account, password and image captcha.

It is shown before the embedded server has started (``set_backend`` arrives later), so it starts
disabled with "正在启动内置服务…".  Every server call runs on the task runner; the captcha is
one-use, so a new one is loaded after every failed attempt and before it expires.  The password
is never stored: it is read from the field for the one request and the field is cleared after
every attempt.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api import (
    PermissionDenied,
    ValidationFailed,
)
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.tester.action import tester_action
from desktop.views.widgets import window_fit
from desktop.views.widgets.accessible import announce
from zikao_common.idnumber import IdNumberError, parse_id_number
from zikao_common.numbers import is_ascii_digits, normalise_number

if TYPE_CHECKING:
    # annotations only: the types module (30-odd dataclasses) loads after the window is shown
    from desktop.api.client import ApiClient
    from desktop.api.types import Captcha, DemoAccount, Enrolment, Health, LoginSession

log = logging.getLogger(__name__)

STARTING_TEXT = QT_TR_NOOP("正在启动内置服务…")
CAPTCHA_LENGTH = 4
# The server keeps a captcha 5 minutes; ask for a new one a little earlier.  Counted on the local
# clock from when the image arrived, so a tester moving the server clock does not confuse it.
CAPTCHA_REFRESH_MS = (5 * 60 - 10) * 1000
CLOCK_MOVED_TEXT = QT_TR_NOOP("服务器时间已调整，验证码已更新，请按新图片输入。")
CAPTCHA_EXPIRED_TEXT = QT_TR_NOOP("验证码已过期，已自动换一张新的，请输入新图片中的字符后再登录。")

DEMO_WIDTH = 680
KIND_EXAMINEE = "examinee"
KIND_STAFF = "staff"
KIND_APPLICANT = "applicant"
ACCOUNT_LABELS = {KIND_EXAMINEE: QT_TR_NOOP("准考证号或身份证号(&A)"), KIND_STAFF: QT_TR_NOOP("工作人员账号(&A)")}
ACCOUNT_PLACEHOLDERS = {
    KIND_EXAMINEE: QT_TR_NOOP("12位准考证号或18位身份证号"),
    KIND_STAFF: QT_TR_NOOP("工作人员账号", "login field"),
}
KIND_TEXT = {
    KIND_EXAMINEE: QT_TR_NOOP("考生"),
    KIND_STAFF: QT_TR_NOOP("工作人员"),
    KIND_APPLICANT: QT_TR_NOOP("报名待审核"),
}

ERROR_STYLE = "color: #c0392b;"
BANNER_STYLE = (
    "QLabel { background: #e8f1fb; border: 1px solid #9cc3ea; border-radius: 4px; padding: 6px; color: #1d3f63; }"
)
STATUS_STYLE = "color: #555555;"


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` tall enough for its content after messages appeared in it.

    A top-level window only keeps to its layout's minimum size, which ignores how many lines a
    word-wrapped message needs: without this, a long error squeezes the fields above it.  It grows
    no taller than its screen and stays centred (``window_fit.place``).
    """

    def fit() -> None:
        if not shiboken6.isValid(window):
            return
        layout = window.layout()
        if layout is None:
            return
        layout.activate()
        width = window.width()
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        # the height-for-width chain is not exact through tab and stacked widgets: the size
        # hint (all messages at their preferred size) is the safe upper bound
        needed = max(needed, layout.totalMinimumSize().height(), window.sizeHint().height())
        if needed > window.height():
            window_fit.place(window, QSize(width, needed))

    QTimer.singleShot(0, window, fit)


def account_problem(kind: str, account: str) -> str | None:
    """Is ``account`` plausible for ``kind``?  A Chinese message, or ``None``.

    Only the shape is checked here: the server never says whether an account exists.
    """
    account = normalise_number(account)  # what the server compares (fullwidth digits read as 0-9)
    if not account:
        return tr("请输入准考证号或身份证号") if kind == KIND_EXAMINEE else tr("请输入工作人员账号")
    if kind == KIND_STAFF:
        return None if len(account) <= 40 else tr("工作人员账号不能超过40个字符")
    if len(account) == 12 and is_ascii_digits(account):
        return None
    if len(account) == 18:
        try:
            parse_id_number(account)
        except IdNumberError as exc:
            return exc.message
        return None
    return tr("请输入12位准考证号或18位身份证号")


def captcha_problem(answer: str) -> str | None:
    answer = answer.strip()
    if not answer:
        return tr("请输入图片中的验证码")
    if len(answer) != CAPTCHA_LENGTH or not answer.isalnum():
        return tr("验证码应为{CAPTCHA_LENGTH}个字母或数字").format(CAPTCHA_LENGTH=CAPTCHA_LENGTH)
    return None


class ClickableLabel(QLabel):
    """A label that can be clicked (the captcha image: click for a new one)."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.isEnabled():
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class _EnterFilter(QObject):
    """Make Enter on the demo accounts table fill the account instead of pressing 登录."""

    def __init__(self, on_enter: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_enter = on_enter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._on_enter()
            return True
        return False


class CaptchaField(QWidget):
    """Answer box, captcha image (click for a new one) and a refresh button.

    Captchas are one-use: ``take()`` hands out the id and answer and forgets the captcha, so the
    owner must ``reload()`` after every attempt.  A new image is also fetched shortly before the
    server's 5 minutes run out.
    """

    shown = Signal()  # a new image is on screen (the start-up benchmark's "ready")

    def __init__(
        self, runner: TaskRunner, refresh_text: str = QT_TR_NOOP("换一张(&R)"), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._client: ApiClient | None = None
        self._captcha: Captcha | None = None
        self._generation = 0
        self._loading = False

        self.edit = QLineEdit()
        self.edit.setObjectName("captcha")
        self.edit.setMaxLength(CAPTCHA_LENGTH)
        self.edit.setPlaceholderText(tr("右图中的4个字符"))
        self.image = ClickableLabel(tr("加载中…"))
        self.image.setObjectName("captchaImage")
        self.image.setFixedSize(120, 44)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setFrameShape(QLabel.Shape.StyledPanel)
        self.image.setCursor(Qt.CursorShape.PointingHandCursor)
        self.image.setToolTip(tr("看不清？点击换一张"))
        self.image.clicked.connect(self.reload)
        self.refresh = QToolButton()
        self.refresh.setText(tr(refresh_text))
        self.refresh.setToolTip(tr("换一张验证码图片"))
        self.refresh.clicked.connect(self.reload)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.image)
        layout.addWidget(self.refresh)
        QWidget.setTabOrder(self.edit, self.refresh)
        self.setFocusProxy(self.edit)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CAPTCHA_REFRESH_MS)
        self._timer.timeout.connect(self._expired)

    @property
    def captcha_id(self) -> str | None:
        """The captcha shown now (``None`` while loading or after it was taken)."""
        return self._captcha.captcha_id if self._captcha else None

    @property
    def busy(self) -> bool:
        return self._runner.running_for(self) > 0

    def set_client(self, client: ApiClient) -> None:
        self._client = client

    def problem(self) -> str | None:
        """What is wrong with the answer (or a missing image), or ``None``."""
        problem = captcha_problem(self.edit.text())
        if problem is None and self._captcha is None:
            return tr("验证码还没有加载出来，请稍候或点击“换一张”")
        return problem

    def take(self) -> tuple[str, str]:
        """The captcha id and answer for one request; the captcha is spent from now on."""
        assert self._captcha is not None
        result = (self._captcha.captcha_id, self.edit.text().strip())
        self._captcha = None
        self._timer.stop()
        return result

    def reload(self) -> None:
        """Ask the server for a new image; the answer box is cleared."""
        if self._client is None:
            return
        self._captcha = None
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.edit.clear()
        self.image.setPixmap(QPixmap())
        self.image.setText(tr("加载中…"))
        self.refresh.setEnabled(False)
        self._runner.run(
            self._client.auth.captcha,
            lambda captcha: self._loaded(generation, captcha),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _loaded(self, generation: int, captcha: Captcha) -> None:
        if generation != self._generation:
            return  # a newer request replaced this one
        self._loading = False
        self.refresh.setEnabled(True)
        pixmap = QPixmap()
        if pixmap.loadFromData(captcha.image_png, "PNG"):
            self.image.setPixmap(
                pixmap.scaled(
                    self.image.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.image.setText(tr("图片无法显示"))
        self.image.setToolTip(tr("看不清？点击换一张"))
        self._captcha = captcha
        self._timer.start()
        self.shown.emit()

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.refresh.setEnabled(True)
        self.image.setPixmap(QPixmap())
        self.image.setText(tr("加载失败\n点击重试"))
        self.image.setToolTip(tr("验证码加载失败：{user_message}").format(user_message=user_message(exc)))

    def _expired(self) -> None:
        self.reload()


class LoginDialog(QDialog):
    """Log in as an examinee or a staff member; emits ``logged_in(LoginSession)``.

    Usable before the backend is ready: the form stays disabled until ``set_backend``.  After a
    successful login it emits ``logged_in`` and then closes with ``accept()``; the shell may call
    ``reset()`` and ``show_message()`` before showing it again (e.g. after a logout).
    """

    logged_in = Signal(object)  # LoginSession
    settings_requested = Signal()  # 设置 (the shell opens desktop/views/settings_dialog.py)

    def __init__(self, runner: TaskRunner, demo_mode_hint: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._client: ApiClient | None = None
        self._health: Health | None = None
        self._login_in_flight = False
        self._ready = False
        self.forgot_dialog: QDialog | None = None
        self.enrol_dialog: QDialog | None = None

        self.setWindowTitle(tr("登录 — 湖南自考自助服务"))  # the name once (Qt adds it unless the title ends with it)
        self.setObjectName("loginDialog")
        self._build(demo_mode_hint)
        self._set_kind(KIND_EXAMINEE)
        self._update_enabled()

    # --- building ------------------------------------------------------------------------------------
    def _build(self, demo_mode_hint: bool) -> None:
        title = QLabel(tr("湖南省高等教育自学考试\n考生自助服务系统"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)

        self.status_label = QLabel(tr(STARTING_TEXT))
        self.status_label.setObjectName("statusLabel")
        self.status_label.setStyleSheet(STATUS_STYLE)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)

        self.banner = QLabel()
        self.banner.setObjectName("infoBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()

        # kind of account
        self.examinee_radio = QRadioButton(tr("考生登录(&K)"))
        self.staff_radio = QRadioButton(tr("工作人员登录(&S)"))
        self.examinee_radio.setChecked(True)
        self._kind_group = QButtonGroup(self)
        self._kind_group.addButton(self.examinee_radio)
        self._kind_group.addButton(self.staff_radio)
        self._kind_group.buttonToggled.connect(self._kind_toggled)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.examinee_radio)
        kind_row.addWidget(self.staff_radio)
        kind_row.addStretch(1)

        self.account_edit = QLineEdit()
        self.account_edit.setObjectName("account")
        self.account_edit.setMaxLength(40)
        self.account_edit.setClearButtonEnabled(True)
        self.account_label = QLabel()
        self.account_label.setBuddy(self.account_edit)

        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(64)
        self.password_edit.setPlaceholderText(tr("密码"))
        password_label = QLabel(tr("密码(&P)"))
        password_label.setBuddy(self.password_edit)

        self.captcha = CaptchaField(self._runner)
        self.captcha_edit = self.captcha.edit
        captcha_label = QLabel(tr("验证码(&C)"))
        captcha_label.setBuddy(self.captcha_edit)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.account_label, self.account_edit)
        form.addRow(password_label, self.password_edit)
        form.addRow(captcha_label, self.captcha)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.login_button = QPushButton(tr("登录(&L)"))
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        self.forgot_button = QPushButton(tr("忘记密码(&F)"))
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.clicked.connect(self.open_forgot_password)
        self.enrol_button = QPushButton(tr("新生报名(&E)"))
        self.enrol_button.setAutoDefault(False)
        self.enrol_button.clicked.connect(lambda: self.open_enrolment())
        self.settings_button = QPushButton(tr("设置(&G)"))
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setAutoDefault(False)
        self.settings_button.setToolTip(tr("界面语言、高对比度"))
        self.settings_button.clicked.connect(self.settings_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.login_button, 2)
        buttons.addWidget(self.forgot_button, 1)
        buttons.addWidget(self.enrol_button, 1)
        buttons.addWidget(self.settings_button, 1)

        self.form_box = QWidget()
        form_box_layout = QVBoxLayout(self.form_box)
        form_box_layout.setContentsMargins(0, 0, 0, 0)
        form_box_layout.addLayout(kind_row)
        form_box_layout.addLayout(form)
        form_box_layout.addWidget(self.error_label)
        form_box_layout.addLayout(buttons)

        # demo accounts (demo mode only)
        self.demo_box = QGroupBox(tr("演示账号（双击或回车填入账号）"))
        self.demo_box.setObjectName("demoBox")
        self.demo_table = QTableWidget(0, 4)
        self.demo_table.setObjectName("demoTable")
        self.demo_table.setHorizontalHeaderLabels([tr("账号"), tr("类型"), tr("姓名"), tr("说明")])
        self.demo_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.demo_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.demo_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.demo_table.verticalHeader().hide()
        header = self.demo_table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # three rows at least; the window's height decides how many more show (fits 200 % and 1024×600)
        self.demo_table.setMinimumHeight(self.fontMetrics().height() * 6)
        self.demo_table.doubleClicked.connect(lambda _index: self.use_selected_demo_account())
        self.demo_table.installEventFilter(_EnterFilter(self.use_selected_demo_account, self.demo_table))
        self.demo_password_label = QLabel(tr("正在加载演示账号…"))
        self.demo_password_label.setObjectName("demoPassword")
        self.demo_password_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.addWidget(self.demo_table)
        demo_layout.addWidget(self.demo_password_label)
        self.demo_box.setVisible(demo_mode_hint)

        # shown by the shell when the server has tester controls or with --tester
        self.tester_action = tester_action(self)
        self.tester_button = QPushButton(self.tester_action.text())
        self.tester_button.setToolTip(self.tester_action.toolTip())
        self.tester_button.setObjectName("testerButton")
        self.tester_button.setFlat(True)
        self.tester_button.setAutoDefault(False)
        self.tester_button.clicked.connect(self.tester_action.trigger)
        self.tester_button.hide()
        self.tester_action.visibleChanged.connect(lambda: self.tester_button.setVisible(self.tester_action.isVisible()))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.status_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.form_box)
        layout.addWidget(self.demo_box)
        layout.addWidget(self.tester_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(480)
        # as wide as the demo accounts need from the start: the window does not widen when they arrive
        self.resize(DEMO_WIDTH if demo_mode_hint else 480, self.sizeHint().height())

        chain = [
            self.examinee_radio,
            self.staff_radio,
            self.account_edit,
            self.password_edit,
            self.captcha_edit,
            self.login_button,
            self.captcha.refresh,
            self.forgot_button,
            self.enrol_button,
            self.settings_button,
            self.demo_table,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.account_edit.setFocus()

        for edit in (self.account_edit, self.password_edit, self.captcha_edit):
            edit.textEdited.connect(self._clear_error)

    # --- public interface ------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return KIND_STAFF if self.staff_radio.isChecked() else KIND_EXAMINEE

    @property
    def captcha_id(self) -> str | None:
        """The captcha shown now (``None`` while loading or after it was used)."""
        return self.captcha.captcha_id

    @property
    def busy(self) -> bool:
        """A request of this dialog is still running."""
        return self._runner.running_for(self) > 0 or self.captcha.busy

    @property
    def is_ready(self) -> bool:
        return self._ready

    def error_text(self) -> str:
        """The error shown under the form ("" when none)."""
        return "" if self.error_label.isHidden() else self.error_label.text()

    def set_backend(self, client: ApiClient, health: Health) -> None:
        """The server is up: enable the form, load a captcha and, in demo mode, the demo accounts."""
        self._client = client
        self._health = health
        self._ready = True
        self.captcha.set_client(client)
        self.status_label.hide()
        self._update_enabled()
        self.captcha.reload()
        if health.mode == "demo":
            self.demo_box.show()
            self.demo_password_label.setText(tr("正在加载演示账号…"))
            self._runner.run(
                client.system.demo_accounts, self._show_demo_accounts, self._demo_accounts_failed, owner=self
            )
        else:
            self.demo_box.hide()
        if not self.account_edit.text():
            self.account_edit.setFocus()

    def set_backend_error(self, message: str) -> None:
        """The server could not be started or reached: say so, keep the form disabled."""
        self._ready = False
        self.status_label.setText(message)
        self.status_label.setStyleSheet(ERROR_STYLE)
        self.status_label.show()
        announce(self.status_label, message, assertive=True)
        self._update_enabled()

    def show_message(self, text: str) -> None:
        """An information banner above the form (e.g. why the user was logged out)."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        grow_to_fit(self)

    def server_clock_moved(self) -> None:
        """The server's clock was moved (a tester): the captcha shown may have expired there, so a
        new one is fetched now rather than refused at the next login."""
        if not self._ready or self._login_in_flight or self._client is None:
            return
        self.captcha.reload()
        self.show_message(tr(CLOCK_MOVED_TEXT))

    def reset(self) -> None:
        """Forget the password and captcha answer, load a new captcha (e.g. after a logout)."""
        self.password_edit.clear()
        self._clear_error()
        self._login_in_flight = False
        self.login_button.setText(tr("登录(&L)"))
        self._update_enabled()
        self.captcha.reload()

    def clear_account(self) -> None:
        """Empty the account field: after a logout the next person at this PC sees no one's account."""
        self.account_edit.clear()

    def load_captcha(self) -> None:
        """Ask the server for a new captcha image."""
        self.captcha.reload()

    def submit(self) -> None:
        """Check the form, then send the login on a worker (one request at a time)."""
        if self._login_in_flight or not self._ready or self._client is None:
            return
        kind = self.kind
        account = self.account_edit.text().strip()
        password = self.password_edit.text()
        problem = account_problem(kind, account)
        if problem:
            self._fail_early(problem, self.account_edit)
            return
        if not password:
            self._fail_early(tr("请输入密码"), self.password_edit)
            return
        problem = self.captcha.problem()
        if problem:
            self._fail_early(problem, self.captcha_edit)
            return

        captcha_id, answer = self.captcha.take()  # one use: whatever happens, it is spent
        self._login_in_flight = True
        self._clear_error()
        self.login_button.setText(tr("正在登录…"))
        self._update_enabled()
        client = self._client
        if kind == KIND_EXAMINEE:
            account = account.upper()
        log.info("login attempt (%s)", kind)
        self._runner.run(
            lambda: client.auth.login(account, password, captcha_id, answer, kind=kind),
            self._login_succeeded,
            self._login_failed,
            owner=self,
        )

    def use_selected_demo_account(self) -> None:
        """Fill the account field from the selected demo account (double-click or Enter)."""
        row = self.demo_table.currentRow()
        item = self.demo_table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        kind = item.data(Qt.ItemDataRole.UserRole) or KIND_EXAMINEE
        if kind == KIND_APPLICANT:  # no account yet: show where the application stands
            self.open_enrolment(query_id_number=item.text())
            return
        (self.staff_radio if kind == KIND_STAFF else self.examinee_radio).setChecked(True)
        self.account_edit.setText(item.text())
        self.password_edit.clear()
        self._clear_error()
        self.password_edit.setFocus()

    def open_forgot_password(self) -> None:
        if self._client is None:
            return
        from desktop.views.forgot_password_dialog import ForgotPasswordDialog

        dialog = ForgotPasswordDialog(self._client, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.password_reset.connect(self._password_was_reset)
        account = normalise_number(self.account_edit.text())
        if self.kind == KIND_EXAMINEE and len(account) == 12 and is_ascii_digits(account):
            dialog.exam_no_edit.setText(account)
        self.forgot_dialog = dialog
        window_fit.place(dialog)
        dialog.open()

    def open_enrolment(self, query_id_number: str = "") -> None:
        """Open 新生报名; with ``query_id_number`` on the 查询报名结果 tab with that ID filled in."""
        if self._client is None:
            return
        from desktop.views.enrol_dialog import EnrolDialog

        dialog = EnrolDialog(self._client, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.enrolled.connect(self._enrolled)
        if query_id_number:
            dialog.show_query(id_number=query_id_number)
        self.enrol_dialog = dialog
        window_fit.place(dialog)  # no taller than the screen (200 %, 1024×600), centred on this window
        dialog.open()

    # --- internals -------------------------------------------------------------------------------------

    def _kind_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            # an exam number is no staff account and the other way round: start empty
            self.account_edit.clear()
            self._set_kind(self.kind)

    def _set_kind(self, kind: str) -> None:
        self.account_label.setText(tr(ACCOUNT_LABELS[kind]))
        self.account_edit.setPlaceholderText(tr(ACCOUNT_PLACEHOLDERS[kind]))
        self.forgot_button.setVisible(kind == KIND_EXAMINEE)
        self.enrol_button.setVisible(kind == KIND_EXAMINEE)
        self._clear_error()

    def _update_enabled(self) -> None:
        usable = self._ready and not self._login_in_flight
        for widget in (
            self.examinee_radio,
            self.staff_radio,
            self.account_edit,
            self.password_edit,
            self.captcha,
            self.login_button,
            self.forgot_button,
            self.enrol_button,
            self.demo_table,
        ):
            widget.setEnabled(usable)

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        announce(self.error_label, text, assertive=True)
        grow_to_fit(self)

    def _fail_early(self, message: str, field: QLineEdit) -> None:
        self._show_error(message)
        field.setFocus()
        field.selectAll()

    def _login_succeeded(self, session: LoginSession) -> None:
        self._login_in_flight = False
        self.login_button.setText(tr("登录(&L)"))
        self.password_edit.clear()
        self.captcha_edit.clear()
        self.banner.hide()
        self._update_enabled()
        log.info("logged in (%s)", session.kind)
        self.logged_in.emit(session)
        self.accept()

    def _login_failed(self, exc: Exception) -> None:
        self._login_in_flight = False
        self.login_button.setText(tr("登录(&L)"))
        self.password_edit.clear()
        self._update_enabled()
        focus: QLineEdit = self.password_edit
        if isinstance(exc, ValidationFailed) and exc.code.startswith("captcha"):
            focus = self.captcha_edit
        elif isinstance(exc, PermissionDenied) and exc.code == "account_locked":
            focus = self.account_edit
        self._show_error(self._login_error_text(exc))
        self.captcha.reload()  # the one-use captcha is spent
        focus.setFocus()

    @staticmethod
    def _login_error_text(exc: Exception) -> str:
        if isinstance(exc, ValidationFailed) and exc.code == "captcha_expired":
            return tr(CAPTCHA_EXPIRED_TEXT)  # a new one is on its way already (``_login_failed``)
        if isinstance(exc, ValidationFailed) and exc.field_errors and not exc.code.startswith("captcha"):
            return tr("；").join(dict.fromkeys(exc.field_errors.values()))
        return user_message(exc)  # the server's message for every API error

    def _show_demo_accounts(self, accounts: list[DemoAccount]) -> None:
        self.demo_table.setRowCount(len(accounts))
        for row, acc in enumerate(accounts):
            account_item = QTableWidgetItem(acc.account)
            account_item.setData(Qt.ItemDataRole.UserRole, acc.kind)
            cells = [
                account_item,
                QTableWidgetItem(tr(KIND_TEXT.get(acc.kind, acc.kind))),
                QTableWidgetItem(acc.name),
                QTableWidgetItem(acc.description),
            ]
            for column, item in enumerate(cells):
                item.setToolTip(acc.description)
                self.demo_table.setItem(row, column, item)
        if accounts and self.width() < DEMO_WIDTH:  # room for the descriptions, centred still
            window_fit.place(self, QSize(DEMO_WIDTH, self.height()))
        passwords = sorted({acc.password for acc in accounts})
        if passwords:
            self.demo_password_label.setText(tr("演示账号的密码：") + tr("、").join(passwords))
        else:
            self.demo_password_label.setText(tr("没有演示账号"))

    def _demo_accounts_failed(self, exc: Exception) -> None:
        self.demo_password_label.setText(tr("演示账号加载失败：{user_message}").format(user_message=user_message(exc)))

    def _password_was_reset(self, exam_no: str) -> None:
        self.examinee_radio.setChecked(True)
        self.account_edit.setText(exam_no)
        self.reset()
        self.show_message(tr("密码已重置，请用新密码登录"))
        self.password_edit.setFocus()

    def _enrolled(self, enrolment: Enrolment) -> None:
        if enrolment.exam_no:
            self.examinee_radio.setChecked(True)
            self.account_edit.setText(enrolment.exam_no)
            self.show_message(
                tr("报名成功，您的准考证号为 {exam_no}，请用准考证号或身份证号登录").format(exam_no=enrolment.exam_no)
            )
        else:
            self.show_message(
                tr("报名已提交（报名号 {application_no}），审核通过后即可登录").format(
                    application_no=enrolment.application_no
                )
            )
