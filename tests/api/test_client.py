"""The requests client: timeouts, retries honouring Retry-After, server down, TLS on by default."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from desktop.api import ApiClient, ConnectionFailed, RequestTimeout, ServerError
from tests.fixtures.servers import LiveServer


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Flaky(BaseHTTPRequestHandler):
    """A fault the real backend cannot produce on demand: 503 + Retry-After, then success."""

    calls: ClassVar[list[float]] = []
    failures = 2

    def do_GET(self) -> None:
        _Flaky.calls.append(time.monotonic())
        if len(_Flaky.calls) <= _Flaky.failures:
            self.send_response(503)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b'{"mode": "test", "version": "x", "server_time": "2026-11-28T10:00:00+08:00", "clock_is_real": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        _Flaky.calls.append(time.monotonic())
        self.send_response(503)
        self.send_header("Retry-After", "1")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky() -> Iterator[str]:
    _Flaky.calls = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_idempotent_requests_are_retried_after_retry_after(flaky: str) -> None:
    client = ApiClient(flaky)
    assert client.system.health().mode == "test"
    assert len(_Flaky.calls) == 3
    assert _Flaky.calls[1] - _Flaky.calls[0] >= 0.9  # waited as the server asked


def test_post_is_not_retried(flaky: str) -> None:
    client = ApiClient(flaky)
    with pytest.raises(ServerError):
        client.auth.captcha()
    assert len(_Flaky.calls) == 1


def test_server_down_gives_a_clear_message_and_recovers(live_server: LiveServer) -> None:
    port = _free_port()
    client = ApiClient(f"http://127.0.0.1:{port}", retries=1)
    with pytest.raises(ConnectionFailed) as info:
        client.system.health()
    assert "无法连接到服务器" in info.value.message and str(port) in info.value.message
    # the same client works again once a server answers there
    client.base_url = live_server.url
    assert client.system.health().mode == "test"


def test_slow_server_times_out(live_server: LiveServer) -> None:
    tester = live_server.client()  # the first answer of a new server alone can take 0.3 s on a busy machine
    tester.mock.set_latency(1500)
    client = live_server.client(timeout=(2.0, 0.3), retries=0)
    with pytest.raises(RequestTimeout) as info:
        client.system.calendar()
    assert "超时" in info.value.message
    tester.mock.set_latency(0)


def test_tls_verification_is_on_by_default() -> None:
    assert ApiClient("https://example.invalid")._http.verify is True
