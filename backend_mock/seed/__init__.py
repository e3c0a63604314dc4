"""Deterministic seed data for the mock backend: reference data, sessions, demo accounts."""

from backend_mock.seed.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from backend_mock.seed.generate import SeedSummary, seed_database
from backend_mock.seed.photos import make_photo

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoAccount", "SeedSummary", "make_photo", "seed_database"]
