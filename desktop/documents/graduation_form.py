"""毕业生登记表 (graduate registration form): an A4 page built from the examinee's record, photo,
resume and self-assessment with the one document renderer.  A plain HTML string, safe to build on
a worker; the ID number comes masked from the server.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from desktop.api.graduation import Eligibility, ResumeEntry
from desktop.api.types import Profile
from desktop.documents import render as doc

TITLE = "毕业生登记表"
NOTES = (
    "本表由考生在湖南自考自助服务系统中填写后生成，请用A4纸打印，本人签名后随其他材料交市州自考办现场确认。",
    "表中个人信息以考籍记录为准；如有错误，请先在“考籍管理”中申请信息更正。",
)
# an empty form still shows rows to write in by hand
MIN_RESUME_ROWS = 4


def form_file_name(application_no: str) -> str:
    return f"毕业生登记表_{application_no}.pdf"


def period_text(entry: ResumeEntry) -> str:
    start = entry.start.replace("-", ".")
    end = entry.end.replace("-", ".") if entry.end else "至今"
    return f"{start}—{end}"


def _paragraphs(text: str) -> str:
    lines = [doc.esc(line) for line in text.strip().splitlines() if line.strip()]
    body = "<br/>".join(lines) if lines else "&nbsp;"
    return (
        '<table class="kv" width="100%" cellspacing="0" cellpadding="8">'
        f'<tr><td height="150" valign="top" style="line-height: 150%;">{body}</td></tr></table>'
    )


def _signatures(rows: Sequence[str]) -> str:
    """Rows to sign by hand: room to write (Qt ignores cell heights), then the signature and date line."""
    gap = "&nbsp;" * 4
    line = f"签名（盖章）：{'&nbsp;' * 18}年{gap}月{gap}日"
    cells = "".join(
        f'<tr><td class="key" width="22%" valign="middle">{doc.esc(r)}</td>'
        f'<td valign="bottom" align="right"><br/><br/>{line}</td></tr>'
        for r in rows
    )
    return f'<table class="kv" width="100%" cellspacing="0" cellpadding="6">{cells}</table>'


def form_html(
    profile: Profile,
    resume: Sequence[ResumeEntry],
    self_assessment: str,
    photo: bytes | None,
    eligibility: Eligibility | None = None,
    *,
    session_name: str | None = None,
    application_no: str | None = None,
    printed_at: datetime,
) -> str:
    """The form; ``printed_at`` is the server's now (``ServerClock.now()``), printed in Beijing time."""
    facts = [
        ("姓名", profile.name),
        ("性别", profile.gender),
        ("准考证号", profile.exam_no),
        ("身份证号", profile.id_number_masked),
        ("专业", f"{profile.major_code} {profile.major_name}"),
        ("层次", profile.level),
        ("主考学校", profile.university_name),
        ("所属市州", f"{profile.prefecture_name}{profile.county_name}"),
    ]
    if eligibility is not None:
        facts.append(("已获学分", f"{eligibility.credits_done}学分（计划要求{eligibility.min_credits}）"))
        facts.append(("合格课程", f"{eligibility.courses_done}门（计划要求{eligibility.min_courses}）"))
    top = (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="76%" valign="top">{doc.kv_table(facts)}</td>{doc.photo_cell(photo)}'
        "</tr></table>"
    )
    rows = [[period_text(e), e.unit, e.role] for e in resume]
    rows += [["", "", ""] for _ in range(MIN_RESUME_ROWS - len(rows))]
    table = doc.data_table(
        ["起止年月", "学习或工作单位", "职务或身份"],
        rows,
        widths=[26, 52, 22],
        align=["center", "left", "center"],
    )
    subtitle = f"{session_name}毕业申请" if session_name else "高等教育自学考试毕业申请"
    if application_no:
        subtitle += f" · 申请编号 {application_no}"
    return doc.document(
        TITLE,
        doc.section("考生信息"),
        top,
        doc.section("个人简历"),
        table,
        doc.section("自我鉴定"),
        _paragraphs(self_assessment),
        doc.section("审核意见"),
        _signatures(["本人签名", "市州自考办意见", "主考学校意见"]),
        doc.notes("说明", list(NOTES)),
        subtitle=subtitle,
        printed_at=printed_at,
        verification="验证：登录湖南自考自助服务系统，在“毕业申请”中核对申请编号与办理进度。",
    )
