"""The embedded demo backend as a child process: both ends of the pipe (docs/desktop-core.md, "The embedded backend").

The program starts a copy of itself with ``--serve-embedded`` (``python -m desktop --serve-embedded``
from source, ``zikao --serve-embedded`` packaged: ``serve_command``) first thing at launch, before Qt
is imported (``start_early``), so the backend's imports (FastAPI, uvicorn, SQLAlchemy: about a second)
run on the other core while the login window comes up.  No Qt in this module.

The conversation, one JSON line each way:

* parent → child's stdin, once the data folder is known: ``{"secret", "data_dir", "seed_size"}``.
  The secret is made per launch (``secrets.token_urlsafe``) and never put on the command line,
  which other local users can read;
* child → parent's pipe (the child's stdout), once the database is ready (seeded on first run) and
  the server listens on a free loopback port: ``{"url": ...}``, or ``{"error": <message for people>}``.

Then the child blocks reading its stdin: end of file means the parent closed it (a normal stop) or
died (killed, crashed: the system closes its end of the pipe), on every platform alike.  The child
then stops the server and exits.  Its stderr (logging, a crash's traceback) goes to the parent's log.

This is the only module of ``desktop`` that imports ``backend_mock`` (an import-linter contract
keeps it so), and only in the child (``serve``).
"""

from __future__ import annotations

import argparse
import atexit
import collections
import contextlib
import functools
import gc
import importlib
import json
import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)
child_log = logging.getLogger(f"{__name__}.child")

SERVE_OPTION = "--serve-embedded"
DB_FILE_NAME = "zikao-mock.db"
DEMO_SEED_SIZE = 50
HOST = "127.0.0.1"
#: from the configuration to a listening server; the first run seeds the database (several seconds)
STARTUP_TIMEOUT_S = 90.0
#: after its stdin is closed the child stops within this long, else it is terminated
STOP_TIMEOUT_S = 5.0
HINT = "请查看日志，或用 --server 指定服务器地址。"
#: niceness of the child's import thread (Linux; ``_Imports``)
IMPORT_NICENESS = 10
#: the child's imports in order, the largest first, each a step ``_Imports`` takes at once
IMPORT_STEPS = (
    "fastapi",
    "sqlalchemy.orm",
    "uvicorn",
    "backend_mock.models",
    "backend_mock.api.deps",
    "backend_mock.app",
    "backend_mock.server",
)


class EmbeddedFailed(Exception):
    """The embedded backend did not start; the message is for people (Chinese)."""


