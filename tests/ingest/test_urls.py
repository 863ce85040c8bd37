import pytest

from veracity.ingest.fetch import FetchedPage
from veracity.ingest.urls import archived_original, publisher_url


@pytest.mark.parametrize(
    ("url", "original"),
    [
        (
            "http://web.archive.org/web/20160920123248/http://abcnews.go.com/US/wireStory/x-42188133",
            "http://abcnews.go.com/US/wireStory/x-42188133",
        ),
        # a mode after the timestamp, the page's own query string kept
        (
            "https://web.archive.org/web/20170101000000id_/https://www.infowars.com/a?b=1",
            "https://www.infowars.com/a?b=1",
        ),
        # the archive collapsed "http://" to "http:/", or kept no scheme; no scheme on the copy
        ("web.archive.org/web/2016/http:/cnn.com/x", "http://cnn.com/x"),
        ("https://web.archive.org/web/2016*/nytimes.com/2016/", "http://nytimes.com/2016/"),
        # archive.today's long form
        (
            "https://archive.ph/2021.01.06-120000/https://www.breitbart.com/x",
            "https://www.breitbart.com/x",
        ),
        ("https://archive.is/newest/http://rt.com/news/1", "http://rt.com/news/1"),
        # a copy of a copy: the page itself
        (
            "https://web.archive.org/web/2016/https://web.archive.org/web/2015/http://foxnews.com/",
            "http://foxnews.com/",
        ),
    ],
)
def test_a_web_archive_copy_names_the_page_it_copies(url: str, original: str) -> None:
    assert archived_original(url) == original
    assert publisher_url(url) == original


@pytest.mark.parametrize(
    "url",
    [
        "https://abcnews.go.com/US/story",
        "https://archive.ph/AbCd1",  # the short form names no page
        "https://archive.org/details/some-film",
        "https://web.archive.org/web/20160920123248/",
        "https://example.org/web/2016/http://cnn.com/",  # not an archive
    ],
)
def test_other_addresses_are_their_own_publishers(url: str) -> None:
    assert archived_original(url) is None
    assert publisher_url(url) == url


def test_a_fetched_archive_copy_is_published_by_the_archived_site() -> None:
    """Probe6: `veracity analyze https://web.archive.org/web/.../http://abcnews.go.com/...` and
    batch rows with such URLs named the Internet Archive as the publisher."""
    page = FetchedPage(
        url="https://web.archive.org/web/20160920123248/http://www.abcnews.go.com/US/x",
        content_type="text/html",
        charset=None,
        body=b"",
    )
    assert page.domain == "abcnews.go.com"
