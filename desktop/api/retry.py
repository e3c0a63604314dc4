"""Retries for idempotent requests, honouring ``Retry-After`` (urllib3 does the work)."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

if TYPE_CHECKING:
    from typing import Self

    from urllib3.connectionpool import ConnectionPool
    from urllib3.response import BaseHTTPResponse

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: marks the answers of the server's waiting room: never retried here, the page waits in line instead
WAITING_ROOM_HEADER = "X-Waiting-Room"
#: a server asking to wait longer than this is not waited for: the person gets its answer now
MAX_RETRY_AFTER_SECONDS = 10.0


class PatientRetry(Retry):
    """A ``Retry`` that waits out ``Retry-After`` only when it is short.

    urllib3 sleeps whatever the server asks (an hour, if it says so) on the worker, and the
    person waits with it; beyond ``MAX_RETRY_AFTER_SECONDS`` the answer is returned at once
    instead, and the client turns it into a message.  A waiting-room answer is returned at once
    too: the page shows its waiting screen and polls (docs/desktop-core.md).
    """

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if response is not None:
            if response.headers.get(WAITING_ROOM_HEADER):
                raise MaxRetryError(_pool, url or "", None)  # type: ignore[arg-type]
            wait = self.get_retry_after(response)
            if wait is not None and wait > MAX_RETRY_AFTER_SECONDS:
                # with raise_on_status=False urllib3 hands the answer back instead of retrying
                raise MaxRetryError(_pool, url or "", None)  # type: ignore[arg-type]
        return super().increment(method, url, response, error, _pool, _stacktrace)


def make_retry(total: int = 3, backoff: float = 0.3) -> PatientRetry:
    """Retry connection failures, and 429/502/503/504 answers of idempotent methods.

    POST is never retried here: a POST that must survive a retry carries an ``Idempotency-Key``
    and is retried by its caller with the same key.
    """
    return PatientRetry(
        total=total,
        connect=total,
        read=total,
        status=total,
        other=0,
        backoff_factor=backoff,
        backoff_max=5,
        allowed_methods=IDEMPOTENT_METHODS,
        status_forcelist=(429, 502, 503, 504),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
