"""Files -> extraction -> models: identity, one transaction per file, correction locks, index batches.

The import service never parses text (that is `extraction`'s job) and never talks to Whoosh (it
queues changed articles for `search.indexing`). It is used by the `import_articles` command, the
admin's re-extract action and the benchmarks.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Count, F, Max, Min, Q, When
from tqdm import tqdm

from .extraction import pipeline
from .extraction.decoding import decode_bytes
from .extraction.names import has_diacritics, person_key
from .extraction.types import DAY, MONTH, UNKNOWN, ExtractedArticle, InputError, MeetingRecord, PersonMention
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
    unique_slug,
)

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm")
CREATED, UPDATED, UNCHANGED, DUPLICATE, FAILED = "created", "updated", "unchanged", "duplicate", "failed"
STATUSES = (CREATED, UPDATED, UNCHANGED, DUPLICATE, FAILED)
INDEX_BATCH_SIZE = 50
PROGRESS_BAR_FROM = 20  # files; smaller imports finish before a bar is worth drawing


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
class ImportReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == FAILED]

    @property
    def per_second(self) -> float:
        return len(self.outcomes) / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(status)} {status}" for status in STATUSES)
        prefix = "Dry run, nothing written: " if self.dry_run else ""
        return (
            f"{prefix}{len(self.outcomes)} files in {self.seconds:.1f} s ({self.per_second:.1f} articles/s): {counts}."
        )


@dataclass(frozen=True)
class SourceFile:
    path: Path
    name: str  # identity of the article: path relative to the folder given, or the file name


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[SourceFile | FileOutcome]:
    """Files to import under `paths`, in a stable order; unreadable paths come out as failures."""
    for given in paths:
        root = Path(given)
        if root.is_symlink() and not root.exists():
            yield FileOutcome(str(given), FAILED, "broken symbolic link")
        elif root.is_dir():
            for path in sorted(root.rglob("*")):
                relative = path.relative_to(root)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if path.is_symlink() and not path.exists():
                    yield FileOutcome(str(path), FAILED, "broken symbolic link")
                elif path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield SourceFile(path, relative.as_posix())
        elif root.is_file():
            if root.suffix.lower() in SUPPORTED_SUFFIXES:
                yield SourceFile(root, root.name)
            else:
                supported = ", ".join(SUPPORTED_SUFFIXES)
                yield FileOutcome(str(given), FAILED, f"unsupported file type {root.suffix!r} (expected {supported})")
        else:
            yield FileOutcome(str(given), FAILED, "no such file or folder")


def load_known_officials():
    from .extraction.officials import load_officials

    return load_officials()


def text_hash(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


class Importer:
    """Imports files and re-extracts stored articles; one instance per run."""

    def __init__(self, *, dry_run: bool = False, officials=None, max_bytes: int | None = None):
        self.dry_run = dry_run
        self.officials = officials if officials is not None else load_known_officials()
        self.max_bytes = max_bytes or settings.PORTAL_IMPORT_MAX_BYTES
        self.pending_index: list[int] = []

    # Files

    def import_file(self, source: SourceFile) -> FileOutcome:
        try:
            data = source.path.read_bytes()
            decoded = decode_bytes(data, source.name, max_bytes=self.max_bytes)
            unchanged = self.unchanged_article(source.name, decoded.text)
            if unchanged is not None:  # skip extraction, the costly part of a re-import
                return FileOutcome(source.name, UNCHANGED, article_id=unchanged, warnings=list(decoded.warnings))
            extracted = pipeline.extract_file(data, source.name, max_bytes=self.max_bytes, officials=self.officials)
        except InputError as error:
            return FileOutcome(source.name, FAILED, str(error))
        except OSError as error:
            return FileOutcome(source.name, FAILED, f"cannot read: {error.strerror or error}")
        except Exception as error:  # one bad file must never stop the rest of the import
            logger.exception("Extraction failed on %s", source.name)
            return FileOutcome(source.name, FAILED, f"extraction failed: {type(error).__name__}: {error}")
        return self.store(source.name, decoded.text, extracted)

    def unchanged_article(self, name: str, raw_text: str) -> int | None:
        """The id of the article already imported from this very text by this extractor version."""
        return (
            Article.objects.filter(
                source_file=name, content_hash=text_hash(raw_text), extractor_version=pipeline.EXTRACTOR_VERSION
            )
            .values_list("pk", flat=True)
            .first()
        )

    def store(self, name: str, raw_text: str, extracted: ExtractedArticle) -> FileOutcome:
        content_hash = text_hash(raw_text)
        try:
            with transaction.atomic():
                outcome = self._store(name, raw_text, content_hash, extracted)
                if self.dry_run:
                    transaction.set_rollback(True)
        except Exception as error:
            logger.exception("Storing %s failed", name)
            return FileOutcome(name, FAILED, f"could not be saved: {type(error).__name__}: {error}")
        outcome.warnings = list(extracted.warnings)
        if outcome.status in (CREATED, UPDATED) and not self.dry_run:
            self.pending_index.append(outcome.article_id)
        return outcome

    def _store(self, name, raw_text, content_hash, extracted) -> FileOutcome:
        article = Article.objects.filter(source_file=name).first()
        same_text = Article.objects.filter(content_hash=content_hash).exclude(source_file=name).first()
        if same_text is not None:
            return FileOutcome(name, DUPLICATE, f"same text as {same_text.source_file}", article_id=same_text.pk)
        if (
            article is not None
            and article.content_hash == content_hash
            and article.extractor_version == extracted.extractor_version
        ):
            return FileOutcome(name, UNCHANGED, article_id=article.pk)
        created = article is None
        if created:
            article = Article(source_file=name)
        changed = apply_extraction(article, extracted, raw_text=raw_text, content_hash=content_hash)
        return FileOutcome(name, CREATED if created else UPDATED, changed_fields=changed, article_id=article.pk)

    # Stored articles

    def reextract(self, article: Article) -> FileOutcome:
        try:
            extracted = pipeline.extract_file(
                article.raw_text.encode("utf-8"),
                article.source_file,
                max_bytes=10 * len(article.raw_text) + 1024,
                officials=self.officials,
            )
        except InputError as error:
            return FileOutcome(article.source_file, FAILED, str(error), article_id=article.pk)
        except Exception as error:
            logger.exception("Re-extraction failed on %s", article.source_file)
            return FileOutcome(article.source_file, FAILED, f"extraction failed: {type(error).__name__}: {error}")
        try:
            with transaction.atomic():
                changed = apply_extraction(
                    article, extracted, raw_text=article.raw_text, content_hash=article.content_hash
                )
                if self.dry_run:
                    transaction.set_rollback(True)
        except Exception as error:
            logger.exception("Storing re-extraction of %s failed", article.source_file)
            return FileOutcome(article.source_file, FAILED, f"could not be saved: {type(error).__name__}: {error}")
        status = UPDATED if changed else UNCHANGED
        if status == UPDATED and not self.dry_run:
            self.pending_index.append(article.pk)
        return FileOutcome(article.source_file, status, changed_fields=changed, article_id=article.pk)

    # Index

    def flush_index(self) -> None:
        if self.pending_index and not self.dry_run:
            from search import indexing

            indexing.queue_articles(self.pending_index)
            indexing.process_queue()
        self.pending_index = []


def run_batches(importer: Importer, handle, items: list, *, progress: bool, description: str) -> ImportReport:
    """Call `handle` on each item, bringing the search index up to date after every batch."""
    report = ImportReport()
    started = time.perf_counter()
    bar = tqdm(total=len(items), desc=description, unit="file", disable=not progress or len(items) < PROGRESS_BAR_FROM)
    with bar:
        for position, item in enumerate(items, start=1):
            report.outcomes.append(handle(item))
            bar.update(1)
            if position % INDEX_BATCH_SIZE == 0:
                importer.flush_index()
        importer.flush_index()
    report.seconds = time.perf_counter() - started
    return report


def import_paths(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    progress: bool = False,
    officials=None,
    max_bytes: int | None = None,
) -> ImportReport:
    """Import every supported file under `paths`; bad files are reported, the rest go on."""
    importer = Importer(dry_run=dry_run, officials=officials, max_bytes=max_bytes)
    found = list(iter_source_files(paths))
    unreadable = [item for item in found if isinstance(item, FileOutcome)]
    sources = [item for item in found if isinstance(item, SourceFile)]
    report = run_batches(importer, importer.import_file, sources, progress=progress, description="Importing")
    report.outcomes[:0] = unreadable
    report.dry_run = dry_run
    return report


def reextract_articles(articles=None, *, dry_run: bool = False, progress: bool = False, officials=None) -> ImportReport:
    """Run extraction again on the stored raw text of `articles` (all by default); corrections kept."""
    importer = Importer(dry_run=dry_run, officials=officials)
    queryset = Article.objects.all() if articles is None else articles
    report = run_batches(
        importer, importer.reextract, list(queryset.order_by("pk")), progress=progress, description="Re-extracting"
    )
    report.dry_run = dry_run
    return report


# Applying an extraction to the models


def set_fields(obj, values: dict, changed: list[str]) -> None:
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)


def apply_extraction(article: Article, extracted: ExtractedArticle, *, raw_text: str, content_hash: str) -> list[str]:
    """Write `extracted` into `article` and its children, skipping every field an editor corrected.

    Returns the names of the fields that changed (empty when the extraction changed nothing).
    """
    changed: list[str] = []
    groups = {
        "title": {"title": extracted.title[:500], "title_generated": extracted.title_generated},
        "standfirst": {"standfirst": extracted.standfirst},
        "body": {"body": extracted.body},
        "dateline": {"dateline": (extracted.dateline or "")[:100]},
        "credit": {"credit": (extracted.credit or "")[:100]},
        "published": {"published": extracted.published},
        "date": {
            "event_date": extracted.date.value if extracted.date.precision != UNKNOWN else None,
            "date_precision": extracted.date.precision if extracted.date.value else UNKNOWN,
            "date_how": extracted.date.how[:200],
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
            "raw_text": raw_text,
            "content_hash": content_hash,
            "canonical_url": extracted.canonical_url[:1000],
            "extractor_version": extracted.extractor_version,
            "boilerplate_removed": [
                {"text": block.text, "rule": block.rule} for block in extracted.boilerplate_removed
            ],
            "import_warnings": [*extracted.warnings, *(f"to review: {reason}" for reason in extracted.review_reasons)],
        },
        changed,
    )
    if not article.slug:
        article.slug = unique_slug(Article, article.title)
    if changed or article.pk is None:
        article.save()
    if not article.is_locked("photos") and apply_photos(article, extracted):
        changed.append("photos")
    if not article.is_locked("people") and apply_people(article, extracted):
        changed.append("people")
    if not article.is_locked("meetings") and apply_meetings(article, extracted):
        changed.append("meetings")
    return changed


def apply_photos(article: Article, extracted: ExtractedArticle) -> bool:
    """Machine captions by position; rows with an uploaded image or added by an editor are kept."""
    existing = {photo.position: photo for photo in article.photos.all()}
    changed = False
    for position, photo in enumerate(extracted.photos):
        row = existing.pop(position, None)
        if row is None:
            Photo.objects.create(article=article, position=position, caption=photo.caption, credit=photo.credit[:200])
            changed = True
        elif not row.added_by_editor and (row.caption, row.credit) != (photo.caption, photo.credit[:200]):
            row.caption, row.credit = photo.caption, photo.credit[:200]
            row.save(update_fields=["caption", "credit"])
            changed = True
    for row in existing.values():
        if not row.added_by_editor and not row.image:
            row.delete()
            changed = True
    return changed


def resolve_person(mention: PersonMention) -> Person:
    """The Person behind a mention, by any spelling; created when none matches."""
    spellings = [mention.name, *mention.aliases_seen]
    keys = {mention.key or person_key(mention.name), *(person_key(s) for s in spellings)}
    person = Person.objects.filter(Q(name_key__in=keys) | Q(aliases__key__in=keys)).order_by("pk").first()
    if person is None:
        person = Person.objects.create(name=mention.name, country=mention.country or "", party=mention.party[:50])
    else:
        updates = {}
        if (
            not person.is_locked("name")
            and has_diacritics(mention.name)
            and not has_diacritics(person.name)
            and person_key(mention.name) == person.name_key
        ):
            updates["name"] = mention.name  # keep the diacritic spelling wherever any source has it
        if not person.country and mention.country and not person.is_locked("country"):
            updates["country"] = mention.country
        if not person.party and mention.party and not person.is_locked("party"):
            updates["party"] = mention.party[:50]
        if updates:
            if "name" in updates:
                PersonAlias.objects.get_or_create(person=person, name=person.name)
            for name, value in updates.items():
                setattr(person, name, value)
            person.save()
    known = set(person.aliases.values_list("name", flat=True)) | {person.name}
    for spelling in dict.fromkeys(spellings):
        if spelling and spelling not in known:
            PersonAlias.objects.create(person=person, name=spelling[:200])
    return person


def resolve_office(office_mention) -> Office:
    key = Office.make_key(office_mention.post, office_mention.organization, office_mention.country or "")
    office = Office.objects.filter(key=key).first()
    if office is None:
        office = Office.objects.create(
            post=office_mention.post[:200],
            organization=office_mention.organization[:300],
            country=office_mention.country or "",
        )
    return office


def apply_people(article: Article, extracted: ExtractedArticle) -> bool:
    """Replace the article's mentions and office evidence with the extraction's."""
    before = sorted(
        (m.person_id, m.count, tuple(m.offices_as_written), tuple(m.aliases_seen)) for m in article.mentions.all()
    )
    old_holdings = list(OfficeHolding.objects.filter(articles=article))
    article.mentions.all().delete()
    for holding in old_holdings:
        holding.articles.remove(article)
    wordings: dict[OfficeHolding, list[str]] = {}
    # An office an editor corrected stays the office of the wordings it was read from: the machine's
    # reading of them must not come back beside it.
    corrected_offices = {
        (holding.person_id, _wording_key(text)): holding
        for holding in old_holdings
        if holding.is_locked("office")
        for text in holding.wordings
    }

    mentions, touched = [], set(old_holdings)
    for mention in extracted.people:
        person = resolve_person(mention)
        mentions.append(
            Mention(
                article=article,
                person=person,
                name_as_written=mention.name[:200],
                count=mention.count,
                country=mention.country or "",
                offices_as_written=[office.text for office in mention.offices],
                aliases_seen=list(mention.aliases_seen),
            )
        )
        for office_mention in mention.offices:
            holding = corrected_offices.get((person.pk, _wording_key(office_mention.text)))
            if holding is None:
                holding, _ = OfficeHolding.objects.get_or_create(person=person, office=resolve_office(office_mention))
            holding.articles.add(article)
            touched.add(holding)
            wordings.setdefault(holding, list(holding.wordings)).append(office_mention.text)
    Mention.objects.bulk_create(mentions)
    for holding, texts in wordings.items():
        add_wordings(holding, texts)
    for holding in touched:
        refresh_holding_span(holding)
    after = sorted((m.person_id, m.count, tuple(m.offices_as_written), tuple(m.aliases_seen)) for m in mentions)
    return before != after


def add_wordings(holding: OfficeHolding, texts: list[str]) -> None:
    """Keep each new wording once, in the order first seen; compared case- and space-insensitively."""
    known, wordings = set(), []
    for text in texts:
        key = _wording_key(text)
        if key not in known:
            known.add(key)
            wordings.append(" ".join(text.split()))
    if wordings != holding.wordings:
        OfficeHolding.objects.filter(pk=holding.pk).update(wordings=wordings)
        holding.wordings = wordings


def _wording_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def refresh_holding_span(holding: OfficeHolding) -> None:
    """First and last date seen, from the articles showing the holding; drop it when none is left.

    Dates an editor corrected stay, and so does a corrected holding no article shows any more.
    """
    # In SQL: a holding of a head of state is shown by a large share of the archive.
    day = Case(
        When(event_date__isnull=False, date_precision__in=(DAY, MONTH), then=F("event_date")),
        default=F("published"),
    )
    seen = holding.articles.aggregate(count=Count("pk"), first=Min(day), last=Max(day))
    if not seen["count"]:
        if not holding.corrected_fields:
            holding.delete()
            drop_if_unused(holding.office)
        return
    span = {"first_seen": seen["first"], "last_seen": seen["last"]}
    # Only what moved: an unchanged span costs no write and no history row.
    span = {name: day for name, day in span.items() if not holding.is_locked(name) and getattr(holding, name) != day}
    for name, day in span.items():
        setattr(holding, name, day)
    if span:
        holding.save(update_fields=list(span))


def drop_if_unused(office: Office) -> None:
    """Delete an office the machine made once nothing shows it any more (a re-extraction renamed it)."""
    if office.corrected_fields or office.holdings.exists() or office.participations.exists():
        return
    office.delete()


def meeting_key(record: MeetingRecord) -> str:
    return f"{record.kind}|" + "+".join(sorted(person_key(name) for name in record.participants))


def apply_meetings(article: Article, extracted: ExtractedArticle) -> bool:
    """Create, update or detach the article's meetings; corrected meetings are never removed."""
    people = {person_key(mention.name): mention for mention in extracted.people}
    existing = {meeting.machine_key: meeting for meeting in article.meetings.all() if meeting.machine_key}
    changed = False
    seen_keys = set()
    for record in extracted.meetings:
        key = meeting_key(record)
        seen_keys.add(key)
        meeting = existing.get(key) or find_same_meeting(record)
        if meeting is None:
            meeting = Meeting(machine_key=key)
            changed = True
        values = {
            "date": {
                "date": record.date.value if record.date.precision != UNKNOWN else None,
                "date_precision": record.date.precision if record.date.value else UNKNOWN,
                "date_how": record.date.how[:200],
            },
            "place": {"place": (record.place or "")[:200]},
            "kind": {"kind": record.kind},
            "status": {"status": record.status},
        }
        fields_changed: list[str] = []
        for group, group_values in values.items():
            if not meeting.is_locked(group):
                set_fields(meeting, group_values, fields_changed)
        set_fields(meeting, {"evidence": record.evidence}, fields_changed)
        if fields_changed or meeting.pk is None:
            meeting.save()
            changed = True
        if key not in existing:
            meeting.articles.add(article)
            changed = True
        if not meeting.is_locked("participants") and replace_participants(meeting, record, people):
            changed = True
    for key, meeting in existing.items():
        if key not in seen_keys and not meeting.corrected_fields:
            meeting.articles.remove(article)
            if not meeting.articles.exists():
                meeting.delete()
            changed = True
    return changed


