"""通知公告: reading (any logged-in person; read marks for examinees) and the administrator's
publishing API (``AdminDep``: administrators only; the screens come with the staff console)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Query, Response, UploadFile

from backend_mock.api.deps import AdminDep, CtxDep, PrincipalDep, SessionDep
from backend_mock.models import NoticeCategory
from backend_mock.notices import service as notices
from backend_mock.notices.schemas import (
    NewNoticesPublic,
    NoticeAdminPublic,
    NoticeCreate,
    NoticeListPublic,
    NoticePublic,
    NoticeSummaryPublic,
    NoticeUpdate,
    NoticeWithdraw,
)
from backend_mock.uploads import read_upload

router = APIRouter(prefix="/notices", tags=["notices"])

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "notice_not_found | notice_withdrawn | attachment_not_found"}
}


@router.get("", operation_id="notices-list")
def list_notices(
    principal: PrincipalDep,
    db: SessionDep,
    ctx: CtxDep,
    category: NoticeCategory | None = None,
    q: Annotated[str | None, Query(max_length=100, description="words searched in title and body")] = None,
    unread_only: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    with_bodies: Annotated[bool, Query(description="also each listed notice's body and attachments")] = False,
) -> NoticeListPublic:
    """Published notices, newest first; ``q`` matches every word in the title or the body."""
    return notices.list_notices(
        db,
        ctx,
        principal,
        category=category,
        query=q,
        unread_only=unread_only,
        limit=limit,
        offset=offset,
        with_bodies=with_bodies,
    )


@router.get("/new", operation_id="notices-new_since_login")
def new_since_login(principal: PrincipalDep, db: SessionDep, ctx: CtxDep) -> NewNoticesPublic:
    """Unread notices published since the caller's previous login."""
    return notices.new_since_last_login(db, ctx, principal)


@router.get("/admin", operation_id="notices-admin_list")
def admin_list(_admin: AdminDep, db: SessionDep, ctx: CtxDep) -> list[NoticeAdminPublic]:
    """Every notice, also scheduled and withdrawn ones (administrator)."""
    return notices.admin_list(db, ctx)


@router.post("/admin", operation_id="notices-admin_create", status_code=201)
def admin_create(body: NoticeCreate, admin: AdminDep, db: SessionDep, ctx: CtxDep) -> NoticeAdminPublic:
    """Publish now, or schedule with a future ``publish_at`` (administrator)."""
    return notices.create(db, ctx, admin, body)


@router.patch("/admin/{notice_id}", operation_id="notices-admin_update", responses=_NOT_FOUND)
def admin_update(notice_id: int, body: NoticeUpdate, admin: AdminDep, db: SessionDep, ctx: CtxDep) -> NoticeAdminPublic:
    return notices.update(db, ctx, admin, notice_id, body)


@router.post("/admin/{notice_id}/withdraw", operation_id="notices-admin_withdraw", responses=_NOT_FOUND)
def admin_withdraw(
    notice_id: int, body: NoticeWithdraw, admin: AdminDep, db: SessionDep, ctx: CtxDep
) -> NoticeAdminPublic:
    return notices.withdraw(db, ctx, admin, notice_id, body.reason)


@router.post("/admin/{notice_id}/attachments", operation_id="notices-admin_add_attachment", responses=_NOT_FOUND)
def admin_add_attachment(
    notice_id: int,
    file: Annotated[UploadFile, File(description="PDF, PNG or JPEG, ≤ 5 MB")],
    admin: AdminDep,
    db: SessionDep,
    ctx: CtxDep,
) -> NoticeAdminPublic:
    data = read_upload(file, ctx.settings.upload_max_bytes)
    return notices.add_attachment(db, ctx, admin, notice_id, data, file.filename)


@router.get("/{notice_id}", operation_id="notices-get", responses=_NOT_FOUND)
def get_notice(notice_id: int, principal: PrincipalDep, db: SessionDep, ctx: CtxDep) -> NoticePublic:
    return notices.get_notice(db, ctx, principal, notice_id)


@router.post("/{notice_id}/read", operation_id="notices-mark_read", responses=_NOT_FOUND)
def mark_read(notice_id: int, principal: PrincipalDep, db: SessionDep, ctx: CtxDep) -> NoticeSummaryPublic:
    return notices.mark_read(db, ctx, principal, notice_id)


@router.get(
    "/{notice_id}/attachments/{attachment_id}",
    operation_id="notices-attachment",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}, "image/png": {}, "image/jpeg": {}}}, **_NOT_FOUND},
)
def download_attachment(
    notice_id: int, attachment_id: int, _principal: PrincipalDep, db: SessionDep, ctx: CtxDep
) -> Response:
    found = notices.attachment(db, ctx, notice_id, attachment_id)
    disposition = f"attachment; filename=\"{found.stored_name}\"; filename*=UTF-8''{quote(found.file_name)}"
    return Response(
        found.data,
        media_type=found.content_type,
        headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
    )
