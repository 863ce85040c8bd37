"""A claim restated in a document's own voice, and the claim's event negated in a passage's own
voice: where the two verdict rules built for probe s42's cases can change a verdict, on
development data only.

Probe s42: "Patients who took hydroxychloroquine were more likely to die in the hospital" was
**not enough evidence** against a report that states it word for word: the evidence-stance head
reads the passage agree 1.00, but the document-stance model reads the study report agree 0.00,
and only a restatement with the claim's figures kept its support
(``verdict.SHIPPED_RESTATED_SUPPORT`` "figures"); any restatement ("words") was measured and not
kept in stop 39 (FNC-1 discussing bodies that retell a rumour's words became supported).
"statements" (:func:`~veracity.verify.cues.states_plainly`) keeps "figures" for a claim with
figures, and for one without asks a claim that states something (a verb in its parse: not a
headline topic such as "Giant Crab") and a sentence that is not retold from unnamed reports or
sources (``cues.HEARSAY``: "Reports Monday said that ...", "according to sources").

Stop 42 built the negated-event rule ("The repairs were not cancelled" refutes "The bridge
repairs were cancelled in May ...") and left it off: it turned an agreeing FNC-1 dev body
refuted. That body says "Though Trump has publicly said he has not yet made up his mind, Axios
reports he has privately told several people" for "Trump has 'made up his mind to withdraw US
from Paris climate deal' despite saying publicly he will decide next week": the negation is
Trump's public word, reported, which the claim itself mentions. "own_voice" reads only a
negation the sentence states itself (not the complement of a verb before it:
``cues._reported``).

Choice, fixed before the run: a candidate must keep the denial set at 0 denied claims supported
and lose no confirmation there or among the dev pairs, keep the CLIMATE-FEVER development
accuracy and macro-F1 within 0.005 of the rule before, keep the FNC-1 claim set's dev accuracy
within 0.005, and add no inverted verdict (an agreeing body refuted, a disagreeing one
supported; in the denial documents a denied claim supported).

Probe s42: "Chlorine dioxide cures Covid-19 in four days" was refuted (0.72) by a passage about
hydroxychloroquine ("championed by President Trump (without evidence) as a cure for
COVID-19"): the head read its denial words as the claim's. ``DenialRule.elsewhere`` takes the
head's refutation of a passage as no side where its denial is not squarely about the claim
(under the denial rule's coverage) and it never names the claim's subject
(:func:`~veracity.verify.cues.names_subject`); part ``elsewhere`` measures it off and on under
the same rule.

Stop 44: on the CLIMATE-FEVER development claims ``elsewhere`` took one REFUTES evidence
sentence's refutation ("A projected increase of 4.05 degrees Fahrenheit ... by 2065" for "But
observations ... show that increased CO2 levels over the next century will cause modest ...
warming ... (1.8 degrees Fahrenheit)"), its claim refuted -> not enough evidence: the parse's
subject is "observations", what the claim reports is about "increased CO2 levels".
``DenialRule.findings`` reads the subject of the clause the claim's main verb reports too.
Choice, fixed before the run: "on, findings" is wired only if it passes the rule above against
"on" (the rule shipped before it). Part ``elsewhere_passages`` lists the passages and claims
each differs in from "on".

Stop 44, probe s42's FDA claim: "The FDA issued an emergency authorization for hydroxychloroquine
in late March." was refuted (0.82) by "The FDA has cautioned that hydroxychloroquine should be
limited to people in clinical trials ...": the head reads it agree 0.83 on shared words, and its
page, read as disputing the claim (document stance disagree 0.42), turns that support into
refutation, though the passage names none of the claim's event. Part ``event``
(:func:`document_event`) turns a passage's support into refutation through its document only
where the passage names the claim's event (:func:`missing_event`: the main verb's lemma or its
object's, any form); else the support goes to no side. Choice, fixed before the run: the rule
above against off. It failed it (FNC-1 dev accuracy -0.013): not wired.

Parts (development only; no held-out set is read):

- ``elsewhere``: ``DenialRule.elsewhere`` off and on: the CLIMATE-FEVER development claims,
  the FNC-1 claim set's dev part (cases that change listed) and the denial set.
- ``climate_fever``: the CLIMATE-FEVER train + validation claims (the shipped head's out-of-fold
  probabilities, bench/denial_stance.py's cache) under each negated-event candidate (the
  restatement rule reads documents, which these claims have none of).
- ``fnc1``: the FNC-1 claim set's dev part, every case judged as bench/verify.py judges it (5
  retrieved passages, the shipped head and guards, the shipped document model's readings),
  under each candidate; the cases whose verdict changes are listed.
- ``guards``: the dev halves of the opposite-outcome, other-event and verdict-defect pairs (each
  passage alone) and the denial set under each negated-event candidate.
- ``denial_documents``: bench/denial_documents.py's documents (each claim against an index of
  its denying or confirming passage beside two unrelated sentences) under each candidate.

Usage: ``.venv/bin/python bench/voice_rules.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from _verdict_dev import (  # bench/_verdict_dev.py
    DENIAL_SET,
    SHARED_OOF,
    climate_fever_scores,
    denial_counts,
    fnc_candidate_scores,
    guard_counts,
    parsed_once_cli,
    read_jsonl,
    verdict_data,
)

# name -> (RestatementRule.negated_event, restated support of bounded_stance)
CANDIDATES: dict[str, tuple[str | None, str]] = {
    "before": (None, "figures"),
    "negated event: any": ("any", "figures"),
    "negated event: own voice": ("own_voice", "figures"),
    "restated: words": (None, "words"),
    "restated: statements": (None, "statements"),
}
NEGATED = ("before", "negated event: any", "negated event: own voice")


def _denial_rules() -> dict[str, Any]:
    from veracity.verify.verdict import SHIPPED_DENIAL_RULE

    return {
        "off": replace(SHIPPED_DENIAL_RULE, elsewhere=False, findings=False),
        "on": replace(SHIPPED_DENIAL_RULE, elsewhere=True, findings=False),
        "on, findings": replace(SHIPPED_DENIAL_RULE, elsewhere=True, findings=True),
    }


@contextmanager
def negated_event(name: str) -> Iterator[None]:
    """The verdict's shipped restatement rule with candidate ``name``'s negated event."""
    from veracity.verify import verdict

    kept = verdict.SHIPPED_RESTATEMENT_RULE
    verdict.SHIPPED_RESTATEMENT_RULE = replace(kept, negated_event=CANDIDATES[name][0])  # type: ignore[arg-type]
    try:
        yield
    finally:
        verdict.SHIPPED_RESTATEMENT_RULE = kept


def climate_fever(data_dir: Path) -> dict[str, Any]:
    from veracity.verify.cues import negated_event as fires
    from veracity.verify.train_evidence_stance import VerdictMetrics, claim_verdicts

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    out: dict[str, Any] = {"claims": len(data.dev_claims)}
    fired: Counter[str] = Counter()
    for claim in data.dev_claims:
        for evidence in claim["evidences"]:
            label = evidence["evidence_label"]
            fired[f"any {label}"] += bool(
                fires(claim["claim"], evidence["evidence"], reported=True)
            )
            fired[f"own voice {label}"] += bool(fires(claim["claim"], evidence["evidence"]))
    out["fires"] = dict(fired)
    for name in NEGATED:
        with negated_event(name):
            verdicts = claim_verdicts(data.dev_claims, data.oof)
        out[name] = climate_fever_scores(VerdictMetrics.of(data.dev_gold, verdicts))
    return out


def fnc1(data_dir: Path) -> dict[str, Any]:
    from veracity.verify.fnc_claims import (
        fnc_claim_readings,
        fnc_claim_set,
        fnc_claim_verdicts,
    )

    cases = fnc_claim_set(data_dir)["dev"]
    passages, proba, readings = fnc_claim_readings(cases, k=5)
    out: dict[str, Any] = {"cases": dict(Counter(c["stance"] for c in cases))}
    before: list[str] = []
    for name, (_, restated) in CANDIDATES.items():
        with negated_event(name):
            verdicts = fnc_claim_verdicts(cases, passages, proba, readings, restated=restated)
        before = before or verdicts
        out[name] = fnc_candidate_scores(cases, verdicts, before)
    return out


def guards(_data_dir: Path) -> dict[str, Any]:
    return guard_counts(NEGATED, negated_event)


def denial_documents(_data_dir: Path) -> dict[str, Any]:
    from denial_documents import documents  # bench/denial_documents.py
    from veracity.report.schema import EvidencePassage
    from veracity.verify.document_stance import load_document_stance
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.index import EvidenceIndex
    from veracity.verify.verdict import (
        DEFAULT_PASSAGES,
        aggregate,
        bounded_stance,
        reported_elsewhere,
    )

    cases = read_jsonl(DENIAL_SET)
    model = load_evidence_stance_model()
    counts = {name: Counter[str]() for name in CANDIDATES}
    for case, texts in zip(cases, documents(cases), strict=True):
        claim = case["claim"]
        for side, text in texts.items():
            index = EvidenceIndex.build([(side, text)])
            hits = index.search(claim, k=DEFAULT_PASSAGES)
            held = index.documents(hit.passage.document_id for hit in hits)
            readings = load_document_stance().readings(claim, held)
            proba = model.predict_proba([claim] * len(hits), [h.passage.text for h in hits])
            reported = reported_elsewhere(proba, [h.passage.document_id for h in hits])
            for name, (_, restated) in CANDIDATES.items():
                with negated_event(name):
                    passages = [
                        EvidencePassage(
                            document_id=hit.passage.document_id,
                            passage=hit.passage.text,
                            stance=stance,
                            stance_probability=min(1.0, probability),
                            relatedness=relevance,
                            retrieval_score=hit.score,
                            note=note,
                        )
                        for hit, row, elsewhere in zip(hits, proba, reported, strict=True)
                        for stance, probability, relevance, note in [
                            bounded_stance(
                                claim,
                                hit.passage.text,
                                row,
                                readings.get(hit.passage.document_id),
                                elsewhere,
                                restated=restated,  # type: ignore[arg-type]
                            )
                        ]
                    ]
                counts[name][f"{side} {aggregate(passages).label}"] += 1
    return {name: dict(sorted(c.items())) for name, c in counts.items()}


def elsewhere(data_dir: Path) -> dict[str, Any]:
    """``DenialRule.elsewhere`` off (the rule before) and on: the CLIMATE-FEVER development
    claims, the FNC-1 claim set's dev part and the denial set."""
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.fnc_claims import (
        fnc_claim_readings,
        fnc_claim_scores,
        fnc_claim_set,
        fnc_claim_verdicts,
    )
    from veracity.verify.train_evidence_stance import VerdictMetrics, claim_verdicts

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    cases = fnc_claim_set(data_dir)["dev"]
    passages, proba, readings = fnc_claim_readings(cases, k=5)
    model = load_evidence_stance_model()
    rule = replace(model.verdict_rule_, min_support=0.0)
    out: dict[str, Any] = {}
    before: list[str] = []
    for name, denial in _denial_rules().items():
        verdicts = claim_verdicts(data.dev_claims, data.oof, denial=denial)
        fnc = fnc_claim_verdicts(cases, passages, proba, readings, denial=denial)
        scores = fnc_claim_scores(cases, fnc)
        before = before or fnc
        out[name] = {
            "climate_fever": climate_fever_scores(VerdictMetrics.of(data.dev_gold, verdicts)),
            "fnc1": {"accuracy": scores["accuracy"], "macro_f1": scores["macro_f1"]},
            "fnc1_changed": [
                f"{c['stance']} body {c['body_id']}: {b} -> {v} ({c['claim']})"
                for c, b, v in zip(cases, before, fnc, strict=True)
                if b != v
            ],
            "denial_set": denial_counts(model, rule, denial=denial),
        }
    return out


