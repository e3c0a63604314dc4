"""A sweep of bad bodies through every JSON request body of the OpenAPI document (docs/rules.md, "Input classes").

For every operation and every field (nested ones too) the sweep sends one class of bad input at a time
through a real server: a wrong JSON type, ``true`` for a number, the field left out, control characters,
format characters, digits of other scripts in identifying numbers; and for each operation broken JSON and
JSON that is not an object.  Each must be refused (400/422) at that field, in Chinese words that name
the field by its label, never by its wire name, and nothing may be written.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from backend_mock.models import (
    Appointment,
    EnrolmentApplication,
    Examinee,
    GraduationApplication,
    Notice,
    Order,
    RecordApplication,
    ScoreReview,
    StaffUser,
)
from desktop.api import ApiClient
from desktop.api.errors import ApiError
from tests.fixtures.accounts import login
from tests.fixtures.servers import LiveServer

#: fields that hold a number or code identifying a person or a thing (``CodeText`` on the server)
IDENTIFYING = {
    "account", "exam_no", "id_number", "phone", "new_phone", "sms_code", "captcha_answer",
    "course_code", "course_codes", "session_code", "county_code", "prefecture_code", "order_no", "payment_no",
    "start", "end",  # 个人简历: YYYY-MM
}  # fmt: skip
#: digits of other scripts that NFKC does not turn into 0-9 (Arabic-Indic, Devanagari, Bengali, Thai)
OTHER_DIGITS = ["٤٣٠١٠٢", "४३०१०२", "৪৩০১০২", "๔๓๐๑๐๒"]
CONTROL = ["\x00", "\x1b", "\x7f", "\x85"]  # Cc: NUL, ESC, DEL, NEL
FORMAT = ["\u202e", "\u2066"]  # Cf: right-to-left override, isolate (dropped from codes, refused in text)
ASCII_START = re.compile(r"^[A-Za-z0-9_]")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PATH_VALUES = {"examinee_id": "1", "notice_id": "1", "account_id": "1"}


@dataclass(frozen=True)
class Case:
    cls: str  # the class of bad input
    method: str
    path: str
    schema: str
    field: str  # dotted wire path of the bad field ("" for the whole body)
    body: Any = None
    raw: str | None = None  # sent as the body text when set (broken JSON)


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].split("/")[-1]]
    if "anyOf" in schema:  # X | None: the X
        schema = _resolve(doc, next(s for s in schema["anyOf"] if s.get("type") != "null"))
    return schema


def _valid(doc: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A plausible good value of ``schema`` (the other fields of a bad body are good)."""
    s = _resolve(doc, schema)
    if "enum" in s:
        return s["enum"][0]
    kind = s.get("type")
    if kind == "object":
        return {name: _valid(doc, sub) for name, sub in s.get("properties", {}).items()}
    if kind == "array":
        return [_valid(doc, s.get("items", {}))] * max(1, s.get("minItems", 1))
    if kind == "integer":
        return max(1, s.get("minimum", 1))
    if kind == "number":
        return max(0.5, s.get("minimum", 0.5)) if s.get("maximum", 1) >= 0.5 else 0
    if kind == "boolean":
        return False
    if s.get("format") == "date-time":
        return "2026-11-28T09:00:00+08:00"
    if s.get("format") == "date":
        return "2026-11-28"
    return "ab" + "1" * max(0, s.get("minLength", 0) - 2) if "pattern" in s else "测试" * max(1, s.get("minLength", 2))


def _fields(doc: dict[str, Any], schema: dict[str, Any], prefix: tuple[str | int, ...] = ()) -> Iterator[Any]:
    """(path, schema, required) of every field, nested objects and list items included."""
    s = _resolve(doc, schema)
    required = set(s.get("required", []))
    for name, sub in s.get("properties", {}).items():
        path = (*prefix, name)
        inner = _resolve(doc, sub)
        yield path, {**inner, "title": sub.get("title") or inner.get("title", "")}, name in required
        if inner.get("type") == "object":
            yield from _fields(doc, inner, path)
        if inner.get("type") == "array" and _resolve(doc, inner.get("items", {})).get("type") == "object":
            yield from _fields(doc, inner["items"], (*path, 0))
        elif inner.get("type") == "array":
            yield (*path, 0), _resolve(doc, inner.get("items", {})), True


def _with(body: Any, path: tuple[str | int, ...], value: Any, drop: bool = False) -> Any:
    body = copy.deepcopy(body)
    target = body
    for part in path[:-1]:
        target = target[part]
    if drop:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return body


