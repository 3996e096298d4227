"""ExtractedArticle -> models, a batch of files at a time: identity, correction locks, people,
offices, holdings, mentions, meetings, photos and the search-index queue.

A batch is one transaction. Everything the batch may look up (the articles it names, the people,
aliases, offices and holdings its mentions resolve to, the meetings it may join) is read in a few
queries into in-memory maps; each article is then applied in order, exactly as if the files were
stored one by one, and the rows are written in bulk at the end. The search-index queue rows are
written in the same transaction, so a crash can never leave an article in the database that the
index will not hear about.

Fields an editor corrected (`corrected_fields`) are never written. Field values are cut to the
models' own max_length.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connections, router, transaction
from django.db.models import Case, Count, F, Max, Min, Q, When
from django.utils import timezone
from slugify import slugify

from . import signals
from .extraction.names import has_diacritics, person_key, to_ascii
from .extraction.types import DAY, MONTH, UNKNOWN, ExtractedArticle, MeetingRecord, PersonMention
from .models import (
    Article,
    Meeting,
    MeetingParticipant,
    Mention,
    Office,
    OfficeHolding,
    Person,
    PersonAlias,
    Photo,
)

CREATED, UPDATED, UNCHANGED, DUPLICATE, FAILED = "created", "updated", "unchanged", "duplicate", "failed"
STATUSES = (CREATED, UPDATED, UNCHANGED, DUPLICATE, FAILED)


@dataclass
class FileOutcome:
    """What happened to one file (or one stored article when re-extracting)."""

    name: str
    status: str
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    changed_fields: list[str] = field(default_factory=list)
    article_id: int | None = None


@dataclass
class Item:
    """One extraction ready to be stored."""

    name: str
    raw_text: str
    content_hash: str
    extracted: ExtractedArticle
    article: Article | None = None  # re-extraction: the stored article it was read from


def fit(model, field_name: str, value: str | None) -> str:
    """`value` cut to the model field's max_length ('' for None)."""
    return (value or "")[: model._meta.get_field(field_name).max_length]


def update_rows(model, objects: list, field_names) -> None:
    """Write `field_names` of `objects` (saved rows), one UPDATE statement run for all of them.

    Django's bulk_update builds one statement with a CASE per field listing every row: re-extracting
    100 articles cost 1.5 ms of CPU and up to 13 ms of SQLite per article; this costs 0.03 and 0.3.
    Like bulk_update, it sends the values as they are (no save() or signals)."""
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def store_batch(items: list[Item], *, reextract: bool = False, dry_run: bool = False) -> list[FileOutcome]:
    """Store `items` in one transaction (rolled back on a dry run); raises if any row cannot be written."""
    with transaction.atomic():
        outcomes = BatchStore(items, reextract=reextract, queue_index=not dry_run).run()
        if dry_run:
            transaction.set_rollback(True)
    return outcomes


# Slugs ----------------------------------------------------------------------------------------


class Slugs:
    """unique_slug() for many rows at once: base, base-2, base-3 ... looked up by exact value, so
    the unique index answers (a `LIKE 'base%'` scans the whole table on SQLite)."""

    PROBE = 20

    def __init__(self, model, max_length: int = 80):
        self.model, self.max_length = model, max_length
        self.taken: dict[str, set[str]] = {}
        self.probed: dict[str, int] = {}  # base -> how many candidates were looked up

    def base(self, text: str) -> str:
        return slugify(to_ascii(text), max_length=self.max_length, word_boundary=True) or "item"

    def _probe(self, bases: list[str]) -> None:
        wanted = {}
        for base in bases:
            start = self.probed.get(base, 0)
            end = max(self.PROBE, start * 2)
            wanted[base] = [self._candidate(base, n) for n in range(start + 1, end + 1)]
            self.probed[base] = end
        values = [value for candidates in wanted.values() for value in candidates]
        found = set(self.model._default_manager.filter(slug__in=values).values_list("slug", flat=True))
        for base, candidates in wanted.items():
            self.taken.setdefault(base, set()).update(c for c in candidates if c in found)

    @staticmethod
    def _candidate(base: str, n: int) -> str:
        return base if n == 1 else f"{base}-{n}"

    def prefetch(self, texts) -> None:
        bases = list(dict.fromkeys(self.base(text) for text in texts))
        if bases:
            self._probe([base for base in bases if base not in self.probed])

    def allocate(self, text: str) -> str:
        base = self.base(text)
        n = 1
        while True:
            if n > self.probed.get(base, 0):
                self._probe([base])
            candidate = self._candidate(base, n)
            if candidate not in self.taken[base]:
                self.taken[base].add(candidate)
                return candidate
            n += 1


# People ---------------------------------------------------------------------------------------


