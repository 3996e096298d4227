"""The archive's domain: articles and what they report (people, offices, meetings).

Shaped like Popolo/OpenStates: a Person holds an Office (a post in an organization) over dates seen
(OfficeHolding); a Meeting has participants who keep the name as the article wrote it plus a
nullable link to the resolved Person, so merging or deleting a person never loses the source text.

Machine-filled fields can be corrected by editors. Every corrected field name goes into the
object's `corrected_fields`, and the importer never writes a field listed there.
"""

from __future__ import annotations

import datetime

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords
from slugify import slugify

from .extraction.names import person_key, to_ascii
from .extraction.types import ANNOUNCED, DAY, HELD, MEETING_KINDS, MONTH, PRECISIONS, UNKNOWN, YEAR


class DatePrecision(models.TextChoices):
    DAY = DAY, "day"
    MONTH = MONTH, "month"
    YEAR = YEAR, "year"
    UNKNOWN = UNKNOWN, "unknown"


assert set(DatePrecision.values) == set(PRECISIONS)

MeetingKind = models.TextChoices("MeetingKind", [(k.replace(" ", "_").upper(), k) for k in MEETING_KINDS])


class MeetingStatus(models.TextChoices):
    HELD = HELD, "held"
    ANNOUNCED = ANNOUNCED, "announced"


def partial_date_iso(value: datetime.date | None, precision: str) -> str | None:
    """YYYY-MM-DD / YYYY-MM / YYYY by precision, None when unknown."""
    if value is None or precision == UNKNOWN:
        return None
    if precision == YEAR:
        return f"{value.year:04d}"
    if precision == MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def partial_date_label(value: datetime.date | None, precision: str) -> str:
    """The date as a reader should see it: '5 September 2023', 'April 2023', '2023', 'date unknown'."""
    if value is None or precision == UNKNOWN:
        return "date unknown"
    if precision == YEAR:
        return str(value.year)
    if precision == MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


def unique_slug(model, text: str, *, max_length: int = 80, exclude_pk=None) -> str:
    """An ASCII slug for `text`, suffixed -2, -3 ... until no other row of `model` has it."""
    base = slugify(to_ascii(text), max_length=max_length, word_boundary=True) or "item"
    candidate, n = base, 1
    taken = model._default_manager.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    while candidate in existing:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class Correctable(models.Model):
    """A row whose machine-filled fields editors may correct and lock."""

    corrected_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields an editor corrected. Re-import and re-extraction never overwrite them.",
    )

    class Meta:
        abstract = True

    def is_locked(self, field_name: str) -> bool:
        return field_name in self.corrected_fields

    def lock(self, *field_names: str) -> None:
        self.corrected_fields = sorted(set(self.corrected_fields) | set(field_names))

    def unlock(self, *field_names: str) -> None:
        self.corrected_fields = sorted(set(self.corrected_fields) - set(field_names))


class ArticleQuerySet(models.QuerySet):
    def dated(self):
        """Articles whose event date is known to at least the year."""
        return self.exclude(date_precision=UNKNOWN).exclude(event_date=None)

    def undated(self):
        return self.filter(Q(date_precision=UNKNOWN) | Q(event_date=None))

    def uncertain(self):
        """Articles whose date is unknown, imprecise or flagged for review."""
        return self.filter(Q(date_precision__in=[UNKNOWN, YEAR, MONTH]) | Q(needs_review=True))

    def in_year(self, year: int):
        return self.dated().filter(event_date__year=year)

    def in_month(self, year: int, month: int):
        return self.in_year(year).filter(event_date__month=month).exclude(date_precision=YEAR)

    def for_person(self, person):
        return self.filter(mentions__person=person).distinct()

    def for_pair(self, code: str, other: str):
        """Articles reporting a meeting between officials of the two countries (ISO codes)."""
        meetings = Meeting.objects.between(code, other)
        return self.filter(pk__in=Meeting.articles.through.objects.filter(meeting__in=meetings).values("article"))

    def needing_review(self):
        return self.filter(needs_review=True)

    def with_people(self):
        return self.prefetch_related(
            models.Prefetch("mentions", queryset=Mention.objects.select_related("person").order_by("-count", "pk"))
        )

    def newest_first(self):
        return self.order_by(models.F("event_date").desc(nulls_last=True), "-published", "-pk")


