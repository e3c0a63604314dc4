"""What a review queue of the console is made of (the registry itself is ``queues.QUEUE_VIEWS``).

A ``QueueView`` says how to list one page of items (status filter, text filter, page), which
actions it offers and, optionally, how to show one item in detail (its data, history, files).
Each action is one client call that answers with the item as it is after the decision (the page
updates or removes that row, no reload); the page asks first for what the action needs (a reason
the applicant sees, a corrected score) or, for an action that cannot be undone, whether it is
meant (its ``consequence``, once), and enables it only for the items it ``applies`` to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.api.staff import QueueItem, QueuePage, QueueStatus

if TYPE_CHECKING:
    from desktop.api.client import ApiClient


@dataclass(frozen=True)
class Answer:
    """What the reviewer typed before the action is sent."""

    reason: str | None = None
    score: int | None = None


@dataclass(frozen=True)
class QueueFile:
    file_id: int
    name: str
    content_type: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@dataclass(frozen=True)
class QueueDetail:
    html: str  # the application's data and its state history, ready for a QTextBrowser
    files: tuple[QueueFile, ...] = ()


ListCall = Callable[["ApiClient", str | None, str, int], QueuePage]
#: a decision: the client, the item decided, what the reviewer typed → the item as it is now
DecideCall = Callable[["ApiClient", QueueItem, Answer], QueueItem]
DetailCall = Callable[["ApiClient", str], QueueDetail]
FileCall = Callable[["ApiClient", str, int], bytes]


def can_decide(item: QueueItem) -> bool:
    return item.can_decide


@dataclass(frozen=True)
class QueueAction:
    label: str  # button text with mnemonic
    decision: str  # approve | return | reject | start | keep | correct ...
    needs_reason: bool
    call: DecideCall
    applies: Callable[[QueueItem], bool] = can_decide
    needs_score: bool = False  # asks for a corrected score (and a reason)
    #: what the action does that cannot be undone: asked once before it is sent (actions that ask
    #: for a reason ask in their reason dialog; an empty text: nothing to undo, nothing asked)
    consequence: str = ""


@dataclass(frozen=True)
class QueueView:
    key: str
    title: str
    list_items: ListCall
    actions: tuple[QueueAction, ...]
    detail: DetailCall | None = None
    file: FileCall | None = None


PAGE_SIZE = 20


def server_page(
    key: str,
    title: str,
    status: str,
    items: tuple[QueueItem, ...],
    matched: int,
    page: int,
    statuses: tuple[tuple[str, str], ...],
    counts: dict[str, int],
) -> QueuePage:
    """One page a module API cut on the server (``matched``: the items over all pages)."""
    pages = max(1, -(-matched // PAGE_SIZE))
    return QueuePage(
        key=key,
        title=title,
        status=status,
        items=items,
        total=matched,
        page=min(max(1, page), pages),
        page_size=PAGE_SIZE,
        statuses=tuple(QueueStatus(s, t, counts.get(s, 0)) for s, t in statuses),
    )
