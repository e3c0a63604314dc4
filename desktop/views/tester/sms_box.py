"""The mock SMS outbox: the codes the server "sent" (newest first)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.api.client import ApiClient
from desktop.api.types import SmsMessage
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import datetime_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.widgets.tables import SelectionMode, setup_table

Report = Callable[[str, bool], None]
PURPOSES = {"reset_password": QT_TR_NOOP("找回密码"), "change_phone": QT_TR_NOOP("更换手机号")}
HEADERS = (QT_TR_NOOP("时间"), QT_TR_NOOP("手机号"), QT_TR_NOOP("用途"), QT_TR_NOOP("验证码"), QT_TR_NOOP("内容"))


class SmsBox(QGroupBox):
    def __init__(self, client: ApiClient, runner: TaskRunner, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(tr("短信发件箱（模拟）"), parent)
        self.setObjectName("testerSms")
        self.client = client
        self.runner = runner
        self._report = report
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("smsTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        setup_table(self.table, selection=SelectionMode.ExtendedSelection)
        self.count_label = QLabel()
        self.refresh_button = QPushButton(tr("刷新短信(&M)"))
        self.refresh_button.clicked.connect(self.load)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)

    def load(self) -> None:
        self.runner.run(self.client.mock.sms_outbox, self._loaded, self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        from desktop.core.errors import user_message

        self._report(tr("短信读取失败：{reason}").format(reason=user_message(exc)), True)

    def _loaded(self, messages: list[SmsMessage]) -> None:
        self.table.setRowCount(len(messages))
        for row, m in enumerate(messages):
            cells = (
                datetime_text(m.sent_at, year=False),
                m.phone,
                tr(PURPOSES[m.purpose]) if m.purpose in PURPOSES else m.purpose,
                m.code,
                m.text,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.count_label.setText(tr("共 %n 条（最新在上）", None, len(messages)) if messages else tr("还没有发出短信"))
