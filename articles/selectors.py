"""The aggregates the pages show: counts per year, officials met most, who met whom, a person's meetings.

Each is a fixed number of queries whatever the archive's size; the views (articles/views.py) lay them
out. Filters of one model are QuerySet methods (articles/models.py); what combines several, or shapes
rows for a page, is here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Case, Count, F, Q, Subquery, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear, Substr
from django.urls import reverse

from .collation import alphabet_of, by_name, collation_key, initial_letter, name_order
from .extraction.types import YEAR
from .kept import kept
from .models import Article, Meeting, MeetingParticipant, Mention, Person, PersonAlias
from .scope import Pair, country_name, current_scope, names_language

TOP_OFFICIALS = 8
RELATED_ARTICLES = 5
MATRIX_SIZE = 12
MEETING_PEOPLE_CHOICES = 200  # the meetings list's person choices: the busiest (a select of thousands helps nobody)


# ---------------------------------------------------------------- sides: the focus's home country and the rest


def home_side(field: str = "country") -> Q:
    """Rows whose `field` is the home country's code."""
    return Q(**{field: current_scope().home.code})


def other_side(field: str = "country") -> Q:
    """Rows whose `field` is another known country's code."""
    return ~Q(**{field: current_scope().home.code}) & ~Q(**{field: ""})


def home_country_first():
    """An ordering that puts the home country's rows before every other country's."""
    return Case(When(country=current_scope().home.code, then=Value(0)), default=Value(1))


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class YearCount:
    year: int
    articles: int
    meetings: int


@kept
def year_counts() -> list[YearCount]:
    """Articles and meetings per year, oldest first, with empty years in between filled in."""
    articles = _per_year(Article.objects.dated(), "event_date")
    meetings = _per_year(Meeting.objects.dated(), "date")
    years = articles.keys() | meetings.keys()
    if not years:
        return []
    return [YearCount(year, articles.get(year, 0), meetings.get(year, 0)) for year in range(min(years), max(years) + 1)]


def _per_year(queryset, date_field: str) -> dict[int, int]:
    return dict(
        queryset.annotate(year=ExtractYear(date_field)).values_list("year").annotate(n=Count("pk")).order_by("year")
    )


@kept
def months_with_articles() -> list[tuple[int, int]]:
    """(year, month) of every month that has an article dated at least to the month, in order."""
    return list(
        Article.objects.dated()
        .exclude(date_precision=YEAR)
        .annotate(year=ExtractYear("event_date"), month=ExtractMonth("event_date"))
        .values_list("year", "month")
        .distinct()
        .order_by("year", "month")
    )


@kept
def meeting_years() -> list[int]:
    """The years meetings were held in, latest first (order_by(): the model's ordering would make every
    meeting distinct)."""
    years = Meeting.objects.dated().annotate(year=ExtractYear("date")).order_by().values_list("year", flat=True)
    return sorted(years.distinct(), reverse=True)


# ---------------------------------------------------------------- people and meetings


@kept
def officials_met_most(country_filter: Q, limit: int = TOP_OFFICIALS):
    return list(
        Person.objects.filter(country_filter)
        .annotate(meeting_count=Count("participations__meeting", distinct=True))
        .filter(meeting_count__gt=0)
        .order_by("-meeting_count", "name")[:limit]
    )


def related_articles(article: Article, limit: int = RELATED_ARTICLES) -> list[Article]:
    """Articles sharing the most people or meetings with `article`, newest first among equals.

    People and meetings are counted apart, each grouped by article (joining both multiplied an
    official's thousands of mentions by every meeting reported), and only the best `limit` by people
    are read, with every article reporting one of the same meetings: no article outside them can
    rank higher."""
    person_ids = [m.person_id for m in article.mentions.all() if m.person_id]
    meeting_ids = [meeting.pk for meeting in article.meetings.all()]
    if not person_ids and not meeting_ids:
        return []
    by_meetings = dict(
        Meeting.articles.through.objects.filter(meeting_id__in=meeting_ids)
        .exclude(article_id=article.pk)
        .values("article_id")
        .annotate(shared=Count("meeting_id", distinct=True))
        .values_list("article_id", "shared")
    )
    people_shared = (
        Mention.objects.filter(person_id__in=person_ids)
        .exclude(article_id=article.pk)
        .values("article_id")
        .annotate(shared=Count("person_id", distinct=True))
    )
    best_by_people = people_shared.order_by(
        "-shared", F("article__event_date").desc(nulls_last=True), "-article_id"
    ).values_list("article_id", "shared")[:limit]
    by_people = dict(best_by_people)
    by_people.update(people_shared.filter(article_id__in=list(by_meetings)).values_list("article_id", "shared"))
    candidates = Article.objects.filter(pk__in=by_people.keys() | by_meetings.keys())
    ranked = sorted(
        candidates,
        key=lambda other: (
            -(by_people.get(other.pk, 0) + by_meetings.get(other.pk, 0)),
            -(other.event_date.toordinal() if other.event_date else 0),
            -other.pk,
        ),
    )
    return ranked[:limit]


