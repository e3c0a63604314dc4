"""What every request can reach besides the database: the settings, the clock, tester controls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from backend_mock.clock import Clock
from backend_mock.settings import Settings


@dataclass
class TesterControls:
    """Knobs testers turn at run time through ``/mock`` (demo and test mode only)."""

    latency_ms: int = 0


@dataclass
class AppContext:
    settings: Settings
    clock: Clock
    controls: TesterControls = field(default_factory=TesterControls)


def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


CtxDep = Annotated[AppContext, Depends(get_ctx)]
