"""Denial, negation and conflict cues between a claim and a passage."""

from __future__ import annotations

import random

import pytest

from veracity.verify.cues import (
    CUE_FEATURES,
    agreeing_outcomes,
    another_outcome,
    claim_names,
    claim_subject,
    contradicting_figures,
    cue_features,
    denial_coverage,
    denied_spans,
    denies,
    lacks_names,
    missing_names,
    names_subject,
    negated_event,
    only_asks,
    opposite_outcomes,
    other_figures,
    other_places,
    plain_restatement,
    quotation_parts,
    quotes_claim,
    without_attribution,
)
from veracity.verify.stance import tokenize
from veracity.verify.stance_pairs import change_figure, clause, derive_pairs, negate, swap_antonym

CONVOY = "The UN aid convoy near Aleppo was bombed with a US Hellfire drone."


def test_issue_denials_are_denials():
    assert denies(
        CONVOY,
        "A UN board of inquiry found no evidence that a US drone was involved in the attack on "
        "the aid convoy near Aleppo.",
    )
    assert denies(
        "Russian strikes killed 30 US officers in Aleppo.",
        "The Pentagon said reports that Russian strikes killed US officers in Aleppo were false.",
    )
    assert denies("The mayor resigned.", "The mayor has not resigned, his office said.")


def test_a_long_claim_restated_in_part_is_still_denied():
    # The seed article's claim shares three of its 15 content words with the Pentagon's denial.
    claim = (
        "According to Russia's Sputnik news agency, Russian warships fired 3 Caliber missiles "
        "at the operations center in the room where the officers were gathered."
    )
    denial = (
        "The Pentagon said on Thursday that reports that a Russian missile strike had killed 30 "
        "US, British and Israeli officers at an operations centre in Aleppo were false."
    )
    assert denies(claim, denial)
    assert not denies(claim, denial, min_coverage=0.3)


def test_a_passage_that_leaves_out_what_the_claim_names_lacks_it():
    assert claim_names(CONVOY) == {"un", "aleppo", "us", "hellfire"}
    report = "An aid convoy of 31 trucks was attacked near Aleppo on Monday evening."
    assert missing_names(CONVOY, report) == ["hellfire", "un", "us"]
    assert lacks_names(CONVOY, report)
    full = "Investigators said a US Hellfire drone bombed the UN aid convoy near Aleppo."
    assert missing_names(CONVOY, full) == [] and not lacks_names(CONVOY, full)
    # "Russian" mentions "Russia"; a claim naming one thing is never judged by its names.
    assert not lacks_names("Russia bombed the UN convoy.", "Russian jets bombed a UN convoy.")
    assert not lacks_names("Sea levels are rising.", "Tide gauges show no change.")


def test_confirmations_and_other_subjects_are_not_denials():
    assert not denies(CONVOY, "Investigators said a US Hellfire drone bombed the UN aid convoy.")
    # A denial about something else entirely does not touch the claim.
    assert not denies(CONVOY, "The company denied that it had raised prices last year.")


def test_cue_features_see_the_denial_next_to_the_claim():
    denial = dict(
        zip(
            CUE_FEATURES,
            cue_features(
                CONVOY, "Officials denied that a US drone bombed the aid convoy near Aleppo."
            ),
            strict=True,
        )
    )
    confirmation = dict(
        zip(
            CUE_FEATURES,
            cue_features(
                CONVOY, "Officials confirmed that a US drone bombed the aid convoy near Aleppo."
            ),
            strict=True,
        )
    )
    assert denial["denial_near_claim"] > 0.5 and confirmation["denial_near_claim"] == 0
    assert confirmation["confirmation_near_claim"] > 0.5
    figures = dict(
        zip(
            CUE_FEATURES,
            cue_features("30 officers were killed.", "12 officers were killed."),
            strict=True,
        )
    )
    assert figures["numbers_conflict"] == 1.0


def test_rewrites_contradict_the_claim():
    assert negate("The sea level is rising.") == "The sea level is not rising."
    assert (
        negate("Russian warships killed 30 officers.")
        == "Russian warships did not kill 30 officers."
    )
    assert swap_antonym("Global temperatures increased last year.") == (
        "Global temperatures decreased last year."
    )
    changed = change_figure("The company cut 5000 jobs.", random.Random(0))
    assert changed is not None and "5000" not in changed
    assert clause("Says the sea is rising.") == "the sea is rising"


def test_derived_pairs_cover_every_stance():
    claims, passages, labels = derive_pairs(
        ["The city banned cars from the centre in January.", "Too short."], random.Random(1)
    )
    assert set(claims) == {"The city banned cars from the centre in January."}
    assert {"agree", "disagree", "discuss"} <= set(labels)
    assert all("banned cars" in p or "ban cars" in p for p in passages)


def test_coverage_features_say_what_of_the_claim_the_passage_leaves_out():
    from veracity.verify.evidence_stance import COVERAGE_FEATURES, coverage_features

    report = "An aid convoy of 31 trucks was attacked near Aleppo. Food was being unloaded."
    features = dict(zip(COVERAGE_FEATURES, coverage_features(CONVOY, report), strict=True))
    # content words (first five letters): aid, convo, near, alepp, bombe, hellf, drone
    assert features["claim_stems"] == 7
    assert features["claim_stems_missing"] == 3  # near is kept; bombed, Hellfire, drone missing
    assert features["claim_stems_in_passage"] == features["best_sentence_claim_stems"] == 4 / 7
    assert features["claim_names_missing"] == 3 and features["claim_names_missing_share"] == 0.75
    full = "A US Hellfire drone bombed the UN aid convoy near Aleppo."
    assert coverage_features(CONVOY, full)[:4] == [1.0, 0.0, 0.0, 0.0]


def test_denial_coverage_reads_an_acronym_as_a_name_not_the_stop_word_it_spells():
    """ "US" and "UN" are no pronoun "us" or French "un": the UN's finding of "no evidence that a
    US drone was involved" denies 2 of the claim's 9 content words, not 1 of 7."""
    claim = "The bombing of the UN aid convoy in Aleppo was carried out with a US Hellfire drone."
    finding = "A board of inquiry found no evidence that a US drone was involved."
    assert denial_coverage(claim, finding) == pytest.approx(2 / 9)
    # written all in capitals, a text's words are no acronyms
    assert denial_coverage(claim.upper(), finding.upper()) == pytest.approx(1 / 7)


