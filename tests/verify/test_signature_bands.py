"""The numpy MinHash LSH of the fact-check store gives datasketch's MinHashLSH candidates."""

from __future__ import annotations

import numpy as np

from tests.verify.test_factchecks import _datasketch_candidates
from veracity.verify.factchecks import SignatureBands, lsh_bands, minhash_signatures

STATEMENTS = [
    "Says the Annies List political group supports third-trimester abortions on demand.",
    "When did the decline of coal start? It started when natural gas took off.",
    "Hillary Clinton agrees with John McCain by voting to give George Bush the benefit of the doubt on Iran.",
    "Health care reform legislation is likely to mandate free sex change surgeries.",
    "The economic turnaround started at the end of my term.",
    "The Chicago Bears have had more starting quarterbacks in the last 10 years than the total number of tenured (UW) faculty fired during the last two decades.",
    "Jim Dunnam has not lived in the district he represents for years now.",
    "I'm the only person on this stage who has worked actively just last year passing, along with Russ Feingold, some of the toughest ethics reform since Watergate.",
    "However, it took $19.5 million in Oregon Lottery funds for the Port of Newport to eventually land the new NOAA Marine Operations Center-Pacific.",
    "Says GOP primary opponents Glenn Grothman and Joe Leibham cast a compromise vote that cost $788 million in higher electricity costs.",
]


def test_candidates_equal_datasketch_for_copies_rewordings_and_strangers() -> None:
    signatures = minhash_signatures(STATEMENTS)
    queries = [
        *STATEMENTS,
        "Says the Annies List political group supports third trimester abortions on demand",
        "The economic turnaround began at the end of my term.",
        "Health care reform is likely to mandate free sex change surgeries for everyone.",
        "Cats sleep for most of the day.",
    ]
    query_signatures = minhash_signatures(queries)
    bands = SignatureBands(signatures)
    found = [bands.query(s) for s in query_signatures]
    assert found == _datasketch_candidates(signatures, query_signatures)
    assert all(i in found[i] for i in range(len(STATEMENTS)))  # every statement finds itself
    assert found[-1] == set()


def test_a_key_collision_never_makes_a_candidate() -> None:
    bands, rows = lsh_bands()
    signatures = minhash_signatures(STATEMENTS[:3])
    index = SignatureBands(signatures)
    # every key equal, the query's too: only the value check can tell records apart
    index.sorted_keys[:] = 0
    index._keys = lambda signatures: np.zeros((len(signatures), bands), dtype=np.uint64)  # type: ignore[method-assign]
    query = signatures[1].copy()
    assert index.query(query) == {1}
    changed = query.reshape(bands, rows).copy()
    changed[:, 0] += np.uint32(1)  # no band of the query equals any record's any more
    assert index.query(changed.ravel()) == set()
