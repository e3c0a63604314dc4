"""Request dependencies: who is calling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Header

from backend_mock.context import CtxDep
from backend_mock.db import SessionDep
from backend_mock.errors import Forbidden
from backend_mock.models import Examinee, StaffRole, StaffUser
from backend_mock.services.sessions import Principal, authenticate


def _bearer(authorization: Annotated[str | None, Header()] = None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def get_principal(db: SessionDep, ctx: CtxDep, token: Annotated[str | None, Depends(_bearer)]) -> Principal:
    return authenticate(db, ctx, token)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_examinee(db: SessionDep, principal: PrincipalDep) -> Examinee:
    """The calling examinee, with the database released before the endpoint runs.

    Loading the row opens a transaction (``BEGIN IMMEDIATE`` on SQLite: the write lock).  Held
    across the hop to the endpoint's thread it deadlocks under load: every pool thread waits for
    the lock while the holder waits for a thread (ARCHITECTURE.md).  So commit here.
    """
    if principal.subject_type != "examinee":
        raise Forbidden("该功能仅供考生使用", code="examinee_only")
    examinee = db.get(Examinee, principal.subject_id)
    db.commit()
    if examinee is None:
        raise Forbidden("考生账号不存在", code="examinee_only")
    return examinee


ExamineeDep = Annotated[Examinee, Depends(get_examinee)]


def staff_with_role(*roles: StaffRole) -> Callable[..., StaffUser]:
    """A dependency: the calling staff member, who must hold one of ``roles`` (else 403)."""

    def dependency(db: SessionDep, principal: PrincipalDep) -> StaffUser:
        if principal.subject_type != "staff":
            raise Forbidden("该功能仅供工作人员使用", code="staff_only")
        staff = db.get(StaffUser, principal.subject_id)
        db.commit()
        if staff is None or not staff.active:
            raise Forbidden("工作人员账号不存在或已停用", code="staff_only")
        if staff.role not in roles:
            raise Forbidden("您的岗位没有此项权限，请由审核员处理", code="role_forbidden")
        return staff

    return dependency


ReviewerDep = Annotated[StaffUser, Depends(staff_with_role(StaffRole.REVIEWER))]
