"""Password policy and argon2id hashing."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from backend_mock.settings import Settings
from zikao_common.fields import password_shape_problem

# a short list of the passwords people pick most; real deployments load a longer one
COMMON_PASSWORDS = frozenset(
    [
        "12345678",
        "123456789",
        "1234567890",
        "password",
        "password1",
        "password123",
        "qwerty123",
        "qwertyuiop",
        "11111111",
        "88888888",
        "66666666",
        "00000000",
        "abc12345",
        "abcd1234",
        "a1234567",
        "aa123456",
        "a12345678",
        "1qaz2wsx",
        "qwe12345",
        "iloveyou1",
        "woaini520",
        "woaini1314",
        "zxcvbnm123",
        "admin123",
        "admin888",
        "passw0rd",
        "p@ssw0rd",
        "123qweasd",
        "qweasdzxc",
        "asd123456",
        "qq123456",
        "123456abc",
        "123456aa",
        "abc123456",
        "zikao123",
        "hunan123",
        "changsha1",
    ]
)


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's recommended parameters


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str, settings: Settings) -> str | None:
    """What is wrong with a new password, in Chinese, or ``None`` when it is acceptable."""
    problem = password_shape_problem(password, settings.password_min_length, settings.password_max_length)
    if problem:
        return problem
    if password.lower() in COMMON_PASSWORDS:
        return "该密码过于常见，容易被猜中，请换一个"
    return None
