"""The deep path's span reading mixes the MPNet span tagger at the card's ``mpnet.mix``: each
token's probability is the weighted sum of the CRF's, the MiniLM taggers' and MPNet's (its own
windows, mixed at the token level); a card without the mix keeps the MiniLM taggers and the CRF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.artefacts import ARTEFACTS, CARD_FILE
from veracity.errors import ModelError
from veracity.propaganda.encoder import encode_segments
from veracity.propaganda.features import tokenize_segment
from veracity.propaganda.model import load_propaganda_model
from veracity.propaganda.neural import TaggerMix, load_mpnet_mix, token_probabilities

TEXT = "They are traitors and cowards, and the whole rotten system protects them."


def _card() -> dict:
    folder = ARTEFACTS["propaganda-tagger"].directory
    return json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))


def test_the_deep_reading_mixes_each_member_at_the_cards_share() -> None:
    mix = _card()["mpnet"]["mix"]
    model = load_propaganda_model()
    assert model.mpnet_ is not None
    assert model.mpnet_weight_ == pytest.approx(mix["mpnet"])
    assert model.neural_weight_ == pytest.approx(sum(mix["minilm_shares"]))
    assert (model.threshold_, model.peak_, model.edge_) == (
        mix["threshold"],
        mix["peak"],
        mix["edge"],
    )
    segment = [(0, len(TEXT))]
    tokens = tokenize_segment(TEXT, 0, len(TEXT))
    neural = model.neural_
    assert isinstance(neural, TaggerMix)
    windows = encode_segments(TEXT, segment, neural.input_layers)[0]
    mpnet_windows = model.mpnet_.windows(TEXT, segment)[0]
    crf = model.token_probabilities([t.text for t in tokens])
    minilm = [
        token_probabilities(windows, member.piece_probabilities(windows), tokens)
        for member in neural.members_
    ]
    mpnet = token_probabilities(
        mpnet_windows, model.mpnet_.piece_probabilities(mpnet_windows), tokens
    )
    mixed = model.sentence_probabilities(tokens, windows, mpnet_windows)
    for k in range(len(tokens)):
        expected = (
            mix["crf"] * crf[k]
            + sum(s * m[k] for s, m in zip(mix["minilm_shares"], minilm, strict=True))
            + mix["mpnet"] * mpnet[k]
        )
        assert mixed[k] == pytest.approx(expected, abs=1e-9)
    assert max(abs(a - b) for a, b in zip(mpnet, crf, strict=True)) > 0.01  # MPNet's own reading
    # the spans the deep path finds are read from that mix
    assert model.find_spans(TEXT, segment)[0] == model.sentence_spans(
        TEXT, tokens, windows, mpnet_windows
    )


def _folder(tmp_path: Path, mpnet: dict | None) -> Path:
    source = ARTEFACTS["propaganda-tagger"].directory
    card = _card()
    if mpnet is None:
        card.pop("mpnet")
    else:
        card["mpnet"] = mpnet
    for name in ("tagger.joblib", "tagger-2.joblib"):
        (tmp_path / name).symlink_to(source / name)
    (tmp_path / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    return tmp_path


def test_an_older_card_without_the_mix_keeps_todays_mix(tmp_path: Path) -> None:
    assert load_mpnet_mix(_folder(tmp_path, None)) is None


def test_a_mix_whose_shares_do_not_sum_to_one_is_one_model_error(tmp_path: Path) -> None:
    mpnet = _card()["mpnet"]
    mpnet["mix"]["crf"] = 0.5
    with pytest.raises(ModelError, match="summing to 1"):
        load_mpnet_mix(_folder(tmp_path, mpnet))


def test_the_cards_mix_says_it_ships_as_the_deep_path_reads_it() -> None:
    # The mix was recorded before its wiring ("chosen_by ... not in the shipped mix"); the deep
    # path reads it since f96c918, so the card says so and says nothing else.
    mix = _card()["mpnet"]["mix"]
    assert load_propaganda_model().mpnet_ is not None
    assert "load_propaganda_model reads this mix" in mix["shipped"]
    assert not any("not in the shipped mix" in str(value) for value in mix.values())
