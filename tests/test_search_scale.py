"""Search that stays fast as the archive grows: browses kept until the index changes, and segments
merged by another process so that no commit waits for a merge and no optimize is ever needed."""

import subprocess
import sys
import time

import pytest
from conftest import index_now
from factories import make_article, make_mention, make_person
from haystack import connections

from search import merging

pytestmark = pytest.mark.django_db


def backend():
    return connections["default"].get_backend()


def browse(**options):
    return backend().search("", facets=["people", "outlet"], start_offset=0, end_offset=20, **options)


def test_a_browse_is_answered_again_from_memory_until_the_index_changes(fresh_index):
    person = make_person("Lương Cường")
    first = make_article("Talks in Hà Nội", credit="VNS")
    make_mention(first, person)
    index_now(first)

    answer = browse()
    assert answer["hits"] == 1 and dict(answer["facets"]["fields"]["people"]) == {"Lương Cường": 1}
    assert browse() is answer  # kept: no second pass over the archive
    assert browse(narrow_queries=['outlet:"VNS"']) is not answer  # another browse is its own entry

    second = make_article("Visit to Beijing", credit="Xinhua")
    make_mention(second, person)
    index_now(second)

    again = browse()
    assert again["hits"] == 2 and dict(again["facets"]["fields"]["people"]) == {"Lương Cường": 2}
    assert dict(again["facets"]["fields"]["outlet"]) == {"VNS": 1, "Xinhua": 1}


def test_words_are_always_searched_afresh(fresh_index):
    index_now(make_article("Durian exports", body="Durian exports grew."))
    found = backend().search("durian", facets=["outlet"], start_offset=0, end_offset=20)
    assert found["hits"] == 1
    assert backend().search("durian", facets=["outlet"], start_offset=0, end_offset=20) is not found


def whoosh_facet_counts(query_string: str, facets: list[str], **options) -> dict[str, dict[str, int]]:
    """Whoosh's own `groupedby` counts for the query the backend runs, on the backend's searcher."""
    from whoosh import sorting

    found = (
        backend()
        .searcher()
        .search(
            backend().parse_user_query(query_string),
            limit=None,
            groupedby={name: sorting.FieldFacet(name, allow_overlap=True, maptype=sorting.Count) for name in facets},
            **options,
        )
    )
    return {
        name: {key.decode(): count for key, count in found.groups(name).items() if key is not None} for name in facets
    }


def test_facet_counts_are_whoosh_own_over_segments_updates_and_filters(fresh_index, settings):
    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 1000  # one segment per commit, none merged
    lam, xi = make_person("Tô Lâm"), make_person("Xi Jinping", country="CN")
    first = make_article(
        "Railway talks", body="Railway cooperation.", credit="VNS", dateline="Hà Nội", people=[lam, xi]
    )
    second = make_article("Railway visit", body="Railway links.", credit="Xinhua", dateline="Beijing", people=[xi])
    third = make_article("Durian trade", body="Durian exports.", credit="VNS")  # no people: no values
    for article in (first, second, third):
        index_now(article)
    first.credit = "Nhân Dân"  # re-indexed: its old document stays, deleted, in the first segment
    first.save()
    index_now(first)
    assert segment_count() == 4
    facets = ["people", "outlet", "place", "year"]

    found = backend().search("railway", facets=facets, start_offset=0, end_offset=20)
    counted = {name: dict(values) for name, values in found["facets"]["fields"].items()}
    assert counted == whoosh_facet_counts("railway", facets)
    assert counted["people"] == {"Xi Jinping": 2, "Tô Lâm": 1} and counted["outlet"] == {"Nhân Dân": 1, "Xinhua": 1}

    counted_only = backend().search("railway", facets=facets, start_offset=0, end_offset=0)  # no page asked
    assert counted_only["results"] == [] and counted_only["hits"] == found["hits"] == 2
    assert {name: dict(values) for name, values in counted_only["facets"]["fields"].items()} == counted

    narrowed = backend().search(
        "railway OR durian", facets=facets, start_offset=0, end_offset=20, narrow_queries=['people:"xijinping"']
    )
    assert narrowed["hits"] == 2
    assert {name: dict(values) for name, values in narrowed["facets"]["fields"].items()} == whoosh_facet_counts(
        "railway OR durian", facets, filter=backend().narrow_parser.parse('people:"xijinping"')
    )
    newest = backend().search(
        "railway OR durian", facets=["outlet"], sort_by=["-date_start"], start_offset=0, end_offset=1
    )
    assert newest["hits"] == 3 and len(newest["results"]) == 1
    assert dict(newest["facets"]["fields"]["outlet"]) == {"Nhân Dân": 1, "Xinhua": 1, "VNS": 1}


