"""Wording of 报名报考: the window and its phases, times, payment channels.

Pure functions over the client's dataclasses, so the sentences can be tested without widgets.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.api.types import Order, RegistrationOverview

CHANNELS: tuple[tuple[str, str], ...] = (("alipay", "支付宝"), ("wechat", "微信支付"), ("unionpay", "银联"))
CHANNEL_NAMES = dict(CHANNELS)

PAYING_GUARD = "正在确认支付结果，请勿重复支付"
POLL_TIMED_OUT = "暂未查询到支付结果。如您已完成付款，请勿重复支付，稍后点击“刷新订单”查看最新状态。"


def month_day_time(value: datetime) -> str:
    """``2月20日10:00``."""
    return f"{value.month}月{value.day}日{value.hour}:{value.minute:02d}"


def full_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"


def window_text(o: RegistrationOverview) -> str:
    """``2027年4月考试 报考时间 2月20日10:00–2月27日17:00，第一阶段（仅限本市州考点）至2月23日0:00``."""
    return (
        f"{o.session_name}考试 报考时间 {month_day_time(o.registration_open)}–{month_day_time(o.registration_close)}，"
        f"第一阶段（仅限本市州考点）至{month_day_time(o.phase1_close)}"
    )


def phase_text(o: RegistrationOverview, home_prefecture_name: str = "") -> str:
    """Where the window stands now, in one sentence."""
    home = f"（{home_prefecture_name}）" if home_prefecture_name else ""
    if o.phase == "before":
        return f"报考尚未开始，将于{full_datetime(o.registration_open)}开放。"
    if o.phase == "phase1":
        return f"当前为第一阶段：只能选择本市州{home}的考点；{month_day_time(o.phase1_close)}起可选择全省考点。"
    if o.phase == "phase2":
        return f"当前为第二阶段：可选择全省任意考点，报考于{month_day_time(o.registration_close)}截止。"
    if o.phase == "closed":
        return f"本考次报考已于{full_datetime(o.registration_close)}结束。"
    return o.phase_text


def rules_text(o: RegistrationOverview) -> str:
    return (
        f"每门{o.fee_per_course_fen / 100:.2f}元；每考次最多{o.max_courses}门，同一时段限报一门，所有课程在同一考点；"
        f"逾期或每日{o.payment_cutoff}后未支付的订单自动关闭。"
    )


def time_left_text(order: Order, server_now: datetime) -> str:
    left = order.expires_at - server_now
    if left <= timedelta(0):
        return "支付时间已到，订单即将关闭…"
    minutes, seconds = divmod(int(left.total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    clock = f"{hours}小时{minutes:02d}分{seconds:02d}秒" if hours else f"{minutes:02d}分{seconds:02d}秒"
    return f"请在 {clock} 内完成支付（{month_day_time(order.expires_at)}前），逾期订单自动关闭，座位将被释放。"
