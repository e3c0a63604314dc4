"""The counter of a prefecture office: find an examinee, see the record, and act on the account.

Every function here is a staff action and writes an audit record (who, which examinee, what,
result) in the same transaction as its effect.  Personal numbers leave masked, except through
``reveal_id_number`` (audited, with a reason).  Unlocking an account and resetting its password
need an identity check of the examinee by the same clerk shortly before (``verify_identity``):
the person stands at the counter with the ID card, and the check is on the record.

Search is built for 100,000s of examinees: every key is an indexed equality or an index range
(a prefix ``p`` is ``p <= col < p'`` where ``p'`` is ``p`` with its last character bumped, which
any B-tree index serves, unlike ``LIKE`` on SQLite), one page at a time, never loading photos.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from backend_mock.audit import audit
from backend_mock.auth.passwords import hash_password
from backend_mock.auth.sessions import end_all_sessions
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.exams import service as exams
from backend_mock.i18n import Msg, enumeration
from backend_mock.masking import mask_id_number, mask_phone
from backend_mock.models import (
    AuditRecord,
    Examinee,
    Exemption,
    Major,
    Order,
    OrderStatus,
    Prefecture,
    RecordStatus,
    ScoreRecord,
    StaffUser,
    TransferredResult,
)
from backend_mock.profile.service import profile_of
from backend_mock.registration import service as registration
from backend_mock.registration.schemas import OrderPublic
from backend_mock.scores import service as scores
from backend_mock.staff.schemas import (
    AccountStatePublic,
    CounterTicketPublic,
    CounterTranscriptPublic,
    ExamineeHitPublic,
    ExamineeRecordPublic,
    ExamineeSearchPublic,
    ExemptionLinePublic,
    OneTimePasswordPublic,
    PaidOrderPublic,
    ResultLinePublic,
    RevealPublic,
    VerifyPublic,
)
from zikao_common.numbers import is_ascii_digits, normalise_number

SEARCH_KEY_TEXT = {
    "exam_no": Msg("准考证号"),
    "exam_no_prefix": Msg("准考证号开头"),
    "id_number": Msg("身份证号"),
    "name": Msg("姓名"),
    "phone": Msg("手机号"),
}
RECORD_STATUS_TEXT = {
    RecordStatus.ACTIVE: Msg("在籍"),
    RecordStatus.TRANSFERRED_OUT: Msg("已转出"),
    RecordStatus.GRADUATED: Msg("已毕业"),
}
# no 0/O, 1/l/I: the person copies the password from a slip of paper
OTP_LETTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ"
OTP_DIGITS = "23456789"


def actor_of(staff: StaffUser) -> str:
    return f"staff:{staff.id}"


def _invalid(field: str, message: str) -> Unprocessable:
    return Unprocessable(message, code="validation_error", details={"fields": [{"field": field, "message": message}]})


# --- search ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchKey:
    """How a query is looked up: which column, exactly or by prefix."""

    by: str  # exam_no | exam_no_prefix | id_number | name | phone
    value: str


def _upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def classify_query(ctx: AppContext, query: str, by: str = "auto") -> SearchKey:
    """Work out what ``query`` is (or check it against the key the clerk chose)."""
    text = normalise_number(query).replace(" ", "")  # fullwidth digits read as 0-9
    upper = text.upper()
    if not text:
        raise _invalid("q", "请输入准考证号、身份证号、姓名或手机号")
    digits = is_ascii_digits(text)
    if by == "auto":
        if len(upper) == 18 and is_ascii_digits(upper[:17]) and (is_ascii_digits(upper[17]) or upper[17] == "X"):
            by = "id_number"
        elif digits and len(text) == 11 and text.startswith("1"):
            by = "phone"
        elif digits:
            by = "exam_no"
        else:
            by = "name"
    if by == "exam_no":
        if not digits or len(text) > 12:
            raise _invalid("q", "准考证号为12位数字")
        if len(text) == 12:
            return SearchKey("exam_no", text)
        if len(text) < ctx.settings.staff_search_min_exam_no_prefix:
            raise _invalid(
                "q",
                Msg(
                    "按准考证号开头查询时至少输入{staff_search_min_exam_no_prefix}位数字",
                    staff_search_min_exam_no_prefix=ctx.settings.staff_search_min_exam_no_prefix,
                ),
            )
        return SearchKey("exam_no_prefix", text)
    if by == "id_number":
        if len(upper) != 18:
            raise _invalid("q", "请输入完整的18位身份证号")
        return SearchKey("id_number", upper)
    if by == "phone":
        if not digits or len(text) != 11:
            raise _invalid("q", "请输入完整的11位手机号")
        return SearchKey("phone", text)
    if digits:
        raise _invalid("q", "姓名不能是数字")
    return SearchKey("name", text)


def _condition(key: SearchKey) -> tuple[ColumnElement[bool], Any]:
    """The WHERE clause of ``key`` and the column the results are ordered by."""
    if key.by == "exam_no":
        return Examinee.exam_no == key.value, Examinee.exam_no
    if key.by == "exam_no_prefix":
        cond = (Examinee.exam_no >= key.value) & (Examinee.exam_no < _upper_bound(key.value))
        return cond, Examinee.exam_no
    if key.by == "id_number":
        return Examinee.id_number == key.value, Examinee.exam_no
    if key.by == "phone":
        return Examinee.phone == key.value, Examinee.exam_no
    # names: the exact name sorts first among the names it begins
    return (Examinee.name >= key.value) & (Examinee.name < _upper_bound(key.value)), Examinee.name


def find_examinees(db: Session, key: SearchKey, page: int, page_size: int) -> tuple[list[ExamineeHitPublic], int]:
    """One page of matches and the number of all matches (no audit: see ``search``)."""
    cond, order = _condition(key)
    total = db.scalar(select(func.count()).select_from(Examinee).where(cond)) or 0
    stmt = (
        select(
            Examinee.id,
            Examinee.exam_no,
            Examinee.name,
            Examinee.gender,
            Examinee.id_number,
            Examinee.phone,
            Examinee.record_status,
            Examinee.locked_until,
            Prefecture.name,
            Major.name,
            Major.level,
        )
        .join(Prefecture, Prefecture.code == Examinee.prefecture_code)
        .join(Major, Major.id == Examinee.major_id)
        .where(cond)
        .order_by(order, Examinee.id)
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    rows = db.execute(stmt).all()
    items = [
        ExamineeHitPublic(
            id=id_,
            exam_no=exam_no,
            name=name,
            gender=gender.value,
            id_number_masked=mask_id_number(id_number),
            phone_masked=mask_phone(phone),
            prefecture_name=pref_name,
            major_name=major_name,
            level=level.value,
            record_status=RECORD_STATUS_TEXT[status],
            locked=locked_until is not None,
        )
        for id_, exam_no, name, gender, id_number, phone, status, locked_until, pref_name, major_name, level in rows
    ]
    return items, total


def search(
    db: Session, ctx: AppContext, staff: StaffUser, query: str, by: str, page: int, page_size: int | None
) -> ExamineeSearchPublic:
    settings = ctx.settings
    size = min(page_size or settings.staff_search_page_size, settings.staff_search_max_page_size)
    key = classify_query(ctx, query, by)
    items, total = find_examinees(db, key, page, size)
    # the query itself is a personal detail: the trail keeps its kind and the number of matches
    audit(
        db,
        ctx,
        actor=actor_of(staff),
        action="search_examinees",
        examinee_id=items[0].id if total == 1 and items else None,
        details={"by": key.by, "matches": total},
    )
    db.commit()
    return ExamineeSearchPublic(
        query=query.strip(),
        by=key.by,  # type: ignore[arg-type]
        by_text=SEARCH_KEY_TEXT[key.by],
        items=items,
        total=total,
        page=page,
        page_size=size,
    )


# --- the record ----------------------------------------------------------------------------------------


def examinee_or_404(db: Session, examinee_id: int) -> Examinee:
    examinee = db.get(Examinee, examinee_id)
    if examinee is None:
        raise NotFound("没有该考生", code="examinee_not_found")
    return examinee


def verified_until(db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int) -> datetime | None:
    """Until when this clerk's last successful identity check of the examinee counts."""
    window = timedelta(minutes=ctx.settings.counter_verification_valid_minutes)
    last = db.scalar(
        select(func.max(AuditRecord.at)).where(
            AuditRecord.examinee_id == examinee_id,
            AuditRecord.actor == actor_of(staff),
            AuditRecord.action == "verify_identity",
            AuditRecord.result == "ok",
        )
    )
    if last is None:
        return None
    until: datetime = last + window
    return until if until > ctx.clock.now() else None


