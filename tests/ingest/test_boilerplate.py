"""Site furniture removal on plain text: edges, section breaks, isolated lines; prose stays."""

from __future__ import annotations

import pytest

from veracity.errors import InputError
from veracity.ingest import article_from_text, load_article
from veracity.ingest.boilerplate import (
    is_furniture,
    strip_ad_slots,
    strip_boilerplate,
    strip_inline_furniture,
)

BODY = (
    "The council approved the budget on Monday after a four-hour debate.\n\n"
    "Opposition members said the plan cut library funding by a third, which the mayor denied."
)


@pytest.mark.data
def test_seed_article_loses_its_comment_form(data_dir) -> None:
    seed = data_dir.parent / "examples" / "seed-article.txt"
    article = load_article(seed)
    assert article.title.startswith("Russia Kills 30 US")
    assert article.text.endswith("but experts are convinced that it is.")
    assert "Add a Comment" not in article.text
    assert "Required fields" not in article.text
    lines = seed.read_text(encoding="utf-8").strip().splitlines()
    assert lines[-1].startswith("Your email address") and lines[-3] == "Add a Comment"


def test_example_article_keeps_its_call_to_share(example_text: str) -> None:
    """A real (manipulative) sentence containing "share" is content, not a share button."""
    article = article_from_text(example_text)
    assert article.text.endswith(
        "Share this article with everyone you love before it gets deleted!"
    )


@pytest.mark.parametrize(
    "tail",
    [
        "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
        "Comment\nName *\nEmail *\nWebsite\nSave my name, email, and website in this browser for "
        "the next time I comment.\nPost Comment",
        "Share this:\nClick to share on Twitter (Opens in new window)\n"
        "Click to share on Facebook (Opens in new window)\nLike this:\nLike Loading...",
        "Related Posts\nTen things the mayor will not tell you\nWhy the budget is a scandal",
        "Posted in Politics, Local News\nTagged: budget, council, library",
        "We use cookies to ensure that we give you the best experience on our website. If you "
        "continue to use this site we will assume that you are happy with it.\nOk",
        "Subscribe to our newsletter\nSign up for the Morning Briefing",
        "3 Comments\nJohn says: This is outrageous, the mayor must resign now.\nReply",
        "Facebook\nTwitter\nWhatsApp\nEmail",
        "© 2024 Daily Planet. All rights reserved.",
    ],
)
def test_trailing_furniture_is_removed(tail: str) -> None:
    assert strip_boilerplate(f"{BODY}\n\n{tail}") == BODY


@pytest.mark.parametrize(
    "head",
    [
        "Skip to content\nHome\nNews\nPolitics",
        "We use cookies on this website. By continuing you agree to our cookie policy.\nAccept all",
        "Menu\nSearch",
    ],
)
def test_leading_furniture_is_removed(head: str) -> None:
    assert strip_boilerplate(f"{head}\n{BODY}") == BODY


def test_isolated_furniture_inside_the_text_is_removed() -> None:
    first, second = BODY.split("\n\n")
    text = (
        f"{first}\n\nAdvertisement\n\n{second}\n"
        f"Click to share on Twitter (Opens in new window)\nRead more:\n\n{first}"
    )
    assert strip_boilerplate(text) == f"{first}\n\n{second}\n\n{first}"


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices fell by 4% after the announcement.",
        "Shareholders will vote on the merger in June.",
        "Comments made by the minister on Friday caused outrage.",
        "Published in Nature, the study found no link between the vaccine and autism.",
        "Tagged as a terrorist by the regime, he fled to Turkey in 2015.",
        "Sign up for the army, the poster said, and see the world.",
        "Related reporting by the BBC showed the same pattern.",
        "Subscribers to the paper received the story a day earlier.",
        "Twitter users shared the video millions of times.",
        "Copyright lawyers say the ruling changes everything.",
    ],
)
def test_real_sentences_are_kept(sentence: str) -> None:
    assert not is_furniture(sentence)
    assert strip_boilerplate(f"{BODY}\n\n{sentence}") == f"{BODY}\n\n{sentence}"
    assert strip_boilerplate(f"{sentence}\n\n{BODY}") == f"{sentence}\n\n{BODY}"


# A list of links under a heading in the article's first half, as the celebrity corpora have it
LINKED_LIST = (
    "Gwyneth Paltrow has confirmed her engagement to Brad Falchuk, her representative said.\n\n"
    "The couple met on the set of Glee in 2010 and have been dating since 2014.\n\n"
    "{heading}\n\n"
    "* Gwyneth Paltrow confirms engagement\n\n"
    "* Gwyneth Paltrow 'engaged to Brad Falchuk'\n\n"
    "* Paltrow and Martin finalise divorce after 'conscious uncoupling'\n"
    "Is this the end of Hollywood's golden couple?\n\n"
    "Paltrow, 45, announced the news in an interview with Goop magazine on Monday.\n\n"
    "She was previously married to Coldplay's Chris Martin for more than a decade.\n\n"
    "The two finalised their divorce in 2016 and remain friends, she said in the interview."
)


@pytest.mark.parametrize("heading", ["READ MORE:", "Related", "Related stories:", "See also"])
def test_links_listed_under_a_heading_go_with_it(heading: str) -> None:
    """The heading goes, and so do the headlines under it: the article's own sentences stay."""
    text = LINKED_LIST.format(heading=heading)
    stripped = strip_boilerplate(text)
    assert heading not in stripped
    assert "Paltrow confirms engagement" not in stripped
    assert "conscious uncoupling" not in stripped and "golden couple" not in stripped
    kept = [line for line in text.split("\n") if line.strip() and line.endswith(".")]
    assert stripped == "\n\n".join(kept)


def test_a_sentence_under_a_link_heading_stays() -> None:
    first, second = BODY.split("\n\n")
    text = f"{first}\n\nRelated\n{second}\n\nRead more:\n\n{first}\n\n{second}"
    assert strip_boilerplate(text) == f"{first}\n\n{second}\n\n{first}\n\n{second}"


def test_early_share_bar_does_not_end_the_article() -> None:
    """A section break in the first half is a share bar under the headline, not the end."""
    text = f"Council passes budget\nShare this:\nFacebook\nTwitter\n{BODY}"
    assert strip_boilerplate(text) == f"Council passes budget\n{BODY}"


# A GossipCop story (gossipcop-2887233910) as the corpus has it: a "RELATED:" widget in its second
# half whose link the copy lost, then the rest of the story.
STORY_BEFORE_WIDGET = (
    "Now, according to a report by In Touch, Brad has won a major victory in the wake of their "
    "bitter split.\n\n"
    "After months of biding his time, Brad's waiting has finally paid off!\n\n"
    "'To Brad's delight, Angelina has decided to let the majority of the children, who have "
    "summer camps and a slew of other activities in the works, stay in LA with their father "
    "while she's in Britain filming Maleficent 2.'\n\n"
    "Brad was reportedly livid when Angelina told him she'd found a home in London to live in "
    "with all six children while she filmed the Disney sequel, 'but to keep him from fighting "
    "her on it,' a friend tells, 'she promised Brad that he could spend longer periods with "
    "their children.'\n\n"
    "In Touch's report claims that's what their children want too."
)
STORY_UNDER_WIDGET = (
    "The 54-year-old actor, 'couldn't be happier' according to In Touch, because now he knows "
    "he'll have his quality time with all six children.\n\n"
    "In Touch's report further reveals Brad's already preparing his LA home.\n\n"
    "'He gets such enjoyment out of seeing them cut loose at their amusement park-like former "
    "home,' the friend tells the publication.\n\n"
    "Neither Brad or Angelina have responded to In Touch's report."
)


