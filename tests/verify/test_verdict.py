"""Weighing judged passages into a verdict that cannot invert the truth."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.verify.test_claim_stance import (
    CONVOY_CLAIM,
    CONVOY_DENIAL,
    PENTAGON_CLAIM,
    PENTAGON_DENIAL,
    UNRELATED,
)
from veracity.report.schema import Claim, EvidencePassage
from veracity.verify.cues import without_attribution
from veracity.verify.index import Hit, Passage
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.verdict import (
    ANOTHER_OUTCOME_NOTE,
    BESIDE_NOTE,
    CAUTION_NOTE,
    CHANGE_ELSEWHERE_NOTE,
    CHANGE_NOTE,
    DENIAL_NOTE,
    DENIAL_REFUTES_NOTE,
    ELSEWHERE_NOTE,
    FIGURES_NOTE,
    KEPT_NOTE,
    LEVEL_NOTE,
    MISSING_NAMES_NOTE,
    NEGATED_EVENT_NOTE,
    NEGATED_RESTATEMENT_NOTE,
    NEGATED_STATEMENT_NOTE,
    ONE_PASSAGE_NOTE,
    OPPOSITE_NOTE,
    OPPOSITE_REFUTES_NOTE,
    OTHER_FIGURES_NOTE,
    OTHER_MEASURES_NOTE,
    OTHER_PLACE_NOTE,
    PLAIN_DISCUSSION_NOTE,
    QUESTION_NOTE,
    QUOTED_NOTE,
    REFUTING_GUARDS,
    SAME_MEASURE_NOTE,
    SHIPPED_DENIAL_RULE,
    SHIPPED_EVENT_RULE,
    SHIPPED_FIGURE_RULE,
    SHIPPED_OUTCOME_RULE,
    SHIPPED_RESTATEMENT_RULE,
    UNSTATED_REASON_NOTE,
    DenialRule,
    EventRule,
    FigureRule,
    OutcomeRule,
    RestatementRule,
    VerdictRule,
    aggregate,
    alone_verdicts,
    bounded_stance,
    judge_passage,
    judge_passages,
    passage_stance,
)

RULE = VerdictRule(min_relevance=0.5, min_strength=0.5, dominance=2.0, passage_cap=0.9)


def _passage(stance: str, probability: float = 0.8, relevance: float = 0.9) -> EvidencePassage:
    return EvidencePassage(
        document_id=f"doc-{stance}",
        passage=f"a passage that {stance}",
        stance=stance,
        stance_probability=probability,
        relatedness=relevance,
        retrieval_score=0.1,
    )


def _proba(**values: float) -> np.ndarray:
    return np.asarray([values.get(label, 0.0) for label in STANCE_LABELS])


def test_supporting_passages_support_and_are_listed():
    verdict = aggregate(
        [_passage("supports"), _passage("neutral"), _passage("supports", 0.7)], RULE
    )
    assert verdict.label == "supported"
    assert [p.stance for p in verdict.passages] == ["supports", "supports"]
    assert verdict.passages[0].weight >= verdict.passages[1].weight


def test_refuting_passages_refute():
    verdict = aggregate([_passage("refutes"), _passage("neutral")], RULE)
    assert verdict.label == "refuted"
    assert verdict.passages[0].stance == "refutes"


def test_both_sides_is_disputed():
    verdict = aggregate([_passage("supports", 0.8), _passage("refutes", 0.75)], RULE)
    assert verdict.label == "disputed"
    assert {p.stance for p in verdict.passages} == {"supports", "refutes"}


def test_one_certain_passage_is_not_a_certainty():
    verdict = aggregate([_passage("supports", 1.0, 1.0)], RULE)
    assert verdict.label == "supported"
    assert verdict.confidence <= 0.9
    many = aggregate([_passage("supports", 1.0, 1.0)] * 20, RULE)
    assert many.confidence < 1.0


def test_weakly_related_passages_are_not_enough_evidence():
    verdict = aggregate([_passage("supports", 0.9, 0.3), _passage("supports", 0.9, 0.2)], RULE)
    assert verdict.label == "not_enough_evidence"
    assert "too weakly related" in verdict.explanation
    assert aggregate([], RULE).label == "not_enough_evidence"


def test_a_denial_too_weak_to_refute_says_it_is_no_support_not_a_refutation():
    """The seed's Sputnik claim against the Pentagon's denial: its support, moved to
    "refutes", stays under what the head reads as sideless, so the passage is neutral; its note
    had said "counted as refutation"."""
    claim = "Russian warships killed 30 US officers in Aleppo."
    denial = "The Pentagon said reports that Russian warships killed 30 US officers in Aleppo were false."
    stance, _, _, note = passage_stance(
        claim, denial, _proba(agree=0.3, discuss=0.6, unrelated=0.1)
    )
    assert (stance, note) == (
        "neutral",
        "restates the claim and denies it: never counted as support",
    )
    claim, passage = (
        "The city council approved the budget.",
        "The city council rejected the budget.",
    )
    stance, _, _, note = passage_stance(
        claim, passage, _proba(agree=0.2, discuss=0.2, unrelated=0.6)
    )
    assert (stance, note) == ("neutral", OPPOSITE_NOTE.format("approved -> rejected"))


def test_a_denial_never_counts_as_support_whatever_the_model_says():
    claim = "Russian warships killed 30 US officers in Aleppo."
    denial = "The Pentagon said reports that Russian warships killed 30 US officers in Aleppo were false."
    stance, _, _, note = passage_stance(claim, denial, _proba(agree=0.9, discuss=0.1))
    # it restates the claim and denies it: under the shipped denial rule, a refutation
    assert (stance, note) == ("refutes", DENIAL_REFUTES_NOTE)
    negated = "Russian warships did not kill 30 US officers in Aleppo, the Pentagon said."
    stance, _, _, note = passage_stance(claim, negated, _proba(agree=0.9, discuss=0.1))
    # a plain negation of the claim's event refutes it (the negated-event rule, stop 43) ...
    assert (stance, note) == ("refutes", NEGATED_EVENT_NOTE.format("killed = not kill"))
    # ... and without that rule only loses its support
    before = RestatementRule(negated_verb=True, plain=True)
    stance, _, _, note = passage_stance(
        claim, negated, _proba(agree=0.9, discuss=0.1), restatement=before
    )
    assert (stance, note) == ("neutral", DENIAL_NOTE)
    confirmation = "The Pentagon confirmed that Russian warships killed 30 US officers in Aleppo."
    assert passage_stance(claim, confirmation, _proba(agree=0.9, discuss=0.1))[0] == "supports"


def test_a_passage_without_the_claims_names_never_counts_as_support():
    claim = "The UN aid convoy near Aleppo was bombed with a US Hellfire drone."
    report = "An aid convoy of 31 trucks was attacked near Aleppo on Monday evening."
    stance, _, _, note = passage_stance(claim, report, _proba(agree=0.9, discuss=0.1))
    assert stance == "neutral"
    assert note == MISSING_NAMES_NOTE.format("hellfire, un, us")
    named = "Investigators said a US Hellfire drone bombed the UN aid convoy near Aleppo."
    assert passage_stance(claim, named, _proba(agree=0.9, discuss=0.1)) == (
        "supports",
        0.9,
        1.0,
        None,
    )


def test_a_passage_with_other_figures_never_counts_as_support_under_the_figure_guard():
    claim = "The US-led coalition airstrike killed 62 Syrian soldiers and wounded over 100."
    other = "A coalition airstrike killed 12 Syrian soldiers and wounded 20, monitors said."
    figures, before = EventRule(figures=True), FigureRule()
    stance, _, _, note = passage_stance(
        claim, other, _proba(agree=0.9), event=figures, figures=before
    )
    assert (stance, note) == ("neutral", OTHER_FIGURES_NOTE.format("62"))
    same = "Syria said 62 of its soldiers were killed and more than 100 wounded in the airstrike."
    assert passage_stance(claim, same, _proba(agree=0.9), event=figures)[0] == "supports"
    # measured, not enabled (bench/event_support.py: held-out accuracy under issue 16's floor)
    assert not SHIPPED_EVENT_RULE.figures
    assert passage_stance(claim, other, _proba(agree=0.9), figures=before)[0] == "supports"
    # the shipped figure rule reads the same killing of other soldiers from the parse (stop 42)
    assert passage_stance(claim, other, _proba(agree=0.9))[::3] == (
        "neutral",
        FIGURES_NOTE.format("62 / 12", "never counted as support"),
    )


def test_a_passage_that_states_the_opposite_outcome_refutes_the_claim():
    claim = "The city council rejected the mayor's budget on Tuesday."
    approved = "The city council approved the mayor's budget on Tuesday by a vote of 7 to 2."
    proba = _proba(agree=0.6, discuss=0.3, unrelated=0.1)
    stance, probability, relevance, note = passage_stance(claim, approved, proba)
    assert (stance, note) == ("refutes", OPPOSITE_REFUTES_NOTE.format("rejected -> approved"))
    assert (probability, relevance) == pytest.approx((0.9, 0.9))
    # measured alternatives: no support at all, or only the support probability refutes
    quiet = OutcomeRule(scope="clause")
    assert passage_stance(claim, approved, proba, outcome=quiet)[::3] == (
        "neutral",
        OPPOSITE_NOTE.format("rejected -> approved"),
    )
    only_support = OutcomeRule(scope="clause", refutes=True)
    assert (
        passage_stance(claim, approved, _proba(agree=0.2, discuss=0.7), outcome=only_support)[0]
        == "neutral"
    )
    # read from the parse: a phrasal verb, the council's members
    approved_claim = "The city council approved the mayor's budget on Tuesday."
    thrown_out = "Councillors threw out the mayor's budget on Tuesday by 6 votes to 3."
    stance, probability, relevance, note = passage_stance(approved_claim, thrown_out, proba)
    assert (stance, note) == ("refutes", OPPOSITE_REFUTES_NOTE.format("approved -> threw out"))
    lexicon = OutcomeRule(scope="clause", refutes=True, related=True)
    alone = {"event": EventRule()}  # not the other-outcome rule (stop 42): the lexicon alone
    assert (
        passage_stance(approved_claim, thrown_out, proba, outcome=lexicon, **alone)[0] == "supports"
    )
    # the rules before, and an opposite word about something else: the head's reading stands
    assert passage_stance(claim, approved, proba, outcome=OutcomeRule(), **alone)[0] == "supports"
    side = "The city council rejected the mayor's budget, hours after it approved a road plan."
    assert passage_stance(claim, side, proba) == ("supports", 0.6, pytest.approx(0.9), None)


def test_a_wider_subject_does_not_reverse_a_narrower_claim():
    # probe s46: "Violent crime in Riverton fell 6 percent last year." read disputed (0.79),
    # "Overall reported crime rose 3 percent." refuting it as the opposite outcome for its subject
    claim = "Violent crime in Riverton fell 6 percent last year."
    proba = _proba(agree=0.1, discuss=0.6, unrelated=0.3)
    wider = "Overall reported crime rose 3 percent."
    assert passage_stance(claim, wider, proba)[0] == "neutral"
    before = OutcomeRule(scope="clause", refutes=True, related=True, parsed=True)
    assert passage_stance(claim, wider, proba, outcome=before)[::3] == (
        "refutes",
        OPPOSITE_REFUTES_NOTE.format("fell -> rose"),
    )
    # the bare noun is the wider subject too; the same subject, or a claim about the wider
    # one, is still reversed (the claim's place is not asked of the sentence)
    assert passage_stance(claim, "Crime rose 3 percent.", proba)[0] == "neutral"
    for narrow_claim, passage in (
        (claim, "Violent crime rose 3 percent last year."),
        ("Overall crime in Riverton fell last year.", wider),
        ("Riverton's bus ridership fell last year.", "Bus ridership rose 4 percent last year."),
    ):
        assert passage_stance(narrow_claim, passage, proba)[0] == "refutes", passage


def test_a_job_late_and_over_budget_refutes_a_claim_that_it_was_on_time_and_under_budget():
    # probe s47 (V6): supported (0.66) by the passage saying the opposite of both
    claim = "The bridge on Route 9 was repaired on time and under budget."
    passage = (
        "Route 9 bridge repairs finished\n\nThe county public works department said the Route 9 "
        "bridge repairs were completed two months late and 1.2 million dollars over budget."
    )
    proba = _proba(agree=0.67, discuss=0.2, unrelated=0.13)
    before = replace(SHIPPED_OUTCOME_RULE, plans=False)
    assert passage_stance(claim, passage, proba, outcome=before)[0] == "supports"
    stance, probability, _, note = passage_stance(claim, passage, proba)
    assert (stance, probability) == ("refutes", pytest.approx(0.87))  # its agree and discuss
    assert note == OPPOSITE_REFUTES_NOTE.format("on time -> late, under budget -> over budget")
    # the same outcome, or another job's lateness, is no reversal
    same = "The Route 9 bridge was repaired on time and under budget, the county said."
    assert passage_stance(claim, same, proba)[0] == "supports"
    other = "The county said the Elm Street sewer repairs were completed two months late."
    assert judge_passage(claim, other, proba).note != note
    # schedule and cost said otherwise, either way round
    late = "The Route 9 bridge repairs ran three weeks late."
    for job_claim, job_passage in (
        (late, "The Route 9 bridge repairs were finished ahead of schedule."),
        (
            "The Route 9 bridge repairs came in over budget.",
            "Route 9 bridge repairs stayed within budget.",
        ),
        (
            "The Route 9 bridge repairs were finished on schedule.",
            "The Route 9 bridge repairs were delayed.",
        ),
    ):
        assert passage_stance(job_claim, job_passage, proba)[0] == "refutes", job_passage


def test_a_plain_restatement_the_head_reads_as_discussion_supports_the_claim():
    # probe s47 (V2): the passage states the claim with its figure, read neutral 0.72
    claim = "Unemployment in the county fell to 3.1 percent."
    passage = (
        "The county's unemployment rate fell to 3.1 percent in December 2023, down from 4.4 "
        "percent a year earlier. Most of the new jobs were in health care, logistics and "
        "construction."
    )
    proba = _proba(agree=0.27, disagree=0.01, discuss=0.72)
    before = replace(SHIPPED_RESTATEMENT_RULE, plain_discussion=False)
    assert passage_stance(claim, passage, proba, restatement=before)[0] == "neutral"
    stance, probability, _, note = passage_stance(claim, passage, proba)
    assert (stance, note) == ("supports", PLAIN_DISCUSSION_NOTE)
    assert probability == pytest.approx(0.99)
    # not without the claim's figure, nor where the passage doubts it
    assert passage_stance(claim, passage.replace("3.1", "3.4"), proba)[0] == "neutral"
    doubted = passage.replace("rate fell", "rate reportedly fell")
    assert passage_stance(claim, doubted, proba)[0] == "neutral"


def test_what_the_speaker_called_her_figures_is_not_looked_for():
    # stop 47's fact-checker case: the second part of Councillor Hayes's sentence read not
    # enough evidence beside the labour department's passage (neutral 0.48)
    claim = "unemployment fell to 3.1 percent, figures she called proof that her budget worked."
    passage = (
        "The county's unemployment rate fell to 3.1 percent in December 2023, down from 4.4 "
        "percent a year earlier."
    )
    proba = _proba(agree=0.27, disagree=0.25, discuss=0.4, unrelated=0.08)
    assert passage_stance(claim, passage, proba)[0] == "neutral"
    stated = without_attribution(claim)
    assert stated == "Unemployment fell to 3.1 percent."
    assert passage_stance(stated, passage, proba)[:2] == ("supports", pytest.approx(0.67))


def test_what_others_answered_to_the_claim_is_not_looked_for():
    # stop 48's second fact-checker case: analyze --index read the sentence supported 0.90,
    # decided by the passage that denies it (the head's agree 0.97): the claim's own "denied"
    # made it a claim that reports a denial, which the denial guards leave alone
    claim = (
        "He also said the outbreak was caused by Carver City's water supply, which health "
        "officials denied."
    )
    passage = (
        "Wade County's health officer, Dr. Elena Marsh, on Friday denied reports that the "
        "salmonella outbreak was caused by Carver City's water supply."
    )
    proba = _proba(agree=0.97, disagree=0.01, discuss=0.01, unrelated=0.01)
    stated = without_attribution(claim)
    assert stated == "The outbreak was caused by Carver City's water supply."
    stance, _, _, note = passage_stance(stated, passage, proba)
    assert (stance, note) == ("refutes", DENIAL_REFUTES_NOTE)


def test_a_passage_that_leaves_out_what_the_claim_says_its_event_followed_from_never_supports():
    # the health case (tests/fixtures/health_case): "Halden Foods recalled Brightstart formula
    # after babies fell ill." read supported 0.90 from the recall passage, which gives another
    # reason (a routine test) and nothing of babies falling ill: half of the claim confirmed
    claim = "Halden Foods recalled Brightstart formula after babies fell ill."
    passage = (
        "Halden Foods on Wednesday recalled three lots of its Brightstart infant formula after "
        "a routine test at its Marlow plant found Cronobacter bacteria."
    )
    proba = _proba(agree=0.97, disagree=0.01, discuss=0.01, unrelated=0.01)
    stance, _, _, note = passage_stance(claim, passage, proba)
    assert stance == "neutral"
    assert note == UNSTATED_REASON_NOTE.format("after babies fell ill")
    # the same class: a cause clause the passage does not state
    resigned = "The mayor resigned because the audit found missing funds."
    assert passage_stance(resigned, "The mayor resigned on Monday.", proba)[0] == "neutral"
    # a passage that states the clause too, or a claim without one, is still support
    for claim_, passage_ in (
        (
            claim,
            passage.replace("a routine test at its Marlow plant found", "babies fell ill from"),
        ),
        ("Halden Foods recalled Brightstart formula.", passage),
        (
            "The mayor resigned after the council voted to censure him.",
            "The mayor resigned on Monday after the council censured him.",
        ),
    ):
        assert passage_stance(claim_, passage_, proba)[0] == "supports", claim_


def test_a_claim_stated_whole_beside_a_denial_of_something_else_is_not_denied():
    # stop 48's second fact-checker case and the health case (tests/fixtures/health_case): "Dr.
    # Elena Marsh said the water supply is safe." read refuted 0.77 ("restates the claim and
    # denies it"): she denied the water's role in the outbreak, and her next sentence states
    # the claim. Stop 48's document read "disputes the claim (disagree 0.27)" as a whole, from
    # the same denial: that reading does not move the passage either.
    from veracity.verify.document_stance import DocumentReading

    claim = without_attribution("Dr. Elena Marsh said the water supply is safe.")
    assert claim == "The water supply is safe."
    passage = (
        "Elena Marsh, on Friday denied reports that the salmonella outbreak was caused by "
        "Carver City's water supply. \"The water supply is safe."
    )
    proba = _proba(agree=0.77, disagree=0.01, discuss=0.21, unrelated=0.01)
    assert passage_stance(claim, passage, proba)[:2] == ("supports", pytest.approx(0.77))
    off = replace(SHIPPED_DENIAL_RULE, beside=False)
    assert passage_stance(claim, passage, proba, denial=off)[0] == "refutes"
    disputing = DocumentReading("refutes", 0.27)
    stance, probability, _, note = bounded_stance(claim, passage, proba, disputing)
    assert (stance, probability, note) == (
        "supports",
        pytest.approx(0.77),
        BESIDE_NOTE.format(0.27),
    )
    assert bounded_stance(claim, passage, proba, disputing, denial=off)[0] == "refutes"
    # a denial of the whole claim, or of its predicate, still refutes it beside a restatement,
    # and so does its document's reading
    for denying in (
        "Reports said the water supply is safe. Officials denied reports that the water supply "
        "is safe.",
        "The water supply is safe. Officials denied that the supply was safe.",
    ):
        assert passage_stance(claim, denying, proba)[0] == "refutes", denying
        assert bounded_stance(claim, denying, proba, disputing)[0] == "refutes", denying


def test_a_passage_about_another_measure_never_supports_a_figure_claim_with_measures_on():
    # stop 47's fact-checker case: "The county added 4,200 jobs in 2023." was supported partly
    # (weight 0.60) by the unemployment passage, which gives no figure of jobs. The switch is
    # measured and off (it failed the held-out floor): shipped, the passage still supports.
    claim = "The county added 4,200 jobs in 2023."
    passage = (
        "The county's unemployment rate fell to 3.1 percent in December 2023, down from 4.4 "
        "percent a year earlier."
    )
    proba = _proba(agree=0.6, discuss=0.32, unrelated=0.08)
    assert passage_stance(claim, passage, proba)[0] == "supports"
    on = replace(SHIPPED_EVENT_RULE, measures=True)
    judged = judge_passage(claim, passage, proba, event=on)
    assert (judged.stance, judged.guard) == ("neutral", "other_event")
    assert judged.note == OTHER_MEASURES_NOTE.format("4,200 / 3.1 percent")
    # the claim's figure, a figure near it of another unit, a unit of measure written in
    # another, or a passage with no figure: not read as another measure
    for passage in (
        "Marlow County added 4,200 jobs in 2023, the largest annual gain since 1990.",
        "Employers in the county hired about 4,000 workers in 2023.",
        "The county added jobs in 2023, mostly in health care.",
    ):
        assert passage_stance(claim, passage, proba, event=on)[0] == "supports", passage
    sea = "Sea levels rose 20 cm in the 20th century."
    inches = "The sea rose by 8 inches over the century."
    assert passage_stance(sea, inches, proba, event=on)[0] == "supports"


def test_another_figure_for_the_claims_measure_place_and_time_refutes_it():
    # stop 47's fact-checker case: "fell to 4.2 percent in October" left the 3.9 percent claim
    # not enough evidence (the figure rule's "no_support", and "September" in the sentence)
    claim = "Millbrook's unemployment rate fell to 3.9 percent in October."
    passage = (
        "The state Department of Labor said on Friday that Millbrook's unemployment rate fell to "
        "4.2 percent in October, from 4.5 percent in September. The county's rate was 3.9 "
        "percent."
    )
    proba = _proba(agree=0.01, discuss=0.97, unrelated=0.02)
    off = replace(SHIPPED_FIGURE_RULE, same_measure=False)
    assert passage_stance(claim, passage, proba, figures=off)[0] == "neutral"
    judged = judge_passage(claim, passage, proba)
    assert (judged.stance, judged.guard) == ("refutes", "contradicting_figures")
    assert judged.note == SAME_MEASURE_NOTE.format("3.9 percent / 4.2 percent")
    # the claim's figure; another month; another place's rate; a claim at no stated time; an
    # amount of an event, which may be one of two that month: no refutation from the figure
    for other_claim, other in (
        (claim, "Millbrook's unemployment rate fell to 3.9 percent in October."),
        (claim, "Millbrook's unemployment rate fell to 4.2 percent in September."),
        (claim, "The county's unemployment rate fell to 4.2 percent in October."),
        (
            "The unemployment rate fell to 3.9 percent.",
            "The unemployment rate fell to 4.1 percent.",
        ),
        (
            "The company laid off 5,000 workers in March.",
            "The company laid off 800 workers in March after a fall in orders.",
        ),
    ):
        assert passage_stance(other_claim, other, proba)[0] != "refutes", other


def test_a_passage_giving_another_amount_for_the_claims_change_refutes_it():
    # probe s46: "Overall crime in Riverton went up 40 percent last year." read not enough
    # evidence beside "Overall reported crime rose 3 percent."
    claim = "Overall crime in Riverton went up 40 percent last year."
    passage = "Overall reported crime rose 3 percent."
    proba = _proba(agree=0.1, discuss=0.6, unrelated=0.3)
    judged = judge_passage(claim, passage, proba)
    assert (judged.stance, judged.guard) == ("refutes", "contradicting_figures")
    assert judged.note == CHANGE_NOTE.format("40 percent / 3 percent")
    off = replace(SHIPPED_FIGURE_RULE, changes=False)
    assert passage_stance(claim, passage, proba, figures=off)[0] == "neutral"
    # the figure rounded ("17 percent" for "18 percent"), the other outcome's amount, another
    # subject, another year: no refutation from the amount
    for claim, passage in (
        ("Property taxes went up 18 percent in four years.", "Property taxes rose 17 percent."),
        ("Violent crime fell 16 percent last year.", "Car break-ins rose 22 percent."),
        ("Violent crime fell 16 percent last year.", "Overall reported crime fell 3 percent."),
        ("Prices rose by 5 percent.", "Prices rose 9 percent in 2019."),
    ):
        assert passage_stance(claim, passage, proba)[0] == "neutral", passage
    # the same change by the amount the claim gives: no refutation; the head's discussion of it
    # read as the plain restatement it is (plain_discussion, stop 47)
    same = "Violent crime fell 16 percent last year, the police said."
    assert passage_stance("Violent crime fell 16 percent last year.", same, proba)[0] == "supports"


def test_a_negated_change_is_stated_by_keeping_and_not_refuted_by_other_things_changing():
    # probe s46: "Riverton has not raised its property tax rate since 2020." read refuted (0.65)
    # by a passage on tax bills and assessed values rising, the stating passage neutral (0.83)
    claim = "Riverton has not raised its property tax rate since 2020."
    bills = (
        "Property tax bills have still risen for many homeowners because the county assessor "
        "raised assessed values by an average of 17 percent over four years, the county's "
        "records show."
    )
    kept = (
        "The Riverton City Council voted on Tuesday to keep the property tax rate at 1.12 "
        "percent, the same rate it has set every year since 2020."
    )
    refuting = _proba(disagree=0.65, discuss=0.3, unrelated=0.05)
    neutral = _proba(agree=0.1, discuss=0.83, unrelated=0.07)
    off = replace(SHIPPED_EVENT_RULE, unchanged=False)
    assert passage_stance(claim, bills, refuting, event=off)[0] == "refutes"
    assert passage_stance(claim, kept, neutral, event=off)[0] == "neutral"
    stance, _, _, note = passage_stance(claim, bills, refuting)
    assert (stance, note) == ("neutral", CHANGE_ELSEWHERE_NOTE.format("risen bills, raised values"))
    stance, _, _, note = passage_stance(claim, kept, neutral)
    assert (stance, note) == ("supports", KEPT_NOTE.format("keep rate"))
    # the claim's own thing raised refutes; kept in another year only, or another thing kept,
    # states nothing of it
    raised = "Riverton raised its property tax rate in 2022."
    assert passage_stance(claim, raised, refuting)[0] == "refutes"
    for passage in (
        "The council kept the property tax rate at 1.12 percent in 2023.",
        "The council kept the sales tax at 6 percent every year since 2020.",
    ):
        assert passage_stance(claim, passage, neutral)[0] == "neutral", passage


def test_a_level_against_the_claims_base_year_refutes_its_rise_or_fall():
    # probe s46: "Riverton's bus ridership fell by a third since 2019." read not enough evidence
    # beside "ridership reached 104 percent of its 2019 level"
    claim = "Riverton's bus ridership fell by a third since 2019."
    passage = (
        "Riverton Transit reported that bus ridership reached 104 percent of its 2019 level in "
        "the last fiscal year, with 8.1 million trips."
    )
    proba = _proba(agree=0.1, discuss=0.6, unrelated=0.3)
    judged = judge_passage(claim, passage, proba)
    assert (judged.stance, judged.guard) == ("refutes", "contradicting_figures")
    assert judged.note == LEVEL_NOTE.format("fell since 2019 / 104 percent of its 2019 level")
    off = replace(SHIPPED_FIGURE_RULE, levels=False)
    assert passage_stance(claim, passage, proba, figures=off)[0] == "neutral"
    # under the base year's level for a fall, another base year, another subject, a fall in a
    # year rather than since it: nothing from the level
    for other_claim, passage in (
        (claim, "Bus ridership is at 70 percent of its 2019 level."),
        (claim, "Bus ridership reached 104 percent of its 2015 level."),
        (claim, "Car traffic reached 104 percent of its 2019 level."),
        (
            "Bus ridership fell by a third in 2019.",
            "Bus ridership is at 104 percent of its 2019 level.",
        ),
    ):
        assert passage_stance(other_claim, passage, proba)[0] == "neutral", passage
    rose = "Bus ridership rose by a third since 2019."
    assert passage_stance(rose, "Bus ridership is at 80 percent of its 2019 level.", proba)[0] == (
        "refutes"
    )


def test_a_level_on_the_claims_side_but_far_from_its_amount_refutes_it():
    # probe s46 left: "fell by a third" against "92 percent of its 2019 level" (down 8 percent)
    # read not enough evidence; the side of 100 was all the levels rule read
    claim = "Riverton's bus ridership fell by a third since 2019."
    passage = "Riverton Transit reported that bus ridership reached 92 percent of its 2019 level."
    proba = _proba(agree=0.1, discuss=0.6, unrelated=0.3)
    judged = judge_passage(claim, passage, proba)
    assert (judged.stance, judged.guard) == ("refutes", "contradicting_figures")
    assert judged.note == LEVEL_NOTE.format(
        "fell since 2019 / 92 percent of its 2019 level: down 8 percent, not 33"
    )
    off = replace(SHIPPED_FIGURE_RULE, level_amounts=False)
    assert passage_stance(claim, passage, proba, figures=off)[0] == "neutral"
    # the same amount rounded (a third against 70 or 65 percent), a claim that gives no amount,
    # and a share or a word for the amount ("halved", "by half" against 80 percent)
    for other_claim, level, stance in (
        (claim, 70, "neutral"),
        (claim, 65, "neutral"),
        ("Bus ridership fell since 2019.", 92, "neutral"),
        ("Bus ridership fell 30 percent since 2019.", 75, "neutral"),
        ("Bus ridership fell 30 percent since 2019.", 95, "refutes"),
        ("Bus ridership has halved since 2019.", 80, "refutes"),
        ("Bus ridership fell by half since 2019.", 52, "neutral"),
        ("Bus ridership rose by half since 2019.", 110, "refutes"),
    ):
        text = f"Bus ridership is at {level} percent of its 2019 level."
        assert passage_stance(other_claim, text, proba)[0] == stance, (other_claim, level)


# probe s42 / s45: over ReCOVery's hydroxychloroquine pages the FDA authorisation claim read
# disputed (0.82): USA Today's caution, read as agreeing on shared words, was turned into
# refutation by its page's reading (disagree 0.42)
FDA_CLAIM = "The FDA issued an emergency authorization for hydroxychloroquine in late March."
FDA_CAUTION = (
    "The FDA has cautioned that hydroxychloroquine should be limited to people in clinical "
    "trials, which are carefully overseen, or who are hospitalized, due to concerns about the "
    "potentially dangerous adverse effects. Trump appears to be taking it as a prophylactic, "
    "with the thought it could prevent someone exposed to coronavirus from getting it."
)


def test_a_caution_about_a_thing_takes_no_side_on_whether_it_was_authorised():
    from veracity.verify.document_stance import DocumentReading

    proba = _proba(agree=0.83, disagree=0.02, discuss=0.1, unrelated=0.05)
    disputing = DocumentReading("refutes", 0.42)
    off = replace(SHIPPED_EVENT_RULE, cautions=False)
    assert bounded_stance(FDA_CLAIM, FDA_CAUTION, proba, disputing, event=off)[0] == "refutes"
    stance, _, _, note = bounded_stance(FDA_CLAIM, FDA_CAUTION, proba, disputing)
    assert stance == "neutral"
    assert note == CAUTION_NOTE.format(FDA_CAUTION.split(" Trump")[0])
    assert passage_stance(FDA_CLAIM, FDA_CAUTION, proba)[0] == "neutral"
    # the page's other refutations stand: a caution that names the leave, a passage that states
    # the authorisation revoked; and a claim that is not about a leave is not held to it
    refuting = _proba(agree=0.05, disagree=0.8, discuss=0.1, unrelated=0.05)
    revoked = (
        "The FDA warned on Monday that it had revoked the authorization for hydroxychloroquine."
    )
    assert judge_passage(FDA_CLAIM, revoked, refuting).guard != "caution"
    cures = "Hydroxychloroquine cures COVID-19."
    assert judge_passage(cures, FDA_CAUTION, proba).guard != "caution"
    approved = "The EU approved the vaccine for children under five."
    warned = "Doctors warned that the vaccine should not be given to children under five."
    assert judge_passage(approved, warned, proba).stance == "neutral"


# verify (s35): "The MMR vaccine causes autism." against "the MMR vaccine does not cause autism"
# was not enough evidence: the head reads the negated restatement as "discuss".
def test_a_restatement_with_its_verb_negated_refutes_the_claim():
    claim = "The MMR vaccine causes autism."
    study = (
        "Measles vaccine safety\nLarge studies found that the MMR vaccine does not cause autism."
    )
    proba = _proba(agree=0.05, disagree=0.1, discuss=0.8, unrelated=0.05)
    stance, probability, relevance, note = passage_stance(claim, study, proba)
    assert (stance, note) == ("refutes", NEGATED_RESTATEMENT_NOTE)
    assert (probability, relevance) == pytest.approx((0.95, 0.95))
    before = passage_stance(claim, study, proba, restatement=RestatementRule())
    assert before[:2] == ("neutral", pytest.approx(0.85 / 0.95))  # its support taken away
    # a negation of the subject ("no ... were") is one of its verb too
    members = "American service members were in Aleppo."
    none = "No American service members were in Aleppo at the time, a spokesman said."
    assert passage_stance(members, none, proba)[::3] == ("refutes", NEGATED_RESTATEMENT_NOTE)
    # not a restatement: another verb negated, or a claim word left out
    assert passage_stance(claim, "The MMR vaccine causes autism, studies did not find.", proba)[
        0
    ] == ("neutral")
    # a claim word left out is no restatement, though the claim's event negated for its
    # subject still refutes it (the negated-event rule, stop 43)
    weaker = passage_stance(claim, "The vaccine does not cause autism.", proba)
    assert weaker[::3] == ("refutes", NEGATED_EVENT_NOTE.format("causes = not cause"))


def test_a_support_margin_leaves_weak_support_not_enough_evidence():
    weak = [_passage("supports", 0.55, 1.0)]
    assert aggregate(weak, RULE).label == "supported"
    margin = VerdictRule(min_relevance=0.5, min_strength=0.5, min_support=0.6)
    assert aggregate(weak, margin).label == "not_enough_evidence"
    # support under the margin cannot outvote a refutation that reaches min_strength
    both = [_passage("supports", 0.58, 1.0), _passage("refutes", 0.52, 1.0)]
    assert aggregate(both, margin).label == "refuted"
    assert aggregate(both, RULE).label == "disputed"


def test_one_passage_alone_supports_with_capped_confidence_or_not_at_all():
    one = [_passage("supports", 0.95, 1.0), _passage("neutral")]
    two = [_passage("supports", 0.95, 1.0), _passage("supports", 0.7, 1.0)]
    assert (aggregate(one, RULE).label, aggregate(one, RULE).confidence) == ("supported", 0.9)
    capped = replace(RULE, one_passage_cap=0.45)
    verdict = aggregate(one, capped)
    assert (verdict.label, verdict.confidence) == ("supported", 0.45)
    assert verdict.explanation.endswith(f"{ONE_PASSAGE_NOTE}: confidence at most 0.45")
    # two agreeing passages keep their confidence
    assert aggregate(two, capped).confidence == aggregate(two, RULE).confidence == 0.97
    assert ONE_PASSAGE_NOTE not in aggregate(two, capped).explanation
    needs_two = replace(RULE, min_supporting=2)
    verdict = aggregate(one, needs_two)
    assert verdict.label == "not_enough_evidence"
    assert verdict.explanation.endswith(ONE_PASSAGE_NOTE)
    assert aggregate(two, needs_two).label == "supported"
    # one passage that supports cannot outvote a refutation that reaches min_strength
    assert aggregate([*one, _passage("refutes", 0.6, 1.0)], needs_two).label == "refuted"


def test_reports_of_schema_1_0_are_read():
    claim = Claim.model_validate(
        {
            "text": "x",
            "start": 0,
            "end": 1,
            "score": 0.5,
            "evidence": [
                {
                    "document_id": "d",
                    "passage": "p",
                    "stance": stance,
                    "stance_probability": 0.5,
                    "retrieval_score": 0.1,
                }
                for stance in ("agree", "disagree", "discuss", "unrelated")
            ],
            "verdict": {"label": "supported", "confidence": 1.0, "explanation": "old"},
        }
    )
    assert [e.stance for e in claim.evidence] == ["supports", "refutes", "neutral", "neutral"]
    assert claim.verdict is not None and claim.verdict.passages == []


def _judge(claim: str, *passages: str):
    hits = [Hit(Passage(i, f"doc-{i}", text), 0.03, 1, 1) for i, text in enumerate(passages)]
    judged = judge_passages(claim, hits)
    return judged, aggregate(judged)


@pytest.mark.parametrize(
    ("claim", "denial"), [(PENTAGON_CLAIM, PENTAGON_DENIAL), (CONVOY_CLAIM, CONVOY_DENIAL)]
)
def test_the_issues_denials_never_support_their_claims_with_the_shipped_model(claim, denial):
    judged, verdict = _judge(claim, denial, UNRELATED)
    assert judged[0].stance != "supports"
    assert verdict.label != "supported"
    assert all(p.stance != "supports" for p in verdict.passages)
    assert verdict.confidence < 1.0


def test_a_suspension_never_supports_a_resumption_with_the_shipped_model():
    # issue 16: the evidence fixture's window (convoy-attack-report.txt) supported the claim
    claim = "The United Nations resumed aid convoys to Aleppo."
    suspended = (
        "At least 20 civilians and one aid worker were killed, according to the Red Crescent."
        " The United Nations suspended all aid convoys in Syria after the attack."
    )
    resumed = "The United Nations resumed aid convoys to Aleppo on Monday, a spokesman said."
    assert alone_verdicts([claim, claim], [suspended, resumed]) == ["refuted", "supported"]


def test_a_confirmation_supports_with_a_capped_confidence_and_is_listed():
    confirmation = (
        "Investigators established that the UN aid convoy near Aleppo was struck by a Hellfire"
        " missile fired from a US drone."
    )
    judged, verdict = _judge(CONVOY_CLAIM, confirmation, UNRELATED)
    assert judged[0].stance == "supports"
    assert verdict.label == "supported"
    assert 0 < verdict.confidence < 1.0  # one passage never makes a certainty
    assert [p.document_id for p in verdict.passages] == ["doc-0"]
    assert verdict.passages[0].stance == "supports" and verdict.passages[0].weight > 0


def test_an_unrelated_passage_alone_is_not_enough_evidence():
    judged, verdict = _judge(CONVOY_CLAIM, UNRELATED)
    assert judged[0].stance == "neutral"
    assert verdict.label == "not_enough_evidence"


def test_a_class_scale_shifts_the_balance_before_the_guards():
    claim = "Russian warships killed 30 US officers in Aleppo."
    # a paraphrase: a plain restatement's refutation is read as support whatever the scale
    confirmation = (
        "The Pentagon confirmed the deaths of 30 US officers from Russian fire in Aleppo."
    )
    leaning = _proba(agree=0.45, disagree=0.5, discuss=0.05)
    assert passage_stance(claim, confirmation, leaning)[0] == "refutes"
    assert passage_stance(claim, confirmation, leaning, (1.0, 1.0, 1.0, 1.0))[0] == "refutes"
    stance, probability, _, _ = passage_stance(claim, confirmation, leaning, (2.0, 1.0, 1.0, 1.0))
    assert stance == "supports" and probability == pytest.approx(0.9 / 1.45)
    # However far support is scaled up, a denial never counts as support.
    denial = "The Pentagon said reports that Russian warships killed 30 US officers in Aleppo were false."
    assert passage_stance(claim, denial, leaning, (10.0, 1.0, 1.0, 1.0))[0] != "supports"


def test_the_class_scale_is_chosen_with_the_rule_on_the_claims_given():
    from veracity.verify.train_evidence_stance import (
        NO_SCALE,
        choose_rule,
        choose_scale_and_rule,
        claim_verdicts,
        scale_tuple,
    )

    claims = [
        {
            "claim": "Russian warships killed 30 US officers in Aleppo.",
            "claim_label": "SUPPORTS",
            "evidences": [
                {
                    "evidence_id": "a",
                    "evidence": "The Pentagon confirmed the deaths of 30 US officers from "
                    "Russian fire in Aleppo.",
                    "evidence_label": "SUPPORTS",
                }
            ],
        },
        {
            "claim": "Global sea level fell during the twentieth century.",
            "claim_label": "REFUTES",
            "evidences": [
                {
                    "evidence_id": "b",
                    "evidence": "Global mean sea level rose about 20 centimetres in the "
                    "twentieth century.",
                    "evidence_label": "REFUTES",
                }
            ],
        },
    ]
    # The supported claim's passage leans a little towards disagree: no rule gets it right.
    proba = np.asarray([_proba(agree=0.45, disagree=0.5, discuss=0.05), _proba(disagree=0.9)])
    _, plain = choose_rule(claims, proba)
    assert plain["accuracy"] == 0.5
    scale, scaled_rule, scaled = choose_scale_and_rule(claims, proba)
    assert scale != NO_SCALE and scaled["accuracy"] == 1.0
    assert claim_verdicts(claims, proba, scaled_rule, scale_tuple(scale)) == [
        "supported",
        "refuted",
    ]


def test_a_denial_that_restates_the_claim_refutes_it_under_a_denial_rule():
    claim = "Russian warships killed 30 US officers in Aleppo."
    denial = "The Pentagon said reports that Russian warships killed 30 US officers in Aleppo were false."
    rule = DenialRule(min_coverage=0.5)
    stance, probability, relevance, note = passage_stance(
        claim, denial, _proba(agree=0.8, discuss=0.15, unrelated=0.05), denial=rule
    )
    # the support probability (the claim's content, stated) became refutation
    assert (stance, note) == ("refutes", DENIAL_REFUTES_NOTE)
    assert probability == pytest.approx(0.8) and relevance == pytest.approx(0.95)
    # a denial that restates too little of the claim only loses its support
    loose = "Russian warships were seen off Aleppo. The Pentagon denied that Russian officers died."
    stance, _, _, note = passage_stance(claim, loose, _proba(agree=0.8, discuss=0.2), denial=rule)
    assert (stance, note) == ("neutral", DENIAL_NOTE)
    # without a denial nothing moves, and a rule of coverage above 1 never refutes
    confirmation = "The Pentagon confirmed that Russian warships killed 30 US officers in Aleppo."
    assert passage_stance(claim, confirmation, _proba(agree=0.9, discuss=0.1), denial=rule)[0] == (
        "supports"
    )
    never = DenialRule(min_coverage=1.01)
    assert passage_stance(claim, denial, _proba(agree=0.8, discuss=0.2), denial=never)[0] == (
        "neutral"
    )


# Passages that state the claim with a contracted negation, beside the same words written out.
CONTRACTED_DENIALS = [
    (
        "The city council approved the new stadium budget on Monday.",
        "The city council didn't approve the new stadium budget on Monday, officials said.",
    ),
    (
        "The company has paid the fine imposed by regulators.",
        "The company hasn’t paid the fine imposed by regulators, according to court filings.",
    ),
    (
        "The senator voted for the infrastructure bill.",
        "The senator didn’t vote for the infrastructure bill.",
    ),
    (
        "The vaccine is approved for children under five.",
        "The vaccine isn't approved for children under five, the agency said.",
    ),
    (
        "Police can identify the suspects from the footage.",
        "Police can't identify the suspects from the footage, a spokesman said.",
    ),
]


def test_a_contracted_negation_never_supports_the_claim():
    """'didn't', 'hasn’t' (typographic apostrophe), 'can't': read as the negation they are.
    Before, the stance features and cues did not see them, and the denials were 'supported'."""
    claims = [claim for claim, _ in CONTRACTED_DENIALS]
    contracted = [passage for _, passage in CONTRACTED_DENIALS]
    written = [
        passage.replace("didn't", "did not").replace("didn’t", "did not")
        .replace("hasn’t", "has not").replace("isn't", "is not").replace("can't", "can not")
        for passage in contracted
    ]  # fmt: skip
    judged = alone_verdicts(claims, contracted)
    assert "supported" not in judged
    assert judged == alone_verdicts(claims, written)
    assert alone_verdicts(claims, claims) == ["supported"] * len(claims)


# A passage that reports a failure to do what the claim says was done.
FAILURES_TO_DO = [
    (
        "The new bus lanes reduced traffic in the city centre.",
        "The new bus lanes failed to reduce traffic in the city centre, a council report found.",
    ),
    (
        "The levee prevented flooding in the lower districts.",
        "The levee failed to prevent flooding in the lower districts.",
    ),
    (
        "The program lowered health care costs for retirees.",
        "The program has failed to lower health care costs for retirees.",
    ),
]


def test_a_failure_to_do_never_supports_doing_it():
    """'failed to reduce traffic' against 'reduced traffic' (probe3: supported before)."""
    claims = [claim for claim, _ in FAILURES_TO_DO]
    assert "supported" not in alone_verdicts(claims, [passage for _, passage in FAILURES_TO_DO])
    assert alone_verdicts(claims, claims) == ["supported"] * len(claims)


def test_each_guard_says_which_it_is_and_only_a_refuting_guards_refutation_outlives_its_document():
    """bounded_stance read a guard's refutation from its note text; each guard now names itself."""
    claim = "The MMR vaccine causes autism."
    study = "Large studies found that the MMR vaccine does not cause autism."
    proba = _proba(agree=0.05, disagree=0.1, discuss=0.8, unrelated=0.05)
    judged = judge_passage(claim, study, proba)
    assert judged[:4] == passage_stance(claim, study, proba)
    assert (judged.stance, judged.guard) == ("refutes", "negated_restatement")
    assert judged.guard in REFUTING_GUARDS
    weak = judge_passage(claim, "The MMR vaccine causes autism, studies did not find.", proba)
    assert (weak.stance, weak.guard) == ("neutral", "denial")
    assert weak.guard not in REFUTING_GUARDS
    assert judge_passage(claim, UNRELATED, _proba(unrelated=0.9, discuss=0.1)).guard is None


