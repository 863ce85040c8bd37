"""The deep path's sentence heads: MiniLM sentence vectors, a logistic head per kind."""

import numpy as np
import pytest

from tests.conftest import analysed
from veracity.settings import get_settings
from veracity.signals import detect_signals
from veracity.signals.sentence_heads import (
    HEAD_KINDS,
    SPEC,
    head_probabilities,
    load_sentence_heads,
)
from veracity.signals.sentence_heads_train import (
    ALL_DEV_SPLITS,
    FOLDS,
    choose_head,
    gate_at_rate,
    read_labelled,
    stop_clickbait_unseen,
    threshold_at_rate,
)
from veracity.threads import one_blas_thread


@pytest.fixture(autouse=True, scope="module")
def blas_on_one_thread():
    """BLAS on one thread (suite time): these tests fit many small models, whose products on
    OpenBLAS's two threads wait for each other on a busy 2-core machine."""
    with one_blas_thread():
        yield


# Development sentences the rule detectors miss (hand-labelled positives).
SARCASM = "The media of course is lapping this up and painting his wife and him as victims."
QUESTION = "Is the world ready for President George Clooney?"
PLAIN = (
    "The Federal Reserve raised its benchmark interest rate by a quarter of a percentage point "
    "on Wednesday, its third increase this year. Officials said they expected two more "
    "increases before the end of next year."
)


def test_heads_load_with_a_threshold_each() -> None:
    heads = load_sentence_heads()
    assert set(heads) == set(HEAD_KINDS)
    for head in heads.values():
        assert head["coef"].shape == (384,)
        assert 0.0 < head["threshold"] < 1.0
    metrics = SPEC.read_metrics()
    assert metrics.loaded_oof_recall > metrics.loaded_rule_recall  # type: ignore[attr-defined]


def test_head_probabilities_are_a_logistic_of_the_vectors() -> None:
    head = load_sentence_heads()["loaded_language"]
    vectors = np.stack([head["coef"], -head["coef"]]) / np.linalg.norm(head["coef"])
    high, low = head_probabilities("loaded_language", vectors)
    assert 0.0 < low < high < 1.0
    assert head_probabilities("loaded_language", np.zeros((0, 384))).shape == (0,)


def test_threshold_flags_at_most_the_rate_budget() -> None:
    probabilities = np.array([0.9, 0.8, 0.7, 0.1])
    threshold = threshold_at_rate(probabilities, words=2000, rate=1.0)  # two allowed
    assert (probabilities >= threshold).sum() == 2
    assert threshold_at_rate(probabilities, words=100_000, rate=1.0) == 0.0


def test_training_reads_the_development_part_only() -> None:
    rows = read_labelled()
    assert {r["split"] for r in rows} == {"dev", "dev2"}
    assert {r["kind"] for r in rows} >= set(HEAD_KINDS)


def test_deep_path_flags_a_judgement_no_listed_word_carries() -> None:
    assert detect_signals(analysed(SARCASM, "fast"), names=["loaded_language"]) == []
    [signal] = detect_signals(analysed(SARCASM, "deep"), names=["loaded_language"])
    assert signal.quote == SARCASM and signal.detector == "loaded_language_head"
    assert (
        signal.detail["head_probability"] >= load_sentence_heads()["loaded_language"]["threshold"]
    )
    assert "sentence model" in signal.explanation


def test_deep_path_flags_a_question_the_cues_leave_under_threshold() -> None:
    assert detect_signals(analysed(QUESTION, "fast"), names=["rhetorical_question"]) == []
    [signal] = detect_signals(analysed(QUESTION, "deep"), names=["rhetorical_question"])
    assert signal.quote == QUESTION and signal.detector == "rhetorical_question_head"
    assert "sentence model" in str(signal.detail["cues"])


@pytest.mark.parametrize("kind", HEAD_KINDS)
def test_plain_reporting_is_not_flagged_by_the_heads(kind: str) -> None:
    plain = PLAIN if kind == "loaded_language" else "What time does the meeting start? At 7 p.m."
    assert detect_signals(analysed(plain, "deep"), names=[kind]) == []


def test_deep_path_drops_a_listed_word_in_plain_reporting() -> None:
    # "dismal" and "disaster" are listed words; the head reads these sentences as reporting.
    for text in (
        "The airline offered a dismal outlook, saying it expects the lowest number of "
        "passengers in its history.",
        "The agency told reporters that it had responded to more than one large disaster at "
        "the same time this year.",
    ):
        assert len(detect_signals(analysed(text, "fast"), names=["loaded_language"])) == 1
        assert detect_signals(analysed(text, "deep"), names=["loaded_language"]) == []


