"""Site chrome, sidebars, captions and sign-offs out of an article's text, each removal by a named rule.

Articles arrive as text copied or saved from news sites, with the site around them: banners and
log-in links above, share widgets and lists of other stories below, photo captions and image
markers inside. They are recognised by their shape (short title-like lines, a headline repeated
with its teaser, a paragraph ending "(Photo: VNA)") and by a small vocabulary of generic web-chrome
words, never by the wording of particular stories.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .dates import DateMention, HeaderDate, find_dates, unglue_stamps
from .lexicon import lexicon
from .names import phrase_key, to_ascii
from .types import Photo, RemovedBlock
from .vocabulary import FUNCTION_WORDS, GEOGRAPHIC_FEATURES, HEADLINE_WORDS, PAGE_PROMPTS, PHOTO_AGENCY_PATTERN

# Blocks that html.py makes of <figcaption> elements start with this, so captions without a
# "Photo:" credit are still recognised as captions.
CAPTION_MARK = "[Photo] "

# News agencies and outlets that appear as a dateline's "(VNA)" or a bare "NDO –" lead-in.
_AGENCY_CODES = frozenset(
    ("VNA", "VNS", "NDO", "VOV", "VOVWORLD", "VGP", "XINHUA", "AFP", "AP", "REUTERS", "VNEXPRESS", "SGGP",
     "CGTN", "CNA", "KYODO", "YONHAP", "TASS", "TT", "PL", "QDND", "CAND", "VNN",
     # the region's national agencies: Cambodia, Laos, Malaysia, Indonesia, Philippines, Myanmar, DPRK, Cuba, Japan
     "AKP", "KPL", "BERNAMA", "ANTARA", "PNA", "MNA", "KCNA", "ACN", "JIJI")
)  # fmt: skip

# Generic web-chrome lines (whole line, any case): widgets, account links, comment counters.
_CHROME_LINE = re.compile(
    r"^(?:log ?in|log ?out|sign ?in|sign ?up|register|subscribe|search|menu|home|print(?: this)?(?: article)?"
    r"|e-?paper|share(?: this)?(?: article| story)?|reactions?|like|tweet|e-?mail|comments?|feedback"
    r"|comments? \(\d+\)|font size|text size|listen(?: to (?:this )?article)?|bookmark|save|back to top"
    r"|follow us(?: on .+)?|(?:suggest|send|e-?mail)(?: this)? to a friend|advertisement|close"
    r"|skip to (?:main )?content|(?:tags?|keywords?|topics?|hashtags?)\b.*|posts?|photos?|videos?|loading\.*"
    r"|breaking(?: news)?|latest|logo\b.*|[-–|•·/ ]+)\s*:?$"
    # A wire service's note to its clients ("ATTN: CHANGES headline; UPDATES throughout").
    r"|^attn\s*:.*",
    re.IGNORECASE,
)
# What a page's code leaves in its text: CSS selectors and rules, template placeholders, bare ids.
_WEB_RESIDUE = re.compile(
    r"^(?:[.#@][\w-]+(?:[\s.#>:,][\w-]+)*\s*(?:\{.*)?|[a-z]+(?:-[a-z]+){2,}|[\w\s.#>:,-]*\{[^}]*\}?|\d{5,}"
    r"|(?:left|center|centre|right|del|edit|zoom)(?:\s?(?:left|center|centre|right|del|edit|zoom)){2,}"
    # "undefined", an image's file name, a shortcode, a row of dots or stars, a reading-time label
    r"|undefined|null|[\w.-]+\.(?:jpe?g|png|gif|webp)|\[(?:youtube|video|embed|caption|gallery)\b[^\]]*\]"
    r"|[.*·•]+(?:\s+[.*·•]+)*|\d+\s+min(?:ute)?s?\s+read(?:ing)?(?:\s+time)?)$"
)
# Markup a page's text kept as text ("<p>Caption <em>(Photo)</em></p>"): the words are the page's, the tags not.
_MARKUP_TAG = re.compile(
    r"</?(?:p|em|strong|b|i|u|span|div|br|a|figure|figcaption|img|h[1-6]|ul|ol|li|sup|sub|small|blockquote)"
    r"(?:\s[^<>]{0,300})?\s*/?>",
    re.I,
)
_TEMPLATE_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}")
# Captions that open by saying so ("In this photo released by ...", "This handout photo shows ...").
_CAPTION_OPENING = re.compile(
    r"^(?:in\s+this\s+(?:[\w.,]+\s+){0,5}?(?:photo|picture|image|video grab)|this\s+(?:\w+\s+){0,2}"
    r"(?:photo|picture|image|illustration)\s+(?:of|released|provided|taken|shows|made available)|photo\s+taken\s+on"
    # "Image: Jose Mourinho has agreed ...": a sentence after the label (not a credit, "Photo: Tran Van Hai")
    r"|(?:image|photo|picture)\s*:\s+(?=(?-i:[A-Z]\S*\s+(?:\S+\s+){0,3}[a-z]{3,}))"
    r"|\((?:files?|file photo)\)(?=\s))",  # "(FILES) This handout picture ...": an agency's archive photo
    re.IGNORECASE,
)
_FILE_PHOTO_MARK = re.compile(r"^\((?:files?|file photo)\)\s+", re.IGNORECASE)
# The agency's terms of use at the end of a caption: "/ ---EDITORS NOTE --- RESTRICTED TO EDITORIAL USE ...".
_EDITORS_NOTE = re.compile(r"EDITORS?['’]? NOTE\b")


def _without_editors_note(text: str) -> str:
    note = _EDITORS_NOTE.search(text) if "NOTE" in text else None
    return text[: note.start()].rstrip(" \t\n/-–—") if note else text


# The name of an institution or a site over its pages: never the headline of one of them.
_INSTITUTION_NAME = re.compile(
    r"^(?:the\s+)?(?:ministry|embassy|consulate|government|permanent mission|socialist republic|people'?s republic)\b"
    r"|\b(?:portal|online|newspaper|news agency|website|e-?paper|gazette|homepage)$",
    re.IGNORECASE,
)
# A masthead: a few capitalised words ending as a paper's name does ("Viet Nam News", "The Mekong Times"): no
# headline, however often the page prints it.
_MASTHEAD = re.compile(
    r"^(?:[A-Z][\w'’.&-]*\s+){1,2}(?:News|Times|Post|Daily|Herald|Tribune|Journal|Express|Today|Network|Press|Weekly"
    r"|Chronicle|Observer|Insider|Monitor|Magazine|Radio|TV)$"
)
# A footer glued to the end of the last paragraph in a cached or copied page.
_GLUED_FOOTER = re.compile(
    r"(?<=[.!?\"”’])\s+(?:read (?:the )?full(?: this)? (?:story|article)|read more|continue reading|xem tiếp|đọc tiếp)"
    r"\s*[.…»>]*$",
    re.IGNORECASE,
)
# A caption glued before the text it stands over, ended by its credit in brackets: "... (Photo: VNA) Hanoi ...".
_GLUED_CAPTION_CREDIT = re.compile(r"\((?:Photo|Ảnh|Image)\s*:\s*[^()]{1,40}\)(?=\s*(?:\|\s+)?[A-ZÀ-ỸĐ“\"])")
# Share bars copied as text ("Share - WeChat", "Facebook Twitter", "Share: Facebook | X | Email"): lines made
# only of these words, at least one of them a social network's name.
_SOCIAL_NETWORKS = frozenset(
    ("facebook", "twitter", "wechat", "weibo", "linkedin", "whatsapp", "telegram", "zalo", "messenger", "reddit",
     "pinterest", "qq", "qzone", "douban", "viber", "tumblr", "youtube", "instagram", "tiktok", "vk", "flipboard")
)  # fmt: skip
_SHARE_BAR_WORDS = _SOCIAL_NETWORKS | {"share", "sharing", "x", "email", "e-mail", "mail", "print", "copy", "link",
                                       "sms", "line", "on", "via", "this", "article", "story"}  # fmt: skip
_SHARE_BAR_SEPARATOR = re.compile(r"[\s|•·/,:]+|\s[-–—]\s")
# "Contact the writer at name@outlet.com", "Email: name@outlet.com": a reporter's address under the story.
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_CONTACT_LINE = re.compile(
    rf"^(?:(?:contact|e-?mail|write to|reach|send (?:your )?(?:comments|feedback|tips)(?: to)?)\b.{{0,60}}?)?"
    rf"{_EMAIL}(?:\s*(?:,|and)\s*{_EMAIL})*\s*\.?$",
    re.IGNORECASE,
)
# Lines that open a list of other stories: everything that follows in the list goes too.
_LIST_MARKER = re.compile(
    r"^(?:trending|most (?:viewed|read|popular|shared)|related(?: news| articles?| stories| posts| content)?"
    r"|read more|more news|more stories|other news|latest news|top news|top stories|today'?s top news"
    r"|editor'?s picks?|you may (?:also )?(?:like|be interested(?: in)?)|recommended(?: for you)?"
    r"|see also|popular|in other news|also read|read also|others)\s*:?$",
    re.IGNORECASE,
)
# Links set inside a story ("Read also" and a headline or two): headlines only, never a paragraph of
# running text after them, which is the story going on.
_INLINE_LIST_MARKER = re.compile(r"^(?:read also|also read|see also|read more|related article)\s*:?$", re.IGNORECASE)
# A readers' comments section after the story: the heading and everything below it go.
_COMMENTS_HEADING = re.compile(
    r"^(?:(?:readers?['’]? |your |selected |\d+ )?(?:comments|commentaries|responses)\s*(?:\(\d+\))?\s*:?"
    r"|(?:leave|make|post|add|write) (?:a |your )?(?:comment|reply)\b.*|join the (?:discussion|conversation)"
    r"|\d+ (?:comments?|responses?|replies) to\b.*)$",
    re.IGNORECASE,
)
# Page footers and editorial lines after the story.
_FOOTER_LINE = re.compile(
    r"^(?:\(?(?:web )?editors?\s*:|translated by\b|compiled by\b|read (?:the )?full(?: this)? (?:story|article)"
    r"|.*\bcached (?:page|version|copy)\b|copyright\b|©|all rights reserved|(?:read more|see also|related)\s*:.+"
    r"|\(?(?:additional )?(?:reporting|writing|editing) by\b|enditem$|[a-z]{1,5}(?:/[a-z]{1,5}){2,}$"
    r"|(?:for (?:more|further) .{0,60})?please (?:visit|see|go to) (?:the|our)\b.{0,80}\bsection\b.*"
    # "Follow @Site on Twitter ...", "Follow China.org.cn on Facebook ...": a handle, "us" or a site's name
    r"|(?:like|follow) (?:@\S+|us|(?-i:[A-Z])[^.]{0,50}?) on (?:twitter|facebook|x|telegram|instagram"
    r"|youtube|weibo|wechat)\b.*)",
    re.IGNORECASE,
)
# Metadata lines name an editor ("Editor: huaxia", "Edited by Ana Ruiz") as often as an author.
_EDITOR_LINE = re.compile(r"^(?:\(?(?:web |chief )?editors?\s*:|edited by\s)\s*\S", re.IGNORECASE)
# Labels of a page's metadata fields, glued or not ("Font size+Author:...Source:...").
_METADATA_LABEL = re.compile(
    r"(?:author|source|editor|font size|updated|posted|published|written|views?|comments?)\s*[:+]", re.IGNORECASE
)
# A section label in a non-Latin script glued to the headline it heads ("国内英语新闻:").
_SCRIPT_LABEL = re.compile(r"^[\u3000-\u9fff\uac00-\ud7af\u0400-\u04ff\u0e00-\u0e7f\s]{2,20}[:：]\s*")
# "Sok Dara in Phnom Penh": a correspondent and where the story was filed from.
_CORRESPONDENT_LINE = re.compile(
    r"^(?P<name>(?:[A-Z][\w'’.-]+\s){1,3}[A-Z][\w'’.-]+)\s+in\s+(?:[A-Z][\w'’.-]+\s?){1,3}$"
)
_AUTHOR_LINE = re.compile(
    r"^(?:by|story by|reported by|written by|translated by|submitted by|posted by|uploaded by|story:|reporter:|text:)"
    r"\s+\S",
    re.IGNORECASE,
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s(?:>|»|›|/|\|)\s")
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC)\s*[+-]?\d{0,2})?")
_DATE_WORDS = re.compile(r"\b(?:published|updated|posted|last updated|on|at|gmt|utc|ict|am|pm)\b", re.IGNORECASE)

_SOURCE_ATTRIBUTION = re.compile(r"Sources?\s*:\s*[^.!?:]{2,120}", re.I)
_FIELD_LABEL = re.compile(r"(?:source|sources|author|editor|comments?|tags?|share|print|related)\s*:?", re.I)
_BYLINE_SOURCE = re.compile(r"^\(([^()]{2,30})\)\s")
_ARCHIVE_HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b[ \t]*")
_MONTH_ABBREVIATION = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DATELINE = re.compile(
    r"^(?P<place>(?:[^\W\d_][^\W\d_'.]*\s){0,3}[^\W\d_][^\W\d_'.]*(?:\.(?:VN|vn|com|net|cn))?)?"
    # "HANOI, Vietnam (AP) —", "Washington, DC (Agency)", "BEIJING, China -": the country or state after the place
    rf"(?:,\s*(?P<country>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?|[A-Z]{{2}})(?=,\s*{_MONTH_ABBREVIATION}|\s*\(|\s*(?:--|—|[-–]\s)))?"
    rf"(?:,\s*(?P<date>{_MONTH_ABBREVIATION}[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?"
    # "Phnom Penh, 12 May 2024 --", "Hanoi, 12/05/2024 –"
    rf"|\d{{1,2}}\s+{_MONTH_ABBREVIATION}[a-z]*\.?(?:\s+\d{{4}})?|\d{{1,2}}/\d{{1,2}}/\d{{4}}))?"
    # "HANOI (July 21): ...": the date in brackets
    rf"(?:\s*\((?P<bracketed_date>{_MONTH_ABBREVIATION}[a-z]*\.?\s+\d{{1,2}})\))?"
    # "TOKYO (UrduPoint News / Sputnik - 23rd November, 2021)": the agency's line with its date
    r",?\s*(?:\((?P<agency>[^():]{2,25})\)|\.?\s*/(?P<slashed_agency>[A-Z][\w-]{1,20})/\.?"
    rf"|\((?P<dated_agency>[^():]{{2,40}}?)\s+-\s+(?P<agency_date>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_ABBREVIATION}[a-z]*"
    r",?\s+\d{4})\))?"
    r"(?:\s*(?:--|—)\s*|\s+[-–]\s+|(?<=\))\s*(?=[A-ZÀ-ỸĐ])|(?<=\))\s*[-–](?=[A-ZÀ-ỸĐ])|(?<=/\.|[A-Z]/)\s+(?=[A-ZÀ-ỸĐ])|(?P<colon>(?:(?<=[^\W\d_])|(?<=\))):\s+))"
    r"(?=[^\W\d_\s]|[\"“‘'(])"
)
_CAPTION_CREDIT = re.compile(
    r"\s{0,3}[(\[]?\s{0,3}(?P<keyword>Photos?|Ảnh|Image|Photo credit|Source)(?:\s*[:/]\s*|\s+by\s+)"
    r"(?P<credit>[^()\[\]:]{1,40}?)\s*[)\]]?\s*$"
)
# Xinhua style: "... in Hanoi, Vietnam, May 2, 2024. (Xinhua/Li Ming)": agency and photographer in
# parentheses after the caption's last sentence; the photographer's name is in ordinary case, so a
# "(VNA/VNS)" sign-off is not taken for one.
_CAPTION_CREDIT_SLASH = re.compile(
    r"(?<=[.!?\"”])\s*\((?P<credit>[A-Z][\w.'’&-]*(?:\s[A-Z][\w.'’&-]*){0,2}"
    r"/[A-ZÀ-ỸĐ][a-zà-ỹđ][\w'’-]*(?:\s+[A-ZÀ-ỸĐ][\w'’-]*){0,3})\)\s*$"
)
# Vietnam News style: "... in Hà Nội. VNA/VNS Photo Nhan Sang".
_CAPTION_CREDIT_AFTER = re.compile(
    r"\s+(?P<credit>[A-Z]{2,}(?:/[A-Z]{2,})*)\s+Photos?(?:\s+[A-ZÀ-ỸĐ][^\W\d_]*){0,4}\s*$"
)
# Wire photo credits after a caption's last sentence: "... in Jakarta. Mast Irham/Pool via REUTERS",
# "REUTERS/Willy Kurniawan", "Kham/Reuters": names and agencies joined by slashes.
_CAPTION_CREDIT_WIRE = re.compile(
    r"(?<=[.!?\"”])\s+(?P<credit>(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’.-]*(?:/\s?[A-Za-z][\w'’.-]*(?:\s[\w'’.-]+){0,3}){1,3})$"
)
# "... (Xinhua Photo)", "(VNA Photo/Nhan Sang)": the agency's photo credit closing a caption.
_CAPTION_CREDIT_AGENCY_PHOTO = re.compile(
    r"\s*\((?P<credit>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)?)\s+[Pp]hotos?(?:\s*/\s*[^()]{2,30})?\)\s*$"
)
# "... in Seoul on Tuesday. [PRESIDENTIAL OFFICE]": a credit in brackets and capitals after a caption's sentence.
_CAPTION_CREDIT_BRACKETED = re.compile(r"(?<=[.!?\"”])\s*\[(?P<credit>[A-Z][A-Z0-9 .,&/'’-]{1,40})\]\s*$")
_BULLET = re.compile(r"^[•·▪●◦*+-]\s")
# A line that only credits the photo next to it ("Photo by: Heng Chivoan", "Ảnh: TTXVN").
_PHOTO_CREDIT_LINE = re.compile(
    r"^(?:photo(?:graph)?s?(?: by)?|ảnh|image|picture)\s*[:/-]?\s*(?:by\s+)?(?P<credit>[^\W\d_].{0,40})$", re.I
)
# A photographer's or agency's mark under a photo's caption ("© Anna Ivanova/Agency"); a site's own
# copyright line names a year or its rights.
_PHOTO_CREDIT_UNDER = re.compile(r"^©\s*(?P<credit>(?!.*\b(?:rights|reserved|copyright)\b)[^\d©]{2,60})$", re.I)
_POSITION_WORD = (
    r"(?:(?:\d(?:st|nd|rd|th)|first|second|third)\s+)?(?:from\s+)?(?:left|right|centre|center|front|back|L|R|C)"
    r"(?:\s+row)?"
)
# Where someone stands in a photo: "(R)", "(second from right)", "(L front)", "(R, back)", "(front row, C)".
PHOTO_POSITION = re.compile(
    rf"\s{{0,3}}\({_POSITION_WORD}(?:,?\s+{_POSITION_WORD}){{0,2}}\)",
    re.IGNORECASE,
)
# A photo's credit alone on the line under its caption: "(Photo: VGP)".
_PHOTO_CREDIT_BRACKETED_LINE = re.compile(
    r"^[(\[]\s*(?:Photos?|Ảnh|Image)\s*:\s*(?P<credit>[^()\[\]]{1,40}?)\s*[)\]]$", re.I
)
# Where a saved page had an image: "![]()", "[image]", "Content image - Site".
_IMAGE_PLACEHOLDER = re.compile(
    r"^(?:!\[[^\]]*\]\([^)]*\)|\[(?:image|photo|img)\b[^\]]*\]|content image\b.*|image)\s*\|?$", re.I
)
# A caption is a sentence or two, never a whole article.
_CAPTION_MAX_WORDS = 60
# A paragraph that only its place under a photo's credit makes a caption is no longer than this.
_CAPTION_UNDER_CREDIT_MAX_WORDS = 35
# "Web editor: Minh Chau", "Our standards: ..." after the story: a label and a short value.
_LABEL_LINE = re.compile(r"^[A-Z][^\W\d_]*(?:\s[^\W\d_]+){0,2}\s*:\s+\S")
# "ảnh 1", "hinh anh 1": an image's place in the text, often glued to the caption after it ("1President").
_IMAGE_MARKER = re.compile(r"\b(?:hình\s+|hinh\s+)?(?:ảnh|anh)\s+\d+(?!\d)", re.IGNORECASE)
_ENDS_WITH_IMAGE_MARKER = re.compile(rf"[-–—]\s*{_IMAGE_MARKER.pattern}\s*$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"(?:(?<=[.!?”\"’)])\s*|\s+)(?:—|–|--|-)\s*(?P<credit>[A-Z][\w]*(?:\s*/\s*[A-Z][\w]*)*)\s*\.?$")
# Wire end marks: Vietnamese "./.", Xinhua's "Enditem", a closing square.
_END_MARK = re.compile(r"(?:(?<=\.)/\.|\s*\bEnditem|[■□▪◼])\s*$")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"”’)」』]?$")
# Chinese and Japanese write no spaces between words: two characters count as one word.
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class CleanText:
    """An article's text without its site: paragraphs plus what the chrome said about the article."""

    paragraphs: list[str]
    headings: list[str] = field(default_factory=list)  # title-like lines above the body, in order
    lead_index: int | None = None  # which paragraph opened with the dateline, when one did
    published: datetime.date | None = None
    # The archive's " date YYYY-MM-DD" header: when the text was saved, not when it was written.
    archived: datetime.date | None = None
    published_is_archived: bool = False  # no date printed on the page: the archive's date stands in
    page_month: datetime.date | None = None  # a month and year over the headline ("... April 2014")
    header_date: HeaderDate | None = None
    dateline: str | None = None
    credit: str | None = None
    agency: str | None = None  # the agency a dateline names: "(Xinhua)", "(VNA)"
    photos: list[Photo] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
    # Header dates written in numbers that read both ways ("03-06-2017"), for the dateline to settle.
    ambiguous_dates: list[DateMention] = field(default_factory=list)
    # Why an editor should look at this article ("no paragraph of running text: ...").
    review_reasons: list[str] = field(default_factory=list)
    # The published date came from a date line above the headline, where sites also print today's
    # date: a stamp under the headline outranks it.
    published_above_headline: bool = False
    # Summary points under the headline ("- Two countries should ..."): the article's standfirst.
    summary: list[str] = field(default_factory=list)