@pytest.mark.parametrize("heading", ["RELATED:", "Related Stories", "You may also like"])
def test_a_link_heading_over_the_storys_own_paragraphs_does_not_end_it(heading: str) -> None:
    """Under a link heading whose links the copy lost, the story's next paragraphs stay; the
    heading goes (before, everything from the heading on went: 121 of the story's 273 words)."""
    text = f"{STORY_BEFORE_WIDGET}\n\n{heading}\n\n{STORY_UNDER_WIDGET}"
    assert text.index(heading) > len(text) / 2  # where a section break ends an article
    assert strip_boilerplate(text) == f"{STORY_BEFORE_WIDGET}\n\n{STORY_UNDER_WIDGET}"


@pytest.mark.parametrize(
    "after",
    [
        # headlines (koirala-1045-1004's ends in a question mark)
        "Wildfires close the coastal road\nWhy the budget is a scandal",
        # one teaser, its headline run into its excerpt (koirala-162-51)
        "Coronavirus Contains HIV Insertions: Claim Stokes Fears For the past two weeks "
        "mainstream media reporting of the epidemic has been getting more and more hysterical.",
        # a headline that ends in a full stop over another headline
        "Billy Joel wore a yellow Jewish star. Thanks, but the trend should stop there.\n"
        "Ten things the mayor will not tell you",
    ],
)
def test_a_link_heading_over_other_stories_still_ends_the_article(after: str) -> None:
    text = f"{STORY_BEFORE_WIDGET}\n\nRELATED:\n{after}"
    assert strip_boilerplate(text) == STORY_BEFORE_WIDGET


def test_title_is_detected_after_furniture_is_gone() -> None:
    article = article_from_text(
        f"Skip to content\nMenu\nCouncil passes budget\n\n{BODY}\n\nComments"
    )
    assert article.title == "Council passes budget"
    assert article.body == BODY


def test_furniture_removal_can_be_turned_off() -> None:
    text = f"{BODY}\n\nLeave a Reply"
    assert article_from_text(text, detect_title=False, remove_boilerplate=False).text == text


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Read more: Calvin Harris parties in Malibu", True),
        ("Read more from Yahoo Lifestyle:", True),
        ("Read more reactions to Berry's death from Hollywood below:", False),
        ("Click to email this to a friend (Opens in new window)", True),
        ("Share Tweet Email", True),
        ("RELATED CONTENT:", True),
        ("Posted in Politics, Local News", True),
        ("Posted in a hurry, the letter arrived late.", False),
    ],
)
def test_line_classifier(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def test_short_text_keeps_its_headline() -> None:
    assert strip_boilerplate("Home\nStorm hits the coast\nShare") == "Storm hits the coast"


PAYWALL_OFFER = (
    "You have reached your limit of free articles this month. Subscribe now to get unlimited "
    "access to award-winning journalism, exclusive newsletters and our daily puzzles. Already a "
    "subscriber? Log in to continue reading.\n\n"
    "Get unlimited digital access for just $1 a week for the first year. Cancel anytime.\n\n"
    "Need help? Contact our customer service team."
)


@pytest.mark.parametrize(
    "prompt",
    [
        "Subscribe to continue reading",
        "To continue reading, please log in or subscribe.",
        "You’ve reached your monthly free article limit.",
        "This article is only available to subscribers. Already have an account? Sign in.",
    ],
)
def test_a_paywall_prompt_ends_the_article_wherever_it_sits(prompt: str) -> None:
    # the teaser is a third of the page: a section break there would not end the article
    page = f"Council passes budget\n\n{BODY}\n\n{prompt}\n\n{PAYWALL_OFFER}"
    article = article_from_text(page)
    assert article.title == "Council passes budget"
    assert article.body == BODY


def test_a_paywall_page_is_no_article() -> None:
    with pytest.raises(InputError, match="only site furniture"):
        article_from_text(f"Subscribe to continue reading\n\n{PAYWALL_OFFER}")


def test_a_sentence_about_a_paywall_is_prose() -> None:
    text = (
        f"{BODY}\n\nReaders who hit the site's free article limit see a prompt to subscribe to "
        "continue reading, the editor said."
    )
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "Scroll down for video",
        "Story continues below advertisement",
        "Advertisement Continue reading the main story",
        "ADVERTISEMENT - CONTINUE READING BELOW",
        "Post continues below...",
        "Story Continued Below",
        "take our poll - story continues below",
        "Share Tweet Email Copy Link Copied",
        "Share this article: Share Tweet Share Share Share Email Share",
        "8.8k Shares Share Tweet Google",
    ],
)
def test_an_ad_slot_on_its_own_line_is_furniture(line: str) -> None:
    first, second = BODY.split("\n\n")
    assert is_furniture(line)
    assert strip_boilerplate(f"{first}\n\n{line}\n\n{second}") == BODY


def test_an_ad_slot_between_two_sentences_goes_and_they_stay() -> None:
    """Politico's "Story Continued Below", flattened into the paragraph by the scraper
    (BuzzFeed-Webis: 370 such lines), became the opening words of the next sentence: a
    check-worthy claim "Story Continued Below Two council members voted against the plan"."""
    text = (
        "The council voted 7-2 to approve the plan. Story Continued Below Two council members "
        "voted against it.\n\nThe mayor said work starts in June.” Story continues below "
        "advertisement The bond passed in November."
    )
    assert strip_boilerplate(text) == (
        "The council voted 7-2 to approve the plan. Two council members voted against it.\n\n"
        "The mayor said work starts in June.” The bond passed in November."
    )
    assert strip_boilerplate("Scroll down for video It was a hot day in June.") == (
        "It was a hot day in June."
    )


@pytest.mark.parametrize(
    "marker", ["SCROLL DOWN FOR VIDEO", "Scroll Down For Video", "STORY CONTINUES BELOW"]
)
def test_an_inline_ad_slot_marker_in_capitals_goes_too(marker: str) -> None:
    """The pattern ignores case but its quick pre-check looked for "croll" only: an all-capitals
    "SCROLL DOWN FOR VIDEO" inside a line stayed in the article's text."""
    assert strip_boilerplate(f"{marker} It was a hot day in June.") == "It was a hot day in June."


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "Obama's Big SecretAdvertisement - story continues below While the president "
            "tried to push the idea.",
            "Obama's Big Secret While the president tried to push the idea.",
        ),
        (
            "Related Stories STORY CONTINUES BELOW Two were arrested near Toronto.",
            "Related Stories Two were arrested near Toronto.",
        ),
        (
            "She thanked the cast of Big Little Lies, post continues below...",
            "She thanked the cast of Big Little Lies,",
        ),
    ],
)
def test_an_ad_slot_marker_in_a_form_prose_never_takes_goes_wherever_it_sits(
    line: str, kept: str
) -> None:
    """Scraped pages glue the marker to the words around it, with no sentence end before it
    (FakeNewsNet, ReCOVery and PropaNews: 64 markers or button runs left in the text the models
    read; the vocabulary held "continues below" and "share tweet" as outlet marks)."""
    assert strip_ad_slots(line) == kept


@pytest.mark.parametrize(
    "line",
    [
        "The story continued below the fold on page two.",
        "He said the story continued below. Then he left.",
        "Scroll down for more tweets from fans who are convinced she is in labor.",
        "Continue reading below the fold, he said.",
    ],
)
def test_a_sentence_that_mentions_an_ad_slot_marker_stays(line: str) -> None:
    assert not is_furniture(line)
    assert strip_boilerplate(f"{BODY}\n\n{line}") == f"{BODY}\n\n{line}"


