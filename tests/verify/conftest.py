"""The fact-check store for the verify tests: this machine's (``veracity setup``) or a fresh one.

The store is data built per machine, never shipped. CI runs ``veracity setup`` before the
tests, so the built store is used; without one (or with a stale one) the session builds its
own into a temporary folder once (about a minute with a warm embedding cache, several on a
cold one) rather than skipping the matching tests.
"""

from __future__ import annotations

import pytest

from veracity.errors import ModelError
from veracity.verify.factchecks import FactCheckStore, load_factcheck_store


@pytest.fixture(scope="session")
def factcheck_store(data_dir, tmp_path_factory) -> FactCheckStore:
    try:
        return load_factcheck_store()
    except ModelError:
        from veracity.verify.calibrate import build_factchecks

        folder = tmp_path_factory.mktemp("factchecks")
        build_factchecks(data_dir, folder)
        return load_factcheck_store(folder)
