#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need, lints, builds the packaged
# program and runs its self-test, runs the concurrency tests on PostgreSQL, then runs every test
# (pytest's summary stays the last line).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_packages.sh
bash scripts/venv.sh dev
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/mypy
# the packaged program: build it with PyInstaller and run its self-test (about a minute)
bash scripts/check_bundle.sh
# seat holds, idempotency, payments and multi-process serving on PostgreSQL too: a throwaway
# cluster of its own on loopback (Debian's postgresql, installed when missing); ZIKAO_SKIP_POSTGRES=1 skips
if [ "${ZIKAO_SKIP_POSTGRES:-0}" != 1 ]; then
  export ZIKAO_PG_DIR=/tmp/zikao-pg-test ZIKAO_PG_PORT=54330
  trap 'bash scripts/postgres.sh stop' EXIT
  bash scripts/postgres.sh start >/dev/null
  ZIKAO_TEST_DB="postgresql://zikao@127.0.0.1:54330/postgres" QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q \
    tests/api/test_registration_concurrency.py tests/api/test_api_payments.py tests/api/test_api_registration.py \
    tests/api/test_order_state_machine.py tests/api/test_workers.py tests/api/test_waiting_room_workers.py
  bash scripts/postgres.sh stop
  trap - EXIT
fi
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
