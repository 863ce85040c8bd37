"""`veracity claims` on 1 MB of input: check-worthiness triage throughput, beside a simple baseline.

The inputs are built here from the CheckThat! 2024 debate sentences (train, dev and dev-test, in
sentence-id order, which keeps a debate's sentences together): a transcript of speaker turns
(``SPEAKER: text``, one to six sentences a turn) and a statement list (one sentence a line, run
with ``--lines``), each cut at :data:`INPUT_BYTES`. Nothing is written to the repository.

- **Commands**: each input through ``veracity claims FILE --format json`` in a fresh process
  with an empty embedding cache (the derived artefacts kept), i.e. a fact-checker's first run
  on a new transcript: CPU and wall seconds, sentences a CPU second.
- **Stages** (this process, models loaded, empty embedding cache): the transcript's sentence
  splitting, scoring, near-duplicate grouping, fact-check matching of the check-worthy
  sentences and JSON rendering (of the rows before matching fills them in).
- **Baseline** (same process, same sentences): the batch path's check-worthiness model
  (``claims-batch``: TF-IDF and word cues, no encoder), what scoring costs without MiniLM.

Run: ``.venv/bin/python bench/claims_triage.py --write`` (about 4 CPU minutes; through the
machine's job queue).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from _templates import render  # bench/_templates.py

START, END = "<!-- claims-triage:start -->", "<!-- claims-triage:end -->"
INPUT_BYTES = 1_000_000
SPEAKERS = ("TRUMP", "BIDEN", "MODERATOR (Lester Holt)", "CLINTON", "Sen. Warren")
SEED = 0


def debate_sentences(data_dir: Path) -> list[str]:
    """Every CheckThat! 2024 sentence in sentence-id order, the CSV's outer quotes removed."""
    from veracity.data.checkthat import load_checkthat

    rows: list[tuple[int, str]] = []
    for split in ("train", "dev", "dev-test"):
        texts, _, ids = load_checkthat(data_dir, split)
        rows += zip(ids.tolist(), texts, strict=True)
    sentences = []
    for _, text in sorted(rows):
        if len(text) > 1 and text[0] == text[-1] == '"':
            text = text[1:-1].replace('""', '"').strip()
        if text:
            sentences.append(text)
    return sentences


def _cut(lines: list[str]) -> str:
    out, size = [], 0
    for line in lines:
        if size >= INPUT_BYTES:
            break
        out.append(line)
        size += len(line.encode()) + 1
    return "\n".join(out) + "\n"


def build_inputs(data_dir: Path) -> dict[str, str]:
    """The transcript and the statement list, about :data:`INPUT_BYTES` each."""
    sentences = debate_sentences(data_dir)
    rng = random.Random(SEED)
    turns, at = [], 0
    while at < len(sentences):
        n = rng.randint(1, 6)
        turns.append(f"{rng.choice(SPEAKERS)}: {' '.join(sentences[at : at + n])}")
        at += n
    return {"transcript": _cut(turns), "statements": _cut(sentences)}


def _cpu() -> float:
    return time.process_time()


def _empty_cache(root: Path) -> Path:
    """A cache folder with the derived artefacts of this machine's cache and no embeddings."""
    from veracity.settings import get_settings

    folder = Path(tempfile.mkdtemp(prefix="cache-", dir=root))
    artefacts = get_settings().cache_dir / "artefacts"
    if artefacts.is_dir():
        (folder / "artefacts").symlink_to(artefacts, target_is_directory=True)
    return folder


class CommandRun(BaseModel):
    """One ``veracity claims`` process on one input."""

    input: str
    command: str
    megabytes: float
    sentences: int
    check_worthy: int
    matched: int
    cpu_s: float
    wall_s: float
    max_rss_mb: float

    @property
    def sentences_per_cpu_s(self) -> float:
        return self.sentences / self.cpu_s


def run_command(name: str, path: Path, by_line: bool, root: Path) -> CommandRun:
    """``veracity claims`` on ``path`` in a fresh process with an empty embedding cache."""
    options = ["--lines"] if by_line else []
    command = [sys.executable, "-m", "veracity.cli", "claims", str(path), *options]
    command += ["--format", "json"]
    environment = os.environ | {"VERACITY_CACHE_DIR": str(_empty_cache(root))}
    out = root / f"{name}.json"
    started = time.perf_counter()
    with out.open("wb") as stream:
        process = subprocess.Popen(command, stdout=stream, env=environment)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own CPU time and memory
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    return CommandRun(
        input=name,
        command=f"veracity claims {name}.txt {' '.join(options)} --format json".replace("  ", " "),
        megabytes=path.stat().st_size / 1e6,
        sentences=len(rows),
        check_worthy=sum(row["check_worthy"] for row in rows),
        matched=sum(bool(row["fact_checks"]) for row in rows),
        cpu_s=usage.ru_utime + usage.ru_stime,
        wall_s=wall,
        max_rss_mb=usage.ru_maxrss / 1024,
    )


