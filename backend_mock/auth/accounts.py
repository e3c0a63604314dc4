"""Login with lockout, password changes and password reset by SMS code.

A login answer never tells whether an account exists: unknown account names are counted and
locked in ``LoginThrottle`` exactly as real accounts are, and a dummy hash is verified so the
time taken is the same.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.auth.passwords import dummy_hash, hash_password, needs_rehash, password_problem, verify_password
from backend_mock.auth.sessions import end_all_sessions, open_session
from backend_mock.context import AppContext
from backend_mock.errors import ApiError, Forbidden, NotAuthenticated, TooManyRequests, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.masking import mask_phone
from backend_mock.models import AuthSession, Examinee, LoginThrottle, SmsMessage, StaffUser
from zikao_common.numbers import is_ascii_digits, normalise_number

Account = Examinee | StaffUser | LoginThrottle


@dataclass(frozen=True)
class LoginResult:
    token: str
    subject_type: str
    subject_id: int
    name: str
    idle_minutes: int
    absolute_expires_at: datetime
    role: str | None = None
    must_change_password: bool = False


def normalise_account(account: str) -> str:
    """An exam or ID number as stored (fullwidth digits read as 0-9: zikao_common.numbers)."""
    return normalise_number(account)


def find_account(db: Session, kind: str, account: str) -> Examinee | StaffUser | None:
    key = normalise_account(account)
    if kind == "staff":
        return db.scalar(select(StaffUser).where(StaffUser.username == key.lower()))
    if len(key) == 12 and is_ascii_digits(key):
        return db.scalar(select(Examinee).where(Examinee.exam_no == key))
    if len(key) == 18:
        return db.scalar(select(Examinee).where(Examinee.id_number == key))
    return None


def _throttle(db: Session, kind: str, account: str) -> LoginThrottle:
    key = f"{kind}:{normalise_account(account)}"[:40]
    row = db.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failed_logins=0)
        db.add(row)
    return row


def _locked_message(until: datetime) -> str:
    return Msg(
        "账号或密码连续输错次数过多，账号已锁定，请于{until:%m月%d日 %H:%M}后再试，或到市州自考办窗口解锁", until=until
    )


def login(db: Session, ctx: AppContext, kind: str, account: str, password: str) -> LoginResult:
    """Check the credentials (the captcha has been checked already).  Commits either way."""
    settings = ctx.settings
    now = ctx.clock.now()
    user = find_account(db, kind, account)
    holder: Account = user if user is not None else _throttle(db, kind, account)
    actor = f"{kind}:{user.id}" if user is not None else "anonymous"
    examinee_id = user.id if isinstance(user, Examinee) else None

    if holder.locked_until is not None and holder.locked_until <= now:
        holder.locked_until = None
        holder.failed_logins = 0
        if user is not None:
            audit(
                db,
                ctx,
                actor="system",
                action="account_unlocked",
                examinee_id=examinee_id,
                details={"how": "lock_expired", "kind": kind},
            )
    if holder.locked_until is not None:
        until = holder.locked_until
        db.commit()
        raise Forbidden(_locked_message(until), code="account_locked", details={"locked_until": until.isoformat()})

    stored_hash = user.password_hash if user is not None else dummy_hash(settings.password_hashing)
    # the hash takes ~20 ms of CPU (far more under load, and with old parameters): never hold the
    # write lock (SQLite's BEGIN IMMEDIATE) through it, or concurrent logins queue past the busy
    # timeout (benchmarks/load.py); the same holds for the new hash of a rehash
    db.commit()
    ok = verify_password(stored_hash, password)
    # a hash made with other parameters than the configured ones: the new hash, stored with this
    # login (argon2's check_needs_rehash; the parameters are Settings.password_hashing)
    rehashed = None
    if ok and user is not None and needs_rehash(stored_hash, settings):
        rehashed = hash_password(password, settings)
    db.refresh(holder, with_for_update=True)  # the failure count as it is now (other attempts ran meanwhile)
    if isinstance(user, StaffUser) and not user.active:
        ok = False
    if not ok:
        holder.failed_logins += 1
        left = settings.login_max_failures - holder.failed_logins
        if left <= 0:
            holder.locked_until = now + timedelta(minutes=settings.login_lock_minutes)
            if user is not None:
                audit(
                    db,
                    ctx,
                    actor="system",
                    action="account_locked",
                    result="ok",
                    examinee_id=examinee_id,
                    details={"kind": kind, "failures": holder.failed_logins},
                )
            db.commit()
            raise Forbidden(
                _locked_message(holder.locked_until),
                code="account_locked",
                details={"locked_until": holder.locked_until.isoformat()},
            )
        if user is not None:
            audit(db, ctx, actor=actor, action="login", result="refused", examinee_id=examinee_id)
        db.commit()
        raise NotAuthenticated(
            Msg("账号或密码错误，还可尝试{left}次", left=left),
            code="bad_credentials",
            details={"attempts_left": left},
        )

    assert user is not None
    user.failed_logins = 0
    if rehashed is not None and user.password_hash == stored_hash:  # not changed meanwhile
        user.password_hash = rehashed
    expires = user.one_time_password_expires_at
    if user.must_change_password and expires is not None and expires <= now:
        refused = {"one_time_password": "expired"}
        audit(db, ctx, actor=actor, action="login", result="refused", examinee_id=examinee_id, details=refused)
        db.commit()
        raise Forbidden(
            Msg("临时密码已于{expires:%m月%d日 %H:%M}过期，请携带身份证到市州自考办窗口重新办理", expires=expires),
            code="one_time_password_expired",
        )
    idle = settings.counter_idle_minutes if kind == "staff" else settings.session_idle_minutes
    must_change = user.must_change_password
    token, row = open_session(db, ctx, kind, user.id, idle, password_change_required=must_change)
    audit(
        db,
        ctx,
        actor=actor,
        action="login",
        examinee_id=examinee_id,
        details={"one_time_password": True} if must_change else None,
    )
    db.commit()
    role = user.role.value if isinstance(user, StaffUser) else None
    return LoginResult(token, kind, user.id, user.name, idle, row.absolute_expires_at, role, must_change)


def change_password(
    db: Session, ctx: AppContext, user: Examinee | StaffUser, kind: str, old: str, new: str, keep_session: str
) -> None:
    if not verify_password(user.password_hash, old):
        raise Forbidden("原密码不正确", code="bad_password")
    _check_new_password(ctx, new, old)
    user.password_hash = hash_password(new, ctx.settings)
    user.must_change_password = False
    user.one_time_password_expires_at = None
    end_all_sessions(db, ctx, kind, user.id, "password", keep=keep_session)
    db.execute(update(AuthSession).where(AuthSession.token_hash == keep_session).values(password_change_required=False))
    audit(
        db,
        ctx,
        actor=f"{kind}:{user.id}",
        action="change_password",
        examinee_id=user.id if kind == "examinee" else None,
    )
    db.commit()


def _check_new_password(ctx: AppContext, new: str, old: str | None = None) -> None:
    problem = password_problem(new, ctx.settings)
    if problem:
        raise Unprocessable(
            problem, code="weak_password", details={"fields": [{"field": "new_password", "message": problem}]}
        )
    if old is not None and new == old:
        raise Unprocessable("新密码不能与原密码相同", code="weak_password")


def _match_examinee(db: Session, exam_no: str, id_number: str, phone: str) -> Examinee | None:
    return db.scalar(
        select(Examinee).where(
            Examinee.exam_no == normalise_number(exam_no),
            Examinee.id_number == normalise_number(id_number),
            Examinee.phone == normalise_number(phone),
        )
    )


def send_reset_code(db: Session, ctx: AppContext, exam_no: str, id_number: str, phone: str) -> None:
    """Text a 6-digit code to the registered phone when all three match; silent otherwise."""
    settings = ctx.settings
    now = ctx.clock.now()
    examinee = _match_examinee(db, exam_no, id_number, phone)
    if examinee is None:
        audit(db, ctx, actor="anonymous", action="reset_code", result="refused")
        db.commit()
        return
    last = db.scalar(
        select(SmsMessage)
        .where(SmsMessage.phone == examinee.phone, SmsMessage.purpose == "reset_password")
        .order_by(SmsMessage.sent_at.desc())
        .limit(1)
    )
    if last is not None and (now - last.sent_at).total_seconds() < settings.sms_resend_seconds:
        wait = settings.sms_resend_seconds - int((now - last.sent_at).total_seconds())
        err = TooManyRequests(
            Msg("验证码发送过于频繁，请{wait}秒后再试", wait=wait), code="sms_too_often", details={"retry_after": wait}
        )
        err.headers["Retry-After"] = str(wait)
        raise err
    code = "".join(secrets.choice("0123456789") for _ in range(settings.sms_code_length))
    db.add(
        SmsMessage(
            phone=examinee.phone,
            purpose="reset_password",
            code=code,
            text=f"【湖南自考】您正在重置密码，验证码{code}，{settings.sms_code_ttl_minutes}分钟内有效。如非本人操作请忽略。",
            subject_id=examinee.id,
            sent_at=now,
            expires_at=now + timedelta(minutes=settings.sms_code_ttl_minutes),
        )
    )
    audit(
        db,
        ctx,
        actor="anonymous",
        action="reset_code",
        examinee_id=examinee.id,
        details={"phone": mask_phone(examinee.phone)},
    )
    db.commit()


def reset_password(
    db: Session, ctx: AppContext, exam_no: str, id_number: str, phone: str, sms_code: str, new_password: str
) -> None:
    now = ctx.clock.now()
    examinee = _match_examinee(db, exam_no, id_number, phone)
    message = None
    if examinee is not None:
        message = db.scalar(
            select(SmsMessage)
            .where(
                SmsMessage.subject_id == examinee.id,
                SmsMessage.purpose == "reset_password",
                SmsMessage.used.is_(False),
            )
            .order_by(SmsMessage.sent_at.desc())
            .limit(1)
        )
    if message is None or message.code != normalise_number(sms_code):
        raise ApiError("短信验证码不正确，请核对或重新获取", code="sms_code_wrong")
    if message.expires_at <= now:
        raise ApiError("短信验证码已过期，请重新获取", code="sms_code_expired")
    assert examinee is not None
    _check_new_password(ctx, new_password)
    message.used = True
    examinee.password_hash = hash_password(new_password, ctx.settings)
    examinee.must_change_password = False
    examinee.one_time_password_expires_at = None
    examinee.failed_logins = 0
    if examinee.locked_until is not None:
        examinee.locked_until = None
        audit(
            db,
            ctx,
            actor="system",
            action="account_unlocked",
            examinee_id=examinee.id,
            details={"how": "password_reset"},
        )
    end_all_sessions(db, ctx, "examinee", examinee.id, "password")
    audit(db, ctx, actor=f"examinee:{examinee.id}", action="reset_password", examinee_id=examinee.id)
    db.commit()
