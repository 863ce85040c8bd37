"""Training the deep path's reliability artefact (``veracity train reliability --deep``): the
linear model of the shipped configuration, then, when :data:`veracity.models.deep.HEAD_CONFIG`
names one, the MiniLM lead-embedding head of :mod:`veracity.models.deep` on the same rows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from veracity.artefacts import Card
from veracity.models.deep import HEAD_CHUNKS, HEAD_CONFIG, HEAD_FILE, HeadScorer

if TYPE_CHECKING:
    from veracity.models.embedding_head import EmbeddingHead

HEAD_VERSION_SUFFIX = "minilm-head"


def train_reliability_deep(
    data_dir: Path | None = None, out_dir: Path | None = None, depth: str = "deep"
) -> Card:
    """Rebuild the deep artefact: the linear model (``train_reliability(depth="deep")``), then
    the embedding head, when one ships, fitted on the same rows against its out-of-corpus
    scores. ``depth`` is the registry's variant argument and must be ``"deep"``."""
    if depth != "deep":
        raise ValueError("the embedding head belongs to the deep path")
    import logging

    from veracity.models.artefact import MODEL_FILE, SPECS, artefact_dir
    from veracity.models.config import TRAIN_CAP_PER_CORPUS
    from veracity.models.embedding_head import EmbeddingHead
    from veracity.models.lead_embedding import lead_embeddings
    from veracity.models.loco import FOLDS, capped_rows, load_loco_table
    from veracity.models.train import SEED, train_reliability

    log = logging.getLogger(__name__)
    spec = SPECS["deep"]
    folder = artefact_dir(out_dir, "deep")
    (folder / HEAD_FILE).unlink(missing_ok=True)  # a head of an earlier build must not linger
    card = train_reliability(data_dir, folder, depth="deep")
    if HEAD_CONFIG is None:
        return card
    model = spec.load_file(MODEL_FILE, folder)
    table = load_loco_table(data_dir)
    rows = capped_rows(table, table.rows(list(FOLDS)), TRAIN_CAP_PER_CORPUS, SEED)
    log.info("embedding the openings of %d training articles", len(rows))
    vectors = lead_embeddings([table.texts[i] for i in rows], HEAD_CHUNKS)
    head = EmbeddingHead(**HEAD_CONFIG).fit(
        vectors, table.y[rows], table.fold[rows], model.out_of_fold_
    )
    return attach_head(card, head, HEAD_CONFIG, folder)


def attach_head(card: Card, head: EmbeddingHead, config: dict[str, Any], folder: Path) -> Card:
    """Save ``head`` beside the linear model of the deep artefact in ``folder`` (its card,
    ``card``), with a card that names it and a model version of its own."""
    from veracity.models.artefact import SPECS

    spec = SPECS["deep"]
    scorer = HeadScorer.from_head(head)
    fields = (card.model_extra or {}) | {
        "text_features": card["text_features"]
        + "; stacked with a MiniLM lead-embedding head (first 126 word pieces)",
        "embedding_head": {
            **config,
            "chunks": HEAD_CHUNKS,
            "stacker": {
                "embedding_weight": scorer.stack_embedding,
                "linear_weight": scorer.stack_linear,
                "intercept": scorer.stack_intercept,
            },
        },
    }
    # a model with a head is another model than the linear one alone, trained on the same data
    # the same day: its version must say so (reports and stored analyses carry it)
    version = f"{card['model_version']}.{HEAD_VERSION_SUFFIX}"
    fields["model_version"] = version
    summary = card.summary.replace(card["model_version"], version, 1)
    summary += "; stacked with a MiniLM lead-embedding head"
    common = {k: getattr(card, k) for k in ("metrics", "created", "veracity_version")}
    new_card = spec.new_card(**fields, **common, summary=summary)
    return spec.save(new_card, folder, objects={HEAD_FILE: head})


__all__ = ["attach_head", "train_reliability_deep"]
