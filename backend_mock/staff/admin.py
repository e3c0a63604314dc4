"""The administrator: staff accounts (create, disable, role, password reset) and the audit log.

The audit log is browsed a page at a time, newest first, filtered by who (a staff username),
which examinee (exam_no), what (action) and a date range, and exported as CSV (itself an audited
action).  Details in the log are already free of passwords and full personal numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.auth.sessions import end_all_sessions
from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.deps import ROLE_TEXT
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.models import AuditRecord, Examinee, Prefecture, StaffRole, StaffUser
from backend_mock.staff.counter import actor_of, give_one_time_password
from backend_mock.staff.schemas import (
    AuditActionPublic,
    AuditPagePublic,
    AuditRecordPublic,
    StaffAccountCreate,
    StaffAccountCreatedPublic,
    StaffAccountPublic,
    StaffAccountUpdate,
)
from zikao_common.numbers import normalise_number

ACTION_TEXT = {
    "login": "登录",
    "logout": "退出登录",
    "change_password": "修改密码",
    "reset_code": "获取重置密码验证码",
    "reset_password": "重置密码",
    "account_locked": "账号锁定",
    "account_unlocked": "账号自动解锁",
    "change_phone": "修改手机号",
    "upload_photo": "上传照片",
    "enrolment_submitted": "提交新生报名",
    "enrolment_approved": "报名审核通过",
    "enrolment_returned": "报名退回",
    "enrolment_rejected": "报名审核不通过",
    "search_examinees": "查询考生",
    "view_record": "查看考籍",
    "reveal_id_number": "查看完整身份证号",
    "verify_identity": "核验身份",
    "unlock_account": "解锁账号",
    "print_receipt": "打印报考回执单",
    "staff_created": "新建工作人员账号",
    "staff_updated": "修改工作人员账号",
    "staff_reset_password": "重置工作人员密码",
    "export_audit": "导出审计日志",
    "record_review_start": "开始审核考籍申请",
    "record_review_approve": "考籍申请审核通过",
    "record_review_return": "考籍申请退回",
    "record_review_reject": "考籍申请审核不通过",
    "score_review_start": "开始成绩复核",
    "score_review_resolve": "成绩复核办结",
    "notice_publish": "发布通知公告",
    "notice_edit": "修改通知公告",
    "notice_withdraw": "撤回通知公告",
    "notice_attachment": "添加公告附件",
    "print_ticket": "打印准考证",
    "print_transcript": "打印成绩单",
    "appointment_served": "考籍证明预约已办理",
}
RESULT_TEXT = {"ok": "成功", "refused": "被拒绝", "failed": "失败"}
CSV_HEADER = ("时间", "操作人", "考生准考证号", "考生姓名", "操作", "结果", "详情")


# --- staff accounts ----------------------------------------------------------------------------------------


def account_public(user: StaffUser, now: datetime) -> StaffAccountPublic:
    return StaffAccountPublic(
        id=user.id,
        username=user.username,
        name=user.name,
        role=user.role.value,  # type: ignore[arg-type]
        role_text=ROLE_TEXT[user.role],
        prefecture_code=user.prefecture_code,
        prefecture_name=user.prefecture.name,
        active=user.active,
        locked=user.locked_until is not None and user.locked_until > now,
        must_change_password=user.must_change_password,
    )


def list_accounts(db: Session, ctx: AppContext) -> list[StaffAccountPublic]:
    now = ctx.clock.now()
    users = db.scalars(select(StaffUser).order_by(StaffUser.prefecture_code, StaffUser.username)).all()
    result = [account_public(u, now) for u in users]
    db.commit()
    return result


def _account(db: Session, account_id: int) -> StaffUser:
    user = db.get(StaffUser, account_id)
    if user is None:
        raise NotFound("没有这个工作人员账号", code="staff_not_found")
    return user


def create_account(
    db: Session, ctx: AppContext, admin: StaffUser, body: StaffAccountCreate
) -> StaffAccountCreatedPublic:
    if db.scalar(select(StaffUser.id).where(StaffUser.username == body.username)) is not None:
        raise Conflict(f"账号名“{body.username}”已被使用，请换一个", code="username_taken")
    if db.get(Prefecture, body.prefecture_code) is None:
        raise Unprocessable(
            "请选择所属市州",
            code="validation_error",
            details={"fields": [{"field": "prefecture_code", "message": "请选择所属市州"}]},
        )
    user = StaffUser(
        username=body.username,
        name=body.name.strip(),
        role=StaffRole(body.role),
        prefecture_code=body.prefecture_code,
        password_hash="!",  # replaced by the one-time password below
    )
    db.add(user)
    db.flush()
    otp, _ = give_one_time_password(db, ctx, user, "staff")
    audit(
        db,
        ctx,
        actor=actor_of(admin),
        action="staff_created",
        details={"username": user.username, "role": user.role.value, "prefecture": user.prefecture_code},
    )
    db.commit()
    db.refresh(user)
    return StaffAccountCreatedPublic(
        account=account_public(user, ctx.clock.now()),
        one_time_password=otp,
        message="临时密码只显示这一次，请交给该工作人员；首次登录时必须修改密码。",
    )


def update_account(
    db: Session, ctx: AppContext, admin: StaffUser, account_id: int, body: StaffAccountUpdate
) -> StaffAccountPublic:
    user = _account(db, account_id)
    if user.id == admin.id:
        raise Conflict("不能修改自己账号的角色或状态，请让另一位管理员办理", code="own_account")
    changes: dict[str, object] = {}
    if body.role is not None and StaffRole(body.role) != user.role:
        changes["role"] = {"from": user.role.value, "to": body.role}
        user.role = StaffRole(body.role)
    if body.active is not None and body.active != user.active:
        changes["active"] = body.active
        user.active = body.active
        if not body.active:
            end_all_sessions(db, ctx, "staff", user.id, "logout")
    if changes:
        audit(db, ctx, actor=actor_of(admin), action="staff_updated", details={"username": user.username, **changes})
    db.commit()
    return account_public(user, ctx.clock.now())


def reset_account_password(
    db: Session, ctx: AppContext, admin: StaffUser, account_id: int
) -> StaffAccountCreatedPublic:
    user = _account(db, account_id)
    if user.id == admin.id:
        raise Conflict("请在“修改密码”中修改自己的密码", code="own_account")
    otp, was_locked = give_one_time_password(db, ctx, user, "staff")
    audit(
        db,
        ctx,
        actor=actor_of(admin),
        action="staff_reset_password",
        details={"username": user.username, "unlocked": was_locked},
    )
    db.commit()
    return StaffAccountCreatedPublic(
        account=account_public(user, ctx.clock.now()),
        one_time_password=otp,
        message="临时密码只显示这一次，请交给该工作人员；登录时必须修改密码。",
    )


# --- the audit log -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""  # a staff username, "system", "anonymous" or "examinee"
    exam_no: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None  # inclusive


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=CHINA_TZ)


def _conditions(db: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    who = flt.actor.strip().lower()
    if who in ("system", "anonymous"):
        where.append(AuditRecord.actor == who)
    elif who == "examinee":
        where.append(AuditRecord.actor.startswith("examinee:"))
    elif who:
        staff_id = db.scalar(select(StaffUser.id).where(StaffUser.username == who))
        where.append(AuditRecord.actor == f"staff:{staff_id}" if staff_id is not None else false())
    if exam_no := normalise_number(flt.exam_no):
        examinee_id = db.scalar(select(Examinee.id).where(Examinee.exam_no == exam_no))
        where.append(AuditRecord.examinee_id == examinee_id if examinee_id is not None else false())
    if flt.action:
        where.append(AuditRecord.action == flt.action)
    if flt.date_from is not None:
        where.append(AuditRecord.at >= _day_start(flt.date_from))
    if flt.date_to is not None:
        where.append(AuditRecord.at < _day_start(flt.date_to + timedelta(days=1)))
    return where


# how the details of a record read in the log (unknown keys are shown as they are)
DETAIL_LABELS = {
    "by": "查询方式",
    "matches": "结果数",
    "reason": "原因",
    "id_number_matches": "身份证号一致",
    "name_matches": "姓名一致",
    "why": "原因",
    "one_time_password": "临时密码",
    "unlocked": "同时解锁",
    "order_no": "订单号",
    "application_no": "报名号",
    "exam_no": "准考证号",
    "username": "工作人员",
    "role": "角色",
    "active": "启用",
    "prefecture": "市州",
    "rows": "行数",
    "kind": "账号类型",
    "failures": "失败次数",
    "how": "方式",
    "phone": "手机号",
    "from": "从",
    "to": "到",
}
VALUE_TEXT = {"not_verified": "未核验身份", "expired": "已过期", "lock_expired": "锁定到期",
              "password_reset": "重置密码", "examinee": "考生", "staff": "工作人员"}  # fmt: skip
SEARCH_BY_TEXT = {"exam_no": "准考证号", "exam_no_prefix": "准考证号开头", "id_number": "身份证号", "name": "姓名",
                  "phone": "手机号"}  # fmt: skip


def _value_text(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "by" and isinstance(value, str):
        return SEARCH_BY_TEXT.get(value, value)
    if isinstance(value, str):
        return VALUE_TEXT.get(value, value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _details_text(details: dict[str, object] | None) -> str:
    if not details:
        return ""
    return "；".join(
        f"{DETAIL_LABELS.get(key, key)}：{_value_text(key, value)}"
        for key, value in details.items()
        if value is not None
    )


def _public(db: Session, rows: Sequence[AuditRecord]) -> list[AuditRecordPublic]:
    staff_ids = {int(r.actor.split(":", 1)[1]) for r in rows if r.actor.startswith("staff:")}
    staff = {
        f"staff:{i}": f"{name}（{username}）"
        for i, name, username in db.execute(
            select(StaffUser.id, StaffUser.name, StaffUser.username).where(StaffUser.id.in_(staff_ids))
        )
    }
    examinee_ids = {r.examinee_id for r in rows if r.examinee_id is not None}
    examinee_ids |= {int(r.actor.split(":", 1)[1]) for r in rows if r.actor.startswith("examinee:")}
    people = {
        i: (exam_no, name)
        for i, exam_no, name in db.execute(
            select(Examinee.id, Examinee.exam_no, Examinee.name).where(Examinee.id.in_(examinee_ids))
        )
    }

    def actor_text(actor: str) -> str:
        if actor in staff:
            return staff[actor]
        if actor.startswith("examinee:"):
            exam_no = people.get(int(actor.split(":", 1)[1]), ("?", ""))[0]
            return f"考生本人（{exam_no}）"
        return {"system": "系统", "anonymous": "未登录用户", "system:auto": "系统（自动审核）"}.get(actor, actor)

    return [
        AuditRecordPublic(
            id=r.id,
            at=r.at,
            actor=r.actor,
            actor_text=actor_text(r.actor),
            exam_no=people[r.examinee_id][0] if r.examinee_id in people else None,
            examinee_name=people[r.examinee_id][1] if r.examinee_id in people else None,
            action=r.action,
            action_text=ACTION_TEXT.get(r.action, r.action),
            result=r.result,
            result_text=RESULT_TEXT.get(r.result, r.result),
            details=_details_text(r.details),
        )
        for r in rows
    ]


def browse(db: Session, ctx: AppContext, flt: AuditFilter, page: int, page_size: int | None) -> AuditPagePublic:
    size = min(page_size or ctx.settings.audit_page_size, 200)
    where = _conditions(db, flt)
    total = db.scalar(select(func.count()).select_from(AuditRecord).where(*where)) or 0
    rows = db.scalars(
        select(AuditRecord)
        .where(*where)
        .order_by(AuditRecord.at.desc(), AuditRecord.id.desc())
        .limit(size)
        .offset((page - 1) * size)
    ).all()
    result = AuditPagePublic(items=_public(db, rows), total=total, page=page, page_size=size)
    db.commit()
    return result


def export_csv(db: Session, ctx: AppContext, admin: StaffUser, flt: AuditFilter) -> str:
    """The filtered log as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese)."""
    where = _conditions(db, flt)
    limit = ctx.settings.audit_export_max_rows
    rows = db.scalars(
        select(AuditRecord).where(*where).order_by(AuditRecord.at.desc(), AuditRecord.id.desc()).limit(limit)
    ).all()
    records = _public(db, rows)
    audit(
        db,
        ctx,
        actor=actor_of(admin),
        action="export_audit",
        details={
            "rows": len(records),
            "actor": flt.actor or None,
            "exam_no": flt.exam_no or None,
            "action": flt.action or None,
            "from": flt.date_from.isoformat() if flt.date_from else None,
            "to": flt.date_to.isoformat() if flt.date_to else None,
        },
    )
    db.commit()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(CSV_HEADER)
    for r in records:
        writer.writerow(
            [
                f"{r.at:%Y-%m-%d %H:%M:%S}",
                r.actor_text,
                r.exam_no or "",
                r.examinee_name or "",
                r.action_text,
                r.result_text,
                r.details,
            ]
        )
    return buffer.getvalue()


def actions() -> list[AuditActionPublic]:
    return [AuditActionPublic(action=a, text=t) for a, t in ACTION_TEXT.items()]