def test_a_pages_picture_credits_and_caption_labels_go_and_its_captions_stay() -> None:
    """A BBC page's picture and video labels stayed in the text, 'Image copyright Reuters' and
    'Media playback is unsupported on your device' among the article's lines, and its 'Related
    Topics' tags after them (probe5); FakeNewsNet, ReCOVery and SemEval-2019 hold 94 articles
    with such credits or labels."""
    first, second = BODY.split("\n\n")
    text = (
        f"{first}\n\nImage copyright Reuters\nImage caption The council met on Monday\n\n"
        "Image copyright Getty Images Image caption The mayor at the vote\n\n"
        "Media playback is unsupported on your device\nMedia caption Residents describe it\n\n"
        f"Photo credit: Getty / Kevin Mazur\n\n{second}\n\nRelated Topics\nBudget\nLibraries"
    )
    assert strip_boilerplate(text) == (
        f"{first}\n\nThe council met on Monday\n\nThe mayor at the vote\n\nResidents describe it"
        f"\n\n{second}"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Image captions were written by the paper's photo desk, the editor said.",
        "Photo credit disputes are common among freelancers, she said.",
    ],
)
def test_a_sentence_about_captions_or_credits_stays(sentence: str) -> None:
    assert strip_boilerplate(f"{BODY}\n\n{sentence}") == f"{BODY}\n\n{sentence}"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # People's picture button, before the credit or alone (GossipCop: 1,555 lines); the
        # credit goes too (a picture's credit is furniture: see the tests below)
        ("Image zoom Chris Jackson/Getty Images", None),
        ("Image zoom", None),
        # NPR's, before the credit twice over (ReCOVery: 88 lines)
        ("Enlarge this image toggle caption Evan Vucci/AP Evan Vucci/AP", None),
        ("toggle caption Evan Vucci/AP", None),
        ("toggle caption The mayor at the vote", "The mayor at the vote"),
        # a sentence that names them is prose
        (
            "Click the image zoom button to see the dress.",
            "Click the image zoom button to see the dress.",
        ),
    ],
)
def test_picture_button_labels_go_and_the_caption_stays(line: str, kept: str | None) -> None:
    text = strip_boilerplate(f"The star arrived on Sunday.\n{line}\nShe thanked her fans.")
    assert text.split("\n")[1:-1] == ([kept] if kept else [])


@pytest.mark.parametrize(
    "line",
    [
        # a picture's credit alone on its line (2,282 lines of the LOCO corpora)
        "Kevin Mazur/WireImage",
        "Getty Images for TIDAL",
        "Max Mumby/Indigo/Getty Images:",
        "Evan Vucci/AP Evan Vucci/AP",
        "BACKGRID",
        "via giphy",
        "Photo: Getty Images",
        "Photo credit: Getty / Kevin Mazur",
        "Photo: Courtesy of Albert Ochoa",
        "Credit: private/Instagram",
        "Featured image via YouTube.",
        "[Featured Image by Mike Coppola / Staff / Getty Images]",
        "(Image: REX/Shutterstock)",
        "Image: REX/Shutterstock) REX/Shutterstock)",
        # a saved page's date stamp (231 lines)
        "Published: 13:12 EST, 29 January 2020 | Updated: 14:34 EST, 29 January 2020",
        "PUBLISHED: 18:06 BST, 8 August 2017 | UPDATED: 21:10 BST, 8 August 2017",
        "Last updated: 9 August 2015 Originally published: 9 August 2015",
        "Updated at 9:20 p.m. ET",
        "Updated Date: Jun 23, 2017 19:02:53 IST",
        "Posted: 2019-11-24 18:40:12",
        "Posted 3 days ago",
        "8:00 a.m. EDT",
        # an ad slot's marker after an arrow
        "↓ Continue Reading Below",
    ],
)
def test_picture_credits_and_date_stamps_go(line: str) -> None:
    """Picture credits and a saved page's date stamps stayed among the article's lines (one
    credit was scored 0.81 as a check-worthy claim); each goes, wherever it sits."""
    assert is_furniture(line)
    text = strip_boilerplate(f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans.")
    assert text == "The star arrived on Sunday.\n\nShe thanked her fans."


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "Meghan Markle at the service. (Photo by Chris Jackson/Getty Images) LONDON - "
            "DECEMBER 25: Prince Harry (R)",
            "Meghan Markle at the service. LONDON - DECEMBER 25: Prince Harry (R)",
        ),
        ("The rocket left Cape Kennedy, Fla. (Photo: AP)", "The rocket left Cape Kennedy, Fla."),
        ("Thandie Newton in Monse Photo: Getty Images", "Thandie Newton in Monse"),
        (
            "The couple had lunch in Los Angeles Credit: 2018 Coleman-Rayner",
            "The couple had lunch in Los Angeles",
        ),
        # a capital starts the label: the caption keeps its own "photo"
        (
            "The family pose for a family photo Credit: Instagram",
            "The family pose for a family photo",
        ),
        (
            "This could be the end of the line. Featured image via screengrab",
            "This could be the end of the line.",
        ),
        (
            "Image: ActuSecours) ActuSecours) Spanish PM Mariano Rajoy spoke.",
            "Spanish PM Mariano Rajoy spoke.",
        ),
        ("He left. (Story continues below)", "He left."),
    ],
)
def test_a_credit_inside_a_line_goes_and_its_caption_stays(line: str, kept: str) -> None:
    text = strip_boilerplate(f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans.")
    assert text == f"The star arrived on Sunday.\n\n{kept}\n\nShe thanked her fans."


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Garrett is seen after he was arrested in February 2010.",
        "Photo: Miley Cyrus arrives at the 53rd annual Grammy Awards on Sunday, Feb. 13, 2011.",
        "Courtesy calls were made to every family.",
        "Getty said no.",
        "She said it was a photo (image: a dog) of him.",
        "The end. Featured image via CNN Anonymous claims to have found evidence linking him.",
        "It featured images of the actor with a mysterious brunette.",
        "Published in the June/July 2013 issue of Esquire.",
        "Posted Wednesday, the story by Shari Weiss focuses on a cover quote.",
        "October 8, 2016",
        "At 5 p.m.",
        "The story continued below the ad break, the producer said.",
    ],
)
def test_a_caption_or_sentence_like_a_credit_or_a_stamp_stays(line: str) -> None:
    text = f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans."
    assert strip_boilerplate(text) == text


PARAGRAPH = "The crowd continued to cheer below the stage, and the show went on after a pause."


