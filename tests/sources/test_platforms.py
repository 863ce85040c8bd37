import pytest

from veracity.sources.domains import platform_name
from veracity.sources.lists import SourceRow, rates_a_guest


@pytest.mark.parametrize(
    ("host", "platform"),
    [
        ("youtube.com", "YouTube"),
        ("pic.twitter.com", "X"),
        ("x.com", "X"),
        ("blogspot.com", "Blogger"),
        ("someones-diary.blogspot.com", None),  # a blog on the platform: its own publisher
        ("name.substack.com", None),
        ("reuters.com", None),
        ("notyoutube.com", None),
    ],
)
def test_platform_name(host: str, platform: str | None) -> None:
    assert platform_name(host) == platform


def _row(name: str | None, url: str | None = None) -> SourceRow:
    return SourceRow("mbfc_2025", "youtube.com", "low", "low", "extreme-right", None, name, url)


def test_a_row_naming_another_outlet_at_a_platform_rates_a_guest() -> None:
    next_news = _row("Next News Network", "https://mediabiasfactcheck.com/next-news-network/")
    assert rates_a_guest(next_news, "youtube.com")
    assert rates_a_guest(_row(None, "https://en.wikipedia.org/wiki/Republic_TV"), "youtube.com")
    # the platform itself, by name, by its page, or unnamed (a domain-level score)
    assert not rates_a_guest(_row("YouTube"), "youtube.com")
    assert not rates_a_guest(_row(None, "https://en.wikipedia.org/wiki/YouTube"), "youtube.com")
    assert not rates_a_guest(_row(None), "youtube.com")
    # any other address is rated by whatever name its list gives
    assert not rates_a_guest(_row("New York Times"), "nytimes.com")
    assert not rates_a_guest(next_news, "youtube.com/nextnewsnetwork")


def test_a_platform_section_or_a_name_beyond_the_platform_rates_a_guest() -> None:
    # probe s48: facebook.com rated "Facebook News", factuality high, from the news tab's rows
    tab = SourceRow(
        "mbfc_2026",
        "facebook.com/news",
        "high",
        "high",
        "left-center",
        None,
        "Facebook News",
        "https://mediabiasfactcheck.com/facebook-news/",
    )
    assert rates_a_guest(tab, "facebook.com")
    yang = SourceRow(
        "mbfc_2025",
        "facebook.com",
        "high",
        "high",
        "left-center",
        None,
        "Facebook News",
        "https://mediabiasfactcheck.com/facebook-news/",
    )
    assert rates_a_guest(yang, "facebook.com")
    unnamed_tab = SourceRow("lin_2023", "facebook.com/news", "high", None, "unknown", None)
    assert rates_a_guest(unnamed_tab, "facebook.com")
    # the platform itself, with a list's qualifier or its address as its name
    x = SourceRow(
        "wikipedia_rsp_2026", "twitter.com", "low", None, "center", None, "X (social network)"
    )
    assert not rates_a_guest(x, "twitter.com")
    wordpress = SourceRow(
        "wikipedia_rsp_2026", "wordpress.com", "low", None, "center", None, "WordPress.com"
    )
    assert not rates_a_guest(wordpress, "wordpress.com")
    odysee = SourceRow(
        "mbfc_2026",
        "odysee.com",
        "low",
        "low",
        "right",
        None,
        "Odysee",
        "https://mediabiasfactcheck.com/odysee-bias-and-credibility/",
    )
    assert not rates_a_guest(odysee, "odysee.com")
