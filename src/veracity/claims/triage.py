"""Triage of a transcript, an article or a list of statements: every sentence scored for
check-worthiness and ranked, transcript speakers kept, near-duplicate claims grouped.

Entry points: :func:`read_triage_input` (a path or ``-``) and :func:`triage_text`. Matching
the rows to known fact-checks is the verify stage's job; :func:`veracity.pipeline.triage`
composes the two.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from pydantic import BaseModel, Field

from veracity.claims.abbreviations import expand_abbreviations
from veracity.claims.cues import after_entry_time, points_back, states_nothing
from veracity.embeddings.memo import sharing_token_states
from veracity.errors import InputError, SourceNotFoundError
from veracity.ingest import Article
from veracity.ingest.boilerplate import (
    article_line_indices,
    is_furniture,
    strip_inline_furniture,
)
from veracity.ingest.html import article_from_html, looks_like_html
from veracity.ingest.links import link_line_indices
from veracity.ingest.text import (
    MAX_CLAIM_CHARS,
    bounded_mark_runs,
    check_size,
    decode_bytes,
    strip_hidden_characters,
)
from veracity.nlp import analyse_text
from veracity.nlp.corrections import retracted
from veracity.nlp.document import (
    POST_SIGNATURE,
    Sentence,
    claim_end,
    claim_start,
    join_quoted,
    piece_furniture,
)
from veracity.nlp.language import (
    guess_language,
    language_named,
    reads_as_english,
    undecided_language,
    undecided_language_note,
)
from veracity.nlp.speaker_turns import common_words_only, enumerated
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS
from veracity.settings import get_settings
from veracity.threads import one_blas_thread

if TYPE_CHECKING:
    from datasketch import MinHash


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# "TRUMP: ...", "Sen. Warren: ...", "MODERATOR (Lester Holt): ...", "Speaker 2: ..." at the
# start of a line; at most five words before the colon, each capitalised or a number after the
# first, so ordinary sentences with a colon never match. An article's labels ("UPDATE: ...",
# "SEE ALSO: ...", "Source: ...") are written the same way: outside --lines they are speakers
# only in a transcript (`_is_transcript`).
# A title's "of" or "for" may join two of the words ("Secretary of State Antony Blinken",
# "Congressman John Lewis of Georgia"); `_names_someone` then decides whether the label is a name.
# Each word of it is read whole ("*+"): with the space between two words optional, a run of
# capitals with no colon after it ("AAAA...") could be cut into five words in every way, and
# 80 capitals took each pattern 2.5 s, 200 minutes (hostile round 5).
_LABEL = (
    r"[A-Z][\w.'’-]*+\s?(?:(?:(?:of|for)\s(?:the\s)?)?(?:[A-Z][\w.'’-]*+|\d{1,3})\s?){0,4}"
    r"(?:\([^()\n]{1,40}\))?"
)
# The clock time a transcript prints before or after a label: "[00:01:23]", "(02:13)", "0:03".
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_TIMESTAMP = rf"(?:\[{_CLOCK}\]|\({_CLOCK}\)|{_CLOCK})"
# A role in capitals after the label, as NPR prints them: "EMILY FENG, BYLINE: Hi, David.",
# "DAVID GREENE, HOST:"; the speaker is the name before it.
# Or a legislator's party and state after a comma, as news transcripts print them: "Rep. Ilhan
# Omar, D-Minn.:", "Sen. Ted Cruz, R-Texas:", "Rep. Jerrold Nadler, D-New York:".
_ROLE = (
    r",\s?(?:[A-Z][A-Z'’.-]*(?:\s[A-Z][A-Z'’.-]*){0,2}"
    r"|[DRI]-[A-Z][\w.'’]*(?:[\s-][A-Z][\w.'’]*)?)"
)
# A clock time in brackets after the label, before its colon, as Rev's document exports print
# it ("Donald Trump (00:02:13):"): the turn's time, left out of the speaker (`_LABEL_CLOCK`).
_CLOCK_AFTER_LABEL = rf"(?:\s?(?:\[{_CLOCK}\]|\({_CLOCK}\)))?"
_SPEAKER = re.compile(
    rf"^(?:{_TIMESTAMP}\s+)?(?P<speaker>{_LABEL}{_CLOCK_AFTER_LABEL})(?:{_ROLE})?\s*:\s+"
    rf"(?:{_TIMESTAMP}\s+)?"
    r"(?P<text>\S.*)$"
)
# A turn whose words start on the next line, as Rev prints them: "Speaker 1: (00:01)",
# "Donald Trump: (02:13)" (the colon before a bare time is the label's only with a space after
# it: in "Speaker 1:02:03" it is the clock's).
_SPEAKER_ALONE = re.compile(
    rf"^(?:{_TIMESTAMP}\s+)?(?P<speaker>{_LABEL})\s*:(?:\s+|(?=[\[(])){_TIMESTAMP}$"
)
# And as Rev's document exports print them, the clock time before the colon: "Speaker 1
# (00:01):", "Donald Trump (00:02:13):" (the label's bracket holds the time: `_label_clock`).
_SPEAKER_ALONE_CLOCK_FIRST = re.compile(rf"^(?P<speaker>{_LABEL}{_CLOCK_AFTER_LABEL})\s*:$")
_LABEL_CLOCK = re.compile(rf"\s*(?:\[{_CLOCK}\]|\({_CLOCK}\))$")
# And as NPR prints a label with a role, the words on the next line: "DAVID GREENE, HOST:".
_SPEAKER_ALONE_WITH_ROLE = re.compile(rf"^(?P<speaker>{_LABEL}){_ROLE}\s*:$")
# And as Otter.ai prints them, without a colon: "Jane Smith  0:15", "Speaker 1  1:02:03"; read
# as turns only outside --lines (a statement such as "Kickoff 7:30" is kept as written) and
# where their times run forward (`_unmarked_turns`).
_SPEAKER_ALONE_UNMARKED = re.compile(rf"^(?P<speaker>{_LABEL})\s+(?P<clock>{_CLOCK})$")
# And as an oral history prints them, the name then who they are or how their words came,
# after a comma and in any case: "Alice Jones, Patrick Jones's mother:", "Don Cain, inmate at
# F.C.I. Oakdale I, via email:", "Ronald Morris, via text, April 3:" (probe s47 C6). The
# speaker is the name; the description holds no sentence's end and at most
# `_DESCRIPTION_WORDS` words.
_DESCRIBED_SPEAKER = re.compile(
    rf"^(?P<speaker>{_LABEL}),\s(?P<about>[^:\n\"“”]{{1,160}}?)\s*:\s+(?P<text>\S.*)$"
)
_DESCRIPTION_WORDS = 16
_DESCRIPTION_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s")
# An oral history's turns are one paragraph each: at this many labelled paragraphs to each one
# without a label, the unlabelled ones may be the writer's (`_narration`).
_NARRATION_SHARE = 4
_QUOTATION = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_FIRST_PERSON = re.compile(r"\bI(?:['’](?:m|ve|d|ll))?\b")
_PERSON = re.compile(
    r"\b(?:[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Ww]e['’](?:re|ve|d|ll)|[Oo]ur|[Oo]urs|us|[Yy]ou"
    r"|[Yy]ou['’](?:re|ve|d|ll)|[Yy]our|[Yy]ours)\b"
)
# What a label names: a speaker ("TRUMP", "MODERATOR (Lester Holt)", "Speaker 2", "Sen. Warren")
# or a role, with titles, initials and suffixes around at most three words of a name. A label of
# more (a Title Case headline: "Senate Passes Sweeping Climate Bill: What It Means", "Betty White
# Turns 95: ...") names no one, and a document's own labels ("Transcript:", "Source:",
# "Date:", "Editor's note:") name no speaker either.
_NAME_WORDS = 3
_OFFICE_WORDS = 2
_TITLE_WORDS = _word_set(
    """mr mrs ms miss mx dr prof professor rev reverend fr father sister brother sir dame lord lady
    hon honorable honourable former acting deputy vice assistant associate chief senior
    junior ranking incoming outgoing late us u.s. president president-elect senator sen
    representative rep congressman congresswoman congressmember delegate governor gov lt
    lieutenant mayor secretary attorney general gen minister prime premier chancellor speaker
    leader majority minority whip chairman chairwoman chairperson chair justice judge
    ambassador commissioner director administrator sheriff officer detective agent colonel col
    captain capt major maj sergeant sgt corporal admiral adm commander cmdr private pvt
    dean superintendent inspector councilman councilwoman councillor councilor alderman
    assemblyman assemblywoman of for"""
)
_NAME_SUFFIXES = _word_set("jr jr. sr sr. ii iii iv phd md esq")
_DOCUMENT_LABEL = re.compile(
    r"(?:[\w.'’-]+\s){0,4}(?:transcripts?|transcription|closed captions)"  # "CNN Transcript"
    r"|(?:(?:full|rush|partial|complete|official|unofficial|edited|raw|live|automated|verbatim)"
    r"\s)?(?:transcripts?|transcription|captions?|closed captions|source|sources|date|dateline"
    r"|time|location|place|venue|event|participants|speakers|guests|panel|topic|subject|title"
    r"|headline|summary|description|note|notes|editor'?s'? note|update|updated|correction"
    r"|clarification|posted|published|filed|by|byline|copyright|credits?|photo|video|audio"
    r"|watch|listen|read more|related|see also|tags|keywords|program|programme|show|episode"
    r"|segment|program note|disclaimer|warning"
    # a news kicker or a link's label: no one says what follows it ("BREAKING: ...")
    r"|breaking(?: news)?|just in|exclusive|developing(?: story)?|first on [\w.]+"
    r"|(?:reality|fact) check|live updates|news alert|alert|trending(?: now)?|photos|images?"
    r"|file photo|links?|synopsis|cast|winners?|nominees?|more|(?:up )?next|also read"
    r"|read also|related (?:videos?|posts?|articles?|stories|story|news|coverage|content|links?))",
    re.IGNORECASE,
)


# A bracketed clock time opening a line without a label: "[00:01:23] and then ..."
_BRACKETED_TIMESTAMP = re.compile(rf"^(?:\[{_CLOCK}\]|\({_CLOCK}\))\s*")
# What a transcriber writes between the words spoken: a sentence wholly in brackets, with no
# sentence end before its closing bracket ("[APPLAUSE]", "(CROSSTALK)", "(SOUNDBITE OF SONG,
# "SEPTEMBER SONG")", "[inaudible]"), is a stage direction, nobody's speech; an aside in brackets
# ("(Imagine that on 9/12!)", "(The manual defines it as "severe.")") is someone's words.
_BRACKETED = re.compile(r"^(?:\[[^\[\]]*\]|\([^()]*\))$")
_ASIDE_END = re.compile(r"[.!?…][\"”’']?[\])]$")
# Lines of a transcript that are nobody's speech though they are sentences: a caption, which
# ends with its picture's or video's credit ("... for a scandal involving key voter data.
# (Video: ABC News)", "(AP Photo/Evan Vucci)", "(Photo by Jane Doe/Getty Images)"; a bare
# "(video)" is no credit), and a line
# wholly in square brackets, an editor's or transcriber's ("[Sanders walks to the podium. The
# crowd cheers.]"). Their rows stay, with no speaker; the turn around them goes on.
_CAPTION_CREDIT = re.compile(
    r"\((?:[\w.&]+\s+){0,2}(?:video|photo|photograph|photos|image|images|picture|audio|"
    r"graphic|illustration|footage|screenshot|screengrab)\s*(?::|/|(?:by|via|credit|courtesy)\b)"
    r"[^()]{1,80}\)$",
    re.IGNORECASE,
)
_EDITORS_LINE = re.compile(r"^\[[^\[\]]+\]$")
# And a transcriber's note within a sentence ("[APPLAUSE] And we will win.", "We will
# (LAUGHTER) win", "the (ph) Kennedy-ite", "[inaudible 00:12:31]", "[00:12:31]"): left out of the
# text that is scored and shown. A note is a clock time, or words of a transcriber's vocabulary
# (`_NOTE_WORDS`, at least one of them not a filler), or, in a sentence not all in capitals,
# two or more words in capitals ("(SOUNDBITE OF ARCHIVED RECORDING)"); an acronym ("(NATO)"),
# an editor's insertion ("[the tax]"), a figure ("(2019)") or an aside stay.
_INLINE_BRACKETS = re.compile(r"\[(?P<square>[^\[\]\n]{1,120})\]|\((?P<round>[^()\n]{1,120})\)")
# Where notes were, with the spaces around them (a note stands for "\0" meanwhile).
_LEFT_OUT = re.compile(r"\s*\0(?:\s*\0)*\s*")
_CLOCK_TIME = re.compile(rf"\b{_CLOCK}\b")
_NOTE_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NOTE_WORDS = _word_set(
    """applause applauding applauds laughter laughs laughing laugh chuckles chuckle chuckling
    cheers cheering cheer boos booing boo jeers jeering crosstalk cross-talk talk talking
    inaudible unintelligible indiscernible indistinct garbled unclear ph sic phonetic
    phonetically audible music silence pause pauses pausing coughs cough coughing sighs sigh sighing
    groans gasps murmurs murmuring whistles whistling chanting chants interruption interrupting
    overlapping simultaneously off-mic off-mike soundbite clip video audio difficulties
    commercial break foreign noise ovation voices recording"""
)
# Words that say what kind of note it is, never one alone ("(scattered applause)", "(barely
# audible)", "[audience laughing]", "(technical difficulties)").
_NOTE_FILLERS = _word_set(
    """and or with of the a an some more scattered sustained loud prolonged brief standing
    light barely continued continues begin end cross off audience crowd members
    language technical gap speaking"""
)
# A heading's words: up to four, in capitals, with no sentence end ("END", "SEGMENT TWO:
# HEALTH CARE"); a longer line in capitals is a headline, maybe a claim ("CANCER ENDORSES
# REPUBLICAN HEALTHCARE PLAN").
_HEADING_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?…\"”'’]$")
_WORD = re.compile(r"\w+")
_NAME_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[A-Z])")
# Where a negation's reach ends: the clause it stands in.
_CLAUSE_END = re.compile(r"[,;:.!?()\u2013\u2014]")
# Words compared by their first letters, as the names check does: "lower" is "lowered".
_STEM = 5
# Near-duplicates: MinHash over word 3-grams (and the words of very short sentences); pairs
# whose estimated Jaccard similarity reaches this share one group.
DUPLICATE_JACCARD = 0.5
# A percentage in the words grouping compares: "40%" and "40 per cent" as "40 percent" (one
# transcriber writes the sign, another the word; the sign is no word of a 3-gram).
_PERCENT = re.compile(r"(?<=\d)\s*%|\bper\s+cent\b")
_NUM_PERM = 64
# How many texts of a group a text that joins it is checked against (:func:`_union_groups`).
_CHECKED_MEMBERS = 8
# Distinct sentences scored per shared-states scope: their MiniLM states (up to 128 tokens of
# 1.5 KB each) stay within the memo's 64 MB, so the check-worthy ones are embedded from them.
SCORING_CHUNK = 256


class Statement(NamedTuple):
    """One sentence to score: its 1-based input line, its text and who said it."""

    line: int
    text: str
    speaker: str | None


class FactCheckRef(BaseModel):
    """A published fact-check whose statement matches a triaged sentence."""

    statement: str
    rating: str = Field(description="The fact-checker's rating, e.g. PolitiFact's 'pants-fire'.")
    fact_checker: str = Field(description="Collection and id, e.g. 'PolitiFact (LIAR) 10540'.")
    url: str | None = Field(None, description="Link to the fact-check, when the store has one.")
    similarity: float = Field(ge=-1.0, le=1.0)
    match_type: str = Field(description="lexical (near-duplicate wording) or semantic.")


# How the note opens when only the check-worthy rows of a transcript or an article were looked
# up in the fact-check store (pipeline.triage writes it, the table's last line reads it).
WORTHY_ONLY_LOOKED_UP = "Known fact-checks were looked up for the check-worthy rows only"
# How top_rows's note opens: the line under the table then speaks of the rows shown only.
ROWS_LEFT_OUT = "Only the"


class TriageRow(BaseModel):
    """One scored sentence."""

    rank: int = Field(ge=1, description="1 = the most check-worthy sentence of the input.")
    line: int = Field(ge=1, description="The input line the sentence is on (1-based).")
    text: str
    score: float | None = Field(
        ge=0.0,
        le=1.0,
        description="Check-worthiness probability; null for a blank line and for a text too "
        "long to be one claim (the notes say which).",
    )
    check_worthy: bool = Field(
        description="score at or above the model's shipped threshold, unless the sentence only "
        "passes judgement on what was said before ('That's a fact.': the notes say which)."
    )
    speaker: str | None = Field(
        None,
        description="Who said it, in a transcript: from a line 'SPEAKER: text' or a label line "
        "(Rev's 'Speaker 1: (00:15)', Otter's 'Jane Smith  0:15', NPR's 'DAVID GREENE, HOST:'); "
        "null outside a transcript and after a heading until the next label.",
    )
    group: int = Field(ge=1, description="Near-duplicate group: rows sharing it say the same.")
    fact_checks: list[FactCheckRef] = Field(default_factory=list)


class Triage(BaseModel):
    """Every sentence of one input, ranked by score (input order with ``--lines``)."""

    model: str = Field(description="The check-worthiness artefact that scored the sentences.")
    threshold: float
    by_line: bool = Field(description="One row per input line, in input order.")
    rows: list[TriageRow]
    notes: list[str] = Field(default_factory=list)


def top_rows(triage: Triage, count: int) -> Triage:
    """``triage`` with only its ``count`` highest-ranked rows (kept in input order with
    ``by_line``) and a note saying how many of how many are shown."""
    kept = [row for row in triage.rows if row.rank <= count]
    if len(kept) == len(triage.rows):
        return triage
    order = "in input order" if triage.by_line else "by rank"
    note = (
        f"{ROWS_LEFT_OUT} {len(kept):,} highest-ranked of {len(triage.rows):,} rows are shown "
        f"({order}); the others were scored and left out."
    )
    return triage.model_copy(update={"rows": kept, "notes": [*triage.notes, note]})


def read_triage_input(source: str) -> str:
    """The text of a file or of ``-`` (stdin): HTML reduced to its article text, else verbatim.

    Empty, binary and oversized inputs and missing files raise :class:`InputError` subclasses.
    """
    limit = get_settings().max_input_bytes
    if not source.strip():
        raise InputError("no input given: pass a file path or '-' for stdin")
    if source == "-":
        data = sys.stdin.buffer.read(limit + 1)
        check_size(len(data), what="standard input")
    else:
        path = Path(source)
        try:
            if not path.exists():
                raise SourceNotFoundError(f"no such file: {source}")
            if path.is_dir():
                raise InputError(f"{source} is a directory, not a text file")
            check_size(path.stat().st_size, what=source)
            with path.open("rb") as stream:  # bounded: a FIFO or /dev/zero reports no size
                data = stream.read(limit + 1)
        except OSError as exc:
            raise SourceNotFoundError(f"cannot read {source}: {exc.strerror or exc}") from exc
        check_size(len(data), what=source)
    if looks_like_html(data):
        return article_from_html(data).text
    return decode_bytes(data)


def _clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", bounded_mark_runs(strip_hidden_characters(line)))
    return " ".join(line.split())


def split_statements(text: str, *, by_line: bool = False) -> list[Statement]:
    """The sentences of ``text`` with their line and speaker.

    ``by_line``: each input line is one statement (a blank line too, so that rows and lines stay
    aligned), and a line ``SPEAKER: text`` names its speaker. Otherwise lines are cut into
    sentences; in a transcript (`_is_transcript`) a line ``SPEAKER: text`` is a turn, a line
    without a speaker continues the last one, and what nobody says is left out: stage
    directions ("[APPLAUSE]", "(CROSSTALK)") and headings (`_headings`: "END"); in other text
    no line has a speaker, a label before a colon stays in its sentence, and site furniture is
    left out as `veracity analyze` leaves it out
    (:func:`~veracity.ingest.boilerplate.article_line_indices`: share buttons, comment forms,
    "Related" headlines, a paywall prompt and what follows it).
    """
    return _split_statements(text, by_line=by_line).statements


class _Split(NamedTuple):
    statements: list[Statement]
    site_furniture: int  # lines of an article's site furniture left out
    links: int  # lines of an article that point to other stories, left out
    transcript_furniture: int  # a transcript's stage directions and headings left out
    noted: int  # sentences kept with a transcriber's note left out of their text


def _split_statements(text: str, *, by_line: bool) -> _Split:
    """:func:`split_statements`, and how much furniture was left out."""
    lines = [
        _clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    while lines and not lines[-1]:
        lines.pop()
    parsed, fields = _without_flattened_fields(
        lines, _without_enumerations(lines, [_speaker_and_text(line) for line in lines])
    )
    if by_line:
        # a line that is only a note keeps its row and its words, as any line does
        statements = [
            Statement(n, _without_notes(body) or body, speaker)
            for n, (speaker, body) in enumerate(parsed, 1)
        ]
        noted = sum(s.text != body for s, (_, body) in zip(statements, parsed, strict=True))
        return _Split(statements, 0, 0, 0, noted)
    parsed, unattributed = _unmarked_turns(lines, parsed)
    left_out = links = 0
    headings: set[int] = set()
    # a page's furniture between a turn's paragraphs (an ad slot's "AD" or "Advertisement",
    # "Story continues below advertisement", share buttons), as a saved transcript page has it,
    # is nobody's words and no heading: left out as `analyze` leaves it out, the turn going on
    transcript = _is_transcript(parsed)
    if transcript:
        furniture = {
            index
            for index, (speaker, body) in enumerate(parsed)
            if speaker is None and is_furniture(body) and not _SENTENCE_END.search(body)
        }
        parsed = [(None, "") if index in furniture else turn for index, turn in enumerate(parsed)]
        left_out = len(furniture)
        headings = _headings(parsed) | {
            index for index, line in enumerate(lines) if _is_document_label(line)
        }
    else:
        kept = set(article_line_indices(lines))
        # a line that is only furniture inside a line's forms (an embed notice, a price
        # widget: :func:`strip_inline_furniture`) is left out with the others
        cleaned = {index: strip_inline_furniture(lines[index]) for index in kept}
        kept -= {index for index in kept if lines[index].strip() and not cleaned[index].strip()}
        left_out = sum(1 for index, line in enumerate(lines) if line and index not in kept)
        pointing = link_line_indices(lines) & kept  # links to other stories: not its claims
        links = len(pointing)
        kept -= pointing
        # a left-out line stays as a blank one, so that the others keep their line numbers
        parsed = [(None, cleaned[index] if index in kept else "") for index in range(len(lines))]
    asked = _unlabelled_questions(parsed, headings) if transcript else set()
    narrated = _narration(parsed, headings) if transcript else set()
    speakers: list[str | None] = []
    last: str | None = None
    for index, (speaker, body) in enumerate(parsed):
        # a heading, a paragraph after an unmarked turn's own or the writer's narration between
        # turns ends the turn before it
        if index in headings or index in unattributed or index in narrated or index in fields:
            last = None
        elif speaker is None and transcript and (index in asked or _is_not_speech(body)):
            speakers.append(None)
            continue
        else:
            last = speaker if speaker is not None else last
        speakers.append(last)
    bodies = ["" if index in headings else body for index, (_, body) in enumerate(parsed)]
    joined = "\n".join(bodies)
    line_starts = [0]
    for body in bodies[:-1]:
        line_starts.append(line_starts[-1] + len(body) + 1)
    statements = []
    stage_directions = noted = 0
    posts = [] if transcript else _posts(joined)
    for sentence in join_quoted(joined, analyse_text(Article(text=joined), "fast").sentences):
        if (
            not transcript
            and (start := after_entry_time(joined, claim_start(joined, sentence.start)))
            > sentence.start
        ):
            # an article's dateline or rubric label ("Live updates:") is no part of its
            # claim: "SPRINGFIELD, Ill." was a row of its own and "(AP) — The council voted
            # ..." the next; nor is a live blog's entry time ("14:05 Power company ...")
            if start >= sentence.end:
                continue
            sentence = Sentence(start, sentence.end, joined[start : sentence.end])
        if not transcript and (end := claim_end(joined, sentence.start, sentence.end)) < (
            sentence.end
        ):
            # an embedded post's signature ("— NFL (@NFL) November 23, 2018"): who posted it
            if end <= sentence.start or not joined[sentence.start : end].strip():
                continue
            sentence = Sentence(sentence.start, end, joined[sentence.start : end])
        if not transcript and piece_furniture(joined, sentence.start):
            # a writer's line closing the piece ("Trevon Logan is a professor of economics at
            # The Ohio State University."): who wrote it, not what it claims, as `analyze`'s
            # claims leave it out (probe s48 C3); nor an agency's credit line or a press
            # release's "About ..." section (probe s49 C1)
            continue
        said = _without_notes(sentence.text)
        if transcript and (not said or _is_stage_direction(sentence.text)):
            stage_directions += 1
            continue
        row = bisect.bisect_right(line_starts, sentence.start) - 1
        noted += bool(said) and said != sentence.text
        speaker = speakers[row]
        # (a sentence running on past the signature, a page flattened to one line, holds the
        # article's words too: it keeps no speaker)
        poster = next(
            (who for a, b, c, who in posts if a <= sentence.start < b and sentence.end <= c), None
        )
        if poster is not None:
            # an embedded post's words are its poster's, named by its signature; its picture
            # link, the signature on the line under it, is no part of what it says
            speaker = poster
            said = _PICTURE_LINK.sub("", said or sentence.text) or said
        statements.append(Statement(row + 1, said or sentence.text, speaker))
    return _Split(statements, left_out, links, len(headings) + stage_directions, noted)


_LABEL_REACH = 200  # the characters a label, its description and clock time take at most


def turn_openings(text: str) -> list[tuple[int, int]]:
    """Where each turn of a transcript opens in ``text``, as :func:`split_statements` reads the
    text: ``(line, words)``, the offsets of a line that names its speaker and of its words after
    the label and the clock time ("Reporter: (00:52) Chief, was ...": the words at "Chief"; a
    label alone on its line: the line's end). None in a text that is no transcript (an article's
    "UPDATE:" or "NOW WATCH:" opens no turn). ``analyze``'s claims cut a sentence where a turn
    opens and start it at the turn's words, as ``veracity claims`` splits the same text.
    """
    if ":" not in text:
        return []  # no label and no clock time: no transcript
    raw = text.split("\n")
    # a transcript has two labelled lines or more, each with its colon near the line's start
    # (a label, or a clock time after a name): most articles stop here, their other lines
    # unparsed
    reach = [_clean_line(line) for line in raw if ":" in line[:_LABEL_REACH]]
    if (
        len(reach) < 2
        or sum(
            _speaker_and_text(line)[0] is not None or bool(_SPEAKER_ALONE_UNMARKED.match(line))
            for line in reach
        )
        < 2
    ):
        return []
    lines = [_clean_line(line) for line in raw]
    parsed, _ = _without_flattened_fields(
        lines, _without_enumerations(lines, [_speaker_and_text(line) for line in lines])
    )
    parsed, _ = _unmarked_turns(lines, parsed)
    if not _is_transcript(parsed):
        return []
    openings = []
    offset = 0
    for raw_line, line, (speaker, body) in zip(raw, lines, parsed, strict=True):
        if speaker is not None:
            # the label's words, as the cleaned line has them, skipped on the raw line
            label = line[: len(line) - len(body)] if body and line.endswith(body) else line
            skipped = re.match(rf"\s*(?:\S+\s*){{{len(label.split())}}}", raw_line)
            words = skipped.end() if skipped is not None else len(raw_line)
            openings.append((offset, offset + min(words, len(raw_line.rstrip()))))
        offset += len(raw_line) + 1
    return openings


def turn_parts(text: str, sentence: Sentence, turns: list[tuple[int, int]]) -> list[Sentence]:
    """``sentence`` cut where a transcript's turn opens in it, each part starting at the turn's
    words (:func:`turn_openings`: "Chief, was this gang-related?" and
    "Under state law we release footage within 45 days.", not one sentence running over
    "Police Chief Dana Whitfield: (00:55)"); the sentence itself in a text with no turns."""
    if not turns:
        return [sentence]
    cuts = [
        (line, words) for line, words in turns if sentence.start < words and line < sentence.end
    ]
    if not cuts:
        return [sentence]
    parts = []
    start = sentence.start
    for line, words in cuts:
        if line > start:  # the words before the label: the last turn's
            end = start + len(text[start:line].rstrip())
            if end > start:
                parts.append(Sentence(start, end, text[start:end]))
        start = max(start, words)
    end = sentence.end
    if start < end and text[start:end].strip():
        start += len(text[start:end]) - len(text[start:end].lstrip())
        parts.append(Sentence(start, end, text[start:end]))
    return parts


def claim_speakers(text: str, spans: Sequence[tuple[int, int]]) -> list[str | None]:
    """Who says each ``(start, end)`` span of ``text`` (an article's claims, ``analyze``'s), as
    :func:`split_statements` reads the text for ``veracity claims``: a transcript's turn its
    speaker, an embedded post's words its poster ("Bishop Sankey (@BishopSankey)"); None where
    it names nobody. A span is the statement's whose words hold it (or that it holds: a claim
    keeps a post's picture link, the statement does not), on its line or the lines before."""
    if not spans:
        return []
    statements = [s for s in split_statements(text) if s.speaker is not None]
    if not statements:
        return [None] * len(spans)
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    said = [(s.line, " ".join(s.text.split()), s.speaker) for s in statements]
    speakers: list[str | None] = []
    for start, end in spans:
        line = lines.count("\n", 0, start) + 1
        words = " ".join(text[start:end].split())
        speakers.append(
            next(
                (
                    who
                    for n, statement, who in reversed(said)
                    if n <= line
                    and statement
                    and (
                        words in statement
                        or (2 * len(statement) >= len(words) and statement in words)
                    )
                ),
                None,
            )
        )
    return speakers


