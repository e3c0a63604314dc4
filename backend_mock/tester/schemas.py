"""Bodies of the tester controls (``/mock``): clock jumps, scenarios and injected faults."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from backend_mock.context import FaultKind
from backend_mock.inputs import Lax, OneLineText, RequestModel
from backend_mock.schemas import DateTimeIn


class ClockPublic(BaseModel):
    now: datetime
    is_real: bool
    frozen: bool
    offset_seconds: float


class ClockUpdate(RequestModel):
    now: DateTimeIn | None = None
    offset_seconds: float | None = None
    advance_seconds: float | None = None
    frozen: bool = False


class CaptchaAnswerPublic(BaseModel):
    captcha_id: str
    answer: str


class SmsPublic(BaseModel):
    phone: str
    purpose: str
    code: str
    text: str
    sent_at: datetime


class LatencyUpdate(RequestModel):
    latency_ms: int = Field(ge=0, le=120_000)
    jitter_ms: int = Field(default=0, ge=0, le=60_000)


class PaymentFaultsPublic(RequestModel):
    delay_seconds: float = Field(default=0.0, ge=0, le=3600)
    duplicate: bool = False
    lost: bool = False
    out_of_order: bool = False


class PaymentFaultsState(PaymentFaultsPublic):
    queued_notifications: int = 0


class DeliveredPublic(BaseModel):
    delivered: int


HttpMethod = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]


class ClockJumpPublic(BaseModel):
    name: str
    label: str
    session_code: str | None
    session_name: str | None
    at: datetime | None


class ClockJumpCreate(RequestModel):
    name: OneLineText = Field(title="跳转目标", min_length=1, max_length=40)
    frozen: bool = False


class ScenarioPublic(BaseModel):
    name: str
    label: str
    description: str
    seed_size: int


class ReseedCreate(RequestModel):
    scenario: OneLineText = Field(min_length=1, max_length=40)
    # generated examinees besides the demo ones (default: the scenario's number)
    seed_size: int | None = Field(default=None, ge=0, le=5000)


class ReseedPublic(BaseModel):
    scenario: str
    label: str
    clock: ClockPublic
    examinees: int
    sessions_ended: int


class FaultRulePublic(RequestModel):
    path_prefix: OneLineText = Field(
        default="/", max_length=200, description="below /api/v1, e.g. /orders; / = every path"
    )
    kind: Annotated[FaultKind, Lax] = Field(default=FaultKind.ERROR, title="故障类型")
    probability: float = Field(default=1.0, ge=0, le=1)
    status: int = Field(default=503, title="返回的状态码", ge=400, le=599)
    retry_after_seconds: int | None = Field(default=None, ge=0, le=3600)
    methods: list[HttpMethod] = Field(default_factory=list, max_length=5)
    times: int | None = Field(default=None, ge=1, le=1_000_000, description="fire at most this often")


class FaultRuleState(FaultRulePublic):
    fired: int
    remaining: int | None


class FaultsUpdate(RequestModel):
    latency_ms: int = Field(default=0, ge=0, le=120_000)
    jitter_ms: int = Field(default=0, ge=0, le=60_000)
    rules: list[FaultRulePublic] = Field(default_factory=list, max_length=20)


class FaultsState(BaseModel):
    latency_ms: int
    jitter_ms: int
    rules: list[FaultRuleState]
    payment: PaymentFaultsState
