"""The administrator's update policy for counter PCs (one row, id 1; docs/updates.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from backend_mock.models.base import Base


class UpdatePolicy(Base):
    """Whether counter PCs wait for closing time (Beijing time, ``HH:MM``) before taking an update."""

    __tablename__ = "update_policy"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    defer: Mapped[bool] = mapped_column(default=False)
    closing_time: Mapped[str] = mapped_column(String(5), default="17:30")
    changed_at: Mapped[datetime | None]
