"""Known-debunk matching against this machine's fact-check store, with real LIAR statements."""

from __future__ import annotations

import os
import random

import pytest

from tests.test_cli import veracity_in_process
from veracity.verify.factchecks import (
    FactCheckStoreMissingError,
    claims_conflict,
    load_factcheck_store,
    match_debunks,
    normalise,
    shingles,
    states_no_claim,
)
from veracity.verify.paraphrase import paraphrase

pytestmark = pytest.mark.data


def _liar(store, statement_start: str):
    return next(
        r
        for r in store.records
        if r.collection == "liar" and r.statement.startswith(statement_start)
    )


def test_light_paraphrase_finds_its_fact_check_with_the_verdict(factcheck_store):
    # LIAR train 2635.json, rated "false", reworded by hand.
    record = _liar(factcheck_store, "Says the Annies List political group supports third-trimester")
    query = "The Annie's List political group backs third-trimester abortions on demand."
    matches = match_debunks([query], store=factcheck_store)[0]
    assert matches, "no match for a light paraphrase"
    assert matches[0].statement == record.statement
    assert matches[0].verdict == record.verdict == "false"
    assert matches[0].source.startswith("PolitiFact via LIAR")


def test_real_rewording_matches_a_related_check(factcheck_store):
    # LIAR's "Says President Obamas grandmother in Kenya said he was born in Kenya ..." (false):
    # MiniLM cosine 0.87 with the reworded claim, above the calibrated point. (LIAR train
    # 3336.json "Says Barack Obama grew up in Kenya.", 0.89, came first before stop 48: another
    # predicate, which the deep path's guard refuses.)
    matches = match_debunks(["Barack Obama was born in Kenya."], store=factcheck_store)[0]
    assert matches
    assert all(m.verdict == "false" for m in matches)
    assert any("Kenya" in m.statement for m in matches)
    assert matches[0].match_type == "semantic"


def test_systematic_paraphrases_mostly_match(factcheck_store):
    rng = random.Random(3)
    records = [r for r in factcheck_store.records if r.collection == "liar"][:200:20]
    queries = [paraphrase(r.statement, rng) for r in records]
    found = sum(
        bool(m) and m[0].statement == r.statement
        for r, m in zip(records, match_debunks(queries, store=factcheck_store), strict=True)
    )
    assert found >= 8


def test_unrelated_claims_match_nothing(factcheck_store):
    matches = match_debunks(
        [
            "The bakery on Elm Street sells sourdough bread every Tuesday morning.",
            "Our cat likes to sleep on the windowsill in the afternoon sun.",
        ],
        store=factcheck_store,
    )
    assert matches == [[], []]


def test_negated_or_refigured_claims_do_not_match(factcheck_store):
    record = _liar(factcheck_store, "Martin Luther King Jr. was a Republican")
    assert match_debunks([record.statement], store=factcheck_store)[0]
    assert match_debunks(
        ["Martin Luther King Jr. was not a Republican."], store=factcheck_store
    ) == [[]]
    assert claims_conflict("3-Boobed Woman a Fake", "‘Three-boobed’ woman: They’re not fake")
    assert claims_conflict(
        "Florida's cost for the Medicaid expansion will be $1.6 billion a year.",
        "The Medicaid expansion is going to cost Florida $1.9 billion a year.",
    )
    assert not claims_conflict(
        "Ohio has lost about 150,000 jobs.", "Since 2009 Ohio has lost 150000 jobs."
    )


def test_fact_check_reporting_the_claims_failure_does_not_match(factcheck_store):
    # CONSTRAINT-2021 train #5171: matched "Hydroxychloroquine cures COVID-19" at cosine 0.87,
    # shown as its fact-check although it reports the opposite outcome.
    failure = next(r for r in factcheck_store.records if r.id == "constraint-train-5171")
    assert "failure of chloroquine or hydroxychloroquine" in failure.statement
    matches = match_debunks(["Hydroxychloroquine cures COVID-19"], store=factcheck_store)[0]
    assert failure.statement not in [m.statement for m in matches]


