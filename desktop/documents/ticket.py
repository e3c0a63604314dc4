"""准考证 (admission ticket) of a session, built with the one document renderer.

The photo travels inside the HTML as a ``data:`` URL, so ``documents.render_pdf``/``print_to``
need no extra resources and the ticket stays a plain string (safe to build on a worker).
"""

from __future__ import annotations

from datetime import datetime

from desktop.api.types import Ticket
from desktop.core import timefmt
from desktop.documents import render as doc

TITLE = "准考证"


def ticket_file_name(ticket: Ticket) -> str:
    return f"准考证_{ticket.session_code}_{ticket.exam_no}.pdf"


def ticket_html(ticket: Ticket, photo: bytes | None, *, printed_at: datetime) -> str:
    """The admission ticket (the ID number comes masked from the server, the photo as JPEG bytes).

    ``printed_at`` is the server's now (``ServerClock.now()``), printed in Beijing time.
    """
    people = doc.kv_table(
        [
            ("姓名", ticket.name),
            ("准考证号", ticket.exam_no),
            ("身份证号", ticket.id_number_masked),
            ("考点", ticket.site_name),
            ("考点地址", ticket.site_address),
        ],
        columns=1,
    )
    top = (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="76%" valign="top">{people}</td>{doc.photo_cell(photo)}'
        "</tr></table>"
    )
    courses = doc.data_table(
        ["考试日期", "考试时间", "课程代码", "课程名称", "考场", "座位号"],
        [
            [
                timefmt.date_text(c.date, weekday=True, chinese=True),
                f"{c.start}–{c.end}",
                c.course_code,
                c.course_name,
                f"第{c.room}考场",
                f"{c.seat}号",
            ]
            for c in ticket.courses
        ],
        widths=[27, 15, 12, 25, 12, 9],
        align=["left", "center", "center", "left", "center", "center"],
    )
    return doc.document(
        TITLE,
        doc.section("考生信息"),
        top,
        doc.section("考试科目"),
        courses,
        doc.notes("考试须知", list(ticket.rules)),
        subtitle=f"{ticket.session_name}高等教育自学考试",
        printed_at=printed_at,
        verification="请用A4纸打印，妥善保管至本考次考试结束。",
    )
