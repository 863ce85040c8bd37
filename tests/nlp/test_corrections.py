"""A correction notice's and a retraction's wording, read as taken back
(``veracity.nlp.corrections``)."""

from __future__ import annotations

import pytest

from veracity.nlp.corrections import retracted_sentences


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # probe s50 V1: a newspaper's retraction of its report about another rider
        (
            [
                "On 4 October we published a report claiming that Arctica-Vela rider Jonas Berg "
                "had also returned a positive doping test.",
                "That report was wrong and we retract it.",
            ],
            [True, False],
        ),
        # probe s50 V2: a correction notice's superseded wording, then the corrected one
        (
            [
                "Correction: An earlier version of this story said the sample was collected at "
                "the Tour of Norway in June.",
                "It was collected at the Tour of Denmark on Aug. 14.",
            ],
            [True, False],
        ),
        (
            [
                "The mayor said on Monday that the library would close in May.",
                "The story was false.",
                "We have withdrawn the article and apologise to readers.",
            ],
            [True, True, False],
        ),
        (
            [
                "A post shared 40,000 times says the dam has burst.",
                "That claim is untrue, the water authority said.",
            ],
            [True, False],
        ),
        # no retraction: a report named without being disowned, a verdict on something else
        (
            [
                "The council published its report on Monday.",
                "That report was welcomed by residents.",
                "The bridge will reopen in May.",
            ],
            [False, False, False],
        ),
        (["The minister said the figures were wrong.", "Prices rose 3 percent."], [False, False]),
        (["(APPLAUSE)", "If elected, we withdraw our troops from the region."], [False, False]),
    ],
)
def test_retracted_sentences_are_a_notices_error_and_what_the_next_sentence_disowns(
    sentences: list[str], expected: list[bool]
) -> None:
    assert retracted_sentences(sentences) == expected
