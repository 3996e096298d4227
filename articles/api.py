"""A read-only JSON API over the archive's records, in plain Django views.

    /api/v1/<records>/          a page of records, filtered: ?from=&to=&person=&country=&pair=&kind=&page=&page_size=
    /api/v1/<records>/<id>/     one record

<records> is articles, people, offices, holdings or meetings; a record is shaped as in the downloads
(articles.records), with absolute URLs. Parameters are validated by a form per endpoint: one it does
not take, or a bad value, is a 400 naming it. Each page costs a fixed number of queries. Django REST
framework was not needed for five read-only endpoints; its browsable pages would have needed
exceptions to the site's Content-Security-Policy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from . import records
from .extraction.types import UNKNOWN
from .forms import DateRange, DateRangeField
from .models import Meeting, MeetingKind, MeetingParticipant, Mention, OfficeHolding, Person
from .selectors import pair_counts
from .views import PageMixin

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
DATE, PERSON, COUNTRY, PAIR, KIND = "date", "person", "country", "pair", "kind"


class CountryField(forms.CharField):
    def clean(self, value):
        code = (super().clean(value) or "").strip().upper()
        if code and not (len(code) == 2 and code.isalpha()):
            raise forms.ValidationError(f"“{value}” is not a two-letter country code such as VN or CN.")
        return code


class PairField(forms.CharField):
    def clean(self, value):
        text = (super().clean(value) or "").strip().upper()
        if not text:
            return None
        codes = text.split("-")
        if len(codes) != 2 or not all(len(code) == 2 and code.isalpha() for code in codes) or codes[0] == codes[1]:
            raise forms.ValidationError(f"“{value}” is not a pair of country codes such as VN-CN.")
        return codes


class PersonSlugsField(forms.Field):
    """?person=a&person=b: identifiers (slugs) of people, every one of whom must be present."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = [value] if isinstance(value, str) else list(value or [])
        return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))

    def validate(self, values):
        if len(values) > 10:
            raise forms.ValidationError("at most 10 people at once.")


class ApiForm(forms.Form):
    """The parameters of one endpoint: paging always, filters as the endpoint declares."""

    page = forms.IntegerField(required=False, min_value=1)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    FILTER_FIELDS = {
        DATE: {"from": DateRangeField, "to": DateRangeField},
        PERSON: {"person": PersonSlugsField},
        COUNTRY: {"country": CountryField},
        PAIR: {"pair": PairField},
        KIND: {"kind": forms.ChoiceField},
    }

    def __init__(self, data, filters: tuple[str, ...]):
        super().__init__(data)
        for name in filters:
            for parameter, field_class in self.FILTER_FIELDS[name].items():
                field = field_class(required=False)
                if parameter == "kind":
                    field.choices = [("", "any"), *MeetingKind.choices]
                self.fields[parameter] = field

    def clean(self):
        cleaned = super().clean()
        unknown = sorted(name for name in self.data if name not in self.fields)
        if unknown:
            raise forms.ValidationError(
                f"Unknown parameter {', '.join(unknown)}: this endpoint takes {', '.join(self.fields)}."
            )
        start, end = cleaned.get("from"), cleaned.get("to")
        if isinstance(start, DateRange) and isinstance(end, DateRange) and start.first_day > end.last_day:
            self.add_error("to", f"“to” ({end.text}) is before “from” ({start.text}).")
        return cleaned

    def messages(self) -> list[str]:
        return [
            str(error) if name == NON_FIELD_ERRORS else f"{name}: {error}"
            for name, errors in self.errors.items()
            for error in errors
        ]


def _in_range(queryset, field_name: str, start: DateRange | None, end: DateRange | None):
    if start or end:
        queryset = queryset.exclude(**{f"{field_name}__isnull": True})
    if start:
        queryset = queryset.filter(**{f"{field_name}__gte": start.first_day})
    if end:
        queryset = queryset.filter(**{f"{field_name}__lte": end.last_day})
    return queryset


def _mentioning_country(code: str):
    return Mention.objects.filter(Q(person__country=code) | Q(person=None, country=code)).values("article")


