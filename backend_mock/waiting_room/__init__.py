"""The virtual waiting room of registration day (docs/waiting-room.md).

``install(app, prefix)`` puts the gate in front of the busy paths; the app mounts the status poll
and the leave endpoint (``router.router``) and, in demo and test mode, the tester's controls under
``/mock/waiting-room`` (``router.tester_router``) like every other router.
"""

from __future__ import annotations

from fastapi import FastAPI

from backend_mock.context import AppContext

#: what ``/mock`` may change on a server of several workers: the queue lives in the database
TESTER_PREFIX = "/mock/waiting-room"


def install(app: FastAPI, prefix: str) -> None:
    from backend_mock.waiting_room.gate import WaitingRoomGate

    ctx: AppContext = app.state.ctx
    app.add_middleware(WaitingRoomGate, prefix=prefix, paths=ctx.settings.waiting_room_paths)
