"""On a machine in another time zone every printed and shown time is still Beijing time.

A small script renders the receipt and writes times through ``desktop.core.timefmt`` in a fresh
interpreter with ``TZ=UTC`` and again with ``TZ=America/New_York`` (Python and Qt read the zone
at start-up, so it has to be another process).  The receipt PDF's text (``pdftotext``) must show
打印时间 and 缴费时间 in Beijing time, and timefmt's output must be the same under each zone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ZONES = {"UTC": 0, "America/New_York": -5 * 3600}  # their UTC offsets in February (no daylight saving)

SCRIPT = r"""
import json, os, sys, time
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from PySide6.QtGui import QGuiApplication

from desktop.api.notices import Deadline
from desktop.api.types import Order, OrderItem, Profile
from desktop.core import timefmt
from desktop.core.clock import ServerClock
from desktop.core.reminders import due_reminders
from desktop.documents import render
from desktop.documents.ics import build_ics
from desktop.documents.receipt import receipt_html
from desktop.models.table import short_datetime
from desktop.models.exams_models import day_text
from desktop.models.records_models import day_text as record_day_text

out_pdf = sys.argv[1]
app = QGuiApplication([])  # the renderer's fonts need one
NEW_YORK = ZoneInfo("America/New_York")
PAID_UTC = datetime(2027, 2, 24, 2, 5, tzinfo=UTC)           # 10:05 in Beijing
PRINTED_UTC = datetime(2027, 2, 24, 2, 32, 40, tzinfo=UTC)   # 10:32 in Beijing

profile = Profile(
    exam_no="010327100001", name="周雨桐", gender="女", id_number_masked="430***********123X",
    phone_masked="138****0000", prefecture_code="4301", prefecture_name="长沙市", county_code="430102",
    county_name="芙蓉区", major_code="120203K", major_name="会计学", level="本科", university_name="湖南大学",
    plan_version="2023", record_status="active", has_photo=False, enrolled_at=PAID_UTC - timedelta(days=400),
)
item = OrderItem("00041", "基础会计学", "SAT_AM", "4月10日（周六）09:00–11:30", 4800)
order = Order(
    order_no="BK270224100500123456", session_code="2027-04", status="paid", status_text="已缴费", site_id=1,
    site_name="长沙市第一中学", site_address="长沙市开福区", items=(item,), course_fee_fen=4800,
    record_card_fee_fen=0, amount_fen=4800, created_at=PAID_UTC - timedelta(minutes=10),
    expires_at=PAID_UTC + timedelta(minutes=20), paid_at=PAID_UTC, closed_at=None, close_reason=None,
    close_reason_text=None, payment_no="ZF1", refund=None,
)

# the receipt, printed "now" as the machine's zone would give it (the old bug's printed time)
machine_printed = PRINTED_UTC.astimezone()
html = receipt_html(order, profile, printed_at=machine_printed)
render.save_pdf(html, out_pdf)

# the same through the program's server clock, learnt from an answer stamped in UTC
clock = ServerClock(local=lambda: PRINTED_UTC - timedelta(hours=3))  # a machine clock 3 hours slow
clock.sync(PRINTED_UTC)
html_clock = receipt_html(order, profile, printed_at=clock.now())

try:
    receipt_html(order, profile)  # no printed time: there is no machine-clock default
    required = False
except TypeError:
    required = True

moments = {
    "naive": datetime(2027, 2, 20, 10, 0),
    "utc": datetime(2027, 2, 20, 2, 0, tzinfo=UTC),
    "new_york": datetime(2027, 2, 19, 21, 0, tzinfo=NEW_YORK),
    "midnight_utc": datetime(2026, 12, 31, 16, 0, tzinfo=UTC),
    "machine_local": datetime(2027, 2, 20, 2, 0, tzinfo=UTC).astimezone(),
}
texts = {}
for name, m in moments.items():
    texts[name] = [
        timefmt.datetime_text(m), timefmt.datetime_text(m, year=False, seconds=True), timefmt.date_text(m),
        timefmt.date_text(m, weekday=True), timefmt.date_text(m, year=False), timefmt.time_text(m),
        short_datetime(m),
    ]
texts["window"] = [
    timefmt.window_text(moments["utc"], datetime(2027, 2, 27, 4, 0, tzinfo=NEW_YORK)),
    timefmt.window_text(datetime(2026, 12, 28, 1, 0, tzinfo=UTC), datetime(2027, 1, 5, 17, 0)),
]
texts["date"] = [
    timefmt.date_text(date(2027, 2, 20), weekday=True), day_text(date(2027, 4, 10)), record_day_text(date(2027, 4, 10)),
]
texts["month"] = [timefmt.month_text(2027, 4)]

