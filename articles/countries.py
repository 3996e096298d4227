"""The countries the archive knows, read from one validated data file.

    countries.get("VN").name            "Việt Nam" (display name); .slug "viet-nam"; .ascii_name "Viet Nam"
    countries.by_word("laotian")        the Country a name, adjective or abbreviation stands for, or None
    countries.by_slug("viet-nam")       the Country with that slug, or None
    countries.all_countries()           every Country, in the file's order
    load_countries(path)                another file in the same format (raises CountriesError)

Plain Python with no Django import: extraction reads its country facts from here, and so do the
app's pages (display names, slugs, facets). The file is `articles/data/countries.json`, or the one
the environment variable PORTAL_COUNTRIES_FILE names; it is read once per process for each path, and
`current()` follows the variable when it changes (a test points it at a file with another country).
The format is described in the file's "about" and in the README; an invalid file raises
CountriesError naming the file, the country and the field.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .extraction.datafiles import read_json
from .extraction.names import phrase_key, to_ascii

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "countries.json"
PATH_VARIABLE = "PORTAL_COUNTRIES_FILE"

# Where a naming convention puts the family name, and the parts of a name a later short reference uses.
FAMILY_NAME_POSITIONS = ("first", "last", "either")
SHORT_REFERENCES = ("family name", "given name", "given name of two syllables or more", "last two given names")
# A country whose names have a recognisable shape (its family names, its syllables): a name of that shape
# is its person anywhere, or only in a story that names the country (family names that other languages
# share as words or names).
RECOGNISED_ANYWHERE = "anywhere"
RECOGNISED_WHEN_NAMED = "in stories naming the country"

_CODE = re.compile(r"[A-Z]{2}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_SYLLABLE_PART = re.compile(r"[a-z]{1,6}")


class CountriesError(ValueError):
    """The countries file is missing or invalid; the message names the file, the country and the field."""


@dataclass(frozen=True)
class Post:
    name: str
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Party:
    name: str
    acronym: str = ""
    other_acronyms: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    ruling: bool = False
    top_post: str = ""  # what the party calls its leader: "General Secretary", "First Secretary"

    @property
    def label(self) -> str:
        """How a person's party is recorded: the acronym, else the name."""
        return self.acronym or self.name


@dataclass(frozen=True)
class Syllables:
    """The syllables a romanised given name is made of (Chinese pinyin, Korean): an initial or none, a final,
    a coda or none; from `fewest` to `most` of them, written together or joined by a hyphen or apostrophe."""

    initials: tuple[str, ...]
    finals: tuple[str, ...]
    most: int
    fewest: int = 1
    codas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Naming:
    """How the country's press writes its people's names."""

    family_name: str | None = None  # FAMILY_NAME_POSITIONS; None: decided by the name's shape
    family_names: int = 1  # 2 where people carry two family names (Spanish usage)
    short_reference: tuple[str, ...] = ()  # SHORT_REFERENCES
    recognised_by_shape: str | None = None  # RECOGNISED_ANYWHERE, RECOGNISED_WHEN_NAMED or None
    name_words: tuple[int, int] | None = None  # how many words a name of the shape has
    surnames: tuple[str, ...] = ()
    given_name_syllables: Syllables | None = None
    honorifics: tuple[str, ...] = ()  # words before a name that are neither name nor office
    titles_of_honour: tuple[str, ...] = ()  # conferred titles after an honorific or opening a name


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2
    name: str  # display name
    slug: str
    names: tuple[str, ...]  # names as the press writes them, the display name among them
    adjectives: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()  # compared as written: "US" is a country, "us" a pronoun
    names_language: str = ""  # language of its people's names as printed (a page's lang attribute)
    capital: tuple[str, ...] = ()  # spellings; a story naming it names the country
    places: tuple[str, ...] = ()  # cities, provinces and regions
    institutions: tuple[str, ...] = ()  # names that say whose they are wherever they stand ("State Duma")
    parties: tuple[Party, ...] = ()
    state_posts: tuple[Post, ...] = ()
    naming: Naming = Naming()

    @property
    def ascii_name(self) -> str:
        return to_ascii(self.name)

    @property
    def ruling_party(self) -> Party | None:
        return next((party for party in self.parties if party.ruling), None)


