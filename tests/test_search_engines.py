"""The search page and the index queue with an engine other than the tuned Whoosh backend.

README promises that HAYSTACK_ENGINE can name another haystack engine with no code change. These
tests switch the default connection to haystack's SimpleEngine (it searches the database, needs no
server and has none of the tuned backend's extras), and switch it back afterwards.
"""

from __future__ import annotations

import copy
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.html import escape, strip_tags
from haystack import connections
from haystack.backends.simple_backend import SimpleSearchBackend

from articles.models import Article
from search import indexing
from search.forms import MAX_QUERY_LENGTH
from search.haystack_api import auto_query_text, has_portal_extras

pytestmark = pytest.mark.django_db

SIMPLE_ENGINE = "haystack.backends.simple_backend.SimpleEngine"
ARTICLES = {
    "fisheries.txt": (
        "Hà Nội and Beijing sign fisheries accord\n\n"
        "HÀ NỘI — Party General Secretary Tô Lâm received Chinese President Xi Jinping on Tuesday. "
        "The two sides signed an accord on fisheries cooperation in the Gulf of Tonkin.\n"
    ),
    "railway.txt": (
        "Ministers discuss cross-border railway\n\n"
        "BEIJING — Transport ministers of the two countries discussed a standard-gauge railway from "
        "Lào Cai to Hải Phòng at talks on Monday.\n"
    ),
    "students.txt": (
        "Universities exchange students\n\n"
        "KUNMING — Twenty universities agreed to exchange students and lecturers from next autumn.\n"
    ),
}


def switch_engine(info: dict) -> None:
    """Point haystack's connections at `info` (the handler keeps its own copy; see conftest)."""
    settings.HAYSTACK_CONNECTIONS = copy.deepcopy(info)
    connections.connections_info = copy.deepcopy(info)
    connections.reload("default")


@pytest.fixture
def index_calls(monkeypatch) -> dict[str, list]:
    """What the index queue asks SimpleEngine to write (its update() and remove() do nothing)."""
    calls = {"update": [], "remove": []}
    monkeypatch.setattr(
        SimpleSearchBackend, "update", lambda self, index, objects, commit=True: calls["update"].extend(objects)
    )
    monkeypatch.setattr(SimpleSearchBackend, "remove", lambda self, obj, commit=True: calls["remove"].append(obj))
    return calls


@pytest.fixture
def simple_engine(index_calls):
    previous = copy.deepcopy(settings.HAYSTACK_CONNECTIONS)
    switch_engine({"default": {**previous["default"], "ENGINE": SIMPLE_ENGINE}})
    backend = connections["default"].get_backend()
    assert isinstance(backend, SimpleSearchBackend) and not has_portal_extras(backend)
    yield backend
    switch_engine(previous)
    # The rest of the suite runs on the tuned backend again.
    assert has_portal_extras(connections["default"].get_backend())


@pytest.fixture
def imported(simple_engine, tmp_path) -> dict[str, Article]:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    call_command("import_articles", str(tmp_path), verbosity=0)
    return {name: Article.objects.get(source_file=name) for name in ARTICLES}


def search(client, status=200, **params):
    response = client.get("/search/", params)
    assert response.status_code == status, response.content[:2000]
    return response


# ---------------------------------------------------------------- indexing


def test_import_articles_drains_the_queue_through_haystacks_update(imported, index_calls):
    assert {article.pk for article in index_calls["update"]} == {article.pk for article in imported.values()}
    assert indexing.pending_count() == 0


def test_a_removed_article_goes_through_haystacks_remove(imported, index_calls):
    gone = imported["railway.txt"]
    indexing.queue_removal([gone.pk])
    report = indexing.process_queue()
    assert (report.updated, report.removed) == (0, 1)
    assert index_calls["remove"] == [f"articles.article.{gone.pk}"]
    assert indexing.pending_count() == 0


def test_sync_search_index_drains_the_queue_through_the_engine(imported, index_calls):
    # SimpleEngine "holds" every article of the database, so only the queued change is written.
    waiting = imported["students.txt"]
    indexing.queue_articles([waiting.pk])
    index_calls["update"].clear()
    out = io.StringIO()
    call_command("sync_search_index", stdout=out)
    assert [article.pk for article in index_calls["update"]] == [waiting.pk]
    assert indexing.pending_count() == 0
    assert f"{len(ARTICLES)} articles in the database; 1 article(s) indexed" in out.getvalue()


def test_optimizing_is_left_to_the_engine(simple_engine):
    assert indexing.optimize_index() is False


# ---------------------------------------------------------------- the search page


