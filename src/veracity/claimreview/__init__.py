"""ClaimReview (schema.org): the format fact-checkers publish their verdicts in.

Entry points: :func:`import_claimreviews` (a JSON-LD file into this machine's fact-check store,
where claims are matched against it like any corpus fact-check), :func:`claimreview_jsonld`
(matched fact-checks as ClaimReview, with the fact-checker's own rating) and
:func:`search_claims` (the store searched in the shape of Google Fact Check Tools'
``claims:search``). Imports live in ``<reference_dir>/factchecks-imported``, apart from the
corpus-built store, so ``veracity setup --force`` never loses them.
"""

from veracity.claimreview.export import claimreview_json, claimreview_jsonld
from veracity.claimreview.parse import ClaimReviewItem, parse_claimreviews
from veracity.claimreview.search import ClaimSearchResponse, search_claims
from veracity.claimreview.store import ImportResult, import_claimreviews

__all__ = [
    "ClaimReviewItem",
    "ClaimSearchResponse",
    "ImportResult",
    "claimreview_json",
    "claimreview_jsonld",
    "import_claimreviews",
    "parse_claimreviews",
    "search_claims",
]
