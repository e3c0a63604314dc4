"""报名报考: seats, orders, payments, refunds, idempotency records and the mock platform's ledger.

The database itself guards the rules that must hold under concurrent requests:

* ``SessionSite`` counts the seats held at a site for one session; ``CHECK seats_held <= capacity``
  and a conditional ``UPDATE ... WHERE seats_held < capacity`` never oversell (SQLite, PostgreSQL);
* ``Seat`` is unique per examinee and session: all courses of a session at one site, one seat;
* a partial unique index on live ``OrderItem`` rows refuses a second live order (pending, paying
  or paid) of the same course in the same session;
* ``PlatformCharge`` is unique per payment: the platform cannot take money twice for one payment;
* ``Payment.status`` moves away from ``created`` once: a notification is applied exactly once.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base, enum_column
from backend_mock.models.geo import ExamSite


class OrderStatus(StrEnum):
    PENDING = "pending"  # 待支付
    PAYING = "paying"  # 交费中: sent to the payment platform, no result yet
    PAID = "paid"  # 已缴费
    CLOSED = "closed"  # 已关闭
    REFUNDING = "refunding"  # 退款中: money arrived for a closed order
    REFUNDED = "refunded"  # 已退款

    @property
    def live(self) -> bool:
        """Does an order in this state hold its seat and its courses?"""
        return self in LIVE_ORDER_STATUSES


LIVE_ORDER_STATUSES = frozenset({OrderStatus.PENDING, OrderStatus.PAYING, OrderStatus.PAID})
UNPAID_ORDER_STATUSES = frozenset({OrderStatus.PENDING, OrderStatus.PAYING})


class CloseReason(StrEnum):
    CANCELLED = "cancelled"  # by the examinee, while pending
    EXPIRED = "expired"  # unpaid 30 minutes after creation
    CUTOFF = "cutoff"  # the daily payment cut-off
    WINDOW_CLOSED = "window_closed"  # the registration window closed


class PaymentStatus(StrEnum):
    CREATED = "created"  # sent to the platform, no result known
    SUCCEEDED = "succeeded"
    CANCELLED = "cancelled"  # cancelled on the platform's page
    FAILED = "failed"


class RefundStatus(StrEnum):
    REFUNDING = "refunding"
    REFUNDED = "refunded"


class SessionSite(Base):
    """Seats of one exam site in one session: created from ``ExamSite.capacity`` on first use."""

    __tablename__ = "session_sites"
    __table_args__ = (CheckConstraint("seats_held >= 0 AND seats_held <= capacity", name="seats"),)
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("exam_sites.id"), primary_key=True)
    capacity: Mapped[int]
    seats_held: Mapped[int] = mapped_column(default=0)


class Seat(Base):
    """The one seat an examinee holds in a session, while any order of that session is live."""

    __tablename__ = "seats"
    __table_args__ = (UniqueConstraint("examinee_id", "session_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"))
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"))
    site_id: Mapped[int] = mapped_column(ForeignKey("exam_sites.id"), index=True)
    held_at: Mapped[datetime]


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_status_expires_at", "status", "expires_at"),
        Index("ix_orders_examinee_session", "examinee_id", "session_code"),
        CheckConstraint("amount_fen = course_fee_fen + record_card_fee_fen", name="amount"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(String(32), unique=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"))
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"))
    site_id: Mapped[int] = mapped_column(ForeignKey("exam_sites.id"))
    status: Mapped[OrderStatus] = mapped_column(enum_column(OrderStatus), default=OrderStatus.PENDING)
    course_fee_fen: Mapped[int]
    record_card_fee_fen: Mapped[int]
    amount_fen: Mapped[int]
    created_at: Mapped[datetime]
    # when the unpaid order closes by itself, and why (the earliest of 30 minutes, the daily
    # cut-off and the end of the registration window)
    expires_at: Mapped[datetime]
    expiry_reason: Mapped[CloseReason] = mapped_column(enum_column(CloseReason))
    paid_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    close_reason: Mapped[CloseReason | None] = mapped_column(enum_column(CloseReason))

    site: Mapped[ExamSite] = relationship()
    items: Mapped[list[OrderItem]] = relationship(back_populates="order", order_by="OrderItem.id")
    payments: Mapped[list[Payment]] = relationship(back_populates="order", order_by="Payment.id")
    refunds: Mapped[list[Refund]] = relationship(back_populates="order", order_by="Refund.id")


class OrderItem(Base):
    """One course of an order; ``active`` while the order is live (pending, paying, paid)."""

    __tablename__ = "order_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"))
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"))
    course_code: Mapped[str] = mapped_column(ForeignKey("courses.code"))
    slot: Mapped[str] = mapped_column(String(6))
    fee_fen: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)
    # a paid course taken out of its order (its exemption was approved): refunded, no seat for it
    withdrawn_at: Mapped[datetime | None]
    order: Mapped[Order] = relationship(back_populates="items")


# the database refuses a second live order item for the same examinee, session and course
Index(
    "uq_order_items_live_course",
    OrderItem.examinee_id,
    OrderItem.session_code,
    OrderItem.course_code,
    unique=True,
    sqlite_where=OrderItem.active == true(),
    postgresql_where=OrderItem.active == true(),
)


class Payment(Base):
    """One attempt to pay an order through the platform (the backend's side)."""

    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    payment_no: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"), index=True)
    channel: Mapped[str] = mapped_column(String(12))
    amount_fen: Mapped[int]
    status: Mapped[PaymentStatus] = mapped_column(enum_column(PaymentStatus), default=PaymentStatus.CREATED)
    created_at: Mapped[datetime]
    # when the platform took the money (from its notification or the reconciliation query)
    charged_at: Mapped[datetime | None]
    # when the backend learnt the result (notification applied or reconciled)
    notified_at: Mapped[datetime | None]
    # when the backend last asked the platform about it (reconciliation)
    queried_at: Mapped[datetime | None]
    order: Mapped[Order] = relationship(back_populates="payments")


class Refund(Base):
    """Money back: a charge that reached a closed order (all of it), or the fee of one paid course
    withdrawn because an exemption of it was approved (``order_item_id``, docs/rules.md#registration-and-payment)."""

    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(primary_key=True)
    refund_no: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    # the withdrawn course this refund pays back (None: the whole payment)
    order_item_id: Mapped[int | None] = mapped_column(ForeignKey("order_items.id"))
    amount_fen: Mapped[int]
    status: Mapped[RefundStatus] = mapped_column(enum_column(RefundStatus), default=RefundStatus.REFUNDING)
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    order: Mapped[Order] = relationship(back_populates="refunds")


class IdempotencyRecord(Base):
    """The first successful answer to a request carrying an ``Idempotency-Key``."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("examinee_id", "operation", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100))
    examinee_id: Mapped[int] = mapped_column(ForeignKey("examinees.id"))
    operation: Mapped[str] = mapped_column(String(30))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]


# --- the mock payment platform's own records (an external system in real life) ------------------


class PlatformPaymentStatus(StrEnum):
    AWAITING = "awaiting"
    PAID = "paid"
    CANCELLED = "cancelled"


class PlatformPayment(Base):
    """A payment request the merchant (the backend) opened on the platform."""

    __tablename__ = "platform_payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    payment_no: Mapped[str] = mapped_column(String(32), unique=True)
    merchant_order_no: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str] = mapped_column(String(60))
    amount_fen: Mapped[int]
    channel: Mapped[str] = mapped_column(String(12))
    status: Mapped[PlatformPaymentStatus] = mapped_column(
        enum_column(PlatformPaymentStatus), default=PlatformPaymentStatus.AWAITING
    )
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class PlatformCharge(Base):
    """The platform's ledger: money taken from the examinee, at most once per payment."""

    __tablename__ = "platform_charges"
    id: Mapped[int] = mapped_column(primary_key=True)
    payment_no: Mapped[str] = mapped_column(String(32), unique=True)
    merchant_order_no: Mapped[str] = mapped_column(String(32))
    amount_fen: Mapped[int]
    channel: Mapped[str] = mapped_column(String(12))
    charged_at: Mapped[datetime]
    # the merchant asked for the money back
    refund_no: Mapped[str | None] = mapped_column(String(32))
    refund_requested_at: Mapped[datetime | None]
    # money given back so far (a whole refund, or the fees of withdrawn courses)
    refunded_fen: Mapped[int] = mapped_column(default=0)
