"""The payment window: the mock payment platform's cashier page for one payment.

In real life this page belongs to the payment platform (支付宝/微信支付/银联), not to the
examination authority; the mock backend imitates it under ``/payplatform``.  The page shows the
merchant, what is paid for and the amount; the examinee picks a channel and confirms or cancels.
Confirming the same payment twice charges once (one payment number, one charge), so after a
network failure the examinee may simply press 确认支付 again.  Closing the window cancels the
payment on the platform, so the order can be paid again.

The result reaches the examination authority asynchronously (the platform notifies the backend):
the page polls the order afterwards.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ConnectionFailed, RequestTimeout, ServerError
from desktop.api.types import PayPage
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.table import yuan
from desktop.views.registration.texts import CHANNEL_NAMES, CHANNELS
from desktop.views.widgets.forms import ErrorLine, hint

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)

CHANNEL_ICONS = {"alipay": "fa5b.alipay", "wechat": "fa5b.weixin", "unionpay": "fa5s.credit-card"}
CHANNEL_COLOURS = {"alipay": "#1677ff", "wechat": "#07c160", "unionpay": "#d7000f"}
CHANNEL_LABELS = {
    "alipay": QT_TR_NOOP("支付宝(&A)"),
    "wechat": QT_TR_NOOP("微信支付(&W)"),
    "unionpay": QT_TR_NOOP("银联(&U)"),
}
DEMO_NOTE = QT_TR_NOOP("这是演示用的模拟支付平台，不会产生真实扣款。")


class PaymentDialog(QDialog):
    paid = Signal(str)  # payment_no: the platform took the money
    cancelled = Signal(str)  # payment_no: the examinee gave up (or closed the window)

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        page: PayPage,
        order_no: str,
        channel: str = "alipay",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(tr("收银台 — {merchant}").format(merchant=page.merchant))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.client = client
        self.runner = runner
        self.page = page
        self.order_no = order_no
        self.result_state: str | None = None  # paid | cancelled
        self._working = False

        brand = QLabel(tr("安全支付 · 收银台"))
        brand.setObjectName("payBrand")
        merchant = QLabel(page.merchant)
        merchant.setObjectName("payMerchant")
        head = QHBoxLayout()
        head.addWidget(brand)
        head.addStretch(1)
        head.addWidget(merchant)

        self.amount_label = QLabel(f"¥ {yuan(page.amount_fen)}")
        self.amount_label.setObjectName("payAmount")
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amount_label.setAccessibleName(tr("应付金额 {yuan} 元").format(yuan=yuan(page.amount_fen)))

        info = QFormLayout()
        info.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for caption, value in (
            (tr("收款方"), page.merchant),
            (tr("商品"), page.subject),
            (tr("商户订单号"), order_no),
            (tr("支付单号"), page.payment_no),
        ):
            value_label = QLabel(value)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value_label.setWordWrap(True)
            info.addRow(tr("{caption}：").format(caption=caption), value_label)

        self.channel_group = QButtonGroup(self)
        self.channel_buttons: dict[str, QRadioButton] = {}
        channels_box = QFrame()
        channels_box.setObjectName("payChannels")
        channels_layout = QVBoxLayout(channels_box)
        channels_layout.addWidget(QLabel(tr("选择支付方式：")))
        offered = [code for code, _ in CHANNELS if not page.channels or code in page.channels]
        for code in offered:
            button = QRadioButton(tr(CHANNEL_LABELS.get(code, CHANNEL_NAMES.get(code, code))))
            button.setObjectName(f"pay_{code}")
            button.setIcon(_channel_icon(code))
            self.channel_group.addButton(button)
            self.channel_buttons[code] = button
            channels_layout.addWidget(button)
        first = channel if channel in self.channel_buttons else (offered[0] if offered else "")
        if first:
            self.channel_buttons[first].setChecked(True)

        note = hint(tr(DEMO_NOTE))

        self.error_label = ErrorLine()  # keeps its room: a message never squeezes what is above it

        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(tr("确认支付(&P)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("confirmPayButton")
        self.confirm_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(tr("取消(&C)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancelPayButton")
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.amount_label)
        layout.addLayout(info)
        layout.addWidget(channels_box)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.confirm_button.setFocus()

    # --- state -----------------------------------------------------------------------------------------
    @property
    def working(self) -> bool:
        return self._working

    @property
    def channel(self) -> str:
        button = self.channel_group.checkedButton()
        return next((code for code, b in self.channel_buttons.items() if b is button), "alipay")

    def _set_working(self, working: bool, text: str = "") -> None:
        self._working = working
        self.confirm_button.setEnabled(not working)
        self.cancel_button.setEnabled(not working)
        for button in self.channel_buttons.values():
            button.setEnabled(not working)
        self.confirm_button.setText(text if working and text else tr("确认支付(&P)"))

    # --- confirm ---------------------------------------------------------------------------------------
    def confirm(self) -> None:
        if self._working or self.result_state is not None:
            return
        self.error_label.clear_message()
        self._set_working(True, tr("正在支付…"))
        client, payment_no, channel = self.client, self.page.payment_no, self.channel
        self.runner.run(
            lambda: client.payplatform.confirm(payment_no, channel), self._confirmed, self._confirm_failed, owner=self
        )

    def _confirmed(self, page: PayPage) -> None:
        self._set_working(False)
        self.page = page
        if page.status == "paid":
            log.info("payment %s confirmed on the platform", page.payment_no)
            self.result_state = "paid"
            self.paid.emit(page.payment_no)
            self.done(QDialog.DialogCode.Accepted)
        elif page.status == "cancelled":
            self._show_error(tr("该笔支付已取消，请关闭本窗口后重新发起支付。"))
        else:
            self._show_error(tr("支付未完成，请重试。"))

    def _confirm_failed(self, exc: Exception) -> None:
        self._set_working(False)
        if isinstance(exc, ConnectionFailed | RequestTimeout | ServerError):
            self._show_error(
                tr("{user_message}\n支付结果未知。可再次点击“确认支付”：同一笔支付不会重复扣款。").format(
                    user_message=user_message(exc)
                )
            )
        else:
            self._show_error(user_message(exc))

    # --- cancel ------------------------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel (button, Esc or closing the window): cancel the payment on the platform first."""
        if self._working:
            return
        if self.result_state is not None:
            super().reject()
            return
        self.error_label.clear_message()
        self._set_working(True)
        self.cancel_button.setText(tr("正在取消…"))
        client, payment_no = self.client, self.page.payment_no
        self.runner.run(lambda: client.payplatform.cancel(payment_no), self._cancel_done, self._cancel_done, owner=self)

    def _cancel_done(self, result: object) -> None:
        self._set_working(False)
        self.cancel_button.setText(tr("取消(&C)"))
        if isinstance(result, PayPage) and result.status == "paid":
            # it had been paid after all (e.g. confirmed from another window): say so, never hide a charge
            self.result_state = "paid"
            self.paid.emit(result.payment_no)
            self.done(QDialog.DialogCode.Accepted)
            return
        if isinstance(result, Exception):
            log.info("cancelling payment %s failed: %s", self.page.payment_no, user_message(result))
        self.result_state = "cancelled"
        self.cancelled.emit(self.page.payment_no)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result_state is None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._working:
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_error(self, text: str) -> None:
        self.error_label.show_message(text)


def _channel_icon(code: str):  # type: ignore[no-untyped-def]
    from desktop.resources.icons import icon

    return icon(CHANNEL_ICONS.get(code, "fa5s.credit-card"), CHANNEL_COLOURS.get(code, "#2b5797"))