QUOTED_PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "quoted_claim_pairs.jsonl"


def test_a_passage_that_only_quotes_the_claim_never_supports_it():
    """A debunk quotes the post it debunks: '"Drinking ... bleach ... cures COVID-19 ...," the
    tweet reads.' was the passage that decided "supported" for the claim."""
    claim = "Drinking bleach cures COVID-19."
    quoted = (
        '"Drinking a small amount of bleach every morning cures COVID-19 within days. The '
        "doctors don't want you to know,\" the tweet reads."
    )
    proba = np.asarray([0.9, 0.02, 0.06, 0.02])  # agree, disagree, discuss, unrelated
    judged = judge_passage(claim, quoted, proba)
    assert (judged.stance, judged.note, judged.guard) == ("neutral", QUOTED_NOTE, "quoted")
    assert judged.relevance == pytest.approx(0.98)
    own_words = "Drinking a small amount of bleach cures COVID-19 within days, a trial found."
    assert judge_passage(claim, own_words, proba).stance == "supports"
    # a body's conclusion quoted by a report is its finding, not a post under scrutiny: the
    # broad rule (any quotation) cost held-out CLIMATE-FEVER 0.570 -> 0.554, since Wikipedia
    # quotes the IPCC and the claims' own authors
    concluded = (
        'The IPCC concluded, "drinking a small amount of bleach cures COVID-19 within days".'
    )
    assert judge_passage(claim, concluded, proba).stance == "supports"


