"""Language guess for the report (py3langid, model shipped in its wheel).

py3langid scores a text by walking its bytes through an automaton whose states emit the byte
n-gram features of the model, then adds up the features' per-language log-probabilities. The
walk is a Python loop over every byte, most of the cost of a guess. The automaton forgets:
after any :data:`AUTOMATON_MEMORY` bytes it is in the same state whatever state it started in
(``tests/nlp/test_language.py`` checks this on the shipped model). So the state after each byte
is the state reached from the start over the few bytes before it, which numpy computes for
every position at once. :class:`VectorisedIdentifier` replaces only that walk; decoding,
scoring and the final choice are py3langid's own code, so it gives py3langid's answers, scores
included (the tests compare both on real texts in 68 languages). It builds on py3langid 0.4's
model attributes (``tk_nextmove``, ``_rowbase``, ``tk_output``), which the tests also pin.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# py3langid's cost grows faster than the sample (8 ms at 5,000 characters, under 1 ms at
# 1,000), and a thousand characters of running text name the language as well.
SAMPLE_CHARS = 1000
# Bytes after which py3langid's automaton is in the same state from any starting state.
AUTOMATON_MEMORY = 6


class VectorisedIdentifier(LanguageIdentifier):
    """py3langid's identifier with its automaton walked for all bytes at once (numpy)."""

    __slots__ = ("_feature_of", "_next_state", "_row_start")

    def __init__(self, nb_ptc: np.ndarray, *args: object, **kwargs: object) -> None:
        # The model ships float16 log-probabilities, which numpy casts to float32 (exactly, and
        # slowly) in every product: cast them once (57 MB instead of 28).
        super().__init__(np.asarray(nb_ptc, dtype=np.float32), *args, **kwargs)
        self._next_state = np.asarray(self.tk_nextmove)  # shares the model's memory
        self._row_start = np.asarray(self._rowbase, dtype=np.int64)
        self._feature_of = np.asarray(self.tk_output, dtype=np.int64)

    def states(self, data: bytes) -> np.ndarray:
        """The automaton's state after each byte of ``data``, as py3langid's walk reaches it.

        Each position takes the last :data:`AUTOMATON_MEMORY` bytes from the start state (the
        first positions: every byte so far, which is exactly the walk).
        """
        letters = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
        states = np.zeros(len(letters), dtype=np.int64)
        for lag in range(min(AUTOMATON_MEMORY, len(letters)) - 1, -1, -1):
            moves = self._row_start[states[lag:]] + letters[: len(letters) - lag]
            states[lag:] = self._next_state[moves]
        return states

    def feature_counts(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """The features the walk over ``data`` emits, in order of first occurrence, and how
        often each (numpy's ``unique`` instead of a ``Counter`` over a list of ints)."""
        features = self._feature_of[self.states(data)]
        features = features[features >= 0]
        found, first, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first)  # first occurrences are distinct: no ties to break
        return found[order], counts[order]

    def visit_counts(self, data: bytes) -> dict[int, int] | None:
        """``{feature: count}`` in order of first occurrence, as py3langid counts them."""
        features, counts = self.feature_counts(data)
        return dict(zip(features.tolist(), counts.tolist(), strict=True)) if len(features) else None

    def _raw_score(self, text: bytes) -> np.ndarray:
        features, counts = self.feature_counts(text)
        if not len(features):
            return super()._raw_score(text)  # no feature: py3langid's own fill value
        # py3langid's ``_sparse_score`` on the same arrays (features in the order it sums them,
        # counts as float32), without building its dict first
        return np.log1p(counts.astype(np.float32)) @ self.nb_ptc[features] + self.nb_pc


@lru_cache(maxsize=1)
def language_identifier() -> VectorisedIdentifier:
    """py3langid's default model (all languages, raw scores), loaded once per process."""
    ptc, pc, classes, nextmove, row, output = _model_parts()
    return VectorisedIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, tk_row=row
    )


def _model_parts() -> tuple:
    """py3langid's model arrays, through a plain-pickle copy in the cache folder.

    The wheel ships the model LZMA-compressed: decompressing it is half a second of every cold
    start. The copy (:func:`model_copy_path`) loads in a few milliseconds; a cache that cannot
    be written is skipped.
    """
    from py3langid.langid import MODEL_DIR, _load_model_file

    from veracity.artefacts import read_cache_pickle, write_cache_pickle

    cached = model_copy_path()
    kept = read_cache_pickle(cached)  # a planted file under this predictable name is refused
    if kept is not None:
        return kept[0]
    parts = _load_model_file(MODEL_DIR / MODEL_FILE)
    write_cache_pickle(cached, parts)
    return parts


def model_copy_path() -> Path:
    """Where the plain-pickle copy of py3langid's model lives in the cache folder: named by the
    package's version and the model file's size, so every install of one version shares one
    copy (named by the file's time, each new environment wrote another 68 MB copy)."""
    import py3langid
    from py3langid.langid import MODEL_DIR

    from veracity.settings import get_settings

    size = (MODEL_DIR / MODEL_FILE).stat().st_size
    return get_settings().cache_dir / f"py3langid-{py3langid.__version__}-{size}.pickle"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The shortest text whose guess alone may keep it from the models that read English only
