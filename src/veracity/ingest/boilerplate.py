"""Site furniture removal: comment forms, share buttons, cookie banners, tag lists, nav links.

A line-level classifier over cleaned text (plain files and text extracted from HTML alike).
Patterns match a *whole* line, so a real sentence that merely mentions "share" or "comments"
is never touched. Three kinds of removal, from the most to the least certain:

* a *section break* ("Leave a Reply", "Related Posts", "Share this:") in the second half of the
  text ends the article: it and everything after it go; so does a paywall prompt ("Subscribe to
  continue reading", "You have reached your free article limit") anywhere;
* furniture lines at either edge of the text go, with any short non-sentence lines (button
  labels, nav items) that sit between them and the edge;
* short furniture lines inside the text ("Advertisement", "Click to share on Twitter") go,
  and so does a list of links to other stories under a heading such as "Related" or "Read
  more:" (the heading and the headlines under it), wherever it sits, and so does a link to
  another story with its label on one line ("RELATED: ...", "More:...", "Also Read: ..."),
  and so does a picture's caption that ends in a news agency's credit ("FILE PHOTO: ...
  REUTERS/Name");
* an ad slot's marker between two sentences of a line ("... an impact. Story Continued Below
  Johnson said ...", as scraped text has it) goes, the sentences stay; so do a platform's
  notice where it embeds another site's post ("This content is imported from Instagram. ...")
  and a shop's price widget ("... Best Price: $5.64 Buy New $5.00 (as of 10:35 EDT -
  Details)"), wherever they sit in a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A section break past this share of the text ends the article: earlier, it is usually a share
# bar under the headline and only that line goes.
_SECTION_BREAK_MIN_POSITION = 0.5
# Interior furniture is removed only when this short: longer lines are prose.
_MAX_INTERIOR_WORDS = 12
# Lines this short without sentence punctuation are button labels or nav items when they sit
# between furniture and the edge of the text.
_MAX_LABEL_WORDS = 5
# A headline listed under a link heading: no more words than this, and no full stop at its end.
_MAX_LISTED_HEADLINE_WORDS = 25


def _full_line(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(patterns) + r")$", re.IGNORECASE)


_SOCIAL = (
    r"facebook|twitter|x|tweet|pinterest|linkedin|reddit|whatsapp|telegram|tumblr|email|e-mail"
    r"|print|pocket|mastodon|threads|bluesky|flipboard|messenger|skype|sms|copy link|more"
)

# Headings over a list of links to other stories.
_RELATED = r"related(?: (?:posts?|articles?|stories|news|content|reading|coverage|topics))?\s*:?"
_ALSO_LIKE = r"(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy)\W*"
_MORE_STORIES = (
    r"(?:more|recommended|trending|popular|latest) (?:for you|stories|articles|posts|news)\W*"
)
_READ_MORE = r"(?:read|see) (?:more|also|next)\s*:?"
# The marker of an ad slot ("Story continues below advertisement", Politico's "Story Continued
# Below", "Continue reading the main story"): furniture on its own line, and inside one too
# where it sits between two sentences, as scraped text has it (:func:`strip_ad_slots`).
_AD_SLOT = (
    r"(?:(?:the )?(?:story|article|post|text) continu(?:es|ed) (?:below|after (?:this|the) ad"
    r"(?:vertisement)?)(?:\W*(?:this )?ad(?:vertisement)?)?|continue reading (?:below|the main story))"
)

SECTION_BREAKS = _full_line(
    r"(?:add|leave|post|write|submit) an? (?:comment|reply|response)s?\W*",
    r"(?:\d+|no|one|show|view|load|read) (?:comments?|responses?|replies)\W*",
    r"comments?(?: \(\d+\))?\W*",
    r"(?:share|like) this(?: (?:article|post|story|page))?\s*:?",
    r"(?:share|spread) the (?:news|word)\W*",
    _RELATED,
    _ALSO_LIKE,
    _MORE_STORIES,
    r"about the author\W*",
)

# A heading alone on its line over a list of links: the lines under it are other stories'
# headlines ("Related", "Read more:", "See also", "You may also like").
LINK_HEADINGS = _full_line(_RELATED, _ALSO_LIKE, _MORE_STORIES, _READ_MORE)

FURNITURE = _full_line(
    # Comment forms.
    r"your email address will not be published\.?(?: required fields are marked \*?)?\.?",
    r"required fields are marked \*?\.?",
    r"(?:name|email|e-mail|website|comment|message)\s*\*?",
    r"save my name, email, and website in this browser for the next time i comment\.?",
    r"notify me of (?:new|follow-up) (?:comments|posts)\b.{0,60}",
    r"(?:post|submit) (?:comment|reply)",
    r"cancel reply",
    r"this site uses akismet to reduce spam\b.{0,80}",
    r"you must be logged in to post a comment\.?",
    r"log in to (?:reply|comment)\.?",
    # Share buttons and social links.
    r"(?:share|post|tweet|pin) (?:on|to|via|with) (?:" + _SOCIAL + r")\W*",
    # A run of buttons, after a "Share this article:" heading or a count of shares ("8.8k
    # Shares Share Tweet Google", "Share Tweet Email Copy Link Copied").
    rf"(?:share this(?: article| post| story| page)?\s*:\s*|[\d.,]+k? shares\s+)?"
    rf"(?:share|{_SOCIAL})(?:\W+(?:share|{_SOCIAL}|copied|google\+?))*\W*",
    r"\(?opens in new window\)?",
    r"like loading\W*",
    r"(?:be the first to like this|like this:?)\W*",
    # Cookie banners.
    r"(?:we|this (?:web)?site|our (?:web)?site) (?:uses?|stores?) cookies\b.*",
    r"by (?:continuing|using) (?:to use )?this (?:web)?site.{0,200}\bcookies\b.*",
    r"(?:accept|allow|reject|manage)(?: all)?(?: cookies)?(?: settings)?",
    r"cookie (?:policy|settings|preferences)",
    # A consent banner's notice, in the site's voice to the reader: what "we" collect under a
    # privacy or cookie policy, what clicking its button agrees to, how to withdraw consent
    # (probe s46: 27 ReCOVery Sputnik records are only "To improve the performance of our
    # website, ... we collect technical impersonal information about you ... Privacy Policy.",
    # "By clicking on the "Accept & Close" button, you provide your explicit consent ...").
    r"(?:to|we|this (?:web)?site|our (?:web)?site)\b.{0,300}?\bwe (?:and our partners )?"
    r"(?:collect|use|store|process)\b.{0,400}?\b(?:privacy|cookies?)\b[\w ]{0,40}?\bpolic(?:y|ies)\b.*",
    r"by clicking\b.{0,120}?\byou\b.{0,60}?\b(?:consent|agree|accept)\b.{0,40}?"
    r"\b(?:processing|cookies?|data|terms|privacy)\b.*",
    r"you (?:can|may) (?:withdraw|revoke) your consent\b.*",
    r"(?:ok|okay|got it|i agree|dismiss|close)\W*",
    # Newsletters and sign-ups.
    r"(?:sign up|subscribe) (?:for|to) .{0,60}\b(?:newsletters?|updates|alerts|e-?mails?|digest|briefing)\b.{0,80}",
    r"(?:enter your email|your email address)\W*",
    # Navigation and page chrome.
    r"(?:skip to (?:main )?content|jump to navigation|back to top|scroll to top)\W*",
    r"(?:home|menu|search|navigation|main menu|close menu|open menu|toggle navigation)",
    r"(?:advertisement|sponsored(?: content)?|ad)",
    # a link's direction alone on its line, its link lost (probe s47 I2: "Click here to read the
    # full story." after each item of a round-up)
    r"(?:click|tap) here to (?:read|see|view|watch|continue|get|download|learn|find|sign up"
    r"|subscribe|listen)\b.{0,80}",
    # Ad slots and video players that the page marks in its text.
    # with a short call before it on the line ("take our poll - story continues below")
    # or an arrow ("↓ Continue Reading Below")
    rf"(?:[↓⬇▼][ \t]*)?(?:(?:advertisement|(?:\w+ ){{0,3}}\w+\s*[-–—:])\W*)?{_AD_SLOT}\W*",
    r"scroll down for (?:the )?(?:videos?|more)\W*",
    # a page's own directions to its reader (probe s46: "See video of when chaos unfolded, and
    # scroll down to keep reading."), alone on a line; inside one, :func:`strip_page_directions`
    r"(?:(?:see|watch|view|read) [^.!?\n]{0,120}?,? and )?scroll (?:down|up)(?: below)?"
    r" to (?:keep|continue|read|see|watch|view|find|learn)\b[^.!?\n]{0,100}[.!]?",
    r"media playback is (?:unsupported|not supported) on your device\W*",
    r"image zoom|(?:enlarge this image\W*)?toggle caption",
    r"loading\W*",
    _READ_MORE,
    r".{0,100}\ball rights reserved\.?",
)

# A paywall or registration prompt: nothing after it is the article (the page shows a teaser,
# then the prompt and the offer), wherever it sits; a line that is only the prompt is cut too.
PAYWALL_PROMPTS = _full_line(
    r"(?:please )?(?:subscribe|sign in|sign up|log in|login|register)(?: now| today)?"
    r" (?:to|and) (?:continue|keep|start) reading\b.*",
    r"to (?:continue|keep) reading,? (?:please )?(?:subscribe|sign in|sign up|log in|register"
    r"|become an? (?:subscriber|member))\b.*",
    r"you(?:'ve|’ve| have) (?:reached|hit|used up|run out of) (?:your|the|all (?:of )?your)"
    r"(?: \w+){0,3} (?:article|story|reading) (?:limit|allowance|quota)\b.*",
    r"you(?:'ve|’ve| have) (?:reached|hit) (?:your|the) (?:\w+ )?limit of (?:\w+ )?(?:free )?"
    r"(?:articles|stories)\b.*",
    r"this (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) (?:to|for)"
    r" (?:paying |premium |digital )?(?:subscribers|members)\b.*",
)

# Furniture with a free tail (a tag list, a link title): only when the line is not a sentence,
# so "Published in Nature, the study found..." stays.
FURNITURE_LABELS = _full_line(
    r"click to (?:share|email|print|tweet)\b.{0,80}",
    r"follow us(?: on .{1,60})?\W*",
    r"subscribe(?: now| today)?(?: to .{1,60})?\W*",
    r"sign up (?:for|to) .{1,80}",
    r"(?:get|receive) (?:our|the) (?:free )?(?:newsletter|daily|weekly)\b.{0,80}",
    r"(?:posted|filed|published) (?:in|under)\b.{0,150}",
    r"(?:tagged|tags|categories|category|topics|filed under)\s*:.{0,150}",
    r"tagged (?:with|as|in)\b.{0,150}",
    r"(?:previous|next|older|newer) (?:post|article|story|entry)\b.{0,120}",
    r"(?:continue reading|read more|read the full (?:article|story))"
    r"(?:\s*[:»›>…]|\s+(?:from|at|on|about|with|here|in)\b).{0,80}",
    r"(?:©|\(c\)|copyright)\s.{0,150}",
    r"(?:image|photo|picture|video)s? (?:copyright|credit|source)\b(?!.*\bcaption\b).{0,120}",
)


def _credit_word(bracketed: bool = False) -> str:
    """One word of a picture's credit, followed by a space or the line's end (or, inside
    brackets, the closing bracket, which no word of it holds).

    A credit says who took a picture or where it came from, as pages print it under the
    picture ("Kevin Mazur/WireImage", "Getty Images for TIDAL", "Courtesy of User's
    Instagram", "Mega/The Grosby Group Milano"): names, slashes and a few joining words, never
    a lower-case verb, so "Garrett is seen after his arrest" is a caption and stays.
    """
    char, end, after = (
        (r"[^\s)\]]", r"[\"”,;:.]*", r"(?=[\s)\]]|$)")
        if bracketed
        else (r"\S", r"[)\]\"”,;:.]*", r"(?=\s|$)")
    )
    # atomic: every way of reading a word ends at the same place (a regex engine trying each
    # in turn on a line of twelve words would try thousands)
    return (
        rf"(?>[(\[\"“©]*(?:(?-i:[A-Z0-9©@#&]){char}*|{char}*/{char}*|of|via|for|and|by|the|de"
        r"|del|van|von|der|la|le|da|courtesy|images?|photos?|pictures?|staff|pool|file|handout"
        rf"|screen|screenshot|capture|grab|[-–—|/&+]){end}{after})"
    )


def _credit(bracketed: bool = False) -> str:
    """A picture's credit: one to 12 of its words (:func:`_credit_word`)."""
    word = _credit_word(bracketed)
    return rf"{word}(?:[ \t]+{word}){{0,11}}+"


_CREDIT_WORD = _credit_word()
_CREDIT = _credit()
_BRACKETED_CREDIT = _credit(bracketed=True)

# What a page puts before a credit ("Photo:", "Image credit:", "Featured image via", "Picture
# courtesy of"), and the agencies whose name alone, or after a photographer's, is one.
_CREDIT_LABEL = (
    r"(?:(?:featured|header|top|main|cover|lead) )?(?:image|photo|picture|photograph|pic)s?"
    r"(?: (?:credit|courtesy|source))?s?[ \t]*(?::|\bby\b|\bvia\b|\bcourtesy(?: of)?\b|\bfrom\b)"
    r"|credits?[ \t]*:|courtesy(?: of)?\b"
)
_AGENCY = (
    r"getty(?: images)?|wireimage|filmmagic|shutterstock|rex(?: features)?|backgrid"
    r"|splash(?: news)?|mega(?: agency)?|gc images|invision|ap (?:images|photo)|wenn|corbis"
    r"|alamy|istock(?:photo)?|giphy|bauer-griffin|fameflynet|x17(?:online)?|akm-gsi"
)
# after a slash, a news agency is a credit too ("Kevin Lamarque/Reuters", "Evan Vucci/AP")
_AGENCY_AFTER_SLASH = _AGENCY + r"|ap|reuters|afp|epa|pa|dpa|xinhua|sipa|zuma|bloomberg|nurphoto"
_CREDIT_LINE = re.compile(
    rf"^[ \t]*(?:[(\[][ \t]*)?(?:{_CREDIT_LABEL})[ \t]*{_CREDIT}[ \t]*$"
    rf"|^[ \t]*(?:via[ \t]+)?(?:{_AGENCY})(?:[ \t]+for[ \t]+{_CREDIT})?[\W_]*$"
    rf"|^[ \t]*(?:{_CREDIT_WORD}[ \t]+){{0,6}}\S*/[ \t]*(?:{_AGENCY_AFTER_SLASH})"
    rf"(?:[ \t]+for[ \t]+{_CREDIT})?[\W_]*$",
    re.IGNORECASE,
)

# A date stamp alone on its line: "Published: 13:12 EST, 29 January 2020 | Updated: 14:34 EST,
# 29 January 2020", "Updated at 9:20 p.m. ET", "Posted: 2019-11-24 18:40:12", "Last updated
# 8/7/12", "Posted 3 days ago", "8:00 a.m. EDT". A stamp has a label ("Published", "Updated",
# "Posted" ...) or a clock time; a bare date ("October 8, 2016") may head a timeline and stays.
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_NAME = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]*[ap]\.?m\.?)?|\d{1,2}[ \t]*[ap]\.?m\.?"
_ZONE = (
    r"(?:[ecmp][sd]?t|gmt|utc|bst|ist|ae[sd]t|hst|cet|cest|wib|sgt|hkt|jst|kst|msk"
    r"|(?:eastern|central|mountain|pacific|local)(?: standard| daylight)? time)\b"
)
_DATE_WORD = (
    rf"(?:{_CLOCK}|{_MONTH_NAME}|{_DAY_NAME}|{_ZONE}|\d{{1,4}}(?:[-/.]\d{{1,4}}){{0,2}}"
    r"(?:st|nd|rd|th)?|at|on|of|as of|today|yesterday|ago|(?:hour|minute|day|week|month)s?"
    r"|hrs?|mins?)[,.]?"
)
# possessive, as the stamps below are atomic: a line of clock times and zones that ends in a
# word is no stamp, and without them the engine tried every split of it (exponential)
_DATE = rf"{_DATE_WORD}(?:[ \t]+{_DATE_WORD}){{0,9}}+"
_STAMP_LABEL = (
    r"(?:(?:last|first|originally)[ \t]+)?(?:published|updated|posted|modified|uploaded)"
    r"(?:[ \t]+(?:date|on|at))?[ \t]*:?"
)
# unlabelled, a clock time with its zone ("8:00 a.m. EDT"): "At 5 p.m." may head a paragraph
_STAMP = (
    rf"(?>{_STAMP_LABEL}[ \t]*{_DATE}"
    rf"|(?=(?:\S+[ \t]+){{0,4}}?(?:{_CLOCK})[ \t]*,?[ \t]+{_ZONE}){_DATE})"
)
_DATE_STAMP_LINE = re.compile(
    rf"^[ \t]*{_STAMP}(?:[ \t]*(?:[|/·•–—-][ \t]*)?{_STAMP})*+[ \t]*[:.]?[ \t]*$", re.IGNORECASE
)


