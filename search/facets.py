"""The facets of the article search: one definition shared by the index, the form, the view and the JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .analysis import strip_diacritics

ALL = "all"  # every selected value must be present (a document can have several values)
ANY = "any"  # any selected value may be present (a document has one value)


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter, index field and JSON key
    label: str
    combine: str  # ALL or ANY: how several selected values of this facet combine
    shown: int = 10  # values listed before "more"


FACETS = (
    Facet("people", "People", ALL),
    Facet("countries", "Countries", ALL),
    Facet("pairs", "Country pairs", ALL),  # "Việt Nam – China": the countries of a meeting it reports
    Facet("offices", "Offices", ALL),
    Facet("organizations", "Organizations", ALL),
    Facet("outlet", "Outlet", ANY),
    Facet("place", "Place", ALL),
    Facet("kind", "Meeting kind", ALL),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}

# The date facet: years, and the months of a selected year ("2023-04"). An article has one date,
# so several selected years (or months) mean any of them.
YEAR_FIELD = "year"
MONTH_FIELD = "month"
DATE_FACETS = (
    Facet(YEAR_FIELD, "Year", ANY, shown=12),
    Facet(MONTH_FIELD, "Month", ANY, shown=12),
)
ALL_FACETS = (*FACETS, *DATE_FACETS)
ALL_FACETS_BY_NAME = {facet.name: facet for facet in ALL_FACETS}

_NOT_WORD = re.compile(r"[\W_]+")


def facet_key(value: str) -> str:
    """What a facet value is matched by: accent-, case-, space- and punctuation-insensitive.

    "Hà Nội", "Hanoi" and "HA NOI" share the key "hanoi"; Chinese characters are kept.
    """
    return _NOT_WORD.sub("", strip_diacritics(value).casefold())