def clean(text: str, *, known_title: str | None = None, story_found: bool = False) -> CleanText:
    """Split the text into the article's paragraphs and everything else, recording each removal.

    `story_found`: the text is already the story a saved page's structure shows (html.py), not a
    whole page: its paragraphs are the article's even when they lack a final stop, and only what is
    recognisably furniture (credits, footers, lists of other stories) is taken out of it."""
    result = CleanText(paragraphs=[])
    # Off before the text is split: a headline sharing the header's line must stay a line of its own.
    text = _take_archive_header(text, result)
    units = split_units(text)
    units = _drop_repeats(units, result, story_found=story_found)
    units = _mark_captions_by_position(units, result, story_found=story_found)
    start = _body_start(units, story_found=story_found, known_title=known_title)
    if not known_title:
        # Text saved from a whole page: the article starts where its densest run of running text
        # does, not at the first sentence the page shows (a cookie notice, a teaser of another story).
        start = _main_text(units, start)[0]
    _read_header_zone(units[:start], result, lead=units[start : start + _DECK_ECHO_UNITS])
    if start == len(units):
        # No paragraph of running text: a teaser, or a page saved in part. What reads as text
        # (a summary's bullets, a cut paragraph) is the article, and the reader is told to check it.
        units = units + _take_back_text(result)
        result.review_reasons.append(_TEASER_REASON)
    titles = {_key(t) for t in [*result.headings, known_title or ""] if t}
    summary = [" ".join(p if _SENTENCE_END.search(p) else p + "." for p in result.summary)] if result.summary else []
    body = _read_body(summary + units[start:], result, titles)
    body = _drop_story_lists(body, result, story_found=story_found)
    body = _take_sign_off(body, result, story_found=story_found)
    result.paragraphs = _read_lead_in(body, result)
    if result.credit is None:
        result.credit = result.agency
    if result.published is None and result.ambiguous_dates:
        result.published = _settled_by_text(result.ambiguous_dates[0], result)
    if result.published is None and result.archived is not None:
        result.published, result.published_is_archived = result.archived, True
    return result


_SETTLING_PARAGRAPHS = 3


def _settled_by_text(mention: DateMention, result: CleanText) -> datetime.date | None:
    """The reading of "03-06-2017" that the dateline's "March 6", or a day the lead names, confirms;
    none when nothing does."""
    lead = " ".join(result.paragraphs[:_SETTLING_PARAGRAPHS])
    stated = {(m.month, m.day) for m in find_dates(lead) if m.kind in ("day", "range")}
    if result.header_date:
        stated.add((result.header_date.month, result.header_date.day))
    both = ((mention.month, mention.day), mention.alternative)
    readings = [reading for reading in both if reading in stated]
    if not readings:
        # "11/09/2024" over talks "on September 10": the page is dated in the month of what it reports,
        # within the week after it.
        readings = [(m, d) for m, d in both if any(m == sm and 0 <= d - sd <= 7 for sm, sd in stated)]
    return _safe_date(mention.year, *readings[0]) if len(readings) == 1 else None


