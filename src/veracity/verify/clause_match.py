"""The clauses of a sentence that known-fact-check matching reads besides the whole sentence (deep
path; issue 16 item 5).

A checked claim is often said as one clause of a longer spoken or written sentence ("That's why
what I have put forward doesn't add a penny to the debt, but it is the kind of approach that
..."): one MiniLM vector of the whole sentence is far from the statement's. The sentence is
parsed by the deep path's spaCy model and cut into clauses (:func:`clauses`): a verb with its
own subject that is the root, a conjunct of a clause's verb (``conj``), a clause beside it
(``parataxis``) or the clause a verb of saying reports (``ccomp`` of :data:`SAYING`); its words
are the verb's subtree less the clauses cut from it, less a leading conjunction, "that" or
punctuation and a trailing punctuation; kept with :data:`MIN_WORDS` words or more when it
differs from the sentence. Parts between semicolons are cut first.

Measured in bench/match_clauses.py (stop 50's route, stop 51's dev sets and held-out news test,
docs/benchmarks.md "Claims said inside longer sentences").
"""

from __future__ import annotations

from typing import Any

from veracity.nlp.document import load_pipeline

MIN_WORDS = 6  # a clause's words and figures (tokens that are no punctuation)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
SAYING = frozenset(
    {
        "say", "tell", "claim", "argue", "note", "report", "state", "announce", "insist", "add",
        "explain", "warn", "think", "believe", "know",
    }
)  # fmt: skip
_EDGE_DEPS = frozenset({"cc", "mark", "punct"})  # leading words a clause drops


def _has_subject(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in SUBJECTS and c.tag_ not in RELATIVE_TAGS for c in token.children
    )


def _clause_heads(doc: Any) -> list[Any]:
    """The verbs that head a clause of ``doc``: the root with its own subject, and, below a
    clause's verb, a conjunct or a clause beside it with its own subject, or the clause a verb
    of saying reports."""
    heads: list[Any] = []
    for root in (t for t in doc if t.dep_ == "ROOT"):
        frontier = [root]
        while frontier:
            token = frontier.pop()
            if _has_subject(token):
                heads.append(token)
            for child in token.children:
                if child.pos_ not in ("VERB", "AUX"):
                    continue
                if child.dep_ in ("conj", "parataxis") or (
                    child.dep_ == "ccomp" and token.lemma_.lower() in SAYING
                ):
                    frontier.append(child)
    return sorted(heads, key=lambda t: t.i)


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` (already without a leading "Says": ``matching_text``) to match
    besides it, none when it is one clause: its parts between semicolons, and the clauses of
    each part."""
    whole = text.strip()
    parts = [p.strip().rstrip(".!?").strip() for p in whole.split(";")]
    nlp = load_pipeline("deep")
    docs = [nlp(part) for part in parts]  # each part parsed once
    found = [p for p, doc in zip(parts, docs, strict=True) if len(parts) > 1 and _long_enough(doc)]
    for doc in docs:
        found.extend(_clauses_of(doc))
    bare = whole.rstrip(".!?").strip()
    return [c for c in dict.fromkeys(found) if c.rstrip(".!?").strip() != bare]


def _long_enough(doc: Any) -> bool:
    """Whether a part between semicolons is a clause of its own to match."""
    return _words(doc) >= MIN_WORDS and any(_has_subject(t) for t in doc)


def _words(tokens: Any) -> int:
    """Words and figures: the tokens that are no punctuation or space."""
    return sum(not (t.is_punct or t.is_space) for t in tokens)


def _clauses_of(doc: Any) -> list[str]:
    """The clauses of one parsed part."""
    heads = _clause_heads(doc)
    found = []
    for head in heads:
        others = {
            t.i
            for other in heads
            if other.i != head.i and head.is_ancestor(other)
            for t in other.subtree
        }
        tokens = [t for t in head.subtree if t.i not in others]
        while tokens and (
            (tokens[0].dep_ in _EDGE_DEPS and tokens[0].head.i == head.i) or tokens[0].is_punct
        ):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens = tokens[:-1]
        if _words(tokens) < MIN_WORDS:
            continue
        clause = "".join(t.text_with_ws for t in tokens).strip()
        if clause:
            found.append(clause)
    return found
