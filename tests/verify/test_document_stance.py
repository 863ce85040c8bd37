"""What a whole document says of a claim bounds what its passages count for."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from veracity.verify.document_stance import (
    DOCUMENT_NO_SUPPORT_NOTE,
    DOCUMENT_REFUTES_NOTE,
    DOCUMENT_STANCE,
    DOCUMENT_UNRELATED_NOTE,
    DocumentReading,
    DocumentRule,
    load_document_stance,
    read_document,
)
from veracity.verify.index import EvidenceIndex, read_documents
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.verdict import (
    AGREEING_NOTE,
    DEFAULT_PASSAGES,
    DENIAL_REFUTES_NOTE,
    PLAIN_RESTATEMENT_NOTE,
    REPORTED_SPEECH_NOTE,
    RESTATED_NOTE,
    AgreementRule,
    TopicRule,
    aggregate,
    bounded_stance,
    judge_passages,
    passage_stance,
    reported_elsewhere,
    verify_claim,
)

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "evidence_documents"
CLAIM = "A giant crab has been photographed on the coast of Kent"
PASSAGE = "A photograph of a giant crab off the coast of Kent was shared on Facebook."


def _proba(**values: float) -> np.ndarray:
    return np.asarray([values.get(label, 0.0) for label in STANCE_LABELS])


def test_a_disputing_document_turns_its_passages_support_into_refutation():
    proba = _proba(agree=0.5, disagree=0.1, discuss=0.3, unrelated=0.1)
    bounded = DocumentReading("refutes", 0.4).bound(proba)
    assert np.allclose(bounded, _proba(disagree=0.6, discuss=0.3, unrelated=0.1))
    # with its discussion too: the passage takes the document's side
    bounded = DocumentReading("refutes", 0.4, discussion=True).bound(proba)
    assert np.allclose(bounded, _proba(disagree=0.9, unrelated=0.1))


def test_a_document_unlikely_to_agree_takes_its_passages_support_away():
    bounded = DocumentReading("no_support", 0.03).bound(
        _proba(agree=0.5, disagree=0.1, discuss=0.3, unrelated=0.1)
    )
    assert np.allclose(bounded, _proba(disagree=0.1, discuss=0.8, unrelated=0.1))


def test_the_rule_reads_refutation_first_then_the_missing_agreement():
    rule = DocumentRule(veto_below=0.1, refute_from=0.2, refute_discussion=True)
    assert read_document(_proba(agree=0.05, disagree=0.3, discuss=0.6), rule) == DocumentReading(
        "refutes", 0.3, discussion=True
    )
    assert read_document(_proba(agree=0.05, disagree=0.1, discuss=0.85), rule) == DocumentReading(
        "no_support", 0.05
    )
    assert read_document(_proba(agree=0.6, disagree=0.1, discuss=0.3), rule) is None
    assert read_document(_proba(agree=0.0, disagree=0.99), DocumentRule()) is None


def test_a_passage_bounded_by_its_document_says_so_and_never_supports():
    proba = _proba(agree=0.8, discuss=0.15, unrelated=0.05)
    assert bounded_stance(CLAIM, PASSAGE, proba, None)[0] == "supports"
    stance, _, relevance, note = bounded_stance(
        CLAIM, PASSAGE, proba, DocumentReading("no_support", 0.02)
    )
    assert stance == "neutral" and relevance == pytest.approx(0.95)
    assert note == DOCUMENT_NO_SUPPORT_NOTE.format(0.02)
    stance, probability, _, note = bounded_stance(
        CLAIM, PASSAGE, proba, DocumentReading("refutes", 0.35)
    )
    assert (stance, round(probability, 2)) == ("refutes", 0.8)  # its support, not its discussion
    assert note == DOCUMENT_REFUTES_NOTE.format(0.35)


def test_the_index_gives_each_document_whole_with_its_passage_count():
    text = "One sentence here. Two sentences here. Three is here. And four."
    index = EvidenceIndex.build([("long", text), ("short", "Only one sentence here.")])
    documents = index.documents(["short", "long", "long", "absent"])
    assert documents == {"short": ("Only one sentence here.", 1), "long": (text, 2)}


def test_the_shipped_rule_reads_documents_and_beat_the_passages_alone_out_of_fold():
    rule = load_document_stance().rule_
    assert rule.veto_below > 0 or rule.refute_from <= 1
    figures = DOCUMENT_STANCE.read_card()["metrics"]
    chosen, before = figures["chosen"], figures["before"]
    assert chosen["accuracy"] + chosen["macro_f1"] > before["accuracy"] + before["macro_f1"]


def test_a_document_of_one_passage_is_not_read():
    document = load_document_stance()
    assert document.readings(CLAIM, {"snippet": (PASSAGE, 1)}) == {}


def _fnc_body(data_dir, body_id: int) -> str:
    from veracity.data.fnc1 import load_fnc_pairs

    pairs = load_fnc_pairs(data_dir)
    return str(pairs[pairs["body_id"] == body_id]["body"].iloc[0])


@pytest.mark.data
@pytest.mark.parametrize(
    ("claim", "body_id", "verdict", "note"),
    [
        # a report that a beheading is "reportedly" so, "not confirmed": it takes no side
        (
            "ISIS Reportedly Beheaded The 'Poster Child' For Kurdish Female Fighters",
            2527,
            "not_enough_evidence",
            DOCUMENT_NO_SUPPORT_NOTE,
        ),
        # the airline "does not have plans"; its source "said the story was false"
        ("Saudi Airlines to segregate sexes", 1193, "refuted", DOCUMENT_REFUTES_NOTE),
    ],
)
def test_a_news_report_that_does_not_confirm_a_claim_never_supports_it(
    data_dir, claim, body_id, verdict, note
):
    index = EvidenceIndex.build([(str(body_id), _fnc_body(data_dir, body_id))])
    hits = index.search(claim, k=DEFAULT_PASSAGES)
    assert aggregate(judge_passages(claim, hits)).label == "supported"  # its passages alone
    passages, result = verify_claim(claim, index)
    assert result.label == verdict
    noted = [p for p in passages if p.note and p.note.startswith(note.split("(")[0])]
    assert noted and all(p.stance != "supports" for p in passages)
    if verdict == "refuted":
        assert result.passages and all(p.stance == "refutes" for p in result.passages)


PENTAGON = (
    "The Pentagon said on Thursday that reports that a Russian missile strike had killed 30 US, "
    "British and Israeli officers at an operations centre in Aleppo were false."
)
OFFICERS = "Russian warships killed 30 US, British and Israeli officers in Aleppo."


def test_a_document_that_does_not_confirm_a_claim_leaves_its_passages_denial_a_refutation():
    """The issue's Pentagon denial: its document, read whole, is unlikely to agree; bounding
    the head's support to "discuss" before the denial rule read it had left the claim "not
    enough evidence"."""
    proba = _proba(agree=0.8, discuss=0.15, unrelated=0.05)
    own = bounded_stance(OFFICERS, PENTAGON, proba, None)
    assert own[0] == "refutes" and own[3] == DENIAL_REFUTES_NOTE
    for reading in (DocumentReading("no_support", 0.0), DocumentReading("refutes", 0.3)):
        assert bounded_stance(OFFICERS, PENTAGON, proba, reading) == own


