"""An Atom feed per search: /search/feed/ takes the search page's parameters (words, filters, dates)
and lists the newest matching articles, so a reader can follow a query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone

from articles.feeds import TextSummaryAtomFeed
from articles.models import Article
from articles.scope import current_scope

from .backend import SearchUnavailable
from .forms import CSV, NEWEST, SearchForm
from .searching import ArticleSearch, Hit
from .views import SearchState, feed_url, unavailable

FEED_SIZE = 30


@dataclass
class FeedSearch:
    state: SearchState
    query: str
    hits: list[Hit]
    updated: dict[str, datetime.datetime]  # source file -> when the article last changed


@dataclass
class FeedEntry:
    hit: Hit
    updated: datetime.datetime | None


class SearchFeed(Feed):
    feed_type = TextSummaryAtomFeed

    def __call__(self, request, *args, **kwargs):
        form = SearchForm(request.GET)
        if not form.is_valid():
            message = "\n".join(form.error_messages())
            return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")
        request.search_form = form
        try:
            return super().__call__(request, *args, **kwargs)
        except SearchUnavailable as error:
            return unavailable(request, error, CSV)

    def get_object(self, request, *args, **kwargs) -> FeedSearch:
        cleaned = {**request.search_form.cleaned_data, "sort": NEWEST}  # a feed is about what is new
        outcome = ArticleSearch(cleaned).page(1, FEED_SIZE, with_facets=False, with_suggestion=False)
        # Atom requires each entry's last change, which the index does not hold: one query for the page.
        updated = dict(
            Article.objects.filter(source_file__in=[hit.source_file for hit in outcome.hits]).values_list(
                "source_file", "updated_at"
            )
        )
        return FeedSearch(SearchState(cleaned), cleaned["q"], outcome.hits, updated)

    def title(self, search: FeedSearch) -> str:
        filters = "; ".join(
            ", ".join(items) for name, items in search.state.values.items() if name not in ("q", "sort") and items
        )
        words = f"“{search.query}”" if search.query else "all articles"
        return f"Search: {words}" + (f" ({filters})" if filters else "")

    def link(self, search: FeedSearch) -> str:
        return search.state.url()

    def feed_url(self, search: FeedSearch) -> str:
        return feed_url(search.state)

    def subtitle(self, search: FeedSearch) -> str:
        return f"The newest articles of {current_scope().name} that match this search."

    def items(self, search: FeedSearch) -> list[FeedEntry]:
        return [FeedEntry(hit, search.updated.get(hit.source_file)) for hit in search.hits]

    def item_title(self, entry: FeedEntry) -> str:
        return entry.hit.title

    def item_link(self, entry: FeedEntry) -> str:
        return entry.hit.url

    def item_description(self, entry: FeedEntry) -> str:
        return entry.hit.snippet_text

    def item_pubdate(self, entry: FeedEntry) -> datetime.datetime | None:
        # The first day the article's date covers; an undated article carries no date.
        if not entry.hit.date_iso:
            return None
        parts = [int(part) for part in entry.hit.date_iso.split("-")] + [1, 1]
        return timezone.make_aware(datetime.datetime(parts[0], parts[1], parts[2]))

    def item_updateddate(self, entry: FeedEntry) -> datetime.datetime:
        return entry.updated or self.item_pubdate(entry) or timezone.now()

    def item_categories(self, entry: FeedEntry) -> list[str]:
        return entry.hit.people