def _result_text(score: ScoreRecord) -> str:
    if score.absent:
        return Msg("缺考")
    if score.score is not None:
        return f"{score.score}（{score.grade}）" if score.grade else str(score.score)
    return score.grade or ""


def _account_state(examinee: Examinee, now: datetime) -> AccountStatePublic:
    locked = examinee.locked_until is not None and examinee.locked_until > now
    return AccountStatePublic(
        locked=locked,
        locked_until=examinee.locked_until if locked else None,
        failed_logins=examinee.failed_logins,
        must_change_password=examinee.must_change_password,
    )


def record(db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int) -> ExamineeRecordPublic:
    examinee = examinee_or_404(db, examinee_id)
    scores = db.scalars(
        select(ScoreRecord)
        .where(ScoreRecord.examinee_id == examinee.id)
        .options(selectinload(ScoreRecord.course))
        .order_by(ScoreRecord.session_code, ScoreRecord.course_code)
    ).all()
    exemptions = db.scalars(
        select(Exemption).where(Exemption.examinee_id == examinee.id).options(selectinload(Exemption.course))
    ).all()
    transferred = db.scalars(
        select(TransferredResult)
        .where(TransferredResult.examinee_id == examinee.id)
        .options(selectinload(TransferredResult.course))
        .order_by(TransferredResult.course_code)
    ).all()
    paid = db.scalars(
        select(Order)
        .where(Order.examinee_id == examinee.id, Order.status == OrderStatus.PAID)
        .options(selectinload(Order.items))
        .order_by(Order.paid_at.desc())
    ).all()
    result = ExamineeRecordPublic(
        id=examinee.id,
        profile=profile_of(examinee),
        account=_account_state(examinee, ctx.clock.now()),
        results=[
            ResultLinePublic(
                session_code=s.session_code,
                course_code=s.course_code,
                course_name=s.course.name,
                result=_result_text(s),
                passed=s.passed,
            )
            for s in scores
        ]
        + [  # results transferred in from another province (docs/rules.md#scores-and-reviews)
            ResultLinePublic(
                session_code="transfer",
                course_code=t.course_code,
                course_name=t.course.name,
                result=Msg("转入"),
                passed=True,
            )
            for t in transferred
        ],
        exemptions=[
            ExemptionLinePublic(
                course_code=e.course_code, course_name=e.course.name, basis=e.basis, granted_at=e.granted_at
            )
            for e in exemptions
        ],
        paid_orders=[
            PaidOrderPublic(
                order_no=o.order_no,
                session_code=o.session_code,
                courses=sum(1 for i in o.items if i.active),  # withdrawn courses (exempted) not counted
                amount_fen=o.amount_fen,
                paid_at=o.paid_at,
            )
            for o in paid
        ],
        verified_until=verified_until(db, ctx, staff, examinee.id),
    )
    audit(db, ctx, actor=actor_of(staff), action="view_record", examinee_id=examinee.id)
    db.commit()
    return result


