"""新生报名 through the widgets: early checks, the window, a full enrolment, then login."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from backend_mock.seed.data import COUNTIES, PREFECTURE_OF_COUNTY
from backend_mock.seed.photos import make_photo
from backend_mock.settings import Mode
from desktop.api.types import EnrolmentForm
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import datetime_text
from desktop.views.enrol_dialog import EnrolDialog
from desktop.views.login_dialog import LoginDialog
from tests.fixtures.gui import wait_idle
from tests.fixtures.servers import LiveServer
from zikao_common.idnumber import check_digit, make_id_number

pytestmark = [
    pytest.mark.gui,
]

COUNTY = "430104"  # 长沙市岳麓区
PASSWORD = "Furong2027a"
MakeDialog = Callable[..., EnrolDialog]


def new_id_number(serial: int = 42, male: bool = True) -> str:
    """Someone the seed does not know: born 2001, registered in 岳麓区."""
    return make_id_number(COUNTY, date(2001, 3, 9), serial, male)


def with_check_digit(first17: str) -> str:
    return first17 + check_digit(first17)


def write_photo(tmp_path: Path, data: bytes, name: str = "photo.jpg") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def jpeg(size: tuple[int, int], colour: tuple[int, int, int] = (120, 180, 235), noise: bool = False) -> bytes:
    image = Image.new("RGB", size, colour)
    if noise:
        rng = random.Random(7)
        image = Image.frombytes("RGB", size, bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * 3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=100 if noise else 85)
    return out.getvalue()


@pytest.fixture(name="make_dialog")
def make_dialog_fixture(qtbot: QtBot, runner: TaskRunner) -> MakeDialog:
    def make(live_server: LiveServer) -> EnrolDialog:
        dialog = EnrolDialog(live_server.new_client(), runner)
        qtbot.addWidget(dialog)
        dialog.show()
        wait_loaded(qtbot, dialog)
        return dialog

    return make


def wait_loaded(qtbot: QtBot, dialog: EnrolDialog) -> None:
    def loaded() -> bool:
        captcha_ready = dialog.captcha.captcha_id is not None or not dialog.window_open
        return dialog.reference_loaded and captcha_ready and not dialog.busy

    qtbot.waitUntil(loaded, timeout=15_000)


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type ``text``; Chinese arrives as an input method commits it (QTest only types ASCII)."""
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def fill_form(
    qtbot: QtBot,
    dialog: EnrolDialog,
    live_server: LiveServer,
    photo: Path,
    *,
    id_number: str,
    name: str = "欧阳晓光",
    phone: str = "13974112233",
    password: str = PASSWORD,
) -> None:
    type_into(qtbot, dialog.name_edit, name)
    type_into(qtbot, dialog.id_edit, id_number)
    type_into(qtbot, dialog.phone_edit, phone)
    assert dialog.select_county(COUNTY)
    dialog.major_combo.setCurrentIndex(1)
    type_into(qtbot, dialog.password_edit, password)
    type_into(qtbot, dialog.repeat_edit, password)
    dialog.load_photo(photo)
    wait_idle(qtbot, dialog)
    answer_captcha(qtbot, dialog, live_server)


def answer_captcha(qtbot: QtBot, dialog: EnrolDialog, live_server: LiveServer) -> None:
    qtbot.waitUntil(lambda: dialog.captcha.captcha_id is not None and not dialog.busy, timeout=15_000)
    type_into(qtbot, dialog.captcha.edit, live_server.captcha_answer(dialog.captcha.captcha_id or ""))


def submit(qtbot: QtBot, dialog: EnrolDialog) -> None:
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)


def test_outside_the_window_the_form_says_when_the_next_one_opens(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer
) -> None:
    upcoming = live_server.close_enrolment_window()
    dialog = make_dialog(live_server)
    text = dialog.banner_text()
    assert text.startswith("现在不在新生报名时间内，下一次报名时间为")
    assert datetime_text(upcoming.enrolment_open) in text  # the one time format, Beijing time
    assert datetime_text(upcoming.enrolment_close, year=False) in text
    assert not dialog.window_open
    assert dialog.captcha.captcha_id is None  # no captcha is spent while nobody can submit
    assert not dialog.submit_button.isEnabled()
    assert not dialog.name_edit.isEnabled()
    # the lookup tab still works outside the window
    assert dialog.query_button.isEnabled()


