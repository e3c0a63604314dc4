"""The mock payment platform: an external system in real life, simulated inside the mock backend.

It keeps its own records (``PlatformPayment``: payment requests the merchant opened;
``PlatformCharge``: its ledger, at most one charge per payment) and never looks at orders.  The
merchant (the backend) talks to it through three calls that stand for HTTP calls to a real
platform: ``open_payment``, ``query`` (reconciliation) and ``request_refund``.  The examinee talks
to it through its page: ``page``, ``confirm``, ``cancel``.

After a confirm or a cancel the platform notifies the merchant *asynchronously* through the
``Notifier``, which honours the tester's ``PaymentFaults``: delayed, duplicated, lost, or
delivered out of order.  With no delay and no reordering the notification is delivered at once
on the caller's thread (after the platform's transaction committed), which keeps the default
deterministic; anything else goes through one background thread.  ``Notifier.flush()`` (the
``/mock/payments/deliver`` tester control) delivers everything queued at once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.context import AppContext, PaymentFaults
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.i18n import Msg
from backend_mock.models import PlatformCharge, PlatformPayment, PlatformPaymentStatus

log = logging.getLogger("backend_mock.payplatform")

ACTOR = "payplatform"


# --- notifications ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notification:
    notify_id: str
    payment_no: str
    order_no: str
    amount_fen: int
    status: str  # succeeded | cancelled
    channel: str
    event_at: datetime
    signature: str = ""

    def fields(self) -> dict[str, Any]:
        return {
            "notify_id": self.notify_id,
            "payment_no": self.payment_no,
            "order_no": self.order_no,
            "amount_fen": self.amount_fen,
            "status": self.status,
            "channel": self.channel,
            "event_at": self.event_at.isoformat(),
        }

    def payload(self) -> dict[str, Any]:
        return {**self.fields(), "signature": self.signature}


def signature(fields: dict[str, Any], key: str) -> str:
    """HMAC-SHA256 over ``k=v`` pairs sorted by key and joined with ``&`` (the usual platform scheme)."""
    message = "&".join(f"{k}={fields[k]}" for k in sorted(fields))
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


def signed(note: Notification, key: str) -> Notification:
    return replace(note, signature=signature(note.fields(), key))


def verify(fields: dict[str, Any], given: str, key: str) -> bool:
    # compare_digest refuses non-ASCII text with a TypeError: such a signature is simply wrong
    return given.isascii() and hmac.compare_digest(signature(fields, key), given)


def _notification(ctx: AppContext, pp: PlatformPayment, status: str, at: datetime) -> Notification:
    note = Notification(
        notify_id=secrets.token_hex(12),
        payment_no=pp.payment_no,
        order_no=pp.merchant_order_no,
        amount_fen=pp.amount_fen,
        status=status,
        channel=pp.channel,
        event_at=at,
    )
    return signed(note, ctx.settings.payment_notify_key)


@dataclass(order=True)
class _Queued:
    due: float
    seq: int
    note: Notification = field(compare=False)
    attempt: int = field(default=1, compare=False)
    held: bool = field(default=False, compare=False)  # out of order: waiting to be overtaken


class Notifier:
    """Delivers the platform's notifications to the merchant, with the tester's faults applied.

    ``deliver`` stands for the POST to the merchant's notify URL; it raises when the merchant
    could not take the notification, which is then sent again (``payment_notify_attempts``).
    One daemon thread (started on first need, stopped by ``stop()`` at app shutdown) sends what
    is queued.
    """

    def __init__(self, deliver: Callable[[Notification], None], ctx: AppContext) -> None:
        self._deliver = deliver
        self._ctx = ctx
        self._cond = threading.Condition()
        self._queue: list[_Queued] = []
        self._seq = 0
        self._thread: threading.Thread | None = None
        self._stopped = False

    # --- scheduling ---------------------------------------------------------------------------------

    @property
    def faults(self) -> PaymentFaults:
        return self._ctx.controls.payment_faults

    def send(self, note: Notification) -> None:
        """Send ``note`` to the merchant as the current faults say."""
        faults = self.faults
        if faults.lost:
            log.info("notification %s of %s lost (fault)", note.notify_id, note.payment_no)
            return
        settings = self._ctx.settings
        copies = 2 if faults.duplicate else 1
        if faults.delay_seconds <= 0 and not faults.out_of_order:
            self._deliver_now(note)
            if copies == 2:
                self._enqueue(note, time.monotonic() + settings.payment_duplicate_gap_seconds)
            return
        now = time.monotonic()
        due = now + faults.delay_seconds
        if faults.out_of_order:
            gap = settings.payment_duplicate_gap_seconds
            with self._cond:
                # notifications of this order still held back are overtaken by this newer one
                older = [q for q in self._queue if q.held and q.note.order_no == note.order_no]
                for i, q in enumerate(reversed(older), start=copies):
                    q.due = due + i * gap
                    q.held = False
                self._queue.sort()
                self._cond.notify_all()
            if older:  # this one goes first
                for i in range(copies):
                    self._enqueue(note, due + i * gap)
            else:  # wait a while for a newer one to overtake it
                hold = due + settings.payment_out_of_order_hold_seconds
                for i in range(copies):
                    self._enqueue(note, hold + i * gap, held=True)
            return
        for i in range(copies):
            self._enqueue(note, due + i * settings.payment_duplicate_gap_seconds)

    def _enqueue(self, note: Notification, due: float, *, attempt: int = 1, held: bool = False) -> None:
        with self._cond:
            if self._stopped:
                return
            self._seq += 1
            self._queue.append(_Queued(due, self._seq, note, attempt, held))
            self._queue.sort()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="payplatform-notifier", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _deliver_now(self, note: Notification, attempt: int = 1) -> bool:
        try:
            self._deliver(note)
            return True
        except Exception:
            log.exception("merchant did not take notification %s (attempt %d)", note.notify_id, attempt)
            settings = self._ctx.settings
            if attempt < settings.payment_notify_attempts:
                self._enqueue(note, time.monotonic() + settings.payment_notify_retry_seconds, attempt=attempt + 1)
            return False

    # --- the thread -------------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopped and (not self._queue or self._queue[0].due > time.monotonic()):
                    timeout = self._queue[0].due - time.monotonic() if self._queue else None
                    self._cond.wait(timeout)
                if self._stopped:
                    return
                item = self._queue.pop(0)
            self._deliver_now(item.note, item.attempt)

    # --- tester controls and shutdown --------------------------------------------------------------

    def queued(self) -> int:
        with self._cond:
            return len(self._queue)

    def flush(self) -> int:
        """Deliver everything queued now, in the order it would have arrived; returns how many."""
        with self._cond:
            items, self._queue = self._queue, []
        for item in items:
            self._deliver_now(item.note, item.attempt)
        return len(items)

    def discard_queued(self) -> int:
        """Forget every queued notification (the database they refer to is being rebuilt)."""
        with self._cond:
            count, self._queue = len(self._queue), []
        return count

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopped = True
            self._queue.clear()
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)


# --- the merchant's calls (HTTP calls to the platform in real life) --------------------------------


@dataclass(frozen=True)
class PlatformQuery:
    """The platform's answer to "how does payment X stand?"."""

    status: PlatformPaymentStatus
    amount_fen: int
    charged_at: datetime | None
    order_no: str


