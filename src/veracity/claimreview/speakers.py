"""Whether a LIAR speaker is an organisation: how ClaimReview export writes a claim's author.

A PolitiFact slug ("naral-pro-choice", "trimet", "barack-obama") says little by itself, and the
organisation words of :func:`veracity.data.liar.speaker_is_organisation` ("pac", "committee")
miss most groups. Two tables built on this machine say more:

- LIAR's own party column, which files a speaker as "organization" (or "government-body"). It
  does so for people who speak for a group too ("barry-duval", President and CEO of the
  Virginia Chamber of Commerce), so a name that spaCy's entity recogniser reads as a person's
  ("Barry Duval said") stays a Person. ``veracity setup`` keeps the rest
  (:data:`ORGANISATIONS_FILE`).
- The outlet table's names ("cnn", "drudge-report", "daily-caller" are news outlets). Outlets'
  domains are not used: a pundit's own site (glennbeck.com) names a person.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from veracity.artefacts import ARTEFACTS, Card, file_sha256
from veracity.data.liar import speaker_is_organisation, speaker_name
from veracity.errors import DataError

SPEC = ARTEFACTS["speakers"]
ORGANISATIONS_FILE = "liar-organisations.json"
ORGANISATION_PARTIES = frozenset({"organization", "government-body"})


def is_organisation(slug: str) -> bool:
    """Whether the LIAR speaker ``slug`` names an organisation: a word of an organisation's
    name in it, LIAR's party column (where ``veracity setup`` has built the table), or the
    name of a rated outlet (where the outlet table is built)."""
    if speaker_is_organisation(slug) or slug in liar_organisations():
        return True
    from veracity.sources import outlet_table_ready
    from veracity.sources.table import load_outlet_table

    return outlet_table_ready() and load_outlet_table().find_by_name(speaker_name(slug)) is not None


def build_speakers(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Write the LIAR speakers that are organisations (:data:`ORGANISATIONS_FILE`) and the
    card into ``out_dir``."""
    from veracity.data.liar import load_liar
    from veracity.nlp.document import load_pipeline

    folder = data_dir / "liar"
    labelled = sorted(
        {
            r.meta["speaker"]
            for r in load_liar(folder)
            if r.meta.get("party") in ORGANISATION_PARTIES and r.meta.get("speaker")
        }
    )
    if not labelled:
        raise DataError(f"{folder}: no speaker filed under {sorted(ORGANISATION_PARTIES)}")
    names = [speaker_name(slug) for slug in labelled]
    nlp = load_pipeline("deep")
    people = {
        slug
        for slug, name, doc in zip(
            labelled, names, nlp.pipe(f"{name} said" for name in names), strict=True
        )
        if any(
            e.label_ == "PERSON" and e.start_char == 0 and e.end_char == len(name) for e in doc.ents
        )
    }
    organisations = [slug for slug in labelled if slug not in people]
    out_dir = out_dir or SPEC.directory
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / ORGANISATIONS_FILE).write_text(
        json.dumps({"version": SPEC.version, "organisations": organisations}, indent=0) + "\n",
        encoding="utf-8",
    )
    card = SPEC.new_card(
        summary=(
            f"LIAR speakers: {len(organisations)} organisations of the {len(labelled)} filed "
            f"under {' / '.join(sorted(ORGANISATION_PARTIES))} ({len(people)} read as people)"
        ),
        data={
            "files": {p.name: file_sha256(p) for p in sorted(folder.glob("*.tsv"))},
            "spacy_model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        },
        read_as_people=sorted(people),
    )
    return SPEC.save(card, out_dir)


def liar_organisations(directory: Path | None = None) -> frozenset[str]:
    """The LIAR speakers :func:`build_speakers` found to be organisations; empty where the
    table is not built (or is of another version), so the export falls back to the slug's
    words."""
    path = (directory or SPEC.directory) / ORGANISATIONS_FILE
    try:
        written = path.stat().st_mtime_ns
    except OSError:
        return frozenset()
    return _read_organisations(path, written)


@lru_cache(maxsize=4)
def _read_organisations(path: Path, written: int) -> frozenset[str]:
    """The table at ``path`` as written at ``written`` (its modification time: a rebuilt
    table is read again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    if not isinstance(data, dict) or data.get("version") != SPEC.version:
        return frozenset()
    return frozenset(s for s in data.get("organisations", []) if isinstance(s, str))
