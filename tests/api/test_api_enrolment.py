"""新生报名 over real HTTP: window, ID number rules, photo, approval and the exam_no."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from backend_mock.settings import Mode
from desktop.api import ApiClient, Conflict, ValidationFailed
from tests.fixtures.accounts import login
from tests.fixtures.enrolment import form, open_window, photo
from tests.fixtures.servers import LiveServer


def test_outside_the_window_says_when_it_opens(live_server: LiveServer, client: ApiClient) -> None:
    cal = client.system.calendar()
    nxt = next(s for s in cal.sessions if s.enrolment_open > cal.server_time)
    client.mock.set_clock(nxt.enrolment_open.replace(day=1, hour=8), frozen=True)
    with pytest.raises(Conflict) as info:
        client.enrolment.submit(form(client), photo())
    assert info.value.code == "enrolment_closed"
    assert f"{nxt.enrolment_open:%Y年%m月%d日}" in info.value.message


@pytest.mark.parametrize(
    ("mutate", "code", "words"),
    [
        (lambda n: n[:17] + ("0" if n[17] != "0" else "1"), "id_number_check_digit", "校验位"),
        (lambda n: n[:10] + "0230" + n[14:], "id_number_birth_date", "出生日期"),
        (lambda n: "439999" + n[6:], "id_number_area", "地区码"),
        (lambda n: "00" + n[2:], "id_number_area", "地区码"),
        (lambda n: n[:12], "id_number_length", "18位"),
    ],
)
def test_bad_id_numbers_are_refused(
    live_server: LiveServer, client: ApiClient, mutate: Callable[[str], str], code: str, words: str
) -> None:
    open_window(live_server, client)
    good = form(client)
    with pytest.raises(ValidationFailed) as info:
        client.enrolment.submit(replace(good, id_number=mutate(good.id_number)), photo())
    assert info.value.code == code and words in info.value.message
    assert info.value.field_errors.get("id_number")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "Tom"}, "name"),
        ({"phone": "0731123"}, "phone"),
        ({"password": "abc"}, "password"),
        ({"county_code": "999999"}, "county_code"),
        ({"major_id": 99999}, "major_id"),
    ],
)
def test_bad_fields_are_refused(
    live_server: LiveServer, client: ApiClient, changes: dict[str, object], field: str
) -> None:
    open_window(live_server, client)
    with pytest.raises(ValidationFailed) as info:
        client.enrolment.submit(form(client, **changes), photo())
    assert field in info.value.field_errors


def test_bad_photo_is_refused(live_server: LiveServer, client: ApiClient) -> None:
    open_window(live_server, client)
    with pytest.raises(ValidationFailed) as info:
        client.enrolment.submit(form(client), b"%PDF-1.4 not a photo")
    assert info.value.code == "photo_type"


def test_enrolment_issues_an_exam_no_that_can_log_in(live_server: LiveServer, client: ApiClient) -> None:
    open_window(live_server, client)
    f = form(client)
    result = client.enrolment.submit(f, photo())
    assert result.status == "approved" and result.exam_no is not None
    county = next(c for p in client.system.regions() for c in p.counties if c.code == f.county_code)
    assert len(result.exam_no) == 12 and result.exam_no.isdigit()
    assert result.exam_no[:2] == county.code[2:4]
    session = client.system.calendar().enrolment_open_session
    assert session is not None
    assert result.exam_no[4:7] == session[2:4] + ("1" if session.endswith("04") else "2")
    assert f.id_number not in repr(result)
    status = client.enrolment.status(result.application_no, f.id_number)
    assert status.exam_no == result.exam_no

    login(client, result.exam_no, f.password)
    assert client.me.profile().name == "王小明"

    with pytest.raises(Conflict) as again:
        client.enrolment.submit(form(client, id_number=f.id_number), photo())
    assert again.value.code == "already_examinee"


def test_without_auto_approval_the_application_waits(server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory(Mode.TEST, auto_approve_enrolment=False)
    client = server.client()
    open_window(server, client)
    f = form(client)
    result = client.enrolment.submit(f, photo())
    assert result.status == "submitted" and result.exam_no is None
    with pytest.raises(Conflict) as dup:
        client.enrolment.submit(form(client, id_number=f.id_number), photo())
    assert dup.value.code == "already_submitted"
    approved = client.mock.approve_enrolment(result.application_no)
    assert approved.exam_no is not None
