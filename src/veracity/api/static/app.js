// veracity web page. Every piece of article or report text reaches the DOM through
// textContent or createTextNode, never as markup, so hostile text is shown, not run.
"use strict";

// Each signal kind's name, as the HTML report and the terminal write it (report/html.py
// KIND_LABELS).
const KIND_LABELS = {
  clickbait: "Clickbait headline",
  loaded_language: "Loaded / emotional language",
  vague_attribution: "Vague attribution / hedging",
  rhetorical_question: "Rhetorical question",
  conspiracy_framing: "Conspiracy framing",
  unsourced_claim: "Unsourced claim",
  outlet_citation: "Cited outlet",
  propaganda: "Propaganda technique",
};
const KNOWN_KINDS = Object.keys(KIND_LABELS);
const HISTORY_PAGE = 10;
// The score's bands (report.schema UNRELIABLE_BELOW / RELIABLE_FROM).
const UNRELIABLE_BELOW = 0.35;
const RELIABLE_FROM = 0.65;
const SCORE_DECIMALS = 4;
const SCORE_MEANING =
  "The score estimates how far the article can be trusted from its writing style and " +
  "sourcing. It is not a verdict on whether its facts are true.";
const KEY_STORAGE = "veracity.apiKey";
// Each reason for no score as a reader reads it (report.schema.STATUS_WORDS).
const STATUS_WORDS = {
  not_english: "not English", too_short: "too short", out_of_scope: "out of scope",
};

// Each opening quotation mark and the marks that close it (report/html.py QUOTATION_MARKS):
// a quote that already opens and closes with a pair is shown without the <q>'s own marks.
const QUOTATION_MARKS = { "“": "”", "\"": "\"", "„": "“”", "«": "»", "‘": "’", "‹": "›" };

const $ = (id) => document.getElementById(id);
const historyState = { query: "", offset: 0, total: 0 };

function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  if (options.title) node.title = options.title;
  for (const child of children) node.append(child);
  return node;
}

// The marks that close a quotation at a text's end whatever opens it (report.html.CLOSING_MARKS):
// a single mark closes only a quotation it opens ("the players’" ends with an apostrophe).
const CLOSING_MARKS = "\u201d\"\u00bb";

// Whether a text leaves a double quotation mark of its own open, and whether it closes one it
// never opened (report.html.unmatched_marks; single marks are apostrophes as often, uncounted).
function unmatchedMarks(text) {
  let depth = 0;
  let low = 0;
  let unopened = false;
  for (const char of text) {
    if (char === "\u201c" && low > 0) {
      low -= 1;
      depth -= 1;
    } else if ("\u201c\u201e\u00ab".includes(char)) {
      depth += 1;
      if (char === "\u201e") low += 1;
    } else if ("\u201d\u00bb".includes(char)) {
      if (depth > 0) depth -= 1;
      else unopened = true;
    }
  }
  let opened = depth > 0;
  if (text.split("\"").length % 2 === 0) {  // an odd count of straight marks
    opened = opened || text.startsWith("\"");
    unopened = unopened || (text.endsWith("\"") && !text.startsWith("\""));
  }
  return [opened, unopened];
}

// A quotation of report text: a <q> whose marks pair up with the text's own
// (report.html.quotation_marks_added): a text with no mark at either end gets both; one that
// brings a mark at an end only the mark that closes a quotation of its own it leaves open, or
// opens one it closes unopened, and none when its own pair up (probe s48 U4: "““If in the next
// 20 years ..."; session 49: "“If ...,” he said.”").
function quotation(text) {
  const shown = String(text ?? "");
  const [opened, unopened] = unmatchedMarks(shown);
  const atEnd = Object.hasOwn(QUOTATION_MARKS, shown[0] ?? "")
    || (shown.length > 0 && CLOSING_MARKS.includes(shown[shown.length - 1]));
  const both = !atEnd && !opened && !unopened;
  const opening = both || unopened;
  const closing = both || opened;
  const className = opening === closing ? (opening ? "" : "enclosed") : opening ? "closed" : "opened";
  return el("q", { text: shown, className });
}

// A text on one line, its runs of white space one space (Python's " ".join(text.split())).
function oneLine(text) {
  return String(text ?? "").split(/\s+/).filter(Boolean).join(" ");
}

function kindClass(kind) {
  return KNOWN_KINDS.includes(kind) ? `kind-${kind}` : "kind-other";
}

function kindLabel(kind) {
  return Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind] : words(kind);
}

function words(label) {
  return String(label).replaceAll("_", " ");
}

