"""The one document renderer: A4 PDFs with embedded, extractable Chinese text; printing and its failures.

PDF facts are checked with poppler's tools (``pdfinfo``, ``pdffonts``, ``pdftotext``), as a person
opening the file would see them.  ``pdftotext`` may return compatibility ideographs with some CJK
fonts, so extracted text is NFKC-normalised before comparing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.documents import render as doc
from tests.fixtures.documents import assert_a4, assert_fonts_embedded, pdf_info
from tests.fixtures.gui import task_runner

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

PRINTED_AT = datetime(2027, 2, 24, 10, 32)


def sample_html() -> str:
    return doc.document(
        "报考回执单",
        doc.section("考生信息"),
        doc.kv_table([("姓名", "周雨桐"), ("准考证号", "010327100001"), ("身份证号", "430***********123X")]),
        doc.section("报考课程"),
        doc.data_table(
            ["课程代码", "课程名称", "考试时间", "报考费（元）"],
            [
                ["00041", "基础会计学", "4月10日（周六）09:00–11:30", "48.00"],
                ["00155", "中级财务会计", "4月10日（周六）14:30–17:00", "48.00"],
            ],
            align=["center", "left", "left", "right"],
            total=["", "合计", "", "116.00"],
        ),
        doc.notes("注意事项", ["请妥善保管本回执单。", "<b>不是标签</b> & 符号"]),
        subtitle="2027年4月考次",
        printed_at=PRINTED_AT,
        verification="订单号 BK270224103200123456 可在“我的订单”中核验",
    )


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return unicodedata.normalize("NFKC", out)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- PDF -------------------------------------------------------------------------------------------


def test_save_pdf_is_a4_with_embedded_fonts_and_extractable_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    path = doc.save_pdf(sample_html(), tmp_path / "回执.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    assert_a4(path)
    assert_fonts_embedded(path)
    info = pdf_info(path)
    assert info["Pages"] == "1"
    assert info["Title"] == "报考回执单"
    text = squeeze(pdf_text(path))
    for expected in (
        "湖南省高等教育自学考试",
        "报考回执单",
        "2027年4月考次",
        "周雨桐",
        "010327100001",
        "430***********123X",
        "00041",
        "基础会计学",
        "中级财务会计",
        "116.00",
        "打印时间:2027年2月24日10:32",  # NFKC turns the full-width colon into ":"
        "BK270224103200123456",
        "<b>不是标签</b>&符号",  # escaped: shown as text, not markup
    ):
        assert squeeze(unicodedata.normalize("NFKC", expected)) in text, expected


def test_the_print_time_is_required_and_written_in_beijing_time() -> None:
    with pytest.raises(TypeError):
        doc.document("成绩单", "")  # type: ignore[call-arg]  # no machine-clock default
    new_york = datetime(2027, 2, 23, 21, 32, tzinfo=ZoneInfo("America/New_York"))  # 10:32 in Beijing
    for printed in (new_york, new_york.astimezone(UTC), PRINTED_AT):
        html = doc.document("成绩单", "", printed_at=printed)
        assert "打印时间：2027年2月24日 10:32" in html, printed
    assert doc.format_datetime(new_york) == "2027年2月24日 10:32"  # the name the views still import


def test_text_is_printed_at_a_readable_size(qtbot: QtBot, tmp_path: Path) -> None:
    """The body text is ~10.5 pt on paper (the page size must not be set to the writer's pixels)."""
    path = doc.save_pdf(sample_html(), tmp_path / "size.pdf")
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    heights = [
        float(m.group(2)) - float(m.group(1)) for m in re.finditer(r'yMin="([\d.]+)"[^>]*yMax="([\d.]+)">周雨桐<', out)
    ]
    assert heights, "name not found in the bounding boxes"
    assert 8 <= heights[0] <= 20, heights  # points; tiny text would be ~2–3 pt


def test_render_pdf_works_on_a_worker_thread(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "worker.pdf"
    with (
        task_runner() as runner,
        qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy, timeout=20_000),
    ):
        runner.run(lambda: doc.save_pdf(sample_html(), target))
    assert_a4(target)
    assert "周雨桐" in pdf_text(target)


def test_save_pdf_into_a_missing_folder_fails_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "x.pdf"
    with pytest.raises(FileNotFoundError) as caught:
        doc.save_pdf(sample_html(), target)
    assert not target.parent.exists()
    message = doc.pdf_error_message(caught.value, target)
    assert "文件夹不存在" in message and "nowhere" in message


def test_save_pdf_never_leaves_a_half_written_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"%PDF- the good old one")

    def boom(_html: str) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(doc, "render_pdf", boom)
    with pytest.raises(OSError):
        doc.save_pdf(sample_html(), target)
    assert target.read_bytes() == b"%PDF- the good old one"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]


def test_kv_table_lays_pairs_side_by_side() -> None:
    html = doc.kv_table([("a", "1"), ("b", "2"), ("c", "3")], columns=2)
    assert html.count("<tr>") == 2
    assert 'colspan="3"' in html  # the lone last pair spans the row
    assert doc.kv_table([]) == ""


# --- printing --------------------------------------------------------------------------------------


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_document_goes_through_a_non_blocking_print_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    printed: list[bool] = []
    dialog = doc.print_document(sample_html(), None, printer=pdf_printer(out), on_printed=lambda: printed.append(True))
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()  # open() returned at once
    dialog.accept()
    assert printed == [True]
    assert_a4(out)
    assert "周雨桐" in pdf_text(out)


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_failure_says_so_and_offers_the_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    broken = pdf_printer(tmp_path / "no such folder" / "x.pdf")
    with pytest.raises(doc.PrintFailed) as caught:
        doc.print_to(broken, sample_html())
    assert "打印失败" in caught.value.message and "PDF" in caught.value.message

    saved: list[bool] = []
    dialog = doc.print_document(sample_html(), None, printer=broken, save_pdf_instead=lambda: saved.append(True))
    assert isinstance(dialog, QPrintDialog)
    dialog.accept()
    box = next(w for w in _top_levels() if isinstance(w, QMessageBox) and w.objectName() == "printFailedBox")
    assert box.isVisible() and "打印失败" in box.text()
    button = box.findChild(QPushButton, "savePdfInsteadButton")
    assert button is not None
    button.click()
    assert saved == [True]


def test_without_a_printer_the_person_is_told_and_offered_the_pdf(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doc, "printers_available", lambda: False)
    saved: list[bool] = []
    box = doc.print_document(sample_html(), None, save_pdf_instead=lambda: saved.append(True))
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == doc.NO_PRINTER_MESSAGE
    button = box.findChild(QPushButton, "savePdfInsteadButton")
    assert button is not None and "PDF" in button.text()
    button.click()
    assert saved == [True]


def _top_levels() -> list[object]:
    from PySide6.QtWidgets import QApplication

    return list(QApplication.topLevelWidgets())
