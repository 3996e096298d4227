"""Atom feeds, sitemap.xml and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from factories import make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def atom_entries(response) -> list[ET.Element]:
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_latest_articles_feed_is_atom_newest_first(client):
    old = make_article("Talks in 2023", event_date=datetime.date(2023, 9, 5), standfirst="Old standfirst.")
    new = make_article(
        "Talks in 2024", event_date=datetime.date(2024, 3, 22), body="Lê Hoài Trung met Cai Qi.\n\nMore."
    )
    entries = atom_entries(client.get("/feeds/articles/"))
    assert [e.findtext(f"{ATOM}title") for e in entries] == [new.title, old.title]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver{new.get_absolute_url()}"
    assert first.findtext(f"{ATOM}summary") == "Lê Hoài Trung met Cai Qi."
    assert first.findtext(f"{ATOM}published").startswith("2024-03-22T00:00:00")
    assert entries[1].findtext(f"{ATOM}summary") == "Old standfirst."


def test_feed_dates_an_article_of_unknown_day_by_publication(client):
    make_article("Undated", event_date=None, published=datetime.date(2024, 10, 12))
    entry = atom_entries(client.get("/feeds/articles/"))[0]
    assert entry.findtext(f"{ATOM}published").startswith("2024-10-12")


def test_person_feed_has_only_articles_naming_them(client):
    trung = make_person("Lê Hoài Trung")
    other = make_person("Wang Yi", country="CN")
    naming = make_article("Trung meets Wang", people=[trung, other])
    make_article("Only Wang", people=[other])
    response = client.get(f"/feeds/people/{trung.slug}/")
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "Articles naming Lê Hoài Trung"
    entries = atom_entries(response)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [naming.title]
    assert {c.get("term") for c in entries[0].findall(f"{ATOM}category")} == {"Lê Hoài Trung", "Wang Yi"}


def test_sitemap_lists_every_public_page(client):
    lam, xi = make_person("Tô Lâm"), make_person("Xi Jinping", country="CN")
    article = make_article("Talks", people=[lam, xi], event_date=datetime.date(2024, 8, 19))
    make_article("Plenum", event_date=datetime.date(2021, 1, 1), date_precision="year")
    meeting = make_meeting(lam, xi, articles=[article])
    response = client.get("/sitemap.xml")
    locations = {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    expected = {
        "/",
        "/articles/",
        "/articles/uncertain-date/",
        "/articles/2024/",
        "/articles/2024/08/",
        "/articles/2021/",
        "/people/",
        "/offices/",
        "/meetings/",
        "/meetings/who-met-whom/",
        article.get_absolute_url(),
        lam.get_absolute_url(),
        xi.get_absolute_url(),
        meeting.get_absolute_url(),
    }
    assert {f"http://testserver{path}" for path in expected} <= locations
    # An article dated only to 2021 is on the year's page, on no month's.
    assert not any(
        location.startswith("http://testserver/articles/2021/")
        for location in locations - {"http://testserver/articles/2021/"}
    )


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


HOSTILE = '<script>alert(document.cookie)</script><img src="x" onerror="alert(1)"> Lê Hoài Trung met Cai Qi.'


def assert_summaries_are_text(response, expected: str) -> None:
    """A reader renders an html summary as markup; a text summary is shown exactly as written."""
    entries = atom_entries(response)
    assert entries
    for entry in entries:
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "text"
        assert summary.text == expected


def test_article_feeds_give_summaries_as_text(client):
    trung = make_person("Lê Hoài Trung")
    make_article("Talks", people=[trung], body=f"{HOSTILE}\n\nMore.")
    assert_summaries_are_text(client.get("/feeds/articles/"), HOSTILE)
    assert_summaries_are_text(client.get(f"/feeds/people/{trung.slug}/"), HOSTILE)


def test_search_feed_gives_summaries_as_text(client, tmp_path):
    from conftest import use_search_index_at
    from haystack import connections

    from search import indexing

    article = make_article("Talks", body=f"{HOSTILE}\n\nMore.")
    previous = connections.connections_info["default"]["PATH"]
    use_search_index_at(tmp_path / "index")
    try:
        indexing.queue_articles([article.pk])
        indexing.process_queue()
        response = client.get("/search/feed/", {"q": "Trung"})
    finally:
        use_search_index_at(previous)
    entry = atom_entries(response)[0]
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text" and "<script>" in summary.text and "onerror" in summary.text
