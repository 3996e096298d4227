"""The index follows the database: admin saves, person merges and deletes, rebuild_index, two writers
at once, on both engines; Whoosh's write lock; and a missing, unreadable or unreachable index gives a
503 page with a logged hint, never a traceback."""

from __future__ import annotations

import copy
import re
import socket
import threading
import time

import pytest
from conftest import SOLR_ENGINE, index_now, post_change, use_connection
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from factories import make_article, make_person
from haystack import connections

from articles.merging import merge_people
from articles.models import Article
from search import indexing
from search.backend import PortalWhooshSearchBackend


def indexed_titles() -> dict[int, str]:
    """Article id -> title, as the index holds them now (on either engine)."""
    found = connections["default"].get_backend().search("", start_offset=0, end_offset=1000)
    assert found["hits"] == len(found["results"])
    return {int(result.pk): result.title for result in found["results"]}


def database_titles() -> dict[int, str]:
    return dict(Article.objects.values_list("pk", "title"))


def found(client, **params) -> set[str]:
    response = client.get("/search/", {**params, "format": "json"})
    assert response.status_code == 200
    return {result["title"] for result in response.json()["results"]}


# ---------------------------------------------------------------- editors' changes


def test_the_archive_tells_the_search_app_through_signals_and_never_imports_it():
    from django.conf import settings

    from articles import signals

    for signal in (
        signals.articles_stored,
        signals.articles_changed,
        signals.people_changed,
        signals.import_started,
        signals.import_progress,
    ):
        assert signal.has_listeners(), signal
    importing_search = re.compile(r"^\s*(from search\b|import search\b)", re.M)
    archive = settings.BASE_DIR / "articles"
    found = [str(path) for path in archive.rglob("*.py") if importing_search.search(path.read_text(encoding="utf-8"))]
    assert not found, f"the archive imports the search app in {found}"


@pytest.mark.django_db
def test_an_admin_save_updates_the_index(engine, admin_client, django_capture_on_commit_callbacks):
    article = make_article("Talks in Hạ Long", body="The ministers met in Hạ Long.")
    index_now(article)
    with django_capture_on_commit_callbacks(execute=True):
        post_change(admin_client, article, title="Talks in Zanzibar")
    assert found(admin_client, q="Zanzibar") == {"Talks in Zanzibar"}
    assert indexed_titles() == {article.pk: "Talks in Zanzibar"}
    assert indexing.pending_count() == 0


@pytest.mark.django_db
def test_a_person_merge_updates_the_people_of_their_articles(engine, client, django_capture_on_commit_callbacks):
    survivor, duplicate = make_person("Phạm Minh Chính"), make_person("P. M. Chinh")
    article = make_article("A visit", people=[duplicate])
    index_now(article)
    assert found(client, people="P. M. Chinh") == {"A visit"}
    with django_capture_on_commit_callbacks(execute=True):
        merge_people(survivor, [duplicate])
    assert found(client, people="Phạm Minh Chính") == {"A visit"}
    assert found(client, people="P. M. Chinh") == set()
    facets = client.get("/search/", {"format": "json"}).json()["facets"]["people"]
    assert facets == {"Phạm Minh Chính": 1}
    assert found(client, q="Chinh") == {"A visit"}  # the merged-away name is an alias, still searchable


@pytest.mark.django_db
def test_an_admin_delete_takes_the_article_out(engine, admin_client, django_capture_on_commit_callbacks):
    kept, doomed = make_article("Kept report on Cam Ranh"), make_article("Doomed report on Cam Ranh")
    index_now(kept, doomed)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:articles_article_delete", args=[doomed.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert found(admin_client, q="Cam Ranh") == {"Kept report on Cam Ranh"}
    assert set(indexed_titles()) == {kept.pk}


@pytest.mark.django_db
def test_a_removal_queued_for_a_gone_article_is_applied(engine):
    article = make_article("Soon gone")
    index_now(article)
    pk = article.pk
    article.delete()
    indexing.queue_removal([pk])
    assert indexing.process_queue().removed == 1
    assert indexed_titles() == {}


@pytest.mark.django_db
def test_rebuild_index_rebuilds_from_the_database(engine, client):
    indexed = make_article("Indexed once, then deleted")
    index_now(indexed)
    Article.objects.filter(pk=indexed.pk).delete()  # behind the queue's back: the index keeps it
    never_indexed = [make_article(f"Never indexed {i}") for i in range(3)]
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert indexed_titles() == {a.pk: a.title for a in never_indexed}
    assert found(client, q="never indexed") == {a.title for a in never_indexed}


# ---------------------------------------------------------------- two writers


@pytest.mark.django_db(transaction=True)
def test_a_busy_write_lock_leaves_changes_queued_and_raises_nothing(engine):
    # On Whoosh the index's write lock, on Solr the index writer lease shared through the database.
    article = make_article("First headline")
    index_now(article)
    held = connections["default"].get_backend().writer(5)  # another writer, e.g. an import
    try:
        Article.objects.filter(pk=article.pk).update(title="Second headline")
        indexing.queue_articles([article.pk])
        report = indexing.process_queue(lock_timeout=0.1)
        assert report.deferred and indexing.pending_count() == 1
    finally:
        held.commit()
    assert indexing.process_queue().updated == 1
    assert indexed_titles() == {article.pk: "Second headline"}


def run_collecting_errors(errors: list):
    def wrap(function):
        def run():
            try:
                function()
            except BaseException as error:  # reported by the test, not lost in the thread
                errors.append(error)
            finally:
                connection.close()

        return threading.Thread(target=run)

    return wrap


