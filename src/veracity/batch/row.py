"""The batch result row, defined once: its columns and types, and its flat spreadsheet form.

JSONL and Parquet keep the row as it is (Parquet's column types are derived from
:class:`BatchRow`); CSV and XLSX hold :data:`FLAT_COLUMNS`, one plain value per cell (the
strongest signals, rated outlets and matched fact-checks as lines of text, never JSON), which
:meth:`BatchRow.from_flat` reads back so that ``summarize`` takes any of the four.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from veracity.report.html import kind_label
from veracity.report.schema import (
    PLATFORM_WORDS,
    RELIABLE_FROM,
    SATIRE_WORDS,
    UNRELIABLE_BELOW,
    SignalKind,
)

QUOTE_CHARS = 160


class TopSignal(BaseModel):
    """One of the strongest signals of an article."""

    kind: str
    detector: str = ""
    weight: float
    quote: str


class OutletBrief(BaseModel):
    """An outlet the report rates, as the row keeps it."""

    outlet: str
    domain: str | None = None
    factuality: str = "unknown"
    bias: str = "unknown"
    role: str = "cited"
    # the ASCII (punycode) form of an outlet's host written with letters outside a-z, as the
    # report's OutletRating.host_ascii; None otherwise
    host_ascii: str | None = None
    # a platform where anyone publishes (X, YouTube, Facebook), as the report's
    # OutletRating.platform: the flat column says PLATFORM_WORDS in place of its rating, as the
    # other outputs do; absent from a record otherwise
    platform: bool = Field(False, exclude_if=lambda value: not value)
    # an outlet a rating list files under satire (report.schema.satire_listing): the flat column
    # says SATIRE_WORDS in place of its factuality and bias, as the reports do; absent otherwise
    satire: bool = Field(False, exclude_if=lambda value: not value)


class DebunkBrief(BaseModel):
    """A published fact-check one of the article's claims matched."""

    title: str = Field(description="The fact-checked statement.")
    claim: str = ""
    verdict: str = ""
    source: str = ""
    similarity: float = 0.0
    match_type: str = ""


class BatchRow(BaseModel):
    """One input row's result (see :mod:`veracity.batch.analysis` for how it is made)."""

    index: int
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source_domain: str | None = None
    # the ASCII (punycode) form of source_domain where it is written with letters outside a-z
    # (xn--bb-pmc.co.uk for "bbс.co.uk" with a Cyrillic "с"), as the report's
    # source_domain_ascii; None otherwise
    source_domain_ascii: str | None = None
    language: str | None = None
    n_chars: int = 0
    analysis_path: str | None = None
    score: float | None = None
    label: str | None = None
    model_version: str | None = None
    reliability_status: str | None = None
    n_signals: int = 0
    n_claims: int = 0
    signal_counts: dict[str, int] = Field(default_factory=dict)
    top_signals: list[TopSignal] = Field(default_factory=list)
    outlets: list[OutletBrief] = Field(default_factory=list)
    debunks: list[DebunkBrief] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    error: str | None = None
    analysis_id: int | None = None

    def record(self) -> dict[str, Any]:
        """The row as one JSON object of the output; ``analysis_id`` only once set (``--store``)."""
        stored = "analysis_id" in self.model_fields_set
        return self.model_dump(exclude=None if stored else {"analysis_id"})

    def flat(self) -> dict[str, str | int | float | None]:
        """The row as :data:`FLAT_COLUMNS`: numbers stay numbers, lists become lines of text."""
        best = self.debunks[0] if self.debunks else None
        return {
            "index": self.index,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source_domain": self.source_domain,
            "source_domain_ascii": self.source_domain_ascii,
            "language": self.language,
            "score": self.score,
            "label": self.label,
            "band": band_of(self.score),
            "reliability_status": self.reliability_status,
            "n_signals": self.n_signals,
            "signals": "\n".join(
                f"{_label(s.kind)} {s.weight:.2f}: {_one_line(s.quote)}" for s in self.top_signals
            ),
            "signal_counts": "; ".join(f"{k}={n}" for k, n in self.signal_counts.items()),
            "outlets": "\n".join(_outlet_line(o) for o in self.outlets),
            "n_claims": self.n_claims,
            "best_fact_check": _one_line(best.title) if best else None,
            "best_fact_check_rating": best.verdict if best else None,
            "fact_checks": "\n".join(
                " | ".join(
                    (d.verdict, _one_line(d.title), _one_line(d.source), f"{d.similarity:.2f}")
                )
                for d in self.debunks
            ),
            "notes": "\n".join(_one_line(n) for n in self.notes),
            "error": self.error,
            "n_chars": self.n_chars,
            "analysis_path": self.analysis_path,
            "model_version": self.model_version,
            "analysis_id": self.analysis_id,
        }

    @classmethod
    def from_flat(cls, cells: dict[str, Any]) -> BatchRow:
        """A row read back from a spreadsheet (the inverse of :meth:`flat`, quotes cut as written)."""

        def text(name: str) -> str:
            value = cells.get(name)
            return "" if value is None else str(value)

        def lines(name: str) -> list[str]:
            return [line for line in text(name).split("\n") if line.strip()]

        top = []
        for line in lines("signals"):
            match = _SIGNAL_LINE.match(line)
            if match:
                kind = _KIND_OF_LABEL.get(match[1], match[1])  # a kind's code: an older file
                top.append(TopSignal(kind=kind, weight=float(match[2]), quote=match[3]))
        outlets = []
        for line in lines("outlets"):
            match = _OUTLET_LINE.match(line)
            if match:
                domain = None if match[3] == "no domain" else match[3]
                outlets.append(
                    OutletBrief(
                        role=match[1],
                        outlet=match[2],
                        domain=domain,
                        factuality=match[4],
                        bias=match[5],
                    )
                )
                continue
            for pattern, kind in ((_PLATFORM_LINE, "platform"), (_SATIRE_LINE, "satire")):
                match = pattern.match(line)
                if match:
                    domain = None if match[3] == "no domain" else match[3]
                    outlets.append(
                        OutletBrief(role=match[1], outlet=match[2], domain=domain, **{kind: True})
                    )
                    break
        debunks = []
        for line in lines("fact_checks"):
            verdict, _, rest = line.partition(" | ")
            statement, source, similarity = [*rest.rsplit(" | ", 2), "", "", ""][:3]
            debunks.append(
                DebunkBrief(
                    title=statement,
                    verdict=verdict,
                    source=source,
                    similarity=float(similarity) if _NUMBER.fullmatch(similarity) else 0.0,
                )
            )
        counts = {}
        for part in text("signal_counts").split(";"):
            kind, _, count = part.strip().partition("=")
            if kind and count.isdigit():
                counts[kind] = int(count)
        return cls(
            index=int(float(cells.get("index") or 0)),
            id=text("id") or None,
            title=text("title") or None,
            url=text("url") or None,
            source_domain=text("source_domain") or None,
            source_domain_ascii=text("source_domain_ascii") or None,
            language=text("language") or None,
            n_chars=int(float(cells.get("n_chars") or 0)),
            analysis_path=text("analysis_path") or None,
            score=float(cells["score"]) if cells.get("score") not in (None, "") else None,
            label=text("label") or None,
            model_version=text("model_version") or None,
            reliability_status=text("reliability_status") or None,
            n_signals=int(float(cells.get("n_signals") or 0)),
            n_claims=int(float(cells.get("n_claims") or 0)),
            signal_counts=counts,
            top_signals=top,
            outlets=outlets,
            debunks=debunks,
            notes=lines("notes"),
            error=text("error") or None,
            analysis_id=(
                int(float(cells["analysis_id"]))
                if cells.get("analysis_id") not in (None, "")
                else None
            ),
        )


