"""成绩单 (transcript): each course's best released result, as an A4 PDF (the shared renderer) and a CSV.

The CSV is UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens it with the right
characters (without the BOM it guesses GBK and shows mojibake).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime

from desktop.api.scores import Progress, Score
from desktop.api.types import Profile
from desktop.documents import render as doc
from desktop.models.scores_models import best_scores

TITLE = "课程成绩单"
HEADERS = ("序号", "课程代码", "课程名称", "类型", "学分", "成绩", "结果", "考次")
NOTES = (
    "本成绩单列出每门课程已发布成绩中最好的一次；合格线为60分，实践课程记合格/不合格，毕业论文按优秀、良好、中等、合格、不合格评定。",
    "免考课程不在成绩列表中，已计入学分合计。",
    "成绩以湖南省教育考试院系统记录为准；如需加盖公章的成绩证明，请到市州自考办办理考籍证明。",
)


def transcript_file_name(profile: Profile, suffix: str) -> str:
    return f"成绩单_{profile.exam_no}.{suffix}"


def rows(scores: Sequence[Score]) -> list[list[str]]:
    return [
        [
            str(n),
            s.course_code,
            s.course_name,
            s.kind_text,
            str(s.credits),
            s.result_text,
            s.outcome_text,
            s.session_name,
        ]
        for n, s in enumerate(best_scores(scores), start=1)
    ]


def summary(scores: Sequence[Score], progress: Progress | None) -> list[tuple[str, str]]:
    best = best_scores(scores)
    passed = [s for s in best if s.passed]
    lines = [
        ("已通过课程", f"{len(passed)}门"),
        ("已通过课程学分", f"{sum(s.credits for s in passed)}学分"),
    ]
    if progress is not None:
        lines += [
            ("免考课程", f"{progress.courses_exempted}门（{progress.credits_exempted}学分）"),
            ("计划要求", f"至少{progress.min_credits}学分、{progress.min_courses}门课程"),
        ]
    return lines


def transcript_html(
    scores: Sequence[Score], profile: Profile, progress: Progress | None, *, printed_at: datetime
) -> str:
    """The transcript; ``printed_at`` is the server's now (``ServerClock.now()``), printed in Beijing time."""
    person = doc.kv_table(
        [
            ("姓名", profile.name),
            ("准考证号", profile.exam_no),
            ("身份证号", profile.id_number_masked),
            ("专业", f"{profile.major_code} {profile.major_name}（{profile.level}）"),
            ("主考学校", profile.university_name),
            ("专业计划", f"{profile.plan_version}版"),
        ]
    )
    table = doc.data_table(
        HEADERS,
        rows(scores),
        widths=[7, 12, 25, 12, 7, 11, 11, 15],  # 结果 holds 未通过 on one line
        align=["center", "center", "left", "center", "right", "right", "center", "center"],
    )
    return doc.document(
        TITLE,
        doc.section("考生信息"),
        person,
        doc.section("课程成绩"),
        table,
        doc.section("学分合计"),
        doc.kv_table(summary(scores, progress)),
        doc.notes("说明", list(NOTES)),
        subtitle="（每门课程最好成绩）",
        printed_at=printed_at,
        verification="验证：登录湖南自考自助服务系统，在“成绩管理”中核对各门课程成绩。",
    )


def transcript_csv(scores: Sequence[Score], profile: Profile) -> bytes:
    """The same rows as the PDF, UTF-8 with BOM (Excel)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["姓名", profile.name, "准考证号", profile.exam_no])
    writer.writerow(HEADERS)
    writer.writerows(rows(scores))
    return out.getvalue().encode("utf-8-sig")
