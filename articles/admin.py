"""The editors' admin: corrections that survive re-import, the review queue, merging people, history.

Every change an editor saves locks the corrected fields (articles.corrections) so the importer
leaves them alone; the "Corrections" box of a change form shows the locks and unlocks them.
Changelists prefetch what their columns show, so their query count does not grow with the rows.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .corrections import change_reason, fields_under_lock, lock_for_inline, record_corrections, reindex_articles
from .extraction.decoding import normalise_text
from .extraction.names import person_key
from .images import check_image, refresh_thumbnail
from .importing import UNCHANGED, UPDATED, reextract_articles
from .merging import MergeError, merge_people
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
from .scope import current_scope

# ----------------------------------------------------------------------------------------------
# Shared pieces


class NormalisedTextField(forms.CharField):
    """Text as the importer stores it: one newline convention, composed Unicode, no invisible characters.

    Browsers send a textarea's newlines as CRLF: saving any form used to rewrite every multi-line
    field and count it as an editor's correction. The value is normalised, and compared with the
    stored one normalised too, so only a real change is a change."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value) if isinstance(value, str) else value

    def has_changed(self, initial, data):
        return super().has_changed(normalise_text(initial) if isinstance(initial, str) else initial, data)


class NormalisedTextAdmin:
    """Every text field of the admin's forms (inlines' too) is a NormalisedTextField."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if type(db_field) in (models.CharField, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", NormalisedTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TabularInline(NormalisedTextAdmin, admin.TabularInline):
    pass


class StackedInline(NormalisedTextAdmin, admin.StackedInline):
    pass


class CorrectableForm(forms.ModelForm):
    """A model form with an "Unlock" checkbox for each field an editor has locked."""

    unlock = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Unlock",
        help_text="Tick a locked field to let re-import and re-extraction write it again.",
    )

    LOCKED_NOTE = "Locked by a correction: re-import and re-extraction keep this value."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unlock"].choices = [(name, name) for name in self.instance.corrected_fields]
        # Say so at each locked field too, not only in the Corrections box.
        for lock in self.instance.corrected_fields:
            for name in fields_under_lock(type(self.instance), lock) & set(self.fields):
                field = self.fields[name]
                field.help_text = f"{self.LOCKED_NOTE} {field.help_text}".strip()


def year_filter(field_name: str):
    """A list filter on the year of `field_name`, offering only the years present."""

    class YearFilter(admin.SimpleListFilter):
        title = "year"
        parameter_name = "year"

        def lookups(self, request, model_admin):
            days = model_admin.model._default_manager.dates(field_name, "year", order="DESC")
            return [(str(day.year), str(day.year)) for day in days]

        def queryset(self, request, queryset):
            value = self.value()
            if value and value.isdigit():
                return queryset.filter(**{f"{field_name}__year": int(value)})
            return queryset

    return YearFilter


class NameKeySearchMixin:
    """Search that also matches names accent-, case- and spacing-insensitively.

    "Truong Thi Mai" finds "Trương Thị Mai": each word of the query, folded by person_key, must
    occur in one of `name_key_lookups` (folded key columns). Rows matching the ordinary
    `search_fields` search are kept too.
    """

    name_key_lookups: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        words = [person_key(word) for word in search_term.split()]
        words = [word for word in words if word]
        if not words or not self.name_key_lookups:
            return super().get_search_results(request, queryset, search_term)
        all_rows = self.model._default_manager.all()
        plain, _ = super().get_search_results(request, all_rows, search_term)
        by_key = Q()
        for word in words:
            any_column = Q()
            for lookup in self.name_key_lookups:
                any_column |= Q(**{f"{lookup}__contains": word})
            by_key &= any_column
        # Subqueries keep the outer query free of joins, so no duplicate rows and no DISTINCT.
        matches = Q(pk__in=plain.values("pk")) | Q(pk__in=all_rows.filter(by_key).values("pk"))
        return queryset.filter(matches), False


class CorrectedFilter(admin.SimpleListFilter):
    """Rows an editor corrected (with at least one locked field), or rows as the machine left them."""

    title = "corrections"
    parameter_name = "corrected"

    def lookups(self, request, model_admin):
        return [("yes", "locked by a correction"), ("no", "as extracted")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(corrected_fields=[])
        if self.value() == "no":
            return queryset.filter(corrected_fields=[])
        return queryset


def locks_label(obj) -> str:
    return ", ".join(obj.corrected_fields) if obj and obj.corrected_fields else "—"


class CorrectionsAdmin(NormalisedTextAdmin, SimpleHistoryAdmin):
    """Records every corrected field as a lock, and honours the "Unlock" ticks of the form.

    Subclasses name, for each inline whose editing locks a set of this object, nothing more:
    articles.corrections.lock_for_inline knows which lock that is.
    """

    form = CorrectableForm
    # Django 6 makes https the default scheme of URL form fields; editors paste full URLs anyway.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), CorrectedFilter)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "locked_fields")

    @admin.display(description="locked fields")
    def locked_fields(self, obj):
        return locks_label(obj)

    def save_model(self, request, obj, form, change):
        unlocked = set(form.cleaned_data.get("unlock") or ())
        locked = record_corrections(obj, (name for name in form.changed_data if name != "unlock")) - unlocked
        obj.unlock(*unlocked)
        obj._change_reason = change_reason(locked, unlocked) if change else "Added by an editor"
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        unlocked = set(form.cleaned_data.get("unlock") or ())
        locks = {lock_for_inline(self.model, formset.model) for formset in formsets if formset_saved_changes(formset)}
        new_locks = locks - {None} - unlocked - set(obj.corrected_fields)
        if new_locks:
            obj.lock(*new_locks)
            obj._change_reason = change_reason(new_locks)
            obj.save()
        reindex_articles(self.affected_article_ids(obj))

    def delete_model(self, request, obj):
        article_ids = self.affected_article_ids(obj)
        super().delete_model(request, obj)
        reindex_articles(article_ids)

    def delete_queryset(self, request, queryset):
        article_ids = set()
        for obj in queryset:
            article_ids |= set(self.affected_article_ids(obj))
        super().delete_queryset(request, queryset)
        reindex_articles(article_ids)

    def affected_article_ids(self, obj) -> list[int]:
        """Articles whose search document shows `obj`."""
        raise NotImplementedError


def formset_saved_changes(formset) -> bool:
    return bool(formset.new_objects or formset.changed_objects or formset.deleted_objects)


class ParentLockAdmin(NormalisedTextAdmin, SimpleHistoryAdmin):
    """Admin of a child row (a mention, a participant, a photo): editing it locks its parent's whole set."""

    parent_field: str

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        parent_ids = {getattr(obj, f"{self.parent_field}_id"), form.initial.get(self.parent_field)}
        self.lock_parents(parent_ids - {None})

    def delete_model(self, request, obj):
        parent_id = getattr(obj, f"{self.parent_field}_id")
        super().delete_model(request, obj)
        self.lock_parents({parent_id})

    def delete_queryset(self, request, queryset):
        parent_ids = set(queryset.values_list(self.parent_field, flat=True))
        super().delete_queryset(request, queryset)
        self.lock_parents(parent_ids)

    def lock_parents(self, parent_ids) -> None:
        parent_model = self.model._meta.get_field(self.parent_field).related_model
        lock = lock_for_inline(parent_model, self.model)
        article_ids = set()
        for parent in parent_model._default_manager.filter(pk__in=parent_ids):
            if not parent.is_locked(lock):
                parent.lock(lock)
                parent._change_reason = change_reason([lock])
                parent.save()
            article_ids |= {parent.pk} if parent_model is Article else set(parent.articles.values_list("pk", flat=True))
        reindex_articles(article_ids)


