"""Real mock backends for tests: uvicorn on a free loopback port over a copy of a seeded database.

The seeded database is built once per test process and copied for every server, so each test
gets its own server, clock and data without paying for the seed again.

SQLite by default.  With ``ZIKAO_TEST_DB=postgresql`` (the cluster of scripts/postgres.sh) or
``ZIKAO_TEST_DB=postgresql://user@host:port/maintenance_db`` every server gets its own PostgreSQL
database instead, created from a seeded template database (``CREATE DATABASE ... TEMPLATE``) and
dropped when the server stops.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, make_url, select, text
from sqlalchemy.orm import Session, undefer
from sqlalchemy.pool import NullPool

from backend_mock.app import create_app
from backend_mock.clock import Clock
from backend_mock.db import make_engine
from backend_mock.models import Examinee, RecordStatus
from backend_mock.server import ServerThread
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient
from desktop.api.types import LoginSession

TEST_SEED_SIZE = 5
# the cluster scripts/postgres.sh starts
DEFAULT_POSTGRES_URL = "postgresql+psycopg://zikao@127.0.0.1:54329/postgres"


def postgres_url() -> str | None:
    """The maintenance database of the PostgreSQL cluster the tests run on, or None for SQLite."""
    value = os.environ.get("ZIKAO_TEST_DB", "").strip()
    if value in ("", "sqlite"):
        return None
    if value in ("postgres", "postgresql"):
        return DEFAULT_POSTGRES_URL
    url = make_url(value)
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"ZIKAO_TEST_DB must be sqlite, postgresql or a postgresql:// URL, not {value!r}")
    return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


@dataclass
class LiveServer:
    url: str
    clock: Clock
    settings: Settings
    db_path: Path
    thread: ServerThread
    db_url: str

    def client(self, **kwargs: Any) -> ApiClient:
        return ApiClient(self.url, **kwargs)

    @contextmanager
    def db(self) -> Iterator[Session]:
        """Look into the server's database (to pick test subjects and check what was stored)."""
        engine = make_engine(self.db_url)
        try:
            with Session(engine) as session:
                yield session
        finally:
            engine.dispose()

    def examinee(self, *where: Any) -> Examinee:
        """The first active examinee matching ``where`` (and not locked)."""
        with self.db() as db:
            stmt = (
                select(Examinee)
                .where(Examinee.locked_until.is_(None), Examinee.record_status == RecordStatus.ACTIVE, *where)
                .order_by(Examinee.id)
                .options(undefer(Examinee.photo))  # deferred in the model; the caller gets it detached
            )
            found = db.scalars(stmt).first()
            assert found is not None, "the seed has no examinee for this test"
            db.expunge(found)
            return found


_template: Path | None = None


def seeded_copy(dest: Path) -> Path:
    """Copy the seeded template database (made on first use) to ``dest``."""
    global _template
    if _template is None:
        path = Path(tempfile.mkdtemp(prefix="zikao-seed-")) / "seeded.db"
        app = create_app(f"sqlite:///{path}", Settings(mode=Mode.TEST), seed_size=TEST_SEED_SIZE)
        app.state.engine.dispose()
        _template = path
    shutil.copy(_template, dest)
    return dest


class _Postgres:
    """Databases of one test process on a PostgreSQL cluster: a seeded template, one copy per server."""

    def __init__(self, maintenance_url: str) -> None:
        self.url = make_url(maintenance_url)
        self.admin: Engine = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.prefix = f"zikao_{os.getpid()}"
        self.template: str | None = None
        atexit.register(self.close)

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def database_for(self, db_file: Path) -> str:
        """The URL of ``db_file``'s database (a copy of the seeded template, made on first use)."""
        name = f"{self.prefix}_{hashlib.sha1(str(db_file).encode()).hexdigest()[:16]}"
        if self.template is None:
            template = f"{self.prefix}_template"
            self._execute(f'DROP DATABASE IF EXISTS "{template}"')
            self._execute(f'CREATE DATABASE "{template}"')
            app = create_app(self.url_of(template), Settings(mode=Mode.TEST), seed_size=TEST_SEED_SIZE)
            app.state.engine.dispose()
            self.template = template
        with self.admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self.url_of(name)

    def drop(self, db_url: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{make_url(db_url).database}" WITH (FORCE)')

    def close(self) -> None:
        with self.admin.connect() as conn:
            names = conn.scalars(
                text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": f"{self.prefix}_%"}
            )
            for name in list(names):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


_postgres: _Postgres | None = None


def database_url(db_file: Path) -> str:
    """The database of a test server named by ``db_file``: that SQLite file, or its PostgreSQL copy."""
    global _postgres
    maintenance = postgres_url()
    if maintenance is None:
        if not db_file.exists():
            seeded_copy(db_file)
        return f"sqlite:///{db_file}"
    if _postgres is None:
        _postgres = _Postgres(maintenance)
    return _postgres.database_for(db_file)


class _PostgresServerThread(ServerThread):
    """Drops the server's database once the server has stopped."""

    db_url = ""

    def stop(self, timeout: float = 10.0) -> None:
        super().stop(timeout)
        if _postgres is not None and self.db_url:
            _postgres.drop(self.db_url)
            self.db_url = ""


def start_server(db_file: Path, settings: Settings) -> LiveServer:
    """A server on ``db_file`` (seeded first when it does not exist yet; see ``database_url``)."""
    db_url = database_url(db_file)
    clock = Clock()
    app = create_app(db_url, settings, clock=clock, seed_size=None)
    if db_url.startswith("sqlite"):
        thread = ServerThread(app).start()
    else:
        thread = _PostgresServerThread(app)
        thread.db_url = db_url
        thread.start()
    return LiveServer(url=thread.url, clock=clock, settings=settings, db_path=db_file, thread=thread, db_url=db_url)


def login(client: ApiClient, account: str, password: str = "Hunan2026", kind: str = "examinee") -> LoginSession:
    """Log ``client`` in, reading the captcha answer through the tester controls."""
    cap = client.auth.captcha()
    answer = client.mock.captcha_answer(cap.captcha_id)
    return client.auth.login(account, password, cap.captcha_id, answer, kind=kind)
