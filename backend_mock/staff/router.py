"""Staff: the counter (clerks), review queues (reviewers), accounts and the audit log (administrators).

Each endpoint names the roles it serves through its dependency (``ClerkDep``, ``ReviewerDep``,
``AdminDep``, ``StaffDep``): an examinee's token gets 403 everywhere here, a clerk cannot decide
on a queue item, a reviewer cannot manage staff.  Every action is audited by its service.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from backend_mock.api.deps import AdminDep, AuditFilterDep, ClerkDep, CtxDep, SessionDep, StaffDep
from backend_mock.errors import ApiError
from backend_mock.profile.service import profile_of
from backend_mock.staff import admin as staff_admin
from backend_mock.staff import counter as staff
from backend_mock.staff import queues as staff_queues
from backend_mock.staff.roles import ROLE_TEXT
from backend_mock.staff.schemas import (
    AccountStatePublic,
    AuditActionPublic,
    AuditPagePublic,
    CounterTicketPublic,
    CounterTranscriptPublic,
    ExamineeRecordPublic,
    ExamineeSearchPublic,
    OneTimePasswordPublic,
    QueueDecisionCreate,
    QueueItemPublic,
    QueuePagePublic,
    QueueSummaryPublic,
    ReceiptCreate,
    ReceiptPublic,
    RevealCreate,
    RevealPublic,
    SearchKey,
    StaffAccountCreate,
    StaffAccountCreatedPublic,
    StaffAccountPublic,
    StaffAccountUpdate,
    StaffMePublic,
    TicketCreate,
    VerifyCreate,
    VerifyPublic,
)

router = APIRouter(prefix="/staff", tags=["staff"])

Page = Annotated[int, Query(ge=1, le=100_000)]
PageSize = Annotated[int | None, Query(ge=1, le=200)]


@router.get("/me", operation_id="staff-me")
def me(user: StaffDep) -> StaffMePublic:
    return StaffMePublic(
        username=user.username,
        name=user.name,
        role=user.role.value,  # type: ignore[arg-type]
        role_text=ROLE_TEXT[user.role],
        prefecture_code=user.prefecture_code,
        prefecture_name=user.prefecture.name,
    )


# --- the counter ------------------------------------------------------------------------------------------


@router.get("/examinees", operation_id="staff-search_examinees")
def search_examinees(
    user: ClerkDep,
    db: SessionDep,
    ctx: CtxDep,
    q: Annotated[str, Query(max_length=40)],
    by: SearchKey = "auto",
    page: Page = 1,
    page_size: PageSize = None,
) -> ExamineeSearchPublic:
    return staff.search(db, ctx, user, q, by, page, page_size)


@router.get("/examinees/{examinee_id}", operation_id="staff-examinee_record")
def examinee_record(examinee_id: int, user: ClerkDep, db: SessionDep, ctx: CtxDep) -> ExamineeRecordPublic:
    return staff.record(db, ctx, user, examinee_id)


@router.post("/examinees/{examinee_id}/reveal-id-number", operation_id="staff-reveal_id_number")
def reveal_id_number(examinee_id: int, body: RevealCreate, user: ClerkDep, db: SessionDep, ctx: CtxDep) -> RevealPublic:
    return staff.reveal_id_number(db, ctx, user, examinee_id, body.reason)


@router.post("/examinees/{examinee_id}/verify", operation_id="staff-verify_identity")
def verify_identity(examinee_id: int, body: VerifyCreate, user: ClerkDep, db: SessionDep, ctx: CtxDep) -> VerifyPublic:
    return staff.verify_identity(db, ctx, user, examinee_id, body.id_number, body.name)


@router.post("/examinees/{examinee_id}/unlock", operation_id="staff-unlock_account")
def unlock_account(examinee_id: int, user: ClerkDep, db: SessionDep, ctx: CtxDep) -> AccountStatePublic:
    return staff.unlock_account(db, ctx, user, examinee_id)


@router.post("/examinees/{examinee_id}/reset-password", operation_id="staff-reset_password")
def reset_password(examinee_id: int, user: ClerkDep, db: SessionDep, ctx: CtxDep) -> OneTimePasswordPublic:
    return staff.reset_password(db, ctx, user, examinee_id)


@router.post("/examinees/{examinee_id}/receipt", operation_id="staff-print_receipt")
def print_receipt(examinee_id: int, body: ReceiptCreate, user: ClerkDep, db: SessionDep, ctx: CtxDep) -> ReceiptPublic:
    """The data of a paid order's 报考回执单, printed at the counter for the examinee (audited)."""
    examinee, order = staff.receipt(db, ctx, user, examinee_id, body.order_no)
    return ReceiptPublic(profile=profile_of(examinee), order=order)


_TICKET_ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"description": "ticket_not_open | ticket_closed | no_paid_registration | photo_missing | seats_not_assigned"}
}


