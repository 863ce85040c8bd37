"""The generated docs (docs/model-card.md, the claims section of docs/benchmarks.md) render
from their templates and typed results, here from the shipped cards and constructed results."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(REPO / "bench"))

    def load(name: str) -> ModuleType:
        return importlib.import_module(name)

    return load


def _scores(macro_f1: float, auc: float = 0.7, coverage: float = 0.98) -> dict:
    return {
        "n": 500.0,
        "coverage": coverage,
        "macro_f1": macro_f1,
        "accuracy": 0.6,
        "share_scored_reliable": 0.5,
        "ece": 0.12,
        "auc": auc,
    }


def _loco(with_baseline: bool) -> dict:
    folds = {
        "politifact": {"veracity": _scores(0.553, 0.607, 0.948), "majority": _scores(0.346)},
        "gossipcop": {"veracity": _scores(0.641, 0.707, 0.983), "majority": _scores(0.369)},
    }
    summary = {"veracity": {"mean_macro_f1": 0.597, "worst_macro_f1": 0.553, "mean_auc": 0.657}}
    if with_baseline:
        folds["politifact"]["plain_tfidf_lr"] = _scores(0.692)
        folds["gossipcop"]["plain_tfidf_lr"] = _scores(0.650)
        summary["plain_tfidf_lr"] = {"mean_macro_f1": 0.671, "worst_macro_f1": 0.650}
        summary["veracity"]["min_margin_over_tfidf"] = -0.139
    return {
        "folds": folds,
        "summary": summary,
        "pooled": {"veracity": _scores(0.617, 0.682)},
        "coverage_english_news": 0.991,
        "scope_tradeoff": [],
        "seconds": 187.0,
    }


@pytest.mark.parametrize("with_baseline", [True, False])
def test_model_card_shows_the_loco_run_and_the_shipped_cards(bench, with_baseline):
    report = bench("reliability_report")
    from veracity.models.artefact import load_artefact

    card = report.ReliabilityCard.model_validate(load_artefact().card.model_dump())
    deep = report.ReliabilityCard.model_validate(load_artefact(depth="deep").card.model_dump())
    text = report.model_card(report.LocoResult.model_validate(_loco(with_baseline)), card, deep)

    assert text.startswith("# Model card: veracity reliability models (fast and deep paths)\n")
    assert text.endswith(
        "side of 0.5 even where the ranking inside it is fair (see AUC beside macro-F1).\n"
        "- Style cues can be imitated: a carefully written fabrication can score reliable.\n"
    )
    assert "mean macro-F1 0.597 over 2\nheld-out corpora (worst 0.553; " in text
    assert f'- Fast path (`depth="fast"`, batch): `{card.model_version}`' in text
    assert f'- Deep path (`depth="deep"`): `{deep.model_version}`' in text
    assert f"**unreliable** below {card.thresholds.unreliable_below:.2f}" in text
    assert f"{card.training_rows.total:,} articles from the LOCO fold corpora" in text
    for name, sha in card.training_data_manifest.items():
        assert f"| `{name}` | `{sha}` |\n" in text
    if with_baseline:
        assert "plain TF-IDF+LR 0.671, worst 0.650" in text
        assert "| politifact | 0.553 | 0.607 | 94.8% | 0.692 | 0.346 |\n" in text
        assert (
            "| smallest margin over TF-IDF+LR on a fold | -0.139 | ≥ +0.08 | **missed** |" in text
        )
    else:
        assert "in the selection runs the TF-IDF text model alone reached 0.554" in text
        assert "| politifact | 0.553 | 0.607 | 94.8% | not measured | 0.346 |\n" in text
        assert (
            "| smallest margin over TF-IDF+LR on a fold | not measured | ≥ +0.08 | **missed** |"
            in text
        )
    assert "| coverage on English news (share scored) | 0.991 | ≥ 0.95 | met |" in text
    assert "Pooled out-of-fold: ECE 0.120, AUC 0.682." in text
    assert "{{" not in text and "{%" not in text


def test_model_card_and_benchmarks_set_the_prior_calibration_beside_the_shipped_one(bench):
    report = bench("reliability_report")
    from veracity.models.artefact import load_artefact

    loco = _loco(True)
    loco["summary"]["veracity_prior_calibrated"] = {
        "mean_macro_f1": 0.527,
        "worst_macro_f1": 0.368,
        "mean_auc": 0.657,
    }
    loco["pooled"]["veracity_prior_calibrated"] = _scores(0.5) | {"ece": 0.034}
    loco["pooled"]["plain_tfidf_lr"] = _scores(0.6) | {"ece": 0.16}
    loco["pooled_predictions"] = {"veracity": {"y": [1, 1, 1, 0], "p": [0.6, 0.7, 0.4, 0.3]}}
    loco["reliable_share"] = {"politifact": 0.53, "gossipcop": 0.58}
    card = report.ReliabilityCard.model_validate(load_artefact().card.model_dump())
    deep = report.ReliabilityCard.model_validate(load_artefact(depth="deep").card.model_dump())
    text = report.model_card(report.LocoResult.model_validate(loco), card, deep)
    assert "pooled ECE 0.034 against 0.120, but mean\n   macro-F1 0.527 (worst 0.368)" in text
    table = "\n".join(report._calibration(loco))
    assert "from 0.53 (politifact) to 0.58 (gossipcop); pooled, 0.75." in table
    assert "| 0.527 | 0.368 | 0.034 | 50.0% |" in table
    assert "| plain TF-IDF+LR (its own probabilities) | 0.671 | 0.650 | 0.160 |" in table


def _match_system(precision: float, recall: float, probability: float | None = None) -> dict:
    kind = {"precision": precision, "recall": recall, "false_positives": 4}
    return {
        "thresholds": {
            "lexical_jaccard": 0.6,
            "semantic_cosine": 0.8,
            "match_probability": probability,
        },
        **{
            k: kind
            for k in ("all", "real_paraphrases", "fnc1_rewording", "liar_recheck", "liar_rewrite")
        },
    }


def _claims_results() -> dict:
    systems = (
        "shipped",
        "hybrid",
        "hybrid_without_guard",
        "old_thresholds",
        "minhash_only",
        "dense_only",
        "hybrid_screened",
        "hybrid_screened_dev",
        "hybrid_dev",
        "shipped_dev",
    )
    debunks = {name: _match_system(0.97, 0.5) for name in systems}
    debunks["shipped"] = _match_system(0.967, 0.738, probability=0.74)
    debunks["dense_only"]["thresholds"]["lexical_jaccard"] = 1.5  # MinHash off
    f1 = {"agree": 0.5, "disagree": 0.2, "discuss": 0.7, "unrelated": 0.97}
    verdicts = {"supported": 0.6, "refuted": 0.2, "disputed": 0.1, "not_enough_evidence": 0.5}
    return {
        "debunks": {
            "dev_queries": 656,
            "test_queries": 700,
            "matches_per_s": 41.6,
            "screen": {
                "min_similarity": 0.25,
                "dev_embedded_share": 0.9,
                "test_embedded_share": 0.93,
            },
            **debunks,
        },
        "stance": {
            "pairs": 5000,
            "pairs_per_s": 88.8,
            "model": {
                "fnc_score": 1234.5,
                "fnc_max": 1500.25,
                "fnc_ratio": 0.823,
                "accuracy": 0.9,
                "f1": f1,
            },
            "majority_baseline": {
                "fnc_score": 300.0,
                "fnc_max": 1500.25,
                "fnc_ratio": 0.2,
                "accuracy": 0.7,
                "f1": f1,
            },
        },
        "evidence_stance": {
            "held_out_claims": 153,
            "held_out_pairs": 765,
            "unrelated_pairs": 300,
            "pairs": {
                name: {"accuracy_labelled": 0.6, "macro_f1_labelled": 0.5, "f1": f1}
                for name in ("model", "fnc1_model", "majority_baseline")
            },
            "claims": {
                "model": {"accuracy": 0.505, "macro_f1": 0.4, "f1": verdicts},
                "fnc1_model": {"accuracy": 0.414, "macro_f1": 0.3, "f1": verdicts},
                "majority_baseline": {
                    "accuracy": 0.3,
                    "macro_f1": 0.1,
                    "f1": verdicts,
                    "label": "supported",
                },
            },
        },
    }


def test_claims_section_renders_every_part_that_was_run(bench):
    claims = bench("claims")
    results = claims.ClaimsBenchResults.model_validate(_claims_results())
    card = claims.FactcheckCard(records={"liar": 12791, "imported": 3})
    text = claims.render_markdown(results, card)

    assert text.startswith(claims.MARK_START + "\nGenerated by ")
    assert text.endswith("\n" + claims.MARK_END)
    assert "never shipped): liar 12,791, imported 3 statements. 700 test queries (656 dev" in text
    # no thresholds on the card: the operating point named is the cosine rule's
    assert "MinHash Jaccard >= 0.60 or cosine >= 0.80, and never when" in text
    assert (
        "| shipped: MinHash + re-ranked dense candidates + guard | 0.60 / p 0.74 | 0.967 |"
        " 0.738 | 0.967 / 0.738 | 0.738 | 0.738 | 0.738 | 4 |"
    ) in text
    assert "| baseline: dense only (+ guard) | - / 0.80 |" in text
    assert "Speed: 42 claims matched/s" in text
    assert "| two-stage HGB (shipped) | 1234.5 / 1500.2 | **0.823** | 0.900 |" in text
    assert "| evidence head (shipped) | **0.505** | 0.400 |" in text
    assert "| baseline: majority (supported) | 0.300 | 0.100 |" in text
    assert "## Retrieval" not in text  # not run

    with_card = claims.render_markdown(
        results,
        claims.FactcheckCard(
            records={"liar": 1},
            thresholds={"lexical_jaccard": 0.7, "semantic_cosine": 0.8, "match_probability": 0.74},
        ),
    )
    assert (
        "MinHash Jaccard >= 0.70 or re-ranker probability >= 0.74 (`verify/matcher.py`" in with_card
    )
    empty = claims.render_markdown(claims.ClaimsBenchResults(), claims.FactcheckCard())
    assert empty == (
        f"{claims.MARK_START}\nGenerated by `.venv/bin/python bench/claims.py --write`"
        f" (2 shared CPU cores, one thread).\n\n{claims.MARK_END}"
    )
