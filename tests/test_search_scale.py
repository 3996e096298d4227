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
