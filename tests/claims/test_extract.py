"""Check-worthy claims of real articles, scored by the shipped ClaimBuster model."""

from __future__ import annotations

import pytest

from tests.conftest import analysed
from veracity.claims import extract_claims
from veracity.claims.extract import MAX_CLAIMS
from veracity.claims.model import load_checkworthiness_model
from veracity.ingest import article_from_text
from veracity.nlp import analyse_text

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def seed_claims(seed_text):
    return extract_claims(analyse_text(article_from_text(seed_text), "deep"))


def test_seed_article_top_claims(seed_claims):
    top = [c.text for c in seed_claims[:8]]  # the lead claim ranks 7th (0.92) since CheckThat!
    assert any("killing 30 US, British and Israeli officers" in t for t in top), top
    assert any("3 Caliber missiles" in t for t in top), top
    assert any("killed 62" in t for t in top), top


def test_claims_quote_the_text_with_entities_and_numbers(seed_text, seed_claims):
    article = article_from_text(seed_text)
    for claim in seed_claims:
        assert article.text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.score <= 1.0
    missiles = next(c for c in seed_claims if "3 Caliber missiles" in c.text)
    assert "3" in missiles.numbers
    assert any(e.text.startswith("Russia") for e in missiles.entities)
    assert [c.score for c in seed_claims] == sorted((c.score for c in seed_claims), reverse=True)


def test_opinions_and_boilerplate_score_below_facts():
    model = load_checkworthiness_model()
    facts, opinions = model.predict_proba(
        [
            "Unemployment fell to 4.2 percent in March, the lowest level since 2008.",
            "I think we all want a better future for our children.",
        ]
    )[:, 1]
    assert facts > 0.5 > opinions


def test_no_claims_in_short_chatter():
    assert extract_claims(analysed("Thanks! See you soon. Bye.")) == []


def test_deep_report_carries_claims_and_fast_report_does_not(seed_text):
    from veracity.pipeline import analyze
    from veracity.report.html import render_html

    article = article_from_text(seed_text)
    deep = analyze(article, depth="deep", with_reliability=False)
    assert any("3 Caliber missiles" in c.text for c in deep.claims)
    assert all(deep.text[c.start : c.end] == c.text for c in deep.claims)
    assert "<h2>Claims</h2>" in render_html(deep)
    assert analyze(article, depth="fast", with_reliability=False).claims == []


def test_html_escapes_claim_text():
    from veracity.pipeline import analyze
    from veracity.report.html import render_html

    text = (
        "Officials said 40 <script>alert(1)</script> soldiers were killed in Aleppo on Monday "
        "by 3 missiles fired from Russian warships."
    )
    report = analyze(article_from_text(text, detect_title=False), with_reliability=False)
    assert report.claims
    page = render_html(report)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


# A list inside an article: no sentence ends, one line each. The parser never cuts at a single
# line break, so the twelve headlines of a page were one claim. Under a heading that lists
# other stories ("Top stories") they are no claims of the article at all (ingest.links).
LISTED = """\
The city council approved a budget of $4.2 billion on Tuesday, the largest in its history.

The week in brief
Senate passes $1.2 trillion infrastructure bill after months of talks
Unemployment falls to 3.5 percent, lowest since 1969
Wildfire destroys 400 homes in northern California
Fed raises interest rates by 0.75 points for third time this year

The mayor said the budget would add 1,200 police officers to the city's
streets by the end of next year, and hire them from
the city's own neighbourhoods.
"""


def test_a_list_of_lines_gives_a_claim_per_line_and_wrapped_lines_stay_one_sentence():
    article = article_from_text(LISTED, title="Council approves record budget")
    claims = extract_claims(analyse_text(article, "deep"))
    texts = {c.text for c in claims}
    assert not any("\n" in t and "Senate" in t for t in texts), texts
    assert "Unemployment falls to 3.5 percent, lowest since 1969" in texts
    assert "Wildfire destroys 400 homes in northern California" in texts
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text
    unemployment = next(c for c in claims if c.text.startswith("Unemployment"))
    assert unemployment.numbers == ["3.5 percent", "1969"]
    # hard-wrapped prose keeps its sentence whole: its lines do not all open with a capital
    assert any(t.startswith("The mayor said") and t.endswith("neighbourhoods.") for t in texts)
    listed = article_from_text(
        LISTED.replace("The week in brief", "Top stories"), title="Council approves record budget"
    )
    other_stories = {c.text for c in extract_claims(analyse_text(listed, "deep"))}
    assert not any(
        t.startswith(("Senate", "Unemployment", "Wildfire", "Fed")) for t in other_stories
    )
    assert any(t.startswith("The city council approved") for t in other_stories)


