"""``longest_non_overlapping``: the one match selection the pattern detectors share."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from veracity.nlp.document import Match, longest_non_overlapping


def _quadratic_reference(matches: list[Match], keep=None) -> list[Match]:
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        _, start, end = match
        if any(start < k_end and end > k_start for _, k_start, k_end in kept):
            continue
        if keep is None or keep(match):
            kept.append(match)
    return kept


spans = st.tuples(st.integers(0, 40), st.integers(0, 10)).map(lambda p: (p[0], p[0] + p[1]))
match_lists = st.lists(
    st.tuples(st.sampled_from("abcdef"), spans).map(lambda m: (m[0], *m[1])), max_size=15
)


@given(match_lists, st.booleans())
def test_same_choice_as_checking_every_kept_match(matches: list[Match], veto: bool) -> None:
    keep = (lambda m: m[0] != "a") if veto else None
    assert longest_non_overlapping(matches, keep) == _quadratic_reference(matches, keep)


def test_longest_wins_and_a_vetoed_match_blocks_nothing() -> None:
    matches = [("short", 0, 3), ("long", 1, 9), ("vetoed", 8, 20), ("after", 10, 12)]
    chosen = longest_non_overlapping(matches, keep=lambda m: m[0] != "vetoed")
    assert chosen == [("long", 1, 9), ("after", 10, 12)]


def test_many_matches_are_chosen_in_near_linear_time() -> None:
    # 20,000 disjoint matches (a 240k-character run of one phrase): checking each against every
    # kept match took about a minute; neighbours only takes well under a second
    matches = [("m", 12 * i, 12 * i + 11) for i in range(20_000)]
    started = time.process_time()
    assert len(longest_non_overlapping(matches)) == 20_000
    assert time.process_time() - started < 5.0
