"""Bodies of the payment platform's cashier page (``XPublic`` out)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from pydantic.json_schema import JsonDict

from backend_mock.inputs import OneLineText, RequestModel
from backend_mock.settings import Settings

# the channels the platform offers (documented; the platform refuses others with bad_channel)
_CHANNELS: JsonDict = {"enum": [*Settings().payment_channels]}


class PayPagePublic(BaseModel):
    payment_no: str
    merchant: str
    subject: str
    amount_fen: int
    status: Literal["awaiting", "paid", "cancelled"]
    channels: list[str]


class PayConfirm(RequestModel):
    channel: OneLineText = Field(min_length=1, max_length=12, json_schema_extra=_CHANNELS)