def test_a_document_that_reports_the_claim_and_its_denial_keeps_its_reading():
    """FNC-1 "discuss" bodies: "Apple is reportedly shutting down Beats Music" beside "Apple
    has denied TechCrunch's claims ...": a report of a dispute, which the document reads."""
    proba = _proba(agree=0.8, discuss=0.15, unrelated=0.05)
    stance, _, _, note = bounded_stance(
        OFFICERS, PENTAGON, proba, DocumentReading("no_support", 0.0), reported=True
    )
    assert stance == "neutral" and note is not None
    assert note.startswith(DOCUMENT_NO_SUPPORT_NOTE.format(0.0))
    restating, other, unrelated = (
        _proba(agree=0.6, discuss=0.4),
        _proba(agree=0.9, discuss=0.1),
        _proba(discuss=0.7, agree=0.3),
    )
    rows = np.stack([restating, other, unrelated, restating])
    assert reported_elsewhere(rows, ["a", "a", "a", "b"]) == [True, True, True, False]


def test_the_issue_scenario_refutes_the_officers_claim_with_the_pentagon_denial():
    documents = dict(read_documents(DOCUMENTS))
    index = EvidenceIndex.build(sorted(documents.items()))
    passages, verdict = verify_claim(OFFICERS, index)
    denial = [p for p in passages if "were false" in p.passage]
    assert denial and denial[0].stance == "refutes"
    assert verdict.label == "refuted", verdict.explanation
    assert [p.document_id for p in verdict.passages] == ["pentagon-statement.txt"]


