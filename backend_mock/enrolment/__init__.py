"""新生报名: a new person applies, the prefecture office approves (docs/rules.md#enrolment)."""
