"""The artefact layer: cards, the version check, the registry and the generic train command."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from sklearn.linear_model import LogisticRegression

from tests.test_cli import veracity_in_process
from veracity.artefacts import ARTEFACTS, CARD_FILE, Card, artefact
from veracity.errors import ModelError

SPEC = replace(ARTEFACTS["stance"], name="toy", version="3")


def test_saved_artefact_reads_back_with_its_card(tmp_path: Path) -> None:
    model = LogisticRegression().fit([[0.0], [1.0]], [0, 1])
    card = SPEC.new_card(summary="toy held-out F1 1.000", threshold=0.4, splits={"train": 2})
    assert SPEC.save(card, tmp_path, objects={"model.joblib": model}) is card
    read = SPEC.read_card(tmp_path)
    assert read == card
    assert (read.name, read.version, read.threshold) == ("toy", "3", 0.4)
    assert read["splits"] == {"train": 2} and read.get("missing", "-") == "-"
    assert read.created and read.veracity_version
    assert SPEC.load_file("model.joblib", tmp_path).predict([[1.0]]).tolist() == [1]


def test_missing_outdated_and_corrupt_artefacts_name_the_rebuild_command(tmp_path: Path) -> None:
    hint = "rebuild it with: veracity train toy$"
    with pytest.raises(ModelError, match=f"toy artefact is missing at .*; {hint}"):
        SPEC.read_card(tmp_path)
    (tmp_path / CARD_FILE).write_text('{"version": "2"}', encoding="utf-8")
    with pytest.raises(ModelError, match=f"is version '2', this code needs '3'; {hint}"):
        SPEC.read_card(tmp_path)
    (tmp_path / CARD_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match=f"unreadable.*; {hint}"):
        SPEC.read_card(tmp_path)
    (tmp_path / CARD_FILE).write_text('{"version": "3", "threshold": "high"}', encoding="utf-8")
    with pytest.raises(ModelError, match=f"malformed.*; {hint}"):
        SPEC.read_card(tmp_path)
    with pytest.raises(ModelError, match=f"model file .* is missing; {hint}"):
        SPEC.load_file("model.joblib", tmp_path)
    (tmp_path / "model.joblib").write_bytes(b"not a pickle")
    with pytest.raises(ModelError, match=f"gives no SHA-256 of the files it describes.*; {hint}"):
        SPEC.load_file("model.joblib", tmp_path)
    pinned = {"model.joblib": hashlib.sha256(b"not a pickle").hexdigest()}
    card = {"version": "3", "artefact_sha256": pinned}
    (tmp_path / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match=f"model file .* is corrupt: .*; {hint}"):
        SPEC.load_file("model.joblib", tmp_path)


def test_cards_written_before_the_layer_still_read(tmp_path: Path) -> None:
    """Early cards: an integer version, the reliability cards' format_version, no name."""
    (tmp_path / CARD_FILE).write_text('{"version": 3, "threshold": 0.9}', encoding="utf-8")
    assert SPEC.read_card(tmp_path).version == "3"
    legacy = {"format_version": "3", "model_version": "toy-3.1", "metrics": {"f1": 0.5}}
    (tmp_path / CARD_FILE).write_text(json.dumps(legacy), encoding="utf-8")
    card = SPEC.read_card(tmp_path)
    assert (card.name, card.version, card["model_version"]) == ("toy", "3", "toy-3.1")


@pytest.mark.parametrize("name", [n for n, s in ARTEFACTS.items() if s.root == "artefacts"])
def test_every_shipped_artefact_loads_through_the_registry(name: str) -> None:
    spec = artefact(name)
    card = spec.read_card()
    assert card.version == spec.version
    assert card.metrics, f"{name}: the card records no metrics"
    assert spec.load_artefact() is not None
    assert spec.rebuild_command.startswith("veracity train ")


