"""通知公告 and 日程: the notices tab with its reader and the personal calendar."""

from desktop.views.notices.page import NoticesPage

__all__ = ["NoticesPage"]
