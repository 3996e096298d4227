"""Citing an article: a reference to copy, CSL-JSON (what Zotero, Mendeley and pandoc read) and BibTeX.

A citation names the article's outlet, its title, its date (the date the source printed, else the
event's date as precisely as it is known), the source's address when known, and the portal's
permalink with the day it was read, so a reader can find the very text that was cited.
"""

from __future__ import annotations

import datetime
import re

from .extraction.html import web_url
from .extraction.types import DAY, MONTH, YEAR
from .models import Article, partial_date_label
from .scope import current_scope

_BIBTEX_SPECIAL = re.compile(r"([{}\\%&$#_^~])")


def cited_date(article: Article) -> tuple[datetime.date | None, str]:
    """The date to cite and its precision: the publication date, else the event's."""
    if article.published:
        return article.published, DAY
    if article.event_date and article.date_precision in (DAY, MONTH, YEAR):
        return article.event_date, article.date_precision
    return None, ""


def reference(article: Article, permalink: str, accessed: datetime.date) -> str:
    """A reference in the usual news style: Outlet. “Title.” Date. Source. Archive, permalink (accessed …)."""
    date, precision = cited_date(article)
    parts = []
    if article.credit:
        parts.append(f"{article.credit}.")
    parts.append(f"“{article.title.rstrip('.')}.”")
    parts.append(f"{partial_date_label(date, precision)}." if date else "Undated.")
    if web_url(article.canonical_url):
        parts.append(f"{web_url(article.canonical_url)}.")
    parts.append(f"{current_scope().archive_name}, {permalink} (accessed {accessed.day} {accessed:%B %Y}).")
    return " ".join(parts)


def csl_json(article: Article, permalink: str, accessed: datetime.date) -> dict:
    """The article as one CSL-JSON item."""
    item = {
        "id": article.slug,
        "type": "article-newspaper",
        "title": article.title,
        "URL": web_url(article.canonical_url) or permalink,
        "archive": current_scope().archive_name,
        "archive_location": permalink,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
    }
    if article.credit:
        item["container-title"] = article.credit
    date, precision = cited_date(article)
    if date:
        parts = {DAY: [date.year, date.month, date.day], MONTH: [date.year, date.month], YEAR: [date.year]}[precision]
        item["issued"] = {"date-parts": [parts]}
    if article.dateline:
        item["event-place"] = article.dateline
    if article.standfirst:
        item["abstract"] = article.standfirst
    return item


def bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def bibtex_key(article: Article) -> str:
    date, _ = cited_date(article)
    outlet = re.sub(r"[^a-z0-9]", "", (article.credit or "archive").lower())[:12] or "archive"
    first_word = next((w for w in re.findall(r"[a-z0-9]+", article.slug) if len(w) > 3), "article")
    return f"{outlet}{date.year if date else 'nd'}{first_word}"


def bibtex(article: Article, permalink: str, accessed: datetime.date) -> str:
    """The article as a BibTeX @misc entry (biblatex reads its urldate and date fields too)."""
    date, precision = cited_date(article)
    fields = [("title", "{" + bibtex_text(article.title) + "}")]
    if article.credit:
        fields.append(("howpublished", bibtex_text(article.credit)))
        fields.append(("organization", bibtex_text(article.credit)))
    if date:
        fields.append(("year", str(date.year)))
        iso = {DAY: date.isoformat(), MONTH: f"{date:%Y-%m}", YEAR: f"{date:%Y}"}[precision]
        fields.append(("date", iso))
    fields.append(("url", web_url(article.canonical_url) or permalink))
    fields.append(("urldate", accessed.isoformat()))
    fields.append(("note", bibtex_text(f"{current_scope().archive_name}: {permalink}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(article)},\n{body}\n}}\n"
