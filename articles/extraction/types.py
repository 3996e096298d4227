"""What extraction produces: plain dataclasses, no Django.

These are the contract between the extraction modules, the import service, the exporter and the
tests. Change a field here and every consumer has to follow, so add rather than rename.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Precision vocabulary, shared with the Article model and the export.
DAY = "day"
MONTH = "month"
YEAR = "year"
UNKNOWN = "unknown"
PRECISIONS = (DAY, MONTH, YEAR, UNKNOWN)

# Meeting vocabulary (acceptance data: talks, meeting, reception, phone call, visit, working session).
MEETING_KINDS = ("talks", "meeting", "reception", "phone call", "visit", "working session")
HELD = "held"
ANNOUNCED = "announced"


class InputError(ValueError):
    """A file that cannot become an article; the message says why, in words for the user."""


@dataclass(frozen=True)
class PartialDate:
    """A date stated only as precisely as the source allows, and how it was derived."""

    value: datetime.date | None = None
    precision: str = UNKNOWN
    how: str = "no date found"
    needs_review: bool = True

    def iso(self) -> str | None:
        """YYYY-MM-DD, YYYY-MM or YYYY by precision; None when unknown."""
        if self.value is None or self.precision == UNKNOWN:
            return None
        if self.precision == YEAR:
            return f"{self.value.year:04d}"
        if self.precision == MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


@dataclass(frozen=True)
class RemovedBlock:
    """A line or block taken out of the article text, and the rule that took it."""

    text: str
    rule: str


@dataclass(frozen=True)
class Photo:
    caption: str
    credit: str = ""


@dataclass(frozen=True)
class OfficeMention:
    """An office as the text attaches it to a person, split into post and organization."""

    text: str  # as written: "Minister of Foreign Affairs"
    post: str  # "Minister"
    organization: str = ""  # "Ministry of Foreign Affairs", "CPC Central Committee's Office"
    country: str | None = None  # ISO 3166 alpha-2: VN, CN, LA, KH, CU ...


@dataclass
class PersonMention:
    """A person named in one article."""

    name: str  # the best spelling the article (or the officials list) gives, diacritics kept
    key: str  # folded identity key (names.person_key): accent-, case- and spacing-insensitive
    country: str | None = None
    party: str = ""  # "CPV", "CPC" ...
    offices: list[OfficeMention] = field(default_factory=list)
    aliases_seen: list[str] = field(default_factory=list)  # every full spelling seen in the article
    count: int = 1  # how many times the article refers to the person, short references included


@dataclass
class MeetingRecord:
    """Who met whom, as one article reports it."""

    participants: list[str]  # PersonMention.name of each participant, leaders first
    kind: str  # one of MEETING_KINDS
    date: PartialDate = field(default_factory=PartialDate)
    place: str | None = None
    status: str = HELD  # HELD or ANNOUNCED
    evidence: str = ""  # the sentence the meeting was read from


@dataclass
class ExtractedArticle:
    """Everything extraction found in one article's text."""

    title: str
    title_generated: bool
    body: str  # clean paragraphs separated by blank lines
    standfirst: str = ""
    published: datetime.date | None = None
    canonical_url: str = ""
    dateline: str | None = None
    credit: str | None = None
    date: PartialDate = field(default_factory=PartialDate)
    photos: list[Photo] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    meetings: list[MeetingRecord] = field(default_factory=list)
    boilerplate_removed: list[RemovedBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Why an editor should check this article beyond its date (a teaser, a page saved in part).
    review_reasons: list[str] = field(default_factory=list)
    extractor_version: str = ""
