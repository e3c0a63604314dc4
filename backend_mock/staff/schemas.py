"""Bodies of the staff API: the counter, the review queues, staff accounts and the audit log.

Personal numbers leave the server masked; the one exception is ``RevealPublic`` (an audited
action with a reason).  A one-time password appears in exactly one answer, the one that set it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from backend_mock.exams.schemas import TicketPublic
from backend_mock.inputs import CodeText, MultiLineText, OneLineText, RequestModel
from backend_mock.profile.schemas import ProfilePublic
from backend_mock.registration.schemas import OrderPublic
from backend_mock.scores.schemas import ProgressPublic, ScoreListPublic

StaffRoleName = Literal["clerk", "reviewer", "admin"]
SearchKey = Literal["auto", "exam_no", "id_number", "name", "phone"]
Decision = Literal["approve", "return", "reject"]


class StaffMePublic(BaseModel):
    username: str
    name: str
    role: StaffRoleName
    role_text: str
    prefecture_code: str
    prefecture_name: str


# --- the counter -------------------------------------------------------------------------------------


class ExamineeHitPublic(BaseModel):
    id: int
    exam_no: str
    name: str
    gender: str
    id_number_masked: str
    phone_masked: str
    prefecture_name: str
    major_name: str
    level: str
    record_status: str
    locked: bool


class ExamineeSearchPublic(BaseModel):
    query: str
    by: Literal["exam_no", "exam_no_prefix", "id_number", "name", "phone"]
    by_text: str
    items: list[ExamineeHitPublic]
    total: int
    page: int
    page_size: int


class AccountStatePublic(BaseModel):
    locked: bool
    locked_until: datetime | None
    failed_logins: int
    must_change_password: bool


class ResultLinePublic(BaseModel):
    session_code: str
    course_code: str
    course_name: str
    result: str  # "78", "合格", "缺考" ...
    passed: bool


class ExemptionLinePublic(BaseModel):
    course_code: str
    course_name: str
    basis: str
    granted_at: datetime


class PaidOrderPublic(BaseModel):
    order_no: str
    session_code: str
    courses: int
    amount_fen: int
    paid_at: datetime | None


class ExamineeRecordPublic(BaseModel):
    id: int
    profile: ProfilePublic
    account: AccountStatePublic
    results: list[ResultLinePublic]
    exemptions: list[ExemptionLinePublic]
    paid_orders: list[PaidOrderPublic]
    # until when this clerk's identity check of the examinee counts (None: not verified)
    verified_until: datetime | None


class RevealCreate(RequestModel):
    reason: MultiLineText = Field(min_length=1, max_length=200)


class RevealPublic(BaseModel):
    id_number: str


class VerifyCreate(RequestModel):
    id_number: CodeText = Field(min_length=1, max_length=20)
    name: OneLineText = Field(min_length=1, max_length=40)


class VerifyPublic(BaseModel):
    matched: bool
    id_number_matches: bool
    name_matches: bool
    verified_until: datetime | None
    message: str


class OneTimePasswordPublic(BaseModel):
    """Shown once to the clerk, who hands it to the person; the server keeps only its hash."""

    one_time_password: str
    message: str


class ReceiptCreate(RequestModel):
    order_no: CodeText = Field(min_length=1, max_length=40)


class ReceiptPublic(BaseModel):
    profile: ProfilePublic
    order: OrderPublic


class TicketCreate(RequestModel):
    # None: the session whose ticket can be printed now (as for the examinee)
    session_code: CodeText | None = Field(default=None, min_length=7, max_length=7)


class CounterTicketPublic(BaseModel):
    """The examinee's 准考证 for the counter's printer: the same data the examinee gets (masked ID)."""

    ticket: TicketPublic
    photo_base64: str  # the JPEG printed on the ticket


class CounterTranscriptPublic(BaseModel):
    """The examinee's 成绩单 for the counter's printer."""

    profile: ProfilePublic
    scores: ScoreListPublic
    progress: ProgressPublic


# --- review queues -------------------------------------------------------------------------------------


class QueueStatusPublic(BaseModel):
    status: str
    text: str
    count: int


class QueueSummaryPublic(BaseModel):
    key: str
    title: str
    pending: int
    statuses: list[QueueStatusPublic]
    actions: list[Decision]


class QueueItemPublic(BaseModel):
    id: str
    reference: str  # what the item is known by (application number ...)
    name: str
    id_number_masked: str
    summary: str
    submitted_at: datetime
    status: str
    status_text: str
    reason: str | None
    decided_by: str | None
    decided_at: datetime | None
    result: str | None  # e.g. the exam_no issued
    can_decide: bool


class QueuePagePublic(BaseModel):
    key: str
    title: str
    status: str
    items: list[QueueItemPublic]
    total: int
    page: int
    page_size: int
    statuses: list[QueueStatusPublic]


class QueueDecisionCreate(RequestModel):
    decision: Decision
    reason: MultiLineText | None = Field(default=None, max_length=200)


# --- administration -----------------------------------------------------------------------------------


class StaffAccountPublic(BaseModel):
    id: int
    username: str
    name: str
    role: StaffRoleName
    role_text: str
    prefecture_code: str
    prefecture_name: str
    active: bool
    locked: bool
    must_change_password: bool


class StaffAccountCreate(RequestModel):
    username: OneLineText = Field(min_length=3, max_length=30, pattern=r"^[a-z][a-z0-9_]{2,29}$")
    name: OneLineText = Field(min_length=1, max_length=30)
    role: StaffRoleName
    prefecture_code: CodeText = Field(min_length=4, max_length=4)


class StaffAccountUpdate(RequestModel):
    role: StaffRoleName | None = None
    active: bool | None = None


class StaffAccountCreatedPublic(BaseModel):
    account: StaffAccountPublic
    one_time_password: str
    message: str


class AuditRecordPublic(BaseModel):
    id: int
    at: datetime
    actor: str
    actor_text: str  # "赵敏（cs_clerk）", "考生 0103…", "系统"
    exam_no: str | None
    examinee_name: str | None
    action: str
    action_text: str
    result: str
    result_text: str
    details: str


class AuditPagePublic(BaseModel):
    items: list[AuditRecordPublic]
    total: int
    page: int
    page_size: int


class AuditActionPublic(BaseModel):
    action: str
    text: str
