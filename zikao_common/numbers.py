"""Numbers that identify a person or a request (ID number, exam number, phone, SMS and captcha codes).

One normalisation for the client and the server (docs/rules.md, "Input classes"): Unicode NFKC (fullwidth
``１２３`` and ``ｘ`` become ``123`` and ``x``; U+3000 becomes a space), invisible format characters
(zero-width space, BOM, direction marks: category Cf) dropped, whitespace trimmed, letters upper-cased.
What is left must be ASCII: digit forms NFKC keeps (Arabic-Indic ``١٢٣``, Devanagari ``१२३`` ...) are
refused, never read as numbers, so one person cannot be written two ways.
"""

from __future__ import annotations

import unicodedata

NOT_ASCII_RULE = "只能填写半角数字0–9（身份证号末位可为X），请检查是否混入了其他文字的数字或符号"


def normalise_number(raw: str) -> str:
    """``raw`` as it is stored and compared: NFKC, no Cf characters, trimmed, upper case."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return text.strip().upper()


def is_ascii_digits(text: str) -> bool:
    """True when ``text`` is one or more of 0–9 (``str.isdigit`` also takes every other script's digits)."""
    return text.isascii() and text.isdigit()


def number_problem(raw: str) -> str | None:
    """Why ``raw`` does not normalise to ASCII (None when it does)."""
    return None if normalise_number(raw).isascii() else NOT_ASCII_RULE
