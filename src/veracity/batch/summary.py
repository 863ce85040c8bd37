"""Corpus overview of batch results: counts in one streaming pass, then an offline HTML page.

Memory stays flat whatever the corpus size: scores go into fixed histogram bins, outlets and
debunks into counters (bounded by how many distinct ones exist), the lowest-scored articles
into a heap of fixed size. The page embeds plotly.js, so it opens without a network.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from veracity._version import __version__
from veracity.batch.checkpoint import write_atomically
from veracity.batch.page_text import page_text
from veracity.batch.runner import error_reason, reason_shown
from veracity.batch.summary_corroboration import CorroborationDigest, corroboration_section
from veracity.batch.writers import read_results
from veracity.errors import InputError
from veracity.report.html import kind_colour, kind_label
from veracity.report.schema import (
    RELIABLE_FROM,
    SCORE_BANDS,
    SCORE_MEANING,
    UNRELIABLE_BELOW,
    SignalKind,
    cut_at_word,
    shown_score,
    status_words,
)

SCORE_BINS = 20
LOWEST_SHOWN = 25
NO_STATUS = "no score"  # an unscored row that says no reliability_status (no model ran)
TOP_SHOWN = 20
_LABEL_CHARS = 60
_FACTUALITY_COLOURS = {
    "high": "#2e7d32",
    "mixed": "#f9a825",
    "low": "#c62828",
    "unknown": "#9e9e9e",
}


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


_Text = Annotated[str | None, BeforeValidator(_as_text)]


def _no_text(kind: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, str):  # a JSON cell of a Parquet file that did not decode
            raise ValueError(f"text that is not a JSON {kind}: {value[:40]!r}")
        return value

    return check


_Entries = Annotated[list[dict[str, Any]] | None, BeforeValidator(_no_text("list"))]


class ResultRow(BaseModel):
    """The fields of a result row the overview reads, checked: a results file can be edited
    by anyone, and what it says is written into a page."""

    model_config = ConfigDict(extra="allow", allow_inf_nan=False)

    index: int | None = Field(None, ge=0)
    id: _Text = None
    title: _Text = None
    url: _Text = None
    error: _Text = None
    score: float | None = Field(None, ge=0, le=1)
    label: _Text = None
    language: _Text = None
    n_signals: int | None = Field(None, ge=0)
    signal_counts: dict[str, Annotated[int, Field(ge=0)]] | None = None
    top_signals: _Entries = None
    outlets: _Entries = None
    debunks: _Entries = None
    corroboration: Annotated[dict[str, Any] | None, BeforeValidator(_no_text("object"))] = None
    analysis_id: int | None = None


def checked_row(row: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The row with its known fields coerced, or (the row, why it is malformed)."""
    try:
        checked = ResultRow.model_validate(row)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return row, f"malformed result row: {where}: {first['msg']}"
    return {**row, **checked.model_dump(exclude_unset=True)}, None


MAX_DEBUNK_GROUPS = 5_000
DEBUNK_EXAMPLES = 5
NEAR_DUPLICATE_JACCARD = 0.8
_STATEMENT_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class _ScoreTally:
    """A publisher's articles and the sum of their scores."""

    articles: int = 0
    scored: int = 0
    score_sum: float = 0.0

    @property
    def mean(self) -> float | None:
        return self.score_sum / self.scored if self.scored else None


@dataclass
class _DebunkGroup:
    """Near-duplicate fact-checked statements, the articles that matched one, a few of them."""

    statement: str
    verdict: str
    words: frozenset[str] = frozenset()
    statements: Counter[str] = field(default_factory=Counter)
    articles: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words = _statement_words(self.statement)


def _statement_words(statement: str) -> frozenset[str]:
    text = re.sub(r"^says (that )?", "", statement.lower().strip())
    return frozenset(_STATEMENT_WORD.findall(text))


def outlet_name(outlet: dict[str, Any]) -> str:
    """An outlet of a result row as the overview names it: a host written with letters outside
    a-z (``bbс.co.uk`` with a Cyrillic "с", a lookalike of the BBC's) with its ASCII form, as
    reports show it ("bbс.co.uk (in ASCII xn--bb-pmc.co.uk)"), so that it never reads as the
    outlet it imitates."""
    from veracity.ingest.urls import ascii_host

    name = str(outlet.get("outlet") or outlet.get("domain") or "")
    shown = ascii_host(name)  # derived again: a results file's own column is not trusted
    return f"{name} (in ASCII {shown})" if shown else name


