"""Check-worthy claims of an article (deep path): sentences scored for check-worthiness."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from veracity.claims.cues import after_entry_time, points_back, points_elsewhere, reads_uncased
from veracity.claims.model import checkworthiness_threshold, load_checkworthiness_scorer
from veracity.claims.triage import turn_openings, turn_parts
from veracity.ingest.links import link_lines
from veracity.nlp import AnalysedText
from veracity.nlp.corrections import retracted
from veracity.nlp.document import (
    Sentence,
    claim_end,
    claim_start,
    join_quoted,
    piece_furniture,
)
from veracity.nlp.list_numbers import in_spans, list_number_spans
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS
from veracity.report.schema import Claim, ClaimEntity

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Token as ParsedToken

MAX_CLAIMS = 15
MIN_WORDS = 5
_NUMERIC_ENTITIES = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
# A list of lines without sentence ends (a site's "Top stories", a list whose bullets were
# dropped) is one sentence to the parser, which never cuts at a single line break (hard-wrapped
# text breaks its sentences at every line): twelve headlines were one claim. A sentence of this
# many lines or more, each opening with a capital or a digit and none ending as a wrapped line
# may (a comma, a hyphen or a dash), is read as its lines.
_LIST_LINES = 3
_WRAPPED_END = (",", "-", "–", "—", "(")


# The parser may cut a line where no sentence ends ("See also" | "brief video featuring Author
# Bill Still (6 min) entitled ...:"): a pointer to other content is read from its line's opening
# when nothing between them ends a sentence or a clause.
_ENDS_SOMETHING = re.compile(r"[.!?:;]")


def _from_line_opening(text: str, start: int, end: int) -> str:
    """The sentence ``text[start:end]`` with the words before it on its line, when they end
    nothing (:data:`_ENDS_SOMETHING`), else the sentence alone."""
    line_start = text.rfind("\n", 0, start) + 1
    return (
        text[start:end] if _ENDS_SOMETHING.search(text[line_start:start]) else text[line_start:end]
    )


def _stripped(text: str, sentence: Sentence) -> tuple[int, int]:
    """Sentence offsets without surrounding whitespace."""
    start, end = sentence.start, sentence.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _list_lines(sentence: Sentence) -> list[Sentence] | None:
    """The lines of a sentence that is a list of lines (see :data:`_LIST_LINES`), else None."""
    if sentence.text.count("\n") < _LIST_LINES - 1:
        return None
    lines = []
    offset = sentence.start
    for line in sentence.text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            lines.append(Sentence(start, start + len(stripped), stripped))
        offset += len(line) + 1
    if len(lines) >= _LIST_LINES and all(
        (line.text[0].isupper() or line.text[0].isdigit()) and not line.text.endswith(_WRAPPED_END)
        for line in lines
    ):
        return lines
    return None


# Dependencies of a clause's own subject: a clause that has one states something by itself.
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# A clause that hangs on a word of another (relative, adverbial, a noun's complement, a subject
# clause), and the tags of a relative pronoun: no statement by itself.
_SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl", "csubj", "csubjpass"})
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Quotation marks: a semicolon inside a quotation is the speaker's ("There is no god but Allah;
# Mohammed is ..."), not the article's joining of two statements.
_QUOTE_MARKS = frozenset({'"', "“", "”"})


def _states(token: ParsedToken) -> bool:
    """Whether a parsed ``token`` is the verb of a main clause: it has its own subject (no
    relative pronoun: "which costs $1m"), and is neither introduced by a subordinating word
    ("that a gunman was on the loose", "because ...") nor a relative or adverbial clause."""
    return (
        token.pos_ in ("VERB", "AUX")
        and token.dep_ not in _SUBORDINATE_DEPS
        and not any(child.dep_ == "mark" for child in token.children)
        and any(
            child.dep_ in _SUBJECT_DEPS and child.tag_ not in _RELATIVE_TAGS
            for child in token.children
        )
    )


def _parse_of(analysed: AnalysedText, sentence: Sentence) -> tuple[int, Doc] | None:
    """The parsed document that holds ``sentence`` and its offset in the text (deep path)."""
    return next(
        (
            (offset, doc)
            for offset, doc in analysed.docs
            if offset <= sentence.start < offset + len(doc.text)
        ),
        None,
    )


def _clauses(analysed: AnalysedText, sentence: Sentence) -> list[Sentence] | None:
    """The clauses of a sentence that joins two or more statements with semicolons ("The city
    has not raised its tax rate since 2020, council records show; bills rose because the county
    raised assessed values."), each without its semicolon, else None. Each part must state by
    itself: a main clause's verb with its own subject (:func:`_states`; the parse may hang
    one part on the other, so its root is not asked), and :data:`MIN_WORDS` words; a list
    ("Paris; London; Rome"), a part that leans on the one before ("...; warning that ...") or a
    semicolon inside a quotation (:data:`_QUOTE_MARKS`) leaves the sentence whole. Two claims in
    one sentence are checked one by one: the parse roots such a sentence at one clause's verb,
    and the verdict rules read the claim's main verb (deep path)."""
    if ";" not in sentence.text or analysed.depth != "deep":
        return None
    found = _parse_of(analysed, sentence)
    if found is None:
        return None
    offset, doc = found
    parts, start, quoted = [], sentence.start, False
    for i, char in enumerate(sentence.text):
        if char in _QUOTE_MARKS:
            quoted = not quoted if char == '"' else char == "“"
        elif char == ";" and not quoted:
            parts.append((start, sentence.start + i))
            start = sentence.start + i + 1
    parts.append((start, sentence.end))
    if len(parts) < 2:
        return None
    clauses = []
    for part_start, part_end in parts:
        span = doc.char_span(part_start - offset, part_end - offset, alignment_mode="contract")
        if span is None or sum(t.is_alpha for t in span) < MIN_WORDS:
            return None
        if not any(_states(token) for token in span):
            return None
        text = analysed.text[part_start:part_end]
        stripped = text.strip()
        at = part_start + text.index(stripped)
        clauses.append(Sentence(at, at + len(stripped), stripped))
    return clauses


