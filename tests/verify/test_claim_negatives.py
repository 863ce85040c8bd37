"""Claim-level hard negatives from LIAR's train statements only (verify/claim_negatives.py)."""

from __future__ import annotations

from veracity.data.record import NewsRecord
from veracity.verify.claim_negatives import liar_triples, training_statements
from veracity.verify.rechecks import LIAR_RECHECKS


def _record(
    id_: str, text: str, split: str, speaker: str, label: str, subject: str = "taxes"
) -> NewsRecord:
    return NewsRecord(
        id=id_,
        corpus="liar",
        collection="politifact_statements",
        level="claim",
        title="",
        text=text,
        label="real" if label in ("half-true", "mostly-true", "true") else "fake",
        original_label=label,
        source=speaker,
        split=split,  # type: ignore[arg-type]
        meta={"subject": subject, "speaker": speaker},
    )


JUDGED = LIAR_RECHECKS[0][0]
RECORDS = [
    _record(
        "liar-a",
        "Says the state income tax rate doubled in the last four years.",
        "train",
        "ann",
        "false",
    ),
    _record(
        "liar-b",
        "The state income tax brought in record revenue for schools last year.",
        "train",
        "bob",
        "true",
    ),
    _record(
        "liar-c",
        "The state income tax rate is the highest in the whole region today.",
        "train",
        "ann",
        "true",
    ),  # same speaker: no negative of liar-a
    _record(
        "liar-d",
        "The state income tax credit for families was cut by the governor.",
        "train",
        "cid",
        "barely-true",
    ),  # one step from false: too close in rating
    _record(
        "liar-e",
        "The state income tax now takes more from families than ever before.",
        "train",
        "dee",
        "true",
        subject="education",
    ),  # no shared subject
    _record(
        "liar-v",
        "The state income tax rate is higher than in any neighbouring state.",
        "valid",
        "eve",
        "true",
    ),
    _record(
        "liar-t",
        "The state income tax brought in record revenue for schools last year.",
        "test",
        "fay",
        "true",
    ),  # liar-b's text is a test statement
    _record(
        "liar-f",
        "The state income tax rate for retirees fell over the last decade.",
        "train",
        "hal",
        "mostly-true",
    ),  # the one negative of liar-a
    _record(
        JUDGED,
        "The state income tax rate went up under the current governor of ours.",
        "train",
        "gus",
        "true",
    ),
]


def test_only_train_statements_free_of_valid_test_texts_and_judged_pairs_train() -> None:
    kept = {r.id for r in training_statements(RECORDS)}
    assert kept == {"liar-a", "liar-c", "liar-d", "liar-e", "liar-f"}


def test_negatives_are_same_subject_other_speaker_far_rating_or_the_claim_turned() -> None:
    triples = {t.id: t for t in liar_triples(RECORDS, 10)}
    a = triples["liar-a"]
    assert a.anchor == RECORDS[0].text and a.partner != a.anchor
    texts = set(a.negatives)
    assert RECORDS[7].text in texts
    assert RECORDS[2].text not in texts  # same speaker
    assert RECORDS[3].text not in texts  # rating one step away
    assert RECORDS[4].text not in texts  # another subject
    assert RECORDS[1].text not in texts  # a test statement's text
    assert any(n.startswith("Says the state income tax rate did not ") for n in texts)
