"""The FNC-1 claim set: its split by story and its sample."""

from __future__ import annotations

import pytest

from veracity.verify.fnc_claims import FNC_SAMPLED, FNC_VERDICTS, fnc_claim_set, fnc_story_pairs


@pytest.mark.data
def test_the_fnc1_claim_set_keeps_each_story_headline_and_body_in_one_part(data_dir):
    parts = fnc_claim_set(data_dir)
    for field in ("story", "claim", "body_id"):
        assert not {c[field] for c in parts["dev"]} & {c[field] for c in parts["test"]}
    for cases in parts.values():
        stances = [c["stance"] for c in cases]
        assert stances.count("discuss") == FNC_SAMPLED["discuss"]
        assert stances.count("unrelated") == FNC_SAMPLED["unrelated"]
        assert {c["gold"] for c in cases} == set(FNC_VERDICTS)
    assert (len(parts["dev"]), len(parts["test"])) == (2219, 2781)


@pytest.mark.data
def test_no_dev_pair_shares_a_headline_or_body_with_a_test_pair(data_dir):
    pairs = fnc_story_pairs(data_dir)
    dev, test = pairs[pairs["part"] == "dev"], pairs[pairs["part"] == "test"]
    assert len(dev) and len(test)
    assert not set(dev["headline"]) & set(test["headline"])
    assert not set(dev["body_id"]) & set(test["body_id"])
    # an unrelated pair may straddle the parts; a related one never does
    assert set(pairs[pairs["part"] == ""]["stance"]) == {"unrelated"}


def test_readings_give_each_case_its_passages_stance_rows_and_document_reading():
    from veracity.verify.document_stance import load_document_stance
    from veracity.verify.fnc_claims import fnc_claim_readings, fnc_claim_verdicts
    from veracity.verify.stance import STANCE_LABELS

    long_body = " ".join(
        f"Officials said on day {n} that the bridge over the river would stay closed for repairs."
        for n in range(1, 13)
    )
    cases = [
        {"claim": "The bridge will stay closed for repairs", "body": long_body, "body_id": 1},
        {"claim": "The mayor resigned", "body": "The mayor resigned on Monday.", "body_id": 2},
    ]
    passages, proba, readings = fnc_claim_readings(cases, k=5)
    assert [len(texts) >= 1 for texts in passages] == [True, True]
    assert proba.shape == (sum(len(texts) for texts in passages), len(STANCE_LABELS))
    needed = load_document_stance().rule_.min_passages
    assert [r is not None for r in readings] == [len(texts) >= needed for texts in passages]
    assert len(fnc_claim_verdicts(cases, passages, proba, readings)) == 2
