"""``veracity batch --adapt``: refused where it cannot run (one line, before any chunk), the
adapted rows' scores and model version, abstained rows untouched, and a resumed run."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tests.batch.conftest import read_jsonl, write_jsonl
from tests.models.adaptation_corpora import batch_records, fit_rows, training_records
from veracity.batch import BatchJob, InputSpec, run_batch
from veracity.batch import adaptation as step
from veracity.cli import app
from veracity.errors import InputError, ModelError
from veracity.models import label_for
from veracity.models.artefact import load_artefact
from veracity.models.features import fast_detector_names
from veracity.settings import get_settings

runner = CliRunner()
SHARE = 0.2


def test_adapt_without_the_training_corpora_is_one_line_before_any_chunk(
    tmp_path: Path, small_jsonl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-corpora"
    empty.mkdir()
    monkeypatch.setenv("VERACITY_DATA_DIR", str(empty))
    get_settings.cache_clear()
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(small_jsonl), "--out", str(out), "--adapt"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: --adapt refits the fast model on its training")
    assert len(result.output.strip().splitlines()) == 1
    line = " ".join(result.output.split())
    assert str(empty) in line and "fakenewsnet" in line and "propanews_snopes" in line
    assert "VERACITY_DATA_DIR" in line
    assert not out.exists() and not Path(f"{out}.parts").exists()  # no chunk was analysed


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--depth", "deep"], "--depth deep"),
        (["--corroborate"], "--corroborate"),
        (["--store"], "--store"),
    ],
)
def test_adapt_is_refused_beside_what_it_does_not_combine_with(
    tmp_path: Path, small_jsonl: Path, flags: list[str], named: str
) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(small_jsonl), "--out", str(out), "--adapt", *flags])
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "--adapt runs on the fast path's scores alone" in result.output
    assert named in result.output and not Path(f"{out}.parts").exists()


def test_the_adaptation_share_is_chosen_for_the_fast_model_only() -> None:
    result = runner.invoke(app, ["train", "reliability", "--deep", "--adaptation-only"])
    assert result.exit_code == 2, result.output
    assert "only the fast reliability model adapts" in result.output


@pytest.fixture
def adapting(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """``--adapt`` on fixture-sized training rows (two corpora) and a fixed share, whatever
    share the shipped card holds; counts the refits."""
    vectoriser = load_artefact(depth="fast").model.vectoriser_
    training = fit_rows(training_records(data_dir), vectoriser)
    calls = {"training": 0}

    def rows(folder: Path, given: Any) -> Any:
        calls["training"] += 1
        return training

    monkeypatch.setattr(step, "training_rows", rows)
    monkeypatch.setattr(step, "adaptation_share", lambda: SHARE)
    return calls


def batch_input(folder: Path, data_dir: Path) -> Path:
    rows = [
        {"id": record.id, "title": record.title, "text": record.text}
        for record in batch_records(data_dir)
    ]
    rows.insert(3, {"id": "short", "title": "Brief", "text": "Too short to judge."})
    rows.insert(
        7,
        {
            "id": "german",
            "title": "Der Stadtrat",
            "text": "Der Stadtrat hat am Freitag beschlossen, dass die neue Brücke am Montag "
            "für den Verkehr geöffnet wird. Das teilte die Verkehrsbehörde in einer Erklärung "
            "mit, die am Abend veröffentlicht wurde. Die Arbeiten hatten zwei Jahre gedauert.",
        },
    )
    return write_jsonl(folder / "batch.jsonl", rows)


@pytest.mark.data
def test_adapted_rows_carry_new_scores_and_version_and_abstentions_stay(
    tmp_path: Path, data_dir: Path, adapting: dict[str, Any]
) -> None:
    source = batch_input(tmp_path, data_dir)
    spec = InputSpec.for_path(source)
    shipped_out, adapted_out = tmp_path / "shipped.jsonl", tmp_path / "adapted.jsonl"
    run_batch(BatchJob(input=spec, out=shipped_out, chunk_size=16))
    summary = run_batch(BatchJob(input=spec, out=adapted_out, chunk_size=16, adapt=True))
    shipped, adapted = read_jsonl(shipped_out), read_jsonl(adapted_out)
    assert summary.rows == len(adapted) == len(shipped) == 42
    version = load_artefact(depth="fast").version
    moved = 0
    for before, after in zip(shipped, adapted, strict=True):
        if before["reliability_status"] != "scored":
            assert after == before  # the shipped model's abstention, untouched
            continue
        assert re.fullmatch(
            rf"{re.escape(version)}\+adapted\.k20\.[0-9a-f]{{8}}", after["model_version"]
        )
        assert after["label"] == label_for(after["score"])
        assert after["notes"] == [*before["notes"], step.adaptation_note(SHARE)]
        assert {
            k: v for k, v in after.items() if k not in ("score", "label", "model_version", "notes")
        } == {
            k: v for k, v in before.items() if k not in ("score", "label", "model_version", "notes")
        }
        moved += after["score"] != before["score"]
    statuses = {row["id"]: row["reliability_status"] for row in adapted}
    assert statuses["short"] == "too_short" and statuses["german"] == "not_english"
    assert moved >= 30  # of the 40 scored articles
    assert len({row["model_version"] for row in adapted if row["score"] is not None}) == 1
    assert adapting["training"] == 1


@pytest.mark.data
def test_a_resumed_run_neither_mixes_nor_refits_what_it_kept(
    tmp_path: Path, data_dir: Path, adapting: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = InputSpec.for_path(batch_input(tmp_path, data_dir))
    out = tmp_path / "out.jsonl"
    # an unfinished run without --adapt: its chunks are no adapted run's
    run_batch(BatchJob(input=spec, out=out, chunk_size=16, keep_parts=True))
    with pytest.raises(InputError, match="holds a run with different input or options"):
        run_batch(BatchJob(input=spec, out=out, chunk_size=16, adapt=True))
    run_batch(BatchJob(input=spec, out=out, chunk_size=16, adapt=True, fresh=True, keep_parts=True))
    first = read_jsonl(out)
    assert (Path(f"{out}.parts") / step.RESULT_NAME).is_file()
    # the step's result is kept: a rerun reads it and refits nothing
    monkeypatch.setattr(step, "training_rows", lambda *_: pytest.fail("refitted again"))
    run_batch(BatchJob(input=spec, out=out, chunk_size=16, adapt=True, keep_parts=True))
    assert read_jsonl(out) == first
    # a run killed inside the step left no result: the step is redone whole, to the same rows
    (Path(f"{out}.parts") / step.RESULT_NAME).unlink()
    monkeypatch.undo()
    monkeypatch.setattr(step, "training_rows", lambda *_: adapting_rows(data_dir))
    monkeypatch.setattr(step, "adaptation_share", lambda: SHARE)
    run_batch(BatchJob(input=spec, out=out, chunk_size=16, adapt=True))
    assert read_jsonl(out) == first
    assert not Path(f"{out}.parts").exists()


def adapting_rows(data_dir: Path) -> Any:
    return fit_rows(training_records(data_dir), load_artefact(depth="fast").model.vectoriser_)


def _adapt_with_card(
    tmp_path: Path,
    small_jsonl: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[dict[str, Any]], object],
) -> tuple[Result, Path]:
    """``veracity batch --adapt`` of ``small_jsonl`` with the shipped fast card's fields changed
    by ``edit`` (a card edited by hand, or written before its share): the run and its output."""
    from veracity.models import artefact

    shipped = artefact.load_scorer(depth="fast")
    fields = dict(shipped.card.model_extra or {})
    edit(fields)
    card = shipped.card.model_copy(update={}, deep=True)
    card.__pydantic_extra__ = fields
    monkeypatch.setattr(
        artefact,
        "load_scorer",
        lambda depth="fast": artefact.ReliabilityScorer(card, shipped.scorer),
    )
    out = tmp_path / "out.jsonl"
    return runner.invoke(app, ["batch", str(small_jsonl), "--out", str(out), "--adapt"]), out


@pytest.mark.data
def test_a_model_card_without_its_share_is_one_line_before_any_chunk(
    tmp_path: Path, small_jsonl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a card written before the share was chosen
    result, out = _adapt_with_card(
        tmp_path, small_jsonl, monkeypatch, lambda fields: fields.pop("adaptation")
    )
    assert result.exit_code == 6, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "holds no adaptation share" in result.output
    assert "veracity train reliability --adaptation-only" in " ".join(result.output.split())
    assert not Path(f"{out}.parts").exists()


@pytest.mark.data
@pytest.mark.parametrize("share", [float("inf"), float("nan"), -0.5, True, 5, "0.3"], ids=repr)
def test_a_model_card_whose_share_is_no_share_is_one_line_before_any_chunk(
    tmp_path: Path, small_jsonl: Path, monkeypatch: pytest.MonkeyPatch, share: object
) -> None:
    """Hostile round 17, attack 4: a card edited by hand whose share was Infinity ended the run
    in an internal OverflowError after every chunk (exit 70); NaN or a negative share adapted
    nothing and said nothing; true or 5 took every scored row as a pseudo-label ("refitted
    with 500% of the batch's scored articles"). Each is one ModelError before any chunk."""

    def edit(fields: dict[str, Any]) -> None:
        fields["adaptation"] = {**fields["adaptation"], "share": share}

    result, out = _adapt_with_card(tmp_path, small_jsonl, monkeypatch, edit)
    assert result.exit_code == 6, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "not a number from 0 to 1" in " ".join(result.output.split())
    assert not Path(f"{out}.parts").exists()


@pytest.mark.data
@pytest.mark.slow
def test_on_ray_the_chunks_run_as_tasks_and_the_step_in_the_driver_to_the_same_rows(
    tmp_path: Path, data_dir: Path, adapting: dict[str, Any]
) -> None:
    ray = pytest.importorskip("ray")
    spec = InputSpec.for_path(batch_input(tmp_path, data_dir))
    local, on_ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    run_batch(BatchJob(input=spec, out=local, chunk_size=16, adapt=True))
    # the batch starts its own local Ray, as `veracity batch --engine ray` does (a Ray this
    # process started first without veracity's own token would leave the process unable to
    # start a token-authenticated one later: tests/batch/test_ray_engine.py runs after this)
    run_batch(BatchJob(input=spec, out=on_ray, chunk_size=16, adapt=True, engine="ray"))
    assert not ray.is_initialized()
    assert read_jsonl(on_ray) == read_jsonl(local)
    assert adapting["training"] == 2


def test_rows_that_do_not_read_back_as_the_model_scored_them_are_refused() -> None:
    """The step recomputes each scored row's shipped score before it ranks the pseudo-labels:
    a row further than the rounding from the score its chunk wrote (chunks scored by another
    model, an edited results folder) ends the step in one error naming the row and --fresh,
    not in an adaptation ranked on scores the rows do not hold."""
    step._check_scores([], [], [])
    step._check_scores([3, 7], [0.5, 0.25], [0.50004, 0.24996])  # the rows' 4 decimals
    with pytest.raises(ModelError, match=r"^--adapt: row 7 was scored 0\.25 and reads back as "):
        step._check_scores([3, 7], [0.5, 0.25], [0.50004, 0.2531])
    with pytest.raises(ModelError, match=r"rerun with --fresh$"):
        step._check_scores([3], [0.5], [0.4])


def test_a_fast_model_that_reads_other_detectors_than_the_rows_counted_is_refused() -> None:
    """The pseudo rows' features are rebuilt from the rows' signal counts, every fast detector's:
    a fast model that reads another set of detectors is one error naming the retraining."""
    names = fast_detector_names()
    step._check_detectors(list(reversed(names)))  # the order is not the model's business
    with pytest.raises(ModelError, match=r"retrain it with: veracity train reliability$"):
        step._check_detectors(names[1:])