_WIDE_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Pictographs a copied page kept from its icons ("(VNA) 🦄–"): no word of the text.
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\ufe0f]")


def split_units(text: str) -> list[str]:
    """Paragraphs and lines: a block of hard-wrapped prose is one unit, a block of short lines many."""
    # Spaces of other widths (the ideographic space of Chinese pages) are spaces, collapsed like the rest.
    text = _WIDE_SPACES.sub(" ", text.replace("\u200b", "").replace("\r\n", "\n").replace("\r", "\n"))
    if not text.isascii():
        text = _EMOJI.sub("", text)
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        # " |" and "| " around a line are the cells of a layout table the page was saved from.
        lines = [
            re.sub(r"[ \t]+", " ", line).strip().removesuffix(" |").removeprefix("| ") for line in block.split("\n")
        ]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _is_wrapped_prose(lines):
            units.append(" ".join(lines))
        elif _is_wrapped_paragraphs(lines):
            units.extend(_rewrapped(lines))
        else:
            units.extend(lines)
    return [piece for unit in units for piece in _unglued(unit)]


# "said.He held": a sentence's last word (in lower case, so not "Mr.Le", "U.S." or a site's "Tuoitre.News"),
# its stop, and the next sentence's first word (capitalised, a small word after it: not "vietnamplus.vn").
_GLUED_SENTENCES = re.compile(r"(\b[a-zà-ỹđ]{2,})([.!?][\"”’)]?)([A-ZÀ-ỸĐ][a-zà-ỹđ]*\s+[a-zà-ỹđ])")


# A date in numbers as page stamps print it: "25/10/2022", "23-9-2024", "2024-09-23".
_NUMERIC_DATE = r"(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})"
_STAMP_BEFORE_TEXT = re.compile(
    rf"^(?P<stamp>{_NUMERIC_DATE}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    r"(?:\s*\((?:GMT|UTC)[^)]{0,8}\))?)\s*(?=[A-ZÀ-ỸĐ][a-zà-ỹđ])"
)
_STOP_BEFORE_CAPITAL = re.compile(r"[.!?][\"”’)]?[A-ZÀ-ỸĐ]")
_PHOTO_POINTER = re.compile(r"\s+\((?:pic|photo|pictured)\)(?=[\s,.;:]|$)", re.I)


_LOWER_BEFORE_CAPITAL = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]+)\b")
_GLUED_AFTER_WORD = re.compile(r"\b([A-Z][a-z]{3,})(on|in|at|and)\b")  # not "is": "Pakistanis", "Israelis"


def _with_lost_spaces_put_back(unit: str) -> str:
    """ "ChinesePresident Xi", "in Beijingon December 1": words a copy glued where it lost a space, split
    where the first is a nationality, title or known place (not "PetroVietnam", "Boston")."""
    lex = lexicon()

    def camel(match: re.Match) -> str:
        first, second = match.group(1).lower(), match.group(2).lower()
        # A post after a nationality or title ("ChinesePresident") or before a name ("PresidentVo Van Thuong");
        # not an outlet's name ("VietnamPlus").
        known = (second in lex.posts and (first in lex.country_words or first in lex.title_words)) or first in lex.posts
        return f"{match.group(1)} {match.group(2)}" if known else match.group()

    def glued(match: re.Match) -> str:
        known = phrase_key(match.group(1)) in lex.places
        return f"{match.group(1)} {match.group(2)}" if known else match.group()

    return _GLUED_AFTER_WORD.sub(glued, _LOWER_BEFORE_CAPITAL.sub(camel, unit))


def _unglued(unit: str) -> list[str]:
    """A line a cached or copied page glued together: caption and text ("... (Photo: VNA) Hanoi ..."),
    text and a "Read full this story" footer; template placeholders ("{{ author }}") dropped."""
    unit = _TEMPLATE_PLACEHOLDER.sub(" ", unit)
    stamp = _STAMP_BEFORE_TEXT.match(unit)
    if stamp:  # "25/10/2022 09:59 (GMT+07:00)General Secretary ...": the page's stamp glued to the lead
        return [stamp.group("stamp"), *_unglued(unit[stamp.end() :])]
    # "... has said.He held a reception ...": sentences a copied page glued without their space.
    if _STOP_BEFORE_CAPITAL.search(unit):  # (the full pattern looks behind at every character)
        unit = _GLUED_SENTENCES.sub(r"\1\2 \3", unit)
    if "(" in unit:
        unit = _PHOTO_POINTER.sub("", unit)  # "Prime Minister X (pic) asked ...": the page's photo was there
    unit = _with_lost_spaces_put_back(unit)
    unit = re.sub(r"\s{2,}", " ", _MARKUP_TAG.sub(" ", unit)).strip() if "<" in unit else unit.strip()
    if not unit:
        return []
    pieces = []
    credit = _GLUED_CAPTION_CREDIT.search(unit)
    if credit and credit.start() > 0:
        # "Standfirst. | Caption. (Photo: VNS) | Text": cells of one line, the caption the one its credit ends.
        before, bar, caption = unit[: credit.end()].rpartition(" | ")
        pieces += [before.strip(), caption.strip()] if bar else [caption.strip()]
        unit = unit[credit.end() :].strip().removeprefix("| ")
    footer = _GLUED_FOOTER.search(unit)
    if footer:
        pieces += [unit[: footer.start()].strip(), footer.group().strip()]
    else:
        pieces.append(unit)
    return [piece for piece in pieces if piece]


def is_prose(unit: str) -> bool:
    """A sentence of the article rather than a label, a headline or a widget."""
    return word_count(unit) >= 8 and bool(_SENTENCE_END.search(unit)) and not _is_caption(unit)


def is_sentence(unit: str) -> bool:
    """A complete sentence, however short ("The talks end on Friday."), unlike a label or widget."""
    return (
        word_count(unit) >= 3 and bool(_SENTENCE_END.search(unit)) and not unit.endswith("..") and not _is_caption(unit)
    )


def word_count(unit: str) -> int:
    """Words as a reader counts them, in spaced and unspaced scripts alike."""
    unspaced = len(_UNSPACED_SCRIPT.findall(unit))
    return len(_UNSPACED_SCRIPT.sub(" ", unit).split()) + unspaced // 2


def is_headline(unit: str) -> bool:
    """A title-like line: a few words starting with a capital or digit, no sentence end."""
    if not 3 <= word_count(unit) <= _HEADLINE_MAX_WORDS or unit[-1] in ".:;,!。":
        return False
    first = unit[0]
    # A script without capitals (Chinese, Korean, Thai) starts its headlines with a letter of no case.
    return first.isupper() or first.isdigit() or first in "\"“‘'$" or (first.isalpha() and not first.islower())


# --- repeats: widgets that repeat a line, teasers cut from the text, doubled captions ---------------

# A line that is not a sentence and comes back this often is a widget ("Loading...", "Advertisement").
_REPEATED_FURNITURE_MIN = 3
_REPEATED_FURNITURE_MAX_WORDS = 3  # a table's repeated cells ("Eat every 2–3 hours") are longer
# A unit this long that another unit merely continues is a teaser cut from it ("... exchange f").
_TEASER_PREFIX_MIN_CHARS = 40


def _drop_repeats(units: list[str], result: CleanText, *, story_found: bool = False) -> list[str]:
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit] = counts.get(unit, 0) + 1
    kept = []
    for index, unit in enumerate(units):
        unit = _undoubled(unit)
        # A story found in a page's structure has no widgets left; its repeated lines are a table's.
        widget = not story_found and word_count(unit) <= _REPEATED_FURNITURE_MAX_WORDS
        if counts[units[index]] >= _REPEATED_FURNITURE_MIN and widget:
            result.removed.append(RemovedBlock(unit, "repeated page furniture"))
        elif any(_is_teaser_of(unit, other) for other in units[index + 1 : index + 4]):
            result.removed.append(RemovedBlock(unit, "teaser cut from the text"))
        else:
            kept.append(unit)
    return kept


def _mark_captions_by_position(units: list[str], result: CleanText, *, story_found: bool = False) -> list[str]:
    """Captions that say so only by where they stand: under a line crediting the photo ("Photo by: X"),
    under an image placeholder, or saved twice in a row. They are marked as captions (CAPTION_MARK),
    the photo credit line joining its caption. In a story found in a page's structure the captions
    are marked already (html.py); only those that say they are one ("In this photo ...") are added."""
    marked: list[str] = []
    prose = [index for index, unit in enumerate(units) if is_prose(unit)]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (len(units), -1)
    taken: set[int] = set()  # a caption's credit lines and copies, read with it
    for index, unit in enumerate(units):
        if index in taken:
            continue
        previous = units[index - 1] if index else ""
        agency_credit = None if story_found else _agency_credit_under(units, index)
        if (
            agency_credit
            and _could_be_caption(unit)
            and (not is_prose(unit) or _READS_AS_PHOTO.search(unit))
            and not _AGENCY_CREDIT_LINE.match(unit)
            and not _PHOTOGRAPHER_LINE.match(unit)
        ):
            # "Caption / Saul Loeb / / / AFP/Getty Images / Caption again": a wire photo's credit, in pieces.
            credit, end = agency_credit
            result.removed.extend(RemovedBlock(line, "photo credit") for line in units[index + 1 : end])
            taken.update(range(index + 1, end))
            taken.update(k for k in range(end, min(end + _CAPTION_COPY_REACH, len(units))) if units[k] == unit)
            marked.append(f"{CAPTION_MARK}{unit} (Photo: {credit})")
            continue
        if index and unit == previous and (is_prose(unit) or marked[-1] == CAPTION_MARK + unit):
            result.removed.append(RemovedBlock(unit, "caption repeated"))
            continue
        if (
            index > first_prose + 1
            and unit == previous
            and not story_found
            and _could_be_caption(unit)
            and not _doubled_near(units, index)  # a list of other stories doubles each of its headlines
        ):
            # "The scene of the meeting" twice between paragraphs: an image's description and its caption.
            marked[-1] = CAPTION_MARK + unit
            result.removed.append(RemovedBlock(unit, "caption repeated"))
            continue
        closing_credit = _PHOTO_CREDIT_LINE.match(unit)
        if (
            closing_credit
            and not story_found
            and marked
            and not marked[-1].startswith(CAPTION_MARK)
            and _credits_the_line_above(units, index, units[index + 1] if index + 1 < len(units) else "", first_prose)
            and index - 1 > first_prose
        ):
            # "Caption / Photo: X" inside the text: the credit closes the caption over it.
            result.removed.append(RemovedBlock(unit, "photo credit"))
            marked[-1] = f"{CAPTION_MARK}{marked[-1]} (Photo: {closing_credit.group('credit').strip()})"
            continue
        credit_under = _PHOTO_CREDIT_UNDER.match(unit) or _PHOTO_CREDIT_BRACKETED_LINE.match(unit)
        if credit_under and marked and marked[-1].startswith(CAPTION_MARK) and not story_found:
            result.removed.append(RemovedBlock(unit, "photo credit"))
            marked[-1] += f" (Photo: {credit_under.group('credit').strip()})"
            continue
        credit_line = _PHOTO_CREDIT_LINE.match(previous)
        if credit_line and _credits_the_line_above(units, index - 1, unit, first_prose):
            credit_line = None  # "Caption / Photo: X / Text": the credit closes the caption over it
        # A caption saved twice stands over the text: a doubled paragraph with no text after it is the text.
        doubled = index + 1 < len(units) and units[index + 1] == unit and index + 1 < last_prose
        placed = (
            credit_line
            or _IMAGE_PLACEHOLDER.match(previous)
            # "Headline - ảnh 1" alone on its line: the image's alt text and marker; its caption is the next line.
            or (_ENDS_WITH_IMAGE_MARKER.search(previous) is not None and not is_prose(unit))
            # A lead the page printed twice (as its summary and its first paragraph) is no photo's.
            or (doubled and is_prose(unit) and _READS_AS_PHOTO.search(unit) is not None)
            or _credited_under(units, index)
            # "(Photo: VGP)" under a line: a caption inside the text, or one saying where people stand
            # (over the text, a headline may stand over a photo that lost its caption).
            or (
                index + 1 < len(units)
                and _PHOTO_CREDIT_BRACKETED_LINE.match(units[index + 1]) is not None
                and (index > first_prose or PHOTO_POSITION.search(unit) is not None)
            )
        )
        # "Leader A and his wife arrive at ... on Thursday, March 22. (Yonhap)" between two paragraphs.
        credited_inside = (
            unit.endswith(")")
            and 0 < index < last_prose
            and _AGENCY_CREDITED_PHOTO.search(unit) is not None
            and is_prose(previous)
        )
        by_position = (placed and not story_found) or _CAPTION_OPENING.match(unit) or credited_inside
        if not by_position or unit.startswith(CAPTION_MARK) or not _could_be_caption(unit):
            marked.append(unit)
            continue
        if credit_line:
            marked.pop()
            result.removed.append(RemovedBlock(previous, "photo credit"))
            unit = f"{unit} (Photo: {credit_line.group('credit')})"
        marked.append(CAPTION_MARK + unit)
    return marked