def test_no_quoted_claim_of_the_hand_written_pairs_is_supported():
    """tests/fixtures/quoted_claim_pairs.jsonl: 24 claims, each quoted by a post, tweet or
    headline a report cites (no denial in the passage), and stated in a report's own words."""
    pairs = [json.loads(line) for line in QUOTED_PAIRS.read_text(encoding="utf-8").splitlines()]
    claims = [p["claim"] for p in pairs]
    quoted = alone_verdicts(claims, [p["quoted"] for p in pairs])
    confirmed = alone_verdicts(claims, [p["confirming"] for p in pairs])
    assert quoted.count("supported") == 0
    assert confirmed.count("supported") >= len(pairs) - 1


# probe s41: "lift over a million Americans out of poverty" was supported (0.90) by "lift about
# 900,000 people out of poverty"
WAGE_CLAIM = (
    "Raising the minimum wage to $10.10 an hour would lift over a million Americans out of poverty"
)
WAGE_REPORT = (
    "A report found that raising the minimum wage to $10.10 an hour would lift about 900,000 "
    "people out of poverty."
)


def test_a_passage_that_gives_another_figure_for_the_same_thing_never_supports_the_claim():
    proba = _proba(agree=0.6, discuss=0.3, unrelated=0.1)
    note = FIGURES_NOTE.format("over a million / about 900,000", "{}")
    refutes = passage_stance(WAGE_CLAIM, WAGE_REPORT, proba, figures=FigureRule("refutes"))
    assert refutes[::3] == ("refutes", note.format("counted as refutation"))
    assert refutes[1] == pytest.approx(0.6)
    quiet = passage_stance(WAGE_CLAIM, WAGE_REPORT, proba, figures=FigureRule("no_support"))
    assert quiet[::3] == ("neutral", note.format("never counted as support"))
    related = passage_stance(WAGE_CLAIM, WAGE_REPORT, proba, figures=FigureRule("refutes_related"))
    assert related[:2] == ("refutes", pytest.approx(0.9))
    # the rule before: the head's support; figures that meet: the same
    assert passage_stance(WAGE_CLAIM, WAGE_REPORT, proba, figures=FigureRule())[0] == "supports"
    near = WAGE_REPORT.replace("about 900,000", "nearly a million")
    assert passage_stance(WAGE_CLAIM, near, proba, figures=FigureRule("refutes"))[0] == "supports"