def open_payment(
    db: Session, ctx: AppContext, *, payment_no: str, order_no: str, amount_fen: int, subject: str, channel: str
) -> None:
    db.add(
        PlatformPayment(
            payment_no=payment_no,
            merchant_order_no=order_no,
            subject=subject,
            amount_fen=amount_fen,
            channel=channel,
            status=PlatformPaymentStatus.AWAITING,
            created_at=ctx.clock.now(),
        )
    )


def query(db: Session, payment_no: str) -> PlatformQuery | None:
    pp = db.scalar(select(PlatformPayment).where(PlatformPayment.payment_no == payment_no))
    if pp is None:
        return None
    charge = db.scalar(select(PlatformCharge).where(PlatformCharge.payment_no == payment_no))
    if charge is not None:
        return PlatformQuery(PlatformPaymentStatus.PAID, charge.amount_fen, charge.charged_at, charge.merchant_order_no)
    return PlatformQuery(pp.status, pp.amount_fen, None, pp.merchant_order_no)


def request_refund(
    db: Session, ctx: AppContext, payment_no: str, refund_no: str, amount_fen: int | None = None
) -> None:
    """Give back ``amount_fen`` of a charge (all of it when None), never more than was taken."""
    charge = db.scalar(select(PlatformCharge).where(PlatformCharge.payment_no == payment_no))
    if charge is None:
        return
    wanted = charge.amount_fen if amount_fen is None else amount_fen
    left = charge.amount_fen - (charge.refunded_fen or 0)
    if wanted <= 0 or left <= 0:
        return
    charge.refunded_fen = (charge.refunded_fen or 0) + min(wanted, left)
    if charge.refund_no is None:
        charge.refund_no = refund_no
        charge.refund_requested_at = ctx.clock.now()