class People:
    """Person resolution for a batch: by any spelling's key (the name's or an alias's), the lowest id
    wins, created when none matches; a few queries for the whole batch, none per mention."""

    def __init__(self, keys: set[str]):
        self.by_key: dict[str, list[Person]] = defaultdict(list)
        self.alias_names: dict[int, set[str]] = {}
        self.rank: dict[int, tuple] = {}
        self.new: list[Person] = []
        self.new_aliases: list[PersonAlias] = []
        self.changed: dict[int, Person] = {}
        found = (
            Person.objects.filter(Q(name_key__in=keys) | Q(aliases__key__in=keys))
            .distinct()
            .prefetch_related("aliases")
        )
        for person in found:
            self.rank[id(person)] = (0, person.pk)
            self.alias_names[id(person)] = set()
            self._index(person, person.name_key)
            for alias in person.aliases.all():
                self.alias_names[id(person)].add(alias.name)
                self._index(person, alias.key)

    def _index(self, person: Person, key: str) -> None:
        if person not in self.by_key[key]:
            self.by_key[key].append(person)

    def find(self, keys) -> Person | None:
        candidates = [person for key in keys for person in self.by_key.get(key, ())]
        return min(candidates, key=lambda person: self.rank[id(person)]) if candidates else None

    def lookup(self, name: str) -> Person | None:
        return self.find([person_key(name)])

    def _add_alias(self, person: Person, name: str) -> None:
        name = fit(PersonAlias, "name", name)
        if name in self.alias_names[id(person)]:
            return
        self.alias_names[id(person)].add(name)
        alias = PersonAlias(person=person, name=name, key=person_key(name))
        self.new_aliases.append(alias)
        self._index(person, alias.key)

    def resolve(self, mention: PersonMention) -> Person:
        spellings = [mention.name, *mention.aliases_seen]
        keys = [mention.key or person_key(mention.name), *(person_key(s) for s in spellings)]
        person = self.find(keys)
        if person is None:
            person = Person(
                name=fit(Person, "name", mention.name),
                country=fit(Person, "country", mention.country),
                party=fit(Person, "party", mention.party),
            )
            person.name_key = person_key(person.name)
            self.rank[id(person)] = (1, len(self.new))
            self.alias_names[id(person)] = set()
            self.new.append(person)
            self._index(person, person.name_key)
        else:
            self._update(person, mention)
        known = self.alias_names[id(person)] | {person.name}
        for spelling in dict.fromkeys(spellings):
            if spelling and spelling not in known:
                self._add_alias(person, spelling)
        return person

    def _update(self, person: Person, mention: PersonMention) -> None:
        updates = {}
        if (
            not person.is_locked("name")
            and has_diacritics(mention.name)
            and not has_diacritics(person.name)
            and person_key(mention.name) == person.name_key
        ):
            updates["name"] = fit(Person, "name", mention.name)  # the diacritic spelling, wherever a source has it
        if not person.country and mention.country and not person.is_locked("country"):
            updates["country"] = fit(Person, "country", mention.country)
        if not person.party and mention.party and not person.is_locked("party"):
            updates["party"] = fit(Person, "party", mention.party)
        if not updates:
            return
        if "name" in updates:
            self._add_alias(person, person.name)
        for name, value in updates.items():
            setattr(person, name, value)
        if person.pk is not None:
            self.changed[id(person)] = person

    def write(self) -> None:
        slugs = Slugs(Person)
        slugs.prefetch(person.name for person in self.new)
        for person in self.new:
            person.slug = slugs.allocate(person.name)
        Person.objects.bulk_create(self.new)
        Person.history.bulk_history_create(self.new)
        for person in self.changed.values():
            person.save()
        PersonAlias.objects.bulk_create(self.new_aliases)


# Offices and holdings -------------------------------------------------------------------------


def office_key(office_mention) -> tuple[str, str, str, str]:
    post = fit(Office, "post", office_mention.post)
    organization = fit(Office, "organization", office_mention.organization)
    country = fit(Office, "country", office_mention.country)
    return Office.make_key(post, organization, country), post, organization, country


class Offices:
    def __init__(self, keys: set[str]):
        self.by_key = {office.key: office for office in Office.objects.filter(key__in=keys)}
        self.new: list[Office] = []

    def resolve(self, office_mention) -> Office:
        key, post, organization, country = office_key(office_mention)
        office = self.by_key.get(key)
        if office is None:
            office = Office(post=post, organization=organization, country=country, key=key)
            self.by_key[key] = office
            self.new.append(office)
        return office

    def write(self) -> None:
        slugs = Slugs(Office, max_length=110)
        sources = [f"{office.title} {office.country}" if office.country else office.title for office in self.new]
        slugs.prefetch(sources)
        for office, source in zip(self.new, sources, strict=True):
            office.slug = slugs.allocate(source)
        Office.objects.bulk_create(self.new)
        Office.history.bulk_history_create(self.new)


