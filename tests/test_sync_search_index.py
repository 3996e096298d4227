"""sync_search_index repairs an index that lost documents or kept deleted ones, without a rebuild,
on both engines."""

import io
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from haystack import connections
from haystack.constants import ID
from haystack.utils import get_identifier

from articles.models import Article
from search.management.commands.sync_search_index import indexed_article_ids

pytestmark = pytest.mark.django_db


def sync() -> str:
    out = io.StringIO()
    call_command("sync_search_index", stdout=out)
    return out.getvalue()


def test_a_lost_index_is_rebuilt_from_the_database(engine, imported_seeds):
    backend = connections["default"].get_backend()
    if engine == "solr":
        backend.clear()  # a collection emptied, or created anew
    else:
        backend.reset_searcher()
        shutil.rmtree(backend.path)  # the index folder deleted
    assert indexed_article_ids() == set()
    assert "5 article(s) indexed" in sync()
    assert indexed_article_ids() == set(Article.objects.values_list("pk", flat=True))


def test_articles_missing_or_gone_from_the_database_are_fixed_and_the_rest_left_alone(engine, imported_seeds):
    kept, removed = Article.objects.order_by("pk")[:2]
    writer = connections["default"].get_backend().writer(5)
    writer.delete_by_term(ID, get_identifier(kept))
    writer.commit()
    Article.objects.filter(pk=removed.pk).delete()  # deleted behind the importer's back: still indexed
    assert "1 article(s) indexed, 1 removed" in sync()
    assert indexed_article_ids() == set(Article.objects.values_list("pk", flat=True))
    assert "all 4 articles already indexed; nothing to add or remove" in sync()


def test_an_up_to_date_index_is_not_rewritten(engine, imported_seeds):
    # What `make run` prints after an import that indexed everything: not "0 article(s) indexed".
    said = sync()
    assert "Search index: all 5 articles already indexed; nothing to add or remove." in said
    assert "0 article(s)" not in said
    assert settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"].startswith("search.")
