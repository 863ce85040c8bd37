"""The terminal summary fits an 80-column terminal: one entry per signal, strongest first."""

from __future__ import annotations

import io
import json
import re
from html import escape
from pathlib import Path

import lxml.html
import pytest
from rich.console import Console

from tests.report.test_html import report_for
from veracity.report.html import render_html
from veracity.report.schema import (
    WEIGHT_NOTE,
    Claim,
    DebunkMatch,
    DecidingPassage,
    OutletRating,
    Reliability,
    SignalKind,
    SourceRating,
    Verdict,
)
from veracity.report.terminal import print_summary

BODY = (
    "Experts are convinced that the council knew about the contamination for weeks and that "
    "the chemical plant upstream paid for the silence of everyone involved in the inspection. "
    "Why would a council stay silent for so long? Sources say the mayor knew."
)


def render(report, width: int = 80, **kwargs) -> list[str]:
    out = io.StringIO()
    print_summary(report, Console(file=out, width=width, color_system=None), **kwargs)
    return out.getvalue().splitlines()


def sample_report():
    report = report_for(
        "Water scandal: what they don't want you to know",
        BODY,
        [
            (SignalKind.VAGUE_ATTRIBUTION, "Sources say"),
            (SignalKind.RHETORICAL_QUESTION, "Why would a council stay silent for so long?"),
            (SignalKind.UNSOURCED_CLAIM, BODY[: BODY.index(".") + 1]),
        ],
    )
    weights = {SignalKind.VAGUE_ATTRIBUTION: 0.8, SignalKind.RHETORICAL_QUESTION: 0.35}
    for signal in report.signals:
        signal.weight = weights.get(signal.kind, 0.5)
        signal.explanation = (
            f"Explanation of {signal.kind.value}, long enough to need wrapping " * 2
        )
    return report


def test_fits_80_columns_with_explanations_below_quotes() -> None:
    lines = render(sample_report())
    assert all(len(line) <= 80 for line in lines)
    assert lines[0] == "Water scandal: what they don't want you to know"
    assert "Reliability: not scored" in lines
    # each kind named as in the entries, the HTML report and the web page (probe s41)
    assert (
        "Signals (3): vague attribution / hedging 1, rhetorical question 1, unsourced claim 1"
        in " ".join(line.strip() for line in lines)
    )
    entries = [i for i, line in enumerate(lines) if line[:6].strip().replace(".", "").isdigit()]
    assert [lines[i][:6] for i in entries] == ["  0.80", "  0.50", "  0.35"]  # strongest first
    # the number is labelled as the HTML report's column is (probe s41: a bare "0.45 Clickbait")
    assert lines[entries[0] - 1].rstrip() == "Weight Kind  “Quote” / Why"
    first = lines[entries[0]]
    assert "Vague attribution / hedging" in first and "“Sources say”" in first
    # The explanation starts on the next line, indented under the quote, and wraps there.
    assert lines[entries[0] + 1].startswith("       Explanation of vague_attribution")
    assert lines[entries[0] + 2].startswith("       ") and lines[entries[0] + 2].strip()
    quote_continued = [line for line in lines if "contamination for weeks" in line]
    assert quote_continued and quote_continued[0].startswith("       contamination")
    assert "involved in…”" in "".join(lines)  # long quotes are cut short


def test_reliability_and_overflow() -> None:
    report = sample_report()
    report.reliability = Reliability(score=0.12, label="unreliable", model_version="test-1")
    lines = render(report, max_signals=2)
    assert "Reliability: UNRELIABLE (score 0.12 on a 0-1 scale, model test-1)" in lines
    assert lines[-1].startswith("… and 1 more")


