"""The 准考证 box of the 考试信息 tab: why there is no ticket, or preview / save as PDF / print.

Every "no ticket" state is one line of text in the box (no message box): before the printing
window it gives the opening date, otherwise the server's reason (unpaid order, no registration,
exams over) and, without a photo, a button to the 个人中心.  During the window the ticket is
previewed in the print-preview window, saved as an A4 PDF on a worker, or printed through the
system's print dialog; a printer failure is explained by ``documents.print_document`` with an
offer to save the PDF instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.api import ApiError, Conflict, NotFound
from desktop.api.types import Ticket, Timetable
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import datetime_text
from desktop.documents import render as documents
from desktop.documents.ticket import ticket_file_name, ticket_html
from desktop.i18n.tr import tr
from desktop.views.widgets.files import documents_path, save_dialog
from desktop.views.widgets.forms import hint

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

UPLOAD_PHOTO = "photo_missing"
NOT_OPEN = "ticket_not_open"
T = TypeVar("T")


@dataclass(frozen=True)
class TicketState:
    """The ticket of a session, or why there is none (``code``: the server's refusal code)."""

    session_code: str
    ticket: Ticket | None = None
    photo: bytes | None = None
    code: str | None = None
    message: str = ""
    details: Any = None


#: a refusal of the ticket (or its photo) that says why there is none: part of the answer, not a failure
REFUSALS = (Conflict, NotFound)


def refusal_or(fetch: Callable[[], T]) -> T | ApiError:
    """``fetch()``, or the server's refusal (returned, not raised; worker thread).  Other failures propagate."""
    try:
        return fetch()
    except REFUSALS as exc:
        return exc


def ticket_requests(client: ApiClient, session_code: str | None) -> dict[str, Callable[[], Any]]:
    """The ticket and its photo of ``session_code`` (None: the upcoming session), asked for at once.

    Both answers are refused for the same reason when there is no ticket; the photo is only sent
    while a ticket can be printed, so asking for both together costs one round trip, not two.
    """
    return {
        "ticket": lambda: refusal_or(lambda: client.exams.ticket(session_code)),
        "photo": lambda: refusal_or(lambda: client.exams.ticket_photo(session_code)),
    }


def ticket_state(session_code: str, ticket: Ticket | ApiError, photo: bytes | ApiError) -> TicketState:
    """The ticket state from the answers of ``ticket_requests`` (the first refusal says why)."""
    for answer in (ticket, photo):
        if isinstance(answer, ApiError):
            return TicketState(session_code, code=answer.code, message=answer.message, details=answer.details)
    assert isinstance(ticket, Ticket) and isinstance(photo, bytes)
    return TicketState(session_code, ticket=ticket, photo=photo)


def opening_text(opens: datetime) -> str:
    return tr("准考证打印将于 {datetime_text} 开放").format(datetime_text=datetime_text(opens))


def state_text(state: TicketState, timetable: Timetable | None) -> str:
    """What the box says about ``state`` (the timetable tells whether anything is registered)."""
    if state.ticket is not None:
        close = datetime_text(state.ticket.print_close)
        return tr("准考证已可打印（开放至 {close}）。请预览核对后保存为PDF或直接打印，用A4纸打印。").format(close=close)
    if state.code == NOT_OPEN:
        opens = _opens_at(state, timetable)
        when = opening_text(opens) if opens else state.message
        if timetable is not None and not any(s.course_code for s in timetable.slots):
            return tr("您在{session_name}考次还没有已缴费的报考课程，没有准考证（{when}）。").format(
                session_name=timetable.session_name, when=when
            )
        return tr("{when}，届时可在这里预览、保存为PDF和打印。").format(when=when)
    return state.message


def _opens_at(state: TicketState, timetable: Timetable | None) -> datetime | None:
    if timetable is not None and timetable.session_code == state.session_code:
        return timetable.ticket_print_open
    raw = state.details.get("opens_at") if isinstance(state.details, dict) else None
    return datetime.fromisoformat(raw) if isinstance(raw, str) else None


class TicketPanel(QGroupBox):
    """The 准考证 box."""

    ticket_saved = Signal(object)  # Path
    upload_photo_requested = Signal()

    def __init__(self, runner: TaskRunner, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(tr("准考证"), parent)
        self.setObjectName("ticketPanel")
        self.runner = runner
        self.now = now  # the server's time (printed on the ticket)
        self.state: TicketState | None = None
        self.file_dialog: QFileDialog | None = None
        self.print_dialog: QWidget | None = None
        #: a printer to use instead of asking the system (tests: a PDF printer or a broken one)
        self.printer_override: QPrinter | None = None

        self.message = QLabel()
        self.message.setObjectName("ticketMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.preview_button = QPushButton(tr("预览准考证(&V)"))
        self.preview_button.setObjectName("previewTicketButton")
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(tr("保存为 PDF(&D)…"))
        self.save_button.setObjectName("saveTicketButton")
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(tr("打印(&P)…"))
        self.print_button.setObjectName("printTicketButton")
        self.print_button.clicked.connect(self.print_ticket)
        self.upload_button = QPushButton(tr("去个人中心上传照片(&U)"))
        self.upload_button.setObjectName("uploadPhotoButton")
        self.upload_button.clicked.connect(self.upload_photo_requested)
        self.note = hint()
        self.note.hide()
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.hide()

        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        for button in (self.preview_button, self.save_button, self.print_button, self.upload_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        self.show_state(None, None)

    # --- state ---------------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self.state is not None and self.state.ticket is not None

    def show_loading(self) -> None:
        self.message.setText(tr("正在查询准考证…"))
        self._set_buttons(False, False)

    def show_state(self, state: TicketState | None, timetable: Timetable | None) -> None:
        self.state = state
        self.error.hide()
        self.set_note("")
        self.message.setText(state_text(state, timetable) if state else "")
        self._set_buttons(self.available, state is not None and state.code == UPLOAD_PHOTO)

    def show_failure(self, exc: Exception) -> None:
        self.state = None
        self.message.setText(
            tr("准考证信息查询失败：{user_message}（按 F5 重试）").format(user_message=user_message(exc))
        )
        self._set_buttons(False, False)

    def _set_buttons(self, ticket: bool, upload: bool) -> None:
        for button in (self.preview_button, self.save_button, self.print_button):
            button.setVisible(ticket)
        self.upload_button.setVisible(upload)
        if ticket:
            self.save_button.setDefault(True)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def html(self) -> str:
        if self.state is None or self.state.ticket is None:
            raise RuntimeError("no ticket to show")
        return ticket_html(self.state.ticket, self.state.photo, printed_at=self.now())

    # --- actions ------------------------------------------------------------------------------------
    def preview(self) -> QWidget | None:
        if not self.available:
            return None
        self.print_dialog = documents.preview_document(self.html(), self)
        return self.print_dialog

    def save(self) -> QFileDialog | None:
        """保存为 PDF: ask where (non-blocking), then write it on a worker."""
        if self.state is None or self.state.ticket is None:
            return None
        path = documents_path(ticket_file_name(self.state.ticket))
        self.file_dialog = save_dialog(self, tr("保存准考证"), path, tr("PDF 文件 (*.pdf)"), "pdf", self.save_to)
        return self.file_dialog

    def _save_instead(self) -> None:
        self.save()

    def save_to(self, path: Path) -> None:
        if not self.available:
            return
        html = self.html()

        def done(saved: Path) -> None:
            self.error.hide()
            self.set_note(tr("准考证已保存：{saved}").format(saved=saved))
            log.info("ticket saved")
            self.ticket_saved.emit(saved)

        def failed(exc: Exception) -> None:
            text = documents.pdf_error_message(exc, path) if isinstance(exc, OSError) else user_message(exc)
            self.error.setText(tr("准考证未保存：{text}").format(text=text))
            self.error.show()

        self.set_note(tr("正在生成PDF…"))
        self.runner.run(lambda: documents.save_pdf(html, path), done, failed, owner=self)

    def print_ticket(self) -> QWidget | None:
        """打印 through the system's print dialog (no printer or a failure: says so, offers the PDF)."""
        if not self.available:
            return None
        self.print_dialog = documents.print_document(
            self.html(),
            self,
            save_pdf_instead=self._save_instead,
            printer=self.printer_override,
            on_printed=lambda: self.set_note(tr("准考证已发送到打印机。")),
        )
        return self.print_dialog
