"""The staff's work: the counter, review queues, staff accounts and the audit log (docs/rules.md#staff)."""