def test_a_repeated_signal_is_one_line_with_its_count() -> None:
    """Business Insider cited five times took five of the twelve lines, each "Cited outlet
    “Business Insider”" with the same explanation (probe s35: 32 of 100 reports of a 50-article
    sample, deep and fast, repeated a line among their twelve strongest; 69 lines)."""
    body = (
        "Airbnb CEO Brian Chesky told Business Insider travel would change. A manager told "
        "Business Insider the same. Officials told Business Insider nothing. Sources say the "
        "mayor knew. A poll by Business Insider found the same."
    )
    outlet = SignalKind.OUTLET_CITATION
    report = report_for("Travel", body, [(SignalKind.VAGUE_ATTRIBUTION, "Sources say")])
    at = [i for i in range(len(report.text)) if report.text.startswith("Business Insider", i)]
    for start in at:
        report.signals.append(
            report.signals[0].model_copy(
                update={
                    "kind": outlet,
                    "start": start,
                    "end": start + 16,
                    "quote": "Business Insider",
                    "weight": 0.1,
                    "explanation": "Cites Business Insider, an outlet rated high.",
                }
            )
        )
    lines = render(report, max_signals=2)
    cited = [line for line in lines if "Cited outlet" in line]
    assert len(cited) == 1 and "×4" in cited[0]
    assert not any(line.startswith("… and") for line in lines)  # all 5 signals are shown
    lines = render(report, max_signals=1)
    assert lines[-1].startswith("… and 4 more")


def test_an_outlet_named_two_ways_is_one_line_as_in_the_reports_outlets() -> None:
    """Probe s43: "ABC News" three times and "ABCNews.com" twice were two lines, "ABC News
    ×3" and "ABCNews.com ×2", where the report's outlets (JSON, HTML) list one outlet."""
    body = (
        "An official told ABC News on Monday. The clerk told ABC News. A spokesman told ABC "
        "News. The figures ran on ABCNews.com first, and ABCNews.com updated them."
    )
    report = report_for("Count", body, [(SignalKind.VAGUE_ATTRIBUTION, "An official told")])
    for name in ("ABC News", "ABCNews.com"):
        at = [i for i in range(len(report.text)) if report.text.startswith(name, i)]
        for start in at:
            report.signals.append(
                report.signals[0].model_copy(
                    update={
                        "kind": SignalKind.OUTLET_CITATION,
                        "start": start,
                        "end": start + len(name),
                        "quote": name,
                        "weight": 0.1,
                        "explanation": "Cites ABC News, an outlet rated high.",
                        "detail": {"outlet": "ABC News", "domain": "abcnews.com"},
                    }
                )
            )
    assert sum(s.kind is SignalKind.OUTLET_CITATION for s in report.signals) == 5
    cited = [line.rstrip() for line in render(report, width=120) if "Cited outlet" in line]
    assert cited == ["  0.10 Cited outlet  “ABC News” / “ABCNews.com” ×5"]


def test_says_what_the_score_means_and_shows_the_bands() -> None:
    report = sample_report()
    report.reliability = Reliability(score=0.5, label="uncertain", model_version="test-1")
    text = " ".join(" ".join(render(report)).split())
    assert "unreliable < 0.35 <= uncertain < 0.65 <= reliable" in text
    assert "writing style and sourcing" in text
    assert "not a verdict on whether its facts are true" in text
    assert "%" not in text


def test_unscored_report_says_so_and_points_to_the_note() -> None:
    report = sample_report()
    report.notes = ["Not scored: the text is not in English (detected: es)."]
    lines = render(report)
    assert "Note: Not scored: the text is not in English (detected: es)." in lines
    assert "Reliability: not scored (see the note above)" in lines
    assert not any(line.startswith("Driven by") for line in lines)


def test_each_reason_for_no_score_reads_as_words_a_language_named_as_one() -> None:
    # "not scored: not english" named no language; the HTML report said "(not english)"
    report = sample_report()
    report.notes = ["No reliability score: the text is not in English."]
    for status, words in (
        ("not_english", "not English"),
        ("too_short", "too short"),
        ("out_of_scope", "out of scope"),
    ):
        report.reliability_status = status
        assert f"Reliability: not scored: {words} (see the note above)" in render(report)
        assert f"<strong>Not scored</strong> ({words})" in render_html(report)


