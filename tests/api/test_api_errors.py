"""One JSON error envelope for every error; tester controls only in demo/test mode; OpenAPI ids."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from backend_mock.settings import Mode
from desktop.api import NotFound
from tests.fixtures.servers import LiveServer


def _envelope(resp: requests.Response) -> dict[str, object]:
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"code", "message", "details"}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message"]), "the message must be Chinese"
    return err  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("GET", "/api/v1/no-such-thing", {}, 404, "not_found"),
        ("DELETE", "/api/v1/health", {}, 405, "method_not_allowed"),
        (
            "POST",
            "/api/v1/auth/login",
            {"data": "not json", "headers": {"Content-Type": "application/json"}},
            422,
            "validation_error",
        ),
        ("POST", "/api/v1/auth/login", {"json": {"account": "x"}}, 422, "validation_error"),
        ("POST", "/api/v1/auth/login", {"json": [1, 2]}, 422, "validation_error"),
        ("GET", "/api/v1/me", {}, 401, "not_authenticated"),
        ("GET", "/api/v1/me", {"headers": {"Authorization": "Bearer forged"}}, 401, "session_invalid"),
        (
            "GET",
            "/api/v1/enrolments/status",
            {"params": {"application_no": "XS1", "id_number": "1"}},
            404,
            "enrolment_not_found",
        ),
    ],
)
def test_every_error_has_the_envelope(
    live_server: LiveServer, method: str, path: str, kwargs: dict[str, object], status: int, code: str
) -> None:
    resp = requests.request(method, live_server.url + path, timeout=10, **kwargs)  # type: ignore[arg-type]
    assert resp.status_code == status
    assert _envelope(resp)["code"] == code


def test_validation_errors_name_the_fields(live_server: LiveServer) -> None:
    resp = requests.post(live_server.url + "/api/v1/auth/login", json={"account": "", "password": "x"}, timeout=10)
    err = _envelope(resp)
    fields = {f["field"] for f in err["details"]["fields"]}  # type: ignore[index]
    assert {"account", "captcha_id", "captcha_answer"} <= fields
    assert "账号" in str(err["message"])


def test_production_mode_has_no_tester_controls(server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory(Mode.PRODUCTION)
    for path in ("/api/v1/mock/clock", "/api/v1/mock/sms"):
        resp = requests.get(server.url + path, timeout=10)
        assert resp.status_code == 404 and _envelope(resp)["code"] == "not_found"
    client = server.client()
    with pytest.raises(NotFound):
        client.system.demo_accounts()
    assert client.system.health().mode == "production"
    spec = requests.get(server.url + "/openapi.json", timeout=10).json()
    assert not any(p.startswith("/api/v1/mock") for p in spec["paths"])


def test_demo_mode_lists_demo_accounts(server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory(Mode.DEMO)
    accounts = server.client().system.demo_accounts()
    kinds = {a.kind for a in accounts}
    assert kinds == {"examinee", "staff", "applicant"} and all(a.password for a in accounts)


def test_openapi_operation_ids_are_stable(live_server: LiveServer) -> None:
    spec = requests.get(live_server.url + "/openapi.json", timeout=10).json()
    ids = sorted(op["operationId"] for item in spec["paths"].values() for op in item.values())
    assert len(ids) == len(set(ids))
    assert {"auth-login", "auth-captcha", "me-profile", "enrolment-submit", "system-health", "mock-set_clock"} <= set(
        ids
    )
    # every id is "{the operation's tag}-{its name}": a tag groups the operations of one module
    for path, item in spec["paths"].items():
        for method, op in item.items():
            assert op["tags"], f"{method.upper()} {path} has no tag"
            assert op["operationId"].startswith(f"{op['tags'][0]}-"), (method, path, op["operationId"])


def test_clock_can_be_moved_and_reset(live_server: LiveServer) -> None:
    from datetime import datetime, timedelta

    from backend_mock.clock import CHINA_TZ

    client = live_server.client()
    target = datetime(2027, 2, 8, 10, 0, tzinfo=CHINA_TZ)
    state = client.mock.set_clock(target, frozen=True)
    assert state.now == target and state.frozen
    assert client.system.health().server_time == target
    assert client.mock.set_clock(advance_seconds=3600).now == target + timedelta(hours=1)
    assert client.mock.reset_clock().is_real