def test_a_passage_that_negates_the_claims_event_refutes_it():
    # probe s41: the head read "The repairs were not cancelled" as neutral
    claim = "The bridge repairs were cancelled in May because the contractor went bankrupt"
    passage = "The repairs were not cancelled, a city spokeswoman said in May."
    proba = _proba(agree=0.05, disagree=0.05, discuss=0.85, unrelated=0.05)
    rule = RestatementRule(negated_verb=True, plain=True, negated_event="own_voice")
    stance, probability, _, note = passage_stance(claim, passage, proba, restatement=rule)
    assert (stance, note) == ("refutes", NEGATED_EVENT_NOTE.format("cancelled = not cancelled"))
    assert probability == pytest.approx(0.95)
    before = replace(rule, negated_event=None)
    assert passage_stance(claim, passage, proba, restatement=before)[0] == "neutral"


def test_a_negation_the_claim_itself_reports_does_not_refute_it():
    # stop 42 left the negated-event rule off: it refuted an agreeing FNC-1 dev body whose
    # negation is Trump's public word, which the claim mentions ("despite saying publicly")
    claim = (
        "Trump has 'made up his mind to withdraw US from Paris climate deal' despite saying "
        "publicly he will decide next week"
    )
    passage = (
        "Though Trump has publicly said he has not yet made up his mind, Axios reports he has "
        "privately told several people of his decision, including EPA Administrator Scott Pruitt."
    )
    proba = _proba(agree=0.6, disagree=0.05, discuss=0.3, unrelated=0.05)
    own = RestatementRule(negated_verb=True, plain=True, negated_event="own_voice")
    # the negation still takes the passage's support away (the denial guard): no side
    assert passage_stance(claim, passage, proba, restatement=own)[0] == "neutral"
    anywhere = replace(own, negated_event="any")
    assert passage_stance(claim, passage, proba, restatement=anywhere)[0] == "refutes"


