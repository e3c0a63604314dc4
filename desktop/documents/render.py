"""The one document renderer of the program: receipts, admission tickets, transcripts, forms.

A document is HTML built from a few shared pieces (``header``, ``kv_table``, ``data_table``,
``notes``, ``footer``, assembled by ``document``), so every printable page of the program has the
same look, fonts and tests.  Qt lays it out with ``QTextDocument.setHtml()`` and prints it with
``QTextDocument.print_()``:

- to a ``QPdfWriter`` at A4 / 300 dpi with fixed margins (``render_pdf``, ``save_pdf``).  The
  document's page size is *not* set to the writer's pixel size: ``print_()`` then scales the
  layout from screen to printer resolution itself, so a 10.5 pt font is 10.5 pt on paper (with the
  page size set to 2480×3508 "pixels" the text comes out tiny).  The CJK font is embedded as a CID
  TrueType subset with a Unicode map, so the text can be searched and copied.
- to a printer through ``QPrinter`` + ``QPrintDialog`` (``print_document``).  When no printer is
  installed or printing fails, the person is told so in plain words and offered the PDF instead.

``render_pdf``/``save_pdf`` use no widget and are safe on a worker thread; the print dialog
and preview are on the GUI thread.
"""

from __future__ import annotations

import base64
import html as _html
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop.core import timefmt
from desktop.resources.fonts import BASE_POINT_SIZE, DOCUMENT_FAMILIES, cjk_family

log = logging.getLogger(__name__)

AUTHORITY = "湖南省高等教育自学考试"
CREATOR = "湖南自考自助服务"
RESOLUTION_DPI = 300
# The device margins.  ``QTextDocument.print_()`` adds its own 2 cm on every side (and the page
# number at the bottom) for a document without a page size, so the device adds nothing more.
MARGINS_MM = QMarginsF(0.0, 0.0, 0.0, 0.0)
ACCENT = "#1f3f6e"
LINE = "#8a97a8"
SHADE = "#eef2f7"
# 105 × 140 px at the document's 96 dpi ≈ 28 × 37 mm on paper: a one-inch photo
PHOTO_WIDTH, PHOTO_HEIGHT = 105, 140

CSS = f"""
body {{ color: #111111; }}
p {{ margin: 0; }}
.authority {{ font-size: 12pt; letter-spacing: 2pt; color: {ACCENT}; }}
.title {{ font-size: 19pt; font-weight: bold; letter-spacing: 4pt; color: #111111; }}
.subtitle {{ font-size: 10pt; color: #444444; }}
.section {{ font-size: 11.5pt; font-weight: bold; color: {ACCENT}; margin-top: 10pt; margin-bottom: 4pt; }}
table.kv {{ border-collapse: collapse; border: 1px solid {LINE}; }}
table.kv td {{ border: 1px solid {LINE}; padding: 5px 7px; }}
table.kv td.key {{ background-color: {SHADE}; color: #333333; white-space: nowrap; }}
table.data {{ border-collapse: collapse; border: 1px solid {LINE}; }}
table.data th {{ border: 1px solid {LINE}; background-color: {SHADE}; padding: 5px 6px; font-weight: bold; }}
table.data td {{ border: 1px solid {LINE}; padding: 5px 6px; }}
table.data tr.total td {{ font-weight: bold; background-color: #f7f9fb; }}
.num {{ text-align: right; }}
.center {{ text-align: center; }}
.notes {{ font-size: 9.5pt; color: #333333; }}
.footer {{ font-size: 8.5pt; color: #555555; }}
"""


class PrintFailed(Exception):
    """Printing did not work; ``message`` says so in words a person can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- building the HTML ----------------------------------------------------------------------------


def esc(value: object) -> str:
    """Text for HTML (``None`` → empty)."""
    return "" if value is None else _html.escape(str(value), quote=True)


def format_datetime(value: datetime) -> str:
    """Kept for the views that still import it: the one date-time of ``desktop.core.timefmt``."""
    return timefmt.datetime_text(value, chinese=True)


def format_yuan(fen: int) -> str:
    return f"{fen / 100:.2f}"


def header(title: str, subtitle: str | None = None) -> str:
    """The authority's name, the document title and an optional line under it."""
    parts = [
        '<table width="100%" cellspacing="0" cellpadding="0">',
        f'<tr><td align="center"><span class="authority">{esc(AUTHORITY)}</span></td></tr>',
        f'<tr><td align="center" style="padding-top: 4px;"><span class="title">{esc(title)}</span></td></tr>',
    ]
    if subtitle:
        parts.append(
            f'<tr><td align="center" style="padding-top: 3px;"><span class="subtitle">{esc(subtitle)}</span></td></tr>'
        )
    parts.append("</table>")
    parts.append(f'<hr style="background-color: {ACCENT}; height: 2px; border: none;"/>')
    return "".join(parts)


def section(title: str) -> str:
    return f'<p class="section" style="margin-top: 12pt; margin-bottom: 5pt;">{esc(title)}</p>'


