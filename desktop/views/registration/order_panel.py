"""One order as the examinee sees it: status, courses, amount, and what can be done next.

- 待支付: the time left before it closes, the payment channel, 去支付 / 取消订单.
- 交费中: "正在确认支付结果，请勿重复支付" and no pay button; while the page polls the order it
  says so, afterwards it offers 刷新订单.
- 已缴费: the paid courses, 保存回执单(PDF) / 打印回执单.
- 已关闭: why (cancelled, not paid in time, daily cut-off, window closed).
- 退款中 / 已退款: the refund of a payment that arrived after the order had closed.

The panel only shows and asks: the page does the requests (signals carry the order number).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.api.types import Order
from desktop.core.clock import ServerClock
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.registration_models import WITHDRAWN
from desktop.models.table import yuan
from desktop.views.registration.texts import (
    CHANNELS,
    PAYING_GUARD,
    POLL_TIMED_OUT,
    time_left_text,
)
from desktop.views.widgets.forms import hint

CHANNEL_MNEMONICS = {
    "alipay": QT_TR_NOOP("支付宝(&A)"),
    "wechat": QT_TR_NOOP("微信支付(&W)"),
    "unionpay": QT_TR_NOOP("银联(&U)"),
}


def _when(value: datetime | None) -> str:
    return datetime_text(value) if value is not None else ""


class OrderPanel(QFrame):
    pay_requested = Signal(str, str)  # order_no, channel
    cancel_requested = Signal(str)
    refresh_requested = Signal(str)
    save_receipt_requested = Signal(str)
    print_receipt_requested = Signal(str)
    expired = Signal(str)  # the time to pay ran out (the page asks the server)

    def __init__(self, now: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderPanel")
        #: the server's now (the page's ``ServerClock.now``): the countdown of an unpaid order
        self.now: Callable[[], datetime] = now if now is not None else ServerClock(parent=self).now
        self.setProperty("card", True)
        self.order: Order | None = None
        self.awaiting_result = False  # paid on the platform in this program, result not known yet
        self.polling: str | None = None  # "polling" | "stopped" | None
        self._expired_sent = False
        self._busy = False

        self.title_label = QLabel()
        self.title_label.setObjectName("orderTitle")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("orderStatus")
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label)
        title_row.addWidget(self.status_badge)
        title_row.addStretch(1)

        self.guard_label = QLabel(tr(PAYING_GUARD))
        self.guard_label.setObjectName("payingGuard")
        self.guard_label.setWordWrap(True)
        self.guard_label.hide()

        self.details_label = QLabel()
        self.details_label.setObjectName("orderDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.RichText)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.status_label = QLabel()
        self.status_label.setObjectName("orderStatusText")
        self.status_label.setWordWrap(True)

        # payment channel (待支付 only)
        self.channel_box = QWidget()
        channel_row = QHBoxLayout(self.channel_box)
        channel_row.setContentsMargins(0, 0, 0, 0)
        channel_row.addWidget(QLabel(tr("支付方式：")))
        self.channel_group = QButtonGroup(self)
        self.channel_buttons: dict[str, QRadioButton] = {}
        for code, _name in CHANNELS:
            button = QRadioButton(tr(CHANNEL_MNEMONICS[code]))
            button.setObjectName(f"channel_{code}")
            self.channel_group.addButton(button)
            self.channel_buttons[code] = button
            channel_row.addWidget(button)
        channel_row.addStretch(1)
        self.channel_buttons["alipay"].setChecked(True)

        self.pay_button = QPushButton(tr("去支付(&P)"))
        self.pay_button.setObjectName("payButton")
        self.pay_button.setDefault(False)
        self.cancel_button = QPushButton(tr("取消订单(&Q)"))
        self.cancel_button.setObjectName("cancelOrderButton")
        self.refresh_button = QPushButton(tr("刷新订单(&F)"))
        self.refresh_button.setObjectName("refreshOrderButton")
        self.save_button = QPushButton(tr("保存回执单(PDF)(&V)"))
        self.save_button.setObjectName("saveReceiptButton")
        self.print_button = QPushButton(tr("打印回执单(&R)"))
        self.print_button.setObjectName("printReceiptButton")
        buttons = QHBoxLayout()
        for push in (self.pay_button, self.cancel_button, self.refresh_button, self.save_button, self.print_button):
            buttons.addWidget(push)
        buttons.addStretch(1)

        self.note_label = hint()
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(title_row)
        layout.addWidget(self.guard_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.channel_box)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.pay_button.clicked.connect(self._pay_clicked)
        self.cancel_button.clicked.connect(lambda: self._emit(self.cancel_requested))
        self.refresh_button.clicked.connect(lambda: self._emit(self.refresh_requested))
        self.save_button.clicked.connect(lambda: self._emit(self.save_receipt_requested))
        self.print_button.clicked.connect(lambda: self._emit(self.print_receipt_requested))

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self.set_order(None)

    # --- what is shown -------------------------------------------------------------------------------
    @property
    def order_no(self) -> str | None:
        return self.order.order_no if self.order else None

    @property
    def channel(self) -> str:
        button = self.channel_group.checkedButton()
        return next((code for code, b in self.channel_buttons.items() if b is button), "alipay")

    @property
    def guard_shown(self) -> bool:
        return not self.guard_label.isHidden()

    def set_order(self, order: Order | None, *, awaiting_result: bool | None = None) -> None:
        if order is not None and self.order is not None and order.order_no != self.order.order_no:
            self.polling = None
            self.awaiting_result = False
            self.clear_error()
            self.note_label.clear()
        if order is None or (self.order is not None and order.order_no != self.order.order_no):
            self._expired_sent = False
        self.order = order
        if awaiting_result is not None:
            self.awaiting_result = awaiting_result
        self._render()

    def set_polling(self, state: str | None) -> None:
        self.polling = state
        self._render()

    def set_clock(self, now: Callable[[], datetime]) -> None:
        self.now = now
        self._tick()

    def set_busy(self, busy: bool) -> None:
        """A request about this order is on its way: no button may send another."""
        self._busy = busy
        self._render()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def show_note(self, text: str) -> None:
        self.note_label.setText(text)

    def _render(self) -> None:
        order = self.order
        self.setVisible(order is not None)
        if order is None:
            self._ticker.stop()
            return
        status = order.status
        waiting = status == "paying" or (status == "pending" and self.awaiting_result)
        self.title_label.setText(tr("订单 {order_no}").format(order_no=order.order_no))
        self.status_badge.setText(tr("交费中") if waiting else order.status_text)
        self.status_badge.setProperty("status", "paying" if waiting else status)
        self.status_badge.style().unpolish(self.status_badge)
        self.status_badge.style().polish(self.status_badge)
        self.details_label.setText(self._details_html(order))
        self.guard_label.setVisible(waiting)

        pending = status == "pending" and not waiting
        paid = status == "paid"
        self.channel_box.setVisible(pending)
        self.pay_button.setVisible(pending)
        self.cancel_button.setVisible(pending)
        self.refresh_button.setVisible(not pending and not paid and (not waiting or self.polling != "polling"))
        self.save_button.setVisible(paid)
        self.print_button.setVisible(paid)
        for button in (self.pay_button, self.cancel_button, self.refresh_button, self.save_button, self.print_button):
            button.setEnabled(not self._busy)
        self.channel_box.setEnabled(not self._busy)

        if pending:
            self._ticker.start()
            self._tick()
        else:
            self._ticker.stop()
            self.status_label.setText(self._status_text(order, waiting))

    def _status_text(self, order: Order, waiting: bool) -> str:
        if waiting:
            if self.polling == "polling":
                return tr("正在向支付平台查询支付结果（每2秒自动刷新）…")
            if self.polling == "stopped":
                return tr(POLL_TIMED_OUT)
            return tr("支付结果尚未返回。如您已完成付款，请勿重复支付，点击“刷新订单”查看最新状态。")
        withdrawn = [i for i in order.items if i.withdrawn]
        if withdrawn and order.refund is not None:
            refund = order.refund
            done = tr("，{when}退回").format(when=_when(refund.completed_at)) if refund.completed_at else ""
            names = tr("、").join(f"{i.course_code} {i.course_name}" for i in withdrawn)
            note = tr(
                "{names}的免考申请已审核通过，该课程的报考已撤销，报考费原路退回：退款单号 {refund_no}，"
                "金额 {yuan}元，{status_text}{done}。"
            ).format(
                names=names,
                refund_no=refund.refund_no,
                yuan=yuan(refund.amount_fen),
                status_text=refund.status_text,
                done=done,
            )
            if order.status == "paid":
                return tr("缴费成功（{when}）。{note}其余课程已报考。").format(when=_when(order.paid_at), note=note)
            return note
        if order.status == "paid":
            return tr("缴费成功（{when}），以上课程已报考。请保存或打印报考回执单。").format(when=_when(order.paid_at))
        if order.status == "closed":
            reason = order.close_reason_text or tr("订单已关闭")
            when = tr("（{when}）").format(when=_when(order.closed_at)) if order.closed_at else ""
            return tr("订单已关闭：{reason}{when}。所占座位已释放，如需报考请重新选择课程下单。").format(
                reason=reason, when=when
            )
        if order.status in ("refunding", "refunded") and order.refund is not None:
            refund = order.refund
            done = tr("，{when}退回").format(when=_when(refund.completed_at)) if refund.completed_at else ""
            return tr(
                "订单关闭后才收到的付款将原路退回：退款单号 {refund_no}，金额 {yuan}元，{status_text}{done}。"
            ).format(
                refund_no=refund.refund_no, yuan=yuan(refund.amount_fen), status_text=refund.status_text, done=done
            )
        if order.status in ("refunding", "refunded"):
            return tr("{status_text}：订单关闭后收到的付款将原路退回。").format(status_text=order.status_text)
        return order.status_text

    @staticmethod
    def _details_html(order: Order) -> str:
        rows = "".join(
            tr("<li><b>{course_code} {escape}</b>　{escape2}　{yuan}元{value}</li>").format(
                course_code=i.course_code,
                escape=html.escape(i.course_name),
                escape2=html.escape(i.slot_label),
                yuan=yuan(i.fee_fen),
                value=tr(WITHDRAWN) if i.withdrawn else "",
            )
            for i in order.items
        )
        fee = tr("课程报考费 {yuan}元").format(yuan=yuan(order.course_fee_fen))
        if order.record_card_fee_fen:
            fee += tr(" + 考籍证工本费 {yuan}元").format(yuan=yuan(order.record_card_fee_fen))
        return tr(
            '考点：{escape}（{escape2}）<ul style="margin-top: 4px; '
            'margin-bottom: 4px; margin-left: -20px;">{rows}</ul>{fee}，'
            "<b>合计 {amount_yuan}元</b><br/>下单时间：{when}"
        ).format(
            escape=html.escape(order.site_name),
            escape2=html.escape(order.site_address),
            rows=rows,
            fee=fee,
            amount_yuan=order.amount_yuan,
            when=_when(order.created_at),
        )

    # --- behaviour ------------------------------------------------------------------------------------
    def _tick(self) -> None:
        order = self.order
        if order is None or order.status != "pending" or self.awaiting_result:
            return
        now = self.now()
        self.status_label.setText(time_left_text(order, now))
        if order.expires_at <= now and not self._expired_sent:
            self._expired_sent = True
            self.expired.emit(order.order_no)

    def _emit(self, signal: SignalInstance) -> None:
        if self.order is not None and not self._busy:
            signal.emit(self.order.order_no)

    def _pay_clicked(self) -> None:
        if self.order is not None and not self._busy:
            self.pay_requested.emit(self.order.order_no, self.channel)