@pytest.mark.parametrize("name", [n for n, s in ARTEFACTS.items() if s.root == "artefacts"])
def test_every_shipped_artefact_names_its_typed_metrics(name: str) -> None:
    """A trainer's result is typed: its spec names the TrainingMetrics its card's metrics are
    (``metrics="module:Class"``; docs/architecture.md, "To add an artefact")."""
    assert artefact(name).metrics, (
        f"{name}: ArtefactSpec(metrics=...) names no TrainingMetrics subclass; define one with "
        "the card's figures and its summary line (docs/architecture.md, 'To add an artefact')"
    )


@pytest.mark.parametrize("name", [n for n, s in ARTEFACTS.items() if s.metrics])
def test_every_card_holds_its_typed_metrics_and_their_summary(name: str) -> None:
    """What a trainer writes is its typed result: the shipped card's metrics read back as it
    and are written back unchanged, and its summary line is the card's (reliability's card
    adds the model version and the scoring cost around it)."""
    spec = artefact(name)
    if spec.root == "reference" and not (spec.directory / CARD_FILE).is_file():
        pytest.skip(f"the {name} table is not built on this machine (veracity setup)")
    card = spec.read_card()
    metrics = spec.read_metrics()
    assert metrics.record() == card.metrics
    if card.summary.startswith("reliability "):
        assert f": {metrics.summary} (full LOCO" in card.summary
    elif card.summary:  # cards trained before summaries existed have none
        assert metrics.summary == card.summary
    assert metrics.summary and "\n" not in metrics.summary


def test_malformed_metrics_name_the_rebuild_command(tmp_path: Path) -> None:
    spec = replace(ARTEFACTS["evidence-stance"], name="toy", version="3")
    spec.save(spec.new_card(metrics={"held_out_claims": "many"}), tmp_path)
    with pytest.raises(ModelError, match=r"toy artefact card's metrics are malformed .*; rebuild"):
        spec.read_metrics(tmp_path)


def test_unknown_artefact_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="no artefact named 'nope'; known: reliability"):
        artefact("nope")
    assert isinstance(Card(name="x", version=1), Card)


@pytest.mark.data
def test_train_command_rebuilds_into_the_artefacts_folder_and_prints_the_summary(
    data_dir: Path, tmp_path: Path
) -> None:
    """`veracity train clickbait` on a 600-headline slice of the corpus, into a scratch folder."""
    corpus = tmp_path / "data" / "clickbait"
    corpus.mkdir(parents=True)
    for name in ("clickbait_data.gz", "non_clickbait_data.gz"):
        with gzip.open(data_dir / "clickbait" / name, "rt", encoding="utf-8") as source:
            lines = [line.strip() for line in source if line.strip()][:300]
        with gzip.open(corpus / name, "wt", encoding="utf-8") as target:
            target.write("\n".join(lines))
    result = veracity_in_process(
        "train",
        "clickbait",
        "--data",
        str(corpus.parent),
        env={"VERACITY_ARTEFACTS_DIR": str(tmp_path / "artefacts")},
    )
    assert result.returncode == 0, result.stderr
    card = json.loads((tmp_path / "artefacts" / "clickbait" / CARD_FILE).read_text())
    assert result.stdout.startswith(card["summary"])
    assert card["summary"].startswith("clickbait test accuracy")
    assert result.stdout.rstrip().endswith(str(tmp_path / "artefacts" / "clickbait"))
    # training ships the runtime form the loader derives, for the file it wrote
    from veracity.artefacts import _load_runtime
    from veracity.signals.clickbait_model import MODEL_FILE, RUNTIME_FORMAT

    shipped = _load_runtime(tmp_path / "artefacts" / "clickbait" / MODEL_FILE, RUNTIME_FORMAT)
    assert shipped is not None and shipped[0].threshold == card["threshold"]


