"""The page base of the staff console (its tables are ``desktop.views.widgets.tables.table_view``)."""

from __future__ import annotations

from typing import ClassVar

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
