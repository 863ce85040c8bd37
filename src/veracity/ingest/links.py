"""Lines of an article that point to other stories, not the article's own claims: a link with
its label ("RELATED: Luann de Lesseps Checks Herself into Alcohol Treatment Center", "WATCH:
...", "SEE ALSO: ...") and the headlines listed under a heading such as "Related", "Read more:",
"Top stories" or "More from CNN".

Site furniture removal (:mod:`veracity.ingest.boilerplate`) cuts a related-posts part that ends
the article, drops short furniture lines and a "Related" or "Read more" heading with the
headlines listed under it, but a link inside the article keeps its words, and other headings
("Top stories", "More from CNN") stay with their headlines: each was scored as a claim of the
article. In the news corpora 1,475 of 19,277 articles have such lines (2,688 lines; 60 read: links
or listed headlines); of 120 of them, 62 had one among their check-worthy triage rows, and on
the deep path 18 of 40 had a claim from one. Claims leave them out: triage reads the input's
lines, so it finds every heading; the deep and fast paths read the article after ingest, which
has dropped a "Related" or "Read more" heading and its list, so only the labelled links and the
lists under the headings it keeps ("Top stories", "More from ...") are found there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

# A heading over a list of links, alone on its line.
_LINK_HEADING = re.compile(
    r"(?:top stories|top news|most (?:read|popular|viewed|shared)|more (?:from|on) [^:.!?]{1,40}"
    r"|more on this story|related(?: (?:posts?|articles?|stories|story|news|content|coverage"
    r"|reading|links|videos?|gallery|topics))?|read more|read also|also read|see also"
    r"|more (?:stories|news|headlines|videos)|recommended(?: for you| stories| reading)?"
    r"|trending(?: now| stories)?|latest (?:news|stories|headlines)|popular (?:now|stories|posts)"
    r"|you (?:may|might) also like|editor'?s'? picks|further reading|don'?t miss|up next"
    r"|what to read next)\s*:?",
    re.IGNORECASE,
)
# A link with its label, then the other story's headline, on one line; the space after the
# colon may be missing, as USA Today's pages lose it ("More:Trump threatens to permanently cut
# WHO funding ...", "Read more:...": 122 lines of 61 articles in ReCOVery and FakeNewsNet).
_LABELLED_LINK = re.compile(
    r"(?:related(?: (?:posts?|articles?|stories|story|news|content|coverage|links?|videos?))?"
    r"|read more|read also|also read|see also|read|must read|more|(?:now )?watch|video|photos"
    r"|listen"
    r"|don'?t miss|more (?:from|on) [^:.!?]{1,40})\s*:\s*\S",
    re.IGNORECASE,
)
# A headline: no more words than this, and no full stop at its end (a question or an
# exclamation may end one).
_HEADLINE_WORDS = 25
_LINK_WORDS = 30


def _is_headline(line: str) -> bool:
    return len(line.split()) <= _HEADLINE_WORDS and not line.rstrip().endswith(".")


def link_line_indices(lines: Sequence[str]) -> set[int]:
    """The indices of ``lines`` that point to other stories: a labelled link ("RELATED: ...")
    of at most :data:`_LINK_WORDS` words, and a heading over links with the headlines under it
    (blank lines between them allowed), up to the first line that is no headline."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if _LINK_HEADING.fullmatch(line):
            found.add(index)
            index += 1
            while index < len(lines) and (not lines[index].strip() or _is_headline(lines[index])):
                if lines[index].strip():
                    found.add(index)
                index += 1
            continue
        if _LABELLED_LINK.match(line) and len(line.split()) <= _LINK_WORDS:
            found.add(index)
        index += 1
    return found


class LinkLines(NamedTuple):
    """The lines of one text that point to other stories, found by character offset."""

    starts: list[int]  # where each line of the text starts
    indices: set[int]  # the lines that point to other stories

    def covers(self, offset: int) -> bool:
        """Whether the character at ``offset`` is on a line that points to another story."""
        return bool(self.indices) and bisect.bisect_right(self.starts, offset) - 1 in self.indices


def link_lines(text: str) -> LinkLines:
    """:func:`link_line_indices` of ``text``'s lines, to ask by character offset."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return LinkLines(starts, link_line_indices(lines))