# (claims, signals): on shorter ones the guess is often wrong ("Obama was born in Kenya." reads as
# Hausa, "Vaccines cause autism." as French).
DECIDING_CHARS = 200
# A shorter text is not English when what it is written in says so: letters mostly of another
# script than the Latin one ("Доступен режим лайв и экспресс.", "部分领域三星确实走在了前面"), or
# at least this many of the guessed language's commonest function words and more of them than
# of English's ("Le gouvernement annonce une hausse des impôts.": le, une, des).
FUNCTION_WORDS = 2
# The commonest function words of languages written in the Latin script, without those that are
# English words too ("a", "in", "no", "die", "man", "be"); a language without a list here is
# told by its script only.
_FUNCTION_WORDS = {
    language: _words(words)
    for language, words in {
        "es": "el la los las del y que es por con para una un se su lo como más pero sus "
        "fue está muy también desde",
        "fr": "le la les des du une un et est que qui pour dans pas sur au aux avec ce cette "
        "sont il elle ils nous vous mais ou été",
        "de": "der das und ist nicht ein eine dem den des mit sich auch auf für von zu im "
        "wird sind wie oder aber nach bei einen einem einer eines kein keine keinen keiner "
        "wurde wurden werden worden haben hatte hatten sein seine ihre ihrer dass noch nur "
        "über durch gegen ohne unter zwischen schon sehr wenn weil diese dieser dieses "
        "zum zur vom beim ich sie wir uns euch ihm ihn neue neuen neues kann können muss "
        "müssen soll sollen jetzt heute gibt",
        "it": "il lo la gli le del della che è di un una con non sono più anche questo nel alla",
        "pt": "o os da dos das em uma que é não com para por mais foi são ao pelo pela também está",
        "nl": "de het een en dat niet zijn voor op ook er maar bij naar wordt hij zij deze om",
        "ca": "el la les del dels que és amb una un més però també",
        "ro": "și în este cu pe la un o sunt mai pentru nu fost ca această acest",
        "pl": "w nie na się z że jest jak od po tak dla przez są już",
        "cs": "v se na je že s z jako od po tak jsou",
        "sv": "och att det som en är på för med av inte har jag de om ett",
        "da": "og det som en er på med af ikke til har jeg de om et",
        "nb": "og det som en er på med av ikke til har jeg de om et",
        "id": "yang dan di ini itu dengan untuk dari tidak dalam akan ke pada juga adalah bisa ada",
        "ms": "yang dan di ini itu dengan untuk dari tidak dalam akan ke pada juga adalah "
        "telah kepada",
        "tr": "ve bir bu da de için ile çok daha gibi olan ne var ama en",
        "hu": "az és hogy nem egy meg de csak már még ez",
        "fi": "ja ei se että oli ovat mutta kun myös joka tai ole",
    }.items()
}
_ENGLISH_FUNCTION_WORDS = _words(
    "the of and to in is that for it with as was on be by are this at from have has not but "
    "or an they which you he she we his her their its were been will would there what all"
)
_LETTER = re.compile(r"[^\W\d_]")
_LOWER_WORD = re.compile(r"[^\W\d_]+")


def reads_as_english(text: str, language: str | None) -> bool:
    """Whether ``text``, whose guessed language is ``language``, may be read by a model of
    English: it is guessed English, or too short for the guess alone to decide and not plainly
    written in another language (:func:`plainly_not_english`)."""
    if language == "en":
        return True
    sample = text[:SAMPLE_CHARS].strip()
    if language is None:  # too short to guess: only its script can tell
        return not plainly_not_english(sample, None)
    return len(sample) < DECIDING_CHARS and not plainly_not_english(sample, language)


def undecided_language(text: str, language: str | None) -> bool:
    """Whether ``text`` was guessed to be in another language but is too short for that guess
    to count, and is read as English (:func:`reads_as_english`)."""
    return language not in (None, "en") and reads_as_english(text, language)


def language_named(language: str | None) -> str:
    """The language a text reads as, as a note names it: its English name and its code
    ("French ('fr')"; the code alone where CLDR has no name for it), or its script when the text
    was too short to guess (:func:`guess_language` gives None)."""
    if not language:
        return "another script than the Latin one"
    name = _english_name(language)
    return f"{name} ('{language}')" if name else f"'{language}'"


@lru_cache(maxsize=256)
def _english_name(code: str) -> str | None:
    """CLDR's English name of a language code (Babel), or None for a code it does not know.
    Babel is imported here, not with the module: only a note about another language needs it,
    and the fast path's start-up should not pay its 10 ms."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).english_name
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def undecided_language_note(language: str | None) -> str:
    """The note of a text read as English although guessed otherwise (:func:`undecided_language`)."""
    return (
        f"Read as English: the text is too short (under {DECIDING_CHARS} characters) for its "
        f"language guess ({language_named(language)}) to decide, and neither its script nor its "
        "function words say it is written in another language."
    )


def plainly_not_english(text: str, language: str | None) -> bool:
    """Whether a short text is written in another language than English for all to see: its
    letters are mostly of another script than the Latin one, or it has at least
    :data:`FUNCTION_WORDS` of the guessed ``language``'s commonest function words and more of
    them than of English's."""
    letters = _LETTER.findall(text)
    if letters and 2 * sum(not _latin(c) for c in letters) > len(letters):
        return True
    words = _FUNCTION_WORDS.get(language or "")
    if words is None:
        return False
    lowered = [w.lower() for w in _LOWER_WORD.findall(text)]
    theirs = sum(w in words for w in lowered)
    return theirs >= FUNCTION_WORDS and theirs > sum(w in _ENGLISH_FUNCTION_WORDS for w in lowered)


def _latin(letter: str) -> bool:
    return letter < "\u0250" or "\u1e00" <= letter <= "\u1eff"  # Latin, with its extensions


def guess_language(text: str, min_chars: int = 20) -> str | None:
    """ISO 639-1 code of the most likely language, or None when the text is too short."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < min_chars:
        return None
    code, _ = language_identifier().classify(sample)
    return code
