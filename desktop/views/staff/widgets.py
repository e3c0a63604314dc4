"""Pieces the staff pages share: the page base of the console and the read-only table."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.core.store import CLOCK, STAFF
from desktop.views.page import ModulePage


class StaffPage(ModulePage):
    """A page of the staff console (``docs/desktop-core.md``).

    After a write the page applies the server's answer itself and announces it with
    ``publish`` (``STAFF``): the other console pages of this login reload, this one does not
    (it shows the answer already).  Time-dependent things (a verification's validity, the
    office's day, a review's due date) make ``CLOCK`` a topic too.
    """

    TOPICS: ClassVar[frozenset[str]] = frozenset({STAFF, CLOCK})

    def publish(self, payload: object = None, topic: str = STAFF) -> None:  # type: ignore[override]
        """Tell the other pages of this login what this page changed (``STAFF`` unless said)."""
        super().publish(topic, payload)


def table_view(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of whole rows, one selected at a time, columns sized to their contents."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view
