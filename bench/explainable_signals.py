"""Accuracy, false alarms and speed of the explainable signal detectors, before and after.

Usage::

    git archive <before-commit> src | tar -x -C /tmp/veracity-before
    nice -n 10 python bench/explainable_signals.py --before-src /tmp/veracity-before/src --write

Three measurements, each taken for the current detectors and (with ``--before-src``) for the
detectors of another checkout, run in a child process on the same data:

* precision and recall per signal kind on the hand-labelled sentences of
  ``tests/fixtures/signal_sentences.jsonl`` (news-corpus sentences, positives and hard
  negatives; see that file's kinds and notes). A sentence counts as flagged when a signal of
  its kind overlaps it, with the sentence before and after it in its paragraph as context
  (the headline alone for clickbait). Only the ``dev`` to ``dev6`` parts were looked
  at while developing; the ``test`` half is the held-out figure. Fast path, except ``unsourced_claim`` (deep only);
  the deep path is reported too, since it adds lemma and dependency rules;
* false alarms on neutral wire-style news: signals per 1,000 words on the real articles of
  Reuters, NPR, CBS News, USA Today, ABC News and PBS NewsHour in ReCOVery (fast path; the deep
  path on the first ``--deep-articles`` of them). Every signal there counts as a false alarm,
  an upper bound: wire copy does sometimes hedge or quote unnamed officials;
* the detector stage's cost: CPU milliseconds per 2,000-character article for each fast-path
  detector (best of 3 passes over BuzzFeed-Webis articles cut to 2,000 characters, analysis
  not counted; CPU time, so a busy shared machine does not inflate it).

``--write`` replaces the "Explainable signals" section of ``docs/benchmarks.md``.
``--development`` (with ``--before-src`` and ``--kinds`` if wanted) prints recall and precision
on each development sample alone, fast and deep, and reads no held-out sentence: the reading to
develop on, and the one to take of a new sample before any change.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from pydantic import BaseModel

from _docs import write_section  # bench/_docs.py
from _templates import render as render_template
from veracity.data.recovery import WIRE_PUBLISHERS, newsroom_articles
from veracity.ingest import article_from_text
from veracity.nlp import analyse_text
from veracity.settings import get_settings
from veracity.signals import detect_signals, detectors

REPO = Path(__file__).resolve().parents[1]
SENTENCES = REPO / "tests" / "fixtures" / "signal_sentences.jsonl"
START, END = "<!-- signals:start -->", "<!-- signals:end -->"
KINDS = [
    "clickbait",
    "loaded_language",
    "vague_attribution",
    "rhetorical_question",
    "conspiracy_framing",
    "unsourced_claim",
]
DEEP_ONLY = {"unsourced_claim"}
HELD_OUT = "test"
FAST_DETECTORS = [
    "clickbait",
    "loaded_language",
    "vague_attribution",
    "rhetorical_question",
    "conspiracy_framing",
]
DEEP_TIMED = ["loaded_language", "rhetorical_question"]  # the detectors with sentence heads
DEEP_TIMING_ARTICLES = 30  # the last wire articles (not among the deep wire-rate ones)
WIRE_FOLDER = Path("recovery_covid2020")
TIMING_CORPUS = Path("buzzfeed_webis_2016") / "buzzfeed_webis_2016.jsonl.gz"
TARGET_RECALL = 0.80
NOTES = """How the detectors generalise: vague attribution has pattern families (an anonymous-source
noun with any determiner and up to two describing words, a "close to / familiar with" tail, a
reporting verb on either side or after "according to") and, on the deep path, a dependency rule
(a reporting verb whose subject or "according to" object is an unnamed source noun, by lemma);
conspiracy framing has families for withholding from the public, hidden agendas, secret deals,
silencing dissent, pushing a narrative and the "mainstream media" cast as silent or partisan;
rhetorical questions are read by their last clause and by cue families (speculation, a planted
possibility "could ... be", speaking for "we", negated yes/no questions, openers that assert or
dismiss, agreement tags), and questions put to "you", transcripts and headings are skipped;
clickbait needs a cue a reader can see (two cue families, or one with the headline model at 0.3:
shouted kickers, teaser openers and tails, pointing phrases, capitals, loaded words, listicles,
curiosity gaps), since the headline model alone rates plain Title Case entertainment headlines
as bait; loaded language reads VADER corrected by a word list learned from PTC's annotated
loaded-language spans (`veracity train loaded-lexicon`; negative words only).

The development part has two samples: the first (labelled with the set) and a second of 454
sentences drawn afterwards from articles no other sentence comes from, because the first had
been fitted (its recall had risen where held-out recall had not). The second sample read like
the held-out half before any change (recall 0.21-0.50 per kind) and was the one developed on;
the held-out half chose nothing and was read only for this table. With 8 to 15 held-out
positives per kind one sentence moves recall by 0.07 to 0.13.

