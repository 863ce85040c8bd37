"""Normalise what a user or an article gives as an outlet's address into ``(host, path)``."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

_HOST_PREFIXES = ("www.", "www2.", "m.", "amp.", "mobile.")
_INDEX_FILE = re.compile(r"^(index|home|default|main_page)(\.\w+)?$", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")
# Second-level labels under which the registrable domain has three labels (bbc.co.uk).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "go", "ne", "or"})


class Platform(NamedTuple):
    name: str
    own_words: frozenset[str]  # the words of its own names ("twitter", "x")


# Platforms where anyone publishes, with the words their own names hold. A rating list's row for
# the bare host under another name rates a channel or a blog hosted there, not the platform
# (MBFC's Next News Network and Wikipedia's Republic TV at youtube.com; Health and Money News at
# wordpress.com), and a post on the platform is only as good as whoever posted it.
PLATFORMS: dict[str, Platform] = {
    "youtube.com": Platform("YouTube", frozenset({"youtube"})),
    "facebook.com": Platform("Facebook", frozenset({"facebook"})),
    "twitter.com": Platform("X", frozenset({"twitter", "x"})),
    "x.com": Platform("X", frozenset({"twitter", "x"})),
    "instagram.com": Platform("Instagram", frozenset({"instagram"})),
    "tiktok.com": Platform("TikTok", frozenset({"tiktok"})),
    "reddit.com": Platform("Reddit", frozenset({"reddit"})),
    "medium.com": Platform("Medium", frozenset({"medium"})),
    "substack.com": Platform("Substack", frozenset({"substack"})),
    "wordpress.com": Platform("WordPress.com", frozenset({"wordpress"})),
    "blogspot.com": Platform("Blogger", frozenset({"blogspot", "blogger"})),
    "blogger.com": Platform("Blogger", frozenset({"blogspot", "blogger"})),
    "tumblr.com": Platform("Tumblr", frozenset({"tumblr"})),
    "rumble.com": Platform("Rumble", frozenset({"rumble"})),
    "bitchute.com": Platform("BitChute", frozenset({"bitchute"})),
    "t.me": Platform("Telegram", frozenset({"telegram"})),
    "vk.com": Platform("VK", frozenset({"vk", "vkontakte"})),
    "gab.com": Platform("Gab", frozenset({"gab"})),
    "linkedin.com": Platform("LinkedIn", frozenset({"linkedin"})),
    "vimeo.com": Platform("Vimeo", frozenset({"vimeo"})),
    "dailymotion.com": Platform("Dailymotion", frozenset({"dailymotion"})),
    "weibo.com": Platform("Weibo", frozenset({"weibo"})),
    "pinterest.com": Platform("Pinterest", frozenset({"pinterest"})),
    "snapchat.com": Platform("Snapchat", frozenset({"snapchat"})),
    "twitch.tv": Platform("Twitch", frozenset({"twitch"})),
    "whatsapp.com": Platform("WhatsApp", frozenset({"whatsapp"})),
    "threads.net": Platform("Threads", frozenset({"threads"})),
    "truthsocial.com": Platform("Truth Social", frozenset({"truth", "social", "truthsocial"})),
    "parler.com": Platform("Parler", frozenset({"parler"})),
    "gettr.com": Platform("Gettr", frozenset({"gettr"})),
    "odysee.com": Platform("Odysee", frozenset({"odysee"})),
}
# Of those, the hosts that give each blog its own subdomain (name.blogspot.com): such a blog is
# its own publisher, not the platform.
BLOG_HOSTS = frozenset(
    {"blogspot.com", "wordpress.com", "substack.com", "tumblr.com", "medium.com"}
)


def platform_name(host: str) -> str | None:
    """The platform's name when ``host`` (normalised, :func:`split_address`) is a platform's own
    host or one of its service hosts (pic.twitter.com, m.youtube.com); None for a blog on a
    platform's subdomain (name.blogspot.com) and for any other host."""
    for domain in parent_domains(host):
        if domain in PLATFORMS:
            return None if domain != host and domain in BLOG_HOSTS else PLATFORMS[domain].name
    return None


def looks_like_domain(text: str) -> bool:
    """Whether ``text`` reads as a URL or a bare domain rather than an outlet's name; a
    domain's final dot and a port do not make it a name ("nytimes.com.", "bbc.co.uk:443")."""
    text = text.strip().lower()
    if "://" in text:
        return True
    return " " not in text and bool(_DOMAIN.match(split_address(text)[0]))


def split_address(address: str) -> tuple[str, str]:
    """``(host, path)`` of a URL or domain: lower-case host without ``www.``, path without index files."""
    address = address.strip()
    try:
        parts = urlsplit(address if "://" in address else f"//{address}")
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:  # malformed URL (bad IPv6 literal, bad port): no host
        return "", ""
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    segments = [s for s in parts.path.split("/") if s and not _INDEX_FILE.match(s)]
    return host, "/".join(segments).lower()


def parent_domains(host: str) -> list[str]:
    """``host`` then each parent down to the registrable domain (edition.cnn.com -> cnn.com)."""
    labels = host.split(".")
    minimum = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return [".".join(labels[i:]) for i in range(max(len(labels) - minimum + 1, 1))]


def is_valid_host(host: str) -> bool:
    """Whether ``host`` is a plausible domain name."""
    return bool(_DOMAIN.match(host))