# In a headline in Title Case the parser takes capitalised words for names: "Nicole Kidman
# Reflects" was a person and "Divorce" an organisation. The names are trimmed to the words the
# article writes capitalised in its running text.
def test_a_title_case_headline_names_only_what_the_article_names():
    title = "Nicole Kidman Reflects On 11-Year Marriage To Tom Cruise After 2001 Divorce"
    article = article_from_text(
        f"{title}\n\nNicole Kidman said on Tuesday that her 11-year marriage to Tom Cruise "
        "protected her. Kidman, 51, married Cruise in 1990 and the couple divorced in 2001."
    )
    claims = extract_claims(analyse_text(article, "deep"))
    headline = next(c for c in claims if c.text == title)
    names = [(e.text, e.label) for e in headline.entities if e.label == "PERSON"]
    assert names == [("Nicole Kidman", "PERSON"), ("Tom Cruise", "PERSON")]
    assert "Divorce" not in [e.text for e in headline.entities]
    for entity in headline.entities:
        assert article.text[entity.start : entity.end] == entity.text


# Wire copy opens its lead with a dateline. Before, the lead's claim was "SPRINGFIELD, Ill.
# (AP) — The Springfield City Council voted ..." on the deep path, and on the fast path and in
# `veracity claims` the splitter's "SPRINGFIELD, Ill." was a row of its own and the claim
# "(AP) — The Springfield City Council voted ...".
WIRE = (
    "City council approves new budget\n\n"
    "SPRINGFIELD, Ill. (AP) — The Springfield City Council voted 7-2 on Monday night to approve "
    "a $412 million budget for the coming fiscal year.\n\n"
    "WASHINGTON (Reuters) - The U.S. Senate on Tuesday passed a $95 billion aid bill for "
    "Ukraine and Israel by a vote of 70-29.\n"
)
LEADS = [
    "The Springfield City Council voted 7-2 on Monday night to approve a $412 million budget "
    "for the coming fiscal year.",
    "The U.S. Senate on Tuesday passed a $95 billion aid bill for Ukraine and Israel by a vote "
    "of 70-29.",
]


def test_a_claim_is_what_follows_the_dateline_on_both_paths() -> None:
    from veracity.claims.fast import extract_claims_fast

    deep = extract_claims(analysed(WIRE, "deep"))
    fast = extract_claims_fast([analysed(WIRE, "fast")])[0]
    for claims in (deep, fast):
        assert sorted(c.text for c in claims) == sorted(LEADS)
        assert all(WIRE[c.start : c.end] == c.text for c in claims)


# Probe s48 C1: a press-release wire's dateline and CNN's, whose place is in small letters and
# whose agency is glued to the first word as its pages come out of extraction, stayed in claims.
WIRE_FORMS = (
    "Domino's celebrates Cow Appreciation Week\n\n"
    "ANN ARBOR, Mich., July 10, 2017 /PRNewswire/ -- Domino's Pizza sold 1.2 million pizzas "
    "in the United States last July, up 14 percent from 2016.\n\n"
    "Washington (CNN)Donald Trump and Hillary Clinton are tied at 43 percent in North "
    "Carolina, a new Elon University poll found on Tuesday.\n"
)
WIRE_FORMS_LEADS = [
    "Domino's Pizza sold 1.2 million pizzas in the United States last July, up 14 percent from "
    "2016.",
    "Donald Trump and Hillary Clinton are tied at 43 percent in North Carolina, a new Elon "
    "University poll found on Tuesday.",
]