def serve_command() -> list[str]:
    """This program again, with the serve option: the frozen executable itself, or ``python -m desktop``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SERVE_OPTION]
    return [sys.executable, "-m", "desktop", SERVE_OPTION]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        # the child imports this very copy of the code, wherever the program was started from
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class EmbeddedProcess:
    """The parent's handle on one child: ``configure`` it, ``wait_ready`` for its URL, ``stop`` it."""

    def __init__(self, command: Sequence[str] | None = None) -> None:
        self.secret = secrets.token_urlsafe(32)
        self.url: str | None = None
        self._answer: dict[str, Any] | None = None
        self._answered = threading.Event()
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=40)
        flags = 0
        if sys.platform == "win32":
            flags = subprocess.CREATE_NO_WINDOW | subprocess.CREATE_NEW_PROCESS_GROUP
        self._popen = subprocess.Popen(
            list(command or serve_command()),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_child_env(),
            creationflags=flags,
        )
        self._configured = False
        self._closed = False
        self._lock = threading.Lock()
        self._readers = [
            threading.Thread(target=self._read_answers, name="embedded-backend-answers", daemon=True),
            threading.Thread(target=self._read_stderr, name="embedded-backend-log", daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    @property
    def pid(self) -> int:
        return self._popen.pid

    @property
    def running(self) -> bool:
        return self._popen.poll() is None

    def configure(self, data_dir: Path, seed_size: int = DEMO_SEED_SIZE) -> None:
        """Tell the child its data folder and the secret (once); it then opens the database and listens."""
        line = json.dumps({"secret": self.secret, "data_dir": str(Path(data_dir).resolve()), "seed_size": seed_size})
        with self._lock:
            if self._configured:
                raise RuntimeError("the embedded backend was configured already")
            self._configured = True
            if self._closed:  # stopped meanwhile: wait_ready reports the end
                return
            stdin = self._popen.stdin
            assert stdin is not None
            try:
                stdin.write(line.encode("utf-8") + b"\n")
                stdin.flush()
            except OSError:  # the child is gone already: wait_ready says so
                log.warning("the embedded backend exited before it was configured")

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT_S) -> str:
        """The backend's URL once it listens; ``EmbeddedFailed`` (message for people) otherwise."""
        if not self._answered.wait(timeout):
            self.stop()
            raise EmbeddedFailed(f"内置演示服务在 {timeout:.0f} 秒内没有准备好。{HINT}")
        answer = self._answer
        if answer is None:  # the pipe closed without an answer: the child ended
            code = self._popen.wait()
            self._join_readers()
            tail = "\n".join(self._stderr_tail)
            log.error("the embedded backend exited with %s before it was ready:\n%s", code, tail)
            raise EmbeddedFailed(f"内置演示服务启动时意外退出。{HINT}")
        if "error" in answer:
            self.stop()
            raise EmbeddedFailed(str(answer["error"]))
        self.url = str(answer["url"])
        return self.url

    def _read_answers(self) -> None:
        stdout = self._popen.stdout
        assert stdout is not None
        with stdout:
            for raw in stdout:
                try:
                    answer = json.loads(raw)
                except ValueError:
                    child_log.info("%s", raw.decode("utf-8", "replace").rstrip())
                    continue
                if isinstance(answer, dict) and not self._answered.is_set():
                    self._answer = answer
                    self._answered.set()
        self._answered.set()  # end of file: no (more) answer

    def _read_stderr(self) -> None:
        stderr = self._popen.stderr
        assert stderr is not None
        with stderr:
            for raw in stderr:
                line = raw.decode("utf-8", "replace").rstrip()
                self._stderr_tail.append(line)
                child_log.info("%s", line)

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Close the child's stdin (it stops its server and exits); terminate it if it does not."""
        with self._lock:
            self._closed = True  # a late configure() must not write to a closed pipe
            stdin = self._popen.stdin
            if stdin is not None and not stdin.closed:
                with contextlib.suppress(OSError):  # the child is gone already
                    stdin.close()
        try:
            self._popen.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("the embedded backend did not stop in %.0f s: terminating it", timeout)
            self._popen.terminate()
            try:
                self._popen.wait(2.0)
            except subprocess.TimeoutExpired:
                self._popen.kill()
                self._popen.wait()
        self._join_readers()

    def _join_readers(self) -> None:
        """The pipes end with the child: the readers close them (within a moment)."""
        for reader in self._readers:
            if reader is not threading.current_thread():
                reader.join(2.0)


# --- the parent: started first thing -----------------------------------------------------------------
_early: EmbeddedProcess | None = None


def wanted(argv: Sequence[str]) -> bool:
    """Does this launch use the embedded backend?  Not with ``--server URL`` (nor ``--help``)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--server")
    parser.add_argument("-h", "--help", action="store_true")
    known, _rest = parser.parse_known_args(list(argv))
    return not known.server and not known.help


def start_early(argv: Sequence[str]) -> None:
    """Start the child now (before Qt is imported) unless this launch will not use it.

    The shell takes it over (``take_early``); if it never does (a server set in the settings, an
    error before the login window), the child is stopped when the program exits.
    """
    global _early
    if _early is not None or not wanted(argv):
        return
    try:
        _early = EmbeddedProcess()
    except OSError:
        log.exception("the embedded backend could not be started early (tried again later)")
        return
    atexit.register(discard_early)


def take_early() -> EmbeddedProcess | None:
    """The child started by ``start_early`` (once), or ``None``."""
    global _early
    process, _early = _early, None
    return process


def discard_early() -> None:
    """Stop the early child if nobody took it."""
    process = take_early()
    if process is not None:
        process.stop()


# --- the child -----------------------------------------------------------------------------------------
def serve() -> int:
    """``--serve-embedded``: the child's whole life (see the module docstring); the exit code."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the parent's to handle
    stdin = _stream(sys.stdin, 0, "rb")
    answers = _stream(sys.stdout, 1, "wb")
    if sys.stderr is None:  # a windowed program on Windows: the pipe the parent gave is still there
        with contextlib.suppress(OSError):
            sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    sys.stdout = sys.stderr  # nothing printed by accident may mix into the answers
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")

    def answer(message: dict[str, str]) -> None:
        answers.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
        answers.flush()

    started = time.monotonic()
    # the heavy imports start at once, while the parent still brings up Qt and its window
    imports = _Imports()
    imports.start()
    line = stdin.readline()
    if not line:
        imports.stop()
        return 0  # the parent went away or did not need us
    imports.finish()  # the rest of them at normal priority: the login window is on screen now
    log.info("backend imported in %.2f s", time.monotonic() - started)
    from backend_mock.server import ServerThread

    config = json.loads(line)
    try:
        server = ServerThread(
            _open_database(Path(config["data_dir"]), int(config["seed_size"]), str(config["secret"])), HOST, 0
        )
    except EmbeddedFailed as exc:
        answer({"error": str(exc)})
        return 1
    except OSError:
        log.exception("no loopback port")
        answer({"error": f"内置演示服务无法在本机回环地址 {HOST} 上监听端口。{HINT}"})
        return 1
    try:
        server.start()
    except Exception:
        log.exception("the server did not start")
        answer({"error": f"内置演示服务未能开始工作。{HINT}"})
        return 1
    log.info("embedded backend listening on %s (ready %.2f s after its start)", server.url, time.monotonic() - started)
    answer({"url": server.url})
    while stdin.readline():  # blocks; end of file = the parent stopped us or died
        pass
    log.info("the program has ended: stopping")
    server.stop()  # the app's shutdown: notifier stopped, database connections closed
    logging.shutdown()
    # the interpreter's own teardown of the server's modules takes another second for nothing
    os._exit(0)


class _Imports:
    """The backend's imports (FastAPI, uvicorn, SQLAlchemy, every router), begun on a thread of lower priority.

    With a core to spare (the usual case) they run beside the GUI's start at full speed; on a busy
    machine the login window comes first.  Once the data folder arrives (the login window is
    shown) ``finish`` lets the thread end its current step and takes the remaining steps on the
    calling thread, at normal priority: a niceness cannot be raised again without privileges, and
    on a busy machine a niced thread would get a tenth of a core while the person waits.  The
    server's threads are started from the main thread later, at normal priority (thread
    priorities are per thread on Linux and Windows; elsewhere nothing changes).

    The cyclic garbage collector is off meanwhile: the imports make some 160 000 objects that
    live as long as the process and almost no garbage (about a thousand objects), yet the
    collector would walk them hundreds of times, twice in full (about a tenth of the imports'
    time, ~0.15 s).  ``finish`` moves what the imports made out of the collector's sight
    (``gc.freeze``: later collections skip it) and turns it on again.
    """

    def __init__(self, steps: Sequence[Callable[[], object]] | None = None) -> None:
        if steps is None:
            steps = [*(functools.partial(importlib.import_module, name) for name in IMPORT_STEPS), _configure_mappers]
        self._steps: collections.deque[Callable[[], object]] = collections.deque(steps)
        self._lock = threading.Lock()
        self._handed_over = threading.Event()
        self._thread = threading.Thread(target=self._run_lowered, name="embedded-backend-imports", daemon=True)

    def start(self) -> None:
        gc.disable()
        self._thread.start()

    def stop(self) -> None:
        """The thread ends after its current step (the remaining ones are left)."""
        self._handed_over.set()
        self._thread.join()

    def finish(self) -> None:
        """Every step taken (the remaining ones here); the collector on again."""
        self.stop()
        try:
            self._run()
        finally:
            gc.freeze()
            gc.enable()

    def _next(self) -> Callable[[], object] | None:
        with self._lock:
            return self._steps.popleft() if self._steps else None

    def _run(self) -> None:
        while (step := self._next()) is not None:
            step()

    def _run_lowered(self) -> None:
        with contextlib.suppress(Exception):
            if sys.platform == "win32":
                import ctypes

                below_normal = -1
                kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
                kernel32.SetThreadPriority(kernel32.GetCurrentThread(), below_normal)
            elif sys.platform.startswith("linux"):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), IMPORT_NICENESS)
        while not self._handed_over.is_set() and (step := self._next()) is not None:
            try:
                step()
            except Exception:  # left for the main thread (finish), where it fails again and is reported
                with self._lock:
                    self._steps.appendleft(step)
                return


