"""An article that says it is opinion (a column, an editorial, an op-ed) is noted as such."""

from __future__ import annotations

import json

import pytest

from veracity.ingest import article_from_text, with_address
from veracity.ingest.opinion import opinion_label, opinion_note, review_label

BODY = (
    "The council voted on Monday to double parking fees downtown, and it is a mistake that "
    "will drive shoppers to the malls."
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # as the article corpora have them (53 articles of the 8 corpora, every one read)
        (
            f"Opinion | Give Trump All the Rallies He Wants\n\n{BODY}",
            'its title\'s label "Opinion"',
        ),
        (
            f"Op-Ed: Amazon, it's time to disclose your deaths\n\n{BODY}",
            'its title\'s label "Op-Ed"',
        ),
        (
            f"COMMENTARY: Donald Trump, candidate of change\n\n{BODY}",
            'its title\'s label "COMMENTARY"',
        ),
        (f"Editorial: 2019-nCoV is in the country\n\n{BODY}", 'its title\'s label "Editorial"'),
        (
            f"Letting the pandemic change us for the better\n\nOpinion\n\n{BODY}",
            'the line "Opinion"',
        ),
        (
            f"Censored Dr. Kaufman speaks\n\nCommentary by Brian Shilhavy\n\n{BODY}",
            'the line "Commentary by Brian Shilhavy"',
        ),
        (f"Parking fees\n\nBy Jane Doe\n\nCOLUMN\n\n{BODY}", 'the line "COLUMN"'),
        # the page's section as a line between paragraphs (the Chicago Sun-Times' pages)
        (f"Make the world better\n\n{BODY}\n\n{BODY}\n\nOpinion\n\n{BODY}", 'the line "Opinion"'),
    ],
)
def test_an_article_that_says_it_is_opinion_is_read_so(text: str, said: str) -> None:
    assert opinion_label(article_from_text(text)) == said


@pytest.mark.parametrize(
    "text",
    [
        f"Opinion polls show the mayor ahead\n\n{BODY}",
        "Council doubles parking fees\n\nThe column of protesters reached City Hall at noon.",
        f"Council doubles parking fees\n\nCommentary by the mayor drew criticism.\n\n{BODY}",
        f"Council doubles parking fees\n\n{BODY}\n\nOpinion polls\n\nThe editorial board met.",
        f"Council doubles parking fees\n\n{BODY}",
    ],
)
def test_an_article_that_does_not_say_so_is_not(text: str) -> None:
    assert opinion_label(article_from_text(text)) is None


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (
            "https://www.latimes.com/opinion/story/2020-05-01/parking",
            'its address\'s section "opinion"',
        ),
        (
            "https://www.washingtonpost.com/opinions/2020/05/01/parking/",
            'its address\'s section "opinions"',
        ),
        (
            "https://www.chicagotribune.com/columns/ct-parking-20200501",
            'its address\'s section "columns"',
        ),
        ("https://example.com/news/columnist-awards-2020", None),
        ("https://example.com/news/opinion-polls-mayor", None),
    ],
)
def test_the_section_of_its_address_counts(url: str, said: str | None) -> None:
    article = with_address(article_from_text(f"Council doubles parking fees\n\n{BODY}"), url)
    assert opinion_label(article) == said


@pytest.mark.parametrize(
    ("section", "said"),
    [
        ("Opinion", 'its page\'s section "Opinion"'),
        ("Columnists", 'its page\'s section "Columnists"'),
        ("Analysis & Opinion", 'its page\'s section "Opinion"'),
        ("Opinion | \x1b]0;owned\x07", 'its page\'s section "Opinion"'),
        ("Politics", None),
        ("Public opinion research", None),
    ],
)
def test_the_section_its_page_names_counts(section: str, said: str | None) -> None:
    from html import escape

    from veracity.ingest import article_from_html

    page = (
        "<html><head><title>Why parking fees should stay low</title>"
        f'<meta property="article:section" content="{escape(section)}"></head>'
        f"<body><article><h1>Why parking fees should stay low</h1><p>{BODY}</p><p>{BODY}</p>"
        "</article></body></html>"
    )
    assert opinion_label(article_from_html(page)) == said


