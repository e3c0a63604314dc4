"""成绩管理: the score list, plan progress, the suggested plan and score reviews."""

from desktop.views.scores.page import ScoresPage

__all__ = ["ScoresPage"]
