"""Readability grades and sentence-length spread, leave-one-corpus-out (issue 15).

Horne & Adali (2017) separate fake from real news by, among others, readability grades
(Flesch-Kincaid, SMOG, computed from syllable counts) and by how sentence lengths vary; the
shipped style features (:mod:`veracity.models.style`) hold the mean word length, words per
sentence, the share of words of 7 letters or more and the type-token ratio of the first 300
words, but no syllable count and no spread. Measured here on the folds of
``bench/reliability_report.py --per-fold-vocabulary``, against the shipped configuration
(``model_config("fast")``) and TF-IDF+LR refitted in the same run, each column read by the
shipped combiner beside the signal counts with a free sign, standardised on the fold's
training rows:

- ``grades``: the Flesch-Kincaid grade (0.39 words per sentence + 11.8 syllables per word -
  15.59) and the SMOG grade (1.043 sqrt(30 words of 3+ syllables per sentence) + 3.1291);
- ``grades_spread``: those, syllables per word, and the spread of the sentences' lengths (their
  standard deviation over their mean, in words).

Syllables are vowel groups (a, e, i, o, u, y) of the lower-cased text, one regular expression
over the whole text; sentences end at ". ", "! ", "? " or a line break, as the style features'
count. Rule, fixed before the run: a setting counts as better only if its LOCO mean rises above
the shipped configuration's (an equal mean is not), its worst fold does not fall below it and
no fold falls by more than 0.02; a fast-path feature must also cost at most 0.05 CPU ms per
1,000-word article or pay for itself. The bench and its section land whatever the outcome.

Usage: ``timeout 60m nice .venv/bin/python bench/reliability_readability.py --write``;
``--render`` rewrites the section from the saved run.
"""

from __future__ import annotations

import hashlib
import logging
import math
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
    standardised_columns,
    with_columns_system,
)

DEFAULT_CACHE = Path("/tmp/loco-readability-cache")
START = "<!-- reliability-readability:start -->"
END = "<!-- reliability-readability:end -->"
COMMAND = "timeout 60m nice .venv/bin/python bench/reliability_readability.py --write"
COLUMNS = ("fk_grade", "smog_grade", "syllables_per_word", "sentence_spread")
SETTINGS = {
    "grades": ("Flesch-Kincaid and SMOG grades", COLUMNS[:2]),
    "grades_spread": ("+ syllables per word, sentence-length spread", COLUMNS),
}
LABELS = {"shipped": "shipped fast configuration", **{k: v[0] for k, v in SETTINGS.items()}}
FOLD_DROP = 0.02
COST_LIMIT = 0.05  # CPU ms per 1,000-word article a fast-path feature may cost
log = logging.getLogger("reliability_readability")

_VOWELS = re.compile(r"[aeiouy]+")
_LETTERS = re.compile(r"[a-z]+")
# a word of three or more vowel groups (SMOG's polysyllables)
_POLY = re.compile(r"\b[a-z]*?(?:[aeiouy]+[^aeiouy\W\d_]+){2,}[aeiouy][a-z]*")
_SENTENCE_END = re.compile(r"[.!?] |\n")


class ReadabilityRun(LocoRun):
    ms_per_1000_words: float  # CPU ms for the four columns of a 1,000-word article


def readability(text: str) -> list[float]:
    """Flesch-Kincaid grade, SMOG grade, syllables per word and sentence-length spread."""
    lower = text.lower()
    words = len(_LETTERS.findall(lower))
    if not words:
        return [0.0, 0.0, 0.0, 0.0]
    syllables = max(len(_VOWELS.findall(lower)), words)
    poly = len(_POLY.findall(lower))
    lengths = [len(part.split()) for part in _SENTENCE_END.split(text)]
    lengths = [n for n in lengths if n]
    sentences = max(len(lengths), 1)
    mean = sum(lengths) / sentences if lengths else 0.0
    spread = math.sqrt(sum((n - mean) ** 2 for n in lengths) / sentences) / mean if mean else 0.0
    return [
        0.39 * words / sentences + 11.8 * syllables / words - 15.59,
        1.043 * math.sqrt(poly * 30.0 / sentences) + 3.1291,
        syllables / words,
        spread,
    ]