Loaded language is not reached by word lists: its labelled positives are judgements carried by
sarcasm, derogation and scare quotes ("these “people”", "lapping this up", "a minor
deity"). Tried on the development part and the wire rate, and not shipped: looser PTC shares
(development recall 0.21 -> 0.31 at 1.8x the wire rate), a TF-IDF sentence classifier trained on
PTC's loaded spans (held-out PTC articles AUC 0.75; recall 0.10 at the wire rate allowed), and
a word list grown by a classifier over MiniLM embeddings of 12,000 corpus words (recall 0.34
only by dropping plain-news words such as "severe" and "disaster" to stay under the wire rate).

Learned sentence classifiers, tried and not shipped (second session; code, artefact and tests
on branch `signals-learned`, commit 97fcadd): trained on external annotations only, thresholds
chosen on the development part with the wire rate, held-out half read once. A loaded-sentence
model (TF-IDF word 1-2-grams, logistic regression on PTC sentences overlapping a
Loaded_Language or Name_Calling span; grouped 5-fold AUC 0.77) gating listed words (kept only
in sentences it gives 0.4, curated slurs always) and, on the deep path, flagging sentences it
gives 0.8 ("lapping this up", "a minor deity"): wire rate fast 0.91 -> 0.60, deep 0.61 ->
0.45, development recall unchanged, but held-out recall fast 0.17 -> 0.08 (one of 12 lost),
deep 0.17 -> 0.17; fast detector cost 0.10 -> 0.22 ms. A question model (binary question and
cue features, logistic regression; positives: PTC questions inside a propaganda span and
questions of hyperpartisan / left or right pages in SemEval-2019 and BuzzFeed-Webis,
negatives: the other PTC and mainstream questions; AUC 0.70) flagging yes/no and why
questions the cues leave under threshold at 0.65: second development sample 0.73 -> 0.85, but
held-out 0.40 -> 0.40 (precision 1.00 -> 0.80) and wire rate fast 0.08 -> 0.12, deep 0.06 ->
0.11. Neither raised held-out recall, so neither ships. Also measured on the development part
only: lowering the question cue threshold (recall 0.75 -> 0.86 at 4.5x the wire rate), the
question headline as a clickbait cue read by the question model (wire headline questions
score as high as bait ones), the loaded model without word pairs (fewer development hits at
the same wire rate), mainstream pages' sentences as extra loaded negatives (AUC 0.80 -> 0.76).

Third session: the held-out half had 10-14 positives per kind, too few to measure recall (one
sentence moved it by 0.07-0.10), so both halves were grown first, before any detector read the
new sentences: 536 sentences drawn by `bench/sample_signal_sentences.py` (two rounds; frames from
the text's form and the corpora's labels only) and labelled by reading each; held-out positives
are now 19-22 per kind for the four kinds short of the target. On them the detectors before this
change score lower than on the old half (conspiracy framing 0.79 on the old 14 positives, 0.60 on
the grown 20: the old half had been matched too closely). Development recall on the new
development sentences alone, before any change: clickbait 0.67, loaded 0.50, rhetorical 0.31,
conspiracy 0.20. Changes, chosen on the development part and on a straight-news development
rate (529 ReCOVery articles of Chicago Sun-Times, Politico, CNBC, Detroit News, LA Daily News,
Mercury News and Yahoo News, none in the wire set reported below): rhetorical questions add a
declarative-question family (a question without interrogative form, "A brain fart?", unless it
is answered or followed by an instruction in its own paragraph, addressed to an elided "you", a
Title Case heading or inside quotation marks), dismissive particles ("anyway"), and a fix (cue
sums such as 0.3 + 0.15 fell short of the 0.45 threshold in floating point); conspiracy framing
adds the press cast as a side's organ ("slanted and agenda-ridden media", "the Democratic Party
press"), deceiving or watching whole groups ("duping Christians", "spy on their political
enemies") and diseases cast as made weapons ("bioweapons", "engineered virus"); clickbait counts
a headline statement posed as a question ("Trump Signs Order Cancelling SNL?") as a cue family;
loaded language adds speech cast as childish noise ("whining", "spew") and treats "grim",
"severe", "chaos" and "wolves" as words that grade events (five or more hits in the straight
news, none in a loaded development sentence), which pays for the new question family on wire
news. Measured on the development part and not kept: scare quotes as loaded language (+3
development positives, but the straight-news rate 0.87 -> 1.49 per 1,000 words), a deep-path
rule for name-calling by copula or apposition with a negative VADER word (2 of 4 development
hits right). Held-out, read once for the whole change (before: b90b117): conspiracy 0.60 -> 0.70 and rhetorical
0.42 -> 0.47 at lower precision, clickbait and loaded language unchanged, wire rate fast 1.93 ->
1.88. Loaded language stays furthest from the target: its positives are judgements (sarcasm,
derogation, scare quotes) that neither word lists nor the PTC-trained classifiers reach.

Fourth session: sentence heads on the deep path (`src/veracity/signals/sentence_heads.py`,
artefact `signal-heads`, `veracity train signal-heads`). Word lists had reached their limit: a
logistic regression over 18 word-list features per sentence (VADER valences under the
detector's threshold, PTC loaded-span log-odds, boosters, capitals, scare quotes, pronouns),
trained on the development sentences with straight-news sentences as negatives, added no
development recall out of fold to the rule at any straight-news rate up to 0.8 per 1,000 words;
TF-IDF words in its place added 0.10-0.15 at precision 0.57-0.70 (rule 0.81), and on the fast
path that would cost the wire target. MiniLM sentence vectors did better: one logistic head per
kind over the shared encoder's sentence vector, trained on the development sentences (58
loaded, 49 rhetorical positives) with straight-news sentences as negatives (half of the 529
development articles named above; for loaded language also PTC lines, weight 0.1); C and the
weights chosen by out-of-fold recall of "rule or head" on five folds of the development part
grouped by article; each threshold set so that the head flags at most 0.2 (loaded) or 0.1
(rhetorical) sentences per 1,000 words on the other half of those articles, a budget fixed
before any run. Out of fold on the development part: loaded language 0.38 -> 0.66 (precision
0.81 -> 0.73), rhetorical questions 0.73 -> 0.86 (0.71 -> 0.59). On the deep path a body
sentence in the writer's voice (questions: one the cues leave under threshold, except advice
questions for "we", which the cue family also leaves out) is flagged at the head's threshold,
and, for loaded language, a listed word in a sentence the head rates under its gate (0.010) is
dropped: the gate drops as many of the word list's hits on that straight-news half as the head
may add there (out of fold it costs 1 of the 22 development sentences the words found). The
fast path is unchanged (byte-identical). Held out, read twice, each for one whole candidate:
heads alone (first run: loaded 0.27 -> 0.50 at precision 0.55 -> 0.55, rhetorical 0.47 -> 0.58
at 0.69 -> 0.73, deep wire loaded 0.55 -> 0.74 per 1,000 words), then heads with the gate and
the advice rule (the table above: the same held-out figures, deep wire loaded 0.55 -> 0.59).
Measured on the development part and not kept: a conspiracy-framing head (out of fold it
found only sentences the rule finds) and a clickbait head on headlines (out-of-fold recall 0.84
-> 0.87-0.95, but precision 0.76 -> 0.40-0.51 on the labelled hard negatives). Still short of
0.80: the heads lift what a sentence vector separates from straight news (sarcasm, derision,
argumentative questions); the rest needs more labelled positives than the development part's
58 and 49 (unlike the PTC-only models of branch `signals-learned`, these heads learn from
sentences drawn like the held-out ones). Cost: the loaded-language head embeds every body
sentence, about 0.3 CPU s per wire article at one thread (table below); the rhetorical head
reuses those vectors from the embedding cache. The seed article gets one head sentence on the
deep path (an accusation rather than loaded wording: a false alarm). Head signals name their
own detector (`loaded_language_head`, `rhetorical_question_head`), which the reliability models,
trained on the rule detectors' counts, do not read: the seed's deep score stays 0.164.

Fifth session: heads for the two other kinds short of the target, conspiracy framing and
clickbait, chosen the same way on the development part only (section "Sentence-head
candidates" below, `bench/signal_head_candidates.py`; straight-news budgets fixed before the
first run: 0.05 conspiracy sentences and 0.02 bait headlines per 1,000 words, and at most 0.10
out-of-fold precision lost against the rule). Conspiracy framing: no setting adds a development
positive out of fold (rule 0.86; the head alone finds 0.12-0.20 of them at the budget, all
found by the rule too) and every one costs more than 0.10 precision, so no head was fitted for
the deep path. Clickbait reads the headline's MiniLM vector; the headline model's log-odds and
cue families beside it make the head find only headlines the rule finds. With the 9,600 "Stop
Clickbait" headlines the headline model never saw as weak examples (weight 0.1) the chosen head
(threshold 0.81, any headline) adds one of 38 development positives (0.84 -> 0.87, precision
0.76 -> 0.72); without them a head adds two at precision 0.43 (as the fourth session found),
or one at 0.69 when a visible cue is needed. Held out, read once for that candidate
(signal-heads 2 with the clickbait head and its deep-path wiring, commit 4b4e2ad on branch
`heads-candidate`; before: 8076080): deep clickbait precision / recall 0.65 / 0.62 -> 0.62 / 0.62 (no positive gained,
one more hard negative flagged), deep wire rate 0.02 -> 0.02 per 1,000 words, cost 0.2 -> 7.8
CPU ms per article (the headline's encoder pass; in the pipeline's sharing scope a later deep
stage encodes the headline anyway, so three wire articles ran the same 59 graph rows with and
without the head). It did not raise held-out recall, so it is not shipped and the table above
is today's detectors. On that branch a conspiracy head reads the vectors the loaded-language
head computed (a test counts no second encoder pass). Both kinds' remaining misses are
entertainment teasers without a visible cue and framings in words no family lists; the
development part has 38 and 49 positives, nearly all of which the rules were developed to find.

Sixth session: the held-out half had been read for several rounds and the rules fitted to the
development samples did not carry over, so a fourth sample was drawn first
(`bench/sample_signal_sentences.py --round 3` and `--round 4`: 573 sentences from articles no
other sentence comes from, split by the article hash into `dev3` and `test` before any detector
read them, a text already in the set dropped so that none is in both halves) and labelled by
reading each. On its development half the detectors found clickbait 0.68, conspiracy framing
0.07 (1 of 15), rhetorical questions 0.14 and loaded language 0.29; on the grown held-out half
(table, "before") conspiracy framing falls from 0.70 to 0.43: of its 17 new positives the rules
find 2. Changes were chosen on the development part and the straight-news development rate
(the 529 articles named above), and the held-out half was read once, for all of them together
(before: main at 782858e). Shipped: clickbait cues by form. One ordinary word shouted in a
mixed-case headline ("Government LOSES", "vow to DEPORT"; not beside other capitals or a
number, not an acronym) and a run of three or more words in capitals count as cue families, as
do a bracketed media tag ("[VIDEO]"), a pointed number ("Here Are 26 Jokes"), a withheld
referent ("The TV Interview That Haunts ...", read with the model) and a dash tail naming who
tells the rest ("— Attorney Explains"); a speaker or section before a colon ("Harry Reid:",
"Factbox:") is no longer a shouted kicker. Development recall `dev3` 0.68 -> 0.88 (precision
0.57 -> 0.71), `dev2` 0.82 -> 0.86; held out: recall 0.65 -> 0.65, precision 0.65 -> 0.74 (15 ->
10 hard negatives flagged); wire 52 -> 45 headlines; straight-news development rate 62 -> 53.
Measured and not shipped (branch `signals-forms-candidate`, commit e141c8f; the table's
conspiracy and rhetorical rows are that run's before figures, since main's detectors are what
ships): conspiracy framing by forms (the media named as one actor followed within five words by
a word of misleading, stoking or spinning, a story "peddled" or "pushed", the press cast as
taking a side or named by one, "a political plot to", speech kept from being said, prying into
private lives) raised `dev3` recall 0.07 -> 0.67 at precision 1.00 but held-out recall stayed
0.43 (16 of 37, precision 0.80) and the wire count rose 9 -> 11; rhetorical questions with
exclamations put as questions ("How pathetic is this?"), a why-question's form kept through an
apposition and a quotation's closing question left out raised `dev3` 0.14 -> 0.43 (precision
0.25 -> 0.75), held out unchanged (0.55 fast, 0.64 deep, precision unchanged). Each family there
was read off one or two development sentences, and none reached a held-out one: fitting forms to
a sample of 15 positives did not generalise either. Also measured on the development part and
dropped: a question inside a headline as a clickbait cue (+1 development positive, +2
development negatives, +2 straight-news headlines), a deep-path dependency rule for conspiracy
framing (a verb of hiding, burying or silencing by lemma with an object of information: it
matched two development sentences, one positive). Cost: clickbait 0.081 -> 0.092 CPU ms per
article (table below).