# A notice the page's player, browser check or app promotion prints in its text, in the words
# no story uses: "We've detected that JavaScript is disabled in this browser." (a tweet that
# failed to load), "No compatible source was found for this video.", "The video will start in 8
# Cancel", "Visit Business Insider's homepage for more stories.", "Get push notifications with
# news, features and more.", "Download the new Independent Premium app ...", "(Excerpt) Read
# more at: E! Online", "2,345 total views, 12 views today"; and the outlet's own sign-off ("Read
# or Share this story: https://...", "Send letters to letters@suntimes.com.", "Liked it? Take a
# second to support The Duran on Patreon!"), which names the publisher, no part of the story
# (ReCOVery's labels are its publishers' ratings). A call to share a story is no
# notice: it may be the story's own ("Share this article before it gets deleted!").
_PAGE_NOTICE_LINE = re.compile(
    r"^[ \t]*(?:"
    r"(?:we(?:'|’)ve detected that |it (?:looks|seems) like )?javascript is (?:disabled|required"
    r"|not enabled|turned off)\b.{0,150}"
    r"|please (?:enable|turn on) javascript\b.{0,150}"
    r"|you can see a list of supported browsers\b.{0,80}"
    r"|(?:your|this) browser (?:does not|doesn(?:'|’)t) support\b.{0,120}"
    r"|no compatible source was found for this (?:video|media)\W*"
    r"|the video will start in \d+(?: seconds?)?(?: cancel)?\W*"
    r"|loading the (?:player|video)\W*"
    r"|(?:sound )?the gallery will resume in (?:\d+ )?seconds\W*"
    r"|recaptcha requires verification\W*|protected by recaptcha\W*"
    r"|visit [\w ’'.!&-]{1,40}(?:'|’)s homepage for more stories\W*"
    r"|get push notifications\b.{0,80}"
    r"|download the new [\w ’'.!&-]{1,40} app\b.{0,100}"
    r"|(?:new )?you can now listen to [\w ’'.!&-]{1,40} articles\W*"
    r"|\(excerpt\) read more (?:at|on)\b.{0,80}"
    r"|[\d,]+ total views?,? [\d,]+ views? today"
    # the outlet's own sign-off: its link back, its letters address, its appeal for money
    r"|read or share this story:.{0,200}"
    r"|send (?:your )?letters to [\w.+-]+@[\w.-]+\.?"
    r"|liked it\? take a second to support .{1,60} on patreon\W*"
    r")[ \t]*$",
    re.IGNORECASE,
)