# --- the examinee's page ---------------------------------------------------------------------------


def _payment(db: Session, payment_no: str) -> PlatformPayment:
    pp = db.scalar(select(PlatformPayment).where(PlatformPayment.payment_no == payment_no).with_for_update())
    if pp is None:
        raise NotFound("支付单不存在，请返回报考系统重新发起支付", code="payment_not_found")
    return pp


def page(db: Session, payment_no: str) -> PlatformPayment:
    return _payment(db, payment_no)


def confirm(db: Session, ctx: AppContext, payment_no: str, channel: str) -> tuple[PlatformPayment, Notification | None]:
    """Take the money (once per payment, however often the page is confirmed).  Commits.

    Returns the notification to send when this call took the money, else ``None``.
    """
    if channel not in ctx.settings.payment_channels:
        raise Unprocessable(
            Msg("不支持的支付方式：{channel}", channel=channel),
            code="bad_channel",
            details={"fields": [{"field": "channel", "message": Msg("请选择支付方式")}]},
        )
    pp = _payment(db, payment_no)
    if pp.status is PlatformPaymentStatus.PAID:
        db.commit()
        return pp, None
    if pp.status is PlatformPaymentStatus.CANCELLED:
        db.commit()
        raise Conflict("该笔支付已取消，请返回报考系统重新发起支付", code="payment_cancelled")
    now = ctx.clock.now()
    pp.status = PlatformPaymentStatus.PAID
    pp.channel = channel
    pp.finished_at = now
    db.add(
        PlatformCharge(
            payment_no=pp.payment_no,
            merchant_order_no=pp.merchant_order_no,
            amount_fen=pp.amount_fen,
            channel=channel,
            charged_at=now,
        )
    )
    audit(
        db,
        ctx,
        actor=ACTOR,
        action="platform_charge",
        details={"payment_no": pp.payment_no, "order_no": pp.merchant_order_no, "amount_fen": pp.amount_fen},
    )
    try:
        db.commit()
    except IntegrityError:  # another confirm of the same payment won the race: one charge only
        db.rollback()
        return _payment(db, payment_no), None
    return pp, _notification(ctx, pp, "succeeded", now)


def cancel(db: Session, ctx: AppContext, payment_no: str) -> tuple[PlatformPayment, Notification | None]:
    """The examinee gives up on the page.  Commits."""
    pp = _payment(db, payment_no)
    if pp.status is PlatformPaymentStatus.PAID:
        db.commit()
        raise Conflict("该笔支付已完成，不能取消", code="payment_already_paid")
    if pp.status is PlatformPaymentStatus.CANCELLED:
        db.commit()
        return pp, None
    now = ctx.clock.now()
    pp.status = PlatformPaymentStatus.CANCELLED
    pp.finished_at = now
    audit(db, ctx, actor=ACTOR, action="platform_cancel", details={"payment_no": pp.payment_no})
    db.commit()
    return pp, _notification(ctx, pp, "cancelled", now)
