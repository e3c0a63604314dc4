"""The one upload path for proofs: check (photos.check_document), store, own, attach.

A refused file leaves nothing behind: the row is added only after every check passed.  The
client's file name is used for nothing but a display label (its last part, cut to length); the
stored name is generated.  Files live in the database, so no path a client sends ever reaches
the file system.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.context import AppContext
from backend_mock.errors import NotFound, Unprocessable
from backend_mock.models import Examinee, UploadedFile
from backend_mock.photos import UploadError, check_document
from backend_mock.records.schemas import FilePublic

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
    return row


def owned(db: Session, examinee_id: int, file_id: int) -> UploadedFile:
    row = db.get(UploadedFile, file_id)
    if row is None or row.owner_examinee_id != examinee_id:
        raise NotFound("文件不存在或不属于您，请重新上传", code="file_not_found")
    return row


def attach(db: Session, examinee_id: int, application_id: int, file_ids: Sequence[int], max_files: int) -> None:
    """Make ``file_ids`` the files of the application: each must be the examinee's and not belong
    to another application.  Files no longer listed are detached (kept, can be attached again)."""
    wanted = list(dict.fromkeys(file_ids))
    if len(wanted) > max_files:
        raise Unprocessable(f"每份申请最多上传{max_files}个证明材料", code="too_many_files")
    rows = [owned(db, examinee_id, fid) for fid in wanted]
    for row in rows:
        if row.application_id not in (None, application_id):
            raise Unprocessable(f"文件“{row.label}”已用于另一份申请，请重新上传", code="file_in_use")
    current = db.scalars(select(UploadedFile).where(UploadedFile.application_id == application_id))
    for row in current:
        if row.id not in wanted:
            row.application_id = None
    for row in rows:
        row.application_id = application_id
