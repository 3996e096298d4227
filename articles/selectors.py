"""The aggregates the pages show: counts per year, officials met most, who met whom, a person's meetings.

Each is a fixed number of queries whatever the archive's size; the views (articles/views.py) lay them
out. Filters of one model are QuerySet methods (articles/models.py); what combines several, or shapes
rows for a page, is here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse

from .collation import by_name, name_order
from .extraction.types import YEAR
from .models import Article, Meeting, MeetingParticipant, Person, PersonAlias
from .scope import Pair, country_name, current_scope

TOP_OFFICIALS = 8
RELATED_ARTICLES = 5
MATRIX_SIZE = 12


# ---------------------------------------------------------------- sides: the focus's home country and the rest


def home_side() -> Q:
    return Q(country=current_scope().home.code)


def other_side() -> Q:
    return ~Q(country=current_scope().home.code) & ~Q(country="")


def home_country_first():
    """An ordering that puts the home country's rows before every other country's."""
    return Case(When(country=current_scope().home.code, then=Value(0)), default=Value(1))


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class YearCount:
    year: int
    articles: int
    meetings: int


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


def meeting_years() -> list[int]:
    return sorted(
        Meeting.objects.dated().annotate(year=ExtractYear("date")).values_list("year", flat=True).distinct(),
        reverse=True,
    )


# ---------------------------------------------------------------- people and meetings


def officials_met_most(country_filter: Q, limit: int = TOP_OFFICIALS):
    return (
        Person.objects.filter(country_filter)
        .annotate(meeting_count=Count("participations__meeting", distinct=True))
        .filter(meeting_count__gt=0)
        .order_by("-meeting_count", "name")[:limit]
    )


def related_articles(article: Article, limit: int = RELATED_ARTICLES):
    """Articles sharing the most people or meetings with `article`, newest first among equals."""
    person_ids = [m.person_id for m in article.mentions.all() if m.person_id]
    meeting_ids = [meeting.pk for meeting in article.meetings.all()]
    if not person_ids and not meeting_ids:
        return Article.objects.none()
    shared = Count("mentions__person", filter=Q(mentions__person__in=person_ids), distinct=True) + Count(
        "meetings", filter=Q(meetings__in=meeting_ids), distinct=True
    )
    return (
        Article.objects.filter(Q(mentions__person__in=person_ids) | Q(meetings__in=meeting_ids))
        .exclude(pk=article.pk)
        .annotate(shared=shared)
        .order_by("-shared", "-event_date", "-pk")[:limit]
    )


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
    return Meeting.objects.for_person(person).with_participants().prefetch_related("articles")


def most_met(rows: list[MeetingRow], limit: int = TOP_OFFICIALS) -> list[tuple[Person, int]]:
    counts = Counter()
    people = {}
    for row in rows:
        for participant in {p.person_id: p for p in row.counterparts if p.person_id}.values():
            counts[participant.person_id] += 1
            people[participant.person_id] = participant.person
    return [(people[pk], n) for pk, n in sorted(counts.items(), key=lambda item: (-item[1], people[item[0]].name))][
        :limit
    ]


def merged_person(slug: str) -> Person | None:
    """The person a merged-away name now belongs to: its spelling stays an alias, its slug its letters."""
    alias = PersonAlias.objects.select_related("person").filter(key=slug.replace("-", "")).first()
    return alias.person if alias and alias.person.slug != slug else None


# ---------------------------------------------------------------- the meetings list's filter choices


@dataclass(frozen=True)
class PersonChoice:
    slug: str
    label: str


def meeting_people_choices() -> list[dict]:
    """Everyone who took part in a meeting, by country (the home country first), in alphabetical order."""
    people = (
        Person.objects.filter(pk__in=MeetingParticipant.objects.values("person"))
        .annotate(meeting_count=Count("participations__meeting", distinct=True))
        .order_by(home_country_first(), "country")
    )
    groups = []
    for code, members in groupby(people, key=lambda person: person.country):
        choices = [PersonChoice(p.slug, f"{p.name} ({p.meeting_count})") for p in by_name(members, code)]
        groups.append({"label": country_name(code), "choices": choices})
    return groups


def country_pairs() -> list[str]:
    """Every pair of countries whose officials met, as "VN-CN" with the home country first."""
    return sorted(count.pair.codes for count in pair_counts())


# ---------------------------------------------------------------- pairs of countries


@dataclass(frozen=True)
class PairCount:
    pair: Pair
    meetings: int
    articles: int  # the articles reporting those meetings


def pair_counts() -> list[PairCount]:
    """Every pair of countries whose officials met, with its meetings and the articles reporting them,
    most meetings first: one query, counted by the database (a meeting of three countries counts for
    each of its three pairs)."""
    rows = (
        MeetingParticipant.objects.exclude(person__country="")
        .annotate(other=F("meeting__participants__person__country"))
        .filter(other__gt=F("person__country"))  # each pair once, and never a country with itself
        .values_list("person__country", "other")
        .annotate(meetings=Count("meeting", distinct=True), articles=Count("meeting__articles", distinct=True))
        .order_by()
    )
    scope = current_scope()
    counts = [PairCount(scope.pair(code, other), meetings, articles) for code, other, meetings, articles in rows]
    return sorted(counts, key=lambda count: (-count.meetings, -count.articles, count.pair.name))


def pair_matrix(pair: Pair, size: int = MATRIX_SIZE) -> dict:
    """Who met whom between the two countries: the first's officials in rows, the second's in columns (the
    most active of each, `size` at most), and each cell the meetings both attended; two queries."""
    first, second = (country.code for country in pair.countries)
    counts = {
        (row["person"], row["other"]): row["meetings"]
        for row in MeetingParticipant.objects.filter(person__country=first)
        .annotate(other=F("meeting__participants__person"), other_country=F("meeting__participants__person__country"))
        .filter(other_country=second)
        .values("person", "other")
        .annotate(meetings=Count("meeting", distinct=True))
        .order_by()
    }
    people = Person.objects.in_bulk({pk for key in counts for pk in key})
    totals = Counter()
    for (person, other), n in counts.items():
        totals[person] += n
        totals[other] += n

    def leading(ids):
        return [people[pk] for pk in sorted(set(ids), key=lambda pk: (-totals[pk], people[pk].name))[:size]]

    columns = leading(other for _, other in counts)
    rows = [
        {
            "person": person,
            "cells": [
                {"other": other, "count": counts.get((person.pk, other.pk), 0), "url": pair_meetings_url(person, other)}
                for other in columns
            ],
        }
        for person in leading(person for person, _ in counts)
    ]
    return {"columns": columns, "rows": rows, "pairs": len(counts)}


# ---------------------------------------------------------------- who met whom


def pair_meetings_url(person: Person, other: Person) -> str:
    return f"{reverse('articles:meetings')}?person={person.slug}&person={other.slug}"


def meeting_matrix(size: int = MATRIX_SIZE) -> dict:
    """The most active officials of each side, and for each pair the meetings they had together."""
    home_code = current_scope().home.code
    home_order = name_order(home_code)
    sides = defaultdict(lambda: {"home": set(), "other": set()})
    people = {}
    participants = MeetingParticipant.objects.exclude(person=None).exclude(person__country="").select_related("person")
    for participant in participants:
        person = participant.person
        people[person.pk] = person
        side = "home" if person.country == home_code else "other"
        sides[participant.meeting_id][side].add(person.pk)
    pair_counts = Counter(
        (home, other) for meeting in sides.values() for home in meeting["home"] for other in meeting["other"]
    )
    totals = Counter()
    for (home, other), n in pair_counts.items():
        totals[home] += n
        totals[other] += n

    def leading(ids):
        return sorted(ids, key=lambda pk: (-totals[pk], people[pk].name))[:size]

    columns = [people[pk] for pk in leading({other for _, other in pair_counts})]
    rows = [
        {
            "person": people[home],
            "cells": [
                {
                    "other": other,
                    "count": pair_counts.get((home, other.pk), 0),
                    "url": pair_meetings_url(people[home], other),
                }
                for other in columns
            ],
        }
        for home in leading({home for home, _ in pair_counts})
    ]
    pairs = sorted(
        ((people[home], people[other], n) for (home, other), n in pair_counts.items()),
        key=lambda item: (-item[2], home_order(item[0].name), item[1].name),
    )
    return {"columns": columns, "rows": rows, "pairs": pairs}
