"""Keeping the search index in step with the database: a queue drained by one writer at a time.

    queue_articles(ids)      articles to (re)index
    queue_removal(ids)       articles to take out of the index
    process_queue()          drain the queue into the index now (returns a DrainReport)
    articles_changed(ids)    queue, then drain once the current transaction commits (admin edits)
    people_changed(ids)      the same for every article that shows these people

The archive tells of its changes through articles.signals; SearchConfig.ready() connects the
receivers at the end of this module to them.

The queue is a table, so nothing is lost across processes. A drain takes Whoosh's write lock
(waiting `lock_timeout` seconds for it), and under the lock reads the queue, loads the articles as
they are now, writes them and commits; only then are the queue rows deleted. Loading under the lock
means the last writer always wrote the newest state. When the lock stays busy the rows simply stay
queued: the writer holding the lock drains again before it stops, and so does every later drain.
An article that no longer exists is removed from the index.

Engines other than the tuned Whoosh backend have no such writer: their queue is drained through
haystack's backend.update() / remove(), each engine taking care of concurrent writes itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from haystack import connections
from haystack.constants import DEFAULT_ALIAS, ID
from haystack.utils import get_identifier

from articles.models import Article

from .backend import IndexBusy
from .haystack_api import has_portal_extras
from .models import PendingIndexChange

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
ARTICLES_READ_AT_ONCE = 100
LOCK_TIMEOUT = 5.0  # seconds a drain waits for another writer before leaving its rows queued


@dataclass
class DrainReport:
    updated: int = 0
    removed: int = 0
    deferred: bool = False  # the write lock stayed busy; rows are still queued

    def __str__(self):
        text = f"{self.updated} article(s) indexed, {self.removed} removed"
        return text + ("; index busy, the rest stays queued" if self.deferred else "")


def _ids(ids: Iterable) -> list[int]:
    return sorted({int(i) for i in ids if i is not None})


def queue_articles(ids: Iterable[int]) -> None:
    """Queue articles to be (re)indexed from the database state at drain time."""
    PendingIndexChange.objects.bulk_create(
        [PendingIndexChange(article_id=i, action=PendingIndexChange.Action.UPDATE) for i in _ids(ids)]
    )


def queue_removal(ids: Iterable[int]) -> None:
    """Queue articles to be taken out of the index, whether or not their rows still exist."""
    PendingIndexChange.objects.bulk_create(
        [PendingIndexChange(article_id=i, action=PendingIndexChange.Action.REMOVE) for i in _ids(ids)]
    )


def pending_count() -> int:
    return PendingIndexChange.objects.count()


def _search_index():
    return connections[DEFAULT_ALIAS].get_unified_index().get_index(Article)


def _backend():
    return connections[DEFAULT_ALIAS].get_backend()


def process_queue(
    *, lock_timeout: float = LOCK_TIMEOUT, batch_size: int = BATCH_SIZE, whole_batches: bool = False
) -> DrainReport:
    """Write every queued change to the index, a batch per commit, until the queue is empty (or, with
    `whole_batches`, until less than a batch is queued: each commit is a segment, and an import's
    writer keeps them the same size so that merges rewrite each document as few times as they can).

    Never raises Whoosh's LockError: if another writer keeps the lock for `lock_timeout` seconds,
    the remaining rows stay queued and the report says `deferred`.
    """
    backend, search_index = _backend(), _search_index()
    if not has_portal_extras(backend):
        return _drain_through_haystack(backend, search_index, batch_size)
    report = DrainReport()
    while PendingIndexChange.objects.count() >= batch_size if whole_batches else PendingIndexChange.objects.exists():
        try:
            writer = backend.writer(lock_timeout)
        except IndexBusy:
            logger.info("Search index busy; %d change(s) stay queued", pending_count())
            report.deferred = True
            break
        try:
            done, updated, removed = _write_batch(writer, backend, search_index, batch_size)
        except BaseException:
            writer.cancel()
            raise
        if not done:  # another drain emptied the queue while this one waited for the lock
            writer.cancel()
            break
        backend.commit(writer)
        PendingIndexChange.objects.filter(pk__in=done).delete()
        report.updated += updated
        report.removed += removed
    return report


def _queued(batch_size: int) -> tuple[list[int], list[int], list[int]]:
    """The oldest queued rows' ids, the articles to write, and every article they name."""
    rows = list(PendingIndexChange.objects.order_by("pk").values_list("pk", "article_id", "action")[:batch_size])
    newest_action = {}
    for _, article_id, action in rows:  # ordered by pk, so the last action per article wins
        newest_action[article_id] = action
    wanted = [i for i, action in newest_action.items() if action == PendingIndexChange.Action.UPDATE]
    return [pk for pk, _, _ in rows], wanted, list(newest_action)