def is_credit_or_stamp(line: str) -> bool:
    """A line that is only a picture's credit, a date stamp or a page's notice
    (:data:`_CREDIT_LINE`, :data:`_DATE_STAMP_LINE`, :data:`_PAGE_NOTICE_LINE`): furniture at
    any length, since none matches a sentence of a story."""
    if len(line) > _MAX_STAMP_CHARS:
        return False
    return bool(
        _CREDIT_LINE.match(line) or _DATE_STAMP_LINE.match(line) or _PAGE_NOTICE_LINE.match(line)
    )


_MAX_STAMP_CHARS = 200

_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_SENTENCE_END = re.compile(r"[.?…\"”’]\s*$")
_FULL_STOP_END = re.compile(r"\.[\"”’']?\s*$")


def is_section_break(line: str) -> bool:
    """A heading that starts the comments, share or related-posts part of a page."""
    return bool(SECTION_BREAKS.match(line.strip()))


def is_paywall(line: str) -> bool:
    """A paywall or registration prompt: the article text, if any, ended before it."""
    return bool(PAYWALL_PROMPTS.match(line.strip()))


def is_furniture(line: str) -> bool:
    """A whole line of site furniture (a section break included)."""
    stripped = line.strip()
    if not stripped:
        return False
    if SECTION_BREAKS.match(stripped) or FURNITURE.match(stripped) or is_credit_or_stamp(stripped):
        return True
    return bool(FURNITURE_LABELS.match(stripped)) and not _SENTENCE_END.search(stripped)


def _is_label(line: str) -> bool:
    """A short line that is not a sentence: a button, link or nav label."""
    stripped = line.strip()
    # maxsplit: a paragraph need not be split whole to know it has too many words
    words = stripped.split(maxsplit=_MAX_LABEL_WORDS)
    return len(words) <= _MAX_LABEL_WORDS and not _SENTENCE_END.search(stripped)


def _is_listed_headline(line: str) -> bool:
    """A line that can be one headline of a list of links: short, no full stop at its end (a
    question or an exclamation may end one)."""
    stripped = line.strip()
    words = stripped.split(maxsplit=_MAX_LISTED_HEADLINE_WORDS)
    return len(words) <= _MAX_LISTED_HEADLINE_WORDS and not _FULL_STOP_END.search(stripped)


def link_list_indices(lines: Sequence[str]) -> set[int]:
    """The lines of each list of links to other stories: a link heading (:data:`LINK_HEADINGS`)
    and the headlines under it, blank lines between them allowed, up to the first line that is
    no headline (a sentence ends the list and stays)."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        if not LINK_HEADINGS.match(lines[index].strip()):
            index += 1
            continue
        found.add(index)
        index += 1
        while index < len(lines) and (
            not lines[index].strip() or _is_listed_headline(lines[index])
        ):
            if lines[index].strip():
                found.add(index)
            index += 1
    return found


def _is_paragraph(line: str) -> bool:
    """A line of the article's prose: it ends in a full stop after eight words or more."""
    return len(line.split(maxsplit=8)) > 8 and bool(_FULL_STOP_END.search(line))


def _story_goes_on(lines: Sequence[str], index: int) -> bool:
    """Whether the link heading at ``index`` ("Related:", "Related Stories") stands over the
    article's own next paragraphs instead of the headlines it introduced: a widget inside the
    story whose links the copy lost. Two paragraphs in a row under it say so; a list of
    headlines seldom ends two lines running in full stops, and a teaser's excerpt glued to its
    headline is one such line, not two."""
    if not LINK_HEADINGS.match(lines[index].strip()):
        return False
    following = (line for line in lines[index + 1 :] if line.strip())
    return all(_is_paragraph(next(following, "")) for _ in range(2))


def _cut_at_section_break(lines: list[str]) -> list[str]:
    total = sum(len(line) + 1 for line in lines)
    position = 0
    for index, line in enumerate(lines):
        if is_paywall(line):
            return lines[:index]
        if (
            index > 0
            and position >= total * _SECTION_BREAK_MIN_POSITION
            and is_section_break(line)
            and not _story_goes_on(lines, index)
        ):
            return lines[:index]
        position += len(line) + 1
    return lines


def _trim_tail(lines: list[str]) -> list[str]:
    """Drop the trailing run of furniture and labels, from its first furniture line on."""
    run_start = len(lines)
    while run_start > 0 and (
        not lines[run_start - 1].strip()
        or is_furniture(lines[run_start - 1])
        or _is_label(lines[run_start - 1])
    ):
        run_start -= 1
    if run_start == 0:  # all short lines: a headline may lead, drop only the furniture at the end
        end = len(lines)
        while end > 0 and (not lines[end - 1].strip() or is_furniture(lines[end - 1])):
            end -= 1
        return lines[:end]
    first_furniture = next(
        (i for i in range(run_start, len(lines)) if is_furniture(lines[i])), None
    )
    return lines if first_furniture is None else lines[:first_furniture]


def _trim_head(lines: list[str]) -> list[str]:
    """Drop a leading run of furniture and labels that starts with furniture.

    Labels after the last furniture line stay (one may be the headline), except one-word ones:
    nav items ("News", "Politics"), never a headline.
    """
    if not lines or not is_furniture(lines[0]):
        return lines
    cut = 0
    for index, line in enumerate(lines):
        if is_furniture(line) or (index == cut + 1 and len(line.split()) == 1 and _is_label(line)):
            cut = index
        elif line.strip() and not _is_label(line):
            break
    return lines[cut + 1 :]


