"""The search's own matchers find what Whoosh's own queries find, in the same order with the same scores:
phrases matched on sets of positions (search/phrase_matching.py) and boosts read from a table
(search/boosting.py)."""

from __future__ import annotations

import uuid
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage

from search import boosting
from search.boosting import BoostedQuery
from search.phrase_matching import PortalPhrase, faster_phrases

WORDS = ["law", "of", "the", "sea", "xi", "jinping", "talks", "sea", "law"]


def ram_index(texts: list[str]):
    storage = RamStorage()
    schema = fields.Schema(id=fields.ID(stored=True), text=fields.TEXT, title=fields.TEXT)
    # A writer's scratch folder is named after the index, in the system's temporary folder: a name of
    # its own keeps test processes running side by side out of each other's.
    index = storage.create_index(schema, indexname=f"matchers{uuid.uuid4().hex}")
    for batch in (texts[: len(texts) // 2], texts[len(texts) // 2 :]):  # two segments
        writer = index.writer()
        for number, text in enumerate(batch):
            writer.add_document(id=f"{len(texts)}-{number}-{text}", text=text, title=" ".join(text.split()[:3]))
        writer.commit(merge=False)
    return index


def found(searcher, q, limit=None) -> list[tuple[int, float]]:
    return [(hit.docnum, round(hit.score, 9)) for hit in searcher.search(q, limit=limit)]


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), min_size=2, max_size=12),
    phrase=st.lists(st.sampled_from(["law", "sea", "xi", "jinping", "talks"]), min_size=1, max_size=4),
    boost=st.sampled_from([1.0, 2.5]),
)
def test_the_same_documents_order_and_scores_as_whoosh_phrase(texts, phrase, boost):
    index = ram_index(texts)
    with index.searcher() as searcher:
        whoosh = query.Phrase("text", phrase, boost=boost)
        assert found(searcher, PortalPhrase("text", phrase, boost=boost)) == found(searcher, whoosh)
        either = query.Or([whoosh, query.Term("text", "talks")])
        assert found(searcher, either.accept(faster_phrases)) == found(searcher, either)


def test_a_phrase_in_a_parsed_query_becomes_a_portal_phrase():
    q = query.And([query.Phrase("text", ["xi", "jinping"]), query.Term("text", "talks")]).accept(faster_phrases)
    assert type(q.subqueries[0]) is PortalPhrase and q.subqueries[0].words == ["xi", "jinping"]
    with ram_index(["talks with xi jinping", "jinping xi talks", "xi talks jinping"]).searcher() as searcher:
        assert [hit["id"] for hit in searcher.search(q)] == ["3-0-talks with xi jinping"]


# The same examples on every run, so that CI does not depend on the draw: one random run found Whoosh's
# count of a page's matches for a boosted query one short (texts "sea xi", "sea", "sea", "", "",
# "law sea"; required "sea"; boost "law"; a page of 1). A search without facets reports that count as
# its hits, so it is a bug left to fix; the documents and their order are right.
@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), min_size=2, max_size=12),
    required=st.lists(st.sampled_from(["law", "sea", "talks", "xi"]), min_size=1, max_size=2, unique=True),
    boosts=st.lists(st.sampled_from(["law", "sea", "jinping", "talks"]), min_size=1, max_size=3),
    table_up_to=st.sampled_from([0, 1000]),  # Whoosh's AndMaybe always, or the table always
    limit=st.sampled_from([None, 1, 3]),  # every match, or a page
)
def test_boosts_from_a_table_score_as_whoosh_and_maybe(texts, required, boosts, table_up_to, limit):
    must = query.Or([query.Term("text", word) for word in required])
    maybe = query.Or(
        [query.Term("title", word, boost=2.0) for word in boosts]
        + [query.Term("text", word, boost=1.5) for word in boosts]
    )
    with ram_index(texts).searcher() as searcher, mock.patch.object(boosting, "TABLE_UP_TO", table_up_to):
        whoosh = query.AndMaybe(must, maybe)
        # Every match is scored (no segment's matcher offers block qualities): Whoosh's ranking of every
        # match, cut. (On a short page Whoosh's own block-quality skipping can miss a document that
        # belongs on it.)
        expected = found(searcher, whoosh)[:limit]
        assert found(searcher, BoostedQuery(must, maybe), limit) == expected
        assert len(searcher.search(BoostedQuery(must, maybe), limit=1)) == len(searcher.search(must, limit=1))


def test_a_page_counts_every_match_when_a_segment_has_no_boost():
    """Two segments, the boost word only in the second: the first segment's matcher must not let the
    collector skip its low-scoring matches, or a page's total comes out short (found by a random draw)."""
    must = query.Or([query.Term("text", "sea")])
    maybe = query.Or([query.Term("title", "law", boost=2.0), query.Term("text", "law", boost=1.5)])
    texts = ["sea xi", "sea", "sea", "", "", "law sea"]
    for table_up_to in (0, 1000):
        with ram_index(texts).searcher() as searcher, mock.patch.object(boosting, "TABLE_UP_TO", table_up_to):
            page = searcher.search(BoostedQuery(must, maybe), limit=1)
            assert len(page) == 4 and [hit["id"] for hit in page] == ["6-2-law sea"]
