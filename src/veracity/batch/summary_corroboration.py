"""The corroboration section of the corpus overview (results of ``batch --corroborate``):
events told by several origins, with their outlets, and the claims whose figures disagree,
with the figures each outlet gives. Memory is bounded: the largest events and the most
contradicted claims are kept in heaps of fixed size."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from veracity.batch.page_text import page_text

EVENTS_SHOWN = 20
DISAGREEMENTS_SHOWN = 30
OUTLETS_PER_EVENT = 12


@dataclass
class CorroborationDigest:
    """What the overview shows of the rows' ``corroboration``, counted one row at a time."""

    rows: int = 0
    multi_origin_rows: int = 0
    corroborated_claims: int = 0
    contradicted_claims: int = 0
    disputed_claims: int = 0
    uncorroborated_claims: int = 0
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    _disagreements: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    _seen: int = 0  # claims ranked so far: the tie-break (the earlier claim ranks first)

    def add(self, row: dict[str, Any]) -> None:
        corroboration = row.get("corroboration")
        if not isinstance(corroboration, dict):
            return
        self.rows += 1
        origins = corroboration.get("independent_origins") or 1
        event_id = str(corroboration.get("event_id"))
        origin = str(corroboration.get("origin") or row.get("source_domain") or row.get("id"))
        if origins > 1:
            self.multi_origin_rows += 1
            event = self.events.setdefault(
                event_id, {"origins": origins, "articles": 0, "outlets": [], "title": None}
            )
            event["articles"] += 1
            event["title"] = event["title"] or row.get("title")
            if origin not in event["outlets"] and len(event["outlets"]) < OUTLETS_PER_EVENT:
                event["outlets"].append(origin)
            if len(self.events) > 4 * EVENTS_SHOWN:  # keep the largest events only
                smallest = min(self.events, key=lambda k: self.events[k]["origins"])
                del self.events[smallest]
        for claim in corroboration.get("claims") or []:
            status = claim.get("status")
            self.uncorroborated_claims += status == "uncorroborated"
            self.corroborated_claims += status == "corroborated"
            if status not in ("contradicted", "disputed"):
                continue
            self.contradicted_claims += status == "contradicted"
            self.disputed_claims += status == "disputed"
            entry = {
                "event": event_id,
                "claim": str(claim.get("text") or ""),
                "status": status,
                "outlets": [(origin, ", ".join(claim.get("figures") or []))]
                + [
                    (str(other.get("origin")), ", ".join(other.get("figures") or []))
                    for other in claim.get("contradicted_by") or []
                ],
            }
            self._seen += 1
            key = (int(claim.get("contradicting_origins") or 0), -self._seen, entry)
            if len(self._disagreements) < DISAGREEMENTS_SHOWN:
                heapq.heappush(self._disagreements, key)
            elif key[:2] > self._disagreements[0][:2]:
                heapq.heapreplace(self._disagreements, key)

    @property
    def disagreements(self) -> list[dict[str, Any]]:
        """The claims most outlets contradict, most first."""
        ranked = sorted(self._disagreements, key=lambda item: item[:2], reverse=True)
        return [entry for _, _, entry in ranked]


def corroboration_section(digest: CorroborationDigest) -> str:
    """The section's HTML ('' for results without corroboration)."""
    if not digest.rows:
        return ""
    esc = page_text
    events = sorted(digest.events.values(), key=lambda e: (-e["origins"], -e["articles"]))
    event_rows = "".join(
        f"<tr><td>{esc(str(e['title'] or '')[:160])}</td><td>{e['origins']}</td>"
        f"<td>{e['articles']}</td><td>{esc(', '.join(e['outlets']))}</td></tr>"
        for e in events[:EVENTS_SHOWN]
    )
    claim_rows = "".join(
        f"<tr><td>{esc(d['claim'][:240])}</td><td>{esc(d['status'])}</td><td>"
        + "<br>".join(f"{esc(outlet)}: {esc(figures)}" for outlet, figures in d["outlets"])
        + "</td></tr>"
        for d in digest.disagreements
    )
    return (
        "<h2>Corroboration across outlets</h2>"
        f"<p>{digest.multi_origin_rows:,} of {digest.rows:,} articles report an event that "
        "other independent origins report too. Their claims with figures: "
        f"{digest.corroborated_claims:,} corroborated (another outlet states the same figure), "
        f"{digest.contradicted_claims:,} contradicted (two or more outlets give one other "
        f"figure), {digest.disputed_claims:,} disputed (one other outlet gives another figure, "
        f"or several give different ones: nothing tells which is right), {digest.uncorroborated_claims:,} uncorroborated (not found in "
        "the other outlets' reports of their event).</p>"
        + (
            "<h3>Events reported by the most origins</h3><table><tr><th>event (a title)</th>"
            f"<th>origins</th><th>articles</th><th>outlets</th></tr>{event_rows}</table>"
            if event_rows
            else ""
        )
        + (
            "<h3>Claims whose figures disagree</h3><table><tr><th>claim</th><th>status</th>"
            f"<th>figures by outlet (this article's first)</th></tr>{claim_rows}</table>"
            if claim_rows
            else '<p class="note">No figures disagree between outlets.</p>'
        )
    )