def test_markup_in_article_text_is_printed_literally() -> None:
    report = report_for("[bold red]Not markup[/] [/x]", "[link=http://x]body[/link] text.", [])
    lines = render(report)
    assert lines[0] == "[bold red]Not markup[/] [/x]"
    assert "Signals (0): none" in lines


def test_contested_outlet_says_so() -> None:
    from veracity.report.schema import OutletRating

    report = sample_report()
    report.outlets = [
        OutletRating(outlet="Blogspot", domain="blogspot.com", factuality="mixed", contested=True),
        OutletRating(outlet="Reuters", domain="reuters.com", factuality="high"),
    ]
    text = " ".join(" ".join(render(report, width=200)).split())
    assert "Blogspot — factuality mixed, bias unknown (contested: rating lists disagree" in text
    assert "Reuters — factuality high, bias unknown (contested" not in text


def test_a_cited_platform_says_a_post_is_as_reliable_as_whoever_posted_it() -> None:
    """Probe s48 O2: "Cites: X (social network) — factuality low" beside the signal's "a post
    on X ... is as reliable as whoever posted it" read as a low-factuality outlet cited."""
    from veracity.report.schema import OutletRating

    report = sample_report()
    report.outlets = [
        OutletRating(
            outlet="X (social network)",
            domain="twitter.com",
            factuality="low",
            bias="center",
            role="cited",
            contested=True,
            rating_source="Wikipedia: Reliable sources/Perennial sources, 2026",
            platform=True,
        )
    ]
    text = " ".join(" ".join(render(report, width=200)).split())
    assert (
        "Cites: X (social network) — a platform: a post is as reliable as whoever posted it" in text
    )
    assert "factuality low" not in text and "contested" not in text
    assert "Perennial" not in text


def satirical_publisher() -> OutletRating:
    """The Onion as the rating lists file it (probe s49 O1): satire on Media Bias/Fact Check's
    newest list, 'mixed' by Lin et al. 2023 (its factuality) and centre by a 2018 list (its
    bias), as its publisher."""
    mbfc = SourceRating(
        source="Media Bias/Fact Check (official extension feed)",
        date="2026-08-19",
        factuality="unknown",
        bias="unknown",
        bias_detail="satire",
        domain="theonion.com",
    )
    lin = SourceRating(
        source="Lin et al. 2023", date="2023-09", factuality="mixed", domain="theonion.com"
    )
    return OutletRating(
        outlet="The Onion",
        domain="theonion.com",
        factuality="mixed",
        bias="center",
        rating_source="Lin et al. 2023, 2023-09",
        ratings=[mbfc, lin],
        role="publisher",
    )


def test_a_publisher_listed_as_satire_reads_satire_in_place_of_its_levels() -> None:
    """Probe s49 O1: "Publisher: The Onion — factuality mixed, bias center" (Lin et al.'s and a
    2018 list's reading) under a note that the lists file it as satire; `veracity source` the
    same, saying satire nowhere but in two list lines."""
    from rich.console import Console

    from veracity.report.outlet_text import print_outlet_rating

    onion = satirical_publisher()
    lin = onion.ratings[1]
    report = sample_report()
    report.outlets = [onion]
    for text in (
        " ".join(" ".join(render(report, width=200)).split()),
        " ".join(render_html(report).split()),
    ):
        assert "The Onion" in text and "satire: its stories are jokes, not reports" in text
        assert "factuality mixed" not in text and "Lin et al." not in text
    console = Console(width=200, record=True)
    print_outlet_rating(onion, console, [])
    shown = console.export_text()
    assert "satire: its stories are jokes, not reports" in shown
    assert "factuality: mixed" not in shown and "bias: center" not in shown
    # a news outlet keeps its levels
    report.outlets = [onion.model_copy(update={"ratings": [lin]})]
    assert "factuality mixed, bias center" in " ".join(" ".join(render(report, width=200)).split())


