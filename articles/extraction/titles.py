"""Titles and standfirsts: the article's own where it has them, otherwise one made from its content."""

from __future__ import annotations

import re

from .dates import find_dates
from .sentences import split_sentences
from .types import HELD, MeetingRecord, PersonMention

# A standfirst is a short summary between headline and lead; a longer first paragraph is the lead.
STANDFIRST_MAX_WORDS = 60
GENERATED_TITLE_MAX_WORDS = 20
_SHORTEN_MIN_WORDS = 6

_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-ZÀ-ỸĐ\"“(])")
_CLAUSE_BREAK = re.compile(r",\s|\s[—–]\s|;\s")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")
_AFTER_STAMP = re.compile(r"\s*[_:|–—-]+\s*|\s+(?=[A-Z])")


def real_title(headings: list[str], page_title: str | None = None) -> str | None:
    """The page's own title (HTML metadata first, then the last headline above the text)."""
    if page_title and page_title.strip():
        return re.sub(r"\s+", " ", page_title).strip()
    return headings[-1] if headings else None


def split_standfirst(paragraphs: list[str], *, has_title: bool, lead_index: int | None) -> tuple[str, list[str]]:
    """(standfirst, body paragraphs). A standfirst sits between a real headline and the lead.

    When the dateline opens the second paragraph the first is the standfirst; when it opens the
    first there is none. Without a dateline, a short first paragraph under a headline that states
    no date (news leads say when: "on Thursday"), followed by at least two more, is the standfirst.
    """
    if not paragraphs or not has_title or lead_index == 0:
        return "", paragraphs
    first = paragraphs[0]
    if lead_index == 1:
        return first, paragraphs[1:]
    short = len(first.split()) <= STANDFIRST_MAX_WORDS and len(_SENTENCE.split(first)) <= 2
    if short and len(paragraphs) >= 3 and not find_dates(first):
        return first, paragraphs[1:]
    return "", paragraphs


def generated_title(meetings: list[MeetingRecord], people: list[PersonMention], body: str) -> str:
    """A title from the main meeting ("X holds talks with Y"), else the first sentence, shortened."""
    main = next((m for m in meetings if m.status == HELD and m.participants), None)
    main = main or next((m for m in meetings if m.participants), None)
    if main is not None:
        return meeting_title(main)
    return shortened_first_sentence(body, people)


def meeting_title(meeting: MeetingRecord) -> str:
    first, others = meeting.participants[0], _join_names(meeting.participants[1:])
    kind = meeting.kind
    if not others:
        if kind == "visit" and meeting.place:
            return f"{first} visits {meeting.place}"
        return f"{first} holds {kind}" if kind in ("talks", "working session") else f"{first} attends {kind}"
    if kind == "talks":
        return f"{first} holds talks with {others}"
    if kind == "reception":
        return f"{first} receives {others}"
    if kind == "phone call":
        return f"{first} and {others} hold phone call"
    if kind == "working session":
        return f"{first} holds working session with {others}"
    if kind == "visit":
        return f"{first} meets {others} during visit"
    return f"{first} meets {others}"


def shortened_first_sentence(body: str, people: list[PersonMention] = ()) -> str:
    """The first sentence cut at a clause break (or a word limit) that leaves a readable title.

    When the sentence opens with a person's titles ("Politburo member and Minister of ... Lê Hoài
    Trung on Friday held talks"), the title starts at the name.
    """
    first_paragraph = body.strip().split("\n", 1)[0] if body.strip() else ""
    # Split as the extractor reads sentences: "Mr." and "U.S." end none.
    sentence = _PARENTHESIS.sub("", next(iter(split_sentences(first_paragraph)), "")).strip()
    # "May 3, 2024_ The minister ...": a date stamp glued to the text is no part of a title.
    stamp = next(iter(find_dates(sentence[:40].replace("_", " "))), None)
    after_stamp = _AFTER_STAMP.match(sentence, stamp.end) if stamp and stamp.start == 0 and stamp.year else None
    if after_stamp:
        sentence = sentence[after_stamp.end() :]
    spellings = [s for person in people for s in {person.name, *person.aliases_seen} if s]
    starts = [sentence.find(s) for s in spellings if sentence.find(s) > 0]
    if starts and not _CLAUSE_BREAK.search(sentence[: min(starts)]):
        sentence = sentence[min(starts) :]
    for match in _CLAUSE_BREAK.finditer(sentence):
        head = sentence[: match.start()]
        if len(head.split()) >= _SHORTEN_MIN_WORDS:
            sentence = head
            break
    words = sentence.rstrip(".!?").split()
    if not words:  # the "sentence" was punctuation (". Nguyễn Phú Trọng. ..."): the text's first words
        words = _LEADING_PUNCTUATION.sub("", body.strip()).split()
    if len(words) > GENERATED_TITLE_MAX_WORDS:
        return " ".join(words[:GENERATED_TITLE_MAX_WORDS]) + " …"
    return " ".join(words)


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
