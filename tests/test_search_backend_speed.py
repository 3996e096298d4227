"""The engines' speed measures must not change what a search finds.

The Whoosh backend remembers parsed queries (a page parses its query several times) and leaves out
boost terms the index does not hold; the Solr backend remembers the words a prefix starts and the
acronyms. All depend on the index's words, so a change to the index must be seen by the next search.
"""

from __future__ import annotations

import pytest
from conftest import index_now
from factories import make_article
from haystack import connections

from search.engine import filter_syntax


@pytest.fixture
def backend(engine):
    """The backend of an empty index on each engine in turn."""
    return connections["default"].get_backend()


def index(*articles) -> None:
    assert index_now(*articles).updated == len(articles)


def hit_titles(backend, query_string: str, **kwargs) -> list[str]:
    return [result.title for result in backend.search(query_string, **kwargs)["results"]]


@pytest.mark.django_db
def test_a_prefix_searched_before_finds_words_indexed_after(backend):
    # "negotiations" is indexed as the stem "negoti": only the index's own words lead "negotiat*" to it.
    index(make_article("Trade talks", body="The two sides discussed trade and investment."))
    assert hit_titles(backend, "negotiat*") == []

    index(make_article("Border talks", body="They concluded negotiations on the land border."))

    assert hit_titles(backend, "negotiat*") == ["Border talks"]


@pytest.mark.django_db
def test_a_boost_word_new_to_the_index_still_ranks_its_article_first(backend):
    # The first search is parsed while no title holds "railway", so that boost term is left out then.
    index(make_article("Talks on trade", body="Leaders discussed the railway and trade."))
    assert hit_titles(backend, "railway") == ["Talks on trade"]

    index(make_article("Railway link agreed", body="Leaders discussed the railway and trade."))

    assert hit_titles(backend, "railway") == ["Railway link agreed", "Talks on trade"]


@pytest.mark.django_db
def test_the_same_query_narrowed_differently_is_not_mixed_up(backend):
    index(
        make_article("Talks in Hanoi", body="Railway cooperation.", dateline="Hà Nội"),
        make_article("Talks in Beijing", body="Railway cooperation.", dateline="Beijing"),
    )
    in_place = filter_syntax(backend).facet_term
    assert hit_titles(backend, "railway", narrow_queries=[in_place("place", "hanoi")]) == ["Talks in Hanoi"]
    assert hit_titles(backend, "railway", narrow_queries=[in_place("place", "beijing")]) == ["Talks in Beijing"]
    assert len(hit_titles(backend, "railway")) == 2