@pytest.mark.parametrize(
    "line, kept",
    [
        # the echoed credit's label is looked for in the lower-cased line, except where a
        # character that a case-blind pattern reads as an ASCII letter is in it (İ, ı, ſ, K)
        ("İmage: Foo Bar) Foo Bar) The show went on.", "The show went on."),
        ("ımage: Foo) Foo) The show went on.", "The show went on."),
        ("Photoſ: Foo) Foo) The show went on.", "The show went on."),
        (f"{PARAGRAPH} Image: Foo) Foo) (Photo by A/B) {PARAGRAPH}", f"{PARAGRAPH} {PARAGRAPH}"),
        # a paragraph with "continued" and "below" apart is not searched for ad-slot markers;
        # with a marker's words together, in any case-blind spelling, it is
        (f"{PARAGRAPH} Story continueſ below {PARAGRAPH}", f"{PARAGRAPH} {PARAGRAPH}"),
        (
            f"{PARAGRAPH} Advertisement - ſtory continues below {PARAGRAPH}",
            f"{PARAGRAPH} {PARAGRAPH}",
        ),
        (f"{PARAGRAPH} ſcroll down for video {PARAGRAPH}", f"{PARAGRAPH} {PARAGRAPH}"),
        (f"{PARAGRAPH} The STORY CONTINUES BELOW {PARAGRAPH}", f"{PARAGRAPH} {PARAGRAPH}"),
        (
            f"{PARAGRAPH} Related Stories STORY CONTINUES BELOW Two were arrested. {PARAGRAPH}",
            f"{PARAGRAPH} Related Stories Two were arrested. {PARAGRAPH}",
        ),
        (
            f"{PARAGRAPH} Obama's Big SecretAdvertisement - story continues below While {PARAGRAPH}",
            f"{PARAGRAPH} Obama's Big Secret While {PARAGRAPH}",
        ),
        (f"{PARAGRAPH} {PARAGRAPH}", f"{PARAGRAPH} {PARAGRAPH}"),
    ],
)
def test_a_long_line_is_searched_only_where_a_marker_or_credit_can_be(line: str, kept: str) -> None:
    assert strip_inline_furniture(line) == kept