# --- actions on the account ------------------------------------------------------------------------------


def _reason(ctx: AppContext, reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if len(text) < ctx.settings.reason_min_length:
        raise _invalid(
            "reason",
            Msg(
                "请填写{what}的原因（至少{reason_min_length}个字）",
                what=what,
                reason_min_length=ctx.settings.reason_min_length,
            ),
        )
    return text[: ctx.settings.reason_max_length]


def reveal_id_number(db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int, reason: str) -> RevealPublic:
    examinee = examinee_or_404(db, examinee_id)
    why = _reason(ctx, reason, Msg("查看完整身份证号"))
    audit(db, ctx, actor=actor_of(staff), action="reveal_id_number", examinee_id=examinee.id, details={"reason": why})
    db.commit()
    return RevealPublic(id_number=examinee.id_number)


def verify_identity(
    db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int, id_number: str, name: str
) -> VerifyPublic:
    """Compare what the clerk typed from the ID card with the record (both must match)."""
    examinee = examinee_or_404(db, examinee_id)
    id_ok = secrets.compare_digest(normalise_number(id_number).encode(), examinee.id_number.encode())
    name_ok = name.strip().replace(" ", "") == examinee.name
    matched = id_ok and name_ok
    audit(
        db,
        ctx,
        actor=actor_of(staff),
        action="verify_identity",
        result="ok" if matched else "refused",
        examinee_id=examinee.id,
        details={"id_number_matches": id_ok, "name_matches": name_ok},
    )
    db.commit()
    if matched:
        until = ctx.clock.now() + timedelta(minutes=ctx.settings.counter_verification_valid_minutes)
        minutes = ctx.settings.counter_verification_valid_minutes
        message = Msg("身份核验通过，{minutes}分钟内可为该考生解锁或重置密码", minutes=minutes)
        return VerifyPublic(
            matched=True, id_number_matches=True, name_matches=True, verified_until=until, message=message
        )
    wrong = enumeration([Msg(w) for w, ok in ((Msg("身份证号"), id_ok), (Msg("姓名"), name_ok)) if not ok])
    return VerifyPublic(
        matched=False,
        id_number_matches=id_ok,
        name_matches=name_ok,
        verified_until=None,
        message=Msg("身份核验未通过：{wrong}与考籍记录不一致，请核对证件", wrong=wrong),
    )


def _require_verified(db: Session, ctx: AppContext, staff: StaffUser, examinee: Examinee, action: str) -> None:
    if verified_until(db, ctx, staff, examinee.id) is None:
        audit(
            db,
            ctx,
            actor=actor_of(staff),
            action=action,
            result="refused",
            examinee_id=examinee.id,
            details={"why": "not_verified"},
        )
        db.commit()
        raise Conflict("请先核验考生身份（核对身份证原件，输入身份证号和姓名）再办理", code="identity_not_verified")


def unlock_account(db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int) -> AccountStatePublic:
    examinee = examinee_or_404(db, examinee_id)
    now = ctx.clock.now()
    if examinee.locked_until is None or examinee.locked_until <= now:
        raise Conflict("该考生的账号没有被锁定，无需解锁", code="not_locked")
    _require_verified(db, ctx, staff, examinee, "unlock_account")
    examinee.locked_until = None
    examinee.failed_logins = 0
    audit(db, ctx, actor=actor_of(staff), action="unlock_account", examinee_id=examinee.id)
    db.commit()
    return _account_state(examinee, now)


def one_time_password(length: int) -> str:
    """Letters and digits (both present), no look-alike characters; passes the password rules."""
    alphabet = OTP_LETTERS + OTP_DIGITS
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if any(c in OTP_DIGITS for c in candidate) and any(c in OTP_LETTERS for c in candidate):
            return candidate


def give_one_time_password(db: Session, ctx: AppContext, user: Examinee | StaffUser, kind: str) -> tuple[str, bool]:
    """Set a one-time password on ``user`` (must be changed at the next login), unlock the account
    and end its sessions.  Returns the password and whether the account was locked."""
    otp = one_time_password(ctx.settings.one_time_password_length)
    was_locked = user.locked_until is not None and user.locked_until > ctx.clock.now()
    user.password_hash = hash_password(otp, ctx.settings)
    user.must_change_password = True
    user.one_time_password_expires_at = ctx.clock.now() + timedelta(hours=ctx.settings.one_time_password_valid_hours)
    user.locked_until = None
    user.failed_logins = 0
    end_all_sessions(db, ctx, kind, user.id, "password")
    return otp, was_locked


def reset_password(db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int) -> OneTimePasswordPublic:
    examinee = examinee_or_404(db, examinee_id)
    _require_verified(db, ctx, staff, examinee, "reset_password")
    otp, was_locked = give_one_time_password(db, ctx, examinee, "examinee")
    audit(
        db,
        ctx,
        actor=actor_of(staff),
        action="reset_password",
        examinee_id=examinee.id,
        details={"one_time_password": True, "unlocked": was_locked},
    )
    db.commit()
    return OneTimePasswordPublic(
        one_time_password=otp,
        message=Msg("临时密码只显示这一次，请交给考生本人。考生用它登录后必须立即设置新密码。"),
    )


def receipt(
    db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int, order_no: str
) -> tuple[Examinee, OrderPublic]:
    """The paid order whose 报考回执单 the clerk prints for the examinee."""
    examinee = examinee_or_404(db, examinee_id)
    order = db.scalar(select(Order).where(Order.order_no == order_no.strip(), Order.examinee_id == examinee.id))
    if order is None or order.status != OrderStatus.PAID:
        raise NotFound("该考生没有这个已缴费的订单", code="order_not_found")
    (public,) = registration.orders_public(db, ctx, [order])
    audit(
        db,
        ctx,
        actor=actor_of(staff),
        action="print_receipt",
        examinee_id=examinee.id,
        details={"order_no": order.order_no},
    )
    db.commit()
    return examinee, public


def counter_ticket(
    db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int, session_code: str | None
) -> CounterTicketPublic:
    """The examinee's admission ticket for the clerk to print, by the exams module's own rules (only
    in the printing window, paid courses, a photo); a refusal is audited too."""
    examinee = examinee_or_404(db, examinee_id)
    try:
        ticket = exams.ticket(db, ctx, examinee, session_code)
    except Conflict as exc:
        db.rollback()
        audit(
            db, ctx, actor=actor_of(staff), action="print_ticket", result="refused", examinee_id=examinee.id,
            details={"session_code": session_code, "code": exc.code, "message": exc.message},
        )  # fmt: skip
        db.commit()
        raise
    photo = base64.b64encode(examinee.photo or b"").decode("ascii")
    audit(
        db, ctx, actor=actor_of(staff), action="print_ticket", examinee_id=examinee.id,
        details={"session_code": ticket.session_code, "courses": len(ticket.courses)},
    )  # fmt: skip
    db.commit()
    return CounterTicketPublic(ticket=ticket, photo_base64=photo)


def counter_transcript(db: Session, ctx: AppContext, staff: StaffUser, examinee_id: int) -> CounterTranscriptPublic:
    """The examinee's released results and plan progress (the scores module's own) for the 成绩单."""
    examinee = examinee_or_404(db, examinee_id)
    result = CounterTranscriptPublic(
        profile=profile_of(examinee),
        scores=scores.list_scores(db, ctx, examinee),
        progress=scores.progress(db, ctx, examinee),
    )
    audit(
        db, ctx, actor=actor_of(staff), action="print_transcript", examinee_id=examinee.id,
        details={"results": len(result.scores.scores)},
    )  # fmt: skip
    db.commit()
    return result
