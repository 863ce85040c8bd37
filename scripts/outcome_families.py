"""Write ``src/veracity/verify/outcome_families.py``: the words of WordNet 3.0 that state the
outcomes of :data:`veracity.verify.cues.OUTCOME_LEMMAS`, so the parsed opposite-outcome reading
knows them without WordNet at run time.

For each side of each pair of outcomes, from its verbs (the seeds):

- ``nouns``: the event nouns derived from a seed ("rejection" of "reject", "slide", "closure",
  "passage"): WordNet's derivationally related nouns of the seed's verb senses whose sense is an
  act, an event, a process, a phenomenon or a state (not "passer", "rejecter", "closer");
- ``antonyms``: verbs WordNet gives as antonyms of the *other* side's seeds in their first
  :data:`SENSES` verb senses ("expand" of "contract"), when no seed of this pair has them.

Synonyms (the other verbs of a seed's senses, or their troponyms) were looked at and left out:
over all senses they bring "persist", "continue" and "resume" for "back", "traverse" for
"pass", "deport" for "acquit".

Each list leaves out a word that the other side of the same pair has (a sense of both). The
generated words are data, measured as candidates by ``bench/opposite_outcomes.py``; none is
written by hand.

Run (needs nltk and the WordNet 3.0 database, Debian's ``wordnet-base``; not runtime needs):
``NLTK_DATA=DIR python scripts/outcome_families.py`` where ``DIR/corpora/wordnet`` holds the
database (Debian's ``/usr/share/wordnet`` lacks ``lexnames``: the script writes it when absent).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "veracity" / "verify" / "outcome_families.py"
EVENT_NOUNS = {"noun.act", "noun.event", "noun.process", "noun.phenomenon", "noun.state"}
SENSES = 2  # a seed's most frequent verb senses whose antonyms count
# WordNet 3.0's lexicographer files, in order (the file Debian leaves out).
LEXNAMES = [
    "adj.all",
    "adj.pert",
    "adv.all",
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
    "verb.body",
    "verb.change",
    "verb.cognition",
    "verb.communication",
    "verb.competition",
    "verb.consumption",
    "verb.contact",
    "verb.creation",
    "verb.emotion",
    "verb.motion",
    "verb.perception",
    "verb.possession",
    "verb.social",
    "verb.stative",
    "verb.weather",
    "adj.ppl",
]


def _wordnet():  # type: ignore[no-untyped-def]
    folder = Path(os.environ.get("NLTK_DATA", "")) / "corpora" / "wordnet"
    lexnames = folder / "lexnames"
    if folder.is_dir() and not lexnames.exists():
        kinds = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}
        lexnames.write_text(
            "".join(f"{i:02d}\t{n}\t{kinds[n.split('.')[0]]}\n" for i, n in enumerate(LEXNAMES))
        )
    from nltk.corpus import wordnet
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    # This is WordNet 3.0 itself: no mapping to 3.0 (which needs index.sense) is wanted.
    WordNetCorpusReader.map_wn = lambda self, version="wordnet": None  # type: ignore[method-assign]
    return wordnet


def _word(name: str) -> str | None:
    """A WordNet lemma name as the parse reads it ("vote_down" -> "vote down"), or None for a
    longer phrase or one with other characters."""
    parts = name.lower().split("_")
    if len(parts) > 2 or not all(p.isalpha() for p in parts):
        return None
    return " ".join(parts)


def _seed_lemmas(wn, seed: str):  # type: ignore[no-untyped-def]
    name = seed.replace(" ", "_")
    return [
        lemma
        for synset in wn.synsets(name, "v")
        for lemma in synset.lemmas()
        if lemma.name().lower() == name
    ]


def families(wn, pairs) -> list[dict[str, list[list[str]]]]:  # type: ignore[no-untyped-def]
    out = []
    for _, first, second in pairs:
        sides = (sorted(first), sorted(second))
        seeds = set(first) | set(second)
        found: dict[str, list[set[str]]] = {
            "nouns": [set(), set()],
            "antonyms": [set(), set()],
        }
        for side, lemmas in enumerate(sides):
            for seed in lemmas:
                for lemma in _seed_lemmas(wn, seed):
                    for derived in lemma.derivationally_related_forms():
                        if derived.synset().lexname() in EVENT_NOUNS and (
                            word := _word(derived.name())
                        ):
                            found["nouns"][side].add(word)
                for synset in wn.synsets(seed.replace(" ", "_"), "v")[:SENSES]:
                    for lemma in synset.lemmas():
                        for antonym in lemma.antonyms():
                            word = _word(antonym.name())
                            if word and word not in seeds:
                                found["antonyms"][1 - side].add(word)
        for words in found.values():
            both = words[0] & words[1]
            words[0] -= both
            words[1] -= both
        out.append({key: [sorted(w) for w in words] for key, words in found.items()})
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from veracity.verify.cues import OUTCOME_LEMMAS

    table = families(_wordnet(), OUTCOME_LEMMAS)
    rows = "".join(
        "    {\n"
        + "".join(
            f"        {json.dumps(key)}: (frozenset({sides[0]!r}), frozenset({sides[1]!r})),\n"
            for key, sides in pair.items()
        )
        + "    },\n"
        for pair in table
    )
    OUT.write_text(
        '"""Generated by scripts/outcome_families.py from WordNet 3.0; do not edit.\n\n'
        "For each pair of :data:`veracity.verify.cues.OUTCOME_LEMMAS`, in order: the event nouns\n"
        'derived from each side\'s verbs and the verbs WordNet gives as their antonyms."""\n\n'
        "OUTCOME_FAMILIES: tuple[dict[str, tuple[frozenset[str], frozenset[str]]], ...] = (\n"
        + rows
        + ")\n"
    )
    subprocess.run(["ruff", "format", str(OUT)], check=False)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