def filter_articles(queryset, data: dict):
    if data.get("from") or data.get("to"):
        queryset = _in_range(queryset.exclude(date_precision=UNKNOWN), "event_date", data.get("from"), data.get("to"))
    for slug in data.get("person") or ():
        queryset = queryset.filter(pk__in=Mention.objects.filter(person__slug=slug).values("article"))
    for code in [data["country"]] if data.get("country") else []:
        queryset = queryset.filter(pk__in=_mentioning_country(code))
    if data.get("pair"):  # as the pair pages count them: articles reporting a meeting of the two
        queryset = queryset.for_pair(*data["pair"])
    return queryset


def filter_meetings(queryset, data: dict):
    if data.get("from") or data.get("to"):
        queryset = _in_range(queryset.exclude(date_precision=UNKNOWN), "date", data.get("from"), data.get("to"))
    if data.get("kind"):
        queryset = queryset.filter(kind=data["kind"])
    for slug in data.get("person") or ():
        queryset = queryset.filter(pk__in=MeetingParticipant.objects.filter(person__slug=slug).values("meeting"))
    if data.get("country"):
        queryset = queryset.filter(
            pk__in=MeetingParticipant.objects.filter(person__country=data["country"]).values("meeting")
        )
    if data.get("pair"):
        queryset = queryset.between(*data["pair"])
    return queryset


def filter_people(queryset, data: dict):
    return queryset.filter(country=data["country"]) if data.get("country") else queryset


def filter_offices(queryset, data: dict):
    if data.get("country"):
        queryset = queryset.filter(country=data["country"])
    for slug in data.get("person") or ():
        queryset = queryset.filter(pk__in=OfficeHolding.objects.filter(person__slug=slug).values("office"))
    return queryset


def filter_holdings(queryset, data: dict):
    # A holding is in a date range when the span it was seen in overlaps it.
    if data.get("from"):
        queryset = queryset.filter(last_seen__gte=data["from"].first_day)
    if data.get("to"):
        queryset = queryset.filter(first_seen__lte=data["to"].last_day)
    if data.get("person"):
        queryset = queryset.filter(person__slug__in=data["person"])
    if data.get("country"):
        queryset = queryset.filter(office__country=data["country"])
    return queryset


@dataclass(frozen=True)
class Endpoint:
    record_type: records.RecordType
    queryset: Callable
    record: Callable
    filter: Callable
    filters: tuple[str, ...]
    ordering: tuple = ()
    lookup: str = "slug"
    about: str = ""
    list_record: Callable | None = None  # a lighter record for lists, when the full one is heavy
    examples: list = field(default_factory=list)


ENDPOINTS = {
    "articles": Endpoint(
        records.ARTICLES,
        records.articles_for_records,
        records.article_record,
        filter_articles,
        (DATE, PERSON, COUNTRY, PAIR),
        (F("event_date").desc(nulls_last=True), "-pk"),
        about="newest event first; the list leaves out each article's text, the record has it",
        list_record=lambda article, absolute: records.article_record(article, absolute, with_text=False),
    ),
    "people": Endpoint(
        records.PEOPLE,
        records.people_for_records,
        records.person_record,
        filter_people,
        (COUNTRY,),
        ("name", "pk"),
        about="by name",
    ),
    "offices": Endpoint(
        records.OFFICES,
        records.offices_for_records,
        records.office_record,
        filter_offices,
        (COUNTRY, PERSON),
        ("country", "organization", "post", "pk"),
        about="by country, organization and post",
    ),
    "holdings": Endpoint(
        records.HOLDINGS,
        records.holdings_for_records,
        records.holding_record,
        filter_holdings,
        (DATE, PERSON, COUNTRY),
        (F("first_seen").asc(nulls_last=True), "pk"),
        lookup="pk",
        about="earliest first; a date range selects the holdings seen during it",
    ),
    "meetings": Endpoint(
        records.MEETINGS,
        records.meetings_for_records,
        records.meeting_record,
        filter_meetings,
        (DATE, PERSON, COUNTRY, PAIR, KIND),
        (F("date").desc(nulls_last=True), "-pk"),
        lookup="pk",
        about="newest first",
    ),
}


