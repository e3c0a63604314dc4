"""The audit trail: every account event and every staff action leaves a record."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend_mock.context import AppContext
from backend_mock.models import AuditRecord


def audit(
    db: Session,
    ctx: AppContext,
    *,
    actor: str,
    action: str,
    result: str = "ok",
    examinee_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Add an audit record to the caller's transaction (committed with it)."""
    db.add(
        AuditRecord(
            at=ctx.clock.now(),
            actor=actor,
            examinee_id=examinee_id,
            action=action,
            result=result,
            details=details,
        )
    )
