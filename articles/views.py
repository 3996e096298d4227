"""The public pages: home, date archive, articles, people, offices and meetings.

Every page fetches what it shows in a fixed number of queries (select_related / prefetch_related in
get_queryset), and prepares anything more than a lookup here, so templates only lay out.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Min, Prefetch
from django.db.models.functions import ExtractMonth
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from . import citations, downloads, records
from .collation import by_name
from .countries import by_slug
from .exporting import csv_response
from .extraction.html import web_url
from .extraction.types import YEAR
from .forms import CSV, JSON, PAGE, ExportForm, MeetingFilterForm
from .models import Article, Meeting, MeetingParticipant, Mention, Office, OfficeHolding, Person, PersonAlias
from .scope import current_scope
from .selectors import (
    MeetingRow,
    country_pairs,
    home_country_first,
    home_side,
    meeting_matrix,
    meeting_people_choices,
    meeting_rows,
    meeting_years,
    meetings_of,
    merged_person,
    months_with_articles,
    most_met,
    officials_met_most,
    other_side,
    pair_counts,
    pair_matrix,
    pair_meetings_url,
    related_articles,
    year_counts,
)
from .spellings import spellings_of

ARTICLES_PER_PAGE = 20
MEETINGS_PER_PAGE = 30
HOME_PAIRS = 10  # the pairs with most meetings on the home page; the pairs page lists them all
PAIR_MEETINGS_SHOWN = 10  # a pair's latest meetings on its page; the meetings list has them all


# ---------------------------------------------------------------- shared helpers


class PageMixin:
    """Gives every page its heading, and editors an edit link to the admin page of the object shown."""

    page_title = ""

    def get_page_title(self) -> str:
        return self.page_title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_page_title()
        shown = getattr(self, "object", None)
        context["edit_url"] = (
            admin_change_url(shown) if shown is not None and may_edit(self.request.user, shown) else None
        )
        return context


def may_edit(user, obj) -> bool:
    """Whether the admin would let `user` change `obj` (staff with the change permission of its model)."""
    opts = obj._meta
    return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def admin_change_url(obj) -> str | None:
    # A model not (yet) registered in the admin simply has no edit link.
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return None


# ---------------------------------------------------------------- CSV and JSON of a page


def export_response(wanted: str, record_type, rows: list[dict], filename: str, **about):
    """`rows` (records of `record_type`) as a CSV download or a JSON document with `about` first."""
    if wanted == CSV:
        return csv_response(
            f"{filename}.csv", record_type.csv_columns, (records.csv_row(record_type, row) for row in rows)
        )
    return JsonResponse(
        {**about, "count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )


class ExportMixin:
    """Answers ?format=csv|json with export_rows() instead of the page; a bad format is a 400."""

    export_type = None

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET)
        if not form.is_valid():
            return JsonResponse({"errors": [f"format: {e}" for e in form.errors["format"]]}, status=400)
        wanted = form.cleaned_data["format"]
        if wanted == PAGE:
            return super().get(request, *args, **kwargs)
        self.object = self.get_object()
        return self.export(wanted, request.build_absolute_uri)

    def export(self, wanted: str, absolute):
        rows = self.export_rows(absolute)
        return export_response(wanted, self.export_type, rows, self.export_filename(), **self.export_about(absolute))

    def export_about(self, absolute) -> dict:
        return {"title": self.get_page_title(), "url": absolute(self.object.get_absolute_url())}


def article_cards(queryset):
    """Articles as the article card shows them: with their people, most mentioned first."""
    return queryset.with_people()


# ---------------------------------------------------------------- home and date archive


class HomeView(PageMixin, TemplateView):
    template_name = "articles/home.html"

    def get_page_title(self) -> str:
        return current_scope().title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        span = Article.objects.dated().aggregate(first=Min("event_date"), last=Max("event_date"))
        context.update(
            hide_header_search=True,  # the page has its own, larger search box
            article_count=Article.objects.count(),
            meeting_count=Meeting.objects.count(),
            person_count=Person.objects.count(),
            first_date=span["first"],
            last_date=span["last"],
            undated_count=Article.objects.undated().count(),
            latest_articles=article_cards(Article.objects.newest_first())[:8],
            timeline=year_counts(),
            home_side_officials=officials_met_most(home_side()),
            other_side_officials=officials_met_most(other_side()),
            pair_counts=pair_counts()[:HOME_PAIRS],
        )
        return context


class ArchiveIndexView(PageMixin, TemplateView):
    template_name = "articles/archive_index.html"
    page_title = "Articles by date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = [y for y in year_counts() if y.articles or y.meetings]
        context["uncertain_count"] = Article.objects.uncertain().count()
        context["undated_count"] = Article.objects.undated().count()
        return context


def neighbours(items: list, current):
    """The items just before and just after `current` in a sorted list (None at either end)."""
    before = [item for item in items if item < current]
    after = [item for item in items if item > current]
    return (before[-1] if before else None), (after[0] if after else None)


class DateArchiveMixin(PageMixin):
    """A page of articles for one stretch of time, oldest first, with their people."""

    template_name = "articles/article_archive.html"
    paginate_by = ARTICLES_PER_PAGE

    def dated_articles(self):
        raise NotImplementedError

    def get_queryset(self):
        return article_cards(self.dated_articles().order_by("event_date", "pk"))


class YearArchiveView(DateArchiveMixin, ListView):
    def get_page_title(self) -> str:
        return f"Articles of {self.kwargs['year']}"

    def dated_articles(self):
        return Article.objects.in_year(self.kwargs["year"])

    def get_context_data(self, **kwargs):
        year = self.kwargs["year"]
        counts = {row.year: row for row in year_counts() if row.articles or row.meetings}
        if year not in counts:
            raise Http404(f"Nothing is dated {year}.")
        context = super().get_context_data(**kwargs)
        per_month = dict(
            self.dated_articles()
            .exclude(date_precision=YEAR)
            .annotate(month=ExtractMonth("event_date"))
            .values_list("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        previous_year, next_year = neighbours(sorted(counts), year)
        context.update(
            year=year,
            article_total=counts[year].articles,
            meeting_total=counts[year].meetings,
            year_only_count=self.dated_articles().filter(date_precision=YEAR).count(),
            months=[
                {"date": datetime.date(year, month, 1), "count": per_month.get(month, 0)} for month in range(1, 13)
            ],
            previous_link=previous_year and {"label": str(previous_year), "url": year_url(previous_year)},
            next_link=next_year and {"label": str(next_year), "url": year_url(next_year)},
            meetings_url=f"{reverse('articles:meetings')}?year={year}",
        )
        return context


def year_url(year: int) -> str:
    return reverse("articles:year", kwargs={"year": year})


def month_url(year: int, month: int) -> str:
    return reverse("articles:month", kwargs={"year": year, "month": month})


class MonthArchiveView(DateArchiveMixin, ListView):
    allow_empty = False

    def month_start(self) -> datetime.date:
        return datetime.date(self.kwargs["year"], self.kwargs["month"], 1)

    def get_page_title(self) -> str:
        return f"Articles of {self.month_start():%B %Y}"

    def dated_articles(self):
        return Article.objects.in_month(self.kwargs["year"], self.kwargs["month"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.kwargs["year"], self.kwargs["month"]
        previous_month, next_month = neighbours(months_with_articles(), (year, month))
        context.update(
            year=year,
            month_start=self.month_start(),
            article_total=context["paginator"].count,
            year_url=year_url(year),
            previous_link=previous_month
            and {"label": f"{datetime.date(*previous_month, 1):%B %Y}", "url": month_url(*previous_month)},
            next_link=next_month and {"label": f"{datetime.date(*next_month, 1):%B %Y}", "url": month_url(*next_month)},
        )
        return context


class UncertainDateListView(PageMixin, ListView):
    """Articles whose date is unknown, imprecise or flagged for review, so none drop out of browsing."""

    template_name = "articles/uncertain_list.html"
    page_title = "Articles with an uncertain or unknown date"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        return article_cards(Article.objects.uncertain().newest_first())


# ---------------------------------------------------------------- article


@dataclass
class PersonInArticle:
    mention: Mention
    offices: list[Office] = field(default_factory=list)


class ArticleDetailView(PageMixin, DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.prefetch_related(
            Prefetch("mentions", queryset=Mention.objects.select_related("person").order_by("-count", "pk")),
            "photos",
            Prefetch("meetings", queryset=Meeting.objects.with_participants()),
            Prefetch("office_holdings", queryset=OfficeHolding.objects.select_related("office")),
        )

    def get_page_title(self) -> str:
        return self.object.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        offices_by_person = defaultdict(list)
        for holding in article.office_holdings.all():
            offices_by_person[holding.person_id].append(holding.office)
        context["people"] = [
            PersonInArticle(mention, offices_by_person.get(mention.person_id, [])) for mention in article.mentions.all()
        ]
        context["related_articles"] = related_articles(article)
        # Only a web address is a link: an imported page once carried a javascript: one.
        context["source_url"] = web_url(article.canonical_url)
        permalink = self.request.build_absolute_uri(article.get_absolute_url())
        context["citation"] = citations.reference(article, permalink, datetime.date.today())
        return context


class ArticleCitationView(View):
    """An article's citation as CSL-JSON or BibTeX (the URL says which), to import into a reference manager."""

    citation_format = "csl"

    def get(self, request, slug):
        article = get_object_or_404(Article, slug=slug)
        permalink = request.build_absolute_uri(article.get_absolute_url())
        today = datetime.date.today()
        if self.citation_format == "bibtex":
            response = HttpResponse(
                citations.bibtex(article, permalink, today), content_type="application/x-bibtex; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{article.slug}.bib"'
            return response
        response = JsonResponse(
            [citations.csl_json(article, permalink, today)],
            safe=False,
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Type"] = "application/vnd.citationstyles.csl+json; charset=utf-8"
        response["Content-Disposition"] = f'attachment; filename="{article.slug}.csl.json"'
        return response


# ---------------------------------------------------------------- people


class PersonListView(PageMixin, ListView):
    template_name = "articles/person_list.html"
    page_title = "People"

    def get_queryset(self):
        return Person.objects.with_counts().order_by(home_country_first(), "country", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Names in the order of their language's alphabet (Vietnamese: Tô Lâm before Trương Thị Mai),
        # which no database collation here gives.
        context["countries"] = [
            {"code": code, "people": by_name(people, code)}
            for code, people in groupby(context["object_list"], key=lambda person: person.country)
        ]
        return context


class PersonDetailView(PageMixin, DetailView):
    template_name = "articles/person_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Links and bookmarks to a person merged into another lead to the one kept.
            survivor = merged_person(kwargs["slug"])
            if survivor is None:
                raise
            return redirect(survivor, permanent=True)

    def get_queryset(self):
        return Person.objects.prefetch_related(
            Prefetch("aliases", queryset=PersonAlias.objects.order_by("name")),
            Prefetch("holdings", queryset=OfficeHolding.objects.select_related("office")),
        )

    def get_page_title(self) -> str:
        return self.object.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        rows = meeting_rows(person, meetings_of(person))
        articles = Paginator(article_cards(Article.objects.for_person(person).newest_first()), ARTICLES_PER_PAGE)
        context.update(
            spellings=spellings_of(person),
            meeting_rows=rows,
            most_met=most_met(rows),
            page_obj=articles.get_page(self.request.GET.get("page")),
        )
        return context


MEETING_EXPORT_COLUMNS = (
    "meeting_url",
    "date",
    "date_precision",
    "kind",
    "status",
    "place",
    "counterparts",
    "counterpart_offices",
    "article_urls",
)


def meeting_export_row(row: MeetingRow, absolute) -> dict:
    return {
        "meeting_url": absolute(row.meeting.get_absolute_url()),
        "date": row.meeting.date_iso,
        "date_precision": row.meeting.date_precision,
        "kind": row.meeting.kind,
        "status": row.meeting.status,
        "place": row.meeting.place or None,
        "counterparts": [p.display_name for p in row.counterparts],
        "counterpart_offices": [participant_office(p) for p in row.counterparts],
        "article_urls": [absolute(article.get_absolute_url()) for article in row.meeting.articles.all()],
    }


def participant_office(participant: MeetingParticipant) -> str:
    return participant.office.title if participant.office_id else participant.office_as_written


class PersonMeetingsExportView(View):
    """A person's meetings as CSV or JSON (the URL says which), for researchers' own analysis."""

    export_format = "json"

    def get(self, request, slug):
        person = get_object_or_404(Person, slug=slug)
        absolute = request.build_absolute_uri
        rows = [meeting_export_row(row, absolute) for row in meeting_rows(person, meetings_of(person))]
        if self.export_format == "csv":
            return self.as_csv(person, rows)
        return JsonResponse(
            {"person": person.name, "url": request.build_absolute_uri(person.get_absolute_url()), "meetings": rows},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )

    @staticmethod
    def as_csv(person: Person, rows: list[dict]) -> HttpResponse:
        flat = (
            {key: "; ".join(v or "" for v in value) if isinstance(value, list) else value for key, value in row.items()}
            for row in rows
        )
        return csv_response(f"{person.slug}-meetings.csv", MEETING_EXPORT_COLUMNS, flat)


# ---------------------------------------------------------------- offices


class OfficeListView(PageMixin, ListView):
    template_name = "articles/office_list.html"
    page_title = "Offices"

    def get_queryset(self):
        return Office.objects.annotate(holder_count=Count("holdings", distinct=True)).order_by(
            home_country_first(), "country", "organization", "post"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["countries"] = [
            {"code": code, "offices": list(offices)}
            for code, offices in groupby(context["object_list"], key=lambda office: office.country)
        ]
        return context


class OfficeDetailView(ExportMixin, PageMixin, DetailView):
    template_name = "articles/office_detail.html"
    export_type = records.HOLDINGS

    def export_filename(self) -> str:
        return f"office-{self.object.slug}-holders"

    def export_rows(self, absolute) -> list[dict]:
        holdings = (
            records.holdings_for_records()
            .filter(office=self.object)
            .order_by(F("first_seen").asc(nulls_last=True), "person__name")
        )
        return [records.holding_record(holding, absolute) for holding in holdings]

    def get_queryset(self):
        return Office.objects.prefetch_related(
            Prefetch(
                "holdings",
                queryset=OfficeHolding.objects.select_related("person").order_by(
                    F("first_seen").asc(nulls_last=True), F("last_seen").asc(nulls_last=True), "person__name"
                ),
            )
        )

    def get_page_title(self) -> str:
        return self.object.title


# ---------------------------------------------------------------- meetings


class MeetingListView(PageMixin, ListView):
    template_name = "articles/meeting_list.html"
    page_title = "Meetings"
    paginate_by = MEETINGS_PER_PAGE

    def get_form(self) -> MeetingFilterForm:
        if not hasattr(self, "_form"):
            self._form = MeetingFilterForm(
                self.request.GET or None, country_pairs=country_pairs(), years=meeting_years()
            )
            if self._form.is_bound:
                self._form.is_valid()
        return self._form

    def get_queryset(self):
        return self.get_form().filter(Meeting.objects.with_participants().prefetch_related("articles"))

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.wanted_format != PAGE and not form.errors:
            # Every meeting the filters select, not only this page of them.
            absolute = request.build_absolute_uri
            rows = [records.meeting_record(meeting, absolute) for meeting in self.get_queryset()]
            filters = {name: request.GET.getlist(name) for name in request.GET if name not in ("format", "page")}
            return export_response(form.wanted_format, records.MEETINGS, rows, "meetings", filters=filters)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        selected = form.cleaned_data.get("person", []) if form.is_bound and hasattr(form, "cleaned_data") else []
        selected_slugs = [person.slug for person in selected]
        context.update(
            form=form,
            people_filter=selected,
            person_groups=meeting_people_choices(),
            # Two people selectors: who, and whom they met (more can come in the address).
            person_selects=[
                {"id": "id_person", "label": "Person", "selected": selected_slugs[0] if selected_slugs else ""},
                {"id": "id_person_2", "label": "Met with", "selected": selected_slugs[1] if len(selected) > 1 else ""},
            ],
            extra_people=selected_slugs[2:],
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        # Parameters that do not validate are reported on the page (and by status) rather than guessed.
        if self.get_form().errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class MeetingDetailView(ExportMixin, PageMixin, DetailView):
    template_name = "articles/meeting_detail.html"
    export_type = records.MEETING_PARTICIPANTS

    def export_filename(self) -> str:
        return f"meeting-{self.object.pk}"

    def export(self, wanted: str, absolute):
        # The JSON of a meeting is its record; its CSV has a row per participant.
        if wanted == JSON:
            record = records.meeting_record(self.object, absolute)
            return JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 1})
        return super().export(wanted, absolute)

    def export_rows(self, absolute) -> list[dict]:
        return records.meeting_record(self.object, absolute)["participant_details"]

    def get_queryset(self):
        return Meeting.objects.with_participants().prefetch_related(
            Prefetch("articles", queryset=Article.objects.newest_first())
        )

    def get_page_title(self) -> str:
        kind = capfirst(self.object.get_kind_display())
        names = [p.display_name for p in self.object.participants.all()]
        return f"{kind}: {english_list(names)}" if names else kind


def english_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(items) if len(items) < 3 else f"{', '.join(items[:-1])} and {items[-1]}"


class WhoMetWhomView(PageMixin, TemplateView):
    """Officials of Việt Nam against officials of other countries, with how often each pair met."""

    template_name = "articles/who_met_whom.html"
    page_title = "Who met whom"

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET)
        if not form.is_valid():
            return JsonResponse({"errors": [f"format: {e}" for e in form.errors["format"]]}, status=400)
        if form.cleaned_data["format"] != PAGE:
            # Every pair that met, not only the busiest officials the table has room for.
            absolute = request.build_absolute_uri
            rows = [
                {
                    "person_id": home.slug,
                    "person": home.name,
                    "other_id": other.slug,
                    "other": other.name,
                    "other_country": other.country,
                    "meetings": count,
                    "meetings_url": absolute(pair_meetings_url(home, other)),
                }
                for home, other, count in meeting_matrix()["pairs"]
            ]
            return export_response(form.cleaned_data["format"], records.WHO_MET_WHOM, rows, "who-met-whom")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(meeting_matrix())
        return context


# ---------------------------------------------------------------- pairs of countries


class PairListView(PageMixin, TemplateView):
    """Every pair of countries whose officials met, with its meetings and articles."""

    template_name = "articles/pair_list.html"
    page_title = "Country pairs"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pair_counts"] = pair_counts()
        return context


class PairDetailView(PageMixin, ListView):
    """One pair: the articles reporting its meetings (a page at a time), its latest meetings, and who
    of each side met whom. Its address names the countries by slug, in the archive's order."""

    template_name = "articles/pair_detail.html"
    paginate_by = ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        first, second = (by_slug(kwargs[name]) for name in ("first", "second"))
        if first is None or second is None or first == second:
            raise Http404("No such pair of countries.")
        self.pair = current_scope().pair(first.code, second.code)
        if self.pair.first != first:  # /pairs/china/viet-nam/ is /pairs/viet-nam/china/
            return redirect(self.pair.get_absolute_url(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return article_cards(Article.objects.for_pair(*self.codes).newest_first())

    @property
    def codes(self) -> tuple[str, str]:
        return self.pair.first.code, self.pair.second.code

    def get_page_title(self) -> str:
        return self.pair.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = Meeting.objects.between(*self.codes)
        context.update(
            pair=self.pair,
            meeting_count=meetings.count(),
            latest_meetings=meetings.with_participants()[:PAIR_MEETINGS_SHOWN],
            matrix=pair_matrix(self.pair),
            meetings_url=f"{reverse('articles:meetings')}?{urlencode({'countries': self.pair.codes})}",
            search_url=f"{reverse('search:search')}?{urlencode({'pairs': self.pair.name})}",
            api_url=f"{reverse('api:meetings')}?{urlencode({'pair': self.pair.codes})}",
        )
        return context


# ---------------------------------------------------------------- robots.txt


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("articles:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# ---------------------------------------------------------------- the whole archive to download


class DownloadsView(PageMixin, TemplateView):
    """The whole archive as files, with the data dictionary that describes every column."""

    template_name = "articles/downloads.html"
    page_title = "Download the archive"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        package = downloads.manifest()
        folder = downloads.downloads_dir()
        tables = []
        for record_type in records.DUMPED:
            files = []
            for suffix, label in (("csv", "CSV"), ("jsonl", "JSON Lines")):
                name = f"{record_type.name}.{suffix}"
                path = folder / name
                if package is not None and path.exists():
                    files.append({"name": name, "label": label, "size": path.stat().st_size})
            rows = next(
                (
                    r["rows"]
                    for r in (package or {}).get("resources", [])
                    if r["path"].startswith(record_type.name + ".")
                ),
                None,
            )
            tables.append({"type": record_type, "files": files, "rows": rows})
        context.update(
            tables=tables,
            generated=datetime.datetime.fromisoformat(package["created"]) if package else None,
            manifest_name=downloads.MANIFEST,
        )
        return context


def download_file(request, name: str):
    """One of the downloads, by its exact name (no other file of the data folder is ever served)."""
    if name not in downloads.file_names():
        raise Http404("No such download.")
    path = downloads.downloads_dir() / name
    if not path.exists():
        raise Http404("The downloads have not been written yet: run manage.py write_downloads.")
    content_type = "application/json" if name == downloads.MANIFEST else downloads.FORMATS[name.rsplit(".", 1)[1]]
    return FileResponse(
        open(path, "rb"), content_type=content_type, as_attachment=name != downloads.MANIFEST, filename=name
    )
