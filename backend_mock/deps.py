"""Request dependencies: who is calling."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from backend_mock.context import CtxDep
from backend_mock.db import SessionDep
from backend_mock.errors import Forbidden
from backend_mock.models import Examinee
from backend_mock.services.sessions import Principal, authenticate


def _bearer(authorization: Annotated[str | None, Header()] = None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def get_principal(db: SessionDep, ctx: CtxDep, token: Annotated[str | None, Depends(_bearer)]) -> Principal:
    return authenticate(db, ctx, token)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_examinee(db: SessionDep, principal: PrincipalDep) -> Examinee:
    if principal.subject_type != "examinee":
        raise Forbidden("该功能仅供考生使用", code="examinee_only")
    examinee = db.get(Examinee, principal.subject_id)
    if examinee is None:
        raise Forbidden("考生账号不存在", code="examinee_only")
    return examinee


ExamineeDep = Annotated[Examinee, Depends(get_examinee)]