def test_a_passage_that_states_another_outcome_of_the_claims_subject_never_supports_it():
    # probe s41: the council's approval of the repairs supported "Bridge repairs cancelled"
    claim = "Bridge repairs cancelled."
    passage = (
        "Council approves Main Street bridge repairs\nThe city council voted on Tuesday to "
        "approve $12 million for repairs to the Main Street bridge."
    )
    proba = _proba(agree=0.8, discuss=0.15, unrelated=0.05)
    event = EventRule(outcomes="repeatable")
    stance, _, _, note = passage_stance(claim, passage, proba, event=event)
    assert (stance, note) == ("neutral", ANOTHER_OUTCOME_NOTE.format("cancelled / approves"))
    assert passage_stance(claim, passage, proba, event=EventRule())[0] == "supports"
    # a passage the head does not read as support is not parsed for it
    against = _proba(agree=0.3, disagree=0.6, discuss=0.1)
    assert passage_stance(claim, passage, against, event=event)[::3] == ("refutes", None)


def test_a_passage_that_reports_the_claims_event_for_another_place_never_supports_it():
    # probe s43: early voting in Ohio supported (0.77) a claim about Florida's early vote
    claim = "Early voting made up more than half the vote in Florida in 2012."
    passage = (
        "That marks an 8 percent increase. Early voting in Ohio in 2012 and 2008 comprised "
        "some 30 percent of the overall vote."
    )
    proba = _proba(agree=0.77, discuss=0.18, unrelated=0.05)
    stance, _, _, note = passage_stance(claim, passage, proba)  # the shipped rule
    assert (stance, note) == ("neutral", OTHER_PLACE_NOTE.format("Ohio"))
    before = replace(SHIPPED_EVENT_RULE, places=False)
    assert passage_stance(claim, passage, proba, event=before)[0] == "supports"
    # the claim's own place keeps its support
    florida = "Early voting in Florida made up 52 percent of the vote in 2012."
    assert passage_stance(claim, florida, proba)[::3] == ("supports", None)


