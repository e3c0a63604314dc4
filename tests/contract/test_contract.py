"""One contract for both sides: every answer dataclass of the client against its OpenAPI component.

The pairing is declared on the client side, in ``desktop/api/convert.py`` (``COMPONENTS``,
``CLIENT_ONLY``, ``FIELD_DIFFERENCES``).  For each pair the test compares field names, JSON types
(str → string, int → integer, float → number, bool → boolean, datetime → string/date-time,
date → string/date, tuple/list → array, dict → object, a dataclass → a reference to the component
that class mirrors, a named enum → its values' type), nullability (``X | None`` exactly where the
server may send null) and requiredness (every field the client requires is always sent: listed as
required, or with a server default, which FastAPI sends too) with the component in the app's own
OpenAPI document (built without a server), so a drift on either side fails here.  A client field
with a default that the server always sends is allowed: the default serves building requests and
dataclass inheritance, and never hides a missing answer.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute

import desktop.api
from backend_mock.app import create_app
from backend_mock.settings import Mode, Settings
from desktop.api.convert import CLIENT_ONLY, COMPONENTS, FIELD_DIFFERENCES

REF = "#/components/schemas/"
SCALARS: dict[Any, tuple[str, str | None]] = {
    str: ("string", None),
    int: ("integer", None),
    float: ("number", None),
    bool: ("boolean", None),
    datetime: ("string", "date-time"),
    date: ("string", "date"),
}


@pytest.fixture(scope="module")
def openapi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The OpenAPI document of an app with every router (test mode has the tester controls)."""
    db = Path(tmp_path_factory.mktemp("contract")) / "contract.db"
    app = create_app(f"sqlite:///{db}", Settings(mode=Mode.TEST), seed_size=None)
    try:
        return app.openapi()
    finally:
        app.state.engine.dispose()


def answer_classes() -> Iterator[tuple[str, type]]:
    """Every dataclass defined in a module of desktop.api, as ("module.Class", class)."""
    for info in pkgutil.iter_modules(desktop.api.__path__):
        module = importlib.import_module(f"desktop.api.{info.name}")
        for name, value in vars(module).items():
            if inspect.isclass(value) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                yield f"{info.name}.{name}", value


CLASSES = dict(answer_classes())
KEY_OF = {cls: key for key, cls in CLASSES.items()}


def response_components(doc: dict[str, Any]) -> set[str]:
    """The components an answer can contain: those reachable from any 2xx response."""
    schemas = doc["components"]["schemas"]
    seen: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(REF):
                name = ref.removeprefix(REF)
                if name not in seen:
                    seen.add(name)
                    walk(schemas[name])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for operations in doc["paths"].values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                if status.startswith("2"):
                    walk(response)
    return seen


