"""Plain text files and stdin: decoding, cleaning, title detection and bad input."""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from veracity.errors import InputError, InputTooLargeError, SourceNotFoundError
from veracity.ingest import article_from_bytes, article_from_text, load_article
from veracity.ingest.text import clean_text

TEXT = (
    "Café owners protest new “green” rules\n\n"
    "The café owners of Nîmes said on Tuesday that the rules were unfair – and costly."
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_legacy_and_unicode_encodings_decode(encoding: str) -> None:
    article = article_from_bytes(TEXT.encode(encoding))
    assert article.title == "Café owners protest new “green” rules"
    assert article.body.endswith("unfair – and costly.")


@pytest.mark.data
def test_english_whose_only_other_bytes_are_curly_quotes_is_read_as_windows_1252(
    seed_text: str,
) -> None:
    # detection ranked a DOS code page first: "Russia’s" read as "Russiaĺs" (cp852) and the
    # score moved; 32 of 475 corpus articles saved as Windows-1252 with bytes over 127 were
    # read wrong, 2 now
    assert article_from_bytes(seed_text.encode("cp1252")) == article_from_text(seed_text)


def test_a_central_european_windows_code_page_keeps_its_letters() -> None:
    czech = (
        "Vláda ve středu schválila návrh zákona o státním rozpočtu. Podle ministra financí by "
        "schodek měl příští rok klesnout pod tři procenta hrubého domácího produktu. Opozice "
        "kritizuje škrty ve školství a zdravotnictví, které podle ní ohrozí kvalitu služeb."
    )
    assert article_from_bytes(czech.encode("cp1250")).text == czech


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        ("Grève à Paris\n\nLes employés de la société ont arrêté le travail à midi. " * 3).encode(
            "latin-1"
        )
    )
    article = load_article(path)
    assert article.title == "Grève à Paris"
    assert "employés" in article.body and "arrêté" in article.body


def test_whitespace_and_control_characters_are_cleaned() -> None:
    article = article_from_text(
        "  Storm   hits\tthe coast \r\n\r\n\r\n\r\nWinds\u200b of 120 km/h\x07 hit the town.  "
    )
    assert article.text == "Storm hits the coast\n\nWinds of 120 km/h hit the town."
    assert article.body_start == len("Storm hits the coast\n\n")


def test_blank_runs_become_one_space_and_single_spaces_stay() -> None:
    assert clean_text("a b\u00a0c\td \t e\u00a0\u00a0f") == "a b c d e f"
    assert clean_text(" one two three ") == "one two three"


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    article = article_from_text("The storm hit the coast on Monday.\nWinds reached 120 km/h.")
    assert article.title is None
    assert article.body_start == 0


@pytest.mark.parametrize(
    "first",
    [
        # lead paragraphs of GossipCop and ReCOVery articles, read as headlines: 347 of 15,017
        # articles' bodies opened with a line that ends in a full stop inside closing quotes
        "Lady Gaga hit the stage at Coachella on Saturday night, debuting a new single, "
        '"The Cure."',
        "HBO has closed deals with four different writers to explore multiple possible spinoffs "
        "of “Game of Thrones.”",
        "Pete Davidson is best known for his work on 'Saturday Night Live.'",
        "(The minister spoke to reporters on Tuesday.)",
        # a dateline leads into the first sentence (22 of them)
        "SAN FRANCISCO (AP) —",
        "BERKELEY, Calif. (KCRA) -",
    ],
)
def test_a_first_line_ending_as_a_sentence_or_a_dateline_is_not_a_title(first: str) -> None:
    article = article_from_text(f"{first}\n\nThe rest of the story follows on the next line.")
    assert article.title is None
    assert article.text.startswith(first)


def test_a_headline_with_quotes_or_brackets_is_still_a_title() -> None:
    for title in (
        "Obama signs “Right to Try” bill",
        "Trump on taxes: 'I'm smart'",
        "Black Protester Shuts Down Fox Reporter On Live TV (VIDEO)",
        "Is this the end of the road?",
    ):
        article = article_from_text(f"{title}\n\nThe president spoke on Tuesday.")
        assert article.title == title


