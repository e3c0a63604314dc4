"""报考回执单 (registration receipt) of a paid order, built with the one document renderer."""

from __future__ import annotations

from datetime import datetime

from desktop.api.types import Order, Profile
from desktop.core import timefmt
from desktop.documents import render as doc
from desktop.models.table import session_name, yuan

TITLE = "报考回执单"
RECEIPT_NOTES = (
    "本回执单是您已完成网上报考并缴费的凭证，请妥善保管。",
    "已缴费的课程不能退考、不能更换考点，报考费不予退还。",
    "请在准考证打印时间内登录本系统打印准考证，凭准考证和有效身份证件参加考试。",
    "考试时间以湖南省教育考试院公布的考试安排为准。",
)


def receipt_file_name(order: Order) -> str:
    return f"报考回执单_{order.session_code}_{order.order_no}.pdf"


def receipt_html(order: Order, profile: Profile, *, printed_at: datetime) -> str:
    """The receipt of ``order`` for ``profile`` (the ID number comes masked from the server).

    ``printed_at`` is the server's now (``ServerClock.now()``); every time is printed in Beijing time.
    """
    if order.status != "paid":
        raise ValueError(f"order {order.order_no} is not paid ({order.status})")
    session = session_name(order.session_code, chinese=True)
    people = doc.kv_table(
        [
            ("姓名", profile.name),
            ("准考证号", profile.exam_no),
            ("身份证号", profile.id_number_masked),
            ("考次", f"{session}高等教育自学考试"),
            ("专业", f"{profile.major_code} {profile.major_name}（{profile.level}）"),
            ("主考学校", profile.university_name),
            ("考点", order.site_name),
            ("考点地址", order.site_address),
        ]
    )
    courses = doc.data_table(
        ["序号", "课程代码", "课程名称", "考试时间", "报考费（元）"],
        [
            [str(n), item.course_code, item.course_name, item.slot_label, yuan(item.fee_fen)]
            for n, item in enumerate(order.items, start=1)
        ]
        + ([["", "", "考籍证工本费", "", yuan(order.record_card_fee_fen)]] if order.record_card_fee_fen else []),
        widths=[7, 12, 31, 34, 16],
        align=["center", "center", "left", "left", "right"],
        total=["", "", "合计", "", yuan(order.amount_fen)],
    )
    payment = doc.kv_table(
        [
            ("订单号", order.order_no),
            ("订单状态", order.status_text),
            ("缴费金额", f"{yuan(order.amount_fen)}元"),
            ("缴费时间", timefmt.datetime_text(order.paid_at, chinese=True) if order.paid_at else ""),
        ]
    )
    return doc.document(
        TITLE,
        doc.section("考生信息"),
        people,
        doc.section("报考课程"),
        courses,
        doc.section("缴费信息"),
        payment,
        doc.notes("注意事项", list(RECEIPT_NOTES)),
        subtitle=f"{session}考次",
        printed_at=printed_at,
        verification=f"验证：登录湖南自考自助服务系统，在“报名报考 → 我的订单”中查询订单号 {order.order_no}。",
    )