class Article(Correctable):
    """One imported news article: its clean text, provenance and extracted metadata."""

    # Fields an editor can correct (the importer skips them once corrected). "people", "meetings"
    # and "photos" stand for the article's mentions, meetings and photo captions as a whole.
    CORRECTABLE = (
        "title",
        "standfirst",
        "body",
        "dateline",
        "credit",
        "published",
        "date",
        "people",
        "meetings",
        "photos",
    )

    title = models.CharField(max_length=500)
    title_generated = models.BooleanField(default=False, help_text="Made from the text, not the source's own.")
    slug = models.SlugField(max_length=100, unique=True)
    standfirst = models.TextField(blank=True)
    body = models.TextField(help_text="Clean article text, paragraphs separated by blank lines.")
    raw_text = models.TextField(help_text="The text exactly as imported, for provenance and re-extraction.")
    source_file = models.CharField(max_length=500, unique=True, help_text="File path as imported.")
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the raw text.")
    # Only web addresses: this becomes the article's "Source" link.
    canonical_url = models.URLField(max_length=1000, blank=True, validators=[URLValidator(schemes=["http", "https"])])
    credit = models.CharField("outlet / credit", max_length=100, blank=True)
    dateline = models.CharField(max_length=100, blank=True)
    published = models.DateField(null=True, blank=True)
    event_date = models.DateField(
        null=True, blank=True, help_text="Day of the main event; only as precise as date_precision."
    )
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, default=UNKNOWN)
    date_how = models.CharField("date derived from", max_length=200, blank=True)
    needs_review = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=20, blank=True)
    boilerplate_removed = models.JSONField(default=list, blank=True)
    import_warnings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["raw_text", "boilerplate_removed"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [models.F("event_date").desc(nulls_last=True), "-pk"]
        indexes = [
            models.Index(fields=["event_date", "date_precision"], name="article_event_date_idx"),
            models.Index(fields=["published"], name="article_published_idx"),
            models.Index(fields=["credit"], name="article_credit_idx"),
            models.Index(fields=["needs_review"], name="article_needs_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision=UNKNOWN) | Q(event_date__isnull=False),
                name="article_dated_precision_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    @property
    def date_iso(self) -> str | None:
        return partial_date_iso(self.event_date, self.date_precision)

    @property
    def date_label(self) -> str:
        return partial_date_label(self.event_date, self.date_precision)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


def photo_upload_to(photo, filename):
    return f"photos/{photo.article_id}/{filename}"


class Photo(models.Model):
    """A photo caption of an article, with its credit and optionally the image itself."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    position = models.PositiveSmallIntegerField(default=0)
    caption = models.TextField()
    credit = models.CharField(max_length=200, blank=True)
    image = models.ImageField(upload_to=photo_upload_to, blank=True)
    thumbnail = models.ImageField(upload_to=photo_upload_to, blank=True, editable=False)
    added_by_editor = models.BooleanField(default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position", "pk"]

    def __str__(self):
        return self.caption[:80]


class PersonQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            article_count=Count("mentions__article", distinct=True),
            meeting_count=Count("participations__meeting", distinct=True),
        )

    def by_key_in(self, keys):
        """The people any of whose spellings has one of the name keys `keys` (no join: counts stay right)."""
        keys = list(keys)
        return self.filter(Q(name_key__in=keys) | Q(pk__in=PersonAlias.objects.filter(key__in=keys).values("person")))


class Person(Correctable):
    """A person named in the archive, under one display spelling (with diacritics where known)."""

    CORRECTABLE = ("name", "country", "party")

    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 code: VN, CN, LA ...")
    party = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["country", "name"], name="person_country_name_idx")]
        permissions = [("merge_person", "Can merge people")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = person_key(self.name)
        if not self.slug:
            self.slug = unique_slug(Person, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:person", kwargs={"slug": self.slug})


class PersonAlias(models.Model):
    """A spelling of a person's name seen in some source ("Luong Cuong" for Lương Cường)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="alias_unique_spelling")]
        indexes = [models.Index(fields=["key"], name="alias_key_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = person_key(self.name)
        super().save(*args, **kwargs)


class Office(Correctable):
    """A post in an organization ("Head" of "CPC Central Committee's International Department")."""

    CORRECTABLE = ("post", "organization", "country")

    post = models.CharField(max_length=200)
    organization = models.CharField(max_length=300, blank=True)
    country = models.CharField(max_length=2, blank=True)
    key = models.CharField(max_length=500, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organization", "post"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.key = self.make_key(self.post, self.organization, self.country)
        if not self.slug:
            # "member-politburo-vn" and "member-politburo-cn": the same words name two offices.
            source = f"{self.title} {self.country}" if self.country else self.title
            self.slug = unique_slug(Office, source, max_length=110, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:office", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return f"{self.post}, {self.organization}" if self.organization else self.post

    @staticmethod
    def make_key(post: str, organization: str, country: str = "") -> str:
        # A post in an organization is one office per country: a Politburo, a Ministry of Foreign
        # Affairs and a General Secretary exist in each.
        return f"{person_key(post)}|{person_key(organization)}|{country.upper()}"


class OfficeHolding(Correctable):
    """A person seen holding an office, between the first and last dated article that shows it."""

    # A corrected office keeps the wordings that read as it (see importing.apply_people).
    CORRECTABLE = ("office", "first_seen", "last_seen")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="holdings")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="holdings")
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    articles = models.ManyToManyField(Article, related_name="office_holdings", blank=True)
    # Every wording of the office in the articles ("Party chief" for "General Secretary, CPV"), so a
    # reader can check the office's one name against what was written.
    wordings = models.JSONField(default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", models.F("first_seen").asc(nulls_last=True)]
        constraints = [models.UniqueConstraint(fields=["person", "office"], name="holding_unique_person_office")]
        indexes = [models.Index(fields=["office", "first_seen"], name="holding_office_first_idx")]

    def __str__(self):
        return f"{self.person} — {self.office}"


class MeetingQuerySet(models.QuerySet):
    def with_participants(self):
        return self.prefetch_related(
            models.Prefetch(
                "participants",
                queryset=MeetingParticipant.objects.select_related("person", "office").order_by("position", "pk"),
            )
        )

    def dated(self):
        """Meetings whose date is known to at least the year."""
        return self.exclude(date_precision=UNKNOWN).exclude(date=None)

    def between(self, code: str, other: str):
        """Meetings with officials of both countries (ISO codes) among their participants."""
        meetings = self
        for country in (code, other):
            with_country = MeetingParticipant.objects.filter(person__country=country).values("meeting")
            meetings = meetings.filter(pk__in=with_country)
        return meetings

    def for_person(self, person):
        return self.filter(participants__person=person).distinct()


class Meeting(Correctable):
    """A meeting, talks, reception, call or visit between officials, as reported by articles."""

    CORRECTABLE = ("date", "place", "kind", "status", "participants")

    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, default=UNKNOWN)
    date_how = models.CharField("date derived from", max_length=200, blank=True)
    place = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=30, choices=MeetingKind.choices)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=HELD)
    evidence = models.TextField(blank=True, help_text="The sentence the meeting was read from.")
    articles = models.ManyToManyField(Article, related_name="meetings", blank=True)
    # Identity of the machine extraction this row came from, so a re-import updates the same row.
    machine_key = models.CharField(max_length=500, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "-pk"]
        indexes = [models.Index(fields=["date", "kind"], name="meeting_date_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision=UNKNOWN) | Q(date__isnull=False),
                name="meeting_dated_precision_has_date",
            ),
        ]

    def __str__(self):
        names = " – ".join(p.display_name for p in self.participants.all())
        return f"{self.get_kind_display()}: {names}" if names else self.get_kind_display()

    def get_absolute_url(self):
        return reverse("articles:meeting", kwargs={"pk": self.pk})

    @property
    def date_iso(self) -> str | None:
        return partial_date_iso(self.date, self.date_precision)

    @property
    def date_label(self) -> str:
        return partial_date_label(self.date, self.date_precision)


def _meeting_report_str(link) -> str:
    """How the admin labels a row linking a meeting to an article (Django's own: "Meeting_articles object (4)")."""
    meeting = link.meeting
    return f"{capfirst(meeting.get_kind_display())}, {meeting.date_label}"


Meeting.articles.through.__str__ = _meeting_report_str


class MeetingParticipant(models.Model):
    """One side's person in a meeting: the name as written, and who we resolved it to."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    position = models.PositiveSmallIntegerField(default=0)
    name_as_written = models.CharField(max_length=200)
    # SET_NULL: deleting a person must not delete what the article said happened.
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="participations")
    office = models.ForeignKey(
        Office,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
        help_text="The office held at the time of the meeting.",
    )
    office_as_written = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        indexes = [models.Index(fields=["person", "meeting"], name="participant_person_idx")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.name_as_written


class Mention(models.Model):
    """A person named in an article: how often, under which spellings and offices as written."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    name_as_written = models.CharField(max_length=200)
    # SET_NULL: a deleted person leaves the article's own words in place.
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentions")
    count = models.PositiveIntegerField(default=1)
    country = models.CharField(max_length=2, blank=True)
    offices_as_written = models.JSONField(default=list, blank=True)
    aliases_seen = models.JSONField(default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "-count", "pk"]
        indexes = [models.Index(fields=["person", "article"], name="mention_person_article_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person"], condition=Q(person__isnull=False), name="mention_unique_person"
            ),
        ]

    def __str__(self):
        times = "once" if self.count == 1 else f"{self.count} times"
        return f"{self.display_name}, named {times}"

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.name_as_written
