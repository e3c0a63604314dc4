"""The embedded demo backend is a child process that answers only its parent and dies with it.

Every test here ends with no child process left (``tests.fixtures.processes.embedded_children``; the
session-wide check in ``conftest.py`` covers every other test too).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.api.errors import PermissionDenied
from desktop.shell import embedded_process
from desktop.shell.embedded import DB_FILE_NAME, EmbeddedBackend
from tests.fixtures.processes import alive, embedded_children, wait_gone
from tests.fixtures.servers import LiveServer

ROOT = Path(__file__).resolve().parents[2]
HEALTH = "/api/v1/health"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


@pytest.fixture(autouse=True)
def no_child_left() -> Iterator[None]:
    before = set(embedded_children())
    yield
    left = [pid for pid in embedded_children() if pid not in before]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"embedded backend processes left behind: {left}"


def _started(qtbot: QtBot, data_dir: Path) -> EmbeddedBackend:
    backend = EmbeddedBackend(seed_size=2)
    with qtbot.waitSignal(backend.ready, timeout=60_000):
        backend.start(data_dir)
    return backend


def test_the_backend_runs_in_its_own_process_and_answers_only_the_secret(qtbot: QtBot, tmp_path: Path) -> None:
    backend = _started(qtbot, tmp_path / "data")
    try:
        pid, url, secret = backend.pid, backend.url, backend.secret
        assert pid is not None and pid != os.getpid() and alive(pid)
        assert url is not None and url.startswith("http://127.0.0.1:") and secret
        assert (tmp_path / "data" / DB_FILE_NAME).exists()  # seeded in the data folder, as before

        # another local process, without the secret or with a wrong one: refused, in words
        stranger = requests.get(url + HEALTH, timeout=10)
        assert stranger.status_code == 403
        assert "只接受启动它的程序" in stranger.json()["error"]["message"]
        wrong = requests.get(url + HEALTH, headers={"X-Embedded-Secret": secret[:-1] + "x"}, timeout=10)
        assert wrong.status_code == 403
        assert requests.get(url + "/docs", timeout=10).status_code == 403
        with _closing(ApiClient(url, retries=0)) as without:
            with pytest.raises(PermissionDenied) as refused:
                without.system.health()
            assert "只接受启动它的程序" in refused.value.message

        # the program's own client sends it on every request
        with _closing(ApiClient(url, secret=secret)) as client:
            assert client.system.health().mode == "demo"
            assert client.system.demo_accounts()

        # the secret reaches the child through its stdin pipe: neither its command line nor its environment
        assert secret.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
        assert secret.encode() not in Path(f"/proc/{pid}/environ").read_bytes()
        assert b"--serve-embedded" in Path(f"/proc/{pid}/cmdline").read_bytes()
        # and the child carries no Qt: its memory is the server's alone
        assert "libQt6" not in Path(f"/proc/{pid}/maps").read_text()
        # only its imports ran at a lower priority: every thread that serves runs at normal priority
        niceness = [int(_stat(task)[16]) for task in Path(f"/proc/{pid}/task").iterdir()]
        assert niceness and set(niceness) == {os.getpriority(os.PRIO_PROCESS, 0)}, niceness
    finally:
        backend.stop()
    assert not backend.running
    assert wait_gone(pid, 1.0), "stop() returned before the child exited"


def _stat(task: Path) -> list[str]:
    return (task / "stat").read_text().rpartition(")")[2].split()


class _closing:
    def __init__(self, client: ApiClient) -> None:
        self.client = client

    def __enter__(self) -> ApiClient:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()


PARENT = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from desktop.shell.embedded_process import EmbeddedProcess

    child = EmbeddedProcess()
    child.configure(Path(sys.argv[1]), 2)
    url = child.wait_ready()
    print(json.dumps({"pid": child.pid, "url": url, "secret": child.secret}), flush=True)
    time.sleep(120)
    """
)


