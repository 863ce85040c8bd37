"""What the speaker called what they said, taken off what is looked for: ``without_attribution``
with ``comment`` off and on, on development data only.

Stop 47's fact-checker case: ``veracity analyze`` cut Councillor Hayes's sentence into "Councillor
Ann Hayes said on Monday that the county added 4,200 jobs in 2023" (supported 0.90) and
"unemployment fell to 3.1 percent, figures she called proof that her budget worked.", which read
not enough evidence (the labour department's "The county's unemployment rate fell to 3.1 percent
in December 2023, ..." neutral 0.48) while "Unemployment fell to 3.1 percent." reads supported
0.88 (the restatement rule's ``plain_discussion``: every content word of the claim, with its
figures, in the passage). The speaker was already cut off; what the passage cannot hold is the
tail, the speaker's own weighing of her figures ("figures she called proof that her budget
worked"), which no evidence states and which is no part of what is checked. With ``comment``,
``cues.without_attribution`` also takes off such a tail (``cues._TRAILING_COMMENT``: after the
last comma, a noun of one or two words or "which" / "what", who calls it, up to three words,
and a verb that names or judges a thing: called, described, dubbed, hailed, termed, touted,
labelled, branded, praised, derided, dismissed, deemed; not "called for", "called on").

The bench rewrites each development claim as ``verify_claim`` would under each candidate (the
parts of bench/leading_attribution.py): the FNC-1 claim set's dev headlines are judged against
their bodies' passages retrieved for the rewritten claim, the CLIMATE-FEVER development claims
and the denial set's claims that a candidate rewrites are listed, to be read by hand.

Choice, fixed before the run (the stop-46 rule as the claim rewrites read it): "on" is wired
only if the FNC-1 claim set's dev accuracy is not down more than 0.005 and no verdict is newly
inverted (an agreeing body refuted, a disagreeing one supported), no denial-set claim is
rewritten into another claim, and every CLIMATE-FEVER rewrite read by hand keeps what the
claim states (a tail taken off that the claim's evidence would have to state fails it).

Usage: ``.venv/bin/python bench/trailing_comment.py > results.json``.
"""

from __future__ import annotations

import sys

from leading_attribution import main, rewrite_parts  # bench/leading_attribution.py


def _stated(claim: str, name: str) -> str:
    from veracity.verify.cues import without_attribution

    return without_attribution(claim, comment=name == "on")


if __name__ == "__main__":
    sys.exit(main(rewrite_parts(_stated)))
