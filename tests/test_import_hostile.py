"""Files written to deceive: invisible and direction-overriding characters, script addresses, damaged bytes.

Each test imports a file through the importer (as `import_articles` does) and checks what a reader
would then be shown.
"""

import re
from html import unescape

import pytest

from articles.extraction.decoding import normalise_text, strip_invisible
from articles.importing import import_paths
from articles.models import Article, Mention, Person

pytestmark = pytest.mark.django_db

RLO, PDF, ZWSP, ZWJ, LRI, PDI = "\u202e", "\u202c", "\u200b", "\u200d", "\u2066", "\u2069"
# Every character a title or name may hide: direction overrides, embeddings, isolates and marks,
# zero-width spaces and joiners, soft hyphen, word joiner, byte-order mark, tag characters.
HIDDEN = [RLO, PDF, ZWSP, ZWJ, LRI, PDI, "\u200e", "\u200f", "\u061c", "\u00ad", "\u2060", "\ufeff", "\U000e0041"]


def addresses_in(html: str) -> list[str]:
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


def shown_text(article: Article) -> list[str]:
    names = list(Person.objects.values_list("name", flat=True))
    names += list(Mention.objects.values_list("name_as_written", flat=True))
    return [article.title, article.body, *names]


@pytest.mark.parametrize("hidden", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_never_reach_titles_or_names(tmp_path, hidden):
    text = (
        f"Deputy Prime Minister meets Chinese{hidden} envoy{hidden}gpj.exe\n\n"
        f"HÀ NỘI — Deputy Prime Minister Trần {hidden}Lưu Quang on Wednesday held talks with Chinese Vice "
        f"Premier Zhang{hidden} Guoqing in Hà Nội on railway links between the two countries.\n\n"
        "Quang said the standard-gauge railway from Lào Cai to Hải Phòng was a priority. — VNS\n"
    )
    article, _ = import_file(tmp_path, "hidden.txt", text)
    assert article.title == "Deputy Prime Minister meets Chinese envoygpj.exe"
    assert {"Trần Lưu Quang", "Zhang Guoqing"} <= set(Person.objects.values_list("name", flat=True))
    assert not any(hidden in shown for shown in shown_text(article))


def test_character_references_in_a_saved_page_are_cleaned_too(tmp_path):
    # In HTML the characters can arrive as references, which become characters only once parsed.
    page = (
        "<html><head><title>Talks &#x202E;txt.exe&#x202C; | News</title></head><body><article>"
        "<h1>Talks on rail&#8238;txt.exe links</h1>"
        "<p>HÀ NỘI — Deputy Prime Minister Trần Lưu&zwj; Quang on Wednesday held talks with Chinese Vice "
        "Premier Zhang&#x200B;Guoqing in Hà Nội on railway links between the two countries.</p>"
        "<p>Quang said the standard-gauge railway from Lào Cai to Hải Phòng was a priority.</p>"
        "</article></body></html>"
    )
    article, _ = import_file(tmp_path, "hidden.html", page)
    assert article.title == "Talks on railtxt.exe links"
    assert all(not any(c in shown for c in HIDDEN) for shown in shown_text(article))


def test_text_normalising_strips_every_format_character_and_keeps_vietnamese():
    import sys
    import unicodedata

    format_characters = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")
    assert strip_invisible(f"Nguyễn{format_characters} Phú Trọng") == "Nguyễn Phú Trọng"
    assert normalise_text("Ha\u0300 N\u00f4\u0323i\r\nĐà Nẵng\r") == "Hà Nội\nĐà Nẵng\n"


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
    assert all(safe_link(link) for link in addresses_in(html))


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
    assert all(safe_link(link) for link in addresses_in(html)) and "Source" not in html


def test_a_utf8_file_damaged_near_its_end_is_imported_with_a_warning(tmp_path):
    text = (
        "Phó Thủ tướng Trần Lưu Quang hội đàm với Phó Thủ tướng Trung Quốc\n\n"
        "HÀ NỘI — Phó Thủ tướng Trần Lưu Quang hôm thứ Tư hội đàm với Phó Thủ tướng Trung Quốc Trương Quốc Thanh "
        "tại Hà Nội về kết nối đường sắt giữa hai nước, theo Cổng thông tin điện tử Chính phủ.\n\n"
        "Hai bên nhất trí đẩy nhanh tuyến đường sắt khổ tiêu chuẩn Lào Cai – Hà Nội – Hải Phòng.\n"
    )
    data = text.encode() + b"\xe1\xba"  # cut inside a letter
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    report = import_paths([path])
    assert not report.failed
    article = Article.objects.get(source_file="cut.txt")
    assert article.title == "Phó Thủ tướng Trần Lưu Quang hội đàm với Phó Thủ tướng Trung Quốc"
    assert "Trương Quốc Thanh" in article.body
    warning = f"cut.txt: not valid UTF-8 at byte offset {len(data) - 2}; 2 bad byte(s) replaced with U+FFFD"
    assert report.outcomes[0].warnings[:1] == [warning]
    assert warning in article.import_warnings
