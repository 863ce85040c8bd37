"""The deep path's MiniLM lead-embedding head: the shipped deep artefact carries the head its code
names (none while no head beats the linear model on LOCO); a head attached as training attaches
one loads, is what the deep path scores with, its arrays compute what the fitted head computes,
and abstention still applies."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import analysed
from tests.models.test_reliability import WIRE
from veracity.artefacts import CARD_FILE
from veracity.errors import ModelError
from veracity.models import score_reliability, score_reliability_batch
from veracity.models.artefact import SPECS, artefact_dir, load_artefact, load_scorer
from veracity.models.deep import HEAD_CONFIG, HEAD_FILE, HeadScorer, load_head
from veracity.models.deep_train import attach_head
from veracity.models.embedding_head import EmbeddingHead, domain_directions
from veracity.models.features import model_text
from veracity.models.lead_embedding import CHUNK_TOKENS, lead_chunks, lead_embeddings
from veracity.settings import get_settings
from veracity.signals import detect_signals

SPANISH = (
    "El Gobierno aprobó este martes un nuevo paquete de medidas económicas para hacer frente a "
    "la subida de los precios de la energía, que incluye ayudas directas a las familias con "
    "menos ingresos y una rebaja del impuesto sobre el valor añadido de la electricidad. Según "
    "el ministerio, las medidas costarán unos tres mil millones de euros y estarán en vigor "
    "hasta el final del año, cuando se revisará su efecto sobre la inflación."
)


def _head_on(vectors: np.ndarray, seed: int = 0) -> EmbeddingHead:
    """An embedding head fitted on synthetic rows whose first dimension carries the label."""
    rng = np.random.default_rng(seed)
    n = len(vectors)
    y = rng.integers(0, 2, n)
    vectors = vectors.copy()
    vectors[:, 0] += 1.5 * y
    domains = np.array(["a", "b", "c"])[rng.integers(0, 3, n)]
    fast = 1 / (1 + np.exp(-(y - 0.5 + rng.normal(size=n))))
    return EmbeddingHead(**HEAD_SETTINGS).fit(vectors, y, domains, fast)


HEAD_SETTINGS = {"C": 1.0, "project_domains": False}


def _clear_caches() -> None:
    for cached in (get_settings, load_scorer, load_artefact, load_head):
        cached.cache_clear()


def _deep_artefact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_head: bool) -> Path:
    """The shipped artefacts with a copy of the deep one that carries a MiniLM head (attached as
    ``veracity train reliability --deep`` attaches one when :data:`HEAD_CONFIG` names it), or
    none; set as this process's artefacts."""
    root = tmp_path / "artefacts"
    root.mkdir()
    name = artefact_dir(depth="deep").name
    for child in get_settings().artefacts_dir.iterdir():
        if child.name == name:
            shutil.copytree(child, root / name)
        else:
            (root / child.name).symlink_to(child)
    folder = root / name
    (folder / HEAD_FILE).unlink(missing_ok=True)
    card = SPECS["deep"].read_card(folder)
    extra = {k: v for k, v in (card.model_extra or {}).items() if k != "embedding_head"}
    common = {k: getattr(card, k) for k in ("summary", "metrics", "created", "veracity_version")}
    card = SPECS["deep"].save(SPECS["deep"].new_card(**extra, **common), folder)
    if with_head:
        rng = np.random.default_rng(3)
        attach_head(card, _head_on(rng.normal(size=(600, 384))), HEAD_SETTINGS, folder)
    monkeypatch.setenv("VERACITY_ARTEFACTS_DIR", str(root))
    _clear_caches()
    return folder


@pytest.fixture
def headed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield _deep_artefact(tmp_path, monkeypatch, with_head=True)
    monkeypatch.delenv("VERACITY_ARTEFACTS_DIR")
    _clear_caches()


@pytest.fixture
def headless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield _deep_artefact(tmp_path, monkeypatch, with_head=False)
    monkeypatch.delenv("VERACITY_ARTEFACTS_DIR")
    _clear_caches()