def _find_group(groups: list[_DebunkGroup], statement: str) -> _DebunkGroup | None:
    """The group whose first statement shares most of ``statement``'s words (Jaccard >= 0.8)."""
    words = _statement_words(statement)
    for group in groups:
        if statement in group.statements or words == group.words:
            return group
        union = len(words | group.words)
        if union and len(words & group.words) / union >= NEAR_DUPLICATE_JACCARD:
            return group
    return None


@dataclass(order=True)
class _Ranked:
    """An article in the lowest-scored heap; the heap keeps the highest key on top."""

    key: tuple[bool, float, int]
    row: dict[str, Any] = field(compare=False)


@dataclass
class CorpusSummary:
    """Counts over a results file."""

    rows: int = 0
    errors: int = 0
    malformed: int = 0  # rows whose fields have the wrong types (counted in errors too)
    scored: int = 0
    score_sum: float = 0.0
    score_bins: list[int] = field(default_factory=lambda: [0] * SCORE_BINS)
    labels: Counter[str] = field(default_factory=Counter)
    # analysed rows without a score, by reliability_status ("not_english", "too_short", ...)
    unscored: Counter[str] = field(default_factory=Counter)
    error_reasons: Counter[str] = field(default_factory=Counter)
    error_examples: dict[str, str] = field(default_factory=dict)  # each reason's first message
    signal_kinds: Counter[str] = field(default_factory=Counter)
    articles_with_kind: Counter[str] = field(default_factory=Counter)
    outlets: Counter[str] = field(default_factory=Counter)
    publishers: Counter[str] = field(default_factory=Counter)
    outlet_ratings: dict[str, tuple[str, str]] = field(default_factory=dict)
    debunks: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    publisher_scores: dict[str, _ScoreTally] = field(default_factory=dict)
    debunk_groups: list[_DebunkGroup] = field(default_factory=list)
    corroboration: CorroborationDigest = field(default_factory=CorroborationDigest)
    _ranked: list[_Ranked] = field(default_factory=list, repr=False)

    @property
    def mean_score(self) -> float | None:
        return self.score_sum / self.scored if self.scored else None

    @property
    def lowest(self) -> list[dict[str, Any]]:
        """The lowest-scored articles, worst first; when no row has a score (no model), the
        most-flagged ones. An article the model did not judge is never among the lowest."""
        ranked = [entry.row for entry in sorted(self._ranked, reverse=True)]
        return (
            [r for r in ranked if isinstance(r["score"], (int, float))] if self.scored else ranked
        )

    def add(self, row: dict[str, Any]) -> None:
        """Count one result row (a malformed one as an error, with what is wrong in it)."""
        self.rows += 1
        row, malformed = checked_row(row)
        if malformed:
            self.errors += 1
            self.malformed += 1
            self.error_reasons[malformed] += 1
            return
        if row.get("error"):
            self.errors += 1
            reason = error_reason(str(row["error"]))
            self.error_reasons[reason] += 1
            self.error_examples.setdefault(reason, str(row["error"]))
            return
        score = row.get("score")
        if isinstance(score, (int, float)):
            self.scored += 1
            self.score_sum += score
            self.score_bins[min(int(score * SCORE_BINS), SCORE_BINS - 1)] += 1
        else:
            self.unscored[str(row.get("reliability_status") or NO_STATUS)] += 1
        if row.get("label"):
            self.labels[str(row["label"])] += 1
        if row.get("language"):
            self.languages[str(row["language"])] += 1
        for kind, count in (row.get("signal_counts") or {}).items():
            self.signal_kinds[kind] += int(count)
            self.articles_with_kind[kind] += 1
        for outlet in row.get("outlets") or []:
            name = outlet_name(outlet)
            if name:
                counter = self.publishers if outlet.get("role") == "publisher" else self.outlets
                counter[name] += 1
                self.outlet_ratings[name] = (
                    (PLATFORM, "")
                    if outlet.get("platform")
                    else (SATIRE, "")
                    if outlet.get("satire")
                    else (
                        str(outlet.get("factuality") or "unknown"),
                        str(outlet.get("bias") or "unknown"),
                    )
                )
        for debunk in row.get("debunks") or []:
            name = str(debunk.get("title") or debunk.get("claim") or debunk.get("id") or "")
            if name:
                self.debunks[name] += 1
        self._tally_publisher(row, score)
        self._group_debunks(row)
        self.corroboration.add(row)
        self._rank(row, score)

    def _tally_publisher(self, row: dict[str, Any], score: float | None) -> None:
        """Articles and scores per publisher (the outlet whose role is publisher)."""
        for outlet in row.get("outlets") or []:
            name = outlet_name(outlet)
            if name and outlet.get("role") == "publisher":
                tally = self.publisher_scores.setdefault(name, _ScoreTally())
                tally.articles += 1
                if isinstance(score, (int, float)):
                    tally.scored += 1
                    tally.score_sum += float(score)

    def _group_debunks(self, row: dict[str, Any]) -> None:
        """Each matched fact-check under its group of near-duplicate statements; an article
        counts once per group however many of the group's statements it matched."""
        seen: set[int] = set()
        for debunk in row.get("debunks") or []:
            statement = str(debunk.get("title") or debunk.get("claim") or "")
            if not statement.strip():
                continue
            group = _find_group(self.debunk_groups, statement)
            if group is None:
                if len(self.debunk_groups) >= MAX_DEBUNK_GROUPS:
                    continue  # memory stays bounded; the page says how many were left out
                group = _DebunkGroup(statement, str(debunk.get("verdict") or ""))
                self.debunk_groups.append(group)
            group.statements[statement] += 1
            if id(group) in seen:
                continue
            seen.add(id(group))
            group.articles += 1
            if len(group.examples) < DEBUNK_EXAMPLES:
                group.examples.append(_brief(row))

    def _rank(self, row: dict[str, Any], score: float | None) -> None:
        # worse articles get larger keys: any score before none (an abstention, not found worse
        # than a low score), then a low score, else (no model) many signals
        if isinstance(score, (int, float)):
            key = (True, -float(score), -int(row.get("index") or 0))
        else:
            key = (False, float(row.get("n_signals") or 0), -int(row.get("index") or 0))
        entry = _Ranked(key, _brief(row))
        if len(self._ranked) < LOWEST_SHOWN:
            heapq.heappush(self._ranked, entry)
        elif entry > self._ranked[0]:
            heapq.heapreplace(self._ranked, entry)


