#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need, lints, builds the packaged
# program and runs its self-test, then runs every test (pytest's summary stays the last line).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_packages.sh
bash scripts/venv.sh dev
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/mypy
# the packaged program: build it with PyInstaller and run its self-test (about a minute)
bash scripts/check_bundle.sh
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
