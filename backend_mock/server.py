"""Run the app with uvicorn on a thread, on a socket we bind ourselves (port 0 → a free port).

Used by the desktop's embedded default, by the tests and by benchmarks.
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from fastapi import FastAPI


class ServerThread:
    """A uvicorn server on ``host:port`` in a daemon thread; ``start()`` returns once it listens."""

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> None:
        # with the protocol given, asyncio sets TCP_NODELAY on accepted connections; without it
        # every keep-alive response waits ~40 ms for a delayed ACK (measured: 44 ms → 1 ms)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.host, self.port = self._sock.getsockname()[:2]
        config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, name="mock-backend", daemon=True)
        self.error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._sock])
        except BaseException as exc:  # reported to the starter through .error
            self.error = exc

    def start(self, timeout: float = 30.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self.error is not None or not self._thread.is_alive():
                raise RuntimeError(f"mock backend failed to start: {self.error!r}")
            if time.monotonic() > deadline:
                raise TimeoutError("mock backend did not start in time")
            time.sleep(0.002)  # uvicorn sets a flag, no event: a short poll (the embedded start waits on it)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self._sock.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def join(self) -> None:
        while self._thread.is_alive():
            self._thread.join(0.5)
