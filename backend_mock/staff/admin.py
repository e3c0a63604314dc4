"""The administrator: staff accounts (create, disable, role, password reset) and the audit log.

The audit log is browsed a page at a time, newest first, filtered by who (a staff username),
which examinee (exam_no), what (action) and a date range, and exported as CSV (itself an audited
action).  Details in the log are already free of passwords and full personal numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.auth.sessions import end_all_sessions
from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.graduation import service as graduation
from backend_mock.i18n import Msg
from backend_mock.models import AuditRecord, Examinee, ExamSite, Prefecture, StaffRole, StaffUser
from backend_mock.records import appointments
from backend_mock.records import service as records
from backend_mock.registration import orders
from backend_mock.staff.counter import actor_of, give_one_time_password
from backend_mock.staff.roles import ROLE_TEXT
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

#: the actors that are no person (an examinee or a staff member is named from the database)
ACTOR_TEXT = {"system": "系统", "anonymous": "未登录用户", "system:auto": "系统（自动审核）", "payplatform": "支付平台"}

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
    "record_application_submit": "提交考籍申请",
    "upload_file": "上传文件",
    "appointment_book": "预约考籍证明",
    "appointment_cancel": "取消考籍证明预约",
    "graduation_submit": "提交毕业申请",
    "graduation_first_approve": "毕业申请初审通过",
    "graduation_first_reject": "毕业申请初审不通过",
    "graduation_return": "毕业申请退回修改",
    "graduation_confirm": "毕业申请现场确认",
    "graduation_final_approve": "毕业申请终审通过",
    "graduation_final_reject": "毕业申请终审不通过",
    "graduation_issue": "发放毕业证书",
    "order_create": "创建报考订单",
    "order_close": "关闭订单",
    "order_paid": "订单缴费成功",
    "order_back_to_pending": "订单恢复为待缴费",
    "payment_start": "发起缴费",
    "payment_succeeded": "缴费成功",
    "payment_cancelled": "取消缴费",
    "payment_notify_duplicate": "收到重复的缴费通知",
    "payment_notify_ignored": "忽略缴费通知",
    "payment_reconcile_mismatch": "缴费对账不一致",
    "platform_charge": "支付平台扣款",
    "platform_cancel": "支付平台撤销",
    "refund_start": "发起退款",
    "order_item_withdraw": "撤销已缴费课程的报考",
    "upload_orphans_delete": "清理无人引用的上传文件",
    "refund_complete": "退款完成",
    "score_review_submit": "申请成绩复核",
    "update_policy_changed": "修改软件更新设置",
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
        raise Conflict(Msg("账号名“{username}”已被使用，请换一个", username=body.username), code="username_taken")
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


# how the details of a record read in the log: every key and every coded value in words.  A label
# may depend on the operation ("kind" is an account's kind for 账号锁定, an application's for 考籍);
# tests/api/test_audit_words.py checks every key and action the backend writes has its words.
DETAIL_LABELS = {
    "deleted": "删除文件数",
    "retention_hours": "保留小时数",
    "by": "查询方式",
    "matches": "结果数",
    "reason": "原因",
    "message": "原因",
    "code": "原因",
    "id_number_matches": "身份证号一致",
    "name_matches": "姓名一致",
    "why": "原因",
    "one_time_password": "临时密码",
    "unlocked": "同时解锁",
    "order_no": "订单号",
    "application_no": "申请编号",
    "exam_no": "准考证号",
    "username": "工作人员",
    "role": "角色",
    "active": "启用",
    "prefecture": "市州",
    "rows": "行数",
    "kind": "申请类型",
    "failures": "失败次数",
    "how": "方式",
    "phone": "手机号",
    "from": "原状态",
    "to": "新状态",
    "site_id": "考点",
    "courses": "课程",
    "amount_fen": "金额",
    "actor": "操作人",
    "action": "操作",
    "notice_id": "公告编号",
    "title": "标题",
    "publish_at": "发布时间",
    "fields": "修改的内容",
    "file_name": "文件名",
    "size": "大小",
    "payment_no": "支付流水号",
    "channel": "支付方式",
    "session_code": "考次",
    "results": "成绩条数",
    "comment": "意见",
    "certificate_no": "证书编号",
    "status": "状态",
    "slot_id": "预约时段",
    "appointment_no": "预约号",
    "day": "日期",
    "file_id": "文件编号",
    "type": "文件类型",
    "resubmit": "重新提交",
    "notify_id": "通知编号",
    "review_no": "复核编号",
    "course_code": "课程代码",
    "original_score": "原成绩",
    "corrected_score": "更正后成绩",
    "result": "结果",
    "refund_no": "退款编号",
    "order_status": "订单原状态",
    "source": "来源",
    "expected": "本系统记录",
    "platform": "支付平台记录",
    "event_at": "发生时间",
    "locked_until": "锁定至",
    "attempts_left": "剩余尝试次数",
    "defer": "柜台电脑推迟更新到下班后",
    "closing_time": "下班时间",
}
#: labels that differ by operation (the action's prefix → key → label)
ACTION_DETAIL_LABELS = {
    "account_": {"kind": "账号类型"},
    "enrolment_": {"application_no": "报名号"},
    "change_phone": {"from": "原手机号", "to": "新手机号"},
    "export_audit": {"from": "开始日期", "to": "截止日期", "action": "操作", "actor": "操作人"},
    "order_close": {"from": "订单原状态"},
    "staff_updated": {"role": "角色", "active": "启用"},
}
#: codes the backend writes as values, in words
VALUE_TEXT: dict[str, str] = {
    # who and how
    "examinee": "考生", "staff": "工作人员", "not_verified": "未核验身份", "expired": "已过期",
    "lock_expired": "锁定到期", "password_reset": "重置密码", "notify": "支付平台通知", "reconcile": "对账",
    # payment channels
    "alipay": "支付宝", "wechat": "微信支付", "unionpay": "银联",
    # order close reasons, payment results, ignored payment notices
    "cutoff": "过了每日缴费截止时间", "window_closed": "报考时间已结束", "succeeded": "成功", "failed": "失败",
    "created": "已发起", "bad_signature": "签名校验失败", "unknown_payment": "没有这笔支付",
    "order_mismatch": "订单号不一致", "amount_mismatch": "金额不一致", "bad_time": "时间不正确",
    # upload refusals
    "background": "背景颜色不符", "corrupt": "文件已损坏", "empty": "文件是空的", "pdf_incomplete": "PDF文件不完整",
    "pixels": "像素过多", "too_large": "文件过大", "type": "文件类型不符",
    # record statuses that only the staff queues use
    "in_review": "复核中", "done": "已完成",
}  # fmt: skip
for _texts in (
    records.KIND_TEXT, records.STATUS_TEXT, graduation.STATUS_TEXT, orders.STATUS_TEXT,
    orders.REFUND_STATUS_TEXT, appointments.STATUS_TEXT, ROLE_TEXT,
):  # fmt: skip
    VALUE_TEXT.update({str(code): text for code, text in _texts.items()})
VALUE_TEXT["cancelled"] = "已取消"
#: refusal codes (older records kept the code only; newer ones keep the message as well)
CODE_TEXT = {
    "ticket_not_open": "准考证尚未开放打印",
    "ticket_closed": "准考证打印已结束",
    "no_ticket": "没有可打印的准考证",
    "photo_missing": "没有照片",
    "invalid_transition": "当前状态不能进行该操作",
    "proof_missing": "缺少证明材料",
    "appointment_state": "预约状态不能标记办理",
    "appointment_not_today": "不是预约当天",
    "reason_required": "未填写原因",
    "role_forbidden": "角色无权进行该操作",
}
SEARCH_BY_TEXT = {"exam_no": "准考证号", "exam_no_prefix": "准考证号开头", "id_number": "身份证号", "name": "姓名",
                  "phone": "手机号"}  # fmt: skip
#: fields of a notice (notice_edit writes which changed)
NOTICE_FIELD_TEXT = {"title": "标题", "body": "正文", "category": "分类", "publish_at": "发布时间",
                     "publisher": "发布单位", "pinned": "置顶"}  # fmt: skip
UNKNOWN_CODE = "（其他）"
CONTENT_TYPE_TEXT = {"image/jpeg": "JPEG图片", "image/png": "PNG图片", "application/pdf": "PDF文件"}
#: keys whose values are codes (the others hold text, numbers, user names and document numbers)
CODED_KEYS = {"kind", "status", "from", "to", "how", "why", "reason", "code", "channel", "source", "order_status",
              "one_time_password", "role", "result"}  # fmt: skip


def _label(action: str, key: str) -> str:
    for prefix, labels in ACTION_DETAIL_LABELS.items():
        if action.startswith(prefix) and key in labels:
            return labels[key]
    return DETAIL_LABELS.get(key, "其他信息")


def _code_text(value: str) -> str:
    """A coded value in words; a code with no words is never shown as it is."""
    if value in VALUE_TEXT:
        return VALUE_TEXT[value]
    if value in CODE_TEXT:
        return CODE_TEXT[value]
    if value.isascii() and any(ch.isalpha() for ch in value) and (value.islower() or "_" in value):
        return UNKNOWN_CODE
    return value  # text, numbers, order and application numbers


def _value_text(key: str, value: object, names: dict[str, str]) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "amount_fen" and isinstance(value, int):
        return f"{value / 100:.2f}元"
    if key == "site_id" and isinstance(value, int):
        return names.get(f"site:{value}", f"{value}号考点")
    if key == "size" and isinstance(value, int):
        return f"{value}字节"
    if key == "by" and isinstance(value, str):
        return SEARCH_BY_TEXT.get(value, value)
    if key == "role" and isinstance(value, str):
        return _code_text(value)
    if key == "action" and isinstance(value, str):
        return ACTION_TEXT.get(value, UNKNOWN_CODE)
    if key == "fields" and isinstance(value, list):
        return "、".join(NOTICE_FIELD_TEXT.get(str(v), UNKNOWN_CODE) for v in value)
    if key in ("publish_at", "event_at", "locked_until") and isinstance(value, str):
        try:
            return f"{datetime.fromisoformat(value).astimezone(CHINA_TZ):%Y年%m月%d日 %H:%M}"
        except ValueError:
            return value
    if isinstance(value, list):
        return "、".join(_value_text(key, v, names) for v in value)
    if isinstance(value, dict):
        if set(value) == {"from", "to"}:  # a change: 窗口工作人员 → 审核员
            return f"{_value_text(key, value['from'], names)} → {_value_text(key, value['to'], names)}"
        inner = "，".join(f"{_label('', k)}：{_value_text(k, v, names)}" for k, v in value.items() if v is not None)
        return f"（{inner}）"
    if key == "type" and isinstance(value, str):
        return CONTENT_TYPE_TEXT.get(value, "其他文件")
    if key == "prefecture" and isinstance(value, str):
        return names.get(f"prefecture:{value}", value)
    if isinstance(value, str):
        return _code_text(value) if key in CODED_KEYS else value
    return str(value)


def _details_text(action: str, details: dict[str, object] | None, names: dict[str, str] | None = None) -> str:
    if not details:
        return ""
    shown = dict(details)
    if "message" in shown:  # the refusal's own words say more than its code
        shown.pop("code", None)
    return "；".join(
        f"{_label(action, key)}：{_value_text(key, value, names or {})}"
        for key, value in shown.items()
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

    site_ids = {r.details["site_id"] for r in rows if r.details and isinstance(r.details.get("site_id"), int)}
    names = {
        f"site:{i}": name for i, name in db.execute(select(ExamSite.id, ExamSite.name).where(ExamSite.id.in_(site_ids)))
    }
    names |= {f"prefecture:{code}": name for code, name in db.execute(select(Prefecture.code, Prefecture.name))}

    def actor_text(actor: str) -> str:
        if actor in staff:
            return staff[actor]
        if actor.startswith("examinee:"):
            exam_no = people.get(int(actor.split(":", 1)[1]), ("?", ""))[0]
            return f"考生本人（{exam_no}）"
        return ACTOR_TEXT.get(actor, actor)

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
            details=_details_text(r.action, r.details, names),
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
