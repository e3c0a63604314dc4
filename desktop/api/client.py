"""The one HTTP client of the program.  No Qt here: views call it through the task runner.

``ApiClient.request()`` is the single request path: base URL, bearer token, connect/read
timeouts, retries of idempotent methods (``retry.make_retry``), TLS verification on, and the
mapping of every failure to a typed error from ``errors``.  Typed methods (``client.auth.login``,
``client.me.profile`` ...) live in small classes per module and return dataclasses.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ProtocolError

from desktop.api import errors
from desktop.api.retry import MAX_RETRY_AFTER_SECONDS, make_retry
from desktop.i18n.marks import QT_TR_NOOP
from zikao_common.embedded import SECRET_HEADER

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = (3.05, 20.0)  # connect, read (seconds)
IDEMPOTENCY_HEADER = "Idempotency-Key"
SERVER_TIME_HEADER = "X-Server-Time"
# one id per request, sent and echoed by the server: the 请求编号 a person quotes to support
REQUEST_ID_HEADER = "X-Request-Id"
# answers after which a POST carrying an Idempotency-Key is sent again (the server replays)
KEYED_RETRY_STATUSES = frozenset({502, 503, 504})


def _replayable(exc: errors.ApiError) -> bool:
    """May a keyed POST that failed with ``exc`` be sent again with the same key?

    A dropped connection or a gateway/busy answer: yes, whether or not the server ran it, since
    the same key replays the first result.  A refused connection (urllib3 retried it already), a
    TLS failure or any other answer: no.
    """
    if isinstance(exc, errors.ConnectionFailed):
        # "connection" (nobody answered the connect) was already retried by urllib3
        return exc.code in ("dropped", "request")
    if exc.retry_after is not None and exc.retry_after > MAX_RETRY_AFTER_SECONDS:
        return False  # the person hears "busy" now rather than waiting that long
    return isinstance(exc, errors.ServerError) and exc.status in KEYED_RETRY_STATUSES


#: what each UI language asks the server's messages in (RFC 9110 Accept-Language; Chinese as fallback)
ACCEPT_LANGUAGE = {"zh": "zh-CN, zh;q=0.9", "en": "en, zh-CN;q=0.5"}


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retries: int = 3,
        verify: bool | str = True,
        retry_backoff: float = 0.3,
        on_server_time: Callable[[datetime], None] | None = None,
        secret: str | None = None,
        language: str = "zh",
    ) -> None:
        #: told the server's "now" from each answer's ``X-Server-Time`` (the desktop's ServerClock)
        self.on_server_time = on_server_time
        #: the embedded demo backend's per-launch secret, sent on every request (it refuses others)
        self.secret = secret
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.retry_backoff = retry_backoff
        self._http = requests.Session()
        self._http.verify = verify
        self._http.headers["User-Agent"] = "zikao-desktop/0.1"
        self._http.headers["Accept"] = "application/json"
        #: the server writes its messages in the UI's language (``AppSettings.language``)
        self._http.headers["Accept-Language"] = ACCEPT_LANGUAGE.get(language, ACCEPT_LANGUAGE["zh"])
        if secret is not None:
            self._http.headers[SECRET_HEADER] = secret
        adapter = HTTPAdapter(max_retries=make_retry(retries, retry_backoff), pool_maxsize=8)
        self._http.mount("http://", adapter)
        self._http.mount("https://", adapter)
        self._token: str | None = None
        self._token_lock = threading.Lock()

        from desktop.api.endpoints import (
            AuthApi,
            EnrolmentApi,
            ExamsApi,
            MeApi,
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
        from desktop.api.mock import MockApi

        self.mock = MockApi(self)

        from desktop.api.scores import ScoresApi

        self.scores = ScoresApi(self)
        from desktop.api.notices import NoticesApi

        self.notices = NoticesApi(self)
        from desktop.api.staff import StaffApi

        self.staff = StaffApi(self)
        from desktop.api.records import RecordsApi

        self.records = RecordsApi(self)
        from desktop.api.graduation import GraduationApi

        self.graduation = GraduationApi(self)
        from desktop.api.waiting_room import WaitingRoomApi

        self.waiting_room = WaitingRoomApi(self)

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
        """Send a request; return the decoded JSON (or the bytes with ``raw``); raise ``ApiError``.

        GET, PUT and DELETE are retried by urllib3 (``retry.make_retry``).  A POST is retried only
        when it carries an ``Idempotency-Key`` (the server then replays the first result instead
        of doing it twice) and only after a dropped connection or a 502/503/504, honouring
        ``Retry-After``.  Any other POST fails at once: the person decides whether to try again.
        """
        keyed = method.upper() == "POST" and IDEMPOTENCY_HEADER in (headers or {})
        attempts = 1 + (self.retries if keyed else 0)
        for attempt in range(attempts):
            try:
                return self._request_once(method, path, json, params, data, files, headers, timeout, raw)
            except errors.ApiError as exc:
                if attempt + 1 >= attempts or not _replayable(exc):
                    raise
                wait = exc.retry_after if exc.retry_after is not None else self.retry_backoff * 2**attempt
                log.info("%s %s failed (%s); sending it again with the same Idempotency-Key", method, path, exc.code)
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _request_once(
        self,
        method: str,
        path: str,
        json: Any,
        params: dict[str, Any] | None,
        data: dict[str, Any] | None,
        files: dict[str, Any] | None,
        headers: dict[str, str] | None,
        timeout: tuple[float, float] | None,
        raw: bool,
    ) -> Any:
        url = f"{self.base_url}{API_PREFIX}{path}"
        send_headers = dict(headers or {})
        request_id = new_request_id()
        send_headers[REQUEST_ID_HEADER] = request_id
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
                QT_TR_NOOP("无法与服务器建立安全连接（证书校验失败），请确认服务器地址正确"),
                code="tls",
                technical=str(exc),
                request_id=request_id,
            ) from exc
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ConnectionError) as exc:
            if isinstance(exc, requests.exceptions.ConnectTimeout) or "Read timed out" not in str(exc):
                raise errors.ConnectionFailed(
                    f"无法连接到服务器 {self.base_url}，请检查网络或服务器是否已启动，稍后重试",
                    code="dropped" if _dropped(exc) else "connection",
                    technical=f"{method} {path}: {exc}",
                    request_id=request_id,
                ) from exc
            raise errors.RequestTimeout(
                code="timeout", technical=f"{method} {path}: {exc}", request_id=request_id
            ) from exc
        except requests.exceptions.Timeout as exc:
            raise errors.RequestTimeout(
                code="timeout", technical=f"{method} {path}: {exc}", request_id=request_id
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise errors.ConnectionFailed(
                code="request", technical=f"{method} {path}: {exc}", request_id=request_id
            ) from exc

        log.debug("%s %s -> %s", method, path, response.status_code)
        self._note_server_time(response)
        if response.status_code >= 400:
            raise self._error_from(response, method, path, response.headers.get(REQUEST_ID_HEADER, request_id))
        if raw:
            return response.content
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise errors.ServerError(
                QT_TR_NOOP("服务器返回的数据无法识别"),
                code="bad_response",
                status=response.status_code,
                technical=f"{method} {path}: not JSON",
                request_id=response.headers.get(REQUEST_ID_HEADER, request_id),
            ) from exc

    def _note_server_time(self, response: requests.Response) -> None:
        observer = self.on_server_time
        stamp = response.headers.get(SERVER_TIME_HEADER)
        if observer is None or not stamp:
            return
        try:
            moment = datetime.fromisoformat(stamp)
        except ValueError:
            return
        if moment.tzinfo is not None:
            observer(moment)

    @staticmethod
    def _error_from(response: requests.Response, method: str, path: str, request_id: str) -> errors.ApiError:
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
            technical=f"{method} {path} -> HTTP {response.status_code} {code} (request {request_id})",
            retry_after=_retry_after(response),
            request_id=request_id,
        )


def new_request_id() -> str:
    """A request's id, as a person reads it out to support: 4821-3390-1122 (digits only)."""
    number = f"{secrets.randbelow(10**12):012d}"
    return f"{number[:4]}-{number[4:8]}-{number[8:]}"


def _dropped(exc: requests.exceptions.RequestException) -> bool:
    """The connection was made and then lost before an answer (not: nobody listened)."""
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, ProtocolError)


def _retry_after(response: requests.Response) -> float | None:
    """The ``Retry-After`` header in seconds (the HTTP-date form is not used by our servers)."""
    value = response.headers.get("Retry-After", "").strip()
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
