"""The country facts extraction reads, in the forms it looks them up, built from the countries file.

    lexicon() -> Lexicon     for the countries file in force (articles/countries.py: the shipped file,
                             or the one PORTAL_COUNTRIES_FILE names), built once per file

Words are folded (ASCII, lower case) as tokens are; patterns find them in folded text, longest first.
Nothing here names a country: every word comes from the countries file or vocabulary.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import countries as countries_module
from ..countries import RECOGNISED_ANYWHERE, Countries, Naming
from . import vocabulary
from .names import phrase_key, to_ascii


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(word) for word in set(words)), key=len, reverse=True))


def _head_word(post: str) -> str:
    """The word that names a post: "Chairman of the National Assembly" -> "chairman", "Emperor" -> "emperor"."""
    words = phrase_key(post).split()
    return (words[: words.index("of")] if "of" in words[1:] else words)[-1]


def _plural(post: str) -> str:
    """ "minister" -> "ministers", "chairman" -> "chairmen", "secretary-general" -> "secretaries-general"."""
    head, hyphen, tail = post.partition("-")
    if hyphen and tail == "general":
        return _plural(head) + "-general"
    if hyphen:
        return f"{head}-{_plural(tail)}"
    if post.endswith("man"):
        return post[:-3] + "men"
    if post.endswith("y") and post[-2:-1] not in "aeiou":
        return post[:-1] + "ies"
    return post + "s"


def singular_title(title: str) -> str:
    """ "Foreign Ministers" -> "Foreign Minister": the office each of the people a plural title lists holds (the
    title's last word; "Council of Ministers Chairman" is one chairman's)."""
    singular_posts = lexicon().singular_posts

    def singular(match: re.Match) -> str:
        printed = match.group().split("-")
        parts = singular_posts[to_ascii(match.group()).lower()].split("-")
        return "-".join(
            part.capitalize() if was[:1].isupper() else part for part, was in zip(parts, printed, strict=True)
        )

    return lexicon().plural_post_pattern.sub(singular, title)


def _words_pattern(words) -> re.Pattern | None:
    """Whole words or phrases, longest first, in folded text; None when there are none."""
    words = [word for word in words if word]
    return re.compile(rf"\b({_alternation(words)})\b") if words else None


@dataclass(frozen=True)
class NameShape:
    """The shape of one country's names: a family name of its list first, then more words (and, where the
    country romanises by syllables, a given name made of them)."""

    country: str
    surnames: frozenset[str]
    fewest: int
    most: int
    given_name: re.Pattern | None  # one to `most` syllables, written together
    long_given_name: re.Pattern | None  # two syllables or more
    anywhere: bool  # recognised wherever it stands, not only in stories naming the country

    def fits(self, words: list[str], key) -> bool:
        if not self.fewest <= len(words) <= self.most or key(words[0]) not in self.surnames:
            return False
        if self.given_name is None:
            return True
        if to_ascii(" ".join(words)) != " ".join(words):
            return False  # romanised syllables are printed without diacritics
        return self.given_name.fullmatch("".join(words[1:]).lower()) is not None


def _syllable_patterns(naming: Naming) -> tuple[re.Pattern | None, re.Pattern | None]:
    syllables = naming.given_name_syllables
    if syllables is None:
        return None, None
    one = rf"(?:{_alternation(syllables.initials)})?(?:{_alternation(syllables.finals)})"
    if syllables.codas:
        one += rf"(?:{_alternation(syllables.codas)})?"
    return (
        re.compile(rf"(?:{one}['-]?){{{syllables.fewest},{syllables.most}}}"),
        re.compile(rf"(?:{one}['-]?){{2,{max(2, syllables.most)}}}"),
    )


class Lexicon:
    """Everything extraction looks up about countries, built from one Countries."""

    def __init__(self, countries: Countries) -> None:
        self.countries = countries
        every = tuple(countries)
        # Names, adjectives and the longer abbreviations, folded -> country code ("laotian" -> the code).
        self.country_words: dict[str, str] = {}
        for country in every:
            for word in (*country.names, *country.adjectives):
                self.country_words[phrase_key(word)] = country.code
            for abbreviation in country.abbreviations:
                if sum(c.isalpha() for c in abbreviation) >= 3:  # "us" and "u.s." are English words folded
                    self.country_words[phrase_key(abbreviation)] = country.code
        self.country_word_pattern = _words_pattern(
            phrase_key(word) for country in every for word in (*country.names, *country.adjectives)
        )
        self.abbreviations = {abbreviation: c.code for c in every for abbreviation in c.abbreviations}
        self.abbreviation_pattern = (
            re.compile(rf"\b(?:{_alternation(self.abbreviations)})(?!\w)") if self.abbreviations else None
        )
        self.capitals = {phrase_key(spelling): c.code for c in every for spelling in c.capital}
        self.capital_pattern = _words_pattern(self.capitals)
        self.institutions = {phrase_key(name): c.code for c in every for name in c.institutions}
        self.institution_pattern = _words_pattern(self.institutions)
        # Every place a name can look like, and the country of those that are one country's.
        self.place_countries = {phrase_key(place): c.code for c in every for place in (*c.capital, *c.places)}
        self.places = (
            frozenset(self.place_countries) | {phrase_key(p) for p in vocabulary.PLACES} | set(self.country_words)
        )
        # The first word of each, so that a sentence's words are looked up only where a phrase may start.
        self.first_words_of_places = frozenset(place.split()[0] for place in self.places)
        self.first_words_of_institutions = frozenset(name.split()[0] for name in self.institutions)
        self.places_with_country_words = _words_pattern(
            place
            for place in self.places
            if place not in self.country_words and self.country_word_pattern.search(place)
        )
        self._parties(every)
        self._honorifics(every)
        self._naming(every)
        # "Foreign Ministers A and B": a post in the plural titles each person the phrase lists.
        self.singular_posts = {
            _plural(word): word for word in self.posts | vocabulary.RANK_WORDS if len(word) > 3 and word[-1] != "s"
        }
        # At the title's end, before the names: "Foreign Ministers A and B", not "Council of Ministers Chairman A".
        self.plural_post_pattern = re.compile(rf"\b(?:{_alternation(self.singular_posts)})(?=\s*$)", re.IGNORECASE)
        # Capitalised words that are never part of a person's name.
        self.title_words = (
            vocabulary.ORGANISATION_WORDS
            | self.posts
            | vocabulary.POST_MODIFIERS
            | vocabulary.POST_QUALIFIERS
            | self.honorific_words
            | vocabulary.RANK_WORDS
            | frozenset(self.singular_posts)
        )
        country_alternation = _alternation(self.country_words)
        state_form = r"(?:(?:socialist |people's |democratic |federal )*republic of |kingdom of )"
        # "China", "the Kingdom of Cambodia": an organization that is a country.
        self.country_only = re.compile(
            rf"^(?:the )?{state_form}?(?:the )?(?P<country>{country_alternation})(?: people's democratic republic)?$"
        )
        self.country_possessive = re.compile(rf"^(?P<country>{country_alternation})'s\s+(?=\S)")

    def _parties(self, every) -> None:
        self.party_acronyms: dict[str, tuple[str, str]] = {}  # acronym -> (country, the party's label)
        self.party_names: list[tuple[re.Pattern, tuple[str, str]]] = []  # in folded text
        self.ruling_parties: dict[str, str] = {}  # country -> its ruling party's label
        self.party_top_posts: dict[str, str] = {}  # party label -> what it calls its leader
        for country in every:
            for party in country.parties:
                owner = (country.code, party.label)
                for acronym in (party.acronym, *party.other_acronyms):
                    if acronym:
                        self.party_acronyms[acronym] = owner
                # Apostrophes optional: "Lao Peoples Revolutionary Party" is printed too.
                spellings = [
                    re.escape(phrase_key(name)).replace("'", "'?") for name in (party.name, *party.other_names)
                ]
                self.party_names.append((re.compile("|".join(spellings)), owner))
                if party.ruling:
                    self.ruling_parties[country.code] = party.label
                if party.top_post:
                    self.party_top_posts[party.label] = party.top_post
        # Every post the file names, by each spelling: read whole even where its first word is no post word
        # ("State Councilor", "Grand Chancellor"), and its head word ("Emperor") is a post word.
        self.known_posts = {
            phrase_key(spelling): post.name
            for country in every
            for post in country.state_posts
            for spelling in (post.name, *post.other_names)
        }
        self.known_posts.update({phrase_key(post): post for post in self.party_top_posts.values()})
        self.posts = vocabulary.POSTS | {_head_word(post) for post in self.known_posts}

    def _honorifics(self, every) -> None:
        phrases = [*vocabulary.HONORIFICS, *(word for country in every for word in country.naming.honorifics)]
        as_words = {tuple(phrase_key(phrase).split()) for phrase in phrases}
        # With full stops they are abbreviations ("H.E."); otherwise one word ("Samdech") or several ("Lok Chumteav").
        self.honorific_abbreviations = frozenset(words[0] for words in as_words if "." in words[0])
        self.honorific_words = frozenset(words[0] for words in as_words if len(words) == 1 and "." not in words[0])
        self.honorific_phrases = frozenset(words for words in as_words if len(words) > 1)
        self.titles_of_honour = frozenset(
            tuple(phrase_key(title).split()) for country in every for title in country.naming.titles_of_honour
        )

    def _naming(self, every) -> None:
        self.naming = {country.code: country.naming for country in every if country.naming.family_name}
        shapes = []
        for country in every:
            naming = country.naming
            if not naming.recognised_by_shape:
                continue
            fewest, most = naming.name_words
            given, long_given = _syllable_patterns(naming)
            shapes.append(
                NameShape(
                    country=country.code,
                    surnames=frozenset(phrase_key(surname) for surname in naming.surnames),
                    fewest=fewest,
                    most=most,
                    given_name=given,
                    long_given_name=long_given,
                    anywhere=naming.recognised_by_shape == RECOGNISED_ANYWHERE,
                )
            )
        # A shape with syllables says more than a family name alone: it is tried first.
        self.name_shapes = tuple(sorted(shapes, key=lambda shape: shape.given_name is None))
        self.shapes_by_country = {shape.country: shape for shape in self.name_shapes}
        # Family names of the shapes recognised anywhere: a capitalised word among them may open a name.
        self.common_surnames = frozenset().union(*(s.surnames for s in self.name_shapes if s.anywhere))
        self.all_surnames = frozenset().union(*(s.surnames for s in self.name_shapes))


_built: tuple[Countries, Lexicon] | None = None


def lexicon() -> Lexicon:
    """The lexicon of the countries file in force, rebuilt when another file is put in force."""
    global _built
    countries = countries_module.current()
    if _built is None or _built[0] is not countries:
        _built = (countries, Lexicon(countries))
    return _built[1]