def shown_id(row: dict[str, Any]) -> str:
    """A row's id as the tables show it: a row without one (an input with ids where this row
    has none) by its position."""
    ident = row.get("id")
    return f"(row {row.get('index')})" if ident is None else str(ident)


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    top = (row.get("top_signals") or [{}])[0]
    return {
        "index": row.get("index"),
        "id": row.get("id"),
        "title": row.get("title"),
        "url": row.get("url"),
        "score": row.get("score"),
        "label": row.get("label"),
        "n_signals": row.get("n_signals") or 0,
        "analysis_id": row.get("analysis_id"),
        "top_signal": f"{kind_name(top.get('kind', ''))}: {top.get('quote', '')}" if top else "",
    }


def summarize_results(rows: Iterable[dict[str, Any]]) -> CorpusSummary:
    """Count a stream of result rows."""
    summary = CorpusSummary()
    for row in rows:
        summary.add(row)
    return summary


def check_report_url(report_url: str | None) -> None:
    """``--report-url`` names where an analysis id goes."""
    if report_url is not None and "{analysis_id}" not in report_url:
        raise InputError("--report-url must contain {analysis_id}")


def summarize_results_file(results: Path) -> CorpusSummary:
    """The counts of a results file (JSONL, Parquet, CSV or XLSX); one without rows is an
    :class:`InputError`."""
    summary = summarize_results(read_results(results))
    if summary.rows == 0:
        raise InputError(f"{results} holds no result rows")
    return summary


def write_summary_html(
    results: Path,
    out: Path,
    *,
    report_url: str | None = None,
    summary: CorpusSummary | None = None,
) -> CorpusSummary:
    """Write the corpus overview of a results file (JSONL or Parquet) as one offline HTML page
    (from ``summary``, its counts, when they were read already).

    ``report_url`` (e.g. ``http://host:8000/analyses/{analysis_id}``) links each listed
    article to its stored report, for results of ``veracity batch --store``.
    """
    check_report_url(report_url)
    if summary is None:
        summary = summarize_results_file(results)
    page = render_summary_html(summary, title=results.name, report_url=report_url)
    write_atomically(out, [page.encode("utf-8")])
    return summary


