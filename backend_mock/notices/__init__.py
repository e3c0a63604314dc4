"""通知公告 and the exam session calendar (docs/rules.md#notices)."""
