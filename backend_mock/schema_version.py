"""Which table layout a database was made with, so a database of another version is caught at start.

The mock backend creates its tables itself and has no migrations.  A database made by an older
version (a tester's demo file from last month) would otherwise start fine and fail at the first
query that touches a new column, with a server error.  So the layout is fingerprinted (tables,
columns, types, keys, indexes) and the fingerprint stored in the database when it is created;
at start a different or missing fingerprint is refused with a clear message, or, when the caller
asks for it (the embedded demo backend, ``--reset``), the old tables are dropped and rebuilt.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Column, Connection, Engine, MetaData, String, Table, inspect, select

from backend_mock.models import Base

#: kept apart from ``Base.metadata``: not part of the layout it describes, never emptied by a reseed
_meta = MetaData()
schema_info = Table(
    "schema_info",
    _meta,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)


class OldSchema(Exception):
    """The database was made by another version of the backend (its tables differ)."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        super().__init__(
            f"数据库 {_safe(db_url)} 是由其他版本的模拟后端建立的，表结构与当前版本不同，不能直接使用。"
            "请用 --reset 删除其中的数据并重新生成演示数据，或用 --db 指定另一个数据库。"
        )


def _safe(db_url: str) -> str:
    """The URL without a password."""
    from sqlalchemy import make_url

    return make_url(db_url).render_as_string(hide_password=True)


def fingerprint() -> str:
    """A digest of the table layout of ``Base.metadata`` (dialect-neutral)."""
    parts: list[str] = []
    for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
        parts.append(f"table {table.name}")
        for col in table.columns:
            fks = ",".join(sorted(fk.target_fullname for fk in col.foreign_keys))
            parts.append(f"  {col.name} {col.type!r} null={col.nullable} pk={col.primary_key} fk={fks}")
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            parts.append(f"  index {index.name} {[c.name for c in index.columns]} unique={index.unique}")
        for constraint in sorted(table.constraints, key=lambda c: str(c.name)):
            columns = sorted(c.name for c in getattr(constraint, "columns", ()))
            parts.append(f"  constraint {type(constraint).__name__} {columns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def our_tables(engine: Engine) -> set[str]:
    """The tables of ours (or of an older version of ours) already in the database."""
    existing = set(inspect(engine).get_table_names())
    return existing & (set(Base.metadata.tables) | {schema_info.name})


def stored_fingerprint(conn: Connection) -> str | None:
    if not inspect(conn).has_table(schema_info.name):
        return None
    return conn.scalar(select(schema_info.c.value).where(schema_info.c.key == "fingerprint"))


def check(engine: Engine, db_url: str, *, rebuild: bool) -> bool:
    """Is the database's layout the current one?  ``False``: empty, the caller creates the tables.

    An existing database with another layout raises ``OldSchema``, or with ``rebuild`` has every
    table dropped (then ``False``), so the caller creates and seeds it anew.
    """
    if not our_tables(engine):
        return False
    with engine.connect() as conn:
        if stored_fingerprint(conn) == fingerprint():
            return True
    if not rebuild:
        raise OldSchema(db_url)
    old = MetaData()
    old.reflect(engine, only=sorted(our_tables(engine)))  # nothing else that shares the database
    old.drop_all(engine)
    return False


def record(engine: Engine) -> None:
    """Store the current fingerprint (after the tables were created)."""
    _meta.create_all(engine)
    with engine.begin() as conn:
        current = fingerprint()
        if stored_fingerprint(conn) == current:
            return  # already recorded (every start after the first): no write
        conn.execute(schema_info.delete())
        conn.execute(schema_info.insert().values(key="fingerprint", value=current))
