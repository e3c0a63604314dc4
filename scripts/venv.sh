#!/usr/bin/env bash
# Creates .venv (Python >= 3.11) and installs the project into it with the given extras.
# Usage: scripts/venv.sh [EXTRAS]   e.g. scripts/venv.sh dev
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
py=${PYTHON:-}
if [ -z "$py" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      py=$candidate; break
    fi
  done
fi
[ -n "$py" ] || { echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv 2>/dev/null || {
    # Debian's python3 lacks ensurepip until python3-venv is installed
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      "$py" -m venv .venv
    else
      echo "could not create a virtual environment: install python3-venv" >&2; exit 1
    fi
  }
fi
target="."
[ -n "$extras" ] && target=".[$extras]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e "$target"
