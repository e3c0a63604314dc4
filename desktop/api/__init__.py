"""The HTTP client of the desktop program (requests; imports no Qt).

``ApiClient`` is imported lazily: ``requests`` costs ~150 ms, and the login window should be on
screen before that is paid (errors and types are light and import at once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.api.errors import (
    ApiError,
    AuthError,
    Conflict,
    ConnectionFailed,
    NotFound,
    PermissionDenied,
    RateLimited,
    RequestTimeout,
    ServerError,
    SessionEnded,
    ValidationFailed,
    WaitingInQueue,
)

if TYPE_CHECKING:
    from desktop.api.client import ApiClient


def __getattr__(name: str) -> Any:
    if name == "ApiClient":
        from desktop.api.client import ApiClient

        return ApiClient
    raise AttributeError(name)


__all__ = [
    "ApiClient",
    "ApiError",
    "AuthError",
    "Conflict",
    "ConnectionFailed",
    "NotFound",
    "PermissionDenied",
    "RateLimited",
    "RequestTimeout",
    "ServerError",
    "SessionEnded",
    "ValidationFailed",
    "WaitingInQueue",
]
