"""Why every passage reads relevance 1.00, and a calibrated relevance measured out of fold, on
development claims only (issue 16, stop 45).

Probe s44: over ten ReCOVery hydroxychloroquine pages every passage `veracity verify` listed for
"Hydroxychloroquine cures COVID-19." showed relevance 1.00. A passage's relevance is one minus
the evidence-stance head's "unrelated" probability (``verdict.bounded_stance``), bounded by its
document's reading and its MiniLM cosine with the claim. This bench reads that figure on the
passages retrieval finds for development claims and sets beside it a logistic regression fitted
to say whether a passage is an evidence passage (a gold SUPPORTS / REFUTES sentence of the claim)
from what the verdict already has for any passage: the head's four log-probabilities, the
claim-passage cosine and the share of the claim's content words in the passage. Folds by claim
(5), so each passage's calibrated figure comes from a model fitted on other claims.

Data: CLIMATE-FEVER's train + validation claims with SUPPORTS / REFUTES evidence against the
index of bench/retrieval_titles.py (one titled page per Wikipedia article, index version 4), the
first 10 passages ``EvidenceIndex.search`` returns for each claim. No held-out claim is read.

Figures for each relevance: AUC of telling evidence passages from the others, ECE (10 equal-width
bins) and Brier score as a probability of being evidence, the share of passages at 0.99 or more,
and the spread among one claim's passages (mean of each claim's max - min).

Usage: ``.venv/bin/python bench/relevance_calibration.py > results.json`` (heavy queue). Stop 46
ships this calibration (``veracity train relevance``, ``veracity.verify.train_relevance``: the same
features and data, folds by ``relevance.claim_fold``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

from retrieval_options import climate_fever_set  # bench/retrieval_options.py

READ = 10
FOLDS = 5


def figures(p: np.ndarray, y: np.ndarray, groups: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import brier_score_loss, roc_auc_score

    from veracity.verify.train_relevance import expected_calibration_error as ece

    spreads = [p[groups == g].max() - p[groups == g].min() for g in np.unique(groups)]
    return {
        "auc": round(float(roc_auc_score(y, p)), 4),
        "ece": round(ece(p, y), 4),
        "brier": round(float(brier_score_loss(y, p)), 4),
        "share at 0.99 or more": round(float((p >= 0.99).mean()), 4),
        "mean spread within a claim": round(float(np.mean(spreads)), 4),
    }


def climate_fever(data_dir: Path) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from veracity.embeddings import embed
    from veracity.verify.cues import _coverage, content_words
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.index import EvidenceIndex
    from veracity.verify.stance import STANCE_LABELS

    documents, queries = climate_fever_set(data_dir)
    index = EvidenceIndex.build([(article, text, article) for article, text in documents])
    claims, texts, labels, groups = [], [], [], []
    for number, (query, gold) in enumerate(queries):
        for hit in index.search(query, k=READ):
            claims.append(query)
            texts.append(hit.passage.text)
            labels.append(any(s in hit.passage.text for s in gold))
            groups.append(number)
    y = np.array(labels, dtype=float)
    g = np.array(groups)
    proba = load_evidence_stance_model().predict_proba(claims, texts)
    shipped = 1.0 - proba[:, STANCE_LABELS.index("unrelated")]
    vectors = {
        t: v
        for t, v in zip(
            sorted(set(claims) | set(texts)), embed(sorted(set(claims) | set(texts))), strict=True
        )
    }
    cosine = np.array(
        [float(np.dot(vectors[c], vectors[t])) for c, t in zip(claims, texts, strict=True)]
    )
    coverage = np.array(
        [_coverage(content_words(c), t) for c, t in zip(claims, texts, strict=True)]
    )
    features = np.column_stack([np.log(np.clip(proba, 1e-6, 1.0)), cosine, coverage])
    calibrated = np.zeros(len(y))
    for train, test in GroupKFold(FOLDS).split(features, y, g):
        model = LogisticRegression(C=1.0, max_iter=1000).fit(features[train], y[train])
        calibrated[test] = model.predict_proba(features[test])[:, 1]
    return {
        "claims": len(queries),
        "passages": len(y),
        "evidence passages": int(y.sum()),
        "shipped relevance (1 - head's unrelated)": figures(shipped, y, g),
        "shipped relevance on evidence passages: mean": round(float(shipped[y == 1].mean()), 4),
        "shipped relevance on other passages: mean": round(float(shipped[y == 0].mean()), 4),
        "cosine alone (as a score)": {"auc": figures(np.clip(cosine, 0, 1), y, g)["auc"]},
        "calibrated (logistic, out of fold by claim)": figures(calibrated, y, g),
    }


def main(argv: list[str] | None = None) -> int:
    from _verdict_dev import parts_cli  # bench/_verdict_dev.py

    return parts_cli({"climate_fever": climate_fever}, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
