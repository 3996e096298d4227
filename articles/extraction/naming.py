"""How each country writes and shortens its people's names, read from the countries file ("naming").

After a person's first full mention an article uses a shorter reference, and which part depends on
the naming convention of the person's country: the given name where it comes last and people are
called by it ("Lê Hoài Trung" -> "Trung"), the family name where it comes first ("Xi Jinping" ->
"Xi"), either end where names are printed in both orders, the first of two family names where
people carry two. A person whose country has no convention of its own is read by the shape of the
name (a family name of a country's list, the syllables of its romanisation), else as a name whose
family name comes last.
"""

from __future__ import annotations

from ..countries import Naming
from .lexicon import NameShape, lexicon
from .names import has_diacritics, person_key, word_key

# A name of no known convention or shape: given names, then the family name, which short references use.
FAMILY_NAME_LAST = Naming(family_name="last", short_reference=("family name",))


def name_shapes(name: str) -> list[NameShape]:
    """The shapes of countries' names this name has, a shape with syllables first, then in the file's order."""
    words = name.split()
    return [shape for shape in lexicon().name_shapes if shape.fits(words, word_key)]


def name_shape(name: str) -> NameShape | None:
    """The country whose names this name is shaped like first, if any."""
    return next(iter(name_shapes(name)), None)


def recognised_by_shape(name: str, named: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether the name has a shape that marks it as a person's wherever it stands, or in a story that
    names the country whose names have that shape ("Kim Tae-hyo" in a story about Korea)."""
    shapes = name_shapes(name)
    return bool(shapes) and (shapes[0].anywhere or any(shape.country in named for shape in shapes))


def country_by_shape(name: str) -> str | None:
    """The country a name's shape says, unless another country's names could be the same: a two-word
    name without diacritics whose family name another such country also has ("To Lam" is Vietnamese,
    no Chinese family name being "To"; "Li" opens names of both)."""
    shape = name_shape(name)
    if shape is None or not shape.anywhere:
        return None
    words = name.split()
    if shape.given_name is None and len(words) < 3 and not has_diacritics(name):
        others = (other for other in lexicon().name_shapes if other.anywhere and other is not shape)
        if any(word_key(words[0]) in other.surnames for other in others):
            return None
    return shape.country


def naming_of(name: str, country: str | None = None) -> tuple[Naming, NameShape | None]:
    """The convention the name follows (by the person's country when it has one, else by the name's
    shape), and that country's name shape."""
    lex = lexicon()
    if country in lex.naming:
        return lex.naming[country], lex.shapes_by_country.get(country)
    shape = name_shape(name)
    if shape is not None and shape.anywhere and shape.country in lex.naming:
        return lex.naming[shape.country], shape
    return FAMILY_NAME_LAST, None


def short_forms(name: str, country: str | None = None) -> set[str]:
    """Folded words a later, shorter reference to this person may use ("Trung", "Xi")."""
    words = name.split()
    if len(words) < 2:
        return set()
    naming, shape = naming_of(name, country)
    picked: list[str] = []
    for part in naming.short_reference:
        if part == "family name":
            picked += _family_name(words, naming)
        elif part == "given name":
            picked.append(words[-1] if naming.family_name == "first" else words[0])
        elif part == "given name of two syllables or more":
            # "Vice Premier Gaoli" for Zhang Gaoli: such a given name is used like a family name.
            long_given = shape.long_given_name if shape else None
            if len(words) == 2 and long_given is not None and long_given.fullmatch(words[1].lower()):
                picked.append(words[1])
    return {word_key(word) for word in picked if len(word_key(word)) >= 2}


def _family_name(words: list[str], naming: Naming) -> list[str]:
    if naming.family_name == "first":
        return [words[0]]
    if naming.family_name == "either":
        return [words[0], words[-1]]
    if naming.family_names == 2 and len(words) >= 3:
        return words[-2:]  # "Miguel Díaz-Canel Bermúdez" -> "Díaz-Canel" (and "Bermúdez")
    return [words[-1]]


def partial_names(name: str, country: str | None = None) -> set[str]:
    """Keys of shorter references of two words or more: "Van Nen" for Nguyen Van Nen (the given names
    without the family name, as some foreign outlets write them)."""
    words = name.split()
    if len(words) >= 3 and "last two given names" in naming_of(name, country)[0].short_reference:
        return {person_key(" ".join(words[-2:]))}
    return set()
