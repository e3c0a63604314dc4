"""通知公告: what examinees see (published, not withdrawn), search, read marks, attachments, and
the administrator's publishing, editing and withdrawing (each audited).

Visibility is decided by the server clock at every request: a notice scheduled for tomorrow
appears by itself tomorrow, and a withdrawn one disappears at once, also from search and from
attachment downloads.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple, Protocol

from sqlalchemy import BindParameter, ColumnElement, Executable, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, selectinload

from backend_mock.audit import audit
from backend_mock.auth.sessions import Principal
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.models import AuthSession, Notice, NoticeAttachment, NoticeCategory, NoticeRead, StaffUser
from backend_mock.notices.schemas import (
    NewNoticesPublic,
    NoticeAdminPublic,
    NoticeAttachmentPublic,
    NoticeBodyPublic,
    NoticeCreate,
    NoticeListPublic,
    NoticePublic,
    NoticeSummaryPublic,
    NoticeUpdate,
)
from backend_mock.photos import UploadError, check_document
from backend_mock.staff.counter import actor_of

CATEGORIES = [c.value for c in NoticeCategory]
EXCERPT_CHARS = 60
LIKE_ESCAPE = "\\"

# --- visibility and search --------------------------------------------------------------------------------


def visible(now: datetime | BindParameter[datetime]) -> ColumnElement[bool]:
    """Published by ``now`` and not withdrawn."""
    return and_(Notice.publish_at <= now, Notice.withdrawn_at.is_(None))


def search_terms(query: str | None) -> list[str]:
    """The words of a search: NFKC-normalised (full-width letters and digits become ASCII),
    split on any white space (also the ideographic space U+3000)."""
    if not query:
        return []
    return [t for t in unicodedata.normalize("NFKC", query).split() if t][:8]


def _like_pattern(term: str) -> str:
    escaped = term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    return f"%{escaped}%"


def _matches(terms: int) -> ColumnElement[bool] | None:
    """Every one of ``terms`` bound patterns (``term0``…) in the title or the body (substring
    match: right for Chinese, which has no spaces between words)."""
    if not terms:
        return None
    clauses = []
    for i in range(terms):
        pattern: BindParameter[str] = bindparam(f"term{i}")
        clauses.append(
            or_(Notice.title.like(pattern, escape=LIKE_ESCAPE), Notice.body.like(pattern, escape=LIKE_ESCAPE))
        )
    return and_(*clauses)


@functools.cache
def _page_statements(by_category: bool, terms: int, unread_only: bool) -> tuple[Executable, Executable]:
    """The count and the page of the visible notices for one kind of filter, built once (values bound:
    ``now``, ``category``, ``term0``…, ``examinee_id``, ``limit``, ``offset``)."""
    where: list[ColumnElement[bool]] = [visible(bindparam("now"))]
    if by_category:
        where.append(Notice.category == bindparam("category"))
    found = _matches(terms)
    if found is not None:
        where.append(found)
    if unread_only:
        read = select(NoticeRead.notice_id).where(NoticeRead.examinee_id == bindparam("examinee_id"))
        where.append(Notice.id.not_in(read))
    count = select(func.count()).select_from(Notice).where(*where)
    page = (
        select(*_LISTED_COLUMNS)
        .where(*where)
        .order_by(Notice.publish_at.desc(), Notice.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    return count, page


# A listed notice is read as plain columns, not as a mapped object: a page of them loaded as
# objects (with their attachments) cost more than everything else of the list.
_LISTED_COLUMNS = (
    Notice.id,
    Notice.title,
    Notice.category,
    Notice.publisher,
    Notice.publish_at,
    Notice.updated_at,
    Notice.body,
)


class _File(NamedTuple):
    id: int
    file_name: str
    content_type: str
    size: int


@dataclass(frozen=True, slots=True)
class _Listed:
    """What a list shows of a notice (the columns of ``_LISTED_COLUMNS`` and its attachments)."""

    id: int
    title: str
    category: NoticeCategory
    publisher: str
    publish_at: datetime
    updated_at: datetime
    body: str
    attachments: Sequence[_File]


class _Shown(Protocol):
    """A notice as the answers show it: a mapped ``Notice`` or a ``_Listed`` row."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def category(self) -> NoticeCategory: ...
    @property
    def publisher(self) -> str: ...
    @property
    def publish_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def body(self) -> str: ...
    @property
    def attachments(self) -> Sequence[NoticeAttachment] | Sequence[_File]: ...


