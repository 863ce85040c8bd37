"""Character 3-5-grams, hashed, as the reliability text model's input (leave-one-corpus-out).

Character n-grams were never measured on LOCO: a character vocabulary took 11.5 minutes to fit.
Here they are hashed (``HashingVectorizer``, ``char_wb`` 3-5-grams, 2^20 columns, no vocabulary
fit), their IDF fitted per fold on the training rows (sublinear TF, l2-normalised, as the word
TF-IDF), and read by the shipped configuration (``model_config("fast")``) beside the word
1-2-grams or instead of them. The shipped configuration and the plain TF-IDF+LR baseline are
scored in the same run, on the same folds, with the fold features and the caching of
``bench/reliability_invariant.py`` (each fold's word vocabulary fitted on its training rows).
The run also times what each text input costs the fast path per article (a batch of held-out
articles in one call, one process).

Usage: ``timeout 60m .venv/bin/python bench/reliability_chars.py --cache DIR
--write`` (about 30 minutes from a cold cache); ``--folds A B`` only fills the cache for those
folds (a later run without ``--folds`` reads it); ``--render`` rewrites the section from the
saved run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _loco import (  # noqa: E402  (bench/ on the path first)
    BASELINE,
    LocoRun,
    LocoSetup,
    baseline_system,
    cached_fold,
    code_digest,
    fold_features,
    fold_probabilities,
    fold_rows,
    saved_run,
    setting_arguments,
    setting_system,
    shipped_tables,
    show_section,
)

DEFAULT_CACHE = Path("/tmp/loco-chars-cache")
START = "<!-- reliability-chars:start -->"
END = "<!-- reliability-chars:end -->"
COMMAND = "timeout 60m .venv/bin/python bench/reliability_chars.py --write"
HASH_FEATURES = 2**20
COST_ARTICLES = 1000
# The speed target for the fast path, articles per CPU-second all in
# (bench/throughput.py): an input that adds more than SPEED_SLACK of that per-article budget
# does not keep it.
TARGET_RATE = (282, 291)
SPEED_SLACK = 0.01
log = logging.getLogger("reliability_chars")

# name -> (label, text input)
SETTINGS: dict[str, tuple[str, str]] = {
    "shipped": ("shipped fast configuration (word 1-2-grams)", "words"),
    "words+chars": ("word 1-2-grams + hashed character 3-5-grams", "words+chars"),
    "chars": ("hashed character 3-5-grams instead of word n-grams", "chars"),
}


class InputCost(BaseModel):
    """CPU milliseconds per article that one text input costs, vectorising a batch."""

    name: str
    ms_per_article: float


class CharsRun(LocoRun):
    """Every setting beside the shipped configuration, TF-IDF+LR and the majority class."""

    costs: list[InputCost]
    stage_ms_per_article: float  # the shipped reliability stage, from its artefact's card


def hasher() -> Any:
    """Character 3-5-grams within word boundaries, hashed: no vocabulary to fit."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        n_features=HASH_FEATURES,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )


def hashed_counts(table: Any, cache: Path) -> Any:
    """The hashed character n-gram counts of every model text of the table (cached)."""
    from scipy import sparse

    digest = hashlib.sha256(str(HASH_FEATURES).encode())
    for text in table.texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
    path = cache / f"hashed-{digest.hexdigest()[:12]}.npz"
    if path.is_file():
        return sparse.load_npz(path).tocsr()
    started = time.process_time()
    counts = hasher().transform(table.texts).tocsr()
    log.info("hashed %d texts in %.0f CPU s", len(table.texts), time.process_time() - started)
    partial = path.with_suffix(".partial.npz")  # renamed when whole: another process may wait
    sparse.save_npz(partial, counts)
    partial.replace(path)
    return counts


