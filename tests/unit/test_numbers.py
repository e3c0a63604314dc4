"""The one normalisation of identifying numbers (zikao_common.numbers), for the whole class of digit forms."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date

import pytest

from backend_mock.inputs import code, multi_line, one_line
from zikao_common.fields import phone_problem
from zikao_common.idnumber import IdNumberError, make_id_number, parse_id_number
from zikao_common.numbers import is_ascii_digits, normalise_number, number_problem

#: every decimal digit Unicode knows (category Nd): about 700 characters in some 70 scripts
ALL_DIGITS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Nd"]
FOREIGN_DIGITS = [d for d in ALL_DIGITS if not unicodedata.normalize("NFKC", d).isascii()]
NUMBER = make_id_number("430102", date(2000, 5, 17), 31, True)


def _written_with(digits: dict[str, str], text: str) -> str:
    return "".join(digits.get(ch, ch) for ch in text)


def test_every_unicode_digit_becomes_its_ascii_digit_or_is_refused() -> None:
    assert len(ALL_DIGITS) > 600 and FOREIGN_DIGITS  # the class, not one example
    for digit in ALL_DIGITS:
        normal = normalise_number(digit)
        if normal.isascii():
            assert normal == str(unicodedata.decimal(digit)), hex(ord(digit))
            assert number_problem(digit) is None and code(digit) == normal
        else:
            assert not is_ascii_digits(normal) and number_problem(digit) is not None, hex(ord(digit))
            with pytest.raises(ValueError):
                code(digit)
    assert digit.isdigit() and not is_ascii_digits("١٢٣")  # what str.isdigit let through


def test_an_id_number_written_with_fullwidth_digits_and_x_is_the_ascii_one() -> None:
    fullwidth = {ch: chr(ord(ch) + 0xFEE0) for ch in "0123456789X"}
    typed = "\u3000" + _written_with(fullwidth, NUMBER).lower().replace("ｘ", "ｘ") + " \u200b"
    assert parse_id_number(typed).number == NUMBER
    last_x = make_id_number("430102", date(1990, 1, 1), 7, False)
    if last_x.endswith("X"):
        assert parse_id_number(last_x[:17] + "ｘ").number == last_x


@pytest.mark.parametrize("zero", ["0", "٠", "०", "০", "๐", "၀", "߀"])  # ASCII, Arabic-Indic, Devanagari ...
def test_an_id_number_in_other_scripts_digits_is_refused_unless_ascii(zero: str) -> None:
    digits = {str(n): chr(ord(zero) + n) for n in range(10)}
    written = _written_with(digits, NUMBER)
    if zero == "0":
        assert parse_id_number(written).number == NUMBER
        return
    with pytest.raises(IdNumberError) as info:
        parse_id_number(written)
    assert info.value.reason == "format"


@pytest.mark.parametrize(
    "invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u00ad"]
)  # zero-width space/joiners, word joiner, BOM, direction override, soft hyphen: category Cf
def test_invisible_format_characters_are_dropped_anywhere(invisible: str) -> None:
    assert unicodedata.category(invisible) == "Cf"
    assert normalise_number(f"{invisible}1370{invisible}0000000{invisible}") == "13700000000"


@pytest.mark.parametrize("space", [" ", "\t", "\n", "\u00a0", "\u3000", "\u2003", "\u202f"])
def test_spaces_around_are_trimmed_and_inside_are_kept(space: str) -> None:
    assert normalise_number(f"{space}{space}12345{space}") == "12345"
    assert not is_ascii_digits(normalise_number(f"123{space}45"))


def test_phones_and_codes_use_the_same_rule() -> None:
    assert phone_problem("１３７１２３４５６７８") is None
    assert phone_problem("١٣٧١٢٣٤٥٦٧٨") is not None
    assert phone_problem("1371234567８") is None
    assert code(" ab１２ ") == "AB12"
    with pytest.raises(ValueError):
        code("12\x00")


def test_stored_texts_refuse_control_characters_and_keep_lines_only_where_texts_have_lines() -> None:
    controls = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cc", "Cf")]
    for ch in controls:
        with pytest.raises(ValueError):
            one_line(f"标题{ch}")
        if ch not in "\t\n\r":
            with pytest.raises(ValueError):
                multi_line(f"正文{ch}")
    assert multi_line("第一行\r\n第二行\t完") == "第一行\n第二行\t完"
    assert one_line("湖南省教育考试院·公告") == "湖南省教育考试院·公告"


def test_the_documented_patterns_say_what_the_validators_accept() -> None:
    """The OpenAPI patterns of the text types (for clients and fuzzers) agree with the validators."""
    import random
    import re

    from backend_mock.inputs import _patterns

    validators = {"one_line": one_line, "multi_line": multi_line, "code": code}
    alphabet = [
        *"0123456789AbX -\t\n\r\x00\x1b\x7f\x85",
        "\u3000", "\u00a0", "\u200b", "\ufeff", "\u202e", "１", "ｘ", "٣", "३", "é", "中", "\u2028", "𝟏", "ı",
    ]  # fmt: skip
    rng = random.Random(16)
    samples = ["", " 12 ", "1 2", "\t1\u200b2\n", "\u200b", "１２３ｘ", "٣", "a\rb"]
    samples += ["".join(rng.choices(alphabet, k=rng.randint(0, 6))) for _ in range(3000)]
    for kind, validate in validators.items():
        pattern = re.compile(_patterns()[kind])
        for text in samples:
            try:
                validate(text)
                accepted = True
            except ValueError:
                accepted = False
            if kind == "code":  # documented: what keeps its length; trimmed and dropped characters are extra
                if pattern.fullmatch(text):
                    assert accepted and len(code(text)) == len(text), text
                continue
            assert accepted == bool(pattern.fullmatch(text)), (kind, text)


def test_strict_bodies_still_read_iso_dates_and_enum_values_but_not_booleans_as_numbers() -> None:
    """FastAPI validates parsed JSON in Python mode: strict types must still take what JSON can carry."""
    from pydantic import ValidationError

    from backend_mock.notices.schemas import NoticeCreate
    from backend_mock.registration.schemas import OrderCreate

    notice = NoticeCreate.model_validate(
        {"title": "通知", "body": "正文", "category": "考试公告", "publish_at": "2026-11-28T09:00:00+08:00"}
    )
    assert notice.publish_at is not None and notice.publish_at.year == 2026
    assert OrderCreate.model_validate({"site_id": 3, "course_codes": ["０３７０８"]}).course_codes == ["03708"]
    for bad in (True, False, "3", 3.5):
        with pytest.raises(ValidationError):
            OrderCreate.model_validate({"site_id": bad, "course_codes": ["03708"]})
    # JSON Schema counts 3.0 as an integer (schemathesis sends it): a whole float is that integer
    assert OrderCreate.model_validate({"site_id": 3.0, "course_codes": ["03708"]}).site_id == 3
