#!/usr/bin/env bash
# Install veracity into ./.venv from the hash-pinned lock file (CPU torch first, so pip never
# pulls a CUDA build). Usage: bash scripts/install.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade "pip>=24"
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-test.lock
fi
.venv/bin/python -m pip check