# who posted an embedded post, from its signature ("— Bishop Sankey (@BishopSankey) September
# 23, 2017"): the name and the handle
_POSTER = re.compile(r"[—–-]{1,2}[ \t]*(.*?)[ \t]*\((@[ \t]?\w+)\)")
# a post's picture or short link closing its text ("... he's fired!!" pic.twitter.com/ttbOd0VrPG)
_PICTURE_LINK = re.compile(r"\s+(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+\W*$")


_POST_CHARS = 300  # a post's text is at most this long (X's 280 characters)
_SENTENCE_GAP = re.compile(r"[.!?…][\"”’)]*\s+(?=\S)")


def _posts(text: str) -> list[tuple[int, int, int, str]]:
    """Each embedded post of an article (:func:`veracity.signals.quoted.post_regions`' reading:
    the line its signature ends, or the paragraph over a signature on a line of its own; where
    that is longer than a post, its last sentence) as
    ``(start, signature start, signature end, poster)``: a fan's "Smh & all because @Kaepernick7 is exercising
    his right ..." was a check-worthy row with no speaker (probe s48 C2)."""
    posts = []
    for match in POST_SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        start = line_start
        if not text[line_start : match.start()].strip():  # the signature opens its line
            before = text[:line_start].rstrip()
            if not before:
                continue
            start = text.rfind("\n", 0, len(before)) + 1
            until = len(before)
        else:
            until = match.start()
        if until - start > _POST_CHARS:
            # the article's words run on into the post's (a page flattened to one line): its
            # last sentence only, as post_regions reads it
            gaps = list(_SENTENCE_GAP.finditer(text, until - _POST_CHARS, until))
            start = gaps[-1].end() if gaps else match.start()
        who = _POSTER.match(match[0])
        if who is None:
            continue
        name, handle = who[1].strip(), who[2].replace(" ", "")
        posts.append((start, match.start(), match.end(), f"{name} ({handle})" if name else handle))
    return posts


