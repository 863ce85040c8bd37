"""Propaganda spans: other ways to mix and decode the shipped taggers' token probabilities,
chosen on the dev articles beside the shipped decoding; nothing here ships unless its
out-of-fold dev gain reaches the noise bar.

Usage: ``nice -n 10 python bench/propaganda_decoding.py [--out FILE] [--write]`` (a few
minutes on the shared 2-core machine once the dev articles' MiniLM states are cached by
``veracity.propaganda.train.encode_articles``).

The shipped spans mix each token's probability linearly (the CRF's marginal and the two MiniLM
taggers'), keep runs at or over the threshold that hold a token at or over the peak, and trim
each run's ends (the edge). Already measured and not kept (docs/benchmarks.md, "Propaganda
techniques" and its sub-sections): other shares, thresholds, peaks and edges, separate edges
for start and end, splitting runs at a dip, a rescorer over each run, a sentence classifier,
repetition, a third tagger. Tried here, each on the same dev probabilities (the CRF fit on the
train articles, the float16 taggers in numpy as shipped):

* logit: the members mixed in log-odds (a confident member counts for more than a linear mean
  gives it), shares, threshold, peak and edge on a grid;
* bridge: two runs of one line joined across a gap of at most ``gap`` tokens under the
  threshold when every gap token reaches ``floor`` (PTC spans hold commas and function words
  the taggers are unsure of), at the shipped mix, threshold, peak and edge;
* single: a span of one token kept only when its probability reaches ``floor``;
* smooth: each token's probability mixed with its neighbours' mean at a share, threshold and
  peak on a grid (edge kept).

Each family's choice is made among the settings that flag no more spans per 1,000 wire-dev
words than the shipped decoding (so no more false alarms on neutral news) and cross-validated
over 5 article-grouped folds of dev (5 shuffles): each fold's spans come from the setting that
scores best on the other four. The held-out articles are not read. ``--write`` replaces the
"Propaganda spans: other mixes and decodings" section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from _si_dev import Line, Scores, Spans, shipped_dev  # bench/_si_dev.py
from _templates import render  # bench/_templates.py

START = "<!-- propaganda-decoding:start -->"
END = "<!-- propaganda-decoding:end -->"
COMMAND = "nice -n 10 python bench/propaganda_decoding.py --write"
FOLDS, SHUFFLES = 5, 5
NOISE = 0.01  # a dev gain under this is within noise on 49 articles
log = logging.getLogger("propaganda_decoding")


class Family(BaseModel):
    """A family of decodings: its settings' count, the one chosen on all dev, the
    cross-validation."""

    settings: int
    within_bound: int
    chosen: str
    dev: Scores
    wire_dev_rate: float
    cv_f1: list[float]
    cv_gain_mean: float


class DecodingResult(BaseModel):
    seconds: float
    dev_articles: int
    shipped_setting: str
    shipped: Scores
    shipped_wire_dev_rate: float
    families: dict[str, Family]
    best_cv_gain: float


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def bridged(p: np.ndarray, threshold: float, gap: int, floor: float) -> np.ndarray:
    """``p`` with each gap of at most ``gap`` tokens under ``threshold`` between two tokens at
    or over it raised to ``threshold`` when every gap token reaches ``floor``."""
    out = p.copy()
    over = np.flatnonzero(p >= threshold)
    for a, b in itertools.pairwise(over):
        if 1 < b - a <= gap + 1 and float(np.min(p[a + 1 : b])) >= floor:
            out[a + 1 : b] = threshold
    return out


def smoothed(p: np.ndarray, share: float) -> np.ndarray:
    """Each token's probability mixed with its neighbours' mean at ``share``."""
    if len(p) < 2:
        return p
    left = np.concatenate([p[:1], p[:-1]])
    right = np.concatenate([p[1:], p[-1:]])
    return (1 - share) * p + share * (left + right) / 2


def folds_of(ids: Sequence[str], seed: int) -> list[list[str]]:
    order = np.random.default_rng(seed).permutation(sorted(ids))
    return [[str(a) for a in order[k::FOLDS]] for k in range(FOLDS)]


def run(data_dir: Path) -> DecodingResult:
    from veracity.propaganda.model import token_runs
    from veracity.propaganda.scoring import ArticleSums

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.monotonic()
    dev, scorer, read = shipped_dev(data_dir)
    ids = list(scorer.ids)
    weight, threshold, peak, edge, shares = (
        read.weight, read.threshold, read.peak, read.edge, read.shares
    )  # fmt: skip
    dev_text, dev_tokens, dev_lines = read.dev_text, read.dev_tokens, read.dev_lines
    wire_text, wire_tokens, wire_lines_of = read.wire_text, read.wire_tokens, read.wire_lines
    words = read.wire_words
    log.info("dev and wire-dev read; %.0f s", time.monotonic() - started)

    # a decoding: a line's (crf, members) -> token probabilities, then threshold, peak, edge
    Decoding = tuple[Callable[[Line], np.ndarray], float, float, float | None]

    def linear(w: Sequence[float]) -> Callable[[Line], np.ndarray]:
        rest = 1.0 - sum(w)
        return lambda line: rest * line[0] + sum(s * q for s, q in zip(w, line[1], strict=True))

    def in_logits(w: Sequence[float]) -> Callable[[Line], np.ndarray]:
        rest = 1.0 - sum(w)

        def mixed(line: Line) -> np.ndarray:
            z = rest * logit(line[0]) + sum(s * logit(q) for s, q in zip(w, line[1], strict=True))
            return 1 / (1 + np.exp(-z))

        return mixed

    def decode(
        decoding: Decoding,
        texts: dict[str, str],
        tokens: dict[str, list],
        lines: dict[str, list[Line]],
        post: Callable[[list, np.ndarray, list], list] | None = None,
    ) -> Spans:
        probabilities, at, top, trim = decoding
        out: Spans = {}
        for k, rows in lines.items():
            found = []
            for toks, line in zip(tokens[k], rows, strict=True):
                p = probabilities(line)
                if not len(p) or float(np.max(p)) < at:
                    continue
                runs = token_runs(texts[k], toks, list(p), at, top, trim)
                if post is not None:
                    runs = post(toks, p, runs)
                found.extend((s, e) for s, e, _ in runs)
            out[k] = found
        return out

    def rate(spans: Spans) -> float:
        return 1000 * sum(len(v) for v in spans.values()) / max(words, 1)

    shipped_decoding: Decoding = (linear(shares), threshold, peak or threshold, edge)
    shipped_spans = decode(shipped_decoding, dev_text, dev_tokens, dev_lines)
    shipped = scorer.scores(scorer.stats(shipped_spans), shipped_spans)
    bound = rate(decode(shipped_decoding, wire_text, wire_tokens, wire_lines_of))
    log.info("shipped: dev %s, wire-dev %.2f", shipped, bound)

    def single_floor(floor: float) -> Callable[[list, np.ndarray, list], list]:
        def keep(toks: list, p: np.ndarray, runs: list) -> list:
            kept = []
            for s, e, mean in runs:
                inside = [i for i, t in enumerate(toks) if t.start >= s and t.end <= e]
                if len(inside) == 1 and mean < floor:
                    continue
                kept.append((s, e, mean))
            return kept

        return keep

    # each family: setting name -> (decoding, post-processing)
    Setting = tuple[Decoding, Callable[[list, np.ndarray, list], list] | None]
    families: dict[str, dict[str, Setting]] = {
        "logit": {},
        "bridge": {},
        "single": {},
        "smooth": {},
    }
    for w5, w2 in itertools.product([0.2, 0.3, 0.4], repeat=2):
        for at in [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]:
            for step in (0.1, 0.2):
                for trim in (0.5, 0.6, 0.7):
                    name = (
                        f"shares {w5}/{w2}, threshold {at}, peak {round(at + step, 2)}, edge {trim}"
                    )
                    families["logit"][name] = (
                        (in_logits((w5, w2)), at, round(at + step, 2), trim),
                        None,
                    )
    for gap, floor in itertools.product([1, 2, 3], [0.0, 0.1, 0.15, 0.2]):
        base = shipped_decoding[0]

        def fill(line: Line, gap: int = gap, floor: float = floor, base=base) -> np.ndarray:
            return bridged(base(line), threshold, gap, floor)

        families["bridge"][f"gap {gap}, floor {floor}"] = (
            (fill, threshold, peak or threshold, edge),
            None,
        )
    for floor in [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]:
        families["single"][f"floor {floor}"] = (shipped_decoding, single_floor(floor))
    for share in [0.1, 0.2, 0.3]:
        base = shipped_decoding[0]

        def smooth(line: Line, share: float = share, base=base) -> np.ndarray:
            return smoothed(base(line), share)

        for at in [0.2, 0.25, 0.3]:
            for step in (0.1, 0.2):
                families["smooth"][f"share {share}, threshold {at}, peak {round(at + step, 2)}"] = (
                    (smooth, at, round(at + step, 2), edge),
                    None,
                )

    result: dict[str, Family] = {}
    for family, settings in families.items():
        stats: dict[str, dict[str, ArticleSums]] = {}
        spans_by: dict[str, Spans] = {}
        rates: dict[str, float] = {}
        for name, (decoding, post) in settings.items():
            rates[name] = rate(decode(decoding, wire_text, wire_tokens, wire_lines_of, post))
            if rates[name] <= bound + 1e-9:
                spans_by[name] = decode(decoding, dev_text, dev_tokens, dev_lines, post)
                stats[name] = scorer.stats(spans_by[name])
        log.info("%s: %d of %d settings within the bound", family, len(stats), len(settings))
        if not stats:
            continue

        chosen = scorer.best(stats, ids)
        cv = [round(scorer.nested_f1(stats, folds_of(ids, seed)), 4) for seed in range(SHUFFLES)]
        result[family] = Family(
            settings=len(settings),
            within_bound=len(stats),
            chosen=chosen,
            dev=scorer.scores(stats[chosen], spans_by[chosen]),
            wire_dev_rate=round(rates[chosen], 2),
            cv_f1=cv,
            cv_gain_mean=round(float(np.mean(cv)) - shipped.f1, 4),
        )
        log.info("%s: %s", family, result[family])
    return DecodingResult(
        seconds=round(time.monotonic() - started, 1),
        dev_articles=len(dev),
        shipped_setting=(
            f"CRF {1 - weight:.2f}, taggers {' / '.join(f'{s:.2f}' for s in shares)}, "
            f"threshold {threshold}, peak {peak}, edge {edge}"
        ),
        shipped=shipped,
        shipped_wire_dev_rate=round(bound, 2),
        families=result,
        best_cv_gain=max(f.cv_gain_mean for f in result.values()),
    )


def section(result: DecodingResult) -> str:
    return render(
        "propaganda-decoding.md.j2", r=result, start=START, end=END, command=COMMAND, noise=NOISE
    )


if __name__ == "__main__":
    result_cli(__doc__.splitlines()[0], DecodingResult, run, section, START, END)
