"""The pair head measured for the fact-check re-ranker (bench/match_pair.py): query and
candidate read together by the shared encoder, a logistic head on top."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from veracity.verify.pair_match import PAIR_DIM, PairHead, encode_pairs, margins

# FNC-1-style headline pairs of one story: same claim, or the story told the other way.
SAME = [
    ("Tesla to choose Nevada for battery gigafactory", "Tesla picks Nevada for its gigafactory"),
    ("ISIS beheads American journalist", "Islamic State militants behead US reporter"),
    ("Woman gets third breast to look unattractive", "Woman has third breast implanted"),
    ("Apple to keep gold watches in store safes", "Apple Stores will store gold Watch in safes"),
    ("Banksy arrested in London", "Graffiti artist Banksy arrested by police"),
    ("Dog left on plane for hours", "Dog forgotten aboard a plane for hours"),
]
OPPOSITE = [
    ("Tesla to choose Nevada for battery gigafactory", "Tesla denies Nevada gigafactory report"),
    ("ISIS beheads American journalist", "Beheading video of US reporter is a fake"),
    ("Woman gets third breast to look unattractive", "Three-breasted woman is a hoax"),
    ("Apple to keep gold watches in store safes", "Apple says no safes for gold watches"),
    ("Banksy arrested in London", "Banksy arrest story is a hoax"),
    ("Dog left on plane for hours", "Airline denies dog was left on plane"),
]


def test_margin_is_the_distance_to_the_best_other_candidate():
    logits = np.array([1.0, 3.0, 2.0, 5.0])
    assert margins(logits, [3, 1]).tolist() == [-2.0, 1.0, -1.0, 0.0]


def test_pair_head_tells_the_same_claim_from_the_story_told_the_other_way():
    pairs = SAME + OPPOSITE
    vectors = encode_pairs([a for a, _ in pairs], [b for _, b in pairs])
    assert vectors.shape == (12, PAIR_DIM)
    labels = np.asarray([1] * len(SAME) + [0] * len(OPPOSITE))
    head = PairHead(epochs=40).fit(np.vstack([vectors] * 4), np.tile(labels, 4))
    logits = head.logit(vectors)
    assert logits[: len(SAME)].min() > logits[len(SAME) :].max()
    untrained = PairHead(epochs=0).fit(vectors, labels).logit(vectors)
    assert not untrained[: len(SAME)].min() > untrained[len(SAME) :].max()


def test_pair_features_run_without_torch():
    code = (
        "import sys, numpy as np\n"
        "from veracity.verify.pair_match import PairHead, encode_pairs\n"
        "s = ['Tesla picks Nevada', 'Apple opens a campus']\n"
        "v = encode_pairs(['Tesla chooses Nevada'] * 2, s)\n"
        "PairHead(epochs=2).fit(v, np.array([1, 0])).logit(v)\n"
        "assert 'torch' not in sys.modules, 'torch imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
