"""Shared by the benches that choose a verdict rule on development claims
(``bench/denial_stance.py``, ``event_support.py``, ``opposite_outcomes.py``,
``single_support.py``): the CLIMATE-FEVER development claims with their out-of-fold stance
probabilities, the held-out claims (read once, after the choice), passages judged through the
product's ``passage_stance``, the denial set, issue 16's floor, and each bench's command line and
docs section (named after the bench: ``<!-- NAME:start -->``, ``NAME.md.j2``, ``/tmp/NAME.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from _docs import SavedResult, saved_result_cli  # bench/_docs.py
from _templates import render as render_template  # bench/_templates.py

REPO = Path(__file__).resolve().parents[1]
DENIAL_SET = REPO / "tests" / "fixtures" / "denial_set.jsonl"
OPPOSITE_PAIRS = REPO / "tests" / "fixtures" / "opposite_outcome_pairs.jsonl"
EVENT_PAIRS = REPO / "tests" / "fixtures" / "other_event_pairs.jsonl"
DEFECT_PAIRS = REPO / "tests" / "fixtures" / "verdict_defect_pairs.jsonl"
# Issue 16: held-out claim accuracy must stay above the version-1 head's 0.567.
CLIMATE_FEVER_FLOOR = 0.5668
# bench/denial_stance.py caches the development claims' out-of-fold probabilities beside its
# result (--out with the suffix .oof.npy); the other verdict-rule benches read that cache.
SHARED_OOF = Path("/tmp/denial-stance.oof.npy")


def markers(name: str) -> tuple[str, str]:
    """The start and end markers of bench ``name``'s section of docs/benchmarks.md."""
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def rule_section(name: str, result: dict[str, Any], command: str, **context: Any) -> str:
    """Bench ``name``'s docs section: its template rendered from its saved ``result``."""
    start, end = markers(name)
    text = render_template(
        f"{name}.md.j2",
        doc=SavedResult(command=command, result=result),
        start=start,
        end=end,
        **context,
    )
    return text.removesuffix("\n")


