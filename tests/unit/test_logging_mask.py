"""The log never holds a full ID number, a phone number, a token or a password; Qt's messages go to it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning

from desktop.core.logging_setup import (
    LOG_FILE_NAME,
    MaskingFilter,
    install_qt_message_handler,
    mask_text,
    restore_qt_message_handler,
    setup_logging,
    teardown_logging,
)

ID_NUMBER = "43010420030315017X"
ID_MASKED = "430***********017X"
PHONE = "13874100001"
PHONE_MASKED = "138****0001"
EXAM_NO = "430127100001"
TOKEN = "q1Vb-7_xZ.9Ab~cD+eF/gH=="


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"login {ID_NUMBER}", f"login {ID_MASKED}"),
        (f"id={ID_NUMBER.lower()}", f"id={ID_MASKED.lower()}"),
        ("430104200303150172", "430***********0172"),
        (f"phone {PHONE}, again:{PHONE}", f"phone {PHONE_MASKED}, again:{PHONE_MASKED}"),
        (f"Authorization: Bearer {TOKEN}", "Authorization: Bearer ***"),
        (f"{{'password': 'Hunan2026', 'account': '{EXAM_NO}'}}", f"{{'password': '***', 'account': '{EXAM_NO}'}}"),
        ('{"old_password":"a1b2c3d4e5","new_password": "x9y8z7w6"}', '{"old_password":"***","new_password": "***"}'),
        # what must stay: exam numbers, masked numbers, other long digit runs, ordinary words
        (f"exam_no {EXAM_NO}", f"exam_no {EXAM_NO}"),
        (ID_MASKED, ID_MASKED),
        (PHONE_MASKED, PHONE_MASKED),
        ("order 202611020000123456789", "order 202611020000123456789"),
        ("12345678901", "12345678901"),  # not a mobile number (no 1[3-9] prefix)
        ("password policy changed", "password policy changed"),
    ],
)
def test_mask_text(text: str, expected: str) -> None:
    assert mask_text(text) == expected


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    path = setup_logging(tmp_path / "logs")
    yield path
    teardown_logging()
    root.setLevel(level)


def test_every_record_is_masked_in_the_file(log_file: Path) -> None:
    assert log_file.name == LOG_FILE_NAME and log_file.parent.name == "logs"
    log = logging.getLogger("desktop.some.module")  # a child logger: the filter sits on the handler
    log.info("examinee %s with phone %s", ID_NUMBER, PHONE)
    log.warning("headers: %r", {"Authorization": f"Bearer {TOKEN}"})
    try:
        raise ValueError(f"bad id {ID_NUMBER}")
    except ValueError:
        log.exception("failed for %s", PHONE)
    logging.getLogger("urllib3.connectionpool").warning("url ...?token=%s", TOKEN)
    for handler in logging.getLogger().handlers:
        handler.flush()

    text = log_file.read_text("utf-8")
    assert ID_MASKED in text and PHONE_MASKED in text and "Bearer ***" in text
    assert "ValueError: bad id " + ID_MASKED in text  # the traceback too
    for secret in (ID_NUMBER, PHONE, TOKEN):
        assert secret not in text


def test_filter_keeps_bad_format_strings() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "two %s %s", (PHONE,), None)
    assert MaskingFilter().filter(record)
    assert PHONE not in record.getMessage()


def test_qt_messages_go_to_python_logging(caplog: pytest.LogCaptureFixture) -> None:
    previous = install_qt_message_handler()
    try:
        with caplog.at_level(logging.DEBUG, logger="qt"):
            qWarning(f"a Qt warning about {PHONE}")
            qWarning("This plugin does not support propagateSizeHints()")  # known noise: dropped
    finally:
        restore_qt_message_handler(previous)
    records = [r for r in caplog.records if r.name.startswith("qt")]
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    # caplog's handler has no masking filter (the file handler has: next test)
    assert records[0].getMessage() == f"a Qt warning about {PHONE}"


def test_qt_messages_are_masked_in_the_file(log_file: Path) -> None:
    previous = install_qt_message_handler()
    try:
        qWarning(f"Qt says {ID_NUMBER}")
    finally:
        restore_qt_message_handler(previous)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text("utf-8")
    assert f"WARNING qt: Qt says {ID_MASKED}" in text
    assert ID_NUMBER not in text