def test_a_claims_nationality_word_is_its_place():
    # FNC-1 body 2108 agrees with the claim; the place rule read Syria as another place than
    # Britain's, the claim's only place by name
    claim = "Brit teenage jihadi killed in Syrian airstrike as Britain set to enter war"
    passage = "al-Britani has been killed in an airstrike in Syria."
    proba = _proba(agree=0.95, discuss=0.04, unrelated=0.01)
    assert passage_stance(claim, passage, proba)[::3] == ("supports", None)
    names_only = replace(SHIPPED_EVENT_RULE, nationalities=None)
    stance, _, _, note = passage_stance(claim, passage, proba, event=names_only)
    assert (stance, note) == ("neutral", OTHER_PLACE_NOTE.format("Syria"))
    # a place that is neither the claim's nor its nationality word's still takes the support
    iraq = passage.replace("Syria", "Iraq")
    assert passage_stance(claim, iraq, proba)[::3] == ("neutral", OTHER_PLACE_NOTE.format("Iraq"))


def test_a_denial_of_something_else_that_never_names_the_claims_subject_takes_no_side():
    # probe s42: the head refuted "Chlorine dioxide cures Covid-19 in four days" (disagree 0.61)
    # from a passage that denies hydroxychloroquine's evidence, not the claim
    claim = "Chlorine dioxide cures Covid-19 in four days."
    other = (
        "There's yet another new study out this week on hydroxychloroquine, the anti-malaria "
        "drug championed by President Trump (without evidence) as a cure for COVID-19."
    )
    proba = _proba(agree=0.11, disagree=0.61, discuss=0.27, unrelated=0.01)
    stance, _, _, note = passage_stance(claim, other, proba)
    assert (stance, note) == ("neutral", ELSEWHERE_NOTE.format("Chlorine dioxide"))
    # the rule before: the head's refutation; a passage that names the subject keeps it
    before = DenialRule(min_coverage=0.2, negations=False)
    assert passage_stance(claim, other, proba, denial=before)[0] == "refutes"
    named = other.replace("hydroxychloroquine", "chlorine dioxide")
    assert passage_stance(claim, named, proba)[0] == "refutes"


