"""Wording of the tester panel: fault kinds, clock states, rule summaries (no widgets here).

Times are written the one way (``desktop.core.timefmt``), in Beijing time.
"""

from __future__ import annotations

from datetime import datetime

from desktop.api.mock import FAULT_DROP, FAULT_DROP_AFTER, FAULT_ERROR, FaultRule
from desktop.api.types import ClockState
from desktop.core.timefmt import datetime_text
from desktop.views.tester.action import TITLE as TITLE  # the one name, kept with the light action

FAULT_KINDS: tuple[tuple[str, str], ...] = (
    (FAULT_ERROR, "错误响应（可带 Retry-After）"),
    (FAULT_DROP, "断开连接（请求未处理）"),
    (FAULT_DROP_AFTER, "处理后断开（已处理，回应丢失）"),
)
#: short names for the rule table
FAULT_KIND_NAMES = {FAULT_ERROR: "错误响应", FAULT_DROP: "断开（未处理）", FAULT_DROP_AFTER: "处理后断开"}
MODE_NAMES = {"demo": "演示模式", "test": "测试模式", "production": "生产模式"}
ERROR_STATUSES = (503, 500, 502, 504, 429)
METHODS = ("全部", "GET", "POST", "PUT", "DELETE")
#: paths a tester picks most often (typed paths work too)
COMMON_PATHS = ("/", "/orders", "/registration", "/me", "/auth/login", "/auth/captcha", "/exams", "/ref", "/health")

NO_CONTROLS = "该服务器没有测试人员接口（生产模式）。请连接演示或测试模式的服务器。"
CLOCK_HINT = "移动时间后，服务器上已登录的会话可能因超时而结束（需重新登录）。"


def clock_text(now: datetime, state: ClockState) -> str:
    when = datetime_text(now, seconds=True)
    if state.is_real:
        return f"{when}（真实时间）"
    return f"{when}（模拟时间，{'已冻结' if state.frozen else '运行中'}）"


def jump_tooltip(label: str, session_name: str | None, at: datetime | None) -> str:
    if at is None:
        return f"{label}：数据库中没有此后的考次（请先重置数据库）"
    return f"{label}（{session_name}）：{datetime_text(at)}"


def rule_cells(rule: FaultRule) -> list[str]:
    """The columns of the rule table: 路径 类型 概率 状态码 Retry-After 方法 次数 已触发."""
    is_error = rule.kind == FAULT_ERROR
    return [
        rule.path_prefix,
        FAULT_KIND_NAMES.get(rule.kind, rule.kind),
        f"{rule.probability:.0%}",
        str(rule.status) if is_error else "—",
        f"{rule.retry_after_seconds} 秒" if is_error and rule.retry_after_seconds is not None else "—",
        "、".join(rule.methods) or "全部",
        "不限" if rule.times is None else f"{rule.times}（剩{rule.remaining}）",
        str(rule.fired),
    ]
