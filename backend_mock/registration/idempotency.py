"""``Idempotency-Key``: the same key replays the first answer; the same key with another body is refused.

Only successful answers are remembered.  A refused request changed nothing, so repeating it with
the same key simply runs it again (after, say, choosing another site the body differs but nothing
was stored, so that is allowed too).  Keys are scoped to the examinee and the operation; the
request hash covers the body and, for payments, the order number of the path.  A key is
remembered for ``settings.idempotency_key_ttl_hours`` (24 h, as payment APIs commonly do): a
client retries within seconds or minutes, and the table must not grow for ever.  Expired records
of the examinee are deleted when a new one is stored.

Callers lock the examinee's row before looking a key up, so two requests with one key queue
behind each other (``BEGIN IMMEDIATE`` on SQLite, ``SELECT ... FOR UPDATE`` on PostgreSQL) and the
second one finds the first one's record.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend_mock.context import AppContext
from backend_mock.errors import ApiError, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.models import IdempotencyRecord

HEADER = "Idempotency-Key"


# the one answer remembered: "created" (refused requests are not remembered)
_CREATED = 201


@dataclass(frozen=True)
class Outcome:
    """What an operation under a key answered: ``body`` (JSON), and whether it is the first answer
    given again (``replayed``: nothing was done this time).  The router makes it an HTTP answer."""

    body: dict[str, Any]
    replayed: bool = False


def require_key(key: str | None, ctx: AppContext) -> str:
    """The header's value, or a 400 that says how to fix the request."""
    if key is None or not key.strip():
        raise ApiError(
            "缺少请求头 Idempotency-Key：请为这次操作生成一个唯一编号（如 UUID），网络重试时使用同一编号",
            code="idempotency_key_missing",
        )
    key = key.strip()
    if len(key) > ctx.settings.idempotency_key_max_length or not key.isprintable() or not key.isascii():
        raise ApiError(
            Msg(
                "请求头 Idempotency-Key 格式不正确：应为不超过{idempotency_key_max_length}个字符的英文字母、数字或符号",
                idempotency_key_max_length=ctx.settings.idempotency_key_max_length,
            ),
            code="idempotency_key_invalid",
        )
    return key


def request_hash(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _expired_before(ctx: AppContext) -> datetime:
    return ctx.clock.now() - timedelta(hours=ctx.settings.idempotency_key_ttl_hours)


def find(db: Session, ctx: AppContext, examinee_id: int, operation: str, key: str, req_hash: str) -> Outcome | None:
    """The remembered answer for ``key``; 422 ``idempotency_key_reused`` when the body differs.

    A record older than the time to live is forgotten (deleted): the key counts as new.
    """
    record = db.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.examinee_id == examinee_id,
            IdempotencyRecord.operation == operation,
            IdempotencyRecord.key == key,
        )
    )
    if record is None:
        return None
    if record.created_at < _expired_before(ctx):
        db.delete(record)
        db.flush()
        return None
    if record.request_hash != req_hash:
        raise Unprocessable(
            "该请求编号（Idempotency-Key）已用于另一项内容不同的请求。如果要提交新的内容，请使用新的请求编号",
            code="idempotency_key_reused",
        )
    return Outcome(record.response_json, replayed=True)


def remember(
    db: Session,
    ctx: AppContext,
    examinee_id: int,
    operation: str,
    key: str,
    req_hash: str,
    body: dict[str, Any],
) -> None:
    """Store the answer in the caller's transaction (committed together with what it reports)."""
    db.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.examinee_id == examinee_id, IdempotencyRecord.created_at < _expired_before(ctx)
        )
    )
    db.add(
        IdempotencyRecord(
            key=key,
            examinee_id=examinee_id,
            operation=operation,
            request_hash=req_hash,
            status_code=_CREATED,
            response_json=body,
            created_at=ctx.clock.now(),
        )
    )