def test_the_issue_scenario_refutes_the_drone_with_the_un_finding():
    """The UN's "no evidence that a US drone was involved" had read "US" as the stop word
    "us": it denied too little of the claim to count as refutation."""
    documents = dict(read_documents(DOCUMENTS))
    index = EvidenceIndex.build(sorted(documents.items()))
    claim = "The bombing of the UN aid convoy in Aleppo was carried out with a US Hellfire drone."
    _, verdict = verify_claim(claim, index)
    assert verdict.label == "refuted", verdict.explanation
    assert [p.document_id for p in verdict.passages] == ["un-convoy-inquiry.txt"]
    # its attack, confirmed by another report, is no longer support for the drone
    _, verdict = verify_claim("A US drone attacked the aid convoy near Aleppo.", index)
    assert verdict.label != "supported", verdict.explanation


def test_a_document_about_another_story_bounds_its_passages_relevance():
    rule = DocumentRule(unrelated_from=0.8)
    assert read_document(_proba(agree=0.3, discuss=0.6, unrelated=0.1), rule) is None
    reading = read_document(_proba(agree=0.03, discuss=0.07, unrelated=0.9), rule)
    assert reading == DocumentReading(None, 0.9, related=0.1)
    # with another effect, both
    both = read_document(_proba(agree=0.01, unrelated=0.99), replace(rule, veto_below=0.02))
    assert both == DocumentReading("no_support", 0.01, related=0.01)
    proba = _proba(agree=0.1, discuss=0.85, unrelated=0.05)
    stance, probability, relevance, note = bounded_stance(CLAIM, PASSAGE, proba, reading)
    assert (stance, probability) == bounded_stance(CLAIM, PASSAGE, proba, None)[:2]
    assert relevance == pytest.approx(0.95 * 0.1)
    assert note == DOCUMENT_UNRELATED_NOTE.format(0.9, 0.1)


FLU = """Flu season arrives early

Health officials in Ohio reported a sharp rise in influenza cases in November, weeks earlier than usual. Hospitals in Columbus said emergency rooms were crowded with patients.

The state health department urged residents to get a flu shot, saying the vaccine was a good match for the strains circulating this year.
"""


def test_a_passage_of_another_story_on_the_claims_topic_is_not_closely_related():
    """A flu-shot report read as relevant (1.00) to a claim about microchips in the COVID-19
    vaccine: the passage head reads the shared topic ("vaccine"), the document model reads
    whether the document is about the claim's story."""
    documents = dict(read_documents(DOCUMENTS)) | {"flu-vaccine.txt": FLU}
    index = EvidenceIndex.build(sorted(documents.items()))
    claim = "Bill Gates wants to put microchips in the COVID-19 vaccine."
    passages, verdict = verify_claim(claim, index)
    flu = [p for p in passages if p.document_id == "flu-vaccine.txt"]
    assert flu and all(p.relatedness is not None and p.relatedness < 0.1 for p in flu)
    assert all(
        p.note and p.note.startswith("its document as a whole is about another") for p in flu
    )
    assert verdict.label == "not_enough_evidence"
    assert verdict.explanation.startswith("no retrieved passage is closely related")


BLEACH = """Fact check: Drinking bleach does not cure COVID-19

A post shared thousands of times on social media claims that a common household product can cure the coronavirus.

"Drinking a small amount of bleach every morning cures COVID-19 within days. The doctors don't want you to know," the tweet reads.

Health authorities have warned that drinking bleach is dangerous and can be fatal. The World Health Organization says there is no cure for COVID-19 that can be bought at a supermarket, and poison control centres reported a rise in calls after the claim spread.

Our ruling: False. Drinking bleach does not cure COVID-19 and can cause serious harm.
"""


def test_a_debunk_that_quotes_the_post_it_debunks_does_not_support_it():
    """The quoted tweet had decided "supported (0.39)" for the claim the document debunks."""
    index = EvidenceIndex.build([("bleach.txt", BLEACH)])
    passages, verdict = verify_claim("Drinking bleach cures COVID-19.", index)
    assert not any(p.stance == "supports" for p in passages)
    assert verdict.label == "refuted", verdict.explanation


JOBS = "The unemployment rate fell to 3.9 percent in March."


