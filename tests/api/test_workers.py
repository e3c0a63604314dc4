"""``zikao-mock-backend --workers 2``: several uvicorn worker processes serve one database; the
tester clock is kept in the database so every worker agrees on "now", and tester controls that
would hold in one process only are refused with a clear message."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import requests

from tests.fixtures.servers import postgres_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[str]:
    db = f"sqlite:///{tmp_path / 'workers.db'}"
    if postgres_url() is not None:  # the PostgreSQL pass: a database of its own on the cluster
        from sqlalchemy import make_url

        from tests.fixtures.servers import database_url

        db = make_url(database_url(tmp_path / "workers.db")).render_as_string(hide_password=False)
    cmd = [sys.executable, "-m", "backend_mock", "--workers", "2", "--port", "0", "--mode", "test", "--db", db]
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
    drain = threading.Thread(target=proc.stdout.read, daemon=True)  # keep draining the log
    drain.start()
    try:
        assert url is not None, "".join(lines)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)  # the supervisor stops its workers
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        drain.join(10)
        proc.stdout.close()


def fresh_get(url: str) -> dict[str, object]:
    """A GET on a new connection (so the kernel may hand it to either worker)."""
    for _ in range(300):  # the workers may still be starting
        try:
            response = requests.get(url, timeout=10, headers={"Connection": "close"})
            break
        except requests.ConnectionError:
            threading.Event().wait(0.1)
    result: dict[str, object] = response.json()
    return result


def test_every_worker_sees_the_tester_clock_and_process_local_controls_are_refused(two_workers: str) -> None:
    api = f"{two_workers}/api/v1"
    assert fresh_get(f"{api}/health")["clock_is_real"] is True
    moved = requests.put(f"{api}/mock/clock", json={"now": "2027-03-01T09:00:00+08:00", "frozen": True}, timeout=10)
    assert moved.status_code == 200, moved.text
    times = {fresh_get(f"{api}/health")["server_time"] for _ in range(30)}
    assert {datetime.fromisoformat(str(t)) for t in times} == {datetime.fromisoformat("2027-03-01T09:00:00+08:00")}

    refused = requests.put(f"{api}/mock/latency", json={"latency_ms": 100}, timeout=10)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "single_process_only"
    assert "--workers 1" in refused.json()["error"]["message"]

    assert requests.delete(f"{api}/mock/clock", timeout=10).status_code == 200
    assert all(fresh_get(f"{api}/health")["clock_is_real"] for _ in range(10))
