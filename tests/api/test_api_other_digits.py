"""One person written with other digit forms is still one person (zikao_common.numbers, docs/rules.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from backend_mock.models import EnrolmentApplication, Examinee
from desktop.api import ApiClient, Conflict, ValidationFailed
from tests.fixtures.accounts import login
from tests.fixtures.enrolment import form, open_window, photo
from tests.fixtures.servers import LiveServer

FULLWIDTH = {ch: chr(ord(ch) + 0xFEE0) for ch in "0123456789X"}
ARABIC_INDIC = {str(n): chr(0x0660 + n) for n in range(10)}
DEVANAGARI = {str(n): chr(0x0966 + n) for n in range(10)}


def written(digits: dict[str, str], text: str) -> str:
    return "".join(digits.get(ch, ch) for ch in text)


def test_one_person_enrolled_again_in_fullwidth_digits_is_the_same_person(
    live_server: LiveServer, client: ApiClient
) -> None:
    open_window(live_server, client)
    first = form(client)
    result = client.enrolment.submit(first, photo())
    assert result.exam_no is not None
    for digits in (FULLWIDTH, {**FULLWIDTH, "0": "0"}):  # all fullwidth, then mixed with ASCII
        again = form(client, id_number=" " + written(digits, first.id_number) + "\u3000")
        with pytest.raises(Conflict) as info:
            client.enrolment.submit(again, photo())
        assert info.value.code == "already_examinee"
    with live_server.db() as db:
        assert len(db.scalars(select(Examinee).where(Examinee.name == first.name)).all()) == 1
        stored = db.scalars(select(EnrolmentApplication.id_number)).all()
        assert all(n.isascii() for n in stored)
    # the exam number typed in fullwidth digits logs in as the same person
    other = live_server.client()
    assert login(other, written(FULLWIDTH, result.exam_no), "Start2027ok").name == first.name
    other.close()


@pytest.mark.parametrize("digits", [ARABIC_INDIC, DEVANAGARI], ids=["arabic-indic", "devanagari"])
def test_digits_of_other_scripts_are_refused_not_stored(
    live_server: LiveServer, client: ApiClient, digits: dict[str, str]
) -> None:
    open_window(live_server, client)
    good = form(client)
    for field in ("id_number", "phone"):
        bad = replace(form(client), **{field: written(digits, getattr(good, field))})  # a fresh captcha each
        with pytest.raises(ValidationFailed) as info:
            client.enrolment.submit(bad, photo())
        assert info.value.field_errors.get(field), info.value.message
    with live_server.db() as db:
        assert db.scalar(select(EnrolmentApplication.id).where(EnrolmentApplication.name == good.name)) is None


def test_fullwidth_phone_is_stored_in_ascii_digits(live_server: LiveServer, client: ApiClient) -> None:
    open_window(live_server, client)
    result = client.enrolment.submit(form(client, phone=written(FULLWIDTH, "13712345678")), photo())
    with live_server.db() as db:
        examinee = db.scalar(select(Examinee).where(Examinee.exam_no == result.exam_no))
        assert examinee is not None and examinee.phone == "13712345678"
