"""What the waiting room's gate found out before the endpoint runs: the request's database session
and who is calling.

On a busy path (and the keep-alive) the gate authenticates the caller and decides admission in one
transaction on one worker thread (docs/waiting-room.md, "One transaction at the gate").  It hands
both on through the ASGI scope's ``state`` so that the request's dependencies (``api/deps.py``)
neither authenticate again nor open a second session: one thread hop and one transaction fewer per
busy request.  A refusal of authentication is handed on too and raised by the dependency, so the
answer is the one the endpoint would have given.  Elsewhere the first dependency that
authenticates keeps the caller here (``keep_caller``), so a request authenticates once whichever
of its dependencies ask.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from starlette.types import Scope

from backend_mock.auth.sessions import Principal
from backend_mock.errors import ApiError

_SESSION = "zikao.db"
_CALLER = "zikao.caller"


def _state(scope: Scope) -> dict[str, Any]:
    state: dict[str, Any] = scope.setdefault("state", {})
    return state


def hand_on(scope: Scope, db: Session, caller: Principal | ApiError) -> None:
    """Keep ``db`` and the outcome of authentication for the rest of the request."""
    state = _state(scope)
    state[_SESSION] = db
    state[_CALLER] = caller


def keep_caller(scope: Scope, caller: Principal) -> None:
    """Keep who authentication found calling, for the request's other dependencies."""
    _state(scope)[_CALLER] = caller


def session_of(scope: Scope) -> Session | None:
    """The session the gate opened (it closes it when the request is over), or None."""
    found = scope.get("state", {}).get(_SESSION)
    return found if isinstance(found, Session) else None


def caller_of(scope: Scope) -> Principal | None:
    """Who the gate found calling, or None when it did not look; raises the gate's refusal."""
    found = scope.get("state", {}).get(_CALLER)
    if isinstance(found, ApiError):
        raise found
    return found if isinstance(found, Principal) else None