def _no_claim(sentence: str) -> bool:
    """Whether a sentence is no claim whatever its score: a judgement on what was said
    before, a correction notice's account of an error, a question, a sentence cut off or one
    that points to other content."""
    return points_back(sentence) or retracted(sentence) or states_nothing(sentence) is not None


def _narration(parsed: list[tuple[str | None, str]], headings: set[int]) -> set[int]:
    """The indices of the writer's paragraphs between the turns of an oral history: where each
    turn is one labelled paragraph (`_NARRATION_SHARE` or more labelled paragraphs to each
    unlabelled one after the first label; the words under a label alone on its line, as NPR
    prints them, are its turn's), a paragraph without a label that says nothing in
    the first or second person outside its quotations is the writer's ("On April 17, a Bureau
    of Prisons spokeswoman responded ...", probe s47 C6), not the last speaker's going on. A
    paragraph that asks something is a speaker's: the writer's narration states."""
    first = next((i for i, (speaker, _) in enumerate(parsed) if speaker is not None), None)
    if first is None:
        return set()
    unlabelled = []
    alone = False  # the last label stood alone on its line: the words under it are its turn's
    for index, (speaker, body) in enumerate(parsed):
        if speaker is not None:
            alone = not body
        elif body and index > first and index not in headings and not alone:
            unlabelled.append(index)
    labelled = sum(speaker is not None and bool(body) for speaker, body in parsed)
    if not unlabelled or labelled < _NARRATION_SHARE * len(unlabelled):
        return set()
    return {
        index
        for index in unlabelled
        if not _speaks_in_person(parsed[index][1]) and "?" not in parsed[index][1]
    }


