"""Retries for idempotent requests, honouring ``Retry-After`` (urllib3 does the work)."""

from __future__ import annotations

from urllib3.util.retry import Retry

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def make_retry(total: int = 3, backoff: float = 0.3) -> Retry:
    """Retry connection failures, and 429/502/503/504 answers of idempotent methods.

    POST is never retried here: a POST that must survive a retry carries an ``Idempotency-Key``
    and is retried by its caller with the same key.
    """
    return Retry(
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
