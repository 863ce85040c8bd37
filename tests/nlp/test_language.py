"""Language guess: the vectorised walk gives py3langid's answers, in English and other languages."""

from __future__ import annotations

import ast
import random
from functools import lru_cache
from pathlib import Path

import numpy as np
import py3langid
import pytest
import spacy.lang
from py3langid.langid import visit_counts

from tests.conftest import EXAMPLE_ARTICLE, REPO
from veracity.nlp.language import (
    AUTOMATON_MEMORY,
    SAMPLE_CHARS,
    guess_language,
    language_identifier,
    language_named,
    reads_as_english,
    undecided_language,
)


@lru_cache(maxsize=1)
def _spacy_examples() -> dict[str, str]:
    """spaCy's example sentences of each language it ships them for, joined per language.

    Read from the source files: importing a language's package builds its tokenizer (seconds).
    """
    texts = {}
    for path in sorted(Path(spacy.lang.__file__).parent.glob("*/examples.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "sentences":
                texts[path.parent.name] = " ".join(ast.literal_eval(node.value))
    return texts


def _real_texts() -> list[str]:
    fixtures = sorted((REPO / "tests" / "fixtures").rglob("*.txt"))
    examples = sorted((REPO / "examples").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in fixtures + examples]
    texts += _spacy_examples().values()
    # English sentences followed by another language, and the reverse
    spanish = _spacy_examples()["es"]
    english = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    texts += [english[:300] + " " + spanish, spanish + " " + english[:300]]
    return texts


@pytest.mark.parametrize(
    ("language", "code"),
    [("de", "de"), ("fr", "fr"), ("es", "es"), ("it", "it"), ("ru", "ru"), ("nl", "nl")],
)
def test_guesses_other_languages(language: str, code: str) -> None:
    assert guess_language(_spacy_examples()[language]) == code


def test_guesses_english_and_skips_short_texts() -> None:
    assert guess_language(EXAMPLE_ARTICLE.read_text(encoding="utf-8")) == "en"
    assert guess_language("Too short.") is None


def test_answers_and_scores_equal_py3langid() -> None:
    identifier = language_identifier()
    rng = random.Random(7)
    texts = _real_texts()
    texts += ["", "a", "ÉCOLE PRIMAIRE", "日本語のテキストです", "\udcff broken surrogate"]
    texts += [bytes(rng.randrange(256) for _ in range(300)).decode("latin-1") for _ in range(20)]
    for text in texts:
        sample = text[:SAMPLE_CHARS]
        assert identifier.classify(sample) == py3langid.classify(sample), sample[:80]


def test_feature_counts_equal_py3langid_walk_in_the_same_order() -> None:
    identifier = language_identifier()
    for text in _real_texts():
        data = identifier._encode(text[:SAMPLE_CHARS])
        expected = visit_counts(
            identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data
        )
        got = identifier.visit_counts(data)
        assert got == expected
        assert list(got or {}) == list(expected or {})


@pytest.mark.slow
def test_automaton_forgets_its_start_after_memory_bytes() -> None:
    """From every state, any AUTOMATON_MEMORY bytes lead to one and the same state.

    Follows the sets of states that all states reach byte by byte, as (set, state) pairs: a set
    that shrank to one state is done, and every set must be done after AUTOMATON_MEMORY bytes.
    """
    identifier = language_identifier()
    next_state, row_start = identifier._next_state, identifier._row_start
    states = np.arange(len(row_start), dtype=np.int64)
    set_ids = np.zeros(len(states), dtype=np.int64)
    shift = len(row_start).bit_length()
    for _ in range(AUTOMATON_MEMORY):
        images = []
        for byte in range(256):
            after = next_state[row_start[states] + byte].astype(np.int64)
            images.append(np.unique((set_ids * 256 + byte) << shift | after))
        pairs = np.concatenate(images)
        ids, states = pairs >> shift, pairs & ((1 << shift) - 1)
        _, set_ids, sizes = np.unique(ids, return_inverse=True, return_counts=True)
        several = sizes[set_ids] > 1
        states, set_ids = states[several], np.unique(set_ids[several], return_inverse=True)[1]
    assert not len(states)


# Under DECIDING_CHARS the guess alone does not decide: English claims are often guessed as
# another language. The script or the guessed language's function words can.
@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement annonce une hausse des impôts.",
        "Tras superar la polémica de sus separación con sus respectivas parejas",
        "Das Lied ist zudem auf dem Soundtrack zum Film enthalten.",
        # German's list named too few of its function words (probe5: short German read as
        # English): "hat", "am" are English words too, "gegen", "neue", "keinen" were missing
        "Die Regierung hat am Montag neue Maßnahmen gegen die Inflation angekündigt.",
        "Der Impfstoff verursacht keinen Autismus, sagen die Forscher.",
        "Es gibt keine Beweise für Wahlbetrug in Deutschland.",
        "Доступен режим лайв и экспресс.",
        "部分领域三星确实走在了前面，但是折叠的意义是？",
        "一想到皮卡丘",  # too short to guess: the script tells
    ],
)
def test_a_short_text_plainly_in_another_language_does_not_read_as_english(text):
    language = guess_language(text)
    assert not reads_as_english(text, language)
    assert not undecided_language(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Vaccines cause autism.",
        "Obama was born in Kenya.",
        "LA Times endorses Clinton, bashes Trump",
        "La La Land wins best picture at the Oscars",
        "Says Nancy Pelosi voted against the Patriot Act.",
    ],
)
def test_a_short_english_text_reads_as_english_whatever_its_guess(text):
    language = guess_language(text)
    assert reads_as_english(text, language)
    assert undecided_language(text, language) == (language not in (None, "en"))


def test_a_note_names_the_language_in_words_with_its_code() -> None:
    # Notes said "the text reads as 'es'": an editor reads a name, not an ISO 639-1 code
    assert language_named("es") == "Spanish ('es')"
    assert language_named("zh") == "Chinese ('zh')"
    assert language_named("qq") == "'qq'"  # a code CLDR does not name keeps the code alone
    assert language_named(None) == "another script than the Latin one"