class CompactInlineMixin:
    """Inline rows that fit the change form at 1280 px: a related object is picked from its search box
    (autocomplete), without the add/change/delete/view icons beside each one (its own admin page has
    them), and each row is labelled by what it is (the model's __str__) rather than "object (4)"."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        for flag in ("can_add_related", "can_change_related", "can_delete_related", "can_view_related"):
            if hasattr(widget, flag):
                setattr(widget, flag, False)
        return formfield


# ----------------------------------------------------------------------------------------------
# Photos


class PhotoForm(forms.ModelForm):
    """Checks an uploaded image with Pillow and keeps the thumbnail in step with it."""

    class Meta:
        model = Photo
        fields = ("article", "position", "caption", "credit", "image")

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            check_image(image)
        return image

    def save(self, commit=True):
        photo = super().save(commit=False)
        if photo._state.adding:
            photo.added_by_editor = True
        if "image" in self.changed_data:
            refresh_thumbnail(photo, self.cleaned_data.get("image") or None)
        if commit:
            photo.save()
            self._save_m2m()
        return photo


@admin.display(description="thumbnail")
def thumbnail_preview(photo) -> str:
    if not photo.thumbnail:
        return "—"
    return format_html('<img src="{}" alt="" class="thumbnail-preview">', photo.thumbnail.url)


class AdminStyles:
    # A stylesheet rather than style attributes, which the Content-Security-Policy forbids.
    css = {"all": ["css/admin.css"]}


class PhotoInline(StackedInline):
    model = Photo
    form = PhotoForm
    Media = AdminStyles
    extra = 0
    fields = ("position", "caption", "credit", "image", "thumbnail_preview", "added_by_editor")
    readonly_fields = ("thumbnail_preview", "added_by_editor")
    thumbnail_preview = staticmethod(thumbnail_preview)


@admin.register(Photo)
class PhotoAdmin(ParentLockAdmin):
    parent_field = "article"
    form = PhotoForm
    Media = AdminStyles
    list_display = ("caption_short", "article", "credit", "thumbnail_preview", "added_by_editor")
    list_select_related = ("article",)
    list_filter = ("added_by_editor",)
    search_fields = ("caption", "credit", "article__title")
    autocomplete_fields = ("article",)
    readonly_fields = ("thumbnail_preview", "added_by_editor")
    thumbnail_preview = staticmethod(thumbnail_preview)

    @admin.display(description="caption")
    def caption_short(self, photo):
        return str(photo)


# ----------------------------------------------------------------------------------------------
# Articles


class MentionInline(CompactInlineMixin, TabularInline):
    model = Mention
    extra = 0
    fields = ("name_as_written", "person", "count", "country")
    autocomplete_fields = ("person",)
    verbose_name = "person named"
    verbose_name_plural = "people named in the article"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class ArticleMeetingInline(CompactInlineMixin, TabularInline):
    model = Meeting.articles.through
    extra = 0
    verbose_name = "meeting reported"
    verbose_name_plural = "meetings reported"
    autocomplete_fields = ("meeting",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting")


class MentionedCountryFilter(admin.SimpleListFilter):
    title = "country of people named"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = Mention.objects.exclude(country="").values_list("country", flat=True).distinct().order_by("country")
        return [(code, code) for code in codes]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(pk__in=Mention.objects.filter(country=self.value()).values("article"))
        return queryset


@admin.register(Article)
class ArticleAdmin(NameKeySearchMixin, CorrectionsAdmin):
    # Few columns, so titles read on one or two lines at 1280 px: the precision shows in the date
    # ("April 2023"), the dateline on the change form.
    list_display = ("headline", "date", "outlet", "review_status", "people")
    list_filter = (
        "needs_review",
        year_filter("event_date"),
        ("credit", admin.AllValuesFieldListFilter),
        "date_precision",
        MentionedCountryFilter,
    )
    date_hierarchy = "event_date"
    search_fields = ("title", "standfirst", "credit", "dateline", "source_file")
    name_key_lookups = ("mentions__person__name_key", "mentions__person__aliases__key")
    readonly_fields = (
        "slug",
        "source_file",
        "content_hash",
        "extractor_version",
        "import_warnings",
        "reviewed_at",
        "created_at",
        "updated_at",
        "raw_text",
        "boilerplate_removed",
    )
    fieldsets = (
        (None, {"fields": ("title", "title_generated", "slug", "standfirst", "body")}),
        ("Date of the event", {"fields": ("event_date", "date_precision", "date_how", "needs_review", "reviewed_at")}),
        (
            "Source",
            {
                "fields": (
                    "credit",
                    "dateline",
                    "published",
                    "canonical_url",
                    "source_file",
                    "content_hash",
                    "extractor_version",
                    "import_warnings",
                )
            },
        ),
        (
            "Corrections",
            {
                "fields": ("locked_fields", "unlock"),
                "description": "Locked fields are never overwritten by re-import or re-extraction.",
            },
        ),
        (
            "As imported",
            {"classes": ("collapse",), "fields": ("raw_text", "boilerplate_removed", "created_at", "updated_at")},
        ),
    )
    inlines = (MentionInline, ArticleMeetingInline, PhotoInline)
    actions = ("mark_reviewed", "reextract")

    def get_queryset(self, request):
        return super().get_queryset(request).with_people()

    @admin.display(description="date", ordering="event_date")
    def date(self, article):
        return article.date_label

    @admin.display(description="people")
    def people(self, article):
        names = [mention.display_name for mention in article.mentions.all()]
        shown = ", ".join(names[:PEOPLE_IN_LIST])
        return f"{shown} and {len(names) - PEOPLE_IN_LIST} more" if len(names) > PEOPLE_IN_LIST else shown

    @admin.display(description="title", ordering="title")
    def headline(self, article):
        # At most two or three lines in the list; the whole title is in the tooltip and on the form.
        if len(article.title) <= TITLE_IN_LIST:
            return article.title
        return format_html(
            '<span title="{}">{}…</span>', article.title, article.title[:TITLE_IN_LIST].rsplit(" ", 1)[0]
        )

    @admin.display(description="outlet", ordering="credit")
    def outlet(self, article):
        return article.credit or "—"

    @admin.display(description="review and locks", ordering="needs_review")
    def review_status(self, article):
        # Words, not Django's boolean icons: a green tick beside "needs review" read as "fine".
        if article.needs_review:
            review = format_html('<span class="review-flag review-needed">{}</span>', "needs review")
        elif article.reviewed_at:
            day = timezone.localtime(article.reviewed_at).strftime("%d %b %Y")
            review = format_html('<span class="review-flag review-done">reviewed {}</span>', day)
        else:
            review = ""
        locks = (
            format_html('<span class="locks">locked: {}</span>', locks_label(article))
            if article.corrected_fields
            else ""
        )
        return format_html("{}{}", review, locks) if review or locks else "—"

    def affected_article_ids(self, article):
        return [article.pk]

    def save_model(self, request, obj, form, change):
        if "needs_review" in form.changed_data and not obj.needs_review:
            obj.reviewed_at = timezone.now()
        if "title" in form.changed_data and "title_generated" not in form.changed_data:
            obj.title_generated = False  # an editor wrote it: the text no longer speaks for it
        super().save_model(request, obj, form, change)

    # The review queue: articles whose date the importer could not settle.

    def get_urls(self):
        review = path(
            "review/", self.admin_site.admin_view(self.review_queue_view), name="articles_article_review_queue"
        )
        return [review, *super().get_urls()]

    def review_queue_view(self, request):
        changelist = reverse("admin:articles_article_changelist")
        return HttpResponseRedirect(f"{changelist}?needs_review__exact=1")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "awaiting_review": Article.objects.needing_review().count()}
        if request.GET.get("needs_review__exact") == "1":
            extra_context["title"] = "Review queue: articles whose date an editor should check"
            extra_context["subtitle"] = None
        return super().changelist_view(request, extra_context)

    @admin.action(description="Mark selected articles reviewed (keeps their date on re-import)", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        now = timezone.now()
        with transaction.atomic():
            articles = list(queryset)
            for article in articles:
                article.needs_review = False
                article.reviewed_at = now
                article.lock("date")
                article._change_reason = "Marked reviewed; date locked"
                article.save()
            reindex_articles(article.pk for article in articles)
        self.message_user(request, f"{len(articles)} article(s) marked reviewed; their date is locked.")

    @admin.action(description="Re-extract selected articles (corrections kept)", permissions=["change"])
    def reextract(self, request, queryset):
        report = reextract_articles(queryset)
        self.message_user(
            request,
            f"Re-extracted {len(report.outcomes)} article(s): {report.count(UPDATED)} changed, "
            f"{report.count(UNCHANGED)} unchanged, {len(report.failed)} failed. Locked fields were kept.",
        )
        for outcome in report.failed:
            self.message_user(request, f"{outcome.name}: {outcome.reason}", messages.ERROR)


# ----------------------------------------------------------------------------------------------
# People and offices


class PersonAliasInline(CompactInlineMixin, TabularInline):
    model = PersonAlias
    extra = 0
    fields = ("name",)


class OfficeHoldingForm(CorrectableForm):
    """A holding whose seen dates, once an editor sets them, are corrections the importer keeps."""

    class Meta:
        model = OfficeHolding
        fields = ("person", "office", "first_seen", "last_seen", "articles")

    def save(self, commit=True):
        holding = super().save(commit=False)
        unlocked = set(self.cleaned_data.get("unlock") or ())
        locked = record_corrections(holding, (name for name in self.changed_data if name != "unlock")) - unlocked
        holding.unlock(*unlocked)
        holding._change_reason = change_reason(locked, unlocked) if self.instance.pk else "Added by an editor"
        if commit:
            holding.save()
            self._save_m2m()
        return holding


class HoldingInlineMixin:
    form = OfficeHoldingForm
    extra = 0
    readonly_fields = ("locked_fields",)

    @admin.display(description="locked fields")
    def locked_fields(self, holding):
        return locks_label(holding)


class OfficeHoldingInline(CompactInlineMixin, HoldingInlineMixin, TabularInline):
    model = OfficeHolding
    fields = ("office", "first_seen", "last_seen", "locked_fields", "unlock")
    autocomplete_fields = ("office",)


class PersonForm(CorrectableForm):
    """A person's name must not fold to another person's key: the same person twice would be a duplicate
    (and the key is unique in the database), so the form says who already has it and offers a merge."""

    def clean_name(self):
        name = self.cleaned_data["name"]
        key = person_key(name)
        if not key:
            raise forms.ValidationError("A name needs at least one letter or digit.")
        existing = Person.objects.filter(name_key=key).exclude(pk=self.instance.pk).first()
        if existing is None:
            return name
        existing_link = format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_person_change", args=[existing.pk]), existing.name
        )
        if self.instance.pk is None:
            raise forms.ValidationError(
                format_html(
                    "{} is already in the archive under this name (spellings that differ only in accents, case "
                    "or spacing are the same name). Open that person to correct it or add this spelling as an "
                    'alias, or <a href="{}">merge people</a> after saving the other one under another name.',
                    existing_link,
                    reverse("admin:articles_person_changelist") + f"?q={key}",
                )
            )
        merge_url = reverse("admin:articles_person_merge") + f"?ids={existing.pk},{self.instance.pk}"
        raise forms.ValidationError(
            format_html(
                '{} already has this name. If they are the same person, <a href="{}">merge the two</a>.',
                existing_link,
                merge_url,
            )
        )


class OfficeForm(CorrectableForm):
    """An office's post, organization and country must not name another office (their key is unique)."""

    def clean(self):
        cleaned = super().clean()
        post, organization = cleaned.get("post"), cleaned.get("organization") or ""
        if post is None:
            return cleaned
        key = Office.make_key(post, organization, cleaned.get("country") or "")
        existing = Office.objects.filter(key=key).exclude(pk=self.instance.pk).first()
        if existing is not None:
            raise forms.ValidationError(
                format_html(
                    '<a href="{}">{}</a> is already this office (the same post, organization and country).',
                    reverse("admin:articles_office_change", args=[existing.pk]),
                    existing.title,
                )
            )
        return cleaned


class MergePeopleForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep",
        help_text="The others' names become aliases of this person; their mentions and meetings move to it.",
    )

    def __init__(self, people, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = people


@admin.register(Person)
class PersonAdmin(NameKeySearchMixin, CorrectionsAdmin):
    list_display = ("name", "country", "party", "alias_names", "article_count", "meeting_count", "locked_fields")
    list_filter = ("country", "party")
    search_fields = ("name", "aliases__name")
    name_key_lookups = ("name_key", "aliases__key")
    readonly_fields = ("name_key", "slug", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "country", "party", "name_key", "slug")}),
        ("Corrections", {"fields": ("locked_fields", "unlock")}),
        ("Record", {"classes": ("collapse",), "fields": ("created_at", "updated_at")}),
    )
    form = PersonForm
    inlines = (PersonAliasInline, OfficeHoldingInline)
    actions = ("merge_selected_people",)
    # The counts' GROUP BY drops Meta.ordering, which autocomplete's pagination relies on.
    ordering = ("name", "pk")

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_names(self, person):
        return ", ".join(alias.name for alias in person.aliases.all())

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, person):
        return person.article_count

    @admin.display(description="meetings", ordering="meeting_count")
    def meeting_count(self, person):
        return person.meeting_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        old_name = form.initial.get("name")
        if change and "name" in form.changed_data and old_name and old_name != form.instance.name:
            # The sources still spell the person the old way: as an alias it keeps finding them on
            # re-import instead of making a new person under the old spelling. (After the inlines,
            # so an alias the editor typed in the same save is not created twice.)
            PersonAlias.objects.get_or_create(person=form.instance, name=old_name)

    def affected_article_ids(self, person):
        return list(
            Article.objects.filter(Q(mentions__person=person) | Q(meetings__participants__person=person))
            .values_list("pk", flat=True)
            .distinct()
        )

    def has_merge_permission(self, request) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.merge_person")

    def get_urls(self):
        merge = path("merge/", self.admin_site.admin_view(self.merge_view), name="articles_person_merge")
        return [merge, *super().get_urls()]

    def merge_view(self, request):
        """The merge page for people given by id (?ids=3,7): where a name clash on a person's form links."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.strip().isdigit()]
        response = self.merge(request, Person.objects.filter(pk__in=ids), action_name=None)
        return response or HttpResponseRedirect(reverse("admin:articles_person_changelist"))

    @admin.action(description="Merge selected people", permissions=["merge"])
    def merge_selected_people(self, request, queryset):
        return self.merge(request, queryset, action_name="merge_selected_people")

    def merge(self, request, queryset, *, action_name: str | None):
        people = Person.objects.with_counts().filter(pk__in=queryset.values("pk")).prefetch_related("aliases")
        if people.count() < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        form = MergePeopleForm(people, request.POST if "merge" in request.POST else None)
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            try:
                report = merge_people(survivor, [p for p in people if p.pk != survivor.pk])
            except MergeError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(request, report.summary())
            return HttpResponseRedirect(reverse("admin:articles_person_change", args=[survivor.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge people",
            "opts": self.model._meta,
            "people": people,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action_name": action_name,  # None: the page posts back to itself, not to the list's actions
        }
        return TemplateResponse(request, "admin/articles/person/merge_people.html", context)


@admin.register(PersonAlias)
class PersonAliasAdmin(NameKeySearchMixin, NormalisedTextAdmin, admin.ModelAdmin):
    list_display = ("name", "person")
    list_select_related = ("person",)
    search_fields = ("name", "person__name")
    name_key_lookups = ("key", "person__name_key")
    autocomplete_fields = ("person",)
    readonly_fields = ("key",)


class OfficeHolderInline(CompactInlineMixin, HoldingInlineMixin, TabularInline):
    model = OfficeHolding
    fields = ("person", "first_seen", "last_seen", "locked_fields", "unlock")
    autocomplete_fields = ("person",)


@admin.register(Office)
class OfficeAdmin(CorrectionsAdmin):
    form = OfficeForm
    list_display = ("post", "organization", "country", "holder_count", "locked_fields")
    list_filter = ("country",)
    search_fields = ("post", "organization")
    readonly_fields = ("key", "slug")
    fieldsets = (
        (None, {"fields": ("post", "organization", "country", "key", "slug")}),
        ("Corrections", {"fields": ("locked_fields", "unlock")}),
    )
    inlines = (OfficeHolderInline,)
    ordering = ("organization", "post", "pk")  # the count's GROUP BY drops Meta.ordering

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(holder_count=Count("holdings", distinct=True))

    @admin.display(description="holders", ordering="holder_count")
    def holder_count(self, office):
        return office.holder_count

    def affected_article_ids(self, office):
        return list(
            Article.objects.filter(Q(office_holdings__office=office) | Q(meetings__participants__office=office))
            .values_list("pk", flat=True)
            .distinct()
        )


@admin.register(OfficeHolding)
class OfficeHoldingAdmin(NameKeySearchMixin, NormalisedTextAdmin, SimpleHistoryAdmin):
    form = OfficeHoldingForm
    list_display = ("person", "office", "first_seen", "last_seen", "locked_fields")
    list_select_related = ("person", "office")
    list_filter = ("person__country", CorrectedFilter)
    search_fields = ("person__name", "office__post", "office__organization")
    name_key_lookups = ("person__name_key", "person__aliases__key")
    autocomplete_fields = ("person", "office", "articles")
    date_hierarchy = "first_seen"
    fields = (
        "person",
        "office",
        "wordings_as_written",
        "first_seen",
        "last_seen",
        "articles",
        "locked_fields",
        "unlock",
    )
    readonly_fields = ("locked_fields", "wordings_as_written")

    @admin.display(description="locked fields")
    def locked_fields(self, holding):
        return locks_label(holding)

    @admin.display(description="as written in the articles")
    def wordings_as_written(self, holding):
        return "; ".join(holding.wordings) or "—"

    def save_related(self, request, form, formsets, change):
        before = {article.pk for article in form.initial.get("articles", [])}
        super().save_related(request, form, formsets, change)
        # Search documents list the offices their people held.
        reindex_articles(before | set(form.instance.articles.values_list("pk", flat=True)))


# ----------------------------------------------------------------------------------------------
# Meetings


class MeetingParticipantInline(CompactInlineMixin, TabularInline):
    model = MeetingParticipant
    extra = 0
    fields = ("position", "name_as_written", "person", "office", "office_as_written")
    autocomplete_fields = ("person", "office")
    verbose_name = "participant"
    verbose_name_plural = "participants"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "office")


@admin.register(Meeting)
class MeetingAdmin(NameKeySearchMixin, CorrectionsAdmin):
    list_display = ("__str__", "kind", "date_display", "place", "status", "article_count", "locked_fields")
    list_filter = (year_filter("date"), "kind", "status", "date_precision", "participants__person__country")
    date_hierarchy = "date"
    search_fields = ("place", "evidence", "participants__name_as_written")
    name_key_lookups = ("participants__person__name_key", "participants__person__aliases__key")
    autocomplete_fields = ("articles",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("kind", "status", "place", "evidence", "articles")}),
        ("Date", {"fields": ("date", "date_precision", "date_how")}),
        ("Corrections", {"fields": ("locked_fields", "unlock")}),
        ("Record", {"classes": ("collapse",), "fields": ("created_at", "updated_at")}),
    )
    inlines = (MeetingParticipantInline,)
    ordering = (models.F("date").desc(nulls_last=True), "-pk")  # the count's GROUP BY drops Meta.ordering

    def get_queryset(self, request):
        return (
            super().get_queryset(request).with_participants().annotate(article_count=Count("articles", distinct=True))
        )

    @admin.display(description="date", ordering="date")
    def date_display(self, meeting):
        return meeting.date_label

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, meeting):
        return meeting.article_count

    def affected_article_ids(self, meeting):
        return list(meeting.articles.values_list("pk", flat=True))

    def save_related(self, request, form, formsets, change):
        before = {article.pk for article in form.initial.get("articles", [])}
        super().save_related(request, form, formsets, change)
        after = set(form.instance.articles.values_list("pk", flat=True))
        # Linking or unlinking a meeting corrects those articles' meetings as a whole.
        for article in Article.objects.filter(pk__in=before ^ after):
            if not article.is_locked("meetings"):
                article.lock("meetings")
                article._change_reason = change_reason(["meetings"])
                article.save()
        reindex_articles(before ^ after)


@admin.register(MeetingParticipant)
class MeetingParticipantAdmin(NameKeySearchMixin, ParentLockAdmin):
    parent_field = "meeting"
    list_display = ("name_as_written", "person", "office", "meeting_label")
    list_select_related = ("person", "office", "meeting")
    list_filter = ("meeting__kind", "person__country")
    search_fields = ("name_as_written", "office_as_written")
    name_key_lookups = ("person__name_key", "person__aliases__key")
    autocomplete_fields = ("meeting", "person", "office")

    @admin.display(description="meeting", ordering="meeting__date")
    def meeting_label(self, participant):
        # The meeting's own __str__ lists its participants: one query per row.
        meeting = participant.meeting
        return f"{meeting.get_kind_display()}, {meeting.date_label}"


@admin.register(Mention)
class MentionAdmin(NameKeySearchMixin, ParentLockAdmin):
    parent_field = "article"
    list_display = ("name_as_written", "person", "count", "country", "article")
    list_select_related = ("person", "article")
    list_filter = ("country",)
    search_fields = ("name_as_written", "article__title")
    name_key_lookups = ("person__name_key", "person__aliases__key")
    autocomplete_fields = ("article", "person")


PEOPLE_IN_LIST = 3  # names in the article list's people column; the rest are counted
TITLE_IN_LIST = 90  # characters of a title in the article list

# Keep the index page's wording plain for editors; the header names the archive as the settings do.
admin.site.site_header = lazy(lambda: f"{current_scope().archive_name} — editors", str)()
admin.site.site_title = "Archive editors"
admin.site.index_title = "Correct and review the archive"