@pytest.mark.parametrize(
    ("passage", "kept"),
    [
        # probe s38: a report that states the claim with its figure was "not enough evidence":
        # the document-stance model reads a short factual report as "discuss" (agree 0.00)
        (
            "The national unemployment rate fell to 3.9 percent in March, the Bureau of Labor "
            "Statistics reported on Friday.",
            True,
        ),
        ("Jobs report\nThe unemployment rate fell to 3.9 percent in March.", True),
        # not the claim's figure, hedged, denied, negated or only quoted: the document decides
        ("The unemployment rate fell to 4.1 percent in March.", False),
        ("The unemployment rate reportedly fell to 3.9 percent in March.", False),
        ("Reports that the unemployment rate fell to 3.9 percent in March were false.", False),
        ("The unemployment rate did not fall to 3.9 percent in March.", False),
        ('"The unemployment rate fell to 3.9 percent in March," a viral post said.', False),
        ("The rate fell to 3.9 percent in March, the bureau said.", False),  # not every word
    ],
)
def test_a_passage_that_restates_the_claim_with_its_figures_keeps_its_support(
    passage: str, kept: bool
) -> None:
    proba = _proba(agree=0.95, discuss=0.05)
    reading = DocumentReading("no_support", 0.0)
    stance, probability, _, note = bounded_stance(JOBS, passage, proba, reading)
    if kept:
        assert (stance, round(probability, 2)) == ("supports", 0.95)
        assert note == RESTATED_NOTE.format(" with its figures", 0.0)
    else:
        assert stance != "supports"
    # a disputing document still turns it into refutation, and the rule before kept nothing
    assert bounded_stance(JOBS, passage, proba, DocumentReading("refutes", 0.4))[0] == "refutes"
    assert bounded_stance(JOBS, passage, proba, reading, restated=None)[0] != "supports"


HCQ_CLAIM = "Patients who took hydroxychloroquine were more likely to die in the hospital."
HCQ_STUDY = (
    "Study finds no benefit from hydroxychloroquine in hospital patients\n\nA large "
    "observational study of 96,000 hospitalised patients on six continents was published on "
    "Friday in The Lancet.\n\nPatients who took hydroxychloroquine were more likely to die in "
    "the hospital, the researchers found. The excess risk ranged from 34 to 45 percent, the "
    "authors estimated.\n\nThe authors called for randomised trials before the drug is used "
    "outside clinical studies."
)


def test_a_report_that_states_the_claim_word_for_word_supports_it():
    # probe s42: the head read the study's sentence agree 1.00, the document-stance model the
    # report agree 0.00, and only a restatement with figures kept its support: "not enough
    # evidence (stance neutral 0.99)" against a passage that states the claim
    index = EvidenceIndex.build([("study.txt", HCQ_STUDY)])
    passages, verdict = verify_claim(HCQ_CLAIM, index)
    assert verdict.label == "supported", verdict.explanation
    stating = next(p for p in passages if "more likely to die" in p.passage)
    assert stating.stance == "supports"
    assert stating.note is not None and stating.note.startswith("restates the claim in its own")


@pytest.mark.parametrize(
    ("claim", "passage", "kept"),
    [
        (
            HCQ_CLAIM,
            "Patients who took hydroxychloroquine were more likely to die in the hospital.",
            True,
        ),
        (
            HCQ_CLAIM,
            "Patients who took hydroxychloroquine were more likely to die in the hospital, the "
            "researchers found.",
            True,
        ),
        # retold from unnamed reports or sources, hedged, negated, quoted: the document decides
        (
            HCQ_CLAIM,
            "Reports on Monday said that patients who took hydroxychloroquine were more likely "
            "to die in the hospital.",
            False,
        ),
        (
            HCQ_CLAIM,
            "Patients who took hydroxychloroquine were more likely to die in the hospital, "
            "according to sources.",
            False,
        ),
        (
            HCQ_CLAIM,
            "Patients who took hydroxychloroquine may have been more likely to die in the hospital.",
            False,
        ),
        (
            HCQ_CLAIM,
            "Patients who took hydroxychloroquine were not more likely to die in the hospital.",
            False,
        ),
        (
            HCQ_CLAIM,
            '"Patients who took hydroxychloroquine were more likely to die in the hospital," a '
            "viral post said.",
            False,
        ),
        # a headline's topic, no statement: FNC-1 bodies that retell a rumour name it too
        ("Giant crab", "A giant crab was photographed in the harbour mouth.", False),
    ],
)
def test_a_passage_that_states_the_claim_in_its_own_voice_keeps_its_support(
    claim: str, passage: str, kept: bool
) -> None:
    proba = _proba(agree=0.95, discuss=0.05)
    reading = DocumentReading("no_support", 0.0)
    stance, probability, _, note = bounded_stance(claim, passage, proba, reading)
    if kept:
        assert (stance, round(probability, 2)) == ("supports", 0.95)
        assert note == RESTATED_NOTE.format("", 0.0)
    else:
        assert stance != "supports"
    # the rule before (figures only) kept none of them
    assert bounded_stance(claim, passage, proba, reading, restated="figures")[0] != "supports"


