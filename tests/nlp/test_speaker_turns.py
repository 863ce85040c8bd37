from veracity.nlp.speaker_turns import after_speaker_label, speaker_turns


def lines(text: str) -> list[str]:
    return [text[s:e] for s, e in speaker_turns(text)]


def test_a_label_that_opens_two_lines_marks_each_turn() -> None:
    text = (
        "Correctional Officer 1: We checked him in.\n"
        "Wife of C.O.: It is very scary.\n"
        "Correctional Officer 1: They moved him.\n"
        "Wife of C.O.: My husband is trying.\n"
        "The prison did not respond."
    )
    assert lines(text) == [
        "Correctional Officer 1: We checked him in.",
        "Wife of C.O.: It is very scary.",
        "Correctional Officer 1: They moved him.",
        "Wife of C.O.: My husband is trying.",
    ]


def test_a_label_once_or_a_colon_inside_a_sentence_is_no_turn() -> None:
    assert lines("Update: The road is open.\nThe mayor said: it is open.\nNote: none.") == []
    assert lines("The plan has two parts: roads and schools.\nThe plan has two parts: more.") == []


def test_the_speakers_words_begin_after_the_label() -> None:
    text = (
        "Mayor Paul: We are close.\nThe town waits.\nAnita: We are scared.\n"
        "Mayor Paul: We need tests.\nAnita: Yes."
    )
    assert after_speaker_label(text, 0) == len("Mayor Paul: ")
    assert after_speaker_label(text, text.index("The town")) is None


def test_rubrics_captions_fact_check_parts_and_dates_are_no_speakers() -> None:
    """Read off the corpora's repeated labels: "BREAKING:" 25 times in one PolitiFact page,
    "Fact:" and "Fiction:" in a Koirala myth list, "May 18:" in a ReCOVery timeline."""
    text = (
        "BREAKING: The bill passed.\nBREAKING: The bill was signed.\n"
        "Fact: Masks work.\nFiction: Masks harm you.\nFact: Soap works.\nFiction: Gin works.\n"
        "May 18: The lab closed.\nMay 18: The lab opened.\n"
        "Photograph: AP\nPhotograph: Reuters\n"
    )
    assert speaker_turns(text) == ()


def test_a_label_that_never_changes_or_changes_once_is_a_pages_device() -> None:
    """Read off the corpora: GossipCop slides' "Next: A source said ...", a Daily Mail page's
    captions "Amazing: ..." then "Dedicated: ...", "MORE: ..." over each link."""
    slides = "Next: A source said they feel fine.\nNext: This is what she said.\n"
    captions = "Amazing: She glowed.\nAmazing: She smiled.\nDedicated: He spent.\nDedicated: Yes.\n"
    assert speaker_turns(slides) == ()
    assert speaker_turns(captions) == ()
    assert len(speaker_turns("Q: Why?\nA: Because.\nQ: When?\nA: Soon.\n")) == 4


def test_a_lists_item_heads_are_no_speakers() -> None:
    """Read off the corpora (session 47 left them): a Koirala page's two numbered lists
    ("Step 1:" ... "Step 3:", twice) and a GossipCop page's "DO:" / "DON'T:" tips."""
    steps = (
        "Step 1: Wet your hands.\nStep 2: Lather them.\nStep 3: Rinse them.\n"
        "Step 1: Fill the bowl.\nStep 2: Add soap.\nStep 3: Soak the cloth.\n"
    )
    tips = "DO: Wash your hands.\nDON’T: Touch your face.\nDO: Stay home.\nDON'T: Share towels.\n"
    assert speaker_turns(steps) == ()
    assert speaker_turns(tips) == ()
    # numbered speakers take turns out of a list's order
    speakers = "Speaker 1: Hello.\nSpeaker 2: Hi.\nSpeaker 1: How are you?\nSpeaker 2: Fine.\n"
    assert len(speaker_turns(speakers)) == 4


def test_a_common_word_among_names_is_a_speaker() -> None:
    # George Will on ABC's This Week, beside the other panellists
    text = "WILL: Taxes rose.\nKRUGMAN: They fell.\nWILL: They rose.\nKRUGMAN: No.\n"
    assert len(speaker_turns(text)) == 4


def test_labels_are_tried_only_where_lines_open_and_found_as_a_search_finds_them() -> None:
    from veracity.nlp.speaker_turns import _LABEL, _line_labels

    texts = [
        "",
        "no label at all, one long line: a story copied whole. Q: inside a line. " * 40,
        "Q: Where were you?\nA: At home.\n\n  Q: Alone?\r\nA: Yes.\nMr. Lee: Then: this.\nA:",
        "\nTAPPER: Good morning.\nTRUMP: Thank you.\n\tTAPPER: Next?\nTRUMP:no space\nTRUMP: ",
        "Dr. Kamran Khan: There are 4 billion of us\n“Quote: not a label”\nWife of C.O.: Scary.\n",
    ]
    for text in texts:
        found = [(m.start(), m.end(), m.group(1)) for m in _line_labels(text)]
        assert found == [(m.start(), m.end(), m.group(1)) for m in _LABEL.finditer(text)]
    assert [m.group(1) for m in _line_labels(texts[2])] == ["Q", "A", "Q", "A", "Mr. Lee"]
