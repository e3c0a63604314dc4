"""The staff API (``client.staff``): the counter, review queues, staff accounts, the audit log.

Personal numbers arrive masked; ``reveal_id_number`` is the one call that returns a full ID
number (the server audits it with the reason).  A one-time password is in exactly one answer.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.api.convert import from_json, list_from_json
from desktop.api.endpoints import _Module
from desktop.api.scores import Progress, ScoreList
from desktop.api.types import Order, Profile, Ticket
from desktop.i18n.marks import QT_TR_NOOP

ROLE_TEXT = {"clerk": QT_TR_NOOP("窗口工作人员"), "reviewer": QT_TR_NOOP("审核员"), "admin": QT_TR_NOOP("管理员")}


class _Paged:
    """A page of a longer list: ``total`` items, ``page_size`` per page."""

    total: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class UpdatePolicy:
    """Whether counter PCs defer updates until closing time (Beijing time, ``HH:MM``; docs/updates.md)."""

    defer: bool
    closing_time: str
    server_time: datetime
    deferred_now: bool
    changed_at: datetime | None = None


@dataclass(frozen=True)
class StaffMe:
    username: str
    name: str
    role: str  # clerk | reviewer | admin
    role_text: str
    prefecture_code: str
    prefecture_name: str


# --- the counter -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExamineeHit:
    id: int
    exam_no: str
    name: str
    gender: str
    id_number_masked: str
    phone_masked: str
    prefecture_name: str
    major_name: str
    level: str
    record_status: str  # 在籍 已转出 已毕业
    locked: bool


@dataclass(frozen=True)
class ExamineeSearch(_Paged):
    query: str
    by: str  # exam_no | exam_no_prefix | id_number | name | phone
    by_text: str
    items: tuple[ExamineeHit, ...]
    total: int
    page: int
    page_size: int


@dataclass(frozen=True)
class AccountState:
    locked: bool
    locked_until: datetime | None
    failed_logins: int
    must_change_password: bool


@dataclass(frozen=True)
class ResultLine:
    session_code: str
    course_code: str
    course_name: str
    result: str
    passed: bool


@dataclass(frozen=True)
class ExemptionLine:
    course_code: str
    course_name: str
    basis: str
    granted_at: datetime


@dataclass(frozen=True)
class PaidOrder:
    order_no: str
    session_code: str
    courses: int
    amount_fen: int
    paid_at: datetime | None


@dataclass(frozen=True)
class ExamineeRecord:
    id: int
    profile: Profile
    account: AccountState
    results: tuple[ResultLine, ...]
    exemptions: tuple[ExemptionLine, ...]
    paid_orders: tuple[PaidOrder, ...]
    verified_until: datetime | None


@dataclass(frozen=True)
class Verification:
    matched: bool
    id_number_matches: bool
    name_matches: bool
    verified_until: datetime | None
    message: str


@dataclass(frozen=True)
class OneTimePassword:
    one_time_password: str
    message: str


@dataclass(frozen=True)
class Receipt:
    profile: Profile
    order: Order


@dataclass(frozen=True)
class CounterTicket:
    """An examinee's 准考证 as the counter prints it (the same data the examinee gets)."""

    ticket: Ticket
    photo: bytes


@dataclass(frozen=True)
class CounterTranscript:
    profile: Profile
    scores: ScoreList
    progress: Progress


# --- review queues ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueStatus:
    status: str
    text: str
    count: int


@dataclass(frozen=True)
class QueueSummary:
    key: str
    title: str
    pending: int
    statuses: tuple[QueueStatus, ...]
    actions: tuple[str, ...]  # approve | return | reject


@dataclass(frozen=True)
class QueueItem:
    id: str
    reference: str
    name: str
    id_number_masked: str
    summary: str
    submitted_at: datetime
    status: str
    status_text: str
    reason: str | None
    decided_by: str | None
    decided_at: datetime | None
    result: str | None
    can_decide: bool


@dataclass(frozen=True)
class QueuePage(_Paged):
    key: str
    title: str
    status: str
    items: tuple[QueueItem, ...]
    total: int
    page: int
    page_size: int
    statuses: tuple[QueueStatus, ...]


# --- administration -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffAccount:
    id: int
    username: str
    name: str
    role: str
    role_text: str
    prefecture_code: str
    prefecture_name: str
    active: bool
    locked: bool
    must_change_password: bool


@dataclass(frozen=True)
class StaffAccountCreated:
    account: StaffAccount
    one_time_password: str
    message: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    actor_text: str
    exam_no: str | None
    examinee_name: str | None
    action: str
    action_text: str
    result: str
    result_text: str
    details: str


@dataclass(frozen=True)
class AuditPage(_Paged):
    items: tuple[AuditEntry, ...]
    total: int
    page: int
    page_size: int


@dataclass(frozen=True)
class AuditAction:
    action: str
    text: str


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""  # staff username, "system", "anonymous" or "examinee"
    exam_no: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for key in ("actor", "exam_no", "action"):
            if value := getattr(self, key).strip():
                params[key] = value
        if self.date_from:
            params["date_from"] = self.date_from.isoformat()
        if self.date_to:
            params["date_to"] = self.date_to.isoformat()
        return params