MEASLES_REPORT = (
    "Measles cases rise in Ohio\n\nHealth officials reported 125 measles cases in the state "
    "this year, the highest count in a decade. Most of the cases were among unvaccinated "
    "children.\n\nVaccination clinics will open in Columbus and Cleveland next week. Officials "
    "urged parents to check their children's records."
)


def test_a_claims_attribution_is_not_what_the_passages_must_state():
    # probe s39: ", the health department said on Monday" made a report that restates the claim
    # with its figure "not enough evidence": its words were missing from the passage
    index = EvidenceIndex.build([("measles.txt", MEASLES_REPORT)])
    claim = "Health officials reported 125 measles cases in the state this year"
    _, plain = verify_claim(claim + ".", index)
    passages, verdict = verify_claim(claim + ", the health department said on Monday.", index)
    assert plain.label == verdict.label == "supported", verdict.explanation
    assert passages[0].stance == "supports"


JOBS_REPORT = (
    "Jobless rate falls to 3.9 percent\n\nThe national unemployment rate fell to 3.9 percent in "
    "March, the Bureau of Labor Statistics reported on Friday. Employers added 196,000 jobs, more "
    "than economists had expected.\n\nWage growth slowed slightly, to 3.2 percent over the year."
)


def test_a_passage_that_restates_the_claim_is_not_refuted_by_the_head_alone():
    # probe s38 / s39: the headline opening the passage ("Jobless rate falls ...") moved the
    # head to disagree 0.63, and the claim was "refuted" by a report that states it
    index = EvidenceIndex.build([("jobs.txt", JOBS_REPORT)])
    passages, verdict = verify_claim(JOBS, index)
    assert verdict.label == "supported", verdict.explanation
    assert passages[0].stance == "supports"
    # the head's refutation of a plain restatement is read as the restatement ...
    proba = _proba(agree=0.35, disagree=0.63, discuss=0.02)
    restated = "Jobless rate falls\nThe unemployment rate fell to 3.9 percent in March."
    stance, probability, _, note = bounded_stance(JOBS, restated, proba, None)
    assert (stance, round(probability, 2), note) == ("supports", 0.98, PLAIN_RESTATEMENT_NOTE)
    # ... while a disputing document, a denial, other figures or a negation still refute
    assert bounded_stance(JOBS, restated, proba, DocumentReading("refutes", 0.4))[0] == "refutes"
    for passage in (
        "Reports that the unemployment rate fell to 3.9 percent in March were false.",
        "The unemployment rate fell to 3.9 percent in March. The bureau denied that the "
        "unemployment rate fell.",
        "The unemployment rate fell to 4.1 percent in March.",
        "The unemployment rate did not fall to 3.9 percent in March.",
    ):
        assert bounded_stance(JOBS, passage, proba, None)[0] != "supports", passage


def test_a_report_that_agrees_in_other_words_does_not_refute_the_claim():
    # probe s40: "Jobs boom continues as unemployment drops" was refuted (0.90) by the report's
    # "Jobless rate falls ... The national unemployment rate fell": the same direction, said
    # otherwise, read by the head's vectors as a contradiction (an inversion)
    index = EvidenceIndex.build([("jobs.txt", JOBS_REPORT)])
    passages, verdict = verify_claim("Jobs boom continues as unemployment drops", index)
    assert verdict.label != "refuted", verdict.explanation
    assert not any(p.stance == "refutes" for p in passages), [p.note for p in passages]


def test_the_heads_refutation_of_a_passage_that_states_the_claims_outcome_is_read_as_agreement():
    claim = "Jobs boom continues as unemployment drops"
    passage = (
        "Jobless rate falls to 3.9 percent\nThe national unemployment rate fell to 3.9 percent in "
        "March, the Bureau of Labor Statistics reported on Friday."
    )
    proba = _proba(agree=0.003, disagree=0.934, discuss=0.058, unrelated=0.005)
    stance, probability, _, note = bounded_stance(claim, passage, proba, None)
    assert (stance, round(probability, 3)) == ("supports", 0.937)
    assert note == AGREEING_NOTE.format("drops = fell", "counted as support")
    # the rule before kept the head's refutation; a disputing document still refutes
    assert bounded_stance(claim, passage, proba, None, agreement=AgreementRule())[0] == "refutes"
    assert bounded_stance(claim, passage, proba, DocumentReading("refutes", 0.4))[0] == "refutes"
    # other figures for what the claim counts, the other outcome, a denial: the refutation stands
    for claim, passage in (
        (
            "The unemployment rate fell to 3.9 percent.",
            "The unemployment rate fell to 4.1 percent.",
        ),
        ("Unemployment drops", "The unemployment rate rose to 4.1 percent."),
        ("Unemployment drops", "Reports that unemployment fell last month were false."),
    ):
        assert bounded_stance(claim, passage, proba, None)[0] == "refutes", passage


