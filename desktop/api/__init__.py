"""The HTTP client of the desktop program (requests; imports no Qt)."""

from desktop.api.client import ApiClient
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
)

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
]