def _wrong_type(s: dict[str, Any]) -> list[Any]:
    kind = s.get("type")
    return {
        "string": [123, ["x"]],
        "integer": ["1", 1.5, "一"],
        "number": ["1.5"],
        "boolean": ["true", 0],
        "array": ["x", {"a": 1}],
        "object": ["x", [1]],
    }.get(kind or "", [])


def cases(doc: dict[str, Any]) -> Iterator[Case]:
    for route, ops in doc["paths"].items():
        for method, op in ops.items():
            content = (op.get("requestBody") or {}).get("content", {})
            if "application/json" not in content:
                continue
            ref = content["application/json"]["schema"]
            name = ref.get("$ref", "").split("/")[-1]
            path = re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES.get(m.group(1), "X1"), route.removeprefix("/api/v1"))
            base = _valid(doc, ref)
            common = {"method": method.upper(), "path": path, "schema": name}
            yield Case("broken JSON", field="", raw='{"a": 1,', **common)
            for other in ([1, 2], "text", 1, True):
                yield Case("not an object", field="", body=other, **common)
            for fpath, s, required in _fields(doc, ref):
                field = ".".join(str(p) for p in fpath)
                for value in _wrong_type(s):
                    yield Case("wrong type", field=field, body=_with(base, fpath, value), **common)
                if s.get("type") in ("integer", "number"):
                    for value in (True, False):
                        yield Case("bool for a number", field=field, body=_with(base, fpath, value), **common)
                if required and not isinstance(fpath[-1], int):
                    yield Case("missing", field=field, body=_with(base, fpath, None, drop=True), **common)
                if s.get("type") == "string" and "enum" not in s and "format" not in s:
                    good = _valid(doc, s)
                    for ch in CONTROL:  # inside: around a number, whitespace (NEL) is trimmed
                        bad = good[:1] + ch + good[1:]
                        yield Case("control character", field=field, body=_with(base, fpath, bad), **common)
                    if fpath[-1] not in IDENTIFYING and not (isinstance(fpath[-1], int) and fpath[-2] in IDENTIFYING):
                        for ch in FORMAT:
                            yield Case("format character", field=field, body=_with(base, fpath, good + ch), **common)
                    if fpath[-1] in IDENTIFYING or (isinstance(fpath[-1], int) and fpath[-2] in IDENTIFYING):
                        for digits in OTHER_DIGITS:
                            yield Case("other digits", field=field, body=_with(base, fpath, digits), **common)


def _client_for(path: str, clients: dict[str, ApiClient]) -> ApiClient:
    if path.startswith(("/staff/accounts", "/notices/admin", "/updates/policy")):
        return clients["admin"]
    if path.startswith(("/staff/examinees", "/staff/queues")):
        return clients["clerk"]
    if path.startswith(("/review", "/staff")):
        return clients["reviewer"]
    return clients["examinee"]


def _counts(server: LiveServer) -> dict[str, int]:
    models = [
        Appointment, EnrolmentApplication, Examinee, GraduationApplication, Notice, Order, RecordApplication,
        ScoreReview, StaffUser,
    ]  # fmt: skip
    with server.db() as db:
        return {m.__name__: db.scalar(select(func.count()).select_from(m)) or 0 for m in models}


def _problem(case: Case, exc: ApiError, wire_names: set[str]) -> str | None:
    """Why the refusal is not a refusal in words at the field (None when it is)."""
    if exc.status not in (400, 422):
        return f"status {exc.status}"
    messages = [exc.message] + [f.get("message", "") for f in (exc.details or {}).get("fields", [])]
    for message in messages:
        if not CHINESE.search(message) or ASCII_START.match(message):
            return f"message {message!r}"
        for name in wire_names:
            if re.search(rf"(?<![A-Za-z_]){re.escape(name)}(?![A-Za-z_])", message):
                return f"wire name {name!r} in {message!r}"
    if case.field:
        fields = {f.get("field") for f in (exc.details or {}).get("fields", [])}
        if case.field not in fields:
            return f"refused elsewhere: {sorted(map(str, fields))}"
    return None


@pytest.fixture
def clients(live_server: LiveServer) -> Iterator[dict[str, ApiClient]]:
    made = {kind: live_server.client() for kind in ("examinee", "admin", "clerk", "reviewer")}
    login(made["examinee"], live_server.examinee().exam_no)
    login(made["admin"], "admin", kind="staff")
    login(made["clerk"], "cs_clerk", kind="staff")
    login(made["reviewer"], "cs_reviewer", kind="staff")
    yield made
    for c in made.values():
        c.close()