def test_a_report_that_restates_the_claims_figure_and_event_supports_it():
    # probe s40: "Employers added 196,000 jobs, more than economists had expected." left
    # "Employers added 196,000 jobs last month" not enough evidence: the claim's "last month"
    # is the report's "in March", which no passage can state in the claim's words
    index = EvidenceIndex.build([("jobs.txt", JOBS_REPORT)])
    passages, verdict = verify_claim("Employers added 196,000 jobs last month", index)
    assert verdict.label == "supported", verdict.explanation
    assert any(p.stance == "supports" and "196,000" in p.passage for p in passages)


FOOTBALL = (
    "United win the derby\n\nManchester United beat City 2-1 at Old Trafford on Sunday, with a "
    "late goal from the captain. The win lifts United to third in the table.\n\nThe manager "
    "praised the fans after the match."
)
BRIDGE = (
    "City council approves new bridge\n\nThe Springfield city council voted 7-2 on Tuesday to "
    "approve funding for a new bridge across the river. Construction is expected to begin in the "
    "spring and last two years.\n\nOpponents said the money should go to road repairs instead."
)


def test_a_passage_far_from_the_claim_in_meaning_is_not_read_as_closely_related():
    # probe s39: the head gave relevance 0.91 to a football report for a council's bridge vote
    # ("City" the one word shared), and a fact-checker read it among the deciding passages
    index = EvidenceIndex.build([("football.txt", FOOTBALL), ("bridge.txt", BRIDGE)])
    claim = "The city council rejected funding for a new bridge."
    passages, verdict = verify_claim(claim, index)
    by_document = {p.document_id: p for p in passages if p.passage.startswith(("United", "City"))}
    football, bridge = by_document["football.txt"], by_document["bridge.txt"]
    assert football.relatedness is not None and football.relatedness <= 0.35
    assert football.note is not None and football.note.startswith("far from the claim in meaning")
    assert bridge.relatedness is not None and bridge.relatedness > 0.9  # its subject: unbounded
    assert verdict.label == "refuted", verdict.explanation
    # the bound is the rule's: nothing at the floor, the head's own from full
    rule = TopicRule(floor=0.15, full=0.3)
    assert (rule.bound(0.1), rule.bound(0.225), rule.bound(0.5)) == pytest.approx((0.0, 0.5, 1.0))
    assert TopicRule().bound(0.0) == 1.0  # the rule before: never


# probe s41's fact-checker: an index of three short reports as `veracity index` reads them
BRIDGE_REPORT = (
    "Council approves Main Street bridge repairs\n\nThe city council voted on Tuesday to approve "
    "$12 million for repairs to the Main Street bridge. Work is scheduled to begin in June and "
    "last eight months. The contractor, Allied Builders, said it was ready to start. The repairs "
    "were not cancelled, a city spokeswoman said in May.\n"
)
WAGE_REPORT = (
    "CBO: minimum wage increase would lift 900,000 out of poverty\n\nA Congressional Budget "
    "Office report found that raising the federal minimum wage to $10.10 an hour would lift about "
    "900,000 people out of poverty, while costing an estimated 500,000 jobs.\n"
)
LABOR_REPORT = (
    "Jobless rate falls to 3.9 percent\n\nWASHINGTON \u2014 The unemployment rate fell to 3.9 "
    "percent in the last quarter, the Labor Department said on Friday. Employers added 196,000 "
    "jobs last month, more than economists had expected. The official jobless rate has not been "
    "above 15 percent since the 1930s.\n"
)


