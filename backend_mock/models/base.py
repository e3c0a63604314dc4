"""Declarative base and the column types shared by every table."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import DateTime, MetaData
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from backend_mock.clock import CHINA_TZ

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ChinaDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware (China time) datetimes out, on every database.

    SQLite keeps no zone, so values are stored as naive China time and the zone is put back on
    load.  Naive values given to the column are taken as China time.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(CHINA_TZ)
        return value.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=CHINA_TZ)
        return value.astimezone(CHINA_TZ)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: ChinaDateTime()}


def enum_column(enum_cls: type[StrEnum]) -> SAEnum:
    """Store a ``StrEnum`` by its value (readable in the database), as a checked string."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        length=max(len(m.value) for m in enum_cls) + 4,
        values_callable=lambda e: [m.value for m in e],
    )
