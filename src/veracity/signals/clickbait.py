"""Clickbait headlines: titles written to make the reader click, not to say what happened.

The decision is the shipped classifier's (``clickbait_model``: TF-IDF word and character
n-grams into a calibrated logistic regression, trained on 32k labelled headlines); a signal is
emitted when its probability reaches the threshold chosen on the validation split (see the
card), or, since news headlines lie outside the model's training domain, when it reaches 0.5
and the headline shows a visible bait cue. The explanation then names the cues a reader can see in the headline: words in capitals,
"!", curiosity-gap phrases ("you won't believe"), listicle numbers ("10 reasons"),
superlatives, hype words ("SHOCKING") and second-person address.

Only the headline (``article.title``) is scored; the span is the whole title.
"""

from __future__ import annotations

import re

from veracity.nlp import AnalysedText
from veracity.report.schema import Signal, SignalKind
from veracity.signals.clickbait_model import load_clickbait_model
from veracity.signals.registry import make_signal, register

NAME = "clickbait"
CUED_PROBABILITY = 0.5  # with a visible cue, a headline the model leans towards is bait

# Five letters or more: acronyms (NATO, ISIS, FBI) are capitalised by rule, not for effect.
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z']{4,}\b")
_NAME_NUMBER = re.compile(r"-?\d")
_CURIOSITY_GAP = re.compile(
    r"\b(?:you won[’']?t believe|you'?ll never guess|what happen(?:ed|s) next|will blow your mind"
    r"|(?:this|that) is (?:what|why|how)|here[’']?s (?:why|what|how)|the real reason"
    r"|(?:what|everything) you need to know|you need to (?:see|know|read)|will make you"
    r"|(?:can[’']?t|won[’']?t) stop|wait (?:till|until) you see|the reason why|what (?:they|he|she)"
    r" did next|(?:this|these) \w+ (?:will|are|is)|find out|guess what|you didn[’']?t know"
    r"|things? (?:only|you)|one weird trick)\b",
    re.IGNORECASE,
)
_LISTICLE = re.compile(
    r"\b\d+\s+(?:\w+\s+)?(?:reasons|things|ways|times|signs|facts|photos|pictures|tweets"
    r"|people|secrets|tips|tricks|questions|moments|celebrities|struggles|words)\b|^\s*\d+\b",
    re.IGNORECASE,
)
_SUPERLATIVE = re.compile(
    r"\b(?:best|worst|greatest|biggest|craziest|funniest|cutest|weirdest|most|ever|of all time"
    r"|ultimate|perfect(?:ly)?|totally|literally|absolutely|all-time)\b",
    re.IGNORECASE,
)
_HYPE = re.compile(
    r"\b(?:shocking|shocked|stunning|stunned|amazing|incredible|unbelievable|insane|epic"
    r"|horrifying|heartbreaking|hilarious|adorable|jaw-dropping|mind-blowing|omg|wow|breaking"
    r"|exposed|bombshell|outrageous|brilliant|genius|terrifying|must-see|gorgeous|furious)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you'?re|you'?ll|yourself)\b", re.IGNORECASE)


def headline_cues(title: str) -> list[tuple[str, str]]:
    """Visible clickbait cues in a headline: ``(cue, matched text)`` pairs, in order found."""
    cues: list[tuple[str, str]] = []
    letters = [c for c in title if c.isalpha()]
    if len(letters) >= 12 and all(c.isupper() for c in letters):
        cues.append(("whole headline in capitals", title))
    else:
        cues.extend(
            ("capitals", m.group())
            for m in _CAPS_WORD.finditer(title)
            if not _NAME_NUMBER.match(title, m.end())  # "COVID-19", "SARS-2" are names
        )
    if "!" in title:
        cues.append(("exclamation mark", "!"))
    for label, pattern in (
        ("curiosity gap", _CURIOSITY_GAP),
        ("listicle number", _LISTICLE),
        ("superlative", _SUPERLATIVE),
        ("hype word", _HYPE),
        ("second person", _SECOND_PERSON),
    ):
        cues.extend((label, m.group().strip()) for m in pattern.finditer(title))
    if title.rstrip().endswith("?"):
        cues.append(("question headline", "?"))
    return cues


def _describe(cues: list[tuple[str, str]]) -> str:
    seen: dict[str, list[str]] = {}
    for label, found in cues:
        seen.setdefault(label, [])
        if found not in seen[label] and found not in {"!", "?"}:
            seen[label].append(found)
    return "; ".join(
        f"{label} ({', '.join(repr(f) for f in found)})" if found else label
        for label, found in seen.items()
    )


@register(NAME, SignalKind.CLICKBAIT)
def detect_clickbait(analysed: AnalysedText) -> list[Signal]:
    """The headline, when the classifier rates it clickbait; cues named in the explanation."""
    title = analysed.article.title
    if not title or not title.strip():
        return []
    model = load_clickbait_model()
    probability = model.probability(title)
    if probability < CUED_PROBABILITY:
        return []
    cues = headline_cues(title)
    # The model's threshold keeps false alarms rare on its own (in-domain) headlines; news
    # headlines are out of its domain, so one it leans towards is also bait when a reader
    # can see why (a visible cue).
    if probability < model.threshold and not cues:
        return []
    cue_text = _describe(cues)
    explanation = f"Headline reads as clickbait ({probability:.0%} by the headline model)"
    explanation += f": {cue_text}." if cue_text else ": its wording matches clickbait styles."
    # Clickbait is style, not falsehood: moderate weight, more with visible bait cues.
    weight = 0.3 + 0.3 * max(probability - model.threshold, 0.0) / max(1 - model.threshold, 1e-6)
    weight += 0.05 * min(len({label for label, _ in cues}), 4)
    return [
        make_signal(
            analysed,
            0,  # the article's text always opens with its title
            len(title),
            kind=SignalKind.CLICKBAIT,
            detector=NAME,
            weight=min(weight, 0.8),
            explanation=explanation,
            probability=round(probability, 3),
            threshold=model.threshold,
            cues=cue_text,
        )
    ]
