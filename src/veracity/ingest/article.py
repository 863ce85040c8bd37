"""The cleaned article every later stage reads."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

# Characters no URL holds as such (controls, C1 ones too, spaces, lone surrogates, and the
# invisible and direction characters: zero-width ones, marks, embeddings, overrides, isolates,
# line separators): written percent-encoded, as a browser does, so a stored URL never carries a
# NUL (PostgreSQL refuses one in text), a terminal sequence (CSI is U+009B) or an override that
# shows the rest of the address reversed (hostile round 6). No host name holds any of them.
_HIDDEN = r"\x00-\x20\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff"
_NOT_IN_URL = re.compile(f"[{_HIDDEN}]")
_HOST_NAME = re.compile(f"[^{_HIDDEN}/\\\\@?#]{{1,253}}")  # DNS names: 253 at most


class Article(BaseModel):
    """Cleaned article text with its title first; offsets of every later stage index ``text``."""

    text: str = Field(description="Title (if any), a blank line, then the cleaned body.")
    title: str | None = None
    body_start: int = Field(0, ge=0, description="Offset of the body in ``text``.")
    source_url: str | None = None
    source_domain: str | None = None
    source_from: Literal["page"] | None = Field(
        None,
        description="'page' when the address is the one the page gives for itself (its "
        "canonical link or og:url), not one given by the caller or fetched.",
    )
    content_type: str = "text/plain"
    section: str | None = Field(
        None, description="The section its page files it under (HTML metadata), when named."
    )
    quoted: list[tuple[int, int]] = Field(
        default_factory=list,
        description="(start, end) of each line of ``text`` the page sets apart as a quotation "
        "(an HTML <blockquote>): someone else's words, not the article's voice.",
    )
    tables_left_out: int = Field(
        0, ge=0, description="How many data tables of its HTML page the text leaves out."
    )
    body_was_furniture: bool = Field(
        False,
        description="True for a headline over a page that is otherwise site furniture (menus, "
        "buttons, a cookie or consent notice, a paywall): ingest kept the headline as the title "
        "and left the rest out, so the body is empty.",
    )

    @field_validator("source_url")
    @classmethod
    def _url_as_a_browser_writes_it(cls, url: str | None) -> str | None:
        return _NOT_IN_URL.sub(_percent_encoded, url) if url else url

    @field_validator("source_domain")
    @classmethod
    def _host_name_or_none(cls, domain: str | None) -> str | None:
        """A domain that no host can have (over 253 characters, controls) is no domain."""
        return domain if domain and _HOST_NAME.fullmatch(domain) else None

    @model_validator(mode="after")
    def _title_leads_text(self) -> Article:
        if self.title and not self.text.startswith(self.title):
            raise ValueError("text must start with the title")
        return self

    @property
    def body(self) -> str:
        """The text after the title."""
        return self.text[self.body_start :]

    @classmethod
    def from_parts(
        cls,
        title: str | None,
        body: str,
        *,
        source_url: str | None = None,
        source_domain: str | None = None,
        content_type: str = "text/plain",
    ) -> Article:
        """Join a title and a body into one text, recording where the body starts."""
        title = title.strip() if title and title.strip() else None
        body = body.strip()
        text = f"{title}\n\n{body}" if title else body
        return cls(
            text=text,
            title=title,
            body_start=len(title) + 2 if title else 0,
            source_url=source_url,
            source_domain=source_domain,
            content_type=content_type,
        )


def _percent_encoded(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8", "replace"))
