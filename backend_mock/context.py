"""What every request can reach besides the database: the settings, the clock, tester controls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from backend_mock.clock import Clock
from backend_mock.settings import Settings


@dataclass(frozen=True)
class PaymentFaults:
    """How the mock payment platform misbehaves when it notifies the backend.

    ``delay_seconds``: each notification waits this long (real seconds) before it is sent;
    ``duplicate``: each is sent twice; ``lost``: none is sent (reconciliation must find the
    charge); ``out_of_order``: notifications of one order are delivered newest first.
    """

    delay_seconds: float = 0.0
    duplicate: bool = False
    lost: bool = False
    out_of_order: bool = False


@dataclass
class TesterControls:
    """Knobs testers turn at run time through ``/mock`` (demo and test mode only)."""

    latency_ms: int = 0
    # replaced as a whole (never mutated) so the notifier thread always reads a consistent set
    payment_faults: PaymentFaults = field(default_factory=PaymentFaults)


@dataclass
class AppContext:
    settings: Settings
    clock: Clock
    controls: TesterControls = field(default_factory=TesterControls)


def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


CtxDep = Annotated[AppContext, Depends(get_ctx)]
