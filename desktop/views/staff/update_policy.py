"""软件更新 box of the admin console: counter PCs defer updates until closing time (docs/updates.md).

Filled by ``AdminPage`` with the server's policy; 保存 sends it on a worker.  The server checks the
closing time (Beijing time, 24-hour ``HH:MM``): a refusal stays inline under the fields with what
was typed, a change is said on the answer line and published to the session store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.api import ValidationFailed
from desktop.api.staff import UpdatePolicy
from desktop.core.errors import present_error, user_message
from desktop.core.tasks import TaskRunner
from desktop.core.timefmt import datetime_text
from desktop.i18n.tr import tr
from desktop.views.widgets.answer import AnswerBanner
from desktop.views.widgets.forms import ErrorLine, add_row

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

Publish = Callable[[object], None]


def policy_text(policy: UpdatePolicy) -> str:
    """What the policy does, in one sentence."""
    if policy.defer:
        return tr("柜台电脑在 {time}（北京时间）之前不下载更新，下班后再检查。").format(time=policy.closing_time)
    return tr("柜台电脑登录后即检查更新（不推迟）。")


class UpdatePolicyBox(QGroupBox):
    """软件更新: defer updates on counter PCs (on/off) and closing time."""

    def __init__(self, client: ApiClient, runner: TaskRunner, publish: Publish, parent: QWidget | None = None) -> None:
        super().__init__(tr("软件更新"), parent)
        self.setObjectName("updatePolicyBox")
        self.client = client
        self.runner = runner
        self._publish = publish
        self.policy: UpdatePolicy | None = None
        self.defer_check = QCheckBox(tr("柜台电脑的更新推迟到下班后(&F)"))
        self.defer_check.setObjectName("updateDefer")
        self.closing_edit = QLineEdit()
        self.closing_edit.setObjectName("updateClosing")
        self.closing_edit.setMaxLength(8)
        self.closing_edit.setPlaceholderText(tr("例如 17:30"))
        self.closing_edit.returnPressed.connect(self.save)
        self.save_button = QPushButton(tr("保存(&O)"))
        self.save_button.setObjectName("updateSave")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        self.state_label = QLabel()
        self.state_label.setObjectName("updatePolicyState")
        self.state_label.setWordWrap(True)
        self.error_label = ErrorLine()
        self.answer = AnswerBanner(object_name="updatePolicyAnswer")
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.closing_edit)
        row.addWidget(QLabel(tr("（北京时间，24小时制）")))
        row.addStretch(1)
        row.addWidget(self.save_button)
        form.addRow(self.defer_check)
        add_row(form, tr("下班时间(&H)"), self.closing_edit, plain=True)
        form.addRow(row)
        form.addRow(self.state_label)
        form.addRow(self.error_label)
        form.addRow(self.answer)
        self.setLayout(form)

    def show_policy(self, policy: UpdatePolicy) -> None:
        self.policy = policy
        self.defer_check.setChecked(policy.defer)
        self.closing_edit.setText(policy.closing_time)
        state = policy_text(policy)
        if policy.changed_at is not None:
            state += " " + tr("（{when} 修改）").format(when=datetime_text(policy.changed_at))
        self.state_label.setText(state)
        self.save_button.setEnabled(True)

    def save(self) -> None:
        defer, closing = self.defer_check.isChecked(), self.closing_edit.text().strip()
        if not closing:
            self.error_label.show_message(tr("请填写下班时间，例如 17:30"))
            self.closing_edit.setFocus()
            return
        self.error_label.clear_message()
        self.save_button.setEnabled(False)
        client = self.client
        self.runner.run(
            lambda: client.staff.change_update_policy(defer, closing), self._saved, self._failed, owner=self
        )

    def _saved(self, policy: UpdatePolicy) -> None:
        self.show_policy(policy)
        self.answer.say(tr("已保存：{what}").format(what=policy_text(policy)))
        self._publish(policy)

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error_label.show_message(user_message(exc))
        self.closing_edit.setFocus()
        if not isinstance(exc, ValidationFailed):  # a refused time stays inline; anything else is said too
            present_error(self, exc)
