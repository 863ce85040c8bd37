"""Same-claim pairs from the article corpora (verify/headline_pairs.py): a headline and its own
lead sentence, and the pairs of another claim made from them."""

from __future__ import annotations

from veracity.verify.headline_pairs import (
    clean_headline,
    derive,
    headline_leads,
    lead_sentence,
)

ARTICLES = [
    (
        "a1",
        "Tesla picks Nevada for battery gigafactory - Reuters",
        "Tesla Motors has chosen Nevada as the site of its battery gigafactory, people familiar"
        " with the plan said on Thursday. The plant will employ 6,500 people.",
    ),
    (
        "a2",
        "Senate passes the highway funding bill",
        "Photo by AP. The Senate on Tuesday passed a bill that keeps highway funding flowing"
        " for another six months, sending it to the president.",
    ),
    (
        "a3",
        "Kim Kardashian launches new skin-care line",
        "It was a busy week in Los Angeles for the reality star and her many sisters and"
        " friends. She posted twelve photos from the beach.",
    ),
    (
        "a4",
        "Nevada governor signs Tesla tax break deal",
        "Nevada governor Brian Sandoval signed a tax break deal for the Tesla factory on"
        " Thursday, after lawmakers approved it.",
    ),
]


def test_clean_headline_drops_the_outlet_name():
    assert clean_headline("Tesla picks Nevada  for battery gigafactory - Reuters") == (
        "Tesla picks Nevada for battery gigafactory"
    )
    assert clean_headline("Banksy arrested in London | The Guardian") == "Banksy arrested in London"
    assert clean_headline("Well-known actor arrested") == "Well-known actor arrested"


def test_lead_sentence_is_one_that_restates_the_headline():
    title, text = ARTICLES[0][1], ARTICLES[0][2]
    assert lead_sentence(clean_headline(title), text).startswith("Tesla Motors has chosen Nevada")
    # Only the topic, not the claim: no lead.
    assert lead_sentence(ARTICLES[2][1], ARTICLES[2][2]) is None
    # A photo credit is skipped; the next sentence restates the headline.
    assert lead_sentence(ARTICLES[1][1], ARTICLES[1][2]).startswith("The Senate on Tuesday")
    # A sentence that repeats the whole headline says nothing in other words.
    assert (
        lead_sentence("Senate passes the bill", "Senate passes the bill, and it is law now.")
        is None
    )


def test_headline_leads_keep_one_article_per_headline():
    doubled = [*ARTICLES, ("a5", "Tesla picks Nevada for battery gigafactory", ARTICLES[0][2])]
    leads = headline_leads(doubled, 10)
    assert sorted(a for a, _, _ in leads) in (["a1", "a2", "a4"], ["a2", "a4", "a5"])


def test_derived_pairs_label_the_lead_same_and_the_neighbour_and_rewrites_not():
    leads = headline_leads(ARTICLES, 10)
    pairs = derive(leads, seed=1)
    by_article = {a: (h, lead) for a, h, lead in leads}
    for pair in pairs:
        headline, lead = by_article[pair.article]
        texts = {pair.first, pair.second}
        if pair.kind == "lead":
            assert pair.same_claim and texts == {headline, lead}
        elif pair.kind == "neighbour":
            other_leads = {lead2 for a, _, lead2 in leads if a != pair.article}
            assert not pair.same_claim and headline in texts and texts & other_leads
        elif pair.kind in ("rewrite", "denied"):
            assert not pair.same_claim and headline in texts and lead not in texts
        else:
            assert pair.kind == "both_denied" and pair.same_claim and headline not in texts
    kinds = {p.kind for p in pairs}
    assert {"lead", "neighbour", "rewrite"} <= kinds
    # The Tesla headline's neighbour is the other Tesla / Nevada story, not the Senate one.
    tesla = [p for p in pairs if p.article == "a1" and p.kind == "neighbour"]
    assert tesla and any("Sandoval" in t for t in (tesla[0].first, tesla[0].second))


WIRE = (
    "The state health department confirmed on Monday that a second patient at the county"
    " hospital had tested positive, and officials said the two cases were not linked to each"
    " other or to any recent travel abroad. Doctors at the hospital said both patients were in"
    " stable condition and that staff who treated them had been asked to stay at home for two"
    " weeks while they waited for their own results."
)


def test_syndicated_copies_give_their_headlines_as_one_claim():
    from veracity.verify.headline_pairs import syndicated_headlines

    articles = [
        ("w1", "County hospital confirms second patient tests positive", WIRE + " Local tail."),
        (
            "w2",
            "Second positive test confirmed at county hospital | Daily Post",
            "By staff. " + WIRE + " " + ARTICLES[2][2],
        ),
        # the same body under the same headline: a duplicate, not a paraphrase
        ("w3", "County hospital confirms second patient tests positive", WIRE),
        # a copy whose headline shares no content word with the others: not read as a pair
        ("w4", "What you need to know this morning", WIRE + " More below."),
        ("w5", "Governor signs the highway funding bill", ARTICLES[1][2] * 3),
    ]
    pairs = syndicated_headlines(articles)
    assert (
        "County hospital confirms second patient tests positive",
        "Second positive test confirmed at county hospital",
    ) in pairs or (
        "Second positive test confirmed at county hospital",
        "County hospital confirms second patient tests positive",
    ) in pairs
    assert all("What you need" not in a + b for a, b in pairs)
    assert all(a.lower() != b.lower() for a, b in pairs)
    assert all("highway" not in a + b for a, b in pairs)


def test_one_scraped_page_under_two_headlines_is_not_a_pair():
    from veracity.verify.headline_pairs import syndicated_headlines

    articles = [
        ("p1", "County hospital confirms second patient", WIRE),
        ("p2", "Second patient at county hospital tested", WIRE),
    ]
    assert syndicated_headlines(articles) == []