class Countries:
    """Every country of one file, looked up by code, slug, or any word the press uses for it."""

    def __init__(self, countries: tuple[Country, ...], path: Path) -> None:
        self.path = path
        self._all = countries
        self._by_code = {country.code: country for country in countries}
        self._by_slug = {country.slug: country for country in countries}
        self._by_word: dict[str, Country] = {}
        self._by_abbreviation: dict[str, Country] = {}
        for country in countries:
            for word in (*country.names, *country.adjectives):
                self._by_word[phrase_key(word)] = country
            for abbreviation in country.abbreviations:
                self._by_abbreviation[abbreviation] = country

    def get(self, code: str) -> Country | None:
        return self._by_code.get((code or "").upper())

    def by_slug(self, slug: str) -> Country | None:
        return self._by_slug.get(slug)

    def by_word(self, word: str) -> Country | None:
        """The country a name or adjective (any case, accents aside) or an abbreviation (as written) stands for."""
        return self._by_abbreviation.get(word.strip()) or self._by_word.get(phrase_key(word))

    def all(self) -> tuple[Country, ...]:
        return self._all

    def __iter__(self) -> Iterator[Country]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self._by_code


def load_countries(path: str | Path | None = None) -> Countries:
    """Read and validate a countries file (the shipped one by default)."""
    source = Path(path) if path is not None else DEFAULT_PATH
    data = read_json(source, "the countries file", CountriesError)
    entries = data.get("countries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CountriesError(f'{source}: expected an object with a non-empty "countries" list')
    countries = tuple(_Reader(source, index, entry).country() for index, entry in enumerate(entries))
    _check_unique(source, countries)
    return Countries(countries, source)


_current: tuple[str, Countries] | None = None


def current() -> Countries:
    """The countries in force: PORTAL_COUNTRIES_FILE's file when it is set, else the shipped one."""
    global _current
    setting = os.environ.get(PATH_VARIABLE, "")
    if _current is None or _current[0] != setting:
        _current = (setting, load_countries(setting or None))
    return _current[1]


def get(code: str) -> Country | None:
    return current().get(code)


def by_slug(slug: str) -> Country | None:
    return current().by_slug(slug)


def by_word(word: str) -> Country | None:
    return current().by_word(word)


def all_countries() -> tuple[Country, ...]:
    return current().all()


# --- Validation ---------------------------------------------------------------------------------------------


_COUNTRY_FIELDS = frozenset(
    ["code", "name", "slug", "names", "adjectives", "abbreviations", "names_language", "capital", "places",
     "institutions", "parties", "state_posts", "naming"]
)  # fmt: skip
_PARTY_FIELDS = frozenset(["acronym", "name", "other_acronyms", "other_names", "ruling", "top_post"])
_NAMING_FIELDS = frozenset(
    ["family_name", "family_names", "short_reference", "recognised_by_shape", "name_words", "surnames",
     "given_name_syllables", "honorifics", "titles_of_honour"]
)  # fmt: skip


class _Reader:
    """One country entry, read field by field; each error names the file, the country and the field."""

    def __init__(self, source: Path, index: int, entry: object) -> None:
        self.source, self.entry = source, entry
        code = entry.get("code") if isinstance(entry, dict) else None
        self.where = f"{source}: country {index}" + (f" ({code})" if isinstance(code, str) else "")

    def fail(self, field: str, problem: str):
        raise CountriesError(f'{self.where}: "{field}" {problem}')

    def country(self) -> Country:
        entry = self.entry
        if not isinstance(entry, dict):
            raise CountriesError(f"{self.where} is not an object")
        self.unknown(entry, _COUNTRY_FIELDS, "")
        code = self.text(entry, "code", required=True)
        if not _CODE.fullmatch(code):
            self.fail("code", f'must be an ISO 3166 alpha-2 code in capitals such as "VN", got {code!r}')
        name = self.text(entry, "name", required=True)
        slug = self.text(entry, "slug", required=True)
        if not _SLUG.fullmatch(slug):
            self.fail("slug", f"must be lower-case ASCII letters and digits joined by hyphens, got {slug!r}")
        names = self.words(entry, "names", required=True)
        if phrase_key(name) not in {phrase_key(n) for n in names}:
            self.fail("names", f"must include the display name {name!r}")
        language = self.text(entry, "names_language")
        if language and not _LANGUAGE.fullmatch(language):
            self.fail("names_language", f'must be a language code such as "vi", got {language!r}')
        return Country(
            code=code,
            name=name,
            slug=slug,
            names=names,
            adjectives=self.words(entry, "adjectives"),
            abbreviations=self.words(entry, "abbreviations"),
            names_language=language,
            capital=self.words(entry, "capital"),
            places=self.words(entry, "places"),
            institutions=self.words(entry, "institutions"),
            parties=tuple(self.party(party, i) for i, party in enumerate(self.items(entry, "parties"))),
            state_posts=tuple(
                self.post(post, f"state_posts[{i}]") for i, post in enumerate(self.items(entry, "state_posts"))
            ),
            naming=self.naming(entry.get("naming", {})),
        )

    def unknown(self, entry: dict, known: frozenset, prefix: str) -> None:
        for key in entry:
            if key not in known:
                self.fail(prefix + key, f"is not a field of the format (known: {', '.join(sorted(known))})")

    def text(self, entry: dict, field: str, *, required: bool = False, label: str | None = None) -> str:
        value = entry.get(field)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            self.fail(label or field, f"must be a non-empty string without surrounding spaces, got {value!r}")
        return value

    def words(self, entry: dict, field: str, *, required: bool = False, label: str | None = None) -> tuple[str, ...]:
        value = entry.get(field)
        if value is None and not required:
            return ()
        if (
            not isinstance(value, list)
            or (required and not value)
            or not all(isinstance(word, str) and word.strip() and word == word.strip() for word in value)
        ):
            self.fail(label or field, "must be a list of non-empty strings without surrounding spaces")
        return tuple(value)

    def items(self, entry: dict, field: str) -> list:
        value = entry.get(field, [])
        if not isinstance(value, list):
            self.fail(field, "must be a list")
        return value

    def party(self, party: object, index: int) -> Party:
        label = f"parties[{index}]"
        if not isinstance(party, dict):
            self.fail(label, "must be an object")
        self.unknown(party, _PARTY_FIELDS, label + ".")
        ruling = party.get("ruling", False)
        if not isinstance(ruling, bool):
            self.fail(f"{label}.ruling", "must be true or false")
        acronym = self.text(party, "acronym", label=f"{label}.acronym")
        if acronym and not re.fullmatch(r"[A-Z][A-Za-z]{1,9}", acronym):
            self.fail(f"{label}.acronym", f"must be letters, starting with a capital, got {acronym!r}")
        return Party(
            name=self.text(party, "name", required=True, label=f"{label}.name"),
            acronym=acronym,
            other_acronyms=self.words(party, "other_acronyms", label=f"{label}.other_acronyms"),
            other_names=self.words(party, "other_names", label=f"{label}.other_names"),
            ruling=ruling,
            top_post=self.text(party, "top_post", label=f"{label}.top_post"),
        )

    def post(self, post: object, label: str) -> Post:
        if isinstance(post, str) and post.strip():
            return Post(post)
        if isinstance(post, dict) and set(post) <= {"name", "other_names"}:
            return Post(
                self.text(post, "name", required=True, label=f"{label}.name"),
                self.words(post, "other_names", label=f"{label}.other_names"),
            )
        self.fail(label, 'must be a post\'s name or an object {"name": ..., "other_names": [...]}')

    def naming(self, naming: object) -> Naming:
        if not isinstance(naming, dict):
            self.fail("naming", "must be an object")
        self.unknown(naming, _NAMING_FIELDS, "naming.")
        family_name = naming.get("family_name")
        if family_name is not None and family_name not in FAMILY_NAME_POSITIONS:
            self.fail("naming.family_name", f"must be one of {', '.join(FAMILY_NAME_POSITIONS)}, got {family_name!r}")
        family_names = naming.get("family_names", 1)
        if family_names not in (1, 2) or isinstance(family_names, bool):
            self.fail("naming.family_names", f"must be 1 or 2, got {family_names!r}")
        short_reference = self.words(naming, "short_reference", label="naming.short_reference")
        for part in short_reference:
            if part not in SHORT_REFERENCES:
                self.fail("naming.short_reference", f"has {part!r}; the parts are: {', '.join(SHORT_REFERENCES)}")
        if short_reference and family_name is None:
            self.fail("naming.short_reference", 'needs "family_name" to say where the family name stands')
        recognised = naming.get("recognised_by_shape")
        if recognised not in (None, RECOGNISED_ANYWHERE, RECOGNISED_WHEN_NAMED):
            self.fail("naming.recognised_by_shape", f'must be "{RECOGNISED_ANYWHERE}" or "{RECOGNISED_WHEN_NAMED}"')
        surnames = self.words(naming, "surnames", label="naming.surnames")
        name_words = naming.get("name_words")
        if name_words is not None and not (
            isinstance(name_words, list)
            and len(name_words) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in name_words)
            and 2 <= name_words[0] <= name_words[1] <= 6
        ):
            self.fail("naming.name_words", f"must be [fewest, most] words, from 2 to 6, got {name_words!r}")
        if recognised and not (surnames and name_words and family_name == "first"):
            self.fail(
                "naming.recognised_by_shape",
                'needs "surnames", "name_words" and "family_name": "first" (a family name, then more words)',
            )
        return Naming(
            family_name=family_name,
            family_names=family_names,
            short_reference=short_reference,
            recognised_by_shape=recognised,
            name_words=tuple(name_words) if name_words else None,
            surnames=surnames,
            given_name_syllables=self.syllables(naming.get("given_name_syllables")),
            honorifics=self.words(naming, "honorifics", label="naming.honorifics"),
            titles_of_honour=self.words(naming, "titles_of_honour", label="naming.titles_of_honour"),
        )

    def syllables(self, syllables: object) -> Syllables | None:
        if syllables is None:
            return None
        label = "naming.given_name_syllables"
        if not isinstance(syllables, dict) or not {"initials", "finals", "most"} <= set(syllables):
            self.fail(label, 'must be an object with "initials", "finals" and "most" (and "fewest", "codas")')
        self.unknown(syllables, frozenset(["initials", "finals", "codas", "fewest", "most"]), f"{label}.")
        parts = {}
        for key in ("initials", "finals", "codas"):
            value = self.words(syllables, key, required=key != "codas", label=f"{label}.{key}")
            if not all(_SYLLABLE_PART.fullmatch(part) for part in value):
                self.fail(f"{label}.{key}", "must be lower-case ASCII letters")
            parts[key] = value
        fewest, most = syllables.get("fewest", 1), syllables["most"]
        for key, value in (("fewest", fewest), ("most", most)):
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 6:
                self.fail(f"{label}.{key}", f"must be a number of syllables from 1 to 6, got {value!r}")
        if fewest > most:
            self.fail(f"{label}.fewest", f"is more than most ({fewest} > {most})")
        return Syllables(parts["initials"], parts["finals"], most, fewest, parts["codas"])


def _check_unique(source: Path, countries: tuple[Country, ...]) -> None:
    """Codes, slugs, the words for a country, places and party acronyms each belong to one country."""
    owners: dict[tuple[str, str], str] = {}
    for country in countries:
        claims = [("code", country.code), ("slug", country.slug)]
        claims += [("word", phrase_key(word)) for word in (*country.names, *country.adjectives)]
        claims += [("abbreviation", word) for word in country.abbreviations]
        claims += [("place", phrase_key(place)) for place in {*country.capital, *country.places}]
        claims += [
            ("party acronym", acronym)
            for party in country.parties
            for acronym in (party.acronym, *party.other_acronyms)
            if acronym
        ]
        for kind, value in dict.fromkeys(claims):
            owner = owners.setdefault((kind, value), country.code)
            if owner != country.code:
                raise CountriesError(f"{source}: country {country.code}: the {kind} {value!r} is also {owner}'s")
        if sum(party.ruling for party in country.parties) > 1:
            raise CountriesError(f'{source}: country {country.code}: "parties" has more than one ruling party')
