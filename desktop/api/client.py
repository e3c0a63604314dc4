"""The one HTTP client of the program.  No Qt here: views call it through the task runner.

``ApiClient.request()`` is the single request path: base URL, bearer token, connect/read
timeouts, retries of idempotent methods (``retry.make_retry``), TLS verification on, and the
mapping of every failure to a typed error from ``errors``.  Typed methods (``client.auth.login``,
``client.me.profile`` ...) live in small classes per module and return dataclasses.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from desktop.api import errors
from desktop.api.retry import make_retry

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = (3.05, 20.0)  # connect, read (seconds)


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retries: int = 3,
        verify: bool | str = True,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._http = requests.Session()
        self._http.verify = verify
        self._http.headers["User-Agent"] = "zikao-desktop/0.1"
        self._http.headers["Accept"] = "application/json"
        adapter = HTTPAdapter(max_retries=make_retry(retries), pool_maxsize=8)
        self._http.mount("http://", adapter)
        self._http.mount("https://", adapter)
        self._token: str | None = None
        self._token_lock = threading.Lock()

        from desktop.api.endpoints import (
            AuthApi,
            EnrolmentApi,
            ExamsApi,
            MeApi,
            MockApi,
            PayPlatformApi,
            RegistrationApi,
            SystemApi,
        )

        self.system = SystemApi(self)
        self.auth = AuthApi(self)
        self.me = MeApi(self)
        self.enrolment = EnrolmentApi(self)
        self.registration = RegistrationApi(self)
        self.exams = ExamsApi(self)
        self.payplatform = PayPlatformApi(self)
        self.mock = MockApi(self)

        from desktop.api.records import RecordsApi

        self.records = RecordsApi(self)

    # --- the token lives only in memory ----------------------------------------------------------
    @property
    def logged_in(self) -> bool:
        return self._token is not None

    def set_token(self, token: str | None) -> None:
        with self._token_lock:
            self._token = token

    def close(self) -> None:
        self.set_token(None)
        self._http.close()

    # --- the one request path ---------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        data: Any = None,
        files: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        timeout: tuple[float, float] | None = None,
        raw: bool = False,
    ) -> Any:
        """Send a request; return the decoded JSON (or the bytes with ``raw``); raise ``ApiError``."""
        url = f"{self.base_url}{API_PREFIX}{path}"
        send_headers = dict(headers or {})
        token = self._token
        if token:
            send_headers["Authorization"] = f"Bearer {token}"
        try:
            response = self._http.request(
                method,
                url,
                json=json,
                params=params,
                data=data,
                files=files,
                headers=send_headers,
                timeout=timeout or self.timeout,
            )
        except requests.exceptions.SSLError as exc:
            raise errors.ConnectionFailed(
                "无法与服务器建立安全连接（证书校验失败），请确认服务器地址正确", code="tls", technical=str(exc)
            ) from exc
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ConnectionError) as exc:
            if isinstance(exc, requests.exceptions.ConnectTimeout) or "Read timed out" not in str(exc):
                raise errors.ConnectionFailed(
                    f"无法连接到服务器 {self.base_url}，请检查网络或服务器是否已启动，稍后重试",
                    code="connection",
                    technical=f"{method} {path}: {exc}",
                ) from exc
            raise errors.RequestTimeout(code="timeout", technical=f"{method} {path}: {exc}") from exc
        except requests.exceptions.Timeout as exc:
            raise errors.RequestTimeout(code="timeout", technical=f"{method} {path}: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise errors.ConnectionFailed(code="request", technical=f"{method} {path}: {exc}") from exc

        log.debug("%s %s -> %s", method, path, response.status_code)
        if response.status_code >= 400:
            raise self._error_from(response, method, path)
        if raw:
            return response.content
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise errors.ServerError(
                "服务器返回的数据无法识别",
                code="bad_response",
                status=response.status_code,
                technical=f"{method} {path}: not JSON",
            ) from exc

    @staticmethod
    def _error_from(response: requests.Response, method: str, path: str) -> errors.ApiError:
        code, message, details = "http_error", None, None
        try:
            body = response.json()
            err = body.get("error") if isinstance(body, dict) else None
            if isinstance(err, dict):
                code = str(err.get("code") or code)
                message = err.get("message")
                details = err.get("details")
        except ValueError:
            pass
        cls = errors.error_for_status(response.status_code, code)
        return cls(
            message,
            code=code,
            status=response.status_code,
            details=details,
            technical=f"{method} {path} -> HTTP {response.status_code} {code}",
        )
