"""Check-worthy claims of an article (deep path): sentences scored for check-worthiness."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from veracity.claims.cues import points_back, reads_uncased, retracted
from veracity.claims.model import checkworthiness_threshold, load_checkworthiness_scorer
from veracity.ingest.links import link_lines
from veracity.nlp import AnalysedText
from veracity.nlp.document import Sentence, claim_start
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS
from veracity.report.schema import Claim, ClaimEntity

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


def _numbers(analysed: AnalysedText, sentence: Sentence) -> list[str]:
    """Numeric entities, then number-like tokens outside them, in text order."""
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
    return [analysed.text[s:e] for s, e in sorted(spans)]


def extract_claims(
    analysed: AnalysedText, *, limit: int = MAX_CLAIMS, notes: list[str] | None = None
) -> list[Claim]:
    """The article's check-worthy sentences, most check-worthy first (at most ``limit``).

    ``notes``: where to say how many check-worthy sentences were left out past ``limit``.
    """
    text = analysed.text
    candidates = []
    sentences = [
        part for sentence in analysed.sentences for part in _list_lines(sentence) or [sentence]
    ]
    links = link_lines(text)
    for whole in sentences:
        start, end = _stripped(text, whole)
        if links.covers(start):
            continue  # a link to another story ("RELATED: ..."): no claim of this article
        # "SPRINGFIELD, Ill. (AP) — The council voted ...", "Live updates: 15-year-old dies
        # ...": the claim is what follows the dateline or the rubric label, as a fact-checker
        # quotes it, matches it and searches evidence for it.
        start = claim_start(text, start)
        if start >= end:
            continue  # a dateline alone ("SPRINGFIELD, Ill.")
        sentence = (
            whole if start == whole.start else Sentence(start, whole.end, text[start : whole.end])
        )
        if sum(t.is_alpha for t in analysed.sentence_tokens(sentence)) >= MIN_WORDS and not (
            points_back(text[start:end]) or retracted(text[start:end])
        ):
            candidates.append((sentence, start, end))
    if not candidates:
        return []
    model = load_checkworthiness_scorer()
    threshold = checkworthiness_threshold()
    scores = model.predict_proba([text[s:e] for _, s, e in candidates])[:, 1]
    # a sentence the article repeats word for word (a pull quote, a caption printed twice) is
    # one claim, where it first stands: the ranking is stable, and its copies score the same
    ranked = sorted(zip(candidates, scores, strict=True), key=lambda pair: -pair[1])
    worthy = len({" ".join(text[s:e].split()) for (_, s, e), p in ranked if p >= threshold})
    if notes is not None and worthy > limit:
        notes.append(claims_left_out_note(limit, worthy))
    claims: list[Claim] = []
    said: set[str] = set()
    prose_names = cache(lambda: _names_in_prose(analysed))
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
                numbers=_numbers(analysed, sentence),
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
        numbers=_numbers(analysed, whole),
    )
