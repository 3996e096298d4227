"""Saved web pages to text blocks and page metadata (title, published time, canonical URL).

The page's own metadata (Open Graph, article:published_time, JSON-LD, <time>, rel=canonical) is
more reliable than anything read from its text, so it is taken first. The story itself is found by
trafilatura, the article-extraction library that leads the field's public benchmark: it weighs each
block's text and link density against the whole page, so an outlet never seen before needs no rule
of its own. Photo captions are marked before it reads the page, because it drops <figcaption>, and
the captions are the portal's to keep apart. When trafilatura finds no story (very short pages), the
<article> (or <main>) with the most text is read instead, with navigation, sidebars, forms, share
widgets and link lists removed. Either way, every block left out is recorded with its rule.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import trafilatura
from bs4 import BeautifulSoup, Tag
from dateutil import parser as date_parser

from .boilerplate import CAPTION_MARK
from .dates import EARLIEST_YEAR, LATEST_YEAR
from .decoding import strip_invisible
from .types import InputError, RemovedBlock

_DROPPED_TAGS = ("nav", "header", "footer", "aside", "form", "menu", "button", "select")
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "input")
# class/id words of share bars, comment boxes, related-story boxes and ads (whole words only).
_WIDGET_WORDS = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|sns|related|comments?|breadcrumbs?|newsletter|advert|ads|banner"
    r"|promo|sidebar|tags?|toolbar|subscribe|print|author-box)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre", "td", "dd", "dt")
_CONTAINER_TAGS = ("div", "section", "article", "main", "figure", "ul", "ol", "table", "body")
# A block whose text is mostly link text is navigation or a list of other stories.
LINK_SHARE_LIMIT = 0.6
_MIN_ARTICLE_WORDS = 20


@dataclass
class Page:
    text: str  # blocks separated by blank lines; captions start with boilerplate.CAPTION_MARK
    title: str | None = None
    published: datetime.date | None = None
    canonical_url: str = ""
    removed: list[RemovedBlock] = field(default_factory=list)
    story_found: bool = False  # the text is the story trafilatura found, not the structural fallback


# Real pages nest tags up to about 50 deep. Every pass below looks at a tag's ancestors or its whole
# subtree, so thousands of nested tags made them quadratic: deeper tags are left out of the tree
# (their text stays, in the deepest tag kept).
MAX_DEPTH = 100


class _ShallowSoup(BeautifulSoup):
    """A parse that keeps at most MAX_DEPTH levels of tags."""

    def reset(self):
        super().reset()
        self._left_out = Counter()  # tags left out and not closed yet, by name

    def handle_starttag(self, name, namespace, nsprefix, attrs, *args, **kwargs):
        if len(self.tagStack) > MAX_DEPTH and name not in _INVISIBLE_TAGS:
            if not self.builder.can_be_empty_element(name):  # <br>, <img> never close
                self._left_out[name] += 1
            return None
        return super().handle_starttag(name, namespace, nsprefix, attrs, *args, **kwargs)

    def handle_endtag(self, name, nsprefix=None):
        if self._left_out[name]:
            self._left_out[name] -= 1
            return
        super().handle_endtag(name, nsprefix)


def page_from_html(html: str) -> Page:
    soup = _ShallowSoup(html, "html.parser")
    page = Page(
        text="",
        title=_meta_title(soup),
        published=_meta_published(soup),
        canonical_url=_canonical_url(soup),
    )
    for tag in soup.find_all(_INVISIBLE_TAGS):
        tag.decompose()
    _mark_captions(soup)
    blocks = _story_blocks(str(soup))
    if _article_words(blocks) < _MIN_ARTICLE_WORDS:
        blocks = _structural_blocks(soup, page)
    else:
        scratch = Page(text="")
        _drop_chrome(soup, scratch)  # names what the chrome was (navigation, share bar, link list ...)
        page_blocks = _blocks(soup.body or soup, scratch)
        blocks = _with_story_header(blocks, page_blocks, page.title)
        page.story_found = True
        kept_text = _squash(" ".join(blocks))
        left_out = [*scratch.removed, *(RemovedBlock(block, "html: outside the article") for block in page_blocks)]
        page.removed += [block for block in left_out if _squash(block.text) not in kept_text]
    if _article_words(blocks) < _MIN_ARTICLE_WORDS:
        raise InputError("the page has no article text (after removing navigation, sidebars and widgets)")
    # Character references (&#x202E;) become characters only here, past decoding's clean-up.
    page.text = strip_invisible("\n\n".join(blocks))
    page.title = strip_invisible(page.title) if page.title else page.title
    return page


def _article_words(blocks: list[str]) -> int:
    return sum(len(block.split()) for block in blocks if not block.startswith(CAPTION_MARK))


# --- the story, as trafilatura finds it ---------------------------------------------------------

# Blocks between a headline and the story trafilatura found that may still be the story's header.
_STORY_HEADER_MAX_BLOCKS = 6
_STANDFIRST_MAX_WORDS = 120
# Reader comments are never the article; precision first, because the portal's own rules then take
# captions, bylines and sign-offs out of what trafilatura keeps.
_TRAFILATURA_OPTIONS = {"include_comments": False, "favor_precision": True, "include_tables": True}


def _mark_captions(soup: BeautifulSoup) -> None:
    """Each <figcaption> becomes a paragraph starting with CAPTION_MARK, outside its <figure>."""
    for caption in soup.find_all("figcaption"):
        if caption.decomposed or caption.find_parent("figcaption"):
            continue  # in a figure already replaced, or inside another caption
        figure = caption.find_parent("figure")
        holder = figure or caption
        texts = [_squash(part.get_text(" ")) for part in ([caption] if figure is None else _outer_captions(figure))]
        paragraph = soup.new_tag("p")
        paragraph.string = CAPTION_MARK + " ".join(text for text in texts if text)
        holder.replace_with(paragraph)
        for part in [] if figure is None else figure.find_all("figcaption"):
            part.decompose()  # the figure left the page; its captions must not be visited again


def _outer_captions(figure: Tag) -> list[Tag]:
    """The figure's captions that are not inside another of its captions: a caption's text holds those
    nested in it already, and taking each nested one again made nested unclosed captions quadratic."""
    outer, nested = [], set()
    for caption in figure.find_all("figcaption"):
        if id(caption) in nested:
            continue
        outer.append(caption)
        nested.update(id(inner) for inner in caption.find_all("figcaption"))
    return outer


def _story_blocks(html: str) -> list[str]:
    document = trafilatura.bare_extraction(html, **_TRAFILATURA_OPTIONS)
    if document is None or document.body is None:
        return []
    blocks: list[str] = []
    for element in document.body:
        blocks.extend(_element_blocks(element))
    return [block for block in blocks if block]


def _element_blocks(element) -> list[str]:
    """Text blocks of one element of trafilatura's output (p, head, list, quote, table)."""
    if element.tag == "list":
        return [_element_text(item) for item in element.iter("item")]
    if element.tag == "table":
        return [" | ".join(_element_text(cell) for cell in row.iter("cell")) for row in element.iter("row")]
    if element.tag == "quote" and len(element):
        return [_element_text(child) for child in element]
    return [_element_text(element)]


