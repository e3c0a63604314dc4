"""What each staff role is called in messages."""

from __future__ import annotations

from backend_mock.models import StaffRole

ROLE_TEXT = {StaffRole.CLERK: "窗口工作人员", StaffRole.REVIEWER: "审核员", StaffRole.ADMIN: "管理员"}