def _probe_index(tmp_path: Path) -> EvidenceIndex:
    for name, text in (
        ("bridge.txt", BRIDGE_REPORT),
        ("wage.txt", WAGE_REPORT),
        ("labor.txt", LABOR_REPORT),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return EvidenceIndex.build(sorted(dict(read_documents(tmp_path)).items()))


def test_a_report_that_gives_another_figure_for_the_claims_does_not_support_it(tmp_path):
    # probe s41: "over a million" was supported (0.90) by "about 900,000" of the same people
    index = _probe_index(tmp_path)
    claim = (
        "Raising the minimum wage to $10.10 an hour would lift over a million Americans out of "
        "poverty, the senator added."
    )
    passages, verdict = verify_claim(claim, index)
    assert verdict.label == "not_enough_evidence", verdict.explanation
    wage = [p for p in passages if p.document_id == "wage.txt"]
    assert wage and wage[0].stance == "neutral"
    assert wage[0].note and "over a million / 900,000" in wage[0].note


def test_a_report_of_another_event_of_the_claims_subject_does_not_support_it(tmp_path):
    # probe s41: "Council approves Main Street bridge repairs" supported the headline (0.81)
    index = _probe_index(tmp_path)
    passages, verdict = verify_claim("Bridge repairs cancelled, senator says", index)
    approval = [p for p in passages if p.passage.startswith("Council approves")]
    assert approval and approval[0].stance != "supports"
    assert approval[0].note and approval[0].note.startswith("states another outcome")
    assert verdict.label == "refuted", verdict.explanation


def test_a_report_that_says_the_claims_event_did_not_happen_refutes_it(tmp_path):
    # probe s41: "The repairs were not cancelled, a city spokeswoman said in May." left the claim
    # not enough evidence (the head: neutral); the negated-event rule, built then, was left off
    index = _probe_index(tmp_path)
    claim = "The bridge repairs were cancelled in May because the contractor went bankrupt"
    passages, verdict = verify_claim(claim, index)
    assert verdict.label == "refuted", verdict.explanation
    negation = next(p for p in passages if "were not cancelled" in p.passage)
    assert negation.stance == "refutes"
    assert negation.note is not None and negation.note.startswith(
        "states the claim's event negated"
    )


VERGE = (
    "The search for COVID-19 treatments shows how messy science can be\n\nThere's yet another "
    "new study out this week on hydroxychloroquine, the anti-malaria drug championed by "
    "President Trump (without evidence) as a cure for COVID-19.\n\nResearchers say small "
    "studies and preprints have made it hard for doctors to know which treatments work."
)


def test_a_passage_about_another_subject_does_not_refute_the_claim():
    # probe s42: "Chlorine dioxide cures Covid-19 in four days" was refuted (0.72) by a passage
    # about hydroxychloroquine: the head read its "(without evidence)" as the claim's denial
    index = EvidenceIndex.build([("verge.txt", VERGE), ("study.txt", HCQ_STUDY)])
    passages, verdict = verify_claim("Chlorine dioxide cures Covid-19 in four days.", index)
    assert verdict.label == "not_enough_evidence", verdict.explanation
    verge = next(p for p in passages if "without evidence" in p.passage)
    assert verge.stance == "neutral"
    assert verge.note is not None and "never names what the claim is about" in verge.note


def test_a_claims_nationality_word_is_its_place_in_an_index():
    # FNC-1 body 2108 (agrees), indexed as `veracity index` indexes it: "not enough evidence"
    # before, the passage read as reporting the strike for another place (Syria) than Britain
    index = EvidenceIndex.build(
        [("body-2108", "al-Britani has been killed in an airstrike in Syria.")]
    )
    claim = "Brit teenage jihadi killed in Syrian airstrike as Britain set to enter war"
    passages, verdict = verify_claim(claim, index)
    assert verdict.label == "supported", verdict.explanation
    assert passages[0].note is None


SPEECH_CLAIM = "Hillary Clinton called the TPP the gold standard of trade agreements."


def test_a_passage_reporting_the_speaker_saying_it_is_not_read_through_its_document():
    """Probe s45: over BuzzFeed-Webis articles on the TPP, a passage quoting Clinton calling it
    "the gold standard" was counted as refutation because its document argues against the deal
    (document stance: disagree 0.26), and the claim read disputed. The claim is that she said
    it: a report of her saying it is not refuted by what the report argues of the deal."""
    reading = DocumentReading("refutes", 0.26)
    proba = _proba(agree=0.85, discuss=0.14, unrelated=0.01)
    quoted = (
        'Speaking in Australia in 2012, Clinton said, "TPP sets the gold standard in trade '
        'agreements to open free, transparent, fair trade." Critics call the deal a giveaway.'
    )
    stance, probability, _, note = bounded_stance(SPEECH_CLAIM, quoted, proba, reading)
    assert (stance, probability) == ("supports", pytest.approx(0.85))
    assert note == REPORTED_SPEECH_NOTE.format("Clinton said", 0.26)
    # someone else saying it, or the speaker saying something else: the document's reading
    for other in (
        'Trump said, "TPP sets the gold standard in trade agreements for outsourcing jobs."',
        "Clinton said on Monday that she opposes the trade deal, the TPP, as it stands now.",
    ):
        assert bounded_stance(SPEECH_CLAIM, other, proba, reading)[0] == "refutes", other
    # a claim that is not about a saying: as before
    claim = "The TPP is the gold standard of trade agreements."
    assert bounded_stance(claim, quoted, proba, reading)[0] == "refutes"


@pytest.mark.parametrize(
    "rule",
    [
        {"veto_below": float("nan")},
        {"refute_from": "0.2"},
        {"min_passages": "2"},
        {"min_passages": 2.5},
        {"refute_discussion": "no"},
        {"refute_from": -0.5},
        {"unknown": 1},
        [0.02, 0.2],
        None,
    ],
    ids=str,
)
def test_a_card_rule_damaged_or_edited_by_hand_is_one_model_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule: object
) -> None:
    """Round 15, attack 1 (left by round 14: the other models' cards keep their own checks
    only): the document-stance card's rule was passed to DocumentRule as it was, so a field it
    does not know, a list or no rule at all ended the first verdict of a deep analysis or
    `veracity verify` in an internal TypeError, NaN bounds were never crossed (no document ever
    bounded its passages, silently) and text was compared with a probability at the first
    document read. Each is the artefact's one error; the shipped rule loads as before."""
    import json
    import shutil

    from veracity.artefacts import CARD_FILE
    from veracity.errors import ModelError
    from veracity.settings import get_settings

    folder = tmp_path / DOCUMENT_STANCE.directory.name
    shutil.copytree(DOCUMENT_STANCE.directory, folder)
    shipped = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    card = dict(shipped)
    card["rule"] = {**shipped["rule"], **rule} if isinstance(rule, dict) else rule
    (folder / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    monkeypatch.setenv("VERACITY_ARTEFACTS_DIR", str(tmp_path))
    get_settings.cache_clear()
    load_document_stance.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"rule is no rule .*veracity train document-stance$"):
            load_document_stance()
        (folder / CARD_FILE).write_text(json.dumps(shipped), encoding="utf-8")
        load_document_stance.cache_clear()
        assert load_document_stance().rule_.refute_from == shipped["rule"]["refute_from"]
    finally:
        load_document_stance.cache_clear()