@pytest.mark.parametrize(
    ("json_ld", "said"),
    [
        # schema.org's articleSection, as news sites' JSON-LD gives it (probe s42: not read)
        (
            {"@context": "https://schema.org", "@type": "NewsArticle", "articleSection": "Opinion"},
            'its page\'s section "Opinion"',
        ),
        (
            {"@type": "NewsArticle", "articleSection": ["Commentary", "Politics"]},
            'its page\'s section "Commentary"',
        ),
        (
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebSite", "name": "The Daily Bugle"},
                    {"@type": "NewsArticle", "articleSection": "Op-Ed"},
                ],
            },
            'its page\'s section "Op-Ed"',
        ),
        (
            [{"@type": "BreadcrumbList"}, {"@type": "Article", "articleSection": "Editorials"}],
            'its page\'s section "Editorials"',
        ),
        (
            {
                "@type": "WebPage",
                "mainEntity": {"@type": "NewsArticle", "articleSection": "Op-Eds"},
            },
            'its page\'s section "Op-Eds"',
        ),
        ({"@type": "NewsArticle", "articleSection": "Politics"}, None),
        ({"@type": "NewsArticle", "articleSection": "Public opinion research"}, None),
        ({"@type": "NewsArticle", "articleSection": 7}, None),
        ({"@type": "NewsArticle", "headline": "Opinion"}, None),
    ],
)
def test_the_section_its_json_ld_names_counts(json_ld: object, said: str | None) -> None:
    from veracity.ingest import article_from_html

    page = (
        "<html><head><title>Why parking fees should stay low</title>"
        f'<script type="application/ld+json">{json.dumps(json_ld)}</script></head>'
        f"<body><article><h1>Why parking fees should stay low</h1><p>{BODY}</p><p>{BODY}</p>"
        "</article></body></html>"
    )
    assert opinion_label(article_from_html(page)) == said


@pytest.mark.parametrize(
    "script",
    [
        "{not json",
        "[" * 100_000 + "]" * 100_000,  # deeper than the JSON reader goes
        json.dumps({"@graph": [[[[[[[[{"articleSection": "Opinion"}]]]]]]]] * 300}),
        json.dumps({"@type": "NewsArticle", "articleSection": "Opinion " * 30_000}),
    ],
)
def test_a_json_ld_it_cannot_read_gives_no_section(script: str) -> None:
    from veracity.ingest import article_from_html

    page = (
        "<html><head><title>Council doubles parking fees</title>"
        f'<script type="application/ld+json">{script}</script></head>'
        f"<body><article><p>{BODY}</p></article></body></html>"
    )
    article = article_from_html(page)
    assert article.section is None
    assert opinion_label(article) is None


def test_the_report_notes_an_opinion_piece_on_every_output_and_keeps_its_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rich.console import Console

    import veracity.pipeline as pipeline
    from veracity.report.html import render_html
    from veracity.report.terminal import print_summary

    article = article_from_text(
        "Why parking fees should stay low\n\nOpinion\n\n"
        "The council voted on Monday to double parking fees downtown. It is a mistake, and "
        "the shop owners on Main Street know it better than anyone at City Hall.\n\n"
        "Last year the city raised the fees by a quarter, and the chamber of commerce counted "
        "fewer shoppers in every month that followed. Several stores closed. The mayor says "
        "the money will pay for new bus shelters, but the budget office could not say how "
        "many, or when they would be built.\n\n"
        "There are better ways to pay for buses. A small levy on the parking garages the city "
        "already owns would raise as much without punishing the people who keep downtown alive."
    )
    report = pipeline.analyze(article, depth="fast")
    notes = [note for note in report.notes if note.startswith("Opinion piece")]
    assert notes == [
        'Opinion piece (the line "Opinion"): a column, editorial or op-ed argues its writer\'s '
        "view; the reliability score reads its writing and sourcing as it reads any article's."
    ]
    assert notes[0] in json.loads(report.model_dump_json())["notes"]
    console = Console(width=200, record=True)
    print_summary(report, console=console)
    assert "Note: Opinion piece" in console.export_text()
    assert "Opinion piece (the line &quot;Opinion&quot;)" in render_html(report)
    # the note is all that changes
    monkeypatch.setattr(pipeline, "opinion_note", lambda article: None)
    unnoted = pipeline.analyze(article, depth="fast")
    assert report.reliability is not None
    assert report.model_copy(update={"notes": unnoted.notes}) == unnoted