def test_a_score_just_under_a_band_edge_is_not_printed_as_the_edge() -> None:
    # 0.6473 is uncertain; "0.65" beside it would read as reliable by the bands printed below
    report = sample_report()
    report.reliability = Reliability(score=0.6473, label="uncertain", model_version="test-1")
    lines = render(report)
    assert "Reliability: UNCERTAIN (score 0.647 on a 0-1 scale, model test-1)" in lines


# Nine check-worthy sentences of one article; the claim a published fact-check matches ranks
# seventh. Before, the summary printed the top five and nothing else: no sign of the other four,
# and the fact-check was only in --format json.
CLAIMS = [
    "Violent crime in the state's five largest cities rose 12 percent last year.",
    "The governor cut the state income tax by 2 percent for families earning under $80,000.",
    "The state's unemployment rate fell to 3.5 percent in 2023, the lowest in fifty years.",
    "The state's Medicaid program now covers 1.2 million people, up from 900,000 in 2018.",
    "The budget passed in June included $450 million for road repairs.",
    "Fourteen rural hospitals have closed since 2019.",
    "Opponents say premiums have tripled in the state under Obamacare.",
    "The governor's office said in a statement that the figures were misleading.",
    "Governor's record under fire as campaign enters final week.",
]


def report_with_claims():
    report = report_for(None, " ".join(CLAIMS), [])
    for rank, text in enumerate(CLAIMS):
        start = report.text.index(text)
        claim = Claim(text=text, start=start, end=start + len(text), score=0.99 - 0.05 * rank)
        report.claims.append(claim)
    report.claims[6].debunk_matches.append(
        DebunkMatch(
            statement="Under Obamacare, premiums have doubled and tripled in Wisconsin.",
            verdict="mostly-true",
            source="PolitiFact via LIAR, statement 13525",
            similarity=0.82,
            match_type="semantic",
            explanation="same meaning",
        )
    )
    return report


def test_claims_beyond_the_first_five_are_counted_and_a_fact_checked_one_is_shown() -> None:
    text = " ".join(" ".join(render(report_with_claims(), width=200)).split())
    assert "Check-worthy claims (9), each with its check-worthiness" in text
    assert all(claim in text for claim in CLAIMS[:5])
    assert CLAIMS[6] in text and "fact-check: mostly-true" in text
    assert CLAIMS[5] not in text and CLAIMS[7] not in text
    # probe s48: with no evidence index searched, "nor supported, refuted or disputed by the
    # evidence" read as if the evidence had been searched
    assert (
        "… and 3 more, none matched to a known fact-check; no evidence index was searched "
        "(--format json or --html for the full list)"
    ) in text
    assert "by the evidence" not in text


def test_the_overflow_line_does_not_call_undecided_claims_unjudged() -> None:
    """Probe s47: with --index every claim of an article is judged; the four left out of the
    summary were "not enough evidence", and the line under it said "none ... judged by the
    evidence", read as never checked against the index."""
    report = report_with_claims()
    for claim in report.claims:
        claim.verdict = Verdict(
            label="not_enough_evidence", confidence=0.99, explanation="0 passage(s) support it"
        )
    text = " ".join(" ".join(render(report, width=200)).split())
    assert "none matched to a known fact-check or supported, refuted or disputed by" in text
    assert "judged by the evidence" not in text


def test_five_claims_or_fewer_need_no_overflow_line() -> None:
    report = report_with_claims()
    report.claims = report.claims[:5]
    assert not any("… and" in line for line in render(report, width=200))


