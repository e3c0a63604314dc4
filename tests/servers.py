"""Real mock backends for tests: uvicorn on a free loopback port over a copy of a seeded database.

The seeded database is built once per test process and copied for every server, so each test
gets its own server, clock and data without paying for the seed again.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.app import create_app
from backend_mock.clock import Clock
from backend_mock.db import make_engine
from backend_mock.models import Examinee, RecordStatus
from backend_mock.server import ServerThread
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient
from desktop.api.types import LoginSession

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


def start_server(db_file: Path, settings: Settings) -> LiveServer:
    """A server on ``db_file`` (seeded first when it does not exist yet)."""
    if not db_file.exists():
        seeded_copy(db_file)
    clock = Clock()
    app = create_app(f"sqlite:///{db_file}", settings, clock=clock, seed_size=None)
    thread = ServerThread(app).start()
    return LiveServer(url=thread.url, clock=clock, settings=settings, db_path=db_file, thread=thread)


def login(client: ApiClient, account: str, password: str = "Hunan2026", kind: str = "examinee") -> LoginSession:
    """Log ``client`` in, reading the captcha answer through the tester controls."""
    cap = client.auth.captcha()
    answer = client.mock.captcha_answer(cap.captcha_id)
    return client.auth.login(account, password, cap.captcha_id, answer, kind=kind)
