"""GB 11643-1999 ID numbers: check digit, birth date, area code (the shared rule module)."""

from __future__ import annotations

from datetime import date

import pytest

from zikao_common.idnumber import IdNumberError, check_digit, make_id_number, parse_id_number

HUNAN = frozenset({"430102", "430104", "430602"})


def test_published_example_check_digit() -> None:
    assert check_digit("11010519491231002") == "X"
    assert parse_id_number("11010519491231002x").number.endswith("X")


@pytest.mark.parametrize("male", [True, False])
def test_generated_numbers_are_valid(male: bool) -> None:
    for serial in range(30):
        n = make_id_number("430102", date(1990, 1, 1 + serial), serial, male)
        info = parse_id_number(n, HUNAN, date(2026, 11, 28))
        assert info.is_male is male and info.birth_date == date(1990, 1, 1 + serial)


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("43010219900101123", "length"),
        ("4301021990010112345", "length"),
        ("43010219900101A23X", "format"),
        ("430102199002301234", "birth_date"),
        ("990102199001011234", "area"),
        ("430002199001011234", "area"),
        ("439999199001011234", "area"),
        ("430102210001011234", "birth_date"),  # born in the future
    ],
)
def test_invalid_numbers_say_why(number: str, reason: str) -> None:
    with pytest.raises(IdNumberError) as info:
        parse_id_number(number, HUNAN, date(2026, 11, 28))
    assert info.value.reason == reason
    assert any("\u4e00" <= c <= "\u9fff" for c in info.value.message)


def test_wrong_check_digit() -> None:
    good = make_id_number("430104", date(1988, 8, 8), 7, False)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(IdNumberError) as info:
        parse_id_number(bad, HUNAN)
    assert info.value.reason == "check_digit"
