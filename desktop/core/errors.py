"""The one error presenter: every failure becomes one clear Chinese message.

Typed client errors already carry a message a person can act on; anything else is a program
fault: the person sees a short apology, the log gets the traceback.  Behind the "显示详情" button
is what happened, in words, and the 请求编号 a person quotes to support (the server knows the
request by it); the request line and the error code go to the log only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.api.errors import ApiError, ConnectionFailed, RequestTimeout
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr

log = logging.getLogger(__name__)

UNEXPECTED = QT_TR_NOOP("程序出现了意外错误，您的数据没有丢失。请重试；如果问题仍然存在，请联系自考办并提供日志文件。")


def user_message(exc: BaseException) -> str:
    if isinstance(exc, ApiError):
        return tr(exc.message)  # the client's own words are in the catalogue; the server's pass as they are
    return tr(UNEXPECTED)


#: what a refusal means, by the answer's status
STATUS_WORDS = {
    400: QT_TR_NOOP("服务器无法识别这次请求。"),
    401: QT_TR_NOOP("服务器要求重新登录。"),
    403: QT_TR_NOOP("服务器拒绝了这次操作：没有相应的权限。"),
    404: QT_TR_NOOP("服务器上没有找到要操作的内容，它可能已被删除或从未存在。"),
    405: QT_TR_NOOP("服务器不接受这种操作。"),
    409: QT_TR_NOOP("服务器拒绝了这次操作：它与当前的状态冲突（可能已被处理过）。"),
    413: QT_TR_NOOP("上传的内容超过了服务器允许的大小。"),
    422: QT_TR_NOOP("服务器拒绝了这次操作：提交的内容不符合要求。"),
    429: QT_TR_NOOP("操作过于频繁，服务器暂不受理。"),
}
#: what a failed connection means, by the client's code
CONNECTION_WORDS = {
    "tls": QT_TR_NOOP("未能建立安全连接：服务器的证书没有通过校验。"),
    "dropped": QT_TR_NOOP("连接在服务器应答之前中断了，操作可能已经完成，也可能没有。"),
    "timeout": QT_TR_NOOP("服务器在规定的时间内没有应答，操作可能已经完成，也可能没有。"),
}


def what_happened(exc: BaseException) -> str:
    """One sentence, in words, of what went wrong (never a request line, a code or an exception name)."""
    if isinstance(exc, RequestTimeout):
        return tr(CONNECTION_WORDS["timeout"])
    if isinstance(exc, ConnectionFailed):
        return tr(CONNECTION_WORDS.get(exc.code, QT_TR_NOOP("未能连接到服务器。")))
    if isinstance(exc, ApiError):
        if exc.status is not None and exc.status >= 500:
            return tr("服务器处理这次请求时出错了。")
        return tr(STATUS_WORDS.get(exc.status or 0, QT_TR_NOOP("服务器没有完成这次操作。")))
    return tr("程序内部出错，详细情况已记入日志文件。")


def technical_details(exc: BaseException) -> str:
    """The text behind 显示详情: what happened and, for a request, its 请求编号."""
    lines = [what_happened(exc)]
    if isinstance(exc, ApiError):
        if exc.request_id:
            lines.append(tr("请求编号：{request_id}（联系自考办时请提供）").format(request_id=exc.request_id))
        log.info("error shown: %s", exc.technical or exc.code)
    return "\n".join(lines)


def title_for(exc: BaseException) -> str:
    if isinstance(exc, ConnectionFailed | RequestTimeout):
        return tr("网络问题")
    if isinstance(exc, ApiError):
        return tr("操作未完成")
    return tr("程序错误")


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
