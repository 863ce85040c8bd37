"""Self-contained HTML report: the article with every signal span highlighted, and a legend.

All article-derived strings go through :func:`html.escape`; the page carries no script and a
Content-Security-Policy that forbids any, so hostile text is shown, never executed.
"""

from __future__ import annotations

import itertools
from html import escape

from veracity.report.schema import Report, Signal, SignalKind

KIND_COLOURS: dict[SignalKind, str] = {
    SignalKind.CLICKBAIT: "#ffd166",
    SignalKind.LOADED_LANGUAGE: "#f4a261",
    SignalKind.VAGUE_ATTRIBUTION: "#a8dadc",
    SignalKind.RHETORICAL_QUESTION: "#cdb4db",
    SignalKind.CONSPIRACY_FRAMING: "#ef476f",
    SignalKind.UNSOURCED_CLAIM: "#b5e48c",
    SignalKind.OUTLET_CITATION: "#90caf9",
    SignalKind.PROPAGANDA: "#ffafcc",
}

KIND_LABELS: dict[SignalKind, str] = {
    SignalKind.CLICKBAIT: "Clickbait headline",
    SignalKind.LOADED_LANGUAGE: "Loaded / emotional language",
    SignalKind.VAGUE_ATTRIBUTION: "Vague attribution / hedging",
    SignalKind.RHETORICAL_QUESTION: "Rhetorical question",
    SignalKind.CONSPIRACY_FRAMING: "Conspiracy framing",
    SignalKind.UNSOURCED_CLAIM: "Unsourced claim",
    SignalKind.OUTLET_CITATION: "Cited outlet",
    SignalKind.PROPAGANDA: "Propaganda technique",
}

_CSS = """
body{font-family:Georgia,serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.6}
h1{font-size:1.5rem} .meta{color:#555;font-family:sans-serif;font-size:.9rem}
.score{font-family:sans-serif;padding:.6rem 1rem;border-radius:6px;display:inline-block;margin:.5rem 0}
.reliable{background:#d8f3dc}.uncertain{background:#fff3bf}.unreliable{background:#ffd6d6}
.article{white-space:pre-wrap;border-top:1px solid #ddd;padding-top:1rem}
mark{border-radius:3px;padding:0 1px;background:transparent}
mark.multi{outline:2px dashed #444}
.legend{font-family:sans-serif;font-size:.85rem;display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.legend span{padding:.1rem .5rem;border-radius:3px}
table{font-family:sans-serif;font-size:.85rem;border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #eee;padding:.3rem;text-align:left;vertical-align:top}
"""


def _segments(text: str, signals: list[Signal]) -> list[tuple[int, int, list[Signal]]]:
    """Cut the text at every span boundary; each piece lists the signals covering it."""
    cuts = sorted({0, len(text), *(s.start for s in signals), *(s.end for s in signals)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [s for s in signals if s.start <= start and s.end >= end]
        pieces.append((start, end, covering))
    return pieces


def _mark(piece: str, covering: list[Signal]) -> str:
    if not covering:
        return escape(piece)
    strongest = max(covering, key=lambda s: s.weight)
    tip = " | ".join(f"{KIND_LABELS[s.kind]}: {s.explanation}" for s in covering)
    kinds = " ".join(sorted({s.kind.value for s in covering}))
    classes = f"sig {kinds}" + (" multi" if len(covering) > 1 else "")
    colour = KIND_COLOURS[strongest.kind]
    return (
        f'<mark class="{escape(classes)}" data-kinds="{escape(kinds)}" '
        f'style="background:{colour}" title="{escape(tip)}">{escape(piece)}</mark>'
    )


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (no external resources, no script)."""
    body = "".join(
        _mark(report.text[start:end], covering)
        for start, end, covering in _segments(report.text, report.signals)
    )
    legend = "".join(
        f'<span style="background:{KIND_COLOURS[kind]}">{escape(KIND_LABELS[kind])}'
        f" ({report.signal_counts.get(kind.value, 0)})</span>"
        for kind in SignalKind
    )
    rows = "".join(
        f"<tr><td>{escape(KIND_LABELS[s.kind])}</td><td>&ldquo;{escape(s.quote[:200])}&rdquo;</td>"
        f"<td>{s.weight:.2f}</td><td>{escape(s.explanation)}</td></tr>"
        for s in sorted(report.signals, key=lambda s: -s.weight)
    )
    score = ""
    if report.reliability:
        rel = report.reliability
        feats = "".join(
            f"<li>{escape(f.name)} ({f.contribution:+.2f})</li>" for f in rel.top_features[:8]
        )
        score = (
            f'<div class="score {escape(rel.label)}"><strong>{escape(rel.label.title())}</strong>'
            f" &mdash; reliability {rel.score:.2f} (model {escape(rel.model_version)})</div>"
            f"<details><summary>What moved the score</summary><ul>{feats}</ul></details>"
        )
    title = escape(report.title or "Untitled article")
    source = f'<p class="meta">Source: {escape(report.source_url)}</p>' if report.source_url else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>veracity: {title}</title><style>{_CSS}</style></head>
<body><p class="meta">veracity {escape(report.veracity_version)} &middot; {report.analysis_path} path
&middot; language {escape(report.language or "unknown")}</p>
<h1>{title}</h1>{source}{score}
<div class="legend">{legend}</div>
<div class="article">{body}</div>
<h2>Signals</h2><table><tr><th>Kind</th><th>Quote</th><th>Weight</th><th>Why</th></tr>{rows}</table>
</body></html>
"""