def test_gate_drops_the_budget_of_lowest_rated_hits() -> None:
    probabilities = np.array([0.5, 0.001, 0.2, 0.004])
    gate = gate_at_rate(probabilities, words=2000, rate=1.0)  # two hits dropped
    assert (probabilities < gate).sum() == 2 and (probabilities[[1, 3]] < gate).all()
    assert gate_at_rate(probabilities, words=100, rate=1.0) == 0.0
    assert 0.0 < load_sentence_heads()["loaded_language"]["gate"] < 0.1


def _separable(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Development rows whose first feature tells positives apart, a rule that finds half of
    them, and straight-news rows (all negatives) for the negatives and the rate."""
    rng = np.random.default_rng(seed)
    y = np.array([1] * 20 + [0] * 40)
    x = rng.normal(size=(60, 8))
    x[:, 0] += 3.0 * y
    rule = np.zeros(60, dtype=bool)
    rule[:10] = True
    rule[20:22] = True  # two false alarms
    return x, y, rule, rng.normal(size=(400, 8))


def test_candidate_choice_keeps_within_the_precision_it_may_lose() -> None:
    x, y, rule, news = _separable(3)
    groups = np.arange(60) % FOLDS
    args = (x, y, groups, rule, news[:200], news[200:], 100_000, 0.02, None, (0.0,))
    free = choose_head(*args)
    assert free["chosen"]["oof_recall"] > free["rule_recall"] == 0.5
    kept = choose_head(*args, max_precision_drop=0.10)
    floor = kept["rule_precision"] - 0.10
    assert kept["chosen"]["admissible"] and kept["chosen"]["oof_precision"] >= floor
    impossible = choose_head(*args, max_precision_drop=-1.0)  # no setting can gain precision
    assert impossible["chosen"]["admissible"] is False


def test_rows_a_head_may_not_be_fitted_on_are_only_scored() -> None:
    x, y, rule, news = _separable(7)
    groups = np.arange(60) % FOLDS
    trainable = np.arange(60) < 40  # the last 20 rows (negatives) are scored, never fitted on
    args = (groups, rule, news[:200], news[200:], 100_000, 0.02, None, (0.0,))
    far, farther = x.copy(), x.copy()
    far[40:, 1], farther[40:, 1] = 50.0, 100.0  # outliers no fit may see
    fitted = [choose_head(v, y, *args, trainable=trainable) for v in (far, farther)]
    assert np.array_equal(fitted[0]["coef"], fitted[1]["coef"])
    assert fitted[0]["oof_head"].shape == (60,)
    every = [choose_head(v, y, *args)["coef"] for v in (far, farther)]
    assert not np.array_equal(every[0], every[1])


def test_training_may_read_every_development_sample_but_never_the_held_out_half() -> None:
    rows = read_labelled(splits=ALL_DEV_SPLITS)
    assert {r["split"] for r in rows} >= {"dev", "dev2", "dev3", "dev4", "dev6"}
    with pytest.raises(ValueError, match="held-out"):
        read_labelled(splits=("dev", "test"))


def test_a_cue_needed_head_flags_only_rows_with_a_cue() -> None:
    x, y, rule, news = _separable(5)
    groups = np.arange(60) % FOLDS
    cue = np.zeros(60, dtype=bool)  # a "cue" on none of the positives the rule misses
    chosen = choose_head(
        x,
        y,
        groups,
        rule,
        news[:200],
        news[200:],
        100_000,
        20.0,
        None,
        (0.0,),
        cue_rows=(cue, np.ones(200, dtype=bool)),
    )
    by_cue = {
        g["needs_cue"]: g for g in chosen["grid"] if g["C"] == 1.0 and g["negative_weight"] == 0.5
    }
    assert by_cue[True]["oof_head_recall"] == 0.0 and by_cue[True]["oof_recall"] == 0.5
    assert by_cue[False]["oof_recall"] > 0.5


@pytest.mark.data
def test_clickbait_candidates_use_only_headlines_the_headline_model_never_saw() -> None:
    from veracity.signals.clickbait_model import SPEC as CLICKBAIT

    headlines, labels, files = stop_clickbait_unseen(get_settings().data_dir)
    splits = CLICKBAIT.read_card().model_dump()["splits"]  # the model's own split record
    assert len(headlines) == len(labels) == splits["validation"] + splits["test"] == 9600
    assert 0.45 < labels.mean() < 0.55 and all(f.is_file() for f in files)
