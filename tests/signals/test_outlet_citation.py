import pytest

from tests.conftest import analysed
from veracity.signals import detect_signals


def citations(text: str, depth: str = "deep") -> list[tuple[str, str, str]]:
    article = analysed(text, depth)
    signals = detect_signals(article, names=["outlet_citation"])
    for s in signals:  # offsets into the article's text (ingest may leave out a credit)
        assert article.text[s.start : s.end] == s.quote
    return [(s.quote, str(s.detail["outlet"]), str(s.detail["factuality"])) for s in signals]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "According to Russia's Sputnik news agency, the missiles hit the centre.",
            ("Sputnik news agency", "Sputnik", "low"),
        ),
        ("Reuters reported that the talks had failed.", ("Reuters", "Reuters", "high")),
        ("As reported by Breitbart, the vote was rigged.", ("Breitbart", "Breitbart", "mixed")),
        ("The senator told CNN he would not run again.", ("CNN", "CNN", "high")),
        (
            "The storm hit the coast overnight, the AP reported.",
            ("AP", "Associated Press", "high"),
        ),
        (
            "A report in The Guardian said the deal was off.",
            ("The Guardian", "The Guardian", "high"),
        ),
        ("The Sun reported that the minister lied.", ("The Sun", "The Sun", "mixed")),
        ("RT said the convoy was attacked by rebels.", ("RT", "RT", "low")),
        (
            "The story first ran on breitbart.com on Sunday.",
            ("breitbart.com", "Breitbart", "mixed"),
        ),
    ],
)
def test_finds_and_rates_outlet_citations(sentence: str, expected: tuple, depth: str) -> None:
    assert expected in citations(sentence, depth)


