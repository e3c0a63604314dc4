"""The personal calendar as an iCalendar file (RFC 5545) that Outlook and phone calendars import.

Written here (no dependency): times in UTC (``...Z``, so no VTIMEZONE is needed), CRLF line
ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT values escaped, one
VEVENT per date with a UID that stays the same across exports (re-importing updates the event
instead of duplicating it) and a DTSTAMP.  A deadline (no end) becomes a 30-minute event at
the deadline, so calendars show it at the right time rather than as an all-day item.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from desktop.api.notices import Deadline
from desktop.core.clock import to_beijing

PRODID = "-//Hunan Zikao//Self-Service Desktop//ZH"
UID_DOMAIN = "zikao.hunan.example"
MOMENT_LENGTH = timedelta(minutes=30)
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """TEXT escaping of RFC 5545 3.3.11."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line into octet-limited pieces joined by CRLF + space (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        # continuation lines start with a space, which counts towards their limit
        room = limit if not out else limit - 1
        if size + width > room:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return (CRLF + " ").join(out)


def utc(moment: datetime) -> str:
    """A UTC stamp (RFC 5545 FORM #2): the wire format, not a shown time.

    A naive datetime is Beijing time (as everywhere in the program), never the machine's zone:
    ``datetime.astimezone`` alone would read it in the machine's zone.
    """
    return to_beijing(moment).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(item: Deadline, stamp: datetime) -> list[str]:
    # naive times are Beijing time (never the machine's zone), so naive and aware ends compare
    start = to_beijing(item.start)
    end = to_beijing(item.end) if item.end is not None else start
    if end <= start:
        end = start + MOMENT_LENGTH
    description = item.detail + ("" if item.concerns else "（供参考）")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.key}@{UID_DOMAIN}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(start)}",
        f"DTEND:{utc(end)}",
        f"SUMMARY:{escape_text(item.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(item.kind)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return lines


def build_ics(items: Iterable[Deadline], stamp: datetime, name: str = "自考日程") -> str:
    """The whole file as text (write it with ``newline=""`` or as bytes to keep the CRLFs)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for item in items:
        lines.extend(event_lines(item, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