def test_denial_coverage_is_the_share_of_the_claim_a_denying_sentence_restates():
    claim = "Russian warships killed 30 US officers in Aleppo."
    squarely = "The Pentagon said reports that Russian warships killed 30 US officers in Aleppo were false."
    assert denial_coverage(claim, squarely) == 1.0
    # the denial is in another sentence than the claim's words: that sentence restates little
    apart = "Russian warships were in the Mediterranean. The Pentagon denied the reports."
    assert denial_coverage(claim, apart) < 0.2
    # a plain negation counts only when asked for, and only when the claim has none
    negated = "Russian warships did not kill 30 US officers in Aleppo."
    assert denial_coverage(claim, negated) == 0.0
    assert denial_coverage(claim, negated, negations=True) > 0.8  # all but "killed"
    assert (
        denial_coverage("Russian warships did not kill officers.", negated, negations=True) == 0.0
    )
    # a claim that itself reports a denial is not denied by repeating it
    assert denial_coverage("The Pentagon denied the strike killed officers.", squarely) == 0.0


def test_the_evidence_not_showing_a_claim_denies_what_follows():
    """Probe s44: the FDA's "have not been shown to be safe and effective for treating or
    preventing COVID-19" was a plain negation to the verdict (no side taken), where "no
    evidence that" is an explicit denial of what follows: the family (shown, proven,
    demonstrated, established; "unproven") is one now."""
    claim = "Hydroxychloroquine cures COVID-19."
    fda = (
        '"Hydroxychloroquine and chloroquine have not been shown to be safe and effective for '
        'treating or preventing COVID-19," the FDA warned.'
    )
    assert denied_spans(fda)[0].startswith(" be safe and effective for treating")
    assert denial_coverage(claim, fda) == 0.5  # "covid", "19" of the claim's four words
    for said in (
        "Studies have not shown that hydroxychloroquine cures COVID-19.",
        "It has never been proven that hydroxychloroquine cures COVID-19.",
        "Hydroxychloroquine has not yet been clinically demonstrated to cure COVID-19.",
        "The claim that hydroxychloroquine cures COVID-19 is unproven.",
    ):
        assert denied_spans(said), said
    # shown, proven: what the evidence does show is no denial
    for shown in (
        "Trials have shown that hydroxychloroquine does not cure COVID-19.",
        "The drug was proven to cure malaria, not COVID-19.",
    ):
        assert not any("cure" in span for span in denied_spans(shown)), shown


def test_a_denial_reaches_only_its_own_clause():
    # what follows the denial, to the end of its clause
    assert denied_spans("The army moved troops but denied that it was preparing an invasion.") == [
        " it was preparing an invasion."
    ]
    side = "The ministry denied that it had been warned before the strike killed 30 officers."
    assert denied_spans(side) == [" it had been warned "]
    # a verb of denial counts only with what it denies
    assert denied_spans("The judge dismissed the case against the officers who shot him.") == []
    # what precedes it, from the reports it names
    said = (
        "Regulators approved the vaccine and said claims that it causes infertility are not true."
    )
    assert denied_spans(said) == ["claims that it causes infertility "]
    claim = "Regulators approved the vaccine for children."
    assert denial_coverage(claim, said) == 0.0
    assert denial_coverage("The vaccine causes infertility.", said) == pytest.approx(
        2 / 3
    )  # "vaccine" is not in what the denial reaches: "it"


def test_a_passage_that_gives_other_figures_for_what_the_claim_counts_has_other_figures():
    claim = "The company laid off 5,000 workers in March 2019."
    assert other_figures(claim, "The company laid off 800 workers in March 2019.") == ["5000"]
    assert other_figures(claim, "Protests began in 2011 and 5,000 workers lost jobs.") == ["2019"]
    # the same figures written otherwise, or figures of other things: nothing replaced
    assert other_figures(claim, "In March 2019 it cut 5000 workers and closed two plants.") == []
    assert other_figures(claim, "The company laid off workers in March; 12 stores closed.") == []
    assert other_figures("Russian warships fired three missiles.", "They fired 3 missiles.") == []
    assert other_figures("Russian warships fired three missiles.", "They fired 26 missiles.") == [
        "3"
    ]
    assert other_figures("Sea levels are rising.", "Sea levels rose 20 cm since 1900.") == []


def test_a_count_written_with_a_thousands_separator_is_no_year():
    """Probe s43: "2,000 troops" was read as the year 2000, so the figure check found nothing
    of another count: the triage grouped "send 2,000 more troops" with "send 1,500 more
    troops". A year is never written "2,000"; "in 2000" still is one."""
    claim = "In 2019 the Pentagon sent 2,000 more troops to the border."
    assert other_figures(claim, "In 2019 the Pentagon sent 1,500 more troops to the border.") == [
        "2000"
    ]
    assert other_figures("The law passed in 2000.", "The law passed in 1998.") == ["2000"]
    assert other_figures("It warmed over the last 2,000 years.", "It warmed in 1998.") == []


def test_a_passage_that_states_the_opposite_outcome_for_the_claims_subject_reverses_it():
    # the tester's three cases (issue 16)
    assert opposite_outcomes(
        "The council rejected the budget.", "The council approved the budget on Tuesday, 7 to 2."
    ) == ["rejected -> approved"]
    assert opposite_outcomes(
        "Crime has doubled since 2019.",
        "Crime rose about 5 percent since 2019, far from a doubling.",
    ) == ["doubled -> not doubling"]
    assert opposite_outcomes(
        "Unemployment rose to 10 percent.", "Unemployment fell to 3.9 percent, the bureau said."
    ) == ["rose -> fell"]
    # phrases: an acquittal, a defeat, "refused to accept"
    assert opposite_outcomes(
        "The officer was found guilty of assault.", "The officer was found not guilty of assault."
    ) == ["guilty -> acquitted"]
    assert opposite_outcomes(
        "The national team won the final.", "The national team was defeated in the final."
    ) == ["won -> lost"]
    assert opposite_outcomes(
        "The president accepted the minister's resignation.",
        "The president refused to accept the minister's resignation.",
    ) == ["accepted -> refused"]


def test_a_jobs_time_and_cost_against_its_plan_are_opposite_outcomes():
    claim = "The bridge on Route 9 was repaired on time and under budget."
    late = "The Route 9 bridge repairs were completed two months late and $1.2m over budget."
    assert opposite_outcomes(claim, late) == ["on time -> late", "under budget -> over budget"]
    assert opposite_outcomes(claim, late, plans=False) == []
    # "late" and "early" as times, budget as a topic: no outcome of the job
    for passage in (
        "The Route 9 bridge was repaired in late March.",
        "The Route 9 bridge repairs were completed late last year.",
        "The Route 9 bridge repairs began early, before a fight over budget cuts.",
        "The Route 9 bridge was repaired under budget rules set in 2020.",
    ):
        assert opposite_outcomes(claim, passage) == [], passage
    # another job, the claim negated, the same outcome again
    assert opposite_outcomes(claim, "The Elm Street sewer repairs ran two weeks late.") == []
    assert opposite_outcomes("The Route 9 bridge was not repaired on time.", late) == []
    assert opposite_outcomes(claim, "The Route 9 bridge was repaired on time.") == []


