"""A database made by another version of the backend is recognised at start, never half-used.

The mock backend has no migrations: an old demo database would start and then fail with a server
error at the first query touching a new column.  These tests make "old" databases (a changed
fingerprint, a database from before fingerprints, an extra column) and check what each entry
point does: the app factory refuses with a clear message or rebuilds when asked, the command
line exits 2 with the message, and the embedded demo backend keeps the old file and seeds a new one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from backend_mock import cli
from backend_mock.app import create_app
from backend_mock.db import make_engine
from backend_mock.models import Examinee
from backend_mock.schema_version import OldSchema, fingerprint, schema_info
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient
from tests.fixtures.servers import seeded_copy


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _start(path: Path, **kwargs: object) -> None:
    app = create_app(_url(path), Settings(mode=Mode.TEST), seed_size=None, **kwargs)  # type: ignore[arg-type]
    app.state.engine.dispose()


def _examinees(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM examinees").fetchone()[0])


def _make_old(path: Path) -> None:
    """Pretend the database was made by another version: its stored fingerprint differs."""
    engine = make_engine(_url(path))
    with engine.begin() as conn:
        conn.execute(update(schema_info).values(value="made-by-an-older-version"))
    engine.dispose()


def test_a_new_database_records_the_layout_and_starts_again(tmp_path: Path) -> None:
    db = seeded_copy(tmp_path / "a.db")
    engine = make_engine(_url(db))
    with engine.connect() as conn:
        assert conn.scalar(select(schema_info.c.value)) == fingerprint()
    engine.dispose()
    before = _examinees(db)
    _start(db)  # same version: starts, data kept
    assert _examinees(db) == before > 0


def test_another_version_is_refused_with_a_clear_message_and_nothing_changes(tmp_path: Path) -> None:
    db = seeded_copy(tmp_path / "a.db")
    _make_old(db)
    before = _examinees(db)
    with pytest.raises(OldSchema, match=r"其他版本.*--reset"):
        _start(db)
    assert _examinees(db) == before  # refused before anything was touched


def test_a_database_from_before_fingerprints_is_another_version(tmp_path: Path) -> None:
    db = seeded_copy(tmp_path / "a.db")
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE schema_info")
    with pytest.raises(OldSchema):
        _start(db)


def test_a_changed_table_changes_the_fingerprint() -> None:
    from sqlalchemy import Column, Integer

    before = fingerprint()
    table = Examinee.__table__
    extra = Column("added_in_a_later_version", Integer)
    table.append_column(extra)  # type: ignore[attr-defined]
    try:
        assert fingerprint() != before
    finally:
        table._columns.remove(extra)  # type: ignore[attr-defined]
    assert fingerprint() == before


def test_rebuild_drops_the_old_tables_and_seeds_anew(tmp_path: Path) -> None:
    db = seeded_copy(tmp_path / "a.db")
    _make_old(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM examinees WHERE id > 3")
        conn.execute("CREATE TABLE other_program (x INTEGER)")  # not ours: left alone
    app = create_app(_url(db), Settings(mode=Mode.TEST), seed_size=2, rebuild_old_schema=True)
    app.state.engine.dispose()
    assert _examinees(db) > 3  # seeded anew
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM other_program").fetchone()[0] == 0
    _start(db)  # and it is current now


def test_the_command_line_exits_2_with_the_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = seeded_copy(tmp_path / "a.db")
    _make_old(db)
    assert cli.main(["--db", _url(db), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "其他版本" in err and "--reset" in err and "Traceback" not in err


def test_the_embedded_demo_backend_keeps_the_old_file_and_seeds_a_new_one(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.shell.embedded import DB_FILE_NAME, EmbeddedBackend

    data = tmp_path / "data"
    data.mkdir()
    old = seeded_copy(data / DB_FILE_NAME)
    _make_old(old)
    backend = EmbeddedBackend(seed_size=2)
    with qtbot.waitSignal(backend.ready, timeout=60_000) as ready:
        backend.start(data)
    try:
        kept = [p for p in data.glob(f"{DB_FILE_NAME}.old-*") if not p.name.endswith(("-wal", "-shm"))]
        assert kept, list(data.iterdir())
        client = ApiClient(ready.args[0], secret=backend.secret)
        assert client.system.demo_accounts()  # the new database works
        client.close()
    finally:
        backend.stop()


def _statements_of_a_start(path: Path) -> list[str]:
    """The SQL the app factory sends to ``path`` while it starts (every engine's)."""
    from sqlalchemy import Engine, event

    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        _start(path)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    return sent


def test_a_current_database_gets_no_schema_work_at_start(tmp_path: Path) -> None:
    new = _statements_of_a_start(tmp_path / "new.db")
    assert any(s.lstrip().upper().startswith("CREATE TABLE") for s in new)  # the first start makes them
    current = _statements_of_a_start(seeded_copy(tmp_path / "a.db"))
    # neither the tables' creation nor create_all's look at each table, nor a rewrite of the layout row
    assert not [s for s in current if "examinees" in s or s.lstrip().upper().startswith(("CREATE", "INSERT", "DELETE"))]
    assert len(current) < len(new) // 10


def test_check_says_whether_the_layout_is_current(tmp_path: Path) -> None:
    from backend_mock.schema_version import check

    empty = make_engine(_url(tmp_path / "empty.db"))
    assert check(empty, _url(tmp_path / "empty.db"), rebuild=False) is False  # the caller creates the tables
    empty.dispose()
    db = seeded_copy(tmp_path / "a.db")
    engine = make_engine(_url(db))
    assert check(engine, _url(db), rebuild=False) is True
    engine.dispose()
    _make_old(db)
    engine = make_engine(_url(db))
    assert check(engine, _url(db), rebuild=True) is False  # dropped: the caller creates and seeds anew
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'examinees'").fetchone()[0] == 0
    engine.dispose()
