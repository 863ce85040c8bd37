"""A headline's case and its check-worthiness: news headlines in Title Case beside the same
headline in sentence case, scored by the shipped check-worthiness models.

The models' names cue counts capitalised words after a sentence's first; in a Title Case or
all-capitals headline every word is one, so the case alone could make a headline check-worthy.
Since the cue reads such a text as naming what a sentence-case headline of its length names
(``claims.cues._NAMES_PER_WORD``), the case should hardly move a decision.

- **Sample**: headlines of the news corpora with at least four words past the first that Title
  Case capitalises, every one capitalised, a body of 500 characters or more, seed 7. Their
  sentence case: each word after the first in lower case unless the article's body writes it
  capitalised after a lower-case word or a comma (a name) or it is an acronym. Half A chose the
  rate (against the training sentences' rate, 0.051); half B is reported.
- **Before**: the same models with the names cue read from the case, as it was
  (``_case_tells_names`` always true), in the same run.
- **Rate**: names per word of the corpora's sentence-case headlines (some word of four letters
  or more past the first in lower case), the figure the cue takes.

Run: ``.venv/bin/python bench/claims_case.py --write`` (about 30 CPU seconds). Nothing is
written to the repository but the section.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py

START, END = "<!-- claims-case:start -->", "<!-- claims-case:end -->"
CORPORA = (
    "buzzfeed_webis_2016/buzzfeed_webis_2016.jsonl.gz",
    "semeval2019_hyperpartisan/hyperpartisan_byarticle_train.jsonl.gz",
    "recovery_covid2020/recovery_news.jsonl.gz",
    "fakenewsnet_gossipcop_large/fakenewsnet_large.jsonl.gz",
)
SAMPLE, SEED, MIN_BODY = 400, 7, 500
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A capitalised word after a lower-case word or a comma in running text: a name.
_NAME_IN_PROSE = re.compile(r"(?<=[a-z,;] )([A-Z][A-Za-z'’-]+)")


class Half(BaseModel):
    model: str
    half: str
    before_title_case: int  # check-worthy in Title Case, names cue read from the case
    title_case: int  # check-worthy in Title Case now
    sentence_case: int  # check-worthy in sentence case
    differ_before: int  # decisions that differ between the two cases, before
    differ: int  # and now
    mean_difference_before: float  # mean score, Title Case minus sentence case
    mean_difference: float


class CaseResult(BaseModel):
    headlines: int
    per_half: int
    sentence_case_headlines: int
    names_per_word: float
    halves: list[Half]


def _headlines(data_dir: Path) -> Iterator[tuple[str, str]]:
    for name in CORPORA:
        with gzip.open(data_dir / name, "rt", encoding="utf-8") as stream:
            for line in stream:
                record = json.loads(line)
                yield (record.get("title") or "").strip(), record.get("text") or ""


def _title_case(title: str) -> bool:
    from veracity.claims.cues import _TITLE_CASE_SMALL

    words = [w for w in _WORD.findall(title)[1:] if w.lower() not in _TITLE_CASE_SMALL]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def _sentence_case(title: str, body: str) -> str:
    names = {match.rstrip("'’s") for match in _NAME_IN_PROSE.findall(body)}
    out = []
    for index, token in enumerate(title.split(" ")):
        word = _WORD.search(token)
        if index == 0 or word is None:
            out.append(token)
            continue
        text = word.group()
        kept = (text.isupper() and len(text) > 1) or text.rstrip("'’s") in names
        out.append(token if kept else token.replace(text, text.lower(), 1))
    return " ".join(out)


@contextmanager
def _names_from_case() -> Iterator[None]:
    """The names cue as it was: every capitalised word past the first, whatever the case."""
    from veracity.claims import cues

    shipped = cues._case_tells_names
    cues._case_tells_names = lambda words: True
    try:
        yield
    finally:
        cues._case_tells_names = shipped


def _names_per_word(data_dir: Path) -> tuple[int, float]:
    from veracity.claims.cues import _FIRST_PERSON, _TOKEN, _case_tells_names

    headlines = words = names = 0
    for title, _ in _headlines(data_dir):
        tokens = [t for t in _TOKEN.findall(title) if t[0].isalnum() or t[0] in "$£€"]
        if len(tokens) < 5 or not _case_tells_names(tokens):
            continue
        if not any(t[0].islower() and len(t) > 3 for t in tokens[1:]):
            continue
        headlines += 1
        words += len(tokens)
        names += sum(t[0].isupper() and t.lower() not in _FIRST_PERSON for t in tokens[1:])
    return headlines, names / words


def bench_case(data_dir: Path) -> CaseResult:
    from veracity.claims.model import (
        batch_checkworthiness_threshold,
        checkworthiness_threshold,
        load_batch_checkworthiness_model,
        load_checkworthiness_model,
    )

    pairs = {}
    for title, body in _headlines(data_dir):
        if title and _title_case(title) and len(body) >= MIN_BODY:
            sentence = _sentence_case(title, body)
            if sentence != title:
                pairs.setdefault(title, sentence)
    sample = sorted(pairs.items())
    random.Random(SEED).shuffle(sample)
    sample = sample[:SAMPLE]
    half = len(sample) // 2
    models: list[tuple[str, Callable, float]] = [
        ("deep (`claims`)", load_checkworthiness_model, checkworthiness_threshold()),
        (
            "batch (`claims-batch`)",
            load_batch_checkworthiness_model,
            batch_checkworthiness_threshold(),
        ),
    ]
    halves = []
    for name, load, threshold in models:
        model = load()
        titles = [title for title, _ in sample]
        with _names_from_case():
            before = model.predict_proba(titles)[:, 1]
        now = model.predict_proba(titles)[:, 1]
        sentences = model.predict_proba([sentence for _, sentence in sample])[:, 1]
        for label, part in (("A (chose the rate)", slice(0, half)), ("B", slice(half, None))):
            b, t, s = (
                before[part] >= threshold,
                now[part] >= threshold,
                sentences[part] >= threshold,
            )
            halves.append(
                Half(
                    model=name,
                    half=label,
                    before_title_case=int(b.sum()),
                    title_case=int(t.sum()),
                    sentence_case=int(s.sum()),
                    differ_before=int((b != s).sum()),
                    differ=int((t != s).sum()),
                    mean_difference_before=round(float((before[part] - sentences[part]).mean()), 3),
                    mean_difference=round(float((now[part] - sentences[part]).mean()), 3),
                )
            )
    headlines, rate = _names_per_word(data_dir)
    return CaseResult(
        headlines=len(sample),
        per_half=half,
        sentence_case_headlines=headlines,
        names_per_word=round(rate, 3),
        halves=halves,
    )


def render_section(result: CaseResult) -> str:
    rows = "\n".join(
        f"| {h.model} | {h.half} | {h.before_title_case} → {h.title_case} | {h.sentence_case} "
        f"| {h.differ_before} → **{h.differ}** | {h.mean_difference_before:+.3f} → "
        f"{h.mean_difference:+.3f} |"
        for h in result.halves
    )
    return f"""{START}
## Check-worthiness of a headline in Title Case (`bench/claims_case.py`)

Generated by `.venv/bin/python bench/claims_case.py --write`. {result.headlines} news headlines \
in Title Case or capitals from the news corpora (seed {SEED}), each beside the same headline in \
sentence case (words the article writes capitalised in running text, and acronyms, kept), \
{result.per_half} a half, scored by the shipped models. Before: the names cue counted every \
capitalised word past the first, so a Title Case headline read as all names; now such a text \
names what a sentence-case headline of its length names, {result.names_per_word} names a word \
(the corpora's {result.sentence_case_headlines:,} sentence-case headlines). Half A chose that \
rate against the training sentences' 0.051; half B is reported. The models are not retrained: \
no CheckThat! dev or dev-test sentence reads as uncased, so their scores there are unchanged.

| model | half | check-worthy in Title Case, before → now | in sentence case | decisions that differ, before → now | mean score difference, before → now |
|---|---|---:|---:|---:|---:|
{rows}
{END}"""


if __name__ == "__main__":
    result_cli(__doc__.splitlines()[0], CaseResult, bench_case, render_section, START, END)
