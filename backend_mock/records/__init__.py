"""考籍管理: record applications, their rules and review, proofs, appointments (docs/rules.md#records-exemptions-transfers-certificates)."""