def _configure_mappers() -> None:
    """SQLAlchemy's mapper configuration (relationships, attributes), else done at the first query."""
    from sqlalchemy.orm import configure_mappers

    configure_mappers()


def _stream(stream: Any, fd: int, mode: str) -> IO[bytes]:
    """The binary standard stream (a windowed program on Windows may have none: then the inherited handle)."""
    if stream is not None and hasattr(stream, "buffer"):
        return stream.buffer  # type: ignore[no-any-return]
    return open(fd, mode, buffering=0 if "r" in mode else -1, closefd=False)


def _open_database(data_dir: Path, seed_size: int, secret: str) -> Any:
    """The app over the demo database in ``data_dir`` (created and seeded on first run)."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.exception("data folder %s", data_dir)
        raise EmbeddedFailed(f"内置演示服务无法使用数据目录 {data_dir}：{_os_reason(exc)}。{HINT}") from exc
    from backend_mock.app import create_app
    from backend_mock.schema_version import OldSchema
    from backend_mock.settings import Mode, Settings

    db_file = data_dir / DB_FILE_NAME
    url = f"sqlite:///{db_file}"
    try:
        try:
            return create_app(url, Settings(mode=Mode.DEMO), seed_size=seed_size, secret=secret)
        except OldSchema:
            # demo data of an older version of the program: kept beside, and a new one is seeded
            kept = set_aside(db_file)
            log.warning("the demo database was made by another version: kept as %s; seeding a new one", kept)
            return create_app(url, Settings(mode=Mode.DEMO), seed_size=seed_size, secret=secret)
    except Exception as exc:
        log.exception("demo database %s", db_file)
        raise EmbeddedFailed(f"内置演示服务无法打开演示数据库 {db_file}（文件可能损坏或正被占用）。{HINT}") from exc


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "该位置已有一个同名文件"
    return "无法创建该目录"


def set_aside(db_file: Path) -> Path:
    """Rename ``db_file`` (and its WAL files) to ``<name>.old-<time>``; returns the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = db_file.with_name(f"{db_file.name}.old-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = db_file.with_name(db_file.name + suffix)
        if part.exists():
            part.rename(kept.with_name(kept.name + suffix))
    return kept
