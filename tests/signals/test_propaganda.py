import json
import shutil

import pytest

from tests.conftest import analysed
from veracity.artefacts import CARD_FILE
from veracity.errors import ModelError
from veracity.propaganda import TECHNIQUES, load_propaganda_model
from veracity.propaganda.corpus import split_of
from veracity.propaganda.features import line_segments
from veracity.propaganda.model import SPEC, model_dir
from veracity.propaganda.scoring import si_scores
from veracity.signals import detect_signals, detectors
from veracity.threads import one_blas_thread


@pytest.fixture(autouse=True, scope="module")
def blas_as_the_deep_path_runs():
    """BLAS on one thread, as the pipeline holds it around the deep path's detectors (these
    tests call the detector directly): the MPNet tagger's numpy layers on two threads cost
    several times the CPU on a busy 2-core machine, with the same results."""
    with one_blas_thread():
        yield


def test_shipped_model_loads_with_its_card() -> None:
    model = load_propaganda_model()
    card = json.loads((model_dir() / CARD_FILE).read_text(encoding="utf-8"))
    assert card["version"] == SPEC.version
    assert set(model.classifier_.classes_) == set(TECHNIQUES)
    assert card["metrics"]["si"]["f1"] > card["metrics"]["si_baselines"]["every_sentence"]["f1"]
    assert card["metrics"]["tc_micro_f1"] > card["metrics"]["tc_baseline_most_frequent"]["micro_f1"]
    assert set(card["metrics"]["tc_per_technique_recall"]) == set(TECHNIQUES)
    # this card's threshold is the CRF's alone (bench baseline); the model applies the MiniLM
    # tagger's (test_shipped_model_mixes_the_minilm_tagger_chosen_on_dev)
    assert 0 < card["threshold"] < model.threshold_ < 1
    # the per-technique offsets chosen at training are the ones the model applies
    assert set(card["technique_log_bias"]) == set(TECHNIQUES)
    assert model.technique_bias_ == card["technique_log_bias"]
    # the classifier reads MiniLM states and is class-weighted: it beats the n-gram one
    assert card["metrics"]["tc_micro_f1"] > card["metrics"]["tc_ngram_classifier_micro_f1"]
    # the offsets buy the rare techniques' recall: on the folds every one reaches the floor
    assert min(card["tc_choice_on_folds"]["per_technique_recall_with_offsets"].values()) >= 0.25


def test_bias_for_an_unknown_technique_is_refused(tmp_path) -> None:
    for name in (CARD_FILE, "classifier.joblib", "tagger.crfsuite"):
        shutil.copy(model_dir() / name, tmp_path / name)
    card = json.loads((tmp_path / CARD_FILE).read_text(encoding="utf-8"))
    card["technique_log_bias"]["Mind_Control"] = 1.0
    (tmp_path / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="Mind_Control"):
        load_propaganda_model.__wrapped__(tmp_path)


def test_corrupt_tagger_raises_model_error(tmp_path) -> None:
    for name in (CARD_FILE, "classifier.joblib"):
        shutil.copy(model_dir() / name, tmp_path / name)
    (tmp_path / "tagger.crfsuite").write_bytes(b"not a CRF model")
    with pytest.raises(ModelError, match="veracity train propaganda"):
        load_propaganda_model.__wrapped__(tmp_path)


def test_missing_artefact_raises_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="veracity train propaganda"):
        load_propaganda_model.__wrapped__(tmp_path)
    (tmp_path / CARD_FILE).write_text(json.dumps({"version": "propaganda-0"}), encoding="utf-8")
    with pytest.raises(ModelError, match="version"):
        load_propaganda_model.__wrapped__(tmp_path)


def test_flags_and_names_loaded_language() -> None:
    text = (
        "These corrupt, treasonous globalist thugs want to destroy our great nation "
        "and enslave every patriot who stands in their way!"
    )
    signals = detect_signals(analysed(text, "deep"), names=["propaganda"])
    assert signals
    for signal in signals:
        assert text[signal.start : signal.end] == signal.quote
        assert signal.detail["technique"] in TECHNIQUES
        assert TECHNIQUES[str(signal.detail["technique"])] in signal.explanation