def _speaks_in_person(body: str) -> bool:
    """Whether a paragraph's own words (its quotations left out) say "I", "we" or "you": a
    speaker's. A capital "I" after a name is a numeral ("Oakdale I", "World War I")."""
    words = _QUOTATION.sub(" ", body)
    if _PERSON.search(words):
        return True
    return any(
        not re.search(r"[A-Z][\w.]*\s$", words[: m.start()]) for m in _FIRST_PERSON.finditer(words)
    )


def _unlabelled_questions(parsed: list[tuple[str | None, str]], headings: set[int]) -> set[int]:
    """The indices of a transcript's questions put by someone it does not name: an interview
    whose interviewer has no label ("How has the dynamics between the two of you evolved?"
    between Nolan's and Thomas's labelled answers, GossipCop 8688894238), which read as the last
    speaker's turn going on.

    A question here is a paragraph without a label of at most ``_QUESTION_WORDS`` words that
    ends in a question mark and is followed (blank lines aside) by a labelled one. The
    transcript's questions come unlabelled when there are at least ``_UNLABELLED_QUESTIONS`` and
    they outnumber its labelled paragraphs that end in a question ``_UNLABELLED_SHARE`` to one;
    then they are nobody's it names, unless the turn they would go on is of a speaker who asks
    with a label elsewhere. Where the one who asks has a label (a debate's moderator,
    "QUESTION:" at a press conference), a turn that ends in a question stays its speaker's
    ("KASICH: ... Why would anyone give that up?" before "RUBIO:")."""
    paragraphs = [
        (index, speaker, body)
        for index, (speaker, body) in enumerate(parsed)
        if (speaker is not None or body) and index not in headings
    ]
    unlabelled: dict[int, str | None] = {}  # each question's index: the turn it would go on
    askers: set[str] = set()
    current: str | None = None
    for place, (index, speaker, body) in enumerate(paragraphs):
        current = speaker if speaker is not None else current
        if not body.endswith("?") or place + 1 == len(paragraphs):
            continue
        if paragraphs[place + 1][1] is None:
            continue
        if speaker is not None:
            askers.add(speaker)
        elif len(body.split()) <= _QUESTION_WORDS:
            unlabelled[index] = current
    labelled = sum(
        1 for _, speaker, body in paragraphs if speaker is not None and body.endswith("?")
    )
    if len(unlabelled) < _UNLABELLED_QUESTIONS or len(unlabelled) < _UNLABELLED_SHARE * labelled:
        return set()
    # a speaker who asks with a label goes on asking without one ("BFM: Are you in touch with
    # the two brothers?" then "Have you recently spoken with them by phone?")
    return {index for index, turn in unlabelled.items() if turn not in askers}