_PHOTO_AGENCY_NAMES = PHOTO_AGENCY_PATTERN
# "Reuters", "Leonhard Foeger / Reuters": a wire photo's agency, after its photographer's name and a slash.
_AGENCY_CREDIT = rf"(?:[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){{0,3}}\s*/\s*)?(?:{_PHOTO_AGENCY_NAMES})"
# "... in Bandar Seri Begawan. — Photo", "... in Hanoi. - Photo Nhan Sang": a dash, then the photo's credit.
_CAPTION_CREDIT_DASH = re.compile(r"(?<=[.!?\"”])\s*[—–-]\s*Photos?\b(?::?\s*(?P<credit>[^()\[\]:.]{1,40}))?\s*$")
# "... in Seoul on the 11th. /Courtesy of the Presidential Office", "(Courtesy of the embassy)".
_CAPTION_CREDIT_COURTESY = re.compile(r"(?<=[.!?\"”])\s*[/(]\s*Courtesy of (?P<credit>[^()/]{2,60}?)\s*\)?\s*$", re.I)
# "... in New York. Reuters", "... in Braunau am Inn, Austria. Leonhard Foeger / Reuters file": a caption
# closed by its photo's agency (and photographer) after the caption's stop.
_CAPTION_CLOSED_BY_AGENCY = re.compile(
    rf"(?<=[.!?\"”])\s+{_AGENCY_CREDIT}"
    r"(?:\s+(?:file|photo))?\s*$"
)
# A wire story's byline: its writers, then their agency or their beat ("Robert Burns, AP National Security
# Writer", "Meg Kinnard and Errin Haines, Associated Press"), or two writers and their paper in capitals.
_WRITER = r"[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){1,2}"
_WRITERS_LINE = re.compile(
    rf"^(?:[Bb]y\s+)?{_WRITER}(?:(?:,\s*|\s+and\s+|\s*&\s*){_WRITER})*"
    rf"(?:,\s*(?:{_PHOTO_AGENCY_NAMES})|,\s*(?:[A-Z][\w-]*\s){{0,4}}(?:Writer|Correspondent|Reporter|Editor"
    rf"|Contributor)s?|(?:\s+and\s+|\s*&\s*){_WRITER}\s+[A-Z]{{2,}}(?:\s[A-Z]{{2,}})*)$"
)
_CAPTION_CREDIT_AGENCY = re.compile(rf"(?<=[.!?\"”])\s*\((?P<credit>{_PHOTO_AGENCY_NAMES})\)\s*$")
# "... despite differences of opinion [Reuters]": a photo agency in square brackets closing a caption.
_CAPTION_CREDIT_AGENCY_BRACKETED = re.compile(rf"\s+\[(?P<credit>(?:{_PHOTO_AGENCY_NAMES})(?:/[^\]]{{1,30}})?)\]\s*$")
# A one-sentence caption in the present tense of what a photo shows, closed by a photo agency's name.
_AGENCY_CREDITED_PHOTO = re.compile(
    r"^[^.!?]{10,300}\b(?:arrive|arrives|shake|shakes|pose|poses|wave|waves|walk|walks|attend|attends|speak|speaks"
    r"|inspect|inspects|review|reviews|greet|greets|hold|holds|sign|signs|lay|lays|listen|listens|chat|chats"
    r"|toast|toasts|watch|watches|leave|leaves|exchange|exchanges|deliver|delivers|stand|stands|sit|sits)\b"
    rf"[^!?]{{0,200}}\.\s*\((?:{_PHOTO_AGENCY_NAMES})\)$"
)
# A caption's own marks: who stands where, what the photo shows as it happens ("X shakes hands with Y"),
# the day it was taken ("..., June 26, 2024.").
_READS_AS_PHOTO = re.compile(
    rf"{PHOTO_POSITION.pattern}"
    r"|\b(?:shake hands|poses?|shakes|waves|walks|attends|speaks?|inspects|reviews|greets|holds|signs|lays"
    r"|listens|chats|toasts|watches|exchanges|delivers|stands|meets|receives|welcomes)\b"
    rf"|(?:,\s*|\s)(?:{_MONTH_ABBREVIATION})[a-z]*\.?\s+\d{{1,2}},\s+\d{{4}}\.?$",
    re.IGNORECASE,
)


_DOUBLED_REACH = 4  # units around a doubled line where a list of headlines would double its next one


def _doubled_near(units: list[str], index: int) -> bool:
    """Another line printed twice in a row near the pair ending at `index`."""
    around = range(max(1, index - 1 - _DOUBLED_REACH), min(len(units), index + 1 + _DOUBLED_REACH))
    return any(units[k] == units[k - 1] for k in around if k not in (index - 1, index, index + 1))


def _credits_the_line_above(units: list[str], credit_index: int, unit: str, first_prose: int) -> bool:
    """Whether a "Photo: X" line credits the caption over it rather than the paragraph under it: inside
    the text, the line over it reads as a caption (over the text it may be the headline); or the
    paragraph under it is longer than a caption told by its place alone."""
    above = units[credit_index - 1] if credit_index >= 1 else ""
    caption_above = credit_index - 1 > first_prose and not is_prose(above) and _could_be_caption(above)
    long_paragraph = is_prose(unit) and word_count(unit) > _CAPTION_UNDER_CREDIT_MAX_WORDS
    return caption_above or long_paragraph


# "AFP/Getty Images", "Mark Wilson / Getty Images", "Reuters": a line crediting a wire photo to its agency.
_AGENCY_CREDIT_LINE = re.compile(rf"^{_AGENCY_CREDIT}(?:\s*/\s*(?:{_PHOTO_AGENCY_NAMES}))*$")
_PHOTOGRAPHER_LINE = re.compile(r"^(?:[A-Z][\w'’.-]+\s){1,2}[A-Z][\w'’.-]+$|^/$")
_CAPTION_COPY_REACH = 3  # lines after its credit where the caption's second copy stands


def _agency_credit_under(units: list[str], index: int) -> tuple[str, int] | None:
    """The agency credit in the short lines right under a caption (a photographer's name, slashes, the
    agency), and where those lines end; None without an agency's line among them."""
    end, credit = index + 1, None
    while end < len(units) and end - index <= 4:
        line = units[end]
        if _AGENCY_CREDIT_LINE.match(line):
            credit = line
        elif not _PHOTOGRAPHER_LINE.match(line):
            break
        end += 1
    if credit is None or not any("/" in line for line in units[index + 1 : end]):
        # "XINHUA" under a headline, "Nguyen Hoang" / "VNA" under the last paragraph: the article's author
        # and source; a wire photo's credit joins photographer and agency with a slash.
        return None
    return credit, end


def _credited_under(units: list[str], index: int) -> bool:
    """A photographer's mark stands under this line, or under its copies right after it."""
    following = index + 1
    while following < len(units) and units[following] == units[index]:
        following += 1
    return following < len(units) and bool(_PHOTO_CREDIT_UNDER.match(units[following]))


def _could_be_caption(unit: str) -> bool:
    words = _without_editors_note(unit).split()
    says_so = _CAPTION_OPENING.match(unit) is not None
    # "(FILES) This picture ...": the agency's mark for an archive photo, not a dateline's agency; such a
    # caption may tell the whole story behind the photo.
    dateline = _opens_with_dateline(unit) and not says_so
    longest = _CAPTION_MAX_WORDS * (2 if says_so else 1)
    return 3 <= len(words) <= longest and not dateline and _chrome_rule(unit) is None


def _is_teaser_of(unit: str, other: str) -> bool:
    """A teaser is the text's first characters, cut at a fixed length: mid-word, or long enough that it
    is no headline glued to its photo's caption ("Headline ảnh 1 Caption")."""
    if len(unit) < _TEASER_PREFIX_MIN_CHARS or len(other) <= len(unit) or not other.startswith(unit):
        return False
    cut_mid_word = other[len(unit)].isalnum() and unit[-1].isalnum()
    return cut_mid_word or len(unit) >= 2 * _TEASER_PREFIX_MIN_CHARS


def _undoubled(unit: str) -> str:
    """ "X. Photo: APX. Photo: AP": a caption saved twice with nothing between the copies."""
    half, odd = divmod(len(unit), 2)
    if len(unit) >= 20 and unit[:half] == unit[half + odd :] and unit[half : half + odd].strip() == "":
        return unit[:half].strip()
    return unit


# --- header (above the body) ------------------------------------------------------------------


def _take_archive_header(text: str, result: CleanText) -> str:
    """The " date YYYY-MM-DD" header an archive puts before a saved text: the day it was saved, which
    stands for the published date only when the page prints none of its own."""
    match = _ARCHIVE_HEADER.match(text)
    if not match:
        return text
    if match.group(3):  # " date 2023-12": a month only says less than the text will
        result.archived = _safe_date(*map(int, match.groups()))
    result.removed.append(RemovedBlock(match.group().strip(), "archive date header"))
    return text[match.end() :]


def _body_start(units: list[str], *, story_found: bool = False, known_title: str | None = None) -> int:
    if story_found:
        return _story_start(units, known_title)
    for index, unit in enumerate(units):
        # A summary's bullets above the text are not where the text starts, nor is a long headline
        # without a stop over the dateline.
        # Nor is a headline-shaped line over a paragraph: a copy is cut at its end, not over its text.
        following = units[index + 1] if index + 1 < len(units) else ""
        running_text = is_prose(unit) or (
            _is_cut_paragraph(unit)
            and not _BULLET.match(unit)
            and not _opens_with_dateline(following)
            # A headline over the text or over its date stamp ("Published: Apr 15, 2022 06:12 PM").
            and not (
                is_headline(unit)
                and unit.count(":") <= 1
                and "|" not in unit
                and (is_prose(following) or _date_line(following, CleanText(paragraphs=[]))[1] is not None)
            )
        )
        if _chrome_rule(unit) is None and (running_text or (_DATELINE.match(unit) and _dateline_parts(unit))):
            return index
    return len(units)


def _story_start(units: list[str], known_title: str | None) -> int:
    """Where a story found in a page's structure starts: after its headline and the lines that stand
    with it (date line, byline, section name, photo caption), at its first line of any other kind."""
    title = _key(known_title or "")
    scratch = CleanText(paragraphs=[])
    for index, unit in enumerate(units):
        header_kind = (
            _key(unit) == title
            or word_count(unit) <= 3
            or unit.startswith(CAPTION_MARK)
            or _chrome_rule(unit) is not None
            or _date_line(unit, scratch)[1] is not None  # a dated stamp; "1H ago" marks a list's items
            or bool(_AUTHOR_LINE.match(unit) or _EDITOR_LINE.match(unit) or _is_correspondent_line(unit))
            or (len(_BREADCRUMB_SEPARATOR.findall(unit)) >= 1 and word_count(unit) <= 12)
        )
        if not header_kind:
            return index
    return len(units)