def test_a_negated_statement_on_some_of_the_claims_words_is_not_called_a_denial():
    """Probe s43: "While Ohio traditionally does not have a big early vote, ..." was noted as
    denying "Early voting made up more than half the vote in Florida in 2012." (it shares
    "early" and "vote"): the note says it holds a negation, and it still never supports."""
    claim = "Early voting made up more than half the vote in Florida in 2012."
    passage = (
        "While Ohio traditionally does not have a big early vote, more than 524,000 absentee "
        "ballots had been requested as of this week, according to The Associated Press."
    )
    stance, _, _, note = passage_stance(claim, passage, _proba(agree=0.3, discuss=0.7))
    assert (stance, note) == ("neutral", NEGATED_STATEMENT_NOTE)
    # a negation that holds the claim is still called one
    negated = "Early voting did not make up half the vote in Florida in 2012, the state said."
    before = RestatementRule(negated_verb=False, plain=True)
    stance, _, _, note = passage_stance(
        claim, negated, _proba(agree=0.3, discuss=0.7), restatement=before
    )
    assert (stance, note) == ("neutral", DENIAL_NOTE)


def test_a_negated_statement_on_some_of_the_claims_words_never_refutes_by_a_hair():
    """Stop 49, index version 5's new FNC-1 inversion: a passage whose only negation shares
    some of the claim's words ("refrained from endorsing" beside "his views ... were
    evolving") loses its support; spread over the other labels, the head's refutation beat its
    discussion by 0.01 and refuted a claim the passage never denies. The support goes to
    "discuss": it takes no side."""
    proba = _proba(agree=0.43, disagree=0.29, discuss=0.28)
    for claim, passage in (
        (
            "Pulling out of the Paris climate agreement is the only logical move for President "
            "Trump.",
            "Trump has not said what he will do about Paris; an aide told reporters his views "
            "on the climate deal were evolving.",
        ),
        (
            "Early voting made up more than half the vote in Florida in 2012.",
            "While Ohio traditionally does not have a big early vote, more than 524,000 "
            "absentee ballots had been requested as of this week, according to The Associated "
            "Press.",
        ),
    ):
        stance, probability, _, note = passage_stance(claim, passage, proba)
        assert (stance, note) == ("neutral", NEGATED_STATEMENT_NOTE), passage
        assert probability == pytest.approx(0.71)
        # the rule before: the support spread, the refutation outweighs the discussion
        spread = replace(SHIPPED_DENIAL_RULE, statements=False)
        assert passage_stance(claim, passage, proba, denial=spread)[0] == "refutes"
        # a head that reads the passage as refuting still refutes
        against = _proba(agree=0.2, disagree=0.6, discuss=0.2)
        assert passage_stance(claim, passage, against)[0] == "refutes"


def test_a_denial_of_what_a_claims_finding_is_about_still_refutes_it():
    # CLIMATE-FEVER development claim (refuted): the parse's subject is "observations", what
    # the claim reports is about "increased CO2 levels"; the passage's projected increase
    # refutes it (gold REFUTES), and the elsewhere rule had taken that refutation as no side
    claim = (
        "But observations, such as those on our CO2 Coalition website, show that increased CO2 "
        "levels over the next century will cause modest and beneficial warming\u2014perhaps as "
        "much as one degree Celsius (1.8 degrees Fahrenheit)"
    )
    passage = (
        '"A projected increase of 4.05 degrees Fahrenheit in average temperature is expected by '
        "2065, and a projected increase of 9.37 degrees Fahrenheit in average temperature can be "
        "expected by the turn of the century if nothing is done to curb emissions."
    )
    proba = _proba(agree=0.1, disagree=0.7, discuss=0.15, unrelated=0.05)
    assert passage_stance(claim, passage, proba)[0] == "refutes"
    subject_only = replace(SHIPPED_DENIAL_RULE, findings=False)
    stance, _, _, note = passage_stance(claim, passage, proba, denial=subject_only)
    assert stance == "neutral"
    assert note == ELSEWHERE_NOTE.format("observations, such as those on our CO2 Coalition website")


def test_a_passage_saying_the_evidence_does_not_show_the_claim_refutes_it():
    # probe s44: the FDA's warning was neutral towards the cure claim (the head reads it as
    # agreeing, 0.98, on the claim's words; the negation only took that support away)
    claim = "Hydroxychloroquine cures COVID-19."
    fda = (
        '"Hydroxychloroquine and chloroquine have not been shown to be safe and effective for '
        'treating or preventing COVID-19," the FDA warned.'
    )
    proba = _proba(agree=0.98, disagree=0.003, discuss=0.013, unrelated=0.004)
    stance, _, _, note = passage_stance(claim, fda, proba)
    assert (stance, note) == ("refutes", DENIAL_REFUTES_NOTE)
    # what the evidence shows, stated, still supports
    shown = "Trials have shown that hydroxychloroquine cures COVID-19."
    assert passage_stance(claim, shown, proba)[0] == "supports"


def test_a_passage_that_only_asks_takes_no_side():
    # probe s44: "Can hydroxychloroquine prevent COVID-19? ..." supported the claim; shipped
    # since stop 45 narrowed it (bench/question_rule.py: no development verdict changes)
    claim = "Hydroxychloroquine cures COVID-19."
    passage = "More:Can hydroxychloroquine prevent COVID-19? President Trump thinks maybe."
    proba = _proba(agree=0.79, discuss=0.16, unrelated=0.05)
    asking = SHIPPED_EVENT_RULE
    assert asking.questions
    judged = judge_passage(claim, passage, proba)
    asked = QUESTION_NOTE.format("More:Can hydroxychloroquine prevent COVID-19?")
    assert (judged.stance, judged.note, judged.guard) == ("neutral", asked, "question")
    assert judged.relevance == pytest.approx(0.95)  # related: it asks about the claim
    off = replace(SHIPPED_EVENT_RULE, questions=False)
    assert passage_stance(claim, passage, proba, event=off)[0] == "supports"
    # nor refutation: the head's refutation of a question takes no side either
    against = _proba(agree=0.05, disagree=0.8, discuss=0.1, unrelated=0.05)
    assert passage_stance(claim, passage, against, event=asking)[::3] == ("neutral", asked)
    # a passage that states the claim keeps its support
    stated = "Hydroxychloroquine cures COVID-19, a doctor said."
    assert passage_stance(claim, stated, proba, event=asking)[::3] == ("supports", None)


