"""Queue tickets: what a waiting examinee holds, signed with HMAC-SHA256 under the database's key.

A ticket names its place and its examinee and carries the figures it was issued with; the
signature makes it unforgeable, the examinee in it makes it useless to anyone else, the place in
it makes an old ticket of a place given up useless too (docs/waiting-room.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Ticket:
    place_id: int
    examinee_id: int
    position: int  # 1: next to be admitted
    estimated_wait_seconds: int
    refresh_seconds: int
    issued_at: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: str, body: str) -> str:
    return _b64(hmac.new(secret.encode(), body.encode("ascii"), hashlib.sha256).digest())


def sign(ticket: Ticket, secret: str) -> str:
    """The ticket as a token: ``base64url(json).base64url(hmac)``."""
    payload = {
        "p": ticket.place_id,
        "e": ticket.examinee_id,
        "n": ticket.position,
        "w": ticket.estimated_wait_seconds,
        "r": ticket.refresh_seconds,
        "t": ticket.issued_at.isoformat(),
    }
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    return f"{body}.{_mac(secret, body)}"


def verify(token: str, secret: str) -> Ticket | None:
    """The ticket of a token signed with ``secret``; None for anything else (forged, damaged)."""
    body, _, mac = token.partition(".")
    if not body or not mac or not hmac.compare_digest(mac, _mac(secret, body)):
        return None
    try:
        data = json.loads(_unb64(body))
        return Ticket(
            place_id=int(data["p"]),
            examinee_id=int(data["e"]),
            position=int(data["n"]),
            estimated_wait_seconds=int(data["w"]),
            refresh_seconds=int(data["r"]),
            issued_at=datetime.fromisoformat(data["t"]),
        )
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
