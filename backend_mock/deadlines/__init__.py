"""The personal calendar (日程): every date that matters to one examinee (docs/rules.md#deadlines)."""