def test_a_wire_or_cnn_dateline_is_no_part_of_a_claim_on_both_paths() -> None:
    from veracity.claims.fast import extract_claims_fast
    from veracity.claims.triage import triage_text

    deep = extract_claims(analysed(WIRE_FORMS, "deep"))
    fast = extract_claims_fast([analysed(WIRE_FORMS, "fast")])[0]
    rows = triage_text(WIRE_FORMS).rows
    for texts in ([c.text for c in deep], [c.text for c in fast], [r.text for r in rows]):
        assert set(WIRE_FORMS_LEADS) <= set(texts)
        assert not any("PRNewswire" in t or "(CNN)" in t or "ARBOR" in t for t in texts)
    assert all(WIRE_FORMS[c.start : c.end] == c.text for c in deep + fast)


def test_triage_of_an_article_reads_its_lead_without_the_dateline() -> None:
    from veracity.claims.triage import triage_text

    rows = triage_text(WIRE).rows
    assert sorted(r.text for r in rows if r.check_worthy) == sorted(LEADS)
    assert not any("SPRINGFIELD" in r.text or "(AP)" in r.text for r in rows)


# Twenty check-worthy statements, each with its own figures and places.
MANY_FACTS = " ".join(
    f"In {year}, the state of {state} spent ${spend} million on {count} new schools, "
    f"officials reported."
    for year, state, spend, count in zip(
        range(2001, 2021),
        [
            "Ohio",
            "Texas",
            "Iowa",
            "Utah",
            "Idaho",
            "Maine",
            "Nevada",
            "Oregon",
            "Alaska",
            "Hawaii",
            "Kansas",
            "Vermont",
            "Montana",
            "Georgia",
            "Florida",
            "Arizona",
            "Alabama",
            "Indiana",
            "Kentucky",
            "Michigan",
        ],
        range(120, 520, 20),
        range(11, 51, 2),
        strict=True,
    )
)


def test_an_article_with_more_check_worthy_sentences_than_it_lists_says_so():
    """Probe s45: a 45,000-character New York Times piece printed "Check-worthy claims (15)" and
    its JSON held 15 claims, as if those were all; 200 of its sentences pass the threshold."""
    notes: list[str] = []
    claims = extract_claims(analysed(MANY_FACTS), notes=notes)
    assert len(claims) == MAX_CLAIMS
    assert len(notes) == 1
    assert notes[0].startswith(f"Claims: the {MAX_CLAIMS} most check-worthy of the article's 20 ")
    assert "the other 5 were not matched to fact-checks or verified" in notes[0]
    notes.clear()
    assert len(extract_claims(analysed(MANY_FACTS), limit=20, notes=notes)) == 20
    assert notes == []


def test_a_sentence_the_article_repeats_is_one_claim_where_it_first_stands():
    """Probe s45: an AP report on Burundi's election printed its caption twice, and
    `veracity analyze` listed "Burundi is kicking out the World Health Organization's top
    official ..." twice among its 15 claims (1,517 of 19,237 corpus documents repeat a sentence
    of five words or more)."""
    repeated = "Burundi expelled four World Health Organization experts on May 13, 2020."
    text = (
        f"{repeated} The vote was held on May 20. Over 330,000 refugees are sheltering in "
        f"Tanzania, Uganda, Rwanda and Congo, the U.N. said. {repeated}"
    )
    claims = extract_claims(analysed(text))
    assert [c.text for c in claims].count(repeated) == 1
    assert next(c.start for c in claims if c.text == repeated) == 0


