"""Files written to deceive: script addresses.

Each test imports a file through the importer (as `import_articles` does) and checks what a reader
would then be shown.
"""

import re
from html import unescape

import pytest

from articles.importing import import_paths
from articles.models import Article

pytestmark = pytest.mark.django_db


def links_of(html: str) -> list[str]:
    return [unescape(value) for value in re.findall(r'(?:href|src|action)="([^"]*)"', html)]


def safe_link(link: str) -> bool:
    """A link of the site's own (a path) or to the web."""
    return link.startswith(("/", "#", "?", "https://", "http://")) and not link.startswith("//")


def import_file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = import_paths([path])
    assert not report.failed, [(outcome.name, outcome.reason) for outcome in report.failed]
    return Article.objects.get(source_file=name), report


PAGE = """<html><head><title>Talks on rail links</title>{head}</head><body><article><h1>Talks on rail links</h1>
<p>HÀ NỘI — Deputy Prime Minister Trần Lưu Quang on Wednesday held talks with Chinese Vice Premier Zhang Guoqing
in Hà Nội on railway links between the two countries, the government portal reported.</p></article></body></html>"""


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(document.cookie)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/page",
    ],
)
def test_only_web_addresses_from_a_page_become_its_source_link(tmp_path, client, address):
    head = f'<link rel="canonical" href="{address}"><meta property="og:url" content="{address}">'
    article, _ = import_file(tmp_path, "page.html", PAGE.format(head=head))
    assert article.canonical_url == ""
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'rel="canonical"' not in html and "Source" not in html
    assert all(safe_link(link) for link in links_of(html))


def test_a_page_s_web_address_is_its_source_link(tmp_path, client):
    head = (
        '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://news.example/rail">'
    )
    article, _ = import_file(tmp_path, "page.html", PAGE.format(head=head))
    assert article.canonical_url == "https://news.example/rail"
    assert (
        '<a href="https://news.example/rail" rel="external nofollow">'
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_a_script_address_stored_before_is_never_a_link(client):
    from factories import make_article

    article = make_article(canonical_url="javascript:alert(document.cookie)")
    html = client.get(article.get_absolute_url()).content.decode()
    assert all(safe_link(link) for link in links_of(html)) and "Source" not in html
