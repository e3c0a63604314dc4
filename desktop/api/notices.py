"""Client contract of 通知公告 and the personal calendar (日程): dataclasses and ``NoticesApi``
(``client.notices``).  Field names match ``backend_mock/notices/schemas.py``.

The dataclasses also travel to and from the offline copy (``to_json`` / ``from_json``), so they
hold only what a notice or a date says: never an exam number, ID number or phone number.
"""

from __future__ import annotations

import builtins
import dataclasses
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.api.convert import from_json, list_from_json
from desktop.api.endpoints import _Module
from desktop.i18n.marks import QT_TR_NOOP

CATEGORIES = (
    QT_TR_NOOP("考试公告"),
    QT_TR_NOOP("报考通知"),
    QT_TR_NOOP("政策文件"),
    QT_TR_NOOP("成绩通知"),
    QT_TR_NOOP("毕业办理"),
)


@dataclass(frozen=True)
class NoticeAttachment:
    id: int
    file_name: str
    content_type: str
    size: int


@dataclass(frozen=True)
class NoticeSummary:
    id: int
    title: str
    category: str
    publisher: str
    publish_at: datetime
    read: bool
    attachment_count: int
    excerpt: str


@dataclass(frozen=True)
class NoticeBody:
    """A notice's text and attachments (in a list answer asked for ``with_bodies``)."""

    id: int
    body: str
    updated_at: datetime
    attachments: tuple[NoticeAttachment, ...]


@dataclass(frozen=True)
class NoticeList:
    server_time: datetime
    total: int
    unread: int
    categories: tuple[str, ...]
    items: tuple[NoticeSummary, ...]
    #: the listed notices' bodies when asked for (``NoticesApi.list(with_bodies=True)``)
    bodies: tuple[NoticeBody, ...] = ()

    def notices(self) -> dict[int, Notice]:
        """The listed notices whose body came with the list, by id."""
        bodies = {b.id: b for b in self.bodies}
        return {s.id: Notice.of(s, bodies[s.id]) for s in self.items if s.id in bodies}


@dataclass(frozen=True)
class Notice(NoticeSummary):
    body: str
    updated_at: datetime
    attachments: tuple[NoticeAttachment, ...]

    @classmethod
    def of(cls, summary: NoticeSummary, body: NoticeBody) -> Notice:
        fields = {f.name: getattr(summary, f.name) for f in dataclasses.fields(NoticeSummary)}
        return cls(**fields, body=body.body, updated_at=body.updated_at, attachments=body.attachments)


@dataclass(frozen=True)
class NewNotices:
    since: datetime | None
    count: int
    items: tuple[NoticeSummary, ...]


@dataclass(frozen=True)
class AdminNotice(Notice):
    state: str  # 已发布 | 待发布 | 已撤回
    created_by: str
    withdrawn_at: datetime | None
    withdrawn_reason: str | None


@dataclass(frozen=True)
class Deadline:
    key: str
    kind: str
    title: str
    start: datetime
    end: datetime | None
    concerns: bool
    detail: str
    session_code: str | None

    def moment(self, now: datetime) -> datetime:
        """The instant this date counts down to: its start, or its end once it has started."""
        if self.end is not None and self.start <= now:
            return self.end
        return self.start

    def is_past(self, now: datetime) -> bool:
        return (self.end or self.start) <= now


@dataclass(frozen=True)
class PersonalCalendar:
    server_time: datetime
    items: tuple[Deadline, ...]


def to_json(value: Any) -> Any:
    """A dataclass (nested, with datetimes) as JSON-ready data (for the offline copy)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


class NoticesApi(_Module):
    def list(
        self,
        *,
        category: str | None = None,
        query: str | None = None,
        unread_only: bool = False,
        limit: int = 100,
        offset: int = 0,
        with_bodies: bool = False,
    ) -> NoticeList:
        """A page of notices; ``with_bodies``: with each one's body (``NoticeList.notices()``)."""
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if with_bodies:
            params["with_bodies"] = "true"
        if category:
            params["category"] = category
        if query and query.strip():
            params["q"] = query.strip()
        if unread_only:
            params["unread_only"] = "true"
        return from_json(NoticeList, self._c.request("GET", "/notices", params=params))

    def get(self, notice_id: int) -> Notice:
        return from_json(Notice, self._c.request("GET", f"/notices/{notice_id}"))

    def mark_read(self, notice_id: int) -> NoticeSummary:
        return from_json(NoticeSummary, self._c.request("POST", f"/notices/{notice_id}/read"))

    def attachment(self, notice_id: int, attachment_id: int) -> bytes:
        data: bytes = self._c.request("GET", f"/notices/{notice_id}/attachments/{attachment_id}", raw=True)
        return data

    def new_since_login(self) -> NewNotices:
        return from_json(NewNotices, self._c.request("GET", "/notices/new"))

    def calendar(self) -> PersonalCalendar:
        """The personal calendar of the logged-in examinee."""
        return from_json(PersonalCalendar, self._c.request("GET", "/calendar/personal"))

    # --- administrator (StaffRole admin) -----------------------------------------------------------
    def admin_list(self) -> builtins.list[AdminNotice]:
        return list_from_json(AdminNotice, self._c.request("GET", "/notices/admin"))

    def admin_create(
        self, title: str, body: str, category: str, *, publisher: str | None = None, publish_at: datetime | None = None
    ) -> AdminNotice:
        payload: dict[str, Any] = {"title": title, "body": body, "category": category}
        if publisher:
            payload["publisher"] = publisher
        if publish_at is not None:
            payload["publish_at"] = publish_at.isoformat()
        return from_json(AdminNotice, self._c.request("POST", "/notices/admin", json=payload))

    def admin_update(self, notice_id: int, **changes: Any) -> AdminNotice:
        payload = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in changes.items()}
        return from_json(AdminNotice, self._c.request("PATCH", f"/notices/admin/{notice_id}", json=payload))

    def admin_withdraw(self, notice_id: int, reason: str) -> AdminNotice:
        return from_json(
            AdminNotice, self._c.request("POST", f"/notices/admin/{notice_id}/withdraw", json={"reason": reason})
        )

    def admin_add_attachment(self, notice_id: int, path: Path | str, file_name: str | None = None) -> AdminNotice:
        data = Path(path).read_bytes()
        name = file_name or Path(path).name
        body = self._c.request(
            "POST",
            f"/notices/admin/{notice_id}/attachments",
            files={"file": (name, data, "application/octet-stream")},
        )
        return from_json(AdminNotice, body)
