"""Bring the search index up to date with the database, cheaply when it already is."""

from django.core.management.base import BaseCommand
from haystack import connections
from haystack.constants import DEFAULT_ALIAS, DJANGO_ID
from haystack.query import SearchQuerySet

from articles.models import Article
from search import indexing
from search.backend import SearchUnavailable
from search.haystack_api import has_portal_extras


class Command(BaseCommand):
    help = (
        "Index what the database holds and the index lacks, drop what it no longer holds, and write every "
        "queued change (an import interrupted, an index folder deleted or restored from an older backup). "
        "Articles already indexed are not rewritten; use rebuild_index for that."
    )

    def handle(self, *args, verbosity=1, **options):
        indexed = indexed_article_ids()
        stored = set(Article.objects.values_list("pk", flat=True))
        indexing.queue_articles(stored - indexed)
        indexing.queue_removal(indexed - stored)
        report = indexing.process_queue(lock_timeout=60.0)
        if verbosity >= 1:
            if report.updated or report.removed or report.deferred:
                self.stdout.write(f"Search index: {len(stored)} articles in the database; {report}.")
            else:
                # The import indexes as it goes: "0 indexed" would read as if nothing were searchable.
                self.stdout.write(
                    f"Search index: all {len(stored)} articles already indexed; nothing to add or remove."
                )
        if report.deferred:
            self.stderr.write(self.style.WARNING("The index stayed locked by another writer; run this again later."))


def indexed_article_ids() -> set[int]:
    """Ids of the articles the index holds; none when there is no index yet."""
    backend = connections[DEFAULT_ALIAS].get_backend()
    if not has_portal_extras(backend):  # another engine: ask it through haystack's common API
        found = SearchQuerySet(using=DEFAULT_ALIAS).models(Article).values_list("pk", flat=True)
        return {int(pk) for pk in found}
    if hasattr(backend, "indexed_article_ids"):  # Solr (search/solr.py)
        return backend.indexed_article_ids()
    try:
        searcher = backend.searcher()
    except SearchUnavailable:
        backend.setup()  # create the empty index the queue drain writes into
        return set()
    reader = searcher.reader()
    # The lexicon keeps the terms of deleted documents until their segment merges: check the postings.
    return {
        int(term)
        for term in reader.lexicon(DJANGO_ID)
        if any(not reader.is_deleted(doc) for doc in reader.postings(DJANGO_ID, term).all_ids())
    }