def test_a_line_of_clock_times_is_read_in_linear_time() -> None:
    """Without possessive stamps, a line of 16 clock times and zones ending in a word took
    the date-stamp pattern seconds (every split of it tried): now well under a second."""
    import time

    start = time.perf_counter()
    for line in ("5:00 pm EST " * 16 + "x", "Photo: " + "A/B " * 11 + "x"):
        assert strip_boilerplate(f"{BODY}\n\n{line}") == f"{BODY}\n\n{line}"
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    "line",
    [
        # what a page's player, browser check or app promotion prints (744 lines of the LOCO
        # corpora, in 562 articles)
        "We’ve detected that JavaScript is disabled in this browser.",
        "Please enable JavaScript or switch to a supported browser to continue using twitter.com.",
        "JavaScript is required to load the comments.",
        "No compatible source was found for this video.",
        "The video will start in 8 Cancel",
        "Loading the player...",
        "Recaptcha requires verification.",
        "Visit Business Insider's homepage for more stories.",
        "Get push notifications with news, features and more.",
        "Download the new Independent Premium app sharing the full story, not just the headlines",
        "New You can now listen to Fox News articles!",
        "(Excerpt) Read more at: E! Online",
        "2,345 total views, 12 views today",
        # the outlet's own sign-off (113 articles, 96 of them ReCOVery's)
        "Read or Share this story: https://www.detroitnews.com/story/business/2020/05/19/x/",
        "Send letters to letters@suntimes.com.",
        "Liked it? Take a second to support The Duran on Patreon!",
    ],
)
def test_a_pages_notices_go(line: str) -> None:
    text = strip_boilerplate(f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans.")
    assert text == "The star arrived on Sunday.\n\nShe thanked her fans."


@pytest.mark.parametrize(
    "line",
    [
        "Share this article with everyone you love before it gets deleted!",
        "Download the app to check whether you were exposed, the minister said.",
        "Visitors can get push notifications about delays from the city's app.",
        "JavaScript is a programming language, and the court heard it was used in the attack.",
        "Send letters to your MP, the campaign urged its members.",
    ],
)
def test_a_sentence_like_a_pages_notice_stays(line: str) -> None:
    text = f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans."
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize(
    "line",
    [
        # a link to another story with its label, alone on its line, as the article corpora have
        # them (1,940 lines in 1,204 articles of the 8 article corpora; the first one the
        # signals part found charged as a rhetorical question and a clickbait cue)
        "More:Can hydroxychloroquine prevent COVID-19? President Trump thinks maybe. "
        "There's no data to support that.",
        "MORE: Jennifer Lopez Throws Shade at Ex-Fiancé Ben Affleck's Bedroom Skills!",
        "RELATED: Cheryl Burke Is Officially Returning to 'DWTS' -- Watch the Announcement!",
        "RELATED VIDEO: Jaime Pressly Is Pregnant With Twins: ‘We Were Completely Shocked’",
        "RELATED GALLERY: ‘I’m a Very Good Diaper Guy’ and Everything Else George Clooney Has "
        "Said About Fatherhood Since Welcoming Twins Ella & Alexander",
        "Related:Once the coronavirus pandemic subsides, will music lovers pick streaming?",
        "Also Read: 43 Summer TV Premieres Ranked by Total Viewers (Photos)",
        "READ ALSO: WHO declares global emergency over coronavirus",
        "Read more: 10 lawyers who navigated the biggest bankruptcies in history are seeing a "
        "boom in business",
        "READ: Funds for health cut by P10 billion",
        "SEE ALSO: When will Americans feel safe returning to theme parks?",
        "See more: 31 free Harvard University classes you can take online",
        "Don't miss: Here's how much you need to save each month to be a millionaire",
        "(MORE: Coronavirus updates: World sees highest 1-day increase since outbreak began)",
        "[Related: Brad Pitt and Angelina Jolie In Talks to Co-Star in New Movie]",
        "RELATED STORY:",
    ],
)
def test_a_labelled_link_to_another_story_goes(line: str) -> None:
    text = strip_boilerplate(f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans.")
    assert text == "The star arrived on Sunday.\n\nShe thanked her fans."


@pytest.mark.parametrize(
    "line",
    [
        # the writer's own words after a label-like word
        "Listen: it's entirely possible that Davis meant nothing by this.",
        "More: the mayor said the vote would be held on Tuesday.",
        "Related reporting by the BBC showed the same pattern.",
        "Read the full ruling: it runs to 40 pages.",
        "More than 50 people were injured: the hospital said all were stable.",
        # a label that runs on into the article's next sentence, the page's break lost
        "RELATED: Political odd couple: Ivanka Trump and Chelsea Clinton Overall, 47% of "
        "Democratic and Democratic-leaning voters say they support Clinton for the nomination.",
        "RELATED: Drug That Fights Potentially Deadly Infection Goes From $13.50 to $750 "
        "Daraprim fights toxoplasmosis.",
        "Related Stories: Former WH strategist, Sebastian Gorka, hit back at the 'fake news "
        "industrial complex' Sebastian Gorka resigned from his position in the White House",
    ],
)
def test_a_line_like_a_labelled_link_stays(line: str) -> None:
    text = f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans."
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize(
    "line",
    [
        # a picture's caption with the agency's credit at its end, alone on its line, as the
        # article corpora have them (192 lines in 145 articles of the 8 article corpora: 111 in
        # ReCOVery, 79 in FakeNewsNet)
        "FILE PHOTO: An oil pumpjack is seen in Velma, Oklahoma U.S. April 7, 2016. "
        "REUTERS/Luc Cohen/File Photo",
        "FILE PHOTO - Rows of empty seats of an American Airline flight are seen, in Washington, "
        "U.S., March 18, 2020. REUTERS/Carlos Barria",
        "A man wearing a protective mask makes his way under the rain in Tokyo, Japan, May 19, "
        "2020.REUTERS/Kim Kyung-Hoon",
        "Travellers in protective suits are seen at Wuhan Tianhe International Airport, April 10, "
        "2020. REUTERS/Aly Song TPX IMAGES OF THE DAY",
        "FILE PHOTO: Britain's Chancellor of the Exchequer Rishi Sunak speaks at a news "
        "conference, London, Britain, March 17, 2020. Matt Dunham/Pool via REUTERS/File Photo",
        "Customers waiting in lines in Munich on May 12, 2020, after some businesses reopened. "
        "Andreas Gebert/Reuters",
        "Men receive haircuts at Doug's Barber Shop in Houston, Texas, May 8, 2020. Callaghan "
        "O'Hare | Reuters",
        "A coronavirus response event at the White House on Friday. (Kevin Lamarque/Reuters) More",
        "Wires of a telecommunications mast damaged by fire are seen in Sparkhill in Birmingham, "
        "Britain, April 6, 2020. Carl Recine/Reuters, FILE",
        "Many countries, including the US, have been heavily relying on Chinese imports. "
        "/REUTERS by Regis Duvignau",
        "REUTERS/Brendan McDermid",
        "Ohio Gov. Mike DeWine. AP Photo/Paul Vernon, File",
        "Rapper Meek Mill comes out to ring a Liberty Bell replica, Tuesday, April 24, 2018, in "
        "Philadelphia. (AP Photo/Chris Szagola)",
        "FILE - In this Sept. 29, 2011 file photo, actor Sam Shepard poses for a portrait in New "
        "York. Shepard died Thursday, July 27, 2017, at his home in Kentucky. He was 73. (AP "
        "Photo/Charles Sykes, File)",
        # probe s45: AP's caption opening "In this ... photo", then a second sentence of the
        # story's context (86 words; ABC News' copy adds "The Associated Press")
        "In this photo taken Monday, April 27, 2020, crowds of supporters of the ruling party "
        "gather for the start of the election campaign, in Bugendana, Gitega province, Burundi. "
        "Burundi is kicking out the World Health Organization's top official in the country "
        "Walter Kazadi Mulombo and three experts, saying they must leave by Friday, May 15, 2020, "
        "just days before the presidential election and after the WHO raised concerns about "
        "crowded political rallies which health officials say risk facilitating the spread of "
        "the coronavirus. (AP Photo/Berthier Mugiraneza)",
        "In this Dec. 27, 2019, photo, State Rep. Isaac Robinson attends a protest in Detroit. "
        "Robinson died March 29, 2020. (AP Photo/Paul Sancya) The Associated Press",
        # the AP credit is the caption's end once the page's own labelled credit goes
        "Harvey Weinstein. (AP Photo/Michael Sohn, File) (Photo: Michael Sohn, AP)",
        "Kevin Hart (R) and Eniko Parrish attend the Academy Awards on February 28, 2016. File "
        "Photo by Kevin Dietsch/UPI | License Photo",
        # Reuters' label with the credit lost
        'FILE PHOTO: Small bottles labeled with a "Vaccine COVID-19" sticker and a medical '
        "syringe are seen in this illustration",
    ],
)
def test_a_wire_photo_caption_goes(line: str) -> None:
    text = strip_boilerplate(f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans.")
    assert text == "The star arrived on Sunday.\n\nShe thanked her fans."


@pytest.mark.parametrize(
    "line",
    [
        # the story's own words about the agency
        "A Reuters/Ipsos poll published Thursday has revealed that a quarter of Americans are "
        "not interested in taking a coronavirus vaccine.",
        "The survey, published via Reuters/Ipsos on Thursday, found 25% of Americans have no "
        "interest in taking a coronavirus vaccine.",
        "Chief physician of Wuhan Children Hospital's neonatal medicine department, Zeng "
        "Lingkong, told Reuters;",
        # a news item's source, no picture's credit
        "Chinese Premier Li Keqiang visits Wuhan, the epicenter of the outbreak, to direct "
        "epidemic prevention. (Reuters)",
        # a paragraph of the story and the caption under it on one line, as scraped pages have
        # them: the story's sentences stay
        "“Major gaps in our knowledge need fulfilment by future studies,” the researchers "
        "said. Passengers wear masks as they arrive at Manila’s international airport. (AP "
        "Photo/Aaron Favila)",
        "He added that medical staff are not allowed to treat other patients in the hospital. "
        "Guardians fetching students wear masks in a Chinese school in Quezon City, Metro "
        "Manila, Philippines January 28, 2020. (Reuters/Eloisa Lopez)",
        # Reuters' label, then the story run on after the caption, the page's break lost
        "FILE PHOTO: Tesla Inc CEO Elon Musk speaks at an opening ceremony for Tesla China-made "
        "Model Y program in Shanghai Reuters Tesla founder Elon Musk has been vocal about his "
        "opposition to lockdowns, and most of his ire has been directed at California.",
    ],
)
def test_a_line_like_a_wire_photo_caption_stays(line: str) -> None:
    text = f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans."
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize(
    "line",
    [
        # probe s42: the caption stayed in the text and its "Lincoln Square" was cited as an
        # outlet (Time's captions: the photographer's name, a dash, the picture agency)
        "Illusionist David Copperfield attends 'Now You See Me 2' World Premiere at AMC Loews "
        "Lincoln Square 13 theater on June 6, 2016 in New York City. Gilbert Carrasquillo—FilmMagic",
        "Ryan Adams performs in concert at Zilker Park on October 6, 2017 in Austin, Texas. Gary "
        "Miller—FilmMagic/Getty Images",
        "Tom Brokaw has withdrawn as commencement speaker at Sacred Heart University Matt "
        "Rourke—AP",
        "Scott Baio speaks at the Republican National Convention in Cleveland on July 18, 2016 J. "
        "Scott Applewhite—AP",
        "T.J. Miller arrives at the premiere of 'The Emoji Movie' at Regency Village Theatre on "
        "July 23, 2017 in Westwood, California. Axelle/Bauer-Griffin—FilmMagic",
        "Mario Testino attends the FENTY PUMA by Rihanna Spring/Summer 2018 Collection in New "
        "York City. Kevin Mazur—Getty Images for FENTY PUMA By Rihanna",
        "Italian actress Asia Argento in Cannes, southern France on May 19, 2018. Loic Venance— "
        "AFP/Getty Images",
        # the same credits after a slash, or "via", or "Photo by"
        "The men's restroom at Allen Premium Outlets in Allen, Texas, on Friday. Ronald "
        "Martinez/Getty Images",
        "Actors Kristen Bell and Dax Shepard backstage on Jan. 18, 2017 in Los Angeles. Kevin "
        "Mazur / WireImage",
        "President Donald Trump and Texas Gov. Greg Abbott on May 7. BRENDAN SMIALOWSKI/AFP via "
        "Getty Images",
        "Dollar General predominantly has stores in rural areas. Photo by James Leynse/Corbis via "
        "Getty Images",
        "Travis Scott and Kylie Jenner watch the Western Conference playoffs together on April "
        "18. Bob Levey via Getty Images",
        "Venus Williams on Centre Court at Wimbledon on Saturday. Tim Ireland / AP",
        "Jennifer Garner and Ben Affleck in 2013 Jason Merritt/Getty",
        "Gilbert Carrasquillo—FilmMagic",
        # a gallery's captions on one line, each with WENN's credit, an ad's marker between
        # two (its marker went alone before; the captions go with it)
        "6 Jamie Lannister HBO/WENN article continues below ad 7 Arya Stark HBO/WENN",
    ],
)
def test_a_picture_agencys_caption_goes(line: str) -> None:
    text = strip_boilerplate(f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans.")
    assert text == "The star arrived on Sunday.\n\nShe thanked her fans."


@pytest.mark.parametrize(
    "line",
    [
        # the story's own words: a dash or a slash before an agency's name, not its credit
        "The senator's office said the photograph came from Getty Images, not from the campaign.",
        "She was photographed by Kevin Mazur, who has worked for WireImage since 2002.",
        "The rally drew thousands of supporters—and a few dozen protesters from the AP course.",
        # a paragraph of the story and the caption under it on one line: the story stays
        "The couple has not commented on the rumours. Their spokesperson declined to comment "
        "on Monday. Kim Kardashian attends the Met Gala in New York City. Kevin Mazur/WireImage",
    ],
)
def test_a_line_like_a_picture_agencys_caption_stays(line: str) -> None:
    text = f"The star arrived on Sunday.\n\n{line}\n\nShe thanked her fans."
    assert strip_boilerplate(text) == text


def test_a_picture_agencys_caption_is_not_cited_as_an_outlet() -> None:
    """Probe s42: "... Lincoln Square 13 theater ... Gilbert Carrasquillo—FilmMagic" stayed
    in the article, and the outlet-citation detector cited "Lincoln Square" from it."""
    article = article_from_text(
        "David Copperfield accused\n\n"
        "Illusionist David Copperfield attends 'Now You See Me 2' World Premiere at AMC Loews "
        "Lincoln Square 13 theater on June 6, 2016 in New York City. Gilbert Carrasquillo—FilmMagic"
        "\n\nA former model has accused the illusionist of drugging her in 1988."
    )
    assert article.body == "A former model has accused the illusionist of drugging her in 1988."


def test_a_wire_caption_with_a_labelled_credit_keeps_its_caption() -> None:
    # the labelled credit goes alone, as for any picture's
    caption = (
        "Half-siblings Dominik Novak, 9 and Filip Kasuba, 6, standing on the balcony at their "
        "house in Nove Jirny, Czech Republic."
    )
    text = strip_boilerplate(
        f"The star arrived on Sunday.\n\n{caption} Picture: David W Cerny/Reuters\n\n"
        "She thanked her fans."
    )
    assert text == f"The star arrived on Sunday.\n\n{caption}\n\nShe thanked her fans."


def test_a_wire_photo_caption_goes_from_an_articles_text() -> None:
    article = article_from_text(
        "Trump says he takes hydroxychloroquine\n\n"
        "FILE PHOTO: U.S. President Donald Trump holds a meeting in the Cabinet Room of the White "
        "House in Washington, U.S., May 18, 2020. REUTERS/Leah Millis/File Photo\n\n"
        "WASHINGTON (Reuters) - President Donald Trump said on Monday he was taking the drug."
    )
    assert article.title == "Trump says he takes hydroxychloroquine"
    assert article.body == (
        "WASHINGTON (Reuters) - President Donald Trump said on Monday he was taking the drug."
    )


def test_a_long_word_before_a_wire_credit_is_read_in_linear_time() -> None:
    """Hostile round 9: the caption reading landed this session searched each letter of a long
    word as where a photographer's name or a sentence's last word starts, so a 32 KB line of
    "w'w'w'..." ending in "Brian Snyder/Reuters" took ingest 4.2 s (the square of its length:
    a 5 MB article of one such line, hours), and 1 MB of lines of 300 capitals and " Reuters"
    took 7.7 s (0.16 s before the reading)."""
    import time

    one_line = "The council said so.\n" + "w'" * 16_000 + " Brian Snyder/Reuters\nThe end."
    many_lines = "\n".join(["A" * 300 + " Reuters"] * 1_000)
    started = time.process_time()
    assert "Brian Snyder/Reuters" not in article_from_text(one_line).text  # still a caption
    assert article_from_text(many_lines).text.count("Reuters") == 1_000
    assert time.process_time() - started < 1.0


# Probe s43: Hearst's embed notices (GossipCop 1536255789) came out of `veracity claims` as
# check-worthy claims at 0.54. Each line goes whole; an embedded post after the notice stays.
_POINTER = (
    "You may be able to find the same content in another format, or you may be able to find "
    "more information, at their web site."
)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (f"This content is imported from Instagram. {_POINTER}", ""),
        (f"This content is imported from {{embed-name}}. {_POINTER}", ""),
        (f"This content is imported from Third party. {_POINTER}", ""),
        ("This content is imported from YouTube.", ""),
        (
            "This content is created and maintained by a third party, and imported onto this "
            "page to help users provide their email addresses. You may be able to find more "
            "information about this and similar content at piano.io",
            "",
        ),
        (
            "This commenting section is created and maintained by a third party, and imported "
            "onto this page. You may be able to find more information on their web site.",
            "",
        ),
        (_POINTER, ""),
        ("Some others: This content is imported from Twitter.", "Some others:"),
        (
            "A Double Rainbow Appeared on the Eve of 9/11This content is imported from Twitter.",
            "A Double Rainbow Appeared on the Eve of 9/11",
        ),
        (
            f"This content is imported from Twitter. {_POINTER} Fun stuff! "
            "https://t.co/W0aahe80tB — Bryce Cass (@brycecass) August 8, 2017",
            "Fun stuff! https://t.co/W0aahe80tB — Bryce Cass (@brycecass) August 8, 2017",
        ),
        (
            "She posted a Twitter thread of 70 posts. This content is imported from Twitter. "
            f"{_POINTER} I love her so much — gina (@emiliesatwell) April 29, 2017",
            "She posted a Twitter thread of 70 posts. I love her so much — gina (@emiliesatwell) "
            "April 29, 2017",
        ),
    ],
)
def test_a_platforms_embed_notice_goes(line: str, kept: str) -> None:
    assert strip_inline_furniture(line) == kept
    assert strip_boilerplate(f"{BODY}\n\n{line}\n\nShe thanked her fans.") == (
        f"{BODY}\n\n{kept}\n\nShe thanked her fans." if kept else f"{BODY}\n\nShe thanked her fans."
    )


# Probe s43: an affiliate shop's price widget in a PTC article (article773650987) came out as a
# claim at 0.79. The widget goes, the paragraph around it stays.
@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "The Tyranny of Good In... Paul Craig Roberts, La... Best Price: $5.64 Buy New $5.00 "
            "(as of 10:35 EDT - Details)",
            "",
        ),
        (
            "The Neoconservative Th... Dr. Paul Craig Roberts Best Price: $11.96 Buy New $19.34 "
            "(as of 10:15 EDT - Details) From here relations between the two powers deteriorated.",
            "From here relations between the two powers deteriorated.",
        ),
        ("Speaking Freely: Ray M... Buy New $1.99 (as of 09:20 EDT - Details)", ""),
        (
            "The Kennedy Autopsy Jacob G Hornberger Best Price: $9.85 Buy New $9.95 (as of 03:35 "
            "EDT - Details)",
            "",
        ),
        (
            "It was a way to get information out.” The WikiLeaks Files: T... WikiLeaks Best "
            "Price: $2.50 Buy New $7.00 (as of 05:50 EDT - Details)",
            "It was a way to get information out.”",
        ),
        (
            "Rides to the polls in key states .” Hillary the Other Woman Dolly Kyle Best Price: "
            "$3.06 Buy New $8.93 (as of 01:15 EDT - Details) She calls it a “silent donation”.",
            "Rides to the polls in key states .” She calls it a “silent donation”.",
        ),
    ],
)
def test_a_shops_price_widget_goes(line: str, kept: str) -> None:
    assert strip_inline_furniture(line) == kept
    text = strip_boilerplate(f"{BODY}\n\n{line}\n\nHe said so.")
    assert text == (f"{BODY}\n\n{kept}\n\nHe said so." if kept else f"{BODY}\n\nHe said so.")