@dataclass
class MeetingRow:
    """One meeting of a person, seen from that person's side."""

    meeting: Meeting
    counterparts: list[MeetingParticipant]

    @property
    def table_lines(self) -> list[MeetingParticipant | None]:
        """One table line per counterpart; a meeting with none still takes one line."""
        return self.counterparts or [None]


def meeting_rows(person: Person, meetings) -> list[MeetingRow]:
    return [
        MeetingRow(meeting, [p for p in meeting.participants.all() if p.person_id != person.pk]) for meeting in meetings
    ]


def meetings_of(person: Person):
    return Meeting.objects.for_person(person).with_participants().with_article_titles()


def most_met(person: Person, limit: int = TOP_OFFICIALS) -> list[tuple[Person, int]]:
    """The people `person` met most often, with how many meetings; counted by the database (one query)."""
    people = (
        Person.objects.filter(participations__meeting__participants__person=person)
        .exclude(pk=person.pk)
        .annotate(meeting_count=Count("participations__meeting", distinct=True))
        .order_by("-meeting_count", "name")[:limit]
    )
    return [(other, other.meeting_count) for other in people]


def merged_person(slug: str) -> Person | None:
    """The person a merged-away name now belongs to: its spelling stays an alias, its slug its letters."""
    alias = PersonAlias.objects.select_related("person").filter(key=slug.replace("-", "")).first()
    return alias.person if alias and alias.person.slug != slug else None


# ---------------------------------------------------------------- the people index


@dataclass(frozen=True)
class CountryCount:
    code: str
    people: int


def people_per_country() -> list[CountryCount]:
    """How many people each country has (the home country first, then by code); one query."""
    rows = Person.objects.values_list("country").annotate(n=Count("pk")).order_by(home_country_first(), "country")
    return [CountryCount(code, n) for code, n in rows]


@dataclass(frozen=True)
class Initial:
    """A letter of a country's names alphabet that names start with, and how many."""

    letter: str
    people: int
    first_characters: tuple[str, ...]  # as written at the start of those names ("Đ"; "E", "É")


def initials(country_code: str) -> list[Initial]:
    """The letters a country's names start with, in its alphabet's order (Vietnamese: Đ after D), each with
    its people; one query, grouping by first character, which is folded to its letter here."""
    rows = (
        Person.objects.filter(country=country_code)
        .annotate(first=Substr("name", 1, 1))
        .values_list("first")
        .annotate(n=Count("pk"))
        .order_by()
    )
    alphabet = alphabet_of(names_language(country_code))
    people, characters = Counter(), defaultdict(set)
    for first, n in rows:
        letter = initial_letter(first, alphabet)
        people[letter] += n
        characters[letter].add(first)
    ordered = sorted(people, key=lambda letter: collation_key(letter, alphabet))
    return [Initial(letter, people[letter], tuple(sorted(characters[letter]))) for letter in ordered]


def people_starting_with(country_code: str, initial: Initial | None) -> list[Person]:
    """A country's people (all of them, or those under one initial) in its names' alphabetical order,
    with only what a list of names needs; one query. The database cannot sort in a language's alphabet,
    so the sorting is here, over one letter's people at most when the country has many."""
    people = Person.objects.filter(country=country_code).only("pk", "name", "slug", "country")
    if initial is not None:
        starts = Q()
        for first in initial.first_characters:
            starts |= Q(name__startswith=first)
        people = people.filter(starts)
    return by_name(people, country_code)


def with_counts(people: list[Person]) -> list[Person]:
    """`people` with their article_count and meeting_count set, counted for them only; one query."""
    counts = {
        pk: (articles, meetings)
        for pk, articles, meetings in Person.objects.with_counts()
        .filter(pk__in=[person.pk for person in people])
        .values_list("pk", "article_count", "meeting_count")
    }
    for person in people:
        person.article_count, person.meeting_count = counts.get(person.pk, (0, 0))
    return people


# ---------------------------------------------------------------- the meetings list's filter choices


@dataclass(frozen=True)
class PersonChoice:
    slug: str
    label: str


def meeting_people_choices(selected=()) -> list[dict]:
    """The MEETING_PEOPLE_CHOICES people with most meetings, and those `selected`, by country (the home country first),
    in alphabetical order, each with their meetings: the meetings list's person choices, one query. Anyone
    else's meetings are a link away on their page."""
    busiest = (
        MeetingParticipant.objects.exclude(person=None)
        .values("person")
        .annotate(n=Count("meeting", distinct=True))
        .order_by("-n", "person")
        .values("person")[:MEETING_PEOPLE_CHOICES]
    )
    people = (
        Person.objects.filter(Q(pk__in=Subquery(busiest)) | Q(pk__in=[person.pk for person in selected]))
        .annotate(meeting_count=Count("participations__meeting", distinct=True))
        .order_by(home_country_first(), "country")
    )
    groups = []
    for code, members in groupby(people, key=lambda person: person.country):
        choices = [PersonChoice(p.slug, f"{p.name} ({p.meeting_count})") for p in by_name(members, code)]
        groups.append({"label": country_name(code), "choices": choices})
    return groups


