"""One MiniLM pass per distinct text within a scope: the deep path's shared token states.

On the deep path several stages run the shared encoder over the same sentences of one
article: the loaded-language sentence head (pooled vectors, :func:`veracity.embeddings.embed`),
the propaganda tagger (the states after a lower layer and the last ones, of the same graph),
the check-worthiness heads (the last token states) and fact-check matching (pooled vectors of
the claims, which are sentences). Inside :func:`sharing_token_states` the encoders keep each
text's token states of every graph output they ran (keyed like the disk cache: the text and
the token limit) and serve later requests from them, so each text goes through the graph once
(:meth:`veracity.embeddings.encoder.SentenceEncoder.token_states`). The graph's rows do not
depend on their batch (bit-identical alone or padded among others, ``tests/embeddings``), so
the states served are the ones a fresh pass computes.

The memo lives as long as its scope (the pipeline opens one per article), is held in a
context variable (threads and tasks of the API each see their own), and keeps at most
``max_bytes`` of states, the least recently used dropped first: a long article costs time,
never unbounded memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np

# What one memo may hold: a 1,000-word article's sentences with two layers' states take about
# 5 MB, so 64 MB keeps every sentence of articles of over 10,000 words.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# The name of the last hidden state among a text's outputs; the others are 0-based layer numbers.
LAST = "last"

OutputName = str | int
MemoKey = tuple[str, int]


class TokenStateMemo:
    """Token states by ``(text, token limit)``: ``{output name: (tokens, 384) array}`` per text
    (read-only arrays of the text's real tokens only, no padding), least recently used first out
    when over ``max_bytes``."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[MemoKey, dict[OutputName, np.ndarray]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(
        self, key: MemoKey, outputs: tuple[OutputName, ...]
    ) -> dict[OutputName, np.ndarray] | None:
        """The text's states when all of ``outputs`` are kept, else None."""
        entry = self._entries.get(key)
        if entry is None or any(name not in entry for name in outputs):
            return None
        self._entries.move_to_end(key)
        return entry

    def put(
        self, key: MemoKey, states: Mapping[OutputName, np.ndarray]
    ) -> dict[OutputName, np.ndarray]:
        """Keep ``states`` for the text (merged with what is kept for it already); returns
        the text's states as kept (read-only copies)."""
        entry = dict(self._entries.pop(key, {}))
        self.bytes -= sum(a.nbytes for a in entry.values())
        for name, array in states.items():
            kept = np.array(array, dtype=np.float32)  # a copy: never a view of a batch
            kept.setflags(write=False)
            entry[name] = kept
        size = sum(a.nbytes for a in entry.values())
        if size > self.max_bytes:
            return entry  # larger than the whole memo: computed again if asked again
        self._entries[key] = entry
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self.bytes -= sum(a.nbytes for a in dropped.values())
        return entry


_ACTIVE: ContextVar[TokenStateMemo | None] = ContextVar("veracity_token_state_memo", default=None)


def active_memo() -> TokenStateMemo | None:
    """The memo of the innermost :func:`sharing_token_states` scope, None outside any."""
    return _ACTIVE.get()


@contextmanager
def sharing_token_states(max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[TokenStateMemo]:
    """A scope in which the shared encoders run each distinct text once (see the module).
    Inside an open scope, the open one's memo is used (one article's stages share one)."""
    memo = _ACTIVE.get()
    if memo is not None:
        yield memo
        return
    memo = TokenStateMemo(max_bytes)
    token = _ACTIVE.set(memo)
    try:
        yield memo
    finally:
        _ACTIVE.reset(token)
