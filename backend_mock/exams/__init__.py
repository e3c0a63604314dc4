"""考试信息查询: registration history, timetable, admission ticket (docs/rules.md#exams-and-tickets)."""
