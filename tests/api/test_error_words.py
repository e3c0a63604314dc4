"""What a person reads of a refusal is in words: no wire name, no code, no request line.

Real refusals of the real backend (every operation with a JSON body sent empty and sent wrong,
every query sent wrong, and a few business refusals) go through the client's own error
formatting (``desktop.core.errors``); the message, the field messages and the text behind
显示详情 must hold no ASCII identifier of three or more letters, no "HTTP" and no path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from backend_mock.errors import FIELD_LABELS
from backend_mock.seed.demo import DEMO_EXAMINEES, DEMO_PASSWORD
from desktop.api import ApiClient, ApiError
from desktop.core.errors import technical_details, user_message
from tests.fixtures.accounts import login
from tests.fixtures.refusals import Refused, business_refusals, resolved, sweep
from tests.fixtures.servers import LiveServer

#: names of file formats a person knows by these letters
FORMAT_NAMES = re.compile(r"\b(PDF|JPEG|JPG|PNG|CSV)\b")
IDENTIFIER = re.compile(r"[A-Za-z_]{3,}")
PATH = re.compile(r"/[A-Za-z_{]")


def bad_words(text: str) -> list[str]:
    cleaned = FORMAT_NAMES.sub("", text)
    return IDENTIFIER.findall(cleaned) + PATH.findall(cleaned)


def readable_texts(exc: ApiError) -> list[str]:
    return [user_message(exc), technical_details(exc), *exc.field_errors.values()]


@pytest.fixture
def clients(live_server: LiveServer) -> Iterator[dict[str, ApiClient]]:
    made = {"examinee": live_server.client(retries=0), "staff": live_server.client(retries=0)}
    login(made["examinee"], DEMO_EXAMINEES[0].exam_no, DEMO_PASSWORD)
    login(made["staff"], "admin", DEMO_PASSWORD, kind="staff")
    made["nobody"] = live_server.client(retries=0)
    yield made
    for c in made.values():
        c.close()


def test_every_refusal_reads_in_words(openapi: dict[str, Any], clients: dict[str, ApiClient]) -> None:
    def offences(refused: Refused) -> list[str]:
        return [f"{refused}: {text!r}" for text in readable_texts(refused.error) if bad_words(text)]

    seen = sweep(openapi, clients, offences)
    assert seen.checked > 300 and seen.with_fields > 100, (seen.checked, seen.with_fields)
    assert seen.offending == [], seen.report()


def test_business_refusals_read_in_words(clients: dict[str, ApiClient]) -> None:
    refusals = business_refusals(clients)
    seen = [exc for exc in refusals if exc is not None]
    assert len(seen) == len(refusals)
    for exc in seen:
        details = technical_details(exc)
        assert exc.request_id and f"请求编号：{exc.request_id}" in details  # the id support looks up
        for text in readable_texts(exc):
            assert bad_words(text.replace(exc.request_id, "")) == [], text


def test_every_request_field_has_a_chinese_label(openapi: dict[str, Any]) -> None:
    """A field of any request (body, nested body, query, path) has a name a person reads."""
    names: set[str] = set()

    def walk(schema: dict[str, Any], depth: int = 0) -> None:
        schema = resolved(openapi, schema)
        if depth > 8:
            return
        for name, sub in schema.get("properties", {}).items():
            names.add(name)
            walk(sub, depth + 1)
        for key in ("items", "anyOf", "oneOf", "allOf"):
            subs = schema.get(key)
            for sub in subs if isinstance(subs, list) else [subs] if isinstance(subs, dict) else []:
                walk(sub, depth + 1)

    for operations in openapi["paths"].values():
        for op in operations.values():
            names.update(p["name"] for p in op.get("parameters", []) if p["in"] in ("query", "path"))
            for content in op.get("requestBody", {}).get("content", {}).values():
                walk(content.get("schema", {}))
    assert len(names) > 50
    assert sorted(names - set(FIELD_LABELS)) == []
    assert all(not IDENTIFIER.search(label) for label in FIELD_LABELS.values())