# A web form's hidden field, whose text a copy keeps ("This field is for validation purposes and
# should be left unchanged.", Gravity Forms): the line closes a form, a poll or a sign-up box set
# into the story, which an ad slot's marker opens ("take our poll - story continues below"); the
# lines between are the form's question and options (probe s47 I2: "TRUMP or BIDEN You Decide *
# Donald J. Trump Joe Biden Undecided" read as the story's words, "biden" among those lowering
# its score).
_FORM_FIELD = re.compile(r"(?i:this field is for validation purposes and should be left unchanged)")
_AD_SLOT_LINE = _full_line(rf"(?:(?:\w+ ){{0,3}}\w+\s*[-–—:]\W*)?{_AD_SLOT}\W*")
# the most lines of a form between its marker and its hidden field
_MAX_FORM_LINES = 8
# the most words of a form's line: a longer line holds the story too (a copy that kept the whole
# page on one line, the poll in its middle), and goes only with the story
_MAX_FORM_LINE_WORDS = 40


def form_line_indices(lines: Sequence[str]) -> set[int]:
    """The lines of each form set into the text: the line with its hidden field's text
    (:data:`_FORM_FIELD`) and, when an ad slot's marker stands at most :data:`_MAX_FORM_LINES`
    lines before it, the marker and the lines between; each of them a form's line, at most
    :data:`_MAX_FORM_LINE_WORDS` words (a longer line holds the story's words: kept whole)."""

    def short(line: str) -> bool:
        return len(line.split()) <= _MAX_FORM_LINE_WORDS

    found: set[int] = set()
    for index, line in enumerate(lines):
        if "validation" not in line or not _FORM_FIELD.search(line) or not short(line):
            continue
        found.add(index)
        for before in range(index - 1, max(-1, index - 1 - _MAX_FORM_LINES), -1):
            if not short(lines[before]):
                break
            if _AD_SLOT_LINE.match(lines[before].strip()):
                found.update(range(before, index))
                break
    return found


def article_line_indices(lines: list[str]) -> list[int]:
    """The positions of the article's lines among ``lines``, site furniture left out."""
    end = len(_trim_tail(_cut_at_section_break(lines)))
    start = end - len(_trim_head(lines[:end]))
    links = {start + index for index in link_list_indices(lines[start:end])}
    forms = {start + index for index in form_line_indices(lines[start:end])}
    return [
        index
        for index in range(start, end)
        if index not in links and index not in forms and not _is_interior_furniture(lines[index])
    ]


# A link to another story with its label, alone on its line: "More:Can hydroxychloroquine
# prevent COVID-19? President Trump thinks maybe. There's no data to support that." (USA
# Today's teasers, the space after the colon lost), "RELATED VIDEO: Jaime Pressly Is Pregnant
# With Twins", "Also Read: ...", "SEE ALSO: ...", "(MORE: Coronavirus updates: ...)", or the
# label alone ("RELATED STORY:", its link lost). The headline starts with a capital, a digit
# or a quotation mark ("Listen: it's entirely possible ..." is the writer's own); a label that
# runs on into the article's next sentence ("RELATED: Political odd couple: Ivanka Trump and
# Chelsea Clinton Overall, 47% of Democratic ... voters say ...") is too long to go, and a
# line that ends in a full stop is one only when shorter still (:func:`is_labelled_link`).
_LINK_LABEL = (
    r"more|related(?: (?:posts?|articles?|stories|story|news|content|coverage|links?|videos?"
    r"|galler(?:y|ies)|photos|slideshow|reading))?|(?:read|see) (?:more|also)|also read|read"
    r"|must read|don'?t miss|recommended(?: reading| stories| for you)?"
)
_LABELLED_LINK_LINE = re.compile(
    rf"[(\[]?(?:{_LINK_LABEL})[ \t]*:(?:[ \t]*(?-i:[A-Z0-9\"'‘“]).*)?", re.IGNORECASE
)
# Each label starts with one of these letters (or a bracket): a line that does not is not read.
_LINK_LABEL_STARTS = frozenset("MmRrSsAaDd([")
_MAX_LINK_WORDS = 24
# A run-on with a full stop at its end was 15 words ("RELATED: Drug That Fights Potentially
# Deadly Infection Goes From $13.50 to $750 Daraprim fights toxoplasmosis."); the teasers
# that end in one, 14 at most.
_MAX_LINK_WORDS_WITH_FULL_STOP = 14


def is_labelled_link(line: str) -> bool:
    """A whole line that is a labelled link to another story (:data:`_LABELLED_LINK_LINE`)."""
    if not line or line[0] not in _LINK_LABEL_STARTS or not _LABELLED_LINK_LINE.fullmatch(line):
        return False
    words = len(line.split(maxsplit=_MAX_LINK_WORDS))
    return words <= _MAX_LINK_WORDS_WITH_FULL_STOP or (
        words <= _MAX_LINK_WORDS and not _FULL_STOP_END.search(line)
    )


# A picture's caption with the agency's credit at its end, alone on its line, as wire pages
# print it under the picture: "FILE PHOTO: An oil pumpjack is seen in Velma, Oklahoma U.S.
# April 7, 2016. REUTERS/Luc Cohen/File Photo", "... in Boston, May 8, 2020. Brian Snyder/Reuters",
# "... Handout via REUTERS", "(Mark Blinch/Reuters)", AP's "... (AP Photo/John Carucci, File)"
# and UPI's "... File Photo by Jim Ruymen/UPI | License Photo". The caption describes a picture
# and the credit says whose it is: no sentence of a story ends in the agency's credit form (a
# story says "told Reuters." or "a Reuters/Ipsos poll found").
_REUTERS = r"(?-i:REUTERS|Reuters)"
_WIRE_CREDIT_END = re.compile(
    rf"(?:(?<![\w/])[(\[]?(?:{_REUTERS}[ \t]*|(?-i:AP) Photo)/[ \t]*{_CREDIT}"
    # the photographer's name, up to four words, before the agency's; it starts a word, so that
    # a long word is read once from its start, not once from each of its letters (hostile
    # round 9: 1 MB of lines of 300 capitals and "Reuters" took ingest 7.7 s)
    rf"|(?:(?<![^\s(\[])[(\[]?(?:(?-i:[A-Z])\S*[ \t]+){{0,3}}(?-i:[A-Z])\S*[ \t]*[/|]"
    rf"|(?<!\S)via|/via)"
    rf"[ \t]*{_REUTERS}"
    rf"(?:[ \t]*,[ \t]*(?-i:FILE)|[ \t]*/[ \t]*File Photo)?[)\]]?"
    rf"|/{_REUTERS} by[ \t]+{_CREDIT}"
    r"|(?:(?-i:File) photo by[ \t]+[^\n]{1,80}?)?/[ \t]*UPI[ \t]*\|[ \t]*License Photo)"
    # Yahoo's "More" button after the caption; ABC News' agency line after AP's credit
    r"(?:[ \t]+(?-i:More|The Associated Press))?[ \t]*$",
    re.IGNORECASE,
)
# A picture agency's credit at a caption's end, in the shape picture desks print it: the
# photographer's name, up to four words ("Gilbert Carrasquillo", "J. Scott Applewhite",
# "Axelle/Bauer-Griffin", "NBC/NBCU Photo Bank"), a dash, a slash or "via", then the agency
# ("Gilbert Carrasquillo—FilmMagic", "Gary Miller—FilmMagic/Getty Images", "Evan Vucci—AP",
# "Kevin Winter/Getty Images for DCP", "Photo by Dimitrios Kambouris / Getty Images"). Any
# agency of :data:`_AGENCY_AFTER_SLASH` (picture agencies and news agencies' photo desks); the
# credit may go on with the agency's client ("for Peabody").
_AGENCY_CREDIT_END = re.compile(
    rf"(?<![^\s(\[])[(\[]?(?:(?-i:Photo)(?:graph)? by[ \t]+)?"
    rf"(?:(?-i:[A-Z])[^\s—–]*[ \t]+){{0,3}}(?-i:[A-Z])[^\s—–]*"
    rf"(?:[ \t]*[—–/][ \t]*|[ \t]+via[ \t]+)"
    rf"(?:{_AGENCY_AFTER_SLASH})(?:[ \t]*/[ \t]*(?:{_AGENCY_AFTER_SLASH}))*"
    rf"(?:[ \t]+for[ \t]+{_CREDIT})?[)\]]?[ \t]*$",
    re.IGNORECASE,
)
# What every such credit holds near the line's end: a dash, a slash or "via" before the agency
# (tested first, as substrings), then the agency's name after one (a line of prose with a dash
# or a slash, 8% of GossipCop's, is not searched further).
_AGENCY_CREDIT_MARKS = ("—", "–", "/", " via ")
_AGENCY_AFTER_MARK = re.compile(
    rf"(?:[—–/]|\bvia)[ \t]*(?:{_AGENCY_AFTER_SLASH})(?![^\W_])", re.IGNORECASE
)
_AGENCY_CREDIT_TAIL_CHARS = 80
# the words of a credit before its mark: "Photo by" and a name of four words
_AGENCY_CREDIT_WORDS_BEFORE_MARK = 6
# A caption's own label: Reuters' "FILE PHOTO:" (which also starts a caption whose credit was
# lost: "... are seen in this illustration"), AP's "FILE -", Yahoo's "PHOTO:"; and AP's opening
# of a caption, which says it is one ("In this photo taken Monday, April 27, 2020, crowds ...",
# "In this Sept. 29, 2011 file photo, ...", "In this image made from video, ..."): AP's
# captions go on with a second sentence of the story's context, and so read as a paragraph of
# the story and the caption run together (:func:`_sentence_inside`) without it.
_CAPTION_LABEL = re.compile(
    r"(?-i:FILE PHOTO|FILE|PHOTO)[ \t]*[:–—-]"
    r"|(?-i:In this)[ \t]+[^\n]{0,60}?\b(?-i:photo|image|picture|photograph|frame grab)s?\b"
)
# A whole line that is a quotation, then a dash: another outlet's headline credited to it, as a
# roundup lists them ('“Is Newlywed Emily Ratajkowski Pregnant?” —X17', "“...” —E! News"),
# not a picture's caption; a caption may end in a quoted title ('... the reboot of "Roseanne."
# Adam Rose/ABC/AP') but does not open on one.
_QUOTED_HEADLINE = re.compile(r"[“\"][^“”\"\n]+[”\"][ \t]*[—–]")
# A word before a sentence's end inside what comes before the credit (:func:`_sentence_inside`),
# read whole from its start: a pattern that tried each letter of a long word as the word's
# start cost the word's length squared (hostile round 9: a 32 KB line of "w'w'w'..." ending
# in a credit took 4 s).
_WORD_BEFORE_SENTENCE_END = re.compile(
    r"(?<![\w'’-])([\w'’-]++)(?=[.!?][\"”’)]*[ \t]+[\"“‘(]?[A-Z])"
)
_WORD_MARKS = "'’-"
# The longest caption found in the article corpora has 71 words; a longer line is a page's
# paragraphs run together.
_MAX_CAPTION_WORDS = 80
# ... and a labelled one's, AP's caption with its second sentence (86 words, ReCOVery abc_news:8)
_MAX_LABELLED_CAPTION_WORDS = 120
# the credit is in the line's last characters (the longest found: "... REUTERS/U.S. Navy/Mass
# Communication Specialist Seaman Anna Van Nuys/Handout", 76), searched from a little before
_MAX_CREDIT_CHARS = 120
_MAX_CAPTION_CREDIT_CHARS = 300