Seventh session: false alarms a reader sees on plain news, each fix chosen by reading flagged
sentences outside the labelled set and the bench's wire articles, then checked on the
development part and the wire rate (the held-out half read once, for the table above; before:
main at dcbca8a). Vague attribution: "they said" was flagged 1,298 times over the article
corpora (fast path), and of 50 read 46 referred back to a group or people named in the same or
the sentence before ("The officials met on Monday. They said ..."); a "they" with an active verb
is now a source only when no referent stands there (a plural word, a group noun such as
"police" or "couple", names joined or listed, a named body or acronym, an earlier they / them /
their), so 1,298 -> 106, and of 45 of those left 22 are right (14 passives, which stay, and 8
generic "they") against 4 of 50 before; development 16 / 0 / 0 / 20 unchanged. Unsourced claims
(deep path): of 45 flagged sentences read in 50 other wire articles, 9 were transcript lines
opened by a named speaker ("Doug Sombke: ... $125,000"), 2 had a reporting verb whose subject the
parse gives only to the verb it hangs on (", saying ...", "and said ..."), and about 25 were a
person and the place things happen ("works shifts at Mount Sinai Hospital in Brooklyn"); a
speaker's labelled line is now that speaker's account, such a verb shares its subject, and a
name after a preposition of place is the setting, not a party: development precision 0.35 ->
0.43 at recall 0.75, those 50 articles 12.08 -> 9.20 per 1,000 words. Measured on the
development part and not kept: no named-party claims at all (figures only: those 50 articles
10.13 -> 5.45, development precision 0.43 -> 0.63 but recall 0.75 -> 0.63), a named source in
the next sentence carried back (10.13 -> 9.31, development unchanged), and the check-worthiness
model as a gate (the flagged wire narrative scores 0.6-0.99, as the positives do). Ingest puts a
paragraph break after an embedded post's signature ("— Name (@handle) September 17, 2016"),
which both splitters had glued to the next sentence: 628 in 209 articles -> 2, and signal spans
across a signature 13 -> 0.

