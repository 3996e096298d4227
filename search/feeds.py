"""An Atom feed per search: /search/feed/ takes the search page's parameters (words, filters, dates)
and lists the newest matching articles, so a reader can follow a query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

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


class SearchFeed(Feed):
    feed_type = Atom1Feed

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
        return FeedSearch(SearchState(cleaned), cleaned["q"], outcome.hits)

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
        return "The newest articles of the Việt Nam–China exchanges archive matching this search."

    def items(self, search: FeedSearch) -> list[Hit]:
        return search.hits

    def item_title(self, hit: Hit) -> str:
        return hit.title

    def item_link(self, hit: Hit) -> str:
        return hit.url

    def item_description(self, hit: Hit) -> str:
        return hit.snippet_text

    def item_pubdate(self, hit: Hit) -> datetime.datetime | None:
        # The first day the article's date covers; an undated article carries no date.
        if not hit.date_iso:
            return None
        parts = [int(part) for part in hit.date_iso.split("-")] + [1, 1]
        return timezone.make_aware(datetime.datetime(parts[0], parts[1], parts[2]))

    def item_categories(self, hit: Hit) -> list[str]:
        return hit.people
