"""The facets of the article search: one definition shared by the index, the form, the view and the JSON."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .analysis import strip_diacritics

ALL = "all"  # every selected value must be present (a document can have several values)
ANY = "any"  # any selected value may be present (a document has one value)

_NOT_WORD = re.compile(r"[\W_]+")


def facet_key(value: str) -> str:
    """What a facet value is matched by: accent-, case-, space- and punctuation-insensitive.

    "Hà Nội", "Hanoi" and "HA NOI" share the key "hanoi"; Chinese characters are kept.
    """
    return _NOT_WORD.sub("", strip_diacritics(value).casefold())


# The two countries of a pair: an en dash however spaced ("Việt Nam – China", "Việt Nam–China"), or a
# hyphen with spaces ("Viet Nam - China"; Timor-Leste's hyphen is part of its name).
_PAIR_PARTS = re.compile(r"\s*–\s*|\s+-\s+")


def pair_key(value: str) -> str:
    """A pair's match key, whichever country is named first: "China – Việt Nam" is "Việt Nam – China"
    (which comes first depends on the archive's focus when the article was indexed, and on the reader)."""
    parts = [facet_key(part) for part in _PAIR_PARTS.split(value.strip())]
    if len(parts) != 2 or not all(parts):
        return facet_key(value)
    return "".join(sorted(parts))  # letters and digits only, as every key, so the engines' analysis keeps it


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter, index field and JSON key
    label: str
    combine: str  # ALL or ANY: how several selected values of this facet combine
    shown: int = 10  # values listed before "more"
    key: Callable[[str], str] = facet_key  # what a value is matched by


FACETS = (
    Facet("people", "People", ALL),
    Facet("countries", "Countries", ALL),
    Facet("pairs", "Country pairs", ALL, key=pair_key),  # "Việt Nam – China": countries of a meeting reported
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