def _read_header_zone(units: list[str], result: CleanText, *, lead: list[str] = ()) -> None:
    """Above the body: site chrome, section names, bylines, date lines and captions go; the headline
    is kept, and the date line next to it gives the published date."""
    units = [_without_wire_label(_without_script_label(unit, result), result) for unit in units]
    units = [piece for unit in units for piece in _headline_and_stamp(unit)]
    units = [piece for unit in units for piece in _headline_and_site(unit)]
    units = [piece for unit in units for piece in _headline_and_image(unit)]
    rules: list[str | None] = []
    dated: list[tuple[int, datetime.date]] = []
    for index, unit in enumerate(units):
        rule = _chrome_rule(unit)
        if rule is None:
            rule, published = _date_line(unit, result)
            if published:
                dated.append((index, published))
        rule = rule or _take_caption(unit, result) or _bare_dateline_rule(unit, result) or _photo_scene(unit, result)
        if rule is None and _SITE_NOTICE.search(unit) and word_count(unit) <= _NOTICE_MAX_WORDS:
            rule = "site notice"  # "JavaScript is off", "Please update your browser", cookie consent
        if rule is None and (_AUTHOR_LINE.match(unit) or _EDITOR_LINE.match(unit) or _is_correspondent_line(unit)):
            rule = "author line"
        if rule is None and _WRITERS_LINE.match(unit):
            rule = "author line"
        if rule is None and _CAPTION_CLOSED_BY_AGENCY.search(unit):
            rule = "photo caption"  # over the headline, where a lead never ends with an agency's name
        if rule is None and len(_BREADCRUMB_SEPARATOR.findall(unit)) >= 1 and len(unit.split()) <= 12:
            rule = "breadcrumb"
        if rule is None and _is_capitals(unit):
            rule = "banner in capitals"
        rules.append(rule)
    chosen = _choose_headline(units, rules, lead)
    if chosen is None:
        # A headline set in capitals, when nothing else above the text is one.
        shouted = [i for i, rule in enumerate(rules) if rule == "banner in capitals" and _headline_length(units[i])]
        if shouted:
            chosen = shouted[-1]
            rules[chosen] = None
    summary = _summary_points(units, rules, chosen)
    result.summary = [_SUMMARY_POINT.sub("", units[index]) for index in summary]
    undated = [rule in _CAPTION_RULES for rule in rules]  # a photo's date is not the page's
    for index, (unit, rule) in enumerate(zip(units, rules, strict=True)):
        if index == chosen or index in summary:
            continue
        if rule is None and chosen is not None and _key(unit) == _key(units[chosen]):
            rule = "headline repeated"
        rule = rule or ("section label" if word_count(unit) <= 3 else "header line")
        result.removed.append(RemovedBlock(unit, rule))
    result.headings = [units[chosen]] if chosen is not None else []
    # A date far above the headline is the site's "today" widget, not the article's: only a date line
    # next to the headline (or to the text, when there is no headline) is the published date, and one
    # under the headline (the article's own stamp) outranks one over it (possibly that widget).
    anchor = chosen if chosen is not None else len(units)
    near = [
        (index < anchor, abs(index - anchor), date) for index, date in dated if abs(index - anchor) <= _DATE_LINE_REACH
    ]
    if near and result.published is None:
        above, _, result.published = min(near, key=lambda item: item[:2])
        result.published_above_headline = above and chosen is not None
    if result.published is None and result.header_date is None:
        result.header_date = _printed_date_near(units, anchor, skip=undated)
    if result.published is None and result.header_date is None:
        months = [m for unit in units[:anchor] for m in find_dates(unit) if m.kind == "month" and m.year]
        if len(months) == 1:
            result.page_month = _safe_date(months[0].year, months[0].month, 1)


_SUMMARY_POINT = re.compile(r"^\s*[-•·*–]\s+")
_SUMMARY_MAX_POINTS = 4
_SUMMARY_MIN_WORDS = 12  # longer than a headline


def _summary_points(units: list[str], rules: list[str | None], chosen: int | None) -> list[int]:
    """The bulleted sentences right under the headline that sum the article up (a news site's "key
    points"); a list further down, or of headlines, is no summary."""
    if chosen is None:
        return []
    points = []
    for index in range(chosen + 1, len(units)):
        unit = units[index]
        if rules[index] is not None and not points:
            continue  # the byline or date line between the headline and its summary
        if rules[index] is not None or not _SUMMARY_POINT.match(unit):
            break
        words = _SUMMARY_POINT.sub("", unit).split()
        if len(words) < _SUMMARY_MIN_WORDS or sum(word[:1].islower() for word in words) < 4:
            break  # a headline's length, or a list of names: no sentence
        points.append(index)
    return points if len(points) <= _SUMMARY_MAX_POINTS else []


_TEASER_REASON = "no paragraph of running text: a teaser, or a page saved in part; check it against the source"


def _take_back_text(result: CleanText) -> list[str]:
    """Header lines that read as running text (mostly lower-case words, a sentence's length)."""
    taken = [block for block in result.removed if block.rule == "header line" and _reads_as_text(block.text)]
    result.removed = [block for block in result.removed if block not in taken]
    return [block.text.lstrip("•·*-–— ") for block in taken]


def _reads_as_text(unit: str) -> bool:
    words = unit.split()
    lower = sum(word[:1].islower() for word in words)
    return len(words) >= 6 and lower * 2 >= len(words)


def _headline_length(unit: str) -> bool:
    return is_headline(unit) and word_count(unit) >= _HEADLINE_MIN_WORDS


def _choose_headline(units: list[str], rules: list[str | None], lead: list[str] = ()) -> int | None:
    """The headline among the title-like lines above the text: the one the page repeats ("Site - Headline",
    the headline twice), the one with the byline or date line right under it, a real headline's length
    rather than a section name's, the one telling what the lead tells (a site's slogan tells nothing of
    it); when those say nothing, the last one above the text."""
    candidates = [
        index
        for index, rule in enumerate(rules)
        if rule is None
        and is_headline(units[index])
        and not _reads_as_stamp(units[index])
        and not _MASTHEAD.match(units[index])
    ]
    if not candidates:
        return None
    keys = [_key(unit) for unit in units]
    lead_stems = _stems(" ".join(lead[:_LEAD_UNITS]))
    lead_keys = [_key(unit) for unit in lead]

    def tells_the_lead(index: int) -> bool:
        return _shared_stems(_stems(units[index]), lead_stems) >= _HEADLINE_SHARES_WITH_LEAD

    def is_deck(index: int) -> bool:
        """The sentence under a headline that sums the story up: longer, in sentence case; or, stacked
        between a headline telling the lead and the byline or date line, a line of any length."""
        if index - 1 not in candidates:
            return False
        above = units[index - 1]
        stacked = (
            index + 1 < len(units)
            and rules[index + 1] in _BYLINE_RULES
            and len(above.split()) >= _HEADLINE_MIN_WORDS
            and tells_the_lead(index - 1)
        )
        return stacked or _reads_as_deck(units[index], above)

    def score(index: int) -> tuple[int, int]:
        key = keys[index]
        repeated = any(other == key or other.endswith(" " + key) for i, other in enumerate(keys) if i != index)
        # The headline stands over the byline, or over the deck over the byline.
        below = index + 2 if index + 1 < len(units) and index + 1 in candidates and is_deck(index + 1) else index + 1
        under_byline = below < len(units) and rules[below] in _BYLINE_RULES
        long_enough = len(units[index].split()) >= _HEADLINE_MIN_WORDS
        institution = bool(_INSTITUTION_NAME.search(units[index]))
        # A deck is often a sentence of the text printed again without its stop: no headline.
        deck = is_deck(index) or any(keys[index] in key for key in lead_keys)
        return (
            4 * repeated + 2 * under_byline + 3 * long_enough + 2 * tells_the_lead(index) - 4 * institution - 4 * deck,
            index,
        )

    return max(candidates, key=score)


_FIGURE = re.compile(r"[\d.,:/%—–-]+")


def _reads_as_stamp(unit: str) -> bool:
    """A post's metadata rather than a headline: a full date ("05/10/2018 - Posted by ...", "Author: X
    Publish date: Nov 18, 2019"), a table's row of figures, a link's "»"."""
    words = unit.split()
    figures = sum(bool(_FIGURE.fullmatch(word)) for word in words)  # "18", "—", "2,500": not "G20"
    return (
        figures * 2 > len(words)
        or unit.endswith(("»", "›"))
        or any(m.kind == "day" and m.year for m in find_dates(unit))
    )


# The headline and the lead under it name the same people, places and things: this many words of the
# headline (by their first letters, so "Laos" is "Lao" and "rail" is "railway") are in the lead's first units.
_HEADLINE_SHARES_WITH_LEAD = 2
_LEAD_UNITS = 2
_DECK_ECHO_UNITS = 4  # the text's first paragraphs, one of which a deck may print again
_STEM_LETTERS = 5


def _stems(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_]{3,}", to_ascii(text).lower())
    return {word[:_STEM_LETTERS] for word in words if word not in FUNCTION_WORDS}


def _shared_stems(stems: set[str], others: set[str]) -> int:
    return sum(any(stem.startswith(other) or other.startswith(stem) for other in others) for stem in stems)


def _reads_as_deck(unit: str, above: str) -> bool:
    """A sentence summing up the story under its headline: a headline's length over it, itself clearly
    longer and mostly small words."""
    words, above_words = unit.split(), above.split()
    lower = sum(word[:1].islower() for word in words)
    return (
        len(above_words) >= _HEADLINE_MIN_WORDS
        and len(words) >= max(_DECK_MIN_WORDS, 1.3 * len(above_words))
        and lower * 5 >= len(words) * 3
    )


def _printed_date_near(units: list[str], anchor: int, *, skip: list[bool]) -> HeaderDate | None:
    """A whole date printed next to the headline in a line of another kind (a video's shot-list
    heading "Nanning, south China - Sept 11, 2018"): the date the page gives for its story."""
    for distance in range(_DATE_LINE_REACH + 1):
        for index in (anchor - distance, anchor + distance):
            if 0 <= index < len(units) and not skip[index]:
                days = [m for m in find_dates(unglue_stamps(units[index])) if m.kind == "day" and m.year]
                if days and not days[0].alternative:
                    return HeaderDate(days[0].month, days[0].day, days[0].year)
    return None


# "Headline | Hanoi Times", "VnExpress International - Headline": a page title naming its site.
_SITE_SEPARATOR = re.compile(r"\s(?:\||-|–|—|::)\s")
_SITE_NAME = re.compile(
    r"^(?:[\w.'’&-]+\s){0,4}?(?:[\w'’&-]*(?:Times|News|Daily|Post|Online|International|Express|Herald|Tribune|Journal"
    r"|Gazette|Plus|Net|Agency|TV|Radio|Network|Magazine|Review|Press|Today|Insider|Observer|Monitor|Telegraph"
    r"|Standard|Weekly|Channel|Broadcasting|Media|Portal|Newspaper|Xinhua|Nation|Globe|Star|Mail|Voice|Diplomat)"
    r"|[\w-]+\.(?:com|net|org|vn|cn|gov|info|news|co\.\w\w)(?:\.\w\w)?)$"
)


def _headline_and_site(unit: str) -> list[str]:
    """The headline and the site's name a page title joins to it, as two lines."""
    parts = _SITE_SEPARATOR.split(unit)
    if len(parts) != 2:
        return [unit]
    first, second = (part.strip() for part in parts)
    if _SITE_NAME.match(second) and word_count(first) >= 4 and is_headline(first):
        return [first, second]
    if _SITE_NAME.match(first) and word_count(second) >= 4 and is_headline(second):
        return [first, second]
    return [unit]


_STAMP_WORD = re.compile(r"(?:updated|published|posted|last updated|created|modified)\b", re.I)


# What only a photo's caption says over a story: "Prime Minister A shaking hands with B", "A (L) and B".
_PHOTO_SCENE = re.compile(
    rf"\b(?:shaking hands with|posing for (?:a )?(?:group )?photos?|waving to)\b|{PHOTO_POSITION.pattern}", re.I
)


def _photo_scene(unit: str, result: CleanText) -> str | None:
    if not _PHOTO_SCENE.search(unit) or word_count(unit) > _CAPTION_MAX_WORDS:
        return None
    result.photos.append(Photo(caption=_sentence(unit), credit=""))
    return "photo caption"


_FIRST_WORD = "Text"


def _bare_dateline_rule(unit: str, result: CleanText) -> str | None:
    """ "VIETNAM, April 12 -" on a line of its own, the story's text starting on the next line."""
    if not re.search(r"[-–—:]$", unit):
        return None
    # Read as the lead's opening it would be: the dateline pattern wants the text's first word after it.
    rest, parts = _strip_lead_in(f"{unit} {_FIRST_WORD}")
    if rest != _FIRST_WORD or not parts:
        return None
    dates = [date for _, date, _ in parts if date]
    if dates and result.header_date is None:
        result.header_date = _header_date(dates[0])
    return "dateline"


def _headline_and_image(unit: str) -> list[str]:
    """ "Headline hinh anh 1Caption (Photo: VNA)": over the text, the image's alt text before its marker
    is the headline the page put there, the rest the photo's caption."""
    marker = _IMAGE_MARKER.search(unit)
    if marker is None or marker.start() == 0:
        return [unit]
    head = unit[: marker.start()].strip(" -–—|")
    return [head, unit[marker.start() :]] if is_headline(head) else [unit]


