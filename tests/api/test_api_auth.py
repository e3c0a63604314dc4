"""Accounts over real HTTP: login, captcha, lockout, sessions, password change and reset."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from backend_mock.models import AuditRecord, Examinee
from backend_mock.settings import PasswordHashing, Settings
from desktop.api import ApiClient, AuthError, PermissionDenied, SessionEnded, ValidationFailed
from tests.fixtures.accounts import login
from tests.fixtures.servers import LiveServer

PASSWORD = "Hunan2026"


def _captcha(client: ApiClient) -> tuple[str, str]:
    cap = client.auth.captcha()
    return cap.captcha_id, client.mock.captcha_answer(cap.captcha_id)


def _fail(client: ApiClient, account: str, password: str = "wrong-pass-1") -> Exception:
    cid, ans = _captcha(client)
    with pytest.raises((AuthError, PermissionDenied)) as info:
        client.auth.login(account, password, cid, ans)
    return info.value


def test_login_by_exam_no_and_by_id_number(live_server: LiveServer, client: ApiClient) -> None:
    e = live_server.examinee()
    login(client, e.exam_no)
    assert client.me.profile().exam_no == e.exam_no
    other = live_server.client()
    login(other, e.id_number.lower())  # a lower-case x is accepted
    assert other.me.profile().name == e.name


def test_captcha_is_one_use_and_expires(live_server: LiveServer, client: ApiClient) -> None:
    e = live_server.examinee()
    cid, ans = _captcha(client)
    with pytest.raises(AuthError):
        client.auth.login(e.exam_no, "wrong-pass-1", cid, ans)
    with pytest.raises(ValidationFailed) as reused:
        client.auth.login(e.exam_no, PASSWORD, cid, ans)
    assert reused.value.code == "captcha_invalid"
    assert "验证码" in reused.value.message

    cid, ans = _captcha(client)
    live_server.clock.advance(timedelta(seconds=live_server.settings.captcha_ttl_seconds + 1))
    with pytest.raises(ValidationFailed) as expired:
        client.auth.login(e.exam_no, PASSWORD, cid, ans)
    assert expired.value.code == "captcha_expired"
    assert "过期" in expired.value.message

    cid, ans = _captcha(client)
    wrong = "".join("A" if c != "A" else "B" for c in ans)
    with pytest.raises(ValidationFailed) as bad:
        client.auth.login(e.exam_no, PASSWORD, cid, wrong)
    assert bad.value.code == "captcha_wrong"


def test_lockout_after_five_failures_and_unlock_after_lock_time(live_server: LiveServer, client: ApiClient) -> None:
    e = live_server.examinee()
    limit = live_server.settings.login_max_failures
    for attempt in range(1, limit):
        err = _fail(client, e.exam_no)
        assert isinstance(err, AuthError) and err.code == "bad_credentials"
        assert err.details["attempts_left"] == limit - attempt
    locked = _fail(client, e.exam_no)
    assert isinstance(locked, PermissionDenied) and locked.code == "account_locked"
    # even the right password is refused while locked
    right = _fail(client, e.exam_no, PASSWORD)
    assert isinstance(right, PermissionDenied) and right.code == "account_locked"

    live_server.clock.advance(timedelta(minutes=live_server.settings.login_lock_minutes, seconds=1))
    login(client, e.exam_no)
    assert client.me.profile().exam_no == e.exam_no
    with live_server.db() as db:
        actions = list(db.scalars(select(AuditRecord.action).where(AuditRecord.examinee_id == e.id)))
    assert "account_locked" in actions and "account_unlocked" in actions


def test_answers_do_not_reveal_whether_an_account_exists(live_server: LiveServer, client: ApiClient) -> None:
    e = live_server.examinee()
    live_server.clock.set(live_server.clock.now(), frozen=True)  # same lock time for both
    unknown = "999999999999"
    for _ in range(live_server.settings.login_max_failures):
        a, b = _fail(client, e.exam_no), _fail(client, unknown)
        assert (type(a), a.code, a.message, a.details) == (type(b), b.code, b.message, b.details)


def test_idle_absolute_and_logout_end_the_session(live_server: LiveServer) -> None:
    e = live_server.examinee()
    settings = live_server.settings
    idle = live_server.client()
    login(idle, e.exam_no)
    live_server.clock.advance(timedelta(minutes=settings.session_idle_minutes - 1))
    idle.me.profile()  # activity keeps it alive
    live_server.clock.advance(timedelta(minutes=settings.session_idle_minutes + 1))
    with pytest.raises(SessionEnded) as ended:
        idle.me.profile()
    assert ended.value.code == "session_idle" and "未操作" in ended.value.message

    busy = live_server.client()
    login(busy, e.exam_no)
    for _ in range(settings.session_absolute_hours * 60 // (settings.session_idle_minutes - 5) + 1):
        live_server.clock.advance(timedelta(minutes=settings.session_idle_minutes - 5))
        try:
            busy.me.profile()
        except SessionEnded as exc:
            assert exc.code == "session_expired"
            break
    else:
        pytest.fail("the session outlived its absolute limit")

    out = live_server.client()
    login(out, e.exam_no)
    token_before = out._token
    out.auth.logout()
    assert not out.logged_in
    out.set_token(token_before)  # the old token must be dead on the server
    with pytest.raises(SessionEnded):
        out.me.profile()


def test_change_password(live_server: LiveServer) -> None:
    e = live_server.examinee()
    a, b = live_server.client(), live_server.client()
    login(a, e.exam_no)
    login(b, e.exam_no)
    with pytest.raises(PermissionDenied):
        a.auth.change_password("not-my-password1", "NewPass2027")
    for weak in ("short1", "onlyletters", "1234567890123", "password123"):
        with pytest.raises(ValidationFailed) as info:
            a.auth.change_password(PASSWORD, weak)
        assert info.value.code == "weak_password"
    a.auth.change_password(PASSWORD, "NewPass2027")
    a.me.profile()  # this session stays
    with pytest.raises(SessionEnded):  # the other one is ended
        b.me.profile()
    fresh = live_server.client()
    with pytest.raises(AuthError):
        login(fresh, e.exam_no, PASSWORD)
    login(fresh, e.exam_no, "NewPass2027")


def test_forgot_password_with_sms_code(live_server: LiveServer, client: ApiClient) -> None:
    e = live_server.examinee()
    message = client.auth.send_reset_code(e.exam_no, e.id_number, e.phone)
    # a wrong phone gets the same answer, and no text is sent
    assert client.auth.send_reset_code(e.exam_no, e.id_number, "13000000000") == message
    outbox = client.mock.sms_outbox(e.phone)
    assert len(outbox) == 1 and len(outbox[0].code) == 6 and outbox[0].code in outbox[0].text
    assert client.mock.sms_outbox("13000000000") == []

    with pytest.raises(ValidationFailed) as wrong:
        client.auth.reset_password(
            e.exam_no, e.id_number, e.phone, "000000" if outbox[0].code != "000000" else "111111", "Reset2027x"
        )
    assert wrong.value.code == "sms_code_wrong"
    live_server.clock.advance(timedelta(minutes=live_server.settings.sms_code_ttl_minutes + 1))
    with pytest.raises(ValidationFailed) as expired:
        client.auth.reset_password(e.exam_no, e.id_number, e.phone, outbox[0].code, "Reset2027x")
    assert expired.value.code == "sms_code_expired"

    client.auth.send_reset_code(e.exam_no, e.id_number, e.phone)
    code = client.mock.sms_outbox(e.phone)[0].code
    client.auth.reset_password(e.exam_no, e.id_number, e.phone, code, "Reset2027x")
    login(client, e.exam_no, "Reset2027x")
    with pytest.raises(ValidationFailed):  # the code was used
        client.auth.reset_password(e.exam_no, e.id_number, e.phone, code, "Again2027x")


def test_reset_code_is_rate_limited(live_server: LiveServer, client: ApiClient) -> None:
    from desktop.api import RateLimited

    e = live_server.examinee()
    client.auth.send_reset_code(e.exam_no, e.id_number, e.phone)
    with pytest.raises(RateLimited) as info:
        client.auth.send_reset_code(e.exam_no, e.id_number, e.phone)
    assert "秒后再试" in info.value.message


def test_passwords_are_argon2id_hashes(live_server: LiveServer) -> None:
    with live_server.db() as db:
        hashes = list(db.scalars(select(Examinee.password_hash).limit(5)))
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)


# the hashes the backend made before the cost became a setting: argon2-cffi's defaults then
OLD_COST = {"memory_cost": 65536, "time_cost": 3, "parallelism": 4}


def _store_hash(live_server: LiveServer, examinee_id: int, password_hash: str) -> None:
    with live_server.db() as db:
        db.execute(update(Examinee).where(Examinee.id == examinee_id).values(password_hash=password_hash))
        db.commit()


def _stored_hash(live_server: LiveServer, examinee_id: int) -> str:
    with live_server.db() as db:
        found = db.scalar(select(Examinee.password_hash).where(Examinee.id == examinee_id))
    assert found is not None
    return found


def _cost_of(password_hash: str) -> str:
    """The ``m=...,t=...,p=...`` part of an encoded argon2 hash."""
    return password_hash.split("$")[3]


def test_a_hash_with_old_parameters_is_replaced_at_the_next_login(live_server: LiveServer, client: ApiClient) -> None:
    cost = live_server.settings.password_hashing
    wanted = f"m={cost.memory_kib},t={cost.time_cost},p={cost.parallelism}"
    e = live_server.examinee()
    old = PasswordHasher(**OLD_COST).hash(PASSWORD)
    assert _cost_of(old) != wanted
    _store_hash(live_server, e.id, old)

    _fail(client, e.exam_no)  # a wrong password leaves the hash as it is
    assert _stored_hash(live_server, e.id) == old

    login(client, e.exam_no)
    assert client.me.profile().exam_no == e.exam_no
    new = _stored_hash(live_server, e.id)
    assert new.startswith("$argon2id$") and _cost_of(new) == wanted
    assert PasswordHasher().verify(new, PASSWORD)

    again = live_server.client()
    login(again, e.exam_no)  # the new hash works, and a current hash is not rewritten
    assert _stored_hash(live_server, e.id) == new
    again.close()


def test_the_hash_cost_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().password_hashing == PasswordHashing()  # OWASP's minimum unless told otherwise
    monkeypatch.setenv("ZIKAO_ARGON2_MEMORY_KIB", "65536")
    monkeypatch.setenv("ZIKAO_ARGON2_TIME_COST", " 3 ")
    assert Settings().password_hashing == PasswordHashing(memory_kib=65536, time_cost=3, parallelism=1)
    monkeypatch.setenv("ZIKAO_ARGON2_TIME_COST", "three")
    with pytest.raises(ValueError, match="ZIKAO_ARGON2_TIME_COST must be a whole number"):
        Settings()
    monkeypatch.setenv("ZIKAO_ARGON2_TIME_COST", "0")
    with pytest.raises(ValueError, match="ZIKAO_ARGON2_TIME_COST out of range"):
        Settings()


def _login_seconds(client: ApiClient, account: str, tries: int) -> list[float]:
    times = []
    for _ in range(tries):
        cid, ans = _captcha(client)
        started = time.perf_counter()
        with pytest.raises(AuthError):
            client.auth.login(account, "wrong-pass-1", cid, ans)
        times.append(time.perf_counter() - started)
    return times


def test_a_login_takes_as_long_whether_the_account_exists_or_not(
    server_factory: Callable[..., LiveServer],
) -> None:
    # enough attempts before a lock; the unknown account's dummy hash has the configured cost
    server = server_factory(login_max_failures=1000)
    known = server.examinee().exam_no
    unknown = "999999999999"
    client = server.client()
    try:
        _login_seconds(client, known, 2) + _login_seconds(client, unknown, 2)  # warm-up
        known_times: list[float] = []
        unknown_times: list[float] = []
        for _ in range(15):  # interleaved, so both see the same machine load
            known_times += _login_seconds(client, known, 1)
            unknown_times += _login_seconds(client, unknown, 1)
    finally:
        client.close()
    ratio = statistics.median(unknown_times) / statistics.median(known_times)
    assert 0.5 <= ratio <= 2, f"unknown/known login time {ratio:.2f}"


def test_keep_alive_restarts_the_idle_timer(live_server: LiveServer, client: ApiClient) -> None:
    e = live_server.examinee()
    login(client, e.exam_no)
    idle = live_server.settings.session_idle_minutes
    for _ in range(3):  # 3 × (idle - 1) minutes of typing with a keep-alive now and then
        live_server.clock.advance(timedelta(minutes=idle - 1))
        client.auth.keep_alive()
    assert client.me.profile().exam_no == e.exam_no
