"""Ordinary answers in English: the server's words in them (status words, reasons, window and phase
texts) are English for ``Accept-Language: en``; data (names, course names, notices) stays as it is,
and the Chinese answer is unchanged."""

from __future__ import annotations

import re
from typing import Any

import requests

from backend_mock.response_language import TEXT_KEYS
from backend_mock.seed.demo import DEMO_EXAMINEES, DEMO_PASSWORD
from tests.fixtures.accounts import login
from tests.fixtures.servers import LiveServer

CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_RUN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+")
#: the audit log's words are Chinese only for now (docs/backend-messages.md, "Not translated yet")
CHINESE_ONLY = ("/api/v1/staff/audit",)
#: where a title is data (a notice's, written by its publisher)
DATA_TITLES = ("/api/v1/notices",)


def _texts(value: Any, key: str | None = None) -> list[tuple[str, str]]:
    """(key, text) of every server text in an answer."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v, key)]
    return [(key, value)] if isinstance(value, str) and key and TEXT_KEYS.match(key) else []


def _data(value: Any, key: str | None = None) -> list[str]:
    """Every value of an answer that is data (names, course names, session names...)."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _data(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in _data(v, key)]
    return [value] if isinstance(value, str) and not (key and TEXT_KEYS.match(key)) else []


def _answers(live_server: LiveServer, language: str) -> dict[str, Any]:
    spec = requests.get(live_server.url + "/openapi.json", timeout=10).json()
    paths = [p for p, ops in spec["paths"].items() if "get" in ops and "{" not in p and p.startswith("/api/v1/")]
    answers: dict[str, Any] = {}
    for account, kind in ((DEMO_EXAMINEES[0].exam_no, "examinee"), ("admin", "staff")):
        client = live_server.client(retries=0, language=language)
        try:
            login(client, account, DEMO_PASSWORD, kind=kind)
            for path in paths:
                try:
                    answers[f"{kind} {path}"] = client.request("GET", path.removeprefix("/api/v1"))
                except Exception:  # refused for this kind of account: the refusal sweep reads those
                    continue
        finally:
            client.close()
    return answers


def test_status_words_and_reasons_of_answers_are_english(live_server: LiveServer) -> None:
    english, chinese = _answers(live_server, "en"), _answers(live_server, "zh")
    assert english.keys() == chinese.keys() and len(english) > 20
    data = "\n".join(d for answer in english.values() for d in _data(answer))
    checked, left = 0, []
    for where, answer in english.items():
        if where.split(" ", 1)[1].startswith(CHINESE_ONLY):
            continue
        for key, text in _texts(answer):
            if key == "title" and where.split(" ", 1)[1].startswith(DATA_TITLES):
                continue
            checked += 1
            words = [run for run in CJK_RUN.findall(text) if CJK.search(run) and run not in data]
            if words:
                left.append(f"{where} {key}: {words} in {text[:100]}")
    zh_texts = [text for answer in chinese.values() for _, text in _texts(answer)]
    assert checked > 50 and any(CJK.search(text) for text in zh_texts)
    assert left == [], "\n".join(left)