class Stage(BaseModel):
    name: str
    cpu_s: float
    items: int

    @property
    def per_cpu_s(self) -> float:
        return self.items / self.cpu_s if self.cpu_s > 0 else float("inf")


def _timed(stages: list[Stage], name: str, work: Callable[[], Any], items: Any = None) -> Any:
    """``work()``, its CPU seconds kept as a stage over ``items`` (default: what it returns)."""
    started = _cpu()
    result = work()
    count = len(result if items is None else items)
    stages.append(Stage(name=name, cpu_s=_cpu() - started, items=count))
    return result


def run_stages(text: str) -> tuple[list[Stage], Stage]:
    """The shipped path's stages on ``text`` (models loaded first), and the baseline's scoring.

    Matching runs inside scoring, on each chunk's check-worthy sentences as soon as it is
    scored, as :func:`~veracity.pipeline.triage_statements` composes it; scoring is what
    :func:`~veracity.claims.triage.triage_text` costs beyond splitting, grouping and matching
    (each timed apart on the same sentences).
    """
    from veracity.claims.model import load_batch_checkworthiness_model
    from veracity.claims.triage import group_near_duplicates, split_statements, triage_text
    from veracity.pipeline import triage_statements
    from veracity.verify.factchecks import match_debunks_if_built

    triage_statements("Thousands of jobs are leaving Michigan. Thank you.")  # models, store
    model = load_batch_checkworthiness_model()
    stages: list[Stage] = []
    texts = [s.text for s in _timed(stages, "sentence splitting", lambda: split_statements(text))]
    distinct = list(dict.fromkeys(texts))
    _timed(stages, "near-duplicate grouping", lambda: group_near_duplicates(texts), texts)
    matching: list[Stage] = []

    def match(chunk: list[str]) -> None:
        _timed(matching, "fact-check matching", lambda: match_debunks_if_built(chunk, []), chunk)

    started = _cpu()
    triage = triage_text(text, on_matchable=match)
    total = _cpu() - started
    matched = Stage(
        name="fact-check matching",
        cpu_s=sum(m.cpu_s for m in matching),
        items=sum(m.items for m in matching),
    )
    scoring = total - sum(stage.cpu_s for stage in stages) - matched.cpu_s
    stages.insert(1, Stage(name="scoring and rows", cpu_s=scoring, items=len(distinct)))
    stages.append(matched)
    _timed(stages, "JSON rendering", lambda: triage.model_dump_json(indent=2), texts)
    baseline: list[Stage] = []
    _timed(baseline, "claims-batch model", lambda: model.predict_proba(distinct), distinct)
    return stages, baseline[0]


class TriageBench(BaseModel):
    """One run of this script."""

    cpus: int | None
    load_before: float
    load_after: float
    niceness: int
    commands: list[CommandRun]
    stages: list[Stage]
    baseline: Stage


def run(data_dir: Path) -> TriageBench:
    from veracity.settings import get_settings

    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="claims-triage-") as folder:
        root = Path(folder)
        inputs = build_inputs(data_dir)
        paths = {}
        for name, text in inputs.items():
            paths[name] = root / f"{name}.txt"
            paths[name].write_text(text, encoding="utf-8")
        commands = [run_command(name, paths[name], name == "statements", root) for name in inputs]
        os.environ["VERACITY_CACHE_DIR"] = str(_empty_cache(root))
        get_settings.cache_clear()
        stages, baseline = run_stages(inputs["transcript"])
    return TriageBench(
        cpus=os.cpu_count(),
        load_before=load,
        load_after=os.getloadavg()[0],
        niceness=os.nice(0),
        commands=commands,
        stages=stages,
        baseline=baseline,
    )


def section(result: TriageBench) -> str:
    """The claims-triage section of docs/benchmarks.md (templates/claims_triage.md.j2)."""
    return render("claims_triage.md.j2", r=result, start=START, end=END).removesuffix("\n")


def main() -> None:
    result_cli(__doc__.splitlines()[0], TriageBench, run, section, START, END)


if __name__ == "__main__":
    main()