def article_day(article: Article) -> datetime.date | None:
    """The day an article shows a holding on (as refresh_holding_span counts it)."""
    if article.event_date is not None and article.date_precision in (DAY, MONTH):
        return article.event_date
    return article.published


def _day_expression(prefix: str = ""):
    return Case(
        When(
            **{f"{prefix}event_date__isnull": False, f"{prefix}date_precision__in": (DAY, MONTH)},
            then=F(f"{prefix}event_date"),
        ),
        default=F(f"{prefix}published"),
    )


class Holdings:
    """Office holdings of the batch's people, and which articles show each."""

    Through = OfficeHolding.articles.through

    def __init__(self, person_ids: set[int], office_ids: set[int], article_ids: set[int]):
        self.by_pair: dict[tuple[str, str], OfficeHolding] = {}
        self.by_pk: dict[int, OfficeHolding] = {}
        self.new: list[OfficeHolding] = []
        # article id -> holdings that showed it before the batch
        self.links_before: dict[int, list[OfficeHolding]] = defaultdict(list)
        self.added: list[tuple[OfficeHolding, int]] = []
        self.removed: set[tuple[int, int]] = set()  # (holding pk, article id)
        self.touched: dict[int, OfficeHolding] = {}
        self.wordings_changed: dict[int, OfficeHolding] = {}
        self.days_added: dict[int, list] = defaultdict(list)
        self.needs_recount: set[int] = set()
        links = list(
            self.Through.objects.filter(article_id__in=article_ids).values_list("officeholding_id", "article_id")
        )
        wanted = Q(person_id__in=person_ids, office_id__in=office_ids) | Q(pk__in={h for h, _ in links})
        for holding in OfficeHolding.objects.filter(wanted).select_related("person", "office"):
            self._register(holding)
        for holding_id, article_id in links:
            self.links_before[article_id].append(self.by_pk[holding_id])

    def _register(self, holding: OfficeHolding) -> None:
        self.by_pk[holding.pk] = holding
        self.by_pair[(holding.person.name_key, holding.office.key)] = holding

    def get_or_create(self, person: Person, office: Office) -> OfficeHolding:
        pair = (person.name_key, office.key)
        holding = self.by_pair.get(pair)
        if holding is None:
            holding = OfficeHolding(person=person, office=office, wordings=[])
            self.by_pair[pair] = holding
            self.new.append(holding)
        return holding

    def relink(self, article: Article, holdings: list[OfficeHolding], day_changed: bool) -> None:
        """`article` is now shown by `holdings` (and no longer by the others it was)."""
        before = {id(h): h for h in self.links_before.get(article.pk, ())}
        after = {id(h): h for h in holdings}
        day = article_day(article)
        for key, holding in before.items():
            self.touched[key] = holding
            if key not in after:
                self.removed.add((holding.pk, article.pk))
                self.needs_recount.add(key)
            elif day_changed:
                self.needs_recount.add(key)
        for key, holding in after.items():
            self.touched[key] = holding
            if key not in before:
                self.added.append((holding, article.pk))
                self.days_added[key].append(day)
        self.links_before[article.pk] = list(after.values())

    def set_wordings(self, holding: OfficeHolding, texts: list[str]) -> None:
        wordings = unique_wordings(texts)
        if wordings != holding.wordings:
            holding.wordings = wordings
            if holding.pk is not None:
                self.wordings_changed[id(holding)] = holding

    def write(self) -> None:
        """Create new holdings (spans already known), link and unlink articles, refresh spans."""
        for holding in self.new:
            days = [d for d in self.days_added[id(holding)] if d is not None]
            holding.first_seen, holding.last_seen = (min(days), max(days)) if days else (None, None)
        OfficeHolding.objects.bulk_create(self.new)
        OfficeHolding.history.bulk_history_create(self.new)
        if self.removed:
            condition = Q()
            for holding_id, article_id in self.removed:
                condition |= Q(officeholding_id=holding_id, article_id=article_id)
            self.Through.objects.filter(condition).delete()
        self.Through.objects.bulk_create(
            self.Through(officeholding_id=holding.pk, article_id=article_id) for holding, article_id in self.added
        )
        for holding in self.wordings_changed.values():
            OfficeHolding.objects.filter(pk=holding.pk).update(wordings=holding.wordings)
        new_ids = {id(h) for h in self.new}
        recount = []
        for key, holding in self.touched.items():
            if key in new_ids:
                continue
            if key in self.needs_recount or holding.corrected_fields:
                recount.append(holding)
            else:  # it only gained articles: the span can only widen
                days = [d for d in self.days_added[key] if d is not None]
                if days:
                    self._set_span(holding, earliest(holding.first_seen, *days), latest(holding.last_seen, *days))
        self._recount(recount)

    def _recount(self, holdings: list[OfficeHolding]) -> None:
        if not holdings:
            return
        seen = {
            row["officeholding_id"]: row
            for row in self.Through.objects.filter(officeholding_id__in=[h.pk for h in holdings])
            .values("officeholding_id")
            .annotate(
                count=Count("article_id"),
                first=Min(_day_expression("article__")),
                last=Max(_day_expression("article__")),
            )
        }
        for holding in holdings:
            row = seen.get(holding.pk)
            if row is None:
                if not holding.corrected_fields:
                    office = holding.office
                    holding.delete()
                    drop_if_unused(office)
                continue
            self._set_span(holding, row["first"], row["last"])

    @staticmethod
    def _set_span(holding: OfficeHolding, first, last) -> None:
        span = {"first_seen": first, "last_seen": last}
        span = {
            name: day for name, day in span.items() if not holding.is_locked(name) and getattr(holding, name) != day
        }
        for name, day in span.items():
            setattr(holding, name, day)
        if span:
            holding.save(update_fields=list(span))


