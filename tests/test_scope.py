"""The archive's scope from settings: its name and focus on every page, feed, citation and download, and in
the admin; a focus naming no country of the countries file stops the start with a message naming the setting.
"""

import datetime
import json
import re

import pytest
from conftest import text_of
from django.contrib.auth import get_user_model
from django.core import checks
from django.test import RequestFactory
from django.urls import get_resolver
from factories import make_article, make_meeting, make_person

from articles import citations, downloads
from articles.scope import current_scope
from search.feeds import SearchFeed

pytestmark = pytest.mark.django_db

PAGES = ["/", "/people/", "/meetings/", "/meetings/who-met-whom/", "/pairs/", "/downloads/", "/api/", "/articles/"]


@pytest.fixture
def exchanges():
    """Talks of Việt Nam's and China's officials, and a reception of China's and Laos's."""
    to_lam, xi = make_person("Tô Lâm", country="VN"), make_person("Xi Jinping", country="CN")
    sonexay = make_person("Sonexay Siphandone", country="LA")
    talks = make_article("Party chiefs hold talks", people=[to_lam, xi])
    reception = make_article("Xi Jinping receives the Lao Prime Minister", people=[xi, sonexay])
    make_meeting(to_lam, xi, articles=[talks])
    make_meeting(xi, sonexay, kind="reception", date=datetime.date(2024, 5, 1), articles=[reception])
    return talks


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_by_default_the_archive_follows_the_first_country_of_the_countries_file_and_its_partners(client, exchanges):
    scope = current_scope()
    assert (scope.home.code, scope.partner, scope.name) == ("VN", None, "Việt Nam's bilateral exchanges")
    home = client.get("/")
    assert title_of(home) == "Việt Nam&#x27;s bilateral exchanges: an archive of news"
    page = home.content.decode()
    # The country's name is marked as Vietnamese wherever the scope names it.
    assert '<span lang="vi">Việt Nam</span>&#x27;s bilateral exchanges <span class="site-name-sub">' in page
    assert '<h1 id="intro-title">News of <span lang="vi">Việt Nam</span>&#x27;s bilateral exchanges</h1>' in page
    text = text_of(home)
    assert "party and state meetings between Việt Nam and its partners" in text
    assert "party and state exchanges between Việt Nam and its partners" in text  # the footer
    for address in PAGES:
        assert title_of(client.get(address)).endswith("Việt Nam&#x27;s bilateral exchanges archive") or address == "/"


@pytest.fixture
def china_and_viet_nam(settings):
    """A deployment about one pair, China first, under a name of its own."""
    settings.PORTAL_ARCHIVE_FOCUS = "cn-vn"
    settings.PORTAL_ARCHIVE_NAME = "Sino-Vietnamese relations"
    return settings


def test_a_configured_name_and_pair_are_on_every_page(client, exchanges, china_and_viet_nam):
    for address in PAGES:
        response = client.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "Sino-Vietnamese relations" in page, address
        assert "bilateral exchanges" not in page, address  # nothing of the default scope is left
    text = text_of(client.get("/"))
    assert "between China and Việt Nam" in text
    # The focus's first country is the home side: its officials come first and form who met whom's rows.
    matrix = client.get("/meetings/who-met-whom/").context
    assert [row["person"].name for row in matrix["rows"]] == ["Xi Jinping"]
    assert client.get("/people/").context["countries"][0]["code"] == "CN"
    assert client.get("/pairs/viet-nam/china/")["Location"] == "/pairs/china/viet-nam/"
    assert "China – Laos" in text_of(client.get("/pairs/"))


def test_feeds_citations_downloads_and_the_admin_take_the_name_from_the_settings(
    client, exchanges, china_and_viet_nam, tmp_path
):
    feed = client.get("/feeds/articles/").content.decode()
    assert "<title>Sino-Vietnamese relations: latest articles</title>" in feed
    assert SearchFeed().subtitle(None) == "The newest articles of Sino-Vietnamese relations that match this search."
    day = datetime.date(2026, 1, 2)
    assert "Sino-Vietnamese relations archive, http://x/a/ (accessed 2 January 2026)" in citations.reference(
        exchanges, "http://x/a/", day
    )
    assert citations.csl_json(exchanges, "http://x/a/", day)["archive"] == "Sino-Vietnamese relations archive"
    assert "Sino-Vietnamese relations archive: http://x/a/" in citations.bibtex(exchanges, "http://x/a/", day)
    downloads.write_downloads(tmp_path)
    package = json.loads((tmp_path / downloads.MANIFEST).read_text(encoding="utf-8"))
    assert (package["name"], package["title"]) == (
        "sino-vietnamese-relations-archive",
        "Sino-Vietnamese relations: an archive of news",
    )
    editor = get_user_model().objects.create_superuser("scope-editor", password="pw")
    client.force_login(editor)
    admin = client.get("/admin/").content.decode()
    assert "Sino-Vietnamese relations archive — editors" in admin


def test_the_server_error_page_names_the_configured_archive(client, china_and_viet_nam):
    page = get_resolver().resolve_error_handler(500)(RequestFactory().get("/")).content.decode()
    assert "<title>Server error · Sino-Vietnamese relations archive</title>" in page


@pytest.mark.parametrize(
    ("focus", "message"),
    [
        ("XX", "PORTAL_ARCHIVE_FOCUS: XX is no country of the countries file in force"),
        ("VN-VN", "expected one country code"),
        ("VN,CN", "expected one country code"),
        ("VN-CN-LA", "expected one country code"),
    ],
)
def test_a_focus_that_names_no_country_of_the_file_stops_the_start(settings, focus, message):
    settings.PORTAL_ARCHIVE_FOCUS = focus
    errors = [error for error in checks.run_checks() if error.id == "articles.E001"]
    assert len(errors) == 1 and message in errors[0].msg