def run(cache: Path) -> ReadabilityRun:
    loco = LocoSetup(cache)
    values = np.array([readability(text) for text in loco.table.texts])
    # the cost on 1,000-word articles: each model text scaled to its word count
    clock = time.process_time()
    words = 0
    for text in loco.table.texts[:3000]:
        readability(text)
        words += len(text.split())
    cost = 1000.0 * (time.process_time() - clock) * 1000.0 / max(words, 1)
    tag = hashlib.sha256(values.tobytes()).hexdigest()[:12]
    systems: dict[str, Any] = {"shipped": setting_system("shipped", cache, {}, {})}
    for name, (_, columns) in SETTINGS.items():
        picked = [COLUMNS.index(c) for c in columns]
        standardised = standardised_columns(
            values[:, picked], [f"readability:{COLUMNS[j]}" for j in picked]
        )
        systems[name] = with_columns_system(name, standardised, cache, tag, log)
    return ReadabilityRun(**loco.scored(systems, LABELS), ms_per_1000_words=round(cost, 3))


def winners(result: ReadabilityRun, cost: bool = True) -> list[str]:
    """The settings that pass the rule fixed before the run, highest mean first (without
    ``cost``: its LOCO part only)."""
    if cost and result.ms_per_1000_words > COST_LIMIT:
        return []
    return passing(result, SETTINGS, FOLD_DROP)


def section(result: ReadabilityRun) -> str:
    """The section of docs/benchmarks.md."""
    lines = [
        START,
        "### Reliability across corpora: readability grades and sentence-length spread "
        "(leave-one-corpus-out)",
        "",
        f"Generated by `{COMMAND}` ({result.seconds:.0f} s on the shared 2-core machine). "
        "Horne & Adali (2017) read readability grades and the spread of sentence lengths; the "
        "style features hold mean word length, words per sentence, the share of long words "
        "and a type-token ratio, not these. Columns: the Flesch-Kincaid grade and the SMOG "
        "grade (syllables as vowel groups, one regular expression over the text), then "
        "syllables per word and the sentence lengths' standard deviation over their mean; "
        "each standardised on the fold's training rows and read by the shipped combiner "
        "beside the signal counts with a free sign. The four columns cost "
        f"{result.ms_per_1000_words:.3f} CPU ms per 1,000-word article (the budget for a "
        "fast-path feature: 0.05 ms, or it pays for itself). Folds, training rows, "
        "abstentions and the 0.5 cut are the LOCO matrix's; each fold's TF-IDF vocabulary is "
        "fitted on its training rows only; the shipped configuration and TF-IDF+LR are "
        "refitted in this run. Rule, fixed before the run: a setting is better only if its "
        "mean rises above the shipped configuration's, its worst fold does not fall below it "
        f"and no fold falls by more than {FOLD_DROP}.",
        "",
    ]
    lines += shipped_tables(result, lambda row: row.name in SETTINGS)
    on_loco = [LABELS[n] for n in winners(result, cost=False)]
    none = "No setting passes the rule fixed before the run: measured, not kept (the style "
    if on_loco and not winners(result):
        none = (
            "Passes the rule's LOCO part (highest mean first): "
            + ", ".join(on_loco)
            + f"; at {result.ms_per_1000_words:.3f} CPU ms per 1,000-word article against the "
            f"{COST_LIMIT} ms a fast-path feature may cost, no setting passes the rule fixed "
            "before the run: measured, not kept (the style "
        )
    lines += setting_outcome(
        result,
        lambda row: row.name in SETTINGS,
        [LABELS[n] for n in winners(result)],
        "Passes the rule fixed before the run (highest mean first; not wired by this bench): ",
        none + "features stay as they are).",
    )
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    setting_main(
        __doc__, DEFAULT_CACHE, "readability.json", ReadabilityRun, run, section, START, END
    )


if __name__ == "__main__":
    main()
