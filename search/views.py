"""/search/: the search page, and the same results as JSON or CSV for researchers (?format=).

The parameters are validated by SearchForm: a bad one gives a 400 naming it, in the format asked
for; a missing or unreadable index gives a 503 page and a logged hint. The view only lays the
search's outcome out: ArticleSearch runs it, and reads nothing but the index.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View

from articles.exporting import csv_response
from articles.models import Person

from .backend import SearchUnavailable
from .facets import ALL_FACETS, ALL_FACETS_BY_NAME, MONTH_FIELD, YEAR_FIELD, Facet
from .forms import CSV, HTML, JSON, NEWEST, OLDEST, RELEVANCE, SORTS, SearchForm
from .searching import ArticleSearch, Hit, Outcome

logger = logging.getLogger(__name__)

CSV_MAX_ROWS = 5000  # results in a CSV at most; the page, the JSON and the response headers say so
JSON_FACET_VALUES = 1000  # values per facet in the JSON (the issue asks for at least 100)
HTML_FACET_VALUES = 50  # values per facet on the page: the first `Facet.shown`, the rest under "more"
# No highlighted snippet in the CSV: finding matches costs milliseconds a row, thousands of rows
# would take seconds. "opening" is the text's first words.
CSV_COLUMNS = ("source_file", "url", "title", "date", "date_precision", "date_label", "outlet", "people", "opening")
SORT_PHRASES = {RELEVANCE: "most relevant first", NEWEST: "newest first", OLDEST: "oldest first"}


# ---------------------------------------------------------------- links that change the search


class SearchState:
    """The validated parameters as URL values, and the URLs of searches that differ by one change."""

    def __init__(self, cleaned: dict):
        self.values: dict[str, list[str]] = {"q": [cleaned["q"]] if cleaned.get("q") else []}
        for facet in ALL_FACETS:
            self.values[facet.name] = list(cleaned.get(facet.name) or [])
        for name, parameter in (("date_from", "from"), ("date_to", "to")):
            self.values[parameter] = [cleaned[name].text] if cleaned.get(name) else []
        self.values["sort"] = [cleaned["sort"]] if cleaned.get("sort") else []
        self.path = reverse("search:search")  # once: a page links every facet value shown (hundreds)

    def url(self, values: dict[str, list[str]] | None = None, **extra) -> str:
        values = self.values if values is None else values
        pairs = [(name, value) for name, items in values.items() for value in items]
        pairs += [(name, value) for name, value in extra.items() if value]
        return f"{self.path}?{urlencode(pairs)}" if pairs else self.path

    def changed(self, name: str, items: list[str]) -> dict[str, list[str]]:
        return {**self.values, name: items}

    def with_value(self, name: str, value: str) -> str:
        return self.url(self.changed(name, [*self.values[name], value]))

    def without_value(self, name: str, value: str) -> str:
        key_of = ALL_FACETS_BY_NAME[name].key
        key = key_of(value)
        values = self.changed(name, [v for v in self.values[name] if key_of(v) != key])
        if name == YEAR_FIELD:  # a year's months go with it
            values[MONTH_FIELD] = [m for m in values[MONTH_FIELD] if not m.startswith(value)]
        return self.url(values)

    def cleared(self) -> str:
        """The same words and order, no filters."""
        return self.url({"q": self.values["q"], "sort": self.values["sort"]})

    @property
    def has_filters(self) -> bool:
        return any(items for name, items in self.values.items() if name not in ("q", "sort"))


@dataclass(frozen=True)
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # adds the value, or removes it when selected


@dataclass(frozen=True)
class FacetGroup:
    facet: Facet
    heading: str
    shown: list[FacetChoice]
    more: list[FacetChoice]


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{calendar.month_name[int(number)]} {year}"


def value_label(facet_name: str, value: str) -> str:
    return month_label(value) if facet_name == MONTH_FIELD else value


def facet_groups(state: SearchState, counts: dict[str, list[tuple[str, int]]]) -> list[FacetGroup]:
    groups = []
    selected_years = state.values[YEAR_FIELD]
    for facet in ALL_FACETS:
        values = counts.get(facet.name, [])
        heading = facet.label
        if facet.name == YEAR_FIELD:
            values = sorted(values, key=lambda item: item[0], reverse=True)
        elif facet.name == MONTH_FIELD:
            # Months drill down from the selected years; without one, the year list is enough.
            if not selected_years:
                continue
            values = sorted(v for v in values if v[0][:4] in selected_years)
            heading = "Months of " + ", ".join(sorted(selected_years))
        selected = {facet.key(v): v for v in state.values[facet.name]}
        choices = []
        for value, count in values[:HTML_FACET_VALUES]:
            typed = selected.pop(facet.key(value), None)
            url = state.without_value(facet.name, typed) if typed is not None else state.with_value(facet.name, value)
            choices.append(FacetChoice(value, value_label(facet.name, value), count, typed is not None, url))
        # Selected values the results no longer contain stay listed, so they can be removed.
        choices += [
            FacetChoice(v, value_label(facet.name, v), 0, True, state.without_value(facet.name, v))
            for v in selected.values()
        ]
        if not choices:
            continue
        chosen = [c for c in choices if c.selected]
        rest = [c for c in choices if not c.selected]
        room = max(facet.shown - len(chosen), 0)
        groups.append(FacetGroup(facet, heading, chosen + rest[:room], rest[room:]))
    return groups


def filter_chips(state: SearchState) -> list[Chip]:
    chips = []
    for facet in ALL_FACETS:
        for value in state.values[facet.name]:
            chips.append(
                Chip(f"{facet.label}: {value_label(facet.name, value)}", state.without_value(facet.name, value))
            )
    for parameter, label in (("from", "From"), ("to", "To")):
        for value in state.values[parameter]:
            chips.append(Chip(f"{label}: {value}", state.url(state.changed(parameter, []))))
    return chips


# ---------------------------------------------------------------- the view


def requested_format(request) -> str:
    """The format to answer in, even when the parameters are invalid (errors come in that format too)."""
    wanted = request.GET.get("format")
    return wanted if wanted in (JSON, CSV) else HTML


class SearchView(View):
    """Validates the parameters, runs the search and answers as a page, JSON or CSV."""

    template_name = "search/search.html"

    def get(self, request):
        form = SearchForm(request.GET)
        wanted = requested_format(request)
        if not form.is_valid():
            return self.invalid(request, form, wanted)
        try:
            search = ArticleSearch(form.cleaned_data)
            if wanted == JSON:
                return self.as_json(request, form, search)
            if wanted == CSV:
                return self.as_csv(request, form, search)
            return self.as_page(request, form, search)
        except SearchUnavailable as error:
            return unavailable(request, error, wanted)

    # Errors -----------------------------------------------------------------------------------

    def invalid(self, request, form: SearchForm, wanted: str):
        messages = form.error_messages()
        if wanted == JSON:
            return JsonResponse({"errors": messages}, status=400, json_dumps_params={"ensure_ascii": False})
        if wanted == CSV:
            return HttpResponse("\n".join(messages) + "\n", status=400, content_type="text/plain; charset=utf-8")
        context = {
            "page_title": "Search: check the address",
            # The form as submitted: a mistyped date stays in its box, marked, to be corrected there.
            "form": form,
            "sort_choices": SORTS,
            "current_sort": form.data.get("sort", ""),
            "errors": messages,
            "hide_header_search": True,
        }
        return render(request, self.template_name, context, status=400)

    # The page ---------------------------------------------------------------------------------

    def as_page(self, request, form: SearchForm, search: ArticleSearch):
        cleaned = form.cleaned_data
        outcome = search.page(cleaned["page"], form.page_size)
        state = SearchState(cleaned)
        page_obj = Paginator(range(outcome.count), outcome.page_size).page(outcome.page)
        query = cleaned["q"]
        pages = person_pages(name for hit in outcome.hits for name in hit.people)
        context = {
            "page_title": f"Search: {query}" if query else "Search",
            "hide_header_search": True,  # the page has its own search form
            "form": form,
            "query": query,
            "outcome": outcome,
            "hits": [result_view(hit, pages) for hit in outcome.hits],
            "also_searched": also_searched(outcome),
            "people_offered": outcome.people,
            "page_obj": page_obj,
            "pagination_label": "Result pages",
            "facet_groups": facet_groups(state, outcome.facets),
            "chips": filter_chips(state),
            "clear_url": state.cleared() if state.has_filters else None,
            "hidden_filters": [(facet.name, value) for facet in ALL_FACETS for value in state.values[facet.name]],
            "suggestion_url": state.url(state.changed("q", [outcome.suggestion])) if outcome.suggestion else None,
            "json_url": state.url(format=JSON),
            "csv_url": state.url(format=CSV),
            "csv_limit": CSV_MAX_ROWS if outcome.count > CSV_MAX_ROWS else None,
            "feed_url": feed_url(state),
            "sort_label": SORT_PHRASES[effective_sort(search)],
            "sort_choices": SORTS,
            "current_sort": effective_sort(search),
        }
        return render(request, self.template_name, context)

    # JSON and CSV -----------------------------------------------------------------------------

    def as_json(self, request, form: SearchForm, search: ArticleSearch):
        cleaned = form.cleaned_data
        outcome = search.page(cleaned["page"], form.page_size)
        state = SearchState(cleaned)
        absolute = request.build_absolute_uri
        pages = person_pages(name for hit in outcome.hits for name in hit.people)
        payload = {
            "query": cleaned["q"],
            "interpreted_as": search.query_text,
            "also_searched": [
                {"typed": expansion.typed, "also": list(expansion.also), "kind": expansion.kind}
                for expansion in outcome.expansions
            ],
            "people_named": [
                {
                    "name": spellings.name,
                    "url": absolute(spellings.person.get_absolute_url()),
                    "spellings": spellings.all,
                }
                for spellings in outcome.people
            ],
            "notices": outcome.notices,
            "count": outcome.count,
            "page": page_info(state, outcome, absolute),
            "sort": effective_sort(search),
            "filters": {name: items for name, items in state.values.items() if name not in ("q", "sort")},
            "did_you_mean": (
                {
                    "query": outcome.suggestion,
                    "count": outcome.suggestion_count,
                    "url": absolute(state.url(state.changed("q", [outcome.suggestion]), format=JSON)),
                }
                if outcome.suggestion
                else None
            ),
            "results": [hit_as_dict(hit, absolute, pages) for hit in outcome.hits],
            "facets": {name: dict(values[:JSON_FACET_VALUES]) for name, values in outcome.facets.items()},
            "facet_values_limit": JSON_FACET_VALUES,
            "csv_limit": CSV_MAX_ROWS,
        }
        return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})

    def as_csv(self, request, form: SearchForm, search: ArticleSearch):
        total, hits = search.rows(CSV_MAX_ROWS)
        rows = (
            {
                "source_file": hit.source_file,
                "url": request.build_absolute_uri(hit.url) if hit.url else "",
                "title": hit.title,
                "date": hit.date_iso,
                "date_precision": hit.date_precision,
                "date_label": hit.date_label,
                "outlet": "; ".join(hit.outlets),
                "people": "; ".join(hit.people),
                "opening": hit.opening,
            }
            for hit in hits
        )
        response = csv_response("search-results.csv", CSV_COLUMNS, rows)
        # How many results there are and how many this file holds, for scripts that need to know.
        response["X-Total-Count"] = str(total)
        response["X-Rows"] = str(len(hits))
        return response


# ---------------------------------------------------------------- shared pieces


def effective_sort(search: ArticleSearch) -> str:
    if search.sort == RELEVANCE and not search.query_text:
        return NEWEST
    return search.sort if search.sort in (NEWEST, OLDEST) else RELEVANCE


def feed_url(state: SearchState) -> str:
    values = {name: items for name, items in state.values.items() if name != "sort"}
    pairs = [(name, value) for name, items in values.items() for value in items]
    path = reverse("search:feed")
    return f"{path}?{urlencode(pairs)}" if pairs else path


@dataclass(frozen=True)
class ResultView:
    hit: Hit
    people: list[tuple[str, str | None]]  # (name, URL of the person's page, if the name is a known person)


def person_pages(names) -> dict[str, str]:
    """The page of each named person, in one query (a name nobody resolved to a person has none)."""
    names = set(names)
    if not names:
        return {}
    found = Person.objects.filter(name__in=names).values_list("name", "slug")
    return {name: reverse("articles:person", kwargs={"slug": slug}) for name, slug in found}


def result_view(hit: Hit, pages: dict[str, str]) -> ResultView:
    # A name opens the person's page, as it does everywhere else; narrowing is the facet's job.
    return ResultView(hit, [(name, pages.get(name)) for name in hit.people])


def also_searched(outcome: Outcome) -> list[dict]:
    """What else the query was searched as, for the sentence above the results."""
    return [{"typed": expansion.typed, "also": expansion.also} for expansion in outcome.expansions]


def hit_as_dict(hit: Hit, absolute, pages: dict[str, str] | None = None) -> dict:
    pages = pages or {}
    return {
        "source_file": hit.source_file,
        "url": absolute(hit.url) if hit.url else "",
        "title": hit.title,
        "date": hit.date_iso or None,
        "date_precision": hit.date_precision,
        "date_label": hit.date_label,
        "date_uncertain": hit.date_uncertain,
        "outlet": hit.outlets,
        "people": hit.people,
        "person_pages": {name: absolute(pages[name]) for name in hit.people if name in pages},
        "snippet": hit.snippet_text,
        "snippet_html": str(hit.snippet_html),
        "score": round(hit.score, 4),
    }


def page_info(state: SearchState, outcome: Outcome, absolute) -> dict:
    def page_url(number):
        return absolute(state.url(page=str(number), format=JSON))

    return {
        "number": outcome.page,
        "size": outcome.page_size,
        "pages": outcome.num_pages,
        "previous": page_url(outcome.page - 1) if outcome.page > 1 else None,
        "next": page_url(outcome.page + 1) if outcome.page < outcome.num_pages else None,
    }


def unavailable(request, error: SearchUnavailable, wanted: str = HTML):
    logger.error("Search is unavailable: %s Hint: %s", error, error.hint)
    message = "Search is unavailable: the search index is missing or cannot be read. Please try again later."
    if wanted == JSON:
        return JsonResponse({"errors": [message]}, status=503)
    if wanted == CSV:
        return HttpResponse(message + "\n", status=503, content_type="text/plain; charset=utf-8")
    context = {"page_title": "Search is unavailable", "message": message, "hide_header_search": True}
    return render(request, "search/unavailable.html", context, status=503)
