"""Text distortion: the text model reads function words and the shape of the rest, leave-one-corpus-out.

Stamatatos (2017, "Authorship attribution using text distortion") masks every word outside the
most frequent ones of a language, so that a text model learns how a text is written (its
function words, punctuation and the length of its other words) and not what it is about;
topic-agnostic features of this kind are reported to carry over between sites and topics in
fake-news detection (Castelo et al. 2019, "A topic-agnostic approach for identifying fake news
pages"). Masking capitalised words and numbers only was measured before and not kept
(docs/model-card.md, "What was tried"); masking every content word was not. Measured here on
the folds of ``bench/reliability_report.py --per-fold-vocabulary``, against the shipped
configuration (``model_config("fast")``) and TF-IDF+LR refitted in the same run:

- ``distorted_length``: the text model's word 1-2-grams read over the model text with every
  word that is not an English stop word (:data:`veracity.nlp.stopwords.ENGLISH_STOP_WORDS`,
  318 function words) replaced by a placeholder as long as the word (``xxxxx``) and every run
  of digits by ``0`` (Stamatatos's DV-MA, which keeps the words' lengths; his single-placeholder
  DV-SA, ``distort(text, by_length=False)``, was left out of the run for the machine's time).

Only the text model's input changes: the style features, the signal counts, the headline
columns, the combiner, the calibration and the form distance (abstentions) read the article as
shipped. Each fold's TF-IDF vocabulary is fitted on its training rows only.

Rule, fixed before the run: a setting counts as better only if its LOCO mean rises above the
shipped configuration's in this run (an equal mean is not) and its worst fold does not fall
below it; the bench and its section land whatever the outcome, and a setting that passes would
be wired in a later change (the text model's input and explanations), not here.

Usage: ``timeout 60m nice .venv/bin/python bench/reliability_distortion.py --write``;
``--render`` rewrites the section from the saved run.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _loco import (  # noqa: E402  (bench/ on the path first)
    LocoRun,
    LocoSetup,
    passing,
    setting_main,
    setting_outcome,
    setting_system,
    shipped_tables,
)

DEFAULT_CACHE = Path("/tmp/loco-distortion-cache")
START = "<!-- reliability-distortion:start -->"
END = "<!-- reliability-distortion:end -->"
COMMAND = "timeout 60m nice .venv/bin/python bench/reliability_distortion.py --write"
SETTINGS = {
    "distorted_length": "text model on function words, other words as their length (DV-MA)",
}
LABELS = {"shipped": "shipped fast configuration", **SETTINGS}
log = logging.getLogger("reliability_distortion")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DIGITS = re.compile(r"\d+")


class DistortionRun(LocoRun):
    ms_per_article: float  # CPU ms to distort one model text (DV-MA), the fast path's extra cost


def distort(text: str, by_length: bool) -> str:
    """``text`` with every word that is not an English stop word replaced by ``x`` (or by as
    many ``x`` as it has letters) and every run of digits by ``0``."""
    from veracity.nlp.stopwords import ENGLISH_STOP_WORDS

    def masked(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in ENGLISH_STOP_WORDS:
            return word
        return "x" * len(word) if by_length else "x"

    return _WORD.sub(masked, _DIGITS.sub("0", text))


def run(cache: Path) -> DistortionRun:
    loco = LocoSetup(cache)
    kept: dict[str, dict[str, int]] = {}
    systems: dict[str, Any] = {"shipped": setting_system("shipped", cache, kept, {})}
    cost = 0.0
    for name, by_length in (("distorted_length", True),):
        clock = time.process_time()
        texts = [distort(text, by_length) for text in loco.table.texts]
        if by_length:
            cost = 1000.0 * (time.process_time() - clock) / len(texts)
        distorted = dataclasses.replace(loco.table, texts=texts)
        inner = setting_system(name, cache, kept, {})

        def system(_: Any, train: np.ndarray, test: np.ndarray, inner=inner, distorted=distorted):
            return inner(distorted, train, test)

        systems[name] = system
    return DistortionRun(**loco.scored(systems, LABELS), ms_per_article=round(cost, 3))


def winners(result: DistortionRun) -> list[str]:
    """The settings above the shipped mean and not below its worst fold, highest mean first."""
    return passing(result, SETTINGS)


def section(result: DistortionRun) -> str:
    """The section of docs/benchmarks.md."""
    lines = [
        START,
        "### Reliability across corpora: text distortion, function words only "
        "(leave-one-corpus-out)",
        "",
        f"Generated by `{COMMAND}` ({result.seconds:.0f} s on the shared 2-core machine). "
        "Stamatatos's text distortion (2017) masks every word outside a language's most "
        "frequent ones, so that a text model reads how a text is written, not what it is "
        "about; topic-agnostic features of that kind are reported to carry over between sites "
        "(Castelo et al. 2019). Here the shipped text model's word 1-2-grams read the model "
        "text with every word that is not one of the 318 English stop words replaced by a "
        "placeholder as long as the word (DV-MA) and each run of digits by 0; style, signals, headline columns, combiner, calibration and abstentions "
        "read the article as shipped. Masking capitalised words and numbers only was measured "
        "before and not kept (model card). Distorting a model text costs "
        f"{result.ms_per_article:.3f} CPU ms per article. Folds, training rows, abstentions "
        "and the 0.5 cut are the LOCO matrix's; each fold's TF-IDF vocabulary is fitted on its "
        "training rows only; the shipped configuration and TF-IDF+LR are refitted in this run. "
        "Rule, fixed before the run: a setting is better only if its mean rises above the "
        "shipped configuration's and its worst fold does not fall below it.",
        "",
    ]
    lines += shipped_tables(result, lambda row: row.name in SETTINGS)
    lines += setting_outcome(
        result,
        lambda row: row.name in SETTINGS,
        [LABELS[n] for n in winners(result)],
        "Above the shipped configuration's mean and not below its worst fold (highest mean "
        "first; not wired by this bench): ",
        "No setting is above the shipped configuration's mean without falling below its worst "
        "fold: measured, not kept (the text model reads the words as written).",
    )
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    setting_main(__doc__, DEFAULT_CACHE, "distortion.json", DistortionRun, run, section, START, END)


if __name__ == "__main__":
    main()