def chars_system(name: str, cache: Path, counts: Any) -> Any:
    """The shipped configuration reading hashed character n-grams (with or without words)."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    from veracity.models.config import model_config

    config = model_config("fast")
    text_input = SETTINGS[name][1]
    tag = hashlib.sha256(json.dumps([config, text_input, code_digest()]).encode())

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train, fold = fold_rows(table, train, test)
        path = cache / f"pred-{name}-{fold}-{tag.hexdigest()[:12]}.pkl"

        def fit() -> np.ndarray:
            vectoriser, word_train, word_test = fold_features(table, fold, train, test, cache)
            idf = TfidfTransformer(sublinear_tf=True).fit(counts[train])
            char_train = idf.transform(counts[train]).astype(np.float32)
            char_test = idf.transform(counts[test]).astype(np.float32)
            if text_input == "chars":
                train_matrix, test_matrix = char_train, char_test
            else:
                train_matrix = sparse.hstack([word_train, char_train], format="csr")
                test_matrix = sparse.hstack([word_test, char_test], format="csr")
            _, p = fold_probabilities(
                config, vectoriser, table, (train, test), (train_matrix, test_matrix)
            )
            return p

        return cached_fold(path, f"{name} on {fold}", log, fit)

    return system


def input_costs(table: Any, cache: Path, counts: Any) -> list[InputCost]:
    """CPU ms per article of the word TF-IDF (one fold's vocabulary) and of the hashed
    character n-grams with their IDF, :data:`COST_ARTICLES` held-out articles vectorised in one
    call (as a batch is scored: no per-call overhead), best of three."""
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfTransformer

    from veracity.models.config import TRAIN_CAP_PER_CORPUS
    from veracity.models.features import TEXT_COLUMN
    from veracity.models.loco import FOLDS, capped_rows

    fold = next(iter(FOLDS))
    train = capped_rows(table, table.rows([f for f in FOLDS if f != fold]), TRAIN_CAP_PER_CORPUS)
    test = table.rows([fold])
    vectoriser = fold_features(table, fold, train, test, cache)[0]
    hashing = hasher()
    idf = TfidfTransformer(sublinear_tf=True).fit(counts[train])
    sample = [table.texts[i] for i in test[:: max(len(test) // COST_ARTICLES, 1)]]
    inputs = {
        "words": lambda texts: vectoriser.transform(pd.DataFrame({TEXT_COLUMN: texts})),
        "chars": lambda texts: idf.transform(hashing.transform(texts)),
    }
    costs = []
    for name, vectorise in inputs.items():
        spent = []
        for _ in range(3):
            started = time.process_time()
            vectorise(sample)
            spent.append(time.process_time() - started)
        ms = 1000 * min(spent) / len(sample)
        costs.append(InputCost(name=name, ms_per_article=round(ms, 3)))
    return costs


def run(cache: Path, folds: list[str] | None) -> CharsRun | None:
    from veracity.models.artefact import load_artefact
    from veracity.models.loco import run_loco

    loco = LocoSetup(cache)
    table = loco.table
    counts = hashed_counts(table, cache)
    names = list(SETTINGS)
    systems = {"shipped": setting_system("shipped", cache, {})}
    systems.update({name: chars_system(name, cache, counts) for name in names[1:]})
    if folds:
        systems[BASELINE] = baseline_system(cache)
        run_loco(table, systems, folds=folds, abstain_systems=names)
        return None
    labels = {name: label for name, (label, _) in SETTINGS.items()}
    options = {name: {"text_input": text_input} for name, (_, text_input) in SETTINGS.items()}
    return CharsRun(
        **loco.scored(systems, labels, options),
        costs=input_costs(table, cache, counts),
        stage_ms_per_article=load_artefact().card.model_dump()["scoring_cost"]["ms_per_article"],
    )


def section(result: CharsRun) -> str:
    """The section of docs/benchmarks.md."""
    shipped = next(row for row in result.rows if row.name == "shipped")
    costs = {cost.name: cost.ms_per_article for cost in result.costs}
    lines = [
        START,
        "### Reliability across corpora: hashed character n-grams (leave-one-corpus-out)",
        "",
        f"Generated by `{COMMAND}` ({result.seconds:.0f} s for this run on the shared 2-core "
        "machine, one process; fold features and scores are cached per fold). "
        "Folds, training rows (3,000 a corpus at most), abstentions (counted as errors) and "
        "the 0.5 cut are those of the LOCO matrix above; each fold's word TF-IDF vocabulary is "
        "fitted on its training rows only; the shipped configuration and TF-IDF+LR are "
        "refitted in this run. Character n-grams: `char_wb` 3-5-grams of the model text, "
        f"hashed into {HASH_FEATURES:,} columns (no vocabulary fit), their IDF fitted per fold "
        "on the training rows, sublinear TF, l2-normalised; read by the shipped configuration "
        "(the same text logistic regression, C=2.0, and the same combiner and calibration) "
        "beside the word 1-2-grams or instead of them.",
        "",
    ]
    lines += shipped_tables(result, lambda row: row.name not in ("shipped", BASELINE, "majority"))
    winners = [
        row
        for row in result.rows
        if row.name in ("words+chars", "chars")
        and row.mean_macro_f1 > shipped.mean_macro_f1
        and row.worst_macro_f1 > shipped.worst_macro_f1
    ]
    budget = [1000 / rate for rate in TARGET_RATE]  # ms per article all in, at the target
    verdicts = []
    for row in winners:
        added = added_ms(row.name, costs)
        kept = added <= SPEED_SLACK * min(budget)
        verdicts.append(
            f"{row.label} ({row.mean_macro_f1 - shipped.mean_macro_f1:+.3f} / "
            f"{row.worst_macro_f1 - shipped.worst_macro_f1:+.3f}) adds {added:.2f} ms per "
            f"article to the fast path, {added / budget[0]:.0%} of the {budget[1]:.2f}-"
            f"{budget[0]:.2f} ms an article costs all in at the speed target "
            f"({TARGET_RATE[0]}-{TARGET_RATE[1]} articles per CPU-second, bench/throughput.py)"
            + (
                ": it keeps the target."
                if kept
                else ": it misses the target, so it is not shipped."
            )
        )
    lines += [
        "",
        "Fast-path cost of each text input, CPU ms per article (one process, "
        f"{COST_ARTICLES:,} held-out articles vectorised in one call, best of three): word "
        "1-2-grams "
        f"{costs['words']:.2f}, hashed character 3-5-grams with their IDF {costs['chars']:.2f}. "
        "The shipped reliability stage (strip, style features, vectorise, score) costs "
        f"{result.stage_ms_per_article:.2f} ms per article (its artefact's card): reading the "
        f"character n-grams beside the words would add {costs['chars']:.2f} ms to it "
        f"({costs['chars'] / result.stage_ms_per_article:.1f}x the stage).",
        "",
        (
            "Above the shipped configuration on both the mean and the worst fold: "
            + " ".join(verdicts)
            + (
                ""
                if any(v.endswith("keeps the target.") for v in verdicts)
                else " `use_chars` stays off in `model_config`."
            )
            if winners
            else "No character setting is above the shipped configuration on both the mean and "
            "the worst fold: none is shipped (`use_chars` stays off in `model_config`)."
        ),
        END,
    ]
    return "\n".join(lines)


def added_ms(name: str, costs: dict[str, float]) -> float:
    """What a setting's text input adds to the fast path per article: the character n-grams,
    less the word n-grams where they replace them."""
    return costs["chars"] - (costs["words"] if SETTINGS[name][1] == "chars" else 0.0)


def main() -> None:
    parser = setting_arguments(__doc__, DEFAULT_CACHE)
    parser.add_argument("--folds", nargs="*", default=None, help="only fill the cache for these")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    result = saved_run(
        args.cache / "chars.json", CharsRun, args.render, lambda: run(args.cache, args.folds)
    )
    if result is not None:  # None: only some folds' cache filled
        show_section(section(result), args.write, START, END)


if __name__ == "__main__":
    main()
