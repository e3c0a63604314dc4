"""Logging of the desktop program: a rotating file, Qt's messages, and masking of personal numbers.

Modules log through named loggers (``logging.getLogger(__name__)``).  ``setup_logging`` sends
everything to a rotating file in the user's log folder (and optionally the console).  Qt's own
warnings are routed into the ``qt`` logger (as qutebrowser's ``utils/qtlog.py`` does), so they end
up in the same file instead of on a console nobody sees.

Every record passes ``MaskingFilter`` on its way to a handler: full ID numbers, mobile numbers and
bearer tokens are masked even if some code (ours or a library's) logs them by mistake.  The log
file is meant to be sent to the examination office, so it must never hold them.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QStandardPaths, QtMsgType, qInstallMessageHandler

LOG_FILE_NAME = "zikao-desktop.log"
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5

_HANDLER_TAG = "_zikao_handler"

# 18-character ID number (17 digits + digit or X): keep the first 3 and the last 4.
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![0-9A-Za-z])")
# mainland mobile number: 138****1234
_PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
# bearer tokens in headers or reprs of them
_BEARER_RE = re.compile(r"(Bearer\s+)[A-Za-z0-9\-._~+/]+=*", re.IGNORECASE)
# "password": "..." / password=... / 'token': '...' in dict reprs, JSON or query strings
_SECRET_RE = re.compile(
    r"""(["']?(?:password|old_password|new_password|token|captcha_answer)["']?\s*[:=]\s*["']?)[^"'\s,}&]+""",
    re.IGNORECASE,
)


def mask_text(text: str) -> str:
    """``text`` with ID numbers, phone numbers, bearer tokens and password values masked."""
    text = _ID_RE.sub(lambda m: m.group(1) + "*" * 11 + m.group(2), text)
    text = _PHONE_RE.sub(r"\1****\2", text)
    text = _BEARER_RE.sub(r"\1***", text)
    return _SECRET_RE.sub(r"\1***", text)


class MaskingFilter(logging.Filter):
    """Masks personal numbers and secrets in the message, the arguments and the traceback.

    The record is rewritten in place (message formatted and masked, ``args`` dropped) so every
    handler after this filter sees only the masked text.  Attach it to handlers, not loggers: a
    logger's filters do not see records coming up from child loggers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = mask_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True


def default_log_dir() -> Path:
    """``<AppLocalDataLocation>/logs`` (set the organisation and application names first)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "logs"


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO, *, console: bool = False) -> Path:
    """Log to a rotating file in ``log_dir`` (default: the user's log folder); return its path.

    Calling it again replaces the handlers it installed before (tests, a changed folder).
    """
    log_dir = log_dir or default_log_dir()
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME

    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_TAG, False):
            root.removeHandler(handler)
            handler.close()

    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    ]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        setattr(handler, _HANDLER_TAG, True)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(MaskingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    # third-party chatter at INFO is not useful in a support log
    for noisy in ("urllib3", "uvicorn.access", "PIL", "multipart"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def teardown_logging() -> None:
    """Remove and close the handlers ``setup_logging`` installed."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_TAG, False):
            root.removeHandler(handler)
            handler.close()


# --- Qt's messages into Python logging ------------------------------------------------------------

qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

# messages that are noise on some platforms, not problems of the program
_QT_IGNORED = ("This plugin does not support propagateSizeHints()",)


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if any(message.startswith(ignored) for ignored in _QT_IGNORED):
        return
    category = context.category or "default"
    logger = qt_log if category == "default" else qt_log.getChild(category)
    logger.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_qt_message_handler() -> object:
    """Route Qt's messages into the ``qt`` logger; return the previous handler (to restore it)."""
    return qInstallMessageHandler(qt_message_handler)


def restore_qt_message_handler(previous: object) -> None:
    qInstallMessageHandler(previous)  # type: ignore[arg-type]