@router.post("/examinees/{examinee_id}/ticket", operation_id="staff-print_ticket", responses=_TICKET_ERRORS)
def print_ticket(
    examinee_id: int, body: TicketCreate, user: ClerkDep, db: SessionDep, ctx: CtxDep
) -> CounterTicketPublic:
    """The examinee's 准考证 (only in the printing window, as for the examinee), printed at the counter (audited)."""
    return staff.counter_ticket(db, ctx, user, examinee_id, body.session_code)


@router.post("/examinees/{examinee_id}/transcript", operation_id="staff-print_transcript")
def print_transcript(examinee_id: int, user: ClerkDep, db: SessionDep, ctx: CtxDep) -> CounterTranscriptPublic:
    """The examinee's released results and plan progress for the 成绩单 printed at the counter (audited)."""
    return staff.counter_transcript(db, ctx, user, examinee_id)


# --- review queues ----------------------------------------------------------------------------------------


# any staff login: each queue names the roles it serves (a clerk's on-site confirmation, the
# reviewers' audits); staff_queues.queue_for refuses the others with 403


@router.get("/queues", operation_id="staff-queues")
def queues(user: StaffDep, db: SessionDep) -> list[QueueSummaryPublic]:
    result = []
    for queue in staff_queues.queues_for(user):
        counts = queue.counts(db, user)
        result.append(
            QueueSummaryPublic(
                key=queue.key,
                title=queue.title,
                pending=counts.get(queue.pending_status, 0),
                statuses=queue.status_list(counts),
                actions=list(queue.actions),
            )
        )
    db.commit()
    return result


@router.get("/queues/{key}/items", operation_id="staff-queue_items")
def queue_items(
    key: str,
    user: StaffDep,
    db: SessionDep,
    ctx: CtxDep,
    status: Annotated[str | None, Query(max_length=20)] = None,
    q: Annotated[str, Query(max_length=40)] = "",
    page: Page = 1,
    page_size: PageSize = None,
) -> QueuePagePublic:
    queue = staff_queues.queue_for(user, key)
    wanted = queue.pending_status if status is None else status
    if wanted and wanted not in dict(queue.statuses):
        raise ApiError("没有这个审核状态", code="bad_status", status_code=400)
    size = min(page_size or ctx.settings.staff_search_page_size, ctx.settings.staff_search_max_page_size)
    items, total = queue.page(db, user, staff_queues.QueueQuery(wanted, q, page, size))
    counts = queue.counts(db, user)
    db.commit()
    return QueuePagePublic(
        key=queue.key,
        title=queue.title,
        status=wanted,
        items=items,
        total=total,
        page=page,
        page_size=size,
        statuses=queue.status_list(counts),
    )


@router.post("/queues/{key}/items/{item_id}/decision", operation_id="staff-decide")
def decide(
    key: str, item_id: str, body: QueueDecisionCreate, user: StaffDep, db: SessionDep, ctx: CtxDep
) -> QueueItemPublic:
    queue = staff_queues.queue_for(user, key)
    if body.decision not in queue.actions:
        raise ApiError("该队列不支持这个审核结论", code="bad_decision", status_code=400)
    return queue.decide(db, ctx, user, item_id, body.decision, body.reason)


# --- administration ---------------------------------------------------------------------------------------


@router.get("/accounts", operation_id="staff-accounts")
def accounts(user: AdminDep, db: SessionDep, ctx: CtxDep) -> list[StaffAccountPublic]:
    return staff_admin.list_accounts(db, ctx)


@router.post("/accounts", operation_id="staff-create_account", status_code=201)
def create_account(body: StaffAccountCreate, user: AdminDep, db: SessionDep, ctx: CtxDep) -> StaffAccountCreatedPublic:
    return staff_admin.create_account(db, ctx, user, body)


@router.patch("/accounts/{account_id}", operation_id="staff-update_account")
def update_account(
    account_id: int, body: StaffAccountUpdate, user: AdminDep, db: SessionDep, ctx: CtxDep
) -> StaffAccountPublic:
    return staff_admin.update_account(db, ctx, user, account_id, body)


@router.post("/accounts/{account_id}/reset-password", operation_id="staff-reset_account_password")
def reset_account_password(account_id: int, user: AdminDep, db: SessionDep, ctx: CtxDep) -> StaffAccountCreatedPublic:
    return staff_admin.reset_account_password(db, ctx, user, account_id)


@router.get("/audit", operation_id="staff-audit")
def audit_log(
    user: AdminDep, db: SessionDep, ctx: CtxDep, flt: AuditFilterDep, page: Page = 1, page_size: PageSize = None
) -> AuditPagePublic:
    return staff_admin.browse(db, ctx, flt, page, page_size)


@router.get(
    "/audit/export",
    operation_id="staff-audit_export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def audit_export(user: AdminDep, db: SessionDep, ctx: CtxDep, flt: AuditFilterDep) -> Response:
    text = staff_admin.export_csv(db, ctx, user, flt)
    return Response(
        text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="audit.csv"', "Cache-Control": "no-store"},
    )


@router.get("/audit/actions", operation_id="staff-audit_actions")
def audit_actions(user: AdminDep) -> list[AuditActionPublic]:
    return staff_admin.actions()
