"""个人中心 against a real mock backend: masked record, phone, password and photo changes."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from backend_mock.seed import DEMO_PASSWORD
from desktop.api import ApiClient, PermissionDenied
from desktop.core.store import PROFILE
from desktop.core.tasks import TaskRunner
from desktop.views.account_dialogs import PHOTO_RULES
from desktop.views.personal_center import NO_PHOTO_TEXT, PersonalCenter
from tests.fixtures.accounts import demo_examinee, full_id_number, login
from tests.fixtures.files import jpeg_file
from tests.fixtures.gui import label_texts
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui

WITH_PHOTO = demo_examinee(with_photo=True)
WITHOUT_PHOTO = demo_examinee(with_photo=False)


def open_center(qtbot: QtBot, client: ApiClient, runner: TaskRunner, account: str) -> PersonalCenter:
    login(client, account)
    center = PersonalCenter(client, runner)
    qtbot.addWidget(center)
    center.resize(900, 600)
    center.show()
    assert center.stack.currentWidget() is center.state_page  # the loading state comes first
    assert "正在加载" in center.state_label.text()
    qtbot.waitUntil(lambda: center.profile is not None and not center.loading, timeout=10_000)
    return center


# --- the record -------------------------------------------------------------------------------------


def test_profile_shows_the_masked_record(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, runner: TaskRunner
) -> None:
    center = open_center(qtbot, client, runner, WITH_PHOTO.exam_no)
    full_id = full_id_number(live_server, WITH_PHOTO.exam_no)

    assert center.stack.currentWidget() is center.content_page
    assert center.name_label.text() == WITH_PHOTO.name
    assert center.values["exam_no"].text() == WITH_PHOTO.exam_no
    assert center.values["id_number"].text() == full_id[:3] + "*" * 11 + full_id[-4:]
    assert center.values["phone"].text() == WITH_PHOTO.phone[:3] + "****" + WITH_PHOTO.phone[-4:]
    assert center.values["record_status"].text() == "在籍"
    assert center.values["level"].text() in ("专科", "本科")
    for key in ("gender", "region", "major", "university", "plan_version", "enrolled_at"):
        assert center.values[key].text(), key
    enrolled = client.me.profile().enrolled_at
    assert center.values["enrolled_at"].text() == f"{enrolled.year}年{enrolled.month}月{enrolled.day}日"

    texts = label_texts(center)
    assert not any(full_id in text for text in texts), "the full ID number must never be shown"
    assert not any(WITH_PHOTO.phone in text for text in texts), "the full phone number must never be shown"

    pixmap = center.photo_label.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert center.upload_button.text().startswith("更换照片")


def test_profile_without_photo_offers_the_upload(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    center = open_center(qtbot, client, runner, WITHOUT_PHOTO.exam_no)
    assert center.name_label.text() == WITHOUT_PHOTO.name
    assert center.photo_label.text() == NO_PHOTO_TEXT
    assert center.upload_button.text().startswith("上传照片")


def test_load_failure_is_shown_in_place_with_a_retry(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    login(client, WITH_PHOTO.exam_no)
    broken = ApiClient("http://127.0.0.1:9", retries=0, timeout=(0.5, 0.5))  # nothing listens there
    broken.set_token("whatever")
    center = PersonalCenter(broken, runner)
    qtbot.addWidget(center)
    center.show()  # a page loads when it is first shown
    qtbot.waitUntil(lambda: center.retry_button.isVisibleTo(center), timeout=10_000)
    assert "加载失败" in center.state_label.text()
    assert "无法连接到服务器" in center.state_label.text()
    broken.close()


# --- phone ------------------------------------------------------------------------------------------


def test_change_phone_with_a_wrong_password_keeps_the_phone(
    qtbot: QtBot, client: ApiClient, runner: TaskRunner
) -> None:
    center = open_center(qtbot, client, runner, WITH_PHOTO.exam_no)
    before = center.values["phone"].text()
    dialog = center.open_change_phone()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.password_edit, "Wrong2026x")
    qtbot.keyClicks(dialog.phone_edit, "13912345678")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog), timeout=10_000)
    assert dialog.error_label.text() == "登录密码不正确，手机号未修改"  # the server's message
    assert dialog.isVisible()
    assert dialog.password_edit.text() == ""  # never kept after a request
    assert center.values["phone"].text() == before
    assert client.me.profile().phone_masked == before
    dialog.reject()


def test_change_phone_checks_the_number_before_asking_the_server(
    qtbot: QtBot, client: ApiClient, runner: TaskRunner
) -> None:
    center = open_center(qtbot, client, runner, WITH_PHOTO.exam_no)
    dialog = center.open_change_phone()
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.phone_edit.setText("2391234567")
    dialog.submit()
    assert not runner.busy
    assert dialog.error_label.text() == "手机号应为11位数字，以1开头"
    dialog.reject()


def test_change_phone_with_the_right_password_updates_the_masked_phone(
    qtbot: QtBot, client: ApiClient, runner: TaskRunner
) -> None:
    center = open_center(qtbot, client, runner, WITH_PHOTO.exam_no)
    dialog = center.open_change_phone()
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.phone_edit.setText("13912345678")
    with qtbot.waitSignal(dialog.phone_changed, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert center.values["phone"].text() == "139****5678"
    assert center.store.published == [PROFILE]
    assert client.me.profile().phone_masked == "139****5678"
    assert not any("13912345678" in text for text in label_texts(center))
    box = center.message_box
    assert box is not None and "139****5678" in box.text()
    box.close()


# --- password ---------------------------------------------------------------------------------------


def test_change_password_happy_path_ends_other_logins(
    qtbot: QtBot, live_server: LiveServer, client: ApiClient, runner: TaskRunner
) -> None:
    other = ApiClient(live_server.url)
    login(other, WITH_PHOTO.exam_no)  # a second login of the same person elsewhere
    center = open_center(qtbot, client, runner, WITH_PHOTO.exam_no)
    dialog = center.open_change_password()
    dialog.old_edit.setText(DEMO_PASSWORD)
    dialog.new_edit.setText("Xiangjiang2027")
    dialog.repeat_edit.setText("Xiangjiang2027")
    with qtbot.waitSignal(dialog.password_changed, timeout=10_000) as signal:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "其他设备" in signal.args[0]
    box = center.message_box
    assert box is not None and "其他设备" in box.text()
    box.close()

    client.me.profile()  # this session goes on
    from desktop.api import SessionEnded

    with pytest.raises(SessionEnded):
        other.me.profile()  # the other one has ended
    other.close()
    fresh = ApiClient(live_server.url)
    assert login(fresh, WITH_PHOTO.exam_no, "Xiangjiang2027").name == WITH_PHOTO.name
    fresh.close()


def test_change_password_refuses_bad_new_passwords(qtbot: QtBot, client: ApiClient, runner: TaskRunner) -> None:
    center = open_center(qtbot, client, runner, WITH_PHOTO.exam_no)
    dialog = center.open_change_password()
    dialog.old_edit.setText(DEMO_PASSWORD)

    # checked here first: shape and repetition
    dialog.new_edit.setText("onlyletters")
    dialog.repeat_edit.setText("onlyletters")
    dialog.submit()
    assert dialog.error_label.text() == "密码必须同时包含字母和数字"
    dialog.new_edit.setText("Good2027pass")
    dialog.repeat_edit.setText("Good2027pasS")
    dialog.submit()
    assert dialog.error_label.text() == "两次输入的新密码不一致"
    assert not runner.busy

    # the server also refuses common passwords
    dialog.new_edit.setText("password123")
    dialog.repeat_edit.setText("password123")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)
    assert dialog.error_label.text() == "该密码过于常见，容易被猜中，请换一个"
    assert dialog.isVisible()

    # and a wrong old password
    dialog.old_edit.setText("NotMine2026")
    dialog.new_edit.setText("Good2027pass")
    dialog.repeat_edit.setText("Good2027pass")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)
    assert dialog.error_label.text() == "原密码不正确"
    dialog.reject()

    # nothing changed: the old password still works
    with pytest.raises(PermissionDenied):
        client.auth.change_password("NotMine2026", "Other2027pass")
    assert client.auth.change_password(DEMO_PASSWORD, "Other2027pass")


# --- photo ------------------------------------------------------------------------------------------


def test_photo_upload_of_a_wrong_size_jpeg_shows_the_server_message(
    qtbot: QtBot, tmp_path: Path, client: ApiClient, runner: TaskRunner
) -> None:
    center = open_center(qtbot, client, runner, WITH_PHOTO.exam_no)
    photo_before = client.me.photo()
    dialog = center.open_upload_photo()
    rules = dialog.findChild(QLabel, "photoRules")
    assert rules is not None and PHOTO_RULES in rules.text()
    assert "480×640" in PHOTO_RULES and "浅蓝色" in PHOTO_RULES and "200KB" in PHOTO_RULES

    dialog.set_file(jpeg_file(tmp_path / "big.jpg", size=(600, 800)))
    qtbot.waitUntil(lambda: dialog.upload_button.isEnabled(), timeout=10_000)
    assert "600×800" in dialog.findings_label.text() and "✗" in dialog.findings_label.text()

    qtbot.mouseClick(dialog.upload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog), timeout=10_000)
    assert dialog.error_label.text() == "照片未通过检查：照片尺寸应为480×640像素（宽×高），当前为600×800"
    assert dialog.isVisible()
    assert client.me.photo() == photo_before
    dialog.reject()


def test_photo_upload_of_a_good_photo_shows_it(
    qtbot: QtBot, tmp_path: Path, client: ApiClient, runner: TaskRunner
) -> None:
    center = open_center(qtbot, client, runner, WITHOUT_PHOTO.exam_no)
    dialog = center.open_upload_photo()
    dialog.set_file(jpeg_file(tmp_path / "good.jpg"))
    qtbot.waitUntil(lambda: dialog.upload_button.isEnabled(), timeout=10_000)
    assert "✗" not in dialog.findings_label.text()
    with qtbot.waitSignal(dialog.photo_uploaded, timeout=10_000):
        qtbot.mouseClick(dialog.upload_button, Qt.MouseButton.LeftButton)
    assert center.store.published == [PROFILE]  # the other pages hear of it
    qtbot.waitUntil(lambda: not center.busy, timeout=10_000)  # the stored photo is fetched, nothing else
    assert center.loading is False and center.state == "loaded"
    pixmap = center.photo_label.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert center.upload_button.text().startswith("更换照片")
    assert client.me.profile().has_photo
    if center.message_box is not None and shiboken6.isValid(center.message_box):
        center.message_box.close()


def test_photo_is_chosen_with_a_non_blocking_file_dialog(
    qtbot: QtBot, tmp_path: Path, client: ApiClient, runner: TaskRunner
) -> None:
    center = open_center(qtbot, client, runner, WITHOUT_PHOTO.exam_no)
    path = jpeg_file(tmp_path / "chosen.jpg")
    dialog = center.open_upload_photo()
    dialog.choose_file()  # returns at once
    file_dialog = dialog.file_dialog
    assert file_dialog is not None and file_dialog.isVisible()
    file_dialog.selectFile(str(path))
    file_dialog.accept()
    qtbot.waitUntil(lambda: dialog.upload_button.isEnabled(), timeout=10_000)
    assert dialog.file_label.text() == "chosen.jpg"
    dialog.reject()


# --- error lines never squeeze the fields -------------------------------------------------------------------


def _fields_geometry(dialog: QWidget) -> list[tuple[int, int, int]]:
    """Where each input box is and how tall (in the dialog's coordinates)."""
    edits = dialog.findChildren(QLineEdit)
    return [(e.mapTo(dialog, e.rect().topLeft()).y(), e.height(), e.width()) for e in edits]


def _settle(qtbot: QtBot) -> None:
    QApplication.processEvents()
    qtbot.wait(50)


@pytest.mark.parametrize("which", ["phone", "password"])
def test_an_error_line_does_not_change_the_fields(
    qtbot: QtBot, client: ApiClient, runner: TaskRunner, which: str
) -> None:
    """A refusal's message appears under the fields: the fields keep their place and height, the
    dialog its size; a longer message makes only the line (and the window) taller, and is read in full."""
    center = open_center(qtbot, client, runner, WITH_PHOTO.exam_no)
    dialog = center.open_change_phone() if which == "phone" else center.open_change_password()
    _settle(qtbot)
    fields, size = _fields_geometry(dialog), dialog.size()
    assert all(height >= 20 for _y, height, _w in fields)
    if which == "phone":
        dialog.password_edit.setText("Wrong2026x")
        dialog.phone_edit.setText("13912345678")
    else:
        dialog.old_edit.setText("NotMine2026")
        dialog.new_edit.setText("Good2027pass")
        dialog.repeat_edit.setText("Good2027pass")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.working and dialog.errors.message != "", timeout=10_000)
    _settle(qtbot)
    assert dialog.isVisible()
    assert _fields_geometry(dialog) == fields
    assert dialog.size() == size  # the line's room was kept for it
    line = dialog.error_label
    assert line.height() >= line.heightForWidth(line.width())  # every line of the message shows
    assert dialog.errors.marked() == (["password"] if which == "phone" else ["old_password"])

    long = "该手机号已被其他考生登记。请确认号码是否输错；如确属本人，请携带身份证到所在市州自考办办理，" * 2
    dialog.show_error(long)
    _settle(qtbot)
    assert [(h, w) for _y, h, w in _fields_geometry(dialog)] == [(h, w) for _y, h, w in fields]
    assert line.height() >= line.heightForWidth(line.width())
    assert dialog.height() >= size.height()
    dialog.reject()
