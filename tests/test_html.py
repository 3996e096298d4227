"""Saved web pages: metadata, the story's blocks, and what was dropped around them."""

import datetime

import pytest

from articles.extraction.boilerplate import CAPTION_MARK
from articles.extraction.html import MAX_DEPTH, looks_like_html, page_from_html
from articles.extraction.pipeline import extract_file
from articles.extraction.types import InputError

STORY = (
    "<p>BEIJING — Chinese Vice Premier Li Mingde on Tuesday met Vietnamese Deputy Prime Minister Tran Hong Ha"
    " in Beijing, and the two sides agreed to speed up work on cross-border railways.</p>"
    "<p>Li said China stands ready to import more Vietnamese farm produce and to open new border gates.</p>"
    "<p>Tran said Việt Nam wants more Chinese investment in clean energy and high technology. — VNS</p>"
)


def page(head="", body=""):
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_metadata_from_open_graph_published_time_and_canonical_link():
    html = page(
        '<meta property="og:title" content="  Vice Premier meets Deputy PM  ">'
        '<meta property="article:published_time" content="2024-05-21T23:30:00+07:00">'
        '<link rel="canonical" href="https://news.example/a/1.html"><title>Other | Site</title>',
        f"<article>{STORY}</article>",
    )
    result = page_from_html(html)
    assert result.title == "Vice Premier meets Deputy PM"
    assert result.published == datetime.date(2024, 5, 21)  # the site's local date, not UTC
    assert result.canonical_url == "https://news.example/a/1.html"


def test_json_ld_graph_gives_headline_and_date_published():
    ld = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},'
        ' {"@type": "NewsArticle", "headline": "Talks in Beijing", "datePublished": "2024-05-22T08:00:00Z"}]}'
    )
    result = page_from_html(page(f'<script type="application/ld+json">{ld}</script>', f"<main>{STORY}</main>"))
    assert result.title == "Talks in Beijing"
    assert result.published == datetime.date(2024, 5, 22)
    assert "application" not in result.text


def test_time_element_and_title_tag_are_fallbacks():
    html = page(
        "<title>Railway talks | Example News</title>",
        f'<article><time datetime="2024-05-23">May 23</time>{STORY}</article>',
    )
    result = page_from_html(html)
    assert result.title == "Railway talks"
    assert result.published == datetime.date(2024, 5, 23)


def test_broken_json_ld_is_ignored():
    html = page('<script type="application/ld+json">{not json</script><title>Talks</title>', STORY)
    assert page_from_html(html).title == "Talks"


def test_chrome_is_dropped_and_recorded_by_rule():
    html = page(
        "<style>p { color: red }</style><script>var tracking = 1;</script>",
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<header><h2>Example News</h2></header>"
        "<form><label>Newsletter sign-up</label></form>"
        f"<article><div class='social-share'><a>Facebook</a> <a>Zalo</a></div>{STORY}"
        "<ul><li><a href='/1'>Gold prices climb again</a></li><li><a href='/2'>Floods in the north</a></li></ul>"
        "</article>"
        "<aside><h3>Most read</h3><p>Tết markets open in Hà Nội and draw big crowds of shoppers this week.</p></aside>"
        "<footer>© Example News 2024</footer>",
    )
    result = page_from_html(html)
    for clutter in ("Home", "Example News", "Newsletter", "Facebook", "Gold prices", "Most read", "Tết", "tracking"):
        assert clutter not in result.text
    rules = {block.rule for block in result.removed}
    assert {"html <nav>", "html <header>", "html <form>", "html <aside>", "html <footer>"} <= rules
    assert "html share/related widget" in rules
    assert "html link list" in rules
    assert result.text.startswith("BEIJING — Chinese Vice Premier Li Mingde")
    assert result.text.count("\n\n") == 2  # three paragraphs, blank-line separated


def test_paragraph_with_an_inline_link_is_kept():
    story = STORY.replace("farm produce", "<a href='/farm'>farm produce</a>")
    assert "farm produce" in page_from_html(page(body=f"<article>{story}</article>")).text


