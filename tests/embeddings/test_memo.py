"""Inside a sharing scope the shared graph runs each distinct text once, and every encoder
call gives what it gives without the scope (pooled vectors, last states, a lower layer's)."""

from __future__ import annotations

import numpy as np

from veracity.embeddings import get_encoder
from veracity.embeddings.encoder import LOWER_LAYER, get_layer_encoder
from veracity.embeddings.memo import LAST, TokenStateMemo, active_memo, sharing_token_states

SENTENCES = [
    "An Al-Nusra Front commander recently confirmed these claims.",
    "The corrupt elites in Washington will stop at nothing to destroy our great nation, and "
    "everyone who has watched the last ten years of politics knows exactly what they want!",
    "Officials said the meeting would take place on Tuesday.",
    "Why?",
    "",
    "Officials said the meeting would take place on Tuesday.",
]


def _real_states(batches) -> dict[int, list[np.ndarray]]:  # type: ignore[no-untyped-def]
    """Each text's states per output over its real tokens only (padding left out)."""
    out: dict[int, list[np.ndarray]] = {}
    for index, outputs, mask in batches:
        outputs = outputs if isinstance(outputs, list) else [outputs]
        for row, at in enumerate(index):
            n = int(mask[row].sum())
            assert mask[row, :n].all() and not mask[row, n:].any()
            out[int(at)] = [o[row, :n].copy() for o in outputs]
    return out


def _every_call() -> tuple[np.ndarray, dict, dict, np.ndarray]:  # type: ignore[type-arg]
    """What the deep path's stages ask for: pooled vectors (sentence heads, matching), last
    token states (check-worthiness heads), a lower layer's states with the last (span tagger),
    then pooled vectors again."""
    pooled = get_encoder().encode(SENTENCES)
    last = _real_states(get_encoder().token_states(SENTENCES[::-1]))
    lower = _real_states(get_layer_encoder(LOWER_LAYER).all_token_states(SENTENCES))
    again = get_encoder().encode(SENTENCES[:3])
    return pooled, last, lower, again


def test_each_distinct_text_runs_once_and_every_output_is_unchanged(
    graph_rows: list[tuple[int, ...]],
) -> None:
    without = _every_call()
    runs_without = len(graph_rows)
    graph_rows.clear()
    with sharing_token_states() as memo:
        shared = _every_call()
    assert active_memo() is None
    distinct = len(set(SENTENCES))
    assert len(graph_rows) == distinct == len(set(graph_rows)) == len(memo)
    assert runs_without == 3 * len(SENTENCES) + 3
    # bit for bit: a row's states do not depend on the rows batched with it
    assert np.array_equal(without[0], shared[0]) and np.array_equal(without[3], shared[3])
    for before, after in ((without[1], shared[1]), (without[2], shared[2])):
        assert before.keys() == after.keys() == set(range(len(SENTENCES)))
        for at, outputs in before.items():
            assert len(outputs) == len(after[at])
            assert all(np.array_equal(a, b) for a, b in zip(outputs, after[at], strict=True))
    # the lower layer really is another tensor, so serving it from the memo means something
    assert not np.allclose(shared[2][0][0], shared[2][0][1], atol=0.1)


def test_scopes_nest_and_end(graph_rows: list[tuple[int, ...]]) -> None:
    with sharing_token_states() as outer:
        get_encoder().encode(SENTENCES[:2])
        with sharing_token_states() as inner:
            assert inner is outer
            get_encoder().encode(SENTENCES[:2])
        assert active_memo() is outer
    assert len(graph_rows) == 2
    get_encoder().encode(SENTENCES[:2])
    assert len(graph_rows) == 4  # no scope, no memo


def test_a_memo_too_small_for_a_request_streams_it_with_the_same_result(
    graph_rows: list[tuple[int, ...]],
) -> None:
    expected = get_encoder().encode(SENTENCES)
    graph_rows.clear()
    with sharing_token_states(max_bytes=4 * 384 * 4) as memo:  # a few tokens' states
        assert np.array_equal(get_encoder().encode(SENTENCES), expected)
        assert len(memo) == 0 and memo.bytes == 0
    assert len(graph_rows) == len(SENTENCES)


def test_the_memo_keeps_its_bound_dropping_the_least_recently_used() -> None:
    row = np.ones((10, 384), dtype=np.float32)  # 15,360 bytes
    memo = TokenStateMemo(max_bytes=3 * row.nbytes)
    for name in "abc":
        memo.put((name, 128), {LAST: row})
    assert memo.get(("a", 128), (LAST,)) is not None  # "a" used last now: "b" goes first
    memo.put(("d", 128), {LAST: row})
    assert memo.get(("b", 128), (LAST,)) is None
    assert all(memo.get((k, 128), (LAST,)) is not None for k in "acd")
    assert memo.bytes == 3 * row.nbytes
    # a text's states kept for the last state only do not answer a request for a lower layer
    assert memo.get(("a", 128), (LAST, 3)) is None
    memo.put(("a", 128), {3: row})
    assert memo.get(("a", 128), (LAST, 3)) is not None and len(memo) == 2
    assert memo.bytes <= memo.max_bytes
    kept = memo.put(("huge", 128), {LAST: np.ones((100, 384), dtype=np.float32)})
    assert kept[LAST].shape == (100, 384) and memo.get(("huge", 128), (LAST,)) is None
    assert not kept[LAST].flags.writeable  # served states cannot be changed by a reader
