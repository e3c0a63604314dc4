"""毕业生登记表: the A4 PDF built from the examinee's record, photo, resume and self-assessment holds
what it should (read back with pdftotext, as a person would see it); the resume table model."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from desktop.api.graduation import ResumeEntry
from desktop.core.clock import BEIJING
from desktop.documents import render as doc
from desktop.documents.graduation_form import form_html, period_text
from desktop.models.graduation_models import ResumeTableModel
from tests.fixtures.documents import pdf_text
from tests.fixtures.graduation import ASSESSMENT, RESUME, person
from tests.fixtures.servers import LiveServer

PRINTED_AT = datetime(2027, 3, 1, 9, 30, tzinfo=BEIJING)

pdf_tools = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pdf_tools
def test_the_form_holds_the_examinees_data_resume_and_self_assessment(
    qapp: QApplication, live_server: LiveServer, tmp_path: Path
) -> None:
    me = person(live_server, "bachelor_ready")
    profile = me.me.profile()
    eligibility = me.graduation.eligibility()
    html = form_html(
        profile,
        RESUME,
        ASSESSMENT,
        me.me.photo(),
        eligibility,
        session_name="2027年4月",
        application_no="BY123",
        printed_at=PRINTED_AT,
    )
    path = doc.save_pdf(html, tmp_path / "form.pdf")
    text = pdf_text(path)
    for expected in (
        "毕业生登记表",
        profile.name,
        profile.exam_no,
        profile.id_number_masked,
        f"{profile.major_code}{profile.major_name}",
        profile.university_name,
        "2027年4月毕业申请",
        f"{eligibility.credits_done}学分",
        *(e.unit for e in RESUME),
        *(e.role for e in RESUME),
        "2012.09—2015.06",
        "2015.07—至今",
        ASSESSMENT.replace("，", ",").replace("。", "")[:30],
        "本人签名",
    ):
        assert expected.replace(" ", "") in text, expected
    assert "*" in profile.id_number_masked and profile.id_number_masked[4:10] not in text.replace("*", "")
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=False).stdout
    assert "jpeg" in images or "image" in images  # the photo is on the page


def test_an_empty_form_keeps_rows_to_write_in_and_escapes_what_was_typed() -> None:
    from desktop.api.types import Profile

    profile = Profile(
        exam_no="010523200008", name="陈<思远>", gender="男", id_number_masked="430***********1234",
        phone_masked="138****0003", prefecture_code="4301", prefecture_name="长沙市", county_code="430105",
        county_name="开福区", major_code="080901", major_name="计算机科学与技术", level="本科",
        university_name="湖南大学", plan_version="2023", record_status="active", has_photo=False,
        enrolled_at=__import__("datetime").datetime(2023, 1, 1),
    )  # fmt: skip
    html = form_html(profile, [], "", None, printed_at=PRINTED_AT)
    assert "陈&lt;思远&gt;" in html and "<思远>" not in html
    assert html.count("<tr><td align=") >= 4  # blank resume rows
    assert ">照片<" in html  # the empty photo frame
    assert period_text(ResumeEntry("2020-01", "", "x", "y")) == "2020.01—至今"


def test_resume_model_edits_in_place(qtmodeltester: ModelTester) -> None:
    model = ResumeTableModel()
    model.set_entries(RESUME)
    qtmodeltester.check(model)
    assert model.data(model.index(1, 1)) == "至今" and model.data(model.index(1, 1), Qt.ItemDataRole.EditRole) == ""
    row = model.add_row()
    assert model.setData(model.index(row, 0), " 2020-09 ")
    assert model.setData(model.index(row, 1), "至今")
    assert model.setData(model.index(row, 2), "湖南大学")
    assert model.setData(model.index(row, 3), "学生")
    assert model.entries()[-1] == ResumeEntry("2020-09", "", "湖南大学", "学生")
    model.add_row()  # a blank row is left out
    assert len(model.entries()) == 3
    model.remove_row(0)
    assert model.entries()[0] == RESUME[1]
    model.set_editable(False)
    assert not model.setData(model.index(0, 2), "改")
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(model)