def test_a_flip_o_meter_topic_matches_no_claim(factcheck_store):
    """Probe6: "President Barack Obama was born in the United States, period" (BuzzFeed-Webis,
    Trump's statement of September 2016) was shown as a known debunk, rated "false": LIAR's
    'On whether Barack Obama was born in the United States.' (13079), a Flip-O-Meter heading
    whose "false" is Trump's full flop, not a ruling on where Obama was born."""
    topic = _liar(factcheck_store, "On whether Barack Obama was born in the United States")
    claims = [
        "President Barack Obama was born in the United States, period.",
        "Trump has since said that he believes Obama was born in the United States.",
    ]
    for matches in match_debunks(claims, store=factcheck_store):
        assert topic.statement not in [m.statement for m in matches]
    # Claims still match their fact-checks (LIAR's grandmother statement, "... born in Kenya")
    assert match_debunks(["Barack Obama was born in Kenya."], store=factcheck_store)[0]


@pytest.mark.parametrize(
    ("statement", "topic"),
    [
        ("On whether Barack Obama was born in the United States.", True),
        ("On abortion", True),
        ("On support for gay marriage.", True),
        ("On whether he would vote for the budget proposed by Rep. Paul Ryan, R-Wis.", True),
        # headings the parser roots in a verb or a noun of the topic (LIAR)
        ("On whether hes had a relationship with Vladimir Putin.", True),
        ("On whether he supports 'Don't Ask, Don't Tell.'", True),
        ("On how money from a possible lease of the Ohio Turnpike would be used", True),
        ("On President Barack Obamas stimulus", True),
        ("On support for Trade Promotion Authority, calledfast-track", True),
        # a claim after its topic, or opening with "On" as a phrase of time or place
        ("On the VA: Over 300,000 veterans have died waiting for care.", False),
        ("On Lee Fishers watch, almost nine out of 10 jobs that Ohio lost were lost.", False),
        ("On average it takes 300 Americans working for a year to earn a CEO's pay.", False),
        ("On HealthCare.Gov, Texan Mark Sullivan found a plan for less than $80 a month.", False),
        (
            "On the question on the DREAM Act, no -- no to granting lower tuition to illegals.",
            False,
        ),
        ("On (Rob Portmans) watch as Bushs trade czar, our deficit with China exploded.", False),
        ("On Syria, alot of the allies signed on. At the last minute, Obama backed off.", False),
        ("Obama was born in Kenya.", False),
    ],
)
def test_states_no_claim_only_for_a_topic_heading(statement, topic):
    assert states_no_claim(statement) is topic


def test_near_duplicate_is_lexical(factcheck_store):
    record = _liar(factcheck_store, "Says the Annies List political group supports third-trimester")
    matches = match_debunks([record.statement.replace("Says the", "The")], store=factcheck_store)
    assert matches[0][0].match_type == "lexical"
    assert "MinHash" in matches[0][0].explanation


def test_store_holds_the_covid_posts_and_calibrated_thresholds(factcheck_store):
    collections = {r.collection for r in factcheck_store.records}
    assert {"liar", "constraint_covid19", "climate_fever"} <= collections
    assert factcheck_store.thresholds is not None
    assert 0.7 <= factcheck_store.thresholds.semantic_cosine < 0.96


def test_normalisation_ignores_case_punctuation_and_says():
    assert normalise("Says that TAXES rose, by 10%!") == "taxes rose by 10%"
    assert shingles("abc") == {b"abc"}


def test_missing_store_names_the_build_command(no_reference_data):
    with pytest.raises(FactCheckStoreMissingError, match="veracity factchecks build"):
        load_factcheck_store()
    with pytest.raises(FactCheckStoreMissingError):
        match_debunks(["Barack Obama was born in Kenya."])


