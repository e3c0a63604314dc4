"""Tester controls of the mock backend (``/mock``; demo and test mode servers only).

Time travel (set, advance, named jumps), rebuilding the database as a named scenario, injected
faults (latency with jitter, error answers with ``Retry-After``, dropped connections, payment
notification faults), captcha answers and the SMS outbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop.api.convert import from_json, list_from_json
from desktop.api.endpoints import _Module
from desktop.api.types import ClockState, Enrolment, PaymentFaults, SmsMessage

#: what a request fault does (see backend_mock.context.FaultKind)
FAULT_ERROR = "error"
FAULT_DROP = "drop"
FAULT_DROP_AFTER = "drop_after"


@dataclass(frozen=True)
class ClockJump:
    """A named point of the calendar; ``at`` is None when no seeded session has it after now."""

    name: str
    label: str
    session_code: str | None
    session_name: str | None
    at: datetime | None


@dataclass(frozen=True)
class Scenario:
    name: str
    label: str
    description: str
    seed_size: int


@dataclass(frozen=True)
class ReseedResult:
    scenario: str
    label: str
    clock: ClockState
    examinees: int
    sessions_ended: int


@dataclass(frozen=True)
class FaultRule:
    """A fault for requests whose path (below ``/api/v1``) starts with ``path_prefix``."""

    path_prefix: str = "/"
    kind: str = FAULT_ERROR
    probability: float = 1.0
    status: int = 503
    retry_after_seconds: int | None = None
    methods: tuple[str, ...] = ()
    times: int | None = None
    # read back from the server only
    fired: int = 0
    remaining: int | None = None

    def body(self) -> dict[str, Any]:
        return {
            "path_prefix": self.path_prefix,
            "kind": self.kind,
            "probability": self.probability,
            "status": self.status,
            "retry_after_seconds": self.retry_after_seconds,
            "methods": list(self.methods),
            "times": self.times,
        }


@dataclass(frozen=True)
class PaymentFaultsState(PaymentFaults):
    queued_notifications: int = 0


@dataclass(frozen=True)
class Faults:
    latency_ms: int = 0
    jitter_ms: int = 0
    rules: tuple[FaultRule, ...] = ()
    payment: PaymentFaultsState = field(default_factory=PaymentFaultsState)

    @property
    def any(self) -> bool:
        p = self.payment
        return bool(
            self.latency_ms
            or self.jitter_ms
            or self.rules
            or p.delay_seconds
            or p.duplicate
            or p.lost
            or p.out_of_order
        )


class MockApi(_Module):
    """Tester controls (demo and test mode servers only)."""

    # --- clock ------------------------------------------------------------------------------------
    def clock(self) -> ClockState:
        return from_json(ClockState, self._c.request("GET", "/mock/clock"))

    def set_clock(
        self, now: datetime | None = None, *, frozen: bool = False, advance_seconds: float | None = None
    ) -> ClockState:
        body: dict[str, Any] = {"frozen": frozen}
        if now is not None:
            body["now"] = now.isoformat()
        if advance_seconds is not None:
            body["advance_seconds"] = advance_seconds
        return from_json(ClockState, self._c.request("PUT", "/mock/clock", json=body))

    def reset_clock(self) -> ClockState:
        return from_json(ClockState, self._c.request("DELETE", "/mock/clock"))

    def jumps(self) -> list[ClockJump]:
        return list_from_json(ClockJump, self._c.request("GET", "/mock/clock/jumps"))

    def jump(self, name: str, *, frozen: bool = False) -> ClockState:
        """Move the clock to the next calendar point ``name`` (e.g. ``"exam_day"``)."""
        return from_json(ClockState, self._c.request("POST", "/mock/clock/jump", json={"name": name, "frozen": frozen}))

    # --- scenarios --------------------------------------------------------------------------------
    def scenarios(self) -> list[Scenario]:
        return list_from_json(Scenario, self._c.request("GET", "/mock/scenarios"))

    def reseed(self, scenario: str, seed_size: int | None = None) -> ReseedResult:
        """Empty the database and seed it as ``scenario``; every login on the server ends."""
        body = {"scenario": scenario, "seed_size": seed_size}
        return from_json(ReseedResult, self._c.request("POST", "/mock/reseed", json=body, timeout=(3.05, 120.0)))

    # --- faults -----------------------------------------------------------------------------------
    def faults(self) -> Faults:
        return from_json(Faults, self._c.request("GET", "/mock/faults"))

    def set_faults(
        self, rules: list[FaultRule] | tuple[FaultRule, ...] = (), *, latency_ms: int = 0, jitter_ms: int = 0
    ) -> Faults:
        """Replace the latency and the request faults (the payment faults stay as they are)."""
        body = {"latency_ms": latency_ms, "jitter_ms": jitter_ms, "rules": [r.body() for r in rules]}
        return from_json(Faults, self._c.request("PUT", "/mock/faults", json=body))

    def clear_faults(self) -> Faults:
        """No latency, no request faults, no payment faults."""
        return from_json(Faults, self._c.request("DELETE", "/mock/faults"))

    def set_latency(self, latency_ms: int, jitter_ms: int = 0) -> None:
        self._c.request("PUT", "/mock/latency", json={"latency_ms": latency_ms, "jitter_ms": jitter_ms})

    def payment_faults(self) -> PaymentFaultsState:
        return from_json(PaymentFaultsState, self._c.request("GET", "/mock/payment-faults"))

    def set_payment_faults(self, faults: PaymentFaults) -> PaymentFaultsState:
        body = {
            "delay_seconds": faults.delay_seconds,
            "duplicate": faults.duplicate,
            "lost": faults.lost,
            "out_of_order": faults.out_of_order,
        }
        return from_json(PaymentFaultsState, self._c.request("PUT", "/mock/payment-faults", json=body))

    def deliver_notifications(self) -> int:
        """Send every queued payment notification now; returns how many."""
        return int(self._c.request("POST", "/mock/payments/deliver")["delivered"])

    # --- captchas, SMS, enrolment -----------------------------------------------------------------
    def captcha_answer(self, captcha_id: str) -> str:
        return str(self._c.request("GET", f"/mock/captchas/{captcha_id}")["answer"])

    def sms_outbox(self, phone: str | None = None, limit: int = 50) -> list[SmsMessage]:
        params: dict[str, Any] = {"limit": limit}
        if phone:
            params["phone"] = phone
        return list_from_json(SmsMessage, self._c.request("GET", "/mock/sms", params=params))

    def approve_enrolment(self, application_no: str) -> Enrolment:
        return from_json(Enrolment, self._c.request("POST", f"/mock/enrolments/{application_no}/approve"))