def find_same_meeting(record: MeetingRecord) -> Meeting | None:
    """A meeting another article already reported: same kind, same day, same people."""
    if record.date.precision != DAY or record.date.value is None:
        return None
    wanted = {person_key(name) for name in record.participants}
    candidates = Meeting.objects.filter(date=record.date.value, date_precision=DAY, kind=record.kind)
    for meeting in candidates.prefetch_related("participants__person"):
        keys = {person_key(p.display_name) for p in meeting.participants.all()}
        if keys == wanted:
            return meeting
    return None


def replace_participants(meeting: Meeting, record: MeetingRecord, people: dict[str, PersonMention]) -> bool:
    wanted = []
    for position, name in enumerate(record.participants):
        mention = people.get(person_key(name))
        person = Person.objects.by_key(name).order_by("pk").first()
        office_mention = mention.offices[0] if mention and mention.offices else None
        office = resolve_office(office_mention) if office_mention else None
        wanted.append(
            (position, name[:200], person, office, "; ".join(o.text for o in mention.offices)[:500] if mention else "")
        )
    current = [
        (p.position, p.name_as_written, p.person, p.office, p.office_as_written)
        for p in meeting.participants.all().order_by("position")
    ]
    if current == wanted:
        return False
    meeting.participants.all().delete()
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(
            meeting=meeting,
            position=position,
            name_as_written=name,
            person=person,
            office=office,
            office_as_written=office_text,
        )
        for position, name, person, office, office_text in wanted
    )
    return True
