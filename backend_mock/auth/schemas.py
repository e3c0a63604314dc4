"""Bodies of login, sessions and passwords (``XCreate`` in, ``XPublic`` out)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from backend_mock.inputs import CodeText, OneLineText, RequestModel


class CaptchaPublic(BaseModel):
    captcha_id: str
    image_png_base64: str
    expires_at: datetime


class LoginCreate(RequestModel):
    kind: Literal["examinee", "staff"] = Field(default="examinee", title="登录身份")
    account: CodeText = Field(min_length=1, max_length=40)
    password: OneLineText = Field(min_length=1, max_length=128)
    captcha_id: OneLineText = Field(min_length=1, max_length=64)
    captcha_answer: CodeText = Field(min_length=1, max_length=16)


class SessionPublic(BaseModel):
    token: str
    kind: Literal["examinee", "staff"]
    name: str
    idle_timeout_seconds: int
    absolute_expires_at: datetime
    server_time: datetime
    # staff only: clerk | reviewer | admin
    role: str | None = None
    # logged in with a one-time password: change it (POST /auth/password) before anything else
    must_change_password: bool = False


class SessionStatePublic(BaseModel):
    kind: Literal["examinee", "staff"]
    idle_timeout_seconds: int
    absolute_expires_at: datetime
    server_time: datetime


class PasswordChange(RequestModel):
    old_password: OneLineText = Field(min_length=1, max_length=128)
    new_password: OneLineText = Field(min_length=1, max_length=128)


class ResetCodeCreate(RequestModel):
    exam_no: CodeText = Field(min_length=1, max_length=20)
    id_number: CodeText = Field(min_length=1, max_length=20)
    phone: CodeText = Field(min_length=1, max_length=20)


class PasswordReset(ResetCodeCreate):
    sms_code: CodeText = Field(min_length=1, max_length=10)
    new_password: OneLineText = Field(min_length=1, max_length=128)
