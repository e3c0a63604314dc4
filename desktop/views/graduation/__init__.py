"""毕业申请 tab."""

from desktop.views.graduation.page import GraduationPage

__all__ = ["GraduationPage"]