def test_a_title_cased_headline_ending_in_a_full_stop_is_a_title() -> None:
    """Probe s45: the NYT's headline was read as body text and the article as untitled."""
    title = "He Was a Science Star. Then He Promoted a Questionable Cure for Covid-19."
    body = "When diagnosing the ills afflicting modern science, Didier Raoult quotes Nietzsche."
    article = article_from_text(f"{title}\n\n{body}")
    assert article.title == title
    assert article.text.endswith(body) and title not in article.text[article.body_start :]


@pytest.mark.parametrize(
    "first",
    [
        # a lead sentence, in sentence case, standing alone above the next paragraph
        "The storm hit the coast on Monday and left thousands without power.",
        # a name line, too short to tell from a headline; a shouted lead sentence
        "Johnny C. Taylor Jr.",
        "WITH THE MIGRANT CRISIS GROWING WORSE, MANY DOUBT THAT EUROPE WILL SURVIVE.",
    ],
)
def test_a_line_ending_in_a_full_stop_that_is_no_headline_is_not_a_title(first: str) -> None:
    article = article_from_text(f"{first}\n\nThe rest of the story follows.")
    assert article.title is None
    assert article.text.startswith(first)


def test_a_headline_of_sentences_over_a_byline_is_a_title() -> None:
    """Probe s49 U2: an op-ed's two-sentence headline over its byline was "Untitled article"."""
    title = "The four-day week is not a luxury. It is overdue."
    body = "By Priya Raman\n\nEvery generation is told that the working week is a law of nature."
    article = article_from_text(f"{title}\n\n{body}")
    assert article.title == title
    # a lead sentence over the next paragraph, not a byline, stays the body's
    lead = "The storm hit the coast on Monday. Thousands lost power."
    article = article_from_text(f"{lead}\n\nBy the evening, crews had reached the town.")
    assert article.title is None


@pytest.mark.parametrize(
    "tag", ["FOR IMMEDIATE RELEASE", "Press Release", "EMBARGOED UNTIL 00:01 GMT, 5 May 2026"]
)
def test_a_press_releases_distribution_line_is_no_title(tag: str) -> None:
    """Probe s49 U2: "FOR IMMEDIATE RELEASE" was a press release's title, and its headline
    under it body text read as the opening."""
    title = "NovaCell Therapeutics Announces Positive Topline Results from Phase 2 Trial"
    body = "BOSTON, Nov. 18, 2026 -- NovaCell Therapeutics today announced topline results."
    article = article_from_text(f"{tag}\n\n{title}\n\n{body}")
    assert article.title == title
    assert tag not in article.text


def test_a_title_cased_line_running_on_into_the_paragraph_is_not_a_title() -> None:
    first = "He Was a Science Star. Then He Promoted a Questionable Cure for Covid-19."
    article = article_from_text(f"{first}\nThe rest of the story follows.")
    assert article.title is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  ", "empty"),
        (PNG + bytes(range(256)) * 8, "binary"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
    ],
)
def test_bad_bytes_are_input_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        article_from_bytes(data)


def test_random_bytes_are_refused() -> None:
    noise = bytes((i * 7919 + 13) % 251 + 5 for i in range(4000)).replace(b"\n", b"")
    with pytest.raises(InputError):
        article_from_bytes(noise + b"\x00")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError, match="no such file"):
        load_article(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_article(tmp_path)
    with pytest.raises(InputError, match="no input given"):
        load_article("")


def test_file_over_the_size_limit(tmp_path: Path, override_settings) -> None:
    override_settings(max_input_bytes=1_000)
    path = tmp_path / "big.txt"
    path.write_text("A headline here\n\n" + "All work and no play. " * 100, encoding="utf-8")
    with pytest.raises(InputTooLargeError, match="over the limit of 1,000 bytes"):
        load_article(path)
    with pytest.raises(InputTooLargeError):
        article_from_text(path.read_text(encoding="utf-8"))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("cp1252"))))
    assert load_article("-").title == "Café owners protest new “green” rules"


