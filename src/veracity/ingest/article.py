"""The cleaned article every later stage reads."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator


class Article(BaseModel):
    """Cleaned article text with its title first; offsets of every later stage index ``text``."""

    text: str = Field(description="Title (if any), a blank line, then the cleaned body.")
    title: str | None = None
    body_start: int = Field(0, ge=0, description="Offset of the body in ``text``.")
    source_url: str | None = None
    source_domain: str | None = None
    content_type: str = "text/plain"

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
