"""报名报考: the window, orders, payments, idempotency and the suggested plan (docs/rules.md#registration-and-payment)."""