class StaffApi(_Module):
    """工作人员: counter (clerk), review queues (reviewer), accounts and audit log (administrator)."""

    def me(self) -> StaffMe:
        return from_json(StaffMe, self._c.request("GET", "/staff/me"))

    # counter
    def search(self, query: str, by: str = "auto", page: int = 1, page_size: int | None = None) -> ExamineeSearch:
        params: dict[str, Any] = {"q": query, "by": by, "page": page}
        if page_size:
            params["page_size"] = page_size
        return from_json(ExamineeSearch, self._c.request("GET", "/staff/examinees", params=params))

    def record(self, examinee_id: int) -> ExamineeRecord:
        return from_json(ExamineeRecord, self._c.request("GET", f"/staff/examinees/{examinee_id}"))

    def reveal_id_number(self, examinee_id: int, reason: str) -> str:
        body = self._c.request("POST", f"/staff/examinees/{examinee_id}/reveal-id-number", json={"reason": reason})
        return str(body["id_number"])

    def verify_identity(self, examinee_id: int, id_number: str, name: str) -> Verification:
        body = self._c.request(
            "POST", f"/staff/examinees/{examinee_id}/verify", json={"id_number": id_number, "name": name}
        )
        return from_json(Verification, body)

    def unlock(self, examinee_id: int) -> AccountState:
        return from_json(AccountState, self._c.request("POST", f"/staff/examinees/{examinee_id}/unlock"))

    def reset_password(self, examinee_id: int) -> OneTimePassword:
        return from_json(OneTimePassword, self._c.request("POST", f"/staff/examinees/{examinee_id}/reset-password"))

    def receipt(self, examinee_id: int, order_no: str) -> Receipt:
        body = self._c.request("POST", f"/staff/examinees/{examinee_id}/receipt", json={"order_no": order_no})
        return from_json(Receipt, body)

    def ticket(self, examinee_id: int, session_code: str | None = None) -> CounterTicket:
        """The examinee's admission ticket (only in the printing window); audited by the server."""
        body = self._c.request("POST", f"/staff/examinees/{examinee_id}/ticket", json={"session_code": session_code})
        return CounterTicket(from_json(Ticket, body["ticket"]), base64.b64decode(body["photo_base64"]))

    def transcript(self, examinee_id: int) -> CounterTranscript:
        """The examinee's released results and plan progress for the 成绩单; audited by the server."""
        return from_json(CounterTranscript, self._c.request("POST", f"/staff/examinees/{examinee_id}/transcript"))

    # review queues
    def queues(self) -> list[QueueSummary]:
        return list_from_json(QueueSummary, self._c.request("GET", "/staff/queues"))

    def queue_items(
        self, key: str, status: str | None = None, text: str = "", page: int = 1, page_size: int | None = None
    ) -> QueuePage:
        params: dict[str, Any] = {"page": page}
        if status is not None:
            params["status"] = status
        if text.strip():
            params["q"] = text.strip()
        if page_size:
            params["page_size"] = page_size
        return from_json(QueuePage, self._c.request("GET", f"/staff/queues/{key}/items", params=params))

    def decide(self, key: str, item_id: str, decision: str, reason: str | None = None) -> QueueItem:
        body = self._c.request(
            "POST",
            f"/staff/queues/{key}/items/{item_id}/decision",
            json={"decision": decision, "reason": reason},
        )
        return from_json(QueueItem, body)

    # administration
    def accounts(self) -> list[StaffAccount]:
        return list_from_json(StaffAccount, self._c.request("GET", "/staff/accounts"))

    def create_account(self, username: str, name: str, role: str, prefecture_code: str) -> StaffAccountCreated:
        body = self._c.request(
            "POST",
            "/staff/accounts",
            json={"username": username, "name": name, "role": role, "prefecture_code": prefecture_code},
        )
        return from_json(StaffAccountCreated, body)

    def update_account(self, account_id: int, *, role: str | None = None, active: bool | None = None) -> StaffAccount:
        body: dict[str, Any] = {}
        if role is not None:
            body["role"] = role
        if active is not None:
            body["active"] = active
        return from_json(StaffAccount, self._c.request("PATCH", f"/staff/accounts/{account_id}", json=body))

    def reset_account_password(self, account_id: int) -> StaffAccountCreated:
        body = self._c.request("POST", f"/staff/accounts/{account_id}/reset-password")
        return from_json(StaffAccountCreated, body)

    def audit(self, flt: AuditFilter | None = None, page: int = 1, page_size: int | None = None) -> AuditPage:
        params = (flt or AuditFilter()).params()
        params["page"] = page
        if page_size:
            params["page_size"] = page_size
        return from_json(AuditPage, self._c.request("GET", "/staff/audit", params=params))

    def audit_csv(self, flt: AuditFilter | None = None) -> bytes:
        data: bytes = self._c.request("GET", "/staff/audit/export", params=(flt or AuditFilter()).params(), raw=True)
        return data

    def audit_actions(self) -> list[AuditAction]:
        return list_from_json(AuditAction, self._c.request("GET", "/staff/audit/actions"))

    def update_policy(self) -> UpdatePolicy:
        """软件更新 policy for counter PCs (any staff member)."""
        return from_json(UpdatePolicy, self._c.request("GET", "/updates/policy"))

    def change_update_policy(self, defer: bool, closing_time: str) -> UpdatePolicy:
        """An administrator's change of the policy (audited by the server)."""
        body = {"defer": defer, "closing_time": closing_time}
        return from_json(UpdatePolicy, self._c.request("PUT", "/updates/policy", json=body))
