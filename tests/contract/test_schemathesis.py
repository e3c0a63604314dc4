"""schemathesis against the backend's OpenAPI, over real HTTP, with every check it has.

A real server (uvicorn on loopback over a seeded copy, clock in phase 2 of registration so orders
and payments can be made) is fuzzed by the ``schemathesis`` command in a subprocess: the examples,
coverage, fuzzing and stateful phases (the stateful phase follows the links schemathesis infers
from the schema: order numbers from ``POST /orders`` into ``/orders/{order_no}/...``), the
default checks and the optional ones (no 5xx, status codes and content types documented,
response bodies and headers matching their schemas, invalid data rejected, valid data accepted,
``Allow`` on 405, ...).  The number of examples is bounded (``ZIKAO_SCHEMATHESIS_EXAMPLES``,
default 25 per operation) and the seed fixed so a run is repeatable and fits CI.

Left out: ``/mock`` (the tester controls reseed the database and move the clock under the run)
and ``auth-logout`` (it would end the session the run is authenticated with; logging out is
covered by tests/api/test_api_auth.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from tests.fixtures.accounts import DEMO, login
from tests.fixtures.registration import home_site_id, key, pick, set_phase
from tests.fixtures.servers import LiveServer

CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = int(os.environ.get("ZIKAO_SCHEMATHESIS_EXAMPLES", "25"))
SEED = os.environ.get("ZIKAO_SCHEMATHESIS_SEED", "20260415")


def examinee_with_order(server: LiveServer) -> dict[str, str]:
    """Log 刘子豪 in and start paying a new order: the bearer token, the order and payment numbers
    (schemathesis.toml hands the numbers to the operations taking them, so those reach real data)."""
    client = server.client()
    login(client, DEMO["midway"].exam_no)
    order = client.registration.create_order(home_site_id(client), pick(client.registration.courses(), 1), key())
    payment = client.registration.start_payment(order.order_no, "alipay", key())
    token = client._token  # the test logs in as a client would and hands the bearer token on
    assert token is not None
    return {"ZIKAO_ST_TOKEN": token, "ZIKAO_ST_ORDER_NO": order.order_no, "ZIKAO_ST_PAYMENT_NO": payment.payment_no}


def run_schemathesis(
    server: LiveServer, data: dict[str, str], tmp_path: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    cli = Path(sys.executable).with_name("schemathesis")
    cmd = [
        str(cli) if cli.exists() else "schemathesis",
        "--config-file",
        str(CONFIG),
        "run",
        f"{server.url}/openapi.json",
        "--header",
        f"Authorization: Bearer {data['ZIKAO_ST_TOKEN']}",
        "--checks",
        "all",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        SEED,
        # one worker: with two, Hypothesis' lambda descriptions race in Python 3.11's ast module
        # ("AST constructor recursion depth mismatch", an error of the tool, not of the API)
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--no-color",
        "--exclude-path-regex",
        "^/api/v1/mock/",
        "--exclude-operation-id",
        "auth-logout",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
        *extra,
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCHEMATHESIS_")} | data
    # cwd: schemathesis keeps a cache directory (.schemathesis/) where it runs
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path, check=False)


@pytest.fixture
def phase2_server(server_factory: Callable[..., LiveServer]) -> LiveServer:
    server = server_factory()
    tester = server.client()
    set_phase(tester, "phase2")
    tester.close()
    return server


def test_examinee_api_conforms_to_its_schema(phase2_server: LiveServer, tmp_path: Path) -> None:
    result = run_schemathesis(phase2_server, examinee_with_order(phase2_server), tmp_path)
    (tmp_path / "schemathesis.txt").write_text(result.stdout)
    summary = result.stdout[-6000:]
    assert result.returncode == 0, f"schemathesis found problems:\n{result.stdout[-40000:]}\n{result.stderr[-4000:]}"
    for phase in ("Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in summary, summary


#: the staff part of the API; each role on a server of its own (the administrator's run resets and
#: disables staff accounts, which would lock the others out)
STAFF_PATHS = "^/api/v1/(staff|review|notices/admin)"


@pytest.mark.parametrize("username", ["cs_clerk", "cs_reviewer", "admin"])
def test_staff_api_conforms_to_its_schema(
    username: str, server_factory: Callable[..., LiveServer], tmp_path: Path
) -> None:
    server = server_factory()
    client = server.client()
    login(client, username, kind="staff")
    token = client._token  # as for the examinee: the run is authenticated with a real login
    assert token is not None
    data = {"ZIKAO_ST_TOKEN": token, "ZIKAO_ST_ORDER_NO": "-", "ZIKAO_ST_PAYMENT_NO": "-"}
    result = run_schemathesis(server, data, tmp_path, "--include-path-regex", STAFF_PATHS)
    client.close()
    assert result.returncode == 0, f"schemathesis found problems:\n{result.stdout[-40000:]}\n{result.stderr[-4000:]}"


def test_a_number_is_not_a_date(live_server: LiveServer) -> None:
    """Found by schemathesis: ``publish_at: 0`` published a notice dated 1970 (lax coercion)."""
    admin = live_server.client()
    login(admin, "admin", kind="staff")
    body = {"title": "测试通知", "body": "正文", "category": "考试公告", "publish_at": 0}
    response = requests.post(
        f"{live_server.url}/api/v1/notices/admin",
        json=body,
        headers={"Authorization": f"Bearer {admin._token}"},
        timeout=30,
    )
    audit = requests.get(
        f"{live_server.url}/api/v1/staff/audit",
        params={"date_to": "0"},
        headers={"Authorization": f"Bearer {admin._token}"},
        timeout=30,
    )
    admin.close()
    assert response.status_code == 422 and "日期时间格式" in response.text, response.text
    assert audit.status_code == 422 and "日期时间格式" in audit.text, audit.text


def test_a_nul_character_is_a_clear_refusal_not_a_server_error(live_server: LiveServer) -> None:
    """Found by schemathesis on PostgreSQL (text there cannot hold NUL): 500 before the fix."""
    client = live_server.client()
    login(client, DEMO["midway"].exam_no)
    response = requests.get(
        f"{live_server.url}/api/v1/orders",
        params={"session_code": "2027-04\x00"},
        headers={"Authorization": f"Bearer {client._token}"},
        timeout=30,
    )
    client.close()
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:  # PostgreSQL
        assert response.json()["error"]["code"] == "invalid_character"
    else:  # SQLite stores NUL: simply no such session
        assert response.json() == []
