"""What a request body may hold: strict types, stored-text rules, identifying numbers, field labels.

The classes of input (docs/rules.md, "Input classes"):

- every request body derives from ``RequestModel``: strict types, so ``true`` is not the number 1 and
  ``"1"`` is not an integer; dates stay ISO text (``DateIn``/``DateTimeIn`` in ``backend_mock.schemas``)
  and enumerations their values (``Lax``), because FastAPI validates the parsed JSON in Python mode;
- every text is ``OneLineText`` (no control or format characters) or ``MultiLineText`` (also tabs and
  line breaks, for bodies, reasons and resumes);
- numbers and codes that identify a person or a thing are ``CodeText``: normalised by
  ``zikao_common.numbers.normalise_number`` (the client uses the same function) and refused unless ASCII;
- every field has a label in words (``FIELD_LABELS``, or ``Field(title=...)`` where a name means
  something else in one body): the 422 handler in ``backend_mock.errors`` names fields by their label.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetJsonSchemaHandler,
    Strict,
    ValidationInfo,
    field_validator,
)
from pydantic.fields import ComputedFieldInfo, FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from zikao_common.numbers import NOT_ASCII_RULE, normalise_number

CONTROL_RULE = "不能含有控制字符或不可见的格式字符，请删除后重试"
LINE_RULE = "只能填写一行文字，不能含有换行、制表符或其他控制字符"
ALLOWED_IN_LINES = frozenset("\t\n")

#: labels of request fields by wire name (one table for every body: a name means one thing)
FIELD_LABELS: dict[str, str] = {
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
    "province_code": "省份",
    "photo": "照片",
    "file": "文件",
    "publish_at": "发布时间",
    "date_from": "开始日期",
    "date_to": "截止日期",
    "body": "正文",
    "title": "标题",
    "category": "栏目",
    "publisher": "发布单位",
    "reason": "原因",
    "comment": "意见",
    "note": "说明",
    "basis": "免考依据",
    "gender": "性别",
    "kind": "类型",
    "site_id": "考点",
    "course_codes": "报考课程",
    "course_code": "课程代码",
    "course_name": "课程名称",
    "session_code": "考试批次",
    "session": "考试批次",
    "score": "成绩",
    "corrected_score": "更正后的成绩",
    "passed_courses": "已合格课程门数",
    "courses": "课程",
    "channel": "支付方式",
    "notify_id": "通知编号",
    "payment_no": "支付单号",
    "order_no": "订单号",
    "amount_fen": "金额",
    "status": "状态",
    "event_at": "发生时间",
    "signature": "签名",
    "decision": "审核结论",
    "username": "用户名",
    "role": "角色",
    "active": "是否启用",
    "data": "申请内容",
    "file_ids": "材料文件",
    "slot_id": "预约时段",
    "purpose": "办理事项",
    "resume": "个人简历",
    "start": "起始年月",
    "end": "截止年月",
    "unit": "单位或学校",
    "self_assessment": "自我鉴定",
    "materials": "材料",
    "id_copy": "身份证复印件",
    "prior_diploma": "前置学历证书",
    "receipt": "缴费凭证",
    "now": "时间",
    "offset_seconds": "时间偏移",
    "advance_seconds": "前进秒数",
    "frozen": "是否冻结时钟",
    "scenario": "场景",
    "seed_size": "生成考生人数",
    "latency_ms": "延迟",
    "jitter_ms": "延迟抖动",
    "rules": "故障规则",
    "path_prefix": "路径前缀",
    "probability": "概率",
    "retry_after_seconds": "重试等待秒数",
    "methods": "请求方式",
    "times": "次数",
    "delay_seconds": "通知延迟",
    "duplicate": "重复通知",
    "lost": "丢失通知",
    "out_of_order": "乱序通知",
    "capacity": "同时办理人数",
    "count": "模拟排队人数",
    # query and path parameters
    "submitted_from": "提交日期起",
    "submitted_to": "提交日期止",
    "account_id": "账号",
    "action": "操作",
    "actor": "操作人",
    "application_no": "申请编号",
    "appointment_no": "预约编号",
    "attachment_id": "附件",
    "by": "排序方式",
    "day": "日期",
    "examinee_id": "考生",
    "file_id": "文件",
    "item_id": "事项",
    "key": "审核队列",
    "limit": "条数",
    "notice_id": "公告",
    "offset": "起始位置",
    "page": "页码",
    "page_size": "每页条数",
    "q": "搜索内容",
    "review_no": "复核编号",
    "unread_only": "只看未读",
    "with_bodies": "含正文",
    "defer": "推迟更新",
    "closing_time": "下班时间",
}


def label_of(name: str, _info: FieldInfo | ComputedFieldInfo | None = None) -> str:
    """A field's label in words; the wire name only when the table lacks it (a test finds those)."""
    return FIELD_LABELS.get(name, name)


