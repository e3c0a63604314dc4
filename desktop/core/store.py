"""The session store: one login's shared data and the change events between pages.

What one page changes, it announces once with ``store.publish(TOPIC, payload)``; every page that
shows that data lists the topic in its ``TOPICS`` and is current the next time the person looks
at it (the page base reloads a visible page at once and a hidden one when it is shown next).
``docs/desktop-core.md`` lists who publishes what and who listens.

The store is made at login and deleted with the main window at logout, and with it everything a
page put into it (``put``/``get``): nothing of the user outlives the login.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

#: an order was created, cancelled, paid or refunded (payload: the ``Order``)
ORDERS = "orders"
#: the paid courses of a session changed: timetable, ticket, schedule, advice, history
REGISTRATIONS = "registrations"
#: the examinee's own data (photo, phone, name correction)
PROFILE = "profile"
#: a record application (correction, exemption, transfer, certificate) was submitted or decided
RECORDS = "records"
#: a score was released, corrected or reviewed
SCORES = "scores"
#: a graduation application changed
GRADUATION = "graduation"
#: notices published, withdrawn or read
NOTICES = "notices"
#: the server's clock was moved (by a tester): every time-dependent page
CLOCK = "clock"
#: staff data (queues, the counter's examinee, accounts)
STAFF = "staff"

TOPICS = frozenset({ORDERS, REGISTRATIONS, PROFILE, RECORDS, SCORES, GRADUATION, NOTICES, CLOCK, STAFF})


class SessionStore(QObject):
    """Change events (``changed(topic, payload)``) and a small cache for one login."""

    changed = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data: dict[str, Any] = {}
        self.published: list[str] = []  # every topic announced in this login, in order (tests, logs)

    def publish(self, topic: str, payload: object = None) -> None:
        if topic not in TOPICS:
            raise ValueError(f"unknown store topic {topic!r}")
        self.published.append(topic)
        self.changed.emit(topic, payload)

    @Slot()
    def clock_moved(self) -> None:
        """Connected (queued) to ``ServerClock.moved``."""
        self.publish(CLOCK)

    def put(self, key: str, value: Any) -> None:
        self._data[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def clear(self) -> None:
        self._data.clear()
        self.published.clear()
