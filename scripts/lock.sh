#!/usr/bin/env bash
# Regenerate the hash-pinned lock files from pyproject.toml (run after changing dependencies).
# CPU torch is pinned explicitly so the resolver never picks a CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
    --unsafe-package veracity --constraint scripts/cpu-torch.txt \
    --output-file requirements.lock pyproject.toml
.venv/bin/python -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
    --extra test --constraint requirements.lock \
    --output-file requirements-test.lock pyproject.toml