def _headline_and_stamp(unit: str) -> list[str]:
    """ "Headline Nguyen Van An 24/05/2025 10:00": a headline with its byline and date glued on.
    The date line is split off; so is the author's name, when the headline is written in sentence
    case and ends on a run of capitalised words."""
    text = unglue_stamps(unit)
    days = [m for m in find_dates(text) if m.kind == "day" and m.year]
    if not days or _TIME.sub(" ", _DATE_WORDS.sub(" ", text[days[-1].end :])).strip(" |-–—,"):
        return [unit]
    head = text[: days[-1].start].strip(" |-–—,")
    words = head.split()
    metadata = (
        "|" in head
        or _AUTHOR_LINE.match(head)
        or _EDITOR_LINE.match(head)
        or _METADATA_LABEL.search(head)
        or _TIME.search(head)  # "Updated 15:20 GMT+7, Tuesday 8/4/2025": all of it the stamp
        or _STAMP_WORD.match(head)
    )
    if len(words) < 3 or metadata or not is_headline(head) or _SENTENCE_END.search(head):
        return [unit]
    stamp = text[days[-1].start :].strip()
    tail = 0
    while tail < min(3, len(words) - 2) and words[-1 - tail][:1].isupper():
        tail += 1
    lower = sum(word[:1].islower() for word in words[1 : len(words) - tail])
    if 2 <= tail <= 3 and lower * 2 >= len(words) - tail - 1:
        return [" ".join(words[:-tail]), f"By {' '.join(words[-tail:])} {stamp}"]
    return [head, stamp]


# A wire story's version label before its headline: "(LEAD)", "(2nd LD)", "(URGENT)", "(3rd LD-FULL)".
_WIRE_LABEL = re.compile(r"^\((?:lead|urgent|update|\d+(?:st|nd|rd|th) (?:ld|lead|update)(?:[- ][\w-]+)?)\)\s+", re.I)


def _without_wire_label(unit: str, result: CleanText) -> str:
    match = _WIRE_LABEL.match(unit)
    if match and is_headline(unit[match.end() :]):
        result.removed.append(RemovedBlock(match.group().strip(), "wire label"))
        return unit[match.end() :]
    return unit


def _without_script_label(unit: str, result: CleanText) -> str:
    """ "国内英语新闻:Headline": a section label in another script glued before a Latin headline."""
    match = _SCRIPT_LABEL.match(unit)
    if match and re.search(r"[A-Za-z]", unit[match.end() :]):
        result.removed.append(RemovedBlock(match.group().strip(), "section label"))
        return unit[match.end() :].strip()
    return unit


_BYLINE_RULES = ("author line", "byline with time", "date line")
_CAPTION_RULES = ("photo caption", "caption repeated", "source line")
_HEADLINE_MIN_WORDS = 5
_DECK_MIN_WORDS = 10
_HEADLINE_MAX_WORDS = 32  # a ministry's press statement names its visitor's whole title
_NOTICE_MAX_WORDS = 40
# How far (in lines) from the headline a date line may sit and still be the article's.
_DATE_LINE_REACH = 6
# Each field of a bar-separated metadata line ("From: Chinese Embassy in Viet Nam") is a label and a short value.
_FIELD_MAX_WORDS = 6


def _date_line_rule(unit: str, result: CleanText, *, under_headline: bool = False) -> str | None:
    """A byline or date line inside the text: removed, and the published date when none is known yet
    (or when it stands right under the headline and the date known so far stood over it)."""
    rule, published = _date_line(unit, result)
    if published and (result.published is None or (under_headline and result.published_above_headline)):
        result.published = published
        result.published_above_headline = False
    return rule


def _date_line(unit: str, result: CleanText) -> tuple[str | None, datetime.date | None]:
    """(rule, date) of a byline or date line ("February 27, 2025 11:39 AM GMT+7"), or (None, None).

    A date written in numbers that reads both ways ("03-06-2017") gives no date here: the article's
    dateline settles it later (CleanText.ambiguous_dates), or it stays unknown rather than wrong."""
    text = unglue_stamps(unit)
    days = [m for m in find_dates(text) if m.kind == "day"]
    dated = [m for m in days if m.year]
    if not dated:
        # "December 23, 6:25 UTC+3 MOSCOW": a stamp without its year is still a stamp, not a headline.
        if days and _TIME.search(text) and _word_count(_TIME.sub(" ", text.replace(days[0].text, " "))) <= 3:
            return "byline with time", None
        return None, None
    leftover = text
    for mention in dated:
        leftover = leftover.replace(mention.text, " ")
    leftover = _DATE_WORDS.sub(" ", _TIME.sub(" ", leftover))
    is_metadata = _is_field_line(leftover) or len(_METADATA_LABEL.findall(unit)) >= 2
    if _word_count(leftover) > 4 and not _AUTHOR_LINE.match(unit) and not is_metadata:
        return None, None
    source = _BYLINE_SOURCE.match(unit)
    if source and _is_agency(source.group(1)) and result.agency is None:
        result.agency = source.group(1)  # "(People's Daily Online) 09:45, June 26, 2024"
    first = dated[0]
    rule = "byline with time" if _TIME.search(text) or _AUTHOR_LINE.match(unit) or is_metadata else "date line"
    if not first.alternative:
        return rule, _safe_date(first.year, first.month, first.day)
    # "Wednesday, 03/04/2024": the weekday printed beside it says which reading is meant.
    weekdays = {m.weekday for m in find_dates(text) if m.kind == "weekday"}
    readings = [
        value
        for month, day in ((first.month, first.day), first.alternative)
        if (value := _safe_date(first.year, month, day)) and value.weekday() in weekdays
    ]
    if len(readings) == 1:
        return rule, readings[0]
    result.ambiguous_dates.append(first)
    return rule, None


def _is_field_line(text: str) -> bool:
    """Short fields separated by bars ("Source: Xinhua | <date> | Editor: Zhang Wei"): an article's metadata."""
    fields = [part for part in text.split("|") if part.strip()]
    return len(fields) >= 2 and all(_word_count(part) <= _FIELD_MAX_WORDS for part in fields)


