"""A test or demo server's rule numbers tuned from the environment (ZIKAO_BACKEND_SETTINGS, backend_mock/cli.py)."""

from __future__ import annotations

import json

import pytest

from backend_mock import cli
from backend_mock.settings import Mode


def test_tuned_settings_reach_a_test_server(monkeypatch: pytest.MonkeyPatch) -> None:
    tuned = {"waiting_room_poll_min_seconds": 1, "waiting_room_expected_visit_seconds": 3}
    monkeypatch.setenv(cli.SETTINGS_ENV, json.dumps(tuned))
    settings = cli.settings_for(Mode.TEST)
    assert settings.waiting_room_poll_min_seconds == 1
    assert settings.waiting_room_expected_visit_seconds == 3
    assert settings.mode is Mode.TEST


def test_without_the_variable_the_defaults_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cli.SETTINGS_ENV, raising=False)
    settings = cli.settings_for(Mode.DEMO)
    assert settings.waiting_room_poll_min_seconds == 5
    assert settings.auto_approve_enrolment is True


def test_a_production_server_refuses_tuning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli.SETTINGS_ENV, json.dumps({"waiting_room_capacity": 1}))
    with pytest.raises(SystemExit, match="ZIKAO_BACKEND_SETTINGS"):
        cli.settings_for(Mode.PRODUCTION)