# An agency's name alone after a caption's last sentence, as CBS prints AP's and Getty's pictures
# ('This 1970 photo released by ... of the television series, "The Partridge Family." AP',
# "Singer David Cassidy and wife Susan attend ... in New York. Getty": probe s46, the first
# and third check-worthy claims of an obituary): a one-sentence line with it is a caption.
_BARE_CREDIT_END = re.compile(
    rf"(?:(?<=[.!?])|(?<=[.!?][\"”’]))[ \t]+(?-i:(?=[A-Z]))(?:{_AGENCY_AFTER_SLASH})[ \t]*$",
    re.IGNORECASE,
)
_MIN_BARE_CAPTION_WORDS = 4
# the words of those names, one of which ends such a line: a line that ends in another word (most
# prose) is not searched (each line searched cost ingest 0.06 CPU ms an article, +16%)
_AGENCY_WORDS = frozenset(re.findall(r"[\w-]+", _AGENCY_AFTER_SLASH))


def is_wire_photo_caption(line: str) -> bool:
    """A whole line that is a picture's caption with a news or picture agency's credit at its
    end (:data:`_WIRE_CREDIT_END`, :data:`_AGENCY_CREDIT_END`): one sentence, or under a caption's label
    (:data:`_CAPTION_LABEL`); or a line under Reuters' "FILE PHOTO:" label whose credit was
    lost, with no full stop at its end (one that has may be the story run on after the
    caption). A credit with its own label ("... Czech Republic. Picture: David W Cerny/Reuters")
    is read as gone first: it goes alone and the caption stays, as for any picture
    (:func:`strip_picture_credits`)."""
    tail = line[-_MAX_CREDIT_CHARS:]
    agency_tail = line[-_AGENCY_CREDIT_TAIL_CHARS:]
    last_word = agency_tail[agency_tail.rstrip().rfind(" ") + 1 :].strip().lower()
    bare = _BARE_CREDIT_END.search(agency_tail) if last_word in _AGENCY_WORDS else None
    if bare is not None:
        at = len(line) - len(agency_tail) + bare.start()
        words = len(line.split(maxsplit=_MAX_CAPTION_WORDS))
        return _MIN_BARE_CAPTION_WORDS < words <= _MAX_CAPTION_WORDS and not (
            _sentence_inside(line, at)
        )
    # what every credit holds: a line without it (most prose) is not searched
    wire = (
        line.startswith(("FILE", "PHOTO"))
        or "euters" in tail
        or "EUTERS" in tail
        or " Photo" in tail
    )
    agency = any(mark in agency_tail for mark in _AGENCY_CREDIT_MARKS) and (
        _AGENCY_AFTER_MARK.search(agency_tail) is not None
    )
    if not (wire or agency):
        return False
    words = len(line.split(maxsplit=_MAX_LABELLED_CAPTION_WORDS))
    if words > _MAX_LABELLED_CAPTION_WORDS or (
        words > _MAX_CAPTION_WORDS and not _CAPTION_LABEL.match(line)
    ):
        return False
    line = strip_picture_credits(line)
    if _QUOTED_HEADLINE.match(line):
        return False
    labelled = _CAPTION_LABEL.match(line) is not None
    if labelled and line.startswith("FILE PHOTO") and not _FULL_STOP_END.search(line):
        return True
    start = max(0, len(line) - _MAX_CAPTION_CREDIT_CHARS)
    credit = _WIRE_CREDIT_END.search(line, start) if wire else None
    if credit is None and agency:
        credit = _agency_credit_end(line, start)
    if credit is None:
        return False
    return labelled or not _sentence_inside(line, credit.start())


def _agency_credit_end(line: str, start: int) -> re.Match[str] | None:
    """:data:`_AGENCY_CREDIT_END` in ``line[start:]``, searched from a few words before the
    first dash, slash or "via" that an agency's name follows (:data:`_AGENCY_AFTER_MARK`).
    The credit's own mark is that one or a later one, and before its mark a credit holds
    only "Photo by" and a name of up to four words, none with a dash in it (hostile round
    10: searched from each word of the line, 1 MB of lines "A A ... A —Getty Images" took
    ingest 3.4 s at load 11)."""
    mark = _AGENCY_AFTER_MARK.search(line, start)
    if mark is None:
        return None
    before = line[start : mark.start()]
    words = before.rsplit(maxsplit=_AGENCY_CREDIT_WORDS_BEFORE_MARK)
    far = len(words[0]) if len(words) > _AGENCY_CREDIT_WORDS_BEFORE_MARK else 0
    dash = max(before.rfind("—"), before.rfind("–"))
    return _AGENCY_CREDIT_END.search(line, start + max(far, dash + 1))


def _sentence_inside(line: str, end: int) -> bool:
    """Whether a sentence ends inside ``line[:end]``: after a word, or a part of one after an
    apostrophe or a hyphen, in lower case ("... the researchers said. Passengers wear masks
    ...") or capitalised and too long to be an abbreviation ("Gov.", "Calif.", "U.S." end
    none). Scraped pages join a paragraph of the story and the caption under it on one line;
    such a line stays, the story's sentences with it (a caption of one sentence, or one under
    its label, goes)."""
    for match in _WORD_BEFORE_SENTENCE_END.finditer(line, 0, end):
        word = match.group(1)
        for at, char in enumerate(word):
            if at and word[at - 1] not in _WORD_MARKS:
                continue  # not where a part of the word starts
            if ("a" <= char <= "z" and len(word) - at >= 2) or (
                "A" <= char <= "Z" and len(word) - at >= 6
            ):
                return True
    return False