def test_a_span_inside_a_quotation_is_marked_as_quoted() -> None:
    """The same words flagged in the article's own voice and inside a protester's quotation:
    only the quoted one is marked ``quoted`` and says so (the span and its technique stay)."""
    own = (
        "These corrupt, treasonous globalist thugs want to destroy our great nation and enslave "
        "every patriot who stands in their way!"
    )
    quoted = f"“{own}” a protester shouted at the rally, police said."
    [mine] = detect_signals(analysed(own, "deep"), names=["propaganda"])
    [theirs] = detect_signals(analysed(quoted, "deep"), names=["propaganda"])
    assert "quoted" not in mine.detail and "In quoted words" not in mine.explanation
    assert theirs.detail["quoted"] is True
    assert theirs.explanation.endswith(
        "In quoted words: someone the article quotes uses it, not the article itself."
    )
    assert theirs.quote == mine.quote


@pytest.mark.parametrize(
    "text",
    [
        "The meeting was held on Tuesday in Geneva and lasted two hours.",
        "The company reported revenue of 4.2 billion dollars for the third quarter.",
        # the example: neutral attribution once labelled "name calling"
        "An Al-Nusra Front commander recently confirmed these claims.",
    ],
)
def test_plain_reporting_is_not_flagged(text: str) -> None:
    assert detect_signals(analysed(text, "deep"), names=["propaganda"]) == []


def test_finds_a_readers_marked_spans_trimmed_and_named() -> None:
    """The spans cover what a reader marks, not the plain sentence, each trimmed to its words (a
    line's indent and trailing blanks left out) and named by a known technique. The held-out
    PTC figures are measured by bench/propaganda.py, the old held-out sample check by
    bench/propaganda_spans.py."""
    text = (
        "Wake up, America!\n\n"
        "  The radical left wants to destroy everything our brave founders built.  \n"
        "These corrupt, treasonous globalist thugs will stop at nothing.\n"
        "The committee met on Tuesday and adjourned at noon.\n"
    )
    marked = [
        "Wake up, America!",
        "destroy everything our brave founders built",
        "corrupt, treasonous globalist thugs",
        "will stop at nothing",
    ]
    spans = load_propaganda_model().analyse(text, line_segments(text))
    for span in spans:
        quote = text[span.start : span.end]
        assert quote and quote == quote.strip(), quote
        assert span.technique in TECHNIQUES
    assert all(span.end <= text.index("The committee") for span in spans)
    gold = [(text.index(words), text.index(words) + len(words)) for words in marked]
    scores = si_scores({"marked": [(s.start, s.end) for s in spans]}, {"marked": gold})
    assert scores["recall"] >= 0.75
    assert scores["precision"] >= 0.5


@pytest.mark.data
def test_detector_quotes_an_article_exactly(data_dir) -> None:
    # a training article, not a held-out one (those are read for a report only:
    # bench/propaganda_spans.py), short and with curly quotes ("normalizing and enabling Nazis")
    article_id = "999000565"
    card = json.loads((model_dir() / CARD_FILE).read_text(encoding="utf-8"))
    assert split_of(article_id) == "train"
    assert article_id not in card["training_data"]["held_out_ids"]
    path = data_dir / "ptc_semeval2020_task11" / "train-articles" / f"article{article_id}.txt"
    text = path.read_text(encoding="utf-8")
    analysis = analysed(text, "deep")
    signals = detect_signals(analysis, names=["propaganda"])
    assert signals
    assert all(analysis.text[s.start : s.end] == s.quote for s in signals)


def test_serves_the_deep_path_only() -> None:
    text = "This evil regime of criminals must be stopped before it destroys our great nation!"
    assert detect_signals(analysed(text, "fast"), names=["propaganda"]) == []
    assert "propaganda" not in {d.name for d in detectors("fast")}