def render_summary_html(
    summary: CorpusSummary, *, title: str, report_url: str | None = None
) -> str:
    """The overview page: headline figures, charts (plotly.js inlined once) and tables."""
    charts = [
        _score_chart(summary),
        _signal_chart(summary),
        _outlet_chart(summary.outlets, summary.outlet_ratings, "Most-cited outlets"),
        _outlet_chart(summary.publishers, summary.outlet_ratings, "Most frequent publishers"),
        _debunk_chart(summary),
    ]
    figures = [chart for chart in charts if chart is not None]
    blocks = [
        figure.to_html(full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False})
        for i, figure in enumerate(figures)
    ]
    missing = []
    if summary.scored == 0 and not set(summary.unscored) - {NO_STATUS}:
        missing.append("reliability scores (no reliability model was shipped when this ran)")
    if not summary.outlets:
        missing.append("cited outlets")
    if not summary.debunks:
        missing.append("matched fact-checks")
    esc = page_text
    csp = _content_security_policy(blocks)
    mean = f"{summary.mean_score:.2f}" if summary.mean_score is not None else "n/a"
    labels = ", ".join(f"{esc(k)}: {v:,}" for k, v in summary.labels.most_common()) or "n/a"
    if summary.unscored:
        reasons = ", ".join(
            f"{esc(status_words(reason))} {count:,}"
            for reason, count in summary.unscored.most_common()
        )
        labels += f"; not scored: {sum(summary.unscored.values()):,} ({reasons})"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(csp, quote=True)}">
