"""Shared fixtures: a real mock backend over real HTTP on a free loopback port.

Qt runs offscreen (set before anything imports Qt).  The seeded database is built once per test
session and copied for every test, so each test gets its own server, clock and data.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.app import create_app
from backend_mock.clock import Clock
from backend_mock.db import make_engine
from backend_mock.models import Examinee, RecordStatus
from backend_mock.server import ServerThread
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient

TEST_SEED_SIZE = 5


@dataclass
class LiveServer:
    url: str
    clock: Clock
    settings: Settings
    db_path: Path
    thread: ServerThread

    def client(self, **kwargs: Any) -> ApiClient:
        return ApiClient(self.url, **kwargs)

    @contextmanager
    def db(self) -> Iterator[Session]:
        """Look into the server's database (to pick test subjects and check what was stored)."""
        engine = make_engine(f"sqlite:///{self.db_path}")
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
            )
            found = db.scalars(stmt).first()
            assert found is not None, "the seed has no examinee for this test"
            db.expunge(found)
            return found


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded SQLite file made once; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    app = create_app(f"sqlite:///{path}", Settings(mode=Mode.TEST), seed_size=TEST_SEED_SIZE)
    app.state.engine.dispose()
    return path


def start_server(db_file: Path, settings: Settings) -> LiveServer:
    clock = Clock()
    app = create_app(f"sqlite:///{db_file}", settings, clock=clock, seed_size=None)
    thread = ServerThread(app).start()
    return LiveServer(url=thread.url, clock=clock, settings=settings, db_path=db_file, thread=thread)


@pytest.fixture
def server_factory(seeded_db: Path, tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []

    def make(mode: Mode = Mode.TEST, **overrides: object) -> LiveServer:
        db_file = tmp_path / f"server{len(started)}.db"
        shutil.copy(seeded_db, db_file)
        values: dict[str, Any] = {"auto_approve_enrolment": mode is not Mode.PRODUCTION, **overrides}
        settings = Settings(mode=mode, **values)
        server = start_server(db_file, settings)
        started.append(server)
        return server

    yield make
    for server in started:
        server.thread.stop()


@pytest.fixture
def live_server(server_factory: Callable[..., LiveServer]) -> LiveServer:
    return server_factory()


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[ApiClient]:
    c = live_server.client()
    yield c
    c.close()


def login(client: ApiClient, account: str, password: str = "Hunan2026", kind: str = "examinee") -> None:
    cap = client.auth.captcha()
    client.auth.login(account, password, cap.captcha_id, client.mock.captcha_answer(cap.captcha_id), kind=kind)