def _has_control(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in allowed for ch in text)


def one_line(value: str) -> str:
    if _has_control(value):
        raise ValueError(LINE_RULE if any(ch in value for ch in "\t\r\n") else CONTROL_RULE)
    return value


def multi_line(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")  # line ends of other systems
    if _has_control(value, ALLOWED_IN_LINES):
        raise ValueError(CONTROL_RULE)
    return value


def code(value: str) -> str:
    number = normalise_number(value)
    if not number.isascii():
        raise ValueError(NOT_ASCII_RULE)
    if not number.isprintable():
        raise ValueError(CONTROL_RULE)
    return number


def _char_class(chars: list[int], negate: bool = False) -> str:
    """A regex character class of ``chars`` (code points, ascending), as ranges (``negate``: all others)."""
    parts: list[str] = []
    start = prev = chars[0]
    for c in [*chars[1:], -1]:
        if c == prev + 1:
            prev = c
            continue
        first, last = (f"\\u{x:04x}" if x <= 0xFFFF else chr(x) for x in (start, prev))
        parts.append(first if start == prev else f"{first}-{last}")
        start = prev = c
    return ("[^" if negate else "[") + "".join(parts) + "]"


@cache
def _patterns() -> dict[str, str]:
    """What each text type accepts, as a JSON-schema pattern (the OpenAPI document tells clients and fuzzers)."""
    control: list[int] = []  # Cc and Cf
    dropped: list[int] = []  # Cf: dropped from numbers
    printable: list[int] = []  # a character of a number: printable ASCII after NFKC and upper case
    inner_spaces: list[int] = []  # read as a space (kept inside a number)
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        category = unicodedata.category(ch)
        if category in ("Cn", "Co", "Cs"):  # unassigned, private, surrogates: none of the above
            continue
        normal = unicodedata.normalize("NFKC", ch).upper()
        if category in ("Cc", "Cf"):
            control.append(c)
        if category == "Cf":
            dropped.append(c)
        if normal == " ":
            inner_spaces.append(c)
        elif len(normal) == 1 and normal.isascii() and normal.isprintable() and not normal.isspace():
            printable.append(c)
    core, middle = _char_class(printable), _char_class(sorted({*printable, *inner_spaces}))
    line_ends = ALLOWED_IN_LINES | {"\r"}  # CR is read as a line end (``multi_line``)
    return {
        "one_line": f"^{_char_class(control, negate=True)}*$",
        "multi_line": f"^{_char_class([c for c in control if chr(c) not in line_ends], negate=True)}*$",
        # what normalises to itself's length: the trimmed and the dropped characters are accepted too, but
        # not documented (a schema's lengths count what was sent, the server's what was normalised)
        "code": f"^(?:{core}(?:{middle}*{core})?)?$",
    }


@dataclass(frozen=True)
class _Documented:
    """Adds the pattern of a text type to its JSON schema (computed once, when the schema is first built)."""

    kind: str

    def __get_pydantic_json_schema__(self, core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core)
        schema.setdefault("pattern", _patterns()[self.kind])
        return schema


#: a text of one line (names, titles, publishers, passwords, tokens)
OneLineText = Annotated[str, AfterValidator(one_line), _Documented("one_line")]
#: a text with lines (notice bodies, reasons, comments, self-assessments)
MultiLineText = Annotated[str, AfterValidator(multi_line), _Documented("multi_line")]
#: a number or code that identifies a person or a thing, normalised (zikao_common.numbers)
CodeText = Annotated[str, AfterValidator(code), _Documented("code")]
#: a value strict mode would refuse from parsed JSON although it is right (ISO dates, enum values)
Lax = Strict(False)


class RequestModel(BaseModel):
    """Base of every request body: strict types, every field labelled (``FIELD_LABELS``)."""

    model_config = ConfigDict(strict=True, field_title_generator=label_of)

    @field_validator("*", mode="before")
    @classmethod
    def _whole_floats_are_integers(cls, value: Any, info: ValidationInfo) -> Any:
        """JSON writes an integer as ``73`` or ``73.0`` (JSON Schema counts both as integers): a
        whole float for an integer field is that integer.  ``true``, ``"73"`` and ``73.5`` stay
        refused."""
        if type(value) is float and value.is_integer() and info.field_name is not None:
            annotation = cls.model_fields[info.field_name].annotation
            if annotation is int or int in get_args(annotation):
                return int(value)
        return value


def unwrap_models(annotation: Any) -> type[BaseModel] | None:
    """The request model inside ``annotation`` (``X``, ``X | None``, ``list[X]``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = unwrap_models(arg)
        if found is not None:
            return found
    return None
