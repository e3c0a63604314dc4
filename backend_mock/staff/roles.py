"""What each staff role is called in messages."""

from __future__ import annotations

from backend_mock.i18n import Msg
from backend_mock.models import StaffRole

ROLE_TEXT = {StaffRole.CLERK: Msg("窗口工作人员"), StaffRole.REVIEWER: Msg("审核员"), StaffRole.ADMIN: Msg("管理员")}
