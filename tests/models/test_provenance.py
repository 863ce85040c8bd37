"""The provenance stripper removes source identity and keeps the reporting."""

from __future__ import annotations

import pytest

from veracity.models.provenance import strip_provenance

WIRE = """WASHINGTON (Reuters) - The Senate on Tuesday passed a bill to fund the government through March, officials said.
By Jane Doe and John Smith
Click to share on Facebook (Opens in new window)
Advertisement
The measure now goes to the House, where a vote is expected on Thursday.
Credit: Dimitrios Kambouris/Getty Images
The full text is posted at https://www.example.com/politics/story and questions go to tips@radaronline.com.
The bill was first reported by RadarOnline.com and E! News. Follow @SenateDems for updates."""


def test_datelines_bylines_credits_and_boilerplate_are_removed() -> None:
    stripped = strip_provenance(WIRE)
    for artefact in (
        "WASHINGTON (Reuters) -",
        "By Jane Doe and John Smith",
        "Click to share on Facebook (Opens in new window)",
        "Advertisement",
        "Credit: Dimitrios Kambouris/Getty Images",
        "tips@radaronline.com",
        "RadarOnline.com",
        "E! News",
        "@SenateDems",
    ):
        assert artefact not in stripped.text
        assert artefact in stripped.artefacts
    assert "Reuters" not in stripped.text and "example.com" not in stripped.text


def test_the_reporting_itself_is_kept() -> None:
    stripped = strip_provenance(WIRE)
    assert stripped.text.startswith(
        "The Senate on Tuesday passed a bill to fund the government through March, officials said."
    )
    assert (
        "The measure now goes to the House, where a vote is expected on Thursday." in stripped.text
    )


def test_plain_prose_is_untouched() -> None:
    text = (
        "By 2020 the town had doubled in size.\n\n"
        "People who moved there said the schools were the main reason. Radar equipment was installed."
    )
    stripped = strip_provenance(text)
    assert stripped.text == text
    assert stripped.artefacts == []


def test_names_inside_longer_words_are_not_outlets() -> None:
    stripped = strip_provenance("The CNNs of this world and xBBC fans met the Radarman.")
    assert stripped.artefacts == []


def test_handles_and_addresses_need_their_whole_shape() -> None:
    stripped = strip_provenance(
        "Write to desk@example.org or @NewsDesk; user@localhost, x@y and a@@bc stay."
    )
    assert stripped.artefacts == ["desk@example.org", "@NewsDesk"]
    assert stripped.text == "Write to or ; user@localhost, x@y and a@@bc stay."


def test_gaps_left_by_removals_are_closed() -> None:
    stripped = strip_provenance("Reported by  CNN\t today.  \n\n\n\n  Follow @NewsDesk  \nEnd.")
    assert stripped.text == "Reported by today.\n\nFollow\nEnd."


def test_outlet_names_grouped_by_first_letter_match_like_the_plain_alternation() -> None:
    """Grouping the names only spares the regex engine work: at every position the same name
    matches as with the names tried one by one in their order ("E! News" before "E!")."""
    import re

    from veracity.models.provenance import _OUTLET_NAMES, _OUTLETS

    plain = re.compile("(?:" + "|".join(map(re.escape, _OUTLETS)) + r")(?!\w)")
    texts = [
        " ".join(_OUTLETS),
        "".join(_OUTLETS),
        "Told E! News and E!, OK! magazine, xCNN, CNNx, The Other 98% via Getty Images/AP Photo.",
    ]
    for text in texts:
        spans = [m.span() for m in _OUTLET_NAMES.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)]
        assert len(spans) > 5
    assert _OUTLET_NAMES.match("E! News").group() == "E! News"


@pytest.mark.parametrize(
    "text",
    [
        "Mail john.doe+news@example.co.uk. Or a@b.c@d.e, x@@y.com, @user. hi@there.",
        "a.b-c_d@host-1.example.org and é@ü.de, (tips@site.com) and @@@ foo@bar.baz.",
        "no address here @ all, just @handles. and trailing@",
        "x" * 300 + "@y.z words@ w@x @w.x.y",
    ],
)
def test_email_removal_tries_only_run_starts_and_matches_the_regex_scan(text: str) -> None:
    from veracity.models.provenance import _EMAIL, _sub_emails

    def mark(match) -> str:
        return f"<{match.group()}>"

    assert _sub_emails(text, mark) == _EMAIL.sub(mark, text)


def test_links_listed_under_a_heading_are_left_out_as_ingest_leaves_them_out() -> None:
    """The model text of a corpus article (which never went through ingest) drops a list of
    links under a "Related" heading as :func:`~veracity.ingest.boilerplate.strip_boilerplate`
    does at inference."""
    text = (
        "Paltrow confirms engagement\n\n"
        "Gwyneth Paltrow has confirmed her engagement to Brad Falchuk, a spokesman said.\n\n"
        "Related\n\n"
        "* Gwyneth Paltrow 'engaged to Brad Falchuk'\n\n"
        "* Paltrow and Martin finalise divorce after 'conscious uncoupling'\n\n"
        "The couple met on the set of Glee in 2010."
    )
    stripped = strip_provenance(text).text
    assert "Related" not in stripped and "uncoupling" not in stripped
    assert stripped.startswith("Paltrow confirms engagement\n")
    assert stripped.endswith("The couple met on the set of Glee in 2010.")
