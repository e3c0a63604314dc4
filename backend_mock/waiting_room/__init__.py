"""The virtual waiting room of registration day (docs/waiting-room.md).

``install(app, prefix)`` puts the gate in front of the busy paths and adds the status poll, the
leave endpoint and (demo and test mode) the tester's controls under ``/mock/waiting-room``.
"""

from __future__ import annotations

from fastapi import FastAPI

from backend_mock.context import AppContext
from backend_mock.errors import ERROR_RESPONSES

#: what ``/mock`` may change on a server of several workers: the queue lives in the database
TESTER_PREFIX = "/mock/waiting-room"


def install(app: FastAPI, prefix: str) -> None:
    from backend_mock.waiting_room.gate import WaitingRoomGate
    from backend_mock.waiting_room.router import router, tester_router

    ctx: AppContext = app.state.ctx
    app.add_middleware(WaitingRoomGate, prefix=prefix, paths=ctx.settings.waiting_room_paths)
    app.include_router(router, prefix=prefix, responses=ERROR_RESPONSES)
    if ctx.settings.mode.has_tester_controls:
        app.include_router(tester_router, prefix=prefix, responses=ERROR_RESPONSES)
