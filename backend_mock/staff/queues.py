"""Reviewers' work queues: one registry entry per queue (title, statuses, counts, a page, a decision).

Every queue answers the same three questions — how many items per status, one page of items,
decide on one item (approve / return / reject with a reason) — so the review console shows each
queue the same way and a new queue (information corrections, exemptions, transfers, score
reviews, graduation audits ...) is one more ``ReviewQueue`` in ``QUEUES``.  A queue shows only
the items of the reviewer's own prefecture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from backend_mock.context import AppContext
from backend_mock.enrolment import service as enrolment
from backend_mock.errors import Forbidden, NotFound, Unprocessable
from backend_mock.graduation import staff as graduation_staff
from backend_mock.i18n import Msg
from backend_mock.masking import mask_id_number
from backend_mock.models import EnrolmentApplication, EnrolmentStatus, StaffRole, StaffUser
from backend_mock.staff.counter import actor_of
from backend_mock.staff.schemas import Decision, QueueItemPublic, QueueStatusPublic


@dataclass(frozen=True)
class QueueQuery:
    status: str
    text: str  # a name (prefix) or a reference number; "" for all
    page: int
    page_size: int


@dataclass(frozen=True)
class ReviewQueue:
    key: str
    title: str
    roles: frozenset[StaffRole]
    # (status, text); the first is the pending status the queue opens on
    statuses: tuple[tuple[str, str], ...]
    actions: tuple[Decision, ...]
    counts: Callable[[Session, StaffUser], dict[str, int]]
    page: Callable[[Session, StaffUser, QueueQuery], tuple[list[QueueItemPublic], int]]
    decide: Callable[[Session, AppContext, StaffUser, str, Decision, str | None], QueueItemPublic]

    @property
    def pending_status(self) -> str:
        return self.statuses[0][0]

    def status_list(self, counts: dict[str, int]) -> list[QueueStatusPublic]:
        return [QueueStatusPublic(status=s, text=t, count=counts.get(s, 0)) for s, t in self.statuses]


def require_reason(ctx: AppContext, decision: Decision, reason: str | None) -> str | None:
    """Returning and rejecting need a reason the applicant can act on; approving does not."""
    text = (reason or "").strip() or None
    if decision != "approve" and (text is None or len(text) < ctx.settings.reason_min_length):
        what = Msg("退回") if decision == "return" else Msg("不通过")
        raise Unprocessable(
            Msg("请填写{what}的原因，申请人会看到它", what=what),
            code="reason_required",
            details={"fields": [{"field": "reason", "message": Msg("请填写原因")}]},
        )
    return text


# --- 新生报名审核 (enrolment applications) ------------------------------------------------------------------

_ENROLMENT_STATUSES = (
    (EnrolmentStatus.SUBMITTED.value, Msg("待审核")),
    (EnrolmentStatus.APPROVED.value, Msg("已通过")),
    (EnrolmentStatus.RETURNED.value, Msg("已退回")),
    (EnrolmentStatus.REJECTED.value, Msg("不通过")),
)


def _enrolment_scope(staff: StaffUser) -> ColumnElement[bool]:
    return EnrolmentApplication.prefecture_code == staff.prefecture_code


def _enrolment_counts(db: Session, staff: StaffUser) -> dict[str, int]:
    rows = db.execute(
        select(EnrolmentApplication.status, func.count())
        .where(_enrolment_scope(staff))
        .group_by(EnrolmentApplication.status)
    )
    return {status.value: n for status, n in rows}


def _enrolment_item(app: EnrolmentApplication) -> QueueItemPublic:
    return QueueItemPublic(
        id=app.application_no,
        reference=app.application_no,
        name=app.name,
        id_number_masked=mask_id_number(app.id_number),
        summary=(
            f"{app.major.code} {app.major.name}（{app.major.level.value}）· {app.gender.value} · "
            f"{app.birth_date:%Y-%m-%d}"
        ),
        submitted_at=app.submitted_at,
        status=app.status.value,
        status_text=dict(_ENROLMENT_STATUSES)[app.status.value],
        reason=app.reason,
        decided_by=app.decided_by,
        decided_at=app.decided_at,
        result=Msg("准考证号 {exam_no}", exam_no=app.examinee.exam_no) if app.examinee else None,
        can_decide=app.status is EnrolmentStatus.SUBMITTED,
    )


def _enrolment_page(db: Session, staff: StaffUser, query: QueueQuery) -> tuple[list[QueueItemPublic], int]:
    where: list[ColumnElement[bool]] = [_enrolment_scope(staff)]
    if query.status:
        where.append(EnrolmentApplication.status == EnrolmentStatus(query.status))
    text = query.text.strip()
    if text:
        if text.upper().startswith("XS"):
            where.append(EnrolmentApplication.application_no == text.upper())
        else:
            where.append(EnrolmentApplication.name.startswith(text, autoescape=True))
    total = db.scalar(select(func.count()).select_from(EnrolmentApplication).where(*where)) or 0
    apps = db.scalars(
        select(EnrolmentApplication)
        .where(*where)
        .options(selectinload(EnrolmentApplication.major), selectinload(EnrolmentApplication.examinee))
        .order_by(EnrolmentApplication.submitted_at, EnrolmentApplication.id)
        .limit(query.page_size)
        .offset((query.page - 1) * query.page_size)
    ).all()
    return [_enrolment_item(a) for a in apps], total


def _enrolment_decide(
    db: Session, ctx: AppContext, staff: StaffUser, item_id: str, decision: Decision, reason: str | None
) -> QueueItemPublic:
    app = db.scalar(
        select(EnrolmentApplication).where(
            EnrolmentApplication.application_no == item_id.strip().upper(), _enrolment_scope(staff)
        )
    )
    if app is None:
        raise NotFound("没有这份报名，或它不属于您所在的市州", code="item_not_found")
    why = require_reason(ctx, decision, reason)
    if decision == "approve":
        enrolment.approve(db, ctx, app, decided_by=actor_of(staff))
        app.reason = why
    else:
        status = EnrolmentStatus.RETURNED if decision == "return" else EnrolmentStatus.REJECTED
        enrolment.reject(db, ctx, app, actor_of(staff), why or "", status=status)
    db.commit()
    db.refresh(app)
    return _enrolment_item(app)


ENROLMENT_QUEUE = ReviewQueue(
    key="enrolment",
    title=Msg("新生报名审核"),
    roles=frozenset({StaffRole.REVIEWER}),
    statuses=_ENROLMENT_STATUSES,
    actions=("approve", "return", "reject"),
    counts=_enrolment_counts,
    page=_enrolment_page,
    decide=_enrolment_decide,
)


# --- 毕业申请 (graduation): four steps, each a queue over graduation/staff.py ---------------------


def graduation_queue(key: str, title: str, role: StaffRole, steps: graduation_staff.QueueSteps) -> ReviewQueue:
    return ReviewQueue(
        key=key,
        title=title,
        roles=frozenset({role}),
        statuses=steps.statuses,
        actions=tuple(steps.decisions),
        counts=partial(graduation_staff.queue_counts, steps),
        page=lambda db, staff, q: graduation_staff.queue_page(steps, db, staff, q.status, q.text, q.page, q.page_size),
        decide=partial(graduation_staff.queue_decide, steps),
    )


#: every review queue, in the order the console lists them: one entry per queue
QUEUES: tuple[ReviewQueue, ...] = (
    ENROLMENT_QUEUE,
    graduation_queue("graduation_first", Msg("毕业申请初审"), StaffRole.REVIEWER, graduation_staff.FIRST_REVIEW),
    graduation_queue("graduation_on_site", Msg("毕业现场确认"), StaffRole.CLERK, graduation_staff.ON_SITE),
    graduation_queue("graduation_final", Msg("毕业申请终审"), StaffRole.REVIEWER, graduation_staff.FINAL_REVIEW),
    graduation_queue("graduation_certificate", Msg("毕业证书发放"), StaffRole.REVIEWER, graduation_staff.CERTIFICATE),
)


def queue_for(staff: StaffUser, key: str) -> ReviewQueue:
    for queue in QUEUES:
        if queue.key == key:
            if staff.role not in queue.roles:
                raise Forbidden(Msg("“{title}”不属于您的角色，无法办理", title=queue.title), code="role_forbidden")
            return queue
    raise NotFound("没有这个审核队列", code="queue_not_found")


def queues_for(staff: StaffUser) -> list[ReviewQueue]:
    return [q for q in QUEUES if staff.role in q.roles]