def test_figcaption_becomes_a_caption_block_and_a_photo():
    figure = "<figure><img src='a.jpg'><figcaption>Li Mingde and Tran Hong Ha in Beijing. Photo: Xinhua</figcaption></figure>"
    first, rest = STORY.split("</p>", 1)
    html = page(body=f"<article>{first}</p>{figure}{rest}</article>").encode()
    result = page_from_html(html.decode())
    assert result.text.split("\n\n")[1] == f"{CAPTION_MARK}Li Mingde and Tran Hong Ha in Beijing. Photo: Xinhua"
    article = extract_file(html, "photo.html", max_bytes=100_000)
    assert [(p.caption, p.credit) for p in article.photos] == [("Li Mingde and Tran Hong Ha in Beijing.", "Xinhua")]
    assert "Photo" not in article.body


def test_loose_text_in_divs_with_line_breaks_is_kept():
    html = page(
        body="<div id='content'>Hà Nội (VNA) – Party leaders met on Monday to review the year's work and plan"
        " new measures.<br><br>They agreed to strengthen the fight against corruption in all sectors this year.</div>"
    )
    assert page_from_html(html).text.split("\n\n")[1].startswith("They agreed")


def test_page_without_article_text_is_refused():
    html = page(body="<nav><a href='/'>Home</a></nav><ul><li><a href='/x'>A story</a></li></ul><footer>©</footer>")
    with pytest.raises(InputError, match="no article text"):
        page_from_html(html)


def test_extract_file_reads_html_by_name_and_by_content():
    html = page(
        '<meta property="og:title" content="Vice Premier meets Deputy PM">'
        '<meta property="article:published_time" content="2024-05-21T10:00:00+07:00">',
        f"<article>{STORY}</article>",
    ).encode()
    by_name = extract_file(html, "saved.htm", max_bytes=100_000)
    by_content = extract_file(html, "saved.txt", max_bytes=100_000)
    for article in (by_name, by_content):
        assert article.title == "Vice Premier meets Deputy PM"
        assert article.title_generated is False
        assert article.dateline == "BEIJING"
        assert article.credit == "VNS"
        assert article.date.value == datetime.date(2024, 5, 21)
        assert "<p>" not in article.body


def test_extract_file_names_the_file_when_the_page_has_no_article():
    with pytest.raises(InputError, match=r"^empty\.html: the page has no article text"):
        extract_file(page(body="<nav>Home</nav>").encode(), "empty.html", max_bytes=100_000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <html lang='en'><body><p>x</p></body></html>", True),
        ("HÀ NỘI — Leaders met <b>today</b>.", False),
        ("Use a <body> tag", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_tags_nested_past_the_depth_limit_keep_their_text():
    depth = MAX_DEPTH * 3
    story = "Premier Lý met Minister Xi in Beijing on Monday to discuss trade, rail links and the border gates."
    page = page_from_html(
        "<html><body>"
        + "<div>" * depth
        + f"<p>{story}</p>"
        + "</div>" * depth
        + "<p>The end of the story.</p></body></html>"
    )
    assert page.text.split("\n\n") == [story, "The end of the story."]


def test_each_tag_is_read_without_walking_its_ancestors_or_searching_its_subtree(monkeypatch):
    """Per-tag walks up the tree (find_parent) or down it (bs4 turns a missing attribute into a subtree
    search) made a deep page quadratic: a page is read with a fixed number of them, whatever its size."""
    from bs4 import Tag

    walks = []
    find_parents, getattr_ = Tag.find_parents, Tag.__getattr__
    monkeypatch.setattr(Tag, "find_parents", lambda self, *a, **k: walks.append("up") or find_parents(self, *a, **k))
    monkeypatch.setattr(Tag, "__getattr__", lambda self, name: walks.append(name) or getattr_(self, name))
    block = (
        "<div><div><p>Premier Lý met Minister Xi in Beijing on Monday to discuss trade and rail links.</p></div></div>"
    )
    page_from_html(f"<html><body><article>{block * 200}<div class='share'>Share</div></article></body></html>")
    assert "_decomposed" not in walks
    assert walks.count("up") <= 1
