"""Seed data of 报名报考: the paid orders behind every past result.

An examinee with a result in a past session registered and paid for it: one paid order per
examinee and session, at an exam site of their county (else of their prefecture), with the
courses of that session's results (an absence too: it was paid for), the record card fee in the
first one.  So 报考历史 shows the site and the amount of past sessions, and 我的订单 lists them.
Theses are not registered for (they are not in the timetable) and get no order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.models import (
    County,
    Course,
    CourseKind,
    ExamSession,
    ExamSite,
    Order,
    OrderItem,
    OrderStatus,
    Payment,
    PaymentStatus,
    Seat,
    SessionSite,
)
from backend_mock.models.orders import CloseReason
from backend_mock.settings import Settings

SLOTS = ("SAT_AM", "SAT_PM", "SUN_AM", "SUN_PM")
CHANNELS = ("alipay", "wechat", "unionpay")


def seed_past_orders(
    db: Session,
    settings: Settings,
    examinees: Sequence[dict[str, Any]],
    scores: Sequence[dict[str, Any]],
    timetable: dict[str, dict[str, str]],
) -> int:
    """Insert the paid orders of past results; returns how many."""
    sessions = {s.code: s for s in db.scalars(select(ExamSession))}
    theses = set(db.scalars(select(Course.code).where(Course.kind == CourseKind.THESIS)))
    county_of = {e["id"]: e["county_code"] for e in examinees}
    prefecture_of_county = {code: pref for code, pref in db.execute(select(County.code, County.prefecture_code))}
    sites_in_county: dict[str, list[int]] = defaultdict(list)
    sites_in_prefecture: dict[str, list[int]] = defaultdict(list)
    for site_id, county in db.execute(select(ExamSite.id, ExamSite.county_code).order_by(ExamSite.id)):
        sites_in_county[county].append(site_id)
        sites_in_prefecture[prefecture_of_county[county]].append(site_id)
    any_site = min(site for sites in sites_in_county.values() for site in sites)

    taken: dict[tuple[int, str], list[str]] = defaultdict(list)
    for row in scores:
        if row["course_code"] not in theses and row["session_code"] in sessions:
            taken[(row["examinee_id"], row["session_code"])].append(row["course_code"])

    orders: list[Order] = []
    first_order: set[int] = set()
    for number, ((examinee_id, code), courses) in enumerate(sorted(taken.items(), key=lambda kv: kv[0][1]), 1):
        session = sessions[code]
        county = county_of[examinee_id]
        site = (sites_in_county.get(county) or sites_in_prefecture.get(prefecture_of_county[county]) or [any_site])[0]
        paid_at = session.registration_open + timedelta(days=2, minutes=number % 600)
        card_fee = settings.record_card_fee_fen if examinee_id not in first_order else 0
        first_order.add(examinee_id)
        course_fee = settings.fee_per_course_fen * len(courses)
        serial = f"{paid_at:%y%m%d%H%M%S}{number:0{settings.trade_no_random_digits}d}"
        used = {timetable.get(code, {}).get(c) for c in courses}
        spare = iter(s for s in SLOTS if s not in used)
        order = Order(
            order_no=f"{settings.order_no_prefix}{serial}",
            examinee_id=examinee_id,
            session_code=code,
            site_id=site,
            status=OrderStatus.PAID,
            course_fee_fen=course_fee,
            record_card_fee_fen=card_fee,
            amount_fen=course_fee + card_fee,
            created_at=paid_at - timedelta(minutes=3),
            expires_at=paid_at + timedelta(minutes=settings.order_unpaid_timeout_minutes),
            expiry_reason=CloseReason.EXPIRED,
            paid_at=paid_at,
        )
        order.items = [
            OrderItem(
                examinee_id=examinee_id,
                session_code=code,
                course_code=course,
                slot=timetable.get(code, {}).get(course) or next(spare, SLOTS[0]),
                fee_fen=settings.fee_per_course_fen,
            )
            for course in courses
        ]
        order.payments = [
            Payment(
                payment_no=f"{settings.payment_no_prefix}{serial}",
                examinee_id=examinee_id,
                channel=CHANNELS[number % len(CHANNELS)],
                amount_fen=course_fee + card_fee,
                status=PaymentStatus.SUCCEEDED,
                created_at=paid_at - timedelta(minutes=1),
                charged_at=paid_at,
            )
        ]
        orders.append(order)
    db.add_all(orders)
    # a paid order holds its seat at the site (the counters count them)
    held: dict[tuple[str, int], int] = defaultdict(int)
    for order in orders:
        db.add(Seat(examinee_id=order.examinee_id, session_code=order.session_code, site_id=order.site_id,
                    held_at=order.paid_at))  # fmt: skip
        held[(order.session_code, order.site_id)] += 1
    capacity = dict(db.execute(select(ExamSite.id, ExamSite.capacity)).all())
    for (code, site), count in held.items():
        db.add(SessionSite(session_code=code, site_id=site, capacity=capacity[site], seats_held=count))
    db.flush()
    return len(orders)
