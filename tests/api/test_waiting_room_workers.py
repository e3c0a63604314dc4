"""The waiting room on a server of two worker processes (``--workers 2``; SQLite, and PostgreSQL
in the PostgreSQL pass): examinees arriving at once through both workers get one capacity and one
arrival order, shared through the database."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import make_url

from backend_mock.clock import Clock
from backend_mock.settings import Settings
from tests.fixtures.accounts import Person, add_examinees
from tests.fixtures.servers import LiveServer, database_url, postgres_url

ROOT = Path(__file__).resolve().parents[2]
CAPACITY = 5
ARRIVALS = 20


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[LiveServer]:
    db = f"sqlite:///{tmp_path / 'workers.db'}"
    if postgres_url() is not None:
        db = make_url(database_url(tmp_path / "workers.db")).render_as_string(hide_password=False)
    cmd = [sys.executable, "-m", "backend_mock", "--workers", "2", "--port", "0", "--mode", "test", "--db", db]
    cmd += ["--seed", "0"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path)
    assert proc.stdout is not None
    lines: list[str] = []
    url = None
    for line in proc.stdout:
        lines.append(line)
        if match := re.search(r"\(test, 2 workers\) listening on (http://\S+)", line):
            url = match.group(1)
            break
    drain = threading.Thread(target=proc.stdout.read, daemon=True)
    drain.start()
    try:
        assert url is not None, "".join(lines)
        # a handle on the database and the clock for the helpers (the server runs in the subprocess)
        yield LiveServer(url, Clock(), Settings(), tmp_path, None, db)  # type: ignore[arg-type]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        drain.join(10)
        proc.stdout.close()


def fresh(method: str, url: str, token: str | None = None, **kwargs: Any) -> requests.Response:
    """A request on a new connection (so the kernel may hand it to either worker)."""
    headers = {"Connection": "close", **kwargs.pop("headers", {})}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    for _ in range(300):  # the workers may still be starting
        try:
            return requests.request(method, url, headers=headers, timeout=30, **kwargs)
        except requests.ConnectionError:
            threading.Event().wait(0.1)
    raise AssertionError(f"{url} unreachable")


def test_arrivals_through_both_workers_share_one_capacity_and_one_order(two_workers: LiveServer) -> None:
    api = f"{two_workers.url}/api/v1"
    assert fresh("PUT", f"{api}/mock/waiting-room/capacity", json={"capacity": CAPACITY}).status_code == 200
    people = add_examinees(two_workers, ARRIVALS)
    answers: dict[int, requests.Response] = {}
    start = threading.Barrier(ARRIVALS)

    def arrive(person: Person) -> None:
        start.wait()
        answers[person.id] = fresh("GET", f"{api}/scores/progress", person.token)

    threads = [threading.Thread(target=arrive, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    statuses = sorted(r.status_code for r in answers.values())
    assert statuses == [200] * CAPACITY + [503] * (ARRIVALS - CAPACITY)
    tickets = {pid: r.json()["error"]["details"] for pid, r in answers.items() if r.status_code == 503}
    assert sorted(t["position"] for t in tickets.values()) == list(range(1, ARRIVALS - CAPACITY + 1))
    state = fresh("GET", f"{api}/mock/waiting-room").json()
    assert (state["active"], state["waiting"]) == (CAPACITY, ARRIVALS - CAPACITY)
    in_line = [p["examinee_id"] for p in state["places"] if p["state"] == "waiting"]
    assert in_line == sorted(tickets, key=lambda pid: tickets[pid]["position"])  # one order, the arrival order

    # three admitted leave; after the poll interval the first three in line enter, nobody else
    admitted = [p for p in people if answers[p.id].status_code == 200]
    for person in admitted[:3]:
        assert fresh("DELETE", f"{api}/waiting-room/place", person.token).status_code == 200
    fresh("PUT", f"{api}/mock/clock", json={"advance_seconds": 120})
    entered = []
    for person in people:
        if person.id in tickets:
            ticket = {"X-Queue-Ticket": tickets[person.id]["token"]}
            polled = fresh("GET", f"{api}/waiting-room/status", person.token, headers=ticket)
            assert polled.status_code == 200, polled.text
            if polled.json()["admitted"]:
                entered.append(tickets[person.id]["position"])
    assert sorted(entered) == [1, 2, 3]
