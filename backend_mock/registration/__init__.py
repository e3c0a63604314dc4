"""报名报考: the window, orders, payments, idempotency and the suggested plan.

Rules: docs/rules.md#registration-and-payment
"""
