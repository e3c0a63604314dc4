"""What tester controls keep in the database (so every worker process of one server sees it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from backend_mock.models.base import Base


class TesterClockState(Base):
    """The tester clock of a server running several worker processes (one row, id 1)."""

    __tablename__ = "tester_clock"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    offset_seconds: Mapped[float] = mapped_column(default=0.0)
    frozen_at: Mapped[datetime | None]