def test_every_figure_beside_a_claim_says_what_it_is() -> None:
    """probe s37: the summary printed "0.99 “Russian warships fired ...”", "evidence: refuted
    (0.61)" and "refutes 0.61 pentagon.txt": bare figures an editor reads as "99% true". The
    HTML report already wrote "check-worthiness 0.99"."""
    report = report_with_claims()
    claim = report.claims[0]
    claim.verdict = Verdict(
        label="refuted",
        confidence=0.61,
        explanation="1 passage refutes it",
        passages=[
            DecidingPassage(
                document_id="pentagon.txt",
                passage="The reports were false.",
                stance="refutes",
                weight=0.61,
            )
        ],
    )
    text = " ".join(" ".join(render(report, width=200)).split())
    assert (
        "each with its check-worthiness (0 to 1: how far it states a fact that can be checked, "
        "not whether it is true)"
    ) in text
    assert "evidence: refuted (confidence 0.61): 1 passage refutes it" in text
    assert "decided by: refutes, weight 0.61, pentagon.txt: “The reports were false.”" in text
    # what the weight is, said once (probe s47, V5)
    assert text.count(WEIGHT_NOTE) == 1


def test_the_nearest_passages_of_an_undecided_claim_are_headed_as_such() -> None:
    """Probe s47: under "evidence: not enough evidence", `veracity analyze --index` listed
    "neutral, weight 0.90, sheriff-crime.txt: ..." with no heading, read as a strong passage;
    `veracity verify`, the HTML report and the web page head them "nearest passages (none
    decides it)"."""
    report = report_with_claims()
    report.claims[0].verdict = Verdict(
        label="not_enough_evidence",
        confidence=0.99,
        explanation="0 passage(s) support it (strength 0.00), 0 refute it (strength 0.00)",
        passages=[
            DecidingPassage(
                document_id="sheriff.txt",
                passage="Violent crime fell 5 percent.",
                stance="neutral",
                weight=0.9,
            )
        ],
    )
    text = " ".join(" ".join(render(report, width=200)).split())
    assert (
        "nearest passages: neutral, weight 0.90, sheriff.txt: “Violent crime fell 5 percent.”"
        in text
    )


def test_the_html_report_and_the_terminal_show_the_same_reasons_for_the_score() -> None:
    """Probe s44: the HTML report listed eight reasons for a score, the terminal summary and
    the web page six, so "attributes claims to vague or unnamed sources" lowered the score on
    the page a reader saves and not in the summary beside it."""
    from veracity.report.schema import FeatureContribution

    report = sample_report()
    names = [f"reason number {i}" for i in range(8)]
    report.reliability = Reliability(
        score=0.5,
        label="uncertain",
        model_version="test-1",
        top_features=[
            FeatureContribution(name=name, source="style", contribution=(-1) ** i / (i + 1))
            for i, name in enumerate(names)
        ],
    )
    terminal = " ".join(render(report, width=400))
    in_terminal = [n for n in names if n in terminal]
    assert [n for n in names if n in render_html(report)] == in_terminal
    assert in_terminal == names[:6]
    # the web page shows as many (report.schema.REASONS_SHOWN)
    from veracity.report.schema import REASONS_SHOWN

    app = (Path(__file__).parents[2] / "src/veracity/api/static/app.js").read_text()
    assert REASONS_SHOWN == 6
    assert f"const REASONS_SHOWN = {REASONS_SHOWN};" in app


def test_a_publisher_never_looked_up_is_not_rated_not_unknown() -> None:
    """Probe s44: a saved NBC page without --url read "Publisher: nbcnews.com — factuality
    unknown, bias unknown", as if the lists knew nothing of NBC; its own address is named, never
    rated. An address the lists were asked about and do not hold stays "unknown"."""
    from veracity.report.schema import OutletRating

    report = sample_report()
    report.outlets = [OutletRating(outlet="nbcnews.com", role="publisher")]
    text = " ".join(" ".join(render(report, width=200)).split())
    assert (
        "Publisher: nbcnews.com — not rated: its address was not looked up in the rating lists"
        in text
    )
    assert "factuality unknown" not in text
    report.outlets = [
        OutletRating(outlet="nosuchoutlet.example", domain="nosuchoutlet.example", role="publisher")
    ]
    text = " ".join(" ".join(render(report, width=200)).split())
    assert "Publisher: nosuchoutlet.example — factuality unknown, bias unknown" in text


