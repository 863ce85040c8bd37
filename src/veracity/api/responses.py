"""The API's JSON answers, written so that no string of them can end a page's script block."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

# In JSON these characters stand only inside strings, where their escapes read the same.
_SCRIPT_SAFE = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"))


class ScriptSafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` written as escapes (the same JSON to any reader).

    Every answer quotes text someone else chose: an article, a fact-check an import gave, a
    ClaimReview's claim or fact-checker. ``factchecks:search`` answers in Google Fact Check
    Tools' shape, and such JSON, ClaimReview above all, is pasted into a page's ``<script
    type="application/ld+json">`` block, where ``</script>`` in a string ends the block and
    runs what follows (hostile round 12; round 11 escaped ``--format claimreview``)."""

    def render(self, content: Any) -> bytes:
        body = super().render(content)
        for character, escape in _SCRIPT_SAFE:
            body = body.replace(character, escape)
        return body
