"""Claims fact-checkers checked, as check-worthy sentences of another genre than debates, and
the linear models' fit with them beside the debate sentences."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.claims.fact_checked import claim_sentence, fact_checked_claims
from veracity.claims.model import build_checkworthiness_pipeline
from veracity.claims.train import CheckworthinessData, Sentences, fit_linear


def test_a_fact_checked_post_is_read_as_one_sentence_without_its_links() -> None:
    post = "Vitamin C cures COVID-19, doctors say https://t.co/abc123 "
    assert claim_sentence(post) == "Vitamin C cures COVID-19, doctors say"


@pytest.mark.parametrize(
    "post",
    [
        "RT @someone: Vitamin C cures COVID-19 in three days",
        "@PattyApoian Biden's friends in China manufactured the virus in a lab",
        "Garlic water cures the #coronavirus in one night",
        "Corona Virus",
        " ".join(["word"] * 41),
    ],
)
def test_markup_and_texts_too_short_or_long_are_not_claim_sentences(post: str) -> None:
    assert claim_sentence(post) is None


def test_an_email_address_or_a_number_sign_inside_a_word_is_no_markup() -> None:
    text = "The health ministry's address info@health.gov says 5 people died."
    assert claim_sentence(text) == text


def test_an_unknown_source_is_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="unknown fact-checked source 'snopes'"):
        fact_checked_claims(tmp_path, "snopes")


def _data(claims: list[str], weight: float) -> CheckworthinessData:
    empty = Sentences([], np.zeros(0, dtype=int))
    return CheckworthinessData(
        empty, empty, empty, empty, empty, [], Sentences(claims, np.ones(len(claims), int)), weight
    )


DEBATES = Sentences(
    [
        "We cut taxes by 20 percent in 2003.",
        "Unemployment fell to 4 percent last year.",
        "Thank you very much.",
        "I think that is a great question.",
        "Good evening, everyone.",
        "Let me say this.",
    ],
    np.array([1, 1, 0, 0, 0, 0]),
)
CLAIMS = ["Hydroxychloroquine cures the coronavirus.", "Vitamin C cures the coronavirus."]


def test_fact_checked_claims_raise_what_they_say_and_weigh_by_their_weight() -> None:
    plain = fit_linear(build_checkworthiness_pipeline("tfidf"), DEBATES, _data([], 0.0))
    light = fit_linear(build_checkworthiness_pipeline("tfidf"), DEBATES, _data(CLAIMS, 0.1))
    heavy = fit_linear(build_checkworthiness_pipeline("tfidf"), DEBATES, _data(CLAIMS, 1.0))
    probe = ["Garlic cures the coronavirus."]
    scores = [m.predict_proba(probe)[0, 1] for m in (plain, light, heavy)]
    assert scores[0] < scores[1] < scores[2]
    assert plain.named_steps["classifier"].class_weight == "balanced"


def test_with_a_weight_of_zero_the_debates_fit_as_they_do_alone() -> None:
    plain = fit_linear(build_checkworthiness_pipeline("tfidf"), DEBATES, _data([], 0.0))
    zero = fit_linear(build_checkworthiness_pipeline("tfidf"), DEBATES, _data(CLAIMS, 0.0))
    texts = DEBATES.texts
    assert np.allclose(plain.predict_proba(texts), zero.predict_proba(texts), atol=1e-3)