def test_loaded_model_is_cached_as_plain_pickle_and_a_changed_file_is_reread(
    tmp_path, monkeypatch
) -> None:
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    try:
        SPEC.save(SPEC.new_card(), tmp_path, objects={"model.joblib": {"weights": [1, 2, 3]}})
        assert SPEC.load_file("model.joblib", tmp_path) == {"weights": [1, 2, 3]}
        [copy] = (tmp_path / "cache" / "artefacts").glob("model-*.pickle")
        assert SPEC.load_file("model.joblib", tmp_path) == {"weights": [1, 2, 3]}  # the copy
        # retrained: other bytes, so another key (the copy is keyed by the bytes' SHA-256)
        SPEC.save(SPEC.new_card(), tmp_path, objects={"model.joblib": {"weights": [4]}})
        assert SPEC.load_file("model.joblib", tmp_path) == {"weights": [4]}
        [new] = set((tmp_path / "cache" / "artefacts").glob("model-*.pickle")) - {copy}
        new.write_bytes(b"not a pickle")  # a damaged copy is ignored, never trusted
        assert SPEC.load_file("model.joblib", tmp_path) == {"weights": [4]}
    finally:
        get_settings.cache_clear()


def test_a_shipped_runtime_form_is_read_instead_of_deriving_until_the_file_changes(
    tmp_path, monkeypatch
) -> None:

    from veracity.artefacts import runtime_path
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    calls: list[dict] = []

    def derive(obj: dict) -> dict:
        calls.append(obj)
        return {"total": sum(obj["weights"])}

    try:
        card = SPEC.new_card(summary="toy")
        SPEC.save(card, tmp_path, objects={"model.joblib": {"weights": [1, 2, 3]}},
                  runtime={"model.joblib": (derive, "toy-runtime-1")})  # fmt: skip
        assert runtime_path(tmp_path / "model.joblib", "toy-runtime-1").is_file()
        calls.clear()
        assert SPEC.load_derived("model.joblib", derive, "toy-runtime-1", tmp_path) == {"total": 6}
        assert calls == []  # read as shipped: nothing derived, nothing cached
        assert not (tmp_path / "cache" / "artefacts").exists()
        # another derived format is not this one
        assert SPEC.load_derived("model.joblib", derive, "toy-runtime-2", tmp_path) == {"total": 6}
        assert len(calls) == 1
        # retrained without shipping (the card pins the new file and the stale form)
        SPEC.save(card, tmp_path, objects={"model.joblib": {"weights": [4]}})
        assert SPEC.load_derived("model.joblib", derive, "toy-runtime-1", tmp_path) == {"total": 4}
        assert calls[-1] == {"weights": [4]}
        assert SPEC.ship_derived("model.joblib", derive, "toy-runtime-1", tmp_path)
        calls.clear()
        assert SPEC.load_derived("model.joblib", derive, "toy-runtime-1", tmp_path) == {"total": 4}
        assert calls == []
    finally:
        get_settings.cache_clear()


def test_a_runtime_form_holding_scikit_learn_objects_is_not_shipped(tmp_path) -> None:
    from veracity.artefacts import runtime_path

    model = LogisticRegression().fit([[0.0], [1.0]], [0, 1])
    shipped = runtime_path(tmp_path / "model.joblib", "toy-runtime-1")
    SPEC.save(SPEC.new_card(), tmp_path, objects={"model.joblib": {"w": 1}},
              runtime={"model.joblib": (lambda obj: obj, "toy-runtime-1")})  # fmt: skip
    assert shipped.is_file()
    assert (
        SPEC.ship_derived("model.joblib", lambda obj: [obj, model], "toy-runtime-1", tmp_path)
        is None
    )
    assert not shipped.exists()  # the earlier form is not left to be read either


