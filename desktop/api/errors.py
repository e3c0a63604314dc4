"""The typed errors of the API client.  Each carries a Chinese message a person can act on.

connection / timeout / auth / permission / not found / validation / conflict / rate limit /
server: the views pick a reaction by type (e.g. ``SessionEnded`` → back to login), the error
presenter shows ``message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.i18n.marks import QT_TR_NOOP


class ApiError(Exception):
    """Base of every client error.  ``message`` is for people, ``code`` for programs."""

    default_message = QT_TR_NOOP("操作失败，请稍后重试")

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str = "error",
        status: int | None = None,
        details: Any = None,
        technical: str = "",
        retry_after: float | None = None,
        request_id: str = "",
    ) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)
        self.code = code
        self.status = status
        self.details = details
        self.technical = technical  # for the "details" button and the log; never a secret
        self.retry_after = retry_after  # seconds, from the server's Retry-After header
        self.request_id = request_id  # X-Request-Id: what a person quotes to support (the server logs it too)

    @property
    def field_errors(self) -> dict[str, str]:
        """Field name → message, from a validation error's details."""
        fields = self.details.get("fields") if isinstance(self.details, dict) else None
        return {f["field"]: f["message"] for f in fields or [] if "field" in f and "message" in f}


class ConnectionFailed(ApiError):
    default_message = QT_TR_NOOP("无法连接到服务器，请检查网络后重试")


class RequestTimeout(ApiError):
    default_message = QT_TR_NOOP("服务器响应超时，请稍后重试")


class AuthError(ApiError):
    """401: wrong credentials, or no valid session."""

    default_message = QT_TR_NOOP("请先登录")


class SessionEnded(AuthError):
    """The server session is over (logout, idle, 12 hours, password changed): log in again."""

    default_message = QT_TR_NOOP("登录已失效，请重新登录")


class PermissionDenied(ApiError):
    default_message = QT_TR_NOOP("没有权限进行该操作")


class NotFound(ApiError):
    default_message = QT_TR_NOOP("要找的内容不存在")


class ValidationFailed(ApiError):
    default_message = QT_TR_NOOP("填写的内容有误，请检查后重试")


class Conflict(ApiError):
    default_message = QT_TR_NOOP("当前状态不允许该操作")


class RateLimited(ApiError):
    default_message = QT_TR_NOOP("操作过于频繁，请稍后再试")


class ServerError(ApiError):
    default_message = QT_TR_NOOP("服务器出错了，请稍后重试")


@dataclass(frozen=True)
class QueueTicket:
    """A place in the server's waiting room (docs/waiting-room.md); ``token`` goes back with each poll."""

    token: str
    position: int  # 1: next to enter
    estimated_wait_seconds: int
    refresh_seconds: int
    issued_at: datetime

    @classmethod
    def from_details(cls, details: Any) -> QueueTicket | None:
        """The ticket of an error's ``details``, or None when there is none (a plain 503)."""
        if not isinstance(details, dict):
            return None
        try:
            return cls(
                token=str(details["token"]),
                position=int(details["position"]),
                estimated_wait_seconds=int(details["estimated_wait_seconds"]),
                refresh_seconds=max(1, int(details["refresh_seconds"])),
                issued_at=datetime.fromisoformat(str(details["issued_at"])),
            )
        except (KeyError, TypeError, ValueError):
            return None


class WaitingInQueue(ApiError):
    """503 with a queue ticket: the busy pages are full; the page waits in line (not an error to show)."""

    default_message = QT_TR_NOOP("当前访问人数较多，您已进入排队。请勿刷新或重复登录，轮到您时自动进入")

    @property
    def ticket(self) -> QueueTicket | None:
        return QueueTicket.from_details(self.details)


#: ``code`` of the server's waiting-room answers (503 with a ticket)
WAITING_ROOM_CODE = "waiting_room"


SESSION_CODES = frozenset({"not_authenticated", "session_invalid", "session_ended", "session_idle", "session_expired"})

_BY_STATUS: dict[int, type[ApiError]] = {
    400: ValidationFailed,
    401: AuthError,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    413: ValidationFailed,
    422: ValidationFailed,
    429: RateLimited,
}


def error_for_status(status: int, code: str) -> type[ApiError]:
    if status == 401 and code in SESSION_CODES:
        return SessionEnded
    if status == 503 and code == WAITING_ROOM_CODE:
        return WaitingInQueue
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, ApiError)
