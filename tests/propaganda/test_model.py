"""Span boundaries: a run of tokens over the threshold is trimmed at its ends to the tokens near
its highest probability (the edge), and training chooses that edge on dev."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.propaganda.features import tokenize_segment
from veracity.propaganda.model import token_runs, trimmed_run, whole_words
from veracity.propaganda.train_tagger import best_edge, edge_grid

SENTENCE = (
    "This is a disgusting, shameful attack on every patriot in the land, "
    "and the cowards who ordered it will pay."
)
# the shipped model's token probabilities of SENTENCE (CRF and MiniLM taggers mixed), rounded:
# the run grows over the threshold (0.25) well past the loaded words at its centre
PROBABILITIES = [
    0.53, 0.52, 0.82, 0.90, 0.72, 0.75, 0.71, 0.59, 0.58, 0.60, 0.51, 0.51,
    0.51, 0.43, 0.48, 0.51, 0.52, 0.44, 0.43, 0.45, 0.47, 0.46, 0.16,
]  # fmt: skip


def _tokens():
    tokens = tokenize_segment(SENTENCE, 0, len(SENTENCE))
    assert len(tokens) == len(PROBABILITIES)
    return tokens


def test_an_edge_trims_a_run_to_the_tokens_near_its_peak() -> None:
    tokens = _tokens()
    whole = token_runs(SENTENCE, tokens, PROBABILITIES, 0.25, 0.35)
    assert [SENTENCE[s:e] for s, e, _ in whole] == [SENTENCE[:-1]]
    trimmed = token_runs(SENTENCE, tokens, PROBABILITIES, 0.25, 0.35, edge=0.6)
    # 0.6 x 0.90: "This is" before and "in the land, and the cowards ... pay" after fall away
    assert [SENTENCE[s:e] for s, e, _ in trimmed] == [
        "a disgusting, shameful attack on every patriot"
    ]
    # the mean is the trimmed run's
    assert trimmed[0][2] == pytest.approx(sum(PROBABILITIES[2:10]) / 8)
    # no edge (or 0) is the untrimmed run
    assert token_runs(SENTENCE, tokens, PROBABILITIES, 0.25, 0.35, edge=0.0) == whole


def test_trimming_keeps_the_peak_and_the_dips_inside() -> None:
    p = [0.3, 0.8, 0.3, 0.9, 0.3]
    assert trimmed_run([0, 1, 2, 3, 4], p, 0.6) == [1, 2, 3]  # the dip between peaks stays
    assert trimmed_run([0, 1, 2, 3, 4], p, 0.99) == [3]  # never less than the highest token
    assert trimmed_run([4], p, 0.6) == [4]


def test_training_chooses_the_edge_that_scores_best_on_dev() -> None:
    tokens = _tokens()
    start = SENTENCE.index("disgusting")
    gold = {"a": [(start, SENTENCE.index(" on every"))]}  # "disgusting, shameful attack"
    grid = edge_grid(
        {"a": SENTENCE}, {"a": [tokens]}, {"a": [PROBABILITIES]}, gold, 0.25, 0.35, [0.0, 0.6, 0.75]
    )
    f1 = {edge: scores["f1"] for edge, (scores, _) in grid.items() if scores is not None}
    assert f1[0.0] < f1[0.6] < f1[0.75]  # 0.75 x 0.90 leaves "a disgusting, shameful attack"
    assert best_edge(grid) == 0.75
    assert all(count == 1 for _, count in grid.values())  # trimming never adds a span
    # ties go to the lower edge, which trims less
    assert best_edge({0.0: ({"f1": 0.5}, 1), 0.6: ({"f1": 0.5}, 1)}) == 0.0
    # without gold: counts only
    assert edge_grid(
        {"a": SENTENCE}, {"a": [tokens]}, {"a": [PROBABILITIES]}, None, 0.25, 0.35, [0.6]
    )[0.6] == (None, 1)


def test_in_quotation_reads_the_marks_opened_earlier_in_the_paragraph() -> None:
    from veracity.propaganda.model import in_quotation

    text = (
        "The mayor called it a tragedy.\n"
        "\u201cWe are devastated, and it is a tragedy,\u201d she said. Critics call it a tragedy.\n"
        '"It is a tragedy," he said.'
    )
    spans = [text.find("tragedy", k) for k in (0, 40, 80, text.find('"It'))]
    inside = [in_quotation(text, s, s + len("tragedy")) for s in spans]
    assert inside == [False, True, False, True]


def test_a_quoted_span_must_reach_the_quoted_floor() -> None:
    from veracity.propaganda.model import QUOTED_FLOOR, PropagandaModel

    quoted = '"This is a disgusting attack," he said.'
    plain = "This is a disgusting attack, he said."

    class Fixed(PropagandaModel):
        def sentence_probabilities(self, tokens, windows=None, mpnet_windows=None):  # type: ignore[no-untyped-def]
            return [0.36 if t.text == "disgusting" else 0.1 for t in tokens]

    for floor, kept in ((None, 1), (QUOTED_FLOOR, 0)):
        model = Fixed(None, None, 0.25, peak=0.35, quoted_floor=floor)  # type: ignore[arg-type]
        assert len(model.sentence_spans(quoted, tokenize_segment(quoted, 0, len(quoted)))) == kept
        # the same words outside a quotation keep their span whatever the floor
        assert len(model.sentence_spans(plain, tokenize_segment(plain, 0, len(plain)))) == 1


@pytest.mark.parametrize("damage", ["cut short", "grown", "a pipe"])
def test_a_damaged_tagger_file_is_one_model_error_not_a_crash(tmp_path: Path, damage: str) -> None:
    """Hostile round 11, attack 8: CRFsuite reads a model by the offsets its header gives and
    checks none, so a tagger file cut short (an interrupted copy or install, a full disk) killed
    the process loading it with a segmentation fault (the API server, a batch worker), and a
    pipe at its name hung the load for good; pycrfsuite checks the magic only."""
    import os
    import shutil
    import subprocess
    import sys

    from veracity.propaganda.model import TAGGER_FILE, model_dir

    folder = tmp_path / "propaganda"
    shutil.copytree(model_dir(), folder)
    tagger = folder / TAGGER_FILE
    if damage == "cut short":
        tagger.write_bytes(tagger.read_bytes()[:5000])
    elif damage == "grown":
        tagger.write_bytes(tagger.read_bytes() + b"\0" * 64)
    else:
        tagger.unlink()
        os.mkfifo(tagger)
    script = (
        "from pathlib import Path\n"
        "from veracity.propaganda.model import load_propaganda_model\n"
        "try:\n"
        f"    load_propaganda_model(Path({str(folder)!r}))\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    try:
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=90,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("still loading the tagger after 90 s")
    assert result.returncode == 0, (result.returncode, result.stderr[-400:])  # -11: segfault
    assert result.stdout.startswith("ModelError the propaganda tagger"), result.stdout
    assert "veracity train propaganda" in result.stdout


def test_a_tagger_file_changed_in_place_at_its_own_size_is_one_model_error(tmp_path: Path) -> None:
    """Hostile round 11, left: the tagger's header, size and parts were checked (attack 8) but
    not its bytes, so a tagger changed in place at its own size loaded with other weights."""
    import shutil

    from veracity.errors import ModelError
    from veracity.propaganda.model import TAGGER_FILE, load_propaganda_model, model_dir

    folder = tmp_path / "propaganda"
    shutil.copytree(model_dir(), folder)
    tagger = folder / TAGGER_FILE
    data = bytearray(tagger.read_bytes())
    data[len(data) - 4096] ^= 0x01  # one bit of a weight near its end: the same size and parts
    tagger.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"tagger\.crfsuite is not the one its card gives") as e:
        load_propaganda_model.__wrapped__(folder)
    assert str(e.value).endswith("rebuild it with: veracity train propaganda")


def test_a_tagger_file_swapped_after_its_check_is_not_what_loads(tmp_path, monkeypatch) -> None:
    """Hostile round 12: the tagger's header and SHA-256 were checked, then CRFsuite opened the
    file again by its name, so another CRFsuite model put in its place between the two reads
    (or a file cut short: round 11's crash) was loaded unchecked."""
    import shutil

    import pycrfsuite

    import veracity.artefacts as artefacts
    from tests.hostile import SwapsAfterHashing
    from veracity.propaganda.model import TAGGER_FILE, load_propaganda_model, model_dir

    folder = tmp_path / "propaganda"
    shutil.copytree(model_dir(), folder)
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append([{"w": 1.0}, {"v": 1.0}], ["planted", "label"])
    trainer.train(str(tmp_path / "planted.crfsuite"))
    swap = SwapsAfterHashing(folder / TAGGER_FILE, (tmp_path / "planted.crfsuite").read_bytes())
    monkeypatch.setattr(artefacts, "hashlib", swap)
    model = load_propaganda_model.__wrapped__(folder)
    assert swap.swapped
    assert "planted" not in model.tagger_.labels()
    assert model.tagger_.labels() == load_propaganda_model().tagger_.labels()


@pytest.mark.parametrize(
    "bias",
    [{"Doubt": float("nan")}, {"Doubt": "x"}, {"Doubt": None}, {"Doubt": True}, [1.0]],
    ids=str,
)
def test_a_card_whose_technique_biases_are_no_numbers_is_one_model_error(
    tmp_path: Path, bias: object
) -> None:
    """Round 15, attack 1 (left by round 14: the other models' cards keep their own checks
    only): the propaganda card's technique_log_bias was checked for its names only, so text or
    null in it ended the first deep analysis naming a technique in an internal TypeError, and
    NaN made its technique the one named for every span (numpy's argmax takes NaN as the
    highest), silently. Each is the artefact's one error, before any model file is read."""
    import json
    import shutil

    from veracity.artefacts import CARD_FILE
    from veracity.errors import ModelError
    from veracity.propaganda.model import load_propaganda_model, model_dir

    folder = tmp_path / "propaganda"
    shutil.copytree(model_dir(), folder)
    card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    card["technique_log_bias"] = (
        {**card["technique_log_bias"], **bias} if isinstance(bias, dict) else bias
    )
    (folder / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    load_propaganda_model.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"technique_log_bias .*veracity train propaganda$"):
            load_propaganda_model(folder)
    finally:
        load_propaganda_model.cache_clear()


def test_a_run_is_widened_to_whole_words() -> None:
    """Probe s49 S6: spans "squeaky" (of "squeaky-clean") and "2million love nest" (its "£"
    left out): the tokenizer splits a hyphenated word and a sign from its figure, and a run
    over the threshold may stop inside them. A run takes in the rest of each word it cuts; a
    run-together full stop ("nest.It") and a word it does not touch stay out."""
    text = "Her squeaky-clean image hid a £2million love nest.It was sold."
    tokens = tokenize_segment(text, 0, len(text))
    words = [t.text for t in tokens]

    def run_over(*over: str) -> list[str]:
        p = [0.9 if w in over else 0.1 for w in words]
        return [text[s:e] for s, e, _ in token_runs(text, tokens, p, 0.5)]

    assert run_over("squeaky") == ["squeaky-clean"]
    assert run_over("clean") == ["squeaky-clean"]
    assert run_over("2million", "love", "nest") == ["£2million love nest"]
    assert run_over("image", "hid") == ["image hid"]
    # two runs cutting one word between them (the hyphen under the bar) are one span
    assert run_over("squeaky", "clean") == ["squeaky-clean"]


def test_a_run_widened_to_whole_words_stays_in_its_sentence() -> None:
    """A span is widened within its sentence's bounds: a sentence that starts inside what reads
    as one word (texts whose sentences are run together) keeps its own start and end."""
    assert whole_words("pre-war deals", 4, 7) == (0, 7)
    assert whole_words("pre-war deals", 4, 7, 4) == (4, 7)
    assert whole_words("£2million love", 1, 9) == (0, 9)
    assert whole_words("£2million love", 1, 9, 1) == (1, 9)
    assert whole_words("cost 2,500 pounds", 5, 6, 0, 7) == (5, 6)
    assert whole_words("cost 2,500 pounds", 5, 6) == (5, 10)
