"""The shipped reliability model: loads, scores in [0, 1], ranks, and explains with exact spans."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import joblib
import numpy as np
import pytest

from tests.conftest import analysed
from veracity.artefacts import CARD_FILE
from veracity.errors import ModelError
from veracity.models import label_for, score_reliability, score_texts
from veracity.models.artefact import MODEL_FILE, artefact_dir, load_artefact, load_scorer
from veracity.models.calibration import MAX_PUSH_SCALE
from veracity.models.explain import (
    SAME_READING,
    _wording,
    names_a_topic,
    top_contributions,
    writer_names,
)
from veracity.models.features import feature_frame, signal_row
from veracity.models.inference import linear_scorer
from veracity.models.train import version_tag
from veracity.signals import detect_signals

WIRE = (
    "Senate passes spending bill, sending it to the House\n\n"
    "The Senate on Tuesday approved a $1.2 trillion spending bill by a vote of 68 to 31, "
    "sending the measure to the House of Representatives, where a vote is expected on Thursday. "
    "The bill funds federal agencies through September 30. Senate Majority Leader Chuck Schumer "
    "said in a statement that the agreement kept the government open. The Congressional Budget "
    "Office estimated that the bill would add $15 billion to the deficit over ten years. "
    "Lawmakers from both parties said they expected the measure to pass the House."
)


def _outcome(text: str, depth: str = "fast"):
    document = analysed(text, "fast")
    return document, score_reliability(document, detect_signals(document), depth=depth)


def _score(text: str, depth: str = "fast"):
    document, outcome = _outcome(text, depth)
    return document, outcome.reliability


def test_shipped_artefact_loads_with_its_card() -> None:
    artefact = load_artefact()
    assert artefact.version.startswith("reliability-")
    assert artefact.card["training_data_manifest"]
    assert set(artefact.card["metrics"]["per_corpus"]) >= {"gossipcop", "recovery_covid2020"}
    low, high = artefact.thresholds
    assert 0 < low < high < 1


@pytest.mark.data
def test_seed_article_is_unreliable_for_reasons_in_its_text(seed_text: str) -> None:
    _, seed = _score(seed_text)
    _, wire = _score(WIRE)
    assert seed is not None and wire is not None
    assert seed.score < 0.35 and seed.label == "unreliable"
    assert wire.score > seed.score + 0.2
    lowering = [f for f in seed.top_features if f.contribution < 0]
    assert lowering and any(f.spans for f in lowering)
    for feature in seed.top_features:
        assert not re.search(r"[+-]\d\.\d", feature.name)  # phrases, not log-odds


def test_scores_are_probabilities_with_a_thresholded_label(example_text: str) -> None:
    for text in (example_text, WIRE):
        _, outcome = _outcome(text)
        result = outcome.reliability
        assert outcome.status == "scored" and outcome.note is None and result is not None
        assert 0.0 <= result.score <= 1.0
        assert result.label == label_for(result.score)
        assert result.model_version == load_artefact().version


def test_label_is_the_band_of_the_score_a_report_gives() -> None:
    # a raw 0.649996 is reported as 0.65 (four decimals), so its label must be reliable
    assert label_for(0.649996) == "reliable"
    assert label_for(0.64994) == "uncertain"
    assert label_for(0.349996) == "uncertain"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Short.", "too_short"),
        ("Breaking: the minister resigned tonight after the vote.", "too_short"),
        (
            "El gobierno anunció hoy que la economía creció un tres por ciento en el último "
            "trimestre, según datos oficiales publicados por el instituto nacional de "
            "estadística. Los analistas esperaban un crecimiento menor, y la oposición pidió "
            "explicaciones sobre el gasto público y la deuda de las comunidades autónomas.",
            "not_english",
        ),
        (
            "中国政府今天宣布经济增长速度超过预期，官方数据显示第三季度国内生产总值增长百分之五。",
            "not_english",
        ),
    ],
)
def test_texts_the_model_cannot_judge_get_no_score_and_a_note(text: str, status: str) -> None:
    _, outcome = _outcome(text)
    assert outcome.reliability is None
    assert outcome.status == status
    assert outcome.note and outcome.note.startswith("No reliability score")


def test_out_of_scope_text_is_not_scored() -> None:
    listing = "\n".join(
        f"ITEM {i}: SKU-{1000 + i} QTY {i * 7} PRICE ${i * 3}.99" for i in range(40)
    )
    _, outcome = _outcome(listing)
    assert outcome.reliability is None and outcome.status == "out_of_scope"


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_drivers_are_phrases_with_spans_that_quote_the_text(example_text: str, depth: str) -> None:
    document, result = _score(example_text, depth)
    assert result is not None and result.top_features
    sources = {f.source for f in result.top_features}
    assert "style" in sources or "signal" in sources
    for feature in result.top_features:
        assert feature.feature and feature.name != feature.feature
        for span in feature.spans:
            assert document.text[span.start : span.end] == span.quote
    for feature in (f for f in result.top_features if f.source == "term"):
        assert feature.name.startswith("wording typical of")
        named = re.findall(r"“([^”]+)”", feature.name)
        assert (named or feature.name.endswith("the writers' names only")) and all(
            re.findall(r"[\w'’]+", span.quote.lower()) in [n.split() for n in named]
            for span in feature.spans
        )
    pushes = [abs(f.contribution) for f in result.top_features if f.source != "other"]
    assert pushes == sorted(pushes, reverse=True)
    chars = [f for f in result.top_features if f.source == "other"]
    assert len(chars) == (1 if load_artefact(depth=depth).model.use_chars else 0)


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_wording_drivers_quote_no_bare_stop_words_or_figures(example_text: str, depth: str) -> None:
    """A journalist cannot check "this", "on its" or "19": the wording entries name topic words
    and say that common words pushed too (before, 140 of 146 scored COVID-19 news reports quoted
    such a term)."""
    quoted = []
    for text in (example_text, WIRE, example_text.replace("said", "said on its 19th day")):
        _, result = _score(text, depth)
        assert result is not None
        for feature in (f for f in result.top_features if f.source == "term"):
            quoted += re.findall(r"“([^”]+)”", feature.name)
    assert quoted and all(names_a_topic(term) for term in quoted)


CREDITED = (
    "Chile's central bank holds key rate as copper prices slide\n\n"
    "SANTIAGO, Dec 3 (Reuters) - Chile's central bank held its benchmark rate on Thursday, "
    "citing uncertainty over copper prices, considering the scenario of a weaker peso.\n\n"
    "(Reporting by Fabian Cambero; Writing by Natalia Ramos; Editing by Alistair Bell)"
)


def test_wording_reasons_quote_no_writer_name_and_no_catch_all() -> None:
    """Probe s49 U3: "Lowers it: wording typical of unreliable articles: “considering”,
    “citing”, “fabian”, “scenario”; also common words and figures": the reporter's first name
    from the credit line, and a catch-all no journalist can check. The entry's push is the same
    sum of the same terms."""
    terms = np.array(["fabian", "considering", "this", "citing", "natalia ramos", "scenario"])
    pushes = np.array([-0.9, -0.8, -0.7, -0.6, -0.5, -0.4])
    [(push, _, name, feature, spans)] = _wording(CREDITED, terms, pushes)
    assert name == ("wording typical of unreliable articles: “considering”, “citing”, “scenario”")
    assert push == pytest.approx(pushes.sum()) and feature == "terms:unreliable"
    assert {span.quote for span in spans} == {"considering", "citing", "scenario"}
    # nothing quotable left: the entry says so, and still pushes
    [(push, _, name, _, spans)] = _wording(CREDITED, terms[[0, 2, 4]], pushes[[0, 2, 4]])
    assert name.endswith(": common words, figures and the writers' names only") and not spans
    assert push == pytest.approx(-2.1)


def test_writer_names_come_from_bylines_and_credit_lines_only() -> None:
    assert writer_names(CREDITED) == {"fabian", "cambero", "natalia", "ramos", "alistair", "bell"}
    byline = "Flood warning lifted\n\nBy Priya Raman and Tom O'Neill\n\nThe river fell."
    assert writer_names(byline) == {"priya", "raman", "tom", "o'neill"}
    # "by" inside a sentence names no writer
    story = "The town was hit by Hurricane Harvey. Talks were led by China and run by Reuters."
    assert writer_names(story) == frozenset()
    assert writer_names("Flood warning lifted\n\nBy Thursday, the river had fallen.") == set()
    # a long story's credit line is read at its end
    assert writer_names("The river fell. " * 200 + CREDITED.rpartition("\n")[2]) >= {"fabian"}


def test_a_term_names_a_topic_when_one_word_is_not_a_stop_word_or_figure() -> None:
    assert names_a_topic("governor") and names_a_topic("2019 ncov") and names_a_topic("of trump")
    assert not names_a_topic("this") and not names_a_topic("on its") and not names_a_topic("19")
    assert not names_a_topic("i'm") and not names_a_topic("it’s") and not names_a_topic("a")


def test_contributions_add_up_to_the_score() -> None:
    """The explanation is exact: every feature's push plus one constant is the Platt-scaled
    log-odds; through the cut-keeping map, pushes and constant are rescaled by the article's
    mapped over Platt log-odds, so the report's phrases add up to the log-odds of the score it
    shows, and its ``top_features`` are the largest of those pushes, in order."""
    artefact = load_artefact()
    model = artefact.model
    assert model.cut_map is not None
    document, result = _score(WIRE)
    assert result is not None and result.top_features
    frame = feature_frame([document.text], [{}])
    matrix, log_odds = model.explained_decision(frame, mapped=False)
    row = matrix.getrow(0)
    text_part = model.text_weight * (
        float(row.data @ model.linear_.coef_[0, row.indices]) + float(model.linear_.intercept_[0])
    )
    style = frame[model.style_columns_].to_numpy()[0]
    z = (style - model.style_mean_) / model.style_scale_
    style_part = sum(w * v for w, v in zip(model.style_weights.values(), z, strict=True))
    constant = model.platt_slope * float(model.combiner_.intercept_[0]) + float(
        model.calibration_.intercept_[0]
    )
    assert abs(text_part + style_part + constant - log_odds[0]) < 1e-6
    shown = model.mapped(log_odds)[0]
    assert abs(shown - log_odds[0]) > 0.05  # the map moves it
    assert abs(score_texts([document.text])[0] - 1 / (1 + np.exp(-shown))) < 1e-6
    # the report's phrases: all of them add up to the log-odds with its signals
    signals = detect_signals(document)
    scorer = linear_scorer(model)
    matrix, raw_style = scorer.features([document.text])
    every = top_contributions(
        scorer,
        matrix,
        signal_row(signals, artefact.detectors),
        document.text,
        signals,
        style=scorer.standardised_style(raw_style)[0],
        limit=10**6,
    )
    rows = [signal_row(signals, artefact.detectors)]
    platt = scorer.decision(matrix, rows, raw_style, mapped=False)
    scale = float(scorer.push_scale(platt)[0])
    assert 0.0 < scale < MAX_PUSH_SCALE and abs(scale - 1.0) > 0.01  # uncapped, and not 1
    intercept = scale * (model.text_weight * float(model.linear_.intercept_[0]) + constant)
    reported = math.log(result.score / (1.0 - result.score))
    assert abs(sum(f.contribution for f in every) + intercept - reported) < 0.01
    assert abs(float(scorer.decision(matrix, rows, raw_style)[0]) - reported) < 0.01
    top = result.top_features
    assert [f.contribution for f in top] == [f.contribution for f in every[: len(top)]]


def test_missing_or_outdated_artefact_is_a_model_error(tmp_path: Path) -> None:
    copy = tmp_path / "reliability"
    shutil.copytree(artefact_dir(), copy)
    card = json.loads((copy / CARD_FILE).read_text())
    card["format_version"] = "reliability-0"
    (copy / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="version 'reliability-0'"):
        load_artefact(copy)
    (copy / CARD_FILE).unlink()
    with pytest.raises(ModelError, match="artefact is missing"):
        load_artefact(copy)


@pytest.mark.parametrize(
    "thresholds",
    [
        {"unreliable_below": float("nan"), "reliable_from": 0.65},
        {"unreliable_below": "0.35", "reliable_from": 0.65},
        {"unreliable_below": 0.35},
        [0.35, 0.65],
        {"unreliable_below": 0.9, "reliable_from": 0.1},
        {"unreliable_below": -1, "reliable_from": 2},
        {"unreliable_below": True, "reliable_from": 0.65},
    ],
    ids=["nan", "text", "one", "list", "swapped", "outside", "bool"],
)
def test_a_card_whose_bands_are_no_bands_is_one_model_error(tmp_path: Path, thresholds) -> None:
    """Round 14: the card's thresholds label every score; damaged or edited by hand, text or a
    list ended scoring in an internal error, NaN labelled a score of 0.15 "uncertain"."""
    copy = tmp_path / "reliability"
    shutil.copytree(artefact_dir(), copy)
    card = json.loads((copy / CARD_FILE).read_text())
    card["thresholds"] = thresholds
    (copy / CARD_FILE).write_text(json.dumps(card))
    for load in (load_artefact, load_scorer):
        with pytest.raises(ModelError, match=r"band thresholds .*veracity train reliability$"):
            load(copy)


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_model_saved_before_the_cut_keeping_map_is_refused_in_one_line(
    tmp_path: Path, depth: str
) -> None:
    """A reliability-2 artefact (Platt only) would score without the map the bands were set
    for: it is refused with one line that says how to rebuild it, not read otherwise."""
    copy = tmp_path / "reliability"
    shutil.copytree(artefact_dir(depth=depth), copy)
    card = json.loads((copy / CARD_FILE).read_text())
    card["format_version"] = "reliability-2"
    (copy / CARD_FILE).write_text(json.dumps(card))
    command = "veracity train reliability" + (" --deep" if depth == "deep" else "")
    for load in (load_artefact, load_scorer):
        with pytest.raises(ModelError) as raised:
            load(copy, depth=depth)
        message = str(raised.value)
        assert "\n" not in message
        assert message.endswith(
            "is version 'reliability-2', this code needs 'reliability-3'; "
            f"rebuild it with: {command}"
        )


def test_corrupt_model_file_is_a_model_error(tmp_path: Path) -> None:
    copy = tmp_path / "reliability"
    shutil.copytree(artefact_dir(), copy)
    (copy / MODEL_FILE).write_bytes(b"not a model")
    with pytest.raises(ModelError, match="corrupt"):
        load_artefact(copy)


# Three fits of 2026-12-05 (other code, same corpora) were all 'reliability-2.20261205.89c18d76':
# a report or a stored analysis could not say which model scored it. The version ends with the
# digest of the fitted model's state, which the same fit reproduces (lead, session 34).
@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_the_version_names_the_fitted_model_itself(depth: str) -> None:
    artefact = load_artefact(depth=depth)
    digest = joblib.hash(joblib.load(artefact_dir(depth=depth) / MODEL_FILE))[:8]
    assert artefact.version.split(".")[3] == digest
    assert artefact.version.startswith(version_tag(depth) + ".")


# The refit of 2026-12-06 wrote versions ending 7c7001c2 / 5ccfdfb8 for model files whose digest
# is 241221ff / 674364cb: a fresh fit's logistic regressions hash otherwise than the same model
# read back from its file, so no stored analysis could be matched to the shipped file's digest.
@pytest.mark.data
def test_a_fresh_fit_is_versioned_by_the_digest_its_saved_file_gives(
    data_dir: Path, tmp_path: Path
) -> None:
    from veracity.data import load_corpus
    from veracity.data.splits import groups_of, labels_of
    from veracity.models.estimator import CalibratedLinearModel
    from veracity.models.features import SIGNAL_COLUMNS, feature_frame
    from veracity.models.train import model_version

    corpus = load_corpus("perezrosas2018", data_dir)
    records = [corpus[i] for i in np.random.default_rng(0).choice(len(corpus), 90, replace=False)]
    model = CalibratedLinearModel(word_features=2000, use_chars=False, use_style=True)
    rows = [{column: float(i % 3) for column in SIGNAL_COLUMNS} for i in range(len(records))]
    frame = feature_frame([r.full_text for r in records], rows)
    domains = [f"part{i % 3}" for i in range(len(records))]
    model.fit(frame, labels_of(records), groups_of(records), domains)
    version = model_version("fast", "data", model)
    joblib.dump(model, tmp_path / MODEL_FILE)
    assert version.split(".")[3] == joblib.hash(joblib.load(tmp_path / MODEL_FILE))[:8]


OPINION = (
    "Why does the council keep failing our families?\n\n"
    "Why would a council that claims to care about families stay silent for so long? The "
    "administration's extraordinary indifference to neighbourhood infrastructure is "
    "unconscionable. Who approved the contract, and who profited from it? Residents deserve "
    "answers, not press releases. Nobody at City Hall will say what the inspectors found, "
    "and nobody asks. What are they afraid of? The maintenance backlog, which officials "
    "acknowledged last year, has grown considerably, and every delay costs taxpayers more."
)


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_no_two_drivers_read_one_thing_in_opposite_directions(depth: str) -> None:
    """Probe s42: the hyperpartisan piece 'Trump Decertified the Iranian Deal' was explained as
    "lowers it: rhetorical questions" and "raises it: asks questions" over the same three
    sentences, the health story as "lowers it: many long words (hard to read)" and "raises it:
    long, formal words" (30% of 392 corpus reports on the fast path showed such a pair among
    the HTML report's eight). A pair that reads one thing is one entry with its net push."""
    document = analysed(OPINION, "fast")
    signals = detect_signals(document)
    artefact = load_artefact(depth=depth)
    scorer = linear_scorer(artefact.model)
    matrix, raw_style = scorer.features([document.text])
    every = top_contributions(
        scorer,
        matrix,
        signal_row(signals, artefact.detectors),
        document.text,
        signals,
        style=scorer.standardised_style(raw_style)[0],
        limit=10**6,
    )
    pushes = {f.feature: f.contribution for f in every}
    questions = {"style:question_rate", "signal:rhetorical_question"}
    assert questions & set(pushes), "the opinion piece's questions move its score"
    for pair in SAME_READING:
        both = [pushes[feature] for feature in pair if feature in pushes]
        assert len(both) < 2 or both[0] * both[1] > 0, pair
