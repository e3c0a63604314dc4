"""Display masking, done on the server: ID ``430***********123X``, phone ``138****1234``."""

from __future__ import annotations


def mask_id_number(number: str) -> str:
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_phone(phone: str) -> str:
    if len(phone) != 11:
        return "*" * len(phone)
    return phone[:3] + "****" + phone[-4:]