@pytest.mark.parametrize(
    "line",
    [
        "When Nixon said it, we imported from 17 to 34 percent of our foreign oil.",
        "This beef is imported from Poland, the supplier said.",
        "This site is maintained by a third party, the company said.",
        "Fans can buy tickets on Ticketmaster. Find more information on their web site.",
        "You can get the Fitbit Ionic on sale at Walmart for $199.95. That's the best price.",
        "Best Price: $5.64 is what the shop charged, the filing says (as of Monday).",
        "People head to markets to buy new clothes, gifts and sweets for their families.",
    ],
)
def test_a_sentence_like_an_embed_notice_or_a_price_widget_stays(line: str) -> None:
    assert strip_inline_furniture(line) == line
    assert line in strip_boilerplate(f"{BODY}\n\n{line}")


def test_a_picture_agencys_credit_is_searched_from_its_mark() -> None:
    """Hostile round 10: the picture agency's credit (944558a) was searched from each word of
    the line's last 300 characters, so 1 MB of lines "A A ... A —Getty Images" took ingest
    0.5 CPU-s on a quiet machine (0.05 before the reading) and 3.4 s at load 11. It is
    searched from six words before the first dash, slash or "via" an agency follows; the
    lines are still captions (a capital and a dash before the agency's name). Bound 1.2 s: the
    pass read 0.53-0.81 CPU-s at load 6 on stop 45's tree and 0.77-0.80 on stop 44's, so 0.6
    failed under load (a machine's load, not a reader; the searched-from-each-word reading took
    3.4 s at load 11)."""
    import time

    line = " ".join(["A"] * 40) + " —Getty Images"
    hostile = "The council met.\n" + "\n".join([line] * 20_000) + "\nThe end."  # 1.9 MB
    started = time.process_time()
    assert strip_boilerplate(hostile) == "The council met.\nThe end."
    assert time.process_time() - started < 1.2