def segment_count() -> int:
    return backend().segment_count()


def test_commits_leave_merging_to_another_process_and_the_index_stays_whole(fresh_index, settings):
    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 3
    articles = []
    for number in range(8):  # one commit, one segment each
        article = make_article(f"Meeting number {number}", body=f"Officials met for the {number} time on trade.")
        articles.append(article)
        index_now(article)
    deadline = time.monotonic() + 60
    while segment_count() > 3 and time.monotonic() < deadline:
        merging.wait_for(str(fresh_index))
        time.sleep(0.2)
    assert segment_count() <= 3
    found = backend().search("trade", start_offset=0, end_offset=20)
    assert found["hits"] == len(articles)
    assert {int(result.pk) for result in found["results"]} == {article.pk for article in articles}


def test_a_merge_of_equal_segments_makes_one(fresh_index, settings):
    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 1000  # commits without merging, and no merge started
    for number in range(6):
        index_now(make_article(f"Article {number}"))
    assert segment_count() == 6
    completed = subprocess.run(
        [sys.executable, "-m", "search.merging", str(fresh_index)],
        cwd=settings.BASE_DIR,  # the project root
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert segment_count() == 1
    assert backend().search("", start_offset=0, end_offset=20)["hits"] == 6


def test_an_imports_writer_commits_whole_batches_and_leaves_the_rest_for_its_finish(fresh_index, settings):
    """An import's index writer makes segments of one size (fewer rewrites by the merges); what is left
    when the import ends is written by its last drain."""
    from search import indexing

    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 1000  # no merge: the segments stay as committed
    indexing.queue_articles(make_article(f"Talks number {number}").pk for number in range(7))
    report = indexing.process_queue(batch_size=3, whole_batches=True)
    assert report.updated == 6 and indexing.pending_count() == 1
    assert segment_count() == 2
    assert indexing.process_queue(batch_size=3).updated == 1
    assert indexing.pending_count() == 0 and segment_count() == 3
    assert backend().search("talks", start_offset=0, end_offset=20)["hits"] == 7


def test_a_commit_reads_its_articles_a_few_at_a_time(fresh_index, settings, monkeypatch):
    """The writer's memory is that of a few articles, whatever the segment's size; articles gone since
    they were queued are taken out in the same commit."""
    from search import indexing

    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 1000
    articles = [make_article(f"Visit number {number}") for number in range(5)]
    index_now(articles[0])
    read = []
    queryset = indexing._search_index().index_queryset
    monkeypatch.setattr(indexing, "ARTICLES_READ_AT_ONCE", 2)
    monkeypatch.setattr(indexing._search_index(), "index_queryset", lambda: read.append(1) or queryset(), raising=False)
    indexing.queue_articles(article.pk for article in articles)
    articles[0].delete()
    report = indexing.process_queue(batch_size=10)
    assert (report.updated, report.removed) == (4, 1)
    assert len(read) == 3  # the 5 queued, read 2 at a time
    assert segment_count() == 2  # the first article's, then this commit's
    found = backend().search("visit", start_offset=0, end_offset=20)
    assert {int(result.pk) for result in found["results"]} == {article.pk for article in articles[1:]}


def test_a_segment_holds_each_spelling_word_once_weighing_every_document_that_uses_it(fresh_index, settings):
    """Whoosh wrote a posting per document for every word of the spelling field (44 % of a segment's
    postings, read and written again by every merge); the words and their weights are what counts."""
    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 1000
    index_now(*[make_article(f"Round {n}", body="Negotiations on fisheries continued.") for n in range(3)])
    reader = backend().searcher().reader()
    spelling = reader.schema["text"].spelling_fieldname("text")
    assert reader.doc_frequency(spelling, "negotiations") == 1
    assert reader.frequency(spelling, "negotiations") == 3
    assert backend().create_spelling_suggestion("negotiatons fisheries") == "negotiations fisheries"


# ---------------------------------------------------------------- merging streams sorted segments


FACETS = ["people", "countries", "pairs", "offices", "organizations", "outlet", "place", "kind", "year", "month"]
QUERIES = [
    ("", {}),
    ("archive", {}),
    ("archive article", {"sort_by": ["-dated"]}),
    ("photo OR retitled", {}),
    ("", {"narrow_queries": ['outlet:"VNS"']}),
]


def build_segments(index_path, settings):
    """An index of many segments with deletions: 30 articles in six commits, four of them indexed again
    under new titles (the old documents deleted in their segments) and two taken out."""
    from factories import make_archive

    from search import indexing

    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 1000  # no merge yet
    articles = make_archive(articles=30, meetings=15)["articles"]
    for first in range(0, 30, 5):
        index_now(*articles[first : first + 5])
    for number, article in enumerate(articles[2:30:7]):
        article.title = f"Retitled article {number}"
        article.save()
    index_now(*articles[2:30:7])
    indexing.queue_removal([articles[5].pk, articles[17].pk])
    indexing.process_queue()
    index = backend().index
    assert len(index._segments()) == 7 and sum(segment.deleted_count() for segment in index._segments()) == 6
    return articles


def merge_copy(source, target, settings, articles) -> dict:
    """Copy the index at `source` to `target`, then merge it as the portal does: a commit that merges
    small segments with the documents it writes, the background merge, then an optimize. What it holds,
    raw and as searched."""
    import shutil

    from conftest import use_search_index_at
    from whoosh.index import open_dir

    from search.backend import PortalSegmentWriter

    shutil.copytree(source, target)
    use_search_index_at(target)
    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 0  # this commit merges (Whoosh's MERGE_SMALL policy)
    index_now(articles[0], articles[29])
    merging.merge(str(target))
    assert segment_count() < 7
    PortalSegmentWriter(open_dir(str(target))).commit(optimize=True)  # and whatever that policy left
    segments = segment_count()
    reader = open_dir(str(target)).reader()
    schema = reader.schema
    raw = {
        "documents": (reader.doc_count_all(), reader.doc_count()),
        "postings": list(reader.iter_postings()),
        "stored": list(reader.all_stored_fields()),
        "terms": [
            (name, text, info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
            for name, text in reader.all_terms()
            for info in [reader.term_info(name, text)]
        ],
        "lengths": {
            name: [reader.doc_field_length(doc, name) for doc in reader.all_doc_ids()]
            for name in schema.scorable_names()
        },
        "columns": {
            name: list(reader.column_reader(name))
            for name in schema.names()
            if schema[name].column_type and reader.has_column(name)
        },
    }
    reader.close()
    searched = []
    for query_string, options in QUERIES:
        found = backend().search(query_string, facets=FACETS, start_offset=0, end_offset=40, **options)
        facets = {name: sorted(counts) for name, counts in found["facets"]["fields"].items()}
        searched.append((found["hits"], [(r.pk, r.score, r.title) for r in found["results"]], facets))
    return {"segments": segments, "raw": raw, "searched": searched}


def test_merging_streams_the_sorted_segments_into_what_whoosh_s_own_merge_writes(tmp_path, settings, monkeypatch):
    """The portal's writer merges segments by reading their postings side by side, in order, instead of
    sorting them all again as Whoosh does: the merged index must be the same, posting for posting, and
    answer every search (scores, facets, deletions) the same."""
    from conftest import use_search_index_at
    from whoosh.writing import SegmentWriter

    from search.backend import PortalSegmentWriter

    previous = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    try:
        use_search_index_at(tmp_path / "segments")
        articles = build_segments(tmp_path / "segments", settings)

        def never_sorted(*args):
            raise AssertionError("a segment's postings went through the sorting pool")

        with monkeypatch.context() as patched:
            patched.setattr(PortalSegmentWriter, "add_postings_to_pool", never_sorted)
            streamed = merge_copy(tmp_path / "segments", tmp_path / "streamed", settings, articles)
        for name in ("add_reader", "_flush_segment", "_close_segment", "per_document_reader"):  # Whoosh's own
            monkeypatch.setattr(PortalSegmentWriter, name, getattr(SegmentWriter, name))
        sorted_by_whoosh = merge_copy(tmp_path / "segments", tmp_path / "sorted", settings, articles)
    finally:
        use_search_index_at(previous)

    assert streamed["segments"] == sorted_by_whoosh["segments"] == 1
    assert streamed["raw"]["documents"] == sorted_by_whoosh["raw"]["documents"] == (28, 28)  # deletions dropped
    for part in ("stored", "terms", "lengths", "columns"):
        assert streamed["raw"][part] == sorted_by_whoosh["raw"][part], part

    # Every posting the same, in the same order of field, word and document. Except the value bytes of
    # Whoosh's spelling field: it gives a fixed-size (frequency) format values of other sizes, written
    # joined and read back cut into 4 bytes, so what is read depends on its neighbours and means nothing
    # (and where it holds a document twice under a word, Whoosh's sort orders the two by those bytes).
    def meaningful(postings):
        return [posting[:4] if posting[0].startswith("spell_") else posting for posting in postings]

    streamed_postings, sorted_postings = streamed["raw"]["postings"], sorted_by_whoosh["raw"]["postings"]
    assert len(streamed_postings) == len(sorted_postings) > 1000
    assert meaningful(streamed_postings) == meaningful(sorted_postings)
    assert streamed["searched"] == sorted_by_whoosh["searched"]
    everything = streamed["searched"][0]
    assert everything[0] == 28 and dict(everything[2]["outlet"]) == {"VNS": 28}
    titles = {title for _, _, title in everything[1]}
    assert "Retitled article 0" in titles and "Archive article 2" not in titles
    assert not {articles[5].title, articles[17].title} & titles


def test_facet_counts_are_the_same_whether_shared_rows_are_grouped_or_values_tallied(monkeypatch):
    """A facet whose documents mostly share their rows (outlet, year) is counted by row, one whose
    documents mostly have their own (people) by value: both give Whoosh's per-document counts."""
    from collections import Counter

    from search.facet_counting import FacetTables

    class Segment:
        def segment_id(self):
            return "segment-1"

    class Reader:
        def segment(self):
            return Segment()

    shared = [("VNS",), ("Xinhua",)]
    own = [(f"Person {n}", "Xi Jinping") if n % 3 else (f"Person {n}", "Xi Jinping", "Xi Jinping") for n in range(40)]
    tables = {"outlet": [shared[n % 2] for n in range(40)], "people": own}
    monkeypatch.setattr(FacetTables, "_read", staticmethod(lambda reader, fieldname: tables[fieldname]))
    facet_tables, matched = FacetTables(), [0, 3, 4, 9, 12, 13, 30, 39]
    for fieldname in ("outlet", "people"):
        expected = Counter(value for docnum in matched for value in tables[fieldname][docnum])
        assert facet_tables.count(fieldname, [(Reader(), matched)]) == expected
    assert facet_tables._varied == {("segment-1", "outlet"): False, ("segment-1", "people"): True}
