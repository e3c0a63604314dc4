"""考试信息: timetable, admission ticket (准考证) and registration history."""

from desktop.views.exams.page import ExamsPage

__all__ = ["ExamsPage"]
