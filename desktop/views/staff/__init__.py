"""The staff console: 柜台 (clerks), 审核队列 (reviewers), 管理 (administrators).

Each is one tab of the main window for the staff roles it serves (``MODULES`` in
``desktop.views.main_window``); the server checks every call against the role again.
"""

from desktop.views.staff.admin import AdminPage
from desktop.views.staff.counter import CounterPage
from desktop.views.staff.queues import QUEUE_VIEWS, QueuesPage, QueueView

__all__ = ["QUEUE_VIEWS", "AdminPage", "CounterPage", "QueueView", "QueuesPage"]