def test_an_opposite_word_about_something_else_reverses_nothing():
    claim = "Sales of electric cars increased last year."
    # another subject in its own clause, or one that shares only part of the claim's subject
    assert (
        opposite_outcomes(claim, "Sales of electric cars increased, while oil demand fell.") == []
    )
    assert (
        opposite_outcomes(claim, "Electric car sales rose as sales of diesel cars declined.") == []
    )
    # the clause states the claim's own outcome as well
    assert (
        opposite_outcomes(
            "The governor approved the voting law.",
            "The governor approved the voting law and vetoed a bill on gun permits.",
        )
        == []
    )
    # the same outcome, a negated claim, a claim with both outcomes, "close to" a figure
    assert opposite_outcomes(claim, "Sales of electric cars rose 35 percent last year.") == []
    assert opposite_outcomes("Exports did not fall in May.", "Exports fell in May.") == []
    assert opposite_outcomes("Prices rise and they fall.", "Prices fell in May.") == []
    assert opposite_outcomes("The shop opened in May.", "The shop's sales came close to $1m.") == []
    assert opposite_outcomes(claim, "Sales of electric cars declined.", scope="sentence") == [
        "increased -> declined"
    ]


def test_a_passage_that_states_the_claims_outcome_the_same_way_agrees_with_it():
    # probe s40: the jobs report says in other words what the headline-style claim says
    report = (
        "Jobless rate falls to 3.9 percent\nThe national unemployment rate fell to 3.9 percent "
        "in March, the Bureau of Labor Statistics reported on Friday."
    )
    claim = "Jobs boom continues as unemployment drops"
    assert agreeing_outcomes(claim, report) == ["drops = fell"]
    # the opposite-outcome rule's stricter subject: "national" says which rate it is
    assert agreeing_outcomes(claim, report, strict=True) == []
    assert agreeing_outcomes("Home prices rise", "Prices of homes climbed for a fifth month.") == [
        "rise = climbed"
    ]
    # another subject, the other outcome, both outcomes for it, a negation: no agreement
    assert agreeing_outcomes("Unemployment drops", "Inflation fell to 2 percent.") == []
    assert agreeing_outcomes("Unemployment rises", report) == []
    assert agreeing_outcomes("Unemployment drops", "Unemployment did not fall in May.") == []
    assert agreeing_outcomes("Unemployment drops", "Unemployment fell, then rose again.") == []
    assert agreeing_outcomes("Unemployment did not drop", "Unemployment fell in May.") == []
    # the claim's subject said more narrowly by the passage's own words is not the claim's
    assert agreeing_outcomes("Electric car sales rose", "Sales of diesel cars rose.") == []
    # a claim that says how much is checked by the amount (CLIMATE-FEVER development: REFUTES)
    assert (
        agreeing_outcomes(
            "Greenland has only lost a tiny fraction of its ice mass.",
            "Findings show that Greenland has lost 3.8 trillion tonnes of ice since 1992.",
        )
        == []
    )
    assert agreeing_outcomes(
        "Greenland has lost ice mass.", "Greenland has lost 3.8 trillion tonnes of ice."
    ) == ["lost = lost"]
    # a denial or a doubt in the sentence, or the outcome only inside a quotation
    for passage in (
        "Reports that unemployment fell last month were false.",
        "Unemployment may have fallen last month.",
        '"Unemployment fell," a viral post said.',
    ):
        assert agreeing_outcomes("Unemployment drops", passage) == [], passage


def test_a_passage_sentence_of_many_outcomes_is_read_in_linear_time():
    """Hostile round 9: each outcome of a passage read its whole sentence again (``token.sent``
    and its years; in the agreeing-outcome reading its quotation, denial and doubt), so one
    long sentence of outcomes cost its length squared: 40 KB of "Home prices rose in the city
    and", ending in a doubt, took 5.6 s of CPU past its parse for the opposite-outcome reading
    every verify runs on a retrieved passage and the agreeing one; an evidence index holds such
    a passage where a document has no full stop.
    """
    import time

    from veracity.verify import cues

    claim = "Home prices rise in the city"
    passage = " ".join(["Home prices rose in the city and"] * 1_200) + " nothing else may."
    cues._parse(passage)  # the parse is linear (spaCy); what is read from it is timed
    started = time.process_time()
    assert opposite_outcomes(claim, passage, parsed=True) == []
    assert agreeing_outcomes(claim, passage) == []  # "may": a doubt in the one sentence
    assert time.process_time() - started < 1.5
    # one plain sentence among them still agrees, and its years are still its own
    dated = passage + " Home prices rose in the city in 2024."
    assert agreeing_outcomes(claim, dated) == ["rise = rose"]
    events, _ = cues._read(dated)
    assert {event.years for event in events} == {frozenset(), frozenset({"2024"})}


def test_a_passage_sentence_of_many_negated_verbs_is_read_in_linear_time():
    """Hostile round 11, attack 5: the negated-event reading (session 43, shipped on) read the
    sentence's words outside quotations again for each negated verb of the claim's, and walked
    from each up to the root of the parse to ask whether it was reported, so one long sentence
    of them cost its length squared: 40 KB of "officials said the repairs were not cancelled
    and" took 1.3 s of CPU past its parse (80 KB about 5 s, 1 MB over ten minutes), 29 KB of
    'the repairs were "not cancelled" and' 0.7 s; an evidence index holds such a passage where
    a document has no full stop, read by every verify that retrieves it."""
    import time

    from veracity.verify import cues

    claim = "The bridge repairs were cancelled in May because the contractor went bankrupt."
    reported = "officials said the repairs were not cancelled and " * 1_600 + "done."
    quoted = 'the repairs were "not cancelled" and ' * 1_600 + "done."
    for passage in (reported, quoted):
        cues._parse(passage)  # the parse is linear (spaCy); what is read from it is timed
    started = time.process_time()
    assert negated_event(claim, reported) == []  # each one someone's word, reported
    assert negated_event(claim, quoted) == []  # each one inside a quotation
    assert time.process_time() - started < 1.0
    # the reading itself is as before: plainly, and reported only where asked for
    assert negated_event(claim, reported, reported=True) == ["cancelled = not cancelled"]
    assert negated_event(claim, "The repairs were not cancelled, a spokeswoman said.") == [
        "cancelled = not cancelled"
    ]


