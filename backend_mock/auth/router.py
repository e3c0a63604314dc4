"""Login, logout, captcha, password change and reset."""

from __future__ import annotations

import base64

from fastapi import APIRouter

from backend_mock.api.deps import AnyPrincipalDep, CtxDep, SessionDep
from backend_mock.audit import audit
from backend_mock.auth import accounts
from backend_mock.auth.captcha import consume_captcha, issue_captcha
from backend_mock.auth.schemas import (
    CaptchaPublic,
    LoginCreate,
    PasswordChange,
    PasswordReset,
    ResetCodeCreate,
    SessionPublic,
    SessionStatePublic,
)
from backend_mock.auth.sessions import end_session
from backend_mock.errors import NotAuthenticated
from backend_mock.i18n import Msg
from backend_mock.models import AuthSession, Examinee, StaffUser
from backend_mock.schemas import MessagePublic

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/captcha", operation_id="auth-captcha")
def captcha(db: SessionDep, ctx: CtxDep) -> CaptchaPublic:
    row, png = issue_captcha(db, ctx)
    return CaptchaPublic(captcha_id=row.id, image_png_base64=base64.b64encode(png).decode(), expires_at=row.expires_at)


@router.post("/login", operation_id="auth-login")
def login(body: LoginCreate, db: SessionDep, ctx: CtxDep) -> SessionPublic:
    consume_captcha(db, ctx, body.captcha_id, body.captcha_answer)
    result = accounts.login(db, ctx, body.kind, body.account, body.password)
    return SessionPublic(
        token=result.token,
        kind=body.kind,
        name=result.name,
        idle_timeout_seconds=result.idle_minutes * 60,
        absolute_expires_at=result.absolute_expires_at,
        server_time=ctx.clock.now(),
        role=result.role,
        must_change_password=result.must_change_password,
    )


@router.post("/logout", operation_id="auth-logout")
def logout(db: SessionDep, ctx: CtxDep, principal: AnyPrincipalDep) -> MessagePublic:
    end_session(db, ctx, principal.token_hash, "logout")
    audit(
        db,
        ctx,
        actor=principal.actor,
        action="logout",
        examinee_id=principal.subject_id if principal.subject_type == "examinee" else None,
    )
    db.commit()
    return MessagePublic(message=Msg("已安全退出"))


@router.get("/session", operation_id="auth-session")
def session_state(db: SessionDep, ctx: CtxDep, principal: AnyPrincipalDep) -> SessionStatePublic:
    """The caller's session; asking counts as activity (the client's keep-alive while a person
    works in a form without other requests)."""
    row = db.get(AuthSession, principal.token_hash)
    if row is None:
        raise NotAuthenticated("登录已失效，请重新登录", code="session_invalid")
    return SessionStatePublic(
        kind=row.subject_type,  # type: ignore[arg-type]
        idle_timeout_seconds=row.idle_minutes * 60,
        absolute_expires_at=row.absolute_expires_at,
        server_time=ctx.clock.now(),
    )


@router.post("/password", operation_id="auth-change_password")
def change_password(body: PasswordChange, db: SessionDep, ctx: CtxDep, principal: AnyPrincipalDep) -> MessagePublic:
    user: Examinee | StaffUser | None = (
        db.get(Examinee, principal.subject_id)
        if principal.subject_type == "examinee"
        else db.get(StaffUser, principal.subject_id)
    )
    if user is None:
        raise NotAuthenticated("登录已失效，请重新登录", code="session_invalid")
    accounts.change_password(
        db, ctx, user, principal.subject_type, body.old_password, body.new_password, principal.token_hash
    )
    return MessagePublic(message=Msg("密码已修改，其他设备上的登录已退出"))


@router.post("/reset-code", operation_id="auth-send_reset_code")
def send_reset_code(body: ResetCodeCreate, db: SessionDep, ctx: CtxDep) -> MessagePublic:
    accounts.send_reset_code(db, ctx, body.exam_no, body.id_number, body.phone)
    return MessagePublic(message=Msg("如果填写的信息与报名信息一致，验证码已发送到您的手机，10分钟内有效"))


@router.post("/reset-password", operation_id="auth-reset_password")
def reset_password(body: PasswordReset, db: SessionDep, ctx: CtxDep) -> MessagePublic:
    accounts.reset_password(db, ctx, body.exam_no, body.id_number, body.phone, body.sms_code, body.new_password)
    return MessagePublic(message=Msg("密码已重置，请用新密码登录"))