def test_long_quotes_and_claims_are_cut_after_a_whole_word() -> None:
    """Probe s46: "... kneel on the football wit…" (a claim and an unsourced-claim quote of an
    NFL.com story, cut at 160 characters inside "with")."""
    sentence = (
        "Following Jacoby Jones' stunning 70-yard touchdown reception that tied the score late "
        "in regulation, Fox called for Peyton Manning to kneel on the football with 31 seconds "
        "to play."
    )
    report = report_for(
        "John Fox preferred overtime", sentence, [(SignalKind.UNSOURCED_CLAIM, sentence)]
    )
    report.claims = [Claim(text=sentence, score=0.93, start=0, end=len(sentence))]
    text = " ".join(line.strip() for line in render(report, width=200))
    assert text.count("kneel on the football…”") == 2  # the claim and the signal's quote
    assert "wit…" not in text


def test_a_long_source_address_is_printed_whole_on_one_line() -> None:
    """Probe s46: a Reuters address longer than the terminal was broken by a line break inside it
    ("...-as-covi" / "d-hits-idUKKBN22V0NK"), so the link copied from the summary (or from its
    output saved to a file) led nowhere."""
    url = (
        "http://uk.reuters.com/article/uk-health-coronavirus-britain-economy/"
        "uk-jobless-claims-jump-to-highest-since-1996-as-covid-hits-idUKKBN22V0NK"
    )
    report = sample_report().model_copy(update={"source_url": url})
    assert f"Source: {url}" in render(report)


def test_a_claim_in_another_language_shows_its_note_not_a_score() -> None:
    """Fix s46: a claim in another language has no check-worthiness score (schema 1.4); the
    summary and the HTML report printed ``claim.score:.2f`` and would show a number or fail."""
    french = "Le vaccin ROR provoque l'autisme chez les enfants."
    report = report_for(None, f"{CLAIMS[0]} {french}", [])
    start = report.text.index(french)
    note = "The claim reads as French ('fr'), not English: it has no check-worthiness score."
    report.claims = [
        Claim(text=CLAIMS[0], start=0, end=len(CLAIMS[0]), score=0.93),
        Claim(
            text=french,
            start=start,
            end=start + len(french),
            score=None,
            score_status="not_english",
            note=note,
        ),
    ]
    text = " ".join(" ".join(render(report, width=200)).split())
    assert f"0.93 “{CLAIMS[0]}”" in text
    assert f"not scored (not English) “{french}” {note}" in text
    page = " ".join(render_html(report).split())
    assert "(check-worthiness not scored (not English))" in page
    assert "The claim reads as French (&#x27;fr&#x27;), not English" in page


def test_a_quote_that_brings_its_own_quotation_marks_is_not_marked_twice() -> None:
    """Probe s44: the propaganda span “fierce” of "facing “fierce” resistance, a commander says"
    read ““fierce”” in the terminal (and in the HTML report's table and the web page's <q>):
    a quote between a pair of quotation marks is shown as it is, any other between curly ones."""
    body = "Iraqi forces are facing “fierce” resistance, a commander says. They shelled 'x."
    report = report_for(
        "Iraq", body, [(SignalKind.PROPAGANDA, "“fierce”"), (SignalKind.PROPAGANDA, "'x")]
    )
    text = "\n".join(render(report, width=200))
    assert "“fierce”" in text and "““fierce””" not in text
    assert "“'x”" in text  # an apostrophe is no pair
    page = render_html(report)
    assert "<td><bdi>“fierce”</bdi></td>" in page and "&ldquo;<bdi>“fierce”" not in page
    assert "<td>&ldquo;<bdi>&#x27;x</bdi>&rdquo;</td>" in page
    # the web page leaves off its <q>'s marks for the same pairs
    from veracity.report.html import QUOTATION_MARKS

    app = (Path(__file__).parents[2] / "src/veracity/api/static/app.js").read_text()
    pairs = re.search(r"const QUOTATION_MARKS = (\{.*?\});", app)
    assert pairs is not None and json.loads(pairs.group(1)) == QUOTATION_MARKS
    style = (Path(__file__).parents[2] / "src/veracity/api/static/style.css").read_text()
    assert "q.enclosed { quotes: none; }" in style


