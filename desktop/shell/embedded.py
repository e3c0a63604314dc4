"""The embedded demo server: the mock backend on a loopback port, started in the background.

This is the only module of ``desktop`` that imports ``backend_mock`` (an import-linter contract
keeps it so), and it does so only inside the worker thread: importing FastAPI, uvicorn and
SQLAlchemy costs about 0.7 s, which must not delay the login window.

``start()`` returns at once; ``ready(url)`` or ``failed(message)`` follows.  The signals are
emitted from a plain Python thread; because this ``QObject`` lives on the GUI thread, Qt delivers
them queued, so the slots run on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

DB_FILE_NAME = "zikao-mock.db"
DEMO_SEED_SIZE = 50


class EmbeddedBackend(QObject):
    ready = Signal(str)  # base URL, e.g. http://127.0.0.1:53124
    failed = Signal(str)  # a message for people

    def __init__(
        self, parent: QObject | None = None, *, seed_size: int = DEMO_SEED_SIZE, host: str = "127.0.0.1"
    ) -> None:
        super().__init__(parent)
        self.seed_size = seed_size
        self.host = host
        self._lock = threading.Lock()
        self._server: Any = None  # backend_mock.server.ServerThread, typed loosely to keep the import lazy
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.url: str | None = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self, data_dir: Path) -> None:
        """Start the server on a worker thread (database in ``data_dir``, seeded on first run)."""
        if self._thread is not None:
            raise RuntimeError("the embedded backend was started already")
        self._thread = threading.Thread(
            target=self._run, args=(Path(data_dir),), name="embedded-backend-start", daemon=True
        )
        self._thread.start()

    def _run(self, data_dir: Path) -> None:
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            from backend_mock.app import create_app
            from backend_mock.schema_version import OldSchema
            from backend_mock.server import ServerThread
            from backend_mock.settings import Mode, Settings

            db_file = data_dir / DB_FILE_NAME
            try:
                app = create_app(f"sqlite:///{db_file}", Settings(mode=Mode.DEMO), seed_size=self.seed_size)
            except OldSchema:
                # demo data of an older version of the program: kept beside, and a new one is seeded
                kept = set_aside(db_file)
                log.warning("the demo database was made by another version: kept as %s; seeding a new one", kept)
                app = create_app(f"sqlite:///{db_file}", Settings(mode=Mode.DEMO), seed_size=self.seed_size)
            server = ServerThread(app, self.host, 0).start()
        except Exception as exc:
            log.exception("embedded backend failed to start")
            self._emit(
                self.failed, f"内置演示服务未能启动（{type(exc).__name__}）。请查看日志，或用 --server 指定服务器地址。"
            )
            return
        with self._lock:
            if self._stopping:  # the program was closed while we were starting
                server.stop()
                return
            self._server = server
            self.url = server.url
        log.info("embedded backend listening on %s", server.url)
        self._emit(self.ready, server.url)

    def _emit(self, signal: Any, value: str) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # this QObject was deleted meanwhile (program closing)
            log.debug("embedded backend: nobody listens any more")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (if it runs); wait for a start in progress to finish first."""
        with self._lock:
            self._stopping = True
            server, self._server = self._server, None
        if server is not None:
            server.stop(timeout)
            log.info("embedded backend stopped")
        if self._thread is not None:
            self._thread.join(timeout)


def set_aside(db_file: Path) -> Path:
    """Rename ``db_file`` (and its WAL files) to ``<name>.old-<time>``; returns the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = db_file.with_name(f"{db_file.name}.old-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = db_file.with_name(db_file.name + suffix)
        if part.exists():
            part.rename(kept.with_name(kept.name + suffix))
    return kept