def earliest(*days):
    """The earliest of the known days (None when none is known)."""
    known = [d for d in days if d is not None]
    return min(known) if known else None


def latest(*days):
    """The latest of the known days (None when none is known)."""
    known = [d for d in days if d is not None]
    return max(known) if known else None


def unique_wordings(texts: list[str]) -> list[str]:
    """Each wording once, in the order first seen; compared case- and space-insensitively."""
    known, wordings = set(), []
    for text in texts:
        key = _wording_key(text)
        if key not in known:
            known.add(key)
            wordings.append(" ".join(text.split()))
    return wordings


def add_wordings(holding: OfficeHolding, texts: list[str]) -> None:
    """Keep each new wording once (see unique_wordings), saving the holding when they changed."""
    wordings = unique_wordings(texts)
    if wordings != holding.wordings:
        OfficeHolding.objects.filter(pk=holding.pk).update(wordings=wordings)
        holding.wordings = wordings


def _wording_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def refresh_holding_span(holding: OfficeHolding) -> None:
    """First and last date seen, from the articles showing the holding; drop it when none is left.

    Dates an editor corrected stay, and so does a corrected holding no article shows any more.
    """
    day = _day_expression()
    seen = holding.articles.aggregate(count=Count("pk"), first=Min(day), last=Max(day))
    if not seen["count"]:
        if not holding.corrected_fields:
            holding.delete()
            drop_if_unused(holding.office)
        return
    Holdings._set_span(holding, seen["first"], seen["last"])


def drop_if_unused(office: Office) -> None:
    """Delete an office the machine made once nothing shows it any more (a re-extraction renamed it)."""
    if office.corrected_fields or office.holdings.exists() or office.participations.exists():
        return
    office.delete()


# Meetings -------------------------------------------------------------------------------------


def meeting_key(record: MeetingRecord) -> str:
    return f"{record.kind}|" + "+".join(sorted(person_key(name) for name in record.participants))


def _record_day(record: MeetingRecord):
    return record.date.value if record.date.precision == DAY and record.date.value is not None else None


@dataclass
class MeetingState:
    meeting: Meeting
    participants: list[tuple]  # (position, name, person, office, office text), as stored now
    participant_keys: set[str]
    articles: set[int]
    new: bool = False
    sequence: int = 0  # creation order of a new meeting
    saved_fields: bool = False
    participants_replaced: bool = False
    deleted: bool = False