@pytest.mark.parametrize(
    ("text", "url", "said"),
    [
        # probe s47 I1: a Vox film review gave no note
        (
            "Sofia Coppola triumphs with The Beguiled\n\nThe Beguiled masquerades as a Southern "
            "Gothic tale.\n\nRating: 4.5 out of 5 vox-mark vox-mark\n\nIn her adaptation, "
            "Coppola turns the seminary into a hothouse.",
            None,
            'the line "Rating: 4.5 out of 5"',
        ),
        (
            "Review: A quiet, brilliant film\n\nThe film opens on a farm.",
            None,
            'its title\'s label "review"',
        ),
        (
            "A quiet, brilliant film\n\nThe film opens on a farm.",
            "https://example.com/film/2017/jun/the-beguiled-review",
            'its address\'s "review"',
        ),
        (
            "A quiet, brilliant film\n\nThe film opens on a farm.",
            "https://example.com/reviews/2017/the-beguiled",
            'its address\'s "review"',
        ),
    ],
)
def test_a_review_says_so_in_its_title_a_rating_line_or_its_address(
    text: str, url: str | None, said: str
) -> None:
    article = article_from_text(text)
    if url is not None:
        article = with_address(article, url)
    assert review_label(article) == said
    assert (opinion_note(article) or "").startswith(f"Review ({said}): a critic's judgement")


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "FBI to review Clinton emails\n\nThe FBI will review the emails, it said.",
            "https://example.com/news/fbi-review-of-clinton-emails",
        ),
        ("Council budget passes\n\nThe plan scored 7 votes of 9 on Monday.", None),
        # read off the corpora's matches: a recap, a fact-check's rubric, a readers' widget,
        # a contest's score
        ("The Trump White House in review: Week 50\n\nThe week was busy for the staff.", None),
        ("Rumor Review: Denzel Washington backs Trump (FALSE)\n\nThe rumor spread.", None),
        ("Singapore update\n\nRating: 0.0/ 5 (0 votes cast)\n\nThe ministry said.", None),
        ("Dancing with the Stars recap\n\nScore: 27/30\n\nHe went home.", None),
    ],
)
def test_news_of_a_review_is_no_review(text: str, url: str | None) -> None:
    article = article_from_text(text)
    if url is not None:
        article = with_address(article, url)
    assert review_label(article) is None


RELEASE = (
    "Domino's Celebrates Cow Appreciation Week\n\n"
    "ANN ARBOR, Mich., July 10, 2017 /PRNewswire/ -- Domino's Pizza (NYSE: DPZ) is celebrating "
    "Cow Appreciation Week with 50 percent off all menu-priced pizzas ordered online.\n\n"
    "The offer runs July 10-16, 2017, the company said."
)


@pytest.mark.parametrize(
    ("text", "url", "said"),
    [
        (RELEASE, None, 'its dateline\'s "/PRNewswire/"'),
        (
            RELEASE.replace(" /PRNewswire/ --", " --"),
            "https://www.prnewswire.com/news-releases/dominos-300484863.html",
            "its address at PR Newswire",
        ),
        (
            "Acme grows\n\nNEW YORK, Oct. 5, 2020 (GLOBE NEWSWIRE) -- Acme Corp. said its sales "
            "rose 12 percent in the third quarter.",
            None,
            'its dateline\'s "(GLOBE NEWSWIRE)"',
        ),
        # news that names a wire, or a release it quotes, is no release
        (
            "Domino's sales rise\n\nANN ARBOR (AP) — Domino's said in a release on PR Newswire "
            "that its sales rose 14 percent, or /PRNewswire/ -- as the wire writes it.",
            "https://apnews.com/article/dominos-sales",
            None,
        ),
    ],
)
def test_a_press_release_says_so_in_a_note(text: str, url: str | None, said: str | None) -> None:
    """Probe s48 O3: PR Newswire's Domino's release read RELIABLE 0.87 with its wire's rating
    and nothing saying it was the company's own announcement."""
    from veracity.ingest.opinion import press_release_label, press_release_note

    article = article_from_text(text)
    if url:
        article = with_address(article, url)
    assert press_release_label(article) == said
    note = press_release_note(article)
    assert (note is not None) == (said is not None)
    if note:
        assert note.startswith(f"Press release ({said}): the company's or organisation's own")
        from veracity.pipeline import analyze

        assert note in analyze(article, depth="fast").notes


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "one line",
        "a\n\nb\n",
        "Opinion\n" + "x" * 200 + "\nRating: 4 out of 5\n",
        "x" * 61,
    ],
)
def test_label_lines_are_the_short_lines_of_the_body_in_order(text: str) -> None:
    from veracity.ingest.opinion import _short_lines

    for longest in (60, 120):
        assert list(_short_lines(text, longest)) == [
            line for line in text.split("\n") if len(line) <= longest
        ]
