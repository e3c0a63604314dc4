"""The one upload path for proofs: check (photos.check_document), store, own, attach.

A refused file leaves nothing behind: the row is added only after every check passed.  The
client's file name is used for nothing but a display label (its last part, cut to length); the
stored name is generated.  Files live in the database, so no path a client sends ever reaches
the file system.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.context import AppContext
from backend_mock.errors import NotFound, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.models import Examinee, GraduationApplication, UploadedFile
from backend_mock.photos import UploadError, check_document
from backend_mock.records.schemas import FilePublic

log = logging.getLogger(__name__)

LABEL_MAX = 60
_UNSAFE = re.compile(r"[\x00-\x1f<>:\"|?*]")


def display_label(client_name: str | None, content_type: str) -> str:
    """The last part of the client's name (either slash), without control or reserved characters."""
    base = re.split(r"[\\/]", client_name or "")[-1]
    base = _UNSAFE.sub("", base).strip().lstrip(".")
    if not base:
        base = {"application/pdf": "文件.pdf", "image/png": "图片.png"}.get(content_type, "图片.jpg")
    return base[-LABEL_MAX:]


def file_public(row: UploadedFile) -> FilePublic:
    return FilePublic(
        file_id=row.id, name=row.label, content_type=row.content_type, size=row.size, uploaded_at=row.uploaded_at
    )


def store(db: Session, ctx: AppContext, examinee: Examinee, client_name: str | None, data: bytes) -> UploadedFile:
    """Check ``data`` and keep it for ``examinee``; raise ``Unprocessable`` saying what to fix.  Commits."""
    try:
        checked = check_document(data, ctx.settings)
    except UploadError as exc:
        audit(
            db,
            ctx,
            actor=f"examinee:{examinee.id}",
            action="upload_file",
            result="refused",
            examinee_id=examinee.id,
            details={"reason": exc.reason, "size": len(data)},
        )
        db.commit()
        raise Unprocessable(
            exc.message, code=f"upload_{exc.reason}", details={"fields": [{"field": "file", "message": exc.message}]}
        ) from None
    row = UploadedFile(
        storage_name=checked.name,
        label=display_label(client_name, checked.content_type),
        content_type=checked.content_type,
        size=len(checked.data),
        data=checked.data,
        owner_examinee_id=examinee.id,
        uploaded_at=ctx.clock.now(),
    )
    db.add(row)
    db.flush()
    audit(
        db,
        ctx,
        actor=f"examinee:{examinee.id}",
        action="upload_file",
        examinee_id=examinee.id,
        details={"file_id": row.id, "type": row.content_type, "size": row.size},
    )
    db.commit()
    sweep_orphans(db, ctx)
    return row


def owned(db: Session, examinee_id: int, file_id: int) -> UploadedFile:
    row = db.get(UploadedFile, file_id)
    if row is None or row.owner_examinee_id != examinee_id:
        raise NotFound("文件不存在或不属于您，请重新上传", code="file_not_found")
    return row


def attach(
    db: Session, examinee_id: int, application_id: int, file_ids: Sequence[int], max_files: int, now: datetime
) -> None:
    """Make ``file_ids`` the files of the application: each must be the examinee's and not belong
    to another application.  Files no longer listed are detached (kept, can be attached again)."""
    wanted = list(dict.fromkeys(file_ids))
    if len(wanted) > max_files:
        raise Unprocessable(Msg("每份申请最多上传{max_files}个证明材料", max_files=max_files), code="too_many_files")
    rows = [owned(db, examinee_id, fid) for fid in wanted]
    for row in rows:
        if row.application_id not in (None, application_id):
            raise Unprocessable(Msg("文件“{label}”已用于另一份申请，请重新上传", label=row.label), code="file_in_use")
    current = db.scalars(select(UploadedFile).where(UploadedFile.application_id == application_id))
    for row in current:
        if row.id not in wanted:
            row.application_id = None
            row.detached_at = now
    for row in rows:
        row.application_id = application_id
        row.detached_at = None


# --- orphans ----------------------------------------------------------------------------------------------

SWEEP = "orphan_uploads"


def referenced_by_graduation(db: Session, owner_ids: Collection[int] | None = None) -> set[int]:
    """File ids graduation applications name as materials (kept in their JSON, not in ``application_id``)."""
    stmt = select(GraduationApplication.materials)
    if owner_ids is not None:
        stmt = stmt.where(GraduationApplication.examinee_id.in_(list(owner_ids)))
    ids: set[int] = set()
    for materials in db.scalars(stmt):
        ids.update(int(v) for v in (materials or {}).values() if isinstance(v, int))
    return ids


def delete_orphans(db: Session, ctx: AppContext) -> int:
    """Delete uploads nothing refers to (no record application, no graduation material) whose upload
    or last detachment is older than ``orphan_upload_retention_hours``; logged in the audit.  Commits.

    docs/rules.md#records-exemptions-transfers-certificates.  A referenced file is never deleted:
    the candidates are read and deleted under ``application_id IS NULL`` again in one statement.
    """
    cutoff = ctx.clock.now() - timedelta(hours=ctx.settings.orphan_upload_retention_hours)
    candidates = db.execute(
        select(UploadedFile.id, UploadedFile.owner_examinee_id).where(
            UploadedFile.application_id.is_(None),
            UploadedFile.uploaded_at <= cutoff,
            (UploadedFile.detached_at.is_(None)) | (UploadedFile.detached_at <= cutoff),
        )
    ).all()
    if not candidates:
        return 0
    kept = referenced_by_graduation(db, {owner for _, owner in candidates})
    doomed = [fid for fid, _ in candidates if fid not in kept]
    deleted = 0
    for chunk in range(0, len(doomed), 500):
        ids = doomed[chunk : chunk + 500]
        result = db.execute(
            delete(UploadedFile)
            .where(UploadedFile.id.in_(ids), UploadedFile.application_id.is_(None))
            .execution_options(synchronize_session=False)
        )
        deleted += int(result.rowcount or 0)  # type: ignore[attr-defined]
    if deleted:
        audit(db, ctx, actor="system", action="upload_orphans_delete",
              details={"deleted": deleted, "retention_hours": ctx.settings.orphan_upload_retention_hours})  # fmt: skip
        log.info("deleted %d orphaned uploads older than %d h", deleted, ctx.settings.orphan_upload_retention_hours)
    db.commit()
    return deleted


def sweep_orphans(db: Session, ctx: AppContext) -> int:
    """``delete_orphans`` at most once every ``orphan_upload_sweep_minutes`` (by the clock)."""
    now = ctx.clock.now()
    last = ctx.last_runs.get(SWEEP)
    if last is not None and now - last < timedelta(minutes=ctx.settings.orphan_upload_sweep_minutes):
        return 0
    ctx.last_runs[SWEEP] = now
    return delete_orphans(db, ctx)