class Meetings:
    """The meetings a batch may update, join or detach, with their participants and articles."""

    Through = Meeting.articles.through

    def __init__(self, article_ids: set[int], records: list[MeetingRecord]):
        self.states: dict[int, MeetingState] = {}
        self.new_states: list[MeetingState] = []
        self.by_article: dict[int, list[MeetingState]] = defaultdict(list)
        links = list(self.Through.objects.filter(article_id__in=article_ids).values_list("meeting_id", "article_id"))
        same_day = Q()
        for pair in {(day, record.kind) for record in records if (day := _record_day(record)) is not None}:
            same_day |= Q(date=pair[0], date_precision=DAY, kind=pair[1])
        wanted = Q(pk__in={meeting_id for meeting_id, _ in links})
        if same_day:
            wanted |= same_day
        meetings = Meeting.objects.filter(wanted).prefetch_related("participants__person")
        for meeting in meetings:
            participants = sorted(meeting.participants.all(), key=lambda p: (p.position, p.pk))
            self.states[meeting.pk] = MeetingState(
                meeting,
                [(p.position, p.name_as_written, p.person, p.office_id, p.office_as_written) for p in participants],
                {person_key(p.display_name) for p in participants},
                set(),
            )
        for meeting_id, article_id in self.Through.objects.filter(meeting_id__in=list(self.states)).values_list(
            "meeting_id", "article_id"
        ):
            self.states[meeting_id].articles.add(article_id)
        for meeting_id, article_id in links:
            self.by_article[article_id].append(self.states[meeting_id])
        self.links_added: list[tuple[MeetingState, int]] = []
        self.links_removed: list[tuple[int, int]] = []

    def existing_for(self, article_id: int | None) -> dict[str, MeetingState]:
        states = self.by_article.get(article_id, []) if article_id is not None else []
        return {state.meeting.machine_key: state for state in states if state.meeting.machine_key}

    def find_same(self, record: MeetingRecord) -> MeetingState | None:
        """A meeting another article already reported: same kind, same day, same people; the newest."""
        day = _record_day(record)
        if day is None:
            return None
        wanted = {person_key(name) for name in record.participants}
        candidates = [
            state
            for state in [*self.states.values(), *self.new_states]
            if not state.deleted
            and state.meeting.date == day
            and state.meeting.date_precision == DAY
            and state.meeting.kind == record.kind
        ]
        candidates.sort(key=lambda s: (s.new, s.sequence if s.new else s.meeting.pk), reverse=True)
        return next((state for state in candidates if state.participant_keys == wanted), None)

    def create(self, key: str) -> MeetingState:
        state = MeetingState(Meeting(machine_key=key), [], set(), set(), new=True, sequence=len(self.new_states))
        self.new_states.append(state)
        return state

    def link(self, state: MeetingState, article: Article) -> None:
        if article.pk in state.articles:
            return
        state.articles.add(article.pk)
        self.links_added.append((state, article.pk))

    def unlink(self, state: MeetingState, article: Article) -> None:
        state.articles.discard(article.pk)
        self.links_removed.append((state.meeting.pk, article.pk))
        if not state.articles:
            state.deleted = True

    def write(self) -> None:
        now = timezone.now()
        created = [s.meeting for s in self.new_states if not s.deleted]
        Meeting.objects.bulk_create(created)
        Meeting.history.bulk_history_create(created)
        updated = [s.meeting for s in self.states.values() if s.saved_fields and not s.deleted]
        for meeting in updated:
            meeting.updated_at = now
        if updated:
            update_rows(
                Meeting,
                updated,
                ["date", "date_precision", "date_how", "place", "kind", "status", "evidence", "updated_at"],
            )
            Meeting.history.bulk_history_create(updated, update=True)
        if self.links_removed:
            condition = Q()
            for meeting_id, article_id in self.links_removed:
                condition |= Q(meeting_id=meeting_id, article_id=article_id)
            self.Through.objects.filter(condition).delete()
        for state in self.states.values():
            if state.deleted:
                state.meeting.delete()
        self.Through.objects.bulk_create(
            self.Through(meeting_id=state.meeting.pk, article_id=article_id)
            for state, article_id in self.links_added
            if not state.deleted
        )
        replaced = [s for s in [*self.states.values(), *self.new_states] if s.participants_replaced and not s.deleted]
        old = [s.meeting.pk for s in replaced if not s.new]
        if old:
            MeetingParticipant.objects.filter(meeting_id__in=old).delete()
        MeetingParticipant.objects.bulk_create(
            MeetingParticipant(
                meeting=state.meeting,
                position=position,
                name_as_written=name,
                person=person,
                office=office,
                office_as_written=office_text,
            )
            for state in replaced
            for position, name, person, office, office_text in state.participants
        )


# The batch ------------------------------------------------------------------------------------