def _next_batch(search_index, batch_size: int) -> tuple[list[int], list[Article], list[int]]:
    """The oldest queued rows' ids, the articles to write as they are now, and the ids to remove."""
    done, wanted, named = _queued(batch_size)
    articles = list(search_index.index_queryset().filter(pk__in=wanted))
    present = {article.pk for article in articles}
    return done, articles, [i for i in named if i not in present]


def _write_batch(writer, backend, search_index, batch_size: int) -> tuple[list[int], int, int]:
    """One commit's worth of the queue; its articles are read ARTICLES_READ_AT_ONCE at a time (with
    everything they show, they weighed more than the postings of a 500-article segment)."""
    done, wanted, named = _queued(batch_size)
    present = set()
    for start in range(0, len(wanted), ARTICLES_READ_AT_ONCE):
        for article in search_index.index_queryset().filter(pk__in=wanted[start : start + ARTICLES_READ_AT_ONCE]):
            writer.update_document(**backend.document(search_index, article))
            present.add(article.pk)
    gone = [i for i in named if i not in present]
    for article_id in gone:
        writer.delete_by_term(ID, get_identifier(Article(pk=article_id)))
    return done, len(present), len(gone)


def _drain_through_haystack(backend, search_index, batch_size: int) -> DrainReport:
    report = DrainReport()
    while True:
        done, articles, gone = _next_batch(search_index, batch_size)
        if not done:
            return report
        for article_id in gone:
            backend.remove(get_identifier(Article(pk=article_id)))
        if articles:
            backend.update(search_index, articles)
        PendingIndexChange.objects.filter(pk__in=done).delete()
        report.updated += len(articles)
        report.removed += len(gone)


def optimize_index(*, lock_timeout: float = 60.0) -> bool:
    """Merge the index into one segment (after a large import); False if the lock stayed busy or
    the engine is not the tuned Whoosh backend (other engines merge segments themselves)."""
    if not has_portal_extras(_backend()):
        return False
    try:
        _backend().writer(lock_timeout).commit(optimize=True)
    except IndexBusy:
        logger.warning("Search index busy; not optimized")
        return False
    return True


def _drain_after_commit() -> None:
    # Runs after the editor's transaction committed: a failure here must not turn a saved edit into
    # an error page. The rows stay queued for the next drain.
    try:
        process_queue()
    except Exception:
        logger.exception("Draining the search queue failed; %d change(s) stay queued", pending_count())


def articles_changed(ids: Iterable[int]) -> None:
    """Queue articles and drain the queue once the current transaction commits (once per transaction)."""
    ids = _ids(ids)
    if not ids:
        return
    queue_articles(ids)
    already_scheduled = any(entry[1] is _drain_after_commit for entry in connection.run_on_commit)
    if not already_scheduled:
        transaction.on_commit(_drain_after_commit, robust=True)


def people_changed(person_ids: Iterable[int]) -> None:
    """Re-index every article that mentions these people or reports a meeting with them."""
    person_ids = _ids(person_ids)
    article_ids = Article.objects.filter(
        Q(mentions__person__in=person_ids) | Q(meetings__participants__person__in=person_ids)
    ).values_list("pk", flat=True)
    articles_changed(set(article_ids))


# ---------------------------------------------------------------- receivers of articles.signals (search/apps.py)
# Module functions are looked up when a signal arrives, so a test may replace them.


def on_articles_stored(sender, article_ids, **kwargs) -> None:
    queue_articles(article_ids)


def on_articles_changed(sender, article_ids, **kwargs) -> None:
    articles_changed(article_ids)


def on_people_changed(sender, person_ids, **kwargs) -> None:
    people_changed(person_ids)


def on_import_started(sender, batch_size: int, **kwargs):
    """A process that drains the queue beside the import (None where it could not see the import's writes)."""
    from .writer_process import IndexWriterProcess

    return IndexWriterProcess.start(batch_size=batch_size)


def on_import_progress(sender, wait: float, batch_size: int, final: bool = False, **kwargs) -> int:
    """Drain the queue as an import goes; the changes left queued (another writer held the index)."""
    report = process_queue(lock_timeout=wait, batch_size=batch_size)
    return pending_count() if report.deferred else 0
