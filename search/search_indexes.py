"""The article search document: what is searched, what is counted as a facet, what a result shows.

Only the article's clean text goes in (title, standfirst, body, captions, names, offices, dateline);
`raw_text` with the sites' boilerplate never does.
"""

from __future__ import annotations

import unicodedata

from django.db.models import Prefetch
from haystack import indexes

from articles.models import Article, Meeting, MeetingParticipant, Mention, OfficeHolding
from articles.scope import country_name, current_scope
from articles.templatetags.portal import date_uncertain

from . import acronyms
from .backend import DIACRITICS, FACET, NAMES, STORED, TERMS, TITLE
from .dates import span_numbers


class TitleField(indexes.CharField):
    field_type = TITLE


class NamesField(indexes.MultiValueField):
    field_type = NAMES


class DiacriticWordsField(indexes.CharField):
    field_type = DIACRITICS


class FacetField(indexes.MultiValueField):
    field_type = FACET


class TermsField(indexes.MultiValueField):
    field_type = TERMS


class StoredField(indexes.CharField):
    field_type = STORED

    def __init__(self, **kwargs):
        super().__init__(indexed=False, stored=True, **kwargs)


PARTICIPANTS_WITH_PEOPLE = Prefetch("participants", queryset=MeetingParticipant.objects.select_related("person"))


def _unique(values) -> list[str]:
    """Non-empty values in first-seen order, without repeats."""
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def with_country(name: str, code: str) -> str:
    """A facet value that says whose it is: the same words name an office in each country."""
    return f"{name} ({country_name(code)})" if code else name


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    text_exact = DiacriticWordsField(stored=False)  # filled from `text` in prepare()
    title = TitleField(model_attr="title")
    names = NamesField(stored=False)
    acronyms = TermsField(stored=False)

    people = FacetField()
    countries = FacetField(stored=False)
    pairs = FacetField(stored=False)  # "Việt Nam – China", as the pair pages name it
    offices = FacetField(stored=False)  # "Minister, Ministry of Foreign Affairs (Việt Nam)"
    organizations = FacetField(stored=False)  # "Ministry of Foreign Affairs (Việt Nam)"
    outlet = FacetField()
    place = FacetField(stored=False)
    kind = FacetField(stored=False)
    year = FacetField(stored=False)
    month = FacetField(stored=False)

    # Dates as YYYYMMDD numbers (search/dates.py): the span the article's date covers at its precision.
    date_start = indexes.IntegerField(stored=False)
    date_end = indexes.IntegerField(stored=False)
    dated = indexes.IntegerField(stored=False)  # 1 or 0, so undated articles sort last

    url = StoredField()
    source_file = StoredField(model_attr="source_file")
    date_iso = StoredField()
    date_label = StoredField()
    date_uncertain = StoredField()  # "1" when the browse pages say "date uncertain"
    snippet_source = StoredField()

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return Article.objects.prefetch_related(
            "photos",
            Prefetch("mentions", queryset=Mention.objects.select_related("person").prefetch_related("person__aliases")),
            Prefetch("office_holdings", queryset=OfficeHolding.objects.select_related("office")),
            Prefetch("meetings", queryset=Meeting.objects.prefetch_related(PARTICIPANTS_WITH_PEOPLE)),
        )

    def prepare(self, obj):
        data = super().prepare(obj)
        data["text"] = unicodedata.normalize("NFC", data["text"])
        data["text_exact"] = data["text"]
        data["acronyms"] = sorted(acronyms.encode(*pair) for pair in acronyms.find_definitions(data["text"]))
        return data

    def prepare_title(self, obj):
        return unicodedata.normalize("NFC", obj.title)

    def prepare_names(self, obj):
        names = []
        for mention in obj.mentions.all():
            names += [mention.display_name, mention.name_as_written, *mention.aliases_seen]
            if mention.person_id:
                names += [alias.name for alias in mention.person.aliases.all()]
        return _unique(names)

    def prepare_people(self, obj):
        return _unique(mention.display_name for mention in obj.mentions.all())

    def prepare_countries(self, obj):
        codes = [m.country or (m.person.country if m.person_id else "") for m in obj.mentions.all()]
        codes += [holding.office.country for holding in obj.office_holdings.all()]
        return _unique(country_name(code) for code in codes if code)

    def prepare_pairs(self, obj):
        """Every pair of countries whose officials met in a meeting the article reports."""
        scope = current_scope()
        names = []
        for meeting in obj.meetings.all():
            codes = scope.order(
                {p.person.country for p in meeting.participants.all() if p.person_id and p.person.country}
            )
            names += [scope.pair(code, other).name for i, code in enumerate(codes) for other in codes[i + 1 :]]
        return _unique(names)

    def prepare_offices(self, obj):
        return _unique(with_country(h.office.title, h.office.country) for h in obj.office_holdings.all())

    def prepare_organizations(self, obj):
        return _unique(
            with_country(h.office.organization, h.office.country)
            for h in obj.office_holdings.all()
            if h.office.organization
        )

    def prepare_outlet(self, obj):
        return _unique([obj.credit])

    def prepare_place(self, obj):
        return _unique([obj.dateline, *(meeting.place for meeting in obj.meetings.all())])

    def prepare_kind(self, obj):
        return _unique(meeting.get_kind_display() for meeting in obj.meetings.all())

    def prepare_year(self, obj):
        iso = obj.date_iso
        return [iso[:4]] if iso else []

    def prepare_month(self, obj):
        iso = obj.date_iso
        return [iso[:7]] if iso and len(iso) >= 7 else []

    def prepare_date_start(self, obj):
        return span_numbers(obj.event_date, obj.date_precision)[0] if obj.date_iso else None

    def prepare_date_end(self, obj):
        return span_numbers(obj.event_date, obj.date_precision)[1] if obj.date_iso else None

    def prepare_dated(self, obj):
        return 1 if obj.date_iso else 0

    def prepare_url(self, obj):
        return obj.get_absolute_url()

    def prepare_date_iso(self, obj):
        return obj.date_iso or ""

    def prepare_date_label(self, obj):
        return obj.date_label

    def prepare_date_uncertain(self, obj):
        return "1" if date_uncertain(obj) else ""

    def prepare_snippet_source(self, obj):
        captions = [photo.caption for photo in obj.photos.all()]
        return unicodedata.normalize("NFC", "\n\n".join(_unique([obj.standfirst, obj.body, *captions])))