def test_a_restatement_need_not_say_when_as_the_claim_says_it_relative_to_its_day():
    # probe s40: a report of the month after says "in March" for a claim's "last month"
    passage = "Employers added 196,000 jobs, more than economists had expected."
    assert plain_restatement("Employers added 196,000 jobs last month", passage)
    assert plain_restatement("Employers added 196,000 jobs on Friday.", passage)
    assert plain_restatement("This year employers added 196,000 jobs.", passage)
    # what happened still counts in full: its figures and every other word
    assert not plain_restatement("Employers added 169,000 jobs last month", passage)
    assert not plain_restatement("Employers added 196,000 factory jobs last month", passage)
    assert not plain_restatement("Employers added 196,000 jobs in March", passage)


def test_a_long_claim_lists_each_reversed_outcome_once():
    claim = "Prices rose again. " * 500  # the longest claim the CLI takes (10,000 characters)
    assert opposite_outcomes(claim[:10_000], "Prices fell in May. Prices fell in June.") == [
        "rose -> fell"
    ]


def test_a_parse_reads_opposites_outside_the_lexicon_and_subjects_named_otherwise():
    claim = "The city council approved the budget."
    # a phrasal verb, a plural body for the council, a passive with a stand-in noun
    assert opposite_outcomes(claim, "Councillors threw out the budget on Tuesday.") == []
    assert opposite_outcomes(
        claim, "Councillors threw out the budget on Tuesday.", parsed=True
    ) == ["approved -> threw out"]
    assert opposite_outcomes(
        claim, "The budget went to a vote. The plan was thrown out 6-3.", parsed=True
    ) == ["approved -> thrown out"]
    assert opposite_outcomes(
        "The government eased restrictions in March.",
        "The government tightened restrictions in March.",
        parsed=True,
    ) == ["eased -> tightened"]
    assert opposite_outcomes(
        "Unemployment in Spain declined.", "The unemployment rate in Spain ticked up.", parsed=True
    ) == ["declined -> ticked up"]
    # a pronoun for the claim's person, a negated outcome, "was beaten"
    assert opposite_outcomes(
        "A jury convicted the former mayor.",
        "The former mayor walked free after a jury acquitted him.",
        parsed=True,
    ) == ["convicted -> acquitted"]
    assert opposite_outcomes(
        "The senate passed the bill.", "The senate did not pass the bill.", parsed=True
    ) == ["passed -> not pass"]
    assert opposite_outcomes(
        "The home team won the final.", "The home team was beaten in the final.", parsed=True
    ) == ["won -> beaten"]
    # the lexicon's findings stand, each outcome listed once
    assert opposite_outcomes(
        "The council rejected the budget.", "The council approved the budget.", parsed=True
    ) == ["rejected -> approved"]


def test_failing_to_do_something_is_no_vote_that_failed():
    # "failed to lower costs" did not manage to; "failed to pass" is a failed vote
    claim = "The health care law failed to bring down premiums."
    passage = "Congress passed the health care law in 2010; premiums kept rising."
    assert opposite_outcomes(claim, passage) == []
    assert opposite_outcomes(claim, passage, parsed=True) == []
    assert opposite_outcomes(
        "The Senate passed the farm bill.", "The farm bill failed to pass the Senate."
    ) == ["passed -> not pass"]
    assert opposite_outcomes(
        "The Senate passed the farm bill.",
        "The farm bill failed to pass the Senate.",
        parsed=True,
    ) == ["passed -> not pass"]


def test_a_parse_reads_a_suspension_and_its_resumption_as_opposite_outcomes():
    # issue 16: "suspended all aid convoys" was read as support for "resumed aid convoys"
    claim = "The United Nations resumed aid convoys to Aleppo."
    for passage, reversal in (
        ("The United Nations suspended all aid convoys in Syria after the attack.", "suspended"),
        ("The United Nations halted aid convoys to Aleppo.", "halted"),
        ("The United Nations stopped aid convoys to Aleppo.", "stopped"),
    ):
        assert opposite_outcomes(claim, passage, parsed=True) == [f"resumed -> {reversal}"]
    assert opposite_outcomes(
        "Egypt halted gas exports to Israel.", "Egypt resumed gas exports to Israel.", parsed=True
    ) == ["halted -> resumed"]
    # a suspension that was later lifted, or one of another year, reverses no resumption
    assert (
        opposite_outcomes(
            claim,
            "The United Nations resumed aid convoys to Aleppo, after suspending them in September.",
            parsed=True,
        )
        == []
    )
    earlier = "The United Nations suspended aid convoys to Aleppo in 2016."
    assert opposite_outcomes(claim, earlier, parsed=True, another_time=False) == []


def test_wordnet_event_nouns_state_outcomes_about_what_they_name():
    # measured, not shipped (bench/opposite_outcomes.py): outcomes said as nouns
    nouns = ("nouns",)
    claim = "Imports increased in April."
    slide = "Trade figures showed a slide in imports in April."
    assert opposite_outcomes(claim, slide, parsed=True) == []
    assert opposite_outcomes(claim, slide, parsed=True, families=nouns) == ["increased -> slide"]
    assert opposite_outcomes(
        "The assembly approved the housing bill.",
        "The assembly's rejection of the housing bill was unanimous.",
        parsed=True,
        families=nouns,
    ) == ["approved -> rejection"]
    # about something else: another noun, or no noun at all
    for passage in (
        "Imports increased in April despite a slide in exports.",
        "Imports increased in April, and the slide was short-lived.",
    ):
        assert opposite_outcomes(claim, passage, parsed=True, families=nouns) == [], passage


def test_a_parse_reverses_nothing_about_another_thing_or_not_stated():
    claim = "Sales of electric cars increased last year."
    for passage in (
        "Electric car sales rose as sales of diesel cars declined.",
        "Sales of electric cars increased, while oil demand fell.",
        # a new one ("a separate plan"), a name the claim lacks, a measure, not an outcome
        "Sales of electric cars rose 35 percent last year.",
        "Sales of electric cars threatened to slide last year.",
    ):
        assert opposite_outcomes(claim, passage, parsed=True) == [], passage
    budget = "The city council approved the budget."
    assert opposite_outcomes(budget, "The city council threw out a new plan.", parsed=True) == []
    assert opposite_outcomes(budget, "The mayor's budget was thrown out.", parsed=True) == []
    assert (
        opposite_outcomes(
            "Parliament approved the bill.", "Congress rejected the bill.", parsed=True
        )
        == []
    )
    # a verb that becomes something, a word that only starts like the claim's noun
    assert (
        opposite_outcomes("Temperatures have grown colder.", "Temperatures slid.", parsed=True)
        == []
    )
    assert (
        opposite_outcomes("Snowfall is increasing.", "Snowflakes tumbled on 19 days.", parsed=True)
        == []
    )
    # a negated claim
    assert opposite_outcomes("Exports did not slide.", "Exports tumbled.", parsed=True) == []