def elsewhere_passages(data_dir: Path) -> dict[str, Any]:
    """Stop 44: what ``DenialRule.elsewhere`` ("on", shipped) changes on the CLIMATE-FEVER
    development claims against "off" and against "on, findings", passage by passage: each
    evidence sentence whose stance differs (its gold label, both notes) and each claim whose
    verdict differs (its gold verdict)."""
    from veracity.verify.train_evidence_stance import judged_claims
    from veracity.verify.verdict import aggregate

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    judged = {
        name: judged_claims(data.dev_claims, data.oof, denial=denial)
        for name, denial in _denial_rules().items()
    }
    changed: Counter[str] = Counter()
    passages, claims = [], []
    for name in ("off", "on, findings"):
        for claim, gold, before, after in zip(
            data.dev_claims, data.dev_gold, judged["on"], judged[name], strict=True
        ):
            for evidence, was, now in zip(claim["evidences"], before, after, strict=True):
                if was.stance != now.stance:
                    changed[
                        f"{name}: {evidence['evidence_label']} {was.stance} -> {now.stance}"
                    ] += 1
                    passages.append(
                        f"{name}: {evidence['evidence_label']}: {was.stance} -> {now.stance} "
                        f"({claim['claim']} | {evidence['evidence']} | {was.note} | {now.note})"
                    )
            verdicts = aggregate(before).label, aggregate(after).label
            if verdicts[0] != verdicts[1]:
                claims.append(f"{name}: {gold}: {verdicts[0]} -> {verdicts[1]} ({claim['claim']})")
    return {"passages changed": dict(changed), "passages": passages, "claims": claims}