def _said_parts(analysed: AnalysedText, sentence: Sentence) -> list[Sentence] | None:
    """The statements of a sentence that reports two things said, joined by "and that" ("Maria
    Reyes said crime went up 40% downtown and that the county lost two hospitals since 2020."),
    else None: the first part with its speaker ("Maria Reyes said crime went up 40% downtown"),
    each later one from the word after its "that" to the next "and that" or the sentence's end.
    The second statement is a clause joined to the one the verb reports (the parse's conj of a
    ccomp) with its own "that" and its own subject; each part has :data:`MIN_WORDS` words, or
    the sentence stays whole. As one claim, neither statement is read by the verdict rules,
    which read the claim's main verb: each is checked alone (deep path)."""
    if " that " not in sentence.text or analysed.depth != "deep":
        return None
    found = _parse_of(analysed, sentence)
    if found is None:
        return None
    offset, doc = found
    span = doc.char_span(sentence.start - offset, sentence.end - offset, alignment_mode="contract")
    if span is None:
        return None
    cuts = []
    for token in span:
        if token.dep_ != "conj" or token.head.dep_ != "ccomp":
            continue
        mark = next((c for c in token.children if c.dep_ == "mark"), None)
        if mark is None or mark.lower_ != "that" or mark.i == span.start:
            continue
        joined = doc[mark.i - 1]
        if (
            joined.dep_ == "cc"
            and joined.lower_ == "and"
            and joined.head == token.head
            and any(
                c.dep_ in _SUBJECT_DEPS and c.tag_ not in _RELATIVE_TAGS for c in token.children
            )
        ):
            cuts.append((offset + joined.idx, offset + mark.idx + len(mark.text)))
    if not cuts:
        return None
    bounds, start = [], sentence.start
    for joined_at, after_that in cuts:
        bounds.append((start, joined_at))
        start = after_that
    bounds.append((start, sentence.end))
    parts = []
    for part_start, part_end in bounds:
        text = analysed.text[part_start:part_end]
        stripped = text.strip().rstrip(",").rstrip()
        at = part_start + text.index(stripped)
        words = doc.char_span(at - offset, at + len(stripped) - offset, alignment_mode="contract")
        if words is None or sum(t.is_alpha for t in words) < MIN_WORDS:
            return None
        parts.append(Sentence(at, at + len(stripped), stripped))
    return parts


