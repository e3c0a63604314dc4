"""Wording of the tester panel: fault kinds, clock states, rule summaries (no widgets here).

Times are written the one way (``desktop.core.timefmt``), in Beijing time.
"""

from __future__ import annotations

from datetime import datetime

from desktop.api.mock import FAULT_DROP, FAULT_DROP_AFTER, FAULT_ERROR, FaultRule
from desktop.api.types import ClockState
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.tester.action import TITLE as TITLE  # the one name, kept with the light action

FAULT_KINDS: tuple[tuple[str, str], ...] = (
    (FAULT_ERROR, QT_TR_NOOP("错误响应（可带 Retry-After）")),
    (FAULT_DROP, QT_TR_NOOP("断开连接（请求未处理）")),
    (FAULT_DROP_AFTER, QT_TR_NOOP("处理后断开（已处理，回应丢失）")),
)
#: short names for the rule table
FAULT_KIND_NAMES = {
    FAULT_ERROR: QT_TR_NOOP("错误响应"),
    FAULT_DROP: QT_TR_NOOP("断开（未处理）"),
    FAULT_DROP_AFTER: QT_TR_NOOP("处理后断开"),
}
MODE_NAMES = {"demo": QT_TR_NOOP("演示模式"), "test": QT_TR_NOOP("测试模式"), "production": QT_TR_NOOP("生产模式")}
ERROR_STATUSES = (503, 500, 502, 504, 429)
METHODS = (QT_TR_NOOP("全部"), "GET", "POST", "PUT", "DELETE")
#: paths a tester picks most often (typed paths work too)
COMMON_PATHS = ("/", "/orders", "/registration", "/me", "/auth/login", "/auth/captcha", "/exams", "/ref", "/health")

NO_CONTROLS = QT_TR_NOOP("该服务器没有测试人员接口（生产模式）。请连接演示或测试模式的服务器。")
CLOCK_HINT = QT_TR_NOOP("移动时间后，服务器上已登录的会话可能因超时而结束（需重新登录）。")


def clock_text(now: datetime, state: ClockState) -> str:
    when = datetime_text(now, seconds=True)
    if state.is_real:
        return tr("{when}（真实时间）").format(when=when)
    if state.frozen:
        return tr("{when}（模拟时间，已冻结）").format(when=when)
    return tr("{when}（模拟时间，运行中）").format(when=when)


def jump_tooltip(label: str, session_name: str | None, at: datetime | None) -> str:
    if at is None:
        return tr("{label}：数据库中没有此后的考次（请先重置数据库）").format(label=label)
    return tr("{label}（{session}）：{time}").format(label=label, session=session_name, time=datetime_text(at))


def rule_cells(rule: FaultRule) -> list[str]:
    """The columns of the rule table: 路径 类型 概率 状态码 Retry-After 方法 次数 已触发."""
    is_error = rule.kind == FAULT_ERROR
    return [
        rule.path_prefix,
        tr(FAULT_KIND_NAMES[rule.kind]) if rule.kind in FAULT_KIND_NAMES else rule.kind,
        f"{rule.probability:.0%}",
        str(rule.status) if is_error else "—",
        tr("{seconds} 秒").format(seconds=rule.retry_after_seconds)
        if is_error and rule.retry_after_seconds is not None
        else "—",
        tr("、").join(rule.methods) or tr("全部"),
        tr("不限")
        if rule.times is None
        else tr("{times}（剩{remaining}）").format(times=rule.times, remaining=rule.remaining),
        str(rule.fired),
    ]
