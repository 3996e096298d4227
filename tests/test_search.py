"""The search page on the five seed articles: the acceptance searches and facets, facet selection,
JSON, CSV and feed, "did you mean", bad parameters and a fuzz of the view.

The seeds are imported and indexed once per engine (Whoosh, then the SolrCloud) into an index of
the module's own; the database rows are rolled back at once, which is safe because the search reads
nothing but the index.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import SEEDS_DIR, search_json
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.extraction.names import to_ascii
from articles.importing import import_paths

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def seeds_index(module_engine, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        report = import_paths([SEEDS_DIR])
        assert not report.failed, [(outcome.name, outcome.reason) for outcome in report.failed]
        transaction.set_rollback(True)


def found_files(client, **params) -> set[str]:
    return {result["source_file"] for result in search_json(client, **params)["results"]}


def key(name: str) -> str:
    return to_ascii(name).casefold()


@pytest.fixture(scope="module")
def seed_facts(acceptance) -> dict[str, dict]:
    """What the acceptance file says of each seed: its people (folded) and its outlet."""
    return {
        article["file"]: {"people": {key(p["name"]) for p in article["people"]}, "credit": article.get("credit") or ""}
        for article in acceptance["articles"]
    }


def files_naming(seed_facts, *names) -> set[str]:
    return {file for file, facts in seed_facts.items() if all(key(name) in facts["people"] for name in names)}


# ---------------------------------------------------------------- the acceptance sections


def test_acceptance_searches(client, acceptance):
    wrong = []
    for case in acceptance["search"]:
        found, expected = found_files(client, q=case["query"]), set(case["expect_files"])
        if (found != expected) if case["exact"] else not expected <= found:
            wrong.append((case["query"], sorted(found), sorted(expected)))
    assert not wrong, wrong


def test_acceptance_facet_counts(client, acceptance):
    facets = search_json(client)["facets"]
    assert facets["people"] == acceptance["facets"]["people"]
    assert facets["people"]["Xi Jinping"] == 5


def test_the_same_searches_on_the_page(client, acceptance):
    for case in acceptance["search"]:
        page = client.get("/search/", {"q": case["query"]})
        assert page.status_code == 200
        count = len(set(re.findall(r'<h3 class="card-title"><a href="(/article/[^"]+)"', page.content.decode())))
        if case["exact"]:
            assert count == len(case["expect_files"]), case["query"]


# ---------------------------------------------------------------- the page


def test_page_shows_count_results_facets_and_marks(client):
    page = client.get("/search/", {"q": "UNCLOS"}).content.decode()
    assert "2 articles match" in page
    assert len(re.findall(r'<li class="result">', page)) == 2
    assert "<mark>UNCLOS</mark>" in page
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">\d+ \w+ \d{4}</time>', page)
    assert 'id="filters"' in page and "Narrow the results" in page
    assert 'href="/search/?q=UNCLOS&amp;people=Xi+Jinping"' in page  # the facet narrows by person
    assert "filter-chips" not in page  # nothing selected yet


def test_empty_query_lists_every_article_with_facets(client):
    result = search_json(client, q="")
    assert result["count"] == 5 and len(result["results"]) == 5
    assert result["sort"] == "newest"
    assert all(result["facets"][name] for name in ("people", "countries", "outlet", "year"))
    page = client.get("/search/").content.decode()
    assert "5 articles" in page and 'id="facet-people"' in page


def test_did_you_mean_offers_a_better_spelling_that_finds_more(client):
    result = search_json(client, q="Beijng")
    assert result["count"] == 0
    assert result["did_you_mean"]["query"] == "Beijing"
    assert result["did_you_mean"]["count"] == search_json(client, q="Beijing")["count"] > 0
    page = client.get("/search/", {"q": "Beijng"}).content.decode()
    assert 'Did you mean <a href="/search/?q=Beijing"><em>Beijing</em></a>?' in page


def test_no_suggestion_when_the_query_finds_enough(client):
    assert search_json(client, q="Xi Jinping")["did_you_mean"] is None


# ---------------------------------------------------------------- facet selection


def test_one_facet_value(client, seed_facts):
    assert found_files(client, people="Cai Qi") == files_naming(seed_facts, "Cai Qi")


def test_a_value_matches_whatever_its_case_and_accents(client, seed_facts):
    assert found_files(client, people="nguyen phu trong") == files_naming(seed_facts, "Nguyễn Phú Trọng")


def test_two_values_of_one_facet_must_both_be_present(client, seed_facts):
    expected = files_naming(seed_facts, "Nguyễn Phú Trọng", "Cai Qi")
    assert 0 < len(expected) < len(files_naming(seed_facts, "Cai Qi"))
    assert found_files(client, people=["Nguyễn Phú Trọng", "Cai Qi"]) == expected


def test_two_outlets_mean_either(client, seed_facts):
    expected = {file for file, facts in seed_facts.items() if facts["credit"] in ("VNS", "Vietnamplus")}
    assert found_files(client, outlet=["VNS", "Vietnamplus"]) == expected


def test_values_of_two_facets_combine(client, seed_facts):
    expected = files_naming(seed_facts, "Xi Jinping") & {
        f for f, facts in seed_facts.items() if facts["credit"] == "VNS"
    }
    assert expected
    assert found_files(client, people="Xi Jinping", outlet="VNS") == expected
    assert found_files(client, q="Trong", people="Xi Jinping", outlet="VNS") == expected & found_files(
        client, q="Trong"
    )


def test_selected_values_become_chips_that_remove_them(client):
    page = client.get("/search/", {"q": "Trong", "people": ["Xi Jinping", "Cai Qi"], "outlet": "VNS"})
    html = page.content.decode()
    chips = dict(re.findall(r'<a href="([^"]+)" class="chip">([^<]+?) <span', html))
    assert set(chips.values()) == {"People: Xi Jinping", "People: Cai Qi", "Outlet: VNS"}
    removing_cai_qi = next(url for url, label in chips.items() if label == "People: Cai Qi")
    params = parse_qsl(urlsplit(removing_cai_qi.replace("&amp;", "&")).query)
    assert sorted(params) == [("outlet", "VNS"), ("people", "Xi Jinping"), ("q", "Trong")]
    assert '<a href="/search/?q=Trong" class="chip-clear">Clear all filters</a>' in html
    # The form keeps the selections, so a new query keeps its filters.
    assert '<input type="hidden" name="people" value="Cai Qi">' in html


def test_selected_value_is_marked_and_its_link_removes_it(client):
    html = client.get("/search/", {"people": "Xi Jinping"}).content.decode()
    selected = re.search(r'<li class="selected"><a href="([^"]*)" aria-current="true">.*?Xi Jinping', html)
    assert selected and selected.group(1) == "/search/"


def test_an_either_facet_still_offers_its_other_values(client):
    facets = search_json(client, outlet="VNS")["facets"]
    assert {"VNS", "Vietnamplus"} <= set(facets["outlet"])


# ---------------------------------------------------------------- JSON, CSV and the feed


def test_json_has_results_with_their_facts_and_page_info(client):
    result = search_json(client, q="UNCLOS")
    assert result["count"] == 2
    assert result["page"] == {"number": 1, "size": 20, "pages": 1, "previous": None, "next": None}
    first = result["results"][0]
    assert {"source_file", "url", "title", "date", "snippet", "people"} <= set(first)
    assert first["url"].startswith("http://testserver/article/")
    assert "UNCLOS" in first["snippet"] and "<mark>" not in first["snippet"]
    assert "<mark>UNCLOS</mark>" in first["snippet_html"]
    assert "Xi Jinping" in first["people"]


def test_csv_has_a_row_per_result(client):
    response = client.get("/search/", {"q": "Trong", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["source_file"] for row in rows} == found_files(client, q="Trong")
    assert response["X-Total-Count"] == str(len(rows))
    assert all(row["title"] and row["url"] and row["opening"] for row in rows)
    assert list(rows[0]) == [
        "source_file",
        "url",
        "title",
        "date",
        "date_precision",
        "date_label",
        "outlet",
        "people",
        "opening",
    ]


def test_csv_holds_every_result_up_to_its_limit(client, monkeypatch):
    from search import views

    monkeypatch.setattr(views, "CSV_MAX_ROWS", 3)
    response = client.get("/search/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and response["X-Total-Count"] == "5" and response["X-Rows"] == "3"
    page = client.get("/search/").content.decode()
    assert "(the first 3 of 5)" in page


def test_feed_of_a_search(client):
    response = client.get("/search/feed/", {"q": "UNCLOS"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert feed.count("<entry>") == 2
    assert "<title>Search: “UNCLOS”</title>" in feed
    page = client.get("/search/", {"q": "UNCLOS"}).content.decode()
    assert 'type="application/atom+xml" title="Articles matching this search" href="/search/feed/?q=UNCLOS"' in page


def test_feed_refuses_bad_parameters(client):
    response = client.get("/search/feed/", {"sort": "sideways"})
    assert response.status_code == 400 and b"sort:" in response.content


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "params, message",
    [
        ({"page": "two"}, "page: The page number must be a whole number"),
        ({"page": "0"}, "page: Pages are numbered from 1."),
        ({"page": "-3"}, "page: Pages are numbered from 1."),
        ({"peple": "Xi Jinping"}, "Unknown parameter “peple”"),
        ({"sort": "alphabetical"}, "sort: Select a valid choice."),
        ({"format": "xml"}, "format: Select a valid choice."),
        ({"q": "x" * 10_000}, "q: The query is too long: at most 1000 characters, this one has 10000."),
        ({"from": "April 2023"}, "from: “April 2023” is not a date"),
        ({"from": "2023-13"}, "from: “2023-13”: months run from 01 to 12."),
        ({"to": "2023-02-29"}, "to: “2023-02-29”: February 2023 has no day 29."),
        ({"from": "2024", "to": "2023-12"}, "to: “to” (2023-12) is before “from” (2024)."),
        ({"year": "23"}, "year: “23” is not of the form 2023."),
        ({"month": "2023-4"}, "month: “2023-4” is not of the form 2023-04."),
        ({"month": "2023-13"}, "month: “2023-13”: months run from 01 to 12."),
        ({"year": "0000"}, "year: “0000”: there is no year 0."),
        ({"people": "—"}, "people: “—” has no letters or digits to match."),
    ],
)
def test_bad_parameters_are_a_400_that_says_why(client, params, message):
    page = client.get("/search/", {"q": "UNCLOS", **params})
    assert page.status_code == 400
    assert message in page.content.decode()
    if "q" not in params:  # the words were fine: the form keeps them
        assert 'name="q" value="UNCLOS"' in page.content.decode()
    if "format" in params:
        return
    answer = client.get("/search/", {**params, "format": "json"})
    assert answer.status_code == 400
    assert any(message in error for error in answer.json()["errors"])


@pytest.mark.parametrize(
    "query, notice",
    [
        ('"Law of the Sea', "An unmatched quotation mark was ignored."),
        ("“Law of the Sea", "An unmatched quotation mark was ignored."),
        ("Law of the Sea”", "An unmatched quotation mark was ignored."),
        ("AND", "Nothing searchable in the query, so every article is listed."),
        ("OR", "Nothing searchable in the query, so every article is listed."),
        ("NOT", "Nothing searchable in the query, so every article is listed."),
        ("UNCLOS AND", "Operators or brackets with nothing to apply to were ignored."),
        ("OR UNCLOS", "Operators or brackets with nothing to apply to were ignored."),
        ("(UNCLOS", None),
        ("UNCLOS)", "Operators or brackets with nothing to apply to were ignored."),
        ("*", None),
        ("**", None),
        ("x*y?", "only a * ending a word of two or more letters is a wildcard."),
        ("UN\x00CLOS\x07", None),
        ("\x1b[31mUNCLOS", None),
        ("习近平", None),
        ("Nguyễn Phú Trọng", None),
        ("Tổng Bí thư Nguyễn Phú Trọng tiếp đoàn", None),
        ("the of and", "The query holds only words too common to be indexed"),
        ("ab* cd* ef* gh* ij* kl* mn*", "“kl*”: at most 5 words can end in * in one search; this one is whole."),
    ],
)
def test_odd_queries_give_a_page_and_say_what_was_ignored(client, query, notice):
    page = client.get("/search/", {"q": query})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="result-count"' in html
    if notice:
        assert notice in html
    answer = search_json(client, q=query)
    assert answer["count"] == len(answer["results"]) or answer["count"] > 20
    if notice:
        assert any(notice in text for text in answer["notices"])


def test_odd_queries_find_what_their_words_find(client):
    assert found_files(client, q='"Law of the Sea') == found_files(client, q="Law of the Sea")
    assert found_files(client, q="UNCLOS AND") == found_files(client, q="UNCLOS")
    assert found_files(client, q="UN\x00CLOS") == found_files(client, q="UN CLOS")
    assert found_files(client, q="*") == found_files(client, q="") == found_files(client, q="NOT")
    assert found_files(client, q="Nguyễn Phú Trọng") == found_files(client, q="Nguyen Phu Trong")


def test_a_page_past_the_end_shows_the_last_page_and_says_so(client):
    result = search_json(client, q="Trong", page="7")
    assert result["page"]["number"] == 1 and len(result["results"]) == result["count"]
    assert "There is no page 7" in result["notices"][0]


_PARAMETER_NAMES = ["q", "page", "sort", "format", "from", "to", "people", "outlet", "year", "month", "place", "zzz"]
_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
_VALUES = st.one_of(
    _TEXT,
    st.sampled_from(
        ["AND", "OR", "NOT", "*", '"', "“", "(", ")", "2023", "2023-04", "0", "-1", "json", "csv", "newest"]
    ),
    st.lists(st.sampled_from(["UNCLOS", "Trọng", "AND", "*", '"', "sea", "Xi"]), max_size=6).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=st.lists(st.tuples(st.sampled_from(_PARAMETER_NAMES), _VALUES), max_size=5))
def test_fuzzed_parameters_never_break_the_search(params):
    response = Client().get("/search/", params)
    assert response.status_code in (200, 400), (params, response.status_code)
    if response.status_code == 400 and response["Content-Type"].startswith("text/html"):
        assert "The search could not run" in response.content.decode()


def test_the_search_page_asks_the_database_only_who_is_named(client, django_assert_num_queries):
    # Results come from the index; the database says whose pages the names open (one query) and
    # whether the words typed are a person's name (one query, and one more for their spellings).
    with django_assert_num_queries(2):
        assert client.get("/search/", {"q": "Xi Jinping", "people": "Cai Qi"}).status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/search/", {"q": "UNCLOS"}).status_code == 200