def test_the_fast_path_models_ship_runtime_forms_equal_to_what_they_derive() -> None:
    """A retrain writes them (``ArtefactSpec.save(runtime=...)``); a stale one would be ignored,
    costing every cold process about 3 s, so this fails until it is shipped again."""
    import numpy as np

    from veracity.artefacts import _load_runtime
    from veracity.models.artefact import MODEL_FILE, SPECS, _scorer_of, artefact_dir
    from veracity.models.inference import SCORER_FORMAT
    from veracity.signals.clickbait_model import MODEL_FILE as CLICKBAIT_FILE
    from veracity.signals.clickbait_model import RUNTIME_FORMAT, _runtime_of

    texts = ["Officials said on Monday the bridge will open.", "You WON'T believe this!!"]
    folder = artefact_dir(None, "fast")
    shipped = _load_runtime(folder / MODEL_FILE, SCORER_FORMAT)
    assert shipped is not None, "rebuild: SPECS['fast'].ship_derived(...) (see artefacts.py)"
    derived = _scorer_of(folder, "fast")(SPECS["fast"].load_file(MODEL_FILE, folder))
    for a, b in zip(shipped[0].features(texts), derived.features(texts), strict=True):
        got, expected = (np.asarray(x.data if hasattr(x, "data") else x) for x in (a, b))
        assert np.array_equal(got, expected)
    spec = ARTEFACTS["clickbait"]
    shipped = _load_runtime(spec.directory / CLICKBAIT_FILE, RUNTIME_FORMAT)
    assert shipped is not None
    fresh = _runtime_of(spec.read_card(), None)(spec.load_file(CLICKBAIT_FILE))
    assert [shipped[0].probability(t) for t in texts] == [fresh.probability(t) for t in texts]


def test_saving_a_reliability_model_ships_its_scorer(tmp_path) -> None:
    import numpy as np

    from veracity.artefacts import _load_runtime
    from veracity.models.artefact import MODEL_FILE, load_artefact, save_artefact
    from veracity.models.inference import SCORER_FORMAT, LinearScorer

    model = load_artefact().model
    save_artefact(model, {}, tmp_path, "fast", summary="the shipped model, saved again")
    shipped = _load_runtime(tmp_path / MODEL_FILE, SCORER_FORMAT)
    assert shipped is not None and isinstance(shipped[0], LinearScorer)
    texts = ["Officials said on Monday that the bridge will open next week."]
    matrix, style = shipped[0].features(texts)
    expected_matrix, expected_style = LinearScorer(model).features(texts)
    assert np.array_equal(matrix.data, expected_matrix.data)
    assert np.array_equal(style, expected_style)


