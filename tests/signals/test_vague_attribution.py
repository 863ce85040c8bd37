import pytest

from tests.conftest import analysed
from veracity.signals import detect_signals


def quotes(text: str, depth: str = "deep") -> list[str]:
    signals = detect_signals(analysed(text, depth), names=["vague_attribution"])
    for s in signals:
        assert text.find(s.quote) >= 0
    return [s.quote.lower() for s in signals]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("But experts are convinced that it is.", "experts are convinced"),
        ("It is believed that the plant leaked for weeks.", "it is believed that"),
        ("Sources say the deal was signed in May.", "sources say"),
        ("Many people are saying the vote was rigged.", "many people are saying"),
        ("They are widely believed to be called off for good.", "are widely believed to"),
        ("The minister reportedly resigned on Friday.", "reportedly"),
        ("According to unnamed officials, the talks failed.", "according to unnamed officials"),
    ],
)
def test_flags_vague_attribution(sentence: str, expected: str, depth: str) -> None:
    assert expected in quotes(sentence, depth)


@pytest.mark.parametrize(
    "sentence",
    [
        "Experts from the USA, Turkey and Israel were giving militant groups support.",
        "Dr. Jane Smith, an epidemiologist at Johns Hopkins, said the data were clear.",
        "The ministry said in a statement on Tuesday that 40 people had died.",
        "People queued for hours outside the stadium.",
    ],
)
def test_named_or_non_attributive_text_is_not_flagged(sentence: str) -> None:
    assert quotes(sentence) == []