def test_a_correction_notices_account_of_the_error_is_no_claim() -> None:
    """probe s46: The Verge's "Correction: This article originally stated that GoPro was
    reducing ... by $250 million in 2021." was check-worthy at 0.98, in the story that says it
    is wrong. A notice's account of what the article wrongly said is no claim of the article;
    the corrected sentence is, and so is a sentence that reports another outlet's error."""
    text = (
        "GoPro is laying off more than 20 percent of its workforce, over 200 employees.\n\n"
        "Correction: This article originally stated that GoPro was reducing non-headcount "
        "operating expenses by $250 million in 2021. This is incorrect. GoPro is in fact "
        "reducing non-headcount operating expenses to $250 million in 2021.\n\n"
        "An earlier version of this story misstated the number of cameras GoPro sold in 2019.\n\n"
        "The Post reported that the company had sold 4 million cameras in 2019."
    )
    found = [c.text for c in extract_claims(analysed(text), limit=20)]
    assert not any("originally stated" in c or "earlier version" in c for c in found)
    assert any(c.startswith("GoPro is in fact reducing") for c in found)
    assert any(c.startswith("The Post reported") for c in found)


# Probe s46: the Washington Post live blog's headline was the check-worthy claim "Live updates:
# 15-year-old dies ..." (0.88): the rubric label says what kind of page it is, not what it claims.
LIVE_BLOG = (
    "Live updates: 15-year-old dies after testing positive as toll hits five-day high; Md. "
    "reports spike in infections after testing surge\n\n"
    "One of the largest fitness companies in the District is mobilizing its 15,000 members to "
    "push the mayor’s office to allow gyms to reopen in the first phase of recovery.\n\n"
    "EXCLUSIVE: The District recorded 312 new infections and 14 deaths on Monday, the highest "
    "daily toll in five days.\n"
)


def test_a_rubric_label_is_no_part_of_a_claim_on_both_paths() -> None:
    from veracity.claims.fast import extract_claims_fast
    from veracity.claims.triage import triage_text

    deep = extract_claims(analysed(LIVE_BLOG, "deep"))
    fast = extract_claims_fast([analysed(LIVE_BLOG, "fast")])[0]
    rows = triage_text(LIVE_BLOG).rows
    headline = next(c for c in deep if "15-year-old" in c.text)
    assert headline.text.startswith("15-year-old dies after testing positive")
    for texts in ([c.text for c in deep], [c.text for c in fast], [r.text for r in rows]):
        assert any(t.startswith("The District recorded 312 new infections") for t in texts)
        assert not any("Live updates" in t or "EXCLUSIVE" in t for t in texts), texts
    assert all(LIVE_BLOG[c.start : c.end] == c.text for c in deep + fast)


# probe s46: "The city has not raised its property tax rate since 2020, council records show;
# bills rose because ..." was one claim, its parse rooted at "rose", so its negated change was
# never read (`veracity analyze` left it not enough evidence)
RIVERTON = (
    "Price said property taxes went up 18 percent in four years. The city has not raised its "
    "property tax rate since 2020, council records show; bills rose because the county raised "
    "assessed values.\n\nThe festival offers music, food and crafts; tickets cost $10 for adults, "
    "$5 for children and nothing for those under five. Delegates came from Paris; London; Rome "
    "and Madrid to sign the accord on trade. Police put the whole county on high alert; warning "
    "residents that a gunman was on the loose. The imam said: “There is no god but Allah; "
    "Mohammed is the Messenger of Allah,” and left the hall."
)


def test_two_statements_joined_by_a_semicolon_are_two_claims() -> None:
    claims = extract_claims(analysed(RIVERTON, "deep"))
    texts = {c.text for c in claims}
    assert "The city has not raised its property tax rate since 2020, council records show" in (
        texts
    )
    assert "bills rose because the county raised assessed values." in texts
    assert all(RIVERTON[c.start : c.end] == c.text for c in claims)
    # a list of places, a part that leans on the one before (no subject of its own) and a
    # semicolon inside a quotation leave the sentence whole
    assert not any(t.startswith(("London", "Rome", "warning", "Mohammed")) for t in texts), texts
    assert not any(t.endswith("high alert") for t in texts), texts
    negated = next(c for c in claims if c.text.startswith("The city has not"))
    assert negated.numbers == ["2020"]


