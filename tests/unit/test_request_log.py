"""The measure the request-counting tests rely on: serial depth counts chains, not requests."""

from __future__ import annotations

from tests.fixtures.request_log import Sent, serial_depth


def sent(start: float, end: float) -> Sent:
    return Sent("GET", "/x", start, end)


def test_serial_depth_counts_chains_not_requests() -> None:
    assert serial_depth([]) == 0
    assert serial_depth([sent(0.0, 1.0), sent(0.1, 1.1), sent(0.2, 0.9)]) == 1  # at once
    assert serial_depth([sent(0.0, 1.0), sent(1.0, 2.0), sent(2.1, 3.0)]) == 3  # one after another
    assert serial_depth([sent(0.0, 1.0), sent(1.5, 2.0), sent(0.5, 3.0)]) == 2
    assert serial_depth([sent(0, 1), sent(1.5, 2), sent(0.5, 3), sent(2.5, 4)]) == 3