def test_shipped_model_mixes_the_minilm_taggers_chosen_on_dev() -> None:
    from veracity.artefacts import ARTEFACTS
    from veracity.propaganda.neural import TaggerMix

    card = json.loads(
        (ARTEFACTS["propaganda-tagger"].directory / CARD_FILE).read_text(encoding="utf-8")
    )
    model = load_propaganda_model()
    assert isinstance(model.neural_, TaggerMix)
    assert model.neural_.members_[0].layers_ == card["layers"]
    assert [m.layers_ for m in model.neural_.members_] == [m["layers"] for m in card["members"]]
    for member in model.neural_.members_:
        assert all(v.dtype.name == "float16" for v in member.weights_.values())
    # the mix weights and threshold the card records are the ones the model applies: the MPNet
    # tagger's mix (mpnet.mix) when the card holds one, else the MiniLM taggers' choice
    mix = card.get("mpnet", {}).get("mix")
    if mix is None:
        assert model.neural_weight_ == card["neural_weight"] and 0 < model.neural_weight_ <= 1
        assert model.threshold_ == card["threshold"] and model.peak_ == card["peak"]
    else:
        assert model.neural_weight_ == pytest.approx(sum(mix["minilm_shares"]))
        assert model.mpnet_ is not None and model.mpnet_weight_ == mix["mpnet"]
        assert model.neural_weight_ + model.mpnet_weight_ + mix["crf"] == pytest.approx(1.0)
        assert (model.threshold_, model.peak_, model.edge_) == (
            mix["threshold"],
            mix["peak"],
            mix["edge"],
        )
    assert model.threshold_ <= model.peak_ < 1
    metrics = card["metrics"]
    choice = metrics["choice"]
    assert (choice["neural_weight"], choice["threshold"], choice["peak"]) == (
        card["neural_weight"],
        card["threshold"],
        card["peak"],
    )
    # chosen on dev, where the mix beats the CRF alone; held-out it does too, and the baselines
    assert choice["dev"]["f1"] > choice["dev_crf_alone"]["f1"]
    # and within the CRF's span rate on the wire-dev articles
    assert choice["wire_dev_rate"] <= choice["wire_dev_rate_crf_alone"]
    assert metrics["si"]["f1"] > metrics["si_crf_alone"]["f1"]
    assert metrics["si_crf_alone"]["f1"] > metrics["si_baselines"]["every_sentence"]["f1"]


def test_corrupt_or_missing_minilm_tagger_raises_model_error(tmp_path) -> None:
    from veracity.artefacts import ARTEFACTS
    from veracity.propaganda.neural import load_neural_tagger

    with pytest.raises(ModelError, match="veracity train propaganda-tagger"):
        load_neural_tagger.__wrapped__(tmp_path)
    shutil.copy(ARTEFACTS["propaganda-tagger"].directory / CARD_FILE, tmp_path / CARD_FILE)
    (tmp_path / "tagger.joblib").write_bytes(b"not a tagger")
    with pytest.raises(ModelError, match="veracity train propaganda-tagger"):
        load_neural_tagger.__wrapped__(tmp_path)
    # the ensemble's second tagger missing: the same actionable error
    shutil.copy(ARTEFACTS["propaganda-tagger"].directory / "tagger.joblib", tmp_path)
    with pytest.raises(ModelError, match=r"tagger-2\.joblib.*veracity train propaganda-tagger"):
        load_neural_tagger.__wrapped__(tmp_path)


def test_a_span_on_a_speakers_turn_is_the_speakers() -> None:
    """probe s47 P1: an interview printed as labelled turns quotes its speakers by their labels,
    not by marks; their techniques are marked quoted as a quotation's are."""
    own = (
        "These corrupt, treasonous globalist thugs want to destroy our great nation and enslave "
        "every patriot who stands in their way!"
    )
    interview = (
        "Bill Whitaker: What did you tell the crowd at the rally on Saturday?\n\n"
        f"Gavin Newsom: I told them the truth. {own}\n\n"
        "Bill Whitaker: And how did the crowd respond to that?\n\n"
        "Gavin Newsom: They cheered for a long time, and then they went home."
    )
    spans = [
        s
        for s in detect_signals(analysed(interview, "deep"), names=["propaganda"])
        if s.start >= interview.index(own) and s.end <= interview.index(own) + len(own)
    ]
    assert spans
    for span in spans:
        assert span.detail["quoted"] is True
        assert "In a speaker's turn the article prints" in span.explanation


HURRICANE = (
    "Hurricane kills 264, Obama declares emergency\n\n"
    "The death toll from Hurricane Matthew, which barrelled towards the southeastern United "
    "States, in Haiti has climbed to 264, authorities said.\n\n"
    "Matthew, the most powerful hurricane to strike the Caribbean since 2007, made landfall in "
    "southwestern Haiti on Tuesday as a Category 4 storm with maximum sustained winds of 230 "
    "kph.\n\n"
    "Casualties\n\n"
    "A partial evaluation indicates that more than 20,000 homes were severely damaged, Joseph "
    "said.\n\n"
    "The search for additional casualties continues, authorities said.\n\n"
    "Most of the victims were killed by falling trees, flying debris and swollen rivers."
)


def test_a_one_word_section_heading_is_no_technique() -> None:
    # probe s47 P1: the subheading "Casualties" was tagged Slogans 0.48
    heading = HURRICANE.index("Casualties\n")
    signals = detect_signals(analysed(HURRICANE, "deep"), names=["propaganda"])
    assert not [s for s in signals if s.start <= heading < s.end]
