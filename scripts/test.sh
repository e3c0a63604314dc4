#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need, lints, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_packages.sh
bash scripts/venv.sh dev
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/mypy
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
