"""Bodies of 报名报考 and payment (``XCreate`` in, ``XPublic`` out).

The field names are the contract of ``desktop/api/types.py`` (RegistrationOverview, CourseOption,
SiteOption, Order, Payment, PayPage, Registration, PaymentFaults).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field
from pydantic.json_schema import JsonDict

from backend_mock.inputs import CodeText, OneLineText, RequestModel
from backend_mock.settings import Settings


class RegistrationOverviewPublic(BaseModel):
    session_code: str
    session_name: str
    server_time: datetime
    registration_open: datetime
    registration_close: datetime
    phase1_close: datetime
    phase: Literal["before", "phase1", "phase2", "closed"]
    phase_text: str
    can_register: bool
    reason: str | None
    payment_cutoff: str
    home_prefecture_code: str
    site_id: int | None
    registered_courses: int
    active_order_courses: int
    max_courses: int
    fee_per_course_fen: int
    record_card_fee_due_fen: int


class CourseOptionPublic(BaseModel):
    code: str
    name: str
    credits: int
    kind: str
    required: bool
    slot: str | None
    slot_label: str | None
    # registrable | passed | exempted | theory_not_passed | not_offered | registered | in_order |
    # closed | limit_reached | slot_conflict
    status: str
    reason: str | None


class SiteOptionPublic(BaseModel):
    id: int
    code: str
    name: str
    address: str
    county_code: str
    county_name: str
    prefecture_code: str
    prefecture_name: str
    capacity: int
    seats_left: int


class OrderCreate(RequestModel):
    site_id: int
    course_codes: list[CodeText] = Field(min_length=1, max_length=20)


class OrderItemPublic(BaseModel):
    course_code: str
    course_name: str
    slot: str
    slot_label: str
    fee_fen: int
    # a paid course taken out because its exemption was approved (its fee refunded)
    withdrawn: bool = False


class RefundPublic(BaseModel):
    refund_no: str
    amount_fen: int
    status: Literal["refunding", "refunded"]
    status_text: str
    created_at: datetime
    completed_at: datetime | None


class OrderPublic(BaseModel):
    order_no: str
    session_code: str
    status: Literal["pending", "paying", "paid", "closed", "refunding", "refunded"]
    status_text: str
    site_id: int
    site_name: str
    site_address: str
    items: list[OrderItemPublic]
    course_fee_fen: int
    record_card_fee_fen: int
    amount_fen: int
    created_at: datetime
    expires_at: datetime
    paid_at: datetime | None
    closed_at: datetime | None
    close_reason: Literal["cancelled", "expired", "cutoff", "window_closed"] | None
    close_reason_text: str | None
    payment_no: str | None
    refund: RefundPublic | None


# the channels the platform offers (documented; the service refuses others with bad_channel)
_CHANNELS: JsonDict = {"enum": [*Settings().payment_channels]}


class PaymentCreate(RequestModel):
    channel: OneLineText = Field(min_length=1, max_length=12, json_schema_extra=_CHANNELS)


class PaymentPublic(BaseModel):
    payment_no: str
    order_no: str
    amount_fen: int
    channel: str
    status: Literal["created", "succeeded", "cancelled", "failed"]
    created_at: datetime


class RegistrationPublic(BaseModel):
    session_code: str
    course_code: str
    course_name: str
    slot: str
    slot_label: str
    site_name: str
    order_no: str
    paid_at: datetime


class RegistrationPagePublic(BaseModel):
    """The whole 报名报考 screen in one answer (``GET /registration/page``)."""

    overview: RegistrationOverviewPublic
    courses: list[CourseOptionPublic]
    orders: list[OrderPublic]  # every order, newest first
    registrations: list[RegistrationPublic]  # every paid course, of every session
    site: SiteOptionPublic | None  # the site fixed by an order of the session (then ``sites`` is empty)
    sites_prefecture_code: str  # whose sites ``sites`` are
    sites: list[SiteOptionPublic]  # the sites of that prefecture open now, when no site is fixed


# --- the mock payment platform ------------------------------------------------------------------------


class PaymentNotification(RequestModel):
    """What the platform posts to the merchant's notify URL (signed with HMAC-SHA256)."""

    notify_id: OneLineText = Field(min_length=1, max_length=64)
    payment_no: CodeText = Field(min_length=1, max_length=32)
    order_no: CodeText = Field(min_length=1, max_length=32)
    amount_fen: int
    status: Literal["succeeded", "cancelled"] = Field(title="支付结果")
    channel: OneLineText = Field(max_length=12)
    # ISO 8601 as signed (kept as text so the signature is checked over exactly what was sent)
    event_at: OneLineText = Field(min_length=1, max_length=40)
    signature: OneLineText = Field(min_length=1, max_length=128)


class NotificationAckPublic(BaseModel):
    # applied: the state changed; duplicate: already applied, nothing changed; ignored: refused
    result: Literal["applied", "duplicate", "ignored"]
    detail: str | None = None
