"""Import ClaimReview files into this machine's store of imported fact-checks (idempotent)."""

from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from veracity.artefacts import CARD_FILE
from veracity.claimreview.parse import ClaimReviewItem, parse_claimreviews
from veracity.errors import InputError, SourceNotFoundError
from veracity.verify.factchecks import (
    FactCheck,
    imported_dir,
    load_records,
    matching_vectors,
    minhash_signatures,
    save_store,
    store_dir,
)

COLLECTION = "claimreview"
REVIEWS_FILE = "reviews.jsonl.gz"
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class ImportResult:
    """What one import did."""

    added: int
    updated: int
    unchanged: int
    total: int  # imported fact-checks in the store afterwards
    folder: Path
    # whether the corpus store is built: its calibrated thresholds decide what matches, so
    # imports are matched only once it is (``veracity setup``)
    store_built: bool = True


def fact_check_of(review: ClaimReviewItem) -> FactCheck:
    """The store record of a review: matched on its claim, shown with the fact-checker's rating."""
    return FactCheck(
        id=review.id,
        statement=review.claim,
        verdict=review.rating,
        source=source_label(review),
        collection=COLLECTION,
        speaker=review.claimant,
        context=review.url,
    )


def source_label(review: ClaimReviewItem) -> str:
    """How a match names the review: fact-checker and page (unique, so it finds the review)."""
    return f"{review.fact_checker} (ClaimReview, {review.url or review.id})"


def read_reviews(folder: Path | None = None) -> dict[str, ClaimReviewItem]:
    """The imported reviews by id (none when nothing was imported)."""
    path = (folder or imported_dir()) / REVIEWS_FILE
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        reviews = [ClaimReviewItem.model_validate_json(line) for line in handle if line.strip()]
    return {review.id: review for review in reviews}


# A JSON-LD block of an HTML page, as fact-checkers publish their ClaimReview markup: a
# <script> tag whose type is application/ld+json, what it holds, and its end tag.
_SCRIPT_OPEN = re.compile(r"<script\b", re.IGNORECASE)
_JSON_LD_TYPE = re.compile(r"\btype\s*=\s*[\"']?application/ld\+json", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)


def json_ld_blocks(page: str) -> list[str]:
    """What each ``<script type="application/ld+json">`` of ``page`` holds, in order, read in
    one pass: one pattern for the whole block searched on from every tag that had no end tag
    after it, so a saved page of 100 KB of such tags cost 7.6 s and one of 400 KB 43 s."""
    blocks = []
    position = 0
    while (opening := _SCRIPT_OPEN.search(page, position)) is not None:
        tag_end = page.find(">", opening.end())
        if tag_end == -1:
            break
        if _JSON_LD_TYPE.search(page, opening.end(), tag_end) is None:
            position = tag_end + 1
            continue
        closing = _SCRIPT_CLOSE.search(page, tag_end + 1)
        if closing is None:  # no tag after this one has an end either
            break
        blocks.append(page[tag_end + 1 : closing.start()])
        position = closing.end()
    return blocks


_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def read_claimreview_document(path: Path) -> object:
    """The parsed JSON-LD of ``path``: a JSON file, or an HTML page (a fact-check as its site
    publishes it, saved from the browser) whose ``<script type="application/ld+json">`` blocks
    are read as one list. A page's block that is not JSON is an error naming it."""
    raw = path.read_bytes()
    if path.suffix.lower() not in (".html", ".htm") and raw.lstrip()[:1] != b"<":
        try:
            return json.loads(raw)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path.name} is not UTF-8 text: {exc}") from None
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
            raise InputError(f"{path.name} is not JSON: {exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 text: {exc}") from None
    blocks = json_ld_blocks(text)
    if not blocks:
        raise InputError(
            f'{path.name} is an HTML page without JSON-LD (no <script type="application/ld+json">)'
        )
    documents = []
    for number, block in enumerate(blocks, start=1):
        block = _CDATA.sub("", block.strip())
        if not block:
            continue
        try:
            documents.append(json.loads(block))
        except (ValueError, RecursionError):
            try:  # a block written with HTML entities (&quot;) by a page template
                documents.append(json.loads(html.unescape(block)))
            except (ValueError, RecursionError) as exc:
                raise InputError(
                    f"{path.name}: JSON-LD block {number} of {len(blocks)} is not JSON: {exc}"
                ) from None
    return documents


def import_claimreviews(path: Path, folder: Path | None = None) -> ImportResult:
    """Add or update every ClaimReview of a JSON-LD file or an HTML page's JSON-LD
    (:func:`read_claimreview_document`); importing it again changes nothing."""
    folder = folder or imported_dir()
    if not path.is_file():
        if path.is_dir():
            raise InputError(
                f"{path} is a folder: import one ClaimReview file at a time (JSON-LD, a "
                "claims:search response or a saved page)"
            )
        if path.exists():  # not waited on: a pipe would be read like standard input
            raise InputError(f"{path} is not a regular file (a pipe or a device)")
        raise SourceNotFoundError(f"no such file: {path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{path.name} is larger than {MAX_FILE_BYTES // 2**20} MiB")
    document = read_claimreview_document(path)
    incoming = {review.id: review for review in parse_claimreviews(document, name=path.name)}

    reviews = read_reviews(folder)
    if reviews:
        records, vectors, signatures = load_records(folder)
    else:
        records, vectors, signatures = [], np.zeros((0, 0), np.float16), np.zeros((0, 0), np.uint32)
    position = {record.id: i for i, record in enumerate(records)}
    added = updated = unchanged = 0
    changed: list[int] = []
    for review_id, review in incoming.items():
        if review_id not in reviews:
            added += 1
            position[review_id] = len(records)
            records.append(fact_check_of(review))
            changed.append(position[review_id])
        elif reviews[review_id] != review:
            updated += 1
            records[position[review_id]] = fact_check_of(review)
            changed.append(position[review_id])
        else:
            unchanged += 1
        reviews[review_id] = review
    if changed:
        vectors, signatures = _refresh(records, vectors, signatures, changed)
        save_store(folder, records, vectors, signatures)
        with gzip.open(folder / REVIEWS_FILE, "wt", encoding="utf-8") as handle:
            for record in records:
                handle.write(reviews[record.id].model_dump_json() + "\n")
    built = (store_dir() / CARD_FILE).is_file()
    return ImportResult(added, updated, unchanged, len(records), folder, store_built=built)


def _refresh(
    records: list[FactCheck], vectors: np.ndarray, signatures: np.ndarray, changed: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Vectors and signatures with the changed records' (only those) embedded and hashed anew."""
    texts = [records[i].statement for i in changed]
    new_vectors = np.asarray(matching_vectors(texts), dtype=np.float16)
    new_signatures = minhash_signatures(texts)
    if len(vectors) == 0:
        vectors = np.zeros((0, new_vectors.shape[1]), np.float16)
        signatures = np.zeros((0, new_signatures.shape[1]), np.uint32)
    grown = len(records) - len(vectors)
    vectors = np.concatenate([vectors, np.zeros((grown, vectors.shape[1]), np.float16)])
    signatures = np.concatenate([signatures, np.zeros((grown, signatures.shape[1]), np.uint32)])
    vectors[changed] = new_vectors
    signatures[changed] = new_signatures
    return vectors, signatures
