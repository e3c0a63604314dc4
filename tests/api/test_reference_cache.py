"""Regions, majors and sites are kept ready to send, and emptied when their tables change.

A real server (in-process uvicorn over a copy of the seeded database) and the project's own
client; the writes go through the server's own session factory, as a staff edit or a reseed does
(backend_mock/reference_cache.py, docs/backend-database.md "Caches").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from backend_mock.app import create_app
from backend_mock.models import ExamSite, Major, Prefecture
from backend_mock.seed.demo import DEMO_EXAMINEES
from backend_mock.server import ServerThread
from backend_mock.settings import Mode, Settings
from desktop.api import ApiClient
from tests.fixtures.accounts import login
from tests.fixtures.servers import seeded_copy


@dataclass
class Running:
    app: FastAPI
    client: ApiClient


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    db_file = seeded_copy(tmp_path / "cache.db")
    app = create_app(f"sqlite:///{db_file}", Settings(mode=Mode.TEST), seed_size=None)
    thread = ServerThread(app).start()
    client = ApiClient(thread.url, retries=0)
    try:
        yield Running(app, client)
    finally:
        client.close()
        thread.stop()
        app.state.engine.dispose()


def _rename(app: FastAPI, model: type[Prefecture] | type[Major] | type[ExamSite], suffix: str) -> str:
    """Rename the first row of ``model`` through the server's own sessions; the new name."""
    with app.state.session_factory() as db:
        row = db.scalars(select(model).order_by(model.code).limit(1)).one()
        row.name = row.name + suffix
        db.commit()
        return row.name


def test_a_committed_edit_of_reference_data_is_sent_at_once(running: Running) -> None:
    client = running.client
    before = client.request("GET", "/ref/regions")
    assert client.request("GET", "/ref/regions") == before  # now from the cache
    majors_before = client.request("GET", "/ref/majors")

    renamed = _rename(running.app, Prefecture, "（新）")
    regions = client.request("GET", "/ref/regions")
    assert regions[0]["name"] == renamed and regions[0]["name"] != before[0]["name"]
    assert regions[1:] == before[1:]

    # a write that is rolled back changes nothing and the answer stays as committed
    with running.app.state.session_factory() as db:
        row = db.scalars(select(Major).order_by(Major.code).limit(1)).one()
        row.name = "未提交的名称"
        db.flush()
        db.rollback()
    assert client.request("GET", "/ref/majors") == majors_before
    renamed_major = _rename(running.app, Major, "（新）")
    assert renamed_major in {m["name"] for m in client.request("GET", "/ref/majors")}


def test_sites_follow_an_edit_and_a_reseed(running: Running) -> None:
    client = running.client
    login(client, DEMO_EXAMINEES[0].exam_no)
    page = client.request("GET", "/registration/page")
    sites = page["sites"] or [page["site"]]
    assert sites and all(s["seats_left"] <= s["capacity"] for s in sites)

    with running.app.state.session_factory() as db:
        site = db.get(ExamSite, sites[0]["id"])
        assert site is not None
        site.name = site.name + "（新址）"
        db.commit()
        new_name = site.name
    again = client.request("GET", "/registration/page")
    shown = again["sites"] or [again["site"]]
    assert shown[0]["name"] == new_name

    client.mock.reseed("default", seed_size=3)  # every table rewritten: the seeded names are back
    login(client, DEMO_EXAMINEES[0].exam_no)
    after = client.request("GET", "/registration/page")
    names = {s["name"] for s in (after["sites"] or [after["site"]])}
    assert new_name not in names and sites[0]["name"] in names