class _OpensOnLoad:
    """Unpickling it creates ``marker``: a stand-in for code a planted pickle would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def plant_as_another_user(path: Path, how: str) -> None:
    """Make ``path`` a file another user could have written: by mode, or by owner (root only)."""
    if how == "owned by another user":
        if os.geteuid() != 0:
            pytest.skip("giving a file to another user needs root")
        os.chown(path, 65534, 65534)
    else:
        os.chmod(path, 0o666 if how == "writable by others" else 0o664)


PLANTED = ["writable by others", "writable by its group", "owned by another user"]


@pytest.mark.parametrize("planted", PLANTED)
def test_a_cache_pickle_another_user_could_have_written_is_never_unpickled(
    tmp_path: Path, planted: str
) -> None:
    import pickle

    from veracity.artefacts import read_cache_pickle

    marker = tmp_path / "code-ran"
    cached = tmp_path / "cache" / "model-tag-key.pickle"
    cached.parent.mkdir(mode=0o700)
    cached.write_bytes(pickle.dumps(_OpensOnLoad(marker)))
    os.chmod(cached, 0o600)
    assert read_cache_pickle(cached) is not None and marker.exists()  # this user's file is read
    marker.unlink()
    plant_as_another_user(cached, planted)
    assert read_cache_pickle(cached) is None
    assert not marker.exists()


def test_a_fifo_or_a_link_under_a_cache_name_is_neither_waited_on_nor_followed(
    tmp_path: Path,
) -> None:
    import pickle

    from veracity.artefacts import read_cache_pickle, write_cache_pickle

    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.mkfifo(folder / "fifo.pickle")
    assert read_cache_pickle(folder / "fifo.pickle") is None  # before: open() waited for good
    mine = tmp_path / "elsewhere.pickle"
    mine.write_bytes(pickle.dumps({"kept": 1}))
    (folder / "link.pickle").symlink_to(mine)
    assert read_cache_pickle(folder / "link.pickle") is None
    # A link planted where the partial file goes is not written through.
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    cached = folder / "model.pickle"
    (folder / f"model.pickle.{os.getpid()}.tmp").symlink_to(victim)
    write_cache_pickle(cached, {"weights": [1]})
    assert victim.read_text() == "untouched"
    assert read_cache_pickle(cached) == ({"weights": [1]},)


def test_a_planted_language_model_copy_is_not_run_and_the_guess_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from veracity.nlp.language import guess_language, language_identifier, model_copy_path
    from veracity.settings import get_settings

    # The copy's name is the package's version and the model's size: anyone can compute it.
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # a cache folder under /tmp, as VERACITY_CACHE_DIR may name
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(shared))
    get_settings.cache_clear()
    language_identifier.cache_clear()
    planted = model_copy_path()
    assert planted.parent == shared
    marker = tmp_path / "code-ran"
    planted.write_bytes(pickle.dumps(_OpensOnLoad(marker)))
    plant_as_another_user(planted, "writable by others")
    try:
        assert (
            guess_language("The council approved the budget for the new school on Monday.") == "en"
        )
        assert not marker.exists()  # before: the planted pickle ran, then the guess failed
    finally:
        language_identifier.cache_clear()
        get_settings.cache_clear()


def _touch(path: str) -> dict[str, bool]:
    Path(path).touch()
    return {"loaded": True}


class _TouchesOnLoad:
    """Unpickling it creates ``marker`` and gives a plain dict (which a cache copy can hold)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (_touch, (str(self.marker),))


def test_a_model_file_under_a_folder_others_can_write_is_not_unpickled(tmp_path: Path) -> None:
    """Hostile round 8: round 7 checks an index's and a store's own folder, and the trust model
    left the models (joblib pickles) and every folder above them alone: a model folder under a
    folder every user may write (a shared /srv/models, chmod 777) or another user owns let that
    user rename the folder away and put one of their own in its place, whose pickle ran their
    code as whoever ran veracity next. A model file, its runtime form and the folders above
    them must be this user's or root's and not writable by every user (a sticky folder, as
    /tmp, may be); otherwise one error line and nothing unpickled."""

    marker = tmp_path / "code-ran"
    spec = ARTEFACTS["reliability"]
    cases = {}
    for name, mode in (("open", 0o777), ("sticky", 0o1777)):
        parent = tmp_path / name
        parent.mkdir()
        parent.chmod(mode)
        cases[name] = parent
    if os.geteuid() == 0:  # another user's folder is made as root only
        theirs = tmp_path / "theirs"
        theirs.mkdir()
        os.chown(theirs, 65534, 65534)
        cases["theirs"] = theirs
    for name, parent in cases.items():
        folder = parent / "models"
        folder.mkdir()
        spec.save(spec.new_card(), folder, objects={"model.joblib": _TouchesOnLoad(marker)})
        if name == "sticky":
            spec.load_file("model.joblib", folder)  # read: no one else can swap it
            assert marker.exists()
            marker.unlink()
            continue
        with pytest.raises(ModelError, match=r"is not loaded: .*, a folder above ") as caught:
            spec.load_file("model.joblib", folder)
        assert "who could make it run their code as you" in str(caught.value)
        assert not marker.exists()
        with pytest.raises(ModelError, match="is not loaded"):
            spec.load_derived("model.joblib", lambda model: model, "tag", folder)
        assert not marker.exists()


