"""The one interface the portal's search and index queue need from a search engine.

Two engines implement it: the tuned Whoosh backend in the data folder (search/backend.py, the
default) and SolrCloud through haystack's Solr backend (search/solr.py). HAYSTACK_ENGINE chooses:

    search.backend.PortalWhooshEngine   Whoosh, HAYSTACK_PATH (default: whoosh_index/ in the data folder)
    search.solr.PortalSolrEngine        Solr, HAYSTACK_URL (a collection's URL on any node)

What ArticleSearch (search/searching.py) and the queue drain (search/indexing.py) call, with the same
meaning on both engines:

    portal_extras = True                    the engine offers everything below
    acronym_table()                         shipped acronyms plus those the articles define
    parse_user_query(prepared) -> q | None  None when the query holds only stop words
    highlight_terms(prepared)               (analysed terms, prefixes) a snippet marks
    search(prepared, sort_by=, start_offset=, end_offset=, facets=, narrow_queries=)
                                            {"results", "hits", "facets": {"fields": {name: [(value, count)]}}};
                                            end_offset == start_offset: hits and facets only, unranked
    create_spelling_suggestion(typed)       the query with unknown words corrected, or None
    filter_syntax                           how narrow_queries are written (FilterSyntax below)
    writer(timeout) -> writer               delete_by_term(ID, identifier), update_document(**doc),
                                            commit(optimize=False), cancel(); raises IndexBusy when
                                            the index cannot be written now (Whoosh: its lock is held;
                                            Solr: another drain holds the writer lease, or the cluster
                                            does not answer), so changes stay queued
    commit(writer)                          commits a drained batch (Whoosh: without merging segments,
                                            which a process of its own does; Solr: a soft commit)
    document(search_index, obj) -> dict     the document update_document() takes

sync_search_index asks Solr for the ids it holds (indexed_article_ids()) and reads Whoosh's lexicon.

Any other haystack engine is served through haystack's common API instead (search/haystack_api.py),
with fewer features.
"""

from __future__ import annotations

from .facets import ALL, Facet


class FilterSyntax:
    """Filters on facet values and date numbers in Whoosh's query syntax (the default engine's)."""

    def facet(self, facet: Facet, values: list[str]) -> list[str]:
        """Filter queries selecting `values` of `facet`, matched by their key (letters and digits only,
        so nothing a reader typed can change the query's syntax)."""
        keys = [key for key in (facet.key(value) for value in values) if key]
        if not keys:
            return []
        terms = [self.facet_term(facet.name, key) for key in keys]
        if facet.combine == ALL:
            return terms
        return ["(" + " OR ".join(terms) + ")"]

    def facet_term(self, name: str, key: str) -> str:
        return f"{name}:'{key}'"

    def at_least(self, field: str, number: int) -> str:
        return f"{field}:[{number} TO]"

    def at_most(self, field: str, number: int) -> str:
        return f"{field}:[TO {number}]"


class SolrFilterSyntax(FilterSyntax):
    """The same filters in Solr's syntax: each facet's key lives in its `<name>_key` field."""

    def facet_term(self, name: str, key: str) -> str:
        return f"{name}_key:{key}"

    def at_least(self, field: str, number: int) -> str:
        return f"{field}:[{number} TO *]"

    def at_most(self, field: str, number: int) -> str:
        return f"{field}:[* TO {number}]"


WHOOSH_FILTERS = FilterSyntax()


def filter_syntax(backend) -> FilterSyntax:
    return getattr(backend, "filter_syntax", WHOOSH_FILTERS)