def test_window_closing_while_the_form_is_open(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer, tmp_path: Path
) -> None:
    session = live_server.open_enrolment_window()
    dialog = make_dialog(live_server)
    assert dialog.window_open and dialog.submit_button.isEnabled()
    assert "新生报名正在进行" in dialog.banner_text()
    fill_form(qtbot, dialog, live_server, write_photo(tmp_path, make_photo(3)), id_number=new_id_number())
    live_server.freeze_clock(session.enrolment_close + timedelta(minutes=1))
    qtbot.mouseClick(dialog.captcha.refresh, Qt.MouseButton.LeftButton)  # the old one expired with the clock
    answer_captcha(qtbot, dialog, live_server)
    submit(qtbot, dialog)
    assert dialog.banner_text().startswith("现在不在新生报名时间内。下一次新生报名时间为")
    assert not dialog.submit_button.isEnabled()


@pytest.mark.parametrize(
    ("id_number", "message"),
    [
        (
            new_id_number()[:17] + ("0" if new_id_number()[17] != "0" else "1"),
            "身份证号校验位不正确，请逐位核对（最后一位为X时请输入大写X）",
        ),
        (with_check_digit("43010419990231123"), "身份证号中的出生日期 19990231 不存在，请核对第7–14位"),
        (with_check_digit("43019919990101123"), "身份证号的地区码 430199 不是湖南省的有效区县代码，请核对前6位"),
        (with_check_digit("99010419990101123"), "身份证号的地区码 990104 不存在，请核对前6位"),
        (with_check_digit("43010420200101123"), "报名人须年满14周岁，请核对身份证号中的出生日期"),
    ],
    ids=["check_digit", "birth_date", "unknown_hunan_area", "unknown_province", "too_young"],
)
def test_id_number_is_checked_early(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer, id_number: str, message: str
) -> None:
    live_server.open_enrolment_window()
    dialog = make_dialog(live_server)
    qtbot.keyClicks(dialog.id_edit, id_number)
    assert dialog.field_error("id_number") == message
    captcha_id = dialog.captcha.captcha_id
    submit(qtbot, dialog)
    assert dialog.field_error("id_number") == message
    assert dialog.captcha.captcha_id == captcha_id  # nothing was sent


def test_gender_comes_from_the_id_number_and_counties_cascade(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer
) -> None:
    live_server.open_enrolment_window()
    dialog = make_dialog(live_server)
    assert dialog.gender_display.isReadOnly()
    qtbot.keyClicks(dialog.id_edit, new_id_number(male=False))
    assert dialog.gender_display.text() == "女"
    type_into(qtbot, dialog.id_edit, new_id_number(male=True))
    assert dialog.gender_display.text() == "男"
    assert dialog.field_error("id_number") == ""

    assert not dialog.county_combo.isEnabled()
    regions = live_server.tester.system.regions()
    changsha = next(p for p in regions if p.code == "4301")
    dialog.prefecture_combo.setCurrentIndex(dialog.prefecture_combo.findData("4301"))
    counties = [dialog.county_combo.itemData(i) for i in range(1, dialog.county_combo.count())]
    assert counties == [c.code for c in changsha.counties]
    dialog.prefecture_combo.setCurrentIndex(dialog.prefecture_combo.findData("4304"))
    assert COUNTY not in [dialog.county_combo.itemData(i) for i in range(dialog.county_combo.count())]

    major = live_server.tester.system.majors()[0]
    assert dialog.select_major(major.id)
    assert major.level in dialog.major_info.text() and major.university_name in dialog.major_info.text()


