"""The archive's scope, and countries as the pages show them.

The scope is what the archive is called and which countries it is about, from the settings
PORTAL_ARCHIVE_NAME and PORTAL_ARCHIVE_FOCUS (README, "Configuration"):

    current_scope().name            "Việt Nam's bilateral exchanges" (or the name set)
    current_scope().between         "Việt Nam and its partners", or "Việt Nam and China" for a pair
    current_scope().home            the first country of the focus: the home side of who met whom
    current_scope().pair("CN", "VN") the Pair of two codes, ordered as the archive names it

The focus is one country (its exchanges with every partner) or a pair; by default, the first country of
the countries file. It names the archive and orders its pages (the home side first); it hides nothing:
the archive holds whatever was imported.
Countries, their display names, slugs and name languages come from the countries file in force
(articles/countries.py); a code the file does not know is shown as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from . import countries
from .countries import Country

FOCUS_SETTING = "PORTAL_ARCHIVE_FOCUS"
NAME_SETTING = "PORTAL_ARCHIVE_NAME"
_FOCUS = re.compile(r"[A-Z]{2}(?:-[A-Z]{2})?")
NO_COUNTRY = "Country not recorded"


def country(code: str) -> Country | None:
    """The country of an ISO code in the countries file in force, or None."""
    return countries.get(code) if code else None


def country_name(code: str) -> str:
    """A country's display name; an unknown code as it is."""
    if not code:
        return NO_COUNTRY
    known = country(code)
    return known.name if known else code.upper()


def names_language(code: str) -> str:
    """The language of a country's names as printed (a lang attribute), "" when not recorded."""
    known = country(code)
    return known.names_language if known else ""


def _stand_in(code: str) -> Country:
    """A code the countries file does not know (data imported under another file): shown as it is."""
    return Country(code=code.upper(), name=code.upper(), slug="", names=(code.upper(),))


@dataclass(frozen=True)
class Pair:
    """Two countries whose officials met, in the order the archive names them (the focus first)."""

    first: Country
    second: Country

    @property
    def codes(self) -> str:
        """ "VN-CN": how the meetings filter and the API write a pair."""
        return f"{self.first.code}-{self.second.code}"

    @property
    def name(self) -> str:
        """ "Việt Nam – China": spaced, so that names of several words ("Republic of Korea") stay apart."""
        return f"{self.first.name} – {self.second.name}"

    @property
    def countries(self) -> tuple[Country, Country]:
        return self.first, self.second

    def get_absolute_url(self) -> str | None:
        if not (self.first.slug and self.second.slug):
            return None  # a country the file in force does not know has no page
        return reverse("articles:pair", kwargs={"first": self.first.slug, "second": self.second.slug})


@dataclass(frozen=True)
class Scope:
    focus: tuple[Country, ...]  # one country, or a pair
    name: str

    @property
    def home(self) -> Country:
        return self.focus[0]

    @property
    def partner(self) -> Country | None:
        """The other country of a pair focus; None when the archive follows every partner of one."""
        return self.focus[1] if len(self.focus) > 1 else None

    @property
    def between(self) -> str:
        other = self.partner.name if self.partner else "its partners"
        return f"{self.home.name} and {other}"

    @property
    def archive_name(self) -> str:
        """How citations and the admin name the archive: "Việt Nam's bilateral exchanges archive"."""
        return f"{self.name} archive"

    @property
    def title(self) -> str:
        return f"{self.name}: an archive of news"

    def order(self, codes) -> list[str]:
        """Country codes in the order the archive names them: the focus first, then by code."""
        focus = [country.code for country in self.focus]
        return sorted({code.upper() for code in codes}, key=lambda c: (focus.index(c) if c in focus else 2, c))

    def pair(self, code: str, other: str) -> Pair:
        first, second = self.order([code, other])
        return Pair(country(first) or _stand_in(first), country(second) or _stand_in(second))


def default_name(focus: tuple[Country, ...]) -> str:
    if len(focus) == 2:
        return f"{focus[0].name}–{focus[1].name} exchanges"
    return f"{focus[0].name}'s bilateral exchanges"


def focus_codes(value: str) -> tuple[str, ...]:
    """The codes of a PORTAL_ARCHIVE_FOCUS value ("VN", "VN-CN"; empty: the countries file's first
    country); raises ImproperlyConfigured naming the setting."""
    text = (value or "").strip().upper()
    if not text:
        return (countries.all_countries()[0].code,)
    if not _FOCUS.fullmatch(text) or len(set(text.split("-"))) != len(text.split("-")):
        raise ImproperlyConfigured(
            f"{FOCUS_SETTING}={value!r}: expected one country code (VN: its exchanges with every partner) "
            "or two different ones joined by a hyphen (VN-CN: one pair)."
        )
    return tuple(text.split("-"))


def current_scope() -> Scope:
    """The scope the settings give, with the countries file in force (cheap: read on each call, so a test
    or a changed countries file is followed)."""
    focus = []
    for code in focus_codes(getattr(settings, FOCUS_SETTING, "")):
        known = country(code)
        if known is None:
            raise ImproperlyConfigured(
                f"{FOCUS_SETTING}: {code} is no country of the countries file in force ({countries.current().path})."
            )
        focus.append(known)
    focus = tuple(focus)
    return Scope(focus, (getattr(settings, NAME_SETTING, "") or "").strip() or default_name(focus))


def pair_label(codes: str) -> str:
    """ "VN-CN" as the meetings filter offers it: "Việt Nam – China"."""
    return " – ".join(country_name(code) for code in codes.split("-"))
