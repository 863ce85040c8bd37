"""Self-contained HTML report: the article with every signal span highlighted, and a legend.

All article-derived strings go through :func:`html.escape`; the page carries no script and a
Content-Security-Policy that forbids any, so hostile text is shown, never executed. A quoted string
set in a line of the report's own words (a claim, a passage, a fact-checked statement, a signal's
quote, the source address) is an isolate of its own (:func:`_isolated`), so direction marks in it
cannot reorder the words around it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape

from veracity.report.schema import (
    RELIABLE_FROM,
    SCORE_MEANING,
    UNRELIABLE_BELOW,
    WEIGHT_NOTE,
    EvidencePassage,
    EvidenceVerdicts,
    Report,
    Signal,
    SignalKind,
    ascii_host_note,
    check_worthiness_words,
    corroboration_line,
    cut_at_word,
    found_counts,
    quote_forms,
    rating_notes,
    rating_words,
    reasons_by_direction,
    shown_score,
    signal_repeats,
    status_words,
)

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

_DEFAULT_COLOUR = "#e0e0e0"

_CSS = """
body{font-family:Georgia,serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.6}
h1{font-size:1.5rem;line-height:1.35} .meta{color:#555;font-family:sans-serif;font-size:.9rem}
h1,.article,td,.meta{overflow-wrap:anywhere}
.score{font-family:sans-serif;padding:.6rem 1rem;border-radius:6px;display:inline-block;margin:.5rem 0}
.reliable{background:#d8f3dc}.uncertain{background:#fff3bf}.unreliable{background:#ffd6d6}
.not-scored{background:#eee}
.scale{font-family:sans-serif;font-size:.8rem;color:#444;max-width:24rem;margin:.3rem 0 1rem}
.bands{display:flex;height:.7rem;border-radius:3px;overflow:hidden;position:relative}
.bands span{display:block} .pin{position:absolute;top:-.25rem;width:3px;height:1.2rem;background:#222}
.ticks{display:flex;justify-content:space-between}
.article{white-space:pre-wrap;border-top:1px solid #ddd;padding-top:1rem}
mark{border-radius:3px;padding:0 1px;color:inherit}
mark.multi{outline:2px dashed #444}
.legend{font-family:sans-serif;font-size:.85rem;display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.legend span{padding:.1rem .5rem;border-radius:3px}
table{font-family:sans-serif;font-size:.85rem;border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border-bottom:1px solid #eee;padding:.3rem;text-align:left;vertical-align:top}
.techniques{font-family:sans-serif;font-size:.9rem;padding-left:1.2rem}
.techniques li.technique{margin-bottom:.6rem} .techniques ul{margin:.2rem 0;padding-left:1rem}
th.kind{width:11rem} th.weight{width:4rem} th.quote{width:40%}
@media (max-width:40rem){body{margin:1rem auto}table,tbody,tr,td,th{display:block;width:auto}
tr:first-child{display:none} tr{border-bottom:1px solid #ddd;padding:.4rem 0} td{border:0;padding:.1rem 0}
td:nth-child(3)::before{content:"weight "}}
"""
_MAX_TABLE_QUOTE = 200
_MAX_TECHNIQUE_QUOTES = 5
# beside a technique's span inside quotation marks (a propaganda signal's detail "quoted")
_QUOTED_LABEL = ' <span class="meta">(in quoted words)</span>'


def kind_label(kind: SignalKind) -> str:
    """Human label of a signal kind (a readable default for kinds added later)."""
    return KIND_LABELS.get(kind) or kind.value.replace("_", " ").capitalize()


def kind_colour(kind: SignalKind) -> str:
    """Highlight colour of a signal kind."""
    return KIND_COLOURS.get(kind, _DEFAULT_COLOUR)


def _segments(
    text: str, signals: list[Signal], extra_cuts: tuple[int, ...] = ()
) -> list[tuple[int, int, list[Signal]]]:
    """Cut the text at every span boundary; each piece lists the signals covering it."""
    cuts = sorted(
        {0, len(text), *extra_cuts, *(s.start for s in signals), *(s.end for s in signals)}
    )
    by_start = sorted(signals, key=lambda s: s.start)
    active: list[Signal] = []
    next_signal = 0
    pieces = []
    for start, end in itertools.pairwise(cuts):
        while next_signal < len(by_start) and by_start[next_signal].start <= start:
            active.append(by_start[next_signal])
            next_signal += 1
        active = [s for s in active if s.end > start]
        pieces.append((start, end, list(active)))
    return pieces


def _mark(piece: str, covering: list[Signal]) -> str:
    if not covering:
        return escape(piece)
    strongest = max(covering, key=lambda s: s.weight)
    tip = "\n".join(
        f"{kind_label(s.kind)} ({s.weight:.2f}): {s.explanation}"
        for s in sorted(covering, key=lambda s: -s.weight)
    )
    kinds = " ".join(sorted({s.kind.value for s in covering}))
    classes = f"sig {kinds}" + (" multi" if len(covering) > 1 else "")
    return (
        f'<mark class="{escape(classes)}" data-kinds="{escape(kinds)}" '
        f'style="background:{kind_colour(strongest.kind)}" title="{escape(tip)}">'
        f"{escape(piece)}</mark>"
    )


def _marked(report: Report, start: int, end: int) -> str:
    """``report.text[start:end]`` escaped, with every signal span in it highlighted."""
    return "".join(
        _mark(report.text[a:b], covering)
        for a, b, covering in _segments(report.text, report.signals, (start, end))
        if a >= start and b <= end
    )


def _legend(report: Report) -> str:
    counts = found_counts(report)
    if not counts:
        return '<p class="meta">No signals found.</p>'
    entries = "".join(
        f'<span style="background:{kind_colour(kind)}">{escape(kind_label(kind))} '
        f"({counts[kind]})</span>"
        for kind in SignalKind
        if counts[kind]
    )
    return f'<div class="legend">{entries}</div>'


def _isolated(text: str) -> str:
    """``text`` escaped inside ``<bdi>``: its direction is its own and ends with it, so an isolate
    it leaves open (U+2066-U+2068 without U+2069, kept on input for right-to-left text) or its
    right-to-left letters cannot reorder the report's own words after it on the same line (an
    open isolate ending a claim put "(check-worthiness 0.87)" and its fact-check's rating before
    the claim's closing quotation mark)."""
    return f"<bdi>{escape(text)}</bdi>"


# Each opening quotation mark and the marks that close it. A quote shown between quotation
# marks that already opens and closes with a pair of them is shown as it is: a propaganda span
# "“fierce”" read ““fierce”” (probe s44). The web page's app.js holds the same pairs.
QUOTATION_MARKS = {"“": "”", '"': '"', "„": "“”", "«": "»", "‘": "’", "‹": "›"}


# The marks that close a quotation at a text's end whatever opens it. A single mark (’, ›)
# closes only a quotation it opens: "the players’" ends with an apostrophe.
CLOSING_MARKS = '”"»'
# The double marks that open and close a quotation inside a text ("„" is closed by "“" in
# German use, as QUOTATION_MARKS says); the single ones are apostrophes as often, and uncounted.
_OPENING_DOUBLE = "“„«"
_CLOSING_DOUBLE = "”»"


def unmatched_marks(text: str) -> tuple[int, int]:
    """``(open, closed)``: whether ``text`` leaves a double quotation mark of its own open (a
    quotation cut before its end) and whether it closes one it never opened (cut after its
    start), each 0 or 1. Straight marks: an odd count opens at the text's start or closes at
    its end."""
    depth = low = unopened = 0
    for char in text:
        if char == "“" and low:  # „...“ closes
            low -= 1
            depth -= 1
        elif char in _OPENING_DOUBLE:
            depth += 1
            low += char == "„"
        elif char in _CLOSING_DOUBLE:
            if depth:
                depth -= 1
            else:
                unopened = 1
    opened = min(depth, 1)
    if text.count('"') % 2:
        opened |= text.startswith('"')
        unopened |= text.endswith('"') and not text.startswith('"')
    return opened, unopened


def quotation_marks_added(text: str) -> tuple[str, str]:
    """The curly marks to show ``text`` between, so that the marks shown pair up. A text with no
    quotation mark at either end gets both, as before (probe s48 U4 and item 5 of session 49):
    one that brings a mark at an end gets only the mark that closes a quotation of its own it
    leaves open, or opens one it closes unopened, and none when its own marks pair up: the
    claim “If in the next 20 years ...,” he said. read ““If ... with both, then “If ...,” he
    said.” with only the closing one. The web page's app.js (quotation) shows the same."""
    opened, unopened = unmatched_marks(text)
    at_an_end = text[:1] in QUOTATION_MARKS or (text[-1:] and text[-1] in CLOSING_MARKS)
    if not (at_an_end or opened or unopened):
        return "“", "”"
    return ("“" if unopened else ""), ("”" if opened else "")


def _quoted(text: str) -> str:
    """``text`` as :func:`_isolated` writes it, between curly quotation marks but for a mark it
    already has (:func:`quotation_marks_added`)."""
    opening, closing = quotation_marks_added(text)
    return f"{'&ldquo;' if opening else ''}{_isolated(text)}{'&rdquo;' if closing else ''}"


def _titled_list(title: str, items: Iterable[str]) -> str:
    """``<p>title:</p>`` over a bulleted list of already-escaped items; nothing when empty."""
    body = "".join(f"<li>{item}</li>" for item in items)
    return f"<p>{title}:</p><ul>{body}</ul>" if body else ""


def _quote(text: str) -> str:
    return cut_at_word(text, _MAX_TABLE_QUOTE)


def _techniques_section(report: Report) -> str:
    """Each propaganda technique found: its count, what it is, an example, and where it is."""
    items = []
    for entry in report.propaganda_techniques:
        quotes = [
            (s.quote, bool(s.detail.get("quoted")))
            for s in sorted(report.signals, key=lambda s: s.start)
            if s.kind == SignalKind.PROPAGANDA and s.detail.get("technique") == entry.technique
        ]
        shown = "".join(
            f'<li><mark style="background:{kind_colour(SignalKind.PROPAGANDA)}">'
            f"{escape(_quote(q))}</mark>{_QUOTED_LABEL if quoted else ''}</li>"
            for q, quoted in quotes[:_MAX_TECHNIQUE_QUOTES]
        )
        quoted_words = entry.quoted_words()
        more = len(quotes) - _MAX_TECHNIQUE_QUOTES
        if more > 0:
            shown += f"<li>&hellip; and {more} more, highlighted in the article</li>"
        items.append(
            f'<li class="technique" data-technique="{escape(entry.technique)}">'
            f"<strong>{escape(entry.label.capitalize())}</strong> &times; {entry.count}"
            f"{f' ({escape(quoted_words)})' if quoted_words else ''}"
            f"<br>{escape(entry.definition)}"
            f'<br><span class="meta">Example: {escape(entry.example)}</span>'
            f"<ul>{shown}</ul></li>"
        )
    if not items:
        return ""
    return (
        "<h2>Propaganda techniques</h2>"
        '<p class="meta">Spans a model trained on the Propaganda Techniques Corpus '
        "(SemEval-2020 Task 11) flags, by technique: evidence to check, not verdicts. Those "
        "in quoted words are someone the article quotes, not the article itself.</p>"
        f'<ul class="techniques">{"".join(items)}</ul>'
    )


def _outlets_section(report: Report) -> str:
    """The publisher and every outlet the text cites, each with its rating, as the terminal
    summary and the web page list them."""
    items = []
    for rating in report.outlets:
        role = "Publisher" if rating.role == "publisher" else "Cites"
        # an outlet no list names is its address: "nfl.com", not "nfl.com (nfl.com)" (probe s46)
        domain = f" ({rating.domain})" if rating.domain and rating.domain != rating.outlet else ""
        contested, rated_by = rating_notes(rating)
        source = f' <span class="meta">({escape(rated_by)})</span>' if rated_by else ""
        items.append(
            f"<li>{role}: <strong>{escape(rating.outlet)}</strong>"
            f"{escape(domain + ascii_host_note(rating.host_ascii))} &mdash; "
            f"{escape(rating_words(rating) + contested)}{source}</li>"
        )
    return f'<h2>Outlets</h2><ul class="outlets">{"".join(items)}</ul>' if items else ""


def _claims_section(report: Report) -> str:
    """Check-worthy claims with their fact-check matches, evidence and verdict (all escaped)."""
    items = []
    for claim in report.claims:
        # who says it, where the text names them (the terminal and the web page write the same)
        said_by = f" &mdash; {_isolated(claim.speaker)}" if claim.speaker else ""
        parts = [
            f"<p>{_quoted(claim.text)}{said_by} <small>(check-worthiness "
            f"{escape(check_worthiness_words(claim))})</small></p>"
        ]
        if claim.score is None and claim.note:
            parts.append(f"<p><small>{escape(claim.note)}</small></p>")
        if claim.verdict is not None:
            parts.append(
                f"<p><strong>{escape(claim.verdict.label.replace('_', ' '))}</strong> "
                f"(confidence {claim.verdict.confidence:.2f}): "
                f"{escape(claim.verdict.explanation)}</p>"
            )
            parts.append(
                _titled_list(
                    claim.verdict.passages_heading,
                    [
                        f"{escape(d.stance)}, weight {d.weight:.2f} &mdash; "
                        f"{_isolated(d.document_id)}: {_quoted(_quote(d.passage))}"
                        for d in claim.verdict.passages
                    ],
                )
            )
            if claim.verdict.passages:
                parts.append(f'<p class="weight-note"><small>{escape(WEIGHT_NOTE)}</small></p>')
        parts.append(
            _titled_list(
                "Known fact-checks",
                [
                    f"[{_isolated(m.verdict)}] {_isolated(m.statement)} &mdash; "
                    f"{_isolated(m.source)}; {escape(m.explanation)}"
                    for m in claim.debunk_matches
                ],
            )
        )
        parts.append(
            _titled_list(
                "Evidence",
                [
                    f"{escape(e.stance)} ({judged(e)}) &mdash; {_isolated(e.document_id)}: "
                    f"{_quoted(_quote(e.passage))}" + (f"; {escape(e.note)}" if e.note else "")
                    for e in claim.evidence
                ],
            )
        )
        items.append(f"<li>{''.join(parts)}</li>")
    return f"<h2>Claims</h2><ol>{''.join(items)}</ol>" if items else ""


def judged(passage: EvidencePassage) -> str:
    """How sure the stance model was, how likely the passage is to be evidence for the claim
    (its calibrated relevance) and how related the stance model reads it (what the verdict's
    weight multiplies), each named (a bare pair of figures says neither), as `veracity verify`
    prints them; a report stored before relevance was calibrated (schema 1.4) shows the
    relatedness alone."""
    relevance = "" if passage.relevance is None else f", relevance {passage.relevance:.2f}"
    if passage.relatedness is not None:
        # what the verdict's weight multiplies (WEIGHT_NOTE): shown beside the relevance
        relevance += f", relatedness {passage.relatedness:.2f}"
    return f"stance probability {passage.stance_probability:.2f}{relevance}"


_STATUS_WORDS = {
    "corroborated": "corroborated",
    "contradicted": "contradicted",
    "disputed": "disputed",
    "uncorroborated": "not found in the other outlets' reports of the event",
}


def _corroboration_section(report: Report) -> str:
    """Other origins of the article's event and, per claim with figures, who agrees and who
    gives other figures (only with --corroborate; all escaped)."""
    corroboration = report.corroboration
    if corroboration is None:
        return ""
    line = escape(corroboration_line(corroboration, 8))
    # with no other origin, each claim's status would repeat the line above (probe s47 U5)
    compared = corroboration.claims if corroboration.independent_origins > 1 else []
    items = []
    for claim in compared:
        parts = [
            f"<p>{_quoted(claim.text)} <small>(figures: "
            f"{escape(', '.join(claim.figures))})</small></p>",
            f"<p><strong>{escape(_STATUS_WORDS[claim.status])}</strong>: "
            f"{escape(claim.explanation)}</p>",
        ]
        parts.append(
            _titled_list(
                "Other figures",
                [
                    f"{_isolated(a.origin)}: {escape(', '.join(a.figures))} &mdash; "
                    f"{_quoted(_quote(a.sentence))}"
                    for a in claim.contradicted_by
                ],
            )
        )
        parts.append(
            _titled_list(
                "Agreeing",
                [
                    f"{_isolated(a.origin)} &mdash; {_quoted(_quote(a.sentence))}"
                    for a in claim.corroborated_by
                ],
            )
        )
        items.append(f'<li class="corroboration-{escape(claim.status)}">{"".join(parts)}</li>')
    claims = f"<ol>{''.join(items)}</ol>" if items else ""
    return (
        f"<h2>Corroboration</h2><p>{line}; syndicated copies and one publisher's articles "
        f"count once.</p>{claims}"
    )


def _band_scale(score: float | None) -> str:
    """The 0-1 scale drawn as its three coloured bands, with the score pinned on it."""
    low, high = UNRELIABLE_BELOW * 100, RELIABLE_FROM * 100
    pin = (
        f'<span class="pin" style="left:calc({score * 100:.1f}% - 1px)"></span>'
        if score is not None
        else ""
    )
    return (
        '<div class="scale" aria-hidden="true"><div class="bands">'
        f'<span class="unreliable" style="width:{low:.0f}%"></span>'
        f'<span class="uncertain" style="width:{high - low:.0f}%"></span>'
        f'<span class="reliable" style="width:{100 - high:.0f}%"></span>{pin}</div>'
        f'<div class="ticks"><span>0</span><span>unreliable &lt; {UNRELIABLE_BELOW:.2f}</span>'
        f"<span>uncertain</span><span>{RELIABLE_FROM:.2f} &le; reliable</span><span>1</span></div>"
        "</div>"
    )


def _score_section(report: Report) -> str:
    """The band, the score on its labelled 0-1 scale, and what the score does and does not mean."""
    meaning = (
        f'<p class="meta">{escape(SCORE_MEANING)} Bands: unreliable below '
        f"{UNRELIABLE_BELOW:.2f}, uncertain up to {RELIABLE_FROM:.2f}, reliable from "
        f"{RELIABLE_FROM:.2f}.</p>"
    )
    rel = report.reliability
    if rel is None:
        why = " &mdash; see the note above" if report.notes else ""
        status = report.reliability_status
        if status not in (None, "scored"):
            why = f" ({escape(status_words(status))}){why}"
        return (
            f'<div class="score not-scored"><strong>Not scored</strong>{why}</div>'
            f"{_band_scale(None)}{meaning}"
        )
    feats = "".join(
        f"<li>{direction}: {escape('; '.join(phrases))}</li>"
        for direction, phrases in reasons_by_direction(rel.top_features)
    )
    drivers = (
        f"<details><summary>What moved the score</summary><ul>{feats}</ul></details>"
        if feats
        else ""
    )
    return (
        f'<div class="score {escape(rel.label)}"><strong>{escape(rel.label.title())}</strong>'
        f" &mdash; reliability score {shown_score(rel.score)} on a 0&ndash;1 scale "
        f"(model {escape(rel.model_version)})</div>{_band_scale(rel.score)}{meaning}{drivers}"
    )


def _evidence_verdicts_section(report: Report) -> str:
    """Beside the score: how many of the claims the reader's evidence index refutes, disputes or
    supports, the refuted and disputed ones named (none: no claim has a verdict)."""
    counted = EvidenceVerdicts.of(report.claims)  # the claims as they are now
    if counted is None:
        return ""
    named = "".join(
        f"<li>{word}: {_quoted(text)}</li>"
        for word, texts in (
            ("Refuted", counted.refuted_claims),
            ("Disputed", counted.disputed_claims),
        )
        for text in texts
    )
    return (
        f'<div class="verdicts"><p><strong>{escape(counted.summary())}</strong></p>'
        f"{f'<ul>{named}</ul>' if named else ''}</div>"
    )


def render_html(report: Report, made_at: datetime | None = None) -> str:
    """The report as one self-contained HTML page (no external resources, no script).

    ``made_at``: when the analysis was made (default: now, for a report rendered right after it).
    """
    made_at = (made_at or datetime.now(UTC)).astimezone(UTC)
    if report.title and report.text.startswith(report.title):
        headline = _marked(report, 0, len(report.title))
    else:
        headline = escape(report.title or "Untitled article")
    body = _marked(report, report.body_start, len(report.text))
    # a signal the text repeats is one row, "×2" after its words, as the terminal shows it
    rows = "".join(
        f"<tr><td>{escape(kind_label(same[0].kind))}</td>"
        f"<td>{' / '.join(_quoted(_quote(q)) for q in quote_forms(same))}"
        f"{f' &times;{len(same)}' if len(same) > 1 else ''}</td>"
        f"<td>{same[0].weight:.2f}</td><td>{escape(same[0].explanation)}</td></tr>"
        for same in signal_repeats(report.signals)
    )
    table = (
        '<h2>Signals</h2><table><tr><th class="kind">Kind</th><th class="quote">Quote</th>'
        f'<th class="weight">Weight</th><th>Why</th></tr>{rows}</table>'
        if rows
        else ""
    )
    score = _score_section(report) + _evidence_verdicts_section(report)
    title = escape(report.title or "Untitled article")
    source = (
        f'<p class="meta">Source: {_isolated(report.source_url)}'
        f"{escape(ascii_host_note(report.source_domain_ascii))}</p>"
        if report.source_url
        else ""
    )
    notes = "".join(f'<p class="meta">Note: {escape(note)}</p>' for note in report.notes)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>veracity: {title}</title><style>{_CSS}</style></head>
<body><p class="meta">veracity {escape(report.veracity_version)} &middot; {escape(report.analysis_path)} path
&middot; language {escape(report.language or "unknown")} &middot; made
<time datetime="{made_at.isoformat(timespec="seconds")}">{made_at:%Y-%m-%d %H:%M} UTC</time></p>
<h1>{headline}</h1>{source}{notes}{score}
{_outlets_section(report)}
{_legend(report)}
<div class="article">{body}</div>
{_techniques_section(report)}
{table}
{_claims_section(report)}{_corroboration_section(report)}
</body></html>
"""
