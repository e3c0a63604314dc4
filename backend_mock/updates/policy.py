"""软件更新 policy: an administrator defers updates on counter PCs until closing time (docs/updates.md).

One row (``UpdatePolicy``, id 1); without it updates are not deferred and closing time is 17:30.
Any logged-in staff member reads it (the counter PC's program does, after login); only an
administrator changes it, and each change is audited.  Closing time is Beijing time, ``HH:MM``
(24-hour clock); the answer carries the server's own time, so the program decides by the server's
clock (which a tester can move), never by the PC's.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from pydantic import BaseModel, field_validator
from sqlalchemy.orm import Session

from backend_mock.audit import audit
from backend_mock.context import AppContext
from backend_mock.inputs import OneLineText, RequestModel
from backend_mock.models import StaffUser, UpdatePolicy
from backend_mock.staff.counter import actor_of

POLICY_ID = 1
DEFAULT_CLOSING = "17:30"
_HH_MM = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


class UpdatePolicyPublic(BaseModel):
    defer: bool  # counter PCs wait for closing time before taking an update
    closing_time: str  # "17:30", Beijing time
    server_time: datetime  # the server's now (Beijing time), to compare with closing time
    deferred_now: bool  # defer is on and the server's now is before closing time today
    changed_at: datetime | None


class UpdatePolicyUpdate(RequestModel):
    defer: bool
    closing_time: OneLineText

    @field_validator("closing_time")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        value = value.strip().replace("：", ":")
        if len(value) == 4 and value[1] == ":":  # 9:30
            value = "0" + value
        if not _HH_MM.fullmatch(value):
            raise ValueError("请按24小时制的“时:分”填写下班时间，例如 17:30（00:00 至 23:59）")
        return value


def closing_of(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _row(db: Session) -> UpdatePolicy:
    row = db.get(UpdatePolicy, POLICY_ID)
    return row if row is not None else UpdatePolicy(id=POLICY_ID, defer=False, closing_time=DEFAULT_CLOSING)


def _public(row: UpdatePolicy, now: datetime) -> UpdatePolicyPublic:
    closing = closing_of(row.closing_time)
    return UpdatePolicyPublic(
        defer=row.defer,
        closing_time=row.closing_time,
        server_time=now,
        deferred_now=row.defer and now.time().replace(tzinfo=None) < closing,
        changed_at=row.changed_at,
    )


def read_policy(db: Session, ctx: AppContext) -> UpdatePolicyPublic:
    result = _public(_row(db), ctx.clock.now())
    db.commit()
    return result


def change_policy(db: Session, ctx: AppContext, admin: StaffUser, body: UpdatePolicyUpdate) -> UpdatePolicyPublic:
    row = db.get(UpdatePolicy, POLICY_ID)
    if row is None:
        row = UpdatePolicy(id=POLICY_ID, defer=False, closing_time=DEFAULT_CLOSING)
        db.add(row)
    now = ctx.clock.now()
    if (row.defer, row.closing_time) != (body.defer, body.closing_time):
        audit(
            db,
            ctx,
            actor=actor_of(admin),
            action="update_policy_changed",
            details={"defer": body.defer, "closing_time": body.closing_time},
        )
        row.defer, row.closing_time, row.changed_at = body.defer, body.closing_time, now
    result = _public(row, now)
    db.commit()
    return result