# A link to another page of the site, its arrow at its end, alone on its line: "See the
# most-read stories in Entertainment this hour »", "Read more personal finance coverage »",
# "FULL COVERAGE: Grammys 2018 »", "• Astros embrace, enjoy their moment »". Its words do not
# end a sentence before the arrow: a paragraph of an accordion whose expand button left an arrow
# after its last sentence ('Fired from his company ... Sciences. »') is the story's and stays.
_ARROW_LINK_LINE = re.compile(r"[^\n]{0,200}?[^\s.!?…\"”’)][ \t]*[»›]")
_MAX_ARROW_LINK_WORDS = 20


# ... or its arrows before it, and no sentence's end after (">> See photos here frame-by-frame
# from when Michael Bennett was put in the back of a police car": probe s46, KIRO 7)
_ARROWS_BEFORE_LINK = re.compile(r"(?:>>|»|›)[ \t]*[^\n]{1,200}?[^\s.!?…\"”’)]")


def is_arrow_link(line: str) -> bool:
    """A line that is only a link to another page, its arrow (» or ›) at its end
    (:data:`_ARROW_LINK_LINE`) or arrows before it (:data:`_ARROWS_BEFORE_LINK`), of at most
    20 words."""
    stripped = line.strip()
    if stripped.startswith((">>", "»", "›")):
        words = stripped.split(maxsplit=_MAX_ARROW_LINK_WORDS)
        return len(words) <= _MAX_ARROW_LINK_WORDS and bool(_ARROWS_BEFORE_LINK.fullmatch(stripped))
    if not stripped.endswith(("»", "›")):
        return False
    words = stripped.split(maxsplit=_MAX_ARROW_LINK_WORDS)
    return len(words) <= _MAX_ARROW_LINK_WORDS and bool(_ARROW_LINK_LINE.fullmatch(stripped))


def _is_interior_furniture(line: str) -> bool:
    """A line inside the text that goes: a credit or a date stamp, a picture's caption with a
    news agency's credit, a labelled link to another story, a link with its arrow, or a short
    furniture line (longer lines are prose; their words are counted before any pattern is
    tried)."""
    stripped = line.strip()
    if not stripped:
        return False
    if (
        is_credit_or_stamp(stripped)
        or is_labelled_link(stripped)
        or is_arrow_link(stripped)
        or is_wire_photo_caption(stripped)
    ):
        return True
    words = stripped.split(maxsplit=_MAX_INTERIOR_WORDS)
    return len(words) <= _MAX_INTERIOR_WORDS and is_furniture(stripped)


# An ad slot's marker inside a line, where a sentence (or the line) ends before it and another
# starts after it: "... an impact. Story Continued Below Johnson said ..." (a sentence that only
# mentions one, "the story continued below the fold", is not between two sentences).
_INLINE_AD_SLOT = re.compile(
    r"(?:(?<=^)|(?<=[.!?\"”’)]\s))[ \t]*(?i:(?:advertisement\s*[-–—:]?\s*)?"
    + _AD_SLOT
    + r"|scroll down for (?:the )?videos?)[ \t]*(?:\.\.\.|…)?(?:[ \t]+(?=[A-Z\"“‘'(])|[ \t]*$)",
    re.MULTILINE,
)


# An ad slot's marker wherever it sits in a line, in forms prose never takes: after
# "Advertisement -" (even glued to the word before: "Obama's Big SecretAdvertisement - story
# continues below While ..."), in capitals ("Related Stories STORY CONTINUES BELOW Two
# Arrested ..."), or trailing off ("..., post continues below...").
_MARKED_AD_SLOT = re.compile(
    r"[ \t]*(?:(?i:advertisement\s*[-–—:]\s*(?:" + _AD_SLOT + r"))"
    r"|(?:THE )?(?:STORY|ARTICLE|POST) CONTINUES BELOW"
    r"|(?i:(?:the )?(?:story|article|post) continues below)[ \t]*(?:\.\.\.|…)"
    # ... or with the ad named without an article (WENN's lists: "... HBO/WENN article
    # continues below ad 13 Melissandre ..."; prose says "below the ad"), or in brackets
    r"|(?i:(?:the )?(?:story|article|post|text) continu(?:es|ed) (?:below|after this)"
    r" (?:ad|advert|advertisement)\b)"
    r"|[(\[](?i:(?:the )?(?:story|article|post) continues below)[)\]])[ \t]*"
)


# A word every ad-slot marker with "continu..." holds after it (:data:`_AD_SLOT`).
_AD_SLOT_TAILS = ("below", "after th", "main story")
# The words every match of :data:`_INLINE_AD_SLOT` holds, and those every match of
# :data:`_MARKED_AD_SLOT` holds (its capitals' form too), lower-cased: the patterns start with
# optional spaces, so the engine tries them at every position of a line; these start with a
# fixed word. A long paragraph that says "continued" and "below" apart is not searched.
_INLINE_AD_SLOT_WORDS = (
    r"continu(?:e[sd] (?:below|after th)|e reading (?:below|the main story))|scroll down for "
)
_MARKED_AD_SLOT_WORDS = r"continu(?:e[sd] (?:below|after th)|e reading (?:below|the main story))"
_INLINE_AD_SLOT_WORDS_LOWER = re.compile(_INLINE_AD_SLOT_WORDS)
_INLINE_AD_SLOT_WORDS_ANY_CASE = re.compile(_INLINE_AD_SLOT_WORDS, re.IGNORECASE)
_MARKED_AD_SLOT_WORDS_ANY_CASE = re.compile(_MARKED_AD_SLOT_WORDS, re.IGNORECASE)


def _holds_ascii_lookalike(line: str) -> bool:
    """Whether ``line`` holds a character besides the ASCII letters that a case-blind pattern
    reads as an ASCII letter: İ, ı, ſ or the Kelvin sign. Without one, a case-blind pattern
    of ASCII words matches ``line`` only where the case-sensitive pattern of the same words in
    lower case matches ``line.lower()``, at the same offsets (the lower case of any other
    character is one character, and no ASCII letter)."""
    return "\u0130" in line or "\u0131" in line or "\u017f" in line or "\u212a" in line


def strip_ad_slots(line: str) -> str:
    """``line`` without the ad-slot markers inside it (:data:`_AD_SLOT`)."""
    # What every marker holds, in lower case or capitals ("SCROLL DOWN FOR VIDEO"): a line
    # without it is returned at once (a substring test is 4 times as fast as a regex one).
    if (
        "ontinu" not in line
        and "ONTINU" not in line
        and "croll" not in line
        and "CROLL" not in line
    ):
        return line
    # and what follows "continu...": a long paragraph that only says "continued" or "continues"
    # (a third of the articles) is not searched by the two patterns (which doubled ingest's cost)
    lower = line.lower()
    if "croll" not in lower and not any(tail in lower for tail in _AD_SLOT_TAILS):
        return line
    # nor one whose words are apart ("continued ... below": 4 in 5 of the lines left on
    # bench/throughput.py's 1,000-word articles, where trying the patterns at every position
    # cost 0.2 CPU ms an article, 6% of the fast path)
    if _holds_ascii_lookalike(line):
        if _INLINE_AD_SLOT_WORDS_ANY_CASE.search(line) is None:
            return line
    elif _INLINE_AD_SLOT_WORDS_LOWER.search(lower) is None:
        return line
    stripped = _INLINE_AD_SLOT.sub("", line)
    if _MARKED_AD_SLOT_WORDS_ANY_CASE.search(stripped) is not None:
        stripped = _MARKED_AD_SLOT.sub(" ", stripped)
    return stripped.strip(" \t") if stripped != line else line


# The labels a page puts before a picture's or a video's caption or credit, as BBC pages have
# them: "Image copyright Reuters Image caption The river burst its banks", "Media playback is
# unsupported on your device Media caption Residents describe the flooding"; People's "Image
# zoom Chris Jackson/Getty Images" and NPR's "Enlarge this image toggle caption Evan Vucci/AP"
# (the button labels of the picture). The caption or the credit stays.
_CAPTION_LABELS = re.compile(
    r"^[ \t]*(?:(?:image copyright [^\n]{1,80}?[ \t]+(?=image caption\b)"
    r"|media playback is unsupported on your device[ \t]+(?=media caption\b))?"
    r"(?:image|media) caption|image zoom|(?:enlarge this image[ \t]+)?toggle caption)[ \t]+(?=\S)",
    re.IGNORECASE,
)


def strip_caption_labels(line: str) -> str:
    """``line`` without the labels before a caption (:data:`_CAPTION_LABELS`)."""
    lowered = line[:120].lower()
    if "aption" in lowered or "image zoom" in lowered:
        return _CAPTION_LABELS.sub("", line)
    return line