def test_empty_form_explains_every_field(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    live_server.open_enrolment_window()
    dialog = make_dialog(live_server)
    type_into(qtbot, dialog.password_edit, "abc12345")
    type_into(qtbot, dialog.repeat_edit, "abc12346")
    submit(qtbot, dialog)
    assert dialog.field_error("name").startswith("姓名应为2–20个汉字")
    assert dialog.field_error("id_number") == "请输入身份证号"
    assert dialog.field_error("phone") == "手机号应为11位数字，以1开头"
    assert dialog.field_error("county_code") == "请选择报考所在的市州和区县"
    assert dialog.field_error("major_id") == "请选择报考专业"
    assert dialog.field_error("password_repeat") == "两次输入的密码不一致"
    assert dialog.field_error("photo") == "请选择符合要求的证件照"
    assert dialog.field_error("captcha") == "请输入图片中的验证码"


def test_full_enrolment_through_the_widgets_then_login(
    qtbot: QtBot, live_server: LiveServer, runner: TaskRunner, tmp_path: Path
) -> None:
    session = live_server.open_enrolment_window()
    login = LoginDialog(runner)
    qtbot.addWidget(login)
    login.show()
    login.set_backend(live_server.new_client(), live_server.health())
    qtbot.mouseClick(login.enrol_button, Qt.MouseButton.LeftButton)
    dialog = login.enrol_dialog
    assert isinstance(dialog, EnrolDialog) and dialog.isVisible()
    wait_loaded(qtbot, dialog)

    id_number = new_id_number(serial=17, male=False)
    fill_form(qtbot, dialog, live_server, write_photo(tmp_path, make_photo(11)), id_number=id_number)
    assert dialog.photo_ok
    assert dialog.gender_display.text() == "女"
    preview = dialog.photo_preview.pixmap()
    assert preview is not None and not preview.isNull()
    with qtbot.waitSignal(dialog.enrolled, timeout=15_000) as blocker:
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
        assert not dialog.submit_button.isEnabled()  # no second submission while in flight
    enrolment = blocker.args[0]
    exam_no = dialog.result_exam_no.text()
    assert re.fullmatch(r"\d{12}", exam_no), exam_no
    assert exam_no == enrolment.exam_no
    # 2 prefecture + 2 county + 3 term (YY + 1 for April) + 5 serial
    prefix = PREFECTURE_OF_COUNTY[COUNTY].exam_no_code + COUNTIES[COUNTY].exam_no_code
    assert exam_no.startswith(prefix + session.code[2:4] + ("1" if session.code.endswith("04") else "2"))
    assert dialog.result_status.text() == "审核通过，已分配准考证号"
    assert dialog.result_application_no.text() == enrolment.application_no
    assert "请用准考证号或身份证号登录" in dialog.result_hint.text()
    assert dialog.pages.currentWidget() is dialog.result_page

    # 查询报名结果 finds it with the application number and the ID number
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.query_application_edit, enrolment.application_no)
    qtbot.keyClicks(dialog.query_id_edit, id_number)
    qtbot.mouseClick(dialog.query_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert exam_no in dialog.query_result.text()
    assert "审核通过" in dialog.query_result.text()

    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    # the login dialog was told: the new exam_no logs in with the chosen password
    assert login.account_edit.text() == exam_no
    assert exam_no in login.banner.text()
    qtbot.waitUntil(lambda: login.captcha_id is not None and not login.busy, timeout=15_000)
    qtbot.keyClicks(login.password_edit, PASSWORD)
    qtbot.keyClicks(login.captcha_edit, live_server.captcha_answer(login.captcha_id or ""))
    with qtbot.waitSignal(login.logged_in, timeout=15_000) as signed_in:
        qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    assert signed_in.args[0].name == "欧阳晓光"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (jpeg((480, 640), noise=True), r"照片不能超过200KB（当前\d+KB），请压缩后重试"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 2000, r"照片必须是JPEG（\.jpg）格式的图片"),
        (jpeg((300, 400)), r"照片尺寸应为480×640像素（宽×高），当前为300×400"),
        pytest.param(
            b"\xff\xd8\xff" + b"\0" * 100,
            r"照片文件已损坏或无法识别，请重新拍摄或导出",
            marks=pytest.mark.qt_log_ignore("Corrupt JPEG data", "JPEG datastream contains no image"),
        ),
        (b"", r"照片文件是空的，请重新选择"),
    ],
    ids=["oversize", "png_named_jpg", "wrong_size", "corrupt", "empty"],
)
def test_bad_photo_is_refused_early(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer, tmp_path: Path, data: bytes, message: str
) -> None:
    live_server.open_enrolment_window()
    dialog = make_dialog(live_server)
    assert len(data) > 200 * 1024 or "200KB" not in message
    dialog.load_photo(write_photo(tmp_path, data))
    wait_idle(qtbot, dialog)
    assert re.fullmatch(message, dialog.field_error("photo")), dialog.field_error("photo")
    assert not dialog.photo_ok
    submit(qtbot, dialog)
    assert re.fullmatch(message, dialog.field_error("photo"))


def test_server_refusals_land_next_to_their_fields(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer, tmp_path: Path
) -> None:
    live_server.open_enrolment_window()
    dialog = make_dialog(live_server)
    white = write_photo(tmp_path, jpeg((480, 640), colour=(250, 250, 250)), "white.jpg")
    fill_form(qtbot, dialog, live_server, white, id_number=new_id_number(), password="Password123")
    assert dialog.photo_ok  # the client cannot judge the background
    first_captcha = dialog.captcha.captcha_id
    submit(qtbot, dialog)
    assert dialog.field_error("password") == "该密码过于常见，容易被猜中，请换一个"
    assert dialog.captcha.captcha_id != first_captcha  # spent, a new one was loaded

    type_into(qtbot, dialog.password_edit, PASSWORD)
    type_into(qtbot, dialog.repeat_edit, PASSWORD)
    answer_captcha(qtbot, dialog, live_server)
    submit(qtbot, dialog)
    assert dialog.field_error("password") == ""
    assert dialog.field_error("photo") == "照片背景应为浅蓝色，请使用浅蓝色背景的证件照"
    assert not dialog.photo_ok

    type_into(
        qtbot,
        dialog.captcha.edit,
        "2345" if live_server.captcha_answer(dialog.captcha.captcha_id or "") != "2345" else "3456",
    )
    dialog.load_photo(write_photo(tmp_path, make_photo(5)))
    wait_idle(qtbot, dialog)
    submit(qtbot, dialog)
    assert dialog.field_error("captcha") == "验证码输入错误，请看清新图片后重新输入"


