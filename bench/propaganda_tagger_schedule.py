"""Propaganda spans: a sentence tagger fine-tuned with its learning rates warmed up and decayed
to zero, chosen on the dev articles beside the shipped mix; nothing here ships unless its
out-of-fold dev gain reaches the noise bar.

Usage: fine-tune the tagger with
``nice -n 10 python bench/propaganda_tagger_schedule.py --train [--epochs E]`` (MiniLM's top
:data:`LAYERS` layers, as the shipped five-layer tagger; a :data:`MINUTES`-minute box on one
core, one torch thread, plus encoding; the best checkpoint yet is kept after every checkpoint),
then ``nice -n 10 python bench/propaganda_tagger_schedule.py [--epochs E] [--out FILE] [--write]``.
``--epochs``: where the decay reaches zero, one of :data:`SCHEDULES` (default 3); each has its
own tagger file and its own section.

The shipped taggers were fine-tuned at constant rates (AdamW, 1e-4 for the layers, 1e-3 for
the head) in a time box, their checkpoint chosen on dev; their dev F1 by checkpoint rises for
about an epoch and then wanders. This tagger is the shipped five-layer one's recipe (the train
articles and the 80 wire articles as negatives, batch 32, inside pieces weighted up, the same
seed) with a schedule: the rates warm up linearly over the first 6% of the run and decay
linearly to zero at the schedule's epochs or at the end of the box, whichever comes first
(:class:`veracity.propaganda.train_tagger.Schedule`). Its checkpoint is chosen on dev as the
shipped taggers' were (its best mix with the CRF fit on train within the wire-dev bound).

Then, on the 49 dev articles, it is measured as ``bench/propaganda_context_tagger.py``
measures a tagger (the same grids, choice and cross-validation over 5 article-grouped folds of
dev, 5 shuffles): with the CRF alone, and beside the two shipped taggers and the CRF (its
share 0.1 to 0.4, theirs 0 to 0.4: a share of 0 for the five-layer tagger is the new tagger in
its place). The held-out articles are not read here. ``--write`` replaces the schedule's
"Propaganda spans: a tagger with its learning rates decayed" section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from _docs import result_cli  # bench/_docs.py
from _templates import render  # bench/_templates.py
from propaganda_context_tagger import NOISE, TaggerResult, held_out  # bench/
from propaganda_context_tagger import run as measure
from veracity.propaganda.train_tagger import Schedule

LAYERS = 5
MINUTES = 55.0
# where the decay reaches zero: 3 epochs (the first run), 1 epoch (where the shipped
# five-layer tagger's constant-rate run had its dev-chosen checkpoint)
SCHEDULES = {
    3.0: Schedule(epochs=3.0, warmup=0.06, decay="linear"),
    1.0: Schedule(epochs=1.0, warmup=0.06, decay="linear"),
}
SCHEDULE = SCHEDULES[3.0]
LABEL = "scheduled tagger"


def commands(schedule: Schedule) -> tuple[str, str]:
    """The training and the measuring command of ``schedule``'s tagger."""
    base = "nice -n 10 python bench/propaganda_tagger_schedule.py"
    option = "" if schedule == SCHEDULE else f" --epochs {schedule.epochs:g}"
    return f"{base} --train{option}", f"{base}{option} --write"


def markers(schedule: Schedule) -> tuple[str, str]:
    """The section markers of ``schedule``'s tagger in docs/benchmarks.md."""
    name = "propaganda-tagger-schedule" + ("" if schedule == SCHEDULE else f"-{schedule.epochs:g}")
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


TRAIN_COMMAND, COMMAND = commands(SCHEDULE)
START, END = markers(SCHEDULE)


def schedule_option(argv: list[str]) -> Schedule:
    """The schedule ``--epochs E`` names (removed from ``argv``), else :data:`SCHEDULE`."""
    if "--epochs" not in argv:
        return SCHEDULE
    at = argv.index("--epochs")
    try:
        epochs = float(argv[at + 1])
    except (IndexError, ValueError):
        sys.exit(f"--epochs takes one of {', '.join(f'{e:g}' for e in SCHEDULES)}")
    if epochs not in SCHEDULES:
        sys.exit(f"--epochs takes one of {', '.join(f'{e:g}' for e in SCHEDULES)}, not {epochs:g}")
    del argv[at : at + 2]
    return SCHEDULES[epochs]


def tagger_path(schedule: Schedule = SCHEDULE) -> Path:
    from veracity.propaganda.train_tagger import scheduled_tagger_path

    return scheduled_tagger_path(LAYERS, schedule)


def run(data_dir: Path, schedule: Schedule = SCHEDULE) -> TaggerResult:
    return measure(data_dir, tagger_path(schedule), LABEL)


def section(result: TaggerResult, schedule: Schedule = SCHEDULE) -> str:
    start, end = markers(schedule)
    train_command, command = commands(schedule)
    return render(
        "propaganda-tagger-schedule.md.j2",
        r=result,
        start=start,
        end=end,
        command=command,
        train_command=train_command,
        schedule=schedule,
        first=schedule == SCHEDULE,
        noise=NOISE,
        label=LABEL,
    )


def train(data_dir: Path, schedule: Schedule = SCHEDULE) -> None:
    from veracity.propaganda.train_tagger import train_scheduled_tagger

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(train_scheduled_tagger(data_dir, LAYERS, MINUTES, schedule), file=sys.stderr)


if __name__ == "__main__":
    from veracity.settings import get_settings

    chosen = schedule_option(sys.argv)
    if "--train" in sys.argv[1:]:
        train(get_settings().data_dir, chosen)
    elif "--held-out" in sys.argv[1:]:  # --held-out SAVED_RESULT: read the held-out articles once
        saved = Path(sys.argv[sys.argv.index("--held-out") + 1])
        found = held_out(get_settings().data_dir, saved, tagger_path(chosen), LABEL)
        print(found.model_dump_json(indent=1))
    else:
        result_cli(
            __doc__.splitlines()[0],
            TaggerResult,
            lambda data_dir: run(data_dir, chosen),
            lambda result: section(result, chosen),
            *markers(chosen),
        )
