"""What every request can reach besides the database: the settings, the clock, the payment platform, tester controls."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from backend_mock.clock import Clock
from backend_mock.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from backend_mock.models import PlatformPaymentStatus


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


class FaultKind(StrEnum):
    """What an injected fault does to a request.

    ``error``: answer at once with ``status`` (and ``Retry-After`` when given), the request is not
    run; ``drop``: close the connection without an answer, the request is not run; ``drop_after``:
    run the request (it commits), then close the connection without sending the answer.
    """

    ERROR = "error"
    DROP = "drop"
    DROP_AFTER = "drop_after"


@dataclass(frozen=True)
class FaultRule:
    """One fault for the requests whose path starts with ``path_prefix`` (below ``/api/v1``)."""

    path_prefix: str
    kind: FaultKind = FaultKind.ERROR
    probability: float = 1.0
    status: int = 503
    retry_after_seconds: int | None = None
    methods: frozenset[str] = frozenset()  # empty: every method
    times: int | None = None  # fire at most this often (None: no limit)

    def matches(self, method: str, path: str) -> bool:
        return path.startswith(self.path_prefix) and (not self.methods or method in self.methods)


@dataclass
class ArmedFault:
    """A rule as it runs: how often it fired so far."""

    rule: FaultRule
    fired: int = 0

    @property
    def remaining(self) -> int | None:
        return None if self.rule.times is None else max(0, self.rule.times - self.fired)


@dataclass
class TesterControls:
    """Knobs testers turn at run time through ``/mock`` (demo and test mode only).

    ``clear()`` puts every fault back to "none" at once (the panel's "clear all faults").
    """

    latency_ms: int = 0
    jitter_ms: int = 0  # each delay is latency_ms ± up to jitter_ms (never below 0)
    # replaced as a whole (never mutated) so the notifier thread always reads a consistent set
    payment_faults: PaymentFaults = field(default_factory=PaymentFaults)
    _faults: list[ArmedFault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _random: random.Random = field(default_factory=random.Random, repr=False)

    def set_faults(self, rules: list[FaultRule]) -> None:
        with self._lock:
            self._faults = [ArmedFault(rule) for rule in rules]

    def faults(self) -> list[ArmedFault]:
        with self._lock:
            return [ArmedFault(a.rule, a.fired) for a in self._faults]

    def delay_seconds(self) -> float:
        """The injected latency for one request (0 when none)."""
        if not self.latency_ms and not self.jitter_ms:
            return 0.0
        with self._lock:
            jitter = self._random.uniform(-self.jitter_ms, self.jitter_ms) if self.jitter_ms else 0.0
        return max(0.0, self.latency_ms + jitter) / 1000

    def pick_fault(self, method: str, path: str) -> FaultRule | None:
        """The first rule for this request that fires now (counted), or ``None``."""
        with self._lock:
            for armed in self._faults:
                if armed.remaining == 0 or not armed.rule.matches(method, path):
                    continue
                if armed.rule.probability >= 1 or self._random.random() < armed.rule.probability:
                    armed.fired += 1
                    return armed.rule
        return None

    def clear(self) -> None:
        """No latency, no request faults, no payment faults."""
        with self._lock:
            self._faults = []
        self.latency_ms = 0
        self.jitter_ms = 0
        self.payment_faults = PaymentFaults()


class PlatformAnswer(Protocol):
    """The payment platform's answer to "how does payment X stand?"."""

    @property
    def status(self) -> PlatformPaymentStatus: ...
    @property
    def amount_fen(self) -> int: ...
    @property
    def charged_at(self) -> datetime | None: ...
    @property
    def order_no(self) -> str: ...


class PaymentPlatform(Protocol):
    """The external payment platform as the merchant (报名报考) calls it: HTTP calls in real life.

    The app gives the registration domain the platform through ``AppContext.payments`` (app.py
    passes the mock platform, ``backend_mock.payplatform.service``), so the domain never imports it
    (docs/architecture.md)."""

    def open_payment(
        self,
        db: Session,
        ctx: AppContext,
        *,
        payment_no: str,
        order_no: str,
        amount_fen: int,
        subject: str,
        channel: str,
    ) -> None: ...

    def query(self, db: Session, payment_no: str) -> PlatformAnswer | None: ...

    def request_refund(
        self, db: Session, ctx: AppContext, payment_no: str, refund_no: str, amount_fen: int | None = None
    ) -> None: ...

    def verify(self, fields: dict[str, Any], given: str, key: str) -> bool: ...


@dataclass
class AppContext:
    settings: Settings
    clock: Clock
    payments: PaymentPlatform
    controls: TesterControls = field(default_factory=TesterControls)
    # when periodic jobs last ran (by name, the clock's time): records/uploads.py · sweep_orphans
    last_runs: dict[str, datetime] = field(default_factory=dict)