def rule_bench_main(
    name: str,
    doc: str | None,
    run: Any,
    section: Any,
    argv: list[str] | None,
    oof: Any = lambda out: SHARED_OOF,
) -> int:
    """Bench ``name``'s command line (:func:`saved_result_cli`): ``run(data_dir, oof_cache)``,
    the out-of-fold probabilities cached at ``oof(out)`` (default: :data:`SHARED_OOF`)."""
    start, end = markers(name)
    return saved_result_cli(
        (doc or "").split("\n")[0],
        lambda data_dir, out: run(data_dir, oof(out)),
        section,
        start,
        end,
        script=f"{name.replace('-', '_')}.py",
        default_out=Path(f"/tmp/{name}.json"),
        argv=argv,
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON-lines fixture."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def fixture_pairs(path: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """A hand-labelled pair fixture: every case, its ``dev`` cases and its ``test`` cases."""
    pairs = read_jsonl(path)
    return (
        pairs,
        [p for p in pairs if p["split"] == "dev"],
        [p for p in pairs if p["split"] == "test"],
    )


@dataclass
class VerdictData:
    """The evidence-stance model and the claims a verdict rule is chosen and reported on."""

    model: Any
    extra_weight: float  # the FNC-1 pairs' weight in the head's training
    held_out: list[dict]
    pools: Any
    fnc: Any
    dev_claims: list[dict]
    dev_gold: list[str]
    oof: np.ndarray  # the development claims' evidence rows, scored out of fold

    def held_out_probabilities(self) -> tuple[np.ndarray, list[str]]:
        """The held-out claims' evidence probabilities and gold verdicts (read once)."""
        from veracity.verify.train_evidence_stance import CLAIM_VERDICT, SPLIT_SEED, pairs_of

        texts, passages, labels = pairs_of(
            self.held_out, seed=SPLIT_SEED + 1, off_topic=self.pools[2]
        )
        n_labelled = int(np.sum(np.asarray(labels) != "unrelated"))
        proba = self.model.predict_proba(texts[:n_labelled], passages[:n_labelled])
        return proba, [CLAIM_VERDICT[claim["claim_label"]] for claim in self.held_out]


def verdict_data(data_dir: Path, oof_cache: Path | None, *, compute: bool = True) -> VerdictData:
    """The shipped head's data split; the out-of-fold probabilities come from ``oof_cache``
    when it exists, else are computed (and saved there) unless ``compute`` is false."""
    from veracity.verify.evidence_stance import (
        EVIDENCE_STANCE_SPEC,
        load_evidence_stance_model,
        pair_features,
    )
    from veracity.verify.train_evidence_stance import (
        CLAIM_VERDICT,
        choice_rows,
        out_of_fold_proba,
        training_sources,
    )

    model = load_evidence_stance_model()
    card = EVIDENCE_STANCE_SPEC.read_card()
    c, extra_weight = float(card.metrics["C"]), float(card.metrics["extra_weight"])
    (train, validation, held_out), pools, (climate, fnc, derived), _ = training_sources(data_dir)
    rows = choice_rows(train, validation, pools, climate, fnc, derived)
    if oof_cache is not None and oof_cache.exists():
        oof = np.load(oof_cache)
    elif not compute:
        raise SystemExit(f"{oof_cache}: run bench/denial_stance.py first (it writes the cache)")
    else:
        features = pair_features(rows.texts, rows.passages, coverage=True)
        weights = np.where(rows.is_extra, extra_weight, 1.0)
        oof = out_of_fold_proba(
            features, rows.labels, rows.claim_of, weights, rows.evidence_rows, c
        )
        if oof_cache is not None:
            np.save(oof_cache, oof)
    if len(oof) != int(rows.evidence_rows.sum()):
        raise SystemExit(f"{oof_cache}: not this split's out-of-fold probabilities")
    dev_claims = train + validation
    return VerdictData(
        model=model,
        extra_weight=extra_weight,
        held_out=held_out,
        pools=pools,
        fnc=fnc,
        dev_claims=dev_claims,
        dev_gold=[CLAIM_VERDICT[claim["claim_label"]] for claim in dev_claims],
        oof=oof,
    )


def climate_fever_scores(verdicts: Any) -> dict[str, float]:
    """The development figures of a candidate's claim verdicts (a ``VerdictMetrics``)."""
    return {
        "accuracy": verdicts.accuracy,
        "macro_f1": verdicts.macro_f1,
        "f1_supported": verdicts.f1["supported"],
        "score": (verdicts.accuracy + verdicts.macro_f1) / 2,
    }


def judged(model: Any, claims: list[str], texts: list[str], **rules: Any) -> list[Any]:
    """Each passage judged towards its claim as the product judges it (``passage_stance``
    with the guard ``rules``: ``denial=``, ``event=``, ``outcome=``)."""
    from veracity.verify.verdict import judged_passages

    proba = model.predict_proba(claims, texts)
    return [
        passage
        for claim, text, row in zip(claims, texts, proba, strict=True)
        for passage in judged_passages(claim, [text], row[None, :], **rules)
    ]


def denial_counts(model: Any, rule: Any, **rules: Any) -> dict[str, int]:
    """Denial set verdicts (under the verdict ``rule``) from the denying + unrelated and the
    confirming + unrelated passages, judged under the guard ``rules``."""
    from veracity.verify.verdict import aggregate

    cases = read_jsonl(DENIAL_SET)
    counts = {
        "claims": len(cases),
        "denied_supported": 0,
        "denied_refuted": 0,
        "confirmed_supported": 0,
    }
    for case in cases:
        texts = [case["confirming"], case["denying"], case["unrelated"]]
        confirming, denying, unrelated = judged(model, [case["claim"]] * 3, texts, **rules)
        denied = aggregate([denying, unrelated], rule).label
        counts["denied_supported"] += denied == "supported"
        counts["denied_refuted"] += denied == "refuted"
        counts["confirmed_supported"] += (
            aggregate([confirming, unrelated], rule).label == "supported"
        )
    return counts


def guard_counts(names: Any, candidate: Any) -> dict[str, Any]:
    """For each of ``names``, inside ``candidate(name)`` (a context manager that sets the rule
    under trial): the verdicts of the dev halves of the opposite-outcome, other-event and
    verdict-defect pairs, one passage each (``{set}_{field}_{label}``, and how many defect pairs
    meet their expectation), and the denial set's counts (``denial_counts``)."""
    from collections import Counter
    from dataclasses import replace

    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.verdict import aggregate

    model = load_evidence_stance_model()
    rule = replace(model.verdict_rule_, min_support=0.0)
    _, opposite, _ = fixture_pairs(OPPOSITE_PAIRS)
    _, event, _ = fixture_pairs(EVENT_PAIRS)
    _, defect, _ = fixture_pairs(DEFECT_PAIRS)
    out: dict[str, Any] = {}
    for name in names:
        counts: Counter[str] = Counter()
        with candidate(name):
            for cases, fields, key in (
                (opposite, ("confirming", "opposite", "side"), "opposite"),
                (event, ("confirming", "other_event"), "event"),
                (defect, ("passage",), "defect"),
            ):
                for field in fields:
                    texts = [c[field] for c in cases]
                    for case, passage in zip(
                        cases, judged(model, [c["claim"] for c in cases], texts), strict=True
                    ):
                        label = aggregate([passage], rule).label
                        counts[f"{key}_{field}_{label}"] += 1
                        if key == "defect":
                            expected = case["expected"]
                            counts["defect_expected_met"] += (
                                label != "supported"
                                if expected == "not_supported"
                                else label == expected
                            )
            counts.update(denial_counts(model, rule))
        out[name] = dict(sorted(counts.items()))
    return out


def fnc_candidate_scores(
    cases: list[dict], verdicts: list[str], before: list[str]
) -> dict[str, Any]:
    """The FNC-1 claim set's dev figures of one candidate rule's ``verdicts``: accuracy,
    macro-F1, inversions (agreeing bodies refuted, disagreeing ones supported) and the cases
    whose verdict differs from ``before`` (the first candidate's)."""
    from veracity.verify.fnc_claims import fnc_claim_scores

    scores = fnc_claim_scores(cases, verdicts)
    return {
        "accuracy": scores["accuracy"],
        "macro_f1": scores["macro_f1"],
        "inversions": sum(
            (c["stance"], v) in {("agree", "refuted"), ("disagree", "supported")}
            for c, v in zip(cases, verdicts, strict=True)
        ),
        "changed": [
            f"{c['stance']} body {c['body_id']}: {b} -> {v} ({c['claim']})"
            for c, b, v in zip(cases, before, verdicts, strict=True)
            if b != v
        ],
    }


def dev_text_pairs(data_dir: Path) -> list[tuple[str, str, str]]:
    """Every development claim / passage pair a cue is tried on one text at a time, as (claim,
    passage, gold): each CLIMATE-FEVER development claim against each of its annotated
    sentences, each FNC-1 claim set dev headline against each sentence of its body."""
    from veracity.verify.fnc_claims import fnc_claim_set
    from veracity.verify.stance import split_sentences

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    pairs = [
        (claim["claim"], e["evidence"], f"CLIMATE-FEVER {e['evidence_label']}")
        for claim in data.dev_claims
        for e in claim["evidences"]
    ]
    pairs += [
        (case["claim"], sentence, f"FNC-1 {case['stance']} body {case['body_id']}")
        for case in fnc_claim_set(data_dir)["dev"]
        for sentence in split_sentences(case["body"])
    ]
    return pairs


def candidate_parts(names: Sequence[str], candidate: Any) -> dict[str, Any]:
    """The development parts of a bench that tries one verdict rule under ``names``, each read
    inside ``candidate(name)`` (a context manager that sets the rule under trial), the first
    name the one the others' changed cases are listed against: ``climate_fever`` (the
    CLIMATE-FEVER train + validation claims under the shipped head's out-of-fold probabilities:
    scores and changed claims), ``fnc1`` (the FNC-1 claim set's dev part:
    :func:`fnc_candidate_scores`) and ``guards`` (:func:`guard_counts`)."""

    def climate_fever(data_dir: Path) -> dict[str, Any]:
        from veracity.verify.train_evidence_stance import VerdictMetrics, claim_verdicts

        data = verdict_data(data_dir, SHARED_OOF, compute=False)
        out: dict[str, Any] = {"claims": len(data.dev_claims)}
        before: list[str] = []
        for name in names:
            with candidate(name):
                verdicts = claim_verdicts(data.dev_claims, data.oof)
            before = before or verdicts
            out[name] = climate_fever_scores(VerdictMetrics.of(data.dev_gold, verdicts))
            out[f"{name} changed"] = [
                f"{gold}: {b} -> {v} ({c['claim']})"
                for c, gold, b, v in zip(
                    data.dev_claims, data.dev_gold, before, verdicts, strict=True
                )
                if b != v
            ]
        return out

    def fnc1(data_dir: Path) -> dict[str, Any]:
        from collections import Counter

        from veracity.verify.fnc_claims import (
            fnc_claim_readings,
            fnc_claim_set,
            fnc_claim_verdicts,
        )

        cases = fnc_claim_set(data_dir)["dev"]
        passages, proba, readings = fnc_claim_readings(cases, k=5)
        out: dict[str, Any] = {"cases": dict(Counter(c["stance"] for c in cases))}
        before: list[str] = []
        for name in names:
            with candidate(name):
                verdicts = fnc_claim_verdicts(cases, passages, proba, readings)
            before = before or verdicts
            out[name] = fnc_candidate_scores(cases, verdicts, before)
        return out

    def guards(_data_dir: Path) -> dict[str, Any]:
        return guard_counts(names, candidate)

    return {"climate_fever": climate_fever, "fnc1": fnc1, "guards": guards}


def switched(rule: str, field: str | None = None) -> Callable[[str], AbstractContextManager[None]]:
    """A candidate for :func:`candidate_parts` whose names are "off" and "on": inside it,
    ``veracity.verify.verdict``'s module-level ``rule`` has ``field`` set to ``name == "on"``
    (a shipped rule's switch; without ``field``, ``rule`` is the switch itself), restored after."""

    @contextmanager
    def candidate(name: str) -> Iterator[None]:
        from veracity.verify import verdict

        kept = getattr(verdict, rule)
        on = name == "on"
        setattr(verdict, rule, replace(kept, **{field: on}) if field else on)
        try:
            yield
        finally:
            setattr(verdict, rule, kept)

    return candidate


def _clear_cues_caches() -> None:
    """Forget what the cached readings of ``veracity.verify.cues`` matched under the other
    candidate (the parses are kept: they do not depend on it)."""
    from veracity.verify import cues

    for name, value in vars(cues).items():
        if name != "_parse" and hasattr(value, "cache_clear"):
            value.cache_clear()


def cues_switched(attr: str, off: Any) -> Callable[[str], AbstractContextManager[None]]:
    """A candidate for :func:`candidate_parts` whose names are "off" and "on": inside "off",
    ``veracity.verify.cues``'s module-level ``attr`` is ``off`` (a switch's False, or a reading
    that never matches); inside "on", the shipped value. The cues' cached readings are cleared on
    entry and exit, so neither candidate reads the other's matches."""

    @contextmanager
    def candidate(name: str) -> Iterator[None]:
        from veracity.verify import cues

        kept = getattr(cues, attr)
        if name == "off":
            setattr(cues, attr, off)
        _clear_cues_caches()
        try:
            yield
        finally:
            setattr(cues, attr, kept)
            _clear_cues_caches()

    return candidate


def parts_cli(parts: dict[str, Any], doc: str | None, argv: list[str] | None) -> int:
    """A bench of named ``parts`` (each ``part(data_dir)`` -> a dict): runs those named by
    ``--only`` (default all), adds each one's CPU seconds and prints the result as JSON."""
    import argparse
    import time

    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(parts))
    args = parser.parse_args(argv)
    data_dir = get_settings().data_dir
    result: dict[str, Any] = {}
    for name in args.only or list(parts):
        started = time.process_time()
        result[name] = parts[name](data_dir)
        result[name]["cpu_seconds"] = round(time.process_time() - started, 1)
    print(json.dumps(result, indent=1))
    return 0


def parsed_once_cli(parts: dict[str, Any], doc: str | None, argv: list[str] | None) -> int:
    """:func:`parts_cli` with one parse per text for the whole run: ``cues._parse`` keeps every
    text it reads (FNC-1 bodies meet several headlines), not only the last 256."""
    from functools import lru_cache

    from veracity.verify import cues

    cues._parse = lru_cache(maxsize=60_000)(cues._parse.__wrapped__)  # type: ignore[assignment]
    return parts_cli(parts, doc, argv)