def test_a_lists_count_is_no_figure_of_its_claim_on_both_paths() -> None:
    """probe s46: the listicle heading "11 questions to ask your lender ..." was a claim with the
    figure 11 (the list's count); an item's 4.1 million stays a figure."""
    from tests.signals.test_unsourced_claim import LISTICLE
    from veracity.claims.fast import extract_claims_fast

    text = f"Mortgage deferral questions\n\n{LISTICLE}"
    deep = extract_claims(analysed(text, "deep"))
    fast = extract_claims_fast([analysed(text, "fast")])[0]
    for claims in (deep, fast):
        numbers = {c.text.split()[0]: c.numbers for c in claims}
        assert numbers["11"] == [], numbers
        assert any("4.1" in number for number in numbers["More"]), numbers


def test_a_dated_correction_notice_with_any_verb_is_no_claim() -> None:
    """probe s47 S6: FiveThirtyEight's notice, dated in brackets, "reversed" the figures; it was
    a check-worthy claim. The figures the body states stay claims."""
    text = (
        "Trump's job approval stands at 43.6 percent, with 52.0 percent of Americans "
        "disapproving, according to our average.\n\n"
        "CORRECTION (May 15, 2020, 10:01 a.m.): A previous version of this article reversed "
        "President Trump's job approval numbers: 43.6 percent of Americans approve of the job "
        "he's doing and 52.0 percent disapprove, not the other way around."
    )
    found = [c.text for c in extract_claims(analysed(text), limit=20)]
    assert not any("previous version" in c for c in found)
    assert any(c.startswith("Trump's job approval") for c in found)


def test_a_transcripts_speaker_label_is_no_part_of_a_claim() -> None:
    """probe s47 C3: a 60 Minutes Q&A gave the claim "Dr. Kamran Khan: There are over 4 billion
    of us ..."; the label opens each of the speaker's turns, and the claim is what he says."""
    text = (
        "BlueDot sent a warning to its clients on December 31.\n\n"
        "Bill Whitaker: How does the system work?\n\n"
        "Dr. Kamran Khan: There are over 4 billion of us that board commercial flights and "
        "travel around the world every year.\n\n"
        "Bill Whitaker: And you track all of them?\n\n"
        "Dr. Kamran Khan: We track 60 percent of them through anonymized ticket data.\n\n"
        "Update: The company raised $9 million in 2020."
    )
    found = [c.text for c in extract_claims(analysed(text), limit=20)]
    assert any(c.startswith("There are over 4 billion of us") for c in found), found
    assert not any("Kamran Khan:" in c for c in found)


def test_an_earlier_version_that_said_something_is_a_correction_notice() -> None:
    """Read off the corpora (PolitiFact 6939): "said" is no verb in "-ed"."""
    from veracity.nlp.corrections import retracted

    assert retracted("CORRECTION: A previous version of this item said the court ruled in 2007.")
    assert retracted("Editor's note: An earlier version of this story contained an incorrect age.")
    assert not retracted("A previous version of the bill cut taxes by 12 percent.")


# stop 47's fact-checker case: two things said, joined by "and that", were one claim, which no
# verdict rule reads (`veracity analyze --index` left it not enough evidence)
MARLOW = (
    "Her challenger, Maria Reyes, said crime went up 40% in the downtown district and that the "
    "county lost two hospitals since 2020. Councillor Ann Hayes said on Monday that the county "
    "added 4,200 jobs in 2023 and that unemployment in the county fell to 3.1 percent. The mayor "
    "said that taxes and fees that the city charges rose by 12 percent. The report found that "
    "wages rose and that prices fell."
)


def test_two_things_said_joined_by_and_that_are_two_claims() -> None:
    claims = extract_claims(analysed(MARLOW, "deep"))
    texts = {c.text for c in claims}
    assert "Her challenger, Maria Reyes, said crime went up 40% in the downtown district" in texts
    assert "the county lost two hospitals since 2020." in texts
    assert "Councillor Ann Hayes said on Monday that the county added 4,200 jobs in 2023" in texts
    assert "unemployment in the county fell to 3.1 percent." in texts
    assert all(MARLOW[c.start : c.end] == c.text for c in claims)
    # one statement with "and" or "that" inside it, and parts under five words, stay whole
    assert not any(t.startswith(("fees", "the city charges", "prices")) for t in texts), texts
    assert not any(t.endswith(("taxes", "wages rose")) for t in texts), texts