def test_stdin_over_the_limit_stops_reading(
    monkeypatch: pytest.MonkeyPatch, override_settings
) -> None:
    override_settings(max_input_bytes=100)
    stream = io.BytesIO(b"word " * 10_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    with pytest.raises(InputTooLargeError, match="standard input is over the limit of 100 bytes"):
        load_article("-")
    assert stream.tell() == 101


def test_only_furniture_is_an_input_error() -> None:
    with pytest.raises(InputError, match="only site furniture"):
        article_from_text("Leave a Reply\nYour email address will not be published.\nPost Comment")


def test_invisible_characters_inside_latin_words_are_dropped_elsewhere_kept() -> None:
    """Audit: a joiner, soft hyphen or direction override inside words hid them from the
    models and the signal detectors."""
    assert clean_text("Rus\u200dsia ex\u00adperts are con\u202evin\u2062ced 2\u200e0") == (
        "Russia experts are convinced 20"
    )
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # an emoji ZWJ sequence
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ is spelling in Persian
    assert clean_text(f"{family} {persian} a\u200f b") == f"{family} {persian} a\u200f b"


# Hostile round 13: characters a browser draws as nothing that the set above missed (each
# measured in Chromium: "Vac_cines" as wide as "Vaccines"); one in every word of the example
# article took it from 12 signals to 2 and its score from 0.15 (unreliable) to 0.47.
DRAWN_AS_NOTHING = {
    "tag latin small a": "\U000e0061",
    "tag space": "\U000e0020",
    "combining grapheme joiner": "\u034f",
    "variation selector-1": "\ufe00",
    "variation selector-17": "\U000e0100",
    "khmer inherent aq": "\u17b4",
    "mongolian free variation selector one": "\u180b",
    "musical symbol begin beam": "\U0001d173",
}


@pytest.mark.parametrize("mark", DRAWN_AS_NOTHING.values(), ids=DRAWN_AS_NOTHING.keys())
def test_characters_drawn_as_nothing_inside_latin_words_are_dropped_elsewhere_kept(mark: str):
    assert clean_text(f"Vac{mark}cines cause au{mark}{mark}tism in 20{mark}21") == (
        "Vaccines cause autism in 2021"
    )
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # Scotland
    keycap, heart = "1\ufe0f\u20e3", "\u2764\ufe0f"  # variation selectors after their own marks
    mongolian = "\u182a\u180b\u1820"  # a variation selector between Mongolian letters
    kept = f"{flag} {keycap} {heart} {mongolian} a{mark} b"
    assert clean_text(kept) == kept


def test_characters_drawn_as_nothing_in_every_word_do_not_change_the_report() -> None:
    from veracity.pipeline import analyze

    text = (Path(__file__).resolve().parents[2] / "examples" / "example-article.txt").read_text(
        encoding="utf-8"
    )
    plain = analyze(article_from_text(text), depth="fast")
    for mark in ("\U000e0020", "\u034f", "\ufe00"):
        hidden = re.sub(r"\b([A-Za-z]{2})(?=[A-Za-z]{2})", r"\g<1>" + mark, text)
        assert hidden != text
        disguised = analyze(article_from_text(hidden), depth="fast")
        assert disguised.text == plain.text
        assert disguised.signal_counts == plain.signal_counts


@pytest.mark.data
def test_invisible_characters_in_words_do_not_change_the_seed_report(seed_text: str) -> None:
    from veracity.pipeline import analyze

    hidden = "".join(
        ch + (mark if ch.isalpha() and seed_text[i + 1 : i + 2].isalpha() and i % 4 == 0 else "")
        for i, ch in enumerate(seed_text)
        for mark in ("\u200d\u00ad\u202e"[i % 3],)
    )
    assert hidden != seed_text
    plain = analyze(article_from_text(seed_text), depth="fast")
    disguised = analyze(article_from_text(hidden), depth="fast")
    assert plain.reliability is not None and disguised.reliability is not None
    assert disguised.reliability.score == pytest.approx(plain.reliability.score)
    assert disguised.signal_counts == plain.signal_counts


@pytest.mark.parametrize(
    ("url", "domain", "stored_url", "stored_domain"),
    [
        ("http://x.example/a\x00b c", "x.example", "http://x.example/a%00b%20c", "x.example"),
        ("http://" + "a" * 300 + ".com/x", "a" * 300 + ".com", None, None),
        ("http://x\x00y.example/", "x\x00y.example", "http://x%00y.example/", None),
        (
            "https://bbc.co.uk/news?q=1#top",
            "bbc.co.uk",
            "https://bbc.co.uk/news?q=1#top",
            "bbc.co.uk",
        ),
        # round 6, attack 7: C1 controls and direction characters are encoded as controls are
        (
            "https://x.example/a\x9b2J\u202ekcatta\u200b",
            "x.example",
            "https://x.example/a%C2%9B2J%E2%80%AEkcatta%E2%80%8B",
            "x.example",
        ),
        (
            "https://bbc.co.uk\u202e.evil.example/",
            "bbc.co.uk\u202e.evil.example",
            "https://bbc.co.uk%E2%80%AE.evil.example/",
            None,
        ),
        ("https://x\x85y.example/", "x\x85y.example", "https://x%C2%85y.example/", None),
        ("https://例え.テスト/", "例え.テスト", None, "例え.テスト"),
    ],
)
def test_a_source_url_holds_no_control_characters_and_a_domain_is_a_host_name(
    url: str, domain: str, stored_url: str | None, stored_domain: str | None
) -> None:
    """Hostile round 3: a batch row's URL reached the store as given, and one with a NUL or a
    300-character host stopped `veracity batch --store` on PostgreSQL (exit 9, no output)."""
    article = article_from_text(
        "Water rates rise\n\nThe council voted.", source_url=url, source_domain=domain
    )
    assert article.source_url == (stored_url or url)
    assert article.source_domain == stored_domain


def test_c1_controls_are_dropped_and_nel_is_a_line_break() -> None:
    """Hostile round 3: C1 controls went through to the terminal summary, where CSI (U+009B)
    and OSC (U+009D) act as ESC [ and ESC ] do (clear the screen, set the window title)."""
    text = "Shocking \x9b2J\x9d0;pwned\x9c news\x85\x85Experts say \x9b31mso\x9b0m."
    assert clean_text(text) == "Shocking 2J0;pwned news\n\nExperts say 31mso0m."


def test_direction_overrides_and_embeddings_are_dropped_anywhere() -> None:
    """Hostile round 3: an override after a space was kept, and in the HTML report it
    reversed veracity's own words after a claim: "(check-worthiness 0.87)" read
    "(78.0 ssenihtrow-kcehc)" in Chromium. Marks and isolates stay."""
    text = "The mayor lied \u202e to us \u202d\u202a\u202b\u202c. \u2067\u05e9\u05dc\u05d5\u05dd\u2069 a\u200f b"
    assert (
        clean_text(text) == "The mayor lied to us . \u2067\u05e9\u05dc\u05d5\u05dd\u2069 a\u200f b"
    )
    article = article_from_text("Council lied \u202e\n\nThe mayor lied to us \u202e today.")
    assert "\u202e" not in article.text and article.title == "Council lied"


@pytest.mark.parametrize(
    ("signature", "after"),
    [
        ("— Donald J. Trump (@realDonaldTrump) September 17, 2016", "Most of us would not."),
        ("— NSW Police (@ nswpolice) December 15, 2014”", "The siege is over."),
        (
            "A post shared by Priyanka Chopra (@priyankachopra) on May 18, 2018 at 11:58am PDT",
            "Priyanka will be one of the very few Indian faces there.",
        ),
    ],
)
def test_an_embedded_posts_signature_ends_its_paragraph(signature: str, after: str) -> None:
    """A pasted page ran the next sentence on after a tweet's signature, so both sentence
    splitters glued them (628 signatures in 209 articles of the article corpora, 218 in 89 of
    BuzzFeed-Webis) and a signal or claim span ran across the two."""
    from veracity.nlp import analyse_text

    article = article_from_text(f"Intro.\n\nA tweet https://t.co/x {signature} {after}")
    assert article.text.endswith(f"{signature}\n\n{after}")
    for depth in ("fast", "deep"):
        sentences = [s.text for s in analyse_text(article, depth).sentences]  # type: ignore[arg-type]
        assert after in sentences, (depth, sentences)


@pytest.mark.parametrize("zone", ["PDT", "PST", "EDT"])
def test_a_signature_ending_its_line_keeps_its_time_zone(zone: str) -> None:
    """A signature that ended its line was split before its zone, which stood as a line of
    its own ("PDT" 503 times, "PST" 148, in 357 articles of the article corpora)."""
    signature = (
        f"A post shared by Jessica Simpson (@jessicasimpson) on Apr 28, 2018 at 11:29am {zone}"
    )
    article = article_from_text(
        f"Intro.\n\nLoading...\n\n{signature}\n\nTo debunk the rumors, we called."
    )
    assert f"{signature}\n\nTo debunk" in article.text
    assert f"\n{zone}\n" not in article.text


# Probe s44: mojibake stayed ("Yorkâs": UTF-8 read as Latin-1 before it reached veracity, its C1
# controls then dropped). ftfy's encoding repair reads it as written; text that only has the
# letters mojibake is made of stays as it is.
@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("New York\u00e2\u0080\u0099s mayor said so.", "New York’s mayor said so."),
        ("New York\u00e2\u20ac\u2122s mayor said so.", "New York’s mayor said so."),
        (
            "He called it \u00e2\u0080\u009cfake\u00e2\u0080\u009d twice.",
            "He called it “fake” twice.",
        ),
        ("Adri\u00c3\u00a1n Peterson ran for 80 yards.", "Adrián Peterson ran for 80 yards."),
        (
            "The Théâtre du Châtelet reopened in Besançon.",
            "The Théâtre du Châtelet reopened in Besançon.",
        ),
        (
            "They met at the ch\u00e2teau \u2014 “twice”.",
            "They met at the ch\u00e2teau \u2014 “twice”.",
        ),
    ],
)
def test_mojibake_is_repaired(text: str, repaired: str) -> None:
    assert clean_text(text) == repaired
    # a file's bytes: the article's text and its title
    written = f"Mayor speaks at {text[:12]}\n\n{text} The council met on Monday."
    article = article_from_bytes(written.encode("utf-8"))
    assert article.title == clean_text(f"Mayor speaks at {text[:12]}")
    assert article.text.endswith(f"\n\n{repaired} The council met on Monday.")