@pytest.mark.data
def test_seed_article_experts_are_convinced(seed_text: str) -> None:
    assert "experts are convinced" in quotes(seed_text)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # one family, many phrasings: an anonymous source, described but not named
        (
            "Sources close to the ministry say the plan is dead.",
            "sources close to the ministry say",
        ),
        ("A source close to the couple told the magazine they had split.", "a source close to"),
        ("“It is over,” the insider adds.", "the insider adds"),
        ("“It is over,” continues the insider.", "continues the insider"),
        ("Two people familiar with the matter confirmed the talks.", "familiar with the matter"),
        ("The plan was dropped, according to a senior administration official.", "official"),
        ("The film was praised by critics.", "praised by critics"),
        (
            "Scientists have long insisted that emissions must fall.",
            "scientists have long insisted",
        ),
    ],
)
def test_flags_anonymous_sources_in_any_phrasing(sentence: str, expected: str, depth: str) -> None:
    assert any(expected in quote for quote in quotes(sentence, depth))


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        "Cases rose by 4 percent, according to official figures released on Monday.",
        "People feel extreme fear when they are seriously ill.",
        "Browns staffers continue to work remotely this month.",
        '"People thought we were crazy because they never believed it," says Vicino.',
        "According to the Daily News report, Rodriguez told his ex-wife he would cut payments.",
    ],
)
def test_named_sources_adjectives_and_quoted_speech_are_not_flagged(
    sentence: str, depth: str
) -> None:
    assert quotes(sentence, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_organisation_speaking_is_not_an_impersonal_passive(depth: str) -> None:
    assert quotes("It said higher growth in food was partly offset by apparel.", depth) == []
    assert quotes("Vietnam says it has reported no deaths so far.", depth) == []
    assert "it has been reported that" in quotes("It has been reported that he left.", depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        # The Cincinnati Enquirer's endorsement was "credited to unnamed authorities" (probe s35)
        "While the newspaper praised her record, it also said mistakes were made in Benghazi.",
        "The company has said it also reported the leak to regulators.",
        "The ministry said on Monday it has said all along that the plant is safe.",
        "The agency admitted it thought the figures were wrong.",
        "She made it known that she would not run.",
    ],
)
def test_an_active_it_with_an_adverb_or_another_verb_is_not_a_passive(
    sentence: str, depth: str
) -> None:
    """A passive needs its auxiliary: 'it also said', 'it has said', 'it thought' and 'made it
    known' are someone speaking (28 such spans in BuzzFeed-Webis, SemEval hyperpartisan,
    ReCOVery and FakeNewsNet, 0 kept)."""
    assert quotes(sentence, depth) == []
    assert quotes("It is also said that he left.", depth) == ["it is also said that"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        # a document whose author is named (probe5: the deep path's dependency rule read the
        # report as an unnamed source whatever followed it)
        "The council approved the plan, according to a report by Reuters.",
        "According to a study from Harvard University, rainfall rose by 15 percent.",
        "A report by the Government Accountability Office said the levees were old.",
        "According to a report by the state environment agency, 300 homes were damaged.",
        "A study published in The Lancet shows the drug works.",
    ],
)
def test_a_document_credited_to_a_named_author_is_not_vague(sentence: str, depth: str) -> None:
    assert quotes(sentence, depth) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("According to a report, the mayor will resign.", "according to a report"),
        ("According to a study by researchers, rainfall rose.", "according to a study"),
        ("A source in the White House said the plan failed.", "a source in the white house said"),
        ("According to a study of 1,000 Americans, most back the plan.", "according to a study"),
    ],
)
def test_an_unnamed_document_or_a_placed_person_is_still_vague(
    sentence: str, expected: str
) -> None:
    assert any(expected in quote for quote in quotes(sentence)), quotes(sentence)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        "Jobs fell by a fifth, according to a Business Insider analysis of the BLS data.",
        "West is irate by the lack of respect, according to Celebrity Insider.",
        "His performance was poorly received. According to the Dallas Observer, it flopped.",
        "That will save money, according to the state's Legislative Analyst's Office.",
    ],
)
def test_a_source_word_that_ends_a_name_is_not_anonymous(sentence: str, depth: str) -> None:
    """'according to a Business Insider analysis' was 'Credits the claim to unnamed authorities'
    and lowered the reliability score as 'leans on unnamed sources or rumour' (probe s35); 11 such
    names in BuzzFeed-Webis, SemEval hyperpartisan, ReCOVery and FakeNewsNet."""
    assert quotes(sentence, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_title_case_headline_keeps_its_anonymous_source(depth: str) -> None:
    headline = "Why Meghan Wears Pink, According to Royal Experts\n\nShe likes pink."
    assert quotes(headline, depth) == ["according to royal experts"]
    assert quotes("Rumour Has It That Meghan Is Moving\n\nShe is not.", depth) == ["rumour has it"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        "The officials met on Monday. They said the talks had failed.",
        "Republicans saw the bill as a blunder. They said the benefits were too generous.",
        "Garner and Affleck finalized their divorce. They said they wanted to move on.",
        "The police told me nothing. After a few weeks they said the case was closed.",
        "That's the claim being made by the National Enquirer. They say she is in rehab.",
        "The study was run by the CDC. They believe the rate will fall.",
        "Sarah Palin, Mike Pence, Michelle Bachmann. They say it's our way or no way.",
    ],
)
def test_they_with_a_referent_just_named_is_not_an_unnamed_source(text: str, depth: str) -> None:
    """'they say / they said' was flagged 1,298 times in the article corpora, about nine in ten
    of them a group or person named in the same or the sentence before (probe s35, read by
    hand on 50)."""
    assert quotes(text, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        "Senator Jim Webb, Senator Chuck Hagel, they think for themselves.",
        "Helena Kim and her partner live in a loft. When they agreed to the photos, they smiled.",
    ],
)
def test_they_after_names_listed_or_a_name_and_a_partner_refers_to_them(
    text: str, depth: str
) -> None:
    """closing38: "Senator Jim Webb, Senator Chuck Hagel, they think" was an unnamed source
    (dba5a27 read it: two names listed with commas, not three, were no named group), and so
    was "they" after "Helena Kim and her partner"."""
    assert quotes(text, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_people_written_as_a_name_is_the_magazine_not_unnamed_people(depth: str) -> None:
    """ "according to People" and ", People reported" were "Credits the claim to unnamed
    authorities" (79 of them in FakeNewsNet and PropaNews, read by hand): a source word with a
    capital inside a sentence is a name. Unnamed people, a source for People, a speaker's
    "People are saying" and a Title Case line stay vague."""
    named = (
        "The actress considers this her first wedding, according to People. Musk is working on "
        "the car, People reported. According to People, the couple split. He rested, as People "
        "reported, at home."
    )
    assert quotes(named, depth) == []
    unnamed = (
        "According to a source for People, the two are friends. BETTY LARKINS: People are "
        "saying a recession might come.\n\nWhy People Are Claiming The Vote Was Rigged\n\nPeople "
        "say the vaccine is bad."
    )
    assert quotes(unnamed, depth) == [
        "according to a source for people",
        "people are saying",
        "people are claiming",
        "people say",
    ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They say the vaccine changes your DNA.", "they say"),
        ("The weather was cold on Monday. They say the vaccine changes your DNA.", "they say"),
        ("I said, “Great, I'll sue him.” Then they said there was a catch.", "they said"),
        # a passive credits the claim to no one, whoever "they" are
        ("Two brothers took a hostage. They are believed to be the gunmen.", "they are believed"),
        # time and measure cannot speak (closing37: "seven years" was taken as "they")
        ("Unemployment stayed high for 43 months. They said the plan failed.", "they said"),
        ("He was jailed for seven years. They say he was framed by the police.", "they say"),
    ],
)
def test_they_with_no_referent_or_in_a_passive_is_still_vague(
    text: str, expected: str, depth: str
) -> None:
    assert any(expected in quote for quote in quotes(text, depth)), quotes(text, depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        "Officials released the figures as soon as they were confirmed.",
        "The lab tested the samples. As soon as they were confirmed, the state closed the school.",
        "The first cases came from Wuhan. They were confirmed in March.",
        "The results are due on Friday. They were reported by the lab.",
    ],
)
def test_they_as_what_a_passive_confirmed_is_no_source(text: str, depth: str) -> None:
    """'as soon as they were confirmed' was 'Credits the claim to unnamed authorities' (probe
    s38): "they" are the figures just named, the thing confirmed, and no claim follows the
    passive for anyone to hold."""
    assert quotes(text, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_they_with_no_referent_as_what_was_confirmed_is_still_vague(depth: str) -> None:
    assert quotes("As soon as they were confirmed, the state closed the school.", depth) == [
        "they were confirmed"
    ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_passive_with_its_claim_after_it_is_still_vague(depth: str) -> None:
    assert quotes("Two men fled the scene. They were reported missing.", depth) == [
        "they were reported"
    ]


@pytest.mark.parametrize(
    ("sentence", "quote", "named"),
    [
        (
            "The deaths were confirmed by multiple reports.",
            "confirmed by multiple reports",
            "reports",
        ),
        ("It is no secret that the talks failed.", "it is no secret", "known to all"),
        ("It is believed that the plant leaked.", "it is believed that", "impersonal passive"),
    ],
)
def test_each_form_is_explained_as_what_it_is(sentence: str, quote: str, named: str) -> None:
    """The seed article's "confirmed by multiple reports" was explained as "an impersonal
    passive ('it is believed')": the explanation of another form of the same rule."""
    signals = detect_signals(analysed(sentence, "fast"), names=["vague_attribution"])
    (signal,) = [s for s in signals if s.quote.lower() == quote]
    assert named in signal.explanation


def test_others_after_a_group_just_named_are_more_of_that_group() -> None:
    """Probe s37: "Several residents asked ..., while others said" was credited to unnamed
    authorities, though "others" are the residents just named, as "they" already were. With no
    group before, "others say" is still flagged."""
    text = (
        "Several residents asked the council for help on Monday, while others said the "
        "flooding was worse than in 2010."
    )
    for depth in ("fast", "deep"):
        assert quotes(text, depth) == []
        assert "others say" in " ".join(quotes("Others say the plan is dead.", depth))
        # no group counted: "some" alone, a plural after a verb
        gossip = "Some wonder about her looks, while others think she had surgery."
        assert "others think" in " ".join(quotes(gossip, depth))
        hedged = "Some have suggested exchanges might stay shut, while others say they will open."
        assert "others say" in " ".join(quotes(hedged, depth))


@pytest.mark.parametrize(
    ("unit", "repeats"),
    [
        # one sentence (no full stop): each "they" read the whole text before it, and each
        # plural word after "he" searched back to the sentence's start for its last word
        # (about 11 s of CPU for this 10 KB before; 89 s at 20 KB)
        ("he runs and they said ", 460),
        # many sentences: each "they" looked its own sentence up by comparing every one
        # before it (7.7 s for this 400 KB before)
        ("They said. ", 36_000),
    ],
)
def test_a_text_of_many_theys_is_read_in_linear_time(unit: str, repeats: int) -> None:
    """A hostile text of "they said" (security.md, fifth round) costs what its length does."""
    import time

    text = unit * repeats
    start = time.process_time()
    found = quotes(text, "fast")
    assert time.process_time() - start < 2.0
    assert found  # a "they" with no referent named is still flagged


def test_the_referent_look_back_stops_at_a_word_start_within_its_limit() -> None:
    """A referent further back than REFERENT_LOOKBACK characters in one sentence is not
    read; the cut never splits a word into a plural ("…ocuments" of "documents")."""
    from veracity.signals.vague_attribution import REFERENT_LOOKBACK

    filler = "and then " * (REFERENT_LOOKBACK // 9 + 5)
    far = f"The officials met {filler}they said the plant had leaked."
    near = "The officials met and then they said the plant had leaked."
    assert "they said" in quotes(far, "fast")
    assert "they said" not in quotes(near, "fast")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "word", "two words  ", " lead\tand\ntrail ", "a\u00a0b", "x\u2003 ", "end  \n"],
)
def test_last_word_is_what_the_pattern_found(text: str) -> None:
    import re

    from veracity.signals.vague_attribution import _last_word

    pattern = re.compile(r"(\S+)\s*$")
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            found = pattern.search(text, start, end)
            assert _last_word(text, start, end) == (found.group(1) if found else None)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        # probe s45, a New York Times magazine piece: flagged "doctors hid in fear" (0.8) as
        # crediting a claim to unnamed doctors
        "The bishop tended to the ill while the city's doctors hid in fear.",
        "Researchers worked without a report for months.",
        "Critics of the claim were ignored.",
    ],
)
def test_a_belief_word_after_a_preposition_or_determiner_is_no_sources_verb(
    sentence: str, depth: str
) -> None:
    assert quotes(sentence, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Scientists have long insisted that the drug works.", "scientists have long insisted"),
        ("Experts now widely agree the plant leaked.", "experts now widely agree"),
        ("Doctors fear the virus will spread.", "doctors fear"),
    ],
)
def test_a_sources_verb_after_an_adverb_is_still_vague(
    sentence: str, expected: str, depth: str
) -> None:
    assert any(expected in quote for quote in quotes(sentence, depth)), quotes(sentence, depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_source_that_is_the_object_of_help_let_or_make_is_no_speaker(depth: str) -> None:
    """Probe s45: "could help doctors predict their risk" was flagged as "doctors predict"."""
    text = (
        "3 clues in coronavirus patients' blood could help doctors predict their risk of death "
        "10 days in advance. The rule might make people think it is safe to go out."
    )
    assert quotes(text, depth) == []
    assert quotes("Doctors predict that the outbreak will peak in May.", depth) != []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # GossipCop 4883785030, lost by be79be0: the span ran on to the noun "claims" and was
        # dropped whole; a source that denies speaks as one that says
        ("A source close to Shookus denies these claims.", "A source close to Shookus denies"),
        (
            "A source close to Shookus said these claims are false.",
            "A source close to Shookus said",
        ),
        (
            "Sources close to the ministry disputed the reports.",
            "Sources close to the ministry disputed",
        ),
        ("A source close to the couple denied the report.", "A source close to the couple denied"),
    ],
)
def test_a_source_that_denies_or_runs_on_to_a_noun_is_kept_to_its_verb(
    sentence: str, expected: str, depth: str
) -> None:
    assert quotes(sentence, depth) == [expected.lower()]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        # the source is the object, not the speaker
        "Affleck denied a source's story about the couple.",
        "The minister denied the insider account published on Monday.",
        # a passive denial: nobody speaks (Koirala 1696-1729)
        "One person with a fever also was denied boarding, he said.",
        # the source word is no verb of its own (PropaNews 620's live blog)
        "7News Sydney reports the suspect had one gun.",
    ],
)
def test_a_denial_of_a_sources_story_is_no_unnamed_source(sentence: str, depth: str) -> None:
    assert quotes(sentence, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_counted_population_is_no_vague_source(depth: str) -> None:
    """probe s46: a Reuters jobs story's lead, "The number of people claiming unemployment
    benefits in Britain leapt", was flagged (0.80) and lowered the score. A source the text
    counts ("the number of", "the share of") is the figure's population; "a number of experts
    say" is some experts, unnamed, and stays."""
    text = (
        "The number of people claiming unemployment benefits in Britain leapt in April to its "
        "highest level in nearly 24 years. The share of voters saying the economy is good fell. "
        "A number of experts say the plan will fail."
    )
    assert quotes(text, depth) == ["experts say"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_speakers_turn_in_a_transcript_is_their_account_not_the_outlets_attribution(
    depth: str,
) -> None:
    """Probe s47 S2 (a New York Times oral history, a Q&A): each line opens with a speaker's
    label the text repeats; "everyone knows everyone" and "They said, ..." are theirs."""
    text = (
        "The prison has reported 40 cases since March.\n\n"
        "Mayor Paul: We're a close-knit community and everyone knows everyone, so there is "
        "a lot of concern.\n\n"
        'Correctional Officer 1: No one told us he might have it. They said, "Hey, he got '
        'asthma issues."\n\n'
        "Mayor Paul: As of last week, they were still bringing in new inmates.\n\n"
        "Correctional Officer 1: Everybody knows the warden was warned.\n\n"
        "Sources say the warden will resign."
    )
    assert quotes(text, depth) == ["sources say"]
    # one label, once, is no transcript: the line is the article's own
    assert "everybody knows" in quotes("Update: Everybody knows the warden was warned.", depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_belief_adjective_needs_be_before_it(depth: str) -> None:
    """Probe s47 S2: the officials are told, and "certain" counts the inmates."""
    text = (
        "On March 26, Attorney General William P. Barr advised Bureau of Prisons officials "
        "that certain inmates who are nonviolent could be released."
    )
    assert quotes(text, depth) == []
    assert quotes("Experts are certain that the inmates will be released.", depth) != []
    assert quotes("Many officials were sure the plan would fail.", depth) != []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence", ["Officials aren't sure the virus came from a lab.", "Experts are not so sure."]
)
def test_a_belief_adjective_after_be_and_a_negation_stays_vague(sentence: str, depth: str) -> None:
    assert quotes(sentence, depth) != []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Local residents say the fire was started deliberately.", "local residents say"),
        ("The firm switched off its sprinklers, former workers claim.", "former workers claim"),
        ("Some parents insist the road is unsafe.", "some parents insist"),
        ("Three died, according to posts shared widely online.", "according to posts"),
        ("According to social media posts, the mayor resigned.", "according to social media posts"),
    ],
)
def test_a_group_the_text_does_not_name_is_vague(sentence: str, expected: str, depth: str) -> None:
    """Probe s49 S1: a plural of ordinary people (residents, workers, parents) or posts online,
    credited with a claim and named nowhere, is as vague as "sources say"."""
    assert expected in quotes(sentence, depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        "The residents say they are pleased with the new crossing.",
        "Residents said they heard two explosions before dawn.",
        "Dunmore's former workers claim unpaid wages in a lawsuit.",
        "According to tweets from the White House, the visit was cancelled.",
        "Not everyone is convinced.",
        "Not all experts agree.",
        "Twelve patients suspected of having the virus were isolated.",
        "In the survey, 67% of employees believe their employers care about them.",
        "VA Says It's Getting More Masks; Workers Say They're Still Unsafe",
        "Millions more workers claimed unemployment benefits in the United States.",
        "Blue Origin employees say there is work they could do at home.",
        "Do students believe they can succeed at the task?",
        "Prices fell, according to traders' estimates.",
    ],
)
def test_a_named_reporting_or_negated_group_is_not_vague(sentence: str, depth: str) -> None:
    """A group the text has named ("the residents", "Dunmore's workers"), people a reporter
    spoke to ("residents said"), posts with their author, a negated source ("Not everyone is
    convinced": dissent, probe s49 S4), a survey's share and a Title Case headline (wire
    stories' forms) credit nothing to an unnamed authority."""
    assert quotes(sentence, depth) == []


def test_a_report_its_definite_owner_names_is_not_vague() -> None:
    """Probe s49 S3: "according to the organisers' report" names whose report it is."""
    assert quotes("Turnout rose by a third, according to the organisers' report.") == []
    assert quotes("Turnout rose by a third, according to the council's own report.") == []