function setStatus(message, isError = false) {
  const status = $("status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

async function api(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  const key = $("api-key").value.trim();
  if (key) headers["X-API-Key"] = key;
  const response = await fetch(path, { ...options, headers });
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = null;
  }
  if (!response.ok) {
    if (response.status === 401) askForKey();
    const message = body && body.error ? body.error.message : `request failed (${response.status})`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return body;
}

function askForKey() {
  // The server wants a key: open the key field so the user sees where it goes.
  const key = $("api-key");
  key.closest("details").open = true;
  key.focus();
}

// An analysis has an address, /analyses/<id>: opening one shows it there, and a reload or a
// link sent to a colleague opens it again.
function permalinkId() {
  const match = window.location.pathname.match(/^\/analyses\/(\d+)\/?$/);
  return match ? match[1] : null;
}

function showAddress(id) {
  const path = `/analyses/${id}`;
  if (window.location.pathname !== path) window.history.pushState({ analysisId: id }, "", path);
}

// Offsets in a report count Unicode code points (Python); JavaScript strings count UTF-16
// units, so slice an array of code points. A signal covers the pieces between its start and
// its end (s.start <= piece start, s.end >= piece end), found by one sweep over the cuts: testing
// every signal against every piece froze the tab for a stored analysis of many signals (10 s
// for a 1 MB article's 66,666; hostile round 6).
function segments(chars, signals) {
  const cuts = new Set([0, chars.length]);
  for (const s of signals) {
    for (const at of [Number(s.start), Number(s.end)]) {
      if (!Number.isNaN(at)) cuts.add(Math.max(0, Math.min(at, chars.length))); // no offset, no cut
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  // the first cut not before a value; the first cut after it
  const firstAtOrAfter = (value) => {
    let [low, high] = [0, points.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (points[mid] < value) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const firstAfter = (value) => {
    let [low, high] = [0, points.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (points[mid] <= value) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const opening = new Map(); // piece -> signals (by position) whose first piece it is
  const closing = new Map(); // piece -> signals whose last piece it is
  signals.forEach((s, position) => {
    if (Number.isNaN(Number(s.start)) || Number.isNaN(Number(s.end))) return; // covers nothing
    const first = firstAtOrAfter(s.start);
    const last = firstAfter(s.end) - 2;
    if (first > last) return;
    if (!opening.has(first)) opening.set(first, []);
    opening.get(first).push(position);
    if (!closing.has(last)) closing.set(last, []);
    closing.get(last).push(position);
  });
  const active = new Set();
  const result = [];
  for (let i = 0; i + 1 < points.length; i++) {
    for (const position of opening.get(i) || []) active.add(position);
    const [start, end] = [points[i], points[i + 1]];
    const covering = [...active].sort((a, b) => a - b).map((position) => signals[position]);
    result.push({ start, end, text: chars.slice(start, end).join(""), covering });
    for (const position of closing.get(i) || []) active.delete(position);
  }
  return result;
}

function renderArticle(report) {
  const chars = Array.from(report.text);
  const signals = report.signals.map((s, index) => ({ ...s, index }));
  const article = $("article");
  const nodes = [];
  for (const part of segments(chars, signals)) {
    if (part.covering.length === 0) {
      nodes.push(document.createTextNode(part.text));
      continue;
    }
    const strongest = part.covering.reduce((a, b) => (b.weight > a.weight ? b : a));
    const mark = el("mark", {
      className: kindClass(strongest.kind) + (part.covering.length > 1 ? " multi" : ""),
      text: part.text,
      title: part.covering.map((s) => `${kindLabel(s.kind)}: ${s.explanation}`).join("\n"),
    });
    mark.dataset.kind = strongest.kind;
    mark.dataset.signals = part.covering.map((s) => s.index).join(" ");
    nodes.push(mark);
  }
  article.replaceChildren(...nodes);
}

// How many signals of a kind the analysis found: its signal_counts where that is a whole
// number above what the report lists, else what it lists.
function foundCount(report, kind, listed) {
  const counts = report.signal_counts;
  if (!counts || typeof counts !== "object" || !Object.hasOwn(counts, kind)) return listed;
  const n = counts[kind];
  return Number.isSafeInteger(n) && n > listed ? n : listed;
}

function renderLegend(report) {
  const counts = new Map();
  for (const s of report.signals) counts.set(s.kind, (counts.get(s.kind) || 0) + 1);
  // a report lists the first signals of each kind in the text; signal_counts counts every one
  const items = [...counts.entries()].map(([kind, listed]) => {
    const all = foundCount(report, kind, listed);
    const count = all > listed ? `${all}, the first ${listed} listed` : `${listed}`;
    return el("li", { className: kindClass(kind), text: `${kindLabel(kind)} (${count})` });
  });
  // no colours to explain: the Signals list says there are none, once (probe s47 U2: the page
  // said "No signals found in this article." here and "None." there)
  $("legend").replaceChildren(...items);
  $("legend").hidden = items.length === 0;
}

function flashSignal(indices) {
  const wanted = new Set(indices.map(String));
  const marks = [...document.querySelectorAll("#article mark")].filter((m) =>
    m.dataset.signals.split(" ").some((index) => wanted.has(index)));
  if (marks.length === 0) return;
  marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
  for (const mark of marks) mark.classList.add("flash");
  setTimeout(() => marks.forEach((mark) => mark.classList.remove("flash")), 1500);
}

function renderSignals(report) {
  // Strongest first, as the HTML report's table and the terminal list them (probe s46: the page
  // listed them in the article's order, its first a 0.28 beside the report's 0.80); the
  // highlights keep the article's order.
  const ranked = report.signals
    .map((s, index) => ({ s, index }))
    .sort((a, b) => Number(b.s.weight) - Number(a.s.weight) || a.index - b.index);
  // A signal the text repeats is one item, "×2" after its words, as the terminal and the HTML
  // report show it (report.schema.signal_repeats; probe s48 U3); "show" lights every one.
  const repeats = new Map();
  for (const entry of ranked) {
    const s = entry.s;
    const domain = s.kind === "outlet_citation" && s.detail && s.detail.domain ? String(s.detail.domain) : "";
    const key = JSON.stringify([s.kind, domain || oneLine(s.quote).toLowerCase(), s.explanation]);
    if (!repeats.has(key)) repeats.set(key, []);
    repeats.get(key).push(entry);
  }
  const items = [...repeats.values()].map((same) => {
    const s = same[0].s;
    const show = el("button", { className: "link", text: "show" });
    show.type = "button";
    show.addEventListener("click", () => flashSignal(same.map(({ index }) => index)));
    const forms = new Map();  // each way the text writes it, once ("ABC News", "ABCNews.com")
    for (const { s: one } of same) {
      const form = oneLine(one.quote).toLowerCase();
      if (!forms.has(form)) forms.set(form, one.quote);
    }
    const quotes = [...forms.values()].flatMap((quote, i) =>
      i === 0 ? [quotation(quote)] : [document.createTextNode(" / "), quotation(quote)]);
    const times = same.length > 1 ? ` \u00d7${same.length}` : "";
    return el("li", {}, [
      el("span", { className: `badge ${kindClass(s.kind)}`, text: kindLabel(s.kind) }),
      ...quotes,
      document.createTextNode(`${times} weight ${Number(s.weight).toFixed(2)} `),
      show,
      el("span", { className: "why", text: s.explanation }),
    ]);
  });
  // an empty list's line is no numbered item ("1. None.")
  if (items.length === 0) {
    items.push(el("li", { className: "empty", text: "No signals found in this article." }));
  }
  $("signals").replaceChildren(...items);
}

// Each propaganda technique found, as Prta shows them: count, definition, example, and the
// article's spans (each a button that scrolls to its highlight).
function renderTechniques(report) {
  const techniques = Array.isArray(report.propaganda_techniques) ? report.propaganda_techniques : [];
  $("techniques-section").hidden = techniques.length === 0;
  $("techniques").replaceChildren(...techniques.map((t) => {
    const spans = report.signals
      .map((s, index) => ({ s, index }))
      .filter(({ s }) => s.kind === "propaganda" && s.detail && s.detail.technique === t.technique)
      .map(({ s, index }) => {
        const show = el("button", { className: "link quote", text: s.quote });
        show.type = "button";
        show.addEventListener("click", () => flashSignal([index]));
        const quoted = s.detail.quoted === true
          ? [el("span", { className: "meta quoted", text: " (in quoted words)" })]
          : [];
        return el("li", {}, [show, ...quoted]);
      });
    const quotedWords = techniqueQuotedWords(t);
    const item = el("li", {}, [
      el("span", {
        className: "badge kind-propaganda",
        text: `${t.label} \u00d7 ${t.count}${quotedWords ? ` (${quotedWords})` : ""}`,
      }),
      el("span", { className: "why", text: t.definition }),
      el("span", { className: "why", text: `Example: ${t.example}` }),
      el("ul", { className: "technique-spans" }, spans),
    ]);
    item.dataset.technique = t.technique;
    return item;
  }));
}

function techniqueQuotedWords(t) {
  // How many of a technique's spans are quoted (report.schema.TechniqueCount.quoted_words).
  const quoted = Number.isInteger(t.quoted) ? t.quoted : 0;
  if (quoted <= 0) return "";
  if (quoted === t.count) return t.count === 1 ? "in quoted words" : `all ${t.count} in quoted words`;
  return `${quoted} in quoted words`;
}

function scoreBand(value) {
  if (value < UNRELIABLE_BELOW) return "unreliable";
  return value >= RELIABLE_FROM ? "reliable" : "uncertain";
}

function shownScore(value) {
  // Two decimals, or more where two would round the score across a band edge
  // (report.schema.shown_score: an uncertain 0.6473 reads "0.647", never "0.65").
  for (let decimals = 2; decimals < SCORE_DECIMALS; decimals += 1) {
    const text = value.toFixed(decimals);
    if (scoreBand(Number(text)) === scoreBand(value)) return text;
  }
  return value.toFixed(SCORE_DECIMALS);
}

function storedWhen(createdAt) {
  // When an analysis was stored, as `veracity db show` and the HTML report write it (2026-12-07
  // 06:51 UTC): the browser's locale gave "12/7/2026, 1:51:28 AM" in New York, no zone named,
  // beside a colleague's "06:51 UTC" for the same analysis (probe s46).
  const when = new Date(createdAt);
  if (Number.isNaN(when.getTime())) return String(createdAt);
  return `${when.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function bandScale(value) {
  // The 0-1 scale as its three bands, the band edges marked, the score pinned when there is one.
  const bands = el("div", { className: "bands" }, [
    el("span", { className: "band band-unreliable" }),
    el("span", { className: "band band-uncertain" }),
    el("span", { className: "band band-reliable" }),
  ]);
  bands.children[0].style.width = `${UNRELIABLE_BELOW * 100}%`;
  bands.children[1].style.width = `${(RELIABLE_FROM - UNRELIABLE_BELOW) * 100}%`;
  bands.children[2].style.width = `${(1 - RELIABLE_FROM) * 100}%`;
  if (value !== null) {
    const pin = el("span", { className: "pin", title: `score ${shownScore(value)}` });
    pin.style.left = `${value * 100}%`;
    bands.append(pin);
  }
  const ticks = el("div", { className: "ticks" }, [
    [0, "0"], [UNRELIABLE_BELOW, UNRELIABLE_BELOW.toFixed(2)],
    [RELIABLE_FROM, RELIABLE_FROM.toFixed(2)], [1, "1"],
  ].map(([at, text]) => {
    const tick = el("span", { className: "tick", text });
    tick.style.left = `${at * 100}%`;
    return tick;
  }));
  const names = el("div", { className: "band-names" }, [
    el("span", { text: "unreliable" }), el("span", { text: "uncertain" }),
    el("span", { text: "reliable" }),
  ]);
  return el("div", { className: "scale" }, [bands, ticks, names]);
}

// "not scored", with the reason in words when the report (or history entry) gives one.
function notScored(status) {
  return status && status !== "scored"
    ? `not scored: ${STATUS_WORDS[status] || String(status).replace(/_/g, " ")}`
    : "not scored";
}

function renderScore(report) {
  const score = $("score");
  const reliability = report.reliability;
  const meaning = el("p", { className: "meaning meta", text: SCORE_MEANING });
  if (!reliability) {
    const notes = Array.isArray(report.notes) ? report.notes : [];
    score.replaceChildren(
      el("div", { className: "headline" }, [
        el("span", {
          className: "band-name label-none",
          text: notScored(report.reliability_status),
        }),
        // The notes are listed just above (renderNotes): not a second time here.
        el("span", {
          className: "meta",
          text: notes.length ? "The notes above say why." : "No reliability model gave a score.",
        }),
      ]),
      bandScale(null),
      meaning,
    );
    return;
  }
  const value = Number(reliability.score);
  score.replaceChildren(
    el("div", { className: "headline" }, [
      el("span", { className: `band-name label-${reliability.label}`, text: reliability.label }),
      el("span", { className: "value", text: `score ${shownScore(value)} on a 0–1 scale` }),
      el("span", { className: "meta", text: `model ${reliability.model_version}` }),
    ]),
    bandScale(value),
    meaning,
    drivers(reliability.top_features),
  );
}

// What moved the score, as the phrases the report gives ("names no source for its figures").
// The reasons shown: report.schema.REASONS_SHOWN, as the terminal and the HTML report show them.
const REASONS_SHOWN = 6;

// What lowers it, then what raises it, as the terminal and the HTML report give them
// (report.schema.reasons_by_direction; probe s48 U2: the page interleaved them).
const REASON_DIRECTIONS = [["Lowers it", -1], ["Raises it", 1]];

function drivers(features) {
  const strongest = (Array.isArray(features) ? features : []).slice(0, REASONS_SHOWN);
  const items = REASON_DIRECTIONS.map(([direction, sign]) => [
    direction,
    strongest.filter((f) => Number(f.contribution) * sign > 0).map((f) => f.name),
  ]).filter(([, phrases]) => phrases.length > 0);
  return el("ul", { className: "drivers meta" }, items.map(([direction, phrases]) => el("li", {
    text: `${direction}: ${phrases.join("; ")}`,
  })));
}

function twoDecimals(value) {
  // as the terminal and HTML reports write a probability: "0.87", never "87%"
  return Number(value).toFixed(2);
}

// How sure the stance model was and how related the passage is, each named, as the terminal
// and the HTML report write them.
function judged(passage) {
  // relevance: the calibrated probability that the passage is evidence for the claim; a report
  // stored before schema 1.5 has only its relatedness (what the verdict weighs).
  const known = (value) => value !== null && value !== undefined;
  const relevance = known(passage.relevance)
    ? `, relevance ${twoDecimals(passage.relevance)}`
    : known(passage.relatedness) ? `, relatedness ${twoDecimals(passage.relatedness)}` : "";
  return `stance probability ${twoDecimals(passage.stance_probability)}${relevance}`;
}

// A claim's check-worthiness as the terminal and the HTML report write it: "0.87", or that it
// has none and why ("not scored (not English)").
function checkWorthiness(claim) {
  if (claim.score === null || claim.score === undefined) {
    const status = claim.score_status || "unknown";
    return `not scored (${STATUS_WORDS[status] || words(status)})`;
  }
  return twoDecimals(claim.score);
}

// What a deciding passage's "weight" is, as the reports say it (veracity.report.schema.WEIGHT_NOTE).
const WEIGHT_NOTE = "weight: the passage's stance probability times its relatedness to the claim "
  + "(1 minus the stance model's probability that it is unrelated), at most 0.90; a side's "
  + "strength combines its passages' weights";

function renderClaims(report) {
  const claims = Array.isArray(report.claims) ? report.claims : [];
  $("claims-section").hidden = claims.length === 0;
  $("claims").replaceChildren(...claims.map((claim) => {
    const li = el("li", {}, [
      quotation(claim.text),
      // who says it, where the text names them (schema 1.7; as report.terminal._said_by and the HTML report write it)
      ...(claim.speaker ? [el("span", { className: "speaker", text: ` — ${claim.speaker}` })] : []),
      el("span", { className: "meta", text: ` check-worthiness ${checkWorthiness(claim)}` }),
    ]);
    if (claim.score === null || claim.score === undefined) {
      // no number for a claim in another language (schema 1.4): its note says why
      li.append(el("p", { className: "sub claim-note", text: claim.note || "" }));
    }
    if (claim.verdict) {
      li.append(el("p", { className: `verdict verdict-${claim.verdict.label}` }, [
        el("strong", { text: words(claim.verdict.label) }),
        document.createTextNode(` (confidence ${twoDecimals(claim.verdict.confidence)}): ${claim.verdict.explanation}`),
      ]));
      const deciding = claim.verdict.passages || [];
      if (deciding.length) {
        // not enough evidence: its passages are only the nearest, none of them decides it
        const heading = claim.verdict.label === "not_enough_evidence"
          ? "Nearest passages (none decides it)" : "Decided by";
        li.append(el("p", { className: "sub", text: heading }), el("ul", {}, deciding.map((d) =>
          el("li", {}, [
            quotation(d.passage),
            el("span", {
              className: "why",
              text: `${d.document_id}: ${d.stance}, weight ${Number(d.weight).toFixed(2)}`,
            }),
          ]))), el("p", { className: "weight-note", text: WEIGHT_NOTE }));
      }
    }
    const matches = claim.debunk_matches || [];
    if (matches.length) {
      li.append(el("p", { className: "sub", text: "Matching fact-checks" }), el("ul", {}, matches.map((m) =>
        el("li", {}, [
          quotation(m.statement),
          document.createTextNode(" rated "),
          el("strong", { text: m.verdict }),
          el("span", {
            className: "why",
            text: `${m.source}, ${m.match_type} match ${Number(m.similarity).toFixed(2)}: ${m.explanation}`,
          }),
        ]))));
    }
    const evidence = claim.evidence || [];
    if (evidence.length) {
      li.append(el("p", { className: "sub", text: "Evidence" }), el("ul", {}, evidence.map((e) =>
        el("li", {}, [
          quotation(e.passage),
          el("span", {
            className: "why",
            text: `${e.document_id}: ${e.stance} (${judged(e)})${e.note ? `; ${e.note}` : ""}`,
          }),
        ]))));
    }
    return li;
  }));
}

// Other outlets' reports of the same event (only when the analysis was corroborated).
const CORROBORATION_STATUS = {
  corroborated: "corroborated",
  contradicted: "contradicted",
  disputed: "disputed",
  uncorroborated: "not found in the other outlets' reports of the event",
};

// As report.schema.corroboration_line: with no other origin, said once for every claim (probe
// s47: a status per claim read as so many strikes against the article).
function corroborationLine(corroboration, named) {
  const others = corroboration.independent_origins - 1;
  if (others) {
    const names = (corroboration.other_origins || []).slice(0, named).join(", ");
    return `${others} other independent origin(s) report this event (${names})`;
  }
  const claims = (corroboration.claims || []).length;
  const compared = claims
    ? `, so none of its ${claims} claim(s) with figures could be compared with another outlet's report`
    : "";
  return `No other independent origin reports this event${compared}`;
}

function renderCorroboration(report) {
  const corroboration = report.corroboration;
  $("corroboration-section").hidden = !corroboration;
  if (!corroboration) {
    $("corroboration").replaceChildren();
    return;
  }
  $("corroboration-summary").textContent = `${corroborationLine(corroboration, 8)}.`;
  const compared = corroboration.independent_origins > 1 ? corroboration.claims || [] : [];
  $("corroboration").replaceChildren(...compared.map((claim) => {
    const li = el("li", { className: `corroboration-${claim.status}` }, [
      quotation(claim.text),
      el("p", {}, [
        el("strong", { text: CORROBORATION_STATUS[claim.status] || claim.status }),
        document.createTextNode(`: ${claim.explanation}`),
      ]),
    ]);
    const against = claim.contradicted_by || [];
    if (against.length) {
      li.append(el("p", { className: "sub", text: "Other figures" }), el("ul", {}, against.map((a) =>
        el("li", {}, [
          quotation(a.sentence),
          el("span", { className: "why", text: `${a.origin}: ${(a.figures || []).join(", ")}` }),
        ]))));
    }
    const agreeing = claim.corroborated_by || [];
    if (agreeing.length) {
      li.append(el("p", { className: "sub", text: "Agreeing" }), el("ul", {}, agreeing.map((a) =>
        el("li", {}, [quotation(a.sentence), el("span", { className: "why", text: a.origin })]))));
    }
    return li;
  }));
}

// After a host written with letters outside a-z (a lookalike such as "bbс.co.uk" with a
// Cyrillic "с"), its ASCII form, as report.schema.ascii_host_note writes it.
function asciiHostNote(asciiForm) {
  return typeof asciiForm === "string" && asciiForm
    ? ` (in ASCII ${asciiForm}: the name holds letters outside a-z)`
    : "";
}

// As report.schema.satire_listing: the list that files the outlet under satire, if one does.
function satireListing(o) {
  const ratings = Array.isArray(o.ratings) ? o.ratings : [];
  return ratings.find((r) => String(r.bias_detail || "").toLowerCase() === "satire") || null;
}

// As report.schema.rating_words: a publisher whose address was never looked up in the lists
// (a saved page's own address) is "not rated", not "factuality unknown".
function ratingWords(o) {
  if (o.platform === true) {
    return "a platform: a post is as reliable as whoever posted it";
  }
  const satire = satireListing(o);
  if (satire) {
    return `satire: its stories are jokes, not reports (listed as satire by ${satire.source}, ` +
      `${satire.date})`;
  }
  if (o.role === "publisher" && !o.domain && !(Array.isArray(o.ratings) && o.ratings.length)) {
    return "not rated: its address was not looked up in the rating lists";
  }
  return `factuality ${o.factuality}, bias ${o.bias}`;
}

function renderOutlets(report) {
  const outlets = Array.isArray(report.outlets) ? report.outlets : [];
  $("outlets-section").hidden = outlets.length === 0;
  $("outlets").replaceChildren(...outlets.map((o) => el("li", {}, [
    el("strong", { text: o.outlet }),
    // an outlet no list names is its address: "nfl.com", not "nfl.com (nfl.com)" (probe s46)
    document.createTextNode(
      (o.domain && o.domain !== o.outlet ? ` (${o.domain})` : "") + asciiHostNote(o.host_ascii),
    ),
    el("span", {
      className: "why",
      text: `${o.role}: ${ratingWords(o)}` +
        // as report.schema.rating_notes: the rating above is one list's of several; neither
        // note for a platform, whose rating is not shown
        (o.platform === true || satireListing(o) ? "" :
          (o.contested ? " (contested: rating lists disagree; veracity source shows each)" : "") +
          (o.rating_source ? ` (${o.rating_source})` : "")),
    }),
  ])));
}

function renderNotes(report) {
  const notes = Array.isArray(report.notes) ? report.notes : [];
  $("notes").hidden = notes.length === 0;
  $("notes").replaceChildren(...notes.map((note) => el("li", { text: note })));
}

function renderStored(stored) {
  const report = stored.report;
  $("result-title").textContent = report.title || "(untitled article)";
  const when = storedWhen(stored.created_at);
  const from = report.source_domain
    ? ` from ${report.source_domain}${asciiHostNote(report.source_domain_ascii)}`
    : "";
  $("result-meta").textContent =
    `Analysis #${stored.id}${from}, ${report.analysis_path} path, ${when}`;
  renderNotes(report);
  renderScore(report);
  renderLegend(report);
  renderArticle(report);
  renderSignals(report);
  renderTechniques(report);
  renderOutlets(report);
  renderClaims(report);
  renderCorroboration(report);
  $("result").hidden = false;
  showAddress(stored.id);
}

async function analyse(event) {
  event.preventDefault();
  const text = $("article-text").value;
  const url = $("article-url").value.trim();
  if (!text.trim() && !url) {
    setStatus("Paste an article or give a URL first.", true);
    return;
  }
  const body = url && !text.trim() ? { url } : { text };
  body.depth = $("depth").value;
  if ($("corroborate").checked) body.corroborate = true;
  $("analyse").disabled = true;
  setStatus("Analysing…");
  try {
    const stored = await api("/v1/analyses", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    renderStored(stored);
    const kinds = new Set(stored.report.signals.map((s) => s.kind));
    const found = [...kinds].reduce((sum, kind) => sum + foundCount(stored.report, kind,
      stored.report.signals.filter((s) => s.kind === kind).length), 0);
    setStatus(`Done: ${found} signal(s).`);
    historyState.offset = 0;
    await loadHistory();
  } catch (error) {
    setStatus(error.message, true);
  } finally {
    $("analyse").disabled = false;
  }
}

// Claims triage (POST /v1/claims:triage): every sentence of a transcript, an article or a list
// of statements, ranked, with its speaker, near-duplicate group and matched fact-checks.
const TRIAGE_COLUMNS = [
  "#", "line", "score", "check-worthy", "speaker", "group", "sentence", "known fact-checks",
];

function renderTriage(triage) {
  const order = triage.by_line ? "one row a line, in input order" : "most check-worthy first";
  $("triage-meta").textContent =
    `${triage.rows.length} sentence(s), ${order}; check-worthy from ` +
    `${Number(triage.threshold).toFixed(2)} (model ${triage.model}).`;
  const notes = triage.notes || [];
  $("triage-notes").hidden = notes.length === 0;
  $("triage-notes").replaceChildren(...notes.map((note) => el("li", { text: note })));
  // a group is shown only where it holds more than one row, as `veracity claims` shows it: 21
  // singleton groups numbered 1-21 read as a second rank (probe s48 C4)
  const sizes = new Map();
  for (const row of triage.rows) sizes.set(row.group, (sizes.get(row.group) || 0) + 1);
  $("triage-rows").replaceChildren(...triage.rows.map((row) => {
    const checks = (row.fact_checks || []).map((f) => el("li", {}, [
      el("strong", { text: f.rating }),
      document.createTextNode(" "),
      quotation(f.statement),
      el("span", {
        className: "why",
        text: ` ${f.fact_checker}, ${f.match_type} match ${Number(f.similarity).toFixed(2)}`,
      }),
    ]));
    const cells = [
      el("td", { text: row.rank }),
      el("td", { text: row.line }),
      el("td", { text: row.score === null ? "–" : Number(row.score).toFixed(3) }),
      el("td", { text: row.check_worthy ? "✓" : "" }),
      el("td", { text: row.speaker || "" }),
      el("td", { text: sizes.get(row.group) > 1 ? row.group : "" }),
      el("td", { text: row.text }),
      el("td", {}, checks.length ? [el("ul", {}, checks)] : []),
    ];
    // On a phone each cell is a line of its own, named by its column (style.css).
    cells.forEach((cell, index) => { cell.dataset.label = TRIAGE_COLUMNS[index]; });
    return el("tr", { className: row.check_worthy ? "check-worthy" : "" }, cells);
  }));
  $("triage-result").hidden = false;
}

async function triageClaims(event) {
  event.preventDefault();
  const status = $("triage-status");
  const text = $("triage-text").value;
  if (!text.trim()) {
    status.textContent = "Paste a transcript or statements first.";
    status.classList.add("error");
    return;
  }
  $("triage").disabled = true;
  status.classList.remove("error");
  status.textContent = "Ranking…";
  try {
    const triage = await api("/v1/claims:triage", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, lines: $("triage-lines").checked }),
    });
    renderTriage(triage);
    const worthy = triage.rows.filter((row) => row.check_worthy).length;
    status.textContent = `Done: ${worthy} check-worthy of ${triage.rows.length}.`;
  } catch (error) {
    status.textContent = error.message;
    status.classList.add("error");
  } finally {
    $("triage").disabled = false;
  }
}

async function openAnalysis(id) {
  setStatus(`Loading analysis #${id}…`);
  try {
    renderStored(await api(`/v1/analyses/${encodeURIComponent(id)}`));
    setStatus("");
  } catch (error) {
    $("result").hidden = true;
    if (error.status === 401) {
      setStatus(`Analysis #${id}: enter the API key to open it.`, true);
    } else if (error.status === 404) {
      setStatus(`There is no analysis #${id}.`, true);
    } else {
      setStatus(error.message, true);
    }
  }
}

async function loadHistory() {
  const params = new URLSearchParams({ limit: HISTORY_PAGE, offset: historyState.offset });
  if (historyState.query) params.set("query", historyState.query);
  let page;
  try {
    page = await api(`/v1/analyses?${params}`);
  } catch (error) {
    $("history").replaceChildren(el("li", { text: error.message }));
    return;
  }
  historyState.total = page.total;
  const items = page.items.map((item) => {
    const score = item.reliability_score === null
      ? ` · ${notScored(item.reliability_status)}`
      : ` · ${item.reliability_label || "score"} ${shownScore(Number(item.reliability_score))}`;
    const button = el("button", {}, [
      el("span", { text: item.title || "(untitled article)" }),
      el("span", {
        className: "when",
        text: `${item.source_domain || "pasted text"}${asciiHostNote(item.source_domain_ascii)}` +
          ` · ${item.analysis_path}${score} · ` +
          storedWhen(item.created_at),
      }),
    ]);
    button.type = "button";
    button.dataset.analysisId = item.id;
    button.addEventListener("click", () => openAnalysis(item.id));
    return el("li", {}, [button]);
  });
  if (items.length === 0) items.push(el("li", { text: "No analyses yet." }));
  $("history").replaceChildren(...items);
  const last = Math.min(page.offset + page.items.length, page.total);
  $("history-position").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
  $("history-prev").disabled = page.offset === 0;
  $("history-next").disabled = last >= page.total;
}

function init() {
  const key = $("api-key");
  key.value = sessionStorage.getItem(KEY_STORAGE) || "";
  key.addEventListener("change", () => {
    sessionStorage.setItem(KEY_STORAGE, key.value.trim());
    loadHistory();
    if (permalinkId() && $("result").hidden) openAnalysis(permalinkId());
  });
  window.addEventListener("popstate", () => {
    const id = permalinkId();
    if (id) {
      openAnalysis(id);
    } else {
      $("result").hidden = true;
      setStatus("");
    }
  });
  $("analyse-form").addEventListener("submit", analyse);
  $("triage-form").addEventListener("submit", triageClaims);
  let searchTimer = null;
  $("history-form").addEventListener("submit", (event) => event.preventDefault());
  $("history-query").addEventListener("input", (event) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      historyState.query = event.target.value.trim();
      historyState.offset = 0;
      loadHistory();
    }, 250);
  });
  $("history-prev").addEventListener("click", () => {
    historyState.offset = Math.max(0, historyState.offset - HISTORY_PAGE);
    loadHistory();
  });
  $("history-next").addEventListener("click", () => {
    historyState.offset += HISTORY_PAGE;
    loadHistory();
  });
  loadHistory();
  if (permalinkId()) openAnalysis(permalinkId());
}

document.addEventListener("DOMContentLoaded", init);