def api_json(payload, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # read-only public data: scripts on other sites may read it
    return response


class ListEndpointView(View):
    name = ""

    def get(self, request):
        endpoint = ENDPOINTS[self.name]
        form = ApiForm(request.GET, endpoint.filters)
        if not form.is_valid():
            return api_json({"errors": form.messages()}, status=400)
        data = form.cleaned_data
        queryset = endpoint.filter(endpoint.queryset(), data).order_by(*endpoint.ordering)
        size = data.get("page_size") or DEFAULT_PAGE_SIZE
        paginator = Paginator(queryset, size)
        number = data.get("page") or 1
        if number > paginator.num_pages:
            return api_json({"errors": [f"page: there is no page {number}; the last is {paginator.num_pages}."]}, 400)
        page = paginator.page(number)
        absolute = request.build_absolute_uri
        make = endpoint.list_record or endpoint.record

        def page_url(n):
            params = [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"] + [("page", n)]
            return absolute(f"{request.path}?{urlencode(params)}")

        return api_json(
            {
                "count": paginator.count,
                "page": number,
                "pages": paginator.num_pages,
                "page_size": size,
                "next": page_url(number + 1) if page.has_next() else None,
                "previous": page_url(number - 1) if page.has_previous() else None,
                "results": [make(obj, absolute) for obj in page.object_list],
            }
        )


class RecordEndpointView(View):
    name = ""

    def get(self, request, key):
        endpoint = ENDPOINTS[self.name]
        if request.GET:
            return api_json({"errors": [f"A record takes no parameters; got {', '.join(sorted(request.GET))}."]}, 400)
        if endpoint.lookup == "pk" and not key.isdigit():
            raise Http404
        obj = endpoint.queryset().filter(**{endpoint.lookup: key}).first()
        if obj is None:
            return api_json({"errors": [f"No {self.name} record {key!r}."]}, status=404)
        return api_json(endpoint.record(obj, request.build_absolute_uri))


# ---------------------------------------------------------------- the documentation page


@dataclass(frozen=True)
class Example:
    says: str
    url: str


class ApiDocsView(PageMixin, TemplateView):
    """What the API offers, with examples on this archive's own records and one answer shown."""

    template_name = "articles/api.html"
    page_title = "JSON API"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            endpoints=[
                {
                    "name": name,
                    "endpoint": endpoint,
                    "list_url": reverse(f"api:{name}"),
                    "parameters": ["page", "page_size", *self.parameters(endpoint)],
                }
                for name, endpoint in ENDPOINTS.items()
            ],
            examples=self.examples(),
            default_page_size=DEFAULT_PAGE_SIZE,
            max_page_size=MAX_PAGE_SIZE,
        )
        meeting = records.meetings_for_records().first()
        if meeting is not None:
            # One record as the API gives it, from this archive.
            record = records.meeting_record(meeting, self.request.build_absolute_uri)
            context["example_record"] = json.dumps(record, ensure_ascii=False, indent=1)
            context["example_record_url"] = reverse("api:meeting", kwargs={"key": meeting.pk})
        return context

    @staticmethod
    def parameters(endpoint: Endpoint) -> list[str]:
        return [parameter for name in endpoint.filters for parameter in ApiForm.FILTER_FIELDS[name]]

    def examples(self) -> list[Example]:
        """Requests that find something in this archive: its most met person, their year, its busiest pair."""
        person = (
            Person.objects.with_counts()
            .filter(meeting_count__gt=0)
            .order_by("-meeting_count", "name")
            .only("slug", "name", "country")
            .first()
        )
        meeting = Meeting.objects.dated().order_by("-date").first()
        busiest = next(iter(pair_counts()), None)
        found = []
        if person is not None:
            found.append(
                Example(
                    f"The meetings of {person.name}, two to a page",
                    f"{reverse('api:meetings')}?person={person.slug}&page_size=2",
                )
            )
        if meeting is not None:
            year = meeting.date.year
            if busiest is not None:
                first, second = busiest.pair.countries
                found.append(
                    Example(
                        f"Meetings of {first.name}'s and {second.name}'s officials in {year}",
                        f"{reverse('api:meetings')}?pair={busiest.pair.codes}&from={year}&to={year}",
                    )
                )
            found += [
                Example(
                    f"Articles about events from {year}-01 to {year}-06",
                    f"{reverse('api:articles')}?from={year}-01&to={year}-06",
                ),
            ]
        if person is not None:
            found += [
                Example(f"The offices {person.name} was seen in", f"{reverse('api:holdings')}?person={person.slug}"),
                Example(f"{person.name}'s record", reverse("api:person", kwargs={"key": person.slug})),
            ]
        if busiest is not None:
            partner = busiest.pair.second
            found.append(Example(f"People of {partner.name}", f"{reverse('api:people')}?country={partner.code}"))
        found.append(Example("Every office, 100 to a page", f"{reverse('api:offices')}?page_size=100"))
        return found
