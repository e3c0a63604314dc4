"""The mock payment platform's page (an external system: mounted in every mode, no login).

The payment number is the examinee's handle on the page, as on a real platform's cashier page.
"""

from __future__ import annotations

from fastapi import APIRouter

from backend_mock.api.deps import CtxDep, NotifierDep, SessionDep
from backend_mock.models import PlatformPayment
from backend_mock.payplatform import service as payplatform
from backend_mock.payplatform.schemas import PayConfirm, PayPagePublic

router = APIRouter(prefix="/payplatform", tags=["payplatform"])


def page_of(pp: PlatformPayment, ctx: CtxDep) -> PayPagePublic:
    return PayPagePublic(
        payment_no=pp.payment_no,
        merchant=ctx.settings.payment_merchant_name,
        subject=pp.subject,
        amount_fen=pp.amount_fen,
        status=pp.status.value,  # type: ignore[arg-type]
        channels=list(ctx.settings.payment_channels),
    )


@router.get("/payments/{payment_no}", operation_id="payplatform-page")
def page(payment_no: str, db: SessionDep, ctx: CtxDep) -> PayPagePublic:
    result = page_of(payplatform.page(db, payment_no), ctx)
    db.commit()
    return result


@router.post("/payments/{payment_no}/confirm", operation_id="payplatform-confirm")
def confirm(payment_no: str, body: PayConfirm, db: SessionDep, ctx: CtxDep, notifier: NotifierDep) -> PayPagePublic:
    """Pay: takes the money once however often it is called; the merchant is notified afterwards."""
    pp, note = payplatform.confirm(db, ctx, payment_no, body.channel)
    result = page_of(pp, ctx)
    if note is not None:
        notifier.send(note)
    return result


@router.post("/payments/{payment_no}/cancel", operation_id="payplatform-cancel")
def cancel(payment_no: str, db: SessionDep, ctx: CtxDep, notifier: NotifierDep) -> PayPagePublic:
    pp, note = payplatform.cancel(db, ctx, payment_no)
    result = page_of(pp, ctx)
    if note is not None:
        notifier.send(note)
    return result