@functools.cache
def _files_statement() -> Executable:
    return (
        select(
            NoticeAttachment.notice_id,
            NoticeAttachment.id,
            NoticeAttachment.file_name,
            NoticeAttachment.content_type,
            NoticeAttachment.size,
        )
        .where(NoticeAttachment.notice_id.in_(bindparam("ids", expanding=True)))
        .order_by(NoticeAttachment.id)
    )


def _listed(db: Session, rows: Sequence[Any]) -> list[_Listed]:
    """The page's rows with their attachments (one statement for all of them)."""
    files: dict[int, list[_File]] = defaultdict(list)
    if rows:
        for notice_id, *values in db.execute(_files_statement(), {"ids": [r.id for r in rows]}):
            files[notice_id].append(_File(*values))
    return [
        _Listed(r.id, r.title, r.category, r.publisher, r.publish_at, r.updated_at, r.body, files.get(r.id, []))
        for r in rows
    ]


@functools.cache
def _unread_statement() -> Executable:
    read_all = select(NoticeRead.notice_id).where(NoticeRead.examinee_id == bindparam("examinee_id"))
    return select(func.count()).select_from(Notice).where(visible(bindparam("now")), Notice.id.not_in(read_all))


@functools.cache
def _read_statement() -> Executable:
    return select(NoticeRead.notice_id).where(
        NoticeRead.examinee_id == bindparam("examinee_id"), NoticeRead.notice_id.in_(bindparam("ids", expanding=True))
    )


def excerpt(body: str) -> str:
    flat = re.sub(r"\s+", " ", body).strip()
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS] + "…"


def _read_ids(db: Session, examinee_id: int | None, ids: Sequence[int]) -> set[int]:
    if examinee_id is None or not ids:
        return set()
    return set(db.scalars(_read_statement(), {"examinee_id": examinee_id, "ids": list(ids)}))


def _examinee_id(principal: Principal) -> int | None:
    return principal.subject_id if principal.subject_type == "examinee" else None


def _summary(notice: _Shown, read: bool) -> NoticeSummaryPublic:
    return NoticeSummaryPublic(
        id=notice.id,
        title=notice.title,
        category=notice.category.value,
        publisher=notice.publisher,
        publish_at=notice.publish_at,
        read=read,
        attachment_count=len(notice.attachments),
        excerpt=excerpt(notice.body),
    )


def _attachments(notice: _Shown) -> list[NoticeAttachmentPublic]:
    return [
        NoticeAttachmentPublic(id=a.id, file_name=a.file_name, content_type=a.content_type, size=a.size)
        for a in notice.attachments
    ]


# --- what examinees see -------------------------------------------------------------------------------


def list_notices(
    db: Session,
    ctx: AppContext,
    principal: Principal,
    *,
    category: NoticeCategory | None,
    query: str | None,
    unread_only: bool,
    limit: int,
    offset: int,
    with_bodies: bool = False,
) -> NoticeListPublic:
    """One page of the visible notices; ``with_bodies``: each one's text and attachments too
    (notices are short: a page of them with their bodies is one small answer)."""
    now = ctx.clock.now()
    examinee_id = _examinee_id(principal)
    terms = search_terms(query)
    unread_only = unread_only and examinee_id is not None
    count, page = _page_statements(category is not None, len(terms), unread_only)
    values: dict[str, Any] = {
        "now": now,
        "category": category,
        "examinee_id": examinee_id,
        "limit": min(limit, ctx.settings.notice_page_size_max),
        "offset": offset,
    } | {f"term{i}": _like_pattern(term) for i, term in enumerate(terms)}
    total = db.scalar(count, values) or 0
    rows = _listed(db, db.execute(page, values).all())
    read_ids = _read_ids(db, examinee_id, [n.id for n in rows])
    unread = 0
    if examinee_id is not None:
        unread = db.scalar(_unread_statement(), {"now": now, "examinee_id": examinee_id}) or 0
    db.commit()
    return NoticeListPublic(
        server_time=now,
        total=total,
        unread=unread,
        categories=CATEGORIES,
        items=[_summary(n, n.id in read_ids) for n in rows],
        bodies=[_body(n) for n in rows] if with_bodies else [],
    )


def _body(notice: _Shown) -> NoticeBodyPublic:
    return NoticeBodyPublic(
        id=notice.id, body=notice.body, updated_at=notice.updated_at, attachments=_attachments(notice)
    )


