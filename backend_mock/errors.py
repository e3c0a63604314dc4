"""One JSON error envelope for every error: ``{"error": {"code", "message", "details"}}``.

``message`` is Chinese and says what to fix; ``code`` is stable for programs; ``details`` carries
field errors (validation) or the state that refused the request.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match


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
    "string_pattern_mismatch": "格式不正确",
    "int_parsing": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为是或否",
    "json_invalid": "无法识别",
    "enum": "不是允许的取值",
    "literal_error": "不是允许的取值",
    "greater_than_equal": "太小",
    "less_than_equal": "太大",
    "datetime_parsing": "不是有效的时间",
    "date_parsing": "不是有效的日期",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "model_attributes_type": "格式不正确",
    "dict_type": "应为对象",
    "list_type": "应为列表",
}

FIELD_LABELS = {
    "account": "账号",
    "password": "密码",
    "new_password": "新密码",
    "old_password": "原密码",
    "captcha_id": "验证码编号",
    "captcha_answer": "验证码",
    "exam_no": "准考证号",
    "id_number": "身份证号",
    "phone": "手机号",
    "new_phone": "新手机号",
    "sms_code": "短信验证码",
    "name": "姓名",
    "major_id": "报考专业",
    "county_code": "区县",
    "prefecture_code": "市州",
    "photo": "照片",
    "publish_at": "发布时间",
    "date_from": "开始日期",
    "date_to": "截止日期",
    "body": "请求内容",
    "account_id": "账号",
    "action": "操作",
    "active": "启用状态",
    "actor": "操作人",
    "advance_seconds": "拨快的秒数",
    "amount_fen": "金额",
    "application_no": "申请编号",
    "appointment_no": "预约编号",
    "attachment_id": "附件",
    "by": "排序方式",
    "category": "类别",
    "channel": "支付方式",
    "comment": "意见",
    "corrected_score": "更正后的成绩",
    "course_code": "课程",
    "course_codes": "课程",
    "data": "内容",
    "day": "日期",
    "decision": "审核结论",
    "delay_seconds": "延迟秒数",
    "duplicate": "重复通知",
    "end": "结束时间",
    "event_at": "发生时间",
    "examinee_id": "考生",
    "file": "文件",
    "file_id": "文件",
    "file_ids": "文件",
    "frozen": "冻结",
    "id_copy": "身份证复印件",
    "item_id": "事项",
    "jitter_ms": "抖动毫秒数",
    "key": "键",
    "kind": "类型",
    "latency_ms": "延迟毫秒数",
    "limit": "条数",
    "lost": "丢失通知",
    "materials": "材料",
    "methods": "请求方式",
    "notice_id": "公告",
    "notify_id": "通知编号",
    "now": "时间",
    "offset": "起始位置",
    "offset_seconds": "时间偏移秒数",
    "order_no": "订单号",
    "out_of_order": "乱序通知",
    "page": "页码",
    "page_size": "每页条数",
    "path_prefix": "地址前缀",
    "payment_no": "支付流水号",
    "prior_diploma": "前置学历证书",
    "probability": "概率",
    "publisher": "发布单位",
    "purpose": "用途",
    "q": "搜索内容",
    "reason": "理由",
    "receipt": "回执",
    "resume": "个人简历",
    "retry_after_seconds": "重试等待秒数",
    "review_no": "复核编号",
    "role": "角色",
    "rules": "规则",
    "scenario": "场景",
    "seed_size": "生成考生数",
    "self_assessment": "自我鉴定",
    "session_code": "考次",
    "signature": "签名",
    "site_id": "考点",
    "slot_id": "时段",
    "start": "开始时间",
    "status": "状态",
    "times": "次数",
    "title": "标题",
    "unit": "单位",
    "unread_only": "只看未读",
    "username": "用户名",
    "with_bodies": "含正文",
}

#: what a field without a label is called (a person never reads a wire name)
UNNAMED_FIELD = "提交的内容"


def field_label(loc: list[str]) -> str:
    """The Chinese name of the field at ``loc`` (its last name that is not a list index)."""
    names = [part for part in loc if not part.isdigit()]
    return FIELD_LABELS.get(names[-1] if names else "body", UNNAMED_FIELD)


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    fields = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header", "form")]
        field = ".".join(loc) or "body"
        kind = err.get("type", "")
        if kind == "string_too_short" and err.get("input") in ("", None):
            kind = "missing"
        label = field_label(loc)
        reason = str((err.get("ctx") or {}).get("error", "")) if kind == "value_error" else ""
        if any("\u4e00" <= ch <= "\u9fff" for ch in reason):  # our own validators explain in Chinese
            fields.append({"field": field, "message": f"{label}：{reason}", "type": kind})
            continue
        phrase = _VALIDATION_PHRASES.get(kind, "不正确")
        fields.append({"field": field, "message": f"{label}{phrase}", "type": kind})
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
        fields = _field_errors(exc)
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
