"""Event dates with precision and provenance.

A news lead rarely states a full date: it says "on Friday" (resolved against the published date),
"September 5" (year from the published date, or inferred), or "from October 9-12" (a visit whose
meetings fall inside the range). Every answer says how it was derived and whether a reviewer should
confirm it: a date that rests on an inferred year is flagged, and where nothing can be derived the
precision drops instead of guessing, because a confidently wrong date is worse than none.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from .sentences import split_sentences
from .types import DAY, MONTH, UNKNOWN, YEAR, PartialDate

# How many paragraphs of the body count as the lead: the event date is stated there, while dates
# further down usually belong to other events ("phone talks on January 26").
LEAD_PARAGRAPHS = 3

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_RELATIVE_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
# The years a date may have, wherever it was read (the pattern above, page metadata).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2099

# Ordered: the first pattern that claims a stretch of text wins it (ranges before single days).
_PATTERNS = (
    # 2025-10-15, and the 2025/10/15 and 2017.09.11 of Chinese and Korean sites' date lines
    ("iso", re.compile(rf"\b(?P<year>{_YEAR})(?P<sep>[-/.])(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)\b")),
    # 29/09/2021, 9/29/2021, 03-06-2017, 06.03.2017: day or month first, as the numbers allow
    ("numeric", re.compile(rf"\b(?P<first>[0-3]?\d)(?P<sep>[/.-])(?P<second>[0-3]?\d)(?P=sep)(?P<year>{_YEAR})\b")),
    (
        "range",
        re.compile(
            rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAYNUM})\s*(?:-|–|—|to|and)\s*"
            rf"(?:(?P<month2>{_MONTH})\s+)?(?P<day2>{_DAYNUM})\b(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    (
        "range",
        re.compile(
            rf"\b(?:the\s+)?(?P<day>{_DAYNUM})\s*(?:-|–|—|to|and)\s*(?:the\s+)?(?P<day2>{_DAYNUM})\s+(?:of\s+)?"
            rf"(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    (
        "day",
        re.compile(
            rf"(?:\b(?P<weekday>{_WEEKDAY}),?\s+(?:\()?)?\b(?P<month>{_MONTH})\s+(?P<day>{_DAYNUM})\b"
            rf"(?:(?:,\s*|\s+)(?P<year>{_YEAR})\b)?"  # "May 4, 2016", and "May 4,2016" of a page's stamp
        ),
    ),
    (
        "day",
        re.compile(
            rf"(?:\b(?P<weekday>{_WEEKDAY}),?\s+)?\b(?P<day>{_DAYNUM})\s+(?:of\s+)?(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    # "26 july 2012": a date line's month in lower case, always with its day and year
    (
        "day",
        re.compile(
            r"\b(?P<day>[12]\d|3[01]|0?[1-9])\s+(?P<month>january|february|march|april|may|june|july|august|september"
            rf"|october|november|december)\s+(?P<year>{_YEAR})\b"
        ),
    ),
    # CGTN's "30-Nov-2023"
    ("day", re.compile(rf"\b(?P<day>{_DAYNUM})-(?P<month>{_MONTH})-(?P<year>{_YEAR})\b")),
    ("month", re.compile(rf"\b(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b")),
    (
        "month",
        re.compile(
            r"\b(?:(?:in|since|during|early|late|by|this|last|next|around|until)\s+(?:mid-?\s*)?|mid-\s*)"
            rf"(?P<month>{_MONTH})(?!\s*\d)\b"
        ),
    ),
    # "next month", "earlier this month": a month counted from the day the article was written
    ("month", re.compile(r"\b(?P<which>this|last|next|the coming|the previous)\s+month\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?P<which>last|this|next|on)\s+)?(?P<weekday>{_WEEKDAY})\b")),
    (
        "relative",
        re.compile(
            r"\b(?P<relative>the same day|that day|(?:earlier|later) in the day|today|yesterday|the previous day"
            r"|this (?:morning|afternoon|evening)|tonight|last night"
            r"|the day before|the following day|the next day)\b",
            re.IGNORECASE,
        ),
    ),
)
_RELATIVE_OFFSETS = {
    "today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0,
    "yesterday": -1, "last night": -1,
}  # fmt: skip
_MONTH_OFFSETS = {"this": 0, "last": -1, "the previous": -1, "next": 1, "the coming": 1}
_SAME_DAY = ("the same day", "that day", "earlier in the day", "later in the day")
_DAY_AFTER = ("the following day", "the next day")
_DAY_BEFORE = ("the previous day", "the day before")

# A date introduced by these words is a reference to an earlier event, not the event reported.
_PAST_REFERENCE = re.compile(r"\b(?:since|after|before|until|following|last year|in the past)\s+(?:\S+\s+){0,1}$")

# Year ranges such as "the 2026–2030 tenure" or "by 2030" are plans, not when the article was written.
_YEAR_MENTION = re.compile(rf"(?<![\d–-])\b({_YEAR})\b(?!\s*[–-]\s*\d)")
_FUTURE_YEAR_CUE = re.compile(r"\b(?:by|until|till|to|through|towards?|vision|[–-])\s*$")
_LAST_YEAR = re.compile(r"\blast year\b", re.IGNORECASE)
# A date shortly after these words is of an event still to come ("will pay a visit from October 12").
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:scheduled|set|due|expected|slated|going)\s+to|(?:is|are)\s+to)\b", re.I
)
# "On Tuesday, the minister is scheduled to meet ...": a date opening its sentence, before the future cue.
_SENTENCE_OPENING = re.compile(r"^\W*(?:on|from|by|next|this|coming)?\s*(?:the\s+)?$", re.I)
_SUBJECT_MAX_WORDS = 8
_CLAUSE = re.compile(r"\b(?:that|who|which|when|while|after|before|as|but)\b", re.I)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]?\s+|\n)(?=\S)")
# "..., the ministry announced on Wednesday": what follows a report verb is when it was said, not planned.
_REPORTED = re.compile(r"\b(?:announced|said|says|reported|stated|told|confirmed|revealed|added)\b", re.I)
_DAY_LIKE = ("day", "range", "weekday", "relative")
_REPORTED_ON = re.compile(
    r"\b(?:(?:announced|said|says|reported|stated|told reporters|confirmed)"
    # "announced the visit on Thursday": the day of the announcement, whatever it announced
    # (or who announced it: "announced the Commission for External Relations on October 25")
    r"|(?:announced|confirmed|reported|unveiled)\s+(?:the|a|an|its|his|her|their)\s+(?:[\w'’-]+\s+){0,6}?[\w'’-]+"
    # "..., said a senior official on Monday": the speaker after the verb
    r"|(?:said|says)\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?:officials?|spokes(?:man|woman|person)|sources?"
    r"|statement|ministry|minister|diplomats?|report)"
    # "Speaking to reporters at the airport on Monday, A said that ...": when it was said
    r"|(?:speaking|talking)\s+to\s+(?:reporters|journalists|the\s+press)\b[^,.;]{0,60}?)"
    r"\s+(?:on\s+)?$",
    re.I,
)
# A year the text speaks of as the one it is written in.
_CURRENT_YEAR = re.compile(
    rf"\b(?:in\s+)?the\s+first\s+(?:\w+\s+)?(?:months?|weeks?|quarters?|half)\s+of\s+({_YEAR})\b"
    rf"|\bso\s+far\s+(?:in|this\s+year,?)\s+({_YEAR})\b|\bthis\s+year\s+\(({_YEAR})\)",
    re.I,
)
# "in 2023" in a sentence that states no day or month: the year of the event it reports.
_IN_YEAR = re.compile(rf"\bin\s+({_YEAR})\b(?!\s*[–-]\s*\d)")


@dataclass(frozen=True)
class HeaderDate:
    """A date from an agency line or dateline ("VIETNAM, September 5 -"): the year may be missing."""

    month: int
    day: int
    year: int | None = None

    def as_date(self) -> datetime.date | None:
        return _safe_date(self.year, self.month, self.day) if self.year else None


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text, with the fields it states."""

    kind: str  # day, range, month, weekday, relative
    start: int
    end: int
    text: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    month2: int | None = None
    day2: int | None = None
    weekday: int | None = None  # 0 = Monday
    which: str = ""  # last / this / next / on, for weekdays; the phrase, for relative dates
    past_reference: bool = False
    # (month, day) of the other reading of a date in numbers that reads both ways ("03-06-2017")
    alternative: tuple[int, int] | None = None