def test_a_long_run_of_combining_marks_is_cut_and_read_in_linear_time() -> None:
    """Hostile round 17, attack 6: NFC puts a run of combining marks in canonical order by an
    insertion sort, quadratic in the run's length, so one letter under 80,000 marks in falling
    order (a 480 KB API body) took 51 s to analyse, and the input limit allowed some 2 million.
    A run keeps its first 30 marks (Unicode's stream-safe limit); text in NFC, and accents as
    languages write them, are read as before."""
    import time

    marks = "".join(mark * 10_000 for mark in ("\u0345", "\u0301", "\u0316", "\u0334"))
    started = time.process_time()
    cleaned = clean_text("Officials said the budget passed. A" + marks + " b")
    assert time.process_time() - started < 1.0  # 3.7 s before, on a loaded machine
    assert cleaned == clean_text("Officials said the budget passed. A" + marks[:30] + " b")
    assert len(cleaned) == len("Officials said the budget passed. A") + 30 + 2
    for text in (
        "Tiếng Việt có dấu: người, được, những",  # composed
        "Tie\u0302\u0301ng Vie\u0323\u0302t",  # decomposed, two marks a letter
        "བོད་ཡིག་ཀྲྀ་",  # Tibetan vowel signs and stacks
        "שָׁלוֹם",  # Hebrew points
    ):
        assert clean_text(text) == unicodedata.normalize("NFC", text)
