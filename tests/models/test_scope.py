"""When not to score: non-English, very short and out-of-scope texts get a reason, not a number."""

from __future__ import annotations

import pytest

from veracity.models.scope import MIN_WORDS, NOTES, abstention_note, text_abstention
from veracity.nlp.language import guess_language

ENGLISH = (
    "The city council approved the new budget on Tuesday after a long debate, the mayor's "
    "office said in a statement. The plan raises spending on schools and roads by four percent "
    "and cuts the parks budget, according to figures published by the council. Several "
    "residents spoke against the cuts at the meeting, and two members voted no. The budget "
    "takes effect in July."
)
SPANISH = (
    "El gobierno anunció hoy que la economía creció un tres por ciento en el último trimestre, "
    "según datos oficiales publicados por el instituto de estadística. Los analistas esperaban "
    "un crecimiento menor, y la oposición pidió explicaciones sobre el gasto público."
)
FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, qui sera présentée au "
    "Parlement le mois prochain. Les syndicats ont appelé à une grève nationale."
)
CHINESE = "中国政府今天宣布经济增长速度超过预期，官方数据显示第三季度国内生产总值增长百分之五。"


@pytest.mark.parametrize("text", [SPANISH, FRENCH, CHINESE])
def test_non_english_text_is_not_scored(text: str) -> None:
    assert text_abstention(text, guess_language(text)) == "not_english"


def test_short_text_is_not_scored_but_an_english_article_is() -> None:
    assert text_abstention("Short.", guess_language("Short.")) == "too_short"
    assert len(ENGLISH.split()) > MIN_WORDS
    assert text_abstention(ENGLISH, guess_language(ENGLISH)) is None


def test_every_reason_has_a_note_that_says_no_score() -> None:
    for reason in ("not_english", "too_short", "out_of_scope"):
        assert abstention_note(reason).startswith("No reliability score")
    assert "outlet ratings" in NOTES["not_english"] and "still apply" in NOTES["not_english"]
