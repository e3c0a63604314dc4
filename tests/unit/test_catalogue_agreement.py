"""The two English catalogues translate a text they share the same way (docs/i18n.md).

Both are installed at once and every text lives in one context, so whichever catalogue Qt asks first
would win: a text translated two ways would read differently depending on the order.  A text that
means something else on one screen has a disambiguation there: text and disambiguation together are
the entry, translated once (通过 is "Passed" for a score, "Approved" for a reviewed application).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.i18n.catalogues import ts_files
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.shell import translations as installed_translations

#: (source, disambiguation, English) of texts whose English depends on the screen (every use has one)
BY_SCREEN = [
    ("通过", "score result", "Passed"),
    ("通过", "review status", "Approved"),  # an application in a review queue
    ("通过", "decision", "Approve"),  # the reviewer's button
    ("正常", "account not locked", "Normal"),
    ("正常", "staff account active", "Active"),
    ("查询(&Q)", "search", "Search (&Q)"),  # the audit log
    ("查询(&Q)", "enrolment status", "Check (&Q)"),  # 查询报名结果 of the enrolment dialog
    ("正在查询…", "search", "Searching…"),  # the counter
    ("正在查询…", "enrolment status", "Checking…"),
    ("免考", "course state", "Exempted"),  # the progress chart
    ("免考", "review queue", "Exemptions"),
    ("信息更正", "application kind", "Correction of details"),
    ("信息更正", "review queue", "Corrections"),
    ("工作人员账号", "login field", "Staff account"),
    ("工作人员账号", "list of accounts", "Staff accounts"),  # the administrator's tab
]


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


def test_a_disambiguation_is_not_answered_by_another_catalogues_plain_text() -> None:
    """Qt asks the catalogues in turn, and one without the (text, disambiguation) pair answers with its
    plain text: so a text disambiguated in one catalogue is either disambiguated in the other too or
    reads the same there."""
    catalogues = {ts.stem: translations(ts) for ts in ts_files()}
    answered = [
        f"{source!r} ({comment}): {name} has {english!r}, {other_name} answers {other[(source, '')]!r}"
        for name, catalogue in catalogues.items()
        for (source, comment), english in catalogue.items()
        if comment
        for other_name, other in catalogues.items()
        if other is not catalogue and (source, comment) not in other and other.get((source, ""), english) != english
    ]
    assert not answered, "\n".join(sorted(answered))


def test_a_text_and_its_disambiguation_are_one_entry_of_the_catalogues() -> None:
    entries: dict[tuple[str, str], str] = {}
    for ts in ts_files():
        entries.update(translations(ts))
    assert [(source, comment, entries.get((source, comment))) for source, comment, _ in BY_SCREEN] == BY_SCREEN
    assert not {(source, "") for source, _, _ in BY_SCREEN} & entries.keys()  # no use without its screen's sense


def test_a_marked_text_is_translated_with_its_disambiguation(qapp: QApplication) -> None:
    assert tr(QT_TR_NOOP("通过", "review status")) == "通过"  # no catalogue: the Chinese source
    english = installed_translations.install(qapp, "en")
    try:
        for source, comment, text in BY_SCREEN:
            assert tr(source, comment) == text, (source, comment)
            assert tr(QT_TR_NOOP(source, comment)) == text, (source, comment)  # a table's marked text
    finally:
        english.remove()
