"""The dialog whose OK sends one request (``SubmitDialog``), and the one confirmation box (``confirm``).

A ``SubmitDialog`` stays open until the server says yes: a refusal (``ValidationFailed``,
``Conflict``, ``PermissionDenied``, ``NotFound``, or an answer the caller calls a ``Refusal``)
is shown in its error line at the fields it names (``FormErrors``), with everything typed still
there; other trouble (network, server) is shown by the error presenter over the dialog, which
stays open too, so the person can send again.  Only a yes closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPushButton, QWidget

from desktop.api import Conflict, NotFound, PermissionDenied, ValidationFailed
from desktop.core.errors import present_error
from desktop.core.tasks import TaskRunner
from desktop.i18n.tr import tr
from desktop.views.widgets.forms import ErrorLine, FormErrors, Refusal

T = TypeVar("T")

#: the errors that refuse what was typed (shown at the fields); anything else is trouble
REFUSALS = (ValidationFailed, Conflict, PermissionDenied, NotFound)


class SubmitDialog(QDialog):
    """Window-modal, non-blocking (``open()``): an ``error_line``, ``errors`` (``FormErrors``) and
    OK / 取消 buttons (``ok_cancel``); ``send`` runs the request and closes only on a yes."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None, *, delete_on_close: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if delete_on_close:
            self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_label = ErrorLine()
        self.errors = FormErrors(self.error_label)
        self.ok_button: QPushButton | None = None
        self.cancel_button: QPushButton | None = None
        self._ok_text = ""
        self._working = False
        self._inputs: tuple[QWidget, ...] = ()

    @property
    def working(self) -> bool:
        return self._working

    def ok_cancel(self, ok_text: str, submit: Callable[[], None]) -> QDialogButtonBox:
        """The 「ok_text」/取消 buttons: ``submit`` on the first (``ok_button``, the default), close on 取消."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok_text = ok_text
        self.ok_button.setText(ok_text)
        self.ok_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(tr("取消"))
        buttons.accepted.connect(submit)
        buttons.rejected.connect(self.reject)
        return buttons

    def set_fields(self, fields: Mapping[str, QWidget], codes: Mapping[str, str] | None = None) -> None:
        """The inputs by the names the server uses for them (and error codes that mean one of them)."""
        for name, widget in fields.items():
            self.errors.add_field(name, widget)
        self.errors.codes.update(codes or {})
        self._inputs = tuple(fields.values())

    def show_error(self, text: str, *fields: str | QWidget) -> None:
        self.errors.show(text, *fields)

    def clear_error(self) -> None:
        self.errors.clear()

    def set_working(self, working: bool) -> None:
        self._working = working
        for widget in self._inputs:
            widget.setEnabled(not working)
        if self.ok_button is not None:
            self.ok_button.setEnabled(not working)
            self.ok_button.setText(tr("正在提交…") if working else self._ok_text)
        if self.cancel_button is not None:  # the answer is awaited here: it must find the dialog
            self.cancel_button.setEnabled(not working)

    def reject(self) -> None:
        if not self._working:  # Esc or the window's close button while sending: wait for the answer
            super().reject()

    def send(
        self,
        runner: TaskRunner,
        call: Callable[[], T],
        done: Callable[[T], None],
        *,
        refused: Callable[[T], Refusal | None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``call``; on a yes close and hand the answer to ``done``.  An answer that is a no
        (``refused`` says so) or a refusal stays here at its fields; ``failed`` (optional) hears of
        every failure first (e.g. to clear a password)."""
        if self._working:
            return
        self.clear_error()
        self.set_working(True)

        def answered(result: T) -> None:
            self.set_working(False)
            refusal = refused(result) if refused is not None else None
            if refusal is not None:
                self.errors.show(refusal.message, *refusal.fields)
                return
            done(result)  # before the dialog closes: whoever waits for it to finish knows the answer
            self.accept()

        def went_wrong(exc: Exception) -> None:
            self.set_working(False)
            if failed is not None:
                failed(exc)
            if isinstance(exc, REFUSALS):
                self.errors.refusal(exc)
            else:
                present_error(self, exc)

        runner.run(call, answered, went_wrong, owner=self)


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    yes_text: str,
    on_yes: Callable[[], Any],
    *,
    no_text: str | None = None,
    object_name: str = "confirmBox",
) -> QMessageBox:
    """Ask once before an action that cannot be undone; ``text`` says what will happen (who, what,
    how much).  Non-blocking (``open()``); Enter and Esc keep things as they are."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(object_name)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("confirmYes")
    no = box.addButton(no_text or tr("取消"), QMessageBox.ButtonRole.RejectRole)
    no.setObjectName("confirmNo")
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    yes.clicked.connect(lambda: on_yes())
    box.open()
    return box