def test_the_topic_note_is_given_only_where_it_lowers_the_relatedness_shown(monkeypatch):
    """probe s48 V2: "[far from the claim in meaning (cosine 0.30): its relevance at most 1.00]"
    beside relatedness 0.99: a cosine just under the rule's full (0.2999) bounds at 0.9993, which
    bounds nothing a reader sees. The note names the figure it bounds, the relatedness."""
    import veracity.verify.verdict as verdict_module

    claim = "Property taxes rose 4 percent."
    passage = "Violent crime fell 8 percent over the same period."
    proba = _proba(discuss=0.9995, unrelated=0.0005)  # relatedness 0.9995, shown 1.00
    rule = TopicRule(floor=0.15, full=0.3)
    monkeypatch.setattr(verdict_module, "claim_cosine", lambda claim, passage: 0.2999)
    _, _, relatedness, note = passage_stance(claim, passage, proba, topic=rule)
    assert relatedness == pytest.approx(rule.bound(0.2999))
    assert note is None
    monkeypatch.setattr(verdict_module, "claim_cosine", lambda claim, passage: 0.25)
    _, _, relatedness, note = passage_stance(claim, passage, proba, topic=rule)
    assert relatedness == pytest.approx(2 / 3)
    assert note == "far from the claim in meaning (cosine 0.25): its relatedness at most 0.67"


HOUSING_REPORT = (
    "Riverside County Housing Authority annual report 2024\n\nThe Riverside County Housing "
    "Authority reported that 640 families were on the affordable housing waitlist as of March "
    "2024, down from 1,200 families in January 2021. The authority completed 900 affordable "
    "housing units between 2021 and 2024.\n"
)


def test_a_restated_claims_note_does_not_say_its_document_does_not_confirm_it():
    """probe s48 V2: the passage of a two-sentence report that states the claim read "its support
    counts though its document as a whole reads as not confirming it (document stance: agree
    0.00)": the reading is the document-stance model's (trained on reports that repeat claims),
    and the document, through this passage, states the claim."""
    index = EvidenceIndex.build([("housing-2024.txt", HOUSING_REPORT)])
    claim = "The county had 640 families on the housing waitlist in March 2024."
    passages, verdict = verify_claim(claim, index)
    assert verdict.label == "supported", verdict.explanation
    stating = [p for p in passages if p.stance == "supports"]
    assert stating and stating[0].note is not None
    assert stating[0].note.startswith(
        "restates the claim with its figures in its own words, plainly: counted as support, as "
        "its document states it here (the document-stance model"
    )
    assert "reads as not confirming" not in stating[0].note
