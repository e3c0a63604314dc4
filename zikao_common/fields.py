"""Form field rules: names, phones, passwords (the client checks early, the server enforces)."""

from __future__ import annotations

import re

from zikao_common.numbers import normalise_number

NAME_RE = re.compile(r"^[\u4e00-\u9fff·]{2,20}$")
PHONE_RE = re.compile(r"^1[3-9][0-9]{9}$")

NAME_RULE = "姓名应为2–20个汉字（少数民族姓名可含“·”），与身份证一致"
PHONE_RULE = "手机号应为11位数字，以1开头"


def name_problem(name: str) -> str | None:
    return None if NAME_RE.match(name.strip()) else NAME_RULE


def phone_problem(phone: str) -> str | None:
    return None if PHONE_RE.match(normalise_number(phone)) else PHONE_RULE


def password_shape_problem(password: str, min_length: int = 8, max_length: int = 64) -> str | None:
    """Length and letters+digits; the server also refuses common passwords."""
    if not min_length <= len(password) <= max_length:
        return f"密码长度应为{min_length}–{max_length}个字符"
    if not any(c.isascii() and c.isalpha() for c in password) or not any(c in "0123456789" for c in password):
        return "密码必须同时包含字母和数字"
    return None