def test_every_bad_body_is_refused_in_words_and_writes_nothing(
    live_server: LiveServer, clients: dict[str, ApiClient]
) -> None:
    doc = _openapi(live_server)
    wire_names = {
        name
        for schema in doc["components"]["schemas"].values()
        for name in schema.get("properties", {})
        if "_" in name or len(name) > 3
    }
    before = _counts(live_server)
    sent: Counter[str] = Counter()
    in_words: Counter[str] = Counter()
    failures: list[str] = []
    for case in cases(doc):
        sent[case.cls] += 1
        client = _client_for(case.path, clients)
        try:
            if case.raw is not None:
                headers = {"Content-Type": "application/json"}
                client.request(case.method, case.path, data=case.raw.encode(), headers=headers)
            else:
                client.request(case.method, case.path, json=case.body)
        except ApiError as exc:
            problem = _problem(case, exc, wire_names)
        else:
            problem = "accepted"
        if problem is None:
            in_words[case.cls] += 1
        else:
            failures.append(f"{case.cls}: {case.method} {case.path} {case.field or '(body)'}: {problem}")
    summary = "\n".join(f"  {cls}: {in_words[cls]} of {n} refused in words at the field" for cls, n in sent.items())
    print(f"\nbad bodies by class ({sum(sent.values())} sent):\n{summary}")
    assert _counts(live_server) == before, "a refused request wrote something"
    assert not failures, f"{len(failures)} bad bodies got through or were refused badly:\n" + "\n".join(failures[:60])


def _openapi(server: LiveServer) -> dict[str, Any]:
    import requests

    resp = requests.get(server.url + "/openapi.json", timeout=60)  # the first build takes seconds
    resp.raise_for_status()
    return resp.json()  # type: ignore[no-any-return]


def test_every_request_field_has_a_label_in_words(live_server: LiveServer) -> None:
    doc = _openapi(live_server)
    unlabelled = []
    for route, ops in doc["paths"].items():
        for method, op in ops.items():
            content = (op.get("requestBody") or {}).get("content", {})
            if "application/json" in content:
                for fpath, s, _required in _fields(doc, content["application/json"]["schema"]):
                    if not isinstance(fpath[-1], int) and not CHINESE.search(s.get("title", "")):
                        unlabelled.append(f"{method.upper()} {route} {'.'.join(map(str, fpath))}")
    assert not unlabelled, unlabelled


def test_bad_form_fields_are_refused_in_words(live_server: LiveServer, clients: dict[str, ApiClient]) -> None:
    """The multipart forms (新生报名): the same classes for every field that is not a file."""
    doc = _openapi(live_server)
    sent: Counter[str] = Counter()
    failures: list[str] = []
    before = _counts(live_server)
    for route, ops in doc["paths"].items():
        for method, op in ops.items():
            content = (op.get("requestBody") or {}).get("content", {})
            if "multipart/form-data" not in content:
                continue
            schema = _resolve(doc, content["multipart/form-data"]["schema"])
            props = schema.get("properties", {})
            files = {n: ("a.jpg", b"\xff\xd8\xff", "image/jpeg") for n, p in props.items() if "contentMediaType" in p}
            base = {n: str(_valid(doc, p)) for n, p in props.items() if n not in files}
            variants: list[tuple[str, str, dict[str, str]]] = []
            for name, p in props.items():
                if name in files:
                    continue
                variants.append(("missing", name, {k: v for k, v in base.items() if k != name}))
                if p.get("type") == "integer":
                    variants += [("wrong type", name, {**base, name: bad}) for bad in ("一", "1.5", "true")]
                    continue
                inside = [base[name][:1] + ch + base[name][1:] for ch in CONTROL]
                variants += [("control character", name, {**base, name: bad}) for bad in inside]
                if name in IDENTIFYING:
                    variants += [("other digits", name, {**base, name: digits}) for digits in OTHER_DIGITS]
            path = route.removeprefix("/api/v1")
            for cls, name, data in variants:
                sent[cls] += 1
                case = Case(cls, method.upper(), path, schema.get("title", ""), name)
                try:
                    _client_for(path, clients).request(case.method, path, data=data, files=files)
                except ApiError as exc:
                    problem = _problem(case, exc, set(props))
                else:
                    problem = "accepted"
                if problem is not None:
                    failures.append(f"{cls}: {case.method} {path} {name}: {problem}")
    print("\nbad form fields by class:", dict(sent))
    assert sent["control character"] and sent["other digits"]
    assert _counts(live_server) == before
    assert not failures, "\n".join(failures)