def _element_text(element) -> str:
    """The element's text with its line breaks (<lb/>) kept: one a new line, two a new paragraph."""
    for line_break in element.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    text = "".join(element.itertext())
    paragraphs = ("\n".join(_squash(line) for line in part.split("\n") if line.strip()) for part in text.split("\n\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _with_story_header(story: list[str], page_blocks: list[str], title: str | None) -> list[str]:
    """The story with what stands between its headline and its first paragraph: the date line, the
    byline and the standfirst ("sapo"), which trafilatura often leaves out as page furniture. The
    text rules then read the date and keep the standfirst as the article's."""
    if not title:
        return story
    title_key = _squash(title).lower()
    leading_titles = 0
    while leading_titles < len(story) and _squash(story[leading_titles]).lower() == title_key:
        leading_titles += 1
    if leading_titles == len(story):
        return story
    squashed = [_squash(block) for block in page_blocks]
    first = _squash(story[leading_titles])
    start = next((index for index, block in enumerate(squashed) if first in block or block in first), None)
    if start is None:
        return story
    for headline in range(start - 1, max(-1, start - 1 - _STORY_HEADER_MAX_BLOCKS), -1):
        if squashed[headline].lower() == title_key:
            between = page_blocks[headline + 1 : start]
            if all(len(block.split()) <= _STANDFIRST_MAX_WORDS for block in between):
                return [*story[:leading_titles], *between, *story[leading_titles:]]
            break
    return story


# --- the story, by the page's structure (fallback) ----------------------------------------------


def _structural_blocks(soup: BeautifulSoup, page: Page) -> list[str]:
    _drop_chrome(soup, page)
    root = _story_root(soup)
    return [block for block in _blocks(root, page) if block]


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


# --- metadata ---------------------------------------------------------------------------------


def _meta_title(soup: BeautifulSoup) -> str | None:
    for attrs in ({"property": "og:title"}, {"name": "twitter:title"}):
        tag = soup.find("meta", attrs=attrs)
        if tag and tag.get("content", "").strip():
            return _squash(tag["content"])
    for item in _json_ld(soup):
        if item.get("headline"):
            return _squash(str(item["headline"]))
    heading = soup.find("h1")
    if heading and heading.get_text(strip=True):
        return _squash(heading.get_text(" "))
    if soup.title and soup.title.get_text(strip=True):
        # "Headline | Site name": the site's name is not part of the headline.
        return _squash(re.split(r"\s+[|–—-]\s+", soup.title.get_text())[0])
    return None


def _meta_published(soup: BeautifulSoup) -> datetime.date | None:
    candidates = [
        tag.get("content")
        for attrs in ({"property": "article:published_time"}, {"itemprop": "datePublished"}, {"name": "pubdate"})
        for tag in soup.find_all("meta", attrs=attrs)
    ]
    candidates += [str(item.get("datePublished")) for item in _json_ld(soup) if item.get("datePublished")]
    candidates += [tag.get("datetime") for tag in soup.find_all("time") if tag.get("datetime")]
    for value in candidates:
        parsed = _parse_date(value)
        if parsed:
            return parsed
    return None


def _canonical_url(soup: BeautifulSoup) -> str:
    link = soup.find("link", rel="canonical")
    if link and web_url(link.get("href", "")):
        return web_url(link["href"])
    tag = soup.find("meta", attrs={"property": "og:url"})
    return web_url(tag.get("content", "")) if tag else ""


def web_url(text: str) -> str:
    """`text` if it is an absolute http(s) address, else "": a page's javascript:, data: or relative
    "URL" must never become a link a reader clicks (browsers drop tabs and newlines in a scheme, and so
    does urlsplit)."""
    url = text.strip() if isinstance(text, str) else ""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced [ in the host
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    items: list[dict] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue  # a broken JSON-LD block is the site's problem; the rest of the page still reads
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                items.append(item)
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return items


def _parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        # The site's own local date: a time of 00:30+07:00 is still that day in Hà Nội.
        parsed = date_parser.isoparse(value.strip()).date()
    except (ValueError, OverflowError):
        try:
            parsed = date_parser.parse(value.strip(), fuzzy=False).date()
        except (ValueError, OverflowError):
            return None
    # Content systems print placeholders such as 0001-01-01 for "no date": only a year the text
    # could also state counts.
    return parsed if EARLIEST_YEAR <= parsed.year <= LATEST_YEAR else None


def _story_root(soup: BeautifulSoup) -> Tag:
    candidates = soup.find_all("article") or soup.find_all("main") or soup.find_all(attrs={"role": "main"})
    if candidates:
        return max(candidates, key=lambda tag: len(tag.get_text(" ", strip=True)))
    return soup.body or soup


def _removed(tag: Tag) -> bool:
    # Not tag.decomposed: on a live tag it reads a missing attribute, which bs4 turns into a search
    # of the tag's whole subtree for a tag of that name (quadratic over a page).
    return vars(tag).get("_decomposed", False)


def _drop_chrome(root: Tag, page: Page) -> None:
    for tag in root.find_all(_DROPPED_TAGS):
        if not _removed(tag):
            _remove(tag, f"html <{tag.name}>", page)
    for tag in root.find_all(True):
        if _removed(tag) or tag.name in ("body", "html", "head", "article", "main"):
            continue
        words = " ".join([*tag.get("class", []), tag.get("id", "")])
        if words and _WIDGET_WORDS.search(words):
            _remove(tag, "html share/related widget", page)
    for tag in root.find_all(("ul", "ol", "div", "section")):
        if not _removed(tag) and _is_link_list(tag):
            _remove(tag, "html link list", page)


def _is_link_list(tag: Tag) -> bool:
    text = tag.get_text(" ", strip=True)
    if not text or (tag.find(("p", "figcaption")) and tag.name in ("div", "section")):
        return False
    links = " ".join(a.get_text(" ", strip=True) for a in tag.find_all("a"))
    return len(links) / len(text) >= LINK_SHARE_LIMIT


def _remove(tag: Tag, rule: str, page: Page) -> None:
    text = _squash(tag.get_text(" "))
    if text:
        page.removed.append(RemovedBlock(text, rule))
    tag.decompose()


def _blocks(root: Tag, page: Page) -> list[str]:
    """Text of each innermost block element, in document order; loose text in containers too."""
    blocks: list[str] = []
    inside = _inside_blocks(root)
    for tag in root.find_all((*_BLOCK_TAGS, "div", "section")):
        if id(tag) in inside:
            continue
        if tag.name in ("div", "section"):
            blocks.extend(_loose_text(tag))
            continue
        text = _squash(tag.get_text(" "))
        if not text:
            continue
        if _link_share(tag, text) >= LINK_SHARE_LIMIT and len(text.split()) < 25:
            page.removed.append(RemovedBlock(text, "html link block"))
            continue
        blocks.append(CAPTION_MARK + text if tag.name == "figcaption" else text)
    return blocks


def _inside_blocks(root: Tag) -> set[int]:
    """ids of the tags under `root` that have a block element (a caption too) among their ancestors.

    One pass in document order, parents before children: asking each tag for its parents was
    quadratic in the depth of the page. (By id: a Tag hashes by its whole markup.)
    """
    inside: set[int] = set()
    root_inside = root.find_parent(_BLOCK_TAGS) is not None
    for tag in root.find_all(True):
        parent = tag.parent
        if parent.name in _BLOCK_TAGS or (id(parent) in inside if parent is not root else root_inside):
            inside.add(id(tag))
    return inside


def _loose_text(tag: Tag) -> list[str]:
    """Text sitting directly in a div (sites that write paragraphs as <div>text<br>text</div>)."""
    parts, current = [], []
    for child in tag.children:
        if isinstance(child, Tag) and child.name in (*_BLOCK_TAGS, *_CONTAINER_TAGS, "br"):
            parts.append(" ".join(current))
            current = []
        else:
            current.append(child.get_text(" ") if isinstance(child, Tag) else str(child))
    parts.append(" ".join(current))
    return [text for part in parts if (text := _squash(part))]


def _link_share(tag: Tag, text: str) -> float:
    links = " ".join(a.get_text(" ", strip=True) for a in tag.find_all("a"))
    return len(links) / len(text) if text else 0.0


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
