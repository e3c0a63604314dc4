"""Wording of 报名报考: the window and its phases, times, payment channels.

Pure functions over the client's dataclasses, so the sentences can be tested without widgets.
Every time is written by ``desktop.core.timefmt`` (Beijing time, whatever the machine's zone).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.api.types import Order, RegistrationOverview
from desktop.core import timefmt
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr

CHANNELS: tuple[tuple[str, str], ...] = (
    ("alipay", QT_TR_NOOP("支付宝")),
    ("wechat", QT_TR_NOOP("微信支付")),
    ("unionpay", QT_TR_NOOP("银联")),
)
CHANNEL_NAMES = dict(CHANNELS)

PAYING_GUARD = QT_TR_NOOP("正在确认支付结果，请勿重复支付")
POLL_TIMED_OUT = QT_TR_NOOP("暂未查询到支付结果。如您已完成付款，请勿重复支付，稍后点击“刷新订单”查看最新状态。")


def window_text(o: RegistrationOverview) -> str:
    """``2027年4月考试 报考时间 2月20日 10:00 至 2月27日 17:00，第一阶段（仅限本市州考点）至2月23日 00:00``."""
    return tr("{session_name}考试 报考时间 {window_text}，第一阶段（仅限本市州考点）至{datetime_text}").format(
        session_name=o.session_name,
        window_text=timefmt.window_text(o.registration_open, o.registration_close),
        datetime_text=datetime_text(o.phase1_close, year=False),
    )


def phase_text(o: RegistrationOverview, home_prefecture_name: str = "") -> str:
    """Where the window stands now, in one sentence."""
    home = (
        tr("（{home_prefecture_name}）").format(home_prefecture_name=home_prefecture_name)
        if home_prefecture_name
        else ""
    )
    if o.phase == "before":
        return tr("报考尚未开始，将于{datetime_text}开放。").format(datetime_text=datetime_text(o.registration_open))
    if o.phase == "phase1":
        return tr("当前为第一阶段：只能选择本市州{home}的考点；{datetime_text}起可选择全省考点。").format(
            home=home, datetime_text=datetime_text(o.phase1_close, year=False)
        )
    if o.phase == "phase2":
        return tr("当前为第二阶段：可选择全省任意考点，报考于{datetime_text}截止。").format(
            datetime_text=datetime_text(o.registration_close, year=False)
        )
    if o.phase == "closed":
        return tr("本考次报考已于{datetime_text}结束。").format(datetime_text=datetime_text(o.registration_close))
    return o.phase_text


def rules_text(o: RegistrationOverview) -> str:
    return tr(
        "每门{value:.2f}元；每考次最多{max_courses}门，同一时段限报一门，所有课程在同一考点；"
        "逾期或每日{payment_cutoff}后未支付的订单自动关闭。"
    ).format(value=o.fee_per_course_fen / 100, max_courses=o.max_courses, payment_cutoff=o.payment_cutoff)


def time_left_text(order: Order, now: datetime) -> str:
    """The countdown of an unpaid order; ``now`` is the server's (``ServerClock.now()``)."""
    left = order.expires_at - now
    if left <= timedelta(0):
        return tr("支付时间已到，订单即将关闭…")
    minutes, seconds = divmod(int(left.total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    clock = (
        tr("{hours}小时{minutes:02d}分{seconds:02d}秒").format(hours=hours, minutes=minutes, seconds=seconds)
        if hours
        else tr("{minutes:02d}分{seconds:02d}秒").format(minutes=minutes, seconds=seconds)
    )
    until = datetime_text(order.expires_at, year=False)
    return tr("请在 {clock} 内完成支付（{until}前），逾期订单自动关闭，座位将被释放。").format(clock=clock, until=until)