deadline = Deadline(
    key="exam-1", kind="exam", title="考试", start=datetime(2027, 4, 10, 9, 0),  # naive: Beijing time
    end=datetime(2027, 4, 10, 11, 30, tzinfo=ZoneInfo("Asia/Shanghai")), concerns=True, detail="",
    session_code="2027-04",
)
reminder = Deadline(
    key="pay-1", kind="payment", title="缴费截止", start=datetime(2027, 2, 24, 15, 0, tzinfo=UTC),  # 23:00 Beijing
    end=None, concerns=True, detail="", session_code="2027-04",
)
reminders = due_reminders([reminder], datetime(2027, 2, 24, 14, 0, tzinfo=UTC), timedelta(hours=2), set())
texts["reminder"] = [r.message for r in reminders]

try:  # each part reports on its own: a failure here must not hide the receipt's
    ics = build_ics([deadline], PRINTED_UTC.astimezone())
    ics_lines = [line for line in ics.split("\r\n") if line.startswith(("DTSTART", "DTEND", "DTSTAMP"))]
except Exception as exc:
    ics_lines = [f"{type(exc).__name__}: {exc}"]

print(json.dumps({
    "gmtoff": time.localtime(PRINTED_UTC.timestamp()).tm_gmtoff,
    "machine_printed_hour": machine_printed.hour,
    "html": html,
    "html_clock": html_clock,
    "required": required,
    "texts": texts,
    "ics": ics_lines,
}, ensure_ascii=False))
"""


def run_in_zone(zone: str, pdf: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "LC_TIME")}
    env.update(TZ=zone, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(pdf)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", out))


def html_text(html: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", re.sub(r"<[^>]+>", "", html)))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Path]]:
    out = {}
    for zone in ZONES:
        pdf = tmp_path_factory.mktemp("tz") / "receipt.pdf"
        out[zone] = (run_in_zone(zone, pdf), pdf)
    return out


@pytest.mark.parametrize("zone", list(ZONES))
def test_the_script_really_ran_in_that_zone(runs: dict[str, tuple[dict[str, Any], Path]], zone: str) -> None:
    result, _ = runs[zone]
    assert result["gmtoff"] == ZONES[zone]
    # the machine's own wall clock at the printing instant (02:32 UTC) is not Beijing's 10:32
    assert result["machine_printed_hour"] == {"UTC": 2, "America/New_York": 21}[zone]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("zone", list(ZONES))
def test_receipt_pdf_prints_beijing_times(runs: dict[str, tuple[dict[str, Any], Path]], zone: str) -> None:
    _, pdf = runs[zone]
    text = pdf_text(pdf)
    assert "打印时间:2027年2月24日10:32" in text, text
    assert "缴费时间2027年2月24日10:05" in text, text


@pytest.mark.parametrize("zone", list(ZONES))
def test_receipt_html_prints_beijing_times(runs: dict[str, tuple[dict[str, Any], Path]], zone: str) -> None:
    result, _ = runs[zone]
    for html in (result["html"], result["html_clock"]):
        text = html_text(html)
        assert "打印时间:2027年2月24日10:32" in text
        assert "缴费时间2027年2月24日10:05" in text
    assert result["required"], "receipt_html without printed_at must not fall back to the machine's clock"


def test_timefmt_writes_the_same_under_every_zone(runs: dict[str, tuple[dict[str, Any], Path]]) -> None:
    (first, _), (second, _) = (runs[zone] for zone in ZONES)
    assert first["texts"] == second["texts"]
    texts = first["texts"]
    for name in ("naive", "utc", "new_york", "machine_local"):  # one instant: 10:00 Saturday in Beijing
        assert texts[name] == [
            "2027年2月20日 10:00",
            "2月20日 10:00:00",
            "2027年2月20日",
            "2027年2月20日（周六）",
            "2月20日",
            "10:00",
            "2027年2月20日 10:00",
        ], name
    assert texts["midnight_utc"][0] == "2027年1月1日 00:00"
    assert texts["window"] == ["2月20日 10:00 至 2月27日 17:00", "2026年12月28日 09:00 至 2027年1月5日 17:00"]
    assert texts["date"] == ["2027年2月20日（周六）", "2027年4月10日（周六）", "4月10日（周六）"]
    assert texts["month"] == ["2027年4月"]
    assert texts["reminder"] == ["缴费截止：2月24日 23:00截止（还剩 1 小时 0 分）"]


def test_ics_stamps_are_the_same_utc_under_every_zone(runs: dict[str, tuple[dict[str, Any], Path]]) -> None:
    (first, _), (second, _) = (runs[zone] for zone in ZONES)
    assert first["ics"] == second["ics"]
    assert first["ics"] == [
        "DTSTAMP:20270224T023240Z",
        "DTSTART:20270410T010000Z",  # 09:00 Beijing, given naive
        "DTEND:20270410T033000Z",
    ]
