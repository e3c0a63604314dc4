"""Item models of the staff console: search hits, an examinee's results, queue items, staff
accounts, audit entries and notices (administration).  Adapters over the client's dataclasses; no I/O, no view."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.api.notices import AdminNotice
from desktop.api.records import OfficeAppointment
from desktop.api.staff import AuditEntry, ExamineeHit, QueueItem, ResultLine, StaffAccount
from desktop.models.table import Column, DataclassTableModel, session_name, short_datetime

CENTER = Qt.AlignmentFlag.AlignHCenter


def _yes(flag: bool, text: str) -> str:
    return text if flag else ""


class ExamineeHitModel(DataclassTableModel[ExamineeHit]):
    """Search results at the counter (masked numbers only)."""

    columns = (
        Column("准考证号", lambda h: h.exam_no),
        Column("姓名", lambda h: h.name),
        Column("性别", lambda h: h.gender, CENTER),
        Column("身份证号", lambda h: h.id_number_masked),
        Column("手机号", lambda h: h.phone_masked),
        Column("市州", lambda h: h.prefecture_name),
        Column("专业", lambda h: f"{h.major_name}（{h.level}）"),
        Column("考籍", lambda h: h.record_status, CENTER),
        Column("账号", lambda h: "已锁定" if h.locked else "正常", CENTER),
    )


class ResultLineModel(DataclassTableModel[ResultLine]):
    columns = (
        Column("考次", lambda r: session_name(r.session_code)),
        Column("课程代码", lambda r: r.course_code, CENTER),
        Column("课程名称", lambda r: r.course_name),
        Column("成绩", lambda r: r.result, CENTER),
        Column("通过", lambda r: "✓" if r.passed else "", CENTER),
    )


class QueueItemModel(DataclassTableModel[QueueItem]):
    columns = (
        Column("编号", lambda i: i.reference),
        Column("姓名", lambda i: i.name),
        Column("身份证号", lambda i: i.id_number_masked),
        Column("内容", lambda i: i.summary),
        Column("提交时间", lambda i: short_datetime(i.submitted_at)),
        Column("状态", lambda i: i.status_text, CENTER),
        Column("原因 / 结果", lambda i: i.result or i.reason or ""),
    )


class StaffAccountModel(DataclassTableModel[StaffAccount]):
    columns = (
        Column("账号", lambda a: a.username),
        Column("姓名", lambda a: a.name),
        Column("角色", lambda a: a.role_text),
        Column("市州", lambda a: a.prefecture_name),
        Column("状态", lambda a: "正常" if a.active else "已停用", CENTER),
        Column(
            "备注",
            lambda a: "；".join(
                t for t in (_yes(a.locked, "已锁定"), _yes(a.must_change_password, "待修改临时密码")) if t
            ),
        ),
    )


class AuditEntryModel(DataclassTableModel[AuditEntry]):
    columns = (
        Column("时间", lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}"),
        Column("操作人", lambda e: e.actor_text),
        Column("考生", lambda e: f"{e.exam_no} {e.examinee_name or ''}".strip() if e.exam_no else ""),
        Column("操作", lambda e: e.action_text),
        Column("结果", lambda e: e.result_text, CENTER),
        Column("详情", lambda e: e.details),
    )


class AdminNoticeModel(DataclassTableModel[AdminNotice]):
    """Every notice for the administrator: published, scheduled (待发布) and withdrawn (已撤回)."""

    columns = (
        Column("状态", lambda n: n.state, CENTER),
        Column("分类", lambda n: n.category),
        Column("标题", lambda n: n.title),
        Column("发布时间", lambda n: f"{n.publish_at:%Y-%m-%d %H:%M}"),
        Column("附件", lambda n: str(n.attachment_count) if n.attachment_count else "", CENTER),
        Column("备注", lambda n: f"撤回原因：{n.withdrawn_reason}" if n.withdrawn_reason else n.publisher),
    )


class OfficeAppointmentModel(DataclassTableModel[OfficeAppointment]):
    """A day's 考籍证明 appointments at the clerk's office."""

    columns = (
        Column("时段", lambda a: a.half_text, CENTER),
        Column("预约号", lambda a: a.appointment_no),
        Column("准考证号", lambda a: a.exam_no),
        Column("姓名", lambda a: a.name),
        Column("身份证号", lambda a: a.id_number_masked),
        Column("事项", lambda a: a.purpose),
        Column("状态", lambda a: a.status_text, CENTER),
        Column("办理时间", lambda a: f"{a.served_at:%H:%M}" if a.served_at else ""),
    )
