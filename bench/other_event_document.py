"""A passage of another event inside a document that disputes the claim: its own reading kept
(``verdict.SHIPPED_OTHER_EVENT_OWN``, "on") or its document's ("off", shipped), on development
data only. Stop 49: "on" fails the rule below (11 FNC-1 dev disagreeing bodies lose their right
refutation); the switch stays off.

Probe s49 (V1, tests/fixtures/fire_case): ``veracity analyze article.txt --index ...`` read
"The Health and Safety Executive has opened an investigation into the fire." **refuted (0.90)**,
decided by the fire service's "The cause of the fire is still under investigation and it is too
early to say how it started.": the head reads it agree 0.90 on the shared word; the passage's own
guard reads another event (it names none of the Health and Safety Executive: "never counted as
support"), but :func:`verdict.bounded_stance` bounds the head's row by the document's reading
first, and the fire service statement reads disagree 0.33 (at least ``refute_from`` 0.2), so the
head's support became refutation: a passage that is no support of the claim counted against it.
With "on", a passage whose own guard is "other_event" keeps its own reading (as one that denies
something else or only cautions does).

Choice, fixed before the run (written at 16:53 UTC, before it began): "on" is wired only if it
keeps the denial set at 0 denied claims supported and loses no confirmation there or among the
dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off"
(shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted
verdict (an agreeing body refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/denial_beside.py's.

Usage: ``.venv/bin/python bench/other_event_document.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_OTHER_EVENT_OWN"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