@pytest.mark.parametrize(
    "sentence",
    [
        "The sun rose at six over the hills.",
        "The Sun rose at six over the hills.",
        "Time will tell whether the plan works.",
        "Michael J. Fox said he was happy with the film.",
        "The late Andrew Breitbart said the media was the enemy.",
        "He checked his mail and read the news over breakfast.",
        "The guardian of the child said the school was closed.",
        "We need a rt of change in this country.",
    ],
)
def test_ordinary_words_are_not_outlets(sentence: str) -> None:
    assert citations(sentence) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_photo_credit_is_not_a_citation(depth: str) -> None:
    """'Image copyright Reuters' under a picture made the article 'cite Reuters, an outlet rated
    high' (probe5, a BBC-style page); ReCOVery, FakeNewsNet and BuzzFeed-Webis held 61 such
    credits ("(Photo: Daniel Mears, The Detroit News)", "(Image: BBC)", "Photo credit: CNN")."""
    # credits on a line of their own, and bracketed ones inside a paragraph, are furniture
    # that ingest leaves out (4802b85); the detector's own guard is for the rest
    text = (
        "Mayor Tom Alvarez said work would begin in June. (Photo: Daniel Mears, The Detroit News) "
        "Two members voted against the plan. (Image: Reuters) (Video: ABC News) "
        "The mayor spoke at a press conference, CNN reported."
    )
    assert citations(text, depth) == [("CNN", "CNN", "high")]
    by = "A crowd at the park. (Photo by Hans Gutknecht, Los Angeles Daily News/SCNG) It rained."
    assert citations(by, depth) == []  # probe s35: 62 such credits in 7 ReCOVery articles
    assert citations("A photo published by Reuters showed the flooded street.", depth) == [
        ("Reuters", "Reuters", "high")
    ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_photographer_and_a_slash_before_the_outlet_is_a_credit(depth: str) -> None:
    """ "Kevin Lamarque/Reuters", "(Michael S. Williamson/The Washington Post)", "Al Drago/Bloomberg
    via Getty Images" under a picture cited the outlet (s36: 48 of the 5,166 citations in 500
    articles of each of 7 corpora and 369 wire articles, 22 of the 641 on wire copy). Two outlets
    joined by a slash ("an ABC News/Washington Post poll") are each still cited."""
    text = (
        "Trump spoke at the White House. Kevin Lamarque/Reuters The talks failed, CNN reported. "
        "A nurse at work. (Michael S. Williamson/The Washington Post) "
        "Al Drago/Bloomberg via Getty Images An ABC News/Washington Post poll found it."
    )
    found = [quote for quote, _, _ in citations(text, depth)]
    assert found == ["CNN", "ABC News", "Washington Post"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_acronym_defined_in_brackets_is_not_cited_again(depth: str) -> None:
    """ "the U.S. General Accounting Office (GAO)" cited GAO, "the British Broadcasting
    Corporation (BBC)" cited the BBC a second time at its acronym (s36: 3 of the 5,118 citations of the sample above);
    the bracketed outlet of a dateline, "(AP)", still cites it."""
    text = (
        "The study was run by the U.S. General Accounting Office (GAO) in 2001. "
        "WASHINGTON (AP) — The storm hit the coast overnight."
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["AP"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_the_www_of_an_address_is_no_outlet(depth: str) -> None:
    """A rating list's malformed row rates the host "www" (as Boston Broadside), so every
    "www.site.com" in a text cited an outlet "www" beside the site (38 of 2,395 articles of
    BuzzFeed-Webis, SemEval hyperpartisan, ReCOVery and FakeNewsNet; probe s35)."""
    text = "Read the rest of the story at www.iPatriot.com and watch https://www.youtube.com/watch?v=3G"
    found = citations(text, depth)
    assert [quote for quote, _, _ in found] == ["iPatriot.com", "youtube.com"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_email_address_is_no_citation(depth: str) -> None:
    """'Email us at tips@radaronline.com' made the article 'cite RadarOnline, an outlet rated
    low' (probe s35): 397 citations in 360 of the 15,017 articles of BuzzFeed-Webis, SemEval
    hyperpartisan, ReCOVery and FakeNewsNet were e-mail addresses, a tip line or a reporter's."""
    text = (
        "Got a story? Email us at tips@radaronline.com or jo.smith@news.bbc.co.uk. "
        "The figures were first published on nytimes.com on Monday."
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["nytimes.com"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "address",
    [
        "reuters.com.evil.example",
        "https://reuters.com.evil.example/world",
        "reuters.com-news.example",
        "fake-reuters.com",
        "evil.example/reuters.com",
        "https://evil.example/reuters.com/story",
        "https://evil.example/?u=reuters.com",
        "https://reuters.com@evil.example/x",
        "http://reuters.com:x@evil.example/",
        "reuters.com@evil.example",
    ],
)
def test_a_lookalike_address_is_not_the_outlet_it_contains(depth: str, address: str) -> None:
    """Hostile round 9: a domain was cited wherever it stood as a whole word, so an article
    naming another site whose address holds it (a host under evil.example, a user name, a
    path) was reported as citing Reuters, rated high."""
    text = f"The council approved the budget on Tuesday, {address} reported, citing officials."
    assert citations(text, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_outlets_own_address_is_cited_however_it_is_written(depth: str) -> None:
    text = (
        "It ran on www.reuters.com, at https://uk.reuters.com/world/story-1 and "
        "https://reuters.com:8443/x, then on reuters.com. Sources:dailymail.co.uk, "
        "source:https://100percentfedup.com and the Arizona Republic/azcentral.com said so."
    )
    assert [(quote, outlet) for quote, outlet, _ in citations(text, depth)] == [
        ("reuters.com", "Reuters"),
        ("uk.reuters.com", "Reuters"),
        ("reuters.com", "Reuters"),
        ("reuters.com", "Reuters"),
        ("dailymail.co.uk", "Daily Mail"),
        ("100percentfedup.com", "100% Fed up"),
        ("Arizona Republic", "Arizona Republic"),
        ("azcentral.com", "Arizona Republic"),
    ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_name_written_in_small_letters_is_the_ordinary_words(depth: str) -> None:
    """'on the verge of collapse' cited The Verge, 'under the knife' The Knife, 'stars and
    stripes' Stars and Stripes (probe s35): 180 citations in BuzzFeed-Webis, SemEval
    hyperpartisan, ReCOVery and FakeNewsNet, all ordinary words. A name keeps its citation
    written as it is capitalised, in capitals, or with its kind in small letters."""
    text = (
        "The bank was on the verge of collapse. She went under the knife at 15. "
        "New York magazine reported that he would run. THE VERGE reported the launch."
    )
    found = [(quote, outlet) for quote, outlet, _ in citations(text, depth)]
    assert found == [("New York magazine", "New York Magazine"), ("THE VERGE", "The Verge")]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_the_name_of_one_word_after_the_is_an_adjective_before_a_noun(depth: str) -> None:
    """'the Australian outback', 'the Australian Film Institute', 'the Hindu temple' cited The
    Australian and The Hindu (probe s35): 157 of the 171 citations of the two in
    BuzzFeed-Webis, SemEval hyperpartisan, ReCOVery and FakeNewsNet, none a citation."""
    text = (
        "She toured the Australian outback and won the Australian Film Institute award. "
        "Obama visited the Hindu temple. Speaking to The Australian, he said it was over. "
        "Staff at the factory have told The Verge things already. The Australian reported it."
    )
    found = [quote for quote, _, _ in citations(text, depth)]
    assert found == ["The Australian", "The Verge", "The Australian"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Laut der Süddeutschen Zeitung hat die Regierung gelogen.", "Süddeutschen Zeitung"),
        ("Die Süddeutsche Zeitung berichtete am Montag darüber.", "Süddeutsche Zeitung"),
        ("So stand es in der Frankfurter Allgemeinen Zeitung.", "Frankfurter Allgemeinen Zeitung"),
        ("The ruling was reported first, according to the FAZ.", "FAZ"),
        ("Das sagte er der Neuen Zürcher Zeitung.", "Neuen Zürcher Zeitung"),
        ("Er sprach mit der Deutschen Welle.", "Deutschen Welle"),
        ("Le Monde reported that the talks had failed.", "Le Monde"),
        ("The Week reported that the plan failed.", "The Week"),
    ],
)
def test_outlets_named_by_any_rating_list_are_found(
    sentence: str, expected: str, depth: str
) -> None:
    """The product helper (s36): 'der Süddeutschen Zeitung', 'Le Monde', 'FAZ' were not found
    (only the domain sueddeutsche.de was): names came from Baly et al.'s MBFC pages alone."""
    found = citations(sentence, depth)
    assert [quote for quote, _, _ in found] == [expected]
    assert found[0][2] != "unknown"  # rated


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_listed_name_used_for_other_things_is_not_an_outlet(depth: str) -> None:
    """Names a rating list gives a site that prose uses for other things: what the site is about
    or who runs it ("Native Americans" for indigenous.club, "Republican National Committee"),
    or common words ("The Week", "The State of ...")."""
    text = (
        "Native Americans protested the pipeline. The week ahead looks busy, officials said. "
        "Sean Spicer, communications director for the Republican National Committee, was angry, "
        "CNN reported. The State of Small Business Report found it. The Republican nominee said "
        "he would win. The Bureau of Prisons said 18 inmates were ill."
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["CNN"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_outlets_one_word_name_that_is_a_place_is_the_place(depth: str) -> None:
    """ "Roanoke" (roanoke.com, the Roanoke Times) and "Cambridge" (cambridge.org) were cited
    beside a citing word or a possessive: "Police in Roanoke said", "the Duchess of
    Cambridge's sister" (closing37: about 20 of 89 one-word citations read were places). The
    rating lists' own local outlets' names say they are places; a full name stays an outlet."""
    text = (
        "Police in Roanoke said the man was arrested. Roanoke's downtown grew, officials said. "
        "The Duchess of Cambridge's sister said she was happy. The Roanoke Times reported it."
    )
    found = [(quote, outlet) for quote, outlet, _ in citations(text, depth)]
    assert found == [("Roanoke Times", "Roanoke Times")]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_title_many_places_papers_share_is_the_paper_named_before(depth: str) -> None:
    """ "The Herald reported" cited The Herald of Everett (heraldnet.com, which a list calls "The
    Herald") in a story about Miami or Hamilton: many places have a Herald. It is the Herald
    the text named before it, or none."""
    assert citations("The Herald reported that the council met.", depth) == []
    text = "The Miami Herald said the mayor lied. The Herald reported that the council met."
    found = [(quote, outlet) for quote, outlet, _ in citations(text, depth)]
    assert found == [("Miami Herald", "Miami Herald"), ("The Herald", "Miami Herald")]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_shared_title_alone_is_the_paper_named_before(depth: str) -> None:
    """ "the Gazette has learned" on the Springfield Gazette's page was cited as the Colorado
    Springs Gazette (gazette.com, whose address gives the name "Gazette"), and "the Chronicle
    reported" as the Internet Chronicle (chronicle.su): a title many places' papers share,
    written alone, is the paper the text named in full before it, or none (probe s40); and
    not the name it ends, the Pittsburgh Post-Gazette of a picture's credit."""
    text = (
        "The council voted to close the pool, the Gazette has learned. "
        "The Chronicle reported that the mayor lied."
    )
    assert citations(text, depth) == []
    text = (
        "Abby Lee Miller in court. Darrell Sapp/Pittsburgh Post-Gazette via AP\n\n"
        "The former star was sentenced to one year and a day in prison on Tuesday."
    )
    assert citations(text, depth) == []
    text = (
        "The Pittsburgh Post-Gazette said the mayor lied. The Gazette reported that the "
        "council met. The San Francisco Chronicle said so too, the Chronicle reported."
    )
    found = [(quote, outlet) for quote, outlet, _ in citations(text, depth)]
    assert found == [
        ("Pittsburgh Post-Gazette", "Pittsburgh Post-Gazette"),
        ("Gazette", "Pittsburgh Post-Gazette"),
        ("San Francisco Chronicle", "San Francisco Chronicle"),
        ("Chronicle", "San Francisco Chronicle"),
    ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_function_word_opening_the_sentence_joins_no_name(depth: str) -> None:
    """ "The FAZ reported", "As TMZ first reported": the capital of a sentence's first word read
    as part of a longer name ("Andrew Breitbart"), so the outlet was not cited."""
    text = (
        "The FAZ reported on Sunday that the talks failed. As TMZ first reported, he left. "
        "The late Andrew Breitbart said the media was the enemy. Taking Her Time was a hit."
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["FAZ", "TMZ"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_name_the_text_calls_an_organisation_is_no_outlet(depth: str) -> None:
    """ "The charity Save the Children said" was "Cites Save the Children, an outlet rated high"
    (closing37): a rating list rates the charity's site, whose name has no organisation's word.
    What the text calls it says it is no outlet; a news agency or network stays one."""
    text = (
        "The charity Save the Children said deaths had surged, the BBC reported. Emails "
        "obtained by the conservative group Judicial Watch were released. As the state news "
        "agency Xinhua reported, the talks failed."
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["BBC", "Xinhua"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_acronym_the_text_spells_out_as_something_else_is_no_outlet(depth: str) -> None:
    """ "Article 3 of the IHR" in a WHO statement was "Cites IHR, an outlet rated low"
    (closing38): "IHR" is the acronym a rating list gives ihr.org, and a citing word beside it
    was all it needed. The text spells the acronym out ("the International Health Regulations
    (IHR)", "the Sugar Research Foundation ... The SRF", "Philippine offshore gaming operators
    (POGO)"): it stands for that, unless that is the outlet's own name in the tables."""
    text = (
        "The committee met under the International Health Regulations (IHR). Countries are "
        "required to share information with WHO according to the IHR. An industry group "
        "called the Sugar Research Foundation paid. The SRF said the results were sound. "
        "Philippine offshore gaming operators (POGO) were told to stop. POGO said it would."
    )
    assert citations(text, depth) == []
    kept = "The Australian Associated Press (AAP) said the roads were shut, AAP reported."
    assert [quote for quote, _, _ in citations(kept, depth)] == [
        "Australian Associated Press",
        "AAP",
    ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_acronym_of_an_organisation_or_of_a_longer_name_is_no_outlet(depth: str) -> None:
    """The rating lists name mrc.org "Media Research Center (MRC)": the build leaves the name
    out as an organisation's, and its acronym is the same organisation. An acronym hyphened to
    another ("CBN" of "ABS-CBN", "EPI-WIN") is a longer name's part; a station's band is not.
    ABS-CBN itself, the network, is the outlet of that name: "She wrote for ABS-CBN" cites it
    as "She wrote for Reuters" cites Reuters (sources-6: the name had been dropped as
    ambiguous, given to abs-cbn.com by Yang's scrape and to news.abs-cbn.com by MBFC's feed)."""
    text = (
        "The MRC said the coverage was biased, according to a statement. She wrote for "
        "ABS-CBN, one of the largest networks in the Philippines. "
        '"This will pass," a source told WSVN-TV.'
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["ABS-CBN", "WSVN"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_sites_copyright_line_or_disclaimer_cites_no_outlet(depth: str) -> None:
    """Of 60 random outlet citations on the corpus articles, read by hand, three were the
    publishing site's own furniture ("do not necessarily reflect those of Sputnik", "do not
    represent IMDb's opinions", "Copyright © 2011 NPR"): the text leans on no outlet there."""
    text = (
        "The views and opinions expressed in the article do not necessarily reflect those of "
        "Sputnik. Copyright © 2020 NPR. All rights reserved. IMDb.com, Inc. takes no "
        "responsibility for the content. The views are solely those of their author and are not "
        "necessarily either shared or endorsed by EagleRising.com and the posts do not "
        "represent IMDb's opinions. © 2016 The Associated Press."
    )
    assert citations(text, depth) == []
    kept = (
        "He was sued over copyright, the BBC reported. Ivanka©, shows up to pretend "
        "pic.twitter.com/lInEKgSWhf — Betty (@Betty) July 8, 2017. His rhetoric does not "
        "represent the people's tradition, Reuters reported."
    )
    assert [quote for quote, _, _ in citations(kept, depth)] == ["BBC", "twitter.com", "Reuters"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_name_ending_a_ministry_or_departments_name_is_no_outlet(depth: str) -> None:
    """ "the Department of Foreign Affairs (DFA) said" cited Foreign Affairs, the magazine (3 of
    40 citations read that had only "said" beside them): after "<Department> of (the)" a name
    ends the organisation's own."""
    text = (
        "Four Filipinos tested positive, the Department of Foreign Affairs (DFA) said Monday. A "
        "Chinese Ministry of Foreign Affairs spokesman said so. An essay in Foreign Affairs "
        "said it too."
    )
    assert citations(text, depth) == [("Foreign Affairs", "Foreign Affairs", "high")]
    assert citations("An essay in Foreign Affairs said it too.", depth) == citations(text, depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_former_employer_is_no_outlet_citation(depth: str) -> None:
    """ "the former Fox News anchor addressed the actress's past" cited Fox News (one of 60
    citations read): a former anchor or reporter no longer speaks for the outlet."""
    text = (
        "Former Fox News anchor Megyn Kelly said it was false. An ex-BBC presenter spoke. A "
        "former CNN reporter wrote the book, the Washington Post reported."
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["Washington Post"]


def test_weight_follows_factuality() -> None:
    text = "InfoWars said one thing, Breitbart another, Reuters a third, and Foo Gazette a fourth."
    weights = {
        s.detail["outlet"]: s.weight
        for s in detect_signals(analysed(text, "fast"), names=["outlet_citation"])
    }
    assert weights["InfoWars"] > weights["Breitbart"] > weights["Reuters"]


@pytest.mark.data
@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_seed_article_sputnik_citation_is_rated_from_the_data(seed_text: str, depth: str) -> None:
    signals = detect_signals(analysed(seed_text, depth), names=["outlet_citation"])
    sputnik = [s for s in signals if s.detail["domain"] == "sputnikglobe.com"]
    assert len(sputnik) == 1
    assert sputnik[0].quote == "Sputnik news agency"
    assert (sputnik[0].detail["factuality"], sputnik[0].detail["bias"]) == ("low", "right-center")


@pytest.mark.parametrize("name", ["Before It's News", "The Truth About Guns", "New York Times"])
def test_names_of_common_words_are_found(name: str) -> None:
    # Such names are looked up by their least common word, never by "news" or "the".
    quotes = [
        quote for quote, _, _ in citations(f"As {name} reported, the vote was rigged.", "fast")
    ]
    assert name in quotes


def test_a_cited_outlet_is_rated_once_per_outlet_table(monkeypatch) -> None:
    from veracity.signals import outlet_citation
    from veracity.sources.table import load_outlet_table

    rated: list[str] = []
    original = outlet_citation.rate_outlet

    def counting(address: str, **kwargs):
        rated.append(address)
        return original(address, **kwargs)

    monkeypatch.setattr(outlet_citation, "rate_outlet", counting)
    sentence = "Reuters reported that the talks had failed, and Reuters said so again."
    first = citations(sentence, "fast")
    again = citations(sentence, "fast")
    assert first == again == [("Reuters", "Reuters", "high")] * 2
    assert len(rated) <= 1  # read once (or not at all: rated by an earlier test)
    rated.clear()
    fresh = load_outlet_table.__wrapped__()  # the same file read again: another table
    monkeypatch.setattr(outlet_citation, "load_outlet_table", lambda: fresh)
    assert citations(sentence, "fast") == first
    assert len(rated) == 1  # rated again for the new table, once


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_post_on_a_platform_is_as_good_as_whoever_posted_it(depth: str) -> None:
    text = (
        "The network posted the clip. pic.twitter.com/abc123 — CNBC (@CNBC) March 3, 2017. "
        "The full interview is at https://www.youtube.com/watch?v=xyz and Reuters reported it."
    )
    signals = {s.quote: s for s in detect_signals(analysed(text, depth), names=["outlet_citation"])}
    tweet, video, wire = signals["twitter.com"], signals["youtube.com"], signals["Reuters"]
    assert "a post on X, a platform where anyone publishes" in tweet.explanation
    assert "a post on YouTube" in video.explanation
    assert "Next News Network" not in video.explanation
    assert tweet.weight == video.weight == 0.3  # as an unrated outlet, not a low-rated one
    assert "rated high" in wire.explanation


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_link_to_an_account_on_a_platform_is_no_citation(depth: str) -> None:
    """Probe s48 O1: a press release's footer ("Twitter – twitter.com/dominos") read as four
    cited outlets; an account's address names where the company publishes, not a post the text
    leans on. A post's address (a status, a video, a picture) stays a citation."""
    footer = (
        "Domino's sold more pizzas this year, Reuters reported.\n\n"
        "Twitter – twitter.com/dominos\n\nFacebook – https://www.facebook.com/dominos\n\n"
        "Instagram – instagram.com/dominos.\n\nYouTube – youtube.com/@dominos"
    )
    assert [quote for quote, _, _ in citations(footer, depth)] == ["Reuters"]
    posts = (
        "The chain posted it at https://twitter.com/dominos/status/123 and "
        "facebook.com/dominos/posts/456 on Monday."
    )
    assert [quote for quote, _, _ in citations(posts, depth)] == ["twitter.com", "facebook.com"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Reddit said on Tuesday it would ban the forum.",
        "The posts were removed by Weibo after a day.",
        "The clip spread on TikTok and Parler before it was taken down.",
    ],
)
def test_a_platform_named_in_the_text_is_no_outlet_citation(sentence: str) -> None:
    """A rating list's name for a platform's own site ("Reddit" at reddit.com, rated low) made
    the company a cited outlet of low factuality (outlets s36, read by hand); a platform is
    where others publish, as its links already said (sources.domains.PLATFORMS)."""
    assert citations(sentence, "fast") == []
    assert citations("According to Reuters, " + sentence[0].lower() + sentence[1:], "fast") == [
        ("Reuters", "Reuters", "high")
    ]


def test_the_cue_window_is_the_one_a_search_from_the_sentence_start_gives() -> None:
    """Round 7: the cue window of each name (sources.citations._has_cue) is read from the
    sentence's tokens, found once, by bisection; it is the window that _TOKEN.findall from the
    sentence's start to the name (and from the name to the sentence's end) gave, for every
    span of 3,000 random texts of words, cue words, joiners, marks and outlet names."""
    import random

    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text
    from veracity.sources.citations import _TOKEN, CUE_WINDOW, _CueTokens

    pieces = [
        "fox", "Reuters", "said", "according", "to", "the", "AP", "report", "-", "'", "’", ".",
        " ", " ", " ", ",", "(", ")", "\n", "x1", "e.g", "news", "reported", "o'", "CNN/ORC",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        if not text.strip():
            continue
        analysed = analyse_text(article_from_text(text, detect_title=False), "fast")
        lower, cues = analysed.lower, _CueTokens(analysed)
        for _ in range(20):
            start = rng.randrange(len(lower))
            end = rng.randint(start + 1, len(lower))
            sentence = analysed.sentence_at(start)
            if sentence is None:
                continue
            before = _TOKEN.findall(lower, sentence.start, start)[-CUE_WINDOW:]
            after = _TOKEN.findall(lower, end, sentence.end)[:CUE_WINDOW]
            assert [lower[a:b] for a, b in cues.before(sentence, start)] == before, (text, start)
            assert [lower[a:b] for a, b in cues.after(sentence, end)] == after, (text, end)


def test_a_sentence_naming_an_outlet_at_every_word_is_read_in_linear_time() -> None:
    """Round 7: each outlet name's cue window was found by a search from its sentence's start,
    so a sentence of many names cost its length squared: 100 KB of "Fox-" (one hyphenated
    token, a name every four characters) took the fast path 19 s of CPU, 1 MB half an hour."""
    import time

    from veracity.ingest import article_from_text
    from veracity.pipeline import analyze

    article = article_from_text("Fox-" * 25_000)
    began = time.process_time()
    analyze(article, depth="fast")
    assert time.process_time() - began < 3.0


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_outlets_own_name_on_its_own_page_is_the_publisher_not_a_citation(depth: str) -> None:
    # probe s41: a Reuters page listed "Cites: Reuters" beside "Publisher: Reuters"
    from veracity.ingest import article_from_text, with_address
    from veracity.pipeline import analyze

    text = (
        "UK jobless claims jump to highest since 1996\n\n"
        "LONDON (Reuters) - The number of people claiming unemployment benefits in Britain leapt "
        "in April, data showed on Tuesday. A Reuters poll of economists had forecast a smaller "
        "rise, and the BBC reported that job centres were struggling to cope."
    )
    url = "http://uk.reuters.com/article/uk-health-coronavirus-britain-economy/idUKKBN22V0NK"
    report = analyze(with_address(article_from_text(text), url), depth=depth)
    cited = [s.quote for s in report.signals if s.kind.value == "outlet_citation"]
    assert cited == ["BBC"]
    assert [(o.outlet, o.role) for o in report.outlets] == [
        ("Reuters", "publisher"),
        ("BBC", "cited"),
    ]
    # the same text with no address: its dateline names Reuters as its agency (probe s49 S5)
    bare = analyze(article_from_text(text), depth=depth)
    assert [s.quote for s in bare.signals if s.kind.value == "outlet_citation"] == ["BBC"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_where_a_named_speaker_said_it_is_a_venue_not_a_cited_outlet(depth: str) -> None:
    """Probe s43: Trump "telling 'Fox and Friends' in an interview" cited Fox News, the report's
    strongest signal (0.85): the words are Trump's, said on that show. An outlet a named
    speaker told, spoke to or was interviewed by is where the words were said; one an unnamed
    source told is the reporting the text leans on, and stays cited."""
    venues = (
        'On Tuesday, Trump refused to back down from his criticism of Machado, telling "Fox '
        'and Friends" in an interview that she had gained weight. Painter told ABC News that '
        "it was wrong. In an interview with Fox News, President Trump described the plan. "
        "Clinton said on MSNBC that she was ready."
    )
    assert citations(venues, depth) == []
    sources = (
        "A source told Us Weekly that the duo broke up. Several GOP sources told Politico that "
        "3 in 10 members would retire. The senator told CNN he would not run again."
    )
    assert [quote for quote, _, _ in citations(sources, depth)] == ["Us Weekly", "Politico", "CNN"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_where_a_named_speaker_said_it_on_air_is_a_venue(depth: str) -> None:
    """Probe s44: an NBC report's strongest signal (0.85) was "Cites Fox News, an outlet rated
    low", for "McCaul ... voiced his agreement on Fox News": his words, said on that channel."""
    venues = (
        "Rep. Michael McCaul, R-Texas, who serves as chair of the House Homeland Security "
        "Committee voiced his agreement on Fox News and called for military action. Clinton "
        "said Sunday on CNN that she was ready. Sanders argued on MSNBC that it was wrong. "
        "During an appearance on CNN, the governor said the plan would work."
    )
    assert citations(venues, depth) == []
    sources = "Officials said on Fox News that it was fine. The claims on CNN were false."
    assert [quote for quote, _, _ in citations(sources, depth)] == ["Fox News", "CNN"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_who_told_the_outlet_decides_whether_it_is_cited(depth: str) -> None:
    """Probe s44: "activists in Syria told ABC News" read as a venue (Syria, capitalised, as the
    speaker's name) and "Police told CNN" as a named speaker (a capital at the sentence's
    start). The speaker is who told the outlet, without where it is: people the text does not
    name leave the claim on the outlet's reporting, which is cited; a named person or
    organisation said it to the outlet, its venue."""
    cited = (
        "At least 70 people have been killed in airstrikes on eastern Aleppo from Friday to "
        "Sunday night, activists in Syria told ABC News. Police told CNN the suspect fled. "
        "On Saturday night, a woman who answered the phone at the shop told Reuters it was shut."
    )
    assert [quote for quote, _, _ in citations(cited, depth)] == ["ABC News", "CNN", "Reuters"]
    venues = (
        "Shelby has not been fired, the Tulsa Police Department told ABC News. Painter told CNN "
        "that it was wrong. Secretary of State Rex Tillerson told Reuters the talks would go on. "
        "A spokesman for the Pentagon in Washington told Fox News the report was false. Garth "
        "Tiedje, an analyst and senior vice president at Horizon Media told USA Today so. Lopez, who has "
        "family in Puerto Rico, told People.com she would help. Page told The Guardian so."
    )
    assert citations(venues, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_site_the_text_calls_a_source_of_falsehoods_is_not_leaned_on(depth: str) -> None:
    """Probe s44: a Snopes debunk of a hoax listed GotNews, Your News Wire and Daily Stormer as
    its strongest signals (0.85 each, "Cites ..., an outlet rated low"), sites it names as the
    hoax's sources; every mention of a site the text calls so is left out, others stay."""
    debunk = (
        "On 5 October 2017, the disreputable web site GotNews.com reported (with no evidence) "
        "that the guard was arrested. However, another disreputable web site, YourNewsWire.com, "
        "repeated the story. Why GotNews backtracked is unclear. Johnson raised funds for the "
        "neo-Nazi web site Daily Stormer. The conspiracy website InfoWars claimed it was staged, "
        "the Associated Press reported."
    )
    assert [quote for quote, _, _ in citations(debunk, depth)] == ["Associated Press"]
    leaned_on = "The popular site Breitbart reported the vote was rigged."
    assert [quote for quote, _, _ in citations(leaned_on, depth)] == ["Breitbart"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_show_on_the_outlet_or_a_person_it_describes_is_no_citation(depth: str) -> None:
    """Probe s45: the NYT's report on Didier Raoult cited Fox News, its strongest signal, for
    "appeared on Laura Ingraham's nightly show on Fox News" and "a frequent Fox News guest":
    where a named person appeared, and who a person is, not the outlet's reporting."""
    venues = (
        "On March 16, a Long Island attorney named Gregory Rigano appeared on Laura Ingraham's "
        "nightly show on Fox News, “The Ingraham Angle.” Dr. Mehmet Oz, a frequent Fox News "
        "guest, praised the drug. CNN contributor Ana Navarro disagreed."
    )
    assert citations(venues, depth) == []
    cited = "Fox News reporter Jane Doe said the plan had failed. A source told CNN it was over."
    assert [quote for quote, _, _ in citations(cited, depth)] == ["Fox News", "CNN"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_outlets_one_word_name_written_as_a_surname_is_the_person(depth: str) -> None:
    """probe s46: an NFL story about coach John Fox cited Fox News (0.85, the report's strongest
    signal) at "Fox explained, via the Broncos' official Twitter". A text that writes the name
    after a given name or an initial means the person by its bare name; the full name, a
    nationality or a possessive before it, and a text with no such person, stay citations."""
    text = (
        "John Fox's decision to play for overtime was hard to make sense of. \"It was pretty "
        "devastating,\" Fox explained, via the Broncos' official Twitter. Fox added that he "
        "would do it again. Fox News reported that the team agreed."
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["Fox News"]
    assert [quote for quote, _, _ in citations("Fox reported that the team agreed.", depth)] == [
        "Fox"
    ]
    text = "According to Russian Sputnik, the missiles hit. Sputnik said the centre was hit."
    # "Russian Sputnik" joins a capitalised word, so is not cited itself; "Sputnik said" is
    assert [quote for quote, _, _ in citations(text, depth)] == ["Sputnik"]
    # an acronym is no surname (corpus check: "Fake News CNN" dropped every CNN of a story)
    text = '"Fake News CNN made it up," Trump said. The claim was false, CNN reported.'
    assert [quote for quote, _, _ in citations(text, depth)] == ["CNN"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_outlets_own_correction_notice_cites_no_one(depth: str) -> None:
    """probe s46: "The Verge regrets the error", The Verge's correction notice on its own page
    read without its address, cited The Verge. An outlet that regrets or apologises for an error
    names itself as the publisher: none of its mentions cite it; other outlets stay cited."""
    text = (
        "GoPro will cut its operating expenses to $250 million, Bloomberg reported. Correction: "
        "This article originally stated the cut was by $250 million. The Verge regrets the "
        "error. The Verge has asked GoPro for comment."
    )
    assert [quote for quote, _, _ in citations(text, depth)] == ["Bloomberg"]
    text = "GoPro will cut its costs, The Verge reported. Bloomberg regrets the error."
    assert [quote for quote, _, _ in citations(text, depth)] == ["The Verge"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_outlets_a_writers_closing_line_names_are_the_writers_not_sources(depth: str) -> None:
    """Probe s49 S7: a SemEval op-ed's closing "X is a freelance writer whose pieces have
    appeared in ... Human Events ... and the Chicago Sun-Times" read as citing two outlets (and,
    with "Sobieskiis" glued, on the deep path as an unsourced claim)."""
    body = (
        "Hillary Protests Too Much\n\n"
        "The senator told CNN he would not run again.\n\n"
        "The campaign spent $4 million on advertising in October alone.\n\n"
    )
    for bio in (
        "Daniel John Sobieskiis a freelance writer whose pieces have appeared in Human Events "
        "and the Chicago Sun-Times among other publications.",
        "Jane Roe has written for The Guardian and Breitbart.",
    ):
        article = analysed(body + bio + "\n", depth)
        found = detect_signals(article, names=["outlet_citation", "unsourced_claim"])
        assert [s.quote for s in found if s.kind == "outlet_citation"] == ["CNN"]
        assert not any(s.start >= article.text.index(bio[:20]) for s in found), found
    # a wire's contribution is its reporting, cited as before
    credited = analysed(body + "The Associated Press has contributed to this report.\n", depth)
    assert "Associated Press" in [
        s.quote for s in detect_signals(credited, names=["outlet_citation"])
    ]
    # the same words early in a piece, before its story, are the text's own citation
    early = "Human Events reported the vote.\n\n" + body + "A.\n\nB.\n\nC.\n"
    assert "Human Events" in [quote for quote, _, _ in citations(early, depth)]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_an_outlet_named_to_rebut_its_claim_is_not_leaned_on(depth: str) -> None:
    """Probe s50 O1: a round-up's "Breitbart News claimed without evidence that ..." and
    "InfoWars went further, alleging ..." cited both (0.50, 0.85): the text names them to say
    their claims are unfounded. A rebutting adverb, a claim spread by the outlet or its false
    report leave that mention out, a relative clause saying it spreads falsehoods every one;
    an outlet that reports someone else's false claim stays cited, and so does a mention of a
    rebutted outlet that the text leans on."""
    rebutted = (
        "Breitbart News claimed without evidence that the strike was organised abroad. InfoWars "
        "went further, alleging a plot. The Daily Mail falsely reported that she had died. It "
        "was a claim spread by The Gateway Pundit. RT's debunked story ran for days. Sputnik, "
        "which has pushed conspiracy theories, repeated it. The Sun reported, without any "
        "evidence, that the match was fixed."
    )
    assert citations(rebutted, depth) == []
    leaned_on = (
        "Reuters reported that the minister falsely claimed the deal was off. CNN reported that "
        "the claim was false. Fox News went further, saying the deal was dead. TMZ falsely "
        "claims they split. According to TMZ, the party cost $7,145."
    )
    assert [quote for quote, _, _ in citations(leaned_on, depth)] == [
        "Reuters",
        "CNN",
        "Fox News",
        "TMZ",
    ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_satire_outlet_reads_as_satire(depth: str) -> None:
    """Probe s50 O1: "The Onion, a satirical site, ran the headline ..." was cited as "an outlet
    rated mixed for factual reporting (center bias)" (Lin et al.'s domain score, Baly et al.'s
    bias), though Media Bias/Fact Check files it under satire. Called satirical by the text, it
    is no citation; leaned on as a report, it reads as satire and weighs as a low outlet."""
    assert citations("The Onion, a satirical site, ran the headline about it.", depth) == []
    signals = detect_signals(
        analysed("According to The Onion, the minister resigned.", depth), names=["outlet_citation"]
    )
    assert [s.quote for s in signals] == ["The Onion"]
    assert signals[0].explanation.startswith("Cites The Onion, satire: its stories are jokes")
    assert "rated mixed" not in signals[0].explanation
    assert signals[0].weight == 0.85


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_the_agency_the_dateline_names_is_the_stories_own(depth: str) -> None:
    """Probe s49 S5: a Reuters wire story read without its address cited Reuters twice, for
    "SANTIAGO, Dec 3 (Reuters) -" and "economists polled by Reuters": the agency its dateline
    names is its own newsgathering, as the outlet its address names is. Other outlets, and an
    agency in brackets later in the body, stay cited."""
    wire = (
        "SANTIAGO, Dec 3 (Reuters) - Chile's central bank held its rate. All 19 economists "
        "polled by Reuters had forecast it. The Financial Times reported the board was split."
    )
    assert [quote for quote, _, _ in citations(wire, depth)] == ["Financial Times"]
    initials = "LOS ANGELES (AP) — The storm hit. The Associated Press counted 30 dead."
    assert citations(initials, depth) == []
    later = "The storm hit the coast. Ten died (AP) - Reuters said so."
    assert [quote for quote, _, _ in citations(later, depth)] == ["AP", "Reuters"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_paper_named_the_x_is_found_with_a_lower_case_the(depth: str) -> None:
    """Probe s51 O1: "The Mirror" was found only with a capital "The"; inside a sentence a
    paper's "the" is lower case ("told the Mirror", "according to the Telegraph"). The place of
    the same name is no citation: the lower-case form wants the citing words beside it."""
    cited = [
        ("A source told the Mirror that the couple had split.", "Daily Mirror"),
        ("The deal is off, according to the Telegraph.", "The Telegraph"),
        ("Speaking to the Independent, the singer said she had quit.", "The Independent"),
        ("the Sun reported that the minister lied.", "The Sun"),
    ]
    for sentence, outlet in cited:
        assert [c[1] for c in citations(sentence, depth)] == [outlet], sentence
    for sentence in (
        "Republicans on the Hill said the bill would pass by Friday.",
        "The storm crossed the Atlantic, forecasters said on Monday.",
        "Staff at the Sun said the paper would close.",
    ):
        assert citations(sentence, depth) == [], sentence
    both = "The New York Times reported the deal; the Times said it was close."
    assert [c[1] for c in citations(both, depth)] == ["The New York Times"]