# probe s47 C2: a quotation of two sentences was cut at its first sentence's end, so the claim
# 'His targets included ... D.C." FBI Assistant ... said.' kept the closing mark and lost the
# opening one (and the statement's first half)
QUOTED = (
    "Court records show that Varnell admitted to the plot during a meeting with the informant.\n\n"
    '"Varnell expressed a desire to start the new revolution. His targets included institutions '
    'with affiliation to the U.S. Government in Washington D.C." FBI Assistant Special Agent in '
    "Charge Raul Bujanda said.\n\n"
    "The informant later told Varnell that they had access to 2,000 pounds of ammonium nitrate."
)
QUOTED_CLAIM = QUOTED[QUOTED.index('"Varnell') : QUOTED.index("said.") + len("said.")]


def test_a_quotation_of_two_sentences_is_one_claim_with_its_marks_on_every_path() -> None:
    from veracity.claims.fast import candidate_sentences
    from veracity.claims.triage import split_statements

    deep = [c.text for c in extract_claims(analysed(QUOTED, "deep"))]
    fast = [s.text for s in candidate_sentences(analysed(QUOTED, "fast"))]
    rows = [s.text for s in split_statements(QUOTED)]
    for texts in (deep, fast, rows):
        assert QUOTED_CLAIM in texts, texts
        assert not any(t.startswith("His targets") for t in texts), texts


# Probe s48 C2: an embedded post's signature ("— NFL (@NFL) November 23, 2018") and its picture
# link were check-worthy claims (0.98, 0.95 on The Ringer's Thanksgiving column).
SIGNED = (
    "Thanksgiving football winners and losers\n\n"
    "The Saints beat the Falcons 31-17 on Thursday night in New Orleans before 73,000 fans.\n\n"
    "Brees finds a wide-open Tommylee Lewis for a 28-yard touchdown! #ATLvsNO "
    "pic.twitter.com/qdTzvgZDIa — New Orleans Saints (@Saints) November 23, 2018\n\n"
    "(via @NFL)pic.twitter.com/jMRPz0YRnb — Pro Football Focus (@PFF) November 23, 2018\n\n"
    "The Bears held the Lions to 11 first downs and sacked Matthew Stafford 6 times in 2018.\n"
)


def test_an_embedded_posts_signature_is_no_part_of_a_claim_on_both_paths() -> None:
    from veracity.claims.fast import candidate_sentences
    from veracity.claims.triage import triage_text

    deep = [c.text for c in extract_claims(analysed(SIGNED, "deep"))]
    fast = [s.text for s in candidate_sentences(analysed(SIGNED, "fast"), limit=10)]
    rows = [r.text for r in triage_text(SIGNED).rows]
    for texts in (deep, fast, rows):
        assert texts
        assert not any("(@" in t or "pic.twitter" in t for t in texts), texts
    assert "Brees finds a wide-open Tommylee Lewis for a 28-yard touchdown!" in " ".join(fast)


# Probe s48 C3: an op-ed's closing line on its writer was a check-worthy claim (0.88).
OPED = (
    "Top football recruits bring in big money for colleges\n\n"
    "Schools that secure five-star recruits can increase total revenue by over $500,000 for a "
    "university's athletic department, and most football teams never secure one.\n\n"
    "Trevon Logan is a professor of economics at The Ohio State University.\n\n"
    "This article originally was published on The Conversation.\n"
)


def test_a_writers_closing_line_is_no_claim_on_both_paths() -> None:
    from veracity.claims.fast import candidate_sentences

    deep = [c.text for c in extract_claims(analysed(OPED, "deep"))]
    fast = [s.text for s in candidate_sentences(analysed(OPED, "fast"), limit=10)]
    for texts in (deep, fast):
        assert texts and not any("Trevon Logan" in t for t in texts), texts
    from veracity.nlp.document import writer_bio

    # the same sentence opening the piece, or a claim about someone in a closing paragraph, stays
    assert not writer_bio(
        "Trevon Logan is a professor of economics at The Ohio State University.\n\nA\n\nB\n\nC\n", 0
    )
    assert not writer_bio("De Rossi is the second actress to accuse Seagal.\n", 0)
    assert not writer_bio("Ian Somerhalder is an American actor, model, and director.\n", 0)


