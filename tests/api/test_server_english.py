"""The server's messages in English (``Accept-Language: en``): the sweep of test_error_words again.

Every refusal of the real backend (every operation with a JSON body sent empty and sent wrong,
every query sent wrong, a few business refusals), asked for through the project's own client with
``language="en"``, reads in English words: no Chinese character except data the request carried,
no wire name, no "HTTP"; the code and the keys of ``details`` are those of the Chinese answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from backend_mock.inputs import FIELD_LABELS
from backend_mock.seed.demo import DEMO_EXAMINEES, DEMO_PASSWORD
from desktop.api import ApiClient, ApiError
from tests.fixtures.accounts import login
from tests.fixtures.refusals import Refused, business_refusals, refusal, sweep
from tests.fixtures.servers import LiveServer

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: a wire name: snake_case, or a field name that is no English word
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
NOT_WORDS = sorted(name for name in FIELD_LABELS if "_" not in name and name not in {
    "account", "password", "phone", "name", "photo", "file", "body", "title", "category", "publisher",
    "reason", "comment", "note", "basis", "gender", "kind", "session", "score", "courses", "channel",
    "status", "signature", "decision", "username", "role", "active", "data", "purpose", "resume",
    "start", "end", "unit", "materials", "receipt", "now", "frozen", "scenario", "rules", "probability",
    "methods", "times", "duplicate", "lost", "capacity", "count", "action", "actor", "by", "day", "key",
    "limit", "offset", "page", "q",
})  # fmt: skip


def server_texts(exc: ApiError) -> list[str]:
    return [exc.message, *exc.field_errors.values()]


def english_problems(text: str, sent: str = "") -> list[str]:
    """What in ``text`` is not English words: Chinese (unless sent), wire names, HTTP, paths."""
    problems = [ch for ch in CJK.findall(text) if ch not in sent]
    problems += SNAKE.findall(text) + re.findall(r"\bHTTP\b|/api/|\b[1-5]\d\d\b(?= [A-Z])", text)
    problems += [name for name in NOT_WORDS if re.search(rf"\b{re.escape(name)}\b", text)]
    return problems


@pytest.fixture
def clients(live_server: LiveServer) -> Iterator[dict[str, ApiClient]]:
    made = {who: live_server.client(retries=0, language="en") for who in ("examinee", "staff", "nobody")}
    login(made["examinee"], DEMO_EXAMINEES[0].exam_no, DEMO_PASSWORD)
    login(made["staff"], "admin", DEMO_PASSWORD, kind="staff")
    yield made
    for c in made.values():
        c.close()


def test_every_refusal_reads_in_english(
    live_server: LiveServer, openapi: dict[str, Any], clients: dict[str, ApiClient]
) -> None:
    chinese = live_server.client(retries=0)
    login(chinese, DEMO_EXAMINEES[0].exam_no, DEMO_PASSWORD)
    compared = 0

    def offences(refused: Refused) -> list[str]:
        nonlocal compared
        exc = refused.error
        found = [f"{refused}: {text!r}" for text in server_texts(exc) if english_problems(text)]
        if refused.who == "examinee":  # the same refusal in Chinese: same code, same fields, Chinese words
            zh = refusal(chinese, refused.method, refused.path, **refused.request)
            same = zh is not None and (zh.code, zh.status, zh.field_errors.keys()) == (
                exc.code,
                exc.status,
                exc.field_errors.keys(),
            )
            if not same or zh is None or not CJK.search(zh.message) or zh.message == exc.message:
                found.append(f"{refused.method} {refused.path}: Chinese {zh!r} against English {exc!r}")
            compared += 1
        return found

    try:
        seen = sweep(openapi, clients, offences)
    finally:
        chinese.close()
    assert seen.checked > 300 and seen.with_fields > 100 and compared > 100, (seen.checked, seen.with_fields, compared)
    assert seen.offending == [], seen.report()


def test_business_refusals_read_in_english(clients: dict[str, ApiClient]) -> None:
    examinee, staff = clients["examinee"], clients["staff"]
    name = "张三丰"  # data the request carries may come back as it is
    refusals = [
        *business_refusals(clients),
        refusal(staff, "POST", "/staff/accounts", json={"username": "x", "name": name + "\n", "role": "clerk"}),
        refusal(
            examinee,
            "POST",
            "/registration/orders",
            json={"course_codes": ["99999"], "site_id": 1},
            headers={"Idempotency-Key": "english-test-1"},
        ),
    ]
    seen = [exc for exc in refusals if exc is not None]
    assert len(seen) == len(refusals)
    for exc in seen:
        for text in server_texts(exc):
            assert english_problems(text, sent=name) == [], text
    assert seen[2].message == "Only staff can use this"
    assert seen[7].field_errors["name"].startswith("Name: Only one line of text")  # a rule of a validator


def test_validation_message_joins_fields_in_english(clients: dict[str, ApiClient]) -> None:
    exc = refusal(clients["staff"], "POST", "/staff/accounts", json={"username": "", "name": "", "role": 5})
    assert exc is not None and exc.code == "validation_error"
    assert len(exc.field_errors) >= 2
    assert "; " in exc.message and "；" not in exc.message
    assert all(message in exc.message for message in exc.field_errors.values())


def test_the_answer_says_its_language(live_server: LiveServer) -> None:
    url = live_server.url + "/api/v1/me"
    for header, language in [("en-GB,en;q=0.9", "en"), ("zh-CN", "zh"), ("fr, en;q=0.4", "en"), ("", "zh")]:
        answer = requests.get(url, headers={"Accept-Language": header}, timeout=10)
        assert answer.status_code == 401
        assert answer.headers["Content-Language"] == language
        assert "Accept-Language" in answer.headers["Vary"]
        assert bool(CJK.search(answer.json()["error"]["message"])) == (language == "zh")


def test_the_client_asks_in_its_language_setting(live_server: LiveServer) -> None:
    for language, chinese in (("en", False), ("zh", True), ("fr", True)):  # an unknown setting: Chinese
        client = live_server.client(retries=0, language=language)
        try:
            exc = refusal(client, "GET", "/me")
        finally:
            client.close()
        assert exc is not None and exc.code == "not_authenticated"
        assert bool(CJK.search(exc.message)) == chinese, (language, exc.message)
