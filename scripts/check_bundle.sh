#!/usr/bin/env bash
# Build the Linux program with PyInstaller (scripts/build.py → dist/zikao/) and run its self-test
# offscreen: the packaged program must start the embedded backend, log in, open every module and
# render a PDF, exactly like `python -m desktop --self-test`.  scripts/test.sh runs this before the
# tests; it takes about a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

# The only place this check does not run: where PyInstaller cannot build a Linux program.
if [ "$(uname -s)" != "Linux" ]; then
    echo "check_bundle: SKIPPED — this check builds the Linux program and runs only on Linux (here: $(uname -s))." >&2
    echo "check_bundle: on Windows run: python scripts/build.py; dist\\zikao\\zikao.exe --self-test" >&2
    exit 0
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "check_bundle: FAILED — PyInstaller is not installed in .venv (bash scripts/venv.sh dev installs it)." >&2
    exit 1
fi

"$PY" scripts/build.py
echo "check_bundle: running dist/zikao/zikao --self-test (offscreen)"
out=$(QT_QPA_PLATFORM=offscreen timeout 180 dist/zikao/zikao --self-test) || {
    code=$?
    echo "$out"
    echo "check_bundle: FAILED — the packaged program's self-test exited $code (reason above)." >&2
    exit 1
}
echo "$out"
if ! grep -q "all checks passed" <<<"$out"; then
    echo "check_bundle: FAILED — the self-test exited 0 but did not report 'all checks passed'." >&2
    exit 1
fi
# the goal of issue 18 (issue 10 had 150 MB): at most 120 MB on disk (a dependency creeping into the bundle shows here)
size=$("$PY" -c "import sys; sys.path.insert(0, 'scripts'); import build; print(build.bundle_size()[0])")
if [ "$size" -gt 120000000 ]; then
    echo "check_bundle: FAILED — the bundle is $((size / 1000000)) MB on disk, over the 120 MB limit (see build.spec EXCLUDES/DROP)." >&2
    exit 1
fi
echo "check_bundle: OK ($((size / 1000000)) MB on disk)"
