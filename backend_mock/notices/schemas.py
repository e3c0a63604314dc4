"""Bodies of 通知公告 and the personal calendar (``XCreate``/``XUpdate`` in, ``XPublic`` out).

The field names are the contract of ``desktop/api/notices.py``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from backend_mock.inputs import Lax, MultiLineText, OneLineText, RequestModel
from backend_mock.models import NoticeCategory
from backend_mock.schemas import DateTimeIn


class NoticeAttachmentPublic(BaseModel):
    id: int
    file_name: str
    content_type: str
    size: int


class NoticeSummaryPublic(BaseModel):
    id: int
    title: str
    category: str
    publisher: str
    publish_at: datetime
    read: bool
    attachment_count: int
    # a short start of the body (list tooltips, the "new notices" banner)
    excerpt: str


class NoticeBodyPublic(BaseModel):
    """What a notice says beyond its summary (its text and attachments)."""

    id: int
    body: str
    updated_at: datetime
    attachments: list[NoticeAttachmentPublic]


class NoticeListPublic(BaseModel):
    server_time: datetime
    total: int
    unread: int
    categories: list[str]
    items: list[NoticeSummaryPublic]
    # the body of every listed item (same order) when asked for with ``with_bodies``, else empty:
    # the reader opens a notice without a request of its own, the offline copy keeps them all
    bodies: list[NoticeBodyPublic] = Field(default_factory=list)


class NoticePublic(NoticeSummaryPublic):
    body: str
    updated_at: datetime
    attachments: list[NoticeAttachmentPublic]


class NewNoticesPublic(BaseModel):
    # the previous login (None on a first login: then the last few days count as new)
    since: datetime | None
    count: int
    items: list[NoticeSummaryPublic]


class NoticeCreate(RequestModel):
    title: OneLineText = Field(min_length=2, max_length=120)
    body: MultiLineText = Field(min_length=1, max_length=20000)
    category: Annotated[NoticeCategory, Lax]
    publisher: OneLineText = Field(default="湖南省教育考试院", min_length=2, max_length=40)
    # None: now (server clock); a future time schedules the notice
    publish_at: DateTimeIn | None = None


class NoticeUpdate(RequestModel):
    model_config = ConfigDict(extra="forbid")  # a field of another name is a mistake, not "no change"

    title: OneLineText | None = Field(default=None, min_length=2, max_length=120)
    body: MultiLineText | None = Field(default=None, min_length=1, max_length=20000)
    category: Annotated[NoticeCategory, Lax] | None = None
    publisher: OneLineText | None = Field(default=None, min_length=2, max_length=40)
    publish_at: DateTimeIn | None = None


class NoticeWithdraw(RequestModel):
    reason: MultiLineText = Field(min_length=2, max_length=200)


class NoticeAdminPublic(NoticePublic):
    # 已发布 | 待发布 | 已撤回
    state: str
    created_by: str
    withdrawn_at: datetime | None
    withdrawn_reason: str | None


# --- the personal calendar -------------------------------------------------------------------------------
