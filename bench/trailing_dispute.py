"""What others answered to a claim, taken off what is looked for: ``without_attribution`` with
``disputed`` off and on (``comment`` and ``saying`` on, as shipped), on development data only.

Stop 48's second fact-checker case (a health department's documents, /tmp/verify2_48):
``veracity analyze --index`` read "He also said the outbreak was caused by Carver City's water
supply, which health officials denied." **supported (0.90)**, decided by the health officer's
"... denied reports that the salmonella outbreak was caused by Carver City's water supply.": the
claim's own tail holds a denial word, so the denial guards read the claim as one that reports a
denial (``cues.denial_coverage`` is 0 and ``cues.denies`` skips it) and the passage that denies
it as one restating it. The tail is what another side answered, no part of what is claimed.
With ``disputed``, ``cues.without_attribution`` also takes off such a tail
(``cues._TRAILING_DISPUTE``: after the last comma, "which", who, up to three words, and a verb
that disputes what was said, denied / denies / disputed / disputes / contested / contests, ending
the sentence; the verb with its subject in the parse).

The bench rewrites each development claim as ``verify_claim`` would under each candidate (the
parts of bench/leading_attribution.py): the FNC-1 claim set's dev headlines are judged against
their bodies' passages retrieved for the rewritten claim, the CLIMATE-FEVER development claims
and the denial set's claims that a candidate rewrites are listed, to be read by hand.

Choice, fixed before the run (the stop-46 rule as the claim rewrites read it, 13:12 UTC): "on"
is wired only if the FNC-1 claim set's dev accuracy is not down more than 0.005 and no verdict
is newly inverted (an agreeing body refuted, a disagreeing one supported), no denial-set claim
is rewritten into another claim (the denial set keeps 0 supported and loses no confirmation),
and every CLIMATE-FEVER development rewrite new under "on", read by hand, keeps what the claim
states.

Usage: ``.venv/bin/python bench/trailing_dispute.py > results.json``.
"""

from __future__ import annotations

import sys

from leading_attribution import main, rewrite_parts  # bench/leading_attribution.py


def _stated(claim: str, name: str) -> str:
    from veracity.verify.cues import without_attribution

    return without_attribution(claim, disputed=name == "on")


if __name__ == "__main__":
    sys.exit(main(rewrite_parts(_stated)))