# Probe s49 C1: an agency's credit line (0.79) and a press release's "About ..." section (0.85,
# with its heading inside the claim) were check-worthy claims.
CREDITED_WIRE = (
    "Chile's central bank holds key rate at 4.75% as copper prices slide\n\n"
    "SANTIAGO, Dec 3 (Reuters) - Chile's central bank held its benchmark interest rate at "
    "4.75% on Wednesday, as expected by all 19 economists polled last week.\n\n"
    "Copper fell 2.3% on the London Metal Exchange on Wednesday to $8,410 a tonne.\n\n"
    "(Reporting by Fabian Cambero; Writing by Natalia Ramos; Editing by Alistair Bell)\n"
)
RELEASE_WITH_ABOUT = (
    "NovaCell Announces Positive Results from Phase 2 Trial of NC-214\n\n"
    "BOSTON, Nov. 18, 2026 -- NovaCell Therapeutics today announced that 58% of 212 patients "
    "receiving the 30 mg dose reached the trial's primary endpoint at week 16.\n\n"
    "NovaCell plans to meet with the FDA in the first half of 2027 to discuss a Phase 3 trial.\n\n"
    "About NovaCell Therapeutics\n"
    "NovaCell Therapeutics is a clinical-stage company with 140 employees developing oral "
    "therapies for 12 immune-mediated diseases.\n\n"
    "Media Contact: press@novacell.example\n"
)


def test_a_credit_line_or_a_releases_about_section_is_no_claim() -> None:
    from veracity.claims.fast import candidate_sentences
    from veracity.claims.triage import split_statements
    from veracity.nlp.document import piece_furniture

    for text, furniture, kept in (
        (CREDITED_WIRE, "Reporting by", "Copper fell"),
        (RELEASE_WITH_ABOUT, "clinical-stage company", "58% of 212"),
    ):
        deep = [c.text for c in extract_claims(analysed(text, "deep"))]
        fast = [s.text for s in candidate_sentences(analysed(text, "fast"), limit=10)]
        rows = [s.text for s in split_statements(text)]
        for texts in (deep, fast, rows):
            assert any(kept in t for t in texts), texts
            assert not any(furniture in t for t in texts), texts
    # "About" opening a sentence, a credit inside a paragraph, a section heading in the first
    # half: claims as before
    assert not piece_furniture("A.\n\nAbout 300 people attended the rally on Friday.\n", 3)
    assert not piece_furniture("The film, with editing by Anna Lee, won.\n\nB.\n", 0)
    text = "About Us\nThe group says 40 people died in the fire.\n\n" + "More text. " * 20
    assert not piece_furniture(text, 9)


# Probe s49 C3: a live blog's entry times and a page's update stamps stayed inside its claims
# ("14:05 Power company Western Grid says 38,000 homes ...").
ENTRY_TIMES = (
    "Storm Ingrid live: thousands without power as gusts hit the west coast\n\n"
    "14:05 Power company Western Grid says 38,000 homes are now without electricity across "
    "Cornwall and Devon, up from 21,000 at noon.\n\n"
    "3.35pm The council said 14 roads in Plymouth were closed by fallen trees on Tuesday.\n\n"
    "12:01 PM PT -- The county said it had opened 6 shelters for 1,200 people in Exeter.\n"
)
ENTRY_TIMES_CLAIMS = [
    "Power company Western Grid says 38,000 homes are now without electricity across Cornwall "
    "and Devon, up from 21,000 at noon.",
    "The council said 14 roads in Plymouth were closed by fallen trees on Tuesday.",
    "The county said it had opened 6 shelters for 1,200 people in Exeter.",
]