# How many of a transcript's questions come without a label, and how many times the labelled
# ones, for its interviewer to be one it does not name (fix s46, the corpus transcripts with
# unlabelled questions: the interviews quoted in GossipCop articles have 0 or 1 labelled
# against 6 to 15 unlabelled, the debates and press conferences 3 to 60 labelled).
_UNLABELLED_QUESTIONS = 3
_UNLABELLED_SHARE = 4
# An interviewer's question is a short paragraph; a long answer may end in a question of its
# own ("... He'll be in sometime, I guess next week?").
_QUESTION_WORDS = 60


def _is_not_speech(line: str) -> bool:
    """Whether a transcript's line without a label is a caption or an editor's line in square
    brackets (`_CAPTION_CREDIT`, `_EDITORS_LINE`): nobody's words, whatever turn it is in."""
    return bool(_CAPTION_CREDIT.search(line) or _EDITORS_LINE.match(line))


def _is_stage_direction(text: str) -> bool:
    return _BRACKETED.match(text) is not None and _ASIDE_END.search(text) is None


def _without_notes(text: str) -> str:
    """``text`` without the transcriber's notes within it (`_INLINE_BRACKETS`): "We will
    (LAUGHTER) win." -> "We will win."; empty when it is notes only."""
    if "[" not in text and "(" not in text:
        return text
    outside_lower = any(c.islower() for c in _INLINE_BRACKETS.sub(" ", text))

    def mark(match: re.Match[str]) -> str:
        inner = match.group("square") or match.group("round")
        return "\0" if _is_note(inner, capitals_stand_out=outside_lower) else match.group()

    marked = _INLINE_BRACKETS.sub(mark, text.replace("\0", ""))

    def close(gap: re.Match[str]) -> str:
        # one space where notes stood between words; none at either end or where they touched
        # a quotation mark or punctuation ('"(Laughter) Isn't', 'Alan (ph), thank')
        spaced = gap.group()[0].isspace() and gap.group()[-1].isspace()
        return " " if spaced and gap.start() > 0 and gap.end() < len(marked) else ""

    return _LEFT_OUT.sub(close, marked).strip()


def _is_note(inner: str, *, capitals_stand_out: bool) -> bool:
    """Whether the words in one pair of brackets are a transcriber's note (`_INLINE_BRACKETS`).

    ``capitals_stand_out``: the sentence around them has lower-case letters, so words in
    capitals are set apart ("(SOUNDBITE OF SONG)"), not its own way of writing.
    """
    rest = _CLOCK_TIME.sub(" ", inner)
    words = _NOTE_WORD.findall(rest)
    if not words:
        return rest != inner and not any(c.isalnum() for c in rest)  # a clock time alone
    if any(c.isdigit() for c in rest):
        return False
    lowered = [word.lower() for word in words]
    if all(w in _NOTE_WORDS or w in _NOTE_FILLERS for w in lowered) and any(
        w in _NOTE_WORDS for w in lowered
    ):
        return True
    return capitals_stand_out and len(words) >= 2 and not any(c.islower() for c in inner)


def _headings(parsed: list[tuple[str | None, str]]) -> set[int]:
    """The indices of a transcript's headings: lines of up to four words in capitals without a
    sentence end ("END", "SEGMENT TWO: HEALTH CARE") whose label, if any, begins no other line,
    where most lines are not in capitals (in closed captions, all in capitals, a heading cannot be
    told from a turn).
    """
    bodies = [body for _, body in parsed if body and not _is_stage_direction(body)]
    if 2 * sum(any(c.islower() for c in body) for body in bodies) <= len(bodies):
        return set()
    turns = Counter(speaker for speaker, _ in parsed if speaker is not None)
    return {
        index
        for index, (speaker, body) in enumerate(parsed)
        if len(body.split()) <= _HEADING_WORDS
        and any(c.isupper() for c in body)
        and not any(c.islower() for c in body)
        and not _SENTENCE_END.search(body)
        and not _is_stage_direction(body)
        and (speaker is None or turns[speaker] == 1)
    }


def _is_transcript(parsed: list[tuple[str | None, str]]) -> bool:
    """Whether the lines' labels are speakers taking turns: the lines of turns are most of the
    lines that are not blank, or two or more labels each begin two or more lines (an interview
    quoted in an article).

    A line of turns is a labelled one or, when two or more labels stand alone on their line with
    a clock time (Rev's "Speaker 1: (00:15)", Otter's "Jane Smith  0:15"), one after such a
    label: the turn's words. An article's few labels ("NOW WATCH:", "SEE ALSO:", "UPDATE:") are
    neither, so the sentences after them are not read as someone's speech.
    """
    turns = Counter(speaker for speaker, _ in parsed if speaker is not None)
    labelled = sum(turns.values())
    if labelled < 2:
        return False
    alone = sum(1 for speaker, body in parsed if speaker is not None and not body)
    in_turns = 0
    following_alone = False
    for speaker, body in parsed:
        if speaker is not None:
            following_alone = alone >= 2 and not body
        in_turns += speaker is not None or (following_alone and bool(body))
    lines = sum(1 for speaker, body in parsed if speaker is not None or body)
    return 2 * in_turns > lines or sum(count >= 2 for count in turns.values()) >= 2


def _unmarked_turns(
    lines: list[str], parsed: list[tuple[str | None, str]]
) -> tuple[list[tuple[str | None, str]], set[int]]:
    """``parsed`` with Otter's label lines ("Jane Smith  0:15") read as turns whose words follow,
    when a label begins two or more of them and their clock times run forward: verse references
    ("Mark 10:25", "Luke 18:25") or a video player's "Current Time 0:00" are no turns.

    Also the indices of the lines that end a turn without a label of their own: in this layout a
    turn's words are the paragraph under its label, so a paragraph after a blank line and before
    the next label is nobody's (the export's "Transcribed by https://otter.ai")."""
    found = [
        (index, match)
        for index, line in enumerate(lines)
        if parsed[index][0] is None and (match := _SPEAKER_ALONE_UNMARKED.match(line))
    ]
    times = [_seconds(match.group("clock")) for _, match in found]
    labels = Counter(match.group("speaker").strip() for _, match in found)
    if (
        not labels
        or max(labels.values()) < 2  # verse references name no one twice
        or any(later <= earlier for earlier, later in pairwise(times))
    ):
        return parsed, set()
    turns = list(parsed)
    for index, match in found:
        turns[index] = (match.group("speaker").strip(), "")
    labelled = {index for index, _ in found}
    ends = {
        index
        for index in range(found[0][0] + 1, len(lines))
        if index not in labelled and lines[index] and not lines[index - 1]
    }
    return turns, ends


