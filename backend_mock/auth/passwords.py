"""Password policy and argon2id hashing (cost: ``Settings.password_hashing``)."""

from __future__ import annotations

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from backend_mock.i18n import Msg
from backend_mock.settings import PasswordHashing, Settings
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


@lru_cache(maxsize=4)
def _hasher(cost: PasswordHashing) -> PasswordHasher:
    return PasswordHasher(time_cost=cost.time_cost, memory_cost=cost.memory_kib, parallelism=cost.parallelism)


def hash_password(password: str, settings: Settings) -> str:
    """A new argon2id hash of ``password`` with the configured cost."""
    return _hasher(settings.password_hashing).hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches; the cost is the one written in ``password_hash``."""
    try:
        return _hasher(PasswordHashing()).verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str, settings: Settings) -> bool:
    """Whether ``password_hash`` was made with another cost than the configured one."""
    try:
        return _hasher(settings.password_hashing).check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=4)
def dummy_hash(cost: PasswordHashing) -> str:
    """The hash verified for an unknown account, made with the configured cost so a login takes
    as long whether the account exists or not."""
    return _hasher(cost).hash(secrets.token_hex(16))


def password_problem(password: str, settings: Settings) -> str | None:
    """What is wrong with a new password, in Chinese, or ``None`` when it is acceptable."""
    problem = password_shape_problem(password, settings.password_min_length, settings.password_max_length)
    if problem:
        return problem
    if password.lower() in COMMON_PASSWORDS:
        return Msg("该密码过于常见，容易被猜中，请换一个")
    return None
