"""Every page, export and feed costs the same number of SQL queries whatever the archive's size.

Each size of archive is built once for the module (inside a transaction rolled back at the end) and
every page is fetched from it; a count that grows from the small to the large archive is an N+1.
"""

import pytest
from django.db import transaction
from factories import make_archive

from articles.downloads import write_downloads

pytestmark = pytest.mark.django_db

# 40 articles and 35 meetings: more than a page of either, several meetings per person.
SIZES = {"small": (6, 3), "large": (40, 35)}


@pytest.fixture(scope="module", params=list(SIZES), ids=list(SIZES))
def archive(request, django_db_setup, django_db_blocker):
    articles, meetings = SIZES[request.param]
    with django_db_blocker.unblock(), transaction.atomic():
        data = make_archive(articles=articles, meetings=meetings)
        write_downloads()
        yield data
        transaction.set_rollback(True)


def page_urls(data) -> dict[str, tuple[str, int]]:
    """Each page's address in `data`, and the queries it may cost."""
    article = data["articles"][0]
    person = data["vn"][0]
    return {
        "home": ("/", 12),
        "archive index": ("/articles/", 4),
        "year": ("/articles/2022/", 7),
        "month": ("/articles/2022/01/", 5),
        "uncertain dates": ("/articles/uncertain-date/", 3),
        "article": (article.get_absolute_url(), 7),
        "people": ("/people/", 1),
        "person": (person.get_absolute_url(), 9),
        "person meetings csv": (f"/people/{person.slug}/meetings.csv", 4),
        "person meetings json": (f"/people/{person.slug}/meetings.json", 4),
        "offices": ("/offices/", 1),
        "office": (data["offices"][0].get_absolute_url(), 2),
        # + the people and years of the filter's controls
        "meetings": ("/meetings/", 7),
        "meetings filtered": ("/meetings/?year=2022&kind=talks&countries=VN-CN", 7),
        "meetings by people": (f"/meetings/?person={person.slug}&person={data['cn'][0].slug}", 8),
        "meetings csv": ("/meetings/?format=csv", 5),
        "meetings json by people": (f"/meetings/?person={person.slug}&format=json", 6),
        "meeting": (data["meetings"][0].get_absolute_url(), 3),
        "meeting json": (data["meetings"][0].get_absolute_url() + "?format=json", 3),
        "meeting csv": (data["meetings"][0].get_absolute_url() + "?format=csv", 3),
        "who met whom": ("/meetings/who-met-whom/", 1),
        "who met whom csv": ("/meetings/who-met-whom/?format=csv", 1),
        # the pairs with their counts, in one aggregate
        "pairs": ("/pairs/", 1),
        # its articles (count, page, their people), its meetings (count, latest, their participants),
        # who met whom (the counts, the people)
        "pair": ("/pairs/viet-nam/china/", 8),
        "office csv": (data["offices"][0].get_absolute_url() + "?format=csv", 4),
        "office json": (data["offices"][0].get_absolute_url() + "?format=json", 4),
        "article citation csl": (f"/article/{article.slug}/cite.json", 1),
        "article citation bibtex": (f"/article/{article.slug}/cite.bib", 1),
        "downloads": ("/downloads/", 0),
        "download": ("/downloads/datapackage.json", 0),
        "latest articles feed": ("/feeds/articles/", 2),
        "person feed": (f"/feeds/people/{person.slug}/", 3),
        # a count and a page of rows for each of its four model sections
        "sitemap.xml": ("/sitemap.xml", 10),
        "robots.txt": ("/robots.txt", 0),
    }


PAGES = [
    "home",
    "archive index",
    "year",
    "month",
    "uncertain dates",
    "article",
    "people",
    "person",
    "person meetings csv",
    "person meetings json",
    "offices",
    "office",
    "meetings",
    "meetings filtered",
    "meetings by people",
    "meetings csv",
    "meetings json by people",
    "meeting",
    "meeting json",
    "meeting csv",
    "who met whom",
    "who met whom csv",
    "pairs",
    "pair",
    "office csv",
    "office json",
    "article citation csl",
    "article citation bibtex",
    "downloads",
    "download",
    "latest articles feed",
    "person feed",
    "sitemap.xml",
    "robots.txt",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_costs_a_fixed_number_of_queries(archive, page, client, django_assert_num_queries):
    url, queries = page_urls(archive)[page]
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_every_public_address_is_pinned(archive):
    from django.urls import resolve

    from articles.urls import urlpatterns

    assert sorted(PAGES) == sorted(page_urls(archive))
    pinned = {resolve(url.split("?")[0]).url_name for url, _ in page_urls(archive).values()}
    assert {pattern.name for pattern in urlpatterns} == pinned


def test_article_page_for_an_editor_costs_only_the_login(archive, client, django_assert_num_queries):
    from django.contrib.auth import get_user_model
    from factories import editors_group

    editor = get_user_model().objects.create_user("counting-editor", password="pw", is_staff=True)
    editor.groups.add(editors_group())
    client.force_login(editor)
    url, queries = page_urls(archive)["article"]
    # The session, the user, and the user's own and group permissions (may they edit?).
    with django_assert_num_queries(queries + 4):
        response = client.get(url)
    assert "Edit this article in the admin" in response.content.decode()
