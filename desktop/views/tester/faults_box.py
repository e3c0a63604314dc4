"""Fault injection: latency with jitter, request fault rules, payment notification faults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.api.client import ApiClient
from desktop.api.mock import FAULT_ERROR, FaultRule, Faults
from desktop.api.types import PaymentFaults
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.tester.texts import COMMON_PATHS, ERROR_STATUSES, FAULT_KINDS, METHODS, rule_cells
from desktop.views.widgets.tables import SelectionMode, setup_table

Report = Callable[[str, bool], None]
RULE_HEADERS = (
    QT_TR_NOOP("路径前缀"),
    QT_TR_NOOP("故障"),
    QT_TR_NOOP("概率"),
    QT_TR_NOOP("状态码"),
    "Retry-After",
    QT_TR_NOOP("方法"),
    QT_TR_NOOP("次数"),
    QT_TR_NOOP("已触发"),
)


def _spin(low: int, high: int, step: int, suffix: str, special: str | None = None) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setSuffix(suffix)
    if special is not None:
        spin.setSpecialValueText(special)
    return spin


class FaultsBox(QGroupBox):
    #: queued payment notifications were delivered (orders and registrations changed)
    delivered = Signal(int)

    def __init__(self, client: ApiClient, runner: TaskRunner, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(tr("故障注入（不影响本控制台自身的请求）"), parent)
        self.setObjectName("testerFaults")
        self.client = client
        self.runner = runner
        self._report = report
        self.faults = Faults()
        self._build()

    # --- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.latency_spin = _spin(0, 60_000, 100, tr(" 毫秒"))
        self.latency_spin.setObjectName("latencySpin")
        self.jitter_spin = _spin(0, 30_000, 50, tr(" 毫秒"))
        self.jitter_spin.setObjectName("jitterSpin")
        self.latency_button = QPushButton(tr("应用延迟(&D)"))
        self.latency_button.clicked.connect(self.apply_latency)
        latency_row = QHBoxLayout()
        latency_row.addWidget(QLabel(tr("延迟")))
        latency_row.addWidget(self.latency_spin)
        latency_row.addWidget(QLabel(tr("± 抖动")))
        latency_row.addWidget(self.jitter_spin)
        latency_row.addWidget(self.latency_button)
        latency_row.addStretch(1)

        # one new rule
        self.path_combo = QComboBox()
        self.path_combo.setObjectName("faultPath")
        self.path_combo.setEditable(True)
        self.path_combo.setAccessibleName(tr("路径"))
        self.path_combo.addItems(COMMON_PATHS)
        self.path_combo.setCurrentText("/orders")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("faultKind")
        for value, text in FAULT_KINDS:
            self.kind_combo.addItem(tr(text), value)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.probability_spin = _spin(1, 100, 5, " %")
        self.probability_spin.setObjectName("faultProbability")
        self.probability_spin.setValue(100)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("faultStatus")
        for status in ERROR_STATUSES:
            self.status_combo.addItem(str(status), status)
        self.retry_after_spin = _spin(-1, 3600, 1, tr(" 秒"), special=tr("不发送"))
        self.retry_after_spin.setObjectName("faultRetryAfter")
        self.retry_after_spin.setValue(-1)
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("faultMethod")
        self.method_combo.addItems([tr(METHODS[0]), *METHODS[1:]])
        self.times_spin = _spin(0, 1_000_000, 1, tr(" 次"), special=tr("不限"))
        self.times_spin.setObjectName("faultTimes")
        self.add_button = QPushButton(tr("添加规则(&A)"))
        self.add_button.setObjectName("addFaultButton")
        self.add_button.clicked.connect(self.add_rule)

        editor = QGridLayout()
        editor.addWidget(QLabel(tr("路径")), 0, 0)
        editor.addWidget(self.path_combo, 0, 1)
        editor.addWidget(QLabel(tr("故障")), 0, 2)
        editor.addWidget(self.kind_combo, 0, 3)
        editor.addWidget(QLabel(tr("概率")), 0, 4)
        editor.addWidget(self.probability_spin, 0, 5)
        editor.addWidget(QLabel(tr("状态码")), 1, 0)
        editor.addWidget(self.status_combo, 1, 1)
        editor.addWidget(QLabel("Retry-After"), 1, 2)
        editor.addWidget(self.retry_after_spin, 1, 3)
        editor.addWidget(QLabel(tr("方法")), 1, 4)
        editor.addWidget(self.method_combo, 1, 5)
        editor.addWidget(QLabel(tr("次数")), 2, 0)
        editor.addWidget(self.times_spin, 2, 1)
        editor.addWidget(self.add_button, 2, 5)
        editor.setColumnStretch(1, 1)
        editor.setColumnStretch(3, 1)

        self.rules_table = QTableWidget(0, len(RULE_HEADERS))
        self.rules_table.setObjectName("faultRules")
        self.rules_table.setHorizontalHeaderLabels([tr(h) for h in RULE_HEADERS])
        setup_table(self.rules_table, stretch=0, selection=SelectionMode.ExtendedSelection)
        self.rules_table.setMinimumHeight(90)
        self.remove_button = QPushButton(tr("删除所选规则"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.reload_button = QPushButton(tr("刷新"))
        self.reload_button.setToolTip(tr("重新读取故障设置和触发次数"))
        self.reload_button.clicked.connect(self.load)
        self.clear_button = QPushButton(tr("清除全部故障(&C)"))
        self.clear_button.setObjectName("clearFaultsButton")
        self.clear_button.setToolTip(tr("取消延迟、全部请求故障和支付通知故障"))
        self.clear_button.clicked.connect(self.clear_all)
        rule_buttons = QHBoxLayout()
        rule_buttons.addWidget(self.remove_button)
        rule_buttons.addWidget(self.reload_button)
        rule_buttons.addStretch(1)
        rule_buttons.addWidget(self.clear_button)

        # payment notifications
        self.pay_delay_spin = QDoubleSpinBox()
        self.pay_delay_spin.setObjectName("paymentDelay")
        self.pay_delay_spin.setRange(0, 3600)
        self.pay_delay_spin.setSuffix(tr(" 秒"))
        self.pay_duplicate = QCheckBox(tr("重复"))
        self.pay_lost = QCheckBox(tr("丢失"))
        self.pay_lost.setObjectName("paymentLost")
        self.pay_out_of_order = QCheckBox(tr("乱序"))
        self.pay_button = QPushButton(tr("应用(&P)"))
        self.pay_button.clicked.connect(self.apply_payment)
        self.deliver_button = QPushButton(tr("立即送达排队的通知"))
        self.deliver_button.clicked.connect(self.deliver)
        pay_row = QHBoxLayout()
        pay_row.addWidget(QLabel(tr("延迟")))
        pay_row.addWidget(self.pay_delay_spin)
        for widget in (self.pay_duplicate, self.pay_lost, self.pay_out_of_order, self.pay_button, self.deliver_button):
            pay_row.addWidget(widget)
        pay_row.addStretch(1)
        self.queued_label = QLabel()

        form = QFormLayout()
        form.addRow(tr("网络延迟"), latency_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("请求故障（按顺序匹配路径前缀，第一条命中的规则生效）：")))
        layout.addLayout(editor)
        layout.addWidget(self.rules_table, 1)
        layout.addLayout(rule_buttons)
        layout.addWidget(QLabel(tr("支付平台通知：")))
        layout.addLayout(pay_row)
        layout.addWidget(self.queued_label)
        self._kind_changed()

    def _kind_changed(self) -> None:
        is_error = self.kind_combo.currentData() == FAULT_ERROR
        self.status_combo.setEnabled(is_error)
        self.retry_after_spin.setEnabled(is_error)

    # --- state ---------------------------------------------------------------------------------------
    def load(self) -> None:
        self.runner.run(self.client.mock.faults, self.show_faults, self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        from desktop.core.errors import user_message

        self._report(tr("故障设置失败：{reason}").format(reason=user_message(exc)), True)

    def show_faults(self, faults: Faults) -> None:
        self.faults = faults
        self.latency_spin.setValue(faults.latency_ms)
        self.jitter_spin.setValue(faults.jitter_ms)
        self.rules_table.setRowCount(len(faults.rules))
        for row, rule in enumerate(faults.rules):
            for column, text in enumerate(rule_cells(rule)):
                self.rules_table.setItem(row, column, QTableWidgetItem(text))
        p = faults.payment
        self.pay_delay_spin.setValue(p.delay_seconds)
        self.pay_duplicate.setChecked(p.duplicate)
        self.pay_lost.setChecked(p.lost)
        self.pay_out_of_order.setChecked(p.out_of_order)
        self.queued_label.setText(tr("排队等待发送的支付通知：{count} 条").format(count=p.queued_notifications))

    def new_rule(self) -> FaultRule:
        method = self.method_combo.currentText()
        retry_after = self.retry_after_spin.value()
        return FaultRule(
            path_prefix=self.path_combo.currentText().strip() or "/",
            kind=str(self.kind_combo.currentData()),
            probability=self.probability_spin.value() / 100,
            status=int(self.status_combo.currentData()),
            retry_after_seconds=None if retry_after < 0 else retry_after,
            methods=() if self.method_combo.currentIndex() == 0 else (method,),
            times=self.times_spin.value() or None,
        )

    # --- changing ------------------------------------------------------------------------------------
    def _change(self, work: Callable[[], object], done_text: str) -> None:
        """Run ``work`` on a worker, then show the faults as the server has them now."""
        client = self.client

        def run() -> Faults:
            work()
            return client.mock.faults()

        def done(faults: Faults) -> None:
            self.show_faults(faults)
            self._report(done_text, False)

        self.runner.run(run, done, self._failed, owner=self)

    def _put_rules(self, rules: list[FaultRule], done_text: str) -> None:
        client = self.client
        latency, jitter = self.faults.latency_ms, self.faults.jitter_ms
        # counters start again for every rule sent (the server arms the list anew)
        fresh = [replace(r, fired=0, remaining=None) for r in rules]
        self._change(lambda: client.mock.set_faults(fresh, latency_ms=latency, jitter_ms=jitter), done_text)

    def add_rule(self) -> None:
        self._put_rules([*self.faults.rules, self.new_rule()], tr("已添加故障规则"))

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.rules_table.selectionModel().selectedRows()}
        if rows:
            kept = [r for i, r in enumerate(self.faults.rules) if i not in rows]
            self._put_rules(kept, tr("已删除所选规则"))

    def apply_latency(self) -> None:
        client = self.client
        latency, jitter = self.latency_spin.value(), self.jitter_spin.value()
        self._change(
            lambda: client.mock.set_latency(latency, jitter),
            tr("网络延迟已设为 {latency} ± {jitter} 毫秒").format(latency=latency, jitter=jitter),
        )

    def apply_payment(self) -> None:
        client = self.client
        wanted = PaymentFaults(
            delay_seconds=self.pay_delay_spin.value(),
            duplicate=self.pay_duplicate.isChecked(),
            lost=self.pay_lost.isChecked(),
            out_of_order=self.pay_out_of_order.isChecked(),
        )
        self._change(lambda: client.mock.set_payment_faults(wanted), tr("支付通知故障已更新"))

    def clear_all(self) -> None:
        self._change(self.client.mock.clear_faults, tr("已清除全部故障"))

    def deliver(self) -> None:
        client = self.client

        def work() -> tuple[int, Faults]:
            return client.mock.deliver_notifications(), client.mock.faults()

        def done(result: tuple[int, Faults]) -> None:
            self.show_faults(result[1])
            self._report(tr("已送达 %n 条支付通知", None, result[0]), False)
            if result[0]:
                self.delivered.emit(result[0])

        self.runner.run(work, done, self._failed, owner=self)
