"""The one error presenter: every failure becomes one clear Chinese message.

Typed client errors already carry a message a person can act on; anything else is a program
fault: the person sees a short apology, the log gets the traceback.  The technical part goes
behind the "详细信息" button, never in the message itself.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.api.errors import ApiError, ConnectionFailed, RequestTimeout

log = logging.getLogger(__name__)

UNEXPECTED = "程序出现了意外错误，您的数据没有丢失。请重试；如果问题仍然存在，请联系自考办并提供日志文件。"


def user_message(exc: BaseException) -> str:
    if isinstance(exc, ApiError):
        return exc.message
    return UNEXPECTED


def technical_details(exc: BaseException) -> str:
    if isinstance(exc, ApiError):
        return exc.technical or f"{type(exc).__name__}: {exc.code}"
    return f"{type(exc).__name__}: {exc}"


def title_for(exc: BaseException) -> str:
    if isinstance(exc, ConnectionFailed | RequestTimeout):
        return "网络问题"
    if isinstance(exc, ApiError):
        return "操作未完成"
    return "程序错误"


def present_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Show ``exc`` to the person (modal message box with a details button)."""
    if not isinstance(exc, ApiError):
        log.error("unexpected error", exc_info=exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or title_for(exc))
    box.setText(user_message(exc))
    box.setDetailedText(technical_details(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal, does not block the event loop
