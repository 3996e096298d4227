"""Searches across index segments (batches) written at different times, some without a facet's values at all."""

from __future__ import annotations

import pytest
from factories import make_article, make_meeting, make_person

from search import indexing

pytestmark = pytest.mark.django_db


def test_a_segment_with_no_facet_values_does_not_break_faceted_search(engine, client):
    """Whoosh gives a segment without a list column no default value: searching it must still work."""
    host, guest = make_person("Lê Văn Thành", country="VN"), make_person("Zhou Ping", country="CN")
    with_meeting = make_article(
        "Lê Văn Thành receives Zhou Ping", people=[host, guest], body="The two sides discussed border trade."
    )
    make_meeting(host, guest, articles=[with_meeting])
    indexing.queue_articles([with_meeting.pk])
    indexing.process_queue()
    # Imported later in a batch of its own: a segment in which no document has people or meetings.
    plain = make_article("Border trade grows", body="Border trade between the two provinces grew this year.")
    indexing.queue_articles([plain.pk])
    indexing.process_queue()

    for params in ({"q": "border trade"}, {"q": ""}, {"q": "border", "sort": "newest"}):
        response = client.get("/search/", {**params, "format": "json"})
        assert response.status_code == 200, params
        results = response.json()
        assert {result["title"] for result in results["results"]} == {with_meeting.title, plain.title}
        assert results["facets"]["people"] == {"Lê Văn Thành": 1, "Zhou Ping": 1}
