"""One shape per kind of record for every way the data leaves the portal: the JSON API, the bulk
downloads (CSV and JSON Lines) and the CSV/JSON exports of the pages.

Each record type lists its fields with a type and a description: the same list makes the CSV
header, the data dictionary on the downloads page and the datapackage.json beside the files, so the
documentation cannot drift from the data. `url` fields are addresses on this portal: absolute in the
API and the page exports, site-relative in the downloads (which do not know where they are served).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from .models import Article, Meeting, MeetingParticipant, Mention, Office, OfficeHolding, Person, PersonAlias
from .spellings import spellings_of
from .templatetags.portal import date_uncertain

Absolute = Callable[[str], str]


def relative(path: str) -> str:
    return path


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # as a Frictionless table schema says: string, integer, boolean, date, array, object
    description: str
    format: str = ""  # "uri", "YYYY, YYYY-MM or YYYY-MM-DD" ...


@dataclass(frozen=True)
class RecordType:
    name: str  # file and endpoint name: "articles"
    title: str
    description: str
    fields: tuple[Field, ...]

    @property
    def csv_columns(self) -> list[str]:
        return [field.name for field in self.fields if field.type != "object"]


PARTIAL_DATE = "YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source allows"

ARTICLES = RecordType(
    "articles",
    "Articles",
    "One row per imported news article: what it is, when the event it reports happened, who it names.",
    (
        Field("id", "string", "The article's identifier (its address on the portal ends in it)."),
        Field("url", "string", "The article's page on the portal.", "uri"),
        Field("title", "string", "Headline (written from the text when the source has none)."),
        Field("date", "string", "Date of the event reported; empty when unknown.", PARTIAL_DATE),
        Field("date_precision", "string", "day, month, year or unknown."),
        Field("date_uncertain", "boolean", "True when the date is imprecise or awaits an editor's review."),
        Field("published", "date", "Publication date printed by the source, if any."),
        Field("outlet", "string", "Outlet or credit line (VNA, Xinhua ...)."),
        Field("dateline", "string", "Place in the dateline, as printed (often in capitals)."),
        Field("source_url", "string", "The article's address at its source, when known.", "uri"),
        Field("source_file", "string", "The file it was imported from."),
        Field("people", "array", "Names of the people it names, most mentioned first (CSV: separated by ; )."),
        Field("person_ids", "array", "Their identifiers in people (CSV: separated by ; )."),
        Field("meeting_ids", "array", "The meetings it reports, by id in meetings (CSV: separated by ; )."),
        Field("standfirst", "string", "The summary under the headline."),
        Field("text", "string", "The article's clean text, paragraphs separated by blank lines."),
    ),
)

PEOPLE = RecordType(
    "people",
    "People",
    "One row per person named in the archive, under one display spelling.",
    (
        Field("id", "string", "The person's identifier."),
        Field("url", "string", "The person's page on the portal.", "uri"),
        Field("name", "string", "Display spelling, with diacritics where known."),
        Field("country", "string", "ISO 3166 alpha-2 code, as in the countries file; empty when unknown."),
        Field("party", "string", "The party's acronym, as in the countries file."),
        Field("readings", "array", "Readings of the name in other languages, from the officials list (Tập Cận Bình)."),
        Field("characters", "array", "The name in Han characters, from the officials list."),
        Field("other_spellings", "array", "Other spellings seen in the sources."),
        Field("articles", "integer", "Articles naming the person."),
        Field("meetings", "integer", "Meetings the person took part in."),
    ),
)

OFFICES = RecordType(
    "offices",
    "Offices",
    "One row per office: a post in an organization of one country.",
    (
        Field("id", "string", "The office's identifier."),
        Field("url", "string", "The office's page on the portal.", "uri"),
        Field("title", "string", "Post and organization as one name."),
        Field("post", "string", "The post (Minister, Head, Member ...)."),
        Field("organization", "string", "The organization (Ministry of Foreign Affairs ...); empty for a post alone."),
        Field("country", "string", "ISO 3166 alpha-2 code."),
        Field("holders", "integer", "People seen holding it."),
    ),
)

HOLDINGS = RecordType(
    "holdings",
    "Office holdings",
    "One row per person seen in an office, between the first and last dated article that shows it "
    "(dates of articles, not terms of office).",
    (
        Field("person_id", "string", "The holder, by id in people."),
        Field("person", "string", "The holder's name."),
        Field("office_id", "string", "The office, by id in offices."),
        Field("office", "string", "The office's title."),
        Field("country", "string", "The office's country (ISO 3166 alpha-2)."),
        Field("first_seen", "date", "Date of the first dated article showing the holding."),
        Field("last_seen", "date", "Date of the last dated article showing the holding."),
        Field("wordings", "array", "How the articles wrote the office (CSV: separated by ; )."),
        Field("article_ids", "array", "The articles showing it (CSV: separated by ; )."),
    ),
)

PARTICIPANT_FIELDS = (
    Field("meeting_id", "integer", "The meeting, by id in meetings."),
    Field("position", "integer", "Order of the participant in the report."),
    Field("name_as_written", "string", "The name as the article wrote it."),
    Field("person_id", "string", "The person it was resolved to, by id in people; empty if none."),
    Field("person", "string", "That person's display name."),
    Field("country", "string", "The person's country (ISO 3166 alpha-2)."),
    Field("office_id", "string", "The office held at the time, by id in offices; empty if none."),
    Field("office", "string", "The office held at the time, as resolved or as written."),
)

MEETINGS = RecordType(
    "meetings",
    "Meetings",
    "One row per meeting, talks, reception, call or visit between officials, as reported.",
    (
        Field("id", "integer", "The meeting's identifier."),
        Field("url", "string", "The meeting's page on the portal.", "uri"),
        Field("date", "string", "Date of the meeting; empty when unknown.", PARTIAL_DATE),
        Field("date_precision", "string", "day, month, year or unknown."),
        Field("kind", "string", "meeting, talks, reception, phone call, visit ..."),
        Field("status", "string", "held, or announced (reported before it took place)."),
        Field("place", "string", "Where it took place, when stated."),
        Field("participants", "array", "Display names of the participants (CSV: separated by ; )."),
        Field("participant_ids", "array", "Their ids in people, in the same order; empty for unresolved names."),
        Field("participant_offices", "array", "The office each held at the time, in the same order."),
        Field("countries", "array", "Countries of the participants (ISO 3166 alpha-2)."),
        Field("article_ids", "array", "The articles reporting it (CSV: separated by ; )."),
        Field("evidence", "string", "The sentence the meeting was read from."),
        Field("participant_details", "object", "JSON only: each participant as in meeting_participants."),
    ),
)

MEETING_PARTICIPANTS = RecordType(
    "meeting_participants",
    "Meeting participants",
    "One row per participant of a meeting, with the name as written and who it was resolved to.",
    PARTICIPANT_FIELDS,
)

WHO_MET_WHOM = RecordType(
    "who_met_whom",
    "Who met whom",
    "One row per pair of officials who met, one of the archive's home country (PORTAL_ARCHIVE_FOCUS), the other "
    "of another country, with how often.",
    (
        Field("person_id", "string", "The home country's official, by id in people."),
        Field("person", "string", "The home country's official's name."),
        Field("other_id", "string", "The other side's official, by id in people."),
        Field("other", "string", "The other side's official's name."),
        Field("other_country", "string", "The other official's country."),
        Field("meetings", "integer", "Meetings both attended."),
        Field("meetings_url", "string", "Those meetings on the portal.", "uri"),
    ),
)

DUMPED = (ARTICLES, PEOPLE, OFFICES, HOLDINGS, MEETINGS, MEETING_PARTICIPANTS)


# ---------------------------------------------------------------- querysets with what records need


def articles_for_records():
    return Article.objects.order_by("pk").prefetch_related(
        Prefetch("mentions", queryset=Mention.objects.select_related("person").order_by("-count", "pk")),
        Prefetch("meetings", queryset=Meeting.objects.order_by("pk").only("pk")),
    )


def people_for_records():
    return (
        Person.objects.with_counts()
        .prefetch_related(Prefetch("aliases", queryset=PersonAlias.objects.order_by("name")))
        .order_by("pk")
    )


def offices_for_records():
    return Office.objects.annotate(holder_count=Count("holdings", distinct=True)).order_by("pk")


def holdings_for_records():
    return (
        OfficeHolding.objects.select_related("person", "office")
        .prefetch_related(Prefetch("articles", queryset=Article.objects.only("pk", "slug")))
        .order_by("pk")
    )


def meetings_for_records():
    return Meeting.objects.with_participants().prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("pk").only("pk", "slug"))
    )


# ---------------------------------------------------------------- records


def article_record(article: Article, absolute: Absolute = relative, *, with_text: bool = True) -> dict:
    mentions = list(article.mentions.all())
    record = {
        "id": article.slug,
        "url": absolute(article.get_absolute_url()),
        "title": article.title,
        "date": article.date_iso or "",
        "date_precision": article.date_precision,
        "date_uncertain": date_uncertain(article),
        "published": article.published.isoformat() if article.published else "",
        "outlet": article.credit,
        "dateline": article.dateline,
        "source_url": article.canonical_url,
        "source_file": article.source_file,
        "people": [mention.display_name for mention in mentions],
        "person_ids": [mention.person.slug if mention.person_id else "" for mention in mentions],
        "meeting_ids": [meeting.pk for meeting in article.meetings.all()],
        "standfirst": article.standfirst,
    }
    if with_text:
        record["text"] = article.body
    return record


def person_record(person: Person, absolute: Absolute = relative) -> dict:
    spellings = spellings_of(person)
    return {
        "id": person.slug,
        "url": absolute(person.get_absolute_url()),
        "name": person.name,
        "country": person.country,
        "party": person.party,
        "readings": list(spellings.readings),
        "characters": list(spellings.characters),
        "other_spellings": list(spellings.aliases),
        "articles": person.article_count,
        "meetings": person.meeting_count,
    }


def office_record(office: Office, absolute: Absolute = relative) -> dict:
    return {
        "id": office.slug,
        "url": absolute(office.get_absolute_url()),
        "title": office.title,
        "post": office.post,
        "organization": office.organization,
        "country": office.country,
        "holders": office.holder_count,
    }


def holding_record(holding: OfficeHolding, absolute: Absolute = relative, *, article_ids: list | None = None) -> dict:
    return {
        "person_id": holding.person.slug,
        "person": holding.person.name,
        "office_id": holding.office.slug,
        "office": holding.office.title,
        "country": holding.office.country,
        "first_seen": holding.first_seen.isoformat() if holding.first_seen else "",
        "last_seen": holding.last_seen.isoformat() if holding.last_seen else "",
        "wordings": list(holding.wordings),
        "article_ids": [article.slug for article in holding.articles.all()] if article_ids is None else article_ids,
    }


def participant_record(participant: MeetingParticipant) -> dict:
    person, office = participant.person, participant.office
    return {
        "meeting_id": participant.meeting_id,
        "position": participant.position,
        "name_as_written": participant.name_as_written,
        "person_id": person.slug if person else "",
        "person": person.name if person else "",
        "country": person.country if person else "",
        "office_id": office.slug if office else "",
        "office": office.title if office else participant.office_as_written,
    }


def meeting_record(meeting: Meeting, absolute: Absolute = relative) -> dict:
    participants = [participant_record(p) for p in meeting.participants.all()]
    return {
        "id": meeting.pk,
        "url": absolute(meeting.get_absolute_url()),
        "date": meeting.date_iso or "",
        "date_precision": meeting.date_precision,
        "kind": meeting.kind,
        "status": meeting.status,
        "place": meeting.place,
        "participants": [p["person"] or p["name_as_written"] for p in participants],
        "participant_ids": [p["person_id"] for p in participants],
        "participant_offices": [p["office"] for p in participants],
        "countries": sorted({p["country"] for p in participants if p["country"]}),
        "article_ids": [article.slug for article in meeting.articles.all()],
        "evidence": meeting.evidence,
        "participant_details": participants,
    }


def csv_row(record_type: RecordType, record: dict) -> dict:
    """A record as a CSV row: lists joined by "; ", objects left out, booleans as true/false."""
    row = {}
    for name in record_type.csv_columns:
        value = record.get(name, "")
        if isinstance(value, list):
            value = "; ".join(str(item) for item in value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        row[name] = value
    return row