# A word of a name, and the possessive after one ("Kardashian's").
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# An acronym among words in Title Case ("FBI", "NATO"; "BEFORE" is a word set in capitals).
_ACRONYM = re.compile(r"[A-Z]{2,4}")


def _name_key(word: str) -> str:
    return _POSSESSIVE.sub("", word).lower()


def _names_in_prose(analysed: AnalysedText) -> frozenset[str]:
    """The words the text writes capitalised in its sentences whose case tells names
    (:func:`~veracity.claims.cues.reads_uncased`), lower-cased: past a sentence's first word,
    or the first when the next is capitalised too."""
    names: set[str] = set()
    for sentence in analysed.sentences:
        if reads_uncased(sentence.text):
            continue
        words = _NAME_WORD.findall(sentence.text)
        # a sentence's first word too when a capitalised word follows it ("Jennifer Aniston said")
        first = words[:1] if len(words) > 1 and words[1][0].isupper() else []
        names.update(_name_key(w) for w in first + words[1:] if w[0].isupper())
    return frozenset(names - ENGLISH_STOP_WORDS)  # "The Hills", "Is": no name's words


def _entities(
    analysed: AnalysedText, sentence: Sentence, prose_names: Callable[[], frozenset[str]]
) -> list[ClaimEntity]:
    """The sentence's named entities. In a headline in Title Case or capitals the parser takes
    capitalised words for names ("Jennifer Aniston Not Reconciling" a person, "Another Bloody
    Weekend" an organisation): there a name is trimmed to the words the text writes capitalised
    in its running sentences, or acronyms, and one with none of them is left out."""
    found = analysed.sentence_entities(sentence)
    uncased = reads_uncased(sentence.text)
    entities = []
    for entity in found:
        start, end = entity.start, entity.end
        if uncased and entity.label not in _NUMERIC_ENTITIES | _TIME_ENTITIES:
            named = [
                word
                for word in _NAME_WORD.finditer(entity.text)
                if _name_key(word.group()) in prose_names()
                or (_ACRONYM.fullmatch(word.group()) and not sentence.text.isupper())
            ]
            if not named:
                continue
            start, end = entity.start + named[0].start(), entity.start + named[-1].end()
        entities.append(
            ClaimEntity(text=analysed.text[start:end], label=entity.label, start=start, end=end)
        )
    return entities


def _numbers(
    analysed: AnalysedText, sentence: Sentence, listed: list[tuple[int, int]]
) -> list[str]:
    """Numeric entities, then number-like tokens outside them, in text order; not a list's item
    numbers or its count (``listed``: :func:`~veracity.nlp.list_numbers.list_number_spans`)."""
    spans = [
        (e.start, e.end)
        for e in analysed.sentence_entities(sentence)
        if e.label in _NUMERIC_ENTITIES
    ]
    spans += [
        (t.start, t.end)
        for t in analysed.sentence_tokens(sentence)
        if t.like_num and not any(s <= t.start < e for s, e in spans)
    ]
    return [analysed.text[s:e] for s, e in sorted(spans) if not in_spans(listed, s, e)]


def _as_sentence(text: str) -> str:
    """``text`` with its first letter in capitals, as a sentence opens."""
    return text[:1].upper() + text[1:]


