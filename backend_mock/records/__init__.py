"""考籍管理: record applications, their rules and review, proofs, appointments.

Rules: docs/rules.md#records-exemptions-transfers-certificates
"""