def _seconds(clock: str) -> float:
    """A clock time ("1:02:03", "0:15.5") in seconds."""
    seconds = 0.0
    for part in clock.replace(",", ".").split(":"):
        seconds = 60 * seconds + float(part)
    return seconds


def _without_enumerations(
    lines: list[str], parsed: list[tuple[str | None, str]]
) -> list[tuple[str | None, str]]:
    """``parsed`` with a list's labels read as no speakers, the line the outlet's, label and
    all: a numbered list's ("Step 1:", "Step 2:", "Step 3:",
    :func:`~veracity.nlp.speaker_turns.enumerated`), and labels all of common words ("DO:",
    "DON'T:"; :func:`~veracity.nlp.speaker_turns.common_words_only`)."""
    labels = [speaker for speaker, _ in parsed if speaker is not None]
    listed = enumerated(labels)
    others = [label for label in labels if label not in listed]
    if others and all(common_words_only(label) for label in others):
        listed = frozenset(labels)  # "DO:", "DON'T:": a list's heads
    if not listed:
        return parsed
    return [
        (None, _clean_line(line)) if speaker in listed else (speaker, body)
        for line, (speaker, body) in zip(lines, parsed, strict=True)
    ]


_FIELD_VALUE_WORDS = 2


def _without_flattened_fields(
    lines: list[str], parsed: list[tuple[str | None, str]]
) -> tuple[list[tuple[str | None, str]], set[int]]:
    """``parsed`` with a flattened table's field labels read as no speakers, and the indices of
    their lines, which end any turn before them.

    A table or a form copied to text as its cells run ("Project Manager: Boy George", then
    "Boy George Judges: Arnold Schwarzenegger, Tyra Banks", then "Arnold Schwarzenegger, Tyra
    Banks Winning team: Arete": a Wikipedia episode table, GossipCop gossipcop-5470901036)
    repeats each field's value at the start of the next line, before the next field's label: a
    label that opens with the words (two or more) the line before ended on, after that line's
    own colon, is that value and a field's name, not a speaker. A transcript's turn never opens by repeating
    the last turn's words in its label.
    """
    fields: set[int] = set()
    before = ""
    for index, (line, (speaker, _)) in enumerate(zip(lines, parsed, strict=True)):
        if speaker is not None and ": " in before:
            value = before.rsplit(": ", 1)[1].strip()
            label = line.split(":", 1)[0]
            # a value of two words or more ("Boy George"): a one-word answer ("MODERATOR:
            # Senator") may open the next speaker's name
            if len(value.split()) >= _FIELD_VALUE_WORDS and label.startswith(value + " "):
                fields.add(index)
        if line.strip():
            before = line
    if not fields:
        return parsed, fields
    return [
        (None, _clean_line(line)) if index in fields else turn
        for index, (line, turn) in enumerate(zip(lines, parsed, strict=True))
    ], fields


def _speaker_and_text(line: str) -> tuple[str | None, str]:
    """The line's speaker label, if any, and its words, the transcript's clock times left out.

    A label that names no one (`_names_someone`: a Title Case headline before its colon, a
    document's "Transcript:" or "Source:") is no speaker's: the line keeps it in its words."""
    alone = (
        _SPEAKER_ALONE.match(line)
        or _SPEAKER_ALONE_WITH_ROLE.match(line)
        or _label_clock(_SPEAKER_ALONE_CLOCK_FIRST.match(line))
    )
    if alone is not None and _names_someone(alone.group("speaker")):
        return _LABEL_CLOCK.sub("", alone.group("speaker").strip()), ""
    match = _SPEAKER.match(line)
    if match is None or not _names_someone(match.group("speaker")):
        described = _DESCRIBED_SPEAKER.match(line)
        if described is not None and _described_speaker(described):
            return described.group("speaker").strip(), described.group("text").strip()
        return None, _BRACKETED_TIMESTAMP.sub("", line)
    # "Donald Trump (00:02:13): We have ...": the time is the turn's, not the speaker's name
    return _LABEL_CLOCK.sub("", match.group("speaker").strip()), match.group("text").strip()


def _described_speaker(match: re.Match[str]) -> bool:
    """Whether a label with a description after its comma (:data:`_DESCRIBED_SPEAKER`) names
    someone: a name of two words or more, or a title and a name, opening on no common word
    ("In Washington, officials said: ..." names no one), without figures, and a description
    of at most `_DESCRIPTION_WORDS` words that ends no sentence inside."""
    speaker, about = match.group("speaker").strip(), match.group("about")
    words = speaker.split()
    return (
        len(words) >= 2
        and words[0].lower() not in ENGLISH_STOP_WORDS
        and not any(c.isdigit() for c in speaker)
        and _names_someone(speaker)
        and len(about.split()) <= _DESCRIPTION_WORDS
        and _DESCRIPTION_SENTENCE_END.search(about + " ") is None
    )


def _label_clock(match: re.Match[str] | None) -> re.Match[str] | None:
    """A label alone on its line, ``match``, when its bracket is a clock time ("Speaker 1
    (00:01):"); a bare "Name:" line is no turn's label."""
    return match if match is not None and _LABEL_CLOCK.search(match.group("speaker")) else None


def _is_document_label(line: str) -> bool:
    """Whether a line is a document's own label, alone or before what it labels ("Transcript:",
    "RUSH TRANSCRIPT", "Source: CNN", "Date: October 9, 2016"): in a transcript, nobody's words."""
    label = line.split(":", 1)[0].strip() if ":" in line else line.strip()
    return bool(label) and _DOCUMENT_LABEL.fullmatch(label) is not None


def _names_someone(label: str) -> bool:
    """Whether a label before a colon can name a speaker: not a document's own label
    (`_DOCUMENT_LABEL`), and at most `_NAME_WORDS` words once its titles, initials, suffixes
    and the words in its brackets are left out ("Former Vice President Joe Biden", "Rep. Jim
    Jordan (R-Ohio)", "Martin Luther King Jr."); more is a headline's subject and verb."""
    label = label.strip()
    if _DOCUMENT_LABEL.fullmatch(label):
        return False
    words = re.sub(r"\([^()]*\)", " ", label).split()
    named = [
        word
        for index, word in enumerate(words)
        if word.lower().rstrip(".") not in _TITLE_WORDS
        and word.lower() not in _NAME_SUFFIXES
        and not re.fullmatch(r"[A-Z]\.", word)
        and index not in _office(words)
    ]
    return len(named) <= _NAME_WORDS


def _office(words: Sequence[str]) -> set[int]:
    """The positions of an office's words after a title's "of" or "for": "the" and at most
    `_OFFICE_WORDS` words ("Speaker of the House", "Director of National Intelligence",
    "Chairman of the Joint Chiefs"), which name a body, not the speaker. Only after a title:
    "Bank of America Stock Falls" keeps all its words."""
    office: set[int] = set()
    for index in range(1, len(words) - 1):
        if words[index] not in ("of", "for"):
            continue
        if words[index - 1].lower().rstrip(".") not in _TITLE_WORDS - {"of", "for"}:
            continue
        start = index + 1 + (words[index + 1].lower() == "the")
        office.update(range(index + 1, min(start + _OFFICE_WORDS, len(words))))
    return office


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(_PERCENT.sub(" percent", text.lower()))
    if len(words) < 3:
        return {w.encode() for w in words}
    return {" ".join(words[i : i + 3]).encode() for i in range(len(words) - 2)}


def group_near_duplicates(texts: Sequence[str], threshold: float = DUPLICATE_JACCARD) -> list[int]:
    """A group id for each text (1-based, in order of first appearance); near-duplicates share one.

    Candidates come from MinHash LSH; a pair joins when its estimated Jaccard similarity of
    word 3-grams, read with abbreviations written out (:func:`_names_form`: "Phoenix, Ariz."
    shares the 3-grams of "Phoenix, Arizona") and a percent sign as the word ("40%": "40
    percent"), reaches ``threshold`` and neither text says
    otherwise than the other
    (:func:`_say_otherwise`: "rose" for "fell", 41 hospitals for 14, California for Virginia). Groups are transitive
    (union-find), but two groups join only when no text of one says otherwise than a text of
    the other.
    """
    from datasketch import MinHash

    shingles = [list(_shingles(_names_form(text))) for text in texts]
    # One set of permutations for all (MinHash() draws its 64 again each time: most of the cost).
    hashes = iter(MinHash.generator([s for s in shingles if s], num_perm=_NUM_PERM, seed=1))
    return _union_groups([next(hashes) if s else None for s in shingles], texts, threshold)


