#!/usr/bin/env bash
# Installs the program and starts it on the embedded demo backend (or: scripts/start.sh --server URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_packages.sh
bash scripts/venv.sh
exec .venv/bin/zikao "$@"
