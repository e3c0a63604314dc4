"""One JSON error envelope for every error: ``{"error": {"code", "message", "details"}}``.

``message`` says what to fix, in Chinese or, when the request asks with ``Accept-Language``, in
English (``backend_mock.i18n``: a message is a ``Msg`` template, translated when the response is
written); ``code`` is stable for programs; ``details`` carries field errors (validation) or the state
that refused the request, with the same keys in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from backend_mock.i18n import SEPARATORS, Msg, negotiate, render
from backend_mock.inputs import FIELD_LABELS, unwrap_models


class ApiError(Exception):
    """A refusal the client should show: raise it from a router or a service.

    ``message`` is a literal Chinese text or a ``Msg`` template (never an f-string): either is the
    msgid of its English form.
    """

    status_code = 400
    code = "bad_request"

    def __init__(
        self, message: str, *, code: str | None = None, status_code: int | None = None, details: Any = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status_code is not None:
            self.status_code = status_code
        self.details = details
        self.headers: dict[str, str] = {}


class NotAuthenticated(ApiError):
    status_code = 401
    code = "not_authenticated"


class Forbidden(ApiError):
    status_code = 403
    code = "forbidden"


class NotFound(ApiError):
    status_code = 404
    code = "not_found"


class Conflict(ApiError):
    status_code = 409
    code = "conflict"


class Unprocessable(ApiError):
    status_code = 422
    code = "validation_error"


class TooManyRequests(ApiError):
    status_code = 429
    code = "too_many_requests"


def envelope(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorEnvelope(BaseModel):
    """The body of every refusal (documented in the OpenAPI schema as every operation's ``4XX``)."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "model": ErrorEnvelope,
        "description": "Refused: ``error.code`` says why (validation_error with field errors on 422)",
    },
}


# pydantic error types → a message template about the field ``label``
_VALIDATION_PHRASES = {
    "missing": "{label}必须填写",
    "string_too_short": "{label}太短",
    "string_too_long": "{label}太长",
    "too_short": "{label}项数太少",
    "too_long": "{label}项数太多",
    "string_pattern_mismatch": "{label}格式不正确",
    "int_parsing": "{label}应为整数",
    "int_type": "{label}应为整数",
    "int_from_float": "{label}应为整数",
    "float_parsing": "{label}应为数字",
    "float_type": "{label}应为数字",
    "bool_parsing": "{label}应为是或否",
    "bool_type": "{label}应为是或否",
    "enum": "{label}不是允许的取值",
    "literal_error": "{label}不是允许的取值",
    "greater_than": "{label}太小",
    "greater_than_equal": "{label}太小",
    "less_than": "{label}太大",
    "less_than_equal": "{label}太大",
    "datetime_parsing": "{label}不是有效的时间",
    "datetime_type": "{label}不是有效的时间",
    "datetime_from_date_parsing": "{label}不是有效的时间",
    "date_parsing": "{label}不是有效的日期",
    "date_type": "{label}不是有效的日期",
    "date_from_datetime_parsing": "{label}不是有效的日期",
    "string_type": "{label}应为文字",
    "string_unicode": "{label}应为文字",
    "model_attributes_type": "{label}格式不正确",
    "model_type": "{label}格式不正确",
    "dict_type": "{label}格式不正确",
    "list_type": "{label}应为列表",
    "extra_forbidden": "{label}是不认识的项，请删除",
    "none_required": "{label}不应填写",
}
#: a pydantic error type the table does not name
_OTHER_PHRASE = "{label}不正确"

#: what a whole body is called when it is wrong as a whole (broken JSON, a list instead of an object)
BODY_LABEL = Msg("请求内容")
#: a field the route does not describe (should not happen: every request field has a label)
UNKNOWN_LABEL = Msg("请求中的某一项")


def _label(name: str) -> Msg:
    return Msg(FIELD_LABELS[name]) if name in FIELD_LABELS else UNKNOWN_LABEL


def _param_label(route: Any, where: str, name: str) -> tuple[Msg, Any]:
    """The label and the annotation of the route's parameter ``name`` in ``where`` (body, query, ...)."""
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return _label(name), None
    params = {
        "body": dependant.body_params,
        "query": dependant.query_params,
        "path": dependant.path_params,
        "header": dependant.header_params,
    }.get(where, [])
    for param in params:
        if name in (param.name, param.alias):
            title = param.field_info.title
            return (Msg(title) if title else _label(name)), param.field_info.annotation
    return _label(name), None


def _body_model(route: Any) -> type[BaseModel] | None:
    """The model of a route's JSON body when the body is that model itself (not embedded)."""
    dependant = getattr(route, "dependant", None)
    params = dependant.body_params if dependant is not None else []
    if len(params) == 1 and not getattr(params[0].field_info, "embed", False):
        return unwrap_models(params[0].field_info.annotation)
    return None


def field_label(model: type[BaseModel] | None, parts: list[str | int]) -> Msg:
    """``parts`` (a pydantic ``loc`` below the model) in words: 个人简历第2项的职务."""
    words: list[Msg] = []
    for part in parts:
        if isinstance(part, int):
            words[-1:] = [Msg("{field}第{n}项", field=words[-1], n=part + 1) if words else Msg("第{n}项", n=part + 1)]
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            if model is not None:
                continue  # a union member's tag (``function-after[...]``), not a field
            words.append(_label(part))
            continue
        words.append(Msg(field.title) if field.title else _label(part))
        model = unwrap_models(field.annotation)
    if not words:
        return BODY_LABEL
    label = words[0]
    for word in words[1:]:
        label = Msg("{owner}的{part}", owner=label, part=word)
    return label


