"""Template helpers of the public pages: country names and their languages, date honesty, the timeline chart."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .. import countries, scope
from ..extraction.types import DAY, MONTH, YEAR

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """A country's display name, from the countries file (an unknown code as it is)."""
    return scope.country_name(code)


@register.filter
def country_lang(code: str) -> str:
    """The lang attribute value for a country's names ("" when the page language fits)."""
    return scope.names_language(code)


@register.filter
def name_lang(person) -> str:
    """The lang attribute value for a person's name: their country's names language, so screen readers
    and fonts treat a Vietnamese name as Vietnamese ("" when the page language fits)."""
    return scope.names_language(getattr(person, "country", "") or "")


@register.filter
def languages_marked(text: str) -> SafeString:
    """`text` escaped, each country name printed in its own language (Việt Nam) in a span of that lang,
    so screen readers pronounce it: for the archive's name and focus, which come from the settings."""
    marked = _names_with_language(countries.current())
    if marked is None:
        return conditional_escape(text)
    parts, cursor = [], 0
    for match in marked[0].finditer(text):
        parts.append(conditional_escape(text[cursor : match.start()]))
        parts.append(format_html('<span lang="{}">{}</span>', marked[1][match.group(0)], match.group(0)))
        cursor = match.end()
    parts.append(conditional_escape(text[cursor:]))
    return mark_safe("".join(parts))  # every part is escaped above


@functools.lru_cache(maxsize=8)
def _names_with_language(table: countries.Countries) -> tuple[re.Pattern, dict[str, str]] | None:
    languages = {country.name: country.names_language for country in table if country.names_language}
    if not languages:
        return None
    names = sorted(languages, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)"), languages


@register.filter
def date_uncertain(article) -> bool:
    """True when a reader should not take the article's date as a known day."""
    return article.needs_review or article.date_precision != DAY


@register.inclusion_tag("includes/date_archive_link.html")
def date_archive_link(article):
    """A link to the date archive page that lists `article`: its month, its year, or the uncertain dates."""
    day = article.event_date
    if day and article.date_precision in (DAY, MONTH):
        url = reverse("articles:month", kwargs={"year": day.year, "month": day.month})
        label = f"All articles of {day:%B %Y}"
    elif day and article.date_precision == YEAR:
        url, label = reverse("articles:year", kwargs={"year": day.year}), f"All articles of {day.year}"
    else:
        url, label = reverse("articles:uncertain"), "All articles with an uncertain date"
    return {"url": url, "label": label}


@dataclass(frozen=True)
class Bar:
    label: str
    css_class: str
    count: int
    x: float
    y: float
    height: float
    url: str

    @property
    def center_x(self) -> float:
        return self.x + CHART_BAR / 2


@dataclass(frozen=True)
class YearSlot:
    year: int
    label_x: float
    bars: list[Bar]


CHART_SLOT = 56
CHART_BAR = 20
CHART_PLOT_HEIGHT = 140
CHART_TOP = 22
CHART_SIDE = 8


@register.inclusion_tag("includes/timeline_chart.html")
def timeline_chart(years, chart_id: str = "timeline"):
    """An SVG bar chart of articles and meetings per year; each bar links to that year's page."""
    peak = max((max(row.articles, row.meetings) for row in years), default=0) or 1
    slots = []
    for index, row in enumerate(years):
        left = CHART_SIDE + index * CHART_SLOT + (CHART_SLOT - 2 * CHART_BAR - 4) / 2
        url = reverse("articles:year", kwargs={"year": row.year})
        bars = []
        for offset, (noun, css_class, count) in enumerate(
            [("article", "bar-articles", row.articles), ("meeting", "bar-meetings", row.meetings)]
        ):
            if not count:
                continue
            height = max(2.0, CHART_PLOT_HEIGHT * count / peak)
            bars.append(
                Bar(
                    label=f"{row.year}: {count} {noun}{'' if count == 1 else 's'}",
                    css_class=css_class,
                    count=count,
                    x=round(left + offset * (CHART_BAR + 4), 1),
                    y=round(CHART_TOP + CHART_PLOT_HEIGHT - height, 1),
                    height=round(height, 1),
                    url=url,
                )
            )
        slots.append(YearSlot(row.year, CHART_SIDE + index * CHART_SLOT + CHART_SLOT / 2, bars))
    return {
        "chart_id": chart_id,
        "years": years,
        "slots": slots,
        "width": 2 * CHART_SIDE + CHART_SLOT * max(len(years), 1),
        "height": CHART_TOP + CHART_PLOT_HEIGHT + 28,
        "baseline": CHART_TOP + CHART_PLOT_HEIGHT,
        "label_y": CHART_TOP + CHART_PLOT_HEIGHT + 18,
        "bar_width": CHART_BAR,
    }