def test_a_live_blogs_entry_time_is_no_part_of_a_claim_on_both_paths() -> None:
    from veracity.claims.fast import extract_claims_fast
    from veracity.claims.triage import triage_text

    deep = extract_claims(analysed(ENTRY_TIMES, "deep"))
    fast = extract_claims_fast([analysed(ENTRY_TIMES, "fast")])[0]
    rows = triage_text(ENTRY_TIMES).rows
    for texts in ([c.text for c in deep], [r.text for r in rows]):
        assert set(ENTRY_TIMES_CLAIMS) <= set(texts), texts
    assert fast and {c.text for c in fast} <= set(ENTRY_TIMES_CLAIMS)  # its best few
    assert all(ENTRY_TIMES[c.start : c.end] == c.text for c in deep + fast)


def test_a_clock_time_inside_a_sentence_or_alone_on_its_line_stays() -> None:
    from veracity.claims.cues import after_entry_time

    text = "7:10 P.M. EDT\nThe meeting opened at 10:30 and 40 people spoke.\n10:30 am service"
    assert after_entry_time(text, 0) == 0  # a time alone on its line
    assert after_entry_time(text, text.index("The")) == text.index("The")
    assert after_entry_time(text, text.index("10:30 am")) == text.index("10:30 am")


# Probe s50 C1: in a press conference transcript, `analyze` read a reporter's question, the next
# speaker's label and clock time as one claim ("(00:52) Chief, was this gang-related?\nPolice
# Chief Dana Whitfield: (00:55)"), while `veracity claims` split the same text by turns.
PRESS_CONFERENCE = (
    "Fire Chief Ana Ortiz: (00:00) Good morning. The water main on Harbor Street burst at about "
    "5:40 this morning and 2,300 homes lost their supply for six hours.\n"
    "Reporter: (00:21) Chief, was this arson?\n"
    "Fire Chief Ana Ortiz: (00:24) It's too early to say. The main was laid in 1931 and was due "
    "to be replaced next year.\n"
    "Reporter: (00:40) Will residents be compensated?\n"
    "Fire Chief Ana Ortiz: (00:43) Every household will get a credit of 40 dollars on its next "
    "water bill.\n"
)


@pytest.mark.parametrize("depth", ["deep", "fast"])
def test_a_transcripts_claims_are_cut_at_each_turn_on_both_paths(depth: str) -> None:
    from veracity.claims.fast import extract_claims_fast
    from veracity.claims.triage import triage_text

    document = analysed(PRESS_CONFERENCE, depth)
    claims = extract_claims(document) if depth == "deep" else extract_claims_fast([document])[0]
    assert claims
    for claim in claims:
        assert "\n" not in claim.text and ":" not in claim.text.replace("5:40", ""), claim.text
        assert PRESS_CONFERENCE[claim.start : claim.end] == claim.text
    texts = {c.text for c in claims}
    if depth == "deep":  # (the fast path keeps its best-cued few)
        assert "Every household will get a credit of 40 dollars on its next water bill." in texts
    # `veracity claims` splits the same text into the same sentences
    rows = {r.text for r in triage_text(PRESS_CONFERENCE).rows}
    assert texts <= rows, texts - rows


def test_a_pointer_to_other_content_is_no_claim() -> None:
    """Probe s51 C2: "See also brief video featuring Author Bill Still ... :" was the article's
    check-worthy claim (0.996) and carried another video's "false" fact-check: it points to
    content whose claims are not the article's. The article's own claims stay, and so does a
    sentence that opens alike and states something ("Read the bill: it raises ...")."""
    text = (
        "The foundation has vaccinated 80 million children in Africa and Asia since 2000.\n\n"
        "See also brief video featuring Author Bill Still (6 min) entitled The Truth about Bill "
        "Gates and his disastrous Vaccination Programs around the World:\n\n"
        "Watch the full interview with Governor Ann Lee about the 2025 vaccine budget below.\n\n"
        "Read the bill: it raises the state's vaccine budget by 20 percent to $4 million.\n"
    )
    found = [c.text for c in extract_claims(analysed(text), limit=20)]
    # the parser cuts "See also" off its line: no part of the line is a claim
    assert not any("video featuring" in c or c.startswith("Watch the") for c in found), found
    assert any(c.startswith("The foundation has vaccinated") for c in found), found
    assert any("raises the state's vaccine budget" in c for c in found), found
