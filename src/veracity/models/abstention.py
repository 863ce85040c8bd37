"""Which texts get no reliability score: the product's scope decision, one function that the
scoring entry point (:func:`veracity.models.score_reliability_batch`) and the
leave-one-corpus-out matrix (:mod:`veracity.models.loco`, each fold model on its held-out
corpus) both call, so the matrix abstains on the texts the product abstains on.

The tests themselves are :mod:`veracity.models.scope`'s: the text's own
(:func:`~veracity.models.scope.text_abstention`: language, length, a list, the genre check),
then the model's form distance, which reads a text it refuses once more with its joined
sentences spaced (:func:`~veracity.models.scope.form_style`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from veracity.models.scope import AbstentionReason, form_style
from veracity.models.style import STYLE_FEATURES


@dataclass(frozen=True)
class ScopeDecision:
    """Each text's reason for no score (None: scored), and the style rows the form distance
    read (a refused text's row read spaced, where it has joined sentences), which a note's
    far-out columns are read from."""

    reasons: list[AbstentionReason | None]
    form: np.ndarray


def scope_decision(
    texts: Sequence[str],
    style: np.ndarray,
    text_reasons: Sequence[AbstentionReason | None],
    out_of_scope: Callable[[np.ndarray], np.ndarray],
) -> ScopeDecision:
    """Which of ``texts`` get no score, and why.

    ``style``: their rows of :func:`~veracity.models.style.style_matrix` over their model texts
    (no columns: the model reads no style, and no form distance is read); ``text_reasons``: each
    text's :func:`~veracity.models.scope.text_abstention`; ``out_of_scope``: the model's form
    test over style rows (``LinearScorer.out_of_scope`` for the shipped model,
    ``CalibratedLinearModel.out_of_scope`` for a fold model). A text is out of scope by its form
    only when its row is outside and, for a text whose sentences are joined without a space
    after the stop, its spaced row is outside too.
    """
    if len(text_reasons) != len(texts) or len(style) != len(texts):
        raise ValueError("one style row and one text reason per text are needed")
    outside = np.asarray(out_of_scope(style), dtype=bool).copy()
    form = np.array(style, dtype=np.float64, copy=True)
    if form.ndim == 2 and form.shape[1] == len(STYLE_FEATURES):
        for far_out in np.flatnonzero(outside).tolist():
            # the few texts out of form: sentences joined without a space are read again, spaced
            spaced = form_style(texts[far_out])
            if spaced is not None:
                form[far_out] = spaced
                outside[far_out] = bool(out_of_scope(form[far_out : far_out + 1])[0])
    reasons: list[AbstentionReason | None] = [
        reason or ("out_of_scope" if out else None)
        for reason, out in zip(text_reasons, outside.tolist(), strict=True)
    ]
    return ScopeDecision(reasons, form)


__all__ = ["ScopeDecision", "scope_decision"]
