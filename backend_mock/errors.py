"""One JSON error envelope for every error: ``{"error": {"code", "message", "details"}}``.

``message`` is Chinese and says what to fix; ``code`` is stable for programs; ``details`` carries
field errors (validation) or the state that refused the request.
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

from backend_mock.inputs import FIELD_LABELS, unwrap_models


class ApiError(Exception):
    """A refusal the client should show: raise it from a router or a service."""

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


# pydantic error types → a Chinese phrase
_VALIDATION_PHRASES = {
    "missing": "必须填写",
    "string_too_short": "太短",
    "string_too_long": "太长",
    "too_short": "项数太少",
    "too_long": "项数太多",
    "string_pattern_mismatch": "格式不正确",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为是或否",
    "bool_type": "应为是或否",
    "enum": "不是允许的取值",
    "literal_error": "不是允许的取值",
    "greater_than": "太小",
    "greater_than_equal": "太小",
    "less_than": "太大",
    "less_than_equal": "太大",
    "datetime_parsing": "不是有效的时间",
    "datetime_type": "不是有效的时间",
    "datetime_from_date_parsing": "不是有效的时间",
    "date_parsing": "不是有效的日期",
    "date_type": "不是有效的日期",
    "date_from_datetime_parsing": "不是有效的日期",
    "string_type": "应为文字",
    "string_unicode": "应为文字",
    "model_attributes_type": "格式不正确",
    "model_type": "格式不正确",
    "dict_type": "格式不正确",
    "list_type": "应为列表",
    "extra_forbidden": "是不认识的项，请删除",
    "none_required": "不应填写",
}

#: what a whole body is called when it is wrong as a whole (broken JSON, a list instead of an object)
BODY_LABEL = "请求内容"
#: a field the route does not describe (should not happen: every request field has a label)
UNKNOWN_LABEL = "请求中的某一项"


def _param_label(route: Any, where: str, name: str) -> tuple[str, Any]:
    """The label and the annotation of the route's parameter ``name`` in ``where`` (body, query, ...)."""
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return FIELD_LABELS.get(name, UNKNOWN_LABEL), None
    params = {
        "body": dependant.body_params,
        "query": dependant.query_params,
        "path": dependant.path_params,
        "header": dependant.header_params,
    }.get(where, [])
    for param in params:
        if name in (param.name, param.alias):
            return param.field_info.title or FIELD_LABELS.get(name, UNKNOWN_LABEL), param.field_info.annotation
    return FIELD_LABELS.get(name, UNKNOWN_LABEL), None


def _body_model(route: Any) -> type[BaseModel] | None:
    """The model of a route's JSON body when the body is that model itself (not embedded)."""
    dependant = getattr(route, "dependant", None)
    params = dependant.body_params if dependant is not None else []
    if len(params) == 1 and not getattr(params[0].field_info, "embed", False):
        return unwrap_models(params[0].field_info.annotation)
    return None


def field_label(model: type[BaseModel] | None, parts: list[str | int]) -> str:
    """``parts`` (a pydantic ``loc`` below the model) in words: 个人简历第2项的职务."""
    words: list[str] = []
    for part in parts:
        if isinstance(part, int):
            words[-1:] = [f"{words[-1] if words else ''}第{part + 1}项"]
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            if model is not None:
                continue  # a union member's tag (``function-after[...]``), not a field
            words.append(FIELD_LABELS.get(part, UNKNOWN_LABEL))
            continue
        words.append(field.title or FIELD_LABELS.get(part, UNKNOWN_LABEL))
        model = unwrap_models(field.annotation)
    return "的".join(words) or BODY_LABEL


def describe(label: str, err: Mapping[str, Any]) -> str:
    """One pydantic error in words: the label and what is wrong (our validators explain in Chinese)."""
    kind = err.get("type", "")
    if kind == "json_invalid":
        return f"{BODY_LABEL}不是有效的JSON"
    if kind in ("too_short", "too_long") and isinstance(err.get("input"), str):
        kind = f"string_{kind}"  # a length checked after normalising (``backend_mock.inputs.code``)
    if kind == "string_too_short" and err.get("input") in ("", None):
        kind = "missing"
    reason = str((err.get("ctx") or {}).get("error", "")) if kind == "value_error" else ""
    if any("\u4e00" <= ch <= "\u9fff" for ch in reason):
        return f"{label}：{reason}"
    return f"{label}{_VALIDATION_PHRASES.get(kind, '不正确')}"


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
                label = f"{label}的{field_label(unwrap_models(annotation), parts[1:])}"
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


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            envelope(exc.code, exc.message, exc.details), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = _field_errors(_request, exc)
        message = "；".join(dict.fromkeys(f["message"] for f in fields)) or "请求内容不正确"
        return JSONResponse(envelope("validation_error", message, {"fields": fields}), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {
            404: ("not_found", "请求的地址不存在"),
            405: ("method_not_allowed", "不支持该请求方式"),
            413: ("too_large", "上传的内容过大"),
        }
        code, message = messages.get(exc.status_code, ("http_error", "请求无法处理"))
        if exc.status_code == 400 and isinstance(exc.detail, str):
            code, message = "bad_request", "请求格式不正确"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(request)  # required on 405 (RFC 9110)
        return JSONResponse(envelope(code, message), status_code=exc.status_code, headers=headers)

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError) -> JSONResponse:
        # PostgreSQL refuses text with NUL characters (SQLite stores them): a malformed request
        if "NUL" in str(exc.orig):
            message = "请求中含有不允许的控制字符（NUL），请删除后重试"
            return JSONResponse(envelope("invalid_character", message), status_code=400)
        if "out of range" in str(exc.orig):  # PostgreSQL: a number beyond its integer column
            return await _overflow(request, OverflowError(str(exc.orig)))
        return await _unexpected(request, exc)

    @app.exception_handler(OverflowError)
    async def _overflow(_request: Request, _exc: OverflowError) -> JSONResponse:
        # a number from the request beyond what the database stores (SQLite: 64-bit integers)
        message = "请求中的数字超出允许的范围，请检查后重试"
        return JSONResponse(envelope("number_out_of_range", message), status_code=400)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        import logging

        logging.getLogger("backend_mock").exception("unhandled error")
        return JSONResponse(envelope("server_error", "服务器内部错误，请稍后重试"), status_code=500)