# A picture's credit inside a line: in brackets anywhere ("... in Santa Monica. (Photo by Kevin
# Mazur/WireImage) SANTA MONICA, CA ...", "[Featured Image by Mike Coppola/Getty Images]", "(Photo:
# AP)"), after the caption that ends a line ("Thandie Newton in Monse Photo: Getty Images",
# "... within weeks Credit: Getty Images - Getty"), or in the scraped form that repeats it
# ("Image: ActuSecours) ActuSecours) Spanish PM ..."). The caption stays.
_BRACKETED_CREDIT_LABEL = (
    r"(?:(?:featured|header|top|main|cover|lead) )?(?:image|photo|picture|photograph|pic)s?"
    r"(?: (?:credit|courtesy|source))?s?[ \t]*(?::|\bby\b|\bvia\b|\bcourtesy\b)"
    r"|credits?[ \t]*:|courtesy\b"
)
_TRAILING_CREDIT_LABEL = (
    r"(?:(?:featured|header|top|main|cover|lead) )?(?:image|photo|picture|photograph)s?"
    r"(?: (?:credit|courtesy|source))?s?[ \t]*:|credits?[ \t]*:"
    r"|featured image(?: (?:credit|source))?[ \t]*(?::|\bby\b|\bvia\b|\bfrom\b)"
)
# "Featured image ..." is only ever a credit: after a sentence, up to six words to the line's
# end ("... the Trump train. Featured image via screengrab", "Featured Image Getty Images."); a
# longer tail holds the next sentence run on ("Featured image via CNN Anonymous claims to ...").
_FEATURED_IMAGE = (
    r"(?:^|(?<=[.!?:\"”’]))[ \t]*(?-i:Featured|FEATURED)[ \t]+(?:image|photo)"
    r"(?:[ \t]+[^\s.!?]+){1,6}\.?[ \t]*$"
)
_BRACKETED_INLINE_CREDIT = (
    # a bracket starts it; what the brackets hold is read as a credit (:data:`_BRACKETED_CREDIT`)
    # once they are found
    rf"[(\[][ \t]*(?:{_BRACKETED_CREDIT_LABEL})[ \t]*:?[ \t]*(?P<bracketed>[^()\[\]\n]{{1,150}})"
    r"[)\]]"
)
_ECHOED_CREDIT_LABEL = r"(?:image|photo|picture)s?[ \t]*:"
_INLINE_CREDIT = re.compile(
    rf"{_BRACKETED_INLINE_CREDIT}|{_ECHOED_CREDIT_LABEL}[ \t]*([^()\n]{{1,60}}?)\)[ \t]+\2\)",
    re.IGNORECASE,
)
_BRACKETED_CREDIT_TEXT = re.compile(rf"{_BRACKETED_CREDIT}[ \t]*", re.IGNORECASE)
# The same on a line where the echoed form cannot match: a pattern that starts with a bracket,
# so the engine skips from one bracket to the next instead of trying the label at every position.
_BRACKETED_ONLY_CREDIT = re.compile(_BRACKETED_INLINE_CREDIT, re.IGNORECASE)
# The echoed form alone, and its label in lower case: looked for in the lower-cased line, the
# label's offsets are those where the echoed form can start (:func:`_holds_ascii_lookalike`).
_ECHOED_CREDIT = re.compile(
    rf"{_ECHOED_CREDIT_LABEL}[ \t]*([^()\n]{{1,60}}?)\)[ \t]+\1\)", re.IGNORECASE
)
_ECHOED_CREDIT_LABEL_LOWER = re.compile(_ECHOED_CREDIT_LABEL)


def _inline_credit_pattern(line: str) -> re.Pattern[str]:
    """:data:`_INLINE_CREDIT`, or the pattern of its bracketed form alone where the echoed
    form matches nowhere in ``line`` (the two then find the same matches)."""
    if _holds_ascii_lookalike(line):
        return _INLINE_CREDIT
    for label in _ECHOED_CREDIT_LABEL_LOWER.finditer(line.lower()):
        if _ECHOED_CREDIT.match(line, label.start()) is not None:
            return _INLINE_CREDIT
    return _BRACKETED_ONLY_CREDIT


def _credit_or_kept(match: re.Match[str]) -> str:
    """Nothing for a credit in brackets, or for an echoed one; the match for other brackets."""
    bracketed = match.group("bracketed")
    if bracketed is None or _BRACKETED_CREDIT_TEXT.fullmatch(bracketed):
        return ""
    return match.group()


# A credit that ends a line, tried in the line's last characters only (it has 12 words at most).
_TRAILING_CREDIT = re.compile(
    # a capital starts the label: "a family photo Credit: Instagram" keeps its "photo"
    rf"(?<=\S)[ \t]+(?=(?-i:[A-Z]))(?:{_TRAILING_CREDIT_LABEL})[ \t]*{_CREDIT}[ \t]*$"
    rf"|{_FEATURED_IMAGE}",
    re.IGNORECASE,
)
_MAX_TRAILING_CREDIT_CHARS = 300
_SPACES_LEFT = re.compile(r"[ \t]{2,}|[ \t]+(?=[.,;:!?]|$)")


def strip_picture_credits(line: str) -> str:
    """``line`` without the pictures' credits inside it (:data:`_INLINE_CREDIT`,
    :data:`_TRAILING_CREDIT`). Every credit holds "photo", "image", "picture", "credit" or
    "courtesy" (in lower case or capitals) and a bracket, a colon or "Featured": a line without
    them (most prose) is returned at once."""
    # substring tests written out: a generator over the keys cost as much as the patterns
    if (
        "(" not in line
        and "[" not in line
        and ":" not in line
        and "eatured" not in line
        and "EATURED" not in line
    ) or not (
        "hoto" in line
        or "mage" in line
        or "redit" in line
        or "icture" in line
        or "ourtesy" in line
        or "HOTO" in line
        or "MAGE" in line
        or "REDIT" in line
        or "ICTURE" in line
    ):
        return line
    stripped = _inline_credit_pattern(line).sub(_credit_or_kept, line)
    if stripped != line:  # the space before a credit that went, and the one after it
        stripped = _SPACES_LEFT.sub(" ", stripped)
    # searched from a position, "^" matches only at the line's real start
    trailing = _TRAILING_CREDIT.search(stripped, max(0, len(stripped) - _MAX_TRAILING_CREDIT_CHARS))
    if trailing:
        stripped = stripped[: trailing.start()] + stripped[trailing.end() :]
    return stripped.strip(" \t") if stripped != line else line


# A publishing platform's notice where it embeds another site's content (Hearst's pages:
# GossipCop's Cosmopolitan, Elle, Harper's Bazaar): "This content is imported from Instagram."
# (or "{embed-name}", its template's name unfilled), "This content is created and maintained by
# a third party, and imported onto this page to help users provide their email addresses.",
# "This commenting section is created and maintained by a third party, and imported onto this
# page.", each with or without its pointer ("You may be able to find the same content in another
# format, or you may be able to find more information, at their web site.", "... at piano.io"),
# which also stands alone. The notice wherever it sits (after a colon, glued to a headline:
# "... on the Eve of 9/11This content is imported from Twitter."), the pointer alone at a line's
# start or after a sentence's end; the embedded post that follows on the line (a tweet's text)
# stays, and so does prose that says something "is imported from" somewhere ("This beef is
# imported from Poland, the supplier said.").
_EMBED_NOTICE_SENTENCE = (
    r"This (?:content|commenting section)[ \t]+is[ \t]+(?:imported from[ \t]+[^\s.,;]+"
    r"(?:[ \t]+[^\s.,;]+){0,2}"
    r"|created and maintained by a third party,?[ \t]+and imported onto this page[^.\n]{0,80}?)\."
)
_EMBED_POINTER = (
    r"You may be able to find (?:the same content|more information)[^.\n]{0,120}?"
    r"(?:(?:at|on) their web ?site|at [\w-]+(?:\.[\w-]+)*\.(?:io|com|net|org))\.?"
)
_EMBED_NOTICE = re.compile(
    _EMBED_NOTICE_SENTENCE
    + r"(?:[ \t]+"
    + _EMBED_POINTER
    + r")?(?:[ \t]+|$)|(?:(?<=^)|(?<=[.!?:\"”’)][ \t]))"
    + _EMBED_POINTER
    + r"(?:[ \t]+|$)"
)
# An affiliate shop's price widget, as scraped text has it inside or beside a paragraph
# (LewRockwell's Amazon boxes in PTC's articles): a book's title cut to 22 characters and "...",
# its author, then "Best Price: $5.64 Buy New $5.00 (as of 10:35 EDT - Details)". The widget's
# own words (its prices and their time) go with the title and author before them: the cut title
# marks where the widget starts; without one, the words from the line's start or a sentence's
# end (a title not cut: "The Kennedy Autopsy Jacob G Hornberger Best Price: ...", "... in key
# states .” Hillary the Other Woman Dolly Kyle Best Price: ..."). The paragraph around it stays.
_PRICE = r"\$[\d,]+(?:\.\d{1,2})?"
_PRICE_WIDGET_PRICES = (
    rf"(?:Best Price:[ \t]*{_PRICE}[ \t]+)?Buy New[ \t]+{_PRICE}[ \t]+"
    r"\(as of \d{1,2}:\d{2}(?:[ \t]*[AP]M)?[ \t]+[A-Z]{2,5}[ \t]*[-–—][ \t]*Details\)"
)
_PRICE_WIDGET = re.compile(
    r"(?:(?<![^ \t])[^\s.!?…][^.!?…\n]{21}(?:\.\.\.|…)(?:[ \t]+[^\s$]+){0,6}?"
    r"|^(?:[^\s$]+[ \t]+){0,8}?"
    r"|(?<=[.!?\"”’)][ \t])(?:[^\s$]*[^\s$.!?…][ \t]+){1,8}?)[ \t]*"
    + _PRICE_WIDGET_PRICES
    + r"[ \t]*"
)