def _visible_notice(db: Session, ctx: AppContext, notice_id: int) -> Notice:
    notice = db.get(Notice, notice_id, options=[selectinload(Notice.attachments)])
    now = ctx.clock.now()
    if notice is None or notice.publish_at > now:
        raise NotFound("该通知不存在或尚未发布", code="notice_not_found")
    if notice.withdrawn_at is not None:
        raise NotFound("该通知已被撤回，内容不再提供", code="notice_withdrawn")
    return notice


def get_notice(db: Session, ctx: AppContext, principal: Principal, notice_id: int) -> NoticePublic:
    notice = _visible_notice(db, ctx, notice_id)
    read = bool(_read_ids(db, _examinee_id(principal), [notice.id]))
    result = _detail(notice, read)
    db.commit()
    return result


def _detail(notice: Notice, read: bool) -> NoticePublic:
    return NoticePublic(
        **_summary(notice, read).model_dump(),
        body=notice.body,
        updated_at=notice.updated_at,
        attachments=_attachments(notice),
    )


def mark_read(db: Session, ctx: AppContext, principal: Principal, notice_id: int) -> NoticeSummaryPublic:
    """Mark a notice read for the calling examinee (idempotent; staff reading leaves no mark)."""
    notice = _visible_notice(db, ctx, notice_id)
    examinee_id = _examinee_id(principal)
    if examinee_id is not None and db.get(NoticeRead, (examinee_id, notice.id)) is None:
        db.add(NoticeRead(examinee_id=examinee_id, notice_id=notice.id, read_at=ctx.clock.now()))
    result = _summary(notice, examinee_id is not None)
    db.commit()
    return result


def attachment(db: Session, ctx: AppContext, notice_id: int, attachment_id: int) -> NoticeAttachment:
    notice = _visible_notice(db, ctx, notice_id)
    found = next((a for a in notice.attachments if a.id == attachment_id), None)
    db.commit()
    if found is None:
        raise NotFound("该附件不存在", code="attachment_not_found")
    return found


def previous_login(db: Session, principal: Principal) -> datetime | None:
    """When the caller's previous session (not the current one) began."""
    return db.scalar(
        select(func.max(AuthSession.created_at)).where(
            AuthSession.subject_type == principal.subject_type,
            AuthSession.subject_id == principal.subject_id,
            AuthSession.token_hash != principal.token_hash,
        )
    )


def new_since_last_login(db: Session, ctx: AppContext, principal: Principal) -> NewNoticesPublic:
    """Unread notices published since the previous login (first login: the last few days)."""
    now = ctx.clock.now()
    since = previous_login(db, principal)
    start = since or now - timedelta(days=ctx.settings.notice_new_days_first_login)
    examinee_id = _examinee_id(principal)
    where = [visible(now), Notice.publish_at > start]
    if examinee_id is not None:
        where.append(Notice.id.not_in(select(NoticeRead.notice_id).where(NoticeRead.examinee_id == examinee_id)))
    rows = list(
        db.scalars(
            select(Notice)
            .where(*where)
            .options(selectinload(Notice.attachments))
            .order_by(Notice.publish_at.desc(), Notice.id.desc())
        )
    )
    db.commit()
    return NewNoticesPublic(since=since, count=len(rows), items=[_summary(n, False) for n in rows])


# --- the administrator ------------------------------------------------------------------------------------


def state_of(notice: Notice, now: datetime) -> str:
    if notice.withdrawn_at is not None:
        return Msg("已撤回")
    return Msg("待发布") if notice.publish_at > now else Msg("已发布")


def admin_public(notice: Notice, now: datetime) -> NoticeAdminPublic:
    return NoticeAdminPublic(
        **_detail(notice, False).model_dump(),
        state=state_of(notice, now),
        created_by=notice.created_by,
        withdrawn_at=notice.withdrawn_at,
        withdrawn_reason=notice.withdrawn_reason,
    )


def _staff_audit(
    db: Session, ctx: AppContext, staff: StaffUser, action: str, details: dict[str, Any], result: str = "ok"
) -> None:
    audit(db, ctx, actor=actor_of(staff), action=action, result=result, details=details)


def admin_list(db: Session, ctx: AppContext) -> list[NoticeAdminPublic]:
    now = ctx.clock.now()
    rows = db.scalars(
        select(Notice).options(selectinload(Notice.attachments)).order_by(Notice.publish_at.desc(), Notice.id.desc())
    )
    result = [admin_public(n, now) for n in rows]
    db.commit()
    return result