def test_another_outlets_quoted_headline_with_its_name_is_no_caption() -> None:
    """Probe s43 (944558a's count): a GossipCop roundup's line '“Is Newlywed Emily Ratajkowski
    Pregnant?” —X17' went as a caption, X17 being a picture agency too. A line that is a whole
    quotation and a dash is a headline credited to its outlet; a caption that ends in a quoted
    title still goes."""
    roundup = (
        "What the papers said this week.\n"
        "“What Emily Ratajkowski’s Body Language Says” —Cosmopolitan Wednesday, Feb. 28\n"
        "“Is Newlywed Emily Ratajkowski Pregnant?” —X17\n"
        'Cast members attend the premiere of the reboot of "Roseanne." Adam Rose/ABC/AP\n'
        "The couple married in February."
    )
    kept = strip_boilerplate(roundup)
    assert "“Is Newlywed Emily Ratajkowski Pregnant?” —X17" in kept
    assert "Roseanne" not in kept


# Probe s44: the site's own words about the text stayed in articles ("Any opinions expressed are
# those of the authors", "See the most-read stories in Entertainment this hour »", "Visit our
# Re-post guidelines"): its disclaimers, terms of reuse and links with an arrow go, each where
# it sits; the sentences around them stay.
@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "From AFP. Any opinions expressed are those of the authors, and do not necessarily "
            "reflect the views of Iraq Business News.",
            "From AFP.",
        ),
        (
            "The views and opinions expressed in the article do not necessarily reflect those "
            "of Sputnik.",
            "",
        ),
        ("Opinions expressed by Entrepreneur contributors are their own.", ""),
        ("(The views expressed in this article do not necessarily reflect those of Press TV.)", ""),
        (
            "CNN host Van Jones is the CEO of the REFORM Alliance. The views expressed in this "
            "commentary are his own. View more opinion on CNN.",
            "CNN host Van Jones is the CEO of the REFORM Alliance. View more opinion on CNN.",
        ),
        (
            "Disclaimer: The comments uploaded on this site do not necessarily represent or "
            "reflect the views of management. We reserve the right to exclude comments.",
            "We reserve the right to exclude comments.",
        ),
        # probe s45: Eagle Rising's footer scored 0.78 as a claim (BuzzFeed-Webis 0556); the
        # site's name read through its dot, the sign-up run on after it without a full stop
        (
            "She had 13 devices. The views expressed in this opinion article are solely those of "
            "their author and are not necessarily either shared or endorsed by EagleRising.com "
            "Get your daily dose of Eagle Rising by entering your email address below.",
            "She had 13 devices.",
        ),
        ("Visit our Re-post guidelines This article is copyrighted by GreenMedInfo LLC, 2020", ""),
        (
            "This story originally appeared on Fox News and is republished here with permission. "
            "Fox News’ Kathleen Joyce contributed to the report.",
            "Fox News’ Kathleen Joyce contributed to the report.",
        ),
        (
            "This article ( Eagles Destroy Corporate Drones) is free and open source. You have "
            "permission to republish this article under a Creative Commons license.",
            "",
        ),
        # fix s46: a notice all in capitals stayed (the prefilter looked for lower-case words)
        # and read as shouting
        (
            "THE VIEWS EXPRESSED IN THIS ARTICLE ARE THOSE OF THE AUTHOR AND DO NOT NECESSARILY "
            "REFLECT THE VIEWS OF SPRINGFIELD NEWS.",
            "",
        ),
        (
            "He spoke last. DISCLAIMER: THE VIEWS AND OPINIONS EXPRESSED IN THIS ARTICLE ARE THE "
            "AUTHOR'S OWN.",
            "He spoke last.",
        ),
        ("THIS ARTICLE IS COPYRIGHTED BY GREENMEDINFO LLC, 2020", ""),
        ("See the most-read stories in Entertainment this hour »", ""),
        ("FULL COVERAGE: Grammys 2018 »", ""),
        ("• Astros embrace, enjoy their moment »", ""),
    ],
)
def test_the_sites_disclaimers_terms_of_reuse_and_arrow_links_go(line: str, kept: str) -> None:
    text = f"The minister spoke on Monday.\n{line}\nThe vote is due next week."
    assert article_from_text(text, detect_title=False).text == "\n".join(
        filter(None, ["The minister spoke on Monday.", kept, "The vote is due next week."])
    )


@pytest.mark.parametrize(
    "line",
    [
        # someone's views reported, not the site's disclaimer
        "The views he expressed are his own business, a spokesman said.",
        "She said the opinions expressed at the meeting were shared by most of the members.",
        # an accordion's paragraph, its expand button's arrow after a sentence's end
        "Fallout Fired from his company and expelled from the Academy. »",
        # a long line that ends in an arrow is prose
        "The committee heard from " + "witness after witness " * 8 + "until late at night »",
        "The song was later republished by the band on its own label, with new lyrics.",
        "THE VIEWS HE EXPRESSED ARE HIS OWN BUSINESS, A SPOKESMAN SAID.",
    ],
)
def test_prose_like_a_disclaimer_or_an_arrow_link_stays(line: str) -> None:
    text = f"The minister spoke on Monday.\n{line}\nThe vote is due next week."
    assert article_from_text(text, detect_title=False).text == text


SPUTNIK_CONSENT = (
    "To improve the performance of our website, show the most relevant news products and "
    "targeted advertising, we collect technical impersonal information about you, including "
    "through the tools of our partners. You can find a detailed description of how we use your "
    "data in our Privacy Policy. For a detailed description of the technologies, please see the "
    "Cookie and Automatic Logging Policy.\n\n"
    'By clicking on the "Accept & Close" button, you provide your explicit consent to the '
    "processing of your data to achieve the above goal.\n\n"
    "You can withdraw your consent using the method specified in the Privacy Policy."
)


