"""Identifiers shown as they are read: a batch row's id, an evidence document's id.

An id comes from whoever wrote the corpus (a file name, an ``id`` cell or field) and is written
to terminals, CSV and spreadsheet cells as it is, so it may carry no character a terminal acts on.
"""

from __future__ import annotations

import re

# What an identifier may not carry to a terminal: controls (ESC starts its sequences, C1 ones
# are sequences alone), direction embeddings, overrides and isolates, lone surrogates.
UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown_id(raw: str) -> str:
    """``raw`` with each character of :data:`UNSHOWABLE` written as its escape (``\\x1b``): ids
    stay distinct, none drives the terminal (or the ``cat`` of a results file) that shows it."""
    return UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), raw)