@contextmanager
def denial_rule(name: str) -> Iterator[None]:
    """The verdict's shipped denial rule as candidate ``name`` of :func:`_denial_rules`."""
    from veracity.verify import verdict

    kept = verdict.SHIPPED_DENIAL_RULE
    verdict.SHIPPED_DENIAL_RULE = _denial_rules()[name]
    try:
        yield
    finally:
        verdict.SHIPPED_DENIAL_RULE = kept


def elsewhere_guards(_data_dir: Path) -> dict[str, Any]:
    return guard_counts(("on", "on, findings"), denial_rule)


def missing_event(claim: str, passage: str) -> list[str]:
    """The words of the claim's event (its main verb's lemma and the head of its object, or of
    its subject where the verb is passive: "issue", "authorization" of "The FDA issued an
    emergency authorization for ...") when ``passage`` names none of them (by their first five
    letters, any form: "authorized"); empty where it names one, or where the claim's main word
    is no verb ("... is safe", "Giant Crab")."""
    from veracity.verify.cues import _argument, _lemma, _parse

    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None or sentence.root.pos_ != "VERB":
        return []
    root = sentence.root
    words = [_lemma(root)]
    if (thing := _argument(root, ("dobj", "nsubjpass"))) is not None and thing.is_alpha:
        words.append(_lemma(thing))
    named = {token.lower_[:5] for token in _parse(passage)} | {
        _lemma(token)[:5] for token in _parse(passage)
    }
    return [] if any(word[:5] in named for word in words) else words