def extract_claims(
    analysed: AnalysedText, *, limit: int = MAX_CLAIMS, notes: list[str] | None = None
) -> list[Claim]:
    """The article's check-worthy sentences, most check-worthy first (at most ``limit``).

    ``notes``: where to say how many check-worthy sentences were left out past ``limit``.
    """
    text = analysed.text
    candidates = []
    turns = turn_openings(text)
    sentences = [
        said
        for joined in join_quoted(text, analysed.sentences)
        for sentence in turn_parts(text, joined, turns)
        for part in _list_lines(sentence) or [sentence]
        for clause in _clauses(analysed, part) or [part]
        for said in _said_parts(analysed, clause) or [clause]
    ]
    links = link_lines(text)
    for whole in sentences:
        start, end = _stripped(text, whole)
        if links.covers(start):
            continue  # a link to another story ("RELATED: ..."): no claim of this article
        # "SPRINGFIELD, Ill. (AP) — The council voted ...", "Live updates: 15-year-old dies
        # ...": the claim is what follows the dateline or the rubric label, as a fact-checker
        # quotes it, matches it and searches evidence for it.
        start = after_entry_time(text, claim_start(text, start))  # and a live blog's "14:05"
        # an embedded post's signature ("— NFL (@NFL) November 23, 2018"): who posted it
        signed = claim_end(text, start, end)
        if start >= signed:
            continue  # a dateline or a post's signature alone ("SPRINGFIELD, Ill.")
        if signed < end:
            end = signed
            sentence = Sentence(start, end, text[start:end])
        else:
            sentence = (
                whole
                if start == whole.start
                else Sentence(start, whole.end, text[start : whole.end])
            )
        # points_elsewhere: "See also this video ...", whose claims are not the article's
        if sum(t.is_alpha for t in analysed.sentence_tokens(sentence)) >= MIN_WORDS and not (
            points_back(text[start:end])
            or points_elsewhere(_from_line_opening(text, start, end))
            or retracted(text[start:end])
            or piece_furniture(text, start)
        ):
            candidates.append((sentence, start, end))
    if not candidates:
        return []
    model = load_checkworthiness_scorer()
    threshold = checkworthiness_threshold()
    # a part cut from a sentence may open in lower case ("bills rose because ...", "the county
    # lost two hospitals ..."): scored as a sentence, as fact-check matching embeds it
    # (factchecks.matching_text), so the deep path runs the encoder over one text, not two
    scores = model.predict_proba([_as_sentence(text[s:e]) for _, s, e in candidates])[:, 1]
    # a sentence the article repeats word for word (a pull quote, a caption printed twice) is
    # one claim, where it first stands: the ranking is stable, and its copies score the same
    ranked = sorted(zip(candidates, scores, strict=True), key=lambda pair: -pair[1])
    worthy = len({" ".join(text[s:e].split()) for (_, s, e), p in ranked if p >= threshold})
    if notes is not None and worthy > limit:
        notes.append(claims_left_out_note(limit, worthy))
    claims: list[Claim] = []
    said: set[str] = set()
    prose_names = cache(lambda: _names_in_prose(analysed))
    listed = list_number_spans(text)
    for (sentence, start, end), score in ranked:
        if score < threshold or len(claims) >= limit:
            break
        words = " ".join(text[start:end].split())
        if words in said:
            continue
        said.add(words)
        claims.append(
            Claim(
                text=text[start:end],
                start=start,
                end=end,
                score=round(float(score), 4),
                entities=_entities(analysed, sentence, prose_names),
                numbers=_numbers(analysed, sentence, listed),
            )
        )
    return claims


def claims_left_out_note(limit: int, worthy: int) -> str:
    """What a report says when the article has more check-worthy sentences than it lists."""
    return (
        f"Claims: the {limit} most check-worthy of the article's {worthy:,} check-worthy "
        f"sentences; the other {worthy - limit:,} were not matched to fact-checks or verified "
        "(`veracity claims FILE` ranks every sentence)."
    )


def score_claim(text: str) -> Claim:
    """One stand-alone claim (``text`` already stripped) with its check-worthiness score and,
    read by the deep path's parser as an article's claims are, its named entities and numbers."""
    from veracity.ingest import Article
    from veracity.nlp import analyse_text

    score = float(load_checkworthiness_scorer().predict_proba([text])[:, 1][0])
    analysed = analyse_text(Article(text=text), "deep")
    whole = Sentence(0, len(text), text)
    return Claim(
        text=text,
        start=0,
        end=len(text),
        score=round(score, 4),
        entities=_entities(analysed, whole, cache(lambda: _names_in_prose(analysed))),
        numbers=_numbers(analysed, whole, list_number_spans(text)),
    )
