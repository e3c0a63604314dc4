"""报名报考 and paying: the window, courses, sites, orders, payments, registrations.

Reading an order settles it first (reconciliation with the payment platform, closing on time),
so a client that restarts after paying sees the order's true state.  ``POST /orders`` and
``POST /orders/{no}/payments`` require an ``Idempotency-Key`` header.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from backend_mock.api.deps import CtxDep, ExamineeDep, IdempotencyKey, SessionDep
from backend_mock.errors import Forbidden
from backend_mock.registration import idempotency, payments
from backend_mock.registration import service as registration
from backend_mock.registration.schemas import (
    CourseOptionPublic,
    NotificationAckPublic,
    OrderCreate,
    OrderPublic,
    PaymentCreate,
    PaymentNotification,
    PaymentPublic,
    RegistrationOverviewPublic,
    RegistrationPagePublic,
    RegistrationPublic,
    SiteOptionPublic,
)
from backend_mock.settings import Settings

router = APIRouter(tags=["registration"])
payments_router = APIRouter(tags=["payments"])


# documented as required (it is: without it the answer is 400 idempotency_key_missing)
_KEY_HEADER: dict[str, Any] = {
    "parameters": [
        {
            "name": idempotency.HEADER,
            "in": "header",
            "required": True,
            "description": "A unique id of this operation (e.g. a UUID); a retry sends the same id and gets the "
            "first answer.",
            "schema": {
                "type": "string",
                "minLength": 1,
                "maxLength": Settings().idempotency_key_max_length,
                "pattern": "^[!-~]+$",
            },
        }
    ]
}

_KEY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Idempotency-Key missing or malformed"},
    409: {"description": "Refused by a registration rule (code says which)"},
    422: {"description": "Invalid choice, or idempotency_key_reused"},
}


# OpenAPI links: where the numbers a response hands out are used next (schemathesis' stateful phase follows them)
_ORDER_LINKS: dict[str, Any] = {
    "links": {
        name: {"operationId": op, "parameters": {"order_no": "$response.body#/order_no"}}
        for name, op in (
            ("GetOrder", "registration-order"),
            ("CancelOrder", "registration-cancel_order"),
            ("PayOrder", "payments-start"),
        )
    }
}


_PAYMENT_LINKS: dict[str, Any] = {
    "links": {
        "GetPayPage": {"operationId": "payplatform-page", "parameters": {"payment_no": "$response.body#/payment_no"}},
        "ConfirmPayment": {
            "operationId": "payplatform-confirm",
            "parameters": {"payment_no": "$response.body#/payment_no"},
        },
        "CancelPayment": {
            "operationId": "payplatform-cancel",
            "parameters": {"payment_no": "$response.body#/payment_no"},
        },
        "GetPaidOrder": {"operationId": "registration-order", "parameters": {"order_no": "$response.body#/order_no"}},
    }
}


def _created(outcome: idempotency.Outcome) -> JSONResponse:
    """201 with the body; a replayed answer says so in ``Idempotent-Replayed``."""
    headers = {"Idempotent-Replayed": "true"} if outcome.replayed else None
    return JSONResponse(outcome.body, status_code=201, headers=headers)


@router.get("/registration/overview", operation_id="registration-overview")
def overview(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> RegistrationOverviewPublic:
    return registration.overview(db, ctx, examinee)


@router.get("/registration/page", operation_id="registration-page")
def page(
    examinee: ExamineeDep,
    db: SessionDep,
    ctx: CtxDep,
    prefecture_code: Annotated[str | None, Query(min_length=1, max_length=12, pattern="^[0-9]+$")] = None,
) -> RegistrationPagePublic:
    """The whole 报名报考 screen in one answer: overview, courses, orders, registrations, and the fixed
    site or the sites of ``prefecture_code`` (default: the home prefecture; the home one when that
    prefecture is not open to the examinee now)."""
    return registration.screen(db, ctx, examinee, prefecture_code)


@router.get("/registration/courses", operation_id="registration-courses")
def courses(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> list[CourseOptionPublic]:
    return registration.course_options(db, ctx, examinee)


@router.get("/registration/sites", operation_id="registration-sites", response_model=list[SiteOptionPublic])
def sites(examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, prefecture_code: str | None = None) -> Response:
    """The JSON is made from each site's cached bytes: the answer lists every open site (hundreds in
    phase 2), which FastAPI would validate once more and encode in Python (the schema stays
    ``response_model``; tests/api/test_api_registration.py checks the answer against it)."""
    return Response(registration.site_options_json(db, ctx, examinee, prefecture_code), media_type="application/json")


@router.post(
    "/orders",
    operation_id="registration-create_order",
    status_code=201,
    response_model=OrderPublic,
    responses={201: _ORDER_LINKS, **_KEY_ERRORS},
    openapi_extra=_KEY_HEADER,
)
def create_order(
    body: OrderCreate, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep, idempotency_key: IdempotencyKey
) -> JSONResponse:
    outcome = registration.create_order(db, ctx, examinee, body.site_id, body.course_codes, idempotency_key)
    return _created(outcome)


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
    responses={201: _PAYMENT_LINKS, **_KEY_ERRORS},
    openapi_extra=_KEY_HEADER,
)
def start_payment(
    order_no: str,
    body: PaymentCreate,
    examinee: ExamineeDep,
    db: SessionDep,
    ctx: CtxDep,
    idempotency_key: IdempotencyKey,
) -> JSONResponse:
    outcome = payments.start_payment(db, ctx, examinee, order_no, body.channel, idempotency_key)
    return _created(outcome)


@payments_router.post("/payments/notify", operation_id="payments-notify")
def notify(body: PaymentNotification, db: SessionDep, ctx: CtxDep) -> NotificationAckPublic:
    """The payment platform's notify URL (no login: the notification is signed with HMAC-SHA256)."""
    ack = payments.handle_notification(db, ctx, body, source="notify")
    if ack.detail == "bad_signature":
        raise Forbidden("通知签名校验失败", code="bad_signature")
    return ack