@pytest.mark.django_db(transaction=True)
def test_an_edit_during_an_import_is_neither_refused_nor_lost(fresh_index, monkeypatch):
    imported = [make_article(f"Imported article {i}") for i in range(12)]
    edited, deleted = make_article("Original headline"), make_article("Article the editor deletes")
    index_now(edited, deleted)
    indexing.queue_articles(article.pk for article in imported)

    # Indexing is slowed down so that the import surely holds the write lock while the editor saves.
    writing = threading.Event()
    document = PortalWhooshSearchBackend.document

    def slow_document(self, search_index, obj):
        writing.set()
        time.sleep(0.05)
        return document(self, search_index, obj)

    monkeypatch.setattr(PortalWhooshSearchBackend, "document", slow_document)
    errors, reports = [], []

    def import_drain():
        reports.append(("import", indexing.process_queue()))

    def editor():
        assert writing.wait(10)
        retrying_when_sqlite_is_locked(Article.objects.filter(pk=edited.pk).update, title="Corrected headline")
        retrying_when_sqlite_is_locked(Article.objects.filter(pk=deleted.pk).delete)
        retrying_when_sqlite_is_locked(indexing.queue_articles, [edited.pk, deleted.pk])
        reports.append(("editor", retrying_when_sqlite_is_locked(indexing.process_queue, lock_timeout=0.1)))

    threads = [run_collecting_errors(errors)(import_drain), run_collecting_errors(errors)(editor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert dict(reports)["editor"].deferred  # the editor met the import's lock and did not wait for it
    # The import drained the editor's changes before it stopped: nothing is left for later.
    assert indexing.pending_count() == 0
    assert indexed_titles() == database_titles()
    assert indexed_titles()[edited.pk] == "Corrected headline" and deleted.pk not in indexed_titles()


def retrying_when_sqlite_is_locked(function, *args, **kwargs):
    """The test database is SQLite in memory, shared between threads, where a write meeting another
    connection's fails at once with "database table is locked" instead of waiting as a file database
    does. A drain cut short that way leaves its rows queued, so running it again loses nothing."""
    for _ in range(50):
        try:
            return function(*args, **kwargs)
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.02)
    raise AssertionError("SQLite stayed locked")


@pytest.mark.django_db(transaction=True)
def test_two_writers_draining_at_once_keep_every_update(engine):
    articles = [make_article(f"Round 0 article {i}") for i in range(8)]
    index_now(*articles)
    errors = []

    def writer(mine):
        for round_number in range(1, 6):
            for article in mine:
                retrying_when_sqlite_is_locked(
                    Article.objects.filter(pk=article.pk).update, title=f"Round {round_number} article {article.pk}"
                )
            retrying_when_sqlite_is_locked(indexing.queue_articles, [article.pk for article in mine])
            retrying_when_sqlite_is_locked(indexing.process_queue, lock_timeout=10)

    threads = [
        run_collecting_errors(errors)(lambda part=part: writer(part)) for part in (articles[::2], articles[1::2])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert indexing.pending_count() == 0
    assert indexed_titles() == database_titles()
    assert all(title.startswith("Round 5 ") for title in indexed_titles().values())


# ---------------------------------------------------------------- no usable index


@pytest.mark.django_db
@pytest.mark.parametrize("damage", ["missing", "unreadable"])
def test_without_a_usable_index_search_answers_503_and_logs_a_hint(fresh_index, client, caplog, damage):
    if damage == "unreadable":
        fresh_index.mkdir()
        (fresh_index / "_MAIN_1.toc").write_bytes(b"not a whoosh table of contents")
    page = client.get("/search/", {"q": "UNCLOS"})
    assert page.status_code == 503
    text = page.content.decode()
    assert "Search is unavailable" in text and "Traceback" not in text
    assert 'href="/articles/"' in text  # the rest of the archive still works
    assert "rebuild_index" in caplog.text and str(fresh_index) in caplog.text
    assert client.get("/search/", {"format": "json"}).status_code == 503
    assert "unavailable" in client.get("/search/", {"format": "json"}).json()["errors"][0]
    assert client.get("/search/feed/").status_code == 503


@pytest.mark.django_db
def test_search_works_again_once_the_index_is_built(fresh_index, client):
    assert client.get("/search/").status_code == 503
    index_now(make_article("Back again"))
    assert found(client, q="back") == {"Back again"}


@pytest.mark.django_db
def test_an_unreachable_solr_answers_503_and_keeps_changes_queued(client, caplog):
    previous = copy.deepcopy(connections.connections_info["default"])
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/solr/portal"
    use_connection(ENGINE=SOLR_ENGINE, URL=url)
    try:
        page = client.get("/search/", {"q": "UNCLOS"})
        assert page.status_code == 503 and "Search is unavailable" in page.content.decode()
        assert "HAYSTACK_URL" in caplog.text and url in caplog.text
        assert client.get("/search/", {"format": "json"}).status_code == 503
        article = make_article("Written while Solr was down")
        indexing.queue_articles([article.pk])
        report = indexing.process_queue()
        assert report.deferred and indexing.pending_count() == 1  # sync_search_index writes it later
    finally:
        use_connection(**previous)


def test_a_table_of_contents_replaced_while_it_is_read_is_read_again():
    """Two drains at once: one commits while the other finds the newest table of contents and opens
    it, which the commit has just replaced and deleted."""
    from search.backend import read_while_commits_go_on

    calls = []

    def read():
        calls.append(1)
        if len(calls) < 3:
            raise FileNotFoundError(2, "No such file or directory", "_MAIN_7.toc")
        return ["segment"]

    assert read_while_commits_go_on(read) == ["segment"] and len(calls) == 3
    with pytest.raises(FileNotFoundError):
        read_while_commits_go_on(lambda: (_ for _ in ()).throw(FileNotFoundError(2, "gone")), attempts=2)
