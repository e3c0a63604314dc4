"""成绩管理: scores, plan progress and score reviews (docs/rules.md#scores-and-reviews)."""
