"""Chinese resident ID numbers (GB 11643-1999): check digit, birth date, area code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zikao_common.numbers import is_ascii_digits, normalise_number

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

# GB/T 2260 province-level codes
PROVINCES = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
    "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
    "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
}  # fmt: skip


class IdNumberError(ValueError):
    """Why an ID number is invalid, in Chinese, with a machine-readable reason."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class IdNumberInfo:
    number: str
    area_code: str
    birth_date: date
    is_male: bool


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def parse_id_number(
    raw: str, known_area_codes: frozenset[str] | None = None, today: date | None = None
) -> IdNumberInfo:
    """Validate ``raw`` and return what it encodes; raise ``IdNumberError`` saying what is wrong.

    ``known_area_codes`` are the valid six-digit county codes we hold (Hunan's); for other
    provinces only the province and a non-zero prefecture part are checked.
    """
    number = normalise_number(raw)  # fullwidth digits and x read as 0-9 and X (zikao_common.numbers)
    if len(number) != 18:
        raise IdNumberError("length", f"身份证号应为18位，您输入了{len(number)}位")
    if not is_ascii_digits(number[:17]) or not (is_ascii_digits(number[17]) or number[17] == "X"):
        raise IdNumberError("format", "身份证号前17位必须是数字，最后一位是数字或X")
    area = number[:6]
    province = area[:2]
    if province not in PROVINCES or area[2:4] == "00":
        raise IdNumberError("area", f"身份证号的地区码 {area} 不存在，请核对前6位")
    if province == "43" and known_area_codes is not None and area not in known_area_codes:
        raise IdNumberError("area", f"身份证号的地区码 {area} 不是湖南省的有效区县代码，请核对前6位")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError("birth_date", f"身份证号中的出生日期 {number[6:14]} 不存在，请核对第7–14位") from None
    if birth.year < 1900 or (today is not None and birth > today):
        raise IdNumberError("birth_date", f"身份证号中的出生日期 {number[6:14]} 不合理，请核对第7–14位")
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise IdNumberError("check_digit", "身份证号校验位不正确，请逐位核对（最后一位为X时请输入大写X）")
    return IdNumberInfo(number=number, area_code=area, birth_date=birth, is_male=int(number[16]) % 2 == 1)


def make_id_number(area_code: str, birth: date, serial: int, male: bool) -> str:
    """A valid ID number (for seed data and tests): serial 0..99, sex digit from ``male``."""
    sex_digit = (serial * 2 + (1 if male else 0)) % 10
    if male and sex_digit % 2 == 0:
        sex_digit = (sex_digit + 1) % 10
    if not male and sex_digit % 2 == 1:
        sex_digit = (sex_digit + 1) % 10
    first17 = f"{area_code}{birth:%Y%m%d}{serial % 100:02d}{sex_digit}"
    return first17 + check_digit(first17)