def test_clauses_cut_sentences_where_another_clause_begins() -> None:
    from veracity.verify.cues import clauses

    text = "The council approved the budget, while inflation fell. Prices rose; wages did not."
    assert [c.strip() for c in clauses(text)] == [
        "The council approved the budget",
        "inflation fell.",
        "Prices rose",
        "wages did not.",
    ]
    assert clauses("no sentence end") == ["no sentence end"]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The mayor hasn't signed it.", ["the", "mayor", "has", "not", "signed", "it"]),
        ("They didn’t vote.", ["they", "did", "not", "vote"]),  # typographic apostrophe
        ("It won't pass and can't.", ["it", "will", "not", "pass", "and", "can", "not"]),
        ("They cannot confirm it's true.", ["they", "can", "not", "confirm", "it's", "true"]),
        ("It failed to pass.", ["it", "failed", "not", "to", "pass"]),
        ("The bill failed in the Senate.", ["the", "bill", "failed", "in", "the", "senate"]),
    ],
)
def test_contracted_negations_are_read_as_negations(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        (
            "The governor raised the state sales tax in 2019.",
            "The governor didn’t raise the state sales tax in 2019, the budget office said.",
        ),
        (
            "The county has closed all of its public libraries.",
            "The county hasn't closed any of its public libraries.",
        ),
    ],
)
def test_a_contracted_denial_denies(claim, passage):
    assert denies(claim, passage)
    assert denies(claim, passage.replace("didn’t", "did not").replace("hasn't", "has not"))


@pytest.mark.parametrize("parsed", [False, True])
def test_a_vote_said_another_way_reverses_a_passed_bill(parsed):
    # a bill that passes is approved, one that fails or is defeated is rejected, active or
    # passive (probe3: "was rejected by the Senate" did not reverse "passed")
    claim = "The Senate passed the infrastructure bill."
    for passage in (
        "The Senate rejected the infrastructure bill on a party-line vote.",
        "The infrastructure bill was rejected by the Senate on Thursday.",
        "The infrastructure bill was voted down by the Senate.",
    ):
        assert opposite_outcomes(claim, passage, parsed=parsed) == ["passed -> rejected"]
    assert opposite_outcomes(
        "Lawmakers passed the gun control amendment.",
        "Lawmakers defeated the gun control amendment in a late-night vote.",
        parsed=parsed,
    ) == ["passed -> defeated"]
    # a bill that passes is approved, but a drug that fails in trials was not voted down
    assert (
        opposite_outcomes(
            "The board approved the merger.", "The board passed the merger.", parsed=parsed
        )
        == []
    )
    assert (
        opposite_outcomes(
            "The FDA approved the drug.", "The drug failed in trials, the FDA said.", parsed=parsed
        )
        == []
    )
    # the same vote, or another body's vote in its own clause, reverses nothing
    assert opposite_outcomes(claim, "The Senate passed the infrastructure bill 52-48.") == []
    assert (
        opposite_outcomes(
            "The House passed the defense bill.",
            "The House passed the defense bill, which the Senate had rejected last year.",
            parsed=parsed,
        )
        == []
    )


def test_a_parsed_defeat_of_a_bill_reverses_its_passage():
    assert opposite_outcomes(
        "The House passed the defense spending bill.",
        "The defense spending bill was defeated in the House late Wednesday.",
        parsed=True,
    ) == ["passed -> defeated"]


@pytest.mark.parametrize("parsed", [False, True])
def test_the_other_outcome_at_another_time_is_another_occurrence(parsed):
    # probe3: "The plant opened in 1985" refuted "the company closed its Detroit plant"
    claim = "The company closed its Detroit plant."
    passage = "The company opened its Detroit plant in 1985."
    assert opposite_outcomes(claim, passage, parsed=parsed, another_time=False) == []
    assert opposite_outcomes(claim, passage, parsed=parsed, another_time=True) == [
        "closed -> opened"
    ]
    # two such sentences are still two claims (near-duplicate grouping asks for either)
    assert opposite_outcomes(claim, passage, parsed=parsed) == ["closed -> opened"]
    # the claim's own year, or no year, is the same occurrence
    assert opposite_outcomes(
        "The Senate passed the bill in 2019.",
        "In 2019 the Senate rejected the bill.",
        parsed=parsed,
    ) == ["passed -> rejected"]
    assert opposite_outcomes(claim, "The company opened its Detroit plant.", parsed=parsed) == [
        "closed -> opened"
    ]
    # a trend over a span is one trend, whatever years it names
    assert opposite_outcomes(
        "Arctic sea ice has increased.",
        "Arctic sea ice declined from 1979 to 2012.",
        parsed=parsed,
        another_time=False,
    ) == ["increased -> declined"]


def test_a_claim_is_parsed_once_for_its_outcomes_and_its_verb(monkeypatch):
    from veracity.nlp import document
    from veracity.verify import cues

    parsed: list[str] = []
    deep = document.load_pipeline("deep")

    def counting(path: str):
        def parse(text: str):
            parsed.append(text)
            return deep(text)

        return parse

    monkeypatch.setattr(document, "load_pipeline", counting)
    monkeypatch.setattr(cues, "load_pipeline", counting, raising=False)
    for cached in ("_parse", "_read", "claim_verb"):
        if hasattr(cues, cached):
            getattr(cues, cached).cache_clear()
    claim = "The city council of Springfield approved the new stadium budget."
    cues.opposite_outcomes(
        claim, "The city council of Springfield rejected the stadium budget.", parsed=True
    )
    assert cues.claim_verb(claim).lemma == "approve"
    assert parsed.count(claim) == 1


def test_quotation_parts_split_a_passage_at_its_quotation_marks():
    quoted, unquoted = quotation_parts(
        '"Drinking bleach cures COVID-19 within days," the tweet reads. It is not true.'
    )
    assert quoted == "Drinking bleach cures COVID-19 within days,"
    assert "tweet reads" in unquoted and "bleach" not in unquoted
    # curly marks; a passage that starts inside a quotation, and one that ends inside one
    assert quotation_parts("He called it \u201ca clear violation\u201d of the truce.")[0] == (
        "a clear violation"
    )
    assert quotation_parts('full 5G coverage." The tweet was shared.')[0] == "full 5G coverage."
    assert quotation_parts('A post says: "5G towers spread the virus.')[0] == (
        "5G towers spread the virus."
    )
    assert quotation_parts("No quotation here, only the writer's words.")[0] == ""