def _word_count(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


# --- the main text: where running text is densest ------------------------------------------------

# What a line that is not running text costs the block it sits in, in words of running text: a
# subheading or a list item inside an article costs little, a run of widgets, bylines and ratings
# between the article and readers' comments costs more than the comments' sentences bring.
_NON_TEXT_LINE_COST = 4


# A paywall's notice where the rest of the article would be: the saved copy holds its start only.
_PAYWALL = re.compile(
    r"\b(?:unlock (?:this|the full) (?:article|story)|premium (?:content|members?|subscribers?)|already (?:a )?"
    r"(?:member|subscriber)\b.{0,20}\b(?:log|sign) ?in|(?:for|to) paying subscribers|subscribe (?:now )?to "
    r"(?:continue|read)|to (?:continue|keep) reading|(?:log|sign) ?in to (?:continue|read)|this (?:article|content|"
    r"story) is (?:only )?(?:for|available to) (?:subscribers|members))",
    re.IGNORECASE,
)
_PAYWALL_REASON = "the page holds only the start of the article (a paywall): check it against the source"
_ABOUT_COMMENTS = re.compile(r"\bcomments?\b", re.I)  # "Comments are for paying subscribers": the article is whole
# Notices every page of a site carries, however well written: cookie consent, privacy, newsletters,
# subscriptions, customer service. They are never running text of the article.
_SITE_NOTICE = re.compile(
    r"\b(?:cookies?|privacy (?:policy|overview|settings)|terms of (?:use|service)|newsletters?|subscribe|subscription"
    r"|sign(?:ing)? up|log ?in to|customer service|all rights reserved|javascript|your browser"
    # a government site's banner ("An official website of ... Here's how you know"), a wire's counters
    r"|an official website of|official websites use|here['’]s how you know|gov websites?|https:// means"
    r"|posted in the last 24 hours|news alerts|delivered (?:\w+ )?(?:mornings|daily|weekly)|to your inbox"
    # an archive's age notice, a site's own slogan
    r"|this article is more than \w+ (?:years?|months?) old|breaking news, |daily information|latest news and"
    # an account's or a share menu's prompts, a search box, a link's warning
    r"|you are (?:now )?(?:signed|logged) in|sharing options|what are you looking for|search for\s*:"
    r"|(?:will )?open in a new (?:window|tab))\b",
    re.IGNORECASE,
)


def _main_text(units: list[str], first_prose: int) -> tuple[int, int]:
    """(start, end) of the stretch of units holding the most running text for the lines of other
    kinds it has to take in (body text extraction: the article is the densest run of prose on the
    page). It starts no earlier than the first paragraph of prose."""
    best, best_span = 0, (first_prose, len(units))
    total, start = 0, first_prose
    for index in range(first_prose, len(units)):
        unit = units[index]
        words = word_count(unit)
        running = is_sentence(_without_sign_off(unit)) or _is_cut_paragraph(unit, last_in_text=index == len(units) - 1)
        if running and not _SITE_NOTICE.search(unit):
            total += words
        elif _is_article_furniture(unit):
            total -= _NON_TEXT_LINE_COST  # a photo's caption or the story's date line: however long, one line
        else:
            total -= _NON_TEXT_LINE_COST + min(words, 10)
        if total <= 0:
            total, start = 0, index + 1
        elif total > best:
            best, best_span = total, (start, index + 1)
    return best_span


def _is_article_furniture(unit: str) -> bool:
    """A photo's caption or credit, or a date line: what stands between an article's paragraphs."""
    scratch = CleanText(paragraphs=[])
    return (
        unit.startswith(CAPTION_MARK)
        or _IMAGE_MARKER.search(unit) is not None
        or _date_line(unit, scratch)[1] is not None  # a dated stamp; "1H ago" marks a list's items
        or _take_caption(unit, scratch) is not None
    )


# --- body -------------------------------------------------------------------------------------


def _read_body(units: list[str], result: CleanText, titles: set[str]) -> list[str]:
    kept: list[str] = []
    signed_off_at: int | None = None  # how many units were kept when the article signed off
    for position, unit in enumerate(units):
        if kept and _COMMENTS_HEADING.match(unit):
            result.removed.extend(RemovedBlock(u, "readers' comments") for u in units[position:])
            break
        if kept and _LIST_MARKER.match(unit):
            kept.append(unit)  # judged with what follows in _drop_story_lists
            continue
        rule = _chrome_rule(unit)
        if rule is None and _PAYWALL.search(unit) and word_count(unit) <= _NOTICE_MAX_WORDS:
            rule = "paywall notice"
            if not _ABOUT_COMMENTS.search(unit) and _PAYWALL_REASON not in result.review_reasons:
                result.review_reasons.append(_PAYWALL_REASON)
        if rule is None and _FOOTER_LINE.match(unit):
            rule = "footer line"
        if rule is None and _CONTACT_LINE.match(unit):
            rule = "contact line"
        if rule is None and _AUTHOR_LINE.match(unit) and len(unit.split()) <= 8:
            rule = "author line"
        if rule is None and not is_prose(unit):
            rule = _date_line_rule(unit, result, under_headline=not kept and position <= _DATE_LINE_REACH)
        key = _key(unit)
        if rule is None and (key in titles or _ends_a_title(key, titles)):
            rule = "headline repeated in body"
        if rule is None and kept and key == _key(kept[0]) and is_prose(unit):
            rule = "lead repeated"  # a link card or a forum's quote of the story under it
        if rule is None:
            rule = _take_caption(unit, result)
        if rule is None:
            kept.append(unit)
            if _END_MARK.search(unit) or _SIGN_OFF.search(unit):
                rule = "signed off"
        else:
            result.removed.append(RemovedBlock(unit, rule))
        signs_off = rule in _SIGN_OFF_RULES or (rule == "footer line" and bool(_SIGNATURE_LINE.match(unit)))
        if signs_off and kept and signed_off_at is None:
            signed_off_at = len(kept)
    return _without_teasers_after(kept, signed_off_at, result)


def _ends_a_title(key: str, titles: set[str]) -> bool:
    """ "Party chief X to visit China" under the headline "Vietnam Party chief X to visit China"."""
    return len(key.split()) >= _HEADLINE_MIN_WORDS and any(title.endswith(" " + key) for title in titles)


# Lines that close an article: its author, editor or source, its end mark.
_SIGN_OFF_RULES = ("author line", "source line", "signed off")
_SIGNATURE_LINE = re.compile(
    r"^(?:\(?(?:web |chief )?editors?\s*:|edited by\s|\(?(?:additional )?reporting by\s"
    r"|[a-z]{1,5}(?:/[a-z]{1,5}){2,}$)",
    re.IGNORECASE,
)
_TEASERS_MIN = 2


def _without_teasers_after(kept: list[str], signed_off_at: int | None, result: CleanText) -> list[str]:
    """Paragraphs after the article has signed off ("By ...", "Editor: ...", "./.") are teasers of other
    stories when there are several of them and they are less than the article itself."""
    if signed_off_at is None:
        return kept
    after = [unit for unit in kept[signed_off_at:] if is_prose(unit)]
    before = sum(word_count(unit) for unit in kept[:signed_off_at] if is_prose(_without_sign_off(unit)))
    if len(after) < _TEASERS_MIN or sum(word_count(unit) for unit in after) >= before:
        return kept
    result.removed.extend(RemovedBlock(unit, "after the article's sign-off") for unit in kept[signed_off_at:])
    return kept[:signed_off_at]


def _take_caption(unit: str, result: CleanText) -> str | None:
    """A photo caption (image marker, caption block, or text ending "(Photo: VNA)") becomes a Photo;
    a lone "Source: VNA" line credits the article. Returns the rule applied, if any."""
    marked = unit.startswith(CAPTION_MARK)
    caption = unit.removeprefix(CAPTION_MARK)
    caption = _without_editors_note(caption)
    if caption.startswith("("):
        caption = _FILE_PHOTO_MARK.sub("", caption)
    markers = list(_IMAGE_MARKER.finditer(caption))
    if markers:
        marked = True
        caption = caption[markers[-1].end() :]  # before the marker is the image's alt text
    credit_match = (
        _CAPTION_CREDIT.search(caption)
        or _CAPTION_CREDIT_AFTER.search(caption)
        or _CAPTION_CREDIT_SLASH.search(caption)
        or _CAPTION_CREDIT_WIRE.search(caption)
        or _CAPTION_CREDIT_AGENCY_PHOTO.search(caption)
        or _CAPTION_CREDIT_BRACKETED.search(caption)
        or ("[" in caption and _CAPTION_CREDIT_AGENCY_BRACKETED.search(caption))
        or (_CAPTION_CREDIT_AGENCY.search(caption) if marked else None)  # "... March 22. (Yonhap)"
        or _CAPTION_CREDIT_COURTESY.search(caption)
        or _CAPTION_CREDIT_DASH.search(caption)
    )
    if credit_match is None and not marked and not _SENTENCE_END.search(caption) and PHOTO_POSITION.search(caption):
        marked = True  # "President A (R) welcoming Prime Minister B": where each stands, and no sentence's stop
    if credit_match is None and not marked:
        # "Source: state media outlets A and B": where the story came from, too long to be one credit.
        # Often under the lead, so no sign-off: the text goes on after it.
        return "source attribution" if _SOURCE_ATTRIBUTION.fullmatch(unit) else None
    credit = (credit_match.group("credit") or "").strip() if credit_match else ""
    caption = (caption[: credit_match.start()] if credit_match else caption).strip(" -–—|")
    if not re.search(r"[^\W\d_]", caption):
        caption = ""  # "Headline - Ảnh 1.": the image's marker with nothing after it
    if (
        caption
        and credit_match
        and credit_match.groupdict().get("keyword") == "Source"
        and not marked
        and not PHOTO_POSITION.search(caption)  # "A (R) and B (Source: VNA)": where people stand in a photo
    ):
        return None  # "... (Source: GSO)" ends a sentence of the text; only a lone source line is credit
    if not marked and len(caption.split()) > 80:
        return None  # a long paragraph that happens to end on a source is text, not a caption
    if markers and not caption and not credit_match:
        return "image marker"
    if caption:
        photo = Photo(caption=_sentence(caption), credit=credit)
        if photo in result.photos:
            return "caption repeated"  # saved twice: as the image's description and under it
        result.photos.append(photo)
        return "photo caption"
    keyword = credit_match.groupdict().get("keyword") if credit_match else None
    if marked or keyword != "Source":
        return "photo credit"  # a photo's credit with no caption: the article's credit is another's
    if credit and result.credit is None:
        result.credit = credit
    return "source line"


def _drop_story_lists(units: list[str], result: CleanText, *, story_found: bool = False) -> list[str]:
    """Lists of other stories: after a list marker, or a run of headlines (each repeated or teased).
    A story found in a page's structure keeps its own lists (tour dates, a calendar): a page's lists
    of links are outside it already."""
    for index, unit in enumerate(units):
        if index and _LIST_MARKER.match(unit):
            end = _story_list_end(units, index + 1, teasers=not _INLINE_LIST_MARKER.match(unit))
            cut = units[index:end]
            result.removed.extend(RemovedBlock(u, f"list of other stories after {unit!r}") for u in cut)
            return _drop_story_lists(units[:index] + units[end:], result, story_found=story_found)
    start = None if story_found else _trailing_headline_run(units)
    if start is not None:
        result.removed.extend(RemovedBlock(u, "list of other stories (headline run)") for u in units[start:])
        units = units[:start]
    kept = []
    for unit in units:
        if _LIST_MARKER.match(unit):
            result.removed.append(RemovedBlock(unit, "site chrome"))
        else:
            kept.append(unit)
    return kept


def _story_list_end(units: list[str], index: int, *, teasers: bool = True) -> int:
    """Past the headlines (each with its repetition or, with `teasers`, a one-paragraph teaser) that
    follow a marker."""
    groups = 0
    while index < len(units):
        unit = units[index]
        if _LIST_MARKER.match(unit) or _chrome_rule(unit):
            index += 1
            continue
        if not is_headline(unit):
            break
        index += 1
        groups += 1
        if index < len(units) and _key(units[index]) == _key(unit):
            index += 1
        if teasers and index < len(units) and is_prose(units[index]):
            index += 1
        elif groups == 1:
            teasers = False  # headlines listed bare: the paragraph after the last one is the article's again
    return index


def _trailing_headline_run(units: list[str]) -> int | None:
    """Where a run of story groups that ends the text begins, if the run has a list's shape."""
    index = len(units)
    groups = repeated = 0
    bare_run = True
    while index > 1:
        cursor = index - 1
        teased = False
        if is_prose(units[cursor]) and is_headline(units[cursor - 1]):
            cursor -= 1
            teased = True
        elif not is_headline(units[cursor]):
            break
        if cursor > 0 and _key(units[cursor - 1]) == _key(units[cursor]):
            cursor -= 1
            repeated += 1
        bare_run = bare_run and not teased
        groups += 1
        index = cursor
    is_list = repeated >= 2 or (bare_run and groups >= 3) or groups >= 4
    if not is_list or index == 0 or units[index - 1].endswith(":"):
        return None  # "The documents signed include:" introduces the article's own list
    return index


def _take_sign_off(units: list[str], result: CleanText, *, story_found: bool = False) -> list[str]:
    """The end of the article, then its agency credit: a line of its own ("Vietnamplus") right after
    the text, or the end of the last paragraph. What the page shows below the article goes."""
    end = _end_of_story(units) if story_found else _end_of_article(units)
    furniture_seen = False
    for line in units[end:]:
        if _is_credit_line(line) and result.credit is None and not furniture_seen:
            result.credit = line.strip(" ()-–—")
            result.removed.append(RemovedBlock(line, "credit line"))
        elif _LABEL_LINE.match(line) and len(line.split()) <= 12:
            result.removed.append(RemovedBlock(line, "footer line"))
        elif _CONTACT_LINE.match(line):
            result.removed.append(RemovedBlock(line, "contact line"))
        else:
            furniture_seen = True
            result.removed.append(RemovedBlock(line, "page furniture after the article"))
    units = list(units[:end])
    if not units:
        return units
    last = units[-1]
    end_mark = _END_MARK.search(last)
    if end_mark:
        result.removed.append(RemovedBlock(end_mark.group().strip(), "end mark"))
        last = last[: end_mark.start()].rstrip()
    sign_off = _SIGN_OFF.search(last)
    if sign_off and len(sign_off.group("credit").split()) <= 3:
        result.credit = result.credit or sign_off.group("credit").replace(" ", "")
        result.removed.append(RemovedBlock(sign_off.group().strip(), "credit sign-off"))
        last = last[: sign_off.start()].rstrip()
    units[-1] = last
    return [u for u in units if u]


# A paragraph the saved copy cut mid-sentence is still the article's when it is this long and reads
# as running text (mostly lower-case words), which a headline of another story rarely does.
_CUT_PARAGRAPH_MIN_WORDS = 15


# A site's sentence to its reader after the article: "Please visit the Politics section to see related news",
# "Share your thoughts with friends."
_READER_PROMPT = re.compile(
    r"^\W*(?:please\s+)?(?:visit|see|go to|check out)\s+(?:the|our)\s+[^.]{1,40}\bsection\b"
    # "Share your thoughts with friends.", "Follow us on ...", "Join our channel": the site asking something
    r"|^\W*(?:share|follow|join|subscribe to|sign up for|download)\s+(?:your|us|our|the app)\b",
    re.IGNORECASE,
)


def _end_of_article(units: list[str]) -> int:
    """Where the article ends: after its last paragraph of prose, the short sentences that follow
    it, and a list it introduces ("The documents signed include:"). Widgets, tags, comment forms
    and single headlines of other stories come after that."""
    main_end = _main_text(units, 0)[1]  # readers' comments and teasers past the densest run are not the article's
    last = max(
        (
            index
            for index, unit in enumerate(units[:main_end])
            if is_prose(_without_sign_off(unit)) and not _READER_PROMPT.search(unit)
        ),
        default=None,
    )
    if last is None:
        return len(units)
    end = last + 1
    while end < len(units) and (
        (is_sentence(units[end]) and not _LABEL_LINE.match(units[end]) and not _READER_PROMPT.search(units[end]))
        or _is_cut_paragraph(units[end], last_in_text=end == len(units) - 1)
    ):
        end += 1
    if _introduces_list(units[end - 1]) or (end < len(units) and _introduces_list(units[end])):
        return len(units)
    return end


def _end_of_story(units: list[str]) -> int:
    """Where a story found in a page's structure ends: before the credit, footer and contact lines
    that close it."""
    end = len(units)
    while (
        end > 1
        and not is_prose(units[end - 1])
        and (
            _is_credit_line(units[end - 1])
            or (_LABEL_LINE.match(units[end - 1]) and len(units[end - 1].split()) <= 12)
            or _CONTACT_LINE.match(units[end - 1])
        )
    ):
        end -= 1
    return end


def _without_sign_off(unit: str) -> str:
    """The paragraph without an agency sign-off or end mark ("... he said. — VNS", "... ./.")."""
    unit = _END_MARK.sub("", unit).rstrip()
    sign_off = _SIGN_OFF.search(unit)
    return unit[: sign_off.start()].rstrip() if sign_off else unit


def _introduces_list(unit: str) -> bool:
    return unit.endswith(":") and len(unit.split()) >= 3 and not _LIST_MARKER.match(unit) and not _chrome_rule(unit)


def _is_cut_paragraph(unit: str, *, last_in_text: bool = False) -> bool:
    """Running text without its final stop: long, mostly lower-case words, and punctuated inside
    (a tag cloud or a keyword list has no commas or stops)."""
    words = unit.split()
    capitalised = sum(word[:1].isupper() for word in words)
    if last_in_text and _cut_mid_sentence(words):
        return True
    punctuated = bool(re.search(r"[,.;:!?]\s", unit))
    if last_in_text and not punctuated:
        # Where the saved copy was cut: a sentence cut before its first comma still has a sentence's
        # small words, which a list of tags or a caption's credit line has too few of.
        punctuated = sum(word.lower() in FUNCTION_WORDS for word in words) >= 3
    return (
        len(words) >= _CUT_PARAGRAPH_MIN_WORDS
        and capitalised * 2 < len(words)
        and punctuated
        and not _ends_with_photo_credit(unit)  # "... the ministry said. Photo: AFP": a caption
    )


def _cut_mid_sentence(words: list[str]) -> bool:
    """ "A visit to", "Germany is p", "about 5,00", "stood the test of time,": words the saved copy cut
    off mid-sentence, which no headline or label ends like."""
    if len(words) < 3 or _SENTENCE_END.search(words[-1]) or sum(w[:1].isupper() for w in words) * 2 > len(words) + 1:
        return False
    if words[0].lower() in PAGE_PROMPTS:
        return False  # "Follow us on", "Read more at": a page's prompt, not the text's sentence
    last = words[-1]
    return (
        last.endswith(",")
        or last.lower() in FUNCTION_WORDS
        or (len(last) <= 2 and last.isalpha() and last.islower() and last not in ("a", "i"))
        or re.fullmatch(r"\d[\d,.]*,\d{0,2}", last) is not None
    )


def _ends_with_photo_credit(unit: str) -> bool:
    credit = _CAPTION_CREDIT.search(unit)
    return bool(
        (credit and credit.group("keyword") != "Source")
        or _CAPTION_CREDIT_SLASH.search(unit)
        or _CAPTION_CREDIT_AGENCY_PHOTO.search(unit)
        or _CAPTION_CREDIT_WIRE.search(unit)
    )


def _is_correspondent_line(unit: str) -> bool:
    """ "Jane Doe in Hanoi": a reporter and where they filed from. A headline in title case may have
    the shape ("Vietnam's President Nguyen Arrives in Capital"): its words are not a name's."""
    match = _CORRESPONDENT_LINE.match(unit)
    if match is None:
        return False
    words = match.group("name").split()
    return not any(word.lower() in HEADLINE_WORDS or word.endswith(("'s", "’s")) for word in words)


def _is_credit_line(unit: str) -> bool:
    bare = unit.strip(" ()-–—")
    words = bare.split()
    if not 1 <= len(words) <= 3 or len(bare) > 30 or _SENTENCE_END.search(bare):
        return False
    if _FIELD_LABEL.fullmatch(bare):
        return False  # "Source", "Comments": a label whose value the saved copy lost
    parts = [word for word in re.split(r"[\s/]+", bare) if word]
    # "Vie", "World-class V": the first letters of a paragraph the saved copy cut, not an agency's name
    # (an agency's short name is in capitals: "VNA", "AKP").
    cut_short = len(parts[-1]) == 1 or (len(parts) == 1 and len(bare) <= 3 and not bare.isupper())
    # "VIETNAM CHINA": the story's tags, the countries it is about, not who sent it.
    tags = len(parts) > 1 and all(_is_known_place(word) for word in parts)
    return not cut_short and not tags and all(word[0].isupper() for word in parts)


# --- the lead's opening: agency line, dateline ------------------------------------------------


def _read_lead_in(units: list[str], result: CleanText) -> list[str]:
    """Agency line and dateline at the start of the lead (or of the paragraph after a standfirst)."""
    for index, unit in enumerate(units[:2]):
        rest, parts = _strip_lead_in(unit)
        if not parts:
            continue
        places = [place for place, _, _ in parts if place]
        result.dateline = places[-1] if places else None
        dates = [date for _, date, _ in parts if date]
        ambiguous = [m for date in dates for m in find_dates(date) if m.alternative]
        if ambiguous:
            # "Hanoi, 03/05/2024 –": March 5 or May 3; the text or a weekday settles it, or nothing does.
            result.ambiguous_dates.extend(ambiguous)
            dates = []
        if dates:
            # The dateline's date is the article's own; a date printed near the headline only lends
            # it a year it lacks.
            printed, result.header_date = result.header_date, _header_date(dates[0])
            if (
                result.header_date
                and not result.header_date.year
                and printed
                and printed.month == result.header_date.month
            ):
                result.header_date = HeaderDate(result.header_date.month, result.header_date.day, printed.year)
        agencies = [agency for _, _, agency in parts if agency]
        result.agency = agencies[0] if agencies else None
        result.removed.append(RemovedBlock(unit[: len(unit) - len(rest)].strip(), "dateline"))
        result.lead_index = index
        units = [*units[:index], rest, *units[index + 1 :]]
        break
    else:
        # "– The Party ...": the dash a dateline left when the copy dropped it; "INTERNATIONAL: ...",
        # a section's name in capitals before the lead.
        for pattern, rule in ((_ORPHANED_DATELINE_DASH, "dateline"), (_SECTION_LABEL_BEFORE_LEAD, "section label")):
            opening = pattern.match(units[0]) if units else None
            if opening:
                result.removed.append(RemovedBlock(opening.group().strip(), rule))
                units = [units[0][opening.end() :], *units[1:]]
    return units


_ORPHANED_DATELINE_DASH = re.compile(r"^\s*[-–—]+\s*(?=[A-ZÀ-ỸĐ\"“])")
_SECTION_LABEL_BEFORE_LEAD = re.compile(r"^[A-Z]{3,}(?: [A-Z]{3,})?:\s+(?=[A-ZÀ-ỸĐ\"“])")


# "23-9-2024 (WASHINGTON) US President ...": the page's date stamp glued before the dateline.
_LEAD_STAMP = re.compile(rf"^(?P<stamp>{_NUMERIC_DATE})\s+(?=\(?[A-Z]{{3,}})")


def _strip_lead_in(unit: str) -> tuple[str, list[tuple[str | None, str | None, str | None]]]:
    parts = []
    rest = unit
    stamp = _LEAD_STAMP.match(unit)
    if stamp and any(m.kind == "day" and m.year for m in find_dates(stamp.group("stamp"))):
        parts.append((None, stamp.group("stamp"), None))
        rest = unit[stamp.end() :]
    for _ in range(2):  # an agency line may precede the dateline: "VIETNAM, September 5 - HÀ NỘI —"
        match = _DATELINE.match(rest)
        found = _dateline_parts(rest) if match else None
        if not found:
            break
        parts.append(found)
        rest = rest[match.end() :]
    return rest, parts


def _opens_with_dateline(unit: str) -> bool:
    match = _DATELINE.match(unit)
    return match is not None and (not match.group("colon") or _dateline_parts(unit) is not None)


def _dateline_parts(unit: str) -> tuple[str | None, str | None, str | None] | None:
    """(place, date, agency) of a dateline at the start of the unit, or None when it is not one."""
    match = _DATELINE.match(unit)
    place = match.group("place")
    date = match.group("date") or match.group("bracketed_date") or match.group("agency_date")
    # "MOSCOW, May 5. /TASS/.", "(Outlet / Agency - 16th September, 2021)"
    agency = match.group("agency") or match.group("slashed_agency") or match.group("dated_agency")
    if place and _is_agency_code(place):
        place, agency = None, agency or place
    elif not place and agency and agency.isupper() and not _is_agency_code(agency) and _is_known_place(agency):
        place, agency = agency, None  # "(WASHINGTON) US President ...": a place in brackets
    if agency and not _is_agency(agency):
        return None
    # "Jakarta: Chinese President ...": a city the countries file knows, before a colon.
    known_city = (
        bool(match.group("colon"))
        and place is not None
        and _is_known_place(place)
        and to_ascii(place).lower() not in lexicon().country_words  # "Vietnam: a country of rivers"
        # "South China Sea: Vietnam seeks talks": a headline about a sea, not a city's dateline
        and not any(word.lower() in GEOGRAPHIC_FEATURES for word in place.split())
    )
    if place and not (place.isupper() or date or agency or known_city):
        return None  # "China — Việt Nam relations" is a sentence, "BEIJING —" a dateline
    if not (place or agency):
        return None
    if match.group("colon") and not (known_city or (place and place.isupper() and (date or agency))):
        return None  # "INTERNATIONAL: ...", "UPDATE: ...": a label in capitals, not where the story was filed
    return place, date, agency


def _is_known_place(text: str) -> bool:
    return phrase_key(text) in lexicon().places  # a country, capital or place the countries file names


def _is_agency_code(text: str) -> bool:
    """ "VGP", "NDO", an outlet's online edition ("SGGPO", "TTO"), a site's address ("VTV.vn"), or a short
    code in capitals that names no place the countries file knows ("WVR")."""
    if re.search(r"\.(?:vn|com|net|cn)$", text, re.I):
        return True
    code = text.replace(" ", "").upper()
    if code in _AGENCY_CODES or (code.endswith("O") and code[:-1] in _AGENCY_CODES):
        return True
    return text.isupper() and len(text) <= _AGENCY_CODE_MAX_LETTERS and not _is_known_place(text)


_AGENCY_CODE_MAX_LETTERS = 4  # "HUE", "ROME" and "BAKU" are known places; "WVR" is no place


def _is_agency(text: str) -> bool:
    words = [word for word in re.split(r"[\s/]+", text) if word]  # "UrduPoint News / Sputnik"
    return 0 < len(words) <= 4 and all(word[0].isupper() for word in words)


def _header_date(text: str) -> HeaderDate | None:
    mentions = [m for m in find_dates(text) if m.kind == "day"]
    if not mentions:
        return None
    return HeaderDate(mentions[0].month, mentions[0].day, mentions[0].year)


# --- small helpers ----------------------------------------------------------------------------


def _chrome_rule(unit: str) -> str | None:
    if _CHROME_LINE.match(unit):
        return "site chrome"
    if _is_share_bar(unit):
        return "share bar"
    if _IMAGE_MARKER.fullmatch(unit.strip()) or _IMAGE_PLACEHOLDER.match(unit):
        return "image marker"
    if _WEB_RESIDUE.match(unit):
        return "web residue"
    return None


def _is_share_bar(unit: str) -> bool:
    words = [word for word in _SHARE_BAR_SEPARATOR.split(unit.lower()) if word.strip(" -–—")]
    return (
        0 < len(words) <= 12
        and all(word in _SHARE_BAR_WORDS for word in words)
        and any(word in _SOCIAL_NETWORKS for word in words)
    )


# Text wrapped by a mail or news system has lines of a column's width; longer lines are paragraphs
# written one per line (captions over a lead, a page saved without blank lines).
_WRAP_MIN_CHARS, _WRAP_MAX_CHARS = 50, 120
_WRAPPED_TEXT_MIN_LINES = 6
_LIST_ITEM = re.compile(rf"{_BULLET.pattern}|^\d{{1,2}}[.)]\s")  # a bullet, or a number
_FULL_LINE = 0.8  # of the width the text was wrapped to: a line this long was broken by the wrap
_WRAP_LAST_LINE_SLACK = 20  # a long word carried to the last line, or a ragged right edge


def _is_wrapped_prose(lines: list[str]) -> bool:
    """Hard-wrapped prose: long lines, some broken mid-sentence, and sentences in the joined text
    (a headline over its date line is two lines of another kind)."""
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    broken_mid_sentence = sum(not _SENTENCE_END.search(line) for line in inner)
    return (
        all(_WRAP_MIN_CHARS <= len(line) <= _WRAP_MAX_CHARS for line in inner)
        # A wrapped paragraph's last line is no longer than the width the others were wrapped to; a
        # headline over a lead on one line is a short line over a long one.
        and len(lines[-1]) <= max(map(len, inner)) + _WRAP_LAST_LINE_SLACK
        # Wrapping breaks lines mid-sentence; a paragraph per line ends most lines on a stop.
        and broken_mid_sentence * 2 > len(inner)
        and bool(re.search(r"[.!?][\"”’)]?(?:\s|$)", " ".join(lines)))
        # A dateline opens a paragraph: the line over it is a headline.
        and not any(_opens_with_dateline(line) for line in lines[1:])
    )


def _is_wrapped_paragraphs(lines: list[str]) -> bool:
    """Several paragraphs hard-wrapped at one width with no blank line between them (an old page saved as
    text): most lines near the width, most broken mid-sentence."""
    if len(lines) < _WRAPPED_TEXT_MIN_LINES or any(_LIST_ITEM.match(line) for line in lines):
        return False  # a list's items, each on its line
    width = max(map(len, lines))
    if not _WRAP_MIN_CHARS <= width <= _WRAP_MAX_CHARS:
        return False
    near_width = sum(len(line) >= _FULL_LINE * width for line in lines)
    ended = sum(bool(_SENTENCE_END.search(line)) for line in lines)
    continued = sum(line[:1].islower() for line in lines)
    if continued * 4 < len(lines):
        return False  # a wrap carries sentences on to lines starting in lower case; a list's lines never
    # Paragraphs end on a stop now and then; a list of headlines never does.
    return near_width * 2 >= len(lines) and ended * 8 >= len(lines) and (len(lines) - ended) * 5 >= len(lines) * 2


_OPENS_A_WIRE_NOTE = re.compile(r"^(?:\((?:ATTN|EDS?|EDITORS?)\b|By [A-Z])")


def _rewrapped(lines: list[str]) -> list[str]:
    """The paragraphs of hard-wrapped text: a paragraph ends on a short line that ends a sentence."""
    width = max(map(len, lines))
    paragraphs, current = [], []
    for index, line in enumerate(lines):
        # "HANOI, June 5 (VNA) -", "By Jane Doe", "(ATTN: UPDATES ...)" open a paragraph: the line over them
        # is a headline or a note of its own.
        if current and (_opens_with_dateline(line) or _OPENS_A_WIRE_NOTE.match(line)):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
        # A wrap fills each line: a short one ends its paragraph, on a stop or (a header's field) before a
        # line that does not carry a sentence on in lower case.
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if len(line) < _FULL_LINE * width and (_SENTENCE_END.search(line) or not following[:1].islower()):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _is_capitals(unit: str) -> bool:
    letters = [c for c in unit if c.isalpha()]
    return len(unit.split()) >= 2 and len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _is_caption(unit: str) -> bool:
    return unit.startswith(CAPTION_MARK) or bool(_IMAGE_MARKER.search(unit))


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", to_ascii(text).lower()).strip()


def _sentence(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