def test_an_isolate_a_quoted_string_leaves_open_is_closed_inside_its_quotation_marks() -> None:
    """Rounds 13 and 14: ingest keeps the directional isolates right-to-left text needs, and one
    opened in a claim and never closed runs to the end of its line; the HTML report sets each
    quoted string in <bdi> (round 13), the terminal printed it as it was, so a terminal that
    lays out bidirectional text put the summary's own words after the quote inside it. Each
    isolate left open is closed (U+2069) before the closing quotation mark; one closed is not."""
    claims = [
        "Taxes rose 40 percent last year, said \u2067\u0627\u0644\u0648\u0632\u064a\u0631",
        "The \u2067\u0648\u0632\u064a\u0631\u2069 said rents rose by a third in two years.",
    ]
    report = report_for(None, " ".join(claims), [(SignalKind.VAGUE_ATTRIBUTION, claims[0])])
    for text in claims:
        start = report.text.index(text)
        report.claims.append(Claim(text=text, start=start, end=start + len(text), score=0.9))
    lines = render(report, width=300)
    open_one = [line for line in lines if "Taxes rose" in line]
    assert open_one and all("\u2069”" in line for line in open_one)  # the claim, the signal
    closed = next(line for line in lines if "rents rose" in line)
    assert closed.count("\u2069") == 1


def test_the_publishers_rating_comes_right_after_the_score_in_the_terminal_and_html() -> None:
    """Probe s47 U4: the web page listed the publisher's rating last ("Outlets", under the
    signals and techniques), the terminal after the signal counts and techniques, the HTML
    report after the article. Each now gives it right after the score, before the signals."""
    from veracity.ingest import article_from_text
    from veracity.pipeline import analyze

    article = article_from_text(
        BODY + " Fox News reported the same figures on Monday.",
        title="Water scandal at the council",
        source_url="https://www.bbc.co.uk/news/water-123",
        source_domain="bbc.co.uk",
    )
    report = analyze(article, depth="fast")
    assert report.reliability is not None and report.signals
    lines = render(report, width=200)
    at = {
        name: next(i for i, line in enumerate(lines) if line.startswith(name))
        for name in ("Reliability:", "Publisher: BBC", "Signals (")
    }
    assert at["Reliability:"] < at["Publisher: BBC"] < at["Signals ("], lines
    page = render_html(report)
    assert page.index('<div class="scale"') < page.index("<h2>Outlets</h2>")
    assert page.index("<h2>Outlets</h2>") < page.index('<div class="article">')


def test_what_moved_the_score_is_in_one_order_everywhere() -> None:
    """Probe s48 U2: the terminal gave "Lowers it: ..." then "Raises it: ...", the HTML report
    (and the web page) the same six reasons interleaved, "lowers it / raises it / lowers it".
    The HTML report now gives the terminal's two lines, in its order."""
    from veracity.report.schema import FeatureContribution

    report = sample_report()
    names = ["short article", "attributes statements", "leans on unnamed sources", "figures"]
    report.reliability = Reliability(
        score=0.35,
        label="uncertain",
        model_version="test-1",
        top_features=[
            FeatureContribution(name=name, source="style", contribution=(-1) ** (i + 1) / (i + 1))
            for i, name in enumerate(names)
        ],
    )
    lowers = "Lowers it: short article; leans on unnamed sources"
    raises = "Raises it: attributes statements; figures"
    terminal = [line for line in render(report, width=200) if line.startswith(("Low", "Rai"))]
    assert terminal == [lowers, raises]
    items = lxml.html.fromstring(render_html(report)).xpath("//details/ul/li")
    assert [item.text_content() for item in items] == [lowers, raises]


