"""``veracity source``: each list's rating in text, factuality and bias kept in JSON."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.test_cli import veracity_in_process
from veracity.settings import get_settings


def source_command(*args: str) -> subprocess.CompletedProcess[str]:
    """``veracity source`` through the CLI's entry point in this process, as a subprocess would
    run it here (this environment, these settings' reference tables): what is tested is what it
    prints and its exit code, and a subprocess pays 3-5 CPU-s to load the package each call."""
    env = {k: v for k, v in os.environ.items() if k.startswith("VERACITY_")}
    env["VERACITY_REFERENCE_DIR"] = str(get_settings().reference_dir)
    return veracity_in_process("source", *args, env=env)


@pytest.mark.data
def test_text_lists_every_lists_rating() -> None:
    result = source_command("infowars.com")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())  # rich wraps long lines
    assert "InfoWars (infowars.com)" in out
    assert "factuality: low (veracity's levels: high / mixed / low)" in out
    assert "own rating: very low (MBFC's 6th of its 6 tiers; veracity counts low and very" in out
    assert "Media Bias/Fact Check (official extension feed), 2026-08-19: very low" in out
    assert "Wikipedia: Reliable sources/Perennial sources, 2024: deprecated" in out
    assert "Lin et al. 2023 aggregate domain quality (pc1), 2023-09: pc1 0.05" in out


@pytest.mark.data
def test_an_mbfc_tier_is_placed_among_mbfcs_six_not_set_against_the_level() -> None:
    # probe s37: "factuality: high (mostly factual)" set MBFC's third tier against its own
    # "high", the tier above it, as if the two disagreed
    result = source_command("bbc.co.uk")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "high (mostly factual)" not in out
    assert "factuality: high (veracity's levels: high / mixed / low)" in out
    assert (
        "the list's own rating: mostly factual (MBFC's 3rd of its 6 tiers; veracity counts "
        "very high, high and mostly factual as high)"
    ) in out
    lin = source_command("--format", "json", "bbc.com")
    assert json.loads(lin.stdout)["factuality_detail"] == "mostly factual"  # JSON as it was


@pytest.mark.data
def test_json_keeps_factuality_and_bias_and_adds_the_lists() -> None:
    result = source_command("--format", "json", "bbc.co.uk")
    assert result.returncode == 0, result.stderr
    rating = json.loads(result.stdout)
    assert (rating["domain"], rating["factuality"], rating["bias"]) == (
        "bbc.com",
        "high",
        "left-center",
    )
    assert rating["factuality_detail"] == "mostly factual"
    assert rating["contested"] is False
    assert {r["source"] for r in rating["ratings"]} >= {
        "Media Bias/Fact Check (official extension feed)",
        "Lin et al. 2023 aggregate domain quality (pc1)",
    }


def test_bad_domain_is_one_error_line() -> None:
    result = source_command("http://[::1")
    assert result.returncode != 0
    assert result.stderr.strip().startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.data
@pytest.mark.parametrize("name", ["The Gazette", "Gazette", "the Chronicle", "The Herald"])
def test_a_title_many_places_papers_share_names_no_one_outlet(name: str) -> None:
    """ "veracity source 'The Gazette'" rated the Colorado Springs Gazette, "the Chronicle" the
    Internet Chronicle (chronicle.su) and "The Herald" the Everett Herald: dozens of papers go by
    each (probe s41). One error line names some of them and says what to give instead."""
    result = source_command(name)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "many papers" in lines[0] and "domain" in lines[0]
    assert result.stdout == ""
    full = source_command("--format", "json", "Colorado Springs Gazette")
    assert json.loads(full.stdout)["domain"] == "gazette.com"


@pytest.mark.data
def test_an_address_rated_as_another_of_its_outlet_says_so() -> None:
    """probe s47: `veracity source sputniknews.com` printed "Sputnik (sputnikglobe.com)" and its
    ratings with no word of why the rating is another address's, where an article's report at
    sputniknews.com says it in a note: a state outlet's old address read as if unrated, or
    mistaken. The command now says it as the report does, in text and in JSON's ``notes``."""
    why = (
        "Rated as sputnikglobe.com, not sputniknews.com (the address asked about): the rating "
        "lists give sputniknews.com and sputnikglobe.com to one outlet, Sputnik, which Media "
        "Bias/Fact Check's newest list rates at sputnikglobe.com (an address the outlet moved "
        "to or also uses)."
    )
    for asked in ("sputniknews.com", "https://www.sputniknews.com/world/20200301/story.html"):
        result = source_command(asked)
        assert result.returncode == 0, result.stderr
        out = " ".join(result.stdout.split())
        assert out.startswith(f"Sputnik (sputnikglobe.com) note: {why} factuality: low")
    assert json.loads(source_command("--format", "json", "sputniknews.com").stdout)["notes"] == [
        why
    ]
    # an address rated as itself, and a name, get no note
    for asked in ("sputnikglobe.com", "Sputnik", "infowars.com"):
        shown = source_command("--format", "json", asked)
        assert json.loads(shown.stdout)["notes"] == [], asked
        assert "note:" not in source_command(asked).stdout