def kv_table(rows: Sequence[tuple[str, str]], columns: int = 2) -> str:
    """Label/value pairs, ``columns`` pairs side by side (the last pair of an odd row spans)."""
    if not rows:
        return ""
    key_width = 14 if columns > 1 else 22
    value_width = (100 - key_width * columns) // columns
    out = ['<table class="kv" width="100%" cellspacing="0" cellpadding="5">']
    for start in range(0, len(rows), columns):
        chunk = rows[start : start + columns]
        out.append("<tr>")
        for index, (key, value) in enumerate(chunk):
            span = (columns - len(chunk)) * 2 + 1 if index == len(chunk) - 1 else 1
            out.append(f'<td class="key" width="{key_width}%">{esc(key)}</td>')
            colspan = f' colspan="{span}"' if span > 1 else ""
            out.append(f'<td width="{value_width}%"{colspan}>{esc(value)}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def data_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    widths: Sequence[int] | None = None,
    align: Sequence[str] | None = None,
    total: Sequence[str] | None = None,
) -> str:
    """A table with a shaded header row; ``align`` per column: "left", "center" or "right";
    ``total`` is a last row in bold (use "" for empty cells)."""
    columns = len(headers)
    aligns = list(align or ["left"] * columns)
    out = ['<table class="data" width="100%" cellspacing="0" cellpadding="5">', "<tr>"]
    for index, head in enumerate(headers):
        width = f' width="{widths[index]}%"' if widths else ""
        out.append(f'<th{width} align="center">{esc(head)}</th>')
    out.append("</tr>")
    for row in rows:
        out.append(
            "<tr>" + "".join(f'<td align="{aligns[i]}">{esc(cell)}</td>' for i, cell in enumerate(row)) + "</tr>"
        )
    if total is not None:
        out.append(
            '<tr class="total">'
            + "".join(f'<td align="{aligns[i]}">{esc(cell)}</td>' for i, cell in enumerate(total))
            + "</tr>"
        )
    out.append("</table>")
    return "".join(out)


def photo_cell(photo: bytes | None) -> str:
    """A table cell holding a one-inch JPEG photo (as a ``data:`` URL, so the HTML needs no resources),
    or an empty frame marked 照片; put it beside the person's data."""
    if photo:
        data = base64.b64encode(photo).decode("ascii")
        image = f'<img src="data:image/jpeg;base64,{data}" width="{PHOTO_WIDTH}" height="{PHOTO_HEIGHT}"/>'
    else:
        image = (
            f'<table class="kv" width="{PHOTO_WIDTH}" cellspacing="0">'
            f'<tr><td height="{PHOTO_HEIGHT}" align="center">照片</td></tr></table>'
        )
    return f'<td width="24%" align="center" valign="top" style="padding-left: 10px;">{image}</td>'


def notes(title: str, lines: Sequence[str]) -> str:
    """A numbered list of remarks (exam-day rules, instructions)."""
    if not lines:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'{section(title)}<ol class="notes" style="margin-top: 0; margin-left: 0;">{items}</ol>'


def footer(printed_at: datetime, verification: str) -> str:
    """Print time (the server's, in Beijing time) and how the document can be checked."""
    return (
        f'<hr style="background-color: {LINE}; height: 1px; border: none;"/>'
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td class="footer">{esc(verification)}</td>'
        '<td class="footer" align="right" style="white-space: nowrap;">'
        f"打印时间：{esc(timefmt.datetime_text(printed_at, chinese=True))}</td>"
        "</tr></table>"
    )


def document(
    title: str,
    *parts: str,
    subtitle: str | None = None,
    printed_at: datetime,
    verification: str | None = None,
) -> str:
    """A whole document: header, the given parts (already HTML) and the footer.

    ``printed_at`` is the server's "now" (``ServerClock.now()``), never the machine's clock: the
    footer prints it in Beijing time whatever zone the machine is in.
    """
    note = verification or "本文件由湖南自考自助服务系统生成，内容以考试院系统记录为准。"
    body = "".join(parts)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"/>'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"{header(title, subtitle)}{body}"
        '<p style="margin-top: 14pt;"></p>'
        f"{footer(printed_at, note)}</body></html>"
    )


def doc_title(html: str) -> str:
    """The ``<title>`` of a document made by ``document`` (for PDF metadata and print jobs)."""
    start = html.find("<title>")
    end = html.find("</title>", start)
    return _html.unescape(html[start + 7 : end]) if start >= 0 and end > start else CREATOR


# --- laying out ----------------------------------------------------------------------------------------


def text_document(html: str) -> QTextDocument:
    """``html`` laid out by Qt with the document font (a CJK family at ``BASE_POINT_SIZE``)."""
    doc = QTextDocument()
    font = QFont()
    family = cjk_family(DOCUMENT_FAMILIES)
    if family:
        font.setFamily(family)
    else:
        log.warning("no Chinese font installed: the document will show boxes (install fonts-wqy-microhei)")
    font.setPointSizeF(BASE_POINT_SIZE)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    return doc


def _a4_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def _setup_device(device: QPagedPaintDevice) -> None:
    device.setPageLayout(_a4_layout())


