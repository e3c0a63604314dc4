"""The embedded demo backend for the GUI: a child process on a loopback port (``embedded_process``).

``start(data_dir)`` returns at once; ``ready(url)`` or ``failed(message)`` follows.  It takes over
the child started first thing at launch (``embedded_process.start_early``) or, when there is none
(tests, ``main()`` called directly), starts one.  The client must send ``secret`` on every request
(``ApiClient(url, secret=...)``): the child refuses everybody else.

The signals are emitted from a plain Python thread; because this ``QObject`` lives on the GUI
thread, Qt delivers them queued, so the slots run on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.i18n.tr import tr
from desktop.shell import embedded_process, startup_probe
from desktop.shell.embedded_process import DB_FILE_NAME, DEMO_SEED_SIZE, HINT, EmbeddedFailed, EmbeddedProcess

__all__ = ["DB_FILE_NAME", "DEMO_SEED_SIZE", "EmbeddedBackend"]

log = logging.getLogger(__name__)


def _import_the_client() -> None:
    """Import the HTTP client and its endpoint modules (``requests``, ~0.25 s) while the child gets ready.

    The shell makes its ``ApiClient`` on the GUI thread as soon as ``ready`` arrives; imported
    here, on this waiting thread while the login window is idle, that time is off the way to the
    first captcha.  A client made and closed at once imports exactly what the shell's will (its
    constructor imports the endpoint modules); it sends nothing.  A failure is only logged: the
    shell's own client then reports it.
    """
    try:
        from desktop.api.client import ApiClient

        ApiClient(f"http://{embedded_process.HOST}").close()
    except Exception:
        log.exception("the HTTP client could not be imported")


class EmbeddedBackend(QObject):
    ready = Signal(str)  # base URL, e.g. http://127.0.0.1:53124
    failed = Signal(str)  # a message for people

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        seed_size: int = DEMO_SEED_SIZE,
        startup_timeout: float = embedded_process.STARTUP_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self.seed_size = seed_size
        self.startup_timeout = startup_timeout
        self._lock = threading.Lock()
        self._process: EmbeddedProcess | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.url: str | None = None

    @property
    def running(self) -> bool:
        process = self._process
        return self.url is not None and process is not None and process.running

    @property
    def secret(self) -> str | None:
        """What the client sends on every request (``None`` before the child was started)."""
        return self._process.secret if self._process is not None else None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self, data_dir: Path) -> None:
        """Configure the child (database in ``data_dir``, seeded on first run) and wait for it on a worker."""
        if self._thread is not None:
            raise RuntimeError("the embedded backend was started already")
        self._thread = threading.Thread(
            target=self._run, args=(Path(data_dir),), name="embedded-backend-start", daemon=True
        )
        self._thread.start()

    def _run(self, data_dir: Path) -> None:
        try:
            with self._lock:
                if self._stopping:
                    return
                process = embedded_process.take_early() or EmbeddedProcess()
                self._process = process
            log.info("embedded backend: process %s, data in %s", process.pid, data_dir)
            process.configure(data_dir, self.seed_size)
            _import_the_client()
            url = process.wait_ready(self.startup_timeout)
            startup_probe.mark("backend_listening")
        except EmbeddedFailed as exc:
            self._fail(str(exc))
            return
        except Exception:
            log.exception("embedded backend failed to start")
            self._fail(tr("内置演示服务未能启动。{HINT}").format(HINT=tr(HINT)))
            return
        with self._lock:
            if self._stopping:  # the program was closed while we were starting
                return
            self.url = url
        log.info("embedded backend listening on %s", url)
        self._emit(self.ready, url)

    def _fail(self, message: str) -> None:
        if self._stopping:
            return  # stopped on purpose: nobody waits for the outcome
        log.warning("embedded backend not started: %s", message)
        self._emit(self.failed, message)

    def _emit(self, signal: Any, value: str) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # this QObject was deleted meanwhile (program closing)
            log.debug("embedded backend: nobody listens any more")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the child (if started; a start in progress ends too) and wait for it to exit."""
        with self._lock:
            self._stopping = True
            process = self._process
        if process is not None:
            process.stop(min(timeout, embedded_process.STOP_TIMEOUT_S))
            log.info("embedded backend stopped (process %s)", process.pid)
        if self._thread is not None:
            self._thread.join(timeout)