Eighth session, attribution (corpus counts on all 18,189 articles of BuzzFeed-Webis,
FakeNewsNet, Golbeck, ReCOVery, SemEval hyperpartisan and Koirala, fast path; development part
unchanged, held-out half not read). "They" refers back to no unit of time or measure ("43
months. They said"): vague-attribution flags 18,283 -> 18,286. Measured and not kept: "they"
referring back only to a plural that can speak by word class (a name's capital, the plural of a
group, institution or source noun this detector knows, or an agent noun's ending: -er, -or,
-ist, -ian, -ant, -ent but -ment, -ee, -ative, -mate), 18,283 -> 18,362, and of the 79 added
about 22 right and 57 wrong: people and groups no ending shows ("some fans, they think", "the
rebels ... They think", judges, pundits, allies, countries). Nor, on the deep path, a noun's
MiniLM vector nearer "people", "persons", "groups of people" or "organizations" than "things",
"objects", "amounts of time" or "quantities" (it separates 52 speaking from 49 other plurals
written down for the purpose at ROC AUC 0.97): on 114 articles whose "they" had only plurals
before it, 19 more vague-attribution flags, of which 9 right and 10 wrong ("the forces of
evil ... if they believe", "the preliminary numbers are in, and they suggest", "the upside
down words ... they say"). Outlet citations (not a kind of
the tables above): a listed outlet's one-word name that is a place by the outlet table's own
local outlets' names ("WFXR - Roanoke News", "Cambridge Times") is the place, and a shared
"The Herald" is the Herald named before it (21,888 -> 21,768, all 120 dropped read right); a
function word opening the sentence joins no name ("The FAZ reported", "As TMZ first reported":
-> 21,946, 52 of 53 added read right); a name the text calls an organisation ("the charity
Save the Children") is none (-> 21,935, 11 dropped, all organisations). Measured and not kept:
spaCy's GPE / LOC entities as a place check on the deep path dropped 10 citations of real
outlets (Cosmopolitan, Inquisitr, Vogue) in 118 articles and none that was a place. Slashed
numbers: a part of a small whole before a word ("9/10 doctors", "1/2 cup") is a figure, not a
date: 59 numbers in 25 articles, unsourced claims there 601 -> 602.

Eighth session, rhetorical questions and conspiracy framing (before: main at 77b8fb1, the start
of the stop, which the attribution changes above share). Every missed positive of the second
and fourth development samples was read and grouped into families a reader names; a family
shipped only as a form or a word class, not a phrase: its hits were counted before and after
on 9,065 corpus articles (`bench/signal_corpus_counts.py`: up to 1,500 per corpus and label of
BuzzFeed-Webis, FakeNewsNet, Golbeck, SemEval hyperpartisan, Koirala, PropaNews and ReCOVery,
every article of the labelled set left out, fast path), and the wire and straight-news
development rates had to hold. Shipped: a
question keeps the form it opens with through an apposition or an aside ("Why isn't the chief
of police, Kerr Putney, going to release ...?"), and a tag after a closed quotation is the
writer's ('"conquered," okay?'): rhetorical `dev3` 0.14 -> 0.29, `dev2` 0.72 -> 0.74, counts
changed in 31 corpus articles (+30 / -3 questions); the news media cast as deceiving or
inflaming the public (the media as the actor, then within five words any form of a verb of
deceiving or inflaming or a noun of it, or such a deed or an attack "by the ... media"; not
social or state media, a reported accusation, or a report of someone else's deceit):
conspiracy `dev3` 0.07 -> 0.27, 32 corpus articles (+32 / -5), none of reliable ReCOVery; a
story sold to the public named before its sellers ("the narrative that liberals and activists
are peddling", "narratives pushed by"): `dev3` 0.27 -> 0.33, 2 corpus articles. Wire counts
unchanged (fast: 50 questions, 9 framings on 369 articles). Measured on the development part
and not kept, for their wire or straight-news cost or for no evidence beyond their sentence:
declarative fragments followed in their paragraph ("A brain fart? The difference ...", "Head
hurt yet? Ours, too."): `dev2` 0.74 -> 0.85, but wire questions 50 -> 60, straight news 83 ->
98 and about 330 more questions in a first corpus sample, mostly teasers ("As for Markle?", "Best of all?"); a
question after another of the writer's in its paragraph: `dev2` 0.74 -> 0.82, wire 50 -> 55,
straight news 83 -> 92 (checklists, runs of "???"); a scheme cast as deliberate ("political",
"sinister", "globalist", "diabolical" plot, ploy, scheme, coup): +1 `dev3` positive, but 4 of
its 7 corpus hits were someone else's words and straight news 8 -> 9; the mainstream media cast
as a side's supporter, and speech policed ("regulates our speech"): +1 `dev3` positive each,
with 0 and 1 corpus hits; for clickbait, a headline that opens on a withheld event ("What Obama
Did Yesterday on Wall Street Makes Even His Own Friends Hate Him"): `dev3` 0.88 -> 0.92, but
wire headlines 45 -> 53 and straight news 53 -> 66, all explainers ("Why the Bronx has almost
double the coronavirus cases as Manhattan"). Held out, read once for the table above (all this
stop's signal changes together): rhetorical questions 0.55 -> 0.59 fast (12 -> 13 of 22,
precision 0.60 -> 0.62), 0.64 -> 0.68 deep; conspiracy framing 0.43 -> 0.43 (16 of 37; one more
hard negative flagged, precision 0.80 -> 0.76); wire rates unchanged. As in the sixth session,
the conspiracy families raised development recall and reached no held-out positive. Unsourced
claims read 0.75 on both sides of this run: the previous table's 0.88 predates stop 37's
unsourced-claim commits (88a6d2d, 2b41baf, 9b9e8ad, 7975f57), which the held-out half had not
been read for; between the two runs one of its 8 positives was lost.

Ninth session, attribution (corpus counts on the articles of bench/signal_corpus_counts.py's
seven corpora, every article but those of the labelled sentences, fast path; development part
unchanged, held-out half not read). Outlet citations: a derived acronym is an organisation
where the lists name its outlet as one ("Media Research Center (MRC)"), and stands for what
the text spells it out as ("the International Health Regulations (IHR)", "the Sugar Research
Foundation ... The SRF") unless that is the outlet's own name: 19,623 -> 19,594 on 16,499
articles, all 29 dropped read right (IHR 14); a site's copyright line or disclaimer ("do not
necessarily reflect those of Sputnik", "IMDb.com, Inc. takes no responsibility") cites no
outlet: 19,285 -> 19,061 on 16,346 articles, all 224 dropped read right; a name ending "the
Department / Ministry of ..." is no outlet: -> 19,049, all 12 right (Foreign Affairs 10); a
former employer ("former Fox News anchor") is none: -> 18,997, all 52 right.
Measured and not kept: the copyright and disclaimer marks anywhere in the name's sentence (273
dropped, 4 wrong: tweets, a caption's ©); a citation whose only citing words are speech verbs
("said", "confirmed") for names that need a citing word, aimed at "Save the Children said": of
40 read, 27 were real outlets ("sources tell TMZ"). "Save the Children" stays an outlet: MBFC's
2026 list rates savethechildren.org (high, center) under that name, no list files it as an
organisation (MBFC 2026 gives no media type), and the one news flag in the tables (Robertson et
al.'s news_is_news) is 0 for it but also for faz.net, scmp.com and who.int, and 0 for 83 sites
only MBFC 2026 rates, most of them real outlets (CapX, RadarOnline, Irish Examiner). Vague
attribution (on 16,346 articles): "they" after two names listed or a name and a partner ("Senator
Jim Webb, Senator Chuck Hagel, they think"): 2 flags, both right; "People" written as a name
("according to People", ", People reported"): 16,937 -> 16,855, 82 dropped, 81 right (the
magazine 79, Insider 2, the People's Daily; wrong: "The Ministers and Officials agreed"). Commit
3b83407's message gives 16,384 articles for these counts; the run read 16,346. Unsourced
claims (deep path): an ordinary news word ("a Monday press release", "press secretary Sean
Spicer") or an acronym the text spells out as something else ("the Department of Alcoholic
Beverage Control (ABC)") makes no source an outlet: on 175 articles holding such a word, 1,791
-> 1,787 claims, all 4 now sourced read right; on 952 such articles (150 a corpus), 8,367 ->
8,344 in 22 articles, 21 of the 23 read right, one wrong (a biography line after "according to
a press release" now counts as sourced by it), one unclear; "daily" as an ordinary word was
measured and not kept ("According to a local daily" is an outlet).

Ninth session, clickbait, rhetorical questions and unsourced claims (before: main at 9067dd5,
the start of the stop, which the attribution changes above share). Every missed positive of
`dev`, `dev2` and `dev3` had been read by earlier sessions and those samples had been fitted
(clickbait development recall 0.86-0.90 against 0.65 held out), so a fifth sample was drawn
first (`bench/sample_signal_sentences.py --round 5` and `--round 6`: the same frames and article
hash, a new frame for unsourced claims, body sentences of 10-60 words with a figure in digits and
no quotation mark) and only its development half, `dev4`, was labelled: 174 sentences, clickbait
23 positives / 55 hard negatives, rhetorical questions 19 / 46, unsourced claims 6 / 25; the
candidates the hash gave to `test` were dropped unread. Before any change `dev4` read like the
held-out half (clickbait 0.43, rhetorical 0.42 fast, 0.53 deep); unsourced claims found 5 of 6
there at precision 0.31, so that kind's weak side on this frame is precision, and it was not
changed. Each `dev4` miss and false positive was read and grouped, each family was counted on
9,251 corpus, wire and straight-news headlines or on the corpus sample before shipping, and the
wire and straight-news development rates had to hold. Shipped, clickbait: a media label closing
the headline after a colon ("Rap Battle: Watch!", ": See the Wedding Photo") is the media-tag
family, a verb of telling with the explanation withheld ("Explains Why", "Reveals What") the
curiosity gap, a headline ending on what was disclosed ("Mystery Solved", "Cause of Death
Revealed") a teaser tail: `dev4` 0.43 -> 0.57 (precision 0.77 -> 0.81), 38 corpus articles
(+38; 36 read as bait, 2 business headlines). Rhetorical questions: a wh-question on a negated
auxiliary ("Who wouldn't look up to her?") is an asserting opener, an agreement tag counts after
two words ("So sad, right?"), and an "us" after a verb of telling in a question put to "you"
("Tell us, HollywoodLifers — do you think ...?") is no collective: `dev4` 0.42 -> 0.53 fast
(precision 0.67 -> 0.77), 0.53 -> 0.63 deep, 22 corpus articles (+11 jabs and tags, -10 reader
polls, -1 a question put to a named star). Vague attribution: a passive with no claim after it
leaves "they" a referent ("as soon as they were confirmed", probe), 1 corpus article. Wire and
straight-news counts unchanged. Measured on `dev4` and the headlines and not kept: dash tails
opening on "and" / "then" (54 corpus headlines, 14 of them wire or straight news), "so bad
he's ..." (7, one bait), a question after a speaker's colon as the speaker's (the labelled
development headlines of that form are all negatives, but gossip bait uses it: "Britney Spears:
Could She Be Engaged ...?"), "--" as a clause break in questions (no development change), and
the headline model alone at 0.8-0.98 (3-6 development positives against 7-27 development and
21-69 wire and straight-news headlines). Held out, read once for all of them: clickbait 0.65 ->
0.67 (29 of 43, precision 0.74 -> 0.74), rhetorical questions 0.59 -> 0.59 fast and 0.68 -> 0.68
deep, unsourced claims 0.75 -> 0.75, vague attribution 0.80 -> 0.80; wire rates unchanged. The
families raised the new development sample by 0.10-0.14 and reached one held-out positive: what
remains are teasers and jabs without a visible form ("I Think About This a Lot", "Where He'll
Really Feel It", a question put to a named public figure).

Tenth session, unsourced claims (deep path; before: main at e2be9f4). Every false positive
and miss of its two development samples (`dev`, 8 positives / 22 hard negatives; `dev4`, 6 /
25) was read and grouped by what a reader sees. A claim made by a speech act other than saying
("A Californian artist has accused Roman Polanski of ...", "Kennedy proclaimed ...", "Russia
has criticized the Financial Times over ...": accuse, blame, criticise, condemn, praise,
proclaim, demand, urge, repeat, reiterate, complain, concede, remark, mention, lament, stress,
emphasise, contend, affirm, comment, forecast) credits its subject as "said" does, unless the
verb hangs on "fail to" ("What Orbán's critics failed to mention is that ..."); a sentence that
carries a picture's credit is a caption ("© Sputnik / ...", "Photos:", "Getty Images"); an
imperative with no subject and no clause of its own asks something of the reader ("Join over
240,000 people who get ...", "Maintain social distancing"; "remember that ..." still asserts);
a number glued to a unit of measure is a figure whatever entity the parser makes of it ("a 5ml
dose", parsed as an ORDINAL). Development precision `dev` 0.46 -> 0.50 at recall 0.75, `dev4`
0.31 -> 0.43 at recall 0.83 -> 1.00; wire rate 8.35 -> 8.22 per 1,000 words (the table's 40
articles), 9.12 -> 8.89 on 50 other wire articles and 8.88 -> 8.65 on 50 straight-news
development articles; on the deep corpus sample (`bench/signal_corpus_counts.py --depth deep
--kinds unsourced_claim --per-group 15`, 195 articles) 1,600 -> 1,540 claims in 30 articles
(+1 / -61), read: 26 captions, 7 instructions and 18 speech acts dropped right; 2 speech acts
wrong ("FBI is not currently commenting", "the manner that Jesus mentions") and 8 follow-on
sentences that the rule carrying a named source through its paragraph now gives to the speaker
("The 26-song set concert was the longest the band had ever played"). Measured and not kept: a
negated or refused reporting verb as crediting nothing (+7 claims in the corpus sample, 5 of
them wrong: "DoorDash, Postmates, and Uber did not immediately respond to requests for
comment"), and "boast" as a speech act ("the city of Chicago alone boasts 7,300 restaurants").
What is left: 14 development false positives, mostly named parties in background or record
("Trump has already nominated conservative judge Neil Gorsuch, who was confirmed ... in April
of 2017") and children's ages and counts in gossip copy ("share three children: Violet, 12,
..."); dropping named-party claims altogether costs a development positive (seventh session).

Tenth session, a sixth sample for unsourced claims: the families above were read off `dev` and
`dev4`, so round 7 (`bench/sample_signal_sentences.py --round 7`: round 6's frame, 12 per
corpus, articles of the set excluded) drew a sixth sample, and its development half `dev5` (33
sentences: 10 positives, 23 hard negatives, 12 marked doubtful) was labelled by reading each
before any detector read it; the candidates the hash gave to `test` were dropped unread. On it
the detectors before and after those families read the same, precision 0.57 at recall 0.80 (8
of 10): the families reached none of its sentences. One family came from its false positives:
the text of an embedded post, the line its signature ("— Laura Seay (@texasinafrica) September
20, 2016") ends, is its author's account, as a quotation is its speaker's: `dev5` precision
0.57 -> 0.62, wire 8.22 -> 8.20 per 1,000 words, deep corpus sample 1,540 -> 1,531 claims in 5
articles (-9, each a post's text). Its other false positives are named parties in an event
report, an opinion or a forecast ("In 2012, Candy Crowley was more than a moderator at the
Hofstra debate") and ages after names ("Alyssa Milano, 44"); its misses are a claim about named
parties the parser does not make two parties of ("Investigators from Scotland Yard are
currently working with MI5 and the United States FBI ...") and a date read off search data.

Tenth session, named parties' dated doings: across the three development samples the largest
group of false positives was named parties' past doings told with their date ("Trump has
already nominated conservative judge Neil Gorsuch, who was confirmed ... in April of 2017",
"JCPenney and Neiman Marcus have filed for Chapter 11 bankruptcy", `dev4`; "In 2012, Candy
Crowley was more than a moderator at the Hofstra debate", `dev5`): a matter of record the
reader can look up. A claim about named parties (not one with a figure) is no longer flagged
when its main verb is in the past ("met", "has nominated"), a date names a year or a month, and
no digits stand in it but the date's and a name's ("Chapter 11"; "In 2016, Obama gave Iran 150
billion dollars", which the parser reads as an EVENT, stays flagged). Development precision
`dev` 0.50 -> 0.55, `dev4` 0.43 -> 0.46, `dev5` 0.62 -> 0.73, recall unchanged (0.75, 1.00,
0.80); wire 8.20 -> 7.42 per 1,000 words (41 fewer in the 40 articles, nearly all obituary lines
of record: "Rita Koslow Nadler, 88, of Montclair, New Jersey, died on April 8."), straight news
8.65 -> 8.08 on the 50 development articles; deep corpus sample 1,531 -> 1,459 claims in 24
articles (-72; read: 70 dated records, mostly biographies, one claim lost: "the divisions in
Putin's inner circle ... have intensified since the February 27 assassination", one opinion).

Tenth session, conspiracy framing and loaded language (development part only; nothing
shipped). Every fast-path miss was read again. Conspiracy framing, 17 development misses (`dev`
1, `dev2` 6, `dev3` 10): 7 have no visible form ("her plan involves some powerful Republicans",
"meaning it was effectively Mueller's operation"); 1 is quoted speculation, which the detector
leaves to its speaker by design; 4 are forms earlier sessions measured and dropped for their
corpus or straight-news cost (a plot cast as deliberate, speech policed, the mainstream media
as a side's supporter, prying into private affairs); 5 are forms read off one sentence each (a
virus "meddled with" by scientists, a scare-quoted official count, a scare-quoted "Operation
...", agencies cast as a gang: "mafia-style tactics", staff "forbidden from speaking to media",
which wire copy's "not authorized to speak to the media" shares), the kind of family that has
reached no held-out positive twice (sixth and eighth sessions), so none was added. Loaded
language, 41 development misses: 22 hold no word VADER rates -1.5 or lower (sarcasm, derision,
comparison: "a minor deity", "more dignity in his little finger than Trump has in his whole
body"), 4 only one rated -1.5 to -2.0 ("crap", "fumed"), 7 one rated -2.0 to -2.5 ("sick" three
times, "infuriating", "unpleasant", "censor", "attack") and 8 only words of -2.5 or stronger
that the detector leaves out as plain news uses them ("kill", "death", "terrorism",
"illegal"). Measured and not kept, the VADER bar lowered from 2.5: at 2.3, `dev2` recall 0.36
-> 0.38 at precision 0.76 -> 0.61, `dev3` precision 1.00 -> 0.50, wire 0.77 -> 1.09 and
straight news 0.89 -> 1.10 per 1,000 words; at 2.0, `dev2` 0.40, `dev3` 0.29 -> 0.43, wire 2.25
and straight news 2.38. So a rule could reach 10 of the 17 conspiracy misses, 5 of them by
forms not measured before, each seen once; a word list could reach 19 of the 41 loaded misses,
only at the wire cost above or with words plain news needs, and 22 carry no charged word.

Tenth session, held out, read once for all of its changes together (before: main at e2be9f4,
the start of the stop; this table): unsourced claims precision 0.50 -> 0.60 at recall 0.75 (6
of 8 positives; hard negatives flagged 6 -> 4), the other kinds unchanged; deep wire rate for
unsourced claims 8.35 -> 7.42 per 1,000 words; the fast path is unchanged (the changes are deep
only; its timing table moves by run noise). Over the whole session the deep corpus sample
(`bench/signal_corpus_counts.py --depth deep --kinds unsourced_claim --per-group 15`, 195
articles) reads 1,602 -> 1,462 claims in 47 articles (+1 / -141).

Eleventh session (session 41; before: main at 74911e7), a seventh sample for clickbait and
rhetorical questions: every miss of `dev` to `dev4` had been read and fitted, so round 8
(`bench/sample_signal_sentences.py --round 8`: 20 titles and 20 body questions from each of the
six corpora, articles of the set excluded) drew 237 candidates; the 94 the hash gave to `dev6`
were labelled by reading each before any detector read them (clickbait 7 positives / 44 hard
negatives, rhetorical questions 9 / 34, 24 marked doubtful) and the 143 it gave to `test` were
dropped unread. Read with `bench/explainable_signals.py --development` (development samples
only; no held-out sentence is read), `dev6` before any change reads clickbait 0.43 (3 of 7,
precision 0.60) and rhetorical questions 0.67 (6 of 9, precision 0.75), fast and deep alike:
like the held-out half (0.67, 0.59), not like the fitted samples (0.86-0.90, 0.74-0.80). Its
misses, each read: for clickbait, "this" pointing at a noun the pointing family does not list
("The Internet Is Loving This Hilariously Over-the-Top Reaction ...": the headline model at
1.00, no cue), a question inside the headline ("How Much is ... Net worth? Details About ...",
measured and dropped in the sixth session), a four-letter word shouted in scare quotes
("... Calls The National Anthem 'WEAK'": the shouted-word cue needs five letters, as shorter
capitals are mostly acronyms) and one with no visible form ("Fox News Persona's Tragic Story
Puts A Human Face On ..."); for rhetorical questions, a question the writer puts in the
public's mouth inside quotation marks (left to its speaker by design), an open speculation
("Once the number of Muslims ... surpasses ..., what impact will that have on U.S. politics?")
and a remedy's promise put as a question ("So can colloidal silver help heal sick cats of
FIP?"). Measured on the development part and the wire rate, and not kept, both because the
wire rate rose: a remedy's promise as a planted possibility ("can" / "could" / "may" /
"might", also after "so", "but" or "and", then within six words "help", "cure", "heal",
"prevent", "stop", "protect", "treat", "fight", "reverse" or "kill"): rhetorical `dev4` 0.53 ->
0.58, `dev6` 0.67 -> 0.78, `dev` precision 0.89 -> 0.80 ("Could it help you get rich in this
market crash?"), wire questions 50 -> 51 ("More:Can hydroxychloroquine prevent COVID-19?"); and
"this" / "these" before any word but a time word or a verb as a pointing phrase (one cue, read
with the model at 0.3): clickbait +2 development positives (`dev4` "I Think About This a Lot",
`dev6` above), no development hard negative, but wire headlines 45 -> 49 ("ICE is seeking to
deport these migrant girls ...", "This Quebec Health Official Has Become A Sensation ...",
"Coronavirus: We're in this together"). Nor, with no wire headline added, a word of two to
four capitals inside quotation marks as a shouted word ("'WEAK'"): +1 development positive, but
23 more corpus headlines flagged (the titles of `bench/signal_corpus_counts.py`'s seven
corpora, labelled articles left out), nearly all shows' initials ("'DWTS'", "'SNL'", "'GMA'",
"'RHOA'"). As with the fifth sample, each new miss has a form of
its own, and the forms a rule can reach cost wire headlines or questions.

Eleventh session, unsourced claims (deep path; before: main at 74911e7): an outlet that reports
its own finding is the claim's named source, as a staff writer is (probe s40: "..., the
Gazette has learned." was flagged as a claim with no source, "learn" being no reporting verb):
the outlet the page's address names ("Reuters reported" on reuters.com, "the Gazette" on
springfieldgazette.com; the host name written out, contained, or as initials and last word:
"The New York Times" on nytimes.com); an outlet named as one (a proper noun, five tokens at
most) that "has learned" ("..., CNN has learned", "E! News has learned exclusively"), the
formula of an outlet's own finding; and a paper's short name ("the Gazette", "The Times", "the
Post", "the Herald", "the Tribune", "the Journal") as the subject of a reporting verb in the
perfect or after "can" ("has confirmed", "can reveal"), unless the text names another paper of
that name before it ("The Colorado Springs Gazette ... The Gazette has confirmed" stays
single-sourced). A paper's whole name ("The Guardian has confirmed") and the past of a report
("The Times reported") on another page stay single-sourced; people or an outlet's staff who
learn something ("NBC staffers learned Lauer was fired ...") are no source. Development
unchanged (precision / recall `dev` 0.55 / 0.75, `dev4` 0.46 / 1.00, `dev5` 0.73 / 0.80). On
every paragraph of the seven corpora of `bench/signal_corpus_counts.py` (labelled articles left
out) and of the 369 wire articles that holds "learn" and a news word, or a paper's short name
before "has", "have" or "can" (256 paragraphs, each analysed alone; a change can reach no
other, since a named source carries only through its paragraph): 701 -> 673 claims, 28 dropped
in 24 articles and none added, all 28 read right (23 outlets' own findings, from CNN, E! News,
TMZ, ABC News, CBC News, Daily Mail Online, FOX 5, PREMIUM TIMES and The Post; "As The Post
has reported"; 4 sentences after one of them in its paragraph, which the named-source rule
carries); the 8 wire paragraphs among them read 1 claim before and after, so the wire rate is
unchanged. The first version, which read an outlet that "learned" as another outlet, turned 23
of those claims from "none" into "single_source" instead of dropping them: in the corpora an
outlet that has learned something is the page's own every time it was read. The fast path and
the reliability models (fast-path counts) are unchanged: no refit. Held out, read once for the session
(unsourced claims only, the one detector it changed, deep path; before: 74911e7): precision
0.60 -> 0.60 at recall 0.75 -> 0.75 (6 of 8 positives, 4 of 22 hard negatives flagged on both
sides). The table above is the last full run's; no other kind's detector changed.

Twelfth session (session 42; development part only, held-out half not read): the shipped heads
were fitted on `dev` and `dev2` alone, and the fourth session left their shortfall to too few
labelled positives, so heads fitted on every development sample (`dev` to `dev6`) were measured
against them out of fold on the same sentences ("Sentence heads fitted on every development
sample" below, `bench/signal_heads_samples.py`). Rule or head, all development sentences, then
the later samples alone: loaded language 0.63 -> 0.63 and 0.43 -> 0.57 (7 positives: one
sentence), rhetorical questions 0.80 -> 0.79 and 0.71 -> 0.71, a conspiracy-framing head 0.77
-> 0.78 and 0.47 -> 0.53 at precision 0.94 (rule) -> 0.76, more than the 0.10 a candidate head
may lose. None wins by the rule written before the loaded-language run, so the shipped heads
stay: more development positives of the same kind did not move what the heads find. Nor did
PTC's loaded lines weighted up as labels at scale (weights 0.3 / 1.0 / 3.0 against the shipped
0 / 0.1; 0.3 chosen): loaded rule or head 0.58 (fitted on `dev`, `dev2`) and 0.60 (every
sample) against 0.63 for both at the shipped grid.

Session 44 (fix), counted on the corpora and read. Outlet citations (both paths): where a
named speaker said something is a venue, not a citation ("Trump ... telling 'Fox and Friends' in
an interview", "Painter told ABC News", "In an interview with the BBC, Driver said"); an unnamed
speaker's outlet stays cited ("a source told Us Weekly", "officials told CNN"): 22,871 -> 20,523
citations on the 19,698 corpus records ingest reads (fast path), 1,676 records; of 100 dropped
read at random, 98 named speakers, 2 doubtful ("activists in Syria told ABC News"). Measured and
not kept: every name after those cues, whoever spoke (3,651 dropped in 2,489 records, "sources
tell TMZ" among them). The outlet table keeps six names a merged row of an old address had
dropped ("Everytown for Gun Safety" ...; sources-8): no corpus citation changes. Unsourced
claims (deep path): a name the parse leaves off a finite verb of speech, in the noun phrase
just before it ("..., Josh Putnam of the election blog Frontloading HQ told ABC News."), sources
the claim: 6,399 -> 6,395 on 1,155 articles (100 a corpus and label), the 4 now sourced read
right (Mick LaSalle of the San Francisco Chronicle said, Mrs. Fiorina said, the Health
Minister, Obadiah Moyo said, Retired Col. Geordie Elms said); of the 1,591 labelled sentences
outside `test`, one changes, a clickbait-kind headline ("Alec Baldwin ... Reveals ..."), no
unsourced-claim label. Measured and not kept: the same for any reporting verb and any phrase
before it: 6,399 -> 6,375, 24 in 20 articles, 15 wrong ("In Karnataka 18 fresh cases reported",
"an economic loss estimated", "Westerners showing solidarity").

Session 46 (fix2), ingest (both paths): a consent banner's notice in the site's voice (what
"we" collect under a privacy or cookie policy, what clicking its button agrees to, how to
withdraw consent) is furniture at either edge of the text. Over every corpus record holding
"consent", "policy" or "by clicking" (1,920 of ../shared/data's corpora, read through
`article_from_text` by both trees), 27 change, all ReCOVery Sputnik records labelled unreliable
that are only Sputnik's banner ("To improve the performance of our website, ... we collect
technical impersonal information about you ... Privacy Policy", "By clicking on the "Accept &
Close" button, ..."): all 27 read, each now leaves no article (the product refuses it as a
page of furniture; reliability training reads such a record as no article, so 27 training rows
move). `article_from_text` on the first 600 ReCOVery records, best of 3, two runs: 0.363 ->
0.365 and 0.364 -> 0.366 CPU ms per article.

Session 46 (fix2), signals, counted on the corpora (`bench/signal_corpus_counts.py`, 300 articles
a corpus and label, 3,121 articles, fast path, before = main adff272) and read: 5 articles
change, 6 signals dropped, all read right. Outlet citations (both paths): a one-word outlet name
the text writes as a surname, after a given name or an initial on its line ("coach John Fox",
"Morgan Fox, a spokesman", "Snapchat CEO Evan Spiegel", "20th Century Fox"), is that person or
company at its bare mentions ("Fox explained, via the Broncos' official Twitter" cited Fox News,
0.85, an NFL story's strongest signal); a nationality, a possessive, a function word or an
acronym before it does not count ("Russian Sputnik"; a first reading that let acronyms count
dropped every CNN and NYT of 8 articles at "Fake News CNN" and the dateline "Washington CNN —",
and was narrowed before this count). An outlet that regrets or apologises for an error names
itself, so none of its mentions cites it ("The Verge regrets the error", read without the
page's address). find_outlet_citations on 400 ReCOVery articles, best of 3, two runs: 0.350 ->
0.356 and 0.341 -> 0.362 CPU ms per article. Vague attribution (both paths): a source the text
counts is a population ("The number of people claiming unemployment benefits in Britain leapt",
"the same number of people believed to have been infected"); "a number of experts say" stays.
Rhetorical questions (both paths): a question after a list number ("2. How long will my
deferment period last?"), alone on its line and answered below, is a numbered list's heading (no
change in the sample). Labelled sentences (development splits only, the held-out half not read):
vague attribution and rhetorical questions, fast and deep, unchanged in every split; wire false
alarms (369 articles, 318,579 words, fast): vague attribution 211 -> 210 (0.66 per 1,000 words),
rhetorical questions 50 -> 50; deep (first 40, 51,031 words): unchanged; detectors' fast cost
vague attribution 0.113 -> 0.115, rhetorical questions 0.027 -> 0.027 CPU ms per article.

Session 46 (fix2), unsourced claims (deep path): evidence its author's name qualifies ("A
Reuters poll of economists had produced a median forecast ...", "a Gallup survey"; the name an
organisation, a person or a place to the parse) is credited to that author, an outlet's as to
an outlet; a number glued to three letters that are no unit ("former 49ers quarterback Colin
Kaepernick") is a name, not a figure. `signal_corpus_counts.py --depth deep`, 10 articles a
corpus and label (130): one article changed, 2 claims dropped, wrongly ("the latest Ro
estimate": a quantity's name read as an author); the author is now held to the parse's entity
labels, and both claims of that article are flagged again (checked on its sentences, not
recounted). Labelled sentences, development splits only: unchanged (dev, dev4, dev5); wire
false alarms, deep (first 40 articles): 364 -> 364. A one-word outlet name the text writes as a surname (the outlet
citations' rule, `sources.citations.outlet_surnames`) is that person as a claim's source too
("Fox added in his news conference ..." rested "on a single outlet (Fox)"): on the 16 corpus
records where such a name opens a sentence (of 3,272 that write a capitalised word before an
outlet's one-word name), 274 -> 272 unsourced claims, both right (coach John Fox, Megan Fox). A dateline's place is no party to the claim ("SEATTLE - The Las
Vegas Metro Police Department (NVMPD) released ..." read "claims about SEATTLE, NVMPD, ..."): on
27 corpus records holding a dateline (the first 3 of each corpus by id), deep path, 145 -> 139
unsourced claims; 4 keep their signal without the place (NEW YORK, LONDON, WASHINGTON, and a
headline "US - India nuclear deal ..." read as a dateline, harmless), 6 go: 3 right (WASHINGTON
(AP) on an AP story; KAMPALA, Uganda and HAMILTON, New Zealand leave one party), 3 doubtful
(two celebrity list headings "CHARO (pro partner Keo Motsepe) - ..." read as datelines; a
Rolling Stone editor's testimony under CHARLOTTESVILLE, Va.).

Session 46 (fix2), ingest (both paths), counted on every corpus record that could change and
read. A one-sentence line with an agency's name alone after it is a caption ('This 1970 photo
released by ... "The Partridge Family." AP', "... in New York. Getty": CBS's obituary of David
Cassidy, whose first and third check-worthy claims they were): of the 68 records holding such a
line ending, 61 change, 81 lines go, all read, all captions (GossipCop 49 records, ReCOVery's
Business Insider and CBS 10, one each of SemEval and Koirala). HTML character references a
scraped text kept are decoded, and a page's directions to scroll and a link behind arrows go
("&gt;&gt; See photos here ...", "See video of when chaos unfolded, and scroll down to keep
reading.", a last sentence "Scroll down to read Bennett's letter."; KIRO 7): of the 1,129
records holding a reference, "croll" or arrows, 738 change: 796 lines decoded (625 records are
Constraint tweets whose "&amp;" becomes "&"), 14 directions and 11 arrowed links gone, all
read (read-more links, related headlines, "» Printer Friendly"; one doubtful, a promotion
">>fast facts Want to watch? ..."), and one escaped embed code is now markup in the text
(SemEval hyperpartisan-0000353; the reports escape it). About 800 training records' text moves.
`article_from_text` on 600 ReCOVery records, best of 3, two runs: 0.357 -> 0.379 and 0.364 ->
0.380 CPU ms per article (the caption rule reads only lines that end in an agency's word: read
on every line it cost 0.06 ms, +16%).

The wire-news rate counts every signal, including the anonymous sourcing wire copy does use."""


def flagged(row: dict, depth: str) -> bool:
    """Whether a detector of the row's kind flags (overlaps) the labelled sentence."""
    kind = row["kind"]
    if kind == "clickbait":  # the headline alone, over a neutral one-line body
        article = article_from_text(
            "The article body follows the headline.",
            title=row["text"],
            detect_title=False,
            remove_boilerplate=False,
        )
        start, end = 0, len(article.title or "")
    else:
        before = row["before"] + " " if row["before"] else ""
        body = before + row["text"] + (" " + row["after"] if row["after"] else "")
        article = article_from_text(body, detect_title=False, remove_boilerplate=False)
        start = article.text.find(row["text"])
        end = start + len(row["text"])
    names = [d.name for d in detectors(depth) if d.kind.value == kind]
    analysed = analyse_text(article, depth)  # type: ignore[arg-type]
    return any(
        s.kind.value == kind and s.start < end and s.end > start
        for s in detect_signals(analysed, names=names)
    )


def confusion(
    depths: list[str], *, development: bool = False, kinds: frozenset[str] | None = None
) -> dict[str, dict[str, dict[str, list[int]]]]:
    """``[depth][split][kind] = [tp, fp, fn, tn]`` over the labelled sentences; with
    ``development``, over the development splits only (no held-out sentence is read)."""
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    result: dict[str, dict[str, dict[str, list[int]]]] = {}
    for depth in depths:
        for row in rows:
            if depth == "fast" and row["kind"] in DEEP_ONLY:
                continue
            if (development and row["split"] == HELD_OUT) or (kinds and row["kind"] not in kinds):
                continue
            cell = result.setdefault(depth, {}).setdefault(row["split"], {})
            counts = cell.setdefault(row["kind"], [0, 0, 0, 0])
            predicted = flagged(row, depth)
            counts[{(1, 1): 0, (0, 1): 1, (1, 0): 2, (0, 0): 3}[(row["label"], predicted)]] += 1
    return result


def wire_articles() -> list[dict]:
    """Real articles of wire and broadcast newsrooms in ReCOVery, by id."""
    return newsroom_articles(get_settings().data_dir / WIRE_FOLDER, WIRE_PUBLISHERS)


def wire_alarms(rows: list[dict], depth: str) -> dict[str, float]:
    """Signals per kind and words over ``rows`` (``words`` key)."""
    counts: Counter[str] = Counter()
    words = 0
    kinds = [k for k in KINDS if depth == "deep" or k not in DEEP_ONLY]
    names = [d.name for d in detectors(depth) if d.kind.value in kinds]
    for row in rows:
        article = article_from_text(row["text"], title=row.get("title") or None)
        analysed = analyse_text(article, depth)  # type: ignore[arg-type]
        counts.update(s.kind.value for s in detect_signals(analysed, names=names))
        words += len(article.text.split())
    return {"words": words, **{kind: counts[kind] for kind in kinds}}


def time_fast_detectors() -> dict[str, float]:
    """Best-of-3 CPU milliseconds per 2,000-character article for each fast detector."""
    with gzip.open(get_settings().data_dir / TIMING_CORPUS, "rt", encoding="utf-8") as lines:
        rows = sorted((json.loads(line) for line in lines), key=lambda r: str(r["id"]))
    rows = [r for r in rows if len(r.get("text") or "") >= 2000][:200]
    analysed = [
        analyse_text(article_from_text(r["text"][:2000], title=r.get("title") or None), "fast")
        for r in rows
    ]
    timings = {}
    for detector in detectors("fast"):
        if detector.name not in FAST_DETECTORS:
            continue
        detector.detect(analysed[0])  # load lexicons, matchers and models once
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            for item in analysed:
                detector.detect(item)
            best = min(best, (time.process_time() - started) / len(analysed))
        timings[detector.name] = 1000 * best
    return timings


def time_deep_detectors(rows: list[dict]) -> dict[str, float]:
    """CPU milliseconds per article of the deep path's loaded-language and rhetorical-question
    detectors over ``rows`` (analysis not counted), one pass with an empty embedding cache, so
    that sentence vectors are computed as for an article never seen."""
    from veracity.embeddings import get_encoder

    get_encoder()  # the encoder's session is loaded once per process, not per article
    analysed = [
        analyse_text(article_from_text(r["text"], title=r.get("title") or None), "deep")
        for r in rows
    ]
    settings = get_settings()
    timings = {}
    with tempfile.TemporaryDirectory() as empty_cache:
        kept, settings.cache_dir = settings.cache_dir, Path(empty_cache)
        try:
            for detector in detectors("deep"):
                if detector.name not in DEEP_TIMED:
                    continue
                detector.detect(analysed[0])  # load lexicons and heads once
                started = time.process_time()
                for item in analysed[1:]:
                    detector.detect(item)
                timings[detector.name] = 1000 * (time.process_time() - started) / (len(rows) - 1)
        finally:
            settings.cache_dir = kept
    return timings


def measure(deep_articles: int) -> dict:
    wire = wire_articles()
    return {
        "sentences": confusion(["fast", "deep"]),
        "wire_fast": wire_alarms(wire, "fast"),
        "wire_deep": wire_alarms(wire[:deep_articles], "deep"),
        "wire_articles": len(wire),
        "timing": time_fast_detectors(),
        "deep_timing": time_deep_detectors(wire[-DEEP_TIMING_ARTICLES:]),
    }


class SignalFigures(BaseModel):
    """One checkout's figures: confusion counts, wire-news signal counts and detector timings."""

    sentences: dict[str, dict[str, dict[str, list[int]]]]  # [depth][split][kind] = tp fp fn tn
    wire_fast: dict[str, int]  # signals per kind over the wire articles, and their "words"
    wire_deep: dict[str, int]
    wire_articles: int
    timing: dict[str, float]  # fast detector -> CPU ms per 2,000-character article
    deep_timing: dict[str, float] = {}  # deep detector -> CPU ms per wire article (cold cache)

    def summary(self) -> str:
        """One line: fast-path wire signals per 1,000 words and the detector stage's cost."""
        return (
            f"wire fast {_all_rate(self.wire_fast)} signals / 1,000 words; detectors "
            f"{sum(self.timing[n] for n in FAST_DETECTORS):.3f} CPU ms per article"
        )


class SignalsComparison(BaseModel):
    """What the section is rendered from (and what ``--save`` writes): after, before, command."""

    after: SignalFigures
    before: SignalFigures | None = None
    command: str


class KindRow(BaseModel):
    """One kind's row of the held-out table, every cell formatted."""

    kind: str
    test_pos: int
    test_neg: int
    before_p: str
    before_r: str
    after_p: str
    after_r: str
    deep_before: str  # "P / R" on the deep path
    deep_after: str
    dev_before: str
    dev_after: str
    dev2_before: str
    dev2_after: str
    dev3_before: str
    dev3_after: str
    dev4_before: str
    dev4_after: str
    dev5_before: str
    dev5_after: str


def _pr(counts: list[int] | None) -> tuple[str, str]:
    if counts is None:
        return "–", "–"
    tp, fp, fn, _ = counts
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "–"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "–"
    return precision, recall


def _rate(wire: dict[str, int], kind: str) -> str:
    return f"{1000 * wire[kind] / max(wire['words'], 1):.2f}" if kind in wire else "–"


def _all_rate(wire: dict[str, int]) -> str:
    total = sum(v for k, v in wire.items() if k != "words")
    return f"{1000 * total / max(wire['words'], 1):.2f}"


def _kind_rows(after: SignalFigures, before: SignalFigures | None) -> list[KindRow]:
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    sizes = Counter((r["kind"], r["split"], r["label"]) for r in rows)
    table = []
    for kind in KINDS:
        depth = "deep" if kind in DEEP_ONLY else "fast"
        bp, br = _pr(before.sentences[depth]["test"].get(kind) if before else None)
        ap, ar = _pr(after.sentences[depth]["test"].get(kind))
        deep_before = " / ".join(
            _pr(before.sentences["deep"]["test"].get(kind) if before else None)
        )
        deep_after = " / ".join(_pr(after.sentences["deep"]["test"].get(kind)))
        _, dev_before = _pr(before.sentences[depth]["dev"].get(kind) if before else None)
        _, dev_after = _pr(after.sentences[depth]["dev"].get(kind))
        _, dev2_before = _pr(before.sentences[depth]["dev2"].get(kind) if before else None)
        _, dev2_after = _pr(after.sentences[depth]["dev2"].get(kind))
        _, dev3_before = _pr(before.sentences[depth].get("dev3", {}).get(kind) if before else None)
        _, dev3_after = _pr(after.sentences[depth].get("dev3", {}).get(kind))
        _, dev4_before = _pr(before.sentences[depth].get("dev4", {}).get(kind) if before else None)
        _, dev4_after = _pr(after.sentences[depth].get("dev4", {}).get(kind))
        _, dev5_before = _pr(before.sentences[depth].get("dev5", {}).get(kind) if before else None)
        _, dev5_after = _pr(after.sentences[depth].get("dev5", {}).get(kind))
        table.append(
            KindRow(
                kind=kind,
                test_pos=sizes[(kind, "test", 1)],
                test_neg=sizes[(kind, "test", 0)],
                before_p=bp,
                before_r=br,
                after_p=ap,
                after_r=ar,
                deep_before=deep_before,
                deep_after=deep_after,
                dev_before=dev_before,
                dev_after=dev_after,
                dev2_before=dev2_before,
                dev2_after=dev2_after,
                dev3_before=dev3_before,
                dev3_after=dev3_after,
                dev4_before=dev4_before,
                dev4_after=dev4_after,
                dev5_before=dev5_before,
                dev5_after=dev5_after,
            )
        )
    return table


def _wire_cells(kind: str, after: SignalFigures, before: SignalFigures | None) -> list[str]:
    cells = []
    for key in ("wire_fast", "wire_deep"):
        for run in (before, after):
            if run is None:
                cells.append("–")
                continue
            wire = getattr(run, key)
            cells.append(_all_rate(wire) if kind == "all" else _rate(wire, kind))
    return cells


def render(figures: SignalsComparison) -> str:
    """The "Explainable signals" section of docs/benchmarks.md (templates/explainable_signals.md.j2)."""
    after, before = figures.after, figures.before
    kind_rows = _kind_rows(after, before)
    met = [r.kind for r in kind_rows if r.after_r != "–" and float(r.after_r) >= TARGET_RECALL]
    total_before = sum(before.timing.values()) if before else None
    return render_template(
        "explainable_signals.md.j2",
        start=START,
        end=END,
        command=figures.command,
        sentences_path=SENTENCES.relative_to(REPO),
        sentence_count=len(SENTENCES.read_text(encoding="utf-8").splitlines()),
        kind_rows=kind_rows,
        target_recall=TARGET_RECALL,
        met=", ".join(met) or "none",
        missed=", ".join(k for k in KINDS if k not in met) or "none",
        notes=NOTES,
        after=after,
        before=before,
        wire_rows=[(kind, _wire_cells(kind, after, before)) for kind in [*KINDS, "all"]],
        timing_rows=[
            (
                name,
                f"{before.timing[name]:.3f}" if before and name in before.timing else "–",
                f"{after.timing[name]:.3f}",
            )
            for name in FAST_DETECTORS
        ],
        deep_timing_rows=[
            (
                name,
                f"{before.deep_timing[name]:.1f}" if before and name in before.deep_timing else "–",
                f"{after.deep_timing[name]:.1f}" if name in after.deep_timing else "–",
            )
            for name in DEEP_TIMED
        ],
        deep_timing_articles=DEEP_TIMING_ARTICLES,
        total_before=f"{total_before:.3f}" if total_before else "–",
        total_after=f"{sum(after.timing[n] for n in FAST_DETECTORS):.3f}",
    ).removesuffix("\n")


def development_table(
    after: dict[str, dict[str, dict[str, list[int]]]],
    before: dict[str, dict[str, dict[str, list[int]]]] | None,
) -> str:
    """Recall and precision per development split and kind, before → after, fast and deep."""
    lines = [
        "| kind | split | pos / neg | fast R before → after | fast P before → after "
        "| deep R before → after | deep P before → after |",
        "|---|---|---|---|---|---|---|",
    ]
    deep = after.get("deep", {})
    for split in sorted(deep):
        for kind in sorted(deep[split]):
            tp, fp, fn, tn = deep[split][kind]
            cells = []
            for depth in ("fast", "deep"):
                now = after.get(depth, {}).get(split, {}).get(kind)
                old = (before or {}).get(depth, {}).get(split, {}).get(kind)
                (p_old, r_old), (p_now, r_now) = _pr(old), _pr(now)
                cells += [f"{r_old} → {r_now}", f"{p_old} → {p_now}"]
            lines.append(
                f"| {kind} | {split} | {tp + fn} / {fp + tn} | " + " | ".join(cells) + " |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before-src", type=Path, help="src/ of the checkout to compare with")
    parser.add_argument("--deep-articles", type=int, default=40, help="wire articles, deep path")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    parser.add_argument("--save", type=Path, help="also save the before/after figures (JSON)")
    parser.add_argument(
        "--render", type=Path, help="render figures saved by --save instead of measuring"
    )
    parser.add_argument(
        "--development",
        action="store_true",
        help="only recall and precision on the development splits (the held-out one unread)",
    )
    parser.add_argument("--kinds", help="with --development: these kinds only (comma-separated)")
    args = parser.parse_args()
    if args.development:
        kinds = frozenset(args.kinds.split(",")) if args.kinds else None
        dev_before = None
        if args.before_src is not None:
            argv = [sys.executable, __file__, "--development", "--json"]
            argv += ["--kinds", args.kinds] if args.kinds else []
            env = {**os.environ, "PYTHONPATH": str(args.before_src.resolve())}
            child = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
            dev_before = json.loads(child.stdout)
        dev_after = confusion(["fast", "deep"], development=True, kinds=kinds)
        print(json.dumps(dev_after) if args.json else development_table(dev_after, dev_before))
        return
    before = None
    if args.render is not None:
        saved = SignalsComparison.model_validate_json(args.render.read_text(encoding="utf-8"))
        section = render(saved)
        print(section)
        if args.write:
            write_section(section, START, END)
        return
    if args.before_src is not None:
        env = {**os.environ, "PYTHONPATH": str(args.before_src.resolve())}
        child = subprocess.run(
            [sys.executable, __file__, "--json", "--deep-articles", str(args.deep_articles)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        before = json.loads(child.stdout)
    after = measure(args.deep_articles)
    if args.json:
        print(json.dumps(after))
        return
    command = "nice -n 10 python bench/explainable_signals.py" + (
        " --before-src <before>/src --write" if before else " --write"
    )
    figures = SignalsComparison(
        after=SignalFigures.model_validate(after),
        before=None if before is None else SignalFigures.model_validate(before),
        command=command,
    )
    if args.save is not None:
        args.save.write_text(figures.model_dump_json(), encoding="utf-8")
    section = render(figures)
    print(section)
    if args.write:
        write_section(section, START, END)


if __name__ == "__main__":
    main()