def split_schema(schema: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """The non-null alternatives of a property's schema and whether null is allowed."""
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema["oneOf"]
        kept = [o for o in options if o.get("type") != "null"]
        return kept, len(kept) != len(options)
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return [schema["allOf"][0]], False
    return [schema], False


def split_hint(hint: Any) -> tuple[Any, bool]:
    """A field's annotation without ``| None`` and whether None is allowed."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) != len(typing.get_args(hint))
        return (args[0] if len(args) == 1 else typing.Union[tuple(args)]), optional  # noqa: UP007
    return hint, False


def type_problems(hint: Any, schema: dict[str, Any], where: str, schemas: dict[str, Any]) -> list[str]:
    """How a (non-null) annotation and a (non-null) JSON schema disagree; empty when they agree."""
    if hint is Any:
        return []
    if "$ref" in schema and "properties" not in schemas[schema["$ref"].removeprefix(REF)]:
        schema = schemas[schema["$ref"].removeprefix(REF)]  # a named enum: compare its values' type
    if "$ref" in schema:
        component = schema["$ref"].removeprefix(REF)
        if not (dataclasses.is_dataclass(hint) and isinstance(hint, type)):
            return [f"{where}: the server sends a {component} object, the client declares {hint!r}"]
        mirrored = COMPONENTS.get(KEY_OF.get(hint, ""))
        if mirrored != component:
            return [f"{where}: the server sends a {component}, the client's {hint.__name__} mirrors {mirrored}"]
        return []
    kind = schema.get("type")
    if "const" in schema or "enum" in schema:
        kind = kind or {str: "string", int: "integer", bool: "boolean"}.get(type(schema.get("const")))
    origin = typing.get_origin(hint)
    if origin in (tuple, list):
        if kind != "array":
            return [f"{where}: the client declares a sequence, the server sends {kind}"]
        item = typing.get_args(hint)[0]
        return type_problems_nullable(item, schema.get("items", {}), f"{where}[]", schemas)
    if origin is dict or hint is dict:
        if kind != "object":
            return [f"{where}: the client declares a dict, the server sends {kind}"]
        args = typing.get_args(hint)
        values = schema.get("additionalProperties")
        if len(args) == 2 and isinstance(values, dict):
            return type_problems_nullable(args[1], values, f"{where}{{}}", schemas)
        return []
    if dataclasses.is_dataclass(hint):
        return [f"{where}: the client declares a {hint.__name__} object, the server sends {kind} (no component)"]
    if hint not in SCALARS:
        return [f"{where}: the client's type {hint!r} has no JSON counterpart in this test"]
    want_type, want_format = SCALARS[hint]
    got_format = schema.get("format") if schema.get("format") in ("date", "date-time") else None
    if kind != want_type or got_format != want_format:
        got = kind + (f"/{got_format}" if got_format else "") if kind else repr(schema)
        want = want_type + (f"/{want_format}" if want_format else "")
        return [f"{where}: the client's {hint.__name__} means {want}, the server sends {got}"]
    return []


def type_problems_nullable(hint: Any, schema: dict[str, Any], where: str, schemas: dict[str, Any]) -> list[str]:
    inner, optional = split_hint(hint)
    options, nullable = split_schema(schema)
    problems: list[str] = []
    if nullable and not optional:
        problems.append(f"{where}: the server may send null, the client's type does not allow None")
    if optional and not nullable:
        problems.append(f"{where}: the client allows None, the server never sends null")
    if len(options) != 1:
        return [*problems, f"{where}: the server sends one of several types {options!r}"]
    return problems + type_problems(inner, options[0], where, schemas)


def contract_problems(key: str, cls: type, component: dict[str, Any], schemas: dict[str, Any]) -> list[str]:
    """Everything in which the client class ``key`` and its OpenAPI component disagree."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    properties: dict[str, Any] = component.get("properties", {})
    required = set(component.get("required", ()))
    problems: list[str] = []
    for name in sorted(set(fields) | set(properties)):
        where = f"{key}.{name}"
        if where in FIELD_DIFFERENCES:
            continue
        if name not in properties:
            problems.append(f"{where}: the client has this field, the server never sends it")
            continue
        if name not in fields:
            problems.append(f"{where}: the server sends this field, the client drops it")
            continue
        field = fields[name]
        client_required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        # a field with a default is sent all the same (no route excludes defaults: checked below)
        always_sent = name in required or "default" in properties[name]
        if client_required and not always_sent:
            problems.append(f"{where}: the client requires it, the server may leave it out")
        inner, optional = split_hint(hints[name])
        options, nullable = split_schema(properties[name])
        if nullable and not optional:
            problems.append(f"{where}: the server may send null, the client's type does not allow None")
        if optional and not nullable:
            problems.append(f"{where}: the client allows None, the server never sends null")
        if len(options) != 1:
            problems.append(f"{where}: the server sends one of several types {options!r}")
            continue
        problems += type_problems(inner, options[0], where, schemas)
    return problems


def test_every_answer_class_is_paired_or_declared_client_only() -> None:
    names = [key.split(".")[1] for key in CLASSES]
    assert len(names) == len(set(names)), "two answer classes share a name"
    undeclared = sorted(set(CLASSES) - set(COMPONENTS) - set(CLIENT_ONLY))
    assert not undeclared, f"name the OpenAPI component of these classes in desktop/api/convert.py: {undeclared}"
    assert not set(COMPONENTS) & set(CLIENT_ONLY)
    stale = sorted((set(COMPONENTS) | set(CLIENT_ONLY)) - set(CLASSES))
    assert not stale, f"declared in desktop/api/convert.py but no such class: {stale}"


def test_paired_components_are_answers(openapi: dict[str, Any]) -> None:
    answers = response_components(openapi)
    schemas = openapi["components"]["schemas"]
    missing = sorted(f"{key} → {c}" for key, c in COMPONENTS.items() if c not in schemas)
    assert not missing, f"no such OpenAPI component: {missing}"
    not_answers = sorted(f"{key} → {c}" for key, c in COMPONENTS.items() if c not in answers)
    assert not not_answers, f"these components are no part of any answer (a request body?): {not_answers}"


def test_field_differences_name_real_fields(openapi: dict[str, Any]) -> None:
    """A declared difference must still be a difference: a field of one side only."""
    schemas = openapi["components"]["schemas"]
    for where in FIELD_DIFFERENCES:
        key, _, name = where.rpartition(".")
        client = {f.name for f in dataclasses.fields(CLASSES[key])}
        server = set(schemas[COMPONENTS[key]].get("properties", {}))
        assert (name in client) != (name in server), f"{where} is on both sides or neither: drop the declaration"


def test_answers_carry_every_field(tmp_path: Path) -> None:
    """What lets the comparison count a field with a server default as always sent."""
    app = create_app(f"sqlite:///{tmp_path / 'routes.db'}", Settings(mode=Mode.TEST), seed_size=None)
    app.state.engine.dispose()
    leaving_out = [
        route.path
        for route in app.routes
        if isinstance(route, APIRoute)
        and (
            route.response_model_exclude_unset
            or route.response_model_exclude_defaults
            or route.response_model_exclude_none
        )
    ]
    assert not leaving_out, f"these answers leave fields out: {leaving_out}"


@pytest.mark.parametrize("key", sorted(COMPONENTS))
def test_client_class_matches_its_component(openapi: dict[str, Any], key: str) -> None:
    schemas = openapi["components"]["schemas"]
    problems = contract_problems(key, CLASSES[key], schemas[COMPONENTS[key]], schemas)
    assert not problems, f"{key} ↔ {COMPONENTS[key]}:\n" + "\n".join(problems)


def test_the_comparison_sees_a_drift(openapi: dict[str, Any]) -> None:
    """The checker itself: a renamed field, a wrong type and a lost null are each reported."""

    @dataclasses.dataclass(frozen=True)
    class Drifted:
        mode: int
        version: str
        server_time: str
        clock_is_real: bool | None
        build: str

    schemas = openapi["components"]["schemas"]
    problems = "\n".join(contract_problems("types.Health", Drifted, schemas["HealthPublic"], schemas))
    assert "types.Health.mode: the client's int means integer, the server sends string" in problems
    assert "types.Health.server_time: the client's str means string, the server sends string/date-time" in problems
    assert "types.Health.clock_is_real: the client allows None, the server never sends null" in problems
    assert "types.Health.build: the client has this field, the server never sends it" in problems