def test_the_shipped_deep_artefact_carries_the_head_its_code_names() -> None:
    folder = artefact_dir(depth="deep")
    card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    if HEAD_CONFIG is None:
        # withdrawn: the linear model alone, no head file, no head in the card or the version
        assert load_head() is None
        assert not card.get("embedding_head")
        assert not (folder / HEAD_FILE).exists()
        assert not card["model_version"].endswith(".minilm-head")
        return
    head = load_head()
    assert head is not None
    stacker = card["embedding_head"]["stacker"]
    assert head.stack_embedding == pytest.approx(stacker["embedding_weight"])
    assert head.stack_linear == pytest.approx(stacker["linear_weight"])
    assert head.stack_embedding > 0 and head.stack_linear > 0
    # kept because it beat the linear model alone on LOCO, mean and worst fold, in one run
    loco = card["embedding_head"]["leave_one_corpus_out"]
    assert loco["deep"]["mean_macro_f1"] > loco["fast"]["mean_macro_f1"]
    assert loco["deep"]["worst_macro_f1"] > loco["fast"]["worst_macro_f1"]
    assert card["model_version"].endswith(".minilm-head")


def test_without_a_head_the_deep_score_is_its_linear_models(headless: Path) -> None:
    assert load_head() is None
    document = analysed(WIRE, "fast")
    found = detect_signals(document)
    outcome = score_reliability(document, found, depth="deep")
    assert outcome.reliability is not None
    artefact = load_scorer(depth="deep")
    from veracity.models.features import signal_row

    matrix, style = artefact.scorer.features([WIRE])
    linear = artefact.scorer.decision(matrix, [signal_row(found, artefact.detectors)], style)
    expected = 1 / (1 + np.exp(-linear[0]))
    assert outcome.reliability.score == pytest.approx(float(expected), abs=1e-4)
    assert all(f.source != "embedding" for f in outcome.reliability.top_features)
    assert outcome.reliability.model_version == artefact.version
    assert not artefact.version.endswith(".minilm-head")


def test_an_attached_head_is_named_by_its_card_and_version(headed: Path) -> None:
    head = load_head()
    assert head is not None
    card = json.loads((headed / CARD_FILE).read_text(encoding="utf-8"))
    stacker = card["embedding_head"]["stacker"]
    assert head.stack_embedding == pytest.approx(stacker["embedding_weight"])
    assert head.stack_linear == pytest.approx(stacker["linear_weight"])
    assert head.stack_embedding > 0 and head.stack_linear > 0
    assert head.coef.shape == (384,)
    # a model with a head is a model of its own: reports must not carry the linear model's version
    assert card["model_version"].endswith(".minilm-head")
    assert card["model_version"] in card["summary"]
    assert load_scorer(depth="deep").version == card["model_version"]


def test_deep_score_is_the_head_stacked_on_the_linear_model(headed: Path) -> None:
    document = analysed(WIRE, "fast")
    found = detect_signals(document)
    outcome = score_reliability(document, found, depth="deep")
    assert outcome.reliability is not None
    scorer = load_scorer(depth="deep").scorer
    from veracity.models.features import signal_row

    matrix, style = scorer.features([WIRE])
    linear = scorer.decision(
        matrix, [signal_row(found, load_scorer(depth="deep").detectors)], style
    )
    head = load_head()
    assert head is not None
    vectors = lead_embeddings([model_text(WIRE)], head.chunks)
    expected = 1 / (1 + np.exp(-head.decision(vectors, linear)))
    assert outcome.reliability.score == pytest.approx(float(expected[0]), abs=1e-4)
    # the linear model alone gives another number: the head moved the score
    assert abs(float(1 / (1 + np.exp(-linear[0]))) - outcome.reliability.score) > 1e-3
    embedding = [f for f in outcome.reliability.top_features if f.source == "embedding"]
    assert len(embedding) == 1 and embedding[0].contribution != 0


def test_fast_path_does_not_read_the_head() -> None:
    document = analysed(WIRE, "fast")
    found = detect_signals(document)
    fast = score_reliability(document, found, depth="fast").reliability
    assert fast is not None
    assert all(f.source != "embedding" for f in fast.top_features)