def _admin_notice(db: Session, notice_id: int) -> Notice:
    notice = db.get(Notice, notice_id, options=[selectinload(Notice.attachments)])
    if notice is None:
        raise NotFound("该通知不存在", code="notice_not_found")
    return notice


def create(db: Session, ctx: AppContext, staff: StaffUser, body: NoticeCreate) -> NoticeAdminPublic:
    now = ctx.clock.now()
    notice = Notice(
        title=body.title.strip(),
        body=body.body,
        category=body.category,
        publisher=body.publisher.strip(),
        publish_at=body.publish_at or now,
        created_at=now,
        updated_at=now,
        created_by=staff.username,
    )
    db.add(notice)
    db.flush()
    _staff_audit(
        db,
        ctx,
        staff,
        "notice_publish",
        {"notice_id": notice.id, "title": notice.title, "publish_at": notice.publish_at.isoformat()},
    )
    db.commit()
    return admin_public(notice, now)


def update(db: Session, ctx: AppContext, staff: StaffUser, notice_id: int, body: NoticeUpdate) -> NoticeAdminPublic:
    now = ctx.clock.now()
    notice = _admin_notice(db, notice_id)
    if notice.withdrawn_at is not None:
        raise Conflict("该通知已撤回，不能再修改；如需更正请发布新通知", code="notice_withdrawn")
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    if not changes:  # an empty edit changes nothing: the notice as it is (PATCH semantics)
        return admin_public(notice, now)
    for name, value in changes.items():
        setattr(notice, name, value.strip() if name in ("title", "publisher") else value)
    notice.updated_at = now
    _staff_audit(db, ctx, staff, "notice_edit", {"notice_id": notice.id, "fields": sorted(changes)})
    db.commit()
    return admin_public(notice, now)


def withdraw(db: Session, ctx: AppContext, staff: StaffUser, notice_id: int, reason: str) -> NoticeAdminPublic:
    now = ctx.clock.now()
    notice = _admin_notice(db, notice_id)
    if notice.withdrawn_at is not None:
        raise Conflict("该通知已经撤回", code="notice_withdrawn")
    notice.withdrawn_at = now
    notice.withdrawn_reason = reason.strip()
    notice.updated_at = now
    _staff_audit(db, ctx, staff, "notice_withdraw", {"notice_id": notice.id, "reason": notice.withdrawn_reason})
    db.commit()
    return admin_public(notice, now)


def safe_file_name(name: str | None, content_type: str) -> str:
    """What the attachment is called for people: no path, no control characters, the extension of
    its real type."""
    ext = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}[content_type]
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return (stem[:80] or "附件") + ext


def add_attachment(
    db: Session, ctx: AppContext, staff: StaffUser, notice_id: int, data: bytes, file_name: str | None
) -> NoticeAdminPublic:
    now = ctx.clock.now()
    notice = _admin_notice(db, notice_id)
    if notice.withdrawn_at is not None:
        raise Conflict("该通知已撤回，不能再添加附件", code="notice_withdrawn")
    if len(notice.attachments) >= ctx.settings.notice_attachments_max:
        raise Conflict(
            Msg(
                "每条通知最多{notice_attachments_max}个附件", notice_attachments_max=ctx.settings.notice_attachments_max
            ),
            code="too_many_attachments",
        )
    try:
        stored = check_document(data, ctx.settings)
    except UploadError as exc:
        details = {"notice_id": notice.id, "reason": exc.reason}
        _staff_audit(db, ctx, staff, "notice_attachment", details, result="refused")
        db.commit()
        status = 413 if exc.reason == "too_large" else 422
        raise Unprocessable(exc.message, code=f"upload_{exc.reason}", status_code=status) from None
    shown = safe_file_name(file_name, stored.content_type)
    notice.attachments.append(
        NoticeAttachment(
            file_name=shown,
            stored_name=stored.name,
            content_type=stored.content_type,
            size=len(stored.data),
            data=stored.data,
            created_at=now,
        )
    )
    notice.updated_at = now
    db.flush()
    _staff_audit(
        db, ctx, staff, "notice_attachment", {"notice_id": notice.id, "file_name": shown, "size": len(stored.data)}
    )
    db.commit()
    return admin_public(notice, now)