def _say_otherwise(first: str, second: str) -> bool:
    """Whether two similar sentences are different claims: one states the opposite outcome
    for the other's subject ("Unemployment rose to 10 percent" / "fell to 10 percent"), gives
    other figures for what the other counts ("closed 14 hospitals" / "closed 41 hospitals",
    "since 2019" / "since 2015"), denies or negates what the other asserts ("The governor has
    raised taxes" / "has never raised taxes"), or each names someone or somewhere the other
    does not ("voter fraud in Virginia" / "in California")."""
    from veracity.verify.cues import missing_names, opposite_outcomes, other_figures

    if any(
        opposite_outcomes(a, b) or other_figures(a, b) or _negates(a, b)
        for a, b in ((first, second), (second, first))
    ):
        return True
    # "Phoenix, Ariz." names the place "Phoenix, Arizona" names, "Sen. Warren" the same person
    # as "Senator Warren".
    first, second = _names_form(first), _names_form(second)
    return bool(missing_names(first, second) and missing_names(second, first))


def _negates(first: str, second: str) -> bool:
    """Whether ``second`` denies or negates what ``first`` asserts (`verify.cues.denies`; its
    tokenizer reads "didn't" and "failed to" as negations), and not only a phrase that ``first``
    lacks:
    "I spent my life in the private sector, not in government" says what "I spent my life in
    the private sector" says. A negation counts when at least half of the content words after
    it in its clause are words of ``first``."""
    from veracity.verify.cues import NEGATIONS, content_words, denies, tokenize

    if not denies(first, second):
        return False
    stems = {word[:_STEM] for word in content_words(first)}
    negated_clauses = 0
    for clause in _CLAUSE_END.split(second):
        tokens = tokenize(clause)
        for i, token in enumerate(tokens):
            if token not in NEGATIONS:
                continue
            negated_clauses += 1
            reached = [word[:_STEM] for word in content_words(" ".join(tokens[i + 1 :]))]
            if 2 * sum(word in stems for word in reached) >= len(reached):
                return True
            break
    # no negation at all: an explicit denial ("denied that", "a false claim")
    return negated_clauses == 0


# kept for the texts being grouped: :func:`_say_otherwise` reads a text with each of its
# candidates (up to 32)
@lru_cache(maxsize=8192)
def _names_form(text: str) -> str:
    """``text`` as the names check reads it: abbreviations written out, and a hyphenated name
    as its words ("Ros-Lehtinen", "D-Wisconsin": as one name it matched none of the words the
    check compares it with, not even in the same sentence)."""
    return _NAME_HYPHEN.sub(" ", expand_abbreviations(text))


def _union_groups(
    hashes: Sequence[MinHash | None], texts: Sequence[str], threshold: float
) -> list[int]:
    """Group ids of :func:`group_near_duplicates` from each text's MinHash (None: a group alone).

    A text whose hash values equal an earlier one's joins that text's group and stays out of the
    LSH index: it would match exactly what the earlier one matches (the same words, so it says
    nothing otherwise). Without that, n repeats of a line ("Thank you.") cost n²/2 comparisons.
    A candidate already in the text's group is not compared again.
    """
    parent = list(range(len(hashes)))
    # The first texts of each group that are in the LSH index, by its root: a join is checked
    # against them and the candidate itself (a bounded number of comparisons per text, however
    # large a group grows).
    members: dict[int, list[int]] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lsh = _BandIndex(threshold)
    # every text's hash values in one array: a text's candidates' are read from it at once
    values = np.zeros((len(hashes), _NUM_PERM), dtype=np.uint64)
    for i, minhash in enumerate(hashes):
        if minhash is not None:
            values[i] = minhash.hashvalues
    first_of: dict[bytes, int] = {}
    for i, minhash in enumerate(hashes):
        if minhash is None:
            continue
        digest = minhash.hashvalues.tobytes()
        if digest in first_of:
            parent[root(i)] = root(first_of[digest])
            continue
        first_of[digest] = i
        members[i] = [i]
        for j in _nearest(lsh.query(minhash.hashvalues), values, i):
            other = hashes[j]
            mine, theirs = root(i), root(j)
            if other is None or mine == theirs:
                continue
            if minhash.jaccard(other) >= threshold and not any(
                _say_otherwise(texts[a], texts[b])
                for a in members[mine]
                for b in dict.fromkeys([j, *members[theirs]])
            ):
                parent[mine] = theirs
                members[theirs] = (members[theirs] + members.pop(mine))[:_CHECKED_MEMBERS]
        lsh.insert(i, minhash.hashvalues)
    ids: dict[int, int] = {}
    return [ids.setdefault(root(i), len(ids) + 1) for i in range(len(hashes))]


# The bucket entries a text's candidates are read from at most: past that (a list of
# thousands of lines alike, each a candidate of every other) each band gives its latest
# entries only. Under it, a text's candidates are exactly datasketch's.
_MAX_CANDIDATES_READ = 1024


class _BandIndex:
    """datasketch's ``MinHashLSH`` for texts numbered in order, with a bounded query.

    The same bands as ``MinHashLSH(threshold, num_perm=_NUM_PERM)`` and the same candidates, in
    the order its query lists them (a set of every band's bucket, each a set filled in order),
    while a text's buckets hold :data:`_MAX_CANDIDATES_READ` entries at most in all. Past that
    its query read every entry of every bucket in Python, each text a candidate of every
    other: 2,000 / 4,000 / 8,000 lines alike but for a figure took 1.7 / 4.5 / 12.0 CPU-s to
    group. Then each band gives its latest texts (the nearest in the input), at most
    ``_MAX_CANDIDATES_READ // bands`` each, in the input's order; :func:`_nearest` keeps the 32
    most similar of them.
    """

    def __init__(self, threshold: float) -> None:
        from datasketch import MinHashLSH

        self.ranges_ = MinHashLSH(threshold=threshold, num_perm=_NUM_PERM).hashranges
        self.sets_: list[dict[bytes, set[int]]] = [{} for _ in self.ranges_]
        self.lists_: list[dict[bytes, list[int]]] = [{} for _ in self.ranges_]
        self.share_ = _MAX_CANDIDATES_READ // len(self.ranges_)

    def _keys(self, values: np.ndarray) -> list[bytes]:
        return [values[start:end].tobytes() for start, end in self.ranges_]

    def insert(self, text: int, values: np.ndarray) -> None:
        for key, sets, lists in zip(self._keys(values), self.sets_, self.lists_, strict=True):
            sets.setdefault(key, set()).add(text)
            lists.setdefault(key, []).append(text)

    def query(self, values: np.ndarray) -> list[int]:
        keys = self._keys(values)
        buckets = [lists.get(key) for key, lists in zip(keys, self.lists_, strict=True)]
        if sum(len(bucket) for bucket in buckets if bucket) > _MAX_CANDIDATES_READ:
            latest = {text for bucket in buckets if bucket for text in bucket[-self.share_ :]}
            return sorted(latest)
        candidates: set[int] = set()
        for key, sets in zip(keys, self.sets_, strict=True):
            for text in sets.get(key, ()):
                candidates.add(text)
        return list(candidates)


# The candidates a text is checked against (_say_otherwise with each, the costly part), the
# nearest first: a transcript of 2,900 lines alike but for a figure ("The rate fell to 1
# percent", "... 2 percent", ...) made each line a candidate of every other, none joining:
# 4.2 million checks, minutes of one core for the 200,000 characters the API takes (security
# round 7).
_MAX_COMPARED = 32


def _nearest(candidates: Sequence[int], values: np.ndarray, text: int) -> list[int]:
    """``candidates`` (LSH's, in its order; only texts with a hash are in the index), or the
    ``_MAX_COMPARED`` whose estimated Jaccard similarity to text ``text`` is highest (ties: the
    earlier text) when more, in that order. ``values``: each text's hash values, by row."""
    if len(candidates) <= _MAX_COMPARED:
        return list(candidates)
    found = np.fromiter(candidates, dtype=np.intp, count=len(candidates))
    similarity = (values[found] == values[text]).mean(axis=1)
    kept = np.sort(np.lexsort((found, -similarity))[:_MAX_COMPARED])
    return found[kept].tolist()


def _line_list(lines: Sequence[int]) -> str:
    """Line numbers as a note lists them: the first ten, then how many more."""
    more = f" and {len(lines) - 10:,} more" if len(lines) > 10 else ""
    return ", ".join(str(line) for line in lines[:10]) + more