@pytest.mark.parametrize(("text", "status"), [("Short.", "too_short"), (SPANISH, "not_english")])
def test_deep_path_still_abstains(text: str, status: str) -> None:
    document = analysed(text, "fast")
    (outcome,) = score_reliability_batch([document.text], [detect_signals(document)], depth="deep")
    assert outcome.reliability is None
    assert outcome.status == status and outcome.note


def test_deep_path_embeds_only_the_articles_it_scores(
    headed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded: list[str] = []

    def recording(texts: list[str], chunks: int = 1) -> np.ndarray:
        embedded.extend(texts)
        return lead_embeddings(texts, chunks)

    monkeypatch.setattr("veracity.models.lead_embedding.lead_embeddings", recording)
    texts = [WIRE, "Short.", SPANISH]
    signals = [detect_signals(analysed(text, "fast")) for text in texts]
    outcomes = score_reliability_batch(texts, signals, depth="deep")
    assert [o.status for o in outcomes] == ["scored", "too_short", "not_english"]
    assert embedded == [model_text(WIRE)]
    # the scored article's score is the one it gets alone
    (alone,) = score_reliability_batch([WIRE], signals[:1], depth="deep")
    assert outcomes[0].reliability is not None and alone.reliability is not None
    assert outcomes[0].reliability.score == alone.reliability.score
    assert any(f.source == "embedding" for f in outcomes[0].reliability.top_features)


def test_head_arrays_compute_what_the_fitted_head_computes() -> None:
    rng = np.random.default_rng(0)
    n = 600
    domains = np.array(["a", "b", "c"])[rng.integers(0, 3, n)]
    y = rng.integers(0, 2, n)
    vectors = rng.normal(size=(n, 16))
    vectors[:, 0] += 1.5 * y
    vectors[:, 1] += np.select([domains == "b", domains == "c"], [2.0, -2.0], 0.0)
    fast = 1 / (1 + np.exp(-(y - 0.5 + rng.normal(size=n))))
    for project in (False, True):
        head = EmbeddingHead(project_domains=project).fit(vectors, y, domains, fast)
        log_odds = np.log(fast / (1 - fast))
        arrays = HeadScorer.from_head(head)
        np.testing.assert_allclose(
            arrays.decision(vectors, log_odds), head.decision(vectors, log_odds), atol=1e-9
        )
        # the signal direction is learned, the corpus direction is projected out when asked
        assert arrays.coef[0] > 0
        if project:
            assert abs(float(arrays.directions[0] @ np.eye(16)[1])) > 0.9


def test_domain_directions_span_the_corpus_means() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(300, 8))
    domains = np.repeat(["x", "y", "z"], 100)
    vectors[domains == "y", 2] += 3.0
    y = np.tile([0, 1], 150)
    basis = domain_directions(vectors, y, domains)
    assert basis.shape[0] == 2
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-9)


def test_lead_chunks_cut_the_opening_in_word_pieces() -> None:
    text = " ".join(f"word{i}" for i in range(400))
    chunks = lead_chunks(text, 2)
    assert len(chunks) == 2 and chunks[0].startswith("word0")
    assert text.startswith(chunks[0]) and chunks[1] in text
    assert len(lead_chunks("Short text.", 3)) == 1
    assert CHUNK_TOKENS < 128


def test_a_card_naming_a_missing_head_is_refused(headed: Path, tmp_path: Path) -> None:
    copy = tmp_path / "reliability_deep"
    shutil.copytree(headed, copy)
    (copy / HEAD_FILE).unlink()
    with pytest.raises(ModelError, match="train reliability --deep"):
        load_head(copy)


def test_analyze_on_the_deep_path_reports_the_heads_score(headed: Path) -> None:
    from veracity.ingest import article_from_text
    from veracity.pipeline import analyze

    article = article_from_text(WIRE)
    deep = analyze(article, depth="deep")
    fast = analyze(article, depth="fast")
    assert deep.reliability is not None and fast.reliability is not None
    assert deep.reliability.model_version == load_scorer(depth="deep").version
    assert any(f.source == "embedding" for f in deep.reliability.top_features)
    assert all(f.source != "embedding" for f in fast.reliability.top_features)
    short = analyze(article_from_text("Short."), depth="deep")
    assert short.reliability is None and short.reliability_status == "too_short"