def test_the_page_finds_the_matching_article(client, imported):
    page = search(client, q="fisheries").content.decode()
    text = strip_tags(page)  # the title's matched words are marked
    assert escape(imported["fisheries.txt"].title) in text
    assert f'href="{imported["fisheries.txt"].get_absolute_url()}"' in page
    assert escape(imported["railway.txt"].title) not in text


def test_json_carries_every_documented_key(client, imported):
    article = imported["fisheries.txt"]
    payload = search(client, q="fisheries", format="json").json()
    assert payload["count"] == 1
    assert isinstance(payload["facets"], dict)  # may be empty: SimpleEngine counts no facets
    assert payload["did_you_mean"] is None
    (result,) = payload["results"]
    assert result["source_file"] == "fisheries.txt"
    assert result["url"] == f"http://testserver{article.get_absolute_url()}"
    assert result["title"] == article.title
    assert result["date"] == (article.date_iso or None)
    people = {mention.display_name for mention in article.mentions.all()}
    assert people and set(result["people"]) == people
    assert "fisheries" in result["snippet"]
    assert "<mark>fisheries</mark>" in result["snippet_html"]


def test_an_empty_query_lists_every_article(client, imported):
    payload = search(client, format="json").json()
    assert payload["count"] == len(ARTICLES)
    assert {result["source_file"] for result in payload["results"]} == set(ARTICLES)


def test_pages_split_the_results_although_the_engine_ignores_offsets(client, imported, settings):
    settings.HAYSTACK_SEARCH_RESULTS_PER_PAGE = 2
    pages = [search(client, format="json", page=number).json() for number in (1, 2)]
    files = [[result["source_file"] for result in page["results"]] for page in pages]
    assert [len(names) for names in files] == [2, len(ARTICLES) - 2]
    assert set(files[0] + files[1]) == set(ARTICLES)
    assert pages[0]["count"] == pages[1]["count"] == len(ARTICLES)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "fisheries", "sort": "oldest"},
        {"q": "fisheries", "sort": "newest"},
        {"q": "fisheries", "people": "Tô Lâm", "outlet": "VNA", "year": "2024", "month": "2024-03"},
        {"q": "railway", "from": "2020", "to": "2025-06"},
        {"q": '"Gulf of Tonkin" OR (railway NOT students) fish*'},
        {"q": "fisherys"},  # a misspelling: no suggestion without the engine's spelling support
        {"q": "fisheries", "page": "9"},
    ],
)
def test_filters_sorts_and_syntax_never_break_the_page(client, imported, params):
    assert search(client, **params).status_code == 200
    payload = search(client, format="json", **params).json()
    assert payload["did_you_mean"] is None


def test_csv_and_feed_work(client, imported):
    title = imported["fisheries.txt"].title
    csv_text = search(client, q="fisheries", format="csv").content.decode()
    assert title in csv_text and "fisheries.txt" in csv_text
    feed = client.get("/search/feed/", {"q": "fisheries"})
    assert feed.status_code == 200 and escape(title) in feed.content.decode()


def test_a_bad_query_is_still_a_400(client, imported):
    response = search(client, status=400, q="x" * (MAX_QUERY_LENGTH + 1), format="json")
    assert response.json()["errors"]
    search(client, status=400, **{"from": "2023-02-30"})


def test_an_engine_that_fails_gives_a_503_not_a_500(client, imported, monkeypatch):
    def refuse(self, query_string, **kwargs):
        raise ConnectionError("engine unreachable")

    monkeypatch.setattr(SimpleSearchBackend, "search", refuse)
    assert search(client, status=503, q="fisheries").status_code == 503
    assert search(client, status=503, q="fisheries", format="json").json()["errors"]


# ---------------------------------------------------------------- the query in auto_query's syntax


@pytest.mark.parametrize(
    ("prepared", "expected", "notice"),
    [
        ("fisheries accord", "fisheries accord", False),
        ('"Gulf of Tonkin" NOT railway', '"Gulf of Tonkin" -railway', False),
        ('NOT "Gulf of Tonkin" fish', "fish", True),  # auto_query would read -"..." as the phrase
        ("fisheries AND accord", "fisheries accord", False),
        ("fisheries OR railway", "fisheries railway", True),
        ("NOT (railway OR students) accord", "-railway -students accord", True),
        ("fish* accord", "fish accord", True),
    ],
)
def test_the_query_is_rewritten_for_auto_query(prepared, expected, notice):
    text, notices = auto_query_text(prepared)
    assert text == expected
    assert bool(notices) is notice


def test_what_the_engine_cannot_read_is_said(client, imported):
    payload = search(client, q="fisheries OR railway", format="json").json()
    assert any("OR" in notice for notice in payload["notices"]), payload["notices"]
    assert payload["interpreted_as"] == "fisheries railway"
