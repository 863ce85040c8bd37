import pytest

from tests.conftest import analysed
from veracity.ingest import article_from_text
from veracity.nlp import analyse_text
from veracity.signals import detect_signals


def framings(text: str, depth: str = "fast") -> list[tuple[str, str]]:
    signals = detect_signals(analysed(text, depth), names=["conspiracy_framing"])
    for s in signals:
        assert text[s.start : s.end] == s.quote
        assert s.explanation
    return [(s.quote, str(s.detail["family"])) for s in signals]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They are trying to cover up what the officers were doing.",
            ("trying to cover up", "cover_up"),
        ),
        (
            "The mainstream media refuses to report on it.",
            ("mainstream media refuses to report", "media_distrust"),
        ),
        ("This was a massive cover-up by the ministry.", ("massive cover-up", "cover_up")),
        (
            "This is what they don't want you to know.",
            ("they don't want you to know", "secret_knowledge"),
        ),
        ("Wake up, people! Nobody is coming to save you.", ("Wake up, people", "secret_knowledge")),
        ("The deep state will stop at nothing.", ("deep state", "hidden_actors")),
        ("It was a false flag, plain and simple.", ("false flag", "hidden_actors")),
        ("The plandemic was a test run.", ("plandemic", "pseudo_science")),
        ("Doctors who spoke out were silenced.", ("were silenced", "suppression")),
        ("You won't hear this on CNN.", ("You won't hear this", "media_distrust")),
        ("The truth about the moon landing.", ("The truth about", "truth_claim")),
        ("Do not believe the official story.", ("the official story", "truth_claim")),
    ],
)
def test_flags_conspiracy_framing(text: str, expected: tuple[str, str], depth: str) -> None:
    assert expected in framings(text, depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        "Kim Kardashian tried to cover up her baby bump in a black dress.",
        "She wore a white lace cover-up on the beach.",
        "I wake up at six every morning.",
        "Police said the attack was orchestrated by a local cell.",
        "The state government approved the budget on Tuesday.",
        "The media reported the result within minutes.",
        "Megan finally told Kyle the truth about the contract.",
        "She came forward to tell people what really happened.",
    ],
)
def test_ordinary_uses_are_not_flagged(text: str, depth: str) -> None:
    assert framings(text, depth) == []


@pytest.mark.data
def test_seed_article_cover_up(seed_text: str) -> None:
    for depth in ("fast", "deep"):
        analysed_seed = analyse_text(article_from_text(seed_text, remove_boilerplate=False), depth)
        signals = detect_signals(analysed_seed, names=["conspiracy_framing"])
        assert [(s.quote, s.detail["family"]) for s in signals] == [
            ("trying to cover up", "cover_up")
        ]