def _lines_by_language(
    statements: Sequence[Statement], language_of: dict[int, str | None]
) -> dict[str, list[int]]:
    """The input lines of the statements ``language_of`` names (by their place), by the
    language each reads as, in the order they come."""
    lines: dict[str, list[int]] = {}
    for n, language in sorted(language_of.items()):
        named = lines.setdefault(language_named(language), [])
        if statements[n].line not in named:
            named.append(statements[n].line)
    return lines


def _score(texts: list[str]) -> list[float]:
    """The check-worthiness of each text, rounded as reported."""
    from veracity.claims.model import load_checkworthiness_scorer

    # The token heads' products are small: on OpenBLAS's threads they cost 8x the CPU.
    with one_blas_thread():
        probabilities = load_checkworthiness_scorer().predict_proba(texts)[:, 1]
    return [round(float(p), 4) for p in probabilities]


def triage_text(
    text: str,
    *,
    by_line: bool = False,
    on_matchable: Callable[[list[str]], None] | None = None,
) -> Triage:
    """Score every sentence of ``text`` (every line with ``by_line``), rank and group them.

    ``on_matchable``: called with each scored chunk's texts to match against known
    fact-checks, its check-worthy ones (with ``by_line`` every one: a list of statements is
    what its user asks to be checked; distinct, maybe none) while MiniLM's token states of the
    chunk are kept
    (:func:`~veracity.embeddings.memo.sharing_token_states`): whatever it embeds of them
    (fact-check matching, in :func:`veracity.pipeline.triage_statements`) costs no second pass.
    """
    statements, left_out, links, transcript_furniture, noted = _split_statements(
        text, by_line=by_line
    )
    if not any(s.text for s in statements):
        left = transcript_furniture + left_out + links
        raise InputError(
            "input has no text to score"
            + (
                f": all it has is furniture, left out ({left:,} stage direction(s), heading(s) "
                "or line(s) of site furniture)"
                if left
                else ""
            )
        )
    from veracity.claims.model import CLAIMS, checkworthiness_threshold

    threshold = checkworthiness_threshold()
    too_long = [s.line for s in statements if len(s.text) > MAX_CLAIM_CHARS]
    blank = [s.line for s in statements if not s.text]  # only with by_line
    # The model learned from English statements only: text in another language gets no scores.
    said = " ".join(s.text for s in statements if s.text)
    language = guess_language(said)
    foreign = not reads_as_english(said, language)
    # ... and so does a sentence in another language within a text read as English (a list of
    # statements with a French one, a transcript quoting a minister in German): the text's
    # language was guessed on all its sentences together (0.05 CPU ms a sentence).
    other_language = (
        {}
        if foreign
        else {
            n: guessed
            for n, s in enumerate(statements)
            if s.text and not reads_as_english(s.text, guessed := guess_language(s.text))
        }
    )
    # Each distinct text once: a transcript repeats "Thank you." hundreds of times.
    distinct = list(
        dict.fromkeys(
            s.text
            for n, s in enumerate(statements)
            if 0 < len(s.text) <= MAX_CLAIM_CHARS and not foreign and n not in other_language
        )
    )
    score_of: dict[str, float] = {}
    for start in range(0, len(distinct), SCORING_CHUNK):
        chunk = distinct[start : start + SCORING_CHUNK]
        scope = sharing_token_states() if on_matchable else contextlib.nullcontext()
        with scope:
            score_of.update(zip(chunk, _score(chunk), strict=True))
            if on_matchable is not None:
                on_matchable(
                    [t for t in chunk if by_line or (score_of[t] >= threshold and not _no_claim(t))]
                )
    # None: blank, too long or not English
    scores = [
        None if n in other_language else score_of.get(s.text) for n, s in enumerate(statements)
    ]
    # An unscored text gets a group of its own (no MinHash over a 5 MB line).
    groups = group_near_duplicates(
        [s.text if scores[i] is not None else "" for i, s in enumerate(statements)]
    )
    # Scored rows by falling score, then the unscored ones; ties in input order.
    order = sorted(
        range(len(statements)),
        key=lambda i: (scores[i] is None, -(scores[i] or 0.0), i),
    )
    ranks = np.empty(len(statements), dtype=int)
    ranks[order] = np.arange(1, len(statements) + 1)
    rows = []
    judgements: list[int] = []  # lines of sentences that only pass judgement on what was said
    corrections: list[int] = []  # lines of a correction notice's account of an earlier error
    unstated: dict[str, list[int]] = {}  # lines of questions, sentences cut off, pointers
    for i, statement in enumerate(statements):
        score = scores[i]
        if score is not None and score >= threshold and points_back(statement.text):
            judgements.append(statement.line)
        if score is not None and score >= threshold and retracted(statement.text):
            corrections.append(statement.line)
        if score is not None and score >= threshold and states_nothing(statement.text):
            unstated.setdefault(states_nothing(statement.text) or "", []).append(statement.line)
        rows.append(
            TriageRow(
                rank=int(ranks[i]),
                line=statement.line,
                text=statement.text,
                score=score,
                check_worthy=score is not None
                and score >= threshold
                and not _no_claim(statement.text),
                speaker=statement.speaker,
                group=groups[i],
            )
        )
    if not by_line:
        rows.sort(key=lambda row: row.rank)
    notes = []
    if foreign:
        notes.append(
            f"Not scored (score null): the text reads as {language_named(language)}, not "
            "English, and the check-worthiness model learned from English statements only."
        )
    elif undecided_language(said, language):
        notes.append(undecided_language_note(language))
    for named, lines in _lines_by_language(statements, other_language).items():
        notes.append(
            f"Not scored (score null): the sentence(s) on line(s) {_line_list(lines)} read as "
            f"{named}, not English, and the check-worthiness model learned from English "
            "statements only."
        )
    if too_long and not foreign:
        notes.append(
            f"Not scored (score null): the text on line(s) {_line_list(too_long)} runs over "
            f"{MAX_CLAIM_CHARS:,} characters without a sentence end, too long to be one claim."
        )
    if blank and not foreign:
        notes.append(
            f"Not scored (score null): line(s) {_line_list(blank)} blank, kept so that rows "
            "and input lines stay aligned."
        )
    if judgements:
        notes.append(
            f"Not check-worthy whatever their score: the sentence(s) on line(s) "
            f"{_line_list(sorted(set(judgements)))} only pass judgement on what was said before "
            "('That's a fact.', 'He's a liar.': a pronoun, a verb 'to be' and at most one word "
            "of their own, no figure or name), so they name nothing to check on their own."
        )
    if unstated:
        how = {
            "question": "ask a question",
            "cut off": "are cut off mid-sentence",
            "points elsewhere": "point to other content ('See also this video', 'Read more "
            "here'), whose claims are not the text's own",
        }
        parts = [
            f"line(s) {_line_list(sorted(set(lines)))} {how[why]}"
            for why, lines in sorted(unstated.items(), key=lambda item: item[0] != "cut off")
        ]
        notes.append(
            "Not check-worthy whatever their score: the sentence(s) on "
            + "; on ".join(parts)
            + ", so they state nothing to check."
        )
    if corrections:
        notes.append(
            f"Not check-worthy whatever their score: the sentence(s) on line(s) "
            f"{_line_list(sorted(set(corrections)))} are a correction notice ('A previous "
            "version of this article misstated ...'), the outlet's account of its own error, "
            "so no claim of the text."
        )
    if left_out:
        notes.append(
            f"{left_out:,} line(s) of site furniture left out, as veracity analyze leaves them "
            "out (ad-slot markers, share buttons, comment forms, related headlines, a paywall "
            "prompt and what follows it)."
        )
    if links:
        notes.append(
            f"{links:,} line(s) pointing to other stories left out, as no claims of this text: "
            "a link with its label ('RELATED: ...', 'WATCH: ...') and the headlines under a "
            "heading such as 'Related', 'Read more' or 'Top stories'."
        )
    if transcript_furniture:
        notes.append(
            f"{transcript_furniture:,} stage direction(s) and heading(s) of the transcript left "
            "out, as nobody's words: a sentence wholly in brackets or of a transcriber's notes "
            "only ('[APPLAUSE]', '(CROSSTALK)', '(Laughter.)'), a short line in capitals "
            "without a sentence end ('END') and a document's own label ('Transcript:', "
            "'Source: CNN')."
        )
    if noted:
        notes.append(
            f"{noted:,} sentence(s) had a transcriber's note within them ('(LAUGHTER)', '(ph)', "
            "'[inaudible 00:12:31]'), left out of the text that is scored and shown."
        )
    return Triage(model=CLAIMS.name, threshold=threshold, by_line=by_line, rows=rows, notes=notes)
