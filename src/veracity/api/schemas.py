"""Request and response bodies of the API (stored analyses reuse the store's models)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from veracity.claims.triage import MAX_CLAIM_CHARS

_HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)


# Request bodies are strict: a field takes its declared JSON type only, so a boolean is
# ``true`` or ``false`` (pydantic's lax mode would read "yes", "on", 1 and 0.0 as one) and a
# string is never a number. Hostile round 6.


# Past this many fields a body does not declare, it gets one error saying so, not one error a
# field: a 6.5 MB body of 400,000 unknown keys was checked into 400,000 errors on the server's
# event loop (every client waited 18 s) and answered with each of them (58 MB; hostile round
# 17, attack 7). A few unknown fields are still named one by one.
MAX_UNKNOWN_FIELDS = 20


class RequestBody(BaseModel):
    """A request body: its own fields only, a body of many others refused as one error."""

    @model_validator(mode="before")
    @classmethod
    def _not_many_unknown_fields(cls, data: object) -> object:
        fields = cls.model_fields
        if isinstance(data, dict) and len(data) > len(fields) + MAX_UNKNOWN_FIELDS:
            unknown = [str(name) for name in data if name not in fields]
            if len(unknown) > MAX_UNKNOWN_FIELDS:
                shown = ", ".join(repr(name[:40]) for name in unknown[:3])
                raise ValueError(
                    f"the body holds {len(unknown):,} fields this endpoint does not take "
                    f"({shown}, ...); it takes {', '.join(fields)}"
                )
        return data


class AnalysisRequest(RequestBody):
    """One article to analyse: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [{"text": "Headline here\n\nThe article body...", "depth": "fast"}]
        },
    )

    text: str | None = Field(None, description="The article as plain text (title first line).")
    html: str | None = Field(None, description="The article as an HTML page.")
    url: str | None = Field(None, max_length=2048, description="An http(s) URL to fetch.")
    source_url: str | None = Field(
        None,
        max_length=2048,
        description="The http(s) address the text or HTML was published at (not fetched): its "
        "publisher is rated as for url.",
    )
    title: str | None = Field(
        None, max_length=300, description="The title, for text only (else detected)."
    )
    depth: Literal["fast", "deep"] = Field(
        "deep", description="fast: tokenizer-level triage; deep: the full spaCy pipeline."
    )
    corroborate: bool = Field(
        False,
        description="Compare the article's figures with the stored analyses (other outlets' "
        "reports of the same event).",
    )

    @field_validator("url", "source_url")
    @classmethod
    def _http_only(cls, url: str | None, info: ValidationInfo) -> str | None:
        if url is not None and not _HTTP_URL.match(url.strip()):
            raise ValueError(f"{info.field_name} must start with http:// or https://")
        return url.strip() if url is not None else None

    @model_validator(mode="after")
    def _one_source(self) -> AnalysisRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of text, html or url"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if self.source_url is not None and self.url is not None:
            raise ValueError("source_url is for text or html; a url is its own address")
        if self.title is not None and self.text is None:
            raise ValueError("title applies to text only (HTML pages and URLs carry their own)")
        return self


class ClaimVerificationRequest(RequestBody):
    """A claim to check against fact-checks and evidence."""

    model_config = ConfigDict(extra="forbid", strict=True)

    claim: str = Field(min_length=1, max_length=MAX_CLAIM_CHARS, description="One factual claim.")


class TriageRequest(RequestBody):
    """A transcript, an article or a list of statements to rank by check-worthiness."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [{"text": "TRUMP: We spent $6 trillion in the Middle East.", "lines": True}]
        },
    )

    text: str = Field(min_length=1, max_length=200_000, description="Plain text, UTF-8.")
    lines: bool = Field(False, description="Each line is one sentence: one row per line, in order.")
    fact_checks: bool = Field(True, description="Match check-worthy rows to known fact-checks.")


class Health(BaseModel):
    """The service is up and its database answers."""

    status: Literal["ok"] = "ok"
    version: str
    database: str = Field(description="The database backend in use: sqlite or postgresql.")
    models_ready: bool = Field(
        description="Whether the models of both paths are loaded (analyses wait until then)."
    )
    models: dict[str, bool] = Field(description="Per analysis path (fast, deep): loaded yet.")
