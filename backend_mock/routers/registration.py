"""报名报考 and paying: the window, courses, sites, orders, payments, registrations.

Reading an order settles it first (reconciliation with the payment platform, closing on time),
so a client that restarts after paying sees the order's true state.  ``POST /orders`` and
``POST /orders/{no}/payments`` require an ``Idempotency-Key`` header.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse

from backend_mock.context import CtxDep
from backend_mock.db import SessionDep
from backend_mock.deps import ExamineeDep
from backend_mock.errors import Forbidden
from backend_mock.schemas_registration import (
    CourseOptionPublic,
    NotificationAckPublic,
    OrderCreate,
    OrderPublic,
    PaymentCreate,
    PaymentNotification,
    PaymentPublic,
    RegistrationOverviewPublic,
    RegistrationPublic,
    SiteOptionPublic,
)
from backend_mock.services import payments, registration

router = APIRouter(tags=["registration"])
payments_router = APIRouter(tags=["payments"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Required. A unique id of this operation; a retry sends the same id and gets the first answer.",
    ),
]

_KEY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Idempotency-Key missing or malformed"},
    409: {"description": "Refused by a registration rule (code says which)"},
    422: {"description": "Invalid choice, or idempotency_key_reused"},
}


def _json(status: int, body: dict[str, object], replayed: bool) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers={"Idempotent-Replayed": "true"} if replayed else None)


@router.get("/registration/overview", operation_id="registration-overview")
def overview(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> RegistrationOverviewPublic:
    return registration.overview(db, ctx, examinee)


@router.get("/registration/courses", operation_id="registration-courses")
def courses(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> list[CourseOptionPublic]:
    return registration.course_options(db, ctx, examinee)


@router.get("/registration/sites", operation_id="registration-sites")
def sites(
    examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, prefecture_code: str | None = None
) -> list[SiteOptionPublic]:
    return registration.site_options(db, ctx, examinee, prefecture_code)


@router.post(
    "/orders",
    operation_id="registration-create_order",
    status_code=201,
    response_model=OrderPublic,
    responses=_KEY_ERRORS,
)
def create_order(
    body: OrderCreate, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    status, data, replayed = registration.create_order(
        db, ctx, examinee, body.site_id, body.course_codes, idempotency_key
    )
    return _json(status, data, replayed)


@router.get("/orders", operation_id="registration-orders")
def list_orders(
    examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, session_code: str | None = None
) -> list[OrderPublic]:
    return registration.list_orders(db, ctx, examinee, session_code)


@router.get("/orders/{order_no}", operation_id="registration-order")
def get_order(order_no: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> OrderPublic:
    return registration.get_order(db, ctx, examinee, order_no)


@router.post("/orders/{order_no}/cancel", operation_id="registration-cancel_order")
def cancel_order(order_no: str, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> OrderPublic:
    return registration.cancel_order(db, ctx, examinee, order_no)


@router.get("/registrations", operation_id="registration-registrations")
def registrations(
    examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, session_code: str | None = None
) -> list[RegistrationPublic]:
    return registration.list_registrations(db, ctx, examinee, session_code)


@payments_router.post(
    "/orders/{order_no}/payments",
    operation_id="payments-start",
    status_code=201,
    response_model=PaymentPublic,
    responses=_KEY_ERRORS,
)
def start_payment(
    order_no: str,
    body: PaymentCreate,
    examinee: ExamineeDep,
    db: SessionDep,
    ctx: CtxDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    status, data, replayed = payments.start_payment(db, ctx, examinee, order_no, body.channel, idempotency_key)
    return _json(status, data, replayed)


@payments_router.post("/payments/notify", operation_id="payments-notify")
def notify(body: PaymentNotification, db: SessionDep, ctx: CtxDep) -> NotificationAckPublic:
    """The payment platform's notify URL (no login: the notification is signed with HMAC-SHA256)."""
    ack = payments.handle_notification(db, ctx, body, source="notify")
    if ack.detail == "bad_signature":
        raise Forbidden("通知签名校验失败", code="bad_signature")
    return ack