def test_a_passage_quotes_the_claim_when_the_claims_words_are_inside_the_quotation():
    claim = "Drinking bleach cures COVID-19."
    assert quotes_claim(claim, '"Drinking a little bleach cures COVID-19," the post reads.')
    assert quotes_claim(claim, "The post reads: \u201cBleach drinking cures COVID-19!\u201d")
    # stated in the passage's own words, with a quoted aside: not a quotation of the claim
    assert not quotes_claim(
        claim, 'Drinking bleach cures COVID-19, doctors found, calling it "a breakthrough".'
    )
    # a quotation of something else
    assert not quotes_claim(claim, '"Stay safe," the minister said about COVID-19 rules.')
    assert not quotes_claim(claim, "Drinking bleach cures COVID-19, the clinic said.")
    # with ``circulating``, only a quotation the passage says circulates or is a claim
    post = '"Drinking a little bleach cures COVID-19," the post reads.'
    assert quotes_claim(claim, post, circulating=True)
    assert quotes_claim(
        claim, 'Some claimed that "drinking bleach cures COVID-19".', circulating=True
    )
    assert not quotes_claim(
        claim, 'The ministry concluded: "Drinking bleach cures COVID-19."', circulating=True
    )


@pytest.mark.parametrize(
    ("claim", "stated"),
    [
        # probe s39: the attribution is not what is claimed
        (
            "Health officials reported 125 measles cases in the state this year, the health "
            "department said on Monday.",
            "Health officials reported 125 measles cases in the state this year.",
        ),
        (
            "Prices rose 5 percent in May, officials told reporters.",
            "Prices rose 5 percent in May.",
        ),
        ("Crime fell by 10 percent, according to the police.", "Crime fell by 10 percent."),
        ("According to the WHO, 3 million people died in 2020.", "3 million people died in 2020."),
        # probe s47 (V3): a speaker before what is said, and after a quotation
        (
            "Councillor Ann Hayes said on Monday that the county added 4,200 jobs in 2023.",
            "The county added 4,200 jobs in 2023.",
        ),
        (
            "Her challenger, Maria Reyes, said the county lost two hospitals since 2020.",
            "The county lost two hospitals since 2020.",
        ),
        (
            "Hayes also said the bridge on Route 9 was repaired on time and under budget.",
            "The bridge on Route 9 was repaired on time and under budget.",
        ),
        (
            '"The Lakeside hospital closed last year," Reyes told supporters.',
            "The Lakeside hospital closed last year.",
        ),
        (
            "The minister said in a statement on Tuesday that the tax rate will rise to 20 percent.",
            "The tax rate will rise to 20 percent.",
        ),
        ("Data said to show warming stopped in 1998.", None),
        ("The group claimed responsibility for the attack on the base.", None),
        ("Hillary Clinton called the TPP the gold standard.", None),
        ("IBM To Cut More Than 110,000 Jobs, Report Says", "IBM To Cut More Than 110,000 Jobs."),
        # probe s46: records or data that show it are who says it too
        (
            "The city has not raised its property tax rate since 2020, council records show",
            "The city has not raised its property tax rate since 2020.",
        ),
        (
            "Jobless claims fell to 200,000 last week, Labor Department data showed on Thursday.",
            "Jobless claims fell to 200,000 last week.",
        ),
        ("The video shows police beating a man.", None),
        # kept whole: no attribution, too little left, or a clause that is the claim's own
        ("Taxes rose, he said.", "Taxes rose, he said."),
        (
            "The company, which reported losses, said its profits doubled.",
            "The company, which reported losses, said its profits doubled.",
        ),
        (
            "The plan, officials said, would cut costs.",
            "The plan, officials said, would cut costs.",
        ),
        (
            "Tourism grew 4 percent in the United States",
            "Tourism grew 4 percent in the United States",
        ),
        ("iOS 8.2 arriving Monday, here are the release notes", None),
        ("Special Safes In Apple Stores For Gold Models, April Launch Confirmed", None),
        # stop 47's fact-checker case: what the speaker called her figures is no part of them
        (
            "unemployment fell to 3.1 percent, figures she called proof that her budget worked.",
            "Unemployment fell to 3.1 percent.",
        ),
        (
            "The county added 4,200 jobs in 2023, a gain the mayor hailed as historic.",
            "The county added 4,200 jobs in 2023.",
        ),
        (
            "Crime fell 10 percent, which he called proof that the plan worked.",
            "Crime fell 10 percent.",
        ),
        # stop 48's second fact-checker case: what others answered to the claim is no part of it
        (
            "He also said the outbreak was caused by Carver City's water supply, which health "
            "officials denied.",
            "The outbreak was caused by Carver City's water supply.",
        ),
        ("He was charged with fraud, which he has denied.", "He was charged with fraud."),
        # an answer inside the sentence, or a thing turned down that is part of the claim: kept
        ("The report, which critics disputed, found that crime fell.", None),
        ("The company made a new offer, which the union rejected.", None),
        # a thing's name, a call for something, a clause of its own: kept whole
        ("The gas builds up in the soil, forming mounds called \u2018pingoes.\u2019", None),
        ("The gas builds up in the soil, giant mounds called pingoes.", None),
        ("Prices rose 5 percent, the union called for a strike.", None),
        ("The report, which critics called flawed, found that crime fell.", None),
    ],
)
def test_without_attribution_leaves_what_is_claimed(claim: str, stated: str | None) -> None:
    assert without_attribution(claim) == (claim if stated is None else stated)


WAGE = (
    "Raising the minimum wage to $10.10 an hour would lift over a million Americans out of poverty"
)