def test_already_enrolled_person_gets_a_banner(
    qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer, tmp_path: Path
) -> None:
    live_server.open_enrolment_window()
    id_number = new_id_number(serial=23)
    api = live_server.new_client()
    captcha = api.auth.captcha()
    api.enrolment.submit(
        EnrolmentForm(
            name="欧阳晓光",
            id_number=id_number,
            phone="13974112233",
            county_code=COUNTY,
            major_id=api.system.majors()[0].id,
            password=PASSWORD,
            captcha_id=captcha.captcha_id,
            captcha_answer=live_server.captcha_answer(captcha.captcha_id),
        ),
        make_photo(8),
    )
    dialog = make_dialog(live_server)
    fill_form(qtbot, dialog, live_server, write_photo(tmp_path, make_photo(9)), id_number=id_number)
    submit(qtbot, dialog)
    assert dialog.error_text() == "该身份证号已有准考证号，请直接登录；忘记准考证号可用身份证号登录"
    assert dialog.error_banner.isVisible()
    assert dialog.pages.currentWidget() is dialog.form_page


def test_query_unknown_application(qtbot: QtBot, make_dialog: MakeDialog, live_server: LiveServer) -> None:
    dialog = make_dialog(live_server)
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.query_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert dialog.query_errors["application_no"].text() == "请输入报名号"
    qtbot.keyClicks(dialog.query_application_edit, "XS20270208000000")
    qtbot.keyClicks(dialog.query_id_edit, new_id_number())
    qtbot.keyClick(dialog.query_id_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, dialog)
    assert dialog.query_error.text() == "没有找到该报名记录，请核对报名号和身份证号"


def test_query_a_pending_application(qtbot: QtBot, live_server: LiveServer, runner: TaskRunner) -> None:
    """The seed's applicant waits for review: found by application number and ID number."""
    from backend_mock.seed.demo import DEMO_APPLICANT

    login = LoginDialog(runner)
    qtbot.addWidget(login)
    login.show()
    login.set_backend(live_server.new_client(), live_server.health())
    login.open_enrolment(query_id_number=DEMO_APPLICANT.id_number)
    dialog = login.enrol_dialog
    assert isinstance(dialog, EnrolDialog)
    assert dialog.tabs.currentIndex() == 1
    assert dialog.query_id_edit.text() == DEMO_APPLICANT.id_number
    upcoming = live_server.tester.system.calendar().upcoming
    qtbot.keyClicks(dialog.query_application_edit, f"xs{upcoming.replace('-', '')}0001")  # case does not matter
    qtbot.mouseClick(dialog.query_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert "审核状态：待审核" in dialog.query_result.text()
    assert DEMO_APPLICANT.name in dialog.query_result.text()
    assert "准考证号" not in dialog.query_result.text()
    dialog.close()


def test_without_approval_the_result_waits_and_a_second_submission_is_refused(
    qtbot: QtBot, make_dialog: MakeDialog, server_factory: Callable[..., LiveServer], tmp_path: Path
) -> None:
    live_server = server_factory(Mode.TEST, auto_approve_enrolment=False)
    live_server.open_enrolment_window()
    id_number = new_id_number(serial=31)
    dialog = make_dialog(live_server)
    fill_form(qtbot, dialog, live_server, write_photo(tmp_path, make_photo(4)), id_number=id_number)
    submit(qtbot, dialog)
    assert dialog.submitted is not None and dialog.submitted.exam_no is None
    assert dialog.result_status.text() == "待审核"
    assert dialog.result_exam_no.text() == "审核通过后分配"
    assert dialog.submitted.application_no in dialog.result_hint.text()

    again = make_dialog(live_server)
    fill_form(qtbot, again, live_server, write_photo(tmp_path, make_photo(4)), id_number=id_number)
    submit(qtbot, again)
    assert again.error_text() == (
        f"该身份证号已提交过报名（报名号{dialog.submitted.application_no}），正在等待审核，无需重复提交"
    )