@contextmanager
def document_event(on: bool) -> Iterator[None]:
    """With ``on``, the verdict's ``bounded_stance`` reads a disputing document (its reading
    "refutes") as one that only takes support (``no_support``) for a passage that names none of
    the claim's event (:func:`missing_event`): its support is no refutation (measured here, not
    wired)."""
    from veracity.verify import verdict

    kept = verdict.bounded_stance

    def bounded(
        claim: str, passage: str, proba: Any, reading: Any, *args: Any, **rules: Any
    ) -> Any:
        if reading is not None and reading.effect == "refutes" and missing_event(claim, passage):
            reading = replace(reading, effect="no_support")
        return kept(claim, passage, proba, reading, *args, **rules)

    if on:
        verdict.bounded_stance = bounded  # type: ignore[assignment]
    try:
        yield
    finally:
        verdict.bounded_stance = kept  # type: ignore[assignment]


def event(data_dir: Path) -> dict[str, Any]:
    """:func:`document_event` off (the rule before) and on: the FNC-1 claim set's dev part
    (cases that change listed) and the denial documents (the CLIMATE-FEVER development claims
    and the pairs read no documents: unchanged by construction)."""
    from veracity.verify.fnc_claims import (
        fnc_claim_readings,
        fnc_claim_set,
        fnc_claim_verdicts,
    )

    cases = fnc_claim_set(data_dir)["dev"]
    passages, proba, readings = fnc_claim_readings(cases, k=5)
    out: dict[str, Any] = {}
    before: list[str] = []
    for on in (False, True):
        with document_event(on):
            verdicts = fnc_claim_verdicts(cases, passages, proba, readings)
        before = before or verdicts
        out["on" if on else "off"] = fnc_candidate_scores(cases, verdicts, before)
    for on in (False, True):
        with document_event(on):
            out[f"{'on' if on else 'off'} denial documents"] = denial_documents(data_dir)[
                "restated: statements"
            ]
    return out


PARTS = {
    "event": event,
    "elsewhere": elsewhere,
    "elsewhere_guards": elsewhere_guards,
    "elsewhere_passages": elsewhere_passages,
    "climate_fever": climate_fever,
    "fnc1": fnc1,
    "guards": guards,
    "denial_documents": denial_documents,
}


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
