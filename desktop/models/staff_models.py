"""Item models of the staff console: search hits, an examinee's results, queue items, staff
accounts, audit entries and notices (administration).  Adapters over the client's dataclasses; no I/O, no view.

Times are written the one way (``desktop.core.timefmt``), in Beijing time.  A write's answer
changes one row (``replace_row`` / ``insert_row`` / ``remove_row``), not the whole list.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt

from desktop.api.notices import AdminNotice
from desktop.api.records import OfficeAppointment
from desktop.api.staff import AuditEntry, ExamineeHit, QueueItem, ResultLine, StaffAccount
from desktop.core.timefmt import datetime_text, time_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.table import Column, DataclassTableModel, session_name

CENTER = Qt.AlignmentFlag.AlignHCenter
T = TypeVar("T")


def _yes(flag: bool, text: str) -> str:
    return text if flag else ""


class RowsModel(DataclassTableModel[T]):
    """A table whose rows change one at a time (a write's answer)."""

    def replace_row(self, row: int, item: T) -> None:
        self._items[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def insert_row(self, row: int, item: T) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, item)
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        self.endRemoveRows()


class ExamineeHitModel(DataclassTableModel[ExamineeHit]):
    """Search results at the counter (masked numbers only)."""

    columns = (
        Column(QT_TR_NOOP("准考证号"), lambda h: h.exam_no),
        Column(QT_TR_NOOP("姓名"), lambda h: h.name),
        Column(QT_TR_NOOP("性别"), lambda h: h.gender, CENTER),
        Column(QT_TR_NOOP("身份证号"), lambda h: h.id_number_masked),
        Column(QT_TR_NOOP("手机号"), lambda h: h.phone_masked),
        Column(QT_TR_NOOP("市州"), lambda h: h.prefecture_name),
        Column(
            QT_TR_NOOP("专业"), lambda h: tr("{major_name}（{level}）").format(major_name=h.major_name, level=h.level)
        ),
        Column(QT_TR_NOOP("考籍"), lambda h: h.record_status, CENTER),
        Column(QT_TR_NOOP("账号"), lambda h: tr("已锁定") if h.locked else tr("正常", "account not locked"), CENTER),
    )


class ResultLineModel(DataclassTableModel[ResultLine]):
    columns = (
        Column(QT_TR_NOOP("考次"), lambda r: session_name(r.session_code)),
        Column(QT_TR_NOOP("课程代码"), lambda r: r.course_code, CENTER),
        Column(QT_TR_NOOP("课程名称"), lambda r: r.course_name),
        Column(QT_TR_NOOP("成绩"), lambda r: r.result, CENTER),
        Column(QT_TR_NOOP("通过", "score result"), lambda r: "✓" if r.passed else "", CENTER),
    )


class QueueItemModel(RowsModel[QueueItem]):
    columns = (
        Column(QT_TR_NOOP("编号"), lambda i: i.reference),
        Column(QT_TR_NOOP("姓名"), lambda i: i.name),
        Column(QT_TR_NOOP("身份证号"), lambda i: i.id_number_masked),
        Column(QT_TR_NOOP("内容"), lambda i: i.summary),
        Column(QT_TR_NOOP("提交时间"), lambda i: datetime_text(i.submitted_at)),
        Column(QT_TR_NOOP("状态"), lambda i: i.status_text, CENTER),
        Column(QT_TR_NOOP("原因 / 结果"), lambda i: i.result or i.reason or ""),
    )


class StaffAccountModel(RowsModel[StaffAccount]):
    columns = (
        Column(QT_TR_NOOP("账号"), lambda a: a.username),
        Column(QT_TR_NOOP("姓名"), lambda a: a.name),
        Column(QT_TR_NOOP("角色"), lambda a: a.role_text),
        Column(QT_TR_NOOP("市州"), lambda a: a.prefecture_name),
        Column(QT_TR_NOOP("状态"), lambda a: tr("正常", "staff account active") if a.active else tr("已停用"), CENTER),
        Column(
            QT_TR_NOOP("备注"),
            lambda a: tr("；").join(
                t for t in (_yes(a.locked, tr("已锁定")), _yes(a.must_change_password, tr("待修改临时密码"))) if t
            ),
        ),
    )


# --- the audit log -------------------------------------------------------------------------------------------


class AuditEntryModel(DataclassTableModel[AuditEntry]):
    columns = (
        Column(QT_TR_NOOP("时间"), lambda e: datetime_text(e.at, seconds=True)),
        Column(QT_TR_NOOP("操作人"), lambda e: e.actor_text),
        Column(QT_TR_NOOP("考生"), lambda e: f"{e.exam_no} {e.examinee_name or ''}".strip() if e.exam_no else ""),
        Column(QT_TR_NOOP("操作"), lambda e: e.action_text),
        Column(QT_TR_NOOP("结果"), lambda e: e.result_text, CENTER),
        Column(QT_TR_NOOP("详情"), lambda e: e.details),  # the server writes every operation and detail in words
    )


class AdminNoticeModel(RowsModel[AdminNotice]):
    """Every notice for the administrator: published, scheduled (待发布) and withdrawn (已撤回)."""

    columns = (
        Column(QT_TR_NOOP("状态"), lambda n: n.state, CENTER),
        Column(QT_TR_NOOP("分类"), lambda n: n.category),
        Column(QT_TR_NOOP("标题"), lambda n: n.title),
        Column(QT_TR_NOOP("发布时间"), lambda n: datetime_text(n.publish_at)),
        Column(QT_TR_NOOP("附件"), lambda n: str(n.attachment_count) if n.attachment_count else "", CENTER),
        Column(QT_TR_NOOP("发布单位"), lambda n: n.publisher),
        Column(QT_TR_NOOP("撤回原因"), lambda n: n.withdrawn_reason or ""),
    )


class OfficeAppointmentModel(RowsModel[OfficeAppointment]):
    """A day's 考籍证明 appointments at the clerk's office."""

    columns = (
        Column(QT_TR_NOOP("时段"), lambda a: a.half_text, CENTER),
        Column(QT_TR_NOOP("预约号"), lambda a: a.appointment_no),
        Column(QT_TR_NOOP("准考证号"), lambda a: a.exam_no),
        Column(QT_TR_NOOP("姓名"), lambda a: a.name),
        Column(QT_TR_NOOP("身份证号"), lambda a: a.id_number_masked),
        Column(QT_TR_NOOP("事项"), lambda a: a.purpose),
        Column(QT_TR_NOOP("状态"), lambda a: a.status_text, CENTER),
        Column(QT_TR_NOOP("办理时间"), lambda a: time_text(a.served_at) if a.served_at else ""),
    )