@pytest.mark.parametrize(
    ("claim", "passage", "found"),
    [
        # probe s41: "about 900,000" is no "over a million" of the same people lifted
        (
            WAGE,
            "A report found that raising the minimum wage to $10.10 an hour would lift about "
            "900,000 people out of poverty, while costing an estimated 500,000 jobs.",
            ["over a million / about 900,000"],
        ),
        (
            WAGE,
            "CBO: minimum wage increase would lift 900,000 out of poverty",
            ["over a million / 900,000"],
        ),
        (
            "The unemployment rate fell to 3.9 percent.",
            "The unemployment rate fell to 4.1 percent.",
            ["3.9 percent / 4.1 percent"],
        ),
        # intervals that meet, another subject, another verb, another time, a negated verb
        (WAGE, "The increase would lift about 1.1 million people out of poverty.", []),
        (WAGE, "The increase would lift nearly a million people out of poverty.", []),
        ("The unemployment rate fell to 3.9 percent.", "Inflation fell to 2 percent.", []),
        (
            "The unemployment rate fell to 3.9 percent.",
            "The unemployment rate rose to 4.1 percent.",
            [],
        ),
        (
            "The unemployment rate fell to 3.9 percent in March.",
            "The unemployment rate fell to 4.1 percent in February.",
            [],
        ),
        (WAGE, "The increase would not lift 900,000 people out of poverty.", []),
        # the passage gives the claim's figure too: it states it
        (
            "The unemployment rate fell to 3.9 percent.",
            "The unemployment rate fell to 3.9 percent. Economists had expected it to fall to 4.1 percent.",
            [],
        ),
    ],
)
def test_a_passage_that_gives_another_figure_for_the_same_thing_contradicts_it(
    claim: str, passage: str, found: list[str]
) -> None:
    assert contradicting_figures(claim, passage) == found


@pytest.mark.parametrize(
    ("claim", "passage", "found"),
    [
        # probe s41: the head read the spokeswoman's denial as neutral
        (
            "The bridge repairs were cancelled in May because the contractor went bankrupt",
            "The repairs were not cancelled, a city spokeswoman said in May.",
            ["cancelled = not cancelled"],
        ),
        (
            "The council cancelled the bridge repairs",
            "The council did not cancel the repairs.",
            ["cancelled = not cancel"],
        ),
        # doubt, another thing, another year, a negated claim, the verb stated both ways
        ("The bridge repairs were cancelled", "The repairs may not be cancelled.", []),
        ("The bridge repairs were cancelled", "The concert was not cancelled.", []),
        (
            "The council cancelled the bridge repairs",
            "The council did not cancel the road repairs.",
            [],
        ),
        ("The festival was cancelled", "The festival was not cancelled in 2019.", []),
        ("The festival was not cancelled", "The festival was not cancelled.", []),
        ("The festival was cancelled", 'A post claimed: "the festival was not cancelled".', []),
        # only what a verb before it says: someone's word, reported (an agreeing FNC-1 dev body)
        ("The bridge repairs were cancelled", "Officials said the repairs were not cancelled.", []),
        (
            "Trump has 'made up his mind to withdraw US from Paris climate deal' despite saying "
            "publicly he will decide next week",
            "Though Trump has publicly said he has not yet made up his mind, Axios reports he "
            "has privately told several people of his decision.",
            [],
        ),
    ],
)
def test_a_passage_that_negates_the_claims_event_for_its_subject(
    claim: str, passage: str, found: list[str]
) -> None:
    assert negated_event(claim, passage) == found


def test_a_negation_someone_is_reported_to_say_is_read_only_when_asked():
    claim = "The bridge repairs were cancelled"
    passage = "Officials said the repairs were not cancelled."
    assert negated_event(claim, passage) == []
    assert negated_event(claim, passage, reported=True) == ["cancelled = not cancelled"]


@pytest.mark.parametrize(
    ("claim", "passage", "any_outcome", "repeatable"),
    [
        # probe s41: an approval of the repairs tells nothing of their cancellation
        (
            "Bridge repairs cancelled.",
            "Council approves Main Street bridge repairs\nThe city council voted on Tuesday to "
            "approve $12 million for repairs to the Main Street bridge.",
            ["cancelled / approves"],
            ["cancelled / approves"],
        ),
        # a change in amount may be the claim's own said otherwise: only "any" reads it
        (
            "Arctic ice is melting.",
            "Arctic sea ice has declined since 1979.",
            ["melting / declined"],
            [],
        ),
        # the claim's verb said, the claim's outcome said another way, another subject
        ("Bridge repairs cancelled.", "The repairs were not cancelled, the city said.", [], []),
        (
            "The Senate passed the farm bill.",
            "The Senate approved the farm bill on Thursday.",
            [],
            [],
        ),
        ("Bridge repairs cancelled.", "The council approved the new stadium.", [], []),
    ],
)
def test_a_passage_that_states_another_outcome_for_the_claims_subject(
    claim: str, passage: str, any_outcome: list[str], repeatable: list[str]
) -> None:
    assert another_outcome(claim, passage) == any_outcome
    assert another_outcome(claim, passage, repeatable=True) == repeatable


PROBE_S43_CLAIM = "Early voting made up more than half the vote in Florida in 2012."


@pytest.mark.parametrize(
    ("claim", "passage", "expected"),
    [
        # probe s43: the claim's event reported for another state
        (
            PROBE_S43_CLAIM,
            "That marks an 8 percent increase. Early voting in Ohio in 2012 and 2008 comprised "
            "some 30 percent of the overall vote.",
            ["Ohio"],
        ),
        # it names the claim's place too, or the nation that holds it
        (PROBE_S43_CLAIM, "Early voting rose in Ohio and in Florida.", []),
        (PROBE_S43_CLAIM, "Early voting rose across the United States, in Ohio too.", []),
        # a city may lie in the claim's state: left alone
        (PROBE_S43_CLAIM, "Early voting in Miami and in Ohio rose.", []),
        # a country for a state's claim; the claim without a place, or with a city
        ("The Ohio plant closed in May.", "In Germany, the plant closed in May.", ["Germany"]),
        ("Early voting made up half the vote.", "Early voting in Ohio was half the vote.", []),
        ("Early voting in Miami rose.", "Early voting in Ohio rose.", []),
    ],
)
def test_a_passage_that_names_only_other_places_than_the_claims(
    claim: str, passage: str, expected: list[str]
) -> None:
    assert other_places(claim, passage) == expected


FNC_2108_CLAIM = "Brit teenage jihadi killed in Syrian airstrike as Britain set to enter war"


@pytest.mark.parametrize(
    ("claim", "passage", "names_only", "beside", "anywhere"),
    [
        # FNC-1 body 2108 (agrees): "Syrian" is where the claim's airstrike was
        (
            FNC_2108_CLAIM,
            "al-Britani has been killed in an airstrike in Syria.",
            ["Syria"],
            [],
            [],
        ),
        # another place than the claim's and its nationality word's
        (
            FNC_2108_CLAIM,
            "A teenager was killed in an airstrike in Iraq.",
            ["Iraq"],
            ["Iraq"],
            ["Iraq"],
        ),
        # a claim that names no place: "beside" leaves it alone, "any" reads "Syrian" as one
        (
            "Syrian refugees are flooding Europe.",
            "Germany took in a million refugees last year.",
            [],
            [],
            ["Germany"],
        ),
        # "Republican" names no place
        (
            "Republican senators in Ohio rejected the bill.",
            "Senators in Texas rejected it.",
            ["Texas"],
            ["Texas"],
            ["Texas"],
        ),
    ],
)
def test_a_claims_nationality_words_as_its_places(
    claim: str, passage: str, names_only: list[str], beside: list[str], anywhere: list[str]
) -> None:
    assert other_places(claim, passage) == names_only
    assert other_places(claim, passage, "beside") == beside
    assert other_places(claim, passage, "any") == anywhere


