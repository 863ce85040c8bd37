"""Lines that point to other stories are no claims of the article: triage, deep and fast claims."""

from __future__ import annotations

from veracity.claims import extract_claims
from veracity.claims.fast import candidate_sentences
from veracity.claims.triage import triage_text
from veracity.ingest import article_from_text
from veracity.ingest.links import link_line_indices
from veracity.nlp import analyse_text

# A news story as sites print it: a labelled link inside the text and, before its last
# paragraphs, a "Related" heading over other stories' headlines. Before, every one of those
# headlines was scored as a claim of this article: in the news corpora 62 of 120 articles with
# such lines had one among their check-worthy triage rows, and on the deep path 18 of 40 had a
# claim from one.
ARTICLE = """\
City council approves $2.1 billion budget after marathon session

The city council voted 9 to 4 on Tuesday to approve a $2.1 billion budget for next year, \
raising property taxes by 3 percent.
RELATED: Mayor Signs Order Cutting 400 City Jobs, Unions Vow To Sue

Related
Governor Says State Will Cover Transit Deficit Of $300 Million
Unemployment In The City Fell To 4.1 Percent In March
Schools Chief Resigns After Audit Finds $12 Million Missing

The budget adds 120 police officers and cuts library hours by a fifth, the finance director \
said. Overtime for the police department will rise to $95 million, up from $71 million.
Council member Ana Ruiz said the tax rise would cost the average homeowner $180 a year, \
while Mayor Tom Reyes called the budget the most responsible in a decade.
WATCH: Council Members Clash Over Police Funding In Heated Debate
The council will hold a second vote on the capital plan on Friday, a spokesman said, and \
the state comptroller must review the plan by the end of June.
"""
LINKS = [
    "Mayor Signs Order Cutting 400 City Jobs",
    "Governor Says State Will Cover Transit Deficit",
    "Unemployment In The City Fell To 4.1 Percent",
    "Schools Chief Resigns After Audit",
    "Council Members Clash Over Police Funding",
]


def _from_links(texts):
    return [text for text in texts if any(link in text for link in LINKS)]


def test_links_and_the_headlines_under_a_heading_are_found():
    lines = ARTICLE.split("\n")
    found = [lines[i] for i in sorted(link_line_indices(lines))]
    assert found == [
        "RELATED: Mayor Signs Order Cutting 400 City Jobs, Unions Vow To Sue",
        "Related",
        "Governor Says State Will Cover Transit Deficit Of $300 Million",
        "Unemployment In The City Fell To 4.1 Percent In March",
        "Schools Chief Resigns After Audit Finds $12 Million Missing",
        "WATCH: Council Members Clash Over Police Funding In Heated Debate",
    ]
    # a label before a sentence of the article's own is no link
    assert not link_line_indices(["Update: The council will vote again on Friday, it said."])


def test_a_labelled_link_without_a_space_after_its_colon_is_found():
    # USA Today's pages lose the space after the label (probe s36: "More:Trump threatens to
    # permanently cut WHO funding and withdraw US membership" was a check-worthy claim of a
    # ReCOVery article)
    lines = [
        "The council approved the budget on Tuesday.",
        "More:Mayor Signs Order Cutting 400 City Jobs, Unions Vow To Sue",
        "Read more:Governor Says State Will Cover Transit Deficit Of $300 Million",
        "RELATED :Schools Chief Resigns After Audit Finds $12 Million Missing",
        "The vote was 9 to 4.",
    ]
    assert link_line_indices(lines) == {1, 2, 3}
    assert not link_line_indices(["Update:The council will vote again on Friday, it said."])


def test_triage_leaves_links_out_with_a_note():
    triage = triage_text(ARTICLE)
    assert not _from_links([row.text for row in triage.rows])
    assert any(row.check_worthy and "$2.1 billion" in row.text for row in triage.rows)
    # the "Related" heading, the headlines under it and a labelled related link are site
    # furniture, as analyze leaves them out; the labelled video link is a link
    assert any(note.startswith("5 line(s) of site furniture") for note in triage.notes)
    assert any("1 line(s) pointing to other stories" in note for note in triage.notes)
    # a statement list keeps every line
    by_line = triage_text(ARTICLE, by_line=True)
    assert len(_from_links([row.text for row in by_line.rows])) == len(LINKS)


def test_claims_of_an_article_are_never_its_links():
    # analyze reads the article after ingest has left its site furniture out: a "Related"
    # heading with the headlines under it and a labelled related link; a heading ingest keeps
    # ("Top stories") and a labelled video link ("WATCH: ...") still mark their lines for the
    # claims
    related = article_from_text(ARTICLE)
    assert "Related" not in related.text and "RELATED: Mayor" not in related.text
    assert "WATCH: Council" in related.text
    assert "Governor Says" not in related.text and "Schools Chief" not in related.text
    article = article_from_text(ARTICLE.replace("\nRelated\n", "\nTop stories\n"))
    deep = extract_claims(analyse_text(article, "deep"))
    assert not _from_links([claim.text for claim in deep])
    assert any("$2.1 billion" in claim.text for claim in deep)
    fast = candidate_sentences(analyse_text(article, "fast"), limit=10)
    assert not _from_links([sentence.text for sentence in fast])
