"""考籍管理 tab."""

from desktop.views.records.page import RecordsPage

__all__ = ["RecordsPage"]