def test_a_repeated_quote_is_one_row_with_its_count_in_the_html_report() -> None:
    """Probe s48 U3: the terminal listed the outlet cited twice as “National Enquirer” ×2, the
    HTML report's table as two identical rows. Both now show it once, ×2 after its words."""
    body = (
        "Brad Pitt has won the kids, the National Enquirer says. Sources have claimed it for "
        "weeks, and the National Enquirer repeats it."
    )
    report = report_for(
        "Brad Pitt wins the kids",
        body,
        [
            (SignalKind.OUTLET_CITATION, "National Enquirer"),
            (SignalKind.VAGUE_ATTRIBUTION, "Sources"),
        ],
    )
    second = body.rindex("National Enquirer")
    report.signals.append(
        report.signals[0].model_copy(update={"start": second, "end": second + 17})
    )
    terminal = "\n".join(render(report, width=200))
    assert "“National Enquirer” ×2" in terminal
    rows = lxml.html.fromstring(render_html(report)).xpath("//table/tr[td]")
    quotes = [row.xpath("td")[1].text_content() for row in rows]
    assert quotes == ["“National Enquirer” ×2", "“Sources”"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The markets fell.", "“The markets fell.”"),
        ("“The markets fell.”", "“The markets fell.”"),
        (
            "“If we act, the markets will fall,” he said.",
            "“If we act, the markets will fall,” he said.",
        ),
        ("He said the markets “will fall.”", "He said the markets “will fall.”"),
        # a quotation the claim cuts: the mark that pairs with its own
        ("“If we do nothing, the markets will", "“If we do nothing, the markets will”"),
        ("the markets will fall,” he said.", "“the markets will fall,” he said."),
        ('"If we act," he said.', '"If we act," he said.'),
        ("„Wir handeln“, sagte er.", "„Wir handeln“, sagte er."),
    ],
)
def test_a_claims_quotation_marks_pair_up_with_the_ones_shown(text: str, shown: str) -> None:
    """Part fix item 5 (session 49): a claim that opens with a quotation mark but is not
    wholly quoted showed only the closing mark added; the marks added are those the text's own
    leave unpaired, both for a text with none at either end."""
    from veracity.report.html import quotation_marks_added

    opening, closing = quotation_marks_added(text)
    assert f"{opening}{text}{closing}" == shown


def test_a_claim_that_opens_or_ends_with_a_quotation_mark_gets_no_second_one() -> None:
    """Probe s48 U4: a claim opening with a quotation mark read ““If in the next 20 years ...
    in the terminal (and in the HTML report and the page): a mark the text already has, at its
    start or at its end, is not doubled; a text between a pair of its own is shown as it is.
    Session 49: nor is one shown unpaired ("“If ...,” the minister said.”")."""
    opens = "“If in the next 20 years we do nothing, the markets will fall,” the minister said."
    ends = "The minister said the markets “will fall by 40 percent.”"
    body = f"{opens} {ends}"
    report = report_for("Markets", body, [])
    start = body.index(ends)
    report.claims = [
        Claim(text=opens, start=0, end=len(opens), score=0.95),
        Claim(text=ends, start=start, end=start + len(ends), score=0.9),
    ]
    text = " ".join(" ".join(render(report, width=300)).split())
    # session 49: and its marks pair up, not “If ...,” the minister said.” with one added
    assert f"0.95 {opens} 0.90 {ends}" in text
    assert "““" not in text and "said.”" not in text and "”” " not in text and "“The" not in text
    page = render_html(report)
    assert f"<p><bdi>{escape(opens)}</bdi> <small>" in page
    assert f"<p><bdi>{escape(ends)}</bdi> <small>" in page
    # the web page's <q> leaves off the same marks (tests/web/test_report_forms.py in Chromium)
    from veracity.report.html import CLOSING_MARKS

    app = (Path(__file__).parents[2] / "src/veracity/api/static/app.js").read_text()
    closing = re.search(r'const CLOSING_MARKS = "(.*?)";', app)
    assert closing is not None and json.loads(f'"{closing.group(1)}"') == CLOSING_MARKS