@dataclass(frozen=True)
class _YearGuess:
    year: int
    how: str
    needs_review: bool


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in the text, in reading order, none overlapping another."""
    taken: list[tuple[int, int]] = []  # spans already read, in text order, none overlapping
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            # Only the spans either side of `start` can overlap (a scan of all was quadratic).
            i = bisect.bisect_left(taken, (start, end))
            if any(start < t_end and t_start < end for t_start, t_end in taken[max(0, i - 1) : i + 1]):
                continue
            mention = _mention_from(kind, match, text)
            if mention is not None:
                taken.insert(i, (start, end))
                found.append(mention)
    return sorted(found, key=lambda mention: mention.start)


def mentioned_years(text: str) -> set[int]:
    """Years the text refers to as past or present, leaving out plan horizons ("by 2030", "2026–2030")."""
    years = set()
    for match in _YEAR_MENTION.finditer(text):
        if not _FUTURE_YEAR_CUE.search(text[max(0, match.start() - 12) : match.start()]):
            years.add(int(match.group(1)))
    return years


class DateContext:
    """What one article's text and header say about dates; resolves the dates its sentences state."""

    def __init__(
        self,
        body: str,
        *,
        published: datetime.date | None = None,
        published_is_archived: bool = False,
        page_month: datetime.date | None = None,
        header: HeaderDate | None = None,
        captions: list[str] = (),
    ) -> None:
        self.published = published
        self.published_is_archived = published_is_archived
        # "Highlighting Japan April 2014" over the headline: the issue the page belongs to, no day of it.
        self.page_month = page_month
        self.header = header
        self.body = body
        self.years = mentioned_years(body)
        self.text_years = frozenset(self.years)  # the years the text itself names, before the page's own
        # The article's own photos are dated too ("... in Vientiane, June 16, 2010."): what they print
        # counts as a date printed on the page.
        self.caption_dates = sorted(
            value
            for caption in captions
            for mention in find_dates(caption)
            if mention.kind == "day"
            and mention.year
            and (value := _safe_date(mention.year, mention.month, mention.day))
        )
        self.years |= {value.year for value in self.caption_dates}
        if published:
            self.years.add(published.year)
        if header and header.year:
            self.years.add(header.year)
        self.says_last_year = bool(_LAST_YEAR.search(body))
        self.lead = "\n\n".join(_paragraphs(body)[:LEAD_PARAGRAPHS])
        self.article_date = self._article_date()

    @property
    def reference(self) -> tuple[datetime.date, str] | None:
        """The date the article was written, and where it comes from, if the page says so: its
        dateline's date first (a copy republished weeks later keeps the dateline of the original),
        then the published date, then the latest date its photos' captions print."""
        if self.header and self.header.as_date():
            return self.header.as_date(), "date in the header"
        if self.header and self.published:
            filed = _nearest(self.header.month, self.header.day, self.published)
            if filed <= self.published:
                return filed, "dateline's date"
        if self.published:
            return self.published, _ARCHIVE_REFERENCE if self.published_is_archived else "published date"
        if self.caption_dates:
            return self.caption_dates[-1], _CAPTION_REFERENCE
        return None

    def resolve_in(self, sentence: str) -> PartialDate | None:
        """The date a sentence states (a meeting's date), or None when it states none."""
        mentions = find_dates(sentence)
        if not mentions:
            year = _IN_YEAR.search(sentence)
            if year is None:
                return None
            stated = int(year.group(1))
            return PartialDate(datetime.date(stated, 1, 1), YEAR, f"year {stated} stated in the sentence", False)
        day_like = [m for m in mentions if m.kind in ("day", "range", "weekday", "relative")]
        if day_like and all(_reported_on(sentence, m) for m in day_like) and len(day_like) == len(mentions):
            return None  # "A met B, the ministry said on Thursday": when it was said, not when they met
        day_like = [m for m in day_like if not _reported_on(sentence, m)]
        mention = day_like[0] if day_like else mentions[0]
        return self.resolve(mention, future=is_future(sentence, mention), sentence=sentence)

    def resolve(self, mention: DateMention, *, future: bool = False, sentence: str = "") -> PartialDate:
        """The date a mention stands for; a weekday of something still to come ("will meet on Tuesday") lies
        after the reference date, any other before it."""
        if mention.kind == "relative":
            return self._resolve_relative(mention)
        if mention.kind == "weekday":
            return self._resolve_weekday(mention, future=future)
        if mention.kind == "month":
            return self._resolve_month(mention)
        return self._resolve_day(mention, range_start=mention.kind == "range", sentence=sentence)

    # --- the article's event date -------------------------------------------------------------

    def _article_date(self) -> PartialDate:
        date = self._lead_date()
        if date.precision == UNKNOWN or date.how == _PUBLISHED_MONTH:
            return self._date_of_the_lead_event_told_later() or date
        return date

    def _lead_date(self) -> PartialDate:
        # "The same day", "the next day": days counted from the event, which cannot date the event itself.
        mentions = [m for m in find_dates(self.lead) if not m.past_reference and not _counts_from_the_event(m)]
        # The lead paragraph says when its event is; a later paragraph's day ("after his arrival here
        # Thursday") is another event's, even when the lead's is still to come.
        first_end = self.lead.find("\n\n")
        in_first = [m for m in mentions if first_end < 0 or m.end <= first_end]
        first_events = [m for m in in_first if m.kind in _DAY_LIKE and not _reported_on(self.lead, m)]
        if first_events and not any(m.kind == "range" for m in first_events):
            mentions = in_first  # (a range's day is read on: "At a meeting on October 11, ...")
        # "..., the ministry announced on Thursday": when the lead also says when the event happens or
        # happened, the day a statement was made is not the event's.
        events = [m for m in mentions if not _reported_on(self.lead, m)]
        if any(m.kind in _DAY_LIKE for m in events):
            mentions = events
        # What the article reports happened comes before what it says is to come.
        current = [m for m in mentions if not is_future(self.lead, m)]
        if any(m.kind in _DAY_LIKE for m in current):
            mentions = current
        day_like = [m for m in mentions if m.kind in _DAY_LIKE]
        if day_like:
            first = day_like[0]
            if first.kind == "range":
                return self._date_in_range(first, day_like[1:])
            return self.resolve(first, future=is_future(self.lead, first), sentence=_sentence_around(self.lead, first))
        months = [m for m in mentions if m.kind == "month"]
        if months:
            return self.resolve(months[0])
        if self.header:
            return self._header_date()
        if self.published and self.published.day > 2:
            # The event is usually a day or two before publication: the month is a safe claim.
            return PartialDate(self.published, MONTH, _PUBLISHED_MONTH, True)
        return PartialDate(None, UNKNOWN, "no date in the lead", True)

    def _date_of_the_lead_event_told_later(self) -> PartialDate | None:
        """ "A delegation ... has attended the United Russia Party Congress." and, paragraphs on, "The United
        Russia Party Congress, which opened in Moscow on November 27, ...": the day of the event the lead
        names, where a later sentence names it again with its day (flagged: the two are matched by name)."""
        paragraphs = _paragraphs(self.body)
        if not paragraphs:
            return None
        events = {_event_key(match.group("event")) for match in _NAMED_EVENT.finditer(paragraphs[0])}
        events |= {f"the {match.group('kind').lower()} visit" for match in _KIND_OF_VISIT.finditer(paragraphs[0])}
        if not events:
            return None
        for paragraph in paragraphs[LEAD_PARAGRAPHS:]:
            for sentence in split_sentences(paragraph):
                if not any(event in _event_key(sentence) for event in events):
                    continue
                resolved = self.resolve_in(sentence)
                if resolved is not None and resolved.precision == DAY:
                    how = f"{resolved.how}, where a later sentence names the lead's event again"
                    return PartialDate(resolved.value, DAY, how, True)
        return None

    def _date_in_range(self, span: DateMention, later: list[DateMention]) -> PartialDate:
        """A visit "from October 9-12": the first single date stated inside it, else its first day."""
        start = self._resolve_day(span, range_start=True)
        end = self._resolve_day(
            DateMention("day", span.start, span.end, span.text, span.month2 or span.month, span.day2, span.year)
        )
        if start.precision != DAY or end.precision != DAY:
            return start
        for mention in later:
            if mention.kind != "day":
                continue
            inside = self._resolve_day(mention)
            if inside.precision == DAY and start.value <= inside.value <= end.value:
                return PartialDate(
                    inside.value, DAY, f"first date stated within the range {span.text!r}", inside.needs_review
                )
        return start

    def _header_date(self) -> PartialDate:
        header = self.header
        weekday = self._lead_weekday()
        if header.year:
            return _day(_safe_date(header.year, header.month, header.day), "stated in header", False)
        guess = self._guess_year(header.month, header.day, weekday)
        if guess is None:
            return PartialDate(None, UNKNOWN, "day and month in the header, year unknown", True)
        return _day(_safe_date(guess.year, header.month, header.day), f"header date; {guess.how}", True)

    def _lead_weekday(self) -> int | None:
        weekdays = [m.weekday for m in find_dates(self.lead) if m.weekday is not None]
        return weekdays[0] if weekdays else None

    # --- single mentions ----------------------------------------------------------------------

    def _resolve_day(self, mention: DateMention, *, range_start: bool = False, sentence: str = "") -> PartialDate:
        resolved = self._resolve_single_day(mention, range_start=range_start, sentence=sentence)
        if range_start and resolved.precision == DAY and _span_days(mention) > _LONGEST_DAY_PRECISE_RANGE:
            # "between April 18 and 28": a tour, not a day; the month is what the text settles.
            return PartialDate(resolved.value.replace(day=1), MONTH, f"month of the range {mention.text!r}", False)
        return resolved

    def _resolve_single_day(
        self, mention: DateMention, *, range_start: bool = False, sentence: str = ""
    ) -> PartialDate:
        suffix = f" ({RANGE_START})" if range_start else ""
        if mention.year:
            value = _safe_date(mention.year, mention.month, mention.day)
            if value is None:
                return PartialDate(None, UNKNOWN, f"impossible date {mention.text!r}", True)
            return _day(value, "stated in text" + suffix, False)
        reference = self.reference
        if reference:
            value = _nearest(mention.month, mention.day, reference[0])
            return _day(value, f"year from the {reference[1]}" + suffix, False)
        weekday = mention.weekday if mention.weekday is not None else self._lead_weekday()
        guess = (
            self._guess_year(mention.month, mention.day, weekday)
            or _year_of_the_sentence(sentence, mention)
            or self._year_of_same_day(mention)
        )
        if guess is None:
            return PartialDate(None, UNKNOWN, f"{mention.text!r} stated without a year", True)
        return _day(_safe_date(guess.year, mention.month, mention.day), guess.how + suffix, True)

    def _year_of_same_day(self, mention: DateMention) -> _YearGuess | None:
        """ "On October 1" in a text that also writes "October 1, 2024": the latest such year."""
        years = {
            other.year
            for other in find_dates(self.body)
            if other.kind == "day" and other.year and (other.month, other.day) == (mention.month, mention.day)
        }
        if not years:
            return None
        return _YearGuess(max(years), "year of the same day written in full elsewhere in the text", True)

    def _resolve_month(self, mention: DateMention) -> PartialDate:
        if mention.month is None:
            return self._resolve_relative_month(mention)
        if mention.year:
            return PartialDate(datetime.date(mention.year, mention.month, 1), MONTH, "stated in text", False)
        reference = self.reference
        if reference:
            value = _nearest(mention.month, 1, reference[0])
            return PartialDate(value, MONTH, f"year from the {reference[1]}", False)
        guess = self._guess_year(mention.month, 1, None)
        if guess is None:
            return PartialDate(None, UNKNOWN, f"{mention.text!r} stated without a year", True)
        return PartialDate(datetime.date(guess.year, mention.month, 1), MONTH, guess.how, True)

    def _resolve_relative_month(self, mention: DateMention) -> PartialDate:
        reference = self.reference
        if reference is None:
            return PartialDate(None, UNKNOWN, f"{mention.text!r} with no published date", True)
        value = reference[0].replace(day=1) + relativedelta(months=_MONTH_OFFSETS[mention.which])
        # An archive's or a photo's date may be a month later than the story: "next month" is a guess then.
        guessed = reference[1] in (_CAPTION_REFERENCE, _ARCHIVE_REFERENCE)
        return PartialDate(value, MONTH, f"{mention.text!r} counted from the {reference[1]}", guessed)

    def _reposted_later(self, reference: datetime.date) -> bool:
        """The text speaks of an earlier year as the current one ("in the first 10 months of 2023" in a
        copy dated 2025): the page's date is a repost's, and a weekday counted back from it a guess."""
        years = [int(year) for match in _CURRENT_YEAR.finditer(self.body) for year in match.groups() if year]
        # A story of the page's year mentions it or the year before; one that never does and speaks of an
        # older year as its own is a copy.
        return bool(years) and max(self.text_years | set(years)) < reference.year - 1

    def _resolve_weekday(self, mention: DateMention, *, future: bool = False) -> PartialDate:
        name = _WEEKDAY_NAMES[mention.weekday]
        which = "next" if future and mention.which in ("", "on", "this") else mention.which
        reference = self.reference
        if reference:
            value = _weekday_near(reference[0], mention.weekday, which)
            if reference[1] == _CAPTION_REFERENCE and which in ("", "on"):
                # A photo was taken on one of the story's days, the story written on it or after: the
                # weekday nearest to it, before or after, is the likelier (and still a guess).
                after = _weekday_near(reference[0], mention.weekday, "next")
                if (after - reference[0]) < (reference[0] - value):
                    value = after
            if which == "next" and mention.which != "next" and mention.weekday == reference[0].weekday():
                # "will meet on Monday" in Monday's paper: later that day or a week on; the text cannot say.
                return _day(value, f"weekday resolved against {reference[1]}, a week on or the same day", True)
            # A photo's date, or the day an archive saved the page, is not the day the story was written:
            # the weekday before it is a guess, unless it is that very day ("on Friday" saved on a Friday).
            guessed = (
                reference[1] == _CAPTION_REFERENCE
                or (reference[1] == _ARCHIVE_REFERENCE and reference[0].weekday() != mention.weekday)
                or self._reposted_later(reference[0])
            )
            return _day(value, f"weekday resolved against {reference[1]}", guessed)
        if self.header:
            # The header's day gets one year for the whole article, from the lead's weekday: another weekday
            # later in the text is another day near it, never the header's day in some other year.
            lead_weekday = self._lead_weekday()
            anchor_weekday = lead_weekday if lead_weekday is not None else (None if future else mention.weekday)
            guess = self._guess_year(self.header.month, self.header.day, anchor_weekday)
            header_day = _safe_date(guess.year, self.header.month, self.header.day) if guess else None
            if header_day and header_day.weekday() == mention.weekday and which not in ("next", "last"):
                return _day(header_day, f"{name} is the header's date; {guess.how}", True)
            if header_day:
                value = _weekday_near(header_day, mention.weekday, which)
                return _day(value, f"weekday resolved against the header's date; {guess.how}", True)
        return PartialDate(None, UNKNOWN, f"weekday {name!r} with no published date to resolve it against", True)

    def _resolve_relative(self, mention: DateMention) -> PartialDate:
        phrase = mention.which.lower()
        if phrase in _SAME_DAY:
            return self.article_date
        if phrase in _DAY_AFTER or phrase in _DAY_BEFORE:
            if self.article_date.precision != DAY:
                return PartialDate(None, UNKNOWN, f"{phrase!r} of an event with no known day", True)
            step = 1 if phrase in _DAY_AFTER else -1
            return _day(self.article_date.value + datetime.timedelta(days=step), f"{phrase} of the event",
                        self.article_date.needs_review)  # fmt: skip
        reference = self.reference
        if reference is None:
            return PartialDate(None, UNKNOWN, f"{phrase!r} with no published date", True)
        value = reference[0] + datetime.timedelta(days=_RELATIVE_OFFSETS[phrase])
        # Saved that day, or later; or a copy posted years after the story it copies.
        guessed = reference[1] in (_CAPTION_REFERENCE, _ARCHIVE_REFERENCE) or self._reposted_later(reference[0])
        return _day(value, f"{phrase!r} resolved against {reference[1]}", guessed)

    def _guess_year(self, month: int, day: int, weekday: int | None) -> _YearGuess | None:
        """The year of a day stated without one, from weekday consistency and the years mentioned."""
        candidates = self.years | {year + 1 for year in self.years}
        if weekday is not None:
            fits = [y for y in sorted(candidates) if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
            if len(fits) == 1:
                return _YearGuess(fits[0], "year inferred from weekday and years mentioned", True)
        if self.page_month is not None:
            value = _nearest(month, day, self.page_month + datetime.timedelta(days=14))
            return _YearGuess(value.year, "year from the month the page is dated", True)
        if self.says_last_year and self.years:
            year = max(self.years) + 1
            value = _safe_date(year, month, day)
            if value and (weekday is None or value.weekday() == weekday):
                return _YearGuess(year, "year inferred from 'last year' and the latest year mentioned", True)
        return None


# --- helpers ----------------------------------------------------------------------------------


def is_future(text: str, mention: DateMention) -> bool:
    """Whether the date is of something still to come: "A will hold talks with B on May 16" (a future cue
    earlier in its sentence, no report verb since) or "On Tuesday, A is scheduled to meet B" (the date
    opens the sentence and its clause goes on to a future cue)."""
    before = text[_sentence_start(text, mention.start) : mention.start]
    cues = list(_FUTURE_CUE.finditer(before))
    if cues:
        return not _REPORTED.search(before[cues[-1].end() :])
    if not _SENTENCE_OPENING.match(before):
        return False
    reach = min(len(text), mention.end + _SENTENCE_REACH)
    sentence_end = _SENTENCE_STOP.search(text, mention.end, reach)
    after = text[mention.end : sentence_end.start() if sentence_end else reach]
    cue = _FUTURE_CUE.search(after)
    if cue is None:
        return False
    subject = after[: cue.start()]  # ", the visiting minister": a short subject, no clause of its own
    return len(subject.split()) <= _SUBJECT_MAX_WORDS and not _REPORTED.search(subject) and not _CLAUSE.search(subject)


# A "sentence" longer than this is a list or a run-on: its far beginning says nothing about a date.
_SENTENCE_REACH = 1000  # characters
_SENTENCE_STOP = re.compile(r"[.!?;](?:\s|$)")


def _sentence_around(text: str, mention: DateMention) -> str:
    """The sentence of `text` that holds the mention."""
    end = _SENTENCE_STOP.search(text, mention.end, min(len(text), mention.end + _SENTENCE_REACH))
    return text[_sentence_start(text, mention.start) : end.end() if end else len(text)]


_LOOKING_BACK_TO_A_YEAR = re.compile(
    rf"\b(?:since|(?:established|founded|signed|set up|begun|started|launched)\s+in)\s+{_YEAR}\b", re.I
)


def _year_of_the_sentence(sentence: str, mention: DateMention) -> _YearGuess | None:
    """ "On October 22 (they) finished their second joint patrol ... in 2021": the one year the day's own
    sentence states (not a plan's horizon, "by 2045", nor a year it looks back to, "since 1991")."""
    years = mentioned_years(_LOOKING_BACK_TO_A_YEAR.sub(" ", sentence.replace(mention.text, " ")))
    if len(years) != 1:
        return None
    return _YearGuess(years.pop(), "year stated in the same sentence", True)


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` starts (looked for within _SENTENCE_REACH before it)."""
    reach = max(0, position - _SENTENCE_REACH)
    starts = [match.end() for match in _SENTENCE_START.finditer(text, reach, position + 1)]
    return max((start for start in starts if start <= position), default=0 if reach == 0 else reach)


def _mention_from(kind: str, match: re.Match, text: str) -> DateMention | None:
    groups = match.groupdict()
    before = text[max(0, match.start() - 30) : match.start()]
    past = bool(_PAST_REFERENCE.search(before))
    common = {"start": match.start(), "end": match.end(), "text": match.group(), "past_reference": past}
    if kind == "relative":
        return DateMention("relative", which=groups["relative"], **common)
    if kind == "numeric":
        return _numeric_mention(groups, common)
    weekday = _weekday_number(groups.get("weekday"))
    if kind == "weekday":
        return DateMention("weekday", weekday=weekday, which=(groups.get("which") or "").lower(), **common)
    if kind == "month" and groups.get("which"):
        return DateMention("month", which=groups["which"].lower(), **common)
    month = _month_number(groups["month"])
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "month":
        return DateMention("month", month=month, year=year, **common)
    day = _day_number(groups["day"])
    if kind == "range":
        month2 = _month_number(groups["month2"]) if groups.get("month2") else None
        day2 = _day_number(groups["day2"])
        if (month2 or month, day2) <= (month, day):
            return None
        return DateMention("range", month=month, day=day, year=year, month2=month2, day2=day2, **common)
    if month is None or not 1 <= month <= 12 or _safe_date(year or 2000, month, day) is None:
        return None
    return DateMention("day", month=month, day=day, year=year, weekday=weekday, **common)


def _counts_from_the_event(mention: DateMention) -> bool:
    return mention.kind == "relative" and mention.which.lower() in (*_SAME_DAY, *_DAY_AFTER, *_DAY_BEFORE)


def _reported_on(text: str, mention: DateMention) -> bool:
    return bool(_REPORTED_ON.search(text[max(0, mention.start - 90) : mention.start]))


def _numeric_mention(groups: dict, common: dict) -> DateMention | None:
    """Day first (as most of the world and Vietnamese sites write it) unless only month first is
    possible (9/29/2021); both readings kept when both are possible and differ."""
    first, second, year = int(groups["first"]), int(groups["second"]), int(groups["year"])
    readings = [(month, day) for month, day in ((second, first), (first, second)) if _safe_date(year, month, day)]
    if not readings:
        return None
    (month, day), *others = readings
    alternative = others[0] if others and others[0] != (month, day) else None
    return DateMention("day", month=month, day=day, year=year, alternative=alternative, **common)


_GLUED_TO_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=(?!(?:st|nd|rd|th)\b)[^\W\d_]{2})")
_DIGITS_BEFORE_MONTH = re.compile(rf"\b(\d{{3,}})(?=\s+{_MONTH}(?:\W|$))")


def unglue_stamps(text: str) -> str:
    """Metadata lines glue words to numbers ("business2024-05-21", "10:55:40Xinhua", "by VTV418 July
    2015"): space them apart, and read a number too long for a day before a month name as a code
    with the day glued to its end."""
    text = _GLUED_TO_DIGITS.sub(" ", text)

    def split_day(match: re.Match) -> str:
        digits = match.group(1)
        if re.fullmatch(_YEAR, digits):
            return digits
        width = 2 if 1 <= int(digits[-2:]) <= 31 else 1
        return f"{digits[:-width]} {digits[-width:]}"

    return _DIGITS_BEFORE_MONTH.sub(split_day, text)


def _month_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _MONTH_NUMBERS.get(word.rstrip(".")[:3].lower())


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _weekday_number(word: str | None) -> int | None:
    return _WEEKDAY_NAMES.index(word) if word else None


def _safe_date(year: int | None, month: int | None, day: int | None) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except (TypeError, ValueError):
        return None


_CAPTION_REFERENCE = "date in a photo caption"
# How a date that is a stated range's first day says so (meetings.py reads it: a meeting during a visit).
RANGE_START = "start of the stated range"
# The day an archive saved the text, when the page prints no date: the story was written then or before.
_ARCHIVE_REFERENCE = "archive's date"
# A stated range longer than this (in days) is a tour or a season, dated to its month only.
_LONGEST_DAY_PRECISE_RANGE = 7


def _span_days(mention: DateMention) -> int:
    if mention.kind != "range" or mention.day2 is None:
        return 0
    start = _safe_date(2000, mention.month, mention.day)
    end = _safe_date(
        2000 if (mention.month2 or mention.month) >= mention.month else 2001,
        mention.month2 or mention.month,
        mention.day2,
    )
    return (end - start).days if start and end else 0


def _nearest(month: int, day: int, reference: datetime.date) -> datetime.date:
    """The occurrence of a day and month closest to the reference date (a December event in January)."""
    options = [d for y in (reference.year - 1, reference.year, reference.year + 1) if (d := _safe_date(y, month, day))]
    return min(options, key=lambda d: abs((d - reference).days))


def _weekday_near(reference: datetime.date, weekday: int, which: str) -> datetime.date:
    """The latest such weekday on or before the reference date; the first after it for "next"."""
    if which == "next":
        return reference + relativedelta(days=1, weekday=_RELATIVE_WEEKDAYS[weekday](+1))
    if which == "last":
        return reference + relativedelta(days=-1, weekday=_RELATIVE_WEEKDAYS[weekday](-1))
    return reference + relativedelta(weekday=_RELATIVE_WEEKDAYS[weekday](-1))


def _day(value: datetime.date | None, how: str, needs_review: bool) -> PartialDate:
    if value is None:
        return PartialDate(None, UNKNOWN, "impossible date", True)
    return PartialDate(value, DAY, how, needs_review)


# An event the lead names that a later paragraph may date: "the 20th Meeting of the Joint Commission",
# "the United Russia Party Congress", "an official visit".
_NAMED_EVENT = re.compile(
    r"(?P<event>(?:[A-Z][\w’'-]{0,30}\s+|\([A-Z]{2,8}\)\s+){1,6}(?:Congress|Summit|Forum|Conference|Dialogue|Expo|Plenum"
    r"|Fair|Festival))\b"
)
_PUBLISHED_MONTH = "no date in the lead; month of the published date"
_KIND_OF_VISIT = re.compile(r"\b(?P<kind>official|state|working|friendship|goodwill)\s+visit\b", re.I)


def _event_key(text: str) -> str:
    """ "United Russia Party (URP) Congress" and "United Russia Party Congress" alike."""
    return " ".join(re.sub(r"\([A-Z]{2,}\)", " ", text).lower().split())


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
