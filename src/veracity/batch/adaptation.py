"""The corpus-level step of ``veracity batch --adapt``, run once every chunk is done (fast path).

The fast model is refitted on its training corpora plus the batch's most confidently scored
articles as pseudo-labels, and rescores the rows it scored
(:func:`veracity.models.adaptation.adapt_to_batch`; the share is the one the fast model's card
holds, chosen at training time, never on the batch). It reads the input again (the texts are
not in the result rows) beside the finished rows; each rescored row's score, label and model
version go to ``<out>.parts/adaptation.jsonl``, written atomically, so a killed run redoes this
step whole or finds it done. :func:`merge_adaptation` joins it to the rows. Rows the shipped
model abstained on (too short, not English, out of scope) and error rows stay as they are.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veracity.batch.checkpoint import ChunkStore, write_atomically
from veracity.batch.readers import InputSpec, read_records
from veracity.errors import InputError, ModelError

if TYPE_CHECKING:
    from veracity.models.adaptation import FitRows

RESULT_NAME = "adaptation.jsonl"
# How far a scored row's score, recomputed here, may lie from the one its chunk wrote (both
# rounded to 4 decimals): further, and the rows were not scored as this step reads them.
SCORE_TOLERANCE = 2e-4


def result_path(parts: ChunkStore) -> Path:
    return parts.folder / RESULT_NAME


def adaptation_note(share: float) -> str:
    """The note an adapted row carries (its top signals are the shipped model's reasons)."""
    return (
        "Score adapted to this batch (veracity batch --adapt): the fast model refitted with "
        f"{100 * share:g}% of the batch's scored articles on each side of 0.5 as pseudo-labels; "
        "the top signals are the shipped model's reasons."
    )


def missing_corpora(data_dir: Path) -> list[str]:
    """The registered corpora (the training table reads them all, to keep every evaluation
    text out of training) whose folders ``data_dir`` lacks."""
    from veracity.data.registry import corpus_loaders

    return [c.name for c in corpus_loaders() if not (data_dir / c.folder).is_dir()]


def adaptation_share() -> float:
    """The share of pseudo-labels the fast model's card holds (:class:`ModelError` when the card
    holds none: a model trained before the choice)."""
    from veracity.models.adaptation import CARD_FIELD
    from veracity.models.artefact import SPECS, load_scorer

    choice = load_scorer(depth="fast").card.get(CARD_FIELD)
    rebuild = f"{SPECS['fast'].rebuild_command} --adaptation-only"
    if not isinstance(choice, dict) or "share" not in choice:
        raise ModelError(
            "--adapt: the fast reliability model's card holds no adaptation share; choose it "
            f"with: {rebuild}"
        )
    share = choice["share"]
    # A share is of each side's scored rows: from 0 (no pseudo-labels) to 1 (all of them). A
    # card edited by hand held Infinity (an internal OverflowError), NaN or a negative share
    # (no adaptation, silently, under --adapt), true or 5 (every row, "500%" in the notes).
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise ModelError(
            f"--adapt: the fast reliability model's card holds the adaptation share {share!r}, "
            f"not a number from 0 to 1; choose it again with: {rebuild}"
        )
    return float(share)


def check_adaptation(data_dir: Path) -> float:
    """Before any chunk: the corpora the refit reads are all in ``data_dir`` and the card holds
    its share (returned); else one error naming what is missing."""
    missing = missing_corpora(data_dir)
    if missing:
        raise InputError(
            f"--adapt refits the fast model on its training corpora and {len(missing)} of them "
            f"are not in {data_dir}: {', '.join(missing)} (set VERACITY_DATA_DIR to the folder "
            "that holds them)"
        )
    return adaptation_share()


def run_adaptation(spec: InputSpec, parts: ChunkStore, n_chunks: int, data_dir: Path) -> None:
    """Adapt the fast model to the batch and rescore its scored rows, unless an earlier run
    already wrote the result."""
    path = result_path(parts)
    if path.exists():
        return
    from veracity.batch.analysis import article_of
    from veracity.models import label_for
    from veracity.models.adaptation import adapt_to_batch
    from veracity.models.artefact import load_artefact
    from veracity.models.features import MAX_TEXT_CHARS
    from veracity.report.schema import SCORE_DECIMALS, SignalKind

    share = adaptation_share()
    indices: list[int] = []
    written: list[float] = []
    texts: list[str] = []
    titles: list[str | None] = []
    signal_rows: list[dict[str, float]] = []
    for record, row in zip(read_records(spec), parts.read_rows(n_chunks), strict=True):
        if row.get("error") or row.get("reliability_status") != "scored":
            continue
        article = article_of(record)
        indices.append(row["index"])
        written.append(row["score"])
        texts.append(article.text[:MAX_TEXT_CHARS])  # all the model reads
        titles.append(article.title)
        counts = row.get("signal_counts") or {}
        signal_rows.append(
            {f"signal:{kind.value}": math.log1p(counts.get(kind.value, 0)) for kind in SignalKind}
        )
    lines: list[dict[str, Any]] = []
    if indices and share > 0:
        artefact = load_artefact(depth="fast")
        _check_detectors(artefact.detectors)
        training = training_rows(data_dir, artefact.model.vectoriser_)
        adapted = adapt_to_batch(
            texts,
            titles,
            signal_rows,
            share=share,
            shipped=artefact.model,
            shipped_version=artefact.version,
            training=training,
        )
        _check_scores(indices, written, adapted.shipped_scores.tolist())
        for index, score in zip(indices, adapted.scores.tolist(), strict=True):
            shown = round(score, SCORE_DECIMALS)
            lines.append(
                {
                    "index": index,
                    "score": round(shown, 4),
                    "label": label_for(shown),
                    "model_version": adapted.model_version,
                }
            )
    write_atomically(
        path, (json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n" for line in lines)
    )


def training_rows(data_dir: Path, vectoriser: Any) -> FitRows:
    """The shipped model's training rows from the corpora in ``data_dir`` (the LOCO table,
    cached under the cache folder after its first build), read through ``vectoriser``."""
    from veracity.models.adaptation import shipped_training
    from veracity.models.loco import load_loco_table

    return shipped_training(load_loco_table(data_dir), vectoriser)


def _check_detectors(detectors: list[str]) -> None:
    """The rows' signal counts are every fast detector's: the model must read all of them."""
    from veracity.models.features import fast_detector_names

    if sorted(detectors) != fast_detector_names():
        raise ModelError(
            "--adapt: the fast reliability model reads the detectors "
            f"{', '.join(sorted(detectors))}, not the fast path's "
            f"{', '.join(fast_detector_names())}; retrain it with: veracity train reliability"
        )


def _check_scores(indices: list[int], written: list[float], recomputed: list[float]) -> None:
    worst = max(
        range(len(indices)), key=lambda i: abs(round(recomputed[i], 4) - written[i]), default=None
    )
    if worst is not None and abs(round(recomputed[worst], 4) - written[worst]) > SCORE_TOLERANCE:
        raise ModelError(
            f"--adapt: row {indices[worst]} was scored {written[worst]} and reads back as "
            f"{recomputed[worst]:.4f}: the chunks were not scored by this model; rerun with --fresh"
        )


def merge_adaptation(
    parts: ChunkStore, rows: Iterator[dict[str, Any]], share: float
) -> Iterator[dict[str, Any]]:
    """The rows with their adapted score, label and model version, and a note saying so."""
    note = adaptation_note(share)
    with result_path(parts).open("rb") as stream:
        results = (json.loads(line) for line in stream)
        pending = next(results, None)
        for row in rows:
            if pending is not None and pending["index"] == row["index"]:
                row["score"] = pending["score"]
                row["label"] = pending["label"]
                row["model_version"] = pending["model_version"]
                row["notes"] = [*(row.get("notes") or []), note]
                pending = next(results, None)
            yield row