def strip_embeds(line: str) -> str:
    """``line`` without a platform's embed notices (:data:`_EMBED_NOTICE`) and shops' price
    widgets (:data:`_PRICE_WIDGET`); a line that was only these comes back empty."""
    # what each holds, as substrings: most lines are returned at once
    if "ou may be able to find" in line or "is imported from" in line or "by a third party" in line:
        stripped = _EMBED_NOTICE.sub("", line)
    else:
        stripped = line
    if "Details)" in stripped:
        stripped = _PRICE_WIDGET.sub("", stripped)
    return stripped.strip(" \t") if stripped != line else line


# The publisher's notices about the text, wherever they sit in a line, each a sentence of its
# own (at the line's start or after a sentence's end): its disclaimer ("The views and opinions
# expressed in the article do not necessarily reflect those of Sputnik.", "Any opinions
# expressed are those of the authors, and do not necessarily reflect the views of Iraq Business
# News.", "Opinions expressed by Entrepreneur contributors are their own.", "(The views
# expressed in this article do not necessarily reflect those of Press TV.)", "The views
# expressed in this opinion article are solely those of their author and are not necessarily
# either shared or endorsed by EagleRising.com" (a site's name read through its dot), "Disclaimer: The
# comments uploaded on this site do not necessarily represent ...") and its terms of reuse
# ("Visit our Re-post guidelines This article is copyrighted by GreenMedInfo LLC, 2020": one
# notice may follow another without a sentence's end,
# "This article originally appeared on The Sun and has been republished with permission.",
# "This article (...) is free and open source. You have permission to republish this article
# under a Creative Commons license ..."). They speak for the site, not the story, and name the
# publisher (ReCOVery's labels are its publishers' ratings). The sentences around them stay;
# prose that reports someone's views ("the views he expressed were shared by ...") is no match:
# a disclaimer says whose views they are or that they are not the site's.
_NOTICE_START = r"(?:(?<=^)|(?<=[.!?\"”’)][ \t]))"
_DISCLAIMER = (
    r"\(?(?:disclaimer[ \t]*[:\-–—][ \t]*)?(?:the |any |all )?(?:views?|opinions?)"
    r"(?: and (?:views?|opinions?))? expressed\b[^.!?\n]{0,150}?\b(?:are|is|do(?:es)? not)\b"
    r"[^.!?\n]{0,200}?\b(?:own|necessarily (?:either )?(?:reflect|represent|shared|endorsed)"
    r"|those of (?:the |its |our |their |his |her )?"
    r"(?:authors?|writers?|contributors?|columnists?))\b(?:[^.!?\n]|\.(?=(?-i:[a-z])))"
    r"{0,200}[.!]?\)?"
    r"|(?:disclaimer[ \t]*[:\-–—][ \t]*)?(?:the )?comments? (?:uploaded|posted|published)"
    r"[^.!?\n]{0,80}? do not necessarily (?:reflect|represent)\b[^.!?\n]{0,200}[.!]?"
)
_REUSE_TERMS = (
    r"(?:visit|see|read) our re-?(?:post|print|publish(?:ing)?) (?:guidelines|policy)\.?"
    r"|this (?:article|story|content) is copyrighted by [^.!?\n]{1,80}"
    r"|this (?:article|story) \([^()\n]{1,200}\)(?: by [^.!?()\n]{1,60})? is free and open "
    r"source\."
    r"|you have permission to re-?(?:publish|print|post) this (?:article|story)\b[^\n]{0,300}"
    r"|(?:this (?:article|story) (?:originally appeared|was (?:originally |first )?published) "
    r"(?:on|in) [^.!?\n]{1,80}? and (?:has been|is|was) )?(?:re-?published|re-?printed) "
    r"(?:here )?with (?:the )?(?:kind )?permission\b[^.!?\n]{0,80}[.!]?"
)
_PUBLISHER_NOTICE = re.compile(
    rf"{_NOTICE_START}(?:(?:{_DISCLAIMER}|{_REUSE_TERMS})(?:[ \t]+|$))+", re.IGNORECASE
)


def strip_publisher_notices(line: str) -> str:
    """``line`` without the publisher's disclaimers and terms of reuse
    (:data:`_PUBLISHER_NOTICE`); a line that was only these comes back empty."""
    # a word every notice holds, looked for first as a substring: most lines hold none (a
    # case-blind search for them cost 0.23 ms an article, these 0.02); in capitals too (fix s46:
    # "THE VIEWS EXPRESSED ... ARE THOSE OF THE AUTHOR" stayed, and read as shouting)
    if not (
        "xpressed" in line
        or "ecessarily" in line
        or "ermission" in line
        or "opyrighted" in line
        or "guidelines" in line
        or "XPRESSED" in line
        or "ECESSARILY" in line
        or "ERMISSION" in line
        or "OPYRIGHTED" in line
        or "GUIDELINES" in line
    ):
        return line
    stripped = _PUBLISHER_NOTICE.sub("", line)
    return stripped.strip(" \t") if stripped != line else line


# The same direction as a line's last sentence, after the story's ("The chase ended with the
# controversial encounter. Scroll down below to read expanded sections on what happened.", "...
# at the wrong time." Read his full letter below, and scroll down to watch video of ...").
_PAGE_DIRECTION = re.compile(
    r"(?<=[.!?\"”])[ \t]+(?:(?-i:See|Watch|View|Read) [^.!?\n]{0,120}?,? and (?-i:s)|(?-i:S))"
    r"croll (?:down|up)(?: below)? to (?:keep|continue|read|see|watch|view|find|learn)\b"
    r"[^.!?\n]{0,100}[.!]?[ \t]*$",
    re.IGNORECASE,
)


def strip_page_directions(line: str) -> str:
    """A line without a last sentence that tells the reader to scroll (:data:`_PAGE_DIRECTION`)."""
    if "croll" not in line:
        return line
    return _PAGE_DIRECTION.sub("", line)


def strip_inline_furniture(line: str) -> str:
    """An article line without the furniture inside it: ad-slot markers
    (:func:`strip_ad_slots`), embed notices and price widgets (:func:`strip_embeds`), the
    publisher's disclaimers and terms of reuse (:func:`strip_publisher_notices`), the labels
    before a caption (:func:`strip_caption_labels`), pictures' credits
    (:func:`strip_picture_credits`) and a last sentence telling the reader to scroll
    (:func:`strip_page_directions`)."""
    return strip_page_directions(
        strip_picture_credits(
            strip_caption_labels(strip_publisher_notices(strip_embeds(strip_ad_slots(line))))
        )
    )


def strip_boilerplate(text: str) -> str:
    """The text without site furniture; lines are compared whole, real sentences stay, and an
    ad slot's marker between two sentences goes (:func:`strip_ad_slots`), and so do the labels
    before a caption (:func:`strip_caption_labels`)."""
    lines = text.split("\n")
    kept = []
    for index in article_line_indices(lines):
        line = strip_inline_furniture(lines[index])
        # a line left as only a credit once its labels went ("Image zoom Chris Jackson/Getty
        # Images") goes; one emptied by the cleaning goes with it
        if line == lines[index] or (line.strip() and not is_credit_or_stamp(line)):
            kept.append(line)
    return _BLANK_LINES.sub("\n\n", "\n".join(kept)).strip()