def _outlet_line(outlet: OutletBrief) -> str:
    """An outlet as a line of the flat ``outlets`` column (:data:`_OUTLET_LINE` or, for a
    platform or satire, :data:`_PLATFORM_LINE` or :data:`_SATIRE_LINE` reads it back)."""
    head = f"{outlet.role}: {_one_line(outlet.outlet)} ({outlet.domain or 'no domain'}) - "
    if outlet.platform:
        # the lists' rating of X or YouTube is not a post's (probe s48 O2): the reports say so
        return head + PLATFORM_WORDS
    if outlet.satire:
        # "factuality mixed, bias center" read The Onion as a news outlet (probe s49 O1)
        return head + SATIRE_WORDS
    return head + f"factuality {outlet.factuality}, bias {outlet.bias}"


FLAT_COLUMNS: tuple[str, ...] = (
    "index",
    "id",
    "title",
    "url",
    "source_domain",
    "source_domain_ascii",
    "language",
    "score",
    "label",
    "band",
    "reliability_status",
    "n_signals",
    "signals",
    "signal_counts",
    "outlets",
    "n_claims",
    "best_fact_check",
    "best_fact_check_rating",
    "fact_checks",
    "notes",
    "error",
    "n_chars",
    "analysis_path",
    "model_version",
    "analysis_id",
)
# with --corroborate, CSV and XLSX add these (JSONL and Parquet keep ``corroboration`` whole)
CORROBORATION_COLUMNS: tuple[str, ...] = (
    "event",
    "origin",
    "independent_origins",
    "other_origins",
    "claims_corroboration",
    "corroboration_signals",
    "base_score",
    "corroboration_notes",
)


