"""Searching through haystack's common API, for any engine other than the portal's own two.

README promises that HAYSTACK_ENGINE may name another haystack engine (Elasticsearch, haystack's
plain Solr engine) with no code change. Those engines lack the extras of the portal's engines
(search/engine.py: the tuned Whoosh backend and search.solr.PortalSolrEngine), so the
search page falls back to what every haystack engine offers: SearchQuerySet's auto_query, filter,
order_by and facet. What is lost: acronym expansion, accent folding and facet keys (unless the
engine does them), OR, brackets and prefix*; "did you mean" only if the engine was configured with
INCLUDE_SPELLING. Snippets are marked by this archive's own analyzer (search/highlighting.py), so a
snippet still opens on the matched words.
"""

from __future__ import annotations

import functools
import logging
import operator
import re

from django.conf import settings
from haystack import connections
from haystack.query import SQ, SearchQuerySet

from articles.models import Article

from .analysis import text_analyzer
from .backend import SearchUnavailable
from .query import read_prepared

logger = logging.getLogger(__name__)

# What a result shows, as the index stores it (search_indexes.ArticleIndex).
SHOWN_FIELDS = ("title", "url", "source_file", "date_iso", "date_label", "outlet", "people", "snippet_source")
FACET_VALUES_ASKED = 1000  # per facet; engines that count facets stop at their own default otherwise
_ITEM = re.compile(r'"[^"]*"|[()]|[^\s()"]+')
NOT_READ = "This search engine does not read {ignored}: left out of the search."


def has_portal_extras(backend) -> bool:
    """True for the portal's engines (search/engine.py); False for any other haystack engine."""
    return bool(getattr(backend, "portal_extras", False))


def auto_query_text(prepared: str) -> tuple[str, list[str]]:
    """The prepared query (search/query.py syntax) in auto_query's syntax: words, "phrases", -exclusions.

    AND is what auto_query does anyway; NOT becomes "-" on the word or bracketed words it applies to.
    OR, brackets, a prefix's * and NOT before a phrase have no equivalent and are left out (with a
    notice): auto_query reads -"a phrase" as the phrase itself.
    """
    out: list[str] = []
    ignored: list[str] = []
    for item, negated in read_prepared(prepared):
        if item in ("AND", ")"):
            continue
        if item == "OR":
            ignored.append("OR")
            continue
        if item == "(":
            ignored.append("brackets")
            continue
        if not item.startswith('"') and item.endswith("*"):
            item = item.rstrip("*")
            ignored.append("a * ending a word")
        if negated and item.startswith('"'):
            ignored.append("NOT before a “phrase”")
            continue
        out.append(("-" if negated else "") + item)
    notices = []
    if ignored:
        names = list(dict.fromkeys(ignored))
        notices.append(NOT_READ.format(ignored=", ".join(names)))
    return " ".join(out), notices


def highlight_terms(text: str) -> set[str]:
    """The analysed words a snippet marks: those of the words and phrases not excluded with "-"."""
    analyzer = text_analyzer()
    terms = set()
    for item in _ITEM.findall(text):
        if item.startswith("-"):
            continue
        terms.update(token.text for token in analyzer(item.strip('"'), mode="query"))
    return terms


class HaystackSearch:
    """One engine's searches through SearchQuerySet, answering like the tuned backend's search()."""

    def __init__(self, using: str):
        self.using = using

    def queryset(self, text: str, filters: list[SQ], sort: list[str] | None) -> SearchQuerySet:
        found = SearchQuerySet(using=self.using)
        found = found.auto_query(text) if text else found.all()
        for condition in filters:
            found = found.filter(condition)
        return found.order_by(*sort) if sort else found

    def search(self, text: str, filters: list[SQ], *, start: int, end: int, facets=None, sort=None) -> dict:
        search_query = self.queryset(text, filters, sort).query
        search_query.set_limits(start, end)
        try:
            results = list(search_query.get_results())
            hits = search_query.get_count()
        except Exception as exc:  # a server down or refusing the query: a 503, not a 500
            logger.exception("The search engine failed on %r", text)
            raise SearchUnavailable(
                f"The search engine {self.engine_name} failed ({type(exc).__name__}: {exc}).",
                hint="Check HAYSTACK_ENGINE and HAYSTACK_URL, and that the engine's server is running.",
            ) from exc
        if len(results) > end - start:  # an engine that ignores offsets (haystack's SimpleEngine)
            results = results[start:end]
        return {"results": self.with_shown_fields(results), "hits": hits, "facets": self.facets(text, filters, facets)}

    def facets(self, text: str, filters: list[SQ], names) -> dict:
        """Facet counts from a query of their own: an engine that cannot count a field (a text field
        in Elasticsearch) fails that query, and silently failing engines would empty the results too."""
        if not names:
            return {}
        counted = self.queryset(text, filters, None)
        for name in names:
            counted = counted.facet(name, size=FACET_VALUES_ASKED)
        try:
            return counted.facet_counts() or {}
        except Exception:
            logger.warning("The search engine %s gave no facet counts", self.engine_name, exc_info=True)
            return {}

    def spelling_suggestion(self, text: str) -> str | None:
        """The engine's own suggestion when it was configured to make them (INCLUDE_SPELLING)."""
        if not getattr(connections[self.using].get_backend(), "include_spelling", False):
            return None
        try:
            suggestion = SearchQuerySet(using=self.using).auto_query(text).spelling_suggestion()
        except Exception:
            logger.warning("The search engine %s gave no spelling suggestion", self.engine_name, exc_info=True)
            return None
        return suggestion if isinstance(suggestion, str) and suggestion.strip() else None

    def with_shown_fields(self, results: list) -> list:
        """Results carrying what a result shows. Engines that return the stored fields (Elasticsearch,
        Solr) need nothing more; for the others the articles are loaded in one go and prepared as the
        index would have stored them. Articles deleted since they were indexed are left out."""
        missing = [result for result in results if "url" not in vars(result)]
        if not missing:
            return results
        search_index = connections[self.using].get_unified_index().get_index(Article)
        to_pk = Article._meta.pk.to_python
        articles = search_index.index_queryset(using=self.using).in_bulk([to_pk(r.pk) for r in missing])
        kept = []
        for result in results:
            if "url" not in vars(result):
                article = articles.get(to_pk(result.pk))
                if article is None:
                    continue
                vars(result).update({name: _prepared(search_index, name, article) for name in SHOWN_FIELDS})
            kept.append(result)
        return kept

    @property
    def engine_name(self) -> str:
        return settings.HAYSTACK_CONNECTIONS.get(self.using, {}).get("ENGINE", self.using)


def _prepared(search_index, name: str, article):
    method = getattr(search_index, f"prepare_{name}", None)
    return method(article) if method else search_index.fields[name].prepare(article)


def any_of(conditions: list[SQ]) -> SQ:
    return functools.reduce(operator.or_, conditions)
