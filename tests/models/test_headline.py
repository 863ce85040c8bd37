"""Headline-body consistency: the columns, an untitled article's (absent) term, the scorer."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from veracity.models.estimator import CalibratedLinearModel
from veracity.models.features import feature_frame, model_text
from veracity.models.headline import (
    HEADLINE_COLUMNS,
    headline_gaps,
    headline_matrix,
    headline_parts,
    missing_words,
)
from veracity.models.inference import LinearScorer

BODY = (
    "The city council voted on Tuesday to close the old bridge for repairs, the mayor said. "
    "Work will start in March and last about 14 weeks, according to the council's plan."
)


def test_gaps_count_the_headline_words_the_lead_and_the_body_lack() -> None:
    # content words: council, closes, bridge, arrests, mayor ("closes" ~ "close", "council's")
    lead_gap, body_gap = headline_gaps("Council closes bridge, arrests the mayor", BODY)
    assert body_gap == pytest.approx(1 / 5)  # "arrests" only
    assert lead_gap == pytest.approx(1 / 5)
    long_body = " ".join(["Filler words here."] * 30) + " " + BODY
    lead_gap, body_gap = headline_gaps("Council closes bridge", long_body)
    assert lead_gap == 1.0 and body_gap == 0.0  # said only after the first 50 words
    assert headline_gaps("Council closes 14 bridges", BODY) == (0.0, 0.0)  # "bridg", "14"
    assert headline_gaps("Council closes 140 bridges", BODY) == (0.25, 0.25)  # a number whole
    assert missing_words("Council closes bridge, arrests the mayor", BODY, False) == ["arrests"]


def test_a_short_word_is_found_in_its_plural_or_singular() -> None:
    # "job" / "jobs" and "cuts" / "cut" are shorter than the first letters compared
    body = "The factory will cut 300 jobs next year, the company said on Monday."
    assert headline_gaps("Factory job cuts", body) == (0.0, 0.0)
    assert missing_words("Factory job cuts", body, False) == []
    assert headline_gaps("Factory jobs", "The factory lost a job.") == (0.0, 0.0)
    assert headline_gaps("Factory hires", body) == (0.5, 0.5)  # "hires" is not there


def test_an_article_without_a_headline_or_its_content_words_has_no_value() -> None:
    assert headline_gaps("What is this?", BODY) is None  # stop words only: no share
    texts = [model_text(f"Council closes bridge\n\n{BODY}"), model_text(BODY)]
    values = headline_matrix(texts, ["Council closes bridge", None])
    assert values[0].tolist() == [0.0, 0.0]
    assert np.isnan(values[1]).all()


def test_the_headline_is_its_line_as_the_model_reads_it() -> None:
    text = "Bridge closed, council says\n\nThe council closed the bridge."
    assert headline_parts(text, "Bridge closed, council says") == (
        "Bridge closed, council says",
        "The council closed the bridge.",
    )
    # the provenance stripper took the outlet's name out of the title's line
    assert headline_parts("/ORC polls: a tie\n\nBody.", "CNN/ORC polls: a tie") == (
        "/ORC polls: a tie",
        "Body.",
    )
    assert headline_parts(text, None) is None


def _fitted() -> tuple[CalibratedLinearModel, list[str]]:
    """A model fitted on synthetic articles whose fakes' headlines their bodies do not bear
    out, in three pseudo-corpora."""
    rng = np.random.default_rng(0)
    filler = "officials met on monday to discuss the plan for the region and its people"
    texts, titles, y, domains = [], [], [], []
    for i in range(180):
        reliable = i % 2
        topic = ["council", "hospital", "school", "station", "market", "harbour"][i % 6]
        title = f"{topic.title()} opens new wing" if reliable else f"{topic.title()} hides alien"
        body = f"The {topic} opens a new wing today, {filler}. " * int(rng.integers(2, 5))
        texts.append(f"{title}\n\n{body}")
        titles.append(title)
        y.append(reliable)
        domains.append(f"part{i % 3}")
    stripped = [model_text(t) for t in texts]
    frame = feature_frame(
        texts, [{}] * len(texts), stripped=stripped, headline=headline_matrix(stripped, titles)
    )
    model = CalibratedLinearModel(
        word_features=2000,
        use_chars=False,
        use_style=True,
        use_signals=False,
        balance_domains=True,
        headline_consistency=True,
    )
    model.fit(frame, np.array(y), None, domains)
    return model, texts


def test_the_combiner_reads_the_centred_columns_and_nothing_for_an_untitled_article() -> None:
    model, _ = _fitted()
    assert set(model.headline_weights) == set(HEADLINE_COLUMNS)
    assert model.headline_weights["headline:body_gap"] < 0  # a headline the body lacks: fake
    title = "Council hides alien"
    stripped = [model_text(f"{title}\n\n{BODY}")]
    with_title = feature_frame(
        stripped, [{}], stripped=stripped, headline=headline_matrix(stripped, [title])
    )
    untitled = feature_frame(stripped, [{}], stripped=stripped)  # no title known: NaN
    at_centre = feature_frame(
        stripped, [{}], stripped=stripped, headline=model.headline_mean_.reshape(1, -1)
    )
    assert np.isnan(untitled[list(HEADLINE_COLUMNS)].to_numpy()).all()
    # an untitled article reads exactly the titled training articles' mean: no headline term
    assert model.decision_function(untitled)[0] == pytest.approx(
        model.decision_function(at_centre)[0], abs=1e-12
    )
    assert model.decision_function(with_title)[0] < model.decision_function(untitled)[0]
    # the fast scorer gives the estimator's numbers, with and without the headline
    scorer = LinearScorer(model)
    matrix, style, headline = scorer.all_features(stripped, [title])
    # read from the word n-grams' own tokens, the same values
    np.testing.assert_array_equal(headline, headline_matrix(stripped, [title]))
    assert headline[0, 1] == pytest.approx(2 / 3)  # "hides", "alien"; "council" is there
    assert scorer.decision(matrix, [{}], style, headline)[0] == pytest.approx(
        model.decision_function(with_title)[0], abs=1e-6
    )
    assert scorer.decision(matrix, [{}], style)[0] == pytest.approx(
        model.decision_function(untitled)[0], abs=1e-6
    )


def test_the_reason_phrase_names_the_headline_words_the_body_lacks() -> None:
    from veracity.models.explain import top_contributions

    model, _ = _fitted()
    scorer = LinearScorer(model)
    title = "Council hides alien"
    text = f"{title}\n\n{BODY}"
    matrix, style, headline = scorer.all_features([text], [title])
    found = top_contributions(
        scorer,
        matrix,
        {},
        text,
        [],
        style=scorer.standardised_style(style)[0],
        headline=scorer.centred_headline(headline[0]),
        title=title,
        limit=40,
    )
    body = next(c for c in found if c.feature == "headline:body_gap")
    assert body.name == "the headline names what the body does not say"
    assert body.contribution < 0
    assert [s.quote for s in body.spans] == ["hides", "alien"]
    untitled = top_contributions(
        scorer, matrix, {}, text, [], style=scorer.standardised_style(style)[0], limit=40
    )
    assert not any(c.feature and c.feature.startswith("headline:") for c in untitled)


@pytest.mark.data
def test_loco_table_rows_carry_their_headline_columns(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every 40th article of the fold corpora (483 rows, 0.969 valued; the whole table 0.968),
    # built as the whole table is: that one is rebuilt whenever ingest, the features or a
    # detector change (87 s with the detectors' counts cached, about 200 s without), and its
    # cache is the benches'; this build neither reads nor writes it.
    from veracity.models import loco

    kept = [r for r in loco.load_corpora(data_dir=data_dir).kept if loco.fold_of(r) is not None]
    monkeypatch.setattr(loco, "load_corpora", lambda data_dir: SimpleNamespace(kept=kept[::40]))
    monkeypatch.setattr(loco, "read_cache_pickle", lambda path: None)
    monkeypatch.setattr(loco, "write_cache_pickle", lambda path, table: None)
    table = loco.load_loco_table(data_dir)
    assert len(table.records) <= len(kept[::40])  # the sample, not the cached whole table
    titled = np.array([t is not None for t in table.titles])
    valued = ~np.isnan(table.headline[:, 0])
    assert not (valued & ~titled).any()  # a value only where there is a title
    assert valued.mean() > 0.9


def test_the_shipped_models_read_the_title_the_article_has() -> None:
    from tests.conftest import analysed
    from veracity.ingest import article_from_text
    from veracity.models import score_reliability, score_reliability_batch
    from veracity.models.artefact import load_scorer
    from veracity.models.features import signal_row
    from veracity.pipeline import analyze
    from veracity.signals import detect_signals

    title = "Mayor arrested over secret alien treaty"
    document = analysed(BODY * 3, "fast", title=title)
    signals = detect_signals(document)
    titled = score_reliability(document, signals)
    untitled = score_reliability_batch([document.text], [signals])[0]
    assert titled.reliability is not None and untitled.reliability is not None
    # the body says none of "arrested", "secret", "alien", "treaty": a lower Platt-scaled score,
    # and a lower score shown (the cut-keeping map rises strictly between its outermost steps)
    assert titled.reliability.score < untitled.reliability.score
    artefact = load_scorer()
    matrix, style, headline = artefact.scorer.all_features([document.text] * 2, [title, None])
    rows = [signal_row(signals, artefact.detectors)] * 2
    platt = artefact.scorer.decision(matrix, rows, style, headline, mapped=False)
    assert platt[0] < platt[1]
    report = analyze(article_from_text(BODY * 3, title=title), depth="fast")
    assert report.reliability is not None
    assert report.reliability.score == titled.reliability.score