def test_the_child_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    pid: int | None = None
    with subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path / "data")], cwd=ROOT, stdout=subprocess.PIPE, text=True
    ) as parent:
        try:
            assert parent.stdout is not None
            started = json.loads(parent.stdout.readline())
            pid, url = started["pid"], started["url"]
            headers = {"X-Embedded-Secret": started["secret"]}
            assert requests.get(url + HEALTH, headers=headers, timeout=10).status_code == 200
            parent.send_signal(signal.SIGKILL)  # no clean-up of any kind in the parent
            parent.wait(10)
            assert wait_gone(pid, 5.0), "the embedded backend outlived its killed parent"
            with pytest.raises(requests.ConnectionError):
                requests.get(url + HEALTH, headers=headers, timeout=2)
        finally:
            if parent.poll() is None:
                parent.kill()
            if pid is not None and alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_program_starts_its_backend_before_qt_and_stops_it_on_exit(tmp_path: Path) -> None:
    """``python -m desktop`` end to end (the start-up probe quits once the captcha is shown)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZIKAO_STARTUP_PROBE="1")
    child: int | None = None
    with subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as program:
        try:
            assert program.stdout is not None
            # the child is there before the login window (it was started before Qt was imported)
            first = program.stdout.readline()
            assert first.startswith("probe login_shown"), first
            kids = embedded_children(program.pid)
            assert len(kids) == 1, kids
            child = kids[0]
            marks = [line.split()[1] for line in program.stdout if line.startswith("probe ")]
            assert program.wait(60) == 0
            assert "captcha_shown" in marks and "backend_failed" not in marks, marks
            assert not alive(child), "the embedded backend outlived the program's normal exit"
        finally:
            if program.poll() is None:
                program.kill()
            if child is not None and alive(child):
                os.kill(child, signal.SIGKILL)


def test_with_a_server_given_no_backend_is_started() -> None:
    assert embedded_process.wanted([])
    assert embedded_process.wanted(["--self-test", "--data-dir", "x"])
    assert not embedded_process.wanted(["--server", "https://zikao.example.cn"])
    assert not embedded_process.wanted(["--debug", "--server=https://zikao.example.cn"])
    assert not embedded_process.wanted(["--help"])


def test_a_data_folder_that_cannot_be_made_is_reported_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    backend = EmbeddedBackend(seed_size=2)
    with qtbot.waitSignal(backend.failed, timeout=60_000) as failed:
        backend.start(blocked)
    message = failed.args[0]
    assert "数据目录" in message and str(blocked) in message and "同名文件" in message
    assert "--server" in message and "Error" not in message
    assert wait_gone(backend.pid, 5.0)
    backend.stop()


def test_a_broken_database_file_is_reported_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILE_NAME).write_bytes(b"this is not an SQLite database" * 100)
    backend = EmbeddedBackend(seed_size=2)
    with qtbot.waitSignal(backend.failed, timeout=60_000) as failed:
        backend.start(data)
    assert "无法打开演示数据库" in failed.args[0] and "Error" not in failed.args[0]
    backend.stop()


def test_a_child_that_dies_while_starting_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    backend = EmbeddedBackend(seed_size=2)
    with qtbot.waitSignal(backend.failed, timeout=60_000) as failed:
        backend.start(tmp_path / "data")
        qtbot.waitUntil(lambda: backend.pid is not None, timeout=10_000)
        assert backend.pid is not None
        os.kill(backend.pid, signal.SIGKILL)  # long before it could be ready (imports take ~1 s)
    assert "意外退出" in failed.args[0]
    backend.stop()


def test_a_child_that_is_not_ready_in_time_is_stopped_and_reported(qtbot: QtBot, tmp_path: Path) -> None:
    backend = EmbeddedBackend(seed_size=2, startup_timeout=0.05)
    with qtbot.waitSignal(backend.failed, timeout=60_000) as failed:
        backend.start(tmp_path / "data")
    assert "秒内没有准备好" in failed.args[0]
    assert backend.pid is not None and wait_gone(backend.pid, 1.0)
    backend.stop()


def test_stopping_while_it_starts_leaves_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    backend = EmbeddedBackend(seed_size=2)
    outcomes: list[str] = []
    backend.ready.connect(outcomes.append)
    backend.failed.connect(outcomes.append)
    backend.start(tmp_path / "data")
    qtbot.waitUntil(lambda: backend.pid is not None, timeout=10_000)
    started = time.monotonic()
    backend.stop()
    assert time.monotonic() - started < embedded_process.STOP_TIMEOUT_S + 3
    assert backend.pid is not None and not alive(backend.pid)
    qtbot.wait(100)
    assert outcomes == []  # stopped on purpose: no message for the login window


def test_a_server_known_only_from_the_settings_stops_the_child_started_at_launch(
    qtbot: QtBot, tmp_path: Path, live_server: LiveServer
) -> None:
    from PySide6.QtCore import QSettings

    from desktop.core.settings import AppSettings
    from desktop.core.tasks import TaskRunner
    from desktop.shell.controller import AppController

    embedded_process.start_early([])  # as the entry point does: no --server on the command line
    kids = embedded_children()
    assert len(kids) == 1
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.server_url = live_server.url
    runner = TaskRunner()
    controller = AppController(settings, tmp_path, settings.server_url, runner=runner)
    try:
        controller.start()
        qtbot.waitUntil(lambda: not alive(kids[0]), timeout=10_000)  # the unused child is stopped
        dialog = controller.login_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.is_ready, timeout=10_000)
        assert controller.embedded is None and embedded_process.take_early() is None
    finally:
        embedded_process.discard_early()
        controller.shutdown()
