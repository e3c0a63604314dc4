"""确认报考: the last look before the order is created (site, courses and times, fee)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.api.types import CourseOption, SiteOption
from desktop.i18n.tr import tr
from desktop.models.registration_models import FeeBreakdown
from desktop.models.table import yuan
from desktop.views.widgets.forms import hint


def confirm_html(site: SiteOption, courses: list[CourseOption], fee: FeeBreakdown) -> str:
    rows = "".join(
        f"<tr><td>{c.code}</td><td>{html.escape(c.name)}</td><td>{html.escape(c.slot_label or '')}</td></tr>"
        for c in courses
    )
    fee_rows = "".join(f"<tr><td>{html.escape(a)}</td><td align='right'>{b}</td></tr>" for a, b in fee.lines())
    return tr(
        "<p><b>考点：</b>{escape} {escape2} {escape3}<br/>地址：{escape4}</p><p><b>报考课程（{len}门）"
        '：</b></p><table cellspacing="0" cellpadding="3">{rows}</table><p><b>费用：'
        '</b></p><table cellspacing="0" cellpadding="3">{fee_rows}<tr><td><b>合计</b></td><td '
        "align='right'><b>{yuan}元</b></td></tr></table>"
    ).format(
        escape=html.escape(site.prefecture_name),
        escape2=html.escape(site.county_name),
        escape3=html.escape(site.name),
        escape4=html.escape(site.address),
        len=len(courses),
        rows=rows,
        fee_rows=fee_rows,
        yuan=yuan(fee.total_fen),
    )


class ConfirmOrderDialog(QDialog):
    """Window-modal, non-blocking (``open()``); ``accepted`` means: create the order."""

    def __init__(
        self, site: SiteOption, courses: list[CourseOption], fee: FeeBreakdown, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmOrderDialog")
        self.setWindowTitle(tr("确认报考"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        intro = QLabel(tr("请核对以下报考信息。提交后将生成订单并为您保留考位，请在规定时间内完成支付。"))
        intro.setWordWrap(True)
        self.summary = QLabel(confirm_html(site, courses, fee))
        self.summary.setObjectName("confirmSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = hint(tr("已缴费的课程不能退考，也不能更换考点。"))
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(tr("提交订单(&T)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("submitOrderButton")
        self.ok_button.setDefault(True)
        back = self.buttons.addButton(tr("返回修改(&E)"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.ok_button.setFocus()
