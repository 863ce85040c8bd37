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


# The shortest text whose guess may keep it from the models that read English only (claims):
# on shorter ones the guess is often wrong ("Obama was born in Kenya." reads as Hausa,
# "Vaccines cause autism." as French).
DECIDING_CHARS = 200


def reads_as_english(text: str, language: str | None) -> bool:
    """Whether ``text``, whose guessed language is ``language``, may be read by a model of
    English: it is guessed English, or too short for the guess to decide."""
    return language in (None, "en") or len(text[:SAMPLE_CHARS].strip()) < DECIDING_CHARS


def guess_language(text: str, min_chars: int = 20) -> str | None:
    """ISO 639-1 code of the most likely language, or None when the text is too short."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < min_chars:
        return None
    code, _ = language_identifier().classify(sample)
    return code