def test_a_pipe_at_a_model_files_name_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Round 10: a model file (the fact-check store's matcher.joblib, any joblib model) was
    opened by joblib as named, so a pipe there hung whatever loaded it for good."""
    from tests.hostile import without_waiting_on_pipes

    folder = tmp_path / "models"
    folder.mkdir()
    pipe = folder / "model.joblib"
    os.mkfifo(pipe)
    with pytest.raises(ModelError, match=r"is not a regular file \(a pipe or a device\)"):
        without_waiting_on_pipes(
            lambda: ARTEFACTS["reliability"].load_file("model.joblib", folder), [pipe]
        )


def test_a_card_that_is_a_pipe_or_nested_past_the_limit_is_one_model_error(
    tmp_path: Path,
) -> None:
    """Round 14: every card (the relevance artefact is its card alone; the fact-check store's,
    the outlet table's and each model's are read before their files) was read by its name with
    `read_text`, so a pipe at `card.json` hung whatever loaded it (the first deep analysis, the
    API's background load) for good, and a card of JSON nested 200,000 deep was RecursionError,
    an internal error, where a card that is no JSON is the artefact's one error."""
    from tests.hostile import without_waiting_on_pipes
    from veracity.artefacts import card_digests

    pipe = tmp_path / "piped" / CARD_FILE
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    with pytest.raises(ModelError, match=r"is not a regular file \(a pipe or a device\)"):
        without_waiting_on_pipes(lambda: SPEC.read_card(pipe.parent), [pipe])
    assert without_waiting_on_pipes(lambda: card_digests(pipe.parent), [pipe]) is None
    deep = tmp_path / "deep" / CARD_FILE
    deep.parent.mkdir()
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(
        ModelError, match=r"unreadable: maximum recursion depth.*veracity train toy"
    ):
        SPEC.read_card(deep.parent)
    assert card_digests(deep.parent) is None


def test_a_model_card_another_user_could_have_written_is_not_read(tmp_path: Path) -> None:
    """Round 14: round 8 refuses a model file (and its runtime form) that another user could
    have put in place, not its card, which holds what the model does: the relevance artefact is
    its card alone (its coefficients decide which passages count as evidence), the reliability
    cards hold their bands' thresholds, the propaganda card its members' weights. A card every
    user may write, or in a folder they may (not sticky, as /tmp is), or another user owns, was
    read as it was; it is refused in one line naming the path."""
    card = SPEC.new_card(threshold=0.4)
    cases = {}
    for name, mode in (("open", 0o777), ("sticky", 0o1777)):
        parent = tmp_path / name
        parent.mkdir()
        parent.chmod(mode)
        cases[name] = parent / "toy"
    cases["card open"] = tmp_path / "card-open" / "toy"
    if os.geteuid() == 0:  # another user's file is made as root only
        cases["theirs"] = tmp_path / "theirs" / "toy"
    for name, folder in cases.items():
        SPEC.save(card, folder)
        if name == "card open":
            (folder / CARD_FILE).chmod(0o666)
        if name == "theirs":
            os.chown(folder / CARD_FILE, 65534, 65534)
        if name == "sticky":
            assert SPEC.read_card(folder).threshold == 0.4  # no one else can swap it
            continue
        with pytest.raises(ModelError, match=r"artefact card .* is not read: .*chmod o-w\)$"):
            SPEC.read_card(folder)
    reference = replace(SPEC, root="reference")  # data tables: not enforced (security.md)
    assert reference.read_card(cases["card open"]).threshold == 0.4


def test_every_shipped_artefact_pins_each_of_its_files_by_sha256() -> None:
    """Hostile round 11, left: the cards gave no digest of the files they describe, so a model
    file changed in place at its own size was loaded as it was. A refit writes them (``save``)."""
    from veracity.artefacts import DIGESTS_FIELD, file_sha256

    for spec in ARTEFACTS.values():
        if spec.root != "artefacts":
            continue
        pinned = spec.read_card().get(DIGESTS_FIELD)
        files = sorted(p.name for p in spec.directory.iterdir() if p.name != CARD_FILE)
        assert pinned is not None and sorted(pinned) == files, spec.name
        assert all(file_sha256(spec.directory / n) == pinned[n] for n in files), spec.name


def test_a_model_file_changed_in_place_at_its_own_size_is_one_model_error(tmp_path: Path) -> None:
    """Hostile round 11, left: only a file's size, header and owner were checked, so a pickle
    changed in place at its own size (a copy over it that stopped, damage) loaded as it now was."""
    SPEC.save(SPEC.new_card(), tmp_path, objects={"model.joblib": {"word": "alpha"}}, compress=0)
    assert SPEC.load_file("model.joblib", tmp_path) == {"word": "alpha"}
    model = tmp_path / "model.joblib"
    model.write_bytes(model.read_bytes().replace(b"alpha", b"omega"))  # same size, still loads
    with pytest.raises(ModelError, match=r"is not the one its card gives \(SHA-256 ") as caught:
        SPEC.load_file("model.joblib", tmp_path)
    assert str(caught.value).endswith("rebuild it with: veracity train toy")
    assert caught.value.exit_code == 6
    with pytest.raises(ModelError, match="is not the one its card gives"):
        SPEC.load_derived("model.joblib", lambda obj: obj, "toy-runtime-1", tmp_path)
    (tmp_path / "other.joblib").write_bytes(model.read_bytes())  # a file the card does not name
    with pytest.raises(ModelError, match=r"card\.json gives no SHA-256 for it"):
        SPEC.load_file("other.joblib", tmp_path)


def test_a_shipped_runtime_form_written_over_is_one_model_error(tmp_path: Path) -> None:
    """A runtime form is unpickled when it names its source file's SHA-256 and its tag: one
    written over the shipped one (another object for the same file) was read as shipped."""
    from veracity.artefacts import _ship_runtime

    SPEC.save(SPEC.new_card(), tmp_path, objects={"model.joblib": {"weights": [1, 2, 3]}},
              runtime={"model.joblib": (lambda obj: obj, "toy-runtime-1")})  # fmt: skip
    _ship_runtime(tmp_path / "model.joblib", {"weights": [9]}, "toy-runtime-1")
    with pytest.raises(ModelError, match="is not the one its card gives"):
        SPEC.load_derived("model.joblib", lambda obj: obj, "toy-runtime-1", tmp_path)
    # shipping a form through the artefact layer pins it in the card
    SPEC.ship_derived("model.joblib", lambda obj: obj, "toy-runtime-1", tmp_path)
    assert SPEC.load_derived("model.joblib", lambda obj: obj, "toy-runtime-1", tmp_path) == {
        "weights": [1, 2, 3]
    }


def test_a_reference_table_pins_the_files_its_build_wrote_not_the_whole_folder(
    tmp_path: Path,
) -> None:
    """A reference table's folder (the fact-check store) also holds files others rewrite
    (``veracity factchecks import`` rewrites its records): its card pins what ``save`` wrote."""
    from veracity.artefacts import DIGESTS_FIELD

    table = replace(SPEC, root="reference")
    (tmp_path / "records.jsonl").write_text("{}\n")
    card = table.save(table.new_card(), tmp_path, objects={"matcher.joblib": {"w": 1}})
    assert sorted(card[DIGESTS_FIELD]) == ["matcher.joblib"]
    assert table.load_file("matcher.joblib", tmp_path) == {"w": 1}


def test_a_training_key_others_could_read_signs_and_reads_nothing(tmp_path, monkeypatch) -> None:
    """Whoever can read the key can sign a pickle for the next training run to unpickle."""
    from veracity.artefacts import (
        TRAINING_KEY_FILE,
        read_signed_training_file,
        sign_training_file,
    )
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    try:
        checkpoint = tmp_path / "checkpoint.pkl"
        checkpoint.write_bytes(b"weights")
        sign_training_file(checkpoint)
        assert (tmp_path / "cache" / TRAINING_KEY_FILE).stat().st_mode & 0o777 == 0o600
        assert read_signed_training_file(checkpoint, "the checkpoint", "delete it") == b"weights"
        (tmp_path / "cache" / TRAINING_KEY_FILE).chmod(0o644)
        with pytest.raises(ModelError, match="could have been written or read by another user"):
            read_signed_training_file(checkpoint, "the checkpoint", "delete it")
    finally:
        get_settings.cache_clear()


def test_a_model_file_swapped_after_its_check_is_not_what_loads(tmp_path, monkeypatch) -> None:
    """Hostile round 12: a model file's SHA-256 was checked, then joblib opened the file again
    by its name, so a file put in its place between the two reads (another pickle: code run
    as this user) was loaded unchecked; so was a runtime form swapped after its check."""
    import joblib

    import veracity.artefacts as artefacts
    from tests.hostile import SwapsAfterHashing
    from veracity.artefacts import _ship_runtime, runtime_path
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    marker = tmp_path / "ran"
    hostile = tmp_path / "hostile.joblib"
    joblib.dump(_TouchesOnLoad(marker), hostile)
    folder = tmp_path / "models"
    try:
        SPEC.save(SPEC.new_card(), folder, objects={"model.joblib": {"word": "alpha"}},
                  runtime={"model.joblib": (lambda obj: obj, "toy-runtime-1")})  # fmt: skip
        model = folder / "model.joblib"
        swap = SwapsAfterHashing(model, hostile.read_bytes())
        monkeypatch.setattr(artefacts, "hashlib", swap)
        assert SPEC.load_file("model.joblib", folder) == {"word": "alpha"}  # the bytes checked
        assert swap.swapped and not marker.exists()
        monkeypatch.setattr(artefacts, "hashlib", swap._hashlib)
        with pytest.raises(ModelError, match="is not the one its card gives"):
            SPEC.load_file("model.joblib", folder)  # the next load reads what now lies there
        assert not marker.exists()
        # the runtime form beside it, swapped for another form of the same file after its check
        SPEC.save(SPEC.new_card(), folder, objects={"model.joblib": {"word": "alpha"}},
                  runtime={"model.joblib": (lambda obj: obj, "toy-runtime-1")})  # fmt: skip
        form = runtime_path(model, "toy-runtime-1")
        other = tmp_path / "other" / "model.joblib"
        other.parent.mkdir()
        other.write_bytes(model.read_bytes())
        other_form = _ship_runtime(other, {"word": "omega"}, "toy-runtime-1")
        assert other_form is not None
        swap = SwapsAfterHashing(form, other_form.read_bytes())
        monkeypatch.setattr(artefacts, "hashlib", swap)
        loaded = SPEC.load_derived("model.joblib", lambda obj: obj, "toy-runtime-1", folder)
        assert swap.swapped and loaded == {"word": "alpha"}
    finally:
        get_settings.cache_clear()


def test_a_card_without_digests_loads_no_model_file(tmp_path: Path) -> None:
    """Hostile round 12: a card that names no SHA-256 (written before cards had them, or by
    hand beside a file of someone's choosing) had its model files unpickled unchecked."""
    import joblib

    marker = tmp_path / "ran"
    (tmp_path / CARD_FILE).write_text('{"version": "3"}', encoding="utf-8")
    joblib.dump(_TouchesOnLoad(marker), tmp_path / "model.joblib")
    for load in (
        lambda: SPEC.load_file("model.joblib", tmp_path),
        lambda: SPEC.load_derived("model.joblib", lambda obj: obj, "toy-runtime-1", tmp_path),
    ):
        with pytest.raises(ModelError, match=r"gives no SHA-256 of the files it describes") as e:
            load()
        assert str(e.value).endswith("rebuild it with: veracity train toy")
        assert "\n" not in str(e.value) and e.value.exit_code == 6
    assert not marker.exists()