@kept
def country_pairs() -> list[str]:
    """Every pair of countries whose officials met, as "VN-CN" with the home country first: the distinct
    pairs only, without pair_counts()'s counting of meetings and articles."""
    scope = current_scope()
    return sorted(scope.pair(code, other).codes for code, other in _pairs_met().distinct())


def _pairs_met():
    """(country, other country) of the participants of each meeting, each pair once, alphabetically."""
    return (
        MeetingParticipant.objects.exclude(person__country="")
        .annotate(other=F("meeting__participants__person__country"))
        .filter(other__gt=F("person__country"))  # each pair once, and never a country with itself
        .values_list("person__country", "other")
        .order_by()
    )


# ---------------------------------------------------------------- pairs of countries


@dataclass(frozen=True)
class PairCount:
    pair: Pair
    meetings: int
    articles: int  # the articles reporting those meetings


@kept
def pair_counts() -> list[PairCount]:
    """Every pair of countries whose officials met, with its meetings and the articles reporting them,
    most meetings first: one query, counted by the database (a meeting of three countries counts for
    each of its three pairs)."""
    rows = _pairs_met().annotate(
        meetings=Count("meeting", distinct=True), articles=Count("meeting__articles", distinct=True)
    )
    scope = current_scope()
    counts = [PairCount(scope.pair(code, other), meetings, articles) for code, other, meetings, articles in rows]
    return sorted(counts, key=lambda count: (-count.meetings, -count.articles, count.pair.name))


@kept
def pair_matrix(pair: Pair, size: int = MATRIX_SIZE) -> dict:
    """Who met whom between the two countries: the first's officials in rows, the second's in columns."""
    first, second = (country.code for country in pair.countries)
    return matrix_of(met_across(Q(person__country=first), Q(other_country=second)), size)


# ---------------------------------------------------------------- who met whom


def pair_meetings_url(person_slug: str, other_slug: str) -> str:
    """The meetings list narrowed to the meetings both people (by slug) attended."""
    return f"{reverse('articles:meetings')}?person={person_slug}&person={other_slug}"


def met_across(rows: Q, columns: Q):
    """Participants on the rows' side (`rows` on person__country), each annotated with another
    participant of the same meeting on the columns' side (`columns` on other_country): one row per
    (participant, other) of a meeting, for the database to count."""
    return (
        MeetingParticipant.objects.filter(rows)
        .annotate(
            other=F("meeting__participants__person"),
            other_name=F("meeting__participants__person__name"),
            other_slug=F("meeting__participants__person__slug"),
            other_country=F("meeting__participants__person__country"),
        )
        .filter(columns, other__isnull=False)
        .order_by()
    )


def matrix_of(met, size: int = MATRIX_SIZE) -> dict:
    """The `size` officials with most meetings on each side of `met` (see met_across), and for each pair
    of them the meetings both attended: four queries whatever the archive's size. The whole of it is
    the export's (who_met_whom_pairs)."""
    meetings = Count("meeting", distinct=True)
    row_ids = list(
        met.values("person").annotate(n=meetings).order_by("-n", "person__name").values_list("person", flat=True)[:size]
    )
    column_ids = list(
        met.values("other").annotate(n=meetings).order_by("-n", "other_name").values_list("other", flat=True)[:size]
    )
    counts = {
        (row["person"], row["other"]): row["n"]
        for row in met.filter(person__in=row_ids, other__in=column_ids).values("person", "other").annotate(n=meetings)
    }
    people = Person.objects.in_bulk([*row_ids, *column_ids])
    columns = [people[pk] for pk in column_ids]
    rows = [
        {
            "person": people[pk],
            "cells": [
                {
                    "other": other,
                    "count": counts.get((pk, other.pk), 0),
                    "url": pair_meetings_url(people[pk].slug, other.slug),
                }
                for other in columns
            ],
        }
        for pk in row_ids
    ]
    return {"columns": columns, "rows": rows}


@kept
def who_met_whom() -> dict:
    """The most active officials of the home country (rows) against those of every other (columns)."""
    return matrix_of(_home_against_others())


def _home_against_others():
    return met_across(home_side("person__country"), other_side("other_country"))


def who_met_whom_pairs() -> list[dict]:
    """Every pair of a home official and another country's who met, with their meetings: the export of
    who met whom (one query), most meetings first, then in each side's alphabetical order."""
    home_order = name_order(current_scope().home.code)
    rows = (
        _home_against_others()
        .values("person", "person__slug", "person__name", "other", "other_slug", "other_name", "other_country")
        .annotate(meetings=Count("meeting", distinct=True))
    )
    return sorted(rows, key=lambda row: (-row["meetings"], home_order(row["person__name"]), row["other_name"]))