def test_a_passage_that_reports_the_claim_promoted_does_not_support_it():
    # probe s44 / s45: over ReCOVery's hydroxychloroquine pages the cure claim read disputed
    # (0.78), supported by two passages that only report someone pushing the cure
    claim = "Hydroxychloroquine cures COVID-19."
    proba = _proba(agree=0.53, discuss=0.4, unrelated=0.07)
    assert SHIPPED_EVENT_RULE.advocacy
    for passage, pushed in (
        (
            "Interest in hydroxychloroquine took off when a controversial microbiologist in "
            "France posted a video promoting the use of hydroxychloroquine to treat COVID-19.",
            "promoting",
        ),
        (
            "It is also different from chloroquine, an anti-malaria drug that Trump has at "
            "times suggested as a treatment or preventative for COVID-19.",
            "suggested",
        ),
    ):
        judged = judge_passage(claim, passage, proba)
        assert (judged.stance, judged.guard) == ("neutral", "other_event"), passage
        assert judged.note is not None and judged.note.startswith(
            "reports the claim promoted or suggested, not found"
        )
        assert pushed in judged.note
        off = replace(SHIPPED_EVENT_RULE, advocacy=False)
        assert passage_stance(claim, passage, proba, event=off)[0] == "supports"
    # found, not pushed; or pushed beside a finding: the support stands
    for passage in (
        "A trial found that hydroxychloroquine cures COVID-19 in most patients.",
        "Trump has promoted the drug, and a study found hydroxychloroquine cures COVID-19.",
    ):
        assert passage_stance(claim, passage, proba)[0] == "supports", passage
    # a claim about the pushing itself is not held to it
    pushed_claim = "Trump promoted hydroxychloroquine as a treatment for COVID-19."
    passage = "Trump has promoted hydroxychloroquine as a treatment for COVID-19 for weeks."
    assert passage_stance(pushed_claim, passage, proba)[0] == "supports"


def test_not_enough_evidence_lists_the_nearest_passages_nearest_first():
    """probe s46 (findings 16-17): a not-enough-evidence verdict's "nearest passages" were
    chosen by relevance, then sorted by weight, for a neutral passage its P(neutral): the surest
    unrelated passage (a crime report, weight 0.90) came first, the budget passage that states
    the claim (0.76) second. They stay nearest first (display only: the label is the same)."""
    unrelated = EvidencePassage(
        document_id="crime",
        passage="Overall reported crime rose 3 percent last year.",
        stance="neutral",
        stance_probability=0.99,
        relevance=0.10,
        relatedness=1.0,
        retrieval_score=0.1,
    )
    stating = EvidencePassage(
        document_id="budget",
        passage="The council will keep the property tax rate at 1.12 percent.",
        stance="neutral",
        stance_probability=0.76,
        relevance=0.85,
        relatedness=1.0,
        retrieval_score=0.1,
    )
    verdict = aggregate([unrelated, stating], RULE)
    assert verdict.label == "not_enough_evidence"
    assert [p.document_id for p in verdict.passages] == ["budget", "crime"]


def test_a_thing_said_with_another_amount_is_another_thing():
    # stop 47's fact-checker case: "The council had rejected a 9 percent increase in August."
    # made "... approved a 6 percent increase in water rates." disputed (0.90), read as the
    # opposite outcome for the claim's subject: a 9 percent increase is another proposal
    claim = "The Millbrook City Council approved a 6 percent increase in water rates."
    proba = _proba(agree=0.6, discuss=0.3, unrelated=0.1)
    other = "The council had rejected a 9 percent increase in August."
    assert passage_stance(claim, other, proba)[0] == "neutral"
    # the same increase rejected, or one said without its amount, or in another unit, is still
    # the claim's: refuted
    for passage in (
        "The council rejected a 6 percent increase in water rates.",
        "The council rejected the increase in water rates.",
    ):
        judged = judge_passage(claim, passage, proba)
        assert (judged.stance, judged.note) == (
            "refutes",
            OPPOSITE_REFUTES_NOTE.format("approved -> rejected"),
        ), passage


def test_a_noun_of_change_with_its_amount_is_the_change_it_gives():
    # stop 47's fact-checker case: "raised water rates by 9 percent" read supported (0.54) beside
    # "approved a 6 percent increase in water rates on Monday, the first rise since 2019"
    claim = "The Millbrook City Council raised water rates by 9 percent."
    passage = (
        "The Millbrook City Council approved a 6 percent increase in water rates on Monday, the "
        "first rise since 2019."
    )
    proba = _proba(agree=0.55, discuss=0.35, unrelated=0.1)
    judged = judge_passage(claim, passage, proba)
    assert (judged.stance, judged.note) == ("refutes", CHANGE_NOTE.format("9 percent / 6 percent"))
    assert judge_passage(claim.replace("9", "6"), passage, proba).stance == "supports"
    noun_claim = "The council approved a 9 percent increase in water rates."
    assert judge_passage(noun_claim, passage, proba).stance == "refutes"
    # a change turned down or only proposed is no change made; another thing's change, or a
    # change dated to a year the claim does not name, says nothing of the claim's amount
    for other in (
        "The council rejected a 6 percent increase in water rates.",
        "The mayor proposed a 6 percent increase in water rates.",
        "The council approved a 6 percent increase in sewer fees.",
        "The council approved a 6 percent increase in water rates in 2015.",
    ):
        assert judge_passage(claim, other, proba).guard != "contradicting_figures", other


def test_a_claim_that_a_place_was_lost_is_refuted_by_none_having_closed():
    # stop 47's fact-checker case: "The county lost two hospitals since 2020." read not enough
    # evidence beside "No other hospital in the county has closed since 2020." (neutral 0.83),
    # which refutes "Two hospitals in the county have closed since 2020."
    claim = "The county lost two hospitals since 2020."
    passage = (
        "The Lakeside hospital remains open and added a new emergency wing last year, according "
        "to the county health department. No other hospital in the county has closed since 2020."
    )
    proba = _proba(agree=0.1, discuss=0.83, unrelated=0.07)
    off = replace(SHIPPED_RESTATEMENT_RULE, same_event=False)
    assert passage_stance(claim, passage, proba, restatement=off)[0] == "neutral"
    stance, _, _, note = passage_stance(claim, passage, proba)
    assert (stance, note) == ("refutes", NEGATED_RESTATEMENT_NOTE)
    # not for a loss of something else, nor a closing the passage states
    for other, said in (
        ("The county lost two games since 2020.", passage.replace("hospital", "game")),
        ("The county lost two hospitals since 2020.", passage.replace("No other", "Another")),
    ):
        assert passage_stance(other, said, proba)[0] != "refutes", other


def _nearest_passage(document_id: str, relatedness: float, relevance: float) -> EvidencePassage:
    return EvidencePassage(
        document_id=document_id,
        passage=f"A passage of {document_id}.",
        stance="neutral",
        stance_probability=0.99,
        relevance=relevance,
        relatedness=relatedness,
        retrieval_score=0.1,
    )


def test_not_enough_evidence_leaves_out_the_passages_of_no_weight():
    """probe s48 V3: "The waitlist grew to 1,850 families in 2024." listed, under "nearest
    passages (none decides it)", the county's tax report at weight 0.00 (its relatedness 0.00):
    a passage of no weight is no nearer than any other text and tells a reader nothing."""
    housing = _nearest_passage("housing-2024.txt", relatedness=1.0, relevance=0.14)
    taxes = _nearest_passage("taxes-2024.txt", relatedness=0.0, relevance=0.0)
    crime = _nearest_passage("crime-2023.txt", relatedness=0.004, relevance=0.0)
    verdict = aggregate([taxes, crime, housing], RULE)
    assert verdict.label == "not_enough_evidence"
    assert [p.document_id for p in verdict.passages] == ["housing-2024.txt"]
    assert not verdict.explanation.startswith("no retrieved passage")
    # none related at all: none listed, and the reason says so
    verdict = aggregate([taxes, crime], RULE)
    assert verdict.passages == []
    assert verdict.explanation.startswith(
        "no retrieved passage is closely related to the claim (none at all); "
    )


def test_taxes_are_read_as_a_tax():
    """Probe s48 V1, read while finding why the taxes claims were never refuted: the parser's
    lemmatizer reads every "taxes" as "taxis", so "property taxes" and "the property tax" were two
    things to every cue, and another amount for the same span refuted nothing."""
    claim = "Property taxes rose 4 percent between 2021 and 2024."
    passage = "The property tax rose 9 percent between 2021 and 2024, the budget office said."
    proba = _proba(agree=0.1, discuss=0.8, unrelated=0.1)
    judged = judge_passage(claim, passage, proba)
    assert (judged.stance, judged.note) == ("refutes", CHANGE_NOTE.format("4 percent / 9 percent"))
    # and the other way round; the same amount is the claim's
    judged = judge_passage(
        "The property tax rose 9 percent between 2021 and 2024.",
        "Property taxes rose 4 percent between 2021 and 2024, the county said.",
        proba,
    )
    assert (judged.stance, judged.note) == ("refutes", CHANGE_NOTE.format("9 percent / 4 percent"))
    same = "The property tax rose 4 percent between 2021 and 2024, the budget office said."
    assert judge_passage(claim, same, proba).stance != "refutes"