def describe(label: Msg, err: Mapping[str, Any]) -> Msg:
    """One pydantic error in words: the label and what is wrong (our validators explain in words)."""
    kind = err.get("type", "")
    if kind == "json_invalid":
        return Msg("{label}不是有效的JSON", label=BODY_LABEL)
    if kind in ("too_short", "too_long") and isinstance(err.get("input"), str):
        kind = f"string_{kind}"  # a length checked after normalising (``backend_mock.inputs.code``)
    if kind == "string_too_short" and err.get("input") in ("", None):
        kind = "missing"
    reason = (err.get("ctx") or {}).get("error", "") if kind == "value_error" else ""
    if isinstance(reason, Msg) or any("\u4e00" <= ch <= "\u9fff" for ch in str(reason)):
        return Msg("{label}：{reason}", label=label, reason=reason if isinstance(reason, Msg) else Msg(str(reason)))
    return Msg(_VALIDATION_PHRASES.get(kind, _OTHER_PHRASE), label=label)


def model_field_errors(model: type[BaseModel], errors: list[Any], prefix: str = "") -> list[dict[str, Any]]:
    """Errors of validating ``model`` directly (a part of a body checked by a service), in words."""
    return [
        {
            "field": prefix + ".".join(str(p) for p in err.get("loc", ())),
            "message": describe(field_label(model, list(err.get("loc", ()))), err),
            "type": err.get("type", ""),
        }
        for err in errors
    ]


def _field_errors(request: Request, exc: RequestValidationError) -> list[dict[str, Any]]:
    route = request.scope.get("route")
    fields = []
    for err in exc.errors():
        loc = list(err.get("loc", ()))
        where = str(loc[0]) if loc else "body"
        parts: list[str | int] = loc[1:]
        field = ".".join(str(p) for p in parts) or "body"
        model = _body_model(route) if where == "body" else None
        if err.get("type") == "json_invalid" or not parts:
            label = BODY_LABEL
        elif model is not None:
            label = field_label(model, parts)
        else:
            label, annotation = _param_label(route, where, str(parts[0]))
            if len(parts) > 1:
                label = Msg("{owner}的{part}", owner=label, part=field_label(unwrap_models(annotation), parts[1:]))
        fields.append({"field": field, "message": describe(label, err), "type": err.get("type", "")})
    return fields


def _allowed_methods(request: Request) -> str:
    """Every method of every route on the request's path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return ", ".join(sorted(methods))


def language_of(request: Request) -> str:
    """The language the request asks its answers in (``Accept-Language``; Chinese by default)."""
    return negotiate(request.headers.get("accept-language"))


def refusal(request: Request, code: str, message: str, details: Any = None, **kwargs: Any) -> JSONResponse:
    """The error envelope in the request's language (``code`` and the keys of ``details`` never change)."""
    language = language_of(request)
    headers = {**kwargs.pop("headers", {}), "Content-Language": language, "Vary": "Accept-Language"}
    body = envelope(code, render(message, language), render(details, language))
    return JSONResponse(body, headers=headers, **kwargs)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return refusal(request, exc.code, exc.message, exc.details, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = _field_errors(request, exc)
        language = language_of(request)
        messages = dict.fromkeys(render(f["message"], language) for f in fields)
        message = SEPARATORS[language].join(messages) or render(Msg("请求内容不正确"), language)
        return refusal(request, "validation_error", message, {"fields": fields}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {
            404: ("not_found", Msg("请求的地址不存在")),
            405: ("method_not_allowed", Msg("不支持该请求方式")),
            413: ("too_large", Msg("上传的内容过大")),
        }
        code, message = messages.get(exc.status_code, ("http_error", Msg("请求无法处理")))
        if exc.status_code == 400 and isinstance(exc.detail, str):
            code, message = "bad_request", Msg("请求格式不正确")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(request)  # required on 405 (RFC 9110)
        return refusal(request, code, message, status_code=exc.status_code, headers=headers)

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError) -> JSONResponse:
        # PostgreSQL refuses text with NUL characters (SQLite stores them): a malformed request
        if "NUL" in str(exc.orig):
            message = Msg("请求中含有不允许的控制字符（NUL），请删除后重试")
            return refusal(request, "invalid_character", message, status_code=400)
        if "out of range" in str(exc.orig):  # PostgreSQL: a number beyond its integer column
            return await _overflow(request, OverflowError(str(exc.orig)))
        return await _unexpected(request, exc)

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, _exc: OverflowError) -> JSONResponse:
        # a number from the request beyond what the database stores (SQLite: 64-bit integers)
        message = Msg("请求中的数字超出允许的范围，请检查后重试")
        return refusal(request, "number_out_of_range", message, status_code=400)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        import logging

        logging.getLogger("backend_mock").exception("unhandled error")
        return refusal(request, "server_error", Msg("服务器内部错误，请稍后重试"), status_code=500)