<title>veracity corpus summary: {esc(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }}
.figures span {{ display: inline-block; margin-right: 2rem; }}
.figures b {{ font-size: 1.4rem; display: block; }}
.note {{ color: #666; }}
</style></head><body>
<h1>Corpus summary: {esc(title)}</h1>
<p class="figures">
<span><b>{summary.rows:,}</b>articles</span>
<span><b>{summary.rows - summary.errors:,}</b>analysed</span>
<span><b>{summary.errors:,}</b>errors</span>
<span><b>{mean}</b>mean reliability score</span>
</p>
<p>Labels: {labels}.</p>
<p class="note">{esc(SCORE_MEANING)} Bands: {esc(SCORE_BANDS)}. The mean is of the scores on
their 0-1 scale, not a share of articles.</p>
{f'<p class="note">Not in these results: {esc("; ".join(missing))}.</p>' if missing else ""}
{"".join(f"<section>{block}</section>" for block in blocks)}
{_publisher_table(summary)}
{_debunk_table(summary, report_url)}
<h2>{"Lowest-scored articles" if summary.scored else "Most-flagged articles"}</h2>
{_lowest_table(summary, report_url)}
{corroboration_section(summary.corroboration)}
{_errors_table(summary)}
<p class="note">veracity {esc(__version__)}, generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.</p>
</body></html>
"""


_NONE = "'none'"
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)


def _content_security_policy(blocks: list[str]) -> str:
    """A policy allowing exactly the chart scripts (by digest) and nothing else: a script
    that reached the page any other way would not run."""
    digests = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"
            for block in blocks
            for code in _SCRIPT.findall(block)
        }
    )
    return (
        f"default-src 'none'; script-src {' '.join(digests) or _NONE}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; "
        "form-action 'none'"
    )


def _label(text: str) -> str:
    """Chart text, escaped (plotly.js reads a subset of HTML in labels) and cut short."""
    short = cut_at_word(text, _LABEL_CHARS)
    return page_text(short)


def _bar(title: str, names: list[str], counts: list[int], colours: list[str] | None = None):
    import plotly.graph_objects as go

    figure = go.Figure(
        go.Bar(
            x=counts[::-1],
            y=[_label(name) for name in names][::-1],
            orientation="h",
            marker_color=colours[::-1] if colours else "#1565c0",
        )
    )
    figure.update_layout(
        title=page_text(title),
        height=max(260, 80 + 26 * len(names)),
        margin={"l": 260},
        yaxis={"tickmode": "linear", "automargin": True},  # one label per bar
    )
    return figure


def _score_chart(summary: CorpusSummary):
    import plotly.graph_objects as go

    if summary.scored == 0:
        return None
    width = 1 / SCORE_BINS
    centres = [round((i + 0.5) * width, 4) for i in range(SCORE_BINS)]
    figure = go.Figure(go.Bar(x=centres, y=summary.score_bins, width=width, marker_color="#1565c0"))
    figure.update_layout(
        title="Reliability score distribution",
        xaxis_title="reliability score (0 = unreliable, 1 = reliable)",
        yaxis_title="articles",
        bargap=0.05,
        height=360,
    )
    _add_band_lines(figure)
    return figure


def _add_band_lines(figure) -> None:
    """Dashed lines where the bands meet, each labelled with its edge."""
    for edge, text in (
        (UNRELIABLE_BELOW, f"unreliable | uncertain ({UNRELIABLE_BELOW:.2f})"),
        (RELIABLE_FROM, f"uncertain | reliable ({RELIABLE_FROM:.2f})"),
    ):
        figure.add_vline(
            x=edge,
            line_dash="dash",
            line_color="#444",
            annotation_text=text,
            annotation_position="top",
        )


def _signal_chart(summary: CorpusSummary):
    if not summary.signal_kinds:
        return None
    kinds = [kind for kind, _ in summary.signal_kinds.most_common()]
    figure = _bar(
        "Signal kinds by frequency (signals found)",
        [kind_name(kind) for kind in kinds],  # the report's names ("Rhetorical question")
        [summary.signal_kinds[kind] for kind in kinds],
        [_kind_colour(kind) for kind in kinds],  # the web page's and the report's colours
    )
    figure.update_traces(
        customdata=[summary.articles_with_kind[kind] for kind in kinds][::-1],
        hovertemplate="%{x:,} signals in %{customdata:,} articles<extra></extra>",
    )
    return figure


def kind_name(kind: str) -> str:
    try:
        return kind_label(SignalKind(kind))
    except ValueError:  # a kind this version does not know: kind_label's readable default
        return kind.replace("_", " ").capitalize()


def _kind_colour(kind: str) -> str:
    try:
        return kind_colour(SignalKind(kind))
    except ValueError:  # a kind this version does not know (an edited or newer results file)
        return "#9e9e9e"


# A platform where anyone publishes (a row's outlet with ``platform`` true): its lists' rating is
# not its posts', so the summary names it a platform as the reports do (probe s48 O2).
PLATFORM = "a platform"
# An outlet a rating list files under satire (a row's outlet with ``satire`` true), as the
# reports name it (probe s49 O1)
SATIRE = "satire"


def rating_text(rating: tuple[str, str], joiner: str) -> str:
    """An outlet's factuality and bias as the summary shows them, or that it is a platform or
    satire."""
    return rating[0] if rating[0] in (PLATFORM, SATIRE) else joiner.join(rating)


def _outlet_chart(outlets: Counter[str], ratings: dict[str, tuple[str, str]], title: str):
    if not outlets:
        return None
    top = outlets.most_common(TOP_SHOWN)
    return _bar(
        f"{title} (factuality/bias; green high, amber mixed, red low factuality)",
        [f"{name} ({rating_text(ratings[name], '/')})" for name, _ in top],
        [count for _, count in top],
        [_FACTUALITY_COLOURS.get(ratings[name][0], "#9e9e9e") for name, _ in top],
    )


def _debunk_chart(summary: CorpusSummary):
    """Fact-checked statements by how many articles matched them, near-duplicates merged."""
    if not summary.debunk_groups:
        return None
    top = sorted(summary.debunk_groups, key=lambda g: (-g.articles, g.statement))[:TOP_SHOWN]
    figure = _bar(
        "Most-matched known fact-checks (articles per fact-checked statement)",
        [],
        [g.articles for g in top],
        ["#6a1b9a"] * len(top),
    )
    figure.update_traces(
        y=[_chart_text(f"{g.statement} [{g.verdict}]") for g in top][::-1],
        text=[f"{g.articles:,}" for g in top][::-1],
        textposition="outside",
        hovertemplate="%{x:,} articles<extra></extra>",
    )
    figure.update_layout(height=max(260, 80 + 26 * len(top)))
    return figure


def _chart_text(text: str) -> str:
    """Chart label text as readers should see it: plotly.js reads a little HTML in labels and
    decodes only a few entities (not &quot;), so only the markup characters are escaped."""
    short = cut_at_word(text, _LABEL_CHARS)
    return page_text(short, quote=False)


def _debunk_table(summary: CorpusSummary, report_url: str | None) -> str:
    """Each merged statement with its verdict, the statements merged into it, and the articles."""
    if not summary.debunk_groups:
        return ""
    esc = page_text
    top = sorted(summary.debunk_groups, key=lambda g: (-g.articles, g.statement))[:TOP_SHOWN]
    rows = []
    for group in top:
        variants = [s for s in group.statements if s != group.statement]
        merged = (
            f'<div class="note">also as: {"; ".join(esc(v) for v in variants[:3])}</div>'
            if variants
            else ""
        )
        articles = "<br>".join(_article_link(row, report_url) for row in group.examples)
        more = group.articles - len(group.examples)
        if more > 0:
            articles += f"<br>… and {more:,} more"
        rows.append(
            f"<tr><td>{esc(group.statement)}{merged}</td><td>{esc(group.verdict)}</td>"
            f"<td>{group.articles:,}</td><td>{articles}</td></tr>"
        )
    return (
        "<h2>Known fact-checks and the articles that matched them</h2>"
        "<table><tr><th>fact-checked statement</th><th>verdict</th><th>articles</th>"
        "<th>matching articles</th></tr>" + "".join(rows) + "</table>"
    )


def _article_link(row: dict[str, Any], report_url: str | None) -> str:
    esc = page_text
    title = esc(str(row.get("title") or row.get("id") or "(no title)"))
    link = _link(row.get("url"), title)
    if report_url and isinstance(row.get("analysis_id"), int):
        link += (
            " ("
            + _link(report_url.replace("{analysis_id}", str(row["analysis_id"])), "report")
            + ")"
        )
    return link


def _publisher_table(summary: CorpusSummary) -> str:
    """Publishers with their article count and mean score, most articles first."""
    if not summary.publisher_scores:
        return ""
    esc = page_text
    top = sorted(summary.publisher_scores.items(), key=lambda item: (-item[1].articles, item[0]))
    rows = []
    for name, tally in top[:TOP_SHOWN]:
        mean = f"{tally.mean:.2f}" if tally.mean is not None else "n/a"
        rating = rating_text(summary.outlet_ratings.get(name, ("unknown", "unknown")), " / ")
        rows.append(
            f"<tr><td>{esc(name)}</td><td>{tally.articles:,}</td><td>{mean}</td>"
            f"<td>{esc(rating)}</td></tr>"
        )
    return (
        "<h2>Publishers: articles and mean reliability score</h2>"
        "<table><tr><th>publisher</th><th>articles</th><th>mean score</th>"
        "<th>factuality / bias</th></tr>" + "".join(rows) + "</table>"
    )


def _link(url: Any, text: str) -> str:
    """An escaped link for http(s) URLs only (no javascript: or data: links)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{page_text(url, quote=True)}" rel="noopener noreferrer">{text}</a>'
    return text


def _lowest_table(summary: CorpusSummary, report_url: str | None) -> str:
    esc = page_text
    rows = []
    for row in summary.lowest:
        score = shown_score(row["score"]) if isinstance(row.get("score"), (int, float)) else "n/a"
        title = esc(str(row.get("title") or "(no title)"))
        report = ""
        if report_url and isinstance(row.get("analysis_id"), int):
            report = _link(report_url.replace("{analysis_id}", str(row["analysis_id"])), "report")
        rows.append(
            "<tr>"
            f"<td>{esc(shown_id(row))}</td>"
            f"<td>{_link(row.get('url'), title)}</td>"
            f"<td>{score}</td><td>{esc(str(row.get('label') or ''))}</td>"
            f"<td>{esc(str(row.get('n_signals') or 0))}</td>"
            f"<td>{esc(str(row.get('top_signal') or '')[:160])}</td>"
            f"<td>{report}</td>"
            "</tr>"
        )
    if not rows:
        return '<p class="note">No analysed articles.</p>'
    return (
        "<table><tr><th>id</th><th>title</th><th>score</th><th>label</th>"
        "<th>signals</th><th>strongest signal</th><th></th></tr>" + "".join(rows) + "</table>"
    )


def _errors_table(summary: CorpusSummary) -> str:
    if not summary.errors:
        return ""
    rows = "".join(
        f"<tr><td>{page_text(reason_shown(reason, count, summary.error_examples))}</td>"
        f"<td>{count:,}</td></tr>"
        for reason, count in itertools.islice(summary.error_reasons.most_common(), TOP_SHOWN)
    )
    return (
        f"<h2>Rows not analysed ({summary.errors:,})</h2>"
        f"<table><tr><th>reason</th><th>rows</th></tr>{rows}</table>"
    )