def flat_corroboration(corroboration: dict[str, Any] | None) -> dict[str, Any]:
    """A row's ``corroboration`` as :data:`CORROBORATION_COLUMNS`: one line per other origin,
    per claim (``status | figures | what the others say | claim``) and per signal
    (``explanation | claim``)."""
    if not corroboration:
        return dict.fromkeys(CORROBORATION_COLUMNS)
    claims = []
    for claim in corroboration.get("claims") or []:
        status = claim["status"]
        if status in ("contradicted", "disputed"):
            status = f"{status} by {claim.get('contradicting_origins', 0)}"
            others = "other figures: " + "; ".join(
                f"{_one_line(a['origin'])}: {', '.join(a.get('figures') or [])}"
                for a in claim.get("contradicted_by") or []
            )
        elif claim.get("corroborated_by"):
            others = "agree: " + "; ".join(_one_line(a["origin"]) for a in claim["corroborated_by"])
        else:
            others = "-"
        figures = ", ".join(claim.get("figures") or [])
        claims.append(" | ".join((status, figures, others, _one_line(claim["text"]))))
    return {
        "event": corroboration.get("event_id"),
        "origin": corroboration.get("origin"),
        "independent_origins": corroboration.get("independent_origins"),
        "other_origins": "\n".join(_one_line(o) for o in corroboration.get("other_origins") or []),
        "claims_corroboration": "\n".join(claims),
        # each signal with its claim: "Claim not found in the 3 other outlet(s) ..." is every such
        # claim's explanation, so a line without its claim did not say which one it was
        "corroboration_signals": "\n".join(
            " | ".join(filter(None, (_one_line(s["explanation"]), _one_line(s.get("claim") or ""))))
            for s in corroboration.get("signals") or []
        ),
        "base_score": corroboration.get("base_score"),
        "corroboration_notes": "\n".join(_one_line(n) for n in corroboration.get("notes") or []),
    }


def corroboration_from_flat(cells: dict[str, Any]) -> dict[str, Any] | None:
    """The ``corroboration`` read back from its spreadsheet columns (what ``summarize`` shows:
    the event, its origins and each claim's status and figures; quoted sentences are not kept)."""
    if cells.get("event") in (None, ""):
        return None

    def lines(name: str) -> list[str]:
        value = cells.get(name)
        return [line for line in str(value or "").split("\n") if line.strip()]

    claims = []
    for line in lines("claims_corroboration"):
        status, figures, others, text = [*line.split(" | ", 3), "", "", ""][:4]
        status, _, against = status.partition(" by ")
        contradicted_by, corroborated_by = [], []
        if others.startswith("other figures: "):
            for entry in others.removeprefix("other figures: ").split("; "):
                origin, _, given = entry.rpartition(": ")
                contradicted_by.append(
                    {
                        "origin": origin,
                        "sentence": "",
                        "figures": given.split(", ") if given else [],
                    }
                )
        elif others.startswith("agree: "):
            for origin in others.removeprefix("agree: ").split("; "):
                corroborated_by.append({"origin": origin, "sentence": "", "figures": []})
        claims.append(
            {
                "text": text,
                "figures": figures.split(", ") if figures else [],
                "status": status,
                "contradicting_origins": int(against) if against.isdigit() else 0,
                "contradicted_by": contradicted_by,
                "corroborated_by": corroborated_by,
            }
        )
    origins = cells.get("independent_origins")
    base = cells.get("base_score")
    return {
        "event_id": str(cells["event"]),
        "origin": cells.get("origin") or None,
        "independent_origins": int(float(origins)) if origins not in (None, "") else 1,
        "other_origins": lines("other_origins"),
        "claims": claims,
        "signals": [{"explanation": line} for line in lines("corroboration_signals")],
        "base_score": float(base) if base not in (None, "") else None,
        "notes": lines("corroboration_notes"),
    }


# "Cited outlet 0.85: Fox": the label the terminal and the HTML report show, its weight, its
# quote (probe s46: the column named kinds by their code, "outlet_citation 0.85: Fox"). No label
# holds a digit, so the first " <weight>: " ends it.
_SIGNAL_LINE = re.compile(r"^(.+?) (\d+(?:\.\d+)?): (.*)$")
_KIND_OF_LABEL = {kind_label(kind): kind.value for kind in SignalKind}


def _label(kind: str) -> str:
    """The label of a signal kind's code, as reports show it; a code this version does not
    know stays as it is."""
    try:
        return kind_label(SignalKind(kind))
    except ValueError:
        return kind


_OUTLET_LINE = re.compile(r"^(\w+): (.*) \(([^()]*)\) - factuality (\S+), bias (\S+)$")
_PLATFORM_LINE = re.compile(rf"^(\w+): (.*) \(([^()]*)\) - {re.escape(PLATFORM_WORDS)}$")
_SATIRE_LINE = re.compile(rf"^(\w+): (.*) \(([^()]*)\) - {re.escape(SATIRE_WORDS)}$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def band_of(score: float | None) -> str | None:
    """The score's band with its range, e.g. ``uncertain (0.35-0.65)``."""
    if score is None:
        return None
    if score < UNRELIABLE_BELOW:
        return f"unreliable (below {UNRELIABLE_BELOW:.2f})"
    if score >= RELIABLE_FROM:
        return f"reliable ({RELIABLE_FROM:.2f} and above)"
    return f"uncertain ({UNRELIABLE_BELOW:.2f}-{RELIABLE_FROM:.2f})"


def _one_line(text: str) -> str:
    return " ".join(text.split())
