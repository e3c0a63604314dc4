"""The two English catalogues translate a text they share the same way (docs/i18n.md).

Both are installed at once and every text lives in one context, so whichever catalogue Qt asks first
would win: a text translated two ways would read differently depending on the order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.i18n.catalogues import ts_files


def translations(ts: Path) -> dict[tuple[str, str], str]:
    found = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        comment = message.findtext("comment") or ""
        translation = message.find("translation")
        forms = [] if translation is None else translation.findall("numerusform")
        text = (
            "|".join(form.text or "" for form in forms)
            if forms
            else (translation.text or "" if translation is not None else "")
        )
        found[(source, comment)] = text
    return found


def test_a_text_in_both_catalogues_is_translated_the_same_way() -> None:
    first, second = (translations(ts) for ts in ts_files())
    differ = [
        f"{source!r}: {first[key]!r} / {second[key]!r}"
        for key in first.keys() & second.keys()
        for source in [key[0]]
        if first[key] != second[key]
    ]
    assert not differ, "translated two ways:\n" + "\n".join(sorted(differ))