def render_pdf(html: str) -> bytes:
    """The PDF of ``html`` (A4, 300 dpi, CJK font embedded).  No widget: fine on a worker thread."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION_DPI)
    _setup_device(writer)
    writer.setTitle(doc_title(html))
    writer.setCreator(CREATOR)
    text_document(html).print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def save_pdf(html: str, path: Path | str) -> Path:
    """Write the PDF of ``html`` to ``path`` (atomically: a half-written file never replaces a good one)."""
    return save_file(render_pdf(html), path)


def save_file(data: bytes, path: Path | str) -> Path:
    """Write ``data`` to ``path`` atomically (a PDF, a CSV export): written beside it, then renamed."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=target.suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def pdf_error_message(exc: BaseException, path: Path | str) -> str:
    """What to tell a person whose PDF could not be written."""
    if isinstance(exc, PermissionError):
        return f"没有权限写入“{path}”，请换一个文件夹（例如“文档”或“桌面”）后重试。"
    if isinstance(exc, FileNotFoundError):
        return f"文件夹不存在：“{Path(path).parent}”，请重新选择保存位置。"
    if isinstance(exc, OSError):
        return f"无法保存到“{path}”：{exc.strerror or exc}。请检查磁盘空间或换一个位置。"
    return f"生成PDF文件失败：{exc}"


# --- printing ----------------------------------------------------------------------------------------

NO_PRINTER_MESSAGE = "没有找到可用的打印机。请先安装并连接打印机；也可以保存为PDF文件，再用其他电脑打印。"
PRINT_FAILED_MESSAGE = (
    "打印失败：打印机没有响应或出现错误。请检查打印机是否开机、连接和缺纸，然后重试；也可以先保存为PDF文件。"
)


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_a4_layout())
    printer.setCreator(CREATOR)
    return printer


def print_to(printer: QPrinter, html: str) -> None:
    """Print ``html`` on ``printer`` (GUI thread); raise ``PrintFailed`` when it did not work."""
    if not printer.isValid():
        raise PrintFailed(NO_PRINTER_MESSAGE)
    printer.setDocName(doc_title(html))
    printer.setPageLayout(_a4_layout())
    text_document(html).print_(printer)
    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintFailed(PRINT_FAILED_MESSAGE)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        out = printer.outputFileName()
        if out and not Path(out).exists():
            raise PrintFailed(PRINT_FAILED_MESSAGE)


def printers_available() -> bool:
    return bool(QPrinterInfo.availablePrinterNames())


#: message boxes without a parent, kept alive until they close (Python would otherwise delete them)
_open_boxes: set[QMessageBox] = set()


def _failure_box(parent: QWidget | None, message: str, save_pdf_instead: Callable[[], None] | None) -> QMessageBox:
    box = QMessageBox(parent)
    if parent is None:
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("无法打印")
    box.setText(message)
    box.setObjectName("printFailedBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if save_pdf_instead is not None:
        save = box.addButton("保存为PDF(&V)…", QMessageBox.ButtonRole.AcceptRole)
        save.setObjectName("savePdfInsteadButton")
        save.clicked.connect(save_pdf_instead)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def print_document(
    html: str,
    parent: QWidget | None,
    *,
    save_pdf_instead: Callable[[], None] | None = None,
    printer: QPrinter | None = None,
    on_printed: Callable[[], None] | None = None,
) -> QWidget:
    """Print ``html`` through the system's print dialog (non-blocking; returns the dialog).

    Without a printer (or when printing fails) the person gets a message box instead, offering
    ``save_pdf_instead``.  ``printer`` can be given (tests pass a PDF-file printer, or a broken one).
    """
    if printer is None:
        if not printers_available():
            return _failure_box(parent, NO_PRINTER_MESSAGE, save_pdf_instead)
        printer = make_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setObjectName("printDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    chosen = printer

    def accepted() -> None:
        try:
            print_to(chosen, html)
        except PrintFailed as exc:
            log.warning("printing failed: %s", chosen.printerName() or chosen.outputFileName())
            _failure_box(parent, exc.message, save_pdf_instead)
        else:
            log.info("document printed")
            if on_printed is not None:
                on_printed()

    dialog.accepted.connect(accepted)
    QDialog.open(dialog)  # QPrintDialog.open(receiver, member) hides the plain open() in PySide6
    return dialog


#: open preview windows with their printers: ``QPrintPreviewDialog`` does not own the ``QPrinter``
#: it paints on, so a printer collected when ``preview_document`` returns left the dialog painting on
#: freed memory (a crash at its first paint).  Each entry goes when its window closes.
_previews: dict[int, tuple[QPrintPreviewDialog, QPrinter]] = {}


def preview_document(html: str, parent: QWidget | None) -> QPrintPreviewDialog:
    """A print preview window of ``html`` (non-blocking)."""
    printer = make_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    key = id(dialog)
    _previews[key] = (dialog, printer)
    dialog.finished.connect(lambda _result: _previews.pop(key, None))
    dialog.setWindowTitle(f"打印预览 — {doc_title(html)}")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.paintRequested.connect(lambda p: text_document(html).print_(p))
    dialog.resize(820, 900)
    QDialog.open(dialog)
    return dialog
