"""Claim / passage pairs derived from claims, to teach the stance head what vectors miss.

From one claim: passages that report it confirmed (``agree``), deny it ("X denied that ...",
"reports that ... were false", "there is no evidence that ..."), negate it, swap a word for its
opposite or change its figure (``disagree``), or only raise it as a question (``discuss``).
Training-side claims only (:mod:`veracity.verify.train_evidence_stance`).
"""

from __future__ import annotations

import random
import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from veracity.verify.cues import ANTONYMS

SPEAKERS = (
    "The ministry",
    "A government spokesman",
    "Officials",
    "The company",
    "Police",
    "The agency",
    "Researchers",
    "A spokeswoman for the department",
    "The White House",
    "The organisation",
    "Local authorities",
    "The commission",
)
CONFIRMING = (
    "{s} confirmed that {c}.",
    "{s} said on Tuesday that {c}.",
    "According to {s_lower}, {c}.",
    "{s} acknowledged that {c}.",
    "An investigation by {s_lower} found that {c}.",
)
DENYING = (
    "{s} denied that {c}.",
    "{s} denied reports that {c}.",
    "Reports that {c} were false, {s_lower} said.",
    "{s} said claims that {c} are untrue.",
    "There is no evidence that {c}, {s_lower} said.",
    "{s} found no evidence that {c}.",
    "{s} rejected claims that {c} as baseless.",
    "It is not true that {c}.",
    "{s} dismissed as fabricated the story that {c}.",
    "Fact-checkers debunked the claim that {c}.",
)
QUESTIONING = (
    "{s} opened an investigation into whether {c}.",
    "It is still unclear whether {c}.",
    "{s} would not say whether {c}.",
    "Questions remain over whether {c}, {s_lower} said.",
)
_AUXILIARY = re.compile(
    r"\b(is|are|was|were|has|have|had|will|can|could|would|should|does|do|did)\b(?! not\b)",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(r"\b([a-z]{3,}ed)\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_OPPOSITE = {a: b for a, b in ANTONYMS} | {b: a for a, b in ANTONYMS}


def clause(claim: str) -> str:
    """The claim as a clause to embed after "that": no final stop, no "Says" prefix, a
    capitalised first word lowered when it is a function word ("The", "Most")."""
    text = claim.strip().rstrip(".!?").strip()
    text = re.sub(r"^(?:Says|Claims)\s+(?:that\s+)?", "", text)
    first = text.split(" ", 1)[0]
    if first[1:].islower() and first.lower() in ENGLISH_STOP_WORDS:
        text = text[0].lower() + text[1:]
    return text


def negate(claim: str) -> str | None:
    """The claim with its first auxiliary negated ("is" -> "is not"), or a past verb turned
    into "did not <verb>"; None when neither is found."""
    match = _AUXILIARY.search(claim)
    if match:
        return claim[: match.end()] + " not" + claim[match.end() :]
    match = _PAST_VERB.search(claim)
    if match:
        verb = match.group(1)
        stem = verb[:-2] if verb.endswith("ed") and not verb.endswith("eed") else verb
        stem = stem[:-1] if stem.endswith("i") else stem
        if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "lsdz":
            stem = stem[:-1]  # "banned" -> "ban", "stopped" -> "stop"
        return claim[: match.start()] + "did not " + stem + claim[match.end() :]
    return None


def swap_antonym(claim: str) -> str | None:
    """The claim with one word swapped for its opposite, or None."""
    for match in re.finditer(r"[A-Za-z]+", claim):
        opposite = _OPPOSITE.get(match.group(0).lower())
        if opposite:
            return claim[: match.start()] + opposite + claim[match.end() :]
    return None


def change_figure(claim: str, rng: random.Random) -> str | None:
    """The claim with its first number changed (halved, doubled or shifted), or None."""
    match = _NUMBER.search(claim)
    if not match:
        return None
    value = float(match.group(0).replace(",", ""))
    new = rng.choice([value * 2, value / 2, value + rng.randint(2, 9), max(value - 3, 0) + 0.5])
    text = f"{new:.0f}" if new == int(new) else f"{new:.1f}"
    if text == match.group(0):
        text = str(int(value) + 7)
    return claim[: match.start()] + text + claim[match.end() :]


def derive_pairs(claims: list[str], rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """(claims, passages, labels) derived from each claim: one confirming, two denying, one
    contradicting rewrite (negation, opposite word or other figure) and one questioning."""
    texts: list[str] = []
    passages: list[str] = []
    labels: list[str] = []

    def add(claim: str, passage: str, label: str) -> None:
        texts.append(claim)
        passages.append(passage)
        labels.append(label)

    for claim in claims:
        c = clause(claim)
        if len(c.split()) < 4:
            continue
        speaker = rng.choice(SPEAKERS)
        fill = {"s": speaker, "s_lower": speaker[0].lower() + speaker[1:], "c": c}
        add(claim, rng.choice(CONFIRMING).format(**fill), "agree")
        for template in rng.sample(DENYING, 2):
            add(claim, template.format(**fill), "disagree")
        add(claim, rng.choice(QUESTIONING).format(**fill), "discuss")
        rewrites = [r for r in (negate(claim), swap_antonym(claim), change_figure(claim, rng)) if r]
        if rewrites:
            add(claim, rng.choice(rewrites), "disagree")
    return texts, passages, labels