def test_a_corrupt_store_file_is_named_and_no_unsafe_load_is_suggested(tmp_path):
    import gzip

    from veracity.errors import ModelError
    from veracity.verify.factchecks import load_records

    with gzip.open(tmp_path / "records.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("")
    (tmp_path / "vectors.npy").write_bytes(b"garbage")
    with pytest.raises(ModelError) as caught:
        load_records(tmp_path)
    assert "vectors.npy: not a NumPy array file" in str(caught.value)
    assert "pickle" not in str(caught.value)


def test_claims_without_a_store_are_kept_with_a_note(no_reference_data, seed_text):
    from veracity.ingest import article_from_text
    from veracity.pipeline import analyze

    report = analyze(article_from_text(seed_text), depth="deep", with_reliability=False)
    assert report.claims, "claim extraction must not depend on the store"
    assert all(not c.debunk_matches for c in report.claims)
    assert any(
        "debunk matching was skipped" in n and "veracity factchecks build" in n
        for n in report.notes
    )


def test_verify_without_store_or_index_is_one_error_line(tmp_path):
    result = veracity_in_process(
        "verify",
        "Barack Obama was born in Kenya.",
        env={"VERACITY_REFERENCE_DIR": str(tmp_path / "reference")},
    )
    assert result.returncode == FactCheckStoreMissingError.exit_code
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert "veracity factchecks build" in lines[0]
    assert "Traceback" not in result.stderr


def test_screened_matching_keeps_the_matches_and_skips_far_claims(factcheck_store):
    from veracity.verify.factchecks import SCREEN_MIN_SIMILARITY

    rng = random.Random(5)
    records = [r for r in factcheck_store.records if r.collection == "liar"][:300:30]
    queries = [paraphrase(r.statement, rng) for r in records]
    queries += ["Barack Obama was born in Kenya.", "The Annie's List group backs late abortions."]
    far = "The singer's new album drops on Friday, and her fans are thrilled."
    full = match_debunks([*queries, far], store=factcheck_store)
    screened = match_debunks([*queries, far], store=factcheck_store, screen=True)
    assert screened[:-1] == full[:-1]  # every near claim is embedded and matched as before
    assert sum(map(bool, screened)) >= len(queries) - 2
    assert factcheck_store.screen_similarity([far])[0] < SCREEN_MIN_SIMILARITY
    assert screened[-1] == [] and factcheck_store.candidates([far], screen=True) == [[]]


def test_statement_screen_leaves_out_the_excluded_statements():
    from veracity.verify.factchecks import StatementScreen

    screen = StatementScreen(["Says the economy grew 4 percent last year.", "Cats sleep a lot."])
    query = "The economy grew 4 percent last year."
    near, excluded = screen.similarity([query, query], [set(), {0}])
    assert near > 0.8 > excluded
    assert screen.similarity([]).shape == (0,)


def _datasketch_candidates(signatures, queries) -> list[set[int]]:
    """The candidates of datasketch's own ``MinHashLSH`` over ``signatures``, for comparison."""
    from datasketch import LeanMinHash, MinHashLSH

    from veracity.verify.factchecks import LSH_THRESHOLD, MINHASH_SCHEME, NUM_PERM

    def lean(signature):
        return LeanMinHash(seed=1, hashvalues=signature, scheme=MINHASH_SCHEME)

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for index, signature in enumerate(signatures):
            session.insert(index, lean(signature))
    return [set(lsh.query(lean(query))) for query in queries]


def test_signature_bands_find_what_datasketch_lsh_finds_in_the_store(factcheck_store):
    from veracity.verify.factchecks import minhash_signatures

    rng = random.Random(7)
    picked = rng.sample(factcheck_store.records, 150)
    queries = [r.statement for r in picked] + [paraphrase(r.statement, rng) for r in picked[:50]]
    queries += ["Barack Obama was born in Kenya.", "The moon landing was staged in a studio."]
    signatures = minhash_signatures(queries)
    ours = [factcheck_store.bands.query(s) for s in signatures]
    assert ours == _datasketch_candidates(factcheck_store.signatures, signatures)
    assert all(factcheck_store.records.index(r) in ours[i] for i, r in enumerate(picked))


def _small_store(folder, statements):
    import numpy as np

    from veracity.verify.factchecks import FactCheck, save_store

    records = [
        FactCheck(f"r{i}", text, "false", "a test", "liar") for i, text in enumerate(statements)
    ]
    rng = np.random.default_rng(0)
    save_store(
        folder,
        records,
        rng.random((len(records), 8)).astype(np.float32),
        rng.integers(0, 2**32, (len(records), 4), dtype=np.uint64).astype(np.uint32),
    )
    return records


def _rewrite_records(folder, rows=None, raw=None):
    import gzip
    import json

    data = raw if raw is not None else "".join(json.dumps(r) + "\n" for r in rows).encode()
    (folder / "records.jsonl.gz").write_bytes(gzip.compress(data))


def test_a_tampered_fact_check_store_is_refused_and_its_text_shown_without_controls(tmp_path):
    """Round 6, attack 6: the store's records were read as built. A record's verdict that is
    a number or a line nested 100,000 deep ended `veracity verify` in "internal error:
    ValidationError" / "RecursionError" (exit 70), controls in a statement reached the
    terminal (six records of the shipped LIAR store hold C1 characters or direction
    embeddings), and records shifted by one against their vectors matched the wrong verdicts
    without an error. The store's files now have digests, and each record is checked."""
    from dataclasses import asdict

    from veracity.errors import ModelError
    from veracity.verify.factchecks import load_records

    statements = [
        "The rate rose \x1b]0;pwned\x07 5 percent.",
        "Taxes fell\x9b31m.",
        "Jobs \u202erose.",
    ]
    records = _small_store(tmp_path, statements)
    loaded, vectors, signatures = load_records(tmp_path)
    assert [r.statement for r in loaded] == [
        "The rate rose ]0;pwned 5 percent.",
        "Taxes fell31m.",
        "Jobs rose.",
    ]
    assert vectors.shape == (3, 8) and signatures.shape == (3, 4)
    rows = [asdict(r) for r in records]
    for change, rows_or_raw, why in (
        ("shifted", rows[1:] + rows[:1], ""),
        ("a verdict a number", [{**r, "verdict": 5} for r in rows], "line 1 is not a fact-check"),
        ("nested", b"[" * 100_000 + b"]" * 100_000 + b"\n", "line 1 is not JSON"),
        ("a list", b"[1, 2]\n", "line 1 is not a fact-check record"),
    ):
        _small_store(tmp_path, statements)
        if isinstance(rows_or_raw, bytes):
            _rewrite_records(tmp_path, raw=rows_or_raw)
        else:
            _rewrite_records(tmp_path, rows_or_raw)
        with pytest.raises(ModelError, match="fact-check store is corrupt") as caught:
            load_records(tmp_path)
        assert "records.jsonl.gz: changed, cut short" in str(caught.value), change
        if change == "shifted":  # well-formed records: only the digest tells
            continue
        (tmp_path / "digests.json").unlink(missing_ok=True)  # a store written before the digests
        with pytest.raises(ModelError, match=why):
            load_records(tmp_path)
    _small_store(tmp_path, statements)
    (tmp_path / "digests.json").unlink(missing_ok=True)
    assert len(load_records(tmp_path)[0]) == 3  # a store written before the digests is read


def test_a_store_others_can_write_is_refused_before_it_is_read(tmp_path):
    """Round 7: the store's digests lie beside its files, so whoever can write its folder can
    change its verdicts and rewrite its digests alike. A store whose folder or a file another
    user owns, or every user may write, is refused naming the path; a group may share one."""
    from veracity.errors import ModelError
    from veracity.verify.factchecks import load_records

    for name, change in (
        ("folder", lambda store: store.chmod(0o777)),
        ("records", lambda store: (store / "records.jsonl.gz").chmod(0o666)),
        ("digests", lambda store: (store / "digests.json").chmod(0o646)),
        ("vectors", lambda store: os.chown(store / "vectors.npy", 65534, -1)),
        ("a file beside them", lambda store: _open_to_all(store / "matcher.joblib")),
    ):
        store = tmp_path / name.replace(" ", "-")
        _small_store(store, ["The rate rose 5 percent."])
        if name == "vectors" and os.geteuid() != 0:
            continue  # only root can give a file away
        change(store)
        with pytest.raises(
            ModelError,
            match=r"fact-check store .* is not read: .* (is owned by another user|is writable by "
            r"every user)",
        ):
            load_records(store)
    shared = tmp_path / "shared"
    _small_store(shared, ["The rate rose 5 percent."])
    shared.chmod(0o775)
    assert len(load_records(shared)[0]) == 1


def _open_to_all(path):
    path.touch()
    path.chmod(0o666)


def test_a_pipe_at_a_store_files_name_is_refused_not_waited_on(tmp_path):
    """Round 10: the store's files were read by following their names, so a pipe at the name
    of its digests, records, vectors or signatures (in a folder its owner or group may write)
    hung `veracity verify`, every deep analysis and the API's claim checks for good."""
    from tests.hostile import without_waiting_on_pipes
    from veracity.errors import ModelError
    from veracity.verify.factchecks import load_records

    for name in ("digests.json", "records.jsonl.gz", "vectors.npy", "minhash.npy"):
        store = tmp_path / name
        _small_store(store, ["The rate rose 5 percent."])
        (store / name).unlink()
        os.mkfifo(store / name)
        with pytest.raises(ModelError, match=r"is not a regular file \(a pipe or a device\)"):
            without_waiting_on_pipes(lambda store=store: load_records(store), [store / name])


def _two_record_store(tmp_path):
    """A store of two records with random vectors and signatures, saved under tmp_path; the
    card is the caller's to write."""
    import numpy as np

    from veracity.verify.factchecks import NUM_PERM, FactCheck, save_store

    folder = tmp_path / "factchecks"
    records = [FactCheck(f"r{i}", text, "false", "a test", "liar") for i, text in enumerate("ab")]
    rng = np.random.default_rng(0)
    save_store(
        folder,
        records,
        rng.random((2, 8)).astype(np.float32),
        rng.integers(0, 2**32, (2, NUM_PERM), dtype=np.uint64).astype(np.uint32),
    )
    return folder


@pytest.mark.parametrize(
    "change",
    [
        {"lexical_jaccard": float("nan")},
        {"semantic_cosine": "0.78"},
        {"semantic_cosine": None},
        {"lexical_jaccard": True},
        {"match_probability": 5},
        {"unknown": 0.5},
        {"minhash": [1]},
        {"thresholds": [0.55, 0.78]},
    ],
    ids=str,
)
def test_a_store_card_damaged_or_edited_by_hand_is_one_model_error(tmp_path, change):
    """Round 15, attack 1 (left by round 14: the store's card values were read without its
    checks): the card's thresholds were passed to Thresholds as they were, so text or null in
    one ended every claim's matching (`veracity verify`, a deep analysis, the API) in an
    internal TypeError, NaN matched nothing and `true` was 1, silently, and a `minhash` that is
    no object ended the store's load in AttributeError. Each is one ModelError naming the
    rebuild; the card as built loads."""
    import json

    from veracity.errors import ModelError
    from veracity.verify.factchecks import BUILD_COMMAND, MINHASH_SCHEME, SPEC, _load_store

    folder = _two_record_store(tmp_path)
    built = {
        "name": "factchecks",
        "version": SPEC.version,
        "minhash": {"scheme": MINHASH_SCHEME},
        "thresholds": {"lexical_jaccard": 0.55, "semantic_cosine": 0.78, "match_probability": None},
    }
    (folder / "card.json").write_text(json.dumps(built), encoding="utf-8")
    assert _load_store(folder).thresholds.semantic_cosine == 0.78
    card = json.loads(json.dumps(built))
    if "minhash" in change or "thresholds" in change:
        card.update(change)
    else:
        card["thresholds"].update(change)
    (folder / "card.json").write_text(json.dumps(card), encoding="utf-8")
    _load_store.cache_clear()
    try:
        with pytest.raises(ModelError, match=rf"; run: {BUILD_COMMAND}$"):
            _load_store(folder)
    finally:
        _load_store.cache_clear()


def test_every_point_the_build_can_write_loads_from_the_card():
    """Stop 49: this machine's `veracity setup` built a store whose re-ranker passed
    `calibrate.shipped_rule`, so the card's thresholds were the re-ranker's point (J 0.6, cosine
    route switched off as 10.0, p 0.91), and the card check of round 15 refused them: every
    `veracity verify`, `claims` and deep analysis ended in "the fact-check store's card has
    thresholds that are no numbers from -1 to 1", and the rebuild it named wrote the same card.
    Every point the build chooses from (the cosine rule's, the re-ranker's, the baselines')
    loads; a route switched off otherwise than by the build's value, or a probability out of
    range, is still refused."""
    from veracity.errors import ModelError
    from veracity.verify import calibrate
    from veracity.verify.factchecks import SWITCHED_OFF, Thresholds, _card_thresholds

    grid = [
        *calibrate.cosine_grid(),
        *calibrate.ranker_grid(),
        Thresholds(0.5, SWITCHED_OFF),
        Thresholds(SWITCHED_OFF, 0.8),
    ]
    for point in grid:
        assert _card_thresholds(calibrate.vars_of(point)) == point
    for bad in (
        {"lexical_jaccard": 0.6, "semantic_cosine": 5.0, "match_probability": 0.91},
        {"lexical_jaccard": 0.6, "semantic_cosine": SWITCHED_OFF, "match_probability": 10.0},
        {"lexical_jaccard": float("inf"), "semantic_cosine": 0.78, "match_probability": None},
    ):
        with pytest.raises(ModelError):
            _card_thresholds(bad)


def test_a_store_whose_card_ships_the_reranker_is_read_at_its_cosine_rule_point(tmp_path):
    """Stop 49: a store built before the debate gate (bench/match_debates.py) may ship the
    re-ranker, as this machine's first build did; the gate refused it (RERANKER_GATE_PASSED),
    so such a store is read at the cosine rule's point its card holds, without the ranker file,
    and matches as a store built now: 'Barack Obama was born in Kenya.' found no fact-check at
    the re-ranker's p 0.91. A card without that point is one ModelError naming the rebuild."""
    import json

    from veracity.errors import ModelError
    from veracity.verify.factchecks import (
        BUILD_COMMAND,
        MINHASH_SCHEME,
        RERANKER_GATE_PASSED,
        SPEC,
        Thresholds,
        _load_store,
    )

    assert RERANKER_GATE_PASSED is False
    folder = _two_record_store(tmp_path)
    reranked = {"lexical_jaccard": 0.6, "semantic_cosine": 10.0, "match_probability": 0.91}
    cosine = {"lexical_jaccard": 0.55, "semantic_cosine": 0.78, "match_probability": None}
    card = {
        "name": "factchecks",
        "version": SPEC.version,
        "minhash": {"scheme": MINHASH_SCHEME},
        "thresholds": reranked,  # no ranker file saved: reading it would fail
        "metrics": {"shipped": "reranked", "hybrid": {"thresholds": cosine}},
    }
    (folder / "card.json").write_text(json.dumps(card), encoding="utf-8")
    _load_store.cache_clear()
    try:
        store = _load_store(folder)
        assert store.thresholds == Thresholds(0.55, 0.78) and store.ranker is None
        del card["metrics"]["hybrid"]
        (folder / "card.json").write_text(json.dumps(card), encoding="utf-8")
        _load_store.cache_clear()
        with pytest.raises(ModelError, match=rf"; run: {BUILD_COMMAND}$"):
            _load_store(folder)
    finally:
        _load_store.cache_clear()