CO2_CLAIM = (
    "But observations, such as those on our CO2 Coalition website, show that increased CO2 "
    "levels over the next century will cause modest and beneficial warming"
)


def test_what_a_claims_finding_is_about_is_what_the_claim_is_about() -> None:
    # the main verb reports a finding ("show that ..."): its clause's subject is named too
    # said as written (probe s47, V4: "Her challenger , Maria Reyes , crime")
    assert claim_subject(CO2_CLAIM) == "observations, such as those on our CO2 Coalition website"
    assert (
        claim_subject("Her challenger, Maria Reyes, said crime went up 40%.", findings=True)
        == "Her challenger, Maria Reyes, crime"
    )
    assert claim_subject(CO2_CLAIM, findings=True).endswith(
        "increased CO2 levels over the next century"
    )
    projection = "A projected increase of 4.05 degrees Fahrenheit is expected by 2065."
    assert not names_subject(CO2_CLAIM, projection)
    assert names_subject(CO2_CLAIM, projection, findings=True)
    # a claim whose verb reports nothing keeps its one subject
    plain = "Chlorine dioxide cures Covid-19 in four days."
    assert claim_subject(plain, findings=True) == claim_subject(plain) == "Chlorine dioxide"


HCQ_QUESTION = "More:Can hydroxychloroquine prevent COVID-19? President Trump thinks maybe."


def test_a_passage_whose_only_sentence_on_the_claim_asks():
    # probe s44: the question was read as support for the claim
    claim = "Hydroxychloroquine cures COVID-19."
    assert only_asks(claim, HCQ_QUESTION) == ["More:Can hydroxychloroquine prevent COVID-19?"]
    # a closing quote after the question mark, a sentence on something else before it; a
    # question that ends the passage may be answered by the next one's first sentence
    quoted = 'There\'s no data to support that. "Does hydroxychloroquine cure COVID-19?"'
    assert only_asks(claim, quoted) == []
    asked = only_asks(claim, quoted + "\nNobody knows.")
    assert asked == ['"Does hydroxychloroquine cure COVID-19?"']
    # a question and a statement on the claim: it states; no question: it states
    answered = HCQ_QUESTION + " Doctors say hydroxychloroquine cures COVID-19 in days."
    assert only_asks(claim, answered) == []
    assert only_asks(claim, "Hydroxychloroquine prevents COVID-19, Trump said.") == []
    # no sentence on the claim, or a claim that asks itself
    assert only_asks(claim, "Is the vaccine safe? Nobody knows.") == []
    assert only_asks("Can hydroxychloroquine prevent COVID-19?", HCQ_QUESTION) == []


def test_a_question_answered_or_asked_by_the_claim_is_not_only_asking():
    """bench/question_rule.py (stop 44) on FNC-1 dev: body 1486's claim asks mid-text and its
    passage answers its question in the next sentence, and body 58's question ends its passage,
    its answer the next passage's ("... the answer is about half an ounce"): each was read as a
    passage that only asks (one wrong verdict, one inverted)."""
    beats = (
        "So why would Apple plan to shut down Beats Music, as a TechCrunch headline reports? "
        "Answer: It’s not."
    )
    assert only_asks("Apple to shut down Beats Music? Not so Apple says", beats) == []
    # the same passage against a claim that does not ask: the answer is read
    assert only_asks("Apple is going to shut down Beats Music", beats) == []
    gold = (
        "The math is all explained in geeky detail on a blog called All This. How much actual "
        "gold will be in the Apple Watch Edition?"
    )
    assert only_asks("Apple Watch Edition contains new “Apple gold”", gold) == []
    claim = "Hydroxychloroquine cures COVID-19."
    asked = "Does hydroxychloroquine cure COVID-19?"
    for answer in ("No, it does not.", "Yes.", "Not so.", "The answer: it does not."):
        assert only_asks(claim, f"{asked} {answer}") == []
    answered = f"{asked} For most patients the answer is no."
    assert only_asks(claim, answered) == []
    # what follows and does not answer leaves it asked
    for other in ("Nobody knows.", "President Trump thinks maybe.", "No one has tested it."):
        assert only_asks(claim, f"{asked} {other}") == [asked]


def test_a_change_said_at_no_time_is_held_to_a_span_only_with_the_measured_switch(monkeypatch):
    """Probe s48 V1 (bench/untimed_change.py, not enabled): "Property taxes rose 4 percent."
    names no time, and a passage's change over 2021-2024 may be of another span than the
    claim's. With ``UNTIMED_CHANGES`` the passage's amount counts; a claim that names any time
    ("last year") is still held to the passage's years, and over the same span it counts
    either way."""
    from veracity.verify import cues

    passage = "The budget office said property taxes rose 9 percent between 2021 and 2024."
    untimed = "Property taxes rose 4 percent."
    assert cues.other_change(untimed, passage) == []
    spanned = "Property taxes rose 4 percent between 2021 and 2024."
    assert cues.other_change(spanned, passage) == ["4 percent / 9 percent"]
    monkeypatch.setattr(cues, "UNTIMED_CHANGES", True)
    assert cues.other_change(untimed, passage) == ["4 percent / 9 percent"]
    assert cues.other_change("Property taxes rose 4 percent last year.", passage) == []
    assert cues.other_change("Property taxes rose 9 percent.", passage) == []  # the figure


def test_an_owners_change_is_refuted_only_by_a_sentence_that_says_whose():
    """Probe s48's leftover, decided (stop 49): "The county's property tax rose 9 percent."
    against "Property taxes rose 4 percent." takes no side: the sentence names no owner and
    may be about another county's taxes (or the state's), so a fact-checker is not given a
    refutation the passage does not state. A sentence that says whose ("in the county", "the
    county said", "the county's") refutes it; another owner's does not."""
    from veracity.verify import cues

    claim = "The county's property tax rose 9 percent."
    assert cues.other_change(claim, "Property taxes rose 4 percent.") == []
    assert cues.other_change(claim, "The city's property taxes rose 4 percent.") == []
    for whose in (
        "The county's property taxes rose 4 percent.",
        "Property taxes in the county rose 4 percent.",
        "The county said property taxes rose 4 percent.",
    ):
        assert cues.other_change(claim, whose) == ["9 percent / 4 percent"], whose