def test_a_page_that_is_only_a_consent_banner_leaves_no_article() -> None:
    """probe s46: 27 ReCOVery Sputnik records are only the site's consent banner (sputnik_news:
    135); the fast path scored them unreliable with "privacy policy" as its reason. The notice
    in the site's voice (what "we" collect under a policy, what clicking agrees to, how to
    withdraw consent) is furniture at either edge; an article before or after it stays, and
    a report about a privacy policy is prose."""
    assert strip_boilerplate(SPUTNIK_CONSENT) == ""
    assert strip_boilerplate(f"{SPUTNIK_CONSENT}\n\n{BODY}") == BODY
    assert strip_boilerplate(f"{BODY}\n\n{SPUTNIK_CONSENT}") == BODY
    with pytest.raises(InputError):
        article_from_text(SPUTNIK_CONSENT)
    report = (
        "The regulator said Facebook collects data about users under a privacy policy that few "
        "people read, and that clicking a button does not amount to consent."
    )
    assert strip_boilerplate(f"{report}\n\n{BODY}") == f"{report}\n\n{BODY}"


def test_a_headline_over_a_consent_page_stays_the_title() -> None:
    """probe s47: a headline over a page that is otherwise its consent notice was an article of
    one line read as body text, "Untitled article" in every report. The headline is the title,
    as it headed the page, over an empty body; the analysis withholds its score as too short.
    A page that is only the notice stays an error, which carries the title the caller gave
    (a batch row keeps it: tests/batch/test_cli_batch.py)."""
    headline = "Russia says talks with Ukraine will resume next week"
    article = article_from_text(f"{headline}\n\n{SPUTNIK_CONSENT}")
    assert article.title == headline and article.body == ""
    assert article_from_text(f"{headline}\n\n{BODY}\n\n{SPUTNIK_CONSENT}").body == BODY
    # one line of text is no headline over a cut page: it stays the body, untitled
    line = "The council voted 7-2 on Monday to pass the budget."
    assert article_from_text(line).title is None
    with pytest.raises(InputError) as refused:
        article_from_text(SPUTNIK_CONSENT, title=headline)
    assert refused.value.title == headline
    with pytest.raises(InputError) as untitled:
        article_from_text(SPUTNIK_CONSENT)
    assert untitled.value.title is None


@pytest.mark.parametrize(
    "caption",
    [
        "This 1970 photo released by courtesy of Sony Pictures Television shows, back row, from "
        "left, cast members, Shirley Jones, Dave Madden, David Cassidy and Susan Dey of the "
        'television series, "The Partridge Family." AP',
        "Singer David Cassidy and wife Susan attend Rolling Stone Magazine's 1000th cover "
        "celebration on May 4, 2006, in New York. Getty",
    ],
)
def test_a_caption_with_an_agencys_bare_name_after_it_goes(caption: str) -> None:
    """probe s46: CBS's obituary of David Cassidy printed its pictures' captions with the
    agency's name alone after them; they were the first and third check-worthy claims. A
    one-sentence line with an agency's name after its last sentence is a caption; a paragraph
    of two sentences before it stays (a story run together with a caption), as does a sentence
    that names the agency as its source."""
    first, second = BODY.split("\n\n")
    assert strip_boilerplate(f"{first}\n\n{caption}\n\n{second}") == BODY
    story = "The storm killed 12 people on Monday. Rescuers are still searching the coast. AP"
    assert strip_boilerplate(f"{first}\n\n{story}\n\n{second}") == f"{first}\n\n{story}\n\n{second}"
    sourced = "The storm killed 12 people on Monday, according to the AP."
    assert strip_boilerplate(f"{sourced}\n\n{BODY}") == f"{sourced}\n\n{BODY}"


def test_a_pages_directions_and_arrowed_links_go_and_escaped_marks_are_read() -> None:
    """probe s46: KIRO 7's text kept "&gt;&gt; See photos here frame-by-frame ..." (shown as
    "&gt;&gt;" in every report), "See video of when chaos unfolded, and scroll down to keep
    reading." and "... Scroll down to read Bennett's letter." as the article. HTML character
    references a scraped text kept are decoded; a link behind arrows, a line of directions to
    scroll and a last sentence of them go; prose that mentions scrolling stays."""
    first, second = BODY.split("\n\n")
    text = (
        f"{first}\n\n"
        "&gt;&gt; See photos here frame-by-frame from when Michael Bennett was put in a car\n\n"
        "See video of when chaos unfolded, and scroll down to keep reading.\n\n"
        "Watch the video of his interaction with officers. Scroll down to read his letter.\n\n"
        "Users scroll down through 300 feet of posts a day, the study found.\n\n"
        f"{second} The council&#8217;s vote was 7&ndash;2."
    )
    article = article_from_text(text, detect_title=False)
    assert article.text == (
        f"{first}\n\nWatch the video of his interaction with officers.\n\n"
        "Users scroll down through 300 feet of posts a day, the study found.\n\n"
        f"{second} The council’s vote was 7–2."
    )


def test_a_poll_set_into_the_story_and_click_here_directions_go() -> None:
    """Probe s47 I2 (a DC Dirty Laundry round-up): the poll between its ad-slot marker and its
    form's hidden field, and "Click here to read the full story." after each item, were kept
    as the story's words ("biden" among the words lowering its score)."""
    text = (
        "The UN has published an initial list of 14 words it wants you to stop using.\n\n"
        "take our poll - story continues below\n\n"
        "Trump or Biden, who will win? Why wait until November 3? Show all of America who "
        "you're voting for in 2020\n\n"
        "TRUMP or BIDEN You Decide * Donald J. Trump Joe Biden Undecided\n\n"
        "Email *\n\n"
        "Comments This field is for validation purposes and should be left unchanged. "
        "Completing this poll grants you access to DC Dirty Laundry updates free of charge.\n\n"
        "The word manpower is offensive, the UN says, so it wants you to say workforce.\n\n"
        "Click here to read the full story.\n\n"
        "A judge ruled that the Oregon governor's lockdown order could only go so far."
    )
    kept = article_from_text(text, title="The UN wants you to stop using 14 words").text
    for gone in ("poll", "Biden", "validation", "Click here", "Email"):
        assert gone not in kept, gone
    assert "The word manpower is offensive" in kept
    assert "A judge ruled" in kept
    assert "14 words it wants you to stop using" in kept


def test_a_story_copied_on_one_line_with_a_poll_inside_keeps_its_text() -> None:
    """A copy that kept a whole page on one line (GossipCop's Roy Moore story, the bench's
    throughput sample) holds a poll's hidden field in its middle: the line is the story's, so it
    stays (97d498a dropped it whole, and the story was refused as site furniture)."""
    story = (
        "Alabama Senate candidate Roy Moore is denying that he romantically pursued teenagers "
        "as young as 14 while he was in his 30s after a bombshell report. The women accusing "
        "Moore told the Washington Post that when they were between the ages of 14 and 18, he "
        "romantically pursued them. "
    )
    text = (
        story
        + 'Is It Okay To Say, "All Lives Matter?" Yes No Not sure Enter your email to see the '
        "results... * Name This field is for validation purposes and should be left unchanged. "
        "Completing this poll entitles you to updates free of charge. " + story
    )
    kept = article_from_text(text, title="Roy Moore denies the report").text
    assert "Alabama Senate candidate Roy Moore" in kept
    assert kept.count("bombshell report") == 2


def test_a_story_about_a_form_keeps_its_words() -> None:
    text = (
        "The county's form asks voters to click here to read the rules, officials said, and a "
        "note says the field is for validation purposes only.\n\n"
        "The form went online on Monday."
    )
    assert article_from_text(text, title="County form").text.endswith("online on Monday.")
    assert "validation purposes only" in article_from_text(text, title="County form").text