class BatchStore:
    def __init__(self, items: list[Item], *, reextract: bool, queue_index: bool):
        self.items = items
        self.reextract = reextract
        self.queue_index = queue_index
        self.day_before: dict[int, datetime.date | None] = {}

    def run(self) -> list[FileOutcome]:
        outcomes: list[FileOutcome | None] = [None] * len(self.items)
        writes = self._identify(outcomes)  # (position, item, article, created)
        if writes:
            self._write(writes, outcomes)
        for outcome, item in zip(outcomes, self.items, strict=True):
            outcome.warnings = [] if self.reextract else list(item.extracted.warnings)
        for outcome, article in self.duplicates_of_new:
            outcome.article_id = article.pk
        return outcomes

    # Which file is which article --------------------------------------------------------------

    def _identify(self, outcomes) -> list[tuple[int, Item, Article, bool]]:
        """What each file is, in order, as if stored one by one: a duplicate of another article's
        text, unchanged, or an article to create or update."""
        self.duplicates_of_new: list[tuple[FileOutcome, Article]] = []
        if self.reextract:
            return [(position, item, item.article, False) for position, item in enumerate(self.items)]
        names = [item.name for item in self.items]
        hashes = [item.content_hash for item in self.items]
        by_name = {article.source_file: article for article in Article.objects.filter(source_file__in=names)}
        # content hash -> (file name, article id or the new Article) of the article holding that text
        owners = {
            content_hash: (name, pk)
            for content_hash, name, pk in Article.objects.filter(content_hash__in=hashes).values_list(
                "content_hash", "source_file", "pk"
            )
        }
        writes = []
        for position, item in enumerate(self.items):
            owner = owners.get(item.content_hash)
            article = by_name.get(item.name)
            if owner is not None and owner[0] != item.name:
                name, holder = owner
                outcomes[position] = FileOutcome(item.name, DUPLICATE, f"same text as {name}")
                if isinstance(holder, Article):
                    self.duplicates_of_new.append((outcomes[position], holder))
                else:
                    outcomes[position].article_id = holder
                continue
            if (
                article is not None
                and article.content_hash == item.content_hash
                and article.extractor_version == item.extracted.extractor_version
            ):
                outcomes[position] = FileOutcome(item.name, UNCHANGED, article_id=article.pk)
                continue
            created = article is None
            if created:
                article = Article(source_file=item.name)
                by_name[item.name] = article
            elif owners.get(article.content_hash, ("",))[0] == item.name:
                del owners[article.content_hash]  # its old text is free again
            owners[item.content_hash] = (item.name, article)
            writes.append((position, item, article, created))
        return writes

    # Writing ----------------------------------------------------------------------------------

    def _write(self, writes, outcomes) -> None:
        updated_ids = {article.pk for _, _, article, created in writes if not created}
        mentions_wanted = [item.extracted.people for _, item, article, _ in writes if not article.is_locked("people")]
        records = [
            record
            for _, item, article, _ in writes
            if not article.is_locked("meetings")
            for record in item.extracted.meetings
        ]
        keys: set[str] = set()
        office_keys: set[str] = set()
        for people in mentions_wanted:
            for mention in people:
                keys.add(mention.key or person_key(mention.name))
                keys.update(person_key(s) for s in (mention.name, *mention.aliases_seen))
                office_keys.update(office_key(office)[0] for office in mention.offices)
        for record in records:
            keys.update(person_key(name) for name in record.participants)
        self.people = People(keys)
        self.offices = Offices(office_keys)
        self.holdings = Holdings(
            {p.pk for persons in self.people.by_key.values() for p in persons},
            {office.pk for office in self.offices.by_key.values()},
            updated_ids,
        )
        self.meetings = Meetings(updated_ids, records)
        self.old_mentions = defaultdict(list)
        for mention in Mention.objects.filter(article_id__in=updated_ids).order_by("pk"):
            self.old_mentions[mention.article_id].append(mention)
        self.old_photos = defaultdict(list)
        for photo in Photo.objects.filter(article_id__in=updated_ids):
            self.old_photos[photo.article_id].append(photo)

        changes = [self._apply_fields(article, item) for _, item, article, _ in writes]
        self._save_articles(writes, changes)
        self.photo_rows, self.photos_dropped, self.photos_updated = [], [], []
        self.mention_rows, self.mentions_dropped = [], set()
        for (_, item, article, created), changed in zip(writes, changes, strict=True):
            article_id = None if created else article.pk
            if not article.is_locked("photos") and self._apply_photos(article, item.extracted, article_id):
                changed.append("photos")
            if not article.is_locked("people") and self._apply_people(article, item.extracted, article_id):
                changed.append("people")
            if not article.is_locked("meetings") and self._apply_meetings(article, item.extracted, article_id):
                changed.append("meetings")
        self._write_children()

        indexed = []
        for (position, item, article, created), changed in zip(writes, changes, strict=True):
            status = CREATED if created else (UPDATED if changed or not self.reextract else UNCHANGED)
            outcomes[position] = FileOutcome(item.name, status, changed_fields=changed, article_id=article.pk)
            if status in (CREATED, UPDATED):
                indexed.append(article.pk)
        if self.queue_index:
            indexed += self._shown_elsewhere(set(indexed))
        if self.queue_index and indexed:
            # In this transaction: the search app queues them with the rows (nothing lost if the import dies).
            signals.articles_stored.send(sender=Article, article_ids=indexed)

    def _shown_elsewhere(self, queued: set[int]) -> list[int]:
        """Articles of earlier batches whose search documents show what this batch changed: a person's
        name (the diacritic spelling arriving later), country or party, a shared meeting's place, date,
        kind or participants. Without them the index keeps the old spelling as another person."""
        person_ids = [person.pk for person in self.people.changed.values()]
        meeting_ids = [
            state.meeting.pk
            for state in self.meetings.states.values()
            if (state.saved_fields or state.participants_replaced) and not state.deleted and not state.new
        ]
        articles: set[int] = set()
        if person_ids:
            articles.update(Mention.objects.filter(person_id__in=person_ids).values_list("article_id", flat=True))
        if meeting_ids:
            through = Meeting.articles.through.objects.filter(meeting_id__in=meeting_ids)
            articles.update(through.values_list("article_id", flat=True))
        return sorted(articles - queued)

    def _apply_fields(self, article: Article, item: Item) -> list[str]:
        extracted = item.extracted
        changed: list[str] = []
        self.day_before[id(article)] = article_day(article) if article.pk is not None else None
        groups = {
            "title": {"title": fit(Article, "title", extracted.title), "title_generated": extracted.title_generated},
            "standfirst": {"standfirst": extracted.standfirst},
            "body": {"body": extracted.body},
            "dateline": {"dateline": fit(Article, "dateline", extracted.dateline)},
            "credit": {"credit": fit(Article, "credit", extracted.credit)},
            "published": {"published": extracted.published},
            "date": {
                "event_date": extracted.date.value if extracted.date.precision != UNKNOWN else None,
                "date_precision": extracted.date.precision if extracted.date.value else UNKNOWN,
                "date_how": fit(Article, "date_how", extracted.date.how),
                # A teaser or a page saved in part is flagged like an unsettled date: an editor looks at it.
                "needs_review": extracted.date.needs_review or bool(extracted.review_reasons),
            },
        }
        for group, values in groups.items():
            if not article.is_locked(group):
                set_fields(article, values, changed)
        set_fields(
            article,
            {
                "raw_text": item.raw_text,
                "content_hash": item.content_hash,
                "canonical_url": fit(Article, "canonical_url", extracted.canonical_url),
                "extractor_version": extracted.extractor_version,
                "boilerplate_removed": [
                    {"text": block.text, "rule": block.rule} for block in extracted.boilerplate_removed
                ],
                "import_warnings": [
                    *extracted.warnings,
                    *(f"to review: {reason}" for reason in extracted.review_reasons),
                ],
            },
            changed,
        )
        return changed

    def _save_articles(self, writes, changes) -> None:
        new = [article for _, _, article, created in writes if created]
        slugs = Slugs(Article)
        slugs.prefetch(article.title for article in new)
        for article in new:
            article.slug = slugs.allocate(article.title)
        Article.objects.bulk_create(new)
        Article.history.bulk_history_create(new)
        updated = [
            (article, changed)
            for (_, _, article, created), changed in zip(writes, changes, strict=True)
            if not created and changed
        ]
        if updated:
            now = timezone.now()
            fields = sorted({name for _, changed in updated for name in changed} | {"updated_at"})
            for article, _ in updated:
                article.updated_at = now
            update_rows(Article, [article for article, _ in updated], fields)
            Article.history.bulk_history_create([article for article, _ in updated], update=True)

    # Photos -----------------------------------------------------------------------------------

    def _apply_photos(self, article: Article, extracted: ExtractedArticle, article_id) -> bool:
        """Machine captions by position; rows with an uploaded image or added by an editor are kept."""
        existing = {photo.position: photo for photo in self.old_photos.get(article_id, [])}
        changed = False
        for position, photo in enumerate(extracted.photos):
            row = existing.pop(position, None)
            credit = fit(Photo, "credit", photo.credit)
            if row is None:
                self.photo_rows.append(Photo(article=article, position=position, caption=photo.caption, credit=credit))
                changed = True
            elif not row.added_by_editor and (row.caption, row.credit) != (photo.caption, credit):
                row.caption, row.credit = photo.caption, credit
                self.photos_updated.append(row)
                changed = True
        for row in existing.values():
            if not row.added_by_editor and not row.image:
                self.photos_dropped.append(row)
                changed = True
        return changed

    # People, offices, holdings ----------------------------------------------------------------

    def _apply_people(self, article: Article, extracted: ExtractedArticle, article_id) -> bool:
        """Replace the article's mentions and office evidence with the extraction's."""
        old_mentions = self.old_mentions.get(article_id, [])
        before = sorted(
            (m.person_id, m.count, tuple(m.offices_as_written), tuple(m.aliases_seen)) for m in old_mentions
        )
        old_holdings = self.holdings.links_before.get(article_id, []) if article_id is not None else []
        # An office an editor corrected stays the office of the wordings it was read from: the
        # machine's reading of them must not come back beside it.
        corrected_offices = {
            (holding.person_id, _wording_key(text)): holding
            for holding in old_holdings
            if holding.is_locked("office")
            for text in holding.wordings
        }
        mentions, shown_by, wordings = [], {}, {}
        for mention in extracted.people:
            person = self.people.resolve(mention)
            mentions.append(
                Mention(
                    article=article,
                    person=person,
                    name_as_written=fit(Mention, "name_as_written", mention.name),
                    count=mention.count,
                    country=fit(Mention, "country", mention.country),
                    offices_as_written=[office.text for office in mention.offices],
                    aliases_seen=list(mention.aliases_seen),
                )
            )
            for office_mention in mention.offices:
                holding = None
                if person.pk is not None:
                    holding = corrected_offices.get((person.pk, _wording_key(office_mention.text)))
                if holding is None:
                    holding = self.holdings.get_or_create(person, self.offices.resolve(office_mention))
                shown_by[id(holding)] = holding
                wordings.setdefault(id(holding), (holding, list(holding.wordings)))[1].append(office_mention.text)
        for holding, texts in wordings.values():
            self.holdings.set_wordings(holding, texts)
        day_changed = article_id is not None and self.day_before.get(id(article)) != article_day(article)
        self.holdings.relink(article, list(shown_by.values()), day_changed)

        def row(m):
            return (m.person_id if m.person_id else id(m.person), m.name_as_written, m.count, m.country)

        same_rows = [(*row(m), m.offices_as_written, m.aliases_seen) for m in old_mentions] == [
            (*row(m), m.offices_as_written, m.aliases_seen) for m in mentions
        ]
        if not same_rows:
            if article_id is not None:
                self.mentions_dropped.add(article_id)
            self.mention_rows.extend(mentions)
        after = sorted(
            (m.person.pk if m.person.pk else -1, m.count, tuple(m.offices_as_written), tuple(m.aliases_seen))
            for m in mentions
        )
        return before != after

    # Meetings ---------------------------------------------------------------------------------

    def _apply_meetings(self, article: Article, extracted: ExtractedArticle, article_id) -> bool:
        """Create, update or detach the article's meetings; corrected meetings are never removed."""
        people = {person_key(mention.name): mention for mention in extracted.people}
        existing = self.meetings.existing_for(article_id)
        changed = False
        seen_keys = set()
        for record in extracted.meetings:
            key = meeting_key(record)
            seen_keys.add(key)
            state = existing.get(key) or self.meetings.find_same(record)
            created_now = state is None
            if created_now:
                state = self.meetings.create(key)
                changed = True
            meeting = state.meeting
            values = {
                "date": {
                    "date": record.date.value if record.date.precision != UNKNOWN else None,
                    "date_precision": record.date.precision if record.date.value else UNKNOWN,
                    "date_how": fit(Meeting, "date_how", record.date.how),
                },
                "place": {"place": fit(Meeting, "place", record.place)},
                "kind": {"kind": record.kind},
                "status": {"status": record.status},
            }
            fields_changed: list[str] = []
            for group, group_values in values.items():
                if not meeting.is_locked(group):
                    set_fields(meeting, group_values, fields_changed)
            set_fields(meeting, {"evidence": record.evidence}, fields_changed)
            if fields_changed or created_now:
                if not state.new:
                    state.saved_fields = True
                changed = True
            if key not in existing:
                self.meetings.link(state, article)
                changed = True
            if not meeting.is_locked("participants") and self._replace_participants(state, record, people):
                changed = True
        for key, state in existing.items():
            if key not in seen_keys and not state.meeting.corrected_fields:
                self.meetings.unlink(state, article)
                changed = True
        return changed

    def _replace_participants(self, state: MeetingState, record: MeetingRecord, people) -> bool:
        wanted = []
        for position, name in enumerate(record.participants):
            mention = people.get(person_key(name))
            person = self.people.lookup(name)
            office_mention = mention.offices[0] if mention and mention.offices else None
            office = self.offices.resolve(office_mention) if office_mention else None
            office_text = (
                fit(MeetingParticipant, "office_as_written", "; ".join(o.text for o in mention.offices))
                if mention
                else ""
            )
            wanted.append((position, fit(MeetingParticipant, "name_as_written", name), person, office, office_text))

        def comparable(rows):
            return [
                (position, name, _identity(person), _identity(office), text)
                for position, name, person, office, text in rows
            ]

        if comparable(state.participants) == comparable(wanted):
            return False
        state.participants = wanted
        state.participant_keys = {person_key(person.name if person else name) for _, name, person, _, _ in wanted}
        state.participants_replaced = True
        return True

    def _write_children(self) -> None:
        # People and offices first: everything else points at them.
        self.people.write()
        self.offices.write()
        if self.photos_dropped:
            Photo.objects.filter(pk__in=[photo.pk for photo in self.photos_dropped]).delete()
        Photo.objects.bulk_create(self.photo_rows)
        Photo.history.bulk_history_create(self.photo_rows)
        if self.photos_updated:
            update_rows(Photo, self.photos_updated, ["caption", "credit"])
            Photo.history.bulk_history_create(self.photos_updated, update=True)
        if self.mentions_dropped:
            Mention.objects.filter(article_id__in=self.mentions_dropped).delete()
        Mention.objects.bulk_create(self.mention_rows)
        self.holdings.write()
        self.meetings.write()


def _identity(obj):
    """A row's identity whether it is saved yet or not (an int is a saved row's id)."""
    if obj is None or isinstance(obj, int):
        return obj
    return obj.pk if obj.pk is not None else ("new", id(obj))


def set_fields(obj, values: dict, changed: list[str]) -> None:
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
