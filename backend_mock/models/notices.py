"""通知公告: notices with categories, publish times, withdrawal, attachments and read marks."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base, enum_column


class NoticeCategory(StrEnum):
    EXAM = "考试公告"
    REGISTRATION = "报考通知"
    POLICY = "政策文件"
    SCORES = "成绩通知"
    GRADUATION = "毕业办理"


class Notice(Base):
    """A notice is visible to examinees from ``publish_at`` (server clock) until it is withdrawn."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_publish_at", "publish_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[NoticeCategory] = mapped_column(enum_column(NoticeCategory))
    publisher: Mapped[str] = mapped_column(String(40))  # 湖南省教育考试院 / 长沙市自考办 ...
    publish_at: Mapped[datetime]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(40))  # staff username
    withdrawn_at: Mapped[datetime | None]
    withdrawn_reason: Mapped[str | None] = mapped_column(String(200))
    attachments: Mapped[list[NoticeAttachment]] = relationship(
        back_populates="notice", order_by="NoticeAttachment.id", cascade="all, delete-orphan"
    )


class NoticeAttachment(Base):
    """A file of a notice: kept under a generated name; ``file_name`` is only what people see."""

    __tablename__ = "notice_attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(100))
    stored_name: Mapped[str] = mapped_column(String(60), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read on download, not with the list
    created_at: Mapped[datetime]
    notice: Mapped[Notice] = relationship(back_populates="attachments")


class NoticeRead(Base):
    """An examinee opened a notice (per examinee, once)."""

    __tablename__ = "notice_reads"
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id"), primary_key=True)
    read_at: Mapped[datetime]
