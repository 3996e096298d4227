"""One article from raw input: decode, (HTML to text), strip the site, then read dates, people, meetings.

    extract_file(data, name, max_bytes=...)   bytes of a .txt/.html file
    extract_text(text, page=...)              text already decoded (page: metadata from html.py)

Both return an ExtractedArticle or raise InputError with a reason a user can act on.
"""

from __future__ import annotations

import re

from . import meetings as meetings_module
from . import people as people_module
from .boilerplate import PHOTO_POSITION, clean
from .dates import DateContext
from .decoding import decode_bytes
from .html import Page, looks_like_html, page_from_html
from .offices import with_own_acronyms_spelt_out
from .titles import generated_title, real_title, split_standfirst
from .types import HELD, MONTH, PRECISIONS, YEAR, ExtractedArticle, InputError, PartialDate

# Bump on any change that alters what extraction returns for the same input (re-extraction uses it).
EXTRACTOR_VERSION = "2026.4"

_HTML_SUFFIXES = (".html", ".htm")
_HEADLINE_ONLY_REASON = "no article text: only a headline and photos; check it against the source"


def extract_file(data: bytes, name: str, *, max_bytes: int, officials=None) -> ExtractedArticle:
    """Decode a file and extract its article; HTML by file name or by content."""
    decoded = decode_bytes(data, name, max_bytes=max_bytes)
    page = None
    text = decoded.text
    if name.lower().endswith(_HTML_SUFFIXES) or looks_like_html(text):
        try:
            page = page_from_html(text)
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from exc
        text = page.text
    try:
        article = extract_text(text, officials=officials, page=page)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from exc
    article.warnings = decoded.warnings + article.warnings
    return article


def extract_text(text: str, *, officials=None, page: Page | None = None) -> ExtractedArticle:
    """Extract one article from its text; raise InputError when the text holds no article."""
    cleaned = clean(text, known_title=page.title if page else None, story_found=page.story_found if page else False)
    title = real_title(cleaned.headings, page.title if page else None)
    standfirst, paragraphs = split_standfirst(
        cleaned.paragraphs, has_title=title is not None, lead_index=cleaned.lead_index
    )
    review_reasons = list(cleaned.review_reasons)
    if not any(re.search(r"[^\W\d_]", paragraph) for paragraph in paragraphs):
        if not (title or cleaned.photos):
            raise InputError("no article text: everything in it is site boilerplate (menus, links, widgets)")
        # A headline over photos and nothing else: the page is kept, its headline as its text, and an
        # editor is told; the photos' captions tell of other days than the story's.
        paragraphs = [title or cleaned.photos[0].caption]
        standfirst = ""
        review_reasons.append(_HEADLINE_ONLY_REASON)
    body = "\n\n".join(paragraphs)
    # Everything the article says is read for dates, people and meetings: the standfirst too (a
    # wire story's only sentence about the meeting may be the one taken as its standfirst).
    said = with_own_acronyms_spelt_out("\n\n".join(part for part in (standfirst, body) if part))
    said = people_module.speakers_in_ordinary_case(said)
    published = cleaned.published
    archived = cleaned.published_is_archived
    if page and page.published and (published is None or archived):
        published, archived = page.published, False  # the page's own metadata outranks an archive's date
    # "(left)", "(2nd R)": where each person stands in the photo, not words of the sentence.
    captions = [PHOTO_POSITION.sub("", photo.caption) for photo in cleaned.photos]
    dates = DateContext(
        said,
        published=published,
        published_is_archived=archived,
        page_month=cleaned.page_month,
        header=cleaned.header_date,
        captions=captions,
    )
    # The headline is the article's own words too: a transcript may name its speakers in full only there.
    people = people_module.extract_people(said, [*([title] if title else []), *captions], officials=officials)
    meetings = meetings_module.extract_meetings(said, people, dates=dates, dateline=cleaned.dateline)
    if not meetings and captions:
        # A teaser may report its meeting only under its photo ("X and Y spoke on the phone on Tuesday").
        meetings = meetings_module.extract_meetings(
            "\n\n".join(captions), people, dates=dates, dateline=cleaned.dateline
        )
    for meeting in meetings:
        meeting.date = not_after_publication(meeting.date, meeting.status, published)
    removed = (page.removed if page else []) + cleaned.removed
    return ExtractedArticle(
        title=title or generated_title(meetings, people, said),
        title_generated=title is None,
        body=body,
        standfirst=standfirst,
        published=published,
        canonical_url=page.canonical_url if page else "",
        dateline=cleaned.dateline,
        credit=cleaned.credit,
        date=main_event_date(meetings, dates.article_date),
        photos=cleaned.photos,
        people=people,
        meetings=meetings,
        boilerplate_removed=removed,
        review_reasons=review_reasons,
        extractor_version=EXTRACTOR_VERSION,
    )


def not_after_publication(date: PartialDate | None, status: str, published) -> PartialDate | None:
    """A held meeting cannot come after the article reporting it: such a date was read from another
    sentence ("a seminar in 2027"), so it is unknown and flagged rather than confidently wrong."""
    if date is None or date.value is None or published is None or status != HELD:
        return date
    earliest = {YEAR: date.value.replace(month=1, day=1), MONTH: date.value.replace(day=1)}.get(
        date.precision, date.value
    )
    if earliest <= published:
        return date
    return PartialDate(how=f"{date.iso()} found, but a held meeting cannot follow the article's {published}")


def main_event_date(meetings, article_date: PartialDate) -> PartialDate:
    """The first held meeting's date when it is at least as precise as the lead's, else the lead's."""
    held = next((m for m in meetings if m.status == HELD and m.date is not None), None)
    if held is None:
        return article_date
    if _rank(held.date.precision) >= _rank(article_date.precision) and held.date.value is not None:
        return held.date
    return article_date


def _rank(precision: str) -> int:
    # PRECISIONS runs from most precise (day) to unknown.
    return len(PRECISIONS) - PRECISIONS.index(precision)
