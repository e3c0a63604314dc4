"""The stored files (an examinee's photo, a notice's attachments) are read only by the requests
that send them: every other request, authentication included, leaves those columns alone (they
are deferred, backend_mock/models), and what the answers say about them stays true.

Statements are caught on every SQLAlchemy engine of this process (the in-process server's
included) while the project's own client calls the server over HTTP.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event, update

from backend_mock.models import Examinee
from backend_mock.seed.demo import DEMO_EXAMINEES
from desktop.api import ApiClient
from tests.fixtures.accounts import login
from tests.fixtures.servers import LiveServer

DEMO = {d.key: d for d in DEMO_EXAMINEES}
# a SELECT that reads a stored file: the column in the select list, not a test of it for NULL
_READS_PHOTO = re.compile(r"examinees\.photo(?!_name)(?!\s+IS\s)", re.IGNORECASE)
_READS_ATTACHMENT = re.compile(r"notice_attachments\.data\b", re.IGNORECASE)
READS = ("/me", "/registration/overview", "/registration/page", "/exams/timetable", "/scores", "/auth/session")


class Statements:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        with self.lock:
            self.seen.append(statement)

    def take(self) -> list[str]:
        with self.lock:
            taken, self.seen = self.seen, []
        return taken


@pytest.fixture
def statements() -> Iterator[Statements]:
    caught = Statements()
    event.listen(Engine, "before_cursor_execute", caught)
    yield caught
    event.remove(Engine, "before_cursor_execute", caught)


def _selects(taken: list[str]) -> list[str]:
    return [s for s in taken if s.lstrip().upper().startswith("SELECT")]


def test_reads_do_not_load_the_photo_and_the_profile_still_knows_it(
    live_server: LiveServer, client: ApiClient, statements: Statements
) -> None:
    login(client, DEMO_EXAMINEES[0].exam_no)
    assert client.me.profile().has_photo
    statements.take()
    for path in READS:
        client.request("GET", path)
        loaded = [s for s in _selects(statements.take()) if _READS_PHOTO.search(s)]
        assert not loaded, f"GET {path} read the photo: {loaded}"
    photo = client.me.photo()  # the one request that sends it reads it
    assert photo.startswith(b"\xff\xd8") and any(_READS_PHOTO.search(s) for s in _selects(statements.take()))


def test_an_examinee_without_a_photo_is_told_so(live_server: LiveServer, client: ApiClient) -> None:
    login(client, DEMO["no_photo"].exam_no)
    assert client.me.profile().has_photo is False
    login(client, DEMO_EXAMINEES[0].exam_no)
    with live_server.db() as db:  # the photo goes away behind the server's back
        db.execute(update(Examinee).where(Examinee.exam_no == DEMO_EXAMINEES[0].exam_no).values(photo=None))
        db.commit()
    assert client.me.profile().has_photo is False


def test_the_notice_list_does_not_load_attachments_and_a_download_does(
    live_server: LiveServer, client: ApiClient, statements: Statements
) -> None:
    login(client, DEMO_EXAMINEES[0].exam_no)
    statements.take()
    listing = client.notices.list(limit=100, with_bodies=True)
    assert not [s for s in _selects(statements.take()) if _READS_ATTACHMENT.search(s)]
    with_files = [n for n in listing.notices().values() if n.attachments]
    assert with_files, "the seed has a notice with an attachment"
    notice = with_files[0]
    attachment = notice.attachments[0]
    data = client.notices.attachment(notice.id, attachment.id)
    assert len(data) == attachment.size > 0
    assert any(_READS_ATTACHMENT.search(s) for s in _selects(statements.take()))
